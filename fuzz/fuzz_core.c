// SPDX-License-Identifier: GPL-2.0-only OR MIT
/*
 * fuzz_core.c - the whole core pipeline on structure-aware random
 * topologies: the input bytes are decoded (see README.md, "fuzz_core input")
 * into a device table with config spaces (templates plus byte mutations, or
 * raw bytes), options (kernel version, command line, ACS source, override
 * position, companion policy), DMA aliases, non-PCI devices and a root-bus
 * order; then ig_init(), ig_predict() or ig_probe_boot() with hot add and
 * remove, and every accessor with the invariants of fz_check().  Each
 * config space is its own allocation of exactly config_len bytes, so ASan
 * sees any read past it.  The same table is predicted twice in two
 * workspaces and must give the same groups.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "fz.h"

#define MAXDEV 24
#define MAXEXT 4

static const uint32_t kvers[] = {
	IG_KVER(4, 19, 0), IG_KVER(5, 4, 0), IG_KVER(5, 6, 0),
	IG_KVER(5, 10, 0), IG_KVER(5, 15, 0), IG_KVER(6, 1, 192),
	IG_KVER(6, 2, 0), IG_KVER(6, 6, 0), IG_KVER(6, 12, 107),
	IG_KVER(6, 16, 0), IG_KVER(6, 18, 0), IG_KVER(7, 0, 0),
};

/* command-line pieces; a byte >= 0x80 picks one */
static const char *const toks[] = {
	"pci=", "disable_acs_redir=", "config_acs=", "pcie_acs_override=",
	"downstream", "multifunction", "id:8086:3420", "id:", "intel_iommu=on",
	"intel_iommu=off", "amd_iommu=off", "iommu=off", "iommu=pt", "bfsort",
	"nobfsort", "0000:00:01.0", "00:1c.0", "@", ";", ",", " ", "pci:",
	"8086:3420", "10000:e0:00.0", "/", "xx111x0", "101x", "0:", "=",
	"amd_iommu=", "intel_iommu=", "estimate", "\"", "1b36:000c",
	"0000:01:00.0/0.0", "pci=noacs", "on", "off",
};

static const char *const names[] = {
	"0000:00:01.0", "0000:00:01.0.0", "nvme0", "x", "0000:00:02.0",
	"a-very-long-device-name-that-does-not-fit-in-thirty-two-bytes",
};

static struct ig_dev devs[MAXDEV];
static uint8_t *cfgs[MAXDEV];
static uint8_t tmp[4096];
static struct ig_extdev ext[MAXEXT];
static struct ig_alias aliases[4];
static uint64_t roots[3];
static char cmdline[1024];

static uint32_t pick_index(uint8_t b, uint32_t n)
{
	if (b == 0xff)
		return IG_NONE;
	if (b == 0xfe)
		return n + 3; /* out of range */
	return b % n;
}

static void read_dev(struct fz_in *in, uint32_t i, uint32_t n)
{
	struct ig_dev *d = &devs[i];
	uint8_t b;
	uint32_t len, k, nm;

	memset(d, 0, sizeof(*d));
	b = fz_u8(in);
	switch (b & 3) {
	case 0:
		d->domain = 0;
		break;
	case 1:
		d->domain = 0x10000 + (b >> 2);
		break;
	case 2:
		d->domain = b >> 2;
		break;
	default:
		d->domain = fz_u32(in);
	}
	d->bus = fz_u8(in);
	d->devfn = fz_u8(in);
	d->parent = pick_index(fz_u8(in), n);
	b = fz_u8(in);
	d->physfn = b & 0x80 ? pick_index(b & 0x7f, n) : IG_NONE;
	b = fz_u8(in);
	d->vmd_owner = b & 0x80 ? pick_index(b & 0x7f, n) : IG_NONE;
	b = fz_u8(in);
	if (b == 0xff) {
		len = fz_u16(in) % 4097;
		memset(tmp, 0, sizeof(tmp));
		fz_bytes(in, tmp, len);
	} else {
		fz_template(tmp, b);
		nm = fz_u8(in) % 16;
		for (k = 0; k < nm; k++) {
			uint32_t off = fz_u16(in) % 4096;

			tmp[off] = fz_u8(in);
		}
		switch (fz_u8(in) % 8) {
		case 1:
			len = 256;
			break;
		case 2:
			len = 64;
			break;
		case 3:
			len = 0;
			break;
		case 4:
			len = fz_u16(in) % 4097;
			break;
		case 5:
			len = 256;
			memset(tmp, 0xff, len); /* fell off the bus */
			break;
		default:
			len = 4096;
		}
	}
	cfgs[i] = malloc(len ? len : 1);
	if (!cfgs[i])
		abort();
	memcpy(cfgs[i], tmp, len);
	d->config = len || (b & 1) ? cfgs[i] : NULL;
	d->config_len = len;
	b = fz_u8(in);
	d->hotplug_seq = b & 0x80 ? b & 0x7f : 0;
	d->flags = fz_u8(in) & 7;
	b = fz_u8(in);
	d->name = b ? names[b % (sizeof(names) / sizeof(names[0]))] : NULL;
}

static void read_cmdline(struct fz_in *in)
{
	uint32_t len = fz_u8(in), k, o = 0;

	for (k = 0; k < len && o < sizeof(cmdline) - 64; k++) {
		uint8_t b = fz_u8(in);

		if (b >= 0x80) {
			const char *t = toks[(b & 0x7f) %
					     (sizeof(toks) / sizeof(toks[0]))];
			size_t tl = strlen(t);

			memcpy(cmdline + o, t, tl);
			o += (uint32_t)tl;
		} else if (b) {
			cmdline[o++] = (char)b;
		}
	}
	cmdline[o] = 0;
}

static struct ig_ctx *init(void **ws, uint32_t n, uint32_t next,
			   const struct ig_opts *o, int *ret)
{
	size_t len = ig_workspace_size(n, next);
	struct ig_ctx *ctx = NULL;

	if (!len)
		FZ_FAIL("no workspace size for %u devices", n);
	*ws = malloc(len);
	if (!*ws)
		abort();
	/* one byte short must be refused, not overrun */
	if (ig_init(*ws, len - 1, devs, n, ext, next, o, &ctx) != -ENOSPC)
		FZ_FAIL("a workspace one byte short was not refused");
	*ret = ig_init(*ws, len, devs, n, ext, next, o, &ctx);
	return *ret ? NULL : ctx;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fz_in in = { data, size, 0 };
	struct ig_opts o;
	struct ig_ctx *ctx, *ctx2;
	struct ig_result res, res2;
	void *ws = NULL, *ws2 = NULL;
	int64_t snap[MAXDEV], snap2[MAXDEV];
	uint32_t n, next, i, k;
	uint8_t b, mode;
	int ret, ret2;

	n = 1 + fz_u8(&in) % MAXDEV;
	memset(&o, 0, sizeof(o));
	b = fz_u8(&in);
	o.kernel = b == 0xff ? fz_u32(&in) :
		kvers[b % (sizeof(kvers) / sizeof(kvers[0]))];
	b = fz_u8(&in);
	o.iommu = (b & 3) ? (b & 3) : IG_IOMMU_INTEL;
	o.acs_source = 1 + ((b >> 2) & 1);
	if ((b & 0x0c) == 0x0c)
		o.acs_source = (b >> 4) & 3; /* sometimes unset or bad */
	o.override_pos = (b >> 4) % 3;
	o.companion = (b >> 6) % 3;
	o.flags = fz_u8(&in) & 7;
	b = fz_u8(&in);
	o.first_number = b == 0xff ? 1000 : b % 4;
	read_cmdline(&in);
	o.cmdline = cmdline[0] || (b & 1) ? cmdline : NULL;
	for (i = 0; i < n; i++)
		read_dev(&in, i, n);
	o.naliases = fz_u8(&in) % 5;
	for (k = 0; k < o.naliases; k++) {
		aliases[k].dev = fz_u8(&in) % (n + 1);
		aliases[k].devfn = fz_u8(&in);
	}
	o.aliases = o.naliases ? aliases : NULL;
	next = fz_u8(&in) % (MAXEXT + 1);
	for (k = 0; k < next; k++) {
		ext[k].name = "ext";
		ext[k].parent = fz_u8(&in) % (n + next + 1);
	}
	o.nroot_order = fz_u8(&in) % 4;
	for (k = 0; k < o.nroot_order; k++)
		roots[k] = fz_u16(&in);
	o.root_order = o.nroot_order ? roots : NULL;
	mode = fz_u8(&in);

	ctx = init(&ws, n, next, &o, &ret);
	ctx2 = init(&ws2, n, next, &o, &ret2);
	if (ret != ret2)
		FZ_FAIL("ig_init gave %d then %d on the same table", ret, ret2);
	if (ret) {
		if (ret != -EINVAL && ret != -EEXIST && ret != -ELOOP)
			FZ_FAIL("ig_init returned %d", ret);
		goto out;
	}
	if (mode & 1) {
		if (ig_predict(ctx, &res) || ig_predict(ctx2, &res2))
			FZ_FAIL("ig_predict failed");
		if (memcmp(&res, &res2, sizeof(res)))
			FZ_FAIL("two predictions differ in their summary");
		fz_check(ctx, devs, n, ext, next, &o, &res, 1);
		fz_snapshot(ctx, n, snap);
		fz_snapshot(ctx2, n, snap2);
		if (memcmp(snap, snap2, n * sizeof(snap[0])))
			FZ_FAIL("two predictions differ");
		if (ig_predict(ctx, NULL) != -EALREADY ||
		    ig_probe_boot(ctx) != -EALREADY)
			FZ_FAIL("a second prediction was not refused");
	} else {
		if (ig_probe_boot(ctx))
			FZ_FAIL("ig_probe_boot failed");
		fz_check(ctx, devs, n, ext, next, &o, NULL, 0);
	}
	/* hot add and remove */
	for (k = 0; k < 32 && in.pos < in.len; k++) {
		b = fz_u8(&in);
		i = (b & 0x7f) % (n + 1);
		ret = b & 0x80 ? ig_hot_remove(ctx, i) : ig_hot_add(ctx, i);
		if (ret && ret != -EINVAL && ret != -EEXIST &&
		    ret != -ENODEV && ret != -EBUSY)
			FZ_FAIL("hot %s %u: %d", b & 0x80 ? "remove" : "add",
				i, ret);
		if (i == n && ret != -EINVAL)
			FZ_FAIL("hot op on index %u accepted", i);
		fz_check(ctx, devs, n, ext, next, &o, NULL, 0);
	}
out:
	for (i = 0; i < n; i++)
		free(cfgs[i]);
	free(ws);
	free(ws2);
	return 0;
}
