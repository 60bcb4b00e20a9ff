// SPDX-License-Identifier: GPL-2.0
/*
 * BPF side of the process kfunc tests (proc_test.c): a sleepable syscall
 * program that asks for another task's command line, one variable of its
 * environment and its container id; and an fentry program on
 * security_task_setrlimit() that asks for the current task's command line
 * and variable, in the test's child, without sleeping.
 */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>

#define KF_NO_TASK_STRUCT
struct task_struct {
	int pid;
} __attribute__((preserve_access_index));

#include <kfuncs/task.h>

#define BUF 8192
#define NAME 64
#define ID 128

/* Inputs. */
__s32 pid_in;			/* task_info: the task, a vpid */
__s32 tgid_in;			/* on_setrlimit: acts for this process only */
__u32 size_in;			/* the output size (at most BUF) */
__u32 id_size_in;		/* kf_task_container_id's (at most ID) */
char name_in[NAME];		/* the variable */
__u32 name_size_in;		/* its size argument (at most NAME) */

/* task_info. */
__u32 found;
int cmd_ret, env_ret, id_ret;
char cmd[BUF], env[BUF], id[ID];

/* on_setrlimit. */
__u32 calls;
int cur_cmd_ret, cur_env_ret;
char cur_cmd[BUF], cur_env[BUF];

static __always_inline __u32 size(void)
{
	__u32 n = size_in;

	return n > BUF ? BUF : n;
}

static __always_inline __u32 name_size(void)
{
	__u32 n = name_size_in;

	return n > NAME ? NAME : n;
}

SEC("syscall")
int task_info(void *ctx)
{
	struct task_struct *t = kf_task_from_vpid(pid_in);
	__u32 n = id_size_in;

	if (!t)
		return 0;
	found = 1;
	cmd_ret = kf_task_cmdline(t, cmd, size());
	env_ret = kf_task_getenv(t, name_in, name_size(), env, size());
	id_ret = kf_task_container_id(t, id, n > ID ? ID : n);
	kf_task_release(t);
	return 0;
}

SEC("fentry/security_task_setrlimit")
int BPF_PROG(on_setrlimit)
{
	if ((bpf_get_current_pid_tgid() >> 32) != (__u32)tgid_in)
		return 0;
	calls++;
	cur_cmd_ret = kf_current_cmdline(cur_cmd, size());
	cur_env_ret = kf_current_getenv(name_in, name_size(), cur_env, size());
	return 0;
}

char LICENSE[] SEC("license") = "GPL";
