#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only OR MIT
#
# which.sh PREDICT RECORDING: "which TARGET" through libudev against a
# recorded device tree (umockdev-record of a QEMU guest: six virtio PCI
# functions, eth0 on 00:03.0, vda on 00:02.0), run under umockdev-run.
. "$(dirname "$0")/lib.sh"
p=$1
rec=$2
if ! command -v umockdev-run >/dev/null 2>&1; then
	echo "umockdev-run not installed (Debian: umockdev)" >&2
	exit 77
fi
# deterministic target: no dependence on the test host's kernel
opts="--iommu=intel --kernel 6.1.192 --cmdline intel_iommu=on"
run() { umockdev-run --device "$rec" -- "$p" $opts "$@"; }

expect_rc 0 run which eth0 &&
	expect_in "$tmp/out" "eth0: eth0 (net) <- virtio2 (virtio) <- 0000:00:03.0 (pci)" &&
	expect_in "$tmp/out" "	00:03.0 Ethernet controller [0200]: Red Hat, Inc. Virtio 1.0 network device [1af4:1041] (rev 01)" &&
	pass "which eth0 (net interface)"

expect_rc 0 run which /dev/vda &&
	expect_in "$tmp/out" "/dev/vda: vda (block) <- virtio1 (virtio) <- 0000:00:02.0 (pci)" &&
	expect_in "$tmp/out" "IOMMU Group 2:" &&
	pass "which /dev/vda (block node)"

expect_rc 0 run which /sys/devices/pci0000:00/0000:00:03.0/virtio2 &&
	expect_in "$tmp/out" "0000:00:03.0 (pci)" &&
	pass "which /sys/... (sysfs path)"

expect_rc 0 run which 0000:00:05.0 &&
	expect_in "$tmp/out" "IOMMU Group 5:" &&
	pass "which a PCI address"

expect_rc 2 run which nosuchthing0 &&
	expect_in "$tmp/err" "nosuchthing0: no such device known to udev" &&
	pass "which: unknown target, exit 2"
finish
