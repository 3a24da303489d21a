// SPDX-License-Identifier: GPL-2.0-only OR MIT
/*
 * test_quirks.c - lib/quirks.c and lib/cmdline.c: a row from every ACS
 * quirk family (B.1-B.3) with "first non-negative answer wins", the DMA
 * alias quirks and bridge flags (B.4, B.5), the enable step of each kernel
 * version, and the command-line parameters.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>
#include "tb.h"

static struct ig_acs_info acs_of(struct tb *t, const char *bdf)
{
	struct ig_acs_info a;

	assert_int_equal(ig_dev_acs(t->ctx, tb_idx(t, bdf), &a), 0);
	return a;
}

/* two functions of one slot; are they split? */
static struct tb *mf_pair(uint16_t ven, uint16_t dev, int type, int onroot)
{
	struct tb *t = tb_new();
	uint32_t r = IG_NONE, f;

	if (!onroot)
		r = tb_rp(t, "00:01.0", 1);
	f = tb_add(t, onroot ? "00:05.0" : "01:00.0", r, ven, dev, 0x020000,
		   0x80, type);
	(void)f;
	tb_add(t, onroot ? "00:05.1" : "01:00.1", r, ven, dev, 0x020000, 0,
	       type);
	return t;
}

static int split(struct tb *t, int onroot)
{
	assert_int_equal(tb_run(t), 0);
	return onroot ? tb_group(t, "00:05.0") != tb_group(t, "00:05.1") :
			tb_group(t, "01:00.0") != tb_group(t, "01:00.1");
}

static void test_mf_endpoint_rows(void **state)
{
	static const uint16_t rows[][2] = {
		{ 0x1924, 0x0923 }, { 0x8086, 0x10fb }, { 0x8086, 0x1516 },
		{ 0x8086, 0x10c9 }, { 0x8086, 0x10a7 }, { 0x8086, 0x1521 },
		{ 0x8086, 0x105e }, { 0x8086, 0x15b7 }, { 0x19a2, 0x0710 },
		{ 0x10df, 0x0720 }, { 0x177d, 0xa026 }, { 0x14e4, 0x16d7 },
		{ 0x1d17, 0x3038 },
	};
	struct tb *t;
	struct ig_acs_info a;
	uint32_t i;

	(void)state;
	for (i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		t = mf_pair(rows[i][0], rows[i][1], IG_PT_EP, 0);
		assert_true(split(t, 0));
		a = acs_of(t, "01:00.0");
		assert_int_equal(a.why, IG_ACSW_QUIRK);
		assert_int_equal(a.quirk, IG_Q_MF_ENDPOINT);
		tb_free(t);
	}
	/* not in the list (82571 quad-port 10bc is left out on purpose) */
	t = mf_pair(0x8086, 0x10bc, IG_PT_EP, 0);
	assert_false(split(t, 0));
	a = acs_of(t, "01:00.1");
	assert_int_equal(a.why, IG_ACSW_NO_CAP);
	tb_free(t);
}

/* Intel RCiEPs are isolated; other vendors' MF RCiEPs are not */
static void test_rciep(void **state)
{
	struct tb *t;

	(void)state;
	t = mf_pair(0x8086, 0x10d3, IG_PT_RC_END, 1);
	assert_true(split(t, 1));
	assert_int_equal(acs_of(t, "00:05.0").quirk, IG_Q_RCIEP);
	tb_free(t);
	t = mf_pair(0x1af4, 0x1041, IG_PT_RC_END, 1);
	assert_false(split(t, 1));
	tb_free(t);
	/* the same Intel NIC as a MF endpoint behind a port is not */
	t = mf_pair(0x8086, 0x10d3, IG_PT_EP, 0);
	assert_false(split(t, 0));
	tb_free(t);
}

/* AMD southbridge functions on the root bus: only with an AMD IOMMU */
static void test_amd_sb(void **state)
{
	struct tb *t;

	(void)state;
	t = tb_new();
	tb_add(t, "00:14.0", IG_NONE, 0x1002, 0x4385, 0x0c0500, 0x80,
	       IG_PT_NOT_PCIE);
	tb_add(t, "00:14.1", IG_NONE, 0x1002, 0x439c, 0x01018a, 0,
	       IG_PT_NOT_PCIE);
	t->opts.iommu = IG_IOMMU_AMD;
	assert_int_equal(tb_run(t), 0);
	assert_int_not_equal(tb_group(t, "00:14.0"), tb_group(t, "00:14.1"));
	assert_int_equal(acs_of(t, "00:14.0").quirk, IG_Q_AMD_SB);
	t->opts.iommu = IG_IOMMU_INTEL;
	assert_int_equal(tb_run(t), 0);
	assert_int_equal(tb_group(t, "00:14.0"), tb_group(t, "00:14.1"));
	assert_int_equal(acs_of(t, "00:14.0").why, IG_ACSW_NOT_PCIE);
	tb_free(t);
}

/* a root port with no ACS capability: is what is below it isolated? */
static struct tb *port_below(uint16_t ven, uint16_t dev, int type)
{
	struct tb *t = tb_new();
	uint32_t r;

	r = tb_add(t, "00:1c.0", IG_NONE, ven, dev, 0x060400, 1, type);
	tb_ep(t, "01:00.0", r);
	return t;
}

static int port_isolates(struct tb *t)
{
	assert_int_equal(tb_run(t), 0);
	return tb_group(t, "00:1c.0") != tb_group(t, "01:00.0");
}

static void test_root_port_quirks(void **state)
{
	static const struct {
		uint16_t ven, dev;
		int type, want;
		uint32_t quirk;
	} rows[] = {
		{ 0x17cb, 0x0400, IG_PT_RP, 1, IG_Q_QCOM_RP },
		{ 0x17cb, 0x0115, IG_PT_RP, 1, IG_Q_QCOM_RP },
		{ 0x1dbf, 0x0401, IG_PT_RP, 1, IG_Q_QCOM_RP },
		{ 0x177d, 0xa001, IG_PT_RP, 1, IG_Q_CAVIUM },
		{ 0x177d, 0xaf84, IG_PT_RP, 1, IG_Q_CAVIUM },
		{ 0x177d, 0xb000, IG_PT_RP, 0, IG_Q_NONE },
		{ 0x10e8, 0xe004, IG_PT_RP, 1, IG_Q_XGENE },
		{ 0x1def, 0xe005, IG_PT_RP, 1, IG_Q_XGENE },
		{ 0x14e4, 0xd714, IG_PT_RP, 1, IG_Q_BRCM },
		{ 0x1c36, 0x0031, IG_PT_RP, 1, IG_Q_AL },
		{ 0x1957, 0x8d81, IG_PT_RP, 1, IG_Q_NXP_RP },
		{ 0x1d17, 0x0710, IG_PT_RP, 1, IG_Q_ZHAOXIN },
		{ 0x1d17, 0x0722, IG_PT_RP, 0, IG_Q_ZHAOXIN },
		{ 0x8086, 0x1c10, IG_PT_RP, 1, IG_Q_INTEL_PCH },
		{ 0x8086, 0x3b42, IG_PT_RP, 1, IG_Q_INTEL_PCH },
		{ 0x8086, 0x8d1e, IG_PT_RP, 1, IG_Q_INTEL_PCH },
		{ 0x8086, 0x8d1f, IG_PT_RP, 0, IG_Q_NONE },
		{ 0x8086, 0x9c1c, IG_PT_RP, 0, IG_Q_NONE },
	};
	struct tb *t;
	uint32_t i;

	(void)state;
	for (i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		t = port_below(rows[i].ven, rows[i].dev, rows[i].type);
		assert_int_equal(port_isolates(t), rows[i].want);
		assert_int_equal(acs_of(t, "00:1c.0").quirk, rows[i].quirk);
		tb_free(t);
	}
}

/* Zhaoxin: a port outside the list answers 0 even with working ACS */
static void test_final_zeros(void **state)
{
	struct tb *t;

	(void)state;
	t = port_below(0x1d17, 0x0800, IG_PT_RP);
	tb_acs(t, 0, 0x1f, IG_ACS_REQ);
	assert_false(port_isolates(t));
	assert_int_equal(acs_of(t, "00:1c.0").why, IG_ACSW_QUIRK);
	tb_free(t);
	/* Wangxun: listed IDs isolate, others answer 0 final */
	t = mf_pair(0x8088, 0x1001, IG_PT_EP, 0);
	assert_true(split(t, 0));
	tb_free(t);
	t = mf_pair(0x8088, 0x0200, IG_PT_EP, 0);
	tb_acs(t, 1, 0x1f, IG_ACS_REQ);
	tb_acs(t, 2, 0x1f, IG_ACS_REQ);
	assert_false(split(t, 0));
	tb_free(t);
	/* AML IDs only in kernels with the backport */
	t = mf_pair(0x8088, 0x5010, IG_PT_EP, 0);
	assert_true(split(t, 0));
	t->opts.kernel = IG_KVER(6, 12, 10);
	assert_false(split(t, 0));
	tb_free(t);
}

/* Loongson: a row that depends on the kernel version */
static void test_version_rows(void **state)
{
	struct tb *t;

	(void)state;
	t = port_below(0x0014, 0x7a09, IG_PT_RP);
	t->opts.kernel = IG_KVER(6, 16, 0);
	assert_true(port_isolates(t));
	t->opts.kernel = IG_KVER(6, 12, 10);
	assert_false(port_isolates(t));
	tb_free(t);
	/* Qualcomm Hamoa only from v7.0 */
	t = port_below(0x17cb, 0x0111, IG_PT_RP);
	t->opts.kernel = IG_KVER(7, 0, 0);
	assert_true(port_isolates(t));
	t->opts.kernel = IG_KVER(6, 12, 107);
	assert_false(port_isolates(t));
	tb_free(t);
}

/* Intel PCH: success is an input; 6.11.0-6.11.6 never ran the quirk */
static void test_intel_pch(void **state)
{
	struct tb *t = port_below(0x8086, 0x1e10, IG_PT_RP);

	(void)state;
	assert_true(port_isolates(t));
	t->opts.flags = IG_OPT_PCH_QUIRK_FAILED;
	assert_false(port_isolates(t));
	assert_int_equal(acs_of(t, "00:1c.0").quirk, IG_Q_INTEL_PCH);
	t->opts.flags = 0;
	t->opts.kernel = IG_KVER(6, 11, 3);
	assert_false(port_isolates(t));
	t->opts.kernel = IG_KVER(6, 11, 7);
	assert_true(port_isolates(t));
	/* a failed PCH quirk answers 0 before the override entry */
	t->opts.flags = IG_OPT_PCH_QUIRK_FAILED;
	t->opts.override_pos = IG_OVERRIDE_END;
	t->opts.cmdline = "pcie_acs_override=downstream";
	assert_false(port_isolates(t));
	tb_free(t);
}

/* Intel SPT: the Control register is the dword at ACS + 8 */
static void test_intel_spt(void **state)
{
	struct tb *t = port_below(0x8086, 0xa110, IG_PT_RP);

	(void)state;
	tb_acs(t, 0, 0x1f, 0); /* the word at +6 says nothing */
	tb_set(t, 0, 0x108, 4, IG_ACS_REQ);
	assert_true(port_isolates(t));
	assert_int_equal(acs_of(t, "00:1c.0").quirk, IG_Q_INTEL_SPT);
	tb_set(t, 0, 0x108, 4, IG_ACS_SV);
	assert_false(port_isolates(t));
	/* simulated: the SPT enable writes the +8 dword */
	t->opts.acs_source = IG_ACS_SIMULATE;
	assert_true(port_isolates(t));
	/* and the SPT redirect-disable clears RR, CR there */
	t->opts.cmdline = "pci=disable_acs_redir=00:1c.0";
	assert_false(port_isolates(t));
	tb_free(t);
}

/* the standard enable and the command line, per kernel version */
static struct tb *acs_port(void)
{
	struct tb *t = tb_new();
	uint32_t r;

	r = tb_rp(t, "00:01.0", 1);
	tb_acs(t, r, 0x5f, 0); /* firmware left Control at zero */
	tb_ep(t, "01:00.0", r);
	t->opts.acs_source = IG_ACS_SIMULATE;
	return t;
}

static int acs_port_isolates(struct tb *t)
{
	assert_int_equal(tb_run(t), 0);
	return tb_group(t, "00:01.0") != tb_group(t, "01:00.0");
}

static void test_simulate_enable(void **state)
{
	struct tb *t = acs_port();

	(void)state;
	assert_true(acs_port_isolates(t));
	assert_int_equal(acs_of(t, "00:01.0").acs_ctrl, IG_ACS_REQ);
	/* live: the Control word as read (zero) fails */
	t->opts.acs_source = IG_ACS_LIVE;
	assert_false(acs_port_isolates(t));
	assert_int_equal(acs_of(t, "00:01.0").acs_missing, IG_ACS_REQ);
	/* an unset source is refused */
	t->opts.acs_source = IG_ACS_UNSET;
	assert_int_equal(tb_run(t), -EINVAL);
	/* the 2026 stable releases grouped with the firmware value */
	t->opts.acs_source = IG_ACS_SIMULATE;
	t->opts.kernel = IG_KVER(6, 12, 75);
	assert_false(acs_port_isolates(t));
	assert_int_equal(acs_of(t, "00:01.0").uncertain, 0);
	/* ... and a live read of such a host cannot tell the value that was
	 * there at grouping time */
	t->opts.acs_source = IG_ACS_LIVE;
	tb_acs(t, 0, 0x5f, IG_ACS_REQ);
	assert_true(acs_port_isolates(t));
	assert_int_equal(acs_of(t, "00:01.0").uncertain, 1);
	assert_true(t->res.flags & IG_RES_UNCERTAIN);
	tb_free(t);
}

/* IDT 111d:80b5 on v7.0: SV is dropped from the cached capability, so the
 * kernel never enables it and does not ask for it */
static void test_idt_sv(void **state)
{
	struct tb *t = tb_new();
	uint32_t d;

	(void)state;
	tb_rp(t, "00:01.0", 1);
	d = tb_add(t, "01:00.0", 0, 0x111d, 0x80b5, 0x060400, 1, IG_PT_USP);
	d = tb_add(t, "02:00.0", d, 0x111d, 0x80b5, 0x060400, 1, IG_PT_DSP);
	tb_acs(t, d, 0x1f, 0);
	tb_ep(t, "03:00.0", d);
	t->opts.acs_source = IG_ACS_SIMULATE;
	t->opts.kernel = IG_KVER(7, 0, 0);
	assert_int_equal(tb_run(t), 0);
	assert_int_equal(acs_of(t, "02:00.0").acs_cap, 0x1e);
	assert_int_equal(acs_of(t, "02:00.0").acs_ctrl,
			 IG_ACS_RR | IG_ACS_CR | IG_ACS_UF);
	assert_int_not_equal(tb_group(t, "02:00.0"), tb_group(t, "03:00.0"));
	t->opts.kernel = IG_KVER(6, 12, 107);
	assert_int_equal(tb_run(t), 0);
	assert_int_equal(acs_of(t, "02:00.0").acs_ctrl, IG_ACS_REQ);
	/* read live without SV: isolated on v7.0 only */
	t->opts.acs_source = IG_ACS_LIVE;
	tb_acs(t, d, 0x1f, IG_ACS_RR | IG_ACS_CR | IG_ACS_UF);
	assert_int_equal(tb_run(t), 0);
	assert_true(tb_same(t, "02:00.0", "03:00.0", NULL));
	t->opts.kernel = IG_KVER(7, 0, 0);
	assert_int_equal(tb_run(t), 0);
	assert_false(tb_same(t, "02:00.0", "03:00.0", NULL));
	tb_free(t);
}

static void test_disable_acs_redir(void **state)
{
	struct tb *t = acs_port();

	(void)state;
	/* 6.1: clears RR|CR|EC on top of the kernel-enabled value */
	t->opts.kernel = IG_KVER(6, 1, 192);
	t->opts.cmdline = "pci=disable_acs_redir=0000:00:01.0";
	assert_false(acs_port_isolates(t));
	assert_int_equal(acs_of(t, "00:01.0").acs_ctrl,
			 IG_ACS_SV | IG_ACS_UF);
	assert_true(acs_of(t, "00:01.0").cmdline & IG_ACSCL_DISABLE_REDIR);
	/* 6.12: starts from the firmware value (zero) */
	t->opts.kernel = IG_KVER(6, 12, 107);
	assert_false(acs_port_isolates(t));
	assert_int_equal(acs_of(t, "00:01.0").acs_ctrl, 0);
	/* another device named: untouched; ';' lists; pci: IDs */
	t->opts.cmdline = "pci=disable_acs_redir=00:02.0;pci:1b36:0001";
	assert_true(acs_port_isolates(t));
	t->opts.cmdline = "pci=disable_acs_redir=00:02.0;pci:1b36:000c";
	assert_false(acs_port_isolates(t));
	/* a path spec: the endpoint below 00:01.0 */
	t->opts.cmdline = "pci=disable_acs_redir=00:01.0/00.0";
	assert_true(acs_port_isolates(t));
	/* subsystem IDs must match when given; 0 is a wildcard */
	t->opts.cmdline = "pci=disable_acs_redir=pci:1b36:000c:1234:5678";
	assert_true(acs_port_isolates(t));
	t->opts.cmdline = "pci=disable_acs_redir=pci:0:0";
	assert_false(acs_port_isolates(t));
	/* a parse error stops the list */
	t->opts.cmdline = "pci=disable_acs_redir=zz;00:01.0";
	assert_true(acs_port_isolates(t));
	tb_free(t);
}

static void test_config_acs(void **state)
{
	struct tb *t = acs_port();
	uint32_t ctrl;

	(void)state;
	/* 6.1 does not know config_acs */
	t->opts.kernel = IG_KVER(6, 1, 192);
	t->opts.cmdline = "pci=config_acs=xxxx0x@00:01.0";
	assert_true(acs_port_isolates(t));
	/* 6.12.107 (fixed rule): starts from the firmware value, so only
	 * clearing TB leaves SV/RR/CR/UF off (seen under QEMU) */
	t->opts.kernel = IG_KVER(6, 12, 107);
	assert_false(acs_port_isolates(t));
	assert_true(acs_of(t, "00:01.0").cmdline & IG_ACSCL_CONFIG_ACS);
	/* naming the bits explicitly isolates again */
	t->opts.cmdline = "pci=config_acs=11101@00:01.0";
	assert_true(acs_port_isolates(t));
	ctrl = acs_of(t, "00:01.0").acs_ctrl;
	assert_int_equal(ctrl, IG_ACS_REQ);
	/* 6.11 (first rule): kernel value kept outside the mask, flags
	 * ORed: clearing TB leaves the kernel's bits */
	t->opts.kernel = IG_KVER(6, 11, 8);
	t->opts.cmdline = "pci=config_acs=xxxx0x@00:01.0";
	assert_true(acs_port_isolates(t));
	/* and a list of several entries failed to parse there */
	t->opts.cmdline = "pci=config_acs=1@00:02.0;0000@00:01.0";
	assert_true(acs_port_isolates(t));
	t->opts.kernel = IG_KVER(6, 15, 0);
	assert_false(acs_port_isolates(t));
	/* flags without '@' are ignored */
	t->opts.cmdline = "pci=config_acs=0000";
	assert_true(acs_port_isolates(t));
	/* positions 16-31 fall off the kernel's u16 mask */
	t->opts.kernel = IG_KVER(6, 12, 107);
	t->opts.cmdline = "pci=config_acs=1111111111xxxxxxxxxxx00000@00:01.0";
	assert_false(acs_port_isolates(t));
	t->opts.cmdline = "pci=config_acs=1111111111xxxxxxxxxxx11101@00:01.0";
	assert_true(acs_port_isolates(t));
	/* from position 32 on the kernel's shift is undefined: nothing is
	 * applied, the kernel's defaults stay */
	t->opts.cmdline = "pci=config_acs=1xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx00000@00:01.0";
	assert_true(acs_port_isolates(t));
	assert_false(acs_of(t, "00:01.0").cmdline & IG_ACSCL_CONFIG_ACS);
	tb_free(t);
}

static void test_override(void **state)
{
	struct tb *t;

	(void)state;
	/* downstream: cap-less root ports pass, only with the patch */
	t = port_below(0x8086, 0x3420, IG_PT_RP);
	t->opts.cmdline = "pcie_acs_override=downstream";
	assert_false(port_isolates(t));
	t->opts.override_pos = IG_OVERRIDE_END;
	assert_true(port_isolates(t));
	assert_int_equal(acs_of(t, "00:1c.0").why, IG_ACSW_OVERRIDE);
	assert_int_equal(acs_of(t, "00:1c.0").quirk, IG_Q_OVERRIDE_DOWNSTREAM);
	/* a real ACS capability is never overridden */
	tb_acs(t, 0, 0x1f, 0);
	assert_false(port_isolates(t));
	tb_free(t);
	/* multifunction */
	t = mf_pair(0x1af4, 0x1041, IG_PT_EP, 0);
	t->opts.override_pos = IG_OVERRIDE_END;
	t->opts.cmdline = "pcie_acs_override=multifunction";
	assert_true(split(t, 0));
	t->opts.cmdline = "pcie_acs_override=downstream";
	assert_false(split(t, 0));
	/* id: applies to any type */
	t->opts.cmdline = "pcie_acs_override=id:1af4:1041";
	assert_true(split(t, 0));
	assert_int_equal(acs_of(t, "01:00.0").quirk, IG_Q_OVERRIDE_ID);
	t->opts.cmdline = "pcie_acs_override=id:1af4:1042";
	assert_false(split(t, 0));
	tb_free(t);
	/* position: Zhaoxin ports outside the list answer 0 at the end of
	 * the table, but Proxmox's entry comes before them */
	t = port_below(0x1d17, 0x0800, IG_PT_RP);
	t->opts.cmdline = "pcie_acs_override=downstream";
	t->opts.override_pos = IG_OVERRIDE_END;
	assert_false(port_isolates(t));
	t->opts.override_pos = IG_OVERRIDE_PROXMOX;
	assert_true(port_isolates(t));
	tb_free(t);
}

/* DMA alias quirks (B.4) and the alias walk */
static void test_alias_quirks(void **state)
{
	struct tb *t = tb_new();
	uint32_t r1, r2, a, b;
	uint8_t mask[32];
	struct ig_reason rs;

	(void)state;
	r1 = tb_rp(t, "00:01.0", 1);
	r2 = tb_rp(t, "00:02.0", 1);
	/* Marvell SATA: function 0 aliases function 1 (a phantom) */
	a = tb_add(t, "01:00.0", r1, 0x1b4b, 0x9230, 0x010601, 0, IG_PT_EP);
	/* Ricoh: function 1 aliases function 0 */
	tb_add(t, "02:00.0", r2, 0x1180, 0xe832, 0x0c0010, 0x80, IG_PT_EP);
	b = tb_add(t, "02:00.1", r2, 0x1180, 0xe832, 0x080500, 0, IG_PT_EP);
	assert_int_equal(tb_run(t), 0);
	assert_int_equal(ig_dev_alias_mask(t->ctx, a, mask), 1);
	assert_int_equal(mask[0], 0x02);
	assert_int_equal(ig_dev_alias_mask(t->ctx, b, mask), 1);
	assert_int_equal(mask[0], 0x01);
	/* the functions of 02:00 share a group through the alias */
	assert_true(tb_same(t, "02:00.0", "02:00.1", NULL));
	ig_dev_reason(t->ctx, b, &rs);
	assert_int_equal(rs.join, IG_JOIN_ALIAS_GROUP);
	tb_free(t);

	/* an alias makes two ACS-isolated functions share a group */
	t = tb_new();
	r1 = tb_rp(t, "00:01.0", 1);
	tb_add(t, "01:00.0", r1, 0x8086, 0x10fb, 0x020000, 0x80, IG_PT_EP);
	b = tb_add(t, "01:00.1", r1, 0x8086, 0x10fb, 0x020000, 0, IG_PT_EP);
	assert_int_equal(tb_run(t), 0);
	assert_false(tb_same(t, "01:00.0", "01:00.1", NULL));
	{
		struct ig_alias al = { b, 0 };

		t->opts.aliases = &al;
		t->opts.naliases = 1;
		assert_int_equal(tb_run(t), 0);
		assert_true(tb_same(t, "01:00.0", "01:00.1", NULL));
		t->opts.aliases = NULL;
		t->opts.naliases = 0;
	}
	tb_free(t);

	/* Adaptec fixed alias needs the subsystem; MIC; VCA; PLX NTB */
	t = tb_new();
	r1 = tb_rp(t, "00:01.0", 1);
	a = tb_add(t, "01:00.0", r1, 0x9005, 0x0285, 0x010400, 0, IG_PT_EP);
	tb_subsys(t, a, 0x9005, 0x02bb);
	r2 = tb_rp(t, "00:02.0", 1);
	b = tb_add(t, "02:00.0", r2, 0x9005, 0x0285, 0x010400, 0, IG_PT_EP);
	tb_subsys(t, b, 0x9005, 0x0200);
	assert_int_equal(tb_run(t), 0);
	assert_int_equal(ig_dev_alias_mask(t->ctx, a, mask), 1);
	assert_int_equal(mask[1], 0x01);
	assert_int_equal(ig_dev_alias_mask(t->ctx, b, mask), 0);
	tb_free(t);

	t = tb_new();
	a = tb_add(t, "00:05.0", IG_NONE, 0x8086, 0x2260, 0x0b4000, 0,
		   IG_PT_RC_END);
	b = tb_add(t, "00:06.0", IG_NONE, 0x8086, 0x2954, 0x0b4000, 0,
		   IG_PT_RC_END);
	r1 = tb_add(t, "00:07.0", IG_NONE, 0x10b5, 0x87b0, 0x068000, 0,
		    IG_PT_RC_END);
	assert_int_equal(tb_run(t), 0);
	ig_dev_alias_mask(t->ctx, a, mask);
	/* MIC x200: 10.0, 11.0 and 12.3 (devfn 0x80, 0x88, 0x93) */
	assert_int_equal(mask[0x80 / 8], 0x01);
	assert_int_equal(mask[0x88 / 8], 0x01);
	assert_int_equal(mask[0x93 / 8], 0x08);
	assert_int_equal(mask[0], 0x00);
	ig_dev_alias_mask(t->ctx, b, mask);
	assert_int_equal(mask[0], 0x1f);
	assert_int_equal(mask[31], 0x1f);
	ig_dev_alias_mask(t->ctx, r1, mask);
	assert_int_equal(mask[0], 0xff);
	assert_int_equal(mask[31], 0xff);
	/* the PLX NTB aliases every devfn on bus 0: all join one group */
	assert_true(tb_same(t, "00:05.0", "00:06.0", "00:07.0", NULL));
	tb_free(t);
}

/* bridge flags: PCIE_BRIDGE_ALIAS, XLATE_ROOT; the port-type bug */
static void test_bridge_flags(void **state)
{
	struct tb *t = tb_new();
	uint32_t r, b, x;

	(void)state;
	/* Intel 82801 DMI-to-PCI bridge (conventional) below a PCIe port:
	 * its devices still join it */
	r = tb_rp(t, "00:1e.0", 1);
	b = tb_add(t, "01:00.0", r, 0x8086, 0x244e, 0x060401, 1,
		   IG_PT_NOT_PCIE);
	tb_pci_ep(t, "02:00.0", b);
	/* ThunderX2 XLATE_ROOT: the alias walk stops at the bridge, but the
	 * ACS walk still joins the bridge (its path fails: no ACS) */
	x = tb_add(t, "00:02.0", IG_NONE, 0x14e4, 0x9000, 0x060400, 1,
		   IG_PT_RP);
	tb_pci_ep(t, "03:00.0", x);
	assert_int_equal(tb_run(t), 0);
	assert_true(tb_same(t, "01:00.0", "02:00.0", NULL));
	assert_true(tb_same(t, "00:02.0", "03:00.0", NULL));
	{
		struct ig_reason rs;

		ig_dev_reason(t->ctx, tb_idx(t, "03:00.0"), &rs);
		assert_int_equal(rs.join, IG_JOIN_UPSTREAM);
	}
	tb_free(t);
}

/* set_pcie_port_type(): a "DSP" below a root port becomes an Endpoint */
static void test_port_type_bug(void **state)
{
	struct tb *t = tb_new();
	uint32_t r, u, d;
	struct ig_acs_info a;

	(void)state;
	r = tb_rp(t, "00:01.0", 1);
	/* a switch whose upstream port claims to be a downstream port */
	u = tb_add(t, "01:00.0", r, 0x104c, 0x8232, 0x060400, 1, IG_PT_DSP);
	d = tb_dsp(t, "02:00.0", u, 1);
	tb_ep(t, "03:00.0", d);
	assert_int_equal(tb_run(t), 0);
	a = acs_of(t, "01:00.0");
	assert_int_equal(a.raw_port_type, IG_PT_DSP);
	assert_int_equal(a.port_type, IG_PT_EP);
	/* a single-function "Endpoint" counts as isolated */
	assert_int_equal(a.enabled, 1);
	assert_int_not_equal(tb_group(t, "01:00.0"), tb_group(t, "03:00.0"));
	/* before v5.4 there was no correction: DSP without ACS fails */
	t->opts.kernel = IG_KVER(4, 19, 300);
	assert_int_equal(tb_run(t), 0);
	assert_int_equal(acs_of(t, "01:00.0").port_type, IG_PT_DSP);
	assert_true(tb_same(t, "01:00.0", "03:00.0", NULL));
	tb_free(t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_mf_endpoint_rows),
		cmocka_unit_test(test_rciep),
		cmocka_unit_test(test_amd_sb),
		cmocka_unit_test(test_root_port_quirks),
		cmocka_unit_test(test_final_zeros),
		cmocka_unit_test(test_version_rows),
		cmocka_unit_test(test_intel_pch),
		cmocka_unit_test(test_intel_spt),
		cmocka_unit_test(test_simulate_enable),
		cmocka_unit_test(test_idt_sv),
		cmocka_unit_test(test_disable_acs_redir),
		cmocka_unit_test(test_config_acs),
		cmocka_unit_test(test_override),
		cmocka_unit_test(test_alias_quirks),
		cmocka_unit_test(test_bridge_flags),
		cmocka_unit_test(test_port_type_bug),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
