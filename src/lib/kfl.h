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
 * Errors are returned as negative Linux errno values. The numbers are the
 * same in the kernel and in glibc on Linux, so the kernel glue passes them
 * through (main.c checks that at build time) and host tests compare them
 * with <errno.h>'s.
 */
#define KFL_ENOENT 2
#define KFL_E2BIG 7
#define KFL_EINVAL 22
#define KFL_ERANGE 34
#define KFL_ENOMSG 42
#define KFL_EBADMSG 74

/*
 * kfl_strstr - index of the first occurrence of @sub (@sub_len bytes) in the
 * first @s_len bytes of @s; 0 when @sub_len is 0; -KFL_ENOENT when absent.
 * Reads no byte outside either buffer and treats NUL as an ordinary byte.
 */
long kfl_strstr(const char *s, unsigned int s_len,
		const char *sub, unsigned int sub_len);

/*
 * kfl_memchr - index of the first byte equal to (unsigned char)@c in the
 * @len bytes at @s; -KFL_ENOENT when there is none.
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

/*
 * kfl_fnv1a64 - FNV-1a, 64 bits, over @len bytes, starting from the offset
 * basis XOR @seed (0: the standard function).
 */
#define KFL_FNV1A64_BASIS 0xcbf29ce484222325ULL
#define KFL_FNV1A64_PRIME 0x100000001b3ULL
unsigned long long kfl_fnv1a64(const void *data, unsigned int len, unsigned long long seed);

/*
 * Strings. Two conventions, each function says which:
 *  - byte strings: the @len bytes are the string, NUL is an ordinary byte
 *    (memmem-like: the search functions);
 *  - C strings: the string is the bytes before the first NUL within @len,
 *    or all @len bytes when there is none (strn*-like: everything else).
 * Nothing reads a byte at or past a @len. Case folding is ASCII only.
 */

/* kfl_strcasestr - kfl_strstr with ASCII case folding. Byte strings. */
long kfl_strcasestr(const char *s, unsigned int s_len,
		    const char *sub, unsigned int sub_len);

/*
 * kfl_strrstr - index of the last occurrence of @sub in @s; @s_len when
 * @sub_len is 0; -KFL_ENOENT when absent. Byte strings.
 */
long kfl_strrstr(const char *s, unsigned int s_len,
		 const char *sub, unsigned int sub_len);

/* kfl_strnlen - the index of the first NUL in @s, or @len when none. */
unsigned int kfl_strnlen(const char *s, unsigned int len);

/*
 * kfl_strcmp - compare C strings @a and @b as unsigned bytes: -1, 0 or 1.
 * kfl_strcasecmp - the same with ASCII case folding (both sides lowered).
 */
int kfl_strcmp(const char *a, unsigned int a_len, const char *b, unsigned int b_len);
int kfl_strcasecmp(const char *a, unsigned int a_len, const char *b, unsigned int b_len);

/*
 * kfl_strchr - index of the first byte (unsigned char)@c in C string @s;
 * for @c == 0, the index of the terminating NUL (-KFL_ENOENT when @s has
 * none within @len); -KFL_ENOENT when absent.
 * kfl_strrchr - the same for the last such byte.
 */
long kfl_strchr(const char *s, unsigned int len, int c);
long kfl_strrchr(const char *s, unsigned int len, int c);

/*
 * kfl_strspn - length of the initial segment of C string @s made of bytes
 * of C string @accept; kfl_strcspn - of bytes not in C string @reject.
 */
unsigned int kfl_strspn(const char *s, unsigned int len,
			const char *accept, unsigned int accept_len);
unsigned int kfl_strcspn(const char *s, unsigned int len,
			 const char *reject, unsigned int reject_len);

/*
 * kfl_startswith, kfl_endswith - 1 when C string @s begins (ends) with C
 * string @affix, else 0. The empty affix matches every string.
 */
int kfl_startswith(const char *s, unsigned int len, const char *affix, unsigned int affix_len);
int kfl_endswith(const char *s, unsigned int len, const char *affix, unsigned int affix_len);

/*
 * kfl_strtoull, kfl_strtoll - parse an integer at the start of C string @s,
 * as strtoull(3)/strtoll(3) in the C locale: leading white space
 * (" \t\n\v\f\r"), then an optional sign, then digits of @base. @base 0
 * picks 16 after "0x"/"0X", 8 after "0", else 10; @base 16 accepts an
 * optional "0x"/"0X"; only bases 0, 8, 10 and 16 are accepted. A "0x" with
 * no hex digit after it parses as "0" (consumed up to and including the
 * '0'), as in glibc. kfl_strtoull rejects a '-' sign (-KFL_EINVAL, before
 * any overflow check), where strtoull(3) would negate.
 *
 * Return: the number of bytes consumed (> 0), *@res set; -KFL_EINVAL when
 * no digit parses or @base is not accepted; -KFL_ERANGE when the value does
 * not fit (u64, or s64 for kfl_strtoll); -KFL_E2BIG when more than INT_MAX
 * bytes would be consumed. *@res is written only on success.
 */
int kfl_strtoull(const char *s, unsigned int len, unsigned int base,
		 unsigned long long *res);
int kfl_strtoll(const char *s, unsigned int len, unsigned int base, long long *res);

/*
 * kfl_glob_match - 1 when C string @s matches the shell glob C string @pat,
 * else 0; fnmatch(3) with flags 0 in the C locale: '*' (any run, '/' and a
 * leading '.' included), '?', bracket expressions ("[abc]", ranges "[a-z]",
 * negation "[!a]" or "[^a]", ']' first is literal, classes "[[:alpha:]]"
 * and the other eleven), backslash escapes. A pattern ending in an
 * unpaired '\' matches nothing. A bracket expression ends at the first
 * ']' after its first item that is neither escaped nor the end of a class;
 * a '[' without one is an ordinary byte. An unknown class name
 * ("[[:bogus:]]") fails its bracket expression when reached (an earlier
 * item may still match), as in glibc, which reads a class name as "[:",
 * letters 'a'..'y', ":]". A '-' before a class is an ordinary item.
 * Equivalence classes and collating symbols are not supported: "[=" and
 * "[." are ordinary bytes. Iterative: no recursion, O(@pat_len * @len)
 * steps at worst.
 */
int kfl_glob_match(const char *pat, unsigned int pat_len, const char *s, unsigned int len);

/*
 * Protocol buffers (the wire format). A message is read either from flat
 * memory (@data) or, when @read is set, through @read(@ctx, off, buf, n),
 * which copies the @n bytes at offset @off of the message into @buf and
 * returns 0, or a negative errno when it cannot (a packet's bytes, fetched
 * without linearising it). @len is the message's length in both cases;
 * nothing at or past it is read.
 */
struct kfl_pb_src {
	const unsigned char *data;
	unsigned int len;
	int (*read)(const void *ctx, unsigned int off, void *buf, unsigned int n);
	const void *ctx;
};

#define KFL_PB_VARINT 0
#define KFL_PB_I64 1
#define KFL_PB_LEN 2
#define KFL_PB_I32 5

/* The deepest path kfl_pb_find accepts. */
#define KFL_PB_MAX_DEPTH 8

/*
 * A field found by kfl_pb_find:
 * @wire_type: KFL_PB_VARINT, _I64, _LEN or _I32
 * @value:     VARINT: the value; I64/I32: the raw bits (I32 zero-extended);
 *             LEN: 0
 * @off:       offset of the value in the message: LEN its payload, VARINT
 *             its bytes, I64/I32 its 8 or 4 bytes
 * @len:       the value's length in bytes
 */
struct kfl_pb_field {
	unsigned int wire_type;
	unsigned long long value;
	unsigned int off;
	unsigned int len;
};

/*
 * kfl_pb_find - find the first occurrence of field number @path[@depth - 1],
 * inside the submessage at @path[0 .. @depth - 2] (each the first
 * occurrence of that field number, a LEN field decoded as a message).
 *
 * Return: 0 with *@f filled (*@f is not written otherwise); -KFL_ENOENT
 * when a field of the path is absent; -KFL_ENOMSG when a field before the
 * last is not a LEN field; -KFL_EBADMSG when the bytes decoded on the way
 * are malformed: a truncated varint or fixed field, a varint longer than
 * 10 bytes or over 64 bits, a length past the end of its message, a group
 * (wire types 3, 4) or wire type 6 or 7, field number 0 or over 2^29 - 1
 * in a tag; -KFL_EINVAL when @src, @path or @f is NULL, when @src has
 * neither @data nor @read and @len is not 0, when @depth is 0 or over
 * KFL_PB_MAX_DEPTH, or when a path element is 0 or over 2^29 - 1 (all
 * checked before any byte is read); a negative errno from @read (any
 * other non-zero value it returns is taken as -KFL_EINVAL).
 * Non-minimal varints (up to 10 bytes, tags included) are accepted. Only
 * the bytes up to the end of the field found are checked; a LEN payload
 * is decoded only when the path goes into it. @read is used whenever it is
 * set, even if @data is set too.
 */
int kfl_pb_find(const struct kfl_pb_src *src, const unsigned int *path,
		unsigned int depth, struct kfl_pb_field *f);

/*
 * kfl_pb_copy - copy @n bytes at offset @off of the message into @buf:
 * 0; -KFL_EINVAL when @off + @n is past @src->len (computed without
 * overflow) or @buf is NULL and @n is not 0; or @read's error. @n == 0
 * returns 0 without calling @read; @read is called once for all @n bytes.
 */
int kfl_pb_copy(const struct kfl_pb_src *src, unsigned int off, void *buf, unsigned int n);

/*
 * kfl_container_id - the container id in the name of one cgroup directory,
 * as container runtimes name them (cgroupfs and systemd drivers):
 *   ID                          docker and containerd (CRI) under cgroupfs
 *   docker-ID.scope             docker under systemd
 *   cri-containerd-ID.scope     containerd (CRI) under systemd
 *   crio-ID.scope, crio-ID      CRI-O under systemd, under cgroupfs
 *   libpod-ID.scope, libpod-ID  podman under systemd, under cgroupfs
 * (and docker-ID, cri-containerd-ID without ".scope"), where ID is 64
 * lower-case hexadecimal digits. The name is exactly @len bytes (NUL is an
 * ordinary byte). Runtimes' helper processes ("libpod-conmon-ID.scope",
 * "crio-conmon-ID.scope") are not containers and do not match.
 * Return: 1 with the 64 digits copied to @id (no NUL), or 0 when @name is
 * none of these (@id untouched).
 */
#define KFL_CONTAINER_ID_LEN 64
int kfl_container_id(const char *name, unsigned int len, char *id);

#endif /* KFL_H */
