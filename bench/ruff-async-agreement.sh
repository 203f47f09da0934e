#!/bin/sh
# ruff-async-agreement.sh RUFF_GIT_DIR — agreement of ppaudit's blocking_io /
# sync_sleep with ruff's flake8-async rules on ruff's own test fixtures.
#
# RUFF_GIT_DIR is a git directory of astral-sh/ruff (a bare mirror is fine;
# no work tree is needed). The script extracts, from its HEAD,
#
#   crates/ruff_linter/resources/test/fixtures/flake8_async/ASYNC2*.py
#   crates/ruff_linter/src/rules/flake8_async/snapshots/*ASYNC2*.snap
#
# into a temporary project (app/<fixture>.py plus a requirements.txt naming
# fastapi), runs `ppaudit run --no-tui --format tsv` on it and compares, per
# (file, line), ruff's snapshot diagnostics with ppaudit's findings. Nothing
# of ruff's is written outside the temporary directory.
#
# Rule mapping (ruff rule -> ppaudit check):
#   ASYNC210 blocking HTTP call              -> blocking_io
#   ASYNC212 blocking HTTP client method     -> blocking_io
#   ASYNC220 subprocess.Popen / os.spawn*    -> blocking_io
#   ASYNC221 subprocess.run / os.system ...  -> blocking_io
#   ASYNC222 os.wait*                        -> blocking_io
#   ASYNC230 open / io.open / Path.open      -> blocking_io
#   ASYNC251 time.sleep                      -> sync_sleep
#
# A ruff diagnostic agrees when ppaudit reports the mapped check on the same
# file and line (a line with two diagnostics needs two findings). ppaudit
# findings of those two checks that no ruff diagnostic matches are listed as
# "ppaudit-only", classified from the fixture's own comment on that line
# ("# OK" there means the fixture's authors call it not blocking: a false
# positive) or from the reviewed list below; anything else is "unreviewed".
#
# Output: one table row per rule (ruff diagnostics, agreements, ruff-only,
# ppaudit-only), the overall agreement (agreements / ruff diagnostics), then
# every disagreement with its source line.
#
# Environment: PPAUDIT (binary, default ./ppaudit, else build/ppaudit next to
# this script), KEEP=1 keeps the temporary directory.
set -eu

usage() { echo "usage: $0 RUFF_GIT_DIR" >&2; exit 2; }
[ $# -eq 1 ] || usage
gitdir=$1
here=$(cd "$(dirname "$0")" && pwd)
ppaudit=${PPAUDIT:-}
if [ -z "$ppaudit" ]; then
	if [ -x ./ppaudit ]; then ppaudit=./ppaudit; else ppaudit=$here/../build/ppaudit; fi
fi
[ -x "$ppaudit" ] || { echo "$0: $ppaudit: not an executable (set PPAUDIT)" >&2; exit 2; }
git --git-dir="$gitdir" rev-parse --verify -q HEAD >/dev/null ||
	{ echo "$0: $gitdir: not a git directory" >&2; exit 2; }

fixdir=crates/ruff_linter/resources/test/fixtures/flake8_async
snapdir=crates/ruff_linter/src/rules/flake8_async/snapshots
rules="ASYNC210 ASYNC212 ASYNC220 ASYNC221 ASYNC222 ASYNC230 ASYNC251"

work=$(mktemp -d /tmp/ruff-async-agreement.XXXXXX)
if [ "${KEEP:-0}" = 1 ]; then
	echo "keeping $work" >&2
else
	trap 'rm -rf "$work"' EXIT INT TERM
fi
mkdir -p "$work/proj/app"
echo fastapi > "$work/proj/requirements.txt"

commit=$(git --git-dir="$gitdir" rev-parse HEAD)
: > "$work/ruff.txt"
for snap in $(git --git-dir="$gitdir" ls-tree --name-only HEAD "$snapdir/" | grep 'ASYNC2'); do
	rule=$(basename "$snap" | sed -n 's/.*__tests__\(ASYNC[0-9]*\)_.*/\1/p')
	case " $rules " in *" $rule "*) ;; *) continue;; esac
	# Diagnostics are "ASYNCnnn message" followed by " --> FILE:LINE:COL"
	# (older snapshots: "FILE:LINE:COL: ASYNCnnn message").
	git --git-dir="$gitdir" show "HEAD:$snap" | awk -v rule="$rule" '
		/^ASYNC[0-9]+ / { cur = $1; next }
		/^ *--> / && cur != "" { split($2, a, ":"); print rule, a[1], a[2]; cur = ""; next }
		/^[A-Za-z0-9_]+\.py:[0-9]+:[0-9]+: ASYNC[0-9]+/ {
			split($1, a, ":"); r = $2; if (r == rule) print rule, a[1], a[2] }' \
		>> "$work/ruff.txt"
done
for f in $(awk '{ print $2 }' "$work/ruff.txt" | sort -u); do
	git --git-dir="$gitdir" show "HEAD:$fixdir/$f" > "$work/proj/app/$f"
done

PPAUDIT_DATE=2026-01-01 "$ppaudit" run --no-tui --format tsv --output-dir "$work/out" \
	"$work/proj" > "$work/ppaudit.tsv" 2> "$work/stderr" || {
	rc=$?
	# --fail-on is not given, so only a real failure ends non-zero
	echo "$0: ppaudit failed ($rc):" >&2; cat "$work/stderr" >&2; exit 1; }

echo "ruff commit: $commit"
echo "ppaudit: $("$ppaudit" --version 2>/dev/null | head -1)"
echo

# Reviewed disagreements: "ERE on the source line<TAB>class<TAB>reason",
# first match wins; used for both lists below.
printf '%s\t%s\t%s\n' \
	'[A-Za-z_]+\.close\(\)' 'deliberate' \
	'closing a client does no network round trip; ppaudit reports its request methods' \
	> "$work/reviewed.txt"

awk -v proj="$work/proj/app" -v rules="$rules" -F'\t' '
	function src(file, line,    p, s, i) {
		p = proj "/" file
		if (!(p in loaded)) {
			loaded[p] = 1; i = 0
			while ((getline s < p) > 0) text[p, ++i] = s
			close(p)
		}
		s = text[p, line]; sub(/^[ \t]+/, "", s); return s
	}
	function check_of(rule) { return rule == "ASYNC251" ? "sync_sleep" : "blocking_io" }
	FILENAME ~ /reviewed.txt$/ { rev_re[++n_rev] = $1; rev[n_rev] = $2 "\t" $3; next }
	FILENAME ~ /ruff.txt$/ {
		split($0, a, " "); r = a[1]; k = a[2] ":" a[3]
		want[k, check_of(r)]++; ruleat[k, check_of(r)] = r; total[r]++; n_ruff++
		order[++n_order] = r " " k
		next
	}
	{
		# ppaudit tsv: app/FILE.py:LINE check severity status
		if ($2 != "blocking_io" && $2 != "sync_sleep") next
		k = $1; sub(/^app\//, "", k)
		have[k, $2]++; pporder[++n_pp] = k "\t" $2
	}
	END {
		for (i = 1; i <= n_order; i++) {
			split(order[i], a, " "); r = a[1]; k = a[2]; c = check_of(r)
			if (used[k, c] < have[k, c]) { used[k, c]++; agree[r]++; n_agree++ }
			else { miss[r]++; missed[++n_missed] = r "\t" k }
		}
		for (i = 1; i <= n_pp; i++) {
			split(pporder[i], a, "\t"); k = a[1]; c = a[2]
			if ((k, c) in done) continue
			done[k, c] = 1
			extra_n = have[k, c] - used[k, c]
			if (extra_n <= 0) continue
			split(k, fl, ":")
			r = ((k, c) in ruleat) ? ruleat[k, c] : guess(fl[1], c)
			x[r] += extra_n
			for (j = 0; j < extra_n; j++) extras[++n_extra] = r "\t" k "\t" c
		}
		printf "%-9s %6s %7s %10s %13s %9s\n", "rule", "ruff", "agree", "ruff-only", "ppaudit-only", "agreement"
		n = split(rules, rl, " ")
		for (i = 1; i <= n; i++) {
			r = rl[i]
			printf "%-9s %6d %7d %10d %13d %8.1f%%\n", r, total[r], agree[r], miss[r], x[r],
				total[r] ? 100 * agree[r] / total[r] : 0
			n_x += x[r]
		}
		printf "%-9s %6d %7d %10d %13d %8.1f%%\n", "overall", n_ruff, n_agree, n_missed, n_x,
			n_ruff ? 100 * n_agree / n_ruff : 0
		if (n_missed) {
			print "\nruff-only (ppaudit misses):"
			for (i = 1; i <= n_missed; i++) {
				split(missed[i], a, "\t"); split(a[2], fl, ":")
				s = src(fl[1], fl[2]); cls = reviewed(s)
				printf "  %s %s  %s\n    -> %s\n", a[1], a[2], s,
					cls != "" ? cls : "unreviewed"
			}
		}
		if (n_extra) {
			print "\nppaudit-only (extra):"
			for (i = 1; i <= n_extra; i++) {
				split(extras[i], a, "\t"); split(a[2], fl, ":"); s = src(fl[1], fl[2])
				if ((cls = reviewed(s)) != "") sub(/: /, "\t", cls)
				else if (s ~ /#[ ]*(OK|Ok|ok)([^A-Za-z]|$)/) cls = "false positive\tthe fixture marks this line OK"
				else cls = "unreviewed\t"
				split(cls, cl, "\t")
				printf "  %s %s %s  %s\n    -> %s%s\n", a[1], a[2], a[3], s, cl[1],
					cl[2] != "" ? ": " cl[2] : ""
			}
		}
	}
	function reviewed(s,    i, c) {
		for (i = 1; i <= n_rev; i++)
			if (s ~ rev_re[i]) { c = rev[i]; sub(/\t/, ": ", c); return c }
		return ""
	}
	# the rule a ppaudit-only finding is counted under: the rule of its fixture
	function guess(file, c) {
		if (c == "sync_sleep") return "ASYNC251"
		if (file ~ /ASYNC22x/) return "ASYNC221"
		sub(/\.py$/, "", file); return file
	}
' "$work/reviewed.txt" "$work/ruff.txt" "$work/ppaudit.tsv"
