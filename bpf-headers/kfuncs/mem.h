/* SPDX-License-Identifier: (GPL-2.0 OR BSD-2-Clause) */
#ifndef _KFUNCS_MEM_H
#define _KFUNCS_MEM_H

#include <kfuncs/common.h>

/*
 * kf_memzero - zero a buffer
 * @mem:     buffer; the verifier demands @mem__sz writable bytes
 * @mem__sz: number of bytes to zero (a bounded scalar, 0 allowed)
 *
 * Return: 0.
 * Programs: tc, xdp, syscall, tracing (fentry/fexit/LSM) from 6.1;
 * kprobe from 6.10.
 */
extern int kf_memzero(void *mem, __u32 mem__sz) KF_KSYM;

#endif /* _KFUNCS_MEM_H */
