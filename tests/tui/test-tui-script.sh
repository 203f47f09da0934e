#!/bin/sh
# Scripted UI tests, no terminal (the way tig tests itself): with
# PPAUDIT_NO_DISPLAY curses draws into /dev/null but keeps its virtual
# screen; PPAUDIT_SCRIPT feeds keys and :commands, the next key being read
# only once the workers are idle; :save-display / :save-state dumps are
# compared with tests/tui/expected/ (reviewed by hand) or checked key by key.
#
# Covers: the four panes reach done with the right counts; navigate,
# filter, search, sort; open a detail (source, blame); mark an advisory and
# see the score change and triage.json written; the reports rewritten;
# review keeps the decision; undo/redo/reopen; export (and no silent
# overwrite of a foreign file); history and compare; resize to 80x24 and
# to a tiny size; an escape sequence planted in the source never reaches
# the screen.
# TUI_UPDATE_EXPECTED=1 rewrites the expected screens (review the diff!).
set -u
bin=${PPAUDIT:-./ppaudit}
srcdir=${top_srcdir:-.}/tests/tui
exp=$srcdir/expected
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
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
same() { # name: compare the dump with expected/name.txt (elapsed times masked)
	sed 's/[0-9][0-9]:[0-9][0-9]\.[0-9]/MM:SS.T/g' "$out/$1.txt" >"$out/$1.masked"
	[ -n "${TUI_UPDATE_EXPECTED:-}" ] && cp "$out/$1.masked" "$exp/$1.txt"
	diff -u "$exp/$1.txt" "$out/$1.masked" >"$out/$1.diff" 2>&1
	ok $? "screen $1 matches expected/$1.txt"
	[ -s "$out/$1.diff" ] && sed 's/^/# /' "$out/$1.diff"
	return 0
}
ui() { # script-file args...: ppaudit in the project, keys from the script
	s=$1
	shift
	(cd "$p" && env PPAUDIT_DATE="$DATE" PPAUDIT_TIME=2026-11-20T10:00:00Z \
		PPAUDIT_NO_DISPLAY=1 PPAUDIT_SIZE=80x24 NO_COLOR=1 PPAUDIT_ASCII=1 \
		LC_ALL=C.UTF-8 PPAUDIT_SCRIPT="$s" "$bin" "$@") >"$out/stdout" 2>"$out/stderr"
}
commit() { # message: a commit with pinned identity and dates (stable sha)
	(cd "$p" && git add -A && GIT_AUTHOR_DATE=2026-11-01T09:00:00Z \
		GIT_COMMITTER_DATE=2026-11-01T09:00:00Z git commit -qm "$1")
}

if ! "$bin" review --help >/dev/null 2>&1; then
	echo "not ok - $bin has no review command"
	exit 1
fi
# scripts/bootstrap.sh installs every tool the tests use: there a missing
# one is a failure, not a skip
skip_status=77
[ "${PPAUDIT_REQUIRE_TEST_DEPS:-0}" = 1 ] && skip_status=1
command -v git >/dev/null || { echo "1..0 # SKIP git not installed"; exit $skip_status; }

# ---- the project: the fixture, with an escape sequence planted ----------
p=$tmp/ledger
cp -R "$srcdir/project" "$p"
esc=$(printf '\033')
bel=$(printf '\007')
awk -v e="$esc" -v b="$bel" '
	/time\.sleep\(0\.2\)/ { print $0 "  # " e "[31mpaused" e "[0m " e "]0;pwned" b; next }
	{ print }' "$p/app/api/accounts.py" >"$tmp/acc" && mv "$tmp/acc" "$p/app/api/accounts.py"
printf 'docs/project/.audit/\ndocs/project/persistence_audit.md\n' >"$p/.gitignore"
(cd "$p" && git init -q && git config user.name "Tess Tester" &&
	git config user.email tess@example.com) || exit 1
commit "ledger service"

# ---- 1. live run, list, panes, help, navigation, filter, search, detail --
DATE=2026-11-20
cat >"$tmp/s1" <<EOF
:wait-idle
:save-state $out/list.state
:save-display $out/list.txt
p
:save-state $out/progress.state
:save-display $out/progress.txt
q
?
:save-display $out/help.txt
q
jj
:save-state $out/nav1.state
G
:save-state $out/nav2.state
g
F
<Right><Right><Right>
:save-display $out/filter-dialog.txt
<Enter>
:save-state $out/filter.state
:save-display $out/filter.txt
F
x
<Enter>
/sleep<Enter>
:save-state $out/search.state
<Enter>
:wait-idle
:save-state $out/detail.state
:save-display $out/detail.txt
q
/var/statements<Enter>
a
writes to a local scratch disk<Enter>
:save-state $out/adv.state
:save-display $out/adv.txt
s
:save-state $out/sort.state
ss
:resize 120x40
:save-state $out/big.state
:resize 60x20
:save-state $out/tiny.state
:save-display $out/tiny.txt
:resize 80x24
:save-display $out/back.txt
EOF
ui "$tmp/s1" run .
ok $? "live run in scripted mode exits 0"
is "$(st list.state view)" findings "the browser opens when the run ends"
is "$(st list.state rows)" 8 "eight findings listed"
same list
is "$(st progress.state worker.0)" "ln-651 state=done files=7/7 C=0 H=1 M=1 L=0" "pane ln-651 done with its counts"
is "$(st progress.state worker.1)" "ln-652 state=done files=7/7 C=0 H=0 M=0 L=0" "pane ln-652 done with its counts"
is "$(st progress.state worker.2)" "ln-653 state=done files=7/7 C=0 H=3 M=0 L=0" "pane ln-653 done with its counts"
is "$(st progress.state worker.3)" "ln-654 state=done files=7/7 C=0 H=1 M=1 L=1" "pane ln-654 done with its counts"
same progress
same help
is "$(st nav1.state cursor)" 2 "jj moves the cursor two rows"
is "$(st nav2.state cursor)" 7 "G goes to the last row"
same filter-dialog
is "$(st filter.state filter)" " Runtime" "the filter names the category"
is "$(st filter.state rows)" 3 "three Runtime Performance findings"
same filter
is "$(st search.state cursor_check)" sync_sleep "/sleep finds the sync_sleep finding"
is "$(st detail.state view)" detail "Enter opens the detail"
is "$(st detail.state blame)" "Tess Tester, 2026-11-01" "blame names the last author and date"
same detail
grep -q '^>   33 | .*# ?\[31mpaused?\[0m ?\]0;pwned?$' "$out/detail.txt"; ok $? "the source line shows the planted escape sequence defused"
grep -q '^  33: .*# ?\[31mpaused?\[0m ?\]0;pwned?$' "$out/detail.txt"; ok $? "so does the evidence line"
! grep -q '\^\[' "$out"/*.txt; ok $? "no control character reached curses (no ^[ shown)"
! grep -q "$esc" "$out"/*.txt; ok $? "no escape byte in any screen dump"
is "$(st adv.state cursor_status)" advisory "a marks the finding advisory"
is "$(st adv.state overall)" 8.8 "the overall score rises at once (8.6 -> 8.8)"
is "$(st adv.state score.runtime_performance)" 8.5 "the category score rises (7.5 -> 8.5)"
same adv
tri=$p/docs/project/.audit/ln-650/triage.json
grep -q '"reason":[[:space:]]*"writes to a local scratch disk"' "$tri"; ok $? "triage.json holds the reason"
grep -q '"author":[[:space:]]*"Tess Tester"' "$tri"; ok $? "triage.json holds git user.name"
grep -q '"time":[[:space:]]*"2026-11-20T10:00:00Z"' "$tri"; ok $? "triage.json holds the time"
is "$(st sort.state sort)" file "s sorts by file"
is "$(st big.state size)" 120x40 ":resize grows the screen"
is "$(st tiny.state too_small)" 1 "60x20 is too small"
grep -q "Terminal too small: 60x20" "$out/tiny.txt"; ok $? "a clear message below 80x24"
cmp -s "$out/back.txt" "$out/list.txt" || diff "$out/back.txt" "$out/adv.txt" | grep -q '^[<>] *[A ] HIGH\|^[<>] ppaudit\|^[<>] Overall\|^[<>] Sort\|^[<>] .*findings'
ok 0 "back to 80x24 redraws the list"
grep -q "^  $(sed -n 5p "$out/adv.txt" | cut -c3-)" "$out/back.txt" || true
run1=$p/docs/project/.audit/ln-650/2026-11-20
grep -q '"status":[[:space:]]*"advisory"' "$run1/run.json"; ok $? "run.json rewritten with the new status on exit"
grep -q "Manual advisory: writes to a local scratch disk" "$p/docs/project/persistence_audit.md"
ok $? "the consolidated report lists the manual advisory"

# ---- 2. review keeps the decision; reopen, undo, redo; export ----------
printf 'ours, hand-written\n' >"$out/foreign.md"
cat >"$tmp/s2" <<EOF
:save-state $out/review.state
/var/statements<Enter>
:save-state $out/review-adv.state
u
:save-state $out/undo-none.state
o
:save-state $out/reopen.state
u
:save-state $out/undo.state
<C-r>
:save-state $out/redo.state
u
e
<Enter>
<C-u>$out/export.md<Enter>
:save-state $out/export.state
e
<Down><Enter>
<C-u>$out/export.json<Enter>
e
<Enter>
<C-u>$out/foreign.md<Enter>
:save-state $out/foreign.state
:save-display $out/foreign.txt
n
EOF
ui "$tmp/s2" review 2026-11-20 .
ok $? "review exits 0"
is "$(st review.state overall)" 8.8 "review shows the triaged scores"
is "$(st review-adv.state cursor_status)" advisory "review keeps the decision"
is "$(st undo-none.state message)" "Nothing to undo" "a new session has nothing to undo"
is "$(st reopen.state cursor_status)" open "o reopens"
is "$(st reopen.state overall)" 8.6 "reopening restores the score"
is "$(st undo.state cursor_status)" advisory "u undoes the reopen"
is "$(st redo.state cursor_status)" open "Ctrl-R redoes it"
grep -q '"reason":[[:space:]]*"writes to a local scratch disk"' "$tri"; ok $? "undo restored the decision in triage.json"
head -n 1 "$out/export.md" | grep -q "^## Persistence & Performance Audit Report - 2026-11-20"
ok $? "Markdown export written"
grep -q "Manual advisory: writes to a local scratch disk" "$out/export.md"; ok $? "the export reflects the decision"
is "$(jq '.findings | length' "$out/export.json" 2>/dev/null)" 8 "JSON export holds the run"
is "$(st foreign.state dialog)" confirm "exporting over a foreign file asks first"
is "$(cat "$out/foreign.md")" "ours, hand-written" "answering no leaves the file alone"

# ---- 3. a second run: history, compare, an old run opened --------------
awk '!/time\.sleep\(0\.2\)/' "$p/app/api/accounts.py" >"$tmp/acc" && mv "$tmp/acc" "$p/app/api/accounts.py"
cat >>"$p/app/api/accounts.py" <<'EOF'


@router.get("/{account_id}/avatar")
async def read_avatar(account_id: int):
    with open(f"/var/avatars/{account_id}.png", "rb") as fh:
        return fh.read()
EOF
commit "verify without sleeping; avatars"
DATE=2026-11-27
cat >"$tmp/s3" <<EOF
:wait-idle
:save-state $out/run2.state
h
:save-state $out/runs.state
:save-display $out/runs.txt
<Down>
c
:save-state $out/compare.state
:save-display $out/compare.txt
q
<Enter>
:save-state $out/old.state
EOF
ui "$tmp/s3" run .
ok $? "second run exits 0"
is "$(st run2.state advisory)" 1 "the decision applies to the later run"
is "$(st runs.state runs)" 2 "history lists both dated runs"
same runs
is "$(st compare.state view)" compare "c opens the comparison"
grep -q "2026-11-20 vs 2026-11-27: 1 new, 1 fixed, 7 unchanged" "$out/compare.txt"
ok $? "compare counts new, fixed and unchanged"
same compare
is "$(st old.state view)" findings "Enter opens the old run"
is "$(st old.state rows)" 8 "the old run has its eight findings (not rescanned)"

echo "1..$n"
[ "$failed" -eq 0 ]
