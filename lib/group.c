// SPDX-License-Identifier: GPL-2.0-only OR MIT
/*
 * group.c - the grouping algorithm in the kernel's probe order, group
 * numbers, reasons, and changes after boot.
 *
 * It mirrors pci_device_group(), get_pci_alias_group() and
 * get_pci_function_alias_group() of drivers/iommu/iommu.c (v6.1, v6.12: the
 * logic is the same from v4.4 to 2026), pci_for_each_dma_alias() of
 * drivers/pci/search.c, and the IDA numbering of iommu_group_alloc().
 * The kernel recurses in the alias search; here an explicit stack does the
 * same walk in the same order.
 */
#include "ig_internal.h"

#define UHCI 0x0c0300
#define OHCI 0x0c0310
#define EHCI 0x0c0320

/* ------------------------------------------------------------------ */
/* preparation */

static int bus_of_same(const struct ig_ctx *ctx, uint32_t a, uint32_t b)
{
	return ctx->ds[a].bus_id == ctx->ds[b].bus_id;
}

static uint32_t real_dma_dev(const struct ig_ctx *ctx, uint32_t d)
{
	if (ctx->devs[d].vmd_owner != IG_NONE &&
	    ig_kver_has(ctx->opts.kernel, IG_KF_REAL_DMA_DEV))
		return ctx->devs[d].vmd_owner;
	return d;
}

/*
 * The boot probe order, from the device list (ctx->list).
 *
 * v6.1 and older: the IOMMU drivers register every unit first
 * (intel_iommu_init(): for_each_active_iommu -> iommu_device_register(),
 * which only adds the unit to a list; amd_iommu_init_api() likewise) and
 * then call bus_set_iommu(&pci_bus_type, ops) once, whose bus_iommu_probe()
 * walks the PCI device list: all devices in list order.
 *
 * v6.2 and newer (bus_set_iommu() retired): iommu_device_register() itself
 * runs bus_iommu_probe() on each bus (platform, PCI, ...) for every unit as
 * it registers, and the drivers refuse a device whose unit has not
 * registered yet (intel_iommu_probe_device(): "if (!iommu ||
 * !iommu->iommu.ops) return -ENODEV"; amd_iommu_probe_device(): "Not
 * registered yet?").  So the first registration takes the devices of the
 * first unit, in list order, the second the second unit's, and so on:
 * a stable sort of the list by struct ig_dev.iommu_unit.
 *
 * An explicit opts.probe_order (the kernel log's order) replaces both.
 */
static int probe_order_init(struct ig_ctx *ctx)
{
	uint32_t i, d, n = ctx->norder, k = 0, split = 0;
	uint32_t *mark = ctx->tmp;

	if (ctx->opts.nprobe_order) {
		for (i = 0; i < ctx->ndev; i++)
			mark[i] = 0;
		for (i = 0; i < n; i++)
			mark[ctx->list[i]] = 1; /* present at boot */
		for (i = 0; i < ctx->opts.nprobe_order; i++) {
			d = ctx->opts.probe_order[i];
			if (d >= ctx->ndev || mark[d] != 1)
				return -EINVAL; /* out of range, repeated, or
						 * not present at boot */
			mark[d] = 2;
			ctx->order[k++] = d;
		}
		for (i = 0; i < n; i++)
			if (mark[ctx->list[i]] == 1)
				ctx->order[k++] = ctx->list[i];
		return 0;
	}
	for (i = 0; i < n; i++) {
		ctx->order[i] = ctx->list[i];
		ctx->keys[i] = ctx->devs[ctx->list[i]].iommu_unit;
		if (ctx->keys[i] != ctx->keys[0])
			split = 1;
	}
	if (split && ctx->opts.kernel >= IG_KVER(6, 2, 0))
		ig_radix_sort(ctx->keys, ctx->order, ctx->keys + ctx->ndev,
			      ctx->tmp, n, 4, ctx->cnt);
	return 0;
}

int ig_topology_init(struct ig_ctx *ctx)
{
	uint32_t i, d, p, n = ctx->ndev;
	struct ig_ds *s;

	/* parents come before children in ctx->tmp2 (full scan order) */
	for (i = 0; i < n; i++) {
		d = ctx->tmp2[i];
		ig_topology_parse_parent(ctx, d);
		ig_quirks_flags(ctx, d);
		ig_quirks_aliases(ctx, d);
	}
	for (i = 0; i < ctx->opts.naliases; i++) {
		ig_mask_set(ig_alias_mask(ctx, ctx->opts.aliases[i].dev),
			    ctx->opts.aliases[i].devfn);
	}
	for (i = 0; i < n; i++) {
		if (ctx->opts.acs_source == IG_ACS_SIMULATE)
			ig_acs_simulate(ctx, i);
		ig_acs_evaluate(ctx, i);
		if (ctx->ds[i].a.uncertain)
			ctx->uncertain_any = 1;
	}
	/* pci_acs_path_enabled(dev, NULL, REQ), memoised top-down */
	for (i = 0; i < n; i++) {
		d = ctx->tmp2[i];
		s = &ctx->ds[d];
		p = ctx->devs[d].parent;
		if (!s->a.enabled) {
			s->path_ok = 0;
			s->path_blocker = d;
			s->path_unc = s->a.uncertain;
		} else if (p == IG_NONE) {
			s->path_ok = 1;
			s->path_unc = s->a.uncertain;
		} else {
			s->path_ok = ctx->ds[p].path_ok;
			s->path_blocker = ctx->ds[p].path_blocker;
			s->path_unc = s->a.uncertain | ctx->ds[p].path_unc;
		}
	}
	/* buses where alias_group() has candidates to look at */
	for (i = 0; i < n; i++) {
		if (ctx->ds[i].dflags & IG_DF_HAS_ALIASES)
			ctx->buses[ctx->ds[i].bus_id].special = 1;
		d = real_dma_dev(ctx, i);
		if (d != i && bus_of_same(ctx, d, i))
			ctx->buses[ctx->ds[i].bus_id].special = 1;
	}
	/* boot device list: scan order, or breadth-first with bfsort */
	ctx->norder = 0;
	for (i = 0; i < n; i++) {
		d = ctx->bfsort ? ctx->by_addr[i] : ctx->tmp2[i];
		if (ctx->devs[d].hotplug_seq == 0 &&
		    !(ctx->devs[d].flags & IG_DEV_NOT_PRESENT))
			ctx->list[ctx->norder++] = d;
	}
	return probe_order_init(ctx);
}

/* ------------------------------------------------------------------ */
/* group numbers: the kernel's IDA gives the lowest free number */

static void heap_push(struct ig_ctx *ctx, uint32_t v)
{
	uint32_t i = ctx->nheap++, p, t;

	ctx->heap[i] = v;
	while (i > 0) {
		p = (i - 1) / 2;
		if (ctx->heap[p] <= ctx->heap[i])
			break;
		t = ctx->heap[p];
		ctx->heap[p] = ctx->heap[i];
		ctx->heap[i] = t;
		i = p;
	}
}

static uint32_t heap_pop(struct ig_ctx *ctx)
{
	uint32_t top = ctx->heap[0], i = 0, l, r, m, t;

	ctx->heap[0] = ctx->heap[--ctx->nheap];
	while (1) {
		l = 2 * i + 1;
		r = l + 1;
		m = i;
		if (l < ctx->nheap && ctx->heap[l] < ctx->heap[m])
			m = l;
		if (r < ctx->nheap && ctx->heap[r] < ctx->heap[m])
			m = r;
		if (m == i)
			break;
		t = ctx->heap[m];
		ctx->heap[m] = ctx->heap[i];
		ctx->heap[i] = t;
		i = m;
	}
	return top;
}

static uint32_t group_alloc(struct ig_ctx *ctx)
{
	uint32_t g;

	if (ctx->nheap)
		g = heap_pop(ctx);
	else
		g = ctx->next_fresh++;
	ctx->groups[g].head = IG_NONE;
	ctx->groups[g].tail = IG_NONE;
	ctx->groups[g].count = 0;
	ctx->groups[g].uncertain = 0;
	ctx->groups[g].name = NULL;
	ctx->ngroups++;
	return g;
}

static void group_join(struct ig_ctx *ctx, uint32_t g, uint32_t d)
{
	struct ig_group *gr = &ctx->groups[g];
	struct ig_ds *s = &ctx->ds[d];

	s->group = g;
	s->prev_member = gr->tail;
	s->next_member = IG_NONE;
	if (gr->tail != IG_NONE)
		ctx->ds[gr->tail].next_member = d;
	else
		gr->head = d;
	gr->tail = d;
	gr->count++;
	if (s->reason.uncertain) {
		gr->uncertain = 1;
		ctx->uncertain_any = 1;
	}
	ctx->nmembers++;
	ig_link_add(ctx, d);
}

/* ------------------------------------------------------------------ */
/* pci_device_group() */

static int dma_aliases(const struct ig_ctx *ctx, uint32_t a, uint32_t b)
{
	return ig_alias_test(ctx, a, ctx->devs[b].devfn) ||
	       ig_alias_test(ctx, b, ctx->devs[a].devfn) ||
	       real_dma_dev(ctx, a) == b || real_dma_dev(ctx, b) == a;
}

static int in_list(const struct ig_ctx *ctx, uint32_t t)
{
	return ctx->ds[t].present;
}

/*
 * The next device after list position *cursor on x's bus that alias_group
 * (kind 0: DMA alias relation) or function_alias_group (kind 1: same slot,
 * not ACS-isolated) would visit, in global list order.  The device list of
 * one bus holds at most 256 functions.
 */
static uint32_t next_candidate(struct ig_ctx *ctx, uint32_t kind, uint32_t x,
			       uint32_t cursor, uint32_t *unc)
{
	const struct ig_bus *b = &ctx->buses[ctx->ds[x].bus_id];
	uint32_t i, t, best = IG_NONE, bestpos = IG_NONE, f, base;

	if (kind == 0) {
		for (i = 0; i < b->count; i++) {
			t = ctx->by_addr[b->first + i];
			if (t == x || !in_list(ctx, t))
				continue;
			if (ctx->ds[t].pos <= cursor && cursor != IG_NONE)
				continue;
			if (ctx->ds[t].pos >= bestpos)
				continue;
			if (!dma_aliases(ctx, x, t))
				continue;
			best = t;
			bestpos = ctx->ds[t].pos;
		}
		return best;
	}
	base = ctx->devs[x].devfn & ~7u;
	for (f = 0; f < 8; f++) {
		t = ig_find(ctx, ctx->devs[x].domain, ctx->devs[x].bus, base + f);
		if (t == IG_NONE || t == x || !in_list(ctx, t) ||
		    !bus_of_same(ctx, t, x))
			continue;
		if (cursor != IG_NONE && ctx->ds[t].pos <= cursor)
			continue;
		if (ctx->ds[t].pos >= bestpos)
			continue;
		if (ctx->ds[t].a.uncertain)
			*unc = 1;
		if (ctx->ds[t].a.enabled)
			continue;
		best = t;
		bestpos = ctx->ds[t].pos;
	}
	return best;
}

enum { F_AG = 0, F_FAG = 1 };

struct frame {
	uint32_t kind, dev, cursor, phase;
};

/*
 * get_pci_alias_group(start) or get_pci_function_alias_group(start) with a
 * shared devfn bitmap, walked without recursion.  Returns the device whose
 * group was found, or IG_NONE.
 */
static uint32_t alias_search(struct ig_ctx *ctx, uint32_t kind, uint32_t start,
			     uint32_t *visited, uint32_t *unc)
{
	struct frame *st = (struct frame *)ctx->stack;
	uint32_t max = ctx->stack_size / 4, sp = 0, x, t;
	struct frame *f;

	st[sp].kind = kind;
	st[sp].dev = start;
	st[sp].cursor = IG_NONE;
	st[sp].phase = 0;
	sp++;
	/* entry checks happen when a frame is first seen (phase 0) */
	while (sp) {
		f = &st[sp - 1];
		x = f->dev;
		if (f->phase == 0) {
			f->phase = 1;
			if (f->kind == F_AG) {
				if (ig_mask_test(visited, ctx->devs[x].devfn)) {
					sp--;
					continue;
				}
				ig_mask_set(visited, ctx->devs[x].devfn);
				if (ctx->ds[x].group != IG_NONE)
					return x;
				if (!ctx->buses[ctx->ds[x].bus_id].special) {
					sp--;
					continue;
				}
			} else {
				if (ctx->ds[x].a.uncertain)
					*unc = 1;
				if (!ctx->ds[x].a.multifunction ||
				    ctx->ds[x].a.enabled) {
					sp--;
					continue;
				}
			}
		}
		/* pick the next candidate and descend */
		t = next_candidate(ctx, f->kind, x, f->cursor, unc);
		if (t == IG_NONE) {
			sp--;
			continue;
		}
		f->cursor = ctx->ds[t].pos;
		if (sp + 2 > max)
			return IG_NONE; /* cannot happen: <= 256 live AG frames */
		if (f->kind == F_AG) {
			/* alias_group(t), then function_alias_group(t):
			 * pushed in reverse so alias_group runs first */
			st[sp].kind = F_FAG;
			st[sp].dev = t;
			st[sp].cursor = IG_NONE;
			st[sp].phase = 0;
			sp++;
		}
		st[sp].kind = F_AG;
		st[sp].dev = t;
		st[sp].cursor = IG_NONE;
		st[sp].phase = 0;
		sp++;
	}
	return IG_NONE;
}

static int is_pcie_type(const struct ig_ds *s, uint8_t t)
{
	return s->a.port_type == t;
}

/*
 * pci_device_group() of drivers/iommu/iommu.c.  Returns the group slot to
 * join, or IG_NONE for a new group; fills the reason.
 */
static uint32_t device_group(struct ig_ctx *ctx, uint32_t d,
			     struct ig_reason *r)
{
	uint32_t visited[8] = { 0 };
	uint32_t last, cur, t, found, unc = 0;
	const struct ig_ds *ts;

	r->related = IG_NONE;
	r->via = IG_NONE;
	r->blocker = IG_NONE;
	r->uncertain = 0;

	/* step 1: pci_for_each_dma_alias() until a reported device has a
	 * group; the device's own RID and its dma_alias_mask entries report
	 * real_dma_dev(d) */
	last = real_dma_dev(ctx, d);
	if (ctx->ds[last].group != IG_NONE) {
		r->join = IG_JOIN_DMA_ALIAS;
		r->related = last;
		return ctx->ds[last].group;
	}
	cur = last;
	while ((t = ctx->devs[cur].parent) != IG_NONE) {
		ts = &ctx->ds[t];
		if (ts->dflags & IG_DF_XLATE_ROOT)
			break;
		if (ts->dflags & IG_DF_PCIE_UNKNOWN)
			unc = 1;
		cur = t;
		if (ts->a.port_type != IG_PT_NOT_PCIE) {
			if (!is_pcie_type(ts, IG_PT_PCI_BRIDGE) &&
			    !is_pcie_type(ts, IG_PT_PCIE_BRIDGE))
				continue;
			if (is_pcie_type(ts, IG_PT_PCI_BRIDGE) &&
			    (ts->dflags & IG_DF_PCI_BRIDGE_NO_ALIAS))
				continue;
		}
		last = t;
		if (ts->group != IG_NONE) {
			r->join = IG_JOIN_DMA_ALIAS;
			r->related = t;
			r->uncertain = unc;
			return ts->group;
		}
	}

	/* step 2: the upstream buses up to the first ACS-isolated path */
	cur = last;
	while ((t = ctx->devs[cur].parent) != IG_NONE) {
		ts = &ctx->ds[t];
		unc |= ts->path_unc;
		if (ts->path_ok)
			break;
		cur = t;
		if (ts->group != IG_NONE) {
			r->join = IG_JOIN_UPSTREAM;
			r->related = t;
			r->via = t;
			r->blocker = ts->path_blocker;
			r->uncertain = unc;
			return ts->group;
		}
	}

	/* steps 3 and 4: alias group, function alias group of cur */
	found = alias_search(ctx, F_AG, cur, visited, &unc);
	if (found != IG_NONE) {
		r->join = IG_JOIN_ALIAS_GROUP;
		r->related = found;
		r->via = cur;
		r->uncertain = unc;
		return ctx->ds[found].group;
	}
	found = alias_search(ctx, F_FAG, cur, visited, &unc);
	if (found != IG_NONE) {
		r->join = IG_JOIN_FUNCTION;
		r->related = found;
		r->via = cur;
		r->uncertain = unc;
		return ctx->ds[found].group;
	}
	r->join = IG_JOIN_NEW;
	r->via = cur != d ? cur : IG_NONE;
	r->uncertain = unc;
	return IG_NONE;
}

static int usb_hc(uint32_t class)
{
	return class == UHCI || class == OHCI || class == EHCI;
}

/*
 * The USB companion-controller policy: a UHCI/OHCI/EHCI function of a slot
 * that also holds an EHCI function joins the group of the slot's EHCI (or,
 * while it has none, of the first companion that has one) instead of taking
 * a new group.  No kernel does this; it keeps companions together when an
 * override would split them.
 */
static uint32_t companion_group(struct ig_ctx *ctx, uint32_t d,
				uint32_t *rel)
{
	uint32_t f, t, base = ctx->devs[d].devfn & ~7u, ehci = IG_NONE;
	uint32_t first = IG_NONE;

	if (!usb_hc(ctx->ds[d].a.class))
		return IG_NONE;
	for (f = 0; f < 8; f++) {
		t = ig_find(ctx, ctx->devs[d].domain, ctx->devs[d].bus, base + f);
		if (t == IG_NONE || !ctx->ds[t].present ||
		    !usb_hc(ctx->ds[t].a.class))
			continue;
		if (ctx->ds[t].a.class == EHCI && ehci == IG_NONE)
			ehci = t;
		if (t != d && ctx->ds[t].group != IG_NONE &&
		    (first == IG_NONE || ctx->ds[t].pos < ctx->ds[first].pos))
			first = t;
	}
	if (ehci == IG_NONE || first == IG_NONE)
		return IG_NONE;
	if (ehci != d && ctx->ds[ehci].group != IG_NONE)
		first = ehci;
	*rel = first;
	return ctx->ds[first].group;
}

static int iommu_off(const struct ig_ctx *ctx)
{
	uint32_t off = ctx->cl.iommu_off;

	if (ctx->opts.iommu == IG_IOMMU_INTEL &&
	    (ctx->opts.flags & IG_OPT_INTEL_DEFAULT_OFF) && !ctx->cl.intel_on)
		return 1;
	return (off & 1) ||
	       ((off & 2) && ctx->opts.iommu == IG_IOMMU_INTEL) ||
	       ((off & 4) && ctx->opts.iommu == IG_IOMMU_AMD);
}

/* amd_iommu_probe_device() refuses the IOMMU's own function */
static int amd_iommu_self(const struct ig_ctx *ctx, uint32_t d)
{
	const struct ig_acs_info *a = &ctx->ds[d].a;

	return ctx->opts.iommu == IG_IOMMU_AMD && a->vendor == 0x1022 &&
	       (a->class >> 8) == 0x0806;
}

/* __iommu_probe_device() for one device already in the device list */
static void probe_one(struct ig_ctx *ctx, uint32_t d)
{
	struct ig_ds *s = &ctx->ds[d];
	struct ig_reason r;
	uint32_t g, rel;

	s->probed = 1;
	s->reason.join = IG_JOIN_NONE;
	s->reason.related = IG_NONE;
	s->reason.via = IG_NONE;
	s->reason.blocker = IG_NONE;
	s->reason.uncertain = 0;
	if ((ctx->devs[d].flags & IG_DEV_IOMMU_REJECT) || iommu_off(ctx) ||
	    amd_iommu_self(ctx, d))
		return;
	g = device_group(ctx, d, &r);
	if (g == IG_NONE && ctx->companion_on) {
		g = companion_group(ctx, d, &rel);
		if (g != IG_NONE) {
			r.join = IG_JOIN_COMPANION;
			r.related = rel;
			r.via = IG_NONE;
		}
	}
	if (g == IG_NONE)
		g = group_alloc(ctx);
	s->reason = r;
	group_join(ctx, g, d);
}

/* pci_device_add(): the device goes to the end of the device list */
static void list_add(struct ig_ctx *ctx, uint32_t d)
{
	ctx->ds[d].present = 1;
	ctx->ds[d].pos = ctx->next_pos++;
	if (ctx->devs[d].physfn != IG_NONE)
		ctx->ds[ctx->devs[d].physfn].nvf_present++;
}

int ig_probe_boot(struct ig_ctx *ctx)
{
	uint32_t i;

	if (!ctx)
		return -EINVAL;
	if (ctx->probed_any)
		return -EALREADY;
	ctx->probed_any = 1;
	/* pci_device_add() put every boot device in the list before any
	 * IOMMU probe runs */
	for (i = 0; i < ctx->norder; i++)
		list_add(ctx, ctx->list[i]);
	for (i = 0; i < ctx->norder; i++)
		probe_one(ctx, ctx->order[i]);
	return 0;
}

int ig_hot_add(struct ig_ctx *ctx, uint32_t d)
{
	uint32_t p, pf;

	if (!ctx || d >= ctx->ndev)
		return -EINVAL;
	if (ctx->ds[d].present)
		return -EEXIST;
	p = ctx->devs[d].parent;
	pf = ctx->devs[d].physfn;
	if ((p != IG_NONE && !ctx->ds[p].present) ||
	    (pf != IG_NONE && !ctx->ds[pf].present))
		return -ENODEV;
	ctx->probed_any = 1;
	list_add(ctx, d);
	probe_one(ctx, d);
	return 0;
}

int ig_hot_remove(struct ig_ctx *ctx, uint32_t d)
{
	struct ig_ds *s;
	struct ig_group *gr;
	uint32_t i, g;

	if (!ctx || d >= ctx->ndev)
		return -EINVAL;
	s = &ctx->ds[d];
	if (!s->present)
		return -ENODEV;
	for (i = ctx->child_start[d]; i < ctx->child_start[d + 1]; i++)
		if (ctx->ds[ctx->child_list[i]].present)
			return -EBUSY;
	if (s->nvf_present)
		return -EBUSY;
	g = s->group;
	if (g != IG_NONE) {
		gr = &ctx->groups[g];
		ig_link_del(ctx, d);
		if (s->prev_member != IG_NONE)
			ctx->ds[s->prev_member].next_member = s->next_member;
		else
			gr->head = s->next_member;
		if (s->next_member != IG_NONE)
			ctx->ds[s->next_member].prev_member = s->prev_member;
		else
			gr->tail = s->prev_member;
		gr->count--;
		ctx->nmembers--;
		if (!gr->count) {
			ctx->ngroups--;
			heap_push(ctx, g);
		}
	}
	s->group = IG_NONE;
	s->present = 0;
	s->probed = 0;
	s->next_member = IG_NONE;
	s->prev_member = IG_NONE;
	s->reason.join = IG_JOIN_NONE;
	if (ctx->devs[d].physfn != IG_NONE)
		ctx->ds[ctx->devs[d].physfn].nvf_present--;
	return 0;
}

int ig_predict(struct ig_ctx *ctx, struct ig_result *res)
{
	uint32_t i, cnt = 0;
	int ret;

	ret = ig_probe_boot(ctx);
	if (ret)
		return ret;
	/* devices added after boot, in hotplug_seq order (table order for
	 * equal numbers); one whose bridge or PF never appears is skipped,
	 * as the kernel would never see it */
	for (i = 0; i < ctx->ndev; i++)
		if (ctx->devs[i].hotplug_seq &&
		    !(ctx->devs[i].flags & IG_DEV_NOT_PRESENT)) {
			ctx->keys[cnt] = ctx->devs[i].hotplug_seq;
			ctx->tmp[cnt++] = i;
		}
	ig_radix_sort(ctx->keys, ctx->tmp, ctx->keys + ctx->ndev, ctx->tmp2,
		      cnt, 4, ctx->cnt);
	for (i = 0; i < cnt; i++)
		(void)ig_hot_add(ctx, ctx->tmp[i]);
	if (res)
		ig_result(ctx, res);
	return 0;
}

void ig_result(const struct ig_ctx *ctx, struct ig_result *res)
{
	res->ngroups = ctx->ngroups;
	res->ndevices = ctx->nmembers;
	res->flags = 0;
	if (iommu_off(ctx))
		res->flags |= IG_RES_IOMMU_OFF;
	if (ctx->uncertain_any)
		res->flags |= IG_RES_UNCERTAIN;
	if (ctx->override_on)
		res->flags |= IG_RES_OVERRIDE;
	if (ctx->companion_on)
		res->flags |= IG_RES_COMPANION;
	if (ctx->bfsort)
		res->flags |= IG_RES_BFSORT;
}

/* ------------------------------------------------------------------ */
/* accessors */

static uint32_t slot_of(const struct ig_ctx *ctx, uint32_t number)
{
	uint32_t g;

	if (number < ctx->opts.first_number)
		return IG_NONE;
	g = number - ctx->opts.first_number;
	if (g >= ctx->next_fresh || !ctx->groups[g].count)
		return IG_NONE;
	return g;
}

int64_t ig_dev_group(const struct ig_ctx *ctx, uint32_t dev)
{
	if (!ctx || dev >= ctx->ndev)
		return -EINVAL;
	if (ctx->ds[dev].group == IG_NONE)
		return -ENOENT;
	return (int64_t)ctx->ds[dev].group + ctx->opts.first_number;
}

int ig_dev_reason(const struct ig_ctx *ctx, uint32_t dev, struct ig_reason *r)
{
	if (!ctx || !r || dev >= ctx->ndev)
		return -EINVAL;
	*r = ctx->ds[dev].reason;
	return 0;
}

int64_t ig_group_next(const struct ig_ctx *ctx, int64_t prev)
{
	int64_t first;
	uint32_t g;

	if (!ctx)
		return -EINVAL;
	first = ctx->opts.first_number;
	g = prev < first ? 0 : (uint32_t)(prev - first + 1);
	for (; g < ctx->next_fresh; g++)
		if (ctx->groups[g].count)
			return (int64_t)g + first;
	return -ENOENT;
}

int ig_group_uncertain(const struct ig_ctx *ctx, uint32_t number)
{
	uint32_t g = slot_of(ctx, number);

	if (g == IG_NONE)
		return -ENOENT;
	return ctx->groups[g].uncertain ? 1 : 0;
}

int64_t ig_group_size(const struct ig_ctx *ctx, uint32_t number)
{
	uint32_t g = slot_of(ctx, number);

	if (g == IG_NONE)
		return -ENOENT;
	return ctx->groups[g].count;
}

int ig_group_set_name(struct ig_ctx *ctx, uint32_t number, const char *name)
{
	uint32_t g = slot_of(ctx, number);

	if (g == IG_NONE)
		return -ENOENT;
	ctx->groups[g].name = name;
	return 0;
}

const char *ig_group_name(const struct ig_ctx *ctx, uint32_t number)
{
	uint32_t g = slot_of(ctx, number);

	if (g == IG_NONE)
		return NULL;
	return ctx->groups[g].name;
}

int ig_group_for_each_dev(const struct ig_ctx *ctx, uint32_t number,
			  int (*fn)(uint32_t dev, void *data), void *data)
{
	uint32_t g = slot_of(ctx, number), d;
	int ret;

	if (g == IG_NONE || !fn)
		return -ENOENT;
	for (d = ctx->groups[g].head; d != IG_NONE;
	     d = ctx->ds[d].next_member) {
		ret = fn(d, data);
		if (ret)
			return ret;
	}
	return 0;
}

int64_t ig_probe_order(const struct ig_ctx *ctx, uint32_t n)
{
	if (!ctx || n >= ctx->norder)
		return -ENOENT;
	return ctx->order[n];
}
