#!/bin/sh
# The man page renders without warnings and documents every subcommand and
# every `run` option the program accepts.
src=${top_srcdir:-.}
bin=${PPAUDIT:-./ppaudit}
page="$src/man/ppaudit.1"
fail=0
if ! command -v groff >/dev/null 2>&1; then
	echo "FAIL: groff is not installed (scripts/bootstrap.sh installs groff-base)"
	exit 1
fi
warn=$(groff -ww -man -Tutf8 "$page" 2>&1 >/dev/null)
if [ -n "$warn" ]; then
	echo "FAIL: groff warnings:"; echo "$warn"; fail=1
else
	echo "ok: groff -ww renders the page without warnings"
fi
text=$(groff -man -Tascii -P-cbou "$page" 2>/dev/null)
for cmd in $("$bin" --help | sed -n 's/^  \([a-z]*\) .*/\1/p'); do
	if printf '%s\n' "$text" | grep -q "ppaudit $cmd\|^ *$cmd "; then
		echo "ok: command $cmd documented"
	else
		echo "FAIL: command $cmd missing from the man page"; fail=1
	fi
done
for opt in $("$bin" run --help | grep -o -- '--[a-z-]*' | sort -u); do
	if printf '%s\n' "$text" | grep -q -- "$opt"; then
		echo "ok: option $opt documented"
	else
		echo "FAIL: option $opt missing from the man page"; fail=1
	fi
done
exit $fail
