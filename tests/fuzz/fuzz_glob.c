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

#define MAX_INPUT 514

static const char *const class_names[] = {
	"alnum", "alpha", "blank", "cntrl", "digit", "graph",
	"lower", "print", "punct", "space", "upper", "xdigit",
};

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

static int known_class(const char *name, size_t n)
{
	size_t k;

	for (k = 0; k < 12; k++)
		if (strlen(class_names[k]) == n && !memcmp(class_names[k], name, n))
			return 1;
	return 0;
}

/* Same filter as tests/host/test_glob.c: the deliberate differences. */
static int glob_deviates(const char *pat)
{
	size_t n = strlen(pat);
	const char *q, *k;

	if (strstr(pat, "[=") || strstr(pat, "[.") || strstr(pat, "-[:"))
		return 1;
	if (n && pat[n - 1] == '-')
		return 1;
	for (q = pat; (q = strstr(q, "[:")); q++) {
		for (k = q + 2; *k >= 'a' && *k <= 'y'; k++)
			;
		if (k - q - 2 >= 2000)
			return 1;
		if (k[0] == ':' && k[1] == ']' && !known_class(q + 2, k - q - 2))
			return 1;
	}
	return 0;
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
	if (!glob_deviates((char *)cp) && got != (fnmatch((char *)cp, (char *)cs, 0) == 0))
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
