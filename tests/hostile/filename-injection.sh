#!/bin/sh
# Hostile file names and triage reasons (SPEC §12): names holding escape
# sequences, tab, newline, HTML, '|', a backslash, C1 controls, bidi
# overrides (a name that displays as another) and bytes that are not UTF-8, each with a real finding, and an advisory reason
# holding HTML. Nothing may reach the terminal raw (run, runs, diff,
# triage, export), a TSV record stays one line of four fields, Markdown
# carries no raw HTML, every JSON file is valid UTF-8, and run.json gives
# back the exact bytes of every name (export, triage, diff and the TUI
# detail view still find the file).
set -u
bin=${PPAUDIT:-./ppaudit}
case $bin in /*) ;; *) bin=$(pwd)/$bin ;; esac
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
n=0 failed=0
ok() { # cond-exit-status description
	n=$((n + 1))
	if [ "$1" -eq 0 ]; then printf 'ok %d - %s\n' $n "$2"; else printf 'not ok %d - %s\n' $n "$2"; failed=$((failed + 1)); fi
}
run() { PPAUDIT_DATE=${DATE:-2026-03-01} "$bin" "$@"; }
# scripts/bootstrap.sh installs python3: there its absence is a failure
skip_status=77
[ "${PPAUDIT_REQUIRE_TEST_DEPS:-0}" = 1 ] && skip_status=1
command -v python3 >/dev/null || { echo "1..0 # SKIP python3 not installed"; exit $skip_status; }

# No ESC, BEL, C1 CSI (U+009B) or bidi control (U+202A..U+202E,
# U+2066..U+2069: text shown in another order than it is) in any of the files.
clean() {
	! LC_ALL=C grep -q "$(printf '[\033\007]')" "$@" && ! LC_ALL=C grep -q "$(printf '\302\233')" "$@" &&
		! LC_ALL=C grep -q "$(printf '\342\200[\252-\256]')" "$@" &&
		! LC_ALL=C grep -q "$(printf '\342\201[\246-\251]')" "$@"
}
# Valid UTF-8 JSON, strictly decoded.
json_ok() {
	python3 -c 'import json,sys; json.load(open(sys.argv[1], encoding="utf-8", errors="strict"))' \
		"$1" 2>/dev/null
}
# The header and exactly $2 records, each line of seven tab-separated fields.
tsv_ok() {
	[ "$(wc -l <"$1")" -eq $(($2 + 1)) ] && awk -F'\t' 'NF != 7 { bad = 1 } END { exit bad }' "$1"
}

# ---- a project whose every file name is hostile -------------------------
p=$tmp/proj
out=$tmp/out
mkdir -p "$p/app"
printf 'fastapi==0.110.0\n' >"$p/requirements.txt"
names="esc$(printf '\033]0;pwn\007')title.py
csi$(printf '\033[2J\033[31m')red.py
tab$(printf '\t')name.py
<script>alert(1)<.py
pipe|cell.py
back\\slash.py
amp&lt;.py
c1$(printf '\302\233')31m.py
rlo$(printf '\342\200\256')yp.exe$(printf '\342\201\246')x.py
bad$(printf '\377\376')bytes.py"
printf '%s\n' "$names" >"$tmp/names"
while IFS= read -r f; do
	cat >"$p/app/$f" <<'PY'
import time

from fastapi import APIRouter

router = APIRouter()


@router.get("/x")
async def handler():
    time.sleep(1)
    return 1
PY
done <"$tmp/names"
cp "$p/app/pipe|cell.py" "$p/app/new
line.py"
nfind=11
printf 'def broken(:\n    pass\n' >"$p/app/$(printf '\033[2J')broken
evil.py"
[ "$(ls "$p/app" | wc -l)" -ge "$nfind" ]; ok $? "the hostile files exist (this file system takes such names)"

# ---- run ----------------------------------------------------------------
run run --no-tui --format md,json,sarif,html --output-dir "$out" "$p" >"$tmp/run.out" 2>"$tmp/run.err"
ok $? "run exits 0"
clean "$tmp/run.out" "$tmp/run.err"; ok $? "run: no ESC/BEL/CSI byte on stdout or stderr"
grep -q "broken?evil.py:1: parse error" "$tmp/run.err"; ok $? "run: the parse warning names the file, defused"
run run --no-tui --format tsv --output-dir "$tmp/out-tsv" "$p" >"$tmp/run.tsv" 2>"$tmp/run-tsv.err"
ok $? "run --format tsv exits 0"
clean "$tmp/run.tsv" "$tmp/run-tsv.err"; ok $? "run --format tsv: no ESC/BEL/CSI byte"
tsv_ok "$tmp/run.tsv" $nfind; ok $? "run --format tsv: a header and one line of seven fields per finding"
grep -q '^app/new\\nline\.py:10	sync_sleep	HIGH	open	' "$tmp/run.tsv" &&
	grep -q '^app/tab\\tname\.py:10	' "$tmp/run.tsv" &&
	grep -q '^app/back\\\\slash\.py:10	' "$tmp/run.tsv" &&
	grep -q '^app/esc\\x1b\]0;pwn\\x07title\.py:10	' "$tmp/run.tsv" &&
	grep -q '^app/c1\\xc2\\x9b31m\.py:10	' "$tmp/run.tsv" &&
	grep -q '^app/bad\\xff\\xfebytes\.py:10	' "$tmp/run.tsv"
ok $? "run --format tsv: newline, tab, backslash and other bytes escaped as documented"

# ---- reports ------------------------------------------------------------
d=$out/docs/project/.audit/ln-650/2026-03-01
md="$out/docs/project/persistence_audit.md $d/651-query-efficiency.md $d/652-transaction-correctness.md $d/653-runtime-performance.md $d/654-resource-lifecycle.md"
# shellcheck disable=SC2086
! grep -q '<script\|<img' $md; ok $? "Markdown: no raw <script"
# shellcheck disable=SC2086
clean $md; ok $? "Markdown: no ESC/BEL/CSI byte"
grep -q '| app/&lt;script&gt;alert(1)&lt;.py:10 |' "$d/653-runtime-performance.md" &&
	grep -q '| app/pipe\\|cell.py:10 |' "$d/653-runtime-performance.md" &&
	grep -q '| app/amp&amp;lt;.py:10 |' "$d/653-runtime-performance.md"
ok $? "Markdown: '<', '&' as entities and '|' escaped in the Location cell"
rows=$(grep '^| HIGH | app/' "$d/653-runtime-performance.md")
[ "$(printf '%s\n' "$rows" | wc -l)" -eq $nfind ] &&
	[ -z "$(printf '%s\n' "$rows" | sed 's/\\\\//g; s/\\|//g' | awk -F'|' 'NF != 7')" ]
ok $? "Markdown: one table row of five cells per finding"
json_ok "$d/run.json"; ok $? "run.json is valid UTF-8 JSON"
json_ok "$d/context.json"; ok $? "context.json is valid UTF-8 JSON"
cat >"$tmp/names.py" <<'PY'
import json, os, sys, urllib.parse
run = json.load(open(sys.argv[1], encoding="utf-8", errors="strict"))
root = os.fsencode(sys.argv[2])
names = set()
for f in run["findings"]:
    raw = urllib.parse.unquote_to_bytes(f["file_bytes"]) if "file_bytes" in f else f["file"].encode()
    assert os.path.isfile(os.path.join(root, raw)), raw
    names.add(raw)
assert len(names) == int(sys.argv[3]), names
assert b"app/bad\xff\xfebytes.py" in names
PY
python3 "$tmp/names.py" "$d/run.json" "$p" $nfind 2>/dev/null; ok $? "run.json names every file exactly (file_bytes for the non-UTF-8 one)"
json_ok "$out/docs/project/persistence_audit.sarif"; ok $? "SARIF is valid UTF-8 JSON"
grep -q '"uri":[[:space:]]*"app/bad%FF%FEbytes.py"' "$out/docs/project/persistence_audit.sarif"
ok $? "SARIF: the non-UTF-8 name percent-encoded in the artifact URI"
html=$out/docs/project/persistence_audit.html
! grep -q '<script>alert\|<img' "$html" && grep -q 'app/&lt;script&gt;alert(1)&lt;.py' "$html"
ok $? "HTML: the names escaped, no raw markup"
clean "$out/docs/project/persistence_audit.sarif" "$html"; ok $? "SARIF and HTML: no ESC/BEL/CSI byte"

# ---- run.json read back: the exact bytes ----------------------------------
"$bin" export --format json -o - --output-dir "$out" "$p" >"$tmp/export.json" 2>"$tmp/export.err"
ok $? "export --format json exits 0"
cmp -s "$tmp/export.json" "$d/run.json"; ok $? "run.json loads and saves back byte for byte"
"$bin" export --format tsv -o - --output-dir "$out" "$p" >"$tmp/export.tsv" 2>"$tmp/export-tsv.err"
ok $? "export --format tsv exits 0"
clean "$tmp/export.tsv" "$tmp/export-tsv.err"; ok $? "export --format tsv: no ESC/BEL/CSI byte"
tsv_ok "$tmp/export.tsv" $nfind; ok $? "export --format tsv: a header and one line of seven fields per finding"
cmp -s "$tmp/export.tsv" "$tmp/run.tsv"; ok $? "export --format tsv of the loaded run matches the live listing"
"$bin" export --format md -o - --output-dir "$out" "$p" >"$tmp/export.md" 2>&1
! grep -q '<script\|<img' "$tmp/export.md" && clean "$tmp/export.md"; ok $? "export --format md: no raw HTML, no ESC"

# ---- runs, triage, diff -----------------------------------------------------
"$bin" runs --output-dir "$out" "$p" >"$tmp/runs.out" 2>&1; ok $? "runs exits 0"
clean "$tmp/runs.out"; ok $? "runs: no ESC/BEL/CSI byte"
"$bin" triage list --output-dir "$out" "$p" >"$tmp/list.out" 2>"$tmp/list.err"; ok $? "triage list exits 0"
clean "$tmp/list.out" "$tmp/list.err"; ok $? "triage list: no ESC/BEL/CSI byte"
[ "$(grep -c ' sync_sleep' "$tmp/list.out")" -eq $nfind ]; ok $? "triage list: one line per finding"
bad=$(python3 -c 'import json,sys
for f in json.load(open(sys.argv[1]))["findings"]:
    if "file_bytes" in f: print(f["fingerprint"], f["id"])' "$d/run.json" 2>/dev/null)
fp=${bad% *} id=${bad#* }
run triage advisory "$fp" --reason '<img src=x onerror=alert(1)> | `x` \| done' --output-dir "$out" "$p" \
	>"$tmp/tri.out" 2>"$tmp/tri.err"
ok $? "triage advisory on the non-UTF-8 file's finding exits 0"
clean "$tmp/tri.out" "$tmp/tri.err"; ok $? "triage advisory: no ESC/BEL/CSI byte"
# shellcheck disable=SC2086
! grep -q '<script\|<img' $md && grep -q '&lt;img src=x onerror=alert(1)&gt;' "$out/docs/project/persistence_audit.md"
ok $? "Markdown after triage: the reason entity-encoded, no raw <img"
! grep -q '<img' "$html"; ok $? "HTML after triage: no raw <img"
json_ok "$d/run.json" && json_ok "$out/docs/project/.audit/ln-650/triage.json"
ok $? "run.json and triage.json stay valid UTF-8 JSON after triage"
python3 "$tmp/names.py" "$d/run.json" "$p" $nfind 2>/dev/null; ok $? "the rewritten run.json keeps the exact names"
"$bin" export --format tsv -o - --output-dir "$out" "$p" | grep -q '^app/bad\\xff\\xfebytes\.py:10	sync_sleep	HIGH	advisory	'
ok $? "the decision sits on the non-UTF-8 file's finding"

DATE=2026-03-02 run run --no-tui --output-dir "$out" "$p" >/dev/null 2>&1; ok $? "second run exits 0"
"$bin" diff --all 2026-03-01 2026-03-02 --output-dir "$out" "$p" >"$tmp/diff.out" 2>"$tmp/diff.err"
ok $? "diff exits 0"
clean "$tmp/diff.out" "$tmp/diff.err"; ok $? "diff: no ESC/BEL/CSI byte"
grep -q "^New: 0 | Fixed: 0 | Unchanged: $nfind " "$tmp/diff.out"; ok $? "diff matches every finding across the runs"
"$bin" diff --format json 2026-03-01 2026-03-02 --output-dir "$out" "$p" >"$tmp/diff.json" 2>&1
json_ok "$tmp/diff.json"; ok $? "diff --format json is valid UTF-8 JSON"

# ---- a run.json planted in the tree ---------------------------------------
h=$out/docs/project/.audit/ln-650
mkdir -p "$h/2026-03-04"
sed 's/"date":[[:space:]]*"2026-03-01"/"date": "<b>x-<i-x>"/' "$d/run.json" >"$h/2026-03-04/run.json"
"$bin" export --run 2026-03-04 --format md -o - --output-dir "$out" "$p" >"$tmp/planted.md" 2>"$tmp/planted.err"
[ $? -eq 3 ] && ! grep -q '<b>' "$tmp/planted.md"; ok $? "a run.json whose date holds markup is refused (exit 3)"
rm -rf "$h/2026-03-04"
# its issue texts and ids hold a tab, a newline and escapes: the TSV message
# and id fields stay one line each, escaped
mkdir -p "$h/2026-03-03"
python3 - "$d/run.json" "$h/2026-03-03/run.json" <<'PY2'
import json, sys
run = json.load(open(sys.argv[1]))
for f in run["findings"]:
    f["issue"] = "tab\there\nnew line \x1b]0;pwn\x07 end"
    f["id"] = "F\t1\n"
json.dump(run, open(sys.argv[2], "w"))
PY2
"$bin" export --run 2026-03-03 --format tsv -o - --output-dir "$out" "$p" >"$tmp/planted.tsv" 2>"$tmp/planted.err"
ok $? "export --format tsv of a run.json with hostile issue texts"
tsv_ok "$tmp/planted.tsv" $nfind && clean "$tmp/planted.tsv" "$tmp/planted.err" &&
	grep -q '	F\\t1\\n	[0-9a-f]*	tab\\there\\nnew line \\x1b\]0;pwn\\x07 end$' "$tmp/planted.tsv"
ok $? "TSV: the message and the id are escaped, one line of seven fields each"
# and as HTML: a code span holding markup stays text, an id cannot leave its
# attribute
python3 - "$d/run.json" "$h/2026-03-03/run.json" <<'PY2'
import json, sys
run = json.load(open(sys.argv[1]))
for f in run["findings"]:
    f["issue"] = "`<img src=x onerror=alert(1)>` then `unpaired"
    f["id"] = '"><b>x'
json.dump(run, open(sys.argv[2], "w"))
PY2
"$bin" export --run 2026-03-03 --format html -o - --output-dir "$out" "$p" >"$tmp/planted.html" 2>"$tmp/planted.err"
ok $? "export --format html of a run.json with markup in issues and ids"
! grep -q '<img\|<b>' "$tmp/planted.html" &&
	grep -q '<code>&lt;img src=x onerror=alert(1)&gt;</code> then `unpaired' "$tmp/planted.html" &&
	grep -q 'id="&quot;&gt;&lt;b&gt;x"' "$tmp/planted.html"
ok $? "HTML: the code span is escaped text, the lone backtick literal, the id escaped"
rm -rf "$h/2026-03-03"

# ---- the TUI's detail view finds the non-UTF-8 file -------------------------
if "$bin" review --help >/dev/null 2>&1; then
	printf ':wait-idle\n/bad<Enter>\n<Enter>\n:wait-idle\n:save-state %s\nq\nq\n' "$tmp/detail.state" >"$tmp/keys"
	(cd "$p" && env PPAUDIT_NO_DISPLAY=1 PPAUDIT_SIZE=80x24 NO_COLOR=1 PPAUDIT_ASCII=1 \
		LC_ALL=C.UTF-8 PPAUDIT_SCRIPT="$tmp/keys" "$bin" review --output-dir "$out" 2026-03-01) \
		>"$tmp/review.out" 2>"$tmp/review.err"
	grep -q '^view=detail$' "$tmp/detail.state" && grep -q "^finding=$id\$" "$tmp/detail.state" &&
		grep -q '^source=from disk$' "$tmp/detail.state"
	ok $? "review: the detail view reads the non-UTF-8 file's source from disk"
fi

echo "1..$n"
echo "hostile: $((n - failed)) passed, $failed failed"
[ $failed -eq 0 ]
