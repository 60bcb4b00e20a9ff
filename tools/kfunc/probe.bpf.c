// SPDX-License-Identifier: GPL-2.0
/*
 * The programs of `kfunc probe`: for each kfunc, one minimal program per
 * program type that calls it with well-formed arguments, so that the
 * verifier's answer is about the kfunc and the program type, not about
 * the probe. kfunc(8) embeds this object (a skeleton) and loads one
 * program at a time; a program is named KFUNC__VARIANT.
 *
 * Arguments: memory is on the stack; a task comes from kf_task_from_vpid
 * and goes back with kf_task_release; a file, path or dentry is walked to
 * from that task's mm->exe_file (a pointer of the right type on every
 * kernel, also 6.1's, which has no __ign); tc and XDP kfuncs get the
 * program's context in every variant (where the kfunc is not registered,
 * the verifier refuses the call before it looks at the arguments).
 */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

/*
 * The fields the file probes walk, relocated to the running kernel (CO-RE).
 * struct dentry must be defined, as file.h does: libbpf does not match a
 * kfunc whose prototype has a pointer to a declared-only struct.
 */
struct dentry {
};

struct path {
	void *mnt;
	struct dentry *dentry;
} __attribute__((preserve_access_index));

struct file {
	struct path f_path;
} __attribute__((preserve_access_index));

struct mm_struct {
	struct file *exe_file;
} __attribute__((preserve_access_index));

struct task_struct {
	struct mm_struct *mm;
} __attribute__((preserve_access_index));

#define KF_NO_TASK_STRUCT
#define KF_NO_FILE_STRUCTS
#include <kfuncs/kfuncs.h>
#include <kfunc/hash.h>

char LICENSE[] SEC("license") = "GPL";

/*
 * What the calls get: stack memory, so that the programs use no map (only
 * kf_glob_match_str's constant string is in .rodata); kfunc(8) loads each
 * program from libbpf's relocated instructions and makes that map itself.
 */
#define LOCALS								\
	char buf[64] = {};							\
	__u64 v = 0;								\
	__u32 fpath[2] = { 1, 2 };						\
	(void)buf; (void)v; (void)fpath

/* The variants: section, and the name suffix kfunc(8) looks up. */
#define PROBE_VARIANTS(name, body)						\
	SEC("tc") int name##__tc(void *ctx) { LOCALS; body; return 0; }	\
	SEC("xdp") int name##__xdp(void *ctx) { LOCALS; body; return XDP_PASS; } \
	SEC("syscall") int name##__syscall(void *ctx) { LOCALS; body; return 0; } \
	SEC("fentry/security_file_open")					\
	int name##__fentry(void *ctx) { LOCALS; body; return 0; }		\
	SEC("fentry.s/__x64_sys_getpgid")					\
	int name##__fentry_s(void *ctx) { LOCALS; body; return 0; }		\
	SEC("kprobe/security_file_open")					\
	int name##__kprobe(void *ctx) { LOCALS; body; return 0; }		\
	SEC("lsm/file_open") int name##__lsm(void *ctx) { LOCALS; body; return 0; } \
	SEC("lsm.s/bprm_committed_creds")					\
	int name##__lsm_s(void *ctx) { LOCALS; body; return 0; }

/* A kfunc that needs no object: its call expression. */
#define PROBE(name, call) PROBE_VARIANTS(name, (void)(call))

/* A kfunc that takes a task (t), or a file (f) of a task. */
#define PROBE_TASK(name, call)							\
	PROBE_VARIANTS(name, {							\
		struct task_struct *t = kf_task_from_vpid(1);			\
		if (t) {							\
			(void)(call);						\
			kf_task_release(t);					\
		}							\
	})
#define PROBE_FILE(name, call)							\
	PROBE_VARIANTS(name, {							\
		struct task_struct *t = kf_task_from_vpid(1);			\
		if (t) {							\
			struct mm_struct *mm = t->mm;				\
			struct file *f = mm ? mm->exe_file : 0;			\
			if (f)							\
				(void)(call);					\
			kf_task_release(t);					\
		}							\
	})

PROBE(kf_test_sum, kf_test_sum(1, 2, 3, 4))
PROBE(kf_strstr, kf_strstr(buf, 16, buf, 1))
PROBE(kf_strcasestr, kf_strcasestr(buf, 16, buf, 1))
PROBE(kf_strrstr, kf_strrstr(buf, 16, buf, 1))
PROBE(kf_strnlen, kf_strnlen(buf, 16))
PROBE(kf_strcmp, kf_strcmp(buf, 8, buf, 16))
PROBE(kf_strcasecmp, kf_strcasecmp(buf, 8, buf, 16))
PROBE(kf_strchr, kf_strchr(buf, 16, 'x'))
PROBE(kf_strrchr, kf_strrchr(buf, 16, 'x'))
PROBE(kf_strspn, kf_strspn(buf, 16, buf, 2))
PROBE(kf_strcspn, kf_strcspn(buf, 16, buf, 2))
PROBE(kf_startswith, kf_startswith(buf, 16, buf, 2))
PROBE(kf_endswith, kf_endswith(buf, 16, buf, 2))
PROBE(kf_strtoull, kf_strtoull(buf, 16, 10, &v))
PROBE(kf_strtoll, kf_strtoll(buf, 16, 10, (__s64 *)&v))
PROBE(kf_glob_match, kf_glob_match(buf, 8, buf, 16))
PROBE(kf_glob_match_str, kf_glob_match_str("*", buf, 16))
PROBE(kf_memzero, kf_memzero(buf, 16))
PROBE(kf_memset, kf_memset(buf, 16, 'x'))
PROBE(kf_memcmp, kf_memcmp(buf, 8, buf, 16))
PROBE(kf_memchr, kf_memchr(buf, 16, 'x'))
PROBE(kf_memrchr, kf_memrchr(buf, 16, 'x'))
PROBE(kf_hash, kf_hash(KF_HASH_XXH64, buf, 16, 0))
PROBE(kf_sha256, kf_sha256(buf, 16, (__u8 *)buf + 32, 32))
PROBE(kf_btf_snprintf, kf_btf_snprintf(buf, 32, buf + 32, 16, 0))
PROBE(kf_pb_get_varint, kf_pb_get_varint(buf, 16, 1, &v))
PROBE(kf_pb_get_bytes, kf_pb_get_bytes(buf, 16, 1, buf, 8))
PROBE(kf_pb_get_varint_path, kf_pb_get_varint_path(buf, 16, fpath, sizeof(fpath), &v))
PROBE(kf_skb_pb_get_varint, kf_skb_pb_get_varint(ctx, 0, 1, &v))
PROBE(kf_xdp_pb_get_varint, kf_xdp_pb_get_varint(ctx, 0, 1, &v))
PROBE(kf_skb_memmem, kf_skb_memmem(ctx, 0, ~0U, buf, 4))
PROBE(kf_skb_memcasemem, kf_skb_memcasemem(ctx, 0, ~0U, buf, 4))
PROBE(kf_xdp_memmem, kf_xdp_memmem(ctx, 0, ~0U, buf, 4))
PROBE(kf_xdp_memcasemem, kf_xdp_memcasemem(ctx, 0, ~0U, buf, 4))
PROBE(kf_dns_name, kf_dns_name(buf, 32, 12, buf + 32, 32))
PROBE(kf_skb_dns_name, kf_skb_dns_name(ctx, 42, 12, buf, 32))
PROBE(kf_xdp_dns_name, kf_xdp_dns_name(ctx, 42, 12, buf, 32))
PROBE(kf_domain_match, kf_domain_match(buf, 16, buf + 16, 16))
PROBE(kf_http_header, kf_http_header(buf, 32, buf + 32, 32))
PROBE(kf_skb_http_header, kf_skb_http_header(ctx, 42, buf, 32))
PROBE(kf_current_cmdline, kf_current_cmdline(buf, 16))
PROBE(kf_current_getenv, kf_current_getenv(buf, 4, buf + 8, 16))
PROBE_TASK(kf_task_from_vpid, 0)
PROBE(kf_task_from_pid, ({
	struct task_struct *p = kf_task_from_pid(1);

	if (p)
		kf_task_release(p);
	0;
}))
PROBE_TASK(kf_task_release, 0)
PROBE_TASK(kf_task_cgroup_path, kf_task_cgroup_path(t, buf, 16))
PROBE_TASK(kf_task_exe_path, kf_task_exe_path(t, buf, 16))
PROBE_TASK(kf_task_cwd_path, kf_task_cwd_path(t, buf, 16))
PROBE_TASK(kf_task_root_path, kf_task_root_path(t, buf, 16))
PROBE_TASK(kf_task_fd_path, kf_task_fd_path(t, 0, buf, 16))
PROBE_TASK(kf_task_cmdline, kf_task_cmdline(t, buf, 16))
PROBE_TASK(kf_task_getenv, kf_task_getenv(t, buf, 4, buf + 8, 16))
PROBE_TASK(kf_task_container_id, kf_task_container_id(t, buf, 16))
PROBE_FILE(kf_file_path, kf_file_path(f, buf, 16))
PROBE_FILE(kf_path_d_path, kf_path_d_path(&f->f_path, buf, 16))
PROBE_FILE(kf_dentry_path, kf_dentry_path(f->f_path.dentry, buf, 16))
