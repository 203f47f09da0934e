#!/bin/sh
# gen-corpus.sh OUT_DIR [LINES] [SEED]
#
# Writes a synthetic but realistic async FastAPI / SQLAlchemy 2.0 monorepo of
# about LINES lines of Python (default 400000) under OUT_DIR: several services,
# each with models, schemas, repositories, services, routes, tasks and clients
# for a few dozen domain entities, plus manifests, docker-compose.yml and an
# Alembic migration with a pg_notify trigger. About one seeded defect per 300
# lines (blocking I/O and time.sleep in async code, per-row loops, N+1 reads,
# commits without rollback, network calls inside transactions, unclosed
# sessions, progress writes without commits) sits among ordinary code.
#
# Output is deterministic for a given (LINES, SEED): the generator uses its own
# Park-Miller PRNG, so gawk, mawk and busybox awk produce the same tree.
# Needs only sh and awk; 400k lines take a few seconds.
set -eu

if [ $# -lt 1 ] || [ "$1" = "-h" ] || [ "$1" = "--help" ]; then
	echo "usage: $0 OUT_DIR [LINES] [SEED]" >&2
	exit 2
fi
out=$1
lines=${2:-400000}
seed=${3:-20261127}
case $lines in ''|*[!0-9]*) echo "$0: LINES must be a number: $lines" >&2; exit 2;; esac
case $seed in ''|*[!0-9]*) echo "$0: SEED must be a number: $seed" >&2; exit 2;; esac

if [ -e "$out" ] && [ -n "$(ls -A "$out" 2>/dev/null)" ]; then
	echo "$0: $out exists and is not empty" >&2
	exit 1
fi
mkdir -p "$out"

here=$(cd "$(dirname "$0")" && pwd)
awk -v OUT="$out" -v TARGET="$lines" -v SEED="$seed" -f "$here/corpus.awk" </dev/null
