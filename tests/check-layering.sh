#!/bin/sh
# Each library sits behind one file (STYLE.md): fail when another file
# includes libgit2, pcre2 or curses, or when cJSON leaks past the JSON files.
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
check 'cjson/' '^(src/(context|config|run|run-coverage|triage)\.c|src/report/.*\.c|auditors/catalog\.c|ui/.*\.c|src/cmd-[a-z]+\.c)$'
exit $fail
