// SPDX-License-Identifier: GPL-2.0-only OR MIT
/*
 * root.c - fill the iommugroup device table from a root directory: the live
 * "/" or a captured tree in the fixture format.
 *
 * Enumeration goes through libpci (sysfs method, "sysfs.path" pointed at
 * ROOT/sys/bus/pci); config space, links and the kernel's groups are read
 * here.  One pass over the devices plus sorts: no quadratic step.
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <pci/pci.h>

#include "igp.h"

/*
 * libpci's default error hook calls exit().  Ours jumps back to the
 * provider call that was running.  libpci has no context pointer for its
 * hooks, hence these statics (the provider is single-threaded).
 */
static jmp_buf igp_pci_jmp;
static int igp_pci_armed;
static struct igp_host *igp_pci_host;

void igp_log(const struct igp_host *h, int level, const char *fmt, ...)
{
	char buf[1024];
	va_list ap;

	if (!h || !h->log)
		return;
	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	h->log(h->log_data, level, buf);
}

static void igp_pci_vlog(int level, const char *msg, va_list ap)
{
	char buf[512];

	vsnprintf(buf, sizeof(buf), msg, ap);
	igp_log(igp_pci_host, level, "libpci: %s", buf);
}

static void __attribute__((noreturn, format(printf, 1, 2)))
igp_pci_error(char *msg, ...)
{
	va_list ap;

	va_start(ap, msg);
	igp_pci_vlog(IGP_ERR, msg, ap);
	va_end(ap);
	if (igp_pci_armed)
		longjmp(igp_pci_jmp, 1);
	/* not reachable from our calls: every libpci call is armed */
	abort();
}

static void __attribute__((format(printf, 1, 2)))
igp_pci_warning(char *msg, ...)
{
	va_list ap;

	va_start(ap, msg);
	igp_pci_vlog(IGP_WARN, msg, ap);
	va_end(ap);
}

static void __attribute__((format(printf, 1, 2)))
igp_pci_debug(char *msg, ...)
{
	(void)msg;
}

struct pci_access *igp_pci_alloc(struct igp_host *h)
{
	struct pci_access *a = pci_alloc();

	if (!a)
		return NULL;
	igp_pci_host = h;
	a->error = igp_pci_error;
	a->warning = igp_pci_warning;
	a->debug = igp_pci_debug;
	/* names like "lspci -nn" prints them */
	a->numeric_ids = 2;
	return a;
}

/* pci_init() and pci_scan_bus() with the error hook armed */
int igp_pci_scan(struct igp_host *h)
{
	igp_pci_host = h;
	igp_pci_armed = 1;
	if (setjmp(igp_pci_jmp)) {
		igp_pci_armed = 0;
		return -EIO;
	}
	pci_init(h->pacc);
	pci_scan_bus(h->pacc);
	igp_pci_armed = 0;
	return 0;
}

static int igp_pci_fill(struct pci_dev *p)
{
	igp_pci_armed = 1;
	if (setjmp(igp_pci_jmp)) {
		igp_pci_armed = 0;
		return -EIO;
	}
	pci_fill_info(p, PCI_FILL_IDENT | PCI_FILL_CLASS);
	igp_pci_armed = 0;
	return 0;
}

char *igp_read_text(const char *path, size_t max, size_t *lenp)
{
	FILE *f = fopen(path, "re");
	char *buf;
	size_t n;

	if (!f)
		return NULL;
	buf = malloc(max + 1);
	if (!buf) {
		fclose(f);
		return NULL;
	}
	n = fread(buf, 1, max, f);
	fclose(f);
	buf[n] = 0;
	if (lenp)
		*lenp = n;
	return buf;
}

int igp_parse_bdf(const char *s, uint32_t *domain, uint32_t *bus,
		  uint32_t *devfn)
{
	unsigned int d, b, sl, f;
	int n = 0;

	if (sscanf(s, "%x:%x:%x.%x%n", &d, &b, &sl, &f, &n) != 4 ||
	    s[n] || b > 255 || sl > 31 || f > 7)
		return -EINVAL;
	*domain = d;
	*bus = b;
	*devfn = (sl << 3) | f;
	return 0;
}

/* "pci0000:00" or "pci10000:e0" (a root bus directory) */
static int igp_is_root_bus_dir(const char *s)
{
	unsigned int d, b;
	int n = 0;

	return sscanf(s, "pci%x:%x%n", &d, &b, &n) == 2 && !s[n];
}

static int cmp_dev(const void *pa, const void *pb)
{
	const struct ig_dev *a = pa, *b = pb;

	if (a->domain != b->domain)
		return a->domain < b->domain ? -1 : 1;
	if (a->bus != b->bus)
		return a->bus < b->bus ? -1 : 1;
	if (a->devfn != b->devfn)
		return a->devfn < b->devfn ? -1 : 1;
	return 0;
}

int64_t igp_find(const struct igp_host *h, uint32_t domain, uint32_t bus,
		 uint32_t devfn)
{
	struct ig_dev key;
	const struct ig_dev *r;

	memset(&key, 0, sizeof(key));
	key.domain = domain;
	key.bus = (uint8_t)bus;
	key.devfn = (uint8_t)devfn;
	if (!h->ndev)
		return -1;
	r = bsearch(&key, h->devs, h->ndev, sizeof(key), cmp_dev);
	return r ? r - h->devs : -1;
}

int64_t igp_find_name(const struct igp_host *h, const char *name)
{
	uint32_t d, b, df;

	if (igp_parse_bdf(name, &d, &b, &df))
		return -1;
	return igp_find(h, d, b, df);
}

static char *path_join(const char *a, const char *b)
{
	char *s;

	if (asprintf(&s, "%s/%s", a, b) < 0)
		return NULL;
	return s;
}

/*
 * The last component of the target of link dir/name, or NULL.  With an open
 * directory dfd (>= 0) the link is read relative to it: one path component
 * to walk instead of the whole path.  *dangling is set (one more system
 * call) only when dangling is not NULL.
 */
static char *link_base_at(int dfd, const char *dir, const char *name,
			  int *dangling)
{
	char buf[PATH_MAX];
	char *p = NULL, *slash;
	const char *rel = name;
	struct stat st;
	ssize_t n;

	if (dangling)
		*dangling = 0;
	if (dfd < 0) {
		p = path_join(dir, name);
		if (!p)
			return NULL;
		rel = p;
		dfd = AT_FDCWD;
	}
	n = readlinkat(dfd, rel, buf, sizeof(buf) - 1);
	if (n >= 0 && dangling && fstatat(dfd, rel, &st, 0))
		*dangling = 1;
	free(p);
	if (n < 0)
		return NULL;
	buf[n] = 0;
	while (n > 1 && buf[n - 1] == '/')
		buf[--n] = 0;
	slash = strrchr(buf, '/');
	return strdup(slash ? slash + 1 : buf);
}

/*
 * Read the whole config file.  A root read of sysfs gives 256 or 4096
 * bytes; a non-root read of a live host gives 64.
 */
static void read_config(struct igp_host *h, uint32_t i, int dfd)
{
	struct igp_devx *x = &h->x[i];
	struct ig_dev *d = &h->devs[i];
	char *p = path_join(x->syspath, "config");
	struct stat st;
	ssize_t r;
	size_t got = 0;
	int fd;

	d->config = NULL;
	d->config_len = 0;
	x->cfg = calloc(1, 4096);
	if (!p || !x->cfg) {
		free(p);
		return;
	}
	fd = dfd >= 0 ? openat(dfd, "config", O_RDONLY | O_CLOEXEC) :
			open(p, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		if (errno == ENOENT && access(x->syspath, F_OK)) {
			x->problems |= IGP_PROB_VANISHED;
			igp_log(h, IGP_ERR,
				"%s: vanished during the scan (%s is gone)",
				x->name, x->syspath);
		} else {
			x->problems |= IGP_PROB_CFG_UNREADABLE;
			igp_log(h, IGP_ERR, "%s: cannot open %s: %s", x->name,
				p, strerror(errno));
		}
		free(p);
		return;
	}
	while (got < 4096) {
		r = read(fd, x->cfg + got, 4096 - got);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0) {
			if (!got) {
				x->problems |= IGP_PROB_CFG_UNREADABLE;
				igp_log(h, IGP_ERR, "%s: cannot read %s: %s",
					x->name, p, strerror(errno));
			}
			break;
		}
		if (r == 0)
			break;
		got += (size_t)r;
	}
	/* a whole config space is 256 or 4096 bytes; only a shorter read
	 * needs the file's size to be told apart from a broken file */
	if (got == 256 || got == 4096)
		x->cfg_file_size = (uint32_t)got;
	else if (!fstat(fd, &st))
		x->cfg_file_size = (uint32_t)(st.st_size > 4096 ? 4096 :
					      st.st_size);
	close(fd);
	d->config = x->cfg;
	d->config_len = (uint32_t)got;
	if (got && got == x->cfg_file_size && (got == 256 || got == 4096))
		d->flags |= IG_DEV_CFG_FULL;
	if (got && !(d->flags & IG_DEV_CFG_FULL)) {
		x->problems |= IGP_PROB_CFG_SHORT;
		h->nshort++;
		igp_log(h, IGP_DEBUG,
			"%s: %s: only %zu of %u bytes readable%s", x->name, p,
			got, x->cfg_file_size,
			h->live && !h->is_root_user ? " (not root)" : "");
	}
	if (!got && !(x->problems & IGP_PROB_CFG_UNREADABLE)) {
		x->problems |= IGP_PROB_CFG_UNREADABLE;
		igp_log(h, IGP_ERR, "%s: %s is empty", x->name, p);
	}
	free(p);
}

/* ig_dev.parent for devices whose sysfs path did not tell: the bridge
 * whose secondary bus number is the device's bus (same domain) */
struct sec_ent {
	uint32_t domain;
	uint32_t bus;
	uint32_t dev;
};

static int cmp_sec(const void *pa, const void *pb)
{
	const struct sec_ent *a = pa, *b = pb;

	if (a->domain != b->domain)
		return a->domain < b->domain ? -1 : 1;
	if (a->bus != b->bus)
		return a->bus < b->bus ? -1 : 1;
	return a->dev < b->dev ? -1 : a->dev > b->dev;
}

/*
 * realpath() of sys/bus/pci/devices/<BDF> with one readlink(): the link's
 * relative target is joined to the link's directory and "." and ".." are
 * folded lexically.  glibc's realpath() reads every component as a link,
 * about 16 system calls per device.  sysfs directories below
 * sys/devices are real directories, so the result is the same; a target
 * that is absolute, or a link that cannot be read, falls back to
 * realpath().  The caller checks that the result exists (it opens it).
 */
static char *resolve_link(const char *p)
{
	char tgt[PATH_MAX], *out, *w, *seg;
	const char *r;
	size_t n, dl;
	ssize_t k;

	k = readlink(p, tgt, sizeof(tgt) - 1);
	if (k <= 0 || tgt[0] == '/')
		return realpath(p, NULL);
	tgt[k] = 0;
	r = strrchr(p, '/');
	dl = r ? (size_t)(r - p) : 0;
	n = dl + 1 + (size_t)k + 1;
	out = malloc(n);
	if (!out)
		return NULL;
	memcpy(out, p, dl);
	w = out + dl;
	*w = 0;
	/* fold each component of the target onto the directory */
	for (seg = strtok(tgt, "/"); seg; seg = strtok(NULL, "/")) {
		if (!strcmp(seg, "."))
			continue;
		if (!strcmp(seg, "..")) {
			char *up = strrchr(out, '/');

			if (up && up != out)
				*up = 0;
			else
				out[0] = 0;
			continue;
		}
		w = out + strlen(out);
		*w++ = '/';
		strcpy(w, seg);
	}
	return out;
}

/* a type 1 or CardBus header, or one too short to tell */
static int igp_is_bridge(const struct ig_dev *d)
{
	uint8_t t;

	if (!d->config || d->config_len < 0x0f)
		return 1;
	t = d->config[0x0e] & 0x7f;
	return t == 1 || t == 2;
}

void igp_finish_table(struct igp_host *h)
{
	struct sec_ent *sec, key;
	uint32_t i, n = 0, *vfs, nvf = 0, j;
	const struct ig_dev *d;

	sec = calloc(h->ndev + 1, sizeof(*sec));
	vfs = calloc(h->ndev + 1, sizeof(*vfs));
	if (!sec || !vfs) {
		free(sec);
		free(vfs);
		return;
	}
	for (i = 0; i < h->ndev; i++) {
		d = &h->devs[i];
		if (d->config_len >= 0x1a && (d->config[0x0e] & 0x7f) == 1 &&
		    d->config[0] != 0xff) {
			sec[n].domain = d->domain;
			sec[n].bus = d->config[0x19];
			sec[n].dev = i;
			n++;
		}
	}
	qsort(sec, n, sizeof(*sec), cmp_sec);
	/* a physfn link must name a PF: not the device itself, not a VF;
	 * sysfs nesting must not make a device its own parent or VMD owner */
	for (i = 0; i < h->ndev; i++) {
		if (h->devs[i].parent == i || h->devs[i].vmd_owner == i) {
			igp_log(h, IGP_ERR,
				"%s: sysfs nests it below itself; that link is ignored",
				h->x[i].name);
			if (h->devs[i].parent == i)
				h->devs[i].parent = IG_NONE - 1;
			if (h->devs[i].vmd_owner == i)
				h->devs[i].vmd_owner = IG_NONE;
			h->x[i].problems |= IGP_PROB_BAD_LINK;
			h->nproblems++;
		}
	}
	for (i = 0; i < h->ndev; i++) {
		j = h->devs[i].physfn;
		if (j == IG_NONE)
			continue;
		if (j == i || j >= h->ndev || h->devs[j].physfn != IG_NONE) {
			igp_log(h, IGP_ERR,
				"%s: its physfn link does not name a physical function; ignored",
				h->x[i].name);
			h->devs[i].physfn = IG_NONE;
			h->x[i].problems |= IGP_PROB_BAD_LINK;
			h->nproblems++;
		}
	}
	for (i = 0; i < h->ndev; i++)
		if (h->devs[i].domain)
			h->any_domain = 1;
	for (i = 0; i < h->ndev; i++) {
		if (h->devs[i].parent != IG_NONE - 1 ||
		    h->devs[i].physfn != IG_NONE)
			continue;
		h->devs[i].parent = IG_NONE;
		key.domain = h->devs[i].domain;
		key.bus = h->devs[i].bus;
		key.dev = 0;
		/* lower bound of (domain, bus) */
		{
			uint32_t lo = 0, hi = n;

			while (lo < hi) {
				uint32_t mid = (lo + hi) / 2;

				if (sec[mid].domain < key.domain ||
				    (sec[mid].domain == key.domain &&
				     sec[mid].bus < key.bus))
					lo = mid + 1;
				else
					hi = mid;
			}
			if (lo < n && sec[lo].domain == key.domain &&
			    sec[lo].bus == key.bus && sec[lo].dev != i) {
				j = sec[lo].dev;
				/* a secondary bus at or below the bridge's
				 * own bus would make a device the child of
				 * its sibling, or a bridge its own ancestor */
				if (key.bus <= h->devs[j].bus) {
					igp_log(h, IGP_ERR,
						"%s: bridge %s claims bus %02x as its secondary bus, which is not above its own bus %02x; %s is placed on a root bus",
						h->x[i].name, h->x[j].name,
						key.bus, h->devs[j].bus,
						h->x[i].name);
					h->x[i].problems |= IGP_PROB_BAD_LINK;
					h->nproblems++;
				} else {
					h->devs[i].parent = j;
				}
			}
		}
	}
	/* a VF whose parent is unknown sits below its PF's bridge (VFs on
	 * a virtual bus have no bridge of their own) */
	for (i = 0; i < h->ndev; i++)
		if (h->devs[i].parent == IG_NONE - 1)
			h->devs[i].parent = h->devs[i].physfn != IG_NONE ?
				h->devs[h->devs[i].physfn].parent : IG_NONE;
	/* still unresolved: a VF whose PF is itself a VF (the core refuses
	 * that table with a message) */
	for (i = 0; i < h->ndev; i++)
		if (h->devs[i].parent == IG_NONE - 1) {
			h->devs[i].parent = IG_NONE;
			h->x[i].problems |= IGP_PROB_BAD_LINK;
			h->nproblems++;
		}
	/* SR-IOV VFs: added when sriov_numvfs is written, after every boot
	 * device; by PF order, then VF address (the table is sorted) */
	for (i = 0; i < h->ndev; i++)
		if (h->devs[i].physfn != IG_NONE)
			vfs[nvf++] = i;
	/* stable counting by physfn: one pass over PFs in table order */
	{
		uint32_t seq = 1, k;
		uint32_t *cnt = calloc(h->ndev + 1, sizeof(*cnt));

		if (cnt) {
			for (k = 0; k < nvf; k++)
				cnt[h->devs[vfs[k]].physfn + 1]++;
			for (k = 1; k <= h->ndev; k++)
				cnt[k] += cnt[k - 1];
			/* cnt[pf] is the first slot of that PF's VFs */
			for (k = 0; k < nvf; k++) {
				j = vfs[k];
				h->devs[j].hotplug_seq = seq +
					cnt[h->devs[j].physfn]++;
			}
			free(cnt);
		}
	}
	free(sec);
	free(vfs);
}

static void read_kernel_groups(struct igp_host *h)
{
	char *gdir = NULL, *ddir = NULL;
	DIR *gd, *dd;
	struct dirent *ge, *de;
	size_t cap = 0;
	char *end;
	long num;
	int dangling;

	if (asprintf(&gdir, "%s/sys/kernel/iommu_groups", h->root) < 0)
		return;
	gd = opendir(gdir);
	if (!gd) {
		free(gdir);
		return;
	}
	h->has_groups_dir = 1;
	while ((ge = readdir(gd))) {
		if (ge->d_name[0] == '.')
			continue;
		num = strtol(ge->d_name, &end, 10);
		if (*end || num < 0) {
			igp_log(h, IGP_WARN, "%s/%s: not a group number",
				gdir, ge->d_name);
			continue;
		}
		if (asprintf(&ddir, "%s/%s/devices", gdir, ge->d_name) < 0)
			break;
		dd = opendir(ddir);
		if (!dd) {
			igp_log(h, IGP_WARN, "%s: %s", ddir, strerror(errno));
			free(ddir);
			continue;
		}
		h->nkgroups++;
		while ((de = readdir(dd))) {
			char *base;
			int64_t idx;

			if (de->d_name[0] == '.') /* ., .., .gitkeep */
				continue;
			if (h->nkm == cap) {
				struct igp_kmember *nk;

				cap = cap ? cap * 2 : 64;
				nk = realloc(h->km, cap * sizeof(*nk));
				if (!nk)
					break;
				h->km = nk;
			}
			/* the link is named after the device; only a
			 * suffixed name ("name.0") needs its target read */
			base = NULL;
			idx = igp_find_name(h, de->d_name);
			if (idx < 0) {
				base = link_base_at(-1, ddir, de->d_name, &dangling);
				if (base)
					idx = igp_find_name(h, base);
			}
			h->km[h->nkm].number = num;
			h->km[h->nkm].link = strdup(de->d_name);
			h->km[h->nkm].dev = idx;
			h->nkm++;
			free(base);
		}
		closedir(dd);
		free(ddir);
	}
	closedir(gd);
	free(gdir);
}

static int glob_exists(const char *dir, const char *prefix)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	int found = 0;

	if (!d)
		return 0;
	while ((e = readdir(d)))
		if (!strncmp(e->d_name, prefix, strlen(prefix))) {
			found = 1;
			break;
		}
	closedir(d);
	return found;
}

static void detect_iommu(struct igp_host *h)
{
	char *dir = NULL;

	if (h->iommu)
		return; /* from the kernel log */
	if (asprintf(&dir, "%s/sys/class/iommu", h->root) < 0)
		return;
	if (glob_exists(dir, "dmar")) {
		h->iommu = IG_IOMMU_INTEL;
		h->iommu_why = "sys/class/iommu/dmar*";
	} else if (glob_exists(dir, "ivhd")) {
		h->iommu = IG_IOMMU_AMD;
		h->iommu_why = "sys/class/iommu/ivhd*";
	}
	free(dir);
}

static void read_proc(struct igp_host *h)
{
	char *p = NULL;
	size_t n;

	if (asprintf(&p, "%s/proc/cmdline", h->root) >= 0) {
		h->cmdline = igp_read_text(p, 65536, &n);
		if (!h->cmdline)
			igp_log(h, IGP_WARN, "%s: %s", p, strerror(errno));
		else
			while (n && (h->cmdline[n - 1] == '\n' ||
				     h->cmdline[n - 1] == ' '))
				h->cmdline[--n] = 0;
		free(p);
	}
	p = NULL;
	if (asprintf(&p, "%s/proc/version", h->root) >= 0) {
		h->version = igp_read_text(p, 4096, &n);
		if (!h->version) {
			igp_log(h, IGP_WARN, "%s: %s", p, strerror(errno));
		} else {
			while (n && h->version[n - 1] == '\n')
				h->version[--n] = 0;
			if (igp_parse_kver(h->version, &h->kver))
				igp_log(h, IGP_WARN,
					"%s: no kernel version found", p);
		}
		free(p);
	}
}

static int enumerate_by_hand(struct igp_host *h, const char *devdir)
{
	DIR *dd = opendir(devdir);
	struct dirent *e;
	uint32_t cap = 64, dom, bus, devfn;

	if (!dd)
		return -ENOENT;
	h->devs = calloc(cap, sizeof(*h->devs));
	h->x = calloc(cap, sizeof(*h->x));
	if (!h->devs || !h->x) {
		closedir(dd);
		return -ENOMEM;
	}
	while ((e = readdir(dd))) {
		if (igp_parse_bdf(e->d_name, &dom, &bus, &devfn))
			continue;
		if (h->ndev + 1 >= cap) {
			struct ig_dev *nd;
			struct igp_devx *nx;

			cap *= 2;
			nd = realloc(h->devs, cap * sizeof(*nd));
			if (nd)
				h->devs = nd;
			nx = realloc(h->x, cap * sizeof(*nx));
			if (nx)
				h->x = nx;
			if (!nd || !nx) {
				closedir(dd);
				return -ENOMEM;
			}
		}
		memset(&h->devs[h->ndev], 0, sizeof(h->devs[0]));
		memset(&h->x[h->ndev], 0, sizeof(h->x[0]));
		h->devs[h->ndev].domain = dom;
		h->devs[h->ndev].bus = (uint8_t)bus;
		h->devs[h->ndev].devfn = (uint8_t)devfn;
		h->ndev++;
	}
	closedir(dd);
	return 0;
}

static unsigned long read_hex_attr(const char *dir, const char *name,
				   int *ok)
{
	char *p = path_join(dir, name), *t;
	unsigned long v = 0;

	*ok = 0;
	t = p ? igp_read_text(p, 64, NULL) : NULL;
	if (t) {
		char *end;

		v = strtoul(t, &end, 16);
		*ok = end != t;
	}
	free(p);
	free(t);
	return v;
}

/* IDs without libpci: the sysfs attributes, else config space */
static void ids_by_hand(struct igp_host *h, uint32_t i)
{
	struct igp_devx *x = &h->x[i];
	const struct ig_dev *d = &h->devs[i];
	int ok1, ok2, ok3;
	unsigned long v, dv, c;

	v = read_hex_attr(x->syspath, "vendor", &ok1);
	dv = read_hex_attr(x->syspath, "device", &ok2);
	c = read_hex_attr(x->syspath, "class", &ok3);
	if (d->config_len >= 12) {
		if (!ok1)
			v = (unsigned long)(x->cfg[0] | x->cfg[1] << 8);
		if (!ok2)
			dv = (unsigned long)(x->cfg[2] | x->cfg[3] << 8);
		if (!ok3)
			c = (unsigned long)x->cfg[11] << 16 |
			    (unsigned long)x->cfg[10] << 8;
		ok1 = ok2 = ok3 = 1;
	}
	if (!ok1 || !ok2 || !ok3)
		igp_log(h, IGP_ERR, "%s: %s: no vendor, device or class",
			x->name, x->syspath);
	x->vendor = (uint16_t)v;
	x->device = (uint16_t)dv;
	x->class16 = (uint16_t)(c >> 8);
}

int igp_load_root(struct igp_host *h, const char *root)
{
	char *sysbus = NULL, *devdir = NULL, *p;
	struct pci_dev *pd;
	uint32_t n = 0, i;
	size_t rl;
	int64_t idx;
	int dangling, ret, dfd;

	rl = strlen(root);
	while (rl > 1 && root[rl - 1] == '/')
		rl--;
	h->live = rl == 1 && root[0] == '/';
	h->root = h->live ? strdup("") : strndup(root, rl);
	h->is_root_user = geteuid() == 0;
	if (!h->root)
		return -ENOMEM;
	if (asprintf(&sysbus, "%s/sys/bus/pci", h->root) < 0)
		return -ENOMEM;
	if (asprintf(&devdir, "%s/devices", sysbus) < 0) {
		free(sysbus);
		return -ENOMEM;
	}
	if (access(devdir, R_OK | X_OK)) {
		igp_log(h, IGP_ERR, "%s: %s", devdir, strerror(errno));
		free(sysbus);
		free(devdir);
		return -ENOENT;
	}
	h->pacc = igp_pci_alloc(h);
	if (!h->pacc) {
		free(sysbus);
		free(devdir);
		return -ENOMEM;
	}
	h->pacc->method = PCI_ACCESS_SYS_BUS_PCI;
	{
		char pname[] = "sysfs.path";

		pci_set_param(h->pacc, pname, sysbus);
	}
	ret = igp_pci_scan(h);
	if (ret) {
		/* libpci gives up on the whole tree when one device lacks a
		 * file it wants: enumerate by hand, read what can be read */
		igp_log(h, IGP_ERR,
			"%s: libpci could not scan the tree; reading it directly, the answer is uncertain",
			sysbus);
		h->nproblems++;
		h->pacc->devices = NULL; /* partial list: leaked, not used */
		ret = enumerate_by_hand(h, devdir);
		if (ret) {
			free(sysbus);
			free(devdir);
			return ret;
		}
		n = h->ndev;
	} else {
		for (pd = h->pacc->devices; pd; pd = pd->next)
			n++;
		h->devs = calloc(n + 1, sizeof(*h->devs));
		h->x = calloc(n + 1, sizeof(*h->x));
		if (!h->devs || !h->x) {
			free(sysbus);
			free(devdir);
			return -ENOMEM;
		}
		/* addresses first, then sort, then everything else */
		i = 0;
		for (pd = h->pacc->devices; pd; pd = pd->next) {
			struct ig_dev *d = &h->devs[i];

			d->domain = (uint32_t)pd->domain;
			d->bus = pd->bus;
			d->devfn = (uint8_t)((pd->dev << 3) | pd->func);
			/* the ig_dev.name slot carries the libpci handle
			 * until the sort is done */
			d->name = (const char *)pd;
			i++;
		}
	}
	h->ndev = n;
	qsort(h->devs, n, sizeof(*h->devs), cmp_dev);
	for (i = 1; i < n; i++)
		if (!cmp_dev(&h->devs[i - 1], &h->devs[i])) {
			igp_log(h, IGP_ERR, "%s: two devices at one address",
				devdir);
			free(sysbus);
			free(devdir);
			return -EEXIST;
		}
	read_proc(h);
	igp_scan_dmesg(h);
	for (i = 0; i < n; i++) {
		struct ig_dev *d = &h->devs[i];
		struct igp_devx *x = &h->x[i];
		char *base;

		x->pdev = (struct pci_dev *)d->name;
		d->name = NULL;
		d->parent = IG_NONE;
		d->physfn = IG_NONE;
		d->vmd_owner = IG_NONE;
		x->kgroup = -1;
		ig_pci_name(d->domain, d->bus, d->devfn, x->name);
		if (x->pdev && igp_pci_fill(x->pdev)) {
			x->problems |= IGP_PROB_VANISHED;
			igp_log(h, IGP_ERR, "%s: libpci could not read it",
				x->name);
		} else if (x->pdev) {
			x->vendor = x->pdev->vendor_id;
			x->device = x->pdev->device_id;
			x->class16 = x->pdev->device_class;
		}
		p = path_join(devdir, x->name);
		x->syspath = p ? resolve_link(p) : NULL;
		/* the device's directory, opened once: its files are read
		 * relative to it (short path walks) */
		dfd = x->syspath ? open(x->syspath, O_PATH | O_DIRECTORY |
						      O_CLOEXEC) :
				   -1;
		if (dfd < 0 && x->syspath && p) {
			/* lexical resolution went wrong, or the link
			 * dangles: let realpath() decide and say why */
			free(x->syspath);
			x->syspath = realpath(p, NULL);
		}
		if (!x->syspath) {
			x->problems |= IGP_PROB_BAD_LINK;
			igp_log(h, IGP_ERR, "%s: %s: %s", x->name, p,
				strerror(errno));
			x->syspath = p;
			p = NULL;
		}
		free(p);
		read_config(h, i, dfd);
		if (!x->pdev)
			ids_by_hand(h, i);
		if (d->config_len >= 12) {
			x->revision = x->cfg[8];
			x->class24 = (uint32_t)x->cfg[11] << 16 |
				     (uint32_t)x->cfg[10] << 8 | x->cfg[9];
		}
		/* only the driver's name is used: no check that it exists */
		base = link_base_at(dfd, x->syspath, "driver", NULL);
		if (base)
			x->driver = base;
		base = link_base_at(dfd, x->syspath, "iommu_group", &dangling);
		if (base) {
			char *end;
			long g = strtol(base, &end, 10);

			if (*end || g < 0) {
				igp_log(h, IGP_WARN,
					"%s: %s/iommu_group: odd target %s",
					x->name, x->syspath, base);
			} else {
				x->kgroup = g;
				h->any_group_link = 1;
			}
			if (dangling)
				igp_log(h, IGP_WARN,
					"%s: %s/iommu_group: dangling link",
					x->name, x->syspath);
			free(base);
		}
		/* read now, used in the second pass */
		x->physfn_base = link_base_at(dfd, x->syspath, "physfn", NULL);
		if (dfd >= 0)
			close(dfd);
	}
	/* second pass: relations, which need the whole sorted table */
	for (i = 0; i < n; i++) {
		struct ig_dev *d = &h->devs[i];
		struct igp_devx *x = &h->x[i];
		char *base, *dup, *comp;
		uint32_t pd2, pb, pf;
		int first = 1;

		base = x->physfn_base;
		x->physfn_base = NULL;
		if (base) {
			idx = igp_find_name(h, base);
			if (idx < 0 || (uint32_t)idx == i) {
				x->problems |= IGP_PROB_BAD_LINK;
				igp_log(h, IGP_ERR,
					"%s: %s/physfn: %s is not in the tree",
					x->name, x->syspath, base);
			} else {
				d->physfn = (uint32_t)idx;
			}
			free(base);
		}
		if (x->problems & (IGP_PROB_BAD_LINK | IGP_PROB_VANISHED)) {
			d->parent = IG_NONE - 1; /* from bus numbers */
			continue;
		}
		/* walk up the realpath: the first component is the parent
		 * bridge or the root bus; a PCI device above a root bus owns
		 * that domain (VMD) */
		dup = strdup(x->syspath);
		if (!dup)
			continue;
		for (;;) {
			comp = strrchr(dup, '/');
			if (!comp || comp == dup)
				break;
			*comp = 0;
			comp = strrchr(dup, '/');
			if (!comp)
				break;
			comp++;
			if (!igp_parse_bdf(comp, &pd2, &pb, &pf)) {
				idx = igp_find(h, pd2, pb, pf);
				if (idx < 0) {
					x->problems |= IGP_PROB_BAD_LINK;
					igp_log(h, IGP_ERR,
						"%s: sysfs parent %s is not in sys/bus/pci/devices",
						x->name, comp);
					if (first)
						d->parent = IG_NONE - 1;
				} else if (first && !igp_is_bridge(&h->devs[idx])) {
					/* the core refuses a parent that is not
					 * a bridge: say which, fall back to bus
					 * numbers, and mark the answer */
					x->problems |= IGP_PROB_BAD_LINK;
					igp_log(h, IGP_ERR,
						"%s: sysfs nests it below %s, which is not a bridge; using bus numbers instead",
						x->name, comp);
					d->parent = IG_NONE - 1;
				} else if (first) {
					d->parent = (uint32_t)idx;
				} else {
					d->vmd_owner = (uint32_t)idx;
				}
				break;
			}
			if (igp_is_root_bus_dir(comp)) {
				if (!first)
					break;
				first = 0;
				continue;
			}
			if (first) {
				/* neither a bridge nor a root bus */
				igp_log(h, IGP_WARN,
					"%s: unexpected sysfs parent %s",
					x->name, comp);
				d->parent = IG_NONE - 1;
				break;
			}
			if (!strcmp(comp, "devices"))
				break;
		}
		free(dup);
	}
	igp_finish_table(h);
	read_kernel_groups(h);
	detect_iommu(h);
	/* devices the IOMMU does not take */
	for (i = 0; i < n; i++) {
		struct igp_devx *x = &h->x[i];

		if (h->any_group_link && x->kgroup < 0 &&
		    !(x->problems & (IGP_PROB_VANISHED |
				     IGP_PROB_CFG_UNREADABLE))) {
			h->devs[i].flags |= IG_DEV_IOMMU_REJECT;
			x->problems |= IGP_PROB_REJECT_NOTE;
		}
		if (x->problems & (IGP_PROB_VANISHED | IGP_PROB_CFG_UNREADABLE |
				   IGP_PROB_BAD_LINK))
			h->nproblems++;
		/* gone: the kernel has no such device (any more) */
		if (x->problems & IGP_PROB_VANISHED)
			h->devs[i].flags |= IG_DEV_NOT_PRESENT;
	}
	free(sysbus);
	free(devdir);
	return 0;
}

/* the AMD IOMMU's own PCI function never gets a group (its rlookup entry
 * is cleared on purpose, drivers/iommu/amd/init.c) */
void igp_mark_rejects(struct igp_host *h, uint32_t iommu)
{
	uint32_t i;

	for (i = 0; i < h->ndev; i++)
		if (iommu == IG_IOMMU_AMD && h->x[i].vendor == 0x1022 &&
		    h->x[i].class16 == 0x0806) {
			h->devs[i].flags |= IG_DEV_IOMMU_REJECT;
			h->x[i].problems |= IGP_PROB_AMD_IOMMU;
		}
}

void igp_host_free(struct igp_host *h)
{
	uint32_t i;

	for (i = 0; i < h->ndev; i++) {
		free(h->x[i].syspath);
		free(h->x[i].driver);
		free(h->x[i].physfn_base);
		free(h->x[i].cfg);
	}
	for (i = 0; i < h->nkm; i++)
		free(h->km[i].link);
	free(h->km);
	free(h->devs);
	free(h->x);
	free(h->root);
	free(h->cmdline);
	free(h->version);
	free(h->dmesg);
	free(h->aliases);
	free(h->root_order);
	free(h->log_order);
	free(h->log_group);
	if (h->pacc) {
		igp_pci_host = h;
		igp_pci_armed = 1;
		if (!setjmp(igp_pci_jmp))
			pci_cleanup(h->pacc);
		igp_pci_armed = 0;
	}
	memset(h, 0, sizeof(*h));
}

/*
 * What "lspci -nns ADDR" prints for device @i (pciutils 3.x show_terse()):
 * the slot (with the domain when any device of the tree has a non-zero
 * one), class and device names with numbers, "(rev xx)" when non-zero.
 */
int igp_lspci_line(struct igp_host *h, uint32_t i, char *buf, size_t len)
{
	struct igp_devx *x = &h->x[i];
	char cls[256], dev[256], slot[IG_NAME_MAX + 8], rev[16];
	const char *c, *v;

	if (h->any_domain)
		snprintf(slot, sizeof(slot), "%04x:", h->devs[i].domain);
	else
		slot[0] = 0;
	snprintf(slot + strlen(slot), sizeof(slot) - strlen(slot),
		 "%02x:%02x.%d", h->devs[i].bus, h->devs[i].devfn >> 3,
		 h->devs[i].devfn & 7);
	igp_pci_host = h;
	igp_pci_armed = 1;
	if (setjmp(igp_pci_jmp)) {
		igp_pci_armed = 0;
		return -EIO;
	}
	c = pci_lookup_name(h->pacc, cls, sizeof(cls), PCI_LOOKUP_CLASS,
			    (int)x->class16);
	v = pci_lookup_name(h->pacc, dev, sizeof(dev),
			    PCI_LOOKUP_VENDOR | PCI_LOOKUP_DEVICE,
			    (int)x->vendor, (int)x->device);
	igp_pci_armed = 0;
	rev[0] = 0;
	if (x->revision)
		snprintf(rev, sizeof(rev), " (rev %02x)", x->revision);
	return snprintf(buf, len, "%s %s: %s%s", slot, c, v, rev);
}

/* names without numbers (for JSON); "" when pci.ids does not know them */
int igp_names(struct igp_host *h, uint32_t i, char *cls, char *ven,
	      char *dev, size_t len)
{
	struct igp_devx *x = &h->x[i];
	const char *r;

	igp_pci_host = h;
	igp_pci_armed = 1;
	if (setjmp(igp_pci_jmp)) {
		igp_pci_armed = 0;
		return -EIO;
	}
	r = pci_lookup_name(h->pacc, cls, (int)len,
			    PCI_LOOKUP_CLASS | PCI_LOOKUP_NO_NUMBERS,
			    (int)x->class16);
	if (r != cls)
		snprintf(cls, len, "%s", r ? r : "");
	r = pci_lookup_name(h->pacc, ven, (int)len,
			    PCI_LOOKUP_VENDOR | PCI_LOOKUP_NO_NUMBERS,
			    (int)x->vendor);
	if (r != ven)
		snprintf(ven, len, "%s", r ? r : "");
	r = pci_lookup_name(h->pacc, dev, (int)len,
			    PCI_LOOKUP_DEVICE | PCI_LOOKUP_NO_NUMBERS,
			    (int)x->vendor, (int)x->device);
	if (r != dev)
		snprintf(dev, len, "%s", r ? r : "");
	igp_pci_armed = 0;
	return 0;
}
