// SPDX-License-Identifier: GPL-2.0
/*
 * btfdump [-c] [-p] [-d DEPTH] [PID [MEMBER...]]: task PID's task_struct
 * (default: this process), or each MEMBER of it (a member of struct
 * task_struct, found through its anonymous members), as kf_btf_snprintf
 * prints it, with hops through the task's local storage and its children
 * (KF_BTF_F_FOLLOW(DEPTH) | KF_BTF_F_CONTAINERS; DEPTH 2 by default; -p
 * adds KF_BTF_F_PTRS, -c is BTF_F_COMPACT). The BPF side first stores a
 * note in the task's local storage: the whole task, or its bpf_storage,
 * shows it field by field. Exits 0 when every text printed whole and,
 * where it should, shows the note. Needs root and kfunc.ko loaded.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <linux/btf.h>
#include <bpf/bpf.h>
#include <bpf/btf.h>
#include <bpf/libbpf.h>
#include <kfunc/btf.h>

#include "btfdump.h"
#include "btfdump.skel.h"

/* @name in struct or union @id, or in its anonymous members: its bit offset and type */
static int find_member(const struct btf *btf, __u32 id, const char *name, __u32 *bits,
		       __u32 *type)
{
	const struct btf_type *t = btf__type_by_id(btf, btf__resolve_type(btf, id));
	const struct btf_member *m;
	int i;

	if (!t || !(btf_is_struct(t) || btf_is_union(t)))
		return -1;
	m = btf_members(t);
	for (i = 0; i < btf_vlen(t); i++) {
		const char *n = btf__name_by_offset(btf, m[i].name_off);

		if (n && *n) {
			if (strcmp(n, name) || btf_member_bitfield_size(t, i))
				continue;
			*bits = btf_member_bit_offset(t, i);
			*type = m[i].type;
			return 0;
		}
		if (!find_member(btf, m[i].type, name, bits, type)) {
			*bits += btf_member_bit_offset(t, i);
			return 0;
		}
	}
	return -1;
}

static int usage(void)
{
	fprintf(stderr, "usage: btfdump [-c] [-p] [-d DEPTH] [PID [MEMBER...]]\n");
	return 2;
}

int main(int argc, char **argv)
{
	__u64 flags = 0, depth = 2;
	struct btfdump_bpf *skel;
	struct btf *vmlinux;
	struct text *text;
	int opt, pid, task_id, i, ret = 1;

	while ((opt = getopt(argc, argv, "cpd:")) != -1) {
		if (opt == 'c')
			flags |= BTF_F_COMPACT;
		else if (opt == 'p')
			flags |= KF_BTF_F_PTRS;
		else if (opt == 'd' && atoi(optarg) >= 1 && atoi(optarg) <= 7)
			depth = atoi(optarg);
		else
			return usage();
	}
	flags |= KF_BTF_F_FOLLOW(depth) | KF_BTF_F_CONTAINERS;
	pid = optind < argc ? atoi(argv[optind++]) : getpid();
	if (pid <= 0)
		return usage();
	vmlinux = btf__load_vmlinux_btf();
	task_id = vmlinux ? btf__find_by_name_kind(vmlinux, "task_struct", BTF_KIND_STRUCT) : -1;
	if (task_id <= 0) {
		fprintf(stderr, "btfdump: no struct task_struct in /sys/kernel/btf/vmlinux\n");
		return 1;
	}
	text = malloc(sizeof(*text));
	skel = btfdump_bpf__open_and_load();
	if (!skel || !text) {
		fprintf(stderr, "btfdump: cannot load the BPF program (is kfunc.ko loaded?): %s\n",
			strerror(errno));
		return 1;
	}
	skel->bss->pid = pid;
	skel->bss->flags = flags;
	/* No member: the task_struct itself, once. */
	for (i = optind; i < argc || i == optind; i++) {
		LIBBPF_OPTS(bpf_test_run_opts, opts);
		const char *member = i < argc ? argv[i] : NULL;
		__u32 bits = 0, type = task_id, k = 0;
		char note[64];
		int shows;

		if (member && find_member(vmlinux, task_id, member, &bits, &type)) {
			fprintf(stderr, "btfdump: struct task_struct has no member %s (or a bitfield)\n",
				member);
			goto out;
		}
		skel->bss->offset = bits / 8;
		skel->bss->type_id = type;
		if (bpf_prog_test_run_opts(bpf_program__fd(skel->progs.dump), &opts) ||
		    bpf_map__lookup_elem(skel->maps.texts, &k, sizeof(k), text, sizeof(*text), 0)) {
			fprintf(stderr, "btfdump: cannot run the program: %s\n", strerror(errno));
			goto out;
		}
		if (!skel->bss->found) {
			fprintf(stderr, "btfdump: no task has pid %d\n", pid);
			goto out;
		}
		if (skel->bss->len < 0) {
			fprintf(stderr, "btfdump: kf_btf_snprintf: %s\n", strerror(-skel->bss->len));
			goto out;
		}
		snprintf(note, sizeof(note), ".pid = (__s32)%d,", pid);
		shows = strstr(text->s, ".data = (struct note){") &&
			strstr(strstr(text->s, ".data = (struct note){"), note);
		printf("btfdump: pid %d, task_struct%s%s: %ld bytes%s\n", pid, member ? "." : "",
		       member ? member : "", skel->bss->len,
		       shows ? ", its note found in its local storage, by name" : "");
		fputs(text->s, stdout);
		if (flags & BTF_F_COMPACT)
			putchar('\n');
		if (skel->bss->len >= (long)sizeof(text->s)) {
			fprintf(stderr, "btfdump: the text was cut at %zu of %ld bytes\n",
				sizeof(text->s) - 1, skel->bss->len);
			goto out;
		}
		if (!shows && (!member || !strcmp(member, "bpf_storage"))) {
			fprintf(stderr, "btfdump: the note stored in the task's local storage is not in the text\n");
			goto out;
		}
	}
	ret = 0;
out:
	btfdump_bpf__destroy(skel);
	btf__free(vmlinux);
	free(text);
	return ret;
}
