// SPDX-License-Identifier: GPL-2.0
/*
 * btfdump: print a task as BPF sees it, its local storage included. A
 * syscall program (run by the loader with BPF_PROG_TEST_RUN) looks the
 * task up by pid, stores a note in its task local storage, so that the
 * storage has something to show, and prints the task's task_struct, or
 * one of its members, with kf_btf_snprintf: the loader says where (an
 * offset into the task_struct, from vmlinux BTF), as which type, and
 * with which flags (hops through the local storage, its list and the
 * children list: KF_BTF_F_FOLLOW(2) | KF_BTF_F_CONTAINERS).
 */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>
#include <kfuncs/btf.h>
#include <kfuncs/task.h>

#include "btfdump.h"

/* Input: the task, what of it to print, how. */
__s32 pid;
__u32 offset, type_id;
__u64 flags;
/* Output: 1 when the task exists; kf_btf_snprintf's return. */
int found;
long len;

/* Shown by name in the text: kf_btf_snprintf prints it by this map's BTF. */
struct note {
	__s32 pid;
	char by[8];
	__u64 at_ns;
};

struct {
	__uint(type, BPF_MAP_TYPE_TASK_STORAGE);
	__uint(map_flags, BPF_F_NO_PREALLOC);
	__type(key, int);
	__type(value, struct note);
} notes SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, struct text);
} texts SEC(".maps");

/* The task's address as a number, to add a member's offset to. */
__u64 task_addr;

SEC("syscall")
int dump(void *ctx)
{
	struct btf_ptr p = { .type_id = type_id };
	struct task_struct *task;
	struct text *t;
	struct note *n;
	__u32 k = 0;

	t = bpf_map_lookup_elem(&texts, &k);
	if (!t)
		return 1;
	task = kf_task_from_vpid(pid);
	if (!task)
		return 0;
	found = 1;
	n = bpf_task_storage_get(&notes, task, 0, BPF_LOCAL_STORAGE_GET_F_CREATE);
	if (n) {
		n->pid = pid;
		__builtin_memcpy(n->by, "btfdump", 8);
		n->at_ns = bpf_ktime_get_ns();
	}
	/* Stored and read back: a number now, not a pointer the verifier tracks. */
	task_addr = (__u64)task;
	p.ptr = (void *)(*(volatile __u64 *)&task_addr + offset);
	len = kf_btf_snprintf(t->s, sizeof(t->s), &p, sizeof(p), flags);
	kf_task_release(task);
	return 0;
}

char LICENSE[] SEC("license") = "GPL";
