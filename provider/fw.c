// SPDX-License-Identifier: GPL-2.0-only OR MIT
/*
 * fw.c - the firmware's IOMMU tables of a host or a capture
 * (sys/firmware/acpi/tables/DMAR and IVRS, readable by root only): which
 * IOMMU unit covers each device (struct ig_dev.iommu_unit), which devices
 * no unit covers (IG_DEV_IOMMU_REJECT), IVRS same-bus DMA aliases and the
 * groups of IVRS ACPI-HID devices.  The parsing is the core's.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <dirent.h>

#include "igp.h"

/* real DMAR and IVRS tables are a few KiB; the parsers' cost grows with
 * the entries times the devices */
#define FW_TABLE_MAX (256u << 10)

/* a binary file; NULL and *exists = 0 if there is none */
static uint8_t *read_table(struct igp_host *h, const char *name, size_t *len,
			   int *exists)
{
	char *path = NULL;
	uint8_t *buf = NULL;
	FILE *f;
	size_t n;

	*exists = 0;
	if (asprintf(&path, "%s/sys/firmware/acpi/tables/%s", h->root,
		     name) < 0)
		return NULL;
	if (access(path, F_OK)) {
		free(path);
		return NULL;
	}
	*exists = 1;
	f = fopen(path, "rbe");
	if (!f) {
		igp_log(h, IGP_DEBUG, "%s: %s", path, strerror(errno));
		free(path);
		return NULL;
	}
	buf = malloc(FW_TABLE_MAX);
	if (buf) {
		n = fread(buf, 1, FW_TABLE_MAX, f);
		if (ferror(f) || n == 0) {
			igp_log(h, IGP_DEBUG, "%s: not readable", path);
			free(buf);
			buf = NULL;
		} else {
			*len = n;
		}
	}
	fclose(f);
	free(path);
	return buf;
}

static uint32_t count_class_iommu(const struct igp_host *h)
{
	char *dir = NULL;
	struct dirent *e;
	uint32_t n = 0;
	DIR *d;

	if (asprintf(&dir, "%s/sys/class/iommu", h->root) < 0)
		return 0;
	d = opendir(dir);
	free(dir);
	if (!d)
		return 0;
	while ((e = readdir(d)))
		if (e->d_name[0] != '.')
			n++;
	closedir(d);
	return n;
}

static void apply_units(struct igp_host *h, const uint32_t *unit)
{
	uint32_t i;

	for (i = 0; i < h->ndev; i++) {
		if (unit[i] == IG_NONE) {
			if (!(h->devs[i].flags & IG_DEV_IOMMU_REJECT)) {
				h->devs[i].flags |= IG_DEV_IOMMU_REJECT;
				h->x[i].problems |= IGP_PROB_FW_REJECT;
				h->fw_rejects++;
			}
		} else {
			h->devs[i].iommu_unit = unit[i];
		}
	}
}

static int do_dmar(struct igp_host *h, const uint8_t *t, size_t len)
{
	struct ig_dmar d;
	uint32_t *sdev = NULL, *unit = NULL, nact = 0;
	int ret;

	memset(&d, 0, sizeof(d));
	ret = ig_dmar_parse(t, len, &d);
	if (ret == -ENOSPC) {
		d.units = calloc(d.nunits + 1, sizeof(*d.units));
		d.scopes = calloc(d.nscopes + 1, sizeof(*d.scopes));
		d.andd = calloc(d.nandd + 1, sizeof(*d.andd));
		d.units_max = d.nunits;
		d.scopes_max = d.nscopes;
		d.andd_max = d.nandd;
		if (!d.units || !d.scopes || !d.andd)
			ret = -ENOMEM;
		else
			ret = ig_dmar_parse(t, len, &d);
	}
	if (!ret) {
		sdev = calloc(d.nscopes + 1, sizeof(*sdev));
		unit = calloc(h->ndev + 1, sizeof(*unit));
		ret = sdev && unit ? ig_dmar_assign(&d, h->devs, h->ndev, sdev,
						    unit, &nact) :
				     -ENOMEM;
	}
	if (!ret) {
		apply_units(h, unit);
		h->fw_units = nact;
		igp_log(h, IGP_DEBUG,
			"DMAR: %u units (%u register), %u device scopes, %u ANDD",
			d.nunits, nact, d.nscopes, d.nandd);
	}
	free(d.units);
	free(d.scopes);
	free(d.andd);
	free(sdev);
	free(unit);
	return ret;
}

static int do_ivrs(struct igp_host *h, const uint8_t *t, size_t len,
		   uint32_t kver)
{
	struct ig_ivrs v;
	struct ig_alias *al = NULL, *na;
	uint32_t *unit = NULL, nal = 0, k, type;
	int ret;

	memset(&v, 0, sizeof(v));
	ret = ig_ivrs_parse(t, len, &v);
	if (ret == -ENOSPC) {
		v.ivhd = calloc(v.nivhd + 1, sizeof(*v.ivhd));
		v.entries = calloc(v.nentries + 1, sizeof(*v.entries));
		v.ivhd_max = v.nivhd;
		v.entries_max = v.nentries;
		ret = v.ivhd && v.entries ? ig_ivrs_parse(t, len, &v) : -ENOMEM;
	}
	if (!ret) {
		unit = calloc(h->ndev + 1, sizeof(*unit));
		ret = unit ? ig_ivrs_assign(&v, h->devs, h->ndev, unit, NULL, 0,
					    &nal) :
			     -ENOMEM;
		if (ret == -ENOSPC) {
			al = calloc(nal + 1, sizeof(*al));
			ret = al ? ig_ivrs_assign(&v, h->devs, h->ndev, unit, al,
						  nal, &nal) :
				   -ENOMEM;
		}
	}
	if (!ret) {
		apply_units(h, unit);
		type = ig_ivrs_target_type(&v);
		for (k = 0; k < v.nivhd; k++)
			if (v.ivhd[k].type == type)
				h->fw_units++;
		if (nal) {
			na = realloc(h->aliases,
				     (h->naliases + nal) * sizeof(*na));
			if (na) {
				memcpy(na + h->naliases, al, nal * sizeof(*na));
				h->aliases = na;
				h->naliases += nal;
				h->fw_aliases = nal;
			}
		}
		/* ACPI-HID platform devices: probed before PCI on >= 6.2
		 * (the platform bus comes first in iommu_buses[]), after PCI
		 * on 6.1; the kernel log, when there is one, knows better */
		h->fw_hid_groups = ig_ivrs_hid_groups(&v);
		if (!h->log_first_set && kver >= IG_KVER(6, 2, 0))
			h->first_number = h->fw_hid_groups;
		igp_log(h, IGP_DEBUG,
			"IVRS: %u IVHD (type %#x used: %u), %u entries, %u same-bus aliases, %u ACPI-HID groups",
			v.nivhd, type, h->fw_units, v.nentries, nal,
			h->fw_hid_groups);
	}
	free(v.ivhd);
	free(v.entries);
	free(unit);
	free(al);
	return ret;
}

int igp_firmware(struct igp_host *h, uint32_t iommu, uint32_t kver)
{
	const char *name;
	uint8_t *t;
	size_t len = 0;
	int exists, ret;

	h->nclass_iommu = count_class_iommu(h);
	if (iommu == IG_IOMMU_INTEL)
		name = "DMAR";
	else if (iommu == IG_IOMMU_AMD)
		name = "IVRS";
	else
		return 0;
	if (!h->root)
		return 0; /* an lspci dump has no tables */
	t = read_table(h, name, &len, &exists);
	if (!t) {
		h->fw_unreadable = exists;
		return 0;
	}
	ret = iommu == IG_IOMMU_INTEL ? do_dmar(h, t, len) :
					do_ivrs(h, t, len, kver);
	free(t);
	if (ret) {
		igp_log(h, IGP_WARN,
			"sys/firmware/acpi/tables/%s: %s; the IOMMU units are not known",
			name, ret == -EINVAL ? "malformed table" : strerror(-ret));
		return ret;
	}
	h->fw_table = name;
	return 0;
}

/* root buses of the table: (domain, bus) of functions without an upstream
 * bridge, not in a VMD domain (those are scanned when vmd binds); the
 * table is sorted by address, so one bus's functions are together */
uint32_t igp_root_buses(const struct igp_host *h)
{
	uint64_t key, last = UINT64_MAX;
	uint32_t i, n = 0;

	for (i = 0; i < h->ndev; i++) {
		const struct ig_dev *d = &h->devs[i];

		if (d->parent != IG_NONE || d->physfn != IG_NONE ||
		    d->vmd_owner != IG_NONE)
			continue;
		key = ((uint64_t)d->domain << 8) | d->bus;
		if (key != last)
			n++;
		last = key;
	}
	return n;
}
