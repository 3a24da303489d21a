#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only OR MIT
"""gen-tree.py OUT [NRP] [NVF]: write a sysfs tree in the fixture format
(fixtures/sysfs-snapshots/README.md) with NRP (default 24) ACS root ports
on bus 00, each with an SR-IOV physical function and NVF (default 210)
virtual functions below it: 1 + NRP * (2 + NVF) functions (5,089 by
default), one kernel group per function in sys/kernel/iommu_groups, so
that lspci, the Arch wiki script (with OUT/sys bind-mounted on /sys) and
iommugroup-predict all read the same tree."""
import os
import sys


def cfg(ven, dev, cls, hdr, ptype, acs=False, sec=0, pri=0):
    c = bytearray(4096)
    c[0:4] = ven.to_bytes(2, "little") + dev.to_bytes(2, "little")
    c[6] = 0x10
    c[9:12] = (cls << 8).to_bytes(3, "little")
    c[0x0e] = hdr
    if hdr == 1:
        c[0x18], c[0x19], c[0x1a] = pri, sec, sec
    c[0x34] = 0x40
    c[0x40], c[0x42], c[0x43] = 0x10, ptype << 4 | 2, 0
    if acs:
        c[0x100:0x104] = (0x000d | 1 << 16).to_bytes(4, "little")
        c[0x104:0x106] = (0x5f).to_bytes(2, "little")
        c[0x106:0x108] = (0x1d).to_bytes(2, "little")
    return bytes(c)


def main():
    out = sys.argv[1]
    nrp = int(sys.argv[2]) if len(sys.argv) > 2 else 24
    nvf = int(sys.argv[3]) if len(sys.argv) > 3 else 210
    sysd = os.path.join(out, "sys")
    for d in ("bus/pci/devices", "bus/pci/drivers", "kernel/iommu_groups",
              "class/iommu/dmar0", "devices/pci0000:00"):
        os.makedirs(os.path.join(sysd, d), exist_ok=True)
    os.makedirs(os.path.join(out, "proc"), exist_ok=True)
    with open(os.path.join(out, "proc/version"), "w") as f:
        f.write("Linux version 6.12.107+deb12-amd64 (debian-kernel@lists.debian.org) #1 SMP PREEMPT_DYNAMIC Debian 6.12.107-1~deb12u1\n")
    with open(os.path.join(out, "proc/cmdline"), "w") as f:
        f.write("console=ttyS0 intel_iommu=on\n")
    group = [0]

    def dev(parent_rel, name, c, physfn=None):
        rel = parent_rel + "/" + name
        d = os.path.join(sysd, "devices", rel)
        os.makedirs(d)
        with open(os.path.join(d, "config"), "wb") as f:
            f.write(c)
        attrs = {"vendor": "0x%04x" % (c[0] | c[1] << 8),
                 "device": "0x%04x" % (c[2] | c[3] << 8),
                 "class": "0x%06x" % (c[11] << 16 | c[10] << 8 | c[9]),
                 "revision": "0x00", "subsystem_vendor": "0x1af4",
                 "subsystem_device": "0x1100", "irq": "0",
                 "resource": "0x0000000000000000 0x0000000000000000 0x0000000000000000"}
        for k, v in attrs.items():
            with open(os.path.join(d, k), "w") as f:
                f.write(v + "\n")
        depth = rel.count("/") + 1
        os.symlink("../../../devices/" + rel,
                   os.path.join(sysd, "bus/pci/devices", name))
        g = group[0]
        group[0] += 1
        gd = os.path.join(sysd, "kernel/iommu_groups", str(g), "devices")
        os.makedirs(gd)
        os.symlink("../../../../devices/" + rel, os.path.join(gd, name))
        os.symlink("../" * (depth + 1) + "kernel/iommu_groups/%d" % g,
                   os.path.join(d, "iommu_group"))
        if physfn:
            os.symlink("../" + physfn, os.path.join(d, "physfn"))
        return rel

    root = "pci0000:00"
    dev(root, "0000:00:00.0", cfg(0x8086, 0x29c0, 0x0600, 0, 0, False))
    for r in range(nrp):
        bus = r + 1
        slot, fn = 1 + r // 8, r % 8
        rp = dev(root, "0000:00:%02x.%d" % (slot, fn),
                 cfg(0x1b36, 0x000c, 0x0604, 1 | (0x80 if fn == 0 else 0), 4,
                     True, sec=bus))
        pfname = "0000:%02x:00.0" % bus
        dev(rp, pfname, cfg(0x8086, 0x10ca if False else 0x1521, 0x0200, 0x80, 0, True))
        for v in range(1, nvf + 1):
            dev(rp, "0000:%02x:%02x.%d" % (bus, v >> 3, v & 7),
                cfg(0x8086, 0x1520, 0x0200, 0, 0, True), physfn=pfname)
    print(group[0])


if __name__ == "__main__":
    main()
