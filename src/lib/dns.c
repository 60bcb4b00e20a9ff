// SPDX-License-Identifier: GPL-2.0
/*
 * Freestanding DNS names: see kfl.h. No headers on purpose, no recursion.
 *
 * kfl_dns_name walks the name once. Every jump must go strictly before
 * the start of the labels it ends, so the starts only decrease (no loop),
 * and there are at most KFL_DNS_MAX_POINTERS jumps: the work is bounded
 * by the name, not by the message. The labels between them are at most
 * 255 bytes in all, checked as they are read. The text is
 * written as the labels are read, cut at @out_len - 1 bytes, while its
 * full length is counted: the size check comes after the whole name is
 * known to be well formed.
 *
 * Through @read, bytes are fetched into a window of at most KFL_DNS_WIN
 * bytes (a length byte and the longest label), so one call covers a label
 * or a pointer, and often the next length byte too. The window never goes
 * past the message's end.
 *
 * kfl_domain_match reads both strings as kfl_dns_name writes them: a '.'
 * after an odd run of '\' is escaped (part of a label), any other '.'
 * separates labels. A run of '\' always starts a new escape (no escape
 * ends with a '\' but "\\"), so the parity of the run decides.
 */
#include "kfl.h"

#define KFL_DNS_WIN 64
#define KFL_DNS_WIRE_MAX 255

struct kfl_dns_cur {
	const struct kfl_src *src;
	const unsigned char *data;	/* flat memory, NULL when through @read */
	unsigned int woff;		/* message offset of win[0] */
	unsigned int wlen;		/* bytes valid in win */
	unsigned char win[KFL_DNS_WIN];
};

/*
 * Point *@p at the @n bytes (1 to KFL_DNS_WIN) at @pos, which the caller
 * has checked end at or before the message's end, through @read: 0 or a
 * negative errno.
 */
static int kfl_dns_fetch(struct kfl_dns_cur *c, unsigned int pos, unsigned int n,
			 const unsigned char **p)
{
	unsigned int want;
	int err;

	if (pos < c->woff || pos - c->woff >= c->wlen || c->wlen - (pos - c->woff) < n) {
		want = c->src->len - pos;
		if (want > KFL_DNS_WIN)
			want = KFL_DNS_WIN;
		c->wlen = 0;
		err = c->src->read(c->src->ctx, pos, c->win, want);
		if (err)
			return err < 0 ? err : -KFL_EINVAL;
		c->woff = pos;
		c->wlen = want;
	}
	*p = c->win + (pos - c->woff);
	return 0;
}

/* kfl_dns_fetch, or in flat memory the bytes where they are. */
static inline int kfl_dns_get(struct kfl_dns_cur *c, unsigned int pos, unsigned int n,
			      const unsigned char **p)
{
	if (c->data) {
		*p = c->data + pos;
		return 0;
	}
	return kfl_dns_fetch(c, pos, n, p);
}

/*
 * Append @ch at @tlen of the text: written while it fits before the NUL,
 * always counted. Return: the text's new length.
 */
static inline unsigned int kfl_dns_put(char *out, unsigned int out_len, unsigned int tlen,
				       char ch)
{
	if (tlen < out_len - 1)
		out[tlen] = ch;
	return tlen + 1;
}

/*
 * A label's byte as its text writes it when no escape is needed: 'A'-'Z'
 * lowered, 0x21-0x7e but " $ ( ) . ; @ \ as they are; 0 for a byte that
 * is escaped (under 0x21, those eight, 0x7f and over).
 */
static const unsigned char kfl_dns_text[256] = {
	0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
	0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
	0x00, 0x21, 0x00, 0x23, 0x00, 0x25, 0x26, 0x27, 0x00, 0x00, 0x2a, 0x2b, 0x2c, 0x2d, 0x00, 0x2f,
	0x30, 0x31, 0x32, 0x33, 0x34, 0x35, 0x36, 0x37, 0x38, 0x39, 0x3a, 0x00, 0x3c, 0x3d, 0x3e, 0x3f,
	0x00, 0x61, 0x62, 0x63, 0x64, 0x65, 0x66, 0x67, 0x68, 0x69, 0x6a, 0x6b, 0x6c, 0x6d, 0x6e, 0x6f,
	0x70, 0x71, 0x72, 0x73, 0x74, 0x75, 0x76, 0x77, 0x78, 0x79, 0x7a, 0x5b, 0x00, 0x5d, 0x5e, 0x5f,
	0x60, 0x61, 0x62, 0x63, 0x64, 0x65, 0x66, 0x67, 0x68, 0x69, 0x6a, 0x6b, 0x6c, 0x6d, 0x6e, 0x6f,
	0x70, 0x71, 0x72, 0x73, 0x74, 0x75, 0x76, 0x77, 0x78, 0x79, 0x7a, 0x7b, 0x7c, 0x7d, 0x7e, 0x00,
};

/* Append the presentation form of byte @b of a label: the text's new length. */
static unsigned int kfl_dns_put_byte(char *out, unsigned int out_len, unsigned int tlen,
				     unsigned char b)
{
	if (kfl_dns_text[b])
		return kfl_dns_put(out, out_len, tlen, kfl_dns_text[b]);
	tlen = kfl_dns_put(out, out_len, tlen, '\\');
	if (b >= 0x21 && b <= 0x7e)
		return kfl_dns_put(out, out_len, tlen, b);
	tlen = kfl_dns_put(out, out_len, tlen, '0' + b / 100);
	tlen = kfl_dns_put(out, out_len, tlen, '0' + b / 10 % 10);
	return kfl_dns_put(out, out_len, tlen, '0' + b % 10);
}

long kfl_dns_name(const struct kfl_src *src, unsigned int off, char *out, unsigned int out_len)
{
	struct kfl_dns_cur c;
	const unsigned char *p;
	unsigned int pos = off, start = off, end = 0, wire = 1, tlen = 0, hops = 0, len, n, i;
	char *o;
	int err;

	if (!src || !out || !out_len)
		return -KFL_EINVAL;
	if (!src->data && !src->read && src->len)
		return -KFL_EINVAL;
	len = src->len;
	c.src = src;
	c.data = src->read ? (const unsigned char *)0 : src->data;
	c.woff = 0;
	c.wlen = 0;

	/* wire: the name's wire length so far, its final zero included. */
	for (;;) {
		if (pos >= len)
			return -KFL_EBADMSG;
		err = kfl_dns_get(&c, pos, 1, &p);
		if (err)
			return err;
		n = p[0];
		if (n == 0)
			break;
		if (n >= 0xc0) {
			if (len - pos < 2)
				return -KFL_EBADMSG;
			err = kfl_dns_get(&c, pos, 2, &p);
			if (err)
				return err;
			n = (n & 0x3f) << 8 | p[1];
			/* Strictly before the labels it ends: no loop, no forward jump. */
			if (n >= start || ++hops > KFL_DNS_MAX_POINTERS)
				return -KFL_EBADMSG;
			if (!end)
				end = pos + 2;
			pos = start = n;
			continue;
		}
		if (n >= 0x40)
			return -KFL_EBADMSG;	/* label types 0x40 and 0x80 */
		wire += n + 1;
		if (wire > KFL_DNS_WIRE_MAX || len - pos - 1 < n)
			return -KFL_EBADMSG;
		err = kfl_dns_get(&c, pos, n + 1, &p);
		if (err)
			return err;
		if (tlen)
			tlen = kfl_dns_put(out, out_len, tlen, '.');
		i = 1;
		/* Plain bytes while the whole label fits: no escape, no size check. */
		if (tlen < out_len - 1 && out_len - 1 - tlen >= n) {
			o = out + tlen;
			for (; i <= n && kfl_dns_text[p[i]]; i++)
				*o++ = kfl_dns_text[p[i]];
			tlen = o - out;
		}
		for (; i <= n; i++)
			tlen = kfl_dns_put_byte(out, out_len, tlen, p[i]);
		pos += n + 1;
	}
	if (!end)
		end = pos + 1;
	if (!tlen)
		tlen = kfl_dns_put(out, out_len, tlen, '.');	/* the root */
	if (tlen >= out_len) {
		out[out_len - 1] = '\0';
		return -KFL_E2BIG;
	}
	out[tlen] = '\0';
	return end;
}

/* Whether the byte at @i of @s follows an odd run of '\' (is escaped). */
static int kfl_dns_escaped(const char *s, unsigned int i)
{
	unsigned int j = i;

	while (j > 0 && s[j - 1] == '\\')
		j--;
	return (i - j) & 1;
}

/* @n bytes of @a and @b equal, ASCII letters in either case. */
static int kfl_dns_caseeq(const char *a, const char *b, unsigned int n)
{
	unsigned char x, y;
	unsigned int i;

	for (i = 0; i < n; i++) {
		x = a[i];
		y = b[i];
		if (x >= 'A' && x <= 'Z')
			x += 'a' - 'A';
		if (y >= 'A' && y <= 'Z')
			y += 'a' - 'A';
		if (x != y)
			return 0;
	}
	return 1;
}

/* Drop one final '.' of the @n bytes at @s, when it is not escaped. */
static unsigned int kfl_dns_trim(const char *s, unsigned int n)
{
	if (n && s[n - 1] == '.' && !kfl_dns_escaped(s, n - 1))
		n--;
	return n;
}

int kfl_domain_match(const char *name, unsigned int name_len,
		     const char *pat, unsigned int pat_len)
{
	unsigned int n, m, i, label = 0;
	int exact = 1, under = 1;

	if ((!name && name_len) || (!pat && pat_len))
		return -KFL_EINVAL;
	n = kfl_dns_trim(name, kfl_strnlen(name, name_len));
	m = kfl_dns_trim(pat, kfl_strnlen(pat, pat_len));

	if (m >= 2 && pat[0] == '*' && pat[1] == '.') {
		exact = 0;
		pat += 2;
		m -= 2;
	} else if (m >= 1 && pat[0] == '.') {
		pat++;
		m--;
	} else {
		under = 0;
	}
	/* The rest: one or more labels, none empty, no '*' at all. */
	for (i = 0; i < m; i++) {
		if (pat[i] == '*')
			return -KFL_EINVAL;
		if (pat[i] == '.') {
			if (!label)
				return -KFL_EINVAL;
			label = 0;
			continue;
		}
		if (pat[i] == '\\' && i + 1 < m) {
			if (pat[i + 1] == '*')
				return -KFL_EINVAL;
			i++;
		}
		label++;
	}
	if (!label)
		return -KFL_EINVAL;

	if (exact && n == m && kfl_dns_caseeq(name, pat, m))
		return 1;
	if (under && n > m + 1 && name[n - m - 1] == '.' && !kfl_dns_escaped(name, n - m - 1) &&
	    kfl_dns_caseeq(name + n - m, pat, m))
		return 1;
	return 0;
}
