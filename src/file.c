// SPDX-License-Identifier: GPL-2.0
/*
 * File kfuncs (bpf-headers/kfuncs/file.h) and the task kfuncs that give
 * paths (cwd, root, fd: kfuncs/task.h): the walk of fs/d_path.c's
 * prepend_path(), done without its locks.
 *
 * d_path() reads the rename and mount sequence locks with
 * read_seqbegin_or_lock(): its first try spins while a writer holds them
 * and its retry takes them. In a program attached inside a rename (the
 * writer is the code the program interrupted, on this CPU) that never
 * ends. Here the rename sequence count is sampled without waiting; a try
 * that saw a writer, or that a rename overlapped, is repeated a bounded
 * number of times and then the kfunc gives up with -EAGAIN. The mount
 * sequence lock is not exported; mount changes are not detected (the
 * header says so). Every read of a dentry, mount or file is a nofault
 * read (kf_read()): the objects stay allocated under RCU, and a stale
 * pointer from a program gives -EFAULT, never an oops.
 */
#include <linux/dcache.h>
#include <linux/errno.h>
#include <linux/fdtable.h>
#include <linux/fs.h>
#include <linux/fs_struct.h>
#include <linux/magic.h>
#include <linux/mount.h>
#include <linux/nospec.h>
#include <linux/path.h>
#include <linux/preempt.h>
#include <linux/rcupdate.h>
#include <linux/sched.h>
#include <linux/sched/task.h>
#include <linux/seqlock.h>
#include <linux/spinlock.h>
#include <linux/string.h>
#include <linux/uaccess.h>

#include <kfuncs/file.h>
#include <kfuncs/task.h>

#include "compat.h"

/* Whole walks before -EAGAIN; steps of one walk before -ELOOP. */
#define KF_PATH_TRIES 8
#define KF_PATH_MAX_STEPS 65536

/*
 * Copy @n bytes of kernel memory at @src to @dst without faulting: 0, or
 * -EFAULT when a byte cannot be read. What copy_from_kernel_nofault()
 * does, inline on x86-64 (a call of it costs more than the load it makes:
 * a walk makes four reads a directory): one load a word while @src is
 * aligned, then a byte a load, never a byte at or past @src + @n; each
 * load has the exception-table fixup of __get_kernel_nofault().
 */
static __always_inline int kf_read(void *dst, const void *src, size_t n)
{
#ifdef KF_HAVE_INLINE_NOFAULT
	const char *s = src;
	char *d = dst;
	size_t i = 0;
	int ret = -EFAULT;

	if (!n)
		return 0;
	if (!kf_kaddr_ok((unsigned long)s, n))
		return -EFAULT;
	pagefault_disable();
	if (!((unsigned long)s & 7))
		for (; i + 8 <= n; i += 8)
			__get_kernel_nofault(d + i, s + i, u64, out);
	for (; i < n; i++)
		__get_kernel_nofault(d + i, s + i, u8, out);
	ret = 0;
out:
	pagefault_enable();
	return ret;
#else
	return copy_from_kernel_nofault(dst, src, n) ? -EFAULT : 0;
#endif
}

/* *dst = *src, read with kf_read(); -EFAULT when it faults. */
#define kf_get(dst, src) kf_read(&(dst), &(src), sizeof(dst))

/*
 * The text is built backwards from the end of the caller's buffer, as
 * d_path() does: [pos, size) holds it. When a prepend does not fit, its
 * last bytes fill what is left and @cut is set: the buffer then holds the
 * text's tail.
 */
struct kf_pbuf {
	char *buf;
	u32 size;
	u32 pos;
	bool cut;
};

static int kf_prepend(struct kf_pbuf *b, const char *s, u32 n, bool kernel)
{
	if (b->cut)
		return 0;
	if (n > b->pos) {
		s += n - b->pos;
		n = b->pos;
		b->cut = true;
	}
	b->pos -= n;
	if (!kernel) {
		memcpy(b->buf + b->pos, s, n);
		return 0;
	}
	return kf_read(b->buf + b->pos, s, n);
}

/* "/" + the name of @dentry, read without its lock (the caller retries). */
static int kf_prepend_name(struct kf_pbuf *b, struct dentry *dentry)
{
	struct qstr name;
	int ret;

	if (kf_get(name, dentry->d_name))
		return -EFAULT;
	ret = kf_prepend(b, name.name, name.len, true);
	if (!ret)
		ret = kf_prepend(b, "/", 1, false);
	return ret;
}

/*
 * prepend_path()'s walk from @dentry on @vfsmnt up to @root (or to the top
 * of the mount tree when @root has no dentry): 0 when the root or the top
 * was reached (or the buffer is full), 1 when the walk escaped its mount
 * (a dentry that is its own parent below the mount's root: the caller
 * prints "/" then, as d_path() does), a negative errno else.
 */
static int kf_walk(struct kf_pbuf *b, struct dentry *dentry, struct vfsmount *vfsmnt,
		   const struct path *root)
{
	struct kf_shadow_mount *mnt = kf_real_mount(vfsmnt);
	struct dentry *parent, *mnt_root;
	struct kf_shadow_mount *up;
	u32 steps;
	int ret;

	if (kf_get(mnt_root, mnt->mnt.mnt_root))
		return -EFAULT;
	for (steps = 0; steps < KF_PATH_MAX_STEPS; steps++) {
		if (b->cut || (dentry == root->dentry && &mnt->mnt == root->mnt))
			return 0;
		if (dentry == mnt_root) {
			if (kf_get(up, mnt->mnt_parent))
				return -EFAULT;
			if (up == mnt)
				return 0;
			if (kf_get(dentry, mnt->mnt_mountpoint) ||
			    kf_get(mnt_root, up->mnt.mnt_root))
				return -EFAULT;
			mnt = up;
			continue;
		}
		if (kf_get(parent, dentry->d_parent))
			return -EFAULT;
		if (dentry == parent)
			return 1;
		ret = kf_prepend_name(b, dentry);
		if (ret)
			return ret;
		dentry = parent;
	}
	return -ELOOP;
}

/* dentry_path_raw()'s walk: up to the root of the dentry's filesystem. */
static int kf_walk_fs(struct kf_pbuf *b, struct dentry *dentry)
{
	struct dentry *parent;
	u32 steps;
	int ret;

	for (steps = 0; steps < KF_PATH_MAX_STEPS && !b->cut; steps++) {
		if (kf_get(parent, dentry->d_parent))
			return -EFAULT;
		if (dentry == parent)
			return 0;
		ret = kf_prepend_name(b, dentry);
		if (ret)
			return ret;
		dentry = parent;
	}
	return b->cut ? 0 : -ELOOP;
}

/* Move the text to the start of the buffer: its length, or -E2BIG if cut. */
static int kf_finish(struct kf_pbuf *b)
{
	u32 len = b->size - 1 - b->pos;

	memmove(b->buf, b->buf + b->pos, len + 1);
	return b->cut ? -E2BIG : len;
}

/*
 * Run @walk (kf_walk or kf_walk_fs) until no rename overlapped it. The
 * rename sequence count is read without waiting: odd (a rename is under
 * way, perhaps in the code this program interrupted) counts as a failed
 * try. Between tries, a short pause lets a rename on another CPU finish.
 */
static int kf_walk_consistent(char *buf, u32 size, const char *suffix, u32 suffix_len,
			      struct dentry *dentry, struct vfsmount *mnt,
			      const struct path *root)
{
	unsigned int seq;
	struct kf_pbuf b;
	int tries, ret, i;
	u32 base;

	for (tries = 0; tries < KF_PATH_TRIES; tries++) {
		for (i = 0; i < tries * 64; i++)
			cpu_relax();
		seq = raw_read_seqcount(&rename_lock.seqcount);
		if (seq & 1)
			continue;
		b.buf = buf;
		b.size = size;
		b.pos = size;
		b.cut = false;
		kf_prepend(&b, suffix, suffix_len, false);
		base = b.pos;
		ret = mnt ? kf_walk(&b, dentry, mnt, root) : kf_walk_fs(&b, dentry);
		if (read_seqcount_retry(&rename_lock.seqcount, seq))
			continue;
		if (ret < 0)
			return ret;
		if (ret == 1) {
			/* Escaped: d_path() shows "/" (and the suffix). */
			b.pos = size;
			b.cut = false;
			kf_prepend(&b, suffix, suffix_len, false);
		}
		if (b.pos == base && !b.cut)
			kf_prepend(&b, "/", 1, false);
		return kf_finish(&b);
	}
	return -EAGAIN;
}

/*
 * The current task's root, read under its fs sequence count without
 * waiting; no dentry when the task has none (after exit_fs()). current->fs
 * stays allocated while the task runs.
 */
static int kf_current_root(struct path *root)
{
	struct fs_struct *fs = READ_ONCE(current->fs);
	unsigned int seq;
	int tries;

	root->mnt = NULL;
	root->dentry = NULL;
	if (!fs)
		return 0;
	for (tries = 0; tries < KF_PATH_TRIES; tries++) {
		seq = raw_read_seqcount(kf_fs_seqcount(fs));
		if (seq & 1)
			continue;
		*root = fs->root;
		if (!read_seqcount_retry(kf_fs_seqcount(fs), seq))
			return 0;
	}
	return -EAGAIN;
}

/*
 * The names d_path() gets from a filesystem's d_dname() callback, made
 * here for the filesystems whose callbacks take no lock; other pseudo
 * files are refused.
 */
static int kf_pseudo_name(struct dentry *dentry, char *buf, u32 size)
{
	struct kf_pbuf b = { .buf = buf, .size = size, .pos = size };
	struct super_block *sb;
	struct inode *inode;
	unsigned long magic, ino;
	const char *what;
	struct qstr name;
	char num[32];
	int ret;

	if (kf_get(sb, dentry->d_sb) || kf_get(magic, sb->s_magic) ||
	    kf_get(inode, dentry->d_inode) || !inode || kf_get(ino, inode->i_ino))
		return -EFAULT;
	switch (magic) {
	case PIPEFS_MAGIC:
		what = "pipe:";
		break;
	case SOCKFS_MAGIC:
		what = "socket:";
		break;
	case PID_FS_MAGIC:
		/* 6.9: pidfds on a filesystem of their own, named as before. */
		what = "anon_inode:[pidfd]";
		kf_prepend(&b, what, strlen(what) + 1, false);
		return kf_finish(&b);
	case ANON_INODE_FS_MAGIC:
		/* "anon_inode:" and the name its creator gave. */
		if (kf_get(name, dentry->d_name))
			return -EFAULT;
		kf_prepend(&b, "", 1, false);
		ret = kf_prepend(&b, name.name, name.len, true);
		if (ret)
			return ret;
		kf_prepend(&b, "anon_inode:", 11, false);
		return kf_finish(&b);
	default:
		return -EOPNOTSUPP;
	}
	/* "pipe:[INODE]", "socket:[INODE]" */
	kf_prepend(&b, num, scnprintf(num, sizeof(num), "[%lu]", ino) + 1, false);
	kf_prepend(&b, what, strlen(what), false);
	return kf_finish(&b);
}

/* d_path() of @path for the current task, as file.h describes it. */
static int kf_d_path(const struct path *path, char *buf, u32 size)
{
	const struct dentry_operations *d_op;
	struct dentry *dentry = path->dentry, *parent, *mnt_root;
	char *(*d_dname)(struct dentry *dentry, char *buf, int len) = NULL;
	struct hlist_bl_node **pprev;
	struct path root;
	bool deleted;
	int ret;

	if (!size)
		return -E2BIG;
	if (kf_get(d_op, dentry->d_op) || kf_get(parent, dentry->d_parent) ||
	    kf_get(mnt_root, path->mnt->mnt_root) || kf_get(pprev, dentry->d_hash.pprev))
		return -EFAULT;
	if (d_op && kf_get(d_dname, d_op->d_dname))
		return -EFAULT;
	/* d_path()'s test: a pseudo file, unless it is mounted somewhere. */
	if (d_dname && (dentry != parent || dentry != mnt_root))
		return kf_pseudo_name(dentry, buf, size);
	ret = kf_current_root(&root);
	if (ret)
		return ret;
	/* d_unlinked(): unhashed, and not a root. */
	deleted = !pprev && dentry != parent;
	return kf_walk_consistent(buf, size, deleted ? " (deleted)" : "", deleted ? 11 : 1,
				  dentry, path->mnt, &root);
}

__bpf_kfunc int kf_path_d_path(const struct path *KF_ANY(path), char *buf, u32 buf__sz)
{
	struct path p;
	int ret;

	rcu_read_lock();
	ret = kf_get(p, *KF_ANY(path));
	if (!ret)
		ret = kf_d_path(&p, buf, buf__sz);
	rcu_read_unlock();
	return ret;
}

__bpf_kfunc int kf_file_path(struct file *KF_ANY(file), char *buf, u32 buf__sz)
{
	return kf_path_d_path(&KF_ANY(file)->f_path, buf, buf__sz);
}

__bpf_kfunc int kf_dentry_path(struct dentry *KF_ANY(dentry), char *buf, u32 buf__sz)
{
	int ret;

	if (!buf__sz)
		return -E2BIG;
	rcu_read_lock();
	ret = kf_walk_consistent(buf, buf__sz, "", 1, KF_ANY(dentry), NULL, NULL);
	rcu_read_unlock();
	return ret;
}

/*
 * Another task's fs and files are freed when it exits or unshares them,
 * under its task_lock(); its own are stable while it runs. So for another
 * task the lock is tried, never waited for: -EBUSY if it is held (perhaps
 * by the code this program interrupted) or in NMI context, where even a
 * trylock is not allowed.
 */
static int kf_task_lock(struct task_struct *task)
{
	if (task == current)
		return 0;
	if (in_nmi() || !spin_trylock(&task->alloc_lock))
		return -EBUSY;
	return 0;
}

static void kf_task_unlock(struct task_struct *task)
{
	if (task != current)
		spin_unlock(&task->alloc_lock);
}

/* The task's cwd (@pwd) or root, and then its d_path(). */
static int kf_task_fs_path(struct task_struct *task, bool pwd, char *buf, u32 size)
{
	struct fs_struct *fs;
	struct path p = {};
	unsigned int seq;
	int tries, ret;

	if (!size)
		return -E2BIG;
	rcu_read_lock();
	ret = kf_task_lock(task);
	if (ret)
		goto out;
	fs = READ_ONCE(task->fs);
	ret = fs ? -EAGAIN : -ENOENT;
	for (tries = 0; fs && tries < KF_PATH_TRIES; tries++) {
		seq = raw_read_seqcount(kf_fs_seqcount(fs));
		if (seq & 1)
			continue;
		p = pwd ? fs->pwd : fs->root;
		if (!read_seqcount_retry(kf_fs_seqcount(fs), seq)) {
			ret = 0;
			break;
		}
	}
	kf_task_unlock(task);
	/* The dentry and mount stay allocated under RCU. */
	if (!ret)
		ret = p.dentry ? kf_d_path(&p, buf, size) : -ENOENT;
out:
	rcu_read_unlock();
	return ret;
}

__bpf_kfunc int kf_task_cwd_path(struct task_struct *task, char *buf, u32 buf__sz)
{
	return kf_task_fs_path(task, true, buf, buf__sz);
}

__bpf_kfunc int kf_task_root_path(struct task_struct *task, char *buf, u32 buf__sz)
{
	return kf_task_fs_path(task, false, buf, buf__sz);
}

/*
 * The file at @fd of the task's table, as __fget_files_rcu() finds it
 * without taking a reference: the table is freed after RCU, and files too
 * (from 6.7 their slab is SLAB_TYPESAFE_BY_RCU: a file may be reused, so
 * the slot is read again after the file's path was copied).
 */
__bpf_kfunc int kf_task_fd_path(struct task_struct *task, u32 fd, char *buf, u32 buf__sz)
{
	struct files_struct *files;
	struct fdtable *fdt;
	struct file *file;
	struct path p;
	int ret;

	if (!buf__sz)
		return -E2BIG;
	rcu_read_lock();
	ret = kf_task_lock(task);
	if (ret)
		goto out;
	files = READ_ONCE(task->files);
	ret = -ENOENT;
	if (files) {
		fdt = rcu_dereference_raw(files->fdt);
		if (fd < fdt->max_fds) {
			fd = array_index_nospec(fd, fdt->max_fds);
			file = rcu_dereference_raw(fdt->fd[fd]);
			if (file && !kf_get(p, file->f_path)) {
				smp_rmb(); /* read the path before the slot again */
				if (rcu_dereference_raw(fdt->fd[fd]) == file)
					ret = 0;
				else
					ret = -EAGAIN;
			}
		}
	}
	kf_task_unlock(task);
	if (!ret)
		ret = kf_d_path(&p, buf, buf__sz);
out:
	rcu_read_unlock();
	return ret;
}
