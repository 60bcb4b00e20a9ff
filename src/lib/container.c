// SPDX-License-Identifier: GPL-2.0
/*
 * Container ids in cgroup directory names (kfl.h: kfl_container_id). The
 * runtimes' prefixes are a fixed list; the id is 64 lower-case hex digits.
 */
#include "kfl.h"

static const struct {
	const char *s;
	unsigned int len;
} kfl_prefixes[] = {
	{ "", 0 },
	{ "docker-", 7 },
	{ "cri-containerd-", 15 },
	{ "crio-", 5 },
	{ "libpod-", 7 },
	{ 0, 0 },
};

static int kfl_is_id(const char *s)
{
	unsigned int i;

	for (i = 0; i < KFL_CONTAINER_ID_LEN; i++)
		if (!((s[i] >= '0' && s[i] <= '9') || (s[i] >= 'a' && s[i] <= 'f')))
			return 0;
	return 1;
}

static int kfl_same(const char *a, const char *b, unsigned int n)
{
	unsigned int i;

	for (i = 0; i < n; i++)
		if (a[i] != b[i])
			return 0;
	return 1;
}

int kfl_container_id(const char *name, unsigned int len, char *id)
{
	unsigned int i, rest, k;

	for (i = 0; kfl_prefixes[i].s; i++) {
		k = kfl_prefixes[i].len;
		if (len < k + KFL_CONTAINER_ID_LEN || !kfl_same(name, kfl_prefixes[i].s, k))
			continue;
		rest = len - k - KFL_CONTAINER_ID_LEN;
		if (rest && !(rest == 6 && kfl_same(name + len - 6, ".scope", 6)))
			continue;
		/* A bare id is a cgroupfs directory: no ".scope" on it. */
		if (!k && rest)
			continue;
		if (!kfl_is_id(name + k))
			continue;
		for (rest = 0; rest < KFL_CONTAINER_ID_LEN; rest++)
			id[rest] = name[k + rest];
		return 1;
	}
	return 0;
}
