// SPDX-License-Identifier: GPL-2.0
/* Freestanding hashes the kernel lacks: see kfl.h. No headers on purpose. */
#include "kfl.h"

unsigned long long kfl_fnv1a64(const void *data, unsigned int len, unsigned long long seed)
{
	const unsigned char *p = data;
	unsigned long long h = KFL_FNV1A64_BASIS ^ seed;
	unsigned int i;

	for (i = 0; i < len; i++) {
		h ^= p[i];
		h *= KFL_FNV1A64_PRIME;
	}
	return h;
}
