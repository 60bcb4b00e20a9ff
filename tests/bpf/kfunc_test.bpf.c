// SPDX-License-Identifier: GPL-2.0
/*
 * BPF side of the kfunc VM tests. User space (kfunc_test.c) fills the
 * inputs in .bss, picks a kfunc call with `op`, runs a program with
 * BPF_PROG_TEST_RUN and reads the results back. The same dispatch runs
 * from tc, XDP and syscall programs.
 */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>
#include <kfuncs/kfuncs.h>

#include "kfunc_test.h"

/* Inputs: two buffers and their sizes, a scalar, a protobuf path. */
unsigned char a[BIG], b[BIG];
__u32 a_len, b_len, out_len, path_len;
__s64 arg;
__u32 path[KF_PB_MAX_DEPTH + 2];	/* room for a path one too deep */
__u32 op;
/* Outputs: the kfunc's return value, a value it wrote, a buffer. */
__s64 ret;
__u64 val;
unsigned char out[BIG];

/*
 * A length from .bss, checked right where it is passed: checked all at
 * the top, the lengths get spilled to the stack, and 6.1's verifier loses
 * their bounds on the way back.
 */
#define LEN(v) ({ __u32 __l = (v); if (__l > BIG) return 1; __l; })
#define PATH_LEN(v) ({ __u32 __l = (v); if (__l > sizeof(path)) return 1; __l; })

/* Patterns of kf_glob_match_str: constant strings in .rodata. */
#define GLOB_STR(n, p)								\
	case OP_GLOB_STR + n:							\
		if (!bpf_ksym_exists(kf_glob_match_str))			\
			return 2;						\
		ret = kf_glob_match_str(p, (const char *)a, LEN(a_len));	\
		break

static __always_inline int dispatch(void)
{
	switch (op) {
	case OP_TEST_SUM:
		ret = kf_test_sum(a_len, arg, b_len, val);
		break;
	case OP_STRSTR:
		ret = kf_strstr((char *)a, LEN(a_len), (char *)b, LEN(b_len));
		break;
	case OP_STRCASESTR:
		ret = kf_strcasestr((char *)a, LEN(a_len), (char *)b, LEN(b_len));
		break;
	case OP_STRRSTR:
		ret = kf_strrstr((char *)a, LEN(a_len), (char *)b, LEN(b_len));
		break;
	case OP_STRNLEN:
		ret = kf_strnlen((char *)a, LEN(a_len));
		break;
	case OP_STRCMP:
		ret = kf_strcmp((char *)a, LEN(a_len), (char *)b, LEN(b_len));
		break;
	case OP_STRCASECMP:
		ret = kf_strcasecmp((char *)a, LEN(a_len), (char *)b, LEN(b_len));
		break;
	case OP_STRCHR:
		ret = kf_strchr((char *)a, LEN(a_len), arg);
		break;
	case OP_STRRCHR:
		ret = kf_strrchr((char *)a, LEN(a_len), arg);
		break;
	case OP_STRSPN:
		ret = kf_strspn((char *)a, LEN(a_len), (char *)b, LEN(b_len));
		break;
	case OP_STRCSPN:
		ret = kf_strcspn((char *)a, LEN(a_len), (char *)b, LEN(b_len));
		break;
	case OP_STARTSWITH:
		ret = kf_startswith((char *)a, LEN(a_len), (char *)b, LEN(b_len));
		break;
	case OP_ENDSWITH:
		ret = kf_endswith((char *)a, LEN(a_len), (char *)b, LEN(b_len));
		break;
	case OP_STRTOULL:
		ret = kf_strtoull((char *)a, LEN(a_len), arg, &val);
		break;
	case OP_STRTOLL:
		ret = kf_strtoll((char *)a, LEN(a_len), arg, (__s64 *)&val);
		break;
	case OP_GLOB:
		ret = kf_glob_match((char *)b, LEN(b_len), (char *)a, LEN(a_len));
		break;
	GLOB_STR(0, "*.txt");
	GLOB_STR(1, "[a-c]?\\*");
	GLOB_STR(2, "");
	case OP_MEMZERO:
		ret = kf_memzero(out, LEN(out_len));
		break;
	case OP_MEMSET:
		ret = kf_memset(out, LEN(out_len), arg);
		break;
	case OP_MEMCMP:
		ret = kf_memcmp(a, LEN(a_len), b, LEN(b_len));
		break;
	case OP_MEMCHR:
		ret = kf_memchr(a, LEN(a_len), arg);
		break;
	case OP_MEMRCHR:
		ret = kf_memrchr(a, LEN(a_len), arg);
		break;
	/* kf_hash's algorithm must be a constant (__k): one op each. */
	case OP_HASH + KF_HASH_JHASH:
		ret = kf_hash(KF_HASH_JHASH, a, LEN(a_len), arg);
		break;
	case OP_HASH + KF_HASH_XXH64:
		ret = kf_hash(KF_HASH_XXH64, a, LEN(a_len), arg);
		break;
	case OP_HASH + KF_HASH_CRC32C:
		ret = kf_hash(KF_HASH_CRC32C, a, LEN(a_len), arg);
		break;
	case OP_HASH + KF_HASH_CRC32:
		ret = kf_hash(KF_HASH_CRC32, a, LEN(a_len), arg);
		break;
	case OP_HASH + KF_HASH_FNV1A64:
		ret = kf_hash(KF_HASH_FNV1A64, a, LEN(a_len), arg);
		break;
	case OP_HASH + 0:
		ret = kf_hash(0, a, LEN(a_len), arg);
		break;
	case OP_HASH + KF_HASH_MAX + 1:
		ret = kf_hash(KF_HASH_MAX + 1, a, LEN(a_len), arg);
		break;
	case OP_SHA256:
		ret = kf_sha256(a, LEN(a_len), out, KF_SHA256_DIGEST_SIZE);
		break;
	case OP_SHA256_SIZE16:
		ret = kf_sha256(a, LEN(a_len), out, 16);
		break;
	case OP_PB_VARINT:
		ret = kf_pb_get_varint(a, LEN(a_len), arg, &val);
		break;
	case OP_PB_BYTES:
		ret = kf_pb_get_bytes(a, LEN(a_len), arg, out, LEN(out_len));
		break;
	case OP_PB_BYTES_LEN:
		/* NULL with a size of 0: accepted by every kernel. */
		ret = kf_pb_get_bytes(a, LEN(a_len), arg, NULL, 0);
		break;
	case OP_PB_VARINT_PATH:
		ret = kf_pb_get_varint_path(a, LEN(a_len), path, PATH_LEN(path_len), &val);
		break;
	/* The largest size the verifier allows here: all of a. */
	case OP_STRSTR_FULL:
		ret = kf_strstr((char *)a, sizeof(a), (char *)b, LEN(b_len));
		break;
	case OP_MEMCHR_FULL:
		ret = kf_memchr(a, sizeof(a), arg);
		break;
	case OP_HASH_FULL:
		ret = kf_hash(KF_HASH_XXH64, a, sizeof(a), arg);
		break;
	default:
		return 3;
	}
	return 0;
}

SEC("tc")
int tc_run(struct __sk_buff *skb)
{
	return dispatch();
}

SEC("xdp")
int xdp_run(struct xdp_md *xdp)
{
	return dispatch() ? XDP_ABORTED : XDP_PASS;
}

SEC("syscall")
int syscall_run(void *ctx)
{
	return dispatch();
}

/*
 * From 6.5 (__opt; __nullable from 7.0) the output of kf_pb_get_bytes may
 * be NULL with a non-zero size; user space loads this one there only.
 */
SEC("syscall")
int pb_bytes_null_sized(void *ctx)
{
	ret = kf_pb_get_bytes(a, LEN(a_len), arg, NULL, 64);
	return 0;
}

/*
 * The packet forms of kf_pb_get_varint, reading the message where it lies
 * in the packet: pkt_head is how much of it is linear (XDP: the first
 * buffer of a multi-buffer packet), pkt_len all of it.
 */
__u32 pkt_off, pkt_field, pkt_len, pkt_head;
__s64 pkt_ret;
__u64 pkt_val;

SEC("tc")
int tc_pb(struct __sk_buff *skb)
{
	pkt_ret = kf_skb_pb_get_varint(skb, pkt_off, pkt_field, &pkt_val);
	pkt_len = skb->len;
	pkt_head = skb->data_end - skb->data;
	return 0;
}

SEC("xdp.frags")
int xdp_pb(struct xdp_md *xdp)
{
	pkt_ret = kf_xdp_pb_get_varint(xdp, pkt_off, pkt_field, &pkt_val);
	pkt_len = bpf_xdp_get_buff_len(xdp);
	pkt_head = xdp->data_end - xdp->data;
	return XDP_PASS;
}

/*
 * Before 7.0 the verifier lets a program pass NULL for a result pointer:
 * the kfuncs must say -EINVAL. User space loads this where it loads.
 */
SEC("syscall")
int null_results(void *ctx)
{
	ret = kf_strtoull((char *)a, LEN(a_len), 10, NULL);
	val = kf_pb_get_varint(a, LEN(a_len), 1, NULL);
	return 0;
}

/*
 * Which program types may call a module kfunc. bpf_fentry_test1 exists in
 * every kernel for this purpose: BPF_PROG_TEST_RUN of a tracing program
 * calls it, so the attached fentry program really runs.
 */
SEC("fentry/bpf_fentry_test1")
int fentry_sum(void *ctx)
{
	ret = kf_test_sum(1, 2, 3, 4);
	return 0;
}

SEC("kprobe/bpf_fentry_test1")
int kprobe_sum(void *ctx)
{
	ret = kf_test_sum(1, 2, 3, 4);
	return 0;
}

char LICENSE[] SEC("license") = "GPL";
