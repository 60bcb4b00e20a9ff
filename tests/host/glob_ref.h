/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Shared by tests/host/test_glob.c and tests/fuzz/fuzz_glob.c: which
 * patterns kfl_glob_match deliberately reads differently from glibc's
 * fnmatch (the list is at the top of test_glob.c), so that the
 * differential tests skip exactly those. Needs <string.h>.
 */
#ifndef GLOB_REF_H
#define GLOB_REF_H

static const char *const class_names[] = {
	"alnum", "alpha", "blank", "cntrl", "digit", "graph",
	"lower", "print", "punct", "space", "upper", "xdigit",
};

static int known_class(const char *name, size_t n)
{
	size_t k;

	for (k = 0; k < 12; k++)
		if (strlen(class_names[k]) == n && !memcmp(class_names[k], name, n))
			return 1;
	return 0;
}

/*
 * 1 when C string @pat holds a construct where kfl_glob_match deliberately
 * differs from glibc (see the top of this file); @bogus_ok keeps patterns
 * with unknown class names (for generators that only put them in bracket
 * expressions that are closed).
 */
static int glob_deviates(const char *pat, int bogus_ok)
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
		if (!bogus_ok && k[0] == ':' && k[1] == ']' && !known_class(q + 2, k - q - 2))
			return 1;
	}
	return 0;
}

#endif /* GLOB_REF_H */
