// SPDX-License-Identifier: GPL-2.0
/*
 * Freestanding BTF parser: see kfl.h. No headers on purpose.
 *
 * kfl_btf_init checks the whole blob once (header, every type's record
 * and every type id and string offset it holds), so that the code reading
 * it afterwards (the printer) may follow ids and names without checks of
 * its own. What it cannot check ahead is a cycle (a typedef naming
 * itself): walkers bound their depth.
 */
#include "kfl.h"

#define KFL_BTF_MAGIC 0xeb9f

struct kfl_btf_header {
	unsigned short magic;
	unsigned char version;
	unsigned char flags;
	unsigned int hdr_len;
	unsigned int type_off;
	unsigned int type_len;
	unsigned int str_off;
	unsigned int str_len;
};

static unsigned int kfl_btf_rd32(const unsigned char *p)
{
	/* BTF is in the byte order of the kernel that made it: this one's. */
	return *(const unsigned int *)p;
}

/* The bytes a kind adds after struct kfl_btf_type, or -1 for unknown. */
static long kfl_btf_extra(unsigned int kind, unsigned int vlen)
{
	switch (kind) {
	case KFL_BTF_KIND_INT:
	case KFL_BTF_KIND_VAR:
	case KFL_BTF_KIND_DECL_TAG:
		return 4;
	case KFL_BTF_KIND_ARRAY:
		return 12;
	case KFL_BTF_KIND_STRUCT:
	case KFL_BTF_KIND_UNION:
	case KFL_BTF_KIND_ENUM64:
	case KFL_BTF_KIND_DATASEC:
		return 12L * vlen;
	case KFL_BTF_KIND_ENUM:
	case KFL_BTF_KIND_FUNC_PROTO:
		return 8L * vlen;
	case KFL_BTF_KIND_PTR:
	case KFL_BTF_KIND_FWD:
	case KFL_BTF_KIND_TYPEDEF:
	case KFL_BTF_KIND_VOLATILE:
	case KFL_BTF_KIND_CONST:
	case KFL_BTF_KIND_RESTRICT:
	case KFL_BTF_KIND_FUNC:
	case KFL_BTF_KIND_FLOAT:
	case KFL_BTF_KIND_TYPE_TAG:
		return 0;
	}
	return -1;
}

/* Walk the type section: each record's offset into @offs[1..] when given. */
static int kfl_btf_walk(const unsigned char *types, unsigned int len,
			unsigned int *offs, unsigned int nr)
{
	unsigned int off = 0, n = 0;

	while (off < len) {
		const struct kfl_btf_type *t;
		long extra;

		if (len - off < sizeof(*t))
			return -KFL_EBADMSG;
		t = (const struct kfl_btf_type *)(types + off);
		extra = kfl_btf_extra(KFL_BTF_KIND(t), KFL_BTF_VLEN(t));
		if (extra < 0 || len - off - sizeof(*t) < (unsigned long)extra)
			return -KFL_EBADMSG;
		if (n == KFL_BTF_MAX_TYPES)
			return -KFL_E2BIG;
		n++;
		if (offs) {
			if (n >= nr)
				return -KFL_EINVAL;
			offs[n] = off;
		}
		off += sizeof(*t) + extra;
	}
	return n;
}

static int kfl_btf_sections(const void *data, unsigned int len,
			    const unsigned char **types, unsigned int *types_len,
			    const char **strs, unsigned int *strs_len)
{
	const unsigned char *p = data;
	struct kfl_btf_header h;

	if (len < sizeof(h))
		return -KFL_EBADMSG;
	h.magic = p[0] | p[1] << 8;
	h.hdr_len = kfl_btf_rd32(p + 4);
	h.type_off = kfl_btf_rd32(p + 8);
	h.type_len = kfl_btf_rd32(p + 12);
	h.str_off = kfl_btf_rd32(p + 16);
	h.str_len = kfl_btf_rd32(p + 20);
	if (h.magic != KFL_BTF_MAGIC || p[2] != 1)
		return -KFL_EBADMSG;
	if (h.hdr_len < sizeof(h) || h.hdr_len > len ||
	    h.type_off > len - h.hdr_len || h.type_len > len - h.hdr_len - h.type_off ||
	    h.str_off > len - h.hdr_len || h.str_len > len - h.hdr_len - h.str_off ||
	    (h.type_off & 3) || ((h.hdr_len + h.type_off) & 3) || h.str_len == 0)
		return -KFL_EBADMSG;
	*types = p + h.hdr_len + h.type_off;
	*types_len = h.type_len;
	*strs = (const char *)p + h.hdr_len + h.str_off;
	*strs_len = h.str_len;
	/* The first string is "", the last ends before the section does. */
	if ((*strs)[0] || (*strs)[h.str_len - 1])
		return -KFL_EBADMSG;
	return 0;
}

int kfl_btf_count(const void *data, unsigned int len)
{
	const unsigned char *types;
	const char *strs;
	unsigned int types_len, strs_len;
	int err;

	err = kfl_btf_sections(data, len, &types, &types_len, &strs, &strs_len);
	if (err)
		return err;
	return kfl_btf_walk(types, types_len, (unsigned int *)0, 0);
}

static int kfl_btf_id_ok(const struct kfl_btf *btf, unsigned int id)
{
	return id <= btf->nr_types;
}

static int kfl_btf_str_ok(const struct kfl_btf *btf, unsigned int off)
{
	return off < btf->strs_len;
}

/* One type's record: its ids in range, its names in the string section. */
static int kfl_btf_check(const struct kfl_btf *btf, const struct kfl_btf_type *t)
{
	const unsigned char *x = (const unsigned char *)(t + 1);
	unsigned int kind = KFL_BTF_KIND(t), vlen = KFL_BTF_VLEN(t), i;

	if (!kfl_btf_str_ok(btf, t->name_off))
		return -KFL_EBADMSG;
	switch (kind) {
	case KFL_BTF_KIND_INT: {
		unsigned int enc = kfl_btf_rd32(x);

		if (vlen || KFL_BTF_INT_BITS(enc) > 128 || KFL_BTF_INT_BITS(enc) == 0 ||
		    t->size > 16 || t->size == 0 || (t->size & (t->size - 1)) ||
		    KFL_BTF_INT_OFFSET(enc) + KFL_BTF_INT_BITS(enc) > t->size * 8)
			return -KFL_EBADMSG;
		return 0;
	}
	case KFL_BTF_KIND_ARRAY: {
		const struct kfl_btf_array *a = (const void *)x;

		return vlen || !kfl_btf_id_ok(btf, a->type) || !kfl_btf_id_ok(btf, a->index_type) ?
		       -KFL_EBADMSG : 0;
	}
	case KFL_BTF_KIND_STRUCT:
	case KFL_BTF_KIND_UNION: {
		const struct kfl_btf_member *m = (const void *)x;

		for (i = 0; i < vlen; i++) {
			if (!kfl_btf_str_ok(btf, m[i].name_off) || !kfl_btf_id_ok(btf, m[i].type))
				return -KFL_EBADMSG;
			/* a bitfield spans at most 128 bits, as the kernel checks */
			if (KFL_BTF_KFLAG(t) && (m[i].offset & 7) + (m[i].offset >> 24) > 128)
				return -KFL_EBADMSG;
		}
		return 0;
	}
	case KFL_BTF_KIND_ENUM:
	case KFL_BTF_KIND_ENUM64: {
		unsigned int step = kind == KFL_BTF_KIND_ENUM ? 8 : 12;

		if (t->size != 1 && t->size != 2 && t->size != 4 && t->size != 8)
			return -KFL_EBADMSG;
		for (i = 0; i < vlen; i++)
			if (!kfl_btf_str_ok(btf, kfl_btf_rd32(x + i * step)))
				return -KFL_EBADMSG;
		return 0;
	}
	case KFL_BTF_KIND_FUNC_PROTO:
		for (i = 0; i < vlen; i++)
			if (!kfl_btf_str_ok(btf, kfl_btf_rd32(x + i * 8)) ||
			    !kfl_btf_id_ok(btf, kfl_btf_rd32(x + i * 8 + 4)))
				return -KFL_EBADMSG;
		return kfl_btf_id_ok(btf, t->type) ? 0 : -KFL_EBADMSG;
	case KFL_BTF_KIND_DATASEC:
		for (i = 0; i < vlen; i++)
			if (!kfl_btf_id_ok(btf, kfl_btf_rd32(x + i * 12)))
				return -KFL_EBADMSG;
		return 0;
	case KFL_BTF_KIND_FWD:
	case KFL_BTF_KIND_FLOAT:
		return 0;
	default:
		/* PTR, TYPEDEF, the modifiers, FUNC, VAR, tags: t->type */
		return kfl_btf_id_ok(btf, t->type) ? 0 : -KFL_EBADMSG;
	}
}

int kfl_btf_init(struct kfl_btf *btf, const void *data, unsigned int len,
		 unsigned int *offs, unsigned int nr)
{
	const unsigned char *types;
	unsigned int types_len, i;
	int n, err;

	err = kfl_btf_sections(data, len, &types, &types_len, &btf->strs, &btf->strs_len);
	if (err)
		return err;
	n = kfl_btf_walk(types, types_len, offs, nr);
	if (n < 0)
		return n;
	btf->types = types;
	btf->offs = offs;
	btf->nr_types = n;
	for (i = 1; i <= btf->nr_types; i++) {
		err = kfl_btf_check(btf, kfl_btf_type(btf, i));
		if (err)
			return err;
	}
	return 0;
}

const struct kfl_btf_type *kfl_btf_type(const struct kfl_btf *btf, unsigned int id)
{
	if (id == 0 || id > btf->nr_types)
		return (const struct kfl_btf_type *)0;
	return (const struct kfl_btf_type *)(btf->types + btf->offs[id]);
}

const char *kfl_btf_str(const struct kfl_btf *btf, unsigned int off)
{
	return off < btf->strs_len ? btf->strs + off : "";
}

int kfl_btf_streq(const char *a, const char *b)
{
	while (*a && *a == *b) {
		a++;
		b++;
	}
	return *a == *b;
}

int kfl_btf_is_modifier(const struct kfl_btf_type *t)
{
	switch (KFL_BTF_KIND(t)) {
	case KFL_BTF_KIND_TYPEDEF:
	case KFL_BTF_KIND_VOLATILE:
	case KFL_BTF_KIND_CONST:
	case KFL_BTF_KIND_RESTRICT:
	case KFL_BTF_KIND_TYPE_TAG:
		return 1;
	}
	return 0;
}

int kfl_btf_find(const struct kfl_btf *btf, const char *name, unsigned int kind)
{
	unsigned int i;

	for (i = 1; i <= btf->nr_types; i++) {
		const struct kfl_btf_type *t = kfl_btf_type(btf, i);

		if (KFL_BTF_KIND(t) == kind && kfl_btf_streq(kfl_btf_str(btf, t->name_off), name))
			return i;
	}
	return -KFL_ENOENT;
}
