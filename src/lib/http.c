// SPDX-License-Identifier: GPL-2.0
/*
 * Freestanding HTTP/1.x header field lookup: see kfl.h. No headers on
 * purpose, no recursion, no state outside the caller's stack.
 *
 * One pass over the message: the start line through a small state
 * machine, then each line's name byte by byte (compared with the name
 * sought as it goes by) and the rest of the line with kfl_memchr. Flat
 * memory is read in place (the window is then the whole message);
 * through @read, bytes are fetched KFL_HTTP_WIN at a time into a window
 * on the stack. The value is copied to @out last, once every check has
 * passed (through @read, in one call straight into @out): @name, which
 * may be @out, is only read before that, and no error leaves @out written
 * (through @read: as long as a failed call writes nothing).
 */
#include "kfl.h"

#define KFL_HTTP_WIN 64

struct kfl_http_cur {
	const struct kfl_src *src;
	const unsigned char *base;	/* the bytes from woff on: data or win */
	unsigned int woff;		/* message offset of base[0] */
	unsigned int wlen;		/* bytes valid at base */
	unsigned char win[KFL_HTTP_WIN];
};

/* RFC 9110 tchars, a bit per byte 0-127. */
static const unsigned int kfl_http_tchars[4] = {
	0x00000000, 0x03ff6cfa, 0xc7fffffe, 0x57ffffff,
};

static inline int kfl_http_tchar(unsigned char b)
{
	return b < 128 && (kfl_http_tchars[b >> 5] >> (b & 31) & 1);
}

static inline unsigned char kfl_http_lower(unsigned char b)
{
	return b >= 'A' && b <= 'Z' ? b + ('a' - 'A') : b;
}

static int kfl_http_fetch(struct kfl_http_cur *c, unsigned int pos)
{
	unsigned int n = c->src->len - pos;
	int err;

	if (n > KFL_HTTP_WIN)
		n = KFL_HTTP_WIN;
	c->wlen = 0;
	err = c->src->read(c->src->ctx, pos, c->win, n);
	if (err)
		return err < 0 ? err : -KFL_EINVAL;
	c->woff = pos;
	c->wlen = n;
	return 0;
}

/*
 * The bytes from @pos (below src->len) on: 0 with *@p pointing at them and
 * *@n (at least 1) their number, or @read's error.
 */
static inline int kfl_http_get(struct kfl_http_cur *c, unsigned int pos,
			       const unsigned char **p, unsigned int *n)
{
	int err;

	if (pos - c->woff >= c->wlen) {
		err = kfl_http_fetch(c, pos);
		if (err)
			return err;
	}
	*p = c->base + (pos - c->woff);
	*n = c->wlen - (pos - c->woff);
	return 0;
}

/* The first LF at or after @pos: 0 with *@lf, -KFL_ENOENT or @read's error. */
static int kfl_http_lf(struct kfl_http_cur *c, unsigned int pos, unsigned int *lf)
{
	const unsigned char *p;
	unsigned int n;
	long r;
	int err;

	for (; pos < c->src->len; pos += n) {
		err = kfl_http_get(c, pos, &p, &n);
		if (err)
			return err;
		r = kfl_memchr(p, n, '\n');
		if (r >= 0) {
			*lf = pos + r;
			return 0;
		}
	}
	return -KFL_ENOENT;
}

enum {
	KFL_HTTP_H,		/* "HTTP/" so far (k bytes) starts a status line */
	KFL_HTTP_METHOD,	/* the method's tchars (k: one seen) */
	KFL_HTTP_TARGET,	/* the target's bytes (k: one seen) */
	KFL_HTTP_VER,		/* "HTTP/1." (k bytes matched) */
	KFL_HTTP_DIGIT,		/* the version's digit */
	KFL_HTTP_SP,		/* status line: the SP before the code */
	KFL_HTTP_CODE,		/* status line: the code (k digits) */
	KFL_HTTP_AFTER,		/* status line: the end, or SP and a reason */
	KFL_HTTP_REASON,	/* status line: anything up to LF */
	KFL_HTTP_END,		/* request line: the end */
	KFL_HTTP_CR,		/* the LF after a CR */
};

/*
 * Check the start line: 0 with *@next the offset of the line after it,
 * -KFL_EBADMSG, or @read's error.
 */
static int kfl_http_start_line(struct kfl_http_cur *c, unsigned int *next)
{
	static const char ver[] = "HTTP/1.";
	unsigned int pos, n, j, st = KFL_HTTP_H, k = 0, status = 0;
	const unsigned char *p;
	unsigned char b;
	int err;

	for (pos = 0; pos < c->src->len; pos += n) {
		err = kfl_http_get(c, pos, &p, &n);
		if (err)
			return err;
		for (j = 0; j < n; j++) {
			b = p[j];
			if (st == KFL_HTTP_H) {
				if (b == ver[k]) {
					if (++k == 5) {
						st = KFL_HTTP_VER;
						status = 1;
					}
					continue;
				}
				/* The k bytes of "HTTP" seen are a method's. */
				st = KFL_HTTP_METHOD;
			}
			switch (st) {
			case KFL_HTTP_METHOD:
				if (kfl_http_tchar(b)) {
					k = 1;
					break;
				}
				if (b != ' ' || !k)
					return -KFL_EBADMSG;
				st = KFL_HTTP_TARGET;
				k = 0;
				break;
			case KFL_HTTP_TARGET:
				if (b >= 0x21 && b <= 0x7e) {
					k = 1;
					break;
				}
				if (b != ' ' || !k)
					return -KFL_EBADMSG;
				st = KFL_HTTP_VER;
				k = 0;
				break;
			case KFL_HTTP_VER:
				if (b != ver[k])
					return -KFL_EBADMSG;
				if (++k == sizeof(ver) - 1)
					st = KFL_HTTP_DIGIT;
				break;
			case KFL_HTTP_DIGIT:
				if (b < '0' || b > '9')
					return -KFL_EBADMSG;
				st = status ? KFL_HTTP_SP : KFL_HTTP_END;
				break;
			case KFL_HTTP_SP:
				if (b != ' ')
					return -KFL_EBADMSG;
				st = KFL_HTTP_CODE;
				k = 0;
				break;
			case KFL_HTTP_CODE:
				if (b < '0' || b > '9')
					return -KFL_EBADMSG;
				if (++k == 3)
					st = KFL_HTTP_AFTER;
				break;
			case KFL_HTTP_REASON:
				if (b == '\n') {
					*next = pos + j + 1;
					return 0;
				}
				break;
			case KFL_HTTP_AFTER:
			case KFL_HTTP_END:
				if (b == ' ' && st == KFL_HTTP_AFTER) {
					st = KFL_HTTP_REASON;
					break;
				}
				if (b == '\r') {
					st = KFL_HTTP_CR;
					break;
				}
				if (b != '\n')
					return -KFL_EBADMSG;
				*next = pos + j + 1;
				return 0;
			default:	/* KFL_HTTP_CR */
				if (b != '\n')
					return -KFL_EBADMSG;
				*next = pos + j + 1;
				return 0;
			}
		}
	}
	return -KFL_EBADMSG;	/* no LF: not a complete start line */
}

/*
 * The header line at *@pos: 0 when it is another field or a folded line
 * (*@pos moved to the next line); 1 when it is the field sought (*@pos is
 * its colon, *@lf its LF); -KFL_ENOENT at the end of the block (an empty
 * line, or an incomplete line at the end of the message);
 * -KFL_EBADMSG; or @read's error.
 */
static int kfl_http_line(struct kfl_http_cur *c, const char *name, unsigned int nlen,
			 unsigned int *pos, unsigned int *lf)
{
	unsigned int start = *pos, i = start, n, j, same = 1;
	const unsigned char *p;
	unsigned char b;
	int err;

	/* The name's tchars, compared with @name as they go by. */
	for (;;) {
		if (i == c->src->len)
			return -KFL_ENOENT;
		err = kfl_http_get(c, i, &p, &n);
		if (err)
			return err;
		for (j = 0; j < n && kfl_http_tchar(p[j]); j++)
			if (same && (i + j - start >= nlen ||
				     kfl_http_lower(p[j]) !=
				     kfl_http_lower(name[i + j - start])))
				same = 0;
		i += j;
		if (j < n) {
			b = p[j];
			break;
		}
	}

	/* Only a line with its LF counts. */
	err = kfl_http_lf(c, i, lf);
	if (err)
		return err;
	if (b == ':' && i > start) {
		if (same && i - start == nlen) {
			*pos = i;
			return 1;
		}
		*pos = *lf + 1;
		return 0;
	}
	if (i == start) {
		if (b == ' ' || b == '\t') {
			*pos = *lf + 1;
			return 0;
		}
		if (*lf == i || (*lf == i + 1 && b == '\r'))
			return -KFL_ENOENT;	/* the empty line */
	}
	return -KFL_EBADMSG;
}

long kfl_http_header(const struct kfl_src *src, const char *name, unsigned int name_len,
		     char *out, unsigned int out_len)
{
	struct kfl_http_cur c;
	unsigned int nlen, pos, lf = 0, end, i, n, j, vs, ve;
	const unsigned char *p;
	int err;

	if (!src || !name || !out || !out_len)
		return -KFL_EINVAL;
	nlen = kfl_strnlen(name, name_len);
	if (!nlen)
		return -KFL_EINVAL;
	for (i = 0; i < nlen; i++)
		if (!kfl_http_tchar(name[i]))
			return -KFL_EINVAL;
	/* As kfl_pb_find: no bytes to read. An empty message is -KFL_EBADMSG. */
	if (!src->read && !src->data && src->len)
		return -KFL_EINVAL;

	c.src = src;
	c.woff = 0;
	if (src->read) {
		c.base = c.win;
		c.wlen = 0;
	} else {
		c.base = src->data;
		c.wlen = src->len;
	}

	err = kfl_http_start_line(&c, &pos);
	if (err)
		return err;
	do {
		err = kfl_http_line(&c, name, nlen, &pos, &lf);
	} while (!err);
	if (err < 0)
		return err;

	/* The value: after the colon at pos, up to the line's CR LF or LF. */
	end = lf;
	if (lf > pos + 1) {
		err = kfl_http_get(&c, lf - 1, &p, &n);
		if (err)
			return err;
		if (p[0] == '\r')
			end--;
	}
	vs = 0;
	ve = 0;		/* past the last byte that is not SP or HT; 0: none */
	for (i = pos + 1; i < end; i += n) {
		err = kfl_http_get(&c, i, &p, &n);
		if (err)
			return err;
		if (n > end - i)
			n = end - i;
		for (j = 0; j < n; j++) {
			if (p[j] == ' ' || p[j] == '\t')
				continue;
			if (!ve)
				vs = i + j;
			ve = i + j + 1;
		}
	}

	/* Every check has passed: @name is not read again. */
	n = ve - vs < out_len - 1 ? ve - vs : out_len - 1;
	if (src->read) {
		if (n) {
			err = src->read(src->ctx, vs, out, n);
			if (err)
				return err < 0 ? err : -KFL_EINVAL;
		}
	} else {
		for (i = 0; i < n; i++)
			out[i] = src->data[vs + i];
	}
	out[n] = '\0';
	return ve - vs;
}
