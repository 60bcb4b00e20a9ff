// SPDX-License-Identifier: GPL-2.0
/*
 * Fuzz kfl_container_id: the input is one cgroup directory name, in an
 * exact-size heap buffer (ASan catches a read one byte too far). A match
 * must be one of the runtimes' forms, with the 64 digits it returns at
 * the place the form puts them.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../../src/lib/kfl.h"

static const char *const prefixes[] = { "", "docker-", "cri-containerd-", "crio-", "libpod-" };

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char id[KFL_CONTAINER_ID_LEN], *name = malloc(size ? size : 1);
	size_t i, k, rest;
	int found = 0;

	memcpy(name, data, size);
	if (kfl_container_id(name, size, id)) {
		for (i = 0; i < sizeof(prefixes) / sizeof(prefixes[0]) && !found; i++) {
			k = strlen(prefixes[i]);
			if (size < k + KFL_CONTAINER_ID_LEN || memcmp(name, prefixes[i], k))
				continue;
			rest = size - k - KFL_CONTAINER_ID_LEN;
			found = !memcmp(name + k, id, KFL_CONTAINER_ID_LEN) &&
				(!rest || (k && rest == 6 && !memcmp(name + size - 6, ".scope", 6)));
		}
		for (i = 0; i < KFL_CONTAINER_ID_LEN; i++)
			if (!strchr("0123456789abcdef", id[i]) || !id[i])
				found = 0;
		if (!found)
			abort();
	}
	free(name);
	return 0;
}
