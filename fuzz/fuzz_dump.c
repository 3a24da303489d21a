// SPDX-License-Identifier: GPL-2.0-only OR MIT
/*
 * fuzz_dump.c - the "lspci -xxxx" dump reader (provider/dump.c,
 * igp_load_dump(), through libpci's dump access method): the input is the
 * dump text, written to a scratch file.  The table it fills must be one the
 * core takes (or refuses with -ELOOP/-EEXIST), and the prediction must pass
 * fz_check().
 */
#define _GNU_SOURCE
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "fz.h"
#include "fzio.h"

static void logcb(void *data, int level, const char *msg)
{
	(void)data;
	(void)level;
	if (!msg)
		abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static char path[PATH_MAX];
	struct igp_host h;

	if (size > 1 << 20)
		return 0;
	if (!path[0])
		snprintf(path, sizeof(path), "%s/dump", fz_scratch());
	if (fz_write(path, data, size))
		abort();
	memset(&h, 0, sizeof(h));
	h.log = logcb;
	if (!igp_load_dump(&h, path))
		fz_predict_host(&h, IG_ACS_SIMULATE);
	igp_host_free(&h);
	return 0;
}
