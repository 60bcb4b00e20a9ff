// SPDX-License-Identifier: GPL-2.0
/* String kfuncs (bpf-headers/kfuncs/string.h): glue over src/lib. */
#include <linux/errno.h>
#include <linux/string.h>

#include <kfuncs/string.h>

#include "compat.h"
#include "lib/kfl.h"

__bpf_kfunc int kf_strstr(const char *str, u32 str__sz,
			  const char *substr, u32 substr__sz)
{
	return kfl_strstr(str, str__sz, substr, substr__sz);
}

__bpf_kfunc int kf_strcasestr(const char *str, u32 str__sz,
			      const char *substr, u32 substr__sz)
{
	return kfl_strcasestr(str, str__sz, substr, substr__sz);
}

__bpf_kfunc int kf_strrstr(const char *str, u32 str__sz,
			   const char *substr, u32 substr__sz)
{
	return kfl_strrstr(str, str__sz, substr, substr__sz);
}

__bpf_kfunc int kf_strnlen(const char *str, u32 str__sz)
{
	return kfl_strnlen(str, str__sz);
}

__bpf_kfunc int kf_strcmp(const char *s1, u32 s1__sz, const char *s2, u32 s2__sz)
{
	return kfl_strcmp(s1, s1__sz, s2, s2__sz);
}

__bpf_kfunc int kf_strcasecmp(const char *s1, u32 s1__sz, const char *s2, u32 s2__sz)
{
	return kfl_strcasecmp(s1, s1__sz, s2, s2__sz);
}

__bpf_kfunc int kf_strchr(const char *str, u32 str__sz, int c)
{
	return kfl_strchr(str, str__sz, c);
}

__bpf_kfunc int kf_strrchr(const char *str, u32 str__sz, int c)
{
	return kfl_strrchr(str, str__sz, c);
}

__bpf_kfunc int kf_strspn(const char *str, u32 str__sz, const char *accept, u32 accept__sz)
{
	return kfl_strspn(str, str__sz, accept, accept__sz);
}

__bpf_kfunc int kf_strcspn(const char *str, u32 str__sz, const char *reject, u32 reject__sz)
{
	return kfl_strcspn(str, str__sz, reject, reject__sz);
}

__bpf_kfunc int kf_startswith(const char *str, u32 str__sz, const char *prefix, u32 prefix__sz)
{
	return kfl_startswith(str, str__sz, prefix, prefix__sz);
}

__bpf_kfunc int kf_endswith(const char *str, u32 str__sz, const char *suffix, u32 suffix__sz)
{
	return kfl_endswith(str, str__sz, suffix, suffix__sz);
}

/* 6.1's verifier lets a program pass NULL for a result pointer. */
__bpf_kfunc int kf_strtoull(const char *str, u32 str__sz, u32 base, u64 *res)
{
	unsigned long long v;
	int ret;

	if (!res)
		return -EINVAL;
	ret = kfl_strtoull(str, str__sz, base, &v);
	if (ret > 0)
		*res = v;
	return ret;
}

__bpf_kfunc int kf_strtoll(const char *str, u32 str__sz, u32 base, s64 *res)
{
	long long v;
	int ret;

	if (!res)
		return -EINVAL;
	ret = kfl_strtoll(str, str__sz, base, &v);
	if (ret > 0)
		*res = v;
	return ret;
}

__bpf_kfunc int kf_glob_match(const char *pattern, u32 pattern__sz, const char *str, u32 str__sz)
{
	return kfl_glob_match(pattern, pattern__sz, str, str__sz);
}

#ifdef KF_HAVE_STR_ARG
/*
 * Only where the verifier honours __str: it has then checked that the
 * string is NUL-terminated inside its map. Elsewhere the function is not
 * even built, so it is absent from the module's BTF and a program's
 * bpf_ksym_exists(kf_glob_match_str) is 0.
 */
__bpf_kfunc int kf_glob_match_str(const char *pattern__str, const char *str, u32 str__sz)
{
	return kfl_glob_match(pattern__str, strlen(pattern__str), str, str__sz);
}
#endif
