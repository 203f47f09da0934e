#!/bin/sh
# Hostile finding ids and filters for `ppaudit triage` (issue 13 items 3
# and 13): an id never triages a finding it does not name, and a --path
# glob is matched in linear time against the run's paths, never against
# the file system. Numbers too large for an alias were
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
mkdir -p "$p/app" "$p/docs/adr"
printf 'import time\n\n\nasync def h():\n    time.sleep(1)\n' >"$p/app/a.py"
# an ADR whose title carries escape sequences (listed when a link is refused)
printf '# 2. Evil \033]0;pwn\007title \033[2J here\n\nStatus: accepted\n' >"$p/docs/adr/0002-evil.md"
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

# ---- bulk filters ----
nomatch() { # description, then the filter options: exit 0, nothing recorded, fast
	d=$1
	shift
	start=$(date +%s)
	run triage advisory "$@" --reason "must match nothing" "$p" >"$tmp/out" 2>"$tmp/err"
	rc=$?
	[ $rc -eq 0 ] && [ ! -e "$hist/triage.json" ] && [ $(($(date +%s) - start)) -lt 10 ] &&
		! grep -q "$(printf '\033')" "$tmp/out" "$tmp/err"
	ok $? "$d (exit $rc)"
}
stars=$(head -c 1000 /dev/zero | tr '\0' '*')
nomatch "a glob of 1000 stars" --path "${stars}x"
nomatch "a thousand '**/' segments" --path "$(printf '**/%.0s' $(seq 1 1000))nothing.py"
nomatch "a glob pointing out of the tree" --path "../../../etc/*"
nomatch "an absolute path" --path "/etc/passwd"
nomatch "an escape sequence in the glob" --path "$(printf 'app/\033[2J*')"
run triage advisory --check "$(printf 'x\033]0;pwn\007')" --reason "bad check id" "$p" >"$tmp/out" 2>"$tmp/err"
[ $? -eq 2 ] && ! grep -q "$(printf '\033')" "$tmp/err"; ok $? "an escape sequence in --check is refused, not echoed"

# ---- ADR references: text only, never a file; unknown ones refused ----
adr_refused() { # ref description
	run triage adr F0001 "$1" "$p" >"$tmp/out" 2>"$tmp/err"
	rc=$?
	[ $rc -eq 2 ] && [ ! -e "$hist/triage.json" ] && ! grep -q "$(printf '\033')" "$tmp/out" "$tmp/err"
	ok $? "$2 (exit $rc)"
}
adr_refused "../../../../etc/passwd" "an ADR reference that is a path out of the tree"
adr_refused "ADR-99999999999999999999" "an ADR number beyond any"
adr_refused "$(printf 'ADR-2\033[2J')" "an escape sequence after the number"
adr_refused "$(printf 'ADR-2\nADR-1')" "two references on two lines"
adr_refused "ADR-7" "an unknown ADR, with the planted title in the list"
grep -q "ADR-002" "$tmp/err"; ok $? "the list is there, sanitized"
run triage adr F0001 0002-evil.md "$p" >/dev/null 2>&1 && grep -q '"adr":[[:space:]]*"ADR-002"' "$hist/triage.json"
ok $? "the planted ADR itself can be linked by its file name"
rm -f "$hist/triage.json"

run triage advisory F0001@2026-03-01 --reason "the one finding, named right" "$p" >/dev/null 2>&1
ok $? "the same run named properly works"

echo "1..$n"
[ "$failed" -eq 0 ]
