/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A protobuf wire-format encoder for the tests, written from the encoding
 * spec (https://protobuf.dev/programming-guides/encoding/), independently
 * of src/lib/pb.c:
 *  - a varint is the value in 7-bit groups, least significant first, each
 *    byte but the last with its top bit (0x80) set;
 *  - a record is a tag, the varint (field_number << 3) | wire_type, then
 *    the value: 0 VARINT a varint, 1 I64 8 bytes little endian, 2 LEN a
 *    varint length then that many bytes (a nested message is a LEN field
 *    holding the message's encoding), 5 I32 4 bytes little endian.
 * The padded forms emit non-minimal varints (extra 0x80 bytes before a
 * final 0x00 group), which parsers accept. Host only (libc); aborts when
 * out of memory, so a fuzz target can use it too.
 */
#ifndef PB_ENCODE_H
#define PB_ENCODE_H

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define PBE_VARINT 0
#define PBE_I64 1
#define PBE_LEN 2
#define PBE_SGROUP 3
#define PBE_EGROUP 4
#define PBE_I32 5

struct pbe {
	unsigned char *p;
	size_t n, cap;
};

static inline void pbe_init(struct pbe *b)
{
	b->p = NULL;
	b->n = 0;
	b->cap = 0;
}

static inline void pbe_free(struct pbe *b)
{
	free(b->p);
	pbe_init(b);
}

static inline void pbe_raw(struct pbe *b, const void *p, size_t n)
{
	if (b->n + n > b->cap) {
		size_t cap = b->cap ? b->cap : 64;

		while (cap < b->n + n)
			cap *= 2;
		b->p = realloc(b->p, cap);
		if (!b->p)
			abort();
		b->cap = cap;
	}
	if (n)
		memcpy(b->p + b->n, p, n);
	b->n += n;
}

static inline void pbe_byte(struct pbe *b, unsigned char c)
{
	pbe_raw(b, &c, 1);
}

/* The number of bytes of the minimal varint encoding of @v (1 to 10). */
static inline unsigned int pbe_varint_size(uint64_t v)
{
	unsigned int k = 1;

	while (v >= 0x80) {
		v >>= 7;
		k++;
	}
	return k;
}

/*
 * @v as a varint of pbe_varint_size(@v) + @pad bytes; @pad is cut so that
 * the encoding stays within 10 bytes.
 */
static inline void pbe_varint_pad(struct pbe *b, uint64_t v, unsigned int pad)
{
	unsigned int k = pbe_varint_size(v), i;

	if (k + pad > 10)
		pad = 10 - k;
	for (i = 0; i < k + pad; i++) {
		unsigned char c = v & 0x7f;

		v >>= 7;
		if (i + 1 < k + pad)
			c |= 0x80;
		pbe_byte(b, c);
	}
}

static inline void pbe_varint(struct pbe *b, uint64_t v)
{
	pbe_varint_pad(b, v, 0);
}

/* Any field number and wire type, so that malformed tags can be built. */
static inline void pbe_tag(struct pbe *b, uint64_t field, unsigned int wt)
{
	pbe_varint(b, field << 3 | wt);
}

static inline void pbe_le(struct pbe *b, uint64_t v, unsigned int n)
{
	unsigned int i;

	for (i = 0; i < n; i++)
		pbe_byte(b, (v >> (8 * i)) & 0xff);
}

static inline void pbe_uint(struct pbe *b, uint64_t field, uint64_t v)
{
	pbe_tag(b, field, PBE_VARINT);
	pbe_varint(b, v);
}

static inline void pbe_fixed64(struct pbe *b, uint64_t field, uint64_t v)
{
	pbe_tag(b, field, PBE_I64);
	pbe_le(b, v, 8);
}

static inline void pbe_fixed32(struct pbe *b, uint64_t field, uint32_t v)
{
	pbe_tag(b, field, PBE_I32);
	pbe_le(b, v, 4);
}

static inline void pbe_bytes(struct pbe *b, uint64_t field, const void *p, size_t n)
{
	pbe_tag(b, field, PBE_LEN);
	pbe_varint(b, n);
	pbe_raw(b, p, n);
}

static inline void pbe_str(struct pbe *b, uint64_t field, const char *s)
{
	pbe_bytes(b, field, s, strlen(s));
}

/* A nested message: @sub's encoding as a LEN field. */
static inline void pbe_msg(struct pbe *b, uint64_t field, const struct pbe *sub)
{
	pbe_bytes(b, field, sub->p, sub->n);
}

#endif /* PB_ENCODE_H */
