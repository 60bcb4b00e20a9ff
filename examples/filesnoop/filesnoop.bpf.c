// SPDX-License-Identifier: GPL-2.0
/*
 * filesnoop: every file open whose full path matches a shell glob, with
 * the opener's pid, container id, current directory and command line,
 * sent to user space through a ring buffer.
 *
 * Two versions of the same program: an LSM one on file_open, for kernels
 * that run the BPF LSM, and an fentry one on security_file_open for the
 * others; the loader keeps the one the running kernel allows.
 *
 * An event is some 5 KB: too big for the BPF stack (and 6.1 wants a stack
 * buffer initialized before a kfunc may write to it), so it is built in a
 * per-CPU map value, then copied into the ring buffer. The path comes
 * first: the rest is asked for only when it matches.
 */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
#include <kfuncs/file.h>
#include <kfuncs/string.h>
#include <kfuncs/task.h>

#include "filesnoop.h"

#define ESRCH 3

struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, struct event);
} scratch SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_RINGBUF);
	__uint(max_entries, 1 << 20);
} events SEC(".maps");

/*
 * Set by the loader before load. Not in .rodata: a kfunc's (pointer, size)
 * argument must be writable memory on the kernels tested (the verifier
 * checks it for writes as well as reads).
 */
char glob[256];

/* Events the ring buffer had no room for. */
__u64 lost;

/* The current task's directory and container id. */
static __always_inline void task_info(struct event *e)
{
	/*
	 * 6.1 takes only a referenced task for these kfuncs: look the
	 * current thread up by its (initial namespace) id. Test the pointer
	 * once: 6.1 follows a second test into the impossible branch.
	 */
	struct task_struct *t = kf_task_from_pid((__u32)bpf_get_current_pid_tgid());

	if (!t) {
		e->cwd_len = -ESRCH;
		e->id_len = -ESRCH;
		return;
	}
	e->cwd_len = kf_task_cwd_path(t, e->cwd, sizeof(e->cwd));
	e->id_len = kf_task_container_id(t, e->container, sizeof(e->container));
	kf_task_release(t);
}

static __always_inline void snoop(struct file *file)
{
	__u32 zero = 0;
	struct event *e = bpf_map_lookup_elem(&scratch, &zero);

	if (!e)
		return;
	/* A path cut at its start (-E2BIG) could match what it is not. */
	e->path_len = kf_file_path(file, e->path, sizeof(e->path));
	if (e->path_len < 0 || !kf_glob_match(glob, sizeof(glob), e->path, sizeof(e->path)))
		return;
	e->pid = bpf_get_current_pid_tgid() >> 32;
	e->cmdline_len = kf_current_cmdline(e->cmdline, sizeof(e->cmdline));
	task_info(e);
	if (bpf_ringbuf_output(&events, e, sizeof(*e), 0))
		__sync_fetch_and_add(&lost, 1);
}

SEC("lsm/file_open")
int BPF_PROG(snoop_lsm, struct file *file)
{
	snoop(file);
	return 0;
}

SEC("fentry/security_file_open")
int BPF_PROG(snoop_fentry, struct file *file)
{
	snoop(file);
	return 0;
}

char LICENSE[] SEC("license") = "GPL";
