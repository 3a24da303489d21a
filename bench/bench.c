// SPDX-License-Identifier: GPL-2.0-only OR MIT
/*
 * bench.c - time the core on synthetic topologies of 10,000 and 100,000
 * PCI functions built by one generator: per PCI domain, 8 root ports (half
 * with ACS), each with a switch of 8 downstream ports (half with ACS), each
 * with a two-function SR-IOV physical function and 126 virtual functions.
 * Prints the median and the best time of each phase over many runs, and
 * last a line "ratio: R" with R = best time(100k) / best time(10k): the
 * best of many runs is the estimate least disturbed by other work on the
 * machine.  Linear code gives about 10; caches make 100k a little dearer
 * per function than 10k.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "iommugroup.h"

#define MAXRUNS 41
#define NVF 126

enum { T_RP_ACS, T_RP, T_USP, T_DSP_ACS, T_DSP, T_PF, T_PF1, T_VF, T_N };

static uint8_t tmpl[T_N][4096];

static void put(uint8_t *c, uint32_t off, uint32_t len, uint32_t v)
{
	uint32_t i;

	for (i = 0; i < len; i++)
		c[off + i] = (uint8_t)(v >> (8 * i));
}

static void mk(uint8_t *c, uint16_t ven, uint16_t dev, uint8_t hdr, int type,
	       int acs)
{
	memset(c, 0, 4096);
	put(c, 0, 2, ven);
	put(c, 2, 2, dev);
	put(c, 6, 2, 0x10);
	put(c, 8, 4, (hdr & 0x7f) == 1 ? 0x06040000 : 0x02000000);
	c[0x0e] = hdr;
	c[0x34] = 0x40;
	c[0x40] = 0x10;
	put(c, 0x42, 2, (uint32_t)type << 4 | 2);
	if (acs) {
		put(c, 0x100, 4, 0x000d | (1u << 16));
		put(c, 0x104, 2, 0x1f);
		put(c, 0x106, 2, IG_ACS_REQ);
	}
}

static void templates(void)
{
	mk(tmpl[T_RP_ACS], 0x1b36, 0x000c, 1, IG_PT_RP, 1);
	mk(tmpl[T_RP], 0x8086, 0x3420, 1, IG_PT_RP, 0);
	mk(tmpl[T_USP], 0x104c, 0x8232, 1, IG_PT_USP, 0);
	mk(tmpl[T_DSP_ACS], 0x104c, 0x8233, 1, IG_PT_DSP, 1);
	mk(tmpl[T_DSP], 0x104c, 0x8233, 1, IG_PT_DSP, 0);
	mk(tmpl[T_PF], 0x15b3, 0x101d, 0x80, IG_PT_EP, 0);
	mk(tmpl[T_PF1], 0x15b3, 0x101d, 0x00, IG_PT_EP, 0);
	mk(tmpl[T_VF], 0x15b3, 0x101e, 0x00, IG_PT_EP, 0);
}

static uint32_t add(struct ig_dev *d, uint32_t *n, uint32_t max, uint32_t dom,
		    uint32_t bus, uint32_t devfn, uint32_t parent, int t)
{
	struct ig_dev *x;

	if (*n >= max)
		return IG_NONE;
	x = &d[*n];
	memset(x, 0, sizeof(*x));
	x->domain = dom;
	x->bus = (uint8_t)bus;
	x->devfn = (uint8_t)devfn;
	x->parent = parent;
	x->physfn = IG_NONE;
	x->vmd_owner = IG_NONE;
	x->config = tmpl[t];
	x->config_len = 4096;
	x->flags = IG_DEV_CFG_FULL;
	return (*n)++;
}

/* the generator: fills exactly max functions */
static uint32_t generate(struct ig_dev *d, uint32_t max)
{
	uint32_t n = 0, dom, r, s, v, bus, rp, usp, dsp, pf, seq = 1;

	for (dom = 0; n < max; dom++) {
		bus = 1;
		for (r = 0; r < 8 && n < max; r++) {
			rp = add(d, &n, max, dom, 0, (1 + r) << 3, IG_NONE,
				 r & 1 ? T_RP : T_RP_ACS);
			usp = add(d, &n, max, dom, bus, 0, rp, T_USP);
			for (s = 0; s < 8 && n < max; s++) {
				dsp = add(d, &n, max, dom, bus + 1, s << 3, usp,
					  s & 1 ? T_DSP : T_DSP_ACS);
				pf = add(d, &n, max, dom, bus + 2 + s, 0, dsp,
					 T_PF);
				add(d, &n, max, dom, bus + 2 + s, 1, dsp, T_PF1);
				for (v = 0; v < NVF && n < max; v++) {
					uint32_t i = add(d, &n, max, dom,
							 bus + 2 + s, 2 + v,
							 dsp, T_VF);

					if (i == IG_NONE)
						break;
					d[i].physfn = pf;
					d[i].hotplug_seq = seq++;
				}
			}
			bus += 2 + 8;
		}
	}
	return n;
}

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static int cmpd(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

struct timing {
	double init, predict, total, best;
	uint32_t groups;
};

static int run(uint32_t nfun, int runs, struct timing *out)
{
	struct ig_dev *d = calloc(nfun, sizeof(*d));
	double ti[MAXRUNS], tp[MAXRUNS], tt[MAXRUNS], t0, t1, t2;
	struct ig_opts opts;
	struct ig_result res;
	struct ig_ctx *ctx;
	size_t len;
	void *ws;
	int i, ret;

	if (!d)
		return -ENOMEM;
	generate(d, nfun);
	len = ig_workspace_size(nfun, 0);
	ws = aligned_alloc(8, (len + 7) & ~(size_t)7);
	if (!ws)
		return -ENOMEM;
	memset(&opts, 0, sizeof(opts));
	opts.kernel = IG_KVER(6, 12, 107);
	opts.iommu = IG_IOMMU_INTEL;
	opts.acs_source = IG_ACS_LIVE;
	for (i = 0; i < runs; i++) {
		t0 = now();
		ret = ig_init(ws, len, d, nfun, NULL, 0, &opts, &ctx);
		if (ret) {
			fprintf(stderr, "bench: ig_init: %s\n", strerror(-ret));
			return ret;
		}
		t1 = now();
		ret = ig_predict(ctx, &res);
		if (ret)
			return ret;
		t2 = now();
		ti[i] = t1 - t0;
		tp[i] = t2 - t1;
		tt[i] = t2 - t0;
	}
	qsort(ti, runs, sizeof(double), cmpd);
	qsort(tp, runs, sizeof(double), cmpd);
	qsort(tt, runs, sizeof(double), cmpd);
	out->init = ti[runs / 2];
	out->predict = tp[runs / 2];
	out->total = tt[runs / 2];
	out->best = tt[0];
	out->groups = res.ngroups;
	printf("%7u functions, %2d runs, median: init %8.3f ms  predict %8.3f ms  total %8.3f ms; best total %8.3f ms (%u groups, workspace %zu KiB)\n",
	       nfun, runs, out->init * 1e3, out->predict * 1e3,
	       out->total * 1e3, out->best * 1e3, res.ngroups, len / 1024);
	free(ws);
	free(d);
	return 0;
}

int main(int argc, char **argv)
{
	struct timing a, b;
	double limit = argc > 1 ? atof(argv[1]) : 0;
	double r;

	templates();
	if (run(10000, 41, &a) || run(100000, 9, &b)) {
		fprintf(stderr, "bench: the library failed\n");
		return 2;
	}
	r = b.best / a.best;
	printf("ratio: %.2f\n", r);
	if (limit > 0 && (r > limit || b.total > 1.0)) {
		fprintf(stderr, "bench: ratio %.2f over %.2f, or 100k over 1 s\n",
			r, limit);
		return 1;
	}
	return 0;
}
