// SPDX-License-Identifier: GPL-2.0-only OR MIT
/*
 * kver.c - the target kernel's upstream version from /proc/version, and the
 * kernel log lines that matter for a prediction.
 */
#define _GNU_SOURCE
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/klog.h>

#include "igp.h"

/* "6.1.192", "6.12", "6.1.0-56-amd64": the leading a.b[.c] */
static int parse_dotted(const char *s, uint32_t *kver, const char **endp)
{
	unsigned long a, b, c = 0;
	char *e;

	if (!isdigit((unsigned char)*s))
		return -EINVAL;
	a = strtoul(s, &e, 10);
	if (*e != '.' || !isdigit((unsigned char)e[1]))
		return -EINVAL;
	b = strtoul(e + 1, &e, 10);
	if (*e == '.' && isdigit((unsigned char)e[1]))
		c = strtoul(e + 1, &e, 10);
	if (a > 255 || b > 255 || c > 0xffff)
		return -ERANGE;
	*kver = IG_KVER(a, b, c);
	if (endp)
		*endp = e;
	return 0;
}

int igp_parse_kver_arg(const char *s, uint32_t *kver)
{
	const char *e;

	if (parse_dotted(s, kver, &e))
		return -EINVAL;
	/* allow a distribution suffix: "6.1.0-56-amd64", "6.12.107-1" */
	if (*e && *e != '-' && *e != '+' && *e != '_' && *e != '~')
		return -EINVAL;
	return 0;
}

/*
 * The upstream version of the kernel a /proc/version line describes.
 *
 * "Linux version 6.1.0-56-amd64 (debian-kernel@lists.debian.org) (gcc-12
 * ...) #1 SMP PREEMPT_DYNAMIC Debian 6.1.192-2 (2026-...)": the release
 * string says 6.1.0, the upstream version is in "Debian 6.1.192-2".
 * Ubuntu: "... (Ubuntu 5.15.0-91.101-generic 5.15.131)": the last word of
 * that parenthesis.  Otherwise the release string.
 */
int igp_parse_kver(const char *version, uint32_t *kver)
{
	const char *p, *q, *e;
	uint32_t v;

	p = strstr(version, "Linux version ");
	if (!p)
		return -EINVAL;
	p += strlen("Linux version ");
	if (parse_dotted(p, kver, NULL))
		return -EINVAL;
	/* the release string ends at the first space; look after it */
	p = strchr(p, ' ');
	if (!p)
		return 0;
	for (q = p; (q = strstr(q, " Debian ")); q++) {
		if (!parse_dotted(q + 8, &v, &e) && (*e == '-' || *e == ' ' ||
						     *e == '+' || !*e)) {
			*kver = v;
			return 0;
		}
	}
	/* the last "(Ubuntu " parenthesis: the compiler's comes first */
	q = NULL;
	for (e = p; (e = strstr(e, "(Ubuntu ")); e++)
		q = e;
	if (q) {
		e = strchr(q, ')');
		if (e) {
			const char *w = e;

			while (w > q && w[-1] != ' ')
				w--;
			if (!parse_dotted(w, &v, NULL)) {
				*kver = v;
				return 0;
			}
		}
	}
	return 0;
}

static void add_alias(struct igp_host *h, int64_t dev, unsigned int slot,
		      unsigned int fn)
{
	struct ig_alias *na;

	if (dev < 0 || slot > 31 || fn > 7)
		return;
	na = realloc(h->aliases, (h->naliases + 1) * sizeof(*na));
	if (!na)
		return;
	h->aliases = na;
	na[h->naliases].dev = (uint32_t)dev;
	na[h->naliases].devfn = (uint8_t)((slot << 3) | fn);
	h->naliases++;
}

/* one "Adding to iommu group" line of a PCI device */
static void log_add(struct igp_host *h, int64_t dev, long g)
{
	uint32_t *no;
	int64_t *ng;

	if (dev < 0) {
		h->nlog_unknown++;
		return;
	}
	no = realloc(h->log_order, (h->nlog_order + 1) * sizeof(*no));
	if (!no)
		return;
	h->log_order = no;
	ng = realloc(h->log_group, (h->nlog_order + 1) * sizeof(*ng));
	if (!ng)
		return;
	h->log_group = ng;
	no[h->nlog_order] = (uint32_t)dev;
	ng[h->nlog_order] = g;
	h->nlog_order++;
}

/*
 * One line of the kernel log (the "[ time] " prefix removed).
 */
static void scan_line(struct igp_host *h, const char *l, int *seen_pci_group,
		      int64_t *max_platform)
{
	const char *p;
	char name[64];
	unsigned int d, b, s1, f1, s2, f2;
	int64_t dev;
	long g;

	if (!h->iommu && (!strncmp(l, "DMAR:", 5) || strstr(l, " DMAR:"))) {
		h->iommu = IG_IOMMU_INTEL;
		h->iommu_why = "kernel log: DMAR";
	} else if (!h->iommu && (!strncmp(l, "AMD-Vi:", 7) ||
				 strstr(l, " AMD-Vi:"))) {
		h->iommu = IG_IOMMU_AMD;
		h->iommu_why = "kernel log: AMD-Vi";
	}
	p = strstr(l, "PCI host bridge to bus ");
	if (p && sscanf(p + 23, "%x:%x", &d, &b) == 2) {
		uint64_t *nr = realloc(h->root_order,
				       (h->nroot_order + 1) * sizeof(*nr));

		if (nr) {
			h->root_order = nr;
			nr[h->nroot_order++] = ((uint64_t)d << 8) | (b & 0xff);
		}
	}
	p = strstr(l, ": Enabling fixed DMA alias ");
	if (p && !strncmp(l, "pci ", 4)) {
		size_t n = (size_t)(p - (l + 4));

		if (n < sizeof(name)) {
			memcpy(name, l + 4, n);
			name[n] = 0;
			dev = igp_find_name(h, name);
			p += strlen(": Enabling fixed DMA alias ");
			if (sscanf(p, "to %x.%x", &s1, &f1) == 2) {
				add_alias(h, dev, s1, f1);
			} else if (sscanf(p, "for devfn range from %x.%x to %x.%x",
					  &s1, &f1, &s2, &f2) == 4) {
				unsigned int a = (s1 << 3) | f1;
				unsigned int z = (s2 << 3) | f2;

				for (; a <= z && a < 256; a++)
					add_alias(h, dev, a >> 3, a & 7);
			}
		}
	}
	p = strstr(l, ": Adding to iommu group ");
	if (p) {
		g = strtol(p + strlen(": Adding to iommu group "), NULL, 10);
		if (!strncmp(l, "pci ", 4)) {
			size_t n = (size_t)(p - (l + 4));

			*seen_pci_group = 1;
			if (n < sizeof(name)) {
				memcpy(name, l + 4, n);
				name[n] = 0;
				log_add(h, igp_find_name(h, name), g);
			}
		} else {
			h->nlog_platform++;
			if (!*seen_pci_group && g > *max_platform)
				*max_platform = g;
		}
	} else if (!strncmp(l, "iommu: Adding device ", 21) &&
		   sscanf(l + 21, "%63s to group %ld", name, &g) == 2) {
		/* kernels before about v5.2 */
		if (igp_parse_bdf(name, &d, &b, &s1) == 0) {
			*seen_pci_group = 1;
			log_add(h, igp_find_name(h, name), g);
		} else {
			h->nlog_platform++;
		}
	}
}

void igp_scan_dmesg(struct igp_host *h)
{
	char *path = NULL, *line, *nl;
	int seen_pci_group = 0;
	int64_t max_platform = -1;

	if (h->live) {
		int len = klogctl(10, NULL, 0); /* SYSLOG_ACTION_SIZE_BUFFER */

		if (len > 0) {
			h->dmesg = malloc((size_t)len + 1);
			if (h->dmesg) {
				len = klogctl(3, h->dmesg, len); /* READ_ALL */
				if (len < 0) {
					free(h->dmesg);
					h->dmesg = NULL;
				} else {
					h->dmesg[len] = 0;
				}
			}
		}
		if (!h->dmesg)
			igp_log(h, IGP_DEBUG,
				"kernel log not readable: %s", strerror(errno));
	} else if (asprintf(&path, "%s/dmesg", h->root) >= 0) {
		h->dmesg = igp_read_text(path, 64 << 20, NULL);
		free(path);
	}
	if (!h->dmesg)
		return;
	for (line = h->dmesg; line && *line; line = nl) {
		char *l = line;

		nl = strchr(line, '\n');
		if (nl)
			*nl = 0;
		/* "<6>[    0.000000] " and "[    0.000000] " prefixes */
		if (*l == '<') {
			char *c = strchr(l, '>');

			if (c)
				l = c + 1;
		}
		if (*l == '[') {
			char *c = strchr(l, ']');

			if (c) {
				l = c + 1;
				while (*l == ' ')
					l++;
			}
		}
		scan_line(h, l, &seen_pci_group, &max_platform);
		if (nl)
			*nl++ = '\n';
	}
	if (max_platform >= 0) {
		h->first_number = (uint32_t)max_platform + 1;
		h->log_first_set = 1;
	}
}
