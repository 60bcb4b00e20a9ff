// SPDX-License-Identifier: GPL-2.0
/*
 * Calls every kfunc once, so that this object's BTF carries each prototype
 * as a BPF program sees it through the SDK headers. Never loaded: the test
 * bed compares these prototypes with the module's BTF on every kernel
 * (kfunc-btfids protos). A kfunc missing here fails that comparison.
 */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>
#include <kfuncs/kfuncs.h>

char buf[16];

SEC("syscall")
int every_kfunc(void *ctx)
{
	return kf_test_sum(1, 2, 3, 4) + kf_strstr(buf, 16, buf, 1) +
	       kf_memzero(buf, 16);
}

char LICENSE[] SEC("license") = "GPL";
