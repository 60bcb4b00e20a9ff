// SPDX-License-Identifier: GPL-2.0
/*
 * Unit and differential tests of src/lib/string.c (kfl_strcasestr,
 * kfl_strrstr, kfl_strnlen, kfl_strcmp, kfl_strcasecmp, kfl_strchr,
 * kfl_strrchr, kfl_strspn, kfl_strcspn, kfl_startswith, kfl_endswith)
 * against glibc, under ASan/UBSan. Buffers are exact-size heap copies, so a
 * read past a size is an ASan error.
 */
#define _GNU_SOURCE
#include <ctype.h>
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <cmocka.h>

#include "../../src/lib/kfl.h"

#define ITERATIONS 200000

/* An exact-size heap copy: one byte too far is caught by ASan. */
static char *dup(const void *p, size_t n)
{
	char *d = malloc(n ? n : 1);

	assert_non_null(d);
	memcpy(d, p, n);
	return d;
}

/* A NUL-terminated copy of the C string in the n bytes at p, for glibc. */
static char *cstr(const void *p, size_t n)
{
	char *d = malloc(n + 1);

	assert_non_null(d);
	memcpy(d, p, n);
	d[n] = 0;
	return d;
}

static int sign(long v)
{
	return (v > 0) - (v < 0);
}

static long casestr(const char *s, unsigned int sn, const char *sub, unsigned int subn)
{
	char *a = dup(s, sn), *b = dup(sub, subn);
	long r = kfl_strcasestr(a, sn, b, subn);

	free(a);
	free(b);
	return r;
}

static long rstr(const char *s, unsigned int sn, const char *sub, unsigned int subn)
{
	char *a = dup(s, sn), *b = dup(sub, subn);
	long r = kfl_strrstr(a, sn, b, subn);

	free(a);
	free(b);
	return r;
}

static unsigned int nlen(const char *s, unsigned int n)
{
	char *a = dup(s, n);
	unsigned int r = kfl_strnlen(a, n);

	free(a);
	return r;
}

static int cmp(const char *x, unsigned int xn, const char *y, unsigned int yn, int fold)
{
	char *a = dup(x, xn), *b = dup(y, yn);
	int r = fold ? kfl_strcasecmp(a, xn, b, yn) : kfl_strcmp(a, xn, b, yn);

	free(a);
	free(b);
	return r;
}

static long chr(const char *s, unsigned int n, int c, int last)
{
	char *a = dup(s, n);
	long r = last ? kfl_strrchr(a, n, c) : kfl_strchr(a, n, c);

	free(a);
	return r;
}

static unsigned int spn(const char *s, unsigned int n, const char *set, unsigned int setn,
			int complement)
{
	char *a = dup(s, n), *b = dup(set, setn);
	unsigned int r = complement ? kfl_strcspn(a, n, b, setn) : kfl_strspn(a, n, b, setn);

	free(a);
	free(b);
	return r;
}

static int affix(const char *s, unsigned int n, const char *x, unsigned int xn, int end)
{
	char *a = dup(s, n), *b = dup(x, xn);
	int r = end ? kfl_endswith(a, n, b, xn) : kfl_startswith(a, n, b, xn);

	free(a);
	free(b);
	return r;
}

static void test_strcasestr_basic(void **state)
{
	(void)state;
	assert_int_equal(casestr("Hello World", 11, "WORLD", 5), 6);
	assert_int_equal(casestr("Hello World", 11, "hello", 5), 0);
	assert_int_equal(casestr("Hello World", 11, "o w", 3), 4);
	assert_int_equal(casestr("Hello World", 11, "worlds", 6), -ENOENT);
	assert_int_equal(casestr("Hello", 4, "LO", 2), -ENOENT);	/* the size bounds it */
	assert_int_equal(casestr("aaaB", 4, "AB", 2), 2);
}

static void test_strcasestr_empty_and_size_one(void **state)
{
	(void)state;
	assert_int_equal(casestr("", 0, "", 0), 0);
	assert_int_equal(casestr("abc", 3, "", 0), 0);
	assert_int_equal(casestr("", 0, "a", 1), -ENOENT);
	assert_int_equal(casestr("a", 1, "A", 1), 0);
	assert_int_equal(casestr("A", 1, "a", 1), 0);
	assert_int_equal(casestr("b", 1, "a", 1), -ENOENT);
	assert_int_equal(casestr("a", 1, "ab", 2), -ENOENT);
}

static void test_strcasestr_match_at_last_byte(void **state)
{
	char big[300];

	(void)state;
	assert_int_equal(casestr("xxxxA", 5, "a", 1), 4);
	assert_int_equal(casestr("xxxxAbC", 7, "aBc", 3), 4);
	/* Past the word-at-a-time part, and at its very end. */
	memset(big, 'x', sizeof(big));
	memcpy(big + 290, "NeEdLe", 6);
	assert_int_equal(casestr(big, sizeof(big), "needle", 6), 290);
	memcpy(big + 294, "NeEdLe", 6);
	assert_int_equal(casestr(big, sizeof(big), "needle", 6), 294);
	assert_int_equal(casestr(big, sizeof(big), "needlex", 7), -ENOENT);
}

static void test_strcasestr_nul_is_a_byte(void **state)
{
	(void)state;
	assert_int_equal(casestr("ab\0CD", 5, "\0cd", 3), 2);
	assert_int_equal(casestr("ab\0CD", 5, "b\0c", 3), 1);
	assert_int_equal(casestr("\0\0\0", 3, "\0", 1), 0);
	assert_int_equal(casestr("abc", 3, "\0", 1), -ENOENT);
}

static void test_strcasestr_folds_ascii_letters_only(void **state)
{
	(void)state;
	assert_int_equal(casestr("\x01\xff", 2, "\xff", 1), 1);
	assert_int_equal(casestr("\xc0", 1, "\xe0", 1), -ENOENT);	/* Latin-1 A-grave */
	assert_int_equal(casestr("\xe0", 1, "\xc0", 1), -ENOENT);
	assert_int_equal(casestr("@", 1, "`", 1), -ENOENT);		/* 0x40 vs 0x60 */
	assert_int_equal(casestr("[", 1, "{", 1), -ENOENT);		/* 0x5b vs 0x7b */
	assert_int_equal(casestr("x[y", 3, "X{Y", 3), -ENOENT);
	assert_int_equal(casestr("Z", 1, "z", 1), 0);
	assert_int_equal(casestr("\xc0\xe0", 2, "\xe0", 1), 1);
}

static void test_strrstr(void **state)
{
	(void)state;
	assert_int_equal(rstr("abcabc", 6, "abc", 3), 3);
	assert_int_equal(rstr("abcabc", 6, "a", 1), 3);
	assert_int_equal(rstr("abcabc", 6, "c", 1), 5);		/* the last byte */
	assert_int_equal(rstr("abcabc", 6, "abcabc", 6), 0);
	assert_int_equal(rstr("abcabc", 6, "abd", 3), -ENOENT);
	assert_int_equal(rstr("aaaa", 4, "aa", 2), 2);		/* overlapping */
	assert_int_equal(rstr("abc", 3, "abcd", 4), -ENOENT);
	assert_int_equal(rstr("abcabc", 5, "abc", 3), 0);	/* the size bounds it */
	assert_int_equal(rstr("a", 1, "a", 1), 0);
	assert_int_equal(rstr("a", 1, "b", 1), -ENOENT);
	assert_int_equal(rstr("", 0, "a", 1), -ENOENT);
}

static void test_strrstr_empty_sub_is_s_len(void **state)
{
	(void)state;
	assert_int_equal(rstr("abc", 3, "", 0), 3);
	assert_int_equal(rstr("", 0, "", 0), 0);
	assert_int_equal(rstr("a\0", 2, "", 0), 2);
}

static void test_strrstr_nul_and_high_bytes(void **state)
{
	char big[300];

	(void)state;
	assert_int_equal(rstr("a\0b\0b", 5, "\0b", 2), 3);
	assert_int_equal(rstr("\xff\x01\xff", 3, "\xff", 1), 2);
	assert_int_equal(rstr("AbC", 3, "abc", 3), -ENOENT);	/* no folding */
	memset(big, 'x', sizeof(big));
	memcpy(big, "needle", 6);
	assert_int_equal(rstr(big, sizeof(big), "needle", 6), 0);
	memcpy(big + 150, "needle", 6);
	assert_int_equal(rstr(big, sizeof(big), "needle", 6), 150);
	memcpy(big + 294, "needle", 6);
	assert_int_equal(rstr(big, sizeof(big), "needle", 6), 294);
}

static void test_strnlen(void **state)
{
	char big[100];

	(void)state;
	assert_int_equal(nlen("abc", 3), 3);
	assert_int_equal(nlen("ab\0c", 4), 2);
	assert_int_equal(nlen("", 0), 0);
	assert_int_equal(nlen("\0", 1), 0);
	assert_int_equal(nlen("a", 1), 1);
	assert_int_equal(nlen("\xff\xff", 2), 2);
	memset(big, 0xff, sizeof(big));
	assert_int_equal(nlen(big, sizeof(big)), 100);
	big[99] = 0;
	assert_int_equal(nlen(big, sizeof(big)), 99);
	big[8] = 0;
	assert_int_equal(nlen(big, sizeof(big)), 8);
	assert_int_equal(nlen(big, 8), 8);
}

static void test_strcmp(void **state)
{
	(void)state;
	assert_int_equal(cmp("abc", 3, "abc", 3, 0), 0);
	assert_int_equal(cmp("abc", 3, "abd", 3, 0), -1);
	assert_int_equal(cmp("abd", 3, "abc", 3, 0), 1);
	assert_int_equal(cmp("ab", 2, "abc", 3, 0), -1);	/* a prefix is less */
	assert_int_equal(cmp("abc", 3, "ab", 2, 0), 1);
	assert_int_equal(cmp("", 0, "", 0, 0), 0);
	assert_int_equal(cmp("", 0, "a", 1, 0), -1);
	assert_int_equal(cmp("a", 1, "", 0, 0), 1);
	assert_int_equal(cmp("\0", 1, "", 0, 0), 0);
	assert_int_equal(cmp("\xff", 1, "\x01", 1, 0), 1);	/* bytes are unsigned */
	assert_int_equal(cmp("ab\0x", 4, "ab\0y", 4, 0), 0);	/* strings end at NUL */
	assert_int_equal(cmp("ab", 2, "ab\0", 3, 0), 0);
	assert_int_equal(cmp("ab\0", 3, "abc", 3, 0), -1);
	assert_int_equal(cmp("Z", 1, "a", 1, 0), -1);
	assert_int_equal(cmp("0123456789abcdefX", 17, "0123456789abcdefY", 17, 0), -1);
	assert_int_equal(cmp("0123456789abcdefX", 16, "0123456789abcdefY", 16, 0), 0);
	assert_int_equal(cmp("01234567\0abcdefX", 16, "01234567\0abcdefY", 16, 0), 0);
}

static void test_strcasecmp_folds_ascii_letters_only(void **state)
{
	(void)state;
	assert_int_equal(cmp("ABC", 3, "abc", 3, 1), 0);
	assert_int_equal(cmp("abc", 3, "ABD", 3, 1), -1);
	assert_int_equal(cmp("Z", 1, "a", 1, 1), 1);		/* both sides lowered */
	assert_int_equal(cmp("_", 1, "A", 1, 1), -1);		/* 0x5f < 'a', > 'A' */
	assert_int_equal(cmp("\xc0", 1, "\xe0", 1, 1), -1);	/* no Latin-1 folding */
	assert_int_equal(cmp("[", 1, "{", 1, 1), -1);
	assert_int_equal(cmp("@", 1, "`", 1, 1), -1);
	assert_int_equal(cmp("", 0, "", 0, 1), 0);
	assert_int_equal(cmp("a", 1, "", 0, 1), 1);
	assert_int_equal(cmp("aB\0x", 4, "Ab\0y", 4, 1), 0);
	assert_int_equal(cmp("HELLO, WORLD 123", 16, "hello, world 123", 16, 1), 0);
	assert_int_equal(cmp("HELLO, WORLD 123!", 17, "hello, world 123?", 17, 1), -1);
	assert_int_equal(cmp("\xff", 1, "a", 1, 1), 1);
}

static void test_strchr(void **state)
{
	char big[64];

	(void)state;
	assert_int_equal(chr("hello", 5, 'l', 0), 2);
	assert_int_equal(chr("hello", 5, 'h', 0), 0);
	assert_int_equal(chr("hello", 5, 'o', 0), 4);		/* the last byte */
	assert_int_equal(chr("hello", 5, 'x', 0), -ENOENT);
	assert_int_equal(chr("", 0, 'a', 0), -ENOENT);
	assert_int_equal(chr("a\0b", 3, 'b', 0), -ENOENT);	/* after the NUL */
	assert_int_equal(chr("hello", 2, 'l', 0), -ENOENT);	/* the size bounds it */
	assert_int_equal(chr("\x01\xff", 2, 0xff, 0), 1);
	assert_int_equal(chr("\x01\xff", 2, -1, 0), 1);		/* c is taken as a byte */
	assert_int_equal(chr("ab", 2, 0x162, 0), 1);
	memset(big, 'x', sizeof(big));
	big[40] = 'y';
	assert_int_equal(chr(big, sizeof(big), 'y', 0), 40);
	big[20] = 0;
	assert_int_equal(chr(big, sizeof(big), 'y', 0), -ENOENT);
}

static void test_strchr_nul_finds_the_terminator(void **state)
{
	(void)state;
	assert_int_equal(chr("ab\0", 3, 0, 0), 2);
	assert_int_equal(chr("ab\0c\0", 5, 0, 0), 2);
	assert_int_equal(chr("ab", 2, 0, 0), -ENOENT);	/* no NUL within the size */
	assert_int_equal(chr("", 0, 0, 0), -ENOENT);
	assert_int_equal(chr("\0", 1, 0, 0), 0);
	assert_int_equal(chr("ab", 2, 0x100, 0), -ENOENT);	/* 0x100 is NUL as a byte */
	assert_int_equal(chr("ab\0", 3, 0, 1), 2);
	assert_int_equal(chr("ab", 2, 0, 1), -ENOENT);
	assert_int_equal(chr("\0\0", 2, 0, 1), 0);
}

static void test_strrchr(void **state)
{
	char big[64];

	(void)state;
	assert_int_equal(chr("hello", 5, 'l', 1), 3);
	assert_int_equal(chr("hello", 5, 'h', 1), 0);
	assert_int_equal(chr("hello", 5, 'o', 1), 4);
	assert_int_equal(chr("hello", 5, 'x', 1), -ENOENT);
	assert_int_equal(chr("", 0, 'a', 1), -ENOENT);
	assert_int_equal(chr("a\0a", 3, 'a', 1), 0);		/* not after the NUL */
	assert_int_equal(chr("hello", 3, 'l', 1), 2);
	assert_int_equal(chr("\xff\x01\xff", 3, -1, 1), 2);
	memset(big, 'x', sizeof(big));
	big[3] = 'y';
	assert_int_equal(chr(big, sizeof(big), 'y', 1), 3);
	big[63] = 'y';
	assert_int_equal(chr(big, sizeof(big), 'y', 1), 63);
	big[50] = 0;
	assert_int_equal(chr(big, sizeof(big), 'y', 1), 3);
}

static void test_strspn(void **state)
{
	char big[40];

	(void)state;
	assert_int_equal(spn("aab", 3, "a", 1, 0), 2);
	assert_int_equal(spn("abcabcx", 7, "abc", 3, 0), 6);
	assert_int_equal(spn("xabc", 4, "abc", 3, 0), 0);
	assert_int_equal(spn("abc", 3, "abc", 3, 0), 3);		/* to the last byte */
	assert_int_equal(spn("", 0, "a", 1, 0), 0);
	assert_int_equal(spn("aaa", 3, "", 0, 0), 0);
	assert_int_equal(spn("aaa", 3, "\0a", 2, 0), 0);		/* accept is "" */
	assert_int_equal(spn("abc", 3, "a\0b", 3, 0), 1);		/* accept is "a" */
	assert_int_equal(spn("aa\0aa", 5, "a", 1, 0), 2);		/* s ends at NUL */
	assert_int_equal(spn("aa\0aa", 5, "a\0", 2, 0), 2);
	assert_int_equal(spn("aaaa", 2, "a", 1, 0), 2);		/* the size bounds it */
	assert_int_equal(spn("\xff\xff\x01", 3, "\xff", 1, 0), 2);
	assert_int_equal(spn("\xff\x80\x01", 3, "\x80\xff", 2, 0), 2);
	assert_int_equal(spn("Aa", 2, "a", 1, 0), 0);		/* no folding */
	memset(big, 'a', sizeof(big));
	assert_int_equal(spn(big, sizeof(big), "a", 1, 0), 40);
	assert_int_equal(spn(big, sizeof(big), "ab", 2, 0), 40);
	big[33] = 'b';
	assert_int_equal(spn(big, sizeof(big), "a", 1, 0), 33);
}

static void test_strcspn(void **state)
{
	(void)state;
	assert_int_equal(spn("abc", 3, "c", 1, 1), 2);
	assert_int_equal(spn("abc", 3, "cb", 2, 1), 1);
	assert_int_equal(spn("abc", 3, "xyz", 3, 1), 3);
	assert_int_equal(spn("abc", 3, "a", 1, 1), 0);
	assert_int_equal(spn("", 0, "a", 1, 1), 0);
	assert_int_equal(spn("abc", 3, "", 0, 1), 3);		/* reject is "" */
	assert_int_equal(spn("abc", 3, "\0a", 2, 1), 3);
	assert_int_equal(spn("ab\0c", 4, "c", 1, 1), 2);		/* s ends at NUL */
	assert_int_equal(spn("ab\0c", 4, "cd", 2, 1), 2);
	assert_int_equal(spn("ab\0c", 4, "", 0, 1), 2);
	assert_int_equal(spn("abcdef", 3, "f", 1, 1), 3);		/* the size bounds it */
	assert_int_equal(spn("abcdef", 3, "fe", 2, 1), 3);
	assert_int_equal(spn("\x01\xff", 2, "\xff", 1, 1), 1);
	assert_int_equal(spn("\x01\xff", 2, "\xff\x80", 2, 1), 1);
	assert_int_equal(spn("abcA", 4, "A", 1, 1), 3);		/* no folding */
}

static void test_startswith(void **state)
{
	(void)state;
	assert_int_equal(affix("hello", 5, "he", 2, 0), 1);
	assert_int_equal(affix("hello", 5, "hello", 5, 0), 1);
	assert_int_equal(affix("hello", 5, "hex", 3, 0), 0);
	assert_int_equal(affix("hello", 5, "", 0, 0), 1);		/* the empty affix */
	assert_int_equal(affix("", 0, "", 0, 0), 1);
	assert_int_equal(affix("", 0, "a", 1, 0), 0);
	assert_int_equal(affix("he", 2, "hello", 5, 0), 0);
	assert_int_equal(affix("he\0llo", 6, "hel", 3, 0), 0);	/* s is "he" */
	assert_int_equal(affix("hello", 5, "he\0x", 4, 0), 1);	/* the affix is "he" */
	assert_int_equal(affix("hello", 5, "\0x", 2, 0), 1);
	assert_int_equal(affix("hello", 2, "hel", 3, 0), 0);	/* the size bounds it */
	assert_int_equal(affix("Hello", 5, "he", 2, 0), 0);
	assert_int_equal(affix("\xff\x01", 2, "\xff", 1, 0), 1);
	assert_int_equal(affix("0123456789abcdefgh", 18, "0123456789abcdefg", 17, 0), 1);
	assert_int_equal(affix("0123456789abcdefgh", 18, "0123456789abcdefh", 17, 0), 0);
}

static void test_endswith(void **state)
{
	(void)state;
	assert_int_equal(affix("hello", 5, "lo", 2, 1), 1);
	assert_int_equal(affix("hello", 5, "hello", 5, 1), 1);
	assert_int_equal(affix("hello", 5, "xhello", 6, 1), 0);
	assert_int_equal(affix("hello", 5, "", 0, 1), 1);
	assert_int_equal(affix("", 0, "", 0, 1), 1);
	assert_int_equal(affix("", 0, "a", 1, 1), 0);
	assert_int_equal(affix("hello\0xx", 8, "lo", 2, 1), 1);	/* s is "hello" */
	assert_int_equal(affix("hello\0xx", 8, "xx", 2, 1), 0);
	assert_int_equal(affix("hello", 5, "lo\0x", 4, 1), 1);	/* the affix is "lo" */
	assert_int_equal(affix("hello", 4, "lo", 2, 1), 0);		/* s is "hell" */
	assert_int_equal(affix("hello", 4, "ll", 2, 1), 1);
	assert_int_equal(affix("hellO", 5, "lo", 2, 1), 0);
	assert_int_equal(affix("\x01\xff", 2, "\xff", 1, 1), 1);
}

/* Random bytes over a small alphabet: case pairs, NUL, 0xff, Latin-1. */
static const unsigned char alpha[] = {
	'a', 'A', 'b', 'B', 'z', 0, 0xff, 0xc0, 0xe0, '@', '`', '[', '{',
};

static unsigned int fill(unsigned char *buf, unsigned int max, int nul_ok)
{
	unsigned int n = rand() % (max + 1), k;
	unsigned int na = rand() % 2 ? sizeof(alpha) : 5;

	for (k = 0; k < n; k++) {
		do
			buf[k] = alpha[rand() % na];
		while (!nul_ok && !buf[k]);
	}
	return n;
}

/* Case-insensitive memmem (NUL is a byte): fold both, then memmem. */
static long ref_casestr(const unsigned char *s, unsigned int sn,
			const unsigned char *sub, unsigned int subn)
{
	unsigned char fs[128], fsub[128];
	const unsigned char *p;
	unsigned int k;

	for (k = 0; k < sn; k++)
		fs[k] = tolower(s[k]);
	for (k = 0; k < subn; k++)
		fsub[k] = tolower(sub[k]);
	p = memmem(fs, sn, fsub, subn);
	return p ? p - fs : -ENOENT;
}

/* Last occurrence: the first one in both buffers reversed. */
static long ref_rstr(const unsigned char *s, unsigned int sn,
		     const unsigned char *sub, unsigned int subn)
{
	unsigned char rs[128], rsub[128];
	const unsigned char *p;
	unsigned int k;

	for (k = 0; k < sn; k++)
		rs[k] = s[sn - 1 - k];
	for (k = 0; k < subn; k++)
		rsub[k] = sub[subn - 1 - k];
	p = memmem(rs, sn, rsub, subn);
	return p ? (long)(sn - subn - (p - rs)) : -ENOENT;
}

static void test_strcasestr_vs_glibc(void **state)
{
	unsigned char s[100], sub[8];
	int i, nul_free = 0;

	(void)state;
	srand(1001);
	for (i = 0; i < ITERATIONS; i++) {
		int nul_ok = rand() % 4 == 0;
		unsigned int sn = fill(s, 99, nul_ok), subn, k;
		long got, want;

		/* Needles are often cut from the haystack, in another case. */
		if (sn && rand() % 2) {
			unsigned int at = rand() % sn;

			subn = 1 + rand() % 7;
			if (subn > sn - at)
				subn = sn - at;
			for (k = 0; k < subn; k++)
				sub[k] = rand() % 2 ? toupper(s[at + k]) : tolower(s[at + k]);
		} else {
			subn = fill(sub, 3, nul_ok);
		}
		got = casestr((char *)s, sn, (char *)sub, subn);
		if (!memchr(s, 0, sn) && !memchr(sub, 0, subn)) {
			char *cs = cstr(s, sn), *csub = cstr(sub, subn);
			const char *p = strcasestr(cs, csub);

			want = p ? p - cs : -ENOENT;
			free(cs);
			free(csub);
			nul_free++;
		} else {
			want = ref_casestr(s, sn, sub, subn);
		}
		assert_int_equal(got, want);
	}
	print_message("# %d searches, %d of them NUL-free against strcasestr\n",
		      ITERATIONS, nul_free);
	assert_true(nul_free >= 100000);
}

static void test_strrstr_vs_reversed_memmem(void **state)
{
	unsigned char s[100], sub[8];
	int i;

	(void)state;
	srand(1002);
	for (i = 0; i < ITERATIONS; i++) {
		unsigned int sn = fill(s, 99, 1), subn, k;

		if (sn && rand() % 2) {
			unsigned int at = rand() % sn;

			subn = rand() % 8;
			if (subn > sn - at)
				subn = sn - at;
			for (k = 0; k < subn; k++)
				sub[k] = s[at + k];
		} else {
			subn = fill(sub, 3, 1);
		}
		assert_int_equal(rstr((char *)s, sn, (char *)sub, subn),
				 ref_rstr(s, sn, sub, subn));
	}
}

static void test_strnlen_strchr_strrchr_vs_glibc(void **state)
{
	unsigned char s[100];
	int i;

	(void)state;
	srand(1003);
	for (i = 0; i < ITERATIONS; i++) {
		unsigned int sn = fill(s, 99, rand() % 2);
		int c = alpha[rand() % sizeof(alpha)];
		char *cs = cstr(s, sn);
		unsigned int n = strlen(cs);
		const char *p;

		assert_int_equal(nlen((char *)s, sn), strnlen((char *)s, sn));
		p = strchr(cs, c);
		/* glibc finds the NUL it appended; within the size it may be absent. */
		assert_int_equal(chr((char *)s, sn, c, 0),
				 p && (unsigned int)(p - cs) < sn ? p - cs : -ENOENT);
		p = strrchr(cs, c);
		assert_int_equal(chr((char *)s, sn, c, 1),
				 p && (unsigned int)(p - cs) < sn ? p - cs : -ENOENT);
		assert_true(n <= sn);
		free(cs);
	}
}

static void test_strcmp_strcasecmp_vs_glibc(void **state)
{
	unsigned char a[40], b[40];
	int i;

	(void)state;
	srand(1004);
	for (i = 0; i < ITERATIONS; i++) {
		unsigned int an = fill(a, 39, rand() % 2), bn, k;
		char *ca, *cb;

		/* Mostly a copy of a, with a change or a cut, in any case. */
		bn = rand() % 4 ? an : (unsigned int)rand() % 40;
		for (k = 0; k < bn; k++) {
			unsigned char x = k < an ? a[k] : alpha[rand() % sizeof(alpha)];

			if (rand() % 16 == 0)
				x = alpha[rand() % sizeof(alpha)];
			b[k] = rand() % 2 ? toupper(x) : x;
		}
		ca = cstr(a, an);
		cb = cstr(b, bn);
		/* glibc returns any magnitude: compare signs. */
		assert_int_equal(cmp((char *)a, an, (char *)b, bn, 0), sign(strcmp(ca, cb)));
		assert_int_equal(cmp((char *)a, an, (char *)b, bn, 1), sign(strcasecmp(ca, cb)));
		free(ca);
		free(cb);
	}
}

static void test_strspn_strcspn_vs_glibc(void **state)
{
	unsigned char s[60], set[6];
	int i;

	(void)state;
	srand(1005);
	for (i = 0; i < ITERATIONS; i++) {
		unsigned int sn = fill(s, 59, rand() % 2), setn = fill(set, 5, rand() % 2);
		char *cs = cstr(s, sn), *cset = cstr(set, setn);

		assert_int_equal(spn((char *)s, sn, (char *)set, setn, 0), strspn(cs, cset));
		assert_int_equal(spn((char *)s, sn, (char *)set, setn, 1), strcspn(cs, cset));
		free(cs);
		free(cset);
	}
}

static void test_startswith_endswith_vs_glibc(void **state)
{
	unsigned char s[30], x[30];
	int i;

	(void)state;
	srand(1006);
	for (i = 0; i < ITERATIONS; i++) {
		unsigned int sn = fill(s, 29, rand() % 2), xn, k, cn, cxn;
		char *cs, *cx;
		int want;

		if (sn && rand() % 2) {
			/* A piece from the start or the end, maybe changed. */
			xn = rand() % (sn + 1);
			for (k = 0; k < xn; k++)
				x[k] = rand() % 2 ? s[k] : s[sn - xn + k];
			if (rand() % 4 == 0 && xn)
				x[rand() % xn] = alpha[rand() % sizeof(alpha)];
		} else {
			xn = fill(x, 5, rand() % 2);
		}
		cs = cstr(s, sn);
		cx = cstr(x, xn);
		cn = strlen(cs);
		cxn = strlen(cx);
		want = strncmp(cs, cx, cxn) == 0;
		assert_int_equal(affix((char *)s, sn, (char *)x, xn, 0), want);
		want = cxn <= cn && strcmp(cs + cn - cxn, cx) == 0;
		assert_int_equal(affix((char *)s, sn, (char *)x, xn, 1), want);
		free(cs);
		free(cx);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_strcasestr_basic),
		cmocka_unit_test(test_strcasestr_empty_and_size_one),
		cmocka_unit_test(test_strcasestr_match_at_last_byte),
		cmocka_unit_test(test_strcasestr_nul_is_a_byte),
		cmocka_unit_test(test_strcasestr_folds_ascii_letters_only),
		cmocka_unit_test(test_strrstr),
		cmocka_unit_test(test_strrstr_empty_sub_is_s_len),
		cmocka_unit_test(test_strrstr_nul_and_high_bytes),
		cmocka_unit_test(test_strnlen),
		cmocka_unit_test(test_strcmp),
		cmocka_unit_test(test_strcasecmp_folds_ascii_letters_only),
		cmocka_unit_test(test_strchr),
		cmocka_unit_test(test_strchr_nul_finds_the_terminator),
		cmocka_unit_test(test_strrchr),
		cmocka_unit_test(test_strspn),
		cmocka_unit_test(test_strcspn),
		cmocka_unit_test(test_startswith),
		cmocka_unit_test(test_endswith),
		cmocka_unit_test(test_strcasestr_vs_glibc),
		cmocka_unit_test(test_strrstr_vs_reversed_memmem),
		cmocka_unit_test(test_strnlen_strchr_strrchr_vs_glibc),
		cmocka_unit_test(test_strcmp_strcasecmp_vs_glibc),
		cmocka_unit_test(test_strspn_strcspn_vs_glibc),
		cmocka_unit_test(test_startswith_endswith_vs_glibc),
	};

	cmocka_set_message_output(CM_OUTPUT_TAP);
	return cmocka_run_group_tests_name("string", tests, NULL, NULL);
}
