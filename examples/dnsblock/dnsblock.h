/* SPDX-License-Identifier: GPL-2.0 */
/*
 * dnsblock's list, as the loader writes it and the BPF program reads it.
 * Included by both sides (after <linux/types.h> or vmlinux.h).
 */
#ifndef DNSBLOCK_H
#define DNSBLOCK_H

/* At most this many patterns, each a C string of at most 255 bytes. */
#define DNSBLOCK_PATTERNS 64
#define DNSBLOCK_PATTERN_SIZE 256

struct pattern {
	char s[DNSBLOCK_PATTERN_SIZE];
};

#endif /* DNSBLOCK_H */
