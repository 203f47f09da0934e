#!/bin/sh
# One-command setup on Debian 12 (as root, or with sudo available):
#   sh scripts/bootstrap.sh example   install what is missing, build, audit examples/jobs-service
#   sh scripts/bootstrap.sh check     install what is missing, build, run the whole test suite
# Safe to run again: it installs only missing packages and rebuilds incrementally.
set -eu

mode=${1:-example}
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"

packages="build-essential autoconf automake pkg-config git tmux groff-base
libncurses-dev libgit2-dev libcjson-dev libpcre2-dev"
# the test suite also validates SARIF (jsonschema + a packaged schema from
# npm) and renders the HTML report in headless Chromium
[ "$mode" = check ] && packages="$packages python3 python3-jsonschema chromium"
[ "$mode" = check ] && ! command -v npm >/dev/null 2>&1 && packages="$packages npm"

missing=""
for p in $packages; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" || missing="$missing $p"
done
if [ -n "$missing" ]; then
	echo "bootstrap: installing$missing"
	sudo=""
	[ "$(id -u)" -eq 0 ] || sudo="sudo"
	export DEBIAN_FRONTEND=noninteractive
	$sudo apt-get update -qq
	# shellcheck disable=SC2086
	$sudo apt-get install -y -qq --no-install-recommends $missing >/dev/null
fi

# build out of tree in build/ (the source tree stays clean)
build() { # dir configure-args...
	dir=$1
	shift
	if [ ! -x configure ] || [ configure.ac -nt configure ] || [ Makefile.am -nt Makefile.in ]; then
		autoreconf -fi
	fi
	mkdir -p "$dir"
	if [ ! -f "$dir/Makefile" ]; then
		(cd "$dir" && ../configure -q "$@")
	fi
	echo "bootstrap: building in $dir/ (a minute or two on 2 cores)"
	make -C "$dir" -j"$(nproc)" >/dev/null
}

# The SARIF 2.1.0 JSON schema ships in the npm package @microsoft/jest-sarif;
# unpack just that file (setup time only, never at build or run time).
sarif_schema=/opt/ppaudit-test/package/lib/schemas/sarif-2.1.0-rtm.5.json
install_schema() {
	[ -f "$sarif_schema" ] && return 0
	mkdir -p /opt/ppaudit-test
	(cd /opt/ppaudit-test &&
		npm pack --silent @microsoft/jest-sarif@1.0.0-beta.0 >/dev/null &&
		tar xzf microsoft-jest-sarif-1.0.0-beta.0.tgz package/lib/schemas/sarif-2.1.0-rtm.5.json &&
		rm -f microsoft-jest-sarif-1.0.0-beta.0.tgz)
}

case "$mode" in
example)
	build build --enable-werror
	echo "bootstrap: auditing examples/jobs-service"
	# the live screen on a terminal, the plain summary otherwise
	build/ppaudit examples/jobs-service
	;;
check)
	install_schema
	export PPAUDIT_SARIF_SCHEMA="$sarif_schema" PPAUDIT_REQUIRE_TEST_DEPS=1
	build build --enable-werror
	status=0
	echo "bootstrap: running the test suite in build/ (a few minutes)"
	make -C build -j"$(nproc)" check || status=1
	echo "bootstrap: sanitizer build (AddressSanitizer + UndefinedBehaviorSanitizer)"
	build build-asan --enable-sanitizers
	ASAN_OPTIONS=detect_leaks=1 make -C build-asan -j"$(nproc)" check || status=1
	pass=0 fail=0
	for log in build/test-suite.log build-asan/test-suite.log; do
		[ -f "$log" ] || continue
		p=$(sed -n 's/^# PASS: *//p' "$log" | head -n1)
		f=$(sed -n 's/^# FAIL: *//p' "$log" | head -n1)
		e=$(sed -n 's/^# ERROR: *//p' "$log" | head -n1)
		pass=$((pass + ${p:-0}))
		fail=$((fail + ${f:-0} + ${e:-0}))
	done
	[ $status -eq 0 ] || [ $fail -gt 0 ] || fail=1
	echo "tests: $pass passed, $fail failed"
	exit $status
	;;
*)
	echo "usage: sh scripts/bootstrap.sh example|check" >&2
	exit 2
	;;
esac
