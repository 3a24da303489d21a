// SPDX-License-Identifier: GPL-2.0-only OR MIT
/* tb.c - the in-memory topology builder for the unit tests (see tb.h). */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "tb.h"

struct tb *tb_new(void)
{
	struct tb *t = calloc(1, sizeof(*t));

	if (!t)
		abort();
	t->devs = calloc(TB_MAX, sizeof(*t->devs));
	t->cfg = calloc(TB_MAX, 4096);
	if (!t->devs || !t->cfg)
		abort();
	t->opts.kernel = IG_KVER(6, 12, 107);
	t->opts.iommu = IG_IOMMU_INTEL;
	t->opts.acs_source = IG_ACS_LIVE;
	return t;
}

void tb_free(struct tb *t)
{
	if (!t)
		return;
	free(t->devs);
	free(t->cfg);
	free(t->ws);
	free(t);
}

uint8_t *tb_cfg(struct tb *t, uint32_t i)
{
	return t->cfg + (size_t)i * 4096;
}

void tb_set(struct tb *t, uint32_t i, uint32_t off, uint32_t len, uint32_t v)
{
	uint8_t *c = tb_cfg(t, i);
	uint32_t k;

	for (k = 0; k < len; k++)
		c[off + k] = (uint8_t)(v >> (8 * k));
}

static int parse_bdf(const char *s, uint32_t *dom, uint32_t *bus,
		     uint32_t *dev, uint32_t *fn)
{
	if (sscanf(s, "%x:%x:%x.%x", dom, bus, dev, fn) == 4)
		return 0;
	*dom = 0;
	if (sscanf(s, "%x:%x.%x", bus, dev, fn) == 3)
		return 0;
	fprintf(stderr, "tb: bad address %s\n", s);
	abort();
}

uint32_t tb_add(struct tb *t, const char *bdf, uint32_t parent,
		uint16_t vendor, uint16_t device, uint32_t class, int hdr,
		int type)
{
	uint32_t i = t->n++, dom, bus, dev, fn;
	struct ig_dev *d = &t->devs[i];
	uint8_t *c = tb_cfg(t, i);

	if (i >= TB_MAX)
		abort();
	parse_bdf(bdf, &dom, &bus, &dev, &fn);
	d->domain = dom;
	d->bus = (uint8_t)bus;
	d->devfn = (uint8_t)((dev << 3) | fn);
	d->parent = parent;
	d->physfn = IG_NONE;
	d->vmd_owner = IG_NONE;
	d->config = c;
	d->config_len = 4096;
	d->flags = IG_DEV_CFG_FULL;
	memset(c, 0, 4096);
	tb_set(t, i, 0, 2, vendor);
	tb_set(t, i, 2, 2, device);
	tb_set(t, i, 8, 4, class << 8);
	c[0x0e] = (uint8_t)hdr;
	if (type != IG_PT_NOT_PCIE) {
		tb_set(t, i, 6, 2, 0x0010);
		c[0x34] = 0x40;
		c[0x40] = 0x10;
		c[0x41] = 0;
		tb_set(t, i, 0x42, 2, ((uint32_t)type << 4) | 2);
	} else {
		d->config_len = 256;
	}
	if (parent != IG_NONE) {
		/* keep the parent's bus numbers consistent */
		tb_cfg(t, parent)[0x19] = (uint8_t)bus;
		if (tb_cfg(t, parent)[0x1a] < bus)
			tb_cfg(t, parent)[0x1a] = (uint8_t)bus;
	}
	return i;
}

void tb_mf(struct tb *t, uint32_t i)
{
	tb_cfg(t, i)[0x0e] |= 0x80;
}

void tb_acs(struct tb *t, uint32_t i, uint16_t cap, uint16_t ctrl)
{
	tb_set(t, i, 0x100, 4, 0x000d | (1u << 16));
	tb_set(t, i, 0x104, 2, cap);
	tb_set(t, i, 0x106, 2, ctrl);
}

void tb_subsys(struct tb *t, uint32_t i, uint16_t sv, uint16_t sd)
{
	tb_set(t, i, 0x2c, 2, sv);
	tb_set(t, i, 0x2e, 2, sd);
}

uint32_t tb_rp(struct tb *t, const char *bdf, int acs)
{
	uint32_t i;

	if (acs) {
		i = tb_add(t, bdf, IG_NONE, 0x1b36, 0x000c, 0x060400, 1,
			   IG_PT_RP);
		tb_acs(t, i, 0x1f, IG_ACS_REQ);
	} else {
		i = tb_add(t, bdf, IG_NONE, 0x8086, 0x3420, 0x060400, 1,
			   IG_PT_RP);
	}
	return i;
}

uint32_t tb_usp(struct tb *t, const char *bdf, uint32_t parent)
{
	return tb_add(t, bdf, parent, 0x104c, 0x8232, 0x060400, 1, IG_PT_USP);
}

uint32_t tb_dsp(struct tb *t, const char *bdf, uint32_t parent, int acs)
{
	uint32_t i = tb_add(t, bdf, parent, 0x104c, 0x8233, 0x060400, 1,
			    IG_PT_DSP);

	if (acs)
		tb_acs(t, i, 0x1f, IG_ACS_REQ);
	return i;
}

uint32_t tb_ep(struct tb *t, const char *bdf, uint32_t parent)
{
	return tb_add(t, bdf, parent, 0x1af4, 0x1041, 0x020000, 0, IG_PT_EP);
}

uint32_t tb_pci_ep(struct tb *t, const char *bdf, uint32_t parent)
{
	return tb_add(t, bdf, parent, 0x8086, 0x100e, 0x020000, 0,
		      IG_PT_NOT_PCIE);
}

int tb_run(struct tb *t)
{
	size_t len = ig_workspace_size(t->n, t->next);
	int ret;

	free(t->ws);
	t->ws = aligned_alloc(8, (len + 7) & ~(size_t)7);
	if (!t->ws)
		abort();
	/* poison the workspace: the library must not rely on its contents */
	memset(t->ws, 0xa5, len);
	ret = ig_init(t->ws, len, t->devs, t->n, t->next ? t->ext : NULL,
		      t->next, &t->opts, &t->ctx);
	if (ret)
		return ret;
	return ig_predict(t->ctx, &t->res);
}

uint32_t tb_idx(struct tb *t, const char *bdf)
{
	uint32_t dom, bus, dev, fn, i;

	parse_bdf(bdf, &dom, &bus, &dev, &fn);
	for (i = 0; i < t->n; i++)
		if (t->devs[i].domain == dom && t->devs[i].bus == bus &&
		    t->devs[i].devfn == ((dev << 3) | fn))
			return i;
	fprintf(stderr, "tb: no device %s\n", bdf);
	abort();
}

int64_t tb_group(struct tb *t, const char *bdf)
{
	return ig_dev_group(t->ctx, tb_idx(t, bdf));
}

int tb_same(struct tb *t, ...)
{
	va_list ap;
	const char *s;
	int64_t g = -100, x;
	int ok = 1;

	va_start(ap, t);
	while ((s = va_arg(ap, const char *))) {
		x = tb_group(t, s);
		if (x < 0 || (g != -100 && x != g))
			ok = 0;
		g = x;
	}
	va_end(ap);
	return ok;
}
