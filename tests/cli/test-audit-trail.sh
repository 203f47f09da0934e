#!/bin/sh
# The audit trail (issue 13 item 5): every triage decision and history
# entry says who and when (git's user.name <user.email>, else $USER; UTC
# ISO-8601); an undo or a redo is stamped with its own time, not the time
# of the decision it restores; empty, blank and one-character reasons are
# refused with a message that says what to write.
set -u
bin=${PPAUDIT:-./ppaudit}
case $bin in /*) ;; *) bin=$PWD/$bin ;; esac   # the interface runs in the project
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
n=0 failed=0
ok() { # exit-status description
	n=$((n + 1))
	if [ "$1" -eq 0 ]; then echo "ok $n - $2"; else echo "not ok $n - $2"; failed=$((failed + 1)); fi
}
run() { PPAUDIT_DATE=2026-03-01 "$bin" "$@"; }
iso='^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z$'

p="$tmp/svc"
hist="$p/docs/project/.audit/ln-650"
mkdir -p "$p/app"
printf 'import time\n\n\nasync def handler():\n    time.sleep(1)\n' >"$p/app/a.py"
(cd "$p" && git init -q && git config user.name "Dana Lee" && git config user.email dana@example.com) >/dev/null 2>&1
run run --no-tui "$p" >/dev/null 2>&1; ok $? "a run with one finding"
fp=$(run triage list "$p" 2>/dev/null | awk '$1 == "F0001" { print $2 }')

# ---- reasons must say something ----
for bad in "g" "" "   " "ab" "$(printf 'x\033[2J')"; do
	run triage advisory F0001 --reason "$bad" "$p" >/dev/null 2>"$tmp/err"
	rc=$?
	[ $rc -eq 2 ] && [ ! -e "$hist/triage.json" ] && grep -q "reason" "$tmp/err" &&
		! grep -q "$(printf '\033')" "$tmp/err"
	ok $? "the reason '$(printf '%s' "$bad" | tr -d '\033')' is refused with a message (exit $rc)"
done
run triage advisory F0001 --reason "g" "$p" 2>&1 >/dev/null | grep -q "at least 3 characters"
ok $? "the message says how long a reason must be"
run triage false-positive F0001 --reason " x " "$p" >/dev/null 2>&1; [ $? -eq 2 ]
ok $? "false-positive refuses a one-character reason too"
run triage reopen F0001 --reason "." "$p" >/dev/null 2>&1; [ $? -eq 2 ]
ok $? "and so does reopen when given a reason"

# ---- who and when, from the command line ----
run triage advisory F0001 --reason "startup only, runs once" "$p" >/dev/null 2>&1; ok $? "advisory"
run triage reopen F0001 "$p" >/dev/null 2>&1; ok $? "reopen without a reason"
python3 - "$hist/triage.json" "$iso" <<'PY'
import json, re, sys
t = json.load(open(sys.argv[1])); iso = sys.argv[2]
for e in t["history"] + list(t["decisions"].values()):
    assert e["author"] == "Dana Lee <dana@example.com>", e
    assert re.match(iso, e["time"] or ""), e
PY
ok $? "every entry and decision: author 'Dana Lee <dana@example.com>', time UTC ISO-8601"

# ---- the interface: reopen, undo and redo are stamped now ----
cat >"$hist/triage.json" <<EOF
{"schema": 1,
 "decisions": {"$fp": {"status": "advisory", "reason": "batch job, runs at night",
   "adr": null, "author": "Old Author", "time": "2020-01-01T00:00:00Z",
   "check": "sync_sleep", "file": "app/a.py", "function": "handler"}},
 "history": [{"action": "advisory", "fingerprint": "$fp", "status": "advisory",
   "reason": "batch job, runs at night", "adr": null, "author": "Old Author",
   "time": "2020-01-01T00:00:00Z", "check": "sync_sleep", "file": "app/a.py",
   "function": "handler"}]}
EOF
printf 'o\n:wait-idle\nu\n:wait-idle\n<C-r>\n:wait-idle\n' >"$tmp/keys"
(cd "$p" && env PPAUDIT_DATE=2026-03-01 PPAUDIT_TIME=2026-03-02T10:00:00Z USER=dana \
	PPAUDIT_NO_DISPLAY=1 PPAUDIT_SIZE=80x24 NO_COLOR=1 LC_ALL=C.UTF-8 \
	PPAUDIT_SCRIPT="$tmp/keys" timeout -k 5 60 "$bin" review) >/dev/null 2>"$tmp/tui.err"
rc=$?; [ $rc -eq 0 ] || sed "s/^/# /" "$tmp/tui.err"; [ $rc -eq 0 ]
ok $? "review: reopen, undo, redo"
python3 - "$hist/triage.json" <<'PY'
import json, sys
h = json.load(open(sys.argv[1]))["history"]
assert len(h) == 4, h
for e in h[1:]:
    assert e["author"], e
    assert e["time"] == "2026-03-02T10:00:00Z", e
PY
ok $? "the three new entries carry who and the time they happened"
python3 - "$hist/triage.json" <<'PY'
import json, sys
u = json.load(open(sys.argv[1]))["history"][2]
assert u["status"] == "advisory" and u["time"] == "2026-03-02T10:00:00Z", u
assert u.get("decided_at") == "2020-01-01T00:00:00Z" and u.get("decided_by") == "Old Author", u
PY
ok $? "the undo restores the 2020 decision, stamped with its own time"

echo "1..$n"
[ "$failed" -eq 0 ]
