#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only OR MIT
#
# Regeneration check: re-capture every committed fixture under
# fixtures/sysfs-snapshots/ into a temporary directory and compare the
# IOMMU group answer (members of every sys/kernel/iommu_groups/N, i.e.
# partition and numbers), the device list (sysfs paths) and every device's
# config bytes with the committed tree. Prints "ok NAME" or
# "DIFF NAME: ..." per fixture and ends with "N passed, M failed";
# exits non-zero on any failure.
#
# usage: tests/kernel/regen-check.sh [--only TOPOLOGY|FIXTURE]...
#                                    [--kernel 6.1|6.12] [-j JOBS] [--keep DIR]
# Kernels are found as /boot/vmlinuz-6.1.0-*-amd64 and /boot/vmlinuz-6.12.*;
# fixtures of a missing kernel are skipped with a message. Installs nothing.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
for tool in qemu-system-x86_64 timeout python3; do
	command -v "$tool" >/dev/null || { echo "regen-check: $tool not found; install the packages listed in tests/kernel/README.md" >&2; exit 2; }
done
[ -x /bin/busybox ] || { echo "regen-check: /bin/busybox (busybox-static) not found" >&2; exit 2; }
exec python3 "$here/harness.py" regen "$@"
