// SPDX-License-Identifier: GPL-2.0
/*
 * Freestanding protobuf wire-format decoder: see kfl.h. No headers on
 * purpose, no recursion (a path is a loop narrowing [start, end)), no
 * state outside the caller's stack.
 *
 * Flat memory is decoded in place. Through @read, bytes are fetched into a
 * window of at most KFL_PB_WIN bytes (the longest varint), so one call
 * usually covers a tag and a short value; a LEN payload that is skipped is
 * never fetched.
 */
#include "kfl.h"

#define KFL_PB_WIN 10
#define KFL_PB_MAX_FIELD 0x1fffffffU

struct kfl_pb_cur {
	const struct kfl_src *src;
	const unsigned char *data;	/* flat memory, NULL when through @read */
	unsigned int woff;		/* message offset of win[0] */
	unsigned int wlen;		/* bytes valid in win */
	unsigned char win[KFL_PB_WIN];
};

static int kfl_pb_fetch(struct kfl_pb_cur *c, unsigned int off, unsigned int n)
{
	int err;

	c->wlen = 0;
	err = c->src->read(c->src->ctx, off, c->win, n);
	if (err)
		return err < 0 ? err : -KFL_EINVAL;
	c->woff = off;
	c->wlen = n;
	return 0;
}

/*
 * Decode the varint in the @n bytes at @p: the number of bytes it takes,
 * 0 when it runs past @n (@n < KFL_PB_WIN), -KFL_EBADMSG when it is longer
 * than 10 bytes or over 64 bits (a 10th byte above 1).
 */
static int kfl_pb_varint_buf(const unsigned char *p, unsigned int n,
			     unsigned long long *v)
{
	unsigned long long x = 0;
	unsigned int i;

	for (i = 0; i < n; i++) {
		unsigned char b = p[i];

		if (i == KFL_PB_WIN - 1 && b > 1)
			return -KFL_EBADMSG;
		x |= (unsigned long long)(b & 0x7f) << (7 * i);
		if (!(b & 0x80)) {
			*v = x;
			return i + 1;
		}
	}
	return 0;
}

static int kfl_pb_varint_any(struct kfl_pb_cur *c, unsigned int pos, unsigned int end,
			     unsigned long long *v);

/*
 * Decode the varint at @pos, which must end before @end: the number of
 * bytes it takes, or a negative errno. A one-byte varint in flat memory
 * (most tags, small values) is decoded here, inline.
 */
static inline int kfl_pb_varint(struct kfl_pb_cur *c, unsigned int pos, unsigned int end,
				unsigned long long *v)
{
	if (c->data && pos < end && c->data[pos] < 0x80) {
		*v = c->data[pos];
		return 1;
	}
	return kfl_pb_varint_any(c, pos, end, v);
}

static int kfl_pb_varint_any(struct kfl_pb_cur *c, unsigned int pos, unsigned int end,
			     unsigned long long *v)
{
	unsigned int max, have;
	int r, err;

	if (pos >= end)
		return -KFL_EBADMSG;
	max = end - pos < KFL_PB_WIN ? end - pos : KFL_PB_WIN;
	if (c->data) {
		r = kfl_pb_varint_buf(c->data + pos, max, v);
		return r ? r : -KFL_EBADMSG;
	}

	if (pos >= c->woff && pos - c->woff < c->wlen) {
		have = c->wlen - (pos - c->woff);
		if (have > max)
			have = max;
		r = kfl_pb_varint_buf(c->win + (pos - c->woff), have, v);
		if (r || have == max)
			return r ? r : -KFL_EBADMSG;
	}
	err = kfl_pb_fetch(c, pos, max);
	if (err)
		return err;
	r = kfl_pb_varint_buf(c->win, max, v);
	return r ? r : -KFL_EBADMSG;
}

/*
 * The @n (4 or 8) bytes at @pos as a little-endian number; the caller has
 * checked that they end at or before @end.
 */
static int kfl_pb_fixed(struct kfl_pb_cur *c, unsigned int pos, unsigned int end,
			unsigned int n, unsigned long long *v)
{
	const unsigned char *p;
	unsigned long long x = 0;
	unsigned int i;
	int err;

	if (c->data) {
		p = c->data + pos;
	} else if (pos >= c->woff && pos - c->woff < c->wlen &&
		   c->wlen - (pos - c->woff) >= n) {
		p = c->win + (pos - c->woff);
	} else {
		err = kfl_pb_fetch(c, pos, end - pos < KFL_PB_WIN ? end - pos : KFL_PB_WIN);
		if (err)
			return err;
		p = c->win;
	}
	for (i = n; i > 0; i--)
		x = x << 8 | p[i - 1];
	*v = x;
	return 0;
}

/*
 * Find the first field numbered @num in [@start, @end): 0 with *@f filled,
 * or a negative errno. Every field before it is decoded and checked.
 */
static int kfl_pb_scan(struct kfl_pb_cur *c, unsigned int start, unsigned int end,
		       unsigned int num, struct kfl_pb_field *f)
{
	unsigned long long tag, v;
	unsigned int pos = start, wt, vpos, vlen;
	int r;

	while (pos < end) {
		r = kfl_pb_varint(c, pos, end, &tag);
		if (r < 0)
			return r;
		pos += r;
		/* A field number over 2^29 - 1 is a tag of 2^32 or more. */
		if (tag >> 3 == 0 || tag >> 3 > KFL_PB_MAX_FIELD)
			return -KFL_EBADMSG;
		wt = tag & 7;
		vpos = pos;
		v = 0;
		switch (wt) {
		case KFL_PB_VARINT:
			r = kfl_pb_varint(c, pos, end, &v);
			if (r < 0)
				return r;
			vlen = r;
			break;
		case KFL_PB_I64:
		case KFL_PB_I32:
			vlen = wt == KFL_PB_I64 ? 8 : 4;
			if (end - pos < vlen)
				return -KFL_EBADMSG;
			if (tag >> 3 == num) {
				r = kfl_pb_fixed(c, pos, end, vlen, &v);
				if (r)
					return r;
			}
			break;
		case KFL_PB_LEN:
			r = kfl_pb_varint(c, pos, end, &v);
			if (r < 0)
				return r;
			vpos = pos + r;
			/* Compared in 64 bits: a length of 2^32 + 1 stays too long. */
			if (v > end - vpos)
				return -KFL_EBADMSG;
			vlen = v;
			v = 0;
			break;
		default:	/* groups (3, 4) and the unassigned 6, 7 */
			return -KFL_EBADMSG;
		}
		if (tag >> 3 == num) {
			f->wire_type = wt;
			f->value = v;
			f->off = vpos;
			f->len = vlen;
			return 0;
		}
		pos = vpos + vlen;
	}
	return -KFL_ENOENT;
}

int kfl_pb_find(const struct kfl_src *src, const unsigned int *path,
		unsigned int depth, struct kfl_pb_field *f)
{
	struct kfl_pb_cur c;
	struct kfl_pb_field cur;
	unsigned int start = 0, end, i;
	int err;

	if (!src || !f || !path || depth == 0 || depth > KFL_PB_MAX_DEPTH)
		return -KFL_EINVAL;
	for (i = 0; i < depth; i++)
		if (path[i] == 0 || path[i] > KFL_PB_MAX_FIELD)
			return -KFL_EINVAL;
	if (!src->data && !src->read && src->len)
		return -KFL_EINVAL;

	c.src = src;
	c.data = src->read ? (const unsigned char *)0 : src->data;
	c.woff = 0;
	c.wlen = 0;
	end = src->len;
	for (i = 0; i < depth; i++) {
		err = kfl_pb_scan(&c, start, end, path[i], &cur);
		if (err)
			return err;
		if (i + 1 < depth && cur.wire_type != KFL_PB_LEN)
			return -KFL_ENOMSG;
		start = cur.off;
		end = cur.off + cur.len;
	}
	*f = cur;
	return 0;
}

int kfl_pb_copy(const struct kfl_src *src, unsigned int off, void *buf, unsigned int n)
{
	unsigned char *d = buf;
	unsigned int i;
	int err;

	if (!src || off > src->len || n > src->len - off)
		return -KFL_EINVAL;
	if (n == 0)
		return 0;
	if (!buf)
		return -KFL_EINVAL;
	if (src->read) {
		err = src->read(src->ctx, off, buf, n);
		if (err)
			return err < 0 ? err : -KFL_EINVAL;
		return 0;
	}
	if (!src->data)
		return -KFL_EINVAL;
	for (i = 0; i < n; i++)
		d[i] = src->data[off + i];
	return 0;
}
