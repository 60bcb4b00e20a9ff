// SPDX-License-Identifier: GPL-2.0
/*
 * kfunc_test: calls every kfunc from real BPF programs (tc, XDP, syscall,
 * through BPF_PROG_TEST_RUN) and checks exact results. Runs inside the
 * test VM, on the kernel under test, after kfunc.ko is loaded.
 *
 *   kfunc_test run    one line per check: "ok - ..." or "not ok - ..."
 *   kfunc_test hold   load a program that calls a kfunc, print "held",
 *                     keep it loaded until stdin closes (lifecycle test)
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/utsname.h>
#include <unistd.h>

#include <linux/bpf.h>
#include <bpf/bpf.h>
#include <bpf/libbpf.h>

#include "kfunc_test.skel.h"

#define S(x) x, sizeof(x) - 1

static int failed;

static void report(int ok, const char *fmt, ...)
{
	va_list ap;

	printf("%s - ", ok ? "ok" : "not ok");
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	putchar('\n');
	fflush(stdout);
	failed |= !ok;
}

/* Kernel version as major * 1000 + minor, from uname. */
static int kernel_version(void)
{
	struct utsname u;
	int major = 0, minor = 0;

	if (uname(&u) || sscanf(u.release, "%d.%d", &major, &minor) != 2)
		return 0;
	return major * 1000 + minor;
}

/* Run @prog once; a packet for tc and XDP. Returns its return value. */
static int run_prog(struct bpf_program *prog, int with_packet)
{
	char pkt[64] = { 0 };
	LIBBPF_OPTS(bpf_test_run_opts, opts);
	int err;

	if (with_packet) {
		opts.data_in = pkt;
		opts.data_size_in = sizeof(pkt);
	}
	err = bpf_prog_test_run_opts(bpf_program__fd(prog), &opts);
	if (err)
		return err;
	return opts.retval;
}

struct strstr_case {
	const char *hay;
	unsigned int hay_len;
	const char *needle;
	unsigned int needle_len;
	int want;
};

static const struct strstr_case strstr_cases[] = {
	{ S("Hello, world!"), S("wor"), 7 },		/* the seed */
	{ S("Hello, world!"), S("xyz"), -ENOENT },	/* absent */
	{ S("Hello, world!"), S(""), 0 },		/* empty needle */
	{ S(""), S(""), 0 },
	{ S(""), S("a"), -ENOENT },
	{ S("abc"), S("abcd"), -ENOENT },		/* longer than hay */
	{ S("Hello, world!"), S("!"), 12 },		/* last position */
	{ S("Hello, world!"), S("ld!"), 10 },
	{ S("Hello, world!"), S("Hello, world!"), 0 },
	{ "Hello, world!", 9, S("wor"), -ENOENT },	/* size bounds the search */
	{ "Hello, world!", 10, S("wor"), 7 },
	{ S("ab\0cd\0ef"), S("\0ef"), 5 },		/* NUL is a byte */
	{ S("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaab"),
	  S("aaab"), 60 },				/* 64 bytes, match at end */
	{ S("\xff\xfe\xff\xff"), S("\xff\xff"), 2 },	/* high bytes */
};

struct memcmp_case {
	const char *a;
	unsigned int a_len;
	const char *b;
	unsigned int b_len;
	int want;
};

static const struct memcmp_case memcmp_cases[] = {
	{ S("abc"), S("abc"), 0 },
	{ S("abc"), S("abd"), -1 },
	{ S("abd"), S("abc"), 1 },
	{ S("ab"), S("abc"), -1 },			/* a prefix is less */
	{ S("abc"), S("ab"), 1 },
	{ S(""), S(""), 0 },				/* empty buffers */
	{ S(""), S("a"), -1 },
	{ S("\xff"), S("\x01"), 1 },			/* unsigned bytes */
	{ S("a\0b"), S("a\0c"), -1 },			/* NUL is a byte */
	{ S("0123456789012345678901234567890123456789012345678901234567890123"),
	  S("0123456789012345678901234567890123456789012345678901234567890123"), 0 },
	{ S("0123456789012345678901234567890123456789012345678901234567890123"),
	  S("012345678901234567890123456789012345678901234567890123456789012"), 1 },
};

struct memchr_case {
	const char *s;
	unsigned int len;
	int c, first, last;
};

static const struct memchr_case memchr_cases[] = {
	{ S("Hello"), 'l', 2, 3 },
	{ S("Hello"), 'H', 0, 0 },			/* first byte */
	{ S("Hello"), 'o', 4, 4 },			/* last byte */
	{ S("Hello"), 'x', -ENOENT, -ENOENT },
	{ S(""), 'a', -ENOENT, -ENOENT },		/* empty buffer */
	{ "Hello", 2, 'l', -ENOENT, -ENOENT },		/* the size bounds it */
	{ S("a\0b\0"), 0, 1, 3 },			/* NUL */
	{ S("\xff\x01\xff"), 0xff, 0, 2 },		/* 0xff */
	{ S("ab"), 0x162, 1, 1 },			/* only the low byte */
	{ S("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaz"),
	  'z', 63, 63 },				/* 64 bytes, at the end */
};

static void test_mem_family(struct kfunc_test_bpf *skel, struct bpf_program *prog,
			    const char *name, int with_packet, int ok_ret)
{
	struct kfunc_test_bpf__bss *bss = skel->bss;
	size_t i, j, bad;
	int ret;

	bss->set_len = 0;
	for (i = 0; i < sizeof(memcmp_cases) / sizeof(memcmp_cases[0]); i++) {
		const struct memcmp_case *c = &memcmp_cases[i];

		memset(bss->ma, 0x5a, sizeof(bss->ma));
		memset(bss->mb, 0xa5, sizeof(bss->mb));
		memcpy(bss->ma, c->a, c->a_len);
		memcpy(bss->mb, c->b, c->b_len);
		bss->ma_len = c->a_len;
		bss->mb_len = c->b_len;
		bss->res_memcmp = 12345;
		ret = run_prog(prog, with_packet);
		report(ret == ok_ret && bss->res_memcmp == c->want,
		       "%s: kf_memcmp(case %zu: %u and %u bytes) = %d (want %d)",
		       name, i, c->a_len, c->b_len, bss->res_memcmp, c->want);
	}
	bss->mb_len = 0;
	for (i = 0; i < sizeof(memchr_cases) / sizeof(memchr_cases[0]); i++) {
		const struct memchr_case *c = &memchr_cases[i];

		memset(bss->ma, c->c == 'x' ? 'y' : 'x', sizeof(bss->ma));
		memcpy(bss->ma, c->s, c->len);
		bss->ma_len = c->len;
		bss->mbyte = c->c;
		bss->res_memchr = bss->res_memrchr = 12345;
		ret = run_prog(prog, with_packet);
		report(ret == ok_ret && bss->res_memchr == c->first && bss->res_memrchr == c->last,
		       "%s: kf_memchr/kf_memrchr(case %zu: %u bytes, %#x) = %d/%d (want %d/%d)",
		       name, i, c->len, c->c, bss->res_memchr, bss->res_memrchr,
		       c->first, c->last);
	}
	bss->ma_len = 0;
	for (i = 0; i <= 64; i += (i < 2 ? 1 : 31)) {
		memset(bss->sbuf, 0xaa, sizeof(bss->sbuf));
		bss->set_len = i;
		bss->mbyte = 0x17e;			/* stores 0x7e */
		bss->res_memset = 12345;
		ret = run_prog(prog, with_packet);
		for (j = 0, bad = 0; j < sizeof(bss->sbuf); j++)
			bad += bss->sbuf[j] != (j < i ? 0x7e : 0xaa);
		report(ret == ok_ret && bss->res_memset == 0 && !bad,
		       "%s: kf_memset(64-byte buffer, %zu, 0x17e) = %d, sets exactly %zu bytes to 0x7e (%zu wrong)",
		       name, i, bss->res_memset, i, bad);
	}
	bss->set_len = 0;
}

static void test_prog(struct kfunc_test_bpf *skel, struct bpf_program *prog,
		      const char *name, int with_packet, int ok_ret)
{
	struct kfunc_test_bpf__bss *bss = skel->bss;
	size_t i;
	int ret;

	bss->sum_a = 1;
	bss->sum_b = 2;
	bss->sum_c = 3;
	bss->sum_d = 4;
	ret = run_prog(prog, with_packet);
	report(ret == ok_ret && bss->res_sum == 10, "%s: kf_test_sum(1, 2, 3, 4) = %llu (want 10, run %d)",
	       name, (unsigned long long)bss->res_sum, ret);

	bss->sum_a = 0xffffffff;
	bss->sum_b = 1ULL << 40;
	bss->sum_c = 0xffffffff;
	bss->sum_d = 5;
	ret = run_prog(prog, with_packet);
	report(ret == ok_ret && bss->res_sum == 0x1ffffffffULL + (1ULL << 40) + 4,
	       "%s: kf_test_sum(u32 max, 1 << 40, u32 max, 5) = %#llx", name,
	       (unsigned long long)bss->res_sum);

	for (i = 0; i < sizeof(strstr_cases) / sizeof(strstr_cases[0]); i++) {
		const struct strstr_case *c = &strstr_cases[i];

		memset(bss->hay, 0x5a, sizeof(bss->hay));
		memset(bss->needle, 0x5a, sizeof(bss->needle));
		memcpy(bss->hay, c->hay, c->hay_len);
		memcpy(bss->needle, c->needle, c->needle_len);
		bss->hay_len = c->hay_len;
		bss->needle_len = c->needle_len;
		bss->res_strstr = 12345;
		ret = run_prog(prog, with_packet);
		report(ret == ok_ret && bss->res_strstr == c->want,
		       "%s: kf_strstr(case %zu: %u-byte hay, %u-byte needle) = %d (want %d)",
		       name, i, c->hay_len, c->needle_len, bss->res_strstr, c->want);
	}

	for (i = 0; i <= 64; i += (i < 2 ? 1 : 31)) {
		size_t j, bad = 0;

		memset(bss->zbuf, 0xaa, sizeof(bss->zbuf));
		bss->zero_len = i;
		bss->res_memzero = 12345;
		ret = run_prog(prog, with_packet);
		for (j = 0; j < sizeof(bss->zbuf); j++)
			bad += bss->zbuf[j] != (j < i ? 0 : 0xaa);
		report(ret == ok_ret && bss->res_memzero == 0 && !bad,
		       "%s: kf_memzero(64-byte buffer, %zu) = %d, zeroes exactly %zu bytes (%zu wrong)",
		       name, i, bss->res_memzero, i, bad);
	}
}

/* Open the object with only @prog_name to load; verifier log in @log. */
static struct kfunc_test_bpf *open_alone(const char *prog_name, char *log, size_t log_sz)
{
	struct kfunc_test_bpf *skel = kfunc_test_bpf__open();
	struct bpf_program *p;

	if (!skel)
		return NULL;
	bpf_object__for_each_program(p, skel->obj) {
		int mine = !strcmp(bpf_program__name(p), prog_name);

		bpf_program__set_autoload(p, mine);
		if (mine)
			bpf_program__set_log_buf(p, log, log_sz);
	}
	return skel;
}

static void test_prog_types(void)
{
	static char log[1 << 16];
	struct kfunc_test_bpf *skel;
	struct bpf_link *link = NULL;
	int kv = kernel_version(), err;

	/* fentry (tracing): loads everywhere; attached, it runs for real. */
	log[0] = 0;
	skel = open_alone("fentry_sum", log, sizeof(log));
	err = skel ? kfunc_test_bpf__load(skel) : -errno;
	if (!err) {
		skel->bss->res_sum = 0;
		link = bpf_program__attach(skel->progs.fentry_sum);
		err = link ? run_prog(skel->progs.fentry_sum, 0) : -errno;
	}
	report(!err && skel->bss->res_sum == 10,
	       "fentry: program calling kf_test_sum loads, attaches and gets 10 (err %d, got %llu)",
	       err, skel && !err ? (unsigned long long)skel->bss->res_sum : 0ULL);
	if (err)
		fprintf(stderr, "%s\n", log);
	bpf_link__destroy(link);
	kfunc_test_bpf__destroy(skel);

	/*
	 * kprobe: the kernel has a kfunc hook for it from 6.10 only. Before,
	 * the load must fail: keep libbpf quiet about the expected failure.
	 */
	log[0] = 0;
	if (kv < 6010)
		libbpf_set_print(NULL);
	skel = open_alone("kprobe_sum", log, sizeof(log));
	err = skel ? kfunc_test_bpf__load(skel) : -errno;
	kfunc_test_bpf__destroy(skel);
	if (kv >= 6010) {
		report(!err, "kprobe: program calling kf_test_sum loads on %d.%d (%d)",
		       kv / 1000, kv % 1000, err);
		if (err)
			fprintf(stderr, "%s\n", log);
	} else {
		report(err && strstr(log, "calling kernel function kf_test_sum is not allowed"),
		       "kprobe: program calling kf_test_sum is rejected before 6.10 with \"calling kernel function kf_test_sum is not allowed\" (%d)",
		       err);
	}
}

static int hold(void)
{
	static char log[1 << 16];
	struct kfunc_test_bpf *skel = open_alone("tc_run", log, sizeof(log));
	char c;

	if (!skel || kfunc_test_bpf__load(skel)) {
		fprintf(stderr, "hold: load failed\n");
		return 1;
	}
	printf("held\n");
	fflush(stdout);
	while (read(0, &c, 1) > 0)
		;
	kfunc_test_bpf__destroy(skel);
	return 0;
}

int main(int argc, char **argv)
{
	struct kfunc_test_bpf *skel;

	if (argc == 2 && !strcmp(argv[1], "hold"))
		return hold();
	if (argc != 2 || strcmp(argv[1], "run")) {
		fprintf(stderr, "usage: %s run|hold\n", argv[0]);
		return 2;
	}

	skel = kfunc_test_bpf__open();
	report(skel != NULL, "open the BPF object");
	if (!skel)
		return 1;
	bpf_program__set_autoload(skel->progs.fentry_sum, false);
	bpf_program__set_autoload(skel->progs.kprobe_sum, false);
	if (kfunc_test_bpf__load(skel)) {
		report(0, "load tc, XDP and syscall programs calling kf_* kfuncs");
		return 1;
	}
	report(1, "load tc, XDP and syscall programs calling kf_* kfuncs");

	test_prog(skel, skel->progs.tc_run, "tc", 1, 0);
	test_prog(skel, skel->progs.xdp_run, "xdp", 1, XDP_PASS);
	test_prog(skel, skel->progs.syscall_run, "syscall", 0, 0);
	test_mem_family(skel, skel->progs.tc_run, "tc", 1, 0);
	test_mem_family(skel, skel->progs.xdp_run, "xdp", 1, XDP_PASS);
	test_mem_family(skel, skel->progs.syscall_run, "syscall", 0, 0);
	kfunc_test_bpf__destroy(skel);

	test_prog_types();
	return failed;
}
