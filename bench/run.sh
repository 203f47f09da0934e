#!/bin/sh
# run.sh [LINES] — benchmark ppaudit on a synthetic corpus.
#
# Builds the corpus with gen-corpus.sh into /tmp (once per LINES/SEED), runs
# `ppaudit run --no-tui --output-dir TMP CORPUS` RUNS times and prints wall
# time, files/s, lines/s and peak RSS. With ast-grep (`ast-grep` or `sg`)
# installed it also times ast-grep scanning the same tree with the six rules
# in bench/ast-grep/ and prints the ratio.
#
# Environment: PPAUDIT (binary, default ./ppaudit), RUNS (default 5),
# SEED (corpus seed), CORPUS (corpus directory, default /tmp/ppaudit-corpus-LINES-SEED).
set -eu

lines=${1:-400000}
runs=${RUNS:-5}
seed=${SEED:-20261127}
ppaudit=${PPAUDIT:-./ppaudit}
here=$(cd "$(dirname "$0")" && pwd)
corpus=${CORPUS:-/tmp/ppaudit-corpus-$lines-$seed}

case $lines in ''|*[!0-9]*) echo "usage: $0 [LINES]" >&2; exit 2;; esac
case $runs in ''|*[!0-9]*|0) echo "$0: RUNS must be a positive number" >&2; exit 2;; esac
if [ ! -x "$ppaudit" ]; then
	echo "$0: $ppaudit: not an executable (set PPAUDIT)" >&2
	exit 2
fi

if [ ! -f "$corpus/SEEDED.tsv" ]; then
	rm -rf "$corpus"
	"$here/gen-corpus.sh" "$corpus" "$lines" "$seed"
fi
files=$(find "$corpus" -name '*.py' | wc -l)
nlines=$(find "$corpus" -name '*.py' -exec cat {} + | wc -l)
echo "corpus: $corpus ($files Python files, $nlines lines)"

work=$(mktemp -d /tmp/ppaudit-bench.XXXXXX)
trap 'rm -rf "$work"' EXIT INT TERM

# Median of the numbers on stdin.
median() { sort -n | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

# Runs "$@" RUNS times under /usr/bin/time, one "wall_seconds max_rss_kb" line per run.
measure() {
	i=0
	while [ "$i" -lt "$runs" ]; do
		rm -rf "$work/out"
		/usr/bin/time -f '%e %M' -o "$work/time" "$@" >"$work/stdout" 2>"$work/stderr" || {
			rc=$?
			# 1 means "findings at or above --fail-on": a normal outcome here.
			if [ "$rc" -ne 1 ]; then
				echo "$0: '$*' failed with status $rc:" >&2
				tail -n 5 "$work/stderr" >&2
				exit 3
			fi
		}
		tail -n 1 "$work/time"
		i=$((i + 1))
	done
}

report() { # name results-file
	wall=$(awk '{ print $1 }' "$2" | median)
	rss=$(awk '{ print $2 }' "$2" | sort -n | tail -n 1)
	awk -v n="$1" -v w="$wall" -v f="$files" -v l="$nlines" -v r="$rss" -v k="$runs" 'BEGIN {
		if (w <= 0) w = 0.01
		printf "%-8s wall %.2f s (median of %d)  %.0f files/s  %.0f lines/s  peak RSS %.1f MiB\n",
			n, w, k, f / w, l / w, r / 1024 }'
}

run_ppaudit() { "$ppaudit" run --no-tui --output-dir "$work/out" "$corpus"; }

if command -v hyperfine >/dev/null 2>&1; then
	hyperfine --warmup 1 --runs "$runs" -i \
		--prepare "rm -rf '$work/out'" \
		"'$ppaudit' run --no-tui --output-dir '$work/out' '$corpus'"
fi
if [ ! -x /usr/bin/time ]; then
	echo "$0: /usr/bin/time is needed for peak RSS (apt-get install time)" >&2
	exit 3
fi
measure "$ppaudit" run --no-tui --output-dir "$work/out" "$corpus" >"$work/ppaudit.txt"
report ppaudit "$work/ppaudit.txt"

sg=
if command -v ast-grep >/dev/null 2>&1; then sg=ast-grep
# /usr/bin/sg is often shadow-utils' "switch group": accept it only if it says ast-grep.
elif command -v sg >/dev/null 2>&1 && timeout 5 sg --version </dev/null 2>/dev/null | grep -qi ast-grep; then sg=sg
fi
if [ -n "$sg" ]; then
	measure "$sg" scan --config "$here/ast-grep/sgconfig.yml" --json=compact "$corpus" >"$work/sg.txt"
	report ast-grep "$work/sg.txt"
	awk -v a="$(awk '{ print $1 }' "$work/ppaudit.txt" | median)" \
	    -v b="$(awk '{ print $1 }' "$work/sg.txt" | median)" 'BEGIN {
		if (b <= 0) b = 0.01
		printf "ratio    ppaudit / ast-grep (6 rules) = %.2f\n", a / b }'
else
	echo "ast-grep not installed: no baseline ratio"
fi
