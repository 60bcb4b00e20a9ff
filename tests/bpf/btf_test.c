// SPDX-License-Identifier: GPL-2.0
/*
 * btf_test: kf_btf_snprintf against the kernel's own bpf_snprintf_btf,
 * inside the test VM. Live objects (this task's task_struct, a file and
 * its inode, an sk_buff and the device it came in on) are copied into
 * snapshots by fentry programs, then printed by both from the same bytes,
 * with several flag sets: the texts and the lengths must be the same, byte
 * for byte. Then bad pointers, type ids, flags and sizes: the same errors
 * as the helper's where it has them.
 *
 * Then hops (kfuncs/btf.h), on live objects: this task after a program
 * stored a value in its task local storage, which prints by name through
 * the map's BTF (the design's demo); the same task with three children;
 * an epoll instance's rb-tree and ready list; a pointer followed.
 *
 * btf_test lockdown: on a kernel locked down for confidentiality, a
 * program calling kf_btf_snprintf (alone: lockdown refuses the others at
 * load) gets -EPERM.
 *
 * btf_test perfmon: who may load a program calling kf_btf_snprintf. From
 * 6.5 a loader without CAP_PERFMON and CAP_SYS_ADMIN (CAP_BPF kept) is
 * refused by the verifier; one with CAP_PERFMON alone loads. 6.1 cannot
 * refuse (no kfunc filter): there both load, as kfuncs/btf.h says.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <signal.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <linux/bpf.h>
#include <linux/btf.h>
#include <linux/capability.h>
#include <bpf/bpf.h>
#include <bpf/btf.h>
#include <bpf/libbpf.h>

#include <kfunc/btf.h>

#include "btf_test.h"
#include "btf_test.skel.h"
#include "report.h"
#include "testutil.h"

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

static struct btf_test_bpf *skel;
static struct btf *vmlinux;

struct obj {
	const char *name;
	__u32 id, size;
};

static int lookup(struct obj *o, const char *name)
{
	int id = btf__find_by_name_kind(vmlinux, name, BTF_KIND_STRUCT);

	o->name = name;
	o->id = id > 0 ? id : 0;
	o->size = id > 0 ? btf__resolve_size(vmlinux, id) : 0;
	/* A snapshot holds SNAP bytes: a bigger object would not be copied. */
	return id > 0 && o->size > 0 && o->size <= SNAP ? 0 : -1;
}

static int print(void)
{
	LIBBPF_OPTS(bpf_test_run_opts, opts);
	int err = bpf_prog_test_run_opts(bpf_program__fd(skel->progs.print), &opts);

	return err ? err : (int)opts.retval;
}

static struct out *result(void)
{
	static struct out o;
	__u32 k = 0;

	if (bpf_map__lookup_elem(skel->maps.outs, &k, sizeof(k), &o, sizeof(o), 0))
		return NULL;
	return &o;
}

static const char *flag_names(__u64 f)
{
	static char s[64];

	snprintf(s, sizeof(s), "%s%s%s%s%s", f ? "" : "none",
		 f & BTF_F_COMPACT ? " compact" : "", f & BTF_F_NONAME ? " noname" : "",
		 f & BTF_F_PTR_RAW ? " ptr_raw" : "", f & BTF_F_ZERO ? " zero" : "");
	return s[0] == ' ' ? s + 1 : s;
}

/* Print snapshot @idx as @o with @flags through both; compare. */
static void compare(const struct obj *o, __u32 idx, __u64 flags)
{
	struct out *r;
	size_t n, i;

	skel->bss->idx = idx;
	skel->bss->type_id = o->id;
	skel->bss->flags = flags;
	skel->bss->bad_ptr = 0;
	r = print() ? NULL : result();
	if (!r) {
		report(0, "btf: %s, flags %s: the print program ran", o->name, flag_names(flags));
		return;
	}
	n = r->kret > 0 ? (size_t)r->kret : 0;
	if (n > sizeof(r->kern) - 1)
		n = sizeof(r->kern) - 1;
	if (r->kret > 0 && r->kret == r->oret && !memcmp(r->kern, r->ours, n + 1)) {
		report(1, "btf: %s (%u bytes), flags %s: kf_btf_snprintf's text is bpf_snprintf_btf's, byte for byte (%ld bytes%s)",
		       o->name, o->size, flag_names(flags), r->kret,
		       r->kret > (long)n ? ", compared up to the buffer's end" : "");
		return;
	}
	for (i = 0; i < n && r->kern[i] == r->ours[i]; i++)
		;
	report(0, "btf: %s, flags %s: bpf_snprintf_btf returned %ld, kf_btf_snprintf %ld; first difference at byte %zu",
	       o->name, flag_names(flags), r->kret, r->oret, i);
	printf("    kernel: %.160s\n    kfunc:  %.160s\n", r->kern + (i > 60 ? i - 60 : 0),
	       r->ours + (i > 60 ? i - 60 : 0));
}

static int arm(int what, const struct obj *a, const struct obj *b);

/* kf_btf_snprintf with hops, of this task (@addr 0) or the object at @addr */
static const char *follow(const char *what, __u64 addr, __u32 id, __u64 flags)
{
	LIBBPF_OPTS(bpf_test_run_opts, opts);
	struct out *r;
	int err;

	skel->bss->follow_pid = getpid();
	skel->bss->follow_addr = addr;
	skel->bss->follow_type = id;
	skel->bss->follow_flags = flags;
	err = bpf_prog_test_run_opts(bpf_program__fd(skel->progs.follow), &opts);
	r = err || opts.retval ? NULL : result();
	if (!r || skel->data->follow_ret <= 0 || skel->data->follow_ret >= OUT) {
		report(0, "btf: %s: the program ran (%d, %u) and kf_btf_snprintf returned a length under %d: %ld",
		       what, err, opts.retval, OUT, skel->data->follow_ret);
		return NULL;
	}
	return r->ours;
}

static int count(const char *s, const char *sub)
{
	int n = 0;

	for (; s && (s = strstr(s, sub)); s++)
		n++;
	return n;
}

/* The demo: a value in task local storage, found from the task_struct */
static void follow_storage(const struct obj *task)
{
	const char *t = follow("task local storage", 0, task->id,
			       BTF_F_COMPACT | KF_BTF_F_FOLLOW(2) | KF_BTF_F_CONTAINERS);
	char want[128];

	if (!t)
		return;
	/* magic: 0x6b66756e, "kfun" */
	snprintf(want, sizeof(want), ".data = (struct task_note){.pid = (__u32)%d,.magic = (__u32)%u,",
		 getpid(), 0x6b66756e);
	report(strstr(t, " -> (struct bpf_local_storage){") && strstr(t, ".list -> [(struct bpf_local_storage_elem){") &&
	       strstr(t, want) && strstr(t, ".tag = (char[])['k','f','u','n','c','-','b','t','f','-','d','e','m','o',],.stamp = (__u64)42,},"),
	       "btf: task local storage: this task, printed from its task_struct with KF_BTF_F_FOLLOW(2) | KF_BTF_F_CONTAINERS, shows .bpf_storage -> its list -> the element -> the stored struct task_note, field by field (%zu bytes)",
	       strlen(t));
	t = strstr(t, ".bpf_storage = ");
	t = t ? strstr(t, ".data = ") : NULL;
	printf("    %.200s\n", t ? t : "(no .data)");
}

/* Three children on this task's children list, each once */
static void follow_children(const struct obj *task)
{
	pid_t kids[3];
	char want[64];
	const char *t;
	int i, found = 0;

	for (i = 0; i < 3; i++) {
		kids[i] = fork();
		if (kids[i] == 0) {
			pause();
			_exit(0);
		}
	}
	t = follow("children", 0, task->id, BTF_F_COMPACT | KF_BTF_F_FOLLOW(1) |
		   KF_BTF_F_CONTAINERS);
	for (i = 0; t && i < 3; i++) {
		snprintf(want, sizeof(want), ".pid = (pid_t)%d,", kids[i]);
		found += count(t, want) == 1;
	}
	report(t && strstr(t, ".children -> [(struct task_struct){") && found == 3 &&
	       count(t, "(struct task_struct){") == 4,
	       "btf: children: this task's .children list shows its 3 children, each once (%d found, %d task_structs printed)",
	       found, count(t, "(struct task_struct){"));
	for (i = 0; i < 3; i++) {
		kill(kids[i], SIGKILL);
		waitpid(kids[i], NULL, 0);
	}
}

/* An epoll instance: three pipes in its rb-tree, one ready */
static void follow_epoll(void)
{
	int ep = epoll_create1(0), p[3][2], i, found = 0;
	struct epoll_event ev = { .events = EPOLLIN };
	char want[64];
	const char *t;
	struct obj e;

	if (ep < 0 || lookup(&e, "eventpoll")) {
		report(0, "btf: epoll: an epoll instance, and struct eventpoll in vmlinux BTF");
		return;
	}
	for (i = 0; i < 3; i++) {
		if (pipe(p[i]))
			return;
		ev.data.fd = p[i][0];
		epoll_ctl(ep, EPOLL_CTL_ADD, p[i][0], &ev);
	}
	if (write(p[1][1], "x", 1) != 1)
		return;
	skel->bss->loader_ep = ep;
	if (arm(4, &e, NULL)) {
		report(0, "btf: epoll: captured the eventpoll in vfs_read");
		return;
	}
	t = follow("epoll", skel->bss->follow_addr, e.id, BTF_F_COMPACT | KF_BTF_F_FOLLOW(1) |
		   KF_BTF_F_CONTAINERS);
	for (i = 0; t && i < 3; i++) {
		snprintf(want, sizeof(want), ".fd = (int)%d,", p[i][0]);
		found += count(t, want) == 1;
	}
	snprintf(want, sizeof(want), ".rdllist -> [(struct epitem){");
	report(t && found == 3 && count(t, "(struct epitem){") == 3 && strstr(t, want) &&
	       strstr(t, ".rbr -> [") && count(t, ".rdllist -> [(struct epitem){") == 1,
	       "btf: epoll: the eventpoll's rb-tree (.rbr) shows its 3 files, each once, and the ready list (.rdllist) the ready one (%d found)",
	       found);
	if (t) {
		snprintf(want, sizeof(want), ".fd = (int)%d,", p[1][0]);
		t = strstr(t, ".rdllist -> [");
		report(t && strstr(t, want) && strstr(t, want) < strstr(t, "],"),
		       "btf: epoll: the ready list holds the pipe written to (fd %d)", p[1][0]);
	}
	t = follow("epoll, pointers", skel->bss->follow_addr, e.id,
		   BTF_F_COMPACT | KF_BTF_F_FOLLOW(1) | KF_BTF_F_PTRS);
	report(t && strstr(t, " -> (struct file){") && !strstr(t, " -> ["),
	       "btf: epoll, KF_BTF_F_PTRS: the eventpoll's file pointer is followed, its containers are not");
	for (i = 0; i < 3; i++) {
		close(p[i][0]);
		close(p[i][1]);
	}
	close(ep);
}

static int arm(int what, const struct obj *a, const struct obj *b)
{
	int i;

	skel->bss->size[0] = a->size;
	skel->bss->size[1] = b ? b->size : 0;
	skel->bss->captured = 0;
	skel->bss->armed = what;
	for (i = 0; i < 100 && skel->bss->captured != (__u32)what; i++) {
		if (what == 1) {
			getpgid(0);
		} else if (what == 4) {
			char c;

			if (read(skel->bss->loader_ep, &c, 1) < 0)
				c = 0;
		} else if (what == 2) {
			char c;
			int fd = open("/proc/self/stat", O_RDONLY);

			if (fd >= 0) {
				if (read(fd, &c, 1) < 0)
					c = 0;
				close(fd);
			}
		} else {
			struct sockaddr_in to = { .sin_family = AF_INET, .sin_port = htons(9) };
			int s = socket(AF_INET, SOCK_DGRAM, 0);

			to.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
			if (s >= 0) {
				sendto(s, "kfunc", 5, 0, (struct sockaddr *)&to, sizeof(to));
				close(s);
			}
			usleep(10000);
		}
	}
	return skel->bss->captured == (__u32)what ? 0 : -1;
}

static const __u64 flag_sets[] = {
	0,
	BTF_F_COMPACT,
	BTF_F_COMPACT | BTF_F_PTR_RAW | BTF_F_ZERO,
	BTF_F_NONAME | BTF_F_ZERO,
};

static void compare_all(const struct obj *o, __u32 idx)
{
	size_t i;

	for (i = 0; i < sizeof(flag_sets) / sizeof(flag_sets[0]); i++)
		compare(o, idx, flag_sets[i]);
}

/* An error case: kf_btf_snprintf's return, and the helper's where @kwant is not 0. */
static void errcase(const char *what, __u64 bad_ptr, __u32 id, __u64 flags, __u32 psize,
		    long kwant, long want)
{
	struct out *r;

	skel->bss->idx = 0;
	skel->bss->type_id = id;
	skel->bss->flags = flags;
	skel->bss->bad_ptr = bad_ptr;
	skel->data->ptr_size = psize;
	r = print() ? NULL : result();
	if (!r) {
		report(0, "btf: %s: the print program ran", what);
		return;
	}
	report(r->oret == want && (!kwant || r->kret == kwant),
	       "btf: %s: kf_btf_snprintf returns %ld (want %ld), bpf_snprintf_btf %ld%s",
	       what, r->oret, want, r->kret, kwant ? "" : " (not compared)");
	skel->data->ptr_size = sizeof(struct btf_ptr);
	skel->bss->bad_ptr = 0;
}

static int lockdown(void)
{
	struct bpf_program *prog;
	int err;

	skel = btf_test_bpf__open();
	if (!skel)
		return 1;
	bpf_object__for_each_program(prog, skel->obj)
		bpf_program__set_autoload(prog, prog == skel->progs.locked);
	err = btf_test_bpf__load(skel);
	if (!err) {
		LIBBPF_OPTS(bpf_test_run_opts, opts);

		err = bpf_prog_test_run_opts(bpf_program__fd(skel->progs.locked), &opts);
	}
	report(!err && skel->data->locked_ret == -EPERM,
	       "btf: locked down for confidentiality, kf_btf_snprintf returns %ld (want -EPERM: %d) (load and run: %d)",
	       skel->data->locked_ret, -EPERM, err);
	btf_test_bpf__destroy(skel);
	return failed;
}

/* Drop capability @cap from this process's effective set. */
static int drop_cap(int cap)
{
	struct __user_cap_header_struct h = { .version = _LINUX_CAPABILITY_VERSION_3 };
	struct __user_cap_data_struct d[2];

	if (syscall(SYS_capget, &h, d))
		return -1;
	d[cap / 32].effective &= ~(1U << (cap % 32));
	return syscall(SYS_capset, &h, d);
}

/* The fd of kfunc.ko's BTF (BPF_BTF_GET_NEXT_ID needs CAP_SYS_ADMIN). */
static int kfunc_btf_fd(void)
{
	__u32 id = 0;

	while (!bpf_btf_get_next_id(id, &id)) {
		struct bpf_btf_info info = {};
		__u32 len = sizeof(info);
		char name[64] = "";
		int fd = bpf_btf_get_fd_by_id(id);

		if (fd < 0)
			continue;
		info.name = (__u64)(unsigned long)name;
		info.name_len = sizeof(name);
		if (!bpf_btf_get_info_by_fd(fd, &info, &len) && !strcmp(name, "kfunc"))
			return fd;
		close(fd);
	}
	return -1;
}

static char perfmon_log[1 << 16];

/* init_task's address, from /proc/kallsyms (root sees addresses). */
static __u64 init_task_addr(void)
{
	FILE *f = fopen("/proc/kallsyms", "r");
	unsigned long long a, found = 0;
	char t, name[256];

	if (!f)
		return 0;
	while (fscanf(f, "%llx %c %255s%*[^\n]", &a, &t, name) == 3)
		if (!strcmp(name, "init_task")) {
			found = a;
			break;
		}
	fclose(f);
	return found;
}

/*
 * In a child: load the program perfmon (alone) as root, to get its final
 * instructions; then, without CAP_SYS_ADMIN and, unless @perfmon, without
 * CAP_PERFMON, load them again and run them on init_task. libbpf cannot be
 * the second loader: finding a module's BTF takes CAP_SYS_ADMIN. This one
 * holds kfunc.ko's BTF fd from before, as a loader handed one would. The
 * second load must succeed, and the call print init_task (@addr, of type
 * @task_id), exactly when @want_load.
 */
static void perfmon_case(int perfmon, int want_load, __u32 task_id, __u64 addr,
			 const char *what)
{
	static const char refused[] = "calling kernel function kf_btf_snprintf is not allowed";
	int status;
	pid_t pid;

	fflush(stdout);
	pid = fork();
	if (pid == 0) {
		/* Syscall programs are sleepable (libbpf sets the flag). */
		LIBBPF_OPTS(bpf_prog_load_opts, lopts, .prog_flags = BPF_F_SLEEPABLE,
			    .log_buf = perfmon_log, .log_size = sizeof(perfmon_log),
			    .log_level = 1);
		LIBBPF_OPTS(bpf_test_run_opts, ropts);
		const struct bpf_insn *insns;
		struct bpf_program *prog;
		int fds[16], btf_fd, fd, lerr, err = 0;
		size_t i, n;

		skel = btf_test_bpf__open();
		if (!skel) {
			report(0, "btf: %s: open the BPF object", what);
			_exit(1);
		}
		bpf_object__for_each_program(prog, skel->obj)
			bpf_program__set_autoload(prog, prog == skel->progs.perfmon);
		btf_fd = kfunc_btf_fd();
		if (btf_test_bpf__load(skel) || btf_fd < 0) {
			report(0, "btf: %s: load the program as root, find kfunc.ko's BTF", what);
			_exit(1);
		}
		/* libbpf's call: imm, the id in kfunc.ko's BTF; off, its fd_array slot. */
		insns = bpf_program__insns(skel->progs.perfmon);
		n = bpf_program__insn_cnt(skel->progs.perfmon);
		for (i = 0; i < ARRAY_SIZE(fds); i++)
			fds[i] = btf_fd;
		for (i = 0; i < n; i++)
			if (insns[i].code == (BPF_JMP | BPF_CALL) &&
			    insns[i].src_reg == BPF_PSEUDO_KFUNC_CALL &&
			    (insns[i].off < 1 || insns[i].off >= (int)ARRAY_SIZE(fds)))
				err = -1;
		lopts.fd_array = fds;
		if (err || drop_cap(CAP_SYS_ADMIN) || (!perfmon && drop_cap(CAP_PERFMON))) {
			report(0, "btf: %s: a kfunc call of kfunc.ko, capabilities dropped (%s)",
			       what, strerror(errno));
			_exit(1);
		}
		skel->bss->perfmon_addr = addr;
		skel->bss->perfmon_type = task_id;
		fd = bpf_prog_load(BPF_PROG_TYPE_SYSCALL, "perfmon", "GPL", insns, n, &lopts);
		lerr = fd < 0 ? -errno : 0;
		if (fd >= 0)
			err = bpf_prog_test_run_opts(fd, &ropts);
		if (want_load)
			report(fd >= 0 && !err && skel->data->perfmon_ret > 64,
			       "btf: %s: the program calling kf_btf_snprintf loads, and the call prints init_task (%ld bytes) (load: %d, run: %d)",
			       what, skel->data->perfmon_ret, lerr, err);
		else
			report(fd < 0 && strstr(perfmon_log, refused),
			       "btf: %s: the verifier refuses the program calling kf_btf_snprintf: \"%s\" (load: %d)",
			       what, refused, lerr);
		if (failed)
			fprintf(stderr, "%s", perfmon_log);
		_exit(failed);
	}
	/* The child printed its result line, unless it could not run. */
	if (pid < 0 || waitpid(pid, &status, 0) != pid || !WIFEXITED(status))
		report(0, "btf: %s: the child that loads ran to its end", what);
	else if (WEXITSTATUS(status))
		failed = 1;
}

static int perfmon(void)
{
	int filter = kernel_version() >= 6005;
	__u64 addr = init_task_addr();
	__u32 task_id;

	vmlinux = btf__load_vmlinux_btf();
	task_id = vmlinux ? btf__find_by_name_kind(vmlinux, "task_struct", BTF_KIND_STRUCT) : 0;
	if (!task_id || !addr) {
		report(0, "btf: task_struct in vmlinux BTF, init_task in /proc/kallsyms");
		return 1;
	}
	perfmon_case(0, !filter, task_id, addr,
		     filter ? "a loader with CAP_BPF, without CAP_PERFMON and CAP_SYS_ADMIN (6.5+: kfunc filter)" :
			      "a loader with CAP_BPF, without CAP_PERFMON and CAP_SYS_ADMIN (6.1: no kfunc filter, it loads)");
	perfmon_case(1, 1, task_id, addr, "a loader with CAP_BPF and CAP_PERFMON, without CAP_SYS_ADMIN");
	return failed;
}

int main(int argc, char **argv)
{
	struct obj task, file, inode, skb, dev;
	int err;

	libbpf_set_print(NULL);
	if (argc > 1 && !strcmp(argv[1], "lockdown"))
		return lockdown();
	if (argc > 1 && !strcmp(argv[1], "perfmon"))
		return perfmon();
	vmlinux = btf__load_vmlinux_btf();
	if (!vmlinux || lookup(&task, "task_struct") || lookup(&file, "file") ||
	    lookup(&inode, "inode") || lookup(&skb, "sk_buff") || lookup(&dev, "net_device")) {
		report(0, "btf: vmlinux BTF has task_struct, file, inode, sk_buff, net_device, each at most %d bytes",
		       SNAP);
		return 1;
	}
	skel = btf_test_bpf__open();
	if (!skel)
		return 1;
	skel->rodata->loader_tgid = getpid();
	err = btf_test_bpf__load(skel);
	if (!err)
		err = btf_test_bpf__attach(skel);
	report(!err, "btf: load and attach the capture programs (fentry on __x64_sys_getpgid, vfs_read, ip_rcv) and the print program (syscall) (%d)",
	       err);
	if (err)
		return 1;

	if (!arm(1, &task, NULL))
		compare_all(&task, 0);
	else
		report(0, "btf: captured this task's task_struct");
	if (!arm(2, &file, &inode)) {
		compare_all(&file, 0);
		compare_all(&inode, 1);
	} else {
		report(0, "btf: captured a file and its inode in vfs_read");
	}
	if (!arm(3, &skb, &dev)) {
		compare_all(&skb, 0);
		compare_all(&dev, 1);
	} else {
		report(0, "btf: captured an sk_buff and its device in ip_rcv");
	}

	/* Errors: the helper's where it has the same check. */
	errcase("type id 0", 0, 0, BTF_F_COMPACT, 16, -EINVAL, -EINVAL);
	errcase("a type id past vmlinux BTF", 0, btf__type_cnt(vmlinux), BTF_F_COMPACT, 16,
		-ENOENT, -ENOENT);
	errcase("an unknown flag", 0, task.id, 1 << 4, 16, -EINVAL, -EINVAL);
	errcase("a struct btf_ptr of 8 bytes", 0, task.id, BTF_F_COMPACT, 8, 0, -EINVAL);
	errcase("a user address (4096)", 4096, task.id, BTF_F_COMPACT, 16, -ERANGE, -ERANGE);
	errcase("hops without a kind (KF_BTF_F_FOLLOW(1))", 0, task.id, KF_BTF_F_FOLLOW(1), 16,
		-EINVAL, -EINVAL);
	errcase("a kind without hops (KF_BTF_F_CONTAINERS)", 0, task.id, KF_BTF_F_CONTAINERS, 16,
		-EINVAL, -EINVAL);

	follow_storage(&task);
	follow_children(&task);
	follow_epoll();

	btf_test_bpf__destroy(skel);
	btf__free(vmlinux);
	return failed;
}
