// SPDX-License-Identifier: GPL-2.0
/*
 * kfunc probe: loads a minimal program of a given type that calls a kfunc
 * (probe.bpf.c, embedded as a skeleton) and reports whether this kernel's
 * verifier accepts it, with the verifier's own reason when it does not.
 * fentry and LSM programs are tried sleepable (fentry.s, lsm.s) when the
 * kernel refuses the kfunc to a non-sleepable one; syscall programs are
 * always sleepable. Nothing is attached: only the load is tried.
 *
 * libbpf prepares the programs once: one bpf_object__load() of them all
 * resolves the kfuncs and relocates every program (CO-RE included) before
 * it loads the first, and stops at the first the kernel refuses. Each
 * program is then loaded alone with bpf_prog_load(), from libbpf's
 * relocated instructions: a libbpf load per program would parse vmlinux
 * BTF each time, which costs most of a second under emulation.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <bpf/bpf.h>
#include <bpf/btf.h>
#include <bpf/libbpf.h>
#include <kfunc/version.h>

#include "kfunc.h"
#include "probe.skel.h"

#define LOG_SIZE (256 * 1024)
#define FD_ARRAY 64

static const char *const types[] = { "tc", "xdp", "syscall", "fentry", "kprobe", "lsm" };
#define NTYPES (int)(sizeof(types) / sizeof(types[0]))

struct verdict {
	bool accepted;
	char section[64];
	char reason[512];
};

/* What the loads share: the prepared object, and what its code refers to. */
struct probes {
	struct probe_bpf *skel;
	const struct btf *vmlinux;
	int fd_array[FD_ARRAY];	/* every slot: kfunc.ko's BTF */
	int rodata_fd;		/* the object's .rodata, made again */
	char *log;
};

/* libbpf's last warning: the reason when the kernel gave no verifier log. */
static char libbpf_msg[512];

static int capture(enum libbpf_print_level level, const char *fmt, va_list ap)
{
	if (level != LIBBPF_DEBUG) {
		vsnprintf(libbpf_msg, sizeof(libbpf_msg), fmt, ap);
		libbpf_msg[strcspn(libbpf_msg, "\n")] = 0;
	}
	return 0;
}

static bool stats_line(const char *line, size_t n)
{
	return !n || !strncmp(line, "processed ", 10) || !strncmp(line, "verification time", 17) ||
	       !strncmp(line, "stack depth", 11) || !strncmp(line, "-- END PROG LOAD LOG --", 23);
}

/*
 * The verifier's conclusion: its last line that is not statistics. Newer
 * verifiers follow it with a report ("Verification failed: ...", "Reason:",
 * source context, "Suggestion:"): there it is the line before that report.
 */
static void last_reason(const char *log, char *out, size_t size)
{
	const char *line = log, *best = NULL, *end;
	size_t n;

	while (*line) {
		end = strchr(line, '\n');
		n = end ? (size_t)(end - line) : strlen(line);
		if (best && !strncmp(line, "Verification failed:", 20))
			break;
		if (!stats_line(line, n))
			best = line;
		line += n + (end ? 1 : 0);
	}
	if (!best)
		snprintf(out, size, "%s", libbpf_msg[0] ? libbpf_msg : "no verifier log");
	else
		snprintf(out, size, "%.*s", (int)strcspn(best, "\n"), best);
}

/* The fd of kfunc.ko's BTF object, or -1. */
static int module_btf_fd(void)
{
	struct bpf_btf_info info;
	__u32 id = 0, len;
	char name[64];
	int fd;

	while (!bpf_btf_get_next_id(id, &id)) {
		fd = bpf_btf_get_fd_by_id(id);
		if (fd < 0)
			continue;
		memset(&info, 0, sizeof(info));
		info.name = (__u64)(unsigned long)name;
		info.name_len = sizeof(name);
		len = sizeof(info);
		if (!bpf_obj_get_info_by_fd(fd, &info, &len) && info.kernel_btf &&
		    !strcmp(name, "kfunc"))
			return fd;
		close(fd);
	}
	return -1;
}

/* A copy of the object's .rodata map (the only map: __str constants). */
static int make_rodata(const void *init, size_t size)
{
	LIBBPF_OPTS(bpf_map_create_opts, o, .map_flags = BPF_F_RDONLY_PROG);
	__u32 key = 0;
	int fd;

	fd = bpf_map_create(BPF_MAP_TYPE_ARRAY, "probe.rodata", 4, size, 1, &o);
	if (fd < 0)
		return -1;
	if (bpf_map_update_elem(fd, &key, init, 0) || bpf_map_freeze(fd)) {
		close(fd);
		return -1;
	}
	return fd;
}

static int prepare(struct probes *p, const struct btf *vmlinux)
{
	const void *init = NULL;
	struct bpf_map *map;
	int i, fd, nmaps = 0;
	size_t size = 0;

	memset(p, 0, sizeof(*p));
	p->vmlinux = vmlinux;
	p->rodata_fd = -1;
	fd = module_btf_fd();
	if (fd < 0)
		return -1;
	for (i = 0; i < FD_ARRAY; i++)
		p->fd_array[i] = fd;
	p->log = malloc(LOG_SIZE);
	p->skel = probe_bpf__open();
	if (!p->log || !p->skel)
		return -1;
	bpf_object__for_each_map(map, p->skel->obj) {
		nmaps++;
		init = bpf_map__initial_value(map, &size);
	}
	if (nmaps > 1 || (nmaps && !init)) {
		fprintf(stderr, "kfunc probe: the probe object has maps it cannot make\n");
		return -1;
	}
	if (nmaps) {
		p->rodata_fd = make_rodata(init, size);
		if (p->rodata_fd < 0)
			return -1;
	}
	/* Relocates every program; fails at the first the kernel refuses. */
	probe_bpf__load(p->skel);
	return 0;
}

static void release(struct probes *p)
{
	if (p->fd_array[0] > 0)
		close(p->fd_array[0]);
	if (p->rodata_fd >= 0)
		close(p->rodata_fd);
	probe_bpf__destroy(p->skel);
	free(p->log);
}

/*
 * The BTF id a tracing or LSM section attaches to ("fentry.s/f", "lsm/h"):
 * 0 for other sections, negative when this kernel has no such function.
 */
static int attach_id(const struct probes *p, const char *sec)
{
	const char *slash = strchr(sec, '/');
	char name[128];

	if (!slash || (strncmp(sec, "fentry", 6) && strncmp(sec, "lsm", 3)))
		return 0;
	snprintf(name, sizeof(name), "%s%s", !strncmp(sec, "lsm", 3) ? "bpf_lsm_" : "", slash + 1);
	return btf__find_by_name_kind(p->vmlinux, name, BTF_KIND_FUNC);
}

/* Load program NAME__VARIANT alone; its verdict into V. */
static void load_one(struct probes *p, const char *name, const char *variant, struct verdict *v)
{
	struct bpf_insn *insns;
	struct bpf_program *prog;
	const char *sec;
	char pname[128];
	size_t i, n;
	int fd, id;

	snprintf(pname, sizeof(pname), "%s__%s", name, variant);
	prog = bpf_object__find_program_by_name(p->skel->obj, pname);
	if (!prog || !bpf_program__insns(prog)) {
		snprintf(v->reason, sizeof(v->reason), "this kfunc tool has no probe %s", pname);
		return;
	}
	sec = bpf_program__section_name(prog);
	snprintf(v->section, sizeof(v->section), "%s", sec);
	n = bpf_program__insn_cnt(prog);
	insns = malloc(n * sizeof(*insns));
	if (!insns) {
		snprintf(v->reason, sizeof(v->reason), "out of memory");
		return;
	}
	memcpy(insns, bpf_program__insns(prog), n * sizeof(*insns));
	/* The map references point at the copy of .rodata. */
	for (i = 0; i + 1 < n; i++)
		if (insns[i].code == (BPF_LD | BPF_IMM | BPF_DW) &&
		    (insns[i].src_reg == BPF_PSEUDO_MAP_FD ||
		     insns[i].src_reg == BPF_PSEUDO_MAP_VALUE)) {
			insns[i].imm = p->rodata_fd;
			i++;
		}
	id = attach_id(p, sec);
	{
		LIBBPF_OPTS(bpf_prog_load_opts, o,
			    .expected_attach_type = bpf_program__expected_attach_type(prog),
			    .attach_btf_id = id,
			    .prog_flags = !strcmp(sec, "syscall") || strstr(sec, ".s/") ?
					  BPF_F_SLEEPABLE : 0,
			    .fd_array = p->fd_array);

		if (id < 0) {
			snprintf(v->reason, sizeof(v->reason), "%s: this kernel has no function %s",
				 sec, strchr(sec, '/') + 1);
			free(insns);
			return;
		}
		fd = bpf_prog_load(bpf_program__type(prog), NULL, "GPL", insns, n, &o);
		if (fd < 0) {
			/* Again, with the verifier's log for its reason. */
			p->log[0] = 0;
			o.log_buf = p->log;
			o.log_size = LOG_SIZE;
			o.log_level = 1;
			fd = bpf_prog_load(bpf_program__type(prog), NULL, "GPL", insns, n, &o);
		}
	}
	free(insns);
	if (fd >= 0) {
		v->accepted = true;
		close(fd);
	} else if (p->log[0]) {
		last_reason(p->log, v->reason, sizeof(v->reason));
	} else {
		snprintf(v->reason, sizeof(v->reason), "the kernel refused the load: %s",
			 strerror(errno));
	}
}

static void probe(struct probes *p, const char *name, const char *type, struct verdict *v)
{
	const char *sleepable = NULL;
	struct verdict s = {};

	memset(v, 0, sizeof(*v));
	load_one(p, name, type, v);
	if (v->accepted || !strstr(v->reason, "sleepable"))
		return;
	if (!strcmp(type, "fentry"))
		sleepable = "fentry_s";
	else if (!strcmp(type, "lsm"))
		sleepable = "lsm_s";
	if (!sleepable)
		return;
	load_one(p, name, sleepable, &s);
	if (!s.accepted)
		snprintf(s.reason + strlen(s.reason), sizeof(s.reason) - strlen(s.reason),
			 " (as %s: %.200s)", v->section, v->reason);
	*v = s;
}

static void print_verdict(bool json, bool first, const char *name, const char *type,
			  bool offered, const struct verdict *v)
{
	if (!json) {
		if (v->accepted)
			printf("%s: %s: accepted (%s)\n", name, type, v->section);
		else
			printf("%s: %s: refused: %s\n", name, type, v->reason);
		return;
	}
	printf("%s{\"name\":", first ? "" : ",");
	json_str(stdout, name);
	printf(",\"type\":");
	json_str(stdout, type);
	printf(",\"section\":");
	if (v->section[0])
		json_str(stdout, v->section);
	else
		printf("null");
	printf(",\"offered\":%s,\"accepted\":%s,\"reason\":", offered ? "true" : "false",
	       v->accepted ? "true" : "false");
	if (v->accepted)
		printf("null");
	else
		json_str(stdout, v->reason);
	printf("}");
}

static void usage(void)
{
	fprintf(stderr, "usage: kfunc probe [--json] NAME|--all [--type TYPE]...\n"
		"TYPE: tc xdp syscall fentry kprobe lsm (default: all of them)\n");
}

int cmd_probe(int argc, char **argv)
{
	bool json = false, all = false, want[NTYPES] = {}, any_type = false, first = true;
	int i, j, ret = EXIT_OK;
	struct btf *vmlinux, *mod;
	const char *name = NULL;
	struct probes p;

	for (i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--json") || !strcmp(argv[i], "-j")) {
			json = true;
		} else if (!strcmp(argv[i], "--all")) {
			all = true;
		} else if (!strcmp(argv[i], "--type") || !strcmp(argv[i], "-t")) {
			if (++i == argc) {
				usage();
				return EXIT_USAGE;
			}
			for (j = 0; j < NTYPES; j++)
				if (!strcmp(argv[i], types[j]))
					break;
			if (j == NTYPES) {
				fprintf(stderr, "kfunc probe: unknown program type '%s'\n", argv[i]);
				usage();
				return EXIT_USAGE;
			}
			want[j] = any_type = true;
		} else if (argv[i][0] != '-' && !name) {
			name = argv[i];
		} else {
			usage();
			return EXIT_USAGE;
		}
	}
	if (!all == !name) {
		usage();
		return EXIT_USAGE;
	}
	if (name && !kf_row_find(name)) {
		fprintf(stderr, "kfunc probe: %s is not a kfunc of kfunc %s (kfunc list shows"
			" what this kernel offers)\n", name, KFUNC_VERSION);
		return EXIT_USAGE;
	}
	for (j = 0; j < NTYPES; j++)
		want[j] |= !any_type;

	vmlinux = btf__load_vmlinux_btf();
	mod = vmlinux && !access("/sys/kernel/btf/kfunc", R_OK) ?
		btf__load_module_btf("kfunc", vmlinux) : NULL;
	if (!mod) {
		fprintf(stderr, "kfunc probe: the kfunc module is not loaded with BTF on %s"
			" (modprobe kfunc; kfunc doctor says more)\n", running_kernel());
		btf__free(vmlinux);
		return EXIT_FAIL;
	}
	libbpf_set_print(capture);
	if (prepare(&p, vmlinux)) {
		fprintf(stderr, "kfunc probe: cannot prepare the probe programs: %s%s%s\n",
			strerror(errno), libbpf_msg[0] ? ": " : "", libbpf_msg);
		release(&p);
		btf__free(mod);
		btf__free(vmlinux);
		return EXIT_FAIL;
	}

	if (json)
		printf("[");
	for (i = 0; i < kf_nrows; i++) {
		const char *k = kf_rows[i].name;
		bool offered;

		if (name && strcmp(name, k))
			continue;
		offered = btf__find_by_name_kind(mod, k, BTF_KIND_FUNC) > 0;
		for (j = 0; j < NTYPES; j++) {
			struct verdict v = {};

			if (!want[j])
				continue;
			if (offered)
				probe(&p, k, types[j], &v);
			else
				snprintf(v.reason, sizeof(v.reason),
					 "the loaded kfunc module does not offer %s on %s (since %s)",
					 k, running_kernel(), kf_rows[i].since);
			if (!v.accepted)
				ret = EXIT_FAIL;
			print_verdict(json, first, k, types[j], offered, &v);
			first = false;
		}
	}
	if (json)
		printf("]\n");
	release(&p);
	btf__free(mod);
	btf__free(vmlinux);
	return ret;
}
