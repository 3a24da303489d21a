#!/bin/busybox sh
# SPDX-License-Identifier: GPL-2.0-only
#
# /init of the guest initramfs of tests/shim/run-qemu.sh.
# Optionally loads the nvme driver and creates SR-IOV VFs (settings in
# /etc/igk.conf), then loads iommugroup.ko, reads its debugfs files twice,
# unloads it, prints the kernel log between marker lines and powers off.

/bin/busybox mkdir -p /proc /sys /dev /tmp /sbin /usr/bin /usr/sbin
/bin/busybox --install -s
export PATH=/bin:/sbin:/usr/bin:/usr/sbin
mount -t proc proc /proc
mount -t sysfs sysfs /sys
mount -t devtmpfs devtmpfs /dev 2>/dev/null
mount -t debugfs debugfs /sys/kernel/debug
dmesg -n 1

MODULES=
SRIOV=
[ -f /etc/igk.conf ] && . /etc/igk.conf

for m in $MODULES; do
	insmod "/lib/modules/$m.ko" || echo "IGK-WARN: insmod $m failed"
done
for spec in $SRIOV; do
	bdf=${spec%%=*}
	n=${spec#*=}
	d=/sys/bus/pci/devices/$bdf
	i=0
	while [ ! -e "$d/driver" ] && [ $i -lt 200 ]; do sleep 0.1; i=$((i + 1)); done
	[ -e "$d/sriov_drivers_autoprobe" ] && echo 0 > "$d/sriov_drivers_autoprobe"
	echo "$n" > "$d/sriov_numvfs" || echo "IGK-WARN: sriov_numvfs=$n on $bdf failed"
	i=0
	while [ "$(ls -d "$d"/virtfn* 2>/dev/null | wc -l)" -lt "$n" ] && [ $i -lt 100 ]; do
		sleep 0.1; i=$((i + 1))
	done
done

echo
echo "igk-test: load begins" > /dev/kmsg
insmod /iommugroup.ko
echo "IGK-INSMOD-RC=$?"
echo "===IGK-CHECK==="
cat /sys/kernel/debug/iommugroup/check
echo "===IGK-CHECK2==="
cat /sys/kernel/debug/iommugroup/check
echo "===IGK-PREDICTED==="
cat /sys/kernel/debug/iommugroup/predicted
echo "===IGK-GROUPS==="
for l in /sys/bus/pci/devices/*; do
	g=
	[ -L "$l/iommu_group" ] && g=$(readlink "$l/iommu_group")
	echo "${l##*/} ${g##*/}"
done
rmmod iommugroup
echo "IGK-RMMOD-RC=$?"
echo "igk-test: unload done" > /dev/kmsg
echo "===IGK-DMESG==="
dmesg
echo "===IGK-END==="
poweroff -f
