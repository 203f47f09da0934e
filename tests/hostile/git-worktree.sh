#!/bin/sh
# A tree that ships its own .git with core.worktree set elsewhere must not
# make the run list another folder instead of the tree (found by the
# whole-run fuzzer's seeds, tests/fuzz/fuzz-run.c): the tree's own files
# are audited and nothing from the other folder is.
set -u
bin=${PPAUDIT:-./ppaudit}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
n=0 failed=0
ok() { # cond-exit-status description
	n=$((n + 1))
	if [ "$1" -eq 0 ]; then echo "ok $n - $2"; else echo "not ok $n - $2"; failed=$((failed + 1)); fi
}
if ! command -v git >/dev/null 2>&1; then
	echo "1..0 # SKIP git is not installed"
	exit 0
fi
run() { PPAUDIT_DATE=2026-03-01 timeout -k 5 60 "$bin" "$@"; }

p="$tmp/proj" other="$tmp/other"
mkdir -p "$p/app" "$other/app"
cat >"$p/app/api.py" <<'PY'
import time


async def slow():
    time.sleep(1)
PY
cat >"$other/app/elsewhere.py" <<'PY'
import time


async def elsewhere():
    time.sleep(1)
PY
git init -q "$p" >/dev/null 2>&1

for wt in "$other" /; do
	git -C "$p" config core.worktree "$wt"
	run run --no-tui --format tsv --output-dir "$tmp/out" "$p" >"$tmp/tsv" 2>"$tmp/err"
	rc=$?
	[ $rc -eq 0 ]; ok $? "core.worktree=$wt: the run completes (exit $rc)"
	grep -q "^app/api.py:5	sync_sleep" "$tmp/tsv"; ok $? "core.worktree=$wt: the tree's own file is audited"
	! grep -q elsewhere "$tmp/tsv"; ok $? "core.worktree=$wt: nothing from the other folder"
done
echo "1..$n"
[ $failed -eq 0 ]
