// SPDX-License-Identifier: GPL-2.0-only OR MIT
/*
 * test-provider.c - unit tests of the userspace providers: kernel version
 * parsing, address parsing, and loading the committed base tree.
 * Usage: test-provider BASE_TREE
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "igp.h"

static const char *base_tree;

static void test_kver_debian(void **state)
{
	uint32_t v = 0;

	(void)state;
	assert_int_equal(igp_parse_kver("Linux version 6.1.0-56-amd64 (debian-kernel@lists.debian.org) (gcc-12 (Debian 12.2.0-14+deb12u1) 12.2.0, GNU ld (GNU Binutils for Debian) 2.40) #1 SMP PREEMPT_DYNAMIC Debian 6.1.192-2 (2026-01-01)", &v), 0);
	assert_int_equal(v, IG_KVER(6, 1, 192));
	assert_int_equal(igp_parse_kver("Linux version 6.12.48+deb12-amd64 (debian-kernel@lists.debian.org) (x86_64-linux-gnu-gcc-12 (Debian 12.2.0-14+deb12u1) 12.2.0) #1 SMP PREEMPT_DYNAMIC Debian 6.12.107-1~bpo12+1 (2026-02-02)", &v), 0);
	assert_int_equal(v, IG_KVER(6, 12, 107));
}

static void test_kver_other(void **state)
{
	uint32_t v = 0;

	(void)state;
	/* the compiler's "Debian 12.2.0" is not the kernel's */
	assert_int_equal(igp_parse_kver("Linux version 6.8.4-custom (me@host) (gcc (Debian 12.2.0-14) 12.2.0) #2 SMP", &v), 0);
	assert_int_equal(v, IG_KVER(6, 8, 4));
	assert_int_equal(igp_parse_kver("Linux version 5.15.0-91-generic (buildd@lcy02-amd64-045) (gcc (Ubuntu 11.4.0-1ubuntu1~22.04) 11.4.0, GNU ld (GNU Binutils for Ubuntu) 2.38) #101-Ubuntu SMP Tue Nov 14 13:30:08 UTC 2023 (Ubuntu 5.15.0-91.101-generic 5.15.131)", &v), 0);
	assert_int_equal(v, IG_KVER(5, 15, 131));
	assert_int_equal(igp_parse_kver("Linux version 6.18.44-fc-v657 (builder@sandboxing) (gcc (GCC) 15.3.0) #1 SMP PREEMPT_DYNAMIC @0", &v), 0);
	assert_int_equal(v, IG_KVER(6, 18, 44));
	assert_int_equal(igp_parse_kver("Linux version 6.12 (x) #1", &v), 0);
	assert_int_equal(v, IG_KVER(6, 12, 0));
	assert_int_not_equal(igp_parse_kver("garbage", &v), 0);
	assert_int_not_equal(igp_parse_kver("Linux version x.y", &v), 0);
}

static void test_kver_arg(void **state)
{
	uint32_t v = 0;

	(void)state;
	assert_int_equal(igp_parse_kver_arg("6.12.107", &v), 0);
	assert_int_equal(v, IG_KVER(6, 12, 107));
	assert_int_equal(igp_parse_kver_arg("6.1.0-56-amd64", &v), 0);
	assert_int_equal(v, IG_KVER(6, 1, 0));
	assert_int_not_equal(igp_parse_kver_arg("six", &v), 0);
	assert_int_not_equal(igp_parse_kver_arg("6.1x", &v), 0);
	assert_int_not_equal(igp_parse_kver_arg("6", &v), 0);
}

static void test_bdf(void **state)
{
	uint32_t d, b, f;

	(void)state;
	assert_int_equal(igp_parse_bdf("0000:00:1f.3", &d, &b, &f), 0);
	assert_int_equal(d, 0);
	assert_int_equal(b, 0);
	assert_int_equal(f, (0x1f << 3) | 3);
	assert_int_equal(igp_parse_bdf("10000:e0:00.0", &d, &b, &f), 0);
	assert_int_equal(d, 0x10000);
	assert_int_equal(b, 0xe0);
	assert_int_not_equal(igp_parse_bdf("0000:00:20.0", &d, &b, &f), 0);
	assert_int_not_equal(igp_parse_bdf("0000:00:1f.8", &d, &b, &f), 0);
	assert_int_not_equal(igp_parse_bdf("pci0000:00", &d, &b, &f), 0);
	assert_int_not_equal(igp_parse_bdf("0000:00:1f.3x", &d, &b, &f), 0);
}

static int nerr;

static void log_count(void *data, int level, const char *msg)
{
	(void)data;
	(void)msg;
	if (level <= IGP_WARN)
		nerr++;
}

static void test_load_base(void **state)
{
	struct igp_host h;
	uint32_t i;

	(void)state;
	memset(&h, 0, sizeof(h));
	h.log = log_count;
	nerr = 0;
	assert_int_equal(igp_load_root(&h, base_tree), 0);
	assert_int_equal(nerr, 0);
	assert_int_equal(h.ndev, 6);
	assert_int_equal(h.kver, IG_KVER(6, 1, 192));
	assert_int_equal(h.iommu, IG_IOMMU_INTEL);
	assert_string_equal(h.cmdline, "BOOT_IMAGE=/boot/vmlinuz-6.1.0-56-amd64 root=/dev/vda1 ro quiet intel_iommu=on");
	assert_int_equal(h.nkgroups, 6);
	assert_int_equal(h.nroot_order, 1);
	assert_int_equal(h.root_order[0], 0);
	for (i = 0; i < h.ndev; i++) {
		/* sorted by address, one group each, on the root bus */
		assert_int_equal(h.devs[i].devfn, i << 3);
		assert_int_equal(h.devs[i].parent, IG_NONE);
		assert_int_equal(h.devs[i].physfn, IG_NONE);
		assert_int_equal(h.devs[i].vmd_owner, IG_NONE);
		assert_int_equal(h.devs[i].hotplug_seq, 0);
		assert_true(h.devs[i].flags & IG_DEV_CFG_FULL);
		assert_int_equal(h.x[i].kgroup, (int64_t)i);
	}
	assert_int_equal(h.devs[0].config_len, 4096);
	assert_int_equal(h.devs[3].config_len, 256);
	assert_int_equal(h.x[3].vendor, 0x1af4);
	assert_int_equal(h.x[3].device, 0x1041);
	assert_string_equal(h.x[3].driver, "virtio-pci");
	assert_int_equal(igp_find_name(&h, "0000:00:05.0"), 5);
	assert_int_equal(igp_find_name(&h, "0000:00:06.0"), -1);
	{
		char line[512];

		assert_true(igp_lspci_line(&h, 3, line, sizeof(line)) > 0);
		assert_string_equal(line, "00:03.0 Ethernet controller [0200]: Red Hat, Inc. Virtio 1.0 network device [1af4:1041] (rev 01)");
	}
	igp_host_free(&h);
}

int main(int argc, char **argv)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_kver_debian),
		cmocka_unit_test(test_kver_other),
		cmocka_unit_test(test_kver_arg),
		cmocka_unit_test(test_bdf),
		cmocka_unit_test(test_load_base),
	};

	if (argc < 2) {
		fprintf(stderr, "usage: test-provider BASE_TREE\n");
		return 2;
	}
	base_tree = argv[1];
	return cmocka_run_group_tests(tests, NULL, NULL);
}
