// SPDX-License-Identifier: GPL-2.0
/*
 * Host unit tests of the search of a stream in pieces (src/lib/memmem.c),
 * behind kf_skb_memmem and kf_xdp_memmem: against glibc's memmem (and a
 * case-folding reference) over random streams cut at random places, every
 * piece in its own exact-size allocation (ASan sees a byte read past one).
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

#define MAX_PIECES 64

struct pieces {
	unsigned char *p[MAX_PIECES];
	unsigned int len[MAX_PIECES];
	unsigned int n, next, calls;
	int ended;
};

static unsigned int next_piece(void *ctx, const unsigned char **p)
{
	struct pieces *s = ctx;

	s->calls++;
	/* Never called again once it said "end". */
	assert_false(s->ended);
	if (s->next == s->n) {
		s->ended = 1;
		return 0;
	}
	*p = s->p[s->next];
	return s->len[s->next++];
}

/* Cut @len bytes of @data into pieces at the @ncuts offsets of @cuts. */
static void cut(struct pieces *s, const unsigned char *data, unsigned int len,
		const unsigned int *cuts, unsigned int ncuts)
{
	unsigned int at = 0, i, end;

	memset(s, 0, sizeof(*s));
	for (i = 0; i <= ncuts && s->n < MAX_PIECES; i++) {
		end = i < ncuts ? cuts[i] : len;
		if (end <= at)
			continue;
		s->len[s->n] = end - at;
		s->p[s->n] = malloc(end - at);
		assert_non_null(s->p[s->n]);
		memcpy(s->p[s->n], data + at, end - at);
		s->n++;
		at = end;
	}
}

static void release(struct pieces *s)
{
	unsigned int i;

	for (i = 0; i < s->n; i++)
		free(s->p[i]);
}

static unsigned char fold(unsigned char c)
{
	return c >= 'A' && c <= 'Z' ? c + 32 : c;
}

static long ref(const unsigned char *h, unsigned int len, const unsigned char *n,
		unsigned int m, int icase)
{
	unsigned int i, j;
	const unsigned char *r;

	if (!icase) {
		r = memmem(h, len, n, m);
		return r ? r - h : -ENOENT;
	}
	for (i = 0; i + m <= len; i++) {
		for (j = 0; j < m && fold(h[i + j]) == fold(n[j]); j++)
			;
		if (j == m)
			return i;
	}
	return -ENOENT;
}

static void check(const unsigned char *data, unsigned int len, const unsigned int *cuts,
		  unsigned int ncuts, const unsigned char *needle, unsigned int m, int icase)
{
	struct pieces s;
	long got, want = ref(data, len, needle, m, icase);
	char *n = malloc(m);

	assert_non_null(n);
	memcpy(n, needle, m);
	cut(&s, data, len, cuts, ncuts);
	got = kfl_memmem_blocks(next_piece, &s, n, m, icase);
	if (got != want)
		fail_msg("len %u, needle %u bytes, %u pieces, icase %d: got %ld, want %ld",
			 len, m, s.n, icase, got, want);
	/* A match ends the reading at the piece where it ends. */
	if (want >= 0)
		assert_false(s.ended);
	release(&s);
	free(n);
}

static void test_straddles_every_cut(void **state)
{
	static const unsigned char hay[] = "xxxxxxxxxxHTTP/1.1 Host: example.comyyyyyyyy";
	static const unsigned char nee[] = "Host: example.com";
	unsigned int len = sizeof(hay) - 1, m = sizeof(nee) - 1, a, b, cuts[2];

	(void)state;
	/* Every one or two cuts, the match's own bytes split every way. */
	for (a = 0; a <= len; a++) {
		check(hay, len, &a, 1, nee, m, 0);
		for (b = a; b <= len; b++) {
			cuts[0] = a;
			cuts[1] = b;
			check(hay, len, cuts, 2, nee, m, 0);
			check(hay, len, cuts, 2, (const unsigned char *)"HOST: EXAMPLE.COM", m, 1);
		}
	}
}

static void test_one_byte_pieces(void **state)
{
	unsigned char hay[300], nee[256];
	unsigned int cuts[MAX_PIECES], i;

	(void)state;
	/* 63 one-byte pieces, then the rest: the window spans many pieces. */
	for (i = 0; i < sizeof(hay); i++)
		hay[i] = 'a' + i % 7;
	for (i = 0; i < MAX_PIECES - 1; i++)
		cuts[i] = i + 1;
	memcpy(nee, hay + 40, 50);
	check(hay, sizeof(hay), cuts, MAX_PIECES - 1, nee, 50, 0);
	memcpy(nee, hay + 3, 60);
	check(hay, sizeof(hay), cuts, MAX_PIECES - 1, nee, 60, 0);
	/* The longest needle, ending in the last piece. */
	memcpy(nee, hay + 44, 256);
	check(hay, sizeof(hay), cuts, MAX_PIECES - 1, nee, 256, 0);
	nee[255] ^= 1;
	check(hay, sizeof(hay), cuts, MAX_PIECES - 1, nee, 256, 0);
}

static void test_random(void **state)
{
	unsigned char hay[2048], nee[KFL_MEMMEM_MAX];
	unsigned int cuts[MAX_PIECES], round, len, m, ncuts, i, alpha, found = 0;
	unsigned int t;

	(void)state;
	srandom(1);
	for (round = 0; round < 40000; round++) {
		len = random() % sizeof(hay);
		alpha = 1 + random() % 4;
		for (i = 0; i < len; i++)
			hay[i] = "aAbB\0\xff"[random() % (alpha + 2)];
		m = 1 + random() % (round % 8 ? 12 : KFL_MEMMEM_MAX);
		if (len >= m && random() % 2)
			memcpy(nee, hay + random() % (len - m + 1), m);
		else
			for (i = 0; i < m; i++)
				nee[i] = "aAbB\0\xff"[random() % (alpha + 2)];
		ncuts = random() % MAX_PIECES;
		for (i = 0; i < ncuts; i++)
			cuts[i] = len ? random() % (len + 1) : 0;
		/* Sorted cuts (insertion sort): repeated ones make no piece. */
		for (i = 1; i < ncuts; i++) {
			t = cuts[i];
			int j = i;

			for (; j > 0 && cuts[j - 1] > t; j--)
				cuts[j] = cuts[j - 1];
			cuts[j] = t;
		}
		check(hay, len, cuts, ncuts, nee, m, round % 3 == 0);
		found += ref(hay, len, nee, m, round % 3 == 0) >= 0;
	}
	/* Both outcomes were exercised, many times. */
	assert_true(found > 10000 && found < 30000);
}

static void test_invalid(void **state)
{
	struct pieces s;
	unsigned char big[KFL_MEMMEM_MAX + 1] = { 0 };

	(void)state;
	cut(&s, (const unsigned char *)"abc", 3, NULL, 0);
	assert_int_equal(kfl_memmem_blocks(next_piece, &s, "a", 0, 0), -EINVAL);
	assert_int_equal(kfl_memmem_blocks(next_piece, &s, (char *)big, sizeof(big), 0),
			 -EINVAL);
	assert_int_equal(kfl_memmem_blocks(next_piece, &s, NULL, 1, 0), -EINVAL);
	assert_int_equal(kfl_memmem_blocks(NULL, &s, "a", 1, 0), -EINVAL);
	/* All checked before any piece is asked for. */
	assert_int_equal(s.calls, 0);
	assert_int_equal(kfl_memmem_blocks(next_piece, &s, "c", 1, 0), 2);
	release(&s);
	/* An empty stream, and a needle longer than the stream. */
	cut(&s, (const unsigned char *)"", 0, NULL, 0);
	assert_int_equal(kfl_memmem_blocks(next_piece, &s, "a", 1, 0), -ENOENT);
	assert_int_equal(s.calls, 1);
	release(&s);
	cut(&s, (const unsigned char *)"ab", 2, (unsigned int[]){ 1 }, 1);
	assert_int_equal(kfl_memmem_blocks(next_piece, &s, "abc", 3, 0), -ENOENT);
	assert_int_equal(s.calls, 3);
	release(&s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_straddles_every_cut),
		cmocka_unit_test(test_one_byte_pieces),
		cmocka_unit_test(test_random),
		cmocka_unit_test(test_invalid),
	};

	cmocka_set_message_output(CM_OUTPUT_TAP);
	return cmocka_run_group_tests_name("memmem", tests, NULL, NULL);
}
