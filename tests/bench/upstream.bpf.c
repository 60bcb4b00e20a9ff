// SPDX-License-Identifier: GPL-2.0
/*
 * The kernel's own string kfuncs (6.17 and later), on the same inputs as
 * kfuncs.bpf.c: NUL-terminated strings (the loader puts a NUL after the n
 * bytes) in a map value, which they read a byte at a time with nofault
 * accessors. The loader loads this object only where the kernel has them.
 */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

#include "bench.h"

#ifndef __ksym
#define __ksym __attribute__((section(".ksyms")))
#endif

extern int bpf_strstr(const char *s1__ign, const char *s2__ign) __ksym __weak;
extern int bpf_strcmp(const char *s1__ign, const char *s2__ign) __ksym __weak;
extern int bpf_strnchr(const char *s__ign, __u64 count, char c) __ksym __weak;

struct bench_data data;

char LICENSE[] SEC("license") = "GPL";

/* The size is in the data: the NUL after the n bytes. */
#define strstr_up(n) bpf_strstr((char *)data.hay, (char *)data.needle)
#define strcmp_up(n) bpf_strcmp((char *)data.hay, (char *)data.hay2)
/* memchr's job: the byte within the first n bytes. */
#define memchr_up(n) bpf_strnchr((char *)data.hay, n, MEMCHR_BYTE)

SIZES(strstr, up)
SIZES(strcmp, up)
SIZES(memchr, up)
