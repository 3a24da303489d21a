#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only OR MIT
"""Boot Debian kernels under QEMU/TCG on emulated PCI topologies and capture
the guest's PCI sysfs tree plus its IOMMU groups as a fixture directory.

Subcommands (see tests/kernel/README.md):
  capture [--only NAME ...] [--kernel 6.1|6.12] [-j N] OUTDIR
  regen   [--fixtures DIR] [--only NAME ...] [--kernel K] [-j N] [--keep DIR]
  list
Only the Python standard library is used.
"""

import argparse
import base64
import concurrent.futures
import glob
import gzip
import io
import os
import re
import shutil
import stat
import subprocess
import sys
import tarfile
import tempfile
import threading
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
sys.dont_write_bytecode = True
import topologies  # noqa: E402

REPO = os.path.dirname(os.path.dirname(HERE))
DEFAULT_FIXTURES = os.path.join(REPO, "fixtures", "sysfs-snapshots")
BUSYBOX = "/bin/busybox"
QEMU = "qemu-system-x86_64"
BEGIN = "===IOG-BEGIN==="
END = "===IOG-END==="

# Modules loaded for SR-IOV (nvme) topologies, in load order. Missing ones
# are skipped; the list is the union needed by 6.1 and 6.12.
NVME_MODULES = [
    "kernel/crypto/crct10dif_common",
    "kernel/crypto/crct10dif_generic",
    "kernel/lib/crc-t10dif",
    "kernel/lib/crc64",
    "kernel/lib/crc64-rocksoft",
    "kernel/crypto/crc64_rocksoft_generic",
    "kernel/block/t10-pi",
    "kernel/drivers/nvme/common/nvme-keyring",
    "kernel/drivers/nvme/common/nvme-auth",
    "kernel/drivers/nvme/host/nvme-core",
    "kernel/drivers/nvme/host/nvme",
]

# Alternative PF driver: the generic pci-pf-stub (bound with driver_override).
PF_STUB_MODULES = ["kernel/drivers/pci/pci-pf-stub"]


# ---------------------------------------------------------------- kernels
def find_kernel(kver):
    """Return (vmlinuz, module_dir) for kernel series '6.1' or '6.12', or None."""
    if kver == "6.1":
        pats = ["/boot/vmlinuz-6.1.0-*-amd64"]
    elif kver == "6.12":
        pats = ["/boot/vmlinuz-6.12.*"]
    else:
        raise ValueError(kver)
    cands = []
    for p in pats:
        cands += glob.glob(p)
    cands = [c for c in cands if c.endswith("-amd64")]
    if not cands:
        return None

    def vkey(path):
        return [int(x) if x.isdigit() else x for x in re.split(r"[.+-]", path)]

    vml = sorted(cands, key=vkey)[-1]
    ver = os.path.basename(vml)[len("vmlinuz-"):]
    return vml, "/lib/modules/" + ver


# ---------------------------------------------------------------- initramfs
class Cpio:
    """Minimal newc cpio writer."""

    def __init__(self):
        self.buf = io.BytesIO()
        self.ino = 1

    def _hdr(self, name, mode, size, rmaj=0, rmin=0, nlink=1):
        name_b = name.encode() + b"\0"
        fields = [self.ino, mode, 0, 0, nlink, 0, size, 0, 0, rmaj, rmin,
                  len(name_b), 0]
        self.ino += 1
        h = b"070701" + b"".join(b"%08X" % f for f in fields)
        self.buf.write(h + name_b)
        self._pad()

    def _pad(self):
        while self.buf.tell() % 4:
            self.buf.write(b"\0")

    def dir(self, name):
        self._hdr(name, stat.S_IFDIR | 0o755, 0, nlink=2)

    def file(self, name, data, mode=0o644):
        self._hdr(name, stat.S_IFREG | mode, len(data))
        self.buf.write(data)
        self._pad()

    def chardev(self, name, major, minor):
        self._hdr(name, stat.S_IFCHR | 0o600, 0, major, minor)

    def finish(self):
        self._hdr("TRAILER!!!", 0, 0)
        while self.buf.tell() % 512:
            self.buf.write(b"\0")
        return self.buf.getvalue()


def load_module(moddir, rel):
    for ext, dec in ((".ko", None), (".ko.xz", "xz"), (".ko.zst", "zstd")):
        p = os.path.join(moddir, rel + ext)
        if os.path.exists(p):
            if dec is None:
                with open(p, "rb") as f:
                    return f.read()
            if dec == "xz":
                import lzma
                with open(p, "rb") as f:
                    return lzma.decompress(f.read())
            return subprocess.run(["zstd", "-dc", p], check=True,
                                  stdout=subprocess.PIPE).stdout
    return None


_base_cache = {}
_base_lock = threading.Lock()


def build_initramfs(moddir, topo, path):
    with _base_lock:
        _build_initramfs(moddir, topo, path)


def _build_initramfs(moddir, topo, path):
    key = (moddir, topo.sriov_driver if topo.sriov else None)
    if key not in _base_cache:
        c = Cpio()
        for d in ("bin", "sbin", "usr", "usr/bin", "usr/sbin", "dev", "proc",
                  "sys", "tmp", "out", "etc", "lib", "lib/modules"):
            c.dir(d)
        c.chardev("dev/console", 5, 1)
        c.chardev("dev/null", 1, 3)
        with open(BUSYBOX, "rb") as f:
            c.file("bin/busybox", f.read(), 0o755)
        with open(os.path.join(HERE, "init.sh"), "rb") as f:
            c.file("init", f.read(), 0o755)
        mods = []
        if topo.sriov:
            for rel in (NVME_MODULES if topo.sriov_driver == "nvme" else PF_STUB_MODULES):
                data = load_module(moddir, rel)
                if data is None:
                    continue
                name = os.path.basename(rel)
                c.file("lib/modules/%s.ko" % name, data)
                mods.append(name)
        _base_cache[key] = (c, mods)
    c, mods = _base_cache[key]
    conf = "MODULES='%s'\nSRIOV='%s'\nSRIOV_DRIVER='%s'\n" % (
        " ".join(mods), " ".join("%s=%d" % s for s in topo.sriov), topo.sriov_driver)
    # copy the shared base writer state and append the per-topology file
    c2 = Cpio()
    c2.buf.write(c.buf.getvalue())
    c2.ino = c.ino
    c2.file("etc/capture.conf", conf.encode())
    with open(path, "wb") as f:
        f.write(c2.finish())


# ---------------------------------------------------------------- QEMU run
def qemu_args(topo):
    """The option list (without -kernel/-initrd) for a topology."""
    args = ["-machine", topo.machine, "-m", str(topo.mem), "-accel", "tcg"]
    if topo.bios:
        args += ["-bios", topo.bios]
    args += [
            "-nographic", "-no-reboot", "-net", "none", "-vga", "none"]
    args += ["-device", "intel-iommu" if topo.iommu == "intel" else "amd-iommu"]
    for d in topo.devices:
        args += ["-device", d]
    args += ["-append", topo.append()]
    return args


def qemu_args_text(topo):
    a = qemu_args(topo)
    lines = []
    i = 0
    while i < len(a):
        if i + 1 < len(a) and not a[i + 1].startswith("-"):
            lines.append("%s %s" % (a[i], a[i + 1]))
            i += 2
        else:
            lines.append(a[i])
            i += 1
    return "\n".join(lines) + "\n"


class NoCapture(RuntimeError):
    pass


def run_capture(topo, kver, outdir, log=None, attempts=3):
    """Boot topo on kernel kver; unpack the fixture into outdir/<name>-<kver>.
    Returns (fixture_path, seconds) or raises RuntimeError. A boot that
    produces no archive (e.g. the early "timer doesn't work through
    Interrupt-remapped IO-APIC" panic that TCG sometimes hits on a loaded
    host) is retried."""
    for i in range(attempts):
        try:
            return _run_capture(topo, kver, outdir, log)
        except NoCapture as e:
            if i == attempts - 1:
                raise
            print("retry %s-%s: %s" % (topo.name, kver, str(e).splitlines()[0]),
                  file=sys.stderr, flush=True)


def _run_capture(topo, kver, outdir, log=None):
    k = find_kernel(kver)
    if k is None:
        raise RuntimeError("kernel %s not installed" % kver)
    vml, moddir = k
    name = "%s-%s" % (topo.name, kver)
    dest = os.path.join(outdir, name)
    t0 = time.time()
    with tempfile.TemporaryDirectory(prefix="iog-") as tmp:
        initrd = os.path.join(tmp, "initrd.cpio")
        build_initramfs(moddir, topo, initrd)
        cmd = ["timeout", "-k", "5", str(topo.timeout), QEMU,
               "-kernel", vml, "-initrd", initrd] + qemu_args(topo)
        p = subprocess.run(cmd, stdin=subprocess.DEVNULL,
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        out = p.stdout.decode("utf-8", "replace").replace("\r", "")
        if log:
            with open(log, "w") as f:
                f.write(" ".join(cmd) + "\n" + out + "\n--- stderr ---\n"
                        + p.stderr.decode("utf-8", "replace"))
        if BEGIN not in out or END not in out.split(BEGIN, 1)[1]:
            tail = (out + p.stderr.decode("utf-8", "replace"))[-1500:]
            raise NoCapture("%s: no capture (rc=%d)\n%s" % (name, p.returncode, tail))
        b64 = out.split(BEGIN, 1)[1].split(END, 1)[0]
        b64 = "".join(l.strip() for l in b64.splitlines())
        data = gzip.decompress(base64.b64decode(b64))
        if os.path.exists(dest):
            shutil.rmtree(dest)
        os.makedirs(dest)
        with tarfile.open(fileobj=io.BytesIO(data)) as tf:
            for m in tf.getmembers():
                if m.name.startswith("/") or ".." in m.name.split("/"):
                    raise RuntimeError("bad member %s" % m.name)
            if hasattr(tarfile, "fully_trusted_filter"):
                tf.extractall(dest, filter="fully_trusted")
            else:
                tf.extractall(dest)
    with open(os.path.join(dest, "qemu-args"), "w") as f:
        f.write(qemu_args_text(topo))
    with open(os.path.join(dest, "topology"), "w") as f:
        f.write(topo.desc.strip() + "\n")
    normalize_tree(dest)
    problems = check_tree(dest)
    if problems:
        raise RuntimeError("%s: tree check failed: %s" % (name, "; ".join(problems[:5])))
    problems = lspci_check(dest)
    if problems:
        raise RuntimeError("%s: lspci check failed: %s" % (name, problems))
    warn = [l for l in out.splitlines() if l.startswith("IOG-WARN")]
    if warn:
        raise RuntimeError("%s: %s" % (name, "; ".join(warn)))
    return dest, time.time() - t0


def normalize_tree(dest):
    """Fix modes and put a .gitkeep into empty directories (git drops empty
    directories; symlink targets such as sys/bus/pci/drivers/<name> must
    survive a commit)."""
    for root, dirs, files in os.walk(dest):
        os.chmod(root, 0o755)
        for f in files:
            p = os.path.join(root, f)
            if not os.path.islink(p):
                os.chmod(p, 0o644)
        real_dirs = [d for d in dirs if not os.path.islink(os.path.join(root, d))]
        if not real_dirs and not files and not [d for d in dirs]:
            open(os.path.join(root, ".gitkeep"), "w").close()


def check_tree(dest):
    problems = []
    for root, dirs, files in os.walk(dest):
        for n in dirs + files:
            p = os.path.join(root, n)
            if os.path.islink(p):
                t = os.readlink(p)
                if t.startswith("/"):
                    problems.append("absolute link %s" % p)
                r = os.path.realpath(p)
                if not os.path.exists(r) or not r.startswith(os.path.realpath(dest) + "/"):
                    problems.append("dangling link %s -> %s" % (p, t))
    devs = os.path.join(dest, "sys/bus/pci/devices")
    for b in sorted(os.listdir(devs)):
        d = os.path.join(devs, b)
        for a in ("config", "vendor", "device", "class", "irq", "resource",
                  "iommu_group"):
            if not os.path.exists(os.path.join(d, a)) and a != "iommu_group":
                problems.append("%s lacks %s" % (b, a))
    return problems


def lspci_check(dest):
    """If lspci is installed, make sure libpci reads the tree and sees every
    device. Returns an error string or ''."""
    if not shutil.which("lspci"):
        return ""
    p = subprocess.run(["lspci", "-A", "linux-sysfs", "-O",
                        "sysfs.path=%s/sys/bus/pci" % dest, "-nn", "-D"],
                       stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    if p.returncode != 0 or p.stderr.strip():
        return "rc=%d %s" % (p.returncode, p.stderr.decode()[:300])
    seen = {l.split()[0] for l in p.stdout.decode().splitlines() if l.strip()}
    want = set(os.listdir(os.path.join(dest, "sys/bus/pci/devices")))
    if seen != want:
        return "lspci saw %d devices, tree has %d" % (len(seen), len(want))
    return ""


# ---------------------------------------------------------------- compare
def fixture_summary(path):
    """(groups, devices): groups = {N: sorted member names};
    devices = {BDF: (relative sysfs path, config bytes)}."""
    groups = {}
    gdir = os.path.join(path, "sys/kernel/iommu_groups")
    if os.path.isdir(gdir):
        for n in os.listdir(gdir):
            dd = os.path.join(gdir, n, "devices")
            groups[int(n)] = sorted(os.listdir(dd)) if os.path.isdir(dd) else []
    devices = {}
    ddir = os.path.join(path, "sys/bus/pci/devices")
    for b in os.listdir(ddir):
        l = os.path.join(ddir, b)
        with open(os.path.join(l, "config"), "rb") as f:
            cfg = f.read()
        devices[b] = (os.readlink(l), cfg)
    return groups, devices


def compare(ref, new):
    """Return a list of human-readable differences (empty if equal)."""
    diffs = []
    g1, d1 = fixture_summary(ref)
    g2, d2 = fixture_summary(new)
    if g1 != g2:
        for n in sorted(set(g1) | set(g2)):
            if g1.get(n) != g2.get(n):
                diffs.append("group %d: %s -> %s" % (n, g1.get(n), g2.get(n)))
    for b in sorted(set(d1) | set(d2)):
        if b not in d1:
            diffs.append("new device %s" % b)
        elif b not in d2:
            diffs.append("missing device %s" % b)
        else:
            if d1[b][0] != d2[b][0]:
                diffs.append("%s path %s -> %s" % (b, d1[b][0], d2[b][0]))
            if d1[b][1] != d2[b][1]:
                c1, c2 = d1[b][1], d2[b][1]
                offs = [i for i in range(min(len(c1), len(c2))) if c1[i] != c2[i]]
                diffs.append("%s config differs (len %d/%d, offsets %s)" % (
                    b, len(c1), len(c2), ",".join("0x%x" % o for o in offs[:8])))
    for t in ("DMAR", "IVRS"):
        ta = os.path.join(ref, "sys/firmware/acpi/tables", t)
        tb = os.path.join(new, "sys/firmware/acpi/tables", t)
        if os.path.exists(ta) and not os.path.exists(tb):
            diffs.append("the re-capture has no %s table" % t)
        elif os.path.exists(ta) and open(ta, "rb").read() != open(tb, "rb").read():
            diffs.append("%s table differs" % t)
    qa = os.path.join(ref, "qemu-args")
    qb = os.path.join(new, "qemu-args")
    if os.path.exists(qa) and open(qa).read() != open(qb).read():
        diffs.insert(0, "qemu-args of the topology changed since the capture")
    return diffs


# ---------------------------------------------------------------- main
def select(names, only, kernels):
    todo = []
    for t in topologies.TOPOLOGIES:
        if only and t.name not in only:
            continue
        for k in kernels:
            if k in t.kernels:
                todo.append((t, k))
    return todo


def cmd_capture(a):
    kernels = [a.kernel] if a.kernel else ["6.1", "6.12"]
    for k in list(kernels):
        if find_kernel(k) is None:
            print("SKIP kernel %s: no matching /boot/vmlinuz found" % k)
            kernels.remove(k)
    todo = select(None, a.only, kernels)
    if a.only:
        unknown = set(a.only) - {t.name for t in topologies.TOPOLOGIES}
        if unknown:
            print("unknown topology: %s" % " ".join(sorted(unknown)))
            return 2
    os.makedirs(a.outdir, exist_ok=True)
    logdir = a.logdir
    if logdir:
        os.makedirs(logdir, exist_ok=True)
    t0 = time.time()
    fails = 0

    def job(tk):
        t, k = tk
        log = os.path.join(logdir, "%s-%s.log" % (t.name, k)) if logdir else None
        return run_capture(t, k, a.outdir, log)

    with concurrent.futures.ThreadPoolExecutor(a.jobs) as ex:
        futs = {ex.submit(job, tk): tk for tk in todo}
        for f in concurrent.futures.as_completed(futs):
            t, k = futs[f]
            try:
                dest, secs = f.result()
                g, d = fixture_summary(dest)
                print("captured %s-%s: %d devices, %d groups, %.1f s" % (
                    t.name, k, len(d), len(g), secs), flush=True)
            except Exception as e:  # noqa: BLE001
                fails += 1
                print("FAIL %s-%s: %s" % (t.name, k, e), flush=True)
    print("%d captured, %d failed, %.0f s" % (len(todo) - fails, fails, time.time() - t0))
    return 1 if fails else 0


def cmd_regen(a):
    fixdir = a.fixtures
    names = sorted(n for n in os.listdir(fixdir)
                   if os.path.isdir(os.path.join(fixdir, n)))
    byname = {t.name: t for t in topologies.TOPOLOGIES}
    todo = []
    skipped_k = set()
    for n in names:
        m = re.match(r"^(.*)-(6\.1|6\.12)$", n)
        if not m:
            continue
        tname, k = m.group(1), m.group(2)
        if a.only and tname not in a.only and n not in a.only:
            continue
        if a.kernel and k != a.kernel:
            continue
        if find_kernel(k) is None:
            skipped_k.add(k)
            continue
        todo.append((n, byname.get(tname), k))
    for k in sorted(skipped_k):
        print("SKIP kernel %s: no /boot/vmlinuz for it; its fixtures are not checked" % k)
    passed = failed = 0
    tmp = a.keep or tempfile.mkdtemp(prefix="iog-regen-")
    os.makedirs(tmp, exist_ok=True)

    def job(item):
        n, t, k = item
        if t is None:
            return ["no topology named %s in tests/kernel/topologies.py" % n[:n.rfind("-")]]
        dest, _ = run_capture(t, k, tmp)
        return compare(os.path.join(fixdir, n), dest)

    t0 = time.time()
    with concurrent.futures.ThreadPoolExecutor(a.jobs) as ex:
        futs = {ex.submit(job, it): it for it in todo}
        results = {}
        for f in concurrent.futures.as_completed(futs):
            n = futs[f][0]
            try:
                diffs = f.result()
            except Exception as e:  # noqa: BLE001
                diffs = ["capture failed: %s" % str(e).splitlines()[0]]
            results[n] = diffs
            if diffs:
                failed += 1
                print("DIFF %s: %s" % (n, "; ".join(diffs[:6])
                                       + (" (+%d more)" % (len(diffs) - 6) if len(diffs) > 6 else "")),
                      flush=True)
            else:
                passed += 1
                print("ok %s" % n, flush=True)
    if not a.keep:
        shutil.rmtree(tmp, ignore_errors=True)
    print("regen took %.0f s" % (time.time() - t0))
    print("%d passed, %d failed" % (passed, failed))
    return 1 if failed else 0


def cmd_readme(a):
    """Rewrite the per-fixture table of fixtures/sysfs-snapshots/README.md
    (between the two TABLE marker lines)."""
    path = os.path.join(a.fixtures, "README.md")
    text = open(path).read()
    begin, end = "<!-- BEGIN FIXTURE TABLE -->", "<!-- END FIXTURE TABLE -->"
    rows = ["| fixture | kernel | IOMMU | devices | groups | extra kernel parameters | what it exercises |",
            "|---|---|---|---|---|---|---|"]
    byname = {t.name: t for t in topologies.TOPOLOGIES}
    for n in sorted(os.listdir(a.fixtures)):
        m = re.match(r"^(.*)-(6\.1|6\.12)$", n)
        if not m or not os.path.isdir(os.path.join(a.fixtures, n)):
            continue
        t = byname.get(m.group(1))
        g, d = fixture_summary(os.path.join(a.fixtures, n))
        desc = open(os.path.join(a.fixtures, n, "topology")).read().strip()
        rows.append("| %s | %s | %s | %d | %d | %s | %s |" % (
            n, m.group(2), "VT-d" if (t is None or t.iommu == "intel") else "AMD-Vi",
            len(d), len(g), ("`%s`" % t.params) if t is not None and t.params else "",
            desc.replace("|", "\\|")))
    text = (text.split(begin)[0] + begin + "\n" + "\n".join(rows) + "\n" + end
            + text.split(end, 1)[1])
    with open(path, "w") as f:
        f.write(text)
    return 0


def cmd_list(a):
    for t in topologies.TOPOLOGIES:
        print("%-32s %-5s %s" % (t.name, t.iommu, t.desc))
    return 0


def main():
    ap = argparse.ArgumentParser()
    sub = ap.add_subparsers(dest="cmd", required=True)
    c = sub.add_parser("capture")
    c.add_argument("--only", action="append")
    c.add_argument("--kernel", choices=["6.1", "6.12"])
    c.add_argument("-j", "--jobs", type=int, default=2)
    c.add_argument("--logdir")
    c.add_argument("outdir")
    r = sub.add_parser("regen")
    r.add_argument("--fixtures", default=DEFAULT_FIXTURES)
    r.add_argument("--only", action="append")
    r.add_argument("--kernel", choices=["6.1", "6.12"])
    r.add_argument("-j", "--jobs", type=int, default=2)
    r.add_argument("--keep", help="keep the new captures in this directory")
    sub.add_parser("list")
    m = sub.add_parser("readme")
    m.add_argument("--fixtures", default=DEFAULT_FIXTURES)
    a = ap.parse_args()
    return {"capture": cmd_capture, "regen": cmd_regen, "list": cmd_list,
            "readme": cmd_readme}[a.cmd](a)


if __name__ == "__main__":
    sys.exit(main())
