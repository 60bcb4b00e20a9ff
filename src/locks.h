/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The lock table: every kfunc that stands in for kernel functions which
 * take locks, with those functions, the locks the kfunc itself takes and
 * how, and its registration flags. main.c registers these kfuncs with the
 * flags given here (KF_SLEEPABLE: only sleepable programs may call it),
 * and tools/locktable.c prints docs/locking.md from it; make check
 * compares that page with the generated one, and each kfunc's
 * "Programs:" line in its header with its flags.
 *
 * How a lock is taken: "waits" (may spin or sleep until it is free: only
 * where no program can hold it, that is in sleepable kfuncs), "tried"
 * (trylock; -EBUSY when held, and in NMI context), "sampled" (a sequence
 * count read without waiting; an odd or changed count is a failed try,
 * and after 8 tries the kfunc returns -EAGAIN), "RCU" (rcu_read_lock(),
 * which never waits). "nofault": memory read with a nofault accessor.
 *
 * KF_LOCK_TABLE(X): X(kfunc, flags, kernel functions, locks)
 * It includes nothing, so the host tool can read it.
 */
#ifndef KFUNC_LOCKS_H
#define KFUNC_LOCKS_H

#define KF_LOCK_TABLE(X)						\
	X(kf_task_from_vpid, KF_ACQUIRE | KF_RET_NULL,			\
	  "find_vpid(), get_pid_task()",				\
	  "RCU")							\
	X(kf_task_from_pid, KF_ACQUIRE | KF_RET_NULL,			\
	  "find_pid_ns(), get_pid_task()",				\
	  "RCU")							\
	X(kf_task_cgroup_path, KF_TRUSTED_ARGS,				\
	  "cgroup_path_ns(), kernfs_path_from_node()",			\
	  "RCU; not cgroup_mutex nor kernfs_rename_lock "		\
	  "(v2 directories are never renamed)")				\
	X(kf_task_exe_path, KF_TRUSTED_ARGS | KF_SLEEPABLE,		\
	  "get_task_mm(), get_mm_exe_file(), d_path()",			\
	  "task_lock: waits; RCU; rename_lock, mount_lock: "		\
	  "sampled, then waits (d_path())")				\
	X(kf_task_cwd_path, KF_TRUSTED_ARGS,				\
	  "get_fs_pwd(), d_path()",					\
	  "task_lock (another task's): tried; fs->seq: sampled; "	\
	  "rename_lock: sampled; RCU; dentries and mounts nofault")	\
	X(kf_task_root_path, KF_TRUSTED_ARGS,				\
	  "get_fs_root(), d_path()",					\
	  "task_lock (another task's): tried; fs->seq: sampled; "	\
	  "rename_lock: sampled; RCU; dentries and mounts nofault")	\
	X(kf_task_fd_path, KF_TRUSTED_ARGS,				\
	  "fget_task(), d_path()",					\
	  "task_lock (another task's): tried; the fd table: RCU; "	\
	  "rename_lock: sampled; dentries and mounts nofault")		\
	X(kf_path_d_path, 0,						\
	  "d_path()",							\
	  "current's fs->seq: sampled; rename_lock: sampled; RCU; "	\
	  "dentries and mounts nofault; not mount_lock")		\
	X(kf_file_path, 0,						\
	  "d_path(&file->f_path)",					\
	  "as kf_path_d_path")						\
	X(kf_dentry_path, 0,						\
	  "dentry_path_raw()",						\
	  "rename_lock: sampled; RCU; dentries nofault")		\
	X(kf_current_cmdline, 0,					\
	  "get_mm_cmdline() (/proc/PID/cmdline)",			\
	  "mm->arg_lock: tried; user memory nofault (no page faults)")	\
	X(kf_task_cmdline, KF_TRUSTED_ARGS | KF_SLEEPABLE,		\
	  "get_mm_cmdline() (/proc/PID/cmdline)",			\
	  "task_lock (get_task_mm()), mm->arg_lock, mmap_lock "		\
	  "(access_process_vm()): wait; page faults")			\
	X(kf_current_getenv, 0,						\
	  "environ_read() (/proc/PID/environ)",				\
	  "as kf_current_cmdline")					\
	X(kf_task_getenv, KF_TRUSTED_ARGS | KF_SLEEPABLE,		\
	  "environ_read() (/proc/PID/environ)",				\
	  "as kf_task_cmdline")						\
	X(kf_task_container_id, KF_TRUSTED_ARGS,			\
	  "task_cgroup(), cgroup_path() on each hierarchy",		\
	  "RCU; v1 directory names nofault (v1 allows rename); "	\
	  "not cgroup_mutex nor kernfs_rename_lock")			\
	X(kf_btf_snprintf, 0,						\
	  "bpf_snprintf_btf(); hops: the list walks of the kernel",	\
	  "objects, list nodes and map BTF nofault; not the locks of "	\
	  "the lists it hops into (tasklist_lock, an epoll's mutex); "	\
	  "its two map-BTF buffers: an atomic flag each, never waited "	\
	  "for (-EBUSY when both are taken)")

#endif /* KFUNC_LOCKS_H */
