// SPDX-License-Identifier: GPL-2.0
/*
 * file_test: the path kfuncs (kfuncs/file.h, and the cwd, root and fd
 * kfuncs of kfuncs/task.h) from real BPF programs, inside the test VM,
 * against what /proc says: readlink of /proc/PID/{cwd,root,fd/N}. On a
 * tmpfs of its own: nested directories, a bind mount, a chroot, a mount
 * namespace after pivot_root, a deleted file, pipes, sockets and anonymous
 * inodes, names with a newline and a byte that is not UTF-8, paths of
 * 255, 256, 4095, 4096 and 5000 bytes, buffers too small, a task that
 * exited. Then programs attached inside a rename and a
 * task_lock(), and a rename and mount storm while paths are resolved.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/eventfd.h>
#include <sys/mount.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <linux/bpf.h>
#include <bpf/bpf.h>
#include <bpf/libbpf.h>

#include "file_test.skel.h"
#include "report.h"

#define TOP "/tmp/kft"
#define BUF 8192

static struct file_test_bpf *skel;
static int kprobe;	/* the kprobe program is loaded: 6.10+ */

/* Run the syscall program for @pid, @fd, output size @size. */
static void paths(int pid, int fd, unsigned int size)
{
	struct file_test_bpf__bss *b = skel->bss;
	LIBBPF_OPTS(bpf_test_run_opts, opts);

	b->pid_in = pid;
	b->fd_in = fd;
	b->size_in = size;
	b->found = 0;
	b->cwd_ret = b->root_ret = b->fd_ret = 12345;
	if (bpf_prog_test_run_opts(bpf_program__fd(skel->progs.paths), &opts))
		report(0, "BPF_PROG_TEST_RUN of paths: %s", strerror(errno));
}

/* readlink(@link) as a string ("" when it fails). */
static const char *link_of(const char *link)
{
	static char out[BUF];
	ssize_t n = readlink(link, out, sizeof(out) - 1);

	out[n > 0 ? n : 0] = 0;
	return out;
}

static const char *fd_link(int pid, int fd)
{
	char l[64];

	snprintf(l, sizeof(l), "/proc/%d/fd/%d", pid, fd);
	return link_of(l);
}

/* A string with its unprintable bytes escaped, for the report. */
static const char *shown(const char *s)
{
	static char out[4][160];
	static int k;
	char *o = out[k++ % 4];
	size_t n = 0, len = strlen(s);

	if (len > 60) {
		n = snprintf(o, 160, "[%zu bytes, ending] ", len);
		s += len - 40;
	}
	for (; *s && n < 150; s++)
		n += snprintf(o + n, 160 - n, (unsigned char)*s < 32 || (unsigned char)*s > 126 ?
			      "\\x%02x" : "%c", (unsigned char)*s);
	return o;
}

/* One kfunc result against the path wanted: its length, and the text. */
static void check_path(const char *what, int ret, const char *got, const char *want)
{
	report(ret == (int)strlen(want) && !strcmp(got, want), "%s = %d \"%s\" (want %zu \"%s\")",
	       what, ret, shown(got), strlen(want), shown(want));
}

/* Open @path (with the fentry program armed); the fd, or -1. */
static int open_traced(const char *path)
{
	int fd;

	skel->bss->opens = 0;
	skel->bss->size_in = BUF;
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0 || skel->bss->opens != 1)
		report(0, "open %s: fd %d, %u traced opens", shown(path), fd, skel->bss->opens);
	return fd;
}

static void mkfile(const char *path)
{
	int fd = open(path, O_CREAT | O_WRONLY | O_CLOEXEC, 0644);

	if (fd < 0)
		report(0, "create %s: %s", shown(path), strerror(errno));
	close(fd);
}

/* Files opened by path: kf_file_path, kf_path_d_path, kf_dentry_path. */
static void test_open(const char *path, const char *want, const char *want_dentry)
{
	struct file_test_bpf__bss *b = skel->bss;
	char what[96];
	int fd = open_traced(path);

	if (fd < 0)
		return;
	snprintf(what, sizeof(what), "fentry security_file_open: kf_file_path");
	check_path(what, b->file_ret, b->file_buf, want);
	check_path("  and kf_path_d_path(&file->f_path)", b->path_ret, b->path_buf, want);
	check_path("  and kf_dentry_path(file->f_path.dentry)", b->dentry_ret, b->dentry_buf,
		   want_dentry);
	if (kprobe)
		check_path("  kprobe security_file_open: kf_file_path(PT_REGS_PARM1(ctx))",
			   b->kprobe_ret, b->kprobe_buf, want);
	paths(getpid(), fd, BUF);
	report(b->fd_ret == (int)strlen(want) && !strcmp(b->fdp, want) &&
	       (strlen(want) >= 4096 || !strcmp(fd_link(getpid(), fd), want)),
	       "  kf_task_fd_path(self, %d) = %d, the same as readlink /proc/self/fd/%d", fd,
	       b->fd_ret, fd);
	close(fd);
}

/*
 * A directory chain below TOP/long whose file's path is exactly @len bytes
 * (names of up to 255 bytes, NAME_MAX); made and opened through relative
 * paths, since open(2) refuses paths of PATH_MAX bytes and more.
 */
static void test_long(unsigned int len)
{
	struct file_test_bpf__bss *b = skel->bss;
	char want[BUF], name[256], here[BUF];
	unsigned int n, left;
	int fd;

	if (chdir(TOP) || (mkdir("long", 0755) && errno != EEXIST) || chdir("long")) {
		report(0, "long paths: chdir %s/long: %s", TOP, strerror(errno));
		return;
	}
	strcpy(want, TOP "/long");
	/* Directories of 200 bytes while more than "/" + 255 are left. */
	while ((left = len - strlen(want)) > 1 + 255) {
		n = 200;
		memset(name, 'd', n);
		name[n] = 0;
		if ((mkdir(name, 0755) && errno != EEXIST) || chdir(name)) {
			report(0, "long paths: mkdir: %s", strerror(errno));
			return;
		}
		strcat(want, "/");
		strcat(want, name);
	}
	n = len - strlen(want) - 1;
	memset(name, 'f', n);
	name[n] = 0;
	mkfile(name);
	strcat(want, "/");
	strcat(want, name);
	snprintf(here, sizeof(here), "a path of %u bytes (%zu)", len, strlen(want));
	fd = open_traced(name);
	if (fd >= 0) {
		check_path(here, b->file_ret, b->file_buf, want);
		paths(getpid(), fd, BUF);
		check_path("  kf_task_fd_path", b->fd_ret, b->fdp, want);
		check_path("  kf_task_cwd_path", b->cwd_ret, b->cwd,
			   strndup(want, strrchr(want, '/') - want));
		if (len < 4096)
			report(!strcmp(fd_link(getpid(), fd), want),
			       "  readlink /proc/self/fd/%d agrees", fd);
		/* Too small: -E2BIG, and the path's tail. */
		paths(getpid(), fd, 33);
		report(b->fd_ret == -E2BIG && !strcmp(b->fdp, want + strlen(want) - 32),
		       "  kf_task_fd_path with 33 bytes: -E2BIG (%d) and the last 32 bytes \"%s\"",
		       b->fd_ret, shown(b->fdp));
		close(fd);
	}
	if (chdir("/"))
		report(0, "chdir /");
}

/* Pseudo files, a deleted file, small sizes: kf_task_fd_path on this task. */
static void test_fds(void)
{
	struct file_test_bpf__bss *b = skel->bss;
	int p[2], s[2], e, fd, i;
	const char *want;
	char path[64];

	if (pipe(p) || socketpair(AF_UNIX, SOCK_STREAM, 0, s)) {
		report(0, "pipe, socketpair: %s", strerror(errno));
		return;
	}
	e = eventfd(0, 0);
	int fds[] = { p[0], s[0], e };
	static const char * const kinds[] = { "a pipe", "a socket", "an eventfd" };

	for (i = 0; i < 3; i++) {
		want = fd_link(getpid(), fds[i]);
		paths(getpid(), fds[i], BUF);
		snprintf(path, sizeof(path), "kf_task_fd_path of %s", kinds[i]);
		check_path(path, b->fd_ret, b->fdp, want);
	}
	/* "pipe:[123]" with 4 bytes: the tail. */
	want = fd_link(getpid(), p[0]);
	paths(getpid(), p[0], 4);
	report(b->fd_ret == -E2BIG && !strcmp(b->fdp, want + strlen(want) - 3),
	       "kf_task_fd_path of a pipe with 4 bytes: -E2BIG (%d), \"%s\"", b->fd_ret, b->fdp);
	paths(getpid(), p[0], 0);
	report(b->fd_ret == -E2BIG, "kf_task_fd_path with 0 bytes: -E2BIG (%d)", b->fd_ret);
	close(p[0]);
	close(p[1]);
	close(s[0]);
	close(s[1]);
	close(e);

	mkfile(TOP "/doomed");
	fd = open(TOP "/doomed", O_RDONLY | O_CLOEXEC);
	unlink(TOP "/doomed");
	paths(getpid(), fd, BUF);
	check_path("kf_task_fd_path of an unlinked file", b->fd_ret, b->fdp,
		   TOP "/doomed (deleted)");
	report(!strcmp(fd_link(getpid(), fd), TOP "/doomed (deleted)"),
	       "  readlink agrees: \"%s\"", fd_link(getpid(), fd));
	close(fd);
	paths(getpid(), fd, BUF);
	report(b->fd_ret == -ENOENT, "kf_task_fd_path of a closed fd: -ENOENT (%d)", b->fd_ret);
	paths(getpid(), 1 << 30, BUF);
	report(b->fd_ret == -ENOENT, "kf_task_fd_path of fd 2^30: -ENOENT (%d)", b->fd_ret);
}

/* The cwd and root of this task, and of a chrooted child, and a zombie. */
static void test_cwd_root(void)
{
	struct file_test_bpf__bss *b = skel->bss;
	char l[64], want_cwd[BUF], want_root[BUF];
	int go[2], st = 0, fd;
	pid_t child;

	if (chdir(TOP "/a/b")) {
		report(0, "chdir: %s", strerror(errno));
		return;
	}
	paths(getpid(), 0, BUF);
	check_path("kf_task_cwd_path(self)", b->cwd_ret, b->cwd, TOP "/a/b");
	check_path("kf_task_root_path(self)", b->root_ret, b->root, "/");
	if (chdir("/"))
		return;

	/* A chrooted child, seen from here (its task_lock() tried) and from itself. */
	/* A socket pair: with one pipe both ways the child could read its own byte. */
	if (socketpair(AF_UNIX, SOCK_STREAM, 0, go))
		return;
	child = fork();
	if (child == 0) {
		char c;
		int ok;

		if (chroot(TOP "/a") || chdir("/b"))
			_exit(2);
		fd = open("/b/c/file", O_RDONLY);
		paths(getpid(), fd, BUF);
		ok = b->cwd_ret == 2 && !strcmp(b->cwd, "/b") && b->root_ret == 1 &&
		     !strcmp(b->root, "/") && b->fd_ret == 9 && !strcmp(b->fdp, "/b/c/file");
		if (!ok)
			fprintf(stderr, "in the chroot: cwd %d %s, root %d %s, fd %d %s\n",
				b->cwd_ret, b->cwd, b->root_ret, b->root, b->fd_ret, b->fdp);
		if (dup2(fd, 7) < 0)
			_exit(2);
		if (write(go[1], &ok, 1) != 1)
			_exit(2);
		read(go[1], &c, 1);
		_exit(0);
	}
	if (read(go[0], &st, 1) != 1)
		st = 0;
	report(st & 1, "in a chroot (%s/a), a task's own cwd \"/b\", root \"/\", fd \"/b/c/file\"", TOP);
	snprintf(l, sizeof(l), "/proc/%d/cwd", child);
	snprintf(want_cwd, sizeof(want_cwd), "%s", link_of(l));
	snprintf(l, sizeof(l), "/proc/%d/root", child);
	snprintf(want_root, sizeof(want_root), "%s", link_of(l));
	paths(child, 7, BUF);
	check_path("another task in a chroot: kf_task_cwd_path", b->cwd_ret, b->cwd, want_cwd);
	check_path("  kf_task_root_path", b->root_ret, b->root, want_root);
	check_path("  kf_task_fd_path", b->fd_ret, b->fdp, fd_link(child, 7));
	report(!strcmp(want_root, TOP "/a"), "  readlink /proc/PID/root is %s/a", TOP);
	if (write(go[0], "x", 1) != 1)
		report(0, "release the child");
	waitpid(child, &st, 0);
	close(go[0]);
	close(go[1]);

	/* A zombie: no fs, no files. */
	child = fork();
	if (child == 0)
		_exit(0);
	{
		siginfo_t si;

		waitid(P_PID, child, &si, WEXITED | WNOWAIT);
	}
	paths(child, 0, BUF);
	report(b->found && b->cwd_ret == -ENOENT && b->root_ret == -ENOENT && b->fd_ret == -ENOENT,
	       "a task that exited (a zombie): cwd, root, fd all -ENOENT (%d, %d, %d)",
	       b->cwd_ret, b->root_ret, b->fd_ret);
	waitpid(child, &st, 0);
}

/*
 * A child in a mount namespace of its own whose root is a tmpfs it
 * pivot_root()ed into, as a container's is. Its paths, seen by itself and
 * from here, against readlink.
 */
static void test_pivot_root(void)
{
	struct file_test_bpf__bss *b = skel->bss;
	int go[2], st = 0;
	char l[64], want[BUF];
	pid_t child;

	if (socketpair(AF_UNIX, SOCK_STREAM, 0, go))
		return;
	child = fork();
	if (child == 0) {
		char c, ok;
		int fd;

		if (unshare(CLONE_NEWNS) || mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL) ||
		    mkdir(TOP "/ctr", 0755) || mount("tmpfs", TOP "/ctr", "tmpfs", 0, NULL) ||
		    mkdir(TOP "/ctr/old", 0755) || mkdir(TOP "/ctr/etc", 0755) ||
		    syscall(SYS_pivot_root, TOP "/ctr", TOP "/ctr/old") || chdir("/etc") ||
		    umount2("/old", MNT_DETACH)) {
			fprintf(stderr, "pivot_root: %s\n", strerror(errno));
			_exit(2);
		}
		mkfile("/etc/hostname");
		fd = open("/etc/hostname", O_RDONLY);
		paths(getpid(), fd, BUF);
		ok = b->fd_ret == 13 && !strcmp(b->fdp, "/etc/hostname") && b->cwd_ret == 4 &&
		     !strcmp(b->cwd, "/etc") && b->root_ret == 1 && !strcmp(b->root, "/");
		/* No /proc in the new root: the parent compares with readlink. */
		if (!ok)
			fprintf(stderr, "after pivot_root: cwd %d %s, root %d %s, fd %d %s\n",
				b->cwd_ret, b->cwd, b->root_ret, b->root, b->fd_ret, b->fdp);
		if (dup2(fd, 7) < 0 || write(go[1], &ok, 1) != 1)
			_exit(2);
		read(go[1], &c, 1);
		_exit(0);
	}
	if (read(go[0], &st, 1) != 1)
		st = 0;
	report(st & 1, "after unshare(CLONE_NEWNS) and pivot_root into a tmpfs: the task's own fd \"/etc/hostname\", cwd \"/etc\", root \"/\"");
	paths(child, 7, BUF);
	snprintf(want, sizeof(want), "%s", fd_link(child, 7));
	check_path("  seen from the initial namespace: kf_task_fd_path, as readlink", b->fd_ret,
		   b->fdp, want);
	snprintf(l, sizeof(l), "/proc/%d/root", child);
	check_path("  kf_task_root_path, as readlink", b->root_ret, b->root, link_of(l));
	if (write(go[0], "x", 1) != 1)
		report(0, "release the child");
	waitpid(child, &st, 0);
	close(go[0]);
	close(go[1]);
}

/* Programs attached where the kernel holds the locks a walk could wait for. */
static void test_locks(void)
{
	struct file_test_bpf__bss *b = skel->bss;
	struct rlimit rl;
	int go[2], i;
	pid_t child;
	char c;

	mkfile(TOP "/r0");
	b->dmove_btf = 1;
	for (i = 0; i < 10; i++) {
		char from[64], to[64];

		snprintf(from, sizeof(from), TOP "/r%d", i);
		snprintf(to, sizeof(to), TOP "/r%d", i + 1);
		if (rename(from, to))
			report(0, "rename: %s", strerror(errno));
	}
	b->dmove_btf = 0;
	report(b->dmove_calls >= 10 && b->dmove_eagain == b->dmove_calls,
	       "fentry __d_move (rename_lock held): kf_dentry_path gives -EAGAIN every time, never waits (%u calls, %u -EAGAIN, other result %d)",
	       b->dmove_calls, b->dmove_eagain, b->dmove_other);
	report(b->dmove_btf_ret > 64,
	       "fentry __d_move (rename_lock held): kf_btf_snprintf prints the dentry with hops through its pointers (%d bytes)",
	       b->dmove_btf_ret);

	if (chdir(TOP "/a"))
		report(0, "chdir %s/a: %s", TOP, strerror(errno));

	/* setrlimit on this process: its own lock, read without it. */
	getrlimit(RLIMIT_NOFILE, &rl);
	setrlimit(RLIMIT_NOFILE, &rl);
	check_path("fentry security_task_setrlimit (task_lock held) on the current task: kf_task_cwd_path",
		   b->rlimit_cwd_ret, b->rlimit_buf, TOP "/a");
	if (chdir("/") || pipe(go))
		return;
	child = fork();
	if (child == 0) {
		read(go[0], &c, 1);
		_exit(0);
	}
	b->rlimit_calls = 0;
	if (prlimit(child, RLIMIT_NOFILE, &rl, NULL))
		report(0, "prlimit: %s", strerror(errno));
	report(b->rlimit_calls == 1 && b->rlimit_cwd_ret == -EBUSY && b->rlimit_fd_ret == -EBUSY,
	       "  on another task, whose task_lock is held: kf_task_cwd_path and kf_task_fd_path give -EBUSY (%d, %d), never wait",
	       b->rlimit_cwd_ret, b->rlimit_fd_ret);
	report(b->rlimit_btf_ret > 64 && !strncmp(b->rlimit_btf_buf, "(struct task_struct){", 21),
	       "  and kf_btf_snprintf prints that task with its containers, its task_lock held (%d bytes)",
	       b->rlimit_btf_ret);
	if (write(go[1], "x", 1) != 1)
		report(0, "release the child");
	waitpid(child, NULL, 0);
	close(go[0]);
	close(go[1]);
}

static volatile int storm_stop;

/* Rename TOP/s/x <-> TOP/s/y, and mount and unmount beside them. */
static void *renamer(void *arg)
{
	long *n = arg;

	while (!storm_stop) {
		if (!rename(TOP "/s/x", TOP "/s/y"))
			(*n)++;
		if (!rename(TOP "/s/y", TOP "/s/x"))
			(*n)++;
	}
	return NULL;
}

static void *mounter(void *arg)
{
	long *n = arg;

	while (!storm_stop) {
		if (!mount("tmpfs", TOP "/s/mnt", "tmpfs", 0, NULL) && !umount(TOP "/s/mnt"))
			(*n)++;
	}
	return NULL;
}

/* Every answer during a rename and mount storm: a path the file had, or -EAGAIN. */
static void test_storm(void)
{
	struct file_test_bpf__bss *b = skel->bss;
	long renames = 0, mounts = 0, x = 0, y = 0, again = 0, wrong = 0, calls = 0;
	pthread_t t1, t2;
	time_t end;
	int fd;

	if (mkdir(TOP "/s", 0755) || mkdir(TOP "/s/x", 0755) || mkdir(TOP "/s/mnt", 0755))
		report(0, "storm: mkdir: %s", strerror(errno));
	mkfile(TOP "/s/x/f");
	fd = open(TOP "/s/x/f", O_RDONLY | O_CLOEXEC);
	pthread_create(&t1, NULL, renamer, &renames);
	pthread_create(&t2, NULL, mounter, &mounts);
	end = time(NULL) + 4;
	while (time(NULL) < end) {
		paths(getpid(), fd, BUF);
		calls++;
		if (b->fd_ret == -EAGAIN)
			again++;
		else if (b->fd_ret == strlen(TOP "/s/x/f") && !strcmp(b->fdp, TOP "/s/x/f"))
			x++;
		else if (b->fd_ret == strlen(TOP "/s/y/f") && !strcmp(b->fdp, TOP "/s/y/f"))
			y++;
		else if (wrong++ < 3)
			fprintf(stderr, "storm: %d \"%s\"\n", b->fd_ret, shown(b->fdp));
	}
	storm_stop = 1;
	pthread_join(t1, NULL);
	pthread_join(t2, NULL);
	close(fd);
	report(!wrong && x && y && renames > 100 && mounts > 10,
	       "rename and mount storm: %ld kf_task_fd_path calls: %ld \"/s/x/f\", %ld \"/s/y/f\", %ld -EAGAIN, %ld wrong; %ld renames, %ld mounts meanwhile",
	       calls, x, y, again, wrong, renames, mounts);
}

int main(void)
{
	int major = 0, minor = 0;
	struct utsname u;
	char name[64];

	/* kprobe programs may call kfuncs from 6.10 on. */
	kprobe = uname(&u) == 0 && sscanf(u.release, "%d.%d", &major, &minor) == 2 &&
		 (major > 6 || (major == 6 && minor >= 10));
	skel = file_test_bpf__open();
	if (skel && !kprobe)
		bpf_program__set_autoload(skel->progs.on_open_kprobe, false);
	if (skel && file_test_bpf__load(skel)) {
		file_test_bpf__destroy(skel);
		skel = NULL;
	}
	report(skel != NULL, "load the file test programs (syscall; fentry on security_file_open, __d_move, security_task_setrlimit%s)",
	       kprobe ? "; kprobe on security_file_open" : "");
	if (!skel)
		return 1;
	skel->bss->tgid_in = getpid();
	if (file_test_bpf__attach(skel)) {
		report(0, "attach the fentry programs: %s", strerror(errno));
		return 1;
	}
	if ((mkdir(TOP, 0755) && errno != EEXIST) || mount("tmpfs", TOP, "tmpfs", 0, NULL) ||
	    mkdir(TOP "/a", 0755) || mkdir(TOP "/a/b", 0755) || mkdir(TOP "/a/b/c", 0755) ||
	    mkdir(TOP "/bind", 0755) || mount(TOP "/a/b", TOP "/bind", NULL, MS_BIND, NULL)) {
		report(0, "set up %s: %s", TOP, strerror(errno));
		return 1;
	}
	mkfile(TOP "/a/b/c/file");
	test_open(TOP "/a/b/c/file", TOP "/a/b/c/file", "/a/b/c/file");
	test_open(TOP "/bind/c/file", TOP "/bind/c/file", "/a/b/c/file");
	test_open(TOP, TOP, "/");
	snprintf(name, sizeof(name), TOP "/new\nline\xff\xfe");
	mkfile(name);
	test_open(name, name, name + strlen(TOP));
	test_long(255);
	test_long(256);
	test_long(4095);
	test_long(4096);
	test_long(5000);
	test_fds();
	test_cwd_root();
	test_pivot_root();
	test_locks();
	test_storm();

	file_test_bpf__destroy(skel);
	umount2(TOP "/bind", MNT_DETACH);
	umount2(TOP, MNT_DETACH);
	return failed;
}
