// SPDX-License-Identifier: GPL-2.0
/*
 * Fuzz kfl_pb_find and kfl_pb_copy. The input is a path, then a message:
 *  - byte 0: the depth (low 4 bits: 0-7 are 1-8, 8 is 0, 9 is 9, 10-15
 *    are 1-6) and which read call to fail (high 4 bits);
 *  - one byte per path element (at most 9): 0-0xf7 as is, 0xf8-0xff a
 *    large field number (2^29 - 1, 2^29, 2^32 - 1, 16, 2047, ...);
 *  - the rest: the message, in an exact-size heap copy (ASan catches a
 *    read one byte too far).
 * The lookup runs from flat memory, through a read callback (which aborts
 * when asked for no byte, a byte at or past the end, or more than 10 bytes)
 * and through a plain reference decoder written here from the contract in
 * kfl.h; all three must agree, and a found field must lie in the message.
 * Then the read callback fails on one of its calls: the lookup must fail
 * with that error. Found LEN payloads are copied with kfl_pb_copy.
 */
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../../src/lib/kfl.h"

struct rctx {
	const unsigned char *buf;
	unsigned int len;
	unsigned int max_n;
	unsigned long calls;
	unsigned long fail_at;
};

static int rd(const void *ctx, unsigned int off, void *buf, unsigned int n)
{
	struct rctx *c = (struct rctx *)ctx;

	c->calls++;
	if (n == 0 || off >= c->len || n > c->len - off || n > c->max_n)
		abort();
	if (c->fail_at && c->calls == c->fail_at)
		return -EIO;
	memcpy(buf, c->buf + off, n);
	return 0;
}

static unsigned char *dup(const uint8_t *p, size_t n)
{
	unsigned char *d = malloc(n ? n : 1);

	if (!d)
		abort();
	if (n)
		memcpy(d, p, n);
	return d;
}

/* The reference: one byte at a time, positions in size_t. */
static int ref_varint(const unsigned char *m, size_t end, size_t *pos, uint64_t *v)
{
	uint64_t x = 0;
	unsigned int i;

	for (i = 0; i < 10; i++) {
		unsigned char b;

		if (*pos >= end)
			return -EBADMSG;	/* truncated */
		b = m[(*pos)++];
		if (i == 9 && b > 1)
			return -EBADMSG;	/* over 64 bits or 11 bytes */
		x |= (uint64_t)(b & 0x7f) << (7 * i);
		if (!(b & 0x80)) {
			*v = x;
			return 0;
		}
	}
	return -EBADMSG;
}

static int ref_find(const unsigned char *m, size_t size, const unsigned int *path,
		    unsigned int depth, struct kfl_pb_field *f)
{
	size_t start = 0, end = size, pos, off = 0, len = 0;
	uint64_t tag, v = 0;
	unsigned int d, wt = 0;
	int err, found;

	if (depth < 1 || depth > 8)
		return -EINVAL;
	for (d = 0; d < depth; d++)
		if (path[d] < 1 || path[d] > (1U << 29) - 1)
			return -EINVAL;
	for (d = 0; d < depth; d++) {
		found = 0;
		pos = start;
		while (pos < end && !found) {
			err = ref_varint(m, end, &pos, &tag);
			if (err)
				return err;
			if (tag < 8 || tag >= 1ULL << 32)
				return -EBADMSG;	/* field 0, or over 2^29 - 1 */
			wt = tag & 7;
			v = 0;
			off = pos;
			if (wt == 0) {
				err = ref_varint(m, end, &pos, &v);
				if (err)
					return err;
				len = pos - off;
			} else if (wt == 1 || wt == 5) {
				len = wt == 1 ? 8 : 4;
				if (end - pos < len)
					return -EBADMSG;
				for (size_t i = 0; i < len; i++)
					v |= (uint64_t)m[pos + i] << (8 * i);
				pos += len;
			} else if (wt == 2) {
				err = ref_varint(m, end, &pos, &v);
				if (err)
					return err;
				if (v > end - pos)
					return -EBADMSG;
				off = pos;
				len = v;
				v = 0;
				pos += len;
			} else {
				return -EBADMSG;
			}
			found = tag >> 3 == path[d];
		}
		if (!found)
			return -ENOENT;
		if (d + 1 < depth && wt != 2)
			return -ENOMSG;
		start = off;
		end = off + len;
	}
	f->wire_type = wt;
	f->value = v;
	f->off = off;
	f->len = len;
	return 0;
}

static void check_copy(const struct kfl_src *fs, const struct kfl_src *rs,
		       struct rctx *rc, const unsigned char *msg, const struct kfl_pb_field *f)
{
	unsigned char *a = malloc(f->len ? f->len : 1), *b = malloc(f->len ? f->len : 1);

	if (!a || !b)
		abort();
	rc->max_n = ~0U;
	if (kfl_pb_copy(fs, f->off, a, f->len) || kfl_pb_copy(rs, f->off, b, f->len))
		abort();
	if (memcmp(a, msg + f->off, f->len) || memcmp(b, msg + f->off, f->len))
		abort();
	/* One byte more is out of the message when the payload ends it. */
	if (f->off + f->len == fs->len &&
	    (kfl_pb_copy(fs, f->off, a, f->len + 1) != -EINVAL ||
	     kfl_pb_copy(rs, f->off, b, f->len + 1) != -EINVAL))
		abort();
	rc->max_n = 10;
	free(a);
	free(b);
}

static int same(const struct kfl_pb_field *a, const struct kfl_pb_field *b)
{
	return a->wire_type == b->wire_type && a->value == b->value &&
	       a->off == b->off && a->len == b->len;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const unsigned int big[8] = {
		(1U << 29) - 1, 1U << 29, 0xffffffffU, 16, 2047, 2048, 262143, 262144,
	};
	struct kfl_pb_field ff, fr, fx;
	struct kfl_src fs = { 0 }, rs = { 0 };
	unsigned int path[9], depth, np, i;
	struct rctx rc = { 0 };
	unsigned char *flat, *copy;
	unsigned long calls;
	int r, rr, rx;

	if (size < 1)
		return 0;
	depth = data[0] & 15;
	depth = depth < 8 ? depth + 1 : depth == 8 ? 0 : depth == 9 ? 9 : depth - 9;
	np = depth;
	if (size - 1 < np)
		return 0;
	for (i = 0; i < np; i++)
		path[i] = data[1 + i] < 0xf8 ? data[1 + i] : big[data[1 + i] - 0xf8];
	if (size - 1 - np > 0xffffffffU)
		return 0;

	flat = dup(data + 1 + np, size - 1 - np);
	copy = dup(data + 1 + np, size - 1 - np);
	fs.data = flat;
	fs.len = size - 1 - np;
	rc.buf = copy;
	rc.len = fs.len;
	rc.max_n = 10;
	rs.len = fs.len;
	rs.read = rd;
	rs.ctx = &rc;

	r = kfl_pb_find(&fs, path, depth, &ff);
	rr = kfl_pb_find(&rs, path, depth, &fr);
	calls = rc.calls;
	rx = ref_find(flat, fs.len, path, depth, &fx);
	if (r != rr || r != rx)
		abort();
	if (r != 0 && r != -ENOENT && r != -ENOMSG && r != -EBADMSG && r != -EINVAL)
		abort();
	if (r == 0) {
		if (!same(&ff, &fr) || !same(&ff, &fx))
			abort();
		if (ff.off > fs.len || ff.len > fs.len - ff.off)
			abort();
		if (ff.wire_type == KFL_PB_LEN)
			check_copy(&fs, &rs, &rc, flat, &ff);
	}

	/* Fail one of the read calls: the lookup fails with its error. */
	if (calls) {
		rc.fail_at = 1 + (data[0] >> 4) % calls;
		rc.calls = 0;
		if (kfl_pb_find(&rs, path, depth, &fr) != -EIO)
			abort();
	}

	free(flat);
	free(copy);
	return 0;
}
