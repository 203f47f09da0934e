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
# review keeps the decision; undo/redo/reopen; export in the four formats
# (and no silent overwrite of a foreign file); history and compare, `c`
# from the list; the sizes 60x12, 80x24 and 200x20 and the message below
# 60x12; search by what a row shows (path:line, check title, id) with its
# match count; Esc never quits, Ctrl-C quits (asking over a decision being
# typed); the run summary held after the run; q pressed as the run ends;
# an escape sequence planted in the source never reaches the screen.
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
		PPAUDIT_SUMMARY_MS="${PPAUDIT_SUMMARY_MS:-0}" PPAUDIT_NO_DISPLAY=1 PPAUDIT_SIZE=80x24 NO_COLOR=1 PPAUDIT_ASCII=1 \
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
services
<Enter>
:save-state $out/filter-typed.state
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
:resize 59x12
:save-state $out/tiny.state
:save-display $out/tiny.txt
:resize 60x11
:save-state $out/tiny2.state
:resize 60x12
:save-state $out/small.state
:save-display $out/list-60x12.txt
p
:save-display $out/progress-60x12.txt
q
/accounts.py:33<Enter>
<Enter>
:save-display $out/detail-60x12.txt
q
:resize 200x20
:save-display $out/list-200x20.txt
p
:save-display $out/progress-200x20.txt
q
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
is "$(st filter-typed.state filter)" " path~services" "text typed on another field of the filter goes to the path"
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
grep -q '"author":[[:space:]]*"Tess Tester <tess@example.com>"' "$tri"; ok $? "triage.json holds git user.name <user.email>"
grep -q '"time":[[:space:]]*"2026-11-20T10:00:00Z"' "$tri"; ok $? "triage.json holds the time"
is "$(st sort.state sort)" file "s sorts by file"
is "$(st big.state size)" 120x40 ":resize grows the screen"
is "$(st tiny.state too_small)" 1 "59x12 is too small"
is "$(st tiny2.state too_small)" 1 "60x11 is too small"
grep -q "Terminal too small: 59x12" "$out/tiny.txt" && grep -q "ppaudit needs at least 60x12" "$out/tiny.txt"
ok $? "a clear message below 60x12"
is "$(st small.state too_small)" 0 "60x12 is enough"
same list-60x12
same progress-60x12
same detail-60x12
same list-200x20
same progress-200x20
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

# ---- 2b. search what is shown; Esc, Ctrl-C; the export formats ----------
cat >"$tmp/s2b" <<EOF
/accounts.py:33<Enter>
:save-state $out/srch-loc.state
/app/db.py:6<Enter>
:save-state $out/srch-db1.state
:save-display $out/srch-db.txt
n
:save-state $out/srch-db2.state
N
N
:save-state $out/srch-db3.state
/Synchronous sleep<Enter>
:save-state $out/srch-title.state
/f0002<Enter>
:save-state $out/srch-id.state
/no such thing<Enter>
:save-state $out/srch-none.state
<Esc>
:save-state $out/esc.state
<C-z>
:save-state $out/ctrlz.state
e
:save-state $out/export-dlg.state
:save-display $out/export-dlg.txt
<Down><Down><Enter>
<C-u>$out/export.sarif<Enter>
e
<Down><Down><Down><Enter>
<C-u>$out/export.html<Enter>
:save-state $out/export-html.state
f
g
<C-c>
:save-state $out/ctrlc-ask.state
:save-display $out/ctrlc-ask.txt
n
:save-state $out/ctrlc-back.state
<C-c>
<C-c>
:save-state $out/after-quit.state
EOF
ui "$tmp/s2b" review 2026-11-20 .
ok $? "Ctrl-C quits review with status 0"
is "$(st srch-loc.state cursor_check)" sync_sleep "/accounts.py:33 finds the row showing accounts.py:33"
is "$(st srch-loc.state search_matches)" 1 "one row shows accounts.py:33"
is "$(st srch-db1.state search_matches)" 3 "three rows show app/db.py:6"
is "$(st srch-db1.state search_match)" 1 "the cursor is on the first of them"
grep -q "/app/db.py:6  match 1/3" "$out/srch-db.txt"; ok $? "the filter line shows the match count 1/3"
is "$(st srch-db2.state search_match)" 2 "n goes to match 2/3"
is "$(st srch-db3.state search_match)" 3 "N twice wraps to match 3/3"
is "$(st srch-db3.state message)" "Search wrapped" "the wrap is announced"
is "$(st srch-title.state cursor_check)" sync_sleep "a check title (Synchronous sleep) is found"
is "$(st srch-id.state cursor_id)" F0002 "an id is found, in any case"
is "$(st srch-none.state message)" 'No match for "no such thing"' "no match says so"
is "$(st esc.state view)" findings "Esc at the top list does not quit"
is "$(st esc.state message)" "Esc never quits: q or Ctrl-C quits" "Esc at the top says how to quit"
is "$(st ctrlz.state suspends)" 1 "Ctrl-Z is taken as suspend (no terminal here: nothing stops)"
is "$(st export-dlg.state dialog_items)" 4 "the export dialog offers four formats"
grep -q "Markdown" "$out/export-dlg.txt" && grep -q "JSON" "$out/export-dlg.txt" &&
	grep -q "SARIF" "$out/export-dlg.txt" && grep -q "HTML" "$out/export-dlg.txt"
ok $? "Markdown, JSON, SARIF and HTML are listed"
! grep -q "SPEC" "$out/export-dlg.txt"; ok $? "the dialog does not talk about the SPEC"
is "$(jq -r .version "$out/export.sarif" 2>/dev/null)" 2.1.0 "SARIF export written from the UI"
is "$(jq '.runs[0].results | length' "$out/export.sarif" 2>/dev/null)" 8 "with the eight results"
grep -q '<html' "$out/export.html"; ok $? "HTML export written from the UI"
is "$(st export-html.state message)" "Exported the HTML report to $out/export.html" "the export is reported"
is "$(st ctrlc-ask.state dialog)" confirm "Ctrl-C over a reason being typed asks first"
grep -q "Quit ppaudit?" "$out/ctrlc-ask.txt"; ok $? "the question says what Ctrl-C does"
is "$(st ctrlc-back.state dialog)" prompt "n goes back to the reason"
is "$(st ctrlc-back.state dialog_text)" g "with the text typed so far"
[ ! -e "$out/after-quit.state" ]; ok $? "Ctrl-C, Ctrl-C quits: the script ends there"
! grep -q '"false_positive"' "$tri"; ok $? "no decision was recorded by the quit"

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
:wait-run
:save-state $out/summary.state
:save-display $out/summary.txt
:wait-idle
:save-state $out/run2.state
c
:save-state $out/cprev.state
:save-display $out/cprev.txt
q
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
PPAUDIT_SUMMARY_MS=3000 ui "$tmp/s3" run .
ok $? "second run exits 0"
is "$(st summary.state view)" progress "after the run its summary stays on screen"
is "$(st summary.state run)" summary "(held as the run summary)"
grep -q "ln-653 Runtime Performance" "$out/summary.txt" && grep -q "done   score 8.5/10" "$out/summary.txt"
ok $? "the summary shows each auditor's score"
grep -q "run complete in [0-9:.]*: 8 findings in 7 files" "$out/summary.txt"; ok $? "and the run's totals"
is "$(st run2.state view)" findings "then the browser opens by itself"
is "$(st run2.state run)" browsing "(the summary is one key away: p)"
is "$(st cprev.state view)" compare "c in the list compares with the run before"
grep -q "2026-11-20 vs 2026-11-27: 1 new, 1 fixed, 7 unchanged" "$out/cprev.txt"; ok $? "c names both runs and the counts"
is "$(st run2.state advisory)" 1 "the decision applies to the later run"
is "$(st runs.state runs)" 2 "history lists both dated runs"
same runs
is "$(st compare.state view)" compare "c opens the comparison"
grep -q "2026-11-20 vs 2026-11-27: 1 new, 1 fixed, 7 unchanged" "$out/compare.txt"
ok $? "compare counts new, fixed and unchanged"
same compare
is "$(st old.state view)" findings "Enter opens the old run"
is "$(st old.state rows)" 8 "the old run has its eight findings (not rescanned)"

# ---- 4. q pressed while the run finishes -----------------------------------
# :nowait hands the keys over while the auditors run (slowed down so that
# q lands mid-run); the question must survive the end of the run and take
# the next key, and the key after it must reach the browser.
DATE=2026-11-28
cat >"$tmp/s4" <<EOF
:nowait
q
:wait-idle
:save-state $out/qend.state
:save-display $out/qend.txt
n
:save-state $out/qend-n.state
j
:save-state $out/qend-j.state
EOF
PPAUDIT_TEST_FILE_DELAY_MS=40 ui "$tmp/s4" run .
ok $? "the run exits 0"
is "$(st qend.state dialog)" confirm "the question is still open when the run has ended"
grep -q "The run completed before it could be cancelled" "$out/qend.txt"; ok $? "it says the run completed"
is "$(st qend-n.state view)" findings "n: the browser opens"
is "$(st qend-n.state dialog)" "" "with no dialog left"
is "$(st qend-j.state cursor)" 1 "the next key reaches the browser"
cat >"$tmp/s5" <<EOF
:nowait
q
:wait-idle
y
:save-state $out/qend-y.state
EOF
DATE=2026-11-29
PPAUDIT_TEST_FILE_DELAY_MS=40 ui "$tmp/s5" run .
ok $? "y after the run completed quits with status 0"
[ ! -e "$out/qend-y.state" ]; ok $? "(the script ends at y)"
[ -f "$p/docs/project/.audit/ln-650/2026-11-29/run.json" ]; ok $? "the completed run's reports are kept"

echo "1..$n"
[ "$failed" -eq 0 ]
