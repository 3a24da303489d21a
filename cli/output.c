// SPDX-License-Identifier: GPL-2.0-only OR MIT
/*
 * output.c - the output formats of iommugroup-predict: the Arch wiki text,
 * JSON, Graphviz, explanations and the comparison with the kernel.
 */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <json-c/json.h>

#include "cli.h"

const char *cli_iommu_key(uint32_t iommu)
{
	switch (iommu) {
	case IG_IOMMU_INTEL: return "intel";
	case IG_IOMMU_AMD: return "amd";
	case IG_IOMMU_OTHER: return "other";
	}
	return "unknown";
}

static int collect(uint32_t dev, void *data)
{
	struct cli *c = data;

	c->members[c->nmembers++] = dev;
	return 0;
}

static int cmp_u32(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;

	return x < y ? -1 : x > y;
}

/* a group's members into c->members, in address order (the table is
 * sorted by address, so by index) */
int cli_group_members(struct cli *c, int64_t number)
{
	int ret;

	c->nmembers = 0;
	ret = ig_group_for_each_dev(c->ctx, (uint32_t)number, collect, c);
	if (ret < 0)
		return ret;
	qsort(c->members, c->nmembers, sizeof(*c->members), cmp_u32);
	return (int)c->nmembers;
}

static const char *dname(struct cli *c, uint32_t i)
{
	if (i == IG_NONE || i >= c->h.ndev)
		return "?";
	return c->h.x[i].name;
}

void cli_reason_words(struct cli *c, uint32_t dev, char *buf, size_t len)
{
	struct ig_reason r;
	struct ig_acs_info a;
	char acs[512], via[96];
	int64_t g;

	if (ig_dev_reason(c->ctx, dev, &r)) {
		snprintf(buf, len, "no reason recorded");
		return;
	}
	via[0] = 0;
	if (r.via != IG_NONE && r.via != r.related)
		snprintf(via, sizeof(via), " (the search started at %s)",
			 dname(c, r.via));
	switch (r.join) {
	case IG_JOIN_NONE:
		if (c->h.devs[dev].flags & IG_DEV_IOMMU_REJECT) {
			if (c->h.x[dev].problems & IGP_PROB_AMD_IOMMU)
				snprintf(buf, len,
					 "no group: the AMD IOMMU's own function is never taken by the IOMMU driver");
			else if (c->h.x[dev].problems & IGP_PROB_FW_REJECT)
				snprintf(buf, len,
					 "no group: no IOMMU unit of the firmware's %s table covers it",
					 c->h.fw_table ? c->h.fw_table : "DMAR/IVRS");
			else if (c->h.x[dev].problems & IGP_PROB_REJECT_NOTE)
				snprintf(buf, len,
					 "no group: the kernel of the tree gave it none while other devices have one, so its IOMMU rejected it");
			else
				snprintf(buf, len,
					 "no group: the IOMMU does not take it");
		} else if (c->res.flags & IG_RES_IOMMU_OFF) {
			snprintf(buf, len,
				 "no group: the command line switches the IOMMU off");
		} else {
			snprintf(buf, len, "no group: not present");
		}
		return;
	case IG_JOIN_NEW:
		snprintf(buf, len,
			 "new group: no device that already had a group shares its requester ID (DMA alias), a non-isolated path upstream or a non-isolated multifunction slot with it");
		return;
	case IG_JOIN_DMA_ALIAS:
		snprintf(buf, len,
			 "DMA alias: its requests reach the IOMMU with the requester ID of %s%s, which already had a group",
			 dname(c, r.related), via);
		return;
	case IG_JOIN_UPSTREAM:
		acs[0] = 0;
		if (r.blocker != IG_NONE && !ig_dev_acs(c->ctx, r.blocker, &a))
			cli_acs_words(&a, c->h.devs[r.blocker].config_len, acs,
				      sizeof(acs));
		snprintf(buf, len,
			 "not isolated upstream: %s on its path fails the ACS test (%s), so it shares the group of %s%s",
			 dname(c, r.blocker), acs, dname(c, r.related), via);
		return;
	case IG_JOIN_ALIAS_GROUP:
		snprintf(buf, len,
			 "DMA alias relation with %s on the same bus%s",
			 dname(c, r.related), via);
		return;
	case IG_JOIN_FUNCTION:
		acs[0] = 0;
		if (!ig_dev_acs(c->ctx, dev, &a))
			cli_acs_words(&a, c->h.devs[dev].config_len, acs,
				      sizeof(acs));
		snprintf(buf, len,
			 "multifunction slot: a function of the same slot as %s, and the slot's functions are not isolated from each other (this function: %s)%s",
			 dname(c, r.related), acs, via);
		return;
	case IG_JOIN_COMPANION:
		g = ig_dev_group(c->ctx, dev);
		snprintf(buf, len,
			 "USB companion policy (--usb-companions): same slot as the companion controller %s (group %lld)",
			 dname(c, r.related), (long long)g);
		return;
	}
	snprintf(buf, len, "unknown reason %u", r.join);
}

/* ------------------------------------------------------------------ */

int cli_print_text(struct cli *c, FILE *f)
{
	int64_t g;
	uint32_t k;
	char line[1024];

	for (g = ig_group_next(c->ctx, -1); g >= 0;
	     g = ig_group_next(c->ctx, g)) {
		if (cli_group_members(c, g) < 0)
			return -1;
		fprintf(f, "IOMMU Group %lld:\n", (long long)g);
		for (k = 0; k < c->nmembers; k++) {
			if (igp_lspci_line(&c->h, c->members[k], line,
					   sizeof(line)) < 0)
				snprintf(line, sizeof(line), "%s",
					 c->h.x[c->members[k]].name);
			fprintf(f, "\t%s\n", line);
		}
	}
	return 0;
}

/* ------------------------------------------------------------------ */

static json_object *jstr_or_null(const char *s)
{
	return s ? json_object_new_string(s) : NULL;
}

static json_object *jhex(unsigned int v, int width)
{
	char b[16];

	snprintf(b, sizeof(b), "%0*x", width, v);
	return json_object_new_string(b);
}

static json_object *jdev(struct cli *c, uint32_t i)
{
	return i == IG_NONE || i >= c->h.ndev ? NULL :
		json_object_new_string(c->h.x[i].name);
}

static json_object *acs_bits_array(uint16_t bits)
{
	json_object *a = json_object_new_array();
	unsigned int b;

	for (b = 0; b < 7; b++)
		if (bits & (1u << b))
			json_object_array_add(a,
				json_object_new_string(cli_acs_bit(b)));
	return a;
}

static json_object *json_acs(struct cli *c, uint32_t i)
{
	struct ig_acs_info a;
	json_object *o = json_object_new_object(), *cl;
	char words[512];

	if (ig_dev_acs(c->ctx, i, &a))
		return o;
	cli_acs_words(&a, c->h.devs[i].config_len, words, sizeof(words));
	json_object_object_add(o, "port_type",
		json_object_new_string(cli_port_key(a.port_type)));
	json_object_object_add(o, "claimed_port_type",
		json_object_new_string(cli_port_key(a.raw_port_type)));
	json_object_object_add(o, "multifunction",
		json_object_new_boolean(a.multifunction));
	json_object_object_add(o, "acs_cap_offset",
		json_object_new_int(a.acs_pos));
	json_object_object_add(o, "acs_cap", json_object_new_int(a.acs_cap));
	json_object_object_add(o, "acs_ctrl", json_object_new_int(a.acs_ctrl));
	json_object_object_add(o, "acs_cap_bits", acs_bits_array(a.acs_cap));
	json_object_object_add(o, "acs_ctrl_bits",
			       acs_bits_array(a.acs_ctrl));
	json_object_object_add(o, "acs_missing",
			       acs_bits_array(a.acs_missing));
	json_object_object_add(o, "isolated",
			       json_object_new_boolean(a.enabled));
	json_object_object_add(o, "why",
			       json_object_new_string(cli_why_key(a.why)));
	json_object_object_add(o, "quirk", jstr_or_null(cli_quirk_key(a.quirk)));
	cl = json_object_new_array();
	if (a.cmdline & IG_ACSCL_DISABLE_REDIR)
		json_object_array_add(cl,
			json_object_new_string("disable_acs_redir"));
	if (a.cmdline & IG_ACSCL_CONFIG_ACS)
		json_object_array_add(cl, json_object_new_string("config_acs"));
	if (a.cmdline & IG_ACSCL_CONFIG_ACS_REJECTED)
		json_object_array_add(cl,
			json_object_new_string("config_acs_rejected"));
	json_object_object_add(o, "cmdline", cl);
	json_object_object_add(o, "uncertain",
			       json_object_new_boolean(a.uncertain));
	json_object_object_add(o, "dead", json_object_new_boolean(a.dead));
	json_object_object_add(o, "text", json_object_new_string(words));
	return o;
}

static json_object *json_reason(struct cli *c, uint32_t i)
{
	struct ig_reason r;
	json_object *o = json_object_new_object();
	char words[1024];

	if (ig_dev_reason(c->ctx, i, &r))
		return o;
	cli_reason_words(c, i, words, sizeof(words));
	json_object_object_add(o, "join",
			       json_object_new_string(cli_join_key(r.join)));
	json_object_object_add(o, "related", jdev(c, r.related));
	json_object_object_add(o, "via", jdev(c, r.via));
	json_object_object_add(o, "blocker", jdev(c, r.blocker));
	json_object_object_add(o, "uncertain",
			       json_object_new_boolean(r.uncertain != 0));
	json_object_object_add(o, "text", json_object_new_string(words));
	return o;
}

static json_object *json_device(struct cli *c, uint32_t i)
{
	json_object *o = json_object_new_object();
	struct igp_devx *x = &c->h.x[i];
	struct ig_acs_info a;
	char cls[256], ven[256], dev[256], line[1024], link[IG_NAME_MAX];
	int have_acs = !ig_dev_acs(c->ctx, i, &a);

	json_object_object_add(o, "address", json_object_new_string(x->name));
	if (ig_dev_link_name(c->ctx, i, link, sizeof(link)) >= 0)
		json_object_object_add(o, "link_name",
				       json_object_new_string(link));
	else
		json_object_object_add(o, "link_name", NULL);
	json_object_object_add(o, "vendor_id", jhex(x->vendor, 4));
	json_object_object_add(o, "device_id", jhex(x->device, 4));
	json_object_object_add(o, "subsystem_vendor_id",
			       have_acs ? jhex(a.subvendor, 4) : NULL);
	json_object_object_add(o, "subsystem_device_id",
			       have_acs ? jhex(a.subdevice, 4) : NULL);
	json_object_object_add(o, "class", jhex(x->class16, 4));
	json_object_object_add(o, "revision", jhex(x->revision, 2));
	if (igp_names(&c->h, i, cls, ven, dev, sizeof(cls)))
		cls[0] = ven[0] = dev[0] = 0;
	json_object_object_add(o, "class_name", json_object_new_string(cls));
	json_object_object_add(o, "vendor_name", json_object_new_string(ven));
	json_object_object_add(o, "device_name", json_object_new_string(dev));
	if (igp_lspci_line(&c->h, i, line, sizeof(line)) < 0)
		line[0] = 0;
	json_object_object_add(o, "lspci", json_object_new_string(line));
	json_object_object_add(o, "driver", jstr_or_null(x->driver));
	json_object_object_add(o, "physfn", jdev(c, c->h.devs[i].physfn));
	json_object_object_add(o, "parent", jdev(c, c->h.devs[i].parent));
	json_object_object_add(o, "config_bytes",
			       json_object_new_int((int)c->h.devs[i].config_len));
	json_object_object_add(o, "kernel_group",
			       x->kgroup >= 0 ?
			       json_object_new_int64(x->kgroup) : NULL);
	json_object_object_add(o, "reason", json_reason(c, i));
	json_object_object_add(o, "acs", json_acs(c, i));
	return o;
}

int cli_print_json(struct cli *c, FILE *f)
{
	json_object *root = json_object_new_object(), *in, *res, *groups, *o;
	json_object *mem, *ung, *probs;
	int64_t g;
	uint32_t k, i;
	char kv[32];
	const char *src;

	json_object_object_add(root, "schema_version",
			       json_object_new_int(CLI_SCHEMA_VERSION));
	o = json_object_new_object();
	json_object_object_add(o, "name",
			       json_object_new_string("iommugroup-predict"));
	json_object_object_add(o, "version",
			       json_object_new_string(IG_CLI_VERSION));
	json_object_object_add(root, "tool", o);

	in = json_object_new_object();
	json_object_object_add(in, "kind", json_object_new_string(
		c->dump ? "lspci-dump" : "root"));
	json_object_object_add(in, "path", json_object_new_string(
		c->dump ? c->dump : c->root));
	snprintf(kv, sizeof(kv), "%u.%u.%u", IG_KVER_MAJOR(c->opts.kernel),
		 IG_KVER_MINOR(c->opts.kernel), IG_KVER_SUB(c->opts.kernel));
	json_object_object_add(in, "kernel", json_object_new_string(kv));
	json_object_object_add(in, "kernel_version_line",
			       jstr_or_null(c->h.version));
	json_object_object_add(in, "cmdline", jstr_or_null(c->cmdline));
	json_object_object_add(in, "iommu", json_object_new_string(
		cli_iommu_key(c->opts.iommu)));
	src = c->opts.acs_source == IG_ACS_LIVE ? "live" : "simulate";
	json_object_object_add(in, "acs_source", json_object_new_string(src));
	json_object_object_add(in, "override_position", json_object_new_string(
		c->opts.override_pos == IG_OVERRIDE_END ? "end" :
		c->opts.override_pos == IG_OVERRIDE_PROXMOX ? "proxmox" :
		"none"));
	json_object_object_add(in, "usb_companions", json_object_new_string(
		c->opts.companion == IG_COMPANION_ON ? "on" :
		c->opts.companion == IG_COMPANION_OFF ? "off" : "auto"));
	json_object_object_add(in, "first_number",
			       json_object_new_int64(c->opts.first_number));
	json_object_object_add(root, "input", in);

	res = json_object_new_object();
	json_object_object_add(res, "certainty", json_object_new_string(
		c->uncertain ? "uncertain" : "certain"));
	json_object_object_add(res, "iommu_off", json_object_new_boolean(
		(c->res.flags & IG_RES_IOMMU_OFF) != 0));
	json_object_object_add(res, "acs_override", json_object_new_boolean(
		(c->res.flags & IG_RES_OVERRIDE) != 0));
	json_object_object_add(res, "usb_companion_policy",
		json_object_new_boolean((c->res.flags & IG_RES_COMPANION) != 0));
	json_object_object_add(res, "breadth_first_order",
		json_object_new_boolean((c->res.flags & IG_RES_BFSORT) != 0));
	json_object_object_add(res, "ngroups",
			       json_object_new_int64(c->res.ngroups));
	json_object_object_add(res, "ndevices",
			       json_object_new_int64(c->res.ndevices));
	json_object_object_add(root, "result", res);

	groups = json_object_new_array();
	for (g = ig_group_next(c->ctx, -1); g >= 0;
	     g = ig_group_next(c->ctx, g)) {
		int unc = ig_group_uncertain(c->ctx, (uint32_t)g) == 1;
		const char *gn = ig_group_name(c->ctx, (uint32_t)g);

		if (cli_group_members(c, g) < 0)
			break;
		o = json_object_new_object();
		json_object_object_add(o, "number", json_object_new_int64(g));
		json_object_object_add(o, "name", jstr_or_null(gn));
		json_object_object_add(o, "certainty", json_object_new_string(
			unc ? "uncertain" : "certain"));
		mem = json_object_new_array();
		for (k = 0; k < c->nmembers; k++)
			json_object_array_add(mem,
				json_device(c, c->members[k]));
		json_object_object_add(o, "members", mem);
		json_object_array_add(groups, o);
	}
	json_object_object_add(root, "groups", groups);

	ung = json_object_new_array();
	probs = json_object_new_array();
	for (i = 0; i < c->h.ndev; i++) {
		struct igp_devx *x = &c->h.x[i];

		if (ig_dev_group(c->ctx, i) < 0)
			json_object_array_add(ung, json_device(c, i));
		if (x->problems & (IGP_PROB_CFG_SHORT | IGP_PROB_VANISHED |
				   IGP_PROB_CFG_UNREADABLE |
				   IGP_PROB_BAD_LINK)) {
			o = json_object_new_object();
			json_object_object_add(o, "address",
					       json_object_new_string(x->name));
			json_object_object_add(o, "text", json_object_new_string(
				x->problems & IGP_PROB_VANISHED ?
				"vanished during the scan" :
				x->problems & IGP_PROB_CFG_UNREADABLE ?
				"config space unreadable" :
				x->problems & IGP_PROB_BAD_LINK ?
				"broken sysfs link" :
				"config space shorter than a root read: ACS unknown"));
			json_object_array_add(probs, o);
		}
	}
	json_object_object_add(root, "ungrouped", ung);
	json_object_object_add(root, "problems", probs);
	fprintf(f, "%s\n", json_object_to_json_string_ext(root,
		JSON_C_TO_STRING_PRETTY | JSON_C_TO_STRING_SPACED |
		JSON_C_TO_STRING_NOSLASHESCAPE));
	json_object_put(root);
	return 0;
}

/* ------------------------------------------------------------------ */

static void dot_escape(FILE *f, const char *s)
{
	for (; *s; s++) {
		if (*s == '"' || *s == '\\')
			fputc('\\', f);
		fputc(*s, f);
	}
}

int cli_print_dot(struct cli *c, FILE *f)
{
	static const char *const colours[] = {
		"#fbb4ae", "#b3cde3", "#ccebc5", "#decbe4", "#fed9a6",
		"#ffffcc", "#e5d8bd", "#fddaec", "#d9d9d9", "#a6cee3",
	};
	int64_t g;
	uint32_t i, k;
	char cls[256], ven[256], dev[256];

	fprintf(f, "digraph iommu_groups {\n\trankdir=LR;\n"
		   "\tnode [shape=box, style=filled, fillcolor=white, fontsize=10];\n");
	for (g = ig_group_next(c->ctx, -1); g >= 0;
	     g = ig_group_next(c->ctx, g)) {
		if (cli_group_members(c, g) < 0)
			return -1;
		fprintf(f, "\tsubgraph \"cluster_group_%lld\" {\n"
			   "\t\tlabel=\"IOMMU group %lld%s\";\n"
			   "\t\tstyle=filled; color=\"%s\";\n",
			(long long)g, (long long)g,
			ig_group_uncertain(c->ctx, (uint32_t)g) == 1 ?
			" (uncertain)" : "",
			colours[g % (int64_t)(sizeof(colours) /
					      sizeof(colours[0]))]);
		for (k = 0; k < c->nmembers; k++)
			fprintf(f, "\t\t\"%s\";\n", c->h.x[c->members[k]].name);
		fprintf(f, "\t}\n");
	}
	for (i = 0; i < c->h.ndev; i++) {
		if (igp_names(&c->h, i, cls, ven, dev, sizeof(cls)))
			cls[0] = dev[0] = 0;
		fprintf(f, "\t\"%s\" [label=\"%s\\n", c->h.x[i].name,
			c->h.x[i].name);
		dot_escape(f, dev[0] ? dev : cls);
		fprintf(f, "\"%s];\n", ig_dev_group(c->ctx, i) < 0 ?
			", style=dashed" : "");
	}
	for (i = 0; i < c->h.ndev; i++) {
		uint32_t p = c->h.devs[i].parent;

		if (p != IG_NONE && p < c->h.ndev)
			fprintf(f, "\t\"%s\" -> \"%s\";\n", c->h.x[p].name,
				c->h.x[i].name);
		p = c->h.devs[i].physfn;
		if (p != IG_NONE && p < c->h.ndev)
			fprintf(f, "\t\"%s\" -> \"%s\" [style=dotted, label=\"VF\"];\n",
				c->h.x[p].name, c->h.x[i].name);
	}
	fprintf(f, "}\n");
	return 0;
}

/* ------------------------------------------------------------------ */

static void explain_one(struct cli *c, FILE *f, uint32_t i)
{
	struct ig_acs_info a;
	struct ig_reason r;
	char words[1024];
	int64_t g = ig_dev_group(c->ctx, i);
	uint8_t mask[32];
	int k, any;

	if (g >= 0)
		fprintf(f, "%s: group %lld", c->h.x[i].name, (long long)g);
	else
		fprintf(f, "%s: no group", c->h.x[i].name);
	if (!ig_dev_reason(c->ctx, i, &r) && r.uncertain)
		fprintf(f, " (uncertain)");
	fputc('\n', f);
	cli_reason_words(c, i, words, sizeof(words));
	fprintf(f, "\twhy: %s\n", words);
	if (!ig_dev_acs(c->ctx, i, &a)) {
		cli_acs_words(&a, c->h.devs[i].config_len, words,
			      sizeof(words));
		fprintf(f, "\tACS: %s\n", words);
		if (a.cmdline & IG_ACSCL_DISABLE_REDIR)
			fprintf(f, "\tcommand line: pci=disable_acs_redir= changed its ACS Control\n");
		if (a.cmdline & IG_ACSCL_CONFIG_ACS)
			fprintf(f, "\tcommand line: pci=config_acs= changed its ACS Control\n");
		if (a.cmdline & IG_ACSCL_CONFIG_ACS_REJECTED)
			fprintf(f, "\tcommand line: pci=config_acs= asked for bits its capability lacks (the kernel refused)\n");
		if (a.dead)
			fprintf(f, "\tits config space reads as all ones: the device is gone\n");
	}
	any = ig_dev_alias_mask(c->ctx, i, mask);
	if (any == 1) {
		fprintf(f, "\tDMA aliases:");
		for (k = 0; k < 256; k++)
			if (mask[k / 8] & (1u << (k % 8)))
				fprintf(f, " %02x.%d", k >> 3, k & 7);
		fputc('\n', f);
	}
	if (c->h.x[i].problems & IGP_PROB_CFG_SHORT)
		fprintf(f, "\tuncertain: only %u bytes of config space were readable%s\n",
			c->h.devs[i].config_len,
			c->h.live && !c->h.is_root_user ? " (run as root)" : "");
	if (c->h.x[i].problems & IGP_PROB_VANISHED)
		fprintf(f, "\tuncertain: it vanished during the scan\n");
	if (c->h.x[i].problems & IGP_PROB_CFG_UNREADABLE)
		fprintf(f, "\tuncertain: its config space was unreadable\n");
	if (c->h.x[i].problems & IGP_PROB_BAD_LINK)
		fprintf(f, "\tuncertain: a sysfs link of it is broken\n");
	if (c->h.devs[i].hotplug_seq)
		fprintf(f, "\tadded after boot (SR-IOV VF of %s), in order %u\n",
			c->h.devs[i].physfn != IG_NONE ?
			c->h.x[c->h.devs[i].physfn].name : "?",
			c->h.devs[i].hotplug_seq);
	if (c->h.x[i].kgroup >= 0 && g != c->h.x[i].kgroup)
		fprintf(f, "\tthe kernel of the tree put it in group %lld\n",
			(long long)c->h.x[i].kgroup);
}

int cli_print_explain(struct cli *c, FILE *f, const char *addr)
{
	uint32_t i;
	int64_t idx;

	if (c->res.flags & IG_RES_IOMMU_OFF)
		fprintf(f, "the command line switches the IOMMU off: no groups\n");
	if (c->res.flags & IG_RES_OVERRIDE)
		fprintf(f, "a pcie_acs_override is in effect (out-of-tree patch, %s of the quirk table)\n",
			c->opts.override_pos == IG_OVERRIDE_PROXMOX ?
			"Proxmox position" : "last entry");
	if (c->res.flags & IG_RES_COMPANION)
		fprintf(f, "the USB companion policy is on\n");
	if (c->res.flags & IG_RES_BFSORT)
		fprintf(f, "probe order is breadth-first (pci=bfsort)\n");
	if (addr) {
		idx = igp_find_name(&c->h, addr);
		if (idx < 0) {
			char full[64];

			snprintf(full, sizeof(full), "0000:%s", addr);
			idx = igp_find_name(&c->h, full);
		}
		if (idx < 0) {
			fprintf(stderr, "iommugroup-predict: %s: no such device\n",
				addr);
			return -1;
		}
		explain_one(c, f, (uint32_t)idx);
		return 0;
	}
	for (i = 0; i < c->h.ndev; i++)
		explain_one(c, f, i);
	return 0;
}

/* ------------------------------------------------------------------ */

/*
 * Compare the prediction with the kernel's groups in the tree: the same
 * partition, the same numbers and the same link names.
 * Return: 0 identical, 1 different, -1 nothing to compare with.
 */
/*
 * Does the predicted probe order agree with the kernel log's "Adding to
 * iommu group" lines?  Predicted: the boot devices that get a group in
 * probe order, then the devices added later in hotplug_seq order.  Both
 * sequences are cut to the devices they share, each device at its first
 * appearance.  Returns 1 if they differ, 0 if they agree or there is no log.
 */
static int cmp_hotplug(const void *pa, const void *pb, void *data)
{
	const struct cli *c = data;
	uint32_t a = *(const uint32_t *)pa, b = *(const uint32_t *)pb;
	uint32_t sa = c->h.devs[a].hotplug_seq, sb = c->h.devs[b].hotplug_seq;

	if (sa != sb)
		return sa < sb ? -1 : 1;
	return a < b ? -1 : a > b;
}

static int check_log_order(struct cli *c, FILE *f)
{
	uint32_t *pred, *lg, np = 0, nl = 0, i, j, d, n = c->h.ndev;
	uint8_t *inp, *inl;
	int64_t k;
	int ret = 0;

	if (!c->h.nlog_order)
		return 0;
	pred = calloc(n + 1, sizeof(*pred));
	lg = calloc(c->h.nlog_order + 1, sizeof(*lg));
	inp = calloc(n + 1, 1);
	inl = calloc(n + 1, 1);
	if (!pred || !lg || !inp || !inl)
		goto out;
	for (i = 0; (k = ig_probe_order(c->ctx, i)) >= 0; i++)
		if (ig_dev_group(c->ctx, (uint32_t)k) >= 0) {
			pred[np++] = (uint32_t)k;
			inp[k] = 1;
		}
	/* devices added after boot, in hotplug_seq order (stable) */
	j = np;
	for (d = 0; d < n; d++)
		if (!inp[d] && c->h.devs[d].hotplug_seq &&
		    ig_dev_group(c->ctx, d) >= 0) {
			pred[np++] = d;
			inp[d] = 1;
		}
	qsort_r(pred + j, np - j, sizeof(*pred), cmp_hotplug, c);
	for (i = 0; i < c->h.nlog_order; i++) {
		d = c->h.log_order[i];
		if (d < n && !inl[d]) {
			inl[d] = 1;
			lg[nl++] = d;
		}
	}
	for (i = 0, j = 0;;) {
		while (i < np && !inl[pred[i]])
			i++;
		while (j < nl && !inp[lg[j]])
			j++;
		if (i >= np || j >= nl)
			break;
		if (pred[i] != lg[j]) {
			fprintf(f, "probe order differs from the kernel log at device %u: the kernel probed %s, the prediction %s\n",
				j + 1, c->h.x[lg[j]].name, c->h.x[pred[i]].name);
			ret = 1;
			break;
		}
		i++;
		j++;
	}
	if (!ret)
		fprintf(f, "probe order: agrees with the kernel log (%u devices)\n",
			nl);
out:
	free(pred);
	free(lg);
	free(inp);
	free(inl);
	return ret;
}

int cli_check(struct cli *c, FILE *f)
{
	int64_t *kg;
	char **kl;
	uint32_t i, ndiff = 0, nnum = 0, npart = 0, norder = 0;
	char link[IG_NAME_MAX];
	int64_t pg;
	int64_t *map_k2p, maxk = -1, g;

	if (!c->h.nkgroups) {
		fprintf(stderr,
			"iommugroup-predict: --check: the tree has no kernel groups (sys/kernel/iommu_groups) to compare with\n");
		return -1;
	}
	kg = calloc(c->h.ndev + 1, sizeof(*kg));
	kl = calloc(c->h.ndev + 1, sizeof(*kl));
	if (!kg || !kl) {
		free(kg);
		free(kl);
		return -1;
	}
	for (i = 0; i < c->h.ndev; i++)
		kg[i] = -1;
	for (i = 0; i < c->h.nkm; i++) {
		if (c->h.km[i].number > maxk)
			maxk = c->h.km[i].number;
		if (c->h.km[i].dev < 0) {
			fprintf(f, "note: kernel group %lld holds %s, not a PCI device of the tree (not predicted)\n",
				(long long)c->h.km[i].number, c->h.km[i].link);
			continue;
		}
		kg[c->h.km[i].dev] = c->h.km[i].number;
		kl[c->h.km[i].dev] = c->h.km[i].link;
	}
	/* partition: kernel group -> the predicted group of its first
	 * member; a second member elsewhere splits it */
	map_k2p = malloc((size_t)(maxk + 2) * sizeof(*map_k2p));
	if (!map_k2p) {
		free(kg);
		free(kl);
		return -1;
	}
	for (g = 0; g <= maxk; g++)
		map_k2p[g] = -2;
	for (i = 0; i < c->h.ndev; i++) {
		pg = ig_dev_group(c->ctx, i);
		if (pg < 0)
			pg = -1;
		if (pg != kg[i]) {
			char a[32], b[32];

			ndiff++;
			nnum++;
			if (pg < 0)
				snprintf(a, sizeof(a), "no group");
			else
				snprintf(a, sizeof(a), "group %lld", (long long)pg);
			if (kg[i] < 0)
				snprintf(b, sizeof(b), "no group");
			else
				snprintf(b, sizeof(b), "group %lld",
					 (long long)kg[i]);
			fprintf(f, "%s: predicted %s, kernel %s\n",
				c->h.x[i].name, a, b);
		} else if (pg >= 0 && kl[i] &&
			   ig_dev_link_name(c->ctx, i, link, sizeof(link)) >= 0 &&
			   strcmp(link, kl[i])) {
			ndiff++;
			fprintf(f, "%s: predicted link name %s, kernel %s\n",
				c->h.x[i].name, link, kl[i]);
		}
		if (kg[i] >= 0 && kg[i] <= maxk) {
			if (map_k2p[kg[i]] == -2)
				map_k2p[kg[i]] = pg;
			else if (map_k2p[kg[i]] != pg)
				npart++;
		}
	}
	if (check_log_order(c, f)) {
		ndiff++;
		norder = 1;
	}
	if (ndiff)
		fprintf(f, "%u difference%s: %s\n", ndiff, ndiff == 1 ? "" : "s",
			npart ? "the partition differs" :
			nnum ? "group numbers differ (or membership of single devices)" :
			norder && ndiff == 1 ? "the probe order differs" :
			"link names differ");
	else
		fprintf(f, "identical: %u groups, %u devices, numbers included\n",
			c->res.ngroups, c->res.ndevices);
	free(map_k2p);
	free(kg);
	free(kl);
	return ndiff ? 1 : 0;
}
