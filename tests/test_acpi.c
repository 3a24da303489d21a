// SPDX-License-Identifier: GPL-2.0-only OR MIT
/*
 * test_acpi.c - lib/acpi.c: the DMAR and IVRS parsers on synthetic tables
 * (several DRHD units, include-all, scopes with paths, ANDD, IVRS alias
 * ranges, ACPI-HID entries, lying lengths) and on the tables QEMU built for
 * the captured fixtures; which unit covers each device; the probe order per
 * kernel version (unit by unit on >= 6.2) and an explicit probe order.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include "tb.h"

/* ------------------------------------------------------------------ */
/* table builders */

struct tbuf {
	uint8_t b[4096];
	uint32_t n;
};

/* little-endian v into len bytes; bytes past the value's 4 are zero */
static void put(struct tbuf *t, uint32_t v, uint32_t len)
{
	uint32_t i;

	for (i = 0; i < len; i++)
		t->b[t->n++] = i < 4 ? (uint8_t)(v >> (8 * i)) : 0;
}

static void put_at(struct tbuf *t, uint32_t off, uint32_t v, uint32_t len)
{
	uint32_t i;

	for (i = 0; i < len; i++)
		t->b[off + i] = i < 4 ? (uint8_t)(v >> (8 * i)) : 0;
}

static void acpi_begin(struct tbuf *t, const char *sig)
{
	memset(t, 0, sizeof(*t));
	memcpy(t->b, sig, 4);
	t->n = 48; /* ACPI header (36) and the DMAR/IVRS fields (12) */
}

static void acpi_end(struct tbuf *t)
{
	put_at(t, 4, t->n, 4);
}

/* a DRHD; returns its offset (the length is patched by drhd_end) */
static uint32_t drhd_begin(struct tbuf *t, uint8_t flags, uint16_t seg,
			   uint64_t base)
{
	uint32_t at = t->n;

	put(t, 0, 2);
	put(t, 0, 2);
	put(t, flags, 1);
	put(t, 0, 1);
	put(t, seg, 2);
	put(t, (uint32_t)base, 4);
	put(t, (uint32_t)(base >> 32), 4);
	return at;
}

static void struct_end(struct tbuf *t, uint32_t at)
{
	put_at(t, at + 2, t->n - at, 2);
}

/* a device scope: type, enumeration id, start bus, npath pairs */
static void scope(struct tbuf *t, uint8_t type, uint8_t bus, uint32_t npath,
		  ...)
{
	va_list ap;
	uint32_t i;

	put(t, type, 1);
	put(t, 6 + 2 * npath, 1);
	put(t, 0, 2);
	put(t, 0, 1);
	put(t, bus, 1);
	va_start(ap, npath);
	for (i = 0; i < 2 * npath; i++)
		put(t, (uint32_t)va_arg(ap, int), 1);
	va_end(ap);
}

static void rmrr(struct tbuf *t)
{
	uint32_t at = t->n;

	put(t, 1, 2);
	put(t, 0, 2);
	put(t, 0, 2);
	put(t, 0, 2);
	put(t, 0x1000, 4);
	put(t, 0, 4);
	put(t, 0x1fff, 4);
	put(t, 0, 4);
	scope(t, IG_DMAR_SCOPE_ENDPOINT, 0, 1, 0x14, 0);
	struct_end(t, at);
}

static void andd(struct tbuf *t, uint8_t num, const char *name)
{
	uint32_t at = t->n, i;

	put(t, 4, 2);
	put(t, 0, 2);
	put(t, 0, 3);
	put(t, num, 1);
	for (i = 0; i <= strlen(name); i++)
		put(t, (uint8_t)name[i], 1);
	struct_end(t, at);
}

struct dmar_out {
	struct ig_dmar d;
	struct ig_dmar_unit u[16];
	struct ig_dmar_scope s[64];
	struct ig_dmar_andd a[8];
};

static int parse_dmar(const struct tbuf *t, struct dmar_out *o)
{
	memset(o, 0xa5, sizeof(*o));
	memset(&o->d, 0, sizeof(o->d));
	o->d.units = o->u;
	o->d.units_max = 16;
	o->d.scopes = o->s;
	o->d.scopes_max = 64;
	o->d.andd = o->a;
	o->d.andd_max = 8;
	return ig_dmar_parse(t->b, t->n, &o->d);
}

/* ------------------------------------------------------------------ */
/* DMAR */

static void tiger_lake_dmar(struct tbuf *t)
{
	uint32_t at;

	acpi_begin(t, "DMAR");
	t->b[36] = 38; /* host address width - 1 */
	t->b[37] = 1;
	/* the graphics unit, then two Thunderbolt units, then the rest */
	at = drhd_begin(t, 0, 0, 0xfed90000);
	scope(t, IG_DMAR_SCOPE_ENDPOINT, 0, 1, 0x02, 0);
	struct_end(t, at);
	at = drhd_begin(t, 0, 0, 0xfed84000);
	scope(t, IG_DMAR_SCOPE_BRIDGE, 0, 1, 0x07, 0);
	struct_end(t, at);
	at = drhd_begin(t, 0, 0, 0xfed86000);
	scope(t, IG_DMAR_SCOPE_BRIDGE, 0, 1, 0x07, 2);
	struct_end(t, at);
	rmrr(t);
	at = drhd_begin(t, IG_DMAR_INCLUDE_PCI_ALL, 0, 0xfed91000);
	scope(t, IG_DMAR_SCOPE_IOAPIC, 0, 1, 0x1e, 7);
	scope(t, IG_DMAR_SCOPE_HPET, 0, 1, 0x1e, 6);
	scope(t, IG_DMAR_SCOPE_NAMESPACE, 0, 1, 0x15, 0);
	struct_end(t, at);
	andd(t, 1, "\\_SB.PC00.I2C0");
	acpi_end(t);
}

static void test_dmar_parse(void **state)
{
	struct tbuf t;
	struct dmar_out o;

	(void)state;
	tiger_lake_dmar(&t);
	assert_int_equal(parse_dmar(&t, &o), 0);
	assert_int_equal(o.d.haw, 38);
	assert_int_equal(o.d.flags, 1);
	assert_int_equal(o.d.nunits, 4);
	assert_int_equal(o.d.nscopes, 6);
	assert_int_equal(o.d.nandd, 1);
	assert_int_equal(o.d.nother, 1); /* the RMRR, and its scope is not
					  * taken for a DRHD's */
	assert_true(o.u[0].address == 0xfed90000);
	assert_int_equal(o.u[0].flags, 0);
	assert_int_equal(o.u[0].first_scope, 0);
	assert_int_equal(o.u[0].nscope, 1);
	assert_int_equal(o.s[0].type, IG_DMAR_SCOPE_ENDPOINT);
	assert_int_equal(o.s[0].npath, 1);
	assert_int_equal(o.s[0].path[0], 2);
	assert_int_equal(o.s[0].path[1], 0);
	assert_int_equal(o.u[2].first_scope, 2);
	assert_int_equal(o.s[2].path[1], 2);
	assert_int_equal(o.u[3].flags, IG_DMAR_INCLUDE_PCI_ALL);
	assert_int_equal(o.u[3].first_scope, 3);
	assert_int_equal(o.u[3].nscope, 3);
	assert_int_equal(o.s[3].type, IG_DMAR_SCOPE_IOAPIC);
	assert_int_equal(o.s[5].type, IG_DMAR_SCOPE_NAMESPACE);
	assert_int_equal(o.a[0].number, 1);
	assert_string_equal(o.a[0].name, "\\_SB.PC00.I2C0");
}

static void test_dmar_scope_path(void **state)
{
	struct tbuf t;
	struct dmar_out o;
	struct tb *tb = tb_new();
	uint32_t rp, usp, dsp, ep, at;

	(void)state;
	rp = tb_rp(tb, "00:1c.0", 1);
	tb_set(tb, rp, 0x19, 1, 1);
	tb_set(tb, rp, 0x1a, 1, 3);
	usp = tb_usp(tb, "01:00.0", rp);
	dsp = tb_dsp(tb, "02:03.0", usp, 1);
	ep = tb_ep(tb, "03:00.0", dsp);
	acpi_begin(&t, "DMAR");
	at = drhd_begin(&t, 0, 0, 0x1000);
	/* 00:1c.0 / 00.0 / 03.0 / 00.0: four pairs down to 03:00.0 */
	scope(&t, IG_DMAR_SCOPE_ENDPOINT, 0, 4, 0x1c, 0, 0, 0, 3, 0, 0, 0);
	scope(&t, IG_DMAR_SCOPE_ENDPOINT, 0, 2, 0x1c, 0, 5, 0); /* absent */
	scope(&t, IG_DMAR_SCOPE_ENDPOINT, 3, 1, 0, 0); /* broken: own bus */
	scope(&t, IG_DMAR_SCOPE_IOAPIC, 0, 1, 0x1e, 7);
	scope(&t, IG_DMAR_SCOPE_ENDPOINT, 0, 1, 0x3c, 0); /* 1c.0 + 0x20 */
	struct_end(&t, at);
	acpi_end(&t);
	assert_int_equal(parse_dmar(&t, &o), 0);
	assert_int_equal(o.s[0].npath, 4);
	assert_int_equal(ig_dmar_scope_dev(tb->devs, tb->n, 0, &o.s[4]),
			 -ENOENT);
	assert_int_equal(ig_dmar_scope_dev(tb->devs, tb->n, 0, &o.s[0]), ep);
	assert_int_equal(ig_dmar_scope_dev(tb->devs, tb->n, 1, &o.s[0]),
			 -ENOENT); /* another segment */
	assert_int_equal(ig_dmar_scope_dev(tb->devs, tb->n, 0, &o.s[1]),
			 -ENOENT);
	/* the kernel's one-entry workaround: bus 3, device 0 */
	assert_int_equal(ig_dmar_scope_dev(tb->devs, tb->n, 0, &o.s[2]), ep);
	assert_int_equal(ig_dmar_scope_dev(tb->devs, tb->n, 0, &o.s[3]),
			 -EINVAL);
	assert_int_equal(ig_dmar_scope_dev(NULL, 1, 0, &o.s[0]), -EINVAL);
	tb_free(tb);
}

static void test_dmar_enospc(void **state)
{
	struct tbuf t;
	struct ig_dmar d;
	struct ig_dmar_unit u[2];
	struct ig_dmar_scope s[8];

	(void)state;
	tiger_lake_dmar(&t);
	memset(&d, 0, sizeof(d));
	/* no arrays at all: the counts say what is needed */
	assert_int_equal(ig_dmar_parse(t.b, t.n, &d), -ENOSPC);
	assert_int_equal(d.nunits, 4);
	assert_int_equal(d.nscopes, 6);
	assert_int_equal(d.nandd, 1);
	d.units = u;
	d.units_max = 2;
	d.scopes = s;
	d.scopes_max = 8;
	assert_int_equal(ig_dmar_parse(t.b, t.n, &d), -ENOSPC);
	assert_int_equal(d.nunits, 4);
	assert_true(u[1].address == 0xfed84000);
	/* ig_dmar_assign() refuses an incomplete parse */
	{
		uint32_t sd[8], unit[1];
		struct ig_dev dev;

		memset(&dev, 0, sizeof(dev));
		dev.parent = dev.physfn = dev.vmd_owner = IG_NONE;
		assert_int_equal(ig_dmar_assign(&d, &dev, 1, sd, unit, NULL),
				 -EINVAL);
	}
}

static void test_dmar_malformed(void **state)
{
	struct tbuf t, m;
	struct dmar_out o;
	uint32_t at, l, i;

	(void)state;
	tiger_lake_dmar(&t);
	/* wrong signature */
	m = t;
	m.b[0] = 'X';
	assert_int_equal(parse_dmar(&m, &o), -EINVAL);
	/* header length larger than what was read; smaller than the header */
	m = t;
	put_at(&m, 4, t.n + 1, 4);
	assert_int_equal(parse_dmar(&m, &o), -EINVAL);
	put_at(&m, 4, 40, 4);
	assert_int_equal(parse_dmar(&m, &o), -EINVAL);
	/* every truncation: the parser trusts only what it was given */
	for (l = 0; l < t.n; l++) {
		uint8_t *c = malloc(l ? l : 1);

		memcpy(c, t.b, l);
		memset(&o.d, 0, sizeof(o.d));
		o.d.units = o.u;
		o.d.units_max = 16;
		o.d.scopes = o.s;
		o.d.scopes_max = 64;
		assert_int_equal(ig_dmar_parse(c, l, &o.d), -EINVAL);
		/* the same bytes with the length patched to the cut: a
		 * clean answer either way, never a read past the cut */
		if (l >= 48) {
			int r;

			c[4] = (uint8_t)l;
			c[5] = (uint8_t)(l >> 8);
			c[6] = c[7] = 0;
			r = ig_dmar_parse(c, l, &o.d);
			assert_true(r == 0 || r == -EINVAL);
		}
		free(c);
	}
	/* a zero-length structure cannot loop */
	acpi_begin(&m, "DMAR");
	put(&m, 0, 2);
	put(&m, 0, 2);
	put(&m, 0, 12);
	acpi_end(&m);
	assert_int_equal(parse_dmar(&m, &o), -EINVAL);
	/* a structure running past the table */
	acpi_begin(&m, "DMAR");
	at = drhd_begin(&m, 1, 0, 0);
	acpi_end(&m);
	put_at(&m, at + 2, 200, 2);
	assert_int_equal(parse_dmar(&m, &o), -EINVAL);
	/* a DRHD too short for its fields */
	acpi_begin(&m, "DMAR");
	put(&m, 0, 2);
	put(&m, 8, 2);
	put(&m, 0, 4);
	acpi_end(&m);
	assert_int_equal(parse_dmar(&m, &o), -EINVAL);
	/* a scope shorter than 6, with an odd path, past its DRHD */
	for (i = 0; i < 3; i++) {
		acpi_begin(&m, "DMAR");
		at = drhd_begin(&m, 0, 0, 0);
		scope(&m, IG_DMAR_SCOPE_ENDPOINT, 0, 1, 2, 0);
		struct_end(&m, at);
		acpi_end(&m);
		m.b[at + 17] = i == 0 ? 4 : i == 1 ? 7 : 10;
		assert_int_equal(parse_dmar(&m, &o), -EINVAL);
	}
	/* a scope with an odd number of path bytes that fits its DRHD */
	acpi_begin(&m, "DMAR");
	at = drhd_begin(&m, 0, 0, 0);
	put(&m, 1, 1);
	put(&m, 7, 1);
	put(&m, 0, 4);
	put(&m, 2, 1);
	struct_end(&m, at);
	acpi_end(&m);
	assert_int_equal(parse_dmar(&m, &o), -EINVAL);
	/* a scope with a zero length inside a DRHD cannot loop either */
	acpi_begin(&m, "DMAR");
	at = drhd_begin(&m, 0, 0, 0);
	put(&m, 1, 1);
	put(&m, 0, 1);
	put(&m, 0, 4);
	struct_end(&m, at);
	acpi_end(&m);
	assert_int_equal(parse_dmar(&m, &o), -EINVAL);
	/* more path entries than IG_DMAR_MAX_PATH */
	acpi_begin(&m, "DMAR");
	at = drhd_begin(&m, 0, 0, 0);
	put(&m, 1, 1);
	put(&m, 6 + 2 * (IG_DMAR_MAX_PATH + 1), 1);
	put(&m, 0, 4);
	put(&m, 0, 2 * (IG_DMAR_MAX_PATH + 1));
	struct_end(&m, at);
	acpi_end(&m);
	assert_int_equal(parse_dmar(&m, &o), -EINVAL);
	/* an ANDD too short */
	acpi_begin(&m, "DMAR");
	put(&m, 4, 2);
	put(&m, 6, 2);
	put(&m, 0, 2);
	acpi_end(&m);
	assert_int_equal(parse_dmar(&m, &o), -EINVAL);
	/* NULL arguments */
	assert_int_equal(ig_dmar_parse(t.b, t.n, NULL), -EINVAL);
	assert_int_equal(ig_dmar_parse(NULL, t.n, &o.d), -EINVAL);
	/* every byte set to 00 and ff: no crash, no read past */
	for (i = 0; i < t.n; i++) {
		uint8_t *c = malloc(t.n);

		memcpy(c, t.b, t.n);
		c[i] = 0xff;
		memset(&o.d, 0, sizeof(o.d));
		o.d.units = o.u;
		o.d.units_max = 16;
		o.d.scopes = o.s;
		o.d.scopes_max = 64;
		(void)ig_dmar_parse(c, t.n, &o.d);
		c[i] = 0;
		(void)ig_dmar_parse(c, t.n, &o.d);
		free(c);
	}
}

/* a Tiger Lake-like laptop: 00:00.0 host bridge, 00:02.0 GPU, 00:07.0 and
 * 00:07.2 Thunderbolt root ports (20:00.0 below 00:07.0), 00:14.0 xHCI,
 * 00:1c.0 root port with 01:00.0 NVMe */
static struct tb *tiger_lake(void)
{
	struct tb *t = tb_new();
	uint32_t r;

	tb_add(t, "00:00.0", TB_NONE, 0x8086, 0x9a14, 0x060000, 0, IG_PT_NOT_PCIE);
	tb_add(t, "00:02.0", TB_NONE, 0x8086, 0x9a49, 0x030000, 0, IG_PT_NOT_PCIE);
	r = tb_rp(t, "00:07.0", 1);
	tb_mf(t, r);
	tb_set(t, r, 0x19, 1, 0x20);
	tb_set(t, r, 0x1a, 1, 0x20);
	r = tb_rp(t, "00:07.2", 1);
	tb_mf(t, r);
	tb_set(t, r, 0x19, 1, 0x21);
	tb_set(t, r, 0x1a, 1, 0x21);
	tb_add(t, "00:14.0", TB_NONE, 0x8086, 0xa0ed, 0x0c0330, 0, IG_PT_NOT_PCIE);
	r = tb_rp(t, "00:1c.0", 1);
	tb_set(t, r, 0x19, 1, 1);
	tb_set(t, r, 0x1a, 1, 1);
	tb_ep(t, "01:00.0", r);
	tb_ep(t, "20:00.0", tb_idx(t, "00:07.0"));
	return t;
}

static void tiger_lake_units(struct tb *t, uint32_t *nact)
{
	struct tbuf tt;
	struct dmar_out o;
	uint32_t sd[64], unit[TB_MAX], i;

	tiger_lake_dmar(&tt);
	assert_int_equal(parse_dmar(&tt, &o), 0);
	assert_int_equal(ig_dmar_assign(&o.d, t->devs, t->n, sd, unit, nact),
			 0);
	for (i = 0; i < t->n; i++) {
		assert_true(unit[i] != IG_NONE);
		t->devs[i].iommu_unit = unit[i];
	}
}

static void test_dmar_units_tiger_lake(void **state)
{
	struct tb *t = tiger_lake();
	uint32_t nact = 0;

	(void)state;
	tiger_lake_units(t, &nact);
	assert_int_equal(nact, 4);
	/* list order: scoped units in reverse table order (07.2, 07.0,
	 * 02.0), then the include-all unit */
	assert_int_equal(t->devs[tb_idx(t, "00:07.2")].iommu_unit, 0);
	assert_int_equal(t->devs[tb_idx(t, "00:07.0")].iommu_unit, 1);
	assert_int_equal(t->devs[tb_idx(t, "20:00.0")].iommu_unit, 1);
	assert_int_equal(t->devs[tb_idx(t, "00:02.0")].iommu_unit, 2);
	assert_int_equal(t->devs[tb_idx(t, "00:00.0")].iommu_unit, 3);
	assert_int_equal(t->devs[tb_idx(t, "01:00.0")].iommu_unit, 3);
	/* 6.12: unit by unit, as on the real laptop (6.8): 00:07.2 -> 0,
	 * 00:07.0 -> 1, 00:02.0 after the Thunderbolt units, 00:00.0 after */
	t->opts.kernel = IG_KVER(6, 12, 0);
	assert_int_equal(tb_run(t), 0);
	assert_int_equal(tb_group(t, "00:07.2"), 0);
	assert_int_equal(tb_group(t, "00:07.0"), 1);
	assert_int_equal(tb_group(t, "20:00.0"), 2);
	assert_int_equal(tb_group(t, "00:02.0"), 3);
	assert_int_equal(tb_group(t, "00:00.0"), 4);
	assert_int_equal(tb_group(t, "00:14.0"), 5);
	assert_int_equal(tb_group(t, "00:1c.0"), 6);
	assert_int_equal(tb_group(t, "01:00.0"), 7);
	assert_int_equal(ig_probe_order(t->ctx, 0), tb_idx(t, "00:07.2"));
	tb_free(t);
}

static void test_dmar_units_6_1(void **state)
{
	struct tb *t = tiger_lake();

	(void)state;
	tiger_lake_units(t, NULL);
	/* 6.1: bus_set_iommu() after every unit registered: list order */
	t->opts.kernel = IG_KVER(6, 1, 0);
	assert_int_equal(tb_run(t), 0);
	assert_int_equal(tb_group(t, "00:00.0"), 0);
	assert_int_equal(tb_group(t, "00:02.0"), 1);
	assert_int_equal(tb_group(t, "00:07.0"), 2);
	assert_int_equal(tb_group(t, "00:07.2"), 3);
	assert_int_equal(tb_group(t, "20:00.0"), 6);
	assert_int_equal(tb_group(t, "01:00.0"), 7);
	tb_free(t);
}

/* a unit without include-all covers only its scope; the rest is rejected;
 * a unit whose scope names no present device does not register */
static void test_dmar_coverage(void **state)
{
	struct tb *t = tiger_lake();
	struct tbuf tt;
	struct dmar_out o;
	uint32_t sd[64], unit[TB_MAX], nact, at, i;

	(void)state;
	acpi_begin(&tt, "DMAR");
	at = drhd_begin(&tt, 0, 0, 0x1000);
	scope(&tt, IG_DMAR_SCOPE_ENDPOINT, 0, 1, 0x1f, 0); /* absent */
	struct_end(&tt, at);
	at = drhd_begin(&tt, 0, 0, 0x2000);
	scope(&tt, IG_DMAR_SCOPE_BRIDGE, 0, 1, 0x1c, 0);
	scope(&tt, IG_DMAR_SCOPE_ENDPOINT, 0, 1, 0x02, 0);
	struct_end(&tt, at);
	at = drhd_begin(&tt, IG_DMAR_INCLUDE_PCI_ALL, 1, 0x3000); /* seg 1 */
	struct_end(&tt, at);
	acpi_end(&tt);
	assert_int_equal(parse_dmar(&tt, &o), 0);
	assert_int_equal(ig_dmar_assign(&o.d, t->devs, t->n, sd, unit, &nact),
			 0);
	assert_int_equal(nact, 2); /* the unit of 00:1f.0 is ignored */
	assert_int_equal(sd[0], IG_NONE);
	assert_int_equal(sd[1], tb_idx(t, "00:1c.0"));
	assert_int_equal(unit[tb_idx(t, "00:1c.0")], 0);
	assert_int_equal(unit[tb_idx(t, "01:00.0")], 0);
	assert_int_equal(unit[tb_idx(t, "00:02.0")], 0);
	assert_int_equal(unit[tb_idx(t, "00:00.0")], IG_NONE);
	assert_int_equal(unit[tb_idx(t, "20:00.0")], IG_NONE);
	for (i = 0; i < t->n; i++)
		if (unit[i] == IG_NONE)
			t->devs[i].flags |= IG_DEV_IOMMU_REJECT;
	t->opts.kernel = IG_KVER(6, 12, 0);
	assert_int_equal(tb_run(t), 0);
	assert_int_equal(tb_group(t, "00:00.0"), -ENOENT);
	assert_int_equal(tb_group(t, "00:02.0"), 0);
	assert_int_equal(tb_group(t, "00:1c.0"), 1);
	assert_int_equal(tb_group(t, "01:00.0"), 2);
	tb_free(t);
}

/* ------------------------------------------------------------------ */
/* probe order */

static void test_probe_order_explicit(void **state)
{
	struct tb *t = tiger_lake();
	uint32_t po[3];

	(void)state;
	po[0] = tb_idx(t, "00:14.0");
	po[1] = tb_idx(t, "01:00.0");
	po[2] = tb_idx(t, "00:02.0");
	t->opts.probe_order = po;
	t->opts.nprobe_order = 3;
	t->devs[tb_idx(t, "00:02.0")].iommu_unit = 5; /* replaced */
	assert_int_equal(tb_run(t), 0);
	assert_int_equal(tb_group(t, "00:14.0"), 0);
	/* 01:00.0 before its root port: a new group, and the port (ACS)
	 * gets its own after */
	assert_int_equal(tb_group(t, "01:00.0"), 1);
	assert_int_equal(tb_group(t, "00:02.0"), 2);
	assert_int_equal(tb_group(t, "00:00.0"), 3);
	assert_int_equal(ig_probe_order(t->ctx, 3), tb_idx(t, "00:00.0"));
	tb_free(t);
}

static void test_probe_order_invalid(void **state)
{
	struct tb *t;
	uint32_t po[2];

	(void)state;
	t = tiger_lake();
	po[0] = po[1] = tb_idx(t, "00:14.0");
	t->opts.probe_order = po;
	t->opts.nprobe_order = 2;
	assert_int_equal(tb_run(t), -EINVAL); /* repeated */
	tb_free(t);
	t = tiger_lake();
	po[0] = t->n;
	t->opts.probe_order = po;
	t->opts.nprobe_order = 1;
	assert_int_equal(tb_run(t), -EINVAL); /* out of range */
	tb_free(t);
	t = tiger_lake();
	po[0] = tb_idx(t, "20:00.0");
	t->devs[po[0]].hotplug_seq = 1;
	t->opts.probe_order = po;
	t->opts.nprobe_order = 1;
	assert_int_equal(tb_run(t), -EINVAL); /* not present at boot */
	tb_free(t);
	t = tiger_lake();
	t->opts.probe_order = NULL;
	t->opts.nprobe_order = 1;
	assert_int_equal(tb_run(t), -EINVAL);
	tb_free(t);
}

/* ------------------------------------------------------------------ */
/* IVRS */

static uint32_t ivhd_begin(struct tbuf *t, uint8_t type, uint16_t devid,
			   uint16_t seg)
{
	uint32_t at = t->n;

	put(t, type, 1);
	put(t, 0xb0, 1);
	put(t, 0, 2);
	put(t, devid, 2);
	put(t, 0x40, 2);
	put(t, 0xfeb80000, 4);
	put(t, 0, 4);
	put(t, seg, 2);
	put(t, 0, 2);
	put(t, 0, 4);
	if (type != 0x10)
		put(t, 0, 16);
	return at;
}

static void e4(struct tbuf *t, uint8_t type, uint16_t devid)
{
	put(t, type, 1);
	put(t, devid, 2);
	put(t, 0, 1);
}

static void e8(struct tbuf *t, uint8_t type, uint16_t devid, uint8_t b4,
	       uint16_t d5, uint8_t b7)
{
	put(t, type, 1);
	put(t, devid, 2);
	put(t, 0, 1);
	put(t, b4, 1);
	put(t, d5, 2);
	put(t, b7, 1);
}

static void hid(struct tbuf *t, uint16_t devid, const char *h, const char *uid)
{
	uint32_t i;

	put(t, 0xf0, 1);
	put(t, devid, 2);
	put(t, 0, 1);
	for (i = 0; i < 8; i++)
		put(t, i < strlen(h) ? (uint8_t)h[i] : 0, 1);
	for (i = 0; i < 8; i++)
		put(t, 0, 1);
	put(t, 2, 1);
	put(t, strlen(uid), 1);
	for (i = 0; i < strlen(uid); i++)
		put(t, (uint8_t)uid[i], 1);
}

/* 00:00.0 root complex (not covered), 00:00.2 the IOMMU, 00:01.0..00:01.2
 * bridges, 00:14.0/00:14.3, 01:00.0/01:00.1 (alias select to 01:00.3),
 * 02:00.0 (alias range to 03:00.0, another bus: dropped) */
static void amd_ivrs(struct tbuf *t)
{
	uint32_t at;

	acpi_begin(t, "IVRS");
	put_at(t, 36, 0x00203041, 4);
	/* type 10h: the kernel uses the last type of the first IOMMU */
	at = ivhd_begin(t, 0x10, 0x0002, 0);
	e4(t, 0x01, 0); /* all */
	struct_end(t, at);
	/* an IVMD block in between */
	at = t->n;
	put(t, 0x21, 1);
	put(t, 0, 1);
	put(t, 32, 2);
	put(t, 0, 28);
	/* type 11h, same IOMMU: this one is used */
	at = ivhd_begin(t, 0x11, 0x0002, 0);
	e4(t, 0x00, 0);    /* padding */
	e4(t, 0x03, 0x0008);      /* range 00:01.0 .. 00:01.2 */
	e4(t, 0x04, 0x000a);
	e4(t, 0x02, 0x00a0);      /* select 00:14.0 */
	e4(t, 0x02, 0x00a3);      /* 00:14.3 */
	e4(t, 0x05, 0x00ff);      /* unknown 4-byte type: stepped over */
	e8(t, 0x42, 0x0100, 0, 0x0103, 0); /* alias 01:00.0 -> 01:00.3 */
	e4(t, 0x02, 0x0101);
	e8(t, 0x43, 0x0200, 0, 0x0300, 0); /* alias range 02:00.0-1 -> 03:00.0 */
	e4(t, 0x04, 0x0201);
	e8(t, 0x45, 0x0400, 0, 0, 0); /* unknown 8-byte type */
	e8(t, 0x46, 0x0300, 0, 0, 0); /* extended select 03:00.0 */
	e8(t, 0x48, 0, 0x21, 0x00a0, 1); /* IOAPIC 0x21 at 00:14.0 */
	e4(t, 0x04, 0x0500); /* an end without a start: dropped */
	hid(t, 0x00a5, "AMDI0020", "ID00");
	hid(t, 0x00a5, "AMDI0020", "ID01");
	hid(t, 0x00a6, "MSFT0201", "1");
	e4(t, 0x02, 0x0002); /* the IOMMU itself, as QEMU lists it */
	struct_end(t, at);
	acpi_end(t);
}

struct ivrs_out {
	struct ig_ivrs v;
	struct ig_ivhd h[8];
	struct ig_ivrs_entry e[64];
};

static int parse_ivrs(const struct tbuf *t, struct ivrs_out *o)
{
	memset(o, 0xa5, sizeof(*o));
	memset(&o->v, 0, sizeof(o->v));
	o->v.ivhd = o->h;
	o->v.ivhd_max = 8;
	o->v.entries = o->e;
	o->v.entries_max = 64;
	return ig_ivrs_parse(t->b, t->n, &o->v);
}

static void test_ivrs_parse(void **state)
{
	struct tbuf t;
	struct ivrs_out o;
	const struct ig_ivrs_entry *e;

	(void)state;
	amd_ivrs(&t);
	assert_int_equal(parse_ivrs(&t, &o), 0);
	assert_int_equal(o.v.ivinfo, 0x00203041);
	assert_int_equal(o.v.nivhd, 2);
	assert_int_equal(o.v.nother, 1);
	assert_int_equal(o.h[0].type, 0x10);
	assert_int_equal(o.h[0].nentries, 1);
	assert_int_equal(o.h[1].type, 0x11);
	assert_int_equal(o.h[1].devid, 2);
	assert_int_equal(ig_ivrs_target_type(&o.v), 0x11);
	assert_int_equal(o.h[1].nentries, 12);
	e = &o.e[o.h[1].first_entry];
	assert_int_equal(e[0].kind, IG_IVRS_RANGE);
	assert_int_equal(e[0].first, 0x08);
	assert_int_equal(e[0].last, 0x0a);
	assert_int_equal(e[1].kind, IG_IVRS_SELECT);
	assert_int_equal(e[3].kind, IG_IVRS_ALIAS);
	assert_int_equal(e[3].first, 0x100);
	assert_int_equal(e[3].last, 0x100);
	assert_int_equal(e[3].alias, 0x103);
	assert_int_equal(e[5].kind, IG_IVRS_ALIAS);
	assert_int_equal(e[5].type, 0x43);
	assert_int_equal(e[5].first, 0x200);
	assert_int_equal(e[5].last, 0x201);
	assert_int_equal(e[5].alias, 0x300);
	assert_int_equal(e[6].kind, IG_IVRS_SELECT);
	assert_int_equal(e[6].type, 0x46);
	assert_int_equal(e[7].kind, IG_IVRS_SPECIAL);
	assert_int_equal(e[7].handle, 0x21);
	assert_int_equal(e[7].variety, 1);
	assert_int_equal(e[7].first, 0xa0);
	assert_int_equal(e[8].kind, IG_IVRS_HID);
	assert_string_equal(e[8].hid, "AMDI0020");
	assert_string_equal(e[8].uid, "ID00");
	assert_int_equal(e[8].first, 0xa5);
	assert_string_equal(e[9].uid, "ID01");
	/* two devids among three HID entries: two groups */
	assert_int_equal(ig_ivrs_hid_groups(&o.v), 3 - 1);
}

static void test_ivrs_malformed(void **state)
{
	struct tbuf t, m;
	struct ivrs_out o;
	uint32_t l, i, at;

	(void)state;
	amd_ivrs(&t);
	m = t;
	m.b[3] = 'x';
	assert_int_equal(parse_ivrs(&m, &o), -EINVAL);
	for (l = 0; l < t.n; l++) {
		uint8_t *c = malloc(l ? l : 1);

		memcpy(c, t.b, l);
		memset(&o.v, 0, sizeof(o.v));
		o.v.ivhd = o.h;
		o.v.ivhd_max = 8;
		o.v.entries = o.e;
		o.v.entries_max = 64;
		assert_int_equal(ig_ivrs_parse(c, l, &o.v), -EINVAL);
		free(c);
	}
	/* a HID entry whose UID runs past its block */
	acpi_begin(&m, "IVRS");
	at = ivhd_begin(&m, 0x40, 2, 0);
	hid(&m, 0xa5, "AMDI0020", "ID00");
	struct_end(&m, at);
	acpi_end(&m);
	assert_int_equal(parse_ivrs(&m, &o), 0);
	m.b[at + 40 + 21] = 200;
	assert_int_equal(parse_ivrs(&m, &o), -EINVAL);
	/* an entry type the kernel cannot step over */
	acpi_begin(&m, "IVRS");
	at = ivhd_begin(&m, 0x40, 2, 0);
	e4(&m, 0x80, 0);
	struct_end(&m, at);
	acpi_end(&m);
	assert_int_equal(parse_ivrs(&m, &o), -EINVAL);
	/* an 8-byte entry cut by its block */
	acpi_begin(&m, "IVRS");
	at = ivhd_begin(&m, 0x10, 2, 0);
	e4(&m, 0x42, 0);
	struct_end(&m, at);
	acpi_end(&m);
	assert_int_equal(parse_ivrs(&m, &o), -EINVAL);
	/* a block shorter than its header, and a zero-length block */
	acpi_begin(&m, "IVRS");
	at = ivhd_begin(&m, 0x11, 2, 0);
	struct_end(&m, at);
	acpi_end(&m);
	put_at(&m, at + 2, 24, 2);
	assert_int_equal(parse_ivrs(&m, &o), -EINVAL);
	put_at(&m, at + 2, 0, 2);
	assert_int_equal(parse_ivrs(&m, &o), -EINVAL);
	/* too small arrays: the room needed */
	memset(&o.v, 0, sizeof(o.v));
	assert_int_equal(ig_ivrs_parse(t.b, t.n, &o.v), -ENOSPC);
	assert_int_equal(o.v.nivhd, 2);
	assert_int_equal(o.v.nentries, 13);
	assert_int_equal(ig_ivrs_parse(NULL, t.n, &o.v), -EINVAL);
	for (i = 0; i < t.n; i++) {
		uint8_t *c = malloc(t.n);

		memcpy(c, t.b, t.n);
		c[i] ^= 0xff;
		memset(&o.v, 0, sizeof(o.v));
		o.v.ivhd = o.h;
		o.v.ivhd_max = 8;
		o.v.entries = o.e;
		o.v.entries_max = 64;
		(void)ig_ivrs_parse(c, t.n, &o.v);
		free(c);
	}
}

static struct tb *amd_host(void)
{
	struct tb *t = tb_new();
	uint32_t r;

	tb_add(t, "00:00.0", TB_NONE, 0x1022, 0x1480, 0x060000, 0, IG_PT_NOT_PCIE);
	tb_add(t, "00:00.2", TB_NONE, 0x1022, 0x1481, 0x080600, 0, IG_PT_RC_END);
	r = tb_rp(t, "00:01.0", 1);
	tb_set(t, r, 0x19, 1, 1);
	tb_set(t, r, 0x1a, 1, 1);
	tb_ep(t, "01:00.0", r);
	tb_mf(t, tb_idx(t, "01:00.0"));
	tb_ep(t, "01:00.1", r);
	tb_mf(t, tb_idx(t, "01:00.1"));
	tb_acs(t, tb_idx(t, "01:00.0"), 0x1f, 0x1f);
	tb_acs(t, tb_idx(t, "01:00.1"), 0x1f, 0x1f);
	tb_ep(t, "01:00.3", r);
	tb_mf(t, tb_idx(t, "01:00.3"));
	tb_acs(t, tb_idx(t, "01:00.3"), 0x1f, 0x1f);
	r = tb_rp(t, "00:01.1", 1);
	tb_set(t, r, 0x19, 1, 2);
	tb_set(t, r, 0x1a, 1, 2);
	tb_ep(t, "02:00.0", r);
	tb_rp(t, "00:01.2", 1);
	tb_add(t, "00:14.0", TB_NONE, 0x1022, 0x790b, 0x0c0500, 0, IG_PT_NOT_PCIE);
	tb_add(t, "00:18.0", TB_NONE, 0x1022, 0x1448, 0x060000, 0, IG_PT_NOT_PCIE);
	t->opts.iommu = IG_IOMMU_AMD;
	return t;
}

static void test_ivrs_assign(void **state)
{
	struct tb *t = amd_host();
	struct tbuf tt;
	struct ivrs_out o;
	struct ig_alias al[8];
	uint32_t unit[TB_MAX], nal = 99, i;

	(void)state;
	amd_ivrs(&tt);
	assert_int_equal(parse_ivrs(&tt, &o), 0);
	/* too small for the aliases: -ENOSPC, the count, units complete */
	assert_int_equal(ig_ivrs_assign(&o.v, t->devs, t->n, unit, NULL, 0,
					&nal), -ENOSPC);
	assert_int_equal(nal, 1);
	assert_int_equal(ig_ivrs_assign(&o.v, t->devs, t->n, unit, al, 8,
					&nal), 0);
	assert_int_equal(unit[tb_idx(t, "00:00.0")], IG_NONE); /* not listed */
	assert_int_equal(unit[tb_idx(t, "00:00.2")], IG_NONE); /* the IOMMU */
	assert_int_equal(unit[tb_idx(t, "00:01.0")], 0);
	assert_int_equal(unit[tb_idx(t, "00:01.2")], 0);
	assert_int_equal(unit[tb_idx(t, "00:14.0")], 0);
	assert_int_equal(unit[tb_idx(t, "01:00.0")], 0);
	assert_int_equal(unit[tb_idx(t, "01:00.3")], 0); /* an alias target */
	assert_int_equal(unit[tb_idx(t, "02:00.0")], 0);
	assert_int_equal(unit[tb_idx(t, "00:18.0")], IG_NONE);
	/* only the same-bus alias: 01:00.0 -> 01:00.3 */
	assert_int_equal(nal, 1);
	assert_int_equal(al[0].dev, tb_idx(t, "01:00.0"));
	assert_int_equal(al[0].devfn, 3);
	for (i = 0; i < t->n; i++)
		if (unit[i] == IG_NONE)
			t->devs[i].flags |= IG_DEV_IOMMU_REJECT;
	t->opts.aliases = al;
	t->opts.naliases = nal;
	t->opts.kernel = IG_KVER(6, 12, 0);
	t->opts.first_number = ig_ivrs_hid_groups(&o.v);
	assert_int_equal(tb_run(t), 0);
	/* numbers start after the two ACPI-HID groups; 00:00.0 has none */
	assert_int_equal(tb_group(t, "00:00.0"), -ENOENT);
	assert_int_equal(tb_group(t, "00:00.2"), -ENOENT);
	assert_int_equal(tb_group(t, "00:01.0"), 2);
	assert_int_equal(tb_group(t, "00:01.1"), 3);
	/* the IVRS alias puts 01:00.0 and 01:00.3 together, 01:00.1 alone */
	assert_true(tb_same(t, "01:00.0", "01:00.3", NULL));
	assert_false(tb_same(t, "01:00.0", "01:00.1", NULL));
	tb_free(t);
}

/* ------------------------------------------------------------------ */
/* the tables QEMU built for the captured fixtures */

static uint8_t *fixture_table(const char *fixture, const char *name,
			      size_t *len)
{
	char path[2048], dir[512];
	const char *slash;
	uint8_t *buf;
	FILE *f;

	/* tests/test_acpi.c -> the source tree's fixtures */
	slash = strrchr(__FILE__, '/');
	snprintf(dir, sizeof(dir), "%.*s", slash ? (int)(slash - __FILE__) : 1,
		 slash ? __FILE__ : ".");
	snprintf(path, sizeof(path),
		 "%s/../fixtures/sysfs-snapshots/%s/sys/firmware/acpi/tables/%s",
		 dir, fixture, name);
	f = fopen(path, "rb");
	if (!f) {
		fprintf(stderr, "%s: missing\n", path);
		return NULL;
	}
	buf = malloc(65536);
	*len = fread(buf, 1, 65536, f);
	fclose(f);
	return buf;
}

static void test_qemu_dmar(void **state)
{
	struct dmar_out o;
	uint8_t *b;
	size_t len = 0;
	uint32_t i, neps = 0;

	(void)state;
	b = fixture_table("rp-acs-mix-6.12", "DMAR", &len);
	assert_non_null(b);
	memset(&o.d, 0, sizeof(o.d));
	o.d.units = o.u;
	o.d.units_max = 16;
	o.d.scopes = o.s;
	o.d.scopes_max = 64;
	assert_int_equal(ig_dmar_parse(b, len, &o.d), 0);
	/* QEMU 7.2's intel-iommu: one unit on segment 0 without
	 * INCLUDE_PCI_ALL, listing the IOAPIC and every root-bus function */
	assert_int_equal(o.d.nunits, 1);
	assert_int_equal(o.u[0].segment, 0);
	assert_int_equal(o.u[0].flags & IG_DMAR_INCLUDE_PCI_ALL, 0);
	assert_int_equal(o.s[0].type, IG_DMAR_SCOPE_IOAPIC);
	for (i = 0; i < o.d.nscopes; i++)
		if (o.s[i].type == IG_DMAR_SCOPE_ENDPOINT ||
		    o.s[i].type == IG_DMAR_SCOPE_BRIDGE)
			neps++;
	assert_true(neps >= 4);
	free(b);
}

static void test_qemu_ivrs(void **state)
{
	struct ig_ivrs v;
	struct ig_ivhd h[8];
	struct ig_ivrs_entry e[256];
	uint8_t *b;
	size_t len = 0;

	(void)state;
	b = fixture_table("amd-rp-acs-mix-6.12", "IVRS", &len);
	assert_non_null(b);
	memset(&v, 0, sizeof(v));
	v.ivhd = h;
	v.ivhd_max = 8;
	v.entries = e;
	v.entries_max = 256;
	assert_int_equal(ig_ivrs_parse(b, len, &v), 0);
	assert_true(v.nivhd >= 1);
	assert_true(v.nentries >= 1);
	assert_int_not_equal(ig_ivrs_target_type(&v), 0);
	free(b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_dmar_parse),
		cmocka_unit_test(test_dmar_scope_path),
		cmocka_unit_test(test_dmar_enospc),
		cmocka_unit_test(test_dmar_malformed),
		cmocka_unit_test(test_dmar_units_tiger_lake),
		cmocka_unit_test(test_dmar_units_6_1),
		cmocka_unit_test(test_dmar_coverage),
		cmocka_unit_test(test_probe_order_explicit),
		cmocka_unit_test(test_probe_order_invalid),
		cmocka_unit_test(test_ivrs_parse),
		cmocka_unit_test(test_ivrs_malformed),
		cmocka_unit_test(test_ivrs_assign),
		cmocka_unit_test(test_qemu_dmar),
		cmocka_unit_test(test_qemu_ivrs),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
