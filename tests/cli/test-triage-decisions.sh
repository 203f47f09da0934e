#!/bin/sh
# A human decision beats an automatic rule (issue 13 item 2, SPEC §4, §6):
# reopening a finding an ADR silenced is kept in triage.json as a decision
# (author, time, reason) that later runs honour; an ADR that matches by
# keywords only is a suggestion, shown in run.json and the reports, and
# silences nothing unless it names the path or the check.
set -u
bin=${PPAUDIT:-./ppaudit}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
n=0 failed=0
ok() { # exit-status description
	n=$((n + 1))
	if [ "$1" -eq 0 ]; then echo "ok $n - $2"; else echo "not ok $n - $2"; failed=$((failed + 1)); fi
}
run() { PPAUDIT_DATE=${DATE:-2026-03-01} "$bin" "$@"; }
# the id, fingerprint and status of the finding at LOCATION in `triage list`
col_at() { run triage list "$p" 2>/dev/null | awk -v loc="$1" -v c="$2" '$5 == loc { print $c }'; }

p="$tmp/svc"
hist="$p/docs/project/.audit/ln-650"
mkdir -p "$p/app/api" "$p/docs/adr"
printf 'fastapi==0.110.0\n' >"$p/requirements.txt"
for name in reports uploads; do
	cat >"$p/app/api/$name.py" <<PY
import time

from fastapi import APIRouter

router = APIRouter()


@router.get("/$name/{name}")
async def read_$name(name: str):
    time.sleep(0.5)
    return {"name": name}
PY
done
# explicit: names the path and the check
cat >"$p/docs/adr/0001-report-throttling.md" <<'MD'
# 1. Report throttling sleeps in the handler

Status: accepted

Applies to: `app/api/reports.py`

We keep `sync_sleep` in the report handler until the queue lands.
MD
# weak: a one-line note whose title shares words with the uploads finding
cat >"$p/docs/adr/0002-slack-note.md" <<'MD'
# 2. Blocking sleep in async handler for uploads is accepted

Status: accepted

From Slack: we accept it for now.
MD
(cd "$p" && git init -q && git config user.name "Dana Lee" && git config user.email dana@example.com) >/dev/null 2>&1

run run --no-tui "$p" >/dev/null 2>&1; ok $? "first run"
run_json="$hist/2026-03-01/run.json"

# ---- a keyword match is a suggestion, not an override ----
[ "$(col_at app/api/uploads.py:10 4)" = open ]; ok $? "a keyword-only ADR match leaves the finding open"
python3 - "$run_json" <<'PY'
import json, sys
f = [f for f in json.load(open(sys.argv[1]))["findings"] if f["file"] == "app/api/uploads.py"][0]
s = f["adr_suggestion"]
assert f["status"] == "open" and f["advisory"] is None, f
assert s["adr"] == "ADR-002" and s["match"] == "keywords" and "uploads" in s["reason"], s
PY
ok $? "run.json carries the suggestion (ADR, match kind, the words)"
grep -q "ADR-002" "$p/docs/project/persistence_audit.md" &&
	grep -qi "suggest" "$p/docs/project/persistence_audit.md"
ok $? "the consolidated report shows the suggestion"
grep -q "ADR-002" "$hist/2026-03-01/653-runtime-performance.md" &&
	grep -qi "suggest" "$hist/2026-03-01/653-runtime-performance.md"
ok $? "and so does the worker report"
run triage list "$p" 2>/dev/null | grep "app/api/uploads.py:10" | grep -q "ADR-002?"
ok $? "triage list shows the suggestion"

# ---- an ADR naming the path or the check still silences ----
[ "$(col_at app/api/reports.py:10 4)" = adr_override ]; ok $? "the ADR naming path and check silences its finding"

# ---- reopening it is a decision later runs honour ----
id=$(col_at app/api/reports.py:10 1)
fp=$(col_at app/api/reports.py:10 2)
run triage reopen "$id" --reason "the queue never landed; fix it" "$p" >"$tmp/out" 2>&1
ok $? "triage reopen of the ADR-silenced finding"
[ "$(col_at app/api/reports.py:10 4)" = open ]; ok $? "it is open now"
python3 - "$hist/triage.json" "$fp" <<'PY'
import json, re, sys
d = json.load(open(sys.argv[1]))["decisions"][sys.argv[2]]
assert d["status"] == "open", d
assert d["reason"] == "the queue never landed; fix it", d
assert d["author"] and "Dana Lee" in d["author"], d
assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", d["time"] or ""), d
PY
ok $? "triage.json keeps the reopen as a decision with author, time and reason"
DATE=2026-03-02 run run --no-tui "$p" >/dev/null 2>&1; ok $? "next run"
[ "$(DATE=2026-03-02 col_at app/api/reports.py:10 4)" = open ]
ok $? "the next run honours the reopen (the ADR no longer silences it)"
python3 - "$hist/2026-03-02/run.json" <<'PY'
import json, sys
f = [f for f in json.load(open(sys.argv[1]))["findings"] if f["file"] == "app/api/reports.py"][0]
a = f["advisory"]
assert f["status"] == "open" and a["rule"] == "manual", f
assert "queue never landed" in a["reason"] and "Dana Lee" in a["author"] and a["time"], a
PY
ok $? "run.json of the next run says who reopened it, when and why"

# ---- a later decision replaces the reopen ----
DATE=2026-03-02 run triage advisory "$fp" --reason "load-tested: fine at 5 rps" "$p" >/dev/null 2>&1
ok $? "mark advisory by fingerprint"
DATE=2026-03-03 run run --no-tui "$p" >/dev/null 2>&1
[ "$(DATE=2026-03-03 col_at app/api/reports.py:10 4)" = advisory ]; ok $? "the manual advisory holds on the next run"

# ---- the weak ADR becomes explicit when it names the path ----
printf '\nApplies to: `app/api/uploads.py`\n' >>"$p/docs/adr/0002-slack-note.md"
DATE=2026-03-04 run run --no-tui "$p" >/dev/null 2>&1
[ "$(DATE=2026-03-04 col_at app/api/uploads.py:10 4)" = adr_override ]
ok $? "once the ADR names the path it silences the finding"

# ---- a wildcard in prose is not a path: it must not scope an ADR to everything ----
q="$tmp/wild"
mkdir -p "$q/app/api" "$q/docs/adr"
cp "$p/requirements.txt" "$q/"
cp "$p/app/api/reports.py" "$q/app/api/"
cat >"$q/docs/adr/0001-tag-syntax.md" <<'MD'
# ADR-0001: Tag syntax

Status: Accepted

Tags may end with `*` to match every tag below them, and `**/*` matches
any depth; a blocking sleep in a handler is never acceptable.
MD
DATE=2026-03-01 run run --no-tui "$q" >/dev/null 2>&1
[ "$(p=$q; DATE=2026-03-01 col_at app/api/reports.py:10 4)" = open ]
ok $? "an ADR that writes \`*\` in prose does not silence every finding"

echo "1..$n"
[ "$failed" -eq 0 ]
