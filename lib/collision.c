// SPDX-License-Identifier: GPL-2.0-only OR MIT
/*
 * collision.c - the names of the links in a group's devices/ directory.
 *
 * iommu_group_add_device() in drivers/iommu/iommu.c (v6.1, v6.12) names the
 * link after the device; if that name exists in the group already it
 * retries with "name.0", "name.1", ... (the counter is local to one add).
 * The names in use are kept in one open-addressing table keyed by (group,
 * rendered name), so a join costs O(1) expected instead of a scan of the
 * group.  PCI names are unique, so the table is used only when the caller
 * gave some device a name of its own.
 */
#include "ig_internal.h"

#define TOMB (IG_NONE - 1)

static const char hexd[] = "0123456789abcdef";

int ig_pci_name(uint32_t domain, uint8_t bus, uint8_t devfn, char *buf)
{
	int n = 0, i, digits = 4;
	uint32_t v = domain;

	while (digits < 8 && (v >> (4 * digits)))
		digits++;
	for (i = digits - 1; i >= 0; i--)
		buf[n++] = hexd[(domain >> (4 * i)) & 0xf];
	buf[n++] = ':';
	buf[n++] = hexd[bus >> 4];
	buf[n++] = hexd[bus & 0xf];
	buf[n++] = ':';
	buf[n++] = hexd[(devfn >> 3) >> 4];
	buf[n++] = hexd[(devfn >> 3) & 0xf];
	buf[n++] = '.';
	buf[n++] = (char)('0' + (devfn & 7));
	buf[n] = 0;
	return n;
}

/* the caller's name, or the PCI name rendered into buf */
const char *ig_dev_base_name(const struct ig_ctx *ctx, uint32_t dev,
			     char *buf)
{
	if (ctx->devs[dev].name)
		return ctx->devs[dev].name;
	ig_pci_name(ctx->devs[dev].domain, ctx->devs[dev].bus,
		    ctx->devs[dev].devfn, buf);
	return buf;
}

void ig_names_init(struct ig_ctx *ctx)
{
	uint32_t i;

	for (i = 0; i < ctx->hash_size; i++)
		ctx->hash[i] = IG_NONE;
	ctx->hash_used = 0;
}

/* decimal digits of a suffix into buf (reversed order avoided) */
static uint32_t suffix_str(int32_t suf, char *buf)
{
	char tmp[12];
	uint32_t n = 0, i = 0;
	uint32_t v = (uint32_t)suf;

	if (suf < 0)
		return 0;
	do {
		tmp[n++] = (char)('0' + v % 10);
		v /= 10;
	} while (v);
	buf[i++] = '.';
	while (n)
		buf[i++] = tmp[--n];
	return i;
}

static uint32_t name_hash(uint32_t g, const char *base, int32_t suf)
{
	uint32_t h = 2166136261u ^ g, n, i;
	char sb[16];

	for (; *base; base++)
		h = (h ^ (uint8_t)*base) * 16777619u;
	n = suffix_str(suf, sb);
	for (i = 0; i < n; i++)
		h = (h ^ (uint8_t)sb[i]) * 16777619u;
	return h;
}

/* rendered names equal? */
static int name_eq(const char *b1, int32_t s1, const char *b2, int32_t s2)
{
	char x1[16], x2[16];
	uint32_t n1 = suffix_str(s1, x1), n2 = suffix_str(s2, x2);
	uint32_t i1 = 0, i2 = 0;
	char c1, c2;

	while (1) {
		c1 = *b1 ? *b1 : (i1 < n1 ? x1[i1] : 0);
		c2 = *b2 ? *b2 : (i2 < n2 ? x2[i2] : 0);
		if (c1 != c2)
			return 0;
		if (!c1)
			return 1;
		if (*b1)
			b1++;
		else
			i1++;
		if (*b2)
			b2++;
		else
			i2++;
	}
}

static uint32_t find_slot(const struct ig_ctx *ctx, uint32_t g,
			  const char *base, int32_t suf, int *found)
{
	uint32_t mask = ctx->hash_size - 1;
	uint32_t i = name_hash(g, base, suf) & mask, e, slot_free = IG_NONE;
	char eb[IG_NAME_MAX];

	*found = 0;
	while (1) {
		e = ctx->hash[i];
		if (e == IG_NONE)
			return slot_free != IG_NONE ? slot_free : i;
		if (e == TOMB) {
			if (slot_free == IG_NONE)
				slot_free = i;
		} else if (ctx->ds[e].group == g &&
			   name_eq(ig_dev_base_name(ctx, e, eb), ctx->ds[e].suffix,
				   base, suf)) {
			*found = 1;
			return i;
		}
		i = (i + 1) & mask;
	}
}

/* drop tombstones when they crowd the table */
static void rehash(struct ig_ctx *ctx)
{
	uint32_t i, slot;
	char b[IG_NAME_MAX];
	int found;

	for (i = 0; i < ctx->hash_size; i++)
		ctx->hash[i] = IG_NONE;
	ctx->hash_used = 0;
	for (i = 0; i < ctx->ndev; i++) {
		if (ctx->ds[i].group == IG_NONE || ctx->ds[i].hash_slot == IG_NONE)
			continue;
		slot = find_slot(ctx, ctx->ds[i].group, ig_dev_base_name(ctx, i, b),
				 ctx->ds[i].suffix, &found);
		ctx->hash[slot] = i;
		ctx->hash_used++;
		ctx->ds[i].hash_slot = slot;
	}
}

void ig_link_add(struct ig_ctx *ctx, uint32_t dev)
{
	struct ig_ds *s = &ctx->ds[dev];
	char b[IG_NAME_MAX];
	const char *base = ig_dev_base_name(ctx, dev, b);
	uint32_t slot;
	int32_t suf = -1;
	int found;

	/* PCI names are unique (addresses are): without caller-given names
	 * nothing can clash, and the table is not needed */
	if (!ctx->any_named) {
		s->suffix = -1;
		s->hash_slot = IG_NONE;
		return;
	}

	/* live entries are at most ndev <= size / 2; tombstones are cleared
	 * when live + tombstones pass 3/4, so probes stay short and a
	 * rehash happens at most once per size / 4 removals */
	if (ctx->hash_used * 4 > ctx->hash_size * 3)
		rehash(ctx);
	while (1) {
		slot = find_slot(ctx, s->group, base, suf, &found);
		if (!found)
			break;
		suf++;
	}
	s->suffix = suf;
	s->hash_slot = slot;
	if (ctx->hash[slot] == IG_NONE)
		ctx->hash_used++;
	ctx->hash[slot] = dev;
}

void ig_link_del(struct ig_ctx *ctx, uint32_t dev)
{
	struct ig_ds *s = &ctx->ds[dev];

	if (s->hash_slot != IG_NONE)
		ctx->hash[s->hash_slot] = TOMB;
	s->hash_slot = IG_NONE;
	s->suffix = -1;
}

int ig_dev_link_name(const struct ig_ctx *ctx, uint32_t dev, char *buf,
		     size_t len)
{
	const char *base;
	char sb[16], b[IG_NAME_MAX];
	uint32_t n, i, k = 0;

	if (!ctx || !buf || dev >= ctx->ndev)
		return -EINVAL;
	if (ctx->ds[dev].group == IG_NONE)
		return -ENOENT;
	base = ig_dev_base_name(ctx, dev, b);
	n = suffix_str(ctx->ds[dev].suffix, sb);
	while (base[k])
		k++;
	if (k + n + 1 > len)
		return -ENOSPC;
	for (i = 0; i < k; i++)
		buf[i] = base[i];
	for (i = 0; i < n; i++)
		buf[k + i] = sb[i];
	buf[k + n] = 0;
	return (int)(k + n);
}
