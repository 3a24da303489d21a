// SPDX-License-Identifier: GPL-2.0-only OR MIT
/*
 * test_group.c - lib/group.c: the worked examples of kernel-grouping.md
 * A.12, probe order and numbers, changes after boot, the USB companion
 * policy, non-PCI devices, and for_each_dev.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>
#include "tb.h"

/* A.12 #1 and #2: root ports with and without ACS */
static void test_root_ports(void **state)
{
	struct tb *t = tb_new();
	uint32_t r1, r2, r3;
	struct ig_reason r;

	(void)state;
	r1 = tb_rp(t, "00:01.0", 1);
	r2 = tb_rp(t, "00:1c.0", 0);
	tb_mf(t, r2);
	r3 = tb_rp(t, "00:1c.4", 0);
	tb_ep(t, "01:00.0", r1);
	tb_ep(t, "02:00.0", r2);
	tb_ep(t, "03:00.0", r3);
	assert_int_equal(tb_run(t), 0);
	/* probe order: 00:01.0 00:1c.0 00:1c.4 01:00.0 02:00.0 03:00.0 */
	assert_int_equal(tb_group(t, "00:01.0"), 0);
	assert_int_equal(tb_group(t, "00:1c.0"), 1);
	assert_int_equal(tb_group(t, "00:1c.4"), 1);
	assert_int_equal(tb_group(t, "01:00.0"), 2);
	assert_int_equal(tb_group(t, "02:00.0"), 1);
	assert_int_equal(tb_group(t, "03:00.0"), 1);
	assert_int_equal(t->res.ngroups, 3);
	ig_dev_reason(t->ctx, tb_idx(t, "00:1c.4"), &r);
	assert_int_equal(r.join, IG_JOIN_FUNCTION);
	assert_int_equal(r.related, tb_idx(t, "00:1c.0"));
	ig_dev_reason(t->ctx, tb_idx(t, "03:00.0"), &r);
	assert_int_equal(r.join, IG_JOIN_UPSTREAM);
	assert_int_equal(r.related, r3);
	assert_int_equal(r.blocker, r3);
	ig_dev_reason(t->ctx, tb_idx(t, "01:00.0"), &r);
	assert_int_equal(r.join, IG_JOIN_NEW);
	tb_free(t);
}

/* kernel-oracle.md: a non-ACS port in a slot whose sibling has ACS */
static void test_mixed_mf_root_slot(void **state)
{
	struct tb *t = tb_new();
	uint32_t a, b;

	(void)state;
	a = tb_rp(t, "00:02.0", 1);
	tb_mf(t, a);
	b = tb_rp(t, "00:02.1", 0);
	tb_ep(t, "01:00.0", a);
	tb_ep(t, "02:00.0", b);
	assert_int_equal(tb_run(t), 0);
	assert_int_not_equal(tb_group(t, "00:02.0"), tb_group(t, "00:02.1"));
	assert_true(tb_same(t, "00:02.1", "02:00.0", NULL));
	assert_int_not_equal(tb_group(t, "01:00.0"), tb_group(t, "00:02.0"));
	tb_free(t);
}

/* A.12 #3: switch with one DSP lacking ACS */
static void test_switch(void **state)
{
	struct tb *t = tb_new();
	uint32_t r, u, d1, d2;

	(void)state;
	r = tb_rp(t, "00:01.0", 1);
	u = tb_usp(t, "01:00.0", r);
	d1 = tb_dsp(t, "02:00.0", u, 1);
	d2 = tb_dsp(t, "02:01.0", u, 0);
	tb_ep(t, "03:00.0", d1);
	tb_ep(t, "04:00.0", d2);
	assert_int_equal(tb_run(t), 0);
	assert_int_equal(tb_group(t, "00:01.0"), 0);
	assert_int_equal(tb_group(t, "01:00.0"), 1);
	assert_int_equal(tb_group(t, "02:00.0"), 2);
	assert_int_equal(tb_group(t, "02:01.0"), 3);
	assert_int_equal(tb_group(t, "03:00.0"), 4);
	assert_int_equal(tb_group(t, "04:00.0"), 3);
	tb_free(t);
}

/* A.12 #4: PCIe-to-PCI bridge with conventional devices */
static void test_pcie_to_pci_bridge(void **state)
{
	struct tb *t = tb_new();
	uint32_t r, b;
	struct ig_reason rs;

	(void)state;
	r = tb_rp(t, "00:01.0", 1);
	b = tb_add(t, "01:00.0", r, 0x1b36, 0x000e, 0x060400, 1,
		   IG_PT_PCI_BRIDGE);
	tb_pci_ep(t, "02:01.0", b);
	tb_pci_ep(t, "02:02.0", b);
	assert_int_equal(tb_run(t), 0);
	assert_true(tb_same(t, "01:00.0", "02:01.0", "02:02.0", NULL));
	assert_int_not_equal(tb_group(t, "00:01.0"), tb_group(t, "01:00.0"));
	ig_dev_reason(t->ctx, tb_idx(t, "02:02.0"), &rs);
	assert_int_equal(rs.join, IG_JOIN_DMA_ALIAS);
	assert_int_equal(rs.related, b);
	tb_free(t);
}

/* a conventional bridge below a conventional bridge: both alias */
static void test_conventional_bridge_chain(void **state)
{
	struct tb *t = tb_new();
	uint32_t r, b1, b2;

	(void)state;
	r = tb_rp(t, "00:01.0", 1);
	b1 = tb_add(t, "01:00.0", r, 0x1b36, 0x000e, 0x060400, 1,
		    IG_PT_PCI_BRIDGE);
	b2 = tb_add(t, "02:01.0", b1, 0x1b36, 0x0001, 0x060400, 1,
		    IG_PT_NOT_PCIE);
	tb_pci_ep(t, "03:00.0", b2);
	tb_pci_ep(t, "02:02.0", b1);
	assert_int_equal(tb_run(t), 0);
	assert_true(tb_same(t, "01:00.0", "02:01.0", "03:00.0", "02:02.0",
			    NULL));
	tb_free(t);
}

/* A.12 #5: multifunction NIC with and without a quirk or ACS */
static void test_mf_endpoint(void **state)
{
	struct tb *t = tb_new();
	uint32_t r1, r2, r3, f;

	(void)state;
	r1 = tb_rp(t, "00:01.0", 1);
	r2 = tb_rp(t, "00:02.0", 1);
	r3 = tb_rp(t, "00:03.0", 1);
	f = tb_ep(t, "01:00.0", r1);
	tb_mf(t, f);
	tb_ep(t, "01:00.1", r1);
	/* Intel 82599 is in the mf_endpoint list */
	f = tb_add(t, "02:00.0", r2, 0x8086, 0x10fb, 0x020000, 0x80, IG_PT_EP);
	tb_add(t, "02:00.1", r2, 0x8086, 0x10fb, 0x020000, 0x80, IG_PT_EP);
	/* an ACS capability whose control passes isolates */
	f = tb_ep(t, "03:00.0", r3);
	tb_mf(t, f);
	tb_acs(t, f, 0, 0); /* empty capability: "no peer to peer" */
	f = tb_ep(t, "03:00.1", r3);
	tb_acs(t, f, 0, 0);
	assert_int_equal(tb_run(t), 0);
	assert_true(tb_same(t, "01:00.0", "01:00.1", NULL));
	assert_int_not_equal(tb_group(t, "02:00.0"), tb_group(t, "02:00.1"));
	assert_int_not_equal(tb_group(t, "03:00.0"), tb_group(t, "03:00.1"));
	tb_free(t);
}

/* A.12 #6: SR-IOV VFs are single-function and come after boot devices */
static void test_sriov(void **state)
{
	struct tb *t = tb_new();
	uint32_t r, pf, v1, v2, r2;

	(void)state;
	r = tb_rp(t, "00:01.0", 1);
	r2 = tb_rp(t, "00:02.0", 1);
	pf = tb_ep(t, "01:00.0", r);
	tb_mf(t, pf);
	tb_ep(t, "01:00.1", r);
	tb_ep(t, "02:00.0", r2);
	/* VFs report a multifunction header here; the kernel clears it */
	v1 = tb_ep(t, "01:00.2", r);
	v2 = tb_ep(t, "01:00.3", r);
	tb_mf(t, v1);
	tb_mf(t, v2);
	t->devs[v1].physfn = pf;
	t->devs[v2].physfn = pf;
	t->devs[v1].hotplug_seq = 1;
	t->devs[v2].hotplug_seq = 2;
	/* a VF reads ffff as IDs; the PF's SR-IOV capability names the VF
	 * device ID at +0x1a */
	tb_set(t, v1, 0, 4, 0xffffffffu);
	tb_set(t, v2, 0, 4, 0xffffffffu);
	tb_set(t, pf, 0x100, 4, 0x0010 | (1u << 16));
	tb_set(t, pf, 0x11a, 2, 0x1042);
	assert_int_equal(tb_run(t), 0);
	{
		struct ig_acs_info a;

		ig_dev_acs(t->ctx, v1, &a);
		assert_int_equal(a.vendor, 0x1af4);
		assert_int_equal(a.device, 0x1042);
		assert_int_equal(a.dead, 0);
		assert_int_equal(a.uncertain, 0);
		assert_int_equal(a.port_type, IG_PT_EP);
		assert_false(t->res.flags & IG_RES_UNCERTAIN);
	}
	/* 00:01.0 0, 00:02.0 1, 01:00.0 2 (with 01:00.1), 02:00.0 3,
	 * VFs 4 and 5 */
	assert_int_equal(tb_group(t, "01:00.0"), 2);
	assert_int_equal(tb_group(t, "01:00.1"), 2);
	assert_int_equal(tb_group(t, "02:00.0"), 3);
	assert_int_equal(tb_group(t, "01:00.2"), 4);
	assert_int_equal(tb_group(t, "01:00.3"), 5);
	tb_free(t);
}

/* A.12 #7: an Intel VMD domain joins the VMD endpoint's group */
static void test_vmd(void **state)
{
	struct tb *t = tb_new();
	uint32_t vmd, rp, e;

	(void)state;
	tb_rp(t, "00:01.0", 1);
	vmd = tb_add(t, "00:0e.0", IG_NONE, 0x8086, 0x467f, 0x010400, 0,
		     IG_PT_RC_END);
	rp = tb_rp(t, "10000:e0:1d.0", 1);
	e = tb_add(t, "10000:e1:00.0", rp, 0x144d, 0xa808, 0x010802, 0,
		   IG_PT_EP);
	t->devs[rp].vmd_owner = vmd;
	t->devs[e].vmd_owner = vmd;
	t->devs[rp].hotplug_seq = 1; /* the vmd driver adds the domain */
	t->devs[e].hotplug_seq = 2;
	assert_int_equal(tb_run(t), 0);
	assert_true(tb_same(t, "00:0e.0", "10000:e0:1d.0", "10000:e1:00.0",
			    NULL));
	/* before v5.6 there was no pci_real_dma_dev() */
	t->opts.kernel = IG_KVER(5, 4, 0);
	assert_int_equal(tb_run(t), 0);
	assert_int_not_equal(tb_group(t, "00:0e.0"),
			     tb_group(t, "10000:e1:00.0"));
	tb_free(t);
}

/* A.12 #8: devices below a bridge the IOMMU rejects get one group each */
static void test_rejected_bridge(void **state)
{
	struct tb *t = tb_new();
	uint32_t x;
	char name[IG_NAME_MAX];

	(void)state;
	x = tb_rp(t, "00:1c.0", 0);
	t->devs[x].flags |= IG_DEV_IOMMU_REJECT;
	tb_ep(t, "01:00.0", x);
	tb_ep(t, "01:01.0", x);
	assert_int_equal(tb_run(t), 0);
	assert_int_equal(tb_group(t, "00:1c.0"), -ENOENT);
	assert_int_equal(tb_group(t, "01:00.0"), 0);
	assert_int_equal(tb_group(t, "01:01.0"), 1);
	assert_int_equal(ig_dev_link_name(t->ctx, x, name, sizeof(name)),
			 -ENOENT);
	tb_free(t);
}

/* numbers: lowest free number, freed on removal, reused */
static void test_hotplug_numbers(void **state)
{
	struct tb *t = tb_new();
	uint32_t r1, r2, r3, e1, e2, e3;
	int64_t g;

	(void)state;
	r1 = tb_rp(t, "00:01.0", 1);
	r2 = tb_rp(t, "00:02.0", 1);
	r3 = tb_rp(t, "00:03.0", 1);
	e1 = tb_ep(t, "01:00.0", r1);
	e2 = tb_ep(t, "02:00.0", r2);
	e3 = tb_ep(t, "03:00.0", r3);
	t->devs[e3].flags |= IG_DEV_NOT_PRESENT;
	assert_int_equal(tb_run(t), 0);
	assert_int_equal(tb_group(t, "01:00.0"), 3);
	assert_int_equal(tb_group(t, "02:00.0"), 4);
	assert_int_equal(tb_group(t, "03:00.0"), -ENOENT);
	/* remove 01:00.0: number 3 is free, the next new group takes it */
	assert_int_equal(ig_hot_remove(t->ctx, e1), 0);
	assert_int_equal(ig_hot_remove(t->ctx, e1), -ENODEV);
	assert_int_equal(ig_group_size(t->ctx, 3), -ENOENT);
	assert_int_equal(ig_hot_add(t->ctx, e3), 0);
	assert_int_equal(tb_group(t, "03:00.0"), 3);
	/* a bridge with a present device below it cannot go */
	assert_int_equal(ig_hot_remove(t->ctx, r2), -EBUSY);
	assert_int_equal(ig_hot_remove(t->ctx, e2), 0);
	assert_int_equal(ig_hot_remove(t->ctx, r2), 0);
	assert_int_equal(ig_hot_add(t->ctx, e2), -ENODEV);
	assert_int_equal(ig_hot_add(t->ctx, r2), 0);
	assert_int_equal(tb_group(t, "00:02.0"), 1);
	assert_int_equal(ig_hot_add(t->ctx, e2), 0);
	assert_int_equal(tb_group(t, "02:00.0"), 4);
	assert_int_equal(ig_hot_add(t->ctx, e2), -EEXIST);
	/* iteration in number order */
	g = ig_group_next(t->ctx, -1);
	assert_int_equal(g, 0);
	g = ig_group_next(t->ctx, 3);
	assert_int_equal(g, 4);
	assert_int_equal(ig_group_next(t->ctx, 4), -ENOENT);
	assert_int_equal(ig_predict(t->ctx, NULL), -EALREADY);
	tb_free(t);
}

/* numbers start above numbers taken by platform devices */
static void test_first_number(void **state)
{
	struct tb *t = tb_new();

	(void)state;
	tb_rp(t, "00:01.0", 1);
	t->opts.first_number = 2;
	assert_int_equal(tb_run(t), 0);
	assert_int_equal(tb_group(t, "00:01.0"), 2);
	assert_int_equal(ig_group_next(t->ctx, -1), 2);
	tb_free(t);
}

static int count_cb(uint32_t dev, void *data)
{
	int *n = data;

	(void)dev;
	return ++*n == 2 ? 7 : 0;
}

static int order_cb(uint32_t dev, void *data)
{
	uint32_t **p = data;

	*(*p)++ = dev;
	return 0;
}

static void test_for_each_dev(void **state)
{
	struct tb *t = tb_new();
	uint32_t r, seen[8], *p = seen;
	int n = 0;

	(void)state;
	r = tb_rp(t, "00:1c.0", 0);
	tb_ep(t, "01:00.0", r);
	tb_ep(t, "01:01.0", r);
	assert_int_equal(tb_run(t), 0);
	assert_int_equal(ig_group_size(t->ctx, 0), 3);
	assert_int_equal(ig_group_for_each_dev(t->ctx, 0, count_cb, &n), 7);
	assert_int_equal(n, 2);
	assert_int_equal(ig_group_for_each_dev(t->ctx, 0, order_cb, &p), 0);
	assert_int_equal(p - seen, 3);
	assert_int_equal(seen[0], r);
	assert_int_equal(seen[1], tb_idx(t, "01:00.0"));
	assert_int_equal(seen[2], tb_idx(t, "01:01.0"));
	assert_int_equal(ig_group_for_each_dev(t->ctx, 9, count_cb, &n),
			 -ENOENT);
	tb_free(t);
}

/* the USB companion policy: off for real kernels, on with an override */
static void build_usb(struct tb *t)
{
	uint32_t i;

	/* Intel RCiEPs are isolated by the rciep quirk, so without the
	 * policy each controller would get its own group */
	i = tb_add(t, "00:1d.0", IG_NONE, 0x8086, 0x2934, 0x0c0300, 0x80,
		   IG_PT_RC_END);
	tb_add(t, "00:1d.1", IG_NONE, 0x8086, 0x2935, 0x0c0300, 0, IG_PT_RC_END);
	tb_add(t, "00:1d.7", IG_NONE, 0x8086, 0x293a, 0x0c0320, 0, IG_PT_RC_END);
	tb_add(t, "00:1a.0", IG_NONE, 0x8086, 0x2937, 0x0c0300, 0x80,
	       IG_PT_RC_END);
	tb_add(t, "00:1a.1", IG_NONE, 0x8086, 0x2938, 0x0c0300, 0, IG_PT_RC_END);
	(void)i;
}

static void test_usb_companions(void **state)
{
	struct tb *t = tb_new();
	struct ig_reason r;

	(void)state;
	build_usb(t);
	assert_int_equal(tb_run(t), 0);
	assert_int_equal(t->res.ngroups, 5);
	assert_false(t->res.flags & IG_RES_COMPANION);
	t->opts.companion = IG_COMPANION_ON;
	assert_int_equal(tb_run(t), 0);
	assert_true(tb_same(t, "00:1d.0", "00:1d.1", "00:1d.7", NULL));
	/* no EHCI in slot 1a: the policy does not apply there */
	assert_int_not_equal(tb_group(t, "00:1a.0"), tb_group(t, "00:1a.1"));
	ig_dev_reason(t->ctx, tb_idx(t, "00:1d.7"), &r);
	assert_int_equal(r.join, IG_JOIN_COMPANION);
	assert_int_equal(r.related, tb_idx(t, "00:1d.0"));
	/* auto: on when an ACS override is simulated */
	t->opts.companion = IG_COMPANION_AUTO;
	t->opts.override_pos = IG_OVERRIDE_END;
	t->opts.cmdline = "pcie_acs_override=downstream";
	assert_int_equal(tb_run(t), 0);
	assert_true(t->res.flags & IG_RES_COMPANION);
	assert_true(tb_same(t, "00:1d.0", "00:1d.1", "00:1d.7", NULL));
	t->opts.companion = IG_COMPANION_OFF;
	assert_int_equal(tb_run(t), 0);
	assert_int_not_equal(tb_group(t, "00:1d.0"), tb_group(t, "00:1d.7"));
	tb_free(t);
}

/* non-PCI devices resolve to their nearest PCI ancestor */
static void test_ext_devices(void **state)
{
	struct tb *t = tb_new();
	uint32_t r, e;

	(void)state;
	r = tb_rp(t, "00:01.0", 1);
	e = tb_ep(t, "01:00.0", r);
	t->ext[0].name = "usb1";
	t->ext[0].parent = e;
	t->ext[1].name = "1-1";
	t->ext[1].parent = t->n + 0;
	t->next = 2;
	assert_int_equal(tb_run(t), 0);
	assert_int_equal(ig_ext_resolve(t->ctx, 1), e);
	assert_int_equal(ig_ext_resolve(t->ctx, 0), e);
	assert_int_equal(ig_ext_resolve(t->ctx, 2), -EINVAL);
	/* a cycle among non-PCI devices */
	t->ext[0].parent = t->n + 1;
	assert_int_equal(tb_run(t), -ELOOP);
	tb_free(t);
}

/* uncertainty: a PCIe port read with 64 bytes (non-root) */
static void test_uncertain(void **state)
{
	struct tb *t = tb_new();
	uint32_t r, r2;

	(void)state;
	r = tb_rp(t, "00:01.0", 1);
	r2 = tb_rp(t, "00:02.0", 1);
	tb_ep(t, "01:00.0", r);
	tb_ep(t, "02:00.0", r2);
	t->devs[r].config_len = 64;
	t->devs[r].flags = 0;
	assert_int_equal(tb_run(t), 0);
	assert_true(t->res.flags & IG_RES_UNCERTAIN);
	assert_int_equal(ig_group_uncertain(t->ctx, (uint32_t)tb_group(t, "01:00.0")), 1);
	assert_int_equal(ig_group_uncertain(t->ctx, (uint32_t)tb_group(t, "02:00.0")), 0);
	/* the assumption is "not isolated": the endpoint joins the port */
	assert_true(tb_same(t, "00:01.0", "01:00.0", NULL));
	tb_free(t);
}

/* probe order: depth first, or breadth first with pci=bfsort */
static void test_bfsort(void **state)
{
	struct tb *t = tb_new();
	uint32_t r1, r2;

	(void)state;
	r1 = tb_rp(t, "00:01.0", 1);
	tb_ep(t, "01:00.0", r1);
	r2 = tb_add(t, "00:02.0", IG_NONE, 0x1b36, 0x000c, 0x060400, 1, IG_PT_RP);
	tb_acs(t, r2, 0x1f, IG_ACS_REQ);
	tb_ep(t, "02:00.0", r2);
	tb_ep(t, "00:03.0", IG_NONE);
	assert_int_equal(tb_run(t), 0);
	/* scan order: 00:01.0 00:02.0 00:03.0 01:00.0 02:00.0 */
	assert_int_equal(tb_group(t, "00:03.0"), 2);
	assert_int_equal(tb_group(t, "01:00.0"), 3);
	assert_int_equal(tb_group(t, "02:00.0"), 4);
	/* a deeper tree where depth-first and breadth-first differ */
	tb_free(t);
	t = tb_new();
	r1 = tb_rp(t, "00:01.0", 1);
	r2 = tb_usp(t, "01:00.0", r1);
	r2 = tb_dsp(t, "02:00.0", r2, 1);
	tb_ep(t, "03:00.0", r2);
	r1 = tb_rp(t, "00:02.0", 1);
	tb_ep(t, "04:00.0", r1);
	assert_int_equal(tb_run(t), 0);
	/* depth first: 00:01 00:02 01:00 02:00 03:00 04:00 */
	assert_int_equal(tb_group(t, "03:00.0"), 4);
	assert_int_equal(tb_group(t, "04:00.0"), 5);
	t->opts.cmdline = "quiet pci=noats,bfsort";
	assert_int_equal(tb_run(t), 0);
	assert_true(t->res.flags & IG_RES_BFSORT);
	assert_int_equal(tb_group(t, "03:00.0"), 4);
	assert_int_equal(tb_group(t, "04:00.0"), 5);
	tb_free(t);
}

/* bfsort changes numbers when a later root bus number sorts earlier */
static void test_bfsort_numbers(void **state)
{
	struct tb *t = tb_new();
	uint32_t r1, r2;

	(void)state;
	/* the first port's subtree uses bus 5, the second's bus 2 */
	r1 = tb_rp(t, "00:01.0", 1);
	tb_ep(t, "05:00.0", r1);
	r2 = tb_rp(t, "00:02.0", 1);
	tb_ep(t, "02:00.0", r2);
	assert_int_equal(tb_run(t), 0);
	assert_int_equal(tb_group(t, "05:00.0"), 2);
	assert_int_equal(tb_group(t, "02:00.0"), 3);
	t->opts.cmdline = "pci=bfsort";
	assert_int_equal(tb_run(t), 0);
	assert_int_equal(tb_group(t, "02:00.0"), 2);
	assert_int_equal(tb_group(t, "05:00.0"), 3);
	/* pci=nobfsort beats the DMI quirk */
	t->opts.cmdline = "pci=nobfsort";
	t->opts.flags = IG_OPT_BFSORT_DMI;
	assert_int_equal(tb_run(t), 0);
	assert_int_equal(tb_group(t, "05:00.0"), 2);
	t->opts.cmdline = NULL;
	assert_int_equal(tb_run(t), 0);
	assert_int_equal(tb_group(t, "05:00.0"), 3);
	tb_free(t);
}

/* root buses in the firmware's order */
static void test_root_order(void **state)
{
	struct tb *t = tb_new();
	uint64_t order[2] = { 0x80, 0x00 };

	(void)state;
	tb_rp(t, "00:01.0", 1);
	tb_rp(t, "80:01.0", 1);
	assert_int_equal(tb_run(t), 0);
	assert_int_equal(tb_group(t, "80:01.0"), 1);
	t->opts.root_order = order;
	t->opts.nroot_order = 2;
	assert_int_equal(tb_run(t), 0);
	assert_int_equal(tb_group(t, "80:01.0"), 0);
	assert_int_equal(tb_group(t, "00:01.0"), 1);
	tb_free(t);
}

/* the IOMMU switched off on the command line: no groups */
static void test_iommu_off(void **state)
{
	struct tb *t = tb_new();

	(void)state;
	tb_rp(t, "00:01.0", 1);
	t->opts.cmdline = "intel_iommu=off";
	assert_int_equal(tb_run(t), 0);
	assert_true(t->res.flags & IG_RES_IOMMU_OFF);
	assert_int_equal(t->res.ngroups, 0);
	t->opts.iommu = IG_IOMMU_AMD; /* intel_iommu= does not apply */
	assert_int_equal(tb_run(t), 0);
	assert_int_equal(t->res.ngroups, 1);
	t->opts.cmdline = "amd_iommu=off";
	assert_int_equal(tb_run(t), 0);
	assert_int_equal(t->res.ngroups, 0);
	/* Debian's kernels: VT-d only with intel_iommu=on */
	t->opts.iommu = IG_IOMMU_INTEL;
	t->opts.flags = IG_OPT_INTEL_DEFAULT_OFF;
	t->opts.cmdline = "quiet";
	assert_int_equal(tb_run(t), 0);
	assert_int_equal(t->res.ngroups, 0);
	t->opts.cmdline = "intel_iommu=on,igfx_off";
	assert_int_equal(tb_run(t), 0);
	assert_int_equal(t->res.ngroups, 1);
	t->opts.cmdline = "intel_iommu=on intel_iommu=sm_on,off";
	assert_int_equal(tb_run(t), 0);
	assert_int_equal(t->res.ngroups, 0);
	t->opts.cmdline = "iommu=off intel_iommu=on";
	assert_int_equal(tb_run(t), 0);
	assert_int_equal(t->res.ngroups, 0);
	tb_free(t);
}

/* the AMD IOMMU's own PCI function never gets a group (nor a number) */
static void test_amd_iommu_function(void **state)
{
	struct tb *t = tb_new();

	(void)state;
	tb_add(t, "00:00.0", IG_NONE, 0x1022, 0x1480, 0x060000, 0, IG_PT_NOT_PCIE);
	tb_add(t, "00:00.2", IG_NONE, 0x1022, 0x1481, 0x080600, 0, IG_PT_RC_END);
	tb_rp(t, "00:01.0", 1);
	t->opts.iommu = IG_IOMMU_AMD;
	assert_int_equal(tb_run(t), 0);
	assert_int_equal(tb_group(t, "00:00.2"), -ENOENT);
	assert_int_equal(tb_group(t, "00:01.0"), 1);
	/* taken like any device otherwise: a function of slot 0 without ACS,
	 * so it joins the host bridge */
	t->opts.iommu = IG_IOMMU_INTEL;
	assert_int_equal(tb_run(t), 0);
	assert_int_equal(tb_group(t, "00:00.2"), 0);
	assert_int_equal(tb_group(t, "00:01.0"), 1);
	tb_free(t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_root_ports),
		cmocka_unit_test(test_mixed_mf_root_slot),
		cmocka_unit_test(test_switch),
		cmocka_unit_test(test_pcie_to_pci_bridge),
		cmocka_unit_test(test_conventional_bridge_chain),
		cmocka_unit_test(test_mf_endpoint),
		cmocka_unit_test(test_sriov),
		cmocka_unit_test(test_vmd),
		cmocka_unit_test(test_rejected_bridge),
		cmocka_unit_test(test_hotplug_numbers),
		cmocka_unit_test(test_first_number),
		cmocka_unit_test(test_for_each_dev),
		cmocka_unit_test(test_usb_companions),
		cmocka_unit_test(test_ext_devices),
		cmocka_unit_test(test_uncertain),
		cmocka_unit_test(test_bfsort),
		cmocka_unit_test(test_bfsort_numbers),
		cmocka_unit_test(test_root_order),
		cmocka_unit_test(test_iommu_off),
		cmocka_unit_test(test_amd_iommu_function),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
