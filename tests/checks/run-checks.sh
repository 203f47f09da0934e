#!/bin/sh
# Per-check snippet tests (tests/checks/README): each case under
# tests/checks/<check_id>/ is a small project of its own, a single
# `<case>.py` snippet or a `<case>/` directory. The expected findings are
# written on the lines that raise them, as a trailing comment:
#
#     time.sleep(1)  # expect: sync_sleep HIGH
#
# ppaudit runs on the case with every check, and the exact set of
# (path:line, check, severity, status) must equal the expectations, so a
# neighbouring check's false positive on a look-alike fails the case.
set -u
src=${top_srcdir:-$(cd "$(dirname "$0")/../.." && pwd)}
bin=${PPAUDIT:-./ppaudit}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pass=0 fail=0 n=0

# expectations of one file: "path:line<TAB>check<TAB>SEVERITY<TAB>status"
# from `# expect: check SEV [status][, check SEV [status]]...` (`// expect:`
# in JavaScript/TypeScript and Go)
expectations() { # file relpath
	awk -v path="$2" '
	{
		i = index($0, "# expect:")
		w = 9
		if (i == 0) {
			i = index($0, "// expect:")
			w = 10
		}
		if (i == 0)
			next
		n = split(substr($0, i + w), items, ",")
		for (k = 1; k <= n; k++) {
			w = split(items[k], f, " ")
			if (w < 2 || w > 3) {
				printf "bad-expectation\t%s:%d\t%s\n", path, NR, items[k]
				continue
			}
			printf "%s:%d\t%s\t%s\t%s\n", path, NR, f[1], f[2], (w == 3 ? f[3] : "open")
		}
	}' "$1"
}

# the `# <key>: value` header of a snippet (first lines that are comments;
# `// <key>: value` in a JavaScript/TypeScript or Go snippet)
header() { # file key
	awk -v key="$2:" '
	!/^(#|\/\/)/ { exit }
	{ line = $0; sub(/^(#|\/\/)[ \t]*/, "", line) }
	index(line, key) == 1 { sub(/^[^:]*:[ \t]*/, "", line); print line; exit }' "$1"
}

for case in "$src"/tests/checks/*/*.py "$src"/tests/checks/*/*.js "$src"/tests/checks/*/*.ts \
	    "$src"/tests/checks/*/*.go "$src"/tests/checks/*/*/; do
	[ -e "$case" ] || continue
	check=$(basename "$(dirname "$case")")
	base=$(basename "$case")
	name=$check/${base%.*}
	n=$((n + 1))
	proj=$tmp/p$n
	mkdir -p "$proj"
	if [ -d "$case" ]; then
		cp -R "$case". "$proj/"
	else
		rel=$(header "$case" path)
		[ -n "$rel" ] || rel=app/$(basename "$case")
		mkdir -p "$proj/$(dirname "$rel")"
		cp "$case" "$proj/$rel"
		stack=$(header "$case" stack)
		case $case in
		*.js | *.ts)
			# `// stack: express pg`: the package.json dependencies
			if [ -n "$stack" ]; then
				(set -f; printf '{"name": "case", "dependencies": {'
				 sep=
				 for w in $stack; do
					printf '%s"%s": "*"' "$sep" "$w"
					sep=', '
				 done
				 printf '}}\n') >"$proj/package.json"
			fi
			stack= ;;
		*.go)
			# a Go snippet's stack is its go.mod: one require per module
			if [ -n "$stack" ]; then
				{ printf 'module example.com/snippet\n\ngo 1.22\n\n'
				  (set -f; printf 'require %s v1.0.0\n' $stack); } >"$proj/go.mod"
			fi
			stack= ;;
		esac
		if [ -n "$stack" ]; then
			# one requirements line per word: `# stack: fastapi sqlalchemy`
			(set -f; printf '%s\n' $stack) | tr -d , >"$proj/requirements.txt"
		elif [ -f "$(dirname "$case")/requirements.txt" ]; then
			cp "$(dirname "$case")/requirements.txt" "$proj/requirements.txt"
		fi
	fi
	: >"$tmp/want"
	(cd "$proj" && find . \( -name '*.py' -o -name '*.js' -o -name '*.ts' -o -name '*.go' \) -type f |
		sed 's|^\./||' | sort) |
	while IFS= read -r f; do
		expectations "$proj/$f" "$f"
	done | sort >"$tmp/want"
	PPAUDIT_DATE=2026-01-01 "$bin" run --no-tui --format tsv \
		--output-dir "$tmp/out$n" "$proj" >"$tmp/got.raw" 2>"$tmp/err"
	rc=$?
	# the header off, the four columns the expectations give
	tail -n +2 "$tmp/got.raw" | cut -f1-4 | sort >"$tmp/got"
	if [ $rc -ne 0 ]; then
		echo "not ok - $name: ppaudit exited $rc"
		sed 's/^/    /' "$tmp/err"
		fail=$((fail + 1))
	elif grep -q 'parse error' "$tmp/err"; then
		echo "not ok - $name: the snippet does not parse"
		sed 's/^/    /' "$tmp/err"
		fail=$((fail + 1))
	elif grep -q '^bad-expectation' "$tmp/want"; then
		echo "not ok - $name: malformed expectation (want '# expect: check SEVERITY [status]')"
		grep '^bad-expectation' "$tmp/want" | sed 's/^/    /'
		fail=$((fail + 1))
	elif diff -u "$tmp/want" "$tmp/got" >"$tmp/diff"; then
		echo "ok - $name ($(wc -l <"$tmp/want") findings)"
		pass=$((pass + 1))
	else
		echo "not ok - $name (- expected, + reported)"
		sed -n '3,$p' "$tmp/diff" | sed 's/^/    /'
		fail=$((fail + 1))
	fi
done
echo "checks: $pass passed, $fail failed"
[ $fail -eq 0 ] && [ $pass -gt 0 ]
