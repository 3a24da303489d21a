// SPDX-License-Identifier: GPL-2.0-only OR MIT
/*
 * capture.c - write the running host as a tree in the fixture format
 * (fixtures/sysfs-snapshots/README.md): device directories nested as the
 * kernel nests them, their attribute files and links with the kernel's
 * relative targets, the kernel's groups, proc/cmdline, proc/version and
 * the kernel log lines that matter.  Device Serial Number capabilities are
 * masked.
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "igp.h"

static int mkdir_p(const char *path)
{
	char buf[PATH_MAX];
	char *s;

	if (snprintf(buf, sizeof(buf), "%s", path) >= (int)sizeof(buf))
		return -ENAMETOOLONG;
	for (s = buf + 1; *s; s++) {
		if (*s != '/')
			continue;
		*s = 0;
		if (mkdir(buf, 0755) && errno != EEXIST)
			return -errno;
		*s = '/';
	}
	if (mkdir(buf, 0755) && errno != EEXIST)
		return -errno;
	return 0;
}

static int write_file(const char *path, const void *data, size_t len)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	const char *p = data;
	ssize_t w;

	if (fd < 0)
		return -errno;
	while (len) {
		w = write(fd, p, len);
		if (w < 0 && errno == EINTR)
			continue;
		if (w < 0) {
			close(fd);
			return -errno;
		}
		p += w;
		len -= (size_t)w;
	}
	return close(fd) ? -errno : 0;
}

/* copy a small attribute file; a missing one is skipped */
static void copy_attr(struct igp_host *h, const char *src, const char *dst,
		      const char *name)
{
	char *s = NULL, *d = NULL, *buf;
	size_t n;

	if (asprintf(&s, "%s/%s", src, name) < 0 ||
	    asprintf(&d, "%s/%s", dst, name) < 0)
		goto out;
	buf = igp_read_text(s, 65536, &n);
	if (!buf) {
		if (errno != ENOENT)
			igp_log(h, IGP_WARN, "%s: %s", s, strerror(errno));
		goto out;
	}
	if (write_file(d, buf, n))
		igp_log(h, IGP_ERR, "%s: %s", d, strerror(errno));
	free(buf);
out:
	free(s);
	free(d);
}

/* resolve "." and ".." in an absolute path, in place */
static void normalize(char *path)
{
	char *out = path, *p = path, *seg;
	size_t n;

	while (*p) {
		while (*p == '/')
			p++;
		if (!*p)
			break;
		seg = p;
		while (*p && *p != '/')
			p++;
		n = (size_t)(p - seg);
		if (n == 1 && seg[0] == '.')
			continue;
		if (n == 2 && seg[0] == '.' && seg[1] == '.') {
			while (out > path && *--out != '/')
				;
			continue;
		}
		*out++ = '/';
		memmove(out, seg, n);
		out += n;
	}
	if (out == path)
		*out++ = '/';
	*out = 0;
}

/*
 * Recreate link @name of @src in @dst with the same (relative) target, and
 * create the target directory in the capture so realpath() works there.
 */
static void copy_link(struct igp_host *h, const char *dir_root,
		      const char *src, const char *dst, const char *name)
{
	char *s = NULL, *d = NULL, *tdir = NULL;
	char tgt[PATH_MAX];
	ssize_t n;

	if (asprintf(&s, "%s/%s", src, name) < 0 ||
	    asprintf(&d, "%s/%s", dst, name) < 0)
		goto out;
	n = readlink(s, tgt, sizeof(tgt) - 1);
	if (n < 0)
		goto out;
	tgt[n] = 0;
	if (tgt[0] != '/' && asprintf(&tdir, "%s/%s", dst, tgt) >= 0) {
		/* the target directory, inside the capture (lexically: the
		 * intermediate directories may not exist yet) */
		normalize(tdir);
		if (!strncmp(tdir, dir_root, strlen(dir_root)))
			mkdir_p(tdir);
	}
	unlink(d);
	if (symlink(tgt, d))
		igp_log(h, IGP_ERR, "%s: %s", d, strerror(errno));
out:
	free(s);
	free(d);
	free(tdir);
}

/* zero the serial number of every Device Serial Number capability */
static void mask_dsn(uint8_t *cfg, size_t len)
{
	uint32_t pos = 0x100, hdr;
	int ttl = 480;

	while (pos && pos + 12 <= len && ttl--) {
		hdr = (uint32_t)cfg[pos] | (uint32_t)cfg[pos + 1] << 8 |
		      (uint32_t)cfg[pos + 2] << 16 |
		      (uint32_t)cfg[pos + 3] << 24;
		if (!hdr || hdr == 0xffffffff)
			break;
		if ((hdr & 0xffff) == 0x0003)
			memset(cfg + pos + 4, 0, 8);
		pos = (hdr >> 20) & 0xffc;
		if (pos < 0x100)
			break;
	}
}

static void copy_config(struct igp_host *h, const char *src,
			const char *dst, const char *name)
{
	char *s = NULL, *d = NULL;
	uint8_t buf[4096];
	size_t got = 0;
	ssize_t r;
	int fd;

	if (asprintf(&s, "%s/config", src) < 0 ||
	    asprintf(&d, "%s/config", dst) < 0)
		goto out;
	fd = open(s, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		igp_log(h, IGP_ERR, "%s: %s: %s", name, s, strerror(errno));
		goto out;
	}
	while (got < sizeof(buf)) {
		r = read(fd, buf + got, sizeof(buf) - got);
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			break;
		got += (size_t)r;
	}
	close(fd);
	if (got < 256)
		igp_log(h, IGP_DEBUG, "%s: only %zu config bytes readable",
			name, got);
	mask_dsn(buf, got);
	if (write_file(d, buf, got))
		igp_log(h, IGP_ERR, "%s: %s", d, strerror(errno));
out:
	free(s);
	free(d);
}

static const char *const attrs[] = {
	"vendor", "device", "class", "revision", "subsystem_vendor",
	"subsystem_device", "irq", "resource", "sriov_numvfs",
	"sriov_totalvfs", NULL,
};

static void capture_groups(struct igp_host *h, const char *dir)
{
	DIR *gd, *dd;
	struct dirent *ge, *de;
	char *gsrc = NULL, *gdst = NULL, *dsrc = NULL, *ddst = NULL;

	gd = opendir("/sys/kernel/iommu_groups");
	if (!gd)
		return;
	if (asprintf(&gdst, "%s/sys/kernel/iommu_groups", dir) < 0 ||
	    mkdir_p(gdst))
		goto out;
	while ((ge = readdir(gd))) {
		if (ge->d_name[0] == '.')
			continue;
		if (asprintf(&gsrc, "/sys/kernel/iommu_groups/%s",
			     ge->d_name) < 0)
			break;
		if (asprintf(&ddst, "%s/%s/devices", gdst, ge->d_name) < 0)
			break;
		mkdir_p(ddst);
		free(ddst);
		ddst = NULL;
		if (asprintf(&ddst, "%s/%s", gdst, ge->d_name) >= 0) {
			copy_attr(h, gsrc, ddst, "type");
			copy_attr(h, gsrc, ddst, "name");
			free(ddst);
			ddst = NULL;
		}
		if (asprintf(&dsrc, "%s/devices", gsrc) < 0 ||
		    asprintf(&ddst, "%s/%s/devices", gdst, ge->d_name) < 0)
			break;
		dd = opendir(dsrc);
		if (dd) {
			while ((de = readdir(dd)))
				if (de->d_name[0] != '.')
					copy_link(h, dir, dsrc, ddst,
						  de->d_name);
			closedir(dd);
		}
		free(gsrc);
		free(dsrc);
		free(ddst);
		gsrc = dsrc = ddst = NULL;
	}
out:
	closedir(gd);
	free(gsrc);
	free(gdst);
	free(dsrc);
	free(ddst);
}

static int log_line_matters(const char *l)
{
	static const char *const keys[] = {
		"Linux version", "Command line:", "iommu group", "DMA alias",
		"ACS", "DMAR", "AMD-Vi", "IVRS", "PCI host bridge to bus",
		"iommu", "IOMMU", "correcting type", "vmd", NULL,
	};
	unsigned int k;

	for (k = 0; keys[k]; k++)
		if (strstr(l, keys[k]))
			return 1;
	return 0;
}

int igp_capture(struct igp_host *h, const char *dir)
{
	DIR *dd;
	struct dirent *de;
	char *p = NULL, *q = NULL;
	uint32_t count = 0;
	int ret;

	ret = mkdir_p(dir);
	if (ret) {
		igp_log(h, IGP_ERR, "%s: %s", dir, strerror(-ret));
		return ret;
	}
	if (geteuid() != 0)
		igp_log(h, IGP_WARN,
			"NOT ROOT: config space beyond 64 bytes is unreadable, the capture will not show ACS; run capture as root");
	if (asprintf(&p, "%s/sys/bus/pci/devices", dir) < 0 || mkdir_p(p))
		return -EIO;
	free(p);
	p = NULL;
	dd = opendir("/sys/bus/pci/devices");
	if (!dd) {
		igp_log(h, IGP_ERR, "/sys/bus/pci/devices: %s",
			strerror(errno));
		return -ENOENT;
	}
	while ((de = readdir(dd))) {
		char *src, *dst = NULL, *ls = NULL;
		char *lsrc = NULL;
		unsigned int k;

		if (de->d_name[0] == '.')
			continue;
		if (asprintf(&lsrc, "/sys/bus/pci/devices/%s", de->d_name) < 0)
			break;
		src = realpath(lsrc, NULL);
		if (!src) {
			igp_log(h, IGP_WARN, "%s: vanished during capture",
				de->d_name);
			free(lsrc);
			continue;
		}
		if (asprintf(&dst, "%s%s", dir, src) < 0 || mkdir_p(dst)) {
			igp_log(h, IGP_ERR, "%s: cannot create %s", de->d_name,
				dst ? dst : "?");
			free(src);
			free(dst);
			free(lsrc);
			continue;
		}
		copy_config(h, src, dst, de->d_name);
		for (k = 0; attrs[k]; k++)
			copy_attr(h, src, dst, attrs[k]);
		copy_link(h, dir, src, dst, "driver");
		copy_link(h, dir, src, dst, "iommu_group");
		copy_link(h, dir, src, dst, "physfn");
		if (asprintf(&ls, "%s/sys/bus/pci/devices", dir) >= 0)
			copy_link(h, dir, "/sys/bus/pci/devices", ls,
				  de->d_name);
		free(ls);
		free(src);
		free(dst);
		free(lsrc);
		count++;
	}
	closedir(dd);
	capture_groups(h, dir);
	/* which IOMMU: the class/iommu names are enough */
	dd = opendir("/sys/class/iommu");
	if (dd) {
		while ((de = readdir(dd))) {
			if (de->d_name[0] == '.')
				continue;
			if (asprintf(&p, "%s/sys/class/iommu/%s", dir,
				     de->d_name) >= 0)
				mkdir_p(p);
			free(p);
			p = NULL;
		}
		closedir(dd);
	}
	if (asprintf(&p, "%s/proc", dir) >= 0 && !mkdir_p(p)) {
		copy_attr(h, "/proc", p, "cmdline");
		copy_attr(h, "/proc", p, "version");
	}
	free(p);
	p = NULL;
	/* the firmware's IOMMU tables (readable by root only) */
	{
		static const char *const tables[] = { "DMAR", "IVRS" };
		unsigned int k;

		for (k = 0; k < 2; k++) {
			char *src = NULL, *dst = NULL, *buf;
			size_t n = 0;

			if (asprintf(&src, "/sys/firmware/acpi/tables/%s",
				     tables[k]) < 0)
				break;
			if (access(src, F_OK)) {
				free(src);
				continue;
			}
			buf = igp_read_text(src, 4u << 20, &n);
			if (!buf || !n) {
				igp_log(h, IGP_WARN,
					"%s: %s; the capture has no %s table (run capture as root)",
					src, buf ? "empty" : strerror(errno),
					tables[k]);
			} else if (asprintf(&dst, "%s/sys/firmware/acpi/tables",
					    dir) >= 0 && !mkdir_p(dst)) {
				free(dst);
				dst = NULL;
				if (asprintf(&dst, "%s/sys/firmware/acpi/tables/%s",
					     dir, tables[k]) >= 0 &&
				    write_file(dst, buf, n))
					igp_log(h, IGP_ERR, "%s: %s", dst,
						strerror(errno));
			}
			free(buf);
			free(src);
			free(dst);
		}
	}
	/* the kernel log lines that matter */
	{
		struct igp_host tmp;

		memset(&tmp, 0, sizeof(tmp));
		tmp.live = 1;
		tmp.root = (char *)"";
		igp_scan_dmesg(&tmp);
		if (tmp.dmesg) {
			FILE *f;

			if (asprintf(&q, "%s/dmesg", dir) >= 0 &&
			    (f = fopen(q, "we"))) {
				char *l = tmp.dmesg, *nl;

				for (; l && *l; l = nl) {
					nl = strchr(l, '\n');
					if (nl)
						*nl++ = 0;
					if (*l == '<' && strchr(l, '>'))
						l = strchr(l, '>') + 1;
					if (log_line_matters(l))
						fprintf(f, "%s\n", l);
				}
				fclose(f);
			}
			free(q);
		} else {
			igp_log(h, IGP_WARN,
				"kernel log not readable: no dmesg in the capture");
		}
		free(tmp.dmesg);
		free(tmp.aliases);
		free(tmp.root_order);
		free(tmp.log_order);
		free(tmp.log_group);
	}
	igp_log(h, IGP_NOTE, "captured %u PCI devices into %s", count, dir);
	return 0;
}
