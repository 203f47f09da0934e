#!/bin/sh
# Command-line behaviour: usage and exit codes, files written (SPEC §2),
# history kept, atomic same-day replacement, corrupt state refused,
# --fail-on, .gitignore honoured, sanitized output, fingerprint stability.
set -u
bin=${PPAUDIT:-./ppaudit}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
n=0 failed=0
ok() { # cond-exit-status description
	n=$((n + 1))
	if [ "$1" -eq 0 ]; then echo "ok $n - $2"; else echo "not ok $n - $2"; failed=$((failed + 1)); fi
}
run() { PPAUDIT_DATE=${DATE:-2026-03-01} "$bin" "$@"; }

# ---- usage and exit codes ----
"$bin" --help >"$tmp/help" 2>&1; ok $? "--help exits 0"
grep -q "usage: ppaudit" "$tmp/help"; ok $? "--help prints usage"
"$bin" --version | grep -Eq '^ppaudit [0-9]+\.[0-9]+'; ok $? "--version prints the version"
"$bin" run --bogus . >/dev/null 2>&1; [ $? -eq 2 ]; ok $? "unknown option exits 2"
"$bin" frobnicate x >/dev/null 2>&1; [ $? -eq 2 ]; ok $? "unknown command exits 2"
"$bin" run --no-tui --fail-on severe . >/dev/null 2>&1; [ $? -eq 2 ]; ok $? "bad --fail-on level exits 2"
"$bin" run --no-tui "$tmp/does-not-exist" 2>"$tmp/err" >/dev/null; [ $? -eq 3 ]; ok $? "missing root exits 3"
grep -q "does-not-exist" "$tmp/err"; ok $? "the error names the missing root"

"$bin" run --no-tui --output-dir /proc/ppaudit-nope "$tmp" >/dev/null 2>"$tmp/err"; [ $? -eq 3 ]
ok $? "an unwritable output folder exits 3"
grep -q "/proc/ppaudit-nope" "$tmp/err"; ok $? "the error names the output path"

"$bin" run --help >"$tmp/help" 2>&1; ok $? "run --help exits 0"
missing=
for o in --no-tui --format --fail-on --since --changed-lines --baseline --sarif-drop-suppressed \
	 --jobs --output-dir --config; do
	grep -q "^  $o " "$tmp/help" || missing="$missing $o"
done
[ -z "$missing" ]; ok $? "run --help describes every option${missing:+ (missing:$missing)}"
"$bin" review 2026-13-45 "$tmp" >/dev/null 2>"$tmp/err"; [ $? -eq 2 ] && grep -q "is not a run" "$tmp/err"
ok $? "review of an impossible date is a usage error naming the argument"

mkdir -p "$tmp/empty"
run run --no-tui --output-dir "$tmp/empty-out" "$tmp/empty" >"$tmp/out" 2>&1; [ $? -eq 3 ]
ok $? "a project with no source file exits 3 (nothing audited is never healthy)"
grep -q "nothing could be audited" "$tmp/out" && ! grep -q "10.0/10" "$tmp/out"; ok $? "and says so, with no score"
mkdir -p "$tmp/empty-hist/docs/project/.audit/ln-650"
"$bin" runs --output-dir "$tmp/empty-hist" "$tmp/empty" >/dev/null 2>&1; ok $? "runs on an empty history exits 0"

# ---- rules and explain ----
"$bin" rules >"$tmp/rules"; ok $? "rules exits 0"
for c in blocking_io sync_sleep missing_bulk_ops n_update_delete_loop missing_rollback \
	transaction_wide pool_configuration missing_cleanup; do
	grep -q "$c" "$tmp/rules"; ok $? "rules lists $c"
	"$bin" explain "$c" >"$tmp/explain" 2>&1 && [ "$(wc -l <"$tmp/explain")" -ge 20 ] &&
		! grep -q "being written" "$tmp/explain"
	ok $? "explain $c shows a full page"
done
"$bin" explain no_such_check >/dev/null 2>&1; [ $? -eq 2 ]; ok $? "explain of an unknown check exits 2"
"$bin" explain n_plus 2>&1 | grep -q "did you mean n_plus_one"; ok $? "explain suggests the closest check id"
"$bin" explain --help | grep -q "usage: ppaudit explain"; ok $? "explain --help prints usage"
"$bin" rules --help | grep -q "usage: ppaudit rules"; ok $? "rules --help prints usage"
(cd "$tmp" && "$bin" reveiw >/dev/null 2>"$tmp/err"); [ $? -eq 2 ] && grep -q "did you mean review" "$tmp/err"
ok $? "a mistyped command is not taken for a path to audit"
"$bin" runs "$tmp/does-not-exist" >/dev/null 2>&1; [ $? -eq 3 ]; ok $? "runs of a missing folder exits 3"

# ---- a small project ----
p="$tmp/proj"
mkdir -p "$p/app/api"
cat >"$p/requirements.txt" <<'PY'
fastapi==0.110.0
sqlalchemy[asyncio]==2.0.29
asyncpg==0.29.0
PY
cat >"$p/app/api/reports.py" <<'PY'
import time

from fastapi import APIRouter

router = APIRouter()


@router.get("/reports/{name}")
async def read_report(name: str):
    time.sleep(0.5)
    return {"name": name}
PY
printf 'def broken(:\n    pass\n' >"$p/app/bad_syntax.py"
printf 'x = 1\0\0\0binary' >"$p/app/blob.py"

run run --no-tui "$p" >"$tmp/out" 2>"$tmp/err"; ok $? "run exits 0"
d="$p/docs/project/.audit/ln-650/2026-03-01"
for f in 651-query-efficiency.md 652-transaction-correctness.md 653-runtime-performance.md \
	654-resource-lifecycle.md run.json context.json; do
	[ -s "$d/$f" ]; ok $? "run writes $f"
done
[ -s "$p/docs/project/persistence_audit.md" ]; ok $? "run writes the consolidated report"
grep -q "^## Persistence & Performance Audit Report - 2026-03-01" "$p/docs/project/persistence_audit.md"
ok $? "consolidated report carries the run date"
[ "$(grep -c '^Report written: ' "$tmp/out")" -eq 5 ]; ok $? "one 'Report written' line per auditor plus the consolidated report"
grep -Eq '^Score: [0-9]+\.[0-9]/10 \| Issues: [0-9]+ \(C:[0-9]+ H:[0-9]+ M:[0-9]+ L:[0-9]+\)$' "$tmp/out"
ok $? "summary lines in the seed workflow's form"
grep -q "bad_syntax.py:1" "$tmp/err"; ok $? "a file that fails to parse is reported with its line"
grep -q "blob.py: skipped: binary" "$tmp/err"; ok $? "a binary file is skipped and named"
grep -Eq '"check":[[:space:]]*"sync_sleep"' "$d/run.json"; ok $? "run.json holds the sync_sleep finding"

# ---- history: another date leaves the first untouched ----
sum1=$(cat "$d"/* | cksum)
DATE=2026-03-02 run run --no-tui "$p" >/dev/null 2>&1; ok $? "second run (next day) exits 0"
[ "$(cat "$d"/* | cksum)" = "$sum1" ]; ok $? "the earlier date's folder is untouched"
[ -s "$p/docs/project/.audit/ln-650/2026-03-02/run.json" ]; ok $? "the new date has its own folder"
sum2=$(cat "$p/docs/project/.audit/ln-650/2026-03-02"/* | cksum)
DATE=2026-03-02 run run --no-tui "$p" >/dev/null 2>&1; ok $? "same-day rerun exits 0"
[ -s "$p/docs/project/.audit/ln-650/2026-03-02.2/run.json" ] &&
	[ "$(cat "$p/docs/project/.audit/ln-650/2026-03-02"/* | cksum)" = "$sum2" ]
ok $? "a same-day rerun keeps its own folder (2026-03-02.2), the first one untouched"
[ -z "$(ls -A "$p/docs/project/.audit/ln-650" | grep -v -e '^2026-03-0[12]$' -e '^2026-03-02.2$' -e '^triage.json$' -e '^\.lock$')" ]
ok $? "same-day rerun leaves no temporary folders behind"
DATE=2026-03-02 run runs "$p" >"$tmp/runs.out" 2>&1
head -n 3 "$tmp/runs.out" | grep -q "^2026-03-02.2 " && grep -q "^2026-03-02 " "$tmp/runs.out"
ok $? "runs lists both runs of the day, the later first"
"$bin" runs "$p" >"$tmp/runs"; ok $? "runs exits 0"
grep -q "2026-03-01" "$tmp/runs" && grep -q "2026-03-02" "$tmp/runs"; ok $? "runs lists both dates"
# a run is named by its folder, not by the date run.json carries
h=$p/docs/project/.audit/ln-650
cp -R "$h/2026-03-01" "$h/2026-03-03"
"$bin" runs "$p" >"$tmp/runs"
grep -q "^2026-03-03 " "$tmp/runs" && [ "$(grep -c "^2026-03-01 " "$tmp/runs")" -eq 1 ]
ok $? "runs labels a run by its folder's name"
"$bin" diff 2026-03-01 2026-03-03 "$p" >"$tmp/diff" 2>&1 && grep -q "^Comparing 2026-03-01 -> 2026-03-03$" "$tmp/diff"
ok $? "diff labels both runs by folder name"
"$bin" diff --format json 2026-03-03 2026-03-01 "$p" | grep -q '"run":[[:space:]]*"2026-03-03"'
ok $? "diff --format json carries the folder name as \"run\""
rm -rf "$h/2026-03-03"

# ---- --fail-on ----
run run --no-tui --fail-on high "$p" >/dev/null 2>&1; [ $? -eq 1 ]; ok $? "--fail-on high exits 1 with a HIGH finding"
run run --no-tui --fail-on critical "$p" >/dev/null 2>&1; [ $? -eq 0 ]; ok $? "--fail-on critical exits 0 without CRITICAL findings"

ex=${top_srcdir:-$(cd "$(dirname "$0")/../.." && pwd)}/examples/jobs-service
run run --no-tui --fail-on high --output-dir "$tmp/exout" "$ex" >/dev/null 2>&1; [ $? -eq 1 ]
ok $? "--fail-on high on the example service exits 1"
clean="$tmp/clean"
mkdir -p "$clean/app"
printf 'import asyncio\n\n\nasync def pause():\n    await asyncio.sleep(1)\n' >"$clean/app/ok.py"
run run --no-tui --fail-on low "$clean" >/dev/null 2>&1; ok $? "--fail-on low on a clean project exits 0"

# ---- corrupt triage.json is refused and left as it was ----
t="$p/docs/project/.audit/ln-650/triage.json"
printf '{"schema": 1, "decisions": [oops' >"$t"
tsum=$(cksum <"$t")
run run --no-tui "$p" >/dev/null 2>"$tmp/err"; [ $? -eq 3 ]; ok $? "corrupt triage.json exits 3"
grep -q "triage.json" "$tmp/err"; ok $? "the error names triage.json"
[ "$(cksum <"$t")" = "$tsum" ]; ok $? "corrupt triage.json is left untouched"
rm -f "$t"

# ---- escape sequences from audited code never reach a report ----
printf 'import time\n\nasync def poll():\n    time.sleep(1)  # \033[2J\033]0;pwned\007 evil\n' >"$p/app/evil.py"
run run --no-tui "$p" >"$tmp/out" 2>&1; ok $? "run with a planted escape sequence exits 0"
! grep -rq "$(printf '\033')" "$p/docs/project" "$tmp/out"; ok $? "no ESC byte in reports or output"
rm -f "$p/app/evil.py"

# ---- fingerprints survive edits above the finding ----
fp() { sed -n 's/.*"fingerprint":[[:space:]]*"\([0-9a-f]*\)".*/\1/p' "$1" | sort | tr '\n' ' '; }
newest() { # today's newest run folder of the project
	h="$p/docs/project/.audit/ln-650"
	echo "$h/$(ls "$h" | grep -E "^${DATE:-2026-03-01}(\.[0-9]+)?\$" | sort -t. -k2,2n | tail -n1)"
}
run run --no-tui "$p" >/dev/null 2>&1
before=$(fp "$(newest)/run.json")
sed -i 's/^router = APIRouter()$/# a comment\n\n\nrouter = APIRouter()/' "$p/app/api/reports.py"
run run --no-tui "$p" >/dev/null 2>&1
after=$(fp "$(newest)/run.json")
[ -n "$before" ] && [ "$before" = "$after" ]; ok $? "fingerprints unchanged after inserting lines above"
grep -Eq '"line":[[:space:]]*13,' "$(newest)/run.json"; ok $? "while the line number moved"

# ---- .gitignore is honoured in a repository ----
g="$tmp/repo"
mkdir -p "$g/app" "$g/generated"
cp "$p/app/api/reports.py" "$g/app/reports.py"
cp "$p/app/api/reports.py" "$g/generated/copy.py"
printf 'generated/\n' >"$g/.gitignore"
(cd "$g" && git init -q && git add -A && git -c user.name=t -c user.email=t@t commit -qm init) >/dev/null 2>&1
run run --no-tui --format tsv --output-dir "$tmp/gout" "$g" >"$tmp/tsv" 2>&1; ok $? "run in a git repository exits 0"
grep -q "^app/reports.py:" "$tmp/tsv"; ok $? "tracked file audited"
! grep -q "generated/" "$tmp/tsv"; ok $? "ignored file not audited"
[ ! -e "$g/docs" ]; ok $? "--output-dir keeps the audited tree clean"

# ---- --since audits only the files changed since a revision ----
cp "$p/app/api/reports.py" "$g/app/other.py"
(cd "$g" && git add -A && git -c user.name=t -c user.email=t@t commit -qm two) >/dev/null 2>&1
printf '\n# touched\n' >>"$g/app/other.py"
run run --no-tui --format tsv --since HEAD --output-dir "$tmp/sout" "$g" >"$tmp/since" 2>&1
ok $? "--since HEAD exits 0"
grep -q "^app/other.py:" "$tmp/since" && ! grep -q "^app/reports.py:" "$tmp/since"
ok $? "--since audits the changed file only"
run run --no-tui --since no-such-rev "$g" >/dev/null 2>"$tmp/err"; [ $? -eq 3 ]
ok $? "--since with an unknown revision exits 3"
grep -q "no-such-rev" "$tmp/err"; ok $? "the error names the revision"

# ---- --changed-lines keeps only findings on the lines changed ----
printf '\n\n@router.get("/late")\nasync def late():\n    time.sleep(2)\n' >>"$g/app/other.py"
run run --no-tui --format tsv --since HEAD --changed-lines --output-dir "$tmp/cl" "$g" >"$tmp/cl.tsv" 2>&1
ok $? "--since HEAD --changed-lines exits 0"
[ "$(grep -c "sync_sleep" "$tmp/cl.tsv")" -eq 1 ] && grep -q "^app/other.py:$(grep -c '' "$g/app/other.py")	sync_sleep" "$tmp/cl.tsv"
ok $? "--changed-lines keeps the new finding only"
run run --no-tui --changed-lines "$g" >/dev/null 2>&1; [ $? -eq 2 ]
ok $? "--changed-lines without --since is a usage error"

# ---- --format sarif,html and --baseline ----
q="$tmp/q"
mkdir -p "$q/app"
cp "$p/app/api/reports.py" "$q/app/reports.py"
run run --no-tui --format md,sarif,html "$q" >"$tmp/out" 2>&1; ok $? "run with sarif and html exits 0"
[ -s "$q/docs/project/persistence_audit.sarif" ] && [ -s "$q/docs/project/persistence_audit.html" ]
ok $? "SARIF and HTML written beside the consolidated report"
[ -s "$q/docs/project/.audit/ln-650/2026-03-01/persistence_audit.sarif" ]; ok $? "and copied into the dated folder"
base="$q/docs/project/.audit/ln-650/2026-03-01/run.json"
DATE=2026-03-05 run run --no-tui --fail-on high --baseline "$base" "$q" >"$tmp/out" 2>&1
ok $? "--baseline hides findings already in the baseline from --fail-on"
grep -q "^Baseline: 0 open" "$tmp/out"; ok $? "--baseline reports no new finding"
cp "$q/app/reports.py" "$q/app/new_one.py"
DATE=2026-03-05 run run --no-tui --fail-on high --baseline "$base" "$q" >"$tmp/out" 2>&1; [ $? -eq 1 ]
ok $? "a new HIGH finding not in the baseline fails --fail-on high"
run run --no-tui --baseline "$tmp/nope.json" "$q" >/dev/null 2>"$tmp/err"; [ $? -eq 3 ]
ok $? "a missing baseline exits 3"

# ---- one stack per service folder (a monorepo without a root manifest) ----
m="$tmp/mono"
mkdir -p "$m/services/api/app" "$m/services/shop/shop"
printf 'fastapi\nsqlalchemy==2.0\n' >"$m/services/api/requirements.txt"
printf 'django==5.0\n' >"$m/services/shop/requirements.txt"
printf 'from app.models import Job\n\n\ndef load(session, ids: list[int]):\n    return [session.get(Job, i) for i in ids]\n\n\ndef load2(session, ids: list[int]):\n    out = []\n    for i in ids:\n        out.append(session.get(Job, i))\n    return out\n' >"$m/services/api/app/jobs.py"
printf 'from shop.models import Product\n\n\ndef prices(ids: list[int]):\n    out = []\n    for pid in ids:\n        out.append(Product.objects.get(pk=pid).price)\n    return out\n' >"$m/services/shop/shop/views.py"
run run --no-tui --format json "$m" >/dev/null 2>&1
python3 - "$m/docs/project/.audit/ln-650/2026-03-01/run.json" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
rec = {f["file"]: f["recommendation"] for f in r["findings"] if f["check"] == "n_plus_one"}
assert "select_related" in rec["services/shop/shop/views.py"], rec
assert "select(Job)" in rec["services/api/app/jobs.py"], rec
assert [s["dir"] for s in r["context"]["services"]] == ["services/api", "services/shop"], r["context"].get("services")
PY
ok $? "each service folder's findings get advice for its own stack (Django beside SQLAlchemy)"

# ---- the autocommit advice in the detected data layer's own words ----
g="$tmp/gormadvice"
mkdir -p "$g"
printf 'module example.com/shelf\n\ngo 1.22\n\nrequire gorm.io/gorm v1.25.10\n' >"$g/go.mod"
printf 'package shelf\n\nimport "gorm.io/gorm"\n\ntype Shelf struct{ ID uint }\n\ntype Book struct {\n\tID      uint\n\tShelfID uint\n}\n\ntype Store struct{ db *gorm.DB }\n\nfunc (s *Store) Drop(sh *Shelf) error {\n\tif err := s.db.Delete(sh).Error; err != nil {\n\t\treturn err\n\t}\n\treturn s.db.Where("shelf_id = ?", sh.ID).Delete(&Book{}).Error\n}\n' >"$g/shelf.go"
run run --no-tui --format json "$g" >/dev/null 2>&1
python3 - "$g/docs/project/.audit/ln-650/2026-03-01/run.json" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
rec = [f["recommendation"] for f in r["findings"] if f["check"] == "transaction_narrow"]
assert len(rec) == 1 and "db.Transaction(func(tx *gorm.DB)" in rec[0] and "BeginTx" not in rec[0], rec
PY
ok $? "a GORM service's autocommit advice names db.Transaction, not database/sql's BeginTx"

echo "1..$n"
echo "cli: $((n - failed)) passed, $failed failed"
[ $failed -eq 0 ]
