#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only OR MIT
"""Predict every captured fixture as if the host had been booted with the
IOMMU off: reset each ACS Control register to the firmware value (QEMU's
firmware leaves it at 0) and let the core simulate the target kernel's
pci_enable_acs() and command line (--iommu-off-host).  The prediction must
still equal the kernel's own groups, numbers included.

Usage: simulate-fixtures.py IOMMUGROUP-PREDICT SNAPSHOT-DIR"""
import os
import shutil
import subprocess
import sys
import tempfile


def reset_acs_ctrl(path):
    with open(path, "rb") as f:
        cfg = bytearray(f.read())
    if len(cfg) <= 256:
        return 0
    pos, ttl, n = 0x100, 480, 0
    while ttl > 0 and 0x100 <= pos <= len(cfg) - 8:
        hdr = int.from_bytes(cfg[pos:pos + 4], "little")
        if hdr in (0, 0xFFFFFFFF):
            break
        if hdr & 0xFFFF == 0x000D:
            cfg[pos + 6] = cfg[pos + 7] = 0
            n += 1
        pos = (hdr >> 20) & 0xFFC
        ttl -= 1
    if n:
        with open(path, "wb") as f:
            f.write(cfg)
    return n


def main():
    predict, snaps = sys.argv[1], sys.argv[2]
    names = sorted(d for d in os.listdir(snaps)
                   if os.path.isdir(os.path.join(snaps, d)))
    if not names:
        print("no fixtures in", snaps)
        return 1
    ok = bad = 0
    for name in names:
        with tempfile.TemporaryDirectory() as tmp:
            root = os.path.join(tmp, name)
            shutil.copytree(os.path.join(snaps, name), root, symlinks=True)
            resets = 0
            for dirpath, _, files in os.walk(os.path.join(root, "sys", "devices")):
                if "config" in files:
                    resets += reset_acs_ctrl(os.path.join(dirpath, "config"))
            r = subprocess.run([predict, "--root", root, "--check",
                                "--iommu-off-host"],
                               capture_output=True, text=True)
            if r.returncode == 0:
                ok += 1
                print(f"ok {name} ({resets} ACS Control registers reset)")
            else:
                bad += 1
                print(f"DIFF {name} (exit {r.returncode})")
                print(r.stdout + r.stderr)
    print(f"{ok} passed, {bad} failed")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
