// SPDX-License-Identifier: GPL-2.0
/* Hash kfuncs (bpf-headers/kfuncs/hash.h): the kernel's own algorithms. */
#include <linux/crc32.h>
#include <linux/errno.h>
#include <linux/jhash.h>
#include <linux/xxhash.h>
#include <crypto/sha2.h>

#include <kfuncs/hash.h>

#include "compat.h"
#include "lib/kfl.h"

/*
 * The CRCs take and return the conventional (inverted) CRC, so a seed of
 * 0 is the standard CRC and a previous CRC as the seed continues it, as
 * zlib's crc32() does. The kernel's functions work on the raw register.
 */
__bpf_kfunc u64 kf_hash(u32 algo__k, const void *data, u32 data__sz, u64 seed)
{
	switch (algo__k) {
	case KF_HASH_JHASH:
		return jhash(data, data__sz, (u32)seed);
	case KF_HASH_XXH64:
		return xxh64(data, data__sz, seed);
	case KF_HASH_CRC32C:
		return ~kf_crc32c(~(u32)seed, data, data__sz);
	case KF_HASH_CRC32:
		return ~crc32_le(~(u32)seed, data, data__sz);
	case KF_HASH_FNV1A64:
		return kfl_fnv1a64(data, data__sz, seed);
	}
	return 0;
}

/* The size is named digest__szk from 6.4, digest__sz before (compat.h). */
__bpf_kfunc int kf_sha256(const void *data, u32 data__sz, u8 *digest, u32 KF_SZK(digest))
{
	if (KF_SZK(digest) != SHA256_DIGEST_SIZE)
		return -EINVAL;
	sha256(data, data__sz, digest);
	return 0;
}
