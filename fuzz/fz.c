// SPDX-License-Identifier: GPL-2.0-only OR MIT
/*
 * fz.c - helpers shared by the fuzz targets (see fz.h).
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "fz.h"

void fz_fail(const char *file, int line, const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "%s:%d: invariant broken: ", file, line);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	abort();
}

uint8_t fz_u8(struct fz_in *in)
{
	return in->pos < in->len ? in->p[in->pos++] : 0;
}

uint16_t fz_u16(struct fz_in *in)
{
	uint16_t v = fz_u8(in);

	return (uint16_t)(v | fz_u8(in) << 8);
}

uint32_t fz_u32(struct fz_in *in)
{
	uint32_t v = fz_u16(in);

	return v | (uint32_t)fz_u16(in) << 16;
}

size_t fz_bytes(struct fz_in *in, uint8_t *buf, size_t n)
{
	size_t k = in->len - in->pos;

	if (k > n)
		k = n;
	memcpy(buf, in->p + in->pos, k);
	in->pos += k;
	return k;
}

void fz_put(uint8_t *c, uint32_t off, uint32_t len, uint32_t v)
{
	uint32_t i;

	for (i = 0; i < len && off + i < 4096; i++)
		c[off + i] = (uint8_t)(v >> (8 * i));
}

static void mk(uint8_t *c, uint16_t ven, uint16_t dev, uint32_t class,
	       uint8_t hdr, int type, int acs)
{
	memset(c, 0, 4096);
	fz_put(c, 0, 2, ven);
	fz_put(c, 2, 2, dev);
	fz_put(c, 8, 4, class << 8 | 1);
	c[0x0e] = hdr;
	if (type < 0)
		return; /* conventional PCI: no capability list */
	fz_put(c, 6, 2, 0x10);
	c[0x34] = 0x40;
	c[0x40] = 0x10;
	fz_put(c, 0x42, 2, (uint32_t)type << 4 | 2);
	if (acs) {
		fz_put(c, 0x100, 4, 0x000d | (1u << 16));
		fz_put(c, 0x104, 2, 0x5f);
		fz_put(c, 0x106, 2, IG_ACS_REQ);
	}
}

void fz_template(uint8_t *c, unsigned int t)
{
	switch (t % FZ_T_N) {
	case FZ_T_RP_ACS:
		mk(c, 0x1b36, 0x000c, 0x060400, 1, IG_PT_RP, 1);
		break;
	case FZ_T_RP:
		mk(c, 0x8086, 0x3420, 0x060400, 1, IG_PT_RP, 0);
		break;
	case FZ_T_USP:
		mk(c, 0x104c, 0x8232, 0x060400, 1, IG_PT_USP, 0);
		break;
	case FZ_T_DSP_ACS:
		mk(c, 0x104c, 0x8233, 0x060400, 1, IG_PT_DSP, 1);
		break;
	case FZ_T_DSP:
		mk(c, 0x104c, 0x8233, 0x060400, 1, IG_PT_DSP, 0);
		break;
	case FZ_T_EP:
		mk(c, 0x8086, 0x10d3, 0x020000, 0, IG_PT_EP, 0);
		break;
	case FZ_T_EP_MF:
		mk(c, 0x10de, 0x1b80, 0x030000, 0x80, IG_PT_EP, 0);
		break;
	case FZ_T_PCI_EP:
		mk(c, 0x8086, 0x100e, 0x020000, 0, -1, 0);
		break;
	case FZ_T_PCI_BRIDGE:
		mk(c, 0x1b36, 0x0001, 0x060400, 1, -1, 0);
		break;
	case FZ_T_PCIE_PCI:
		mk(c, 0x1b36, 0x000e, 0x060400, 1, IG_PT_PCI_BRIDGE, 0);
		break;
	case FZ_T_RCIEP:
		mk(c, 0x8086, 0x2922, 0x010601, 0x80, IG_PT_RC_END, 0);
		break;
	case FZ_T_PCH_RP:
		mk(c, 0x8086, 0x3b42, 0x060400, 0x81, IG_PT_RP, 0);
		break;
	case FZ_T_AMD_IOMMU:
		mk(c, 0x1022, 0x0008, 0x080600, 0, IG_PT_RC_END, 0);
		break;
	default:
		mk(c, 0x8086, 0x2934, 0x0c0300, 0x80, -1, 0);
		break;
	}
}

struct visit {
	const struct ig_ctx *ctx;
	int64_t g;
	uint32_t ndev;
	uint8_t *seen;
	uint32_t count;
};

static int visit_fn(uint32_t dev, void *data)
{
	struct visit *v = data;

	if (dev >= v->ndev)
		FZ_FAIL("group %lld: member %u out of range", (long long)v->g,
			dev);
	if (v->seen[dev])
		FZ_FAIL("device %u visited twice", dev);
	v->seen[dev] = 1;
	v->count++;
	if (ig_dev_group(v->ctx, dev) != v->g)
		FZ_FAIL("device %u visited in group %lld but says %lld", dev,
			(long long)v->g, (long long)ig_dev_group(v->ctx, dev));
	return 0;
}

static int stop_fn(uint32_t dev, void *data)
{
	(void)dev;
	(void)data;
	return 7;
}

/* present at boot, together with every device it hangs below (and their
 * physical functions) */
static int boot_one(const struct ig_dev *d)
{
	return !d->hotplug_seq && !(d->flags & IG_DEV_NOT_PRESENT);
}

static int boot_chain(const struct ig_dev *devs, uint32_t ndev, uint32_t i)
{
	uint32_t hops = 0;

	while (i < ndev && hops++ <= ndev) {
		if (!boot_one(&devs[i]))
			return 0;
		if (devs[i].physfn < ndev && !boot_one(&devs[devs[i].physfn]))
			return 0;
		i = devs[i].parent;
	}
	return 1;
}

void fz_check(struct ig_ctx *ctx, const struct ig_dev *devs,
	      uint32_t ndev, const struct ig_extdev *ext, uint32_t next,
	      const struct ig_opts *o, const struct ig_result *res0,
	      int booted)
{
	struct ig_result res;
	struct visit v;
	int64_t g, prev = -1, sz, r;
	uint64_t total = 0;
	uint32_t ng = 0, i, k;
	int any_uncertain = 0;
	uint8_t *order;
	char name[256];

	ig_result(ctx, &res);
	if (res0 && memcmp(&res, res0, sizeof(res)))
		FZ_FAIL("ig_result() differs from what ig_predict() said");
	v.ctx = ctx;
	v.ndev = ndev;
	v.seen = calloc(ndev + 1, 1);
	order = calloc(ndev + 1, 1);
	if (!v.seen || !order)
		abort();
	for (g = ig_group_next(ctx, -1); g >= 0; g = ig_group_next(ctx, g)) {
		if (g <= prev)
			FZ_FAIL("ig_group_next: %lld after %lld", (long long)g,
				(long long)prev);
		if (++ng > ndev)
			FZ_FAIL("more groups than devices");
		if (g < o->first_number)
			FZ_FAIL("group %lld below first_number %u",
				(long long)g, o->first_number);
		prev = g;
		sz = ig_group_size(ctx, (uint32_t)g);
		if (sz <= 0)
			FZ_FAIL("live group %lld has size %lld", (long long)g,
				(long long)sz);
		v.g = g;
		v.count = 0;
		r = ig_group_for_each_dev(ctx, (uint32_t)g, visit_fn, &v);
		if (r || v.count != sz)
			FZ_FAIL("group %lld: for_each_dev %lld, %u visits, size %lld",
				(long long)g, (long long)r, v.count,
				(long long)sz);
		if (ig_group_for_each_dev(ctx, (uint32_t)g, stop_fn, NULL) != 7)
			FZ_FAIL("for_each_dev ignores the callback's stop");
		total += (uint64_t)sz;
		r = ig_group_uncertain(ctx, (uint32_t)g);
		if (r != 0 && r != 1)
			FZ_FAIL("ig_group_uncertain(%lld) = %lld", (long long)g,
				(long long)r);
		any_uncertain |= (int)r;
		if (ig_group_set_name(ctx, (uint32_t)g, "fz") ||
		    !ig_group_name(ctx, (uint32_t)g) ||
		    ig_group_set_name(ctx, (uint32_t)g, NULL) ||
		    ig_group_name(ctx, (uint32_t)g))
			FZ_FAIL("group %lld: set_name/name disagree",
				(long long)g);
	}
	if (g != -ENOENT)
		FZ_FAIL("ig_group_next ended with %lld", (long long)g);
	if (ng != res.ngroups || total != res.ndevices)
		FZ_FAIL("ig_result says %u groups %u devices, iteration %u %llu",
			res.ngroups, res.ndevices, ng,
			(unsigned long long)total);
	if (booted && any_uncertain && !(res.flags & IG_RES_UNCERTAIN))
		FZ_FAIL("a group is uncertain but the result is not");
	for (i = 0; i < ndev; i++) {
		struct ig_reason rs;
		struct ig_acs_info ai;
		uint8_t mask[32];

		g = ig_dev_group(ctx, i);
		if (g >= 0 ? !v.seen[i] : (g != -ENOENT || v.seen[i]))
			FZ_FAIL("device %u: group %lld, visited %d", i,
				(long long)g, v.seen[i]);
		if (ig_dev_reason(ctx, i, &rs) || ig_dev_acs(ctx, i, &ai))
			FZ_FAIL("device %u: reason/acs failed", i);
		r = ig_dev_alias_mask(ctx, i, mask);
		if (r != 0 && r != 1)
			FZ_FAIL("device %u: alias mask %lld", i, (long long)r);
		r = ig_dev_link_name(ctx, i, name, sizeof(name));
		if (g >= 0 ? (r <= 0 || r >= (int64_t)sizeof(name) ||
			      strlen(name) != (size_t)r) : r != -ENOENT)
			FZ_FAIL("device %u: link name %lld", i, (long long)r);
		if (g >= 0 && ig_dev_link_name(ctx, i, name, 1) != -ENOSPC)
			FZ_FAIL("device %u: link name fits in 1 byte", i);
		if (g >= 0 && (rs.join == IG_JOIN_NONE || rs.join > IG_JOIN_COMPANION))
			FZ_FAIL("device %u in group %lld with join %u", i,
				(long long)g, rs.join);
		if (booted && g >= 0 && rs.join != IG_JOIN_NEW) {
			if (rs.related >= ndev)
				FZ_FAIL("device %u: related %u", i, rs.related);
			if (ig_dev_group(ctx, rs.related) != g)
				FZ_FAIL("device %u (group %lld) joined %u of group %lld (join %u)",
					i, (long long)g, rs.related,
					(long long)ig_dev_group(ctx, rs.related),
					rs.join);
		}
		if (booted && g < 0 && !(res.flags & IG_RES_IOMMU_OFF) &&
		    !(devs[i].flags & IG_DEV_IOMMU_REJECT) &&
		    boot_chain(devs, ndev, i) &&
		    !(o->iommu == IG_IOMMU_AMD && ai.vendor == 0x1022 &&
		      ai.class >> 8 == 0x0806))
			FZ_FAIL("device %u present at boot but has no group", i);
	}
	for (k = 0; k < ndev + 1; k++) {
		r = ig_probe_order(ctx, k);
		if (r < 0)
			break;
		if (r >= ndev || order[r]++)
			FZ_FAIL("probe order %u: %lld", k, (long long)r);
	}
	for (k = 0; k < next; k++) {
		r = ig_ext_resolve(ctx, k);
		if (r != -EINVAL && (r < 0 || r >= ndev))
			FZ_FAIL("ext %u resolves to %lld", k, (long long)r);
	}
	(void)ext;
	if (ig_dev_group(ctx, ndev) != -EINVAL ||
	    ig_dev_link_name(ctx, ndev, name, sizeof(name)) != -EINVAL ||
	    ig_ext_resolve(ctx, next) != -EINVAL ||
	    ig_group_size(ctx, IG_NONE) != -ENOENT ||
	    ig_group_uncertain(ctx, IG_NONE) != -ENOENT)
		FZ_FAIL("an out-of-range argument was accepted");
	free(v.seen);
	free(order);
}

void fz_snapshot(const struct ig_ctx *ctx, uint32_t ndev, int64_t *out)
{
	uint32_t i;

	for (i = 0; i < ndev; i++)
		out[i] = ig_dev_group(ctx, i);
}
