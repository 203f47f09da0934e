#!/bin/sh
# No triage decision is lost (SPEC §12: concurrent runs and triage
# commands are serialised by a lock): 12 concurrent `ppaudit triage`
# commands; a CLI decision while a TUI is open, then one in the TUI;
# SIGTERM / SIGHUP / SIGINT right after a decision the screen confirmed,
# while the save waits for the lock; a run racing two triage commands; a
# report rewrite that fails (a folder where a report goes) leaves the old
# reports whole and the decision saved; a corrupt triage.json makes
# `triage list` fail naming it.
# Waits are bounded loops on files and screen contents, never bare sleeps.
set -u
bin=${PPAUDIT:-./ppaudit}
case $bin in /*) ;; *) bin=$(pwd)/$bin ;; esac
tmp=$(mktemp -d)
sock=ppaudit-hostile-$$
T() { tmux -L "$sock" -f /dev/null "$@"; }
cleanup() {
	exec 3>&- 2>/dev/null
	command -v tmux >/dev/null && T kill-server 2>/dev/null
	: >"$tmp/release"   # ends a lock holder still waiting
	[ -n "${holder:-}" ] && wait "$holder"
	rm -rf "$tmp"
}
trap cleanup EXIT
n=0 failed=0 holder=
ok() { # status description
	n=$((n + 1))
	if [ "$1" -eq 0 ]; then echo "ok $n - $2"; else echo "not ok $n - $2"; failed=$((failed + 1)); fi
}
skip() { # description reason
	n=$((n + 1))
	echo "ok $n - $1 # SKIP $2"
}
run() { PPAUDIT_DATE=${DATE:-2026-03-01} "$bin" "$@"; }
wait_until() { # seconds condition: polls the shell condition every 50 ms
	w=0
	while [ $w -lt $(($1 * 20)) ]; do
		eval "$2" && return 0
		sleep 0.05
		w=$((w + 1))
	done
	echo "# timed out after $1 s waiting for: $2"
	return 1
}
gone() { ! kill -0 "$1" 2>/dev/null; }

# ---- a project with 22 findings: handler_N is F00NN -------------------
p=$tmp/proj
out=$tmp/out
mkdir -p "$p/app/api"
printf 'fastapi==0.110.0\nsqlalchemy[asyncio]==2.0.29\n' >"$p/requirements.txt"
{
	echo 'import time'
	i=1
	while [ $i -le 22 ]; do
		printf '\n\n\nasync def handler_%d(name: str):\n    time.sleep(0.%d)\n    return {"n": name}\n' $i $i
		i=$((i + 1))
	done
} >"$p/app/api/routes.py"
mkdir -p "$p/docs/adr"   # ADR-001, for `triage adr` below
printf '# 1. Keep a decision log

Status: accepted
' >"$p/docs/adr/0001-keep-a-decision-log.md"
run run --no-tui --output-dir "$out" "$p" >"$tmp/run.out" 2>&1; ok $? "the first run exits 0"
hist=$out/docs/project/.audit/ln-650
d=$hist/2026-03-01
tj=$hist/triage.json
run triage list --output-dir "$out" "$p" >"$tmp/list" 2>/dev/null
[ "$(grep -c '^F00' "$tmp/list")" -eq 22 ]; ok $? "22 findings to triage"
fp() { # F00NN: its fingerprint
	awk -v id="$1" '$1 == id { print $2 }' "$tmp/list"
}
decided() { # F00NN [status]: triage.json holds that decision
	f=$(fp "$1")
	[ -n "$f" ] && [ -f "$tj" ] &&
		awk -v k="\"$f\":" -v st="\"${2:-}" '
			$1 == k { in_d = 1; next }
			in_d && /"status":/ { found = index($0, st) > 0; exit }
			END { exit !found }' "$tj"
}

in_run() { # F00NN status: run.json gives the finding that status
	awk -v id="\"$1\"," -v st="\"$2\"," '
		$1 == "\"id\":" && $2 == id { on = 1; next }
		on && $1 == "\"status\":" { found = $2 == st; exit }
		END { exit !found }' "$d/run.json"
}

# ---- 1. twelve concurrent triage commands ------------------------------
pids=
i=1
while [ $i -le 12 ]; do
	id=$(printf 'F%04d' $i)
	run triage advisory "$id" --reason "concurrent $i" --output-dir "$out" "$p" \
		>"$tmp/c$i.out" 2>"$tmp/c$i.err" &
	pids="$pids $!"
	i=$((i + 1))
done
bad=0
for pid in $pids; do
	wait "$pid" || bad=$((bad + 1))
done
[ $bad -eq 0 ]; ok $? "12 concurrent triage commands all exit 0 ($bad failed)"
lost=
i=1
while [ $i -le 12 ]; do
	id=$(printf 'F%04d' $i)
	decided "$id" advisory || lost="$lost $id"
	i=$((i + 1))
done
[ -z "$lost" ]; ok $? "all 12 decisions are in triage.json (lost:${lost:- none})"
[ "$(grep -c '"status":[[:space:]]*"advisory"' "$d/run.json")" -eq 12 ]
ok $? "run.json shows all 12 as advisory"
[ "$(grep -c 'Manual advisory: concurrent' "$out/docs/project/persistence_audit.md")" -eq 12 ]
ok $? "the consolidated report lists all 12 advisories"

# ---- 2. a CLI decision while the TUI is open, then one in the TUI ------
# the TUI reads its keys from a FIFO: each step is written only when the
# previous one is done, and :save-state marks that the TUI got there
mkfifo "$tmp/keys"
exec 3<>"$tmp/keys"
(cd "$p" && exec env PPAUDIT_DATE=2026-03-01 PPAUDIT_NO_DISPLAY=1 PPAUDIT_SIZE=80x24 \
	NO_COLOR=1 LC_ALL=C.UTF-8 PPAUDIT_SCRIPT="$tmp/keys" \
	"$bin" review --output-dir "$out" .) >"$tmp/tui.out" 2>"$tmp/tui.err" 3>&- &
tui=$!
echo ":save-state $tmp/open.state" >&3
wait_until 20 '[ -s "$tmp/open.state" ]'; ok $? "the TUI is open on the run"
run triage false-positive F0013 --reason "cli while the tui is open" --output-dir "$out" "$p" \
	>"$tmp/cli13.out" 2>&1
ok $? "a CLI decision while the TUI is open exits 0"
printf '/handler_14<Enter>\na\ntui decision<Enter>\n:save-state %s\n' "$tmp/decided.state" >&3
wait_until 20 '[ -s "$tmp/decided.state" ]'
grep -q '^cursor_id=F0014$' "$tmp/decided.state" && grep -q '^cursor_status=advisory$' "$tmp/decided.state"
ok $? "the TUI marks F0014 advisory"
exec 3>&-
wait_until 20 'gone $tui'
wait "$tui"; ok $? "the TUI exits 0 at the end of its keys"
decided F0013 false_positive; ok $? "the CLI decision survives the TUI's save"
decided F0014 advisory; ok $? "the TUI decision is saved"
decided F0001 advisory && decided F0012 advisory; ok $? "the earlier decisions survive too"
in_run F0013 false_positive && in_run F0014 advisory
ok $? "the TUI's rewrite of run.json keeps the CLI decision and adds its own"

# ---- 3. a signal right after a TUI decision, while the save waits ------
# a holder keeps the lock so that the decision is confirmed on screen but
# not yet on disk when the signal arrives
sig_case() { # signal F00NN: the steps below, then the holder is let go
	rm -f "$tmp/held" "$tmp/release" "$tmp/pid" "$tmp/status"
	flock "$hist/.lock" sh -c ": >'$tmp/held'; i=0
		while [ ! -e '$tmp/release' ] && [ \$i -lt 600 ]; do sleep 0.05; i=\$((i + 1)); done" &
	holder=$!
	sig_steps "$@"
	r=$?
	: >"$tmp/release"
	wait "$holder"
	holder=
	return $r
}
sig_steps() { # signal F00NN
	sig=$1 id=$2 num=$(echo "$2" | sed 's/^F0*//')
	wait_until 10 '[ -e "$tmp/held" ]' || return 1
	T kill-session -t sig 2>/dev/null
	T new-session -d -s sig -x 80 -y 24 "cd '$p' && exec 4<&0 &&
		{ env TERM=screen LC_ALL=C.UTF-8 PPAUDIT_DATE=2026-03-01 '$bin' review \
			--output-dir '$out' . <&4 & echo \$! >'$tmp/pid'; wait \$!; echo \$? >'$tmp/status'; }"
	wait_until 10 '[ -s "$tmp/pid" ]' || return 1
	pid=$(cat "$tmp/pid")
	wait_until 20 'T capture-pane -p -t sig 2>/dev/null | grep -q "^Overall"' || return 1
	T send-keys -t sig "/handler_$num" Enter
	T send-keys -t sig a
	wait_until 10 'T capture-pane -p -t sig | grep -q "Reason"' || return 1
	T send-keys -t sig "signal $sig" Enter
	wait_until 10 "T capture-pane -p -t sig | grep -q '$id marked advisory'" || return 1
	# the save is still waiting for the lock: nothing on disk yet
	if decided "$id"; then waited=no; else waited=yes; fi
	kill -"$sig" "$pid"
	: >"$tmp/release"
	wait_until 20 '[ -s "$tmp/status" ]' || return 1
	echo "# SIG$sig: exit status $(cat "$tmp/status")"
	decided "$id" advisory
}
if ! command -v tmux >/dev/null || ! command -v flock >/dev/null; then
	for s in TERM HUP INT; do
		skip "SIG$s right after a TUI decision: the decision is on disk" "tmux or flock missing"
	done
else
	T new-session -d -s keep -x 80 -y 24 "sleep 600"
	T set -g default-terminal screen
	T set -g status off
	waited=
	sig_case TERM F0015; ok $? "SIGTERM right after a TUI decision: the decision is on disk"
	[ "$waited" = yes ]; ok $? "the TUI's save waited for the lock another process held"
	sig_case HUP F0016; ok $? "SIGHUP right after a TUI decision: the decision is on disk"
	sig_case INT F0017; ok $? "SIGINT right after a TUI decision: the decision is on disk"
fi

# ---- 4. a run racing two triage commands -------------------------------
run run --no-tui --output-dir "$out" "$p" >"$tmp/race.run" 2>&1 &
r1=$!
run triage adr F0019 --adr ADR-001 --output-dir "$out" "$p" >"$tmp/race19" 2>&1 &
r2=$!
run triage false-positive F0020 --reason "race" --output-dir "$out" "$p" >"$tmp/race20" 2>&1 &
r3=$!
wait $r1; s1=$?
wait $r2; s2=$?
wait $r3; s3=$?
# a same-day run keeps its own folder (DATE.2): the newest is the latest
d=$hist/$(ls "$hist" | grep -E '^[0-9]{4}-[0-9]{2}-[0-9]{2}(\.[0-9]+)?$' | sort -t. -k1,1 -k2,2n | tail -n1)
[ "$d" = "$hist/2026-03-01.2" ]; ok $? "the same-day run is kept beside the first one, as 2026-03-01.2"
[ $s1 -eq 0 ] && [ $s2 -eq 0 ] && [ $s3 -eq 0 ]; ok $? "a same-day run and two triage commands at once all exit 0"
decided F0019 adr_override && decided F0020 false_positive; ok $? "both decisions are in triage.json"
in_run F0019 adr_override && in_run F0020 false_positive
ok $? "the run.json written last shows both"

# ---- 5. a report rewrite that fails keeps the old reports --------------
rm -f "$d/context.json"
mkdir "$d/context.json"
sum=$(cat "$d"/65*.md "$d/run.json" "$out/docs/project/persistence_audit.md" | cksum)
run triage false-positive F0018 --reason "no room" --output-dir "$out" "$p" >"$tmp/fail.out" 2>"$tmp/fail.err"
[ $? -eq 3 ]; ok $? "a failed report rewrite exits 3"
grep -q "context.json" "$tmp/fail.err"; ok $? "the error names the file"
grep -q "decision is saved" "$tmp/fail.err"; ok $? "the error says the decision is saved"
[ "$(cat "$d"/65*.md "$d/run.json" "$out/docs/project/persistence_audit.md" | cksum)" = "$sum" ]
ok $? "the old reports are intact, all of them"
decided F0018 false_positive; ok $? "the decision is in triage.json"
[ -z "$(find "$out/docs/project" -name '.*.new.*' -o -name '.*.old.*' -o -name '*.tmp.*')" ]
ok $? "no temporary file is left behind"
rmdir "$d/context.json"
run triage advisory F0021 --reason "room again" --output-dir "$out" "$p" >/dev/null 2>&1 &&
	in_run F0018 false_positive && in_run F0021 advisory && [ -s "$d/context.json" ]
ok $? "the next triage rewrites every report, with the saved decision"

# ---- 6. a corrupt triage.json: list fails naming it --------------------
printf '{"schema": 1, "decisions": [oops' >"$tj"
tsum=$(cksum <"$tj")
run triage list --output-dir "$out" "$p" >/dev/null 2>"$tmp/err"; [ $? -eq 3 ]
ok $? "triage list on a corrupt triage.json exits 3"
grep -q "triage.json" "$tmp/err" && grep -qi "invalid JSON" "$tmp/err"
ok $? "the error names the file and the reason"
run triage advisory F0022 --reason "state is corrupt" --output-dir "$out" "$p" >/dev/null 2>"$tmp/err"; [ $? -eq 3 ]
ok $? "triage advisory on a corrupt triage.json exits 3"
[ "$(cksum <"$tj")" = "$tsum" ]; ok $? "the corrupt file is left untouched"

echo "1..$n"
[ $failed -eq 0 ]
