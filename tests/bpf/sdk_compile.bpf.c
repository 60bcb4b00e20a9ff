// SPDX-License-Identifier: GPL-2.0
/*
 * The SDK headers must compile, -Wall -Werror, in every setting a BPF
 * author uses: after <linux/bpf.h>, or after a bpftool vmlinux.h (which
 * from bpftool 7.5 carries kfunc prototypes, ours included when dumped
 * from kfunc.ko's BTF, unless BPF_NO_KFUNC_PROTOTYPES is defined). The
 * test bed compiles this file once per setting (KF_VMLINUX_H names the
 * vmlinux.h); a prototype that differs from the module's is a conflict.
 *
 * It calls every kfunc, so its BTF also carries each prototype as a BPF
 * program sees it: the test bed compares those with kfunc.ko's BTF on every
 * kernel (kfunc-btfids protos). A kfunc missing here fails that comparison.
 */
#ifdef KF_VMLINUX_H
#include KF_VMLINUX_H
#else
#include <linux/bpf.h>
#endif
#include <bpf/bpf_helpers.h>
#include <kfuncs/kfuncs.h>
#include <kfunc/version.h>

#if !defined(KFUNC_VERSION_MAJOR) || !defined(KFUNC_VERSION_MINOR) || \
	!defined(KFUNC_VERSION_PATCH)
#error "kfunc/version.h must define KFUNC_VERSION_MAJOR/MINOR/PATCH"
#endif

char buf[16];

SEC("syscall")
int every_kfunc(void *ctx)
{
	return kf_test_sum(1, 2, 3, 4) + kf_strstr(buf, 16, buf, 1) +
	       kf_memzero(buf, 16) + kf_memset(buf, 16, 'x') +
	       kf_memcmp(buf, 8, buf, 16) + kf_memchr(buf, 16, 'x') +
	       kf_memrchr(buf, 16, 'x');
}

char LICENSE[] SEC("license") = "GPL";
