// SPDX-License-Identifier: GPL-2.0-only OR MIT
/*
 * driver.c - a main() for the fuzz targets when they are built without
 * libFuzzer (gcc, the normal build): run LLVMFuzzerTestOneInput() once on
 * every file named, and on every file of every directory named, in name
 * order.  The normal test suite uses it to replay the seed corpora.
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerInitialize(int *argc, char ***argv) __attribute__((weak));

static unsigned long nrun;

static int run_file(const char *path)
{
	FILE *f = fopen(path, "rb");
	uint8_t *buf = NULL;
	size_t cap = 0, n = 0, r;

	if (!f) {
		perror(path);
		return 1;
	}
	do {
		if (n == cap) {
			uint8_t *nb;

			cap = cap ? cap * 2 : 65536;
			nb = realloc(buf, cap);
			if (!nb) {
				fclose(f);
				free(buf);
				return 1;
			}
			buf = nb;
		}
		r = fread(buf + n, 1, cap - n, f);
		n += r;
	} while (r);
	fclose(f);
	LLVMFuzzerTestOneInput(buf, n);
	free(buf);
	nrun++;
	return 0;
}

static int cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static int run_dir(const char *dir)
{
	struct dirent *e;
	DIR *d = opendir(dir);
	char **names = NULL, *p;
	size_t n = 0, cap = 0, k;
	int err = 0;

	if (!d) {
		perror(dir);
		return 1;
	}
	while ((e = readdir(d))) {
		if (e->d_name[0] == '.')
			continue;
		if (n == cap) {
			char **nn;

			cap = cap ? cap * 2 : 64;
			nn = realloc(names, cap * sizeof(*nn));
			if (!nn)
				break;
			names = nn;
		}
		names[n++] = strdup(e->d_name);
	}
	closedir(d);
	if (n)
		qsort(names, n, sizeof(*names), cmp);
	for (k = 0; k < n; k++) {
		if (names[k] &&
		    asprintf(&p, "%s/%s", dir, names[k]) >= 0) {
			err |= run_file(p);
			free(p);
		}
		free(names[k]);
	}
	free(names);
	return err;
}

int main(int argc, char **argv)
{
	struct stat st;
	int i, err = 0;

	if (LLVMFuzzerInitialize)
		LLVMFuzzerInitialize(&argc, &argv);
	for (i = 1; i < argc; i++) {
		if (stat(argv[i], &st)) {
			perror(argv[i]);
			err = 1;
		} else if (S_ISDIR(st.st_mode)) {
			err |= run_dir(argv[i]);
		} else {
			err |= run_file(argv[i]);
		}
	}
	printf("%lu inputs run\n", nrun);
	return err;
}
