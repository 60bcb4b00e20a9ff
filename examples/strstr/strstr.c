// SPDX-License-Identifier: GPL-2.0
/*
 * Loader of the seed example: load and attach strstr.bpf.c, unlink a file
 * to trigger it, read its line back from the trace pipe and print it.
 * Needs root and kfunc.ko loaded.
 */
#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <unistd.h>
#include <fcntl.h>

#include "strstr.skel.h"

static int open_trace_pipe(void)
{
	static const char *const paths[] = {
		"/sys/kernel/tracing/trace_pipe",
		"/sys/kernel/debug/tracing/trace_pipe",
	};
	int fd;

	fd = open(paths[0], O_RDONLY | O_NONBLOCK);
	if (fd < 0 && mount("tracefs", "/sys/kernel/tracing", "tracefs", 0, NULL) == 0)
		fd = open(paths[0], O_RDONLY | O_NONBLOCK);
	if (fd < 0)
		fd = open(paths[1], O_RDONLY | O_NONBLOCK);
	return fd;
}

int main(void)
{
	char path[] = "/tmp/kfunc-strstr-XXXXXX", buf[4096], *line, *msg;
	struct strstr_bpf *skel;
	size_t len = 0;
	int fd, tmp, ret = 1;

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
	fd = open_trace_pipe();
	if (fd < 0) {
		fprintf(stderr, "strstr: cannot open the trace pipe: %s\n", strerror(errno));
		goto out;
	}

	tmp = mkstemp(path);
	if (tmp < 0 || unlink(path)) {
		fprintf(stderr, "strstr: cannot create and unlink %s: %s\n", path, strerror(errno));
		goto out;
	}
	close(tmp);

	/* Read until our line arrives (5 s at most). */
	for (;;) {
		struct pollfd p = { .fd = fd, .events = POLLIN };
		ssize_t n;

		if (poll(&p, 1, 5000) <= 0) {
			fprintf(stderr, "strstr: no line from the BPF program within 5 s\n");
			goto out;
		}
		n = read(fd, buf + len, sizeof(buf) - 1 - len);
		if (n <= 0)
			continue;
		len += n;
		buf[len] = 0;
		line = strstr(buf, "bpf_trace_printk: ");
		if (line && strchr(line, '\n')) {
			msg = line + strlen("bpf_trace_printk: ");
			*strchr(msg, '\n') = 0;
			printf("%s\n", msg);
			ret = strstr(msg, " found in ") && !strstr(msg, "not found") ? 0 : 1;
			break;
		}
		if (len >= sizeof(buf) - 1)
			len = 0;
	}
out:
	strstr_bpf__destroy(skel);
	return ret;
}
