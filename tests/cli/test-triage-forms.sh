#!/bin/sh
# The command forms the man page shows (issue 13 item 16): `ppaudit triage
# adr F0007 ADR-0003` and `ppaudit triage advisory FINDING REASON` work
# (they were taken for a PATH); ADR references are normalised (0003-x.md,
# ADR-3, ADR-0003, adr-0003, docs/adr/0003-x.md: one id, the one the run's
# context shows) and an unknown ADR is refused with the list of known ones.
set -u
bin=${PPAUDIT:-./ppaudit}
case $bin in /*) ;; *) bin=$PWD/$bin ;; esac   # some commands run in the project
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
n=0 failed=0
ok() { # exit-status description
	n=$((n + 1))
	if [ "$1" -eq 0 ]; then echo "ok $n - $2"; else echo "not ok $n - $2"; failed=$((failed + 1)); fi
}
run() { PPAUDIT_DATE=2026-03-01 "$bin" "$@"; }
decision() { # fingerprint field: the field of the decision in triage.json
	python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["decisions"].get(sys.argv[2], {}).get(sys.argv[3]))' \
		"$hist/triage.json" "$1" "$2" 2>/dev/null
}

p="$tmp/svc"
hist="$p/docs/project/.audit/ln-650"
mkdir -p "$p/app" "$p/docs/adr"
for f in a b c; do
	printf 'import time\n\n\nasync def handler_%s():\n    time.sleep(1)\n' "$f" >"$p/app/$f.py"
done
printf '# 1. Use asyncpg\n\nStatus: accepted\n' >"$p/docs/adr/0001-use-asyncpg.md"
printf '# 3. Queue the nightly export\n\nStatus: accepted\n' >"$p/docs/adr/0003-queue-the-export.md"
run run --no-tui "$p" >/dev/null 2>&1; ok $? "a run with three findings and two ADRs"
fp1=$(run triage list "$p" 2>/dev/null | awk '$1 == "F0001" { print $2 }')
fp2=$(run triage list "$p" 2>/dev/null | awk '$1 == "F0002" { print $2 }')
fp3=$(run triage list "$p" 2>/dev/null | awk '$1 == "F0003" { print $2 }')

# ---- the man page's forms, from inside the project ----
(cd "$p" && PPAUDIT_DATE=2026-03-01 "$bin" triage adr F0001 ADR-0003) >"$tmp/out" 2>&1
ok $? "ppaudit triage adr F0001 ADR-0003 (in the project)"
[ "$(decision "$fp1" adr)" = ADR-003 ] && [ "$(decision "$fp1" status)" = adr_override ]
ok $? "recorded as ADR-003, the id the run's context gives 0003-queue-the-export.md"
(cd "$p" && PPAUDIT_DATE=2026-03-01 "$bin" triage advisory F0002 "nightly batch, off-peak") >/dev/null 2>&1
ok $? "ppaudit triage advisory F0002 REASON"
[ "$(decision "$fp2" reason)" = "nightly batch, off-peak" ]; ok $? "the reason is the second word"
run triage false-positive F0003 "generated client code" "$p" >/dev/null 2>&1
ok $? "triage false-positive FINDING REASON PATH"
[ "$(decision "$fp3" status)" = false_positive ]; ok $? "recorded"
run triage advisory F0003 "$p" >/dev/null 2>"$tmp/err"; [ $? -eq 2 ]
ok $? "FINDING PATH without a reason is still a usage error"
grep -q "reason" "$tmp/err"; ok $? "saying a reason is needed"

# ---- ADR references people type ----
for ref in ADR-3 ADR-0003 adr-0003 "ADR 3" 0003-queue-the-export.md docs/adr/0003-queue-the-export.md 3; do
	run triage reopen F0001 --reason "start over, then link" "$p" >/dev/null 2>&1
	run triage adr F0001 "$ref" "$p" >/dev/null 2>&1; rc=$?
	[ $rc -eq 0 ] && [ "$(decision "$fp1" adr)" = ADR-003 ]
	ok $? "'$ref' is ADR-003 (exit $rc)"
done
run triage adr F0001 --adr adr-1 "$p" >/dev/null 2>&1 && [ "$(decision "$fp1" adr)" = ADR-001 ]
ok $? "--adr takes the same forms"

# ---- unknown ADRs are refused with the list ----
sum=$(cksum <"$hist/triage.json")
run triage adr F0002 ADR-0042 "$p" >/dev/null 2>"$tmp/err"; [ $? -eq 2 ]
ok $? "ADR-0042 (no such ADR) is refused (exit 2)"
grep -q "ADR-001" "$tmp/err" && grep -q "ADR-003" "$tmp/err" && grep -q "Queue the nightly export" "$tmp/err"
ok $? "the message lists the known ADRs with their titles"
[ "$(cksum <"$hist/triage.json")" = "$sum" ]; ok $? "nothing was recorded"
run triage adr F0002 "$p" >/dev/null 2>&1; [ $? -eq 2 ]; ok $? "adr without an ADR is a usage error"

echo "1..$n"
[ "$failed" -eq 0 ]
