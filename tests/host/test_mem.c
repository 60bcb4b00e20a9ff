// SPDX-License-Identifier: GPL-2.0
/*
 * Unit and differential tests of src/lib/mem.c (kfl_memchr, kfl_memrchr,
 * kfl_memcmp) against glibc, under ASan/UBSan. Buffers are exact-size heap
 * copies, so a read past a size is an ASan error.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "../../src/lib/kfl.h"

/* An exact-size heap copy: one byte too far is caught by ASan. */
static unsigned char *dup(const void *p, size_t n)
{
	unsigned char *d = malloc(n ? n : 1);

	assert_non_null(d);
	memcpy(d, p, n);
	return d;
}

static long chr(const char *s, unsigned int n, int c)
{
	unsigned char *d = dup(s, n);
	long r = kfl_memchr(d, n, c);

	free(d);
	return r;
}

static long rchr(const char *s, unsigned int n, int c)
{
	unsigned char *d = dup(s, n);
	long r = kfl_memrchr(d, n, c);

	free(d);
	return r;
}

static int cmp(const char *a, unsigned int an, const char *b, unsigned int bn)
{
	unsigned char *da = dup(a, an), *db = dup(b, bn);
	int r = kfl_memcmp(da, an, db, bn);

	free(da);
	free(db);
	return r;
}

static void test_memchr(void **state)
{
	(void)state;
	assert_int_equal(chr("Hello", 5, 'l'), 2);
	assert_int_equal(chr("Hello", 5, 'H'), 0);
	assert_int_equal(chr("Hello", 5, 'o'), 4);
	assert_int_equal(chr("Hello", 5, 'x'), -ENOENT);
	assert_int_equal(chr("", 0, 0), -ENOENT);
	assert_int_equal(chr("a\0b", 3, 0), 1);		/* NUL is a byte */
	assert_int_equal(chr("Hello", 2, 'l'), -ENOENT);	/* the size bounds it */
	assert_int_equal(chr("\xff\x01", 2, 0xff), 0);
	assert_int_equal(chr("\xff\x01", 2, -1), 0);	/* c is taken as a byte */
	assert_int_equal(chr("ab", 2, 0x162), 1);	/* only the low byte counts */
}

static void test_memrchr(void **state)
{
	(void)state;
	assert_int_equal(rchr("Hello", 5, 'l'), 3);
	assert_int_equal(rchr("Hello", 5, 'H'), 0);
	assert_int_equal(rchr("Hello", 5, 'o'), 4);
	assert_int_equal(rchr("Hello", 5, 'x'), -ENOENT);
	assert_int_equal(rchr("", 0, 'a'), -ENOENT);
	assert_int_equal(rchr("a\0b\0", 4, 0), 3);
	assert_int_equal(rchr("Hello", 3, 'l'), 2);
}

static void test_memcmp(void **state)
{
	(void)state;
	assert_int_equal(cmp("abc", 3, "abc", 3), 0);
	assert_int_equal(cmp("abc", 3, "abd", 3), -1);
	assert_int_equal(cmp("abd", 3, "abc", 3), 1);
	assert_int_equal(cmp("ab", 2, "abc", 3), -1);	/* a prefix is less */
	assert_int_equal(cmp("abc", 3, "ab", 2), 1);
	assert_int_equal(cmp("", 0, "", 0), 0);
	assert_int_equal(cmp("", 0, "a", 1), -1);
	assert_int_equal(cmp("\xff", 1, "\x01", 1), 1);	/* bytes are unsigned */
	assert_int_equal(cmp("a\0b", 3, "a\0c", 3), -1);	/* NUL does not end */
}

static int sign(long v)
{
	return (v > 0) - (v < 0);
}

/* 200k random buffers over a small alphabet (with NUL and 0xff). */
static void test_vs_glibc(void **state)
{
	static const unsigned char alpha[] = { 'a', 'b', 0, 0xff };
	unsigned char a[64], b[64];
	int i;

	(void)state;
	srand(12345);
	for (i = 0; i < 200000; i++) {
		unsigned int an = rand() % 65, bn = rand() % 65, k;
		int c = alpha[rand() % 4];
		const unsigned char *p;
		int want;

		for (k = 0; k < an; k++)
			a[k] = alpha[rand() % 4];
		for (k = 0; k < bn; k++)
			b[k] = rand() % 8 ? a[k % (an ? an : 1)] : alpha[rand() % 4];

		p = memchr(a, c, an);
		assert_int_equal(chr((char *)a, an, c), p ? p - a : -ENOENT);
		p = memrchr(a, c, an);
		assert_int_equal(rchr((char *)a, an, c), p ? p - a : -ENOENT);
		want = sign(memcmp(a, b, an < bn ? an : bn));
		if (!want)
			want = (an > bn) - (an < bn);
		assert_int_equal(cmp((char *)a, an, (char *)b, bn), want);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_memchr),
		cmocka_unit_test(test_memrchr),
		cmocka_unit_test(test_memcmp),
		cmocka_unit_test(test_vs_glibc),
	};

	cmocka_set_message_output(CM_OUTPUT_TAP);
	return cmocka_run_group_tests_name("mem", tests, NULL, NULL);
}
