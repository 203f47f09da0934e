#!/bin/sh
# Longer fuzzing with clang + libFuzzer + ASan/UBSan (tests/fuzz/README).
# usage: tests/fuzz/run-long.sh [SECONDS [TARGET...]]
#   SECONDS  per target (default 300); TARGET: python go javascript run-json
#            triage config context run (default: all eight, one after the other)
# Builds in $FUZZ_BUILD (default /tmp/ppaudit-fuzz), never in the source
# tree; corpora grow in $FUZZ_BUILD/corpus/TARGET, crashes land in
# $FUZZ_BUILD/artifacts/. One process at a time, niced: the fuzzers share
# the machine. Exits 1 when a target found something.
set -eu
secs=${1:-300}
[ $# -gt 0 ] && shift
targets=${*:-python go javascript run-json triage config context run}
src=$(cd "$(dirname "$0")/../.." && pwd)
b=${FUZZ_BUILD:-/tmp/ppaudit-fuzz}
mkdir -p "$b/artifacts"
cd "$b"

# the library with coverage instrumentation and the sanitizers
if [ ! -f Makefile ]; then
	[ -x "$src/configure" ] || (cd "$src" && autoreconf -fi >/dev/null)
	"$src/configure" -q --enable-sanitizers CC=clang CFLAGS='-g -O1 -fsanitize=fuzzer-no-link'
fi
nice make -j2 libppaudit.a >/dev/null
for t in $targets; do
	clang -g -O1 -std=c11 -D_GNU_SOURCE -fsanitize=fuzzer,address,undefined \
		-fno-sanitize-recover=undefined -I"$src/src" -I"$src/auditors" -I"$b/src" -I"$b" \
		-o "fuzz-$t" "$src/tests/fuzz/fuzz-$t.c" libppaudit.a \
		-lgit2 -lcjson -lpcre2-8 -lpthread -lm
done

# scratch files on tmpfs when there is one: fsync is free there
[ -z "${TMPDIR:-}" ] && [ -d /dev/shm ] && [ -w /dev/shm ] && TMPDIR=/dev/shm && export TMPDIR
found=0
for t in $targets; do
	mkdir -p "corpus/$t"
	cp -n "$src/tests/fuzz/corpus/$t/"* "corpus/$t/" 2>/dev/null || true
	dict=
	[ -f "$src/tests/fuzz/$t.dict" ] && dict=-dict=$src/tests/fuzz/$t.dict
	if [ "$t" = run ]; then
		# real projects as seeds: the example service and every fixture
		sh "$src/tests/fuzz/make-run-seeds.sh" seeds-run
		cp -n seeds-run/* corpus/run/
	fi
	echo "== fuzz-$t for ${secs}s"
	if ! nice -n 10 "./fuzz-$t" -max_total_time="$secs" -timeout=30 -rss_limit_mb=4096 \
		-max_len=65536 -print_final_stats=1 -artifact_prefix="artifacts/$t-" $dict \
		"corpus/$t" >"fuzz-$t.log" 2>&1; then
		found=1
		echo "fuzz-$t: FOUND something, see $b/fuzz-$t.log and $b/artifacts/"
	fi
	grep -E '^#[0-9]+ +DONE|^stat::(number_of_executed_units|peak_rss)' "fuzz-$t.log" ||
		tail -3 "fuzz-$t.log"
done
exit $found
