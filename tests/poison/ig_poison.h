/* SPDX-License-Identifier: GPL-2.0-only OR MIT */
/*
 * ig_poison.h - force-included when lib/ is compiled for the purity test:
 * any use of an allocator, stdio, string or process function in the core
 * breaks the build.  The core must stay compilable in the kernel.
 */
#ifndef IG_POISON_H
#define IG_POISON_H
#include <stddef.h>
#include <stdint.h>
#include <errno.h>
#pragma GCC poison malloc calloc realloc free aligned_alloc posix_memalign
#pragma GCC poison printf fprintf sprintf snprintf vprintf vfprintf puts
#pragma GCC poison putchar fputs fputc perror
#pragma GCC poison fopen fclose fread fwrite fgets fscanf sscanf scanf
#pragma GCC poison open close read write opendir readdir stat lstat
#pragma GCC poison exit abort atexit getenv system
#pragma GCC poison memcpy memmove memset memcmp strlen strcmp strncmp
#pragma GCC poison strcpy strncpy strcat strchr strrchr strstr strtol
#pragma GCC poison strtoul qsort bsearch
#endif
