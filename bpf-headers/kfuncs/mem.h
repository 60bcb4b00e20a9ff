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
 * Programs: all, from 6.1.
 */
extern int kf_memzero(void *mem, __u32 mem__sz) KF_KSYM;

/*
 * kf_memset - fill a buffer with a byte
 * @mem:     buffer; the verifier demands @mem__sz writable bytes
 * @mem__sz: number of bytes to fill (a bounded scalar, 0 allowed)
 * @c:       the byte (only its low 8 bits count)
 *
 * Return: 0.
 * Programs: all, from 6.1.
 */
extern int kf_memset(void *mem, __u32 mem__sz, int c) KF_KSYM;

/*
 * kf_memcmp - compare two sized buffers byte by byte (as unsigned bytes)
 * @a, @a__sz: first buffer; the verifier demands @a__sz readable bytes
 * @b, @b__sz: second buffer; the verifier demands @b__sz readable bytes
 *
 * The sizes may differ: when one buffer is a prefix of the other, the
 * shorter one is less. NUL is an ordinary byte.
 *
 * Return: -1, 0 or 1 (a < b, a == b, a > b).
 * Programs: all, from 6.1.
 */
extern int kf_memcmp(const void *a, __u32 a__sz, const void *b, __u32 b__sz) KF_KSYM;

/*
 * kf_memchr - find the first occurrence of a byte
 * @mem:     buffer; the verifier demands @mem__sz readable bytes
 * @mem__sz: buffer size in bytes (a bounded scalar, 0 allowed)
 * @c:       the byte (only its low 8 bits count)
 *
 * Return: the index of the first byte equal to @c, -ENOENT when none is.
 * Programs: all, from 6.1.
 */
extern int kf_memchr(const void *mem, __u32 mem__sz, int c) KF_KSYM;

/*
 * kf_memrchr - find the last occurrence of a byte
 * @mem:     buffer; the verifier demands @mem__sz readable bytes
 * @mem__sz: buffer size in bytes (a bounded scalar, 0 allowed)
 * @c:       the byte (only its low 8 bits count)
 *
 * Return: the index of the last byte equal to @c, -ENOENT when none is.
 * Programs: all, from 6.1.
 */
extern int kf_memrchr(const void *mem, __u32 mem__sz, int c) KF_KSYM;

#endif /* _KFUNCS_MEM_H */
