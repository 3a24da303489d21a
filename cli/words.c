// SPDX-License-Identifier: GPL-2.0-only OR MIT
/*
 * words.c - names for the core's reason and ACS records (data → words).
 */
#include <stdio.h>
#include <string.h>

#include "cli.h"

const char *cli_join_key(uint32_t join)
{
	switch (join) {
	case IG_JOIN_NONE: return "none";
	case IG_JOIN_NEW: return "new";
	case IG_JOIN_DMA_ALIAS: return "dma_alias";
	case IG_JOIN_UPSTREAM: return "upstream";
	case IG_JOIN_ALIAS_GROUP: return "alias_group";
	case IG_JOIN_FUNCTION: return "function";
	case IG_JOIN_COMPANION: return "companion";
	}
	return "unknown";
}

const char *cli_why_key(uint32_t why)
{
	switch (why) {
	case IG_ACSW_QUIRK: return "quirk";
	case IG_ACSW_OVERRIDE: return "override";
	case IG_ACSW_NOT_PCIE: return "not_pcie";
	case IG_ACSW_BRIDGE_TYPE: return "bridge_type";
	case IG_ACSW_SINGLE_FUNCTION: return "single_function";
	case IG_ACSW_NO_CAP: return "no_acs_cap";
	case IG_ACSW_CTRL: return "acs_ctrl";
	case IG_ACSW_OTHER_TYPE: return "other_type";
	case IG_ACSW_UNKNOWN: return "unknown";
	}
	return "unknown";
}

const char *cli_quirk_key(uint32_t q)
{
	static const char *const names[IG_Q_COUNT] = {
		[IG_Q_NONE] = NULL,
		[IG_Q_AMD_SB] = "amd_sb",
		[IG_Q_MF_ENDPOINT] = "mf_endpoint",
		[IG_Q_RCIEP] = "intel_rciep",
		[IG_Q_QCOM_RP] = "qcom_root_port",
		[IG_Q_INTEL_PCH] = "intel_pch",
		[IG_Q_INTEL_SPT] = "intel_spt_pch",
		[IG_Q_CAVIUM] = "cavium",
		[IG_Q_XGENE] = "xgene_ampere",
		[IG_Q_BRCM] = "broadcom",
		[IG_Q_LOONGSON] = "loongson",
		[IG_Q_AL] = "amazon_al",
		[IG_Q_NXP_RP] = "nxp_root_port",
		[IG_Q_ZHAOXIN] = "zhaoxin",
		[IG_Q_WANGXUN] = "wangxun",
		[IG_Q_OVERRIDE_ID] = "override_id",
		[IG_Q_OVERRIDE_DOWNSTREAM] = "override_downstream",
		[IG_Q_OVERRIDE_MULTIFUNCTION] = "override_multifunction",
	};

	return q < IG_Q_COUNT ? names[q] : NULL;
}

const char *cli_quirk_words(uint32_t q)
{
	switch (q) {
	case IG_Q_AMD_SB: return "the AMD southbridge quirk (isolated when the IVRS table exists)";
	case IG_Q_MF_ENDPOINT: return "the multifunction-endpoint quirk (functions do not peer with each other)";
	case IG_Q_RCIEP: return "the Intel root-complex integrated endpoint quirk";
	case IG_Q_QCOM_RP: return "the Qualcomm/HXT root port quirk";
	case IG_Q_INTEL_PCH: return "the Intel PCH root port quirk";
	case IG_Q_INTEL_SPT: return "the Intel Sunrise Point PCH erratum quirk";
	case IG_Q_CAVIUM: return "the Cavium quirk";
	case IG_Q_XGENE: return "the APM X-Gene/Ampere root port quirk";
	case IG_Q_BRCM: return "the Broadcom PAXB quirk";
	case IG_Q_LOONGSON: return "the Loongson root port quirk";
	case IG_Q_AL: return "the Amazon Annapurna Labs root port quirk";
	case IG_Q_NXP_RP: return "the NXP root port quirk";
	case IG_Q_ZHAOXIN: return "the Zhaoxin root port quirk";
	case IG_Q_WANGXUN: return "the Wangxun quirk";
	case IG_Q_OVERRIDE_ID: return "pcie_acs_override=id: (out-of-tree patch)";
	case IG_Q_OVERRIDE_DOWNSTREAM: return "pcie_acs_override=downstream (out-of-tree patch)";
	case IG_Q_OVERRIDE_MULTIFUNCTION: return "pcie_acs_override=multifunction (out-of-tree patch)";
	}
	return "a quirk";
}

const char *cli_port_key(uint8_t pt)
{
	switch (pt) {
	case IG_PT_EP: return "endpoint";
	case IG_PT_LEG_END: return "legacy_endpoint";
	case IG_PT_RP: return "root_port";
	case IG_PT_USP: return "upstream_port";
	case IG_PT_DSP: return "downstream_port";
	case IG_PT_PCI_BRIDGE: return "pcie_to_pci_bridge";
	case IG_PT_PCIE_BRIDGE: return "pci_to_pcie_bridge";
	case IG_PT_RC_END: return "rc_integrated_endpoint";
	case IG_PT_RC_EC: return "rc_event_collector";
	case IG_PT_NOT_PCIE: return "conventional_pci";
	}
	return "unknown";
}

static const char *const acs_bit_names[] = {
	"SV", "TB", "RR", "CR", "UF", "EC", "DT",
};

const char *cli_acs_bit(unsigned int bit)
{
	return bit < 7 ? acs_bit_names[bit] : "?";
}

/* "SV RR" */
void cli_acs_bits_words(uint16_t bits, char *buf, size_t len)
{
	unsigned int b;
	size_t o = 0;

	buf[0] = 0;
	for (b = 0; b < 7; b++)
		if (bits & (1u << b))
			o += (size_t)snprintf(buf + o, o < len ? len - o : 0,
					      "%s%s", o ? " " : "",
					      acs_bit_names[b]);
	if (!o)
		snprintf(buf, len, "none");
}

/* why pci_acs_enabled() answered as it did, in words */
void cli_acs_words(const struct ig_acs_info *a, uint32_t cfg_len, char *buf,
		   size_t len)
{
	char miss[64], have[64];

	switch (a->why) {
	case IG_ACSW_QUIRK:
		snprintf(buf, len, "%s answers %s", cli_quirk_words(a->quirk),
			 a->enabled ? "isolated" : "not isolated");
		return;
	case IG_ACSW_OVERRIDE:
		snprintf(buf, len, "%s answers isolated",
			 cli_quirk_words(a->quirk));
		return;
	case IG_ACSW_NOT_PCIE:
		snprintf(buf, len,
			 "conventional PCI (no PCI Express capability): never isolated");
		return;
	case IG_ACSW_BRIDGE_TYPE:
		snprintf(buf, len,
			 "a %s: its requests are not separable, not isolated",
			 cli_port_key(a->port_type));
		return;
	case IG_ACSW_SINGLE_FUNCTION:
		snprintf(buf, len,
			 "single-function %s: needs no ACS, isolated",
			 cli_port_key(a->port_type));
		return;
	case IG_ACSW_NO_CAP:
		snprintf(buf, len,
			 "%s%s without an ACS capability: not isolated",
			 a->multifunction ? "multifunction " : "",
			 cli_port_key(a->port_type));
		return;
	case IG_ACSW_CTRL:
		cli_acs_bits_words(a->acs_missing, miss, sizeof(miss));
		cli_acs_bits_words(a->acs_ctrl, have, sizeof(have));
		if (a->enabled)
			snprintf(buf, len,
				 "ACS capability at 0x%03x (cap %04x, ctrl %04x: %s): the required bits are on, isolated",
				 a->acs_pos, a->acs_cap, a->acs_ctrl, have);
		else
			snprintf(buf, len,
				 "ACS capability at 0x%03x (cap %04x, ctrl %04x: %s) lacks %s: not isolated",
				 a->acs_pos, a->acs_cap, a->acs_ctrl, have,
				 miss);
		return;
	case IG_ACSW_OTHER_TYPE:
		snprintf(buf, len, "port type %u is unknown: counted as isolated",
			 a->raw_port_type);
		return;
	case IG_ACSW_UNKNOWN:
		snprintf(buf, len,
			 "only %u bytes of config space were readable (root gives 256 or 4096): ACS unknown, assumed not isolated",
			 cfg_len);
		return;
	}
	snprintf(buf, len, "no ACS verdict");
}
