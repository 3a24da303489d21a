/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * ig_kprovider.h - the kernel provider of the iommugroup shim: fills the
 * core's device table (struct ig_dev) from the kernel's struct pci_dev list
 * and records the groups the kernel made, in one consistent snapshot.
 */
#ifndef IG_KPROVIDER_H
#define IG_KPROVIDER_H

#include <linux/types.h>
#include "iommugroup.h"

/* Upper bound of PCI functions snapshotted (config copies: 4 KiB each). */
#define IGK_MAX_DEVS 16384
/* Upper bound of root buses passed as ig_opts.root_order. */
#define IGK_MAX_ROOTS 256

/**
 * struct igk_snap - one snapshot of the kernel's PCI devices
 * @n:		number of functions in @devs
 * @devs:	the core's device table, [n]
 * @kgroup:	the kernel's iommu_group_id() for each device, -1 for none
 * @cfg:	the config space copies that @devs point into
 * @nvf:	number of SR-IOV virtual functions (hotplug_seq 1..nvf)
 * @orphans:	devices whose upstream bridge or physfn was not in the list
 *		(should be 0; the device is then taken as on a root bus)
 * @niommu:	devices that are IOMMUs themselves (from ACPI IVRS), marked
 *		IG_DEV_IOMMU_REJECT
 * @roots:	root buses in the kernel's pci_root_buses order, as
 *		(domain << 8) | bus
 * @nroots:	number of @roots
 */
struct igk_snap {
	u32 n;
	struct ig_dev *devs;
	s64 *kgroup;
	u8 *cfg;
	u32 nvf;
	u32 orphans;
	u32 niommu;
	u64 *roots;
	u32 nroots;
};

int igk_snapshot(struct igk_snap *s);
void igk_snap_free(struct igk_snap *s);
u32 igk_detect_iommu(const char **how);

#endif /* IG_KPROVIDER_H */
