/* SPDX-License-Identifier: GPL-2.0-only OR MIT */
/*
 * fz.h - helpers shared by the fuzz targets: a byte reader that never runs
 * past its input (it reads zeros then), config-space templates, and the
 * invariant checks every target runs on a prediction.
 */
#ifndef FZ_H
#define FZ_H

#include <stddef.h>
#include <stdint.h>
#include "iommugroup.h"

struct fz_in {
	const uint8_t *p;
	size_t len, pos;
};

uint8_t fz_u8(struct fz_in *in);
uint16_t fz_u16(struct fz_in *in);
uint32_t fz_u32(struct fz_in *in);
/* up to @n bytes into @buf; returns how many were left */
size_t fz_bytes(struct fz_in *in, uint8_t *buf, size_t n);

enum {
	FZ_T_RP_ACS, FZ_T_RP, FZ_T_USP, FZ_T_DSP_ACS, FZ_T_DSP, FZ_T_EP,
	FZ_T_EP_MF, FZ_T_PCI_EP, FZ_T_PCI_BRIDGE, FZ_T_PCIE_PCI, FZ_T_RCIEP,
	FZ_T_PCH_RP, FZ_T_AMD_IOMMU, FZ_T_USB, FZ_T_N
};

/* fill 4096 bytes of config space from template @t */
void fz_template(uint8_t *c, unsigned int t);
void fz_put(uint8_t *c, uint32_t off, uint32_t len, uint32_t v);

/*
 * Check what a context says after a prediction (or any hot add/remove):
 * every group is iterated once in increasing order, sizes add up, each
 * member is visited once and points back at its group, accessors agree.
 * Aborts (so the fuzzer reports a crash) with a message on failure.
 * @booted: ig_predict() ran and no hot add/remove followed.
 */
void fz_check(struct ig_ctx *ctx, const struct ig_dev *devs,
	      uint32_t ndev, const struct ig_extdev *ext, uint32_t next,
	      const struct ig_opts *o, const struct ig_result *res0,
	      int booted);

/* the group of every device as an array (for comparing two runs) */
void fz_snapshot(const struct ig_ctx *ctx, uint32_t ndev, int64_t *out);

#define FZ_FAIL(...) fz_fail(__FILE__, __LINE__, __VA_ARGS__)
void fz_fail(const char *file, int line, const char *fmt, ...)
	__attribute__((noreturn, format(printf, 3, 4)));

#endif
