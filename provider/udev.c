// SPDX-License-Identifier: GPL-2.0-only OR MIT
/*
 * udev.c - the PCI device a /dev node, a network interface, a DRM card, a
 * USB device or a sysfs path hangs off, through libudev.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <libudev.h>

#include "igp.h"

/* "BUS:DEV" as lsusb prints it (decimal) */
static struct udev_device *usb_by_numbers(struct udev *u, const char *t)
{
	unsigned int bus, dev;
	int n = 0;
	struct udev_enumerate *e;
	struct udev_list_entry *l;
	struct udev_device *found = NULL;
	char bs[16], ds[16];

	if (sscanf(t, "%u:%u%n", &bus, &dev, &n) != 2 || t[n])
		return NULL;
	snprintf(bs, sizeof(bs), "%u", bus);
	snprintf(ds, sizeof(ds), "%u", dev);
	e = udev_enumerate_new(u);
	if (!e)
		return NULL;
	udev_enumerate_add_match_subsystem(e, "usb");
	udev_enumerate_add_match_property(e, "DEVTYPE", "usb_device");
	udev_enumerate_scan_devices(e);
	udev_list_entry_foreach(l, udev_enumerate_get_list_entry(e)) {
		struct udev_device *d = udev_device_new_from_syspath(u,
				udev_list_entry_get_name(l));
		const char *b, *v;

		if (!d)
			continue;
		b = udev_device_get_sysattr_value(d, "busnum");
		v = udev_device_get_sysattr_value(d, "devnum");
		if (b && v && strtoul(b, NULL, 10) == bus &&
		    strtoul(v, NULL, 10) == dev) {
			found = d;
			break;
		}
		udev_device_unref(d);
	}
	udev_enumerate_unref(e);
	return found;
}

static struct udev_device *lookup(struct udev *u, const char *t)
{
	static const char *const subsystems[] = {
		"net", "drm", "block", "usb", "pci", "sound", "nvme",
		"infiniband", "tty", "misc", "video4linux", NULL,
	};
	struct udev_device *d = NULL;
	struct stat st;
	unsigned int k;

	if (!strncmp(t, "/dev/", 5)) {
		if (stat(t, &st))
			return NULL;
		if (S_ISBLK(st.st_mode))
			return udev_device_new_from_devnum(u, 'b', st.st_rdev);
		if (S_ISCHR(st.st_mode))
			return udev_device_new_from_devnum(u, 'c', st.st_rdev);
		errno = ENOTBLK;
		return NULL;
	}
	if (!strncmp(t, "/sys/", 5)) {
		char *rp = realpath(t, NULL);

		d = udev_device_new_from_syspath(u, rp ? rp : t);
		free(rp);
		return d;
	}
	for (k = 0; subsystems[k]; k++) {
		d = udev_device_new_from_subsystem_sysname(u, subsystems[k], t);
		if (d)
			return d;
	}
	return usb_by_numbers(u, t);
}

int igp_which(struct igp_host *h, const char *target, char pci[IG_NAME_MAX],
	      char **chain)
{
	struct udev *u = udev_new();
	struct udev_device *d, *p, *w;
	size_t len = 0;
	FILE *cf;
	int ret = 0;
	const char *sub;

	*chain = NULL;
	pci[0] = 0;
	if (!u)
		return -ENOMEM;
	d = lookup(u, target);
	if (!d) {
		igp_log(h, IGP_ERR, "%s: no such device known to udev",
			target);
		udev_unref(u);
		return -ENOENT;
	}
	sub = udev_device_get_subsystem(d);
	if (sub && !strcmp(sub, "pci"))
		p = d;
	else
		p = udev_device_get_parent_with_subsystem_devtype(d, "pci",
								  NULL);
	if (!p) {
		igp_log(h, IGP_ERR, "%s (%s) hangs off no PCI device", target,
			udev_device_get_syspath(d));
		ret = -ENODEV;
		goto out;
	}
	snprintf(pci, IG_NAME_MAX, "%s", udev_device_get_sysname(p));
	cf = open_memstream(chain, &len);
	if (cf) {
		/* the walk from the target up to the PCI device; the
		 * parents belong to @d and need no unref */
		for (w = d; w; w = udev_device_get_parent(w)) {
			const char *s = udev_device_get_subsystem(w);

			fprintf(cf, "%s%s%s%s%s", w == d ? "" : " <- ",
				udev_device_get_sysname(w), s ? " (" : "",
				s ? s : "", s ? ")" : "");
			if (w == p)
				break;
		}
		fclose(cf);
	}
out:
	udev_device_unref(d);
	udev_unref(u);
	return ret;
}
