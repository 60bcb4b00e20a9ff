// SPDX-License-Identifier: GPL-2.0
/*
 * kfunc: BPF kernel functions for every kernel a Debian user runs.
 *
 * The prototypes live in bpf-headers/kfuncs/ (shared with BPF programs);
 * the logic lives in src/lib/ (freestanding, tested on the host); this file
 * is the glue: definitions, the BTF id set and its registration.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/errno.h>
#include <linux/module.h>
#include <linux/string.h>

#include <kfunc/version.h>
#include <kfuncs/kfuncs.h>

#include "compat.h"
#include "lib/kfl.h"

__bpf_kfunc u64 kf_test_sum(u32 a, u64 b, u32 c, u64 d)
{
	return a + b + c + d;
}

__bpf_kfunc int kf_strstr(const char *str, u32 str__sz,
			  const char *substr, u32 substr__sz)
{
	long idx = kfl_strstr(str, str__sz, substr, substr__sz);

	return idx < 0 ? -ENOENT : idx;
}

__bpf_kfunc int kf_memzero(void *mem, u32 mem__sz)
{
	memset(mem, 0, mem__sz);
	return 0;
}

__bpf_kfunc int kf_memset(void *mem, u32 mem__sz, int c)
{
	memset(mem, c, mem__sz);
	return 0;
}

__bpf_kfunc int kf_memcmp(const void *a, u32 a__sz, const void *b, u32 b__sz)
{
	return kfl_memcmp(a, a__sz, b, b__sz);
}

__bpf_kfunc int kf_memchr(const void *mem, u32 mem__sz, int c)
{
	long idx = kfl_memchr(mem, mem__sz, c);

	return idx < 0 ? -ENOENT : idx;
}

__bpf_kfunc int kf_memrchr(const void *mem, u32 mem__sz, int c)
{
	long idx = kfl_memrchr(mem, mem__sz, c);

	return idx < 0 ? -ENOENT : idx;
}

BTF_KFUNCS_START(kf_ids)
BTF_ID_FLAGS(func, kf_test_sum)
BTF_ID_FLAGS(func, kf_strstr)
BTF_ID_FLAGS(func, kf_memzero)
BTF_ID_FLAGS(func, kf_memset)
BTF_ID_FLAGS(func, kf_memcmp)
BTF_ID_FLAGS(func, kf_memchr)
BTF_ID_FLAGS(func, kf_memrchr)
BTF_KFUNCS_END(kf_ids)

static const struct btf_kfunc_id_set kf_set = {
	.owner = THIS_MODULE,
	.set = &kf_ids,
};

/*
 * One registration per kfunc hook: a second one on the same hook fails and
 * drops the earlier ones. TRACING covers fentry/fexit/fmod_ret and LSM.
 */
static const enum bpf_prog_type kf_prog_types[] = {
	BPF_PROG_TYPE_SCHED_CLS,
	BPF_PROG_TYPE_XDP,
	BPF_PROG_TYPE_SYSCALL,
	BPF_PROG_TYPE_TRACING,
#ifdef KF_HAVE_KPROBE_KFUNC_HOOK
	BPF_PROG_TYPE_KPROBE,
#endif
};

static int __init kf_init(void)
{
	int i, ret;

	/*
	 * The build writes the BTF ids (resolve_btfids or tools/btf); a set
	 * that is empty or holds a zero id would register "successfully" and
	 * give BPF programs no kfunc at all.
	 */
	for (i = 0; i < kf_ids.cnt; i++)
		if (!kf_ids.pairs[i].id)
			break;
	if (!kf_ids.cnt || i < kf_ids.cnt) {
		pr_err("the kfunc BTF ids were not resolved when the module was built: rebuild it with the BTF step (tools/btf)\n");
		return -EINVAL;
	}

	for (i = 0; i < ARRAY_SIZE(kf_prog_types); i++) {
		ret = register_btf_kfunc_id_set(kf_prog_types[i], &kf_set);
		if (ret) {
			pr_err("cannot register kfuncs for BPF program type %d: %d (does kfunc.ko carry its .BTF?)\n",
			       kf_prog_types[i], ret);
			return ret;
		}
	}
	pr_info("version %s: %u kfuncs registered for %zu program types\n",
		KFUNC_VERSION, kf_ids.cnt, ARRAY_SIZE(kf_prog_types));
	return 0;
}

static void __exit kf_exit(void)
{
	/* The kernel drops a module's kfunc sets with its BTF. */
}

module_init(kf_init);
module_exit(kf_exit);

MODULE_DESCRIPTION("BPF kernel functions (kfuncs): strings, memory, hashing");
MODULE_AUTHOR("The kfunc developers");
MODULE_LICENSE("GPL");
MODULE_VERSION(KFUNC_VERSION);
