/* SPDX-License-Identifier: (GPL-2.0 OR BSD-2-Clause) */
/*
 * DNS names: decode a name of a DNS message (RFC 1035), compression
 * pointers followed, from memory or in place from a packet; and match a
 * name against a domain pattern.
 *
 * The text is the name's presentation form in lower case, as dig and
 * dnspython print it: labels joined by '.', no final dot ("." for the
 * root); inside a label each of the bytes  " ( ) . ; \ @ $  is written
 * as '\' and the byte, and a byte under 0x21 or over 0x7e as '\' and its
 * three decimal digits ("\000"); 'A'-'Z' become 'a'-'z', no other byte is
 * changed. The text is NUL-terminated.
 *
 * Malformed names are -EBADMSG, never a read outside the message, in
 * bounded time: a name or label running past the message's end (the
 * offset of the name at or past it too); a length byte 64 to 191 (label
 * types 0x40 and 0x80); a compression pointer that does not point before
 * the start of the labels it ends (the first byte read since the last
 * pointer, or the name's offset): loops and forward pointers, refused as
 * dnspython refuses them; a name that follows more than 127 compression
 * pointers (a name has at most 127 labels; dnspython stops at 16); a name
 * over 255 bytes in wire form (length bytes, label bytes and the final
 * zero; pointers do not count).
 */
#ifndef _KFUNCS_DNS_H
#define _KFUNCS_DNS_H

#include <kfuncs/common.h>

struct __sk_buff;
struct xdp_md;

/*
 * A buffer of KF_DNS_NAME_MAX bytes holds the text of any name; one of
 * KF_DNS_NAME_LDH_MAX holds any name made only of letters, digits, '-'
 * and '_' (253 characters and the NUL).
 */
#define KF_DNS_NAME_MAX 1004
#define KF_DNS_NAME_LDH_MAX 254

/* The offset of the first question's name in a DNS message. */
#define KF_DNS_QUESTION_OFF 12

/*
 * kf_dns_name - the text of the domain name at an offset of a DNS message
 * @msg, @msg__sz: the message (from its header on), @msg__sz readable bytes
 * @off:           where the name starts, from the message's start
 *                 (KF_DNS_QUESTION_OFF for the first question)
 * @name, @name__sz: where the text and its NUL go; @name__sz writable bytes
 *
 * Return: the offset just past the name's bytes at @off (after its final
 * zero, or after its first compression pointer): a question's type and
 * class, or a record's type, start there; -EBADMSG for a malformed name
 * (checked whole before the text's size); -E2BIG when the text and its
 * NUL need more than @name__sz bytes (@name then holds the text's first
 * @name__sz - 1 bytes and a NUL); -EINVAL when @name__sz is 0. @name's
 * content after -EBADMSG is unspecified.
 * Programs: all, from 6.1.
 */
extern int kf_dns_name(const void *msg, __u32 msg__sz, __u32 off,
		       char *name, __u32 name__sz) KF_KSYM;

/*
 * kf_skb_dns_name - kf_dns_name on a DNS message in a packet, read in
 * place (linear part and fragments alike)
 * @skb:     the program's context
 * @msg_off: where the message starts in the packet (from skb->data); it
 *           runs to the packet's end
 * @off, @name, @name__sz: as kf_dns_name, @off from the message's start
 *
 * Return: as kf_dns_name (offsets from the message's start); -EBADMSG
 * also when @msg_off is at or past the packet's end.
 * Programs: tc (sched_cls) only, from 6.1.
 */
extern int kf_skb_dns_name(struct __sk_buff *skb, __u32 msg_off, __u32 off,
			   char *name, __u32 name__sz) KF_KSYM;

/*
 * kf_xdp_dns_name - kf_skb_dns_name on an XDP packet (from xdp->data;
 * fragments of a multi-buffer packet included, in "xdp.frags" programs)
 *
 * Return: as kf_skb_dns_name.
 * Programs: XDP only, from 6.1.
 */
extern int kf_xdp_dns_name(struct xdp_md *xdp, __u32 msg_off, __u32 off,
			   char *name, __u32 name__sz) KF_KSYM;

/*
 * kf_domain_match - whether a domain name matches a domain pattern
 * @name, @name__sz:       the name, a C string (up to its first NUL, or all
 *                         @name__sz bytes), as kf_dns_name writes it
 * @pattern, @pattern__sz: the pattern, a C string, one of:
 *     "example.com"    matches the name example.com only
 *     "*.example.com"  matches every name under example.com
 *                      (a.example.com, a.b.example.com), not example.com
 *     ".example.com"   matches both
 *
 * One final dot of the name and of the pattern is ignored; ASCII letters
 * match either case, every other byte only itself. "Under" goes by whole
 * labels: "*.example.com" does not match "badexample.com". In the name,
 * "\." is a dot inside a label (kf_dns_name's escape), not a separator:
 * "*.example.com" does not match "a\.example.com".
 *
 * Return: 1 when it matches, 0 when not; -EINVAL when the pattern is not
 * one: empty after its final dot is dropped, "*", "*." or "."; a '*'
 * anywhere but a leading "*." (this is not a glob: see kf_glob_match); an
 * empty label ("a..com", "..com", "*..com").
 * Programs: all, from 6.1.
 */
extern int kf_domain_match(const char *name, __u32 name__sz,
			   const char *pattern, __u32 pattern__sz) KF_KSYM;

#endif /* _KFUNCS_DNS_H */
