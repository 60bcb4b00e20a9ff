// SPDX-License-Identifier: GPL-2.0
/*
 * kfunc: BPF kernel functions for every kernel a Debian user runs.
 *
 * The prototypes live in bpf-headers/kfuncs/ (shared with BPF programs);
 * the logic lives in src/lib/ (freestanding, tested on the host); one file
 * per family (string.c, mem.c, hash.c, task.c, file.c, proc.c, proto.c,
 * packet.c, btf.c) is the kernel glue; this file holds the BTF id sets and their
 * registration.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/build_bug.h>
#include <linux/capability.h>
#include <linux/errno.h>
#include <linux/module.h>

#include <kfunc/version.h>
#include <kfuncs/kfuncs.h>

#include "btf.h"
#include "compat.h"
#include "lib/kfl.h"
#include "locks.h"

/* src/lib returns errno values by number: they must be the kernel's. */
static_assert(KFL_ENOENT == ENOENT && KFL_E2BIG == E2BIG && KFL_EINVAL == EINVAL &&
	      KFL_ERANGE == ERANGE && KFL_ENOMSG == ENOMSG && KFL_EBADMSG == EBADMSG);
static_assert(KFL_PB_MAX_DEPTH == KF_PB_MAX_DEPTH);

__bpf_kfunc u64 kf_test_sum(u32 a, u64 b, u32 c, u64 d)
{
	return a + b + c + d;
}

/*
 * The kfuncs every program type gets. Flags: KF_ACQUIRE/KF_RET_NULL make
 * the verifier demand a NULL check and a release; KF_TRUSTED_ARGS (the
 * default from 7.0) demands trusted task pointers; KF_SLEEPABLE keeps a
 * kfunc out of non-sleepable programs.
 */
#ifdef KF_HAVE_STR_ARG
#define KF_STR_IDS BTF_ID_FLAGS(func, kf_glob_match_str)
#else
#define KF_STR_IDS
#endif

/* The kfuncs of the lock table (locks.h), with its flags. */
#define KF_LOCK_ID(name, flags, stands_for, locks) BTF_ID_FLAGS(func, name, flags)

#define KF_COMMON_IDS							\
	BTF_ID_FLAGS(func, kf_test_sum)					\
	BTF_ID_FLAGS(func, kf_strstr)					\
	BTF_ID_FLAGS(func, kf_strcasestr)				\
	BTF_ID_FLAGS(func, kf_strrstr)					\
	BTF_ID_FLAGS(func, kf_strnlen)					\
	BTF_ID_FLAGS(func, kf_strcmp)					\
	BTF_ID_FLAGS(func, kf_strcasecmp)				\
	BTF_ID_FLAGS(func, kf_strchr)					\
	BTF_ID_FLAGS(func, kf_strrchr)					\
	BTF_ID_FLAGS(func, kf_strspn)					\
	BTF_ID_FLAGS(func, kf_strcspn)					\
	BTF_ID_FLAGS(func, kf_startswith)				\
	BTF_ID_FLAGS(func, kf_endswith)					\
	BTF_ID_FLAGS(func, kf_strtoull)					\
	BTF_ID_FLAGS(func, kf_strtoll)					\
	BTF_ID_FLAGS(func, kf_glob_match)				\
	KF_STR_IDS							\
	BTF_ID_FLAGS(func, kf_memzero)					\
	BTF_ID_FLAGS(func, kf_memset)					\
	BTF_ID_FLAGS(func, kf_memcmp)					\
	BTF_ID_FLAGS(func, kf_memchr)					\
	BTF_ID_FLAGS(func, kf_memrchr)					\
	BTF_ID_FLAGS(func, kf_hash)					\
	BTF_ID_FLAGS(func, kf_sha256)					\
	KF_LOCK_TABLE(KF_LOCK_ID)					\
	BTF_ID_FLAGS(func, kf_task_release, KF_RELEASE)			\
	BTF_ID_FLAGS(func, kf_pb_get_varint)				\
	BTF_ID_FLAGS(func, kf_pb_get_bytes)				\
	BTF_ID_FLAGS(func, kf_pb_get_varint_path)			\
	BTF_ID_FLAGS(func, kf_dns_name)					\
	BTF_ID_FLAGS(func, kf_domain_match)				\
	BTF_ID_FLAGS(func, kf_http_header)

/*
 * One set per hook: 6.1 refuses a second registration on a hook. The
 * packet kfuncs cast their context argument, so each is registered for
 * its own program type only: the verifier then demands the real context
 * there (a tc program could otherwise pass stack memory shaped like a
 * struct xdp_md, made of plain u32 fields, to the XDP one).
 */
BTF_KFUNCS_START(kf_ids_any)
KF_COMMON_IDS
BTF_KFUNCS_END(kf_ids_any)

BTF_KFUNCS_START(kf_ids_tc)
KF_COMMON_IDS
BTF_ID_FLAGS(func, kf_skb_pb_get_varint)
BTF_ID_FLAGS(func, kf_skb_memmem)
BTF_ID_FLAGS(func, kf_skb_memcasemem)
BTF_ID_FLAGS(func, kf_skb_dns_name)
BTF_ID_FLAGS(func, kf_skb_http_header)
BTF_KFUNCS_END(kf_ids_tc)

BTF_KFUNCS_START(kf_ids_xdp)
KF_COMMON_IDS
BTF_ID_FLAGS(func, kf_xdp_pb_get_varint)
BTF_ID_FLAGS(func, kf_xdp_memmem)
BTF_ID_FLAGS(func, kf_xdp_memcasemem)
BTF_ID_FLAGS(func, kf_xdp_dns_name)
BTF_KFUNCS_END(kf_ids_xdp)

/*
 * kf_btf_snprintf reads any kernel memory it is pointed at, as the
 * kernel's bpf_snprintf_btf() does, which only loaders with CAP_PERFMON
 * get. From 6.5 a filter holds kfunc to the same rule: a program calling
 * kf_btf_snprintf loads only when the loading task has CAP_PERFMON or
 * CAP_SYS_ADMIN (perfmon_capable(); the filter runs in BPF_PROG_LOAD, in
 * the loader's context). 6.1 has no filter: there, any loader of a
 * program type kfunc registers for may call it (kfuncs/btf.h says so).
 */
#ifdef KF_HAVE_KFUNC_FILTER
BTF_ID_LIST_SINGLE(kf_perfmon_ids, func, kf_btf_snprintf)

static int kf_filter(const struct bpf_prog *prog, u32 kfunc_id)
{
	if (kfunc_id == kf_perfmon_ids[0] && !perfmon_capable())
		return -EACCES;
	return 0;
}

#define KF_SET(ids) { .owner = THIS_MODULE, .set = &(ids), .filter = kf_filter }
#define KF_PERFMON_ID_RESOLVED (kf_perfmon_ids[0] != 0)
#else
#define KF_SET(ids) { .owner = THIS_MODULE, .set = &(ids) }
#define KF_PERFMON_ID_RESOLVED true
#endif

static const struct btf_kfunc_id_set kf_set_any = KF_SET(kf_ids_any);
static const struct btf_kfunc_id_set kf_set_tc = KF_SET(kf_ids_tc);
static const struct btf_kfunc_id_set kf_set_xdp = KF_SET(kf_ids_xdp);

/* TRACING covers fentry/fexit/fmod_ret and LSM. */
static const struct {
	enum bpf_prog_type type;
	const struct btf_kfunc_id_set *set;
} kf_hooks[] = {
	{ BPF_PROG_TYPE_SCHED_CLS, &kf_set_tc },
	{ BPF_PROG_TYPE_XDP, &kf_set_xdp },
	{ BPF_PROG_TYPE_SYSCALL, &kf_set_any },
	{ BPF_PROG_TYPE_TRACING, &kf_set_any },
#ifdef KF_HAVE_KPROBE_KFUNC_HOOK
	{ BPF_PROG_TYPE_KPROBE, &kf_set_any },
#endif
};

/*
 * The build writes the BTF ids (resolve_btfids or tools/btf); a set that
 * is empty or holds a zero id would register "successfully" and give BPF
 * programs no kfunc at all.
 */
static bool kf_set_resolved(const struct btf_id_set8 *set)
{
	u32 i;

	if (!set->cnt)
		return false;
	for (i = 0; i < set->cnt; i++)
		if (!set->pairs[i].id)
			return false;
	return true;
}

static int __init kf_init(void)
{
	int i, ret;

	/* An unresolved id would let the filter refuse nothing. */
	if (!kf_set_resolved(&kf_ids_any) || !kf_set_resolved(&kf_ids_tc) ||
	    !kf_set_resolved(&kf_ids_xdp) || !KF_PERFMON_ID_RESOLVED) {
		pr_err("the kfunc BTF ids were not resolved when the module was built: rebuild it with the BTF step (tools/btf)\n");
		return -EINVAL;
	}
	/* Without vmlinux BTF, kf_btf_snprintf alone fails (and it says so). */
	kf_btf_init();
	/*
	 * A failed registration leaves the earlier ones in place until the
	 * module's BTF goes, which a failed init makes happen at once.
	 */
	for (i = 0; i < ARRAY_SIZE(kf_hooks); i++) {
		ret = register_btf_kfunc_id_set(kf_hooks[i].type, kf_hooks[i].set);
		if (ret) {
			pr_err("cannot register kfuncs for BPF program type %d: %d (does kfunc.ko carry its .BTF?)\n",
			       kf_hooks[i].type, ret);
			kf_btf_exit();
			return ret;
		}
	}
	/* The tc and XDP sets each add their packet kfuncs to the common ones. */
	pr_info("version %s: %u kfuncs registered for %zu program types\n",
		KFUNC_VERSION, kf_ids_tc.cnt + kf_ids_xdp.cnt - kf_ids_any.cnt,
		ARRAY_SIZE(kf_hooks));
	return 0;
}

/*
 * The kernel drops a module's kfunc sets with its BTF; no program can be
 * running a kfunc: each loaded program holds a module reference.
 */
static void __exit kf_exit(void)
{
	kf_btf_exit();
}

module_init(kf_init);
module_exit(kf_exit);

MODULE_DESCRIPTION("BPF kernel functions (kfuncs): strings, memory, hashing, tasks, files, protobuf, packets");
MODULE_AUTHOR("The kfunc developers");
MODULE_LICENSE("GPL");
MODULE_VERSION(KFUNC_VERSION);
