// SPDX-License-Identifier: GPL-2.0-only OR MIT
/*
 * test_collision.c - lib/collision.c: link names inside a group ("name",
 * then "name.0", "name.1", ... in join order), group names.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>
#include "tb.h"

static void name_of(struct tb *t, const char *bdf, const char *want)
{
	char buf[64];
	int n = ig_dev_link_name(t->ctx, tb_idx(t, bdf), buf, sizeof(buf));

	assert_true(n > 0);
	assert_string_equal(buf, want);
	assert_int_equal(n, (int)strlen(want));
}

static void test_pci_names(void **state)
{
	struct tb *t = tb_new();
	uint32_t r;
	char small[8];

	(void)state;
	r = tb_rp(t, "00:1c.0", 0);
	tb_ep(t, "10000:01:00.0", r);
	assert_int_equal(tb_run(t), 0);
	name_of(t, "00:1c.0", "0000:00:1c.0");
	name_of(t, "10000:01:00.0", "10000:01:00.0");
	assert_int_equal(ig_dev_link_name(t->ctx, r, small, sizeof(small)),
			 -ENOSPC);
	tb_free(t);
}

/* the kernel's retry: name, name.0, name.1; a literal "x.0" clashes too */
static void test_clashes(void **state)
{
	struct tb *t = tb_new();
	uint32_t r, a, b, c, d;

	(void)state;
	r = tb_rp(t, "00:1c.0", 0);
	a = tb_ep(t, "01:00.0", r);
	b = tb_ep(t, "01:01.0", r);
	c = tb_ep(t, "01:02.0", r);
	d = tb_ep(t, "01:03.0", r);
	t->devs[a].name = "x";
	t->devs[b].name = "x";
	t->devs[c].name = "x.0";
	t->devs[d].name = "x";
	assert_int_equal(tb_run(t), 0);
	name_of(t, "01:00.0", "x");
	name_of(t, "01:01.0", "x.0");
	name_of(t, "01:02.0", "x.0.0");
	name_of(t, "01:03.0", "x.1");
	/* the same name in another group does not clash */
	tb_free(t);
	t = tb_new();
	r = tb_rp(t, "00:01.0", 1);
	a = tb_ep(t, "01:00.0", r);
	b = tb_rp(t, "00:02.0", 1);
	c = tb_ep(t, "02:00.0", b);
	t->devs[a].name = "y";
	t->devs[c].name = "y";
	assert_int_equal(tb_run(t), 0);
	name_of(t, "01:00.0", "y");
	name_of(t, "02:00.0", "y");
	tb_free(t);
}

/* a removed link frees its name for the next device */
static void test_remove_frees_name(void **state)
{
	struct tb *t = tb_new();
	uint32_t r, a, b, c;

	(void)state;
	r = tb_rp(t, "00:1c.0", 0);
	a = tb_ep(t, "01:00.0", r);
	b = tb_ep(t, "01:01.0", r);
	c = tb_ep(t, "01:02.0", r);
	t->devs[a].name = "z";
	t->devs[b].name = "z";
	t->devs[c].name = "z";
	t->devs[c].flags |= IG_DEV_NOT_PRESENT;
	assert_int_equal(tb_run(t), 0);
	name_of(t, "01:01.0", "z.0");
	assert_int_equal(ig_hot_remove(t->ctx, a), 0);
	assert_int_equal(ig_hot_add(t->ctx, c), 0);
	name_of(t, "01:02.0", "z");
	/* many add/remove cycles keep working (tombstones are cleared) */
	{
		int i;

		for (i = 0; i < 1000; i++) {
			assert_int_equal(ig_hot_remove(t->ctx, c), 0);
			assert_int_equal(ig_hot_add(t->ctx, c), 0);
		}
	}
	name_of(t, "01:02.0", "z");
	tb_free(t);
}

static void test_group_names(void **state)
{
	struct tb *t = tb_new();

	(void)state;
	tb_rp(t, "00:01.0", 1);
	assert_int_equal(tb_run(t), 0);
	assert_null(ig_group_name(t->ctx, 0));
	assert_int_equal(ig_group_set_name(t->ctx, 0, "vfio-noiommu"), 0);
	assert_string_equal(ig_group_name(t->ctx, 0), "vfio-noiommu");
	assert_int_equal(ig_group_set_name(t->ctx, 5, "x"), -ENOENT);
	tb_free(t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_pci_names),
		cmocka_unit_test(test_clashes),
		cmocka_unit_test(test_remove_frees_name),
		cmocka_unit_test(test_group_names),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
