#!/bin/sh
# Exports and scriptable commands: export (md, json, sarif, html; default
# targets, -o, --force), SARIF schema validation, HTML escaping and a
# headless-browser render, triage list/advisory/adr/false-positive/reopen,
# diff (text, json, --fail-on), and the command lines of examples/ci/.
#
# Optional tools, each check skipped (and said so) when missing:
#   python3 with jsonschema (Debian python3-jsonschema) and a SARIF 2.1.0
#   schema: $PPAUDIT_SARIF_SCHEMA, or the copy shipped in the npm package
#   @microsoft/jest-sarif (lib/schemas/sarif-2.1.0-rtm.5.json) unpacked
#   under /opt/ppaudit-test/ or installed globally;
#   chromium (Debian chromium) for the DOM check of the HTML page.
set -u
bin=${PPAUDIT:-./ppaudit}
src=${top_srcdir:-.}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
n=0 failed=0
ok() { # exit-status description
	n=$((n + 1))
	if [ "$1" -eq 0 ]; then echo "ok $n - $2"; else echo "not ok $n - $2"; failed=$((failed + 1)); fi
}
# scripts/bootstrap.sh installs every optional tool and sets
# PPAUDIT_REQUIRE_TEST_DEPS=1: there a missing tool is a failure, not a skip
skip() {
	n=$((n + 1))
	if [ "${PPAUDIT_REQUIRE_TEST_DEPS:-0}" = 1 ]; then
		echo "not ok $n - $1 (required by PPAUDIT_REQUIRE_TEST_DEPS)"
		failed=$((failed + 1))
	else
		echo "ok $n # SKIP $1"
	fi
}
run() { PPAUDIT_DATE=${DATE:-2026-03-01} "$bin" "$@"; }

if ! "$bin" export --help >/dev/null 2>&1; then
	echo "1..0 # SKIP export/diff/triage are not in this ppaudit's command table"
	exit 77
fi

# ---- a small FastAPI project with two HIGH findings --------------------
p="$tmp/svc"
mkdir -p "$p/app/api"
cat >"$p/requirements.txt" <<'EOF'
fastapi==0.110.0
sqlalchemy[asyncio]==2.0.29
EOF
cat >"$p/app/api/reports.py" <<'EOF'
import time
from pathlib import Path

from fastapi import APIRouter

router = APIRouter()


@router.get("/reports/{name}")
async def read_report(name: str):
    time.sleep(0.5)  # <script>alert(1)</script>
    return {"name": name}


@router.get("/reports/{name}/raw")
async def raw_report(name: str):
    data = Path("reports", name).read_text()
    return {"data": data}
EOF
mkdir -p "$p/docs/adr"   # ADR-007, for `triage adr` below
printf '# 7. Keep a decision log\n\nStatus: accepted\n' >"$p/docs/adr/0007-keep-a-decision-log.md"
hist="$p/docs/project/.audit/ln-650"
DATE=2026-03-01 run run --no-tui "$p" >/dev/null 2>&1; ok $? "first run"
nf=$(run triage list "$p" 2>/dev/null | grep -c '^F0')
[ "$nf" -ge 2 ]; ok $? "triage list shows the findings ($nf)"

# ---- export md / json to stdout (-o -) ---------------------------------
run export --format json -o - "$p" >"$tmp/run.json"; ok $? "export json -o - exits 0"
cmp -s "$tmp/run.json" "$hist/2026-03-01/run.json"; ok $? "export json is the run's run.json"
run export --format md -o - "$p" >"$tmp/report.md"; ok $? "export md -o - exits 0"
cmp -s "$tmp/report.md" "$p/docs/project/persistence_audit.md"; ok $? "export md is the consolidated report"
run export --run 2026-03-01 --format json -o "$tmp/copy.json" "$p" >/dev/null; ok $? "export --run DATE -o FILE"
cmp -s "$tmp/copy.json" "$tmp/run.json"; ok $? "-o FILE holds the same bytes"
run export --format yaml "$p" >/dev/null 2>&1; [ $? -eq 2 ]; ok $? "unknown format exits 2"
run export --run 2020-01-01 --format json "$p" >/dev/null 2>"$tmp/err"; [ $? -eq 3 ]; ok $? "missing run exits 3"
grep -q "2020-01-01" "$tmp/err"; ok $? "the error names the date"

# ---- SARIF ------------------------------------------------------------
run export --format sarif "$p" >/dev/null; ok $? "export sarif exits 0"
sarif="$p/docs/project/persistence_audit.sarif"
[ -f "$sarif" ] && cmp -s "$sarif" "$hist/2026-03-01/persistence_audit.sarif"
ok $? "SARIF written to docs/project and copied into the dated folder"

py=
for c in python3 /usr/bin/python3; do
	if command -v "$c" >/dev/null 2>&1 && "$c" -c 'import jsonschema' 2>/dev/null; then py=$c; break; fi
done
schema=
for s in "${PPAUDIT_SARIF_SCHEMA:-}" \
	/opt/ppaudit-test/package/lib/schemas/sarif-2.1.0-rtm.5.json \
	/usr/local/lib/node_modules/@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json \
	/usr/lib/node_modules/@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json; do
	if [ -n "$s" ] && [ -f "$s" ]; then schema=$s; break; fi
done
# The rtm.5 schema differs from the OASIS errata01 one only by redundant
# "type" keywords next to enums and by region's startLine/charOffset/
# byteOffset requirement, which the validator adds back.
cat >"$tmp/validate.py" <<'EOF'
import json, sys
import jsonschema
schema = json.load(open(sys.argv[1]))
region = schema["definitions"]["region"]
region.setdefault("anyOf", [{"required": ["startLine"]}, {"required": ["charOffset"]},
                            {"required": ["byteOffset"]}])
doc = json.load(open(sys.argv[2]))
errors = list(jsonschema.validators.validator_for(schema)(schema).iter_errors(doc))
for e in errors[:5]:
    print("#   invalid:", "/".join(map(str, e.path)), e.message[:160])
sys.exit(1 if errors else 0)
EOF
if [ -n "$py" ] && [ -n "$schema" ]; then
	"$py" "$tmp/validate.py" "$schema" "$sarif"; ok $? "SARIF validates against the 2.1.0 schema"
	sed 's/"level":\([[:space:]]*\)"error"/"level":\1"fatal"/' "$sarif" >"$tmp/bad.sarif"
	! "$py" "$tmp/validate.py" "$schema" "$tmp/bad.sarif" >/dev/null; ok $? "the validator rejects a broken SARIF"
else
	skip "SARIF schema validation (needs python3-jsonschema and the schema, see the header)"
	skip "validator negative control"
fi

# structure checks that need no schema
cat >"$tmp/sarif-check.py" <<'EOF'
import json, sys
log = json.load(open(sys.argv[1])); n = int(sys.argv[2])
run = log["runs"][0]; rules = run["tool"]["driver"]["rules"]; res = run["results"]
assert log["version"] == "2.1.0" and len(log["runs"]) == 1
assert run["tool"]["driver"]["name"] == "ppaudit"
assert len(res) == n, (len(res), n)
for r in res:
    assert rules[r["ruleIndex"]]["id"] == r["ruleId"]
    assert r["locations"][0]["physicalLocation"]["artifactLocation"]["uriBaseId"] == "%SRCROOT%"
    assert r["partialFingerprints"]["ppauditFingerprint/v1"]
    assert r["partialFingerprints"]["primaryLocationLineHash"].count(":") == 1
assert "%SRCROOT%" in run["originalUriBaseIds"]
assert "uri" not in run["originalUriBaseIds"]["%SRCROOT%"]   # no path of this machine
EOF
if command -v python3 >/dev/null 2>&1; then
	python3 "$tmp/sarif-check.py" "$sarif" "$nf"; ok $? "SARIF: one result per finding, rule indexes, fingerprints, %SRCROOT%"
else
	skip "SARIF structure (needs python3)"
fi

# ---- HTML -------------------------------------------------------------
run export --format html "$p" >/dev/null; ok $? "export html exits 0"
html="$p/docs/project/persistence_audit.html"
[ -f "$html" ] && [ -f "$hist/2026-03-01/persistence_audit.html" ]; ok $? "HTML written and copied"
! grep -Eq 'https?://|src=|href=|url\(|@import' "$html"; ok $? "HTML references no URL"
! grep -q '<script>alert' "$html"; ok $? "source text cannot inject markup"
grep -q '&lt;script&gt;alert(1)&lt;/script&gt;' "$html"; ok $? "evidence is HTML-escaped"
grep -q '<svg id="chart"' "$html"; ok $? "inline SVG chart"

chrome=
for c in chromium chromium-browser google-chrome; do
	if command -v "$c" >/dev/null 2>&1; then chrome=$c; break; fi
done
dom() { # url -> DOM on stdout
	timeout 90 "$chrome" --headless --no-sandbox --disable-gpu --disable-background-networking \
		--no-first-run --disable-component-update --disable-sync --disable-quic \
		--user-data-dir="$tmp/chrome" --dump-dom "$1" 2>/dev/null
}
if [ -n "$chrome" ]; then
	dom "file://$html" >"$tmp/dom.html"
	grep -q '<rect class="bar"' "$tmp/dom.html"; ok $? "browser: the chart has bars"
	[ "$(grep -c '<tr class="finding"' "$tmp/dom.html")" -eq "$nf" ]; ok $? "browser: one row per finding"
	grep -q "<span id=\"shown\">$nf</span>" "$tmp/dom.html"; ok $? "browser: the script ran (count shown)"
	dom "file://$html#q=sync_sleep" >"$tmp/dom-q.html"
	[ "$(grep '<tr class="finding"' "$tmp/dom-q.html" | grep -vc 'hidden')" -eq 1 ]
	ok $? "browser: the filter leaves only the matching row"
else
	for t in chart rows script filter; do skip "browser $t check (needs chromium)"; done
fi

# ---- never overwrite someone else's file -------------------------------
printf '<p>my own notes</p>\n' >"$tmp/notes.html"
run export --format html -o "$tmp/notes.html" "$p" >/dev/null 2>"$tmp/err"; [ $? -eq 3 ]
ok $? "a foreign target is refused"
grep -q 'my own notes' "$tmp/notes.html" && grep -q -- '--force' "$tmp/err"; ok $? "left alone, --force suggested"
run export --format html -o "$tmp/notes.html" --force "$p" >/dev/null; ok $? "--force overwrites"
run export --format sarif -o "$tmp/notes.html" "$p" >/dev/null; ok $? "ppaudit's own output is replaced without --force"

# ---- triage -----------------------------------------------------------
fp1=$(run triage list "$p" 2>/dev/null | awk '$1 == "F0001" { print $2 }')
fp2=$(run triage list "$p" 2>/dev/null | awk '$1 == "F0002" { print $2 }')
run triage advisory F0001 --reason "demo endpoint, rate limited" "$p" >"$tmp/out"; ok $? "triage advisory by id"
grep -q "open -> advisory" "$tmp/out"; ok $? "the change is reported"
grep -q "\"$fp1\"" "$hist/triage.json" && grep -q "demo endpoint" "$hist/triage.json"
ok $? "decision stored in triage.json"
grep -q "demo endpoint" "$p/docs/project/persistence_audit.md"; ok $? "consolidated report rewritten"
grep -q '"status":[[:space:]]*"advisory"' "$hist/2026-03-01/run.json"; ok $? "run.json rewritten"
grep -q '"justification":[[:space:]]*"demo endpoint, rate limited"' "$sarif"; ok $? "existing SARIF refreshed with a suppression"
run triage list --status advisory "$p" 2>/dev/null | grep -q '^F0001'; ok $? "list --status advisory"
run triage false-positive "$(echo "$fp2" | cut -c1-8)" --reason "tiny file" "$p" >/dev/null; ok $? "false-positive by fingerprint prefix"
run triage adr F0002 --adr ADR-007 "$p" >/dev/null 2>&1; ok $? "adr"
run triage list --status adr_override "$p" 2>/dev/null | grep -q "ADR-007"; ok $? "list shows the ADR"
run triage reopen F0002 "$p" >/dev/null; ok $? "reopen"
run triage list --status open "$p" 2>/dev/null | grep -q '^F0002'; ok $? "reopened finding is open"
run triage advisory F0001 "$p" >/dev/null 2>&1; [ $? -eq 2 ]; ok $? "advisory without --reason exits 2"
run triage advisory F0099 --reason "no such finding" "$p" >/dev/null 2>&1; [ $? -eq 2 ]; ok $? "unknown id exits 2"
run triage advisory abc --reason "prefix too short" "$p" >/dev/null 2>&1; [ $? -eq 2 ]; ok $? "a too-short prefix exits 2"
run triage frob F0001 "$p" >/dev/null 2>&1; [ $? -eq 2 ]; ok $? "unknown action exits 2"
run triage list "$tmp/nowhere" >/dev/null 2>&1; [ $? -eq 3 ]; ok $? "missing root exits 3"

# ---- diff ---------------------------------------------------------------
cat >>"$p/app/api/reports.py" <<'EOF'


@router.get("/reports/{name}/download")
async def download_report(name: str):
    with open("reports/" + name) as fh:
        return {"data": fh.read()}
EOF
sed -i 's/    time.sleep(0.5)  # <script>alert(1)<\/script>/    await asyncio.sleep(0.5)/' "$p/app/api/reports.py"
DATE=2026-03-08 run run --no-tui "$p" >/dev/null 2>&1; ok $? "second run"
# from now on "today" is the second run's day: a run dated after today is
# never "latest" (a planted future folder must not win)
DATE=2026-03-08
run diff 2026-03-01 2026-03-08 "$p" >"$tmp/diff"; ok $? "diff exits 0"
grep -q "New: 1 | Fixed: 1 | Unchanged: 1" "$tmp/diff"; ok $? "one new, one fixed, one unchanged"
grep -A1 '^Fixed:' "$tmp/diff" | grep -q sync_sleep; ok $? "the fixed one is the sleep"
run diff --format json previous latest "$p" >"$tmp/diff.json"; ok $? "diff --format json with previous/latest"
grep -q '"new":[[:space:]]*1' "$tmp/diff.json"; ok $? "json counts"
run diff --fail-on high 2026-03-01 latest "$p" >/dev/null; [ $? -eq 1 ]; ok $? "--fail-on high: a new HIGH exits 1"
run diff --fail-on critical 2026-03-01 latest "$p" >/dev/null; ok $? "--fail-on critical: exits 0"
run diff 2026-03-01 "$p" >/dev/null 2>&1; [ $? -eq 2 ]; ok $? "one date is a usage error"
run diff 2026-03-01 2020-01-01 "$p" >/dev/null 2>&1; [ $? -eq 3 ]; ok $? "a missing run exits 3"
run diff "$hist/2026-03-01/run.json" latest "$p" >/dev/null; ok $? "a run.json path as a side"
run export --format sarif --baseline 2026-03-01 -o "$tmp/b.sarif" "$p" >/dev/null; ok $? "export sarif --baseline"
grep -q '"baselineState":[[:space:]]*"new"' "$tmp/b.sarif" &&
	grep -q '"baselineState":[[:space:]]*"unchanged"' "$tmp/b.sarif"; ok $? "baselineState new and unchanged"

# ---- examples/ci: the command lines they contain ------------------------
ci="$src/examples/ci"
c="$tmp/ci"
mkdir -p "$c/app/api"
cp "$tmp/svc/requirements.txt" "$c/"
cp "$tmp/svc/app/api/reports.py" "$c/app/api/"
# every `ppaudit ...` line of the workflow, in order
sed -n 's/^[[:space:]]*\(run:[[:space:]]*\)\{0,1\}\(ppaudit .*\)$/\2/p' "$ci/github-actions.yml" >"$tmp/ci-cmds"
[ "$(wc -l <"$tmp/ci-cmds")" -ge 5 ]; ok $? "workflow: found its ppaudit command lines"
hook=$(sed -n 's/^[[:space:]]*entry:[[:space:]]*\(ppaudit .*\)$/\1/p' "$ci/pre-commit-config.yaml")
[ -n "$hook" ]; ok $? "pre-commit: found the hook entry"
mkdir -p "$c/ppaudit-baseline"
(
	cd "$c" || exit 1
	PPAUDIT_DATE=2026-03-01 "$bin" run --no-tui . >/dev/null 2>&1
	cp docs/project/.audit/ln-650/2026-03-01/run.json ppaudit-baseline/run.json
) 
while IFS= read -r line; do
	(cd "$c" && export PPAUDIT_DATE=2026-03-02 && eval "\"\$bin\" ${line#ppaudit }") >/dev/null 2>"$tmp/err"
	ok $? "workflow: $line"
done <"$tmp/ci-cmds"
[ -s "$c/ppaudit.sarif" ] && [ -s "$c/ppaudit.html" ] && [ -s "$c/run.json" ]; ok $? "workflow: artifacts exist"
(cd "$c" && export PPAUDIT_DATE=2026-03-02 && eval "\"\$bin\" ${hook#ppaudit }") >/dev/null 2>&1; ok $? "pre-commit: $hook"
[ -f "$c/.git/ppaudit/docs/project/persistence_audit.md" ]; ok $? "pre-commit: reports kept out of the work tree"
# the gate fires: a new HIGH against the baseline
cat >>"$c/app/api/reports.py" <<'EOF'


@router.post("/reports/{name}")
async def save_report(name: str, body: str):
    Path("reports", name).write_text(body)
    return {"ok": True}
EOF
(cd "$c" && PPAUDIT_DATE=2026-03-03 "$bin" run --no-tui . >/dev/null 2>&1)
gate=$(grep '^ppaudit diff' "$tmp/ci-cmds" | head -n 1)
(cd "$c" && eval "\"\$bin\" ${gate#ppaudit }") >/dev/null 2>&1; [ $? -eq 1 ]
ok $? "workflow gate fails on a new HIGH finding"

echo "1..$n"
[ "$failed" -eq 0 ]
