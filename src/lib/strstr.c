// SPDX-License-Identifier: GPL-2.0
/* Freestanding substring search: see kfl.h. No headers on purpose. */
#include "kfl.h"

long kfl_strstr(const char *s, unsigned int s_len,
		const char *sub, unsigned int sub_len)
{
	const unsigned char *h = (const unsigned char *)s;
	const unsigned char *n = (const unsigned char *)sub;
	unsigned int i, j, last;
	unsigned char first, tail;

	if (sub_len == 0)
		return 0;
	if (sub_len > s_len)
		return -KFL_ENOENT;

	/*
	 * Scan for the first byte, confirm with the last byte, then compare
	 * the rest. Candidate starts are 0..last, so every read stays below
	 * s_len.
	 */
	first = n[0];
	tail = n[sub_len - 1];
	last = s_len - sub_len;
	for (i = 0; i <= last; i++) {
		if (h[i] != first || h[i + sub_len - 1] != tail)
			continue;
		for (j = 1; j + 1 < sub_len; j++)
			if (h[i + j] != n[j])
				break;
		if (j + 1 >= sub_len)
			return i;
	}
	return -KFL_ENOENT;
}
