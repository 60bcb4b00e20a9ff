/* SPDX-License-Identifier: (GPL-2.0 OR BSD-2-Clause) */
/*
 * kf_btf_snprintf()'s own flags (<kfuncs/btf.h>), beside the kernel's
 * BTF_F_* (<linux/bpf.h>: bits 0-3), shared by the module, BPF programs
 * and user space.
 */
#ifndef _UAPI_KFUNC_BTF_H
#define _UAPI_KFUNC_BTF_H

/* Hop from the object to those it leads to, @n (1-7) hops deep at most... */
#define KF_BTF_F_FOLLOW(n)	((unsigned long long)((n) & 7) << 8)
#define KF_BTF_F_FOLLOW_MASK	KF_BTF_F_FOLLOW(7)
/* ...through pointers to structs and unions... */
#define KF_BTF_F_PTRS		(1ULL << 11)
/* ...and through kfunc.ko's container annotations (local storage values too). */
#define KF_BTF_F_CONTAINERS	(1ULL << 12)

/* The objects one call prints, at most: the first one included */
#define KF_BTF_MAX_OBJECTS	64

#endif /* _UAPI_KFUNC_BTF_H */
