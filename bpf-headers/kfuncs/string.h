/* SPDX-License-Identifier: (GPL-2.0 OR BSD-2-Clause) */
/*
 * String kfuncs (kf_strstr is in <kfuncs/strstr.h>, included here).
 *
 * Every string is a (pointer, size) pair: nothing at or past the size is
 * read and no NUL terminator is needed. Two conventions, each function
 * says which:
 *  - byte strings (the search functions kf_strstr, kf_strcasestr,
 *    kf_strrstr): all size bytes count, NUL is an ordinary byte, as in
 *    memmem(3);
 *  - C strings (all the others): the string ends at the first NUL within
 *    the size, or at the size, as strnlen(3) sees it. A char[16] holding
 *    "bash" and zeros is the string "bash".
 * Case folding (kf_strcasestr, kf_strcasecmp) is ASCII only: bytes 0x80 and
 * up never fold.
 */
#ifndef _KFUNCS_STRING_H
#define _KFUNCS_STRING_H

#include <kfuncs/common.h>
#include <kfuncs/strstr.h>

/*
 * kf_strcasestr - kf_strstr ignoring ASCII case
 * @str, @str__sz:       haystack (byte string), @str__sz readable bytes
 * @substr, @substr__sz: needle (byte string), @substr__sz readable bytes
 *
 * Return: the index of the first match, 0 for an empty needle, -ENOENT
 * when absent.
 * Programs: all, from 6.1.
 */
extern int kf_strcasestr(const char *str, __u32 str__sz,
			 const char *substr, __u32 substr__sz) KF_KSYM;

/*
 * kf_strrstr - find the last occurrence of @substr in @str
 * @str, @str__sz:       haystack (byte string), @str__sz readable bytes
 * @substr, @substr__sz: needle (byte string), @substr__sz readable bytes
 *
 * Return: the index of the last match, @str__sz for an empty needle,
 * -ENOENT when absent.
 * Programs: all, from 6.1.
 */
extern int kf_strrstr(const char *str, __u32 str__sz,
		      const char *substr, __u32 substr__sz) KF_KSYM;

/*
 * kf_strnlen - length of a C string
 * @str, @str__sz: the string, @str__sz readable bytes
 *
 * Return: the index of the first NUL, or @str__sz when there is none.
 * Programs: all, from 6.1.
 */
extern int kf_strnlen(const char *str, __u32 str__sz) KF_KSYM;

/*
 * kf_strcmp - compare two C strings as unsigned bytes
 * @s1, @s1__sz: first string, @s1__sz readable bytes
 * @s2, @s2__sz: second string, @s2__sz readable bytes
 *
 * Each string ends at its first NUL or its size, so ("abc", 3) equals
 * ("abc\0xyz", 7). A prefix is less than the longer string.
 *
 * Return: -1, 0 or 1 (s1 < s2, s1 == s2, s1 > s2).
 * Programs: all, from 6.1.
 */
extern int kf_strcmp(const char *s1, __u32 s1__sz, const char *s2, __u32 s2__sz) KF_KSYM;

/*
 * kf_strcasecmp - kf_strcmp ignoring ASCII case (both sides lowered)
 * @s1, @s1__sz: first string, @s1__sz readable bytes
 * @s2, @s2__sz: second string, @s2__sz readable bytes
 *
 * Return: -1, 0 or 1.
 * Programs: all, from 6.1.
 */
extern int kf_strcasecmp(const char *s1, __u32 s1__sz, const char *s2, __u32 s2__sz) KF_KSYM;

/*
 * kf_strchr - find the first occurrence of a byte in a C string
 * @str, @str__sz: the string, @str__sz readable bytes
 * @c:             the byte (only its low 8 bits count)
 *
 * Return: the index of the first @c; for @c == 0, the index of the
 * terminating NUL (-ENOENT when the string fills @str__sz); -ENOENT when
 * @c does not occur before the end of the string.
 * Programs: all, from 6.1.
 */
extern int kf_strchr(const char *str, __u32 str__sz, int c) KF_KSYM;

/*
 * kf_strrchr - find the last occurrence of a byte in a C string
 * @str, @str__sz: the string, @str__sz readable bytes
 * @c:             the byte (only its low 8 bits count)
 *
 * Return: as kf_strchr, for the last occurrence.
 * Programs: all, from 6.1.
 */
extern int kf_strrchr(const char *str, __u32 str__sz, int c) KF_KSYM;

/*
 * kf_strspn - length of the initial segment made of accepted bytes
 * @str, @str__sz:       the C string, @str__sz readable bytes
 * @accept, @accept__sz: the C string of accepted bytes
 *
 * Return: the number of bytes at the start of @str that occur in @accept.
 * Programs: all, from 6.1.
 */
extern int kf_strspn(const char *str, __u32 str__sz,
		     const char *accept, __u32 accept__sz) KF_KSYM;

/*
 * kf_strcspn - length of the initial segment free of rejected bytes
 * @str, @str__sz:       the C string, @str__sz readable bytes
 * @reject, @reject__sz: the C string of rejected bytes
 *
 * Return: the number of bytes at the start of @str that do not occur in
 * @reject (the string's length when none does).
 * Programs: all, from 6.1.
 */
extern int kf_strcspn(const char *str, __u32 str__sz,
		      const char *reject, __u32 reject__sz) KF_KSYM;

/*
 * kf_startswith - test a C string's prefix
 * @str, @str__sz:       the C string, @str__sz readable bytes
 * @prefix, @prefix__sz: the C string it may start with
 *
 * Return: 1 when @str starts with @prefix (always, for an empty @prefix),
 * else 0.
 * Programs: all, from 6.1.
 */
extern int kf_startswith(const char *str, __u32 str__sz,
			 const char *prefix, __u32 prefix__sz) KF_KSYM;

/*
 * kf_endswith - test a C string's suffix
 * @str, @str__sz:       the C string, @str__sz readable bytes
 * @suffix, @suffix__sz: the C string it may end with
 *
 * The end is the string's end: ("a.txt\0\0\0", 8) ends with ".txt".
 *
 * Return: 1 when @str ends with @suffix (always, for an empty @suffix),
 * else 0.
 * Programs: all, from 6.1.
 */
extern int kf_endswith(const char *str, __u32 str__sz,
		       const char *suffix, __u32 suffix__sz) KF_KSYM;

/*
 * kf_strtoull - parse an unsigned integer at the start of a C string
 * @str, @str__sz: the C string, @str__sz readable bytes
 * @base:          0 (prefix "0x" picks 16, "0" picks 8, else 10), 8, 10 or 16
 * @res:           where the value goes; 8 writable bytes
 *
 * As strtoull(3) in the C locale: leading white space, an optional '+',
 * an optional "0x" for base 16, then digits. A '-' sign is refused, where
 * strtoull(3) would negate. *@res is written only on success.
 *
 * Return: the number of bytes consumed (> 0); -EINVAL when no digit
 * parses, for a '-' sign, another base or a NULL @res (6.1 lets a program
 * pass NULL); -ERANGE when the value does not fit in 64 bits.
 * Programs: all, from 6.1.
 */
extern int kf_strtoull(const char *str, __u32 str__sz, __u32 base, __u64 *res) KF_KSYM;

/*
 * kf_strtoll - parse a signed integer at the start of a C string
 * @str, @str__sz: the C string, @str__sz readable bytes
 * @base:          0, 8, 10 or 16, as for kf_strtoull
 * @res:           where the value goes; 8 writable bytes
 *
 * As strtoll(3) in the C locale: white space, an optional sign, digits.
 *
 * Return: the number of bytes consumed (> 0); -EINVAL when no digit
 * parses, for another base or a NULL @res; -ERANGE when the value is out
 * of the s64 range.
 * Programs: all, from 6.1.
 */
extern int kf_strtoll(const char *str, __u32 str__sz, __u32 base, __s64 *res) KF_KSYM;

/*
 * kf_glob_match - match a C string against a shell glob pattern
 * @pattern, @pattern__sz: the pattern (C string), @pattern__sz readable bytes
 * @str, @str__sz:         the C string, @str__sz readable bytes
 *
 * fnmatch(3) with no flags, in the C locale: '*' matches any run of
 * bytes ('/' and a leading '.' included), '?' one byte, "[...]" a set:
 * "[abc]", ranges "[a-z]", negation "[!a]" or "[^a]", "[]]" (a ']' first is
 * literal), classes "[[:digit:]]" and the other eleven of POSIX; '\'
 * makes the next byte literal, and a pattern ending in a lone '\'
 * matches nothing. A '[' without its ']' is an ordinary byte; an unknown
 * class ("[[:bogus:]]") matches nothing. Equivalence classes "[=a=]" and
 * collating symbols "[.a.]" are not supported ("[=" and "[." are ordinary
 * bytes). Time is O(pattern size x string size) at worst: no backtracking
 * blow-up.
 *
 * Return: 1 on a match, 0 otherwise.
 * Programs: all, from 6.1.
 */
extern int kf_glob_match(const char *pattern, __u32 pattern__sz,
			 const char *str, __u32 str__sz) KF_KSYM;

/*
 * kf_glob_match_str - kf_glob_match with a constant pattern
 * @pattern__str:  a NUL-terminated string in a read-only map: a string
 *                 literal or a const global (.rodata), at a constant
 *                 offset; the verifier checks it is terminated
 * @str, @str__sz: the C string, @str__sz readable bytes
 *
 * Return: 1 on a match, 0 otherwise.
 * Programs: all, from 6.8 (the first verifier that checks __str; older
 * kernels do not offer it: use kf_glob_match there).
 */
extern int kf_glob_match_str(const char *pattern__str, const char *str, __u32 str__sz) KF_KSYM;

#endif /* _KFUNCS_STRING_H */
