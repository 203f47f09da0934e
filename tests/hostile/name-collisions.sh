#!/bin/sh
# Hostile names (SPEC §12): the tables keyed by names from the tree (the
# SQL function index of discovery, the interned identifiers of the parse,
# the index's name maps) used one fixed hash, so a repository could choose
# thousands of names that share one chain: 20 000 SQL functions in a
# migrations folder took seconds of discovery, 20 000 Python functions
# most of a second of parsing. The names below collide under that hash
# (64-bit FNV-1a, low 18 bits); with the keyed hash they cost what as many
# ordinary names cost. Measured as a ratio within this test (colliding over
# ordinary, same sizes), with a generous bound; both runs under `timeout`.
# Two runs of the colliding tree give the same findings and context: no
# output may depend on the per-run key.
set -u
bin=${PPAUDIT:-./ppaudit}
case $bin in /*) ;; *) bin=$(pwd)/$bin ;; esac
command -v python3 >/dev/null || { echo "1..0 # SKIP python3 not installed"; exit 0; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
n=0 failed=0
ok() { # status description
	n=$((n + 1))
	if [ "$1" -eq 0 ]; then echo "ok $n - $2"; else echo "not ok $n - $2"; failed=$((failed + 1)); fi
}

# names KIND COUNT: COUNT distinct lowercase names; KIND "collide" makes
# their old hashes agree on the low 18 bits (every table up to 2^18 slots
# put them in one chain), "plain" gives names of the same shape.
names() {
	python3 - "$1" "$2" <<'PY'
import itertools, random, sys
kind, n = sys.argv[1], int(sys.argv[2])
alpha = b"abcdefghijklmnopqrstuvwxyz0123456789_"
if kind == "plain":
    random.seed(1)
    for i in range(n):
        print("fn_%d_%s" % (i, "".join(chr(random.choice(alpha)) for _ in range(3))))
    sys.exit(0)
bits = 18
M = (1 << bits) - 1
P = 1099511628211 & M
Pinv = pow(P, -1, 1 << bits)
T = 0x1234
need = {}
for suf in itertools.product(alpha, repeat=3):   # the state before each suffix that ends on T
    h = T
    for c in reversed(suf):
        h = ((h * Pinv) & M) ^ c
    need.setdefault(h, []).append(bytes(suf).decode())
out = i = 0
while out < n:
    pre = "fn_%d_" % i
    h = 1469598103934665603 & M
    for c in pre.encode():
        h = ((h ^ c) * P) & M
    for suf in need.get(h, ())[: n - out]:
        print(pre + suf)
        out += 1
    i += 1
PY
}

# project DIR NAMESFILE: a migrations folder with one NOTIFY function and
# its trigger per name, and a module function per name (100 to a file)
project() {
	mkdir -p "$1/migrations"
	printf 'flask\nsqlalchemy\n' >"$1/requirements.txt"
	awk -v dir="$1/migrations" '{
		f = sprintf("%s/%05d.sql", dir, int((NR - 1) / 100))
		printf "CREATE OR REPLACE FUNCTION %s() RETURNS trigger AS $$ BEGIN PERFORM pg_notify('"'"'c'"'"', '"'"''"'"'); RETURN NEW; END $$ LANGUAGE plpgsql;\n", $1 > f
		printf "CREATE TRIGGER t_%d AFTER INSERT ON tab%d FOR EACH ROW EXECUTE FUNCTION %s();\n", NR, NR % 50, $1 > f
	}' "$2"
	mkdir -p "$1/app"
	awk -v dir="$1/app" '{
		f = sprintf("%s/m%05d.py", dir, int((NR - 1) / 100))
		print "def " $1 "(session):\n    return session.query(" $1 ").all()\n" > f
	}' "$2"
}

# run DIR OUT: audits DIR; prints discover + parse + index in ms
run() {
	PPAUDIT_DATE=2026-03-01 PPAUDIT_TIMING=1 timeout -k 5 300 "$bin" run --no-tui \
		--output-dir "$2" "$1" 2>&1 >/dev/null |
		awk '$2 == "discover" || $2 == "parse" || $2 == "index" { t += $3 } END { print t + 0 }'
}

count=20000
names collide $count >"$tmp/collide.txt"
names plain $count >"$tmp/plain.txt"
[ "$(sort -u "$tmp/collide.txt" | wc -l)" -eq $count ]
ok $? "$count distinct colliding names"
project "$tmp/collide" "$tmp/collide.txt"
project "$tmp/plain" "$tmp/plain.txt"

t_plain=$(run "$tmp/plain" "$tmp/plain.out")
t_coll=$(run "$tmp/collide" "$tmp/collide.out")
echo "# discover+parse+index: ordinary names $t_plain ms, colliding names $t_coll ms"
# the old hash: about 40 times; a floor of 50 ms keeps timer noise out
awk -v a="$t_plain" -v b="$t_coll" 'BEGIN { if (a < 50) a = 50; exit !(b <= 5 * a) }'
ok $? "colliding names cost at most 5 times as many ordinary ones ($t_coll ms / $t_plain ms)"

# same output whatever the key: a second run of the colliding tree
run "$tmp/collide" "$tmp/collide2.out" >/dev/null
d1=$tmp/collide.out/docs/project/.audit/ln-650/2026-03-01
d2=$tmp/collide2.out/docs/project/.audit/ln-650/2026-03-01
[ -s "$d1/context.json" ] && cmp -s "$d1/context.json" "$d2/context.json"
ok $? "context.json identical across runs (keys differ)"
[ -s "$tmp/collide.out/docs/project/persistence_audit.md" ] &&
	cmp -s "$tmp/collide.out/docs/project/persistence_audit.md" \
		"$tmp/collide2.out/docs/project/persistence_audit.md"
ok $? "the report identical across runs"
grep -q '"notifies"' "$d1/context.json" 2>/dev/null || grep -q 'pg_notify\|notif' "$d1/context.json"
ok $? "the triggers' functions are resolved (NOTIFY recorded)"

echo "1..$n"
[ "$failed" -eq 0 ]
