// SPDX-License-Identifier: GPL-2.0-only OR MIT
/*
 * fuzz_cmdline.c - the command-line parsers (pci=disable_acs_redir=,
 * pci=config_acs=, pci=bfsort, pcie_acs_override=, the IOMMU switches and
 * the kernel's device-spec syntax) through ig_init() and ig_predict() on a
 * fixed small topology.  Input: byte 0 picks the kernel version, byte 1
 * the IOMMU, ACS source, override position and companion policy; the rest
 * is the command line (cut at 4096 bytes, NUL bytes kept as they stop the
 * string where the kernel would).
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include "fz.h"

static const uint32_t kvers[] = {
	IG_KVER(4, 19, 0), IG_KVER(5, 4, 0), IG_KVER(5, 10, 0),
	IG_KVER(5, 15, 0), IG_KVER(6, 1, 192), IG_KVER(6, 2, 0),
	IG_KVER(6, 6, 0), IG_KVER(6, 12, 107), IG_KVER(6, 16, 0),
	IG_KVER(7, 0, 0),
};

static const struct {
	uint32_t domain;
	uint8_t bus, devfn, sec;
	uint32_t parent, physfn, vmd;
	unsigned int t;
	uint32_t hot;
} topo[] = {
	{ 0, 0, 0x00, 0, IG_NONE, IG_NONE, IG_NONE, FZ_T_RCIEP, 0 },
	{ 0, 0, 0x08, 1, IG_NONE, IG_NONE, IG_NONE, FZ_T_RP_ACS, 0 }, /* 1 */
	{ 0, 1, 0x00, 2, 1, IG_NONE, IG_NONE, FZ_T_USP, 0 }, /* 2 */
	{ 0, 2, 0x00, 3, 2, IG_NONE, IG_NONE, FZ_T_DSP_ACS, 0 }, /* 3 */
	{ 0, 2, 0x08, 4, 2, IG_NONE, IG_NONE, FZ_T_DSP, 0 }, /* 4 */
	{ 0, 3, 0x00, 0, 3, IG_NONE, IG_NONE, FZ_T_EP_MF, 0 }, /* 5 */
	{ 0, 3, 0x01, 0, 3, IG_NONE, IG_NONE, FZ_T_EP_MF, 0 },
	{ 0, 4, 0x00, 0, 4, IG_NONE, IG_NONE, FZ_T_EP, 0 }, /* 7 */
	{ 0, 4, 0x01, 0, 4, 7, IG_NONE, FZ_T_EP, 1 }, /* VF */
	{ 0, 0, 0xe0, 5, IG_NONE, IG_NONE, IG_NONE, FZ_T_PCH_RP, 0 }, /* 9 */
	{ 0, 5, 0x00, 0, 9, IG_NONE, IG_NONE, FZ_T_EP, 0 },
	{ 0, 0, 0xe8, 0, IG_NONE, IG_NONE, IG_NONE, FZ_T_USB, 0 },
	{ 0, 0, 0xef, 0, IG_NONE, IG_NONE, IG_NONE, FZ_T_USB, 0 },
	{ 0, 0, 0x10, 6, IG_NONE, IG_NONE, IG_NONE, FZ_T_PCIE_PCI, 0 }, /* 13 */
	{ 0, 6, 0x08, 0, 13, IG_NONE, IG_NONE, FZ_T_PCI_EP, 0 },
	{ 0, 6, 0x10, 0, 13, IG_NONE, IG_NONE, FZ_T_PCI_EP, 0 },
	{ 0, 0, 0x18, 0, IG_NONE, IG_NONE, IG_NONE, FZ_T_EP, 0 }, /* 16 VMD */
	{ 0x10000, 0xe0, 0x00, 0, IG_NONE, IG_NONE, 16, FZ_T_EP, 0 },
	{ 0, 0, 0x20, 0, IG_NONE, IG_NONE, IG_NONE, FZ_T_AMD_IOMMU, 0 },
};
#define N (sizeof(topo) / sizeof(topo[0]))

static struct ig_dev devs[N];
static uint8_t cfg[N][4096];
static char cmdline[4097];

static void setup(void)
{
	uint32_t i;

	for (i = 0; i < N; i++) {
		fz_template(cfg[i], topo[i].t);
		cfg[i][0x18] = topo[i].bus;
		cfg[i][0x19] = topo[i].sec;
		cfg[i][0x1a] = topo[i].sec;
		devs[i].domain = topo[i].domain;
		devs[i].bus = topo[i].bus;
		devs[i].devfn = topo[i].devfn;
		devs[i].parent = topo[i].parent;
		devs[i].physfn = topo[i].physfn;
		devs[i].vmd_owner = topo[i].vmd;
		devs[i].config = cfg[i];
		devs[i].config_len = 4096;
		devs[i].hotplug_seq = topo[i].hot;
		devs[i].flags = IG_DEV_CFG_FULL;
	}
	/* a PCH root port without the ACS capability, firmware value in
	 * the USB companion's slot: see fz_template() */
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static int done;
	struct ig_opts o;
	struct ig_ctx *ctx;
	struct ig_result res;
	size_t len, cl;
	void *ws;
	int ret;

	if (!done) {
		setup();
		done = 1;
	}
	if (size < 2)
		return 0;
	memset(&o, 0, sizeof(o));
	o.kernel = kvers[data[0] % (sizeof(kvers) / sizeof(kvers[0]))];
	o.iommu = 1 + (data[1] & 3) % 3;
	o.acs_source = 1 + ((data[1] >> 2) & 1);
	o.override_pos = (data[1] >> 3) % 3;
	o.companion = (data[1] >> 5) % 3;
	o.flags = data[0] & 0x80 ? IG_OPT_INTEL_DEFAULT_OFF : 0;
	cl = size - 2 > 4096 ? 4096 : size - 2;
	memcpy(cmdline, data + 2, cl);
	cmdline[cl] = 0;
	o.cmdline = cmdline;
	len = ig_workspace_size(N, 0);
	ws = malloc(len);
	if (!ws)
		abort();
	ret = ig_init(ws, len, devs, N, NULL, 0, &o, &ctx);
	if (ret)
		FZ_FAIL("a fixed, valid table was refused (%d)", ret);
	if (ig_predict(ctx, &res))
		FZ_FAIL("ig_predict failed");
	fz_check(ctx, devs, N, NULL, 0, &o, &res, 1);
	free(ws);
	return 0;
}
