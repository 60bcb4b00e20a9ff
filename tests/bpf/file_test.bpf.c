// SPDX-License-Identifier: GPL-2.0
/*
 * BPF side of the file kfunc tests (file_test.c): a syscall program that
 * asks for a task's cwd, root and fd paths; an fentry program on
 * security_file_open() that asks for the path of every file the test opens;
 * and programs attached where the kernel holds the locks a path walk could
 * wait for: __d_move() (rename_lock held for writing) and
 * security_task_setrlimit() (the task's task_lock() held). There,
 * kf_btf_snprintf also prints the dentry and the task, with hops.
 */
#include <linux/bpf.h>
#include <linux/ptrace.h>
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
#include <bpf/bpf_core_read.h>

#define KF_NO_FILE_STRUCTS
#define KF_NO_TASK_STRUCT
struct path {
	struct vfsmount *mnt;
	struct dentry *dentry;
} __attribute__((preserve_access_index));
struct file {
	struct path f_path;
} __attribute__((preserve_access_index));
struct dentry {
} __attribute__((preserve_access_index));
struct task_struct {
	int pid;
	int tgid;
} __attribute__((preserve_access_index));

#include <kfuncs/file.h>
#include <kfuncs/task.h>
#include <kfuncs/btf.h>

#define EAGAIN 11
#define BUF 8192
#define SMALL 256

/* Inputs. */
__s32 pid_in;		/* paths: the task, a vpid */
__u32 fd_in;		/* paths: the descriptor */
__u32 size_in;		/* paths, on_open: the output size (at most BUF) */
__s32 tgid_in;		/* the fentry programs act for this process only */

/* paths. */
__u32 found;
int cwd_ret, root_ret, fd_ret;
char cwd[BUF], root[BUF], fdp[BUF];

/* on_open: the last file the test opened. */
__u32 opens;
int file_ret, path_ret, dentry_ret;
char file_buf[BUF], path_buf[BUF], dentry_buf[BUF];

/* on_d_move: each rename, with rename_lock held. */
__u32 dmove_calls, dmove_eagain;
int dmove_other, dmove_btf_ret;
__u32 dmove_btf;	/* print the dentry too (not during the storm: 20 KB a rename) */

/* on_setrlimit: with task_lock() of the task held. */
__u32 rlimit_calls;
int rlimit_cwd_ret, rlimit_fd_ret, rlimit_btf_ret;
char rlimit_btf_buf[64];
char rlimit_buf[SMALL], rlimit_fd_buf[SMALL];

static __always_inline __u32 size(void)
{
	__u32 n = size_in;

	return n > BUF ? BUF : n;
}

static __always_inline int mine(void)
{
	return (bpf_get_current_pid_tgid() >> 32) == (__u32)tgid_in;
}

SEC("syscall")
int paths(void *ctx)
{
	struct task_struct *t = kf_task_from_vpid(pid_in);

	if (!t)
		return 0;
	found = 1;
	cwd_ret = kf_task_cwd_path(t, cwd, size());
	root_ret = kf_task_root_path(t, root, size());
	fd_ret = kf_task_fd_path(t, fd_in, fdp, size());
	kf_task_release(t);
	return 0;
}

SEC("fentry/security_file_open")
int BPF_PROG(on_open, struct file *file)
{
	if (!mine())
		return 0;
	opens++;
	file_ret = kf_file_path(file, file_buf, size());
	path_ret = kf_path_d_path(&file->f_path, path_buf, size());
	dentry_ret = kf_dentry_path(file->f_path.dentry, dentry_buf, size());
	return 0;
}

/*
 * A kprobe's register as the file (6.10+: the kernel's kprobe kfunc hook;
 * the pointer is a scalar there, which __ign lets through).
 */
__u32 kprobe_opens;
int kprobe_ret;
char kprobe_buf[BUF];

SEC("kprobe/security_file_open")
int on_open_kprobe(struct pt_regs *ctx)
{
	if (!mine())
		return 0;
	kprobe_opens++;
	kprobe_ret = kf_file_path((struct file *)PT_REGS_PARM1(ctx), kprobe_buf, size());
	return 0;
}

SEC("fentry/__d_move")
int BPF_PROG(on_d_move, struct dentry *dentry, struct dentry *target)
{
	char buf[64] = {};	/* 6.1 wants a stack buffer initialized */
	int r;

	if (!mine())
		return 0;
	struct btf_ptr p = { .ptr = dentry, .type_id = bpf_core_type_id_kernel(struct dentry) };

	dmove_calls++;
	r = kf_dentry_path(dentry, buf, sizeof(buf));
	if (r == -EAGAIN)
		dmove_eagain++;
	else
		dmove_other = r;
	/* its parent, inode and super_block too: never waits for a lock */
	if (dmove_btf)
		dmove_btf_ret = kf_btf_snprintf(buf, sizeof(buf), &p, sizeof(p),
						BTF_F_COMPACT | KF_BTF_F_FOLLOW(1) | KF_BTF_F_PTRS);
	return 0;
}

SEC("fentry/security_task_setrlimit")
int BPF_PROG(on_setrlimit, struct task_struct *p)
{
	struct task_struct *t;

	if (!mine())
		return 0;
	t = kf_task_from_pid(p->pid);
	if (!t)
		return 0;
	rlimit_calls++;
	rlimit_cwd_ret = kf_task_cwd_path(t, rlimit_buf, sizeof(rlimit_buf));
	rlimit_fd_ret = kf_task_fd_path(t, 0, rlimit_fd_buf, sizeof(rlimit_fd_buf));
	{
		struct btf_ptr bp = {
			.ptr = t, .type_id = bpf_core_type_id_kernel(struct task_struct),
		};

		rlimit_btf_ret = kf_btf_snprintf(rlimit_btf_buf, sizeof(rlimit_btf_buf), &bp,
						 sizeof(bp), BTF_F_COMPACT | KF_BTF_F_FOLLOW(2) |
						 KF_BTF_F_CONTAINERS);
	}
	kf_task_release(t);
	return 0;
}

char LICENSE[] SEC("license") = "GPL";
