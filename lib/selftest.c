// SPDX-License-Identifier: GPL-2.0-only OR MIT
/*
 * selftest.c - a small built-in check of the core, used by the self-test
 * program and the kernel shim: a root port with ACS and one without, each
 * with endpoints, must give the groups the kernel gives (A.12 examples 1
 * and 2).
 */
#include "ig_internal.h"

#define ST_NDEV 6
#define ST_CFG 4096

static void put16(uint8_t *c, uint32_t off, uint32_t v)
{
	c[off] = (uint8_t)v;
	c[off + 1] = (uint8_t)(v >> 8);
}

static void put32(uint8_t *c, uint32_t off, uint32_t v)
{
	put16(c, off, v & 0xffff);
	put16(c, off + 2, v >> 16);
}

/* a PCIe function: IDs, header type, port type, optional ACS */
static void mkcfg(uint8_t *c, uint16_t ven, uint16_t dev, uint32_t class,
		  uint8_t hdr, uint8_t type, int acs)
{
	uint32_t i;

	for (i = 0; i < ST_CFG; i++)
		c[i] = 0;
	put16(c, 0, ven);
	put16(c, 2, dev);
	put32(c, 8, class << 8);
	put16(c, 6, 0x0010);
	c[0x0e] = hdr;
	c[0x34] = 0x40;
	c[0x40] = 0x10;
	c[0x41] = 0;
	put16(c, 0x42, (uint32_t)type << 4 | 2);
	if (acs) {
		put32(c, 0x100, 0x000d | (1u << 16));
		put16(c, 0x104, IG_ACS_SV | IG_ACS_RR | IG_ACS_CR | IG_ACS_UF);
		put16(c, 0x106, IG_ACS_SV | IG_ACS_RR | IG_ACS_CR | IG_ACS_UF);
	}
}

int ig_self_test(void *ws, size_t wslen)
{
	struct ig_dev *devs;
	struct ig_opts opts;
	struct ig_ctx *ctx;
	uint8_t *cfg, *p = ws;
	size_t need;
	uint32_t i;
	int ret;

	need = ST_NDEV * ST_CFG + ST_NDEV * sizeof(struct ig_dev) + 64;
	if (!ws || wslen < need + ig_workspace_size(ST_NDEV, 0))
		return -1;
	cfg = p;
	p += ST_NDEV * ST_CFG;
	devs = (struct ig_dev *)(((uintptr_t)p + 7) & ~(uintptr_t)7);
	p = (uint8_t *)(devs + ST_NDEV);
	p = (uint8_t *)(((uintptr_t)p + 7) & ~(uintptr_t)7);

	mkcfg(cfg + 0 * ST_CFG, 0x1b36, 0x000c, 0x060400, 1, IG_PT_RP, 1);
	mkcfg(cfg + 1 * ST_CFG, 0x8086, 0x3420, 0x060400, 1, IG_PT_RP, 0);
	mkcfg(cfg + 2 * ST_CFG, 0x1af4, 0x1041, 0x020000, 0, IG_PT_EP, 0);
	mkcfg(cfg + 3 * ST_CFG, 0x1af4, 0x1041, 0x020000, 0x80, IG_PT_EP, 0);
	mkcfg(cfg + 4 * ST_CFG, 0x1af4, 0x1041, 0x020000, 0, IG_PT_EP, 0);
	mkcfg(cfg + 5 * ST_CFG, 0x1af4, 0x1042, 0x010000, 0, IG_PT_RC_END, 0);
	for (i = 0; i < ST_NDEV; i++) {
		devs[i].domain = 0;
		devs[i].parent = IG_NONE;
		devs[i].physfn = IG_NONE;
		devs[i].vmd_owner = IG_NONE;
		devs[i].config = cfg + i * ST_CFG;
		devs[i].config_len = ST_CFG;
		devs[i].hotplug_seq = 0;
		devs[i].flags = IG_DEV_CFG_FULL;
		devs[i].name = NULL;
		devs[i].reserved0 = 0;
		devs[i].iommu_unit = 0;
	}
	devs[0].bus = 0; devs[0].devfn = 1 << 3;
	devs[1].bus = 0; devs[1].devfn = 2 << 3;
	devs[2].bus = 1; devs[2].devfn = 0; devs[2].parent = 0;
	devs[3].bus = 2; devs[3].devfn = 0; devs[3].parent = 1;
	devs[4].bus = 2; devs[4].devfn = 1; devs[4].parent = 1;
	devs[5].bus = 0; devs[5].devfn = 3 << 3;
	cfg[0 * ST_CFG + 0x19] = 1;
	cfg[0 * ST_CFG + 0x1a] = 1;
	cfg[1 * ST_CFG + 0x19] = 2;
	cfg[1 * ST_CFG + 0x1a] = 2;

	opts.kernel = IG_KVER(6, 12, 0);
	opts.cmdline = NULL;
	opts.iommu = IG_IOMMU_INTEL;
	opts.acs_source = IG_ACS_LIVE;
	opts.override_pos = IG_OVERRIDE_NONE;
	opts.companion = IG_COMPANION_AUTO;
	opts.flags = 0;
	opts.first_number = 0;
	opts.aliases = NULL;
	opts.naliases = 0;
	opts.root_order = NULL;
	opts.nroot_order = 0;
	opts.probe_order = NULL;
	opts.nprobe_order = 0;
	ret = ig_init(p, wslen - (size_t)(p - (uint8_t *)ws), devs, ST_NDEV,
		      NULL, 0, &opts, &ctx);
	if (ret)
		return -2;
	if (ig_predict(ctx, NULL))
		return -3;
	/* probe order 00:01.0 00:02.0 00:03.0 01:00.0 02:00.0 02:00.1:
	 * the ACS port and the RCiEP are alone, the endpoint below the ACS
	 * port is alone, both functions below the port without ACS join it */
	{
		static const int64_t order_want[ST_NDEV] = { 0, 1, 5, 2, 3, 4 };
		static const int64_t num_want[ST_NDEV] = { 0, 1, 2, 3, 1, 1 };

		for (i = 0; i < ST_NDEV; i++) {
			if (ig_probe_order(ctx, i) != order_want[i])
				return -4;
			if (ig_dev_group(ctx, (uint32_t)order_want[i]) !=
			    num_want[i])
				return -5 - (int)i;
		}
	}
	return 0;
}
