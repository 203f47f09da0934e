#!/bin/sh
# Every key a view's `?` help lists does something in that view (issue 13,
# item 9: history's help listed / n N, which did nothing there, and `c` in
# the list was in README but not bound). The help is generated from the
# key table (ui/keys.h); this test reads each view's help as the screen
# shows it, then for every key listed starts ppaudit afresh in scripted
# mode, brings the view up, and presses the key once: the screen or the
# UI state (view, cursor, dialog, message, ...) must change, or the
# program must end with status 0 (q at the top, Ctrl-C).
set -u
bin=${PPAUDIT:-./ppaudit}
srcdir=${top_srcdir:-.}/tests/tui
case $bin in /*) ;; *) bin=$(pwd)/$bin ;; esac
tmp=$(mktemp -d)
trap '[ -n "${KEEP:-}" ] || rm -rf "$tmp"' EXIT
n=0 failed=0
ok() { # status description
	n=$((n + 1))
	if [ "$1" -eq 0 ]; then echo "ok $n - $2"; else echo "not ok $n - $2"; failed=$((failed + 1)); fi
}
skip_status=77
[ "${PPAUDIT_REQUIRE_TEST_DEPS:-0}" = 1 ] && skip_status=1
command -v git >/dev/null || { echo "1..0 # SKIP git not installed"; exit $skip_status; }

# ---- a project with three dated runs ----------------------------------------
p=$tmp/ledger
cp -R "$srcdir/project" "$p"
printf 'docs/project/.audit/\ndocs/project/persistence_audit.md\n' >"$p/.gitignore"
(cd "$p" && git init -q && git config user.name "Tess Tester" &&
	git config user.email tess@example.com && git add -A && git commit -qm init) || exit 1
for d in 2026-11-18 2026-11-19 2026-11-20; do
	(cd "$p" && PPAUDIT_DATE=$d "$bin" run --no-tui . >/dev/null 2>&1) || { echo "not ok - run $d"; exit 1; }
done
# the live screen needs a run of its own: a copy, so the history above stays
cp -R "$p" "$tmp/live"

ui() { # dir size script args...: ppaudit in scripted mode
	dir=$1 size=$2 script=$3
	shift 3
	(cd "$dir" && env PPAUDIT_DATE=2026-11-20 PPAUDIT_TIME=2026-11-20T10:00:00Z \
		PPAUDIT_SUMMARY_MS=0 PPAUDIT_NO_DISPLAY=1 PPAUDIT_SIZE="$size" NO_COLOR=1 \
		PPAUDIT_ASCII=1 LC_ALL=C.UTF-8 PPAUDIT_SCRIPT="$script" "$bin" "$@") \
		>"$tmp/stdout" 2>"$tmp/stderr"
}

# The script tokens of a help label: "j, Down" gives "j" and "<Down>".
tokens() {
	printf '%s\n' "$1" | tr ',' '\n' | sed 's/^ *//; s/ *$//' | while read -r k; do
		case $k in
		Ctrl-?) printf '<C-%s>\n' "$(printf '%s' "${k#Ctrl-}" | tr 'A-Z' 'a-z')" ;;
		Down | Up | PgDn | PgUp | Home | End | Enter | Esc | Space) printf '<%s>\n' "$k" ;;
		?) printf '%s\n' "$k" ;;
		*) printf 'UNKNOWN:%s\n' "$k" ;;
		esac
	done
}

# check_view name dir setup args...: every key of the view's help
check_view() {
	name=$1 dir=$2 setup=$3
	shift 3
	d=$tmp/$name
	mkdir -p "$d"
	# the help, on a screen tall enough to show all of it
	printf '%s\n?\n:save-state %s/help.state\n:save-display %s/help.txt\n' \
		"$setup" "$d" "$d" >"$d/help.keys"
	ui "$dir" 80x70 "$d/help.keys" "$@"
	grep -q '^view=pager' "$d/help.state" 2>/dev/null; ok $? "$name: ? opens the help"
	# the rows of the Keys section: "  LABEL        text", label in 13 columns
	sed -n '/^Keys$/,/^$/p' "$d/help.txt" | sed -n 's/^  \(.............\) .*/\1/p' \
		| sed 's/ *$//' >"$d/labels"
	[ -s "$d/labels" ]; ok $? "$name: the help lists keys ($(wc -l <"$d/labels" | tr -d ' '))"
	while read -r label; do
		for tok in $(tokens "$label"); do
			case $tok in UNKNOWN:*) ok 1 "$name: help label '$label' names a key the test knows"; continue ;; esac
			k=$d/key
			rm -f "$k".*
			printf '%s\n:save-state %s.bstate\n:save-display %s.bdisp\n%s\n:save-state %s.astate\n:save-display %s.adisp\n' \
				"$setup" "$k" "$k" "$tok" "$k" "$k" >"$k.keys"
			ui "$dir" 80x16 "$k.keys" "$@"
			rc=$?
			if [ ! -e "$k.astate" ]; then
				# the key ended the session: fine when it says so (0)
				[ $rc -eq 0 ] && [ -e "$k.bstate" ]
				ok $? "$name: $tok ($label) ends the session cleanly"
			elif cmp -s "$k.bstate" "$k.astate" && cmp -s "$k.bdisp" "$k.adisp"; then
				ok 1 "$name: $tok ($label) does something"
				sed 's/^/#   /' "$k.astate"
			else
				ok 0 "$name: $tok ($label) does something"
			fi
		done
	done <"$d/labels"
}

# Each view with a cursor away from both ends, so that every move moves.
check_view findings "$p" "jjj" review
check_view detail "$p" "jjj
<Enter>
jjj" review
check_view runs "$p" "h
j" review
check_view compare "$p" "c
jjj" review
check_view pager "$p" "?
jjj" review
check_view progress "$tmp/live" ":wait-idle
p" run .

# Issue 13 item 9, by name: the history lists no search keys, and `c` in the
# list (README: "`c` compare") compares with the run before.
! grep -q '^  [/nN] ' "$tmp/runs/help.txt"; ok $? "history's help lists no / n N"
grep -q '^  c  *Compare this run with the run before it' "$tmp/findings/help.txt"; ok $? "the list's help lists c"
printf 'c\n:save-state %s/c.state\n' "$tmp" >"$tmp/c.keys"
ui "$p" 80x24 "$tmp/c.keys" review
grep -q '^view=compare' "$tmp/c.state"; ok $? "c in the list opens the comparison with the run before"
grep -q '^message=2026-11-19 vs 2026-11-20: 0 new, 0 fixed, 8 unchanged' "$tmp/c.state"
ok $? "it names the two runs and the counts"
grep -q '`c` compare' "${top_srcdir:-.}/README" && grep -q '^  c ' "$tmp/findings/help.txt"
ok $? "README's c is a key of the list"

echo "1..$n"
[ "$failed" -eq 0 ]
