// SPDX-License-Identifier: GPL-2.0-only
/*
 * ig_kprovider.c - fill the iommugroup core's device table from the
 * kernel's own view of PCI: struct pci_dev, its config space read through
 * the kernel's config accessors, pci_upstream_bridge(), pci_physfn(), and
 * the host bridge a VMD domain hangs off.
 *
 * Everything happens in process context under pci_lock_rescan_remove(), so
 * the device list, the config copies and the kernel's groups are taken from
 * one state of the machine.  Nothing is written to any device.
 */
#define pr_fmt(fmt) "iommugroup: " fmt

#include <linux/kernel.h>
#include <linux/pci.h>
#include <linux/iommu.h>
#include <linux/vmalloc.h>
#include <linux/sort.h>
#include <linux/acpi.h>

#include "ig_kprovider.h"

/* pointer -> table index, sorted by pointer */
struct igk_pidx {
	struct pci_dev *pdev;
	u32 idx;
};

static int igk_pidx_cmp(const void *a, const void *b)
{
	const struct igk_pidx *x = a, *y = b;

	if (x->pdev == y->pdev)
		return 0;
	return (uintptr_t)x->pdev < (uintptr_t)y->pdev ? -1 : 1;
}

static u32 igk_lookup(const struct igk_pidx *map, u32 n, struct pci_dev *pdev)
{
	u32 lo = 0, hi = n;

	while (lo < hi) {
		u32 mid = lo + (hi - lo) / 2;

		if (map[mid].pdev == pdev)
			return map[mid].idx;
		if ((uintptr_t)map[mid].pdev < (uintptr_t)pdev)
			lo = mid + 1;
		else
			hi = mid;
	}
	return IG_NONE;
}

/* The PCI device that owns a VMD domain: the parent of the host bridge of
 * the device's root bus, when that parent is itself a PCI device (the VMD
 * endpoint calls pci_create_root_bus(&vmd->dev->dev, ...)).  This is what
 * pci_real_dma_dev() (arch/x86/pci/common.c) returns for such a device. */
static struct pci_dev *igk_vmd_owner(struct pci_dev *pdev)
{
	struct pci_bus *b = pdev->bus;
	struct device *host;

	if (pci_domain_nr(b) < 0x10000)
		return NULL;
	while (b->parent)
		b = b->parent;
	host = b->bridge;
	if (!host || !host->parent || !dev_is_pci(host->parent))
		return NULL;
	return to_pci_dev(host->parent);
}

static void igk_read_config(struct pci_dev *pdev, u8 *buf, u32 len)
{
	u32 off, v;

	for (off = 0; off < len; off += 4) {
		if (pci_user_read_config_dword(pdev, off, &v))
			v = ~0u;
		buf[off] = v & 0xff;
		buf[off + 1] = (v >> 8) & 0xff;
		buf[off + 2] = (v >> 16) & 0xff;
		buf[off + 3] = (v >> 24) & 0xff;
	}
}

static u32 igk_cfg_len(const struct pci_dev *pdev)
{
	return pdev->cfg_size > PCI_CFG_SPACE_SIZE ? PCI_CFG_SPACE_EXP_SIZE :
						     PCI_CFG_SPACE_SIZE;
}

static void igk_roots(struct igk_snap *s)
{
	struct pci_bus *b = NULL;

	s->nroots = 0;
	while ((b = pci_find_next_bus(b)) != NULL) {
		if (s->nroots == IGK_MAX_ROOTS)
			break;
		s->roots[s->nroots++] = ((u64)(u32)pci_domain_nr(b) << 8) |
					b->number;
	}
}

#ifdef CONFIG_ACPI
static u16 igk_le16(const u8 *p)
{
	return p[0] | (p[1] << 8);
}

/* Mark the PCI functions that are AMD IOMMUs themselves: the device ID of
 * each IVHD block of the ACPI IVRS table (types 10h, 11h, 40h).  The AMD
 * driver puts no IOMMU into a group (observed on 6.1 and 6.12: the IOMMU
 * function has no iommu_group and takes no group number), so the core is
 * told with IG_DEV_IOMMU_REJECT.  A userspace provider can read the same
 * table from /sys/firmware/acpi/tables/IVRS. */
static void igk_ivrs_mark(struct igk_snap *s)
{
	struct acpi_table_header *t;
	const u8 *p, *end;
	u32 i, count = 0;

	if (acpi_disabled ||
	    ACPI_FAILURE(acpi_get_table(ACPI_SIG_IVRS, 0, &t)))
		return;
	p = (const u8 *)t + sizeof(struct acpi_table_ivrs);
	end = (const u8 *)t + t->length;
	while (p + 6 <= end && count++ < 4096) {
		u8 type = p[0];
		u16 len = igk_le16(p + 2);
		u16 devid = igk_le16(p + 4);
		u16 seg;

		if (len < 6 || p + len > end)
			break;
		if ((type == ACPI_IVRS_TYPE_HARDWARE1 ||
		     type == ACPI_IVRS_TYPE_HARDWARE2 ||
		     type == ACPI_IVRS_TYPE_HARDWARE3) &&
		    len >= sizeof(struct acpi_ivrs_hardware_10)) {
			seg = igk_le16(p + offsetof(struct acpi_ivrs_hardware_10,
							      pci_segment_group));
			for (i = 0; i < s->n; i++) {
				struct ig_dev *d = &s->devs[i];

				if (d->domain == seg && d->bus == devid >> 8 &&
				    d->devfn == (devid & 0xff) &&
				    !(d->flags & IG_DEV_IOMMU_REJECT)) {
					d->flags |= IG_DEV_IOMMU_REJECT;
					s->niommu++;
				}
			}
		}
		p += len;
	}
	acpi_put_table(t);
}
#else
static void igk_ivrs_mark(struct igk_snap *s)
{
}
#endif

/* Fill the table from the referenced devices @pdevs[0..n) (list order). */
static void igk_fill(struct igk_snap *s, struct pci_dev **pdevs,
		     const struct igk_pidx *map)
{
	u32 i, len, off = 0;

	for (i = 0; i < s->n; i++) {
		struct pci_dev *pdev = pdevs[i];
		struct ig_dev *d = &s->devs[i];
		struct pci_dev *up, *vmd;
		struct iommu_group *grp;

		d->domain = (u32)pci_domain_nr(pdev->bus);
		d->bus = pdev->bus->number;
		d->devfn = pdev->devfn;
		d->parent = IG_NONE;
		d->physfn = IG_NONE;
		d->vmd_owner = IG_NONE;
		d->name = NULL;
		d->flags = IG_DEV_CFG_FULL;

		/* pci_upstream_bridge() steps from a VF to its PF first */
		up = pci_upstream_bridge(pdev);
		if (up) {
			d->parent = igk_lookup(map, s->n, up);
			if (d->parent == IG_NONE)
				s->orphans++;
		}
		if (pdev->is_virtfn) {
			d->physfn = igk_lookup(map, s->n, pci_physfn(pdev));
			if (d->physfn == IG_NONE)
				s->orphans++;
			/* VFs appear after boot, in device-list order */
			d->hotplug_seq = ++s->nvf;
		} else {
			d->hotplug_seq = 0;
		}
		vmd = igk_vmd_owner(pdev);
		if (vmd)
			d->vmd_owner = igk_lookup(map, s->n, vmd);

		len = igk_cfg_len(pdev);
		igk_read_config(pdev, s->cfg + off, len);
		d->config = s->cfg + off;
		d->config_len = len;
		off += len;

		grp = iommu_group_get(&pdev->dev);
		if (grp) {
			s->kgroup[i] = iommu_group_id(grp);
			iommu_group_put(grp);
		} else {
			s->kgroup[i] = -1;
		}
	}
}

static u32 igk_count(void)
{
	struct pci_dev *pdev = NULL;
	u32 n = 0;

	for_each_pci_dev(pdev)
		n++;
	return n;
}

/**
 * igk_snapshot() - take one snapshot of the kernel's PCI devices
 * @s:	filled in; free with igk_snap_free() whatever the result
 *
 * Process context only: it sleeps (mutex, vmalloc).
 *
 * Return: 0, -ENOMEM, or -E2BIG when there are more than IGK_MAX_DEVS
 * functions.
 */
int igk_snapshot(struct igk_snap *s)
{
	struct pci_dev **pdevs = NULL, *pdev = NULL;
	struct igk_pidx *map = NULL;
	size_t cfgbytes = 0;
	u32 n, i;
	int ret = 0;

	memset(s, 0, sizeof(*s));
	pci_lock_rescan_remove();
	n = igk_count();
	if (n > IGK_MAX_DEVS) {
		ret = -E2BIG;
		goto out;
	}
	pdevs = vcalloc(n ? n : 1, sizeof(*pdevs));
	map = vcalloc(n ? n : 1, sizeof(*map));
	s->devs = vcalloc(n ? n : 1, sizeof(*s->devs));
	s->kgroup = vcalloc(n ? n : 1, sizeof(*s->kgroup));
	s->roots = vcalloc(IGK_MAX_ROOTS, sizeof(*s->roots));
	if (!pdevs || !map || !s->devs || !s->kgroup || !s->roots) {
		ret = -ENOMEM;
		goto out;
	}

	/* The list cannot shrink under the rescan lock, but SR-IOV VFs may
	 * be added without it on older kernels: take at most n. */
	i = 0;
	for_each_pci_dev(pdev) {
		if (i == n) {
			pci_dev_put(pdev);
			break;
		}
		pdevs[i++] = pci_dev_get(pdev);
	}
	n = i;
	for (i = 0; i < n; i++)
		cfgbytes += igk_cfg_len(pdevs[i]);
	s->cfg = vmalloc(cfgbytes ? cfgbytes : 1);
	if (!s->cfg) {
		ret = -ENOMEM;
		goto put;
	}
	for (i = 0; i < n; i++) {
		map[i].pdev = pdevs[i];
		map[i].idx = i;
	}
	sort(map, n, sizeof(*map), igk_pidx_cmp, NULL);
	s->n = n;
	igk_fill(s, pdevs, map);
	igk_ivrs_mark(s);
	igk_roots(s);
put:
	for (i = 0; i < n; i++)
		pci_dev_put(pdevs[i]);
out:
	pci_unlock_rescan_remove();
	vfree(map);
	vfree(pdevs);
	return ret;
}

void igk_snap_free(struct igk_snap *s)
{
	vfree(s->devs);
	vfree(s->kgroup);
	vfree(s->cfg);
	vfree(s->roots);
	memset(s, 0, sizeof(*s));
}

/**
 * igk_detect_iommu() - which IOMMU driver this machine uses
 * @how:	set to a short description of how it was decided
 *
 * The firmware table the drivers start from: DMAR for Intel VT-d, IVRS for
 * AMD-Vi.  Without ACPI, or with neither table, the vendor of the host
 * bridge 0000:00:00.0 decides (8086 Intel, 1022 AMD), else "other".
 *
 * Return: enum ig_iommu
 */
u32 igk_detect_iommu(const char **how)
{
	struct pci_dev *hb;
	u32 ret = IG_IOMMU_OTHER;

#ifdef CONFIG_ACPI
	struct acpi_table_header *t;

	if (!acpi_disabled) {
		if (ACPI_SUCCESS(acpi_get_table(ACPI_SIG_DMAR, 0, &t))) {
			acpi_put_table(t);
			*how = "ACPI DMAR table";
			return IG_IOMMU_INTEL;
		}
		if (ACPI_SUCCESS(acpi_get_table(ACPI_SIG_IVRS, 0, &t))) {
			acpi_put_table(t);
			*how = "ACPI IVRS table";
			return IG_IOMMU_AMD;
		}
	}
#endif
	*how = "host bridge vendor";
	hb = pci_get_domain_bus_and_slot(0, 0, PCI_DEVFN(0, 0));
	if (hb) {
		if (hb->vendor == PCI_VENDOR_ID_INTEL)
			ret = IG_IOMMU_INTEL;
		else if (hb->vendor == PCI_VENDOR_ID_AMD)
			ret = IG_IOMMU_AMD;
		pci_dev_put(hb);
	}
	return ret;
}
