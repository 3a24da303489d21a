# SPDX-License-Identifier: GPL-2.0-only OR MIT
"""mkdump.py CASE: write CASE.dump, a small hostile "lspci -xxxx" dump."""
import sys
def cfg(ven, dev, cls, hdr, sec=0, pri=0, n=256):
    c = bytearray(n)
    c[0:2] = ven.to_bytes(2,'little'); c[2:4] = dev.to_bytes(2,'little')
    c[9:12] = (cls << 8).to_bytes(3,'little'); c[0x0e] = hdr
    if hdr & 0x7f == 1:
        c[0x18] = pri; c[0x19] = sec; c[0x1a] = sec
    return c
def dump(devs):
    out = []
    for name, c in devs:
        out.append(name + " Device")
        for o in range(0, len(c), 16):
            out.append("%02x: " % o + " ".join("%02x" % b for b in c[o:o+16]))
        out.append("")
    return "\n".join(out) + "\n"
cases = {
 "self-bridge": [("00:00.0", cfg(0x8086,0x29c0,0x0600,0)), ("00:01.0", cfg(0x1b36,1,0x0604,1,sec=0)), ("00:02.0", cfg(0x8086,0x100e,0x0200,0))],
 "cycle": [("00:00.0", cfg(0x8086,0x29c0,0x0600,0)), ("01:00.0", cfg(0x1b36,1,0x0604,1,sec=2,pri=2)), ("02:00.0", cfg(0x1b36,1,0x0604,1,sec=1,pri=1))],
 "duplicate": [("00:00.0", cfg(0x8086,0x29c0,0x0600,0)), ("00:02.0", cfg(0x8086,0x100e,0x0200,0)), ("00:02.0", cfg(0x8086,0x100e,0x0200,0))],
}
open(sys.argv[1] + ".dump", "w").write(dump(cases[sys.argv[1]]))
