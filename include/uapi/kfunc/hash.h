/* SPDX-License-Identifier: (GPL-2.0 OR BSD-2-Clause) */
/*
 * Hash algorithm ids for kf_hash() (<kfuncs/hash.h>), shared by the
 * module, BPF programs and user space. 0 is never an algorithm.
 */
#ifndef _UAPI_KFUNC_HASH_H
#define _UAPI_KFUNC_HASH_H

#define KF_HASH_JHASH	1	/* Bob Jenkins' lookup3, the kernel's jhash(): 32 bits */
#define KF_HASH_XXH64	2	/* xxHash64: 64 bits */
#define KF_HASH_CRC32C	3	/* CRC-32C (Castagnoli, iSCSI): 32 bits */
#define KF_HASH_CRC32	4	/* CRC-32 (IEEE 802.3, zlib's crc32()): 32 bits */
#define KF_HASH_FNV1A64	5	/* FNV-1a, 64 bits */
#define KF_HASH_MAX	KF_HASH_FNV1A64

#define KF_SHA256_DIGEST_SIZE 32

#endif /* _UAPI_KFUNC_HASH_H */
