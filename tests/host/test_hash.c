// SPDX-License-Identifier: GPL-2.0
/*
 * Host tests of src/lib/hash.c: FNV-1a 64 against the test vectors of the
 * FNV reference (draft-eastlake-fnv, fnv_test_str), and the seed rule.
 * The other kf_hash algorithms are the kernel's own; the VM tests check
 * them against user-space implementations.
 */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "../../src/lib/kfl.h"

static unsigned long long fnv(const char *s, unsigned int n, unsigned long long seed)
{
	char *d = malloc(n ? n : 1);	/* exact size: ASan sees an over-read */
	unsigned long long h;

	assert_non_null(d);
	memcpy(d, s, n);
	h = kfl_fnv1a64(d, n, seed);
	free(d);
	return h;
}

static void test_fnv1a64_vectors(void **state)
{
	(void)state;
	assert_true(fnv("", 0, 0) == 0xcbf29ce484222325ULL);
	assert_true(fnv("a", 1, 0) == 0xaf63dc4c8601ec8cULL);
	assert_true(fnv("b", 1, 0) == 0xaf63df4c8601f1a5ULL);
	assert_true(fnv("foobar", 6, 0) == 0x85944171f73967e8ULL);
	assert_true(fnv("\0", 1, 0) == 0xaf63bd4c8601b7dfULL);
	assert_true(fnv("chongo was here!\n", 17, 0) == 0x46810940eff5f915ULL);
}

/* The seed XORs the basis: seed = h1 ^ basis chains two parts. */
static void test_fnv1a64_seed_chains(void **state)
{
	unsigned long long h1 = fnv("foo", 3, 0);

	(void)state;
	assert_true(fnv("bar", 3, h1 ^ KFL_FNV1A64_BASIS) == fnv("foobar", 6, 0));
	assert_true(fnv("", 0, 42) == (KFL_FNV1A64_BASIS ^ 42));
	assert_true(kfl_fnv1a64(NULL, 0, 0) == KFL_FNV1A64_BASIS);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_fnv1a64_vectors),
		cmocka_unit_test(test_fnv1a64_seed_chains),
	};

	cmocka_set_message_output(CM_OUTPUT_TAP);
	return cmocka_run_group_tests_name("hash", tests, NULL, NULL);
}
