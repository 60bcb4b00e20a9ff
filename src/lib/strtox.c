// SPDX-License-Identifier: GPL-2.0
/* Freestanding integer parsing: see kfl.h. No headers on purpose. */
#include "kfl.h"

#define KFL_U64_MAX 0xffffffffffffffffULL
#define KFL_S64_MAX 0x7fffffffffffffffULL
#define KFL_INT_MAX 0x7fffffff

static inline int kfl_isspace(unsigned char c)
{
	return c == ' ' || (c >= '\t' && c <= '\r');
}

/* The value of digit @c, or 36 when @c is no digit in any base. */
static inline unsigned int kfl_digit(unsigned char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	c |= 0x20;
	if (c >= 'a' && c <= 'z')
		return c - 'a' + 10;
	return 36;
}

/*
 * Parse the C string @str (@len bytes at most) as strtoull(3) does, the
 * magnitude into *@mag and the sign into *@neg. Return: the bytes consumed,
 * or -KFL_EINVAL (no digit, bad base, a '-' when !@signed_ok), -KFL_ERANGE
 * (over @limit), or -KFL_E2BIG when the count would not fit in an int
 * (2 GiB of white space or leading zeros).
 *
 * No byte past the first NUL is read: NUL is no space, sign, 'x' or digit.
 */
static int kfl_parse(const char *str, unsigned int len, unsigned int base, int signed_ok,
		     unsigned long long limit, int *neg, unsigned long long *mag)
{
	const unsigned char *s = (const unsigned char *)str;
	unsigned long long v = 0, cut;
	unsigned int i = 0, start, d, lim;
	int over = 0;

	if (base != 0 && base != 8 && base != 10 && base != 16)
		return -KFL_EINVAL;

	while (i < len && kfl_isspace(s[i]))
		i++;
	*neg = 0;
	if (i < len && (s[i] == '+' || s[i] == '-')) {
		*neg = s[i] == '-';
		i++;
		if (*neg && !signed_ok)
			return -KFL_EINVAL;
	}
	if (i < len && s[i] == '0' && (base == 0 || base == 16) &&
	    len - i > 1 && (s[i + 1] | 0x20) == 'x') {
		/* "0x" then a hex digit: skip the prefix; else it is "0" alone. */
		base = 16;
		if (len - i > 2 && kfl_digit(s[i + 2]) < 16)
			i += 2;
	} else if (base == 0) {
		base = i < len && s[i] == '0' ? 8 : 10;
	}

	cut = limit / base;
	lim = limit % base;
	start = i;
	while (i < len) {
		d = kfl_digit(s[i]);
		if (d >= base)
			break;
		if (v > cut || (v == cut && d > lim))
			over = 1;
		else
			v = v * base + d;
		i++;
	}
	if (i == start)
		return -KFL_EINVAL;
	if (over)
		return -KFL_ERANGE;
	if (i > KFL_INT_MAX)
		return -KFL_E2BIG;
	*mag = v;
	return i;
}

int kfl_strtoull(const char *s, unsigned int len, unsigned int base,
		 unsigned long long *res)
{
	unsigned long long v;
	int neg, n;

	n = kfl_parse(s, len, base, 0, KFL_U64_MAX, &neg, &v);
	if (n < 0)
		return n;
	*res = v;
	return n;
}

int kfl_strtoll(const char *s, unsigned int len, unsigned int base, long long *res)
{
	unsigned long long v;
	int neg, n;

	/* Up to 2^63 for a negative number, 2^63 - 1 for a positive one. */
	n = kfl_parse(s, len, base, 1, KFL_S64_MAX + 1, &neg, &v);
	if (n < 0)
		return n;
	if (!neg && v > KFL_S64_MAX)
		return -KFL_ERANGE;
	if (!neg)
		*res = v;
	else if (v > KFL_S64_MAX)
		*res = -(long long)KFL_S64_MAX - 1;
	else
		*res = -(long long)v;
	return n;
}
