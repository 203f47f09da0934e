#!/bin/sh
# The HTML page and the SARIF log read well (issue 13 item 20).
# HTML: the CRITICAL badge never wraps inside the word, a path breaks only
# after a '/', `code` in issue texts is rendered as <code>, the subtitle
# names the project (not "."). SARIF: the issue and the recommendation are
# separated, a rule's fullDescription is not cut at the colon that opens
# its list, and no absolute local path is in the log.
set -u
bin=${PPAUDIT:-./ppaudit}
case $bin in /*) ;; *) bin=$PWD/$bin ;; esac   # runs in the project
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
n=0 failed=0
ok() { # exit-status description
	n=$((n + 1))
	if [ "$1" -eq 0 ]; then echo "ok $n - $2"; else echo "not ok $n - $2"; failed=$((failed + 1)); fi
}

p="$tmp/ledger-service"
mkdir -p "$p/app/api/routes"
printf 'fastapi==0.110.0\n' >"$p/requirements.txt"
printf 'import time\n\n\nasync def handler():\n    time.sleep(1)\n' >"$p/app/api/routes/accounts_statements.py"
(cd "$p" && PPAUDIT_DATE=2026-03-01 "$bin" run --no-tui --format md,sarif,html .) >/dev/null 2>&1
ok $? "a run from inside the project, root '.'"
html="$p/docs/project/persistence_audit.html"
sarif="$p/docs/project/persistence_audit.sarif"

# ---- HTML ----
python3 - "$html" <<'PY'
import re, sys
page = open(sys.argv[1]).read()
css = page[page.index("<style>"):page.index("</style>")]
rules = dict((sel.strip(), body) for sel, body in re.findall(r"([^{}]+)\{([^{}]*)\}", css))
sev = rules.get(".sev", "")
assert "white-space:nowrap" in sev, sev
assert "anywhere" not in rules.get(".loc", "") and "break-all" not in rules.get(".loc", ""), rules.get(".loc")
PY
ok $? "CSS: badges never wrap, locations never break anywhere"
grep -Eq '<span class="sev sev-(CRITICAL|HIGH|MEDIUM|LOW)">(CRITICAL|HIGH|MEDIUM|LOW)</span>' "$html"; ok $? "the badge is one word in one span"
grep -q '<code>app/<wbr>api/<wbr>routes/<wbr>accounts_statements.py:5</code>' "$html"
ok $? "the path may break after each '/' and nowhere else"
grep -q '<code>time.sleep(1)</code> blocks' "$html" && ! grep -q '`time.sleep(1)`' "$html"
ok $? "backticks in the issue become <code>"
grep -q '<p class="meta">ledger-service' "$html"; ok $? "the subtitle names the project"
! grep -q '<p class="meta">\.' "$html"; ok $? "not '.'"

# ---- SARIF ----
python3 - "$sarif" <<'PY'
import json, sys
run = json.load(open(sys.argv[1]))["runs"][0]
res = run["results"][0]
text = res["message"]["text"]
assert "\n\nRecommendation: Use `await asyncio.sleep(1)`" in text, text
assert text.index("blocks the event loop") < text.index("Recommendation:"), text
PY
ok $? "SARIF: the message is the issue, a blank line, then 'Recommendation: ...'"
python3 - "$sarif" <<'PY'
import json, sys
rules = json.load(open(sys.argv[1]))["runs"][0]["tool"]["driver"]["rules"]
cut = [r["id"] for r in rules if r["fullDescription"]["text"].rstrip().endswith(":")]
assert not cut, cut
bio = [r for r in rules if r["id"] == "blocking_io"][0]["fullDescription"]["text"]
assert "inside an `async def`" in bio and "open()" in bio and "\n" not in bio, bio
PY
ok $? "SARIF: no rule's fullDescription ends at a colon; the list after it is kept, on one line"
! grep -q "$tmp" "$sarif"; ok $? "SARIF: no absolute local path in the log"
python3 - "$sarif" <<'PY'
import json, sys
base = json.load(open(sys.argv[1]))["runs"][0]["originalUriBaseIds"]["%SRCROOT%"]
assert "uri" not in base or not base["uri"].startswith("file:"), base
assert base["description"]["text"], base
PY
ok $? "SARIF: %SRCROOT% is described, not pinned to this machine"
(cd "$p" && "$bin" export --format sarif -o - .) | grep -q "$tmp"
[ $? -ne 0 ]; ok $? "nor in an export"

echo "1..$n"
[ "$failed" -eq 0 ]
