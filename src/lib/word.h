/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Word-at-a-time helpers of src/lib (SWAR: the kernel builds without
 * SIMD). A word is 8 bytes loaded unaligned (__builtin_memcpy); byte
 * positions are in memory order, whatever the byte order. No headers on
 * purpose, as the rest of src/lib.
 */
#ifndef KFL_WORD_H
#define KFL_WORD_H

#define KFL_ONES 0x0101010101010101ULL
#define KFL_HIGHS 0x8080808080808080ULL

static inline unsigned long long kfl_load64(const unsigned char *p)
{
	unsigned long long w;

	__builtin_memcpy(&w, p, sizeof(w));
	return w;
}

/* Nonzero when some byte of @w is 0 (exact as a truth value). */
static inline unsigned long long kfl_haszero(unsigned long long w)
{
	return (w - KFL_ONES) & ~w & KFL_HIGHS;
}

/* 0x80 in exactly the bytes of @w that are 0. */
static inline unsigned long long kfl_zeros(unsigned long long w)
{
	unsigned long long lows = ~KFL_HIGHS;

	return ~(((w & lows) + lows) | w | lows);
}

/*
 * The index in memory order of the first (kfl_first) or last (kfl_last)
 * nonzero byte of @w, which is not 0.
 */
static inline unsigned int kfl_first(unsigned long long w)
{
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
	return __builtin_clzll(w) >> 3;
#else
	return __builtin_ctzll(w) >> 3;
#endif
}

static inline unsigned int kfl_last(unsigned long long w)
{
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
	return 7 - (__builtin_ctzll(w) >> 3);
#else
	return 7 - (__builtin_clzll(w) >> 3);
#endif
}

#endif /* KFL_WORD_H */
