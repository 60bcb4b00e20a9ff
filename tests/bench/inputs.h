/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The benchmark's inputs, made the same way in the VM (bench.c) and on the
 * host (native.c): English-like text and a protobuf message.
 */
#ifndef BENCH_INPUTS_H
#define BENCH_INPUTS_H

#include <string.h>

#include "bench.h"

/*
 * @n bytes of English-like text: common words, a fixed pseudo-random
 * sequence. No word starts with "password" and none holds MEMCHR_BYTE; a
 * few start with 'p' and end a word with 'd', as the needle does.
 */
static inline void text(unsigned char *p, unsigned int n)
{
	static const char * const words[] = {
		"the", "of", "and", "to", "in", "is", "it", "you", "that", "he", "was",
		"for", "on", "are", "with", "as", "his", "they", "be", "at", "one",
		"have", "this", "from", "or", "had", "by", "word", "but", "what",
		"some", "we", "can", "out", "other", "were", "all", "there", "when",
		"up", "use", "your", "how", "said", "an", "each", "she", "which", "do",
		"their", "time", "if", "will", "way", "about", "many", "then", "them",
		"write", "would", "like", "so", "these", "her", "long", "make", "thing",
		"see", "him", "two", "has", "look", "more", "day", "could", "go", "come",
		"did", "number", "sound", "no", "most", "people", "my", "over", "know",
		"water", "than", "call", "first", "who", "may", "down", "side", "been",
		"now", "find", "pass", "word.", "port", "path", "process", "passed",
	};
	unsigned int i = 0, k = 12345;

	while (i < n) {
		const char *w;

		k = k * 1103515245 + 12345;
		w = words[(k >> 16) % (sizeof(words) / sizeof(words[0]))];
		while (*w && i < n)
			p[i++] = *w++;
		if (i < n)
			p[i++] = ' ';
	}
}

/*
 * A protobuf message of exactly @n (>= 16) bytes: fields 1 to 6 of every
 * wire type in turn (varints of 1 to 5 bytes, a string, fixed32, fixed64),
 * a string field 7 to pad, then field PB_FIELD = PB_VALUE, the last.
 */
static inline void pb_message(unsigned char *p, unsigned int n)
{
	static const unsigned char fields[][12] = {
		{ 3, 0x08, 0x96, 0x01 },				/* 1: 150 */
		{ 9, 0x12, 0x07, 't', 'e', 's', 't', 'i', 'n', 'g' },	/* 2: "testing" */
		{ 5, 0x1d, 1, 2, 3, 4 },				/* 3: fixed32 */
		{ 6, 0x20, 0xff, 0xff, 0xff, 0xff, 0x0f },		/* 4: 2^32 - 1 */
		{ 9, 0x29, 1, 2, 3, 4, 5, 6, 7, 8 },			/* 5: fixed64 */
		{ 2, 0x30, 0x01 },					/* 6: true */
	};
	unsigned int off = 0, k = 0, pad;

	/* Fields while a padding field (2 bytes at least) and the last fit. */
	while (off + fields[k][0] + 2 <= n - 2) {
		memcpy(p + off, fields[k] + 1, fields[k][0]);
		off += fields[k][0];
		k = (k + 1) % (sizeof(fields) / sizeof(fields[0]));
	}
	pad = n - 2 - off;
	p[off++] = 0x3a;
	p[off++] = pad - 2;
	memset(p + off, 'x', pad - 2);
	off += pad - 2;
	p[off++] = PB_FIELD << 3;
	p[off++] = PB_VALUE;
}

#endif /* BENCH_INPUTS_H */
