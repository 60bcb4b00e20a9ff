/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Shared by tests/host/test_http.c and tests/fuzz/fuzz_http.c: a reference
 * for kfl_http_header written from its contract (kfl.h), one line at a
 * time, positions in size_t. Needs <errno.h>, <stddef.h> and <string.h>.
 */
#ifndef HTTP_REF_H
#define HTTP_REF_H

static int ref_tchar(unsigned char b)
{
	return (b >= '0' && b <= '9') || (b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z') ||
	       (b && strchr("!#$%&'*+-.^_`|~", b));
}

static int ref_digit(unsigned char b)
{
	return b >= '0' && b <= '9';
}

/* [s, e): the line's content (no CR LF); *next: the next line. 0: no LF. */
static int ref_line(const unsigned char *m, size_t len, size_t s, size_t *e, size_t *next)
{
	const unsigned char *lf = s < len ? memchr(m + s, '\n', len - s) : NULL;

	if (!lf)
		return 0;
	*next = lf - m + 1;
	*e = lf - m;
	if (*e > s && m[*e - 1] == '\r')
		(*e)--;
	return 1;
}

static int ref_start_line(const unsigned char *m, size_t s, size_t e)
{
	size_t i, a, b;

	if (e - s >= 5 && !memcmp(m + s, "HTTP/", 5)) {
		/* "HTTP/1.D SP DDD", then nothing or SP and anything */
		if (e - s < 12 || memcmp(m + s, "HTTP/1.", 7) || !ref_digit(m[s + 7]) ||
		    m[s + 8] != ' ' || !ref_digit(m[s + 9]) || !ref_digit(m[s + 10]) ||
		    !ref_digit(m[s + 11]))
			return 0;
		return e - s == 12 || m[s + 12] == ' ';
	}
	for (a = s; a < e && ref_tchar(m[a]); a++)
		;
	if (a == s || a == e || m[a] != ' ')
		return 0;
	for (b = a + 1; b < e && m[b] >= 0x21 && m[b] <= 0x7e; b++)
		;
	if (b == a + 1 || b == e || m[b] != ' ')
		return 0;
	i = b + 1;
	return e - i == 8 && !memcmp(m + i, "HTTP/1.", 7) && ref_digit(m[i + 7]);
}

static long ref_http(const unsigned char *m, size_t len, const char *name, size_t name_len,
		     char *out, size_t out_len)
{
	size_t nlen, s, e, next, colon, i, vs, ve, n;

	if (!name || !out || !out_len)
		return -EINVAL;
	nlen = strnlen(name, name_len);
	if (!nlen)
		return -EINVAL;
	for (i = 0; i < nlen; i++)
		if (!ref_tchar(name[i]))
			return -EINVAL;
	if (!ref_line(m, len, 0, &e, &next) || !ref_start_line(m, 0, e))
		return -EBADMSG;
	for (s = next; ref_line(m, len, s, &e, &next); s = next) {
		if (e == s)
			break;				/* the empty line */
		if (m[s] == ' ' || m[s] == '\t')
			continue;			/* obs-fold */
		for (colon = s; colon < e && m[colon] != ':'; colon++)
			;
		if (colon == s || colon == e)
			return -EBADMSG;
		for (i = s; i < colon; i++)
			if (!ref_tchar(m[i]))
				return -EBADMSG;
		if (colon - s != nlen || strncasecmp((const char *)m + s, name, nlen))
			continue;
		for (vs = colon + 1; vs < e && (m[vs] == ' ' || m[vs] == '\t'); vs++)
			;
		for (ve = e; ve > vs && (m[ve - 1] == ' ' || m[ve - 1] == '\t'); ve--)
			;
		n = ve - vs < out_len - 1 ? ve - vs : out_len - 1;
		memcpy(out, m + vs, n);
		out[n] = '\0';
		return ve - vs;
	}
	return -ENOENT;
}

#endif /* HTTP_REF_H */
