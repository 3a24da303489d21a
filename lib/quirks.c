// SPDX-License-Identifier: GPL-2.0-only OR MIT
/*
 * quirks.c - the kernel's data tables that change groups, and the ACS tests
 * that use them:
 *   - pci_dev_acs_enabled[] (drivers/pci/quirks.c), in table order, with the
 *     "first non-negative answer wins" rule and the out-of-tree
 *     pcie_acs_override entry at the position the caller picks;
 *   - the Intel PCH and SPT root-port lists and their enable/disable hooks;
 *   - DMA-alias quirks and the bridge flags (PCIE_BRIDGE_ALIAS, XLATE_ROOT,
 *     PCI_BRIDGE_NO_ALIAS);
 *   - pci_enable_acs() as each kernel version runs it, for hosts whose
 *     config space holds firmware values.
 * IDs are facts from the kernel tables (see kernel-grouping.md, B.1-B.5).
 */
#include "ig_internal.h"

#define ANY 0xffff
#define NOTTY (-1)

struct acs_row {
	uint16_t vendor;
	uint16_t quirk; /* enum ig_quirk */
	uint16_t feature; /* ig_kver_has() feature + 1, or 0 */
	uint16_t nids; /* 0: the device column is ANY */
	const uint16_t *ids;
};

static const uint16_t ids_amd_sb_ati[] = { 0x4385, 0x439c, 0x4383,
					   0x439d, 0x4384, 0x4399 };
static const uint16_t ids_amd_sb_amd[] = { 0x780f, 0x7809 };
static const uint16_t ids_solarflare[] = { 0x0903, 0x0923, 0x0a03 };
static const uint16_t ids_intel_ixgbe[] = {
	0x10c6, 0x10db, 0x10dd, 0x10e1, 0x10f1, 0x10f7, 0x10f8,
	0x10f9, 0x10fa, 0x10fb, 0x10fc, 0x1507, 0x1514, 0x151c,
	0x1529, 0x152a, 0x154d, 0x154f, 0x1551, 0x1558
};
static const uint16_t ids_intel_82580[] = { 0x1509, 0x150e, 0x150f, 0x1510,
					    0x1511, 0x1516, 0x1527 };
static const uint16_t ids_intel_82576[] = { 0x10c9, 0x10e6, 0x10e7, 0x10e8,
					    0x150a, 0x150d, 0x1518, 0x1526 };
static const uint16_t ids_intel_82575[] = { 0x10a7, 0x10a9, 0x10d6 };
static const uint16_t ids_intel_i350[] = { 0x1521, 0x1522, 0x1523, 0x1524 };
static const uint16_t ids_intel_82571[] = { 0x105e, 0x105f, 0x1060, 0x10d9 };
static const uint16_t ids_intel_i219[] = { 0x15b7, 0x15b8 };
static const uint16_t ids_qcom_qdf[] = { 0x0400, 0x0401 };
static const uint16_t ids_qcom_sa8775[] = { 0x0115 };
static const uint16_t ids_qcom_hamoa[] = { 0x0111, 0x0120 };
static const uint16_t ids_hxt[] = { 0x0401 };
static const uint16_t ids_emulex_be3[] = { 0x0710 };
static const uint16_t ids_emulex_sky[] = { 0x0720 };
static const uint16_t ids_cavium_mf[] = { 0xa026, 0xa059, 0xa060 };
static const uint16_t ids_xgene[] = { 0xe004 };
static const uint16_t ids_ampere[] = { 0xe005, 0xe006, 0xe007, 0xe008,
				       0xe009, 0xe00a, 0xe00b, 0xe00c };
static const uint16_t ids_brcm_mf[] = { 0x16d7, 0x1750, 0x1751, 0x1752,
					0x1760, 0x1761, 0x1762, 0x1763 };
static const uint16_t ids_brcm_paxb[] = { 0xd714 };
static const uint16_t ids_loongson[] = { 0x3c09, 0x3c19, 0x3c29, 0x7a09,
					 0x7a19, 0x7a29, 0x7a39, 0x7a49,
					 0x7a59, 0x7a69 };
static const uint16_t ids_amazon[] = { 0x0031 };
static const uint16_t ids_zhaoxin_mf[] = { 0x3038, 0x3104, 0x9083 };
static const uint16_t ids_nxp[] = {
	0x8d81, 0x8da1, 0x8d83, 0x8d80, 0x8da0, 0x8d82, 0x8d90, 0x8db0,
	0x8d92, 0x8d91, 0x8db1, 0x8d93, 0x8d89, 0x8da9, 0x8d8b, 0x8d88,
	0x8da8, 0x8d8a, 0x8d98, 0x8db8, 0x8d9a, 0x8d99, 0x8db9, 0x8d9b
};

#define ROW(v, q, f, ids) { v, q, f, sizeof(ids) / sizeof(ids[0]), ids }
#define ROW_ANY(v, q, f) { v, q, f, 0, NULL }
#define OVERRIDE_ROW 0xfffe /* marker for the override position */

/* pci_dev_acs_enabled[] in kernel order (2026 trees, B.1) */
static const struct acs_row acs_table[] = {
	ROW(0x1002, IG_Q_AMD_SB, 0, ids_amd_sb_ati),
	ROW(0x1022, IG_Q_AMD_SB, 0, ids_amd_sb_amd),
	ROW(0x1924, IG_Q_MF_ENDPOINT, 0, ids_solarflare),
	ROW(0x8086, IG_Q_MF_ENDPOINT, 0, ids_intel_ixgbe),
	ROW(0x8086, IG_Q_MF_ENDPOINT, 0, ids_intel_82580),
	ROW(0x8086, IG_Q_MF_ENDPOINT, 0, ids_intel_82576),
	ROW(0x8086, IG_Q_MF_ENDPOINT, 0, ids_intel_82575),
	ROW(0x8086, IG_Q_MF_ENDPOINT, 0, ids_intel_i350),
	ROW(0x8086, IG_Q_MF_ENDPOINT, 0, ids_intel_82571),
	ROW(0x8086, IG_Q_MF_ENDPOINT, 0, ids_intel_i219),
	ROW_ANY(0x8086, IG_Q_RCIEP, 0),
	ROW(0x17cb, IG_Q_QCOM_RP, 0, ids_qcom_qdf),
	ROW(0x17cb, IG_Q_QCOM_RP, 0, ids_qcom_sa8775),
	ROW(0x17cb, IG_Q_QCOM_RP, IG_KF_QCOM_HAMOA + 1, ids_qcom_hamoa),
	ROW(0x1dbf, IG_Q_QCOM_RP, 0, ids_hxt),
	ROW_ANY(0x8086, IG_Q_INTEL_PCH, 0),
	ROW_ANY(0x8086, IG_Q_INTEL_SPT, 0),
	ROW(0x19a2, IG_Q_MF_ENDPOINT, 0, ids_emulex_be3),
	ROW(0x10df, IG_Q_MF_ENDPOINT, 0, ids_emulex_sky),
	ROW_ANY(0x177d, IG_Q_CAVIUM, 0),
	ROW(0x177d, IG_Q_MF_ENDPOINT, 0, ids_cavium_mf),
	ROW(0x10e8, IG_Q_XGENE, 0, ids_xgene),
	{ ANY, OVERRIDE_ROW, IG_OVERRIDE_PROXMOX, 0, NULL },
	ROW(0x1def, IG_Q_XGENE, 0, ids_ampere),
	ROW(0x14e4, IG_Q_MF_ENDPOINT, 0, ids_brcm_mf),
	ROW(0x14e4, IG_Q_BRCM, 0, ids_brcm_paxb),
	ROW(0x0014, IG_Q_LOONGSON, IG_KF_LOONGSON + 1, ids_loongson),
	ROW(0x1c36, IG_Q_AL, 0, ids_amazon),
	ROW(0x1d17, IG_Q_MF_ENDPOINT, 0, ids_zhaoxin_mf),
	ROW(0x1957, IG_Q_NXP_RP, 0, ids_nxp),
	ROW_ANY(0x1d17, IG_Q_ZHAOXIN, 0),
	ROW_ANY(0x8088, IG_Q_WANGXUN, 0),
	{ ANY, OVERRIDE_ROW, IG_OVERRIDE_END, 0, NULL },
};

/* pci_quirk_intel_pch_acs_ids[] */
static const uint16_t intel_pch_ids[] = {
	/* Ibex Peak */
	0x3b42, 0x3b43, 0x3b44, 0x3b45, 0x3b46, 0x3b47, 0x3b48, 0x3b49,
	0x3b4a, 0x3b4b, 0x3b4c, 0x3b4d, 0x3b4e, 0x3b4f, 0x3b50, 0x3b51,
	/* Patsburg */
	0x1d10, 0x1d12, 0x1d14, 0x1d16, 0x1d18, 0x1d1a, 0x1d1c, 0x1d1e,
	/* Wildcat Point */
	0x8c90, 0x8c92, 0x8c94, 0x8c96, 0x8c98, 0x8c9a, 0x8c9c, 0x8c9e,
};

static int in_list(uint16_t id, const uint16_t *ids, uint32_t n)
{
	uint32_t i;

	for (i = 0; i < n; i++)
		if (ids[i] == id)
			return 1;
	return 0;
}

static int intel_pch_id(uint16_t d)
{
	if ((d >= 0x1c10 && d <= 0x1c1f) || (d >= 0x1e10 && d <= 0x1e1f) ||
	    (d >= 0x8c10 && d <= 0x8c1f) || (d >= 0x9c10 && d <= 0x9c1b) ||
	    (d >= 0x9c90 && d <= 0x9c9b) || (d >= 0x8d10 && d <= 0x8d1e))
		return 1;
	return in_list(d, intel_pch_ids,
		       sizeof(intel_pch_ids) / sizeof(intel_pch_ids[0]));
}

static int is_pcie(const struct ig_acs_info *a)
{
	return a->port_type != IG_PT_NOT_PCIE;
}

/* pci_quirk_intel_pch_acs_match() */
static int intel_pch_match(const struct ig_acs_info *a)
{
	return a->vendor == 0x8086 && is_pcie(a) &&
	       a->port_type == IG_PT_RP && intel_pch_id(a->device);
}

/* pci_quirk_intel_spt_pch_acs_match() */
static int intel_spt_match(const struct ig_acs_info *a)
{
	uint16_t d = a->device;

	if (a->vendor != 0x8086 || !is_pcie(a) || a->port_type != IG_PT_RP)
		return 0;
	return (d >= 0xa110 && d <= 0xa11f) || (d >= 0xa167 && d <= 0xa16a) ||
	       (d >= 0xa290 && d <= 0xa29f) || (d >= 0xa2e7 && d <= 0xa2ee) ||
	       (d >= 0x9d10 && d <= 0x9d1b);
}

/* pci_acs_ctrl_enabled() */
static int ctrl_enabled(uint16_t req, uint16_t ena)
{
	return (req & ena) == req;
}

/* the pcie_acs_override patch's pcie_acs_overrides() */
static int override_answer(const struct ig_ctx *ctx, uint32_t dev,
			   uint32_t *quirk)
{
	const struct ig_acs_info *a = &ctx->ds[dev].a;
	const struct ig_cmdline *cl = &ctx->cl;
	uint32_t i;

	if (!is_pcie(a) || a->acs_pos)
		return NOTTY;
	for (i = 0; i < cl->ovr_nids; i++)
		if (cl->ovr_vendor[i] == a->vendor &&
		    cl->ovr_device[i] == a->device) {
			*quirk = IG_Q_OVERRIDE_ID;
			return 1;
		}
	switch (a->port_type) {
	case IG_PT_DSP:
	case IG_PT_RP:
		if (cl->ovr_downstream) {
			*quirk = IG_Q_OVERRIDE_DOWNSTREAM;
			return 1;
		}
		break;
	case IG_PT_EP:
	case IG_PT_USP:
	case IG_PT_LEG_END:
	case IG_PT_RC_END:
		if (cl->ovr_multifunction && a->multifunction) {
			*quirk = IG_Q_OVERRIDE_MULTIFUNCTION;
			return 1;
		}
		break;
	}
	return NOTTY;
}

/* one quirk function's answer for flags = REQ: 1, 0, or NOTTY */
static int quirk_answer(const struct ig_ctx *ctx, uint32_t dev, uint32_t q,
			int *unknown)
{
	const struct ig_ds *s = &ctx->ds[dev];
	const struct ig_acs_info *a = &s->a;
	uint16_t d = a->device, flags;

	switch (q) {
	case IG_Q_AMD_SB:
		/* needs an ACPI IVRS table: an AMD IOMMU */
		if (!a->multifunction || ctx->devs[dev].parent != IG_NONE ||
		    ctx->opts.iommu != IG_IOMMU_AMD)
			return NOTTY;
		return ctrl_enabled(IG_ACS_REQ & (IG_ACS_RR | IG_ACS_CR),
				    IG_ACS_RR | IG_ACS_CR);
	case IG_Q_MF_ENDPOINT:
	case IG_Q_QCOM_RP:
	case IG_Q_XGENE:
	case IG_Q_BRCM:
	case IG_Q_LOONGSON:
	case IG_Q_NXP_RP:
		return 1;
	case IG_Q_RCIEP:
		if (s->dflags & IG_DF_PCIE_UNKNOWN)
			*unknown = 1;
		return a->port_type == IG_PT_RC_END ? 1 : NOTTY;
	case IG_Q_INTEL_PCH:
		if (s->dflags & IG_DF_PCIE_UNKNOWN)
			*unknown = 1;
		if (!intel_pch_match(a))
			return NOTTY;
		/* the enable quirk ran only when a driver bound: too late */
		if (ig_kver_has(ctx->opts.kernel, IG_KF_FW_ACS_AT_GROUPING))
			return 0;
		if (ig_kver_has(ctx->opts.kernel, IG_KF_QUIRK_SKIP_BUG) &&
		    !a->acs_pos)
			return 0;
		return (ctx->opts.flags & IG_OPT_PCH_QUIRK_FAILED) ? 0 : 1;
	case IG_Q_INTEL_SPT:
		if (s->dflags & IG_DF_PCIE_UNKNOWN)
			*unknown = 1;
		if (!intel_spt_match(a))
			return NOTTY;
		if (!a->acs_pos) {
			if (s->dflags & IG_DF_EXT_UNKNOWN)
				*unknown = 1;
			return NOTTY;
		}
		flags = IG_ACS_REQ & (uint16_t)(s->spt_cap | IG_ACS_EC);
		return (s->spt_ctrl & flags) == flags;
	case IG_Q_CAVIUM:
		if (!is_pcie(a) || a->port_type != IG_PT_RP)
			return NOTTY;
		if ((d & 0xf800) == 0xa000 || d == 0xaf84 || d == 0xb884)
			return 1;
		return NOTTY;
	case IG_Q_AL:
		return a->port_type == IG_PT_RP ? 1 : NOTTY;
	case IG_Q_ZHAOXIN:
		if (!is_pcie(a) ||
		    (a->port_type != IG_PT_RP && a->port_type != IG_PT_DSP))
			return NOTTY;
		if ((d >= 0x0710 && d <= 0x071e) || d == 0x0721 ||
		    (d >= 0x0723 && d <= 0x0752))
			return 1;
		return 0;
	case IG_Q_WANGXUN:
		if ((d >= 0x0100 && d <= 0x010f) || d == 0x1001 ||
		    d == 0x2001)
			return 1;
		if ((d == 0x5010 || d == 0x5025 || d == 0x5040 ||
		     d == 0x5110 || d == 0x5125 || d == 0x5140) &&
		    ig_kver_has(ctx->opts.kernel, IG_KF_WANGXUN_AML))
			return 1;
		return 0;
	}
	return NOTTY;
}

/* pci_dev_specific_acs_enabled(): the first non-negative answer wins */
static int table_answer(const struct ig_ctx *ctx, uint32_t dev,
			uint32_t *quirk, int *unknown)
{
	const struct ig_acs_info *a = &ctx->ds[dev].a;
	const struct acs_row *r;
	uint32_t i, n = sizeof(acs_table) / sizeof(acs_table[0]);
	int ret;

	for (i = 0; i < n; i++) {
		r = &acs_table[i];
		if (r->quirk == OVERRIDE_ROW) {
			if (!ctx->override_on ||
			    ctx->opts.override_pos != r->feature)
				continue;
			ret = override_answer(ctx, dev, quirk);
			if (ret >= 0)
				return ret;
			continue;
		}
		if (r->vendor != a->vendor)
			continue;
		if (r->nids && !in_list(a->device, r->ids, r->nids))
			continue;
		if (r->feature &&
		    !ig_kver_has(ctx->opts.kernel, r->feature - 1u))
			continue;
		ret = quirk_answer(ctx, dev, r->quirk, unknown);
		if (ret >= 0) {
			*quirk = r->quirk;
			return ret;
		}
	}
	return NOTTY;
}

/*
 * pci_acs_flags_enabled(dev, REQ) with the Control word at grouping time.
 * v7.0 caches the capability without SV on IDT 111d:80b5/8090.
 */
static int flags_enabled(struct ig_ctx *ctx, uint32_t dev)
{
	struct ig_ds *s = &ctx->ds[dev];
	struct ig_acs_info *a = &s->a;
	uint16_t flags;

	if (!a->acs_pos) {
		if (s->dflags & IG_DF_EXT_UNKNOWN) {
			a->uncertain = 1;
			a->why = IG_ACSW_UNKNOWN;
		} else {
			a->why = IG_ACSW_NO_CAP;
		}
		return 0;
	}
	flags = IG_ACS_REQ & (uint16_t)(a->acs_cap | IG_ACS_EC);
	a->why = IG_ACSW_CTRL;
	a->acs_missing = (uint16_t)(flags & ~a->acs_ctrl);
	if (s->dflags & IG_DF_EXT_UNKNOWN)
		a->uncertain = 1;
	/* kernels that grouped with the firmware's Control value, read on a
	 * live host where drivers have since enabled ACS: the value at
	 * grouping time is not in the bytes */
	if (ctx->opts.acs_source == IG_ACS_LIVE &&
	    ig_kver_has(ctx->opts.kernel, IG_KF_FW_ACS_AT_GROUPING))
		a->uncertain = 1;
	return (a->acs_ctrl & flags) == flags;
}

/*
 * pci_acs_enabled(dev, REQ), after drivers/pci/pci.c (v6.1, v6.12): the
 * verdict is cached in ds->a.enabled with its reason.
 */
void ig_acs_evaluate(struct ig_ctx *ctx, uint32_t dev)
{
	struct ig_ds *s = &ctx->ds[dev];
	struct ig_acs_info *a = &s->a;
	uint32_t quirk = IG_Q_NONE;
	int unknown = 0, ret;

	a->uncertain = 0;
	a->acs_missing = 0;
	ret = table_answer(ctx, dev, &quirk, &unknown);
	if (ret >= 0) {
		a->enabled = (uint8_t)(ret > 0);
		a->quirk = quirk;
		a->why = quirk >= IG_Q_OVERRIDE_ID ? IG_ACSW_OVERRIDE :
						     IG_ACSW_QUIRK;
		a->uncertain = (uint8_t)unknown;
		return;
	}
	if (s->dflags & IG_DF_PCIE_UNKNOWN) {
		/* cannot even tell whether it is PCIe */
		a->enabled = 0;
		a->why = IG_ACSW_UNKNOWN;
		a->uncertain = 1;
		return;
	}
	if (unknown)
		a->uncertain = 1;
	if (!is_pcie(a)) {
		a->enabled = 0;
		a->why = IG_ACSW_NOT_PCIE;
		return;
	}
	switch (a->port_type) {
	case IG_PT_PCIE_BRIDGE:
	case IG_PT_PCI_BRIDGE:
	case IG_PT_RC_EC:
		a->enabled = 0;
		a->why = IG_ACSW_BRIDGE_TYPE;
		return;
	case IG_PT_DSP:
	case IG_PT_RP:
		a->enabled = (uint8_t)flags_enabled(ctx, dev);
		return;
	case IG_PT_EP:
	case IG_PT_USP:
	case IG_PT_LEG_END:
	case IG_PT_RC_END:
		if (!a->multifunction) {
			a->enabled = 1;
			a->why = IG_ACSW_SINGLE_FUNCTION;
			return;
		}
		a->enabled = (uint8_t)flags_enabled(ctx, dev);
		return;
	}
	a->enabled = 1;
	a->why = IG_ACSW_OTHER_TYPE;
}

/*
 * __pci_config_acs() of v6.11+ (both the first and the fixed combine rule)
 * and pci_disable_acs_redir() of <= v6.10, for one parameter string.
 * Returns 1 if the device matched.
 */
static int config_acs(struct ig_ctx *ctx, uint32_t dev, const char *p,
		      uint16_t acs_mask, uint16_t acs_flags, int new_style)
{
	struct ig_ds *s = &ctx->ds[dev];
	struct ig_acs_info *a = &s->a;
	uint16_t mask = acs_mask, flags = acs_flags;
	int fixed = ig_kver_has(ctx->opts.kernel, IG_KF_CONFIG_ACS_FIXED);
	int ret = 0, end, shift;
	const char *at, *q;

	if (!p)
		return 0;
	while (*p) {
		if (new_style && (fixed ? !acs_mask : !mask)) {
			at = p;
			while (*at && *at != '@')
				at++;
			if (!*at)
				return 0; /* "ACS Flags missing" */
			/* the fix (9cf8a952d57b) also resets flags per entry */
			mask = 0;
			if (fixed)
				flags = 0;
			shift = 0;
			for (end = (int)(at - p) - 1; end >= 0; end--) {
				if (p[end] != '0' && p[end] != '1' &&
				    p[end] != 'x' && p[end] != 'X')
					return 0; /* invalid flags */
				/* the kernel ORs "1 << shift" into u16
				 * variables: positions 16-31 are lost; from 32
				 * on the shift is undefined in C, so no answer
				 * can be given: treat the string as invalid */
				if (shift >= 32 && p[end] != 'x' && p[end] != 'X')
					return 0;
				if (shift < 16 && p[end] != 'x' && p[end] != 'X')
					mask |= (uint16_t)(1u << shift);
				if (shift < 16 && p[end] == '1')
					flags |= (uint16_t)(1u << shift);
				shift++;
			}
			p = at + 1;
		}
		/* kernel-grouping.md A.3.2 says bits the capability lacks are
		 * rejected; the pci.c read (6.12-era __pci_config_acs()) only
		 * refuses bits outside the seven ACS flags; the QEMU
		 * captures only name bits the capability has, so they do not
		 * settle it */
		if (new_style && (mask & ~0x7f))
			return 0; /* "Invalid ACS flags specified" */
		ret = ig_devspec_match(ctx, dev, p, &q);
		if (ret < 0)
			return 0;
		if (ret == 1)
			break;
		p = q;
		if (*p != ';' && *p != ',')
			return 0;
		p++;
	}
	if (ret != 1)
		return 0;
	/* pci_dev_specific_disable_acs_redir(): the SPT hook wins */
	if (intel_spt_match(a) && a->acs_pos) {
		s->spt_ctrl &= ~(uint32_t)(IG_ACS_RR | IG_ACS_CR | IG_ACS_EC);
		return 1;
	}
	if (!new_style) {
		if (a->acs_pos)
			a->acs_ctrl &= (uint16_t)~(IG_ACS_RR | IG_ACS_CR |
						   IG_ACS_EC);
		return 1;
	}
	if (fixed) {
		a->acs_ctrl = (uint16_t)((s->fw_ctrl & ~mask) | (flags & mask));
	} else {
		a->acs_ctrl = (uint16_t)((a->acs_ctrl & ~mask) |
					 (s->fw_ctrl & mask));
		a->acs_ctrl |= flags;
	}
	return 1;
}

/* the quirk enable hooks (pci_dev_specific_enable_acs()): 1 handled */
static int quirk_enable(struct ig_ctx *ctx, uint32_t dev)
{
	struct ig_ds *s = &ctx->ds[dev];
	struct ig_acs_info *a = &s->a;

	if (intel_pch_match(a))
		return 1; /* the flag is the caller's IG_OPT_PCH_QUIRK_FAILED */
	if (intel_spt_match(a) && a->acs_pos) {
		s->spt_ctrl |= (s->spt_cap & IG_ACS_SV) | IG_ACS_RR |
			       IG_ACS_CR | IG_ACS_UF;
		return 1;
	}
	return 0;
}

/* pci_std_enable_acs(): TB does not matter for grouping.  acs_cap is the
 * cached capability, already without SV on the IDT switches of v7.0
 * (idt_cap_quirk(), run by ig_quirks_flags() before any enable) */
static void std_enable(struct ig_ctx *ctx, uint32_t dev)
{
	struct ig_acs_info *a = &ctx->ds[dev].a;

	a->acs_ctrl |= a->acs_cap & IG_ACS_REQ;
}

/*
 * pci_enable_acs() of the target kernel, on a device whose bytes hold the
 * firmware's Control value (drivers/pci/pci.c v6.1 and v6.12 shapes).
 */
void ig_acs_simulate(struct ig_ctx *ctx, uint32_t dev)
{
	struct ig_acs_info *a = &ctx->ds[dev].a;
	uint32_t k = ctx->opts.kernel;
	int handled;

	if (ig_kver_has(k, IG_KF_FW_ACS_AT_GROUPING))
		return; /* enabled only when a driver binds: after grouping */
	if (!ig_kver_has(k, IG_KF_CONFIG_ACS)) {
		/* <= v6.10 */
		handled = quirk_enable(ctx, dev);
		if (!handled && a->acs_pos)
			std_enable(ctx, dev);
		if (config_acs(ctx, dev, ctx->cl.disable_acs_redir, 0, 0, 0))
			a->cmdline |= IG_ACSCL_DISABLE_REDIR;
		return;
	}
	if (ig_kver_has(k, IG_KF_QUIRK_SKIP_BUG) && !a->acs_pos)
		return;
	handled = quirk_enable(ctx, dev);
	if (!a->acs_pos)
		return;
	if (!handled)
		std_enable(ctx, dev);
	if (config_acs(ctx, dev, ctx->cl.disable_acs_redir,
		       IG_ACS_RR | IG_ACS_CR | IG_ACS_EC,
		       (uint16_t)~(IG_ACS_RR | IG_ACS_CR | IG_ACS_EC), 1))
		a->cmdline |= IG_ACSCL_DISABLE_REDIR;
	if (config_acs(ctx, dev, ctx->cl.config_acs, 0, 0, 1))
		a->cmdline |= IG_ACSCL_CONFIG_ACS;
}

/* IDT v7.0: the cached capability lacks SV, so SV counts as hard-wired */
static void idt_cap_quirk(struct ig_ctx *ctx, uint32_t dev)
{
	struct ig_acs_info *a = &ctx->ds[dev].a;

	if (ig_kver_has(ctx->opts.kernel, IG_KF_IDT_SV) &&
	    a->vendor == 0x111d && (a->device == 0x80b5 || a->device == 0x8090))
		a->acs_cap &= (uint16_t)~IG_ACS_SV;
}

/*
 * Device flags set by header fixups: quirk_use_pcie_bridge_dma_alias(),
 * quirk_bridge_cavm_thrx2_pcie_root(), and the ASPEED AST1150 NO_ALIAS.
 * Runs after the parent's port type is final.
 */
void ig_quirks_flags(struct ig_ctx *ctx, uint32_t dev)
{
	struct ig_ds *s = &ctx->ds[dev];
	const struct ig_acs_info *a = &s->a, *pa;
	uint32_t p = ctx->devs[dev].parent;
	uint16_t v = a->vendor, d = a->device;

	if ((v == 0x1b21 && d == 0x1080) || (v == 0x10e3 && d == 0x8113) ||
	    (v == 0x1283 && (d == 0x8892 || d == 0x8893)) ||
	    (v == 0x8086 && d == 0x244e)) {
		if (p != IG_NONE && a->header_type == 1 && !is_pcie(a)) {
			pa = &ctx->ds[p].a;
			if (is_pcie(pa) && pa->port_type != IG_PT_PCI_BRIDGE)
				s->dflags |= IG_DF_PCIE_BRIDGE_ALIAS;
		}
	}
	if (v == 0x14e4 && (d == 0x9000 || d == 0x9084) &&
	    ig_kver_has(ctx->opts.kernel, IG_KF_XLATE_ROOT))
		s->dflags |= IG_DF_XLATE_ROOT;
	if (v == 0x1a03 && d == 0x1150 &&
	    ig_kver_has(ctx->opts.kernel, IG_KF_NO_ALIAS))
		s->dflags |= IG_DF_PCI_BRIDGE_NO_ALIAS;
	idt_cap_quirk(ctx, dev);
}

/* pci_add_dma_alias(dev, devfn_from, nr_devfns) */
static void add_alias(struct ig_ctx *ctx, uint32_t dev, uint32_t devfn,
		      uint32_t nr)
{
	uint32_t i, *m = ig_alias_mask(ctx, dev);

	for (i = 0; i < nr && devfn + i < 256; i++)
		ig_mask_set(m, devfn + i);
}

static const uint16_t ids_func1_marvell[] = {
	0x9120, 0x9123, 0x9125, 0x9128, 0x9130, 0x9170, 0x9172, 0x917a,
	0x9182, 0x9183, 0x91a0, 0x9215, 0x9220, 0x9230, 0x9235
};

/* the DMA-alias header fixups of drivers/pci/quirks.c (B.4) */
void ig_quirks_aliases(struct ig_ctx *ctx, uint32_t dev)
{
	struct ig_ds *s = &ctx->ds[dev];
	const struct ig_acs_info *a = &s->a;
	uint16_t v = a->vendor, d = a->device;
	uint32_t devfn = ctx->devs[dev].devfn, fn = devfn & 7, slot;

	/* quirk_dma_func0_alias */
	if (((v == 0x1180 && (d == 0xe832 || d == 0xe476)) ||
	     (v == 0x6766 && (d == 0x3d40 || d == 0x3d41))) &&
	    fn != 0)
		add_alias(ctx, dev, devfn & ~7u, 1);
	/* quirk_dma_func1_alias */
	if (((v == 0x1b4b &&
	      in_list(d, ids_func1_marvell,
		      sizeof(ids_func1_marvell) /
			      sizeof(ids_func1_marvell[0]))) ||
	     (v == 0x1103 && (d == 0x0642 || d == 0x0645)) ||
	     (v == 0x197b && d == 0x2392) || (v == 0x1c28 && d == 0x0122)) &&
	    fn != 1)
		add_alias(ctx, dev, (devfn & ~7u) | 1, 1);
	/* quirk_fixed_dma_alias: Adaptec with two subsystems */
	if (v == 0x9005 && d == 0x0285 && a->subvendor == 0x9005 &&
	    (a->subdevice == 0x02bb || a->subdevice == 0x02bc))
		add_alias(ctx, dev, 1u << 3, 1);
	/* quirk_mic_x200_dma_alias */
	if (v == 0x8086 && (d == 0x2260 || d == 0x2264)) {
		add_alias(ctx, dev, 0x10 << 3, 1);
		add_alias(ctx, dev, 0x11 << 3, 1);
		add_alias(ctx, dev, (0x12 << 3) | 3, 1);
	}
	/* quirk_pex_vca_alias */
	if (v == 0x8086 && ((d >= 0x2954 && d <= 0x2956) || d == 0x2958 ||
			    d == 0x2959 || d == 0x295a))
		for (slot = 0; slot < 32; slot++)
			add_alias(ctx, dev, slot << 3, 5);
	/* quirk_plx_ntb_dma_alias */
	if (v == 0x10b5 && (d == 0x87b0 || d == 0x87b1) &&
	    ig_kver_has(ctx->opts.kernel, IG_KF_PLX_NTB))
		add_alias(ctx, dev, 0, 256);
}
