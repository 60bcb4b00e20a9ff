// SPDX-License-Identifier: GPL-2.0
/*
 * Unit and differential tests of src/lib/container.c (kfl_container_id):
 * the cgroup directory names of docker, containerd, CRI-O and podman, and
 * near misses, against a POSIX regular expression of the same contract,
 * under ASan/UBSan. Names are exact-size heap copies, so a read past a
 * length is an ASan error.
 */
#include <regex.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "../../src/lib/kfl.h"

#define ITERATIONS 200000
#define ID "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"

static regex_t ref;

/* kfl_container_id on an exact-size copy; @id gets the digits and a NUL. */
static int match(const char *name, size_t len, char *id)
{
	char *d = malloc(len ? len : 1);
	int r;

	assert_non_null(d);
	memcpy(d, name, len);
	memset(id, 'X', KFL_CONTAINER_ID_LEN + 1);
	r = kfl_container_id(d, len, id);
	id[KFL_CONTAINER_ID_LEN] = 0;
	free(d);
	return r;
}

static void yes(const char *name)
{
	char id[KFL_CONTAINER_ID_LEN + 1];

	if (match(name, strlen(name), id) != 1)
		fail_msg("no id in \"%s\"", name);
	assert_string_equal(id, ID);
}

static void no(const char *name, size_t len)
{
	char id[KFL_CONTAINER_ID_LEN + 1];

	if (match(name, len, id) != 0)
		fail_msg("an id in \"%.*s\"", (int)len, name);
	/* Untouched on no match. */
	assert_int_equal(strspn(id, "X"), KFL_CONTAINER_ID_LEN);
}

static void test_layouts(void **state)
{
	(void)state;
	yes(ID);			/* docker, containerd: cgroupfs */
	yes("docker-" ID ".scope");	/* docker: systemd */
	yes("docker-" ID);
	yes("cri-containerd-" ID ".scope");
	yes("cri-containerd-" ID);
	yes("crio-" ID ".scope");
	yes("crio-" ID);		/* CRI-O: cgroupfs */
	yes("libpod-" ID ".scope");
	yes("libpod-" ID);		/* podman: cgroupfs */
}

static void test_near_misses(void **state)
{
	static const char *const names[] = {
		"", "docker", "docker-", ".scope", "system.slice", "init.scope",
		ID ".scope",		/* a bare id is never a scope */
		"libpod-conmon-" ID ".scope", "crio-conmon-" ID ".scope",
		"docker-" ID ".scop", "docker-" ID ".scopes", "docker-" ID ".slice",
		"docker-" ID "-", "x" ID, ID "0", "containerd-" ID ".scope",
		"Docker-" ID ".scope", "docker_" ID ".scope",
		"0123456789ABCDEF0123456789abcdef0123456789abcdef0123456789abcdef",
		"0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcde",
		"0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdeg",
		"kubepods-besteffort-pod0b5fd3c1_1b2a_4d0e_9c53_1f8f3f1c9a10.slice",
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		no(names[i], strlen(names[i]));
	/* The length is exact: a NUL is an ordinary byte, nothing is read past it. */
	no(ID "\0", KFL_CONTAINER_ID_LEN + 1);
	no("docker-" ID "\0scope", 7 + KFL_CONTAINER_ID_LEN + 6);
	no(ID, KFL_CONTAINER_ID_LEN - 1);
	no("docker-" ID ".scope", 7 + KFL_CONTAINER_ID_LEN + 5);
}

/* Names near the valid ones: a prefix, digits, a suffix, each perturbed. */
static size_t random_name(char *s)
{
	static const char *const pre[] = {
		"", "docker-", "cri-containerd-", "crio-", "libpod-", "libpod-conmon-",
		"cri-", "crio", "-", "docker--",
	};
	static const char *const post[] = { "", ".scope", ".scop", "scope", ".scope.", "\n" };
	static const char digits[] = "0123456789abcdefABCDEFgz-.";
	size_t n = 0, i, count;

	n += (size_t)sprintf(s, "%s", pre[rand() % 10]);
	count = KFL_CONTAINER_ID_LEN + (rand() % 8 ? 0 : rand() % 5 - 2);
	for (i = 0; i < count; i++)
		s[n++] = digits[rand() % 40 ? rand() % 16 : rand() % 26];
	n += (size_t)sprintf(s + n, "%s", post[rand() % 6]);
	return n;
}

static void test_differential(void **state)
{
	char s[256], id[KFL_CONTAINER_ID_LEN + 1];
	size_t len;
	int want, got, matches = 0, i;

	(void)state;
	srand(1);
	for (i = 0; i < ITERATIONS; i++) {
		len = random_name(s);
		s[len] = 0;
		want = regexec(&ref, s, 0, NULL, 0) == 0;
		got = match(s, len, id);
		if (got != want)
			fail_msg("\"%s\": kfl_container_id %d, the regular expression %d", s, got, want);
		if (got) {
			matches++;
			/* The id is the 64 digits after the prefix. */
			assert_non_null(strstr(s, id));
			assert_int_equal(strlen(id), KFL_CONTAINER_ID_LEN);
		}
	}
	/* Both outcomes were exercised. */
	assert_true(matches > ITERATIONS / 20 && matches < ITERATIONS - ITERATIONS / 20);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_layouts),
		cmocka_unit_test(test_near_misses),
		cmocka_unit_test(test_differential),
	};

	if (regcomp(&ref, "^([0-9a-f]{64}|(docker-|cri-containerd-|crio-|libpod-)[0-9a-f]{64}(\\.scope)?)$",
		    REG_EXTENDED | REG_NOSUB))
		return 1;
	cmocka_set_message_output(CM_OUTPUT_TAP);
	return cmocka_run_group_tests_name("container", tests, NULL, NULL);
}
