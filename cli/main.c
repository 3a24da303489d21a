// SPDX-License-Identifier: GPL-2.0-only OR MIT
/*
 * iommugroup-predict - predict the Linux kernel's IOMMU groups of this host
 * or of a captured tree, explain them, compare them with the kernel's, and
 * try what-ifs.  The only part of the project that prints.
 */
#define _GNU_SOURCE
#include <ctype.h>
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"

static int verbosity = IGP_NOTE;

static void log_cb(void *data, int level, const char *msg)
{
	(void)data;
	if (level > verbosity)
		return;
	fprintf(stderr, "iommugroup-predict: %s%s\n",
		level == IGP_ERR ? "error: " :
		level == IGP_WARN ? "warning: " : "", msg);
}

static void usage(FILE *f)
{
	fprintf(f,
"Usage: iommugroup-predict [OPTIONS]              predict the IOMMU groups\n"
"       iommugroup-predict [OPTIONS] which TARGET  the group of a device\n"
"       iommugroup-predict capture DIR             write this host as a tree\n"
"\n"
"Predicts the IOMMU groups the Linux kernel makes from the PCI topology, as\n"
"the kernel would, before a reboot, with the IOMMU off, or for another kernel.\n"
"\n"
"Input:\n"
"  -r, --root DIR          read a captured tree instead of / (the live host)\n"
"  -F, --lspci-dump FILE   read an 'lspci -xxxx' dump (needs --kernel, --iommu)\n"
"\n"
"Output (stdout):\n"
"  -f, --format FMT        text (default: the Arch wiki script's lines),\n"
"                          json, dot (Graphviz; groups as clusters)\n"
"  -e, --explain[=ADDR]    why each device (or ADDR) is in its group\n"
"  -c, --check             compare with the kernel's groups in the tree (and\n"
"                          the probe order with the kernel log's, if any)\n"
"\n"
"How to read the tree:\n"
"      --iommu-on-host     the ACS Control registers hold what the target\n"
"                          kernel wrote (the tree was booted with the IOMMU on)\n"
"      --iommu-off-host    they hold firmware values: simulate the kernel\n"
"                          (default: on-host if the tree has kernel groups)\n"
"      --iommu=intel|amd|other  the IOMMU driver (default: from the kernel log\n"
"                          or sys/class/iommu)\n"
"      --order-from-log    probe in the order of the kernel log's \"Adding to\n"
"                          iommu group\" lines instead of the predicted order\n"
"\n"
"What-if:\n"
"      --kernel VERSION    target kernel, e.g. 6.12.107 (default: proc/version)\n"
"      --cmdline \"...\"     replace the kernel command line\n"
"      --append-cmdline \"...\"  add to the kernel command line\n"
"      --acs-override=LIST downstream,multifunction,id:vvvv:dddd (out-of-tree\n"
"                          patch; implies a kernel that has it)\n"
"      --override-position=end|proxmox|none  where that patch sits (default end)\n"
"      --usb-companions=on|off|auto  the USB companion-controller policy\n"
"\n"
"Other:\n"
"  -v, --verbose           more messages on stderr (-vv: per-device details)\n"
"  -q, --quiet             errors and warnings only\n"
"  -h, --help              this text\n"
"  -V, --version           the version\n"
"\n"
"Exit status:\n"
"  0  success; with --check: the prediction is identical to the kernel's groups\n"
"  1  --check: the prediction differs from the kernel's groups\n"
"  2  usage or input error (bad option, unreadable tree, unknown kernel)\n"
"  3  the answer is uncertain (config space not readable, e.g. not root;\n"
"     missing files; IOMMU driver guessed; several root buses and no\n"
"     kernel log of their order; several IOMMU units and no readable\n"
"     DMAR/IVRS table)\n"
"  4  internal error\n");
}

enum {
	OPT_IOMMU_ON = 256,
	OPT_IOMMU_OFF,
	OPT_IOMMU,
	OPT_KERNEL,
	OPT_CMDLINE,
	OPT_APPEND,
	OPT_OVERRIDE,
	OPT_OVERRIDE_POS,
	OPT_COMPANIONS,
	OPT_ORDER_FROM_LOG,
};

static int looks_like_addr(const char *s)
{
	uint32_t d, b, f;
	char full[64];

	if (!igp_parse_bdf(s, &d, &b, &f))
		return 1;
	snprintf(full, sizeof(full), "0000:%s", s);
	return !igp_parse_bdf(full, &d, &b, &f);
}

static int append(char **dst, const char *add)
{
	char *n;

	if (!add || !*add)
		return 0;
	if (asprintf(&n, "%s%s%s", *dst ? *dst : "", *dst && **dst ? " " : "",
		     add) < 0)
		return -ENOMEM;
	free(*dst);
	*dst = n;
	return 0;
}

static int check_override_list(const char *s)
{
	const char *p = s;
	unsigned int v, d;
	int n;

	while (*p) {
		if (!strncmp(p, "downstream", 10))
			p += 10;
		else if (!strncmp(p, "multifunction", 13))
			p += 13;
		else if (sscanf(p, "id:%4x:%4x%n", &v, &d, &n) == 2)
			p += n;
		else
			return -EINVAL;
		if (*p == ',')
			p++;
		else if (*p)
			return -EINVAL;
	}
	return 0;
}

/* which IOMMU, when the tree does not say */
static uint32_t guess_iommu(struct cli *c)
{
	const char *cl = c->cmdline ? c->cmdline : "";
	int64_t hb;

	if (strstr(cl, "intel_iommu="))
		return IG_IOMMU_INTEL;
	if (strstr(cl, "amd_iommu="))
		return IG_IOMMU_AMD;
	hb = igp_find(&c->h, 0, 0, 0);
	if (hb >= 0 && c->h.x[hb].vendor == 0x8086)
		return IG_IOMMU_INTEL;
	if (hb >= 0 && (c->h.x[hb].vendor == 0x1022 ||
			c->h.x[hb].vendor == 0x1002))
		return IG_IOMMU_AMD;
	return 0;
}

static void report_short(struct cli *c)
{
	uint32_t i, n = 0;
	int64_t g;

	if (!c->h.nshort)
		return;
	fprintf(stderr,
		"iommugroup-predict: %u device%s had less config space than a root read gives%s; their ACS is unknown:",
		c->h.nshort, c->h.nshort == 1 ? "" : "s",
		c->h.live && !c->h.is_root_user ? " (not root: run as root)" : "");
	for (i = 0; i < c->h.ndev && n < 16; i++)
		if (c->h.x[i].problems & IGP_PROB_CFG_SHORT) {
			fprintf(stderr, " %s", c->h.x[i].name);
			n++;
		}
	fprintf(stderr, "%s\n", c->h.nshort > n ? " ..." : "");
	n = 0;
	for (g = ig_group_next(c->ctx, -1); g >= 0;
	     g = ig_group_next(c->ctx, g))
		if (ig_group_uncertain(c->ctx, (uint32_t)g) == 1) {
			if (!n)
				fprintf(stderr, "iommugroup-predict: uncertain groups:");
			fprintf(stderr, " %lld", (long long)g);
			n++;
		}
	if (n)
		fprintf(stderr, "\n");
}

/* --order-from-log: the boot devices in the order of the kernel log's
 * "Adding to iommu group" lines (the first line of each device) */
static int probe_order_from_log(struct cli *c)
{
	uint8_t *seen;
	uint32_t i, d, n = 0;

	if (!c->h.nlog_order) {
		fprintf(stderr, "iommugroup-predict: --order-from-log: the kernel log has no \"Adding to iommu group\" lines of PCI devices%s\n",
			c->h.dmesg ? "" : " (no kernel log read)");
		return EXIT_USAGE;
	}
	c->probe_order = calloc(c->h.nlog_order + 1, sizeof(*c->probe_order));
	seen = calloc(c->h.ndev + 1, 1);
	if (!c->probe_order || !seen) {
		free(seen);
		return EXIT_INTERNAL;
	}
	for (i = 0; i < c->h.nlog_order; i++) {
		d = c->h.log_order[i];
		if (d >= c->h.ndev || seen[d] || c->h.devs[d].hotplug_seq ||
		    (c->h.devs[d].flags & IG_DEV_NOT_PRESENT))
			continue;
		seen[d] = 1;
		c->probe_order[n++] = d;
	}
	free(seen);
	c->opts.probe_order = c->probe_order;
	c->opts.nprobe_order = n;
	if (verbosity >= IGP_NOTE)
		fprintf(stderr, "iommugroup-predict: probe order: the kernel log's (%u boot devices)\n",
			n);
	return 0;
}

/* what the numbers depend on that the tree may not say */
static void order_notes(struct cli *c)
{
	uint32_t nroot = igp_root_buses(&c->h);

	if (nroot > 1 && !c->h.nroot_order) {
		fprintf(stderr, "iommugroup-predict: note: %u root buses and no kernel log of the order the firmware lists their host bridges (\"PCI host bridge to bus\" lines): they are taken in numeric order, and the group numbers are uncertain\n",
			nroot);
		c->uncertain = 1;
	}
	if (c->h.fw_table || c->opts.kernel < IG_KVER(6, 2, 0) ||
	    (c->opts.iommu != IG_IOMMU_INTEL && c->opts.iommu != IG_IOMMU_AMD))
		return;
	if (c->h.nclass_iommu > 1) {
		fprintf(stderr, "iommugroup-predict: note: %u IOMMU units and no readable %s table%s: the kernel probes the devices unit by unit, so the group numbers are uncertain\n",
			c->h.nclass_iommu,
			c->opts.iommu == IG_IOMMU_INTEL ? "DMAR" : "IVRS",
			c->h.fw_unreadable ? " (run as root)" : "");
		c->uncertain = 1;
	} else if (c->h.fw_unreadable && verbosity >= IGP_NOTE) {
		fprintf(stderr, "iommugroup-predict: note: the %s table is not readable (run as root): which devices the IOMMU covers is assumed, not read\n",
			c->opts.iommu == IG_IOMMU_INTEL ? "DMAR" : "IVRS");
	}
}

static int do_predict(struct cli *c)
{
	size_t wslen;
	int ret;

	wslen = ig_workspace_size(c->h.ndev, 0);
	if (!wslen) {
		fprintf(stderr, "iommugroup-predict: too many devices (%u)\n",
			c->h.ndev);
		return EXIT_USAGE;
	}
	wslen = (wslen + 7) & ~(size_t)7;
	c->ws = aligned_alloc(8, wslen);
	c->members = calloc(c->h.ndev + 1, sizeof(*c->members));
	if (!c->ws || !c->members) {
		fprintf(stderr, "iommugroup-predict: out of memory\n");
		return EXIT_INTERNAL;
	}
	ret = ig_init(c->ws, wslen, c->h.devs, c->h.ndev, NULL, 0, &c->opts,
		      &c->ctx);
	if (ret) {
		fprintf(stderr, "iommugroup-predict: the device table was refused: %s\n",
			strerror(-ret));
		return ret == -EINVAL || ret == -EEXIST || ret == -ELOOP ?
			EXIT_USAGE : EXIT_INTERNAL;
	}
	ret = ig_predict(c->ctx, &c->res);
	if (ret) {
		fprintf(stderr, "iommugroup-predict: prediction failed: %s\n",
			strerror(-ret));
		return EXIT_INTERNAL;
	}
	if (c->res.flags & IG_RES_UNCERTAIN)
		c->uncertain = 1;
	if (c->h.nproblems || c->iommu_guessed)
		c->uncertain = 1;
	return 0;
}

int main(int argc, char **argv)
{
	static const struct option lo[] = {
		{ "root", required_argument, NULL, 'r' },
		{ "lspci-dump", required_argument, NULL, 'F' },
		{ "format", required_argument, NULL, 'f' },
		{ "explain", optional_argument, NULL, 'e' },
		{ "check", no_argument, NULL, 'c' },
		{ "iommu-on-host", no_argument, NULL, OPT_IOMMU_ON },
		{ "iommu-off-host", no_argument, NULL, OPT_IOMMU_OFF },
		{ "iommu", required_argument, NULL, OPT_IOMMU },
		{ "kernel", required_argument, NULL, OPT_KERNEL },
		{ "cmdline", required_argument, NULL, OPT_CMDLINE },
		{ "append-cmdline", required_argument, NULL, OPT_APPEND },
		{ "acs-override", required_argument, NULL, OPT_OVERRIDE },
		{ "override-position", required_argument, NULL,
		  OPT_OVERRIDE_POS },
		{ "usb-companions", required_argument, NULL, OPT_COMPANIONS },
		{ "order-from-log", no_argument, NULL, OPT_ORDER_FROM_LOG },
		{ "verbose", no_argument, NULL, 'v' },
		{ "quiet", no_argument, NULL, 'q' },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 },
	};
	static struct cli cli;
	struct cli *c = &cli;
	const char *format = "text", *explain = NULL, *kernel = NULL;
	const char *cmdline = NULL, *append_cl = NULL, *override = NULL;
	const char *cmd = NULL, *cmd_arg = NULL;
	int do_explain = 0, check = 0, acs_source = 0, opt, ret, rc = 0;
	int set_cmdline = 0, override_pos = -1, companion = IG_COMPANION_AUTO;
	int order_from_log = 0;
	uint32_t iommu = 0, kver = 0;

	c->root = "/";
	while ((opt = getopt_long(argc, argv, "r:F:f:e::cvqhV", lo, NULL)) != -1) {
		switch (opt) {
		case 'r':
			c->root = optarg;
			break;
		case 'F':
			c->dump = optarg;
			break;
		case 'f':
			format = optarg;
			if (strcmp(format, "text") && strcmp(format, "json") &&
			    strcmp(format, "dot")) {
				fprintf(stderr, "iommugroup-predict: --format: text, json or dot\n");
				return EXIT_USAGE;
			}
			break;
		case 'e':
			do_explain = 1;
			explain = optarg;
			if (!explain && optind < argc &&
			    looks_like_addr(argv[optind]))
				explain = argv[optind++];
			break;
		case 'c':
			check = 1;
			break;
		case OPT_IOMMU_ON:
			acs_source = IG_ACS_LIVE;
			break;
		case OPT_IOMMU_OFF:
			acs_source = IG_ACS_SIMULATE;
			break;
		case OPT_IOMMU:
			if (!strcmp(optarg, "intel"))
				iommu = IG_IOMMU_INTEL;
			else if (!strcmp(optarg, "amd"))
				iommu = IG_IOMMU_AMD;
			else if (!strcmp(optarg, "other"))
				iommu = IG_IOMMU_OTHER;
			else {
				fprintf(stderr, "iommugroup-predict: --iommu: intel, amd or other\n");
				return EXIT_USAGE;
			}
			break;
		case OPT_KERNEL:
			kernel = optarg;
			if (igp_parse_kver_arg(kernel, &kver)) {
				fprintf(stderr, "iommugroup-predict: --kernel %s: not a version like 6.12.107\n",
					kernel);
				return EXIT_USAGE;
			}
			break;
		case OPT_CMDLINE:
			cmdline = optarg;
			set_cmdline = 1;
			break;
		case OPT_APPEND:
			append_cl = optarg;
			break;
		case OPT_OVERRIDE:
			override = optarg;
			if (check_override_list(override)) {
				fprintf(stderr, "iommugroup-predict: --acs-override=%s: a list of downstream, multifunction, id:vvvv:dddd\n",
					override);
				return EXIT_USAGE;
			}
			break;
		case OPT_OVERRIDE_POS:
			if (!strcmp(optarg, "end"))
				override_pos = IG_OVERRIDE_END;
			else if (!strcmp(optarg, "proxmox"))
				override_pos = IG_OVERRIDE_PROXMOX;
			else if (!strcmp(optarg, "none"))
				override_pos = IG_OVERRIDE_NONE;
			else {
				fprintf(stderr, "iommugroup-predict: --override-position: end, proxmox or none\n");
				return EXIT_USAGE;
			}
			break;
		case OPT_COMPANIONS:
			if (!strcmp(optarg, "on"))
				companion = IG_COMPANION_ON;
			else if (!strcmp(optarg, "off"))
				companion = IG_COMPANION_OFF;
			else if (!strcmp(optarg, "auto"))
				companion = IG_COMPANION_AUTO;
			else {
				fprintf(stderr, "iommugroup-predict: --usb-companions: on, off or auto\n");
				return EXIT_USAGE;
			}
			break;
		case OPT_ORDER_FROM_LOG:
			order_from_log = 1;
			break;
		case 'v':
			verbosity++;
			break;
		case 'q':
			verbosity = IGP_WARN;
			break;
		case 'h':
			usage(stdout);
			return 0;
		case 'V':
			printf("iommugroup-predict %s\n", IG_CLI_VERSION);
			return 0;
		default:
			usage(stderr);
			return EXIT_USAGE;
		}
	}
	if (optind < argc) {
		cmd = argv[optind++];
		if (strcmp(cmd, "which") && strcmp(cmd, "capture")) {
			fprintf(stderr, "iommugroup-predict: unknown command '%s' (which, capture)\n",
				cmd);
			return EXIT_USAGE;
		}
		if (optind >= argc) {
			fprintf(stderr, "iommugroup-predict: %s needs an argument\n",
				cmd);
			return EXIT_USAGE;
		}
		cmd_arg = argv[optind++];
		if (optind < argc) {
			fprintf(stderr, "iommugroup-predict: unexpected argument '%s'\n",
				argv[optind]);
			return EXIT_USAGE;
		}
	}
	c->h.log = log_cb;
	c->h.log_data = c;

	if (cmd && !strcmp(cmd, "capture")) {
		ret = igp_capture(&c->h, cmd_arg);
		return ret ? EXIT_USAGE : 0;
	}
	if (c->dump && strcmp(c->root, "/")) {
		fprintf(stderr, "iommugroup-predict: --root and --lspci-dump exclude each other\n");
		return EXIT_USAGE;
	}

	/* load */
	if (c->dump) {
		c->h.iommu = iommu;
		ret = igp_load_dump(&c->h, c->dump);
	} else {
		ret = igp_load_root(&c->h, c->root);
	}
	if (ret) {
		fprintf(stderr, "iommugroup-predict: cannot read %s\n",
			c->dump ? c->dump : c->root);
		igp_host_free(&c->h);
		return EXIT_USAGE;
	}

	/* the target kernel */
	c->opts.kernel = kver ? kver : c->h.kver;
	if (!c->opts.kernel) {
		fprintf(stderr, "iommugroup-predict: the kernel version is unknown (%s): give --kernel VERSION\n",
			c->dump ? "a dump has none" : "no readable proc/version");
		igp_host_free(&c->h);
		return EXIT_USAGE;
	}
	if (set_cmdline)
		c->cmdline = strdup(cmdline);
	else if (c->h.cmdline)
		c->cmdline = strdup(c->h.cmdline);
	if (append(&c->cmdline, append_cl)) {
		igp_host_free(&c->h);
		return EXIT_INTERNAL;
	}
	if (override) {
		char *o = NULL;

		if (asprintf(&o, "pcie_acs_override=%s", override) < 0 ||
		    append(&c->cmdline, o)) {
			free(o);
			igp_host_free(&c->h);
			return EXIT_INTERNAL;
		}
		free(o);
		if (override_pos < 0)
			override_pos = IG_OVERRIDE_END;
	}
	c->opts.cmdline = c->cmdline;
	c->opts.override_pos = override_pos < 0 ? IG_OVERRIDE_NONE :
			       (uint32_t)override_pos;
	if (!override && c->cmdline && strstr(c->cmdline, "pcie_acs_override=") &&
	    override_pos < 0)
		fprintf(stderr, "iommugroup-predict: note: the command line has pcie_acs_override=, which upstream kernels ignore; give --override-position=end|proxmox if this kernel carries the patch\n");
	c->opts.companion = (uint32_t)companion;

	/* the IOMMU driver */
	if (iommu) {
		c->opts.iommu = iommu;
	} else if (c->h.iommu) {
		c->opts.iommu = c->h.iommu;
		if (verbosity >= IGP_DEBUG)
			fprintf(stderr, "iommugroup-predict: IOMMU: %s (from %s)\n",
				cli_iommu_key(c->h.iommu), c->h.iommu_why);
	} else {
		c->opts.iommu = guess_iommu(c);
		if (!c->opts.iommu) {
			fprintf(stderr, "iommugroup-predict: cannot tell the IOMMU driver (no kernel log, no sys/class/iommu): give --iommu=intel|amd|other\n");
			igp_host_free(&c->h);
			return EXIT_USAGE;
		}
		c->iommu_guessed = 1;
		fprintf(stderr, "iommugroup-predict: note: IOMMU driver not found in the tree; assuming %s (give --iommu= to be sure)\n",
			cli_iommu_key(c->opts.iommu));
	}
	igp_mark_rejects(&c->h, c->opts.iommu);
	igp_firmware(&c->h, c->opts.iommu, c->opts.kernel);

	/* how to read the ACS Control registers */
	if (acs_source) {
		c->opts.acs_source = (uint32_t)acs_source;
		c->acs_source_why = "as asked";
	} else if (c->h.nkgroups) {
		c->opts.acs_source = IG_ACS_LIVE;
		c->acs_source_why = "the tree has kernel groups";
	} else {
		c->opts.acs_source = IG_ACS_SIMULATE;
		c->acs_source_why = "the tree has no kernel groups";
	}
	if (verbosity >= IGP_NOTE)
		fprintf(stderr, "iommugroup-predict: ACS source: %s (%s)\n",
			c->opts.acs_source == IG_ACS_LIVE ?
			"live registers, as the kernel left them (--iommu-on-host)" :
			"firmware values, kernel simulated (--iommu-off-host)",
			c->acs_source_why);
	if (c->opts.acs_source == IG_ACS_LIVE &&
	    (kernel || set_cmdline || append_cl || override))
		fprintf(stderr, "iommugroup-predict: note: what-if on a tree read with the IOMMU on: its ACS Control registers already hold what the running kernel wrote (its version, its command line: pci=disable_acs_redir=, pci=config_acs=); they are read as they are, so those parameters of the what-if are not re-applied and the old ones stay in effect. ACS capabilities, quirks, the override patch and the rules of the other kernel version do apply.\n");

	c->opts.aliases = c->h.aliases;
	c->opts.naliases = c->h.naliases;
	c->opts.root_order = c->h.root_order;
	c->opts.nroot_order = c->h.nroot_order;
	c->opts.first_number = c->h.first_number;
	if (order_from_log) {
		rc = probe_order_from_log(c);
		if (rc)
			goto out;
	} else {
		order_notes(c);
	}

	rc = do_predict(c);
	if (rc)
		goto out;
	if (verbosity >= IGP_NOTE)
		report_short(c);

	if (cmd && !strcmp(cmd, "which")) {
		char pci[IG_NAME_MAX], *chain = NULL, line[1024];
		int64_t idx, g;

		ret = igp_which(&c->h, cmd_arg, pci, &chain);
		if (ret) {
			rc = EXIT_USAGE;
			goto out;
		}
		idx = igp_find_name(&c->h, pci);
		if (idx < 0) {
			fprintf(stderr, "iommugroup-predict: %s: %s is not in the PCI tree read\n",
				cmd_arg, pci);
			free(chain);
			rc = EXIT_USAGE;
			goto out;
		}
		g = ig_dev_group(c->ctx, (uint32_t)idx);
		printf("%s: %s\n", cmd_arg, chain ? chain : pci);
		free(chain);
		if (g < 0) {
			printf("%s: no IOMMU group\n", pci);
		} else {
			uint32_t k;

			printf("IOMMU Group %lld:\n", (long long)g);
			cli_group_members(c, g);
			for (k = 0; k < c->nmembers; k++) {
				if (igp_lspci_line(&c->h, c->members[k], line,
						   sizeof(line)) < 0)
					snprintf(line, sizeof(line), "%s",
						 c->h.x[c->members[k]].name);
				printf("\t%s\n", line);
			}
		}
		rc = c->uncertain ? EXIT_UNCERTAIN : 0;
		goto out;
	}

	if (check) {
		ret = cli_check(c, stdout);
		if (ret < 0)
			rc = EXIT_USAGE;
		else if (c->uncertain)
			rc = EXIT_UNCERTAIN;
		else
			rc = ret ? EXIT_DIFFERENT : EXIT_IDENTICAL;
		if (do_explain && cli_print_explain(c, stdout, explain))
			rc = EXIT_USAGE;
		goto out;
	}
	if (do_explain) {
		if (cli_print_explain(c, stdout, explain))
			rc = EXIT_USAGE;
	} else if (!strcmp(format, "json")) {
		cli_print_json(c, stdout);
	} else if (!strcmp(format, "dot")) {
		cli_print_dot(c, stdout);
	} else {
		cli_print_text(c, stdout);
	}
	if (!rc && c->uncertain)
		rc = EXIT_UNCERTAIN;
out:
	if (fflush(stdout) && !rc)
		rc = EXIT_INTERNAL;
	free(c->ws);
	free(c->members);
	free(c->cmdline);
	free(c->probe_order);
	igp_host_free(&c->h);
	return rc;
}
