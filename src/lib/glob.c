// SPDX-License-Identifier: GPL-2.0
/*
 * Freestanding shell glob matching: see kfl.h. No headers on purpose.
 *
 * The reference is glibc's fnmatch(pattern, string, 0) in the C locale, and
 * the result is the same for every pattern but a few pathological ones (see
 * "Differences" below). The pattern and the string are C strings: they end
 * at their first NUL or at their length.
 *
 * Matching is the classic iterative backtracking on the last '*': every
 * other element (a byte, '?', "\x", a bracket expression) matches exactly
 * one byte, so when the elements after a '*' fail, the '*' takes one more
 * byte and they are tried again. The start position of the last '*' only
 * moves forward, so there are at most @len + 1 passes, and each pass reads
 * every pattern byte at most a bounded number of times: O(@pat_len * @len).
 *
 * Bracket expressions. The pattern is read as a sequence of units: "\x" (two
 * bytes), a class "[:name:]" with name in 'a'..'y' (glibc's own test, which
 * lets no valid name contain a 'z'), or one byte. Every unit boundary the
 * matcher ever stands on is a boundary of that one sequence read from the
 * start, so the ']' closing a bracket expression is the first ']' unit
 * after its first item (a ']' first is an ordinary item), and a '[' after
 * the last ']' unit of the whole pattern has no closing ']'. That last ']'
 * is found once, so an unterminated '[' costs O(1), not a scan to the end
 * of the pattern for every one of them and every pass.
 *
 * What glibc does and this code does too:
 *  - a '\' with nothing after it never matches: no pattern ending with an
 *    unpaired '\' matches anything (glibc: "Trailing \ loses");
 *  - an unknown class name ("[[:bogus:]]", "[[::]]") makes its bracket
 *    expression fail when it is reached, negated or not; an item before it
 *    that matches wins ("[a[:bogus:]]" matches "a"); "[[:zip:]]" is no class
 *    at all but the items '[', ':', 'z', 'i', 'p', ':' and then a ']';
 *  - '-' before ']' or after a range or a class is an ordinary item;
 *  - ranges compare byte values; nothing folds case, bytes >= 0x80 are in
 *    no class.
 *
 * Differences: where glibc's answer depends on the byte being matched in a
 * way that would need a rescan of the pattern, this code follows kfl.h:
 *  - a '[' without its closing ']' is an ordinary byte. glibc instead fails
 *    it when, before finding no ']', it reaches an unknown class
 *    ("[[:bogus:]" against "[x") or a range cut by the end of the pattern
 *    ("[a-" against "[a-");
 *  - a range cannot end with a class: in "[a-[:alpha:]]" the '-' is an
 *    ordinary item. glibc reads a range from 'a' to '[' there for a byte
 *    not yet matched, and then the class's ']' closes the expression;
 *  - equivalence classes ("[=a=]") and collating symbols ("[.a.]") are not
 *    recognised: "[=" and "[." are ordinary items;
 *  - glibc fails a class name of 2047 or more letters; no limit here.
 */
#include "kfl.h"

#define GLOB_NO 0
#define GLOB_YES 1
#define GLOB_LITERAL 2	/* no closing ']': the '[' is an ordinary byte */

static const char glob_class_names[12][7] = {
	"alnum", "alpha", "blank", "cntrl", "digit", "graph",
	"lower", "print", "punct", "space", "upper", "xdigit",
};

/* Whether byte @c is in class number @id (an index of glob_class_names). */
static int glob_class_has(int id, unsigned char c)
{
	int upper = c >= 'A' && c <= 'Z';
	int lower = c >= 'a' && c <= 'z';
	int digit = c >= '0' && c <= '9';

	switch (id) {
	case 0:
		return upper || lower || digit;
	case 1:
		return upper || lower;
	case 2:
		return c == ' ' || c == '\t';
	case 3:
		return c < 0x20 || c == 0x7f;
	case 4:
		return digit;
	case 5:
		return c > 0x20 && c < 0x7f;
	case 6:
		return lower;
	case 7:
		return c >= 0x20 && c < 0x7f;
	case 8:
		return c > 0x20 && c < 0x7f && !upper && !lower && !digit;
	case 9:
		return c == ' ' || (c >= '\t' && c <= '\r');
	case 10:
		return upper;
	default:
		return digit || ((c | 0x20) >= 'a' && (c | 0x20) <= 'f');
	}
}

/*
 * The class unit "[:name:]" starting at @i, if there is one: p[i] == '['
 * and p[i + 1] == ':' are the caller's to check. Return: the index of its
 * ']', with *@id the class number or -1 for an unknown name; 0 when the
 * bytes there are no class unit (a ']' is never at index 0).
 */
static unsigned int glob_class(const unsigned char *p, unsigned int plen, unsigned int i,
			       int *id)
{
	unsigned int k = i + 2, n, c, j;

	while (k < plen && p[k] >= 'a' && p[k] <= 'y')
		k++;
	if (plen - k < 2 || p[k] != ':' || p[k + 1] != ']')
		return 0;
	n = k - i - 2;
	*id = -1;
	for (c = 0; c < 12; c++) {
		for (j = 0; j < n && glob_class_names[c][j] == p[i + 2 + j]; j++)
			;
		if (j == n && !glob_class_names[c][n]) {
			*id = c;
			break;
		}
	}
	return k + 1;
}

/* The index just after the unit at @i (i < plen). */
static unsigned int glob_unit_end(const unsigned char *p, unsigned int plen, unsigned int i)
{
	unsigned int e;
	int id;

	/* Every '\' on a unit boundary has its byte: see kfl_glob_match. */
	if (p[i] == '\\')
		return i + 2;
	if (p[i] == '[' && plen - i > 1 && p[i + 1] == ':') {
		e = glob_class(p, plen, i, &id);
		if (e)
			return e + 1;
	}
	return i + 1;
}

/* One past the last ']' unit of the pattern, 0 when there is none. */
static unsigned int glob_last_close(const unsigned char *p, unsigned int plen)
{
	unsigned int i = 0, lc = 0;

	while (i < plen) {
		if (p[i] == ']')
			lc = i + 1;
		i = glob_unit_end(p, plen, i);
	}
	return lc;
}

/*
 * Match byte @ch against the bracket expression whose '[' is at @j.
 * @lc: glob_last_close(). Return GLOB_YES or GLOB_NO with *@next the index
 * after its ']', or GLOB_LITERAL when it has no closing ']'.
 */
static int glob_bracket(const unsigned char *p, unsigned int plen, unsigned int j,
			unsigned char ch, unsigned int lc, unsigned int *next)
{
	unsigned int i = j + 1, q, e;
	unsigned char lo, hi;
	int neg = 0, id;

	e = i < plen && p[i] == ':' ? glob_class(p, plen, j, &id) : 0;
	if (e) {
		/* "[:name:]" alone: the items ':', the letters, ':'. */
		q = e;
	} else {
		if (i < plen && (p[i] == '!' || p[i] == '^')) {
			neg = 1;
			i++;
		}
		if (i >= plen)
			return GLOB_LITERAL;
		/* The first item may be a ']'; the closing one comes after it. */
		q = glob_unit_end(p, plen, i);
		if (q >= lc)
			return GLOB_LITERAL;
		while (q < plen && p[q] != ']')
			q = glob_unit_end(p, plen, q);
		if (q >= plen)
			return GLOB_LITERAL;	/* cannot happen: q <= lc - 1 */
	}
	*next = q + 1;

	/* The items, in order, between i and q; each ends on a unit boundary. */
	while (i < q) {
		e = p[i] == '[' && p[i + 1] == ':' ? glob_class(p, plen, i, &id) : 0;
		if (e) {
			if (id < 0)
				return GLOB_NO;
			if (glob_class_has(id, ch))
				return !neg;
			i = e + 1;
			continue;
		}
		if (p[i] == '\\')
			i++;
		lo = p[i++];
		/* A range: '-' then a byte or "\x" (not a class) before q. */
		if (q - i > 1 && p[i] == '-' &&
		    !(p[i + 1] == '[' && p[i + 2] == ':' && glob_class(p, plen, i + 1, &id))) {
			i++;
			if (p[i] == '\\')
				i++;
			hi = p[i++];
			if (lo <= ch && ch <= hi)
				return !neg;
		} else if (lo == ch) {
			return !neg;
		}
	}
	return neg;
}

int kfl_glob_match(const char *pat, unsigned int pat_len, const char *s, unsigned int len)
{
	const unsigned char *p = (const unsigned char *)pat;
	const unsigned char *t = (const unsigned char *)s;
	unsigned int plen = kfl_strnlen(pat, pat_len);
	unsigned int slen = kfl_strnlen(s, len);
	unsigned int pi = 0, si = 0, star_pi = 0, star_si = 0, next, k, lc = 0;
	int star = 0, have_lc = 0, r;
	unsigned char c;

	/*
	 * A pattern ending with an odd run of '\' never matches (glibc fails
	 * the unpaired '\' wherever it is read). Every other '\' read on a
	 * unit boundary has a byte after it, as runs pair from their start.
	 */
	for (k = plen; k > 0 && p[k - 1] == '\\'; k--)
		;
	if ((plen - k) & 1)
		return 0;

	for (;;) {
		if (pi < plen) {
			c = p[pi];
			if (c == '*') {
				while (pi < plen && p[pi] == '*')
					pi++;
				if (pi == plen)
					return 1;
				star = 1;
				star_pi = pi;
				star_si = si;
				continue;
			}
			if (si < slen) {
				next = pi + 1;
				if (c == '?') {
					r = 1;
				} else if (c == '\\') {
					r = t[si] == p[pi + 1];
					next = pi + 2;
				} else if (c == '[') {
					if (!have_lc) {
						lc = glob_last_close(p, plen);
						have_lc = 1;
					}
					r = glob_bracket(p, plen, pi, t[si], lc, &next);
					if (r == GLOB_LITERAL) {
						r = t[si] == '[';
						next = pi + 1;
					}
				} else {
					r = t[si] == c;
				}
				if (r) {
					pi = next;
					si++;
					continue;
				}
			}
		} else if (si == slen) {
			return 1;
		}

		/* Mismatch: the last '*' takes one more byte. */
		if (!star || star_si >= slen)
			return 0;
		star_si++;
		/* A plain byte after the '*': jump to where it occurs. */
		c = p[star_pi];
		if (c == '\\')
			c = p[star_pi + 1];
		else if (c == '?' || c == '[')
			c = 0;
		if (c) {
			while (star_si < slen && t[star_si] != c)
				star_si++;
			if (star_si == slen)
				return 0;
		}
		si = star_si;
		pi = star_pi;
	}
}
