// SPDX-License-Identifier: GPL-2.0
/*
 * Loader of the seed example: load and attach strstr.bpf.c, unlink a file
 * to trigger it, read its line back from the trace pipe and print it.
 * Needs root and kfunc.ko loaded.
 */
#include "../common/trace.h"
#include "strstr.skel.h"

int main(void)
{
	struct strstr_bpf *skel;
	char msg[256];
	int fd, ret = 1;

	skel = strstr_bpf__open_and_load();
	if (!skel) {
		fprintf(stderr, "strstr: cannot load the BPF program (is kfunc.ko loaded?): %s\n",
			strerror(errno));
		return 1;
	}
	skel->bss->target_pid = getpid();
	if (strstr_bpf__attach(skel)) {
		fprintf(stderr, "strstr: cannot attach to vfs_unlink: %s\n", strerror(errno));
		goto out;
	}
	fd = trace_pipe_open();
	if (fd < 0) {
		fprintf(stderr, "strstr: cannot open the trace pipe: %s\n", strerror(errno));
		goto out;
	}
	if (trigger_unlink("strstr") ||
	    trace_read_line(fd, "'Hello, world!'", msg, sizeof(msg), "strstr"))
		goto out;
	printf("%s\n", msg);
	ret = strstr(msg, " found in ") && !strstr(msg, "not found") ? 0 : 1;
out:
	strstr_bpf__destroy(skel);
	return ret;
}
