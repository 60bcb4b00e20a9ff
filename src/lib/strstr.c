// SPDX-License-Identifier: GPL-2.0
/*
 * Freestanding substring search: see kfl.h. No headers on purpose.
 *
 * A start i is a candidate when h[i] is the needle's first byte and
 * h[i + m - 1] its last. Both are tested for 8 starts at once with two
 * word loads (SWAR: the kernel builds without SIMD), 32 starts a round:
 * text goes by at about one instruction per byte. A candidate's middle is
 * compared a word at a time. When failed comparisons have cost more than
 * a few times the bytes scanned (periodic or hostile input: "aaa...a" in
 * "aaaa..."), the search goes on with the Two-Way algorithm (Crochemore
 * and Perrin, 1991), linear in the haystack with constant memory. Loads
 * are unaligned (word.h) and never reach a byte at or past a length.
 */
#include "kfl.h"
#include "word.h"

/* How many bytes at @a and @b are equal before the first difference (@n: all). */
static unsigned int kfl_common(const unsigned char *a, const unsigned char *b, unsigned int n)
{
	unsigned long long x;
	unsigned int i = 0;

	for (; n - i >= 8; i += 8) {
		x = kfl_load64(a + i) ^ kfl_load64(b + i);
		if (x)
			return i + kfl_first(x);
	}
	while (i < n && a[i] == b[i])
		i++;
	return i;
}

/*
 * The critical factorization of @n (@m >= 1 bytes): the start of its
 * right half, and in *@period the period of that half. The larger of the
 * two maximal suffixes, for the byte order and its reverse.
 */
static unsigned int kfl_factorize(const unsigned char *n, unsigned int m, unsigned int *period)
{
	unsigned int ms[2], p[2], j, k, r;
	unsigned char a, b;

	for (r = 0; r < 2; r++) {
		ms[r] = -1U;	/* the suffix starts at ms + 1 */
		j = 0;
		k = p[r] = 1;
		while (j + k < m) {
			a = n[j + k];
			b = n[ms[r] + k];
			if (a == b) {
				if (k != p[r]) {
					k++;
				} else {
					j += p[r];
					k = 1;
				}
			} else if ((a < b) != r) {
				j += k;
				k = 1;
				p[r] = j - ms[r];
			} else {
				ms[r] = j++;
				k = p[r] = 1;
			}
		}
	}
	r = ms[0] + 1 <= ms[1] + 1;	/* the later suffix (a tie: the reverse one) */
	*period = p[r];
	return ms[r] + 1;
}

/*
 * Two-Way: the first occurrence of @n (@m >= 2 bytes) in @h (@len bytes)
 * at or after @from, knowing there is none before.
 */
static long kfl_two_way(const unsigned char *h, unsigned int len,
			const unsigned char *n, unsigned int m, unsigned int from)
{
	unsigned int period, split, i, j = from, memory = 0;
	int periodic;

	split = kfl_factorize(n, m, &period);
	periodic = kfl_common(n, n + period, split) == split;
	if (!periodic)
		period = (split > m - split ? split : m - split) + 1;
	while (j <= len - m) {
		/* The right half, left to right. */
		i = split > memory ? split : memory;
		i += kfl_common(h + j + i, n + i, m - i);
		if (i < m) {
			j += i - split + 1;
			memory = 0;
			continue;
		}
		/* The left half, right to left, down to what is known. */
		for (i = split; i > memory && n[i - 1] == h[j + i - 1]; i--)
			;
		if (i <= memory)
			return j;
		j += period;
		memory = periodic ? m - period : 0;
	}
	return -KFL_ENOENT;
}

/* Zero bytes of this word mark the candidate starts among the 8 at @p. */
static inline unsigned long long kfl_pair(const unsigned char *p, const unsigned char *q,
					  unsigned long long f, unsigned long long l)
{
	return (kfl_load64(p) ^ f) | (kfl_load64(q) ^ l);
}

/* The first candidate among 32 starts (four kfl_pair() words): 0-31, or 32. */
static inline unsigned int kfl_locate(unsigned long long a, unsigned long long b,
				      unsigned long long c, unsigned long long d)
{
	a = kfl_zeros(a);
	b = kfl_zeros(b);
	c = kfl_zeros(c);
	d = kfl_zeros(d);
	if (a)
		return kfl_first(a);
	if (b)
		return 8 + kfl_first(b);
	if (c)
		return 16 + kfl_first(c);
	if (d)
		return 24 + kfl_first(d);
	return 32;
}

long kfl_strstr(const char *s, unsigned int s_len,
		const char *sub, unsigned int sub_len)
{
	const unsigned char *h = (const unsigned char *)s;
	const unsigned char *n = (const unsigned char *)sub;
	const unsigned char *t;
	unsigned long long f, l, a, b, c, d, z;
	unsigned int i = 0, starts, m = sub_len, k;
	unsigned long long work = 0;

	if (m == 0)
		return 0;
	if (m > s_len)
		return -KFL_ENOENT;
	if (m == 1)
		return kfl_memchr(s, s_len, n[0]);

	/* Candidate starts are 0..starts - 1: every read stays below s_len. */
	starts = s_len - m + 1;
	t = h + m - 1;		/* t[i]: the byte under the needle's last at start i */
	f = n[0] * KFL_ONES;
	l = n[m - 1] * KFL_ONES;
	for (;;) {
		/*
		 * 32 starts a round while none is a candidate. The round's test,
		 * a borrow into some byte's top bit, sees every zero byte; it
		 * also fires for bytes of 0x81 and up (not in ASCII text), and
		 * then kfl_locate() looks closer.
		 */
		k = 32;
		while (starts - i >= 32) {
			a = kfl_pair(h + i, t + i, f, l);
			b = kfl_pair(h + i + 8, t + i + 8, f, l);
			c = kfl_pair(h + i + 16, t + i + 16, f, l);
			d = kfl_pair(h + i + 24, t + i + 24, f, l);
			if (((a - KFL_ONES) | (b - KFL_ONES) | (c - KFL_ONES) | (d - KFL_ONES)) &
			    KFL_HIGHS) {
				k = kfl_locate(a, b, c, d);
				if (k < 32)
					break;
			}
			i += 32;
		}
		/* The last 31 starts: 8, then 1 at a time. */
		if (k < 32) {
			i += k;
		} else if (starts - i >= 8) {
			z = kfl_zeros(kfl_pair(h + i, t + i, f, l));
			if (!z) {
				i += 8;
				continue;
			}
			i += kfl_first(z);
		} else if (i == starts) {
			return -KFL_ENOENT;
		} else if (h[i] != n[0] || t[i] != n[m - 1]) {
			i++;
			continue;
		}
		/* i is a candidate: compare the middle. */
		k = kfl_common(h + i + 1, n + 1, m - 2);
		if (k == m - 2)
			return i;
		work += k + 1;
		i++;
		if (work > 2ULL * i + 4ULL * m)
			return kfl_two_way(h, s_len, n, m, i);
	}
}
