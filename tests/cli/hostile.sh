#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only OR MIT
#
# hostile.sh PREDICT MAKE_TREES: build the hostile trees
# (fixtures/hostile/make-trees.sh) and check what the CLI does with each:
# the exit status, and the message that names the device and the file.
. "$(dirname "$0")/lib.sh"
p=$1
"$2" "$tmp/t" || { fail "make-trees.sh"; finish; }
T=$tmp/t

expect_rc 0 "$p" -r "$T/ok" --check && pass "ok: --check identical"

expect_rc 1 "$p" -r "$T/renumbered" --check &&
	expect_in "$tmp/out" "0000:00:03.0: predicted group 3, kernel group 4" &&
	pass "renumbered: numbers differ, exit 1"

expect_rc 1 "$p" -r "$T/merged" --check &&
	expect_in "$tmp/out" "the partition differs" &&
	pass "merged: partition differs, exit 1"

expect_rc 3 "$p" -r "$T/short-config" --check &&
	expect_in "$tmp/err" "0000:00:03.0" &&
	expect_in "$tmp/err" "uncertain groups: 3" &&
	pass "short-config: uncertain, exit 3"
expect_rc 3 "$p" -r "$T/short-config" --explain 00:03.0 &&
	expect_in "$tmp/out" "only 64 bytes of config space" &&
	pass "short-config: --explain says 64 bytes"

expect_rc 3 "$p" -r "$T/no-config" --check &&
	expect_in "$tmp/err" "0000:00:03.0: cannot open $T/no-config/sys/devices/pci0000:00/0000:00:03.0/config" &&
	pass "no-config: names device and file, exit 3"

expect_rc 3 "$p" -r "$T/dead-config" &&
	pass "dead-config: all-ones config, exit 3"
expect_rc 3 "$p" -r "$T/dead-config" --explain 00:04.0 &&
	expect_in "$tmp/out" "the device is gone" &&
	pass "dead-config: --explain says gone"

expect_rc 3 "$p" -r "$T/dangling" --check &&
	expect_in "$tmp/err" "0000:00:04.0" &&
	expect_in "$tmp/err" "$T/dangling/sys/bus/pci/devices/0000:00:04.0" &&
	pass "dangling: names device and link, exit 3"

expect_rc 0 "$p" -r "$T/no-irq" --check && pass "no-irq: still read"

expect_rc 0 "$p" -r "$T/rejected" --check && pass "rejected: check identical"
expect_rc 0 "$p" -r "$T/rejected" --explain 00:05.0 &&
	expect_in "$tmp/out" "0000:00:05.0: no group" &&
	expect_in "$tmp/out" "its IOMMU rejected it" &&
	pass "rejected: --explain says rejected"

expect_rc 0 "$p" -r "$T/platform-first" --check &&
	expect_in "$tmp/out" "MSFT0201:00" &&
	pass "platform-first: numbers start after the ACPI device's group"

expect_rc 0 "$p" -r "$T/sriov" --check &&
	pass "sriov: VFs numbered after every boot device"
expect_rc 0 "$p" -r "$T/sriov" --explain 00:06.1 &&
	expect_in "$tmp/out" "added after boot (SR-IOV VF of 0000:00:03.0)" &&
	pass "sriov: --explain says VF"

expect_rc 0 "$p" -r "$T/vmd" --check && pass "vmd: domain 10000"
expect_rc 0 "$p" -r "$T/vmd" &&
	expect_in "$tmp/out" "	10000:e0:00.0 Mass storage controller" &&
	expect_in "$tmp/out" "	0000:00:00.0 Host bridge" &&
	pass "vmd: domains printed like lspci"

expect_rc 0 "$p" -r "$T/cap-loop" --check && pass "cap-loop: terminates"

expect_rc 2 "$p" -r "$T/no-version" &&
	expect_in "$tmp/err" "give --kernel" &&
	pass "no-version: asks for --kernel, exit 2"
expect_rc 0 "$p" -r "$T/no-version" --kernel 6.1.192 --check &&
	pass "no-version: --kernel given"

expect_rc 3 "$p" -r "$T/no-iommu-info" &&
	expect_in "$tmp/err" "assuming intel" &&
	pass "no-iommu-info: guessed, uncertain, exit 3"
expect_rc 0 "$p" -r "$T/no-iommu-info" --iommu=intel &&
	expect_in "$tmp/err" "ACS source: firmware values" &&
	pass "no-iommu-info: --iommu given, simulated ACS"

expect_rc 2 "$p" -r "$T/empty" --check && pass "empty: nothing to check, exit 2"
expect_rc 0 "$p" -r "$T/empty" --iommu=intel && [ ! -s "$tmp/out" ] &&
	pass "empty: no output"

expect_rc 2 "$p" -r "$T/not-a-tree" &&
	expect_in "$tmp/err" "$T/not-a-tree/sys/bus/pci/devices" &&
	pass "not-a-tree: exit 2"

expect_rc 2 "$p" -r "$T/ok" --format yaml && pass "bad --format: exit 2"
expect_rc 2 "$p" -r "$T/ok" --acs-override=upstream && pass "bad --acs-override: exit 2"
expect_rc 2 "$p" -r "$T/ok" --kernel six && pass "bad --kernel: exit 2"
expect_rc 2 "$p" frobnicate && pass "unknown command: exit 2"

# what-if on a live tree: the note about the ACS Control registers
expect_rc 0 "$p" -r "$T/ok" --kernel 6.12.107 --acs-override=downstream &&
	expect_in "$tmp/err" "already hold what the running kernel wrote" &&
	pass "what-if on live: note"
# an override appends the parameter to the command line (JSON input)
expect_rc 0 "$p" -r "$T/ok" --acs-override=downstream,id:8086:0d57 -f json &&
	expect_in "$tmp/out" "pcie_acs_override=downstream,id:8086:0d57" &&
	expect_in "$tmp/out" '"override_position": "end"' &&
	pass "--acs-override: on the command line, position end"
expect_rc 0 "$p" -r "$T/ok" --acs-override=downstream --override-position=proxmox -f json &&
	expect_in "$tmp/out" '"override_position": "proxmox"' &&
	pass "--override-position=proxmox"
# switching the IOMMU off on the command line leaves no group
expect_rc 0 "$p" -r "$T/ok" --append-cmdline "intel_iommu=off" &&
	[ ! -s "$tmp/out" ] && pass "intel_iommu=off: no groups"

# dot output is a graph with one cluster per group
expect_rc 0 "$p" -r "$T/sriov" -f dot &&
	[ "$(grep -c 'subgraph "cluster_group_' "$tmp/out")" -eq 9 ] &&
	expect_in "$tmp/out" '"0000:00:03.0" -> "0000:00:06.1" [style=dotted' &&
	pass "dot: clusters and VF edges"
if command -v dot >/dev/null 2>&1; then
	dot -Tsvg "$tmp/out" >/dev/null && pass "dot: Graphviz accepts it" ||
		fail "dot: Graphviz rejects the output"
fi
finish
