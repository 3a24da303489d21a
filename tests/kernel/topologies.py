# SPDX-License-Identifier: GPL-2.0-only OR MIT
"""Topology list for the kernel ground-truth harness (tests/kernel/).

Each Topology gives the QEMU -device arguments, the extra kernel parameters
and, for SR-IOV, which PF gets how many VFs. The fixture of a topology is
fixtures/sysfs-snapshots/<name>-<kernel>/. Renaming or changing a topology
invalidates its committed fixtures (regen-check reports it)."""


class Topology:
    def __init__(self, name, desc, devices, iommu="intel", params="",
                 sriov=(), kernels=("6.1", "6.12"), timeout=90,
                 machine="q35", mem=512, sriov_driver="nvme", bios=None):
        self.name = name
        self.desc = desc
        self.devices = list(devices)
        self.iommu = iommu
        self.params = params
        self.sriov = list(sriov)      # [(BDF, numvfs)]
        self.sriov_driver = sriov_driver  # "nvme" or "pci-pf-stub"
        self.bios = bios              # None = QEMU's default SeaBIOS
        self.kernels = kernels
        self.timeout = timeout
        self.machine = machine
        self.mem = mem

    def append(self):
        base = "console=ttyS0 quiet panic=-1 "
        base += "intel_iommu=on" if self.iommu == "intel" else "amd_iommu=on"
        return base + (" " + self.params if self.params else "")


TOPOLOGIES = []
_chassis = [0]


def T(*a, **k):
    TOPOLOGIES.append(Topology(*a, **k))
    _chassis[0] = 0     # chassis numbers restart for every topology


# ---- helpers -------------------------------------------------------------


def _ch():
    _chassis[0] += 1
    return _chassis[0]


def rp(id, addr, bus="pcie.0", mf=False):
    """pcie-root-port (Red Hat 1b36:000c, has ACS)."""
    return "pcie-root-port,id=%s,bus=%s,addr=%s,chassis=%d%s" % (
        id, bus, addr, _ch(), ",multifunction=on" if mf else "")


def ioh(id, addr, bus="pcie.0", mf=False):
    """ioh3420 root port (Intel 8086:3420, no ACS)."""
    return "ioh3420,id=%s,bus=%s,addr=%s,chassis=%d,slot=%d%s" % (
        id, bus, addr, _ch(), _chassis[0], ",multifunction=on" if mf else "")


def usp(id, bus):
    return "x3130-upstream,id=%s,bus=%s" % (id, bus)


def dsp(id, bus, addr):
    return "xio3130-downstream,id=%s,bus=%s,addr=%s,chassis=%d,slot=0" % (
        id, bus, addr, _ch())


def mfdev(model, bus, slot, nfn, extra=""):
    """A multifunction device: nfn functions of model at slot.0 .. slot.(nfn-1)."""
    out = []
    for f in range(nfn):
        s = "%s,bus=%s,addr=%s.%d" % (model, bus, slot, f)
        if f == 0 and nfn > 1:
            s += ",multifunction=on"
        out.append(s + extra)
    return out


def e1000e(bus, addr):
    return "e1000e,bus=%s,addr=%s,romfile=" % (bus, addr)


def e1000(bus, addr):
    return "e1000,bus=%s,addr=%s,romfile=" % (bus, addr)


def vnet(bus, addr):
    return "virtio-net-pci,bus=%s,addr=%s,romfile=" % (bus, addr)


def vrng(bus, addr):
    return "virtio-rng-pci,bus=%s,addr=%s" % (bus, addr)


def nvme(bus, addr, serial):
    return "nvme,bus=%s,addr=%s,serial=%s" % (bus, addr, serial)


# ---- topologies ----------------------------------------------------------
# Slot numbers are hexadecimal in QEMU addr= (e.g. 1c.0).

def _nvme_sriov(bus, addr, serial, vfs=3, subsys="ns0"):
    return ["nvme-subsys,id=%s,nqn=%s" % (subsys, subsys),
            "nvme,bus=%s,addr=%s,serial=%s,subsys=%s,sriov_max_vfs=%d,"
            "sriov_vq_flexible=8,sriov_vi_flexible=4,max_ioqpairs=12,msix_qsize=32"
            % (bus, addr, serial, subsys, vfs)]


T("rp-acs-mix",
  "root ports with ACS (pcie-root-port) and without (ioh3420) alternating on the root bus, one endpoint each",
  [rp("rp1", "2.0"), vnet("rp1", "0.0"),
   ioh("rp2", "3.0"), vnet("rp2", "0.0"),
   rp("rp3", "4.0"), e1000e("rp3", "0.0"),
   ioh("rp4", "5.0"), e1000e("rp4", "0.0")])

T("rp-acs-single",
  "one pcie-root-port (ACS) with a single-function virtio-net: smallest isolated case",
  [rp("rp1", "2.0"), vnet("rp1", "0.0")])

T("rp-noacs-only",
  "three ioh3420 root ports (no ACS) in separate slots, each with an endpoint: each port groups with its own device only",
  [ioh("rp1", "2.0"), e1000e("rp1", "0.0"),
   ioh("rp2", "3.0"), vnet("rp2", "0.0"),
   ioh("rp3", "4.0"), nvme("rp3", "0.0", "nv3")])

T("rp-mf-slot-mixed",
  "one multifunction root-port slot 1c.0-1c.3 mixing pcie-root-port (ACS) and ioh3420 (no ACS) functions, each with an endpoint",
  [rp("rp0", "1c.0", mf=True), ioh("rp1", "1c.1"), rp("rp2", "1c.2"), ioh("rp3", "1c.3"),
   vnet("rp0", "0.0"), vnet("rp1", "0.0"), e1000e("rp2", "0.0"), e1000e("rp3", "0.0")])

T("rp-mf-slot-all-noacs",
  "multifunction slot 1c.0-1c.3 of four ioh3420 ports (no ACS, like PCH ports without quirk): the ports and everything below share a group",
  [ioh("rp0", "1c.0", mf=True), ioh("rp1", "1c.1"), ioh("rp2", "1c.2"), ioh("rp3", "1c.3"),
   vnet("rp0", "0.0"), e1000e("rp1", "0.0"), vrng("rp2", "0.0"), vnet("rp3", "0.0")])

T("rp-mf-slot-all-acs",
  "multifunction slot 1c.0-1c.3 of four pcie-root-port functions (all ACS): every port and endpoint isolated",
  [rp("rp0", "1c.0", mf=True), rp("rp1", "1c.1"), rp("rp2", "1c.2"), rp("rp3", "1c.3"),
   vnet("rp0", "0.0"), e1000e("rp1", "0.0"), vrng("rp2", "0.0"), vnet("rp3", "0.0")])

T("rp-mf-two-slots",
  "two multifunction root-port slots (1c: ioh3420 x2, 1d: ioh3420 + pcie-root-port) plus a single ACS port; tests that non-ACS grouping stays within a slot",
  [ioh("a0", "1c.0", mf=True), ioh("a1", "1c.1"),
   ioh("b0", "1d.0", mf=True), rp("b1", "1d.1"),
   rp("c0", "2.0"),
   vnet("a0", "0.0"), vnet("a1", "0.0"), vnet("b0", "0.0"), vnet("b1", "0.0"), vnet("c0", "0.0")])

T("switch-basic",
  "pcie-root-port (ACS) -> x3130 switch with three xio3130 downstream ports (no ACS in QEMU 7.2), one endpoint each: each DSP groups with its endpoint",
  [rp("rp1", "2.0"), usp("up1", "rp1"),
   dsp("dn1", "up1", "0.0"), dsp("dn2", "up1", "1.0"), dsp("dn3", "up1", "2.0"),
   vnet("dn1", "0.0"), e1000e("dn2", "0.0"), nvme("dn3", "0.0", "sw3")])

T("switch-behind-noacs-rp",
  "ioh3420 (no ACS) -> x3130 switch -> three downstream ports with endpoints: the whole subtree joins the root port's group",
  [ioh("rp1", "2.0"), usp("up1", "rp1"),
   dsp("dn1", "up1", "0.0"), dsp("dn2", "up1", "1.0"), dsp("dn3", "up1", "2.0"),
   vnet("dn1", "0.0"), e1000e("dn2", "0.0"), vrng("dn3", "0.0"),
   rp("rp2", "3.0"), vnet("rp2", "0.0")])

T("switch-nested",
  "nested switches: root port -> switch A -> (DSP -> switch B -> 2 DSPs with endpoints) and a DSP with an endpoint",
  [rp("rp1", "2.0"), usp("upA", "rp1"),
   dsp("dA0", "upA", "0.0"), dsp("dA1", "upA", "1.0"),
   usp("upB", "dA0"), dsp("dB0", "upB", "0.0"), dsp("dB1", "upB", "1.0"),
   vnet("dB0", "0.0"), e1000e("dB1", "0.0"), vrng("dA1", "0.0")])

T("switch-dsp-multifunction",
  "switch whose downstream ports are functions of one multifunction slot (00.0-00.3), endpoints below each",
  [rp("rp1", "2.0"), usp("up1", "rp1"),
   dsp("dn0", "up1", "0.0") + ",multifunction=on", dsp("dn1", "up1", "0.1"),
   dsp("dn2", "up1", "0.2"), dsp("dn3", "up1", "0.3"),
   vnet("dn0", "0.0"), vnet("dn1", "0.0"), e1000e("dn2", "0.0"), vrng("dn3", "0.0")])

T("switch-mf-endpoint",
  "switch downstream port with a 4-function virtio device and another with a 4-function e1000e device",
  [rp("rp1", "2.0"), usp("up1", "rp1"), dsp("dn1", "up1", "0.0"), dsp("dn2", "up1", "1.0")]
  + mfdev("virtio-rng-pci", "dn1", "0", 4) + mfdev("e1000e", "dn2", "0", 4, ",romfile="))

T("pcie-pci-bridge-conventional",
  "pcie-root-port -> pcie-pci-bridge -> three conventional e1000: the bridge and its devices share a group",
  [rp("rp1", "2.0"), "pcie-pci-bridge,id=pb1,bus=rp1,addr=0.0",
   e1000("pb1", "1.0"), e1000("pb1", "2.0"), e1000("pb1", "3.0"),
   rp("rp2", "3.0"), vnet("rp2", "0.0")])

T("pci-bridge-chain",
  "conventional pci-bridge on the root bus -> pci-bridge -> e1000s, plus an e1000 on the first bridge",
  ["pci-bridge,id=pb1,bus=pcie.0,addr=5.0,chassis_nr=1",
   "pci-bridge,id=pb2,bus=pb1,addr=1.0,chassis_nr=2",
   e1000("pb1", "2.0"), e1000("pb2", "1.0"), e1000("pb2", "2.0"),
   vrng("pb2", "3.0")])

T("pcie-pci-bridge-chain",
  "pcie-root-port -> pcie-pci-bridge -> pci-bridge -> e1000 and virtio (conventional), and a pcie-pci-bridge on the root bus with an e1000",
  [rp("rp1", "2.0"), "pcie-pci-bridge,id=ppb1,bus=rp1,addr=0.0",
   "pci-bridge,id=pb1,bus=ppb1,addr=1.0,chassis_nr=11",
   e1000("pb1", "1.0"), vrng("pb1", "2.0"), e1000("ppb1", "2.0"),
   "pcie-pci-bridge,id=ppb2,bus=pcie.0,addr=6.0", e1000("ppb2", "1.0")])

T("dmi-pci-bridge",
  "Intel DMI-to-PCI bridge i82801b11-bridge (8086:244e) on the root bus with e1000s and a pci-bridge behind it",
  ["i82801b11-bridge,id=dmi,bus=pcie.0,addr=1e.0",
   e1000("dmi", "1.0"), e1000("dmi", "2.0"),
   "pci-bridge,id=pb1,bus=dmi,addr=3.0,chassis_nr=21", e1000("pb1", "1.0"),
   rp("rp1", "2.0"), vnet("rp1", "0.0")])

T("mf-intel-rciep-root",
  "4-function Intel e1000e on the root bus (Intel RCiEP quirk: every function isolated) next to a single e1000e RCiEP",
  mfdev("e1000e", "pcie.0", "3", 4, ",romfile=") + [e1000e("pcie.0", "4.0")])

T("mf-intel-ep-behind-rp",
  "4-function Intel e1000e behind a pcie-root-port (multifunction endpoint without ACS: all functions share a group)",
  [rp("rp1", "2.0")] + mfdev("e1000e", "rp1", "0", 4, ",romfile=")
  + [ioh("rp2", "3.0")] + mfdev("e1000e", "rp2", "0", 2, ",romfile="))

T("mf-virtio-root",
  "multifunction virtio devices on the root bus (non-Intel, conventional PCI on pcie.0): 8 functions in slot 3, 2 in slot 4, single in slot 5",
  mfdev("virtio-rng-pci", "pcie.0", "3", 8) + mfdev("virtio-net-pci", "pcie.0", "4", 2, ",romfile=")
  + [vrng("pcie.0", "5.0")])

T("mf-virtio-behind-ports",
  "multifunction virtio endpoints behind an ACS root port (8 functions) and behind an ioh3420 (3 functions)",
  [rp("rp1", "2.0")] + mfdev("virtio-rng-pci", "rp1", "0", 8)
  + [ioh("rp2", "3.0")] + mfdev("virtio-net-pci", "rp2", "0", 3, ",romfile="))

T("mf-mixed-root-slot",
  "one root-bus slot with an Intel e1000e at .0 (RCiEP) and virtio/e1000 functions at .1-.3",
  ["e1000e,bus=pcie.0,addr=3.0,multifunction=on,romfile=", "virtio-rng-pci,bus=pcie.0,addr=3.1",
   "e1000,bus=pcie.0,addr=3.2,romfile=", "e1000e,bus=pcie.0,addr=3.3,romfile="])

T("usb-companions-root",
  "ICH9 USB: EHCI (ich9-usb-ehci1) with UHCI companions 1-3 at 1d.7/1d.0-1d.2 on the root bus, and a second set (ehci2 + uhci4-6) at 1a.x",
  ["ich9-usb-ehci1,id=ehci1,bus=pcie.0,addr=1d.7,multifunction=on",
   "ich9-usb-uhci1,id=u1,bus=pcie.0,addr=1d.0,multifunction=on,masterbus=ehci1.0,firstport=0",
   "ich9-usb-uhci2,id=u2,bus=pcie.0,addr=1d.1,multifunction=on,masterbus=ehci1.0,firstport=2",
   "ich9-usb-uhci3,id=u3,bus=pcie.0,addr=1d.2,multifunction=on,masterbus=ehci1.0,firstport=4",
   "ich9-usb-ehci2,id=ehci2,bus=pcie.0,addr=1a.7,multifunction=on",
   "ich9-usb-uhci4,id=u4,bus=pcie.0,addr=1a.0,multifunction=on,masterbus=ehci2.0,firstport=0",
   "ich9-usb-uhci5,id=u5,bus=pcie.0,addr=1a.1,multifunction=on,masterbus=ehci2.0,firstport=2",
   "ich9-usb-uhci6,id=u6,bus=pcie.0,addr=1a.2,multifunction=on,masterbus=ehci2.0,firstport=4"])

T("usb-companions-behind-bridge",
  "ICH9 EHCI + UHCI companion set behind a conventional pci-bridge, and another set behind a pcie-root-port",
  ["pci-bridge,id=pb1,bus=pcie.0,addr=5.0,chassis_nr=31",
   "ich9-usb-ehci1,id=ehci1,bus=pb1,addr=1.7,multifunction=on",
   "ich9-usb-uhci1,id=u1,bus=pb1,addr=1.0,multifunction=on,masterbus=ehci1.0,firstport=0",
   "ich9-usb-uhci2,id=u2,bus=pb1,addr=1.1,multifunction=on,masterbus=ehci1.0,firstport=2",
   "ich9-usb-uhci3,id=u3,bus=pb1,addr=1.2,multifunction=on,masterbus=ehci1.0,firstport=4",
   rp("rp1", "2.0"),
   "ich9-usb-ehci1,id=ehci2,bus=rp1,addr=0.7,multifunction=on",
   "ich9-usb-uhci1,id=v1,bus=rp1,addr=0.0,multifunction=on,masterbus=ehci2.0,firstport=0",
   "ich9-usb-uhci2,id=v2,bus=rp1,addr=0.1,multifunction=on,masterbus=ehci2.0,firstport=2"])

T("nvme-placements",
  "nvme controllers (1b36:0010) on the root bus (non-Intel RCiEP), behind an ACS root port and behind an ioh3420",
  [nvme("pcie.0", "3.0", "nvroot"), rp("rp1", "2.0"), nvme("rp1", "0.0", "nvrp"),
   ioh("rp2", "4.0"), nvme("rp2", "0.0", "nvioh")])

T("virtio-assorted",
  "assorted virtio devices (net, rng, balloon, serial) on the root bus and behind root ports",
  [vnet("pcie.0", "3.0"), "virtio-balloon-pci,bus=pcie.0,addr=4.0", "virtio-serial-pci,bus=pcie.0,addr=6.0",
   rp("rp1", "2.0"), vrng("rp1", "0.0"), ioh("rp2", "5.0"), "virtio-serial-pci,bus=rp2,addr=0.0"])

T("param-disable-acs-redir",
  "pci=disable_acs_redir= naming one of two pcie-root-ports: that port loses RR/CR and groups with its endpoint",
  [rp("rp1", "2.0"), vnet("rp1", "0.0"), rp("rp2", "3.0"), vnet("rp2", "0.0")],
  params="pci=disable_acs_redir=0000:00:02.0")

T("param-disable-acs-redir-mf-slot",
  "pci=disable_acs_redir= with a two-device list naming functions 1c.0 and 1c.2 of a multifunction slot of three pcie-root-ports: those two lose ACS and merge with each other and their endpoints, 1c.1 stays isolated",
  [rp("rp0", "1c.0", mf=True), rp("rp1", "1c.1"), rp("rp2", "1c.2"),
   vnet("rp0", "0.0"), vnet("rp1", "0.0"), vnet("rp2", "0.0")],
  params="pci=disable_acs_redir=0000:00:1c.0;0000:00:1c.2")

T("param-disable-acs-redir-pciid",
  "pci=disable_acs_redir=pci:1b36:000c (vendor:device form) hits every pcie-root-port; an ioh3420 for comparison",
  [rp("rp1", "2.0"), vnet("rp1", "0.0"), rp("rp2", "3.0"), vnet("rp2", "0.0"),
   ioh("rp3", "4.0"), vnet("rp3", "0.0")],
  params="pci=disable_acs_redir=pci:1b36:000c")

T("param-config-acs",
  "pci=config_acs=: 11101 (SV|RR|CR|UF) on 00:02.0, 0x (clear TB only) on 00:03.0, nothing on 00:04.0 (6.1 ignores the parameter)",
  [rp("rp1", "2.0"), vnet("rp1", "0.0"), rp("rp2", "3.0"), vnet("rp2", "0.0"),
   rp("rp3", "4.0"), vnet("rp3", "0.0")],
  params="pci=config_acs=11101@0000:00:02.0;0x@0000:00:03.0")

T("param-config-acs-pciid",
  "pci=config_acs=10101@pci:1b36:000c (SV|RR|UF, no CR) on every pcie-root-port by vendor:device",
  [rp("rp1", "2.0"), vnet("rp1", "0.0"), rp("rp2", "3.0"), vnet("rp2", "0.0")],
  params="pci=config_acs=10101@pci:1b36:000c")

T("sriov-nvme-rp-acs",
  "SR-IOV: nvme PF behind a pcie-root-port, 3 VFs created at runtime (VFs get the next free group numbers)",
  [rp("rp1", "2.0")] + _nvme_sriov("rp1", "0.0", "pf1") + [rp("rp2", "3.0"), vnet("rp2", "0.0")],
  sriov=[("0000:01:00.0", 3)])

T("sriov-nvme-rp-noacs",
  "SR-IOV: nvme PF behind an ioh3420 (no ACS), 3 VFs: PF and VFs join the root port's group",
  [ioh("rp1", "2.0")] + _nvme_sriov("rp1", "0.0", "pf1"),
  sriov=[("0000:01:00.0", 3)])

T("sriov-nvme-switch",
  "SR-IOV: nvme PF behind a switch downstream port, 2 VFs, next to another downstream port with an endpoint",
  [rp("rp1", "2.0"), usp("up1", "rp1"), dsp("dn1", "up1", "0.0"), dsp("dn2", "up1", "1.0"),
   vnet("dn2", "0.0")] + _nvme_sriov("dn1", "0.0", "pf1", vfs=2),
  sriov=[("0000:03:00.0", 2)])

T("sriov-nvme-root-bus",
  "SR-IOV: nvme PF on the root bus at 00:03.0 (non-Intel RCiEP) with 3 VFs on bus 0 (00:03.1-00:03.3)",
  _nvme_sriov("pcie.0", "3.0", "pf1"),
  sriov=[("0000:00:03.0", 3)])

T("amd-rp-acs-mix",
  "AMD-Vi (amd-iommu): ACS and non-ACS root ports and a multifunction root-port slot",
  [rp("rp1", "2.0"), vnet("rp1", "0.0"), ioh("rp2", "3.0"), vnet("rp2", "0.0"),
   rp("m0", "1c.0", mf=True), ioh("m1", "1c.1"), e1000e("m0", "0.0"), e1000e("m1", "0.0")],
  iommu="amd")

T("amd-switch-bridges",
  "AMD-Vi: switch with ACS ports, pcie-pci-bridge with conventional e1000s, pci-bridge on the root bus",
  [rp("rp1", "2.0"), usp("up1", "rp1"), dsp("dn1", "up1", "0.0"), dsp("dn2", "up1", "1.0"),
   vnet("dn1", "0.0"), vrng("dn2", "0.0"),
   rp("rp2", "3.0"), "pcie-pci-bridge,id=ppb,bus=rp2,addr=0.0", e1000("ppb", "1.0"), e1000("ppb", "2.0"),
   "pci-bridge,id=pb,bus=pcie.0,addr=5.0,chassis_nr=41", e1000("pb", "1.0")],
  iommu="amd")

T("amd-mf-root-usb",
  "AMD-Vi: Intel e1000e multifunction on the root bus, virtio multifunction on the root bus, ICH9 USB companion set",
  mfdev("e1000e", "pcie.0", "3", 2, ",romfile=") + mfdev("virtio-rng-pci", "pcie.0", "4", 3)
  + ["ich9-usb-ehci1,id=ehci1,bus=pcie.0,addr=1d.7,multifunction=on",
     "ich9-usb-uhci1,id=u1,bus=pcie.0,addr=1d.0,multifunction=on,masterbus=ehci1.0,firstport=0",
     "ich9-usb-uhci2,id=u2,bus=pcie.0,addr=1d.1,multifunction=on,masterbus=ehci1.0,firstport=2"],
  iommu="amd")

T("amd-sriov-nvme-pfstub",
  "AMD-Vi: SR-IOV nvme PFs behind a pcie-root-port (3 VFs) and behind an ioh3420 (2 VFs), PFs bound to pci-pf-stub (the nvme driver hangs under QEMU's amd-iommu)",
  [rp("rp1", "2.0")] + _nvme_sriov("rp1", "0.0", "pf1") + [ioh("rp2", "3.0")]
  + _nvme_sriov("rp2", "0.0", "pf2", vfs=2, subsys="ns1"),
  sriov=[("0000:01:00.0", 3), ("0000:02:00.0", 2)], iommu="amd", sriov_driver="pci-pf-stub")

T("pxb-pcie",
  "extra PCIe host bridge (pxb-pcie, bus_nr=0x80) with an ACS root port and an ioh3420 behind it, plus a root port on pcie.0",
  [rp("rp1", "2.0"), vnet("rp1", "0.0"),
   "pxb-pcie,id=pxb1,bus=pcie.0,addr=10.0,bus_nr=128",
   rp("prp1", "0.0", bus="pxb1"), vnet("prp1", "0.0"),
   ioh("prp2", "1.0", bus="pxb1"), vnet("prp2", "0.0")])

T("param-bfsort",
  "pci=bfsort with two pxb-pcie host bridges (bus_nr 64 given before bus_nr 32): SeaBIOS numbers buses depth-first and ACPI lists the pxbs by bus number, so breadth-first order equals scan order and the numbers match param-bfsort-off",
  [rp("rp1", "2.0"), vnet("rp1", "0.0"),
   "pxb-pcie,id=pxbA,bus=pcie.0,addr=10.0,bus_nr=64",
   rp("arp", "0.0", bus="pxbA"), vnet("arp", "0.0"),
   "pxb-pcie,id=pxbB,bus=pcie.0,addr=11.0,bus_nr=32",
   rp("brp", "0.0", bus="pxbB"), vnet("brp", "0.0")],
  params="pci=bfsort")

T("param-bfsort-off",
  "the same two-pxb-pcie topology as param-bfsort without pci=bfsort (default depth-first scan order) for comparison",
  [rp("rp1", "2.0"), vnet("rp1", "0.0"),
   "pxb-pcie,id=pxbA,bus=pcie.0,addr=10.0,bus_nr=64",
   rp("arp", "0.0", bus="pxbA"), vnet("arp", "0.0"),
   "pxb-pcie,id=pxbB,bus=pcie.0,addr=11.0,bus_nr=32",
   rp("brp", "0.0", bus="pxbB"), vnet("brp", "0.0")])


_QBOOT_DEVS = [
    rp("rp1", "2.0"), usp("up1", "rp1"), dsp("dn0", "up1", "0.0"), dsp("dn1", "up1", "1.0"),
    vnet("dn0", "0.0"), e1000e("dn1", "0.0"),
    rp("rp2", "3.0"), vnet("rp2", "0.0"),
    ioh("rp3", "4.0"), vrng("rp3", "0.0")]

T("qboot-bus-order",
  "firmware qboot instead of SeaBIOS: qboot numbers buses in an order that is not depth-first by devfn (00:03.0 gets bus 1, 00:02.0 gets buses 2-5, the switch's second DSP gets the lower bus), default scan order",
  _QBOOT_DEVS, bios="/usr/share/qemu/qboot.rom")

T("param-bfsort-qboot",
  "pci=bfsort on the qboot-bus-order topology: breadth-first (bus-number) order differs from the depth-first scan order, so group numbers differ from qboot-bus-order",
  _QBOOT_DEVS, bios="/usr/share/qemu/qboot.rom", params="pci=bfsort")


T("port-type-correction",
  "A.2 port-type correction: a switch USP directly on the root bus (no correction), an xio3130-downstream directly below a root port (claims DSP, corrected), a USP below a USP (corrected), and an i82801b11-bridge behind a root port (PCIE_BRIDGE_ALIAS case)",
  [rp("rp1", "2.0"), dsp("dd", "rp1", "0.0"), vnet("dd", "0.0"),
   rp("rp2", "3.0"), usp("u1", "rp2"), usp("u2", "u1"), dsp("d2", "u2", "0.0"), vnet("d2", "0.0"),
   "x3130-upstream,id=u0,bus=pcie.0,addr=1.0", dsp("d0", "u0", "0.0"), vnet("d0", "0.0"),
   rp("rp4", "4.0"), "i82801b11-bridge,id=dmi2,bus=rp4,addr=0.0", e1000("dmi2", "1.0"), e1000("dmi2", "2.0")])


def _large_rp_virtio():
    devs = []
    n = 0
    for slot in range(2, 6):            # slots 02..05, 7 root-port functions each
        for fn in range(7):
            pid = "p%d" % n
            if n % 4 == 3:
                devs.append(ioh(pid, "%x.%d" % (slot, fn), mf=(fn == 0)))
            else:
                devs.append(rp(pid, "%x.%d" % (slot, fn), mf=(fn == 0)))
            devs += mfdev("virtio-rng-pci", pid, "0", 8, ",vectors=0")
            n += 1
    return devs


T("large-rp-mf-virtio",
  "large: 28 root ports (every 4th an ioh3420) as functions of multifunction slots 02-05, each with an 8-function virtio-rng (256 functions)",
  _large_rp_virtio(), timeout=240)


def _large_switch():
    devs = [rp("rp1", "2.0"), usp("up1", "rp1"), rp("rp2", "3.0"), usp("up2", "rp2")]
    for i in range(31):
        d = "a%d" % i
        devs.append(dsp(d, "up1", "%x.0" % i))
        devs += mfdev("virtio-rng-pci", d, "0", 4, ",vectors=0")
    for i in range(24):
        d = "b%d" % i
        devs.append(dsp(d, "up2", "%x.0" % i))
        devs.append(vrng(d, "0.0") + ",vectors=0" if i % 2 else e1000e(d, "0.0"))
    return devs


T("large-switch-fanout",
  "large: switch with 31 downstream ports each with a 4-function virtio-rng, and a second switch with 24 ports and single endpoints (>200 functions)",
  _large_switch(), timeout=240)


def _large_conventional():
    devs = ["i82801b11-bridge,id=dmi,bus=pcie.0,addr=1e.0"]
    for b in range(5):
        pb = "pb%d" % b
        devs.append("pci-bridge,id=%s,bus=pcie.0,addr=%x.0,chassis_nr=%d" % (pb, 8 + b, 50 + b))
        for s in range(1, 32):
            devs.append(vrng(pb, "%x.0" % s) + ",vectors=0")
    devs.append("pci-bridge,id=pbd,bus=dmi,addr=1.0,chassis_nr=60")
    for s in range(1, 21):
        devs.append(vrng("pbd", "%x.0" % s) + ",vectors=0")
    for i in range(8):
        devs.append(rp("r%d" % i, "%x.0" % (0x10 + i)))
        devs.append(vrng("r%d" % i, "0.0") + ",vectors=0")
    return devs


T("large-conventional-amd",
  "large, AMD-Vi: five pci-bridges with 31 conventional virtio-rng each, a DMI bridge -> pci-bridge with 20 more, 8 ACS root ports (>200 functions)",
  _large_conventional(), iommu="amd", timeout=240)
