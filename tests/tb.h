/* SPDX-License-Identifier: GPL-2.0-only OR MIT */
/*
 * tb.h - an in-memory topology builder for the unit tests: devices are
 * described by address and a few config-space facts, and tb builds real
 * config-space bytes for them (header, capability list, PCIe capability,
 * ACS extended capability), so the library parses what a host would give.
 */
#ifndef TB_H
#define TB_H

#include <stdint.h>
#include "iommugroup.h"

#define TB_MAX 4096
#define TB_NONE IG_NONE

struct tb {
	struct ig_dev *devs;
	uint8_t *cfg; /* TB_MAX * 4096 */
	uint32_t n;
	struct ig_opts opts;
	struct ig_extdev ext[64];
	uint32_t next;
	void *ws;
	struct ig_ctx *ctx;
	struct ig_result res;
};

struct tb *tb_new(void);
void tb_free(struct tb *t);

/* a function at "[dddd:]bb:dd.f"; type is IG_PT_* or IG_PT_NOT_PCIE;
 * hdr 0 endpoint, 1 bridge; returns its index */
uint32_t tb_add(struct tb *t, const char *bdf, uint32_t parent,
		uint16_t vendor, uint16_t device, uint32_t class, int hdr,
		int type);
/* shorthands */
uint32_t tb_rp(struct tb *t, const char *bdf, int acs); /* 1b36:000c or 8086:3420 */
uint32_t tb_usp(struct tb *t, const char *bdf, uint32_t parent);
uint32_t tb_dsp(struct tb *t, const char *bdf, uint32_t parent, int acs);
uint32_t tb_ep(struct tb *t, const char *bdf, uint32_t parent);
uint32_t tb_pci_ep(struct tb *t, const char *bdf, uint32_t parent); /* conventional */

void tb_mf(struct tb *t, uint32_t i); /* header type bit 7 */
/* add an ACS capability at 0x100 with these words (ctrl: the Control word) */
void tb_acs(struct tb *t, uint32_t i, uint16_t cap, uint16_t ctrl);
void tb_subsys(struct tb *t, uint32_t i, uint16_t sv, uint16_t sd);
void tb_set(struct tb *t, uint32_t i, uint32_t off, uint32_t len, uint32_t v);
uint8_t *tb_cfg(struct tb *t, uint32_t i);

/* ig_init + ig_predict with t->opts; returns the first error */
int tb_run(struct tb *t);
/* group number of "bdf", or negative */
int64_t tb_group(struct tb *t, const char *bdf);
uint32_t tb_idx(struct tb *t, const char *bdf);
/* 1 if all listed devices share one group (NULL-terminated) */
int tb_same(struct tb *t, ...);

#endif
