// SPDX-License-Identifier: GPL-2.0
/*
 * BPF side of the kfunc VM tests. User space (kfunc_test.c) fills the
 * inputs in .bss, runs a program with BPF_PROG_TEST_RUN and reads the
 * results back; the same body runs from tc, XDP and syscall programs.
 */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>
#include <kfuncs/kfuncs.h>

#define BUF 64

char hay[BUF];
char needle[BUF];
unsigned char zbuf[BUF];
__u32 hay_len, needle_len, zero_len;
__u32 sum_a, sum_c;
__u64 sum_b, sum_d;

/* The memory family: ma/mb compared and searched, sbuf filled. */
unsigned char ma[BUF], mb[BUF], sbuf[BUF];
__u32 ma_len, mb_len, set_len;
int mbyte;

__u64 res_sum;
int res_strstr;
int res_memzero;
int res_memset, res_memcmp, res_memchr, res_memrchr;

/*
 * A length from .bss, checked right where it is passed: checked all at
 * the top, the lengths get spilled to the stack, and 6.1's verifier loses
 * their bounds on the way back.
 */
#define LEN(v) ({ __u32 __l = (v); if (__l > BUF) return 1; __l; })

static __always_inline int run(void)
{
	res_sum = kf_test_sum(sum_a, sum_b, sum_c, sum_d);
	res_strstr = kf_strstr(hay, LEN(hay_len), needle, LEN(needle_len));
	res_memzero = kf_memzero(zbuf, LEN(zero_len));
	res_memset = kf_memset(sbuf, LEN(set_len), mbyte);
	res_memcmp = kf_memcmp(ma, LEN(ma_len), mb, LEN(mb_len));
	res_memchr = kf_memchr(ma, LEN(ma_len), mbyte);
	res_memrchr = kf_memrchr(ma, LEN(ma_len), mbyte);
	return 0;
}

SEC("tc")
int tc_run(struct __sk_buff *skb)
{
	return run();
}

SEC("xdp")
int xdp_run(struct xdp_md *xdp)
{
	return run() ? XDP_ABORTED : XDP_PASS;
}

SEC("syscall")
int syscall_run(void *ctx)
{
	return run();
}

/*
 * Which program types may call a module kfunc. bpf_fentry_test1 exists in
 * every kernel for this purpose: BPF_PROG_TEST_RUN of a tracing program
 * calls it, so the attached fentry program really runs.
 */
SEC("fentry/bpf_fentry_test1")
int fentry_sum(void *ctx)
{
	res_sum = kf_test_sum(1, 2, 3, 4);
	return 0;
}

SEC("kprobe/bpf_fentry_test1")
int kprobe_sum(void *ctx)
{
	res_sum = kf_test_sum(1, 2, 3, 4);
	return 0;
}

char LICENSE[] SEC("license") = "GPL";
