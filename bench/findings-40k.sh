#!/bin/sh
# findings-40k.sh [FINDINGS] [FILES] — time the exports that scale with the
# number of findings: SARIF export and `run --baseline`.
#
# Generates a FastAPI project with FINDINGS (default 40000) sync_sleep
# findings spread over FILES (default 4) files — few files, so many
# findings share one, the worst case for SARIF's per-file line-hash
# occurrences — runs it once for the baseline run.json, then prints the
# wall time of:
#   export --format sarif           (SARIF of 40 000 results)
#   run (no baseline)               (the run on its own, for reference)
#   run --baseline RUN_JSON         (the same run, each finding looked up)
# Nothing is asserted: compare the numbers between builds, e.g.
#   PPAUDIT=/tmp/ppaudit-before bench/findings-40k.sh; PPAUDIT=build/ppaudit bench/findings-40k.sh
#
# Environment: PPAUDIT (binary, default ./ppaudit), WORK (scratch folder,
# default a fresh one under /tmp, removed afterwards).
set -eu

findings=${1:-40000}
files=${2:-4}
ppaudit=${PPAUDIT:-./ppaudit}
case $findings$files in ''|*[!0-9]*) echo "usage: $0 [FINDINGS] [FILES]" >&2; exit 2;; esac
if [ ! -x "$ppaudit" ]; then
	echo "$0: $ppaudit: not an executable (set PPAUDIT)" >&2
	exit 2
fi
if [ -n "${WORK:-}" ]; then
	work=$WORK
	mkdir -p "$work"
else
	work=$(mktemp -d /tmp/ppaudit-bench40k.XXXXXX)
	trap 'rm -rf "$work"' EXIT INT TERM
fi
proj=$work/project
out=$work/out

# One async handler with a time.sleep per finding, FILES modules. The
# sleep argument varies so line hashes repeat but are not all equal.
rm -rf "$proj" "$out"
mkdir -p "$proj/app"
printf 'fastapi==0.110.0\n' >"$proj/requirements.txt"
awk -v dir="$proj/app" -v n="$findings" -v files="$files" 'BEGIN {
	per = int((n + files - 1) / files); k = 0
	for (f = 0; f < files && k < n; f++) {
		p = sprintf("%s/mod%04d.py", dir, f)
		print "import time\n\nfrom fastapi import APIRouter\n\nrouter = APIRouter()\n" > p
		for (i = 0; i < per && k < n; i++) {
			printf "\n@router.get(\"/r%d\")\nasync def handler_%d():\n    time.sleep(%d)\n    return %d\n", k, k, i % 7, k > p
			k++
		}
		close(p)
	}
}'
# modules of up to 10 000 handlers exceed the default 1 MiB size cap
printf '{"thresholds": {"max_file_size": 67108864}}\n' >"$proj/.ppaudit.json"

# Wall-clock seconds of "$@" (output discarded; status 1 = findings, fine).
timed() {
	t0=$(date +%s.%N)
	"$@" >/dev/null 2>"$work/stderr" || [ $? -eq 1 ] || {
		echo "$0: '$*' failed:" >&2
		tail -n 5 "$work/stderr" >&2
		exit 3
	}
	t1=$(date +%s.%N)
	awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.2f", b - a }'
}

PPAUDIT_DATE=2026-01-01 "$ppaudit" run --no-tui --output-dir "$out" "$proj" >"$work/run.txt" 2>&1 || true
base=$out/docs/project/.audit/ln-650/2026-01-01/run.json
got=$(grep -c '"fingerprint"' "$base" 2>/dev/null || echo 0)
echo "project: $files files, $got findings ($proj)"
[ "$got" -eq "$findings" ] || echo "warning: expected $findings findings" >&2
cp "$base" "$work/baseline.json"

printf 'export --format sarif    %s s\n' \
	"$(timed "$ppaudit" export --format sarif -o "$work/out.sarif" --force --output-dir "$out" "$proj")"
printf 'run                      %s s\n' \
	"$(PPAUDIT_DATE=2026-01-02 timed "$ppaudit" run --no-tui --output-dir "$out" "$proj")"
printf 'run --baseline           %s s\n' \
	"$(PPAUDIT_DATE=2026-01-03 timed "$ppaudit" run --no-tui --baseline "$work/baseline.json" \
		--output-dir "$out" "$proj")"
