/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A packet's bytes as a src/lib message source (struct kfl_src), read
 * where they lie: the kfuncs of proto.c and packet.c share these.
 */
#ifndef KF_PKT_H
#define KF_PKT_H

#include <linux/types.h>

#include "lib/kfl.h"

struct sk_buff;
struct xdp_buff;

struct kf_pkt {
	const void *pkt;
	u32 offset;
};

/*
 * The bytes of @skb (@xdp) from @offset to the packet's end, as *@src
 * (@p holds what src's reader needs: it must live as long as @src). A
 * message wholly in the linear part is read in place as flat memory.
 * Return: false when @offset is past the end (*@src is then empty).
 */
bool kf_skb_src(struct sk_buff *skb, u32 offset, struct kf_pkt *p, struct kfl_src *src);
bool kf_xdp_src(struct xdp_buff *xdp, u32 offset, struct kf_pkt *p, struct kfl_src *src);

#endif /* KF_PKT_H */
