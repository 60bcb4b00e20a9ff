// SPDX-License-Identifier: GPL-2.0
/*
 * hello: call kf_test_sum(1, 2, 3, 4) when this process unlinks a file and
 * print the result. Two versions of the same program: kprobe programs may
 * call module kfuncs from 6.10 on, fentry programs on every kernel; the
 * loader keeps the one the running kernel allows. (vfs_unlink rather than
 * do_unlinkat, which 7.x renamed filename_unlinkat.)
 */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>
#include <kfuncs/test.h>

/* The loader sets its own pid; 0 (as under kfunc run) means every process. */
int target_pid;

static __always_inline void hello(const char *how)
{
	if (target_pid && (bpf_get_current_pid_tgid() >> 32) != target_pid)
		return;
	bpf_printk("hello from %s in pid %d: kf_test_sum(1, 2, 3, 4) = %llu", how,
		   bpf_get_current_pid_tgid() >> 32, kf_test_sum(1, 2, 3, 4));
}

SEC("kprobe/vfs_unlink")
int hello_kprobe(void *ctx)
{
	hello("kprobe");
	return 0;
}

SEC("fentry/vfs_unlink")
int hello_fentry(void *ctx)
{
	hello("fentry");
	return 0;
}

char LICENSE[] SEC("license") = "GPL";
