// SPDX-License-Identifier: GPL-2.0-only OR MIT
/*
 * acpi.c - the firmware's IOMMU tables: ACPI DMAR (Intel VT-d) and ACPI
 * IVRS (AMD-Vi) parsers, and which IOMMU unit covers each device.
 *
 * Every read is checked against the length the caller gave, not against
 * the lengths the table claims; every loop advances by at least 4 bytes or
 * one device, so hostile tables cannot make it run long.
 *
 * What the kernel does with the tables (read in drivers/iommu/intel/dmar.c,
 * drivers/iommu/intel/iommu.c, drivers/iommu/amd/init.c and
 * drivers/iommu/amd/iommu.c of v6.1 and v6.12) is written next to the code
 * that follows it.
 */
#include "ig_internal.h"

#define ACPI_HDR_LEN 36
#define DMAR_HDR_LEN 48
#define IVRS_HDR_LEN 48

static uint32_t rd16(const uint8_t *p)
{
	return (uint32_t)p[0] | ((uint32_t)p[1] << 8);
}

static uint32_t rd32(const uint8_t *p)
{
	return rd16(p) | (rd16(p + 2) << 16);
}

static uint64_t rd64(const uint8_t *p)
{
	return (uint64_t)rd32(p) | ((uint64_t)rd32(p + 4) << 32);
}

/* the table length to trust: the header's, if it fits in what was read */
static int acpi_table_len(const uint8_t *tbl, size_t len, const char *sig,
			  uint32_t min, uint32_t *tlen)
{
	uint32_t i, l;

	if (!tbl || len < ACPI_HDR_LEN)
		return -EINVAL;
	for (i = 0; i < 4; i++)
		if (tbl[i] != (uint8_t)sig[i])
			return -EINVAL;
	l = rd32(tbl + 4);
	if (l < min || l > len)
		return -EINVAL;
	*tlen = l;
	return 0;
}

static void copy_name(char *dst, uint32_t max, const uint8_t *src,
		      uint32_t n)
{
	uint32_t i;

	for (i = 0; i < n && i + 1 < max && src[i]; i++)
		dst[i] = (char)src[i];
	dst[i] = 0;
}

/* ------------------------------------------------------------------ */
/* DMAR */

#define DMAR_TYPE_DRHD 0
#define DMAR_TYPE_ANDD 4

static int dmar_scopes(const uint8_t *p, uint32_t off, uint32_t end,
		       struct ig_dmar *d)
{
	const uint8_t *q;
	struct ig_dmar_scope *s;
	uint32_t sl, np, i;

	while (off < end) {
		if (end - off < 6)
			return -EINVAL;
		q = p + off;
		sl = q[1];
		if (sl < 6 || sl > end - off || ((sl - 6) & 1))
			return -EINVAL;
		np = (sl - 6) / 2;
		if (np > IG_DMAR_MAX_PATH)
			return -EINVAL;
		if (d->nscopes < d->scopes_max) {
			s = &d->scopes[d->nscopes];
			s->type = q[0];
			s->enum_id = q[4];
			s->bus = q[5];
			s->npath = (uint8_t)np;
			for (i = 0; i < 2 * IG_DMAR_MAX_PATH; i++)
				s->path[i] = i < 2 * np ? q[6 + i] : 0;
		}
		d->nscopes++;
		off += sl;
	}
	return 0;
}

int ig_dmar_parse(const uint8_t *tbl, size_t len, struct ig_dmar *d)
{
	uint32_t tlen, off, type, sl;
	struct ig_dmar_unit *u;
	const uint8_t *p;
	int ret, full = 0;

	if (!d || (d->units_max && !d->units) ||
	    (d->scopes_max && !d->scopes) || (d->andd_max && !d->andd))
		return -EINVAL;
	d->nunits = 0;
	d->nscopes = 0;
	d->nandd = 0;
	d->nother = 0;
	ret = acpi_table_len(tbl, len, "DMAR", DMAR_HDR_LEN, &tlen);
	if (ret)
		return ret;
	d->haw = tbl[36];
	d->flags = tbl[37];
	/* remapping structures: type (2), length (2), body */
	for (off = DMAR_HDR_LEN; off < tlen; off += sl) {
		if (tlen - off < 4)
			return -EINVAL;
		p = tbl + off;
		type = rd16(p);
		sl = rd16(p + 2);
		if (sl < 4 || sl > tlen - off)
			return -EINVAL;
		if (type == DMAR_TYPE_DRHD) {
			/* flags (1), size (1), segment (2), base (8) */
			if (sl < 16)
				return -EINVAL;
			if (d->nunits < d->units_max) {
				u = &d->units[d->nunits];
				u->address = rd64(p + 8);
				u->segment = (uint16_t)rd16(p + 6);
				u->flags = p[4];
				u->reserved = 0;
				u->first_scope = d->nscopes;
			}
			ret = dmar_scopes(tbl, off + 16, off + sl, d);
			if (ret)
				return ret;
			if (d->nunits < d->units_max)
				d->units[d->nunits].nscope =
					d->nscopes - d->units[d->nunits].first_scope;
			d->nunits++;
		} else if (type == DMAR_TYPE_ANDD) {
			/* reserved (3), device number (1), name */
			if (sl < 8)
				return -EINVAL;
			if (d->nandd < d->andd_max) {
				d->andd[d->nandd].number = p[7];
				copy_name(d->andd[d->nandd].name,
					  IG_ACPI_NAME_MAX, p + 8, sl - 8);
			}
			d->nandd++;
		} else {
			/* RMRR, ATSR, RHSA, SATC, SIDP, ...: not needed for
			 * groups, stepped over by their length */
			d->nother++;
		}
	}
	if (d->nunits > d->units_max || d->nscopes > d->scopes_max ||
	    d->nandd > d->andd_max)
		full = 1;
	return full ? -ENOSPC : 0;
}

/* the device at (segment, bus, devfn) with upstream bridge @parent
 * (IG_NONE: on a root bus; ANY: wherever) */
#define ANY_PARENT 0xfffffffeu
static uint32_t find_child(const struct ig_dev *devs, uint32_t ndev,
			   uint32_t seg, uint32_t bus, uint32_t parent,
			   uint32_t devfn)
{
	uint32_t i;

	for (i = 0; i < ndev; i++) {
		if (devs[i].domain != seg || devs[i].devfn != devfn)
			continue;
		if (parent == ANY_PARENT || parent == IG_NONE) {
			if (devs[i].bus != bus)
				continue;
			if (parent == IG_NONE && devs[i].parent != IG_NONE)
				continue;
			if (devs[i].physfn != IG_NONE)
				continue;
			return i;
		}
		if (devs[i].parent == parent)
			return i;
	}
	return IG_NONE;
}

int64_t ig_dmar_scope_dev(const struct ig_dev *devs, uint32_t ndev,
			  uint16_t segment, const struct ig_dmar_scope *s)
{
	uint32_t cur, i, devfn;

	if ((!devs && ndev) || !s || !s->npath ||
	    s->npath > IG_DMAR_MAX_PATH ||
	    (s->type != IG_DMAR_SCOPE_ENDPOINT &&
	     s->type != IG_DMAR_SCOPE_BRIDGE))
		return -EINVAL;
	/*
	 * dmar_match_pci_path(): the device's chain of (devfn) from the
	 * function on its root bus down must equal the path, and the root
	 * bus number the scope's start bus.  With one path entry the kernel
	 * also accepts the device's own bus and devfn ("RMRR entry ... is
	 * broken - applying workaround").
	 */
	/* a device above 31 or a function above 7 names nothing */
	for (i = 0; i < s->npath; i++)
		if (s->path[2 * i] > 31 || s->path[2 * i + 1] > 7)
			return -ENOENT;
	devfn = ((uint32_t)s->path[0] << 3) | s->path[1];
	cur = find_child(devs, ndev, segment, s->bus, IG_NONE, devfn);
	if (cur == IG_NONE && s->npath == 1)
		cur = find_child(devs, ndev, segment, s->bus, ANY_PARENT,
				 devfn);
	for (i = 1; i < s->npath && cur != IG_NONE; i++) {
		devfn = ((uint32_t)s->path[2 * i] << 3) | s->path[2 * i + 1];
		cur = find_child(devs, ndev, segment, 0, cur, devfn);
	}
	return cur == IG_NONE ? -ENOENT : (int64_t)cur;
}

/* is @anc on the chain of upstream bridges of @dev?  (the kernel's
 * is_downstream_to_pci_bridge(): dev's bus inside the bridge's bus range) */
static int below(const struct ig_dev *devs, uint32_t ndev, uint32_t dev,
		 uint32_t anc)
{
	uint32_t p = devs[dev].parent, n = 0;

	while (p != IG_NONE && p < ndev && n++ < ndev) {
		if (p == anc)
			return 1;
		p = devs[p].parent;
	}
	return 0;
}

/*
 * The kernel's list of units: dmar_register_drhd_unit() (dmar.c, v6.1 and
 * v6.12 alike) does list_add_rcu() (head) for a unit with a device scope and
 * list_add_tail_rcu() for an INCLUDE_PCI_ALL unit.  So the list holds the
 * scoped units in reverse table order, then the include-all units in table
 * order.  Returns the table index of the @k-th unit of the list.
 */
static uint32_t dmar_list_unit(const struct ig_dmar *d, uint32_t k)
{
	uint32_t i, nscoped = 0;

	for (i = 0; i < d->nunits; i++)
		if (!(d->units[i].flags & IG_DMAR_INCLUDE_PCI_ALL))
			nscoped++;
	if (k < nscoped) {
		/* the k-th scoped unit from the end of the table */
		for (i = d->nunits; i-- > 0;)
			if (!(d->units[i].flags & IG_DMAR_INCLUDE_PCI_ALL) &&
			    k-- == 0)
				return i;
		return IG_NONE;
	}
	k -= nscoped;
	for (i = 0; i < d->nunits; i++)
		if ((d->units[i].flags & IG_DMAR_INCLUDE_PCI_ALL) && k-- == 0)
			return i;
	return IG_NONE;
}

static int dmar_unit_active(const struct ig_dmar *d, const uint32_t *sdev,
			    uint32_t u)
{
	const struct ig_dmar_unit *un = &d->units[u];
	uint32_t j;

	/* init_no_remapping_devices(): a unit that is not include-all and
	 * whose scope holds no device is ignored: never registered */
	if (un->flags & IG_DMAR_INCLUDE_PCI_ALL)
		return 1;
	for (j = 0; j < un->nscope; j++)
		if (sdev[un->first_scope + j] != IG_NONE ||
		    d->scopes[un->first_scope + j].type ==
			    IG_DMAR_SCOPE_NAMESPACE)
			return 1;
	return 0;
}

int ig_dmar_assign(const struct ig_dmar *d, const struct ig_dev *devs,
		   uint32_t ndev, uint32_t *scope_dev, uint32_t *unit,
		   uint32_t *nactive)
{
	uint32_t i, j, k, u, t, dev, reg, nreg = 0;
	const struct ig_dmar_unit *un;
	int64_t r;

	if (!d || (!devs && ndev) || (!unit && ndev) ||
	    (!scope_dev && d->nscopes) || d->nunits > d->units_max ||
	    d->nscopes > d->scopes_max || (d->nunits && !d->units) ||
	    (d->nscopes && !d->scopes))
		return -EINVAL;
	for (u = 0; u < d->nunits; u++) {
		un = &d->units[u];
		if (un->first_scope > d->nscopes ||
		    un->nscope > d->nscopes - un->first_scope)
			return -EINVAL;
		for (j = 0; j < un->nscope; j++) {
			r = ig_dmar_scope_dev(devs, ndev, un->segment,
					      &d->scopes[un->first_scope + j]);
			scope_dev[un->first_scope + j] =
				r >= 0 ? (uint32_t)r : IG_NONE;
		}
	}
	for (i = 0; i < ndev; i++)
		unit[i] = IG_NONE;
	/*
	 * intel_iommu_init() registers the active units in list order
	 * (for_each_active_iommu -> iommu_device_register()), and the
	 * lookup (device_lookup_iommu(), v6.12; device_to_iommu(), v6.1)
	 * walks the same list: the first unit of the device's segment whose
	 * scope holds the device, or a bridge the device sits below, wins;
	 * else the include-all unit.  VFs are looked up through the PF, VMD
	 * children through the VMD endpoint (pci_real_dma_dev()).
	 */
	for (k = 0; k < d->nunits; k++) {
		u = dmar_list_unit(d, k);
		if (u == IG_NONE)
			break;
		un = &d->units[u];
		if (!dmar_unit_active(d, scope_dev, u))
			continue;
		reg = nreg++;
		for (i = 0; i < ndev; i++) {
			if (unit[i] != IG_NONE)
				continue;
			dev = i;
			if (devs[dev].vmd_owner != IG_NONE &&
			    devs[dev].vmd_owner < ndev)
				dev = devs[dev].vmd_owner;
			if (devs[dev].physfn != IG_NONE &&
			    devs[dev].physfn < ndev)
				dev = devs[dev].physfn;
			if (devs[dev].domain != un->segment)
				continue;
			if (un->flags & IG_DMAR_INCLUDE_PCI_ALL) {
				unit[i] = reg;
				continue;
			}
			for (j = 0; j < un->nscope; j++) {
				t = scope_dev[un->first_scope + j];
				if (t == IG_NONE)
					continue;
				if (t == dev || below(devs, ndev, dev, t)) {
					unit[i] = reg;
					break;
				}
			}
		}
	}
	if (nactive)
		*nactive = nreg;
	return 0;
}

/* ------------------------------------------------------------------ */
/* IVRS */

#define IVHD_DEV_ALL 0x01
#define IVHD_DEV_SELECT 0x02
#define IVHD_DEV_SELECT_RANGE_START 0x03
#define IVHD_DEV_RANGE_END 0x04
#define IVHD_DEV_ALIAS 0x42
#define IVHD_DEV_ALIAS_RANGE 0x43
#define IVHD_DEV_EXT_SELECT 0x46
#define IVHD_DEV_EXT_SELECT_RANGE 0x47
#define IVHD_DEV_SPECIAL 0x48
#define IVHD_DEV_ACPI_HID 0xf0

static int ivhd_type(uint32_t t)
{
	return t == 0x10 || t == 0x11 || t == 0x40;
}

static struct ig_ivrs_entry *ivrs_new(struct ig_ivrs *v, uint32_t kind,
				      const uint8_t *e)
{
	struct ig_ivrs_entry *x = NULL;
	uint32_t i;

	if (v->nentries < v->entries_max) {
		x = &v->entries[v->nentries];
		x->kind = (uint8_t)kind;
		x->type = e[0];
		x->flags = e[3];
		x->variety = 0;
		x->handle = 0;
		x->uid_type = 0;
		x->uid_len = 0;
		x->reserved = 0;
		x->first = (uint16_t)rd16(e + 1);
		x->last = x->first;
		x->alias = x->first;
		for (i = 0; i < sizeof(x->hid); i++) {
			x->hid[i] = 0;
			x->cid[i] = 0;
		}
		for (i = 0; i < IG_IVRS_UID_MAX; i++)
			x->uid[i] = 0;
	}
	v->nentries++;
	return x;
}

/* the device entries of one IVHD block, [off, end) */
static int ivhd_entries(const uint8_t *tbl, uint32_t off, uint32_t end,
			struct ig_ivrs *v)
{
	const uint8_t *e;
	struct ig_ivrs_entry *x;
	uint32_t t, el, i, start_type = 0, start_devid = 0, start_flags = 0;
	uint32_t start_alias = 0, pending = 0;

	while (off < end) {
		if (end - off < 4)
			return -EINVAL;
		e = tbl + off;
		t = e[0];
		if (t < 0x80) {
			el = 4u << (t >> 6);
		} else if (t == IVHD_DEV_ACPI_HID) {
			if (end - off < 22)
				return -EINVAL;
			el = 22u + e[21];
		} else {
			/* the kernel's ivhd_entry_length() knows no other
			 * variable-length type: it cannot step over it */
			return -EINVAL;
		}
		if (el > end - off)
			return -EINVAL;
		switch (t) {
		case IVHD_DEV_ALL:
			x = ivrs_new(v, IG_IVRS_ALL, e);
			if (x) {
				x->first = 0;
				x->last = 0xffff;
			}
			pending = 0;
			break;
		case IVHD_DEV_SELECT:
		case IVHD_DEV_EXT_SELECT:
			ivrs_new(v, IG_IVRS_SELECT, e);
			pending = 0;
			break;
		case IVHD_DEV_ALIAS:
			x = ivrs_new(v, IG_IVRS_ALIAS, e);
			if (x)
				x->alias = (uint16_t)rd16(e + 5);
			pending = 0;
			break;
		case IVHD_DEV_SELECT_RANGE_START:
		case IVHD_DEV_EXT_SELECT_RANGE:
		case IVHD_DEV_ALIAS_RANGE:
			pending = 1;
			start_type = t;
			start_devid = rd16(e + 1);
			start_flags = e[3];
			start_alias = t == IVHD_DEV_ALIAS_RANGE ? rd16(e + 5) :
								  start_devid;
			break;
		case IVHD_DEV_RANGE_END:
			/* an end without a start is dropped */
			if (pending && rd16(e + 1) >= start_devid) {
				x = ivrs_new(v, start_type == IVHD_DEV_ALIAS_RANGE ?
						IG_IVRS_ALIAS : IG_IVRS_RANGE, e);
				if (x) {
					x->type = (uint8_t)start_type;
					x->flags = (uint8_t)start_flags;
					x->first = (uint16_t)start_devid;
					x->alias = (uint16_t)start_alias;
				}
			}
			pending = 0;
			break;
		case IVHD_DEV_SPECIAL:
			x = ivrs_new(v, IG_IVRS_SPECIAL, e);
			if (x) {
				x->handle = e[4];
				x->first = (uint16_t)rd16(e + 5);
				x->last = x->first;
				x->alias = x->first;
				x->variety = e[7];
			}
			pending = 0;
			break;
		case IVHD_DEV_ACPI_HID:
			x = ivrs_new(v, IG_IVRS_HID, e);
			if (x) {
				copy_name(x->hid, sizeof(x->hid), e + 4, 8);
				copy_name(x->cid, sizeof(x->cid), e + 12, 8);
				x->uid_type = e[20];
				x->uid_len = e[21];
				if (e[20] == 2) {
					copy_name(x->uid, IG_IVRS_UID_MAX,
						  e + 22, e[21]);
				} else {
					for (i = 0; i < e[21] &&
						    i < IG_IVRS_UID_MAX; i++)
						x->uid[i] = (char)e[22 + i];
				}
			}
			pending = 0;
			break;
		default:
			/* padding (0) and reserved types: stepped over */
			break;
		}
		off += el;
	}
	return 0;
}

int ig_ivrs_parse(const uint8_t *tbl, size_t len, struct ig_ivrs *v)
{
	uint32_t tlen, off, t, bl, hl;
	struct ig_ivhd *h;
	const uint8_t *p;
	int ret;

	if (!v || (v->ivhd_max && !v->ivhd) ||
	    (v->entries_max && !v->entries))
		return -EINVAL;
	v->nivhd = 0;
	v->nentries = 0;
	v->nother = 0;
	v->ivinfo = 0;
	ret = acpi_table_len(tbl, len, "IVRS", IVRS_HDR_LEN, &tlen);
	if (ret)
		return ret;
	v->ivinfo = rd32(tbl + 36);
	/* blocks: type (1), flags (1), length (2), ... */
	for (off = IVRS_HDR_LEN; off < tlen; off += bl) {
		if (tlen - off < 4)
			return -EINVAL;
		p = tbl + off;
		t = p[0];
		bl = rd16(p + 2);
		if (bl < 4 || bl > tlen - off)
			return -EINVAL;
		if (!ivhd_type(t)) {
			v->nother++; /* IVMD (20h-22h) and unknown blocks */
			continue;
		}
		hl = t == 0x10 ? 24 : 40;
		if (bl < hl)
			return -EINVAL;
		if (v->nivhd < v->ivhd_max) {
			h = &v->ivhd[v->nivhd];
			h->type = (uint8_t)t;
			h->flags = p[1];
			h->devid = (uint16_t)rd16(p + 4);
			h->address = rd64(p + 8);
			h->segment = (uint16_t)rd16(p + 16);
			h->reserved = 0;
			h->first_entry = v->nentries;
		}
		ret = ivhd_entries(tbl, off + hl, off + bl, v);
		if (ret)
			return ret;
		if (v->nivhd < v->ivhd_max)
			v->ivhd[v->nivhd].nentries =
				v->nentries - v->ivhd[v->nivhd].first_entry;
		v->nivhd++;
	}
	if (v->nivhd > v->ivhd_max || v->nentries > v->entries_max)
		return -ENOSPC;
	return 0;
}

uint8_t ig_ivrs_target_type(const struct ig_ivrs *v)
{
	uint32_t i, n;
	uint8_t last;
	uint16_t devid;

	if (!v || !v->nivhd || !v->ivhd)
		return 0;
	n = v->nivhd < v->ivhd_max ? v->nivhd : v->ivhd_max;
	/* get_highest_supported_ivhd_type() (amd/init.c): the kernel also
	 * looks at IVMD blocks (their devid field) and stops at the first
	 * block above 40h; here only IVHD blocks count */
	last = v->ivhd[0].type;
	devid = v->ivhd[0].devid;
	for (i = 0; i < n; i++)
		if (v->ivhd[i].devid == devid && v->ivhd[i].type <= 0x40)
			last = v->ivhd[i].type;
	return last;
}

int ig_ivrs_assign(const struct ig_ivrs *v, const struct ig_dev *devs,
		   uint32_t ndev, uint32_t *unit, struct ig_alias *aliases,
		   uint32_t aliases_max, uint32_t *naliases)
{
	const struct ig_ivrs_entry *x;
	const struct ig_ivhd *h;
	uint32_t i, j, k, reg, devid, got, alias, nal = 0;
	uint8_t type;

	if (!v || (!devs && ndev) || (!unit && ndev) || !naliases ||
	    (aliases_max && !aliases) || v->nivhd > v->ivhd_max ||
	    v->nentries > v->entries_max || (v->nivhd && !v->ivhd) ||
	    (v->nentries && !v->entries))
		return -EINVAL;
	for (k = 0; k < v->nivhd; k++)
		if (v->ivhd[k].first_entry > v->nentries ||
		    v->ivhd[k].nentries > v->nentries - v->ivhd[k].first_entry)
			return -EINVAL;
	type = ig_ivrs_target_type(v);
	/*
	 * init_iommu_all() takes the IVHD blocks of the target type in table
	 * order (list_add_tail to amd_iommu_list); each is registered in that
	 * order (iommu_init_pci() -> iommu_device_register()).  The entries
	 * fill rlookup_table[devid] (the IOMMU of a devid: the last entry
	 * wins) and alias_table[devid] (init_iommu_from_acpi()); an alias
	 * entry also makes its alias devid the IOMMU's.  The IOMMU's own
	 * function has its rlookup entry cleared (init_iommu_one()).
	 */
	for (i = 0; i < ndev; i++) {
		devid = ((uint32_t)devs[i].bus << 8) | devs[i].devfn;
		got = IG_NONE;
		alias = devid;
		reg = 0;
		for (k = 0; k < v->nivhd; k++) {
			h = &v->ivhd[k];
			if (h->type != type)
				continue;
			if (h->segment == devs[i].domain) {
				for (j = 0; j < h->nentries; j++) {
					x = &v->entries[h->first_entry + j];
					if (x->kind == IG_IVRS_ALIAS &&
					    x->alias == devid)
						got = reg;
					if (devid < x->first || devid > x->last)
						continue;
					got = reg;
					alias = x->kind == IG_IVRS_ALIAS ?
						x->alias : devid;
				}
				if (h->devid == devid)
					got = IG_NONE - 1; /* cleared */
			}
			reg++;
		}
		if (got == IG_NONE - 1)
			got = IG_NONE;
		/* check_device() also refuses a devid above the segment's
		 * last_bdf (find_last_devid_from_ivhd(): the highest devid of
		 * the SELECT, RANGE_END, ALIAS and EXT_SELECT entries, 0xffff
		 * with a select-all entry).  Only a devid named by nothing but
		 * a SPECIAL or ACPI-HID entry or as an alias target can lie
		 * above it; that case is not modelled. */
		unit[i] = got;
		/* setup_aliases(): only an alias on the device's own bus */
		if (got != IG_NONE && alias != devid &&
		    (alias >> 8) == devs[i].bus) {
			if (nal < aliases_max) {
				aliases[nal].dev = i;
				aliases[nal].devfn = (uint8_t)(alias & 0xff);
			}
			nal++;
		}
	}
	*naliases = nal;
	return nal > aliases_max ? -ENOSPC : 0;
}

/* HID entries looked at by ig_ivrs_hid_groups() (the duplicate test is
 * quadratic; real tables have a handful) */
#define IVRS_HID_MAX 256

uint32_t ig_ivrs_hid_groups(const struct ig_ivrs *v)
{
	const struct ig_ivrs_entry *x, *y;
	uint32_t k, j, k2, j2, n = 0, dup, seen = 0;
	uint8_t type;

	if (!v || v->nivhd > v->ivhd_max || v->nentries > v->entries_max)
		return 0;
	type = ig_ivrs_target_type(v);
	for (k = 0; k < v->nivhd; k++) {
		if (v->ivhd[k].type != type)
			continue;
		for (j = 0; j < v->ivhd[k].nentries; j++) {
			x = &v->entries[v->ivhd[k].first_entry + j];
			if (x->kind != IG_IVRS_HID || seen++ >= IVRS_HID_MAX)
				continue;
			/* counted at its first occurrence */
			dup = 0;
			for (k2 = 0; k2 <= k && !dup; k2++) {
				if (v->ivhd[k2].type != type ||
				    v->ivhd[k2].segment != v->ivhd[k].segment)
					continue;
				for (j2 = 0; j2 < v->ivhd[k2].nentries; j2++) {
					y = &v->entries[v->ivhd[k2].first_entry +
							j2];
					if (y == x)
						break;
					if (y->kind == IG_IVRS_HID &&
					    y->first == x->first) {
						dup = 1;
						break;
					}
				}
			}
			if (!dup)
				n++;
		}
	}
	return n;
}
