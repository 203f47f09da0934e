#!/bin/sh
# Issue 8, defect 8: what was not audited is never scored as healthy. A
# broken git index, an empty folder, or a service in a language this build
# does not audit exits 3 with what was found, never "10.0/10, exit 0";
# folders skipped as vendored are judged by their content and counted;
# fake-data scripts are fixtures, by where they are, not only their name.
set -u
bin=${PPAUDIT:-./ppaudit}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
n=0 failed=0
ok() { # cond-exit-status description
	n=$((n + 1))
	if [ "$1" -eq 0 ]; then echo "ok $n - $2"; else echo "not ok $n - $2"; failed=$((failed + 1)); fi
}
run() { PPAUDIT_DATE=2026-03-01 timeout -k 5 30 "$bin" "$@"; }
finding() { # file: an async handler that sleeps (one sync_sleep finding)
	mkdir -p "$(dirname "$1")"
	printf 'import time\n\n\nasync def handler():\n    time.sleep(1)\n' >"$1"
}
commit() { (cd "$1" && git init -q && git add -A && git -c user.email=t@t -c user.name=t commit -qm x) >/dev/null 2>&1; }

# ---- a git listing that fails is an error, not an empty tree ----
p="$tmp/broken-index"
finding "$p/app/api.py"
commit "$p"
echo "not an index" >"$p/.git/index"
run run --no-tui --fail-on high "$p" >"$tmp/out" 2>"$tmp/err"
[ $? -eq 3 ]; ok $? "a corrupt .git/index exits 3"
grep -q "cannot list the files" "$tmp/err"; ok $? "and says the files could not be listed"
! grep -q "10.0/10" "$tmp/out"; ok $? "and prints no score"

# ---- nothing to audit ----
mkdir -p "$tmp/empty"
run run --no-tui --fail-on high "$tmp/empty" >"$tmp/out" 2>"$tmp/err"
[ $? -eq 3 ] && grep -q "nothing could be audited" "$tmp/err"; ok $? "an empty folder exits 3, nothing audited"
[ ! -e "$tmp/empty/docs/project/persistence_audit.md" ]; ok $? "and writes no healthy-looking report"

p="$tmp/java"
mkdir -p "$p/src"
printf '<project><artifactId>svc</artifactId></project>\n' >"$p/pom.xml"
printf 'class A {}\n' >"$p/src/A.java"
printf 'class B {}\n' >"$p/src/B.java"
run run --no-tui --fail-on high "$p" >"$tmp/out" 2>"$tmp/err"
[ $? -eq 3 ]; ok $? "a Java service (no front end) exits 3 under --fail-on"
grep -q "2 Java files" "$tmp/err"; ok $? "and names what it found and did not audit"

p="$tmp/ruby"
mkdir -p "$p/app"
printf 'class A; end\n' >"$p/app/a.rb"
run run --no-tui "$p" >"$tmp/out" 2>"$tmp/err"
[ $? -eq 3 ] && grep -q "1 Ruby file" "$tmp/err"; ok $? "a Ruby service exits 3 naming the Ruby file"

# ---- Node and Go services are audited, not waved through ----
p="$tmp/node"
mkdir -p "$p/src"
printf '{"name":"svc","dependencies":{"express":"4","pg":"8"}}\n' >"$p/package.json"
printf 'const fs = require("fs");\napp.get("/", async (req, res) => { fs.readFileSync("x"); });\n' >"$p/src/app.js"
printf 'export const x: number = 1;\n' >"$p/src/db.ts"
run run --no-tui --fail-on medium "$p" >"$tmp/out" 2>"$tmp/err"
[ $? -eq 1 ] && grep -q "Files: 2" "$tmp/out"; ok $? "a Node service is audited: 2 files, its blocking read fails the gate"
! grep -q "Not audited" "$tmp/out"; ok $? "and nothing is reported as not audited"

p="$tmp/go"
mkdir -p "$p/cmd"
printf 'module example.com/svc\n\ngo 1.22\n' >"$p/go.mod"
printf 'package main\n\nfunc main() {}\n' >"$p/cmd/main.go"
run run --no-tui "$p" >"$tmp/out" 2>"$tmp/err"
[ $? -eq 0 ] && grep -q "Files: 1" "$tmp/out"; ok $? "a Go service is audited: 1 file"

# ---- mixed: the scores say what they cover ----
p="$tmp/mixed"
finding "$p/app/api.py"
mkdir -p "$p/legacy" "$p/static/js"
printf 'class A {}\n' >"$p/legacy/A.java"
printf 'var s = ""; for (var i = 0; i < n; i++) { s += i; }\n' >"$p/static/js/app.js"
run run --no-tui "$p" >"$tmp/out" 2>"$tmp/err"
ok $? "a Python service with a Java folder and browser code is audited"
grep -q "^Scope: .*1 Java file" "$tmp/out"; ok $? "the summary names the files not audited"
grep -q "^Scope: .*1 browser file" "$tmp/out"; ok $? "and counts the browser code it left out"
grep -q "\*\*Scope:\*\* .*1 Java file" "$p/docs/project/persistence_audit.md"
ok $? "the consolidated report says what the scores cover"
python3 - "$p/docs/project/.audit/ln-650/2026-03-01/run.json" <<'PY'
import json, sys
cov = json.load(open(sys.argv[1]))["run"]["coverage"]
assert cov["not_audited"] == {"Java": 1}, cov
assert cov["browser_files"] == 1, cov
PY
ok $? "run.json counts the files not audited by language, and the browser files"

# ---- vendored by content, not only by name ----
for mode in walk git; do
	p="$tmp/vendored-$mode"
	finding "$p/app/features/build/__init__.py"       # a real package named build
	finding "$p/build/lib/app/copy.py"                # build output
	finding "$p/node_modules/dep/x.py"
	[ $mode = git ] && commit "$p"
	run run --no-tui "$p" >"$tmp/out" 2>"$tmp/err"
	ok $? "$mode: the run succeeds"
	json="$p/docs/project/.audit/ln-650/2026-03-01/run.json"
	grep -q '"file":[[:space:]]*"app/features/build/__init__.py"' "$json"
	ok $? "$mode: a source package named build/ is audited"
	! grep -q '"file":[[:space:]]*"build/lib' "$json"; ok $? "$mode: build output is skipped"
	python3 - "$json" <<'PY'
import json, sys
cov = json.load(open(sys.argv[1]))["run"]["coverage"]
assert cov["vendored_folders"] == 2, cov
assert sorted(cov["vendored_folder_paths"]) == ["build", "node_modules"], cov
PY
	ok $? "$mode: skipped folders are counted and named in run.json"
	grep -q "Skipped: 2 vendored or generated folders" "$tmp/out"; ok $? "$mode: and in the summary"
done

# ---- fake-data scripts are like fixtures; the same names in a package are code ----
p="$tmp/fake-data"
finding "$p/app/api.py"
finding "$p/populate.py"
finding "$p/scripts/seed_demo.py"
finding "$p/app/seeders/seed_units.py"
run run --no-tui --format tsv "$p" >"$tmp/out" 2>/dev/null
! grep -q "^populate.py" "$tmp/out" && ! grep -q "^scripts/seed_demo.py" "$tmp/out"
ok $? "a top-level populate.py and scripts/seed_demo.py get no findings"
grep -q "^app/seeders/seed_units.py" "$tmp/out" && grep -q "^app/api.py" "$tmp/out"
ok $? "a seeder inside the application package is audited"
# a Django command that makes dummy data is a fixture generator; a command
# that fills a table from real rows is not
p="$tmp/fake-cmd"
finding "$p/shop/management/commands/dummy-generator-orders.py"
finding "$p/shop/management/commands/populate_search.py"
finding "$p/shop/dummy_pricing.py"
finding "$p/shop/management/commands/sample_data.py"
finding "$p/shop/management/commands/sample_report.py"
finding "$p/shop/sample_data.py"
run run --no-tui --format tsv "$p" >"$tmp/out" 2>/dev/null
! grep -q "^shop/management/commands/dummy-generator-orders.py" "$tmp/out"
ok $? "a management command that generates dummy data gets no findings"
grep -q "^shop/management/commands/populate_search.py" "$tmp/out" &&
	grep -q "^shop/dummy_pricing.py" "$tmp/out"
ok $? "a populate command and a dummy_ module inside the package are audited"
! grep -q "^shop/management/commands/sample_data.py" "$tmp/out"
ok $? "a sample_data command (fills a project with sample data) gets no findings"
grep -q "^shop/management/commands/sample_report.py" "$tmp/out" &&
	grep -q "^shop/sample_data.py" "$tmp/out"
ok $? "another sample_ command and a sample_data module inside the package are audited"

# ---- a file with a parse error is audited in part, not skipped ----
p="$tmp/parse-error"
finding "$p/app/api.py"
printf 'async def broken(:\n    pass\n' >"$p/app/broken.py"
printf 'def fine():\n    return 1\n' >"$p/app/fine.py"
run run --no-tui "$p" >"$tmp/out" 2>"$tmp/err"
grep -q "Audited in part: 1 file with a parse error\." "$tmp/out"; ok $? "one file with a parse error: audited in part, singular"
! grep -q "Skipped:" "$tmp/out"; ok $? "and not counted as skipped"
grep -q "broken.py:1: parse error: .*(file audited in part)" "$tmp/err"; ok $? "and the warning says the file was audited in part"
printf 'def also_broken(:\n' >"$p/app/broken2.py"
run run --no-tui "$p" >"$tmp/out" 2>"$tmp/err"
grep -q "Audited in part: 2 files with parse errors\." "$tmp/out"; ok $? "two: plural"

# ---- a data layer no catalog describes is named, never passed over in silence ----
p="$tmp/undescribed"
mkdir -p "$p/src"
printf '{"dependencies":{"bookshelf":"1","knex":"2","express":"4","pg":"8"}}\n' >"$p/package.json"
printf 'const { User } = require("./models");\nasync function touch(ids) {\n  for (const id of ids) await new User({ id }).save({ seen: true }, { patch: true });\n}\nmodule.exports = { touch };\n' >"$p/src/app.js"
run run --no-tui "$p" >"$tmp/out" 2>"$tmp/err"
grep -q "Not understood: the data layer bookshelf (its queries, transactions and pools are not audited)\." "$tmp/out"
ok $? "an undescribed data layer (bookshelf) is named in the summary"
python3 - "$p/docs/project/.audit/ln-650/2026-03-01/run.json" <<'PY'
import json, sys
cov = json.load(open(sys.argv[1]))["run"]["coverage"]
assert cov["data_layers_not_described"] == ["bookshelf"], cov
PY
ok $? "and in run.json's coverage"
printf '{"dependencies":{"knex":"2","express":"4","pg":"8"}}\n' >"$p/package.json"
run run --no-tui "$p" >"$tmp/out" 2>"$tmp/err"
! grep -q "Not understood" "$tmp/out"; ok $? "a described one (knex) is not"

# an old run.json in the tree is hostile: names with control bytes are refused, never printed
json="$p/docs/project/.audit/ln-650/2026-03-01/run.json"
for field in layer lang; do
	python3 - "$json" "$field" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
cov = d["run"]["coverage"]
if sys.argv[2] == "layer":
    cov["data_layers_not_described"] = ["bun\u001b[31mRED"]
else:
    cov["data_layers_not_described"] = []
    cov["not_audited"] = {"Java\u001b]0;x\u0007": 1}
json.dump(d, open(sys.argv[1], "w"))
PY
	run export --run 2026-03-01 --format md -o - "$p" >"$tmp/out" 2>"$tmp/err"
	[ $? -eq 3 ] && ! grep -q "$(printf '\033')" "$tmp/out" "$tmp/err"
	ok $? "$field: a name with an escape byte in an old run.json is refused, not printed"
done

echo "1..$n"
[ $failed -eq 0 ]
