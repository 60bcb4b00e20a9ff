// SPDX-License-Identifier: GPL-2.0
/*
 * memzero: when this process unlinks a file, zero the middle of a buffer
 * with kf_memzero and print how many bytes changed and where.
 */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>
#include <kfuncs/mem.h>

int target_pid;
char buf[32] = "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx";

SEC("fentry/vfs_unlink")
int on_unlink(void *ctx)
{
	int i, first = -1, zeroed = 0, ret;

	if ((bpf_get_current_pid_tgid() >> 32) != target_pid)
		return 0;
	/* Zero bytes 8..23; the verifier checks that 16 bytes fit at buf + 8. */
	ret = kf_memzero(buf + 8, 16);
	for (i = 0; i < sizeof(buf); i++) {
		if (buf[i])
			continue;
		if (first < 0)
			first = i;
		zeroed++;
	}
	bpf_printk("memzero: kf_memzero(buf + 8, 16) = %d: %d bytes zeroed from index %d",
		   ret, zeroed, first);
	return 0;
}

char LICENSE[] SEC("license") = "GPL";
