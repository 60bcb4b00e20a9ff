// SPDX-License-Identifier: GPL-2.0
/*
 * Tests of src/lib/btf.c (the BTF parser) and src/lib/btfshow.c (the port
 * of the kernel's bpf_snprintf_btf text) under ASan/UBSan.
 *
 * The expected texts are the kernel's own: each was printed by
 * bpf_snprintf_btf on a real kernel for the same bytes of a vmlinux type
 * of the same layout (built here with a small BTF writer), quirks
 * included. The VM tests compare with the kernel on every kernel of the
 * matrix; these pin the rules on the host. Then the parser refuses
 * malformed BTF, and every struct and union of a real vmlinux BTF prints
 * from random bytes, read through a callback that refuses any byte
 * outside the object, without a sanitizer report.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include <bpf/btf.h>

#include "../../src/lib/kfl.h"

/* A BTF writer: types and strings, then kfl_btf_init on an exact-size copy. */
struct bw {
	uint32_t types[16384];
	unsigned int nwords;
	char strs[16384];
	unsigned int slen;
	unsigned int n;
	unsigned char *blob;
	unsigned int *offs;
	struct kfl_btf btf;
};

static unsigned int bw_str(struct bw *b, const char *s)
{
	unsigned int off = b->slen;

	if (!s || !*s)
		return 0;
	memcpy(b->strs + off, s, strlen(s) + 1);
	b->slen += strlen(s) + 1;
	return off;
}

static unsigned int bw_type(struct bw *b, const char *name, unsigned int kind,
			    unsigned int vlen, unsigned int kflag, unsigned int size_type)
{
	b->types[b->nwords++] = bw_str(b, name);
	b->types[b->nwords++] = kflag << 31 | kind << 24 | vlen;
	b->types[b->nwords++] = size_type;
	return ++b->n;
}

static void bw_word(struct bw *b, uint32_t w)
{
	b->types[b->nwords++] = w;
}

static void bw_init(struct bw *b)
{
	memset(b, 0, sizeof(*b));
	b->slen = 1;
}

static unsigned int t_int(struct bw *b, const char *name, unsigned int size,
			  unsigned int enc, unsigned int bits)
{
	unsigned int id = bw_type(b, name, KFL_BTF_KIND_INT, 0, 0, size);

	bw_word(b, enc << 24 | bits);
	return id;
}

static unsigned int t_ref(struct bw *b, unsigned int kind, const char *name, unsigned int type)
{
	return bw_type(b, name, kind, 0, 0, type);
}

static unsigned int t_array(struct bw *b, unsigned int elem, unsigned int index, unsigned int n)
{
	unsigned int id = bw_type(b, NULL, KFL_BTF_KIND_ARRAY, 0, 0, 0);

	bw_word(b, elem);
	bw_word(b, index);
	bw_word(b, n);
	return id;
}

/* then vlen calls of member() */
static unsigned int t_struct(struct bw *b, unsigned int kind, const char *name,
			     unsigned int size, unsigned int vlen, unsigned int kflag)
{
	return bw_type(b, name, kind, vlen, kflag, size);
}

static void member(struct bw *b, const char *name, unsigned int type, unsigned int off)
{
	bw_word(b, bw_str(b, name));
	bw_word(b, type);
	bw_word(b, off);
}

static unsigned int t_enum(struct bw *b, const char *name, unsigned int size, unsigned int vlen)
{
	return bw_type(b, name, KFL_BTF_KIND_ENUM, vlen, 0, size);
}

static void enumerator(struct bw *b, const char *name, int val)
{
	bw_word(b, bw_str(b, name));
	bw_word(b, (uint32_t)val);
}

/* The blob: header, types, strings, in an exact-size heap block. */
static unsigned int bw_blob(struct bw *b)
{
	unsigned int tlen = b->nwords * 4, len = 24 + tlen + b->slen;
	uint32_t h[6] = { 0xeb9f | 1 << 16, 24, 0, tlen, tlen, b->slen };

	b->blob = malloc(len);
	assert_non_null(b->blob);
	memcpy(b->blob, h, 24);
	memcpy(b->blob + 24, b->types, tlen);
	memcpy(b->blob + 24 + tlen, b->strs, b->slen);
	return len;
}

static void bw_parse(struct bw *b)
{
	unsigned int len = bw_blob(b);
	int n = kfl_btf_count(b->blob, len);

	assert_int_equal(n, b->n);
	b->offs = calloc(n + 1, sizeof(*b->offs));
	assert_int_equal(kfl_btf_init(&b->btf, b->blob, len, b->offs, n + 1), 0);
	assert_int_equal(b->btf.nr_types, b->n);
}

static void bw_free(struct bw *b)
{
	free(b->blob);
	free(b->offs);
	free(b);
}

static struct bw *bw_new(void)
{
	struct bw *b = malloc(sizeof(*b));

	assert_non_null(b);
	bw_init(b);
	return b;
}

/* Object memory: reads outside [base, base + len) fail as the kernel's would. */
struct mem {
	const unsigned char *base;
	unsigned long len;
	unsigned long reads;
};

static int rd(void *ctx, void *dst, unsigned long addr, unsigned int n)
{
	struct mem *m = ctx;
	unsigned long b = (unsigned long)m->base;

	m->reads++;
	if (addr < b || addr - b > m->len || n > m->len - (addr - b))
		return -EFAULT;
	memcpy(dst, (const void *)addr, n);
	return 0;
}

/* %px: 16 digits; %p: a stand-in hash, as the kernel's 32-bit siphash. */
static unsigned int ptrfmt(void *ctx, char *buf, unsigned int size, unsigned long long v, int raw)
{
	(void)ctx;
	if (!raw && v)
		v = (v * 2654435761ULL) & 0xffffffff;
	return snprintf(buf, size, "%016llx", v);
}

/* Print @len bytes at @obj (an exact-size copy) as type @id. */
static long show(struct bw *b, unsigned int id, const void *obj, unsigned long len,
		 unsigned int flags, char *out, unsigned int size)
{
	unsigned char *copy = malloc(len ? len : 1);
	struct mem m = { copy, len, 0 };
	struct kfl_btf_show_ops ops = { .read = rd, .ptr = ptrfmt, .ctx = &m };
	long ret;

	memcpy(copy, obj, len);
	ret = kfl_btf_snprintf(&b->btf, id, (unsigned long)copy, flags, out, size, &ops);
	free(copy);
	return ret;
}

static void expect(struct bw *b, unsigned int id, const void *obj, unsigned long len,
		   unsigned int flags, const char *want)
{
	char out[4096];
	long n;

	memset(out, 'X', sizeof(out));
	n = show(b, id, obj, len, flags, out, sizeof(out));
	assert_string_equal(out, want);
	assert_int_equal(n, strlen(want));
}

#define C KFL_BTF_F_COMPACT
#define RAW KFL_BTF_F_PTR_RAW
#define S(x) ((const unsigned char *)(x)), (sizeof(x) - 1)

/* struct btf_enum { __u32 name_off; __s32 val; }: ints, typedefs, sign */
static void test_ints(void **state)
{
	struct bw *b = bw_new();
	unsigned int u32 = t_int(b, "unsigned int", 4, 0, 32);
	unsigned int s32 = t_int(b, "int", 4, KFL_BTF_INT_SIGNED, 32);
	unsigned int tu = t_ref(b, KFL_BTF_KIND_TYPEDEF, "__u32", u32);
	unsigned int ts = t_ref(b, KFL_BTF_KIND_TYPEDEF, "__s32", s32);
	unsigned int st = t_struct(b, KFL_BTF_KIND_STRUCT, "btf_enum", 8, 2, 0);
	unsigned char obj[8] = { 3, 0, 0, 0, 0xff, 0xff, 0xff, 0xff };

	(void)state;
	member(b, "name_off", tu, 0);
	member(b, "val", ts, 32);
	bw_parse(b);
	expect(b, st, obj, 8, C, "(struct btf_enum){.name_off = (__u32)3,.val = (__s32)-1,}");
	expect(b, st, obj, 8, 0,
	       "(struct btf_enum){\n .name_off = (__u32)3,\n .val = (__s32)-1,\n}\n");
	expect(b, st, obj, 8, C | KFL_BTF_F_NONAME, "{3,-1,}");
	/* a zero member is skipped, unless ZERO; the top level always prints */
	obj[0] = 0;
	expect(b, st, obj, 8, C, "(struct btf_enum){.val = (__s32)-1,}");
	expect(b, st, obj, 8, C | KFL_BTF_F_ZERO,
	       "(struct btf_enum){.name_off = (__u32)0,.val = (__s32)-1,}");
	expect(b, u32, "\0\0\0\0", 4, C, "(unsigned int)0");
	bw_free(b);
}

/*
 * Char arrays: printable bytes as 'c' (the kernel's isprint: 0xa0-0xff
 * too, emitted raw), others as numbers, up to the first NUL.
 */
static void test_char_arrays(void **state)
{
	struct bw *b = bw_new();
	unsigned int ch = t_int(b, "char", 1, KFL_BTF_INT_SIGNED, 8);
	unsigned int sc = t_int(b, "signed char", 1, KFL_BTF_INT_SIGNED, 8);
	unsigned int uc = t_int(b, "unsigned char", 1, 0, 8);
	unsigned int u8 = t_ref(b, KFL_BTF_KIND_TYPEDEF, "__u8", uc);
	unsigned int idx = t_int(b, "int", 4, KFL_BTF_INT_SIGNED, 32);
	unsigned int a16 = t_array(b, ch, idx, 16);
	unsigned int u8a = t_array(b, u8, idx, 16);
	unsigned int sca = t_array(b, sc, idx, 6);
	unsigned int info = t_struct(b, KFL_BTF_KIND_STRUCT, "bpf_prog_info", 16, 1, 0);
	unsigned int acpi, p4;

	(void)state;
	member(b, "name", a16, 0);
	acpi = t_struct(b, KFL_BTF_KIND_STRUCT, "acpi_device_id", 16, 1, 0);
	member(b, "id", u8a, 0);
	p4 = t_struct(b, KFL_BTF_KIND_STRUCT, "p4_event_bind", 6, 1, 0);
	member(b, "cntr", sca, 0);
	bw_parse(b);
	expect(b, info, "foo\0\0\0\0\0\0\0\0\0\0\0\0\0", 16, C,
	       "(struct bpf_prog_info){.name = (char[])['f','o','o',],}");
	expect(b, acpi, "AB\1C\0Z\0\0\0\0\0\0\0\0\0\0", 16, C,
	       "(struct acpi_device_id){.id = (__u8[])['A','B',1,'C',],}");
	expect(b, p4, "\xff" "a\x80\0\5\0", 6, C,
	       "(struct p4_event_bind){.cntr = (signed char[])['\xff','a',-128,],}");
	/* a leading NUL: nothing below shows, so the array is skipped */
	expect(b, acpi, "\0B\0\0\0\0\0\0\0\0\0\0\0\0\0\0", 16, C, "(struct acpi_device_id){}");
	expect(b, acpi, "\0B\0\0\0\0\0\0\0\0\0\0\0\0\0\0", 16, C | KFL_BTF_F_ZERO,
	       "(struct acpi_device_id){.id = (__u8[])[],}");
	expect(b, a16, "hi\0\0\0\0\0\0\0\0\0\0\0\0\0\0", 16, 0, "(char[])[\n 'h',\n 'i',\n]\n");
	bw_free(b);
}

/* Other arrays: zero elements skipped; pointers and arrays never advance. */
static void test_arrays(void **state)
{
	struct bw *b = bw_new();
	unsigned int u32 = t_int(b, "unsigned int", 4, 0, 32);
	unsigned int lu = t_int(b, "long unsigned int", 8, 0, 64);
	unsigned int tu = t_ref(b, KFL_BTF_KIND_TYPEDEF, "__u32", u32);
	unsigned int cb = t_array(b, tu, u32, 5);
	unsigned int top = t_array(b, u32, u32, 3);
	unsigned int skb = t_struct(b, KFL_BTF_KIND_STRUCT, "__sk_buff", 20, 1, 0);
	unsigned int rb, rbp, rba, latch, vp, vpa, kp;
	uint32_t cbv[5] = { 0, 0, 1, 0, 0 }, topv[3] = { 2, 0, 4 };
	uint64_t nodes[6] = { 5, 1, 0, 0, 0, 2 }, payload[4] = { 1, 7, 0, 9 };

	(void)state;
	member(b, "cb", cb, 0);
	rbp = t_ref(b, KFL_BTF_KIND_PTR, NULL, b->n + 2);
	rb = t_struct(b, KFL_BTF_KIND_STRUCT, "rb_node", 24, 3, 0);
	member(b, "__rb_parent_color", lu, 0);
	member(b, "rb_right", rbp, 64);
	member(b, "rb_left", rbp, 128);
	rba = t_array(b, rb, u32, 2);
	latch = t_struct(b, KFL_BTF_KIND_STRUCT, "latch_tree_node", 48, 1, 0);
	member(b, "node", rba, 0);
	vp = t_ref(b, KFL_BTF_KIND_PTR, NULL, 0);
	vpa = t_array(b, vp, u32, 4);
	kp = t_struct(b, KFL_BTF_KIND_UNION, "key_payload", 32, 2, 0);
	member(b, "rcu_data0", vp, 0);
	member(b, "data", vpa, 0);
	bw_parse(b);
	expect(b, skb, cbv, 20, C, "(struct __sk_buff){.cb = (__u32[])[1,],}");
	expect(b, top, topv, 12, C, "(unsigned int[])[2,4,]");
	memset(topv, 0, sizeof(topv));
	expect(b, top, topv, 12, C, "(unsigned int[])[]");
	expect(b, latch, nodes, 48, C | RAW,
	       "(struct latch_tree_node){.node = (struct rb_node[])[5,0x0000000000000001,},0x0000000000000002,},],}");
	expect(b, latch, nodes, 48, RAW,
	       "(struct latch_tree_node){\n .node = (struct rb_node[])[\n  \n   5,\n   0x0000000000000001,\n  },\n  \n   0x0000000000000002,\n  },\n ],\n}\n");
	expect(b, kp, payload, 32, C | RAW,
	       "(union key_payload){.rcu_data0 = ( *)0x0000000000000001,.data = ( *[])0x0000000000000001,0x0000000000000001,0x0000000000000001,0x0000000000000001,],}");
	/* 7.3 names the pointee */
	expect(b, kp, payload, 32, C | RAW | KFL_BTF_F_VOID_NAME,
	       "(union key_payload){.rcu_data0 = (void *)0x0000000000000001,.data = (void *[])0x0000000000000001,0x0000000000000001,0x0000000000000001,0x0000000000000001,],}");
	bw_free(b);
}

/* Enums by name even when 0; bitfields in hex; const members "()"; u128. */
static void test_enums_bits(void **state)
{
	struct bw *b = bw_new();
	unsigned int en = t_enum(b, "quota_type", 4, 3);
	unsigned int kqid, uc, u8, insn, s32, ts32, u16, cu16, perm, u128, dbl, bo, flags;
	unsigned char z[4] = { 0 };
	unsigned char ins[8] = { 0x85, 0x12, 0, 0, 5, 0, 0, 0 };
	unsigned char x[16] = { 5 };

	(void)state;
	enumerator(b, "USRQUOTA", 0);
	enumerator(b, "GRPQUOTA", 1);
	enumerator(b, "PRJQUOTA", 2);
	kqid = t_struct(b, KFL_BTF_KIND_STRUCT, "kqid", 4, 1, 0);
	member(b, "type", en, 0);
	uc = t_int(b, "unsigned char", 1, 0, 8);
	u8 = t_ref(b, KFL_BTF_KIND_TYPEDEF, "__u8", uc);
	s32 = t_int(b, "int", 4, KFL_BTF_INT_SIGNED, 32);
	ts32 = t_ref(b, KFL_BTF_KIND_TYPEDEF, "__s32", s32);
	insn = t_struct(b, KFL_BTF_KIND_STRUCT, "bpf_insn", 8, 4, 1);
	member(b, "code", u8, 0);
	member(b, "dst_reg", u8, 4 << 24 | 8);
	member(b, "src_reg", u8, 4 << 24 | 12);
	member(b, "imm", ts32, 32);
	u16 = t_int(b, "short unsigned int", 2, 0, 16);
	cu16 = t_ref(b, KFL_BTF_KIND_CONST, NULL, u16);
	perm = t_struct(b, KFL_BTF_KIND_STRUCT, "attr", 2, 1, 0);
	member(b, "perm", cu16, 0);
	u128 = t_int(b, "__int128 unsigned", 16, 0, 128);
	dbl = bw_type(b, "double", KFL_BTF_KIND_FLOAT, 0, 0, 8);
	bo = t_int(b, "_Bool", 1, KFL_BTF_INT_BOOL, 8);
	flags = t_struct(b, KFL_BTF_KIND_STRUCT, "flags", 1, 2, 1);
	member(b, "called", bo, 1 << 24 | 0);
	member(b, "b", bo, 1 << 24 | 1);
	bw_parse(b);
	expect(b, kqid, z, 4, C, "(struct kqid){.type = (enum quota_type)USRQUOTA,}");
	expect(b, insn, ins, 8, C,
	       "(struct bpf_insn){.code = (__u8)133,.dst_reg = (__u8)0x2,.src_reg = (__u8)0x1,.imm = (__s32)5,}");
	expect(b, perm, "\xa4\x01", 2, C, "(struct attr){.perm = ()420,}");
	expect(b, u128, x, 16, C, "(__int128 unsigned)0x5");
	x[8] = 1;
	expect(b, u128, x, 16, C, "(__int128 unsigned)0x10000000000000005");
	expect(b, dbl, x, 8, C, "<unsupported kind:16>");
	expect(b, flags, "\1", 1, C, "(struct flags){.called = (_Bool)0x1,}");
	bw_free(b);
}

/* snprintf's contract; errors; reads that fail. */
static void test_contract(void **state)
{
	struct bw *b = bw_new();
	unsigned int u32 = t_int(b, "unsigned int", 4, 0, 32);
	unsigned int st = t_struct(b, KFL_BTF_KIND_STRUCT, "pair", 8, 2, 0);
	unsigned int fn, fna;
	uint32_t v[2] = { 1234, 5 };
	const char *full = "(struct pair){.a = (unsigned int)1234,.b = (unsigned int)5,}";
	char out[64];
	struct mem m = { NULL, 0, 0 };
	struct kfl_btf_show_ops ops = { .read = rd, .ptr = ptrfmt, .ctx = &m };

	(void)state;
	member(b, "a", u32, 0);
	member(b, "b", u32, 32);
	fn = t_ref(b, KFL_BTF_KIND_FUNC_PROTO, NULL, 0);
	fna = t_array(b, fn, u32, 2);
	bw_parse(b);
	memset(out, 'X', sizeof(out));
	assert_int_equal(show(b, st, v, 8, C, out, 10), strlen(full));
	assert_string_equal(out, "(struct p");
	assert_int_equal(out[10], 'X');
	assert_int_equal(show(b, st, v, 8, C, out, 0), strlen(full));
	assert_int_equal(out[0], '(');
	assert_int_equal(show(b, st, v, 8, C, out, sizeof(out)), strlen(full));
	assert_string_equal(out, full);
	assert_int_equal(show(b, 0, v, 8, C, out, sizeof(out)), -EINVAL);
	assert_int_equal(show(b, b->n + 1, v, 8, C, out, sizeof(out)), -ENOENT);
	assert_int_equal(show(b, st, v, 8, 1 << 4, out, sizeof(out)), -EINVAL);
	/* a kind the kernel does not show, and a type without a size */
	expect(b, fn, v, 8, C, "<unsupported kind:13>");
	assert_int_equal(show(b, fna, v, 8, C, out, sizeof(out)), -EINVAL);
	/* a top-level object that cannot be read: the error, @out untouched */
	memset(out, 'X', sizeof(out));
	assert_int_equal(kfl_btf_snprintf(&b->btf, st, 16, C, out, sizeof(out), &ops), -EFAULT);
	assert_int_equal(out[0], 'X');
	bw_free(b);
}

/* Malformed BTF is refused, whatever is wrong. */
static void test_malformed(void **state)
{
	struct bw *b = bw_new();
	unsigned int u32 = t_int(b, "unsigned int", 4, 0, 32);
	unsigned int len, i, *offs = calloc(8, sizeof(*offs));
	unsigned char *good;
	struct kfl_btf btf;

	(void)state;
	t_ref(b, KFL_BTF_KIND_PTR, NULL, u32);
	len = bw_blob(b);
	good = b->blob;
	assert_int_equal(kfl_btf_count(good, len), 2);
	assert_int_equal(kfl_btf_init(&btf, good, len, offs, 3), 0);
	assert_int_equal(kfl_btf_init(&btf, good, len, offs, 2), -EINVAL);
	assert_int_equal(kfl_btf_find(&btf, "unsigned int", KFL_BTF_KIND_INT), 1);
	assert_int_equal(kfl_btf_find(&btf, "unsigned int", KFL_BTF_KIND_PTR), -ENOENT);
	/* every truncation */
	for (i = 0; i < len; i++) {
		unsigned char *p = malloc(i ? i : 1);

		memcpy(p, good, i);
		assert_true(kfl_btf_count(p, i) < 0);
		free(p);
	}
	/* a bad magic, version, string section end, type reference, kind */
	{
		static const struct { unsigned int off; unsigned char val; } bad[] = {
			{ 0, 0 }, { 2, 2 }, { 24 + 32 - 1, 'x' }, { 24 + 16 + 8, 9 }, { 24 + 7, 20 },
		};

		for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
			unsigned char *p = malloc(len);

			memcpy(p, good, len);
			if (bad[i].off == 24 + 32 - 1)
				p[len - 1] = bad[i].val;
			else
				p[bad[i].off] = bad[i].val;
			assert_true(kfl_btf_init(&btf, p, len, offs, 8) < 0);
			free(p);
		}
	}
	free(offs);
	bw_free(b);
}

/*
 * kfunc.ko's annotations against a real kernel's BTF: all resolve but
 * those of members newer than 6.1 (cgroup local storage came in 6.2,
 * signal_struct.thread_head in 6.7); so do the members kfunc.ko reads to
 * find a local storage map's BTF (src/btf.c).
 */
static void check_annots(const struct kfl_btf *btf, const char *path)
{
	static const char *const glue[][2] = {
		{ "bpf_local_storage_map", "map" }, { "bpf_map", "btf" },
		{ "bpf_map", "btf_value_type_id" }, { "bpf_map", "value_size" },
		{ "btf", "data" }, { "btf", "data_size" }, { "btf", "id" }, { "btf", "base_btf" },
	};
	struct kfl_btf_follow f;
	unsigned int i, newer = 0;
	int n = kfl_btf_follow_init(&f, btf, kfl_btf_annots, kfl_btf_nr_annots);

	for (i = 0; i < kfl_btf_nr_annots; i++) {
		if (!(f.missing & (1U << i)))
			continue;
		print_message("# %s: %s.%s does not resolve\n", path, kfl_btf_annots[i].type,
			      kfl_btf_annots[i].member);
		assert_true(!strcmp(kfl_btf_annots[i].member, "bpf_cgrp_storage") ||
			    !strcmp(kfl_btf_annots[i].member, "thread_head"));
		newer++;
	}
	assert_int_equal(n + newer, kfl_btf_nr_annots);
	for (i = 0; i < 5; i++)
		assert_non_null(f.links[i]);
	for (i = 0; i < sizeof(glue) / sizeof(glue[0]); i++) {
		int id = kfl_btf_find(btf, glue[i][0], KFL_BTF_KIND_STRUCT);

		assert_true(id > 0);
		assert_true(kfl_btf_member_off(btf, id, glue[i][1], NULL) >= 0);
	}
	print_message("# %s: %d of %u annotations resolve\n", path, n, kfl_btf_nr_annots);
}

/*
 * libbpf's btf_dump__dump_type_data (compact) is another printer of the
 * same format, but not the kernel's byte for byte (its arrays, enums,
 * pointers, chars and unions differ). Where both follow the same rules,
 * they must agree: structs made of 16-, 32- and 64-bit integers (through
 * typedefs), from random bytes.
 */
static int plain_ints(const struct kfl_btf *btf, unsigned int id, int depth)
{
	const struct kfl_btf_type *t = kfl_btf_type(btf, id);
	const struct kfl_btf_member *m;
	unsigned int i, n = 0;

	/* not through const or volatile: the kernel names those "()" */
	while (t && KFL_BTF_KIND(t) == KFL_BTF_KIND_TYPEDEF)
		t = kfl_btf_type(btf, t->type);
	if (!t)
		return 0;
	if (KFL_BTF_KIND(t) == KFL_BTF_KIND_INT) {
		unsigned int x = *(const unsigned int *)(t + 1);

		return depth > 0 && (t->size == 2 || t->size == 4 || t->size == 8) &&
		       KFL_BTF_INT_BITS(x) == t->size * 8 && !KFL_BTF_INT_OFFSET(x) &&
		       !(KFL_BTF_INT_ENCODING(x) & ~KFL_BTF_INT_SIGNED);
	}
	/* not nested structs: libbpf 1.1 leaves out some that are not all zero */
	if (KFL_BTF_KIND(t) != KFL_BTF_KIND_STRUCT || KFL_BTF_KFLAG(t) || depth > 0)
		return 0;
	m = (const void *)(t + 1);
	for (i = 0; i < KFL_BTF_VLEN(t); i++, n++)
		if ((m[i].offset & 7) || !plain_ints(btf, m[i].type, depth + 1))
			return 0;
	return n > 0;
}

struct sink {
	char *p;
	size_t n, cap;
};

static void sink_printf(void *ctx, const char *fmt, va_list args)
{
	struct sink *s = ctx;
	int r = vsnprintf(s->p + s->n, s->cap - s->n, fmt, args);

	if (r > 0)
		s->n = s->n + r < s->cap ? s->n + r : s->cap - 1;
}

static void libbpf_compare(const struct kfl_btf *btf, const char *path)
{
	struct btf *lb = btf__parse_raw(path);
	struct sink s = { malloc(1 << 16), 0, 1 << 16 };
	struct btf_dump *d;
	unsigned int id, compared = 0, i;
	unsigned char *obj = malloc(1 << 16);
	char *ours = malloc(1 << 16);

	assert_non_null(lb);
	d = btf_dump__new(lb, sink_printf, &s, NULL);
	assert_non_null(d);
	for (id = 1; id <= btf->nr_types; id++) {
		const struct kfl_btf_type *t = kfl_btf_type(btf, id);
		struct mem m = { obj, t->size, 0 };
		struct kfl_btf_show_ops ops = { .read = rd, .ptr = ptrfmt, .ctx = &m };
		LIBBPF_OPTS(btf_dump_type_data_opts, o, .compact = true);
		long r;

		/* libbpf names a second struct of the same name NAME___2 */
		if (KFL_BTF_KIND(t) != KFL_BTF_KIND_STRUCT || t->size > (1 << 16) ||
		    !plain_ints(btf, id, 0) ||
		    (t->name_off && kfl_btf_find(btf, kfl_btf_str(btf, t->name_off),
						 KFL_BTF_KIND_STRUCT) != (int)id))
			continue;
		for (i = 0; i < t->size; i++)
			obj[i] = (random() & 1) ? 0 : random();
		s.n = 0;
		s.p[0] = 0;
		assert_true(btf_dump__dump_type_data(d, id, obj, t->size, &o) >= 0);
		r = kfl_btf_snprintf(btf, id, (unsigned long)obj, KFL_BTF_F_COMPACT, ours, 1 << 16,
				     &ops);
		assert_true(r >= 0);
		if (strcmp(ours, s.p))
			print_message("# type %u:\n#  kfunc:  %.300s\n#  libbpf: %.300s\n", id, ours, s.p);
		assert_string_equal(ours, s.p);
		compared++;
	}
	print_message("# %s: %u structs of plain integers printed alike by libbpf's btf_dump\n",
		      path, compared);
	assert_true(compared > 50);
	btf_dump__free(d);
	btf__free(lb);
	free(ours);
	free(obj);
	free(s.p);
}

/*
 * A real vmlinux BTF (KFUNC_TEST_BTF, else this machine's, if it has one): parsed, and
 * every struct and union printed from random bytes with several flag sets,
 * each read inside the object.
 */
static void test_vmlinux(void **state)
{
	const char *path = getenv("KFUNC_TEST_BTF");
	FILE *f;
	unsigned char *data, *obj;
	long len;
	int n;
	unsigned int *offs, id, printed = 0;
	struct kfl_btf btf;
	char *out;
	static const unsigned int fl[] = {
		0, C, C | RAW | KFL_BTF_F_ZERO, KFL_BTF_F_NONAME,
		C | KFL_BTF_F_FOLLOW(3) | KFL_BTF_F_PTRS | KFL_BTF_F_CONTAINERS,
	};
	struct kfl_btf_follow follow;

	(void)state;
	f = fopen(path ? path : "/sys/kernel/btf/vmlinux", "rb");
	if (!f && !path) {
		/* make check runs this again over each matrix kernel's BTF */
		print_message("# no /sys/kernel/btf/vmlinux on this host\n");
		return;
	}
	assert_non_null(f);
	if (!path)
		path = "/sys/kernel/btf/vmlinux";
	out = malloc(1 << 16);
	data = malloc(64 << 20);
	len = fread(data, 1, 64 << 20, f);
	fclose(f);
	n = kfl_btf_count(data, len);
	assert_true(n > 10000);
	offs = calloc(n + 1, sizeof(*offs));
	assert_int_equal(kfl_btf_init(&btf, data, len, offs, n + 1), 0);
	assert_true(kfl_btf_find(&btf, "task_struct", KFL_BTF_KIND_STRUCT) > 0);
	check_annots(&btf, path);
	libbpf_compare(&btf, path);
	kfl_btf_follow_init(&follow, &btf, kfl_btf_annots, kfl_btf_nr_annots);
	srandom(1);
	obj = malloc(1 << 16);
	for (id = 1; id <= btf.nr_types; id++) {
		const struct kfl_btf_type *t = kfl_btf_type(&btf, id);
		struct mem m;
		struct kfl_btf_show_ops ops = { .read = rd, .ptr = ptrfmt, .ctx = &m,
						.follow = &follow };
		unsigned int i, sz;
		long r;

		if ((KFL_BTF_KIND(t) != KFL_BTF_KIND_STRUCT && KFL_BTF_KIND(t) != KFL_BTF_KIND_UNION) ||
		    t->size > (1 << 16))
			continue;
		sz = t->size;
		for (i = 0; i < sz; i++)
			obj[i] = (random() & 3) ? 0 : random();
		m.base = obj + (1 << 16) - sz;
		m.len = sz;
		memmove((void *)m.base, obj, sz);
		r = kfl_btf_snprintf(&btf, id, (unsigned long)m.base, fl[id % 5], out,
				     (id % 7) ? (1 << 16) : 40, &ops);
		assert_true(r >= 0);
		printed++;
	}
	print_message("# %s: %d types, %u structs and unions printed\n", path, n, printed);
	free(obj);
	free(offs);
	free(data);
	free(out);
}

/*
 * Following (KFL_BTF_F_FOLLOW): a box of items, linked into a list, an
 * hlist and an rb-tree as the kernel links its objects, with the
 * annotations a test table gives. Reads are allowed inside the box and
 * the items only; pointers print as the names of what they point to.
 */
struct h_list {
	struct h_list *next, *prev;
};

struct h_hnode {
	struct h_hnode *next, **pprev;
};

struct h_rb {
	unsigned long pc;
	struct h_rb *right, *left;
};

struct h_item {
	int v;
	struct h_list link;
	struct h_hnode hnode;
	struct h_rb rb;
};

struct h_box {
	int id;
	struct h_item *one;
	struct h_list items;
	struct h_hnode *hfirst;
	struct h_rb *root;
	union {
		struct h_item *alias;
		long raw;
	} u;
	struct h_item *arr[2];
	struct h_box *self;
	void *smap;
	unsigned char data[8];
};

struct regions {
	const void *base[8];
	unsigned long len[8];
	const char *name[8];
	unsigned int n;
};

static int rd_regions(void *ctx, void *dst, unsigned long addr, unsigned int n)
{
	struct regions *r = ctx;
	unsigned int i;

	for (i = 0; i < r->n; i++) {
		unsigned long b = (unsigned long)r->base[i];

		if (addr >= b && addr - b <= r->len[i] && n <= r->len[i] - (addr - b)) {
			memcpy(dst, (const void *)addr, n);
			return 0;
		}
	}
	return -EFAULT;
}

static unsigned int ptr_named(void *ctx, char *buf, unsigned int size, unsigned long long v,
			      int raw)
{
	struct regions *r = ctx;
	unsigned int i;

	(void)raw;
	for (i = 0; i < r->n; i++) {
		unsigned long b = (unsigned long)r->base[i];

		if (v == b)
			return snprintf(buf, size, "%s", r->name[i]);
		if (v > b && v - b < r->len[i])
			return snprintf(buf, size, "%s+%llu", r->name[i], v - b);
	}
	return snprintf(buf, size, "%llx", v);
}

/* struct val { int a; char name[4]; }, in a BTF of its own: the map's */
static struct bw *val_btf(void)
{
	struct bw *b = bw_new();
	unsigned int i32 = t_int(b, "int", 4, KFL_BTF_INT_SIGNED, 32);
	unsigned int ch = t_int(b, "char", 1, KFL_BTF_INT_SIGNED, 8);
	unsigned int arr = t_array(b, ch, i32, 4);

	t_struct(b, KFL_BTF_KIND_STRUCT, "val", 8, 2, 0);	/* 4 */
	member(b, "a", i32, 0);
	member(b, "name", arr, 32);
	bw_parse(b);
	return b;
}

struct value_ctx {
	struct regions r;
	struct bw *vb;
	int mode;	/* 0: BTF; 1: none (hex); 2: busy */
	int puts;
};

static int value_of(void *ctx, unsigned long smap, struct kfl_btf_value *v)
{
	struct value_ctx *c = ctx;

	assert_int_equal(smap, 0x5a5a0000);
	if (c->mode == 2)
		return -EBUSY;
	v->btf = c->mode ? NULL : &c->vb->btf;
	v->type_id = 4;
	v->size = 8;
	v->cookie = c;
	return 0;
}

static void value_put(void *ctx, struct kfl_btf_value *v)
{
	struct value_ctx *c = ctx;

	assert_ptr_equal(v->cookie, c);
	c->puts++;
}

static char out_follow[1 << 16];

static const char *follow(struct bw *b, unsigned int id, const void *obj, unsigned int flags,
			  const struct kfl_btf_show_ops *ops, char *out, unsigned int size)
{
	long n = kfl_btf_snprintf(&b->btf, id, (unsigned long)obj, flags, out, size, ops);

	assert_true(n >= 0);
	assert_int_equal(n, strlen(out));
	return out;
}

/* @want: NULL to print into out_follow only */
static void expect_follow(struct bw *b, unsigned int id, const void *obj, unsigned int flags,
			  const struct kfl_btf_show_ops *ops, const char *want, int unused)
{
	(void)unused;
	follow(b, id, obj, flags, ops, out_follow, sizeof(out_follow));
	if (want)
		assert_string_equal(out_follow, want);
}

static void test_follow(void **state)
{
	static const struct kfl_btf_annot annots[] = {
		{ "box", "one", KFL_BTF_ANN_PTR, NULL, NULL },
		{ "box", "items", KFL_BTF_ANN_LIST, "item", "link" },
		{ "box", "hitems", KFL_BTF_ANN_HLIST, "item", "hnode" },
		{ "box", "tree", KFL_BTF_ANN_RB, "item", "rb" },
		{ "box", "data", KFL_BTF_ANN_STORAGE, NULL, "smap" },
		{ "box", "nothing", KFL_BTF_ANN_LIST, "item", "link" },
		{ "box", "id", KFL_BTF_ANN_LIST, "item", "link" },
		{ "box", "items", KFL_BTF_ANN_HLIST, "item", "hnode" },
	};
	struct bw *b = bw_new();
	struct value_ctx vc = { .vb = val_btf() };
	struct kfl_btf_follow f;
	struct kfl_btf_show_ops ops = { .read = rd_regions, .ptr = ptr_named, .ctx = &vc,
					.follow = &f, .value = value_of, .value_put = value_put };
	struct h_item it[3];
	struct h_box box;
	unsigned int i32, ul, u8, list, plist, hnode, phnode, pphnode, rb, prb, item, pitem, box_id;
	unsigned int hhead, root, un, arr, pbox, pvoid, data;
	static char out[1 << 16], want[8192];
	long n;

	(void)state;
	i32 = t_int(b, "int", 4, KFL_BTF_INT_SIGNED, 32);			/* 1 */
	ul = t_int(b, "long unsigned int", 8, 0, 64);				/* 2 */
	u8 = t_int(b, "unsigned char", 1, 0, 8);				/* 3 */
	list = t_struct(b, KFL_BTF_KIND_STRUCT, "list_head", 16, 2, 0);	/* 4 */
	plist = list + 1;
	member(b, "next", plist, 0);
	member(b, "prev", plist, 64);
	assert_int_equal(t_ref(b, KFL_BTF_KIND_PTR, NULL, list), plist);
	hnode = t_struct(b, KFL_BTF_KIND_STRUCT, "hlist_node", 16, 2, 0);
	phnode = hnode + 1;
	pphnode = hnode + 2;
	member(b, "next", phnode, 0);
	member(b, "pprev", pphnode, 64);
	assert_int_equal(t_ref(b, KFL_BTF_KIND_PTR, NULL, hnode), phnode);
	assert_int_equal(t_ref(b, KFL_BTF_KIND_PTR, NULL, phnode), pphnode);
	hhead = t_struct(b, KFL_BTF_KIND_STRUCT, "hlist_head", 8, 1, 0);
	member(b, "first", phnode, 0);
	rb = t_struct(b, KFL_BTF_KIND_STRUCT, "rb_node", 24, 3, 0);
	prb = rb + 1;
	member(b, "__rb_parent_color", ul, 0);
	member(b, "rb_right", prb, 64);
	member(b, "rb_left", prb, 128);
	assert_int_equal(t_ref(b, KFL_BTF_KIND_PTR, NULL, rb), prb);
	root = t_struct(b, KFL_BTF_KIND_STRUCT, "rb_root", 8, 1, 0);
	member(b, "rb_node", prb, 0);
	item = t_struct(b, KFL_BTF_KIND_STRUCT, "item", sizeof(struct h_item), 4, 0);
	pitem = item + 1;
	member(b, "v", i32, 0);
	member(b, "link", list, 64);
	member(b, "hnode", hnode, 192);
	member(b, "rb", rb, 320);
	assert_int_equal(t_ref(b, KFL_BTF_KIND_PTR, NULL, item), pitem);
	un = t_struct(b, KFL_BTF_KIND_UNION, NULL, 8, 2, 0);
	member(b, "alias", pitem, 0);
	member(b, "raw", ul, 0);
	arr = t_array(b, pitem, i32, 2);
	pvoid = t_ref(b, KFL_BTF_KIND_PTR, NULL, 0);
	data = t_array(b, u8, i32, 8);
	box_id = t_struct(b, KFL_BTF_KIND_STRUCT, "box", sizeof(struct h_box), 10, 0);
	pbox = box_id + 1;
	member(b, "id", i32, 0);
	member(b, "one", pitem, 64);
	member(b, "items", list, 128);
	member(b, "hitems", hhead, 256);
	member(b, "tree", root, 320);
	member(b, NULL, un, 384);
	member(b, "arr", arr, 448);
	member(b, "self", pbox, 576);
	member(b, "smap", pvoid, 640);
	member(b, "data", data, 704);
	assert_int_equal(t_ref(b, KFL_BTF_KIND_PTR, NULL, box_id), pbox);
	bw_parse(b);

	/* five resolve; a missing member, a member of the wrong type, a wrong kind do not */
	assert_int_equal(kfl_btf_follow_init(&f, &b->btf, annots, 8), 5);
	assert_int_equal(f.missing, 0xe0);
	assert_int_equal(f.conts[1].elem_id, item);
	assert_int_equal(f.conts[1].link_off, offsetof(struct h_item, link));
	assert_int_equal(f.conts[3].link_off, offsetof(struct h_item, rb));
	assert_int_equal(f.conts[4].link_off, offsetof(struct h_box, smap));
	assert_int_equal(kfl_btf_member_off(&b->btf, box_id, "raw", NULL), 384);
	assert_int_equal(kfl_btf_member_off(&b->btf, box_id, "rb_left", NULL), -KFL_ENOENT);

	memset(it, 0, sizeof(it));
	memset(&box, 0, sizeof(box));
	box.id = 7;
	box.one = &it[0];
	/* list: head -> it[0] -> it[1] -> head */
	box.items.next = &it[0].link;
	it[0].link.next = &it[1].link;
	it[1].link.next = &box.items;
	/* hlist: it[2] -> it[1] */
	box.hfirst = &it[2].hnode;
	it[2].hnode.next = &it[1].hnode;
	/* rb: it[1] at the root, it[0] left, it[2] right */
	box.root = &it[1].rb;
	it[1].rb.left = &it[0].rb;
	it[1].rb.right = &it[2].rb;
	it[0].rb.pc = (unsigned long)&it[1].rb | 1;
	it[2].rb.pc = (unsigned long)&it[1].rb | 1;
	box.u.alias = &it[2];
	box.arr[0] = &it[2];
	box.self = &box;
	box.smap = (void *)0x5a5a0000;
	memcpy(box.data, "\x2a\0\0\0ab\0\0", 8);
	it[0].v = 10;
	it[1].v = 11;
	it[2].v = 12;
	vc.r = (struct regions){ { &box, &it[0], &it[1], &it[2] },
				 { sizeof(box), sizeof(it[0]), sizeof(it[0]), sizeof(it[0]) },
				 { "BOX", "IT0", "IT1", "IT2" }, 4 };

	/* No hops: the kernel's text, the annotations unused */
	n = kfl_btf_snprintf(&b->btf, box_id, (unsigned long)&box, KFL_BTF_F_COMPACT, out,
			     sizeof(out), &ops);
	assert_int_equal(n, strlen(out));
	assert_null(strstr(out, "->"));

	/* Containers, one hop: "one", the list (it[0] printed before), the hlist, the tree */
	/* Containers, one hop: "one"; the list, where it[0] was printed before; the hlist; the tree */
	snprintf(want, sizeof(want),
		 "(struct box){.id = (int)7,.one = (struct item *)0xIT0 -> (struct item){.v = (int)10,"
		 ".link = (struct list_head){.next = (struct list_head *)0xIT1+8,},"
		 ".rb = (struct rb_node){.__rb_parent_color = (long unsigned int)%lu,},},"
		 ".items = (struct list_head){.next = (struct list_head *)0xIT0+8,},"
		 ".items -> [(struct item *)0xIT0,(struct item){.v = (int)11,"
		 ".link = (struct list_head){.next = (struct list_head *)0xBOX+16,},"
		 ".rb = (struct rb_node){.rb_right = (struct rb_node *)0xIT2+40,"
		 ".rb_left = (struct rb_node *)0xIT0+40,},},],"
		 ".hitems = (struct hlist_head){.first = (struct hlist_node *)0xIT2+24,},"
		 ".hitems -> [(struct item){.v = (int)12,"
		 ".hnode = (struct hlist_node){.next = (struct hlist_node *)0xIT1+24,},"
		 ".rb = (struct rb_node){.__rb_parent_color = (long unsigned int)%lu,},},"
		 "(struct item *)0xIT1,],"
		 ".tree = (struct rb_root){.rb_node = (struct rb_node *)0xIT1+40,},"
		 ".tree -> [(struct item *)0xIT0,(struct item *)0xIT1,(struct item *)0xIT2,],"
		 "(union){.alias = (struct item *)0xIT2,.raw = (long unsigned int)%lu,},"
		 ".arr = (struct item *[])0xIT2,0xIT2,],.self = (struct box *)0xBOX,"
		 ".smap = ( *)0x5a5a0000,"
		 ".data = (struct val){.a = (int)42,.name = (char[])['a','b',],},}",
		 it[0].rb.pc, it[2].rb.pc, (unsigned long)box.u.raw);
	expect_follow(b, box_id, &box, C | KFL_BTF_F_FOLLOW(1) | KFL_BTF_F_CONTAINERS, &ops, want, 0);
	assert_int_equal(vc.puts, 1);

	/* The same, not compact, two hops, pointers too: nothing more to hop to */
	snprintf(want, sizeof(want),
		 "(struct box){\n"
		 " .id = (int)7,\n"
		 " .one = (struct item *)0xIT0 -> (struct item){\n"
		 "  .v = (int)10,\n"
		 "  .link = (struct list_head){\n"
		 "   .next = (struct list_head *)0xIT1+8,\n"
		 "  },\n"
		 "  .rb = (struct rb_node){\n"
		 "   .__rb_parent_color = (long unsigned int)%lu,\n"
		 "  },\n"
		 " },\n"
		 " .items = (struct list_head){\n"
		 "  .next = (struct list_head *)0xIT0+8,\n"
		 " },\n"
		 " .items -> [\n"
		 "  (struct item *)0xIT0,\n"
		 "  (struct item){\n"
		 "   .v = (int)11,\n"
		 "   .link = (struct list_head){\n"
		 "    .next = (struct list_head *)0xBOX+16,\n"
		 "   },\n"
		 "   .rb = (struct rb_node){\n"
		 "    .rb_right = (struct rb_node *)0xIT2+40,\n"
		 "    .rb_left = (struct rb_node *)0xIT0+40,\n"
		 "   },\n"
		 "  },\n"
		 " ],\n"
		 " .hitems = (struct hlist_head){\n"
		 "  .first = (struct hlist_node *)0xIT2+24,\n"
		 " },\n"
		 " .hitems -> [\n"
		 "  (struct item){\n"
		 "   .v = (int)12,\n"
		 "   .hnode = (struct hlist_node){\n"
		 "    .next = (struct hlist_node *)0xIT1+24,\n"
		 "   },\n"
		 "   .rb = (struct rb_node){\n"
		 "    .__rb_parent_color = (long unsigned int)%lu,\n"
		 "   },\n"
		 "  },\n"
		 "  (struct item *)0xIT1,\n"
		 " ],\n"
		 " .tree = (struct rb_root){\n"
		 "  .rb_node = (struct rb_node *)0xIT1+40,\n"
		 " },\n"
		 " .tree -> [\n"
		 "  (struct item *)0xIT0,\n"
		 "  (struct item *)0xIT1,\n"
		 "  (struct item *)0xIT2,\n"
		 " ],\n"
		 " (union){\n"
		 "  .alias = (struct item *)0xIT2,\n"
		 "  .raw = (long unsigned int)%lu,\n"
		 " },\n"
		 " .arr = (struct item *[])\n"
		 "  0xIT2,\n"
		 "  0xIT2,\n"
		 " ],\n"
		 " .self = (struct box *)0xBOX,\n"
		 " .smap = ( *)0x5a5a0000,\n"
		 " .data = (struct val){\n"
		 "  .a = (int)42,\n"
		 "  .name = (char[])[\n"
		 "   'a',\n"
		 "   'b',\n"
		 "  ],\n"
		 " },\n"
		 "}\n",
		 it[0].rb.pc, it[2].rb.pc, (unsigned long)box.u.raw);
	expect_follow(b, box_id, &box,
		      KFL_BTF_F_FOLLOW(2) | KFL_BTF_F_CONTAINERS | KFL_BTF_F_PTRS, &ops, want, 0);

	/* Pointers only: not those in a union or an array, nor to list heads, nor back */
	snprintf(want, sizeof(want),
		 "(struct box){.id = (int)7,.one = (struct item *)0xIT0 -> (struct item){.v = (int)10,"
		 ".link = (struct list_head){.next = (struct list_head *)0xIT1+8,},"
		 ".rb = (struct rb_node){.__rb_parent_color = (long unsigned int)%lu,},},"
		 ".items = (struct list_head){.next = (struct list_head *)0xIT0+8,},"
		 ".hitems = (struct hlist_head){.first = (struct hlist_node *)0xIT2+24,},"
		 ".tree = (struct rb_root){.rb_node = (struct rb_node *)0xIT1+40,},"
		 "(union){.alias = (struct item *)0xIT2,.raw = (long unsigned int)%lu,},"
		 ".arr = (struct item *[])0xIT2,0xIT2,],.self = (struct box *)0xBOX,"
		 ".smap = ( *)0x5a5a0000,.data = (unsigned char[])['*',],}",
		 it[0].rb.pc, (unsigned long)box.u.raw);
	expect_follow(b, box_id, &box, C | KFL_BTF_F_FOLLOW(1) | KFL_BTF_F_PTRS, &ops, want, 0);

	/* No names; a map without BTF: the value in hex */
	vc.mode = 1;
	snprintf(want, sizeof(want),
		 "{7,0xIT0 -> {10,{0xIT1+8,},{%lu,},},{0xIT0+8,},-> [0xIT0,{11,{0xBOX+16,},"
		 "{0xIT2+40,0xIT0+40,},},],{0xIT2+24,},-> [{12,{0xIT1+24,},{%lu,},},0xIT1,],"
		 "{0xIT1+40,},-> [0xIT0,0xIT1,0xIT2,],{0xIT2,%lu,},0xIT2,0xIT2,],0xBOX,0x5a5a0000,"
		 "[2a 00 00 00 61 62 00 00],}",
		 it[0].rb.pc, it[2].rb.pc, (unsigned long)box.u.raw);
	expect_follow(b, box_id, &box,
		      C | KFL_BTF_F_NONAME | KFL_BTF_F_FOLLOW(1) | KFL_BTF_F_CONTAINERS, &ops, want, 0);
	assert_non_null(strstr(follow(b, box_id, &box, C | KFL_BTF_F_FOLLOW(1) |
				      KFL_BTF_F_CONTAINERS, &ops, out, sizeof(out)),
			       ".data = (u8[8])[2a 00 00 00 61 62 00 00],}"));

	/* Both slots taken: -EBUSY, and every value taken was put back */
	vc.mode = 2;
	vc.puts = 0;
	assert_int_equal(kfl_btf_snprintf(&b->btf, box_id, (unsigned long)&box,
					  C | KFL_BTF_F_FOLLOW(1) | KFL_BTF_F_CONTAINERS, out,
					  sizeof(out), &ops), -EBUSY);
	assert_int_equal(vc.puts, 0);
	vc.mode = 0;

	/* A hop count needs a kind of hop, and the other way round */
	assert_int_equal(kfl_btf_snprintf(&b->btf, box_id, (unsigned long)&box,
					  KFL_BTF_F_FOLLOW(1), out, sizeof(out), &ops), -EINVAL);
	assert_int_equal(kfl_btf_snprintf(&b->btf, box_id, (unsigned long)&box,
					  KFL_BTF_F_PTRS, out, sizeof(out), &ops), -EINVAL);
	assert_int_equal(kfl_btf_snprintf(&b->btf, box_id, (unsigned long)&box,
					  KFL_BTF_F_CONTAINERS, out, sizeof(out), &ops), -EINVAL);

	/* The call's object, a pointer: either kind hops through it */
	expect_follow(b, pitem, &box.one, C | KFL_BTF_F_FOLLOW(1) | KFL_BTF_F_CONTAINERS, &ops,
		      NULL, 0);
	assert_memory_equal(out_follow, "(struct item *)0xIT0 -> (struct item){.v = (int)10,", 50);

	/* Hops run out: box -> self (a second box) -> its "one" is not followed */
	{
		struct h_box box2 = box;

		box2.self = &box;
		box2.one = NULL;
		vc.r.base[4] = &box2;
		vc.r.len[4] = sizeof(box2);
		vc.r.name[4] = "BOX2";
		vc.r.n = 5;
		follow(b, box_id, &box2, C | KFL_BTF_F_FOLLOW(1) | KFL_BTF_F_PTRS, &ops, out,
		       sizeof(out));
		assert_non_null(strstr(out, ".self = (struct box *)0xBOX -> (struct box){.id = (int)7,"
				       ".one = (struct item *)0xIT0,.items"));
		vc.r.n = 4;
	}

	/* An unreadable pointer, an unreadable node */
	box.one = (struct h_item *)0x1000;
	it[0].link.next = (struct h_list *)0x2000;
	follow(b, box_id, &box, C | KFL_BTF_F_FOLLOW(1) | KFL_BTF_F_CONTAINERS, &ops, out,
	       sizeof(out));
	assert_non_null(strstr(out, ".one = (struct item *)0x1000 -> <unreadable>,.items"));
	assert_non_null(strstr(out, ".items -> [(struct item){.v = (int)10,.link = (struct list_head)"
			       "{.next = (struct list_head *)0x2000,},.rb = (struct rb_node)"));
	assert_non_null(strstr(out, "},},<unreadable>,],.hitems"));

	/* A list that loops without coming back to its head ends where it loops */
	box.one = NULL;
	it[0].link.next = &it[1].link;
	it[1].link.next = &it[0].link;
	follow(b, box_id, &box, C | KFL_BTF_F_FOLLOW(1) | KFL_BTF_F_CONTAINERS, &ops, out,
	       sizeof(out));
	assert_non_null(strstr(out, ".items -> [(struct item){.v = (int)10,"));
	assert_non_null(strstr(out, "(struct item){.v = (int)11,.link = (struct list_head){.next = "
			       "(struct list_head *)0xIT0+8,},.rb = (struct rb_node){.rb_right = "
			       "(struct rb_node *)0xIT2+40,.rb_left = (struct rb_node *)0xIT0+40,},},]"));

	/* At most KFL_BTF_MAX_OBJECTS objects, the call's own included */
	{
		struct h_item *many = calloc(100, sizeof(*many));
		const char *p;
		int count = 0;

		box.items.next = &many[0].link;
		for (int i = 0; i < 100; i++)
			many[i].link.next = i == 99 ? &box.items : &many[i + 1].link;
		box.hfirst = NULL;
		box.root = NULL;
		vc.r.base[4] = many;
		vc.r.len[4] = 100 * sizeof(*many);
		vc.r.name[4] = "MANY";
		vc.r.n = 5;
		follow(b, box_id, &box, C | KFL_BTF_F_FOLLOW(1) | KFL_BTF_F_CONTAINERS, &ops, out,
		       sizeof(out));
		for (p = out; (p = strstr(p, "(struct item){")); p++)
			count++;
		assert_int_equal(count, KFL_BTF_MAX_OBJECTS - 1);
		assert_non_null(strstr(out, "},...,],(union){"));
		free(many);
	}
	bw_free(b);
	bw_free(vc.vb);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_ints),
		cmocka_unit_test(test_char_arrays),
		cmocka_unit_test(test_arrays),
		cmocka_unit_test(test_enums_bits),
		cmocka_unit_test(test_contract),
		cmocka_unit_test(test_malformed),
		cmocka_unit_test(test_vmlinux),
		cmocka_unit_test(test_follow),
	};

	cmocka_set_message_output(CM_OUTPUT_TAP);
	return cmocka_run_group_tests_name("btf", tests, NULL, NULL);
}
