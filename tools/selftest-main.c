// SPDX-License-Identifier: GPL-2.0-only OR MIT
/* iommugroup-selftest: run the library's built-in check. */
#include <stdio.h>
#include <stdlib.h>
#include "iommugroup.h"

int main(void)
{
	size_t len = IG_SELF_TEST_WS;
	void *ws = aligned_alloc(8, len);
	int ret;

	if (!ws) {
		fprintf(stderr, "iommugroup-selftest: out of memory\n");
		return 2;
	}
	ret = ig_self_test(ws, len);
	free(ws);
	if (ret) {
		fprintf(stderr, "iommugroup-selftest: check %d failed\n", -ret);
		return 1;
	}
	printf("iommugroup-selftest: ok\n");
	return 0;
}
