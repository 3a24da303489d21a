/* SPDX-License-Identifier: GPL-2.0-only OR MIT */
/*
 * igp.h - userspace providers for the iommugroup core: fill a struct ig_dev
 * table from a root directory (the live "/" or a captured tree), from an
 * "lspci -xxxx" dump, and map /dev nodes, interfaces and sysfs paths to
 * their PCI device through libudev.
 *
 * Providers never print: every message goes through the log callback of
 * struct igp_host, and the CLI decides what reaches stderr.
 */
#ifndef IGP_H
#define IGP_H

#include <stdarg.h>
#include <stdint.h>
#include <stddef.h>
#include "iommugroup.h"

struct pci_access;
struct pci_dev;

enum igp_level {
	IGP_ERR = 0, /* the answer depends on something we could not read */
	IGP_WARN = 1,
	IGP_NOTE = 2,
	IGP_DEBUG = 3,
};

typedef void (*igp_log_fn)(void *data, int level, const char *msg);

/* Per-device facts the core does not need but the front end shows. */
struct igp_devx {
	char name[IG_NAME_MAX]; /* "dddd:bb:dd.f" */
	char *syspath; /* realpath of sys/bus/pci/devices/<name>, or NULL */
	char *driver; /* bound driver name, or NULL */
	char *physfn_base; /* target name of the physfn link, while loading */
	int64_t kgroup; /* the kernel's group (iommu_group link), or -1 */
	uint8_t *cfg; /* config bytes (owned) */
	uint32_t cfg_file_size; /* size the file claims (stat), 0 unknown */
	uint16_t vendor, device; /* from libpci (sysfs files or config) */
	uint32_t class24; /* class << 8 | prog-if, from libpci */
	uint16_t class16; /* what lspci prints: p->device_class */
	uint8_t revision;
	uint8_t problems; /* IGP_PROB_* */
	struct pci_dev *pdev; /* libpci handle (names), may be NULL */
};

#define IGP_PROB_CFG_SHORT 0x01 /* fewer bytes than a root read gives */
#define IGP_PROB_CFG_UNREADABLE 0x02
#define IGP_PROB_VANISHED 0x04
#define IGP_PROB_BAD_LINK 0x08
#define IGP_PROB_REJECT_NOTE 0x10 /* rejected because it has no group */
#define IGP_PROB_AMD_IOMMU 0x20 /* the AMD IOMMU's own function */
#define IGP_PROB_FW_REJECT 0x40 /* no unit of the DMAR/IVRS table covers it */

/* One member of one of the kernel's groups in the tree. */
struct igp_kmember {
	int64_t number;
	char *link; /* link name in devices/ */
	int64_t dev; /* table index, or -1 for a non-PCI device */
};

struct igp_host {
	/* settings (filled by the caller before loading) */
	igp_log_fn log;
	void *log_data;

	/* results */
	char *root; /* "" for "/" */
	struct ig_dev *devs;
	struct igp_devx *x;
	uint32_t ndev;
	struct pci_access *pacc;

	char *cmdline; /* proc/cmdline, trailing newline removed; or NULL */
	char *version; /* proc/version line, or NULL */
	uint32_t kver; /* parsed from @version; 0 if unknown */
	uint32_t iommu; /* enum ig_iommu detected; 0 unknown */
	const char *iommu_why; /* how it was detected */
	int has_groups_dir; /* sys/kernel/iommu_groups exists */
	uint32_t nkgroups; /* groups found there */
	struct igp_kmember *km; /* their members */
	uint32_t nkm;
	int any_group_link; /* some device has an iommu_group link */
	int any_domain; /* some device has a non-zero domain (lspci shows
			 * domains then) */

	uint32_t nshort; /* devices with short config space */
	uint32_t nproblems; /* devices with read problems */
	int is_root_user;
	int live; /* reading the running host */

	char *dmesg; /* the kernel log text, or NULL */
	struct ig_alias *aliases; /* from the kernel log */
	uint32_t naliases;
	uint64_t *root_order; /* from "PCI host bridge to bus" lines */
	uint32_t nroot_order;
	uint32_t first_number; /* numbers taken by non-PCI devices first */

	/* the kernel log's "Adding to iommu group" lines, in log order */
	uint32_t *log_order; /* PCI devices of the table */
	int64_t *log_group; /* the number each got, [nlog_order] */
	uint32_t nlog_order;
	uint32_t nlog_unknown; /* PCI names not in the table */
	uint32_t nlog_platform; /* non-PCI devices */
	int log_first_set; /* first_number came from the log */

	/* firmware IOMMU tables (sys/firmware/acpi/tables/DMAR, IVRS) */
	const char *fw_table; /* "DMAR", "IVRS", or NULL: none was read */
	int fw_unreadable; /* a table exists but could not be read */
	uint32_t fw_units; /* IOMMU units that register */
	uint32_t fw_rejects; /* devices no unit covers */
	uint32_t fw_aliases; /* same-bus IVRS aliases */
	uint32_t fw_hid_groups; /* IVRS ACPI-HID groups */
	uint32_t nclass_iommu; /* entries of sys/class/iommu */
};

/* root.c */
int igp_load_root(struct igp_host *h, const char *root);
void igp_host_free(struct igp_host *h);
int64_t igp_find(const struct igp_host *h, uint32_t domain, uint32_t bus,
		 uint32_t devfn);
int64_t igp_find_name(const struct igp_host *h, const char *name);
int igp_parse_bdf(const char *s, uint32_t *domain, uint32_t *bus,
		  uint32_t *devfn);
void igp_log(const struct igp_host *h, int level, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
struct pci_access *igp_pci_alloc(struct igp_host *h);
int igp_pci_scan(struct igp_host *h);
char *igp_read_text(const char *path, size_t max, size_t *lenp);
void igp_finish_table(struct igp_host *h);
void igp_mark_rejects(struct igp_host *h, uint32_t iommu);
int igp_lspci_line(struct igp_host *h, uint32_t i, char *buf, size_t len);
int igp_names(struct igp_host *h, uint32_t i, char *cls, char *ven,
	      char *dev, size_t len);

/* kver.c */
int igp_parse_kver(const char *version, uint32_t *kver);
int igp_parse_kver_arg(const char *s, uint32_t *kver);
void igp_scan_dmesg(struct igp_host *h);

/* fw.c */
int igp_firmware(struct igp_host *h, uint32_t iommu, uint32_t kver);
uint32_t igp_root_buses(const struct igp_host *h);

/* dump.c */
int igp_load_dump(struct igp_host *h, const char *file);

/* udev.c */
/**
 * igp_which() - the PCI device a /dev node, interface, DRM card, USB device
 * or sysfs path hangs off
 * @target:	"/dev/…", "/sys/…", an interface name, "card0", a USB
 *		"bus-port" name or "BUS:DEV" (lsusb numbers)
 * @pci:	set to the PCI device's name ("dddd:bb:dd.f")
 * @chain:	set to a malloc'ed description of the path walked ("a <- b");
 *		the caller frees it
 * Return: 0, -ENOENT if the target is unknown, -ENODEV if it hangs off no
 * PCI device.
 */
int igp_which(struct igp_host *h, const char *target, char pci[IG_NAME_MAX],
	      char **chain);

/* capture.c */
int igp_capture(struct igp_host *h, const char *dir);

#endif /* IGP_H */
