#!/bin/sh
# Ids that mean the same finding tomorrow (issue 13 item 3): the stable id
# is the fingerprint (a unique prefix of 4 hex digits or more, as git
# takes), F0001 is the run's display alias. An alias quoted from another
# run is resolved through that run (F0001@2026-03-01, --run) or refused,
# never silently mapped to whatever has that number today.
set -u
bin=${PPAUDIT:-./ppaudit}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
n=0 failed=0
ok() { # exit-status description
	n=$((n + 1))
	if [ "$1" -eq 0 ]; then echo "ok $n - $2"; else echo "not ok $n - $2"; failed=$((failed + 1)); fi
}
run() { PPAUDIT_DATE=${DATE:-2026-03-02} "$bin" "$@"; }
# column C of the finding at LOCATION in `triage list [--run RUN]`
col_at() { run triage list ${3:-} "$p" 2>/dev/null | awk -v loc="$1" -v c="$2" '$5 == loc { print $c }'; }
handler() { # file: an async handler that sleeps
	cat >"$p/app/$1" <<PY
import time


async def handler_${1%.py}():
    time.sleep(1)
    return 1
PY
}

p="$tmp/svc"
hist="$p/docs/project/.audit/ln-650"
mkdir -p "$p/app"
printf 'fastapi==0.110.0\n' >"$p/requirements.txt"
handler b.py; handler c.py; handler d.py
DATE=2026-03-01 run run --no-tui "$p" >/dev/null 2>&1; ok $? "monday's run"
# tuesday: a new finding sorts first and d.py is fixed, so F-numbers shift
handler a.py
printf 'async def handler_d():\n    return 1\n' >"$p/app/d.py"
run run --no-tui "$p" >/dev/null 2>&1; ok $? "tuesday's run"
[ "$(col_at app/a.py:5 1)" = F0001 ] && [ "$(col_at app/b.py:5 1)" = F0002 ]
ok $? "the aliases moved: F0001 is a.py today, b.py on monday"
fp_b=$(col_at app/b.py:5 2)
fp_c=$(col_at app/c.py:5 2)

# ---- an older run's listing shows aliases qualified by their run ----
run triage list --run 2026-03-01 "$p" >"$tmp/old" 2>/dev/null; ok $? "triage list --run of monday"
grep -q "^F0001@2026-03-01 .*app/b.py:5" "$tmp/old"; ok $? "its ids read F0001@2026-03-01"
run triage list "$p" 2>/dev/null | grep -q "^F0001 .*app/a.py:5"; ok $? "the latest run's ids stay bare"

# ---- a qualified alias is resolved through its run ----
run triage false-positive F0001@2026-03-01 --reason "test double, never deployed" "$p" >"$tmp/out" 2>&1
ok $? "false-positive F0001@2026-03-01"
grep -q "$fp_b" "$tmp/out"; ok $? "it names the fingerprint it resolved to"
[ "$(col_at app/b.py:5 4)" = false_positive ] && [ "$(col_at app/a.py:5 4)" = open ]
ok $? "it marked monday's F0001 (b.py), not today's (a.py)"
run triage advisory --run 2026-03-01 F0002 --reason "cron only, off-peak" "$p" >/dev/null 2>&1
ok $? "--run 2026-03-01 F0002"
[ "$(col_at app/c.py:5 4)" = advisory ]; ok $? "it marked c.py, monday's F0002"
python3 - "$hist/triage.json" "$fp_b" "$fp_c" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))["decisions"]
assert d[sys.argv[2]]["status"] == "false_positive" and d[sys.argv[3]]["status"] == "advisory", d
assert len(d) == 2, d
PY
ok $? "triage.json holds exactly those two decisions, by fingerprint"

# ---- a finding that is gone today is refused, not remapped ----
sum=$(cksum <"$hist/triage.json")
run triage advisory F0003@2026-03-01 --reason "was d.py, fixed since" "$p" >"$tmp/out" 2>"$tmp/err"
[ $? -eq 2 ]; ok $? "monday's F0003 (d.py, fixed since) is refused (exit 2)"
grep -q "not in the latest run" "$tmp/err" && grep -q "app/d.py" "$tmp/err"
ok $? "the message says which finding it was and that it is gone"
[ "$(cksum <"$hist/triage.json")" = "$sum" ]; ok $? "nothing was recorded"
run triage advisory F0001@2026-02-01 --reason "no such run here" "$p" >/dev/null 2>&1
[ $? -ne 0 ]; ok $? "an alias of a run that does not exist is refused"
run triage advisory F0001@2026-03-01 --run 2026-03-02 --reason "two runs named" "$p" >/dev/null 2>&1
[ $? -eq 2 ]; ok $? "an alias qualified with one run and --run naming another is a usage error"

# ---- fingerprints, short prefixes as git takes them ----
fp_a=$(col_at app/a.py:5 2)
short=$(printf '%s' "$fp_a" | cut -c1-4)
if [ "$(run triage list "$p" 2>/dev/null | awk '{ print $2 }' | grep -c "^$short")" -eq 1 ]; then
	run triage advisory "$short" --reason "four hex digits are enough" "$p" >/dev/null 2>&1
	ok $? "a unique 4-digit fingerprint prefix is accepted"
	[ "$(col_at app/a.py:5 4)" = advisory ]; ok $? "and names a.py"
else
	ok 0 "# SKIP 4-digit prefix of a.py is not unique here"; ok 0 "# SKIP"
fi
run triage reopen "$(printf '%s' "$fp_a" | tr a-f A-F)" --reason "upper case works too" "$p" >/dev/null 2>&1
ok $? "a fingerprint in upper case is the same id"
run triage advisory abc --reason "too short to be sure" "$p" >/dev/null 2>&1
[ $? -eq 2 ]; ok $? "three hex digits are too short (exit 2)"

# ---- diff lists stable ids ----
run diff 2026-03-01 2026-03-02 "$p" >"$tmp/diff" 2>&1; ok $? "diff"
grep -A1 "^Fixed:" "$tmp/diff" | grep -q "^  [0-9a-f]\{8\} .*app/d.py"
ok $? "diff shows the fingerprint prefix, which means the same finding in every run"

echo "1..$n"
[ "$failed" -eq 0 ]
