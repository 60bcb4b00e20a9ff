/* SPDX-License-Identifier: GPL-2.0 */
/* Shared by kfunc_test.bpf.c and kfunc_test.c: the kfunc calls by number. */
#ifndef KFUNC_TEST_H
#define KFUNC_TEST_H

/* The input and output buffers' size: the largest size passed. */
#define BIG 4096

enum {
	OP_TEST_SUM = 1,
	OP_STRSTR,
	OP_STRCASESTR,
	OP_STRRSTR,
	OP_STRNLEN,
	OP_STRCMP,
	OP_STRCASECMP,
	OP_STRCHR,
	OP_STRRCHR,
	OP_STRSPN,
	OP_STRCSPN,
	OP_STARTSWITH,
	OP_ENDSWITH,
	OP_STRTOULL,
	OP_STRTOLL,
	OP_GLOB,		/* pattern in b, string in a */
	OP_MEMZERO,
	OP_MEMSET,
	OP_MEMCMP,
	OP_MEMCHR,
	OP_MEMRCHR,
	OP_SHA256,
	OP_SHA256_SIZE16,
	OP_PB_VARINT,
	OP_PB_BYTES,
	OP_PB_BYTES_LEN,
	OP_PB_VARINT_PATH,
	OP_STRSTR_FULL,		/* size: all BIG bytes of a */
	OP_MEMCHR_FULL,
	OP_HASH_FULL,
	OP_GLOB_STR = 100,	/* + the pattern's number (kfunc_test.bpf.c) */
	OP_HASH = 200,		/* + KF_HASH_* */
};

#endif /* KFUNC_TEST_H */
