// SPDX-License-Identifier: GPL-2.0
/*
 * The file-path benchmark's programs (pathbench.c): kf_file_path() against
 * the pure-BPF dentry walks of three tools, each written as its source
 * does it (the algorithm, loop bounds, buffers and helpers; not its code):
 *   tetragon  Tetragon's d_path_local()/prepend_path() (bpf/lib/bpf_d_path.h),
 *             its 6.1+ build: a bpf_loop() of 2048 steps, a 4 KiB buffer
 *   falco     Falco's auxmap__store_d_path_approx() (driver/modern_bpf/
 *             helpers/store/auxmap_store_params.h): 96 components, unrolled
 *   tracee    Tracee's get_path_str_buf() (pkg/ebpf/c/common/filesystem.h):
 *             20 components, unrolled
 *   none      nothing: the cost of the timing itself
 * Each is its own fentry program on security_file_open(), so that its
 * verifier cost is its own; the loader loads each in its own object,
 * attaches them all and turns one on at a time (on). A program times one
 * call of its method with bpf_ktime_get_ns() when this process opens a
 * file, and copies the path it made to got[] (after the clock stops).
 */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
#include <bpf/bpf_core_read.h>

/* The few kernel types the walks read, relocated against the kernel's BTF. */
#define KF_NO_FILE_STRUCTS
struct qstr {
	union {
		struct {
			__u32 hash;
			__u32 len;
		};
		__u64 hash_len;
	};
	const unsigned char *name;
} __attribute__((preserve_access_index));
struct hlist_bl_node {
	struct hlist_bl_node *next, **pprev;
} __attribute__((preserve_access_index));
struct dentry {
	unsigned int d_flags;
	struct hlist_bl_node d_hash;
	struct dentry *d_parent;
	struct qstr d_name;
} __attribute__((preserve_access_index));
struct vfsmount {
	struct dentry *mnt_root;
} __attribute__((preserve_access_index));
struct mount {
	struct mount *mnt_parent;
	struct dentry *mnt_mountpoint;
	struct vfsmount mnt;
} __attribute__((preserve_access_index));
struct path {
	struct vfsmount *mnt;
	struct dentry *dentry;
} __attribute__((preserve_access_index));
struct file {
	struct path f_path;
} __attribute__((preserve_access_index));
struct fs_struct {
	struct path root;
} __attribute__((preserve_access_index));
struct task_struct {
	struct fs_struct *fs;
} __attribute__((preserve_access_index));

#include <kfuncs/file.h>

#include "paths.h"

#define ENAMETOOLONG 36

/* Inputs: the loader's process, and whether this program is measured. */
__s32 tgid;
__u32 on;

/* Outputs: time and calls so far, the last call's status and path. */
__u64 ns, calls;
__s64 status;
__u32 got_len;
char got[PB_GOT];

char LICENSE[] SEC("license") = "GPL";

static __always_inline int mine(void)
{
	return on && (bpf_get_current_pid_tgid() >> 32) == (__u32)tgid;
}

/* The clock stops; then the path (@len bytes at @p) is kept for checking. */
static __always_inline void done(__u64 t0, long st, const void *p, long len)
{
	__u32 n;

	ns += bpf_ktime_get_ns() - t0;
	calls++;
	status = st;
	n = len < 0 ? 0 : len > PB_GOT - 1 ? PB_GOT - 1 : len;
	bpf_probe_read_kernel(got, n, p);
	got[n & (PB_GOT - 1)] = 0;
	got_len = n;
}

/* container_of(mnt, struct mount, mnt), the offset from the kernel's BTF */
static __always_inline struct mount *real_mount(struct vfsmount *mnt)
{
	return (void *)mnt - bpf_core_field_offset(struct mount, mnt);
}

/* ---- kf_file_path: into a global buffer of PATH_MAX bytes ---- */

char kf_buf[PB_PATH_MAX];

SEC("fentry/security_file_open")
int BPF_PROG(pb_kf, struct file *file)
{
	__u64 t0;
	int r;

	if (!mine())
		return 0;
	t0 = bpf_ktime_get_ns();
	r = kf_file_path(file, kf_buf, sizeof(kf_buf));
	done(t0, r, kf_buf, r == -7 ? PB_PATH_MAX - 1 : r);	/* -E2BIG: the tail */
	return 0;
}

/* ---- nothing: the floor ---- */

SEC("fentry/security_file_open")
int BPF_PROG(pb_none, struct file *file)
{
	__u64 t0;

	if (!mine())
		return 0;
	t0 = bpf_ktime_get_ns();
	done(t0, 0, kf_buf, 0);
	return 0;
}

/*
 * ---- Tetragon ----
 * From the path's dentry up to the task's root (fs->root), one step per
 * bpf_loop() call: a step crosses a mount or prepends one name, read with
 * bpf_probe_read_kernel() at the front of a 4 KiB per-CPU buffer (the path
 * is written backwards and has no NUL). At most 2048 steps
 * (PROBE_CWD_READ_ITERATIONS of its 6.1+ build); a name that does not fit
 * stops the walk, the path marked unresolved.
 */
#define TG_ITERATIONS 2048
#define TG_BUF_LEN 4096
#define TG_UNRESOLVED 0x02

struct tg_heap {
	char buf[TG_BUF_LEN + 256];
};

struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, 1);
	__type(key, int);
	__type(value, struct tg_heap);
} tg_heap SEC(".maps");

struct tg_walk {
	struct dentry *root_dentry;
	struct vfsmount *root_mnt;
	char *bf;
	struct dentry *dentry;
	struct vfsmount *vfsmnt;
	struct mount *mnt;
	char *bptr;
	int blen;
	int resolved;
};

static __always_inline int tg_is_root(struct dentry *dentry)
{
	struct dentry *parent;

	bpf_probe_read_kernel(&parent, sizeof(parent), &dentry->d_parent);
	return dentry == parent;
}

/* d_unlinked(): not hashed, and not a root */
static __always_inline int tg_unlinked(struct dentry *dentry)
{
	struct hlist_bl_node **pprev;

	bpf_probe_read_kernel(&pprev, sizeof(pprev), &dentry->d_hash.pprev);
	return !pprev && !tg_is_root(dentry);
}

/* "/" and @name in front of *@bufptr; what fits of it when it does not fit. */
static __always_inline int tg_prepend_name(char *buf, char **bufptr, int *buflen,
					   const char *name, __u32 namelen)
{
	__u64 off = (__u64)*bufptr - (__u64)buf;
	int slash = 1;

	if ((int)namelen >= *buflen) {
		name += namelen - *buflen;
		namelen = *buflen;
		slash = 0;
	}
	*buflen -= namelen + slash;
	if (namelen + slash > off)
		return -ENAMETOOLONG;
	off -= namelen + slash;
	if (off >= TG_BUF_LEN)
		return -ENAMETOOLONG;
	if (slash)
		buf[off] = '/';
	asm volatile("%[n] &= 0xff" : [n] "+r"(namelen));	/* a name's 255 bytes */
	bpf_probe_read_kernel(buf + off + slash, namelen, name);
	*bufptr = buf + off;
	return slash ? 0 : -ENAMETOOLONG;
}

static long tg_step(__u32 i, void *ctx)
{
	struct tg_walk *w = ctx;
	struct dentry *dentry = w->dentry, *parent, *mnt_root;
	struct mount *mnt = w->mnt, *mparent;
	struct qstr name;

	if (dentry == w->root_dentry && w->vfsmnt == w->root_mnt) {
		w->resolved = 1;
		return 1;
	}
	bpf_probe_read_kernel(&mnt_root, sizeof(mnt_root), &w->vfsmnt->mnt_root);
	if (dentry == mnt_root || tg_is_root(dentry)) {
		bpf_probe_read_kernel(&mparent, sizeof(mparent), &mnt->mnt_parent);
		if (mnt != mparent) {	/* not the global root: the mount point */
			bpf_probe_read_kernel(&w->dentry, sizeof(w->dentry), &mnt->mnt_mountpoint);
			w->mnt = mparent;
			w->vfsmnt = &mparent->mnt;
			return 0;
		}
		w->resolved = 1;
		return 1;
	}
	bpf_probe_read_kernel(&parent, sizeof(parent), &dentry->d_parent);
	bpf_probe_read_kernel(&name, sizeof(name), &dentry->d_name);
	if (tg_prepend_name(w->bf, &w->bptr, &w->blen, (const char *)name.name, name.len))
		return 1;
	w->dentry = parent;
	return 0;
}

SEC("fentry/security_file_open")
int BPF_PROG(pb_tetragon, struct file *file)
{
	struct path *path = &file->f_path, *root;
	struct task_struct *task;
	struct fs_struct *fs;
	struct dentry *dentry;
	struct tg_walk w = {};
	struct tg_heap *h;
	int zero = 0, st = 0;
	__u64 t0;

	if (!mine())
		return 0;
	t0 = bpf_ktime_get_ns();
	h = bpf_map_lookup_elem(&tg_heap, &zero);
	if (!h)
		return 0;
	w.bf = h->buf;
	w.bptr = h->buf + TG_BUF_LEN;
	w.blen = TG_BUF_LEN;
	task = (struct task_struct *)bpf_get_current_task();
	bpf_probe_read_kernel(&fs, sizeof(fs), &task->fs);
	root = &fs->root;
	bpf_probe_read_kernel(&dentry, sizeof(dentry), &path->dentry);
	if (tg_unlinked(dentry)) {
		w.bptr -= 10;
		w.blen -= 10;
		__builtin_memcpy(h->buf + TG_BUF_LEN - 10, " (deleted)", 10);
	}
	bpf_probe_read_kernel(&w.root_dentry, sizeof(w.root_dentry), &root->dentry);
	bpf_probe_read_kernel(&w.root_mnt, sizeof(w.root_mnt), &root->mnt);
	w.dentry = dentry;
	bpf_probe_read_kernel(&w.vfsmnt, sizeof(w.vfsmnt), &path->mnt);
	w.mnt = real_mount(w.vfsmnt);
	bpf_loop(TG_ITERATIONS, tg_step, &w, 0);
	if (!w.resolved)
		st = TG_UNRESOLVED;
	done(t0, st, w.bptr, TG_BUF_LEN - w.blen);
	return 0;
}

/*
 * ---- Falco ----
 * From the dentry up to the global root (the mount whose parent is
 * itself), in a loop unrolled 96 times (MAX_NUM_COMPONENTS): each name
 * read with bpf_probe_read_kernel_str() (up to 4096 bytes) in front of the
 * last, backwards from the end of a 128 KiB per-CPU scratch map, less
 * 8 KiB. More components: the path is cut at its start.
 */
#define FALCO_AUX_SIZE (128 * 1024)
#define FALCO_COMPONENT_LEN 4096
#define FALCO_COMPONENTS 96
#define FALCO_SCRATCH (FALCO_AUX_SIZE - 8192)
#define FALCO_SAFE(x) ((x) & (FALCO_SCRATCH - 1))

struct falco_aux {
	__u8 data[FALCO_AUX_SIZE];
};

/* One entry per CPU (the loader sets max_entries). */
struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, struct falco_aux);
} falco_aux SEC(".maps");

SEC("fentry/security_file_open")
int BPF_PROG(pb_falco, struct file *file)
{
	struct dentry *dentry, *d_parent = NULL, *mnt_root;
	struct mount *mnt, *mnt_parent;
	struct vfsmount *vfsmnt;
	struct path f_path = {};
	struct qstr d_name = {};
	__u32 cpu, end = FALCO_SCRATCH, cur;
	struct falco_aux *aux;
	__u64 t0;
	int n, i;

	if (!mine())
		return 0;
	t0 = bpf_ktime_get_ns();
	cpu = bpf_get_smp_processor_id();
	aux = bpf_map_lookup_elem(&falco_aux, &cpu);
	if (!aux)
		return 0;
	bpf_core_read(&f_path, sizeof(f_path), &file->f_path);
	dentry = f_path.dentry;
	vfsmnt = f_path.mnt;
	mnt = real_mount(vfsmnt);
	mnt_parent = BPF_CORE_READ(mnt, mnt_parent);
	mnt_root = BPF_CORE_READ(vfsmnt, mnt_root);
#pragma unroll
	for (i = 0; i < FALCO_COMPONENTS; i++) {
		BPF_CORE_READ_INTO(&d_parent, dentry, d_parent);
		if (dentry == mnt_root || dentry == d_parent) {
			if (dentry != mnt_root)
				break;	/* a root that is no mount's root */
			if (mnt != mnt_parent) {
				BPF_CORE_READ_INTO(&dentry, mnt, mnt_mountpoint);
				BPF_CORE_READ_INTO(&mnt, mnt, mnt_parent);
				BPF_CORE_READ_INTO(&mnt_parent, mnt, mnt_parent);
				vfsmnt = &mnt->mnt;
				BPF_CORE_READ_INTO(&mnt_root, vfsmnt, mnt_root);
				continue;
			}
			break;	/* the global root */
		}
		bpf_core_read(&d_name, sizeof(d_name), &dentry->d_name);
		cur = end - (d_name.len + 1);
		n = bpf_probe_read_kernel_str(&aux->data[FALCO_SAFE(cur)], FALCO_COMPONENT_LEN,
					      d_name.name);
		if (n <= 1)
			break;
		end -= 1;	/* the name's NUL becomes the next name's '/' */
		aux->data[FALCO_SAFE(end)] = '/';
		end -= n - 1;
		dentry = d_parent;
	}
	if (end == FALCO_SCRATCH) {	/* no path (memfd): the name */
		bpf_core_read(&d_name, sizeof(d_name), &dentry->d_name);
		done(t0, 0, d_name.name, d_name.len);
		return 0;
	}
	end -= 1;
	aux->data[FALCO_SAFE(end)] = '/';
	aux->data[FALCO_SAFE(FALCO_SCRATCH - 1)] = 0;
	done(t0, 0, &aux->data[FALCO_SAFE(end)], FALCO_SCRATCH - 1 - end);
	return 0;
}

/*
 * ---- Tracee ----
 * As Falco's, up to the global root, in a loop unrolled 20 times
 * (MAX_PATH_COMPONENTS), backwards from the middle of a 32 KiB per-CPU
 * buffer; each name read with bpf_probe_read_kernel_str() of its length
 * and NUL. A disconnected dentry gives "<disconnected>".
 */
#define TRACEE_BUFSIZE (1 << 15)
#define TRACEE_HALF (TRACEE_BUFSIZE >> 1)
#define TRACEE_STRING 4096
#define TRACEE_COMPONENTS 20
#define DCACHE_DISCONNECTED 0x20

struct tracee_buf {
	__u8 buf[TRACEE_BUFSIZE];
};

struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, struct tracee_buf);
} tracee_bufs SEC(".maps");

SEC("fentry/security_file_open")
int BPF_PROG(pb_tracee, struct file *file)
{
	struct path *path = &file->f_path;
	struct dentry *dentry, *mnt_root, *d_parent;
	struct mount *mnt, *mnt_parent;
	struct vfsmount *vfsmnt;
	struct tracee_buf *out;
	__u32 zero = 0, off, len, buf_off = TRACEE_HALF;
	struct qstr d_name;
	__u64 t0;
	int sz, i;

	if (!mine())
		return 0;
	t0 = bpf_ktime_get_ns();
	out = bpf_map_lookup_elem(&tracee_bufs, &zero);
	if (!out)
		return 0;
	dentry = BPF_CORE_READ(path, dentry);
	if (BPF_CORE_READ(dentry, d_flags) & DCACHE_DISCONNECTED) {
		bpf_probe_read_kernel_str(out->buf, TRACEE_STRING, "<disconnected>");
		done(t0, 0, out->buf, 14);
		return 0;
	}
	vfsmnt = BPF_CORE_READ(path, mnt);
	mnt = real_mount(vfsmnt);
	bpf_core_read(&mnt_parent, sizeof(mnt_parent), &mnt->mnt_parent);
#pragma unroll
	for (i = 0; i < TRACEE_COMPONENTS; i++) {
		mnt_root = BPF_CORE_READ(vfsmnt, mnt_root);
		d_parent = BPF_CORE_READ(dentry, d_parent);
		if (dentry == mnt_root || dentry == d_parent) {
			if (dentry != mnt_root)
				break;
			if (mnt != mnt_parent) {
				bpf_core_read(&dentry, sizeof(dentry), &mnt->mnt_mountpoint);
				bpf_core_read(&mnt, sizeof(mnt), &mnt->mnt_parent);
				bpf_core_read(&mnt_parent, sizeof(mnt_parent), &mnt->mnt_parent);
				vfsmnt = &mnt->mnt;
				continue;
			}
			break;
		}
		d_name = BPF_CORE_READ(dentry, d_name);
		len = (d_name.len + 1) & (TRACEE_STRING - 1);
		off = buf_off - len;
		sz = 0;
		/* never buf[0]: a faulting string read wrote buf[-1] (< 6.2) */
		if (off <= buf_off && (off & (TRACEE_HALF - 1)) != 0) {
			len &= TRACEE_HALF - 1;
			sz = bpf_probe_read_kernel_str(&out->buf[off & (TRACEE_HALF - 1)], len,
						       d_name.name);
		} else {
			break;
		}
		if (sz <= 1)
			break;
		buf_off -= 1;
		out->buf[buf_off & (TRACEE_BUFSIZE - 1)] = '/';
		buf_off -= sz - 1;
		dentry = d_parent;
	}
	if (buf_off == TRACEE_HALF) {	/* no path (memfd): the name */
		d_name = BPF_CORE_READ(dentry, d_name);
		sz = bpf_probe_read_kernel_str(&out->buf[1], TRACEE_STRING, d_name.name);
		done(t0, 0, &out->buf[1], sz - 1);
		return 0;
	}
	buf_off -= 1;
	out->buf[buf_off & (TRACEE_BUFSIZE - 1)] = '/';
	out->buf[TRACEE_HALF - 1] = 0;
	done(t0, 0, &out->buf[buf_off & (TRACEE_HALF - 1)], TRACEE_HALF - 1 - buf_off);
	return 0;
}
