#!/bin/sh
# One rule for where `ppaudit export` writes (issue 13 item 15), the same
# for md, json, tsv, sarif and html: -o FILE writes FILE, -o - writes
# standard output (and nothing else there), and without -o the export goes
# to its place, docs/project/persistence_audit.EXT, with a copy in the
# run's dated folder; a run that is not the latest goes to its dated
# folder only, never over the consolidated report.
set -u
bin=${PPAUDIT:-./ppaudit}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
n=0 failed=0
ok() { # exit-status description
	n=$((n + 1))
	if [ "$1" -eq 0 ]; then echo "ok $n - $2"; else echo "not ok $n - $2"; failed=$((failed + 1)); fi
}
run() { PPAUDIT_DATE=${DATE:-2026-03-02} "$bin" "$@"; }

p="$tmp/svc"
docs="$p/docs/project"
hist="$docs/.audit/ln-650"
mkdir -p "$p/app"
printf 'import time\n\n\nasync def handler():\n    time.sleep(1)\n' >"$p/app/a.py"
DATE=2026-03-01 run run --no-tui "$p" >/dev/null 2>&1; ok $? "monday's run"
printf 'import time\n\n\nasync def other():\n    time.sleep(2)\n' >"$p/app/b.py"
run run --no-tui "$p" >/dev/null 2>&1; ok $? "tuesday's run (the latest)"

for fmt in md json tsv sarif html; do
	rm -f "$docs/persistence_audit.$fmt" "$hist/2026-03-02/persistence_audit.$fmt"
	run export --format "$fmt" "$p" >"$tmp/out.$fmt" 2>&1; rc=$?
	[ $rc -eq 0 ] && [ -s "$docs/persistence_audit.$fmt" ] &&
		cmp -s "$docs/persistence_audit.$fmt" "$hist/2026-03-02/persistence_audit.$fmt"
	ok $? "$fmt: without -o, docs/project/persistence_audit.$fmt and its copy in the dated folder"
	grep -q "^Report written: .*persistence_audit.$fmt" "$tmp/out.$fmt"; ok $? "$fmt: says where"
	run export --format "$fmt" -o - "$p" >"$tmp/stdout.$fmt" 2>"$tmp/err"; rc=$?
	[ $rc -eq 0 ] && cmp -s "$tmp/stdout.$fmt" "$docs/persistence_audit.$fmt"
	ok $? "$fmt: -o - puts the same bytes on standard output, and nothing else"
	run export --format "$fmt" -o "$tmp/mine.$fmt" "$p" >/dev/null 2>&1 &&
		cmp -s "$tmp/mine.$fmt" "$docs/persistence_audit.$fmt"
	ok $? "$fmt: -o FILE"
done
python3 -c 'import json,sys; json.load(open(sys.argv[1]))' "$tmp/stdout.json"; ok $? "json on stdout parses"
python3 -c 'import json,sys; json.load(open(sys.argv[1]))' "$tmp/stdout.sarif"; ok $? "sarif on stdout parses"

# ---- an older run: its dated folder, never the consolidated report ----
sum=$(cksum <"$docs/persistence_audit.md")
run export --run 2026-03-01 --format md "$p" >"$tmp/old.out" 2>&1; ok $? "export --run of monday, md"
[ "$(cksum <"$docs/persistence_audit.md")" = "$sum" ]; ok $? "the consolidated report is left as it was"
[ -s "$hist/2026-03-01/persistence_audit.md" ] && grep -q "2026-03-01" "$hist/2026-03-01/persistence_audit.md"
ok $? "monday's report goes to monday's folder"
run export --run 2026-03-01 --format json -o - "$p" | grep -q '"date":[[:space:]]*"2026-03-01"'
ok $? "--run with -o - prints that run"

# ---- a triage decision refreshes the exports at their places ----
run export --format tsv "$p" >/dev/null 2>&1 && run export --format json "$p" >/dev/null 2>&1
run triage advisory F0001 "batch job, runs at night" "$p" >/dev/null 2>&1; ok $? "triage advisory"
for f in "$docs/persistence_audit.tsv" "$hist/2026-03-02/persistence_audit.tsv"; do
	awk -F'\t' '$5 == "F0001" { print $4 }' "$f" | grep -qx advisory
	ok $? "$(basename "$(dirname "$f")")/persistence_audit.tsv shows the decision"
done
grep -q "batch job, runs at night" "$docs/persistence_audit.json" &&
	grep -q "batch job, runs at night" "$hist/2026-03-02/persistence_audit.md"
ok $? "and so do the JSON export and the dated copy of the report"

# ---- someone else's file is never replaced without --force ----
printf 'my notes\n' >"$docs/persistence_audit.tsv"
run export --format tsv "$p" >/dev/null 2>"$tmp/err"; [ $? -eq 3 ]
ok $? "a foreign docs/project/persistence_audit.tsv is refused (exit 3)"
grep -q "my notes" "$docs/persistence_audit.tsv" && grep -q -- "--force" "$tmp/err"; ok $? "left alone, --force suggested"

echo "1..$n"
[ "$failed" -eq 0 ]
