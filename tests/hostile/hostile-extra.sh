#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only OR MIT
#
# hostile-extra.sh PREDICT MAKE_TREES: hostile inputs beyond
# tests/cli/hostile.sh, as lspci dumps (mkdump.py): a parent cycle made of
# bridge bus numbers, a duplicate address, a bridge whose secondary bus is
# its own bus.  Each must end in a clear error or an uncertain answer.
p=$(realpath "$1")
here=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fails=0
cd "$tmp" || exit 1
for c in cycle duplicate self-bridge; do
	python3 "$here/mkdump.py" "$c" || exit 1
done
"$p" --lspci-dump cycle.dump --kernel 6.1.0 --iommu=intel >out 2>err
rc=$?
# a cycle needs a bridge whose secondary bus is not above its own bus: that
# bridge's numbers are ignored with a message, and the answer is uncertain
if [ "$rc" -eq 3 ] && grep -q "which is not above its own bus" err; then echo "ok: parent cycle broken, named, uncertain, exit 3"
else echo "FAIL: parent cycle: exit $rc"; cat err; fails=$((fails + 1)); fi
"$p" --lspci-dump duplicate.dump --kernel 6.1.0 --iommu=intel >out 2>err
rc=$?
if [ "$rc" -eq 2 ] && grep -q "appears twice" err; then echo "ok: duplicate address, exit 2"
else echo "FAIL: duplicate address: exit $rc"; fails=$((fails + 1)); fi
# a bridge whose secondary bus is its own bus: its bus numbers are ignored
# with a message naming it, and the answer is marked uncertain (exit 3)
"$p" --lspci-dump self-bridge.dump --kernel 6.1.0 --iommu=intel >out 2>err
rc=$?
if [ "$rc" -eq 3 ] && grep -q "bridge 0000:00:01.0 claims bus 00 as its secondary bus" err; then
	echo "ok: self-bridge: bus numbers ignored, uncertain, exit 3"
else echo "FAIL: self-bridge: exit $rc"; cat err; fails=$((fails + 1)); fi
# malformed dump lines are refused before libpci's parser sees them: a
# negative or oversized offset, bytes past 4096, a control character
for bad in "-1: ff" "fffff: 00" "ff0: 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00" "00: 8\0380"; do
	printf '00:00.0 Host bridge: x\n%s\n' "$bad" >bad.dump
	"$p" --lspci-dump bad.dump --kernel 6.1.0 --iommu=intel >out 2>err
	rc=$?
	if [ "$rc" -eq 2 ] && grep -q "line 2 is not a line" err; then
		echo "ok: malformed dump line refused: $bad"
	else
		echo "FAIL: malformed dump line '$bad': exit $rc"; cat err
		fails=$((fails + 1))
	fi
done
exit $fails
