#!/bin/sh
# Real-terminal tests: ppaudit runs inside a private tmux server at 80x24;
# keys go in with send-keys, the screen comes back with capture-pane, and
# resize-window changes the size under the running program.
# Covers the live run to the browser, the worker panes done, navigation
# and search, a detail whose source holds a planted escape sequence (it
# must be shown defused and must not retitle the pane), an advisory with
# triage.json written, search highlighting, resizes to 70x20, 60x12 and
# 200x20 and below the minimum, review keeping the decision, Esc never
# quitting, Ctrl-C quitting, Ctrl-Z suspending to a job-control shell and
# fg restoring the screen, parse progress in the panes, the run summary,
# q pressed as the run ends, q-cancel of a running audit, and q and Ctrl-C
# during a slow discovery.
# TUI_SCREENSHOTS=DIR keeps the main screens (80x24 and 200x20) there.
set -u
bin=${PPAUDIT:-./ppaudit}
srcdir=${top_srcdir:-.}/tests/tui
case $bin in /*) ;; *) bin=$(pwd)/$bin ;; esac
# scripts/bootstrap.sh installs every tool the tests use: there a missing
# one is a failure, not a skip
skip_status=77
[ "${PPAUDIT_REQUIRE_TEST_DEPS:-0}" = 1 ] && skip_status=1
command -v tmux >/dev/null || { echo "1..0 # SKIP tmux not installed"; exit $skip_status; }
command -v git >/dev/null || { echo "1..0 # SKIP git not installed"; exit $skip_status; }
if ! "$bin" review --help >/dev/null 2>&1; then
	echo "not ok - $bin has no review command"
	exit 1
fi
tmp=$(mktemp -d)
sock=ppaudit-test-$$
T() { tmux -L "$sock" -f /dev/null "$@"; }
trap 'T kill-server 2>/dev/null; rm -rf "$tmp"' EXIT
n=0 failed=0
ok() { # status description
	n=$((n + 1))
	if [ "$1" -eq 0 ]; then echo "ok $n - $2"; else echo "not ok $n - $2"; failed=$((failed + 1)); fi
}
screen() { T capture-pane -p -t main >"$tmp/screen"; cat "$tmp/screen"; }
wait_for() { # regex [seconds]: polls the screen until it shows regex
	i=0
	while [ $i -lt $((${2:-10} * 10)) ]; do
		T capture-pane -p -t main >"$tmp/screen" 2>/dev/null
		grep -q -- "$1" "$tmp/screen" && return 0
		sleep 0.1
		i=$((i + 1))
	done
	echo "# timed out waiting for: $1"
	sed 's/^/#   /' "$tmp/screen"
	return 1
}
keys() { T send-keys -t main "$@"; }
shot() { # name: keeps the screen for TUI_SCREENSHOTS
	[ -n "${TUI_SCREENSHOTS:-}" ] && cp "$tmp/screen" "$TUI_SCREENSHOTS/$1.txt"
	return 0
}
start() { # dir args...: ppaudit in a fresh 80x24 session
	d=$1
	shift
	T kill-session -t main 2>/dev/null
	T new-session -d -s main -x 80 -y 24 \
		"cd '$d' && env TERM=screen LC_ALL=C.UTF-8 PPAUDIT_DATE=2026-11-20 PPAUDIT_TEST_FILE_DELAY_MS=${file_delay:-0} PPAUDIT_TEST_PARSE_DELAY_MS=${parse_delay:-0} PPAUDIT_TEST_DISCOVER_DELAY_MS=${discover_delay:-0} '$bin' $*; echo EXIT=\$?; sleep 60"
}

p=$tmp/ledger
cp -R "$srcdir/project" "$p"
esc=$(printf '\033')
bel=$(printf '\007')
awk -v e="$esc" -v b="$bel" '
	/time\.sleep\(0\.2\)/ { print $0 "  # " e "[31mpaused" e "[0m " e "]0;pwned" b; next }
	{ print }' "$p/app/api/accounts.py" >"$tmp/acc" && mv "$tmp/acc" "$p/app/api/accounts.py"
printf 'docs/project/.audit/\ndocs/project/persistence_audit.md\n' >"$p/.gitignore"
(cd "$p" && git init -q && git config user.name "Tess Tester" &&
	git config user.email tess@example.com && git add -A && git commit -qm init) || exit 1

# a session that outlives the tested ones keeps the server and its options
T new-session -d -s keep -x 80 -y 24 "sleep 600"
T set -g default-terminal screen
T set -g status off

# ---- live run into the browser ---------------------------------------------
start "$p" run .
wait_for "Run complete: 8 findings" 20; ok $? "the live run ends in the browser"
shot list-80x24
grep -q "^Overall [0-9.]*  Query [0-9.]*  Transaction [0-9.]*  Runtime [0-9.]*  Resource [0-9.]*" "$tmp/screen"; ok $? "scores visible in the list"
keys p
wait_for "ln-654 Resource Lifecycle"; ok $? "p shows the worker panes"
[ "$(grep -o ' done   ' "$tmp/screen" | wc -l)" -eq 4 ]; ok $? "the four panes are done"
grep -q "Runtime Performance" "$tmp/screen" && grep -q "High     3" "$tmp/screen"; ok $? "pane counts shown"
shot summary-80x24
keys q
wait_for "SEV  CHECK"; ok $? "q goes back to the list"
keys j j
wait_for "3/8 findings"; ok $? "j moves the cursor"
keys / s l e e p Enter
wait_for "/sleep  match 1/1"; ok $? "search finds the sleep and counts the match"
# the match is drawn highlighted: in the row of sync_sleep an SGR sequence
# starts right after "sync_" (before the change the id was one run)
T capture-pane -e -p -t main | grep -q "sync_$(printf '\033')\[[0-9;]*m"
ok $? "the match is highlighted in the row"
keys Enter
wait_for "Location:   app/api/accounts.py:33"; ok $? "Enter opens the detail"
wait_for "Last change: Tess Tester"; ok $? "blame shows the author"
grep -q '^>   33 | .*# ?\[31mpaused?\[0m ?\]0;pwned?$' "$tmp/screen"; ok $? "the source line shows the planted escape sequence defused"
! grep -q '\^\[' "$tmp/screen"; ok $? "no control character reached curses (no ^[ shown)"
[ "$(T display -p -t main '#{pane_title}')" != pwned ]; ok $? "the pane title was not changed by the fixture"
shot detail-80x24
keys q
wait_for "SEV  CHECK"
keys a
wait_for "Reason"; ok $? "a asks for a reason"
keys "staging only, sleep is the rate limit" Enter
wait_for "marked advisory  Overall"; ok $? "marking advisory reports the score"
sed -n "s/.*marked advisory  Overall \([0-9.]*\) -> \([0-9.]*\).*/\1 \2/p" "$tmp/screen" >"$tmp/sc"
read -r before after <"$tmp/sc"; [ "$before" != "$after" ]; ok $? "the score changes at once ($before -> $after)"
# triage.json is written by a background thread right after the key (the
# screen never waits for it): give it a moment
i=0
until grep -q '"reason":[[:space:]]*"staging only, sleep is the rate limit"' \
	"$p/docs/project/.audit/ln-650/triage.json" 2>/dev/null || [ $i -ge 50 ]; do
	sleep 0.1; i=$((i + 1))
done
grep -q '"reason":[[:space:]]*"staging only, sleep is the rate limit"' \
	"$p/docs/project/.audit/ln-650/triage.json"; ok $? "triage.json written"
shot list-advisory-80x24

# ---- resize under the program ----------------------------------------------
T resize-window -t main -x 70 -y 20
wait_for "^A HIGH sync_sleep"; ok $? "70x20 shows the list"
T resize-window -t main -x 60 -y 12
wait_for "^Overall [0-9.]* Qry"; ok $? "60x12 shows the list with the short score line"
grep -q "^A HIGH sync_sleep" "$tmp/screen"; ok $? "with the rows"
T resize-window -t main -x 59 -y 12
wait_for "Terminal too small: 59x12"; ok $? "a clear message below 60x12"
grep -q "ppaudit needs at least 60x12" "$tmp/screen"; ok $? "naming the minimum"
T resize-window -t main -x 200 -y 20
wait_for "SEV  CHECK  *LOCATION  *ISSUE"; ok $? "200x20 shows the list"
shot list-200x20
keys p
wait_for "ln-654 Resource Lifecycle"; ok $? "200x20 shows the four panes"
[ "$(grep -c 'score [0-9.]*/10' "$tmp/screen")" -eq 1 ] && grep -q "ln-651.*ln-652.*ln-653.*ln-654" "$tmp/screen"
ok $? "side by side, each with its score"
shot summary-200x20
keys q
T resize-window -t main -x 80 -y 24
wait_for "SEV  CHECK"; ok $? "back at 80x24 the list is redrawn"
wait_for "^A HIGH sync_sleep" 5; ok $? "the advisory mark survives the resize"
keys Escape
sleep 0.3
wait_for "Esc never quits"; ok $? "Esc at the top list does not quit"
keys h
wait_for "History: dated runs"; ok $? "h opens the history"
shot history-80x24
keys q C-c
wait_for "EXIT=0"; ok $? "Ctrl-C quits with status 0"

# ---- review keeps the decision ----------------------------------------------
start "$p" review
wait_for "SEV  CHECK"; ok $? "review opens the browser"
wait_for "^A HIGH sync_sleep" 5; ok $? "review keeps the decision"
keys q
wait_for "EXIT=0"; ok $? "q quits review"

# ---- q cancels a running audit, with a confirmation -------------------------
big=$tmp/big
mkdir -p "$big"
i=0
while [ $i -lt 400 ]; do
	cp "$p/app/services/ledger.py" "$big/mod_$i.py"
	cp "$p/app/api/accounts.py" "$big/api_$i.py"
	i=$((i + 1))
done
mkdir -p "$big/docs/project"
printf 'earlier report\n' >"$big/docs/project/persistence_audit.md"
file_delay=5 # ms per file and auditor: the run lasts ~4 s, the cancel lands
start "$big" run .
file_delay=0
wait_for "Phase:" 10; ok $? "the live screen shows the phases"
keys q
if wait_for "Cancel the running audit?" 5; then
	ok 0 "q asks before cancelling"
	keys y
	wait_for "Run cancelled: earlier reports untouched" 20; ok $? "the run is cancelled and says so"
	keys q
	wait_for "EXIT=130" 10; ok $? "the cancelled run exits 130"
	[ "$(cat "$big/docs/project/persistence_audit.md")" = "earlier report" ]; ok $? "the earlier report is intact"
else
	# the run finished before the key arrived (very fast machine)
	echo "# run ended before q; cancel path not exercised"
fi

# ---- a slow discovery: the screen and the keys never wait for it ----------
# The live screen discovered the stack for its header on the UI thread
# before reading any key: a huge or crafted tree froze it, q and Ctrl-C
# included. 300 entries at 50 ms each make discovery last 15 s (the
# screen's and the run's); the screen must show at once and q / Ctrl-C
# end the run well before discovery could have finished.
slow=$tmp/slow
mkdir -p "$slow"
cp "$p/app/api/accounts.py" "$slow/api.py"
i=0
while [ $i -lt 300 ]; do
	: >"$slow/note_$i.txt"
	i=$((i + 1))
done
discover_delay=50
start "$slow" run .
wait_for "Phase:" 5; ok $? "slow discovery: the live screen shows at once"
grep -q "detecting" "$tmp/screen"; ok $? "slow discovery: the header says the stack is being detected"
keys q
wait_for "Cancel the running audit?" 5; ok $? "slow discovery: q is read and asks"
keys y
wait_for "Run cancelled" 5; ok $? "slow discovery: the run is cancelled promptly"
keys q
wait_for "EXIT=130" 5; ok $? "slow discovery: q then quits (130)"
start "$slow" run .
wait_for "Phase:" 5
keys C-c
wait_for "Cancel the running audit?" 5; ok $? "slow discovery: Ctrl-C is read and asks"
keys C-c
wait_for "Run cancelled" 5; ok $? "slow discovery: a second Ctrl-C cancels the run promptly"
keys q
wait_for "EXIT=130" 5; ok $? "slow discovery: then q quits (130)"
discover_delay=0

# ---- Ctrl-Z in a job-control shell -----------------------------------------
if command -v bash >/dev/null; then
	T kill-session -t main 2>/dev/null
	T new-session -d -s main -x 80 -y 24 "env PS1='$ ' bash --norc --noprofile -i"
	keys "export TERM=screen LC_ALL=C.UTF-8; cd '$p'" Enter
	keys "'$bin' review" Enter
	wait_for "SEV  CHECK"; ok $? "review opens in an interactive shell"
	keys C-z
	wait_for "Stopped"; ok $? "Ctrl-Z stops ppaudit and gives the shell back"
	keys "fg" Enter
	wait_for "SEV  CHECK"; ok $? "fg restores the screen"
	wait_for "^A HIGH sync_sleep" 5; ok $? "with its rows"
	! grep -q "Mark .* false positive" "$tmp/screen"; ok $? "fg did not reach the browser as keys"
	keys C-c
	keys 'echo EXIT=$?' Enter
	wait_for "^EXIT=0"; ok $? "Ctrl-C then quits with status 0"
	! grep -q '"false_positive"' "$p/docs/project/.audit/ln-650/triage.json"; ok $? "no decision recorded"
else
	echo "# bash not installed: the Ctrl-Z test needs a job-control shell"
fi

# ---- parse progress, the run summary, q as the run ends ------------------
mid=$tmp/mid
mkdir -p "$mid"
i=0
while [ $i -lt 60 ]; do
	cp "$p/app/services/ledger.py" "$mid/mod_$i.py"
	i=$((i + 1))
done
# 60 files, 30 ms each on 1-2 threads: the parse lasts about a second
parse_delay=30 file_delay=20
start "$mid" run .
wait_for "parsed [1-9][0-9]*/60 files" 10; ok $? "the panes show the parse progress"
[ "$(grep -o 'parsing' "$tmp/screen" | wc -l)" -eq 4 ]; ok $? "in each of the four panes"
shot progress-parse
wait_for "done   score" 20; ok $? "after the run the panes show each auditor's score"
grep -q "run complete in" "$tmp/screen"; ok $? "and the run's totals"
shot summary
wait_for "SEV  CHECK" 5; ok $? "then the browser opens by itself"
keys p
wait_for "done   score"; ok $? "p shows the summary again"
keys q q
wait_for "EXIT=0"; ok $? "q quits"
parse_delay=0 file_delay=20
start "$mid" run .
wait_for "running" 10
keys q
wait_for "Cancel the running audit?" 5; ok $? "q during the run asks"
wait_for "completed before it could be cancelled" 20; ok $? "the question stays when the run completes"
keys n
wait_for "SEV  CHECK"; ok $? "n opens the browser"
keys j
wait_for "2/[0-9]* findings"; ok $? "the next key reaches the browser"
keys q
wait_for "EXIT=0"; ok $? "q quits with status 0"
echo "1..$n"
[ "$failed" -eq 0 ]
