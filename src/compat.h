/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Every difference between the kernels kfunc supports (6.1 to 7.x) is
 * mapped here, by feature where the kernel defines a macro for it and by
 * version where it does not. Nothing else in src/ tests a version.
 *
 * The versions below come from upstream history; the test matrix checks
 * each branch on 6.1 (Debian 12), 6.12 (Debian 13) and 7.3 (backports).
 */
#ifndef KFUNC_COMPAT_H
#define KFUNC_COMPAT_H

#include <linux/bpf.h>
#include <linux/btf.h>
#include <linux/btf_ids.h>
#include <linux/crc32.h>
#include <linux/fs.h>
#include <linux/fs_struct.h>
#include <linux/kernfs.h>
#include <linux/mount.h>
#include <linux/mm_types.h>
#include <linux/rcupdate.h>
#include <linux/version.h>

/* 6.3: __bpf_kfunc keeps a kfunc out of line and in the object. */
#ifndef __bpf_kfunc
#define __bpf_kfunc __used noinline
#endif

/*
 * 6.9: kfunc sets carry the BTF_SET8_KFUNCS flag and registration without
 * it fails with -EINVAL; before, a plain set8.
 */
#ifndef BTF_KFUNCS_START
#define BTF_KFUNCS_START(name) BTF_SET8_START(name)
#define BTF_KFUNCS_END(name) BTF_SET8_END(name)
#endif

/* 7.0: trusted pointer arguments are the default and the flag is gone. */
#ifndef KF_TRUSTED_ARGS
#define KF_TRUSTED_ARGS 0
#endif

/*
 * 6.10: kprobe programs get a kfunc hook. Before, they cannot call module
 * kfuncs at all (use fentry there).
 */
#if LINUX_VERSION_CODE >= KERNEL_VERSION(6, 10, 0)
#define KF_HAVE_KPROBE_KFUNC_HOOK
#endif

/*
 * Parameter names are the verifier's annotations, and a definition may
 * name its parameters differently from the SDK prototype: these pick, per
 * kernel, the name the verifier of that kernel checks correctly. The SDK
 * headers keep the modern name; the prototype cross-check knows the map.
 *
 * KF_SZK(p): "p__szk" (6.4+: the size must be a known constant). Older
 * verifiers ignore __szk and would check only one element of the buffer
 * (measured on 6.1), so there it is "p__sz": a bounded size, checked in
 * full, and the kfunc checks its value at run time.
 */
#if LINUX_VERSION_CODE >= KERNEL_VERSION(6, 4, 0)
#define KF_SZK(p) p##__szk
#else
#define KF_SZK(p) p##__sz
#endif

/*
 * KF_OPT(p): the pointer of a (p, p__sz) pair may be NULL. "p__opt" up to
 * 6.x; 7.x no longer honours __opt (measured on 7.3: NULL is rejected) and
 * "p__nullable" does the same job. On 6.1 neither exists: NULL passes only
 * with a size of 0, which the kfuncs accept.
 */
#if LINUX_VERSION_CODE >= KERNEL_VERSION(7, 0, 0)
#define KF_OPT(p) p##__nullable
#else
#define KF_OPT(p) p##__opt
#endif

/*
 * KF_ANY(p): "p__ign" (6.2+): the verifier does not check the argument at
 * all, so a program may pass any value, for example an fentry argument
 * that 7.x (trusted arguments by default) would refuse or a kprobe's
 * register; for kfuncs that read the object only with nofault accessors.
 * 6.1 has no __ign: there "p", a pointer of the declared struct type.
 */
#if LINUX_VERSION_CODE >= KERNEL_VERSION(6, 2, 0)
#define KF_ANY(p) p##__ign
#else
#define KF_ANY(p) p
#endif

/*
 * 6.5: a kfunc set may carry a filter, asked at load time whether a
 * program may call each of its kfuncs. 6.1 has none: a kfunc is callable
 * by every program of the types it is registered for.
 */
#if LINUX_VERSION_CODE >= KERNEL_VERSION(6, 5, 0)
#define KF_HAVE_KFUNC_FILTER
#endif

/*
 * 6.8: __str, a constant NUL-terminated string in a read-only map. Older
 * verifiers would check one byte of it, so the kfuncs that take one are
 * not registered there.
 */
#if LINUX_VERSION_CODE >= KERNEL_VERSION(6, 8, 0)
#define KF_HAVE_STR_ARG
#endif

/*
 * 6.14: crc32c() is the built-in library function (it was in the
 * libcrc32c module before; the built-in one was __crc32c_le()).
 */
#if LINUX_VERSION_CODE >= KERNEL_VERSION(6, 14, 0)
#define kf_crc32c(crc, p, len) crc32c(crc, p, len)
#else
#define kf_crc32c(crc, p, len) __crc32c_le(crc, p, len)
#endif

/*
 * kf_get_mm_exe_file(mm): a reference to @mm's executable file, or NULL
 * (get_mm_exe_file() is not exported). Files are freed after an RCU grace
 * period, so a reference taken under rcu_read_lock() from a non-zero count
 * is safe. Up to 6.6 get_file_rcu() is a macro on the file; 6.7 made it a
 * function on the __rcu pointer that retries when the pointer changes.
 */
static inline struct file *kf_get_mm_exe_file(struct mm_struct *mm)
{
	struct file *exe;

	rcu_read_lock();
#ifdef get_file_rcu
	exe = rcu_dereference(mm->exe_file);
	if (exe && !get_file_rcu(exe))
		exe = NULL;
#else
	exe = get_file_rcu(&mm->exe_file);
#endif
	rcu_read_unlock();
	return exe;
}

/*
 * struct mount is private to fs/ (fs/mount.h, not in the headers). These
 * are its first members, the same from 6.1 to 7.3; kfunc-btfids checks
 * every build against the kernel's BTF: a struct named kf_shadow_NAME
 * must match the kernel's struct NAME, member by member (offset and
 * size), or the module is not built.
 */
struct kf_shadow_mount {
	struct hlist_node mnt_hash;
	struct kf_shadow_mount *mnt_parent;
	struct dentry *mnt_mountpoint;
	struct vfsmount mnt;
};

static inline struct kf_shadow_mount *kf_real_mount(struct vfsmount *mnt)
{
	return container_of(mnt, struct kf_shadow_mount, mnt);
}

/*
 * The sequence count of a task's fs_struct (root and cwd): a
 * seqcount_spinlock_t up to 6.x, a seqlock_t from 7.0 (its .seqcount).
 * .seqcount names a counter raw_read_seqcount() takes in both.
 */
#define kf_fs_seqcount(fs) (&(fs)->seq.seqcount)

/* 6.9: pidfds on pidfs; the magic is in no header before (and no file has it). */
#ifndef PID_FS_MAGIC
#define PID_FS_MAGIC 0x50494446
#endif

/*
 * 6.15: a kernfs node's parent and name are RCU pointers (__parent, name);
 * before, plain ones. Callers hold rcu_read_lock().
 */
#if LINUX_VERSION_CODE >= KERNEL_VERSION(6, 15, 0)
#define kf_kn_parent(kn) rcu_dereference((kn)->__parent)
#define kf_kn_name(kn) rcu_dereference((kn)->name)
#else
#define kf_kn_parent(kn) ((kn)->parent)
#define kf_kn_name(kn) ((kn)->name)
#endif

/*
 * kf_kaddr_ok(): what copy_from_kernel_nofault() checks of an address on
 * x86-64 before it reads (copy_from_kernel_nofault_allowed(), which is
 * not exported): in the kernel's half, past the guard page, canonical
 * (a non-canonical load raises #GP, which the fixup survives but warns
 * about). The file kfuncs read with inline nofault loads after it
 * (file.c: kf_read()); other architectures call
 * copy_from_kernel_nofault() itself.
 */
#ifdef CONFIG_X86_64
#include <asm/page.h>
#include <asm/processor.h>
#define KF_HAVE_INLINE_NOFAULT

static __always_inline bool kf_kaddr_ok(unsigned long a, size_t n)
{
	return a >= TASK_SIZE_MAX + PAGE_SIZE && a + n >= a &&
	       __is_canonical_address(a, boot_cpu_data.x86_virt_bits);
}
#endif

/*
 * 7.3: bpf_snprintf_btf names a pointer to void "(void *)"; before, "( *)".
 * kf_btf_snprintf prints as the running kernel's helper does.
 */
#if LINUX_VERSION_CODE >= KERNEL_VERSION(7, 3, 0)
#define KF_BTF_SHOW_FLAGS KFL_BTF_F_VOID_NAME
#else
#define KF_BTF_SHOW_FLAGS 0
#endif

#endif /* KFUNC_COMPAT_H */
