// SPDX-License-Identifier: GPL-2.0
/*
 * kfunc-run: load any BPF object, attach its programs, wait for Ctrl-C.
 *
 *   kfunc-run OBJ [PROG...]
 *
 * Opens OBJ, loads it (only the named programs if any are given), attaches
 * every loaded program by its section name (programs whose section names no
 * attach point, such as syscall, stay loaded), prints "attached: ..." and waits
 * until SIGINT or SIGTERM, then detaches and exits 0. When the kernel
 * refuses a program, the verifier's log is printed in full and the exit
 * status is 1; the status is 2 for a usage error.
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <bpf/libbpf.h>

#define LOG_SIZE (16 * 1024 * 1024)

static volatile sig_atomic_t stop;

static void on_signal(int sig)
{
	stop = sig;
}

/* libbpf's own messages, warnings and errors only: the verifier log is ours. */
static int print_libbpf(enum libbpf_print_level level, const char *fmt, va_list ap)
{
	if (level == LIBBPF_DEBUG)
		return 0;
	return vfprintf(stderr, fmt, ap);
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

int main(int argc, char **argv)
{
	struct bpf_link *links[64] = {};
	struct bpf_object *obj;
	struct bpf_program *prog;
	sigset_t mask, waitmask;
	int nlinks = 0, ret = 1, i;
	char *log;

	if (argc < 2 || !strcmp(argv[1], "-h") || !strcmp(argv[1], "--help")) {
		fprintf(stderr, "usage: kfunc-run OBJ [PROG...]\n"
			"load the BPF object OBJ, attach its programs (or only PROG...),\n"
			"detach on Ctrl-C; on a verifier error print its log, exit 1\n");
		return 2;
	}
	sigemptyset(&mask);
	sigaddset(&mask, SIGINT);
	sigaddset(&mask, SIGTERM);
	sigprocmask(SIG_BLOCK, &mask, &waitmask);
	sigdelset(&waitmask, SIGINT);
	sigdelset(&waitmask, SIGTERM);
	signal(SIGINT, on_signal);
	signal(SIGTERM, on_signal);

	libbpf_set_print(print_libbpf);
	log = calloc(1, LOG_SIZE);
	if (!log)
		return 1;

	LIBBPF_OPTS(bpf_object_open_opts, opts, .kernel_log_buf = log,
		    .kernel_log_size = LOG_SIZE, .kernel_log_level = 1);
	obj = bpf_object__open_file(argv[1], &opts);
	if (!obj) {
		fprintf(stderr, "kfunc-run: cannot open %s: %s\n", argv[1], strerror(errno));
		free(log);
		return 1;
	}
	for (i = 2; i < argc; i++) {
		if (bpf_object__find_program_by_name(obj, argv[i]))
			continue;
		fprintf(stderr, "kfunc-run: %s has no program %s; it has:", argv[1], argv[i]);
		bpf_object__for_each_program(prog, obj)
			fprintf(stderr, " %s", bpf_program__name(prog));
		fprintf(stderr, "\n");
		ret = 2;
		goto out;
	}
	bpf_object__for_each_program(prog, obj)
		bpf_program__set_autoload(prog, wanted(bpf_program__name(prog), argc - 2, argv + 2));

	if (bpf_object__load(obj)) {
		fprintf(stderr, "kfunc-run: the kernel refused %s: %s\n", argv[1], strerror(errno));
		if (log[0])
			fprintf(stderr, "--- verifier log ---\n%s--- end of verifier log ---\n", log);
		goto out;
	}

	bpf_object__for_each_program(prog, obj) {
		if (!bpf_program__autoload(prog))
			continue;
		if (nlinks == (int)(sizeof(links) / sizeof(links[0]))) {
			fprintf(stderr, "kfunc-run: more than %d programs\n", nlinks);
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
			fprintf(stderr, "kfunc-run: cannot attach %s (%s): %s\n",
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
	ret = 0;
out:
	for (i = 0; i < nlinks; i++)
		bpf_link__destroy(links[i]);
	bpf_object__close(obj);
	free(log);
	return ret;
}
