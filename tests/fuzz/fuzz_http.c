// SPDX-License-Identifier: GPL-2.0
/*
 * Fuzz kfl_http_header. The input is three bytes of settings, a name,
 * then a message:
 *  - byte 0: @out_len (low 6 bits: 0-62, 63 is 1024); bit 6: @out is the
 *    buffer that holds the name; bit 7: the name's NUL and junk follow it
 *    within @name_len;
 *  - byte 1: the name: high 3 bits 0-5 pick one of six names (low 5 bits
 *    unused), 6-7 take the next (low 5 bits) bytes of the input as it;
 *  - byte 2: the read callback's piece size (low 4 bits, 0: one piece)
 *    and which of its calls to fail (high 4 bits);
 *  - the rest: the message, in an exact-size heap copy (ASan catches a
 *    read one byte too far).
 * The lookup runs from flat memory, through a read callback over the
 * message in separate heap pieces (it aborts when asked for no byte or a
 * byte at or past the end; requests over 64 bytes are allowed only as
 * the last call of a lookup that succeeds: the copy of the value), with
 * @out aliasing @name, and through a plain reference written here from
 * the contract in kfl.h; all must agree. Then the invariants: a result
 * >= 0 leaves @out NUL-terminated within @out_len, holding min(result,
 * @out_len - 1) bytes that occur in the message, not starting (nor, when
 * whole, ending) with SP or HT, with no LF, the bytes after the NUL
 * untouched; an error leaves @out untouched. Then the callback fails on
 * one of its calls: the lookup must fail with its error, @out untouched.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "../../src/lib/kfl.h"
#include "../host/http_ref.h"

#define POISON 0xa5
#define WIN 64
#define MAXPIECES 256

struct rctx {
	unsigned char *piece[MAXPIECES];
	unsigned int poff[MAXPIECES + 2];
	unsigned int npieces;
	unsigned int len;
	unsigned long calls;
	unsigned long fail_at;
	unsigned long big, last_big;
};

static int rd(const void *ctx, unsigned int off, void *buf, unsigned int n)
{
	struct rctx *c = (struct rctx *)ctx;
	unsigned char *d = buf;
	unsigned int i, k;

	c->calls++;
	if (n == 0 || off >= c->len || n > c->len - off)
		abort();
	if (n > WIN) {
		c->big++;
		c->last_big = c->calls;
	}
	if (c->fail_at && c->calls == c->fail_at)
		return -EIO;
	for (k = 0; c->poff[k + 1] <= off; k++)
		;
	for (i = 0; i < n; i++) {
		while (off + i >= c->poff[k + 1])
			k++;
		d[i] = c->piece[k][off + i - c->poff[k]];
	}
	return 0;
}

static void rctx_init(struct rctx *c, const unsigned char *m, unsigned int len,
		      unsigned int maxp)
{
	unsigned int off = 0, n;

	memset(c, 0, sizeof(*c));
	c->len = len;
	while (off < len) {
		n = maxp ? maxp : len;
		if (n > len - off || c->npieces == MAXPIECES - 1)
			n = len - off;
		c->piece[c->npieces] = malloc(n);
		if (!c->piece[c->npieces])
			abort();
		memcpy(c->piece[c->npieces], m + off, n);
		c->poff[c->npieces++] = off;
		off += n;
	}
	c->poff[c->npieces] = len;
	c->poff[c->npieces + 1] = ~0U;
}

static void rctx_free(struct rctx *c)
{
	unsigned int i;

	for (i = 0; i < c->npieces; i++)
		free(c->piece[i]);
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

/* @out after a result @r, against the reference's @ref. */
static void check_out(const unsigned char *out, const unsigned char *ref, unsigned int out_len,
		      long r)
{
	unsigned int i, k = 0;

	if (r >= 0) {
		k = (unsigned long)r < out_len - 1 ? r : out_len - 1;
		if (memcmp(out, ref, k + 1) || out[k])
			abort();
		k++;
	}
	for (i = k; i < out_len; i++)
		if (out[i] != POISON)
			abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const names[6] = {
		"Host", "content-length", "X-A^b", "x", "", "Ho st",
	};
	unsigned int out_len, name_len, maxp, k, i;
	unsigned char s0, s1, s2;
	unsigned char *msg, *out, *ref, *buf;
	struct kfl_src fs = { 0 }, rs = { 0 };
	struct rctx rc;
	char name[40];
	size_t len;
	long r, rx, rr;

	if (size < 3)
		return 0;
	s0 = data[0];
	s1 = data[1];
	s2 = data[2];
	data += 3;
	size -= 3;
	out_len = (s0 & 63) == 63 ? 1024 : s0 & 63;
	maxp = s2 & 15;
	if (s1 >> 5 < 6) {
		name_len = strlen(names[s1 >> 5]);
		memcpy(name, names[s1 >> 5], name_len);
	} else {
		name_len = s1 & 31;
		if (size < name_len)
			return 0;
		memcpy(name, data, name_len);
		data += name_len;
		size -= name_len;
	}
	if (s0 & 0x80) {
		memcpy(name + name_len, "\0:x \x80", 6);
		name_len += 6;
	}
	if (size > 1 << 16)
		return 0;
	len = size;

	msg = dup(data, len);
	out = malloc(out_len ? out_len : 1);
	ref = malloc(out_len ? out_len : 1);
	if (!out || !ref)
		abort();
	memset(ref, POISON, out_len);
	rx = ref_http(msg, len, name, name_len, (char *)ref, out_len);

	/* flat */
	fs.data = msg;
	fs.len = len;
	memset(out, POISON, out_len);
	r = kfl_http_header(&fs, name, name_len, (char *)out, out_len);
	if (r != rx)
		abort();
	if (r < 0 && r != -ENOENT && r != -EBADMSG && r != -EINVAL)
		abort();
	check_out(out, ref, out_len, r);
	if (r >= 0) {
		/* the invariants, on their own */
		k = (unsigned long)r < out_len - 1 ? r : out_len - 1;
		if (k && (!memmem(msg, len, out, k) || memchr(out, '\n', k) ||
			  out[0] == ' ' || out[0] == '\t'))
			abort();
		if (k && k == (unsigned long)r && (out[k - 1] == ' ' || out[k - 1] == '\t'))
			abort();
		if ((unsigned long)r >= len)
			abort();
	}

	/* through the callback */
	rctx_init(&rc, msg, len, maxp);
	rs.len = len;
	rs.read = rd;
	rs.ctx = &rc;
	memset(out, POISON, out_len);
	rr = kfl_http_header(&rs, name, name_len, (char *)out, out_len);
	if (rr != r)
		abort();
	check_out(out, ref, out_len, rr);
	if (rc.big && (r < 0 || rc.big != 1 || rc.last_big != rc.calls))
		abort();

	/* one call failing */
	if (rc.calls) {
		k = 1 + (s2 >> 4) % rc.calls;
		rctx_free(&rc);
		rctx_init(&rc, msg, len, maxp);
		rc.fail_at = k;
		memset(out, POISON, out_len);
		if (kfl_http_header(&rs, name, name_len, (char *)out, out_len) != -EIO)
			abort();
		if (rc.calls != k)
			abort();
		check_out(out, ref, out_len, -EIO);
	}
	rctx_free(&rc);

	/* @out is @name */
	if (s0 & 0x40 && out_len && out_len >= name_len) {
		buf = malloc(out_len);
		if (!buf)
			abort();
		memset(buf, POISON, out_len);
		memcpy(buf, name, name_len);
		r = kfl_http_header(&fs, (char *)buf, name_len, (char *)buf, out_len);
		if (r != rx)
			abort();
		if (r < 0) {
			if (memcmp(buf, name, name_len))
				abort();
			for (i = name_len; i < out_len; i++)
				if (buf[i] != POISON)
					abort();
		} else {
			k = (unsigned long)r < out_len - 1 ? r : out_len - 1;
			if (memcmp(buf, ref, k) || buf[k])
				abort();
		}
		free(buf);
	}

	free(msg);
	free(out);
	free(ref);
	return 0;
}
