// SPDX-License-Identifier: GPL-2.0
/*
 * BPF side of the kf_btf_snprintf tests (btf_test.c): capture programs
 * copy live kernel objects (the loader's task_struct; a file and its
 * inode in vfs_read; an sk_buff and its net_device in ip_rcv) into
 * snapshots, which do not change while they are printed; a syscall
 * program then prints a snapshot with bpf_snprintf_btf and with
 * kf_btf_snprintf, the same type, flags and bytes, for the loader to
 * compare. A second syscall program prints live objects with hops (which
 * a snapshot would not have): a task, after storing a value in its task
 * local storage, or an object at an address captured before (an epoll
 * instance).
 */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
#include <kfuncs/btf.h>
#include <kfuncs/task.h>

#include "btf_test.h"

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, struct out);
} outs SEC(".maps");

struct snap {
	char b[SNAP];
};

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 2);
	__type(key, __u32);
	__type(value, struct snap);
} snaps SEC(".maps");

const volatile __u32 loader_tgid;
/* Captures: armed is 1 (task), 2 (file and inode), 3 (skb and device), 4 (epoll). */
__u32 armed, captured;
int loader_ep;
__u32 size[2];
/* Print: snapshot index (or bad_ptr when not 0), type, flags. */
__u32 idx, type_id, ptr_size = sizeof(struct btf_ptr);
__u64 flags, bad_ptr;

struct file;
struct inode;
struct sk_buff;
struct net_device;

struct file___btf {
	struct inode *f_inode;
	void *private_data;
} __attribute__((preserve_access_index));

/* Hops: the task (follow_addr 0) or the object at follow_addr, of follow_type */
__s32 follow_pid;
__u64 follow_addr, follow_flags;
__u32 follow_type;
long follow_ret = 1;

/* What the demo stores for the task, found again by name through its map's BTF */
struct task_note {
	__u32 pid;
	__u32 magic;
	char tag[16];
	__u64 stamp;
};

struct {
	__uint(type, BPF_MAP_TYPE_TASK_STORAGE);
	__uint(map_flags, BPF_F_NO_PREALLOC);
	__type(key, int);
	__type(value, struct task_note);
} notes SEC(".maps");

static __always_inline void snapshot(__u32 i, const void *obj)
{
	struct snap *s = bpf_map_lookup_elem(&snaps, &i);
	__u32 n = size[i & 1];

	if (s && n <= SNAP)
		bpf_probe_read_kernel(s->b, n, obj);
}

static __always_inline int mine(__u32 what)
{
	return armed == what && (bpf_get_current_pid_tgid() >> 32) == loader_tgid;
}

SEC("fentry/__x64_sys_getpgid")
int BPF_PROG(cap_task)
{
	if (!mine(1))
		return 0;
	snapshot(0, (const void *)bpf_get_current_task());
	armed = 0;
	captured = 1;
	return 0;
}

SEC("fentry/vfs_read")
int BPF_PROG(cap_file, struct file *file)
{
	struct inode *inode = 0;

	if (mine(4)) {
		/* an epoll file: its eventpoll, live */
		follow_addr = (__u64)((struct file___btf *)file)->private_data;
		armed = 0;
		captured = 4;
		return 0;
	}
	if (!mine(2))
		return 0;
	snapshot(0, file);
	bpf_probe_read_kernel(&inode, sizeof(inode), &((struct file___btf *)file)->f_inode);
	snapshot(1, inode);
	armed = 0;
	captured = 2;
	return 0;
}

/* Softirq on the sender's way out: any task; the loader's datagram is the only traffic. */
SEC("fentry/ip_rcv")
int BPF_PROG(cap_skb, struct sk_buff *skb, struct net_device *dev)
{
	if (armed != 3)
		return 0;
	snapshot(0, skb);
	snapshot(1, dev);
	armed = 0;
	captured = 3;
	return 0;
}

SEC("syscall")
int print(void *ctx)
{
	__u32 k = 0, i = idx & 1;
	struct out *o = bpf_map_lookup_elem(&outs, &k);
	struct snap *s = bpf_map_lookup_elem(&snaps, &i);
	struct btf_ptr p = {};

	if (!o || !s)
		return 1;
	if (bad_ptr)
		p.ptr = (void *)bad_ptr;
	else
		p.ptr = s->b;
	p.type_id = type_id;
	o->kret = bpf_snprintf_btf(o->kern, OUT, &p, sizeof(p), flags);
	if (ptr_size == sizeof(p))
		o->oret = kf_btf_snprintf(o->ours, OUT, &p, sizeof(p), flags);
	else
		o->oret = kf_btf_snprintf(o->ours, OUT, &p, 8, flags);
	return 0;
}

SEC("syscall")
int follow(void *ctx)
{
	__u32 k = 0;
	struct out *o = bpf_map_lookup_elem(&outs, &k);
	struct btf_ptr p = { .type_id = follow_type };
	struct task_struct *t;
	struct task_note *n;

	if (!o)
		return 1;
	if (follow_addr) {
		p.ptr = (void *)follow_addr;
		follow_ret = kf_btf_snprintf(o->ours, OUT, &p, sizeof(p), follow_flags);
		return 0;
	}
	t = kf_task_from_vpid(follow_pid);
	if (!t)
		return 2;
	n = bpf_task_storage_get(&notes, t, 0, BPF_LOCAL_STORAGE_GET_F_CREATE);
	if (n) {
		n->pid = follow_pid;
		n->magic = 0x6b66756e;
		__builtin_memcpy(n->tag, "kfunc-btf-demo", 15);
		n->stamp = 42;
	}
	p.ptr = t;
	follow_ret = kf_btf_snprintf(o->ours, OUT, &p, sizeof(p), follow_flags);
	kf_task_release(t);
	return n ? 0 : 3;
}

/*
 * Under lockdown=confidentiality, alone (the programs above read kernel
 * memory, which lockdown refuses at load): an object of its own stack.
 */
long locked_ret = 1;

SEC("syscall")
int locked(void *ctx)
{
	char buf[64];
	__u64 obj = 42;
	struct btf_ptr p = { .ptr = &obj, .type_id = 1 };

	locked_ret = kf_btf_snprintf(buf, sizeof(buf), &p, sizeof(p), 0);
	return 0;
}

/*
 * Loaded without CAP_PERFMON (btf_test perfmon): the object user space
 * names, its address a plain number. Without CAP_PERFMON the verifier
 * refuses uninitialized stack and a pointer's bytes as a kfunc's memory,
 * and (6.1) a 4-byte store beside a 4-byte spill: buf is zeroed, .ptr is
 * no pointer the verifier knows, and .type_id with .flags (0) is one
 * 8-byte store of perfmon_type.
 */
__u64 perfmon_addr;
__u64 perfmon_type;
long perfmon_ret = 1;

SEC("syscall")
int perfmon(void *ctx)
{
	char buf[64] = {};
	struct btf_ptr p;

	p.ptr = (void *)perfmon_addr;
	__builtin_memcpy(&p.type_id, &perfmon_type, sizeof(perfmon_type));
	perfmon_ret = kf_btf_snprintf(buf, sizeof(buf), &p, sizeof(p), 0);
	return 0;
}

char LICENSE[] SEC("license") = "GPL";
