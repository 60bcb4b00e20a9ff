// SPDX-License-Identifier: GPL-2.0
/*
 * The kernel's btf_show (kernel/bpf/btf.c: bpf_snprintf_btf's text),
 * ported function by function so that the text is the kernel's byte for
 * byte, quirks included: see kfl.h. No headers on purpose.
 *
 * What differs from the kernel, none of it in the text:
 *  - objects are read through ops->read, in the kernel's 32-byte "safe"
 *    chunks, at the same offsets;
 *  - formatting is done here (the kernel's vsnprintf formats only
 *    decimals, hex, strings and chars here), but for pointers (ops->ptr:
 *    "%p" hashes with the kernel's key);
 *  - a malformed BTF cannot loop or recurse without end (depth and step
 *    caps), and a void type reached by a modifier or a VAR prints
 *    "<unsupported kind:0>", as fixed kernels do, where unfixed ones
 *    dereference NULL.
 *
 * Beyond the kernel's text, with KFL_BTF_F_FOLLOW: the objects a pointer
 * or an annotated container leads to, each printed by a show of its own
 * (its own 32-byte chunks, as a top-level object) that shares the call's
 * sink, budget and visited set (struct walk).
 */
#include "kfl.h"

#define SAFE_SIZE 32		/* BTF_SHOW_OBJ_SAFE_SIZE */
#define BASE_TYPE_SIZE 16	/* BTF_SHOW_OBJ_BASE_TYPE_SIZE */
#define NAME_SIZE 80		/* BTF_SHOW_NAME_SIZE */
#define MAX_ITER 10		/* BTF_SHOW_MAX_ITER */
#define MAX_RESOLVE_DEPTH 32

/* One call: the sink (btf_snprintf_show), the caps, the objects printed. */
struct walk {
	const struct kfl_btf_show_ops *ops;
	char *buf;
	unsigned int size;
	unsigned long len;
	int called;	/* the kernel called vsnprintf: the buffer ends in NUL */
	unsigned int steps;
	unsigned int nest;
	int fatal;
	unsigned int nvisited;
	unsigned long visited[KFL_BTF_MAX_OBJECTS];
	unsigned int visited_type[KFL_BTF_MAX_OBJECTS];	/* its record's offset in types */
};

/* One object, as the kernel's struct btf_show */
struct show {
	unsigned int flags;
	const struct kfl_btf *btf;
	const struct kfl_btf_show_ops *ops;
	struct walk *w;
	unsigned int base;	/* the depth this object is printed at */
	unsigned int hops;	/* hops left from here */
	unsigned int in_union;
	int nested;		/* not the call's object: its line end is the caller's */
	int opened;		/* a nested object's first line is on its caller's */
	struct {
		unsigned char depth;
		unsigned char depth_to_show;
		unsigned char depth_check;
		unsigned char array_member;
		unsigned char array_terminated;
		unsigned short array_encoding;
		unsigned int type_id;
		int status;
		const struct kfl_btf_type *type;
		const struct kfl_btf_member *member;
		char name[NAME_SIZE];
	} state;
	struct {
		unsigned int size;
		unsigned long head;
		unsigned long data;
		/*
		 * The kernel reads a 1-byte enum as 4 bytes, and a bitfield
		 * from its first byte on: near the end of the chunk that reads
		 * past it, into whatever follows there. Here: zeros.
		 */
		unsigned char safe[SAFE_SIZE + 16];
	} obj;
};

static const struct kfl_btf_type void_type;

static const struct kfl_btf_type *type_by_id(const struct show *show, unsigned int id)
{
	const struct kfl_btf_type *t = kfl_btf_type(show->btf, id);

	return t ? t : &void_type;
}

static unsigned int slen(const char *s)
{
	unsigned int n = 0;

	while (s[n])
		n++;
	return n;
}

/* Output: the kernel's sink writes what fits and counts everything. */
static void out(struct show *show, const char *s, unsigned int n)
{
	struct walk *w = show->w;
	unsigned long i;

	for (i = 0; i < n; i++, w->len++)
		if (w->size && w->len < w->size - 1)
			w->buf[w->len] = s[i];
}

static void outs(struct show *show, const char *s)
{
	out(show, s, slen(s));
}

static void outu(struct show *show, unsigned long long v)
{
	char d[20];
	unsigned int i = sizeof(d);

	do {
		d[--i] = '0' + v % 10;
		v /= 10;
	} while (v);
	out(show, d + i, sizeof(d) - i);
}

static void outd(struct show *show, long long v)
{
	if (v < 0) {
		outs(show, "-");
		outu(show, 0ULL - (unsigned long long)v);
	} else {
		outu(show, v);
	}
}

/* hex, at least @width digits */
static void outx(struct show *show, unsigned long long v, unsigned int width)
{
	char d[16];
	unsigned int i = sizeof(d);

	do {
		d[--i] = "0123456789abcdef"[v & 15];
		v >>= 4;
	} while (v || sizeof(d) - i < width);
	out(show, d + i, sizeof(d) - i);
}

/* The kernel's isprint (lib/ctype.c): 0x20-0x7e and 0xa0-0xff. */
static int kisprint(unsigned char c)
{
	return (c >= 0x20 && c <= 0x7e) || c >= 0xa0;
}

/* A bounded string builder for state.name (the kernel's snprintf into it). */
struct sb {
	char *p;
	unsigned int n, cap;
};

static void sb_add(struct sb *b, const char *s)
{
	while (*s && b->n + 1 < b->cap)
		b->p[b->n++] = *s++;
	b->p[b->n] = 0;
}

static const struct kfl_btf_type *skip_qualifiers(const struct show *show, unsigned int id)
{
	const struct kfl_btf_type *t = type_by_id(show, id);
	int i;

	for (i = 0; i < MAX_RESOLVE_DEPTH && kfl_btf_is_modifier(t) &&
	     KFL_BTF_KIND(t) != KFL_BTF_KIND_TYPEDEF; i++)
		t = type_by_id(show, t->type);
	return t;
}

/* btf_type_skip_modifiers; a cycle ends at void */
static const struct kfl_btf_type *skip_modifiers(const struct show *show, unsigned int id,
						 unsigned int *res_id)
{
	const struct kfl_btf_type *t = type_by_id(show, id);
	int i;

	for (i = 0; kfl_btf_is_modifier(t); i++) {
		if (i == MAX_RESOLVE_DEPTH) {
			id = 0;
			t = &void_type;
			break;
		}
		id = t->type;
		t = type_by_id(show, id);
	}
	if (res_id)
		*res_id = id;
	return t;
}

static const char *btf_show_name(struct show *show)
{
	static const char array_suffixes[] = "[][][][][][][][][][]";
	static const char ptr_suffixes[] = "**********";
	const char *array_suffix = array_suffixes + sizeof(array_suffixes) - 1;
	const char *ptr_suffix = ptr_suffixes + sizeof(ptr_suffixes) - 1;
	const char *name = (const char *)0, *prefix = "", *parens = "";
	const struct kfl_btf_member *m = show->state.member;
	const struct kfl_btf_type *t;
	unsigned int id = show->state.type_id;
	const char *member = (const char *)0;
	int show_member = 0, typedef_seen = 0, array_seen = 0, ptr_seen = 0;
	int i;
	struct sb b = { show->state.name, 0, NAME_SIZE };

	show->state.name[0] = 0;
	if (show->state.array_member)
		return "";
	if (m) {
		member = kfl_btf_str(show->btf, m->name_off);
		show_member = member[0] != 0;
		id = m->type;
	}
	t = type_by_id(show, id);
	for (i = 0; i < MAX_ITER; i++) {
		switch (KFL_BTF_KIND(t)) {
		case KFL_BTF_KIND_TYPEDEF:
			if (!name)
				name = kfl_btf_str(show->btf, t->name_off);
			typedef_seen = 1;
			id = t->type;
			break;
		case KFL_BTF_KIND_ARRAY:
			array_seen = 1;
			parens = "[";
			if (array_suffix > array_suffixes)
				array_suffix -= 2;
			id = ((const struct kfl_btf_array *)(t + 1))->type;
			break;
		case KFL_BTF_KIND_PTR:
			ptr_seen = 1;
			if (ptr_suffix > ptr_suffixes)
				ptr_suffix -= 1;
			id = t->type;
			break;
		default:
			if (show->flags & KFL_BTF_F_VOID_NAME)
				goto resolved;
			id = 0;
			break;
		}
		if (show->flags & KFL_BTF_F_VOID_NAME) {
			/* 7.3: the pointee is resolved first, void included */
			t = skip_qualifiers(show, id);
			if (!id)
				break;
		} else {
			if (!id)
				break;
			t = skip_qualifiers(show, id);
		}
	}
	if (i == MAX_ITER)
		return "";
resolved:
	if (!name) {
		if ((show->flags & KFL_BTF_F_VOID_NAME) && t == &void_type)
			name = "void";
		else
			name = kfl_btf_str(show->btf, t->name_off);
	}
	switch (KFL_BTF_KIND(t)) {
	case KFL_BTF_KIND_STRUCT:
	case KFL_BTF_KIND_UNION:
		prefix = KFL_BTF_KIND(t) == KFL_BTF_KIND_STRUCT ? "struct" : "union";
		if (!array_seen)
			parens = "{";
		break;
	case KFL_BTF_KIND_ENUM:
	case KFL_BTF_KIND_ENUM64:
		prefix = "enum";
		break;
	}
	if (ptr_seen)
		parens = "";
	if (typedef_seen)
		prefix = "";
	if (show->flags & KFL_BTF_F_NONAME) {
		sb_add(&b, parens);
		return show->state.name;
	}
	if (show_member) {
		sb_add(&b, ".");
		sb_add(&b, member);
		sb_add(&b, " = ");
	}
	sb_add(&b, "(");
	sb_add(&b, prefix);
	if (prefix[0] && name[0])
		sb_add(&b, " ");
	sb_add(&b, name);
	if (ptr_suffix[0])
		sb_add(&b, " ");
	sb_add(&b, ptr_suffix);
	sb_add(&b, array_suffix);
	sb_add(&b, ")");
	sb_add(&b, parens);
	return show->state.name;
}

static const char *btf_show_indent(struct show *show)
{
	static const char indents[] = "                                ";
	const char *indent = indents + sizeof(indents) - 1;

	unsigned int depth = show->state.depth + show->base;

	if (show->flags & KFL_BTF_F_COMPACT)
		return "";
	if (show->nested && !show->opened)
		return "";
	if (depth <= sizeof(indents) - 1)
		return indent - depth;
	return indents;
}

static const char *btf_show_newline(struct show *show)
{
	if (show->nested && show->state.depth == 0)
		return "";
	return show->flags & KFL_BTF_F_COMPACT ? "" : "\n";
}

static const char *btf_show_delim(struct show *show)
{
	if (show->state.depth == 0)
		return "";
	if ((show->flags & KFL_BTF_F_COMPACT) && show->state.type &&
	    KFL_BTF_KIND(show->state.type) == KFL_BTF_KIND_UNION)
		return "|";
	return ",";
}

/*
 * btf_show_type_value(s): the value's text comes from @fmt_value. The
 * kernel evaluates indent and name before printing; only what is printed
 * differs when the walk is silent (depth_check).
 */
enum vkind { V_U, V_D, V_X, V_X128, V_CHAR, V_STR, V_PTR };

struct value {
	enum vkind kind;
	unsigned long long u, hi;
	long long d;
	const char *s;
	unsigned char c;
};

static void put_value(struct show *show, const struct value *v)
{
	char p[KFL_BTF_PTR_TEXT];
	unsigned int n;

	switch (v->kind) {
	case V_U:
		outu(show, v->u);
		break;
	case V_D:
		outd(show, v->d);
		break;
	case V_X:
		outs(show, "0x");
		outx(show, v->u, 1);
		break;
	case V_X128:
		outs(show, "0x");
		outx(show, v->hi, 1);
		outx(show, v->u, 16);
		break;
	case V_CHAR:
		outs(show, "'");
		out(show, (const char *)&v->c, 1);
		outs(show, "'");
		break;
	case V_STR:
		outs(show, v->s);
		break;
	case V_PTR:
		outs(show, "0x");
		n = show->ops->ptr(show->ops->ctx, p, sizeof(p), v->u,
				   !!(show->flags & KFL_BTF_F_PTR_RAW));
		out(show, p, n < sizeof(p) ? n : sizeof(p));
		break;
	}
}

static void follow_ptr(struct show *show, unsigned long addr);

static void show_value(struct show *show, const struct value *v, int nonzero)
{
	const char *indent, *name;

	if (!nonzero && !(show->flags & KFL_BTF_F_ZERO) && show->state.depth != 0)
		return;
	indent = btf_show_indent(show);
	name = btf_show_name(show);
	if (!show->state.depth_check) {
		show->w->called = 1;
		outs(show, indent);
		outs(show, name);
		put_value(show, v);
		if (v->kind == V_PTR)
			follow_ptr(show, v->u);
		outs(show, btf_show_delim(show));
		outs(show, btf_show_newline(show));
	}
	if (show->state.depth > show->state.depth_to_show)
		show->state.depth_to_show = show->state.depth;
}

/* btf_resolve_size: 0 and the size, or -KFL_EINVAL */
static int resolve_size(const struct show *show, const struct kfl_btf_type *t, unsigned int *sz)
{
	unsigned int nelems = 1, size;
	int i;

	for (i = 0; i < MAX_RESOLVE_DEPTH; i++) {
		if (kfl_btf_is_modifier(t)) {
			t = type_by_id(show, t->type);
			continue;
		}
		switch (KFL_BTF_KIND(t)) {
		case KFL_BTF_KIND_INT:
		case KFL_BTF_KIND_STRUCT:
		case KFL_BTF_KIND_UNION:
		case KFL_BTF_KIND_ENUM:
		case KFL_BTF_KIND_FLOAT:
		case KFL_BTF_KIND_ENUM64:
			size = t->size;
			goto resolved;
		case KFL_BTF_KIND_PTR:
			size = 8;
			goto resolved;
		case KFL_BTF_KIND_ARRAY: {
			const struct kfl_btf_array *a = (const void *)(t + 1);

			if (nelems && a->nelems > 0xffffffffU / nelems)
				return -KFL_EINVAL;
			nelems *= a->nelems;
			t = type_by_id(show, a->type);
			break;
		}
		default:
			return -KFL_EINVAL;
		}
	}
	return -KFL_EINVAL;
resolved:
	if (nelems && size > 0xffffffffU / nelems)
		return -KFL_EINVAL;
	/* The kernel keeps the size in an int from here: 2 GiB and up go wrong there. */
	if (nelems * size > 0x7fffffffU)
		return -KFL_EINVAL;
	*sz = nelems * size;
	return 0;
}

/* btf_show_obj_safe: the object's bytes at @data, copied in chunks */
static unsigned char *obj_safe(struct show *show, const struct kfl_btf_type *t, unsigned long data)
{
	unsigned int usize;
	int size, size_left, err;
	unsigned char *safe = (unsigned char *)0;

	err = resolve_size(show, t, &usize);
	if (err) {
		show->state.status = err;
		return safe;
	}
	size = (int)usize;
	if (show->state.depth == 0) {
		show->obj.size = usize;
		show->obj.head = data;
	} else {
		int n = size < BASE_TYPE_SIZE ? size : BASE_TYPE_SIZE;

		/* btf_show_obj_is_safe, in the kernel's pointer arithmetic */
		if (data >= show->obj.data &&
		    (long)(data + n - show->obj.data) < SAFE_SIZE)
			safe = show->obj.safe + (data - show->obj.data);
	}
	if (!safe) {
		size_left = (int)(show->obj.head + show->obj.size - data);
		if (size_left > SAFE_SIZE)
			size_left = SAFE_SIZE;
		/* copy_from_kernel_nofault of a negative size copies nothing */
		err = size_left > 0 ? show->ops->read(show->ops->ctx, show->obj.safe, data,
						      size_left) : 0;
		show->state.status = err;
		if (!err) {
			show->obj.data = data;
			safe = show->obj.safe;
		}
	}
	return safe;
}

static unsigned char *start_type(struct show *show, const struct kfl_btf_type *t,
				 unsigned int type_id, unsigned long data)
{
	show->state.type = t;
	show->state.type_id = type_id;
	show->state.name[0] = 0;
	return obj_safe(show, t, data);
}

static void end_type(struct show *show)
{
	show->state.type = (const struct kfl_btf_type *)0;
	show->state.type_id = 0;
	show->state.name[0] = 0;
}

static unsigned char *start_aggr_type(struct show *show, const struct kfl_btf_type *t,
				      unsigned int type_id, unsigned long data)
{
	unsigned char *safe = start_type(show, t, type_id, data);
	const char *indent, *name;

	if (!safe)
		return safe;
	indent = btf_show_indent(show);
	name = btf_show_name(show);
	if (!show->state.depth_check) {
		show->w->called = 1;
		outs(show, indent);
		outs(show, name);
		/* btf_show_newline, but a nested object's first line ends too */
		outs(show, show->flags & KFL_BTF_F_COMPACT ? "" : "\n");
	}
	show->opened = 1;
	show->state.depth++;
	return safe;
}

static void end_aggr_type(struct show *show, const char *suffix)
{
	show->state.depth--;
	if (!show->state.depth_check) {
		show->w->called = 1;
		outs(show, btf_show_indent(show));
		outs(show, suffix);
		outs(show, btf_show_delim(show));
		outs(show, btf_show_newline(show));
	}
	end_type(show);
}

static void show_type(struct show *show, const struct kfl_btf_type *t, unsigned int type_id,
		      unsigned long data, unsigned char bits_offset);
static const struct kfl_btf_cont *cont_of(const struct show *show,
					  const struct kfl_btf_member *m);
static void storage_show(struct show *show, const struct kfl_btf_cont *c,
			 unsigned long base, unsigned long data);
static void container_show(struct show *show, const struct kfl_btf_cont *c,
			   const struct kfl_btf_member *m, unsigned long head);

static void df_show(struct show *show, const struct kfl_btf_type *t)
{
	if (!show->state.depth_check) {
		show->w->called = 1;
		outs(show, "<unsupported kind:");
		outu(show, KFL_BTF_KIND(t));
		outs(show, ">");
	}
}

static unsigned long long rd64(const unsigned char *p)
{
	unsigned long long v = 0;
	int i;

	for (i = 7; i >= 0; i--)
		v = v << 8 | p[i];
	return v;
}

static void int128_print(struct show *show, const unsigned char *data)
{
	struct value v = { .kind = V_X128 };

	v.hi = rd64(data + 8);
	v.u = rd64(data);
	if (v.hi == 0) {
		v.kind = V_X;
		show_value(show, &v, v.u != 0);
	} else {
		show_value(show, &v, 1);
	}
}

static void int128_shift(unsigned long long *num, unsigned int left, unsigned int right)
{
	unsigned long long upper = num[1], lower = num[0];

	if (left >= 64) {
		upper = lower << (left - 64);
		lower = 0;
	} else if (left) {
		upper = (upper << left) | (lower >> (64 - left));
		lower = lower << left;
	}
	if (right >= 64) {
		lower = upper >> (right - 64);
		upper = 0;
	} else if (right) {
		lower = (lower >> right) | (upper << (64 - right));
		upper = upper >> right;
	}
	num[0] = lower;
	num[1] = upper;
}

static void bitfield_show(struct show *show, const unsigned char *data,
			  unsigned int bits_offset, unsigned int nr_bits)
{
	unsigned char b[16] = { 0 };
	unsigned long long num[2];
	unsigned int nr_copy_bits = nr_bits + bits_offset, i;

	/* The kernel's BTF check refuses these (nr_copy_bits exceeds 128). */
	if (nr_bits == 0 || nr_copy_bits > 128) {
		show->w->fatal = -KFL_EINVAL;
		return;
	}
	for (i = 0; i < (nr_copy_bits + 7) / 8 && i < 16; i++)
		b[i] = data[i];
	num[0] = rd64(b);
	num[1] = rd64(b + 8);
	int128_shift(num, 128 - nr_copy_bits, 128 - nr_bits);
	for (i = 0; i < 8; i++) {
		b[i] = num[0] >> (8 * i);
		b[8 + i] = num[1] >> (8 * i);
	}
	int128_print(show, b);
}

static void int_bits_show(struct show *show, const struct kfl_btf_type *t,
			  const unsigned char *data, unsigned int bits_offset)
{
	unsigned int int_data = *(const unsigned int *)(t + 1);
	unsigned int total = bits_offset + KFL_BTF_INT_OFFSET(int_data);

	bitfield_show(show, data + total / 8, total % 8, KFL_BTF_INT_BITS(int_data));
}

static void int_show(struct show *show, const struct kfl_btf_type *t, unsigned int type_id,
		     unsigned long data, unsigned char bits_offset)
{
	unsigned int int_data = *(const unsigned int *)(t + 1);
	int sign = KFL_BTF_INT_ENCODING(int_data) & KFL_BTF_INT_SIGNED;
	unsigned int nr_bits = KFL_BTF_INT_BITS(int_data);
	struct value v = { .kind = V_U };
	unsigned char *safe;
	unsigned long long u;

	safe = start_type(show, t, type_id, data);
	if (!safe)
		return;
	if (bits_offset || KFL_BTF_INT_OFFSET(int_data) || (nr_bits & 7)) {
		int_bits_show(show, t, safe, bits_offset);
		goto out;
	}
	switch (nr_bits) {
	case 128:
		int128_print(show, safe);
		goto out;
	case 64:
		u = rd64(safe);
		v.d = (long long)u;
		break;
	case 32:
		u = safe[0] | safe[1] << 8 | safe[2] << 16 | (unsigned long long)safe[3] << 24;
		v.d = (int)u;
		break;
	case 16:
		u = safe[0] | safe[1] << 8;
		v.d = (short)u;
		break;
	case 8:
		u = safe[0];
		v.d = (signed char)u;
		if (show->state.array_encoding == KFL_BTF_INT_CHAR) {
			if (show->state.array_terminated)
				goto out;
			if (safe[0] == 0) {
				show->state.array_terminated = 1;
				goto out;
			}
			if (kisprint(safe[0])) {
				v.kind = V_CHAR;
				v.c = safe[0];
				show_value(show, &v, 1);
				goto out;
			}
		}
		break;
	default:
		int_bits_show(show, t, safe, bits_offset);
		goto out;
	}
	v.u = u;
	if (sign)
		v.kind = V_D;
	show_value(show, &v, u != 0);
out:
	end_type(show);
}

static void ptr_show(struct show *show, const struct kfl_btf_type *t, unsigned int type_id,
		     unsigned long data)
{
	struct value v = { .kind = V_PTR };
	unsigned char *safe;

	safe = start_type(show, t, type_id, data);
	if (!safe)
		return;
	v.u = rd64(safe);
	show_value(show, &v, v.u != 0);
	end_type(show);
}

/*
 * btf_enum_show and btf_enum64_show: an ENUM is read as 4 bytes whatever
 * its size (the kernel's *(int *)), an ENUM64 as 8.
 */
static void enum_show(struct show *show, const struct kfl_btf_type *t, unsigned int type_id,
		      unsigned long data)
{
	int wide = KFL_BTF_KIND(t) == KFL_BTF_KIND_ENUM64;
	const unsigned int *e = (const void *)(t + 1);
	unsigned int i, n = KFL_BTF_VLEN(t), step = wide ? 3 : 2;
	struct value v = { .kind = V_U };
	unsigned char *safe;
	unsigned long long val, ev;

	safe = start_type(show, t, type_id, data);
	if (!safe)
		return;
	val = wide ? rd64(safe) : (unsigned int)(safe[0] | safe[1] << 8 | safe[2] << 16 |
						 (unsigned int)safe[3] << 24);
	for (i = 0; i < n; i++) {
		ev = wide ? (unsigned long long)e[i * step + 2] << 32 | e[i * step + 1] :
			    e[i * step + 1];
		if (val != ev)
			continue;
		v.kind = V_STR;
		v.s = e[i * step] ? kfl_btf_str(show->btf, e[i * step]) : "(anon)";
		show_value(show, &v, 1);
		end_type(show);
		return;
	}
	if (KFL_BTF_KFLAG(t)) {
		v.kind = V_D;
		v.d = wide ? (long long)val : (int)val;
	} else {
		v.u = val;
	}
	show_value(show, &v, val != 0);
	end_type(show);
}

static int has_size(const struct kfl_btf_type *t)
{
	switch (KFL_BTF_KIND(t)) {
	case KFL_BTF_KIND_INT:
	case KFL_BTF_KIND_STRUCT:
	case KFL_BTF_KIND_UNION:
	case KFL_BTF_KIND_ENUM:
	case KFL_BTF_KIND_DATASEC:
	case KFL_BTF_KIND_FLOAT:
	case KFL_BTF_KIND_ENUM64:
		return 1;
	}
	return 0;
}

static int step(struct show *show)
{
	if (++show->w->steps > KFL_BTF_SHOW_BUDGET) {
		show->w->fatal = -KFL_E2BIG;
		return 0;
	}
	return !show->w->fatal;
}

static void __array_show(struct show *show, const struct kfl_btf_type *t, unsigned int type_id,
			 unsigned long data, unsigned char bits_offset)
{
	const struct kfl_btf_array *a = (const void *)(t + 1);
	const struct kfl_btf_type *elem_type;
	unsigned int i, elem_size = 0, elem_type_id = a->type;
	unsigned short encoding = 0;

	elem_type = skip_modifiers(show, elem_type_id, (unsigned int *)0);
	if (has_size(elem_type))
		elem_size = elem_type->size;
	if (KFL_BTF_KIND(elem_type) == KFL_BTF_KIND_INT) {
		encoding = KFL_BTF_INT_ENCODING(*(const unsigned int *)(elem_type + 1));
		if (elem_size == 1)
			encoding = KFL_BTF_INT_CHAR;
	}
	show->state.array_encoding = encoding;
	show->state.array_terminated = 0;
	if (!start_aggr_type(show, t, type_id, data))
		return;
	for (i = 0; i < a->nelems && step(show); i++) {
		show->state.array_member = 1;
		show->state.member = (const struct kfl_btf_member *)0;
		show_type(show, elem_type, elem_type_id, data, bits_offset);
		data += elem_size;
		show->state.array_member = 0;
		show->state.member = (const struct kfl_btf_member *)0;
		if (show->state.array_terminated)
			break;
	}
	show->state.array_encoding = 0;
	show->state.array_terminated = 0;
	end_aggr_type(show, "]");
}

static void __struct_show(struct show *show, const struct kfl_btf_type *t, unsigned int type_id,
			  unsigned long data)
{
	const struct kfl_btf_member *m = (const void *)(t + 1);
	unsigned int i, n = KFL_BTF_VLEN(t);
	int in_union = KFL_BTF_KIND(t) == KFL_BTF_KIND_UNION;
	const struct kfl_btf_cont *c;
	unsigned char *safe;

	if (!start_aggr_type(show, t, type_id, data))
		return;
	show->in_union += in_union;
	for (i = 0; i < n && step(show); i++) {
		const struct kfl_btf_type *member_type = type_by_id(show, m[i].type);
		unsigned int off = KFL_BTF_KFLAG(t) ? m[i].offset & 0xffffff : m[i].offset;
		unsigned int bitfield_size = KFL_BTF_KFLAG(t) ? m[i].offset >> 24 : 0;

		show->state.member = &m[i];
		c = show->state.depth_check ? (const struct kfl_btf_cont *)0 : cont_of(show, &m[i]);
		if (c && c->kind == KFL_BTF_ANN_STORAGE) {
			storage_show(show, c, data, data + off / 8);
		} else if (bitfield_size) {
			safe = start_type(show, member_type, m[i].type, data + off / 8);
			if (safe)
				bitfield_show(show, safe, off % 8, bitfield_size);
			end_type(show);
		} else {
			show_type(show, member_type, m[i].type, data + off / 8, off % 8);
		}
		show->state.member = (const struct kfl_btf_member *)0;
		if (c && c->kind != KFL_BTF_ANN_STORAGE && c->kind != KFL_BTF_ANN_PTR)
			container_show(show, c, &m[i], data + off / 8);
	}
	show->in_union -= in_union;
	end_aggr_type(show, "}");
}

/*
 * Following (KFL_BTF_F_FOLLOW): what an object leads to, each printed by a
 * show of its own, after " -> " (a pointer) or in a list (a container).
 */
static int is_aggr(const struct kfl_btf_type *t)
{
	return KFL_BTF_KIND(t) == KFL_BTF_KIND_STRUCT || KFL_BTF_KIND(t) == KFL_BTF_KIND_UNION;
}

static const struct kfl_btf_cont *cont_of(const struct show *show,
					  const struct kfl_btf_member *m)
{
	const struct kfl_btf_follow *f = show->ops->follow;
	unsigned int i;

	if (!m || !f || f->btf != show->btf || !(show->flags & KFL_BTF_F_CONTAINERS))
		return (const struct kfl_btf_cont *)0;
	for (i = 0; i < f->nr; i++)
		if (f->conts[i].member == m)
			return &f->conts[i];
	return (const struct kfl_btf_cont *)0;
}

/* list_head and the like: KFL_BTF_F_PTRS does not hop to them */
static int is_link(const struct show *show, const struct kfl_btf_type *t)
{
	const struct kfl_btf_follow *f = show->ops->follow;
	unsigned int i;

	if (!f || f->btf != show->btf)
		return 0;
	for (i = 0; i < KFL_NELEM(f->links); i++)
		if (f->links[i] == t)
			return 1;
	return 0;
}

/*
 * The index of the object in the call's visited set, or -1. Objects are
 * those of the call's BTF (a local storage value, of its map's, hops to
 * none): a type is its record's offset there.
 */
static int seen(const struct show *show, unsigned long addr, const struct kfl_btf_type *t)
{
	unsigned int i, off = (unsigned int)((const unsigned char *)t - show->btf->types);

	for (i = 0; i < show->w->nvisited; i++)
		if (show->w->visited[i] == addr && show->w->visited_type[i] == off)
			return (int)i;
	return -1;
}

/* 0, or -1 when KFL_BTF_MAX_OBJECTS are printed */
static int visit(const struct show *show, unsigned long addr, const struct kfl_btf_type *t)
{
	struct walk *w = show->w;

	if (w->nvisited == KFL_BTF_MAX_OBJECTS)
		return -1;
	w->visited[w->nvisited] = addr;
	w->visited_type[w->nvisited++] = (unsigned int)((const unsigned char *)t - show->btf->types);
	return 0;
}

/* 0, or -1 when the object could not be read ("<unreadable>") */
static int nested_show(struct show *show, const struct kfl_btf *btf, unsigned int flags,
			unsigned int hops, const struct kfl_btf_type *t, unsigned int type_id,
			unsigned long addr)
{
	struct show sub = { 0 };
	unsigned long len = show->w->len;

	sub.flags = flags;
	sub.btf = btf;
	sub.ops = show->ops;
	sub.w = show->w;
	sub.base = show->base + show->state.depth;
	sub.hops = hops;
	sub.nested = 1;
	show_type(&sub, t, type_id, addr, 0);
	if (show->w->len != len || show->w->fatal)
		return 0;
	outs(show, "<unreadable>");
	return -1;
}

static void follow_ptr(struct show *show, unsigned long addr)
{
	const struct kfl_btf_cont *c = cont_of(show, show->state.member);
	int top = !show->nested && show->state.depth == 0;
	const struct kfl_btf_type *t;
	unsigned int id;

	if (!addr || !show->hops || show->state.array_member || show->in_union)
		return;
	if (!(c && c->kind == KFL_BTF_ANN_PTR) && !top && !(show->flags & KFL_BTF_F_PTRS))
		return;
	t = skip_modifiers(show, show->state.type->type, &id);
	if (!is_aggr(t) || (!c && !top && is_link(show, t)) || seen(show, addr, t) >= 0 ||
	    visit(show, addr, t))
		return;
	outs(show, " -> ");
	nested_show(show, show->btf, show->flags, show->hops - 1, t, id, addr);
}

static int rd_ptr(struct show *show, unsigned long addr, unsigned long *v)
{
	unsigned char b[8];
	int err;

	if (!step(show))
		return -KFL_E2BIG;
	err = show->ops->read(show->ops->ctx, b, addr, 8);
	*v = err ? 0 : (unsigned long)rd64(b);
	return err;
}

/* The container's next node after @node (0: its first), 0 at its end */
static int next_node(struct show *show, const struct kfl_btf_cont *c, unsigned long head,
		     unsigned long node, unsigned long *next)
{
	unsigned long n, p, v;
	int err;

	switch (c->kind) {
	case KFL_BTF_ANN_LIST:	/* list_head.next at 0; the head ends it */
		err = rd_ptr(show, node ? node : head, next);
		if (!err && *next == head)
			*next = 0;
		return err;
	case KFL_BTF_ANN_HLIST:	/* hlist_head.first and hlist_node.next at 0 */
		return rd_ptr(show, node ? node : head, next);
	}
	/* rb_node: __rb_parent_color at 0, rb_right at 8, rb_left at 16 */
	if (!node) {
		err = rd_ptr(show, head, &n);	/* rb_root(_cached).rb_node */
	} else {
		err = rd_ptr(show, node + 8, &n);
		if (!err && !n) {
			for (n = node;; n = p) {
				err = rd_ptr(show, n, &p);
				p &= ~3UL;
				if (!err && p)
					err = rd_ptr(show, p + 8, &v);
				if (err || !p || v != n)
					break;
			}
			*next = err ? 0 : p;
			return err;
		}
	}
	while (!err && n) {
		*next = n;
		err = rd_ptr(show, n + 16, &n);
	}
	return err;
}

static void container_show(struct show *show, const struct kfl_btf_cont *c,
			   const struct kfl_btf_member *m, unsigned long head)
{
	const struct kfl_btf_type *et = type_by_id(show, c->elem_id);
	int start = (int)show->w->nvisited, err, i;
	unsigned long node = 0, next = 0, elem;
	unsigned int nodes = 0;
	struct value ref = { .kind = V_PTR };

	if (!show->hops)
		return;
	err = next_node(show, c, head, 0, &node);
	if (!err && !node)
		return;
	outs(show, btf_show_indent(show));
	if (!(show->flags & KFL_BTF_F_NONAME)) {
		outs(show, ".");
		outs(show, kfl_btf_str(show->btf, m->name_off));
		outs(show, " ");
	}
	outs(show, "-> [");
	outs(show, btf_show_newline(show));
	show->state.depth++;
	while (!err && node && !show->w->fatal) {
		elem = node - c->link_off;
		i = seen(show, elem, et);
		if (i >= start)
			break;	/* the walk came back to an element of its own */
		outs(show, btf_show_indent(show));
		if (++nodes > KFL_BTF_MAX_NODES || (i < 0 && visit(show, elem, et))) {
			outs(show, "...,");
			outs(show, btf_show_newline(show));
			break;
		}
		if (i >= 0) {
			/* printed before, elsewhere: a pointer to it */
			if (!(show->flags & KFL_BTF_F_NONAME)) {
				outs(show, "(struct ");
				outs(show, kfl_btf_str(show->btf, et->name_off));
				outs(show, " *)");
			}
			ref.u = elem;
			put_value(show, &ref);
		} else if (nested_show(show, show->btf, show->flags, show->hops - 1, et,
				       c->elem_id, elem)) {
			outs(show, ",");
			outs(show, btf_show_newline(show));
			break;
		}
		outs(show, ",");
		outs(show, btf_show_newline(show));
		next = 0;
		err = next_node(show, c, head, node, &next);
		node = next;
	}
	if (err && !show->w->fatal) {
		outs(show, btf_show_indent(show));
		outs(show, "<unreadable>,");
		outs(show, btf_show_newline(show));
	}
	show->state.depth--;
	outs(show, btf_show_indent(show));
	outs(show, "],");
	outs(show, btf_show_newline(show));
}

/* A value's bytes as "(u8[N])[0a 0b ...]": its map has no BTF kfunc can use */
static void hex_show(struct show *show, unsigned long addr, unsigned int size)
{
	unsigned char b[SAFE_SIZE];
	unsigned int i, n;

	if (!(show->flags & KFL_BTF_F_NONAME)) {
		outs(show, "(u8[");
		outu(show, size);
		outs(show, "])");
	}
	outs(show, "[");
	for (i = 0; i < size; i += n) {
		n = size - i < SAFE_SIZE ? size - i : SAFE_SIZE;
		if (!step(show))
			break;
		if (show->ops->read(show->ops->ctx, b, addr + i, n)) {
			outs(show, i ? " <unreadable>" : "<unreadable>");
			break;
		}
		for (unsigned int j = 0; j < n; j++) {
			if (i + j)
				outs(show, " ");
			outx(show, b[j], 2);
		}
	}
	outs(show, "]");
}

/* A local storage value, by its map's BTF: @base is the struct declaring it */
static void storage_show(struct show *show, const struct kfl_btf_cont *c,
			 unsigned long base, unsigned long data)
{
	const unsigned int nofollow = KFL_BTF_F_FOLLOW_MASK | KFL_BTF_F_PTRS |
				      KFL_BTF_F_CONTAINERS;
	struct kfl_btf_value v = { 0 };
	const struct kfl_btf_type *t;
	unsigned long smap;
	int err;

	err = rd_ptr(show, base + c->link_off, &smap);
	if (!err)
		err = smap && show->ops->value ? show->ops->value(show->ops->ctx, smap, &v) :
						 -KFL_ENOENT;
	if (err == -KFL_EBUSY || show->w->fatal) {
		if (!show->w->fatal)
			show->w->fatal = err;
		return;
	}
	outs(show, btf_show_indent(show));
	if (!(show->flags & KFL_BTF_F_NONAME)) {
		outs(show, ".");
		outs(show, kfl_btf_str(show->btf, c->member->name_off));
		outs(show, " = ");
	}
	t = !err && v.btf ? kfl_btf_type(v.btf, v.type_id) : (const struct kfl_btf_type *)0;
	if (err)
		outs(show, "<unreadable>");
	else if (t)
		nested_show(show, v.btf, show->flags & ~nofollow, 0, t, v.type_id, data);
	else
		hex_show(show, data, v.size);
	if (!err && show->ops->value_put)
		show->ops->value_put(show->ops->ctx, &v);
	outs(show, ",");
	outs(show, btf_show_newline(show));
}

/* btf_struct_show and btf_array_show: a silent walk first, below depth 0 */
static void aggr_show(struct show *show, const struct kfl_btf_type *t, unsigned int type_id,
		      unsigned long data, unsigned char bits_offset)
{
	const struct kfl_btf_member *m = show->state.member;
	int array = KFL_BTF_KIND(t) == KFL_BTF_KIND_ARRAY;

	if (show->state.depth > 0 && !(show->flags & KFL_BTF_F_ZERO)) {
		if (!show->state.depth_check) {
			show->state.depth_check = show->state.depth + 1;
			show->state.depth_to_show = 0;
		}
		if (array)
			__array_show(show, t, type_id, data, bits_offset);
		else
			__struct_show(show, t, type_id, data);
		show->state.member = m;
		if (show->state.depth_check != show->state.depth + 1)
			return;
		show->state.depth_check = 0;
		if (show->state.depth_to_show <= show->state.depth)
			return;
	}
	if (array)
		__array_show(show, t, type_id, data, bits_offset);
	else
		__struct_show(show, t, type_id, data);
}

static void show_type(struct show *show, const struct kfl_btf_type *t, unsigned int type_id,
		      unsigned long data, unsigned char bits_offset)
{
	if (show->w->fatal)
		return;
	if (kfl_btf_is_modifier(t)) {
		/* btf_modifier_show: the original id goes down, for the name */
		t = skip_modifiers(show, type_id, (unsigned int *)0);
	} else if (KFL_BTF_KIND(t) == KFL_BTF_KIND_VAR) {
		/* btf_var_show (fixed kernels): the resolved id goes down */
		t = skip_modifiers(show, t->type, &type_id);
	}
	if (++show->w->nest > KFL_BTF_SHOW_MAX_DEPTH) {
		show->w->fatal = -KFL_E2BIG;
		return;
	}
	switch (KFL_BTF_KIND(t)) {
	case KFL_BTF_KIND_INT:
		int_show(show, t, type_id, data, bits_offset);
		break;
	case KFL_BTF_KIND_PTR:
		ptr_show(show, t, type_id, data);
		break;
	case KFL_BTF_KIND_ARRAY:
	case KFL_BTF_KIND_STRUCT:
	case KFL_BTF_KIND_UNION:
		aggr_show(show, t, type_id, data, bits_offset);
		break;
	case KFL_BTF_KIND_ENUM:
	case KFL_BTF_KIND_ENUM64:
		enum_show(show, t, type_id, data);
		break;
	case KFL_BTF_KIND_DATASEC:
		/* btf_datasec_show: not ported */
		show->w->fatal = -KFL_EINVAL;
		break;
	default:
		/*
		 * FWD, FUNC, FUNC_PROTO, FLOAT, DECL_TAG, and void reached
		 * through a modifier or a VAR (a VAR of a VAR: the kernel's
		 * VAR show would go on; vmlinux has none)
		 */
		df_show(show, t);
		break;
	}
	show->w->nest--;
}

/* The call's object: a frame of its own, apart from the call's struct walk */
static noinline int show_top(struct walk *w, const struct kfl_btf *btf,
			     const struct kfl_btf_type *t, unsigned int type_id,
			     unsigned long addr, unsigned int flags)
{
	struct show show = { 0 };

	show.flags = flags;
	show.btf = btf;
	show.ops = w->ops;
	show.w = w;
	show.hops = (flags & KFL_BTF_F_FOLLOW_MASK) >> 8;
	if (show.hops)
		visit(&show, addr, skip_modifiers(&show, type_id, (unsigned int *)0));
	show_type(&show, t, type_id, addr, 0);
	return show.state.status;
}

long kfl_btf_snprintf(const struct kfl_btf *btf, unsigned int type_id,
		      unsigned long addr, unsigned int flags, char *buf,
		      unsigned int size, const struct kfl_btf_show_ops *ops)
{
	struct walk w = { 0 };
	const struct kfl_btf_type *t;
	unsigned int hops = (flags & KFL_BTF_F_FOLLOW_MASK) >> 8;
	int status;

	if (flags & ~(KFL_BTF_F_COMPACT | KFL_BTF_F_NONAME | KFL_BTF_F_PTR_RAW |
		      KFL_BTF_F_ZERO | KFL_BTF_F_VOID_NAME | KFL_BTF_F_FOLLOW_MASK |
		      KFL_BTF_F_PTRS | KFL_BTF_F_CONTAINERS))
		return -KFL_EINVAL;
	if (!hops != !(flags & (KFL_BTF_F_PTRS | KFL_BTF_F_CONTAINERS)))
		return -KFL_EINVAL;
	if (type_id == 0)
		return -KFL_EINVAL;
	t = kfl_btf_type(btf, type_id);
	if (!t)
		return -KFL_ENOENT;
	if (KFL_BTF_KIND(t) == KFL_BTF_KIND_DATASEC)
		return -KFL_EINVAL;
	w.ops = ops;
	w.buf = buf;
	w.size = size;
	status = show_top(&w, btf, t, type_id, addr, flags);
	if (size && w.called)
		buf[w.len < size ? w.len : size - 1] = 0;
	if (w.fatal)
		return w.fatal;
	if (status)
		return status;
	if (w.len > 0x7fffffff)
		return -KFL_E2BIG;
	return (long)w.len;
}
