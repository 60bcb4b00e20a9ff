// SPDX-License-Identifier: GPL-2.0
/*
 * Unit and differential tests of src/lib/glob.c (kfl_glob_match) against
 * glibc's fnmatch(pattern, string, 0) in the C locale, under ASan/UBSan.
 * Buffers are exact-size heap copies, so a read past a size is an ASan
 * error.
 *
 * Deliberate differences from glibc (see the comment in glob.c), left out
 * of the random comparisons by glob_deviates() and pinned down by
 * test_glob_deliberate_differences_from_glibc:
 *  - a '[' without its closing ']' is an ordinary byte, even when glibc
 *    would first fail on an unknown class or on a range cut by the end of
 *    the pattern inside it ("[[:bogus:]" against "[x", "[a-" against "[a-");
 *  - in "[a-[:alpha:]]" the '-' is an ordinary item (glibc's reading
 *    depends on the byte being matched);
 *  - "[=" and "[." are ordinary bytes (no equivalence classes or
 *    collating symbols);
 *  - glibc fails class names of 2047 letters or more.
 * glibc behaviours matched (and tested against glibc): a trailing unpaired
 * '\' never matches; an unknown class ("[[:bogus:]]") fails its bracket
 * expression when reached, negated or not, but an item before it can match.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fnmatch.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <cmocka.h>

#include "../../src/lib/kfl.h"
#include "glob_ref.h"

#define ITERATIONS 200000

/* An exact-size heap copy: one byte too far is caught by ASan. */
static char *dup(const void *p, size_t n)
{
	char *d = malloc(n ? n : 1);

	assert_non_null(d);
	memcpy(d, p, n);
	return d;
}

static int gmn(const char *pat, unsigned int pn, const char *s, unsigned int sn)
{
	char *p = dup(pat, pn), *t = dup(s, sn);
	int r = kfl_glob_match(p, pn, t, sn);

	free(p);
	free(t);
	return r;
}

/* Pattern and string as C strings, passed without their NUL. */
static int gm(const char *pat, const char *s)
{
	return gmn(pat, strlen(pat), s, strlen(s));
}

static int fnm(const char *pat, const char *s)
{
	return fnmatch(pat, s, 0) == 0;
}

/*
 * kfl_glob_match gives @want, and so does glibc unless ours deliberately
 * differs (the unit tests put unknown classes only in closed brackets).
 */
static void expect_at(const char *pat, const char *s, int want, int line)
{
	int got = gm(pat, s);

	if (got != want)
		fail_msg("line %d: pattern \"%s\" string \"%s\": kfl %d", line, pat, s, got);
	if (!glob_deviates(pat, 1) && fnm(pat, s) != want)
		fail_msg("line %d: pattern \"%s\" string \"%s\": glibc %d", line, pat, s, !want);
}

#define expect(pat, s, want) expect_at(pat, s, want, __LINE__)

static void test_glob_empty_and_literals(void **state)
{
	(void)state;
	expect("", "", 1);
	expect("", "a", 0);
	expect("a", "", 0);
	expect("a", "a", 1);
	expect("a", "b", 0);
	expect("abc", "abc", 1);
	expect("abc", "abd", 0);	/* differs at the last byte */
	expect("abc", "ab", 0);
	expect("ab", "abc", 0);
	expect("a", "A", 0);		/* no case folding */
	expect("!^-]:", "!^-]:", 1);	/* only *?[\ are special */
}

static void test_glob_question_mark(void **state)
{
	(void)state;
	expect("?", "a", 1);
	expect("?", "", 0);
	expect("?", "ab", 0);
	expect("a?c", "abc", 1);
	expect("???", "ab", 0);
	expect("?", "/", 1);		/* flags 0: no FNM_PATHNAME */
	expect("?", ".", 1);		/* nor FNM_PERIOD */
	expect("?", "\xff", 1);
}

static void test_glob_star(void **state)
{
	(void)state;
	expect("*", "", 1);
	expect("*", "abc", 1);
	expect("**", "", 1);
	expect("a*", "a", 1);
	expect("a*", "abc", 1);
	expect("a*", "ba", 0);
	expect("*c", "abc", 1);
	expect("*c", "abcd", 0);
	expect("a*c", "ac", 1);
	expect("a*c", "abbbc", 1);
	expect("a*c", "abbbcd", 0);
	expect("*a*b*c*", "xaxbxcx", 1);
	expect("*a*b*c*", "xcxbxax", 0);
	expect("*?", "", 0);
	expect("*??", "a", 0);
	expect("*??", "ab", 1);
	expect("?*?", "ab", 1);
	expect("*", ".hidden", 1);	/* a leading '.' is ordinary */
	expect("a*b", "a/x/b", 1);	/* so is '/' */
	expect("*.txt", "notes.txt", 1);
	expect("*.txt", "notes.txt.bak", 0);
}

static void test_glob_star_backtracking_is_not_exponential(void **state)
{
	char s[2001];

	(void)state;
	memset(s, 'a', 2000);
	s[2000] = 0;
	expect("*a*a*a*b", s, 0);
	expect("*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*b", s, 0);
	expect("*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a", s, 1);
	s[1999] = 'b';
	expect("*a*a*a*b", s, 1);
	expect("a*a*a*b", s, 1);
	expect("*a*a*a*ab", s, 1);
	expect("*a*a*a*bb", s, 0);
}

static void test_glob_bracket_sets_and_ranges(void **state)
{
	(void)state;
	expect("[abc]", "a", 1);
	expect("[abc]", "c", 1);
	expect("[abc]", "d", 0);
	expect("[abc]", "", 0);
	expect("[abc]", "ab", 0);
	expect("x[abc]y", "xby", 1);
	expect("[a-z]", "m", 1);
	expect("[a-z]", "z", 1);
	expect("[a-z]", "A", 0);
	expect("[a-cx-z]", "y", 1);
	expect("[a-cx-z]", "d", 0);
	expect("[z-a]", "m", 0);		/* a reversed range is empty */
	expect("[z-a]", "z", 0);
	expect("[a-a]", "a", 1);
	expect("[\x80-\xff]", "\xc0", 1);	/* byte values */
	expect("[\x01-\x7f]", "\x80", 0);
	expect("[\xc0]", "\xe0", 0);		/* no folding */
	expect("[A-Z]", "a", 0);
	expect("[a-c-e]", "-", 1);		/* '-' after a range */
	expect("[a-c-e]", "d", 0);
	expect("[a-c-e]", "e", 1);
	expect("[*?]", "*", 1);			/* no wildcards inside */
	expect("[*?]", "a", 0);
}

static void test_glob_bracket_negation(void **state)
{
	(void)state;
	expect("[!a]", "b", 1);
	expect("[!a]", "a", 0);
	expect("[!a]", "", 0);
	expect("[^a]", "b", 1);
	expect("[^a]", "a", 0);
	expect("[!a-z]", "m", 0);
	expect("[!a-z]", "M", 1);
	expect("[a!]", "!", 1);			/* '!' later is ordinary */
	expect("[a^]", "^", 1);
	expect("[!!]", "!", 0);
	expect("[!!]", "a", 1);
}

static void test_glob_bracket_close_bracket_and_dash(void **state)
{
	(void)state;
	expect("[]a]", "]", 1);		/* ']' first is literal */
	expect("[]a]", "a", 1);
	expect("[]a]", "b", 0);
	expect("[!]]", "a", 1);
	expect("[!]]", "]", 0);
	expect("[!]a]", "a", 0);
	expect("[]]", "]", 1);
	expect("[]-a]", "^", 1);		/* range ']'..'a' */
	expect("[a-]", "-", 1);		/* '-' last is literal */
	expect("[a-]", "a", 1);
	expect("[a-]", "b", 0);
	expect("[-a]", "-", 1);		/* '-' first is literal */
	expect("[!-]", "-", 0);
	expect("[--0]", "-", 1);		/* range '-'..'0' */
	expect("[--0]", ".", 1);
	expect("[--0]", "/", 1);
	expect("[--0]", "0", 1);
	expect("[--0]", "1", 0);
	expect("[--0]", ",", 0);
	expect("[a-z]]", "a]", 1);	/* the second ']' is a byte */
	expect("[a-z]]", "a", 0);
}

static void test_glob_bracket_escapes(void **state)
{
	(void)state;
	expect("[\\]]", "]", 1);
	expect("[\\]]", "\\", 0);
	expect("[\\]a]", "a", 1);
	expect("[a\\]]", "]", 1);
	expect("[\\\\]", "\\", 1);
	expect("[\\a-\\c]", "b", 1);		/* escaped range ends */
	expect("[a-\\]]", "b", 0);		/* 'a'..']' is empty */
	expect("[\\!a]", "!", 1);		/* an escaped '!' is no negation */
	expect("[\\!a]", "b", 0);
	expect("[\\-a]", "-", 1);
}

static void test_glob_classes_on_every_byte(void **state)
{
	char pat[32], s[2] = { 0, 0 };
	unsigned int k, c;

	(void)state;
	for (k = 0; k < 12; k++) {
		snprintf(pat, sizeof(pat), "[[:%s:]]", class_names[k]);
		for (c = 1; c < 256; c++) {
			s[0] = c;
			expect(pat, s, fnm(pat, s));
		}
		snprintf(pat, sizeof(pat), "[![:%s:]]", class_names[k]);
		for (c = 1; c < 256; c++) {
			s[0] = c;
			expect(pat, s, fnm(pat, s));
		}
	}
	expect("[[:alpha:]]", "\xc0", 0);	/* C locale: ASCII only */
	expect("[[:upper:]]", "a", 0);
	expect("[[:xdigit:]]", "F", 1);
	expect("[[:xdigit:]]", "g", 0);
	expect("[[:space:]]", "\v", 1);
	expect("[[:blank:]]", "\v", 0);
}

static void test_glob_class_combinations(void **state)
{
	(void)state;
	expect("[[:alpha:][:digit:]]", "a", 1);
	expect("[[:alpha:][:digit:]]", "5", 1);
	expect("[[:alpha:][:digit:]]", "_", 0);
	expect("[_[:alnum:]]", "_", 1);
	expect("[![:alpha:][:digit:]]", "_", 1);
	expect("[![:alpha:][:digit:]]", "z", 0);
	expect("[[:alpha:]-]", "-", 1);	/* '-' after a class */
	expect("[[:digit:]-z]", "-", 1);
	expect("[[:digit:]-z]", "y", 0);
	expect("[[:digit:]-z]", "z", 1);
	expect("[[:alpha:]]*", "abc", 1);
	expect("[:alpha:]", "a", 1);		/* no outer []: a plain set */
	expect("[:alpha:]", ":", 1);
	expect("[:alpha:]", "b", 0);
}

/* glibc: an unknown class fails the bracket expression when reached. */
static void test_glob_unknown_class(void **state)
{
	unsigned int c;
	char s[2] = { 0, 0 };

	(void)state;
	for (c = 1; c < 256; c++) {
		s[0] = c;
		expect("[[:bogus:]]", s, 0);
		expect("[![:bogus:]]", s, 0);	/* negated too */
		expect("[[::]]", s, 0);		/* the empty name */
		expect("[a[:bogus:]]", s, c == 'a');	/* 'a' comes first */
		expect("[!a[:bogus:]]", s, 0);
		expect("[[:bogus:]a]", s, 0);
		expect("[[:alpha:][:bogus:]]", s, (c | 0x20) >= 'a' && (c | 0x20) <= 'z');
	}
	expect("x[[:bogus:]]", "x]", 0);
	expect("*[[:bogus:]]*", "anything", 0);
	expect("[[:Alpha:]]", "A]", 1);	/* not a name: '[', ':', ... */
	expect("[[:zip:]]", "z]", 1);	/* glibc: names are 'a'..'y' */
	expect("[[:zip:]]", "i]", 1);
	expect("[[:zip:]]", "z", 0);
	assert_int_equal(fnm("[[:zip:]]", "z]"), 1);
	assert_int_equal(fnm("[a[:bogus:]]", "a"), 1);
	assert_int_equal(fnm("[![:bogus:]]", "a"), 0);
}

static void test_glob_escapes(void **state)
{
	(void)state;
	expect("\\*", "*", 1);
	expect("\\*", "a", 0);
	expect("\\?", "?", 1);
	expect("\\?", "a", 0);
	expect("\\[a]", "[a]", 1);
	expect("\\[a]", "a", 0);
	expect("\\a", "a", 1);
	expect("\\\\", "\\", 1);
	expect("*\\*", "abc*", 1);
	expect("*\\*", "abc", 0);
	expect("*\\a", "xa", 1);
}

/* glibc: "Trailing \ loses": an unpaired '\' at the end matches nothing. */
static void test_glob_trailing_backslash(void **state)
{
	(void)state;
	expect("\\", "\\", 0);
	expect("\\", "", 0);
	expect("a\\", "a\\", 0);
	expect("a\\", "a", 0);
	expect("*\\", "a\\", 0);
	expect("\\\\\\", "\\\\", 0);
	expect("\\\\\\", "\\", 0);
	expect("[a\\", "[a\\", 0);
	expect("[a\\", "a", 0);
	expect("\\\\", "\\", 1);		/* paired: a '\' */
	assert_int_equal(fnm("a\\", "a\\"), 0);
	assert_int_equal(fnm("a\\", "a"), 0);
	/* A NUL ends the pattern: "a\" then NUL is a trailing '\' too. */
	assert_int_equal(gmn("a\\\0b", 4, "a\\", 2), 0);
}

/* A '[' without its closing ']' is an ordinary byte. */
static void test_glob_unterminated_bracket(void **state)
{
	(void)state;
	expect("[abc", "[abc", 1);
	expect("[abc", "a", 0);
	expect("[abc", "[abcd", 0);
	expect("[", "[", 1);
	expect("[", "", 0);
	expect("[!", "[!", 1);
	expect("[]", "[]", 1);
	expect("[]", "]", 0);
	expect("[!]", "[!]", 1);
	expect("[[abc", "[[abc", 1);
	expect("*[a", "xx[a", 1);
	expect("[*", "[xyz", 1);		/* the '*' is a wildcard again */
	expect("[a*", "[abc", 1);
	expect("[a?", "[ab", 1);
	expect("[\\]", "[]", 1);		/* escaped ']' closes nothing */
	expect("[[:alpha:]", "[a", 1);	/* '[' then "[:alpha:]" */
	expect("[[:alpha:]", "[[:alpha:]", 0);
	expect("[a][b", "a[b", 1);
	assert_int_equal(fnm("[abc", "[abc"), 1);
	assert_int_equal(fnm("[[abc", "[[abc"), 1);
	assert_int_equal(fnm("[[:alpha:]", "[a"), 1);
}

static void test_glob_nul_ends_pattern_and_string(void **state)
{
	(void)state;
	assert_int_equal(gmn("a*\0zzz", 6, "abc", 3), 1);	/* the pattern is "a*" */
	assert_int_equal(gmn("ab", 2, "ab\0cd", 5), 1);		/* the string is "ab" */
	assert_int_equal(gmn("ab*", 3, "ab\0cd", 5), 1);
	assert_int_equal(gmn("ab?d", 4, "ab\0d", 4), 0);
	assert_int_equal(gmn("abc", 2, "ab", 2), 1);		/* the sizes cut */
	assert_int_equal(gmn("abc", 3, "abc", 2), 0);
	assert_int_equal(gmn("[a]", 2, "[a", 2), 1);		/* "[a": no ']' */
	assert_int_equal(gmn("\0", 1, "", 0), 1);
	assert_int_equal(gmn("", 0, "\0x", 2), 1);
	assert_int_equal(gmn("?", 1, "\0", 1), 0);
}

static void test_glob_high_bytes(void **state)
{
	(void)state;
	expect("\xff", "\xff", 1);
	expect("\xff*\xff", "\xff\x01\xff", 1);
	expect("[\xff]", "\xff", 1);
	expect("[!\xff]", "\xfe", 1);
	expect("\xc0", "\xe0", 0);
	expect("[\xc0-\xdf]", "\xe0", 0);
}

/* The kernel calls it with pat_len = strlen() of a constant pattern. */
static void test_glob_constant_pattern(void **state)
{
	static const char pat[] = "*.so.[0-9]*";

	(void)state;
	assert_int_equal(kfl_glob_match(pat, strlen(pat), "libc.so.6", 9), 1);
	assert_int_equal(kfl_glob_match(pat, sizeof(pat), "libc.so.6", 9), 1);
	assert_int_equal(kfl_glob_match(pat, strlen(pat), "libc.so", 7), 0);
	assert_int_equal(kfl_glob_match("", 0, "", 0), 1);
}

/* Where ours deliberately differs from glibc: see the top of this file. */
static void test_glob_deliberate_differences_from_glibc(void **state)
{
	(void)state;
	/* glibc: 0 (the unknown class inside the unclosed '[' fails it). */
	assert_int_equal(gm("[[:bogus:]", "[b"), 1);
	/* glibc: 0 (the range "a-" runs into the end of the pattern). */
	assert_int_equal(gm("[a-", "[a-"), 1);
	/* glibc: 1 for ":]x" and "bx" alike; here the set is {b, a, -, alpha}. */
	assert_int_equal(gm("[ba-[:alpha:]]x", "bx"), 1);
	assert_int_equal(gm("[ba-[:alpha:]]x", "-x"), 1);
	assert_int_equal(gm("[ba-[:alpha:]]x", ":]x"), 0);
	/* glibc: "[=a=]" and "[.a.]" match "a"; here '[' '=' 'a' '=' then ']'. */
	assert_int_equal(gm("[[=a=]]", "a"), 0);
	assert_int_equal(gm("[[=a=]]", "=]"), 1);
	assert_int_equal(gm("[[.a.]]", ".]"), 1);
}

static double seconds(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

/*
 * O(pat_len * len): patterns full of unclosed '[' (cubic in glibc, which
 * rescans to the end of the pattern for each) and of stars. Generous time
 * limits: a cubic algorithm would take minutes here.
 */
static void test_glob_runs_in_pat_len_times_len(void **state)
{
	enum { N = 3000 };
	char *pat = malloc(2 * N + 20), *s = malloc(2 * N + 20);
	double t0 = seconds();
	int k;

	(void)state;
	assert_non_null(pat);
	assert_non_null(s);
	/* "*[[[...[[:alpha:]" against "[[[...[a" and "[[[...[[" */
	pat[0] = '*';
	memset(pat + 1, '[', N);
	strcpy(pat + 1 + N, "[:alpha:]");
	memset(s, '[', N + 500);
	strcpy(s + N + 500, "a");
	assert_int_equal(gm(pat, s), 1);
	s[N + 500] = '[';
	assert_int_equal(gm(pat, s), 0);
	/* "*[-[-[-...]" has one ']' at its end: every '[' is closed. */
	pat[0] = '*';
	for (k = 0; k < N; k++)
		memcpy(pat + 1 + 2 * k, "[-", 2);
	strcpy(pat + 1 + 2 * N, "x]");
	memset(s, '-', 2 * N);
	strcpy(s + 2 * N, "y");
	assert_int_equal(gm(pat, s), 0);		/* the set is {'-', '[', 'x'} */
	s[2 * N] = 'x';
	assert_int_equal(gm(pat, s), 1);
	/* Stars: "*a*a*...*b" against a's. */
	for (k = 0; k < N; k++)
		memcpy(pat + 2 * k, "*a", 2);
	strcpy(pat + 2 * N, "*b");
	memset(s, 'a', 2 * N);
	s[2 * N] = 0;
	assert_int_equal(gm(pat, s), 0);
	assert_true(seconds() - t0 < 20);
	free(pat);
	free(s);
}

struct tok {
	const char *s;
	unsigned int n;
};

#define T(lit) { lit, sizeof(lit) - 1 }

static const struct tok ptoks[] = {
	T("a"), T("b"), T("A"), T("Z"), T("z"), T("0"), T("9"), T("*"), T("?"), T("["),
	T("]"), T("!"), T("^"), T("-"), T("\\"), T(":"), T("\xff"), T("\xc0"), T("\0"),
	T("*"), T("["), T("]"), T("[!"), T("[^"), T("a-z"), T("A-Z"), T("0-9"), T("\\]"),
	T("[:alpha:]"), T("[:digit:]"), T("[:upper:]"), T("[:punct:]"), T("[:lower:]"),
	T("[:space:]"), T("[:xdigit:]"), T("[:alnum:]"), T("[:bogus:]"), T("[::]"),
	T("[:zz:]"), T("[:"), T(":]"),
};

static const unsigned char salpha[] = {
	'a', 'b', 'A', 'Z', 'z', '0', '9', '*', '?', '[', ']', '!', '^', '-', '\\', ':',
	0xff, 0xc0, ' ', '.', '/', 0,
};

/* A random pattern of up to 12 tokens in @p (NUL-free or not); its size. */
static unsigned int random_pattern(char *p)
{
	unsigned int n = 0, k, m = rand() % 13;

	for (k = 0; k < m; k++) {
		const struct tok *t = &ptoks[rand() % (sizeof(ptoks) / sizeof(ptoks[0]))];

		memcpy(p + n, t->s, t->n);
		n += t->n;
	}
	return n;
}

/* A string that often matches: the pattern's bytes, with '*' and '?' filled. */
static unsigned int random_string(char *s, const char *p, unsigned int pn)
{
	unsigned int n = 0, k, m;

	if (rand() % 3 == 0) {
		m = rand() % 12;
		for (k = 0; k < m; k++)
			s[n++] = salpha[rand() % sizeof(salpha)];
		return n;
	}
	for (k = 0; k < pn && n < 100; k++) {
		if (p[k] == '*') {
			m = rand() % 3;
			while (m--)
				s[n++] = salpha[rand() % sizeof(salpha)];
		} else if (p[k] == '?' || rand() % 8 == 0) {
			s[n++] = salpha[rand() % sizeof(salpha)];
		} else if (p[k] != '\\' || rand() % 2) {
			s[n++] = p[k];
		}
	}
	return n;
}

static void test_glob_vs_fnmatch(void **state)
{
	char p[400], s[300];
	int i, compared = 0, matched = 0;

	(void)state;
	srand(3001);
	for (i = 0; i < ITERATIONS; i++) {
		unsigned int pn = random_pattern(p), sn = random_string(s, p, pn);
		char *cp, *cs;
		int want, got;

		got = gmn(p, pn, s, sn);
		/* glibc sees the C strings: NUL-terminated copies. */
		cp = malloc(pn + 1);
		cs = malloc(sn + 1);
		assert_non_null(cp);
		assert_non_null(cs);
		memcpy(cp, p, pn);
		cp[pn] = 0;
		memcpy(cs, s, sn);
		cs[sn] = 0;
		if (!glob_deviates(cp, 0)) {
			want = fnm(cp, cs);
			if (got != want)
				fail_msg("pattern \"%s\" string \"%s\": glibc %d, kfl %d",
					 cp, cs, want, got);
			compared++;
			matched += got;
		}
		free(cp);
		free(cs);
	}
	print_message("# %d random patterns: %d compared with fnmatch (%d matches), %d skipped\n",
		      ITERATIONS, compared, matched, ITERATIONS - compared);
	assert_true(compared >= 100000);
	assert_true(matched >= compared / 10);
}

/*
 * Unknown classes inside closed bracket expressions, where glibc's order
 * of evaluation is ours: "x[!a[:bogus:]b-d]*" and the like.
 */
static void test_glob_unknown_classes_vs_fnmatch(void **state)
{
	static const char *const items[] = {
		"a", "b", "z", "A", "0", "b-d", "\\]", "[:alpha:]", "[:digit:]",
		"[:bogus:]", "[::]", "[:zz:]", "[:punct:]", "!",
	};
	static const char *const outer[] = { "a", "b", "?", "*", "0" };
	static const char sbytes[] = "ab0Az]:!-c";
	char p[200], s[40];
	int i, k, compared = 0, matched = 0;
	unsigned int n;

	(void)state;
	srand(3002);
	for (i = 0; i < ITERATIONS / 2; i++) {
		const char *o;

		/* The string follows the pattern: it matches more often than not. */
		p[0] = 0;
		n = 0;
		for (k = rand() % 3; k > 0; k--) {
			o = outer[rand() % 5];
			strcat(p, o);
			if (*o == '*')
				while (n < 10 && rand() % 2)
					s[n++] = sbytes[rand() % 10];
			else
				s[n++] = *o == '?' ? sbytes[rand() % 10] : *o;
		}
		strcat(p, rand() % 3 ? "[" : rand() % 2 ? "[!" : "[^");
		for (k = 1 + rand() % 4; k > 0; k--)
			strcat(p, items[rand() % (sizeof(items) / sizeof(items[0]))]);
		strcat(p, "]");
		s[n++] = sbytes[rand() % 10];
		for (k = rand() % 3; k > 0; k--) {
			o = outer[rand() % 5];
			strcat(p, o);
			s[n++] = *o == '?' || *o == '*' ? sbytes[rand() % 10] : *o;
		}
		s[n] = 0;
		if (glob_deviates(p, 1))
			continue;
		if (gm(p, s) != fnm(p, s))
			fail_msg("pattern \"%s\" string \"%s\": glibc %d", p, s, fnm(p, s));
		compared++;
		matched += fnm(p, s);
	}
	print_message("# %d unknown-class patterns compared with fnmatch (%d matches)\n",
		      compared, matched);
	assert_true(compared >= ITERATIONS / 4);
	assert_true(matched >= compared / 20);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_glob_empty_and_literals),
		cmocka_unit_test(test_glob_question_mark),
		cmocka_unit_test(test_glob_star),
		cmocka_unit_test(test_glob_star_backtracking_is_not_exponential),
		cmocka_unit_test(test_glob_bracket_sets_and_ranges),
		cmocka_unit_test(test_glob_bracket_negation),
		cmocka_unit_test(test_glob_bracket_close_bracket_and_dash),
		cmocka_unit_test(test_glob_bracket_escapes),
		cmocka_unit_test(test_glob_classes_on_every_byte),
		cmocka_unit_test(test_glob_class_combinations),
		cmocka_unit_test(test_glob_unknown_class),
		cmocka_unit_test(test_glob_escapes),
		cmocka_unit_test(test_glob_trailing_backslash),
		cmocka_unit_test(test_glob_unterminated_bracket),
		cmocka_unit_test(test_glob_nul_ends_pattern_and_string),
		cmocka_unit_test(test_glob_high_bytes),
		cmocka_unit_test(test_glob_constant_pattern),
		cmocka_unit_test(test_glob_deliberate_differences_from_glibc),
		cmocka_unit_test(test_glob_runs_in_pat_len_times_len),
		cmocka_unit_test(test_glob_vs_fnmatch),
		cmocka_unit_test(test_glob_unknown_classes_vs_fnmatch),
	};

	cmocka_set_message_output(CM_OUTPUT_TAP);
	return cmocka_run_group_tests_name("glob", tests, NULL, NULL);
}
