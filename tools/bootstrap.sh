#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only OR MIT
#
# bootstrap.sh - one command from a fresh Debian 12 machine.
#
#   sh tools/bootstrap.sh run    install what is missing, build, and predict
#                                this host's IOMMU groups
#   sh tools/bootstrap.sh test   install what is missing (including QEMU and
#                                the two Debian kernels), build, and run the
#                                whole test suite
#
# Needs root (or sudo) for apt-get.  Exit status: that of the job.
set -eu

cd "$(dirname "$0")/.."
mode=${1:-run}

SUDO=
if [ "$(id -u)" -ne 0 ]; then
	SUDO=sudo
fi

BUILD_PKGS="build-essential meson ninja-build pkg-config libcmocka-dev \
libpci-dev libudev-dev libjson-c-dev pciutils pci.ids"
TEST_PKGS="clang-tidy clang libclang-rt-14-dev valgrind time python3 python3-jsonschema umockdev graphviz \
qemu-system-x86 busybox-static cpio xz-utils sparse \
linux-image-amd64 linux-headers-amd64"

# The newest Debian 12 6.12 kernel and its headers (names carry the version).
kernel612() {
	v=$(apt-cache search --names-only \
		'^linux-image-6\.12\.[0-9]+\+deb12-amd64-unsigned$' 2>/dev/null |
		awk '{ print $1 }' | sed 's/^linux-image-//; s/-unsigned$//' |
		sort -V | tail -n 1)
	[ -n "$v" ] && echo "linux-image-$v-unsigned linux-headers-$v"
}

install() {
	missing=
	for p in "$@"; do
		dpkg-query -W -f='${Status}' "$p" 2>/dev/null |
			grep -q "install ok installed" || missing="$missing $p"
	done
	if [ -n "$missing" ]; then
		echo "bootstrap: installing$missing" >&2
		$SUDO apt-get update -qq >&2
		DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq \
			--no-install-recommends $missing >&2
	fi
}

build() {
	if [ ! -d build ]; then
		meson setup build -Dwerror=true >&2
	fi
	ninja -C build >&2
}

case "$mode" in
run)
	install $BUILD_PKGS
	build
	if [ -x build/cli/iommugroup-predict ]; then
		exec build/cli/iommugroup-predict
	fi
	exec build/iommugroup-selftest
	;;
test)
	install $BUILD_PKGS $TEST_PKGS
	k=$(kernel612 || true)
	if [ -z "$k" ]; then
		$SUDO apt-get update -qq >&2
		k=$(kernel612 || true)
	fi
	[ -n "$k" ] && install $k
	build
	status=0
	meson test -C build --print-errorlogs --num-processes 2 || status=$?
	# One closing line that any reader understands.
	python3 - build/meson-logs/testlog.json <<'PY'
import json, sys
ok = bad = skip = 0
for line in open(sys.argv[1]):
    r = json.loads(line)["result"]
    if r in ("OK", "EXPECTEDFAIL"):
        ok += 1
    elif r == "SKIP":
        skip += 1
    else:
        bad += 1
print(f"{ok} passed, {bad} failed, {skip} skipped")
PY
	exit $status
	;;
*)
	echo "usage: sh tools/bootstrap.sh run|test" >&2
	exit 2
	;;
esac
