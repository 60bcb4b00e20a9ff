/* SPDX-License-Identifier: (GPL-2.0 OR BSD-2-Clause) */
/* Hashes and checksums of sized buffers. */
#ifndef _KFUNCS_HASH_H
#define _KFUNCS_HASH_H

#include <kfuncs/common.h>
#include <kfunc/hash.h>

/*
 * kf_hash - hash a buffer with the algorithm @algo__k
 * @algo__k:       KF_HASH_* (<kfunc/hash.h>); from 6.2 the verifier demands
 *                 a constant ("R1 must be a known constant" otherwise);
 *                 6.1 accepts any value
 * @data, @data__sz: the bytes, @data__sz readable bytes (0 allowed)
 * @seed:          0 gives each algorithm's standard value:
 *   KF_HASH_JHASH    jhash(data, size, (u32)seed), as the kernel's jhash()
 *   KF_HASH_XXH64    xxh64(data, size, seed)
 *   KF_HASH_CRC32C   CRC-32C ("123456789" gives 0xe3069283); @seed is the
 *                    CRC of the bytes before, so CRCs chain like zlib's
 *   KF_HASH_CRC32    CRC-32 as zlib's crc32(seed, data, size)
 *                    ("123456789" gives 0xcbf43926)
 *   KF_HASH_FNV1A64  FNV-1a 64 starting from its offset basis XOR @seed
 *
 * The kernel's own implementations are used where it has them (jhash,
 * xxh64, crc32c, crc32_le); FNV-1a is the module's.
 *
 * Return: the hash (32-bit ones zero-extended); 0 for an unknown @algo__k
 * (the verifier can check that it is a constant, not which one).
 * Programs: all, from 6.1.
 */
extern __u64 kf_hash(__u32 algo__k, const void *data, __u32 data__sz, __u64 seed) KF_KSYM;

/*
 * kf_sha256 - SHA-256 digest of a buffer
 * @data, @data__sz:     the bytes, @data__sz readable bytes (0 allowed)
 * @digest, @digest__szk: the output, KF_SHA256_DIGEST_SIZE (32) writable
 *                       bytes; from 6.4 the verifier demands a constant
 *                       size, on 6.1 a bounded one
 *
 * Uses the kernel's SHA-256 library.
 *
 * Return: 0; -EINVAL when @digest__szk is not 32 (nothing written).
 * Programs: all, from 6.1.
 */
extern int kf_sha256(const void *data, __u32 data__sz, __u8 *digest, __u32 digest__szk) KF_KSYM;

#endif /* _KFUNCS_HASH_H */
