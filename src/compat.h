/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Every difference between the kernels kfunc supports (6.1 to 7.x) is
 * mapped here, by feature where the kernel defines a macro for it and by
 * version where it does not. Nothing else in src/ tests a version.
 */
#ifndef KFUNC_COMPAT_H
#define KFUNC_COMPAT_H

#include <linux/bpf.h>
#include <linux/btf.h>
#include <linux/btf_ids.h>
#include <linux/version.h>

/* 6.3: __bpf_kfunc keeps a kfunc out of line and in the object. */
#ifndef __bpf_kfunc
#define __bpf_kfunc __used noinline
#endif

/*
 * 6.9: kfunc sets carry the BTF_SET8_KFUNCS flag and registration without
 * it fails with -EINVAL; before, a plain set8.
 */
#ifndef BTF_KFUNCS_START
#define BTF_KFUNCS_START(name) BTF_SET8_START(name)
#define BTF_KFUNCS_END(name) BTF_SET8_END(name)
#endif

/* 7.0: trusted pointer arguments are the default and the flag is gone. */
#ifndef KF_TRUSTED_ARGS
#define KF_TRUSTED_ARGS 0
#endif

/*
 * 6.10: kprobe programs get a kfunc hook. Before, they cannot call module
 * kfuncs at all (use fentry there).
 */
#if LINUX_VERSION_CODE >= KERNEL_VERSION(6, 10, 0)
#define KF_HAVE_KPROBE_KFUNC_HOOK
#endif

#endif /* KFUNC_COMPAT_H */
