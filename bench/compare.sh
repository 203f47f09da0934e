#!/bin/sh
# compare.sh TREE [python|typescript|go] — ppaudit against the cost of
# reading the files and against other tools, on the same files, in one
# interleaved run (issue 14).
#
# The source files of the language under TREE (tests, vendored and browser
# folders left out, as ppaudit leaves them out) are copied once into a
# temporary tree, so every tool reads exactly the same files. Then, RUNS
# times (default 7), in turn:
#
#   cat        find | xargs cat > /dev/null      (the cost of finding and reading them)
#   ppaudit    run --no-tui --jobs 2
#   ppaudit-j1 run --no-tui --jobs 1
#   ast-grep   scan with the six rules of bench/ast-grep/ (Python only)
#   ruff       ruff's WebAssembly build, ASYNC rules (Python only; node and
#              @astral-sh/ruff-wasm-nodejs, see bench/ruff-wasm-lint.js)
#
# and prints the median wall time and the peak RSS of each, then the
# ratios the issue asks for: ppaudit / cat, ast-grep / ppaudit, ruff /
# ppaudit, and the speed-up of --jobs 2 over --jobs 1. Tools that are not
# installed are skipped with a note; nothing is downloaded.
#
# Environment: PPAUDIT (binary, default build/ppaudit next to this script),
# PPAUDIT_BASE (an earlier binary: timed too, --jobs 2, and the ratio
# ppaudit / base printed: "not slower than before" measured in one run),
# RUNS, SG (ast-grep binary), RUFF_WASM (ruff-wasm-nodejs package dir).
set -eu

here=$(cd "$(dirname "$0")" && pwd)
tree=${1:?usage: compare.sh TREE [python|typescript|go]}
lang=${2:-python}
runs=${RUNS:-7}
ppaudit=${PPAUDIT:-$here/../build/ppaudit}
base=${PPAUDIT_BASE:-}
case $lang in
python) exts='py' ;;
typescript) exts='ts tsx js mjs cjs jsx mts cts' ;;
go) exts='go' ;;
*) echo "compare.sh: unknown language '$lang'" >&2; exit 2 ;;
esac
[ -x "$ppaudit" ] || { echo "compare.sh: $ppaudit: not an executable (set PPAUDIT)" >&2; exit 2; }
[ -x /usr/bin/time ] || { echo "compare.sh: /usr/bin/time is needed (apt-get install time)" >&2; exit 2; }

work=$(mktemp -d /tmp/ppaudit-compare.XXXXXX)
trap 'rm -rf "$work"' EXIT INT TERM

# ---- the same files for every tool ----
names=
for e in $exts; do names="$names -o -name *.$e"; done
names=${names# -o }
(cd "$tree" && set -f && find . \( -name node_modules -o -name .git -o -name vendor -o -name dist \
	-o -name build -o -name tests -o -name test -o -name __tests__ -o -name static \
	-o -name public -o -name .venv -o -name venv \) -prune -o -type f \( $names \) \
	! -name '*.d.ts' ! -name '*_test.go' ! -name '*.min.js' -print) >"$work/list"
mkdir -p "$work/tree"
(cd "$tree" && tr '\n' '\0' <"$work/list" | xargs -0 cp --parents -t "$work/tree")
case $lang in
python) printf 'fastapi\nsqlalchemy\n' >"$work/tree/requirements.txt" ;;
typescript) [ -f "$tree/package.json" ] && cp "$tree/package.json" "$work/tree/" ;;
go) [ -f "$tree/go.mod" ] && cp "$tree/go.mod" "$work/tree/" ;;
esac
files=$(wc -l <"$work/list")
lines=$(cd "$work/tree" && tr '\n' '\0' <"$work/list" | xargs -0 cat | wc -l)
echo "tree: $tree ($lang): $files files, $lines lines, $runs interleaved runs"

sg=${SG:-}
if [ -z "$sg" ]; then
	if command -v ast-grep >/dev/null 2>&1; then sg=ast-grep
	elif [ -x /tmp/bench-tools/node_modules/.bin/ast-grep ]; then sg=/tmp/bench-tools/node_modules/.bin/ast-grep
	fi
fi
ruff=${RUFF_WASM:-}
[ -z "$ruff" ] && [ -d /tmp/bench-tools/node_modules/@astral-sh/ruff-wasm-nodejs ] &&
	ruff=/tmp/bench-tools/node_modules/@astral-sh/ruff-wasm-nodejs
[ "$lang" = python ] || { sg=; ruff=; }

# runs tool $1 once under /usr/bin/time; appends "wall rss" to $work/$1.txt
measure() {
	case $1 in
	cat) set -- sh -c 'find "$1" -type f -print0 | xargs -0 cat >/dev/null' sh "$work/tree" ;;
	ppaudit) rm -rf "$work/out"; set -- "$ppaudit" run --no-tui --jobs 2 --output-dir "$work/out" "$work/tree" ;;
	ppaudit_j1) rm -rf "$work/out"; set -- "$ppaudit" run --no-tui --jobs 1 --output-dir "$work/out" "$work/tree" ;;
	base) rm -rf "$work/out"; set -- "$base" run --no-tui --jobs 2 --output-dir "$work/out" "$work/tree" ;;
	sg) set -- "$sg" scan --config "$here/ast-grep/sgconfig.yml" --json=compact "$work/tree" ;;
	ruff) set -- env RUFF_WASM="$ruff" node "$here/ruff-wasm-lint.js" "$work/tree" ;;
	esac
	# 1 = findings at or above --fail-on: a normal outcome here
	/usr/bin/time -f '%e %M' -o "$work/time" "$@" >/dev/null 2>"$work/err" || [ $? -eq 1 ] ||
		{ echo "compare.sh: $* failed:" >&2; tail -n 3 "$work/err" >&2; exit 3; }
}

tools="cat ppaudit ppaudit_j1"
if [ -n "$base" ]; then
	[ -x "$base" ] || { echo "compare.sh: $base: not an executable (PPAUDIT_BASE)" >&2; exit 2; }
	tools="$tools base"
fi
if [ -n "$sg" ]; then tools="$tools sg"; else echo "(ast-grep: not installed, or not $lang: skipped)"; fi
if [ -n "$ruff" ] && command -v node >/dev/null 2>&1; then tools="$tools ruff"
else echo "(ruff-wasm: not installed, or not $lang: skipped)"; fi

measure cat                  # warm the page cache
i=0
while [ "$i" -lt "$runs" ]; do
	for t in $tools; do
		measure "$t"
		tail -n 1 "$work/time" >>"$work/$t.txt"
	done
	i=$((i + 1))
done

median() { sort -n | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
for t in $tools; do
	w=$(awk '{ print $1 }' "$work/$t.txt" | median)
	r=$(awk '{ print $2 }' "$work/$t.txt" | sort -n | tail -n 1)
	eval "wall_$t=$w"
	printf '%-11s wall %6.3f s   peak RSS %6.1f MiB\n' "$t" "$w" "$(echo "$r / 1024" | bc -l)"
done
ratio() { awk -v a="$2" -v b="$3" -v n="$1" 'BEGIN { if (b <= 0) b = 0.001; printf "ratio      %-26s %.2f\n", n, a / b }'; }
ratio "ppaudit / cat" "$wall_ppaudit" "$wall_cat"
ratio "jobs 1 / jobs 2" "$wall_ppaudit_j1" "$wall_ppaudit"
case " $tools " in *" base "*) ratio "ppaudit / base" "$wall_ppaudit" "$wall_base" ;; esac
case " $tools " in *" sg "*) ratio "ast-grep / ppaudit" "$wall_sg" "$wall_ppaudit" ;; esac
case " $tools " in *" ruff "*) ratio "ruff-wasm / ppaudit" "$wall_ruff" "$wall_ppaudit" ;; esac
