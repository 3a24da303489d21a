#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# Kernel-shim test: build shim/kmod (iommugroup.ko) against the headers of
# Debian's 6.1 and 6.12 kernels, boot each kernel under QEMU (TCG) on a set
# of PCI topologies with an emulated IOMMU, load the module in the guest and
# check that it reports 0 mismatches between the library's prediction and
# the kernel's own IOMMU groups, and that the kernel logged no WARNING, BUG
# or Call Trace while the module was loaded and unloaded.
#
# Usage: tests/shim/run-qemu.sh [-j N] [-k 6.1|6.12] [-t TOPOLOGY]... [-l]
#   -j N   parallel guests (default: number of CPUs, at most 2)
#   -k K   only this kernel series (repeatable)
#   -t T   only this topology (repeatable); -l lists them
# Environment: IGK_KEEP=DIR keeps every guest log and initramfs in DIR.
#
# Installs nothing.  Needs: qemu-system-x86, busybox-static, cpio, xz-utils,
# make, gcc, the linux-image and linux-headers packages of the kernels, and
# sparse for the C=1 build (without it the build runs W=1 only).  A kernel
# whose image or headers are missing is skipped with a message.
# Ends with the line "N passed, M failed"; exits non-zero on any failure.

set -u
HERE=$(cd "$(dirname "$0")" && pwd)
REPO=$(cd "$HERE/../.." && pwd)

JOBS=$(nproc 2>/dev/null || echo 1)
[ "$JOBS" -gt 2 ] && JOBS=2
KSEL=()
TSEL=()
LIST=0
while getopts "j:k:t:lh" opt; do
	case $opt in
	j) JOBS=$OPTARG ;;
	k) KSEL+=("$OPTARG") ;;
	t) TSEL+=("$OPTARG") ;;
	l) LIST=1 ;;
	*) sed -n '2,/^$/s/^# \{0,1\}//p' "$0"; exit 2 ;;
	esac
done

# ---------------------------------------------------------------- topologies
# A topology: "T name iommu sriov params" then "D qemu-device" lines.
#   iommu:  intel, amd, or off (no IOMMU device, no iommu= parameter)
#   sriov:  BDF=numvfs of an nvme PF to enable, or -
#   params: extra kernel parameters, or -
TOPOLOGIES=$(cat <<'EOF'
T rp-acs-mix intel - -
D pcie-root-port,id=rp1,bus=pcie.0,addr=2.0,chassis=1
D virtio-net-pci,bus=rp1,addr=0.0,romfile=
D ioh3420,id=rp2,bus=pcie.0,addr=3.0,chassis=2,slot=2
D virtio-net-pci,bus=rp2,addr=0.0,romfile=
D pcie-root-port,id=rp3,bus=pcie.0,addr=4.0,chassis=3
D e1000e,bus=rp3,addr=0.0,romfile=
D ioh3420,id=rp4,bus=pcie.0,addr=5.0,chassis=4,slot=4
D e1000e,bus=rp4,addr=0.0,romfile=
T rp-mf-slot-mixed intel - -
D pcie-root-port,id=rp0,bus=pcie.0,addr=1c.0,chassis=1,multifunction=on
D ioh3420,id=rp1,bus=pcie.0,addr=1c.1,chassis=2,slot=2
D pcie-root-port,id=rp2,bus=pcie.0,addr=1c.2,chassis=3
D ioh3420,id=rp3,bus=pcie.0,addr=1c.3,chassis=4,slot=4
D ioh3420,id=rp4,bus=pcie.0,addr=1d.0,chassis=5,slot=5,multifunction=on
D ioh3420,id=rp5,bus=pcie.0,addr=1d.1,chassis=6,slot=6
D virtio-net-pci,bus=rp0,addr=0.0,romfile=
D virtio-net-pci,bus=rp1,addr=0.0,romfile=
D e1000e,bus=rp2,addr=0.0,romfile=
D e1000e,bus=rp3,addr=0.0,romfile=
D virtio-rng-pci,bus=rp4,addr=0.0
D virtio-rng-pci,bus=rp5,addr=0.0
T switch-acs intel - -
D pcie-root-port,id=rp1,bus=pcie.0,addr=2.0,chassis=1
D x3130-upstream,id=up1,bus=rp1
D xio3130-downstream,id=dn1,bus=up1,addr=0.0,chassis=2,slot=0
D xio3130-downstream,id=dn2,bus=up1,addr=1.0,chassis=3,slot=0
D xio3130-downstream,id=dn3,bus=up1,addr=2.0,chassis=4,slot=0
D virtio-net-pci,bus=dn1,addr=0.0,romfile=
D e1000e,bus=dn2,addr=0.0,romfile=
D nvme,bus=dn3,addr=0.0,serial=sw3
T switch-noacs-rp-nested intel - -
D ioh3420,id=rp1,bus=pcie.0,addr=2.0,chassis=1,slot=1
D x3130-upstream,id=up1,bus=rp1
D xio3130-downstream,id=dn1,bus=up1,addr=0.0,chassis=2,slot=0
D xio3130-downstream,id=dn2,bus=up1,addr=1.0,chassis=3,slot=0
D virtio-net-pci,bus=dn1,addr=0.0,romfile=
D e1000e,bus=dn2,addr=0.0,romfile=
D pcie-root-port,id=rp2,bus=pcie.0,addr=3.0,chassis=4
D x3130-upstream,id=upA,bus=rp2
D xio3130-downstream,id=dA0,bus=upA,addr=0.0,chassis=5,slot=0
D xio3130-downstream,id=dA1,bus=upA,addr=1.0,chassis=6,slot=0
D x3130-upstream,id=upB,bus=dA0
D xio3130-downstream,id=dB0,bus=upB,addr=0.0,chassis=7,slot=0
D xio3130-downstream,id=dB1,bus=upB,addr=1.0,chassis=8,slot=0
D virtio-net-pci,bus=dB0,addr=0.0,romfile=
D e1000e,bus=dB1,addr=0.0,romfile=
D virtio-rng-pci,bus=dA1,addr=0.0
T pcie-pci-bridge-e1000 intel - -
D pcie-root-port,id=rp1,bus=pcie.0,addr=2.0,chassis=1
D pcie-pci-bridge,id=pb1,bus=rp1,addr=0.0
D e1000,bus=pb1,addr=1.0,romfile=
D e1000,bus=pb1,addr=2.0,romfile=
D pci-bridge,id=pb2,bus=pb1,addr=3.0,chassis_nr=11
D e1000,bus=pb2,addr=1.0,romfile=
D pcie-pci-bridge,id=pb3,bus=pcie.0,addr=6.0
D e1000,bus=pb3,addr=1.0,romfile=
D pcie-root-port,id=rp2,bus=pcie.0,addr=3.0,chassis=2
D virtio-net-pci,bus=rp2,addr=0.0,romfile=
T dmi-pci-bridge intel - -
D i82801b11-bridge,id=dmi,bus=pcie.0,addr=1e.0
D e1000,bus=dmi,addr=1.0,romfile=
D e1000,bus=dmi,addr=2.0,romfile=
D pci-bridge,id=pb1,bus=dmi,addr=3.0,chassis_nr=21
D e1000,bus=pb1,addr=1.0,romfile=
D pci-bridge,id=pb2,bus=pcie.0,addr=5.0,chassis_nr=22
D virtio-rng-pci,bus=pb2,addr=1.0
T mf-endpoints intel - -
D e1000e,bus=pcie.0,addr=3.0,multifunction=on,romfile=
D e1000e,bus=pcie.0,addr=3.1,romfile=
D e1000e,bus=pcie.0,addr=3.2,romfile=
D virtio-rng-pci,bus=pcie.0,addr=4.0,multifunction=on
D virtio-rng-pci,bus=pcie.0,addr=4.1
D virtio-rng-pci,bus=pcie.0,addr=4.2
D pcie-root-port,id=rp1,bus=pcie.0,addr=2.0,chassis=1
D e1000e,bus=rp1,addr=0.0,multifunction=on,romfile=
D e1000e,bus=rp1,addr=0.1,romfile=
D e1000e,bus=rp1,addr=0.2,romfile=
D ioh3420,id=rp2,bus=pcie.0,addr=5.0,chassis=2,slot=2
D virtio-net-pci,bus=rp2,addr=0.0,multifunction=on,romfile=
D virtio-net-pci,bus=rp2,addr=0.1,romfile=
T usb-companions intel - -
D ich9-usb-ehci1,id=ehci1,bus=pcie.0,addr=1d.7,multifunction=on
D ich9-usb-uhci1,id=u1,bus=pcie.0,addr=1d.0,multifunction=on,masterbus=ehci1.0,firstport=0
D ich9-usb-uhci2,id=u2,bus=pcie.0,addr=1d.1,masterbus=ehci1.0,firstport=2
D ich9-usb-uhci3,id=u3,bus=pcie.0,addr=1d.2,masterbus=ehci1.0,firstport=4
D pcie-root-port,id=rp1,bus=pcie.0,addr=2.0,chassis=1
D ich9-usb-ehci1,id=ehci2,bus=rp1,addr=0.7,multifunction=on
D ich9-usb-uhci1,id=v1,bus=rp1,addr=0.0,multifunction=on,masterbus=ehci2.0,firstport=0
D ich9-usb-uhci2,id=v2,bus=rp1,addr=0.1,masterbus=ehci2.0,firstport=2
T nvme-virtio intel - -
D nvme,bus=pcie.0,addr=3.0,serial=nvroot
D pcie-root-port,id=rp1,bus=pcie.0,addr=2.0,chassis=1
D nvme,bus=rp1,addr=0.0,serial=nvrp
D ioh3420,id=rp2,bus=pcie.0,addr=4.0,chassis=2,slot=2
D nvme,bus=rp2,addr=0.0,serial=nvioh
D virtio-net-pci,bus=pcie.0,addr=5.0,romfile=
D virtio-balloon-pci,bus=pcie.0,addr=6.0
D virtio-serial-pci,bus=pcie.0,addr=7.0
T param-disable-acs-redir intel - pci=disable_acs_redir=0000:00:02.0
D pcie-root-port,id=rp1,bus=pcie.0,addr=2.0,chassis=1
D virtio-net-pci,bus=rp1,addr=0.0,romfile=
D pcie-root-port,id=rp2,bus=pcie.0,addr=3.0,chassis=2
D virtio-net-pci,bus=rp2,addr=0.0,romfile=
T sriov-nvme intel 0000:01:00.0=3 -
D pcie-root-port,id=rp1,bus=pcie.0,addr=2.0,chassis=1
D nvme-subsys,id=ns0,nqn=subsys0
D nvme,bus=rp1,addr=0.0,serial=pf1,subsys=ns0,sriov_max_vfs=3,sriov_vq_flexible=8,sriov_vi_flexible=4,max_ioqpairs=12,msix_qsize=32
D pcie-root-port,id=rp2,bus=pcie.0,addr=3.0,chassis=2
D virtio-net-pci,bus=rp2,addr=0.0,romfile=
T amd-rp-switch amd - -
D pcie-root-port,id=rp1,bus=pcie.0,addr=2.0,chassis=1
D x3130-upstream,id=up1,bus=rp1
D xio3130-downstream,id=dn1,bus=up1,addr=0.0,chassis=2,slot=0
D xio3130-downstream,id=dn2,bus=up1,addr=1.0,chassis=3,slot=0
D virtio-net-pci,bus=dn1,addr=0.0,romfile=
D virtio-rng-pci,bus=dn2,addr=0.0
D ioh3420,id=rp2,bus=pcie.0,addr=3.0,chassis=4,slot=4
D virtio-net-pci,bus=rp2,addr=0.0,romfile=
D pcie-root-port,id=m0,bus=pcie.0,addr=1c.0,chassis=5,multifunction=on
D ioh3420,id=m1,bus=pcie.0,addr=1c.1,chassis=6,slot=6
D e1000e,bus=m0,addr=0.0,romfile=
D e1000e,bus=m1,addr=0.0,romfile=
T amd-mf-usb-bridge amd - -
D e1000e,bus=pcie.0,addr=3.0,multifunction=on,romfile=
D e1000e,bus=pcie.0,addr=3.1,romfile=
D virtio-rng-pci,bus=pcie.0,addr=4.0,multifunction=on
D virtio-rng-pci,bus=pcie.0,addr=4.1
D ich9-usb-ehci1,id=ehci1,bus=pcie.0,addr=1d.7,multifunction=on
D ich9-usb-uhci1,id=u1,bus=pcie.0,addr=1d.0,multifunction=on,masterbus=ehci1.0,firstport=0
D ich9-usb-uhci2,id=u2,bus=pcie.0,addr=1d.1,masterbus=ehci1.0,firstport=2
D pcie-root-port,id=rp1,bus=pcie.0,addr=2.0,chassis=1
D pcie-pci-bridge,id=ppb,bus=rp1,addr=0.0
D e1000,bus=ppb,addr=1.0,romfile=
D e1000,bus=ppb,addr=2.0,romfile=
D nvme,bus=pcie.0,addr=5.0,serial=amdnv
T iommu-off off - -
D pcie-root-port,id=rp1,bus=pcie.0,addr=2.0,chassis=1
D virtio-net-pci,bus=rp1,addr=0.0,romfile=
D ioh3420,id=rp2,bus=pcie.0,addr=3.0,chassis=2,slot=2
D e1000e,bus=rp2,addr=0.0,romfile=
EOF
)

topo_names() { printf '%s\n' "$TOPOLOGIES" | awk '$1 == "T" { print $2 }'; }
topo_field() { printf '%s\n' "$TOPOLOGIES" | awk -v n="$1" -v f="$2" '$1 == "T" && $2 == n { print $f }'; }
topo_devices() {
	printf '%s\n' "$TOPOLOGIES" | awk -v n="$1" '
		$1 == "T" { on = ($2 == n); next }
		on && $1 == "D" { print $2 }'
}

if [ "$LIST" = 1 ]; then
	topo_names
	exit 0
fi

# ---------------------------------------------------------------- kernels
# Print the newest installed version of a series ("6.1" or "6.12").
kernel_version() {
	local pat
	case $1 in
	6.1) pat='/boot/vmlinuz-6.1.0-*-amd64' ;;
	6.12) pat='/boot/vmlinuz-6.12.*-amd64' ;;
	*) return 1 ;;
	esac
	# shellcheck disable=SC2086
	ls -1 $pat 2>/dev/null | sed 's|^/boot/vmlinuz-||' | sort -V | tail -n 1
}

headers_dir() {
	local v=$1
	if [ -f "/usr/src/linux-headers-$v/Makefile" ]; then
		echo "/usr/src/linux-headers-$v"
	elif [ -f "/lib/modules/$v/build/Makefile" ]; then
		echo "/lib/modules/$v/build"
	fi
}

PASS=0
FAIL=0
SKIP=0
RUN_SERIES=()
pass() { PASS=$((PASS + 1)); echo "PASS $*"; }
fail() { FAIL=$((FAIL + 1)); echo "FAIL $*"; }
finish() {
	echo "$PASS passed, $FAIL failed"
	[ "$FAIL" -eq 0 ]
	exit $?
}

missing=
for tool in qemu-system-x86_64 cpio make gcc xz; do
	command -v "$tool" >/dev/null 2>&1 || missing="$missing $tool"
done
BUSYBOX=/bin/busybox
[ -x "$BUSYBOX" ] || missing="$missing busybox-static"
if [ -n "$missing" ]; then
	echo "SKIP: missing tools:$missing (install qemu-system-x86 busybox-static cpio xz-utils make gcc)"
	finish
fi
if command -v sparse >/dev/null 2>&1; then
	SPARSE="C=1"
else
	SPARSE=
	echo "NOTE: sparse not installed: building with W=1 only"
fi

WORK=$(mktemp -d /tmp/igk-qemu.XXXXXX)
cleanup() {
	local j
	for j in $(jobs -p); do kill "$j" 2>/dev/null; done
	rm -rf "$WORK"
}
trap cleanup EXIT

[ ${#KSEL[@]} -eq 0 ] && KSEL=(6.1 6.12)
[ ${#TSEL[@]} -eq 0 ] && mapfile -t TSEL < <(topo_names)
for t in "${TSEL[@]}"; do
	if ! topo_names | grep -qx -- "$t"; then
		echo "unknown topology: $t (-l lists them)"
		exit 2
	fi
done

NVME_MODULES="kernel/crypto/crct10dif_common kernel/crypto/crct10dif_generic
kernel/lib/crc-t10dif kernel/lib/crc64 kernel/lib/crc64-rocksoft
kernel/crypto/crc64_rocksoft_generic kernel/block/t10-pi
kernel/drivers/nvme/common/nvme-keyring kernel/drivers/nvme/common/nvme-auth
kernel/drivers/nvme/host/nvme-core kernel/drivers/nvme/host/nvme"

# build_kernel SERIES VERSION HEADERS: build the module in a copy of the
# sources and a base initramfs tree in $WORK/$SERIES.
build_kernel() {
	local s=$1 v=$2 kdir=$3 d="$WORK/$1" out rel m f
	mkdir -p "$d/src/shim" "$d/root"
	cp -r "$REPO/lib" "$REPO/include" "$d/src/"
	cp -r "$REPO/shim/kmod" "$d/src/shim/"
	make -C "$d/src/shim/kmod" clean >/dev/null 2>&1 || true
	out=$(make -C "$d/src/shim/kmod" KDIR="$kdir" W=1 $SPARSE 2>&1)
	if [ $? -ne 0 ] || [ ! -f "$d/src/shim/kmod/iommugroup.ko" ]; then
		printf '%s\n' "$out" | tail -n 30
		fail "build $s ($v): make failed"
		return 1
	fi
	# W=1 and sparse must be silent: any "warning:"/"error:" fails
	if printf '%s\n' "$out" | grep -E 'warning:|error:' >/dev/null; then
		printf '%s\n' "$out" | grep -E 'warning:|error:'
		fail "build $s ($v): W=1${SPARSE:+/sparse} diagnostics"
		return 1
	fi
	pass "build $s ($v) W=1${SPARSE:+ C=1}"

	# base initramfs tree
	(cd "$d/root" && mkdir -p bin sbin dev proc sys tmp etc usr/bin usr/sbin lib/modules)
	mknod "$d/root/dev/console" c 5 1 2>/dev/null
	mknod "$d/root/dev/null" c 1 3 2>/dev/null
	cp "$BUSYBOX" "$d/root/bin/busybox"
	cp "$HERE/init.sh" "$d/root/init"
	chmod 755 "$d/root/init" "$d/root/bin/busybox"
	cp "$d/src/shim/kmod/iommugroup.ko" "$d/root/iommugroup.ko"
	NVME_LIST=
	for rel in $NVME_MODULES; do
		f="/lib/modules/$v/$rel"
		m=${rel##*/}
		if [ -f "$f.ko" ]; then
			cp "$f.ko" "$d/root/lib/modules/$m.ko"
		elif [ -f "$f.ko.xz" ]; then
			xz -dc "$f.ko.xz" > "$d/root/lib/modules/$m.ko"
		elif [ -f "$f.ko.zst" ] && command -v zstd >/dev/null 2>&1; then
			zstd -qdc "$f.ko.zst" > "$d/root/lib/modules/$m.ko"
		else
			continue
		fi
		NVME_LIST="$NVME_LIST $m"
	done
	echo "$NVME_LIST" > "$d/nvme-modules"
	return 0
}

# run_one SERIES VERSION TOPOLOGY: boot, write $WORK/$SERIES/$TOPO.log
run_one() {
	local s=$1 v=$2 t=$3 d="$WORK/$1" iommu sriov params append try
	local -a args
	iommu=$(topo_field "$t" 3)
	sriov=$(topo_field "$t" 4)
	params=$(topo_field "$t" 5)
	mkdir -p "$d/rt-$t"
	cp -a "$d/root/." "$d/rt-$t/"
	{
		if [ "$sriov" != "-" ]; then
			echo "MODULES='$(cat "$d/nvme-modules")'"
			echo "SRIOV='$sriov'"
		fi
	} > "$d/rt-$t/etc/igk.conf"
	(cd "$d/rt-$t" && find . | cpio -o -H newc --quiet) > "$d/$t.cpio"
	rm -rf "$d/rt-$t"

	# no_timer_check: under a loaded host TCG can fail the IO-APIC timer
	# check ("timer doesn't work through Interrupt-remapped IO-APIC")
	append="console=ttyS0 quiet panic=-1 no_timer_check"
	args=(-accel tcg -machine q35 -m 512 -nographic -no-reboot -net none
	      -vga none -kernel "/boot/vmlinuz-$v" -initrd "$d/$t.cpio")
	case $iommu in
	intel) args+=(-device intel-iommu); append="$append intel_iommu=on" ;;
	amd) args+=(-device amd-iommu); append="$append amd_iommu=on" ;;
	esac
	[ "$params" != "-" ] && append="$append $params"
	while IFS= read -r dev; do
		args+=(-device "$dev")
	done < <(topo_devices "$t")
	args+=(-append "$append")
	# A guest that dies before the module is loaded (a TCG boot hiccup)
	# is booted once more; one that reached insmod is never retried.
	for try in 1 2; do
		timeout 240 qemu-system-x86_64 "${args[@]}" < /dev/null > "$d/$t.log" 2>&1
		echo "QEMU-RC=$?" >> "$d/$t.log"
		grep -q 'IGK-INSMOD-RC=' "$d/$t.log" && break
		[ "$try" = 1 ] && cp "$d/$t.log" "$d/$t.try1.log"
	done
	rm -f "$d/$t.cpio"
}

# section LOG NAME: the lines between ===IGK-NAME=== and the next marker
section() {
	tr -d '\r' < "$1" | awk -v m="===IGK-$2===" '
		$0 == m { on = 1; next }
		/^===IGK-[A-Z0-9]+===$/ { on = 0 }
		on { print }'
}

# check_one SERIES VERSION TOPOLOGY: judge the log
check_one() {
	local s=$1 v=$2 t=$3 log="$WORK/$1/$3.log" iommu dm sum sum_dbg sum2
	local why= bad
	iommu=$(topo_field "$t" 3)
	[ -f "$WORK/$1/$3.try1.log" ] &&
		echo "NOTE $s $t: first boot did not reach the module; booted again"
	if ! grep -q '^===IGK-END===' "$log"; then
		tail -n 20 "$log"
		fail "$s $t: guest did not finish ($(grep QEMU-RC "$log"))"
		return
	fi
	# kernel log without timestamps
	dm=$(section "$log" DMESG | sed 's/^\[ *[0-9.]*\] //')
	grep -q 'IGK-INSMOD-RC=0' "$log" || why="$why insmod failed;"
	grep -q 'IGK-RMMOD-RC=0' "$log" || why="$why rmmod failed;"
	printf '%s\n' "$dm" | grep -q '^iommugroup: self-test passed' ||
		why="$why self-test did not pass;"
	# warnings while the module was loaded or unloaded
	bad=$(printf '%s\n' "$dm" |
		awk '/igk-test: load begins/ { on = 1 } on { print }
		     /igk-test: unload done/ { on = 0 }' |
		grep -E 'WARNING|BUG|Call Trace|Oops|general protection|UBSAN|KASAN|list_del corruption|refcount_t|sleeping function|lockdep|possible circular')
	[ -n "$bad" ] && why="$why kernel warnings during load/unload;"
	if [ "$iommu" = off ]; then
		sum=$(printf '%s\n' "$dm" | grep -E '^iommugroup: IOMMU off in this kernel' | head -n 1)
		[ -n "$sum" ] || why="$why no IOMMU-off report;"
		printf '%s\n' "$dm" | grep -q '^iommugroup: checked ' &&
			why="$why compared although the IOMMU is off;"
	else
		sum=$(printf '%s\n' "$dm" | grep -E '^iommugroup: checked [0-9]+ devices in [0-9]+ groups: [0-9]+ mismatches$')
		if [ "$(printf '%s\n' "$sum" | grep -c .)" -ne 1 ]; then
			why="$why not exactly one summary line;"
		else
			case $sum in
			*": 0 mismatches") ;;
			*) why="$why mismatches;" ;;
			esac
			case $sum in
			*"checked 0 devices"* | *" in 0 groups"*) why="$why nothing checked;" ;;
			esac
			sum_dbg=$(section "$log" CHECK | grep '^iommugroup: checked ')
			sum2=$(section "$log" CHECK2 | grep '^iommugroup: checked ')
			[ "$sum_dbg" = "$sum" ] && [ "$sum2" = "$sum" ] ||
				why="$why debugfs check differs from the log;"
		fi
		section "$log" PREDICTED | grep -q '^iommugroup: group [0-9]' ||
			why="$why predicted file empty;"
	fi
	if [ -n "$why" ]; then
		printf '%s\n' "$dm" | grep '^iommugroup: mismatch' | head -n 40
		[ -n "$bad" ] && printf '%s\n' "$bad" | head -n 20
		fail "$s $t:$why ${sum:-no summary}"
		if [ -z "${IGK_KEEP:-}" ]; then
			echo "---- guest log ($t on $s) ----"
			tr -d '\r' < "$log" | sed -n '/^===IGK-CHECK===/,$p' | head -n 200
			echo "----"
		fi
	else
		pass "$s $t: $sum"
	fi
}

for s in "${KSEL[@]}"; do
	v=$(kernel_version "$s")
	if [ -z "$v" ]; then
		echo "SKIP: kernel $s: no /boot/vmlinuz for it (install its linux-image package)"
		SKIP=$((SKIP + 1))
		continue
	fi
	kdir=$(headers_dir "$v")
	if [ -z "$kdir" ]; then
		echo "SKIP: kernel $s ($v): headers missing (install linux-headers-$v)"
		SKIP=$((SKIP + 1))
		continue
	fi
	if [ ! -r "/boot/vmlinuz-$v" ]; then
		echo "SKIP: kernel $s ($v): /boot/vmlinuz-$v not readable"
		SKIP=$((SKIP + 1))
		continue
	fi
	build_kernel "$s" "$v" "$kdir" || continue
	echo "$v" > "$WORK/$s.version"
	RUN_SERIES+=("$s")
done

# boot all (series, topology) pairs, $JOBS at a time
start=$(date +%s)
for s in "${RUN_SERIES[@]}"; do
	v=$(cat "$WORK/$s.version")
	for t in "${TSEL[@]}"; do
		while [ "$(jobs -rp | wc -l)" -ge "$JOBS" ]; do
			wait -n
		done
		run_one "$s" "$v" "$t" &
	done
done
wait
for s in "${RUN_SERIES[@]}"; do
	v=$(cat "$WORK/$s.version")
	for t in "${TSEL[@]}"; do
		check_one "$s" "$v" "$t"
	done
done
echo "guests took $(($(date +%s) - start)) s"
if [ -n "${IGK_KEEP:-}" ]; then
	mkdir -p "$IGK_KEEP"
	for s in "${RUN_SERIES[@]}"; do
		mkdir -p "$IGK_KEEP/$s"
		cp "$WORK/$s"/*.log "$IGK_KEEP/$s/" 2>/dev/null
	done
	echo "logs kept in $IGK_KEEP"
fi
[ "$SKIP" -gt 0 ] && echo "$SKIP kernel(s) skipped"
finish
