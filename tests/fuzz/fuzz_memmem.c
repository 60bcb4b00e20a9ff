// SPDX-License-Identifier: GPL-2.0
/*
 * Fuzz the search of a stream in pieces (src/lib/memmem.c). Input: a
 * flags byte (bit 0: case-insensitive), the needle's length, up to 16
 * piece lengths, then the needle and the stream. Each piece is its own
 * exact-size heap buffer (ASan catches a read past one); the result must
 * be glibc memmem's on the whole stream (on case-folded copies for the
 * case-insensitive search).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../../src/lib/kfl.h"

#define MAX_PIECES 17

struct pieces {
	unsigned char *p[MAX_PIECES];
	unsigned int len[MAX_PIECES];
	unsigned int n, next;
	int ended;
};

static unsigned int next_piece(void *ctx, const unsigned char **p)
{
	struct pieces *s = ctx;

	if (s->ended)
		abort();
	if (s->next == s->n) {
		s->ended = 1;
		return 0;
	}
	*p = s->p[s->next];
	return s->len[s->next++];
}

static void lower(unsigned char *p, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (p[i] >= 'A' && p[i] <= 'Z')
			p[i] += 32;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct pieces s = { 0 };
	unsigned int m, i, np, at = 0, len;
	unsigned char *hay, *nee, *fh, *fn;
	int icase;
	long got, want;
	const unsigned char *r;

	if (size < 2 + MAX_PIECES - 1)
		return 0;
	icase = data[0] & 1;
	m = 1 + data[1] % KFL_MEMMEM_MAX;
	np = data[2] % (MAX_PIECES - 1);
	data += 3;
	size -= 3;
	if (size < m + np)
		return 0;
	nee = malloc(m);
	if (!nee)
		abort();
	memcpy(nee, data + np, m);
	hay = (unsigned char *)data + np + m;
	len = size - np - m;
	/* Piece lengths 1 to 32 from the input, the rest in the last piece. */
	for (i = 0; i < np && at < len; i++) {
		s.len[s.n] = 1 + data[i] % 32;
		if (s.len[s.n] > len - at)
			s.len[s.n] = len - at;
		at += s.len[s.n++];
	}
	if (at < len)
		s.len[s.n++] = len - at;
	for (i = 0, at = 0; i < s.n; at += s.len[i++]) {
		s.p[i] = malloc(s.len[i]);
		if (!s.p[i])
			abort();
		memcpy(s.p[i], hay + at, s.len[i]);
	}
	got = kfl_memmem_blocks(next_piece, &s, (const char *)nee, m, icase);
	fh = malloc(len + 1);
	fn = malloc(m);
	if (!fh || !fn)
		abort();
	memcpy(fh, hay, len);
	memcpy(fn, nee, m);
	if (icase) {
		lower(fh, len);
		lower(fn, m);
	}
	r = memmem(fh, len, fn, m);
	want = r ? r - fh : -ENOENT;
	if (got != want)
		abort();
	for (i = 0; i < s.n; i++)
		free(s.p[i]);
	free(nee);
	free(fh);
	free(fn);
	return 0;
}
