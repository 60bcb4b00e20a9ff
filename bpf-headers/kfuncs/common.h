/* SPDX-License-Identifier: (GPL-2.0 OR BSD-2-Clause) */
/*
 * Shared by every kfuncs/ header. These headers are dual-use: the kfunc
 * module compiles them (__KERNEL__), so each prototype exists once and the
 * module's definitions must match it, and BPF programs compile them, where
 * each kfunc is a weak kernel symbol (test with bpf_ksym_exists()).
 */
#ifndef _KFUNCS_COMMON_H
#define _KFUNCS_COMMON_H

#ifdef __KERNEL__
#include <linux/types.h>
#define KF_KSYM
#else
/* A bpftool vmlinux.h already defines the __u32 family. */
#ifndef __VMLINUX_H__
#include <linux/types.h>
#endif
#ifndef __ksym
#define __ksym __attribute__((section(".ksyms")))
#endif
#ifndef __weak
#define __weak __attribute__((weak))
#endif
#define KF_KSYM __ksym __weak
#endif

#endif /* _KFUNCS_COMMON_H */
