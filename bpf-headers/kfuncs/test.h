/* SPDX-License-Identifier: (GPL-2.0 OR BSD-2-Clause) */
#ifndef _KFUNCS_TEST_H
#define _KFUNCS_TEST_H

#include <kfuncs/common.h>

/*
 * kf_test_sum - the hello-world kfunc: returns @a + @b + @c + @d
 *
 * Scalars only: the verifier checks nothing but that four arguments are
 * passed. Useful to test that the module is loaded and callable.
 * Programs: all, from 6.1.
 */
extern __u64 kf_test_sum(__u32 a, __u64 b, __u32 c, __u64 d) KF_KSYM;

#endif /* _KFUNCS_TEST_H */
