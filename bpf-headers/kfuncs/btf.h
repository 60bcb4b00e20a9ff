/* SPDX-License-Identifier: (GPL-2.0 OR BSD-2-Clause) */
#ifndef _KFUNCS_BTF_H
#define _KFUNCS_BTF_H

#include <kfuncs/common.h>

/*
 * kf_btf_snprintf - print a kernel object by its vmlinux BTF type, as the
 * kernel's bpf_snprintf_btf() helper does
 * @buf:     the output; the verifier demands @buf__sz writable bytes
 * @buf__sz: its size in bytes
 * @ptr:     a struct btf_ptr (<linux/bpf.h>): .ptr, the object's kernel
 *           address; .type_id, its type's id in vmlinux BTF (in a BPF
 *           program: bpf_core_type_id_kernel(struct task_struct));
 *           .flags, unused
 * @ptr__sz: sizeof(struct btf_ptr), 16 bytes: the struct is passed as
 *           memory (on the stack), which every kernel's verifier accepts
 * @flags:   the helper's BTF_F_COMPACT (no newlines or indentation),
 *           BTF_F_NONAME (no member or type names), BTF_F_PTR_RAW
 *           (pointers unhashed, as %px; else hashed, as %p) and BTF_F_ZERO
 *           (zero-valued members too); no other bit
 *
 * The text is bpf_snprintf_btf()'s, byte for byte, for the same object,
 * type and flags on the same kernel (pointers hash alike within a boot),
 * including that kernel's formatting: from 7.3 a pointer to void is
 * "(void *)", before "( *)". The object's bytes are read with
 * copy_from_kernel_nofault, 32 at a time, as the kernel's helper does:
 * a bad .ptr gives an error, never an oops. kfunc.ko reads vmlinux BTF
 * from /sys/kernel/btf/vmlinux when it loads.
 *
 * Return: the length of the whole text without its NUL, as snprintf():
 * @buf holds its first @buf__sz - 1 bytes and a NUL (the text is cut, the
 * return value is not). Errors, and @buf is then unspecified:
 * -EINVAL: @ptr__sz is not 16, @flags has another bit, .type_id is 0 or a
 *          DATASEC, or a type on the way has no size (an array of
 *          functions) or a size of 2 GiB or more;
 * -ENOENT: .type_id is past vmlinux BTF's last id;
 * -EFAULT, -ERANGE: reading the object failed (copy_from_kernel_nofault's
 *          error, of the last read);
 * -EPERM:  the kernel is locked down for reading kernel memory
 *          (lockdown=confidentiality);
 * -E2BIG:  the object nests more than 32 deep, or its walk takes more
 *          than 2^20 members and elements;
 * -EOPNOTSUPP: kfunc.ko could not read vmlinux BTF when it loaded (dmesg
 *          says why).
 * Programs: all, from 6.1.
 */
extern int kf_btf_snprintf(char *buf, __u32 buf__sz, const void *ptr, __u32 ptr__sz,
			   __u64 flags) KF_KSYM;

#endif /* _KFUNCS_BTF_H */
