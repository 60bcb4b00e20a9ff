/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What the example loaders share: trigger the programs (they attach to
 * vfs_unlink) and read back the line one of them printed with bpf_printk.
 */
#ifndef KFUNC_EXAMPLES_TRACE_H
#define KFUNC_EXAMPLES_TRACE_H

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <time.h>
#include <unistd.h>

static inline int trace_pipe_open(void)
{
	int fd;

	fd = open("/sys/kernel/tracing/trace_pipe", O_RDONLY | O_NONBLOCK);
	if (fd < 0 && mount("tracefs", "/sys/kernel/tracing", "tracefs", 0, NULL) == 0)
		fd = open("/sys/kernel/tracing/trace_pipe", O_RDONLY | O_NONBLOCK);
	if (fd < 0)
		fd = open("/sys/kernel/debug/tracing/trace_pipe", O_RDONLY | O_NONBLOCK);
	return fd;
}

/* Create and unlink a file: the programs' trigger. */
static inline int trigger_unlink(const char *who)
{
	char path[] = "/tmp/kfunc-example-XXXXXX";
	int fd = mkstemp(path);

	if (fd < 0 || unlink(path)) {
		fprintf(stderr, "%s: cannot create and unlink %s: %s\n", who, path,
			strerror(errno));
		return -1;
	}
	close(fd);
	return 0;
}

/*
 * Read the trace pipe until a bpf_printk line that contains @tag arrives
 * (20 s at most in all: a loaded TCG guest can be slow); copy its message
 * into @msg. Returns 0 or -1.
 */
static inline int trace_read_line(int fd, const char *tag, char *msg, size_t size,
				  const char *who)
{
	static const char marker[] = "bpf_trace_printk: ";
	time_t deadline = time(NULL) + 20;
	char buf[8192], *line, *end;
	size_t len = 0;

	for (;;) {
		struct pollfd p = { .fd = fd, .events = POLLIN };
		int left = (int)(deadline - time(NULL));
		ssize_t n;

		if (left <= 0 || poll(&p, 1, left * 1000) <= 0) {
			fprintf(stderr, "%s: no line from the BPF program within 20 s\n", who);
			return -1;
		}
		n = read(fd, buf + len, sizeof(buf) - 1 - len);
		if (n < 0 && errno != EAGAIN && errno != EINTR) {
			fprintf(stderr, "%s: reading the trace pipe: %s\n", who, strerror(errno));
			return -1;
		}
		if (n <= 0)
			continue;
		len += n;
		buf[len] = 0;
		while ((line = strstr(buf, marker)) && (end = strchr(line, '\n'))) {
			*end = 0;
			line += strlen(marker);
			if (strstr(line, tag)) {
				snprintf(msg, size, "%s", line);
				return 0;
			}
			/* Someone else's line: drop it. */
			len -= end + 1 - buf;
			memmove(buf, end + 1, len + 1);
		}
		if (len >= sizeof(buf) - 1)
			len = 0;
	}
}

#endif /* KFUNC_EXAMPLES_TRACE_H */
