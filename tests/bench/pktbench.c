// SPDX-License-Identifier: GPL-2.0
/*
 * pktbench: runs inside the benchmark VM (tests/bench/guest.sh), after
 * kfunc.ko is loaded. The packet kfuncs against pure BPF, on XDP packets
 * of BPF_PROG_TEST_RUN:
 *   xmemmem  kf_xdp_memmem() against pktbpf.bpf.c's scans, on packets of
 *            64, 512, 1500 and 9000 bytes (9000: a linear part and page
 *            fragments); English-like text after the UDP header, the
 *            16-byte needle its last bytes
 *   dnsname  kf_xdp_dns_name() against pktbpf.bpf.c's label walks, on DNS
 *            queries whose name has 2, 5 or 10 labels
 * The kfunc programs (pktkf.bpf.o) are loaded together, the pure-BPF ones
 * (pktbpf.bpf.o) one at a time (a program the verifier refuses stops none
 * of the others), with the verifier's statistics (BPF_LOG_STATS). Each
 * program's result is checked, then REPEAT is calibrated so that a
 * BPF_PROG_TEST_RUN of REPEAT runs takes about TARGET_MS; every (program,
 * packet) is then timed RUNS times, in turns, as bench.c does. With -l,
 * the largest bound of the bounded loop that the verifier accepts is
 * searched (to LIMIT_STEP bytes, with its twin xmemmem_limit) between the
 * largest packet size where it was accepted and the smallest where it was
 * refused.
 *
 *   pktbench [-d DIR] [-r RUNS] [-t TARGET_MS] [-o ONLY] [-l] CLOCK
 *
 * Prints bench.c's lines (R kernel clock job impl size ...; size: the
 * packet's bytes, or the name's labels), one per (program, packet), and
 * with -l one for the loop's limit (impl loopmax, status limit, size the
 * largest bound accepted). A direct-packet-access scan that verified but
 * cannot see the fragments where the needle lies is "blind" (not timed).
 * Exits 1 when an object cannot be opened, a kfunc program is refused, or
 * a program could not run or gave a wrong result (a refused pure-BPF
 * program is a finding). ONLY: a comma-separated list of the programs to
 * run.
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
#include <bpf/libbpf.h>

#include "inputs.h"
#include "loader.h"
#include "pkt.h"

#define MAX_RUNS 15
#define MAX_PROGS 32
#define MAX_ENTRIES 64
#define LOG_SIZE (64 * 1024)
#define PKT_MAX 9000
#define LIMIT_STEP 16

static const unsigned int mem_sizes[] = { 64, 512, 1500, 9000 };
static const unsigned int dns_labels[] = { 2, 5, 10 };

/* The names: the last 2, 5 or 10 of these labels. */
static const char * const labels[] = {
	"a1b2", "www", "img", "cdn", "api", "eu-west-1", "svc", "cluster", "example", "com",
};

static int runs = 5, find_limit;
static double target_ms = 100;
static const char *only, *clock_name, *dir;
static char kernel[65];

/* One (program, packet). */
static struct entry {
	struct result r;
	struct bpf_object *obj;
	int owner, fd;
	struct pkt_data *d;
	unsigned char pkt[PKT_MAX];
	unsigned int len;
	double v[MAX_RUNS];
} entries[MAX_ENTRIES];
static int nentries;

static char logs[MAX_PROGS][LOG_SIZE];

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

/* Ethernet, IPv4 (10.0.0.1 to 10.0.0.2), UDP to @port: @len bytes in all. */
static void frame(unsigned char *p, unsigned int len, unsigned int port)
{
	unsigned int ip_len = len - 14, udp_len = len - 34;

	memset(p, 0, PKT_HDR);
	memcpy(p, "\x02\0\0\0\0\x02\x02\0\0\0\0\x01\x08\x00", 14);
	p[14] = 0x45;
	p[16] = ip_len >> 8;
	p[17] = ip_len;
	p[22] = 64;
	p[23] = 17;
	p[26] = p[30] = 10;
	p[29] = 1;
	p[33] = 2;
	p[34] = 0xc3;
	p[35] = 0x50;
	p[36] = port >> 8;
	p[37] = port;
	p[38] = udp_len >> 8;
	p[39] = udp_len;
}

/* The name of @k labels: its wire form (the final zero too) and its text. */
static unsigned int dns_wire(unsigned int k, unsigned char *wire, char *txt)
{
	unsigned int i, w = 0, l;

	txt[0] = 0;
	for (i = 10 - k; i < 10; i++) {
		l = strlen(labels[i]);
		wire[w++] = l;
		memcpy(wire + w, labels[i], l);
		w += l;
		if (txt[0])
			strcat(txt, ".");
		strcat(txt, labels[i]);
	}
	wire[w++] = 0;
	return w;
}

/* The packet of @e's job and size. */
static void make_packet(struct entry *e)
{
	unsigned char *p = e->pkt, wire[256];
	char txt[256];
	unsigned int w;

	if (!strcmp(e->r.job, "xmemmem")) {
		e->len = e->r.size;
		frame(p, e->len, 8080);
		text(p + PKT_HDR, e->len - PKT_HDR);
		memcpy(p + e->len - PKT_NEEDLE_LEN, PKT_NEEDLE, PKT_NEEDLE_LEN);
		return;
	}
	/* A query: id, flags (RD), one question; the name, type A, class IN. */
	w = dns_wire(e->r.size, wire, txt);
	e->len = PKT_DNS_QNAME + w + 4;
	frame(p, e->len, 53);
	memcpy(p + PKT_HDR, "\x12\x34\x01\x00\x00\x01\x00\x00\x00\x00\x00\x00", 12);
	memcpy(p + PKT_DNS_QNAME, wire, w);
	memcpy(p + PKT_DNS_QNAME + w, "\x00\x01\x00\x01", 4);
}

static void fill(struct entry *e)
{
	memset(e->d, 0, sizeof(*e->d));
	memcpy(e->d->needle, PKT_NEEDLE, PKT_NEEDLE_LEN);
	e->d->ret = -12345;
}

/* 0 when @e's result is what its job must give (the floor's: the linear part's length). */
static int check(struct entry *e)
{
	struct result *r = &e->r;
	long long ret = e->d->ret, want;
	unsigned char wire[256];
	char txt[256];
	unsigned int w;

	if (!strcmp(r->impl, "none")) {
		snprintf(r->msg, sizeof(r->msg), "linear part: %lld of %u bytes", ret, e->len);
		return 0;
	}
	if (!strcmp(r->job, "xmemmem")) {
		want = e->len - PKT_NEEDLE_LEN;
		if (ret == want)
			return 0;
		if (!strcmp(r->impl, "loop") && ret == -ENOENT) {
			r->status = "blind";
			snprintf(r->msg, sizeof(r->msg),
				 "direct packet access reads the linear part only: not found");
			return 0;
		}
		snprintf(r->msg, sizeof(r->msg), "returned %lld, want %lld", ret, want);
		return -1;
	}
	w = dns_wire(r->size, wire, txt);
	if (!strcmp(r->impl, "bcc")) {
		want = w - 1;
		if (ret == want && !memcmp(e->d->out, wire, w - 1))
			return 0;
	} else {
		want = PKT_DNS_QNAME - PKT_HDR + w;
		if (ret == want && !strcmp(e->d->out, txt)) {
			snprintf(r->msg, sizeof(r->msg), "%s", txt);	/* for the report */
			return 0;
		}
	}
	snprintf(r->msg, sizeof(r->msg), "returned %lld (\"%.60s\"), want %lld (\"%.60s\")", ret,
		 e->d->out, want, txt);
	return -1;
}

static int test_run(struct entry *e, unsigned long long repeat, double *ns)
{
	LIBBPF_OPTS(bpf_test_run_opts, opts, .data_in = e->pkt, .data_size_in = e->len,
		    .repeat = repeat);
	int err = bpf_prog_test_run_opts(e->fd, &opts);

	*ns = opts.duration;
	if (err)
		return -errno;
	return opts.retval == XDP_PASS ? 0 : -EPROTO;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

/* The repeat count for runs of about target_ms: 0, or a negative errno. */
static int calibrate(struct entry *e)
{
	unsigned long long rep = 1;
	double ns;
	int err;

	for (;;) {
		err = test_run(e, rep, &ns);
		if (err)
			return err;
		if (ns * rep >= target_ms * 1e5 || rep >= 100000000)
			break;	/* a tenth of the target: enough to scale */
		rep *= 16;
	}
	rep = target_ms * 1e6 / (ns > 1 ? ns : 1);
	e->r.repeat = rep < 1 ? 1 : rep > 100000000 ? 100000000 : rep;
	return 0;
}

/*
 * The entries of program @name: one per packet of its job, or for a name
 * with a size (JOB_IMPL_SIZE), one. Their number, 0 for a program that is
 * not timed or not asked for.
 */
static int new_entries(const char *name)
{
	char job[16], impl[8];
	unsigned int sizes[4], n = 0, i, size;
	struct entry *e;

	if (only && !in_list(only, name))
		return 0;
	if (sscanf(name, "%15[^_]_%7[^_]_%u", job, impl, &size) == 3)
		sizes[n++] = size;
	else if (sscanf(name, "%15[^_]_%7s", job, impl) != 2 || !strcmp(impl, "limit"))
		return 0;
	else if (!strcmp(job, "xmemmem"))
		for (i = 0; i < 4; i++)
			sizes[n++] = mem_sizes[i];
	else if (!strcmp(job, "dnsname"))
		for (i = 0; i < 3; i++)
			sizes[n++] = dns_labels[i];
	if (!n || nentries + n > MAX_ENTRIES)
		return 0;
	for (i = 0; i < n; i++) {
		e = &entries[nentries++];
		memset(&e->r, 0, sizeof(e->r));
		e->obj = NULL;
		e->owner = 0;
		e->r.status = "ok";
		snprintf(e->r.name, sizeof(e->r.name), "%.63s", name);
		snprintf(e->r.job, sizeof(e->r.job), "%s", job);
		snprintf(e->r.impl, sizeof(e->r.impl), "%s", impl);
		e->r.size = sizes[i];
		make_packet(e);
	}
	return n;
}

/*
 * Open DIR/@file and load its programs, all or only @alone, each with its
 * own log (logs[i] for the object's i-th program); a @bound other than 0
 * is xmemmem_limit's (its .rodata, loop_max alone). NULL when it cannot be
 * opened; *@err is the load's result.
 */
static struct bpf_object *open_load(const char *file, const char *alone, __u32 bound, int *err,
				    double *ms)
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
	if (bound) {
		struct bpf_map *m = bpf_object__find_map_by_name(obj, ".rodata");
		size_t size = 0;
		__u32 *v = m ? bpf_map__initial_value(m, &size) : NULL;

		if (!v || size != sizeof(*v)) {
			*err = -ENOEXEC;	/* not the .rodata of loop_max alone */
			*ms = 0;
			return obj;
		}
		*v = bound;
	}
	t0 = now_ms();
	*err = bpf_object__load(obj);
	*ms = now_ms() - t0;
	return obj;
}

/* The @n entries from @first, of loaded program @p (@i-th of @obj): check, calibrate. */
static void prepare(struct entry *first, int n, struct bpf_object *obj, struct bpf_program *p,
		    int i, double load_ms)
{
	struct bpf_prog_info info = { 0 };
	__u32 info_len = sizeof(info);
	struct pkt_data *d;
	struct entry *e;
	size_t size = 0;
	int err;

	parse_log(&first->r, logs[i], 0);
	if (!bpf_prog_get_info_by_fd(bpf_program__fd(p), &info, &info_len)) {
		first->r.verified = info.verified_insns;
		first->r.insns = info.xlated_prog_len / 8;
	}
	d = bpf_map__initial_value(bpf_object__find_map_by_name(obj, ".bss"), &size);
	for (e = first; e < first + n; e++) {
		if (e != first) {
			e->r.verified = first->r.verified;
			e->r.insns = first->r.insns;
			e->r.processed = first->r.processed;
			e->r.states = first->r.states;
			e->r.peak = first->r.peak;
			e->r.verif_us = first->r.verif_us;
		}
		e->r.load_ms = load_ms;
		e->obj = obj;
		e->fd = bpf_program__fd(p);
		e->d = d;
		if (!d || size < sizeof(*d)) {
			e->r.status = "error";
			snprintf(e->r.msg, sizeof(e->r.msg), "no .bss of %zu bytes (%zu)", sizeof(*d), size);
			continue;
		}
		fill(e);
		err = test_run(e, 1, &(double){ 0 });
		if (err) {
			e->r.status = "error";
			snprintf(e->r.msg, sizeof(e->r.msg), "BPF_PROG_TEST_RUN: %d", err);
		} else if (check(e)) {
			e->r.status = "wrong";
		} else if (!strcmp(e->r.status, "ok")) {
			err = calibrate(e);
			if (err) {
				e->r.status = "error";
				snprintf(e->r.msg, sizeof(e->r.msg), "BPF_PROG_TEST_RUN (calibration): %d", err);
			}
		}
	}
}

/*
 * Program @name, the @i-th of DIR/@file, loaded alone (with loop bound
 * @bound, unless 0) for its @k entries from @first.
 */
static void load_alone(const char *file, const char *name, int i, struct entry *first, int k,
		       __u32 bound)
{
	struct bpf_object *obj;
	struct entry *e;
	struct result r;
	double ms;
	int err;

	obj = open_load(file, name, bound, &err, &ms);
	if (!obj) {
		for (e = first; e < first + k; e++) {
			e->r.status = "error";
			snprintf(e->r.msg, sizeof(e->r.msg), "cannot open: %s", strerror(-err));
		}
		return;
	}
	if (err) {
		r = first->r;
		r.status = err == -ENOEXEC ? "error" : "rejected";
		parse_log(&r, logs[i], 1);
		if (!r.msg[0])
			snprintf(r.msg, sizeof(r.msg), "load failed: %s", strerror(-err));
		fprintf(stderr, "%s (bound %u): the verifier's log (BPF_LOG_STATS):\n%s\n", name,
			bound, logs[i]);
		for (e = first; e < first + k; e++) {
			unsigned int size = e->r.size;

			e->r = r;
			e->r.size = size;
			e->r.load_ms = ms;
		}
		bpf_object__close(obj);
		return;
	}
	first->owner = 1;
	prepare(first, k, obj, bpf_object__find_program_by_name(obj, name), i, ms);
}

/*
 * Whether the loop's twin (program @name, the @i-th of @file) verifies
 * with bound @bound: 1 or 0, its statistics (and its complaint) in @r; -1
 * when it cannot be loaded at all.
 */
static int try_bound(const char *file, const char *name, int i, __u32 bound, struct result *r)
{
	struct bpf_prog_info info = { 0 };
	__u32 info_len = sizeof(info);
	struct bpf_object *obj;
	double ms;
	int err;

	obj = open_load(file, name, bound, &err, &ms);
	if (!obj)
		return -1;
	memset(r, 0, sizeof(*r));
	parse_log(r, logs[i], err != 0);
	r->load_ms = ms;
	if (!err && !bpf_prog_get_info_by_fd(bpf_program__fd(bpf_object__find_program_by_name(obj, name)),
					     &info, &info_len)) {
		r->verified = info.verified_insns;
		r->insns = info.xlated_prog_len / 8;
	}
	bpf_object__close(obj);
	return err == -ENOEXEC ? -1 : !err;
}

/*
 * The largest bound of the bounded loop that the verifier accepts, to
 * LIMIT_STEP bytes, searched with its twin (program @name, the @i-th of
 * @file) between the largest packet size where the loop (xmemmem_loop_N,
 * loaded before) was accepted and the smallest where it was refused: a
 * row of its own (impl loopmax, size the bound).
 */
static void limit(const char *file, const char *name, int i)
{
	struct result ok = { 0 }, no = { 0 }, r;
	unsigned int lo = PKT_HDR + PKT_NEEDLE_LEN - 1, hi = 0, mid;
	struct entry *e;
	int v;

	for (e = entries; e < entries + nentries; e++)
		if (!strcmp(e->r.job, "xmemmem") && !strcmp(e->r.impl, "loop") &&
		    !strcmp(e->r.status, "rejected") && (!hi || e->r.size < hi)) {
			hi = e->r.size;
			no = e->r;
		}
	for (e = entries; e < entries + nentries; e++)
		if (!strcmp(e->r.job, "xmemmem") && !strcmp(e->r.impl, "loop") &&
		    strcmp(e->r.status, "rejected") && strcmp(e->r.status, "error") &&
		    e->r.size > lo && (!hi || e->r.size < hi)) {
			lo = e->r.size;
			ok = e->r;
		}
	while (hi && hi - lo > LIMIT_STEP) {
		mid = (lo + hi) / 2;
		v = try_bound(file, name, i, mid, &r);
		if (v < 0)
			return;
		if (v) {
			lo = mid;
			ok = r;
		} else {
			hi = mid;
			no = r;
		}
	}
	if (nentries == MAX_ENTRIES)
		return;
	e = &entries[nentries++];
	memset(e, 0, sizeof(*e));
	e->r = ok;
	snprintf(e->r.name, sizeof(e->r.name), "%.63s", name);
	snprintf(e->r.job, sizeof(e->r.job), "xmemmem");
	snprintf(e->r.impl, sizeof(e->r.impl), "loopmax");
	e->r.status = "limit";
	e->r.size = lo;
	e->r.med = e->r.min = e->r.max = 0;
	e->r.repeat = 0;
	if (hi)
		snprintf(e->r.msg, sizeof(e->r.msg), "refused at %u: %.200s (%lld insns processed)",
			 hi, no.msg, no.processed);
	else
		snprintf(e->r.msg, sizeof(e->r.msg), "accepted at every size, up to %u", lo);
}

/* Load every program of DIR/@file: all together, or one at a time. */
static int load_obj(const char *file, int together)
{
	char names[MAX_PROGS][64], path[4096];
	struct bpf_object *obj;
	struct bpf_program *p;
	struct entry *first;
	int n = 0, i, k, err, owner = 1;
	double ms;

	snprintf(path, sizeof(path), "%s/%s", dir, file);
	obj = bpf_object__open_file(path, NULL);
	if (!obj) {
		printf("pktbench: cannot open %s: %s\n", path, strerror(errno));
		return -1;
	}
	bpf_object__for_each_program(p, obj)
		if (n < MAX_PROGS)
			snprintf(names[n++], sizeof(names[0]), "%s", bpf_program__name(p));
	bpf_object__close(obj);

	if (together) {
		obj = open_load(file, NULL, 0, &err, &ms);
		if (!obj) {
			printf("pktbench: cannot open %s: %s\n", path, strerror(-err));
			return -1;
		}
		if (!err) {
			i = 0;
			bpf_object__for_each_program(p, obj) {
				first = &entries[nentries];
				k = new_entries(names[i]);
				if (k) {
					first->owner = owner;
					owner = 0;
					prepare(first, k, obj, p, i, ms / n);
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
		if (!strcmp(names[i], "xmemmem_limit")) {
			if (find_limit && (!only || in_list(only, names[i])))
				limit(file, names[i], i);
			continue;
		}
		first = &entries[nentries];
		k = new_entries(names[i]);
		if (k)
			load_alone(file, names[i], i, first, k, 0);
	}
	return 0;
}

/* Time every prepared (program, packet), one run each in turn, RUNS times over. */
static void measure_all(void)
{
	struct entry *e;
	int run, err;

	for (run = 0; run < runs; run++) {
		for (e = entries; e < entries + nentries; e++) {
			if (strcmp(e->r.status, "ok"))
				continue;
			fill(e);
			err = test_run(e, e->r.repeat, &e->v[run]);
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

int main(int argc, char **argv)
{
	struct utsname u;
	int c, i, bad = 0;

	while ((c = getopt(argc, argv, "d:r:t:o:l")) != -1) {
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
		case 'o':
			only = optarg;
			break;
		case 'l':
			find_limit = 1;
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

	bad |= load_obj("pktkf.bpf.o", 1) < 0;
	bad |= load_obj("pktbpf.bpf.o", 0) < 0;
	measure_all();

	for (i = 0; i < nentries; i++) {
		const struct result *r = &entries[i].r;

		row(r);
		if (!strcmp(r->status, "rejected"))
			bad |= !strcmp(r->impl, "kf") || !strcmp(r->impl, "none");
		else
			bad |= strcmp(r->status, "ok") && strcmp(r->status, "blind") &&
			       strcmp(r->status, "limit");
	}
	for (i = 0; i < nentries; i++)
		if (entries[i].owner)
			bpf_object__close(entries[i].obj);
	return bad;
usage:
	fprintf(stderr, "usage: pktbench [-d DIR] [-r RUNS] [-t TARGET_MS] [-o ONLY] [-l] CLOCK\n");
	return 2;
}
