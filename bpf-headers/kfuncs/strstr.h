/* SPDX-License-Identifier: (GPL-2.0 OR BSD-2-Clause) */
#ifndef _KFUNCS_STRSTR_H
#define _KFUNCS_STRSTR_H

#include <kfuncs/common.h>

/*
 * kf_strstr - find the first occurrence of @substr in @str
 * @str:        haystack; the verifier demands @str__sz readable bytes
 * @str__sz:    haystack size in bytes (a bounded scalar, 0 allowed)
 * @substr:     needle; the verifier demands @substr__sz readable bytes
 * @substr__sz: needle size in bytes (a bounded scalar, 0 allowed)
 *
 * Sizes are byte counts: no NUL terminator is needed, none ends the search
 * and nothing past a size is read.
 *
 * Return: the index of the first match, 0 for an empty @substr, -ENOENT
 * when @substr does not occur in the first @str__sz bytes.
 * Programs: all, from 6.1.
 */
extern int kf_strstr(const char *str, __u32 str__sz,
		     const char *substr, __u32 substr__sz) KF_KSYM;

#endif /* _KFUNCS_STRSTR_H */
