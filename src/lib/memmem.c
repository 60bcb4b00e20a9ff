// SPDX-License-Identifier: GPL-2.0
/*
 * Freestanding search of a stream that lies in pieces: see kfl.h.
 *
 * Each piece is searched where it lies (kfl_strstr's speed). A match that
 * straddles pieces starts in the last @m - 1 bytes seen before a piece
 * (kept in a window) and ends in that piece's first @m - 1 bytes: the
 * window and those bytes are searched together, before the piece. Matches
 * end in stream order, so the first found is the first match.
 */
#include "kfl.h"

static long kfl_search(const unsigned char *s, unsigned int len, const char *needle,
		       unsigned int m, int icase)
{
	return icase ? kfl_strcasestr((const char *)s, len, needle, m) :
		       kfl_strstr((const char *)s, len, needle, m);
}

long kfl_memmem_blocks(unsigned int (*next)(void *ctx, const unsigned char **p), void *ctx,
		       const char *needle, unsigned int m, int icase)
{
	/* The carried bytes, then the next piece's first @m - 1 bytes. */
	unsigned char win[2 * (KFL_MEMMEM_MAX - 1)];
	unsigned int carry = 0, keep, len, i;
	unsigned long base = 0;
	const unsigned char *p;
	long r;

	if (!next || !needle || !m || m > KFL_MEMMEM_MAX)
		return -KFL_EINVAL;
	while ((len = next(ctx, &p)) != 0) {
		if (carry) {
			keep = len < m - 1 ? len : m - 1;
			for (i = 0; i < keep; i++)
				win[carry + i] = p[i];
			r = kfl_search(win, carry + keep, needle, m, icase);
			if (r >= 0 && r < carry)
				return base - carry + r;
		}
		r = kfl_search(p, len, needle, m, icase);
		if (r >= 0)
			return base + r;
		/* Carry the stream's last @m - 1 bytes (fewer at its start). */
		if (len >= m - 1) {
			for (i = 0; i < m - 1; i++)
				win[i] = p[len - (m - 1) + i];
			carry = m - 1;
		} else {
			keep = carry < m - 1 - len ? carry : m - 1 - len;
			for (i = 0; i < keep; i++)
				win[i] = win[carry - keep + i];
			for (i = 0; i < len; i++)
				win[keep + i] = p[i];
			carry = keep + len;
		}
		base += len;
	}
	return -KFL_ENOENT;
}
