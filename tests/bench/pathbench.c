// SPDX-License-Identifier: GPL-2.0
/*
 * pathbench: runs inside the benchmark VM (tests/bench/guest.sh), after
 * kfunc.ko is loaded. kf_file_path() against the pure-BPF dentry walks of
 * Tetragon, Falco and Tracee (paths.bpf.c), on files DEPTH directories
 * below a tmpfs mounted on BASE/kfpathbench, for each DEPTH of 4, 16, 64
 * and 450 (a path of about 4 KiB, near PATH_MAX); names of 8 bytes.
 *
 *   pathbench [-b BASE] [-r RUNS] [-n CALLS] CLOCK
 *
 * Each method is an fentry program on security_file_open(), loaded in an
 * object of its own (BPF_LOG_STATS: a program the verifier refuses is a
 * row, with its message), all attached at once and turned on one at a
 * time. A run opens the file CALLS times (openat() in its directory) with
 * one program on, which times its method on each open; the figure is the
 * median over RUNS runs of the average per call; every (method, depth)
 * runs once in turn, then again. The path each method made is compared
 * with readlink() of /proc/self/fd/N (d_path()). Prints one line a
 * (method, depth):
 *
 *   P kernel clock method depth status median min max runs calls
 *     verified_insns path_len got_len whole msg
 *
 * status: ok, rejected (by the verifier), error; whole: yes, no (a part
 * of the path, cut at its start), wrong (another string). Exits 1 when
 * something failed (a refused pure-BPF walk is a finding, not a failure).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/utsname.h>
#include <unistd.h>

#include <bpf/bpf.h>
#include <bpf/libbpf.h>

#include "paths.h"
#include "paths.skel.h"

#define MAX_RUNS 15
#define NDEPTHS 4
#define NMETHODS 5
#define LOG_SIZE (64 * 1024)

static const unsigned int depths[NDEPTHS] = { 4, 16, 64, 450 };
static const char * const methods[NMETHODS] = { "kf", "tetragon", "falco", "tracee", "none" };

struct tree {
	int dir;			/* O_PATH: the deepest directory */
	char path[PB_PATH_MAX];		/* the file's path, as d_path() makes it */
	unsigned int len;
};

struct method {
	const char *name;
	struct paths_bpf *skel;
	struct bpf_link *link;
	const char *status;		/* ok, rejected, error */
	long long verified;
	char msg[300];
	char log[LOG_SIZE];
	/* per depth */
	double v[NDEPTHS][MAX_RUNS];
	unsigned int got_len[NDEPTHS];
	const char *whole[NDEPTHS];
	char dmsg[NDEPTHS][120];
};

static struct tree trees[NDEPTHS];
static struct method ms[NMETHODS];
static int runs = 5, calls = 300;
static const char *clock_name;
static char kernel[65];

static int libbpf_quiet(enum libbpf_print_level level, const char *fmt, va_list ap)
{
	(void)level;
	(void)fmt;
	(void)ap;
	return 0;
}

/* BASE/kfpathbench/aNNNNNNN/.../fNNNNNNN for each depth (a, b, c, d). */
static int make_trees(const char *base)
{
	char top[512], name[16], fd_link[64];
	unsigned int t, i;
	int fd, next, f;
	ssize_t n;

	snprintf(top, sizeof(top), "%s/kfpathbench", base);
	if (mkdir(top, 0755) && errno != EEXIST) {
		fprintf(stderr, "mkdir %s: %s\n", top, strerror(errno));
		return -1;
	}
	umount2(top, MNT_DETACH);	/* a previous run's */
	if (mount("tmpfs", top, "tmpfs", 0, "size=16m"))
		fprintf(stderr, "mount tmpfs on %s: %s (going on without)\n", top, strerror(errno));
	for (t = 0; t < NDEPTHS; t++) {
		fd = open(top, O_PATH | O_DIRECTORY);
		for (i = 1; fd >= 0 && i <= depths[t]; i++) {
			snprintf(name, sizeof(name), "%c%07u", 'a' + t, i);
			if (mkdirat(fd, name, 0755) && errno != EEXIST)
				break;
			next = openat(fd, name, O_PATH | O_DIRECTORY);
			close(fd);
			fd = next;
		}
		if (fd < 0 || i <= depths[t]) {
			fprintf(stderr, "depth %u: directory %u: %s\n", depths[t], i, strerror(errno));
			return -1;
		}
		snprintf(name, sizeof(name), "f%07u", depths[t]);
		f = openat(fd, name, O_CREAT | O_RDONLY, 0644);
		snprintf(fd_link, sizeof(fd_link), "/proc/self/fd/%d", f);
		n = f < 0 ? -1 : readlink(fd_link, trees[t].path, sizeof(trees[t].path) - 1);
		if (n < 0) {
			fprintf(stderr, "depth %u: %s: %s\n", depths[t], name, strerror(errno));
			return -1;
		}
		close(f);
		trees[t].path[n] = 0;
		trees[t].len = n;
		trees[t].dir = fd;
	}
	return 0;
}

/* The verifier's complaint: the last line of its log that is no statistic. */
static void last_line(char *msg, size_t size, const char *log)
{
	const char *line, *end;

	for (line = log; *line; line = *end ? end + 1 : end) {
		end = strchrnul(line, '\n');
		if (end == line || !strncmp(line, "processed ", 10) ||
		    !strncmp(line, "verification time", 17) || !strncmp(line, "stack depth", 11))
			continue;
		snprintf(msg, size, "%.*s", (int)(end - line), line);
	}
}

static struct bpf_program *prog_of(struct paths_bpf *s, int m)
{
	struct bpf_program *p[NMETHODS] = {
		s->progs.pb_kf, s->progs.pb_tetragon, s->progs.pb_falco, s->progs.pb_tracee,
		s->progs.pb_none,
	};

	return p[m];
}

/* Load and attach method @i's program, alone in its object. */
static void load(int i)
{
	struct method *m = &ms[i];
	struct bpf_prog_info info = { 0 };
	__u32 info_len = sizeof(info);
	struct bpf_program *p;
	int j, err, ncpu;

	m->name = methods[i];
	m->status = "error";
	m->skel = paths_bpf__open();
	if (!m->skel) {
		snprintf(m->msg, sizeof(m->msg), "cannot open: %s", strerror(errno));
		return;
	}
	for (j = 0; j < NMETHODS; j++)
		bpf_program__set_autoload(prog_of(m->skel, j), j == i);
	p = prog_of(m->skel, i);
	bpf_program__set_log_level(p, 4);	/* BPF_LOG_STATS */
	bpf_program__set_log_buf(p, m->log, LOG_SIZE);
	ncpu = libbpf_num_possible_cpus();
	bpf_map__set_max_entries(m->skel->maps.falco_aux, ncpu > 0 ? ncpu : 1);
	err = paths_bpf__load(m->skel);
	if (err) {
		m->status = "rejected";
		last_line(m->msg, sizeof(m->msg), m->log);
		if (!m->msg[0])
			snprintf(m->msg, sizeof(m->msg), "load failed: %s", strerror(-err));
		fprintf(stderr, "%s: the verifier's log (BPF_LOG_STATS):\n%s\n", m->name, m->log);
		return;
	}
	if (!bpf_prog_get_info_by_fd(bpf_program__fd(p), &info, &info_len))
		m->verified = info.verified_insns;
	m->link = bpf_program__attach(p);
	if (!m->link) {
		snprintf(m->msg, sizeof(m->msg), "attach: %s", strerror(errno));
		return;
	}
	m->skel->bss->tgid = getpid();
	m->status = "ok";
}

/* @n opens of depth @t's file with method @m on: ns per call, or < 0. */
static double run(struct method *m, int t, int n)
{
	char name[16];
	int i, f;

	snprintf(name, sizeof(name), "f%07u", depths[t]);
	m->skel->bss->ns = 0;
	m->skel->bss->calls = 0;
	m->skel->bss->on = 1;
	for (i = 0; i < n; i++) {
		f = openat(trees[t].dir, name, O_RDONLY);
		if (f < 0)
			break;
		close(f);
	}
	m->skel->bss->on = 0;
	if (m->skel->bss->calls != (__u64)n)
		return -1;
	return (double)m->skel->bss->ns / n;
}

/* One call: is the path the method made the file's whole path? */
static void check(struct method *m, int t)
{
	const char *want = trees[t].path, *got = m->skel->bss->got;
	unsigned int n, w = trees[t].len;

	m->whole[t] = "-";
	if (run(m, t, 1) < 0) {
		m->status = "error";
		snprintf(m->msg, sizeof(m->msg), "depth %u: the program did not run", depths[t]);
		return;
	}
	n = m->skel->bss->got_len;
	m->got_len[t] = n;
	if (!strcmp(m->name, "none"))
		return;
	if (n == w && !strcmp(got, want)) {
		m->whole[t] = "yes";
	} else if (n < w && !strcmp(got, want + w - n)) {
		m->whole[t] = "no";
		snprintf(m->dmsg[t], sizeof(m->dmsg[t]), "its last %u of %u bytes", n, w);
	} else if (n > 0 && n < w && got[0] == '/' && !strcmp(got + 1, want + w - n + 1)) {
		m->whole[t] = "no";
		snprintf(m->dmsg[t], sizeof(m->dmsg[t]), "'/' and its last %u of %u bytes", n - 1, w);
	} else {
		m->whole[t] = "wrong";
		snprintf(m->dmsg[t], sizeof(m->dmsg[t]), "status %lld, %u bytes: %.60s",
			 (long long)m->skel->bss->status, n, got);
	}
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

int main(int argc, char **argv)
{
	const char *base = "/tmp";
	struct utsname u;
	int c, i, t, r, bad = 0;
	double *v, med;

	while ((c = getopt(argc, argv, "b:r:n:")) != -1) {
		switch (c) {
		case 'b':
			base = optarg;
			break;
		case 'r':
			runs = atoi(optarg);
			break;
		case 'n':
			calls = atoi(optarg);
			break;
		default:
			goto usage;
		}
	}
	if (optind != argc - 1 || runs < 1 || runs > MAX_RUNS || calls < 1)
		goto usage;
	clock_name = argv[optind];
	uname(&u);
	snprintf(kernel, sizeof(kernel), "%s", u.release);
	libbpf_set_print(getenv("BENCH_VERBOSE") ? NULL : libbpf_quiet);

	if (make_trees(base))
		return 1;
	for (i = 0; i < NMETHODS; i++)
		load(i);
	for (i = 0; i < NMETHODS; i++)
		for (t = 0; t < NDEPTHS && !strcmp(ms[i].status, "ok"); t++)
			check(&ms[i], t);
	for (r = 0; r < runs; r++)
		for (t = 0; t < NDEPTHS; t++)
			for (i = 0; i < NMETHODS; i++) {
				if (strcmp(ms[i].status, "ok"))
					continue;
				ms[i].v[t][r] = run(&ms[i], t, calls);
				if (ms[i].v[t][r] < 0) {
					ms[i].status = "error";
					snprintf(ms[i].msg, sizeof(ms[i].msg), "depth %u: a run missed calls",
						 depths[t]);
				}
			}

	for (i = 0; i < NMETHODS; i++) {
		struct method *m = &ms[i];

		bad |= strcmp(m->status, "ok") && (strcmp(m->status, "rejected") || i == 0 || i == 4);
		for (t = 0; t < NDEPTHS; t++) {
			int ok = !strcmp(m->status, "ok");

			v = m->v[t];
			med = 0;
			if (ok) {
				qsort(v, runs, sizeof(v[0]), cmp_double);
				med = runs % 2 ? v[runs / 2] : (v[runs / 2 - 1] + v[runs / 2]) / 2;
			}
			/* kf_file_path must give the whole path at every depth */
			if (ok && i == 0 && strcmp(m->whole[t], "yes"))
				bad = 1;
			printf("P\t%s\t%s\t%s\t%u\t%s\t%.1f\t%.1f\t%.1f\t%d\t%d\t%lld\t%u\t%u\t%s\t%s\n",
			       kernel, clock_name, m->name, depths[t], m->status, med,
			       ok ? v[0] : 0, ok ? v[runs - 1] : 0, runs, calls, m->verified,
			       trees[t].len, ok ? m->got_len[t] : 0, ok ? m->whole[t] : "-",
			       m->msg[0] ? m->msg : m->dmsg[t]);
		}
		if (m->link)
			bpf_link__destroy(m->link);
		paths_bpf__destroy(m->skel);
	}
	fflush(stdout);
	return bad;
usage:
	fprintf(stderr, "usage: pathbench [-b BASE] [-r RUNS] [-n CALLS] CLOCK\n");
	return 2;
}
