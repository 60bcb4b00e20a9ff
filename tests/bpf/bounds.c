// SPDX-License-Identifier: GPL-2.0
/*
 * bounds: every kfunc that reads or writes a buffer, on buffers of each
 * size of bounds.bpf.c's sizes[] (0 to 64, then around the word and block
 * boundaries of src/lib and of the kernel code the kfuncs call), placed at
 * the end of a vmalloc'd map value, at the end of a kmalloc'd one (where
 * the allocation ends: KASAN sees a byte read past it) and at the start.
 *
 * The contents are made for each size so that the kfunc has to go to the
 * last byte (the only match at the last position, no NUL, a difference in
 * the last byte, digits to the end, a field that ends the message), and
 * each result is checked against an expectation computed here: glibc
 * (memchr, memrchr, memmem, strtoull, fnmatch, ...), a loop, or a reference
 * implementation (CRCs, FNV-1a, jhash, xxh64, SHA-256, a protobuf decoder).
 * Kfuncs that write are checked byte by byte over both map values: exactly
 * the bytes their contract says are written changed, nothing else.
 *
 * One "ok"/"not ok" line per kfunc and placement; failures (size, got,
 * want) on stderr.
 */
#define _GNU_SOURCE
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <fnmatch.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <unistd.h>

#include <linux/bpf.h>
#include <bpf/bpf.h>
#include <bpf/libbpf.h>

#include "bounds.skel.h"
#include "report.h"
#include "testutil.h"

/* As in bounds.bpf.c: map a's value (vmalloc), map b's (kmalloc). */
#define VA 36864
#define VB 1032
/* Placements of a buffer, made into bounds.bpf.c's xa and offsets by one(). */
#define A_START 0
#define A_END 1
#define B_START 2
#define B_END 3
#define MAXN 1040	/* above the largest size */

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

typedef uint8_t u8;
typedef uint32_t u32;
typedef uint64_t u64;

static struct bounds_bpf *skel;
static unsigned int nsizes;

/* One call: the inputs made for it, what came back, what should have. */
struct run {
	int wx, wy;			/* placements */
	unsigned int nx, ny;		/* sizes */
	int sweep_y;			/* y's size is the one that sweeps */
	unsigned int i;			/* index of the swept size */
	u8 x[MAXN], y[MAXN];		/* contents written */
	u8 ex[MAXN], ey[MAXN];		/* contents expected after the call */
	long long arg;
	long long ret;
	unsigned long long val;
};

struct test {
	const char *kfunc, *xname, *yname;
	struct bpf_program **prog;
	const u32 *fix;			/* two buffers: fixed sizes (x, y) */
	int ny;				/* one sweeping buffer and a fixed y */
	const int (*places)[2];
	unsigned int nplaces;
	void (*fill)(struct run *r);
	/* 0 when r->ret (r->val) is right; writers also set ex/ey. */
	int (*check)(struct run *r, char *why, size_t size);
};

/* Deterministic contents: a xorshift generator, seeded per call. */
static u64 rng_state;

static u32 rnd(void)
{
	rng_state ^= rng_state << 13;
	rng_state ^= rng_state >> 7;
	rng_state ^= rng_state << 17;
	return rng_state >> 16;
}

/* Lower case letters 'a' to 'w': 'x', 'y', 'z' and upper case stay special. */
static void letters(u8 *p, unsigned int n)
{
	unsigned int i;

	for (i = 0; i < n; i++)
		p[i] = 'a' + rnd() % 23;
}

/* Random bytes, none equal to @c. */
static void bytes_but(u8 *p, unsigned int n, int c)
{
	unsigned int i;

	for (i = 0; i < n; i++) {
		do
			p[i] = rnd();
		while (p[i] == (u8)c);
	}
}

static int sign(int v)
{
	return (v > 0) - (v < 0);
}

/* ---- expectations ---- */

static long ref_strchr(const u8 *s, unsigned int n, int c)
{
	unsigned int i, l = strnlen((const char *)s, n);

	c &= 0xff;
	if (!c)
		return l < n ? (long)l : -ENOENT;
	for (i = 0; i < l; i++)
		if (s[i] == c)
			return i;
	return -ENOENT;
}

static long ref_strrchr(const u8 *s, unsigned int n, int c)
{
	unsigned int i, l = strnlen((const char *)s, n);

	c &= 0xff;
	if (!c)
		return l < n ? (long)l : -ENOENT;
	for (i = l; i > 0; i--)
		if (s[i - 1] == c)
			return i - 1;
	return -ENOENT;
}

static long ref_memmem(const u8 *h, unsigned int n, const u8 *nd, unsigned int m)
{
	const u8 *p = memmem(h, n, nd, m);

	return m == 0 ? 0 : p ? p - h : -ENOENT;
}

static long ref_casestr(const u8 *h, unsigned int n, const u8 *nd, unsigned int m)
{
	unsigned int i, j;

	for (i = 0; i + m <= n; i++) {
		for (j = 0; j < m && tolower(h[i + j]) == tolower(nd[j]); j++)
			;
		if (j == m)
			return i;
	}
	return -ENOENT;
}

static long ref_rstr(const u8 *h, unsigned int n, const u8 *nd, unsigned int m)
{
	unsigned int i;

	if (m > n)
		return -ENOENT;
	for (i = n - m + 1; i > 0; i--)
		if (!memcmp(h + i - 1, nd, m))
			return i - 1;
	return -ENOENT;
}

/* C strings within their sizes, as unsigned bytes; @fold: ASCII case. */
static int ref_strcmp(const u8 *a, unsigned int la, const u8 *b, unsigned int lb, int fold)
{
	unsigned int i;
	int ca, cb;

	for (i = 0;; i++) {
		ca = i < la ? a[i] : 0;
		cb = i < lb ? b[i] : 0;
		if (fold) {
			ca = ca < 0x80 ? tolower(ca) : ca;
			cb = cb < 0x80 ? tolower(cb) : cb;
		}
		if (ca != cb)
			return ca < cb ? -1 : 1;
		if (!ca)
			return 0;
	}
}

static long ref_span(const u8 *s, unsigned int n, const u8 *set, unsigned int m, int accept)
{
	unsigned int i, j, l = strnlen((const char *)s, n), k = strnlen((const char *)set, m);

	for (i = 0; i < l; i++) {
		for (j = 0; j < k && set[j] != s[i]; j++)
			;
		if ((j < k) != accept)
			break;
	}
	return i;
}

static int ref_affix(const u8 *s, unsigned int n, const u8 *a, unsigned int m, int end)
{
	unsigned int l = strnlen((const char *)s, n), k = strnlen((const char *)a, m);

	return k <= l && !memcmp(end ? s + l - k : s, a, k);
}

static int ref_memcmp(const u8 *a, unsigned int la, const u8 *b, unsigned int lb)
{
	int r = memcmp(a, b, la < lb ? la : lb);

	return r ? sign(r) : (la > lb) - (la < lb);
}

static u64 ref_crc(const u8 *p, unsigned int n, u64 seed, u32 poly)
{
	u32 crc = ~(u32)seed;
	unsigned int i, k;

	for (i = 0; i < n; i++) {
		crc ^= p[i];
		for (k = 0; k < 8; k++)
			crc = (crc >> 1) ^ (poly & -(crc & 1));
	}
	return (u32)~crc;
}

static u32 rol32(u32 w, unsigned int s)
{
	return (w << s) | (w >> ((-s) & 31));
}

static u32 le32(const u8 *p)
{
	return p[0] | p[1] << 8 | p[2] << 16 | (u32)p[3] << 24;
}

static u64 le64(const u8 *p)
{
	return le32(p) | (u64)le32(p + 4) << 32;
}

/* The kernel's jhash() (include/linux/jhash.h: lookup3). */
static u64 ref_jhash(const u8 *k, unsigned int len, u64 seed)
{
	u32 a, b, c, t[3] = { 0 };
	unsigned int i;

	a = b = c = 0xdeadbeef + len + (u32)seed;
	while (len > 12) {
		a += le32(k);
		b += le32(k + 4);
		c += le32(k + 8);
		a -= c; a ^= rol32(c, 4); c += b;
		b -= a; b ^= rol32(a, 6); a += c;
		c -= b; c ^= rol32(b, 8); b += a;
		a -= c; a ^= rol32(c, 16); c += b;
		b -= a; b ^= rol32(a, 19); a += c;
		c -= b; c ^= rol32(b, 4); b += a;
		len -= 12;
		k += 12;
	}
	if (!len)
		return c;
	/* The last 1 to 12 bytes, little-endian into a, b and c. */
	for (i = 0; i < len; i++)
		t[i / 4] += (u32)k[i] << (8 * (i % 4));
	a += t[0];
	b += t[1];
	c += t[2];
	c ^= b; c -= rol32(b, 14);
	a ^= c; a -= rol32(c, 11);
	b ^= a; b -= rol32(a, 25);
	c ^= b; c -= rol32(b, 16);
	a ^= c; a -= rol32(c, 4);
	b ^= a; b -= rol32(a, 14);
	c ^= b; c -= rol32(b, 24);
	return c;
}

#define P1 0x9e3779b185ebca87ULL
#define P2 0xc2b2ae3d27d4eb4fULL
#define P3 0x165667b19e3779f9ULL
#define P4 0x85ebca77c2b2ae63ULL
#define P5 0x27d4eb2f165667c5ULL

static u64 rol64(u64 w, unsigned int s)
{
	return (w << s) | (w >> (64 - s));
}

static u64 xxh_round(u64 acc, u64 in)
{
	return rol64(acc + in * P2, 31) * P1;
}

static u64 xxh_merge(u64 h, u64 v)
{
	return (h ^ xxh_round(0, v)) * P1 + P4;
}

static u64 ref_xxh64(const u8 *p, unsigned int len, u64 seed)
{
	const u8 *end = p + len;
	u64 h, v1, v2, v3, v4;

	if (len >= 32) {
		v1 = seed + P1 + P2;
		v2 = seed + P2;
		v3 = seed;
		v4 = seed - P1;
		for (; end - p >= 32; p += 32) {
			v1 = xxh_round(v1, le64(p));
			v2 = xxh_round(v2, le64(p + 8));
			v3 = xxh_round(v3, le64(p + 16));
			v4 = xxh_round(v4, le64(p + 24));
		}
		h = rol64(v1, 1) + rol64(v2, 7) + rol64(v3, 12) + rol64(v4, 18);
		h = xxh_merge(xxh_merge(xxh_merge(xxh_merge(h, v1), v2), v3), v4);
	} else {
		h = seed + P5;
	}
	h += len;
	for (; end - p >= 8; p += 8)
		h = rol64(h ^ xxh_round(0, le64(p)), 27) * P1 + P4;
	if (end - p >= 4) {
		h = rol64(h ^ (u64)le32(p) * P1, 23) * P2 + P3;
		p += 4;
	}
	for (; p < end; p++)
		h = rol64(h ^ *p * P5, 11) * P1;
	h ^= h >> 33;
	h *= P2;
	h ^= h >> 29;
	h *= P3;
	return h ^ (h >> 32);
}

static const u32 sha_k[64] = {
	0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4,
	0xab1c5ed5, 0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe,
	0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f,
	0x4a7484aa, 0x5cb0a9dc, 0x76f988da, 0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7,
	0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc,
	0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b,
	0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070, 0x19a4c116,
	0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
	0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7,
	0xc67178f2,
};

static u32 ror32(u32 w, unsigned int s)
{
	return (w >> s) | (w << (32 - s));
}

static void sha256_block(u32 *h, const u8 *p)
{
	u32 w[64], a, b, c, d, e, f, g, k, t1, t2;
	int i;

	for (i = 0; i < 16; i++)
		w[i] = (u32)p[4 * i] << 24 | p[4 * i + 1] << 16 | p[4 * i + 2] << 8 | p[4 * i + 3];
	for (i = 16; i < 64; i++)
		w[i] = w[i - 16] + (ror32(w[i - 15], 7) ^ ror32(w[i - 15], 18) ^ (w[i - 15] >> 3)) +
		       w[i - 7] + (ror32(w[i - 2], 17) ^ ror32(w[i - 2], 19) ^ (w[i - 2] >> 10));
	a = h[0]; b = h[1]; c = h[2]; d = h[3]; e = h[4]; f = h[5]; g = h[6]; k = h[7];
	for (i = 0; i < 64; i++) {
		t1 = k + (ror32(e, 6) ^ ror32(e, 11) ^ ror32(e, 25)) + ((e & f) ^ (~e & g)) +
		     sha_k[i] + w[i];
		t2 = (ror32(a, 2) ^ ror32(a, 13) ^ ror32(a, 22)) + ((a & b) ^ (a & c) ^ (b & c));
		k = g; g = f; f = e; e = d + t1;
		d = c; c = b; b = a; a = t1 + t2;
	}
	h[0] += a; h[1] += b; h[2] += c; h[3] += d;
	h[4] += e; h[5] += f; h[6] += g; h[7] += k;
}

static void ref_sha256(const u8 *p, unsigned int n, u8 *out)
{
	u32 h[8] = { 0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a,
		     0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19 };
	u8 tail[128] = { 0 };
	unsigned int i, rest = n % 64, tl = rest < 56 ? 64 : 128;
	u64 bits = (u64)n * 8;

	for (i = 0; i + 64 <= n; i += 64)
		sha256_block(h, p + i);
	memcpy(tail, p + i, rest);
	tail[rest] = 0x80;
	for (i = 0; i < 8; i++)
		tail[tl - 1 - i] = bits >> (8 * i);
	sha256_block(h, tail);
	if (tl == 128)
		sha256_block(h, tail + 64);
	for (i = 0; i < 32; i++)
		out[i] = h[i / 4] >> (24 - 8 * (i % 4));
}

/* Protobuf, as proto.h says: the first occurrence along @path. */
static int pb_varint(const u8 *m, unsigned int end, unsigned int *pos, u64 *v)
{
	u64 x = 0;
	unsigned int i;

	for (i = 0; i < 10 && *pos + i < end; i++) {
		u8 b = m[*pos + i];

		if (i == 9 && b > 1)
			return -EBADMSG;
		x |= (u64)(b & 0x7f) << (7 * i);
		if (!(b & 0x80)) {
			*pos += i + 1;
			*v = x;
			return 0;
		}
	}
	return -EBADMSG;
}

struct pb_field {
	int wt;
	u64 val;
	unsigned int off, len;
};

static int ref_pb(const u8 *m, unsigned int len, const u32 *path, unsigned int depth,
		  struct pb_field *f)
{
	unsigned int start = 0, end = len, pos, vpos, vlen, d;
	u64 tag, v;
	int wt, found;

	if (!depth || depth > 8)
		return -EINVAL;
	for (d = 0; d < depth; d++)
		if (!path[d] || path[d] > 0x1fffffff)
			return -EINVAL;
	for (d = 0; d < depth; d++) {
		found = 0;
		for (pos = start; pos < end && !found; pos = vpos + vlen) {
			if (pb_varint(m, end, &pos, &tag))
				return -EBADMSG;
			if (!(tag >> 3) || tag >> 3 > 0x1fffffff)
				return -EBADMSG;
			wt = tag & 7;
			vpos = pos;
			v = 0;
			if (wt == 0) {
				if (pb_varint(m, end, &pos, &v))
					return -EBADMSG;
				vlen = pos - vpos;
			} else if (wt == 1 || wt == 5) {
				vlen = wt == 1 ? 8 : 4;
				if (end - pos < vlen)
					return -EBADMSG;
				v = wt == 1 ? le64(m + pos) : le32(m + pos);
			} else if (wt == 2) {
				if (pb_varint(m, end, &pos, &v))
					return -EBADMSG;
				vpos = pos;
				if (v > end - vpos)
					return -EBADMSG;
				vlen = v;
				v = 0;
			} else {
				return -EBADMSG;
			}
			if (tag >> 3 == path[d]) {
				found = 1;
				f->wt = wt;
				f->val = v;
				f->off = vpos;
				f->len = vlen;
			}
		}
		if (!found)
			return -ENOENT;
		if (d + 1 < depth && f->wt != 2)
			return -ENOMSG;
		start = f->off;
		end = f->off + f->len;
	}
	return 0;
}

/* ---- protobuf messages that end with the field looked for ---- */

/* @v as a varint of exactly @len bytes (padded with continuation bytes). */
static unsigned int put_varint(u8 *p, u64 v, unsigned int len)
{
	unsigned int i;

	for (i = 0; i + 1 < len; i++, v >>= 7)
		p[i] = 0x80 | (v & 0x7f);
	p[i] = v & 0x7f;
	return len;
}

/* @k bytes (not 1) of fields nobody asks for: field 3. */
static void pb_pad(u8 *p, unsigned int k)
{
	if (!k)
		return;
	p[0] = 3 << 3 | 2;
	if (k == 2) {
		p[0] = 3 << 3;		/* varint 0 */
		p[1] = 0;
	} else if (k - 2 <= 127) {
		p[1] = k - 2;
		letters(p + 2, k - 2);
	} else {
		put_varint(p + 1, k - 3, 2);
		letters(p + 3, k - 3);
	}
}

/*
 * @t bytes of field @tail placed at the end of @n bytes after padding; 1
 * byte of padding is the tag's non-minimal encoding. Shorter than @t: the
 * field cut short.
 */
static void pb_end_with(u8 *p, unsigned int n, const u8 *tail, unsigned int t)
{
	if (n <= t) {
		memcpy(p, tail, n);
	} else if (n == t + 1) {
		p[0] = tail[0] | 0x80;
		p[1] = 0;
		memcpy(p + 2, tail + 1, t - 1);
	} else {
		pb_pad(p, n - t);
		memcpy(p + n - t, tail, t);
	}
}

/* A message of @n bytes ending with field @num, a varint of up to 10 bytes. */
static void pb_varint_msg(u8 *p, unsigned int n, unsigned int num)
{
	u8 t[11];
	unsigned int vl = n > 11 ? 10 : n > 1 ? n - 1 : 1;
	u64 v = vl == 10 ? 1ULL << 63 | 5 : 1ULL << (7 * (vl - 1)) | 5;

	t[0] = num << 3;
	put_varint(t + 1, v, vl);
	pb_end_with(p, n, t, vl + 1);
}

/* A message of @n bytes ending with field 1, a len field running to its end. */
static void pb_bytes_msg(u8 *p, unsigned int n)
{
	unsigned int pad = n >= 12 ? 4 : 0, m = n - pad, lb = m - 2 <= 127 ? 1 : 2;

	if (n < 2) {
		memset(p, 1 << 3 | 2, n);
		return;
	}
	pb_pad(p, pad);
	p[pad] = 1 << 3 | 2;
	put_varint(p + pad + 1, m - 1 - lb, lb);
	letters(p + pad + 1 + lb, m - 1 - lb);
}

/* ---- the tests: contents and checks ---- */

#define WANT(cond, fmt, ...)							\
	do {									\
		if (!(cond)) {							\
			snprintf(why, size, fmt, ##__VA_ARGS__);		\
			return -1;						\
		}								\
	} while (0)

#define WANT_RET(want)								\
	WANT(r->ret == (long long)(want), "returned %lld, want %lld", r->ret, (long long)(want))

static void fill_strnlen(struct run *r)
{
	letters(r->x, r->nx);
	/* At the start, a NUL in the last byte; at the ends none. */
	if (r->wx == A_START && r->nx)
		r->x[r->nx - 1] = 0;
}

static int check_strnlen(struct run *r, char *why, size_t size)
{
	WANT_RET(strnlen((char *)r->x, r->nx));
	return 0;
}

/* The byte looked for in the last position only. */
static void fill_last_z(struct run *r)
{
	letters(r->x, r->nx);
	if (r->nx)
		r->x[r->nx - 1] = 'z';
	r->arg = 'z';
}

/* ... and in the first only: a reverse scan goes down to index 0. */
static void fill_first_z(struct run *r)
{
	letters(r->x, r->nx);
	if (r->nx)
		r->x[0] = 'z';
	r->arg = 'z';
}

static int check_strchr(struct run *r, char *why, size_t size)
{
	WANT_RET(ref_strchr(r->x, r->nx, r->arg));
	return 0;
}

static int check_strrchr(struct run *r, char *why, size_t size)
{
	WANT_RET(ref_strrchr(r->x, r->nx, r->arg));
	return 0;
}

/* Any byte but 0xc5 (0x81 and up too: memchr's inexact round test). */
static void fill_memchr(struct run *r)
{
	bytes_but(r->x, r->nx, 0xc5);
	if (r->nx)
		r->x[r->nx - 1] = 0xc5;
	r->arg = 0x1c5;		/* only the low 8 bits count */
}

static void fill_memrchr(struct run *r)
{
	bytes_but(r->x, r->nx, 0xc5);
	if (r->nx)
		r->x[0] = 0xc5;
	r->arg = 0x1c5;
}

static int check_memchr(struct run *r, char *why, size_t size)
{
	u8 *p = memchr(r->x, 0xc5, r->nx);

	WANT_RET(p ? p - r->x : -ENOENT);
	return 0;
}

static int check_memrchr(struct run *r, char *why, size_t size)
{
	u8 *p = memrchr(r->x, 0xc5, r->nx);

	WANT_RET(p ? p - r->x : -ENOENT);
	return 0;
}

/*
 * Digits to the last byte: "0...012345" in base 10 (at the ends), or
 * " +0x0...0ABC" in base 0 (at the start); "-0...012345" for strtoll.
 */
static void fill_digits(struct run *r, const char *head, const char *tail)
{
	unsigned int n = r->nx, h = strlen(head), t = strlen(tail);

	memset(r->x, '0', n);
	memcpy(r->x, head, h < n ? h : n);
	if (n > h + t)
		memcpy(r->x + n - t, tail, t);
}

static void fill_strtoull(struct run *r)
{
	if (r->wx == A_START) {
		fill_digits(r, " +0x", "aBc");
		r->arg = 0;
	} else {
		fill_digits(r, "", "12345");
		r->arg = 10;
	}
}

static void fill_strtoll(struct run *r)
{
	fill_digits(r, r->wx == A_START ? "\t-0x" : "-", r->wx == A_START ? "7fF" : "54321");
	r->arg = r->wx == A_START ? 16 : 10;
}

/* strtoull(3) or strtoll(3) on a NUL-terminated copy. */
static int check_strto(struct run *r, char *why, size_t size, int is_signed)
{
	char s[MAXN + 1], *end;
	unsigned long long v;

	memcpy(s, r->x, r->nx);
	s[r->nx] = 0;
	errno = 0;
	v = is_signed ? (unsigned long long)strtoll(s, &end, r->arg) : strtoull(s, &end, r->arg);
	if (end == s) {
		WANT_RET(-EINVAL);
	} else if (errno == ERANGE) {
		WANT_RET(-ERANGE);
	} else {
		WANT_RET(end - s);
		WANT(r->val == v, "wrote %#llx, want %#llx", r->val, v);
	}
	return 0;
}

static int check_strtoull(struct run *r, char *why, size_t size)
{
	return check_strto(r, why, size, 0);
}

static int check_strtoll(struct run *r, char *why, size_t size)
{
	return check_strto(r, why, size, 1);
}

static void fill_random(struct run *r)
{
	bytes_but(r->x, r->nx, -1);
	bytes_but(r->y, r->ny, -1);
	r->arg = (long long)((u64)rnd() << 32 | rnd());
}

static int check_memzero(struct run *r, char *why, size_t size)
{
	WANT_RET(0);
	memset(r->ex, 0, r->nx);
	return 0;
}

static int check_memset(struct run *r, char *why, size_t size)
{
	WANT_RET(0);
	memset(r->ex, r->arg & 0xff, r->nx);
	return 0;
}

#define HASH_CHECK(name, expr)							\
	static int check_##name(struct run *r, char *why, size_t size)		\
	{									\
		const u8 *p = r->x;						\
		unsigned int n = r->nx;						\
		u64 seed = r->arg, want = (expr);				\
										\
		WANT((u64)r->ret == want, "returned %#llx, want %#llx (seed %#llx)", \
		     (unsigned long long)r->ret, (unsigned long long)want,	\
		     (unsigned long long)seed);					\
		return 0;							\
	}

HASH_CHECK(jhash, ref_jhash(p, n, seed))
HASH_CHECK(xxh64, ref_xxh64(p, n, seed))
HASH_CHECK(crc32c, ref_crc(p, n, seed, 0x82f63b78))
HASH_CHECK(crc32, ref_crc(p, n, seed, 0xedb88320))
HASH_CHECK(fnv1a64, ref_fnv1a64(p, n, seed))

static int check_sha256(struct run *r, char *why, size_t size)
{
	WANT_RET(0);
	ref_sha256(r->x, r->nx, r->ey);
	return 0;
}

/* The needle ("z", 7 letters, "y") at the end of the haystack; near misses before. */
static void fill_search(struct run *r, int at_start)
{
	unsigned int i, n = r->nx, m = r->ny;

	if (!r->sweep_y) {
		r->y[0] = 'z';
		letters(r->y + 1, m - 2);
		r->y[m - 1] = 'y';
		letters(r->x, n);
		/* The first and last bytes match here, not the one before the last. */
		for (i = 24; i + 2 * m <= n; i += 40) {
			memcpy(r->x + i, r->y, m);
			r->x[i + m - 2] = 'x';
		}
		if (m <= n)
			memcpy(r->x + (at_start ? 0 : n - m), r->y, m);
	} else {
		/* The needle: the haystack's last (first) bytes. */
		letters(r->x, n);
		memcpy(r->y, r->x + (at_start ? 0 : n - m), m);
	}
}

static void fill_strstr(struct run *r)
{
	fill_search(r, 0);
}

static void fill_strcasestr(struct run *r)
{
	unsigned int i;

	fill_search(r, 0);
	for (i = 0; i < r->nx; i++)
		if (rnd() & 1)
			r->x[i] = toupper(r->x[i]);
}

static void fill_strrstr(struct run *r)
{
	fill_search(r, 1);
}

static int check_strstr(struct run *r, char *why, size_t size)
{
	WANT_RET(ref_memmem(r->x, r->nx, r->y, r->ny));
	return 0;
}

static int check_strcasestr(struct run *r, char *why, size_t size)
{
	WANT_RET(r->ny ? ref_casestr(r->x, r->nx, r->y, r->ny) : 0);
	return 0;
}

static int check_strrstr(struct run *r, char *why, size_t size)
{
	WANT_RET(r->ny ? ref_rstr(r->x, r->nx, r->y, r->ny) : (long)r->nx);
	return 0;
}

/*
 * The swept string is the other's prefix but for the case of its last
 * byte: strcmp stops there, strcasecmp at the shorter one's end.
 */
static void fill_cmp(struct run *r)
{
	u8 *s = r->sweep_y ? r->y : r->x, *o = r->sweep_y ? r->x : r->y;
	unsigned int n = r->sweep_y ? r->ny : r->nx, m = r->sweep_y ? r->nx : r->ny;

	letters(o, m);
	memcpy(s, o, n);
	if (n)
		s[n - 1] = toupper(s[n - 1]);
}

static int check_strcmp(struct run *r, char *why, size_t size)
{
	WANT_RET(ref_strcmp(r->x, r->nx, r->y, r->ny, 0));
	return 0;
}

static int check_strcasecmp(struct run *r, char *why, size_t size)
{
	WANT_RET(ref_strcmp(r->x, r->nx, r->y, r->ny, 1));
	return 0;
}

/* Every byte accepted but the last; y sweeping: the set is y's letters. */
static void fill_strspn(struct run *r)
{
	unsigned int i;

	if (!r->sweep_y) {
		r->y[0] = 'a';
		memset(r->x, 'a', r->nx);
	} else {
		letters(r->y, r->ny);
		for (i = 0; i < r->nx; i++)
			r->x[i] = r->ny ? r->y[rnd() % r->ny] : 'a';
	}
	if (r->nx)
		r->x[r->nx - 1] = 'z';
}

/* No byte rejected but the last. */
static void fill_strcspn(struct run *r)
{
	unsigned int i;

	if (!r->sweep_y) {
		memcpy(r->y, "xyz", 3);
		letters(r->x, r->nx);
		if (r->nx)
			r->x[r->nx - 1] = 'z';
	} else {
		for (i = 0; i < r->ny; i++)
			r->y[i] = 'n' + rnd() % 10;
		for (i = 0; i < r->nx; i++)
			r->x[i] = 'a' + rnd() % 13;
		if (r->ny)
			r->x[r->nx - 1] = r->y[0];
	}
}

static int check_strspn(struct run *r, char *why, size_t size)
{
	WANT_RET(ref_span(r->x, r->nx, r->y, r->ny, 1));
	return 0;
}

static int check_strcspn(struct run *r, char *why, size_t size)
{
	WANT_RET(ref_span(r->x, r->nx, r->y, r->ny, 0));
	return 0;
}

/*
 * The affix is all of the swept string (x sweeping: a NUL ends the affix
 * there) or its first or last bytes (y sweeping); at odd indexes its last
 * byte differs.
 */
static void fill_affix(struct run *r, int end)
{
	unsigned int n = r->nx, m = r->ny, k;

	letters(r->x, n);
	letters(r->y, m);
	if (!r->sweep_y) {
		memcpy(r->y, r->x, n);
		if (n < m)
			r->y[n] = 0;
		k = n;
	} else {
		memcpy(r->y, r->x + (end ? n - m : 0), m);
		k = m;
	}
	if (k && r->i % 2)
		r->y[k - 1] = 'z';
}

static void fill_startswith(struct run *r)
{
	fill_affix(r, 0);
}

static void fill_endswith(struct run *r)
{
	fill_affix(r, 1);
}

static int check_startswith(struct run *r, char *why, size_t size)
{
	WANT_RET(ref_affix(r->x, r->nx, r->y, r->ny, 0));
	return 0;
}

static int check_endswith(struct run *r, char *why, size_t size)
{
	WANT_RET(ref_affix(r->x, r->nx, r->y, r->ny, 1));
	return 0;
}

/*
 * Pattern x sweeping: "*" and the string's last bytes, every fourth a '?'.
 * String y sweeping: "*?[YZ]" against letters ending with 'Z' ('x' at odd
 * indexes). Each is read to its end.
 */
static void fill_glob(struct run *r)
{
	unsigned int i, n = r->nx, m = r->ny;

	letters(r->y, m);
	if (!r->sweep_y) {
		if (n) {
			r->x[0] = '*';
			memcpy(r->x + 1, r->y + m - (n - 1), n - 1);
			for (i = 2; i < n; i += 4)
				r->x[i] = '?';
			if (r->i % 2)
				r->x[n - 1] = 'z';
		}
	} else {
		memcpy(r->x, "*?[YZ]", 6);
		if (m)
			r->y[m - 1] = r->i % 2 ? 'x' : 'Z';
	}
}

static int check_glob(struct run *r, char *why, size_t size)
{
	char p[MAXN + 1], s[MAXN + 1];

	memcpy(p, r->x, r->nx);
	p[r->nx] = 0;
	memcpy(s, r->y, r->ny);
	s[r->ny] = 0;
	WANT_RET(fnmatch(p, s, 0) == 0);
	return 0;
}

/* The swept buffer is a prefix of the other, its last byte changed at odd indexes. */
static void fill_memcmp(struct run *r)
{
	u8 *s = r->sweep_y ? r->y : r->x, *o = r->sweep_y ? r->x : r->y;
	unsigned int n = r->sweep_y ? r->ny : r->nx, m = r->sweep_y ? r->nx : r->ny;

	bytes_but(o, m, -1);
	memcpy(s, o, n);
	if (n && r->i % 2)
		s[n - 1] ^= 1;
}

static int check_memcmp(struct run *r, char *why, size_t size)
{
	WANT_RET(ref_memcmp(r->x, r->nx, r->y, r->ny));
	return 0;
}

static void fill_pb_varint(struct run *r)
{
	pb_varint_msg(r->x, r->nx, 1);
	r->arg = 1;
}

static int check_pb_varint(struct run *r, char *why, size_t size)
{
	struct pb_field f;
	u32 num = r->arg;
	int e = ref_pb(r->x, r->nx, &num, 1, &f);

	if (!e && f.wt != 0)
		e = -ENOMSG;
	WANT_RET(e);
	if (!e)
		WANT(r->val == f.val, "wrote %#llx, want %#llx", r->val, (unsigned long long)f.val);
	return 0;
}

/* x sweeping: the payload runs to the message's end; y sweeping: 1018 bytes. */
static void fill_pb_bytes(struct run *r)
{
	bytes_but(r->y, r->ny, -1);
	pb_bytes_msg(r->x, r->nx);
	r->arg = 1;
}

static int check_pb_bytes(struct run *r, char *why, size_t size)
{
	struct pb_field f;
	u32 num = r->arg;
	int e = ref_pb(r->x, r->nx, &num, 1, &f);

	if (!e && f.wt != 2)
		e = -ENOMSG;
	WANT_RET(e ? e : (long long)f.len);
	if (!e)
		memcpy(r->ey, r->x + f.off, f.len < r->ny ? f.len : r->ny);
	return 0;
}

/*
 * x sweeping: field 2, a submessage ending with varint field 1, at the end;
 * path 2, 1. y sweeping (the path): submessages 1 nested 8 deep, each with
 * varint field 2 = its depth first; path 1, ..., 1, 2.
 */
static void fill_pb_path(struct run *r)
{
	u8 lvl[256], tmp[256];
	unsigned int n = r->nx, len = 0, d, lb, i;
	u32 path[MAXN / 4 + 1];

	if (!r->sweep_y) {
		path[0] = 2;
		path[1] = 1;
		if (n < 3) {
			memset(r->x, 2 << 3 | 2, n);
		} else {
			lb = n - 2 <= 127 ? 1 : 2;
			r->x[0] = 2 << 3 | 2;
			put_varint(r->x + 1, n - 1 - lb, lb);
			pb_varint_msg(r->x + 1 + lb, n - 1 - lb, 1);
		}
	} else {
		for (d = 8; d > 0; d--) {
			tmp[0] = 2 << 3;
			tmp[1] = d;
			if (len) {
				tmp[2] = 1 << 3 | 2;
				tmp[3] = len;
				memcpy(tmp + 4, lvl, len);
				len += 4;
			} else {
				len = 2;
			}
			memcpy(lvl, tmp, len);
		}
		pb_pad(r->x, n - len);
		memcpy(r->x + n - len, lvl, len);
		for (i = 0; i < r->ny / 4 + 1; i++)
			path[i] = 1;
		if (r->ny >= 4)
			path[r->ny / 4 - 1] = 2;
	}
	memcpy(r->y, path, r->ny);
}

static int check_pb_path(struct run *r, char *why, size_t size)
{
	struct pb_field f;
	u32 path[MAXN / 4 + 1];
	int e;

	memcpy(path, r->y, r->ny);
	if (!r->ny || r->ny % 4 || r->ny / 4 > 8)
		e = -EINVAL;
	else
		e = ref_pb(r->x, r->nx, path, r->ny / 4, &f);
	if (!e && f.wt != 0)
		e = -ENOMSG;
	WANT_RET(e);
	if (!e)
		WANT(r->val == f.val, "wrote %#llx, want %#llx", r->val, (unsigned long long)f.val);
	return 0;
}

/* The cgroup path /proc/self/cgroup shows, and its length (-1: unknown). */
static char cg_path[4096];
static int cg_len = -1;

static void fill_cgroup(struct run *r)
{
	bytes_but(r->x, r->nx, -1);
}

static int check_cgroup(struct run *r, char *why, size_t size)
{
	WANT(cg_len >= 0, "no 0:: line in /proc/self/cgroup to compare with");
	if ((unsigned int)cg_len + 1 <= r->nx) {
		WANT_RET(cg_len);
		memcpy(r->ex, cg_path, cg_len + 1);
	} else {
		WANT_RET(-E2BIG);
		/* Truncated and NUL-terminated; nothing written into 0 bytes. */
		if (r->nx) {
			memcpy(r->ex, cg_path, r->nx - 1);
			r->ex[r->nx - 1] = 0;
		}
	}
	return 0;
}

/* ---- placements, and the driver ---- */

static const int one_buf[][2] = { { A_END, -1 }, { B_END, -1 }, { A_START, -1 } };
static const int two_bufs[][2] = {
	{ A_END, B_END }, { B_END, A_END }, { A_START, B_END }, { A_END, B_START },
};
static const int digest[][2] = { { A_END, B_END }, { B_END, A_END }, { A_START, B_START } };

static const char *place_name(int w)
{
	static char buf[4][80];

	switch (w) {
	case A_END:
		snprintf(buf[w], sizeof(buf[w]), "the end of a %d-byte map value (vmalloc)", VA);
		break;
	case B_END:
		snprintf(buf[w], sizeof(buf[w]), "the end of a %d-byte map value (kmalloc)", VB);
		break;
	case A_START:
		snprintf(buf[w], sizeof(buf[w]), "the start of a %d-byte map value", VA);
		break;
	default:
		snprintf(buf[w], sizeof(buf[w]), "the start of a %d-byte map value", VB);
	}
	return buf[w];
}

static unsigned int place_off(int w, unsigned int n)
{
	return w == A_END ? VA - n : w == B_END ? VB - n : 0;
}

/* The sizes as ranges: "0-65 95-97 ...". */
static void sizes_text(char *buf, size_t size)
{
	const u32 *s = skel->rodata->sizes;
	unsigned int i, j;
	size_t len = 0;

	buf[0] = 0;
	for (i = 0; i < nsizes; i = j + 1) {
		for (j = i; j + 1 < nsizes && s[j + 1] == s[j] + 1; j++)
			;
		if (j > i)
			len += snprintf(buf + len, size - len, "%s%u-%u", i ? " " : "", s[i], s[j]);
		else
			len += snprintf(buf + len, size - len, "%s%u", i ? " " : "", s[i]);
	}
}

static u8 img_a[VA], img_b[VB], got_b[VB];
/* Map a's value, mmapped (BPF_F_MMAPABLE): written and read without a syscall. */
static u8 *got_a;

/* Write the map values, x and y at their places in patterned images. */
static int load_maps(struct run *r, int use_a, int use_b)
{
	u32 key = 0;
	unsigned int i;

	for (i = 0; i < VA; i++)
		img_a[i] = 0xa5 ^ (i & 0x0f);
	for (i = 0; i < VB; i++)
		img_b[i] = 0x5a ^ (i & 0x0f);
	memcpy((r->wx < B_START ? img_a : img_b) + place_off(r->wx, r->nx), r->x, r->nx);
	if (r->wy >= 0)
		memcpy((r->wy < B_START ? img_a : img_b) + place_off(r->wy, r->ny), r->y, r->ny);
	if (use_a)
		memcpy(got_a, img_a, VA);
	if (use_b && bpf_map_update_elem(bpf_map__fd(skel->maps.mb), &key, img_b, BPF_ANY))
		return -errno;
	return 0;
}

/* The maps after a call must be the images with ex and ey in place of x and y. */
static int check_maps(struct run *r, int use_a, int use_b, char *why, size_t size)
{
	u32 key = 0;
	unsigned int i;

	memcpy((r->wx < B_START ? img_a : img_b) + place_off(r->wx, r->nx), r->ex, r->nx);
	if (r->wy >= 0)
		memcpy((r->wy < B_START ? img_a : img_b) + place_off(r->wy, r->ny), r->ey, r->ny);
	if (use_a) {
		for (i = 0; i < VA; i++)
			WANT(got_a[i] == img_a[i], "byte %u of the %d-byte value is %#x, want %#x",
			     i, VA, got_a[i], img_a[i]);
	}
	if (use_b) {
		if (bpf_map_lookup_elem(bpf_map__fd(skel->maps.mb), &key, got_b))
			WANT(0, "reading map b back: %s", strerror(errno));
		for (i = 0; i < VB; i++)
			WANT(got_b[i] == img_b[i], "byte %u of the %d-byte value is %#x, want %#x",
			     i, VB, got_b[i], img_b[i]);
	}
	return 0;
}

static struct run run_buf;

/* One call of @t at placement @p with the @i-th size; 0 when right. */
static int one(const struct test *t, const int *p, unsigned int i, char *why, size_t size)
{
	struct bounds_bpf__bss *bss = skel->bss;
	const u32 *s = skel->rodata->sizes;
	struct run *r = &run_buf;
	LIBBPF_OPTS(bpf_test_run_opts, opts);
	int use_a, use_b, err;
	unsigned int k;

	memset(r, 0, sizeof(*r));
	r->wx = p[0];
	r->wy = p[1];
	r->sweep_y = t->fix && i >= nsizes;
	r->i = r->sweep_y ? i - nsizes : i;
	r->nx = r->sweep_y ? t->fix[0] : s[r->i];
	r->ny = !t->fix ? (u32)t->ny : r->sweep_y ? s[r->i] : t->fix[1];
	rng_state = 0x9e3779b97f4a7c15ULL ^ ((u64)i << 32) ^ p[0] ^ (u64)(p[1] + 1) << 8;
	for (k = 0; t->kfunc[k]; k++)
		rng_state = (rng_state ^ (u8)t->kfunc[k]) * 0x100000001b3ULL;
	rng_state |= 1;
	t->fill(r);
	memcpy(r->ex, r->x, r->nx);
	memcpy(r->ey, r->y, r->ny);
	use_a = r->wx < B_START || (r->wy >= 0 && r->wy < B_START);
	use_b = r->wx >= B_START || r->wy >= B_START;
	err = load_maps(r, use_a, use_b);
	WANT(!err, "writing the maps: %s", strerror(-err));

	/* The program puts x and y in different maps: x's is xa's. */
	WANT(r->wy < 0 || (r->wx < B_START) != (r->wy < B_START),
	     "placements %d and %d are in the same map", r->wx, r->wy);
	bss->sel = i;
	bss->xa = r->wx < B_START;
	bss->ox = place_off(r->wx, r->nx);
	bss->oy = r->wy < 0 ? 0 : place_off(r->wy, r->ny);
	bss->arg = r->arg;
	bss->pid = getpid();
	bss->ret = 0x5a5a5a5a;
	bss->val = 0x5a5a5a5a5a5a5a5aULL;
	bss->used_nx = bss->used_ny = -1;
	err = bpf_prog_test_run_opts(bpf_program__fd(*t->prog), &opts);
	WANT(!err && !opts.retval, "BPF_PROG_TEST_RUN: %d, the program returned %u", err,
	     opts.retval);
	WANT(bss->used_nx == r->nx && bss->used_ny == r->ny,
	     "the program called with sizes %u and %u, not %u and %u", bss->used_nx,
	     bss->used_ny, r->nx, r->ny);
	r->ret = bss->ret;
	r->val = bss->val;
	if (t->check(r, why, size))
		return -1;
	return check_maps(r, use_a, use_b, why, size);
}

static void run_test(const struct test *t)
{
	unsigned int k, i, n, bad, calls;
	char why[256], sz[256], what[512];

	sizes_text(sz, sizeof(sz));
	for (k = 0; k < t->nplaces; k++) {
		const int *p = t->places[k];

		n = t->fix ? 2 * nsizes : nsizes;
		bad = 0;
		for (i = 0; i < n; i++) {
			if (!one(t, p, i, why, sizeof(why)))
				continue;
			if (bad++ < 8)
				fprintf(stderr, "%s, %s at %s: x %u bytes, y %u bytes: %s\n",
					t->kfunc, t->xname, place_name(p[0]), run_buf.nx,
					run_buf.ny, why);
		}
		calls = n;
		if (t->fix)
			snprintf(what, sizeof(what),
				 "%s at %s, %s at %s: %s sizes %s with a %u-byte %s, then %s sizes %s with a %u-byte %s (%u calls, %u wrong)",
				 t->xname, place_name(p[0]), t->yname, place_name(p[1]),
				 t->xname, sz, t->fix[1], t->yname, t->yname, sz, t->fix[0],
				 t->xname, calls, bad);
		else if (p[1] >= 0)
			snprintf(what, sizeof(what),
				 "%s at %s, sizes %s, %s (%u bytes) at %s (%u sizes, %u wrong)",
				 t->xname, place_name(p[0]), sz, t->yname, t->ny,
				 place_name(p[1]), calls, bad);
		else
			snprintf(what, sizeof(what), "%s at %s, sizes %s (%u sizes, %u wrong)",
				 t->xname, place_name(p[0]), sz, calls, bad);
		report(!bad, "bounds: %s, %s", t->kfunc, what);
	}
}

/* Move into a cgroup whose path is longer than 64 bytes: sizes 0 to 64 truncate. */
static char cg_dir[512];

static void cgroup_setup(void)
{
	static const char * const roots[] = { "/sys/fs/cgroup", "/tmp/kfunc-cgroup2" };
	char path[600], pid[32], buf[4096], *l;
	struct stat st;
	FILE *f;
	int i;

	snprintf(pid, sizeof(pid), "%d", getpid());
	for (i = 0; i < 2; i++) {
		snprintf(path, sizeof(path), "%s/cgroup.procs", roots[i]);
		if (stat(path, &st)) {
			mkdir(roots[i], 0755);
			if (mount("cgroup2", roots[i], "cgroup2", 0, NULL))
				continue;
		}
		snprintf(cg_dir, sizeof(cg_dir),
			 "%s/kfunc-bounds-%d-a-cgroup-name-longer-than-every-size-from-0-to-64", roots[i],
			 getpid());
		if (mkdir(cg_dir, 0755) && errno != EEXIST)
			continue;
		snprintf(path, sizeof(path), "%s/cgroup.procs", cg_dir);
		if (!write_file(path, pid))
			break;
		rmdir(cg_dir);
		cg_dir[0] = 0;
	}
	f = fopen("/proc/self/cgroup", "r");
	while (f && fgets(buf, sizeof(buf), f)) {
		if (strncmp(buf, "0::", 3))
			continue;
		l = strchr(buf, '\n');
		if (l)
			*l = 0;
		snprintf(cg_path, sizeof(cg_path), "%s", buf + 3);
		cg_len = strlen(cg_path);
	}
	if (f)
		fclose(f);
}

static void cgroup_cleanup(void)
{
	char path[600];

	if (!cg_dir[0])
		return;
	snprintf(path, sizeof(path), "%s/../cgroup.procs", cg_dir);
	write_file(path, "0");
	rmdir(cg_dir);
}

/*
 * kf_task_exe_path: the path and its NUL at the start of the buffer when
 * they fit. The header promises nothing of the other bytes of @buf (d_path()
 * builds the path from the buffer's end), nor of any on -E2BIG, so those
 * are taken as read; check_maps() still requires every byte around the
 * buffer untouched.
 */
static char exe_path[4096];
static int exe_len = -1;

static void fill_exe(struct run *r)
{
	bytes_but(r->x, r->nx, -1);
}

static int check_exe(struct run *r, char *why, size_t size)
{
	u8 *got = r->wx < B_START ? got_a : got_b;
	u32 key = 0;

	WANT(exe_len > 0, "readlink(/proc/self/exe) failed");
	if (r->wx >= B_START && bpf_map_lookup_elem(bpf_map__fd(skel->maps.mb), &key, got))
		WANT(0, "reading the map back: %s", strerror(errno));
	memcpy(r->ex, got + place_off(r->wx, r->nx), r->nx);
	if ((unsigned int)exe_len + 1 <= r->nx) {
		WANT_RET(exe_len);
		memcpy(r->ex, exe_path, exe_len + 1);
		WANT(!memcmp(got + place_off(r->wx, r->nx), exe_path, exe_len + 1),
		     "the buffer does not start with \"%s\" and its NUL", exe_path);
		return 0;
	}
	WANT_RET(-E2BIG);
	return 0;
}

#define T1(name, xn, c) \
	"kf_" #name, xn, "", &skel->progs.b_##name, NULL, 0, one_buf, ARRAY_SIZE(one_buf), fill_##c, \
	check_##c
#define T2(name, xn, yn, f, c) \
	"kf_" #name, xn, yn, &skel->progs.b_##name, skel->rodata->fix_b_##name, 0, two_bufs, \
	ARRAY_SIZE(two_bufs), f, c

int main(void)
{
	int err;

	skel = bounds_bpf__open();
	if (!skel) {
		report(0, "bounds: open the BPF object: %s", strerror(errno));
		return 1;
	}
	nsizes = ARRAY_SIZE(skel->rodata->sizes);
	err = bounds_bpf__load(skel);
	report(!err, "bounds: load %zu syscall programs, each with a call per size for %u sizes, at any offset of either map (verifier)",
	       sizeof(skel->progs) / sizeof(struct bpf_program *), nsizes);
	if (err) {
		bounds_bpf__destroy(skel);
		return 1;
	}
	got_a = mmap(NULL, VA, PROT_READ | PROT_WRITE, MAP_SHARED, bpf_map__fd(skel->maps.ma), 0);
	if (got_a == MAP_FAILED) {
		report(0, "bounds: mmap map a's %d-byte value: %s", VA, strerror(errno));
		bounds_bpf__destroy(skel);
		return 1;
	}
	cgroup_setup();
	exe_len = readlink("/proc/self/exe", exe_path, sizeof(exe_path) - 1);
	if (exe_len > 0)
		exe_path[exe_len] = 0;

	{
		const struct test tests[] = {
			{ T1(strnlen, "string", strnlen) },
			{ "kf_strchr", "string", "", &skel->progs.b_strchr, NULL, 0, one_buf,
			  ARRAY_SIZE(one_buf), fill_last_z, check_strchr },
			{ "kf_strrchr", "string", "", &skel->progs.b_strrchr, NULL, 0, one_buf,
			  ARRAY_SIZE(one_buf), fill_first_z, check_strrchr },
			{ T1(memchr, "buffer", memchr) },
			{ T1(memrchr, "buffer", memrchr) },
			{ T1(strtoull, "string", strtoull) },
			{ T1(strtoll, "string", strtoll) },
			{ "kf_memzero", "output", "", &skel->progs.b_memzero, NULL, 0, one_buf,
			  ARRAY_SIZE(one_buf), fill_random, check_memzero },
			{ "kf_memset", "output", "", &skel->progs.b_memset, NULL, 0, one_buf,
			  ARRAY_SIZE(one_buf), fill_random, check_memset },
			{ "kf_hash(KF_HASH_JHASH)", "data", "", &skel->progs.b_jhash, NULL, 0,
			  one_buf, ARRAY_SIZE(one_buf), fill_random, check_jhash },
			{ "kf_hash(KF_HASH_XXH64)", "data", "", &skel->progs.b_xxh64, NULL, 0,
			  one_buf, ARRAY_SIZE(one_buf), fill_random, check_xxh64 },
			{ "kf_hash(KF_HASH_CRC32C)", "data", "", &skel->progs.b_crc32c, NULL, 0,
			  one_buf, ARRAY_SIZE(one_buf), fill_random, check_crc32c },
			{ "kf_hash(KF_HASH_CRC32)", "data", "", &skel->progs.b_crc32, NULL, 0,
			  one_buf, ARRAY_SIZE(one_buf), fill_random, check_crc32 },
			{ "kf_hash(KF_HASH_FNV1A64)", "data", "", &skel->progs.b_fnv1a64, NULL, 0,
			  one_buf, ARRAY_SIZE(one_buf), fill_random, check_fnv1a64 },
			{ "kf_sha256", "data", "digest", &skel->progs.b_sha256, NULL, 32, digest,
			  ARRAY_SIZE(digest), fill_random, check_sha256 },
			{ "kf_pb_get_varint", "message", "", &skel->progs.b_pb_get_varint, NULL, 0,
			  one_buf, ARRAY_SIZE(one_buf), fill_pb_varint, check_pb_varint },
			{ T2(strstr, "haystack", "needle", fill_strstr, check_strstr) },
			{ T2(strcasestr, "haystack", "needle", fill_strcasestr, check_strcasestr) },
			{ T2(strrstr, "haystack", "needle", fill_strrstr, check_strrstr) },
			{ T2(strcmp, "s1", "s2", fill_cmp, check_strcmp) },
			{ T2(strcasecmp, "s1", "s2", fill_cmp, check_strcasecmp) },
			{ T2(strspn, "string", "accept", fill_strspn, check_strspn) },
			{ T2(strcspn, "string", "reject", fill_strcspn, check_strcspn) },
			{ T2(startswith, "string", "prefix", fill_startswith, check_startswith) },
			{ T2(endswith, "string", "suffix", fill_endswith, check_endswith) },
			{ T2(glob_match, "pattern", "string", fill_glob, check_glob) },
			{ T2(memcmp, "a", "b", fill_memcmp, check_memcmp) },
			{ T2(pb_get_bytes, "message", "output", fill_pb_bytes, check_pb_bytes) },
			{ T2(pb_get_varint_path, "message", "path", fill_pb_path, check_pb_path) },
			{ "kf_task_cgroup_path", "output", "", &skel->progs.b_task_cgroup_path,
			  NULL, 0, one_buf, ARRAY_SIZE(one_buf), fill_cgroup, check_cgroup },
			{ "kf_task_exe_path", "output", "", &skel->progs.b_task_exe_path,
			  NULL, 0, one_buf, ARRAY_SIZE(one_buf), fill_exe, check_exe },
		};
		unsigned int k;

		for (k = 0; k < ARRAY_SIZE(tests); k++)
			run_test(&tests[k]);
	}
	report(cg_dir[0] && cg_len > 64,
	       "bounds: kf_task_cgroup_path's path (\"%s\", %d bytes) is longer than 64 bytes (sizes 0-64 all truncate)",
	       cg_path, cg_len);
	cgroup_cleanup();
	bounds_bpf__destroy(skel);
	return failed;
}
