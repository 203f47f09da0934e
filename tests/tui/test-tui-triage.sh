#!/bin/sh
# Triage in the UI follows the decisions of the CLI (issue 13 items 2, 3,
# 5, 13, 16): `o` over an automatic silencing (an ADR that names the path,
# an inline ignore) records an `open` decision that later runs honour,
# over a human decision it withdraws it, and the status line says which;
# history entries carry git's `user.name <email>`; a short reason is
# refused in the dialog with triage_reason_check's message, the typed
# text kept; the ADR picker takes `1`, `ADR-2`, `0001-x.md` and refuses
# an ADR that does not exist, listing the known ones; `M` marks every
# finding of the list as one step (one `u`), after confirming the count;
# the detail view shows an ADR suggestion (keyword match).
set -u
bin=${PPAUDIT:-./ppaudit}
case $bin in /*) ;; *) bin=$(pwd)/$bin ;; esac
tmp=$(mktemp -d)
trap '[ -n "${KEEP:-}" ] || rm -rf "$tmp"' EXIT
out=$tmp/out
mkdir -p "$out"
n=0 failed=0
ok() { # status description
	n=$((n + 1))
	if [ "$1" -eq 0 ]; then echo "ok $n - $2"; else echo "not ok $n - $2"; failed=$((failed + 1)); fi
}
is() { # got want description
	[ "$1" = "$2" ]; ok $? "$3 (got '$1', want '$2')"
}
st() { # state-file key: the value
	sed -n "s/^$2=//p" "$out/$1" | head -n 1
}
skip_status=77
[ "${PPAUDIT_REQUIRE_TEST_DEPS:-0}" = 1 ] && skip_status=1
command -v git >/dev/null || { echo "1..0 # SKIP git not installed"; exit $skip_status; }
command -v jq >/dev/null || { echo "1..0 # SKIP jq not installed"; exit $skip_status; }

# ---- a service: five handlers that sleep ------------------------------------
# reports.py: silenced by ADR-001 (names the path); warmup.py: an inline
# ignore; the others open, ADR-002 suggested by keywords only
p=$tmp/svc
mkdir -p "$p/app/api" "$p/docs/adr"
printf 'fastapi==0.110.0\n' >"$p/requirements.txt"
for name in reports uploads exports imports warmup; do
	ignore=
	[ $name = warmup ] && ignore='  # ppaudit: ignore[sync_sleep] warm-up probe, runs once at deploy'
	cat >"$p/app/api/$name.py" <<PY
import time

from fastapi import APIRouter

router = APIRouter()


@router.get("/$name/{name}")
async def read_$name(name: str):
    time.sleep(0.5)$ignore
    return {"name": name}
PY
done
cat >"$p/docs/adr/0001-report-throttling.md" <<'MD'
# 1. Report throttling sleeps in the handler

Status: accepted

Applies to: `app/api/reports.py`

We keep `sync_sleep` in the report handler until the queue lands.
MD
cat >"$p/docs/adr/0002-slack-note.md" <<'MD'
# 2. Blocking sleep in async handler for uploads is accepted

Status: accepted

From Slack: we accept it for now.
MD
(cd "$p" && git init -q && git config user.name "Dana Lee" &&
	git config user.email dana@example.com && git add -A && git commit -qm init) || exit 1
(cd "$p" && PPAUDIT_DATE=2026-03-01 "$bin" run --no-tui . >/dev/null 2>&1) || { echo "not ok - first run"; exit 1; }
tri=$p/docs/project/.audit/ln-650/triage.json

ui() { # script args...: ppaudit review in scripted mode ($USER is not git's name)
	s=$1
	shift
	(cd "$p" && env USER=somebody-else PPAUDIT_DATE=2026-03-01 PPAUDIT_TIME=2026-03-01T10:00:00Z \
		PPAUDIT_NO_DISPLAY=1 PPAUDIT_SIZE=100x30 NO_COLOR=1 PPAUDIT_ASCII=1 \
		LC_ALL=C.UTF-8 PPAUDIT_SCRIPT="$s" "$bin" "$@") >"$out/stdout" 2>"$out/stderr"
}
decision() { # location field: the field of the decision of the finding at location
	jq -r --arg f "$1" '.decisions | to_entries[] | select(.value.file == $f) | .value.'"$2" "$tri" 2>/dev/null
}
list_status() { # location: its status in `triage list`
	(cd "$p" && "$bin" triage list . 2>/dev/null) | awk -v loc="$1" '$5 == loc { print $4 }'
}

# ---- 1. reopen; 2. the actor; 3. reasons; 6. the suggestion -----------------
cat >"$tmp/s1" <<EOF
/reports.py<Enter>
:save-state $out/adr-before.state
o
:save-state $out/reopen-adr.state
/warmup.py<Enter>
o
:save-state $out/reopen-inline.state
<Enter>
:save-display $out/reopen-inline.txt
EOF
ui "$tmp/s1" review 2026-03-01 .
ok $? "review exits 0"
is "$(st adr-before.state cursor_status)" adr_override "reports.py is silenced by ADR-001"
is "$(st reopen-adr.state cursor_status)" open "o reopens it"
case $(st reopen-adr.state message) in
*"kept open"*) ok 0 "the status line says the reopen is kept as a decision" ;;
*) ok 1 "the status line says the reopen is kept as a decision (got '$(st reopen-adr.state message)')" ;;
esac
is "$(decision app/api/reports.py status)" open "triage.json holds an open decision over the ADR"
is "$(decision app/api/reports.py author)" "Dana Lee <dana@example.com>" "its author is git's user.name <email>"
is "$(st reopen-inline.state cursor_status)" open "o reopens over an inline ignore"
is "$(decision app/api/warmup.py status)" open "that is an open decision too"
grep -q "Status: *open, rule manual" "$out/reopen-inline.txt" && grep -q "by Dana Lee <dana@example.com>" "$out/reopen-inline.txt"
ok $? "the detail shows the reopen as a decision, with its author"
cat >"$tmp/s1b" <<EOF
/exports.py<Enter>
a
ok<Enter>
:save-state $out/short.state
:save-display $out/short.txt
<C-u>   <Enter>
:save-state $out/blank.state
<C-u>batch export, runs at night<Enter>
:save-state $out/adv.state
o
:save-state $out/reopen-human.state
/uploads.py<Enter>
<Enter>
:save-display $out/suggest.txt
q
EOF
ui "$tmp/s1b" review 2026-03-01 .
ok $? "review exits 0"
is "$(st short.state dialog)" prompt "a two-letter reason keeps the dialog open"
case $(st short.state message) in
*"at least 3 characters"*) ok 0 "with triage_reason_check's message" ;;
*) ok 1 "with triage_reason_check's message (got '$(st short.state message)')" ;;
esac
grep -q "at least 3 characters" "$out/short.txt"; ok $? "the message is on the screen"
is "$(st short.state dialog_text)" ok "the typed text is kept"
is "$(st blank.state dialog)" prompt "a blank reason keeps the dialog open too"
is "$(st adv.state cursor_status)" advisory "a real reason is recorded"
is "$(st reopen-human.state cursor_status)" open "o over a human decision reopens"
case $(st reopen-human.state message) in
*withdrawn*) ok 0 "the status line says the decision was withdrawn" ;;
*) ok 1 "the status line says the decision was withdrawn (got '$(st reopen-human.state message)')" ;;
esac
is "$(decision app/api/exports.py status)" "" "exports.py has no decision left"
is "$(jq -r '[.history[].author] | unique | join(",")' "$tri")" "Dana Lee <dana@example.com>" \
	"every history entry is by git's user.name <email>, not \$USER"
grep -q "ADR-002" "$out/suggest.txt" && grep -qi "suggest" "$out/suggest.txt"
ok $? "the detail view shows the ADR suggestion"
(cd "$p" && PPAUDIT_DATE=2026-03-02 "$bin" run --no-tui . >/dev/null 2>&1); ok $? "a second run"
is "$(list_status app/api/reports.py:10)" open "the reopen over the ADR survives the next run"
is "$(list_status app/api/warmup.py:10)" open "so does the reopen over the inline ignore"

# ---- 4. the ADR picker ---------------------------------------------------------
cat >"$tmp/s2" <<EOF
/uploads.py<Enter>
A
ADR-42<Enter>
:save-state $out/adr-bad.state
:save-display $out/adr-bad.txt
<Backspace><Backspace><Backspace><Backspace><Backspace><Backspace>ADR-2<Enter>
:save-state $out/adr-2.state
/imports.py<Enter>
A
0001-report-throttling.md<Enter>
:save-state $out/adr-file.state
/exports.py<Enter>
A
1<Enter>
:save-state $out/adr-1.state
EOF
ui "$tmp/s2" review 2026-03-02 .
ok $? "review exits 0"
is "$(st adr-bad.state dialog)" choose "an unknown ADR keeps the picker open"
grep -q "ADR-42 is not one of the project's ADRs" "$out/adr-bad.txt"; ok $? "and says so"
grep -q "ADR-001" "$out/adr-bad.txt" && grep -q "ADR-002" "$out/adr-bad.txt"; ok $? "listing the known ones"
is "$(st adr-2.state cursor_status)" adr_override "ADR-2 is accepted"
is "$(decision app/api/uploads.py adr)" ADR-002 "and stored as ADR-002"
is "$(decision app/api/imports.py adr)" ADR-001 "0001-report-throttling.md is stored as ADR-001"
is "$(decision app/api/exports.py adr)" ADR-001 "1 is stored as ADR-001"

# ---- 5. bulk marking -----------------------------------------------------------
# the list filtered on status adr_override: the three findings just linked
cat >"$tmp/s3" <<EOF
F
<Down><Down><Right><Right><Right><Enter>
:save-state $out/bulk-filter.state
M
:save-state $out/bulk-menu.state
:save-display $out/bulk-menu.txt
<Down><Enter>
no<Enter>
:save-state $out/bulk-short.state
<C-u>generated client code, not ours<Enter>
:save-state $out/bulk-confirm.state
:save-display $out/bulk-confirm.txt
y
:save-state $out/bulk-done.state
F
x<Enter>
:save-state $out/bulk-all.state
u
:save-state $out/bulk-undo.state
<C-r>
:save-state $out/bulk-redo.state
EOF
ui "$tmp/s3" review 2026-03-02 .
ok $? "review exits 0"
is "$(st bulk-filter.state rows)" 3 "the filter shows the three ADR links"
is "$(st bulk-menu.state dialog)" choose "M asks how to mark them"
grep -q "3 findings" "$out/bulk-menu.txt"; ok $? "naming the count"
is "$(st bulk-short.state dialog)" prompt "a short bulk reason is refused in the dialog"
is "$(st bulk-confirm.state dialog)" confirm "then the count is confirmed"
grep -q "Mark 3 findings false positive" "$out/bulk-confirm.txt"; ok $? "the question names count and status"
is "$(st bulk-all.state false_positive)" 3 "the three are false positives"
is "$(st bulk-all.state adr)" 0 "no ADR link left"
is "$(jq '[.decisions[] | select(.status == "false_positive")] | length' "$tri")" 3 \
	"triage.json holds the three decisions"
# the last nine entries: the bulk, the undo, the redo, three steps of three
is "$(jq -c '[.history[-9:] | group_by(.step)[] | [.[0].action, length]]' "$tri")" \
	'[["false_positive",3],["undo",3],["false_positive",3]]' \
	"bulk, undo and redo are one step each in the history"
is "$(jq -c '.history[-9:] as $h | [$h[3:6][] | .undoes == $h[0].step] | unique' "$tri")" \
	'[true]' "the undo entries name the bulk's step"
is "$(st bulk-undo.state adr)" 3 "one u undoes the whole bulk step"
is "$(st bulk-undo.state false_positive)" 0 "(no false positive left)"
is "$(st bulk-redo.state false_positive)" 3 "Ctrl-R redoes it as a whole"
is "$(jq '[.decisions[] | select(.status == "false_positive")] | length' "$tri")" 3 \
	"triage.json follows the redo"
(cd "$p" && "$bin" triage undo . >/dev/null 2>&1)
is "$(jq '[.decisions[] | select(.status == "false_positive")] | length' "$tri")" 0 \
	"triage undo after the session reverts the redo"
(cd "$p" && "$bin" triage undo . >/dev/null 2>&1)
is "$(jq '[.decisions[] | select(.status == "false_positive")] | length' "$tri")" 0 \
	"and the next one skips the bulk the session undid (it does not redo it)"

echo "1..$n"
[ "$failed" -eq 0 ]
