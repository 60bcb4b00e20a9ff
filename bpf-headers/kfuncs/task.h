/* SPDX-License-Identifier: (GPL-2.0 OR BSD-2-Clause) */
/*
 * Tasks: lookup with a reference, and wrappers around kernel functions
 * that need locks a BPF program cannot take (the kfunc takes them).
 */
#ifndef _KFUNCS_TASK_H
#define _KFUNCS_TASK_H

#include <kfuncs/common.h>

/*
 * libbpf matches a kfunc's prototype with the kernel's, and a forward
 * declaration does not match the kernel's struct task_struct. Without a
 * vmlinux.h (include it before this header), an empty definition stands
 * in: read fields through CO-RE (a struct task_struct___x of your own with
 * __attribute__((preserve_access_index))). A program that defines
 * struct task_struct itself defines KF_NO_TASK_STRUCT first.
 */
#if !defined(__KERNEL__) && !defined(__VMLINUX_H__) && !defined(KF_NO_TASK_STRUCT)
struct task_struct {
};
#endif

/*
 * kf_task_from_vpid - look a task up by pid in the caller's pid namespace
 * @vpid: a thread id as the current task's pid namespace numbers it
 *        (getpid() or gettid() of a process in that namespace)
 *
 * Acquires a reference (KF_ACQUIRE | KF_RET_NULL): the verifier demands a
 * NULL check before any use, and a kf_task_release() on every path of the
 * program ("Unreleased reference" otherwise). On 6.1, test the pointer
 * for NULL once: that verifier follows a second test of a pointer it knows
 * is not NULL into the impossible branch, and reports the reference
 * unreleased there. The task is trusted: it may
 * be passed to kfuncs that take trusted task pointers, ours and the
 * kernel's.
 *
 * Return: the task, or NULL when no task has that pid there.
 * Programs: all, from 6.1.
 */
extern struct task_struct *kf_task_from_vpid(__s32 vpid) KF_KSYM;

/*
 * kf_task_from_pid - kf_task_from_vpid in the initial pid namespace
 * @pid: a thread id as the initial (host) pid namespace numbers it
 *
 * Return: the task, referenced, or NULL.
 * Programs: all, from 6.1.
 */
extern struct task_struct *kf_task_from_pid(__s32 pid) KF_KSYM;

/*
 * kf_task_release - drop a reference taken by kf_task_from_vpid/_pid
 * @p: the task (KF_RELEASE: exactly once; the verifier refuses any use
 *     after it, and a second release)
 *
 * Programs: all, from 6.1.
 */
extern void kf_task_release(struct task_struct *p) KF_KSYM;

/*
 * kf_task_cgroup_path - the task's cgroup v2 path, as /proc/PID/cgroup's
 * "0::" line shows it to the current task (relative to its cgroup
 * namespace: a cgroup outside it starts with "/.." components)
 * @task:            a trusted task: from kf_task_from_vpid/_pid (on 6.1,
 *                   the only kind: "R1 must be referenced" otherwise);
 *                   from 6.2 also bpf_get_current_task_btf() or a tp_btf
 *                   or LSM program's argument (not an fentry one)
 * @buf, @buf__sz:   output, @buf__sz writable bytes; NUL-terminated
 *                   unless @buf__sz is 0
 *
 * Takes no lock: cgroup v2 directories cannot be renamed or moved, so
 * their names and parents are read under RCU as they are (the kernel's
 * own cgroup_path_ns() takes a mutex, and kernfs_path_from_node() a lock
 * a program attached inside a kernfs rename would wait for forever).
 * Neither sleeps nor waits: callable in any context, NMI included.
 *
 * Return: the path's length (without the NUL); -E2BIG when @buf__sz
 * cannot hold it and its NUL (@buf then holds the path's first
 * @buf__sz - 1 bytes and a NUL, or nothing when @buf__sz is 0).
 * Programs: all, from 6.1.
 */
extern int kf_task_cgroup_path(struct task_struct *task, char *buf, __u32 buf__sz) KF_KSYM;

/*
 * kf_task_exe_path - the path of the task's executable, as
 * readlink(/proc/PID/exe) gives it
 * @task:          a trusted task, as for kf_task_cgroup_path
 * @buf, @buf__sz: output, @buf__sz writable bytes: on success the path and
 *                 its NUL at the start, unspecified bytes after them
 *                 (d_path() builds the path from the buffer's end); on an
 *                 error all @buf__sz bytes are unspecified. Nothing past
 *                 @buf__sz bytes is written.
 *
 * KF_SLEEPABLE: only sleepable programs may call it (syscall programs,
 * and "fentry.s", "fexit.s", "lsm.s" ones); others are refused with
 * "program must be sleepable to call sleepable kfunc kf_task_exe_path".
 * It takes the task's mm and file references, which may sleep to drop.
 *
 * Return: the path's length (without the NUL); -E2BIG when @buf__sz
 * cannot hold it and its NUL; -ENOENT when the task has no executable
 * (kernel threads, exited tasks); another negative errno from d_path().
 * Programs: sleepable ones, from 6.1.
 */
extern int kf_task_exe_path(struct task_struct *task, char *buf, __u32 buf__sz) KF_KSYM;

/*
 * kf_task_cwd_path - the task's current directory, as
 * readlink(/proc/PID/cwd) shows it to the current task
 * @task:          a trusted task, as for kf_task_cgroup_path
 * @buf, @buf__sz: output, as for kf_path_d_path (kfuncs/file.h)
 *
 * The path is made as kf_path_d_path() makes it (kfuncs/file.h: relative
 * to the current task's root, tail kept on -E2BIG). The current task's
 * own directories are read without any lock. Another task's are read
 * under its task_lock(), which is only tried: -EBUSY when it is held
 * (perhaps by the code the program interrupted), and in NMI context.
 *
 * Return: as kf_path_d_path(); also -ENOENT when the task has no fs any
 * more (it is exiting), -EBUSY as above, and -EAGAIN when the task's
 * directories were being changed (chdir, chroot) during each of 8 tries.
 * Programs: all, from 6.1.
 */
extern int kf_task_cwd_path(struct task_struct *task, char *buf, __u32 buf__sz) KF_KSYM;

/*
 * kf_task_root_path - the task's root directory, as
 * readlink(/proc/PID/root) shows it to the current task (a chrooted
 * task's chroot, a container's root, as paths the current task sees);
 * otherwise as kf_task_cwd_path, -EAGAIN included (chroot, pivot_root)
 * @task:          a trusted task, as for kf_task_cgroup_path
 * @buf, @buf__sz: output, as for kf_path_d_path (kfuncs/file.h)
 *
 * Return: as kf_task_cwd_path().
 * Programs: all, from 6.1.
 */
extern int kf_task_root_path(struct task_struct *task, char *buf, __u32 buf__sz) KF_KSYM;

/*
 * kf_task_fd_path - the path of the file at descriptor @fd of the task,
 * as readlink(/proc/PID/fd/FD) shows it to the current task
 * @task:          a trusted task, as for kf_task_cgroup_path
 * @fd:            the descriptor
 * @buf, @buf__sz: output, as for kf_path_d_path (kfuncs/file.h)
 *
 * The file is found in the task's descriptor table under RCU, as the
 * kernel's own lookups do, without taking a reference; another task's
 * table is reached under its task_lock(), only tried (as for
 * kf_task_cwd_path). Pipes, sockets and anonymous inodes get their /proc
 * names ("pipe:[INODE]", ...).
 *
 * Return: as kf_path_d_path(); also -ENOENT when @fd is not open (or the
 * task has no descriptor table any more), -EBUSY as for kf_task_cwd_path,
 * and -EAGAIN when @fd was closed or replaced during the call.
 * Programs: all, from 6.1.
 */
extern int kf_task_fd_path(struct task_struct *task, __u32 fd, char *buf, __u32 buf__sz) KF_KSYM;

/*
 * kf_current_cmdline - the current task's command line, as
 * /proc/self/cmdline gives it: each argument followed by a NUL
 * @buf, @buf__sz: output, @buf__sz writable bytes
 *
 * The bytes are those /proc/PID/cmdline reads (the arguments as exec
 * gave them, or as the process rewrote them in place: setproctitle()),
 * without their last NUL; @buf gets them and a NUL after them. Bytes of
 * @buf after that NUL are left as they were.
 *
 * Reads the current task's memory without faulting pages in: a page of the
 * arguments that is not present (swapped out, never touched) is -EFAULT.
 * The bounds of the area are read under the mm's arg_lock, only tried.
 * Neither sleeps nor waits. For another task, or to fault pages in, use
 * kf_task_cmdline() from a sleepable program; this form has no task
 * argument, so it cannot be asked about another task.
 *
 * Return: the number of bytes before that final NUL (/proc/PID/cmdline's
 * size minus one, for a command line that ends with its NUL; 0 when it is
 * empty); -E2BIG when they and the NUL do not fit: @buf then holds their
 * first @buf__sz - 1 bytes and a NUL (nothing when @buf__sz is 0);
 * -ENOENT when the current task has no user memory (a kernel thread, a
 * task past exit_mm(), or one that has not finished exec); -EFAULT as
 * above; -EBUSY when the mm's arg_lock is held (prctl(PR_SET_MM) under
 * way, perhaps in the code the program interrupted) or in NMI context.
 * On every error but -E2BIG, @buf holds a NUL at its start (when
 * @buf__sz is not 0).
 * Programs: all, from 6.1.
 */
extern int kf_current_cmdline(char *buf, __u32 buf__sz) KF_KSYM;

/*
 * kf_task_cmdline - kf_current_cmdline() for any task, faulting its pages
 * in as a read of /proc/PID/cmdline does (access_process_vm())
 * @task:          a trusted task, as for kf_task_cgroup_path
 * @buf, @buf__sz: output, as for kf_current_cmdline
 *
 * KF_SLEEPABLE: only sleepable programs may call it (as kf_task_exe_path);
 * it takes the task's mm lock and may wait for pages to be read in.
 *
 * Return: as kf_current_cmdline(), without -EBUSY; -EFAULT when a page of
 * the area cannot be read at all.
 * Programs: sleepable ones, from 6.1.
 */
extern int kf_task_cmdline(struct task_struct *task, char *buf, __u32 buf__sz) KF_KSYM;

/*
 * kf_current_getenv - the value of one variable of the current task's
 * environment, as its first "NAME=value" entry in /proc/self/environ has it
 * @name, @name__sz: the variable's name: the @name__sz bytes at @name, or
 *                   the bytes before the first NUL among them (with
 *                   char name[] = "HOME", a global in .data: writable, as
 *                   every input must be (kfuncs/common.h), (name,
 *                   sizeof(name)) and (name, 4) are the same); case
 *                   matters
 * @buf, @buf__sz:   output, @buf__sz writable bytes: the value and a NUL
 *
 * /proc/PID/environ is the environment exec gave the process: what the
 * process changed later with setenv() or putenv() lives elsewhere and is
 * not seen. The first entry with that name is taken, as getenv(3) does.
 * Memory is read as for kf_current_cmdline (no faults: -EFAULT).
 *
 * Return: the value's length (without the NUL; 0 for "NAME="); -ENOENT
 * when no entry has that name, or as kf_current_cmdline's -ENOENT;
 * -EINVAL when the name is empty or holds a "="; -E2BIG when the value and
 * its NUL do not fit: @buf then holds its first @buf__sz - 1 bytes and a
 * NUL (nothing when @buf__sz is 0); -EFAULT, -EBUSY as for
 * kf_current_cmdline. On every error but -E2BIG, @buf holds a NUL at its
 * start (when @buf__sz is not 0).
 * Programs: all, from 6.1.
 */
extern int kf_current_getenv(const char *name, __u32 name__sz, char *buf,
			     __u32 buf__sz) KF_KSYM;

/*
 * kf_task_getenv - kf_current_getenv() for any task, faulting its pages in
 * as a read of /proc/PID/environ does
 * @task:            a trusted task, as for kf_task_cgroup_path
 * @name, @name__sz: as for kf_current_getenv
 * @buf, @buf__sz:   as for kf_current_getenv
 *
 * KF_SLEEPABLE, as kf_task_cmdline.
 *
 * Return: as kf_current_getenv(), without -EBUSY.
 * Programs: sleepable ones, from 6.1.
 */
extern int kf_task_getenv(struct task_struct *task, const char *name, __u32 name__sz,
			  char *buf, __u32 buf__sz) KF_KSYM;

/*
 * kf_task_container_id - the id of the container the task runs in, read
 * from the names of its cgroups' directories
 * @task:          a trusted task, as for kf_task_cgroup_path
 * @buf, @buf__sz: output, @buf__sz writable bytes: 64 hexadecimal digits
 *                 and a NUL (65 bytes)
 *
 * The directories of the task's cgroup v2 path are looked at from the
 * task's own up to the root, then those of each cgroup v1 hierarchy a
 * controller is mounted on; the first directory named as a runtime names
 * a container's is taken ("ID" is 64 lower-case hexadecimal digits):
 *   docker:              ID (cgroupfs: /docker/ID), docker-ID.scope (systemd)
 *   containerd (CRI):    ID (cgroupfs: /kubepods/.../podUID/ID),
 *                        cri-containerd-ID.scope (systemd)
 *   CRI-O:               crio-ID (cgroupfs), crio-ID.scope (systemd)
 *   podman:              libpod-ID (cgroupfs), libpod-ID.scope (systemd)
 * (docker-ID and cri-containerd-ID are taken too). A runtime's monitor
 * process (libpod-conmon-ID.scope, crio-conmon-ID.scope) is not in a
 * container. Paths are absolute: the current task's cgroup namespace does
 * not hide a directory above its root.
 *
 * Takes no lock: cgroups, css_sets and kernfs nodes are read under RCU; a
 * v1 directory's name (v1 allows rename) is read with a nofault accessor
 * and used only when it is a whole id. Neither sleeps nor waits: callable
 * in any context, NMI included.
 *
 * Return: 64 (the id's length); -ENOENT when no directory is named so (the
 * task is in no container: @buf then holds a NUL at its start); -E2BIG when
 * @buf__sz is below 65: @buf then holds the id's first @buf__sz - 1
 * digits and a NUL (nothing when @buf__sz is 0).
 * Programs: all, from 6.1.
 */
extern int kf_task_container_id(struct task_struct *task, char *buf, __u32 buf__sz) KF_KSYM;

#endif /* _KFUNCS_TASK_H */
