/* SPDX-License-Identifier: (GPL-2.0 OR BSD-2-Clause) */
/*
 * Shared by every kfuncs/ header. These headers are dual-use: the kfunc
 * module compiles them (__KERNEL__), so each prototype exists once and the
 * module's definitions must match it, and BPF programs compile them, where
 * each kfunc is a weak kernel symbol (test with bpf_ksym_exists()).
 *
 * How to read the comments of these headers:
 *  - A parameter NAME__sz is the size in bytes of the pointer before it:
 *    the verifier demands that many readable (or, for outputs, writable)
 *    bytes there, and a size whose range it knows (0 allowed, below
 *    512 MiB). Inputs too must be writable memory (the BPF stack, a map
 *    value, a global in .data or .bss): a kfunc cannot tell the verifier
 *    that it only reads, so every kernel checks the bytes for writes, and
 *    refuses a string literal or a const global (.rodata) with "write
 *    into map forbidden". On 6.1 an output buffer on the BPF stack must be
 *    initialized first ("invalid indirect read from stack" otherwise;
 *    6.12 and 7.3 accept it uninitialized). docs/annotations.md has every
 *    annotation and the verifier's messages when a program gets one wrong.
 *  - "Programs: all, from 6.1." means: tc (sched_cls), XDP, syscall and
 *    tracing (fentry, fexit, fmod_ret, LSM) programs on 6.1 and later, and
 *    kprobe/uprobe programs from 6.10 (before, the kernel has no kfunc hook
 *    for them). "from X.Y" is the first kernel where the kfunc exists; on
 *    older kernels the module does not offer it (bpf_ksym_exists() is 0).
 *  - Errors are negative errno values (ENOENT, EINVAL, ...: include
 *    <errno.h>, or use the numbers of <asm-generic/errno-base.h>).
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
