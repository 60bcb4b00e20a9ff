// SPDX-License-Identifier: GPL-2.0
/*
 * Protobuf kfuncs (bpf-headers/kfuncs/proto.h): glue over src/lib/pb.c,
 * on memory, on an sk_buff and on an XDP buffer (read where they lie).
 */
#include <linux/errno.h>
#include <linux/skbuff.h>
#include <linux/string.h>
#include <net/xdp.h>

#include <kfuncs/proto.h>

#include "compat.h"
#include "lib/kfl.h"

static int kf_pb_path(const struct kfl_src *src, const u32 *path, u32 depth,
		      unsigned int wire_type, struct kfl_pb_field *f)
{
	int ret = kfl_pb_find(src, path, depth, f);

	if (!ret && f->wire_type != wire_type)
		return -ENOMSG;
	return ret;
}

static int kf_pb_varint(const struct kfl_src *src, const u32 *path, u32 depth, u64 *value)
{
	struct kfl_pb_field f;
	int ret;

	if (!value)
		return -EINVAL;
	ret = kf_pb_path(src, path, depth, KFL_PB_VARINT, &f);
	if (!ret)
		*value = f.value;
	return ret;
}

static int kf_pb_bytes(const struct kfl_src *src, u32 field, void *out, u32 out_sz)
{
	struct kfl_pb_field f;
	int ret;

	ret = kf_pb_path(src, &field, 1, KFL_PB_LEN, &f);
	if (ret)
		return ret;
	if (f.len > INT_MAX)
		return -EBADMSG;
	if (out && out_sz) {
		ret = kfl_pb_copy(src, f.off, out, min(f.len, out_sz));
		if (ret)
			return ret;
	}
	return f.len;
}

/* @path__sz in bytes: 1 to KF_PB_MAX_DEPTH field numbers. */
static int kf_pb_depth(u32 path__sz, u32 *depth)
{
	if (!path__sz || path__sz % sizeof(u32) || path__sz / sizeof(u32) > KF_PB_MAX_DEPTH)
		return -EINVAL;
	*depth = path__sz / sizeof(u32);
	return 0;
}

__bpf_kfunc int kf_pb_get_varint(const void *msg, u32 msg__sz, u32 field, u64 *value)
{
	struct kfl_src src = { .data = msg, .len = msg__sz };

	return kf_pb_varint(&src, &field, 1, value);
}

/* out__opt: KF_OPT() gives each kernel's name for it (compat.h). */
__bpf_kfunc int kf_pb_get_bytes(const void *msg, u32 msg__sz, u32 field,
				void *KF_OPT(out), u32 out__sz)
{
	struct kfl_src src = { .data = msg, .len = msg__sz };

	return kf_pb_bytes(&src, field, KF_OPT(out), out__sz);
}

__bpf_kfunc int kf_pb_get_varint_path(const void *msg, u32 msg__sz,
				      const u32 *path, u32 path__sz, u64 *value)
{
	struct kfl_src src = { .data = msg, .len = msg__sz };
	u32 depth;

	if (kf_pb_depth(path__sz, &depth))
		return -EINVAL;
	return kf_pb_varint(&src, path, depth, value);
}

struct kf_pkt {
	const void *pkt;
	u32 offset;
};

/* skb_copy_bits() reads linear data and paged fragments alike. */
static int kf_skb_read(const void *ctx, unsigned int off, void *buf, unsigned int n)
{
	const struct kf_pkt *p = ctx;

	return skb_copy_bits(p->pkt, p->offset + off, buf, n) ? -EFAULT : 0;
}

/* The verifier passes the real context: @skb is the sk_buff. */
__bpf_kfunc int kf_skb_pb_get_varint(struct __sk_buff *skb, u32 offset, u32 field, u64 *value)
{
	struct sk_buff *sk = (struct sk_buff *)skb;
	struct kf_pkt p = { .pkt = sk, .offset = offset };
	struct kfl_src src = { .read = kf_skb_read, .ctx = &p };

	if (offset > sk->len)
		return -EINVAL;
	src.len = sk->len - offset;
	return kf_pb_varint(&src, &field, 1, value);
}

/*
 * An XDP buffer: the linear part, then (multi-buffer XDP, "xdp.frags"
 * programs) the fragments of its shared info, in order.
 */
static int kf_xdp_read(const void *ctx, unsigned int off, void *buf, unsigned int n)
{
	const struct kf_pkt *p = ctx;
	struct xdp_buff *xdp = (struct xdp_buff *)p->pkt;
	u32 head = xdp->data_end - xdp->data, at = p->offset + off, i, len;
	struct skb_shared_info *sinfo;

	if (at < head) {
		len = min(n, head - at);
		memcpy(buf, xdp->data + at, len);
		buf += len;
		n -= len;
		at = head;
	}
	if (!n)
		return 0;
	if (!xdp_buff_has_frags(xdp))
		return -EFAULT;
	sinfo = xdp_get_shared_info_from_buff(xdp);
	at -= head;
	for (i = 0; i < sinfo->nr_frags && n; i++) {
		const skb_frag_t *frag = &sinfo->frags[i];
		u32 size = skb_frag_size(frag);
		const void *addr;

		if (at >= size) {
			at -= size;
			continue;
		}
		addr = skb_frag_address(frag);
		if (!addr)
			return -EFAULT;
		len = min(n, size - at);
		memcpy(buf, addr + at, len);
		buf += len;
		n -= len;
		at = 0;
	}
	return n ? -EFAULT : 0;
}

/* The verifier passes the real context: @xdp is the xdp_buff. */
__bpf_kfunc int kf_xdp_pb_get_varint(struct xdp_md *xdp, u32 offset, u32 field, u64 *value)
{
	struct xdp_buff *xb = (struct xdp_buff *)xdp;
	struct kf_pkt p = { .pkt = xb, .offset = offset };
	struct kfl_src src = { .read = kf_xdp_read, .ctx = &p };
	u32 len = xdp_get_buff_len(xb);

	if (offset > len)
		return -EINVAL;
	src.len = len - offset;
	return kf_pb_varint(&src, &field, 1, value);
}
