// SPDX-License-Identifier: GPL-2.0-only
/*
 * iommugroup_check.c - check the iommugroup core against the running
 * kernel's own IOMMU groups.
 *
 * At load the module snapshots every PCI function (ig_kprovider.c), asks the
 * core (the lib/ files, compiled unchanged) which groups this kernel version and
 * command line make, and compares the answer with iommu_group_get() for
 * every device: the partition and the group numbers.  It prints one summary
 * line
 *	iommugroup: checked N devices in G groups: M mismatches
 * and one line per mismatching device.  The same report, recomputed on
 * every read, is in /sys/kernel/debug/iommugroup/check, and the predicted
 * groups with the reason of each member in .../predicted.
 *
 * Read-only: config space is read through the kernel's accessors, nothing is
 * written anywhere.  All work runs in process context (module init, debugfs
 * read), allocations are vmalloc/kmalloc with GFP_KERNEL, and the size is
 * bounded by IGK_MAX_DEVS.  With the IOMMU off no device has a group; then
 * only the prediction is reported.
 */
#define pr_fmt(fmt) "iommugroup: " fmt

#include <linux/module.h>
#include <linux/kernel.h>
#include <linux/version.h>
#include <linux/debugfs.h>
#include <linux/seq_file.h>
#include <linux/vmalloc.h>
#include <linux/slab.h>
#include <linux/sort.h>
#include <linux/fs.h>
#include <linux/mutex.h>
#include <linux/string.h>
#include <linux/err.h>

#include "ig_kprovider.h"

#define IGK_KERNEL \
	IG_KVER(LINUX_VERSION_MAJOR, LINUX_VERSION_PATCHLEVEL, \
		LINUX_VERSION_SUBLEVEL)
/* mismatch lines printed to the kernel log at load (debugfs shows all) */
#define IGK_LOG_MAX 128
#define IGK_CMDLINE_MAX 4096

static char *cmdline;
module_param(cmdline, charp, 0444);
MODULE_PARM_DESC(cmdline,
		 "command line to predict for (default: read /proc/cmdline)");

static char *iommu;
module_param(iommu, charp, 0444);
MODULE_PARM_DESC(iommu,
		 "intel, amd or other (default: from the ACPI DMAR/IVRS table)");

static DEFINE_MUTEX(igk_mutex);
static struct dentry *igk_dir;

/* Where report lines go: the kernel log (m == NULL) or a seq_file. */
struct igk_out {
	struct seq_file *m;
	u32 lines;
};

static __printf(2, 3) void igk_emit(struct igk_out *o, const char *fmt, ...)
{
	struct va_format vaf;
	va_list args;

	va_start(args, fmt);
	if (o->m) {
		seq_puts(o->m, "iommugroup: ");
		seq_vprintf(o->m, fmt, args);
		seq_putc(o->m, '\n');
	} else {
		vaf.fmt = fmt;
		vaf.va = &args;
		pr_info("%pV\n", &vaf);
	}
	va_end(args);
	o->lines++;
}

/* One run: snapshot, prediction, comparison. */
struct igk_check {
	struct igk_snap snap;
	struct ig_opts opts;
	struct ig_ctx *ctx;
	struct ig_result res;
	void *ws;
	s64 *pgroup; /* predicted group number, -1 for none */
	u32 *prep; /* first device of the same predicted group, or IG_NONE */
	u32 *krep; /* first device of the same kernel group, or IG_NONE */
	u32 npgroups, nkgroups;
	char *cmdline;
	const char *cmdline_src;
	const char *iommu_how;
	const char *err_what;
	int err;
};

struct igk_key {
	s64 key;
	u32 idx;
};

static int igk_key_cmp(const void *a, const void *b)
{
	const struct igk_key *x = a, *y = b;

	if (x->key != y->key)
		return x->key < y->key ? -1 : 1;
	if (x->idx != y->idx)
		return x->idx < y->idx ? -1 : 1;
	return 0;
}

/* rep[i] = the lowest index with the same group as i (IG_NONE if i has no
 * group); returns the number of distinct groups.  Two partitions are equal
 * exactly where the two rep arrays agree. */
static u32 igk_classes(const s64 *g, u32 n, u32 *rep, struct igk_key *tmp)
{
	u32 i, first = 0, count = 0;

	for (i = 0; i < n; i++) {
		tmp[i].key = g[i];
		tmp[i].idx = i;
	}
	sort(tmp, n, sizeof(*tmp), igk_key_cmp, NULL);
	for (i = 0; i < n; i++) {
		if (tmp[i].key < 0) {
			rep[tmp[i].idx] = IG_NONE;
			continue;
		}
		if (i == 0 || tmp[i].key != tmp[i - 1].key) {
			first = tmp[i].idx;
			count++;
		}
		rep[tmp[i].idx] = first;
	}
	return count;
}

static char *igk_read_cmdline(const char **src)
{
	struct file *f;
	loff_t pos = 0;
	ssize_t r;
	size_t len = 0;
	char *buf;

	if (cmdline) {
		*src = "module parameter";
		return kstrdup(cmdline, GFP_KERNEL);
	}
	/* saved_command_line is not exported to modules; /proc/cmdline
	 * shows it. */
	*src = "none (/proc/cmdline not readable)";
	buf = kzalloc(IGK_CMDLINE_MAX, GFP_KERNEL);
	if (!buf)
		return NULL;
	f = filp_open("/proc/cmdline", O_RDONLY, 0);
	if (IS_ERR(f)) {
		kfree(buf);
		return NULL;
	}
	while (len < IGK_CMDLINE_MAX - 1) {
		r = kernel_read(f, buf + len, IGK_CMDLINE_MAX - 1 - len, &pos);
		if (r <= 0)
			break;
		len += r;
	}
	filp_close(f, NULL);
	buf[len] = '\0';
	while (len && (buf[len - 1] == '\n' || buf[len - 1] == ' '))
		buf[--len] = '\0';
	*src = "/proc/cmdline";
	return buf;
}

static u32 igk_iommu(const char **how)
{
	if (iommu) {
		*how = "module parameter";
		if (sysfs_streq(iommu, "intel"))
			return IG_IOMMU_INTEL;
		if (sysfs_streq(iommu, "amd"))
			return IG_IOMMU_AMD;
		return IG_IOMMU_OTHER;
	}
	return igk_detect_iommu(how);
}

static void igk_check_free(struct igk_check *c)
{
	igk_snap_free(&c->snap);
	vfree(c->ws);
	vfree(c->pgroup);
	vfree(c->prep);
	vfree(c->krep);
	kfree(c->cmdline);
}

static int igk_fail(struct igk_check *c, const char *what, int err)
{
	c->err_what = what;
	c->err = err;
	return err;
}

static int igk_check_run(struct igk_check *c)
{
	struct igk_key *tmp;
	size_t wslen;
	u32 i, n;
	int ret;

	memset(c, 0, sizeof(*c));
	c->cmdline = igk_read_cmdline(&c->cmdline_src);
	c->opts.kernel = IGK_KERNEL;
	c->opts.cmdline = c->cmdline;
	c->opts.iommu = igk_iommu(&c->iommu_how);
	c->opts.acs_source = IG_ACS_LIVE;

	ret = igk_snapshot(&c->snap);
	if (ret)
		return igk_fail(c, "snapshot", ret);
	n = c->snap.n;
	c->opts.root_order = c->snap.roots;
	c->opts.nroot_order = c->snap.nroots;

	wslen = ig_workspace_size(n, 0);
	if (!wslen)
		return igk_fail(c, "ig_workspace_size", -E2BIG);
	c->ws = vmalloc(wslen);
	c->pgroup = vcalloc(n ? n : 1, sizeof(*c->pgroup));
	c->prep = vcalloc(n ? n : 1, sizeof(*c->prep));
	c->krep = vcalloc(n ? n : 1, sizeof(*c->krep));
	if (!c->ws || !c->pgroup || !c->prep || !c->krep)
		return igk_fail(c, "allocation", -ENOMEM);

	ret = ig_init(c->ws, wslen, c->snap.devs, n, NULL, 0, &c->opts,
		      &c->ctx);
	if (ret)
		return igk_fail(c, "ig_init", ret);
	ret = ig_predict(c->ctx, &c->res);
	if (ret)
		return igk_fail(c, "ig_predict", ret);

	for (i = 0; i < n; i++) {
		s64 g = ig_dev_group(c->ctx, i);

		c->pgroup[i] = g >= 0 ? g : -1;
	}
	tmp = vcalloc(n ? n : 1, sizeof(*tmp));
	if (!tmp)
		return igk_fail(c, "allocation", -ENOMEM);
	c->npgroups = igk_classes(c->pgroup, n, c->prep, tmp);
	c->nkgroups = igk_classes(c->snap.kgroup, n, c->krep, tmp);
	vfree(tmp);
	return 0;
}

static const char *igk_name(const struct igk_check *c, u32 i, char *buf)
{
	const struct ig_dev *d;

	if (i >= c->snap.n)
		return "-";
	d = &c->snap.devs[i];
	ig_pci_name(d->domain, d->bus, d->devfn, buf);
	return buf;
}

static void igk_fmt_group(s64 g, char *buf, size_t len)
{
	if (g < 0)
		strscpy(buf, "none", len);
	else
		snprintf(buf, len, "%lld", g);
}

static void igk_header(struct igk_check *c, struct igk_out *o)
{
	igk_emit(o, "kernel %u.%u.%u, iommu %s (%s), cmdline from %s, %u VFs, %u IOMMU functions%s",
		 IG_KVER_MAJOR(c->opts.kernel), IG_KVER_MINOR(c->opts.kernel),
		 IG_KVER_SUB(c->opts.kernel),
		 c->opts.iommu == IG_IOMMU_INTEL ? "intel" :
		 c->opts.iommu == IG_IOMMU_AMD	 ? "amd" : "other",
		 c->iommu_how, c->cmdline_src, c->snap.nvf, c->snap.niommu,
		 c->snap.orphans ? ", some parents not found" : "");
}

/* The check report: the summary line, then one line per mismatch. */
static void igk_report_check(struct igk_check *c, struct igk_out *o,
			     u32 max_lines)
{
	char name[IG_NAME_MAX], pg[24], kg[24];
	u32 i, n = c->snap.n, bad = 0, shown = 0;

	if (c->err) {
		igk_emit(o, "error: %s failed: %d", c->err_what, c->err);
		return;
	}
	if (!c->nkgroups) {
		igk_emit(o,
			 "IOMMU off in this kernel (no PCI device has a group): predicted %u devices in %u groups%s, not compared",
			 n, c->npgroups,
			 (c->res.flags & IG_RES_IOMMU_OFF) ?
				 " (the library sees the IOMMU off too)" : "");
		return;
	}
	for (i = 0; i < n; i++)
		if (c->pgroup[i] != c->snap.kgroup[i] || c->prep[i] != c->krep[i])
			bad++;
	igk_emit(o, "checked %u devices in %u groups: %u mismatches", n,
		 c->nkgroups, bad);
	for (i = 0; i < n && bad; i++) {
		if (c->pgroup[i] == c->snap.kgroup[i] && c->prep[i] == c->krep[i])
			continue;
		if (shown++ == max_lines) {
			igk_emit(o, "(more mismatches: see /sys/kernel/debug/iommugroup/check)");
			break;
		}
		igk_fmt_group(c->pgroup[i], pg, sizeof(pg));
		igk_fmt_group(c->snap.kgroup[i], kg, sizeof(kg));
		igk_emit(o, "mismatch %s: predicted group %s, kernel group %s (%s)",
			 igk_name(c, i, name), pg, kg,
			 c->prep[i] != c->krep[i] ? "partition" : "number");
	}
}

static const char *const igk_join_names[] = {
	[IG_JOIN_NONE] = "none",
	[IG_JOIN_NEW] = "new",
	[IG_JOIN_DMA_ALIAS] = "dma-alias",
	[IG_JOIN_UPSTREAM] = "upstream",
	[IG_JOIN_ALIAS_GROUP] = "alias-group",
	[IG_JOIN_FUNCTION] = "function",
	[IG_JOIN_COMPANION] = "companion",
};

static const char *const igk_why_names[] = {
	[0] = "?",
	[IG_ACSW_QUIRK] = "quirk",
	[IG_ACSW_OVERRIDE] = "acs-override",
	[IG_ACSW_NOT_PCIE] = "conventional-pci",
	[IG_ACSW_BRIDGE_TYPE] = "bridge-type",
	[IG_ACSW_SINGLE_FUNCTION] = "single-function",
	[IG_ACSW_NO_CAP] = "no-acs-cap",
	[IG_ACSW_CTRL] = "acs-ctrl",
	[IG_ACSW_OTHER_TYPE] = "other-type",
	[IG_ACSW_UNKNOWN] = "unknown",
};

struct igk_walk {
	struct igk_check *c;
	struct igk_out *o;
};

static void igk_member(struct igk_check *c, struct igk_out *o, u32 i)
{
	char name[IG_NAME_MAX], rel[IG_NAME_MAX], via[IG_NAME_MAX];
	char blk[IG_NAME_MAX + 48], kg[24], ids[80];
	struct ig_acs_info a;
	struct ig_reason r;

	if (ig_dev_reason(c->ctx, i, &r))
		return;
	blk[0] = '\0';
	if (r.blocker != IG_NONE && !ig_dev_acs(c->ctx, r.blocker, &a))
		snprintf(blk, sizeof(blk), " blocker %s (%s, missing %#x)",
			 igk_name(c, r.blocker, via),
			 a.why < ARRAY_SIZE(igk_why_names) ?
				 igk_why_names[a.why] : "?",
			 a.acs_missing);
	igk_fmt_group(c->snap.kgroup[i], kg, sizeof(kg));
	if (!ig_dev_acs(c->ctx, i, &a))
		snprintf(ids, sizeof(ids), " [%04x:%04x class %06x type %#x acs %s%s]",
			 a.vendor, a.device, a.class, a.port_type,
			 a.enabled ? "isolated" : "not-isolated",
			 a.dead ? ", config reads ones" : "");
	else
		ids[0] = '\0';
	igk_emit(o, "  %s %s%s%s%s%s%s [kernel group %s]%s",
		 igk_name(c, i, name),
		 r.join < ARRAY_SIZE(igk_join_names) ? igk_join_names[r.join] :
						       "?",
		 r.related != IG_NONE ? " of " : "",
		 r.related != IG_NONE ? igk_name(c, r.related, rel) : "",
		 r.via != IG_NONE ? " via " : "",
		 r.via != IG_NONE ? igk_name(c, r.via, via) : "", blk, kg, ids);
	if (r.uncertain)
		igk_emit(o, "    (uncertain: depends on unreadable config space)");
}

static int igk_member_cb(u32 dev, void *data)
{
	struct igk_walk *w = data;

	igk_member(w->c, w->o, dev);
	return 0;
}

/* The predicted groups with the reason of each member. */
static void igk_report_predicted(struct igk_check *c, struct igk_out *o)
{
	struct igk_walk w = { .c = c, .o = o };
	u32 i, none = 0;
	s64 g;

	igk_header(c, o);
	if (c->err) {
		igk_emit(o, "error: %s failed: %d", c->err_what, c->err);
		return;
	}
	igk_emit(o, "cmdline: %s", c->cmdline ? c->cmdline : "(none)");
	igk_emit(o, "predicted %u devices in %u groups, flags %#x",
		 c->res.ndevices, c->res.ngroups, c->res.flags);
	for (g = ig_group_next(c->ctx, -1); g >= 0;
	     g = ig_group_next(c->ctx, g)) {
		igk_emit(o, "group %lld: %lld devices%s", g,
			 ig_group_size(c->ctx, (u32)g),
			 ig_group_uncertain(c->ctx, (u32)g) > 0 ?
				 " (uncertain)" : "");
		ig_group_for_each_dev(c->ctx, (u32)g, igk_member_cb, &w);
	}
	for (i = 0; i < c->snap.n; i++) {
		if (c->pgroup[i] >= 0)
			continue;
		if (!none++)
			igk_emit(o, "no group:");
		igk_member(c, o, i);
	}
}

static int igk_check_show(struct seq_file *m, void *unused)
{
	struct igk_out o = { .m = m };
	struct igk_check *c;

	c = kzalloc(sizeof(*c), GFP_KERNEL);
	if (!c)
		return -ENOMEM;
	mutex_lock(&igk_mutex);
	igk_check_run(c);
	igk_header(c, &o);
	igk_report_check(c, &o, U32_MAX);
	igk_check_free(c);
	mutex_unlock(&igk_mutex);
	kfree(c);
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(igk_check);

static int igk_predicted_show(struct seq_file *m, void *unused)
{
	struct igk_out o = { .m = m };
	struct igk_check *c;

	c = kzalloc(sizeof(*c), GFP_KERNEL);
	if (!c)
		return -ENOMEM;
	mutex_lock(&igk_mutex);
	igk_check_run(c);
	igk_report_predicted(c, &o);
	igk_check_free(c);
	mutex_unlock(&igk_mutex);
	kfree(c);
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(igk_predicted);

static void igk_self_test(void)
{
	void *ws = vmalloc(IG_SELF_TEST_WS);
	int ret;

	if (!ws) {
		pr_info("self-test: no memory\n");
		return;
	}
	ret = ig_self_test(ws, IG_SELF_TEST_WS);
	vfree(ws);
	if (ret)
		pr_info("self-test failed: check %d\n", -ret);
	else
		pr_info("self-test passed\n");
}

static int __init igk_init(void)
{
	struct igk_out o = { .m = NULL };
	struct igk_check *c;

	igk_self_test();
	c = kzalloc(sizeof(*c), GFP_KERNEL);
	if (!c)
		return -ENOMEM;
	mutex_lock(&igk_mutex);
	igk_check_run(c);
	igk_header(c, &o);
	igk_report_check(c, &o, IGK_LOG_MAX);
	igk_check_free(c);
	mutex_unlock(&igk_mutex);
	kfree(c);

	igk_dir = debugfs_create_dir("iommugroup", NULL);
	debugfs_create_file("check", 0400, igk_dir, NULL, &igk_check_fops);
	debugfs_create_file("predicted", 0400, igk_dir, NULL,
			    &igk_predicted_fops);
	return 0;
}

static void __exit igk_exit(void)
{
	debugfs_remove_recursive(igk_dir);
}

module_init(igk_init);
module_exit(igk_exit);

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("Check the iommugroup library against the kernel's IOMMU groups");
