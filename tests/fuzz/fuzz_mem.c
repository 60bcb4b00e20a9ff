// SPDX-License-Identifier: GPL-2.0
/*
 * Fuzz kfl_strstr, kfl_memchr, kfl_memrchr and kfl_memcmp: the input is
 * split into two exact-size heap buffers (ASan catches a read one byte too
 * far), and every result is checked against glibc.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../../src/lib/kfl.h"

static unsigned char *dup(const uint8_t *p, size_t n)
{
	unsigned char *d = malloc(n ? n : 1);

	if (!d)
		abort();
	memcpy(d, p, n);
	return d;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	size_t split;
	unsigned char *a, *b;
	const unsigned char *p;
	unsigned int an, bn;
	int c, want;
	long got;

	if (size < 2)
		return 0;
	c = data[0];
	split = data[1] % (size - 1);
	data += 2;
	size -= 2;
	an = split;
	bn = size - split;
	a = dup(data, an);
	b = dup(data + an, bn);

	p = memmem(a, an, b, bn);
	got = kfl_strstr((char *)a, an, (char *)b, bn);
	if (got != (p ? p - a : -ENOENT))
		abort();
	p = memchr(a, c, an);
	if (kfl_memchr(a, an, c) != (p ? p - a : -ENOENT))
		abort();
	p = memrchr(a, c, an);
	if (kfl_memrchr(a, an, c) != (p ? p - a : -ENOENT))
		abort();
	want = memcmp(a, b, an < bn ? an : bn);
	want = want ? (want > 0) - (want < 0) : (an > bn) - (an < bn);
	if (kfl_memcmp(a, an, b, bn) != want)
		abort();

	free(a);
	free(b);
	return 0;
}
