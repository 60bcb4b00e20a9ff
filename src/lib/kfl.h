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
#define KFL_EBUSY 16
#define KFL_EINVAL 22
#define KFL_ERANGE 34
#define KFL_ENOMSG 42
#define KFL_EBADMSG 74

/*
 * The number of elements of array @a. The kernel's noinline is the
 * compiler's attribute; host builds (tests/host, tests/fuzz) define it
 * on their command line.
 */
#define KFL_NELEM(a) (sizeof(a) / sizeof((a)[0]))

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
 * A message (protobuf, DNS, HTTP) is read either from flat memory (@data)
 * or, when @read is set, through @read(@ctx, off, buf, n), which copies
 * the @n bytes at offset @off of the message into @buf and returns 0, or a
 * negative errno when it cannot (a packet's bytes, fetched without
 * linearising it). @len is the message's length in both cases; nothing at
 * or past it is read. @read is used whenever it is set, even if @data is
 * set too.
 */
struct kfl_src {
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
int kfl_pb_find(const struct kfl_src *src, const unsigned int *path,
		unsigned int depth, struct kfl_pb_field *f);

/*
 * kfl_pb_copy - copy @n bytes at offset @off of the message into @buf:
 * 0; -KFL_EINVAL when @off + @n is past @src->len (computed without
 * overflow) or @buf is NULL and @n is not 0; or @read's error. @n == 0
 * returns 0 without calling @read; @read is called once for all @n bytes.
 */
int kfl_pb_copy(const struct kfl_src *src, unsigned int off, void *buf, unsigned int n);

/*
 * kfl_memmem_blocks - the first occurrence of @needle (@m bytes, 1 to
 * KFL_MEMMEM_MAX) in a byte stream that lies in pieces (a packet's linear
 * part and fragments), read where they lie: @next(@ctx, &p) returns the
 * length of the next piece and points p at it, or 0 at the end of the
 * stream (a piece of length 0 ends it). Matches that straddle pieces are
 * found, whatever the pieces' lengths. @icase: ASCII case-insensitive.
 *
 * Return: the offset of the match from the start of the stream;
 * -KFL_ENOENT when there is none; -KFL_EINVAL when @m is 0 or over
 * KFL_MEMMEM_MAX, or @needle or @next is NULL (before @next is called).
 * @next is not called again after it returned 0, nor after the first
 * match is known; no byte past a piece's length is read.
 */
#define KFL_MEMMEM_MAX 256
long kfl_memmem_blocks(unsigned int (*next)(void *ctx, const unsigned char **p), void *ctx,
		       const char *needle, unsigned int m, int icase);

/*
 * kfl_dns_name - decode the domain name at offset @off of the DNS message
 * @src (RFC 1035 4.1.4: labels of 1 to 63 bytes, a zero byte at the end,
 * compression pointers followed) into presentation text in @out:
 *  - lower case ('A'-'Z' become 'a'-'z'; no other byte is changed), labels
 *    joined by '.', no final dot; the root name is ".";
 *  - escaped as dig and dnspython write them: each of the bytes
 *    " ( ) . ; \ @ $ inside a label as '\' and the byte; a byte under
 *    0x21 or over 0x7e as '\' and its three decimal digits ("\000");
 *  - NUL-terminated.
 * A name is at most 255 bytes on the wire, so KFL_DNS_NAME_MAX bytes hold
 * any name's text and NUL; a name of letters, digits, '-' and '_' needs
 * at most 254.
 *
 * Malformed is -KFL_EBADMSG, and nothing outside the message is read:
 * @off at or past @src->len; a name or label running past the end; a
 * label type 0x40 or 0x80 (a length byte 64 to 191); a compression
 * pointer (0xc0 | 14 bits) that does not point before the start of the
 * labels it ends (the first byte read since the last jump, or @off): this
 * forbids loops and forward pointers, as dnspython does; a name that
 * follows more than KFL_DNS_MAX_POINTERS pointers (a name has at most 127
 * labels: a longer chain is an attack on the decoder); a name over 255
 * bytes in wire form (its labels' length bytes and bytes, and the final
 * zero; pointers do not count). Every byte of the name is checked before
 * the text size is: a malformed name is -KFL_EBADMSG even if its text
 * would not fit.
 *
 * Return: the offset just past the name's bytes at @off (after its zero
 * byte, or after its first pointer's two bytes): where a question's type
 * and class, or a record's type, start; -KFL_EBADMSG; -KFL_E2BIG when the
 * text and its NUL are over @out_len bytes (@out then holds the text's
 * first @out_len - 1 bytes and a NUL); -KFL_EINVAL when @src or @out is
 * NULL or @out_len is 0 (before any byte is read); a negative errno from
 * @read. @out is written only up to @out_len bytes, and on -KFL_EBADMSG
 * its content is unspecified.
 */
#define KFL_DNS_NAME_MAX 1004
#define KFL_DNS_MAX_POINTERS 127
long kfl_dns_name(const struct kfl_src *src, unsigned int off, char *out, unsigned int out_len);

/*
 * kfl_domain_match - 1 when the domain name @name matches @pat, else 0.
 * Both are C strings; one final dot of each is ignored; ASCII letters
 * match case-insensitively, every other byte only itself. @pat is one of:
 *   "example.com"    the name example.com only
 *   "*.example.com"  names under it (a.example.com, a.b.example.com), not
 *                    example.com itself
 *   ".example.com"   both
 * "Under" goes by whole labels: "*.example.com" does not match
 * "badexample.com". A name is read as kfl_dns_name writes it: "\." is a
 * dot inside a label, not a separator, so "*.example.com" does not match
 * "a\.example.com" (one label "a.example", then "com").
 *
 * Return: 1, 0, or -KFL_EINVAL when @pat is not a pattern: empty (after
 * its final dot is dropped), "*", "*." or "."; a '*' anywhere but a
 * leading "*."; an empty label ("a..b", "*..a", "..a"); or
 * when @name or @pat is NULL with a non-zero length.
 */
int kfl_domain_match(const char *name, unsigned int name_len,
		     const char *pat, unsigned int pat_len);

/*
 * kfl_http_header - the value of the header field @name in the HTTP/1.x
 * message @src (a request or a response; RFC 9112).
 *
 * The message must start with a complete start line, else -KFL_EBADMSG:
 * a request line "METHOD SP TARGET SP HTTP/1.D" and its end (METHOD a
 * token, TARGET one or more bytes 0x21-0x7e, D a digit), or a status line
 * "HTTP/1.D SP DDD" and then its end or SP and anything up to its end. A line ends with LF; a CR
 * before it belongs to the ending. The header block is the lines after
 * the start line up to the first empty line, or up to the end of the
 * message when there is none (a message cut by a packet's end): its last
 * line counts only when its LF is in the message. Nothing after the
 * block is searched.
 *
 * In the block, a line "NAME:VALUE" is a field when NAME is a token (RFC
 * 9110 tchars, no white space before the colon). A line that starts with
 * SP or HT (obsolete folding) is skipped: values are not unfolded. Any
 * other line is -KFL_EBADMSG, when it comes before the field is found.
 * The field is the first whose NAME equals @name case-insensitively; its
 * value is VALUE without leading and trailing SP and HT.
 *
 * @name is a C string of tchars, 1 or more (else -KFL_EINVAL). The value
 * is copied to @out, cut to @out_len - 1 bytes, and NUL-terminated.
 * @out may be @name: @name is not read once @out is written.
 *
 * Return: the value's full length (>= 0; over @out_len - 1 when it was
 * cut); -KFL_ENOENT when no field has that name;
 * -KFL_EBADMSG; -KFL_EINVAL for a bad @name, a NULL @src, @name or @out,
 * or an @out_len of 0 (before any byte is read); a negative errno from
 * @read. @out is written only on success.
 */
long kfl_http_header(const struct kfl_src *src, const char *name, unsigned int name_len,
		     char *out, unsigned int out_len);

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

/*
 * BTF, as the kernel exposes it (/sys/kernel/btf/vmlinux): a header, a type
 * section and a string section, in the byte order of the kernel that made
 * it. The layouts below are those of include/uapi/linux/btf.h.
 */
struct kfl_btf_type {
	unsigned int name_off;
	unsigned int info;	/* vlen: bits 0-15, kind: 24-28, kind_flag: 31 */
	union {
		unsigned int size;
		unsigned int type;
	};
};

#define KFL_BTF_KIND(t) (((t)->info >> 24) & 0x1f)
#define KFL_BTF_VLEN(t) ((t)->info & 0xffff)
#define KFL_BTF_KFLAG(t) ((t)->info >> 31)

#define KFL_BTF_KIND_UNKN 0
#define KFL_BTF_KIND_INT 1
#define KFL_BTF_KIND_PTR 2
#define KFL_BTF_KIND_ARRAY 3
#define KFL_BTF_KIND_STRUCT 4
#define KFL_BTF_KIND_UNION 5
#define KFL_BTF_KIND_ENUM 6
#define KFL_BTF_KIND_FWD 7
#define KFL_BTF_KIND_TYPEDEF 8
#define KFL_BTF_KIND_VOLATILE 9
#define KFL_BTF_KIND_CONST 10
#define KFL_BTF_KIND_RESTRICT 11
#define KFL_BTF_KIND_FUNC 12
#define KFL_BTF_KIND_FUNC_PROTO 13
#define KFL_BTF_KIND_VAR 14
#define KFL_BTF_KIND_DATASEC 15
#define KFL_BTF_KIND_FLOAT 16
#define KFL_BTF_KIND_DECL_TAG 17
#define KFL_BTF_KIND_TYPE_TAG 18
#define KFL_BTF_KIND_ENUM64 19

/* After an INT's struct kfl_btf_type: one word of these. */
#define KFL_BTF_INT_ENCODING(x) (((x) >> 24) & 0x0f)
#define KFL_BTF_INT_OFFSET(x) (((x) >> 16) & 0xff)
#define KFL_BTF_INT_BITS(x) ((x) & 0xff)
#define KFL_BTF_INT_SIGNED 1
#define KFL_BTF_INT_CHAR 2
#define KFL_BTF_INT_BOOL 4

struct kfl_btf_array {
	unsigned int type;
	unsigned int index_type;
	unsigned int nelems;
};

/* In a struct or union whose kind_flag is set, offset is bitfield size << 24 | bit offset. */
struct kfl_btf_member {
	unsigned int name_off;
	unsigned int type;
	unsigned int offset;
};

struct kfl_btf_enum {
	unsigned int name_off;
	int val;
};

struct kfl_btf_enum64 {
	unsigned int name_off;
	unsigned int val_lo32;
	unsigned int val_hi32;
};

/* A parsed BTF blob; ids 1..nr_types (0 is void). */
struct kfl_btf {
	const unsigned char *types;
	const char *strs;
	unsigned int strs_len;
	const unsigned int *offs;	/* offs[id]: the record of id in types */
	unsigned int nr_types;
};

#define KFL_BTF_MAX_TYPES 0x00ffffff

/*
 * kfl_btf_count - the number of types in the BTF blob @data (@len bytes),
 * for sizing kfl_btf_init's @offs: -KFL_EBADMSG when the header or a
 * record is malformed or of a kind unknown here, -KFL_E2BIG past
 * KFL_BTF_MAX_TYPES types.
 *
 * kfl_btf_init - parse @data into @btf, with @offs (@nr entries; at least
 * kfl_btf_count + 1) as its index. Checks every record: its kind, its
 * length, each type id it refers to (at most nr_types) and each string
 * offset (inside the string section, which ends with a NUL); INT sizes
 * and bits; ENUM sizes. 0, or -KFL_EBADMSG, -KFL_E2BIG; -KFL_EINVAL when
 * @nr is too small. @data must stay in place (4-byte aligned) while @btf
 * is used. Cycles (a typedef of itself) are not detected: walkers bound
 * their depth.
 */
int kfl_btf_count(const void *data, unsigned int len);
int kfl_btf_init(struct kfl_btf *btf, const void *data, unsigned int len,
		 unsigned int *offs, unsigned int nr);

/* The type of @id, NULL for 0 (void) and ids past nr_types. */
const struct kfl_btf_type *kfl_btf_type(const struct kfl_btf *btf, unsigned int id);
/* The string at @off ("" past the section). */
const char *kfl_btf_str(const struct kfl_btf *btf, unsigned int off);
/* The lowest id of a type of @kind named @name, or -KFL_ENOENT. */
int kfl_btf_find(const struct kfl_btf *btf, const char *name, unsigned int kind);
/* Is @t a typedef or a qualifier (const, volatile, restrict, type tag)? */
int kfl_btf_is_modifier(const struct kfl_btf_type *t);
/* Are the strings @a and @b equal? */
int kfl_btf_streq(const char *a, const char *b);

/*
 * kfl_btf_snprintf - the text the kernel's bpf_snprintf_btf() writes for
 * the object at @addr of type @type_id: a port of kernel/bpf/btf.c's
 * btf_show, quirks included, so that the text is byte for byte the
 * kernel's for the same bytes and flags.
 * @flags: KFL_BTF_F_* (the kernel's BTF_F_*; others are -KFL_EINVAL), and
 *   KFL_BTF_F_VOID_NAME: name pointers to void "(void *)", as 7.3 does
 *   (earlier kernels print "( *)").
 * @ops->read copies object bytes (0 or a negative errno; the kernel glue
 *   uses copy_from_kernel_nofault), @ops->ptr formats a pointer's value as
 *   the kernel's "%p" (@raw: "%px") does, without the "0x".
 * Return: the length of the whole text (not counting a NUL); @buf holds
 * its first @size - 1 bytes and a NUL (nothing when @size is 0, nor when
 * nothing was printed: the top-level object could not be read). Errors:
 * -KFL_EINVAL for type id 0, unknown flags, a DATASEC, or a type without
 * a size (a function, void...) or of 2 GiB or more where one is read
 * (here, not at the top: a top-level function prints "<unsupported
 * kind:12>", as the kernel's does); -KFL_ENOENT for an id past the
 * BTF; the error of the last read when it failed (the text then stops
 * where that object was); -KFL_E2BIG when the walk would take more than
 * KFL_BTF_SHOW_BUDGET steps (arrays of pointers repeat their first
 * element nelems times, as the kernel's do) or nest deeper than
 * KFL_BTF_SHOW_MAX_DEPTH.
 */
#define KFL_BTF_F_COMPACT (1U << 0)
#define KFL_BTF_F_NONAME (1U << 1)
#define KFL_BTF_F_PTR_RAW (1U << 2)
#define KFL_BTF_F_ZERO (1U << 3)
#define KFL_BTF_F_VOID_NAME (1U << 31)
#define KFL_BTF_SHOW_BUDGET (1U << 20)
#define KFL_BTF_SHOW_MAX_DEPTH 32
#define KFL_BTF_PTR_TEXT 32

/*
 * Following, beyond the kernel's text (kfuncs/btf.h says what the text
 * is): KFL_BTF_F_FOLLOW(n) allows n hops (1-7) from the object to those
 * it leads to; KFL_BTF_F_PTRS hops through pointers to structs and unions,
 * KFL_BTF_F_CONTAINERS through the annotations of @ops->follow (the
 * elements of list heads, annotated pointers) and prints local storage
 * values by their map's BTF (@ops->value). Either needs the other: a hop
 * count without a kind of hop, or a kind without hops, is -KFL_EINVAL.
 * At most KFL_BTF_MAX_OBJECTS objects are printed in one call, each once.
 */
#define KFL_BTF_F_FOLLOW(n) (((n) & 7U) << 8)
#define KFL_BTF_F_FOLLOW_MASK (7U << 8)
#define KFL_BTF_F_PTRS (1U << 11)
#define KFL_BTF_F_CONTAINERS (1U << 12)
#define KFL_BTF_MAX_OBJECTS 64
#define KFL_BTF_MAX_NODES 4096	/* nodes one container walk may read */

/* Annotation kinds. */
#define KFL_BTF_ANN_PTR 1	/* a pointer hopped through with KFL_BTF_F_CONTAINERS */
#define KFL_BTF_ANN_LIST 2	/* struct list_head of elem, linked by its list_head link */
#define KFL_BTF_ANN_HLIST 3	/* struct hlist_head of elem, linked by its hlist_node link */
#define KFL_BTF_ANN_RB 4	/* struct rb_root(_cached) of elem, linked by its rb_node link */
#define KFL_BTF_ANN_STORAGE 5	/* a local storage value; link: the struct's map pointer */

/*
 * An annotation, by name: @type's member @member (found through anonymous
 * members) is a container of @elem, linked by @elem's member @link; for
 * ANN_STORAGE, @link is the member of @type that points to the
 * struct bpf_local_storage_map.
 */
struct kfl_btf_annot {
	const char *type, *member;
	unsigned int kind;
	const char *elem, *link;
};

/* kfunc.ko's annotations; kfl_btf_follow_init resolves them. */
extern const struct kfl_btf_annot kfl_btf_annots[];
extern const unsigned int kfl_btf_nr_annots;

#define KFL_BTF_MAX_ANNOTS 32

/* An annotation resolved against one BTF. */
struct kfl_btf_cont {
	const struct kfl_btf_member *member;	/* the record of the annotated member */
	unsigned int kind;
	unsigned int elem_id;	/* LIST, HLIST, RB: the element's struct */
	/* LIST, HLIST, RB: the link's byte offset in elem; STORAGE: the map
	 * pointer's, from the struct that declares member
	 */
	unsigned int link_off;
};

struct kfl_btf_follow {
	const struct kfl_btf *btf;
	struct kfl_btf_cont conts[KFL_BTF_MAX_ANNOTS];
	unsigned int nr;
	unsigned int missing;	/* bit i: annotation i did not resolve */
	/* list_head, hlist_head, hlist_node, rb_node, rb_root: KFL_BTF_F_PTRS skips them */
	const struct kfl_btf_type *links[5];
};

/*
 * kfl_btf_follow_init - resolve @n annotations (at most KFL_BTF_MAX_ANNOTS)
 * against @btf: each whose struct, member, element and link exist with
 * the types its kind needs. Return: how many resolved; @f->missing says
 * which did not.
 */
int kfl_btf_follow_init(struct kfl_btf_follow *f, const struct kfl_btf *btf,
			const struct kfl_btf_annot *a, unsigned int n);

/*
 * kfl_btf_member_off - the bit offset of @name in the struct or union @id
 * (through anonymous members), with its type id in *@type_id (if not NULL);
 * -KFL_ENOENT.
 */
long kfl_btf_member_off(const struct kfl_btf *btf, unsigned int id, const char *name,
			unsigned int *type_id);

/* A local storage value's type, from @ops->value. */
struct kfl_btf_value {
	const struct kfl_btf *btf;	/* NULL: no BTF; the value prints in hex */
	unsigned int type_id;
	unsigned int size;	/* the map's value_size */
	void *cookie;		/* for @ops->value_put */
};

struct kfl_btf_show_ops {
	int (*read)(void *ctx, void *dst, unsigned long addr, unsigned int n);
	unsigned int (*ptr)(void *ctx, char *buf, unsigned int size,
			    unsigned long long v, int raw);
	void *ctx;
	/* KFL_BTF_F_CONTAINERS: the annotations, and the value of the map at @smap */
	const struct kfl_btf_follow *follow;
	int (*value)(void *ctx, unsigned long smap, struct kfl_btf_value *v);
	void (*value_put)(void *ctx, struct kfl_btf_value *v);
};

long kfl_btf_snprintf(const struct kfl_btf *btf, unsigned int type_id,
		      unsigned long addr, unsigned int flags, char *buf,
		      unsigned int size, const struct kfl_btf_show_ops *ops);

#endif /* KFL_H */
