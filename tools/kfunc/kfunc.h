/* SPDX-License-Identifier: GPL-2.0 */
/*
 * kfunc(8): what the parts share. kfunc.c has main, the helpers below and
 * `kfunc run`; list.c, doctor.c and probe.c one command each.
 */
#ifndef KFUNC_TOOL_H
#define KFUNC_TOOL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

struct btf;

/* One row per kfunc of this kfunc version (kfuncs.inc, from the sources). */
struct kf_row {
	const char *name;
	const char *programs;	/* all, tc, xdp, sleepable */
	const char *since;	/* first kernel: "6.1" */
	const char *flags;	/* registration flags: "acquire,ret_null" */
};

extern const struct kf_row kf_rows[];
extern const int kf_nrows;

const struct kf_row *kf_row_find(const char *name);

/* Exit codes: 0 all good, 1 a check or probe failed, 2 usage. */
enum { EXIT_OK, EXIT_FAIL, EXIT_USAGE };

int cmd_list(int argc, char **argv);
int cmd_doctor(int argc, char **argv);
int cmd_probe(int argc, char **argv);
int cmd_run(int argc, char **argv);

/* A string as a JSON string, quotes included. */
void json_str(FILE *f, const char *s);

/* The first line of PATH into BUF (newline cut): 0, or -1 with errno. */
int read_line(const char *path, char *buf, size_t size);

/* The output of a shell command into BUF (cut at SIZE - 1): its exit status. */
int run_output(const char *cmd, char *buf, size_t size);

/* "7.3.4+deb13-amd64" -> 7003; 0 when unreadable. */
int kernel_number(const char *release);

/* The running kernel's release (uname -r). */
const char *running_kernel(void);

/* The version of the installed kfunc-sdk (its kfunc/version.h), or NULL. */
const char *sdk_version(void);

/* The loaded module's version (/sys/module/kfunc/version), or NULL. */
const char *module_version(void);

/* libbpf's messages: off (the tools report errors themselves), or kept. */
void libbpf_quiet(bool quiet);

/* The prototype of FUNC (a BTF_KIND_FUNC id) as C: "int f(char *s, __u32 n)". */
char *btf_prototype(const struct btf *btf, int func);

#endif
