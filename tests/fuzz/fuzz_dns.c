// SPDX-License-Identifier: GPL-2.0
/*
 * Fuzz kfl_dns_name and kfl_domain_match. The input:
 *  - bytes 0-1: the offset of the name (little-endian; taken modulo the
 *    message's length + 2, or from 0xff00 up a huge offset);
 *  - byte 2: @out_len (0: KFL_DNS_NAME_MAX, else 1-255);
 *  - byte 3: which read call to fail;
 *  - byte 4: where the message splits into a name and a pattern for
 *    kfl_domain_match;
 *  - the rest: the message, in an exact-size heap copy (ASan catches a
 *    read one byte too far).
 * kfl_dns_name runs from flat memory, through a read callback (which
 * aborts when asked for no byte, a byte at or past the end, or more than
 * 64 bytes) and through a plain reference decoder written here from the
 * contract in kfl.h; all three must agree. Then a read call fails: the
 * decode fails with its error. kfl_domain_match runs on the two halves of
 * the message, on the decoded text, and on patterns made from it, against
 * a reference that compares label lists, and invariants of kfl.h.
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../src/lib/kfl.h"

struct rctx {
	const unsigned char *buf;
	unsigned int len;
	unsigned long calls;
	unsigned long fail_at;
};

static int rd(const void *ctx, unsigned int off, void *buf, unsigned int n)
{
	struct rctx *c = (struct rctx *)ctx;

	c->calls++;
	if (n == 0 || off >= c->len || n > c->len - off || n > 64)
		abort();
	if (c->fail_at && c->calls == c->fail_at)
		return -EIO;
	memcpy(buf, c->buf + off, n);
	return 0;
}

static unsigned char *dup(const void *p, size_t n)
{
	unsigned char *d = malloc(n ? n : 1);

	if (!d)
		abort();
	if (n)
		memcpy(d, p, n);
	return d;
}

/* @n bytes, set to a pattern (nothing past them may be written). */
static char *buf(size_t n)
{
	char *d = malloc(n);

	if (!d)
		abort();
	memset(d, 0x5a, n);
	return d;
}

#define check(ok) do { \
	if (!(ok)) { \
		fprintf(stderr, "fuzz_dns.c:%d: check failed: %s\n", __LINE__, #ok); \
		abort(); \
	} \
} while (0)

/* The reference: the contract read literally, positions in size_t. */
static long ref_name(const unsigned char *m, size_t len, size_t off, char *text, size_t *tlen)
{
	size_t pos = off, start = off, end = 0, wire = 1, t = 0, hops = 0, i;

	if (off >= len)
		return -EBADMSG;
	for (;;) {
		unsigned int n;

		if (pos >= len)
			return -EBADMSG;
		n = m[pos];
		if (n == 0)
			break;
		if ((n & 0xc0) == 0xc0) {
			size_t tgt;

			if (pos + 1 >= len)
				return -EBADMSG;
			tgt = (size_t)(n & 0x3f) << 8 | m[pos + 1];
			if (tgt >= start || ++hops > 127)
				return -EBADMSG;
			if (!end)
				end = pos + 2;
			pos = start = tgt;
			continue;
		}
		if (n & 0xc0)
			return -EBADMSG;
		wire += 1 + n;
		if (wire > 255 || pos + 1 + n > len)
			return -EBADMSG;
		if (t)
			text[t++] = '.';
		for (i = 1; i <= n; i++) {
			unsigned char b = m[pos + i];

			if (b && strchr("\"().;\\@$", b)) {
				text[t++] = '\\';
				text[t++] = b;
			} else if (b <= 0x20 || b >= 0x7f) {
				text[t++] = '\\';
				text[t++] = '0' + b / 100;
				text[t++] = '0' + b / 10 % 10;
				text[t++] = '0' + b % 10;
			} else {
				text[t++] = b >= 'A' && b <= 'Z' ? b | 0x20 : b;
			}
		}
		pos += 1 + n;
	}
	if (!t)
		text[t++] = '.';
	text[t] = 0;
	*tlen = t;
	return end ? (long)end : (long)(pos + 1);
}

/* ---- kfl_domain_match's reference: lists of labels ---- */

#define MAXL 600

struct labels {
	unsigned int n;
	unsigned int start[MAXL], len[MAXL];
	int empty;	/* some label is empty */
};

/* Split @s (@n bytes) at its unescaped dots ("\x" is two bytes of a label). */
static void split(const char *s, unsigned int n, struct labels *l)
{
	unsigned int i = 0, st = 0;

	l->n = 0;
	l->empty = 0;
	for (;;) {
		if (i == n || s[i] == '.') {
			if (l->n == MAXL)
				abort();
			l->start[l->n] = st;
			l->len[l->n] = i - st;
			l->empty |= i == st;
			l->n++;
			if (i == n)
				return;
			st = ++i;
			continue;
		}
		i += s[i] == '\\' && i + 1 < n ? 2 : 1;
	}
}

static int label_eq(const char *a, unsigned int al, const char *b, unsigned int bl)
{
	unsigned int i;

	if (al != bl)
		return 0;
	for (i = 0; i < al; i++) {
		unsigned char x = a[i], y = b[i];

		if (x >= 'A' && x <= 'Z')
			x |= 0x20;
		if (y >= 'A' && y <= 'Z')
			y |= 0x20;
		if (x != y)
			return 0;
	}
	return 1;
}

/*
 * 1, 0, -EINVAL; or 2 when the name has an empty label (kfl_dns_name never
 * writes one, and the reference does not say what it matches).
 */
static int ref_match(const char *name, unsigned int nl, const char *pat, unsigned int pl)
{
	static struct labels ln, lp;
	int exact = 1, under = 1;
	unsigned int i, k;

	nl = strnlen(name, nl);
	pl = strnlen(pat, pl);
	split(pat, pl, &lp);
	if (lp.n > 1 && lp.len[lp.n - 1] == 0)
		lp.n--;			/* one final dot */
	if (memchr(pat, '*', pl)) {
		/* only "*." and then labels without '*' */
		if (pl < 2 || pat[0] != '*' || lp.len[0] != 1 || lp.n < 2 ||
		    memchr(pat + 1, '*', pl - 1))
			return -EINVAL;
		exact = 0;
		memmove(lp.start, lp.start + 1, (lp.n - 1) * sizeof(lp.start[0]));
		memmove(lp.len, lp.len + 1, (lp.n - 1) * sizeof(lp.len[0]));
		lp.n--;
	} else if (lp.n > 1 && lp.len[0] == 0) {
		memmove(lp.start, lp.start + 1, (lp.n - 1) * sizeof(lp.start[0]));
		memmove(lp.len, lp.len + 1, (lp.n - 1) * sizeof(lp.len[0]));
		lp.n--;
	} else {
		under = 0;
	}
	for (i = 0; i < lp.n; i++)
		if (!lp.len[i])
			return -EINVAL;

	split(name, nl, &ln);
	if (ln.n > 1 && ln.len[ln.n - 1] == 0)
		ln.n--;
	if (ln.n == 1 && ln.len[0] == 0)
		ln.n = 0;		/* the root, or empty */
	for (i = 0; i < ln.n; i++)
		if (!ln.len[i])
			return 2;
	if (ln.n < lp.n || (ln.n == lp.n && !exact) || (ln.n > lp.n && !under))
		return 0;
	for (i = 0; i < lp.n; i++) {
		k = ln.n - lp.n + i;
		if (!label_eq(name + ln.start[k], ln.len[k], pat + lp.start[i], lp.len[i]))
			return 0;
	}
	return 1;
}

static int match(const char *name, size_t nl, const char *pat, size_t pl)
{
	char *n = (char *)dup(name, nl), *p = (char *)dup(pat, pl);
	int r, x;

	r = kfl_domain_match(n, nl, p, pl);
	check(r == 1 || r == 0 || r == -EINVAL);
	x = ref_match(n, nl, p, pl);
	check(x == 2 || x == r);
	free(n);
	free(p);
	return r;
}

static char *cat(const char *a, size_t al, const char *b, size_t bl)
{
	char *s = malloc(al + bl + 1);

	if (!s)
		abort();
	memcpy(s, a, al);
	memcpy(s + al, b, bl);
	s[al + bl] = 0;
	return s;
}

static int has_upper(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (s[i] >= 'A' && s[i] <= 'Z')
			return 1;
	return 0;
}

/* Invariants of kfl_domain_match on @name and @pat (C strings). */
static void match_checks(const char *name, size_t nl, const char *pat, size_t pl)
{
	size_t snl = strnlen(name, nl), spl = strnlen(pat, pl);
	char *s;
	int r, r2;

	r = match(name, nl, pat, pl);
	/* C strings: the bytes from the NUL on do not count. */
	check(match(name, snl, pat, spl) == r);
	/* Case. */
	if (has_upper(name, snl) || has_upper(pat, spl)) {
		char *a = (char *)dup(name, snl), *b = (char *)dup(pat, spl);
		size_t i;

		for (i = 0; i < snl; i++)
			if (a[i] >= 'A' && a[i] <= 'Z')
				a[i] |= 0x20;
		for (i = 0; i < spl; i++)
			if (b[i] >= 'a' && b[i] <= 'z')
				b[i] &= ~0x20;
		check(match(a, snl, b, spl) == r);
		free(a);
		free(b);
	}
	/* One final dot is ignored (when there was none already). */
	if (snl && name[snl - 1] != '.' && name[snl - 1] != '\\') {
		s = cat(name, snl, ".", 1);
		check(match(s, snl + 1, pat, spl) == r);
		free(s);
	}
	if (spl && pat[spl - 1] != '.' && pat[spl - 1] != '\\') {
		s = cat(pat, spl, ".", 1);
		check(match(name, snl, s, spl + 1) == r);
		free(s);
	}
	if (r < 0 || !spl || pat[0] == '.' || pat[0] == '*')
		return;
	/* An exact pattern X: ".X" matches what X or "*.X" matches, and only that. */
	s = cat("*.", 2, pat, spl);
	r2 = match(name, snl, s, spl + 2);
	check(r2 >= 0 && !(r && r2));
	free(s);
	s = cat(".", 1, pat, spl);
	check(match(name, snl, s, spl + 1) == (r || r2));
	free(s);
}

/* kfl_domain_match on a text kfl_dns_name wrote (@t, @tl bytes, no '\0' in it). */
static void match_text(const char *t, size_t tl)
{
	char *s, *u;
	int r;

	r = match(t, tl, t, tl);
	/*
	 * A name matches itself, unless it is not a pattern: the root, a '*'
	 * (but "*.X" is a pattern, and matches the name "*.X" as a child).
	 */
	if (memchr(t, '*', tl) || !strcmp(t, ".")) {
		check(r == -EINVAL || (r == 1 && t[0] == '*' && t[1] == '.'));
		return;
	}
	check(r == 1);
	s = cat("*.", 2, t, tl);
	check(match(t, tl, s, tl + 2) == 0);		/* "*."X never matches X */
	u = cat("x.", 2, t, tl);
	check(match(u, tl + 2, s, tl + 2) == 1);
	check(match(u, tl + 2, t, tl) == 0);
	free(s);
	s = cat(".", 1, t, tl);
	check(match(t, tl, s, tl + 1) == 1);
	check(match(u, tl + 2, s, tl + 1) == 1);
	free(s);
	free(u);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static char rtext[KFL_DNS_NAME_MAX + 8], full[KFL_DNS_NAME_MAX];
	struct kfl_src fs = { 0 }, rs = { 0 };
	struct rctx rc = { 0 };
	unsigned int raw, off, out_len, len, k;
	unsigned char *flat, *copy;
	char *a, *b;
	unsigned long calls;
	long r, rr, rx, rf;
	size_t tl = 0;

	if (size < 5 || size - 5 > 0xffff)
		return 0;
	len = size - 5;
	raw = data[0] | data[1] << 8;
	off = raw >= 0xff00 ? 0xffffffffU - (raw & 0xff) : raw % (len + 2);
	out_len = data[2] ? data[2] : KFL_DNS_NAME_MAX;

	flat = dup(data + 5, len);
	copy = dup(data + 5, len);
	fs.data = flat;
	fs.len = len;
	rc.buf = copy;
	rc.len = len;
	rs.len = len;
	rs.read = rd;
	rs.ctx = &rc;
	rs.data = (const unsigned char *)"junk";	/* ignored: read is set */

	a = buf(out_len);
	b = buf(out_len);
	r = kfl_dns_name(&fs, off, a, out_len);
	rr = kfl_dns_name(&rs, off, b, out_len);
	calls = rc.calls;
	rx = ref_name(flat, len, off, rtext, &tl);
	rf = kfl_dns_name(&fs, off, full, sizeof(full));
	check(r == rr);
	check(rf == rx);
	if (rx > 0) {
		check(rx > off && rx <= len);
		check(tl < KFL_DNS_NAME_MAX && !strcmp(full, rtext));
		check(tl + 1 <= out_len ? r == rx : r == -E2BIG);
		check(memchr(a, 0, out_len) && memchr(b, 0, out_len));
		check(!strcmp(a, b));
		if (r > 0) {
			check(!strcmp(a, rtext));
			for (k = 0; k < tl; k++)
				check(a[k] >= 0x21 && a[k] <= 0x7e && !(a[k] >= 'A' && a[k] <= 'Z'));
		} else {
			check(strlen(a) == out_len - 1 && !memcmp(a, rtext, out_len - 1));
		}
	} else {
		check(rx == -EBADMSG && r == rx);
	}
	free(a);
	free(b);

	/* Fail one of the read calls: the decode fails with its error. */
	if (calls) {
		rc.fail_at = 1 + data[3] % calls;
		rc.calls = 0;
		a = buf(out_len);
		check(kfl_dns_name(&rs, off, a, out_len) == -EIO);
		free(a);
	}

	/* kfl_domain_match: the message's two halves, and the decoded text. */
	k = data[4] % (len + 1);
	match_checks((const char *)flat, k, (const char *)flat + k, len - k);
	if (rx > 0) {
		match_text(rtext, tl);
		match_checks(rtext, tl, (const char *)flat + k, len - k);
	}

	free(flat);
	free(copy);
	return 0;
}
