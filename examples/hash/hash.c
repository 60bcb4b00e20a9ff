// SPDX-License-Identifier: GPL-2.0
/*
 * hash [STRING]: kf_hash's five algorithms and kf_sha256 of STRING
 * (default "123456789", the CRC catalogue's check input). Without an
 * argument it exits 0 only if the checksums are the catalogue's check
 * values and the SHA-256 is the one of "123456789". Needs root and
 * kfunc.ko loaded.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include <bpf/bpf.h>
#include <bpf/libbpf.h>
#include <kfunc/hash.h>

#include "hash.skel.h"

#define CHECK_SHA256 "15e2b0d3c33891ebb0f1ef609ec419420c20e320ce94c65fbc8c3312448eb225"

int main(int argc, char **argv)
{
	LIBBPF_OPTS(bpf_test_run_opts, opts);
	const char *s = argc > 1 ? argv[1] : "123456789";
	struct hash_bpf *skel;
	char hex[2 * KF_SHA256_DIGEST_SIZE + 1];
	int i, ret = 1;

	skel = hash_bpf__open_and_load();
	if (!skel) {
		fprintf(stderr, "hash: cannot load the BPF program (is kfunc.ko loaded?): %s\n",
			strerror(errno));
		return 1;
	}
	if (strlen(s) > sizeof(skel->bss->data)) {
		fprintf(stderr, "hash: at most %zu bytes\n", sizeof(skel->bss->data));
		goto out;
	}
	memcpy(skel->bss->data, s, strlen(s));
	skel->bss->len = strlen(s);
	if (bpf_prog_test_run_opts(bpf_program__fd(skel->progs.hash_all), &opts) || opts.retval) {
		fprintf(stderr, "hash: cannot run the program: %s\n", strerror(errno));
		goto out;
	}
	for (i = 0; i < KF_SHA256_DIGEST_SIZE; i++)
		sprintf(hex + 2 * i, "%02x", skel->bss->sha256[i]);
	printf("hash: '%s': crc32c %#llx, crc32 %#llx, jhash %#llx, xxh64 %#llx, fnv1a64 %#llx, sha256 %s\n",
	       s, (unsigned long long)skel->bss->crc32c, (unsigned long long)skel->bss->crc32,
	       (unsigned long long)skel->bss->jhash, (unsigned long long)skel->bss->xxh64,
	       (unsigned long long)skel->bss->fnv1a64, hex);
	ret = argc > 1 ? skel->bss->sha256_ret :
	      !(skel->bss->crc32c == 0xe3069283 && skel->bss->crc32 == 0xcbf43926 &&
		!strcmp(hex, CHECK_SHA256));
out:
	hash_bpf__destroy(skel);
	return ret;
}
