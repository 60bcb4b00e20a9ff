// SPDX-License-Identifier: GPL-2.0
/*
 * proc_test: the process kfuncs of kfuncs/task.h from real BPF programs,
 * inside the test VM, against what /proc says: kf_task_cmdline and
 * kf_task_getenv (sleepable, any task) against /proc/PID/cmdline and
 * environ; kf_current_cmdline and kf_current_getenv (non-sleepable) in the
 * task itself, from an fentry program; both on a command line rewritten in
 * place (setproctitle) and with a page of the environment dropped
 * (MADV_DONTNEED: not present, so the non-sleepable forms get -EFAULT);
 * kf_task_container_id on cgroup trees made here in each runtime's layout,
 * on cgroup v2 and on a v1 hierarchy.
 *
 * The children are this program run again ("child MODE"): each sets
 * itself up, then calls setrlimit() (the fentry program's hook) once for
 * each byte the test writes to its stdin, answering on its stdout.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/mount.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <bpf/bpf.h>
#include <bpf/libbpf.h>

#include "proc_test.skel.h"
#include "report.h"
#include "testutil.h"

#define BUF 8192
#define LONG 5000
#define ID "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"

static struct proc_test_bpf *skel;

/* ---- The child. */

static void serve(void)
{
	struct rlimit r;
	char c = 'r';

	if (write(1, &c, 1) != 1)
		exit(1);
	while (read(0, &c, 1) == 1 && c == 'g') {
		getrlimit(RLIMIT_CORE, &r);
		setrlimit(RLIMIT_CORE, &r);
		if (write(1, &c, 1) != 1)
			exit(1);
	}
	exit(0);
}

static int child_main(int argc, char **argv)
{
	const char *mode = argv[2];
	char *end, *target;

	if (!strcmp(mode, "title")) {
		/* setproctitle(): a title longer than the arguments, over them and into the environment. */
		end = argv[argc - 1] + strlen(argv[argc - 1]) + 1;
		memset(argv[0], 0, end - argv[0] + 40);
		memset(argv[0], 'T', end - argv[0] + 39);
		memcpy(argv[0], "title:", 6);
	} else if (!strcmp(mode, "dontneed")) {
		/* Drop the page that holds TARGET: not present until touched. */
		target = getenv("TARGET");
		if (!target || madvise((void *)((unsigned long)target & ~4095UL), 4096, MADV_DONTNEED))
			return 1;
	}
	serve();
	return 0;
}

/* ---- The test. */

struct child {
	pid_t pid;
	int to, from;
};

static int spawn(struct child *c, const char *const *argv, const char *const *envp)
{
	int go[2], ready[2];
	char r;

	if (pipe2(go, O_CLOEXEC) || pipe2(ready, O_CLOEXEC))
		return -1;
	c->pid = fork();
	if (!c->pid) {
		dup2(go[0], 0);
		dup2(ready[1], 1);
		execve("/proc/self/exe", (char *const *)argv, (char *const *)envp);
		_exit(127);
	}
	close(go[0]);
	close(ready[1]);
	skel->bss->tgid_in = c->pid;
	c->to = go[1];
	c->from = ready[0];
	if (c->pid < 0 || read(c->from, &r, 1) != 1)
		return -1;
	return 0;
}

static void reap(struct child *c)
{
	char x = 'x';

	if (write(c->to, &x, 1) != 1)
		kill(c->pid, SIGKILL);
	close(c->to);
	close(c->from);
	waitpid(c->pid, NULL, 0);
}

/* The child calls setrlimit() once: the fentry program runs in it. */
static int poke(struct child *c)
{
	char g = 'g';

	skel->bss->calls = 0;
	if (write(c->to, &g, 1) != 1 || read(c->from, &g, 1) != 1)
		return -1;
	return skel->bss->calls == 1 ? 0 : -1;
}

static void set_name(const char *name, unsigned int size)
{
	memset(skel->bss->name_in, 0, sizeof(skel->bss->name_in));
	memcpy(skel->bss->name_in, name, size < sizeof(skel->bss->name_in) ? size : 0);
	skel->bss->name_size_in = size;
}

static void task_info(pid_t pid)
{
	LIBBPF_OPTS(bpf_test_run_opts, opts);

	skel->bss->pid_in = pid;
	skel->bss->found = 0;
	skel->bss->cmd_ret = skel->bss->env_ret = skel->bss->id_ret = 12345;
	if (bpf_prog_test_run_opts(bpf_program__fd(skel->progs.task_info), &opts) ||
	    !skel->bss->found)
		report(0, "run task_info for %d: %s", pid, strerror(errno));
}

/* /proc/PID/@what, whole: its size, or -1. */
static long proc_read(pid_t pid, const char *what, char *buf, size_t size)
{
	char path[64];
	long n, got = 0;
	int fd;

	snprintf(path, sizeof(path), "/proc/%d/%s", pid, what);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -1;
	while ((n = read(fd, buf + got, size - got)) > 0)
		got += n;
	close(fd);
	return n < 0 ? -1 : got;
}

/* What the kfunc must give for @size bytes of output, from @n bytes of text. */
static int expect(const char *text, long n, unsigned int size, char *want)
{
	long copy = n < (long)size ? n : (long)size - 1;

	if (!size)
		return -E2BIG;
	memcpy(want, text, copy);
	want[copy] = 0;
	return n < (long)size ? (int)n : -E2BIG;
}

/* /proc/PID/cmdline without its last NUL: the kfunc's text. */
static long ref_cmdline(pid_t pid, char *buf)
{
	long n = proc_read(pid, "cmdline", buf, BUF);

	if (n > 0 && !buf[n - 1])
		n--;
	return n;
}

/* The value of the first NAME= entry of /proc/PID/environ: its length, or -ENOENT. */
static long ref_getenv(pid_t pid, const char *name, const char **value)
{
	static char env[1 << 16];
	long n = proc_read(pid, "environ", env, sizeof(env) - 1), i, len = strlen(name);
	char *e;

	if (n < 0)
		return -EIO;
	env[n] = 0;
	for (i = 0; i < n; i += strlen(e) + 1) {
		e = env + i;
		if (!strncmp(e, name, len) && e[len] == '=') {
			*value = e + len + 1;
			return strlen(*value);
		}
	}
	return -ENOENT;
}

static int same(int ret, const char *out, int want_ret, const char *want)
{
	if (ret != want_ret)
		return 0;
	if (ret == -ENOENT)
		return !out[0];
	return ret >= 0 || ret == -E2BIG ? !memcmp(out, want, strlen(want) + 1) : 1;
}

/* Every form for @c at output size @size, for the variable @name. */
static void check(const char *what, struct child *c, const char *name, unsigned int size)
{
	static char text[BUF + 1], want[BUF];
	struct proc_test_bpf__bss *b = skel->bss;
	const char *value = NULL;
	long n;
	int want_ret;

	b->size_in = size;
	set_name(name, strlen(name) + 1);
	if (poke(c)) {
		report(0, "%s: the fentry program ran once in the child", what);
		return;
	}
	task_info(c->pid);
	n = ref_cmdline(c->pid, text);
	want_ret = expect(text, n, size, want);
	report(same(b->cur_cmd_ret, b->cur_cmd, want_ret, want) &&
	       same(b->cmd_ret, b->cmd, want_ret, want),
	       "%s: kf_current_cmdline %d, kf_task_cmdline %d: /proc/PID/cmdline (%ld bytes, less its NUL) into %u bytes",
	       what, b->cur_cmd_ret, b->cmd_ret, n, size);
	n = ref_getenv(c->pid, name, &value);
	want_ret = n < 0 ? (int)n : expect(value, n, size, want);
	if (n < 0)
		want[0] = 0;
	report(same(b->cur_env_ret, b->cur_env, want_ret, want) &&
	       same(b->env_ret, b->env, want_ret, want),
	       "%s: kf_current_getenv(\"%s\") %d, kf_task_getenv %d: /proc/PID/environ says %ld, into %u bytes",
	       what, name, b->cur_env_ret, b->env_ret, n, size);
}

static char long_arg[LONG + 1], long_env[LONG + 8], pad_env[3 * 4096];

static void test_cmdline_environ(void)
{
	const char *const argv[] = { "proc_test", "child", "plain", "with space", "", "new\nline\xff\xfe",
			 long_arg, NULL };
	const char *const envp[] = { "A=1", "AB=2", "EMPTY=", "DUP=first", "DUP=second", "NOEQUALS",
			 long_env, "LAST=last", NULL };
	static const unsigned int sizes[] = { BUF, 1, 2, 10, LONG - 1, LONG + 1 };
	static const char *const names[] = { "A", "AB", "EMPTY", "DUP", "LONG", "LAST",
					     "NOEQUALS", "MISSING", "LAS" };
	struct child c;
	unsigned int i;

	if (spawn(&c, argv, envp)) {
		report(0, "start the child: %s", strerror(errno));
		return;
	}
	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		check("arguments and environment", &c, names[i], BUF);
	for (i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++)
		check("arguments and environment", &c, "LONG", sizes[i]);
	/* The name's size: without a NUL, and with bytes after a NUL. */
	skel->bss->size_in = BUF;
	set_name("AB\0junk", 7);
	task_info(c.pid);
	report(skel->bss->env_ret == 1 && !strcmp(skel->bss->env, "2"),
	       "kf_task_getenv: the name ends at a NUL within name__sz (\"AB\\0junk\", 7): %d \"%s\"",
	       skel->bss->env_ret, skel->bss->env);
	set_name("ABC", 2);
	task_info(c.pid);
	report(skel->bss->env_ret == 1 && !strcmp(skel->bss->env, "2"),
	       "kf_task_getenv: a name without a NUL, name__sz bytes (\"ABC\", 2): %d \"%s\"",
	       skel->bss->env_ret, skel->bss->env);
	set_name("A=1", 4);
	task_info(c.pid);
	report(skel->bss->env_ret == -EINVAL && !skel->bss->env[0],
	       "kf_task_getenv: a name with \"=\" is -EINVAL, a NUL at the output's start: %d",
	       skel->bss->env_ret);
	set_name("", 1);
	memset(skel->bss->env, 'x', 4);
	task_info(c.pid);
	report(skel->bss->env_ret == -EINVAL && !skel->bss->env[0],
	       "kf_task_getenv: an empty name is -EINVAL, a NUL at the output's start: %d",
	       skel->bss->env_ret);
	reap(&c);
}

static void test_title(void)
{
	const char *const argv[] = { "proc_test", "child", "title", "x", NULL };
	const char *const envp[] = { "PADDING=0123456789012345678901234567890123456789012345678901234567890",
			 "B=2", NULL };
	char text[BUF];
	struct child c;
	long n;

	if (spawn(&c, argv, envp)) {
		report(0, "start the title child: %s", strerror(errno));
		return;
	}
	n = ref_cmdline(c.pid, text);
	report(n > 40 && !strncmp(text, "title:TTT", 9) && !memchr(text, 0, n),
	       "setproctitle: /proc/PID/cmdline shows the rewritten title, past the arguments (%ld bytes)", n);
	check("setproctitle", &c, "B", BUF);
	check("setproctitle", &c, "B", 20);
	reap(&c);
}

static void test_dontneed(void)
{
	const char *const argv[] = { "proc_test", "child", "dontneed", NULL };
	const char *const envp[] = { "FIRST=1", pad_env, "TARGET=value", NULL };
	struct proc_test_bpf__bss *b = skel->bss;
	const char *value = NULL;
	struct child c;
	long n;

	if (spawn(&c, argv, envp)) {
		report(0, "start the dontneed child: %s", strerror(errno));
		return;
	}
	b->size_in = BUF;
	set_name("TARGET", 7);
	memset(b->cur_env, 'x', 16);
	if (poke(&c))
		report(0, "dontneed: the fentry program ran once in the child");
	report(b->cur_env_ret == -EFAULT && !b->cur_env[0],
	       "kf_current_getenv(\"TARGET\") on a page that is not present: -EFAULT (%d), a NUL at the output's start",
	       b->cur_env_ret);
	set_name("FIRST", 6);
	poke(&c);
	report(b->cur_env_ret == 1 && !strcmp(b->cur_env, "1"),
	       "kf_current_getenv(\"FIRST\"), before that page: %d \"%s\"", b->cur_env_ret, b->cur_env);
	/* The sleepable form faults the page in, as /proc does: a zeroed page. */
	set_name("TARGET", 7);
	task_info(c.pid);
	n = ref_getenv(c.pid, "TARGET", &value);
	report(b->env_ret == n && n == -ENOENT,
	       "kf_task_getenv(\"TARGET\") faults the page in (zeroes) as /proc/PID/environ does: %d, /proc %ld",
	       b->env_ret, n);
	reap(&c);
}

/* ---- Container ids. */

#define CG "/tmp/kpt-cg"

static int cg_move(const char *dir, pid_t pid)
{
	char p[512], s[32];

	snprintf(p, sizeof(p), "%s/cgroup.procs", dir);
	snprintf(s, sizeof(s), "%d", pid);
	return write_file(p, s);
}

static int mkdirs(const char *path)
{
	char p[512], *s;

	snprintf(p, sizeof(p), "%s", path);
	for (s = p + 1; (s = strchr(s, '/')); s++) {
		*s = 0;
		if (mkdir(p, 0755) && errno != EEXIST)
			return -1;
		*s = '/';
	}
	return mkdir(p, 0755) && errno != EEXIST ? -1 : 0;
}

/* rmdir @path and its parents up to @top. */
static void rmdirs(const char *top, const char *path)
{
	char p[512], *s;

	snprintf(p, sizeof(p), "%s", path);
	while (strlen(p) > strlen(top)) {
		rmdir(p);
		s = strrchr(p, '/');
		*s = 0;
	}
}

static void container(const char *top, const char *what, const char *rel, const char *want,
		      pid_t pid)
{
	struct proc_test_bpf__bss *b = skel->bss;
	char dir[512];
	int ok;

	snprintf(dir, sizeof(dir), "%s/%s", top, rel);
	if (mkdirs(dir) || cg_move(dir, pid)) {
		report(0, "%s: make %s and move the child there: %s", what, rel, strerror(errno));
		return;
	}
	b->id_size_in = 128;
	task_info(pid);
	if (want)
		ok = b->id_ret == 64 && !strcmp(b->id, want);
	else
		ok = b->id_ret == -ENOENT && !b->id[0];
	report(ok, "kf_task_container_id, %s (%s): %d \"%s\"", what, rel, b->id_ret, b->id);
	if (want) {
		b->id_size_in = 65;
		task_info(pid);
		ok = b->id_ret == 64 && !strcmp(b->id, want);
		b->id_size_in = 10;
		task_info(pid);
		ok = ok && b->id_ret == -E2BIG && !strcmp(b->id, "012345678");
		report(ok, "kf_task_container_id, %s: 64 into 65 bytes, -E2BIG and 9 digits into 10", what);
	}
	cg_move(top, pid);
	rmdirs(top, dir);
}

static void test_containers(void)
{
	static const struct {
		const char *what, *rel;
		int has;
	} v2[] = {
		{ "docker, cgroupfs", "docker/" ID, 1 },
		{ "docker, systemd", "system.slice/docker-" ID ".scope", 1 },
		{ "docker, a cgroup below the container's", "system.slice/docker-" ID ".scope/init.scope", 1 },
		{ "containerd (CRI), cgroupfs", "kubepods/besteffort/pod0b5fd3c1-1b2a-4d0e-9c53-1f8f3f1c9a10/" ID, 1 },
		{ "containerd (CRI), systemd",
		  "kubepods.slice/kubepods-besteffort.slice/kubepods-besteffort-pod0b5fd3c1_1b2a.slice/cri-containerd-" ID ".scope", 1 },
		{ "CRI-O, systemd", "kubepods.slice/kubepods-burstable.slice/crio-" ID ".scope", 1 },
		{ "CRI-O, cgroupfs", "kubepods/burstable/pod1234/crio-" ID, 1 },
		{ "podman, systemd", "machine.slice/libpod-" ID ".scope", 1 },
		{ "podman, systemd, rootless",
		  "user.slice/user-1000.slice/user@1000.service/user.slice/libpod-" ID ".scope/container", 1 },
		{ "podman, cgroupfs", "libpod_parent/libpod-" ID, 1 },
		{ "podman's conmon (no container)", "machine.slice/libpod-conmon-" ID ".scope", 0 },
		{ "a service (no container)", "system.slice/ssh.service", 0 },
	};
	static const char *const controllers[] = { "pids", "freezer", "cpuset", "devices", "memory", "cpu" };
	const char *const argv[] = { "proc_test", "child", "plain", NULL };
	const char *const envp[] = { NULL };
	const char *v1 = NULL;
	struct child c;
	unsigned int i;

	if (spawn(&c, argv, envp)) {
		report(0, "start the cgroup child: %s", strerror(errno));
		return;
	}
	mkdir(CG, 0755);
	if (mount("cgroup2", CG, "cgroup2", 0, NULL)) {
		report(0, "mount cgroup2 on %s: %s", CG, strerror(errno));
	} else {
		container(CG, "cgroup v2 root (no container)", "", NULL, c.pid);
		for (i = 0; i < sizeof(v2) / sizeof(v2[0]); i++)
			container(CG, v2[i].what, v2[i].rel, v2[i].has ? ID : NULL, c.pid);
		umount2(CG, MNT_DETACH);
	}
	/* cgroup v1: a controller the v2 hierarchy does not use. */
	mkdir(CG "1", 0755);
	for (i = 0; !v1 && i < sizeof(controllers) / sizeof(controllers[0]); i++)
		if (!mount("cgroup", CG "1", "cgroup", 0, controllers[i]))
			v1 = controllers[i];
	if (v1) {
		container(CG "1", "cgroup v1, docker, cgroupfs", "docker/" ID, ID, c.pid);
		container(CG "1", "cgroup v1, docker, systemd", "system.slice/docker-" ID ".scope", ID,
			  c.pid);
		container(CG "1", "cgroup v1, no container", "user.slice", NULL, c.pid);
		umount2(CG "1", MNT_DETACH);
		printf("ok - kf_task_container_id on cgroup v1: the %s controller's hierarchy\n", v1);
	} else {
		printf("ok - kf_task_container_id on cgroup v1 # SKIP no controller could be mounted on v1 here\n");
	}
	reap(&c);
}

int main(int argc, char **argv)
{
	if (argc > 2 && !strcmp(argv[1], "child"))
		return child_main(argc, argv);
	memset(long_arg, 'a', LONG);
	snprintf(long_env, sizeof(long_env), "LONG=");
	memset(long_env + 5, 'v', LONG);
	snprintf(pad_env, sizeof(pad_env), "PAD=");
	memset(pad_env + 4, 'p', sizeof(pad_env) - 5);

	skel = proc_test_bpf__open_and_load();
	report(skel != NULL, "load the process test programs (sleepable syscall; fentry on security_task_setrlimit)");
	if (!skel)
		return 1;
	if (proc_test_bpf__attach(skel)) {
		report(0, "attach the fentry program: %s", strerror(errno));
		return 1;
	}
	test_cmdline_environ();
	test_title();
	test_dontneed();
	test_containers();
	/* kthreadd: a kernel thread has no user memory and no container. */
	set_name("PATH", 5);
	skel->bss->size_in = BUF;
	skel->bss->id_size_in = 128;
	task_info(2);
	report(skel->bss->cmd_ret == -ENOENT && skel->bss->env_ret == -ENOENT &&
	       skel->bss->id_ret == -ENOENT,
	       "a kernel thread (kthreadd): kf_task_cmdline %d, kf_task_getenv %d, kf_task_container_id %d (-ENOENT each)",
	       skel->bss->cmd_ret, skel->bss->env_ret, skel->bss->id_ret);
	proc_test_bpf__destroy(skel);
	return failed;
}
