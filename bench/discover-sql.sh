#!/bin/sh
# discover-sql.sh [SMALL] [LARGE] — time discovery on migration folders of
# SMALL (default 5000) and LARGE (default 50000) SQL files, each holding
# one NOTIFY function and the trigger that calls it: the repository
# chooses how many there are, so discovery must stay near-linear.
#
# Prints the discover phase (PPAUDIT_TIMING) of each size and the ratio of
# time per file, LARGE over SMALL (about 1 when linear). Compare builds:
#   PPAUDIT=/tmp/ppaudit-before bench/discover-sql.sh; PPAUDIT=build/ppaudit bench/discover-sql.sh
# Nothing is asserted. Environment: PPAUDIT (binary, default ./ppaudit),
# WORK (scratch folder, default a fresh one under /tmp, removed afterwards).
set -eu

small=${1:-5000}
large=${2:-50000}
ppaudit=${PPAUDIT:-./ppaudit}
case $small$large in ''|*[!0-9]*) echo "usage: $0 [SMALL] [LARGE]" >&2; exit 2;; esac
if [ ! -x "$ppaudit" ]; then
	echo "$0: $ppaudit: not an executable (set PPAUDIT)" >&2
	exit 2
fi
if [ -n "${WORK:-}" ]; then
	work=$WORK
	mkdir -p "$work"
else
	work=$(mktemp -d /tmp/ppaudit-benchsql.XXXXXX)
	trap 'rm -rf "$work"' EXIT INT TERM
fi

# discover_ms N: builds the N-file project and prints its discover time.
discover_ms() {
	proj=$work/p$1
	rm -rf "$proj" "$work/out"
	mkdir -p "$proj/migrations"
	printf 'flask\nsqlalchemy\n' >"$proj/requirements.txt"
	printf 'from flask import Flask\n' >"$proj/app.py"
	awk -v n="$1" -v dir="$proj/migrations" 'BEGIN {
		for (i = 0; i < n; i++) {
			f = sprintf("%s/%06d.sql", dir, i)
			printf "CREATE OR REPLACE FUNCTION fn_%d() RETURNS trigger AS $$ BEGIN PERFORM pg_notify('"'"'c%d'"'"', '"'"''"'"'); RETURN NEW; END $$ LANGUAGE plpgsql;\n", i, i > f
			printf "CREATE TRIGGER t_%d AFTER INSERT ON tab%d FOR EACH ROW EXECUTE FUNCTION fn_%d();\n", i, i % 50, n - 1 - i > f
			close(f)
		}
	}'
	PPAUDIT_TIMING=1 "$ppaudit" run --no-tui --format tsv --output-dir "$work/out" "$proj" \
		2>&1 >/dev/null | awk '$2 == "discover" { print $3 }'
}

a=$(discover_ms "$small")
b=$(discover_ms "$large")
echo "discover, $small SQL files: $a ms"
echo "discover, $large SQL files: $b ms"
awk -v a="$a" -v b="$b" -v s="$small" -v l="$large" 'BEGIN {
	if (a > 0) printf "time per file, large / small: %.2f\n", (b / l) / (a / s)
}'
