#!/bin/sh
# Hostile input, analysis side (SPEC §12; issue 8 defects 5 and 9): valid
# Python that sent the checks into unbounded recursion or cubic time must
# neither crash nor hang a run; a file a check cannot finish is reported
# (stderr, run.json, the consolidated report), and Ctrl-C is honoured in
# the middle of a file. Every run is under `timeout`, so a hang is a
# failure, not a stuck test.
set -u
bin=${PPAUDIT:-./ppaudit}
case $bin in /*) ;; *) bin=$(pwd)/$bin ;; esac
tmp=$(mktemp -d)
pid=
trap '[ -n "$pid" ] && kill -KILL "$pid" 2>/dev/null; rm -rf "$tmp"' EXIT
n=0 failed=0
ok() { # status description
	n=$((n + 1))
	if [ "$1" -eq 0 ]; then echo "ok $n - $2"; else echo "not ok $n - $2"; failed=$((failed + 1)); fi
}
# run NAME SECONDS: audits $tmp/NAME into $tmp/NAME.out; sets rc (124, or
# 137 when SIGTERM was not enough and it had to be killed)
run() {
	PPAUDIT_DATE=2026-03-01 timeout -k 5 "$2" "$bin" run --no-tui --output-dir "$tmp/$1.out" \
		"$tmp/$1" >"$tmp/$1.stdout" 2>"$tmp/$1.stderr"
	rc=$?
}
# done_ok NAME WHAT: exit 0/1 and the reports written
done_ok() {
	[ "$rc" -eq 0 ] || [ "$rc" -eq 1 ]; ok $? "$2: exits 0 or 1 (got $rc)"
	[ -s "$tmp/$1.out/docs/project/persistence_audit.md" ] &&
		[ -s "$tmp/$1.out/docs/project/.audit/ln-650/2026-03-01/run.json" ]
	ok $? "$2: the reports are written"
}

# ---- a value naming its own target after session.execute (SIGSEGV) ----
mkdir -p "$tmp/self"
cat >"$tmp/self/users.py" <<'PY'
async def active_ids(session, ids):
    ids = (
        await session.execute(select(User.id).where(User.id.in_(ids)))
    ).scalars().all()
    return ids
PY
run self 20
done_ok self "self-referencing multi-line assignment"
{ [ "$rc" -eq 0 ] || [ "$rc" -eq 1 ]; } && ! grep -q "not fully analysed" "$tmp/self.stderr"
ok $? "self-referencing assignment: analysed in full, no file left out"

# ---- the same, the name only in a comment inside the expression ----
mkdir -p "$tmp/comment"
cat >"$tmp/comment/users.py" <<'PY'
async def active_ids(session):
    ids = (
        await session.execute(
            select(User.id)  # the active ids
            .where(User.active)
        )
    ).scalars().all()
    return ids
PY
run comment 20
done_ok comment "name only in a comment inside the expression"
{ [ "$rc" -eq 0 ] || [ "$rc" -eq 1 ]; } && ! grep -q "not fully analysed" "$tmp/comment.stderr"
ok $? "name only in a comment: analysed in full, no file left out"

# ---- a 1000-line assignment chain (was cubic: about two minutes) ----
mkdir -p "$tmp/chain"
awk 'BEGIN { print "def chain(session, x0):"
	for (i = 1; i <= 1000; i++) printf "    x%d = session.execute(x%d)\n", i, i - 1
	print "    return x1000" }' >"$tmp/chain/chain.py"
run chain 20
done_ok chain "1000-line assignment chain"

# ---- more than a check's budget: reported as not fully analysed ----
# One name rebound 12 000 times, each value naming it: following every
# earlier binding is quadratic, so the read checks run out of budget.
mkdir -p "$tmp/rebind"
awk 'BEGIN { print "async def refine(session, x):"
	for (i = 0; i < 12000; i++)
		print "    x = await session.execute(select(User).where(User.id == x))"
	print "    return x" }' >"$tmp/rebind/refine.py"
# The budget is counted in steps, not seconds: about 4 s of work in a
# plain build, three to four times that under ASan, and more on a loaded
# machine; 90 s still tells a bounded run from a hang.
run rebind 90
done_ok rebind "12 000 rebindings of one name"
grep -q "refine.py: not fully analysed: n_plus_one" "$tmp/rebind.stderr"
ok $? "a warning names the file and the check that stopped"
j="$tmp/rebind.out/docs/project/.audit/ln-650/2026-03-01/run.json"
[ -f "$j" ] && tr -d ' \t\n' <"$j" |
	grep -q '"files_not_analysed":\[{"file":"refine.py","check":"n_plus_one","reason":"workbudgetexhausted"}'
ok $? "run.json lists it under run.files_not_analysed"
grep -q '^| refine.py | n_plus_one | work budget exhausted |$' \
	"$tmp/rebind.out/docs/project/persistence_audit.md" 2>/dev/null
ok $? "the consolidated report lists it"
j="$tmp/chain.out/docs/project/.audit/ln-650/2026-03-01/run.json"
[ -f "$j" ] && tr -d ' \t\n' <"$j" | grep -q '"files_not_analysed":\[\]'
ok $? "an analysed file is not listed (run.json holds an empty list)"

# ---- Ctrl-C inside one large file ends the run promptly ----
# 80 000 rebindings (5 MB, size cap raised): the audit phase takes
# seconds, so SIGINT lands inside the file, after "timing: index".
mkdir -p "$tmp/big"
awk 'BEGIN { print "async def refine(session, x):"
	for (i = 0; i < 80000; i++)
		print "    x = await session.execute(select(User).where(User.id == x))"
	print "    return x" }' >"$tmp/big/big.py"
printf '{"thresholds": {"max_file_size": 16000000}}\n' >"$tmp/big/.ppaudit.json"
: >"$tmp/big.stderr"
PPAUDIT_TIMING=1 PPAUDIT_DATE=2026-03-01 "$bin" run --no-tui --output-dir "$tmp/big.out" \
	"$tmp/big" >"$tmp/big.stdout" 2>"$tmp/big.stderr" &
pid=$!
i=0
while [ $i -lt 300 ] && kill -0 "$pid" 2>/dev/null && ! grep -q "^timing: index" "$tmp/big.stderr"; do
	sleep 0.1
	i=$((i + 1))
done
grep -q "^timing: index" "$tmp/big.stderr"; ok $? "the large file reaches the audit phase"
sleep 0.5
kill -0 "$pid" 2>/dev/null; ok $? "the run is still auditing half a second later"
kill -INT "$pid" 2>/dev/null
i=0
while [ $i -lt 50 ] && kill -0 "$pid" 2>/dev/null; do
	sleep 0.1
	i=$((i + 1))
done
if kill -0 "$pid" 2>/dev/null; then
	kill -KILL "$pid" 2>/dev/null
	wait "$pid" 2>/dev/null
	pid=
	ok 1 "SIGINT mid-file ends the run within 5 s"
	ok 1 "SIGINT mid-file exits 130"
else
	wait "$pid"
	rc=$?
	pid=
	ok 0 "SIGINT mid-file ends the run within 5 s ($i x 0.1 s)"
	[ "$rc" -eq 130 ]; ok $? "SIGINT mid-file exits 130 (got $rc)"
fi
[ ! -e "$tmp/big.out/docs/project/persistence_audit.md" ]
ok $? "a cancelled run writes no report"

# ---- one name destructured 30 000 times, then 30 000 calls on it ----
# Resolving each call through the destructurings before it was quadratic
# in the parse phase (about two minutes for this 720 KB file).
mkdir -p "$tmp/destructure"
awk 'BEGIN { for (i = 0; i < 30000; i++) print "const { a } = b;"
	for (i = 0; i < 30000; i++) print "a.x();" }' >"$tmp/destructure/a.js"
run destructure 20
done_ok destructure "30 000 destructurings of one name"

# ---- thousands of service folders, each with a manifest of its own ----
mkdir -p "$tmp/services"
i=0
while [ $i -lt 2000 ]; do
	i=$((i + 1))
	mkdir -p "$tmp/services/s$i"
	printf '{"name":"s%d","dependencies":{"pg":"8"}}\n' $i >"$tmp/services/s$i/package.json"
	printf 'module.exports = (xs) => xs.length;\n' >"$tmp/services/s$i/index.js"
done
run services 60
done_ok services "2000 service folders"
python3 - "$tmp/services.out/docs/project/.audit/ln-650/2026-03-01/run.json" <<'PY'
import json, sys
n = len(json.load(open(sys.argv[1]))["context"].get("services", []))
assert 0 < n <= 256, n
PY
ok $? "per-folder stacks are capped (256), the rest use the project's"

# ---- a crafted Prisma schema and a crafted query-builder type file ----
# Every `model X` line scanned the rest of the file for its '{', each
# field was looked up among all the models, and a model left open took
# in the fields of all the next ones: cubic (minutes for 100 KB). Each
# table of a `DB` map searched the whole text for its row type, and every
# table of one type copied all its fields (9.9 s and 1.7 GB for 336 KB).
mkdir -p "$tmp/schemas/prisma" "$tmp/schemas/src"
printf '{"dependencies":{"@prisma/client":"5","kysely":"0.27"}}\n' >"$tmp/schemas/package.json"
awk 'BEGIN { for (i = 0; i < 200000; i++) print "model A"
	for (i = 0; i < 1500; i++) print "model B" i
	print "{"
	for (i = 0; i < 1500; i++) print "  f" i " T"
	print "}" }' >"$tmp/schemas/prisma/schema.prisma"
awk 'BEGIN { print "export interface DB {"
	for (i = 0; i < 3000; i++) print "  t" i ": T;"
	for (i = 0; i < 40000; i++) print "  u" i ": U" i ";"
	print "}"
	print "interface T {"
	for (i = 0; i < 3000; i++) print "  c" i ": string;"
	print "}"
	for (i = 0; i < 40000; i++) print "interface U" i }' >"$tmp/schemas/src/db.d.ts"
printf 'export const f = (xs: number[]) => xs.length;\n' >"$tmp/schemas/src/a.ts"
run schemas 60
done_ok schemas "a crafted Prisma schema and DB type map"

# ---- a migration of 18 000 triggers ----
# The line of each trigger was counted from the start of the file:
# quadratic (minutes for this 3.9 MB file).
mkdir -p "$tmp/triggers/app" "$tmp/triggers/migrations"
printf 'django\npsycopg2\n' >"$tmp/triggers/requirements.txt"
printf 'def f(x):\n    return x\n' >"$tmp/triggers/app/views.py"
awk 'BEGIN { for (i = 0; i < 18000; i++)
		print "CREATE FUNCTION fn" i "() RETURNS trigger AS $$ BEGIN PERFORM pg_notify(\x27c" i "\x27, NEW.id::text); RETURN NEW; END; $$ LANGUAGE plpgsql;"
	for (i = 0; i < 18000; i++)
		print "CREATE TRIGGER tr" i " AFTER INSERT ON t" i " FOR EACH ROW EXECUTE FUNCTION fn" 17999 - i "();" }' \
	>"$tmp/triggers/migrations/0001.sql"
run triggers 60
done_ok triggers "18 000 triggers in one migration"
python3 - "$tmp/triggers.out/docs/project/.audit/ln-650/2026-03-01/run.json" <<'PY'
import json, sys
t = json.load(open(sys.argv[1]))["context"]["db_config"]["triggers"]
assert len(t) == 18000 and t[0]["line"] == 18001 and t[-1]["line"] == 36000, (len(t), t[-1])
PY
ok $? "every trigger is listed with its line"

# ---- a settings module of 20 000 engines and 80 000 unclosed calls ----
# Each engine's line was counted from the start of the file and each
# unclosed call read to the end of it: quadratic (over a minute).
mkdir -p "$tmp/engines/app/settings"
printf 'sqlalchemy\n' >"$tmp/engines/requirements.txt"
printf 'def f(x):\n    return x\n' >"$tmp/engines/app/views.py"
awk 'BEGIN { print "from sqlalchemy import create_engine"
	for (i = 0; i < 20000; i++)
		print "e" i " = create_engine(\"postgresql://h/d\", pool_size=5, isolation_level=\"READ COMMITTED\")"
	for (i = 0; i < 80000; i++) print "s = sessionmaker(bind=(" }' >"$tmp/engines/app/settings/db.py"
run engines 60
done_ok engines "20 000 engines and 80 000 unclosed calls in a settings module"
python3 - "$tmp/engines.out/docs/project/.audit/ln-650/2026-03-01/run.json" <<'PY'
import json, sys
e = json.load(open(sys.argv[1]))["context"]["db_config"]["engines"]
assert len(e) == 1024 and e[0]["line"] == 2 and e[-1]["line"] == 1025, (len(e), e[-1])
PY
ok $? "the first 1024 engines are listed with their lines"

# ---- 200 000 TypeScript classes named like the Go struct of 40 000 loops ----
# A Go receiver's struct was looked up by scanning every class of its
# name for the one of its language, and an interface's implementations
# by scanning every class of the project: classes x lookups (minutes).
mkdir -p "$tmp/classes/web" "$tmp/classes/srv"
printf '{"name":"web","dependencies":{"express":"^4"}}\n' >"$tmp/classes/web/package.json"
printf 'module example.com/srv\n\ngo 1.21\n\nrequire gorm.io/gorm v1.25.0\n' >"$tmp/classes/srv/go.mod"
awk -v d="$tmp/classes" 'BEGIN { for (k = 0; k < 8; k++) for (i = 0; i < 25000; i++)
		print "class Svc {}" > (d "/web/a" k ".ts")
	f = d "/srv/svc.go"
	print "package srv\n\nimport \"gorm.io/gorm\"\n\ntype Svc struct {\n\tdb *gorm.DB\n}\n" > f
	print "func (s *Svc) Get(id int) error { return s.db.First(nil, id).Error }" > f
	for (k = 0; k < 8; k++) { f = d "/srv/h" k ".go"; print "package srv\n" > f
		for (i = 0; i < 5000; i++)
			print "func h" k "_" i "(s *Svc, ids []int) {\n\tfor _, id := range ids {\n\t\ts.Get(id)\n\t}\n}" > f } }'
run classes 90
done_ok classes "200 000 same-name classes of another language, 40 000 lookups"

# ---- 20 000 GORM reads of a wide struct in a project of 200 000 nodes ----
# Each `db.Find(&rows)` of a `var rows []T` looked T up by scanning every
# node of every file of the project: reads x nodes (minutes).
mkdir -p "$tmp/structs/app"
printf 'module example.com/of\n\ngo 1.21\n\nrequire gorm.io/gorm v1.25.0\n' >"$tmp/structs/go.mod"
printf 'requests\n' >"$tmp/structs/requirements.txt"
awk -v d="$tmp/structs" 'BEGIN { f = d "/a.go"
	print "package of\n\ntype Wide struct {" > f
	for (i = 0; i < 20; i++) print "\tF" i " string" > f
	print "}" > f
	for (k = 0; k < 4; k++) { f = d "/l" k ".go"; print "package of\n\nimport \"gorm.io/gorm\"\n" > f
		for (i = 0; i < 5000; i++)
			print "func l" k "_" i "(db *gorm.DB) []string {\n\tvar rows []Wide\n\tdb.Find(&rows)\n\tout := []string{}\n\tfor _, r := range rows {\n\t\tout = append(out, r.F1)\n\t}\n\treturn out\n}" > f }
	for (k = 0; k < 10; k++) for (i = 0; i < 20000; i++) print "x" i " = " i > (d "/app/m" k ".py") }'
run structs 90
done_ok structs "20 000 GORM reads of a wide struct among 200 000 nodes"

# ---- 50 000 Go functions returning a GORM handle alias, 10 000 chains ----
# Each project function was looked up among every earlier name, each
# `*DB` result among every declaration of its folder, and each chain link
# `.X().` among every function name: functions x names (110 s before,
# 2 s after, in a plain build).
mkdir -p "$tmp/accessors/store" "$tmp/accessors/api"
printf 'module example.com/acc\n\ngo 1.21\n\nrequire gorm.io/gorm v1.25.0\n' >"$tmp/accessors/go.mod"
awk -v d="$tmp/accessors" 'BEGIN { f = d "/store/dao.go"
	print "package store\n\nimport \"gorm.io/gorm\"\n\ntype DB = gorm.DB\n\ntype Dao struct{ db *DB }\n" > f
	print "func (d *Dao) DB() *DB { return d.db }\n\nfunc App() *Dao { return nil }" > f
	for (k = 0; k < 5; k++) { f = d "/store/f" k ".go"; print "package store\n" > f
		for (i = 0; i < 10000; i++) print "type T" k "_" i " = int\n\nfunc F" k "_" i "() *DB { return nil }" > f }
	for (k = 0; k < 2; k++) { f = d "/api/h" k ".go"
		print "package api\n\nimport \"example.com/acc/store\"\n" > f
		for (i = 0; i < 5000; i++)
			print "func h" k "_" i "(ids []int) {\n\tfor _, id := range ids {\n\t\tvar n int64\n\t\tstore.App().DB().Where(\"id = ?\", id).Count(&n)\n\t}\n}" > f } }'
run accessors 60
done_ok accessors "50 000 handle accessors and 10 000 chains through one"
python3 - "$tmp/accessors.out/docs/project/.audit/ln-650/2026-03-01/run.json" <<'PY'
import json, sys
f = [x for x in json.load(open(sys.argv[1]))["findings"] if x["check"] == "n_plus_one"]
assert len(f) == 10000, len(f)
PY
ok $? "every chain through the accessor is read as a GORM query in a loop"

# ---- 20 000 Go packages that each declare a Svc and call its method ----
# An unqualified `*Svc` was looked up by walking every `Svc` of the
# project for the one of the asking folder, and each method `Svc.Get`
# among every function named Get: packages x packages (over ten minutes
# before, 5 s after, in a plain build).
mkdir -p "$tmp/packages"
printf 'module example.com/m\n\ngo 1.21\n\nrequire gorm.io/gorm v1.25.0\n' >"$tmp/packages/go.mod"
seq 0 19999 | sed "s|^|$tmp/packages/p|" | xargs mkdir -p
awk -v d="$tmp/packages" 'BEGIN { for (i = 0; i < 20000; i++) {
		f = d "/p" i "/a.go"
		print "package p" i "\n\nimport \"gorm.io/gorm\"\n\ntype Svc struct{ db *gorm.DB }\n" > f
		print "func (s *Svc) Get(id int) { s.db.First(nil, id) }\n" > f
		print "func h(s *Svc, ids []int) {\n\tfor _, id := range ids {\n\t\ts.Get(id)\n\t}\n}" > f
		close(f) } }'
run packages 120
done_ok packages "20 000 packages declaring the same struct and method"

# ---- one huge function: 16 000 statements, loops and assignments ----
# sem_assignment walked the whole function for every question (one per
# loop, call or name): quadratic in its statements, so string_concat_loop
# ran out of its budget and left a Go or Python function this size only
# partly analysed. The assignments are indexed per function now: the check
# finishes (the others that still stop are bounded and said so).
mkdir -p "$tmp/hugego" "$tmp/hugepy"
printf 'module example.com/h\n\ngo 1.21\n\nrequire gorm.io/gorm v1.25.0\n' >"$tmp/hugego/go.mod"
printf 'sqlalchemy\n' >"$tmp/hugepy/requirements.txt"
awk -v d="$tmp" 'BEGIN { f = d "/hugego/big.go"
	print "package h\n\nimport \"gorm.io/gorm\"\n\nfunc helper(a, b int) int { return a + b }\n" > f
	print "func Big(db *gorm.DB, items []int) int {\n\tx := 0" > f
	for (i = 0; i < 8000; i++)
		print "\tfor _, it := range items {\n\t\tx += it + " i "\n\t}\n\tx = helper(x, " i ")" > f
	print "\treturn x\n}" > f
	f = d "/hugepy/big.py"
	print "def helper(a, b):\n    return a + b\n\ndef big(session, items):\n    x = 0" > f
	for (i = 0; i < 8000; i++)
		print "    for it in items:\n        x += it + " i "\n    x = helper(x, " i ")" > f
	print "    return x" > f }'
for lang in go py; do
	run huge$lang 120
	done_ok huge$lang "one $lang function of 16 000 statements"
	! grep -q "not fully analysed: string_concat_loop" "$tmp/huge$lang.stderr"
	ok $? "one $lang function of 16 000 statements: string_concat_loop analysed in full"
done

# ---- a long line of one method name after `//` ----
# Whether a provider's method is reached counts the places its name is
# written, comments left out (auditors.c, auditor_word_count): each
# occurrence inside a comment re-read its line from the start: 8 s of
# CPU for one 700 KB line of the name; three files of a 960 KB line each
# take about a minute before the fix, 0.1 s after.
cp -R "${top_srcdir:-.}/tests/checks/n_update_delete_loop/provider_methods_without_callers" \
	"$tmp/wordline"
for k in 1 2 3; do
	awk 'BEGIN { printf "// "; for (i = 0; i < 80000; i++) printf "purgeFolder "
		print ""; print "export const x = 1;" }' >"$tmp/wordline/src/junk$k.ts"
done
run wordline 20
done_ok wordline "3 x 80 000 occurrences of a method name in a line comment"

# ---- 80 000 Go methods of distinct names returning a pointer ----
# The handle accessors (index-clients.c) looked each function's name up
# in a list of all the names before it, and each unqualified result type
# up in every file: over two minutes for this tree before the parse
# ended, about a second now.
mkdir -p "$tmp/ptrmethods"
printf 'module example.com/x\n\ngo 1.21\n\nrequire gorm.io/gorm v1.25.0\n' >"$tmp/ptrmethods/go.mod"
awk -v d="$tmp/ptrmethods" 'BEGIN { for (k = 0; k < 100; k++) {
	system("mkdir -p " d "/p" k)
	for (f = 0; f < 10; f++) { o = d "/p" k "/f" f ".go"; print "package p" k "\n\ntype T struct{ A int }\n" > o
		for (i = 0; i < 80; i++)
			print "func (t *T) M" k "_" f "_" i "() *T {\n\treturn t.M" k "_" f "_" i "().Next()\n}\n" > o
		close(o) } } }'
run ptrmethods 40
done_ok ptrmethods "80 000 Go methods of distinct names returning a pointer"

echo "1..$n"
[ "$failed" -eq 0 ]
