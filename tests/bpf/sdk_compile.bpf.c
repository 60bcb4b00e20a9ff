// SPDX-License-Identifier: GPL-2.0
/*
 * The SDK headers must compile, -Wall -Werror, in every setting a BPF
 * author uses: after <linux/bpf.h>, or after a bpftool vmlinux.h (which
 * from bpftool 7.5 carries kfunc prototypes, ours included when dumped
 * from kfunc.ko's BTF, unless BPF_NO_KFUNC_PROTOTYPES is defined). The
 * test bed compiles this file once per setting (KF_VMLINUX_H names the
 * vmlinux.h); a prototype that differs from the module's is a conflict.
 *
 * It calls every kfunc, so its BTF also carries each prototype as a BPF
 * program sees it: the test bed compares those with kfunc.ko's BTF on every
 * kernel (kfunc-btfids protos). A kfunc missing here fails that comparison.
 * It is compiled, never loaded.
 */
#ifdef KF_VMLINUX_H
#include KF_VMLINUX_H
#else
#include <linux/bpf.h>
#endif
#include <bpf/bpf_helpers.h>
#include <kfuncs/kfuncs.h>
#include <kfunc/hash.h>
#include <kfunc/version.h>

#if !defined(KFUNC_VERSION_MAJOR) || !defined(KFUNC_VERSION_MINOR) || \
	!defined(KFUNC_VERSION_PATCH)
#error "kfunc/version.h must define KFUNC_VERSION_MAJOR/MINOR/PATCH"
#endif

char buf[64];
__u64 v;
__u32 path[2] = { 1, 2 };

SEC("syscall")
int every_kfunc(void *ctx)
{
	struct task_struct *t;
	long r = 0;

	r += kf_test_sum(1, 2, 3, 4);
	r += kf_strstr(buf, 16, buf, 1) + kf_strcasestr(buf, 16, buf, 1) +
	     kf_strrstr(buf, 16, buf, 1) + kf_strnlen(buf, 16) +
	     kf_strcmp(buf, 8, buf, 16) + kf_strcasecmp(buf, 8, buf, 16) +
	     kf_strchr(buf, 16, 'x') + kf_strrchr(buf, 16, 'x') +
	     kf_strspn(buf, 16, buf, 2) + kf_strcspn(buf, 16, buf, 2) +
	     kf_startswith(buf, 16, buf, 2) + kf_endswith(buf, 16, buf, 2) +
	     kf_strtoull(buf, 16, 10, &v) + kf_strtoll(buf, 16, 10, (__s64 *)&v) +
	     kf_glob_match(buf, 8, buf, 16) + kf_glob_match_str("*", buf, 16);
	r += kf_memzero(buf, 16) + kf_memset(buf, 16, 'x') +
	     kf_memcmp(buf, 8, buf, 16) + kf_memchr(buf, 16, 'x') +
	     kf_memrchr(buf, 16, 'x');
	r += kf_hash(KF_HASH_XXH64, buf, 16, 0) + kf_sha256(buf, 16, (__u8 *)buf + 32, 32);
	r += kf_pb_get_varint(buf, 16, 1, &v) + kf_pb_get_bytes(buf, 16, 1, buf, 8) +
	     kf_pb_get_varint_path(buf, 16, path, sizeof(path), &v) +
	     kf_skb_pb_get_varint(ctx, 0, 1, &v) + kf_xdp_pb_get_varint(ctx, 0, 1, &v);
	r += kf_skb_memmem(ctx, 0, ~0U, buf, 4) + kf_skb_memcasemem(ctx, 0, ~0U, buf, 4) +
	     kf_xdp_memmem(ctx, 0, ~0U, buf, 4) + kf_xdp_memcasemem(ctx, 0, ~0U, buf, 4);
	r += kf_dns_name(buf, 32, 12, buf + 32, 32) +
	     kf_skb_dns_name(ctx, 42, 12, buf, 32) + kf_xdp_dns_name(ctx, 42, 12, buf, 32) +
	     kf_domain_match(buf, 16, buf + 16, 16);
	r += kf_http_header(buf, 32, buf + 32, 32) + kf_skb_http_header(ctx, 42, buf, 32);
	r += kf_btf_snprintf(buf, 32, buf + 32, 16, KF_BTF_F_FOLLOW(1) | KF_BTF_F_CONTAINERS);
	t = kf_task_from_vpid(1);
	if (t) {
		r += kf_task_cgroup_path(t, buf, 16) + kf_task_exe_path(t, buf, 16);
		r += kf_task_cwd_path(t, buf, 16) + kf_task_root_path(t, buf, 16) +
		     kf_task_fd_path(t, 0, buf, 16) + kf_task_cmdline(t, buf, 16) +
		     kf_task_getenv(t, buf, 4, buf, 16) + kf_task_container_id(t, buf, 16);
		kf_task_release(t);
	}
	t = kf_task_from_pid(1);
	if (t)
		kf_task_release(t);
	r += kf_current_cmdline(buf, 16) + kf_current_getenv(buf, 4, buf, 16);
	r += kf_file_path((struct file *)buf, buf, 16) +
	     kf_path_d_path((const struct path *)buf, buf, 16) +
	     kf_dentry_path((struct dentry *)buf, buf, 16);
	return r;
}

char LICENSE[] SEC("license") = "GPL";
