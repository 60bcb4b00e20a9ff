// SPDX-License-Identifier: GPL-2.0
/*
 * bench: runs inside the benchmark VM (tests/bench/guest.sh), after
 * kfunc.ko is loaded. For each BPF object in DIR (kfuncs.bpf.o,
 * baselines.bpf.o, and upstream.bpf.o where the kernel has the string
 * kfuncs), loads its programs with the verifier's statistics
 * (BPF_LOG_STATS), fills each program's inputs, checks its result and
 * calibrates REPEAT so that a BPF_PROG_TEST_RUN of REPEAT calls takes about
 * TARGET_MS. Then it times every program RUNS times, in turns.
 *
 *   bench [-d DIR] [-r RUNS] [-t TARGET_MS] [-s SKIP] [-o ONLY] CLOCK
 *
 * The baselines are loaded one program at a time (autoload), so that one
 * the verifier refuses stops none of the others; the kfunc programs, which
 * the verifier accepts, are loaded together (once libbpf has read the
 * kernel's BTF, which takes long under emulation), one at a time if that
 * fails. Prints one tab-separated line per program (see row()) at the
 * end; exits 1 when an object cannot be opened, the verifier refuses a
 * kfunc or upstream program, or a program could not be run or gave a
 * wrong result (a refused pure-BPF baseline is a finding). DIR defaults
 * to bench's own directory; SKIP is a comma-separated list of programs
 * not to load (their row says so), ONLY one of the programs to run, to
 * the exclusion of the others (no row for them). The log of a
 * program the verifier refuses goes to stderr.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/utsname.h>
#include <time.h>
#include <unistd.h>

#include <linux/bpf.h>
#include <bpf/bpf.h>
#include <bpf/btf.h>
#include <bpf/libbpf.h>

#include "bench.h"
#include "inputs.h"
#include "loader.h"

#define MAX_RUNS 15
#define MAX_PROGS 128
#define LOG_SIZE (64 * 1024)

static int runs = 5;
static double target_ms = 100;
static const char *skip = "", *only;
static const char *clock_name, *dir;
static char kernel[65];

static void row(const struct result *r)
{
	printf("R\t%s\t%s\t%s\t%s\t%u\t%s\t%.0f\t%.0f\t%.0f\t%d\t%llu\t%lld\t%lld\t%lld\t%lld\t%lld\t%lld\t%.0f\t%s\n",
	       kernel, clock_name, r->job, r->impl, r->size, r->status, r->med, r->min, r->max,
	       runs, r->repeat, r->verified, r->insns, r->processed, r->states, r->peak,
	       r->verif_us, r->load_ms, r->msg);
	fflush(stdout);
}

static double now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static void crc_table(unsigned int *t, unsigned int poly)
{
	unsigned int i, k, c;

	for (i = 0; i < 256; i++) {
		for (c = i, k = 0; k < 8; k++)
			c = c & 1 ? (c >> 1) ^ poly : c >> 1;
		t[i] = c;
	}
}

/* The inputs of @job at size @n; the outputs set to values no job gives. */
static void fill(struct bench_data *d, const char *job, unsigned int n)
{
	memset(d, 0, sizeof(*d));
	memcpy(d->needle, NEEDLE, NEEDLE_LEN);
	crc_table(d->crc32_tab, 0xedb88320);
	crc_table(d->crc32c_tab, 0x82f63b78);
	d->ret = -12345;
	d->val = 0;
	if (!strcmp(job, "pbvar")) {
		pb_message(d->hay, n);
		return;
	}
	/* Text, NUL-terminated at n for the kernel's string kfuncs. */
	text(d->hay, n);
	if (!strcmp(job, "strstr"))
		memcpy(d->hay + n - NEEDLE_LEN, NEEDLE, NEEDLE_LEN);
	if (!strcmp(job, "memchr"))
		d->hay[n - 1] = MEMCHR_BYTE;
	memcpy(d->hay2, d->hay, n);
}

/*
 * The kf_hash programs' results, which the pure-BPF hashes must match
 * (kfuncs.bpf.o runs first).
 */
static struct {
	char job[16];
	unsigned int size;
	long long ret;
} refs[64];
static int nrefs;

static long long *ref_of(const char *job, unsigned int size, int add)
{
	int i;

	for (i = 0; i < nrefs; i++)
		if (!strcmp(refs[i].job, job) && refs[i].size == size)
			return &refs[i].ret;
	if (!add || nrefs == 64)
		return NULL;
	snprintf(refs[nrefs].job, sizeof(refs[nrefs].job), "%s", job);
	refs[nrefs].size = size;
	return &refs[nrefs++].ret;
}

/* 0 when @ret (and @val) are what the job must give. */
static int check(struct result *r, long long ret, unsigned long long val)
{
	const char *j = r->job;
	int kf = !strcmp(r->impl, "kf");
	long long want, *ref;

	if (!strcmp(j, "strstr")) {
		want = r->size - NEEDLE_LEN;
	} else if (!strcmp(j, "strcmp") || !strcmp(j, "empty")) {
		want = 0;
	} else if (!strcmp(j, "memchr")) {
		want = r->size - 1;
	} else if (!strcmp(j, "pbvar")) {
		want = val == PB_VALUE ? 0 : -1000;
	} else {
		/* A hash: the same as kf_hash's, which kfunc_test checks. */
		ref = ref_of(j, r->size, kf);
		if (!ref) {
			snprintf(r->msg, sizeof(r->msg),
				 "no kf_hash result to check it against (run the kf program too)");
			return -1;
		}
		if (kf) {
			*ref = ret;
			return 0;
		}
		want = *ref;
	}
	if (ret == want)
		return 0;
	snprintf(r->msg, sizeof(r->msg), "returned %lld (val %llu), want %lld", ret, val, want);
	return -1;
}

static int test_run(int fd, unsigned long long repeat, double *ns)
{
	char pkt[64] = { 0 };
	LIBBPF_OPTS(bpf_test_run_opts, opts, .data_in = pkt, .data_size_in = sizeof(pkt),
		    .repeat = repeat);
	int err = bpf_prog_test_run_opts(fd, &opts);

	*ns = opts.duration;
	return err ? -errno : (int)opts.retval;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

/* The repeat count for runs of about target_ms: 0, or a negative errno. */
static int calibrate(struct result *r, int fd)
{
	unsigned long long rep = 1;
	double ns;
	int err;

	for (;;) {
		err = test_run(fd, rep, &ns);
		if (err)
			return err;
		if (ns * rep >= target_ms * 1e5 || rep >= 100000000)
			break;	/* a tenth of the target: enough to scale */
		rep *= 16;
	}
	rep = target_ms * 1e6 / (ns > 1 ? ns : 1);
	r->repeat = rep < 1 ? 1 : rep > 100000000 ? 100000000 : rep;
	return 0;
}

static char logs[MAX_PROGS][LOG_SIZE];

/*
 * Open DIR/@file and load its programs, all or only @alone, each with its
 * own log (logs[i] for the object's i-th program). NULL when it cannot be
 * opened; *@err is the load's result.
 */
static struct bpf_object *open_load(const char *file, const char *alone, int *err, double *ms)
{
	char path[4096];
	struct bpf_object *obj;
	struct bpf_program *p;
	double t0;
	int i = 0;

	snprintf(path, sizeof(path), "%s/%s", dir, file);
	obj = bpf_object__open_file(path, NULL);
	if (!obj) {
		*err = -errno;
		return NULL;
	}
	bpf_object__for_each_program(p, obj) {
		int on = !alone || !strcmp(bpf_program__name(p), alone);

		bpf_program__set_autoload(p, on);
		if (on && i < MAX_PROGS) {
			logs[i][0] = 0;
			bpf_program__set_log_level(p, 4);	/* BPF_LOG_STATS */
			bpf_program__set_log_buf(p, logs[i], LOG_SIZE);
		}
		i++;
	}
	t0 = now_ms();
	*err = bpf_object__load(obj);
	*ms = now_ms() - t0;
	return obj;
}

/*
 * Every program of the run: its result, and once it is loaded, its object
 * (owned, closed at the end, by the first of the programs loaded with it),
 * inputs and timings.
 */
static struct entry {
	struct result r;
	struct bpf_object *obj;
	int owner, fd;
	struct bench_data *d;
	double v[MAX_RUNS];
} entries[3 * MAX_PROGS];
static int nentries;

static struct entry *new_entry(const char *name)
{
	struct entry *e;

	if (nentries == sizeof(entries) / sizeof(entries[0]))
		return NULL;
	e = &entries[nentries];
	memset(e, 0, sizeof(*e));
	e->r.status = "ok";
	snprintf(e->r.name, sizeof(e->r.name), "%.63s", name);
	if (sscanf(name, "%15[^_]_%7[^_]_%u", e->r.job, e->r.impl, &e->r.size) != 3 ||
	    (only && !in_list(only, name)))
		return NULL;	/* not a benchmark, or not asked for */
	nentries++;
	return e;
}

/*
 * Loaded program @p, the @i-th of @obj: its verifier statistics, then one
 * checked run, then the calibration of its repeat count.
 */
static void prepare(struct entry *e, struct bpf_object *obj, struct bpf_program *p, int i)
{
	struct result *r = &e->r;
	struct bpf_prog_info info = { 0 };
	__u32 info_len = sizeof(info);
	size_t size = 0;
	int err;

	e->obj = obj;
	e->fd = bpf_program__fd(p);
	parse_log(r, logs[i], 0);
	if (!bpf_prog_get_info_by_fd(e->fd, &info, &info_len)) {
		r->verified = info.verified_insns;
		r->insns = info.xlated_prog_len / 8;
	}
	e->d = bpf_map__initial_value(bpf_object__find_map_by_name(obj, ".bss"), &size);
	if (!e->d || size < sizeof(*e->d)) {
		r->status = "error";
		snprintf(r->msg, sizeof(r->msg), "no .bss of %zu bytes (%zu)", sizeof(*e->d), size);
		return;
	}
	fill(e->d, r->job, r->size);
	err = test_run(e->fd, 1, &(double){ 0 });
	if (err) {
		r->status = "error";
		snprintf(r->msg, sizeof(r->msg), "BPF_PROG_TEST_RUN: %d", err);
	} else if (check(r, e->d->ret, e->d->val)) {
		r->status = "wrong";
	} else {
		err = calibrate(r, e->fd);
		if (err) {
			r->status = "error";
			snprintf(r->msg, sizeof(r->msg), "BPF_PROG_TEST_RUN (calibration): %d",
				 err);
		}
	}
}

/*
 * Load every program of DIR/@file, in the object's order, and prepare
 * it: all together (one at a time if that fails), or one at a time.
 */
static int load_obj(const char *file, int together)
{
	char names[MAX_PROGS][64], path[4096];
	struct bpf_object *obj;
	struct bpf_program *p;
	struct entry *e;
	int n = 0, i, err, owner = 1;
	double ms;

	snprintf(path, sizeof(path), "%s/%s", dir, file);
	obj = bpf_object__open_file(path, NULL);
	if (!obj) {
		printf("bench: cannot open %s: %s\n", path, strerror(errno));
		return -1;
	}
	bpf_object__for_each_program(p, obj)
		if (n < MAX_PROGS)
			snprintf(names[n++], sizeof(names[0]), "%s", bpf_program__name(p));
	bpf_object__close(obj);

	if (together) {
		obj = open_load(file, NULL, &err, &ms);
		if (!err) {
			i = 0;
			bpf_object__for_each_program(p, obj) {
				e = new_entry(names[i]);
				if (e && in_list(skip, names[i])) {
					e->r.status = "skipped";
				} else if (e) {
					e->r.load_ms = ms / n;	/* its share */
					e->owner = owner;
					owner = 0;
					prepare(e, obj, p, i);
				}
				i++;
			}
			if (owner)	/* none was asked for */
				bpf_object__close(obj);
			return 0;
		}
		bpf_object__close(obj);
		fprintf(stderr, "%s: loading its programs together failed (%d): one at a time\n",
			file, err);
	}
	for (i = 0; i < n; i++) {
		e = new_entry(names[i]);
		if (!e)
			continue;
		if (in_list(skip, names[i])) {
			e->r.status = "skipped";
			continue;
		}
		obj = open_load(file, names[i], &err, &ms);
		e->r.load_ms = ms;
		if (!obj) {
			e->r.status = "error";
			snprintf(e->r.msg, sizeof(e->r.msg), "cannot open: %s", strerror(-err));
		} else if (err) {
			e->r.status = "rejected";
			parse_log(&e->r, logs[i], 1);
			if (!e->r.msg[0])
				snprintf(e->r.msg, sizeof(e->r.msg), "load failed: %s", strerror(-err));
			fprintf(stderr, "%s: the verifier's log (BPF_LOG_STATS):\n%s\n", names[i], logs[i]);
			bpf_object__close(obj);
		} else {
			e->owner = 1;
			prepare(e, obj, bpf_object__find_program_by_name(obj, names[i]), i);
		}
	}
	return 0;
}

/*
 * Time every prepared program, one run each in turn, RUNS times over: a
 * disturbance of the host (under TCG, other VMs) then touches one run of
 * many programs rather than every run of one.
 */
static void measure_all(void)
{
	struct entry *e;
	int run, err;

	for (run = 0; run < runs; run++) {
		for (e = entries; e < entries + nentries; e++) {
			if (strcmp(e->r.status, "ok"))
				continue;
			fill(e->d, e->r.job, e->r.size);
			err = test_run(e->fd, e->r.repeat, &e->v[run]);
			if (err) {
				e->r.status = "error";
				snprintf(e->r.msg, sizeof(e->r.msg), "BPF_PROG_TEST_RUN (timed): %d", err);
			}
		}
	}
	for (e = entries; e < entries + nentries; e++) {
		if (strcmp(e->r.status, "ok"))
			continue;
		qsort(e->v, runs, sizeof(e->v[0]), cmp_double);
		e->r.min = e->v[0];
		e->r.max = e->v[runs - 1];
		e->r.med = runs % 2 ? e->v[runs / 2] : (e->v[runs / 2 - 1] + e->v[runs / 2]) / 2;
	}
}

/* The kernel's string kfuncs: from 6.17; their names in vmlinux's BTF. */
static int has_upstream(void)
{
	struct btf *btf = btf__load_vmlinux_btf();
	int ok;

	if (!btf)
		return 0;
	ok = btf__find_by_name_kind(btf, "bpf_strstr", BTF_KIND_FUNC) > 0;
	btf__free(btf);
	return ok;
}

int main(int argc, char **argv)
{
	struct utsname u;
	int c, i, upstream, bad = 0;

	while ((c = getopt(argc, argv, "d:r:t:s:o:")) != -1) {
		switch (c) {
		case 'd':
			dir = optarg;
			break;
		case 'r':
			runs = atoi(optarg);
			break;
		case 't':
			target_ms = atof(optarg);
			break;
		case 's':
			skip = optarg;
			break;
		case 'o':
			only = optarg;
			break;
		default:
			goto usage;
		}
	}
	if (optind != argc - 1 || runs < 1 || runs > MAX_RUNS || target_ms <= 0)
		goto usage;
	clock_name = argv[optind];
	uname(&u);
	snprintf(kernel, sizeof(kernel), "%s", u.release);
	libbpf_set_print(getenv("BENCH_VERBOSE") ? NULL : libbpf_quiet);

	if (!dir) {
		static char here[4096];

		snprintf(here, sizeof(here), "%s", argv[0]);
		dir = strrchr(here, '/') ? (*strrchr(here, '/') = 0, here) : ".";
	}

	bad |= load_obj("kfuncs.bpf.o", 1) < 0;
	bad |= load_obj("baselines.bpf.o", 0) < 0;
	upstream = has_upstream();
	if (upstream)
		bad |= load_obj("upstream.bpf.o", 1) < 0;
	measure_all();

	/*
	 * A pure-BPF baseline the verifier refuses is a finding; a kfunc or
	 * upstream program it refuses is a failure (the module's BTF or
	 * registration is broken).
	 */
	for (i = 0; i < nentries; i++) {
		const struct result *r = &entries[i].r;

		row(r);
		if (!strcmp(r->status, "rejected"))
			bad |= !strcmp(r->impl, "kf") || !strcmp(r->impl, "up");
		else
			bad |= strcmp(r->status, "ok") && strcmp(r->status, "skipped");
	}
	if (!upstream) {
		static const char * const jobs[] = { "strstr", "strcmp", "memchr" };
		struct result r = { .impl = "up", .status = "absent" };
		unsigned int s;

		snprintf(r.msg, sizeof(r.msg), "this kernel has no bpf_strstr (6.17 and later have)");
		for (i = 0; i < 3; i++)
			for (s = 16; s <= 4096; s *= 16) {
				snprintf(r.job, sizeof(r.job), "%s", jobs[i]);
				snprintf(r.name, sizeof(r.name), "%s_up_%u", jobs[i], s);
				r.size = s;
				if (!only || in_list(only, r.name))
					row(&r);
			}
	}
	for (i = 0; i < nentries; i++)
		if (entries[i].owner)
			bpf_object__close(entries[i].obj);
	return bad;
usage:
	fprintf(stderr, "usage: bench [-d DIR] [-r RUNS] [-t TARGET_MS] [-s SKIP] [-o ONLY] CLOCK\n");
	return 2;
}
