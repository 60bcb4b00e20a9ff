// SPDX-License-Identifier: GPL-2.0
/*
 * Tests of src/lib/pb.c (kfl_pb_find, kfl_pb_copy) under ASan/UBSan.
 *
 * Every lookup runs twice, on exact-size heap copies of the message (ASan
 * catches a read one byte too far): once from flat memory (src->data) and
 * once through a read callback (src->read) that records any request for no
 * byte, for a byte at or past the message's length, or for more than 10
 * bytes at once; the two must agree exactly. Messages are built by the
 * independent encoder in pb_encode.h, or are literal bytes, some made by
 * Debian's python3-protobuf (see test_python_vectors).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "../../src/lib/kfl.h"
#include "pb_encode.h"

#define MAXF 0x1fffffffU	/* the largest field number, 2^29 - 1 */
#define U64MAX 0xffffffffffffffffULL

/* A literal message: B(0x08, 0x01) is a pointer and a size. */
#define B(...) (const unsigned char[]){ __VA_ARGS__ }, \
	sizeof((const unsigned char[]){ __VA_ARGS__ })

/* An exact-size heap copy: one byte too far is caught by ASan. */
static unsigned char *dup(const void *p, size_t n)
{
	unsigned char *d = malloc(n ? n : 1);

	assert_non_null(d);
	if (n)
		memcpy(d, p, n);
	return d;
}

/* The read callback's view of a message, and what it saw. */
struct rctx {
	const unsigned char *buf;
	unsigned int len;
	unsigned int max_n;	/* the largest request allowed */
	unsigned long calls;
	unsigned long fail_at;	/* fail this call (1-based) with err; 0: never */
	int err;
	int bad;		/* requests out of range or too large */
};

static int rd(const void *ctx, unsigned int off, void *buf, unsigned int n)
{
	struct rctx *c = (struct rctx *)ctx;

	c->calls++;
	if (n == 0 || off >= c->len || n > c->len - off || n > c->max_n) {
		c->bad++;
		return -EFAULT;
	}
	if (c->fail_at && c->calls == c->fail_at)
		return c->err;
	memcpy(buf, c->buf + off, n);
	return 0;
}

/* One message, as flat memory and behind the read callback. */
struct two {
	unsigned char *flat, *copy;
	unsigned int len;
	struct rctx rc;
	struct kfl_src fs, rs;
};

static void two_init(struct two *t, const void *p, size_t n)
{
	memset(t, 0, sizeof(*t));
	t->flat = dup(p, n);
	t->copy = dup(p, n);
	t->len = n;
	t->rc.buf = t->copy;
	t->rc.len = n;
	t->rc.max_n = 10;
	t->fs.data = t->flat;
	t->fs.len = n;
	t->rs.len = n;
	t->rs.read = rd;
	t->rs.ctx = &t->rc;
}

static void two_free(struct two *t)
{
	free(t->flat);
	free(t->copy);
}

/* kfl_pb_copy of a found LEN payload through both sources. */
static void check_copy(struct two *t, const struct kfl_pb_field *f)
{
	unsigned char *a = malloc(f->len ? f->len : 1), *b = malloc(f->len ? f->len : 1);

	assert_non_null(a);
	assert_non_null(b);
	assert_int_equal(kfl_pb_copy(&t->fs, f->off, a, f->len), 0);
	t->rc.max_n = ~0U;
	assert_int_equal(kfl_pb_copy(&t->rs, f->off, b, f->len), 0);
	t->rc.max_n = 10;
	assert_int_equal(t->rc.bad, 0);
	assert_memory_equal(a, t->flat + f->off, f->len);
	assert_memory_equal(b, t->flat + f->off, f->len);
	free(a);
	free(b);
}

/*
 * kfl_pb_find through both sources: they must agree, a found field must
 * lie inside the message, and *f is left alone on an error.
 */
static int two_find(struct two *t, const unsigned int *path, unsigned int depth,
		    struct kfl_pb_field *f)
{
	struct kfl_pb_field a, b;
	int ra, rb;

	memset(&a, 0xa5, sizeof(a));
	memset(&b, 0xa5, sizeof(b));
	ra = kfl_pb_find(&t->fs, path, depth, &a);
	rb = kfl_pb_find(&t->rs, path, depth, &b);
	assert_int_equal(t->rc.bad, 0);
	assert_int_equal(ra, rb);
	if (ra == 0) {
		assert_int_equal(a.wire_type, b.wire_type);
		assert_true(a.value == b.value);
		assert_int_equal(a.off, b.off);
		assert_int_equal(a.len, b.len);
		assert_true(a.off <= t->len && a.len <= t->len - a.off);
		switch (a.wire_type) {
		case KFL_PB_VARINT:
			assert_true(a.len >= 1 && a.len <= 10);
			break;
		case KFL_PB_I64:
			assert_int_equal(a.len, 8);
			break;
		case KFL_PB_I32:
			assert_int_equal(a.len, 4);
			assert_true(a.value <= 0xffffffffULL);
			break;
		case KFL_PB_LEN:
			assert_true(a.value == 0);
			check_copy(t, &a);
			break;
		default:
			fail_msg("wire type %u", a.wire_type);
		}
	} else {
		struct kfl_pb_field untouched;

		memset(&untouched, 0xa5, sizeof(untouched));
		assert_memory_equal(&a, &untouched, sizeof(a));
	}
	if (f)
		*f = a;
	return ra;
}

static int findp(const void *p, size_t n, const unsigned int *path, unsigned int depth,
		 struct kfl_pb_field *f)
{
	struct two t;
	int r;

	two_init(&t, p, n);
	r = two_find(&t, path, depth, f);
	two_free(&t);
	return r;
}

static int findr(const void *p, size_t n, unsigned int field, struct kfl_pb_field *f)
{
	return findp(p, n, &field, 1, f);
}

static int findb(const struct pbe *b, unsigned int field, struct kfl_pb_field *f)
{
	return findr(b->p, b->n, field, f);
}

/* Assert a found field: wire type, value, offset and length. */
#define assert_field(f, wt, v, o, l) do { \
	assert_int_equal((f).wire_type, (wt)); \
	assert_true((f).value == (unsigned long long)(v)); \
	assert_int_equal((f).off, (o)); \
	assert_int_equal((f).len, (l)); \
} while (0)

static void test_wire_types(void **state)
{
	struct kfl_pb_field f;
	struct pbe b;

	(void)state;
	pbe_init(&b);
	/* The spec's example: field 1 = 150 is 08 96 01. */
	pbe_uint(&b, 1, 150);
	assert_int_equal(b.n, 3);
	assert_memory_equal(b.p, "\x08\x96\x01", 3);
	assert_int_equal(findb(&b, 1, &f), 0);
	assert_field(f, KFL_PB_VARINT, 150, 1, 2);

	pbe_fixed64(&b, 2, 0x0123456789abcdefULL);	/* at 3: tag, 8 bytes */
	pbe_fixed32(&b, 3, 0xdeadbeef);			/* at 12: tag, 4 bytes */
	pbe_str(&b, 4, "hello");			/* at 17: tag, len, 5 */
	pbe_fixed64(&b, 5, U64MAX);
	pbe_fixed32(&b, 6, 0x80000000);
	assert_int_equal(b.n, 38);
	assert_memory_equal(b.p + 3, "\x11\xef\xcd\xab\x89\x67\x45\x23\x01", 9);
	assert_memory_equal(b.p + 12, "\x1d\xef\xbe\xad\xde", 5);
	assert_memory_equal(b.p + 17, "\x22\x05hello", 7);
	assert_int_equal(findb(&b, 1, &f), 0);
	assert_field(f, KFL_PB_VARINT, 150, 1, 2);
	assert_int_equal(findb(&b, 2, &f), 0);
	assert_field(f, KFL_PB_I64, 0x0123456789abcdefULL, 4, 8);
	assert_int_equal(findb(&b, 3, &f), 0);
	assert_field(f, KFL_PB_I32, 0xdeadbeef, 13, 4);
	assert_int_equal(findb(&b, 4, &f), 0);
	assert_field(f, KFL_PB_LEN, 0, 19, 5);
	assert_int_equal(findb(&b, 5, &f), 0);
	assert_field(f, KFL_PB_I64, U64MAX, 25, 8);
	assert_int_equal(findb(&b, 6, &f), 0);
	assert_field(f, KFL_PB_I32, 0x80000000, 34, 4);
	pbe_free(&b);
}

static void test_varint_values(void **state)
{
	static const uint64_t v[] = {
		0, 1, 127, 128, 255, 300, 16383, 16384, 0xffffffffULL,
		0x100000000ULL, 0x7fffffffffffffffULL, 0x8000000000000000ULL, U64MAX,
	};
	struct kfl_pb_field f;
	struct pbe b;
	unsigned int i;

	(void)state;
	for (i = 0; i < sizeof(v) / sizeof(v[0]); i++) {
		pbe_init(&b);
		pbe_str(&b, 1, "x");
		pbe_uint(&b, 2, v[i]);
		assert_int_equal(findb(&b, 2, &f), 0);
		assert_field(f, KFL_PB_VARINT, v[i], 4, pbe_varint_size(v[i]));
		assert_int_equal(f.off + f.len, b.n);
		pbe_free(&b);
	}
	/* The encodings themselves, from the spec. */
	assert_int_equal(findr(B(0x08, 0x00), 1, &f), 0);
	assert_field(f, KFL_PB_VARINT, 0, 1, 1);
	assert_int_equal(findr(B(0x08, 0x7f), 1, &f), 0);
	assert_field(f, KFL_PB_VARINT, 127, 1, 1);
	assert_int_equal(findr(B(0x08, 0x80, 0x01), 1, &f), 0);
	assert_field(f, KFL_PB_VARINT, 128, 1, 2);
	assert_int_equal(findr(B(0x08, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80,
				 0x80, 0x01), 1, &f), 0);
	assert_field(f, KFL_PB_VARINT, 0x8000000000000000ULL, 1, 10);
	assert_int_equal(findr(B(0x08, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
				 0xff, 0x01), 1, &f), 0);
	assert_field(f, KFL_PB_VARINT, U64MAX, 1, 10);
	/* Non-minimal forms are accepted: 0x80 0x00 is 0, ten bytes of zero too. */
	assert_int_equal(findr(B(0x08, 0x80, 0x00), 1, &f), 0);
	assert_field(f, KFL_PB_VARINT, 0, 1, 2);
	assert_int_equal(findr(B(0x08, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80,
				 0x80, 0x00), 1, &f), 0);
	assert_field(f, KFL_PB_VARINT, 0, 1, 10);
	assert_int_equal(findr(B(0x08, 0x81, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80,
				 0x80, 0x00), 1, &f), 0);
	assert_field(f, KFL_PB_VARINT, 1, 1, 10);
}

static void test_first_occurrence(void **state)
{
	static const unsigned int p12[] = { 1, 2 }, p13[] = { 1, 3 };
	struct kfl_pb_field f;
	struct pbe b, s1, s2;

	(void)state;
	pbe_init(&b);
	pbe_uint(&b, 7, 1);
	pbe_uint(&b, 8, 5);
	pbe_uint(&b, 7, 2);
	pbe_str(&b, 7, "later");
	assert_int_equal(findb(&b, 7, &f), 0);
	assert_field(f, KFL_PB_VARINT, 1, 1, 1);
	pbe_free(&b);

	/* The first occurrence wins whatever the wire types. */
	pbe_init(&b);
	pbe_str(&b, 7, "ab");
	pbe_uint(&b, 7, 2);
	pbe_fixed32(&b, 7, 3);
	assert_int_equal(findb(&b, 7, &f), 0);
	assert_field(f, KFL_PB_LEN, 0, 2, 2);
	pbe_free(&b);

	pbe_init(&b);
	pbe_fixed64(&b, 7, 9);
	pbe_str(&b, 7, "ab");
	assert_int_equal(findb(&b, 7, &f), 0);
	assert_field(f, KFL_PB_I64, 9, 1, 8);
	pbe_free(&b);

	/*
	 * A path goes through the first occurrence only: repeated submessages
	 * are not merged, unlike a protobuf parser would for a message field.
	 */
	pbe_init(&b);
	pbe_init(&s1);
	pbe_init(&s2);
	pbe_uint(&s1, 2, 10);
	pbe_uint(&s2, 2, 20);
	pbe_uint(&s2, 3, 30);
	pbe_msg(&b, 1, &s1);
	pbe_msg(&b, 1, &s2);
	assert_int_equal(findp(b.p, b.n, p12, 2, &f), 0);
	assert_field(f, KFL_PB_VARINT, 10, 3, 1);
	assert_int_equal(findp(b.p, b.n, p13, 2, &f), -ENOENT);
	pbe_free(&b);
	pbe_free(&s1);
	pbe_free(&s2);
}

static void test_absent(void **state)
{
	struct kfl_pb_field f;
	struct pbe b;

	(void)state;
	pbe_init(&b);
	pbe_uint(&b, 1, 1);
	pbe_fixed64(&b, 2, 2);
	pbe_str(&b, 3, "three");
	pbe_fixed32(&b, 5, 5);
	assert_int_equal(findb(&b, 4, &f), -ENOENT);
	assert_int_equal(findb(&b, 6, &f), -ENOENT);
	assert_int_equal(findb(&b, 16, &f), -ENOENT);	/* 1 and 16 differ in the tag only */
	assert_int_equal(findb(&b, MAXF, &f), -ENOENT);
	assert_int_equal(findr(B(0x0a, 0x02, 0x08, 0x01), 1, &f), 0);
	/* A field inside a submessage is not a field of the outer message. */
	assert_int_equal(findr(B(0x0a, 0x02, 0x10, 0x01), 2, &f), -ENOENT);
	pbe_free(&b);
}

static void test_len_zero_and_end(void **state)
{
	struct kfl_pb_field f;
	struct pbe b;

	(void)state;
	pbe_init(&b);
	pbe_str(&b, 1, "");
	pbe_uint(&b, 2, 300);
	pbe_str(&b, 3, "");
	pbe_str(&b, 4, "end");
	pbe_str(&b, 5, "");
	assert_int_equal(findb(&b, 1, &f), 0);
	assert_field(f, KFL_PB_LEN, 0, 2, 0);
	assert_int_equal(findb(&b, 3, &f), 0);
	assert_field(f, KFL_PB_LEN, 0, 7, 0);
	assert_int_equal(findb(&b, 4, &f), 0);
	assert_field(f, KFL_PB_LEN, 0, 9, 3);
	/* An empty payload at the very end: its offset is the message length. */
	assert_int_equal(findb(&b, 5, &f), 0);
	assert_field(f, KFL_PB_LEN, 0, b.n, 0);
	pbe_free(&b);

	/* Each wire type as the last field, ending at the last byte. */
	assert_int_equal(findr(B(0x08, 0x01, 0x10, 0xff, 0x7f), 2, &f), 0);
	assert_field(f, KFL_PB_VARINT, 0x3fff, 3, 2);
	assert_int_equal(findr(B(0x08, 0x01, 0x11, 1, 2, 3, 4, 5, 6, 7, 8), 2, &f), 0);
	assert_field(f, KFL_PB_I64, 0x0807060504030201ULL, 3, 8);
	assert_int_equal(findr(B(0x08, 0x01, 0x15, 1, 2, 3, 4), 2, &f), 0);
	assert_field(f, KFL_PB_I32, 0x04030201, 3, 4);
	assert_int_equal(findr(B(0x08, 0x01, 0x12, 0x02, 'h', 'i'), 2, &f), 0);
	assert_field(f, KFL_PB_LEN, 0, 4, 2);
}

static void test_max_field(void **state)
{
	static const unsigned int deep[] = { MAXF, MAXF, MAXF };
	struct kfl_pb_field f;
	struct pbe b, s, s2;

	(void)state;
	/* Field 2^29 - 1, varint: the tag is f8 ff ff ff 0f. */
	assert_int_equal(findr(B(0xf8, 0xff, 0xff, 0xff, 0x0f, 0x2a), MAXF, &f), 0);
	assert_field(f, KFL_PB_VARINT, 42, 5, 1);

	pbe_init(&b);
	pbe_fixed64(&b, MAXF - 1, 1);
	pbe_fixed32(&b, MAXF, 2);
	pbe_uint(&b, MAXF, 3);
	assert_int_equal(findb(&b, MAXF, &f), 0);
	assert_field(f, KFL_PB_I32, 2, 18, 4);
	assert_int_equal(findb(&b, MAXF - 1, &f), 0);
	assert_field(f, KFL_PB_I64, 1, 5, 8);
	pbe_free(&b);

	pbe_init(&b);
	pbe_init(&s);
	pbe_init(&s2);
	pbe_str(&s2, MAXF, "top");
	pbe_msg(&s, MAXF, &s2);
	pbe_msg(&b, MAXF, &s);
	assert_int_equal(findp(b.p, b.n, deep, 3, &f), 0);
	assert_field(f, KFL_PB_LEN, 0, b.n - 3, 3);
	pbe_free(&b);
	pbe_free(&s);
	pbe_free(&s2);
}

/* Messages of 0, 1 and 2 bytes, all of them. */
static void test_tiny_messages(void **state)
{
	static const unsigned int p1 = 1;
	struct kfl_src src = { 0 };
	struct kfl_pb_field f;
	unsigned int b0, b1;
	unsigned char m[2];
	int want, w1, w2;

	(void)state;
	/* Empty: nothing to find, even with no buffer at all. */
	assert_int_equal(findr("", 0, 1, &f), -ENOENT);
	assert_int_equal(findr("", 0, MAXF, &f), -ENOENT);
	assert_int_equal(kfl_pb_find(&src, &p1, 1, &f), -ENOENT);
	src.read = rd;		/* never called: ctx is NULL */
	assert_int_equal(kfl_pb_find(&src, &p1, 1, &f), -ENOENT);

	/* No single byte is a whole field. */
	for (b0 = 0; b0 < 256; b0++) {
		m[0] = b0;
		assert_int_equal(findr(m, 1, 1, &f), -EBADMSG);
		assert_int_equal(findr(m, 1, (b0 & 0x7f) >> 3 ? (b0 & 0x7f) >> 3 : 1, &f),
				 -EBADMSG);
	}

	/* Two bytes: field 1 and field 2 looked up in each of the 65536. */
	for (b0 = 0; b0 < 256; b0++) {
		for (b1 = 0; b1 < 256; b1++) {
			unsigned int num = b0 >> 3, wt = b0 & 7;

			m[0] = b0;
			m[1] = b1;
			/* A one-byte tag, then a one-byte varint or an empty LEN. */
			if (b0 >= 0x80 || num == 0)
				want = -EBADMSG;
			else if (wt == 0 && b1 < 0x80)
				want = 0;
			else if (wt == 2 && b1 == 0)
				want = 0;
			else
				want = -EBADMSG;
			w1 = want == 0 && num != 1 ? -ENOENT : want;
			w2 = want == 0 && num != 2 ? -ENOENT : want;
			assert_int_equal(findr(m, 2, 1, &f), w1);
			if (w1 == 0)
				assert_field(f, wt, wt ? 0 : b1, wt ? 2 : 1, wt ? 0 : 1);
			assert_int_equal(findr(m, 2, 2, &f), w2);
		}
	}
}

static void test_malformed(void **state)
{
	struct kfl_pb_field f;
	struct pbe b;
	unsigned int wt;

	(void)state;
	/* A truncated varint value at the end, a truncated tag. */
	assert_int_equal(findr(B(0x08), 1, &f), -EBADMSG);
	assert_int_equal(findr(B(0x08, 0x80), 1, &f), -EBADMSG);
	assert_int_equal(findr(B(0x08, 0xff, 0xff, 0xff), 1, &f), -EBADMSG);
	assert_int_equal(findr(B(0x10, 0x01, 0x08, 0xff, 0xff, 0xff), 1, &f), -EBADMSG);
	assert_int_equal(findr(B(0x08, 0x80), 2, &f), -EBADMSG);
	assert_int_equal(findr(B(0x08, 0x01, 0x80), 2, &f), -EBADMSG);
	assert_int_equal(findr(B(0x08, 0x01, 0x80), 1, &f), 0);	/* found before */
	assert_int_equal(findr(B(0x08, 0x01, 0xf8, 0xff, 0xff, 0xff), 2, &f), -EBADMSG);

	/* 11 bytes; a 10th byte over 1 (over 64 bits, or continued). */
	assert_int_equal(findr(B(0x08, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
				 0xff, 0xff, 0x01), 1, &f), -EBADMSG);
	assert_int_equal(findr(B(0x08, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80,
				 0x80, 0x80, 0x00), 1, &f), -EBADMSG);
	assert_int_equal(findr(B(0x08, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
				 0xff, 0x02), 1, &f), -EBADMSG);
	assert_int_equal(findr(B(0x08, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80,
				 0x80, 0x7f), 1, &f), -EBADMSG);
	assert_int_equal(findr(B(0x08, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80,
				 0x80, 0x81, 0x00), 1, &f), -EBADMSG);
	/* ... also when the field is not the one looked for. */
	assert_int_equal(findr(B(0x08, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
				 0xff, 0x02, 0x10, 0x01), 2, &f), -EBADMSG);

	/* Tags: 10 bytes (non-minimal) is fine, 11 are not. */
	assert_int_equal(findr(B(0x88, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80,
				 0x00, 0x05), 1, &f), 0);
	assert_field(f, KFL_PB_VARINT, 5, 10, 1);
	assert_int_equal(findr(B(0x88, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80,
				 0x80, 0x00, 0x05), 1, &f), -EBADMSG);
	/* A field number over 2^29 - 1 (a tag of 2^32 or more). */
	pbe_init(&b);
	pbe_tag(&b, MAXF + 1ULL, 0);
	pbe_varint(&b, 1);
	assert_int_equal(findb(&b, 1, &f), -EBADMSG);
	assert_int_equal(findb(&b, MAXF, &f), -EBADMSG);
	pbe_free(&b);
	pbe_init(&b);
	pbe_varint(&b, U64MAX - 7);	/* field 2^61 - 1, varint */
	pbe_varint(&b, 1);
	assert_int_equal(findb(&b, 1, &f), -EBADMSG);
	pbe_free(&b);

	/* A length past the end, by one and by 2^32 (which wraps to fit). */
	assert_int_equal(findr(B(0x0a, 0x03, 'a', 'b'), 1, &f), -EBADMSG);
	assert_int_equal(findr(B(0x0a, 0x03, 'a', 'b'), 2, &f), -EBADMSG);
	assert_int_equal(findr(B(0x0a, 0x01), 1, &f), -EBADMSG);
	assert_int_equal(findr(B(0x0a), 1, &f), -EBADMSG);
	pbe_init(&b);
	pbe_tag(&b, 1, PBE_LEN);
	pbe_varint(&b, 0x100000001ULL);	/* 2^32 + 1, one byte left */
	pbe_byte(&b, 'x');
	assert_int_equal(findb(&b, 1, &f), -EBADMSG);
	assert_int_equal(findb(&b, 2, &f), -EBADMSG);
	pbe_free(&b);
	pbe_init(&b);
	pbe_tag(&b, 1, PBE_LEN);
	pbe_varint(&b, 0x100000000ULL);	/* 2^32, nothing left */
	assert_int_equal(findb(&b, 1, &f), -EBADMSG);
	pbe_free(&b);
	pbe_init(&b);
	pbe_tag(&b, 1, PBE_LEN);
	pbe_varint(&b, U64MAX);
	pbe_raw(&b, "abcdefgh", 8);
	assert_int_equal(findb(&b, 1, &f), -EBADMSG);
	pbe_free(&b);
	pbe_init(&b);
	pbe_tag(&b, 1, PBE_LEN);
	pbe_varint(&b, 0xffffffffULL);
	pbe_raw(&b, "abcdefgh", 8);
	assert_int_equal(findb(&b, 1, &f), -EBADMSG);
	pbe_free(&b);

	/* Fixed fields cut short. */
	assert_int_equal(findr(B(0x09, 1, 2, 3, 4, 5, 6, 7), 1, &f), -EBADMSG);
	assert_int_equal(findr(B(0x09, 1, 2, 3, 4, 5, 6, 7), 2, &f), -EBADMSG);
	assert_int_equal(findr(B(0x0d, 1, 2, 3), 1, &f), -EBADMSG);
	assert_int_equal(findr(B(0x0d, 1, 2, 3), 2, &f), -EBADMSG);
	assert_int_equal(findr(B(0x0d), 1, &f), -EBADMSG);

	/* Groups (3, 4) and wire types 6 and 7, looked up or skipped over. */
	for (wt = 3; wt < 8; wt++) {
		if (wt == 5)
			continue;
		pbe_init(&b);
		pbe_uint(&b, 1, 1);
		pbe_tag(&b, 2, wt);
		pbe_uint(&b, 3, 3);
		pbe_tag(&b, 2, PBE_EGROUP);
		pbe_uint(&b, 4, 4);
		assert_int_equal(findb(&b, 1, &f), 0);
		assert_int_equal(findb(&b, 2, &f), -EBADMSG);
		assert_int_equal(findb(&b, 3, &f), -EBADMSG);
		assert_int_equal(findb(&b, 4, &f), -EBADMSG);
		assert_int_equal(findb(&b, 5, &f), -EBADMSG);
		pbe_free(&b);
	}

	/* Field number 0, with each wire type. */
	for (wt = 0; wt < 8; wt++) {
		pbe_init(&b);
		pbe_tag(&b, 0, wt);
		pbe_raw(&b, "\x01\x02\x03\x04\x05\x06\x07\x08", 8);
		pbe_uint(&b, 1, 1);
		assert_int_equal(findb(&b, 1, &f), -EBADMSG);
		pbe_free(&b);
	}
	/* Field 0 with a non-minimal tag is still field 0. */
	assert_int_equal(findr(B(0x80, 0x00, 0x01, 0x08, 0x01), 1, &f), -EBADMSG);
}

/* Only the bytes before the field found are checked. */
static void test_only_before_checked(void **state)
{
	static const unsigned int p12[] = { 1, 2 };
	struct kfl_pb_field f;

	(void)state;
	assert_int_equal(findr(B(0x08, 0x05, 0xff), 1, &f), 0);
	assert_int_equal(findr(B(0x08, 0x05, 0x0f, 0x00, 0x07), 1, &f), 0);
	assert_int_equal(findr(B(0x08, 0x05, 0x0a, 0x7f), 1, &f), 0);
	assert_int_equal(findr(B(0x08, 0x05, 0x0a, 0x7f), 2, &f), -EBADMSG);
	/* A LEN payload is not decoded unless the path goes into it. */
	assert_int_equal(findr(B(0x0a, 0x02, 0x07, 0xff, 0x10, 0x01), 2, &f), 0);
	assert_field(f, KFL_PB_VARINT, 1, 5, 1);
	assert_int_equal(findp(B(0x0a, 0x02, 0x07, 0xff, 0x10, 0x01), p12, 2, &f), -EBADMSG);
	/* ... and only up to the field found inside it. */
	assert_int_equal(findp(B(0x0a, 0x03, 0x10, 0x01, 0x07), p12, 2, &f), 0);
	assert_field(f, KFL_PB_VARINT, 1, 3, 1);
}

/* A submessage's length must fit in its parent, not just in the message. */
static void test_nested_past_parent(void **state)
{
	static const unsigned int p12[] = { 1, 2 }, p17[] = { 1, 7 }, p14[] = { 1, 4 };
	static const unsigned int p123[] = { 1, 2, 3 };
	/* field 1 = { field 2 (length 5, only 1 byte inside) }, field 3 = 4 bytes */
	static const unsigned char m[] = {
		0x0a, 0x03, 0x12, 0x05, 'a', 0x1a, 0x04, 'b', 'c', 'd', 'e',
	};
	/* 1 = { 2 = { 3 = (length 4: fits in 1, not in 2) }, 4 = 1, 4 = 1 } */
	static const unsigned char m2[] = {
		0x0a, 0x09, 0x12, 0x03, 0x1a, 0x04, 0x08, 0x20, 0x01, 0x20, 0x01,
	};
	struct kfl_pb_field f;

	(void)state;
	assert_int_equal(findr(m, sizeof(m), 3, &f), 0);
	assert_field(f, KFL_PB_LEN, 0, 7, 4);
	assert_int_equal(findp(m, sizeof(m), p12, 2, &f), -EBADMSG);
	assert_int_equal(findp(m, sizeof(m), p17, 2, &f), -EBADMSG);
	assert_int_equal(findp(m2, sizeof(m2), p12, 2, &f), 0);
	assert_field(f, KFL_PB_LEN, 0, 4, 3);
	assert_int_equal(findp(m2, sizeof(m2), p14, 2, &f), 0);
	assert_field(f, KFL_PB_VARINT, 1, 8, 1);
	assert_int_equal(findp(m2, sizeof(m2), p123, 3, &f), -EBADMSG);
	/* A fixed field and a varint crossing the parent's end. */
	assert_int_equal(findp(B(0x0a, 0x03, 0x15, 1, 2, 3, 4, 5), p12, 2, &f), -EBADMSG);
	assert_int_equal(findp(B(0x0a, 0x02, 0x10, 0x81, 0x01), p12, 2, &f), -EBADMSG);
	assert_int_equal(findp(B(0x0a, 0x01, 0x90, 0x01, 0x01), p12, 2, &f), -EBADMSG);
}

/*
 * A chain of 8 levels: level k (1..8) holds decoys, field 100 = k, a copy
 * of its level number as a string in field 1, and level k + 1 as field
 * k + 1. Path { 2, 3, .., D, 100 } has depth D and finds D.
 */
static void build_chain(struct pbe *top)
{
	struct pbe lv[9];
	char name[8];
	int k;

	for (k = 8; k >= 1; k--) {
		pbe_init(&lv[k]);
		pbe_uint(&lv[k], 9999, k);
		pbe_fixed32(&lv[k], 50, k);
		if (k < 8)
			pbe_fixed64(&lv[k], k + 2, k);	/* field k + 2, not a LEN */
		name[0] = 'L';
		name[1] = '0' + k;
		name[2] = 0;
		pbe_str(&lv[k], 1, name);
		if (k < 8) {
			pbe_msg(&lv[k], k + 1, &lv[k + 1]);
			pbe_free(&lv[k + 1]);
		}
		pbe_uint(&lv[k], 100, k);
	}
	*top = lv[1];
}

static void test_paths(void **state)
{
	unsigned int path[9], d, i;
	struct kfl_pb_field f;
	struct pbe b;
	char name[3];

	(void)state;
	build_chain(&b);
	for (d = 1; d <= 8; d++) {
		for (i = 0; i + 1 < d; i++)
			path[i] = i + 2;
		path[d - 1] = 100;
		assert_int_equal(findp(b.p, b.n, path, d, &f), 0);
		assert_int_equal(f.wire_type, KFL_PB_VARINT);
		assert_int_equal(f.value, d);
		assert_int_equal(f.off + f.len <= b.n, 1);
		path[d - 1] = 1;	/* the level's name, through kfl_pb_copy */
		assert_int_equal(findp(b.p, b.n, path, d, &f), 0);
		assert_int_equal(f.wire_type, KFL_PB_LEN);
		assert_int_equal(f.len, 2);
		name[0] = 'L';
		name[1] = '0' + d;
		assert_memory_equal(b.p + f.off, name, 2);
		path[d - 1] = 50;
		assert_int_equal(findp(b.p, b.n, path, d, &f), 0);
		assert_field(f, KFL_PB_I32, d, f.off, 4);
		path[d - 1] = 77;	/* absent at that level */
		assert_int_equal(findp(b.p, b.n, path, d, &f), -ENOENT);
	}
	pbe_free(&b);
}

static void test_path_errors(void **state)
{
	static const unsigned int p0[] = { 0 }, p0l[] = { 2, 3, 0 }, p0m[] = { 2, 0, 100 };
	static const unsigned int big[] = { 2, MAXF + 1 }, huge[] = { 0xffffffffU };
	static const unsigned int all[9] = { 2, 3, 4, 5, 6, 7, 8, 100, 100 };
	unsigned int path[8];
	struct kfl_pb_field f;
	struct pbe b;

	(void)state;
	build_chain(&b);
	/* A field before the last that is not a LEN. */
	path[0] = 100;
	path[1] = 1;
	assert_int_equal(findp(b.p, b.n, path, 2, &f), -ENOMSG);
	path[0] = 50;		/* I32 */
	assert_int_equal(findp(b.p, b.n, path, 2, &f), -ENOMSG);
	path[0] = 3;		/* I64 */
	assert_int_equal(findp(b.p, b.n, path, 2, &f), -ENOMSG);
	path[0] = 2;
	path[1] = 3;
	path[2] = 100;
	path[3] = 1;
	assert_int_equal(findp(b.p, b.n, path, 4, &f), -ENOMSG);
	path[2] = 5;		/* I64 at level 3 */
	assert_int_equal(findp(b.p, b.n, path, 4, &f), -ENOMSG);
	/* ... but the last may be anything. */
	assert_int_equal(findp(b.p, b.n, path, 3, &f), 0);
	assert_int_equal(f.wire_type, KFL_PB_I64);
	/* An absent field in the middle. */
	path[0] = 2;
	path[1] = 77;
	path[2] = 100;
	assert_int_equal(findp(b.p, b.n, path, 3, &f), -ENOENT);
	path[0] = 77;
	assert_int_equal(findp(b.p, b.n, path, 3, &f), -ENOENT);
	/* The path's own shape. */
	assert_int_equal(findp(b.p, b.n, all, 0, &f), -EINVAL);
	assert_int_equal(findp(b.p, b.n, all, 9, &f), -EINVAL);
	assert_int_equal(findp(b.p, b.n, all, 8, &f), 0);
	assert_int_equal(f.value, 8);
	assert_int_equal(findp(b.p, b.n, p0, 1, &f), -EINVAL);
	assert_int_equal(findp(b.p, b.n, p0l, 3, &f), -EINVAL);
	assert_int_equal(findp(b.p, b.n, p0m, 3, &f), -EINVAL);
	assert_int_equal(findp(b.p, b.n, big, 2, &f), -EINVAL);
	assert_int_equal(findp(b.p, b.n, huge, 1, &f), -EINVAL);
	/* The path is checked before any byte: even of an empty message. */
	assert_int_equal(findp("", 0, big, 2, &f), -EINVAL);
	assert_int_equal(findp(B(0x07), big, 2, &f), -EINVAL);
	assert_int_equal(findp(B(0x07), all, 9, &f), -EINVAL);
	assert_int_equal(findp(B(0x07), all, 0, &f), -EINVAL);
	pbe_free(&b);

	/* Into a LEN that is empty, or not a message. */
	path[0] = 1;
	path[1] = 1;
	assert_int_equal(findp(B(0x0a, 0x00), path, 2, &f), -ENOENT);
	assert_int_equal(findp(B(0x0a, 0x01, 0x07), path, 2, &f), -EBADMSG);
	assert_int_equal(findp(B(0x0a, 0x01, 0x08), path, 2, &f), -EBADMSG);
	assert_int_equal(findp(B(0x0a, 0x02, 0x08, 0x01, 0x08, 0x02), path, 2, &f), 0);
	assert_field(f, KFL_PB_VARINT, 1, 3, 1);
}

static void test_nonminimal(void **state)
{
	static const unsigned int p12[] = { 1, 2 };
	struct kfl_pb_field f;
	struct pbe b, s;
	unsigned int pad;

	(void)state;
	for (pad = 0; pad < 10; pad++) {
		pbe_init(&b);
		pbe_init(&s);
		pbe_varint_pad(&s, 2 << 3 | PBE_VARINT, pad);
		pbe_varint_pad(&s, 1234, pad);
		pbe_varint_pad(&b, 1 << 3 | PBE_LEN, pad);
		pbe_varint_pad(&b, s.n, pad);
		pbe_raw(&b, s.p, s.n);
		pbe_varint_pad(&b, 3 << 3 | PBE_I32, pad);
		pbe_le(&b, 77, 4);
		assert_int_equal(findb(&b, 3, &f), 0);
		assert_field(f, KFL_PB_I32, 77, b.n - 4, 4);
		assert_int_equal(findb(&b, 1, &f), 0);
		assert_int_equal(f.len, s.n);
		assert_int_equal(findp(b.p, b.n, p12, 2, &f), 0);
		assert_int_equal(f.value, 1234);
		assert_int_equal(f.len, pad + 2 > 10 ? 10 : pad + 2);
		pbe_free(&b);
		pbe_free(&s);
	}
}

static void test_read_source(void **state)
{
	static const unsigned int p1 = 1, p2 = 2, p3 = 3, p21[] = { 2, 1 };
	struct kfl_pb_field f, g;
	struct kfl_src src;
	unsigned long calls, k;
	unsigned char *junk;
	struct pbe b, s;
	char big[100];
	struct two t;
	int i;

	(void)state;
	memset(big, 'z', sizeof(big));
	pbe_init(&b);
	pbe_init(&s);
	pbe_bytes(&b, 1, big, sizeof(big));
	for (i = 0; i < 20; i++)
		pbe_uint(&s, 5, i);
	pbe_uint(&s, 1, 555);
	pbe_msg(&b, 2, &s);
	pbe_fixed64(&b, 3, 3);

	/* Every failing call makes the lookup fail with its error. */
	two_init(&t, b.p, b.n);
	assert_int_equal(two_find(&t, p21, 2, &f), 0);
	assert_int_equal(f.value, 555);
	t.rc.calls = 0;
	assert_int_equal(kfl_pb_find(&t.rs, p21, 2, &g), 0);
	calls = t.rc.calls;
	/* A read fetches a few fields at once: fewer calls than fields. */
	assert_true(calls >= 2 && calls <= 12);
	for (k = 1; k <= calls; k++) {
		t.rc.calls = 0;
		t.rc.fail_at = k;
		t.rc.err = -EIO;
		assert_int_equal(kfl_pb_find(&t.rs, p21, 2, &g), -EIO);
		t.rc.calls = 0;
		t.rc.err = 1;	/* not an errno: still an error */
		assert_int_equal(kfl_pb_find(&t.rs, p21, 2, &g), -EINVAL);
	}
	t.rc.fail_at = 0;
	two_free(&t);

	/* A fixed field after a 10-byte tag takes its own read, which fails. */
	pbe_free(&s);
	pbe_init(&s);
	pbe_varint_pad(&s, 1 << 3 | PBE_I32, 9);
	pbe_le(&s, 0x11223344, 4);
	two_init(&t, s.p, s.n);
	assert_int_equal(two_find(&t, &p1, 1, &g), 0);
	assert_field(g, KFL_PB_I32, 0x11223344, 10, 4);
	t.rc.calls = 0;
	t.rc.fail_at = 2;
	t.rc.err = -EIO;
	assert_int_equal(kfl_pb_find(&t.rs, &p1, 1, &g), -EIO);
	assert_int_equal(t.rc.calls, 2);
	t.rc.fail_at = 0;
	two_free(&t);
	two_init(&t, b.p, b.n);

	/* A skipped LEN payload is never fetched. */
	t.rc.calls = 0;
	assert_int_equal(kfl_pb_find(&t.rs, &p3, 1, &g), 0);
	assert_int_equal(g.value, 3);
	assert_true(t.rc.calls <= 3);

	/* With both set, @read is used (data points to junk here). */
	junk = malloc(b.n);
	assert_non_null(junk);
	memset(junk, 0x07, b.n);
	src = t.rs;
	src.data = junk;
	assert_int_equal(kfl_pb_find(&src, p21, 2, &g), 0);
	assert_true(g.wire_type == f.wire_type && g.value == f.value);
	assert_true(g.off == f.off && g.len == f.len);
	src.read = NULL;
	assert_int_equal(kfl_pb_find(&src, p21, 2, &g), -EBADMSG);
	/* Neither set. */
	src.data = NULL;
	assert_int_equal(kfl_pb_find(&src, &p1, 1, &g), -EINVAL);
	assert_int_equal(kfl_pb_copy(&src, 0, junk, 1), -EINVAL);
	src.len = 0;
	assert_int_equal(kfl_pb_find(&src, &p1, 1, &g), -ENOENT);
	/* NULL arguments. */
	assert_int_equal(kfl_pb_find(NULL, &p1, 1, &g), -EINVAL);
	assert_int_equal(kfl_pb_find(&t.fs, NULL, 1, &g), -EINVAL);
	assert_int_equal(kfl_pb_find(&t.fs, &p1, 1, NULL), -EINVAL);
	assert_int_equal(kfl_pb_find(&t.fs, &p2, 1, &g), 0);
	assert_int_equal(t.rc.bad, 0);
	free(junk);
	two_free(&t);
	pbe_free(&b);
	pbe_free(&s);
}

static void test_copy(void **state)
{
	static const char msg[] = "\x0a\x05hello\x10\x01";
	unsigned char out[16];
	struct two t;
	int i;

	(void)state;
	two_init(&t, msg, 9);
	t.rc.max_n = ~0U;
	for (i = 0; i < 2; i++) {
		const struct kfl_src *s = i ? &t.rs : &t.fs;

		memset(out, 0, sizeof(out));
		t.rc.calls = 0;
		assert_int_equal(kfl_pb_copy(s, 2, out, 5), 0);
		assert_memory_equal(out, "hello", 5);
		assert_int_equal(t.rc.calls, i ? 1 : 0);	/* one read for all */
		assert_int_equal(kfl_pb_copy(s, 0, out, 9), 0);
		assert_memory_equal(out, msg, 9);
		assert_int_equal(kfl_pb_copy(s, 8, out, 1), 0);
		assert_int_equal(out[0], 0x01);
		assert_int_equal(kfl_pb_copy(s, 9, out, 0), 0);
		assert_int_equal(kfl_pb_copy(s, 9, NULL, 0), 0);
		assert_int_equal(kfl_pb_copy(s, 0, NULL, 0), 0);
		t.rc.calls = 0;
		assert_int_equal(kfl_pb_copy(s, 0, out, 10), -EINVAL);
		assert_int_equal(kfl_pb_copy(s, 8, out, 2), -EINVAL);
		assert_int_equal(kfl_pb_copy(s, 9, out, 1), -EINVAL);
		assert_int_equal(kfl_pb_copy(s, 10, out, 0), -EINVAL);
		assert_int_equal(kfl_pb_copy(s, 0xffffffffU, out, 2), -EINVAL);
		assert_int_equal(kfl_pb_copy(s, 2, out, 0xffffffffU), -EINVAL);
		assert_int_equal(kfl_pb_copy(s, 0, NULL, 1), -EINVAL);
		assert_int_equal(t.rc.calls, 0);
	}
	t.rc.fail_at = 1;
	t.rc.err = -EFAULT;
	t.rc.calls = 0;
	assert_int_equal(kfl_pb_copy(&t.rs, 2, out, 5), -EFAULT);
	assert_int_equal(kfl_pb_copy(NULL, 0, out, 0), -EINVAL);
	assert_int_equal(t.rc.bad, 0);
	two_free(&t);
}

/*
 * Messages serialised by Debian bookworm's python3-protobuf 3.21.12, with:
 *
 *   // kt.proto
 *   syntax = "proto3";
 *   package kt;
 *   message Inner { int32 a = 1; string s = 2; Inner child = 3; }
 *   message Outer {
 *     int32 i32 = 1; int64 i64 = 2; uint64 u64 = 3; sint32 s32 = 4;
 *     bool b = 5; fixed32 f32 = 6; fixed64 f64 = 7; sfixed32 sf32 = 8;
 *     double d = 9; float fl = 10; string str = 11; bytes by = 12;
 *     Inner inner = 13; repeated int32 packed = 14; repeated string rs = 15;
 *     uint32 big = 536870911;
 *   }
 *
 *   // kg.proto
 *   syntax = "proto2";
 *   package kg;
 *   message WithGroup {
 *     optional int32 before = 1;
 *     optional group G = 2 { optional int32 x = 3; }
 *     optional int32 after = 4;
 *   }
 *
 *   $ protoc --python_out=. kt.proto kg.proto
 *   $ /usr/bin/python3
 *   import kt_pb2 as kt, kg_pb2 as kg
 *   o = kt.Outer(i32=-1, i64=-(2**63), u64=2**64-1, s32=-2, b=True,
 *                f32=0xdeadbeef, f64=0x0123456789abcdef, sf32=-2, d=1.5,
 *                fl=-0.25, str="hello", by=b"\x00\xff", packed=[1, 300, 70000],
 *                rs=["a", "b"], big=42)
 *   o.inner.a = 150; o.inner.s = "x"; o.inner.child.a = 7
 *   outer = o.SerializeToString(); inner = o.inner.SerializeToString()
 *   deep = kt.Inner(); m = deep
 *   for i in range(7): m = m.child
 *   m.a = 99; m.s = "deep"
 *   deep = deep.SerializeToString()
 *   empty = kt.Outer().SerializeToString()                  # b""
 *   merged = (kt.Outer(i32=1, str="first").SerializeToString() +
 *             kt.Outer(i32=2, str="second").SerializeToString())
 *   kt.Outer.FromString(merged).i32                         # 2: the last
 *   g = kg.WithGroup(before=5, after=6); g.g.x = 9
 *   group = g.SerializeToString()
 */
static const unsigned char py_outer[] = {
	0x08, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01, 0x10,
	0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x01, 0x18, 0xff,
	0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01, 0x20, 0x03, 0x28,
	0x01, 0x35, 0xef, 0xbe, 0xad, 0xde, 0x39, 0xef, 0xcd, 0xab, 0x89, 0x67,
	0x45, 0x23, 0x01, 0x45, 0xfe, 0xff, 0xff, 0xff, 0x49, 0x00, 0x00, 0x00,
	0x00, 0x00, 0x00, 0xf8, 0x3f, 0x55, 0x00, 0x00, 0x80, 0xbe, 0x5a, 0x05,
	0x68, 0x65, 0x6c, 0x6c, 0x6f, 0x62, 0x02, 0x00, 0xff, 0x6a, 0x0a, 0x08,
	0x96, 0x01, 0x12, 0x01, 0x78, 0x1a, 0x02, 0x08, 0x07, 0x72, 0x06, 0x01,
	0xac, 0x02, 0xf0, 0xa2, 0x04, 0x7a, 0x01, 0x61, 0x7a, 0x01, 0x62, 0xf8,
	0xff, 0xff, 0xff, 0x0f, 0x2a,
};

static const unsigned char py_inner[] = {
	0x08, 0x96, 0x01, 0x12, 0x01, 0x78, 0x1a, 0x02, 0x08, 0x07,
};

static const unsigned char py_deep[] = {
	0x1a, 0x14, 0x1a, 0x12, 0x1a, 0x10, 0x1a, 0x0e, 0x1a, 0x0c, 0x1a, 0x0a,
	0x1a, 0x08, 0x08, 0x63, 0x12, 0x04, 0x64, 0x65, 0x65, 0x70,
};

static const unsigned char py_merged[] = {
	0x08, 0x01, 0x5a, 0x05, 0x66, 0x69, 0x72, 0x73, 0x74, 0x08, 0x02, 0x5a,
	0x06, 0x73, 0x65, 0x63, 0x6f, 0x6e, 0x64,
};

static const unsigned char py_group[] = {
	0x08, 0x05, 0x13, 0x18, 0x09, 0x14, 0x20, 0x06,
};

static void expect_bytes(const unsigned char *m, size_t n, const unsigned int *path,
			 unsigned int depth, const void *want, unsigned int want_len)
{
	struct kfl_pb_field f;

	assert_int_equal(findp(m, n, path, depth, &f), 0);
	assert_int_equal(f.wire_type, KFL_PB_LEN);
	assert_int_equal(f.len, want_len);
	assert_memory_equal(m + f.off, want, want_len);
}

static void expect_num(const unsigned char *m, size_t n, const unsigned int *path,
		       unsigned int depth, unsigned int wt, unsigned long long v)
{
	struct kfl_pb_field f;

	assert_int_equal(findp(m, n, path, depth, &f), 0);
	assert_int_equal(f.wire_type, wt);
	assert_true(f.value == v);
}

#define P(...) (const unsigned int[]){ __VA_ARGS__ }, \
	sizeof((const unsigned int[]){ __VA_ARGS__ }) / sizeof(unsigned int)

static void test_python_vectors(void **state)
{
	const unsigned char *o = py_outer;
	size_t on = sizeof(py_outer);
	struct kfl_pb_field f;

	(void)state;
	/* Negative int32 and int64 are 10-byte varints, sign extended. */
	expect_num(o, on, P(1), KFL_PB_VARINT, U64MAX);
	expect_num(o, on, P(2), KFL_PB_VARINT, 0x8000000000000000ULL);
	expect_num(o, on, P(3), KFL_PB_VARINT, U64MAX);
	expect_num(o, on, P(4), KFL_PB_VARINT, 3);	/* zigzag(-2), not decoded */
	expect_num(o, on, P(5), KFL_PB_VARINT, 1);
	expect_num(o, on, P(6), KFL_PB_I32, 0xdeadbeef);
	expect_num(o, on, P(7), KFL_PB_I64, 0x0123456789abcdefULL);
	expect_num(o, on, P(8), KFL_PB_I32, 0xfffffffe);	/* raw bits */
	expect_num(o, on, P(9), KFL_PB_I64, 0x3ff8000000000000ULL);	/* 1.5 */
	expect_num(o, on, P(10), KFL_PB_I32, 0xbe800000);	/* -0.25f */
	expect_bytes(o, on, P(11), "hello", 5);
	expect_bytes(o, on, P(12), "\x00\xff", 2);
	expect_bytes(o, on, P(13), py_inner, sizeof(py_inner));
	expect_num(o, on, P(13, 1), KFL_PB_VARINT, 150);
	expect_bytes(o, on, P(13, 2), "x", 1);
	expect_bytes(o, on, P(13, 3), "\x08\x07", 2);
	expect_num(o, on, P(13, 3, 1), KFL_PB_VARINT, 7);
	assert_int_equal(findp(o, on, P(13, 3, 3), &f), -ENOENT);
	assert_int_equal(findp(o, on, P(13, 1, 1), &f), -ENOMSG);
	/* A packed repeated field is one LEN; it does not decode as a message. */
	expect_bytes(o, on, P(14), "\x01\xac\x02\xf0\xa2\x04", 6);
	assert_int_equal(findp(o, on, P(14, 1), &f), -EBADMSG);
	expect_bytes(o, on, P(15), "a", 1);	/* the first of a repeated field */
	expect_num(o, on, P(536870911), KFL_PB_VARINT, 42);
	assert_int_equal(findp(o, on, P(16), &f), -ENOENT);
	assert_int_equal(findp(o, on, P(536870910), &f), -ENOENT);

	expect_num(py_deep, sizeof(py_deep), P(3, 3, 3, 3, 3, 3, 3, 1), KFL_PB_VARINT, 99);
	expect_bytes(py_deep, sizeof(py_deep), P(3, 3, 3, 3, 3, 3, 3, 2), "deep", 4);
	assert_int_equal(findp(py_deep, sizeof(py_deep), P(3, 3, 3, 3, 3, 3, 3, 3), &f),
			 -ENOENT);
	assert_int_equal(findp(py_deep, sizeof(py_deep), P(3, 3, 3, 3, 3, 3, 3, 3, 1), &f),
			 -EINVAL);

	assert_int_equal(findr("", 0, 1, &f), -ENOENT);	/* empty */
	/* Concatenated messages: kfl returns the first, a parser keeps the last. */
	expect_num(py_merged, sizeof(py_merged), P(1), KFL_PB_VARINT, 1);
	expect_bytes(py_merged, sizeof(py_merged), P(11), "first", 5);
	/* proto2 groups are refused where they must be decoded. */
	expect_num(py_group, sizeof(py_group), P(1), KFL_PB_VARINT, 5);
	assert_int_equal(findp(py_group, sizeof(py_group), P(2), &f), -EBADMSG);
	assert_int_equal(findp(py_group, sizeof(py_group), P(4), &f), -EBADMSG);
}

/*
 * Random messages. Each records, for every field number it may use, the
 * first occurrence (and for a LEN, what its payload is: a submessage with
 * its own record, or bytes that are malformed from their first tag), and
 * the offsets where its fields end.
 */
static const unsigned int fnums[] = {
	1, 2, 3, 4, 5, 6, 7, 15, 16, 2047, 2048, 262143, 262144, MAXF,
};
#define NF (sizeof(fnums) / sizeof(fnums[0]))
#define MAXFIELDS 12
#define MAXNEST 7

struct rmsg;

struct rfield {
	int present;
	unsigned int wt;
	uint64_t value;
	unsigned int off, len;	/* of the value, in its message */
	unsigned int end;	/* of the whole field, in its message */
	int bad;		/* LEN: malformed as a message */
	struct rmsg *sub;	/* LEN: the submessage, when not bad */
};

struct rmsg {
	struct rfield first[NF];
	unsigned int nb;
	unsigned int bounds[MAXFIELDS + 1];	/* field boundaries */
};

static uint64_t rng = 0x9e3779b97f4a7c15ULL;

static uint64_t rnd(void)
{
	rng ^= rng >> 12;
	rng ^= rng << 25;
	rng ^= rng >> 27;
	return rng * 0x2545f4914f6cdd1dULL;
}

static unsigned int rndn(unsigned int n)
{
	return rnd() % n;
}

/* A value with a random number of significant bits, 0 to 64. */
static uint64_t rnd_value(void)
{
	unsigned int bits = rndn(65);

	return bits == 64 ? rnd() : rnd() & ((1ULL << bits) - 1);
}

static unsigned int rnd_pad(void)
{
	return rndn(8) ? 0 : rndn(10);
}

static void rmsg_free(struct rmsg *m)
{
	unsigned int i;

	if (!m)
		return;
	for (i = 0; i < NF; i++)
		rmsg_free(m->first[i].sub);
	free(m);
}

/* First bytes that make any lookup inside fail: field 0, groups, 6, 7. */
static const unsigned char bad_first[] = {
	0x00, 0x01, 0x02, 0x03, 0x05, 0x07, 0x0b, 0x0c, 0x0e, 0x0f, 0x13, 0x7f,
};

static struct rmsg *gen(struct pbe *b, unsigned int nest)
{
	static const unsigned int wts[] = { PBE_VARINT, PBE_I64, PBE_LEN, PBE_I32 };
	struct rmsg *m = calloc(1, sizeof(*m));
	unsigned int nf = rndn(nest ? 7 : MAXFIELDS + 1), i, idx, k;

	assert_non_null(m);
	m->bounds[m->nb++] = b->n;
	for (i = 0; i < nf; i++) {
		struct rfield rf = { .present = 1 };
		struct pbe sb;

		idx = rndn(4) ? rndn(7) : rndn(NF);
		rf.wt = rndn(5) < 2 ? PBE_LEN : wts[rndn(4)];
		pbe_varint_pad(b, (uint64_t)fnums[idx] << 3 | rf.wt, rnd_pad());
		switch (rf.wt) {
		case PBE_VARINT:
			rf.value = rnd_value();
			rf.off = b->n;
			pbe_varint_pad(b, rf.value, rnd_pad());
			break;
		case PBE_I64:
		case PBE_I32:
			rf.value = rnd();
			if (rf.wt == PBE_I32)
				rf.value &= 0xffffffff;
			rf.off = b->n;
			pbe_le(b, rf.value, rf.wt == PBE_I64 ? 8 : 4);
			break;
		default:
			pbe_init(&sb);
			if (rndn(4) == 0) {
				rf.bad = 1;
				pbe_byte(&sb, bad_first[rndn(sizeof(bad_first))]);
				for (k = rndn(8); k > 0; k--)
					pbe_byte(&sb, rnd());
			} else if (nest < MAXNEST && rndn(4)) {
				rf.sub = gen(&sb, nest + 1);
			} else {
				rf.sub = calloc(1, sizeof(*rf.sub));	/* empty */
				assert_non_null(rf.sub);
			}
			pbe_varint_pad(b, sb.n, rnd_pad());
			rf.off = b->n;
			pbe_raw(b, sb.p, sb.n);
			pbe_free(&sb);
			rf.value = 0;
			break;
		}
		rf.len = b->n - rf.off;
		rf.end = b->n;
		if (!m->first[idx].present)
			m->first[idx] = rf;
		else
			rmsg_free(rf.sub);
		m->bounds[m->nb++] = b->n;
	}
	return m;
}

static int fidx(unsigned int num)
{
	unsigned int i;

	for (i = 0; i < NF; i++)
		if (fnums[i] == num)
			return i;
	return -1;
}

/* What kfl_pb_find must answer, from the record. */
static int expect(const struct rmsg *m, const unsigned int *path, unsigned int depth,
		  struct kfl_pb_field *ef)
{
	unsigned int base = 0, i;

	for (i = 0; i < depth; i++) {
		int idx = fidx(path[i]);
		const struct rfield *rf;

		if (idx < 0 || !m->first[idx].present)
			return -ENOENT;
		rf = &m->first[idx];
		if (i + 1 == depth) {
			ef->wire_type = rf->wt;
			ef->value = rf->value;
			ef->off = base + rf->off;
			ef->len = rf->len;
			return 0;
		}
		if (rf->wt != PBE_LEN)
			return -ENOMSG;
		if (rf->bad)
			return -EBADMSG;
		base += rf->off;
		m = rf->sub;
	}
	return -EINVAL;
}

/*
 * A random path of 1 to 8 fields, mostly along fields that exist: into
 * LEN fields while it is to go deeper, and sometimes anywhere.
 */
static unsigned int rnd_path(const struct rmsg *m, unsigned int *path)
{
	unsigned int target = 1 + rndn(KFL_PB_MAX_DEPTH), depth, k, j, n, ns, ng;
	unsigned int have[NF], subs[NF], good[NF];

	for (depth = 0; depth < target; depth++) {
		n = 0;
		ns = 0;
		ng = 0;
		for (k = 0; m && k < NF; k++) {
			if (!m->first[k].present)
				continue;
			have[n++] = k;
			if (m->first[k].wt == PBE_LEN)
				subs[ns++] = k;
			for (j = 0; m->first[k].sub && j < NF; j++)
				if (m->first[k].sub->first[j].present)
					break;
			if (m->first[k].sub && j < NF)
				good[ng++] = k;	/* a submessage with fields */
		}
		if (depth + 1 < target && ng && rndn(12)) {
			k = good[rndn(ng)];
		} else if (depth + 1 < target && ns && rndn(2)) {
			k = subs[rndn(ns)];
		} else if (n && rndn(6)) {
			k = have[rndn(n)];
		} else if (rndn(8)) {
			k = rndn(NF);
		} else {
			path[depth] = 8 + rndn(7);	/* never used */
			m = NULL;
			continue;
		}
		path[depth] = fnums[k];
		m = m && m->first[k].present ? m->first[k].sub : NULL;
	}
	return depth;
}

static void check_query(struct two *t, const struct rmsg *m, const unsigned int *path,
			unsigned int depth)
{
	struct kfl_pb_field f, ef;
	int r, er;

	er = expect(m, path, depth, &ef);
	r = two_find(t, path, depth, &f);
	assert_int_equal(r, er);
	if (!r) {
		assert_int_equal(f.wire_type, ef.wire_type);
		assert_true(f.value == ef.value);
		assert_int_equal(f.off, ef.off);
		assert_int_equal(f.len, ef.len);
	}
}

#define RANDOM_MESSAGES 100000

static void test_random(void **state)
{
	unsigned int path[8], depth, i, q;
	unsigned long counts[4] = { 0 }, deep = 0, depths[KFL_PB_MAX_DEPTH + 1] = { 0 };
	struct kfl_pb_field ef;
	struct rmsg *m;
	struct two t;
	struct pbe b;
	int er;

	(void)state;
	rng = 0x9e3779b97f4a7c15ULL;
	for (i = 0; i < RANDOM_MESSAGES; i++) {
		pbe_init(&b);
		m = gen(&b, 0);
		two_init(&t, b.p, b.n);
		for (q = 0; q < NF + 6; q++) {
			if (q < NF) {
				path[0] = fnums[q];
				depth = 1;
			} else {
				depth = rnd_path(m, path);
			}
			check_query(&t, m, path, depth);
			er = expect(m, path, depth, &ef);
			counts[er == 0 ? 0 : er == -ENOENT ? 1 : er == -ENOMSG ? 2 : 3]++;
			deep += er == 0 && depth > 1;
			depths[er == 0 ? depth : 0]++;
		}
		two_free(&t);
		rmsg_free(m);
		pbe_free(&b);
	}
	print_message("# %u random messages, %lu lookups (x2 sources): %lu found",
		      RANDOM_MESSAGES, (unsigned long)RANDOM_MESSAGES * (NF + 6), counts[0]);
	print_message(" (%lu below the top), %lu ENOENT, %lu ENOMSG, %lu EBADMSG\n",
		      deep, counts[1], counts[2], counts[3]);
	print_message("# found at depth 1..8:");
	for (i = 1; i <= KFL_PB_MAX_DEPTH; i++)
		print_message(" %lu", depths[i]);
	print_message("\n");
	/* Every outcome must be well represented, deep hits included. */
	assert_true(deep > RANDOM_MESSAGES / 2 && depths[4] > RANDOM_MESSAGES / 50 && depths[8] > 0);
	assert_true(counts[1] > RANDOM_MESSAGES && counts[2] > RANDOM_MESSAGES / 10);
	assert_true(counts[3] > RANDOM_MESSAGES / 10);
}

/*
 * Valid messages cut short: a lookup whose first path field ends before the
 * cut answers as on the whole message; any other answers -ENOENT when the
 * cut falls between two fields and -EBADMSG when it falls inside one.
 */
#define TRUNC_MESSAGES 40000

static void test_truncations(void **state)
{
	unsigned int path[8], depth, i, j, q, cut, k;
	unsigned long checks = 0;
	struct rmsg *m;
	struct pbe b;

	(void)state;
	rng = 0x0123456789abcdefULL;
	for (i = 0; i < TRUNC_MESSAGES; i++) {
		pbe_init(&b);
		m = gen(&b, 0);
		for (j = 0; j < 3 && b.n; j++) {
			struct two t;

			cut = rndn(b.n);
			two_init(&t, b.p, cut);
			for (q = 0; q < NF + 4; q++) {
				struct kfl_pb_field f, ef;
				int idx, at_bound = 0, r, er;

				if (q < NF) {
					path[0] = fnums[q];
					depth = 1;
				} else {
					depth = rnd_path(m, path);
				}
				idx = fidx(path[0]);
				if (idx >= 0 && m->first[idx].present && m->first[idx].end <= cut) {
					er = expect(m, path, depth, &ef);
				} else {
					for (k = 0; k < m->nb; k++)
						at_bound |= m->bounds[k] == cut;
					er = at_bound ? -ENOENT : -EBADMSG;
				}
				r = two_find(&t, path, depth, &f);
				assert_int_equal(r, er);
				if (!r) {
					assert_int_equal(f.off, ef.off);
					assert_int_equal(f.len, ef.len);
					assert_true(f.value == ef.value);
				}
				checks++;
			}
			two_free(&t);
		}
		rmsg_free(m);
		pbe_free(&b);
	}
	print_message("# %u messages, 3 cuts each, %lu lookups (x2 sources)\n",
		      TRUNC_MESSAGES, checks);
}

/* Valid messages with a few random bytes changed, added or removed. */
#define MUTATED_MESSAGES 50000

static void test_mutations(void **state)
{
	unsigned int path[8], depth, i, j, q, pos;
	unsigned long counts[4] = { 0 };
	struct rmsg *m;
	struct pbe b;

	(void)state;
	rng = 0xfeedfacecafef00dULL;
	for (i = 0; i < MUTATED_MESSAGES; i++) {
		struct two t;

		pbe_init(&b);
		m = gen(&b, 0);
		for (j = 1 + rndn(3); j > 0 && b.n; j--) {
			pos = rndn(b.n);
			switch (rndn(3)) {
			case 0:
				b.p[pos] = rnd();
				break;
			case 1:
				b.p[pos] ^= 1 << rndn(8);
				break;
			default:
				memmove(b.p + pos, b.p + pos + 1, b.n - pos - 1);
				b.n--;
				break;
			}
		}
		two_init(&t, b.p, b.n);
		for (q = 0; q < NF + 4; q++) {
			int r;

			if (q < NF) {
				path[0] = fnums[q];
				depth = 1;
			} else {
				depth = rnd_path(m, path);
			}
			r = two_find(&t, path, depth, NULL);
			assert_true(r == 0 || r == -ENOENT || r == -ENOMSG || r == -EBADMSG);
			counts[r == 0 ? 0 : r == -ENOENT ? 1 : r == -ENOMSG ? 2 : 3]++;
		}
		two_free(&t);
		rmsg_free(m);
		pbe_free(&b);
	}
	print_message("# %u mutated messages: %lu found, %lu ENOENT, %lu ENOMSG, %lu EBADMSG\n",
		      MUTATED_MESSAGES, counts[0], counts[1], counts[2], counts[3]);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_wire_types),
		cmocka_unit_test(test_varint_values),
		cmocka_unit_test(test_first_occurrence),
		cmocka_unit_test(test_absent),
		cmocka_unit_test(test_len_zero_and_end),
		cmocka_unit_test(test_max_field),
		cmocka_unit_test(test_tiny_messages),
		cmocka_unit_test(test_malformed),
		cmocka_unit_test(test_only_before_checked),
		cmocka_unit_test(test_nested_past_parent),
		cmocka_unit_test(test_paths),
		cmocka_unit_test(test_path_errors),
		cmocka_unit_test(test_nonminimal),
		cmocka_unit_test(test_read_source),
		cmocka_unit_test(test_copy),
		cmocka_unit_test(test_python_vectors),
		cmocka_unit_test(test_random),
		cmocka_unit_test(test_truncations),
		cmocka_unit_test(test_mutations),
	};

	cmocka_set_message_output(CM_OUTPUT_TAP);
	return cmocka_run_group_tests_name("pb", tests, NULL, NULL);
}
