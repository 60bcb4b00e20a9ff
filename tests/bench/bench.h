/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Shared by the benchmark's BPF programs (kfuncs.bpf.c, baselines.bpf.c,
 * upstream.bpf.c) and their loader (bench.c): the inputs and outputs, one
 * struct in each object's .bss, which the loader reaches through libbpf's
 * mapping of it.
 */
#ifndef BENCH_H
#define BENCH_H

#include <linux/types.h>

/* The largest input; the buffers have room for a NUL and a little more. */
#define BENCH_MAX 4096
#define BENCH_BUF (BENCH_MAX + 64)

/* kf_strstr's needle, found at the very end of the haystack. */
#define NEEDLE "password"
#define NEEDLE_LEN 8

/* kf_memchr's byte: absent from the text, placed at its last byte. */
#define MEMCHR_BYTE '#'

/* kf_pb_get_varint's field: the message's last field, value 42. */
#define PB_FIELD 15
#define PB_VALUE 42

struct bench_data {
	unsigned char hay[BENCH_BUF];		/* text, NUL after it; or a message */
	unsigned char hay2[BENCH_BUF];		/* strcmp's other string */
	unsigned char needle[16];		/* NEEDLE, NUL-terminated */
	__u32 crc32_tab[256], crc32c_tab[256];	/* for the pure-BPF CRCs */
	__s64 ret;				/* the program's result */
	__u64 val;				/* and the varint it found */
};

#ifdef __bpf__
/*
 * One tc program per (job, implementation, size), named JOB_IMPL_SIZE,
 * which the loader parses: PROG(job, impl, n) sets data.ret to
 * job_impl(n), a function or macro of the including file. The size is a
 * constant in each program, as a BPF author's would be: a loop's verifier
 * cost depends on it.
 */
#define PROG(job, impl, n)						\
	SEC("tc") int job##_##impl##_##n(struct __sk_buff *skb)		\
	{								\
		data.ret = job##_##impl(n);				\
		return 0;						\
	}
#define SIZES(job, impl) PROG(job, impl, 16) PROG(job, impl, 256) PROG(job, impl, 4096)
#endif

#endif /* BENCH_H */
