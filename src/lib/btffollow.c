// SPDX-License-Identifier: GPL-2.0
/*
 * The container annotations kf_btf_snprintf follows (kfuncs/btf.h,
 * KF_BTF_F_CONTAINERS), and their resolution against a BTF: see kfl.h.
 * BTF does not say what a list head holds; this table does, by name, and
 * kfl_btf_follow_init finds each name in the running kernel's BTF, where
 * the layouts differ from kernel to kernel. No headers on purpose.
 */
#include "kfl.h"

const struct kfl_btf_annot kfl_btf_annots[] = {
	/* a task's BPF local storage, and the values in it */
	{ "task_struct", "bpf_storage", KFL_BTF_ANN_PTR, (const char *)0, (const char *)0 },
	{ "sock", "sk_bpf_storage", KFL_BTF_ANN_PTR, (const char *)0, (const char *)0 },
	{ "cgroup", "bpf_cgrp_storage", KFL_BTF_ANN_PTR, (const char *)0, (const char *)0 },	/* 6.2 and later */
	{ "bpf_local_storage", "list", KFL_BTF_ANN_HLIST, "bpf_local_storage_elem", "snode" },
	{ "bpf_local_storage_data", "data", KFL_BTF_ANN_STORAGE, (const char *)0, "smap" },
	/* processes */
	{ "task_struct", "children", KFL_BTF_ANN_LIST, "task_struct", "sibling" },
	{ "signal_struct", "thread_head", KFL_BTF_ANN_LIST, "task_struct", "thread_node" },
	/* an epoll instance's watched files, and the ready ones */
	{ "eventpoll", "rbr", KFL_BTF_ANN_RB, "epitem", "rbn" },
	{ "eventpoll", "rdllist", KFL_BTF_ANN_LIST, "epitem", "rdllink" },
	/* a device's hardware addresses */
	{ "netdev_hw_addr_list", "list", KFL_BTF_ANN_LIST, "netdev_hw_addr", "list" },
};

const unsigned int kfl_btf_nr_annots = KFL_NELEM(kfl_btf_annots);

static const struct kfl_btf_type *resolve(const struct kfl_btf *btf, unsigned int id,
					  unsigned int *res_id)
{
	const struct kfl_btf_type *t = kfl_btf_type(btf, id);
	int i;

	for (i = 0; t && i < 32 && kfl_btf_is_modifier(t); i++) {
		id = t->type;
		t = kfl_btf_type(btf, id);
	}
	if (res_id)
		*res_id = id;
	return t;
}

static int is_aggr(const struct kfl_btf_type *t)
{
	return t && (KFL_BTF_KIND(t) == KFL_BTF_KIND_STRUCT ||
		     KFL_BTF_KIND(t) == KFL_BTF_KIND_UNION);
}

/* @name in @t or its anonymous members: the member's record, its bit offset in @t */
static const struct kfl_btf_member *find_member(const struct kfl_btf *btf,
						const struct kfl_btf_type *t,
						const char *name, unsigned long *bits, int depth)
{
	const struct kfl_btf_member *m = (const void *)(t + 1), *found;
	unsigned int i;

	if (!is_aggr(t) || depth > 8)
		return (const struct kfl_btf_member *)0;
	for (i = 0; i < KFL_BTF_VLEN(t); i++) {
		unsigned int off = KFL_BTF_KFLAG(t) ? m[i].offset & 0xffffff : m[i].offset;

		if (m[i].name_off) {
			if (kfl_btf_streq(kfl_btf_str(btf, m[i].name_off), name)) {
				*bits = off;
				return &m[i];
			}
			continue;
		}
		found = find_member(btf, resolve(btf, m[i].type, (unsigned int *)0), name,
				    bits, depth + 1);
		if (found) {
			*bits += off;
			return found;
		}
	}
	return (const struct kfl_btf_member *)0;
}

long kfl_btf_member_off(const struct kfl_btf *btf, unsigned int id, const char *name,
			unsigned int *type_id)
{
	const struct kfl_btf_member *m;
	unsigned long bits = 0;

	m = find_member(btf, resolve(btf, id, (unsigned int *)0), name, &bits, 0);
	if (!m)
		return -KFL_ENOENT;
	if (type_id)
		*type_id = m->type;
	return (long)bits;
}

/* Is @id (modifiers skipped) the struct named @name? */
static int is_struct(const struct kfl_btf *btf, unsigned int id, const char *name)
{
	const struct kfl_btf_type *t = resolve(btf, id, (unsigned int *)0);

	return t && KFL_BTF_KIND(t) == KFL_BTF_KIND_STRUCT &&
	       kfl_btf_streq(kfl_btf_str(btf, t->name_off), name);
}

static int resolve_one(const struct kfl_btf *btf, const struct kfl_btf_annot *a,
		       struct kfl_btf_cont *c)
{
	static const char *const heads[] = { "", "", "list_head", "hlist_head", "rb_root" };
	static const char *const links[] = { "", "", "list_head", "hlist_node", "rb_node" };
	const struct kfl_btf_type *mt;
	const struct kfl_btf_member *m;
	unsigned long bits = 0;
	unsigned int mid;
	long link, elem;
	int id;

	id = kfl_btf_find(btf, a->type, KFL_BTF_KIND_STRUCT);
	if (id < 0)
		return 0;
	m = find_member(btf, kfl_btf_type(btf, id), a->member, &bits, 0);
	if (!m || (bits & 7))
		return 0;
	c->member = m;
	c->kind = a->kind;
	c->elem_id = 0;
	c->link_off = 0;
	mt = resolve(btf, m->type, &mid);
	switch (a->kind) {
	case KFL_BTF_ANN_PTR:
		return mt && KFL_BTF_KIND(mt) == KFL_BTF_KIND_PTR &&
		       is_aggr(resolve(btf, mt->type, (unsigned int *)0));
	case KFL_BTF_ANN_STORAGE:
		/* the map pointer, from the struct that declares the value */
		link = kfl_btf_member_off(btf, id, a->link, (unsigned int *)0);
		if (!mt || KFL_BTF_KIND(mt) != KFL_BTF_KIND_ARRAY || link < 0 || (link & 7) ||
		    (unsigned long)link + m->offset < bits)
			return 0;
		c->link_off = (unsigned int)(link + m->offset - bits) / 8;
		return 1;
	case KFL_BTF_ANN_LIST:
	case KFL_BTF_ANN_HLIST:
	case KFL_BTF_ANN_RB:
		if (!is_struct(btf, mid, heads[a->kind]) &&
		    !(a->kind == KFL_BTF_ANN_RB && is_struct(btf, mid, "rb_root_cached")))
			return 0;
		elem = kfl_btf_find(btf, a->elem, KFL_BTF_KIND_STRUCT);
		if (elem < 0)
			return 0;
		link = kfl_btf_member_off(btf, elem, a->link, &mid);
		if (link < 0 || (link & 7) || !is_struct(btf, mid, links[a->kind]))
			return 0;
		c->elem_id = elem;
		c->link_off = link / 8;
		return 1;
	}
	return 0;
}

int kfl_btf_follow_init(struct kfl_btf_follow *f, const struct kfl_btf *btf,
			const struct kfl_btf_annot *a, unsigned int n)
{
	static const char *const links[] = { "list_head", "hlist_head", "hlist_node",
					     "rb_node", "rb_root" };
	unsigned int i;
	int id;

	f->btf = btf;
	f->nr = 0;
	f->missing = 0;
	for (i = 0; i < KFL_NELEM(links); i++) {
		id = kfl_btf_find(btf, links[i], KFL_BTF_KIND_STRUCT);
		f->links[i] = id > 0 ? kfl_btf_type(btf, id) : (const struct kfl_btf_type *)0;
	}
	for (i = 0; i < n; i++) {
		if (i < KFL_BTF_MAX_ANNOTS && resolve_one(btf, &a[i], &f->conts[f->nr]))
			f->nr++;
		else if (i < 32)
			f->missing |= 1U << i;
	}
	return (int)f->nr;
}
