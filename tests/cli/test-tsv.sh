#!/bin/sh
# The TSV listing (issue 13 item 18): `run --format tsv` and `export
# --format tsv` print a header line, then one record per finding:
# location, check, severity, status (the four columns scripts already
# cut), id, fingerprint and the message, every field escaped so that a
# record stays one line (tabs, newlines, backslashes).
set -u
bin=${PPAUDIT:-./ppaudit}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
n=0 failed=0
ok() { # exit-status description
	n=$((n + 1))
	if [ "$1" -eq 0 ]; then echo "ok $n - $2"; else echo "not ok $n - $2"; failed=$((failed + 1)); fi
}
run() { PPAUDIT_DATE=2026-03-01 "$bin" "$@"; }
tab=$(printf '\t')

p="$tmp/svc"
mkdir -p "$p/app"
printf 'import time\n\n\nasync def h():\n    time.sleep(0.5)\n\n\nasync def g():\n    time.sleep(float("1\\\\2"))\n' >"$p/app/a.py"
run run --no-tui --format tsv "$p" >"$tmp/run.tsv" 2>/dev/null; ok $? "run --format tsv"
[ "$(head -n 1 "$tmp/run.tsv")" = "location${tab}check${tab}severity${tab}status${tab}id${tab}fingerprint${tab}message" ]
ok $? "the first line is the header"
[ "$(wc -l <"$tmp/run.tsv")" -eq 3 ] && awk -F'\t' 'NF != 7 { bad = 1 } END { exit bad }' "$tmp/run.tsv"
ok $? "a header and two records, seven fields each"
python3 - "$tmp/run.tsv" "$p/docs/project/.audit/ln-650/2026-03-01/run.json" <<'PY'
import json, sys
rows = [l.rstrip("\n").split("\t") for l in open(sys.argv[1])][1:]
run = {f["fingerprint"]: f for f in json.load(open(sys.argv[2]))["findings"]}
def unescape(s):
    return s.encode().decode("unicode_escape")
for loc, check, sev, status, fid, fp, msg in rows:
    f = run[fp]
    assert loc == "%s:%d" % (f["file"], f["line"]) and check == f["check"], (loc, f)
    assert sev == f["severity"] and status == f["status"] and fid == f["id"], (sev, status, fid, f)
    assert unescape(msg) == f["issue"], (msg, f["issue"])
PY
ok $? "id, fingerprint and message are the run's, the message decoded back exactly"
grep -q '1\\\\\\\\2' "$tmp/run.tsv"; ok $? "a backslash in the message is written \\\\"
cut -f4 "$tmp/run.tsv" | tail -n +2 | sort -u | grep -qx open; ok $? "the fourth column is still the status"

run export --format tsv -o - "$p" >"$tmp/export.tsv" 2>/dev/null && cmp -s "$tmp/export.tsv" "$tmp/run.tsv"
ok $? "export --format tsv prints the same listing"
run export --format tsv "$p" >/dev/null 2>&1 && run export --format tsv "$p" >/dev/null 2>&1
ok $? "an exported TSV is recognised as ppaudit's and replaced by the next export"

echo "1..$n"
[ "$failed" -eq 0 ]
