// SPDX-License-Identifier: GPL-2.0
/*
 * task_test: the task kfuncs from real BPF programs, inside the test VM.
 * Lookups by pid in the initial and in a child pid namespace, an unused
 * pid, the task's comm and pids, its cgroup path against /proc/self/cgroup
 * (in a cgroup made for the test), its executable against
 * readlink(/proc/self/exe), and -E2BIG for small buffers.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <linux/bpf.h>
#include <bpf/bpf.h>
#include <bpf/libbpf.h>

#include "task_test.skel.h"
#include "report.h"
#include "testutil.h"

static int run(struct bpf_program *prog, int with_packet)
{
	char pkt[64] = { 0 };
	LIBBPF_OPTS(bpf_test_run_opts, opts);
	int err;

	if (with_packet) {
		opts.data_in = pkt;
		opts.data_size_in = sizeof(pkt);
	}
	err = bpf_prog_test_run_opts(bpf_program__fd(prog), &opts);
	return err ? err : (int)opts.retval;
}

/*
 * Move this process into a cgroup of its own on the cgroup2 hierarchy
 * (mounting it if the VM has not), so that its path is not just "/".
 */
static int enter_cgroup(char *where, size_t size)
{
	static const char * const roots[] = { "/sys/fs/cgroup", "/tmp/kfunc-cgroup2" };
	char path[256], pid[32];
	struct stat st;
	int i;

	for (i = 0; i < 2; i++) {
		snprintf(path, sizeof(path), "%s/cgroup.procs", roots[i]);
		if (stat(path, &st)) {
			mkdir(roots[i], 0755);
			if (mount("cgroup2", roots[i], "cgroup2", 0, NULL))
				continue;
		}
		snprintf(where, size, "%s/kfunc-test-%d", roots[i], getpid());
		if (mkdir(where, 0755) && errno != EEXIST)
			continue;
		snprintf(path, sizeof(path), "%s/cgroup.procs", where);
		snprintf(pid, sizeof(pid), "%d", getpid());
		if (!write_file(path, pid))
			return 0;
	}
	return -1;
}

/* The "0::PATH" line of /proc/self/cgroup. */
static int proc_cgroup(char *out, size_t size)
{
	char buf[4096], *l;

	if (read_file("/proc/self/cgroup", buf, sizeof(buf)))
		return -1;
	for (l = strtok(buf, "\n"); l; l = strtok(NULL, "\n")) {
		if (!strncmp(l, "0::", 3)) {
			snprintf(out, size, "%s", l + 3);
			return 0;
		}
	}
	return -1;
}

static void lookup(struct task_test_bpf *skel, struct bpf_program *prog, int with_packet,
		   int pid, int init_ns)
{
	struct task_test_bpf__bss *bss = skel->bss;
	int r;

	memset(bss, 0, sizeof(*bss));
	bss->pid_in = pid;
	bss->init_ns = init_ns;
	bss->small = 4;
	bss->cg_ret = bss->exe_ret = bss->cg_small_ret = bss->exe_small_ret = 12345;
	r = run(prog, with_packet);
	if (r)
		report(0, "BPF_PROG_TEST_RUN of %s: %d", bpf_program__name(prog), r);
}

/* In a child pid namespace: vpid 1 is the child itself. */
static void test_pid_namespace(struct task_test_bpf *skel)
{
	struct task_test_bpf__bss *bss = skel->bss;
	int fds[2], status, parent = getpid(), res[4] = { -1, -1, -1, -1 };
	pid_t child;

	if (pipe(fds) || unshare(CLONE_NEWPID)) {
		report(0, "pid namespace: unshare(CLONE_NEWPID): %s", strerror(errno));
		return;
	}
	child = fork();
	if (child == 0) {
		/* vpid 1 here is this process; the parent is invisible. */
		lookup(skel, skel->progs.task_syscall, 0, 1, 0);
		res[0] = bss->found ? bss->tgid : -1;
		lookup(skel, skel->progs.task_syscall, 0, parent, 0);
		res[1] = bss->found;
		lookup(skel, skel->progs.task_syscall, 0, parent, 1);
		res[2] = bss->found ? bss->tgid : -1;
		res[3] = getpid();
		if (write(fds[1], res, sizeof(res)) != sizeof(res))
			_exit(1);
		_exit(0);
	}
	close(fds[1]);
	if (child < 0 || read(fds[0], res, sizeof(res)) != sizeof(res))
		report(0, "pid namespace: the child did not report (%s)", strerror(errno));
	waitpid(child, &status, 0);
	close(fds[0]);
	report(res[3] == 1 && res[0] == child,
	       "pid namespace: in a child namespace kf_task_from_vpid(1) is the child itself (pid %d there, %d here: got %d)",
	       res[3], child, res[0]);
	report(res[1] == 0 && res[2] == parent,
	       "pid namespace: there the parent's pid %d is unknown to kf_task_from_vpid (found %d) and found by kf_task_from_pid (%d)",
	       parent, res[1], res[2]);
}

int main(void)
{
	char cgdir[256], want_cg[256], want_exe[256], comm[64];
	struct task_test_bpf *skel;
	struct task_test_bpf__bss *bss;
	int me = getpid(), n;
	ssize_t len;

	skel = task_test_bpf__open_and_load();
	report(skel != NULL, "load the task test programs (syscall: every task kfunc; tc: lookup and cgroup path)");
	if (!skel)
		return 1;
	bss = skel->bss;

	if (enter_cgroup(cgdir, sizeof(cgdir)))
		report(0, "move the test into a cgroup of its own: %s", strerror(errno));
	if (proc_cgroup(want_cg, sizeof(want_cg)))
		report(0, "read the 0:: line of /proc/self/cgroup");
	len = readlink("/proc/self/exe", want_exe, sizeof(want_exe) - 1);
	want_exe[len > 0 ? len : 0] = 0;
	read_file("/proc/self/comm", comm, sizeof(comm));
	comm[strcspn(comm, "\n")] = 0;

	lookup(skel, skel->progs.task_syscall, 0, me, 0);
	report(bss->found && bss->pid == me && bss->tgid == me && !strcmp(bss->comm, comm),
	       "syscall: kf_task_from_vpid(getpid()) is this task: pid %d, tgid %d, comm \"%s\" (want %d, \"%s\")",
	       bss->pid, bss->tgid, bss->comm, me, comm);
	report(bss->cg_ret == (int)strlen(want_cg) && !strcmp(bss->cg, want_cg),
	       "syscall: kf_task_cgroup_path = %d, \"%s\" (/proc/self/cgroup: \"%s\")",
	       bss->cg_ret, bss->cg, want_cg);
	report(bss->exe_ret == (int)strlen(want_exe) && !strcmp(bss->exe, want_exe),
	       "syscall: kf_task_exe_path = %d, \"%s\" (readlink /proc/self/exe: \"%s\")",
	       bss->exe_ret, bss->exe, want_exe);
	report(bss->cg_small_ret == -E2BIG && bss->exe_small_ret == -E2BIG,
	       "syscall: a 4-byte buffer gives -E2BIG for both paths (%d, %d)",
	       bss->cg_small_ret, bss->exe_small_ret);

	lookup(skel, skel->progs.task_syscall, 0, me, 1);
	report(bss->found && bss->tgid == me && bss->exe_ret == (int)strlen(want_exe),
	       "syscall: kf_task_from_pid(getpid()) in the initial namespace is this task too (found %u, tgid %d)",
	       bss->found, bss->tgid);

	for (n = 0; n < 2; n++) {
		int pid = n ? -1 : 0x3ffffff0;

		lookup(skel, skel->progs.task_syscall, 0, pid, 0);
		report(!bss->found && bss->cg_ret == 12345,
		       "syscall: kf_task_from_vpid(%d), an unused pid, returns NULL", pid);
		lookup(skel, skel->progs.task_syscall, 0, pid, 1);
		report(!bss->found, "syscall: kf_task_from_pid(%d) returns NULL", pid);
	}

	/* pid 2 is kthreadd: a kernel thread has no executable. */
	lookup(skel, skel->progs.task_syscall, 0, 2, 1);
	report(bss->found && !strcmp(bss->comm, "kthreadd") && bss->exe_ret == -ENOENT &&
	       bss->cg_ret == 1 && !strcmp(bss->cg, "/"),
	       "syscall: kf_task_from_pid(2) is kthreadd; kf_task_exe_path = %d (-ENOENT: a kernel thread has no executable), cgroup \"%s\"",
	       bss->exe_ret, bss->cg);

	lookup(skel, skel->progs.task_tc, 1, me, 0);
	report(bss->found && bss->tgid == me && bss->cg_ret == (int)strlen(want_cg) &&
	       !strcmp(bss->cg, want_cg),
	       "tc: kf_task_from_vpid(getpid()) and kf_task_cgroup_path work from a non-sleepable program (%d, \"%s\")",
	       bss->cg_ret, bss->cg);

	test_pid_namespace(skel);

	task_test_bpf__destroy(skel);
	/* Leave the cgroup for its parent (the root) and remove it. */
	snprintf(want_cg, sizeof(want_cg), "%s/../cgroup.procs", cgdir);
	write_file(want_cg, "0");
	rmdir(cgdir);
	return failed;
}
