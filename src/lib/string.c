// SPDX-License-Identifier: GPL-2.0
/*
 * Freestanding string search and comparison: see kfl.h. No headers on
 * purpose.
 *
 * Speed: the kernel builds without SIMD, so the scans go a word (8 bytes)
 * at a time where that is cheap (SWAR): a word is only used to decide that
 * none of its bytes is interesting, then the bytes of an interesting word
 * are looked at one by one. That keeps the code independent of the byte
 * order. A word is loaded only when all its 8 bytes are below the length.
 */
#include "kfl.h"
#include "word.h"

static inline unsigned char kfl_lower(unsigned char c)
{
	return (unsigned char)(c - 'A') < 26 ? c + ('a' - 'A') : c;
}

/* ASCII lower case of every byte of @w: 'A'..'Z' gain 0x20, nothing else moves. */
static inline unsigned long long kfl_lower64(unsigned long long w)
{
	unsigned long long h = w & ~KFL_HIGHS;
	/* bit 7 of each byte: low 7 bits >= 'A', then >= 'Z' + 1 */
	unsigned long long ge_a = h + 0x3f3f3f3f3f3f3f3fULL;
	unsigned long long gt_z = h + 0x2525252525252525ULL;
	unsigned long long m = (ge_a ^ gt_z) & ~w & KFL_HIGHS;

	return w | (m >> 2);
}

/* 1 when the @n bytes at @a and @b are equal. */
static int kfl_eq(const unsigned char *a, const unsigned char *b, unsigned int n)
{
	unsigned int i = 0;

	for (; n - i >= 8; i += 8)
		if (kfl_load64(a + i) != kfl_load64(b + i))
			return 0;
	for (; i < n; i++)
		if (a[i] != b[i])
			return 0;
	return 1;
}

/* 1 when the @n bytes at @a and @b are equal up to ASCII case. */
static int kfl_caseeq(const unsigned char *a, const unsigned char *b, unsigned int n)
{
	unsigned int i = 0;

	for (; n - i >= 8; i += 8)
		if (kfl_lower64(kfl_load64(a + i)) != kfl_lower64(kfl_load64(b + i)))
			return 0;
	for (; i < n; i++)
		if (kfl_lower(a[i]) != kfl_lower(b[i]))
			return 0;
	return 1;
}

long kfl_strcasestr(const char *s, unsigned int s_len,
		    const char *sub, unsigned int sub_len)
{
	const unsigned char *h = (const unsigned char *)s;
	const unsigned char *n = (const unsigned char *)sub;
	unsigned long long fold64, first64;
	unsigned int i, end, last;
	unsigned char first, tail, fold;

	if (sub_len == 0)
		return 0;
	if (sub_len > s_len)
		return -KFL_ENOENT;

	/*
	 * A candidate start is a byte equal to the first byte of @sub up to
	 * case: for a letter, (byte | 0x20) == lower case letter holds for
	 * exactly its two cases; for anything else the byte must be equal.
	 * Then the last byte, then the middle. Starts are 0..last, so every
	 * read stays below s_len.
	 */
	first = kfl_lower(n[0]);
	tail = kfl_lower(n[sub_len - 1]);
	fold = (unsigned char)(first - 'a') < 26 ? 0x20 : 0;
	fold64 = fold * KFL_ONES;
	first64 = first * KFL_ONES;
	last = s_len - sub_len;
	i = 0;
	while (i <= last) {
		if (last - i >= 7) {
			if (!kfl_haszero((kfl_load64(h + i) | fold64) ^ first64)) {
				i += 8;
				continue;
			}
			end = i + 8;
		} else {
			end = last + 1;
		}
		for (; i < end; i++) {
			if ((h[i] | fold) != first || kfl_lower(h[i + sub_len - 1]) != tail)
				continue;
			if (sub_len <= 2 || kfl_caseeq(h + i + 1, n + 1, sub_len - 2))
				return i;
		}
	}
	return -KFL_ENOENT;
}

long kfl_strrstr(const char *s, unsigned int s_len,
		 const char *sub, unsigned int sub_len)
{
	const unsigned char *h = (const unsigned char *)s;
	const unsigned char *n = (const unsigned char *)sub;
	unsigned long long first64;
	unsigned int i, end;
	unsigned char first, tail;

	if (sub_len == 0)
		return s_len;
	if (sub_len > s_len)
		return -KFL_ENOENT;

	/* Candidate starts from s_len - sub_len down to 0; i is one past. */
	first = n[0];
	tail = n[sub_len - 1];
	first64 = first * KFL_ONES;
	i = s_len - sub_len + 1;
	while (i > 0) {
		if (i >= 8) {
			if (!kfl_haszero(kfl_load64(h + i - 8) ^ first64)) {
				i -= 8;
				continue;
			}
			end = i - 8;
		} else {
			end = 0;
		}
		for (; i > end; i--) {
			if (h[i - 1] != first || h[i + sub_len - 2] != tail)
				continue;
			if (sub_len <= 2 || kfl_eq(h + i, n + 1, sub_len - 2))
				return i - 1;
		}
	}
	return -KFL_ENOENT;
}

unsigned int kfl_strnlen(const char *s, unsigned int len)
{
	const unsigned char *p = (const unsigned char *)s;
	unsigned int i = 0;

	while (len - i >= 16 &&
	       !(kfl_haszero(kfl_load64(p + i)) | kfl_haszero(kfl_load64(p + i + 8))))
		i += 16;
	while (len - i >= 8 && !kfl_haszero(kfl_load64(p + i)))
		i += 8;
	for (; i < len; i++)
		if (!p[i])
			return i;
	return len;
}

int kfl_strcmp(const char *a, unsigned int a_len, const char *b, unsigned int b_len)
{
	const unsigned char *x = (const unsigned char *)a;
	const unsigned char *y = (const unsigned char *)b;
	unsigned int n = a_len < b_len ? a_len : b_len, i = 0;
	unsigned char ca, cb;

	/*
	 * Whole equal words without a NUL: the strings go on. 32 bytes a
	 * round. A NUL borrows into its byte's top bit in w - ONES; so do
	 * bytes of 0x81 and up, rarely met in text: then the exact test
	 * decides.
	 */
	while (n - i >= 32) {
		unsigned long long w = kfl_load64(x + i), v = kfl_load64(x + i + 8);
		unsigned long long t = kfl_load64(x + i + 16), u = kfl_load64(x + i + 24);
		unsigned long long d = (w ^ kfl_load64(y + i)) | (v ^ kfl_load64(y + i + 8)) |
				       (t ^ kfl_load64(y + i + 16)) | (u ^ kfl_load64(y + i + 24));

		if (d || (((w - KFL_ONES) | (v - KFL_ONES) | (t - KFL_ONES) | (u - KFL_ONES)) &
			  KFL_HIGHS && (kfl_haszero(w) | kfl_haszero(v) | kfl_haszero(t) |
					kfl_haszero(u))))
			break;
		i += 32;
	}
	while (n - i >= 8) {
		unsigned long long w = kfl_load64(x + i);

		if (w != kfl_load64(y + i) || kfl_haszero(w))
			break;
		i += 8;
	}
	/* A string ends at its first NUL or at its length. */
	for (;; i++) {
		ca = i < a_len ? x[i] : 0;
		cb = i < b_len ? y[i] : 0;
		if (ca != cb)
			return ca < cb ? -1 : 1;
		if (!ca)
			return 0;
	}
}

int kfl_strcasecmp(const char *a, unsigned int a_len, const char *b, unsigned int b_len)
{
	const unsigned char *x = (const unsigned char *)a;
	const unsigned char *y = (const unsigned char *)b;
	unsigned int n = a_len < b_len ? a_len : b_len, i = 0;
	unsigned char ca, cb;

	/* Words equal up to case, without a NUL (equal words are common). */
	while (n - i >= 8) {
		unsigned long long w = kfl_load64(x + i), v = kfl_load64(y + i);

		if ((w != v && kfl_lower64(w) != kfl_lower64(v)) || kfl_haszero(w))
			break;
		i += 8;
	}
	for (;; i++) {
		ca = i < a_len ? kfl_lower(x[i]) : 0;
		cb = i < b_len ? kfl_lower(y[i]) : 0;
		if (ca != cb)
			return ca < cb ? -1 : 1;
		if (!ca)
			return 0;
	}
}

long kfl_strchr(const char *s, unsigned int len, int c)
{
	const unsigned char *p = (const unsigned char *)s;
	unsigned char b = c;
	unsigned long long b64 = b * KFL_ONES;
	unsigned int i = 0;

	if (!b) {
		i = kfl_strnlen(s, len);
		return i < len ? (long)i : -KFL_ENOENT;
	}
	while (len - i >= 16) {
		unsigned long long w = kfl_load64(p + i), v = kfl_load64(p + i + 8);

		if (kfl_haszero(w) | kfl_haszero(w ^ b64) | kfl_haszero(v) | kfl_haszero(v ^ b64))
			break;
		i += 16;
	}
	while (len - i >= 8) {
		unsigned long long w = kfl_load64(p + i);

		if (kfl_haszero(w) | kfl_haszero(w ^ b64))
			break;
		i += 8;
	}
	for (; i < len && p[i]; i++)
		if (p[i] == b)
			return i;
	return -KFL_ENOENT;
}

long kfl_strrchr(const char *s, unsigned int len, int c)
{
	const unsigned char *p = (const unsigned char *)s;
	unsigned int n = kfl_strnlen(s, len);
	unsigned char b = c;
	unsigned long long b64 = b * KFL_ONES;

	if (!b)
		return n < len ? (long)n : -KFL_ENOENT;
	/* The last b among the n bytes before the NUL. */
	while (n >= 8 && !kfl_haszero(kfl_load64(p + n - 8) ^ b64))
		n -= 8;
	for (; n > 0; n--)
		if (p[n - 1] == b)
			return n - 1;
	return -KFL_ENOENT;
}

/* A 256-bit set of bytes, on the stack. */
struct kfl_byteset {
	unsigned long long bits[4];
};

static void kfl_set_build(struct kfl_byteset *set, const unsigned char *p, unsigned int len)
{
	unsigned int i;

	for (i = 0; i < 4; i++)
		set->bits[i] = 0;
	for (i = 0; i < len && p[i]; i++)
		set->bits[p[i] >> 6] |= 1ULL << (p[i] & 63);
}

static inline int kfl_set_has(const struct kfl_byteset *set, unsigned char c)
{
	return (set->bits[c >> 6] >> (c & 63)) & 1;
}

unsigned int kfl_strspn(const char *s, unsigned int len,
			const char *accept, unsigned int accept_len)
{
	const unsigned char *p = (const unsigned char *)s;
	struct kfl_byteset set;
	unsigned int i;

	if (!accept_len || !accept[0])
		return 0;
	if (accept_len == 1 || !accept[1]) {
		unsigned char b = accept[0];
		unsigned long long b64 = b * KFL_ONES;

		/* b is not NUL, so the run of b stops at a NUL too. */
		for (i = 0; len - i >= 8 && kfl_load64(p + i) == b64; i += 8)
			;
		for (; i < len && p[i] == b; i++)
			;
		return i;
	}
	/* NUL is never in the set: the segment stops at the string's end. */
	kfl_set_build(&set, (const unsigned char *)accept, accept_len);
	for (i = 0; i < len && kfl_set_has(&set, p[i]); i++)
		;
	return i;
}

unsigned int kfl_strcspn(const char *s, unsigned int len,
			 const char *reject, unsigned int reject_len)
{
	const unsigned char *p = (const unsigned char *)s;
	struct kfl_byteset set;
	unsigned int i;

	if (!reject_len || !reject[0])
		return kfl_strnlen(s, len);
	if (reject_len == 1 || !reject[1]) {
		long r = kfl_strchr(s, len, (unsigned char)reject[0]);

		return r >= 0 ? (unsigned int)r : kfl_strnlen(s, len);
	}
	/* NUL is in the set: the segment stops at the string's end. */
	kfl_set_build(&set, (const unsigned char *)reject, reject_len);
	set.bits[0] |= 1;
	for (i = 0; i < len && !kfl_set_has(&set, p[i]); i++)
		;
	return i;
}

int kfl_startswith(const char *s, unsigned int len, const char *affix, unsigned int affix_len)
{
	unsigned int n = kfl_strnlen(affix, affix_len);

	/* The affix has no NUL, so equal bytes cannot run past the end of s. */
	return n <= len && kfl_eq((const unsigned char *)s, (const unsigned char *)affix, n);
}

int kfl_endswith(const char *s, unsigned int len, const char *affix, unsigned int affix_len)
{
	unsigned int n = kfl_strnlen(affix, affix_len);
	unsigned int m = kfl_strnlen(s, len);

	return n <= m && kfl_eq((const unsigned char *)s + m - n,
				(const unsigned char *)affix, n);
}
