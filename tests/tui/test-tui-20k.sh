#!/bin/sh
# The findings browser on a large run (issue 4: "smooth with 20 000
# findings"): the test writes a synthetic run.json of 20 000 findings with
# awk, opens it with `ppaudit review` in scripted mode and checks that G,
# search (/ n N), sort and a severity filter land on the right finding with
# the right counts. The expected findings are computed here, from the
# generator's own rules, not by ppaudit. Correctness only: timings are
# measured by hand (PPAUDIT_KEY_TIMES), never asserted.
set -u
bin=${PPAUDIT:-./ppaudit}
case $bin in /*) ;; *) bin=$(pwd)/$bin ;; esac
tmp=$(mktemp -d)
trap '[ -n "${KEEP:-}" ] || rm -rf "$tmp"' EXIT
N=20000
n=0 failed=0
ok() { # status description
	n=$((n + 1))
	if [ "$1" -eq 0 ]; then echo "ok $n - $2"; else echo "not ok $n - $2"; failed=$((failed + 1)); fi
}
is() { # got want description
	[ "$1" = "$2" ]; ok $? "$3 (got '$1', want '$2')"
}
st() { # state-file key: the value
	sed -n "s/^$2=//p" "$tmp/$1" 2>/dev/null | head -n 1
}

# ---- the run: finding i has check checks[i%6], severity sev[i%4], file
# svcNN/app/modMMM.py with NN = i%50, MMM = i%997, line i; every 1000th
# finding mentions "zebra-needle" in its issue (20 of them) ---------------
out=$tmp/out
dir=$out/docs/project/.audit/ln-650/2026-11-27
mkdir -p "$dir" "$tmp/src" || exit 1
awk -v N=$N -v ROOT="$tmp/src" '
function file(i) { return sprintf("svc%02d/app/mod%03d.py", i % 50, i % 997) }
BEGIN {
	split("n_plus_one blocking_io sync_sleep missing_rollback missing_cleanup missing_bulk_ops", ck, " ")
	split("LOW MEDIUM HIGH CRITICAL", sv, " ")
	printf "{\"schema\":1,\"tool\":{\"name\":\"ppaudit\",\"version\":\"0.1.0\"},"
	printf "\"run\":{\"date\":\"2026-11-27\",\"started_at\":\"2026-11-27T10:00:00Z\","
	printf "\"finished_at\":\"2026-11-27T10:01:00Z\",\"root\":\"%s\",", ROOT
	printf "\"files_scanned\":997,\"lines_scanned\":400000,"
	printf "\"git\":{\"head\":null,\"branch\":null,\"dirty\":false}},"
	printf "\"context\":{},\"overall_score\":0,\"findings\":[\n"
	for (i = 1; i <= N; i++) {
		issue = "synthetic defect " i " in handler h" i
		if (i % 1000 == 0)
			issue = issue " (zebra-needle)"
		printf "%s{\"id\":\"F%05d\",\"fingerprint\":\"%016x\",\"check\":\"%s\",", \
			(i > 1 ? ",\n" : ""), i, i, ck[i % 6 + 1]
		printf "\"severity\":\"%s\",\"file\":\"%s\",\"line\":%d,", sv[i % 4 + 1], file(i), i
		printf "\"function\":\"h%d\",\"issue\":\"%s\",\"status\":\"open\",\"advisory\":null,", i, issue
		printf "\"evidence\":[]}"
	}
	printf "\n],\"checks\":[]}\n"
}' >"$dir/run.json" || exit 1

# The expected finding ids, from the generator rules: in file order
# (sort key file, then line) the last one, the zebra-needle matches, and
# the last CRITICAL one.
awk -v N=$N 'BEGIN {
	for (i = 1; i <= N; i++)
		printf "%s\t%07d\tF%05d\t%d\n", sprintf("svc%02d/app/mod%03d.py", i % 50, i % 997), i, i, i
}' | LC_ALL=C sort -t "$(printf '\t')" -k1,1 -k2,2 >"$tmp/byfile"
last_id=$(tail -n 1 "$tmp/byfile" | cut -f3)
needle1=$(awk -F '\t' '$4 % 1000 == 0' "$tmp/byfile" | sed -n 1p | cut -f3)
needle2=$(awk -F '\t' '$4 % 1000 == 0' "$tmp/byfile" | sed -n 2p | cut -f3)
needle_last=$(awk -F '\t' '$4 % 1000 == 0' "$tmp/byfile" | tail -n 1 | cut -f3)
crit_last=$(awk -F '\t' '$4 % 4 == 3' "$tmp/byfile" | tail -n 1 | cut -f3)
crit_n=$(awk -F '\t' '$4 % 4 == 3' "$tmp/byfile" | wc -l | tr -d ' ')

cat >"$tmp/keys" <<EOF
:save-state $tmp/s0
G
:save-state $tmp/s1
# sort by file: G lands on the last finding in file order
s
g
G
:save-state $tmp/s2
:save-display $tmp/d2
# search from the top, then n / N
g
/
zebra-needle<Enter>
:save-state $tmp/s3
n
:save-state $tmp/s4
N
N
:save-state $tmp/s5
# filter: severity CRITICAL (second field of the filter editor)
F
j
<Right>
<Enter>
G
:save-state $tmp/s6
:save-display $tmp/d6
# a decision keeps the rows and the cursor (no status filter yet) ...
a
bulk job, bounded input<Enter>
:save-state $tmp/s7
# ... and a status filter (third field) then sees it: open, then advisory
F
jj
<Right>
:save-state $tmp/s8
<Right>
<Enter>
:save-state $tmp/s9
EOF
(cd "$tmp" && env PPAUDIT_NO_DISPLAY=1 PPAUDIT_SIZE=80x24 NO_COLOR=1 PPAUDIT_ASCII=1 \
	LC_ALL=C.UTF-8 PPAUDIT_SCRIPT="$tmp/keys" "$bin" review --output-dir "$out" 2026-11-27 "$tmp/src") \
	>"$tmp/stdout" 2>"$tmp/stderr"
ok $? "ppaudit review opens the 20 000 findings and runs the script"
sed 's/^/# /' "$tmp/stderr"

is "$(st s0 rows)" "$N" "all findings listed"
is "$(st s0 cursor)" "0" "cursor starts on the first row"
is "$(st s1 cursor)" "$((N - 1))" "G goes to the last row"
is "$(st s2 sort)" "file" "s sorts by file"
is "$(st s2 cursor)" "$((N - 1))" "G after the sort: last row"
is "$(st s2 cursor_id)" "$last_id" "the last row in file order is the right finding"
grep -q "$N/$N findings" "$tmp/d2"; ok $? "the title shows $N/$N findings"
is "$(st s3 cursor_id)" "$needle1" "/ finds the first zebra-needle finding in file order"
is "$(st s3 search)" "zebra-needle" "the search text is kept"
is "$(st s4 cursor_id)" "$needle2" "n goes to the second match"
is "$(st s5 cursor_id)" "$needle_last" "N twice wraps back to the last match"
is "$(st s5 message)" "Search wrapped" "wrapping is announced"
is "$(st s6 rows)" "$crit_n" "the CRITICAL filter keeps $crit_n findings"
is "$(st s6 cursor)" "$((crit_n - 1))" "G in the filtered list: its last row"
is "$(st s6 cursor_id)" "$crit_last" "the last CRITICAL finding in file order"
grep -q "$crit_n/$crit_n findings" "$tmp/d6"; ok $? "the title shows $crit_n/$crit_n findings"
grep -q "Filter: CRITICAL " "$tmp/d6"; ok $? "the filter line names the severity"
is "$(grep -c '^  CRIT ' "$tmp/d6")" 19 "the screen shows 19 CRITICAL rows"
is "$(grep -Ec '^  (LOW|MED|HIGH) ' "$tmp/d6")" 0 "and no other severity"
is "$(st s7 rows)" "$crit_n" "marking advisory keeps the CRITICAL rows"
is "$(st s7 cursor_id)" "$crit_last" "the cursor stays on the finding"
is "$(st s7 cursor_status)" "advisory" "the finding is advisory"
is "$(st s7 advisory)" "1" "one advisory counted"
is "$(st s8 rows)" "$((crit_n - 1))" "status open: the advisory finding left the list"
is "$(st s9 rows)" "1" "status advisory: only that finding"
is "$(st s9 cursor_id)" "$crit_last" "and the cursor is on it"
grep -q '"reason":[[:space:]]*"bulk job, bounded input"' \
	"$out/docs/project/.audit/ln-650/triage.json"; ok $? "triage.json holds the decision"

echo "1..$n"
[ "$failed" -eq 0 ]
