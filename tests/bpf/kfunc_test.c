// SPDX-License-Identifier: GPL-2.0
/*
 * kfunc_test: calls every kfunc from real BPF programs (tc, XDP, syscall,
 * through BPF_PROG_TEST_RUN) and checks exact results. Runs inside the
 * test VM, on the kernel under test, after kfunc.ko is loaded.
 *
 *   kfunc_test run    one line per kfunc and program type: "ok - ..." or
 *                     "not ok - ...", each failing case on its own line
 *   kfunc_test hold   load a program that calls a kfunc, print "held",
 *                     keep it loaded until stdin closes (lifecycle test)
 *
 * The cases are a table: each names a kfunc call (kfunc_test.h), its
 * inputs and the exact result. Hashes are also checked on random inputs
 * against user-space implementations (libxxhash, zlib, OpenSSL, and the
 * reference algorithms of jhash, CRC-32C and FNV-1a written out here).
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
#include <openssl/sha.h>
#include <xxhash.h>
#include <zlib.h>

#include <kfunc/hash.h>

#include "report.h"
#include "testutil.h"
#include "kfunc_test.h"
#include "kfunc_test.skel.h"

#define S(x) x, sizeof(x) - 1
#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

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

struct prog {
	const char *name;
	struct bpf_program *prog;
	int with_packet, ok_ret;
};

/*
 * One call: @op with inputs a, b (and their sizes), arg, val and the path;
 * the kfunc must return @want, and, where set, leave @want_val in val and
 * @want_out in out (the rest of out untouched: 0xaa).
 */
struct kcase {
	const char *kfunc;
	int op;
	const char *a;
	unsigned int a_len;
	const char *b;
	unsigned int b_len;
	long long arg;
	long long want;
	int check_val;
	unsigned long long want_val;
	const char *want_out;
	unsigned int want_out_len;
	unsigned int out_len;
	unsigned long long val_in;
	unsigned int path[10], path_len;
};

#define MAX64 18446744073709551615ULL
#define S_OUT(x) .want_out = x, .want_out_len = sizeof(x) - 1

/*
 * Protobuf messages, encoded by hand from the encoding guide's examples
 * (protobuf.dev/programming-guides/encoding): 08 96 01 is field 1 = 150;
 * 12 07 "testing" is field 2 = "testing"; 1a 03 08 96 01 is field 3, a
 * submessage whose field 1 is 150.
 */
#define PB_MSG "\x08\x96\x01\x12\x07testing\x1a\x03\x08\x96\x01\x08\x01"
#define PB_NESTED "\x0a\x06\x12\x04\x1a\x02\x20\x2a\x78\x07"

static const struct kcase cases[] = {
	/* kf_test_sum(a_len, arg, b_len, val) */
	{ "kf_test_sum", OP_TEST_SUM, .a_len = 1, .arg = 2, .b_len = 3, .val_in = 4, .want = 10 },
	{ "kf_test_sum", OP_TEST_SUM, .a_len = 0xffffffff, .arg = 1LL << 40, .b_len = 0xffffffff,
	  .val_in = 5, .want = 0x1ffffffffLL + (1LL << 40) + 4 },

	{ "kf_strstr", OP_STRSTR, S("Hello, world!"), S("wor"), .want = 7 },	/* the seed */
	{ "kf_strstr", OP_STRSTR, S("Hello, world!"), S("xyz"), .want = -ENOENT },
	{ "kf_strstr", OP_STRSTR, S("Hello, world!"), S(""), .want = 0 },
	{ "kf_strstr", OP_STRSTR, S(""), S(""), .want = 0 },
	{ "kf_strstr", OP_STRSTR, S(""), S("a"), .want = -ENOENT },
	{ "kf_strstr", OP_STRSTR, S("a"), S("a"), .want = 0 },			/* size 1 */
	{ "kf_strstr", OP_STRSTR, S("abc"), S("abcd"), .want = -ENOENT },
	{ "kf_strstr", OP_STRSTR, S("Hello, world!"), S("!"), .want = 12 },	/* last byte */
	{ "kf_strstr", OP_STRSTR, S("Hello, world!"), S("ld!"), .want = 10 },
	{ "kf_strstr", OP_STRSTR, "Hello, world!", 9, S("wor"), .want = -ENOENT },
	{ "kf_strstr", OP_STRSTR, "Hello, world!", 10, S("wor"), .want = 7 },
	{ "kf_strstr", OP_STRSTR, S("ab\0cd\0ef"), S("\0ef"), .want = 5 },	/* NUL is a byte */
	{ "kf_strstr", OP_STRSTR, S("\xff\xfe\xff\xff"), S("\xff\xff"), .want = 2 },

	{ "kf_strcasestr", OP_STRCASESTR, S("Hello, World!"), S("wORLD"), .want = 7 },
	{ "kf_strcasestr", OP_STRCASESTR, S("abc"), S(""), .want = 0 },
	{ "kf_strcasestr", OP_STRCASESTR, S(""), S("a"), .want = -ENOENT },
	{ "kf_strcasestr", OP_STRCASESTR, S("A"), S("a"), .want = 0 },
	{ "kf_strcasestr", OP_STRCASESTR, S("xxxY"), S("y"), .want = 3 },
	{ "kf_strcasestr", OP_STRCASESTR, S("a\0B"), S("\0b"), .want = 1 },
	{ "kf_strcasestr", OP_STRCASESTR, S("\xc0"), S("\xe0"), .want = -ENOENT }, /* ASCII only */
	{ "kf_strcasestr", OP_STRCASESTR, S("\xff\xfe"), S("\xfe"), .want = 1 },
	{ "kf_strcasestr", OP_STRCASESTR, S("[@"), S("{`"), .want = -ENOENT },

	{ "kf_strrstr", OP_STRRSTR, S("abcabc"), S("bc"), .want = 4 },
	{ "kf_strrstr", OP_STRRSTR, S("abc"), S(""), .want = 3 },
	{ "kf_strrstr", OP_STRRSTR, S(""), S(""), .want = 0 },
	{ "kf_strrstr", OP_STRRSTR, S("abc"), S("d"), .want = -ENOENT },
	{ "kf_strrstr", OP_STRRSTR, S("aaa"), S("aa"), .want = 1 },
	{ "kf_strrstr", OP_STRRSTR, S("a\0a\0"), S("a\0"), .want = 2 },
	{ "kf_strrstr", OP_STRRSTR, S("x"), S("x"), .want = 0 },
	{ "kf_strrstr", OP_STRRSTR, S("\xff\xff"), S("\xff"), .want = 1 },

	{ "kf_strnlen", OP_STRNLEN, S("abc"), .want = 3 },
	{ "kf_strnlen", OP_STRNLEN, S("abc\0def"), .want = 3 },
	{ "kf_strnlen", OP_STRNLEN, S(""), .want = 0 },
	{ "kf_strnlen", OP_STRNLEN, S("\0"), .want = 0 },
	{ "kf_strnlen", OP_STRNLEN, S("\xff"), .want = 1 },
	{ "kf_strnlen", OP_STRNLEN, "abc", 2, .want = 2 },

	{ "kf_strcmp", OP_STRCMP, S("abc"), S("abc"), .want = 0 },
	{ "kf_strcmp", OP_STRCMP, S("abc"), S("abd"), .want = -1 },
	{ "kf_strcmp", OP_STRCMP, S("abd"), S("abc"), .want = 1 },
	{ "kf_strcmp", OP_STRCMP, S("abc\0x"), S("abc"), .want = 0 },	/* NUL ends a */
	{ "kf_strcmp", OP_STRCMP, S("ab"), S("abc"), .want = -1 },
	{ "kf_strcmp", OP_STRCMP, S(""), S(""), .want = 0 },
	{ "kf_strcmp", OP_STRCMP, S(""), S("\0"), .want = 0 },
	{ "kf_strcmp", OP_STRCMP, S("\xff"), S("\x01"), .want = 1 },	/* unsigned */
	{ "kf_strcmp", OP_STRCMP, "abc", 2, S("ab"), .want = 0 },	/* size ends a */

	{ "kf_strcasecmp", OP_STRCASECMP, S("HeLLo"), S("hello"), .want = 0 },
	{ "kf_strcasecmp", OP_STRCASECMP, S("a"), S("B"), .want = -1 },
	{ "kf_strcasecmp", OP_STRCASECMP, S("_"), S("A"), .want = -1 },	/* lowered: 0x5f < 'a' */
	{ "kf_strcasecmp", OP_STRCASECMP, S("\xc0"), S("\xe0"), .want = -1 },
	{ "kf_strcasecmp", OP_STRCASECMP, S("ABC\0x"), S("abc\0y"), .want = 0 },
	{ "kf_strcasecmp", OP_STRCASECMP, S("Z"), S(""), .want = 1 },

	{ "kf_strchr", OP_STRCHR, S("hello"), .arg = 'l', .want = 2 },
	{ "kf_strchr", OP_STRCHR, S("hello"), .arg = 'z', .want = -ENOENT },
	{ "kf_strchr", OP_STRCHR, S("hello"), .arg = 'o', .want = 4 },	/* last byte */
	{ "kf_strchr", OP_STRCHR, S("hello"), .arg = 0, .want = -ENOENT }, /* no NUL */
	{ "kf_strchr", OP_STRCHR, S("hel\0lo"), .arg = 0, .want = 3 },
	{ "kf_strchr", OP_STRCHR, S("hel\0lo"), .arg = 'o', .want = -ENOENT },
	{ "kf_strchr", OP_STRCHR, S("\xff"), .arg = 0xff, .want = 0 },
	{ "kf_strchr", OP_STRCHR, S("ab"), .arg = 0x162, .want = 1 },	/* low byte */
	{ "kf_strchr", OP_STRCHR, S(""), .arg = 'a', .want = -ENOENT },

	{ "kf_strrchr", OP_STRRCHR, S("hello"), .arg = 'l', .want = 3 },
	{ "kf_strrchr", OP_STRRCHR, S("hel\0l"), .arg = 'l', .want = 2 },
	{ "kf_strrchr", OP_STRRCHR, S("ab\0"), .arg = 0, .want = 2 },
	{ "kf_strrchr", OP_STRRCHR, S("x"), .arg = 'x', .want = 0 },
	{ "kf_strrchr", OP_STRRCHR, S("x"), .arg = 'y', .want = -ENOENT },

	{ "kf_strspn", OP_STRSPN, S("abcde"), S("cba"), .want = 3 },
	{ "kf_strspn", OP_STRSPN, S("abc"), S(""), .want = 0 },
	{ "kf_strspn", OP_STRSPN, S("aaa\0aaa"), S("a"), .want = 3 },
	{ "kf_strspn", OP_STRSPN, S(""), S("a"), .want = 0 },
	{ "kf_strspn", OP_STRSPN, S("aab"), S("a\0b"), .want = 2 },	/* NUL ends accept */
	{ "kf_strspn", OP_STRSPN, S("\xff\xff\x01"), S("\xff"), .want = 2 },

	{ "kf_strcspn", OP_STRCSPN, S("abcde"), S("dx"), .want = 3 },
	{ "kf_strcspn", OP_STRCSPN, S("abc"), S(""), .want = 3 },
	{ "kf_strcspn", OP_STRCSPN, S("abc\0d"), S("d"), .want = 3 },
	{ "kf_strcspn", OP_STRCSPN, S("xyz"), S("x"), .want = 0 },

	{ "kf_startswith", OP_STARTSWITH, S("hello"), S("he"), .want = 1 },
	{ "kf_startswith", OP_STARTSWITH, S("hello"), S(""), .want = 1 },
	{ "kf_startswith", OP_STARTSWITH, S("he"), S("hello"), .want = 0 },
	{ "kf_startswith", OP_STARTSWITH, S("hello\0"), S("hello\0x"), .want = 1 },
	{ "kf_startswith", OP_STARTSWITH, S("abc"), S("abd"), .want = 0 },
	{ "kf_startswith", OP_STARTSWITH, S("a\0bc"), S("a\0b"), .want = 1 },

	{ "kf_endswith", OP_ENDSWITH, S("a.txt\0\0\0"), S(".txt"), .want = 1 },
	{ "kf_endswith", OP_ENDSWITH, S("a.txt"), S("txt"), .want = 1 },
	{ "kf_endswith", OP_ENDSWITH, S("txt"), S("a.txt"), .want = 0 },
	{ "kf_endswith", OP_ENDSWITH, S("abc"), S(""), .want = 1 },
	{ "kf_endswith", OP_ENDSWITH, S(""), S(""), .want = 1 },
	{ "kf_endswith", OP_ENDSWITH, S("a.txt"), S(".TXT"), .want = 0 },
	{ "kf_endswith", OP_ENDSWITH, S("a.txt\0.md"), S(".md"), .want = 0 },

	{ "kf_strtoull", OP_STRTOULL, S("123"), .arg = 10, .want = 3, 1, 123 },
	{ "kf_strtoull", OP_STRTOULL, S("  42xyz"), .arg = 0, .want = 4, 1, 42 },
	{ "kf_strtoull", OP_STRTOULL, S("0x1f"), .arg = 0, .want = 4, 1, 31 },
	{ "kf_strtoull", OP_STRTOULL, S("0X1F"), .arg = 16, .want = 4, 1, 31 },
	{ "kf_strtoull", OP_STRTOULL, S("1f"), .arg = 16, .want = 2, 1, 31 },
	{ "kf_strtoull", OP_STRTOULL, S("017"), .arg = 0, .want = 3, 1, 15 },
	{ "kf_strtoull", OP_STRTOULL, S("017"), .arg = 10, .want = 3, 1, 17 },
	{ "kf_strtoull", OP_STRTOULL, S("0x"), .arg = 0, .want = 1, 1, 0 },
	{ "kf_strtoull", OP_STRTOULL, S("+7"), .arg = 10, .want = 2, 1, 7 },
	{ "kf_strtoull", OP_STRTOULL, S("-1"), .arg = 10, .want = -EINVAL, 1, 0x5a },
	{ "kf_strtoull", OP_STRTOULL, S(""), .arg = 10, .want = -EINVAL, 1, 0x5a },
	{ "kf_strtoull", OP_STRTOULL, S("abc"), .arg = 10, .want = -EINVAL, 1, 0x5a },
	{ "kf_strtoull", OP_STRTOULL, S("12"), .arg = 2, .want = -EINVAL, 1, 0x5a },
	{ "kf_strtoull", OP_STRTOULL, S("18446744073709551615"), .arg = 10, .want = 20, 1, MAX64 },
	{ "kf_strtoull", OP_STRTOULL, S("18446744073709551616"), .arg = 10, .want = -ERANGE, 1, 0x5a },
	{ "kf_strtoull", OP_STRTOULL, S("ffffffffffffffff"), .arg = 16, .want = 16, 1, MAX64 },
	{ "kf_strtoull", OP_STRTOULL, "123456", 3, .arg = 10, .want = 3, 1, 123 },
	{ "kf_strtoull", OP_STRTOULL, S("12\0" "34"), .arg = 10, .want = 2, 1, 12 },
	{ "kf_strtoull", OP_STRTOULL, S("9"), .arg = 8, .want = -EINVAL, 1, 0x5a },

	{ "kf_strtoll", OP_STRTOLL, S("-42"), .arg = 10, .want = 3, 1, (unsigned long long)-42 },
	{ "kf_strtoll", OP_STRTOLL, S("9223372036854775807"), .arg = 10, .want = 19, 1,
	  9223372036854775807ULL },
	{ "kf_strtoll", OP_STRTOLL, S("-9223372036854775808"), .arg = 10, .want = 20, 1,
	  9223372036854775808ULL },
	{ "kf_strtoll", OP_STRTOLL, S("9223372036854775808"), .arg = 10, .want = -ERANGE, 1, 0x5a },
	{ "kf_strtoll", OP_STRTOLL, S("-9223372036854775809"), .arg = 10, .want = -ERANGE, 1, 0x5a },
	{ "kf_strtoll", OP_STRTOLL, S(" -0x10"), .arg = 0, .want = 6, 1, (unsigned long long)-16 },
	{ "kf_strtoll", OP_STRTOLL, S("\t+0"), .arg = 0, .want = 3, 1, 0 },
	{ "kf_strtoll", OP_STRTOLL, S("-"), .arg = 10, .want = -EINVAL, 1, 0x5a },
	{ "kf_strtoll", OP_STRTOLL, S("5"), .arg = 36, .want = -EINVAL, 1, 0x5a },

	/* kf_glob_match(pattern = b, string = a) */
	{ "kf_glob_match", OP_GLOB, S("a.txt"), S("*.txt"), .want = 1 },
	{ "kf_glob_match", OP_GLOB, S("a.txt.gz"), S("*.txt"), .want = 0 },
	{ "kf_glob_match", OP_GLOB, S(""), S("?"), .want = 0 },
	{ "kf_glob_match", OP_GLOB, S(""), S(""), .want = 1 },
	{ "kf_glob_match", OP_GLOB, S(""), S("*"), .want = 1 },
	{ "kf_glob_match", OP_GLOB, S("bx"), S("[a-c]x"), .want = 1 },
	{ "kf_glob_match", OP_GLOB, S("bx"), S("[!a-c]x"), .want = 0 },
	{ "kf_glob_match", OP_GLOB, S("dx"), S("[^a-c]x"), .want = 1 },
	{ "kf_glob_match", OP_GLOB, S("*"), S("\\*"), .want = 1 },
	{ "kf_glob_match", OP_GLOB, S("a"), S("\\*"), .want = 0 },
	{ "kf_glob_match", OP_GLOB, S("aXbYc"), S("a*b*c"), .want = 1 },
	{ "kf_glob_match", OP_GLOB, S("/usr/bin/bash"), S("*/bash"), .want = 1 },
	{ "kf_glob_match", OP_GLOB, S(".hidden"), S("*"), .want = 1 },
	{ "kf_glob_match", OP_GLOB, S("7up"), S("[[:digit:]]*"), .want = 1 },
	{ "kf_glob_match", OP_GLOB, S("]"), S("[]]"), .want = 1 },
	{ "kf_glob_match", OP_GLOB, S("[abc"), S("[abc"), .want = 1 },	/* no ']': literal */
	{ "kf_glob_match", OP_GLOB, S("abc"), S("a*\0zzz"), .want = 1 },	/* NUL ends it */
	{ "kf_glob_match", OP_GLOB, S("abc\0def"), S("abc"), .want = 1 },
	{ "kf_glob_match", OP_GLOB, S("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"),
	  S("*a*a*a*a*a*a*a*b"), .want = 0 },
	{ "kf_glob_match", OP_GLOB, S("\xff"), S("?"), .want = 1 },

	{ "kf_memcmp", OP_MEMCMP, S("abc"), S("abc"), .want = 0 },
	{ "kf_memcmp", OP_MEMCMP, S("abc"), S("abd"), .want = -1 },
	{ "kf_memcmp", OP_MEMCMP, S("abd"), S("abc"), .want = 1 },
	{ "kf_memcmp", OP_MEMCMP, S("ab"), S("abc"), .want = -1 },	/* a prefix is less */
	{ "kf_memcmp", OP_MEMCMP, S("abc"), S("ab"), .want = 1 },
	{ "kf_memcmp", OP_MEMCMP, S(""), S(""), .want = 0 },
	{ "kf_memcmp", OP_MEMCMP, S(""), S("a"), .want = -1 },
	{ "kf_memcmp", OP_MEMCMP, S("\xff"), S("\x01"), .want = 1 },	/* unsigned */
	{ "kf_memcmp", OP_MEMCMP, S("a\0b"), S("a\0c"), .want = -1 },	/* NUL is a byte */

	{ "kf_memchr", OP_MEMCHR, S("Hello"), .arg = 'l', .want = 2 },
	{ "kf_memchr", OP_MEMCHR, S("Hello"), .arg = 'H', .want = 0 },
	{ "kf_memchr", OP_MEMCHR, S("Hello"), .arg = 'o', .want = 4 },
	{ "kf_memchr", OP_MEMCHR, S("Hello"), .arg = 'x', .want = -ENOENT },
	{ "kf_memchr", OP_MEMCHR, S(""), .arg = 'a', .want = -ENOENT },
	{ "kf_memchr", OP_MEMCHR, "Hello", 2, .arg = 'l', .want = -ENOENT },
	{ "kf_memchr", OP_MEMCHR, S("a\0b\0"), .arg = 0, .want = 1 },
	{ "kf_memchr", OP_MEMCHR, S("\xff\x01\xff"), .arg = 0xff, .want = 0 },
	{ "kf_memchr", OP_MEMCHR, S("ab"), .arg = 0x162, .want = 1 },

	{ "kf_memrchr", OP_MEMRCHR, S("Hello"), .arg = 'l', .want = 3 },
	{ "kf_memrchr", OP_MEMRCHR, S("Hello"), .arg = 'H', .want = 0 },
	{ "kf_memrchr", OP_MEMRCHR, S("Hello"), .arg = 'x', .want = -ENOENT },
	{ "kf_memrchr", OP_MEMRCHR, S(""), .arg = 'a', .want = -ENOENT },
	{ "kf_memrchr", OP_MEMRCHR, S("a\0b\0"), .arg = 0, .want = 3 },
	{ "kf_memrchr", OP_MEMRCHR, S("\xff\x01\xff"), .arg = 0xff, .want = 2 },

	/* out holds 0xaa before each call: exactly out_len bytes change. */
	{ "kf_memzero", OP_MEMZERO, .out_len = 0, .want = 0, .want_out = "", .want_out_len = 0 },
	{ "kf_memzero", OP_MEMZERO, .out_len = 1, .want = 0, S_OUT("\0") },
	{ "kf_memzero", OP_MEMZERO, .out_len = 5, .want = 0, S_OUT("\0\0\0\0\0") },
	{ "kf_memset", OP_MEMSET, .out_len = 0, .arg = 'x', .want = 0, .want_out = "" },
	{ "kf_memset", OP_MEMSET, .out_len = 1, .arg = 0x17e, .want = 0, S_OUT("\x7e") },
	{ "kf_memset", OP_MEMSET, .out_len = 3, .arg = 0xff, .want = 0, S_OUT("\xff\xff\xff") },

	/* Test vectors of the algorithms' specifications. */
	{ "kf_hash", OP_HASH + KF_HASH_CRC32C, S("123456789"), .want = 0xe3069283 },
	{ "kf_hash", OP_HASH + KF_HASH_CRC32C, S(""), .want = 0 },
	{ "kf_hash", OP_HASH + KF_HASH_CRC32C, S("456789"), .arg = 0x107b2fb2, .want = 0xe3069283 },
	{ "kf_hash", OP_HASH + KF_HASH_CRC32, S("123456789"), .want = 0xcbf43926 },
	{ "kf_hash", OP_HASH + KF_HASH_CRC32, S(""), .want = 0 },
	{ "kf_hash", OP_HASH + KF_HASH_XXH64, S(""), .want = 0xef46db3751d8e999LL },
	{ "kf_hash", OP_HASH + KF_HASH_JHASH, S(""), .want = 0xdeadbeef },
	{ "kf_hash", OP_HASH + KF_HASH_JHASH, S(""), .arg = 0xdeadbeef, .want = 0xbd5b7dde },
	{ "kf_hash", OP_HASH + KF_HASH_JHASH, S("Four score and seven years ago"), .want = 0x17770551 },
	{ "kf_hash", OP_HASH + KF_HASH_JHASH, S("Four score and seven years ago"), .arg = 1,
	  .want = 0xcd628161 },
	{ "kf_hash", OP_HASH + KF_HASH_FNV1A64, S(""), .want = 0xcbf29ce484222325LL },
	{ "kf_hash", OP_HASH + KF_HASH_FNV1A64, S("foobar"), .want = 0x85944171f73967e8LL },
	{ "kf_hash", OP_HASH + 0, S("abc"), .want = 0 },			/* unknown ids */
	{ "kf_hash", OP_HASH + KF_HASH_MAX + 1, S("abc"), .want = 0 },

	{ "kf_sha256", OP_SHA256, S("abc"), .want = 0,
	  S_OUT("\xba\x78\x16\xbf\x8f\x01\xcf\xea\x41\x41\x40\xde\x5d\xae\x22\x23"
		"\xb0\x03\x61\xa3\x96\x17\x7a\x9c\xb4\x10\xff\x61\xf2\x00\x15\xad") },
	{ "kf_sha256", OP_SHA256, S(""), .want = 0,
	  S_OUT("\xe3\xb0\xc4\x42\x98\xfc\x1c\x14\x9a\xfb\xf4\xc8\x99\x6f\xb9\x24"
		"\x27\xae\x41\xe4\x64\x9b\x93\x4c\xa4\x95\x99\x1b\x78\x52\xb8\x55") },
	{ "kf_sha256", OP_SHA256, S("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"),
	  .want = 0,
	  S_OUT("\x24\x8d\x6a\x61\xd2\x06\x38\xb8\xe5\xc0\x26\x93\x0c\x3e\x60\x39"
		"\xa3\x3c\xe4\x59\x64\xff\x21\x67\xf6\xec\xed\xd4\x19\xdb\x06\xc1") },
	{ "kf_sha256", OP_SHA256_SIZE16, S("abc"), .want = -EINVAL, .want_out = "" },

	{ "kf_pb_get_varint", OP_PB_VARINT, S(PB_MSG), .arg = 1, .want = 0, 1, 150 },
	{ "kf_pb_get_varint", OP_PB_VARINT, S(PB_MSG), .arg = 4, .want = -ENOENT, 1, 0x5a },
	{ "kf_pb_get_varint", OP_PB_VARINT, S(PB_MSG), .arg = 2, .want = -ENOMSG, 1, 0x5a },
	{ "kf_pb_get_varint", OP_PB_VARINT, S(""), .arg = 1, .want = -ENOENT, 1, 0x5a },
	{ "kf_pb_get_varint", OP_PB_VARINT, S("\x08"), .arg = 1, .want = -EBADMSG, 1, 0x5a },
	{ "kf_pb_get_varint", OP_PB_VARINT, S("\x12\x09" "abc"), .arg = 3, .want = -EBADMSG, 1, 0x5a },
	{ "kf_pb_get_varint", OP_PB_VARINT, S("\x0b\x0c"), .arg = 1, .want = -EBADMSG, 1, 0x5a },
	{ "kf_pb_get_varint", OP_PB_VARINT, S("\x08\xff\xff\xff\xff\xff\xff\xff\xff\xff\x01"),
	  .arg = 1, .want = 0, 1, MAX64 },
	{ "kf_pb_get_varint", OP_PB_VARINT, S("\x08\xff\xff\xff\xff\xff\xff\xff\xff\xff\x02"),
	  .arg = 1, .want = -EBADMSG, 1, 0x5a },
	{ "kf_pb_get_varint", OP_PB_VARINT, S("\xf8\xff\xff\xff\x0f\x2a"), .arg = 536870911,
	  .want = 0, 1, 42 },					/* field 2^29 - 1 */
	{ "kf_pb_get_varint", OP_PB_VARINT, S(PB_MSG), .arg = 0, .want = -EINVAL, 1, 0x5a },

	{ "kf_pb_get_bytes", OP_PB_BYTES, S(PB_MSG), .arg = 2, .out_len = 64, .want = 7,
	  S_OUT("testing") },
	{ "kf_pb_get_bytes", OP_PB_BYTES, S(PB_MSG), .arg = 2, .out_len = 4, .want = 7,
	  S_OUT("test") },					/* truncated copy */
	{ "kf_pb_get_bytes", OP_PB_BYTES, S(PB_MSG), .arg = 3, .out_len = 64, .want = 3,
	  S_OUT("\x08\x96\x01") },				/* a submessage */
	{ "kf_pb_get_bytes", OP_PB_BYTES, S(PB_MSG), .arg = 1, .out_len = 64, .want = -ENOMSG,
	  .want_out = "" },
	{ "kf_pb_get_bytes", OP_PB_BYTES, S("\x12\x00"), .arg = 2, .out_len = 64, .want = 0,
	  .want_out = "" },
	{ "kf_pb_get_bytes", OP_PB_BYTES_LEN, S(PB_MSG), .arg = 2, .want = 7 },

	/* PB_NESTED: 1 { 2 { 3 { 4: 42 } } } then 15: 7 */
	{ "kf_pb_get_varint_path", OP_PB_VARINT_PATH, S(PB_NESTED), .path = { 1, 2, 3, 4 },
	  .path_len = 16, .want = 0, 1, 42 },
	{ "kf_pb_get_varint_path", OP_PB_VARINT_PATH, S(PB_NESTED), .path = { 15 },
	  .path_len = 4, .want = 0, 1, 7 },
	{ "kf_pb_get_varint_path", OP_PB_VARINT_PATH, S(PB_NESTED), .path = { 1, 2, 5 },
	  .path_len = 12, .want = -ENOENT, 1, 0x5a },
	{ "kf_pb_get_varint_path", OP_PB_VARINT_PATH, S(PB_NESTED), .path = { 15, 1 },
	  .path_len = 8, .want = -ENOMSG, 1, 0x5a },
	{ "kf_pb_get_varint_path", OP_PB_VARINT_PATH, S(PB_NESTED), .path_len = 0,
	  .want = -EINVAL, 1, 0x5a },
	{ "kf_pb_get_varint_path", OP_PB_VARINT_PATH, S(PB_NESTED),
	  .path = { 1, 1, 1, 1, 1, 1, 1, 1, 1 }, .path_len = 36, .want = -EINVAL, 1, 0x5a },
	{ "kf_pb_get_varint_path", OP_PB_VARINT_PATH, S(PB_NESTED), .path = { 1 },
	  .path_len = 6, .want = -EINVAL, 1, 0x5a },

};

/*
 * kf_glob_match_str's patterns are constants of kfunc_test.bpf.c:
 * 0 "*.txt", 1 "[a-c]?\\*", 2 "".
 */
static const struct kcase glob_str_cases[] = {
	{ "kf_glob_match_str", OP_GLOB_STR + 0, S("notes.txt"), .want = 1 },
	{ "kf_glob_match_str", OP_GLOB_STR + 0, S("notes.md"), .want = 0 },
	{ "kf_glob_match_str", OP_GLOB_STR + 1, S("bz*"), .want = 1 },
	{ "kf_glob_match_str", OP_GLOB_STR + 1, S("dz*"), .want = 0 },
	{ "kf_glob_match_str", OP_GLOB_STR + 2, S(""), .want = 1 },
	{ "kf_glob_match_str", OP_GLOB_STR + 2, S("a"), .want = 0 },
};

static void set_case(struct kfunc_test_bpf__bss *bss, const struct kcase *c)
{
	memset(bss->a, 0x5a, sizeof(bss->a));
	memset(bss->b, 0x5a, sizeof(bss->b));
	memset(bss->out, 0xaa, sizeof(bss->out));
	/* kf_test_sum's cases use the sizes as plain numbers. */
	if (c->a)
		memcpy(bss->a, c->a, c->a_len);
	if (c->b)
		memcpy(bss->b, c->b, c->b_len);
	bss->a_len = c->a_len;
	bss->b_len = c->b_len;
	bss->out_len = c->out_len;
	bss->arg = c->arg;
	bss->val = c->val_in ? c->val_in : 0x5a;
	memcpy(bss->path, c->path, sizeof(bss->path));
	bss->path_len = c->path_len;
	bss->op = c->op;
	bss->ret = 12345;
}

/* Run case @c with @p; 0 when every expectation holds, else why in @why. */
static int run_case(struct kfunc_test_bpf__bss *bss, const struct prog *p,
		    const struct kcase *c, char *why, size_t size)
{
	size_t i, bad = 0;
	int r;

	set_case(bss, c);
	r = run_prog(p->prog, p->with_packet);
	if (r != p->ok_ret) {
		snprintf(why, size, "program returned %d", r);
		return -1;
	}
	if (bss->ret != c->want) {
		snprintf(why, size, "returned %lld, want %lld", (long long)bss->ret, c->want);
		return -1;
	}
	if (c->check_val && bss->val != c->want_val) {
		snprintf(why, size, "wrote %llu (%#llx), want %llu (%#llx)",
			 (unsigned long long)bss->val, (unsigned long long)bss->val,
			 c->want_val, c->want_val);
		return -1;
	}
	if (c->want_out) {
		for (i = 0; i < sizeof(bss->out); i++)
			bad += bss->out[i] != (i < c->want_out_len ?
					       (unsigned char)c->want_out[i] : 0xaa);
		if (bad) {
			snprintf(why, size, "%zu output bytes differ from the %u expected, then 0xaa",
				 bad, c->want_out_len);
			return -1;
		}
	}
	return 0;
}

static void describe(const struct kcase *c, char *buf, size_t size)
{
	snprintf(buf, size, "%u-byte a, %u-byte b, arg %lld", c->a_len, c->b_len, c->arg);
}

/*
 * Run @n cases with @p, and report one line per kfunc (consecutive cases
 * of the same kfunc), with each failing case under it.
 */
static void run_cases(struct kfunc_test_bpf__bss *bss, const struct prog *p,
		      const struct kcase *kc, size_t n)
{
	char why[160], what[96], fails[4096];
	size_t i, start, nfail;

	for (start = 0; start < n; start = i) {
		nfail = 0;
		fails[0] = 0;
		for (i = start; i < n && !strcmp(kc[i].kfunc, kc[start].kfunc); i++) {
			if (!run_case(bss, p, &kc[i], why, sizeof(why)))
				continue;
			describe(&kc[i], what, sizeof(what));
			if (strlen(fails) < sizeof(fails) - 300)
				snprintf(fails + strlen(fails), sizeof(fails) - strlen(fails),
					 "    case %zu (%s): %s\n", i - start, what, why);
			nfail++;
		}
		report(!nfail, "%s: %s: %zu cases, exact results%s", p->name,
		       kc[start].kfunc, i - start, nfail ? ", failures below" : "");
		fputs(fails, stdout);
	}
}

/*
 * The reference algorithms of kf_hash's ids that no library here has.
 * jhash is Bob Jenkins' lookup3 hashlittle() (the kernel's jhash()),
 * written out from its description: 12-byte blocks mixed into three
 * words, the last 1 to 12 bytes added little-endian, a final mix.
 */
static uint32_t rol32(uint32_t x, int k)
{
	return x << k | x >> (32 - k);
}

static void jhash_mix(uint32_t *w)
{
	static const int rot[6] = { 4, 6, 8, 16, 19, 4 };
	int i;

	for (i = 0; i < 6; i++) {
		uint32_t *x = &w[i % 3], *y = &w[(i + 2) % 3], *z = &w[(i + 1) % 3];

		*x -= *y;
		*x ^= rol32(*y, rot[i]);
		*y += *z;
	}
}

static void jhash_final(uint32_t *w)
{
	static const int rot[7] = { 14, 11, 25, 16, 4, 14, 24 };
	int i;

	for (i = 0; i < 7; i++) {
		uint32_t *x = &w[(2 + i) % 3], *y = &w[(1 + i) % 3];

		*x ^= *y;
		*x -= rol32(*y, rot[i]);
	}
}

static uint32_t ref_jhash(const uint8_t *k, uint32_t len, uint32_t initval)
{
	uint32_t w[3], i;

	w[0] = w[1] = w[2] = 0xdeadbeef + len + initval;
	for (; len > 12; len -= 12, k += 12) {
		for (i = 0; i < 12; i++)
			w[i / 4] += (uint32_t)k[i] << (8 * (i % 4));
		jhash_mix(w);
	}
	if (!len)
		return w[2];
	for (i = 0; i < len; i++)
		w[i / 4] += (uint32_t)k[i] << (8 * (i % 4));
	jhash_final(w);
	return w[2];
}

static uint32_t ref_crc32c(const uint8_t *p, size_t len, uint32_t seed)
{
	uint32_t crc = ~seed;
	int k;

	while (len--) {
		crc ^= *p++;
		for (k = 0; k < 8; k++)
			crc = (crc >> 1) ^ (0x82f63b78 & -(crc & 1));
	}
	return ~crc;
}

static uint64_t ref_hash(int algo, const uint8_t *p, size_t len, uint64_t seed)
{
	switch (algo) {
	case KF_HASH_JHASH:
		return ref_jhash(p, len, seed);
	case KF_HASH_XXH64:
		return XXH64(p, len, seed);
	case KF_HASH_CRC32C:
		return ref_crc32c(p, len, seed);
	case KF_HASH_CRC32:
		return crc32((uint32_t)seed, p, len);
	case KF_HASH_FNV1A64:
		return ref_fnv1a64(p, len, seed);
	}
	return 0;
}

/* The user-space references agree with the specifications' vectors. */
static void test_references(void)
{
	static const char four[] = "Four score and seven years ago";

	report(ref_jhash((const uint8_t *)four, 30, 0) == 0x17770551 &&
	       ref_jhash((const uint8_t *)four, 30, 1) == 0xcd628161 &&
	       ref_jhash(NULL, 0, 0xdeadbeef) == 0xbd5b7dde &&
	       ref_crc32c((const uint8_t *)"123456789", 9, 0) == 0xe3069283 &&
	       crc32(0, (const uint8_t *)"123456789", 9) == 0xcbf43926 &&
	       XXH64("", 0, 0) == 0xef46db3751d8e999ULL &&
	       ref_fnv1a64((const uint8_t *)"foobar", 6, 0) == 0x85944171f73967e8ULL,
	       "user-space hash references match the specifications' test vectors");
}

/* Random inputs, sizes 0 to BIG: every algorithm against its reference. */
static void test_hash_random(struct kfunc_test_bpf__bss *bss, const struct prog *p, int rounds)
{
	static const int algos[] = { KF_HASH_JHASH, KF_HASH_XXH64, KF_HASH_CRC32C,
				     KF_HASH_CRC32, KF_HASH_FNV1A64 };
	unsigned char digest[SHA256_DIGEST_LENGTH];
	int i, k, bad = 0, r;
	unsigned int len;
	uint64_t seed;

	srand(4242);
	for (i = 0; i < rounds; i++) {
		len = i < 16 ? i : (i % 4 ? rand() % 300 : rand() % (BIG + 1));
		if (i == rounds - 1)
			len = BIG;
		for (k = 0; k < (int)len; k++)
			bss->a[k] = rand();
		seed = (uint64_t)rand() << 33 ^ (uint64_t)rand() << 11 ^ rand();
		if (i % 5 == 0)
			seed = 0;
		bss->a_len = len;
		bss->arg = seed;
		for (k = 0; k < (int)ARRAY_SIZE(algos); k++) {
			bss->op = OP_HASH + algos[k];
			r = run_prog(p->prog, p->with_packet);
			if (r != p->ok_ret || (uint64_t)bss->ret != ref_hash(algos[k], bss->a, len, seed)) {
				if (bad++ < 5)
					printf("    algo %d, %u bytes, seed %#llx: %#llx, want %#llx\n",
					       algos[k], len, (unsigned long long)seed,
					       (unsigned long long)bss->ret,
					       (unsigned long long)ref_hash(algos[k], bss->a, len, seed));
			}
		}
		bss->op = OP_SHA256;
		memset(bss->out, 0, 32);
		r = run_prog(p->prog, p->with_packet);
		SHA256(bss->a, len, digest);
		if (r != p->ok_ret || bss->ret || memcmp(bss->out, digest, sizeof(digest))) {
			if (bad++ < 5)
				printf("    sha256, %u bytes: differs from OpenSSL\n", len);
		}
	}
	report(!bad, "%s: kf_hash (5 algorithms) and kf_sha256 on %d random buffers (0 to %d bytes, random seeds) match libxxhash, zlib, OpenSSL and the reference algorithms (%d differ)",
	       p->name, rounds, BIG, bad);
}

/* The largest sizes the verifier allows for these buffers: all of a. */
static void test_full_sizes(struct kfunc_test_bpf__bss *bss, const struct prog *p)
{
	int r, ok = 1;

	memset(bss->a, 'a', BIG);
	bss->a[BIG - 1] = 'b';
	memcpy(bss->b, "ab", 2);
	bss->b_len = 2;
	bss->op = OP_STRSTR_FULL;
	r = run_prog(p->prog, p->with_packet);
	ok &= r == p->ok_ret && bss->ret == BIG - 2;

	memset(bss->a, 0, BIG);
	bss->a[BIG - 1] = 0x7f;
	bss->arg = 0x7f;
	bss->op = OP_MEMCHR_FULL;
	r = run_prog(p->prog, p->with_packet);
	ok &= r == p->ok_ret && bss->ret == BIG - 1;

	memset(bss->a, 0xff, BIG);
	bss->arg = 7;
	bss->op = OP_HASH_FULL;
	r = run_prog(p->prog, p->with_packet);
	ok &= r == p->ok_ret && (uint64_t)bss->ret == XXH64(bss->a, BIG, 7);

	memset(bss->a, 'x', BIG);
	bss->a_len = BIG;
	bss->op = OP_STRNLEN;
	r = run_prog(p->prog, p->with_packet);
	ok &= r == p->ok_ret && bss->ret == BIG;

	report(ok, "%s: %d-byte sizes (the whole buffer): kf_strstr finds the needle at the last bytes, kf_memchr the last byte, kf_hash and kf_strnlen cover every byte",
	       p->name, BIG);
}

/* kf_glob_match_str exists from 6.8 (__str); before, bpf_ksym_exists() is 0. */
static void test_glob_str(struct kfunc_test_bpf__bss *bss, const struct prog *p, int kv)
{
	int r;

	if (kv >= 6008) {
		run_cases(bss, p, glob_str_cases, ARRAY_SIZE(glob_str_cases));
		return;
	}
	set_case(bss, &glob_str_cases[0]);
	r = run_prog(p->prog, p->with_packet);
	report(r == (p->ok_ret ? XDP_ABORTED : 2),
	       "%s: kf_glob_match_str is absent before 6.8, as documented: bpf_ksym_exists() is 0 and the program still loads (%d)",
	       p->name, r);
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

static int quiet(enum libbpf_print_level level, const char *fmt, va_list ap)
{
	return 0;
}

static void test_prog_types(int kv)
{
	static char log[1 << 16];
	struct kfunc_test_bpf *skel;
	struct bpf_link *link = NULL;
	int err;

	/* fentry (tracing): loads everywhere; attached, it runs for real. */
	log[0] = 0;
	skel = open_alone("fentry_sum", log, sizeof(log));
	err = skel ? kfunc_test_bpf__load(skel) : -errno;
	if (!err) {
		skel->bss->ret = 0;
		link = bpf_program__attach(skel->progs.fentry_sum);
		err = link ? run_prog(skel->progs.fentry_sum, 0) : -errno;
	}
	report(!err && skel->bss->ret == 10,
	       "fentry: program calling kf_test_sum loads, attaches and gets 10 (err %d, got %lld)",
	       err, skel && !err ? (long long)skel->bss->ret : 0LL);
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
		libbpf_set_print(quiet);
	skel = open_alone("kprobe_sum", log, sizeof(log));
	err = skel ? kfunc_test_bpf__load(skel) : -errno;
	kfunc_test_bpf__destroy(skel);
	libbpf_set_print(NULL);
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

/*
 * kf_pb_get_bytes(msg, size, field, NULL, 64): NULL with a non-zero size
 * is __opt's (6.5+) or __nullable's (7.0+) job; 6.1 must refuse it.
 */
static void test_pb_null_sized(int kv)
{
	static char log[1 << 16];
	static const struct kcase c = { "kf_pb_get_bytes", 0, S(PB_MSG), .arg = 2 };
	struct kfunc_test_bpf *skel;
	int err, r;

	log[0] = 0;
	if (kv < 6005)
		libbpf_set_print(quiet);
	skel = open_alone("pb_bytes_null_sized", log, sizeof(log));
	err = skel ? kfunc_test_bpf__load(skel) : -errno;
	libbpf_set_print(NULL);
	if (kv < 6005) {
		report(err != 0, "6.1: kf_pb_get_bytes(..., NULL, 64) is refused (no __opt before 6.5) (%d)",
		       err);
	} else {
		r = err ? err : (set_case(skel->bss, &c),
				 run_prog(skel->progs.pb_bytes_null_sized, 0));
		report(!r && skel->bss->ret == 7,
		       "kf_pb_get_bytes(..., NULL, 64) loads (the compat layer's __opt/__nullable) and returns the length 7 (%d, %lld)",
		       r, err ? 0LL : (long long)skel->bss->ret);
		if (err)
			fprintf(stderr, "%s\n", log);
	}
	kfunc_test_bpf__destroy(skel);
}

/*
 * A packet (the test sends its first @size bytes) holding, at @off, a
 * message whose field 5 is @pad bytes and field 2 the varint 42 after it:
 * the lookup of field 2 must skip the padding, wherever the packet's
 * buffers end.
 */
static unsigned char *pb_packet(unsigned int size, unsigned int off, unsigned int pad)
{
	/* Room for all of the message: a case may cut it with @size. */
	unsigned char *p = calloc(1, size + off + pad + 8);
	unsigned int i = off;

	if (!p)
		return NULL;
	p[i++] = 0x2a;				/* field 5, len */
	p[i++] = 0x80 | (pad & 0x7f);		/* length, two-byte varint */
	p[i++] = pad >> 7;
	memset(p + i, 0xee, pad);
	i += pad;
	p[i++] = 0x10;				/* field 2, varint */
	p[i++] = 42;
	return p;
}

struct pkt_case {
	const char *what;
	int xdp;
	unsigned int size, off, pad, field, offset;
	long long want;
	unsigned long long want_val;
	int want_frags;
};

static void test_packets(struct kfunc_test_bpf *skel)
{
	static const struct pkt_case cases[] = {
		{ "tc: field 2 after 100 bytes", 0, 256, 20, 100, 2, 20, 0, 42, 0 },
		{ "tc: field 3 absent", 0, 125, 20, 100, 3, 20, -ENOENT, 0x5a, 0 },
		{ "tc: the message runs to the packet's end: zero bytes after it are malformed",
		  0, 256, 20, 100, 3, 20, -EBADMSG, 0x5a, 0 },
		{ "tc: field 5 is not a varint", 0, 256, 20, 100, 5, 20, -ENOMSG, 0x5a, 0 },
		{ "tc: message offset past the packet", 0, 256, 20, 100, 2, 257, -EINVAL, 0x5a, 0 },
		{ "tc: message at the end of the packet, empty", 0, 256, 20, 100, 2, 256,
		  -ENOENT, 0x5a, 0 },
		{ "tc: the length of field 5 runs past the packet", 0, 120, 20, 100, 2, 20,
		  -EBADMSG, 0x5a, 0 },
		{ "xdp: field 2 after 100 bytes", 1, 256, 20, 100, 2, 20, 0, 42, 0 },
		{ "xdp: a multi-buffer packet, field 2 in a fragment", 1, 9000, 100, 8000, 2,
		  100, 0, 42, 1 },
		{ "xdp: a multi-buffer packet, the message starts in a fragment", 1, 9000,
		  6000, 2000, 2, 6000, 0, 42, 1 },
		{ "xdp: offset past the multi-buffer packet", 1, 9000, 100, 8000, 2, 9001,
		  -EINVAL, 0x5a, 1 },
	};
	struct kfunc_test_bpf__bss *bss = skel->bss;
	size_t i;

	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		const struct pkt_case *c = &cases[i];
		unsigned char *pkt = pb_packet(c->size, c->off, c->pad);
		struct bpf_program *prog = c->xdp ? skel->progs.xdp_pb : skel->progs.tc_pb;
		LIBBPF_OPTS(bpf_test_run_opts, opts);
		int err, frags;

		if (!pkt)
			abort();
		opts.data_in = pkt;
		opts.data_size_in = c->size;
		bss->pkt_off = c->offset;
		bss->pkt_field = c->field;
		bss->pkt_ret = 12345;
		bss->pkt_val = 0x5a;
		err = bpf_prog_test_run_opts(bpf_program__fd(prog), &opts);
		frags = bss->pkt_head < bss->pkt_len;
		report(!err && bss->pkt_ret == c->want && bss->pkt_val == c->want_val &&
		       frags == c->want_frags,
		       "%s: kf_%s_pb_get_varint(%u-byte packet, offset %u, field %u) = %lld, value %llu (want %lld, %llu; %u of %u bytes linear)",
		       c->what, c->xdp ? "xdp" : "skb", c->size, c->offset, c->field,
		       (long long)bss->pkt_ret, (unsigned long long)bss->pkt_val, c->want,
		       c->want_val, bss->pkt_head, bss->pkt_len);
		free(pkt);
	}
}

/* Where a NULL result pointer loads (before 7.0), the kfuncs refuse it. */
static void test_null_results(int kv)
{
	static char log[1 << 16];
	static const struct kcase c = { "", 0, S("123") };
	struct kfunc_test_bpf *skel;
	int err, r;

	log[0] = 0;
	if (kv >= 7000)
		libbpf_set_print(quiet);
	skel = open_alone("null_results", log, sizeof(log));
	err = skel ? kfunc_test_bpf__load(skel) : -errno;
	libbpf_set_print(NULL);
	if (kv >= 7000) {
		report(err != 0, "a NULL result pointer is refused by the verifier (7.0+) (%d)", err);
	} else {
		r = err ? err : (set_case(skel->bss, &c),
				 run_prog(skel->progs.null_results, 0));
		report(!r && skel->bss->ret == -EINVAL && (long long)skel->bss->val == -EINVAL,
		       "a NULL result pointer loads before 7.0, and kf_strtoull and kf_pb_get_varint return -EINVAL (%d: %lld, %lld)",
		       r, err ? 0LL : (long long)skel->bss->ret,
		       err ? 0LL : (long long)skel->bss->val);
		if (err)
			fprintf(stderr, "%s\n", log);
	}
	kfunc_test_bpf__destroy(skel);
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
	static char log[1 << 20];
	struct kfunc_test_bpf *skel;
	struct prog progs[3];
	int kv = kernel_version(), i;

	if (argc == 2 && !strcmp(argv[1], "hold"))
		return hold();
	if (argc != 2 || strcmp(argv[1], "run")) {
		fprintf(stderr, "usage: %s run|hold\n", argv[0]);
		return 2;
	}

	skel = open_alone("tc_run", log, sizeof(log));
	report(skel != NULL, "open the BPF object");
	if (!skel)
		return 1;
	bpf_program__set_autoload(skel->progs.xdp_run, true);
	bpf_program__set_autoload(skel->progs.syscall_run, true);
	bpf_program__set_autoload(skel->progs.tc_pb, true);
	bpf_program__set_autoload(skel->progs.xdp_pb, true);
	if (kfunc_test_bpf__load(skel)) {
		report(0, "load tc, XDP and syscall programs calling every kf_* kfunc");
		fprintf(stderr, "%s\n", log);
		return 1;
	}
	report(1, "load tc, XDP and syscall programs calling every kf_* kfunc");

	progs[0] = (struct prog){ "tc", skel->progs.tc_run, 1, 0 };
	progs[1] = (struct prog){ "xdp", skel->progs.xdp_run, 1, XDP_PASS };
	progs[2] = (struct prog){ "syscall", skel->progs.syscall_run, 0, 0 };
	test_references();
	for (i = 0; i < 3; i++) {
		run_cases(skel->bss, &progs[i], cases, ARRAY_SIZE(cases));
		test_glob_str(skel->bss, &progs[i], kv);
		test_full_sizes(skel->bss, &progs[i]);
		test_hash_random(skel->bss, &progs[i], i == 1 ? 50 : 200);
	}
	test_packets(skel);
	kfunc_test_bpf__destroy(skel);

	test_prog_types(kv);
	test_pb_null_sized(kv);
	test_null_results(kv);
	return failed;
}
