// SPDX-License-Identifier: GPL-2.0-only OR MIT
/*
 * fzio.c - file helpers of the provider fuzz targets (see fzio.h).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "fz.h"
#include "fzio.h"

static char scratch[PATH_MAX];

static int rm_one(const char *p, const struct stat *st, int flag,
		  struct FTW *f)
{
	(void)st;
	(void)f;
	if (flag == FTW_DP)
		rmdir(p);
	else
		unlink(p);
	return 0;
}

void fz_rmtree(const char *path)
{
	nftw(path, rm_one, 16, FTW_DEPTH | FTW_PHYS);
}

static void cleanup(void)
{
	if (scratch[0])
		fz_rmtree(scratch);
}

const char *fz_scratch(void)
{
	const char *t;

	if (scratch[0])
		return scratch;
	t = access("/dev/shm", W_OK) ? getenv("TMPDIR") : "/dev/shm";
	snprintf(scratch, sizeof(scratch), "%s/igfuzz-XXXXXX", t ? t : "/tmp");
	if (!mkdtemp(scratch)) {
		perror(scratch);
		abort();
	}
	atexit(cleanup);
	return scratch;
}

int fz_write(const char *path, const void *buf, size_t len)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	ssize_t r;

	if (fd < 0)
		return -1;
	r = write(fd, buf, len);
	close(fd);
	return r == (ssize_t)len ? 0 : -1;
}

/* a device whose parent's header says it is not a bridge */
static int nonbridge_parent(const struct igp_host *h)
{
	uint32_t i, p;

	for (i = 0; i < h->ndev; i++) {
		p = h->devs[i].parent;
		if (p != IG_NONE && h->devs[p].config_len > 0x0e &&
		    (h->devs[p].config[0x0e] & 0x7f) != 1 &&
		    (h->devs[p].config[0x0e] & 0x7f) != 2)
			return 1;
	}
	return 0;
}

void fz_predict_host(struct igp_host *h, uint32_t acs_source)
{
	struct ig_opts o;
	struct ig_ctx *ctx;
	struct ig_result res;
	size_t len;
	void *ws;
	uint32_t i;
	int ret;

	for (i = 0; i < h->ndev; i++) {
		const struct ig_dev *d = &h->devs[i];
		char name[IG_NAME_MAX];

		if (d->parent != IG_NONE && d->parent >= h->ndev)
			FZ_FAIL("%s: provider left parent %#x", h->x[i].name,
				d->parent);
		if (d->physfn != IG_NONE && d->physfn >= h->ndev)
			FZ_FAIL("%s: provider left physfn %#x", h->x[i].name,
				d->physfn);
		if (d->vmd_owner != IG_NONE && d->vmd_owner >= h->ndev)
			FZ_FAIL("%s: provider left vmd_owner %#x",
				h->x[i].name, d->vmd_owner);
		if (d->config_len > 4096 || (d->config_len && !d->config))
			FZ_FAIL("%s: config %u bytes", h->x[i].name,
				d->config_len);
		ig_pci_name(d->domain, d->bus, d->devfn, name);
		if (strcmp(name, h->x[i].name))
			FZ_FAIL("%s named %s", name, h->x[i].name);
	}
	memset(&o, 0, sizeof(o));
	o.kernel = h->kver ? h->kver : IG_KVER(6, 12, 107);
	o.cmdline = h->cmdline;
	o.iommu = h->iommu ? h->iommu : IG_IOMMU_INTEL;
	o.acs_source = acs_source;
	o.aliases = h->aliases;
	o.naliases = h->naliases;
	o.root_order = h->root_order;
	o.nroot_order = h->nroot_order;
	o.first_number = h->first_number;
	igp_mark_rejects(h, o.iommu);
	len = ig_workspace_size(h->ndev, 0);
	if (!len)
		return;
	ws = malloc(len);
	if (!ws)
		abort();
	ret = ig_init(ws, len, h->devs, h->ndev, NULL, 0, &o, &ctx);
	/* a cycle of bridge bus numbers or two devices at one address is
	 * refused with a clear error; anything else means the provider
	 * built a table the core cannot take */
	if (ret == -EINVAL && nonbridge_parent(h))
		ret = -ELOOP; /* a device below an endpoint: refused, see
			       * README.md (known finding) */
	if (ret && ret != -ELOOP && ret != -EEXIST)
		FZ_FAIL("ig_init refused the provider's table: %d", ret);
	if (!ret) {
		if (ig_predict(ctx, &res))
			FZ_FAIL("ig_predict failed");
		fz_check(ctx, h->devs, h->ndev, NULL, 0, &o, &res, 1);
	}
	free(ws);
}
