// SPDX-License-Identifier: GPL-2.0
/*
 * Programs the verifier must reject: each misuses a kfunc the way a BPF
 * author might. guest.sh loads each with `kfunc run` and asserts the exact
 * verifier message (the annotation guide quotes them).
 */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>
#include <kfuncs/kfuncs.h>

char hay[16] = "Hello, world!";

/* __sz: the size must not be negative (a helper's u32 is a 64-bit scalar). */
SEC("syscall")
int neg_sz_negative(void *ctx)
{
	__u64 n = bpf_get_prandom_u32();

	return kf_strstr(hay, n, "wor", 3);
}

/*
 * Read-only memory: a kfunc cannot say that it only reads a (pointer,
 * size) argument, so the verifier checks it for writes too, and a string
 * literal in .rodata is refused.
 */
const char rodata_needle[4] SEC(".rodata.needle") = "wor";

SEC("syscall")
int neg_mem_rodata(void *ctx)
{
	return kf_strstr(hay, sizeof(hay), rodata_needle, 3);
}

/* __sz: the size must have an upper bound below BPF_MAX_VAR_SIZ (512 MiB). */
SEC("syscall")
int neg_sz_unbounded(void *ctx)
{
	__u64 n = bpf_get_prandom_u32() & 0x3fffffff;

	return kf_strstr(hay, n, "wor", 3);
}

/* __sz: the memory must hold __sz bytes (16-byte map value, 17 asked). */
SEC("syscall")
int neg_sz_past_end(void *ctx)
{
	return kf_strstr(hay, sizeof(hay) + 1, "wor", 3);
}

/* __sz: the same for stack memory (16 bytes, 32 asked). */
SEC("syscall")
int neg_sz_stack_past_end(void *ctx)
{
	char buf[16] = {};

	return kf_memzero(buf, 32);
}

/* A scalar is not a pointer. */
SEC("syscall")
int neg_scalar_as_mem(void *ctx)
{
	return kf_memzero((void *)(long)bpf_get_prandom_u32(), 8);
}

/* Kprobe programs may call module kfuncs only from 6.10 (the kprobe hook). */
SEC("kprobe/bpf_fentry_test1")
int neg_kprobe_before_6_10(void *ctx)
{
	return kf_test_sum(1, 2, 3, 4) == 10;
}

/*
 * The programs below go with kfuncs of the later families. Each is
 * expected to fail (or, where a kernel does not honour the annotation, to
 * load) as tests/bpf/negative.expect says, per kernel.
 */

/* A separate map each, so that the messages name their exact sizes. */
char digest16[16] SEC(".data.digest16");
char digest32[32] SEC(".data.digest32");
const char unterminated[4] SEC(".rodata.unterminated") = { 'a', 'b', 'c', 'd' };
__u32 var;
char buf[64];
__u64 v;

/* __k: the algorithm must be a constant (6.2+; 6.1 ignores __k). */
SEC("syscall")
int neg_k_variable(void *ctx)
{
	return kf_hash(var, hay, sizeof(hay), 0);
}

/*
 * __szk: the digest size must be a constant (6.4+). 6.1 ignores __szk: the
 * module names the size __sz there, so a bounded size loads (the kfunc
 * returns -EINVAL unless it is 32) ...
 */
SEC("syscall")
int neg_szk_variable(void *ctx)
{
	__u32 n = var;

	if (n > 32)
		return 0;
	return kf_sha256(hay, sizeof(hay), (__u8 *)digest32, n);
}

/* ... and a size that may exceed the buffer is refused there too. */
SEC("syscall")
int neg_szk_range(void *ctx)
{
	__u32 n = var;

	if (n > 64)
		return 0;
	return kf_sha256(hay, sizeof(hay), (__u8 *)digest32, n);
}

/* __szk: the buffer must hold the constant size. */
SEC("syscall")
int neg_szk_too_small(void *ctx)
{
	return kf_sha256(hay, sizeof(hay), (__u8 *)digest16, 32);
}

/* __str: the pattern must be in a read-only map (6.8+). */
SEC("syscall")
int neg_str_not_rodata(void *ctx)
{
	return kf_glob_match_str(buf, hay, sizeof(hay));
}

/* __str: ... and NUL-terminated inside it. */
SEC("syscall")
int neg_str_unterminated(void *ctx)
{
	return kf_glob_match_str(unterminated, hay, sizeof(hay));
}

/* __opt: NULL with a non-zero size (6.5+; 6.1 allows NULL with size 0). */
SEC("syscall")
int neg_opt_null_sized(void *ctx)
{
	return kf_pb_get_bytes(hay, sizeof(hay), 1, NULL, 8);
}

/* A result pointer may not be NULL (6.1 lets it through: -EINVAL). */
SEC("syscall")
int neg_null_result(void *ctx)
{
	return kf_strtoull(hay, sizeof(hay), 10, NULL);
}

/* The XDP packet kfunc is registered for XDP programs only. */
SEC("tc")
int neg_xdp_kfunc_from_tc(struct __sk_buff *skb)
{
	struct xdp_md fake = {};

	return kf_xdp_pb_get_varint(&fake, 0, 1, &v);
}

/* ... and there it must be given the real context. */
SEC("xdp")
int neg_xdp_fake_ctx(struct xdp_md *xdp)
{
	struct xdp_md fake = {};

	return kf_xdp_pb_get_varint(&fake, 0, 1, &v) ? XDP_DROP : XDP_PASS;
}

/* The same for the packet search and DNS kfuncs of each context. */
SEC("xdp")
int neg_skb_memmem_from_xdp(struct xdp_md *xdp)
{
	return kf_skb_memmem((struct __sk_buff *)xdp, 0, ~0U, buf, 4) ? XDP_DROP : XDP_PASS;
}

SEC("tc")
int neg_skb_dns_fake_ctx(struct __sk_buff *skb)
{
	struct __sk_buff fake = {};

	return kf_skb_dns_name(&fake, 42, 12, buf, sizeof(buf));
}

SEC("syscall")
int neg_xdp_memmem_from_syscall(void *ctx)
{
	return kf_xdp_memmem(ctx, 0, ~0U, buf, 4);
}

/* KF_ACQUIRE: a reference must be released on every path. */
SEC("syscall")
int neg_task_unreleased(void *ctx)
{
	struct task_struct *t = kf_task_from_pid(1);

	return t ? 1 : 0;
}

/* KF_RET_NULL: the result must be checked before use. */
SEC("syscall")
int neg_task_null_unchecked(void *ctx)
{
	struct task_struct *t = kf_task_from_pid(1);
	int ret = kf_task_cgroup_path(t, buf, sizeof(buf));

	if (t)
		kf_task_release(t);
	return ret;
}

/* KF_RELEASE: no use after the release... */
SEC("syscall")
int neg_task_use_after_release(void *ctx)
{
	struct task_struct *t = kf_task_from_pid(1);

	if (!t)
		return 0;
	kf_task_release(t);
	return kf_task_cgroup_path(t, buf, sizeof(buf));
}

/* ... and no second release. */
SEC("syscall")
int neg_task_double_release(void *ctx)
{
	struct task_struct *t = kf_task_from_pid(1);

	if (!t)
		return 0;
	kf_task_release(t);
	kf_task_release(t);
	return 0;
}

/*
 * KF_TRUSTED_ARGS (the default from 7.0): kf_task_cgroup_path wants a task
 * the verifier trusts. An fentry program's arguments are not trusted (the
 * function may be called with anything)...
 */
SEC("fentry/wake_up_new_task")
int neg_task_untrusted(__u64 *ctx)
{
	return kf_task_cgroup_path((struct task_struct *)ctx[0], buf, sizeof(buf));
}

/*
 * ... a tp_btf program's are, from 6.2; 6.1 accepts only a referenced task,
 * as kf_task_from_pid returns.
 */
SEC("tp_btf/sched_process_fork")
int neg_task_trusted_arg(__u64 *ctx)
{
	return kf_task_cgroup_path((struct task_struct *)ctx[1], buf, sizeof(buf));
}

/* KF_SLEEPABLE: not from a non-sleepable program (tc). */
SEC("tc")
int neg_task_sleepable_from_tc(struct __sk_buff *skb)
{
	struct task_struct *t = kf_task_from_pid(1);
	int ret;

	if (!t)
		return 0;
	ret = kf_task_exe_path(t, buf, sizeof(buf));
	kf_task_release(t);
	return ret;
}

/* The sleepable forms that read another task's memory: not from tc ... */
SEC("tc")
int neg_cmdline_sleepable_from_tc(struct __sk_buff *skb)
{
	struct task_struct *t = kf_task_from_pid(1);
	int ret;

	if (!t)
		return 0;
	ret = kf_task_cmdline(t, buf, sizeof(buf));
	kf_task_release(t);
	return ret;
}

/*
 * ... nor from an fentry program (use kf_current_getenv() there). The name
 * is in writable memory: a kfunc's (pointer, size) argument must be.
 */
char env_name[8] SEC(".data.env_name") = "PATH";

SEC("fentry/wake_up_new_task")
int neg_getenv_sleepable_from_fentry(__u64 *ctx)
{
	struct task_struct *t = kf_task_from_pid(1);
	int ret;

	if (!t)
		return 0;
	ret = kf_task_getenv(t, env_name, sizeof(env_name), buf, sizeof(buf));
	kf_task_release(t);
	return ret;
}

/* kf_task_container_id wants a trusted task, as kf_task_cgroup_path. */
SEC("fentry/wake_up_new_task")
int neg_container_id_untrusted(__u64 *ctx)
{
	return kf_task_container_id((struct task_struct *)ctx[0], buf, sizeof(buf));
}

/*
 * The path kfuncs read their pointer with nofault accessors and take it
 * as __ign from 6.2: any value passes, a number included (here the
 * address of a task: a wrong object gives a wrong path or -EFAULT). 6.1
 * has no __ign and wants a pointer it knows to be a struct file.
 */
SEC("fentry/security_file_open")
int neg_file_path_scalar(__u64 *ctx)
{
	kf_file_path((struct file *)bpf_get_current_task(), buf, sizeof(buf));
	return 0;
}

/*
 * kf_btf_snprintf takes its struct btf_ptr as (memory, size): all 16
 * bytes must be there, and written (its .flags too: the verifier has no
 * idea which bytes the kfunc reads).
 */
SEC("syscall")
int neg_btf_ptr_short(void *ctx)
{
	__u64 p[1] = { 0 };

	return kf_btf_snprintf(buf, sizeof(buf), p, 16, 0);
}

SEC("syscall")
int neg_btf_ptr_uninit(void *ctx)
{
	struct btf_ptr p;

	p.ptr = buf;
	p.type_id = 1;
	return kf_btf_snprintf(buf, sizeof(buf), &p, sizeof(p), 0);
}

char LICENSE[] SEC("license") = "GPL";
