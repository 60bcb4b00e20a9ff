// SPDX-License-Identifier: GPL-2.0
/* Memory kfuncs (bpf-headers/kfuncs/mem.h): glue over src/lib. */
#include <linux/string.h>

#include <kfuncs/mem.h>

#include "compat.h"
#include "lib/kfl.h"

__bpf_kfunc int kf_memzero(void *mem, u32 mem__sz)
{
	memset(mem, 0, mem__sz);
	return 0;
}

__bpf_kfunc int kf_memset(void *mem, u32 mem__sz, int c)
{
	memset(mem, c, mem__sz);
	return 0;
}

__bpf_kfunc int kf_memcmp(const void *a, u32 a__sz, const void *b, u32 b__sz)
{
	return kfl_memcmp(a, a__sz, b, b__sz);
}

__bpf_kfunc int kf_memchr(const void *mem, u32 mem__sz, int c)
{
	return kfl_memchr(mem, mem__sz, c);
}

__bpf_kfunc int kf_memrchr(const void *mem, u32 mem__sz, int c)
{
	return kfl_memrchr(mem, mem__sz, c);
}
