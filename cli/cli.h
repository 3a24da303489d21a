/* SPDX-License-Identifier: GPL-2.0-only OR MIT */
/* cli.h - shared state of iommugroup-predict */
#ifndef CLI_H
#define CLI_H

#include <stdio.h>
#include "iommugroup.h"
#include "igp.h"

/* exit codes, documented in --help and the man page */
#define EXIT_IDENTICAL 0
#define EXIT_DIFFERENT 1
#define EXIT_USAGE 2
#define EXIT_UNCERTAIN 3
#define EXIT_INTERNAL 4

#define CLI_SCHEMA_VERSION 1

struct cli {
	struct igp_host h;
	struct ig_opts opts;
	struct ig_ctx *ctx;
	struct ig_result res;
	void *ws;
	char *cmdline; /* effective command line (owned) */
	const char *root; /* --root or "/" */
	const char *dump; /* --lspci-dump */
	const char *acs_source_why;
	int uncertain; /* the answer depends on unknown data */
	int iommu_guessed;
	uint32_t *probe_order; /* --order-from-log (owned) */
	uint32_t *members; /* scratch for one group, address order */
	uint32_t nmembers;
};

/* words.c */
const char *cli_join_key(uint32_t join);
const char *cli_why_key(uint32_t why);
const char *cli_quirk_key(uint32_t q);
const char *cli_quirk_words(uint32_t q);
const char *cli_port_key(uint8_t pt);
const char *cli_acs_bit(unsigned int bit);
void cli_acs_bits_words(uint16_t bits, char *buf, size_t len);
void cli_acs_words(const struct ig_acs_info *a, uint32_t cfg_len, char *buf,
		   size_t len);

/* output.c */
int cli_group_members(struct cli *c, int64_t number);
void cli_reason_words(struct cli *c, uint32_t dev, char *buf, size_t len);
int cli_print_text(struct cli *c, FILE *f);
int cli_print_json(struct cli *c, FILE *f);
int cli_print_dot(struct cli *c, FILE *f);
int cli_print_explain(struct cli *c, FILE *f, const char *addr);
int cli_check(struct cli *c, FILE *f);
const char *cli_iommu_key(uint32_t iommu);

#endif /* CLI_H */
