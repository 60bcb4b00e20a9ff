// SPDX-License-Identifier: GPL-2.0
/*
 * tasks [PID]: what the task kfuncs say of PID (default: this process),
 * checked against /proc/PID/exe and the "0::" line of /proc/PID/cgroup.
 * Exits 0 when they agree. Needs root and kfunc.ko loaded.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <bpf/bpf.h>
#include <bpf/libbpf.h>

#include "tasks.skel.h"

/* The "0::" (cgroup v2) line of /proc/PID/cgroup, without "0::". */
static int proc_cgroup(int pid, char *out, size_t size)
{
	char path[64], line[512];
	FILE *f;
	int ret = -1;

	snprintf(path, sizeof(path), "/proc/%d/cgroup", pid);
	f = fopen(path, "r");
	if (!f)
		return -1;
	while (fgets(line, sizeof(line), f)) {
		if (strncmp(line, "0::", 3))
			continue;
		line[strcspn(line, "\n")] = 0;
		snprintf(out, size, "%s", line + 3);
		ret = 0;
	}
	fclose(f);
	return ret;
}

int main(int argc, char **argv)
{
	LIBBPF_OPTS(bpf_test_run_opts, opts);
	char want_exe[256] = "", want_cg[256] = "", path[64];
	int pid = argc > 1 ? atoi(argv[1]) : getpid(), ret = 1;
	struct tasks_bpf *skel;
	ssize_t n;

	skel = tasks_bpf__open_and_load();
	if (!skel) {
		fprintf(stderr, "tasks: cannot load the BPF program (is kfunc.ko loaded?): %s\n",
			strerror(errno));
		return 1;
	}
	skel->bss->pid = pid;
	if (bpf_prog_test_run_opts(bpf_program__fd(skel->progs.describe), &opts)) {
		fprintf(stderr, "tasks: cannot run the program: %s\n", strerror(errno));
		goto out;
	}
	if (!skel->bss->found) {
		printf("tasks: no task has pid %d\n", pid);
		goto out;
	}
	snprintf(path, sizeof(path), "/proc/%d/exe", pid);
	n = readlink(path, want_exe, sizeof(want_exe) - 1);
	want_exe[n > 0 ? n : 0] = 0;
	proc_cgroup(pid, want_cg, sizeof(want_cg));
	printf("tasks: pid %d (%s): cgroup %s (%d), exe %s (%d)", pid, skel->bss->comm,
	       skel->bss->cgroup_len >= 0 ? skel->bss->cgroup : "?", skel->bss->cgroup_len,
	       skel->bss->exe_len >= 0 ? skel->bss->exe : "?", skel->bss->exe_len);
	ret = strcmp(skel->bss->cgroup, want_cg) || strcmp(skel->bss->exe, want_exe);
	printf("%s\n", ret ? ", NOT as /proc says" : ", as /proc says");
	if (ret)
		printf("tasks: /proc says cgroup %s, exe %s\n", want_cg, want_exe);
out:
	tasks_bpf__destroy(skel);
	return ret;
}
