#!/bin/sh
# Issue 8, defects 1-4, 7, 9 (FIFO, /dev/stdin link), 10 (links out of the
# tree), 12 (stale temps, PPAUDIT_DATE): a crafted tree never makes a run
# read, write or delete anything outside it, and never hangs it.
# Each case plants the attack, runs ppaudit, and checks a canary folder
# outside the tree is untouched.
set -u
bin=${PPAUDIT:-./ppaudit}
tmp=$(mktemp -d)
trap 'chmod -R u+w "$tmp" 2>/dev/null; rm -rf "$tmp"' EXIT
n=0 failed=0
ok() { # cond-exit-status description
	n=$((n + 1))
	if [ "$1" -eq 0 ]; then echo "ok $n - $2"; else echo "not ok $n - $2"; failed=$((failed + 1)); fi
}
today=2026-03-01
run() { PPAUDIT_DATE=$today timeout -k 5 20 "$bin" "$@"; }
# plant_links TARGET PATTERN: links named PATTERN % pid for the next 3000
# pids, made by one process so that the pids stay ahead of the run's
plant_links() {
	python3 -c 'import os, sys
base = os.getpid()
for pid in range(base, base + 3000):
    os.symlink(sys.argv[1], sys.argv[2] % pid)' "$1" "$2"
}

# a small project with one finding, fresh for each case
project() { # dir
	rm -rf "$1"
	mkdir -p "$1/app"
	printf 'fastapi==0.110.0\nsqlalchemy==2.0.29\n' >"$1/requirements.txt"
	cat >"$1/app/api.py" <<'PY'
import time

from fastapi import APIRouter

router = APIRouter()


@router.get("/slow")
async def slow():
    time.sleep(1)
    return {}
PY
}
# the canary: files outside the tree that must survive every case
canary() {
	rm -rf "$tmp/outside"
	mkdir -p "$tmp/outside/$today" "$tmp/outside/keep"
	echo precious >"$tmp/outside/photo.jpg"
	echo precious >"$tmp/outside/$today/photo.jpg"
	echo precious >"$tmp/outside/keep/notes.txt"
}
canary_intact() {
	[ "$(cat "$tmp/outside/photo.jpg" 2>/dev/null)" = precious ] &&
		[ "$(cat "$tmp/outside/$today/photo.jpg" 2>/dev/null)" = precious ] &&
		[ "$(cat "$tmp/outside/keep/notes.txt" 2>/dev/null)" = precious ] &&
		[ "$(find "$tmp/outside" | wc -l)" -eq 6 ]
}
p="$tmp/proj"
ln650="$p/docs/project/.audit/ln-650"

# ---- 1. planted temp-folder links + a failing write: no delete outside ----
canary
project "$p"
mkdir -p "$ln650"
# links under every name a temp folder of the next few thousand pids could take
plant_links "$tmp/outside" "$ln650/.$today.tmp.%d"
mkdir -p "$p/docs/project/persistence_audit.md"   # the later write fails
run run --no-tui "$p" >/dev/null 2>&1
rc=$?
canary_intact; ok $? "1: planted temp-folder links: nothing outside deleted"
[ $rc -eq 3 ]; ok $? "1: the failed write exits 3"
[ "$(find "$ln650" -maxdepth 1 -type l | wc -l)" -eq 3000 ]
ok $? "1: the planted links themselves are left alone"

# ---- 2. planted temp-file links: no overwrite outside ----
canary
project "$p"
mkdir -p "$ln650"
plant_links "$tmp/outside/photo.jpg" "$p/docs/project/persistence_audit.md.tmp.%d"
run run --no-tui "$p" >/dev/null 2>&1; ok $? "2: run with planted temp-file links succeeds"
canary_intact; ok $? "2: no file outside overwritten"
grep -q "Persistence & Performance Audit Report" "$p/docs/project/persistence_audit.md"
ok $? "2: the report is written in the tree"

# ---- 3. committed links under docs/project ----
for link in "docs" "docs/project" "docs/project/.audit" "docs/project/.audit/ln-650"; do
	canary
	project "$p"
	mkdir -p "$p/$(dirname "$link")"
	ln -s "$tmp/outside" "$p/$link"
	run run --no-tui "$p" >/dev/null 2>"$tmp/err"
	rc=$?
	canary_intact; ok $? "3: $link -> outside: nothing outside touched"
	[ $rc -eq 3 ] && grep -q "symbolic link" "$tmp/err"; ok $? "3: $link -> outside: exits 3 naming the link"
done

# a link where today's run folder would go is not a run: the run takes the
# next name and leaves the link alone
canary
project "$p"
mkdir -p "$ln650"
ln -s "$tmp/outside" "$ln650/$today"
run run --no-tui "$p" >/dev/null 2>&1; ok $? "3: ln-650/$today -> outside: the run still completes"
canary_intact && [ -L "$ln650/$today" ] && [ -s "$ln650/$today.2/run.json" ]
ok $? "3: ln-650/$today -> outside: nothing outside touched, the run kept as $today.2"

# ---- 4. .ppaudit.json output_dir ----
for dir in "$tmp/outside" "../outside" "/" "a/../../outside"; do
	canary
	project "$p"
	printf '{"output_dir": "%s"}\n' "$dir" >"$p/.ppaudit.json"
	touch "$tmp/marker"
	run run --no-tui "$p" >/dev/null 2>"$tmp/err"
	rc=$?
	canary_intact && [ ! -e "$tmp/outside/docs" ] && [ ! -e "$tmp/docs" ] &&
		[ -z "$(find /docs -newer "$tmp/marker" 2>/dev/null)" ]
	ok $? "4: output_dir '$dir': nothing written outside"
	[ $rc -ne 0 ] && grep -q "output_dir" "$tmp/err"; ok $? "4: output_dir '$dir' is refused, naming the key"
done
project "$p"
printf '{"output_dir": "reports/audit"}\n' >"$p/.ppaudit.json"
(cd "$tmp" && PPAUDIT_DATE=$today timeout -k 5 20 "$bin" run --no-tui proj >/dev/null 2>&1)
[ -f "$p/reports/audit/docs/project/persistence_audit.md" ] && [ ! -e "$tmp/reports" ]
ok $? "4: a relative output_dir resolves against the project, not the cwd"
project "$p"
printf '{"output_dir": "out"}\n' >"$p/.ppaudit.json"
ln -s "$tmp/outside" "$p/out"
canary
run run --no-tui "$p" >/dev/null 2>&1
canary_intact && [ ! -e "$tmp/outside/docs" ]; ok $? "4: an output_dir that is a link is not followed"

# ---- 7. a run folder dated after today never becomes latest ----
project "$p"
run run --no-tui "$p" >/dev/null 2>&1
mkdir -p "$ln650/2099-01-01"
cp "$ln650/$today/run.json" "$ln650/2099-01-01/run.json"
sed -i 's/"date":\([[:space:]]*\)"[0-9-]*"/"date":\1"2099-01-01"/' "$ln650/2099-01-01/run.json"
fp=$(sed -n 's/.*"fingerprint":[[:space:]]*"\([0-9a-f]*\)".*/\1/p' "$ln650/$today/run.json" | head -n1)
run triage advisory "$fp" --reason "reviewed by the team" "$p" >/dev/null 2>&1
ok $? "7: triage with a future-dated folder present"
grep -Eq '"status":[[:space:]]*"advisory"' "$ln650/$today/run.json"; ok $? "7: triage edited today's run"
! grep -Eq '"status":[[:space:]]*"advisory"' "$ln650/2099-01-01/run.json"; ok $? "7: the future-dated run is untouched"
run runs "$p" >"$tmp/runs" 2>&1
! grep -q 2099 "$tmp/runs"; ok $? "7: runs lists no run dated after today"
PPAUDIT_DATE=2026-13-45 timeout -k 5 20 "$bin" run --no-tui "$p" >/dev/null 2>"$tmp/err"
[ $? -eq 2 ] && grep -q PPAUDIT_DATE "$tmp/err"; ok $? "12: an invalid PPAUDIT_DATE exits 2"
PPAUDIT_DATE=../../../x timeout -k 5 20 "$bin" run --no-tui "$p" >/dev/null 2>&1
[ $? -eq 2 ] && [ ! -e "$p/docs/x" ] && [ ! -e "$tmp/x" ]; ok $? "12: PPAUDIT_DATE cannot point the run folder anywhere"

# ---- 9. FIFOs and device links never hang a run ----
project "$p"
mkfifo "$p/app/pipe.py" "$p/setup.cfg"
ln -sf /dev/stdin "$p/pyproject.toml"
ln -s /dev/zero "$p/app/zero.py"
mkdir -p "$p/docs/adr"
mkfifo "$p/docs/adr/0001-fifo.md"
# stdin is a FIFO no one ever writes to: reading it would block forever
mkfifo "$tmp/stdin.fifo"
exec 3<>"$tmp/stdin.fifo"
start=$(date +%s)
run run --no-tui "$p" <&3 >/dev/null 2>"$tmp/err"
rc=$?
exec 3>&-
[ $rc -le 1 ] && [ $(($(date +%s) - start)) -lt 15 ]; ok $? "9: FIFOs and a /dev/stdin link do not block the run (rc $rc)"
grep -q "pipe.py" "$tmp/err" && grep -q "not a regular file" "$tmp/err"; ok $? "9: the FIFO source file is named as not read"
grep -q "sync_sleep\|time.sleep" "$ln650/$today/run.json"; ok $? "9: the rest of the tree is audited"

# ---- 10. links out of the tree are never read or published ----
project "$p"
printf 'SECRET_CANARY_LINE = 1\nimport time\nasync def leak():\n    time.sleep(1)\n' >"$tmp/outside.py"
ln -s "$tmp/outside.py" "$p/app/linked.py"
mkdir -p "$tmp/adrs" "$p/docs"
printf '# ADR-001: SECRET_ADR_CANARY\n\nStatus: accepted\n' >"$tmp/adrs/0001-x.md"
ln -s "$tmp/adrs" "$p/docs/adr"
(cd "$p" && git init -q && git add -A && git -c user.email=t@t -c user.name=t commit -qm x) >/dev/null 2>&1
run run --no-tui "$p" >/dev/null 2>"$tmp/err"
! grep -rq "SECRET_CANARY_LINE\|SECRET_ADR_CANARY" "$p/docs/project"; ok $? "10: a tracked link's target is not read into any report"
grep -q "linked.py" "$tmp/err"; ok $? "10: the link is named as not followed"

# ---- 10. a crafted run.json cannot make review show a file outside ----
project "$p"
run run --no-tui "$p" >/dev/null 2>&1
printf 'root:x:0:0:SECRET_PASSWD_CANARY\n' >"$tmp/passwd"
python3 - "$ln650/$today/run.json" "$tmp/passwd" <<'PY'
import json, os, sys
path, target = sys.argv[1], sys.argv[2]
run = json.load(open(path))
run["findings"][0]["file"] = os.path.relpath(target, os.path.dirname(os.path.dirname(path)) + "/../../../..")
run["findings"][0]["line"] = 1
run["findings"][0]["end_line"] = 1
json.dump(run, open(path, "w"), indent=1)
PY
printf '<Enter>\n:save-display %s\nq\nq\n' "$tmp/review.txt" >"$tmp/review.keys"
(cd "$p" && PPAUDIT_NO_DISPLAY=1 PPAUDIT_SIZE=100x30 NO_COLOR=1 PPAUDIT_ASCII=1 LC_ALL=C.UTF-8 \
	PPAUDIT_SCRIPT="$tmp/review.keys" PPAUDIT_DATE=$today timeout -k 5 20 "$bin" review) >/dev/null 2>&1
grep -q "source not available" "$tmp/review.txt" && ! grep -q SECRET_PASSWD_CANARY "$tmp/review.txt"
ok $? "10: review of a crafted run.json shows no file outside the tree"

# ---- 12. stale temp folders of killed runs are cleaned ----
project "$p"
run run --no-tui "$p" >/dev/null 2>&1
mkdir -p "$ln650/.ppaudit-tmp-999999-00000000deadbeef"
echo partial >"$ln650/.ppaudit-tmp-999999-00000000deadbeef/run.json"
echo partial >"$ln650/.ppaudit-tmp-999998-00000000deadbeef"
ln -s "$tmp/outside" "$ln650/.ppaudit-tmp-999997-00000000deadbeef"
canary
run run --no-tui "$p" >/dev/null 2>&1
[ ! -e "$ln650/.ppaudit-tmp-999999-00000000deadbeef" ] && [ ! -e "$ln650/.ppaudit-tmp-999998-00000000deadbeef" ]
ok $? "12: leftover temps of a dead process are removed"
canary_intact; ok $? "12: a planted temp link is unlinked, its target untouched"

# ---- 13. export's default targets under docs/project/ are planted links ----
project "$p"
run run --no-tui "$p" >/dev/null 2>&1
canary
for ext in md json tsv; do
	ln -sf "$tmp/outside/photo.jpg" "$p/docs/project/persistence_audit.$ext"
	run export --format "$ext" "$p" >/dev/null 2>&1
	[ $? -eq 3 ]; ok $? "13: export --format $ext refuses a planted link at its place"
	run export --format "$ext" --force "$p" >/dev/null 2>&1
	[ $? -eq 0 ] && [ -f "$p/docs/project/persistence_audit.$ext" ] &&
		[ ! -L "$p/docs/project/persistence_audit.$ext" ]
	ok $? "13: with --force the link itself is replaced by the export"
	canary_intact; ok $? "13: the link's target outside the tree is untouched ($ext)"
done

echo "1..$n"
[ $failed -eq 0 ]
