// SPDX-License-Identifier: GPL-2.0
/*
 * The benchmark's kfunc programs: one call of the kfunc per run, on the
 * inputs the loader (bench.c) puts in .bss. baselines.bpf.c does the same
 * jobs in pure BPF, upstream.bpf.c with the kernel's own kfuncs.
 */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>
#include <kfuncs/kfuncs.h>

#include "bench.h"

struct bench_data data;

char LICENSE[] SEC("license") = "GPL";

/* The cost of BPF_PROG_TEST_RUN itself: a program that does nothing. */
SEC("tc") int empty_tc_0(struct __sk_buff *skb)
{
	data.ret = 0;
	return 0;
}

/* The 8-byte needle at the end of a text haystack. */
#define strstr_kf(n) kf_strstr((char *)data.hay, n, (char *)data.needle, NEEDLE_LEN)
/* Two equal strings of n bytes. */
#define strcmp_kf(n) kf_strcmp((char *)data.hay, n, (char *)data.hay2, n)
/* The byte is the last of n. */
#define memchr_kf(n) kf_memchr(data.hay, n, MEMCHR_BYTE)
/* The message's last field. */
#define pbvar_kf(n) kf_pb_get_varint(data.hay, n, PB_FIELD, &data.val)
/* kf_hash's algorithm is a constant (__k): one program each. */
#define jhash_kf(n) kf_hash(KF_HASH_JHASH, data.hay, n, 0)
#define xxh64_kf(n) kf_hash(KF_HASH_XXH64, data.hay, n, 0)
#define crc32c_kf(n) kf_hash(KF_HASH_CRC32C, data.hay, n, 0)
#define crc32_kf(n) kf_hash(KF_HASH_CRC32, data.hay, n, 0)
#define fnv1a_kf(n) kf_hash(KF_HASH_FNV1A64, data.hay, n, 0)

SIZES(strstr, kf)
SIZES(strcmp, kf)
SIZES(memchr, kf)
SIZES(pbvar, kf)
SIZES(jhash, kf)
SIZES(xxh64, kf)
SIZES(crc32c, kf)
SIZES(crc32, kf)
SIZES(fnv1a, kf)
