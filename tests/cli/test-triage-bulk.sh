#!/bin/sh
# Bulk triage from the command line (issue 13 item 13): every finding that
# matches --check, --severity and --path is marked by one command, which is
# one step for `ppaudit triage undo`.
set -u
bin=${PPAUDIT:-./ppaudit}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
n=0 failed=0
ok() { # exit-status description
	n=$((n + 1))
	if [ "$1" -eq 0 ]; then echo "ok $n - $2"; else echo "not ok $n - $2"; failed=$((failed + 1)); fi
}
run() { PPAUDIT_DATE=2026-03-01 "$bin" "$@"; }
statuses() { # "location status" lines of the latest run, sorted
	run triage list "$p" 2>/dev/null | awk 'NR > 1 { print $5, $4 }' | sort
}

p="$tmp/svc"
hist="$p/docs/project/.audit/ln-650"
mkdir -p "$p/app/api" "$p/app/jobs/nightly" "$p/app/admin"
printf 'fastapi==0.110.0\n' >"$p/requirements.txt"
sleeper() { # file: an async function that sleeps (sync_sleep)
	printf 'import time\n\n\nasync def run_it():\n    time.sleep(1)\n' >"$p/$1"
}
sleeper app/jobs/nightly/export.py
sleeper app/jobs/nightly/cleanup.py
sleeper app/jobs/reindex.py
sleeper app/admin/tools.py
# a different check in the same folder
printf 'import requests\n\n\nasync def fetch():\n    return requests.get("http://x")\n' >"$p/app/jobs/nightly/fetch.py"
run run --no-tui "$p" >/dev/null 2>&1; ok $? "a run"
statuses >"$tmp/before"
[ "$(grep -c " open$" "$tmp/before")" -eq 5 ]
ok $? "the findings are open to begin with"
check=$(run triage list "$p" 2>/dev/null | awk '$5 == "app/jobs/nightly/fetch.py:5" { print $6 }')
sev=$(run triage list "$p" 2>/dev/null | awk '$5 == "app/jobs/nightly/export.py:5" { print $3 }')

# ---- a dry run names what it would mark and changes nothing ----
run triage advisory --check sync_sleep --path 'app/jobs/**' --dry-run --reason "nightly jobs, off-peak" "$p" >"$tmp/dry" 2>&1
ok $? "--dry-run exits 0"
[ "$(grep -c "app/jobs/.*sync_sleep" "$tmp/dry")" -eq 3 ] && [ ! -e "$hist/triage.json" ]
ok $? "it lists the three matches and records nothing"

# ---- the bulk action ----
run triage advisory --check sync_sleep --severity "$sev" --path 'app/jobs/**' --reason "nightly jobs, off-peak" "$p" >"$tmp/out" 2>&1
ok $? "triage advisory --check --severity --path --reason"
statuses >"$tmp/after"
grep -q "app/jobs/nightly/export.py:5 advisory" "$tmp/after" &&
	grep -q "app/jobs/nightly/cleanup.py:5 advisory" "$tmp/after" &&
	grep -q "app/jobs/reindex.py:5 advisory" "$tmp/after"
ok $? "the three sleeps under app/jobs/ are advisories"
grep -q "app/admin/tools.py:5 open" "$tmp/after" && grep -q "app/jobs/nightly/fetch.py:5 open" "$tmp/after"
ok $? "the sleep elsewhere and the other check stay open"
grep -q "3 findings" "$tmp/out"; ok $? "the summary counts them"
grep -c "nightly jobs, off-peak" "$p/docs/project/persistence_audit.md" | grep -q '^[1-9]'
ok $? "the reports were rewritten"
python3 - "$hist/triage.json" <<'PY'
import json, sys
h = json.load(open(sys.argv[1]))["history"]
assert len(h) == 3 and len({e["step"] for e in h}) == 1, h
PY
ok $? "triage.json: three entries, one step"

run triage false-positive --path 'app/jobs/nightly/*' --check "$check" --reason "mocked in staging" "$p" >/dev/null 2>&1
ok $? "a second bulk action (another check, one folder)"
grep -q "app/jobs/nightly/fetch.py:5 false_positive" "$(statuses >"$tmp/s2"; echo "$tmp/s2")"
ok $? "it marked the other check"
run triage advisory --check sync_sleep --path 'app/jobs/**' --reason "again, all of them" "$p" >"$tmp/again" 2>&1
grep -q "no open finding matches" "$tmp/again"; ok $? "already triaged findings are left alone"

# ---- one undo step each ----
run triage undo "$p" >"$tmp/undo" 2>&1; ok $? "triage undo"
grep -q "app/jobs/nightly/fetch.py:5 open" "$(statuses >"$tmp/s3"; echo "$tmp/s3")" &&
	grep -q "app/jobs/reindex.py:5 advisory" "$tmp/s3"
ok $? "the last bulk action is undone, the one before stays"
run triage undo "$p" >/dev/null 2>&1; ok $? "undo again"
statuses >"$tmp/s4"
cmp -s "$tmp/before" "$tmp/s4"; ok $? "all three sleeps are open again: the bulk advisory was one step"
run triage undo "$p" >"$tmp/none" 2>&1; ok $? "nothing left: exit 0"
grep -qi "nothing to undo" "$tmp/none"; ok $? "and it says so"

# ---- usage ----
run triage advisory --reason "every finding at once" "$p" >/dev/null 2>&1; [ $? -eq 2 ]
ok $? "no id and no filter is a usage error (never everything by accident)"
run triage advisory F0001 --check sync_sleep --reason "both an id and filters" "$p" >/dev/null 2>&1; [ $? -eq 2 ]
ok $? "an id and filters together is a usage error"
run triage advisory --severity severe --check sync_sleep --reason "bad level" "$p" >/dev/null 2>&1; [ $? -eq 2 ]
ok $? "an unknown severity is a usage error"
run triage advisory --check no_such_check --reason "no such check" "$p" >/dev/null 2>"$tmp/err"; [ $? -eq 2 ]
ok $? "an unknown check is a usage error"
grep -q "did you mean\|unknown check" "$tmp/err"; ok $? "naming the problem"

echo "1..$n"
[ "$failed" -eq 0 ]
