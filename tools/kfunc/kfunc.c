// SPDX-License-Identifier: GPL-2.0
/*
 * kfunc(8): what this kernel offers of kfunc, why a program does not load,
 * and a loader for any BPF object. See kfunc.8 for the commands and their
 * JSON.
 */
#include <errno.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/utsname.h>
#include <unistd.h>

#include <bpf/btf.h>
#include <bpf/libbpf.h>
#include <kfunc/version.h>

#include "kfunc.h"

const struct kf_row kf_rows[] = {
#define KF_ROW(name, programs, since, flags) { name, programs, since, flags },
#include "kfuncs.inc"
#undef KF_ROW
};

const int kf_nrows = sizeof(kf_rows) / sizeof(kf_rows[0]);

const struct kf_row *kf_row_find(const char *name)
{
	int i;

	for (i = 0; i < kf_nrows; i++)
		if (!strcmp(kf_rows[i].name, name))
			return &kf_rows[i];
	return NULL;
}

void json_str(FILE *f, const char *s)
{
	fputc('"', f);
	for (; s && *s; s++) {
		unsigned char c = *s;

		if (c == '"' || c == '\\')
			fprintf(f, "\\%c", c);
		else if (c == '\n')
			fputs("\\n", f);
		else if (c == '\t')
			fputs("\\t", f);
		else if (c < 0x20)
			fprintf(f, "\\u%04x", c);
		else
			fputc(c, f);
	}
	fputc('"', f);
}

int read_line(const char *path, char *buf, size_t size)
{
	FILE *f = fopen(path, "r");

	if (!f)
		return -1;
	if (!fgets(buf, size, f)) {
		fclose(f);
		errno = EIO;
		return -1;
	}
	fclose(f);
	buf[strcspn(buf, "\n")] = 0;
	return 0;
}

int run_output(const char *cmd, char *buf, size_t size)
{
	size_t n = 0, r;
	FILE *p;
	int st;

	buf[0] = 0;
	p = popen(cmd, "r");
	if (!p)
		return -1;
	while (n + 1 < size && (r = fread(buf + n, 1, size - 1 - n, p)) > 0)
		n += r;
	buf[n] = 0;
	/* Drain what does not fit, so the command is not killed by SIGPIPE. */
	while (fread(&st, 1, sizeof(st), p) > 0)
		;
	st = pclose(p);
	return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

int kernel_number(const char *release)
{
	int major = 0, minor = 0;

	if (sscanf(release, "%d.%d", &major, &minor) != 2)
		return 0;
	return major * 1000 + minor;
}

const char *running_kernel(void)
{
	static struct utsname u;

	if (!u.release[0])
		uname(&u);
	return u.release;
}

const char *sdk_version(void)
{
	static const char *const paths[] = {
		"/usr/include/kfunc/version.h", "/usr/local/include/kfunc/version.h",
	};
	static char v[64];
	char line[256];
	unsigned int i;
	FILE *f;

	for (i = 0; i < sizeof(paths) / sizeof(paths[0]); i++) {
		f = fopen(paths[i], "r");
		if (!f)
			continue;
		while (fgets(line, sizeof(line), f))
			if (sscanf(line, "#define KFUNC_VERSION \"%63[^\"]\"", v) == 1) {
				fclose(f);
				return v;
			}
		fclose(f);
	}
	return NULL;
}

const char *module_version(void)
{
	static char v[64];

	return read_line("/sys/module/kfunc/version", v, sizeof(v)) ? NULL : v;
}

static bool quiet = true;

static int print_libbpf(enum libbpf_print_level level, const char *fmt, va_list ap)
{
	if (quiet || level == LIBBPF_DEBUG)
		return 0;
	return vfprintf(stderr, fmt, ap);
}

void libbpf_quiet(bool q)
{
	quiet = q;
}

static void emit(void *ctx, const char *fmt, va_list ap)
{
	vfprintf(ctx, fmt, ap);
}

char *btf_prototype(const struct btf *btf, int func)
{
	const struct btf_type *fn = btf__type_by_id(btf, func);
	const struct btf_type *proto;
	const struct btf_param *p;
	struct btf_dump *d;
	char *text = NULL;
	size_t size = 0;
	FILE *f;
	int i, n;

	if (!fn || !btf_is_func(fn))
		return NULL;
	proto = btf__type_by_id(btf, fn->type);
	if (!proto || !btf_is_func_proto(proto))
		return NULL;
	f = open_memstream(&text, &size);
	if (!f)
		return NULL;
	d = btf_dump__new(btf, emit, f, NULL);
	if (!d) {
		fclose(f);
		free(text);
		return NULL;
	}
	{
		LIBBPF_OPTS(btf_dump_emit_type_decl_opts, o,
			    .field_name = btf__name_by_offset(btf, fn->name_off));
		btf_dump__emit_type_decl(d, proto->type, &o);
	}
	fputc('(', f);
	n = btf_vlen(proto);
	p = btf_params(proto);
	for (i = 0; i < n; i++) {
		LIBBPF_OPTS(btf_dump_emit_type_decl_opts, o,
			    .field_name = btf__name_by_offset(btf, p[i].name_off));

		if (i)
			fputs(", ", f);
		if (!p[i].type) {
			fputs("...", f);
			continue;
		}
		btf_dump__emit_type_decl(d, p[i].type, &o);
	}
	fputs(n ? ")" : "void)", f);
	btf_dump__free(d);
	fclose(f);
	return text;
}

/* kfunc run: the former examples/kfunc-run. */
#define LOG_SIZE (16 * 1024 * 1024)

static volatile sig_atomic_t stop;

static void on_signal(int sig)
{
	stop = sig;
}

static int wanted(const char *name, int argc, char **argv)
{
	int i;

	if (argc == 0)
		return 1;
	for (i = 0; i < argc; i++)
		if (!strcmp(argv[i], name))
			return 1;
	return 0;
}

int cmd_run(int argc, char **argv)
{
	struct bpf_link *links[64] = {};
	int nlinks = 0, ret = EXIT_FAIL, i;
	struct bpf_program *prog;
	sigset_t mask, waitmask;
	struct bpf_object *obj;
	char *log;

	if (argc < 2 || !strcmp(argv[1], "-h") || !strcmp(argv[1], "--help")) {
		fprintf(stderr, "usage: kfunc run OBJ [PROG...]\n"
			"load the BPF object OBJ, attach its programs (or only PROG...),\n"
			"detach on Ctrl-C; on a verifier error print its log, exit 1\n");
		return EXIT_USAGE;
	}
	sigemptyset(&mask);
	sigaddset(&mask, SIGINT);
	sigaddset(&mask, SIGTERM);
	sigprocmask(SIG_BLOCK, &mask, &waitmask);
	sigdelset(&waitmask, SIGINT);
	sigdelset(&waitmask, SIGTERM);
	signal(SIGINT, on_signal);
	signal(SIGTERM, on_signal);

	/* libbpf's own warnings and errors are shown: the verifier log is ours. */
	libbpf_quiet(false);
	log = calloc(1, LOG_SIZE);
	if (!log)
		return EXIT_FAIL;

	LIBBPF_OPTS(bpf_object_open_opts, opts, .kernel_log_buf = log,
		    .kernel_log_size = LOG_SIZE, .kernel_log_level = 1);
	obj = bpf_object__open_file(argv[1], &opts);
	if (!obj) {
		fprintf(stderr, "kfunc run: cannot open %s: %s\n", argv[1], strerror(errno));
		free(log);
		return EXIT_FAIL;
	}
	for (i = 2; i < argc; i++) {
		if (bpf_object__find_program_by_name(obj, argv[i]))
			continue;
		fprintf(stderr, "kfunc run: %s has no program %s; it has:", argv[1], argv[i]);
		bpf_object__for_each_program(prog, obj)
			fprintf(stderr, " %s", bpf_program__name(prog));
		fprintf(stderr, "\n");
		ret = EXIT_USAGE;
		goto out;
	}
	bpf_object__for_each_program(prog, obj)
		bpf_program__set_autoload(prog, wanted(bpf_program__name(prog), argc - 2, argv + 2));

	if (bpf_object__load(obj)) {
		fprintf(stderr, "kfunc run: the kernel refused %s: %s\n", argv[1], strerror(errno));
		if (log[0])
			fprintf(stderr, "--- verifier log ---\n%s--- end of verifier log ---\n", log);
		goto out;
	}

	bpf_object__for_each_program(prog, obj) {
		if (!bpf_program__autoload(prog))
			continue;
		if (nlinks == (int)(sizeof(links) / sizeof(links[0]))) {
			fprintf(stderr, "kfunc run: more than %d programs\n", nlinks);
			goto out;
		}
		links[nlinks] = bpf_program__attach(prog);
		if (!links[nlinks] && errno == EOPNOTSUPP) {
			/* syscall, plain tc/xdp: nothing to attach to by name. */
			printf("loaded, not attached (no attach point in its section): %s (%s)\n",
			       bpf_program__name(prog), bpf_program__section_name(prog));
			continue;
		}
		if (!links[nlinks]) {
			fprintf(stderr, "kfunc run: cannot attach %s (%s): %s\n",
				bpf_program__name(prog), bpf_program__section_name(prog),
				strerror(errno));
			goto out;
		}
		printf("attached: %s (%s)\n", bpf_program__name(prog),
		       bpf_program__section_name(prog));
		nlinks++;
	}
	fflush(stdout);

	/* Signals stay blocked except inside sigsuspend: none is lost. */
	while (!stop)
		sigsuspend(&waitmask);
	printf("detaching on %s\n", stop == SIGINT ? "SIGINT" : "SIGTERM");
	ret = EXIT_OK;
out:
	for (i = 0; i < nlinks; i++)
		bpf_link__destroy(links[i]);
	bpf_object__close(obj);
	free(log);
	return ret;
}

static void usage(FILE *f)
{
	fprintf(f,
		"usage: kfunc COMMAND [ARGS]\n"
		"  list [--json]                 the kfuncs this kernel offers, kfunc's and its own\n"
		"  doctor [--json] [-k KVER]     check that kfunc works here, with the fix when not\n"
		"  probe [--json] NAME|--all [--type TYPE]...\n"
		"                                may a program of TYPE call NAME on this kernel?\n"
		"                                TYPE: tc xdp syscall fentry kprobe lsm\n"
		"  run OBJ [PROG...]             load and attach a BPF object until Ctrl-C\n"
		"  version                       this tool's version\n"
		"exit status: 0 all good, 1 a check, probe or load failed, 2 usage\n"
		"see kfunc(8)\n");
}

int main(int argc, char **argv)
{
	libbpf_set_print(print_libbpf);
	if (argc < 2) {
		usage(stderr);
		return EXIT_USAGE;
	}
	if (!strcmp(argv[1], "list"))
		return cmd_list(argc - 1, argv + 1);
	if (!strcmp(argv[1], "doctor"))
		return cmd_doctor(argc - 1, argv + 1);
	if (!strcmp(argv[1], "probe"))
		return cmd_probe(argc - 1, argv + 1);
	if (!strcmp(argv[1], "run"))
		return cmd_run(argc - 1, argv + 1);
	if (!strcmp(argv[1], "version") || !strcmp(argv[1], "--version")) {
		printf("kfunc %s\n", KFUNC_VERSION);
		return EXIT_OK;
	}
	if (!strcmp(argv[1], "help") || !strcmp(argv[1], "-h") || !strcmp(argv[1], "--help")) {
		usage(stdout);
		return EXIT_OK;
	}
	fprintf(stderr, "kfunc: unknown command '%s'\n", argv[1]);
	usage(stderr);
	return EXIT_USAGE;
}
