// SPDX-License-Identifier: GPL-2.0
/*
 * stress: every kfunc family at once, from several threads per CPU, while
 * other threads change what the task kfuncs read. Runs in the test VM
 * after kfunc.ko is loaded (tests/testbed/guest-stress.sh).
 *
 *   stress SECONDS   2 caller threads per online CPU loop BPF_PROG_TEST_RUN
 *                    over tc, XDP and syscall programs calling the string,
 *                    mem, hash, protobuf (in memory and in tc and XDP
 *                    packets) and task kfuncs; each result is checked
 *                    against an answer computed here, or, for the task
 *                    kfuncs, against what the mutators may have made it:
 *                    - a forker makes children that exit at once, whose
 *                      pids the callers look up: NULL, or that pid;
 *                    - a helper child moves between two cgroups, each
 *                      removed and made again once left (cgroup v2 has no
 *                      rename; a v1 cgroup is renamed meanwhile): its
 *                      path is one of those names, or their parent's;
 *                    - a child runs a copy of /bin/sleep that is renamed
 *                      back and forth, and replaced by a fresh copy (the
 *                      child too): its exe path is one of those names, or
 *                      the replaced one's "(deleted)" name, or -ENOENT;
 *                    - kf_btf_snprintf prints this process's task_struct
 *                      with hops into its children list as the forker
 *                      changes it: a length, the text's start, a NUL.
 *                    Prints "ok - stress: N calls ..." or "not ok" with the
 *                    first wrong results (indented).
 *   stress load      load and close a program calling kf_test_sum in a loop,
 *                    until /tmp/kfunc-stress-stop exists (the shell runs
 *                    rmmod/insmod meanwhile); one line per load: "loaded:"
 *                    (the module must then be pinned), "refused:" (a clear
 *                    libbpf or verifier error) or "bad:" (anything else).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <fnmatch.h>
#include <pthread.h>
#include <signal.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <linux/bpf.h>
#include <bpf/bpf.h>
#include <bpf/libbpf.h>

#include <kfunc/hash.h>

#include "report.h"
#include "testutil.h"
#include "stress.skel.h"

/* As in stress.bpf.c (job_size checks the struct). */
#define JOB_BUF 64
#define PKT_HDR 16

enum {
	OP_STRSTR = 1, OP_STRRSTR, OP_STRCMP, OP_STRNLEN, OP_GLOB, OP_STRTOULL,
	OP_MEMCHR, OP_MEMRCHR, OP_MEMCMP, OP_MEMSET, OP_MEMZERO,
	OP_SHA256, OP_PB_VARINT, OP_PB_BYTES,
	OP_PB_SKB, OP_PB_XDP,
	OP_TASK_PID, OP_TASK_VPID,
	OP_TASK_EXE,
	OP_BTF,
	OP_HASH = 100,
};

struct job {
	uint32_t op;
	uint32_t a_len, b_len;
	uint32_t arg;
	uint64_t seed;
	int64_t ret;
	uint64_t val;
	int32_t pid, tgid;
	uint32_t found;
	int32_t ret2;
	uint8_t a[JOB_BUF], b[JOB_BUF], out[JOB_BUF], out2[JOB_BUF];
};

#define SENTINEL 0x5a5a5a5a5a5aLL
#define PKT_SIZE 6144		/* the largest packet (XDP, with fragments) */
#define TC_MAX 3000		/* a tc test run's packet is one page at most */

enum { F_STRING, F_MEM, F_HASH, F_PROTO, F_PKT, F_TASK, F_CGROUP, F_EXE, F_BTF, NFAM };
static const char * const fam_name[NFAM] = {
	"strings", "mem", "hash", "protobuf", "protobuf in packets", "task lookup",
	"cgroup path", "exe path", "this task printed with its children",
};
enum { P_TC, P_XDP, P_SYSCALL, NPROG };
static const char * const prog_name[NPROG] = { "tc", "xdp", "syscall" };

static struct stress_bpf *skel;
static atomic_int stop, mstop;
static atomic_long calls[NFAM], prog_calls[NPROG], wrong;
/* What the task kfuncs saw. */
static atomic_long fork_found, fork_null, cg_seen[3], exe_seen[4], exe_null;
/* What the mutators did. */
static atomic_long forked, cg_moves, cg_renames, cg_removals, exe_renames, exe_replaced;
static atomic_int mutator_failed;

static pthread_mutex_t why_lock = PTHREAD_MUTEX_INITIALIZER;
static char why[5][512];

static void bad(const char *fmt, ...)
{
	long n = atomic_fetch_add(&wrong, 1);
	va_list ap;

	if (n >= 5)
		return;
	pthread_mutex_lock(&why_lock);
	va_start(ap, fmt);
	vsnprintf(why[n], sizeof(why[n]), fmt, ap);
	va_end(ap);
	pthread_mutex_unlock(&why_lock);
}

static void mutator_error(const char *what)
{
	if (!atomic_exchange(&mutator_failed, 1))
		bad("mutator: %s: %s", what, strerror(errno));
}

/* xorshift64*: each caller thread's own inputs. */
static uint64_t rnd(uint64_t *s)
{
	*s ^= *s >> 12;
	*s ^= *s << 25;
	*s ^= *s >> 27;
	return *s * 0x2545f4914f6cdd1dULL;
}

static unsigned int below(uint64_t *s, unsigned int n)
{
	return rnd(s) % n;
}

/* Random bytes from @alphabet (NUL may be one of its @n bytes). */
static void fill(uint64_t *s, uint8_t *p, unsigned int len, const char *alphabet, unsigned int n)
{
	unsigned int i;

	for (i = 0; i < len; i++)
		p[i] = alphabet[below(s, n)];
}

/* The references: the kfuncs' documented results. */
static int ref_find(const uint8_t *h, unsigned int hl, const uint8_t *n, unsigned int nl,
		    int last)
{
	int i, found = -ENOENT;

	for (i = 0; i + nl <= hl; i++) {
		if (!memcmp(h + i, n, nl)) {
			found = i;
			if (!last)
				break;
		}
	}
	return found;
}

static int ref_strcmp(const uint8_t *a, unsigned int la, const uint8_t *b, unsigned int lb)
{
	unsigned int i;

	for (i = 0;; i++) {
		int ca = i < la ? a[i] : 0, cb = i < lb ? b[i] : 0;

		if (ca != cb)
			return ca < cb ? -1 : 1;
		if (!ca)
			return 0;
	}
}

static int ref_memcmp(const uint8_t *a, unsigned int la, const uint8_t *b, unsigned int lb)
{
	int r = memcmp(a, b, la < lb ? la : lb);

	if (r)
		return r < 0 ? -1 : 1;
	return la == lb ? 0 : la < lb ? -1 : 1;
}

static uint32_t rol32(uint32_t x, int k)
{
	return x << k | x >> (32 - k);
}

/* Bob Jenkins' lookup3 hashlittle(), the kernel's jhash(). */
static uint32_t ref_jhash(const uint8_t *k, uint32_t len, uint32_t initval)
{
	static const int mix[6] = { 4, 6, 8, 16, 19, 4 }, fin[7] = { 14, 11, 25, 16, 4, 14, 24 };
	uint32_t w[3], i;

	w[0] = w[1] = w[2] = 0xdeadbeef + len + initval;
	for (; len > 12; len -= 12, k += 12) {
		for (i = 0; i < 12; i++)
			w[i / 4] += (uint32_t)k[i] << (8 * (i % 4));
		for (i = 0; i < 6; i++) {
			w[i % 3] -= w[(i + 2) % 3];
			w[i % 3] ^= rol32(w[(i + 2) % 3], mix[i]);
			w[(i + 2) % 3] += w[(i + 1) % 3];
		}
	}
	if (!len)
		return w[2];
	for (i = 0; i < len; i++)
		w[i / 4] += (uint32_t)k[i] << (8 * (i % 4));
	for (i = 0; i < 7; i++) {
		w[(2 + i) % 3] ^= w[(1 + i) % 3];
		w[(2 + i) % 3] -= rol32(w[(1 + i) % 3], fin[i]);
	}
	return w[2];
}

/* Reflected CRC-32 with @poly: CRC-32C 0x82f63b78, zlib's CRC-32 0xedb88320. */
static uint32_t ref_crc(const uint8_t *p, size_t len, uint32_t seed, uint32_t poly)
{
	uint32_t crc = ~seed;
	int k;

	while (len--) {
		crc ^= *p++;
		for (k = 0; k < 8; k++)
			crc = (crc >> 1) ^ (poly & -(crc & 1));
	}
	return ~crc;
}

/* xxh64 (seeds 0 and XXH_SEED) and SHA-256: libxxhash and OpenSSL's values. */
#define XXH_SEED 0x9e3779b97f4a7c15ULL
static const struct {
	const char *in;
	uint64_t xxh64[2];
	const char *sha256;
} kat[] = {
	{ "",
	  { 0xef46db3751d8e999ULL, 0xc4349fc93c010000ULL },
	  "\xe3\xb0\xc4\x42\x98\xfc\x1c\x14\x9a\xfb\xf4\xc8\x99\x6f\xb9\x24"
	  "\x27\xae\x41\xe4\x64\x9b\x93\x4c\xa4\x95\x99\x1b\x78\x52\xb8\x55" },
	{ "a",
	  { 0xd24ec4f1a98c6e5bULL, 0x9a7c6d2ea45568c9ULL },
	  "\xca\x97\x81\x12\xca\x1b\xbd\xca\xfa\xc2\x31\xb3\x9a\x23\xdc\x4d"
	  "\xa7\x86\xef\xf8\x14\x7c\x4e\x72\xb9\x80\x77\x85\xaf\xee\x48\xbb" },
	{ "abc",
	  { 0x44bc2cf5ad770999ULL, 0x2ed0f59d6b43ac8bULL },
	  "\xba\x78\x16\xbf\x8f\x01\xcf\xea\x41\x41\x40\xde\x5d\xae\x22\x23"
	  "\xb0\x03\x61\xa3\x96\x17\x7a\x9c\xb4\x10\xff\x61\xf2\x00\x15\xad" },
	{ "123456789",
	  { 0x8cb841db40e6ae83ULL, 0x6b8ebcf6d6f5b807ULL },
	  "\x15\xe2\xb0\xd3\xc3\x38\x91\xeb\xb0\xf1\xef\x60\x9e\xc4\x19\x42"
	  "\x0c\x20\xe3\x20\xce\x94\xc6\x5f\xbc\x8c\x33\x12\x44\x8e\xb2\x25" },
	{ "The quick brown fox jumps over the lazy dog",
	  { 0x0b242d361fda71bcULL, 0x7cfac66832f66b74ULL },
	  "\xd7\xa8\xfb\xb3\x07\xd7\x80\x94\x69\xca\x9a\xbc\xb0\x08\x2e\x4f"
	  "\x8d\x56\x51\xe4\x6d\x3c\xdb\x76\x2d\x02\xd0\xbf\x37\xc9\xe5\x92" },
};

static unsigned int varint(uint8_t *p, uint64_t v)
{
	unsigned int n = 0;

	while (v >= 0x80) {
		p[n++] = 0x80 | (v & 0x7f);
		v >>= 7;
	}
	p[n++] = v;
	return n;
}

/*
 * A message: field 5, @pad bytes of 0xee, then field 2, the varint @v.
 * Returns its size.
 */
static unsigned int pb_message(uint8_t *p, unsigned int pad, uint64_t v)
{
	unsigned int n = 0;

	p[n++] = 0x2a;
	n += varint(p + n, pad);
	memset(p + n, 0xee, pad);
	n += pad;
	p[n++] = 0x10;
	n += varint(p + n, v);
	return n;
}

/* The mutators' state, read by the callers. */
#define RING 16
static atomic_int ring[RING];
static atomic_int ring_pos;
static int helper_pid;
static atomic_int exe_pid;
static char my_cg[256], cg_names[3][256];	/* base, base/a, base/b */
static char exe_names[3][256];			/* A, B, A (deleted) */

struct caller {
	pthread_t thread;
	uint64_t seed;
	uint8_t pkt[PKT_SIZE], pkt_out[PKT_SIZE];
};

/* Run @j through program @p; @size is the packet's size for tc and XDP. */
static int run(struct caller *c, int p, struct job *j, unsigned int size)
{
	LIBBPF_OPTS(bpf_test_run_opts, opts);
	struct bpf_program *prog;
	int err;

	atomic_fetch_add(&prog_calls[p], 1);
	if (p == P_SYSCALL) {
		opts.ctx_in = j;
		opts.ctx_size_in = sizeof(*j);
		err = bpf_prog_test_run_opts(bpf_program__fd(skel->progs.syscall_stress), &opts);
		return err ? err : (int)opts.retval;
	}
	prog = p == P_TC ? skel->progs.tc_stress : skel->progs.xdp_stress;
	memset(c->pkt, 0, PKT_HDR);
	c->pkt[12] = 0x88;		/* a local experimental EtherType */
	c->pkt[13] = 0xb5;
	memcpy(c->pkt + PKT_HDR, j, sizeof(*j));
	opts.data_in = c->pkt;
	opts.data_size_in = size;
	opts.data_out = c->pkt_out;
	opts.data_size_out = sizeof(c->pkt_out);
	err = bpf_prog_test_run_opts(bpf_program__fd(prog), &opts);
	if (err)
		return err;
	memcpy(j, c->pkt_out + PKT_HDR, sizeof(*j));
	return p == P_XDP ? (int)opts.retval - XDP_PASS : (int)opts.retval;
}

#define WRONG(fmt, ...) bad("%s, %s: " fmt, what, prog_name[p], ##__VA_ARGS__)

static const char * const alpha = "ab\0";

/* One call of a string, mem, hash or protobuf kfunc, checked. */
static void call_data(struct caller *c)
{
	uint64_t *s = &c->seed, v = 0;
	unsigned int k, n, size = 512, field = 2;
	const char *what = "?";
	struct job j = { .ret = SENTINEL, .val = SENTINEL };
	int fam = F_STRING, p = below(s, NPROG), r;
	long long want = 0, want_val = SENTINEL;
	uint8_t want_out[JOB_BUF];
	char num[40];

	memset(j.out, 0x5a, sizeof(j.out));
	memcpy(want_out, j.out, sizeof(want_out));
	j.a_len = below(s, JOB_BUF + 1);
	j.b_len = below(s, 9);
	switch (below(s, 16)) {
	case 0:
		what = "kf_strstr";
		fam = F_STRING;
		j.op = OP_STRSTR;
		fill(s, j.a, j.a_len, alpha, 3);
		fill(s, j.b, j.b_len, alpha, 3);
		want = ref_find(j.a, j.a_len, j.b, j.b_len, 0);
		break;
	case 1:
		what = "kf_strrstr";
		fam = F_STRING;
		j.op = OP_STRRSTR;
		fill(s, j.a, j.a_len, alpha, 3);
		fill(s, j.b, j.b_len, alpha, 3);
		want = ref_find(j.a, j.a_len, j.b, j.b_len, 1);
		if (!j.b_len)
			want = j.a_len;
		break;
	case 2:
		what = "kf_strcmp";
		fam = F_STRING;
		j.op = OP_STRCMP;
		j.b_len = below(s, JOB_BUF + 1);
		fill(s, j.a, j.a_len, "aab\0", 4);
		memcpy(j.b, j.a, JOB_BUF);
		fill(s, j.b + j.b_len / 2, j.b_len - j.b_len / 2, "aab\0", 4);
		want = ref_strcmp(j.a, j.a_len, j.b, j.b_len);
		break;
	case 3:
		what = "kf_strnlen";
		fam = F_STRING;
		j.op = OP_STRNLEN;
		fill(s, j.a, j.a_len, "abcdefg\0", 8);
		want = strnlen((char *)j.a, j.a_len);
		break;
	case 4: {
		char pat[16], str[JOB_BUF + 1];

		what = "kf_glob_match";
		fam = F_STRING;
		j.op = OP_GLOB;
		j.a_len = below(s, 13);
		fill(s, j.a, j.a_len, "ab", 2);
		fill(s, j.b, j.b_len, "ab*?", 4);
		memcpy(str, j.a, j.a_len);
		str[j.a_len] = 0;
		memcpy(pat, j.b, j.b_len);
		pat[j.b_len] = 0;
		want = !fnmatch(pat, str, 0);
		break;
	}
	case 5:
		what = "kf_strtoull";
		fam = F_STRING;
		j.op = OP_STRTOULL;
		v = rnd(s) >> below(s, 64);
		j.arg = below(s, 2) ? 10 : 16;
		n = snprintf(num, sizeof(num), j.arg == 10 ? "%*s%llu" : "%*s0x%llx",
			     (int)below(s, 3), "", (unsigned long long)v);
		memcpy(j.a, num, n);
		j.a_len = n + below(s, 3);
		memcpy(j.a + n, " z", 2);
		want = n;
		want_val = v;
		break;
	case 6:
	case 7:
		what = "kf_memchr";
		fam = F_MEM;
		j.op = OP_MEMCHR;
		fill(s, j.a, j.a_len, "abcdefgh", 8);
		j.arg = 'a' + below(s, 9) + (below(s, 2) << 8);
		want = -ENOENT;
		for (k = 0; k < j.a_len; k++) {
			if (j.a[k] == (uint8_t)j.arg) {
				want = k;
				break;
			}
		}
		if (below(s, 2)) {
			what = "kf_memrchr";
			j.op = OP_MEMRCHR;
			want = -ENOENT;
			for (k = 0; k < j.a_len; k++)
				if (j.a[k] == (uint8_t)j.arg)
					want = k;
		}
		break;
	case 8:
		what = "kf_memcmp";
		fam = F_MEM;
		j.op = OP_MEMCMP;
		j.b_len = below(s, JOB_BUF + 1);
		fill(s, j.a, j.a_len, alpha, 3);
		memcpy(j.b, j.a, JOB_BUF);
		if (j.b_len)
			fill(s, j.b + below(s, j.b_len), 1, alpha, 3);
		want = ref_memcmp(j.a, j.a_len, j.b, j.b_len);
		break;
	case 9:
		fam = F_MEM;
		j.b_len = below(s, JOB_BUF + 1);
		j.arg = rnd(s);
		if (below(s, 2)) {
			what = "kf_memset";
			j.op = OP_MEMSET;
			memset(want_out, (uint8_t)j.arg, j.b_len);
		} else {
			what = "kf_memzero";
			j.op = OP_MEMZERO;
			memset(want_out, 0, j.b_len);
		}
		break;
	case 10:
	case 11:
		fam = F_HASH;
		k = 1 + below(s, KF_HASH_MAX);
		j.op = OP_HASH + k;
		j.seed = rnd(s) >> (k == KF_HASH_FNV1A64 ? 0 : 32);
		fill(s, j.a, j.a_len, "\x00\x01\x7f\x80\xff" "abc", 8);
		want = SENTINEL;
		switch (k) {
		case KF_HASH_JHASH:
			what = "kf_hash(JHASH)";
			want_val = ref_jhash(j.a, j.a_len, j.seed);
			break;
		case KF_HASH_CRC32C:
			what = "kf_hash(CRC32C)";
			want_val = ref_crc(j.a, j.a_len, j.seed, 0x82f63b78);
			break;
		case KF_HASH_CRC32:
			what = "kf_hash(CRC32)";
			want_val = ref_crc(j.a, j.a_len, j.seed, 0xedb88320);
			break;
		case KF_HASH_FNV1A64:
			what = "kf_hash(FNV1A64)";
			want_val = ref_fnv1a64(j.a, j.a_len, j.seed);
			break;
		default:
			what = "kf_hash(XXH64)";
			n = below(s, 5);
			j.seed = below(s, 2) ? XXH_SEED : 0;
			j.a_len = strlen(kat[n].in);
			memcpy(j.a, kat[n].in, j.a_len);
			want_val = kat[n].xxh64[j.seed != 0];
			break;
		}
		break;
	case 12:
		what = "kf_sha256";
		fam = F_HASH;
		j.op = OP_SHA256;
		n = below(s, 5);
		j.a_len = strlen(kat[n].in);
		memcpy(j.a, kat[n].in, j.a_len);
		memcpy(want_out, kat[n].sha256, 32);
		break;
	case 13:
		fam = F_PROTO;
		v = rnd(s) >> below(s, 64);
		j.a_len = pb_message(j.a, below(s, 40), v);
		j.arg = 2 + below(s, 2);	/* field 3 is absent */
		if (below(s, 2)) {
			what = "kf_pb_get_varint";
			j.op = OP_PB_VARINT;
			want = j.arg == 2 ? 0 : -ENOENT;
			want_val = j.arg == 2 ? (long long)v : SENTINEL;
		} else {
			what = "kf_pb_get_bytes";
			j.op = OP_PB_BYTES;
			j.arg = 5;
			j.b_len = below(s, JOB_BUF + 1);
			want = j.a[1] < 0x80 ? j.a[1] : (j.a[1] & 0x7f) | j.a[2] << 7;
			memset(want_out, 0xee, want < j.b_len ? want : j.b_len);
		}
		break;
	default:
		/* In a packet: after the job, anywhere in a big XDP one. */
		fam = F_PKT;
		p = below(s, 2) ? P_TC : P_XDP;
		what = p == P_TC ? "kf_skb_pb_get_varint" : "kf_xdp_pb_get_varint";
		j.op = p == P_TC ? OP_PB_SKB : OP_PB_XDP;
		size = 1024 + below(s, (p == P_TC ? TC_MAX : PKT_SIZE) - 1024);
		v = rnd(s) >> below(s, 64);
		j.a_len = PKT_HDR + sizeof(j) + below(s, size - PKT_HDR - sizeof(j) - 300);
		j.arg = field;
		pb_message(c->pkt + j.a_len, below(s, size - j.a_len - 20), v);
		want = 0;
		want_val = v;
		break;
	}
	atomic_fetch_add(&calls[fam], 1);
	r = run(c, p, &j, size);
	if (r)
		WRONG("BPF_PROG_TEST_RUN: %d", r);
	else if (j.ret != want || (long long)j.val != want_val)
		WRONG("returned %lld, value %#llx; want %lld, %#llx", (long long)j.ret,
		      (unsigned long long)j.val, want, (unsigned long long)want_val);
	else if (memcmp(j.out, want_out, sizeof(want_out)))
		WRONG("wrong output bytes (first %02x %02x %02x %02x)",
		      j.out[0], j.out[1], j.out[2], j.out[3]);
}

/* A cgroup or exe path the kfunc returned (@ret) is one of @names. */
static int which(const char *path, int ret, char (*names)[256], int n)
{
	int i;

	for (i = 0; i < n; i++)
		if (ret == (int)strlen(names[i]) && !strcmp(path, names[i]))
			return i;
	return -1;
}

static void call_task(struct caller *c)
{
	uint64_t *s = &c->seed;
	struct job j = { .ret = SENTINEL, .ret2 = 12345 };
	const char *what;
	int p = below(s, NPROG), pid, r, i, exe = 0;

	switch (below(s, 4)) {
	case 3:
		/* kf_btf_snprintf walks its children list as the forker changes it */
		what = "this task printed with its children";
		atomic_fetch_add(&calls[F_BTF], 1);
		j.op = OP_BTF;
		j.arg = getpid();
		r = run(c, p, &j, 512);
		if (r || !j.found || j.ret <= 0 ||
		    memcmp(j.out, "(struct task_struct){", 21) || j.out[JOB_BUF - 1])
			WRONG("run %d, found %u, kf_btf_snprintf = %lld, \"%.40s\"",
			      r, j.found, (long long)j.ret, j.out);
		return;
	case 0:
		what = "task lookup of an exiting child";
		atomic_fetch_add(&calls[F_TASK], 1);
		pid = atomic_load(&ring[below(s, RING)]);
		break;
	case 1:
		what = "cgroup path of the child moving between cgroups";
		atomic_fetch_add(&calls[F_CGROUP], 1);
		pid = helper_pid;
		break;
	default:
		what = "exe path of the child running a replaced executable";
		atomic_fetch_add(&calls[F_EXE], 1);
		pid = atomic_load(&exe_pid);
		p = P_SYSCALL;
		exe = 1;
		break;
	}
	if (!pid)
		return;
	j.arg = pid;
	j.op = exe ? OP_TASK_EXE : below(s, 2) ? OP_TASK_PID : OP_TASK_VPID;
	r = run(c, p, &j, 512);
	if (r) {
		WRONG("BPF_PROG_TEST_RUN: %d", r);
		return;
	}
	j.out[JOB_BUF - 1] = j.out2[JOB_BUF - 1] = 0;
	if (!j.found) {
		if (pid == helper_pid)
			WRONG("pid %d not found", pid);
		atomic_fetch_add(exe ? &exe_null : &fork_null, 1);
		return;
	}
	if (j.pid != pid || j.tgid != pid) {
		WRONG("looked up pid %d, found pid %d tgid %d", pid, j.pid, j.tgid);
		return;
	}
	if (pid == helper_pid) {
		i = which((char *)j.out, j.ret, cg_names, 3);
		if (i < 0)
			WRONG("kf_task_cgroup_path = %lld, \"%s\"", (long long)j.ret, j.out);
		else
			atomic_fetch_add(&cg_seen[i], 1);
		return;
	}
	/* A child of this process: in its cgroup, as the exe child. */
	if (j.ret != (int)strlen(my_cg) || strcmp((char *)j.out, my_cg))
		WRONG("pid %d: kf_task_cgroup_path = %lld, \"%s\" (want \"%s\")", pid,
		      (long long)j.ret, j.out, my_cg);
	if (!exe) {
		atomic_fetch_add(&fork_found, 1);
		return;
	}
	i = j.ret2 == -ENOENT ? 3 : which((char *)j.out2, j.ret2, exe_names, 3);
	/* A pid no longer the exe child's may be anything's now. */
	if (i < 0 && atomic_load(&exe_pid) == pid)
		WRONG("pid %d: kf_task_exe_path = %d, \"%s\"", pid, j.ret2, j.out2);
	else if (i >= 0)
		atomic_fetch_add(&exe_seen[i], 1);
}

static void *caller(void *arg)
{
	struct caller *c = arg;

	while (!atomic_load(&stop)) {
		if (below(&c->seed, 4))
			call_data(c);
		else
			call_task(c);
	}
	return NULL;
}

/* (a) Children that exit at once, their pids in the ring meanwhile. */
static void *forker(void *arg __attribute__((unused)))
{
	pid_t kids[4];
	int i;

	while (!atomic_load(&mstop)) {
		for (i = 0; i < 4; i++) {
			kids[i] = fork();
			if (kids[i] == 0)
				_exit(0);
			if (kids[i] < 0) {
				mutator_error("fork");
				return NULL;
			}
			atomic_store(&ring[atomic_fetch_add(&ring_pos, 1) % RING], kids[i]);
		}
		for (i = 0; i < 4; i++)
			waitpid(kids[i], NULL, 0);
		atomic_fetch_add(&forked, 4);
	}
	return NULL;
}

/* The "0::PATH" line of /proc/PID/cgroup. */
static int proc_cgroup(const char *pid, char *out, size_t size)
{
	char path[64], buf[4096], *l;

	snprintf(path, sizeof(path), "/proc/%s/cgroup", pid);
	if (read_file(path, buf, sizeof(buf)))
		return -1;
	for (l = strtok(buf, "\n"); l; l = strtok(NULL, "\n")) {
		if (!strncmp(l, "0::", 3)) {
			snprintf(out, size, "%s", l + 3);
			return 0;
		}
	}
	return -1;
}

#define CGROUP2_MAGIC 0x63677270
static char cg_root[128], cg_dirs[3][256];	/* base, base/a, base/b */
static char cg1_dirs[2][64];			/* x, y in a cgroup v1 hierarchy */

static int move(const char *dir, int pid)
{
	char path[300], s[16];

	snprintf(path, sizeof(path), "%s/cgroup.procs", dir);
	snprintf(s, sizeof(s), "%d", pid);
	return write_file(path, s);
}

/*
 * (b) cgroup v2 has no rename(2) (EPERM): the helper child moves between
 * cgroups a and b instead, and the one it left is removed and made again;
 * now and then it waits in their parent while a is removed and made
 * again. Meanwhile a cgroup of a v1 hierarchy of our own (where the
 * kernel has v1) is renamed back and forth: kernfs renames, under the
 * lock the path kfunc takes.
 */
static void *cgroup_mutator(void *arg __attribute__((unused)))
{
	long n;

	for (n = 0; !atomic_load(&mstop); n++) {
		if (move(cg_dirs[2], helper_pid) || rmdir(cg_dirs[1]) || mkdir(cg_dirs[1], 0755) ||
		    move(cg_dirs[1], helper_pid) || rmdir(cg_dirs[2]) || mkdir(cg_dirs[2], 0755)) {
			mutator_error("move a process between cgroups, remove and make them again");
			return NULL;
		}
		atomic_fetch_add(&cg_moves, 2);
		atomic_fetch_add(&cg_removals, 2);
		if (cg1_dirs[0][0] &&
		    (rename(cg1_dirs[0], cg1_dirs[1]) || rename(cg1_dirs[1], cg1_dirs[0]))) {
			mutator_error("rename a cgroup v1 cgroup");
			return NULL;
		}
		if (cg1_dirs[0][0])
			atomic_fetch_add(&cg_renames, 2);
		if (n % 4 != 3)
			continue;
		if (move(cg_dirs[0], helper_pid) || rmdir(cg_dirs[1]) || mkdir(cg_dirs[1], 0755) ||
		    move(cg_dirs[1], helper_pid)) {
			mutator_error("remove and make again a cgroup");
			return NULL;
		}
		atomic_fetch_add(&cg_moves, 2);
		atomic_fetch_add(&cg_removals, 1);
	}
	return NULL;
}

static int cgroup_setup(void)
{
	static const char * const roots[] = { "/sys/fs/cgroup", "/tmp/kfunc-cgroup2" };
	struct statfs st;
	int i;

	for (i = 0; i < 2; i++) {
		if (statfs(roots[i], &st) || st.f_type != CGROUP2_MAGIC) {
			mkdir(roots[i], 0755);
			if (mount("cgroup2", roots[i], "cgroup2", 0, NULL))
				continue;
		}
		snprintf(cg_root, sizeof(cg_root), "%s", roots[i]);
		break;
	}
	if (!cg_root[0])
		return -1;
	snprintf(cg_names[0], sizeof(cg_names[0]), "/kfunc-stress-%d", getpid());
	snprintf(cg_names[1], sizeof(cg_names[1]), "%.200s/a", cg_names[0]);
	snprintf(cg_names[2], sizeof(cg_names[2]), "%.200s/b", cg_names[0]);
	for (i = 0; i < 3; i++)
		snprintf(cg_dirs[i], sizeof(cg_dirs[i]), "%.120s%.120s", cg_root, cg_names[i]);
	if (mkdir(cg_dirs[0], 0755) || mkdir(cg_dirs[1], 0755) || mkdir(cg_dirs[2], 0755))
		return -1;
	/* The v1 hierarchy: optional (kernels may be built without v1). */
	if (!mkdir("/tmp/kfunc-stress-cg1", 0755) &&
	    !mount("cgroup", "/tmp/kfunc-stress-cg1", "cgroup", 0, "none,name=kfunc-stress") &&
	    !mkdir("/tmp/kfunc-stress-cg1/x", 0755)) {
		snprintf(cg1_dirs[0], sizeof(cg1_dirs[0]), "/tmp/kfunc-stress-cg1/x");
		snprintf(cg1_dirs[1], sizeof(cg1_dirs[1]), "/tmp/kfunc-stress-cg1/y");
	}
	helper_pid = fork();
	if (helper_pid == 0) {
		for (;;)
			pause();
	}
	return helper_pid < 0 ? -1 : move(cg_dirs[1], helper_pid);
}

static void cgroup_cleanup(void)
{
	if (helper_pid > 0) {
		kill(helper_pid, SIGKILL);
		waitpid(helper_pid, NULL, 0);
	}
	rmdir(cg_dirs[1]);
	rmdir(cg_dirs[2]);
	rmdir(cg_dirs[0]);
	rmdir("/tmp/kfunc-stress-cg1/x");
	rmdir("/tmp/kfunc-stress-cg1/y");
	umount("/tmp/kfunc-stress-cg1");
	rmdir("/tmp/kfunc-stress-cg1");
}

/* (c) The exe child's executable: A and B are its names, T a fresh copy. */
static char exe_dir[64], exe_tmp[128];

static int copy_sleep(void)
{
	char buf[65536];
	int in = open("/bin/sleep", O_RDONLY | O_CLOEXEC), out;
	ssize_t n = 0;

	if (in < 0)
		return -1;
	out = open(exe_tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0755);
	while (out >= 0 && (n = read(in, buf, sizeof(buf))) > 0)
		if (write(out, buf, n) != n)
			n = -1;
	close(in);
	if (out < 0 || close(out) || n < 0)
		return -1;
	return rename(exe_tmp, exe_names[0]);
}

/* Run A; the pid once its exec succeeded (a CLOEXEC pipe tells). */
static int spawn(void)
{
	int fds[2], err, tries;
	pid_t pid;

	for (tries = 0; tries < 100; tries++) {
		if (pipe2(fds, O_CLOEXEC))
			return -1;
		pid = fork();
		if (pid == 0) {
			execl(exe_names[0], "sleep", "1000", (char *)NULL);
			err = errno;
			if (write(fds[1], &err, sizeof(err)) < 0)
				_exit(126);
			_exit(127);
		}
		close(fds[1]);
		err = 0;
		if (pid < 0 || read(fds[0], &err, sizeof(err)) < 0)
			err = errno;
		close(fds[0]);
		if (!err)
			return pid;
		if (pid > 0)
			waitpid(pid, NULL, 0);
		/* Another thread's fork may hold a copy's fd for a moment. */
		if (err != ETXTBSY) {
			errno = err;
			return -1;
		}
		usleep(1000);
	}
	errno = ETXTBSY;
	return -1;
}

static void *exe_mutator(void *arg __attribute__((unused)))
{
	long n;
	int old;

	for (n = 0; !atomic_load(&mstop); n++) {
		if (rename(exe_names[0], exe_names[1]) || rename(exe_names[1], exe_names[0])) {
			mutator_error("rename the executable");
			return NULL;
		}
		atomic_fetch_add(&exe_renames, 2);
		if (n % 8 != 7)
			continue;
		old = atomic_load(&exe_pid);
		if (copy_sleep()) {
			mutator_error("replace the executable");
			return NULL;
		}
		atomic_store(&exe_pid, spawn());
		kill(old, SIGKILL);
		waitpid(old, NULL, 0);
		if (atomic_load(&exe_pid) < 0) {
			atomic_store(&exe_pid, 0);
			mutator_error("run the executable");
			return NULL;
		}
		atomic_fetch_add(&exe_replaced, 1);
	}
	return NULL;
}

static int exe_setup(void)
{
	int pid;

	snprintf(exe_dir, sizeof(exe_dir), "/tmp/kfunc-stress.XXXXXX");
	if (!mkdtemp(exe_dir))
		return -1;
	snprintf(exe_tmp, sizeof(exe_tmp), "%s/new", exe_dir);
	snprintf(exe_names[0], sizeof(exe_names[0]), "%s/A", exe_dir);
	snprintf(exe_names[1], sizeof(exe_names[1]), "%s/B", exe_dir);
	snprintf(exe_names[2], sizeof(exe_names[2]), "%s/A (deleted)", exe_dir);
	if (copy_sleep())
		return -1;
	pid = spawn();
	if (pid < 0)
		return -1;
	atomic_store(&exe_pid, pid);
	return 0;
}

static void exe_cleanup(void)
{
	int pid = atomic_load(&exe_pid);

	if (pid > 0) {
		kill(pid, SIGKILL);
		waitpid(pid, NULL, 0);
	}
	unlink(exe_names[0]);
	unlink(exe_names[1]);
	unlink(exe_tmp);
	rmdir(exe_dir);
}

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static int stress(int seconds)
{
	int ncpu = sysconf(_SC_NPROCESSORS_ONLN), ncall = 2 * (ncpu > 0 ? ncpu : 1), i, zero = 0;
	pthread_t mut[3];
	struct caller *c;
	char fams[512], progs[128];
	long total = 0;
	double t0, took;
	size_t len;

	skel = stress_bpf__open_and_load();
	report(skel != NULL, "stress: load the tc, XDP and syscall programs");
	if (!skel)
		return 1;
	if (skel->rodata->job_size != sizeof(struct job)) {
		report(0, "stress: struct job is %u bytes in BPF, %zu here",
		       skel->rodata->job_size, sizeof(struct job));
		return 1;
	}
	if (proc_cgroup("self", my_cg, sizeof(my_cg)) || cgroup_setup() || exe_setup()) {
		report(0, "stress: set up the cgroups and the executable: %s", strerror(errno));
		cgroup_cleanup();
		exe_cleanup();
		return 1;
	}
	c = calloc(ncall, sizeof(*c));
	if (!c)
		return 1;
	t0 = now();
	pthread_create(&mut[0], NULL, forker, NULL);
	pthread_create(&mut[1], NULL, cgroup_mutator, NULL);
	pthread_create(&mut[2], NULL, exe_mutator, NULL);
	for (i = 0; i < ncall; i++) {
		c[i].seed = 0x9e3779b97f4a7c15ULL * (i + 1) ^ (uint64_t)time(NULL);
		pthread_create(&c[i].thread, NULL, caller, &c[i]);
	}
	sleep(seconds);
	atomic_store(&stop, 1);
	for (i = 0; i < ncall; i++)
		pthread_join(c[i].thread, NULL);
	took = now() - t0;
	atomic_store(&mstop, 1);
	for (i = 0; i < 3; i++)
		pthread_join(mut[i], NULL);
	cgroup_cleanup();
	exe_cleanup();

	len = 0;
	for (i = 0; i < NFAM; i++) {
		total += calls[i];
		zero |= !calls[i];
		len += snprintf(fams + len, sizeof(fams) - len, "%s%s %ld", i ? ", " : "",
				fam_name[i], (long)calls[i]);
	}
	snprintf(progs, sizeof(progs), "tc %ld, xdp %ld, syscall %ld",
		 (long)prog_calls[P_TC], (long)prog_calls[P_XDP], (long)prog_calls[P_SYSCALL]);
	report(!wrong && !zero,
	       "stress: %ld calls in %.0f s over %d threads (%s; %s), %ld wrong results",
	       total, took, ncall, fams, progs, (long)wrong);
	for (i = 0; i < 5 && i < wrong; i++)
		printf("    %s\n", why[i]);
	report(forked && cg_moves && cg_removals && exe_renames && exe_replaced &&
	       !mutator_failed,
	       "stress: meanwhile %ld children forked and reaped; the cgroup child moved %ld times, cgroups removed and made %ld times, a v1 cgroup renamed %ld times%s; the executable renamed %ld times and replaced %ld times",
	       (long)forked, (long)cg_moves, (long)cg_removals, (long)cg_renames,
	       cg1_dirs[0][0] ? "" : " (no cgroup v1 here)", (long)exe_renames,
	       (long)exe_replaced);
	/*
	 * Each answer above is one the mutators allow, and "not found" or
	 * -ENOENT is among them: a kfunc that always failed would pass, so
	 * each kind of success must also have been seen.
	 */
	report(fork_found && (cg_seen[1] || cg_seen[2]) && exe_seen[0] &&
	       (exe_seen[1] || exe_seen[2]),
	       "stress: the task kfuncs saw: exiting children found %ld, gone %ld; cgroup paths %s %ld, %s %ld, %s %ld; exe paths A %ld, B %ld, \"A (deleted)\" %ld, -ENOENT %ld, gone %ld",
	       (long)fork_found, (long)fork_null, cg_names[0], (long)cg_seen[0], cg_names[1],
	       (long)cg_seen[1], cg_names[2], (long)cg_seen[2], (long)exe_seen[0],
	       (long)exe_seen[1], (long)exe_seen[2], (long)exe_seen[3], (long)exe_null);
	stress_bpf__destroy(skel);
	free(c);
	return failed;
}

/* stress load: the module lifecycle race. */
static char log_buf[1 << 16];
static size_t log_len;

static int capture(enum libbpf_print_level level, const char *fmt, va_list ap)
{
	int n;

	if (level == LIBBPF_DEBUG || log_len >= sizeof(log_buf) - 1)
		return 0;
	n = vsnprintf(log_buf + log_len, sizeof(log_buf) - log_len, fmt, ap);
	if (n > 0)
		log_len += n;
	if (log_len > sizeof(log_buf) - 1)
		log_len = sizeof(log_buf) - 1;
	return 0;
}

/* The line of the log that says why, with a clear reason, or NULL. */
static const char *refusal(char *line, size_t size)
{
	static const char * const clear[] = {
		"is referenced but wasn't resolved",		/* libbpf: no module */
		"not found in kernel or module BTFs",
		"failed to find BTF for kernel function",	/* verifier: module going */
		"invalid module BTF fd",
		"is not allowed",				/* kfunc set not yet */
	};
	const char *at, *eol;
	size_t i, n;

	for (i = 0; i < sizeof(clear) / sizeof(clear[0]); i++) {
		at = strstr(log_buf, clear[i]);
		if (!at)
			continue;
		while (at > log_buf && at[-1] != '\n')
			at--;
		eol = strchr(at, '\n');
		n = eol ? (size_t)(eol - at) : strlen(at);
		snprintf(line, size, "%.*s", (int)(n < size - 1 ? n : size - 1), at);
		return clear[i];
	}
	return NULL;
}

static int load_loop(void)
{
	struct stress_bpf *s;
	struct bpf_program *p;
	char refcnt[32], mods[16384], line[512];
	LIBBPF_OPTS(bpf_test_run_opts, opts);
	int err, bads = 0;

	libbpf_set_print(capture);
	while (access("/tmp/kfunc-stress-stop", F_OK)) {
		log_len = 0;
		log_buf[0] = 0;
		s = stress_bpf__open();
		if (!s) {
			printf("bad: open the skeleton: %s\n", strerror(errno));
			return 1;
		}
		bpf_object__for_each_program(p, s->obj)
			bpf_program__set_autoload(p, p == s->progs.load_probe);
		err = stress_bpf__load(s);
		if (!err) {
			/* Loaded: the module must be pinned while it is. */
			err = bpf_prog_test_run_opts(bpf_program__fd(s->progs.load_probe), &opts);
			refcnt[0] = mods[0] = 0;
			read_file("/sys/module/kfunc/refcnt", refcnt, sizeof(refcnt));
			read_file("/proc/modules", mods, sizeof(mods));
			if (!err && s->bss->probe_ret == 10 && atoi(refcnt) >= 1 &&
			    (!strncmp(mods, "kfunc ", 6) || strstr(mods, "\nkfunc ")))
				printf("loaded: module pinned (refcnt %d), kf_test_sum = 10\n",
				       atoi(refcnt));
			else
				bads += printf("bad: loaded, but run %d, kf_test_sum = %lld, refcnt \"%.8s\", %s /proc/modules\n",
					       err, (long long)s->bss->probe_ret, refcnt,
					       strstr(mods, "kfunc ") ? "in" : "not in");
			usleep(500000);	/* held: rmmod must find it in use */
		} else if (refusal(line, sizeof(line))) {
			printf("refused: %s\n", line);
		} else {
			printf("bad: load failed (%d) without a clear reason:\n%s\n", err, log_buf);
			bads++;
		}
		fflush(stdout);
		stress_bpf__destroy(s);
		usleep(20000);
	}
	return bads ? 1 : 0;
}

int main(int argc, char **argv)
{
	if (argc == 2 && !strcmp(argv[1], "load"))
		return load_loop();
	if (argc != 2 || atoi(argv[1]) <= 0) {
		fprintf(stderr, "usage: %s SECONDS | load\n", argv[0]);
		return 2;
	}
	setvbuf(stdout, NULL, _IOLBF, 0);
	return stress(atoi(argv[1]));
}
