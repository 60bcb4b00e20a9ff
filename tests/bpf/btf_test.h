/* SPDX-License-Identifier: GPL-2.0 */
/* Shared by btf_test.bpf.c and btf_test.c: what the print program leaves. */
#ifndef BTF_TEST_H
#define BTF_TEST_H

#define OUT 65536	/* each text's buffer */
#define SNAP 32768	/* the largest object a snapshot holds */

struct out {
	long kret;	/* bpf_snprintf_btf's return */
	long oret;	/* kf_btf_snprintf's */
	char kern[OUT];
	char ours[OUT];
};

#endif /* BTF_TEST_H */
