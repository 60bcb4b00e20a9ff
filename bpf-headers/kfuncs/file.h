/* SPDX-License-Identifier: (GPL-2.0 OR BSD-2-Clause) */
/*
 * Files: the full path of a file, a path or a dentry, from any hook, as
 * the kernel shows it in /proc. The kfuncs walk the dentry and mount trees
 * themselves, under RCU, and take no lock: d_path(), which takes the
 * rename and mount locks when it has to retry, would deadlock in a program
 * attached inside a rename or a mount; the kernel's bpf_d_path() is
 * allowed only at a list of hooks for that reason.
 *
 * What the path kfuncs share:
 *  - @buf, @buf__sz: the output, @buf__sz writable bytes. On success @buf
 *    holds the path and its NUL at its start; the bytes after the NUL are
 *    unspecified. Nothing past @buf__sz bytes is written.
 *  - Return: the path's length (without its NUL).
 *    -E2BIG: the path and its NUL do not fit in @buf__sz bytes; @buf
 *    then holds the path's last @buf__sz - 1 bytes and a NUL (the path
 *    cut at its start, so the file's name is kept), or, when @buf__sz is
 *    0, nothing.
 *    -EAGAIN: a rename moved a directory of the path during each of 8
 *    tries (or the program runs inside a rename, on this CPU): no
 *    consistent path was seen. Renames are detected with the kernel's
 *    rename sequence count, read without waiting.
 *    -ELOOP: the walk gave up after 65536 steps (directories and mount
 *    crossings), a path deeper than any the kfunc serves.
 *    -EFAULT: a pointer of the path could not be read (a stale pointer:
 *    see the arguments below).
 *    -EOPNOTSUPP: a pseudo file whose name only its filesystem's own
 *    callback makes, which may take locks (dma-buf, nsfs and others);
 *    pipes, sockets and anonymous inodes are served.
 *  - Changes of the mount tree (mount, umount, pivot_root) during the call
 *    are not detected (the kernel does not export its mount sequence
 *    count): a path crossing a mount point being changed is made of the
 *    tree before or after the change.
 *  - The pointer arguments (@path__ign, @file__ign, @dentry__ign) are
 *    read only with nofault accessors, and the objects walked stay
 *    allocated under RCU, so the verifier is not asked to check them:
 *    6.2+: any value passes ("__ign"): an fentry/fexit, LSM or tp_btf
 *    argument (7.x refuses an fentry argument where a kfunc takes a
 *    trusted pointer, and only this suffix lets it through), a kprobe's
 *    register (PT_REGS_PARM1(ctx), 6.10+), a pointer walked to
 *    (&file->f_path, file->f_path.dentry) or read with
 *    bpf_probe_read_kernel(). 6.1 (no "__ign"): the parameter is a plain
 *    struct pointer and the verifier wants a pointer it knows to be of
 *    that struct type: an fentry/fexit, LSM or tp_btf argument or a
 *    pointer walked to; the verifier refuses a scalar there.
 *    A wrong or stale pointer gives -EFAULT or, if the object was freed
 *    and reused meanwhile, another object's path: never an oops.
 *  - Neither sleeps nor waits: callable in any context, NMI included.
 */
#ifndef _KFUNCS_FILE_H
#define _KFUNCS_FILE_H

#include <kfuncs/common.h>

/*
 * As for struct task_struct (kfuncs/task.h): libbpf matches prototypes with
 * the kernel's, so without a vmlinux.h (include it first) empty
 * definitions stand in; a program that defines these structs itself
 * defines KF_NO_FILE_STRUCTS first.
 */
#ifdef __KERNEL__
struct path;
struct file;
struct dentry;
#elif !defined(__VMLINUX_H__) && !defined(KF_NO_FILE_STRUCTS)
struct path {
};
struct file {
};
struct dentry {
};
#endif

/*
 * kf_path_d_path - the full path of @path, as d_path() makes it for the
 * current task and readlink(2) of /proc/PID/fd/N shows it
 * @path__ign:     the path (see the top of this header)
 * @buf, @buf__sz: output (see the top of this header)
 *
 * The path is relative to the current task's root directory (a chrooted
 * task sees paths inside its chroot; a file outside it shows its path
 * from the root of the mount tree); from a task that has no root any
 * more (exit_fs() has run), relative to the root of the mount tree.
 * A file that was unlinked ends with " (deleted)". Pseudo files get the
 * names /proc shows: "pipe:[INODE]", "socket:[INODE]",
 * "anon_inode:NAME" (for example "anon_inode:[eventfd]"). Bytes of names
 * are copied as they are (newlines and bytes that are not UTF-8
 * included).
 *
 * Return: see the top of this header.
 * Programs: all, from 6.1.
 */
extern int kf_path_d_path(const struct path *path__ign, char *buf, __u32 buf__sz) KF_KSYM;

/*
 * kf_file_path - kf_path_d_path() of @file's path (file->f_path)
 * @file__ign:     the file (see the top of this header)
 * @buf, @buf__sz: output (see the top of this header)
 *
 * Return: see the top of this header.
 * Programs: all, from 6.1.
 */
extern int kf_file_path(struct file *file__ign, char *buf, __u32 buf__sz) KF_KSYM;

/*
 * kf_dentry_path - the path of @dentry inside its filesystem, as
 * dentry_path_raw() makes it: from the filesystem's root, whatever is
 * mounted where ("/" for the root itself; a bind mount of a directory
 * does not change it), no " (deleted)", and "/" for a pseudo file's
 * dentry (pipes, sockets), which is a root of its own
 * @dentry__ign:   the dentry (see the top of this header)
 * @buf, @buf__sz: output (see the top of this header)
 *
 * Return: see the top of this header (-EOPNOTSUPP never).
 * Programs: all, from 6.1.
 */
extern int kf_dentry_path(struct dentry *dentry__ign, char *buf, __u32 buf__sz) KF_KSYM;

#endif /* _KFUNCS_FILE_H */
