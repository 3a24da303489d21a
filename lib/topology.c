// SPDX-License-Identifier: GPL-2.0-only OR MIT
/*
 * topology.c - the device table: workspace layout, validation, the address
 * index, config-space parsing with bounded capability walks, the kernel's
 * device list order, and the non-PCI device walk.
 */
#include "ig_internal.h"

#define IG_ALIGN(x) (((x) + 7) & ~(size_t)7)
#define IG_STACK_FRAMES 1024

static uint32_t ig_hash_size_for(uint32_t ndev)
{
	uint32_t h = 16;

	while (h < 2 * ndev + 2)
		h <<= 1;
	return h;
}

size_t ig_workspace_size(uint32_t ndev, uint32_t next)
{
	size_t n = ndev, sz = 0;

	if (ndev > IG_MAX_ENTRIES || next > IG_MAX_ENTRIES)
		return 0;
	sz += IG_ALIGN(sizeof(struct ig_ctx));
	sz += IG_ALIGN(n * sizeof(struct ig_ds));
	sz += 8 * IG_ALIGN(n * sizeof(uint32_t)) + IG_ALIGN((n + 1) * 4);
	sz += IG_ALIGN(n * sizeof(struct ig_bus));
	sz += IG_ALIGN(n * sizeof(struct ig_group));
	sz += IG_ALIGN((size_t)ig_hash_size_for(ndev) * 4);
	sz += IG_ALIGN((size_t)next * 4);
	sz += IG_ALIGN((size_t)IG_STACK_FRAMES * 4 * 4);
	sz += IG_ALIGN(256 * 4);
	sz += IG_ALIGN(2 * n * sizeof(uint64_t));
	sz += IG_ALIGN(n * 8 * sizeof(uint32_t));
	return sz;
}

static uint32_t cfg_or(const struct ig_dev *d, uint32_t off, uint32_t len,
		       uint32_t dflt)
{
	if (!ig_cfg_ok(d, off, len))
		return dflt;
	return ig_cfg_read(d, off, len);
}

static int addr_cmp(const struct ig_dev *a, const struct ig_dev *b)
{
	if (a->domain != b->domain)
		return a->domain < b->domain ? -1 : 1;
	if (a->bus != b->bus)
		return a->bus < b->bus ? -1 : 1;
	if (a->devfn != b->devfn)
		return a->devfn < b->devfn ? -1 : 1;
	return 0;
}

/*
 * Sort idx[0..n) by key[]: an LSD radix sort on (key, index) pairs, stable
 * and linear; a byte that is the same in every key costs one counting pass
 * and no move.  Input already in order costs one pass.  k2/i2 are scratch
 * of n entries, cnt 256.  Result in key/idx.
 */
void ig_radix_sort(uint64_t *key, uint32_t *idx, uint64_t *k2, uint32_t *i2,
		   uint32_t n, uint32_t nbytes, uint32_t *cnt)
{
	uint64_t *ks = key, *kd = k2, *kt;
	uint32_t *is = idx, *id = i2, *it, b, i, sum, c, sh;

	for (i = 1; i < n; i++)
		if (key[i] < key[i - 1])
			break;
	if (i >= n)
		return;
	for (b = 0; b < nbytes; b++) {
		sh = 8 * b;
		for (i = 0; i < 256; i++)
			cnt[i] = 0;
		for (i = 0; i < n; i++)
			cnt[(ks[i] >> sh) & 0xff]++;
		if (cnt[(ks[0] >> sh) & 0xff] == n)
			continue;
		sum = 0;
		for (i = 0; i < 256; i++) {
			c = cnt[i];
			cnt[i] = sum;
			sum += c;
		}
		for (i = 0; i < n; i++) {
			c = cnt[(ks[i] >> sh) & 0xff]++;
			kd[c] = ks[i];
			id[c] = is[i];
		}
		kt = ks;
		ks = kd;
		kd = kt;
		it = is;
		is = id;
		id = it;
	}
	if (ks != key)
		for (i = 0; i < n; i++) {
			key[i] = ks[i];
			idx[i] = is[i];
		}
}

uint32_t ig_find(const struct ig_ctx *ctx, uint32_t domain, uint32_t bus,
		 uint32_t devfn)
{
	uint32_t lo = 0, hi = ctx->ndev, mid;
	struct ig_dev key;
	int c;

	key.domain = domain;
	key.bus = (uint8_t)bus;
	key.devfn = (uint8_t)devfn;
	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		c = addr_cmp(&ctx->devs[ctx->by_addr[mid]], &key);
		if (c == 0)
			return ctx->by_addr[mid];
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return IG_NONE;
}

/*
 * Standard capability walk, after __pci_find_next_cap_ttl() in
 * drivers/pci/pci.c (v6.1, v6.12): at most 48 steps, stop below 0x40 or at
 * ID 0xff.  Returns the offset, 0 if absent; sets *unknown when the walk ran
 * past the readable bytes.
 */
static uint32_t find_cap(const struct ig_dev *d, uint8_t want, int *unknown,
			 int *loop)
{
	uint32_t pos, ttl = IG_CAP_TTL, ent, ptr = 0x34;
	uint8_t hdr;

	if (!ig_cfg_ok(d, 0x0e, 1) || !ig_cfg_ok(d, 0x06, 2)) {
		*unknown = 1;
		return 0;
	}
	if (!(ig_cfg_read(d, 0x06, 2) & 0x0010)) /* PCI_STATUS_CAP_LIST */
		return 0;
	hdr = (uint8_t)(ig_cfg_read(d, 0x0e, 1) & 0x7f);
	if (hdr == 2)
		ptr = 0x14; /* CardBus */
	else if (hdr > 2)
		return 0;
	if (!ig_cfg_ok(d, ptr, 1)) {
		*unknown = 1;
		return 0;
	}
	pos = ig_cfg_read(d, ptr, 1);
	while (ttl--) {
		if (pos < 0x40)
			return 0;
		pos &= ~3u;
		if (!ig_cfg_ok(d, pos, 2)) {
			*unknown = 1;
			return 0;
		}
		ent = ig_cfg_read(d, pos, 2);
		if ((ent & 0xff) == 0xff)
			return 0;
		if ((ent & 0xff) == want)
			return pos;
		pos = ent >> 8;
	}
	*loop = 1;
	return 0;
}

/*
 * Extended capability walk, after pci_find_next_ext_capability() in
 * drivers/pci/pci.c: start at 0x100, at most 480 steps, stop at a zero
 * header or a next pointer below 0x100.
 */
static uint32_t find_ext_cap(const struct ig_dev *d, uint16_t want,
			     int *unknown, int *loop)
{
	uint32_t pos = 0x100, header, ttl = IG_EXT_CAP_TTL;

	if (!ig_cfg_ok(d, pos, 4)) {
		*unknown = 1;
		return 0;
	}
	header = ig_cfg_read(d, pos, 4);
	if (header == 0 || header == 0xffffffffu)
		return 0;
	while (ttl-- > 0) {
		if ((header & 0xffff) == want)
			return pos;
		pos = (header >> 20) & 0xffc;
		if (pos < 0x100)
			return 0;
		if (!ig_cfg_ok(d, pos, 4)) {
			*unknown = 1;
			return 0;
		}
		header = ig_cfg_read(d, pos, 4);
	}
	*loop = 1;
	return 0;
}

/* parse what does not depend on other devices */
static void parse_config(struct ig_ctx *ctx, uint32_t i)
{
	const struct ig_dev *d = &ctx->devs[i];
	struct ig_ds *s = &ctx->ds[i];
	struct ig_acs_info *a = &s->a;
	uint32_t pos, ssvid;
	int unknown = 0, loop = 0;

	a->vendor = (uint16_t)cfg_or(d, 0x00, 2, 0xffff);
	a->device = (uint16_t)cfg_or(d, 0x02, 2, 0xffff);
	a->revision = (uint8_t)cfg_or(d, 0x08, 1, 0);
	a->class = cfg_or(d, 0x08, 4, 0xffffffffu) >> 8;
	a->header_type = (uint8_t)(cfg_or(d, 0x0e, 1, 0) & 0x7f);
	a->multifunction = (uint8_t)((cfg_or(d, 0x0e, 1, 0) >> 7) & 1);
	a->port_type = IG_PT_NOT_PCIE;
	a->raw_port_type = IG_PT_NOT_PCIE;
	/* an SR-IOV VF reads ffff as vendor and device ID: the kernel takes
	 * them from the PF (fix_vf_ids() below), the rest is parsed */
	if (!ig_cfg_ok(d, 0, 16) ||
	    (ig_cfg_read(d, 0, 4) == 0xffffffffu && d->physfn == IG_NONE)) {
		/* nothing usable: a device that fell off the bus reads ones */
		a->dead = ig_cfg_ok(d, 0, 4) &&
			  ig_cfg_read(d, 0, 4) == 0xffffffffu;
		s->dflags |= IG_DF_PCIE_UNKNOWN | IG_DF_EXT_UNKNOWN;
		return;
	}
	if (a->header_type == 0) {
		a->subvendor = (uint16_t)cfg_or(d, 0x2c, 2, 0);
		a->subdevice = (uint16_t)cfg_or(d, 0x2e, 2, 0);
	} else if (a->header_type == 1) {
		s->dflags |= IG_DF_BRIDGE;
		a->secondary = (uint8_t)cfg_or(d, 0x19, 1, 0);
		a->subordinate = (uint8_t)cfg_or(d, 0x1a, 1, 0);
		/* bridges carry their subsystem IDs in the SSVID capability */
		ssvid = find_cap(d, 0x0d, &unknown, &loop);
		if (ssvid && ig_cfg_ok(d, ssvid + 4, 4)) {
			a->subvendor = (uint16_t)ig_cfg_read(d, ssvid + 4, 2);
			a->subdevice = (uint16_t)ig_cfg_read(d, ssvid + 6, 2);
		}
	}
	if (d->physfn != IG_NONE)
		a->multifunction = 0; /* pci_iov_add_virtfn() */
	unknown = 0;
	pos = find_cap(d, IG_PCI_CAP_ID_EXP, &unknown, &loop);
	if (unknown)
		s->dflags |= IG_DF_PCIE_UNKNOWN | IG_DF_EXT_UNKNOWN;
	if (loop)
		s->dflags |= IG_DF_CAP_LOOP;
	if (pos && ig_cfg_ok(d, pos + 2, 2)) {
		a->raw_port_type = (uint8_t)((ig_cfg_read(d, pos + 2, 2) >> 4) &
					     0xf);
		a->port_type = a->raw_port_type;
	}
	if (a->port_type == IG_PT_NOT_PCIE || unknown)
		return;
	/* extended space: PCIe devices only (pci_cfg_space_size()) */
	if (d->config_len <= 256) {
		if (!(d->flags & IG_DEV_CFG_FULL))
			s->dflags |= IG_DF_EXT_UNKNOWN;
		return;
	}
	unknown = 0;
	loop = 0;
	pos = find_ext_cap(d, IG_PCI_EXT_CAP_ID_ACS, &unknown, &loop);
	if (unknown)
		s->dflags |= IG_DF_EXT_UNKNOWN;
	if (loop)
		s->dflags |= IG_DF_CAP_LOOP;
	if (pos) {
		a->acs_pos = (uint16_t)pos;
		a->acs_cap = (uint16_t)cfg_or(d, pos + 4, 2, 0);
		a->acs_ctrl = (uint16_t)cfg_or(d, pos + 6, 2, 0);
		s->fw_ctrl = a->acs_ctrl;
		s->spt_cap = cfg_or(d, pos + 4, 4, 0);
		s->spt_ctrl = cfg_or(d, pos + 8, 4, 0);
		if (!ig_cfg_ok(d, pos, 12))
			s->dflags |= IG_DF_EXT_UNKNOWN;
	}
}

/*
 * pci_iov_add_virtfn() sets a VF's vendor to the PF's and its device ID to
 * the PF's SR-IOV capability "VF Device ID" (offset 0x1a).
 */
static void fix_vf_ids(struct ig_ctx *ctx, uint32_t i)
{
	const struct ig_dev *pf = &ctx->devs[ctx->devs[i].physfn];
	struct ig_acs_info *a = &ctx->ds[i].a;
	int unknown = 0, loop = 0;
	uint32_t pos;

	if (a->vendor != 0xffff)
		return;
	a->vendor = ctx->ds[ctx->devs[i].physfn].a.vendor;
	pos = find_ext_cap(pf, 0x0010, &unknown, &loop);
	if (pos && ig_cfg_ok(pf, pos + 0x1a, 2))
		a->device = (uint16_t)ig_cfg_read(pf, pos + 0x1a, 2);
}

/* PCIe Device Control 2, ARI Forwarding Enable: the bus below uses ARI */
static int ari_enabled_below(const struct ig_ctx *ctx, uint32_t bridge)
{
	const struct ig_dev *d = &ctx->devs[bridge];
	uint32_t pos;
	int unknown = 0, loop = 0;

	pos = find_cap(d, IG_PCI_CAP_ID_EXP, &unknown, &loop);
	if (!pos || !ig_cfg_ok(d, pos + 0x28, 2))
		return 0;
	return (ig_cfg_read(d, pos + 0x28, 2) >> 5) & 1;
}

/*
 * What depends on the upstream bridge, after set_pcie_port_type() in
 * drivers/pci/probe.c (v5.4 .. v6.12 and later): a port that claims DSP
 * below a downstream-type port, or USP below a USP, is "corrected"; the
 * kernel writes the new type unshifted into the capability-version bits, so
 * the type field reads 0 (Endpoint) afterwards.  And pci_scan_slot() forces
 * multifunction on every function > 0 it finds.
 */
static void parse_parent(struct ig_ctx *ctx, uint32_t i)
{
	const struct ig_dev *d = &ctx->devs[i];
	struct ig_acs_info *a = &ctx->ds[i].a;
	uint32_t p = d->parent;
	uint8_t pt;

	if (d->physfn == IG_NONE) {
		if ((d->devfn & 7) != 0)
			a->multifunction = 1;
		else if (d->devfn != 0 && p != IG_NONE &&
			 ari_enabled_below(ctx, p))
			a->multifunction = 1;
	}
	if (p == IG_NONE || a->port_type == IG_PT_NOT_PCIE ||
	    !ig_kver_has(ctx->opts.kernel, IG_KF_PORT_TYPE_FIX))
		return;
	pt = ctx->ds[p].a.port_type;
	if (a->port_type == IG_PT_DSP &&
	    (pt == IG_PT_RP || pt == IG_PT_DSP || pt == IG_PT_PCIE_BRIDGE))
		a->port_type = IG_PT_EP;
	else if (a->port_type == IG_PT_USP && pt == IG_PT_USP)
		a->port_type = IG_PT_EP;
}

/* -ELOOP if the parent links of PCI devices form a cycle; tmp is scratch */
static int check_cycles(struct ig_ctx *ctx)
{
	uint32_t i, j, *st = ctx->tmp;

	for (i = 0; i < ctx->ndev; i++)
		st[i] = 0;
	for (i = 0; i < ctx->ndev; i++) {
		j = i;
		while (j != IG_NONE && st[j] == 0) {
			st[j] = 1;
			j = ctx->devs[j].parent;
		}
		if (j != IG_NONE && st[j] == 1)
			return -ELOOP;
		j = i;
		while (j != IG_NONE && st[j] == 1) {
			st[j] = 2;
			j = ctx->devs[j].parent;
		}
	}
	return 0;
}

/* resolve every non-PCI device to its nearest PCI ancestor */
static int resolve_ext(struct ig_ctx *ctx)
{
	uint32_t i, j, n = ctx->ndev, top;
	const uint32_t busy = IG_NONE - 1;

	for (i = 0; i < ctx->next; i++)
		ctx->ext_res[i] = IG_NONE;
	for (i = 0; i < ctx->next; i++) {
		if (ctx->ext_res[i] != IG_NONE)
			continue;
		/* mark the chain busy until a PCI device or a resolved one */
		j = i;
		while (1) {
			if (ctx->ext_res[j] == busy)
				return -ELOOP;
			if (ctx->ext_res[j] != IG_NONE) {
				top = ctx->ext_res[j];
				break;
			}
			ctx->ext_res[j] = busy;
			if (ctx->ext[j].parent < n) {
				top = ctx->ext[j].parent;
				break;
			}
			j = ctx->ext[j].parent - n;
		}
		j = i;
		while (ctx->ext_res[j] == busy) {
			ctx->ext_res[j] = top;
			if (ctx->ext[j].parent < n)
				break;
			j = ctx->ext[j].parent - n;
		}
	}
	return 0;
}

/* position of a root bus in the firmware order, or IG_NONE */
static uint32_t root_rank(const struct ig_ctx *ctx, uint32_t domain,
			  uint32_t bus)
{
	uint64_t key = ((uint64_t)domain << 8) | bus;
	uint32_t i;

	for (i = 0; i < ctx->opts.nroot_order; i++)
		if (ctx->opts.root_order[i] == key)
			return i;
	return IG_NONE;
}

/*
 * The kernel's device list order for every device of the table (as if all
 * were present), into ctx->tmp2: root buses in firmware order, each bus's
 * devices by devfn, then each bridge's subtree depth first
 * (pci_scan_child_bus() in drivers/pci/probe.c).  An explicit stack in
 * ctx->tmp holds bridges still to descend into: siblings are pushed in
 * reverse, and a popped bridge emits its children and pushes its own child
 * bridges on top, so each subtree is complete before the next sibling's.
 */
static void scan_order(struct ig_ctx *ctx)
{
	uint32_t n = ctx->ndev, out = 0, i, b, r, first, cnt;
	uint32_t *stack = ctx->tmp;
	uint32_t sp, bi, rb, nroot = 0, best, bestrank, rank;
	uint32_t *rootbus = ctx->heap; /* scratch: one entry per root bus */

	/* root buses: buses holding a non-VF device without a parent */
	for (b = 0; b < ctx->nbus; b++) {
		for (i = 0; i < ctx->buses[b].count; i++) {
			bi = ctx->by_addr[ctx->buses[b].first + i];
			if (ctx->devs[bi].parent == IG_NONE &&
			    ctx->devs[bi].physfn == IG_NONE) {
				rootbus[nroot++] = b;
				break;
			}
		}
	}
	/* firmware order first (a short list), then ascending */
	for (r = 0; r < nroot; r++) {
		best = r;
		bestrank = root_rank(ctx, ctx->buses[rootbus[r]].domain,
				     ctx->buses[rootbus[r]].busnr);
		if (!ctx->opts.nroot_order)
			break;
		for (i = r + 1; i < nroot; i++) {
			rank = root_rank(ctx, ctx->buses[rootbus[i]].domain,
					 ctx->buses[rootbus[i]].busnr);
			if (rank < bestrank) {
				best = i;
				bestrank = rank;
			}
		}
		rb = rootbus[r];
		rootbus[r] = rootbus[best];
		rootbus[best] = rb;
	}
	for (r = 0; r < nroot; r++) {
		b = rootbus[r];
		first = ctx->buses[b].first;
		cnt = ctx->buses[b].count;
		/* the root bus's own devices (not VFs: they come later) */
		for (i = 0; i < cnt; i++) {
			bi = ctx->by_addr[first + i];
			if (ctx->devs[bi].parent == IG_NONE &&
			    ctx->devs[bi].physfn == IG_NONE)
				ctx->tmp2[out++] = bi;
		}
		/* then the bridges' subtrees, depth first */
		sp = 0;
		for (i = cnt; i-- > 0;) {
			bi = ctx->by_addr[first + i];
			if (ctx->devs[bi].parent == IG_NONE &&
			    ctx->child_start[bi] != ctx->child_start[bi + 1]) {
				stack[sp++] = bi;
			}
		}
		while (sp) {
			bi = stack[--sp];
			first = ctx->child_start[bi];
			cnt = ctx->child_start[bi + 1] - first;
			for (i = 0; i < cnt; i++)
				ctx->tmp2[out++] = ctx->child_list[first + i];
			/* push children with subtrees in reverse so the
			 * lowest devfn is scanned first */
			for (i = cnt; i-- > 0;) {
				b = ctx->child_list[first + i];
				if (ctx->child_start[b] !=
				    ctx->child_start[b + 1]) {
					stack[sp++] = b;
				}
			}
		}
	}
	/* devices not reached (VFs on a root bus) keep table order at the end */
	for (i = 0; i < n; i++)
		ctx->tmp[i] = 0;
	for (i = 0; i < out; i++)
		ctx->tmp[ctx->tmp2[i]] = 1;
	for (i = 0; i < n; i++)
		if (!ctx->tmp[i])
			ctx->tmp2[out++] = i;
}

/* the address index, the bus table and the children of each bridge */
static int build_index(struct ig_ctx *ctx)
{
	uint32_t i, n = ctx->ndev, b, p, j;
	const struct ig_dev *x, *y;

	for (i = 0; i < n; i++) {
		ctx->by_addr[i] = i;
		ctx->keys[i] = ((uint64_t)ctx->devs[i].domain << 16) |
			       ((uint32_t)ctx->devs[i].bus << 8) |
			       ctx->devs[i].devfn;
	}
	ig_radix_sort(ctx->keys, ctx->by_addr, ctx->keys + n, ctx->tmp, n, 6,
		      ctx->cnt);
	ctx->nbus = 0;
	for (i = 0; i < n; i++) {
		x = &ctx->devs[ctx->by_addr[i]];
		if (i > 0) {
			y = &ctx->devs[ctx->by_addr[i - 1]];
			if (addr_cmp(x, y) == 0)
				return -EEXIST;
		}
		if (i == 0 || x->domain != y->domain || x->bus != y->bus) {
			b = ctx->nbus++;
			ctx->buses[b].domain = x->domain;
			ctx->buses[b].busnr = x->bus;
			ctx->buses[b].first = i;
			ctx->buses[b].count = 0;
			ctx->buses[b].special = 0;
		}
		ctx->buses[ctx->nbus - 1].count++;
		ctx->ds[ctx->by_addr[i]].bus_id = ctx->nbus - 1;
	}
	/* children by parent, in address order (CSR) */
	for (i = 0; i <= n; i++)
		ctx->child_start[i] = 0;
	for (i = 0; i < n; i++) {
		p = ctx->devs[i].parent;
		if (p != IG_NONE && ctx->devs[i].physfn == IG_NONE)
			ctx->child_start[p + 1]++;
	}
	for (i = 0; i < n; i++)
		ctx->child_start[i + 1] += ctx->child_start[i];
	for (i = 0; i < n; i++)
		ctx->tmp[i] = ctx->child_start[i];
	for (j = 0; j < n; j++) {
		i = ctx->by_addr[j];
		p = ctx->devs[i].parent;
		if (p != IG_NONE && ctx->devs[i].physfn == IG_NONE)
			ctx->child_list[ctx->tmp[p]++] = i;
	}
	return 0;
}

static int validate(const struct ig_dev *devs, uint32_t ndev,
		    const struct ig_extdev *ext, uint32_t next)
{
	uint32_t i, p;

	for (i = 0; i < ndev; i++) {
		if ((devs[i].parent != IG_NONE && devs[i].parent >= ndev) ||
		    devs[i].parent == i)
			return devs[i].parent == i ? -ELOOP : -EINVAL;
		if (devs[i].physfn != IG_NONE) {
			p = devs[i].physfn;
			if (p >= ndev || p == i || devs[p].physfn != IG_NONE)
				return -EINVAL;
		}
		if (devs[i].vmd_owner != IG_NONE &&
		    (devs[i].vmd_owner >= ndev || devs[i].vmd_owner == i))
			return -EINVAL;
		if (devs[i].config_len && !devs[i].config)
			return -EINVAL;
		if (devs[i].config_len > 4096)
			return -EINVAL;
	}
	for (i = 0; i < next; i++)
		if (ext[i].parent >= ndev + next || ext[i].parent == ndev + i)
			return ext[i].parent == ndev + i ? -ELOOP : -EINVAL;
	return 0;
}

/* a parent must be a bridge (type 1 or CardBus) when its header is known */
static int check_parents(struct ig_ctx *ctx)
{
	uint32_t i, p;

	for (i = 0; i < ctx->ndev; i++) {
		p = ctx->devs[i].parent;
		if (p == IG_NONE || !ig_cfg_ok(&ctx->devs[p], 0x0e, 1) ||
		    ctx->ds[p].a.dead)
			continue;
		if (ctx->ds[p].a.header_type != 1 &&
		    ctx->ds[p].a.header_type != 2)
			return -EINVAL;
	}
	return 0;
}

int ig_init(void *ws, size_t wslen, const struct ig_dev *devs, uint32_t ndev,
	    const struct ig_extdev *ext, uint32_t next,
	    const struct ig_opts *opts, struct ig_ctx **ctxp)
{
	struct ig_ctx *ctx;
	uint8_t *p = ws;
	size_t need, i, n = ndev;
	int ret;

	if (!ws || !opts || !ctxp || (ndev && !devs) || (next && !ext))
		return -EINVAL;
	if (((uintptr_t)ws & 7) != 0)
		return -EINVAL;
	need = ig_workspace_size(ndev, next);
	if (!need)
		return -EINVAL;
	if (wslen < need)
		return -ENOSPC;
	if (!opts->kernel || opts->iommu < IG_IOMMU_INTEL ||
	    opts->iommu > IG_IOMMU_OTHER ||
	    (opts->acs_source != IG_ACS_LIVE &&
	     opts->acs_source != IG_ACS_SIMULATE) ||
	    opts->override_pos > IG_OVERRIDE_PROXMOX ||
	    opts->companion > IG_COMPANION_OFF ||
	    (opts->naliases && !opts->aliases) ||
	    (opts->nroot_order && !opts->root_order) ||
	    (opts->nprobe_order && !opts->probe_order) ||
	    opts->nprobe_order > ndev)
		return -EINVAL;
	for (i = 0; i < opts->naliases; i++)
		if (opts->aliases[i].dev >= ndev)
			return -EINVAL;
	ret = validate(devs, ndev, ext, next);
	if (ret)
		return ret;

	/* only the context and the per-device state need zeroes; every other
	 * array is written before it is read */
	for (i = 0; i < (IG_ALIGN(sizeof(*ctx)) +
			 IG_ALIGN(n * sizeof(struct ig_ds))) / 8; i++)
		((uint64_t *)ws)[i] = 0;
	ctx = (struct ig_ctx *)p;
	p += IG_ALIGN(sizeof(*ctx));
	ctx->ds = (struct ig_ds *)p;
	p += IG_ALIGN(n * sizeof(struct ig_ds));
	ctx->by_addr = (uint32_t *)p;
	p += IG_ALIGN(n * 4);
	ctx->order = (uint32_t *)p;
	p += IG_ALIGN(n * 4);
	ctx->list = (uint32_t *)p;
	p += IG_ALIGN(n * 4);
	ctx->child_list = (uint32_t *)p;
	p += IG_ALIGN(n * 4);
	ctx->tmp = (uint32_t *)p;
	p += IG_ALIGN(n * 4);
	ctx->tmp2 = (uint32_t *)p;
	p += IG_ALIGN(n * 4);
	ctx->heap = (uint32_t *)p;
	p += IG_ALIGN(n * 4);
	ctx->ext_res = (uint32_t *)p;
	p += IG_ALIGN((size_t)next * 4);
	ctx->child_start = (uint32_t *)p;
	p += IG_ALIGN((n + 1) * 4);
	ctx->buses = (struct ig_bus *)p;
	p += IG_ALIGN(n * sizeof(struct ig_bus));
	ctx->groups = (struct ig_group *)p;
	p += IG_ALIGN(n * sizeof(struct ig_group));
	ctx->hash_size = ig_hash_size_for(ndev);
	ctx->hash = (uint32_t *)p;
	p += IG_ALIGN((size_t)ctx->hash_size * 4);
	ctx->stack = (uint32_t *)p;
	ctx->stack_size = IG_STACK_FRAMES * 4;
	p += IG_ALIGN((size_t)IG_STACK_FRAMES * 4 * 4);
	ctx->cnt = (uint32_t *)p;
	p += IG_ALIGN(256 * 4);
	ctx->keys = (uint64_t *)p;
	p += IG_ALIGN(2 * n * sizeof(uint64_t));
	ctx->masks = (uint32_t *)p;

	ctx->devs = devs;
	ctx->ndev = ndev;
	for (i = 0; i < n; i++)
		if (devs[i].name)
			ctx->any_named = 1;
	ctx->ext = ext;
	ctx->next = next;
	ctx->opts = *opts;
	ig_cmdline_parse(&ctx->cl, opts->cmdline,
			 opts->override_pos != IG_OVERRIDE_NONE);
	ctx->override_on = opts->override_pos != IG_OVERRIDE_NONE &&
			   ctx->cl.ovr_given;
	ctx->companion_on = opts->companion == IG_COMPANION_ON ||
			    (opts->companion == IG_COMPANION_AUTO &&
			     ctx->override_on);
	ctx->bfsort = (ctx->cl.bfsort == 1 ||
		       ((opts->flags & IG_OPT_BFSORT_DMI) &&
			ctx->cl.bfsort != 2)) &&
		      (opts->iommu == IG_IOMMU_INTEL ||
		       opts->iommu == IG_IOMMU_AMD);

	ret = check_cycles(ctx);
	if (ret)
		return ret;
	ret = resolve_ext(ctx);
	if (ret)
		return ret;
	ret = build_index(ctx);
	if (ret)
		return ret;
	for (i = 0; i < n; i++) {
		ctx->ds[i].group = IG_NONE;
		ctx->ds[i].next_member = IG_NONE;
		ctx->ds[i].prev_member = IG_NONE;
		ctx->ds[i].suffix = -1;
		ctx->ds[i].hash_slot = IG_NONE;
		ctx->ds[i].path_blocker = IG_NONE;
		ctx->ds[i].reason.related = IG_NONE;
		ctx->ds[i].reason.via = IG_NONE;
		ctx->ds[i].reason.blocker = IG_NONE;
		parse_config(ctx, (uint32_t)i);
	}
	for (i = 0; i < n; i++)
		if (devs[i].physfn != IG_NONE)
			fix_vf_ids(ctx, (uint32_t)i);
	ret = check_parents(ctx);
	if (ret)
		return ret;
	scan_order(ctx);
	ret = ig_topology_init(ctx);
	if (ret)
		return ret;
	ig_names_init(ctx);
	*ctxp = ctx;
	return 0;
}

/* called by group.c in full scan order (parents first) */
void ig_topology_parse_parent(struct ig_ctx *ctx, uint32_t dev)
{
	parse_parent(ctx, dev);
}

int64_t ig_ext_resolve(const struct ig_ctx *ctx, uint32_t ext)
{
	if (!ctx || ext >= ctx->next)
		return -EINVAL;
	return ctx->ext_res[ext];
}

int ig_dev_acs(const struct ig_ctx *ctx, uint32_t dev, struct ig_acs_info *info)
{
	if (!ctx || !info || dev >= ctx->ndev)
		return -EINVAL;
	*info = ctx->ds[dev].a;
	return 0;
}

int ig_dev_alias_mask(const struct ig_ctx *ctx, uint32_t dev, uint8_t *mask)
{
	uint32_t i, any = 0;

	if (!ctx || !mask || dev >= ctx->ndev)
		return -EINVAL;
	for (i = 0; i < 32; i++) {
		mask[i] = (ctx->ds[dev].dflags & IG_DF_HAS_ALIASES) ?
				  (uint8_t)(ctx->masks[(size_t)dev * 8 + i / 4] >>
					    (8 * (i % 4))) :
				  0;
		any |= mask[i];
	}
	return any ? 1 : 0;
}
