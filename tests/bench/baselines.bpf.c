// SPDX-License-Identifier: GPL-2.0
/*
 * The pure-BPF baselines: each kfunc's job as a BPF author would write it
 * without the module, in two styles:
 *   loop   a bounded for loop: the verifier walks every iteration, so its
 *          cost grows with the size, up to its limits
 *   cb     a bpf_loop() callback (5.17+): verified once, an indirect call
 *          per iteration
 *   chunk  the byte scans (strstr, strcmp, memchr) also as a bpf_loop()
 *          callback that takes CHUNK positions a call, to spread the cost
 *          of the call
 * Same inputs, same results as kfuncs.bpf.c (the loader checks them).
 */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

#include "bench.h"

#define EBADMSG 74
#define ENOENT 2

struct bench_data data;

char LICENSE[] SEC("license") = "GPL";

/* ---- strstr: the 8-byte needle, at the end of a text haystack ---- */

static __always_inline int strstr_loop(__u32 n)
{
	__u32 i, j;

	for (i = 0; i + NEEDLE_LEN <= n; i++) {
		for (j = 0; j < NEEDLE_LEN; j++)
			if (data.hay[i + j] != data.needle[j])
				break;
		if (j == NEEDLE_LEN)
			return i;
	}
	return -ENOENT;
}

struct search_ctx {
	__u32 n;
	int found;
};

static long strstr_step(__u64 i, void *ctx)
{
	struct search_ctx *c = ctx;
	__u32 j;

	if (i > BENCH_MAX - NEEDLE_LEN)
		return 1;
	for (j = 0; j < NEEDLE_LEN; j++)
		if (data.hay[i + j] != data.needle[j])
			return 0;
	c->found = i;
	return 1;
}

static __always_inline int strstr_cb(__u32 n)
{
	struct search_ctx c = { .n = n, .found = -ENOENT };

	bpf_loop(n - NEEDLE_LEN + 1, strstr_step, &c, 0);
	return c.found;
}

#define CHUNK 16

/*
 * 6.1's verifier refuses this one: clang spills k before testing it, and
 * that verifier does not carry the test's bound to the spilled copy.
 */
static long strstr_chunk_step(__u64 k, void *ctx)
{
	struct search_ctx *c = ctx;
	__u32 i, j, s;

	if (k >= BENCH_MAX / CHUNK)
		return 1;
	for (s = 0; s < CHUNK; s++) {
		i = k * CHUNK + s;
		if (i + NEEDLE_LEN > c->n)
			return 1;
		for (j = 0; j < NEEDLE_LEN; j++)
			if (data.hay[i + j] != data.needle[j])
				break;
		if (j == NEEDLE_LEN) {
			c->found = i;
			return 1;
		}
	}
	return 0;
}

static __always_inline int strstr_chunk(__u32 n)
{
	struct search_ctx c = { .n = n, .found = -ENOENT };

	bpf_loop((n - NEEDLE_LEN) / CHUNK + 1, strstr_chunk_step, &c, 0);
	return c.found;
}

SIZES(strstr, loop)
SIZES(strstr, cb)
SIZES(strstr, chunk)

/* ---- strcmp: two equal strings of n bytes ---- */

static __always_inline int strcmp_loop(__u32 n)
{
	__u32 i;

	for (i = 0; i < n; i++) {
		unsigned char a = data.hay[i], b = data.hay2[i];

		if (a != b)
			return a < b ? -1 : 1;
		if (!a)
			return 0;
	}
	return 0;
}

struct cmp_ctx {
	__u32 n;
	int res;
};

static long strcmp_step(__u64 i, void *ctx)
{
	struct cmp_ctx *c = ctx;
	unsigned char a, b;

	if (i >= BENCH_MAX)
		return 1;
	a = data.hay[i];
	b = data.hay2[i];
	if (a != b) {
		c->res = a < b ? -1 : 1;
		return 1;
	}
	return !a;
}

static __always_inline int strcmp_cb(__u32 n)
{
	struct cmp_ctx c = { 0 };

	bpf_loop(n, strcmp_step, &c, 0);
	return c.res;
}

static long strcmp_chunk_step(__u64 k, void *ctx)
{
	struct cmp_ctx *c = ctx;
	unsigned char a, b;
	__u32 i, s;

	if (k >= BENCH_MAX / CHUNK)
		return 1;
	for (s = 0; s < CHUNK; s++) {
		i = k * CHUNK + s;
		if (i >= c->n)
			return 1;
		a = data.hay[i];
		b = data.hay2[i];
		if (a != b) {
			c->res = a < b ? -1 : 1;
			return 1;
		}
		if (!a)
			return 1;
	}
	return 0;
}

static __always_inline int strcmp_chunk(__u32 n)
{
	struct cmp_ctx c = { .n = n };

	bpf_loop((n + CHUNK - 1) / CHUNK, strcmp_chunk_step, &c, 0);
	return c.res;
}

SIZES(strcmp, loop)
SIZES(strcmp, cb)
SIZES(strcmp, chunk)

/* ---- memchr: the byte is the last of n ---- */

static __always_inline int memchr_loop(__u32 n)
{
	__u32 i;

	for (i = 0; i < n; i++)
		if (data.hay[i] == MEMCHR_BYTE)
			return i;
	return -ENOENT;
}

static long memchr_step(__u64 i, void *ctx)
{
	struct search_ctx *c = ctx;

	if (i >= BENCH_MAX)
		return 1;
	if (data.hay[i] != MEMCHR_BYTE)
		return 0;
	c->found = i;
	return 1;
}

static __always_inline int memchr_cb(__u32 n)
{
	struct search_ctx c = { .n = n, .found = -ENOENT };

	bpf_loop(n, memchr_step, &c, 0);
	return c.found;
}

static long memchr_chunk_step(__u64 k, void *ctx)
{
	struct search_ctx *c = ctx;
	__u32 i, s;

	if (k >= BENCH_MAX / CHUNK)
		return 1;
	for (s = 0; s < CHUNK; s++) {
		i = k * CHUNK + s;
		if (i >= c->n)
			return 1;
		if (data.hay[i] == MEMCHR_BYTE) {
			c->found = i;
			return 1;
		}
	}
	return 0;
}

static __always_inline int memchr_chunk(__u32 n)
{
	struct search_ctx c = { .n = n, .found = -ENOENT };

	bpf_loop((n + CHUNK - 1) / CHUNK, memchr_chunk_step, &c, 0);
	return c.found;
}

SIZES(memchr, loop)
SIZES(memchr, cb)
SIZES(memchr, chunk)

/* ---- hashes: kf_hash's algorithms, as BPF code ---- */

/* FNV-1a 64, byte by byte. */
#define FNV_BASIS 0xcbf29ce484222325ULL
#define FNV_PRIME 0x100000001b3ULL

static __always_inline __u64 fnv1a_loop(__u32 n)
{
	__u64 h = FNV_BASIS;
	__u32 i;

	for (i = 0; i < n; i++)
		h = (h ^ data.hay[i]) * FNV_PRIME;
	return h;
}

struct hash_ctx {
	__u64 h;
};

static long fnv1a_step(__u64 i, void *ctx)
{
	struct hash_ctx *c = ctx;

	if (i >= BENCH_MAX)
		return 1;
	c->h = (c->h ^ data.hay[i]) * FNV_PRIME;
	return 0;
}

static __always_inline __u64 fnv1a_cb(__u32 n)
{
	struct hash_ctx c = { FNV_BASIS };

	bpf_loop(n, fnv1a_step, &c, 0);
	return c.h;
}

SIZES(fnv1a, loop)
SIZES(fnv1a, cb)

/* CRC-32 and CRC-32C, table-driven (the loader fills the tables). */
#define CRC_LOOP(name, tab)						\
static __always_inline __u64 name##_loop(__u32 n)			\
{									\
	__u32 crc = ~0U, i;						\
									\
	for (i = 0; i < n; i++)						\
		crc = tab[(crc ^ data.hay[i]) & 0xff] ^ (crc >> 8);	\
	return ~crc;							\
}									\
									\
static long name##_step(__u64 i, void *ctx)				\
{									\
	struct hash_ctx *c = ctx;					\
									\
	if (i >= BENCH_MAX)						\
		return 1;						\
	c->h = tab[(c->h ^ data.hay[i]) & 0xff] ^ ((__u32)c->h >> 8);	\
	return 0;							\
}									\
									\
static __always_inline __u64 name##_cb(__u32 n)			\
{									\
	struct hash_ctx c = { 0xffffffff };				\
									\
	bpf_loop(n, name##_step, &c, 0);				\
	return ~(__u32)c.h;						\
}

CRC_LOOP(crc32, data.crc32_tab)
CRC_LOOP(crc32c, data.crc32c_tab)

SIZES(crc32, loop)
SIZES(crc32, cb)
SIZES(crc32c, loop)
SIZES(crc32c, cb)

/* jhash (lookup3, as the kernel's jhash()): 12-byte blocks, then a tail. */
#define ROL32(x, k) (((x) << (k)) | ((x) >> (32 - (k))))
#define JHASH_MIX(a, b, c) {					\
	a -= c; a ^= ROL32(c, 4); c += b;			\
	b -= a; b ^= ROL32(a, 6); a += c;			\
	c -= b; c ^= ROL32(b, 8); b += a;			\
	a -= c; a ^= ROL32(c, 16); c += b;			\
	b -= a; b ^= ROL32(a, 19); a += c;			\
	c -= b; c ^= ROL32(b, 4); b += a;			\
}
#define JHASH_FINAL(a, b, c) {					\
	c ^= b; c -= ROL32(b, 14);				\
	a ^= c; a -= ROL32(c, 11);				\
	b ^= a; b -= ROL32(a, 25);				\
	c ^= b; c -= ROL32(b, 16);				\
	a ^= c; a -= ROL32(c, 4);				\
	b ^= a; b -= ROL32(a, 14);				\
	c ^= b; c -= ROL32(b, 24);				\
}

static __always_inline __u32 get32(__u32 off)
{
	return *(__u32 *)(data.hay + off);
}

/* The tail: 1 to 12 bytes at off (the sizes here leave 4). */
static __always_inline __u32 jhash_tail(__u32 a, __u32 b, __u32 c, __u32 off, __u32 len)
{
	__u32 k[3] = { 0 };

	__builtin_memcpy(k, data.hay + off, 12);
	if (len < 12)
		k[2] &= len > 8 ? 0xffffffffU >> (8 * (12 - len)) : 0;
	if (len < 8)
		k[1] &= len > 4 ? 0xffffffffU >> (8 * (8 - len)) : 0;
	if (len < 4)
		k[0] &= 0xffffffffU >> (8 * (4 - len));
	a += k[0];
	b += k[1];
	c += k[2];
	JHASH_FINAL(a, b, c);
	return c;
}

static __always_inline __u64 jhash_loop(__u32 n)
{
	__u32 a, b, c, off;

	a = b = c = 0xdeadbeef + n;
	for (off = 0; n - off > 12; off += 12) {
		a += get32(off);
		b += get32(off + 4);
		c += get32(off + 8);
		JHASH_MIX(a, b, c);
	}
	return jhash_tail(a, b, c, off, n - off);
}

struct jhash_ctx {
	__u32 a, b, c;
};

static long jhash_step(__u64 i, void *ctx)
{
	struct jhash_ctx *j = ctx;
	__u32 a = j->a, b = j->b, c = j->c;

	if (i >= BENCH_MAX / 12)
		return 1;
	a += get32(i * 12);
	b += get32(i * 12 + 4);
	c += get32(i * 12 + 8);
	JHASH_MIX(a, b, c);
	j->a = a;
	j->b = b;
	j->c = c;
	return 0;
}

static __always_inline __u64 jhash_cb(__u32 n)
{
	struct jhash_ctx j;
	__u32 blocks = (n - 1) / 12;

	j.a = j.b = j.c = 0xdeadbeef + n;
	bpf_loop(blocks, jhash_step, &j, 0);
	return jhash_tail(j.a, j.b, j.c, blocks * 12, n - blocks * 12);
}

SIZES(jhash, loop)
SIZES(jhash, cb)

/* xxh64: 32-byte stripes in four lanes, then 8-byte words, then a 4. */
#define P1 0x9E3779B185EBCA87ULL
#define P2 0xC2B2AE3D27D4EB4FULL
#define P3 0x165667B19E3779F9ULL
#define P4 0x85EBCA77C2B2AE63ULL
#define P5 0x27D4EB2F165667C5ULL
#define ROL64(x, k) (((x) << (k)) | ((x) >> (64 - (k))))

static __always_inline __u64 get64(__u32 off)
{
	return *(__u64 *)(data.hay + off);
}

static __always_inline __u64 xxh_round(__u64 acc, __u64 in)
{
	acc += in * P2;
	acc = ROL64(acc, 31);
	return acc * P1;
}

static __always_inline __u64 xxh_merge(__u64 h, __u64 v)
{
	h ^= xxh_round(0, v);
	return h * P1 + P4;
}

struct xxh_ctx {
	__u64 v[4];
};

/* Everything after the stripes; the sizes here are multiples of 8... */
static __always_inline __u64 xxh_finish(struct xxh_ctx *x, __u32 off, __u32 n)
{
	__u64 h;

	if (n >= 32) {
		h = ROL64(x->v[0], 1) + ROL64(x->v[1], 7) + ROL64(x->v[2], 12) +
		    ROL64(x->v[3], 18);
		h = xxh_merge(h, x->v[0]);
		h = xxh_merge(h, x->v[1]);
		h = xxh_merge(h, x->v[2]);
		h = xxh_merge(h, x->v[3]);
	} else {
		h = P5;
	}
	h += n;
	/* ... so only whole words remain (at most 3). */
	for (; n - off >= 8 && off <= BENCH_MAX - 8; off += 8) {
		h ^= xxh_round(0, get64(off));
		h = ROL64(h, 27) * P1 + P4;
	}
	h ^= h >> 33;
	h *= P2;
	h ^= h >> 29;
	h *= P3;
	h ^= h >> 32;
	return h;
}

static __always_inline void xxh_stripe(struct xxh_ctx *x, __u32 off)
{
	x->v[0] = xxh_round(x->v[0], get64(off));
	x->v[1] = xxh_round(x->v[1], get64(off + 8));
	x->v[2] = xxh_round(x->v[2], get64(off + 16));
	x->v[3] = xxh_round(x->v[3], get64(off + 24));
}

static __always_inline void xxh_init(struct xxh_ctx *x)
{
	x->v[0] = P1 + P2;
	x->v[1] = P2;
	x->v[2] = 0;
	x->v[3] = -P1;
}

static __always_inline __u64 xxh64_loop(__u32 n)
{
	struct xxh_ctx x;
	__u32 off;

	xxh_init(&x);
	for (off = 0; n - off >= 32; off += 32)
		xxh_stripe(&x, off);
	return xxh_finish(&x, off, n);
}

static long xxh64_step(__u64 i, void *ctx)
{
	if (i >= BENCH_MAX / 32)
		return 1;
	xxh_stripe(ctx, i * 32);
	return 0;
}

static __always_inline __u64 xxh64_cb(__u32 n)
{
	struct xxh_ctx x;

	xxh_init(&x);
	bpf_loop(n / 32, xxh64_step, &x, 0);
	return xxh_finish(&x, n / 32 * 32, n);
}

SIZES(xxh64, loop)
SIZES(xxh64, cb)

/* ---- protobuf: find varint field PB_FIELD, the last of the message ---- */

/* A varint at *off, below n; *off moves past it. */
static __always_inline int pb_varint(__u32 *off, __u32 n, __u64 *out)
{
	__u32 o = *off, s;
	__u64 v = 0;

	for (s = 0; s < 10; s++) {
		unsigned char b;

		if (o >= n || o >= BENCH_MAX)
			return -EBADMSG;
		b = data.hay[o++];
		v |= (__u64)(b & 0x7f) << (7 * s);
		if (!(b & 0x80)) {
			*off = o;
			*out = v;
			return 0;
		}
	}
	return -EBADMSG;
}

/* One field at *off: 1 when it is PB_FIELD (val set), 0 to go on, < 0 on error. */
static __always_inline int pb_field(__u32 *off, __u32 n)
{
	__u64 tag, v;

	if (pb_varint(off, n, &tag))
		return -EBADMSG;
	switch (tag & 7) {
	case 0:
		if (pb_varint(off, n, &v))
			return -EBADMSG;
		if (tag >> 3 == PB_FIELD) {
			data.val = v;
			return 1;
		}
		return 0;
	case 1:
		*off += 8;
		return 0;
	case 2:
		if (pb_varint(off, n, &v) || v > n)
			return -EBADMSG;
		*off += v;
		return 0;
	case 5:
		*off += 4;
		return 0;
	}
	return -EBADMSG;
}

/* A field takes 2 bytes at least: n / 2 iterations cover any message. */
static __always_inline int pbvar_loop(__u32 n)
{
	__u32 off = 0, k;
	int r;

	for (k = 0; k < n / 2; k++) {
		if (off >= n)
			return -ENOENT;
		r = pb_field(&off, n);
		if (r)
			return r > 0 ? 0 : r;
	}
	return -ENOENT;
}

struct pb_ctx {
	__u32 off, n;
	int res;
};

static long pb_step(__u64 i, void *ctx)
{
	struct pb_ctx *c = ctx;
	int r;

	if (c->off >= c->n)
		return 1;
	r = pb_field(&c->off, c->n);
	if (!r)
		return 0;
	c->res = r > 0 ? 0 : r;
	return 1;
}

static __always_inline int pbvar_cb(__u32 n)
{
	struct pb_ctx c = { .n = n, .res = -ENOENT };

	bpf_loop(n / 2, pb_step, &c, 0);
	return c.res;
}

SIZES(pbvar, loop)
SIZES(pbvar, cb)
