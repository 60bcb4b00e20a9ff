// SPDX-License-Identifier: GPL-2.0
/*
 * What /proc shows of a task (kfuncs/task.h): its command line and one
 * variable of its environment, as /proc/PID/cmdline and environ read them
 * (fs/proc/base.c), and the container id in its cgroup paths.
 *
 * Memory: the sleepable forms read any task's memory with
 * access_process_vm(), which may fault pages in and takes the mm's lock;
 * the non-sleepable forms read only the current task's, with
 * copy_from_user_nofault(): a page that is not present is -EFAULT. The
 * mm's arg_lock, which guards the areas' bounds, is taken by the
 * sleepable forms and only tried by the others (-EBUSY).
 */
#include <linux/cgroup.h>
#include <linux/errno.h>
#include <linux/kernfs.h>
#include <linux/minmax.h>
#include <linux/mm.h>
#include <linux/preempt.h>
#include <linux/rcupdate.h>
#include <linux/sched.h>
#include <linux/sched/mm.h>
#include <linux/spinlock.h>
#include <linux/string.h>
#include <linux/uaccess.h>

#include <kfuncs/task.h>

#include "compat.h"
#include "lib/kfl.h"

/* The bytes read at a time while an area is scanned. */
#define KF_CHUNK 64

/*
 * A task's memory: @task for the sleepable forms (its mm referenced in
 * @mm), NULL for the current task's, read without faulting.
 */
struct kf_umem {
	struct task_struct *task;
	struct mm_struct *mm;
	unsigned long arg_start, arg_end, env_start, env_end;
};

static int kf_uread(struct kf_umem *m, unsigned long addr, void *dst, u32 n)
{
	if (!n)
		return 0;
	if (!m->task)
		return copy_from_user_nofault(dst, (const void __user *)addr, n) ? -EFAULT : 0;
	return access_process_vm(m->task, addr, dst, n, 0) == n ? 0 : -EFAULT;
}

static void kf_umem_close(struct kf_umem *m)
{
	if (m->mm)
		mmput(m->mm);
	m->mm = NULL;
}

/*
 * Open @task's memory (NULL: the current task's) and read the bounds of
 * its argument and environment areas, as get_mm_cmdline() does: -ENOENT
 * when the task has no user memory (a kernel thread, an exited task) or
 * has not finished exec yet; -EBUSY when the non-sleepable form finds
 * arg_lock held or runs in NMI.
 */
static int kf_umem_open(struct kf_umem *m, struct task_struct *task)
{
	struct mm_struct *mm;

	m->task = task;
	if (task) {
		mm = get_task_mm(task);
		if (!mm)
			return -ENOENT;
		spin_lock(&mm->arg_lock);
	} else {
		mm = current->mm;
		if (!mm || (current->flags & PF_KTHREAD))
			return -ENOENT;
		if (in_nmi() || !spin_trylock(&mm->arg_lock))
			return -EBUSY;
	}
	m->arg_start = mm->arg_start;
	m->arg_end = mm->arg_end;
	m->env_start = mm->env_start;
	m->env_end = mm->env_end;
	spin_unlock(&mm->arg_lock);
	m->mm = task ? mm : NULL;
	if (!m->env_end) {
		kf_umem_close(m);
		return -ENOENT;
	}
	return 0;
}

/*
 * Copy the @n bytes at @addr to @buf and a NUL after them, or the first
 * @size - 1 of them and a NUL: @n, -E2BIG or -EFAULT.
 */
static int kf_ucopy_str(struct kf_umem *m, unsigned long addr, u32 n, char *buf, u32 size)
{
	u32 copy = min(n, size - 1);
	int ret = kf_uread(m, addr, buf, copy);

	buf[ret ? 0 : copy] = 0;
	if (ret)
		return ret;
	return n < size ? n : -E2BIG;
}

/* The address of the first NUL in [@pos, @end), or @end when none. */
static int kf_ufind_nul(struct kf_umem *m, unsigned long pos, unsigned long end,
			unsigned long *nul)
{
	char chunk[KF_CHUNK];
	u32 n, i;
	int ret;

	for (; pos < end; pos += n) {
		n = min_t(unsigned long, KF_CHUNK, end - pos);
		ret = kf_uread(m, pos, chunk, n);
		if (ret)
			return ret;
		for (i = 0; i < n; i++) {
			if (!chunk[i]) {
				*nul = pos + i;
				return 0;
			}
		}
	}
	*nul = end;
	return 0;
}

/*
 * /proc/PID/cmdline's bytes (get_mm_cmdline()) without their last NUL:
 * [arg_start, arg_end - 1); or, when the last byte of that area is not a
 * NUL (the process rewrote its arguments, setproctitle()), the bytes from
 * arg_start up to the first NUL before the end of the environment area
 * (if that area follows the arguments' directly; else of the arguments'),
 * or up to that end, looking at one page at most.
 */
static int kf_cmdline(struct kf_umem *m, char *buf, u32 size)
{
	unsigned long start = m->arg_start, end = m->arg_end, env_end = m->env_end;
	char c;
	int ret;

	/* The callers wrote a NUL at @buf's start. */
	if (start >= end)
		return 0;
	ret = kf_uread(m, end - 1, &c, 1);
	if (ret)
		return ret;
	/* Without its NUL: kf_ucopy_str() puts one after what it copies. */
	end--;
	if (c) {
		if (m->env_start != m->arg_end || env_end < m->env_start)
			env_end = m->arg_end;
		/* get_mm_proctitle() looks at one page. */
		env_end = min(env_end, start + PAGE_SIZE);
		ret = kf_ufind_nul(m, start, env_end, &end);
		if (ret)
			return ret;
	}
	return kf_ucopy_str(m, start, end - start, buf, size);
}

/* The name (@name__sz bytes, or those before a NUL among them). */
static int kf_name_len(const char *name, u32 size)
{
	u32 n = strnlen(name, size);

	if (!n || memchr(name, '=', n))
		return -EINVAL;
	return n;
}

/*
 * The value of the first "NAME=value" entry of [env_start, env_end) (an
 * entry ends at a NUL or at env_end), as environ_read() gives the area.
 */
static int kf_getenv(struct kf_umem *m, const char *name, u32 name_len, char *buf, u32 size)
{
	unsigned long pos = m->env_start, end = m->env_end, nul;
	char chunk[KF_CHUNK];
	bool match;
	u32 i, n;
	int ret;

	for (; pos < end; pos = nul + 1) {
		/* Does the entry start with NAME and "="? */
		match = end - pos > name_len;
		for (i = 0; match && i <= name_len; i += n) {
			n = min_t(u32, KF_CHUNK, name_len + 1 - i);
			ret = kf_uread(m, pos + i, chunk, n);
			if (ret)
				return ret;
			match = !memcmp(chunk, name + i, min(n, name_len - i)) &&
				(i + n <= name_len || chunk[n - 1] == '=');
		}
		ret = kf_ufind_nul(m, pos, end, &nul);
		if (ret)
			return ret;
		if (match)
			return kf_ucopy_str(m, pos + name_len + 1, nul - pos - name_len - 1,
					    buf, size);
	}
	return -ENOENT;
}

/* The command line of @task, or of the current task when @task is NULL. */
static int kf_proc_cmdline(struct task_struct *task, char *buf, u32 size)
{
	struct kf_umem m;
	int ret;

	if (!size)
		return -E2BIG;
	buf[0] = 0;
	ret = kf_umem_open(&m, task);
	if (ret)
		return ret;
	ret = kf_cmdline(&m, buf, size);
	kf_umem_close(&m);
	return ret;
}

/* The variable @name of @task, or of the current task when @task is NULL. */
static int kf_proc_getenv(struct task_struct *task, const char *name, u32 name_size,
			  char *buf, u32 size)
{
	struct kf_umem m;
	int ret, n;

	if (!size)
		return -E2BIG;
	buf[0] = 0;
	n = kf_name_len(name, name_size);
	if (n < 0)
		return n;
	ret = kf_umem_open(&m, task);
	if (ret)
		return ret;
	ret = kf_getenv(&m, name, n, buf, size);
	kf_umem_close(&m);
	return ret;
}

__bpf_kfunc int kf_current_cmdline(char *buf, u32 buf__sz)
{
	return kf_proc_cmdline(NULL, buf, buf__sz);
}

__bpf_kfunc int kf_task_cmdline(struct task_struct *task, char *buf, u32 buf__sz)
{
	return kf_proc_cmdline(task, buf, buf__sz);
}

__bpf_kfunc int kf_current_getenv(const char *name, u32 name__sz, char *buf, u32 buf__sz)
{
	return kf_proc_getenv(NULL, name, name__sz, buf, buf__sz);
}

__bpf_kfunc int kf_task_getenv(struct task_struct *task, const char *name, u32 name__sz,
			       char *buf, u32 buf__sz)
{
	return kf_proc_getenv(task, name, name__sz, buf, buf__sz);
}

/*
 * The container id in the names of @kn and its parents, the nearest to
 * @kn first. A v1 directory (@v1) may be renamed during the walk, and
 * before 6.15 its old name is freed at once: its name is read a byte at a
 * time with a nofault accessor (never past its NUL), and only a whole id
 * is taken. v2 directories are never renamed: their names are read as
 * they are.
 */
static bool kf_kn_container_id(struct kernfs_node *kn, bool v1, char *id)
{
	char name[96];
	const char *s;
	u32 n;

	for (; kn; kn = kf_kn_parent(kn)) {
		s = kf_kn_name(kn);
		if (v1) {
			for (n = 0; n < sizeof(name); n++)
				if (copy_from_kernel_nofault(&name[n], s + n, 1) || !name[n])
					break;
			if (n == sizeof(name) || name[n])
				continue;
			s = name;
		} else {
			n = strnlen(s, sizeof(name));
		}
		if (n < sizeof(name) && kfl_container_id(s, n, id))
			return true;
	}
	return false;
}

/*
 * The task's cgroups: its v2 cgroup, then one per v1 hierarchy (through
 * each controller's css), all reached under RCU from its css_set.
 */
__bpf_kfunc int kf_task_container_id(struct task_struct *task, char *buf, u32 buf__sz)
{
	char id[KFL_CONTAINER_ID_LEN];
	struct cgroup_subsys_state *css;
	struct css_set *cset;
	bool found;
	int i;

	if (!buf__sz)
		return -E2BIG;
	rcu_read_lock();
	cset = rcu_dereference(task->cgroups);
	found = kf_kn_container_id(cset->dfl_cgrp->kn, false, id);
	for (i = 0; !found && i < CGROUP_SUBSYS_COUNT; i++) {
		css = cset->subsys[i];
		if (css && css->cgroup->root != &cgrp_dfl_root)
			found = kf_kn_container_id(css->cgroup->kn, true, id);
	}
	rcu_read_unlock();
	if (!found) {
		buf[0] = 0;
		return -ENOENT;
	}
	i = min_t(u32, KFL_CONTAINER_ID_LEN, buf__sz - 1);
	memcpy(buf, id, i);
	buf[i] = 0;
	return i == KFL_CONTAINER_ID_LEN ? i : -E2BIG;
}
