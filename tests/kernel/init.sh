#!/bin/busybox sh
# SPDX-License-Identifier: GPL-2.0-only OR MIT
#
# /init of the capture initramfs (see tests/kernel/README.md).
# Mounts proc/sysfs/devtmpfs, optionally loads modules and creates SR-IOV
# VFs (settings in /etc/capture.conf, appended per topology by the host),
# copies the PCI part of sysfs plus the IOMMU groups (and the DMAR/IVRS
# tables) into /out and prints
# it as tar|gzip|base64 between two marker lines on the console, then
# powers off.

/bin/busybox mkdir -p /proc /sys /dev /out /tmp /sbin /usr/bin /usr/sbin
/bin/busybox --install -s
export PATH=/bin:/sbin:/usr/bin:/usr/sbin
mount -t proc proc /proc
mount -t sysfs sysfs /sys
mount -t devtmpfs devtmpfs /dev 2>/dev/null
# keep kernel messages off the console while we print the archive
dmesg -n 1

MODULES=
SRIOV=
SRIOV_DRIVER=
[ -f /etc/capture.conf ] && . /etc/capture.conf

for m in $MODULES; do
	insmod "/lib/modules/$m.ko" || echo "IOG-WARN: insmod $m failed"
done

for spec in $SRIOV; do
	bdf=${spec%%=*}
	n=${spec#*=}
	d=/sys/bus/pci/devices/$bdf
	if [ "$SRIOV_DRIVER" = pci-pf-stub ]; then
		# bind only this PF to pci-pf-stub (generic sriov_configure)
		echo pci-pf-stub > "$d/driver_override"
		echo "$bdf" > /sys/bus/pci/drivers_probe
	fi
	i=0
	while [ ! -e "$d/driver" ] && [ $i -lt 200 ]; do sleep 0.1; i=$((i + 1)); done
	# VFs have no resources until the PF's admin brings them online; do not
	# let the nvme driver try to probe them (slow timeouts).
	[ -e "$d/sriov_drivers_autoprobe" ] && echo 0 > "$d/sriov_drivers_autoprobe"
	echo "$n" > "$d/sriov_numvfs" || echo "IOG-WARN: sriov_numvfs=$n on $bdf failed"
	i=0
	while [ "$(ls -d "$d"/virtfn* 2>/dev/null | wc -l)" -lt "$n" ] && [ $i -lt 100 ]; do
		sleep 0.1; i=$((i + 1))
	done
done

read -r up _ < /proc/uptime; echo "IOG-TIME start-copy $up"
O=/out
mount -t tmpfs tmpfs $O
mkdir -p $O/sys/bus/pci/devices $O/sys/kernel/iommu_groups $O/proc

# Few forks per device: under TCG every fork costs milliseconds. busybox
# "cp -P" copies regular sysfs files by content and symlinks as symlinks
# with their (relative) target text unchanged.
for l in /sys/bus/pci/devices/*; do
	[ -L "$l" ] || continue
	b=${l##*/}
	cp -P "$l" "$O/sys/bus/pci/devices/$b"
	t=$(readlink "$l")
	rel=${t#../../../}
	d=/sys/$rel
	o=$O/sys/$rel
	set --
	for a in config vendor device class revision subsystem_vendor \
		subsystem_device irq resource sriov_numvfs sriov_totalvfs; do
		[ -f "$d/$a" ] && set -- "$@" "$d/$a"
	done
	for a in "$d"/driver "$d"/iommu_group "$d"/physfn "$d"/virtfn*; do
		[ -L "$a" ] && set -- "$@" "$a"
	done
	mkdir -p "$o"
	cp -P "$@" "$o/"
done

for g in /sys/kernel/iommu_groups/*; do
	[ -d "$g" ] || continue
	n=${g##*/}
	mkdir -p "$O/sys/kernel/iommu_groups/$n/devices"
	cp "$g/type" "$O/sys/kernel/iommu_groups/$n/" 2>/dev/null
	cp -P "$g"/devices/* "$O/sys/kernel/iommu_groups/$n/devices/"
done

# every symlink target must exist inside the tree (driver dirs, non-PCI
# group members)
find $O -type l | while read -r l; do
	[ -e "$l" ] || mkdir -p "${l%/*}/$(readlink "$l")"
done

cat /proc/cmdline > $O/proc/cmdline
cat /proc/version > $O/proc/version
dmesg > $O/dmesg
# the firmware's IOMMU tables as the kernel read them (QEMU builds a DMAR
# table for intel-iommu, an IVRS table for amd-iommu)
for t in DMAR IVRS; do
	[ -f /sys/firmware/acpi/tables/$t ] || continue
	mkdir -p $O/sys/firmware/acpi/tables
	cat /sys/firmware/acpi/tables/$t > $O/sys/firmware/acpi/tables/$t
done

read -r up _ < /proc/uptime; echo "IOG-TIME start-print $up"
echo "===IOG-BEGIN==="
tar -c -C $O -f - . | gzip -9 | base64
echo "===IOG-END==="
read -r up _ < /proc/uptime; echo "IOG-TIME end $up"
poweroff -f
