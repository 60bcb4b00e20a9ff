/* SPDX-License-Identifier: (GPL-2.0 OR BSD-2-Clause) */
/*
 * HTTP/1.x: the value of a header field of a request or a response, from
 * memory or in place from a packet.
 *
 * The message must start with a complete start line, else -EBADMSG: a
 * request line "METHOD SP TARGET SP HTTP/1.D" (METHOD a token, TARGET one
 * or more bytes 0x21-0x7e, D a digit) and its end, or a status line
 * "HTTP/1.D SP DDD" and then its end, or SP and anything up to its end.
 * A line ends with LF; a CR just before it belongs to the ending.
 *
 * Only the header block is searched: the lines after the start line up
 * to the first empty line, or to the message's end when there is none (a
 * request cut by the packet's end); its last line counts only when its LF
 * is in the message. A line "NAME:VALUE" is a field when NAME is a token
 * (RFC 9110's tchars, no white space before the colon). A line starting
 * with SP or HT (obsolete line folding) is skipped: values are not
 * unfolded. Any other line before the field is found is -EBADMSG. The
 * field is the first whose NAME equals the name sought, ASCII
 * case-insensitively; its value is VALUE without leading or trailing SP
 * and HT.
 *
 * One buffer carries the name in and the value out (a BPF call has five
 * arguments at most): on entry @buf holds the name, a C string (up to its
 * first NUL, or all @buf__sz bytes); on success it holds the value, cut
 * to @buf__sz - 1 bytes and NUL-terminated. On an error @buf is
 * unchanged.
 */
#ifndef _KFUNCS_HTTP_H
#define _KFUNCS_HTTP_H

#include <kfuncs/common.h>

struct __sk_buff;

/*
 * kf_http_header - the value of a header field of an HTTP/1.x message
 * @msg, @msg__sz: the message, from its start line on; @msg__sz readable
 *                 bytes
 * @buf, @buf__sz: in: the field name ("Host"); out: its value;
 *                 @buf__sz writable bytes
 *
 * Return: the value's full length (over @buf__sz - 1 when it was cut);
 * -ENOENT when no field of the header block has that name; -EBADMSG when
 * the message is not HTTP/1.x as above; -EINVAL when the name is empty or
 * holds a byte that is not a tchar (':', white space...).
 * Programs: all, from 6.1.
 */
extern int kf_http_header(const void *msg, __u32 msg__sz, char *buf, __u32 buf__sz) KF_KSYM;

/*
 * kf_skb_http_header - kf_http_header on a message in a packet, read in
 * place (linear part and fragments alike)
 * @skb:    the program's context
 * @offset: where the message starts (its start line), from skb->data;
 *          it runs to the packet's end
 * @buf, @buf__sz: as kf_http_header
 *
 * Return: as kf_http_header; -EBADMSG also when @offset is at or past the
 * packet's end.
 * Programs: tc (sched_cls) only, from 6.1.
 */
extern int kf_skb_http_header(struct __sk_buff *skb, __u32 offset,
			      char *buf, __u32 buf__sz) KF_KSYM;

#endif /* _KFUNCS_HTTP_H */
