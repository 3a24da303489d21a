#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only OR MIT
#
# check-fixtures.sh PREDICT FIXTURES_DIR: run "--check" on every captured
# tree under FIXTURES_DIR (found now, so new fixtures are picked up); every
# one must agree with the kernel's groups, numbers included (exit 0).
# Fails when there is no fixture at all.
. "$(dirname "$0")/lib.sh"
predict=$1
dir=$2
n=0
for t in "$dir"/*/; do
	t=${t%/}
	[ -d "$t/sys/bus/pci/devices" ] || continue
	n=$((n + 1))
	if expect_rc 0 "$predict" --root "$t" --check; then
		pass "$(basename "$t")"
	else
		echo "  (--check on $(basename "$t"))" >&2
	fi
done
[ "$n" -gt 0 ] || fail "no fixture under $dir"
finish
