/* SPDX-License-Identifier: GPL-2.0-only OR MIT */
/*
 * fzio.h - scratch directory for the targets that read files (the sysfs
 * tree reader and the lspci dump reader), and the prediction the CLI makes
 * from a loaded struct igp_host.
 */
#ifndef FZIO_H
#define FZIO_H

#include "igp.h"

/* a private directory (in /dev/shm when it exists), removed at exit */
const char *fz_scratch(void);
/* remove a tree (no error if it does not exist) */
void fz_rmtree(const char *path);
/* write @len bytes to @path; returns 0 or -1 */
int fz_write(const char *path, const void *buf, size_t len);
/* check the table a provider filled, predict it the way the CLI does, run
 * fz_check() on the result */
void fz_predict_host(struct igp_host *h, uint32_t acs_source);

#endif
