// SPDX-License-Identifier: GPL-2.0
/*
 * kfunc list: the kfuncs this kernel offers. kfunc's, read from the loaded
 * module's BTF (/sys/kernel/btf/kfunc) with what this tool knows of each
 * (program types, first kernel, registration flags, the upstream kfunc
 * doing the same job), and the kernel's own, read from vmlinux BTF where
 * the kernel marks them (a "bpf_kfunc" declaration tag: pahole 1.27 and
 * later; Debian's 6.12 and 7.x have the tags, 6.1 has not).
 */
#include <errno.h>
#include <unistd.h>
#include <stdlib.h>
#include <string.h>

#include <bpf/btf.h>
#include <bpf/libbpf.h>

#include "kfunc.h"

/* Upstream kfuncs (vmlinux) that do the job of one of ours. */
static const struct {
	const char *ours, *upstream;
} upstream[] = {
	{ "kf_strstr", "bpf_strstr" },
	{ "kf_strcasestr", "bpf_strcasestr" },
	{ "kf_strnlen", "bpf_strnlen" },
	{ "kf_strcmp", "bpf_strcmp" },
	{ "kf_strcasecmp", "bpf_strcasecmp" },
	{ "kf_strchr", "bpf_strnchr" },
	{ "kf_strrchr", "bpf_strrchr" },
	{ "kf_strspn", "bpf_strspn" },
	{ "kf_strcspn", "bpf_strcspn" },
	{ "kf_task_from_pid", "bpf_task_from_pid" },
	{ "kf_task_from_vpid", "bpf_task_from_vpid" },
	{ "kf_task_release", "bpf_task_release" },
	{ "kf_path_d_path", "bpf_path_d_path" },
	{ "kf_file_path", "bpf_path_d_path" },
	{ "kf_task_exe_path", "bpf_get_task_exe_file" },
};

static const char *upstream_of(const char *name)
{
	unsigned int i;

	for (i = 0; i < sizeof(upstream) / sizeof(upstream[0]); i++)
		if (!strcmp(upstream[i].ours, name))
			return upstream[i].upstream;
	return NULL;
}

static bool in_btf(const struct btf *btf, const char *name)
{
	return btf && btf__find_by_name_kind(btf, name, BTF_KIND_FUNC) > 0;
}

/* The functions vmlinux BTF marks as kfuncs: a bitmap over its ids. */
static unsigned char *kernel_kfuncs(const struct btf *vmlinux, int *count)
{
	int n = btf__type_cnt(vmlinux), id;
	unsigned char *mark = calloc(n, 1);
	const struct btf_type *t;

	*count = 0;
	if (!mark)
		return NULL;
	for (id = 1; id < n; id++) {
		t = btf__type_by_id(vmlinux, id);
		if (!btf_is_decl_tag(t) || btf_decl_tag(t)->component_idx != -1 ||
		    strcmp(btf__name_by_offset(vmlinux, t->name_off), "bpf_kfunc"))
			continue;
		if (t->type < (unsigned int)n && !mark[t->type] &&
		    btf_is_func(btf__type_by_id(vmlinux, t->type))) {
			mark[t->type] = 1;
			(*count)++;
		}
	}
	return mark;
}

static void print_flags(FILE *f, const char *flags, bool json)
{
	char copy[128], *tok, *save;
	int i = 0;

	if (!json) {
		fputs(flags && *flags ? flags : "-", f);
		return;
	}
	fputc('[', f);
	snprintf(copy, sizeof(copy), "%s", flags ? flags : "");
	for (tok = strtok_r(copy, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
		if (i++)
			fputc(',', f);
		json_str(f, tok);
	}
	fputc(']', f);
}

int cmd_list(int argc, char **argv)
{
	const char *kver = running_kernel(), *mver, *sver;
	struct btf *vmlinux, *mod = NULL;
	int i, id, n, start, nk = 0, nmine = 0;
	unsigned char *marked = NULL;
	bool json = false, first;
	const struct btf_type *t;

	for (i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--json") || !strcmp(argv[i], "-j")) {
			json = true;
		} else {
			fprintf(stderr, "usage: kfunc list [--json]\n");
			return EXIT_USAGE;
		}
	}
	vmlinux = btf__load_vmlinux_btf();
	if (!vmlinux) {
		fprintf(stderr, "kfunc list: this kernel has no BTF (/sys/kernel/btf/vmlinux: %s):"
			" kfuncs need CONFIG_DEBUG_INFO_BTF\n", strerror(errno));
		return EXIT_FAIL;
	}
	if (access("/sys/kernel/btf/kfunc", R_OK) == 0)
		mod = btf__load_module_btf("kfunc", vmlinux);
	mver = module_version();
	sver = sdk_version();
	marked = kernel_kfuncs(vmlinux, &nk);

	if (json) {
		printf("{\"kernel\":");
		json_str(stdout, kver);
		printf(",\"module\":{\"loaded\":%s,\"version\":", mver ? "true" : "false");
		if (mver)
			json_str(stdout, mver);
		else
			printf("null");
		printf(",\"btf\":%s},\"sdk\":{\"installed\":%s,\"version\":",
		       mod ? "true" : "false", sver ? "true" : "false");
		if (sver)
			json_str(stdout, sver);
		else
			printf("null");
		printf("},\"version_match\":%s,\"kfuncs\":[",
		       mver && sver ? (strcmp(mver, sver) ? "false" : "true") : "null");
	} else {
		printf("kernel %s: ", kver);
		if (!mver)
			printf("the kfunc module is not loaded (modprobe kfunc; kfunc doctor says more)\n");
		else if (!mod)
			printf("kfunc %s is loaded without BTF: it offers no kfunc (kfunc doctor)\n", mver);
		else
			printf("kfunc %s loaded", mver);
		if (mver && mod) {
			if (!sver)
				printf(", kfunc-sdk not installed\n");
			else if (strcmp(mver, sver))
				printf(", but kfunc-sdk is %s: programs built with its headers"
				       " expect another module (kfunc doctor)\n", sver);
			else
				printf(", kfunc-sdk %s: same version\n", sver);
		}
	}

	first = true;
	if (mod) {
		start = btf__type_cnt(vmlinux);
		n = btf__type_cnt(mod);
		for (id = start; id < n; id++) {
			const struct kf_row *row;
			const char *name, *up;
			char *proto;

			t = btf__type_by_id(mod, id);
			if (!btf_is_func(t))
				continue;
			name = btf__name_by_offset(mod, t->name_off);
			row = kf_row_find(name);
			if (strncmp(name, "kf_", 3) ||
			    (!row && btf_vlen(t) != BTF_FUNC_GLOBAL))
				continue;
			nmine++;
			proto = btf_prototype(mod, id);
			up = upstream_of(name);
			if (json) {
				printf("%s{\"name\":", first ? "" : ",");
				json_str(stdout, name);
				printf(",\"btf_id\":%d,\"prototype\":", id);
				json_str(stdout, proto);
				printf(",\"known\":%s,\"programs\":", row ? "true" : "false");
				if (row) {
					json_str(stdout, row->programs);
					printf(",\"since\":");
					json_str(stdout, row->since);
				} else {
					printf("null,\"since\":null");
				}
				printf(",\"flags\":");
				print_flags(stdout, row ? row->flags : NULL, true);
				printf(",\"upstream\":");
				if (up)
					json_str(stdout, up);
				else
					printf("null");
				printf(",\"upstream_in_kernel\":%s}", up && in_btf(vmlinux, up) ?
				       "true" : "false");
			} else {
				if (first)
					printf("\nkfunc's kfuncs (module BTF):\n");
				printf("%s\n\t%s\n\tprograms: %s  since: %s  flags: ", name,
				       proto ? proto : "?", row ? row->programs : "?",
				       row ? row->since : "?");
				print_flags(stdout, row ? row->flags : NULL, false);
				if (up)
					printf("  upstream: %s (%s in this kernel)", up,
					       in_btf(vmlinux, up) ? "present" : "not");
				if (!row)
					printf("  (unknown to this kfunc tool: the module is newer)");
				printf("\n");
			}
			first = false;
			free(proto);
		}
	}

	if (json) {
		printf("],\"kernel_kfuncs_marked\":%s,\"kernel_kfuncs\":[", nk ? "true" : "false");
	} else if (nk) {
		printf("\nthe kernel's own kfuncs (vmlinux BTF, tagged bpf_kfunc: %d):\n", nk);
	} else {
		printf("\nthe kernel's own kfuncs: this kernel's BTF does not mark them"
		       " (no bpf_kfunc tags: built with pahole before 1.27)\n");
	}
	first = true;
	n = btf__type_cnt(vmlinux);
	for (id = 1; marked && id < n; id++) {
		char *proto;

		if (!marked[id])
			continue;
		t = btf__type_by_id(vmlinux, id);
		proto = btf_prototype(vmlinux, id);
		if (json) {
			printf("%s{\"name\":", first ? "" : ",");
			json_str(stdout, btf__name_by_offset(vmlinux, t->name_off));
			printf(",\"btf_id\":%d,\"prototype\":", id);
			json_str(stdout, proto);
			printf("}");
		} else {
			printf("%s\n\t%s\n", btf__name_by_offset(vmlinux, t->name_off),
			       proto ? proto : "?");
		}
		first = false;
		free(proto);
	}
	if (json)
		printf("]}\n");
	if (!json && mod)
		printf("\n%d kfuncs of kfunc, %d of the kernel\n", nmine, nk);
	free(marked);
	btf__free(mod);
	btf__free(vmlinux);
	return mod && nmine ? EXIT_OK : EXIT_FAIL;
}
