// SPDX-License-Identifier: GPL-2.0
/*
 * Loader of examples/hello: keep the kprobe program on 6.10 and later, the
 * fentry one before, unlink a file, print the program's line.
 * Needs root and kfunc.ko loaded.
 */
#include <sys/utsname.h>

#include "../common/trace.h"
#include "hello.skel.h"

/* Kprobe programs may call module kfuncs from 6.10 (the kfunc hook). */
static int kprobe_can_call_kfuncs(void)
{
	struct utsname u;
	int major, minor;

	if (uname(&u) || sscanf(u.release, "%d.%d", &major, &minor) != 2)
		return 0;
	return major > 6 || (major == 6 && minor >= 10);
}

int main(void)
{
	int kprobe = kprobe_can_call_kfuncs(), fd, ret = 1;
	struct hello_bpf *skel;
	char msg[256], tag[32];

	skel = hello_bpf__open();
	if (!skel) {
		fprintf(stderr, "hello: cannot open the BPF object: %s\n", strerror(errno));
		return 1;
	}
	bpf_program__set_autoload(kprobe ? skel->progs.hello_fentry : skel->progs.hello_kprobe,
				  false);
	skel->bss->target_pid = getpid();
	if (hello_bpf__load(skel)) {
		fprintf(stderr, "hello: cannot load the BPF program (is kfunc.ko loaded?): %s\n",
			strerror(errno));
		goto out;
	}
	if (hello_bpf__attach(skel)) {
		fprintf(stderr, "hello: cannot attach to vfs_unlink: %s\n", strerror(errno));
		goto out;
	}
	fd = trace_pipe_open();
	if (fd < 0) {
		fprintf(stderr, "hello: cannot open the trace pipe: %s\n", strerror(errno));
		goto out;
	}
	/* Only this process's line: kfunc run may have printed others. */
	snprintf(tag, sizeof(tag), " in pid %d:", getpid());
	if (trigger_unlink("hello") || trace_read_line(fd, tag, msg, sizeof(msg), "hello"))
		goto out;
	printf("%s\n", msg);
	ret = strstr(msg, kprobe ? "kprobe" : "fentry") && strstr(msg, "= 10") ? 0 : 1;
out:
	hello_bpf__destroy(skel);
	return ret;
}
