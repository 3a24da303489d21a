/* SPDX-License-Identifier: GPL-2.0-only OR MIT */
/*
 * ig_internal.h - state shared by the files of the iommugroup core.
 * Not part of the public API.
 */
#ifndef IG_INTERNAL_H
#define IG_INTERNAL_H

#include "iommugroup.h"

/* Bounds of the kernel's capability walks (PCI_FIND_CAP_TTL, and
 * (4096 - 256) / 8 for extended capabilities). */
#define IG_CAP_TTL 48
#define IG_EXT_CAP_TTL 480

#define IG_PCI_CAP_ID_EXP 0x10
#define IG_PCI_EXT_CAP_ID_ACS 0x000d

#define IG_MAX_ENTRIES (1u << 24)

/* struct ig_ds.dflags: the kernel's dev->dev_flags that matter here, and
 * what the parser could not see. */
#define IG_DF_PCIE_BRIDGE_ALIAS 0x0001
#define IG_DF_XLATE_ROOT 0x0002
#define IG_DF_PCI_BRIDGE_NO_ALIAS 0x0004
#define IG_DF_HAS_ALIASES 0x0008 /* dma_alias_mask is not empty */
#define IG_DF_PCIE_UNKNOWN 0x0010 /* capability list not readable */
#define IG_DF_EXT_UNKNOWN 0x0020 /* extended config space not readable */
#define IG_DF_CAP_LOOP 0x0040 /* a capability walk hit its bound */
#define IG_DF_BRIDGE 0x0080 /* type 1 header */

/* per-device state, carved from the workspace */
struct ig_ds {
	struct ig_acs_info a; /* parsed config space and ACS verdict */
	uint32_t spt_cap; /* Intel SPT erratum: dword at ACS + 4 */
	uint32_t spt_ctrl; /* ... and the Control dword at ACS + 8 */
	uint16_t fw_ctrl; /* the Control word as read */
	uint16_t dflags;
	uint32_t bus_id; /* index into the bus table */
	uint8_t path_ok; /* pci_acs_path_enabled(dev, NULL, REQ) */
	uint8_t path_unc;
	uint8_t present;
	uint8_t probed;
	uint32_t path_blocker; /* the device on the path that fails */
	uint32_t nvf_present; /* present VFs of this PF */
	/* dynamic */
	uint32_t group; /* group slot, or IG_NONE */
	uint32_t next_member; /* next device in join order */
	uint32_t prev_member;
	uint32_t pos; /* position in the kernel's device list */
	int32_t suffix; /* link name suffix, -1 for none */
	uint32_t hash_slot;
	struct ig_reason reason;
};

struct ig_bus {
	uint32_t domain;
	uint32_t busnr;
	uint32_t first; /* into ctx->by_addr */
	uint32_t count;
	uint32_t special; /* devices on it with aliases or VMD relations */
};

struct ig_group {
	uint32_t head, tail; /* device indices, join order */
	uint32_t count;
	uint32_t uncertain;
	const char *name;
};

/* parsed command line */
#define IG_CL_MAX_IDS 15
struct ig_cmdline {
	const char *disable_acs_redir; /* NULL, or the value */
	const char *config_acs;
	char disable_acs_redir_buf[512];
	char config_acs_buf[512];
	uint32_t bfsort; /* 1 bfsort, 2 nobfsort, 0 not given */
	uint32_t iommu_off;
	uint32_t intel_on; /* intel_iommu=on */
	uint32_t ovr_downstream;
	uint32_t ovr_multifunction;
	uint32_t ovr_nids;
	uint16_t ovr_vendor[IG_CL_MAX_IDS];
	uint16_t ovr_device[IG_CL_MAX_IDS];
	uint32_t ovr_given; /* pcie_acs_override= seen */
};

struct ig_ctx {
	const struct ig_dev *devs;
	uint32_t ndev;
	const struct ig_extdev *ext;
	uint32_t next;
	struct ig_opts opts;
	struct ig_cmdline cl;
	uint32_t override_on; /* the override entry is in the table */
	uint32_t companion_on;
	uint32_t bfsort;

	struct ig_ds *ds; /* [ndev] */
	uint32_t *by_addr; /* [ndev] sorted by (domain, bus, devfn) */
	struct ig_bus *buses; /* [nbus] */
	uint32_t nbus;
	uint32_t *order; /* [ndev] boot probe order; norder used */
	uint32_t norder;
	uint32_t *list; /* [ndev] boot device-list order; norder used */
	uint32_t *child_start; /* [ndev + 1] CSR of children by parent */
	uint32_t *child_list; /* [ndev] */
	uint32_t *tmp; /* [ndev] scratch */
	uint32_t *tmp2; /* [ndev] scratch */
	struct ig_group *groups; /* [ndev], slot = number - first_number */
	uint32_t *heap; /* [ndev] freed group slots, min-heap */
	uint32_t nheap;
	uint32_t next_fresh; /* slots >= this are all free */
	uint32_t ngroups;
	uint32_t nmembers;
	uint32_t *hash; /* [hash_size] link-name table */
	uint32_t hash_size; /* power of two */
	uint32_t hash_used; /* live entries and tombstones */
	uint32_t any_named; /* some device has a caller-given name */
	uint32_t *ext_res; /* [next] resolved PCI parent */
	uint32_t next_pos; /* next device-list position */
	uint32_t probed_any;
	uint32_t uncertain_any;
	/* explicit stack for the alias-group search */
	uint32_t *stack;
	uint32_t stack_size;
	uint32_t *cnt; /* [256] radix-sort counters */
	uint64_t *keys; /* [2 * ndev] radix-sort keys */
	uint32_t *masks; /* [ndev * 8] dma_alias_mask, valid with
			  * IG_DF_HAS_ALIASES */
};

/* topology.c */
void ig_radix_sort(uint64_t *key, uint32_t *idx, uint64_t *k2, uint32_t *i2,
		   uint32_t n, uint32_t nbytes, uint32_t *cnt);
uint32_t ig_find(const struct ig_ctx *ctx, uint32_t domain, uint32_t bus,
		 uint32_t devfn);

/* quirks.c */
void ig_quirks_flags(struct ig_ctx *ctx, uint32_t dev);
void ig_quirks_aliases(struct ig_ctx *ctx, uint32_t dev);
void ig_acs_simulate(struct ig_ctx *ctx, uint32_t dev);
void ig_acs_evaluate(struct ig_ctx *ctx, uint32_t dev);

/* cmdline.c */
void ig_cmdline_parse(struct ig_cmdline *cl, const char *s,
		      uint32_t override_patch);
int ig_devspec_match(const struct ig_ctx *ctx, uint32_t dev, const char *p,
		     const char **endp);
uint32_t ig_kver_has(uint32_t kver, uint32_t feature);

/* ig_kver_has() features */
enum {
	IG_KF_CONFIG_ACS, /* pci=config_acs= exists (v6.11) */
	IG_KF_CONFIG_ACS_FIXED, /* 9cf8a952d57b semantics */
	IG_KF_QUIRK_SKIP_BUG, /* v6.11.0-6.11.6: no quirk enable without cap */
	IG_KF_PORT_TYPE_FIX, /* v5.4 port-type correction (with its bug) */
	IG_KF_REAL_DMA_DEV, /* v5.6 VMD pci_real_dma_dev */
	IG_KF_NO_ALIAS, /* PCI_BRIDGE_NO_ALIAS (v7.0) */
	IG_KF_LOONGSON, /* Loongson ACS quirk */
	IG_KF_WANGXUN_AML, /* Wangxun AML IDs */
	IG_KF_QCOM_HAMOA, /* Qualcomm 0111/0120 (v7.0) */
	IG_KF_IDT_SV, /* IDT cached cap without SV (v7.0) */
	IG_KF_FW_ACS_AT_GROUPING, /* 2026 stable regression releases */
	IG_KF_XLATE_ROOT, /* BRIDGE_XLATE_ROOT (v4.15) */
	IG_KF_PLX_NTB, /* ranged alias, PLX NTB (v5.5) */
};

/* collision.c */
void ig_names_init(struct ig_ctx *ctx);
void ig_link_add(struct ig_ctx *ctx, uint32_t dev);
void ig_link_del(struct ig_ctx *ctx, uint32_t dev);
const char *ig_dev_base_name(const struct ig_ctx *ctx, uint32_t dev,
			     char *buf);

/* group.c */
int ig_topology_init(struct ig_ctx *ctx);
void ig_topology_parse_parent(struct ig_ctx *ctx, uint32_t dev);

static inline int ig_cfg_ok(const struct ig_dev *d, uint32_t off,
			    uint32_t len)
{
	return d->config && off + len <= d->config_len;
}

/* little-endian read of 1, 2 or 4 bytes; the caller checked ig_cfg_ok() */
static inline uint32_t ig_cfg_read(const struct ig_dev *d, uint32_t off,
				   uint32_t len)
{
	uint32_t v = 0, i;

	for (i = 0; i < len; i++)
		v |= (uint32_t)d->config[off + i] << (8 * i);
	return v;
}

static inline int ig_mask_test(const uint32_t *m, uint32_t bit)
{
	return (m[bit >> 5] >> (bit & 31)) & 1;
}

static inline void ig_mask_set(uint32_t *m, uint32_t bit)
{
	m[bit >> 5] |= 1u << (bit & 31);
}

/* the device's dma_alias_mask, zeroed on first use */
static inline uint32_t *ig_alias_mask(struct ig_ctx *ctx, uint32_t dev)
{
	uint32_t *m = ctx->masks + (size_t)dev * 8, i;

	if (!(ctx->ds[dev].dflags & IG_DF_HAS_ALIASES)) {
		for (i = 0; i < 8; i++)
			m[i] = 0;
		ctx->ds[dev].dflags |= IG_DF_HAS_ALIASES;
	}
	return m;
}

/* does dev's dma_alias_mask hold devfn? */
static inline int ig_alias_test(const struct ig_ctx *ctx, uint32_t dev,
				uint32_t devfn)
{
	return (ctx->ds[dev].dflags & IG_DF_HAS_ALIASES) &&
	       ig_mask_test(ctx->masks + (size_t)dev * 8, devfn);
}

#endif /* IG_INTERNAL_H */
