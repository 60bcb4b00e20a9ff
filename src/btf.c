// SPDX-License-Identifier: GPL-2.0
/*
 * kf_btf_snprintf (bpf-headers/kfuncs/btf.h): bpf_snprintf_btf's text,
 * from src/lib/btfshow.c. A module may call btf_type_by_id() and nothing
 * else of the kernel's BTF code, so kfunc.ko reads and parses vmlinux BTF
 * itself (src/lib/btf.c), once, when it loads; it is read-only after.
 */
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

#define KF_BTF_PATH "/sys/kernel/btf/vmlinux"

static struct kfl_btf kf_vmlinux;
static void *kf_vmlinux_data;
static unsigned int *kf_vmlinux_offs;
static bool kf_vmlinux_ok;

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
	kf_vmlinux_ok = true;
	return 0;
}

void kf_btf_exit(void)
{
	kf_vmlinux_ok = false;
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

static const struct kfl_btf_show_ops kf_btf_ops = {
	.read = kf_btf_read,
	.ptr = kf_btf_ptr,
};

__bpf_kfunc int kf_btf_snprintf(char *buf, u32 buf__sz, const void *ptr, u32 ptr__sz, u64 flags)
{
	const struct btf_ptr *p = ptr;

	if (ptr__sz != sizeof(*p) || (flags & ~(u64)(BTF_F_COMPACT | BTF_F_NONAME |
						     BTF_F_PTR_RAW | BTF_F_ZERO)))
		return -EINVAL;
	if (!kf_vmlinux_ok)
		return -EOPNOTSUPP;
	if (security_locked_down(LOCKDOWN_BPF_READ_KERNEL) < 0)
		return -EPERM;
	return kfl_btf_snprintf(&kf_vmlinux, p->type_id, (unsigned long)p->ptr,
				(u32)flags | KF_BTF_SHOW_FLAGS, buf, buf__sz, &kf_btf_ops);
}
