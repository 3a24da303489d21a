// SPDX-License-Identifier: GPL-2.0-only OR MIT
/*
 * fuzz_tree.c - the sysfs tree reader (provider/root.c, igp_load_root()),
 * the CLI's provider, on small trees materialised from the input bytes in
 * a scratch directory (tmpfs when /dev/shm exists): nested device
 * directories and root buses (VMD domains), config files of any length,
 * missing or garbled attribute files, sys/bus/pci/devices links that
 * dangle or point at another device, iommu_group links with odd targets,
 * physfn links, group directories, proc/version, proc/cmdline and a kernel
 * log.  The table it fills must be one the core takes (or refuses with
 * -ELOOP/-EEXIST), and the prediction must pass fz_check().  The input
 * format is in README.md ("fuzz_tree input").
 */
#define _GNU_SOURCE
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "fz.h"
#include "fzio.h"

#define MAXDEV 12

static char dirs[MAXDEV][PATH_MAX];
static char root[PATH_MAX];
static uint8_t cfg[4096];

static void logcb(void *data, int level, const char *msg)
{
	(void)data;
	(void)level;
	if (!msg)
		abort();
}

static void mkp(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static void mkp(const char *fmt, ...)
{
	char p[PATH_MAX], *s;
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(p, sizeof(p), fmt, ap);
	va_end(ap);
	for (s = p + 1; *s; s++)
		if (*s == '/') {
			*s = 0;
			mkdir(p, 0755);
			*s = '/';
		}
	mkdir(p, 0755);
}

static void put_file(const char *dir, const char *name, const void *buf,
		     size_t len)
{
	char p[PATH_MAX];

	snprintf(p, sizeof(p), "%s/%s", dir, name);
	fz_write(p, buf, len);
}

static void put_text(struct fz_in *in, const char *path, size_t max)
{
	uint8_t buf[4096];
	size_t len = max > 255 ? fz_u16(in) % max : fz_u8(in) % max;

	len = fz_bytes(in, buf, len);
	fz_write(path, buf, len);
}

static void put_attr(const char *dir, const char *name, unsigned int v,
		     int digits, int garbage)
{
	char t[32];
	int n;

	if (garbage)
		n = snprintf(t, sizeof(t), "zz%x\n", v);
	else
		n = snprintf(t, sizeof(t), "0x%0*x\n", digits, v);
	put_file(dir, name, t, (size_t)n);
}

static void link_to(const char *target, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
static void link_to(const char *target, const char *fmt, ...)
{
	char p[PATH_MAX];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(p, sizeof(p), fmt, ap);
	va_end(ap);
	symlink(target, p);
}

static uint32_t read_cfg(struct fz_in *in)
{
	uint8_t b = fz_u8(in);
	uint32_t len, k, nm;

	if (b == 0xff) {
		len = fz_u16(in) % 4097;
		memset(cfg, 0, sizeof(cfg));
		return (uint32_t)fz_bytes(in, cfg, len);
	}
	fz_template(cfg, b);
	nm = fz_u8(in) % 16;
	for (k = 0; k < nm; k++) {
		uint32_t off = fz_u16(in) % 4096;

		cfg[off] = fz_u8(in);
	}
	switch (fz_u8(in) % 6) {
	case 1:
		return 256;
	case 2:
		return 64;
	case 3:
		return 0;
	case 4:
		return fz_u16(in) % 4097;
	default:
		return 4096;
	}
}

static void build(struct fz_in *in)
{
	uint8_t hf = fz_u8(in), b, files, links, grp, pf;
	char p[PATH_MAX], name[IG_NAME_MAX];
	uint32_t n, i, dom, bus, devfn, len;

	snprintf(root, sizeof(root), "%s/t", fz_scratch());
	fz_rmtree(root);
	mkp("%s/sys/bus/pci/devices", root);
	mkp("%s/sys/devices", root);
	mkp("%s/proc", root);
	if (hf & 1) {
		snprintf(p, sizeof(p), "%s/proc/version", root);
		if (fz_u8(in) & 1)
			put_text(in, p, 256);
		else
			fz_write(p, "Linux version 6.1.0-56-amd64 (debian-kernel@lists.debian.org) #1 SMP PREEMPT_DYNAMIC Debian 6.1.192-1\n", 99);
	}
	if (hf & 2) {
		snprintf(p, sizeof(p), "%s/proc/cmdline", root);
		put_text(in, p, 256);
	}
	if (hf & 4) {
		snprintf(p, sizeof(p), "%s/dmesg", root);
		put_text(in, p, 4096);
	}
	if (hf & 8)
		mkp("%s/sys/class/iommu/dmar0", root);
	if (hf & 16)
		mkp("%s/sys/class/iommu/ivhd0", root);
	if (!(hf & 32))
		mkp("%s/sys/kernel/iommu_groups", root);
	n = fz_u8(in) % (MAXDEV + 1);
	for (i = 0; i < n; i++) {
		b = fz_u8(in);
		dom = (b & 3) == 1 ? 0x10000 : (b & 3) == 3 ? fz_u16(in) : 0;
		bus = fz_u8(in);
		devfn = fz_u8(in);
		ig_pci_name(dom, (uint8_t)bus, (uint8_t)devfn, name);
		b = fz_u8(in);
		if (b == 0xff || !i)
			snprintf(dirs[i], PATH_MAX, "%s/sys/devices/pci%04x:%02x/%s",
				 root, dom, bus, name);
		else if (b & 0x80)
			snprintf(dirs[i], PATH_MAX, "%s/pci%04x:%02x/%s",
				 dirs[(b & 0x7f) % i], dom, bus, name);
		else
			snprintf(dirs[i], PATH_MAX, "%s/%s", dirs[b % i], name);
		mkp("%s", dirs[i]);
		files = fz_u8(in);
		links = fz_u8(in);
		grp = fz_u8(in);
		pf = fz_u8(in);
		len = read_cfg(in);
		if (!(files & 1))
			put_file(dirs[i], "config", cfg, len);
		if (!(files & 2))
			put_attr(dirs[i], "vendor", cfg[0] | cfg[1] << 8, 4,
				 files & 0x80);
		if (!(files & 4))
			put_attr(dirs[i], "device", cfg[2] | cfg[3] << 8, 4,
				 files & 0x80);
		if (!(files & 8))
			put_attr(dirs[i], "class", (unsigned int)(cfg[11] << 16 |
				 cfg[10] << 8 | cfg[9]), 6, files & 0x80);
		if (!(files & 16))
			put_file(dirs[i], "irq", "11\n", 3);
		if (!(files & 32))
			put_file(dirs[i], "resource",
				 "0x0000000000000000 0x0000000000000000 0x0000000000000000\n",
				 57);
		if (!(files & 64)) {
			put_attr(dirs[i], "revision", cfg[8], 2, 0);
			put_attr(dirs[i], "subsystem_vendor", 0x1af4, 4, 0);
			put_attr(dirs[i], "subsystem_device", 0x1100, 4, 0);
		}
		if (!(links & 1)) {
			snprintf(p, sizeof(p), "%s/sys/bus/pci/devices/%s",
				 root, name);
			if (links & 2)
				link_to("/nonexistent/pci", "%s", p);
			else if ((links & 0x80) && i)
				link_to(dirs[pf % i], "%s", p);
			else
				link_to(dirs[i], "%s", p);
		}
		if (links & 4) {
			snprintf(p, sizeof(p), "%s/sys/kernel/iommu_groups/%u",
				 root, grp);
			mkp("%s/devices", p);
			if (links & 8)
				link_to("../../kernel/iommu_groups/x1", "%s/iommu_group",
					dirs[i]);
			else
				link_to(p, "%s/iommu_group", dirs[i]);
			if (links & 64)
				link_to(dirs[i], "%s/devices/%s", p, name);
		}
		if ((links & 16) && i)
			link_to(dirs[pf % i], "%s/physfn", dirs[i]);
		if (links & 32)
			link_to("../../../bus/pci/drivers/nothere", "%s/driver",
				dirs[i]);
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fz_in in = { data, size, 0 };
	struct igp_host h;

	build(&in);
	memset(&h, 0, sizeof(h));
	h.log = logcb;
	if (!igp_load_root(&h, root)) {
		fz_predict_host(&h, IG_ACS_LIVE);
	}
	igp_host_free(&h);
	return 0;
}
