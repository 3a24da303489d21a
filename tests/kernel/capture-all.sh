#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only OR MIT
#
# Capture fixtures: boot the Debian 6.1 and 6.12 kernels under QEMU/TCG on
# every topology of tests/kernel/topologies.py and write
# OUTDIR/<topology>-<kernel>/ trees (format: fixtures/sysfs-snapshots/README.md).
#
# usage: tests/kernel/capture-all.sh [--only NAME]... [--kernel 6.1|6.12]
#                                    [-j JOBS] [--logdir DIR] OUTDIR
# Installs nothing; needs qemu-system-x86_64, /bin/busybox (busybox-static),
# python3 and the kernels under /boot (see tests/kernel/README.md).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
for tool in qemu-system-x86_64 timeout python3; do
	command -v "$tool" >/dev/null || { echo "capture-all: $tool not found" >&2; exit 2; }
done
[ -x /bin/busybox ] || { echo "capture-all: /bin/busybox (busybox-static) not found" >&2; exit 2; }
exec python3 "$here/harness.py" capture "$@"
