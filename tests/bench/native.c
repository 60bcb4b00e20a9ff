// SPDX-License-Identifier: GPL-2.0
/*
 * native: src/lib's algorithms on the host, against glibc on the same
 * inputs (bench.c's, inputs.h). src/lib is compiled as the kernel compiles
 * it (no SIMD, see Makefile); glibc picks its fastest variant for this CPU
 * (SSE2/AVX2). Prints one line per (job, size, implementation):
 *
 *   N <job> <size> <impl> <median ns> <min ns> <max ns> <runs>
 *
 *   native [-r RUNS] [-t TARGET_MS]
 */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "inputs.h"
#include "kfl.h"

#define MAX_RUNS 15

static unsigned char hay[BENCH_BUF], hay2[BENCH_BUF];
static const char needle[] = NEEDLE, uneedle[] = "PassWord";
static unsigned int n;
static int runs = 7;
static double target_ms = 20;

/* Keep the compiler from hoisting or merging calls: inputs look new. */
#define FRESH(p) asm volatile("" : "+r"(p) : : "memory")

typedef long (*job_fn)(void);

static long kfl_strstr_job(void)
{
	const unsigned char *h = hay;

	FRESH(h);
	return kfl_strstr((const char *)h, n, needle, NEEDLE_LEN);
}

static long memmem_job(void)
{
	const unsigned char *h = hay;

	FRESH(h);
	return (const unsigned char *)memmem(h, n, needle, NEEDLE_LEN) - h;
}

static long kfl_strcasestr_job(void)
{
	const unsigned char *h = hay;

	FRESH(h);
	return kfl_strcasestr((const char *)h, n, uneedle, NEEDLE_LEN);
}

static long strcasestr_job(void)
{
	const unsigned char *h = hay;

	FRESH(h);
	return (const unsigned char *)strcasestr((const char *)h, uneedle) - h;
}

static long kfl_strcmp_job(void)
{
	const unsigned char *h = hay;

	FRESH(h);
	return kfl_strcmp((const char *)h, n, (const char *)hay2, n);
}

static long strcmp_job(void)
{
	const unsigned char *h = hay;

	FRESH(h);
	return strcmp((const char *)h, (const char *)hay2);
}

static long strncmp_job(void)
{
	const unsigned char *h = hay;

	FRESH(h);
	return strncmp((const char *)h, (const char *)hay2, n);
}

static long kfl_memchr_job(void)
{
	const unsigned char *h = hay;

	FRESH(h);
	return kfl_memchr(h, n, MEMCHR_BYTE);
}

static long memchr_job(void)
{
	const unsigned char *h = hay;

	FRESH(h);
	return (const unsigned char *)memchr(h, MEMCHR_BYTE, n) - h;
}

static double now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e9 + ts.tv_nsec;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

/* ns per call of @fn: RUNS runs of about TARGET_MS each. */
static void measure(const char *job, const char *impl, job_fn fn, long want)
{
	double v[MAX_RUNS], t;
	unsigned long iters = 1, k;
	int i;

	if (fn() != want) {
		printf("N\t%s\t%u\t%s\twrong\t%ld\twant\t%ld\n", job, n, impl, fn(), want);
		exit(1);
	}
	for (;;) {
		t = now_ns();
		for (k = 0; k < iters; k++)
			fn();
		t = now_ns() - t;
		if (t > target_ms * 1e5)
			break;
		iters *= 4;
	}
	iters = iters * (target_ms * 1e6 / t) + 1;
	for (i = 0; i < runs; i++) {
		t = now_ns();
		for (k = 0; k < iters; k++)
			fn();
		v[i] = (now_ns() - t) / iters;
	}
	qsort(v, runs, sizeof(v[0]), cmp_double);
	printf("N\t%s\t%u\t%s\t%.2f\t%.2f\t%.2f\t%d\n", job, n, impl,
	       runs % 2 ? v[runs / 2] : (v[runs / 2 - 1] + v[runs / 2]) / 2, v[0], v[runs - 1],
	       runs);
	fflush(stdout);
}

int main(int argc, char **argv)
{
	static const unsigned int sizes[] = { 16, 256, 4096 };
	unsigned int s;
	int c;

	while ((c = getopt(argc, argv, "r:t:")) != -1) {
		if (c == 'r')
			runs = atoi(optarg);
		else if (c == 't')
			target_ms = atof(optarg);
		else
			goto usage;
	}
	if (optind != argc || runs < 1 || runs > MAX_RUNS || target_ms <= 0)
		goto usage;
	for (s = 0; s < 3; s++) {
		n = sizes[s];
		/* As in the VM: text, NUL-terminated for glibc's str* functions. */
		memset(hay, 0, sizeof(hay));
		text(hay, n);
		memcpy(hay + n - NEEDLE_LEN, needle, NEEDLE_LEN);
		measure("strstr", "kfl_strstr", kfl_strstr_job, n - NEEDLE_LEN);
		measure("strstr", "memmem", memmem_job, n - NEEDLE_LEN);
		measure("strcasestr", "kfl_strcasestr", kfl_strcasestr_job, n - NEEDLE_LEN);
		measure("strcasestr", "strcasestr", strcasestr_job, n - NEEDLE_LEN);

		memset(hay, 0, sizeof(hay));
		text(hay, n);
		memcpy(hay2, hay, sizeof(hay));
		measure("strcmp", "kfl_strcmp", kfl_strcmp_job, 0);
		measure("strcmp", "strcmp", strcmp_job, 0);
		measure("strcmp", "strncmp", strncmp_job, 0);

		hay[n - 1] = MEMCHR_BYTE;
		measure("memchr", "kfl_memchr", kfl_memchr_job, n - 1);
		measure("memchr", "memchr", memchr_job, n - 1);
	}
	return 0;
usage:
	fprintf(stderr, "usage: native [-r RUNS] [-t TARGET_MS]\n");
	return 2;
}
