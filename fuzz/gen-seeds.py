#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only OR MIT
"""gen-seeds.py FIXTURES OUT [MAX]: seed corpora for the fuzz targets from
the captured sysfs trees (fixtures/sysfs-snapshots): OUT/core, OUT/tree
(each fixture encoded in the target's input format, see README.md),
OUT/dump ("lspci -xxxx" of the fixture through libpci, when lspci is
there) and OUT/cmdline (each fixture's proc/cmdline).  MAX limits the
number of fixtures (smallest first)."""
import os
import shutil
import struct
import subprocess
import sys

KV_CORE = {"6.1": 5, "6.12": 8}
KV_CMD = {"6.1": 4, "6.12": 7}


def bdf(name):
    try:
        d, b, rest = name.split(":")
        s, f = rest.split(".")
        return int(d, 16), int(b, 16), int(s, 16) << 3 | int(f, 16)
    except ValueError:
        return None


def load(fx, limit):
    devdir = os.path.join(fx, "sys/bus/pci/devices")
    devs = []
    for n in os.listdir(devdir):
        if bdf(n) is None:
            continue
        rp = os.path.realpath(os.path.join(devdir, n))
        devs.append((rp, n))
    devs.sort()
    devs = devs[:limit]
    idx = {rp: i for i, (rp, n) in enumerate(devs)}
    out = []
    for rp, n in devs:
        d, b, df = bdf(n)
        parent, vmd, nested = None, None, False
        up = os.path.dirname(rp)
        if os.path.basename(up).startswith("pci"):
            nested = True
            owner = os.path.dirname(up)
            if owner in idx:
                vmd = idx[owner]
        elif up in idx:
            parent = idx[up]
        pf = None
        if os.path.islink(os.path.join(rp, "physfn")):
            pf = idx.get(os.path.realpath(os.path.join(rp, "physfn")))
        grp = None
        if os.path.islink(os.path.join(rp, "iommu_group")):
            g = os.path.basename(os.readlink(os.path.join(rp, "iommu_group")))
            grp = int(g) if g.isdigit() else None
        with open(os.path.join(rp, "config"), "rb") as f:
            cfg = f.read()[:4096]
        out.append(dict(d=d, b=b, df=df, parent=parent, vmd=vmd, pf=pf,
                        grp=grp, cfg=cfg, name=n, nested=nested))
    return out


def text(fx, name, n=255):
    try:
        with open(os.path.join(fx, name), "rb") as f:
            return f.read()[:n]
    except OSError:
        return b""


def kver(fx):
    return "6.12" if fx.endswith("6.12") else "6.1"


def dom(x):
    if x == 0:
        return b"\0"
    if x == 0x10000:
        return b"\1"
    return b"\3" + struct.pack("<I", x)


def core_seed(fx):
    devs = load(fx, 24)
    amd = os.path.basename(fx).startswith("amd")
    cl = bytes(c for c in text(fx, "proc/cmdline").strip() if c < 0x80)
    s = bytes([len(devs) - 1, KV_CORE[kver(fx)], 2 if amd else 1, 0, 0,
               len(cl)]) + cl
    for d in devs:
        s += dom(d["d"]) + bytes([d["b"], d["df"]])
        s += bytes([0xff if d["parent"] is None else d["parent"]])
        s += bytes([0 if d["pf"] is None else 0x80 | d["pf"]])
        s += bytes([0 if d["vmd"] is None else 0x80 | d["vmd"]])
        s += b"\xff" + struct.pack("<H", len(d["cfg"])) + d["cfg"]
        s += bytes([0x81 if d["pf"] is not None else 0,
                    4 if len(d["cfg"]) in (256, 4096) else 0, 0])
    return s + bytes([0, 0, 0, 1])


def tree_seed(fx):
    devs = load(fx, 12)
    amd = os.path.basename(fx).startswith("amd")
    ver = text(fx, "proc/version")
    cl = text(fx, "proc/cmdline")
    s = bytes([1 | 2 | (16 if amd else 8), 1, len(ver)]) + ver
    s += bytes([len(cl)]) + cl + bytes([len(devs)])
    for d in devs:
        s += (b"\1" if d["d"] == 0x10000 else b"\0") + bytes([d["b"], d["df"]])
        if d["vmd"] is not None:
            par = 0x80 | d["vmd"]
        elif d["parent"] is not None:
            par = d["parent"]
        else:
            par = 0xff
        links = (4 | 64 if d["grp"] is not None else 0) | \
            (16 if d["pf"] is not None else 0)
        s += bytes([par, 0, links, (d["grp"] or 0) & 0xff, d["pf"] or 0])
        s += b"\xff" + struct.pack("<H", len(d["cfg"])) + d["cfg"]
    return s


def main():
    fixtures, out = sys.argv[1], sys.argv[2]
    limit = int(sys.argv[3]) if len(sys.argv) > 3 else 1000
    fxs = [os.path.join(fixtures, f) for f in sorted(os.listdir(fixtures))
           if os.path.isdir(os.path.join(fixtures, f, "sys"))]
    fxs.sort(key=lambda f: len(os.listdir(os.path.join(f, "sys/bus/pci/devices"))))
    fxs = fxs[:limit]
    for t in ("core", "tree", "dump", "cmdline"):
        os.makedirs(os.path.join(out, t), exist_ok=True)
    lspci = shutil.which("lspci")
    for fx in fxs:
        name = os.path.basename(fx)
        with open(os.path.join(out, "core", name), "wb") as f:
            f.write(core_seed(fx))
        with open(os.path.join(out, "tree", name), "wb") as f:
            f.write(tree_seed(fx))
        with open(os.path.join(out, "cmdline", name), "wb") as f:
            f.write(bytes([KV_CMD[kver(fx)],
                           1 if not name.startswith("amd") else 2]) +
                    text(fx, "proc/cmdline", 4096).strip())
        if lspci:
            r = subprocess.run([lspci, "-xxxx", "-A", "linux-sysfs", "-O",
                                "sysfs.path=" + os.path.join(fx, "sys/bus/pci")],
                               capture_output=True, check=False)
            # at most 8 devices: the reader is slow on long dumps
            blocks = r.stdout.split(b"\n\n")[:8]
            with open(os.path.join(out, "dump", name), "wb") as f:
                f.write(b"\n\n".join(blocks) + b"\n")


if __name__ == "__main__":
    main()
