/* SPDX-License-Identifier: GPL-2.0-only OR MIT */
/*
 * ig_env.h - the one place where the iommugroup core meets its platform
 * (userspace version).
 *
 * The core needs fixed-size integers, size_t, NULL and the errno values it
 * returns; nothing else.  The kernel shim defines IG_ENV_H before including
 * the core and supplies the same names from <linux/types.h> and
 * <linux/errno.h> (see shim/kmod/ig_env_kernel.h), the way the kernel
 * replaces libfdt_env.h.
 */
#ifndef IG_ENV_H
#define IG_ENV_H

#include <stddef.h>
#include <stdint.h>
/* Only the E* constants are used; no function of <errno.h> is called. */
#include <errno.h>

#endif /* IG_ENV_H */
