// SPDX-License-Identifier: GPL-2.0
/*
 * hash: every kf_hash algorithm and kf_sha256 over one buffer. The
 * algorithm is a constant argument (__k): the verifier checks that it is
 * one, from 6.2.
 */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>
#include <kfuncs/hash.h>

char data[64];
__u32 len;
__u64 jhash, xxh64, crc32c, crc32, fnv1a64;
__u8 sha256[KF_SHA256_DIGEST_SIZE];
int sha256_ret;

SEC("syscall")
int hash_all(void *ctx)
{
	__u32 n = len;

	if (n > sizeof(data))
		return 1;
	jhash = kf_hash(KF_HASH_JHASH, data, n, 0);
	xxh64 = kf_hash(KF_HASH_XXH64, data, n, 0);
	crc32c = kf_hash(KF_HASH_CRC32C, data, n, 0);
	crc32 = kf_hash(KF_HASH_CRC32, data, n, 0);
	fnv1a64 = kf_hash(KF_HASH_FNV1A64, data, n, 0);
	sha256_ret = kf_sha256(data, n, sha256, sizeof(sha256));
	return 0;
}

char LICENSE[] SEC("license") = "GPL";
