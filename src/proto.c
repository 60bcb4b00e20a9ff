// SPDX-License-Identifier: GPL-2.0
/*
 * Protobuf kfuncs (bpf-headers/kfuncs/proto.h): glue over src/lib/pb.c,
 * on memory, on an sk_buff and on an XDP buffer (read where they lie).
 */
#include <linux/errno.h>
#include <linux/minmax.h>

#include <kfuncs/proto.h>

#include "compat.h"
#include "lib/kfl.h"
#include "pkt.h"

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

/* The verifier passes the real context: @skb is the sk_buff. */
__bpf_kfunc int kf_skb_pb_get_varint(struct __sk_buff *skb, u32 offset, u32 field, u64 *value)
{
	struct kfl_src src;
	struct kf_pkt p;

	if (!kf_skb_src((struct sk_buff *)skb, offset, &p, &src))
		return -EINVAL;
	return kf_pb_varint(&src, &field, 1, value);
}

/* The verifier passes the real context: @xdp is the xdp_buff. */
__bpf_kfunc int kf_xdp_pb_get_varint(struct xdp_md *xdp, u32 offset, u32 field, u64 *value)
{
	struct kfl_src src;
	struct kf_pkt p;

	if (!kf_xdp_src((struct xdp_buff *)xdp, offset, &p, &src))
		return -EINVAL;
	return kf_pb_varint(&src, &field, 1, value);
}
