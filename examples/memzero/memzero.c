// SPDX-License-Identifier: GPL-2.0
/*
 * Loader of examples/memzero: load, attach, unlink a file, print the line.
 * Needs root and kfunc.ko loaded.
 */
#include "../common/trace.h"
#include "memzero.skel.h"

int main(void)
{
	struct memzero_bpf *skel;
	char msg[256];
	int fd, ret = 1;

	skel = memzero_bpf__open_and_load();
	if (!skel) {
		fprintf(stderr, "memzero: cannot load the BPF program (is kfunc.ko loaded?): %s\n",
			strerror(errno));
		return 1;
	}
	skel->bss->target_pid = getpid();
	if (memzero_bpf__attach(skel)) {
		fprintf(stderr, "memzero: cannot attach to vfs_unlink: %s\n", strerror(errno));
		goto out;
	}
	fd = trace_pipe_open();
	if (fd < 0) {
		fprintf(stderr, "memzero: cannot open the trace pipe: %s\n", strerror(errno));
		goto out;
	}
	if (trigger_unlink("memzero") ||
	    trace_read_line(fd, "memzero:", msg, sizeof(msg), "memzero"))
		goto out;
	printf("%s\n", msg);
	/* The 31 'x' and the final NUL: 16 zeroed in the middle, plus the NUL. */
	ret = strstr(msg, "= 0: 17 bytes zeroed from index 8") ? 0 : 1;
out:
	memzero_bpf__destroy(skel);
	return ret;
}
