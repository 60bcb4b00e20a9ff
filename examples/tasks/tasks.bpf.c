// SPDX-License-Identifier: GPL-2.0
/*
 * tasks: look a task up by pid (kf_task_from_vpid takes a reference),
 * read its name, ask for its cgroup and its executable (kfuncs that take
 * the kernel's locks for us), and release it. A syscall program: the
 * loader runs it with BPF_PROG_TEST_RUN, and syscall programs may sleep,
 * as kf_task_exe_path needs.
 */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>
#include <kfuncs/task.h>

/* Input. */
__s32 pid;
/* Output. */
int found, cgroup_len, exe_len;
char comm[16], cgroup[256], exe[256];

/* The one field we read, through CO-RE (no vmlinux.h needed). */
struct task_struct___comm {
	char comm[16];
} __attribute__((preserve_access_index));

SEC("syscall")
int describe(void *ctx)
{
	struct task_struct *t = kf_task_from_vpid(pid);

	/* The verifier insists on this test, and on the release below. */
	if (!t)
		return 0;
	found = 1;
	bpf_probe_read_kernel_str(comm, sizeof(comm), ((struct task_struct___comm *)t)->comm);
	cgroup_len = kf_task_cgroup_path(t, cgroup, sizeof(cgroup));
	exe_len = kf_task_exe_path(t, exe, sizeof(exe));
	kf_task_release(t);
	return 0;
}

char LICENSE[] SEC("license") = "GPL";
