// SPDX-License-Identifier: GPL-2.0
/*
 * Freestanding byte search and comparison: see kfl.h. No headers on
 * purpose.
 *
 * A word (8 bytes) at a time where that is cheap (SWAR: the kernel builds
 * without SIMD): a word is loaded only when all its bytes are below the
 * length, and the position of the byte found is taken from the word in
 * memory order, whatever the byte order.
 */
#include "kfl.h"
#include "word.h"

long kfl_memchr(const void *s, unsigned int len, int c)
{
	const unsigned char *p = s;
	unsigned char b = c;
	unsigned long long b64 = b * KFL_ONES, w, v, x, y;
	unsigned int i = 0;

	/*
	 * 32 bytes a round. A zero byte of w (a byte equal to b) borrows into
	 * its top bit in w - ONES; so do bytes of 0x81 and up, rarely met in
	 * text: then the exact test decides.
	 */
	for (; len - i >= 32; i += 32) {
		w = kfl_load64(p + i) ^ b64;
		v = kfl_load64(p + i + 8) ^ b64;
		x = kfl_load64(p + i + 16) ^ b64;
		y = kfl_load64(p + i + 24) ^ b64;
		if (((w - KFL_ONES) | (v - KFL_ONES) | (x - KFL_ONES) | (y - KFL_ONES)) & KFL_HIGHS &&
		    (kfl_haszero(w) | kfl_haszero(v) | kfl_haszero(x) | kfl_haszero(y)))
			break;
	}
	for (; len - i >= 8; i += 8) {
		w = kfl_zeros(kfl_load64(p + i) ^ b64);
		if (w)
			return i + kfl_first(w);
	}
	for (; i < len; i++)
		if (p[i] == b)
			return i;
	return -KFL_ENOENT;
}

long kfl_memrchr(const void *s, unsigned int len, int c)
{
	const unsigned char *p = s;
	unsigned char b = c;
	unsigned long long b64 = b * KFL_ONES, w, v;
	unsigned int i = len;	/* the bytes below i are left */

	for (; i >= 16; i -= 16) {
		w = kfl_load64(p + i - 8) ^ b64;
		v = kfl_load64(p + i - 16) ^ b64;
		if (kfl_haszero(w) | kfl_haszero(v)) {
			w = kfl_zeros(w);
			return w ? i - 8 + kfl_last(w) : i - 16 + kfl_last(kfl_zeros(v));
		}
	}
	if (i >= 8) {
		w = kfl_zeros(kfl_load64(p + i - 8) ^ b64);
		if (w)
			return i - 8 + kfl_last(w);
		i -= 8;
	}
	for (; i > 0; i--)
		if (p[i - 1] == b)
			return i - 1;
	return -KFL_ENOENT;
}

int kfl_memcmp(const void *a, unsigned int a_len, const void *b, unsigned int b_len)
{
	const unsigned char *x = a, *y = b;
	unsigned int n = a_len < b_len ? a_len : b_len, i = 0;
	unsigned long long d;

	for (; n - i >= 8; i += 8) {
		d = kfl_load64(x + i) ^ kfl_load64(y + i);
		if (d) {
			i += kfl_first(d);
			return x[i] < y[i] ? -1 : 1;
		}
	}
	for (; i < n; i++)
		if (x[i] != y[i])
			return x[i] < y[i] ? -1 : 1;
	return (a_len > b_len) - (a_len < b_len);
}
