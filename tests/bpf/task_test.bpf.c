// SPDX-License-Identifier: GPL-2.0
/*
 * BPF side of the task kfunc tests: look a task up, read it, ask for its
 * cgroup and executable paths, release it. User space (task_test.c) runs
 * the programs with BPF_PROG_TEST_RUN, so the current task is its own.
 */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>
#include <kfuncs/task.h>

#define PATH 256

/* Inputs. */
__s32 pid_in;
__u32 init_ns;		/* 1: kf_task_from_pid, 0: kf_task_from_vpid */
__u32 small;		/* the size of the small buffers (E2BIG tests) */
/* Outputs. */
__u32 found;
__s32 pid, tgid;
char comm[16];
int cg_ret, cg_small_ret, exe_ret, exe_small_ret;
char cg[PATH], exe[PATH], tiny[PATH];

/* What every program reads: a field only a live task_struct has. */
struct task_struct___fields {
	int pid;
	int tgid;
	char comm[16];
} __attribute__((preserve_access_index));

static __always_inline struct task_struct *lookup(void)
{
	return init_ns ? kf_task_from_pid(pid_in) : kf_task_from_vpid(pid_in);
}

/* Only after the one NULL test (6.1's verifier wants a single test). */
static __always_inline void read_fields(struct task_struct *t)
{
	struct task_struct___fields *f = (void *)t;

	found = 1;
	bpf_probe_read_kernel(&pid, sizeof(pid), &f->pid);
	bpf_probe_read_kernel(&tgid, sizeof(tgid), &f->tgid);
	bpf_probe_read_kernel_str(comm, sizeof(comm), f->comm);
}

static __always_inline __u32 small_size(void)
{
	__u32 n = small;

	return n > PATH ? PATH : n;
}

/* Syscall programs are sleepable: every task kfunc. */
SEC("syscall")
int task_syscall(void *ctx)
{
	struct task_struct *t = lookup();

	if (!t)
		return 0;
	read_fields(t);
	cg_ret = kf_task_cgroup_path(t, cg, sizeof(cg));
	cg_small_ret = kf_task_cgroup_path(t, tiny, small_size());
	exe_ret = kf_task_exe_path(t, exe, sizeof(exe));
	exe_small_ret = kf_task_exe_path(t, tiny, small_size());
	kf_task_release(t);
	return 0;
}

/* tc programs are not: lookup and cgroup path only. */
SEC("tc")
int task_tc(struct __sk_buff *skb)
{
	struct task_struct *t = lookup();

	if (!t)
		return 0;
	read_fields(t);
	cg_ret = kf_task_cgroup_path(t, cg, sizeof(cg));
	kf_task_release(t);
	return 0;
}

char LICENSE[] SEC("license") = "GPL";
