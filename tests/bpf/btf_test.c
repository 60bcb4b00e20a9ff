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
 * btf_test lockdown: on a kernel locked down for confidentiality, a
 * program calling kf_btf_snprintf (alone: lockdown refuses the others at
 * load) gets -EPERM.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include <linux/bpf.h>
#include <linux/btf.h>
#include <bpf/bpf.h>
#include <bpf/btf.h>
#include <bpf/libbpf.h>

#include "btf_test.h"
#include "btf_test.skel.h"
#include "report.h"

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

int main(int argc, char **argv)
{
	struct obj task, file, inode, skb, dev;
	int err;

	libbpf_set_print(NULL);
	if (argc > 1 && !strcmp(argv[1], "lockdown"))
		return lockdown();
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

	btf_test_bpf__destroy(skel);
	btf__free(vmlinux);
	return failed;
}
