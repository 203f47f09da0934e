#!/bin/sh
# Run history (SPEC §2, issue 13 items 1 and 4): every full run keeps its
# own folder (DATE, DATE.2, ...); a partial gate run (--since,
# --changed-lines) is kept apart under ln-650/partial/ and never replaces
# the consolidated report or becomes the base of triage, review or diff.
set -u
bin=${PPAUDIT:-./ppaudit}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
n=0 failed=0
ok() { # cond-exit-status description
	n=$((n + 1))
	if [ "$1" -eq 0 ]; then echo "ok $n - $2"; else echo "not ok $n - $2"; failed=$((failed + 1)); fi
}
run() { PPAUDIT_DATE=2026-03-01 timeout -k 5 30 "$bin" "$@"; }
git_commit() { (cd "$p" && git add -A && git -c user.email=t@t -c user.name=t commit -qm "$1") >/dev/null 2>&1; }

p="$tmp/proj"
hist="$p/docs/project/.audit/ln-650"
mkdir -p "$p/app"
printf 'fastapi==0.110.0\n' >"$p/requirements.txt"
cat >"$p/app/api.py" <<'PY'
import time

from fastapi import APIRouter

router = APIRouter()


@router.get("/a")
async def a():
    time.sleep(1)
    return {}
PY
(cd "$p" && git init -q) && git_commit first

# ---- two full runs on one day: both kept ----
run run --no-tui "$p" >/dev/null 2>&1; ok $? "the morning run exits 0"
cp "$p/docs/project/persistence_audit.md" "$tmp/morning.md"
cat >>"$p/app/api.py" <<'PY'


@router.get("/b")
async def b():
    time.sleep(2)
    return {}
PY
git_commit second
run run --no-tui "$p" >"$tmp/out" 2>&1; ok $? "the afternoon run exits 0"
[ -s "$hist/2026-03-01/run.json" ] && [ -s "$hist/2026-03-01.2/run.json" ]
ok $? "both runs of the day are kept: 2026-03-01 and 2026-03-01.2"
grep -q "ln-650/2026-03-01.2/651-query-efficiency.md" "$tmp/out"; ok $? "the summary names the new folder"
run diff 2026-03-01 2026-03-01.2 "$p" >"$tmp/diff" 2>&1; ok $? "diff compares the two runs of the day"
grep -q "New: 1 | Fixed: 0 | Unchanged: 1" "$tmp/diff"; ok $? "one new finding between morning and afternoon"
run diff previous latest "$p" >/dev/null 2>&1; ok $? "previous and latest are the two runs of the day"
cp "$p/docs/project/persistence_audit.md" "$tmp/afternoon.md"

# ---- a partial gate run is kept apart ----
cat >>"$p/app/api.py" <<'PY'


@router.get("/c")
async def c():
    time.sleep(3)
    return {}
PY
git_commit third
run run --no-tui --since HEAD~1 --changed-lines --fail-on medium "$p" >"$tmp/gate" 2>&1
[ $? -eq 1 ]; ok $? "the gate run fails on the new finding (exit 1)"
[ -s "$hist/partial/2026-03-01/run.json" ]; ok $? "it is kept under ln-650/partial/"
[ ! -e "$hist/2026-03-01.3" ]; ok $? "it takes no full run's name"
python3 - "$hist/partial/2026-03-01/run.json" <<'PYCHK'
import json, sys
run = json.load(open(sys.argv[1]))["run"]
assert run["partial"] is True and "--since HEAD~1" in run["partial_reason"], run
PYCHK
ok $? "run.json marks it partial, with the options that made it so"
cmp -s "$tmp/afternoon.md" "$p/docs/project/persistence_audit.md"; ok $? "the consolidated report is left as it was"
grep -q "Partial run" "$tmp/gate"; ok $? "the summary says it is partial"
run runs "$p" >"$tmp/runs" 2>&1; ok $? "runs exits 0"
! grep -q "partial/" "$tmp/runs" && grep -q "1 partial run not listed" "$tmp/runs"
ok $? "runs lists full runs only, and says a partial one exists"
run runs --partial "$p" | grep -q "^partial/2026-03-01 "; ok $? "runs --partial lists it"
fp=$(sed -n 's/.*"fingerprint":[[:space:]]*"\([0-9a-f]*\)".*/\1/p' "$hist/2026-03-01.2/run.json" | head -n1)
run triage advisory "$fp" --reason "accepted for this sprint" "$p" >/dev/null 2>&1
ok $? "triage after the gate run exits 0"
grep -Eq '"status":[[:space:]]*"advisory"' "$hist/2026-03-01.2/run.json"; ok $? "triage edits the latest full run"
! grep -Eq '"status":[[:space:]]*"advisory"' "$hist/partial/2026-03-01/run.json"
ok $? "and not the partial one"
run diff previous latest "$p" >"$tmp/diff2" 2>&1
grep -q "New: 1 | Fixed: 0" "$tmp/diff2"; ok $? "diff latest is still the full run"
run diff 2026-03-01.2 partial/2026-03-01 "$p" >/dev/null 2>&1; ok $? "a partial run can be named explicitly"
run export --run partial/2026-03-01 --format json -o - "$p" | grep -q '"partial":[[:space:]]*true'
ok $? "export --run partial/NAME reads it"

echo "1..$n"
[ $failed -eq 0 ]
