// SPDX-License-Identifier: GPL-2.0
/*
 * Tests of src/lib/dns.c (kfl_dns_name, kfl_domain_match) under ASan/UBSan.
 *
 * Every decode runs three times, on exact-size heap copies of the message
 * (ASan catches a read one byte too far): from flat memory (src->data),
 * through a read callback over one copy, and through a read callback over
 * the message cut in random pieces of 1 to 8 bytes, each its own heap
 * block (a packet's fragments). The callbacks record any request for no
 * byte, for a byte at or past the message's length, or for more than 64
 * bytes at once; the three must agree exactly, text included.
 *
 * test_dnspython_vectors reads dns_vectors.txt (made by dns_vectors.py
 * with dnspython, the independent decoder) from the current directory.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <limits.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "../../src/lib/kfl.h"

#define WIN 64		/* the largest read request allowed */
#define CANARY 0x5a

/* A literal message: B(0x01, 'a', 0x00) is a pointer and a size. */
#define B(...) (const unsigned char[]){ __VA_ARGS__ }, \
	sizeof((const unsigned char[]){ __VA_ARGS__ })

static uint64_t rng = 0x123456789abcdefULL;

static uint64_t rnd(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return rng;
}

static unsigned int rndn(unsigned int n)
{
	return rnd() % n;
}

static unsigned char *dup(const void *p, size_t n)
{
	unsigned char *d = malloc(n ? n : 1);

	assert_non_null(d);
	if (n)
		memcpy(d, p, n);
	return d;
}

/* The read callback's view of a message, whole or in pieces. */
struct rctx {
	unsigned int len;
	const unsigned char *buf;	/* whole, or NULL: pieces */
	unsigned int npieces;
	unsigned char **piece;
	unsigned int *pstart, *plen;
	unsigned long calls;
	unsigned long fail_at;		/* fail this call (1-based) with err; 0: never */
	int err;
	int bad;			/* requests out of range or too large */
};

static int rd(const void *ctx, unsigned int off, void *buf, unsigned int n)
{
	struct rctx *c = (struct rctx *)ctx;
	unsigned char *d = buf;
	unsigned int i, k;

	c->calls++;
	if (n == 0 || off >= c->len || n > c->len - off || n > WIN) {
		c->bad++;
		return -EFAULT;
	}
	if (c->fail_at && c->calls == c->fail_at)
		return c->err;
	if (c->buf) {
		memcpy(buf, c->buf + off, n);
		return 0;
	}
	for (k = 0; k < c->npieces && c->pstart[k] + c->plen[k] <= off; k++)
		;
	for (i = 0; i < n; k++) {
		unsigned int from = off + i - c->pstart[k];
		unsigned int take = c->plen[k] - from;

		if (take > n - i)
			take = n - i;
		memcpy(d + i, c->piece[k] + from, take);
		i += take;
	}
	return 0;
}

/* One message: flat, behind a read callback, and in pieces behind another. */
struct three {
	unsigned char *flat, *copy;
	unsigned int len;
	struct rctx rc, pc;
	struct kfl_src fs, rs, ps;
};

static void three_init(struct three *t, const void *p, size_t n)
{
	unsigned int pos, k;

	memset(t, 0, sizeof(*t));
	t->flat = dup(p, n);
	t->copy = dup(p, n);
	t->len = n;
	t->rc.buf = t->copy;
	t->rc.len = n;
	t->pc.len = n;
	t->pc.piece = calloc(n + 1, sizeof(*t->pc.piece));
	t->pc.pstart = calloc(n + 1, sizeof(unsigned int));
	t->pc.plen = calloc(n + 1, sizeof(unsigned int));
	assert_non_null(t->pc.piece);
	assert_non_null(t->pc.pstart);
	assert_non_null(t->pc.plen);
	for (pos = 0, k = 0; pos < n; k++) {
		unsigned int l = 1 + rndn(8);

		if (l > n - pos)
			l = n - pos;
		t->pc.piece[k] = dup((const unsigned char *)p + pos, l);
		t->pc.pstart[k] = pos;
		t->pc.plen[k] = l;
		pos += l;
	}
	t->pc.npieces = k;
	t->fs.data = t->flat;
	t->fs.len = n;
	t->rs.len = n;
	t->rs.read = rd;
	t->rs.ctx = &t->rc;
	t->ps.len = n;
	t->ps.read = rd;
	t->ps.ctx = &t->pc;
}

static void three_free(struct three *t)
{
	unsigned int k;

	for (k = 0; k < t->pc.npieces; k++)
		free(t->pc.piece[k]);
	free(t->pc.piece);
	free(t->pc.pstart);
	free(t->pc.plen);
	free(t->flat);
	free(t->copy);
}

/*
 * kfl_dns_name through the three sources into @out (@out_len bytes, an
 * exact-size heap block behind which nothing may be written): they must
 * agree, text included when it is defined; nothing past @out_len is
 * written; the text is NUL-terminated within @out_len.
 */
static long three_name(struct three *t, unsigned int off, char *out, unsigned int out_len)
{
	char *a = malloc(out_len ? out_len : 1), *b = malloc(out_len ? out_len : 1);
	char *c = malloc(out_len ? out_len : 1);
	long ra, rb, rc;

	assert_non_null(a);
	assert_non_null(b);
	assert_non_null(c);
	memset(a, CANARY, out_len);
	memset(b, CANARY, out_len);
	memset(c, CANARY, out_len);
	ra = kfl_dns_name(&t->fs, off, a, out_len);
	rb = kfl_dns_name(&t->rs, off, b, out_len);
	rc = kfl_dns_name(&t->ps, off, c, out_len);
	assert_int_equal(t->rc.bad, 0);
	assert_int_equal(t->pc.bad, 0);
	assert_int_equal(ra, rb);
	assert_int_equal(ra, rc);
	assert_true(ra == -EBADMSG || ra == -E2BIG || ra == -EINVAL ||
		    (ra > off && ra <= t->len));
	if (ra > 0 || ra == -E2BIG) {
		assert_true(memchr(a, 0, out_len) != NULL);
		assert_string_equal(a, b);
		assert_string_equal(a, c);
		if (ra > 0)
			for (const char *q = a; *q; q++)
				assert_true(*q >= 0x21 && *q <= 0x7e && !(*q >= 'A' && *q <= 'Z'));
		else
			assert_int_equal(strlen(a), out_len - 1);
	}
	if (out && out_len)
		memcpy(out, a, out_len);
	free(a);
	free(b);
	free(c);
	return ra;
}

/* Decode @off of the message @m (@n bytes) into @out (KFL_DNS_NAME_MAX bytes). */
static long name_at(const unsigned char *m, size_t n, unsigned int off, char *out)
{
	struct three t;
	long r;

	three_init(&t, m, n);
	r = three_name(&t, off, out, KFL_DNS_NAME_MAX);
	three_free(&t);
	return r;
}

/* The name at @off of the message @m (@n bytes) is @text, and @ret is returned. */
static void expect(const unsigned char *m, size_t n, unsigned int off, long ret,
		   const char *text)
{
	char out[KFL_DNS_NAME_MAX];

	assert_int_equal(name_at(m, n, off, out), ret);
	assert_string_equal(out, text);
}

static void bad(const unsigned char *m, size_t n, unsigned int off)
{
	char out[KFL_DNS_NAME_MAX];

	assert_int_equal(name_at(m, n, off, out), -EBADMSG);
}

/* EXPECT(B(bytes), off, ret, text), or EXPECT(m, n, off, ret, text). */
#define EXPECT expect
#define BAD bad

/* A 12-byte header, then the rest. */
#define H 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0

static void test_basic(void **state)
{
	(void)state;
	EXPECT(B(H, 3, 'w', 'w', 'w', 7, 'e', 'x', 'a', 'm', 'p', 'l', 'e', 3, 'c', 'o', 'm', 0,
		 0, 1, 0, 1), 12, 29, "www.example.com");
	/* The name at offset 0, and a message that is only the name. */
	EXPECT(B(1, 'a', 0), 0, 3, "a");
	EXPECT(B(1, 'a', 1, 'b', 0), 2, 5, "b");
	/* A label of 63 bytes, the longest. */
	{
		unsigned char m[1 + 63 + 1];
		char want[64];

		m[0] = 63;
		memset(m + 1, 'x', 63);
		m[64] = 0;
		memset(want, 'x', 63);
		want[63] = 0;
		EXPECT(m, sizeof(m), 0, 65, want);
	}
}

static void test_lower_case(void **state)
{
	(void)state;
	EXPECT(B(H, 7, 'E', 'x', 'A', 'm', 'P', 'l', 'E', 3, 'C', 'O', 'M', 0), 12, 25,
	       "example.com");
	/* Only 'A'-'Z': '@' and '[' are around them, bytes over 0x7f escaped. */
	EXPECT(B(4, '@', 'A', 'Z', '[', 0), 0, 6, "\\@az[");
	EXPECT(B(4, '`', 'a', 'z', '{', 0), 0, 6, "`az{");
	EXPECT(B(2, 0xc1, 0xe1, 0), 0, 4, "\\193\\225");
}

/* The presentation of one byte, written from the contract. */
static const char *pres(unsigned char b, char *buf)
{
	if (strchr("\"().;\\@$", b) && b) {
		buf[0] = '\\';
		buf[1] = b;
		buf[2] = 0;
	} else if (b < 0x21 || b > 0x7e) {
		sprintf(buf, "\\%03u", b);
	} else {
		buf[0] = b >= 'A' && b <= 'Z' ? b + 32 : b;
		buf[1] = 0;
	}
	return buf;
}

static void test_escapes(void **state)
{
	unsigned char m[4];
	char want[8], out[KFL_DNS_NAME_MAX];
	unsigned int b;

	(void)state;
	EXPECT(B(8, '"', '(', ')', '.', ';', '\\', '@', '$', 0), 0, 10,
	       "\\\"\\(\\)\\.\\;\\\\\\@\\$");
	EXPECT(B(6, 0, ' ', '!', '~', 0x7f, 0xff, 0), 0, 8, "\\000\\032!~\\127\\255");
	EXPECT(B(3, '*', '-', '_', 1, '/', 0), 0, 7, "*-_./");
	EXPECT(B(3, 'a', '.', 'b', 1, 'c', 0), 0, 7, "a\\.b.c");
	/* Every byte, alone in a label. */
	for (b = 0; b < 256; b++) {
		m[0] = 1;
		m[1] = b;
		m[2] = 0;
		assert_int_equal(name_at(m, 3, 0, out), 3);
		assert_string_equal(out, pres(b, want));
	}
	/* Not escaped: '#', '%', '&', '\'', '+', ',', ':', '<', '=', '>', '?', ... */
	EXPECT(B(12, '#', '%', '&', '\'', '+', ',', ':', '<', '=', '>', '?', '^', 0), 0, 14,
	       "#%&'+,:<=>?^");
}

static void test_root(void **state)
{
	(void)state;
	EXPECT(B(H, 0, 0, 1, 0, 1), 12, 13, ".");
	EXPECT(B(0), 0, 1, ".");
	/* The root through a pointer, and a pointer to the root label of a name. */
	EXPECT(B(H, 0, 0xc0, 12), 13, 15, ".");
	EXPECT(B(H, 1, 'a', 0, 0xc0, 14), 15, 17, ".");
}

static void test_return_offset(void **state)
{
	static const unsigned char m[] = {
		H,
		3, 'f', 'o', 'o', 3, 'c', 'o', 'm', 0,		/* 12: foo.com */
		0, 1, 0, 1,
		3, 'b', 'a', 'r', 0xc0, 12,			/* 25: bar.foo.com */
		0xc0, 25,					/* 31: bar.foo.com */
		1, 'x', 0xc0, 31,				/* 33: x.bar.foo.com */
		0xc0, 16,					/* 37: com */
		0xc0 | 0x0f, 0xff,				/* 39: a pointer too far */
	};

	(void)state;
	EXPECT(m, sizeof(m), 12, 21, "foo.com");
	EXPECT(m, sizeof(m), 25, 31, "bar.foo.com");
	EXPECT(m, sizeof(m), 31, 33, "bar.foo.com");
	EXPECT(m, sizeof(m), 33, 37, "x.bar.foo.com");	/* after the first pointer */
	EXPECT(m, sizeof(m), 37, 39, "com");
	EXPECT(m, sizeof(m), 16, 21, "com");
	EXPECT(m, sizeof(m), 29, 31, "foo.com");	/* a name can start at a pointer */
	EXPECT(m, sizeof(m), 20, 21, ".");
	BAD(m, sizeof(m), 39);				/* 0x0fff: past the end */
	BAD(m, sizeof(m), 40);				/* 0xff: a pointer cut short */
	BAD(m, sizeof(m), 41);				/* the end */
}

static void test_pointers(void **state)
{
	(void)state;
	/* To before the start of the segment it ends: the name's offset. */
	EXPECT(B(1, 'a', 0, 1, 'b', 0xc0, 0), 3, 7, "b.a");
	EXPECT(B(1, 'a', 0, 0xc0, 0), 3, 5, "a");
	EXPECT(B(1, 'a', 0, 0xc0, 2), 3, 5, ".");
	/* To the name's own start, to itself, forward, to the next byte. */
	BAD(B(1, 'a', 0xc0, 0), 0);
	BAD(B(H, 0xc0, 12), 12);
	BAD(B(H, 1, 'a', 0xc0, 14), 12);
	BAD(B(H, 0xc0, 14, 0), 12);
	BAD(B(H, 0xc0, 15, 1, 'a', 0), 12);
	BAD(B(H, 1, 'a', 0xc0, 15, 0), 12);
	/* Each jump strictly before the last target: two pointers at each other. */
	BAD(B(H, 0xc0, 14, 0xc0, 12), 14);
	BAD(B(H, 0xc0, 14, 0xc0, 12), 12);
	/* A loop through labels: 14 -> 12 (a) -> 14 again. */
	BAD(B(H, 1, 'a', 0xc0, 14, 1, 'b', 0xc0, 12), 16);
	/* The target's labels then jump to the start of that same segment. */
	BAD(B(H, 1, 'a', 0xc0, 12, 1, 'b', 0xc0, 12), 16);
	/* Backwards every time: fine, however many. */
	EXPECT(B(H, 1, 'a', 0, 1, 'b', 0xc0, 12, 1, 'c', 0xc0, 15), 19, 23, "c.b.a");
	EXPECT(B(H, 1, 'z', 0, 0xc0, 12, 0xc0, 15, 0xc0, 17, 0xc0, 19), 21, 23, "z");
	/* Into the middle of a label, when the bytes there parse. */
	EXPECT(B(H, 3, 1, 'x', 0, 0xc0, 13), 16, 18, "x");
	/* ... but not from 12: 13 is after the segment's start. */
	BAD(B(H, 3, 1, 'x', 0, 0xc0, 13), 12);
	/* All 14 bits: 0xc1 0x00 is 256. */
	{
		unsigned char m[300];

		memset(m, 0, sizeof(m));
		m[256] = 1;
		m[257] = 'q';
		m[258] = 0;
		m[260] = 0xc1;
		m[261] = 0x00;
		EXPECT(m, sizeof(m), 260, 262, "q");
		m[261] = 0x02;	/* 258: the zero after "q" */
		EXPECT(m, sizeof(m), 260, 262, ".");
		m[261] = 0x01;	/* 257: the 'q' (0x71) taken as a length byte: type 0x40 */
		BAD(m, sizeof(m), 260);
		m[260] = 0xff;	/* 0x3f01: past the end */
		BAD(m, sizeof(m), 260);
	}
	/* A chain of pointers, each to the one before: 127 jumps, not 128. */
	{
		unsigned char m[12 + 3 + 2 * 128];
		unsigned int pos = 15, prev = 12, i;
		char out[KFL_DNS_NAME_MAX];

		memset(m, 0, 12);
		m[12] = 1;
		m[13] = 'z';
		m[14] = 0;
		for (i = 0; i < 128; i++) {
			m[pos] = 0xc0 | prev >> 8;
			m[pos + 1] = prev & 0xff;
			prev = pos;
			pos += 2;
		}
		/* The last pointer follows 128, the one before it 127. */
		assert_int_equal(name_at(m, pos, prev - 2, out), prev);
		assert_string_equal(out, "z");
		assert_int_equal(name_at(m, pos, prev, out), -EBADMSG);
	}
}

/*
 * The overlap: the target's labels run on over the pointer. The return is
 * still the end of the pointer at the name's offset (dnspython returns the
 * furthest byte read instead).
 */
static void test_pointer_overlap(void **state)
{
	(void)state;
	EXPECT(B(H, 5, 'a', 'b', 'c', 0xc0, 12, 0), 16, 18, "abc\\192\\012");
}

static void test_label_types(void **state)
{
	unsigned char m[3 + 200];
	char out[KFL_DNS_NAME_MAX];
	unsigned int t;

	(void)state;
	memset(m, 'a', sizeof(m));
	m[0] = 1;
	m[2] = 0;
	for (t = 1; t < 0xc0; t++) {
		m[3] = t;
		m[sizeof(m) - 1] = 0;
		m[3 + 1 + t] = 0;
		if (t < 64)
			assert_int_equal(name_at(m, sizeof(m), 3, out), 3 + 1 + t + 1);
		else
			assert_int_equal(name_at(m, sizeof(m), 3, out), -EBADMSG);
		m[3 + 1 + t] = 'a';
	}
	BAD(B(0x40, 0), 0);
	BAD(B(0x80, 0), 0);
	BAD(B(0xbf, 0), 0);
	BAD(B(1, 'a', 0x7f, 0), 0);
}

/* Labels (length bytes and bytes, no final zero) of @wire - 1 bytes of 'a'-'z'. */
static unsigned int fill_labels(unsigned char *m, unsigned int wire, unsigned int maxlab)
{
	unsigned int left = wire - 1, pos = 0, n, i;

	while (left) {
		n = left - 1 <= maxlab ? left - 1 : maxlab;
		if (left - 1 - n == 1)
			n += n > 1 ? -1 : 1;	/* leave no lone byte */
		m[pos] = n;
		for (i = 1; i <= n; i++)
			m[pos + i] = 'a' + (pos + i) % 26;
		pos += n + 1;
		left -= n + 1;
	}
	return pos;
}

static void test_max_length(void **state)
{
	unsigned char m[600], l[300];
	char out[KFL_DNS_NAME_MAX];
	unsigned int wire, maxlab, n, cut;

	(void)state;
	for (maxlab = 1; maxlab <= 63; maxlab += maxlab < 5 ? 1 : 29) {
		for (wire = 250; wire <= 258; wire++) {
			long want;

			/* Plain. */
			n = fill_labels(m, wire, maxlab);
			m[n] = 0;
			want = wire <= 255 ? (long)n + 1 : -EBADMSG;
			assert_int_equal(name_at(m, n + 1, 0, out), want);
			if (want > 0) {
				assert_int_equal(strlen(out), wire - 2);	/* LDH: wire - 2 */
				assert_true(strlen(out) + 1 <= 254);
			}
			/*
			 * The same, split by a pointer (pointers do not count):
			 * the suffix at 0, then at 300 the prefix and a pointer to 0.
			 */
			memset(m, 0, sizeof(m));
			n = fill_labels(l, wire, maxlab);
			for (cut = 0; cut < n / 2; cut += l[cut] + 1)
				;
			if (cut == n)
				cut = 0;
			memcpy(m, l + cut, n - cut);
			memcpy(m + 300, l, cut);
			m[300 + cut] = 0xc0;
			m[300 + cut + 1] = 0;
			want = wire <= 255 ? (long)(300 + cut + 2) : -EBADMSG;
			assert_int_equal(name_at(m, 300 + cut + 2, 300, out), want);
			if (want > 0)
				assert_int_equal(strlen(out), wire - 2);
		}
	}
}

/* The longest text: 4 labels of 63, 63, 63, 61 bytes that each need "\ddd". */
static void test_longest_text(void **state)
{
	unsigned char m[255];
	char out[KFL_DNS_NAME_MAX];
	unsigned int pos = 0, i, l;
	static const unsigned int lens[] = { 63, 63, 63, 61 };

	(void)state;
	for (l = 0; l < 4; l++) {
		m[pos++] = lens[l];
		for (i = 0; i < lens[l]; i++)
			m[pos++] = 0x80 + i;
	}
	m[pos++] = 0;
	assert_int_equal(pos, 255);
	assert_int_equal(name_at(m, pos, 0, out), 255);
	assert_int_equal(strlen(out), KFL_DNS_NAME_MAX - 1);
	/* One label longer is 256 bytes: malformed. */
	{
		unsigned char m2[256];

		memcpy(m2, m, 254);
		m2[192] = 62;	/* 4th label: 61 -> 62 bytes */
		m2[254] = 'x';
		m2[255] = 0;
		assert_int_equal(name_at(m2, sizeof(m2), 0, out), -EBADMSG);
	}
}

static void test_truncated(void **state)
{
	static const unsigned char m[] = {
		H, 3, 'w', 'w', 'w', 7, 'e', 'x', 'a', 'm', 'p', 'l', 'e', 3, 'c', 'o', 'm', 0,
		4, 'm', 'a', 'i', 'l', 0xc0, 16,
	};
	char out[KFL_DNS_NAME_MAX];
	unsigned int n;

	(void)state;
	for (n = 0; n < sizeof(m); n++) {
		if (n <= 12) {
			assert_int_equal(name_at(m, n, 12, out), -EBADMSG);
			continue;
		}
		assert_int_equal(name_at(m, n, 12, out), n >= 29 ? 29 : -EBADMSG);
		if (n >= 29)
			assert_int_equal(name_at(m, n, 29, out), n >= 36 ? 36 : -EBADMSG);
	}
	assert_int_equal(name_at(m, sizeof(m), 29, out), 36);
	assert_string_equal(out, "mail.example.com");
	BAD(B(0xc0), 0);
	BAD(B(1), 0);
	BAD(B(2, 'a'), 0);
	BAD(B(1, 'a'), 0);
}

static void test_offsets(void **state)
{
	char out[KFL_DNS_NAME_MAX];

	(void)state;
	assert_int_equal(name_at(B(1, 'a', 0), 3, out), -EBADMSG);
	assert_int_equal(name_at(B(1, 'a', 0), 4, out), -EBADMSG);
	assert_int_equal(name_at(B(1, 'a', 0), UINT_MAX, out), -EBADMSG);
	assert_int_equal(name_at(B(1, 'a', 0), 2, out), 3);
	assert_int_equal(name_at((const unsigned char *)"", 0, 0, out), -EBADMSG);
	assert_int_equal(name_at(B(0), 0, out), 1);
}

/* -E2BIG: the text cut to out_len - 1 bytes and a NUL; nothing written past. */
static void test_e2big(void **state)
{
	static const unsigned char m[] = { 3, 'W', 'w', 'w', 3, 'c', 'o', 'm', 0 };
	static const unsigned char e[] = { 2, 0xff, '.', 0 };	/* "\255\." */
	struct three t;
	char out[16];
	unsigned int n;

	(void)state;
	three_init(&t, m, sizeof(m));
	for (n = 1; n <= 12; n++) {
		long r = three_name(&t, 0, out, n);

		if (n >= 8) {
			assert_int_equal(r, 9);
			assert_string_equal(out, "www.com");
		} else {
			assert_int_equal(r, -E2BIG);
			assert_int_equal(strlen(out), n - 1);
			assert_memory_equal(out, "www.com", n - 1);
		}
	}
	three_free(&t);

	/* Cut inside an escape. */
	three_init(&t, e, sizeof(e));
	for (n = 1; n <= 8; n++) {
		long r = three_name(&t, 0, out, n);

		if (n >= 7) {
			assert_int_equal(r, 4);
			assert_string_equal(out, "\\255\\.");
		} else {
			assert_int_equal(r, -E2BIG);
			assert_memory_equal(out, "\\255\\.", n - 1);
			assert_int_equal(out[n - 1], 0);
		}
	}
	three_free(&t);

	/* The root needs 2 bytes. */
	three_init(&t, B(0));
	assert_int_equal(three_name(&t, 0, out, 1), -E2BIG);
	assert_string_equal(out, "");
	assert_int_equal(three_name(&t, 0, out, 2), 1);
	assert_string_equal(out, ".");
	three_free(&t);

	/* Malformed is checked before the size: -EBADMSG, even with out_len 1. */
	three_init(&t, B(3, 'a', 'b', 'c', 1, 'x', 0xc0, 4));
	assert_int_equal(three_name(&t, 0, out, 1), -EBADMSG);
	assert_int_equal(three_name(&t, 0, out, 2), -EBADMSG);
	three_free(&t);
	three_init(&t, B(3, 'a', 'b', 'c', 0x40));
	assert_int_equal(three_name(&t, 0, out, 1), -EBADMSG);
	three_free(&t);
}

/* -EINVAL: NULL arguments and out_len 0, before any byte is read. */
static void test_einval(void **state)
{
	static const unsigned char m[] = { 1, 'a', 0 };
	struct three t;
	char out[8];
	struct kfl_src none = { .len = 3 }, empty = { 0 };

	(void)state;
	three_init(&t, m, sizeof(m));
	memset(out, CANARY, sizeof(out));
	assert_int_equal(kfl_dns_name(NULL, 0, out, sizeof(out)), -EINVAL);
	assert_int_equal(kfl_dns_name(&t.fs, 0, NULL, sizeof(out)), -EINVAL);
	assert_int_equal(kfl_dns_name(&t.rs, 0, NULL, sizeof(out)), -EINVAL);
	assert_int_equal(kfl_dns_name(&t.fs, 0, out, 0), -EINVAL);
	assert_int_equal(kfl_dns_name(&t.rs, 0, out, 0), -EINVAL);
	assert_int_equal(kfl_dns_name(&t.rs, 99, out, 0), -EINVAL);
	assert_int_equal(kfl_dns_name(&t.fs, 0, NULL, 0), -EINVAL);
	assert_int_equal(out[0], CANARY);
	assert_int_equal(t.rc.calls, 0);
	/* Neither data nor read (as kfl_pb_find): -EINVAL when len is not 0. */
	assert_int_equal(kfl_dns_name(&none, 0, out, sizeof(out)), -EINVAL);
	assert_int_equal(kfl_dns_name(&empty, 0, out, sizeof(out)), -EBADMSG);
	three_free(&t);
}

/* The read callback: used even when data is set; its errors pass through. */
static void test_read_source(void **state)
{
	static const unsigned char m[] = {
		H, 3, 'f', 'o', 'o', 0, 1, 'a', 0xc0, 12, 2, 'b', 'b', 0xc0, 17,
	};
	static const unsigned char junk[sizeof(m)] = { 0 };
	char out[64];
	unsigned long calls, k;
	struct three t;

	(void)state;
	three_init(&t, m, sizeof(m));
	t.rs.data = junk;	/* ignored: read is set */
	assert_int_equal(three_name(&t, 21, out, sizeof(out)), 26);
	assert_string_equal(out, "bb.a.foo");
	/* Fail each call in turn: the error comes back as it is. */
	t.rc.calls = 0;
	assert_int_equal(kfl_dns_name(&t.rs, 21, out, sizeof(out)), 26);
	calls = t.rc.calls;
	assert_true(calls >= 3);	/* three segments, three windows at least */
	for (k = 1; k <= calls; k++) {
		t.rc.calls = 0;
		t.rc.fail_at = k;
		t.rc.err = -EIO;
		assert_int_equal(kfl_dns_name(&t.rs, 21, out, sizeof(out)), -EIO);
		t.rc.calls = 0;
		t.rc.err = -EFAULT;
		assert_int_equal(kfl_dns_name(&t.rs, 21, out, sizeof(out)), -EFAULT);
		/* A positive return is no errno: -EINVAL, as kfl_pb_find. */
		t.rc.calls = 0;
		t.rc.err = 1;
		assert_int_equal(kfl_dns_name(&t.rs, 21, out, sizeof(out)), -EINVAL);
	}
	/* The error, not the -E2BIG the name would give. */
	t.rc.calls = 0;
	t.rc.fail_at = 1;
	t.rc.err = -EIO;
	assert_int_equal(kfl_dns_name(&t.rs, 12, out, 1), -EIO);
	t.rc.fail_at = 0;
	assert_int_equal(t.rc.bad, 0);
	three_free(&t);
}

/* Random names, mutated: the three sources agree (three_name checks it). */
static void test_random_mutations(void **state)
{
	unsigned char m[700];
	char out[KFL_DNS_NAME_MAX];
	unsigned long counts[2] = { 0 };
	unsigned int i, j, n, off;

	(void)state;
	rng = 0xdeadbeefcafe1234ULL;
	for (i = 0; i < 3000; i++) {
		n = 1 + rndn(sizeof(m));
		for (j = 0; j < n; j++) {
			unsigned int k = rndn(8);

			m[j] = k < 3 ? 'a' + rndn(26) : k < 5 ? rndn(8) : k == 5 ? 0 :
			       k == 6 ? 0xc0 | rndn(3) : rnd();
		}
		for (j = 0; j < 8; j++) {
			long r;

			off = rndn(n + 1);
			r = name_at(m, n, off, out);
			counts[r > 0]++;
		}
	}
	print_message("# random bytes: %lu names, %lu malformed\n", counts[1], counts[0]);
}

/* ---- dnspython's vectors ---- */

static int unhex(const char *s, size_t n, unsigned char *out)
{
	size_t i;
	unsigned int v;

	if (n % 2)
		return -1;
	for (i = 0; i < n / 2; i++) {
		if (sscanf(s + 2 * i, "%2x", &v) != 1)
			return -1;
		out[i] = v;
	}
	return n / 2;
}

static void test_dnspython_vectors(void **state)
{
	FILE *f = fopen("dns_vectors.txt", "r");
	char *line = NULL, *text = NULL, *out = NULL;
	unsigned char *msg = NULL;
	size_t cap = 0, msg_len = 0;
	unsigned long vectors = 0, ok = 0, messages = 0, end = ~0UL, lineno = 0;
	struct three t;
	int have = 0;
	ssize_t n;

	(void)state;
	if (!f)
		fail_msg("dns_vectors.txt: %s (make dns_vectors.txt, run from tests/host)",
			 strerror(errno));
	text = malloc(KFL_DNS_NAME_MAX);
	assert_non_null(text);
	while ((n = getline(&line, &cap, f)) > 0) {
		unsigned int off;
		char ret[32], hex[2 * KFL_DNS_NAME_MAX + 2];
		long want, r;

		lineno++;
		if (line[n - 1] == '\n')
			line[--n] = 0;
		assert_true(end == ~0UL);	/* nothing after "end" */
		if (line[0] == '#')
			continue;
		if (!strncmp(line, "end ", 4)) {
			end = strtoul(line + 4, NULL, 10);
			continue;
		}
		if (line[0] == 'm' && line[1] == ' ') {
			if (have)
				three_free(&t);
			free(msg);
			msg = malloc((n - 2) / 2 + 1);
			assert_non_null(msg);
			if (unhex(line + 2, n - 2, msg) < 0)
				fail_msg("dns_vectors.txt:%lu: bad message", lineno);
			msg_len = (n - 2) / 2;
			three_init(&t, msg, msg_len);
			have = 1;
			messages++;
			continue;
		}
		if (line[0] != 'n' || !have ||
		    sscanf(line, "n %u %31s %2009s", &off, ret, hex) != 3)
			fail_msg("dns_vectors.txt:%lu: bad line", lineno);
		if (!strcmp(ret, "EBADMSG")) {
			want = -EBADMSG;
		} else {
			want = strtol(ret, NULL, 10);
			r = unhex(hex, strlen(hex), (unsigned char *)text);
			if (r < 1 || r >= KFL_DNS_NAME_MAX)
				fail_msg("dns_vectors.txt:%lu: bad text", lineno);
			text[r] = 0;
		}
		out = malloc(KFL_DNS_NAME_MAX);
		assert_non_null(out);
		r = three_name(&t, off, out, KFL_DNS_NAME_MAX);
		if (r != want)
			fail_msg("dns_vectors.txt:%lu: offset %u: %ld, dnspython %ld", lineno, off,
				 r, want);
		if (want > 0) {
			size_t tl = strlen(text);

			if (strcmp(out, text))
				fail_msg("dns_vectors.txt:%lu: offset %u: \"%s\", dnspython \"%s\"",
					 lineno, off, out, text);
			/* The exact size, and one byte less: -E2BIG with the cut text. */
			assert_int_equal(three_name(&t, off, out, tl + 1), want);
			assert_string_equal(out, text);
			assert_int_equal(three_name(&t, off, out, tl), -E2BIG);
			assert_memory_equal(out, text, tl - 1);
			ok++;
		}
		free(out);
		vectors++;
	}
	free(line);
	if (have)
		three_free(&t);
	free(msg);
	free(text);
	fclose(f);
	if (end == ~0UL)
		fail_msg("dns_vectors.txt: no \"end\" line (cut short?)");
	assert_int_equal(vectors, end);
	assert_true(vectors >= 1000);
	print_message("# dnspython vectors: %lu checked (%lu names, %lu malformed) in %lu messages\n",
		      vectors, ok, vectors - ok, messages);
}

/* ---- kfl_domain_match ---- */

static int dm(const char *name, const char *pat)
{
	size_t nl = strlen(name), pl = strlen(pat);
	char *n = (char *)dup(name, nl), *p = (char *)dup(pat, pl);
	int r;

	/* Exact size, no NUL: nothing is read past the lengths. */
	r = kfl_domain_match(n, nl, p, pl);
	free(n);
	free(p);
	/* The same with the NUL inside the length, and bytes after it. */
	{
		char *n2 = malloc(nl + 5), *p2 = malloc(pl + 5);

		assert_non_null(n2);
		assert_non_null(p2);
		memcpy(n2, name, nl + 1);
		memcpy(p2, pat, pl + 1);
		memcpy(n2 + nl + 1, "x.yz", 4);
		memcpy(p2 + pl + 1, ".com", 4);
		assert_int_equal(kfl_domain_match(n2, nl + 5, p2, pl + 5), r);
		free(n2);
		free(p2);
	}
	return r;
}

static void test_match_exact(void **state)
{
	(void)state;
	assert_int_equal(dm("example.com", "example.com"), 1);
	assert_int_equal(dm("a.example.com", "example.com"), 0);
	assert_int_equal(dm("example.com", "a.example.com"), 0);
	assert_int_equal(dm("example.org", "example.com"), 0);
	assert_int_equal(dm("example.co", "example.com"), 0);
	assert_int_equal(dm("example.comm", "example.com"), 0);
	assert_int_equal(dm("com", "com"), 1);
	assert_int_equal(dm("", "com"), 0);
	/* Case. */
	assert_int_equal(dm("ExAmPlE.CoM", "example.com"), 1);
	assert_int_equal(dm("example.com", "EXAMPLE.COM"), 1);
	/* Only letters fold: '@' (0x40) is not '`' (0x60), '[' is not '{'. */
	assert_int_equal(dm("a@b", "a`b"), 0);
	assert_int_equal(dm("a[b", "a{b"), 0);
	assert_int_equal(dm("\\193", "\\193"), 1);
	assert_int_equal(dm("\xc1", "\xe1"), 0);
	/* One final dot, either side. */
	assert_int_equal(dm("example.com.", "example.com"), 1);
	assert_int_equal(dm("example.com", "example.com."), 1);
	assert_int_equal(dm("example.com.", "example.com."), 1);
	assert_int_equal(dm("example.com..", "example.com"), 0);
	/* The root matches no pattern (no pattern is empty). */
	assert_int_equal(dm(".", "com"), 0);
	assert_int_equal(dm("", "com."), 0);
}

static void test_match_under(void **state)
{
	(void)state;
	assert_int_equal(dm("a.example.com", "*.example.com"), 1);
	assert_int_equal(dm("a.b.example.com", "*.example.com"), 1);
	assert_int_equal(dm("example.com", "*.example.com"), 0);
	assert_int_equal(dm("com", "*.example.com"), 0);
	assert_int_equal(dm("badexample.com", "*.example.com"), 0);
	assert_int_equal(dm("a.badexample.com", "*.example.com"), 0);
	assert_int_equal(dm("A.Example.COM.", "*.EXAMPLE.com."), 1);
	assert_int_equal(dm("a.example.com", "*.com"), 1);
	assert_int_equal(dm(".example.com", "*.example.com"), 0);	/* no label under */
	assert_int_equal(dm("x.example.com.", "*.example.com"), 1);
	/* Both. */
	assert_int_equal(dm("example.com", ".example.com"), 1);
	assert_int_equal(dm("a.example.com", ".example.com"), 1);
	assert_int_equal(dm("a.b.example.com", ".example.com."), 1);
	assert_int_equal(dm("badexample.com", ".example.com"), 0);
	assert_int_equal(dm("example.org", ".example.com"), 0);
	assert_int_equal(dm("EXAMPLE.COM.", ".example.com"), 1);
}

static void test_match_escapes(void **state)
{
	(void)state;
	/* "\." is a dot inside a label. */
	assert_int_equal(dm("a\\.example.com", "*.example.com"), 0);
	assert_int_equal(dm("a\\.example.com", ".example.com"), 0);
	assert_int_equal(dm("a\\.example.com", "*.com"), 1);
	assert_int_equal(dm("a\\.example.com", "a\\.example.com"), 1);
	assert_int_equal(dm("b.a\\.example.com", "*.a\\.example.com"), 1);
	/* "\\" is a backslash: the dot after it separates. */
	assert_int_equal(dm("a\\\\.example.com", "*.example.com"), 1);
	assert_int_equal(dm("a\\\\\\.example.com", "*.example.com"), 0);
	/* An escaped final dot is not a final dot. */
	assert_int_equal(dm("com\\.", "com"), 0);
	assert_int_equal(dm("com\\.", "com\\."), 1);
	assert_int_equal(dm("com\\\\.", "com\\\\"), 1);
	assert_int_equal(dm("a.com\\.", "*.com\\."), 1);
	assert_int_equal(dm("a.com\\.", "*.com"), 0);
	/* Decimal escapes are bytes like any other. */
	assert_int_equal(dm("a\\046example.com", "*.example.com"), 0);
	assert_int_equal(dm("\\000.example.com", "*.example.com"), 1);
}

static void test_match_einval(void **state)
{
	static const char *const bad[] = {
		"", ".", "*", "*.", "..", "*..", "...", "*.*", "**",
		"a..b", "a..com", "..com", "*..com", ".*.a", ".*", "*.*.com", "a.*", "a.*.com",
		"*a.com", "a*.com", "**.com", "*.a*", "x.com*", "a.com..", ".a..", "..a",
		"*.a..b", ".a..b", "a\\*", "*.\\*.com",
	};
	static const char *const good[] = {
		"a", "a.", ".a", ".a.", "*.a", "*.a.", "a.b", "a\\.b", "\\.", "\\..com",
		"a\\.", "-", "_.x", "\\", "a\\",
	};
	unsigned int i;

	(void)state;
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		if (dm("a.com", bad[i]) != -EINVAL)
			fail_msg("pattern \"%s\": %d, not -EINVAL", bad[i], dm("a.com", bad[i]));
		assert_int_equal(dm("", bad[i]), -EINVAL);
	}
	for (i = 0; i < sizeof(good) / sizeof(good[0]); i++)
		if (dm("a.com", good[i]) < 0)
			fail_msg("pattern \"%s\": %d", good[i], dm("a.com", good[i]));
	/* NULL: with length 0 an empty string, else -EINVAL. */
	assert_int_equal(kfl_domain_match(NULL, 0, "com", 3), 0);
	assert_int_equal(kfl_domain_match(NULL, 0, ".", 1), -EINVAL);
	assert_int_equal(kfl_domain_match("com", 3, NULL, 0), -EINVAL);
	assert_int_equal(kfl_domain_match(NULL, 1, "com", 3), -EINVAL);
	assert_int_equal(kfl_domain_match("com", 3, NULL, 3), -EINVAL);
	assert_int_equal(kfl_domain_match(NULL, 0, NULL, 0), -EINVAL);
	/* A NUL ends the strings: "com\0x" is "com". */
	assert_int_equal(kfl_domain_match("com\0x", 5, "com", 3), 1);
	assert_int_equal(kfl_domain_match("com", 3, "com\0.org", 8), 1);
	assert_int_equal(kfl_domain_match("a.com", 5, "*\0.com", 6), -EINVAL);
	assert_int_equal(kfl_domain_match("a.com", 5, "\0com", 4), -EINVAL);
	assert_int_equal(kfl_domain_match("\0a.com", 6, ".com", 4), 0);
	/* A length shorter than the string cuts it. */
	assert_int_equal(kfl_domain_match("a.comx", 5, "*.com", 5), 1);
	assert_int_equal(kfl_domain_match("a.com", 5, "*.comx", 5), 1);
}

/* Names decoded by kfl_dns_name, matched. */
static void test_match_decoded(void **state)
{
	static const unsigned char m[] = {
		1, 'A', 7, 'E', 'x', 'a', 'm', 'p', 'l', 'e', 3, 'c', 'o', 'm', 0,
		9, 'a', '.', 'e', 'x', 'a', 'm', 'p', 'l', 'e', 3, 'c', 'o', 'm', 0,
	};
	char out[KFL_DNS_NAME_MAX];

	(void)state;
	assert_int_equal(name_at(m, sizeof(m), 0, out), 15);
	assert_int_equal(kfl_domain_match(out, sizeof(out), "*.example.com", 13), 1);
	assert_int_equal(kfl_domain_match(out, sizeof(out), "a.example.com.", 14), 1);
	assert_int_equal(name_at(m, sizeof(m), 15, out), 30);
	assert_string_equal(out, "a\\.example.com");
	assert_int_equal(kfl_domain_match(out, sizeof(out), "*.example.com", 13), 0);
	assert_int_equal(kfl_domain_match(out, sizeof(out), "*.com", 5), 1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_basic),
		cmocka_unit_test(test_lower_case),
		cmocka_unit_test(test_escapes),
		cmocka_unit_test(test_root),
		cmocka_unit_test(test_return_offset),
		cmocka_unit_test(test_pointers),
		cmocka_unit_test(test_pointer_overlap),
		cmocka_unit_test(test_label_types),
		cmocka_unit_test(test_max_length),
		cmocka_unit_test(test_longest_text),
		cmocka_unit_test(test_truncated),
		cmocka_unit_test(test_offsets),
		cmocka_unit_test(test_e2big),
		cmocka_unit_test(test_einval),
		cmocka_unit_test(test_read_source),
		cmocka_unit_test(test_random_mutations),
		cmocka_unit_test(test_dnspython_vectors),
		cmocka_unit_test(test_match_exact),
		cmocka_unit_test(test_match_under),
		cmocka_unit_test(test_match_escapes),
		cmocka_unit_test(test_match_einval),
		cmocka_unit_test(test_match_decoded),
	};

	cmocka_set_message_output(CM_OUTPUT_TAP);
	return cmocka_run_group_tests_name("dns", tests, NULL, NULL);
}
