// SPDX-License-Identifier: GPL-2.0
/*
 * BPF side of the buffer-edge tests (bounds.c): every kfunc that reads or
 * writes a buffer, on buffers of each size of sizes[] placed at the start
 * or at the end of an array map's value, so that KASAN (debug kernel) sees
 * an access one byte outside.
 *
 * Where the memory ends. An array map's value of value_size V (a multiple
 * of 8) is the last thing of its allocation: array_map_alloc()
 * (kernel/bpf/arraymap.c, 6.1 and 7.3 alike) allocates
 * sizeof(struct bpf_array) + V with bpf_map_area_alloc() (kmalloc up to
 * PAGE_SIZE << PAGE_ALLOC_COSTLY_ORDER = 32 KiB, vmalloc above; both
 * KASAN-checked, vmalloc with KASAN_VMALLOC), and the value is
 * bpf_array.value. From 6.2 sizeof(struct bpf_array) is
 * offsetof(struct bpf_array, value) (296 and 296 bytes on 7.3, 264 and
 * 264 on 6.12: BTF of the Debian kernels), so value + V is the end of the
 * allocation. On 6.1 struct bpf_map has ____cacheline_aligned members, so
 * struct bpf_array is padded to 320 bytes with the value at 272: 48 bytes
 * follow the value there (6.1 has no KASAN kernel here; its results are
 * still checked). BPF_F_MMAPABLE maps (and so .bss and .data) are page
 * rounded instead, which is why the buffers live in maps of their own:
 * map a is BPF_F_MMAPABLE with a value of 9 pages exactly, so that the
 * rounding adds nothing and the value ends where its vmalloc'd
 * allocation ends (the guard page after it), and user space writes and
 * checks it through mmap, with no syscall (under KASAN and lockdep, two
 * syscalls of 36 KiB copies per call were most of the test's time).
 *
 * At the start of a value the bpf_array header precedes the buffer, so an
 * underread is not seen by KASAN there, only by the exact results user
 * space checks (reverse scans: memrchr, strrchr, strrstr, endswith).
 *
 * The verifier checks a variable offset and a variable size apart (the
 * largest offset plus the largest size must fit), so a buffer of variable
 * size n at V - n is refused. Each program therefore holds one call per
 * size, the size a constant (sizes[] is const: clang folds it in the
 * unrolled loops), and runs the call sizes[sel]: user space runs it once
 * per size with contents made for that size. The offset is user space's
 * (ox, oy), checked against V - n: a variable the verifier bounds, so the
 * start and the end of a value are one path. Only the map is a branch:
 * x in map a and y in map b, or the other way round (xa). Two paths per
 * size, not one per placement pair, is what keeps loading these programs
 * short on the debug kernel (the verifier under KASAN and lockdep).
 */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>
#include <kfuncs/kfuncs.h>

/* Map a's value goes through vmalloc (9 pages), map b's through kmalloc. */
#define VA 36864
#define VB 1032

/*
 * Every size from 0 to 64 (the 8-byte words of src/lib/word.h, strnlen's
 * and strchr's 16-byte steps, the 32-byte rounds of memchr, strcmp and
 * strstr, jhash's 12-byte and xxh64's 32-byte blocks, the 16-byte minimum
 * of crc32's PCLMUL code, the 10-byte varints of protobuf, SHA-256's
 * 55/56-byte padding edge and its 64-byte block), then:
 */
const __u32 sizes[] = {
	0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15,
	16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31,
	32, 33, 34, 35, 36, 37, 38, 39, 40, 41, 42, 43, 44, 45, 46, 47,
	48, 49, 50, 51, 52, 53, 54, 55, 56, 57, 58, 59, 60, 61, 62, 63,
	64,
	65,			/* SHA-256: one byte into the 2nd block */
	95, 96, 97,		/* 3 rounds of 32; 8 jhash blocks of 12 */
	119, 120, 121,		/* SHA-256: 64 + 55/56, the padding needs a 3rd block */
	127, 128, 129,		/* 4 rounds of 32; 2 SHA-256 blocks; crc32 PCLMUL 8 x 16 */
	183, 184, 185,		/* SHA-256: 128 + 55/56 */
	191, 192, 193,		/* 6 rounds of 32; 3 SHA-256 blocks */
	255, 256, 257,		/* 8 rounds; 4 blocks; crc32 folding of 4 x 64 (AVX-512) */
	511, 512, 513,		/* CRC32C_PCLMUL_BREAKEVEN (512): 3-way crc32c from here */
	1023, 1024, 1025,	/* 3-way crc32c and PCLMUL folding, several rounds */
};

#define NSIZES (sizeof(sizes) / sizeof(sizes[0]))

struct va_value {
	char b[VA];
};

struct vb_value {
	char b[VB];
};

/* BPF_F_MMAPABLE: page-aligned, and VA is whole pages, so it ends where its allocation does. */
struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(map_flags, BPF_F_MMAPABLE);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, struct va_value);
} ma SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, struct vb_value);
} mb SEC(".maps");

/*
 * Inputs: which size (sizes[sel]; from NSIZES on: the second buffer's);
 * whether x is in map a and y in map b (xa) or x in b and y in a; their
 * offsets in those values; the pid of the task kfuncs' task.
 */
__u32 sel, xa, ox, oy, pid;
__s64 arg;
/* Outputs: the sizes used, the return value, a value written. */
__u32 used_nx, used_ny;
__s64 ret;
__u64 val;

/* The map values, a and b, for the program's body. */
#define MAPS								\
	__u32 __key = 0;						\
	char *a = bpf_map_lookup_elem(&ma, &__key);			\
	char *b = bpf_map_lookup_elem(&mb, &__key);			\
	if (!a || !b)							\
		return 1

/*
 * x (nx bytes) at ox and y (ny bytes) at oy of their maps' values, the
 * offsets bounded so that each buffer fits: returns 4 when one does not.
 */
#define PLACE(nx, ny)							\
	char *x, *y;							\
	if (__xa) {							\
		if (__ox > VA - (nx) || __oy > VB - (ny))		\
			return 4;					\
		x = a + __ox;						\
		y = b + __oy;						\
	} else {							\
		if (__ox > VB - (nx) || __oy > VA - (ny))		\
			return 4;					\
		x = b + __ox;						\
		y = a + __oy;						\
	}

/* The inputs, read once: the loops below compare them with constants. */
#define INPUTS __u32 __i, __s = sel, __xa = xa, __ox = ox, __oy = oy

/*
 * One buffer, x, of sizes[sel] bytes (nx); @fy is the size of a second
 * buffer y, when the kfunc has one that does not sweep (kf_sha256's
 * digest).
 */
#define SWEEP(fy, call)							\
	do {								\
		INPUTS;							\
		_Pragma("clang loop unroll(full)")			\
		for (__i = 0; __i < NSIZES; __i++) {			\
			if (__i == __s) {				\
				const __u32 nx = sizes[__i], ny = (fy);	\
				PLACE(nx, ny);				\
				used_nx = nx;				\
				used_ny = ny;				\
				ret = (call);				\
				(void)y;				\
				return 0;				\
			}						\
		}							\
	} while (0)

/*
 * Two buffers: sel below NSIZES sweeps x (y has fix_NAME[1] bytes), from
 * NSIZES y (x has fix_NAME[0] bytes). fix_NAME is in .rodata, where user
 * space reads it.
 */
#define SWEEP2(fix, call)						\
	do {								\
		INPUTS;							\
		_Pragma("clang loop unroll(full)")			\
		for (__i = 0; __i < 2 * NSIZES; __i++) {		\
			if (__i == __s) {				\
				const __u32 nx = __i < NSIZES ?		\
					sizes[__i] : fix[0];		\
				const __u32 ny = __i < NSIZES ?		\
					fix[1] : sizes[__i - NSIZES];	\
				PLACE(nx, ny);				\
				used_nx = nx;				\
				used_ny = ny;				\
				ret = (call);				\
				return 0;				\
			}						\
		}							\
	} while (0)

#define PROG1(name, call)						\
	SEC("syscall")							\
	int name(void *ctx)						\
	{								\
		MAPS;							\
		SWEEP(0, call);						\
		return 2;						\
	}

#define PROG2(name, fx, fy, call)					\
	const __u32 fix_##name[2] = { fx, fy };				\
	SEC("syscall")							\
	int name(void *ctx)						\
	{								\
		MAPS;							\
		SWEEP2(fix_##name, call);				\
		return 2;						\
	}

/* Byte searches and scans: the byte in arg. */
PROG1(b_strnlen, kf_strnlen(x, nx))
PROG1(b_strchr, kf_strchr(x, nx, arg))
PROG1(b_strrchr, kf_strrchr(x, nx, arg))
PROG1(b_memchr, kf_memchr(x, nx, arg))
PROG1(b_memrchr, kf_memrchr(x, nx, arg))
PROG1(b_strtoull, kf_strtoull(x, nx, arg, &val))
PROG1(b_strtoll, kf_strtoll(x, nx, arg, (__s64 *)&val))
PROG1(b_memzero, kf_memzero(x, nx))
PROG1(b_memset, kf_memset(x, nx, arg))
/* The algorithm must be a constant: a program each; the seed in arg. */
PROG1(b_jhash, kf_hash(KF_HASH_JHASH, x, nx, arg))
PROG1(b_xxh64, kf_hash(KF_HASH_XXH64, x, nx, arg))
PROG1(b_crc32c, kf_hash(KF_HASH_CRC32C, x, nx, arg))
PROG1(b_crc32, kf_hash(KF_HASH_CRC32, x, nx, arg))
PROG1(b_fnv1a64, kf_hash(KF_HASH_FNV1A64, x, nx, arg))
/* The field number in arg. */
PROG1(b_pb_get_varint, kf_pb_get_varint(x, nx, arg, &val))

/* The digest (32 bytes) in y. */
SEC("syscall")
int b_sha256(void *ctx)
{
	MAPS;
	SWEEP(KF_SHA256_DIGEST_SIZE, kf_sha256(x, nx, (__u8 *)y, KF_SHA256_DIGEST_SIZE));
	return 2;
}

/*
 * Two buffers. The fixed size of the one that does not sweep is the
 * largest (1025) where the sweeping one is read to its end only when the
 * other is at least as long (comparisons, a needle's haystack), small
 * where a long one would end the scan early (a needle, a prefix).
 */
PROG2(b_strstr, 1025, 9, kf_strstr(x, nx, y, ny))
PROG2(b_strcasestr, 1025, 9, kf_strcasestr(x, nx, y, ny))
PROG2(b_strrstr, 1025, 9, kf_strrstr(x, nx, y, ny))
PROG2(b_strcmp, 1025, 1025, kf_strcmp(x, nx, y, ny))
PROG2(b_strcasecmp, 1025, 1025, kf_strcasecmp(x, nx, y, ny))
PROG2(b_strspn, 1025, 1, kf_strspn(x, nx, y, ny))
PROG2(b_strcspn, 1025, 3, kf_strcspn(x, nx, y, ny))
PROG2(b_startswith, 1025, 1025, kf_startswith(x, nx, y, ny))
PROG2(b_endswith, 1025, 1025, kf_endswith(x, nx, y, ny))
PROG2(b_glob_match, 6, 1025, kf_glob_match(x, nx, y, ny))
PROG2(b_memcmp, 1025, 1025, kf_memcmp(x, nx, y, ny))
/* The message in x, the output in y; the field number in arg. */
PROG2(b_pb_get_bytes, 1025, 1025, kf_pb_get_bytes(x, nx, arg, y, ny))
/* The message in x, the path in y (8 bytes: two field numbers). */
PROG2(b_pb_get_varint_path, 1025, 8, kf_pb_get_varint_path(x, nx, (__u32 *)y, ny, &val))

/*
 * A task kfunc writing into x: @kfunc(the task pid (this process), x, nx).
 * Syscall programs are sleepable, as kf_task_exe_path needs.
 */
#define TASK_PROG(name, kfunc)						\
SEC("syscall")								\
int name(void *ctx)							\
{									\
	struct task_struct *t;						\
	int r = 2;							\
	INPUTS;								\
									\
	MAPS;								\
	(void)__oy;							\
	t = kf_task_from_vpid(pid);					\
	if (!t)								\
		return 3;						\
	_Pragma("clang loop unroll(full)")				\
	for (__i = 0; __i < NSIZES; __i++) {				\
		if (__i == __s) {					\
			const __u32 nx = sizes[__i];			\
			char *x;					\
									\
			r = 4;						\
			if (__xa && __ox <= VA - nx)			\
				x = a + __ox;				\
			else if (!__xa && __ox <= VB - nx)		\
				x = b + __ox;				\
			else						\
				break;					\
			used_nx = nx;					\
			used_ny = 0;					\
			ret = kfunc(t, x, nx);				\
			r = 0;						\
			break;						\
		}							\
	}								\
	kf_task_release(t);						\
	return r;							\
}

TASK_PROG(b_task_cgroup_path, kf_task_cgroup_path)
TASK_PROG(b_task_exe_path, kf_task_exe_path)

char LICENSE[] SEC("license") = "GPL";
