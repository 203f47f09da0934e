#!/bin/sh
# Hostile state planted in the audited tree (SPEC §12): a minified file
# with thousands of findings on one line; a lock file, a triage.json and
# the latest run.json that are FIFOs or links; an old run folder that is a
# link out of the tree; an old run.json whose findings name files outside
# it. No run or command may hang, crash, read what a link points to, or
# touch anything outside the tree. Every command runs under `timeout`, so
# a hang is a failure, not a stuck test.
set -u
bin=${PPAUDIT:-./ppaudit}
case $bin in /*) ;; *) bin=$(pwd)/$bin ;; esac
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
n=0 failed=0
ok() { # cond-exit-status description
	n=$((n + 1))
	if [ "$1" -eq 0 ]; then echo "ok $n - $2"; else echo "not ok $n - $2"; failed=$((failed + 1)); fi
}
today=2026-03-01
# run SECONDS ARGS...: sets rc; stdin is /dev/null, so nothing waits on it
run() {
	s=$1
	shift
	PPAUDIT_DATE=$today timeout -k 5 "$s" "$bin" "$@" </dev/null
	rc=$?
}
command -v python3 >/dev/null || { echo "1..0 # SKIP python3 not installed"; exit 0; }

project() { # dir: one sync_sleep finding
	rm -rf "$1"
	mkdir -p "$1/app"
	printf 'fastapi==0.110.0\n' >"$1/requirements.txt"
	printf 'import time\n\n\nasync def slow():\n    time.sleep(1)\n' >"$1/app/api.py"
}
canary() {
	rm -rf "$tmp/outside"
	mkdir -p "$tmp/outside/2026-02-01"
	printf 'SECRET_OUTSIDE_CANARY = 1\nimport time\nasync def leak():\n    time.sleep(1)\n' \
		>"$tmp/outside/secret.py"
}
canary_intact() {
	[ "$(find "$tmp/outside" | wc -l)" -eq "$1" ] &&
		grep -q SECRET_OUTSIDE_CANARY "$tmp/outside/secret.py" &&
		[ -z "$(find "$tmp/outside" -newer "$tmp/marker")" ]
}
p=$tmp/proj
h=$p/docs/project/.audit/ln-650

# ---- a minified file: 4000 findings on one 280 KB line ----
# Each finding kept a whole copy of its line as the fingerprint anchor
# (twice) and the execution-context rule scanned the line per finding:
# over a minute and 3 GB before, seconds and 60 MB after.
rm -rf "$p"
mkdir -p "$p/src"
printf '{"name":"svc","dependencies":{"express":"4","pg":"8"}}\n' >"$p/package.json"
python3 - "$p/src/app.js" <<'PY'
import sys
with open(sys.argv[1], "w") as f:
    f.write('const fs=require("fs");')
    for i in range(4000):
        f.write('app.get("/r%d",async(req,res)=>{fs.readFileSync("x");res.send(1)});' % i)
    f.write("\n")
PY
run 45 run --no-tui "$p" >"$tmp/out" 2>"$tmp/err"
{ [ $rc -eq 0 ] || [ $rc -eq 1 ]; }; ok $? "minified line: the run completes (exit $rc)"
python3 - "$h/$today/run.json" <<'PY'
import json, sys
fs = json.load(open(sys.argv[1]))["findings"]
mine = [f for f in fs if f["file"] == "src/app.js" and f["line"] == 1]
assert len(mine) >= 4000, len(mine)
assert len({f["fingerprint"] for f in fs}) == len(fs)
assert all(len(e) <= 200 for f in fs for e in f.get("evidence", []))
PY
ok $? "minified line: every finding reported once, fingerprints distinct, evidence cut"

# ---- a lock file that is a FIFO ----
project "$p"
run 20 run --no-tui "$p" >/dev/null 2>&1
fp=$(python3 -c 'import json, sys; print(json.load(open(sys.argv[1]))["findings"][0]["fingerprint"])' \
	"$h/$today/run.json")
rm -f "$h/.lock"
mkfifo "$h/.lock"
run 15 run --no-tui "$p" >/dev/null 2>"$tmp/err"
[ $rc -eq 3 ] && grep -q '\.lock: not a regular file' "$tmp/err"; ok $? "FIFO .lock: the run exits 3 naming it (got $rc)"
run 15 triage advisory "$fp" --reason "reviewed by the team" "$p" >/dev/null 2>"$tmp/err"
[ $rc -eq 3 ] && grep -q '\.lock: not a regular file' "$tmp/err"; ok $? "FIFO .lock: triage exits 3 naming it (got $rc)"
[ -p "$h/.lock" ] && ! grep -Eq '"status":[[:space:]]*"advisory"' "$h/$today/run.json"; ok $? "FIFO .lock: left alone, no decision written"
rm -f "$h/.lock"

# ---- triage.json that is a FIFO, then a link out ----
canary
for kind in fifo link; do
	project "$p"
	run 20 run --no-tui "$p" >/dev/null 2>&1
	rm -f "$h/triage.json"
	if [ $kind = fifo ]; then
		mkfifo "$h/triage.json"
		want="not a regular file"
	else
		printf '{"version": 1, "decisions": []}\n' >"$tmp/outside/triage.json"
		ln -s "$tmp/outside/triage.json" "$h/triage.json"
		want="symbolic link"
	fi
	touch "$tmp/marker"
	run 15 triage list "$p" >/dev/null 2>"$tmp/err"
	[ $rc -eq 3 ] && grep -q "triage.json: .*$want" "$tmp/err"
	ok $? "$kind triage.json: triage list exits 3 saying it is a $want (got $rc)"
	run 15 run --no-tui "$p" >/dev/null 2>"$tmp/err"
	[ $rc -eq 3 ] && grep -q "triage.json: .*$want" "$tmp/err"
	ok $? "$kind triage.json: the run exits 3 saying it is a $want (got $rc)"
	rm -f "$h/triage.json" "$tmp/outside/triage.json"
done

# ---- an old run folder that is a link out of the tree ----
canary
project "$p"
run 20 run --no-tui "$p" >/dev/null 2>&1
python3 - "$h/$today/run.json" "$tmp/outside/2026-02-01/run.json" <<'PY'
import json, sys
run = json.load(open(sys.argv[1]))
run["run"]["date"] = "2026-02-01"
for f in run["findings"]:
    f["issue"] = "SECRET_OUTSIDE_CANARY"
json.dump(run, open(sys.argv[2], "w"))
PY
ln -s "$tmp/outside/2026-02-01" "$h/2026-02-01"
touch "$tmp/marker"
run 15 runs "$p" >"$tmp/out" 2>&1
[ $rc -eq 0 ] && ! grep -q "SECRET\|2026-02-01" "$tmp/out"; ok $? "run folder link: runs does not list it (got $rc)"
run 15 export --run 2026-02-01 --format md -o - "$p" >"$tmp/out" 2>&1
[ $rc -eq 3 ] && ! grep -q SECRET "$tmp/out"; ok $? "run folder link: export --run refuses it (got $rc)"
run 15 diff 2026-02-01 $today "$p" >"$tmp/out" 2>&1
[ $rc -eq 3 ] && ! grep -q SECRET "$tmp/out"; ok $? "run folder link: diff refuses it (got $rc)"
run 20 run --no-tui "$p" >"$tmp/out" 2>&1
{ [ $rc -eq 0 ] || [ $rc -eq 1 ]; } && ! grep -rq SECRET "$tmp/out" "$p/docs"
ok $? "run folder link: a new run completes and reads nothing through it (got $rc)"
canary_intact 4 && [ -L "$h/2026-02-01" ]; ok $? "run folder link: the link and its target are left alone"
rm -f "$h/2026-02-01"

# ---- the latest run.json is a FIFO ----
project "$p"
run 20 run --no-tui "$p" >/dev/null 2>&1
rm "$h/$today/run.json"
mkfifo "$h/$today/run.json"
for cmd in "runs" "triage list" "export --format md -o -" "diff --all $today $today"; do
	# shellcheck disable=SC2086
	run 15 $cmd "$p" >"$tmp/out" 2>"$tmp/err"
	[ $rc -ne 124 ] && [ $rc -ne 137 ] && grep -q "run.json: not a regular file" "$tmp/out" "$tmp/err"
	ok $? "FIFO run.json: $cmd returns at once naming it (got $rc)"
done
run 20 run --no-tui "$p" >/dev/null 2>&1
{ [ $rc -eq 0 ] || [ $rc -eq 1 ]; } && [ -p "$h/$today/run.json" ] && [ -s "$h/$today.2/run.json" ]
ok $? "FIFO run.json: a new run completes beside it (got $rc)"

# ---- an old run.json whose findings name files outside the tree ----
canary
project "$p"
run 20 run --no-tui "$p" >/dev/null 2>&1
mkdir -p "$h/2026-02-01"
python3 - "$h/$today/run.json" "$h/2026-02-01/run.json" "$tmp/outside/secret.py" <<'PY'
import json, os, sys
run = json.load(open(sys.argv[1]))
run["run"]["date"] = "2026-02-01"
f = run["findings"][0]
g = dict(f)
f["file"] = sys.argv[3]
g["file"] = os.path.relpath(sys.argv[3], os.path.dirname(os.path.dirname(sys.argv[1])) + "/../../..")
g["fingerprint"] = "0123456789abcdef"
run["findings"].append(g)
json.dump(run, open(sys.argv[2], "w"))
PY
touch "$tmp/marker"
for fmt in md html sarif tsv json; do
	run 15 export --run 2026-02-01 --format $fmt -o - "$p" >"$tmp/out" 2>&1
	[ $rc -ne 124 ] && ! grep -q SECRET_OUTSIDE_CANARY "$tmp/out"
	ok $? "outside paths in an old run.json: export --format $fmt shows no outside source (got $rc)"
done
run 15 diff --all 2026-02-01 $today "$p" >"$tmp/out" 2>&1
[ $rc -ne 124 ] && ! grep -q SECRET_OUTSIDE_CANARY "$tmp/out"; ok $? "outside paths in an old run.json: diff reads no outside source"
run 20 run --no-tui "$p" >"$tmp/out" 2>&1
{ [ $rc -eq 0 ] || [ $rc -eq 1 ]; } && ! grep -rq SECRET_OUTSIDE_CANARY "$tmp/out" "$p/docs"
ok $? "outside paths in an old run.json: a new run reads no outside source (got $rc)"
canary_intact 3; ok $? "outside paths in an old run.json: nothing outside touched"

echo "1..$n"
[ $failed -eq 0 ]
