// SPDX-License-Identifier: GPL-2.0-only OR MIT
/*
 * test_topology.c - lib/topology.c: validation of the device table,
 * hostile config space (capability loops, truncation, all ones), 5-digit
 * domains, multifunction rules and the scan order.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include "tb.h"

static void test_validation(void **state)
{
	struct tb *t = tb_new();
	uint32_t r, e;
	size_t len;
	void *ws;
	struct ig_ctx *ctx;

	(void)state;
	r = tb_rp(t, "00:01.0", 1);
	e = tb_ep(t, "01:00.0", r);
	assert_int_equal(tb_run(t), 0);
	/* duplicate address */
	tb_ep(t, "01:00.0", r);
	assert_int_equal(tb_run(t), -EEXIST);
	t->n--;
	/* parent index out of range */
	t->devs[e].parent = 99;
	assert_int_equal(tb_run(t), -EINVAL);
	/* parent cycle: the port's parent is the endpoint's child... */
	t->devs[e].parent = r;
	t->devs[r].parent = e;
	tb_cfg(t, e)[0x0e] = 1; /* make it a bridge so only the loop is wrong */
	assert_int_equal(tb_run(t), -ELOOP);
	t->devs[r].parent = r;
	assert_int_equal(tb_run(t), -ELOOP);
	t->devs[r].parent = IG_NONE;
	/* a parent that is not a bridge */
	tb_cfg(t, e)[0x0e] = 0;
	tb_ep(t, "02:00.0", e);
	assert_int_equal(tb_run(t), -EINVAL);
	t->n--;
	/* physfn that is itself a VF, vmd owner out of range */
	t->devs[e].physfn = e;
	assert_int_equal(tb_run(t), -EINVAL);
	t->devs[e].physfn = IG_NONE;
	t->devs[e].vmd_owner = 1000;
	assert_int_equal(tb_run(t), -EINVAL);
	t->devs[e].vmd_owner = IG_NONE;
	/* options the caller must give */
	t->opts.kernel = 0;
	assert_int_equal(tb_run(t), -EINVAL);
	t->opts.kernel = IG_KVER(6, 1, 192);
	t->opts.iommu = 0;
	assert_int_equal(tb_run(t), -EINVAL);
	t->opts.iommu = IG_IOMMU_AMD;
	/* too little room, unaligned workspace, NULL arguments */
	len = ig_workspace_size(t->n, 0);
	ws = aligned_alloc(8, len + 8);
	assert_int_equal(ig_init(ws, len - 1, t->devs, t->n, NULL, 0,
				 &t->opts, &ctx),
			 -ENOSPC);
	assert_int_equal(ig_init((char *)ws + 1, len, t->devs, t->n, NULL, 0,
				 &t->opts, &ctx),
			 -EINVAL);
	assert_int_equal(ig_init(ws, len, NULL, t->n, NULL, 0, &t->opts, &ctx),
			 -EINVAL);
	assert_int_equal(ig_init(ws, len, t->devs, t->n, NULL, 0, &t->opts, &ctx),
			 0);
	free(ws);
	assert_int_equal(ig_workspace_size(1u << 25, 0), 0);
	/* an empty table is fine */
	t->n = 0;
	assert_int_equal(tb_run(t), 0);
	assert_int_equal(t->res.ngroups, 0);
	tb_free(t);
}

/* a standard capability list that loops ends after 48 steps */
static void test_cap_loop(void **state)
{
	struct tb *t = tb_new();
	uint32_t r, e;
	struct ig_acs_info a;

	(void)state;
	r = tb_rp(t, "00:01.0", 1);
	e = tb_ep(t, "01:00.0", r);
	tb_mf(t, e);
	tb_ep(t, "01:00.1", r);
	/* 0x50 -> 0x60 -> 0x50: no PCIe capability is ever found */
	tb_cfg(t, e)[0x34] = 0x50;
	tb_cfg(t, e)[0x50] = 0x05;
	tb_cfg(t, e)[0x51] = 0x60;
	tb_cfg(t, e)[0x60] = 0x01;
	tb_cfg(t, e)[0x61] = 0x50;
	assert_int_equal(tb_run(t), 0);
	ig_dev_acs(t->ctx, e, &a);
	assert_int_equal(a.port_type, IG_PT_NOT_PCIE);
	/* conventional PCI as far as the kernel can tell: not isolated */
	assert_true(tb_same(t, "01:00.0", "01:00.1", NULL));
	tb_free(t);
}

/* an extended capability list that loops ends after 480 steps */
static void test_ext_cap_loop(void **state)
{
	struct tb *t = tb_new();
	uint32_t r, e;
	struct ig_acs_info a;

	(void)state;
	r = tb_rp(t, "00:01.0", 1);
	e = tb_ep(t, "01:00.0", r);
	tb_mf(t, e);
	tb_ep(t, "01:00.1", r);
	/* 0x100 (AER) -> 0x140 (DSN) -> 0x100 */
	tb_set(t, e, 0x100, 4, 0x0001 | (1u << 16) | (0x140u << 20));
	tb_set(t, e, 0x140, 4, 0x0003 | (1u << 16) | (0x100u << 20));
	assert_int_equal(tb_run(t), 0);
	ig_dev_acs(t->ctx, e, &a);
	assert_int_equal(a.acs_pos, 0);
	assert_true(tb_same(t, "01:00.0", "01:00.1", NULL));
	/* the ACS capability found later in a list is used */
	tb_set(t, e, 0x140, 4, 0x0003 | (1u << 16) | (0x180u << 20));
	tb_set(t, e, 0x180, 4, 0x000d | (1u << 16));
	tb_set(t, e, 0x184, 4, 0);
	tb_acs(t, tb_idx(t, "01:00.1"), 0, 0);
	assert_int_equal(tb_run(t), 0);
	ig_dev_acs(t->ctx, e, &a);
	assert_int_equal(a.acs_pos, 0x180);
	assert_false(tb_same(t, "01:00.0", "01:00.1", NULL));
	tb_free(t);
}

/* truncated config: 64 bytes (non-root), 256 bytes of a PCIe device */
static void test_truncated(void **state)
{
	struct tb *t = tb_new();
	uint32_t r, e, f;
	struct ig_acs_info a;

	(void)state;
	r = tb_rp(t, "00:01.0", 1);
	e = tb_ep(t, "01:00.0", r);
	tb_mf(t, e);
	f = tb_ep(t, "01:00.1", r);
	tb_acs(t, e, 0, 0);
	tb_acs(t, f, 0, 0);
	assert_int_equal(tb_run(t), 0);
	assert_false(tb_same(t, "01:00.0", "01:00.1", NULL));
	assert_false(t->res.flags & IG_RES_UNCERTAIN);
	/* 256 bytes without "whole config space": ACS is invisible */
	t->devs[e].config_len = 256;
	t->devs[e].flags = 0;
	assert_int_equal(tb_run(t), 0);
	ig_dev_acs(t->ctx, e, &a);
	assert_int_equal(a.uncertain, 1);
	assert_int_equal(a.why, IG_ACSW_UNKNOWN);
	assert_true(t->res.flags & IG_RES_UNCERTAIN);
	assert_int_equal(ig_group_uncertain(t->ctx,
					    (uint32_t)tb_group(t, "01:00.0")),
			 1);
	/* 01:00.1 has a working ACS capability: its answer does not depend
	 * on its sibling (function_alias_group() stops at once) */
	assert_int_equal(ig_group_uncertain(t->ctx,
					    (uint32_t)tb_group(t, "01:00.1")),
			 0);
	/* ... but 256 bytes that are the whole space mean "no ACS" */
	t->devs[e].flags = IG_DEV_CFG_FULL;
	assert_int_equal(tb_run(t), 0);
	ig_dev_acs(t->ctx, e, &a);
	assert_int_equal(a.uncertain, 0);
	assert_int_equal(a.why, IG_ACSW_NO_CAP);
	/* 64 bytes: not even the capability list */
	t->devs[e].config_len = 64;
	t->devs[e].flags = 0;
	assert_int_equal(tb_run(t), 0);
	ig_dev_acs(t->ctx, e, &a);
	assert_int_equal(a.uncertain, 1);
	assert_int_equal(a.vendor, 0x1af4);
	/* 8 bytes, all ones: a device that fell off the bus */
	memset(tb_cfg(t, e), 0xff, 64);
	t->devs[e].config_len = 8;
	assert_int_equal(tb_run(t), 0);
	ig_dev_acs(t->ctx, e, &a);
	assert_int_equal(a.dead, 1);
	assert_int_equal(a.uncertain, 1);
	/* no bytes at all */
	t->devs[e].config_len = 0;
	assert_int_equal(tb_run(t), 0);
	ig_dev_acs(t->ctx, e, &a);
	assert_int_equal(a.uncertain, 1);
	assert_int_equal(a.dead, 0);
	tb_free(t);
}

/* a bridge whose bus numbers point at itself is only data */
static void test_bad_bridge_numbers(void **state)
{
	struct tb *t = tb_new();
	uint32_t r;

	(void)state;
	r = tb_rp(t, "00:01.0", 1);
	tb_ep(t, "01:00.0", r);
	tb_cfg(t, r)[0x19] = 0;
	tb_cfg(t, r)[0x1a] = 0;
	assert_int_equal(tb_run(t), 0);
	assert_int_not_equal(tb_group(t, "00:01.0"), tb_group(t, "01:00.0"));
	tb_free(t);
}

static void test_vmd_domain_names(void **state)
{
	char buf[IG_NAME_MAX];

	(void)state;
	assert_int_equal(ig_pci_name(0x10000, 0xe0, 0x08, buf), 13);
	assert_string_equal(buf, "10000:e0:01.0");
	assert_int_equal(ig_pci_name(0, 0, 0xff, buf), 12);
	assert_string_equal(buf, "0000:00:1f.7");
	ig_pci_name(0xffffffffu, 0xff, 0x0a, buf);
	assert_string_equal(buf, "ffffffff:ff:01.2");
}

/* multifunction: header bit, forced for functions > 0, ARI */
static void test_multifunction(void **state)
{
	struct tb *t = tb_new();
	uint32_t r, f;
	struct ig_acs_info a;

	(void)state;
	r = tb_rp(t, "00:01.0", 1);
	tb_ep(t, "01:00.0", r); /* header says single function */
	f = tb_ep(t, "01:00.1", r);
	assert_int_equal(tb_run(t), 0);
	ig_dev_acs(t->ctx, f, &a);
	assert_int_equal(a.multifunction, 1);
	ig_dev_acs(t->ctx, tb_idx(t, "01:00.0"), &a);
	assert_int_equal(a.multifunction, 0);
	/* fn 0 is single-function (isolated); fn 1 is not, and joins no one
	 * because fn 0 is isolated */
	assert_int_not_equal(tb_group(t, "01:00.0"), tb_group(t, "01:00.1"));
	tb_free(t);

	/* ARI: function 8 (devfn 0x08) below a port with ARI forwarding */
	t = tb_new();
	r = tb_rp(t, "00:01.0", 1);
	tb_set(t, r, 0x40 + 0x28, 2, 1u << 5);
	f = tb_ep(t, "01:00.0", r);
	tb_mf(t, f);
	f = tb_ep(t, "01:01.0", r);
	assert_int_equal(tb_run(t), 0);
	ig_dev_acs(t->ctx, f, &a);
	assert_int_equal(a.multifunction, 1);
	tb_set(t, r, 0x40 + 0x28, 2, 0);
	assert_int_equal(tb_run(t), 0);
	ig_dev_acs(t->ctx, f, &a);
	assert_int_equal(a.multifunction, 0);
	tb_free(t);
}

/* scan order: each bridge's subtree before the next bridge */
static void test_scan_order(void **state)
{
	struct tb *t = tb_new();
	uint32_t r1, r2, u, d1, d2, e1, e2, e3, e4;
	int64_t want[9];
	uint32_t i;

	(void)state;
	r1 = tb_rp(t, "00:01.0", 1);
	r2 = tb_rp(t, "00:02.0", 1);
	e4 = tb_ep(t, "00:1f.0", IG_NONE);
	u = tb_usp(t, "01:00.0", r1);
	d1 = tb_dsp(t, "02:00.0", u, 1);
	d2 = tb_dsp(t, "02:01.0", u, 1);
	e1 = tb_ep(t, "03:00.0", d1);
	e2 = tb_ep(t, "04:00.0", d2);
	e3 = tb_ep(t, "05:00.0", r2);
	assert_int_equal(tb_run(t), 0);
	want[0] = r1;
	want[1] = r2;
	want[2] = e4;
	want[3] = u;
	want[4] = d1;
	want[5] = d2;
	want[6] = e1;
	want[7] = e2;
	want[8] = e3;
	for (i = 0; i < 9; i++)
		assert_int_equal(ig_probe_order(t->ctx, i), want[i]);
	assert_int_equal(ig_probe_order(t->ctx, 9), -ENOENT);
	tb_free(t);
}

/* 5-digit domains order after domain 0 and keep their own numbers */
static void test_domains(void **state)
{
	struct tb *t = tb_new();

	(void)state;
	tb_rp(t, "10000:00:01.0", 1);
	tb_rp(t, "0000:00:01.0", 1);
	assert_int_equal(tb_run(t), 0);
	assert_int_equal(tb_group(t, "0000:00:01.0"), 0);
	assert_int_equal(tb_group(t, "10000:00:01.0"), 1);
	tb_free(t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_validation),
		cmocka_unit_test(test_cap_loop),
		cmocka_unit_test(test_ext_cap_loop),
		cmocka_unit_test(test_truncated),
		cmocka_unit_test(test_bad_bridge_numbers),
		cmocka_unit_test(test_vmd_domain_names),
		cmocka_unit_test(test_multifunction),
		cmocka_unit_test(test_scan_order),
		cmocka_unit_test(test_domains),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
