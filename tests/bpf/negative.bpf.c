// SPDX-License-Identifier: GPL-2.0
/*
 * Programs the verifier must reject: each misuses a kfunc the way a BPF
 * author might. guest.sh loads each with kfunc-run and asserts the exact
 * verifier message (the annotation guide quotes them).
 */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>
#include <kfuncs/kfuncs.h>

char hay[16] = "Hello, world!";

/* __sz: the size must not be negative (a helper's u32 is a 64-bit scalar). */
SEC("syscall")
int neg_sz_negative(void *ctx)
{
	__u64 n = bpf_get_prandom_u32();

	return kf_strstr(hay, n, "wor", 3);
}

/* __sz: the size must have an upper bound below BPF_MAX_VAR_SIZ (512 MiB). */
SEC("syscall")
int neg_sz_unbounded(void *ctx)
{
	__u64 n = bpf_get_prandom_u32() & 0x3fffffff;

	return kf_strstr(hay, n, "wor", 3);
}

/* __sz: the memory must hold __sz bytes (16-byte map value, 17 asked). */
SEC("syscall")
int neg_sz_past_end(void *ctx)
{
	return kf_strstr(hay, sizeof(hay) + 1, "wor", 3);
}

/* __sz: the same for stack memory (16 bytes, 32 asked). */
SEC("syscall")
int neg_sz_stack_past_end(void *ctx)
{
	char buf[16] = {};

	return kf_memzero(buf, 32);
}

/* A scalar is not a pointer. */
SEC("syscall")
int neg_scalar_as_mem(void *ctx)
{
	return kf_memzero((void *)(long)bpf_get_prandom_u32(), 8);
}

/* Kprobe programs may call module kfuncs only from 6.10 (the kprobe hook). */
SEC("kprobe/bpf_fentry_test1")
int neg_kprobe_before_6_10(void *ctx)
{
	return kf_test_sum(1, 2, 3, 4) == 10;
}

char LICENSE[] SEC("license") = "GPL";
