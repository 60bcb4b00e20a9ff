// SPDX-License-Identifier: GPL-2.0
/*
 * BPF side of the stress test (stress.c): many user threads run these
 * programs at once with BPF_PROG_TEST_RUN. Each run's inputs and outputs
 * travel in a struct job of its own, never in shared .bss: syscall
 * programs get it as their context (ctx_in, copied back to user space),
 * tc and XDP ones in the packet, after a 16-byte header, and write it
 * back there (data_out). The kfuncs work on a copy on the BPF stack.
 */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_core_read.h>
#include <kfuncs/kfuncs.h>

/* Keep in sync with stress.c (user space checks job_size). */
#define JOB_BUF 64
#define PKT_HDR 16

enum {
	OP_STRSTR = 1, OP_STRRSTR, OP_STRCMP, OP_STRNLEN, OP_GLOB, OP_STRTOULL,
	OP_MEMCHR, OP_MEMRCHR, OP_MEMCMP, OP_MEMSET, OP_MEMZERO,
	OP_SHA256, OP_PB_VARINT, OP_PB_BYTES,
	OP_PB_SKB, OP_PB_XDP,		/* the message in the packet, at a_len */
	OP_TASK_PID, OP_TASK_VPID,	/* lookup, pid, tgid, cgroup path */
	OP_TASK_EXE,			/* and the exe path (syscall only) */
	OP_BTF,				/* a task printed with its children */
	OP_HASH = 100,			/* + KF_HASH_* */
};

struct job {
	__u32 op;
	__u32 a_len, b_len;
	__u32 arg;		/* byte, base, field number, pid */
	__u64 seed;
	__s64 ret;
	__u64 val;
	__s32 pid, tgid;	/* of the task found */
	__u32 found;
	__s32 ret2;		/* kf_task_exe_path's result */
	__u8 a[JOB_BUF], b[JOB_BUF], out[JOB_BUF], out2[JOB_BUF];
};

const volatile __u32 job_size = sizeof(struct job);

/* A length from the job, checked right where it is passed (6.1). */
#define LEN(v) ({ __u32 __l = (v); if (__l > JOB_BUF) return 1; __l; })

struct task_struct___fields {
	int pid;
	int tgid;
} __attribute__((preserve_access_index));

static __always_inline void read_fields(struct job *j, struct task_struct *t)
{
	struct task_struct___fields *f = (void *)t;

	j->found = 1;
	bpf_probe_read_kernel(&j->pid, sizeof(j->pid), &f->pid);
	bpf_probe_read_kernel(&j->tgid, sizeof(j->tgid), &f->tgid);
}

/* Every kfunc that any program type may call; 0, or 1 for a bad job. */
static __always_inline int dispatch(struct job *j)
{
	struct task_struct *t;

	switch (j->op) {
	case OP_STRSTR:
		j->ret = kf_strstr((char *)j->a, LEN(j->a_len), (char *)j->b, LEN(j->b_len));
		break;
	case OP_STRRSTR:
		j->ret = kf_strrstr((char *)j->a, LEN(j->a_len), (char *)j->b, LEN(j->b_len));
		break;
	case OP_STRCMP:
		j->ret = kf_strcmp((char *)j->a, LEN(j->a_len), (char *)j->b, LEN(j->b_len));
		break;
	case OP_STRNLEN:
		j->ret = kf_strnlen((char *)j->a, LEN(j->a_len));
		break;
	case OP_GLOB:
		j->ret = kf_glob_match((char *)j->b, LEN(j->b_len), (char *)j->a, LEN(j->a_len));
		break;
	case OP_STRTOULL:
		j->ret = kf_strtoull((char *)j->a, LEN(j->a_len), j->arg, &j->val);
		break;
	case OP_MEMCHR:
		j->ret = kf_memchr(j->a, LEN(j->a_len), j->arg);
		break;
	case OP_MEMRCHR:
		j->ret = kf_memrchr(j->a, LEN(j->a_len), j->arg);
		break;
	case OP_MEMCMP:
		j->ret = kf_memcmp(j->a, LEN(j->a_len), j->b, LEN(j->b_len));
		break;
	case OP_MEMSET:
		j->ret = kf_memset(j->out, LEN(j->b_len), j->arg);
		break;
	case OP_MEMZERO:
		j->ret = kf_memzero(j->out, LEN(j->b_len));
		break;
	/* kf_hash's algorithm must be a constant: one case each. */
	case OP_HASH + KF_HASH_JHASH:
		j->val = kf_hash(KF_HASH_JHASH, j->a, LEN(j->a_len), j->seed);
		break;
	case OP_HASH + KF_HASH_XXH64:
		j->val = kf_hash(KF_HASH_XXH64, j->a, LEN(j->a_len), j->seed);
		break;
	case OP_HASH + KF_HASH_CRC32C:
		j->val = kf_hash(KF_HASH_CRC32C, j->a, LEN(j->a_len), j->seed);
		break;
	case OP_HASH + KF_HASH_CRC32:
		j->val = kf_hash(KF_HASH_CRC32, j->a, LEN(j->a_len), j->seed);
		break;
	case OP_HASH + KF_HASH_FNV1A64:
		j->val = kf_hash(KF_HASH_FNV1A64, j->a, LEN(j->a_len), j->seed);
		break;
	case OP_SHA256:
		j->ret = kf_sha256(j->a, LEN(j->a_len), j->out, KF_SHA256_DIGEST_SIZE);
		break;
	case OP_PB_VARINT:
		j->ret = kf_pb_get_varint(j->a, LEN(j->a_len), j->arg, &j->val);
		break;
	case OP_PB_BYTES:
		j->ret = kf_pb_get_bytes(j->a, LEN(j->a_len), j->arg, j->out, LEN(j->b_len));
		break;
	case OP_TASK_PID:
	case OP_TASK_VPID:
		t = j->op == OP_TASK_PID ? kf_task_from_pid(j->arg) : kf_task_from_vpid(j->arg);
		if (!t)
			break;
		read_fields(j, t);
		j->ret = kf_task_cgroup_path(t, (char *)j->out, sizeof(j->out));
		kf_task_release(t);
		break;
	case OP_BTF: {
		struct btf_ptr p = {
			.type_id = bpf_core_type_id_kernel(struct task_struct___fields),
		};

		t = kf_task_from_vpid(j->arg);
		if (!t)
			break;
		read_fields(j, t);
		p.ptr = t;
		j->ret = kf_btf_snprintf((char *)j->out, sizeof(j->out), &p, sizeof(p),
					 BTF_F_COMPACT | KF_BTF_F_FOLLOW(1) | KF_BTF_F_CONTAINERS);
		kf_task_release(t);
		break;
	}
	default:
		return 1;
	}
	return 0;
}

SEC("tc")
int tc_stress(struct __sk_buff *skb)
{
	struct job j;

	if (bpf_skb_load_bytes(skb, PKT_HDR, &j, sizeof(j)))
		return 2;
	if (j.op == OP_PB_SKB)
		j.ret = kf_skb_pb_get_varint(skb, j.a_len, j.arg, &j.val);
	else if (dispatch(&j))
		return 1;
	if (bpf_skb_store_bytes(skb, PKT_HDR, &j, sizeof(j), 0))
		return 3;
	return 0;
}

/* Multi-buffer packets too: kf_xdp_pb_get_varint reads fragments. */
SEC("xdp.frags")
int xdp_stress(struct xdp_md *xdp)
{
	struct job j;

	if (bpf_xdp_load_bytes(xdp, PKT_HDR, &j, sizeof(j)))
		return XDP_ABORTED;
	if (j.op == OP_PB_XDP)
		j.ret = kf_xdp_pb_get_varint(xdp, j.a_len, j.arg, &j.val);
	else if (dispatch(&j))
		return XDP_DROP;
	if (bpf_xdp_store_bytes(xdp, PKT_HDR, &j, sizeof(j)))
		return XDP_ABORTED;
	return XDP_PASS;
}

/* Sleepable: the task kfuncs, kf_task_exe_path included. */
SEC("syscall")
int syscall_stress(struct job *ctx)
{
	struct task_struct *t;
	struct job j;

	__builtin_memcpy(&j, ctx, sizeof(j));
	if (j.op == OP_TASK_EXE) {
		t = kf_task_from_vpid(j.arg);
		if (t) {
			read_fields(&j, t);
			j.ret = kf_task_cgroup_path(t, (char *)j.out, sizeof(j.out));
			j.ret2 = kf_task_exe_path(t, (char *)j.out2, sizeof(j.out2));
			kf_task_release(t);
		}
	} else if (dispatch(&j)) {
		return 1;
	}
	__builtin_memcpy(ctx, &j, sizeof(j));
	return 0;
}

/* The module lifecycle race (stress load): a small program to load. */
__s64 probe_ret;

SEC("syscall")
int load_probe(void *ctx)
{
	probe_ret = kf_test_sum(1, 2, 3, 4);
	return 0;
}

char LICENSE[] SEC("license") = "GPL";
