#!/bin/sh
# Hostile finding ids for `ppaudit triage` (issue 13 item 3): an id never
# triages a finding it does not name. Numbers too large for an alias were
# reduced modulo 100000 (F100001 triaged F0001); a run named in an id is a
# run name, never a path; what is echoed back is sanitized.
set -u
bin=${PPAUDIT:-./ppaudit}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
n=0 failed=0
ok() { # exit-status description
	n=$((n + 1))
	if [ "$1" -eq 0 ]; then echo "ok $n - $2"; else echo "not ok $n - $2"; failed=$((failed + 1)); fi
}
run() { PPAUDIT_DATE=2026-03-01 timeout -k 5 30 "$bin" "$@"; }

p="$tmp/svc"
hist="$p/docs/project/.audit/ln-650"
mkdir -p "$p/app"
printf 'import time\n\n\nasync def h():\n    time.sleep(1)\n' >"$p/app/a.py"
run run --no-tui "$p" >/dev/null 2>&1; ok $? "a run with one finding (F0001)"
refused() { # id description: exit 2, nothing recorded, no escape byte echoed
	run triage advisory "$1" --reason "must not land anywhere" "$p" >"$tmp/out" 2>"$tmp/err"
	rc=$?
	[ $rc -eq 2 ] && [ ! -e "$hist/triage.json" ] && ! grep -q "$(printf '\033')" "$tmp/out" "$tmp/err"
	ok $? "$2 (exit $rc)"
	rm -f "$hist/triage.json"   # the cases stay independent
}
refused F100001 "F100001 is not F0001 (no reduction modulo 100000)"
refused F99999999999999999999999999999 "an alias number beyond any run is refused"
refused "F$(printf '0%.0s' $(seq 1 40))100001" "forty leading zeros do not hide F100001"
refused F "a bare F"
refused F-1 "a negative alias"
refused "F0001@" "an empty run name"
refused "F0001@../../../../etc" "a run name that is a path"
refused "F0001@partial/../../x" "partial/ with a path behind it"
refused "F0001@2026-03-01/../2026-03-01" "a run name with a slash inside"
refused "$(printf 'F0001\033[2J')" "an escape sequence in the id is not echoed"
refused "$(printf 'zz\033]0;pwn\007')" "nor in a fingerprint"
refused "0123456789abcdef0" "seventeen hex digits are no fingerprint"
refused "$(head -c 100000 /dev/zero | tr '\0' a)" "a 100 KB id"
refused "F0001@F0001@2026-03-01" "two run qualifiers"
run triage advisory F0001@2026-03-01 --reason "the one finding, named right" "$p" >/dev/null 2>&1
ok $? "the same run named properly works"

echo "1..$n"
[ "$failed" -eq 0 ]
