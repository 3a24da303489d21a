/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * ig_env_kernel.h - the iommugroup core's environment inside the kernel.
 *
 * Force-included (-include) before every file of the module.  It defines
 * IG_ENV_H, the include guard of the userspace lib/ig_env.h, so that file is
 * skipped when include/iommugroup.h includes it, and supplies the same names
 * (fixed-size integers, size_t, NULL, E* values) from kernel headers: the
 * way the kernel replaces libfdt_env.h for scripts/dtc/libfdt.
 */
#ifndef IG_ENV_H
#define IG_ENV_H

/*
 * <linux/types.h> gives uint8_t, uint16_t, uint32_t, uint64_t, int32_t,
 * int64_t, uintptr_t and size_t; <linux/stddef.h> gives NULL;
 * <linux/errno.h> the E* values (ENOSPC, EEXIST, ELOOP, EALREADY, ...).
 */
#include <linux/types.h>
#include <linux/stddef.h>
#include <linux/errno.h>

#endif /* IG_ENV_H */
