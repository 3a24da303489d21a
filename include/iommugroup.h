/* SPDX-License-Identifier: GPL-2.0-only OR MIT */
/*
 * iommugroup: compute the IOMMU groups the Linux kernel would make from a
 * PCI topology, without I/O and without allocation.
 *
 * The caller fills a table of struct ig_dev (one entry per PCI function:
 * address, upstream bridge, raw config space, and the few facts config space
 * cannot tell), picks the target kernel (version, command line) in struct
 * ig_opts, hands the library one workspace buffer of ig_workspace_size()
 * bytes, and calls ig_init() then ig_predict().  Results are read back with
 * the accessors below; nothing in here prints or allocates.
 *
 * Errors are negative errno values; each function lists the ones it returns.
 * The environment (integer types, errno values) comes from ig_env.h, which
 * the kernel shim replaces with its own.
 */
#ifndef IOMMUGROUP_H
#define IOMMUGROUP_H

#include "ig_env.h"

#define IG_NONE 0xffffffffu

/* Pack a kernel version: IG_KVER(6, 12, 107).  Sublevel may exceed 255. */
#define IG_KVER(a, b, c) \
	((((uint32_t)(a)) << 24) | (((uint32_t)(b)) << 16) | ((uint32_t)(c) & 0xffff))
#define IG_KVER_MAJOR(v) ((v) >> 24)
#define IG_KVER_MINOR(v) (((v) >> 16) & 0xff)
#define IG_KVER_SUB(v) ((v) & 0xffff)

/* PCIe port types (PCI Express Capabilities register bits 7:4). */
enum ig_port_type {
	IG_PT_EP = 0x0,
	IG_PT_LEG_END = 0x1,
	IG_PT_RP = 0x4,
	IG_PT_USP = 0x5,
	IG_PT_DSP = 0x6,
	IG_PT_PCI_BRIDGE = 0x7, /* PCIe-to-PCI/PCI-X bridge */
	IG_PT_PCIE_BRIDGE = 0x8, /* PCI/PCI-X-to-PCIe bridge */
	IG_PT_RC_END = 0x9,
	IG_PT_RC_EC = 0xa,
	IG_PT_NOT_PCIE = 0xff, /* no PCI Express capability */
};

/* ACS bits, the same layout in the Capability and Control registers. */
#define IG_ACS_SV 0x0001
#define IG_ACS_TB 0x0002
#define IG_ACS_RR 0x0004
#define IG_ACS_CR 0x0008
#define IG_ACS_UF 0x0010
#define IG_ACS_EC 0x0020
#define IG_ACS_DT 0x0040
/* What pci_device_group() asks for (REQ_ACS_FLAGS in drivers/iommu/iommu.c). */
#define IG_ACS_REQ (IG_ACS_SV | IG_ACS_RR | IG_ACS_CR | IG_ACS_UF)

/* struct ig_dev.flags: facts that config space cannot tell. */
/* The IOMMU driver does not take it (no group, no number).  The core also
 * never gives a group to the AMD IOMMU's own PCI function (vendor 1022,
 * class 0806xx) when the IOMMU is IG_IOMMU_AMD: AMD-Vi clears its rlookup
 * entry on purpose. */
#define IG_DEV_IOMMU_REJECT 0x0001
#define IG_DEV_NOT_PRESENT 0x0002 /* in the table, not present at boot */
/* @config holds the device's whole config space (a root read of sysfs, or a
 * dump of all 4096 bytes): a PCIe device with only 256 bytes then really has
 * no extended capabilities.  Without it, a PCIe device with config_len <= 256
 * has unknown extended capabilities (ACS invisible). */
#define IG_DEV_CFG_FULL 0x0004

/**
 * struct ig_dev - one PCI function, as the caller saw it
 * @domain:	PCI domain (segment); 32 bits, VMD domains such as 0x10000 exist
 * @bus:	bus number
 * @devfn:	(device << 3) | function
 * @parent:	index of the upstream bridge (the bridge whose secondary bus
 *		holds this function, skipping SR-IOV virtual buses), or IG_NONE
 *		when the function sits on a root bus
 * @physfn:	for an SR-IOV virtual function, index of its physical function;
 *		else IG_NONE
 * @vmd_owner:	for a function in an Intel VMD domain, index of the VMD
 *		endpoint that owns the domain; else IG_NONE
 * @config:	raw config space bytes as read (little-endian, offset 0 first)
 * @config_len: how many bytes of @config were readable: 64 for a non-root
 *		sysfs read, 256, or 4096
 * @hotplug_seq: 0 if present at boot; otherwise the device is added after
 *		boot (an SR-IOV VF, a hot-plugged card) and ig_predict() adds
 *		such devices in increasing @hotplug_seq order
 * @flags:	IG_DEV_* flags
 * @name:	the device name used for its link in the group's devices/
 *		directory; NULL for the PCI name "dddd:bb:dd.f"
 * @iommu_unit: the IOMMU unit that covers the device, numbered in the
 *		order the units register with the IOMMU core (0 first); all 0
 *		when unknown or when there is one unit.  ig_dmar_assign() and
 *		ig_ivrs_assign() compute it from the firmware tables.  On
 *		kernels >= 6.2 every registration probes the devices of the
 *		units registered so far, so the boot devices are probed unit by
 *		unit, each unit's in device-list order; older kernels probe all
 *		at once in device-list order.
 */
struct ig_dev {
	uint32_t domain;
	uint8_t bus;
	uint8_t devfn;
	uint16_t reserved0;
	uint32_t parent;
	uint32_t physfn;
	uint32_t vmd_owner;
	const uint8_t *config;
	uint32_t config_len;
	uint32_t hotplug_seq;
	uint32_t flags;
	const char *name;
	uint32_t iommu_unit;
};

/**
 * struct ig_extdev - a non-PCI device below a PCI device (a USB device, a
 * block device, a network interface)
 * @name:	its name, for the caller's reference
 * @parent:	index of the parent: < ndev names a PCI function of the device
 *		table, ndev + j names ig_extdev j
 */
struct ig_extdev {
	const char *name;
	uint32_t parent;
};

/**
 * struct ig_alias - a DMA alias the caller knows of (from the firmware's
 * IVRS table or the kernel log "Enabling fixed DMA alias"), added to the
 * device's dma_alias_mask like the kernel's pci_add_dma_alias()
 * @dev:	index of the device
 * @devfn:	the alias devfn on the device's own bus
 */
struct ig_alias {
	uint32_t dev;
	uint8_t devfn;
};

/* Which IOMMU driver the target machine uses (decides a few quirks and the
 * parameters that switch the IOMMU off). */
enum ig_iommu {
	IG_IOMMU_INTEL = 1,
	IG_IOMMU_AMD = 2,
	IG_IOMMU_OTHER = 3,
};

/* How to read the ACS Control registers in the config bytes. */
enum ig_acs_source {
	IG_ACS_UNSET = 0, /* rejected: the caller must say */
	/* The bytes were read on a host booted with the IOMMU on by the
	 * target kernel: the Control registers already hold what the kernel
	 * wrote (pci_enable_acs() and the command line have run). */
	IG_ACS_LIVE = 1,
	/* The bytes hold firmware values (IOMMU off, or another kernel):
	 * simulate pci_enable_acs() of the target version and command line. */
	IG_ACS_SIMULATE = 2,
};

/* Where a kernel carrying the out-of-tree pcie_acs_override patch puts its
 * entry in the ACS quirk table. */
enum ig_override_pos {
	IG_OVERRIDE_NONE = 0, /* the kernel has no such patch: ignore it */
	IG_OVERRIDE_END = 1, /* last entry (linux-zen, AUR variants) */
	IG_OVERRIDE_PROXMOX = 2, /* after APM X-Gene, before Ampere */
};

/* The USB companion-controller policy (a policy, not a kernel rule). */
enum ig_companion {
	IG_COMPANION_AUTO = 0, /* on when an ACS override is in effect */
	IG_COMPANION_ON = 1,
	IG_COMPANION_OFF = 2,
};

/* struct ig_opts.flags */
#define IG_OPT_PCH_QUIRK_FAILED 0x0001 /* the Intel PCH ACS enable failed */
#define IG_OPT_BFSORT_DMI 0x0002 /* a DMI quirk selects pci=bfsort */
/* The target kernel was built without CONFIG_INTEL_IOMMU_DEFAULT_ON (Debian's
 * 6.1 and 6.12 are): VT-d makes groups only with intel_iommu=on. */
#define IG_OPT_INTEL_DEFAULT_OFF 0x0004

/**
 * struct ig_opts - the target kernel and how to read the input
 * @kernel:	target kernel version, IG_KVER(); required
 * @cmdline:	target kernel command line (NUL-terminated) or NULL
 * @iommu:	enum ig_iommu; required
 * @acs_source: enum ig_acs_source; required
 * @override_pos: enum ig_override_pos
 * @companion:	enum ig_companion
 * @flags:	IG_OPT_* flags
 * @first_number: group numbers below this are taken already (for example
 *		by ACPI-HID platform devices probed before PCI)
 * @aliases:	extra DMA aliases, or NULL
 * @naliases:	number of @aliases
 * @root_order: root buses in the order the firmware lists the host bridges,
 *		as (domain << 8) | bus; NULL for ascending (domain, bus)
 * @nroot_order: number of @root_order entries
 * @probe_order: device indices in the order the kernel probed them at boot
 *		(for example from the kernel log's "Adding to iommu group"
 *		lines), or NULL; these are probed first, in this order, and the
 *		other boot devices after them in the usual order.  It replaces
 *		the order of the IOMMU units (@iommu_unit).  Every entry must
 *		name a device present at boot, at most once.
 * @nprobe_order: number of @probe_order entries
 */
struct ig_opts {
	uint32_t kernel;
	const char *cmdline;
	uint32_t iommu;
	uint32_t acs_source;
	uint32_t override_pos;
	uint32_t companion;
	uint32_t flags;
	uint32_t first_number;
	const struct ig_alias *aliases;
	uint32_t naliases;
	const uint64_t *root_order;
	uint32_t nroot_order;
	const uint32_t *probe_order;
	uint32_t nprobe_order;
};

/* The opaque state, carved out of the caller's workspace by ig_init(). */
struct ig_ctx;

/*
 * Reasons are data.  Each device records why it joined its group (struct
 * ig_reason) and why its ACS test came out as it did (struct ig_acs_info).
 * Front ends render them.
 */
enum ig_join {
	IG_JOIN_NONE = 0, /* no group: not present, or the IOMMU rejects it */
	IG_JOIN_NEW, /* isolated: got a new group */
	IG_JOIN_DMA_ALIAS, /* step 1: the alias walk reported @related
			    * (itself a DMA alias source, or a bridge that
			    * takes over the requester ID), which had a group */
	IG_JOIN_UPSTREAM, /* step 2: @related is a bridge above whose path is
			   * not ACS-isolated (@blocker fails acs_enabled) */
	IG_JOIN_ALIAS_GROUP, /* step 3: DMA alias relation with @related on the
			      * same bus */
	IG_JOIN_FUNCTION, /* step 4: non-isolated function of the same slot as
			   * @related */
	IG_JOIN_COMPANION, /* the USB companion policy: same slot as the
			    * companion controller @related */
};

/**
 * struct ig_reason - why a device is in its group
 * @join:	enum ig_join
 * @related:	the device whose group was taken (IG_NONE for IG_JOIN_NEW)
 * @via:	for IG_JOIN_DMA_ALIAS/ALIAS_GROUP/FUNCTION/UPSTREAM found at a
 *		bridge: the device the walk started the group search from
 *		(the highest aliasing bridge, or the non-isolated bridge); else
 *		IG_NONE
 * @blocker:	for IG_JOIN_UPSTREAM: the device on the path that fails the
 *		ACS test (see its struct ig_acs_info); else IG_NONE
 * @uncertain:	non-zero if the decision depended on a device whose config
 *		space was too short to decide
 */
struct ig_reason {
	uint32_t join;
	uint32_t related;
	uint32_t via;
	uint32_t blocker;
	uint32_t uncertain;
};

/* Why pci_acs_enabled(dev, REQ) answered as it did. */
enum ig_acs_why {
	IG_ACSW_QUIRK = 1, /* a quirk-table entry answered (@quirk, @answer) */
	IG_ACSW_OVERRIDE, /* the pcie_acs_override entry answered */
	IG_ACSW_NOT_PCIE, /* conventional PCI: never isolated */
	IG_ACSW_BRIDGE_TYPE, /* PCIe-to-PCI, PCI-to-PCIe bridge or RC EC */
	IG_ACSW_SINGLE_FUNCTION, /* EP/USP/legacy/RCiEP, not multifunction */
	IG_ACSW_NO_CAP, /* needs an ACS capability and has none */
	IG_ACSW_CTRL, /* decided by the ACS capability and control words */
	IG_ACSW_OTHER_TYPE, /* an unknown port type: counted as isolated */
	IG_ACSW_UNKNOWN, /* config space too short to tell */
};

/* IDs of the quirk-table entries (struct ig_acs_info.quirk). */
enum ig_quirk {
	IG_Q_NONE = 0,
	IG_Q_AMD_SB,
	IG_Q_MF_ENDPOINT,
	IG_Q_RCIEP,
	IG_Q_QCOM_RP,
	IG_Q_INTEL_PCH,
	IG_Q_INTEL_SPT,
	IG_Q_CAVIUM,
	IG_Q_XGENE,
	IG_Q_BRCM,
	IG_Q_LOONGSON,
	IG_Q_AL,
	IG_Q_NXP_RP,
	IG_Q_ZHAOXIN,
	IG_Q_WANGXUN,
	IG_Q_OVERRIDE_ID,
	IG_Q_OVERRIDE_DOWNSTREAM,
	IG_Q_OVERRIDE_MULTIFUNCTION,
	IG_Q_COUNT
};

/* struct ig_acs_info.cmdline: which parameters changed the Control word */
#define IG_ACSCL_DISABLE_REDIR 0x1
#define IG_ACSCL_CONFIG_ACS 0x2
#define IG_ACSCL_CONFIG_ACS_REJECTED 0x4 /* asked for bits the cap lacks */

/**
 * struct ig_acs_info - one device's parsed state and ACS verdict
 * @vendor, @device, @subvendor, @subdevice: IDs from config space
 * @class:	24-bit class code
 * @revision:	revision ID
 * @header_type: header type byte with bit 7 cleared
 * @port_type:	effective port type (after the kernel's type correction), or
 *		IG_PT_NOT_PCIE
 * @raw_port_type: the type the device claims
 * @multifunction: the kernel's dev->multifunction
 * @acs_pos:	offset of the ACS extended capability, 0 if none (or unknown)
 * @acs_cap:	ACS Capability word (after version quirks)
 * @acs_ctrl:	ACS Control word at grouping time (read, or simulated)
 * @acs_missing: the REQ bits the test found missing (0 if it passed or did
 *		not look at the Control word)
 * @enabled:	pci_acs_enabled(dev, REQ): 1 isolated, 0 not
 * @why:	enum ig_acs_why
 * @quirk:	enum ig_quirk that answered (IG_ACSW_QUIRK/OVERRIDE)
 * @cmdline:	IG_ACSCL_* flags
 * @secondary, @subordinate: bridge bus numbers (type 1 header), else 0
 * @uncertain:	non-zero if @enabled could not be decided from the bytes
 *		given (the answer assumes "not isolated")
 * @dead:	config space read as all ones: the device is gone
 */
struct ig_acs_info {
	uint16_t vendor, device, subvendor, subdevice;
	uint32_t class;
	uint8_t revision;
	uint8_t header_type;
	uint8_t port_type;
	uint8_t raw_port_type;
	uint8_t multifunction;
	uint8_t enabled;
	uint8_t uncertain;
	uint8_t dead;
	uint16_t acs_pos;
	uint16_t acs_cap;
	uint16_t acs_ctrl;
	uint16_t acs_missing;
	uint32_t why;
	uint32_t quirk;
	uint32_t cmdline;
	uint8_t secondary, subordinate;
};

/* struct ig_result.flags */
#define IG_RES_IOMMU_OFF 0x1 /* the command line switches the IOMMU off */
#define IG_RES_UNCERTAIN 0x2 /* some group depends on unknown data */
#define IG_RES_OVERRIDE 0x4 /* a pcie_acs_override is in effect */
#define IG_RES_COMPANION 0x8 /* the USB companion policy is on */
#define IG_RES_BFSORT 0x10 /* probe order is breadth-first */

/**
 * struct ig_result - summary of a prediction
 * @ngroups:	number of live groups
 * @ndevices:	number of devices that have a group
 * @flags:	IG_RES_* flags
 */
struct ig_result {
	uint32_t ngroups;
	uint32_t ndevices;
	uint32_t flags;
};

/**
 * ig_workspace_size() - bytes of workspace ig_init() needs
 * @ndev:	number of PCI functions in the table
 * @next:	number of non-PCI devices (struct ig_extdev)
 *
 * Return: the size in bytes, or 0 if @ndev or @next is too large (more than
 * 2^24 entries).
 */
size_t ig_workspace_size(uint32_t ndev, uint32_t next);

/**
 * ig_init() - validate the table, parse config space, prepare the groups
 * @ws:		workspace, ig_workspace_size(@ndev, @next) bytes, 8-aligned;
 *		the returned context lives in it and stays valid as long as
 *		@ws, @devs, @ext and @opts (and the strings and config bytes
 *		they point at) do
 * @wslen:	size of @ws
 * @devs:	the device table
 * @ndev:	number of entries in @devs
 * @ext:	non-PCI devices, or NULL
 * @next:	number of entries in @ext
 * @opts:	target kernel and input options
 * @ctxp:	set to the context on success
 *
 * Nothing is grouped yet: call ig_predict() (or ig_probe_boot() and
 * ig_hot_add()).
 *
 * Return: 0 on success, or
 * -EINVAL: a NULL argument, an index out of range, an unaligned workspace,
 * a zero kernel version, an unset @opts->iommu or @opts->acs_source, a VF
 * whose physfn is itself a VF, a device whose parent is not a bridge, a
 * @opts->probe_order entry that is out of range, repeated, or names a
 * device not present at boot;
 * -ENOSPC: @wslen is smaller than ig_workspace_size();
 * -EEXIST: two devices share domain, bus and devfn;
 * -ELOOP: the parent links (of PCI or non-PCI devices) form a cycle.
 */
int ig_init(void *ws, size_t wslen, const struct ig_dev *devs, uint32_t ndev,
	    const struct ig_extdev *ext, uint32_t next,
	    const struct ig_opts *opts, struct ig_ctx **ctxp);

/**
 * ig_predict() - the groups after boot
 * @ctx:	context from ig_init()
 * @res:	summary, or NULL
 *
 * Probes every device present at boot in the kernel's order, then adds the
 * devices with a non-zero hotplug_seq in that order, as the kernel does when
 * they appear.  Calling it twice is an error.
 *
 * Return: 0, or -EALREADY if devices were probed already.
 */
int ig_predict(struct ig_ctx *ctx, struct ig_result *res);

/**
 * ig_probe_boot() - probe only the devices present at boot
 * @ctx:	context from ig_init()
 *
 * Return: 0, or -EALREADY if devices were probed already.
 */
int ig_probe_boot(struct ig_ctx *ctx);

/**
 * ig_hot_add() - a device appears after boot (hot-plug, SR-IOV enable)
 * @ctx:	context
 * @dev:	index of a device that is not present now
 *
 * The device goes to the end of the kernel's device list and is probed at
 * once.  Its upstream bridge must be present.
 *
 * Return: 0, -EINVAL for a bad index, -EEXIST if it is present already,
 * -ENODEV if its upstream bridge or physfn is not present.
 */
int ig_hot_add(struct ig_ctx *ctx, uint32_t dev);

/**
 * ig_hot_remove() - a device goes away
 * @ctx:	context
 * @dev:	index of a present device
 *
 * It leaves its group; a group left empty frees its number.  Devices below
 * a removed bridge must be removed first, as the kernel does.
 *
 * Return: 0, -EINVAL for a bad index, -ENODEV if it is not present,
 * -EBUSY if present devices still hang below it.
 */
int ig_hot_remove(struct ig_ctx *ctx, uint32_t dev);

/**
 * ig_result() - fill the summary of the current state
 * @ctx:	context
 * @res:	filled in
 */
void ig_result(const struct ig_ctx *ctx, struct ig_result *res);

/**
 * ig_dev_group() - the group number of a device
 * @ctx:	context
 * @dev:	device index
 *
 * Return: the group number (>= 0), -ENOENT if the device has no group, or
 * -EINVAL for a bad index.
 */
int64_t ig_dev_group(const struct ig_ctx *ctx, uint32_t dev);

/**
 * ig_dev_reason() - why a device is in its group
 * @ctx:	context
 * @dev:	device index
 * @r:		filled in
 *
 * Return: 0, or -EINVAL for a bad index.
 */
int ig_dev_reason(const struct ig_ctx *ctx, uint32_t dev, struct ig_reason *r);

/**
 * ig_dev_acs() - a device's parsed config space and ACS verdict
 * @ctx:	context
 * @dev:	device index
 * @info:	filled in
 *
 * Return: 0, or -EINVAL for a bad index.
 */
int ig_dev_acs(const struct ig_ctx *ctx, uint32_t dev,
	       struct ig_acs_info *info);

/**
 * ig_dev_alias_mask() - a device's dma_alias_mask (256 bits)
 * @ctx:	context
 * @dev:	device index
 * @mask:	32 bytes, bit devfn of byte devfn / 8
 *
 * Return: 1 if any bit is set, 0 if none, -EINVAL for a bad index.
 */
int ig_dev_alias_mask(const struct ig_ctx *ctx, uint32_t dev, uint8_t *mask);

/**
 * ig_dev_link_name() - the name of the device's link in its group
 * @ctx:	context
 * @dev:	device index
 * @buf:	output buffer
 * @len:	size of @buf; IG_NAME_MAX is always enough for PCI names
 *
 * The device name, or "name.N" when the name was taken in the group when the
 * device joined (the kernel's iommu_group_add_device() retry).
 *
 * Return: the length written (without the NUL), -ENOENT if the device has
 * no group, -ENOSPC if @buf is too small, -EINVAL for a bad index.
 */
int ig_dev_link_name(const struct ig_ctx *ctx, uint32_t dev, char *buf,
		     size_t len);
#define IG_NAME_MAX 32

/**
 * ig_pci_name() - format "dddd:bb:dd.f" (at least 4 hex digits of domain)
 * @domain, @bus, @devfn: the address
 * @buf:	at least IG_NAME_MAX bytes
 *
 * Return: the length written, without the NUL.
 */
int ig_pci_name(uint32_t domain, uint8_t bus, uint8_t devfn, char *buf);

/**
 * ig_ext_resolve() - the PCI device a non-PCI device hangs off
 * @ctx:	context
 * @ext:	index into the ig_extdev table
 *
 * Return: the index of the nearest PCI ancestor (its group is the group of
 * the non-PCI device; the device is not a member), or -EINVAL.
 */
int64_t ig_ext_resolve(const struct ig_ctx *ctx, uint32_t ext);

/**
 * ig_group_next() - iterate over the live groups in number order
 * @ctx:	context
 * @prev:	the previous number, or -1 to get the first
 *
 * Return: the next live group number above @prev, or -ENOENT when there is
 * none.  A full iteration costs O(ndev) in all.
 */
int64_t ig_group_next(const struct ig_ctx *ctx, int64_t prev);

/**
 * ig_group_uncertain() - whether a group's membership depends on unknown
 * data
 * @ctx:	context
 * @number:	group number
 *
 * Return: 1 uncertain, 0 certain, -ENOENT if no such group.
 */
int ig_group_uncertain(const struct ig_ctx *ctx, uint32_t number);

/**
 * ig_group_size() - number of members of a group
 * @ctx:	context
 * @number:	group number
 *
 * Return: the count, or -ENOENT if no such group.
 */
int64_t ig_group_size(const struct ig_ctx *ctx, uint32_t number);

/**
 * ig_group_set_name() - give a group a display name (the kernel's
 * iommu_group_set_name(), e.g. "vfio-noiommu")
 * @ctx:	context
 * @number:	group number
 * @name:	NUL-terminated, kept by pointer; NULL to clear
 *
 * Return: 0, or -ENOENT if no such group.
 */
int ig_group_set_name(struct ig_ctx *ctx, uint32_t number, const char *name);

/**
 * ig_group_name() - a group's display name
 * @ctx:	context
 * @number:	group number
 *
 * Return: the name, or NULL if it has none or there is no such group.
 */
const char *ig_group_name(const struct ig_ctx *ctx, uint32_t number);

/**
 * ig_group_for_each_dev() - visit a group's members in join order, like the
 * kernel's iommu_group_for_each_dev()
 * @ctx:	context
 * @number:	group number
 * @fn:		called with each member's index; a non-zero return stops
 * @data:	passed to @fn
 *
 * Return: the first non-zero value @fn returned, 0 if none, or -ENOENT if
 * there is no such group (a callback should not return -ENOENT).
 */
int ig_group_for_each_dev(const struct ig_ctx *ctx, uint32_t number,
			  int (*fn)(uint32_t dev, void *data), void *data);

/**
 * ig_probe_order() - the n-th device in the kernel's probe order at boot
 * @ctx:	context
 * @n:		position
 *
 * Return: the device index, or -ENOENT past the end.
 */
int64_t ig_probe_order(const struct ig_ctx *ctx, uint32_t n);

/**
 * ig_self_test() - run the library's built-in sanity checks on a small
 * synthetic topology (for the self-test program and the kernel shim)
 * @ws:		workspace of at least IG_SELF_TEST_WS bytes, 8-aligned
 * @wslen:	its size
 *
 * Return: 0 if every check passed, else the negative number of the first
 * failed check.
 */
int ig_self_test(void *ws, size_t wslen);
#define IG_SELF_TEST_WS 65536

/*
 * Firmware IOMMU tables (lib/acpi.c): the ACPI DMAR table (Intel VT-d) and
 * the ACPI IVRS table (AMD-Vi), as read from /sys/firmware/acpi/tables/.
 * The parsers never read past the length they are given, whatever the
 * table's own lengths say, and write only into the caller's arrays.  The
 * counts they return are the room needed: on -ENOSPC the arrays hold the
 * first entries that fit, and the counts say how many there are in all.
 */

/* struct ig_dmar_unit.flags (DRHD flags) */
#define IG_DMAR_INCLUDE_PCI_ALL 0x01

/* struct ig_dmar_scope.type */
enum ig_dmar_scope_type {
	IG_DMAR_SCOPE_ENDPOINT = 1,
	IG_DMAR_SCOPE_BRIDGE = 2,
	IG_DMAR_SCOPE_IOAPIC = 3,
	IG_DMAR_SCOPE_HPET = 4,
	IG_DMAR_SCOPE_NAMESPACE = 5,
};

#define IG_DMAR_MAX_PATH 16 /* (device, function) pairs of one scope */
#define IG_ACPI_NAME_MAX 32

/**
 * struct ig_dmar_unit - one DRHD (DMA remapping hardware unit) structure
 * @address:	register base address
 * @segment:	PCI segment (domain)
 * @flags:	DRHD flags (IG_DMAR_INCLUDE_PCI_ALL)
 * @first_scope: index of its first device scope in struct ig_dmar.scopes
 * @nscope:	number of its device scopes
 */
struct ig_dmar_unit {
	uint64_t address;
	uint16_t segment;
	uint8_t flags;
	uint8_t reserved;
	uint32_t first_scope;
	uint32_t nscope;
};

/**
 * struct ig_dmar_scope - one device scope entry of a DRHD
 * @type:	enum ig_dmar_scope_type (other values are kept as read)
 * @enum_id:	enumeration ID (IOAPIC ID, HPET number, ANDD device number)
 * @bus:	start bus number
 * @npath:	number of (device, function) pairs in @path
 * @path:	device, function, device, function, ... from the start bus down
 */
struct ig_dmar_scope {
	uint8_t type;
	uint8_t enum_id;
	uint8_t bus;
	uint8_t npath;
	uint8_t path[2 * IG_DMAR_MAX_PATH];
};

/**
 * struct ig_dmar_andd - one ANDD (ACPI namespace device declaration)
 * @number:	ACPI device number (matches a NAMESPACE scope's @enum_id)
 * @name:	object name, NUL-terminated (cut to IG_ACPI_NAME_MAX - 1)
 */
struct ig_dmar_andd {
	uint8_t number;
	char name[IG_ACPI_NAME_MAX];
};

/**
 * struct ig_dmar - what ig_dmar_parse() found
 * @units, @units_max: the caller's DRHD array and its size
 * @scopes, @scopes_max: the caller's device-scope array and its size
 * @andd, @andd_max: the caller's ANDD array and its size (may be NULL, 0)
 * @nunits, @nscopes, @nandd: set by the parser: how many the table holds
 * @nother:	set by the parser: other structures stepped over (RMRR, ATSR,
 *		RHSA, SATC, ...)
 * @haw:	host address width field
 * @flags:	DMAR flags (bit 0 INTR_REMAP, bit 1 X2APIC_OPT_OUT, ...)
 */
struct ig_dmar {
	struct ig_dmar_unit *units;
	uint32_t units_max;
	struct ig_dmar_scope *scopes;
	uint32_t scopes_max;
	struct ig_dmar_andd *andd;
	uint32_t andd_max;
	uint32_t nunits;
	uint32_t nscopes;
	uint32_t nandd;
	uint32_t nother;
	uint8_t haw;
	uint8_t flags;
};

/**
 * ig_dmar_parse() - parse an ACPI DMAR table
 * @tbl:	the table bytes, starting with the "DMAR" signature
 * @len:	bytes readable at @tbl
 * @d:		arrays and sizes in, counts out
 *
 * The checksum is not verified (the kernel does not refuse a bad one).
 *
 * Return: 0; -EINVAL for a NULL argument, a wrong signature, a table whose
 * header length is shorter than its header or longer than @len, a structure
 * shorter than 4 bytes or running past the table, a DRHD shorter than 16
 * bytes, a device scope shorter than 6 bytes, with an odd path, with more
 * than IG_DMAR_MAX_PATH path entries or running past its DRHD, an ANDD
 * shorter than 8 bytes; -ENOSPC when an array is too small (the counts
 * give the room needed).
 */
int ig_dmar_parse(const uint8_t *tbl, size_t len, struct ig_dmar *d);

/**
 * ig_dmar_scope_dev() - the device a DMAR device scope names
 * @devs, @ndev: the device table (the parent links are used)
 * @segment:	the scope's DRHD segment
 * @s:		the scope (ENDPOINT or BRIDGE)
 *
 * Walks the path as the kernel's dmar_match_pci_path() does: the first
 * pair is a function on root bus @s->bus, each next pair a function whose
 * upstream bridge is the previous one.  A one-pair path that names no root
 * bus function also matches the function at that bus and devfn (the
 * kernel's workaround for broken firmware paths).
 *
 * Return: the device index; -ENOENT if no device of the table matches;
 * -EINVAL for a NULL argument, a scope of another type or with no path.
 */
int64_t ig_dmar_scope_dev(const struct ig_dev *devs, uint32_t ndev,
			  uint16_t segment, const struct ig_dmar_scope *s);

/**
 * ig_dmar_assign() - which DMAR unit covers each device, and the units'
 * registration order
 * @d:		a table parsed completely by ig_dmar_parse()
 * @devs, @ndev: the device table
 * @scope_dev:	scratch of @d->nscopes entries; on return, each scope's
 *		device index or IG_NONE
 * @unit:	@ndev entries out: the registration index of the unit that
 *		covers the device (for struct ig_dev.iommu_unit), or IG_NONE
 *		if no active unit covers it (the IOMMU rejects it: set
 *		IG_DEV_IOMMU_REJECT)
 * @nactive:	out, or NULL: how many units register
 *
 * The kernel keeps the units in a list (dmar_register_drhd_unit(): units
 * with a device scope inserted at the head, INCLUDE_PCI_ALL units at the
 * tail), so units with a scope come in reverse table order and the
 * include-all units last; it registers the active ones in that order, and
 * looks a device up in the same order (device_lookup_iommu()): the first
 * unit whose scope lists the device or a bridge above it, else the
 * include-all unit of its segment.  A VF is looked up through its PF, a
 * device of a VMD domain through the VMD endpoint.  A unit whose scope
 * lists no device of the table does not register (init_no_remapping_devices
 * marks it ignored).  The cost is O(@ndev * (scopes * path length + units *
 * scopes * bridge depth)), bounded for any input.
 *
 * Return: 0; -EINVAL for a NULL argument or a table that was not parsed
 * completely (a count above its array size).
 */
int ig_dmar_assign(const struct ig_dmar *d, const struct ig_dev *devs,
		   uint32_t ndev, uint32_t *scope_dev, uint32_t *unit,
		   uint32_t *nactive);

/* struct ig_ivrs_entry.kind */
enum ig_ivrs_kind {
	IG_IVRS_ALL = 1, /* type 01h: every devid of the segment */
	IG_IVRS_SELECT, /* 02h, 46h: one devid */
	IG_IVRS_RANGE, /* 03h/47h ... 04h: devids first..last */
	IG_IVRS_ALIAS, /* 42h, or 43h ... 04h: first..last alias to @alias */
	IG_IVRS_SPECIAL, /* 48h: an IOAPIC or HPET at devid @first */
	IG_IVRS_HID, /* F0h: an ACPI device (platform device) at @first */
};

#define IG_IVRS_UID_MAX 32

/**
 * struct ig_ivhd - one IVHD block (an AMD IOMMU)
 * @address:	register base address
 * @devid:	the IOMMU's own PCI function, (bus << 8) | devfn
 * @segment:	PCI segment
 * @type:	block type: 0x10, 0x11 or 0x40
 * @flags:	block flags
 * @first_entry: index of its first entry in struct ig_ivrs.entries
 * @nentries:	number of its entries
 */
struct ig_ivhd {
	uint64_t address;
	uint16_t devid;
	uint16_t segment;
	uint8_t type;
	uint8_t flags;
	uint16_t reserved;
	uint32_t first_entry;
	uint32_t nentries;
};

/**
 * struct ig_ivrs_entry - one IVHD device entry, ranges already joined
 * @kind:	enum ig_ivrs_kind
 * @type:	the entry type as read (for ranges, the start entry's)
 * @flags:	the DTE setting byte
 * @variety:	IG_IVRS_SPECIAL: 1 IOAPIC, 2 HPET
 * @handle:	IG_IVRS_SPECIAL: IOAPIC ID or HPET number
 * @uid_type:	IG_IVRS_HID: 0 none, 1 integer, 2 string
 * @uid_len:	IG_IVRS_HID: bytes of UID in the table
 * @first, @last: devids covered, inclusive
 * @alias:	IG_IVRS_ALIAS: the devid the requests arrive with
 * @hid, @cid:	IG_IVRS_HID: hardware and compatible IDs, NUL-terminated
 * @uid:	IG_IVRS_HID: the UID bytes (a string is NUL-terminated; cut
 *		to IG_IVRS_UID_MAX - 1)
 */
struct ig_ivrs_entry {
	uint8_t kind;
	uint8_t type;
	uint8_t flags;
	uint8_t variety;
	uint8_t handle;
	uint8_t uid_type;
	uint8_t uid_len;
	uint8_t reserved;
	uint16_t first;
	uint16_t last;
	uint16_t alias;
	char hid[9];
	char cid[9];
	char uid[IG_IVRS_UID_MAX];
};

/**
 * struct ig_ivrs - what ig_ivrs_parse() found
 * @ivhd, @ivhd_max: the caller's IVHD array and its size
 * @entries, @entries_max: the caller's entry array and its size
 * @nivhd, @nentries: set by the parser: how many the table holds
 * @nother:	set by the parser: other blocks stepped over (IVMD, ...)
 * @ivinfo:	the IVinfo field
 */
struct ig_ivrs {
	struct ig_ivhd *ivhd;
	uint32_t ivhd_max;
	struct ig_ivrs_entry *entries;
	uint32_t entries_max;
	uint32_t nivhd;
	uint32_t nentries;
	uint32_t nother;
	uint32_t ivinfo;
};

/**
 * ig_ivrs_parse() - parse an ACPI IVRS table
 * @tbl:	the table bytes, starting with the "IVRS" signature
 * @len:	bytes readable at @tbl
 * @v:		arrays and sizes in, counts out
 *
 * Device entries are 4 bytes (types 00h-3Fh), 8 bytes (40h-7Fh) or, for
 * ACPI HID entries (F0h), 22 bytes plus the UID length.  A range end (04h)
 * without a start, and a start that no end closes, are dropped, as the
 * kernel drops them.  Unknown 4- and 8-byte types are stepped over.
 *
 * Return: 0; -EINVAL for a NULL argument, a wrong signature, a header
 * length shorter than 48 or longer than @len, a block shorter than its
 * header or running past the table, an entry running past its block, an
 * entry type of 80h or above other than F0h; -ENOSPC when an array is too
 * small (the counts give the room needed).
 */
int ig_ivrs_parse(const uint8_t *tbl, size_t len, struct ig_ivrs *v);

/**
 * ig_ivrs_target_type() - the IVHD type the kernel uses
 * @v:		a parsed table
 *
 * The kernel uses the IVHD blocks of one type only: the type of the last
 * supported block (<= 40h) that describes the same IOMMU as the first one
 * (get_highest_supported_ivhd_type()).
 *
 * Return: the type, or 0 if the table has no IVHD.
 */
uint8_t ig_ivrs_target_type(const struct ig_ivrs *v);

/**
 * ig_ivrs_assign() - which AMD IOMMU covers each device; IVRS DMA aliases
 * @v:		a table parsed completely by ig_ivrs_parse()
 * @devs, @ndev: the device table
 * @unit:	@ndev entries out: the registration index of the IOMMU that
 *		covers the device (IVHD blocks of the target type, in table
 *		order), or IG_NONE if none does or the device is the IOMMU's own
 *		function (the kernel clears its rlookup entry): set
 *		IG_DEV_IOMMU_REJECT then
 * @aliases:	out, or NULL: the alias entries that name a devfn on the
 *		device's own bus (the kernel's setup_aliases() adds only
 *		those to dma_alias_mask; aliases to another bus are dropped)
 * @aliases_max: size of @aliases
 * @naliases:	out: how many aliases there are (the room needed)
 *
 * A later entry for the same devid overrides an earlier one, as in the
 * kernel's rlookup and alias tables.  A VF is covered through its own
 * devid.  The cost is O(@ndev * entries).
 *
 * Return: 0; -EINVAL for a NULL argument or a table not parsed completely;
 * -ENOSPC if @aliases is too small (@naliases says how many are needed;
 * @unit is complete).
 */
int ig_ivrs_assign(const struct ig_ivrs *v, const struct ig_dev *devs,
		   uint32_t ndev, uint32_t *unit, struct ig_alias *aliases,
		   uint32_t aliases_max, uint32_t *naliases);

/**
 * ig_ivrs_hid_groups() - groups the IVRS ACPI-HID devices take
 * @v:		a parsed table
 *
 * ACPI-HID devices (platform devices such as AMDI0020 UARTs) with the same
 * devid share a group (acpihid_device_group()).  On kernels >= 6.2 the
 * platform bus is probed before PCI, so they take the numbers below the
 * first PCI group (struct ig_opts.first_number); on 6.1 and older they are
 * probed after PCI and do not shift PCI numbers.  Whether the ACPI namespace
 * really has each device enabled is not in the table: the count is an
 * upper bound.  Only the first 256 HID entries are looked at.
 *
 * Return: the number of distinct devids among the HID entries of the
 * target IVHD type.
 */
uint32_t ig_ivrs_hid_groups(const struct ig_ivrs *v);

#endif /* IOMMUGROUP_H */
