// SPDX-License-Identifier: GPL-2.0
/*
 * Host unit tests of the freestanding substring search (src/lib/strstr.c),
 * the same file that is built into kfunc.ko. cmocka, TAP output.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include <cmocka.h>

#include "../../src/lib/kfl.h"

#define S(x) x, sizeof(x) - 1

static void test_seed(void **state)
{
	(void)state;
	assert_int_equal(kfl_strstr(S("Hello, world!"), S("wor")), 7);
	assert_int_equal(kfl_strstr(S("Hello, world!"), S("Hello")), 0);
	assert_int_equal(kfl_strstr(S("Hello, world!"), S("!")), 12);
	assert_int_equal(kfl_strstr(S("Hello, world!"), S("ld!")), 10);
}

static void test_absent(void **state)
{
	(void)state;
	assert_int_equal(kfl_strstr(S("Hello, world!"), S("xyz")), -ENOENT);
	assert_int_equal(kfl_strstr(S("Hello, world!"), S("world!!")), -ENOENT);
	assert_int_equal(kfl_strstr(S("abc"), S("abcd")), -ENOENT);
	assert_int_equal(kfl_strstr(S(""), S("a")), -ENOENT);
}

static void test_empty(void **state)
{
	(void)state;
	assert_int_equal(kfl_strstr(S("abc"), S("")), 0);
	assert_int_equal(kfl_strstr(S(""), S("")), 0);
	assert_int_equal(kfl_strstr(NULL, 0, NULL, 0), 0);
}

static void test_sizes_bound_search(void **state)
{
	(void)state;
	/* "wor" is at 7..9: a 9-byte haystack does not contain it. */
	assert_int_equal(kfl_strstr("Hello, world!", 9, S("wor")), -ENOENT);
	assert_int_equal(kfl_strstr("Hello, world!", 10, S("wor")), 7);
	/* NUL is an ordinary byte, in haystack and needle. */
	assert_int_equal(kfl_strstr(S("ab\0cd\0ef"), S("\0ef")), 5);
	assert_int_equal(kfl_strstr(S("ab\0cd"), S("cd")), 3);
	/* Bytes >= 0x80 compare as unsigned. */
	assert_int_equal(kfl_strstr(S("\xff\xfe\xff\xff"), S("\xff\xff")), 2);
	assert_int_equal(kfl_strstr(S("aaaaaaaab"), S("aaab")), 5);
}

/*
 * Reads stay inside both buffers: place each at the very end of a page
 * followed by an inaccessible page, so a read past the size faults.
 */
static void test_no_read_past_size(void **state)
{
	long pg = sysconf(_SC_PAGESIZE);
	char *map = mmap(NULL, 4 * pg, PROT_READ | PROT_WRITE,
			 MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	char *hay, *needle;
	unsigned int hl, nl;

	(void)state;
	assert_true(map != MAP_FAILED);
	assert_int_equal(mprotect(map + pg, pg, PROT_NONE), 0);
	assert_int_equal(mprotect(map + 3 * pg, pg, PROT_NONE), 0);
	for (hl = 0; hl <= 16; hl++) {
		for (nl = 0; nl <= hl + 1; nl++) {
			hay = map + pg - hl;
			needle = map + 3 * pg - nl;
			memset(hay, 'a', hl);
			memset(needle, 'a', nl);
			assert_int_equal(kfl_strstr(hay, hl, needle, nl),
					 nl <= hl ? 0 : -ENOENT);
			if (nl) {
				needle[nl - 1] = 'b';
				assert_int_equal(kfl_strstr(hay, hl, needle, nl), -ENOENT);
			}
		}
	}
	munmap(map, 4 * pg);
}

/* Differential: the same answer as glibc memmem on random inputs. */
static void test_vs_memmem(void **state)
{
	unsigned int seed = 12345, i, j;
	char hay[300], needle[12];

	(void)state;
	for (i = 0; i < 200000; i++) {
		/* Small alphabets make matches and near-matches common. */
		unsigned int alpha = 1 + rand_r(&seed) % 4;
		unsigned int hl = rand_r(&seed) % sizeof(hay);
		unsigned int nl = rand_r(&seed) % sizeof(needle);
		const char *m;
		long want;

		for (j = 0; j < hl; j++)
			hay[j] = (char)(0xfe + rand_r(&seed) % alpha);
		for (j = 0; j < nl; j++)
			needle[j] = (char)(0xfe + rand_r(&seed) % alpha);
		m = memmem(hay, hl, needle, nl);
		want = m ? m - hay : -ENOENT;
		if (kfl_strstr(hay, hl, needle, nl) != want)
			fail_msg("input %u: hay %u bytes, needle %u bytes: got %ld, memmem %ld",
				 i, hl, nl, kfl_strstr(hay, hl, needle, nl), want);
	}
}

/*
 * Periodic needles and haystacks (words repeated, a byte changed here and
 * there): the inputs that make a first/last-byte filter fail again and
 * again, so the search goes on with Two-Way. Against memmem.
 */
static void test_periodic_vs_memmem(void **state)
{
	static char hay[2048], needle[96];
	unsigned int seed = 4242, i, j;

	(void)state;
	for (i = 0; i < 20000; i++) {
		unsigned int wl = 1 + rand_r(&seed) % 5, hl = rand_r(&seed) % sizeof(hay);
		unsigned int nl = 2 + rand_r(&seed) % (sizeof(needle) - 2), at;
		char word[5];
		const char *m;
		long want;

		for (j = 0; j < wl; j++)
			word[j] = 'a' + rand_r(&seed) % 2;
		for (j = 0; j < hl; j++)
			hay[j] = word[j % wl];
		for (j = 0; j < nl; j++)
			needle[j] = word[j % wl];
		if (rand_r(&seed) % 2)
			needle[rand_r(&seed) % nl] = 'a' + rand_r(&seed) % 3;
		for (j = rand_r(&seed) % 4; j > 0 && hl; j--)
			hay[rand_r(&seed) % hl] = 'a' + rand_r(&seed) % 3;
		if (hl >= nl && rand_r(&seed) % 2) {
			at = rand_r(&seed) % (hl - nl + 1);
			memcpy(hay + at, needle, nl);
		}
		m = memmem(hay, hl, needle, nl);
		want = m ? m - hay : -ENOENT;
		if (kfl_strstr(hay, hl, needle, nl) != want)
			fail_msg("input %u: hay %u bytes, needle %u bytes: got %ld, memmem %ld",
				 i, hl, nl, kfl_strstr(hay, hl, needle, nl), want);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_seed),
		cmocka_unit_test(test_absent),
		cmocka_unit_test(test_empty),
		cmocka_unit_test(test_sizes_bound_search),
		cmocka_unit_test(test_no_read_past_size),
		cmocka_unit_test(test_vs_memmem),
		cmocka_unit_test(test_periodic_vs_memmem),
	};

	cmocka_set_message_output(CM_OUTPUT_TAP);
	return cmocka_run_group_tests_name("strstr", tests, NULL, NULL);
}
