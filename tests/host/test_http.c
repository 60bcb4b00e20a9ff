// SPDX-License-Identifier: GPL-2.0
/*
 * Tests of src/lib/http.c (kfl_http_header) under ASan/UBSan.
 *
 * Every lookup (check()) runs on exact-size heap copies of the message,
 * the name and the output buffer (ASan catches a byte too far):
 *  - from flat memory (src->data);
 *  - through a read callback (src->read) over the message stored in
 *    pieces of random small sizes, as a packet's fragments are; the
 *    callback records any request for no byte or for a byte at or past
 *    the end; requests over 64 bytes are allowed only as the last call
 *    of a lookup that succeeds (the copy of the value into @out);
 *  - with @out the very buffer that holds @name;
 *  - with the name's NUL inside @name_len, and without one;
 *  - through a plain reference written here from the contract in kfl.h;
 *  - and, for the callback, failing each of its calls in turn.
 * All must agree; @out must be exactly what the contract says: the value
 * cut to @out_len - 1 bytes and a NUL, every byte after it untouched, or
 * untouched as a whole on an error.
 *
 * test_python_vectors checks http_vectors.txt (made by http_vectors.py
 * with Python's http.client and http.server, from Debian's python3).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <cmocka.h>

#include "../../src/lib/kfl.h"
#include "http_ref.h"

#define POISON 0xa5
#define WIN 64			/* the largest request while scanning */

/* ------------------------------------------------------------------ */
/* A small deterministic PRNG. */

static uint64_t rng_state = 0x9e3779b97f4a7c15ULL;

static uint32_t rnd(void)
{
	rng_state ^= rng_state << 13;
	rng_state ^= rng_state >> 7;
	rng_state ^= rng_state << 17;
	return rng_state >> 32;
}

static unsigned int rndn(unsigned int n)
{
	return n ? rnd() % n : 0;
}

/* ------------------------------------------------------------------ */
/* The read callback over a message in pieces. */

#define MAXPIECES 4096

struct rctx {
	unsigned char *piece[MAXPIECES];
	unsigned int poff[MAXPIECES + 2];
	unsigned int npieces;
	unsigned int len;
	unsigned long calls;
	unsigned long fail_at;	/* fail this call (1-based) with err; 0: never */
	int err;
	int bad;		/* requests for no byte or out of the message */
	unsigned long big;	/* requests over WIN bytes */
	unsigned long last_big;	/* the call number of the last one */
};

static int rd(const void *ctx, unsigned int off, void *buf, unsigned int n)
{
	struct rctx *c = (struct rctx *)ctx;
	unsigned char *d = buf;
	unsigned int i, k;

	c->calls++;
	if (n == 0 || off >= c->len || n > c->len - off) {
		c->bad++;
		return -EFAULT;
	}
	if (n > WIN) {
		c->big++;
		c->last_big = c->calls;
	}
	if (c->fail_at && c->calls == c->fail_at)
		return c->err;
	/* The piece holding off, then on across pieces. */
	for (k = 0; c->poff[k + 1] <= off; k++)
		;
	for (i = 0; i < n; i++) {
		while (off + i >= c->poff[k + 1])
			k++;
		d[i] = c->piece[k][off + i - c->poff[k]];
	}
	return 0;
}

/* Split @m into pieces: @maxp 0 is one piece, else random 1..@maxp bytes. */
static void rctx_init(struct rctx *c, const unsigned char *m, unsigned int len, unsigned int maxp)
{
	unsigned int off = 0, n;

	memset(c, 0, sizeof(*c));
	c->len = len;
	while (off < len) {
		n = maxp ? 1 + rndn(maxp) : len;
		if (n > len - off || c->npieces == MAXPIECES - 1)
			n = len - off;
		c->piece[c->npieces] = malloc(n);
		assert_non_null(c->piece[c->npieces]);
		memcpy(c->piece[c->npieces], m + off, n);
		c->poff[c->npieces++] = off;
		off += n;
	}
	c->poff[c->npieces] = len;
	c->poff[c->npieces + 1] = ~0U;	/* npieces may be 0 */
}

static void rctx_free(struct rctx *c)
{
	unsigned int i;

	for (i = 0; i < c->npieces; i++)
		free(c->piece[i]);
}

/* ------------------------------------------------------------------ */
/* check(): one lookup, every way. */

static unsigned char *dup(const void *p, size_t n)
{
	unsigned char *d = malloc(n ? n : 1);

	assert_non_null(d);
	if (n)
		memcpy(d, p, n);
	return d;
}

static unsigned long n_lookups;

/*
 * @out (@out_len bytes, poisoned before the call) after a call that
 * returned @r: the value @want (@want_len bytes) cut and NUL-terminated,
 * the rest untouched; or all untouched on an error.
 */
static void check_out(const char *out, unsigned int out_len, long r,
		      const char *want, size_t want_len)
{
	unsigned int i, k = 0;

	if (r >= 0) {
		assert_int_equal(r, want_len);
		k = (unsigned long)r < out_len - 1 ? r : out_len - 1;
		assert_memory_equal(out, want, k);
		assert_int_equal(out[k], '\0');
		k++;
	}
	for (i = k; i < out_len; i++)
		assert_int_equal((unsigned char)out[i], POISON);
}

/* One lookup through the read callback with pieces of at most @maxp bytes. */
static long run_read(const unsigned char *m, unsigned int len, const char *name,
		     unsigned int name_len, unsigned int out_len, unsigned int maxp,
		     long want, const char *val, size_t val_len, unsigned long *calls)
{
	struct kfl_src s = { 0 };
	struct rctx c;
	char *out = malloc(out_len ? out_len : 1);
	long r;

	assert_non_null(out);
	memset(out, POISON, out_len);
	rctx_init(&c, m, len, maxp);
	s.len = len;
	s.read = rd;
	s.ctx = &c;
	/* A data pointer that must not be used: read wins. */
	s.data = (const unsigned char *)"GET / HTTP/1.1\r\nHost: wrong\r\n\r\n";
	r = kfl_http_header(&s, name, name_len, out, out_len);
	assert_int_equal(r, want);
	assert_int_equal(c.bad, 0);
	if (c.big)	/* only the copy of a value, the last call */
		assert_true(r >= 0 && c.big == 1 && c.last_big == c.calls);
	check_out(out, out_len, r, val, val_len);
	if (calls)
		*calls = c.calls;
	rctx_free(&c);
	free(out);
	return r;
}

/*
 * kfl_http_header(@m, @name, @out_len) must return @want, and @val
 * (@val_len bytes) when @want >= 0, every way. @name is @name_len bytes.
 */
static void check_n(const void *msg, unsigned int len, const char *name0,
		    unsigned int name_len, unsigned int out_len, long want,
		    const char *val, size_t val_len)
{
	static const unsigned int pieces[] = { 0, 1, 2, 3, 7, 13, 64, 65, 200 };
	unsigned char *m = dup(msg, len);
	char *name = (char *)dup(name0, name_len);
	char *out = malloc(out_len ? out_len : 1), *ref, *buf;
	struct kfl_src fs = { 0 };
	unsigned long calls, k;
	unsigned int i;
	long r;

	assert_non_null(out);
	n_lookups++;
	if (want >= 0)
		assert_int_equal(want, val_len);

	/* The reference agrees with the test's expectation. */
	ref = malloc(out_len ? out_len : 1);
	assert_non_null(ref);
	memset(ref, POISON, out_len);
	r = ref_http(m, len, name, name_len, ref, out_len);
	assert_int_equal(r, want);
	check_out(ref, out_len, r, val, val_len);
	free(ref);

	/* Flat. */
	fs.data = len ? m : NULL;
	fs.len = len;
	memset(out, POISON, out_len);
	r = kfl_http_header(&fs, name, name_len, out, out_len);
	assert_int_equal(r, want);
	check_out(out, out_len, r, val, val_len);

	/* Through the callback, pieces of several sizes. */
	for (i = 0; i < sizeof(pieces) / sizeof(pieces[0]); i++)
		run_read(m, len, name, name_len, out_len, pieces[i], want, val, val_len,
			 NULL);
	for (i = 0; i < 4; i++)
		run_read(m, len, name, name_len, out_len, 1 + rndn(16), want, val, val_len,
			 NULL);

	/* @out is @name: a buffer of max(name_len, out_len) bytes. */
	if (out_len && out_len >= name_len) {
		buf = malloc(out_len);
		assert_non_null(buf);
		memset(buf, POISON, out_len);
		memcpy(buf, name, name_len);
		r = kfl_http_header(&fs, buf, name_len, buf, out_len);
		assert_int_equal(r, want);
		if (r < 0) {
			assert_memory_equal(buf, name, name_len);
			for (i = name_len; i < out_len; i++)
				assert_int_equal((unsigned char)buf[i], POISON);
		} else {
			k = (unsigned long)r < out_len - 1 ? r : out_len - 1;
			assert_memory_equal(buf, val, k);
			assert_int_equal(buf[k], '\0');
		}
		free(buf);
	}

	/* Every read call failing in turn: its error, @out untouched. */
	run_read(m, len, name, name_len, out_len, 5, want, val, val_len, &calls);
	for (k = 1; k <= calls; k++) {
		struct kfl_src s = { 0 };
		struct rctx c;

		rctx_init(&c, m, len, 5);
		c.fail_at = k;
		c.err = k & 1 ? -EIO : -EFAULT;
		s.len = len;
		s.read = rd;
		s.ctx = &c;
		memset(out, POISON, out_len);
		r = kfl_http_header(&s, name, name_len, out, out_len);
		assert_int_equal(r, c.err);
		assert_int_equal(c.calls, k);	/* not called again after it failed */
		check_out(out, out_len, r, NULL, 0);
		rctx_free(&c);
	}

	free(m);
	free(name);
	free(out);
}

/*
 * The common case: @name is a C string, passed with its length (no NUL
 * within name_len) and again with its NUL and junk after it.
 */
static void check_len(const void *msg, unsigned int len, const char *name,
		      unsigned int out_len, long want, const char *val, size_t val_len)
{
	size_t n = strlen(name);
	char *junk = malloc(n + 6);

	assert_non_null(junk);
	memcpy(junk, name, n);
	memcpy(junk + n, "\0:x \x80", 6);
	check_n(msg, len, name, n, out_len, want, val, val_len);
	check_n(msg, len, junk, n + 6, out_len, want, val, val_len);
	free(junk);
}

/* A message as a C string literal, an out_len of 256. */
static void check(const char *msg, const char *name, long want, const char *val)
{
	check_len(msg, strlen(msg), name, 256, want, val, val ? strlen(val) : 0);
}

/* A literal with NULs in it: its size is the message's. */
#define CHECK_LIT(msg, name, want, val, val_len) \
	check_len(msg, sizeof(msg) - 1, name, 256, want, val, val_len)

#define FOUND(msg, name, val) check(msg, name, strlen(val), val)
#define ABSENT(msg, name) check(msg, name, -ENOENT, NULL)
#define BAD(msg, name) check(msg, name, -EBADMSG, NULL)

/* ------------------------------------------------------------------ */

static void test_request_lines(void **state)
{
	(void)state;
	FOUND("GET / HTTP/1.1\r\nHost: a\r\n\r\n", "Host", "a");
	FOUND("GET / HTTP/1.0\r\nHost: a\r\n\r\n", "Host", "a");
	FOUND("GET / HTTP/1.9\nHost: a\n\n", "Host", "a");
	FOUND("GET / HTTP/1.1\r\nHost: a\r\n", "Host", "a");
	FOUND("GET / HTTP/1.1\nHost: a\n", "Host", "a");
	FOUND("GET * HTTP/1.1\r\nHost: a\r\n\r\n", "Host", "a");
	FOUND("GET http://x.y:80/p?q=1#f HTTP/1.1\r\nHost: a\r\n\r\n", "Host", "a");
	/* every tchar in a method, every byte 0x21-0x7e in a target */
	FOUND("!#$%&'*+-.^_`|~09azAZ / HTTP/1.1\r\nHost: a\r\n\r\n", "Host", "a");
	FOUND("GET !\"#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ"
	      "[\\]^_`abcdefghijklmnopqrstuvwxyz{|}~ HTTP/1.1\r\nHost: a\r\n\r\n",
	      "Host", "a");
	/* methods that start like "HTTP/" */
	FOUND("HTTP / HTTP/1.1\r\nHost: a\r\n\r\n", "Host", "a");
	FOUND("HTTPS / HTTP/1.1\r\nHost: a\r\n\r\n", "Host", "a");
	FOUND("HTT / HTTP/1.1\r\nHost: a\r\n\r\n", "Host", "a");
	FOUND("H / HTTP/1.1\r\nHost: a\r\n\r\n", "Host", "a");
	FOUND("GET HTTP/1.1 HTTP/1.1\r\nHost: a\r\n\r\n", "Host", "a");
	/* the target may be long: more than a window */
	FOUND("GET /aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
	      "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa HTTP/1.1\r\nHost: a\r\n\r\n",
	      "Host", "a");
	/* nothing after the start line, an empty block */
	ABSENT("GET / HTTP/1.1\r\n", "Host");
	ABSENT("GET / HTTP/1.1\n", "Host");
	ABSENT("GET / HTTP/1.1\r\n\r\n", "Host");
	ABSENT("GET / HTTP/1.1\r\n\r\nHost: a\r\n", "Host");

	/* malformed request lines */
	BAD("GET /\r\nHost: a\r\n\r\n", "Host");		/* no version */
	BAD("GET / \r\nHost: a\r\n\r\n", "Host");
	BAD("GET\r\nHost: a\r\n\r\n", "Host");
	BAD("GET / HTTP/2.0\r\nHost: a\r\n\r\n", "Host");
	BAD("GET / HTTP/2\r\nHost: a\r\n\r\n", "Host");
	BAD("GET / HTTP/1\r\nHost: a\r\n\r\n", "Host");
	BAD("GET / HTTP/1.\r\nHost: a\r\n\r\n", "Host");
	BAD("GET / HTTP/1.x\r\nHost: a\r\n\r\n", "Host");
	BAD("GET / HTTP/1.10\r\nHost: a\r\n\r\n", "Host");
	BAD("GET / HTTP/1.1 \r\nHost: a\r\n\r\n", "Host");
	BAD("GET / HTTP/1.1\t\r\nHost: a\r\n\r\n", "Host");
	BAD("GET / http/1.1\r\nHost: a\r\n\r\n", "Host");	/* lower case */
	BAD("GET / Http/1.1\r\nHost: a\r\n\r\n", "Host");
	BAD("GET / HTTP/1,1\r\nHost: a\r\n\r\n", "Host");
	BAD("GET/ HTTP/1.1\r\nHost: a\r\n\r\n", "Host");	/* no SP */
	BAD("GET /HTTP/1.1\r\nHost: a\r\n\r\n", "Host");
	BAD("GET  / HTTP/1.1\r\nHost: a\r\n\r\n", "Host");	/* two SPs */
	BAD("GET /  HTTP/1.1\r\nHost: a\r\n\r\n", "Host");
	BAD("GET  HTTP/1.1\r\nHost: a\r\n\r\n", "Host");	/* empty target */
	BAD(" / HTTP/1.1\r\nHost: a\r\n\r\n", "Host");		/* empty method */
	BAD(" GET / HTTP/1.1\r\nHost: a\r\n\r\n", "Host");
	BAD("GET\t/ HTTP/1.1\r\nHost: a\r\n\r\n", "Host");
	BAD("GET /\tHTTP/1.1\r\nHost: a\r\n\r\n", "Host");
	BAD("GE(T / HTTP/1.1\r\nHost: a\r\n\r\n", "Host");	/* not a token */
	BAD("GET: / HTTP/1.1\r\nHost: a\r\n\r\n", "Host");
	BAD("GET /a\x7f HTTP/1.1\r\nHost: a\r\n\r\n", "Host");	/* target bytes */
	BAD("GET /a\x80 HTTP/1.1\r\nHost: a\r\n\r\n", "Host");
	BAD("GET /a\rb HTTP/1.1\r\nHost: a\r\n\r\n", "Host");
	BAD("GET / HTTP/1.1\r\r\nHost: a\r\n\r\n", "Host");	/* CR in the line */
	BAD("GET / HTTP/1.1\rHost: a\r\n\r\n", "Host");
	BAD("\r\nGET / HTTP/1.1\r\nHost: a\r\n\r\n", "Host");	/* leading empty line */
	BAD("\nGET / HTTP/1.1\r\nHost: a\r\n\r\n", "Host");
	/* no LF within the message */
	BAD("GET / HTTP/1.1", "Host");
	BAD("GET / HTTP/1.1\r", "Host");
	BAD("GET / HTTP/1.", "Host");
	BAD("GET", "Host");
	BAD("", "Host");
	BAD("H", "Host");
	BAD("HTTP/", "Host");
}

static void test_status_lines(void **state)
{
	(void)state;
	FOUND("HTTP/1.1 200 OK\r\nServer: s\r\n\r\n", "Server", "s");
	FOUND("HTTP/1.0 404 Not Found\nServer: s\n\n", "Server", "s");
	FOUND("HTTP/1.1 200\r\nServer: s\r\n\r\n", "Server", "s");
	FOUND("HTTP/1.1 200\nServer: s\n\n", "Server", "s");
	FOUND("HTTP/1.1 200 \r\nServer: s\r\n\r\n", "Server", "s");
	FOUND("HTTP/1.1 000 x\r\nServer: s\r\n\r\n", "Server", "s");
	FOUND("HTTP/1.9 999 x\r\nServer: s\r\n\r\n", "Server", "s");
	/* a reason phrase is anything up to the line's end */
	FOUND("HTTP/1.1 200  \t\x01\x7f\x80\xff\r :: HTTP/1.1 200\r\r\nServer: s\r\n\r\n",
	      "Server", "s");
	CHECK_LIT("HTTP/1.1 200 a\0b\r\nServer: s\r\n\r\n", "Server", 1, "s", 1);
	ABSENT("HTTP/1.1 200 OK\r\n", "Server");
	ABSENT("HTTP/1.1 200 OK\r\n\r\nServer: s\r\n", "Server");

	BAD("HTTP/1.1\r\nServer: s\r\n\r\n", "Server");		/* no code */
	BAD("HTTP/1.1 \r\nServer: s\r\n\r\n", "Server");
	BAD("HTTP/1.1 OK\r\nServer: s\r\n\r\n", "Server");
	BAD("HTTP/1.1 20\r\nServer: s\r\n\r\n", "Server");	/* two digits */
	BAD("HTTP/1.1 20 OK\r\nServer: s\r\n\r\n", "Server");
	BAD("HTTP/1.1 2\r\nServer: s\r\n\r\n", "Server");
	BAD("HTTP/1.1 2000\r\nServer: s\r\n\r\n", "Server");
	BAD("HTTP/1.1 200OK\r\nServer: s\r\n\r\n", "Server");
	BAD("HTTP/1.1 20x OK\r\nServer: s\r\n\r\n", "Server");
	BAD("HTTP/1.1  200 OK\r\nServer: s\r\n\r\n", "Server");
	BAD("HTTP/1.1\t200 OK\r\nServer: s\r\n\r\n", "Server");
	BAD("HTTP/1.1 200\tOK\r\nServer: s\r\n\r\n", "Server");
	BAD("HTTP/1.1 200\rOK\r\nServer: s\r\n\r\n", "Server");
	BAD("HTTP/1.1 200\r\r\nServer: s\r\n\r\n", "Server");
	BAD("HTTP/1.1200 OK\r\nServer: s\r\n\r\n", "Server");
	BAD("HTTP/2.0 200 OK\r\nServer: s\r\n\r\n", "Server");
	BAD("HTTP/2 200 OK\r\nServer: s\r\n\r\n", "Server");
	BAD("HTTP/1.x 200 OK\r\nServer: s\r\n\r\n", "Server");
	BAD("HTTP/1 200 OK\r\nServer: s\r\n\r\n", "Server");
	BAD("HTTP/1.11 200 OK\r\nServer: s\r\n\r\n", "Server");
	BAD("http/1.1 200 OK\r\nServer: s\r\n\r\n", "Server");	/* lower case */
	BAD("HTTP 200 OK\r\nServer: s\r\n\r\n", "Server");
	BAD("HTTP/1.1 200 OK", "Server");			/* no LF */
	BAD("HTTP/1.1 200 OK\r", "Server");
	BAD("HTTP/1.1 200", "Server");
	BAD("HTTP/1.1 20", "Server");
}

static void test_line_endings(void **state)
{
	(void)state;
	FOUND("GET / HTTP/1.1\r\nA: 1\r\nHost: a\r\n\r\n", "Host", "a");
	FOUND("GET / HTTP/1.1\nA: 1\nHost: a\n\n", "Host", "a");
	FOUND("GET / HTTP/1.1\r\nA: 1\nHost: a\r\n\n", "Host", "a");
	FOUND("GET / HTTP/1.1\nA: 1\r\nHost: a\n\r\n", "Host", "a");
	/* A CR inside a line is part of it: only the one before LF ends it. */
	FOUND("GET / HTTP/1.1\r\nHost: a\rb\r\n\r\n", "Host", "a\rb");
	FOUND("GET / HTTP/1.1\r\nHost: a\r\r\n\r\n", "Host", "a\r");
	FOUND("GET / HTTP/1.1\r\nHost: \ra \r\n\r\n", "Host", "\ra");
	FOUND("GET / HTTP/1.1\r\nHost:\r\r\n\r\n", "Host", "\r");
	FOUND("GET / HTTP/1.1\r\nA: x\ry\r\nHost: a\r\n\r\n", "Host", "a");
	/* a CR in a name, a line of a CR alone, a CR then a name */
	BAD("GET / HTTP/1.1\r\nHo\rst: a\r\n\r\n", "Host");
	BAD("GET / HTTP/1.1\r\nHost\r: a\r\n\r\n", "Host");
	BAD("GET / HTTP/1.1\r\n\r\r\nHost: a\r\n\r\n", "Host");
	BAD("GET / HTTP/1.1\r\n\rHost: a\r\n\r\n", "Host");
	BAD("GET / HTTP/1.1\r\nA: 1\r\n\r\r\n", "Host");
	/* "\r\n" and "\n" are the empty line; "\n\r" is LF, then a CR line */
	ABSENT("GET / HTTP/1.1\r\n\nHost: a\r\n", "Host");
	ABSENT("GET / HTTP/1.1\n\r\nHost: a\r\n", "Host");
	BAD("GET / HTTP/1.1\n\r Host: a\n\n", "Host");
	/* The CR before a LF is the ending's, even one alone at the end */
	ABSENT("GET / HTTP/1.1\r\n\r", "Host");
}

static void test_block_end(void **state)
{
	(void)state;
	ABSENT("GET / HTTP/1.1\r\nA: 1\r\n\r\nHost: a\r\n\r\n", "Host");
	ABSENT("GET / HTTP/1.1\nA: 1\n\nHost: a\n\n", "Host");
	ABSENT("HTTP/1.1 200 OK\r\nA: 1\r\n\r\nHost: a\r\n", "Host");
	/* nothing after the empty line is looked at, malformed or not */
	ABSENT("GET / HTTP/1.1\r\nA: 1\r\n\r\n\x01garbage : x\r\n\r\n", "Host");
	ABSENT("GET / HTTP/1.1\r\nA: 1\r\n\r\nHost : a\r\n", "Host");
	ABSENT("GET / HTTP/1.1\r\nA: 1\r\n\r\n\r\n\r\nHost: a\r\n", "Host");
	FOUND("GET / HTTP/1.1\r\nA: 1\r\n\r\nA: 2\r\n", "A", "1");
	FOUND("GET / HTTP/1.1\r\nHost: a\r\n\r\nHost: b\r\n", "Host", "a");
	/* a line of SP is not empty: a folded line */
	FOUND("GET / HTTP/1.1\r\n \r\nHost: a\r\n\r\n", "Host", "a");
	FOUND("GET / HTTP/1.1\r\n\t\r\nHost: a\r\n\r\n", "Host", "a");
}

static void test_cut(void **state)
{
	static const char full[] = "GET /index.html HTTP/1.1\r\nUser-Agent: curl/8\r\n"
		"Accept: */*\r\nHost: example.com\r\nX-Empty:\r\n\r\nbody";
	size_t n, len = strlen(full), host_end = strstr(full, "Host") - full + 19;
	long want;

	(void)state;
	/* the complete lines of a block with no empty line are searched */
	FOUND("GET / HTTP/1.1\r\nA: 1\r\nHost: a\r\n", "Host", "a");
	FOUND("GET / HTTP/1.1\r\nHost: a\r\nB: 2", "Host", "a");
	FOUND("GET / HTTP/1.1\r\nHost: a\nB", "Host", "a");
	FOUND("GET / HTTP/1.1\r\nHost: a\r\n\r", "Host", "a");
	/* an incomplete last line is ignored, whatever it holds */
	ABSENT("GET / HTTP/1.1\r\nA: 1\r\nHost: a", "Host");
	ABSENT("GET / HTTP/1.1\r\nA: 1\r\nHost: a\r", "Host");
	ABSENT("GET / HTTP/1.1\r\nA: 1\r\nHost:", "Host");
	ABSENT("GET / HTTP/1.1\r\nA: 1\r\nHost", "Host");
	ABSENT("GET / HTTP/1.1\r\nA: 1\r\nHost :", "Host");
	ABSENT("GET / HTTP/1.1\r\nA: 1\r\n\x01\x02 bad", "Host");
	ABSENT("GET / HTTP/1.1\r\nA: 1\r\n: bad", "Host");
	ABSENT("GET / HTTP/1.1\r\nA: 1\r\n ", "Host");
	ABSENT("GET / HTTP/1.1\r\nA: 1\r\n\r", "Host");
	ABSENT("GET / HTTP/1.1\r\nHost: a", "Host");

	/* every prefix of a message */
	for (n = 0; n <= len; n++) {
		if (n < strlen("GET /index.html HTTP/1.1\r\n"))
			want = -EBADMSG;
		else if (n < host_end)
			want = -ENOENT;
		else
			want = 11;
		check_len(full, n, "host", 256, want, "example.com", want >= 0 ? 11 : 0);
		if (n >= host_end + 10)
			check_len(full, n, "x-empty", 256, 0, "", 0);
	}
}

/* Names of 100 and 101 bytes; the value of the one sought spans windows. */
static void long_names(void)
{
	char m[600], name[102], val[300];
	size_t n = 0;
	unsigned int i;

	memset(name, 'a', 101);
	name[101] = '\0';
	for (i = 0; i < sizeof(val) - 1; i++)
		val[i] = 'A' + i % 26;
	val[sizeof(val) - 1] = '\0';
	n += sprintf(m + n, "GET / HTTP/1.1\r\n%s: 1\r\n", name + 1);
	name[0] = 'A';
	n += sprintf(m + n, "%s:   %s  \r\n\r\n", name, val);
	name[0] = 'a';
	check_len(m, n, name, 256, strlen(val), val, strlen(val));
	check_len(m, n, name, 400, strlen(val), val, strlen(val));
	check_len(m, n, name + 1, 256, 1, "1", 1);
	check_len(m, n, name + 2, 256, -ENOENT, NULL, 0);
}

static void test_names(void **state)
{
	(void)state;
	/* first occurrence wins, case-insensitively */
	FOUND("GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n", "Host", "a");
	FOUND("GET / HTTP/1.1\r\nhost: a\r\nHOST: b\r\n\r\n", "Host", "a");
	FOUND("GET / HTTP/1.1\r\nHOST: a\r\nHost: b\r\n\r\n", "host", "a");
	FOUND("GET / HTTP/1.1\r\nhOsT: a\r\n\r\n", "HoSt", "a");
	FOUND("GET / HTTP/1.1\r\nA: 1\r\nB: 2\r\nA: 3\r\n\r\n", "a", "1");
	/* whole names only */
	ABSENT("GET / HTTP/1.1\r\nHos: a\r\nHostt: b\r\nXHost: c\r\n\r\n", "Host");
	FOUND("GET / HTTP/1.1\r\nHostt: b\r\nHost: a\r\n\r\n", "Host", "a");
	FOUND("GET / HTTP/1.1\r\nHos: b\r\nHost: a\r\n\r\n", "Host", "a");
	/* only letters fold: '^' (0x5e) is not '~' (0x7e), '@' is not '`' */
	FOUND("GET / HTTP/1.1\r\nX-A~b: 1\r\nx-a^B: 2\r\n\r\n", "X-A^b", "2");
	FOUND("GET / HTTP/1.1\r\nX-A^b: 1\r\nx-a~B: 2\r\n\r\n", "X-A~b", "2");
	FOUND("GET / HTTP/1.1\r\nX`: 1\r\n\r\n", "x`", "1");
	FOUND("GET / HTTP/1.1\r\nX_: 1\r\nx-: 2\r\n\r\n", "X-", "2");
	/* every tchar in a name */
	FOUND("GET / HTTP/1.1\r\n!#$%&'*+-.^_`|~09azAZ: v\r\n\r\n",
	      "!#$%&'*+-.^_`|~09AZaz", "v");
	/* long names, longer than the read window */
	long_names();
}

static void test_bad_lines(void **state)
{
	(void)state;
	/* white space before the colon: not a field, "any other line" */
	BAD("GET / HTTP/1.1\r\nHost : a\r\n\r\n", "Host");
	BAD("GET / HTTP/1.1\r\nHost\t: a\r\n\r\n", "Host");
	BAD("GET / HTTP/1.1\r\nHost : a\r\nHost: b\r\n\r\n", "Host");
	BAD("GET / HTTP/1.1\r\nX : a\r\nHost: b\r\n\r\n", "Host");
	/* ...but only before the field is found */
	FOUND("GET / HTTP/1.1\r\nHost: b\r\nHost : a\r\n\r\n", "Host", "b");
	FOUND("GET / HTTP/1.1\r\nHost: b\r\n\x01\x02\r\n\r\n", "Host", "b");
	BAD("GET / HTTP/1.1\r\nA: 1\r\nHost : a\r\n\r\n", "A-B");
	/* lines that are not fields */
	BAD("GET / HTTP/1.1\r\nHost\r\n\r\n", "Host");
	BAD("GET / HTTP/1.1\r\nHost a\r\n\r\n", "Host");
	BAD("GET / HTTP/1.1\r\n: a\r\nHost: b\r\n\r\n", "Host");
	BAD("GET / HTTP/1.1\r\n:\r\n\r\n", "Host");
	BAD("GET / HTTP/1.1\r\nHo st: a\r\n\r\n", "Host");
	BAD("GET / HTTP/1.1\r\n[x]: a\r\nHost: b\r\n\r\n", "Host");
	BAD("GET / HTTP/1.1\r\nH\xf6st: a\r\nHost: b\r\n\r\n", "Host");
	BAD("GET / HTTP/1.1\r\nX/Y: a\r\nHost: b\r\n\r\n", "Host");
	BAD("GET / HTTP/1.1\r\nX\"Y: a\r\nHost: b\r\n\r\n", "Host");
	BAD("GET / HTTP/1.1\r\nGET / HTTP/1.1\r\nHost: b\r\n\r\n", "Host");
	CHECK_LIT("GET / HTTP/1.1\r\nHo\0st: a\r\nHost: b\r\n\r\n", "Host", -EBADMSG, NULL, 0);
	CHECK_LIT("GET / HTTP/1.1\r\n\0\r\nHost: b\r\n\r\n", "Host", -EBADMSG, NULL, 0);
}

static void test_obs_fold(void **state)
{
	(void)state;
	/* folded lines are skipped, not joined to the value before them */
	FOUND("GET / HTTP/1.1\r\nHost: a\r\n b\r\n\r\n", "Host", "a");
	FOUND("GET / HTTP/1.1\r\nHost: a\r\n\tb\r\n\r\n", "Host", "a");
	FOUND("GET / HTTP/1.1\r\nA: 1\r\n Host: x\r\nHost: a\r\n\r\n", "Host", "a");
	ABSENT("GET / HTTP/1.1\r\nA: 1\r\n Host: x\r\n\tHost: y\r\n\r\n", "Host");
	/* right after the start line too, and whatever they hold */
	FOUND("GET / HTTP/1.1\r\n x\r\nHost: a\r\n\r\n", "Host", "a");
	FOUND("GET / HTTP/1.1\r\n  : \x01\x7f\x80 :: \r\nHost: a\r\n\r\n", "Host", "a");
	FOUND("HTTP/1.1 200 OK\r\n\t\t\r\n \r\nHost: a\r\n\r\n", "Host", "a");
	FOUND("GET / HTTP/1.1\r\nA: 1\r\n Host : bad\r\nHost: a\r\n\r\n", "Host", "a");
	FOUND("GET / HTTP/1.1\r\nA: 1\r\n\t\r\r\nHost: a\r\n\r\n", "Host", "a");
}

static void test_values(void **state)
{
	(void)state;
	FOUND("GET / HTTP/1.1\r\nX:a\r\n\r\n", "X", "a");
	FOUND("GET / HTTP/1.1\r\nX: a\r\n\r\n", "X", "a");
	FOUND("GET / HTTP/1.1\r\nX:\t a \t\r\n\r\n", "X", "a");
	FOUND("GET / HTTP/1.1\r\nX: a  b\t c \r\n\r\n", "X", "a  b\t c");
	FOUND("GET / HTTP/1.1\nX: \t a b \t \n\n", "X", "a b");
	FOUND("GET / HTTP/1.1\r\nX: a:b: c:\r\n\r\n", "X", "a:b: c:");
	FOUND("GET / HTTP/1.1\r\nX::\r\n\r\n", "X", ":");
	FOUND("GET / HTTP/1.1\r\nX: \x80\xff \x01\x7f\r\n\r\n", "X", "\x80\xff \x01\x7f");
	FOUND("GET / HTTP/1.1\r\nX: \v\f\r\n\r\n", "X", "\v\f");
	/* empty values */
	FOUND("GET / HTTP/1.1\r\nX:\r\n\r\n", "X", "");
	FOUND("GET / HTTP/1.1\r\nX:\n\n", "X", "");
	FOUND("GET / HTTP/1.1\r\nX:   \r\n\r\n", "X", "");
	FOUND("GET / HTTP/1.1\r\nX: \t \t\r\nX: b\r\n\r\n", "X", "");
	FOUND("GET / HTTP/1.1\r\nX:\r\n", "X", "");
	/* a NUL is an ordinary byte of a value */
	CHECK_LIT("GET / HTTP/1.1\r\nX: a\0b \r\n\r\n", "X", 3, "a\0b", 3);
	CHECK_LIT("GET / HTTP/1.1\r\nX: \0\r\n\r\n", "X", 1, "\0", 1);
	/* a long value */
	FOUND("GET / HTTP/1.1\r\nX:         0123456789012345678901234567890123456789"
	      "012345678901234567890123456789012345678901234567890123456789"
	      "01234567890123456789012345678901234567890123456789               \r\n\r\n",
	      "X", "0123456789012345678901234567890123456789"
	      "012345678901234567890123456789012345678901234567890123456789"
	      "01234567890123456789012345678901234567890123456789");
}

static void test_out_len(void **state)
{
	static const char m[] = "GET / HTTP/1.1\r\nHost: example.com \r\n\r\n";
	unsigned int n;

	(void)state;
	/* every out_len from 1 to past the value: cut, NUL, full length */
	for (n = 1; n < 16; n++)
		check_len(m, strlen(m), "host", n, 11, "example.com", 11);
	check_len(m, strlen(m), "Host", 1, 11, "example.com", 11);
	check_len(m, strlen(m), "Host", 11, 11, "example.com", 11);
	check_len(m, strlen(m), "Host", 12, 11, "example.com", 11);
	check_len("GET / HTTP/1.1\r\nHost:\r\n", 23, "Host", 1, 0, "", 0);
	check_len("GET / HTTP/1.1\r\nHost:\r\n", 23, "Host", 2, 0, "", 0);
	/* errors do not depend on out_len */
	check_len(m, strlen(m), "Server", 1, -ENOENT, NULL, 0);
	check_len("GET /", 5, "Host", 1, -EBADMSG, NULL, 0);
}

/* out == name, explicitly: the name is read before the value is written. */
static void test_alias(void **state)
{
	static const char m[] = "GET / HTTP/1.1\r\nHo: x\r\nHost: example.com\r\n\r\n";
	struct kfl_src s = { .data = (const unsigned char *)m, .len = sizeof(m) - 1 };
	char buf[32];

	(void)state;
	strcpy(buf, "Host");
	assert_int_equal(kfl_http_header(&s, buf, sizeof(buf), buf, sizeof(buf)), 11);
	assert_string_equal(buf, "example.com");

	/* The buffer just holds the name: the value is cut to it. */
	memcpy(buf, "Host", 4);
	memset(buf + 4, 'Z', sizeof(buf) - 4);
	assert_int_equal(kfl_http_header(&s, buf, 4, buf, 4), 11);
	assert_string_equal(buf, "exa");
	assert_int_equal(buf[4], 'Z');

	memcpy(buf, "Host\0", 5);
	assert_int_equal(kfl_http_header(&s, buf, 5, buf, 5), 11);
	assert_string_equal(buf, "exam");

	/* On an error, the name is still there. */
	strcpy(buf, "Server");
	assert_int_equal(kfl_http_header(&s, buf, sizeof(buf), buf, sizeof(buf)), -ENOENT);
	assert_string_equal(buf, "Server");

	/* A value that is the name, longer, shorter */
	check("GET / HTTP/1.1\r\nHost: Host\r\n\r\n", "Host", 4, "Host");
	check("GET / HTTP/1.1\r\nHost: HostHostHost\r\n\r\n", "Host", 12, "HostHostHost");
	check("GET / HTTP/1.1\r\nHost: H\r\n\r\n", "Host", 1, "H");
}

/* A read callback that must not be called. */
static int rd_never(const void *ctx, unsigned int off, void *buf, unsigned int n)
{
	(void)ctx;
	(void)off;
	(void)buf;
	(void)n;
	fail_msg("read called");
	return -EIO;
}

static void test_einval(void **state)
{
	static const char m[] = "GET / HTTP/1.1\r\nHost: a\r\n\r\n";
	struct kfl_src fs = { .data = (const unsigned char *)m, .len = sizeof(m) - 1 };
	struct kfl_src rs = { .len = sizeof(m) - 1, .read = rd_never };
	struct kfl_src bad = { .data = (const unsigned char *)"x", .len = 1, .read = rd_never };
	static const char *const names[] = {
		"", ":", "Host:", "Ho st", "Host ", " Host", "\tHost", "Host\r", "Host\n",
		"H\x80", "\xff", "(", ")", ",", "/", ";", "<", "=", ">", "?", "@", "[",
		"\\", "]", "{", "}", "\"", "\x7f", "\x01",
	};
	const struct kfl_src *srcs[] = { &fs, &rs, &bad };
	char out[8];
	unsigned int i, k;

	(void)state;
	for (k = 0; k < 3; k++) {
		for (i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
			memset(out, POISON, sizeof(out));
			assert_int_equal(kfl_http_header(srcs[k], names[i], strlen(names[i]),
							 out, sizeof(out)), -EINVAL);
			check_out(out, sizeof(out), -EINVAL, NULL, 0);
			/* ...also with the NUL inside name_len */
			assert_int_equal(kfl_http_header(srcs[k], names[i], strlen(names[i]) + 1,
							 out, sizeof(out)), -EINVAL);
			check_out(out, sizeof(out), -EINVAL, NULL, 0);
		}
		/* name_len 0, or a NUL first: empty */
		assert_int_equal(kfl_http_header(srcs[k], "Host", 0, out, sizeof(out)), -EINVAL);
		assert_int_equal(kfl_http_header(srcs[k], "\0Host", 5, out, sizeof(out)),
				 -EINVAL);
		/* NULLs and out_len 0 */
		assert_int_equal(kfl_http_header(srcs[k], NULL, 4, out, sizeof(out)), -EINVAL);
		assert_int_equal(kfl_http_header(srcs[k], NULL, 0, out, sizeof(out)), -EINVAL);
		assert_int_equal(kfl_http_header(srcs[k], "Host", 4, NULL, sizeof(out)),
				 -EINVAL);
		assert_int_equal(kfl_http_header(srcs[k], "Host", 4, NULL, 0), -EINVAL);
		assert_int_equal(kfl_http_header(srcs[k], "Host", 4, out, 0), -EINVAL);
		check_out(out, sizeof(out), -EINVAL, NULL, 0);
	}
	assert_int_equal(kfl_http_header(NULL, "Host", 4, out, sizeof(out)), -EINVAL);
	check_out(out, sizeof(out), -EINVAL, NULL, 0);

	/* a name that fills name_len, no NUL: the bytes after are not read */
	check_n(m, sizeof(m) - 1, "HostXYZ", 4, 8, 1, "a", 1);
	check_n(m, sizeof(m) - 1, "Hos", 3, 8, -ENOENT, NULL, 0);
	check_n(m, sizeof(m) - 1, "Host\0\x80:", 7, 8, 1, "a", 1);

	/* no data and no read: an empty message, or an invalid source */
	fs.data = NULL;
	fs.len = 0;
	assert_int_equal(kfl_http_header(&fs, "Host", 4, out, sizeof(out)), -EBADMSG);
	fs.len = 5;
	assert_int_equal(kfl_http_header(&fs, "Host", 4, out, sizeof(out)), -EINVAL);
	check_out(out, sizeof(out), -EINVAL, NULL, 0);
	/* read is used whenever it is set, even with data */
	rs.len = 0;
	assert_int_equal(kfl_http_header(&rs, "Host", 4, out, sizeof(out)), -EBADMSG);
}

/* A positive value from read is not an errno: -EINVAL. */
static void test_read_errors(void **state)
{
	static const char m[] = "GET / HTTP/1.1\r\nHost: a\r\n\r\n";
	struct rctx c;
	struct kfl_src s = { .len = sizeof(m) - 1, .read = rd };
	char out[8];
	unsigned long k, calls;

	(void)state;
	/* Count the calls of a lookup, then fail each. */
	rctx_init(&c, (const unsigned char *)m, sizeof(m) - 1, 3);
	s.ctx = &c;
	assert_int_equal(kfl_http_header(&s, "Host", 4, out, sizeof(out)), 1);
	calls = c.calls;
	rctx_free(&c);
	assert_true(calls >= 2);
	for (k = 1; k <= calls; k++) {
		rctx_init(&c, (const unsigned char *)m, sizeof(m) - 1, 3);
		s.ctx = &c;
		c.fail_at = k;
		c.err = 1;
		memset(out, POISON, sizeof(out));
		assert_int_equal(kfl_http_header(&s, "Host", 4, out, sizeof(out)), -EINVAL);
		check_out(out, sizeof(out), -EINVAL, NULL, 0);
		rctx_free(&c);
	}
	/* Errors passed through (every call fails in check_n too). */
	rctx_init(&c, (const unsigned char *)m, sizeof(m) - 1, 0);
	s.ctx = &c;
	c.fail_at = 1;
	c.err = -ENOMEM;
	assert_int_equal(kfl_http_header(&s, "Host", 4, out, sizeof(out)), -ENOMEM);
	rctx_free(&c);
}

/* ------------------------------------------------------------------ */

static int unhex(const char *h, size_t n, unsigned char *out)
{
	unsigned int b;
	size_t i;

	if (n % 2)
		return -1;
	for (i = 0; i < n / 2; i++) {
		if (sscanf(h + 2 * i, "%2x", &b) != 1)
			return -1;
		out[i] = b;
	}
	return n / 2;
}

static void test_python_vectors(void **state)
{
	FILE *f = fopen("http_vectors.txt", "r");
	char *line = NULL, *sp1, *sp2, *nl;
	unsigned char *msg, *val;
	unsigned long count = 0, found = 0;
	size_t cap = 0;
	ssize_t n;
	int mlen, vlen;

	(void)state;
	if (!f)
		fail_msg("http_vectors.txt: %s (make http_vectors.txt, run from tests/host)",
			 strerror(errno));
	while ((n = getline(&line, &cap, f)) > 0) {
		nl = strchr(line, '\n');
		if (nl)
			*nl = '\0';
		sp1 = strchr(line, ' ');
		assert_non_null(sp1);
		sp2 = strchr(sp1 + 1, ' ');
		assert_non_null(sp2);
		*sp1 = *sp2 = '\0';
		msg = malloc(n);
		val = malloc(n);
		assert_non_null(msg);
		assert_non_null(val);
		mlen = unhex(line, strlen(line), msg);
		assert_true(mlen >= 0);
		if (!strcmp(sp2 + 1, "absent")) {
			check_len(msg, mlen, sp1 + 1, 256, -ENOENT, NULL, 0);
		} else {
			assert_int_equal(sp2[1], '=');
			vlen = unhex(sp2 + 2, strlen(sp2 + 2), val);
			assert_true(vlen >= 0);
			check_len(msg, mlen, sp1 + 1, 256, vlen, (char *)val, vlen);
			/* and cut */
			check_len(msg, mlen, sp1 + 1, 1 + rndn(vlen + 1), vlen, (char *)val,
				  vlen);
			found++;
		}
		free(msg);
		free(val);
		count++;
	}
	free(line);
	fclose(f);
	if (!count)
		fail_msg("http_vectors.txt is empty");
	print_message("# %lu vectors from Python's http.client/http.server: %lu found, %lu absent\n",
		      count, found, count - found);
}

/* ------------------------------------------------------------------ */
/* Random messages, mostly well-formed, then mutated; against the reference. */

struct buf {
	unsigned char p[8192];
	size_t n;
};

static void put(struct buf *b, const void *p, size_t n)
{
	if (n > sizeof(b->p) - b->n)
		n = sizeof(b->p) - b->n;
	memcpy(b->p + b->n, p, n);
	b->n += n;
}

static void puts_(struct buf *b, const char *s)
{
	put(b, s, strlen(s));
}

static void putc_(struct buf *b, unsigned char c)
{
	put(b, &c, 1);
}

static const char *const rnames[] = {
	"Host", "host", "HOST", "Accept", "X-A^b", "X-A~b", "a", "Content-Length", "X",
};

static void rnd_eol(struct buf *b)
{
	puts_(b, rndn(3) ? "\r\n" : "\n");
}

static void rnd_message(struct buf *b)
{
	static const char *const ws[] = { "", " ", "\t", "  ", " \t ", "\r" };
	static const char *const starts[] = {
		"GET / HTTP/1.1", "HTTP/1.1 200 OK", "HTTP/1.0 404", "POST /x?y HTTP/1.0",
		"HTTP/1.1 200 ", "GET /", "HTTP/1.1 20",
	};
	unsigned int i, k, nf = rndn(12);

	b->n = 0;
	puts_(b, starts[rndn(100) < 95 ? rndn(5) : rndn(7)]);
	rnd_eol(b);
	for (i = 0; i < nf; i++) {
		switch (rndn(20)) {
		case 0:
			putc_(b, rndn(2) ? ' ' : '\t');
			puts_(b, "fold");
			break;
		case 1:
			puts_(b, "Host : bad");
			break;
		default:
			puts_(b, rnames[rndn(sizeof(rnames) / sizeof(rnames[0]))]);
			putc_(b, ':');
			puts_(b, ws[rndn(6)]);
			for (k = rndn(100) < 90 ? rndn(8) : rndn(200); k; k--)
				putc_(b, rndn(10) ? (unsigned char)('a' + rndn(26)) :
				      (unsigned char)" \t:\x80"[rndn(4)]);
			puts_(b, ws[rndn(6)]);
			break;
		}
		rnd_eol(b);
	}
	if (rndn(4)) {
		rnd_eol(b);
		puts_(b, "Host: body\r\n");
	}
}

static void mutate(struct buf *b)
{
	static const unsigned char special[] = { '\r', '\n', ' ', '\t', ':', 'H', 0, 0x80 };
	unsigned int k, pos;

	for (k = 1 + rndn(3); k && b->n; k--) {
		pos = rndn(b->n);
		switch (rndn(4)) {
		case 0:
			b->p[pos] = special[rndn(sizeof(special))];
			break;
		case 1:
			b->p[pos] = rnd();
			break;
		case 2:
			memmove(b->p + pos, b->p + pos + 1, b->n - pos - 1);
			b->n--;
			break;
		default:
			b->n = pos;	/* cut */
			break;
		}
	}
}

#define RANDOM_MESSAGES 3000

static void test_random(void **state)
{
	static const char *const qnames[] = { "Host", "accept", "X-A^B", "x", "Nope" };
	static struct buf b;
	unsigned long counts[4] = { 0 };
	unsigned int i, q, out_len;
	char tmp[256];
	long r;

	(void)state;
	for (i = 0; i < RANDOM_MESSAGES; i++) {
		rnd_message(&b);
		if (i % 2)
			mutate(&b);
		q = rndn(5);
		out_len = rndn(4) ? 256 : 1 + rndn(8);
		r = ref_http(b.p, b.n, qnames[q], strlen(qnames[q]), tmp, sizeof(tmp));
		if (r >= 0 && r > (long)sizeof(tmp) - 1)
			continue;	/* cannot happen with these messages */
		check_len(b.p, b.n, qnames[q], out_len, r, tmp, r >= 0 ? r : 0);
		counts[r >= 0 ? 0 : r == -ENOENT ? 1 : r == -EBADMSG ? 2 : 3]++;
	}
	assert_int_equal(counts[3], 0);
	print_message("# %u random messages: %lu found, %lu ENOENT, %lu EBADMSG\n",
		      RANDOM_MESSAGES, counts[0], counts[1], counts[2]);
}

/* Large messages: long lines, many fields; linear time. */
static void test_large(void **state)
{
	size_t cap = 4u << 20, n = 0, i;
	unsigned char *m = malloc(cap);
	struct kfl_src s = { 0 };
	char out[64];
	clock_t t;
	long r;

	(void)state;
	assert_non_null(m);
	n += sprintf((char *)m, "GET / HTTP/1.1\r\n");
	while (n < cap - 200)
		n += sprintf((char *)m + n, "X-Field-%zu: %zu\r\n", n, n);
	n += sprintf((char *)m + n, "Host: last\r\n\r\n");
	s.data = m;
	s.len = n;
	t = clock();
	r = kfl_http_header(&s, "Host", 4, out, sizeof(out));
	t = clock() - t;
	assert_int_equal(r, 4);
	assert_string_equal(out, "last");
	print_message("# %zu bytes of short fields, flat: %.2f ms\n", n,
		      1000.0 * t / CLOCKS_PER_SEC);
	/* One line of 4 MB. */
	n = sprintf((char *)m, "GET / HTTP/1.1\r\nX: ");
	for (i = n; i < cap - 20; i++)
		m[i] = 'a';
	n = i + sprintf((char *)m + i, "\r\nHost: h\r\n\r\n");
	s.len = n;
	assert_int_equal(kfl_http_header(&s, "Host", 4, out, sizeof(out)), 1);
	r = kfl_http_header(&s, "x", 1, out, sizeof(out));
	assert_int_equal(r, cap - 20 - 19);
	assert_int_equal(strlen(out), sizeof(out) - 1);
	/* through the callback */
	check_len(m, 5000, "x", 64, -ENOENT, NULL, 0);
	free(m);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_request_lines),
		cmocka_unit_test(test_status_lines),
		cmocka_unit_test(test_line_endings),
		cmocka_unit_test(test_block_end),
		cmocka_unit_test(test_cut),
		cmocka_unit_test(test_names),
		cmocka_unit_test(test_bad_lines),
		cmocka_unit_test(test_obs_fold),
		cmocka_unit_test(test_values),
		cmocka_unit_test(test_out_len),
		cmocka_unit_test(test_alias),
		cmocka_unit_test(test_einval),
		cmocka_unit_test(test_read_errors),
		cmocka_unit_test(test_python_vectors),
		cmocka_unit_test(test_random),
		cmocka_unit_test(test_large),
	};
	int r;

	cmocka_set_message_output(CM_OUTPUT_TAP);
	r = cmocka_run_group_tests_name("http", tests, NULL, NULL);
	print_message("# %lu lookups checked every way\n", n_lookups);
	return r;
}
