// SPDX-License-Identifier: GPL-2.0
/* Freestanding byte search and comparison: see kfl.h. No headers on purpose. */
#include "kfl.h"

long kfl_memchr(const void *s, unsigned int len, int c)
{
	const unsigned char *p = s;
	unsigned char b = c;
	unsigned int i;

	for (i = 0; i < len; i++)
		if (p[i] == b)
			return i;
	return -KFL_ENOENT;
}

long kfl_memrchr(const void *s, unsigned int len, int c)
{
	const unsigned char *p = s;
	unsigned char b = c;
	unsigned int i;

	for (i = len; i > 0; i--)
		if (p[i - 1] == b)
			return i - 1;
	return -KFL_ENOENT;
}

int kfl_memcmp(const void *a, unsigned int a_len, const void *b, unsigned int b_len)
{
	const unsigned char *x = a, *y = b;
	unsigned int n = a_len < b_len ? a_len : b_len, i;

	for (i = 0; i < n; i++)
		if (x[i] != y[i])
			return x[i] < y[i] ? -1 : 1;
	return (a_len > b_len) - (a_len < b_len);
}
