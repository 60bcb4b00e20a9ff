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
#include <linux/limits.h>
#include <linux/nsproxy.h>
#include <linux/percpu.h>
#include <linux/pid.h>
#include <linux/pid_namespace.h>
#include <linux/preempt.h>
#include <linux/rcupdate.h>
#include <linux/sched.h>
#include <linux/sched/mm.h>
#include <linux/sched/task.h>
#include <linux/string.h>

#include <kfuncs/task.h>

#include "compat.h"
#include "kfunc.h"

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

/*
 * A PATH_MAX scratch buffer per CPU for kf_task_cgroup_path: how
 * kernfs_path_from_node() reports a path cut short differs between kernels
 * (the full length up to 6.x, a sum of strscpy() results later), so the
 * path is made here in full and then copied.
 */
static char __percpu *kf_path_buf;

int kf_task_init(void)
{
	kf_path_buf = __alloc_percpu(PATH_MAX, 1);
	return kf_path_buf ? 0 : -ENOMEM;
}

void kf_task_exit(void)
{
	free_percpu(kf_path_buf);
}

/*
 * What cgroup_path_ns() does, without its cgroup_mutex (a BPF program may
 * not sleep): under RCU the task's css_set, its cgroup and their kernfs
 * nodes stay alive; kernfs_path_from_node() takes kernfs' rename lock (a
 * spinlock). The path is relative to the current task's cgroup namespace,
 * as /proc/PID/cgroup shows it. Interrupts stay off while this CPU's
 * scratch buffer is in use; in NMI context (a tracing program on a
 * function an NMI runs) the lock could be held by the interrupted code,
 * so the kfunc refuses with -EBUSY.
 */
__bpf_kfunc int kf_task_cgroup_path(struct task_struct *task, char *buf, u32 buf__sz)
{
	struct cgroup *cgrp, *root = &cgrp_dfl_root.cgrp;
	unsigned long flags;
	struct nsproxy *ns;
	char *tmp;
	int ret;

	if (!buf__sz)
		return -E2BIG;
	if (in_nmi())
		return -EBUSY;
	local_irq_save(flags);
	rcu_read_lock();
	cgrp = task_dfl_cgroup(task);
	ns = current->nsproxy;
	if (ns && ns->cgroup_ns)
		root = ns->cgroup_ns->root_cset->dfl_cgrp;
	tmp = this_cpu_ptr(kf_path_buf);
	ret = kernfs_path_from_node(cgrp->kn, root->kn, tmp, PATH_MAX);
	if (ret < 0)
		goto out;
	ret = strnlen(tmp, PATH_MAX);
	if (ret >= PATH_MAX - 1) {
		ret = -E2BIG;
		goto out;
	}
	if ((u32)ret >= buf__sz) {
		memcpy(buf, tmp, buf__sz - 1);
		buf[buf__sz - 1] = 0;
		ret = -E2BIG;
		goto out;
	}
	memcpy(buf, tmp, ret + 1);
out:
	rcu_read_unlock();
	local_irq_restore(flags);
	return ret;
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
