// SPDX-License-Identifier: GPL-2.0-only OR MIT
/*
 * dump.c - fill the device table from an "lspci -xxxx" dump through
 * libpci's dump access method.  A dump has config space but no sysfs:
 * parents come from the bridges' secondary bus numbers, and there is no
 * kernel version, command line, SR-IOV relation or kernel answer in it.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <pci/pci.h>

#include "igp.h"

static int cmp_addr(const void *pa, const void *pb)
{
	const struct ig_dev *a = pa, *b = pb;

	if (a->domain != b->domain)
		return a->domain < b->domain ? -1 : 1;
	if (a->bus != b->bus)
		return a->bus < b->bus ? -1 : 1;
	return a->devfn < b->devfn ? -1 : a->devfn > b->devfn;
}

/* how many bytes the dump holds for the device: 4096, 256 or 64 */
static uint32_t dump_read(struct pci_dev *p, uint8_t *buf)
{
	static const int sizes[] = { 4096, 256, 64 };
	unsigned int k;

	for (k = 0; k < sizeof(sizes) / sizeof(sizes[0]); k++)
		if (pci_read_block(p, 0, buf, sizes[k]))
			return (uint32_t)sizes[k];
	return 0;
}

static uint32_t rd(const struct ig_dev *d, uint32_t off, uint32_t len)
{
	uint32_t v = 0, k;

	if (off + len > d->config_len)
		return 0;
	for (k = 0; k < len; k++)
		v |= (uint32_t)d->config[off + k] << (8 * k);
	return v;
}

/*
 * A dump has no physfn links: find SR-IOV VFs from their PF's SR-IOV
 * capability (NumVFs, First VF Offset, VF Stride), as the kernel computes
 * their routing IDs (pci_iov_virtfn_bus/devfn).
 */
static void find_vfs(struct igp_host *h)
{
	uint32_t i, pos, hdr, ttl, nvf, first, stride, k, rid, b, df;
	int64_t v;

	for (i = 0; i < h->ndev; i++) {
		const struct ig_dev *d = &h->devs[i];

		if (d->config_len < 4096)
			continue;
		for (pos = 0x100, ttl = 480; pos >= 0x100 && ttl--;
		     pos = (hdr >> 20) & 0xffc) {
			hdr = rd(d, pos, 4);
			if (!hdr || hdr == 0xffffffff)
				break;
			if ((hdr & 0xffff) != 0x0010)
				continue;
			nvf = rd(d, pos + 0x10, 2);
			first = rd(d, pos + 0x14, 2);
			stride = rd(d, pos + 0x16, 2);
			for (k = 0; k < nvf && k < 256; k++) {
				rid = ((uint32_t)d->bus << 8 | d->devfn) + first +
				      k * stride;
				b = (rid >> 8) & 0xff;
				df = rid & 0xff;
				v = igp_find(h, d->domain, b, df);
				if (v >= 0 && (uint32_t)v != i &&
				    h->devs[v].physfn == IG_NONE)
					h->devs[v].physfn = i;
			}
			break;
		}
	}
}

static int is_hex(int c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') ||
	       (c >= 'A' && c <= 'F');
}

/*
 * Check the dump before libpci reads it: libpci 3.9's dump parser trusts
 * its input too far (fuzzing found a write out of its buffer).  Accepted
 * lines are exactly what "lspci -xxxx" prints: empty lines, device lines
 * "[dddd:]bb:dd.f ..." and data lines "off: hh hh ..." with a 2-3 digit
 * offset and whole bytes ending at or before 4096.  Returns 0, or the
 * number of the first bad line.
 */
static long check_dump(FILE *f)
{
	char buf[512];
	long line = 0;
	size_t len, k, hexn;
	unsigned long off;

	while (fgets(buf, sizeof(buf), f)) {
		line++;
		len = strlen(buf);
		if (!len || buf[len - 1] != '\n')
			return line; /* too long, or no newline */
		buf[--len] = 0;
		if (len && buf[len - 1] == '\r')
			buf[--len] = 0;
		if (!len)
			continue;
		for (k = 0; k < len; k++)
			if ((unsigned char)buf[k] < 0x20 && buf[k] != '\t')
				return line;
		/* a data line: hex offset, ": ", then " hh" bytes */
		for (hexn = 0; hexn < len && is_hex(buf[hexn]); hexn++)
			;
		if ((hexn == 2 || hexn == 3) && buf[hexn] == ':' &&
		    buf[hexn + 1] == ' ') {
			off = strtoul(buf, NULL, 16);
			k = hexn + 1;
			while (k < len) {
				if (buf[k] != ' ' || k + 2 >= len + 0 ||
				    !is_hex(buf[k + 1]) || !is_hex(buf[k + 2]) ||
				    (k + 3 < len && buf[k + 3] != ' '))
					return line;
				if (++off > 4096)
					return line;
				k += 3;
			}
			continue;
		}
		/* a device line: [dddd:]bb:dd.f and a space */
		k = 0;
		for (hexn = 0; k < len && is_hex(buf[k]); k++)
			hexn++;
		if (hexn >= 4 && hexn <= 8 && k < len && buf[k] == ':') {
			k++;
			for (hexn = 0; k < len && is_hex(buf[k]); k++)
				hexn++;
		}
		if (hexn != 2 || k >= len || buf[k] != ':')
			return line;
		k++;
		if (k + 4 > len || !is_hex(buf[k]) || !is_hex(buf[k + 1]) ||
		    buf[k + 2] != '.' || buf[k + 3] < '0' || buf[k + 3] > '7' ||
		    (k + 4 < len && buf[k + 4] != ' '))
			return line;
	}
	return 0;
}

int igp_load_dump(struct igp_host *h, const char *file)
{
	struct pci_dev *p;
	uint32_t n = 0, i;
	int ret, any4096 = 0;

	{
		FILE *f = fopen(file, "re");
		long bad;

		if (!f) {
			igp_log(h, IGP_ERR, "%s: %s", file, strerror(errno));
			return -ENOENT;
		}
		bad = check_dump(f);
		fclose(f);
		if (bad) {
			igp_log(h, IGP_ERR,
				"%s: line %ld is not a line of \"lspci -xxxx\" output",
				file, bad);
			return -EINVAL;
		}
	}
	h->root = strdup("");
	h->pacc = igp_pci_alloc(h);
	if (!h->pacc || !h->root)
		return -ENOMEM;
	h->pacc->method = PCI_ACCESS_DUMP;
	{
		char pname[] = "dump.name";
		char *fcopy = strdup(file);

		if (!fcopy)
			return -ENOMEM;
		pci_set_param(h->pacc, pname, fcopy);
		free(fcopy);
	}
	ret = igp_pci_scan(h);
	if (ret) {
		igp_log(h, IGP_ERR, "%s: not a readable lspci dump", file);
		return ret;
	}
	for (p = h->pacc->devices; p; p = p->next)
		n++;
	if (!n) {
		igp_log(h, IGP_ERR, "%s: no devices in the dump", file);
		return -ENOENT;
	}
	h->devs = calloc(n, sizeof(*h->devs));
	h->x = calloc(n, sizeof(*h->x));
	if (!h->devs || !h->x)
		return -ENOMEM;
	i = 0;
	for (p = h->pacc->devices; p; p = p->next, i++) {
		h->devs[i].domain = (uint32_t)p->domain;
		h->devs[i].bus = p->bus;
		h->devs[i].devfn = (uint8_t)((p->dev << 3) | p->func);
		h->devs[i].name = (const char *)p;
	}
	h->ndev = n;
	qsort(h->devs, n, sizeof(*h->devs), cmp_addr);
	for (i = 0; i < n; i++) {
		struct ig_dev *d = &h->devs[i];
		struct igp_devx *x = &h->x[i];

		x->pdev = (struct pci_dev *)d->name;
		d->name = NULL;
		d->parent = IG_NONE - 1; /* from bus numbers */
		d->physfn = IG_NONE;
		d->vmd_owner = IG_NONE;
		x->kgroup = -1;
		ig_pci_name(d->domain, d->bus, d->devfn, x->name);
		if (i && !cmp_addr(&h->devs[i - 1], d)) {
			igp_log(h, IGP_ERR, "%s: %s appears twice", file,
				x->name);
			return -EEXIST;
		}
		x->cfg = calloc(1, 4096);
		if (!x->cfg)
			return -ENOMEM;
		d->config_len = dump_read(x->pdev, x->cfg);
		d->config = x->cfg;
		if (d->config_len == 4096)
			any4096 = 1;
		if (d->config_len >= 12) {
			x->vendor = (uint16_t)(x->cfg[0] | x->cfg[1] << 8);
			x->device = (uint16_t)(x->cfg[2] | x->cfg[3] << 8);
			x->class16 = (uint16_t)(x->cfg[10] | x->cfg[11] << 8);
			x->class24 = (uint32_t)x->class16 << 8 | x->cfg[9];
			x->revision = x->cfg[8];
		} else {
			x->problems |= IGP_PROB_CFG_UNREADABLE;
			h->nproblems++;
			igp_log(h, IGP_ERR, "%s: %s: no config bytes", file,
				x->name);
		}
		x->pdev->vendor_id = x->vendor;
		x->pdev->device_id = x->device;
		x->pdev->device_class = x->class16;
	}
	/* "lspci -xxxx" prints 4096 bytes where the kernel has them and 256
	 * for conventional devices: with any 4096-byte device in the dump,
	 * 256 bytes is everything the device has */
	for (i = 0; i < n; i++) {
		struct ig_dev *d = &h->devs[i];

		if (d->config_len == 4096 ||
		    (any4096 && d->config_len == 256))
			d->flags |= IG_DEV_CFG_FULL;
		else if (d->config_len >= 12) {
			h->x[i].problems |= IGP_PROB_CFG_SHORT;
			h->nshort++;
		}
	}
	find_vfs(h);
	if (h->nshort)
		igp_log(h, IGP_WARN,
			"%s: %u devices without their 4096-byte config space (dump taken with -xxxx as root?)",
			file, h->nshort);
	igp_finish_table(h);
	return 0;
}
