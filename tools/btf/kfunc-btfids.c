// SPDX-License-Identifier: GPL-2.0
/*
 * kfunc-btfids: resolve, or check, the .BTF_ids section of a kernel module.
 *
 *   kfunc-btfids --base BASE resolve MODULE.ko
 *   kfunc-btfids [--base BASE] check MODULE.ko
 *   kfunc-btfids [--base BASE] protos MODULE.ko | OBJECT.bpf.o
 *   kfunc-btfids --base BASE dedup MODULE.ko OUT
 *
 * A module's kfunc sets (BTF_KFUNCS_START/BTF_SET8_START, BTF_ID_FLAGS) are
 * emitted as zeros plus symbols named __BTF_ID__<kind>__<name>[__<n>]. The
 * kernel's resolve_btfids fills them in, but Debian 12's 6.1 headers do not
 * ship it. This tool does the same job on libbpf + libelf:
 *
 *  - each func/struct/union/typedef symbol gets the BTF id of that name,
 *    looked up in the module's split BTF (.BTF) over BASE (the kernel's
 *    vmlinux BTF, or the module's own .BTF.base when it has one);
 *  - each set/set8 gets its count (from the symbol size) and is sorted by
 *    id, since the kernel bsearches it.
 *
 * "check" verifies a module the way the kernel will use it: .BTF present
 * and valid, every id non-zero and naming a type of the right kind and
 * name, every set counted and sorted. It exits non-zero otherwise, so a
 * build never produces a module whose kfuncs would silently be missing.
 * It also checks each struct kf_shadow_NAME of the module (its copy of the
 * first members of a kernel struct the headers do not declare, such as
 * fs/mount.h's struct mount) against the kernel's struct NAME: every
 * member at the same offset, with the same size.
 *
 * "dedup" rewrites a module's BTF as split BTF on the full base BTF (the
 * exact kernel DKMS builds for), deduplicated to a fixed point, and remaps
 * .BTF_ids to it by name: see dedup() below for why one pass of pahole's
 * dedup is not enough. The new .BTF goes to OUT for objcopy.
 *
 * "protos" prints one line per kfunc, as its BTF describes it (typedefs
 * resolved, so the module's u32 and a BPF program's __u32 compare equal;
 * parameter names kept, since the verifier reads their suffixes): for a
 * module, the functions of its kfunc sets; for a BPF object, the kf_*
 * functions it declares extern. The test bed diffs the two to prove the
 * SDK headers and the module agree on every prototype.
 */
#include <errno.h>
#include <fcntl.h>
#include <gelf.h>
#include <stdarg.h>
#include <libelf.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <bpf/btf.h>
#include <bpf/libbpf.h>
#include <bpf/libbpf_version.h>

#define ID_PREFIX "__BTF_ID__"

enum id_kind { ID_FUNC, ID_STRUCT, ID_UNION, ID_TYPEDEF, ID_SET, ID_SET8 };

static const struct {
	const char *prefix;
	enum id_kind kind;
	int btf_kind;
} kinds[] = {
	{ "func__", ID_FUNC, BTF_KIND_FUNC },
	{ "struct__", ID_STRUCT, BTF_KIND_STRUCT },
	{ "union__", ID_UNION, BTF_KIND_UNION },
	{ "typedef__", ID_TYPEDEF, BTF_KIND_TYPEDEF },
	{ "set8__", ID_SET8, 0 },
	{ "set__", ID_SET, 0 },
};

struct btf_id_sym {
	char *name;		/* type name, without kind and __<n> suffix */
	int kind;		/* index into kinds[] */
	size_t off;		/* offset in .BTF_ids */
	size_t size;		/* symbol size (sets) */
};

struct module {
	const char *path;
	int fd;
	Elf *elf;
	Elf_Data *ids;		/* .BTF_ids */
	Elf_Data *btf_data;	/* .BTF */
	Elf_Data *base_data;	/* .BTF.base (distilled base), if any */
	struct btf *base;
	struct btf *btf;
	struct btf_id_sym *syms;
	size_t nr_syms;
};

static const char *prog = "kfunc-btfids";

static int fail(struct module *m, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static int fail(struct module *m, const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "%s: %s: ", prog, m->path);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	return -1;
}

static int cmp_u32(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;

	return x < y ? -1 : x > y;
}

/* "__BTF_ID__func__kf_strstr__12" -> kind func, name "kf_strstr" */
static int parse_sym(const char *sym, struct btf_id_sym *out)
{
	const char *rest = sym + strlen(ID_PREFIX);
	size_t i, len;
	char *p;

	for (i = 0; i < sizeof(kinds) / sizeof(kinds[0]); i++)
		if (!strncmp(rest, kinds[i].prefix, strlen(kinds[i].prefix)))
			break;
	if (i == sizeof(kinds) / sizeof(kinds[0]))
		return -1;
	out->kind = i;
	out->name = strdup(rest + strlen(kinds[i].prefix));
	if (!out->name || !*out->name)
		return -1;
	if (kinds[i].kind == ID_SET || kinds[i].kind == ID_SET8)
		return 0;
	/* Cut the "__<n>" that makes each symbol unique. */
	len = strlen(out->name);
	p = out->name + len;
	while (p > out->name && p[-1] >= '0' && p[-1] <= '9')
		p--;
	if (p - out->name >= 3 && p[-1] == '_' && p[-2] == '_' &&
	    p < out->name + len)
		p[-2] = '\0';
	return 0;
}

static Elf_Data *section_data(Elf_Scn *scn)
{
	return elf_getdata(scn, NULL);
}

static int load_elf(struct module *m, bool write)
{
	Elf_Scn *scn = NULL, *symtab = NULL;
	size_t shstrndx, ids_idx = 0, n, i;
	GElf_Ehdr ehdr;
	GElf_Shdr sh;
	Elf_Data *syms;

	elf_version(EV_CURRENT);
	m->fd = open(m->path, write ? O_RDWR : O_RDONLY);
	if (m->fd < 0)
		return fail(m, "cannot open: %s", strerror(errno));
	m->elf = elf_begin(m->fd, write ? ELF_C_RDWR : ELF_C_READ, NULL);
	if (!m->elf || elf_kind(m->elf) != ELF_K_ELF)
		return fail(m, "not an ELF file: %s", elf_errmsg(-1));
	if (write)
		elf_flagelf(m->elf, ELF_C_SET, ELF_F_LAYOUT);
	if (!gelf_getehdr(m->elf, &ehdr) || elf_getshdrstrndx(m->elf, &shstrndx))
		return fail(m, "cannot read ELF headers: %s", elf_errmsg(-1));
	if (ehdr.e_ident[EI_DATA] != (*(const uint16_t *)"\1\0" == 1 ?
				      ELFDATA2LSB : ELFDATA2MSB))
		return fail(m, "module and host differ in endianness: not supported");

	while ((scn = elf_nextscn(m->elf, scn))) {
		const char *name;

		if (!gelf_getshdr(scn, &sh))
			return fail(m, "cannot read a section header");
		name = elf_strptr(m->elf, shstrndx, sh.sh_name);
		if (!name)
			continue;
		if (sh.sh_type == SHT_SYMTAB) {
			symtab = scn;
		} else if (!strcmp(name, ".BTF_ids")) {
			m->ids = section_data(scn);
			ids_idx = elf_ndxscn(scn);
		} else if (!strcmp(name, ".BTF")) {
			m->btf_data = section_data(scn);
		} else if (!strcmp(name, ".BTF.base")) {
			m->base_data = section_data(scn);
		}
	}
	if (!symtab)
		return fail(m, "no symbol table (stripped module?)");
	if (!m->ids)
		return write ? fail(m, "no .BTF_ids section: the module defines no kfunc set") : 0;

	if (!gelf_getshdr(symtab, &sh))
		return fail(m, "cannot read the symbol table header");
	syms = section_data(symtab);
	n = sh.sh_entsize ? sh.sh_size / sh.sh_entsize : 0;
	m->syms = calloc(n, sizeof(*m->syms));
	if (!m->syms)
		return fail(m, "out of memory");
	for (i = 0; i < n; i++) {
		struct btf_id_sym *s = &m->syms[m->nr_syms];
		const char *name;
		GElf_Sym sym;

		if (!gelf_getsym(syms, i, &sym))
			return fail(m, "cannot read symbol %zu", i);
		if (sym.st_shndx != ids_idx)
			continue;
		name = elf_strptr(m->elf, sh.sh_link, sym.st_name);
		if (!name || strncmp(name, ID_PREFIX, strlen(ID_PREFIX)))
			continue;
		if (parse_sym(name, s))
			return fail(m, "cannot parse BTF id symbol %s", name);
		s->off = sym.st_value;
		s->size = sym.st_size;
		if (s->off + 4 > m->ids->d_size ||
		    s->off + s->size > m->ids->d_size)
			return fail(m, "symbol %s lies outside .BTF_ids", name);
		m->nr_syms++;
	}
	return 0;
}

static int load_btf(struct module *m, const char *base_path)
{
	int err;

	if (!m->btf_data || !m->btf_data->d_size)
		return fail(m, "no .BTF section: the module has no BTF, so the kernel cannot see its kfuncs");
	if (m->base_data) {
		/* pahole's distilled base: the kernel relocates it at load. */
		m->base = btf__new(m->base_data->d_buf, m->base_data->d_size);
	} else if (base_path) {
		m->base = btf__parse(base_path, NULL);
	} else {
		return fail(m, "no base BTF given (--base) and no .BTF.base section");
	}
	err = libbpf_get_error(m->base);
	if (err) {
		m->base = NULL;
		return fail(m, "cannot read base BTF %s: %s",
			    m->base_data ? ".BTF.base" : base_path, strerror(-err));
	}
	/*
	 * Parse .BTF from the file: btf__new_split() is not exported by
	 * Debian 12's libbpf 1.1. (libbpf >= 1.5 itself prefers .BTF.base.)
	 */
	m->btf = btf__parse_split(m->path, m->base);
	err = libbpf_get_error(m->btf);
	if (err) {
		m->btf = NULL;
		return fail(m, ".BTF does not parse on its base BTF (%s): %s",
			    m->base_data ? ".BTF.base" : base_path, strerror(-err));
	}
	return 0;
}

/* First type of @kind named @name; module types first for functions. */
static uint32_t find_id(struct module *m, int kind, const char *name)
{
	uint32_t first_own = btf__type_cnt(m->base);
	uint32_t n = btf__type_cnt(m->btf), pass, id;

	for (pass = 0; pass < 2; pass++) {
		uint32_t lo = 1, hi = n;

		if (kind == BTF_KIND_FUNC) {
			lo = pass ? 1 : first_own;
			hi = pass ? first_own : n;
		} else if (pass) {
			break;
		}
		for (id = lo; id < hi; id++) {
			const struct btf_type *t = btf__type_by_id(m->btf, id);

			if (btf_kind(t) == kind &&
			    !strcmp(btf__name_by_offset(m->btf, t->name_off), name))
				return id;
		}
	}
	return 0;
}

static uint32_t *word(struct module *m, size_t off)
{
	return (uint32_t *)((char *)m->ids->d_buf + off);
}

static size_t set_elem(const struct btf_id_sym *s)
{
	return kinds[s->kind].kind == ID_SET8 ? 8 : 4;
}

static bool is_set(const struct btf_id_sym *s)
{
	return kinds[s->kind].kind == ID_SET || kinds[s->kind].kind == ID_SET8;
}

static int resolve(struct module *m)
{
	size_t i;

	for (i = 0; i < m->nr_syms; i++) {
		struct btf_id_sym *s = &m->syms[i];
		uint32_t id;

		if (is_set(s))
			continue;
		id = find_id(m, kinds[s->kind].btf_kind, s->name);
		if (!id)
			return fail(m, "no BTF %.*s named %s: is it defined (not inlined) in the module, or in the kernel?",
				    (int)strlen(kinds[s->kind].prefix) - 2,
				    kinds[s->kind].prefix, s->name);
		*word(m, s->off) = id;
	}
	/* Sets last: they sort the ids just written. */
	for (i = 0; i < m->nr_syms; i++) {
		struct btf_id_sym *s = &m->syms[i];
		size_t elem = set_elem(s), cnt;

		if (!is_set(s))
			continue;
		if (s->size < elem || s->size % elem)
			return fail(m, "set %s has a bad size %zu", s->name, s->size);
		cnt = s->size / elem - 1;
		*word(m, s->off) = cnt;
		qsort(word(m, s->off + elem), cnt, elem, cmp_u32);
	}
	elf_flagdata(m->ids, ELF_C_SET, ELF_F_DIRTY);
	if (elf_update(m->elf, ELF_C_WRITE) < 0)
		return fail(m, "cannot write the module: %s", elf_errmsg(-1));
	return 0;
}

/* The set (or set8) that holds the id symbol @s, if any. */
static const struct btf_id_sym *set_of(struct module *m, const struct btf_id_sym *s)
{
	size_t i;

	for (i = 0; i < m->nr_syms; i++) {
		const struct btf_id_sym *set = &m->syms[i];

		if (is_set(set) && s->off > set->off && s->off < set->off + set->size)
			return set;
	}
	return NULL;
}

static bool set_has(struct module *m, const struct btf_id_sym *set, uint32_t id)
{
	size_t elem = set_elem(set), j;

	for (j = 1; j <= *word(m, set->off); j++)
		if (*word(m, set->off + j * elem) == id)
			return true;
	return false;
}

#define SHADOW_PREFIX "kf_shadow_"

/* The member of composite @t named @name, or NULL. */
static const struct btf_member *member_named(const struct btf *btf, const struct btf_type *t,
					     const char *name)
{
	const struct btf_member *mb = btf_members(t);
	int i;

	for (i = 0; i < btf_vlen(t); i++, mb++)
		if (!strcmp(btf__name_by_offset(btf, mb->name_off), name))
			return mb;
	return NULL;
}

/*
 * Each kf_shadow_NAME struct of the module against the kernel's struct
 * NAME: members of the same names at the same bit offsets, of the same
 * sizes. Returns the number checked, or -1 (with a message) on a mismatch.
 */
static int check_shadows(struct module *m)
{
	int n = 0;
	uint32_t id;

	for (id = btf__type_cnt(m->base); id < btf__type_cnt(m->btf); id++) {
		const struct btf_type *t = btf__type_by_id(m->btf, id), *k;
		const char *name = btf__name_by_offset(m->btf, t->name_off);
		const struct btf_member *mb = btf_members(t), *kmb;
		int kid, i;

		if (!btf_is_struct(t) || strncmp(name, SHADOW_PREFIX, strlen(SHADOW_PREFIX)))
			continue;
		name += strlen(SHADOW_PREFIX);
		kid = btf__find_by_name_kind(m->base, name, BTF_KIND_STRUCT);
		if (kid <= 0)
			return fail(m, "the kernel's BTF has no struct %s, which the module's kf_shadow_%s copies",
				    name, name);
		k = btf__type_by_id(m->base, kid);
		for (i = 0; i < btf_vlen(t); i++, mb++) {
			const char *mname = btf__name_by_offset(m->btf, mb->name_off);

			kmb = member_named(m->base, k, mname);
			if (!kmb || btf_member_bit_offset(k, kmb - btf_members(k)) !=
				    btf_member_bit_offset(t, i) ||
			    btf__resolve_size(m->base, kmb->type) != btf__resolve_size(m->btf, mb->type))
				return fail(m, "struct kf_shadow_%s.%s (bit %u) does not match the kernel's struct %s (%s): src/compat.h must follow this kernel's layout",
					    name, mname, btf_member_bit_offset(t, i), name,
					    kmb ? "another offset or size" : "no such member");
		}
		n++;
	}
	return n;
}

static int check(struct module *m)
{
	size_t i, j, nr_ids = 0, nr_sets = 0;
	int nr_shadows;
	uint32_t id;

	/* Sets first: counted, non-zero, sorted (the kernel bsearches them). */
	for (i = 0; i < m->nr_syms; i++) {
		struct btf_id_sym *s = &m->syms[i];
		size_t elem = set_elem(s);
		uint32_t cnt;

		if (!is_set(s))
			continue;
		cnt = *word(m, s->off);
		if (s->size < elem || cnt != s->size / elem - 1)
			return fail(m, "set %s is not resolved: it holds count %u, its size says %zu", s->name, cnt,
				    s->size >= elem ? s->size / elem - 1 : 0);
		for (j = 1; j <= cnt; j++) {
			uint32_t id = *word(m, s->off + j * elem);

			if (!id || (j > 1 && id < *word(m, s->off + (j - 1) * elem)))
				return fail(m, "set %s is not resolved and sorted", s->name);
		}
		nr_sets++;
	}
	/*
	 * Each id: the type of that kind and name exists, and its id is in
	 * place (in a set, sorting moved it: it must be somewhere in the set).
	 */
	for (i = 0; i < m->nr_syms; i++) {
		struct btf_id_sym *s = &m->syms[i];
		const struct btf_id_sym *set;
		uint32_t want;

		if (is_set(s))
			continue;
		want = find_id(m, kinds[s->kind].btf_kind, s->name);
		if (!want)
			return fail(m, "no BTF type for %s in .BTF or its base", s->name);
		set = set_of(m, s);
		if (set ? !set_has(m, set, want) : *word(m, s->off) != want)
			return fail(m, "BTF id of %s is not resolved (want %u): .BTF_ids and .BTF disagree",
				    s->name, want);
		nr_ids++;
	}
	/*
	 * No copy of a kernel struct: the verifier tells a module's copy
	 * apart from the kernel's type (see dedup()).
	 */
	for (id = btf__type_cnt(m->base); id < btf__type_cnt(m->btf); id++) {
		const struct btf_type *t = btf__type_by_id(m->btf, id);
		const char *name = btf__name_by_offset(m->btf, t->name_off);
		int other;

		if (!btf_is_composite(t) || !*name)
			continue;
		other = btf__find_by_name_kind(m->base, name, btf_kind(t));
		if (other > 0 && btf__type_by_id(m->base, other)->size == t->size)
			return fail(m, ".BTF holds its own copy of the kernel's %s %s: kfuncs taking one would refuse the kernel's (run dedup)",
				    btf_is_struct(t) ? "struct" : "union", name);
	}
	nr_shadows = check_shadows(m);
	if (nr_shadows < 0)
		return -1;
	printf("%s: %s: .BTF has %u types on a base of %u (%s); %zu BTF ids resolved, %zu sets sorted, %d shadow structs match the kernel's\n",
	       prog, m->path, btf__type_cnt(m->btf) - btf__type_cnt(m->base),
	       btf__type_cnt(m->base) - 1, m->base_data ? "distilled .BTF.base" : "kernel",
	       nr_ids, nr_sets, nr_shadows);
	return 0;
}

/* The kind and name of BTF id @id of @btf, for remapping it by name. */
struct named_id {
	int kind;
	char *name;
};

static int name_of(struct module *m, uint32_t id, struct named_id *out)
{
	const struct btf_type *t = btf__type_by_id(m->btf, id);

	if (!id || !t)
		return fail(m, ".BTF_ids holds id %u, which .BTF does not have", id);
	out->kind = btf_kind(t);
	out->name = strdup(btf__name_by_offset(m->btf, t->name_off));
	return out->name && *out->name ? 0 : fail(m, "BTF id %u has no name", id);
}

/* Every u32 of .BTF_ids that holds a type id: set entries and lone ids. */
static size_t id_words(struct module *m, size_t *offs, size_t max)
{
	size_t i, j, n = 0;

	for (i = 0; i < m->nr_syms; i++) {
		const struct btf_id_sym *s = &m->syms[i];
		size_t elem = set_elem(s);

		if (is_set(s)) {
			for (j = 1; j <= *word(m, s->off) && n < max; j++)
				offs[n++] = s->off + j * elem;
		} else if (!set_of(m, s) && n < max) {
			offs[n++] = s->off;
		}
	}
	return n;
}

/*
 * Why "dedup": libbpf's dedup merges a module's copy of a kernel struct
 * with the kernel's only if the two are equal all the way down, and it
 * resolves a forward declaration to the struct of that name only after
 * that comparison. A module whose DWARF holds a full struct that reaches a
 * type the module only declared (7.3's task_struct reaches net_device
 * through sched_ext) keeps its own copy of the struct, and the verifier
 * then refuses the kernel's task_struct where a kfunc wants the module's:
 * "expected pointer to STRUCT task_struct but R1 has a pointer to STRUCT
 * task_struct". Each pass resolves more forwards, so dedup until the type
 * count stops changing. A distilled .BTF.base (7.x kbuild) is first
 * relocated onto the full base; the result is plain split BTF on it.
 */
/* Where @id is a module type that @map maps, the kernel type it maps to. */
static void remap(uint32_t *id, const uint32_t *map, uint32_t start)
{
	if (*id >= start && map[*id - start])
		*id = map[*id - start];
}

/* The id of the base's only struct (union) named @name, or 0. */
static uint32_t unique_in_base(struct module *m, const char *name, int kind)
{
	uint32_t id, found = 0;

	for (id = 1; id < btf__type_cnt(m->base); id++) {
		const struct btf_type *t = btf__type_by_id(m->base, id);

		if (btf_kind(t) != kind || strcmp(btf__name_by_offset(m->base, t->name_off), name))
			continue;
		if (found)
			return 0;
		found = id;
	}
	return found;
}

/* A tentative map from module types to kernel types, and what it added. */
struct eqmap {
	uint32_t *map, start;
	uint32_t *log;
	size_t nlog;
};

static bool same_name(struct module *m, uint32_t a_off, uint32_t b_off)
{
	return !strcmp(btf__name_by_offset(m->btf, a_off), btf__name_by_offset(m->btf, b_off));
}

/*
 * Whether type @a (module or kernel) is the kernel's type @b, mapping each
 * module type met on the way to its kernel twin (assumed while its own
 * members are compared, so cycles end).
 */
static bool equiv(struct module *m, struct eqmap *e, uint32_t a, uint32_t b)
{
	const struct btf_type *x, *y;
	int i;

	if (a < e->start)
		return a == b;
	if (e->map[a - e->start])
		return e->map[a - e->start] == b;
	x = btf__type_by_id(m->btf, a);
	y = btf__type_by_id(m->btf, b);
	if (!same_name(m, x->name_off, y->name_off))
		return false;
	/* "struct net;": the kernel's struct net of that name. */
	if (btf_is_fwd(x) && btf_is_composite(y) &&
	    btf_kind(y) == (btf_kflag(x) ? BTF_KIND_UNION : BTF_KIND_STRUCT))
		goto map;
	if (x->info != y->info || btf_is_datasec(x))
		return false;
	switch (btf_kind(x)) {
	case BTF_KIND_INT:
		return x->size == y->size && *(const uint32_t *)(x + 1) == *(const uint32_t *)(y + 1);
	case BTF_KIND_FLOAT:
		return x->size == y->size;
	case BTF_KIND_ENUM:
		for (i = 0; i < btf_vlen(x); i++)
			if (!same_name(m, btf_enum(x)[i].name_off, btf_enum(y)[i].name_off) ||
			    btf_enum(x)[i].val != btf_enum(y)[i].val)
				return false;
		return x->size == y->size;
	case BTF_KIND_ENUM64:
		for (i = 0; i < btf_vlen(x); i++)
			if (!same_name(m, btf_enum64(x)[i].name_off, btf_enum64(y)[i].name_off) ||
			    btf_enum64_value(btf_enum64(x) + i) != btf_enum64_value(btf_enum64(y) + i))
				return false;
		return x->size == y->size;
	case BTF_KIND_STRUCT:
	case BTF_KIND_UNION:
		if (x->size != y->size)
			return false;
		for (i = 0; i < btf_vlen(x); i++)
			if (!same_name(m, btf_members(x)[i].name_off, btf_members(y)[i].name_off) ||
			    btf_members(x)[i].offset != btf_members(y)[i].offset)
				return false;
		break;
	case BTF_KIND_ARRAY:
		if (btf_array(x)->nelems != btf_array(y)->nelems)
			return false;
		break;
	case BTF_KIND_FUNC_PROTO:
		for (i = 0; i < btf_vlen(x); i++)
			if (!same_name(m, btf_params(x)[i].name_off, btf_params(y)[i].name_off))
				return false;
		break;
	case BTF_KIND_VAR:
		if (btf_var(x)->linkage != btf_var(y)->linkage)
			return false;
		break;
	case BTF_KIND_DECL_TAG:
		if (btf_decl_tag(x)->component_idx != btf_decl_tag(y)->component_idx)
			return false;
		break;
	case BTF_KIND_FWD:
		break;
	}
map:
	e->map[a - e->start] = b;
	e->log[e->nlog++] = a;
	if (btf_is_fwd(x))
		return true;
	switch (btf_kind(x)) {
	case BTF_KIND_STRUCT:
	case BTF_KIND_UNION:
		for (i = 0; i < btf_vlen(x); i++)
			if (!equiv(m, e, btf_members(x)[i].type, btf_members(y)[i].type))
				return false;
		return true;
	case BTF_KIND_ARRAY:
		return equiv(m, e, btf_array(x)->type, btf_array(y)->type) &&
		       equiv(m, e, btf_array(x)->index_type, btf_array(y)->index_type);
	case BTF_KIND_FUNC_PROTO:
		for (i = 0; i < btf_vlen(x); i++)
			if (!equiv(m, e, btf_params(x)[i].type, btf_params(y)[i].type))
				return false;
		return equiv(m, e, x->type, y->type);
	case BTF_KIND_INT:
	case BTF_KIND_FLOAT:
	case BTF_KIND_ENUM:
	case BTF_KIND_ENUM64:
		return true;
	default:
		return equiv(m, e, x->type, y->type);
	}
}

/*
 * Point every reference to a module type at the kernel's type it is a
 * copy of, where a named struct, union or declaration of the module has
 * exactly one namesake in the kernel's BTF and the two are the same type
 * all the way down. libbpf's dedup leaves such copies when the module's
 * graph reaches a forward declaration ("struct net;" in every file that
 * names it): it does not resolve a split BTF's declaration to its base's
 * definition, and then neither the struct holding it nor anything that
 * reaches that struct (struct file, through inode, backing_dev_info,
 * device, ...) is merged. The dedup that follows drops the copies.
 */
static int map_copies(struct module *m)
{
	uint32_t start = btf__type_cnt(m->base), end = btf__type_cnt(m->btf), id, k;
	struct eqmap e = { .start = start };
	int n = 0, i;

	e.map = calloc(end - start + 1, sizeof(*e.map));
	e.log = calloc(end - start + 1, sizeof(*e.log));
	if (!e.map || !e.log || btf__add_str(m->btf, "") < 0)	/* makes the BTF writable */
		return fail(m, "out of memory");
	for (id = start; id < end; id++) {
		const struct btf_type *t = btf__type_by_id(m->btf, id);
		const char *name = btf__name_by_offset(m->btf, t->name_off);

		if ((!btf_is_composite(t) && !btf_is_fwd(t)) || !*name || e.map[id - start])
			continue;
		k = unique_in_base(m, name, btf_is_fwd(t) ? (btf_kflag(t) ? BTF_KIND_UNION :
							     BTF_KIND_STRUCT) : btf_kind(t));
		e.nlog = 0;
		if (k && equiv(m, &e, id, k)) {
			n++;
			continue;
		}
		while (e.nlog)
			e.map[e.log[--e.nlog] - start] = 0;
	}
	for (id = start; id < end; id++) {
		struct btf_type *t = (struct btf_type *)btf__type_by_id(m->btf, id);

		switch (btf_kind(t)) {
		case BTF_KIND_PTR: case BTF_KIND_TYPEDEF: case BTF_KIND_CONST:
		case BTF_KIND_VOLATILE: case BTF_KIND_RESTRICT: case BTF_KIND_TYPE_TAG:
		case BTF_KIND_FUNC: case BTF_KIND_VAR: case BTF_KIND_DECL_TAG:
			remap(&t->type, e.map, start);
			break;
		case BTF_KIND_ARRAY:
			remap(&btf_array(t)->type, e.map, start);
			remap(&btf_array(t)->index_type, e.map, start);
			break;
		case BTF_KIND_STRUCT: case BTF_KIND_UNION:
			for (i = 0; i < btf_vlen(t); i++)
				remap(&btf_members(t)[i].type, e.map, start);
			break;
		case BTF_KIND_FUNC_PROTO:
			remap(&t->type, e.map, start);
			for (i = 0; i < btf_vlen(t); i++)
				remap(&btf_params(t)[i].type, e.map, start);
			break;
		case BTF_KIND_DATASEC:
			for (i = 0; i < btf_vlen(t); i++)
				remap(&btf_var_secinfos(t)[i].type, e.map, start);
			break;
		}
	}
	free(e.map);
	free(e.log);
	return n;
}

static int dedup(struct module *m, const char *base_path, const char *out)
{
	size_t offs[1024], n, i, elem;
	struct named_id *names;
	uint32_t cnt, prev;
	const void *raw;
	uint32_t size;
	FILE *f;
	int err;

	n = id_words(m, offs, sizeof(offs) / sizeof(offs[0]));
	names = calloc(n ? n : 1, sizeof(*names));
	if (!names)
		return fail(m, "out of memory");
	for (i = 0; i < n; i++)
		if (name_of(m, *word(m, offs[i]), &names[i]))
			return -1;

	if (m->base_data) {
#if LIBBPF_MAJOR_VERSION > 1 || LIBBPF_MINOR_VERSION >= 5
		struct btf *full = btf__parse(base_path, NULL);

		err = libbpf_get_error(full);
		if (err)
			return fail(m, "cannot read base BTF %s: %s", base_path, strerror(-err));
		err = btf__relocate(m->btf, full);
		if (err)
			return fail(m, "cannot relocate .BTF from .BTF.base onto %s: %s", base_path,
				    strerror(-err));
		btf__free(m->base);
		m->base = full;
#else
		return fail(m, "a distilled .BTF.base needs libbpf 1.5 or later to relocate onto %s",
			    base_path);
#endif
	}
	if (map_copies(m) < 0)
		return -1;
	cnt = btf__type_cnt(m->btf);
	do {
		prev = cnt;
		err = btf__dedup(m->btf, NULL);
		if (err)
			return fail(m, "BTF dedup failed: %s", strerror(-err));
		cnt = btf__type_cnt(m->btf);
	} while (cnt != prev);

	/* The same names, new ids; then each set sorted again. */
	for (i = 0; i < n; i++) {
		uint32_t id = find_id(m, names[i].kind, names[i].name);

		if (!id)
			return fail(m, "%s is gone from .BTF after dedup", names[i].name);
		*word(m, offs[i]) = id;
		free(names[i].name);
	}
	free(names);
	for (i = 0; i < m->nr_syms; i++) {
		const struct btf_id_sym *s = &m->syms[i];

		if (!is_set(s))
			continue;
		elem = set_elem(s);
		qsort(word(m, s->off + elem), *word(m, s->off), elem, cmp_u32);
	}
	elf_flagdata(m->ids, ELF_C_SET, ELF_F_DIRTY);
	if (elf_update(m->elf, ELF_C_WRITE) < 0)
		return fail(m, "cannot write the module: %s", elf_errmsg(-1));

	raw = btf__raw_data(m->btf, &size);
	f = fopen(out, "w");
	if (!raw || !f || fwrite(raw, 1, size, f) != size || fclose(f))
		return fail(m, "cannot write %s: %s", out, strerror(errno));
	printf("%s: %s: .BTF deduplicated on the full base: %u types of its own\n", prog,
	       m->path, btf__type_cnt(m->btf) - btf__type_cnt(m->base));
	return 0;
}

/* @id as C, typedefs resolved: "const char *", "unsigned int", "struct x *". */
static void type_str(const struct btf *btf, uint32_t id, char *buf, size_t size)
{
	const struct btf_type *t = btf__type_by_id(btf, id);
	char inner[200];

	while (id && (btf_is_typedef(t) || btf_is_volatile(t) || btf_is_restrict(t) ||
		      btf_kind(t) == BTF_KIND_TYPE_TAG)) {
		id = t->type;
		t = btf__type_by_id(btf, id);
	}
	if (!id) {
		snprintf(buf, size, "void");
	} else if (btf_is_ptr(t)) {
		type_str(btf, t->type, inner, sizeof(inner));
		snprintf(buf, size, "%s *", inner);
	} else if (btf_is_const(t)) {
		type_str(btf, t->type, inner, sizeof(inner));
		if (*inner && inner[strlen(inner) - 1] == '*')
			snprintf(buf, size, "%s const", inner);
		else
			snprintf(buf, size, "const %s", inner);
	} else if (btf_is_int(t) && strcmp(btf__name_by_offset(btf, t->name_off), "char") &&
		   !(btf_int_encoding(t) & BTF_INT_BOOL)) {
		/* gcc says "long long unsigned int", clang "unsigned long long". */
		snprintf(buf, size, "%c%u", btf_int_encoding(t) & BTF_INT_SIGNED ? 's' : 'u',
			 t->size * 8);
	} else {
		snprintf(buf, size, "%s%s",
			 btf_is_struct(t) || (btf_is_fwd(t) && !btf_kflag(t)) ? "struct " :
			 btf_is_union(t) || btf_is_fwd(t) ? "union " :
			 btf_is_any_enum(t) ? "enum " : "",
			 btf__name_by_offset(btf, t->name_off));
	}
}

/*
 * Two lines per function: "NAME: types RET (T1, T2)" and, when BTF has
 * them (a module's does; clang's extern declarations do not), "NAME: names
 * N1, N2".
 */
static void print_proto(const struct btf *btf, uint32_t func_id)
{
	const struct btf_type *func = btf__type_by_id(btf, func_id);
	const struct btf_type *proto = btf__type_by_id(btf, func->type);
	const struct btf_param *p = btf_params(proto);
	const char *name = btf__name_by_offset(btf, func->name_off);
	char type[256];
	int i;

	type_str(btf, proto->type, type, sizeof(type));
	printf("%s: types %s (", name, type);
	for (i = 0; i < btf_vlen(proto); i++) {
		type_str(btf, p[i].type, type, sizeof(type));
		printf("%s%s", i ? ", " : "", type);
	}
	printf(")\n");
	if (btf_vlen(proto) && !*btf__name_by_offset(btf, p[0].name_off))
		return;
	printf("%s: names ", name);
	for (i = 0; i < btf_vlen(proto); i++)
		printf("%s%s", i ? ", " : "", btf__name_by_offset(btf, p[i].name_off));
	printf("\n");
}

static int protos(struct module *m, const char *base)
{
	uint32_t id, n;
	size_t i;
	int err;

	if (m->ids) {
		/* A module: the functions its kfunc sets hold. */
		if (load_btf(m, base))
			return -1;
		for (i = 0; i < m->nr_syms; i++) {
			struct btf_id_sym *s = &m->syms[i];
			const struct btf_id_sym *set = set_of(m, s);

			if (is_set(s) || kinds[s->kind].kind != ID_FUNC || !set ||
			    kinds[set->kind].kind != ID_SET8)
				continue;
			id = find_id(m, BTF_KIND_FUNC, s->name);
			if (!id)
				return fail(m, "no BTF function for %s", s->name);
			print_proto(m->btf, id);
		}
		return 0;
	}
	/* A BPF object: the kf_* functions it declares extern. */
	m->btf = btf__parse(m->path, NULL);
	err = libbpf_get_error(m->btf);
	if (err) {
		m->btf = NULL;
		return fail(m, "cannot read its BTF: %s", strerror(-err));
	}
	n = btf__type_cnt(m->btf);
	for (id = 1; id < n; id++) {
		const struct btf_type *t = btf__type_by_id(m->btf, id);

		if (btf_is_func(t) && btf_vlen(t) == BTF_FUNC_EXTERN &&
		    !strncmp(btf__name_by_offset(m->btf, t->name_off), "kf_", 3))
			print_proto(m->btf, id);
	}
	return 0;
}

static int usage(void)
{
	fprintf(stderr, "usage: %s [--base BASE_BTF] resolve|check|protos MODULE.ko\n"
		"       %s --base BASE_BTF dedup MODULE.ko OUT\n", prog, prog);
	return 2;
}

int main(int argc, char **argv)
{
	struct module m = { .fd = -1 };
	const char *base = NULL, *cmd;
	bool write;
	int ret;

	if (argc >= 3 && !strcmp(argv[1], "--base")) {
		base = argv[2];
		argc -= 2;
		argv += 2;
	}
	if (argc < 3)
		return usage();
	cmd = argv[1];
	m.path = argv[2];
	if (strcmp(cmd, "dedup") ? argc != 3 : argc != 4 || !base)
		return usage();
	if (strcmp(cmd, "resolve") && strcmp(cmd, "check") && strcmp(cmd, "protos") &&
	    strcmp(cmd, "dedup"))
		return usage();
	write = !strcmp(cmd, "resolve") || !strcmp(cmd, "dedup");

	libbpf_set_print(NULL);
	ret = load_elf(&m, write);
	if (!ret && !strcmp(cmd, "protos"))
		ret = protos(&m, base);
	else if (!ret && !m.ids)
		ret = fail(&m, "no .BTF_ids section: the module defines no kfunc set");
	else if (!ret)
		ret = load_btf(&m, base) ?: !strcmp(cmd, "dedup") ? dedup(&m, base, argv[3]) :
		      write ? resolve(&m) : check(&m);

	btf__free(m.btf);
	btf__free(m.base);
	if (m.elf)
		elf_end(m.elf);
	if (m.fd >= 0)
		close(m.fd);
	return ret ? 1 : 0;
}
