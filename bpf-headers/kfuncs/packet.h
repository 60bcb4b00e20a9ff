/* SPDX-License-Identifier: (GPL-2.0 OR BSD-2-Clause) */
/*
 * Search a packet's bytes where they lie: the linear part and the paged
 * fragments of an sk_buff (its frag_list too), the linear part and the
 * fragments of a multi-buffer XDP packet. Nothing is copied to the BPF
 * stack and the program needs no bounds checks or loops; a match that
 * straddles two fragments is found like any other.
 *
 * Offsets count from the start of the packet data the program sees
 * (skb->data: at tc, the Ethernet header; xdp->data). The searched range
 * is [@start, @end), @end clamped to the packet's length (pass ~0U for
 * "to the end").
 */
#ifndef _KFUNCS_PACKET_H
#define _KFUNCS_PACKET_H

#include <kfuncs/common.h>

struct __sk_buff;
struct xdp_md;

/* The longest needle the search kfuncs accept, in bytes. */
#define KF_MEMMEM_MAX 256

/*
 * kf_skb_memmem - the first occurrence of bytes in a packet
 * @skb:        the program's context
 * @start:      the first byte searched
 * @end:        the byte after the last one searched; past the packet's
 *              end means its end
 * @needle, @needle__sz: the bytes sought, 1 to KF_MEMMEM_MAX of them (NUL
 *              is an ordinary byte); @needle__sz readable bytes
 *
 * Return: the offset in the packet where the first match starts (a match
 * lies wholly inside the range); -ENOENT when there is none, also when
 * the range is empty or shorter than the needle (@start at or past the
 * end included); -EINVAL when @needle__sz is 0 or over KF_MEMMEM_MAX.
 * Programs: tc (sched_cls) only, from 6.1.
 */
extern int kf_skb_memmem(struct __sk_buff *skb, __u32 start, __u32 end,
			 const char *needle, __u32 needle__sz) KF_KSYM;

/*
 * kf_skb_memcasemem - kf_skb_memmem, ASCII letters matching either case
 * (a-z and A-Z only; every other byte matches only itself).
 *
 * Return: as kf_skb_memmem.
 * Programs: tc (sched_cls) only, from 6.1.
 */
extern int kf_skb_memcasemem(struct __sk_buff *skb, __u32 start, __u32 end,
			     const char *needle, __u32 needle__sz) KF_KSYM;

/*
 * kf_xdp_memmem - kf_skb_memmem on an XDP packet: the linear part, then
 * (programs loaded as "xdp.frags") the fragments of a multi-buffer packet
 * @xdp: the program's context
 * @start, @end, @needle, @needle__sz: as kf_skb_memmem
 *
 * Return: as kf_skb_memmem.
 * Programs: XDP only, from 6.1.
 */
extern int kf_xdp_memmem(struct xdp_md *xdp, __u32 start, __u32 end,
			 const char *needle, __u32 needle__sz) KF_KSYM;

/*
 * kf_xdp_memcasemem - kf_xdp_memmem, ASCII letters matching either case.
 *
 * Return: as kf_skb_memmem.
 * Programs: XDP only, from 6.1.
 */
extern int kf_xdp_memcasemem(struct xdp_md *xdp, __u32 start, __u32 end,
			     const char *needle, __u32 needle__sz) KF_KSYM;

#endif /* _KFUNCS_PACKET_H */
