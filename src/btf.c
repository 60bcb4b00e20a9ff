// SPDX-License-Identifier: GPL-2.0
/*
 * kf_btf_snprintf (bpf-headers/kfuncs/btf.h): bpf_snprintf_btf's text,
 * from src/lib/btfshow.c. A module may call btf_type_by_id() and nothing
 * else of the kernel's BTF code, so kfunc.ko reads and parses vmlinux BTF
 * itself (src/lib/btf.c), once, when it loads; it is read-only after, as
 * are the container annotations (src/lib/btffollow.c) resolved against it.
 *
 * A local storage value prints by its map's BTF: the BTF a program loaded,
 * which the map holds. kfunc.ko copies it (copy_from_kernel_nofault) into
 * one of KF_BTF_SLOTS buffers allocated when it loads, taken with a
 * trylock (never waited for), and parses it there; a slot keeps the last
 * BTF it parsed, by address and id, for the next value of the same map.
 */
#include <linux/atomic.h>
#include <linux/errno.h>
#include <linux/fs.h>
#include <linux/mm.h>
#include <linux/security.h>
#include <linux/uaccess.h>
#include <linux/vmalloc.h>
#include <uapi/linux/bpf.h>

#include <kfuncs/btf.h>

#include "btf.h"
#include "compat.h"
#include "lib/kfl.h"

static_assert(KFL_BTF_F_COMPACT == BTF_F_COMPACT && KFL_BTF_F_NONAME == BTF_F_NONAME &&
	      KFL_BTF_F_PTR_RAW == BTF_F_PTR_RAW && KFL_BTF_F_ZERO == BTF_F_ZERO);
static_assert(KFL_BTF_F_FOLLOW_MASK == KF_BTF_F_FOLLOW_MASK && KFL_BTF_F_PTRS == KF_BTF_F_PTRS);
static_assert(KFL_BTF_F_CONTAINERS == KF_BTF_F_CONTAINERS);
static_assert(KFL_BTF_MAX_OBJECTS == KF_BTF_MAX_OBJECTS);

#define KF_BTF_PATH "/sys/kernel/btf/vmlinux"

static struct kfl_btf kf_vmlinux;
static void *kf_vmlinux_data;
static unsigned int *kf_vmlinux_offs;
static bool kf_vmlinux_ok;
static struct kfl_btf_follow kf_follow;

/* Byte offsets of what leads from a struct bpf_local_storage_map to its BTF */
static struct {
	long smap_map, map_btf, map_vtid, map_vsize, btf_data, btf_size, btf_id, btf_base;
	bool ok;
} kf_storage;

#define KF_BTF_SLOTS 2
#define KF_BTF_SLOT_DATA (256 << 10)	/* a map's BTF: at most this many bytes */
#define KF_BTF_SLOT_TYPES 8192		/* and types */

static struct kf_btf_slot {
	atomic_t busy;
	unsigned long btf;	/* the struct btf parsed in it, and its id */
	u32 id;
	struct kfl_btf parsed;
	void *data;
	unsigned int *offs;
} kf_slots[KF_BTF_SLOTS];
static int kf_slots_ok;

/*
 * filp_open and kernel_read, not kernel_read_file: that one asks the LSMs
 * about an id, and 6.12's IPE warns (a kernel WARNING) on READING_UNKNOWN.
 */
static ssize_t kf_btf_read_file(const char *path, void **data)
{
	struct file *f;
	loff_t size, pos = 0;
	ssize_t n = -EINVAL;

	f = filp_open(path, O_RDONLY, 0);
	if (IS_ERR(f))
		return PTR_ERR(f);
	size = i_size_read(file_inode(f));
	if (size <= 0 || size > INT_MAX)
		goto out;
	n = -ENOMEM;
	*data = vmalloc(size);
	if (!*data)
		goto out;
	while (pos < size) {
		n = kernel_read(f, *data + pos, size - pos, &pos);
		if (n <= 0)
			break;
	}
	n = pos == size ? size : n < 0 ? n : -EIO;
out:
	filp_close(f, NULL);
	return n;
}

static long kf_btf_off(const char *type, const char *member)
{
	int id = kfl_btf_find(&kf_vmlinux, type, KFL_BTF_KIND_STRUCT);
	long bits = id > 0 ? kfl_btf_member_off(&kf_vmlinux, id, member, NULL) : -ENOENT;

	if (bits < 0 || bits % 8) {
		pr_warn("kfunc: kf_btf_snprintf: no %s.%s: local storage values print as <unreadable>\n",
			type, member);
		return -1;
	}
	return bits / 8;
}

static void kf_btf_follow_init(void)
{
	unsigned int i;
	int n, k;

	n = kfl_btf_follow_init(&kf_follow, &kf_vmlinux, kfl_btf_annots, kfl_btf_nr_annots);
	pr_info("kfunc: kf_btf_snprintf: %d of %u container annotations resolve\n", n,
		kfl_btf_nr_annots);
	for (i = 0; i < kfl_btf_nr_annots; i++)
		if (kf_follow.missing & (1U << i))
			pr_info("kfunc: kf_btf_snprintf: not on this kernel: %s.%s\n",
				kfl_btf_annots[i].type, kfl_btf_annots[i].member);
	kf_storage.smap_map = kf_btf_off("bpf_local_storage_map", "map");
	kf_storage.map_btf = kf_btf_off("bpf_map", "btf");
	kf_storage.map_vtid = kf_btf_off("bpf_map", "btf_value_type_id");
	kf_storage.map_vsize = kf_btf_off("bpf_map", "value_size");
	kf_storage.btf_data = kf_btf_off("btf", "data");
	kf_storage.btf_size = kf_btf_off("btf", "data_size");
	kf_storage.btf_id = kf_btf_off("btf", "id");
	kf_storage.btf_base = kf_btf_off("btf", "base_btf");
	kf_storage.ok = kf_storage.smap_map >= 0 && kf_storage.map_btf >= 0 &&
			kf_storage.map_vtid >= 0 && kf_storage.map_vsize >= 0 &&
			kf_storage.btf_data >= 0 && kf_storage.btf_size >= 0 &&
			kf_storage.btf_id >= 0 && kf_storage.btf_base >= 0;
	kf_slots_ok = 0;
	for (k = 0; k < KF_BTF_SLOTS; k++) {
		kf_slots[k].data = vmalloc(KF_BTF_SLOT_DATA);
		kf_slots[k].offs = kvmalloc_array(KF_BTF_SLOT_TYPES + 1, sizeof(unsigned int),
						  GFP_KERNEL);
		kf_slots[k].btf = 0;
		/* a slot without its buffers stays taken */
		atomic_set(&kf_slots[k].busy, !kf_slots[k].data || !kf_slots[k].offs);
		kf_slots_ok += kf_slots[k].data && kf_slots[k].offs;
	}
	if (!kf_slots_ok)
		pr_warn("kfunc: kf_btf_snprintf: no memory for map BTF: local storage values print in hex\n");
}

int kf_btf_init(void)
{
	ssize_t len;
	int n, err;

	len = kf_btf_read_file(KF_BTF_PATH, &kf_vmlinux_data);
	if (len < 0) {
		pr_warn("kfunc: kf_btf_snprintf unavailable: cannot read %s: %zd\n",
			KF_BTF_PATH, len);
		kf_btf_exit();
		return 0;
	}
	n = kfl_btf_count(kf_vmlinux_data, len);
	err = n;
	if (n > 0) {
		kf_vmlinux_offs = kvmalloc_array(n + 1, sizeof(*kf_vmlinux_offs), GFP_KERNEL);
		err = kf_vmlinux_offs ? kfl_btf_init(&kf_vmlinux, kf_vmlinux_data, len,
						     kf_vmlinux_offs, n + 1) : -ENOMEM;
	}
	if (err < 0) {
		pr_warn("kfunc: kf_btf_snprintf unavailable: %s is not BTF kfunc can read: %d\n",
			KF_BTF_PATH, err);
		kf_btf_exit();
		return 0;
	}
	kf_btf_follow_init();
	kf_vmlinux_ok = true;
	return 0;
}

void kf_btf_exit(void)
{
	int k;

	kf_vmlinux_ok = false;
	for (k = 0; k < KF_BTF_SLOTS; k++) {
		kvfree(kf_slots[k].offs);
		vfree(kf_slots[k].data);
		kf_slots[k].offs = NULL;
		kf_slots[k].data = NULL;
	}
	kvfree(kf_vmlinux_offs);
	vfree(kf_vmlinux_data);
	kf_vmlinux_offs = NULL;
	kf_vmlinux_data = NULL;
}

static int kf_btf_read(void *ctx, void *dst, unsigned long addr, unsigned int n)
{
	return copy_from_kernel_nofault(dst, (const void *)addr, n);
}

static unsigned int kf_btf_ptr(void *ctx, char *buf, unsigned int size,
			       unsigned long long v, int raw)
{
	/* %px's text: 16 digits, zero-padded; %p hashes with the kernel's key */
	return raw ? scnprintf(buf, size, "%016llx", v) :
		     scnprintf(buf, size, "%p", (void *)(unsigned long)v);
}

#define KF_RD(addr, off, v) \
	copy_from_kernel_nofault(&(v), (const void *)((addr) + (off)), sizeof(v))

/* A slot with @btf (id @id) parsed in it, taken; NULL if none is free */
static struct kf_btf_slot *kf_btf_slot_get(unsigned long btf, u32 id, u32 size, void *data)
{
	struct kf_btf_slot *s;
	int k, n;

	for (k = 0; k < KF_BTF_SLOTS; k++) {
		s = &kf_slots[k];
		if (atomic_cmpxchg_acquire(&s->busy, 0, 1))
			continue;
		if (s->btf == btf && s->id == id)
			return s;
		s->btf = 0;
		if (copy_from_kernel_nofault(s->data, data, size))
			return s;
		n = kfl_btf_count(s->data, size);
		if (n > 0 && n <= KF_BTF_SLOT_TYPES &&
		    !kfl_btf_init(&s->parsed, s->data, size, s->offs, KF_BTF_SLOT_TYPES + 1)) {
			s->btf = btf;
			s->id = id;
		}
		return s;
	}
	return NULL;
}

/*
 * The map at @smap: its value's size, and its BTF parsed in a slot (v->cookie)
 * when it has BTF kfunc can use (a BTF of its own, not split, of at most
 * KF_BTF_SLOT_DATA bytes and KF_BTF_SLOT_TYPES types; else v->btf is NULL:
 * hex). -EBUSY when every slot is taken.
 */
static int kf_btf_value(void *ctx, unsigned long smap, struct kfl_btf_value *v)
{
	unsigned long map = smap + kf_storage.smap_map, btf, base;
	struct kf_btf_slot *s;
	u32 vtid, vsize, size, id;
	void *data;

	v->btf = NULL;
	v->cookie = NULL;
	if (!kf_storage.ok || KF_RD(map, kf_storage.map_vsize, vsize) ||
	    KF_RD(map, kf_storage.map_btf, btf) || KF_RD(map, kf_storage.map_vtid, vtid))
		return -EFAULT;
	v->size = vsize;
	if (!btf || !vtid)
		return 0;
	if (KF_RD(btf, kf_storage.btf_data, data) || KF_RD(btf, kf_storage.btf_size, size) ||
	    KF_RD(btf, kf_storage.btf_id, id) || KF_RD(btf, kf_storage.btf_base, base))
		return -EFAULT;
	if (base || !size || size > KF_BTF_SLOT_DATA || !kf_slots_ok)
		return 0;
	s = kf_btf_slot_get(btf, id, size, data);
	if (!s)
		return -EBUSY;
	v->cookie = s;
	if (s->btf == btf) {
		v->btf = &s->parsed;
		v->type_id = vtid;
	}
	return 0;
}

static void kf_btf_value_put(void *ctx, struct kfl_btf_value *v)
{
	struct kf_btf_slot *s = v->cookie;

	if (s)
		atomic_set_release(&s->busy, 0);
}

static const struct kfl_btf_show_ops kf_btf_ops = {
	.read = kf_btf_read,
	.ptr = kf_btf_ptr,
	.follow = &kf_follow,
	.value = kf_btf_value,
	.value_put = kf_btf_value_put,
};

__bpf_kfunc int kf_btf_snprintf(char *buf, u32 buf__sz, const void *ptr, u32 ptr__sz, u64 flags)
{
	const struct btf_ptr *p = ptr;

	if (ptr__sz != sizeof(*p) || (flags & ~(u64)(BTF_F_COMPACT | BTF_F_NONAME |
						     BTF_F_PTR_RAW | BTF_F_ZERO |
						     KF_BTF_F_FOLLOW_MASK | KF_BTF_F_PTRS |
						     KF_BTF_F_CONTAINERS)))
		return -EINVAL;
	if (!kf_vmlinux_ok)
		return -EOPNOTSUPP;
	if (security_locked_down(LOCKDOWN_BPF_READ_KERNEL) < 0)
		return -EPERM;
	return kfl_btf_snprintf(&kf_vmlinux, p->type_id, (unsigned long)p->ptr,
				(u32)flags | KF_BTF_SHOW_FLAGS, buf, buf__sz, &kf_btf_ops);
}
