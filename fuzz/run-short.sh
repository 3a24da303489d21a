#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only OR MIT
#
# run-short.sh [SECONDS] [BUILDDIR]: build the fuzz targets with clang and
# -fsanitize=fuzzer,address,undefined in BUILDDIR (default: a temporary
# directory), seed them from fuzz/corpus and fixtures/sysfs-snapshots
# (gen-seeds.py) and run each for SECONDS (default 20) with libFuzzer.
# Exit 0 when no target crashed, 1 when one did (the reproducer is kept in
# BUILDDIR/<target>/ and named on stderr), 77 (skip) without clang or
# libFuzzer.  Environment: FUZZ_TARGETS (default "core cmdline tree dump"),
# FUZZ_JOBS (parallel targets, default 1).
set -u
here=$(cd "$(dirname "$0")" && pwd)
src=$(dirname "$here")
secs=${1:-20}
out=${2:-}
CC=${CLANG:-clang}
targets=${FUZZ_TARGETS:-core cmdline tree dump}

command -v "$CC" >/dev/null 2>&1 || { echo "no clang: skipped"; exit 77; }
if [ -z "$out" ]; then
	out=$(mktemp -d)
	trap 'rm -rf "$out"' EXIT
fi
mkdir -p "$out"
echo 'int LLVMFuzzerTestOneInput(const char *d, unsigned long n) { return 0; }' > "$out/probe.c"
"$CC" -fsanitize=fuzzer "$out/probe.c" -o "$out/probe" 2>/dev/null ||
	{ echo "clang has no libFuzzer (apt-get install libclang-rt-14-dev): skipped"; exit 77; }
pkg-config --exists libpci libudev || { echo "no libpci/libudev: skipped"; exit 77; }

flags="-g -O1 -std=gnu11 -I$src/include -I$src/lib -I$src/provider -I$here
	-fsanitize=address,undefined -fno-sanitize-recover=all"
core=$(ls "$src"/lib/*.c)
prov=$(ls "$src"/provider/*.c)
pcflags=$(pkg-config --cflags --libs libpci libudev)
for t in $targets; do
	case $t in
	core|cmdline) extra="" libs="" ;;
	*) extra="$here/fzio.c $prov" libs=$pcflags ;;
	esac
	# shellcheck disable=SC2086
	"$CC" $flags -fsanitize=fuzzer -o "$out/fuzz_$t" "$here/fuzz_$t.c" \
		"$here/fz.c" $extra $core $libs || { echo "build of fuzz_$t failed"; exit 1; }
done
python3 "$here/gen-seeds.py" "$src/fixtures/sysfs-snapshots" "$out/seeds" 24 ||
	echo "gen-seeds.py failed: committed seeds only"

status=0
for t in $targets; do
	mkdir -p "$out/$t/corpus"
	log=$out/$t/log
	(cd "$out/$t" && ASAN_OPTIONS=detect_leaks=1 "$out/fuzz_$t" -max_total_time="$secs" \
		-timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
		-artifact_prefix="$out/$t/" corpus "$here/corpus/$t" \
		"$out/seeds/$t" >"$log" 2>&1)
	rc=$?
	runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")
	cov=$(grep -o 'cov: [0-9]*' "$log" | tail -1)
	echo "fuzz_$t: exit $rc, ${runs:-?} executions, ${cov:-cov: ?}"
	if [ "$rc" -ne 0 ]; then
		status=1
		grep -E 'invariant broken|ERROR|SUMMARY' "$log" | head -5
		ls "$out/$t"/crash-* "$out/$t"/leak-* "$out/$t"/timeout-* 2>/dev/null
		[ -n "${2:-}" ] || tail -40 "$log"
	fi
done
exit $status
