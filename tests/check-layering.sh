#!/bin/sh
# Each library sits behind one file (STYLE.md): fail when another file
# includes libgit2, pcre2 or curses, or when cJSON leaks past the JSON files.
# And the include direction points one way (HACKING): a file may include
# its own layer or a lower one, never a higher one.
src=${top_srcdir:-.}
fail=0
check() { # header allowed-regex
	bad=$(grep -rlE "#include <$1" "$src/src" "$src/auditors" "$src/ui" 2>/dev/null |
		sed "s|^$src/||" | grep -vE "$2")
	if [ -n "$bad" ]; then
		echo "FAIL: <$1> included outside $2: $bad"
		fail=1
	else
		echo "ok: <$1> only in $2"
	fi
}
check 'git2' '^src/git\.c$'
check 'pcre2' '^src/util/regex\.c$'
check '(n?curses|ncursesw/)' '^ui/'
check 'cjson/' '^(src/(context|config|run|run-coverage|triage)\.c|src/report/.*\.c|src/catalog\.c|ui/.*\.c|src/cmd-[a-z]+\.c)$'

# layer of a path relative to the top: bottom (0) to top (9)
layer() {
	case $1 in
	src/util/*) echo 0 ;;
	src/model* | src/lang/* | src/embedded* | src/progress* | src/finding*) echo 1 ;;
	src/checks* | src/catalog* | src/config* | src/context* | src/run* | src/triage* | \
		src/git* | src/history* | src/project.h | src/discover* | src/files*) echo 2 ;;
	# project.c tears the whole project down, its index included
	src/index* | src/validate* | src/project.c) echo 3 ;;
	auditors/*) echo 4 ;;
	src/report/*) echo 5 ;;
	src/pipeline*) echo 6 ;;
	src/cmd-* | src/cli.h) echo 7 ;;
	ui/*) echo 8 ;;
	src/main.c) echo 9 ;;
	*) echo "" ;;
	esac
}
# the file an #include "name" in file resolves to (as the compiler does:
# the including file's folder first, then -Isrc -Iauditors), or nothing
resolve() { # file name
	for cand in "$(dirname "$1")/$2" "src/$2" "auditors/$2"; do
		if [ -f "$src/$cand" ]; then
			# normalise "src/../ui/x.h" to "ui/x.h"
			(cd "$src" && realpath --relative-to=. "$cand")
			return
		fi
	done
}
back=""
for f in $(cd "$src" && find src auditors ui -name '*.[ch]' | sort); do
	lf=$(layer "$f")
	[ -n "$lf" ] || continue
	for inc in $(sed -n 's/^#include "\([^"]*\)".*/\1/p' "$src/$f"); do
		to=$(resolve "$f" "$inc")
		[ -n "$to" ] || continue
		lt=$(layer "$to")
		[ -n "$lt" ] || continue
		[ "$lt" -le "$lf" ] || back="$back $f->$to"
	done
done
# nothing outside the front ends names a language (the registry, the
# traits and the catalogs do): model.h declares the ids
named=$(cd "$src" && grep -rlE "LANG_(PYTHON|JAVASCRIPT|GO)\b" src auditors ui 2>/dev/null |
	grep -vE '^(src/lang/|src/model\.h$)')
if [ -n "$named" ]; then
	echo "FAIL: a language named outside src/lang/: $named"
	fail=1
else
	echo "ok: no language named outside src/lang/"
fi
if [ -n "$back" ]; then
	echo "FAIL: includes that point up a layer:$back"
	fail=1
else
	echo "ok: every include points to the same or a lower layer"
fi
exit $fail
