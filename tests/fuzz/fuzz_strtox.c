// SPDX-License-Identifier: GPL-2.0
/*
 * Fuzz kfl_strtoull and kfl_strtoll against glibc's strtoull/strtoll: the
 * first byte picks the base, the rest is an exact-size heap buffer (ASan
 * catches a read one byte too far); glibc gets a NUL-terminated copy.
 * Compared: the bytes consumed, the value, -EINVAL for no digit or an
 * unsupported base (or a '-' for kfl_strtoull), -ERANGE for ERANGE.
 */
#define _GNU_SOURCE
#include <ctype.h>
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../../src/lib/kfl.h"

#define MAX_INPUT 4096

static const unsigned int bases[] = { 0, 8, 10, 16, 2, 36, 1, 17 };

static int glibc_strto(const char *cs, unsigned int base, int is_signed, unsigned long long *v)
{
	const char *p;
	char *end;

	if (base != 0 && base != 8 && base != 10 && base != 16)
		return -EINVAL;
	for (p = cs; isspace((unsigned char)*p); p++)
		;
	errno = 0;
	if (is_signed)
		*v = strtoll(cs, &end, base);
	else
		*v = strtoull(cs, &end, base);
	if (end == cs || (!is_signed && *p == '-'))
		return -EINVAL;
	if (errno == ERANGE)
		return -ERANGE;
	return end - cs;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	unsigned long long uv = 0x5a5a, want_v;
	long long sv = 0x5a5a;
	unsigned int base, n;
	char *s, *cs;
	int got, want;

	if (size < 1 || size > MAX_INPUT)
		return 0;
	base = bases[data[0] % 8];
	n = size - 1;
	s = malloc(n ? n : 1);
	cs = malloc(n + 1);
	if (!s || !cs)
		abort();
	memcpy(s, data + 1, n);
	memcpy(cs, data + 1, n);
	cs[n] = 0;

	got = kfl_strtoull(s, n, base, &uv);
	want = glibc_strto(cs, base, 0, &want_v);
	if (got != want || (got > 0 && uv != want_v) || (got < 0 && uv != 0x5a5a))
		abort();
	got = kfl_strtoll(s, n, base, &sv);
	want = glibc_strto(cs, base, 1, &want_v);
	if (got != want || (got > 0 && sv != (long long)want_v) || (got < 0 && sv != 0x5a5a))
		abort();

	free(s);
	free(cs);
	return 0;
}
