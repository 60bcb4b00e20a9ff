// SPDX-License-Identifier: GPL-2.0
/*
 * Fuzz the string functions of src/lib/string.c: the input is split into
 * two exact-size heap buffers (ASan catches a read one byte too far), and
 * every result is checked against glibc, which gets NUL-terminated copies
 * (the C strings), or for the byte-string searches against memmem on
 * case-folded or reversed copies.
 */
#define _GNU_SOURCE
#include <ctype.h>
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "../../src/lib/kfl.h"

#define MAX_INPUT 4096

static unsigned char *dup(const unsigned char *p, size_t n, int nul)
{
	unsigned char *d = malloc(n + nul > 0 ? n + nul : 1);

	if (!d)
		abort();
	memcpy(d, p, n);
	if (nul)
		d[n] = 0;
	return d;
}

static int sign(long v)
{
	return (v > 0) - (v < 0);
}

/* The first occurrence of @b in @a, both case-folded or both reversed. */
static long ref_find(const unsigned char *a, size_t an, const unsigned char *b, size_t bn,
		     int fold, int reverse)
{
	unsigned char *x = dup(a, an, 0), *y = dup(b, bn, 0);
	const unsigned char *p;
	size_t k;
	long r;

	for (k = 0; k < an; k++)
		x[k] = fold ? tolower(a[k]) : a[reverse ? an - 1 - k : k];
	for (k = 0; k < bn; k++)
		y[k] = fold ? tolower(b[k]) : b[reverse ? bn - 1 - k : k];
	p = memmem(x, an, y, bn);
	r = !p ? -ENOENT : reverse ? (long)(an - bn - (p - x)) : p - x;
	free(x);
	free(y);
	return r;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	unsigned char *a, *b, *ca, *cb;
	unsigned int an, bn, cn, cbn;
	const char *p;
	long want;
	int c;

	if (size < 2 || size > MAX_INPUT)
		return 0;
	c = data[0];
	an = data[1] % (size - 1);
	data += 2;
	size -= 2;
	bn = size - an;
	a = dup(data, an, 0);
	b = dup(data + an, bn, 0);
	ca = dup(data, an, 1);
	cb = dup(data + an, bn, 1);
	cn = strlen((char *)ca);
	cbn = strlen((char *)cb);

	/* Byte strings: NUL is an ordinary byte. */
	want = ref_find(a, an, b, bn, 1, 0);
	if (kfl_strcasestr((char *)a, an, (char *)b, bn) != want)
		abort();
	if (cn == an && cbn == bn) {
		p = strcasestr((char *)ca, (char *)cb);
		if (want != (p ? p - (char *)ca : -ENOENT))
			abort();
	}
	want = bn ? ref_find(a, an, b, bn, 0, 1) : (long)an;
	if (kfl_strrstr((char *)a, an, (char *)b, bn) != want)
		abort();

	/* C strings. */
	if (kfl_strnlen((char *)a, an) != cn)
		abort();
	if (kfl_strcmp((char *)a, an, (char *)b, bn) != sign(strcmp((char *)ca, (char *)cb)))
		abort();
	if (kfl_strcasecmp((char *)a, an, (char *)b, bn) !=
	    sign(strcasecmp((char *)ca, (char *)cb)))
		abort();
	p = strchr((char *)ca, c);
	want = p && p - (char *)ca < (long)an ? p - (char *)ca : -ENOENT;
	if (kfl_strchr((char *)a, an, c) != want)
		abort();
	p = strrchr((char *)ca, c);
	want = p && p - (char *)ca < (long)an ? p - (char *)ca : -ENOENT;
	if (kfl_strrchr((char *)a, an, c) != want)
		abort();
	if (kfl_strspn((char *)a, an, (char *)b, bn) != strspn((char *)ca, (char *)cb))
		abort();
	if (kfl_strcspn((char *)a, an, (char *)b, bn) != strcspn((char *)ca, (char *)cb))
		abort();
	if (kfl_startswith((char *)a, an, (char *)b, bn) !=
	    (strncmp((char *)ca, (char *)cb, cbn) == 0))
		abort();
	if (kfl_endswith((char *)a, an, (char *)b, bn) !=
	    (cbn <= cn && strcmp((char *)ca + cn - cbn, (char *)cb) == 0))
		abort();

	free(a);
	free(b);
	free(ca);
	free(cb);
	return 0;
}
