// SPDX-License-Identifier: GPL-2.0
/*
 * Fuzz kfl_btf_count, kfl_btf_init and kfl_btf_snprintf. The input:
 *  - byte 0: the flags (low 4 bits, plus KFL_BTF_F_VOID_NAME when bit 4 is
 *    set), the output size (high 3 bits: 0, 1, 7, 64, 4096...);
 *  - byte 5: hops (bits 0-2), KFL_BTF_F_PTRS (bit 3), KFL_BTF_F_CONTAINERS
 *    (bit 4), with the annotations of a table of short names (below);
 *  - bytes 1-2 and 3-4: the lengths T and S (little endian) of the type
 *    and string sections that follow: a BTF blob is made of a header
 *    (magic, version, sections: written here, so that the fuzzer spends
 *    its time on the records), T bytes of type records and S bytes of
 *    strings (the first and last made NUL), in an exact-size heap block;
 *  - the rest: the object's bytes, in an exact-size heap copy.
 * A blob kfl_btf_init accepts is then printed from the object as each of
 * its first 64 type ids and a few past its end, through a read callback
 * that fails (-EFAULT) for bytes outside the object, which is at address
 * 0x10000 (so that pointers in it can point into it, loops included;
 * a local storage value's map is the same BTF): the printer must
 * return a length or one of its errors, stay in its buffers (ASan), and
 * end the text with a NUL within the output size.
 */
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../../src/lib/kfl.h"

#define BASE 0x10000UL

struct mem {
	const unsigned char *obj;
	unsigned long len;
	const struct kfl_btf *btf;
	int taken;
};

static int rd(void *ctx, void *dst, unsigned long addr, unsigned int n)
{
	struct mem *m = ctx;

	/* Past the object's bytes: as copy_from_kernel_nofault on a bad address. */
	if (addr < BASE || addr - BASE > m->len || n > m->len - (addr - BASE))
		return -EFAULT;
	memcpy(dst, m->obj + (addr - BASE), n);
	return 0;
}

/* The map at @smap: its value's type id, size and BTF from the address's bytes */
static int value(void *ctx, unsigned long smap, struct kfl_btf_value *v)
{
	struct mem *m = ctx;

	if ((smap & 0xff) == 0xbb)
		return -EBUSY;
	v->btf = smap & 0x100 ? NULL : m->btf;
	v->type_id = smap & 0xff;
	v->size = (smap >> 12) & 0xff;
	m->taken++;
	return 0;
}

static void value_put(void *ctx, struct kfl_btf_value *v)
{
	struct mem *m = ctx;

	(void)v;
	m->taken--;
}

static const struct kfl_btf_annot annots[] = {
	{ "a", "b", KFL_BTF_ANN_LIST, "c", "d" },
	{ "a", "c", KFL_BTF_ANN_HLIST, "c", "e" },
	{ "a", "d", KFL_BTF_ANN_RB, "c", "f" },
	{ "a", "e", KFL_BTF_ANN_PTR, (const char *)0, (const char *)0 },
	{ "a", "f", KFL_BTF_ANN_STORAGE, (const char *)0, "b" },
};

static unsigned int ptrfmt(void *ctx, char *buf, unsigned int size, unsigned long long v, int raw)
{
	static const char hex[] = "0123456789abcdef";
	unsigned int i;

	(void)ctx;
	(void)raw;
	for (i = 0; i < 16 && i < size; i++)
		buf[i] = hex[(v >> (60 - 4 * i)) & 15];
	return i;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const unsigned int sizes[] = { 0, 1, 7, 64, 4096, 100, 33, 2 };
	unsigned int flags, outsz, n, t, sl, id;
	unsigned char *blob, *obj;
	unsigned int *offs;
	struct kfl_btf btf;
	struct mem m;
	struct kfl_btf_follow follow;
	struct kfl_btf_show_ops ops = { .read = rd, .ptr = ptrfmt, .ctx = &m, .follow = &follow,
					.value = value, .value_put = value_put };
	char *out;
	int count;

	if (size < 6)
		return 0;
	flags = (data[0] & 15) | (data[0] & 16 ? KFL_BTF_F_VOID_NAME : 0);
	flags |= KFL_BTF_F_FOLLOW(data[5] & 7) | (data[5] & 8 ? KFL_BTF_F_PTRS : 0) |
		 (data[5] & 16 ? KFL_BTF_F_CONTAINERS : 0);
	outsz = sizes[data[0] >> 5];
	t = (data[1] | data[2] << 8) & ~3U;
	sl = data[3] | data[4] << 8;
	data += 6;
	size -= 6;
	if (t > size)
		t = size & ~3U;
	if (sl > size - t)
		sl = size - t;
	if (!sl)
		return 0;
	n = 24 + t + sl;
	blob = aligned_alloc(4, (n + 3) & ~3U);
	if (!blob)
		abort();
	{
		uint32_t h[6] = { 0xeb9f | 1 << 16, 24, 0, t, t, sl };

		memcpy(blob, h, 24);
	}
	memcpy(blob + 24, data, t + sl);
	blob[24 + t] = 0;
	blob[n - 1] = 0;
	data += t + sl;
	size -= t + sl;
	count = kfl_btf_count(blob, n);
	if (count < 0 || count > 100000) {
		free(blob);
		return 0;
	}
	offs = malloc((count + 1) * sizeof(*offs));
	if (!offs)
		abort();
	if (kfl_btf_init(&btf, blob, n, offs, count + 1)) {
		free(offs);
		free(blob);
		return 0;
	}
	m.len = size;
	m.btf = &btf;
	m.taken = 0;
	obj = malloc(m.len ? m.len : 1);
	out = malloc(outsz ? outsz : 1);
	if (!obj || !out)
		abort();
	memcpy(obj, data, m.len);
	m.obj = obj;
	kfl_btf_follow_init(&follow, &btf, annots, sizeof(annots) / sizeof(annots[0]));
	for (id = 0; id <= btf.nr_types + 2 && id < 66; id++) {
		long r;

		memset(out, 'X', outsz);
		r = kfl_btf_snprintf(&btf, id, BASE, flags, out, outsz, &ops);
		if (r < 0 && r != -KFL_EINVAL && r != -KFL_ENOENT && r != -KFL_E2BIG &&
		    r != -EFAULT && r != -EBUSY)
			abort();
		if (m.taken)
			abort();
		if (r > 0 && outsz && !memchr(out, 0, outsz))
			abort();
		if (r >= 0 && outsz && (unsigned long)r < outsz && out[r] != 0)
			abort();
	}
	free(out);
	free(obj);
	free(offs);
	free(blob);
	return 0;
}
