// SPDX-License-Identifier: GPL-2.0
/*
 * Fuzz kfl_glob_match against glibc's fnmatch(pattern, string, 0): the
 * input is split into a pattern and a string, each an exact-size heap
 * buffer (ASan catches a read one byte too far; a NUL inside ends the C
 * string, as for glibc, which gets NUL-terminated copies). Patterns with a
 * construct where kfl deliberately differs from glibc (see glob.c) are run
 * but not compared. Sizes are capped: glibc is cubic on some patterns.
 */
#define _GNU_SOURCE
#include <fnmatch.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../../src/lib/kfl.h"
#include "../host/glob_ref.h"

#define MAX_INPUT 514

static unsigned char *dup(const uint8_t *p, size_t n, int nul)
{
	unsigned char *d = malloc(n + nul > 0 ? n + nul : 1);

	if (!d)
		abort();
	memcpy(d, p, n);
	if (nul)
		d[n] = 0;
	return d;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	unsigned char *p, *s, *cp, *cs;
	unsigned int pn, sn;
	int got;

	if (size < 2 || size > MAX_INPUT)
		return 0;
	pn = (data[0] | data[1] << 8) % (size - 1);
	data += 2;
	size -= 2;
	sn = size - pn;
	p = dup(data, pn, 0);
	s = dup(data + pn, sn, 0);
	cp = dup(data, pn, 1);
	cs = dup(data + pn, sn, 1);

	got = kfl_glob_match((char *)p, pn, (char *)s, sn);
	if (got != 0 && got != 1)
		abort();
	if (!glob_deviates((char *)cp, 0) && got != (fnmatch((char *)cp, (char *)cs, 0) == 0))
		abort();
	/* The kernel passes constant patterns with pat_len = strlen. */
	if (kfl_glob_match((char *)cp, strlen((char *)cp), (char *)s, sn) != got)
		abort();

	free(p);
	free(s);
	free(cp);
	free(cs);
	return 0;
}
