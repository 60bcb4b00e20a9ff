// SPDX-License-Identifier: GPL-2.0
/*
 * Task kfuncs (bpf-headers/kfuncs/task.h): lookups that take a reference,
 * and wrappers that take, inside, the locks a BPF program cannot.
 */
#include <linux/cgroup.h>
#include <linux/err.h>
#include <linux/errno.h>
#include <linux/file.h>
#include <linux/kernfs.h>
#include <linux/minmax.h>
#include <linux/nsproxy.h>
#include <linux/pid.h>
#include <linux/pid_namespace.h>
#include <linux/rcupdate.h>
#include <linux/sched.h>
#include <linux/sched/mm.h>
#include <linux/sched/task.h>
#include <linux/string.h>

#include <kfuncs/task.h>

#include "compat.h"

/* get_pid_task() takes the reference; find_*pid* need RCU. */
__bpf_kfunc struct task_struct *kf_task_from_vpid(s32 vpid)
{
	struct task_struct *p;

	rcu_read_lock();
	p = get_pid_task(find_vpid(vpid), PIDTYPE_PID);
	rcu_read_unlock();
	return p;
}

__bpf_kfunc struct task_struct *kf_task_from_pid(s32 pid)
{
	struct task_struct *p;

	rcu_read_lock();
	p = get_pid_task(find_pid_ns(pid, &init_pid_ns), PIDTYPE_PID);
	rcu_read_unlock();
	return p;
}

__bpf_kfunc void kf_task_release(struct task_struct *p)
{
	put_task_struct(p);
}

/* The number of parents between @kn and the root of its hierarchy. */
static u32 kf_kn_depth(struct kernfs_node *kn)
{
	u32 depth = 0;

	while ((kn = kf_kn_parent(kn)))
		depth++;
	return depth;
}

/*
 * What kernfs_path_from_node(@to, @from) makes, without kernfs' rename
 * lock: "/.." for each step from @from up to the nearest common ancestor,
 * then "/NAME" for each step from there down to @to; "/" when both are
 * the same. The text is @len bytes long (kf_cgroup_path_len()); its first
 * @size - 1 bytes and a NUL are written to @buf.
 */
static void kf_cgroup_path_write(struct kernfs_node *to, u32 up, u32 down, u32 len,
				 char *buf, u32 size)
{
	u32 end = len, i, n, start;
	const char *name;

	for (i = 0; i < up; i++)
		if (i * 3 < size - 1)
			memcpy(buf + i * 3, "/..", min_t(u32, 3, size - 1 - i * 3));
	for (i = 0; i < down; i++, to = kf_kn_parent(to)) {
		name = kf_kn_name(to);
		n = strlen(name) + 1;
		start = end - n;
		if (start < size - 1) {
			buf[start] = '/';
			memcpy(buf + start + 1, name, min_t(u32, n, size - 1 - start) - 1);
		}
		end = start;
	}
	if (!len)
		buf[0] = '/';
	buf[min_t(u32, len ? len : 1, size - 1)] = 0;
}

/*
 * cgroup_path_ns() without its cgroup_mutex (a BPF program may not sleep)
 * and kernfs_path_from_node() without kernfs_rename_lock (a program
 * attached inside a kernfs rename would wait for it forever): on the
 * default (v2) hierarchy a cgroup's directory is never renamed or moved
 * (cgroup2 has no rename), so the names and parents walked are fixed. The
 * task's css_set and cgroup stay allocated under RCU, the cgroup holds its
 * kernfs node and each node its parent. The path is relative to the
 * current task's cgroup namespace, as /proc/PID/cgroup shows it.
 */
__bpf_kfunc int kf_task_cgroup_path(struct task_struct *task, char *buf, u32 buf__sz)
{
	struct cgroup *root = &cgrp_dfl_root.cgrp;
	struct kernfs_node *to, *from, *a, *b;
	u32 dto, dfrom, up, down, len, i;
	struct nsproxy *ns;

	if (!buf__sz)
		return -E2BIG;
	rcu_read_lock();
	to = task_dfl_cgroup(task)->kn;
	ns = current->nsproxy;
	if (ns && ns->cgroup_ns)
		root = ns->cgroup_ns->root_cset->dfl_cgrp;
	from = root->kn;
	/* The nearest common ancestor, and the steps from each side to it. */
	dto = kf_kn_depth(to);
	dfrom = kf_kn_depth(from);
	a = to;
	b = from;
	for (i = dto; i > dfrom; i--)
		a = kf_kn_parent(a);
	for (i = dfrom; i > dto; i--)
		b = kf_kn_parent(b);
	while (a != b) {
		a = kf_kn_parent(a);
		b = kf_kn_parent(b);
	}
	down = dto - kf_kn_depth(a);
	up = dfrom - kf_kn_depth(a);
	len = up * 3;
	for (a = to, i = 0; i < down; i++, a = kf_kn_parent(a))
		len += strlen(kf_kn_name(a)) + 1;
	kf_cgroup_path_write(to, up, down, len, buf, buf__sz);
	rcu_read_unlock();
	if (!len)
		len = 1;
	return len < buf__sz ? len : -E2BIG;
}

/*
 * d_path() of the task's mm->exe_file, as proc_exe_link() + readlink do.
 * Sleepable: mmput() and fput() may sleep.
 */
__bpf_kfunc int kf_task_exe_path(struct task_struct *task, char *buf, u32 buf__sz)
{
	struct mm_struct *mm;
	struct file *exe;
	char *path;
	int ret;

	mm = get_task_mm(task);
	if (!mm)
		return -ENOENT;
	exe = kf_get_mm_exe_file(mm);
	mmput(mm);
	if (!exe)
		return -ENOENT;
	path = d_path(&exe->f_path, buf, buf__sz);
	fput(exe);
	if (IS_ERR(path)) {
		ret = PTR_ERR(path);
		return ret == -ENAMETOOLONG ? -E2BIG : ret;
	}
	/* d_path() writes the path, and its NUL, at the end of @buf. */
	ret = buf + buf__sz - 1 - path;
	memmove(buf, path, ret + 1);
	return ret;
}
