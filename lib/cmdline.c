// SPDX-License-Identifier: GPL-2.0-only OR MIT
/*
 * cmdline.c - the kernel command-line parameters that change groups, the
 * kernel's device-spec syntax, and which kernel versions have which rule.
 */
#include "ig_internal.h"

/*
 * Version rules.  Mainline versions are from the commits named in
 * ../shared/docs/kernel-grouping.md (C.2); stable point releases where a
 * backport landed are marked "estimate" where no tree was read to confirm
 * them.
 */
static int kver_ge(uint32_t v, uint32_t a, uint32_t b, uint32_t c)
{
	return v >= IG_KVER(a, b, c);
}

static int kver_in_series(uint32_t v, uint32_t a, uint32_t b, uint32_t c)
{
	return IG_KVER_MAJOR(v) == a && IG_KVER_MINOR(v) == b &&
	       IG_KVER_SUB(v) >= c;
}

uint32_t ig_kver_has(uint32_t v, uint32_t f)
{
	switch (f) {
	case IG_KF_CONFIG_ACS:
		return kver_ge(v, 6, 11, 0);
	case IG_KF_CONFIG_ACS_FIXED:
		/* 9cf8a952d57b, v6.15; in 6.13.y/6.14.y (Apr 2025) and seen
		 * in 6.12.107 under QEMU; 6.12.y start is an estimate */
		return kver_ge(v, 6, 15, 0) || kver_in_series(v, 6, 14, 2) ||
		       kver_in_series(v, 6, 13, 11) ||
		       kver_in_series(v, 6, 12, 23);
	case IG_KF_QUIRK_SKIP_BUG:
		return kver_ge(v, 6, 11, 0) && !kver_ge(v, 6, 11, 7);
	case IG_KF_PORT_TYPE_FIX:
		return kver_ge(v, 5, 4, 0);
	case IG_KF_REAL_DMA_DEV:
		return kver_ge(v, 5, 6, 0);
	case IG_KF_NO_ALIAS:
	case IG_KF_QCOM_HAMOA:
	case IG_KF_IDT_SV:
		return kver_ge(v, 7, 0, 0);
	case IG_KF_LOONGSON:
		/* v6.16; stable backports June 2025 (estimates) */
		return kver_ge(v, 6, 16, 0) || kver_in_series(v, 6, 12, 35) ||
		       kver_in_series(v, 6, 6, 95) ||
		       kver_in_series(v, 6, 1, 142);
	case IG_KF_WANGXUN_AML:
		/* 2025; present in the 6.1.y snapshot read (estimate) */
		return kver_ge(v, 6, 16, 0) || kver_in_series(v, 6, 12, 35) ||
		       kver_in_series(v, 6, 6, 95) ||
		       kver_in_series(v, 6, 1, 142);
	case IG_KF_FW_ACS_AT_GROUPING:
		/* the 2026 stable backport of "enable ACS after configuring
		 * the IOMMU": confirmed on 6.12.75 and 6.12.76; 6.12.107 and
		 * 6.1.192 were seen fixed under QEMU */
		return v == IG_KVER(6, 12, 75) || v == IG_KVER(6, 12, 76) ||
		       v == IG_KVER(6, 18, 16) || v == IG_KVER(6, 6, 128) ||
		       v == IG_KVER(6, 1, 165) || v == IG_KVER(5, 15, 202) ||
		       v == IG_KVER(5, 10, 252);
	case IG_KF_XLATE_ROOT:
		return kver_ge(v, 4, 15, 0);
	case IG_KF_PLX_NTB:
		return kver_ge(v, 5, 5, 0);
	}
	return 0;
}

static int is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

static int starts(const char *s, const char *end, const char *pfx)
{
	while (*pfx) {
		if (s >= end || *s != *pfx)
			return 0;
		s++;
		pfx++;
	}
	return 1;
}

static int hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* copy [s, e) into a NUL-terminated buffer, truncating */
static void copy_val(char *dst, uint32_t size, const char *s, const char *e)
{
	uint32_t i = 0;

	while (s < e && i + 1 < size)
		dst[i++] = *s++;
	dst[i] = 0;
}

/* the kernel's kstrtol(opt, 16) on at most 4 characters */
static int hex4(const char *p, const char *end, uint16_t *out)
{
	uint32_t v = 0, i;
	int h;

	for (i = 0; i < 4 && p + i < end && p[i] && p[i] != ',' &&
		    p[i] != ':';
	     i++) {
		h = hexval(p[i]);
		if (h < 0)
			return -1;
		v = v * 16 + (uint32_t)h;
	}
	if (i == 0)
		return -1;
	*out = (uint16_t)v;
	return 0;
}

/*
 * pcie_acs_override=downstream,multifunction,id:vvvv:dddd (the out-of-tree
 * patch, C.5): options are matched by prefix, at most 15 IDs are kept.
 */
static void parse_override(struct ig_cmdline *cl, const char *p,
			   const char *end)
{
	const char *q;
	uint16_t v, d;

	cl->ovr_given = 1;
	while (p < end) {
		if (starts(p, end, "downstream"))
			cl->ovr_downstream = 1;
		if (starts(p, end, "multifunction"))
			cl->ovr_multifunction = 1;
		if (starts(p, end, "id:") && cl->ovr_nids < IG_CL_MAX_IDS) {
			q = p + 3;
			if (!hex4(q, end, &v)) {
				while (q < end && *q != ':' && *q != ',')
					q++;
				if (q < end && *q == ':' &&
				    !hex4(q + 1, end, &d)) {
					cl->ovr_vendor[cl->ovr_nids] = v;
					cl->ovr_device[cl->ovr_nids] = d;
					cl->ovr_nids++;
				}
			}
		}
		while (p < end && *p != ',')
			p++;
		if (p < end)
			p++;
	}
}

/* pci=opt,opt,... (pci_setup() in drivers/pci/pci.c) */
static void parse_pci(struct ig_cmdline *cl, const char *p, const char *end)
{
	const char *e;

	while (p < end) {
		e = p;
		while (e < end && *e != ',')
			e++;
		if (starts(p, e, "disable_acs_redir="))
			copy_val(cl->disable_acs_redir_buf,
				 sizeof(cl->disable_acs_redir_buf), p + 18, e);
		else if (starts(p, e, "config_acs="))
			copy_val(cl->config_acs_buf,
				 sizeof(cl->config_acs_buf), p + 11, e);
		else if (e - p == 6 && starts(p, e, "bfsort"))
			cl->bfsort = 1;
		else if (e - p == 8 && starts(p, e, "nobfsort"))
			cl->bfsort = 2;
		p = e < end ? e + 1 : e;
	}
}

static int word_is(const char *p, const char *end, const char *w)
{
	while (*w) {
		if (p >= end || *p != *w)
			return 0;
		p++;
		w++;
	}
	return p == end;
}

/* intel_iommu= and amd_iommu= take comma lists */
static int list_has(const char *p, const char *end, const char *w)
{
	const char *e;

	while (p < end) {
		e = p;
		while (e < end && *e != ',')
			e++;
		if (word_is(p, e, w))
			return 1;
		p = e < end ? e + 1 : e;
	}
	return 0;
}

/* 1 if "on" comes last in a comma list, 2 if "off", 0 if neither */
static int last_on_off(const char *p, const char *end)
{
	const char *e;
	int r = 0;

	while (p < end) {
		e = p;
		while (e < end && *e != ',')
			e++;
		if (word_is(p, e, "on"))
			r = 1;
		else if (word_is(p, e, "off"))
			r = 2;
		p = e < end ? e + 1 : e;
	}
	return r;
}

void ig_cmdline_parse(struct ig_cmdline *cl, const char *s,
		      uint32_t override_patch)
{
	const char *p = s, *tok, *end, *val;
	int quoted;

	cl->disable_acs_redir = NULL;
	cl->config_acs = NULL;
	if (!s)
		return;
	while (*p) {
		while (is_space(*p))
			p++;
		if (!*p)
			break;
		tok = p;
		quoted = 0;
		while (*p && (quoted || !is_space(*p))) {
			if (*p == '"')
				quoted = !quoted;
			p++;
		}
		end = p;
		/* the kernel strips quotes around the value */
		val = tok;
		while (val < end && *val != '=')
			val++;
		if (val == end)
			continue;
		val++;
		if (val < end && *val == '"') {
			val++;
			if (end > val && end[-1] == '"')
				end--;
		}
		if (starts(tok, val, "pci=")) {
			parse_pci(cl, val, end);
		} else if (starts(tok, val, "pcie_acs_override=")) {
			if (override_patch)
				parse_override(cl, val, end);
		} else if (starts(tok, val, "iommu=")) {
			if (list_has(val, end, "off"))
				cl->iommu_off |= 1;
		} else if (starts(tok, val, "intel_iommu=")) {
			/* intel_iommu_setup(): options in order, the
			 * last of on/off wins */
			switch (last_on_off(val, end)) {
			case 1:
				cl->iommu_off &= ~2u;
				cl->intel_on = 1;
				break;
			case 2:
				cl->iommu_off |= 2;
				cl->intel_on = 0;
				break;
			}
		} else if (starts(tok, val, "amd_iommu=")) {
			if (list_has(val, end, "off"))
				cl->iommu_off |= 4;
		}
	}
	if (cl->disable_acs_redir_buf[0])
		cl->disable_acs_redir = cl->disable_acs_redir_buf;
	if (cl->config_acs_buf[0])
		cl->config_acs = cl->config_acs_buf;
}

/* sscanf("%x") on a bounded string: optional 0x, hex digits */
static const char *scan_hex(const char *p, const char *end, uint32_t *out)
{
	uint32_t v = 0;
	int h, n = 0;

	while (p < end && is_space(*p))
		p++;
	if (p + 1 < end && p[0] == '0' && (p[1] == 'x' || p[1] == 'X') &&
	    p + 2 < end && hexval(p[2]) >= 0)
		p += 2;
	while (p < end && (h = hexval(*p)) >= 0) {
		v = v * 16 + (uint32_t)h;
		p++;
		n++;
	}
	if (!n)
		return NULL;
	*out = v;
	return p;
}

static uint8_t mkdevfn(uint32_t slot, uint32_t fn)
{
	return (uint8_t)(((slot & 0x1f) << 3) | (fn & 7));
}

/* "[seg:]bus:slot.fn" exactly (nothing after it); 0 ok, -1 parse error */
static int scan_bdf(const char *p, const char *end, uint32_t *seg,
		    uint32_t *bus, uint32_t *devfn)
{
	uint32_t v[4], n = 0, slot, fn;
	const char *q = p;

	/* up to three ':'-separated numbers, the last followed by '.' */
	while (n < 3) {
		q = scan_hex(q, end, &v[n]);
		if (!q)
			return -1;
		n++;
		if (q < end && *q == ':') {
			q++;
			continue;
		}
		break;
	}
	if (q >= end || *q != '.' || n < 2)
		return -1;
	q = scan_hex(q + 1, end, &fn);
	if (!q || q != end)
		return -1;
	slot = v[n - 1];
	*bus = v[n - 2];
	*seg = n == 3 ? v[0] : 0;
	*devfn = mkdevfn(slot, fn);
	return 0;
}

/*
 * pci_dev_str_match() from drivers/pci/pci.c (v6.1, v6.12): 1 match,
 * 0 no match, -EINVAL parse error; *endp after the spec.
 */
int ig_devspec_match(const struct ig_ctx *ctx, uint32_t dev, const char *p,
		     const char **endp)
{
	const struct ig_acs_info *a = &ctx->ds[dev].a;
	const char *end, *slash, *q;
	uint32_t v[4], n = 0, seg, bus, devfn, cur, slot, fn;

	if (p[0] == 'p' && p[1] == 'c' && p[2] == 'i' && p[3] == ':') {
		q = p + 4;
		end = q;
		while (*end)
			end++;
		while (n < 4) {
			const char *r = scan_hex(q, end, &v[n]);

			if (!r)
				break;
			n++;
			q = r;
			if (n < 4 && q < end && *q == ':' &&
			    q + 1 < end && hexval(q[1]) >= 0)
				q++;
			else
				break;
		}
		if (n < 2)
			return -EINVAL;
		if (n == 3) {
			/* "%hx:%hx:%hx:%hx" failed: re-read two fields */
			q = scan_hex(p + 4, end, &v[0]);
			q = scan_hex(q + 1, end, &v[1]);
			n = 2;
		}
		*endp = q;
		if (n == 2)
			v[2] = v[3] = 0;
		v[0] &= 0xffff;
		v[1] &= 0xffff;
		v[2] &= 0xffff;
		v[3] &= 0xffff;
		return (!v[0] || v[0] == a->vendor) &&
		       (!v[1] || v[1] == a->device) &&
		       (!v[2] || v[2] == a->subvendor) &&
		       (!v[3] || v[3] == a->subdevice);
	}
	/* path form: the spec ends at ';' (pci_dev_str_match_path()) */
	end = p;
	while (*end && *end != ';')
		end++;
	*endp = end;
	cur = dev;
	while (1) {
		slash = NULL;
		for (q = p; q < end; q++)
			if (*q == '/')
				slash = q;
		if (!slash)
			break;
		q = scan_hex(slash + 1, end, &slot);
		if (!q || q >= end || *q != '.')
			return -EINVAL;
		q = scan_hex(q + 1, end, &fn);
		if (!q || q != end)
			return -EINVAL;
		if (ctx->devs[cur].devfn != mkdevfn(slot, fn))
			return 0;
		cur = ctx->devs[cur].physfn != IG_NONE ?
			      ctx->devs[ctx->devs[cur].physfn].parent :
			      ctx->devs[cur].parent;
		if (cur == IG_NONE)
			return 0;
		end = slash;
	}
	if (scan_bdf(p, end, &seg, &bus, &devfn))
		return -EINVAL;
	return seg == ctx->devs[cur].domain && bus == ctx->devs[cur].bus &&
	       devfn == ctx->devs[cur].devfn;
}
