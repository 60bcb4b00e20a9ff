/* SPDX-License-Identifier: GPL-2.0 */
/*
 * kfl: the freestanding logic behind the kfuncs. These files include no
 * header at all (not the kernel's, not libc's), so the same code is built
 * into kfunc.ko and into the host unit tests and fuzzers. The kernel glue
 * (src/main.c) maps results to errno values and does nothing else.
 */
#ifndef KFL_H
#define KFL_H

/*
 * kfl_strstr - index of the first occurrence of @sub (@sub_len bytes) in the
 * first @s_len bytes of @s; 0 when @sub_len is 0; -1 when absent.
 * Reads no byte outside either buffer and treats NUL as an ordinary byte.
 */
long kfl_strstr(const char *s, unsigned int s_len,
		const char *sub, unsigned int sub_len);

/*
 * kfl_memchr - index of the first byte equal to (unsigned char)@c in the
 * @len bytes at @s; -1 when there is none.
 * kfl_memrchr - the same for the last such byte.
 */
long kfl_memchr(const void *s, unsigned int len, int c);
long kfl_memrchr(const void *s, unsigned int len, int c);

/*
 * kfl_memcmp - compare @a (@a_len bytes) with @b (@b_len bytes) as unsigned
 * bytes: -1, 0 or 1. When one is a prefix of the other, the shorter is
 * less; two empty buffers are equal.
 */
int kfl_memcmp(const void *a, unsigned int a_len, const void *b, unsigned int b_len);

#endif /* KFL_H */
