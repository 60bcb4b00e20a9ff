// SPDX-License-Identifier: GPL-2.0
/*
 * The seed example: when this process unlinks a file, search "wor" in
 * "Hello, world!" with kf_strstr and print the answer to the trace pipe.
 * fentry works on every supported kernel (kprobe programs may call module
 * kfuncs only from 6.10). vfs_unlink is attached rather than do_unlinkat,
 * which 7.x renamed filename_unlinkat.
 */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>
#include <kfuncs/strstr.h>

/* Global data is a map value: memory the verifier lets a kfunc read. */
char hay[] = "Hello, world!";
char needle[] = "wor";
int target_pid;

SEC("fentry/vfs_unlink")
int on_unlink(void *ctx)
{
	int idx;

	if ((bpf_get_current_pid_tgid() >> 32) != target_pid)
		return 0;
	idx = kf_strstr(hay, sizeof(hay) - 1, needle, sizeof(needle) - 1);
	if (idx >= 0)
		bpf_printk("'%s' found in '%s' at index %d", needle, hay, idx);
	else
		bpf_printk("'%s' not found in '%s' (%d)", needle, hay, idx);
	return 0;
}

char LICENSE[] SEC("license") = "GPL";
