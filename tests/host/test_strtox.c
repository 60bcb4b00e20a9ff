// SPDX-License-Identifier: GPL-2.0
/*
 * Unit and differential tests of src/lib/strtox.c (kfl_strtoull,
 * kfl_strtoll) against glibc's strtoull/strtoll in the C locale, under
 * ASan/UBSan. Buffers are exact-size heap copies, so a read past a size is
 * an ASan error.
 */
#define _GNU_SOURCE
#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "../../src/lib/kfl.h"

#define ITERATIONS 200000
#define SENTINEL 0x5a5a5a5a5a5a5a5aULL

/* An exact-size heap copy: one byte too far is caught by ASan. */
static char *dup(const void *p, size_t n)
{
	char *d = malloc(n ? n : 1);

	assert_non_null(d);
	memcpy(d, p, n);
	return d;
}

static unsigned long long uval;
static long long sval;

/* kfl_strtoull on an exact-size copy; the value lands in uval. */
static int u(const char *s, unsigned int n, unsigned int base)
{
	char *d = dup(s, n);
	int r;

	uval = SENTINEL;
	r = kfl_strtoull(d, n, base, &uval);
	free(d);
	if (r < 0)
		assert_true(uval == SENTINEL);	/* written only on success */
	return r;
}

static int sl(const char *s, unsigned int n, unsigned int base)
{
	char *d = dup(s, n);
	int r;

	sval = (long long)SENTINEL;
	r = kfl_strtoll(d, n, base, &sval);
	free(d);
	if (r < 0)
		assert_true(sval == (long long)SENTINEL);
	return r;
}

/* The whole C literal, without its NUL. */
#define U(lit, base) u(lit, sizeof(lit) - 1, base)
#define S(lit, base) sl(lit, sizeof(lit) - 1, base)

static void test_decimal(void **state)
{
	(void)state;
	assert_int_equal(U("123", 10), 3);
	assert_true(uval == 123);
	assert_int_equal(U("0", 10), 1);
	assert_true(uval == 0);
	assert_int_equal(U("7", 0), 1);
	assert_true(uval == 7);
	assert_int_equal(U("42abc", 10), 2);
	assert_true(uval == 42);
	assert_int_equal(U("09", 10), 2);
	assert_true(uval == 9);
	assert_int_equal(S("-123", 10), 4);
	assert_true(sval == -123);
	assert_int_equal(U("000000000000000000000000001", 10), 27);
	assert_true(uval == 1);
}

static void test_white_space_and_signs(void **state)
{
	(void)state;
	assert_int_equal(U(" \t\n\v\f\r42", 10), 8);
	assert_true(uval == 42);
	assert_int_equal(U("+5", 10), 2);
	assert_true(uval == 5);
	assert_int_equal(S("  -5", 10), 4);
	assert_true(sval == -5);
	assert_int_equal(S("+5", 0), 2);
	assert_true(sval == 5);
	assert_int_equal(S("-0", 10), 2);
	assert_true(sval == 0);
	assert_int_equal(U("-5", 10), -EINVAL);		/* strtoull(3) would negate */
	assert_int_equal(U("  -0", 10), -EINVAL);
	assert_int_equal(U("-99999999999999999999999", 10), -EINVAL);
	assert_int_equal(U("+", 10), -EINVAL);
	assert_int_equal(S("-", 10), -EINVAL);
	assert_int_equal(S("+-5", 10), -EINVAL);
	assert_int_equal(S("- 5", 10), -EINVAL);
	assert_int_equal(U(" ", 10), -EINVAL);
	assert_int_equal(U("\xa0" "5", 10), -EINVAL);	/* no locale white space */
	assert_int_equal(U("5 ", 10), 1);
}

static void test_empty_and_no_digits(void **state)
{
	(void)state;
	assert_int_equal(u("", 0, 10), -EINVAL);
	assert_int_equal(sl("", 0, 0), -EINVAL);
	assert_int_equal(u("5", 0, 10), -EINVAL);		/* size 0 reads nothing */
	assert_int_equal(U("\0" "5", 10), -EINVAL);		/* the string ends at NUL */
	assert_int_equal(U(" \0" "5", 10), -EINVAL);
	assert_int_equal(U("abc", 10), -EINVAL);
	assert_int_equal(U("\xff", 10), -EINVAL);
	assert_int_equal(U("12\xff", 10), 2);
	assert_int_equal(U("8", 8), -EINVAL);
	assert_int_equal(U("g", 16), -EINVAL);
}

static void test_hex_prefix(void **state)
{
	(void)state;
	assert_int_equal(U("0x1f", 16), 4);
	assert_true(uval == 31);
	assert_int_equal(U("0X1F", 0), 4);
	assert_true(uval == 31);
	assert_int_equal(U("1f", 16), 2);
	assert_true(uval == 31);
	assert_int_equal(U("ff", 0), -EINVAL);		/* base 0 without 0x is decimal */
	assert_int_equal(S("-0x10", 0), 5);
	assert_true(sval == -16);
	assert_int_equal(U("0x0x1", 16), 3);
	assert_true(uval == 0);
	assert_int_equal(U("0x1f", 10), 1);		/* no prefix in base 10 */
	assert_true(uval == 0);
	assert_int_equal(U("0x1f", 8), 1);
	assert_true(uval == 0);
}

/* "0x" with no hex digit after it parses as "0", one byte, as in glibc. */
static void test_0x_alone_is_zero(void **state)
{
	(void)state;
	assert_int_equal(U("0x", 16), 1);
	assert_true(uval == 0);
	assert_int_equal(U("0x", 0), 1);
	assert_true(uval == 0);
	assert_int_equal(U("0xg", 16), 1);
	assert_int_equal(U(" +0x", 0), 3);
	assert_true(uval == 0);
	assert_int_equal(S("-0x", 16), 2);
	assert_true(sval == 0);
	assert_int_equal(u("0x1f", 2, 16), 1);		/* the size cuts after the x */
	assert_int_equal(u("0x1f", 3, 16), 3);
	assert_true(uval == 1);
	assert_int_equal(U("0x\0" "1", 16), 1);
}

static void test_octal_and_base_0(void **state)
{
	(void)state;
	assert_int_equal(U("0755", 0), 4);
	assert_true(uval == 0755);
	assert_int_equal(U("0755", 8), 4);
	assert_true(uval == 0755);
	assert_int_equal(U("755", 8), 3);
	assert_true(uval == 0755);
	assert_int_equal(U("0755", 10), 4);
	assert_true(uval == 755);
	assert_int_equal(U("08", 0), 1);			/* octal: the 8 stops it */
	assert_true(uval == 0);
	assert_int_equal(U("0", 0), 1);
	assert_true(uval == 0);
	assert_int_equal(U("-017", 0), -EINVAL);
	assert_int_equal(S("-017", 0), 4);
	assert_true(sval == -15);
}

static void test_unsupported_bases(void **state)
{
	static const unsigned int bad[] = {
		1, 2, 3, 7, 9, 11, 15, 17, 32, 36, 37, 64, 0xffffffffu,
	};
	unsigned int k;

	(void)state;
	for (k = 0; k < sizeof(bad) / sizeof(bad[0]); k++) {
		assert_int_equal(U("101", bad[k]), -EINVAL);
		assert_int_equal(S("101", bad[k]), -EINVAL);
		assert_int_equal(U("", bad[k]), -EINVAL);
	}
}

static void test_u64_limits(void **state)
{
	(void)state;
	assert_int_equal(U("18446744073709551615", 10), 20);
	assert_true(uval == ULLONG_MAX);
	assert_int_equal(U("18446744073709551616", 10), -ERANGE);
	assert_int_equal(U("18446744073709551620", 10), -ERANGE);
	assert_int_equal(U("99999999999999999999", 10), -ERANGE);
	assert_int_equal(U("184467440737095516150", 10), -ERANGE);
	assert_int_equal(U("0018446744073709551615x", 0), 3);	/* octal: "001" */
	assert_true(uval == 1);
	assert_int_equal(U("0018446744073709551615x", 10), 22);
	assert_true(uval == ULLONG_MAX);
	assert_int_equal(U("0xffffffffffffffff", 0), 18);
	assert_true(uval == ULLONG_MAX);
	assert_int_equal(U("0x10000000000000000", 16), -ERANGE);
	assert_int_equal(U("01777777777777777777777", 0), 23);
	assert_true(uval == ULLONG_MAX);
	assert_int_equal(U("02000000000000000000000", 0), -ERANGE);
	assert_int_equal(U("  +18446744073709551615", 10), 23);
	assert_true(uval == ULLONG_MAX);
}

static void test_s64_limits(void **state)
{
	(void)state;
	assert_int_equal(S("9223372036854775807", 10), 19);
	assert_true(sval == LLONG_MAX);
	assert_int_equal(S("9223372036854775808", 10), -ERANGE);
	assert_int_equal(S("-9223372036854775808", 10), 20);
	assert_true(sval == LLONG_MIN);
	assert_int_equal(S("-9223372036854775809", 10), -ERANGE);
	assert_int_equal(S("18446744073709551616", 10), -ERANGE);
	assert_int_equal(S("0x7fffffffffffffff", 0), 18);
	assert_true(sval == LLONG_MAX);
	assert_int_equal(S("0x8000000000000000", 0), -ERANGE);
	assert_int_equal(S("-0x8000000000000000", 0), 19);
	assert_true(sval == LLONG_MIN);
	assert_int_equal(S("-0x8000000000000001", 0), -ERANGE);
	assert_int_equal(S("0777777777777777777777", 0), 22);
	assert_true(sval == LLONG_MAX);
	assert_int_equal(S("01000000000000000000000", 0), -ERANGE);
}

static void test_size_bounds_the_digits(void **state)
{
	(void)state;
	assert_int_equal(u("12345", 5, 10), 5);	/* no NUL: the size ends it */
	assert_true(uval == 12345);
	assert_int_equal(u("12345", 3, 10), 3);
	assert_true(uval == 123);
	assert_int_equal(u("12345", 1, 10), 1);
	assert_true(uval == 1);
	assert_int_equal(u("123\0" "456", 7, 10), 3);
	assert_true(uval == 123);
	assert_int_equal(sl("-12345", 1, 10), -EINVAL);
	assert_int_equal(sl("-12345", 2, 10), 2);
	assert_true(sval == -1);
	/* A value too big only past the size is fine. */
	assert_int_equal(u("184467440737095516150", 20, 10), 20);
	assert_true(uval == ULLONG_MAX);
}

/* What glibc says, as a kfl result: consumed bytes, -EINVAL or -ERANGE. */
static int glibc_strto(const unsigned char *s, unsigned int n, unsigned int base, int is_signed,
		       unsigned long long *v)
{
	char *cs = malloc(n + 1), *end;
	const char *p;
	int r;

	assert_non_null(cs);
	memcpy(cs, s, n);
	cs[n] = 0;
	if (base != 0 && base != 8 && base != 10 && base != 16) {
		free(cs);
		return -EINVAL;
	}
	for (p = cs; isspace((unsigned char)*p); p++)
		;
	errno = 0;
	if (is_signed)
		*v = strtoll(cs, &end, base);
	else
		*v = strtoull(cs, &end, base);
	if (end == cs)
		r = -EINVAL;
	else if (!is_signed && *p == '-')
		r = -EINVAL;		/* kfl_strtoull rejects a '-' sign */
	else if (errno == ERANGE)
		r = -ERANGE;
	else
		r = end - cs;
	free(cs);
	return r;
}

static void test_vs_glibc(void **state)
{
	static const unsigned char alpha[] = {
		'0', '1', '7', '8', '9', 'a', 'f', 'A', 'F', 'x', 'X', 'g', 'z',
		' ', '\t', '\n', '+', '-', 0, 0xff,
	};
	static const unsigned int bases[] = { 0, 0, 8, 10, 10, 16, 16, 2, 36 };
	unsigned char s[40];
	int i, ok = 0, range = 0;

	(void)state;
	srand(2001);
	for (i = 0; i < ITERATIONS; i++) {
		unsigned int n = rand() % 40, k, base = bases[rand() % 9];
		unsigned long long want_v;
		int want, got;

		/*
		 * Half random bytes, half a plausible number: white space, a
		 * sign, a prefix, then 15 to 24 digits (overflows are common).
		 */
		if (rand() % 2) {
			for (k = 0; k < n; k++)
				s[k] = alpha[rand() % sizeof(alpha)];
		} else {
			const char *dig = base == 8 ? "01234567" : base == 16 ?
					  "0123456789abcdefABCDEF" : "0123456789";
			unsigned int nd = 15 + rand() % 10;

			n = 0;
			while (n < 4 && rand() % 3 == 0)
				s[n++] = " \t\n\v\f\r"[rand() % 6];
			if (rand() % 2)
				s[n++] = "+-"[rand() % 2];
			if (rand() % 3 == 0) {
				s[n++] = '0';
				s[n++] = "xX"[rand() % 2];
			}
			while (nd-- && n < sizeof(s))
				s[n++] = rand() % 30 ? dig[rand() % strlen(dig)] :
					 alpha[rand() % sizeof(alpha)];
			if (n > 4 && rand() % 4 == 0)
				n -= rand() % 4;	/* cut by the size */
		}
		want = glibc_strto(s, n, base, 0, &want_v);
		got = u((char *)s, n, base);
		assert_int_equal(got, want);
		if (got > 0)
			assert_true(uval == want_v);
		want = glibc_strto(s, n, base, 1, &want_v);
		got = sl((char *)s, n, base);
		assert_int_equal(got, want);
		if (got > 0) {
			assert_true(sval == (long long)want_v);
			ok++;
		}
		range += got == -ERANGE;
	}
	print_message("# %d strings, each base 0/8/10/16/2/36: %d parsed by strtoll, %d ERANGE\n",
		      ITERATIONS, ok, range);
	/* The generator must reach both successes and overflows. */
	assert_true(ok > ITERATIONS / 10);
	assert_true(range > ITERATIONS / 100);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_decimal),
		cmocka_unit_test(test_white_space_and_signs),
		cmocka_unit_test(test_empty_and_no_digits),
		cmocka_unit_test(test_hex_prefix),
		cmocka_unit_test(test_0x_alone_is_zero),
		cmocka_unit_test(test_octal_and_base_0),
		cmocka_unit_test(test_unsupported_bases),
		cmocka_unit_test(test_u64_limits),
		cmocka_unit_test(test_s64_limits),
		cmocka_unit_test(test_size_bounds_the_digits),
		cmocka_unit_test(test_vs_glibc),
	};

	cmocka_set_message_output(CM_OUTPUT_TAP);
	return cmocka_run_group_tests_name("strtox", tests, NULL, NULL);
}
