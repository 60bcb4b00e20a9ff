// SPDX-License-Identifier: GPL-2.0
/*
 * Packet kfuncs (bpf-headers/kfuncs/packet.h, dns.h, http.h): a packet's
 * bytes read where they lie, the linear part and the fragments, for the
 * logic of src/lib (memmem.c, dns.c, http.c).
 */
#include <linux/errno.h>
#include <linux/minmax.h>
#include <linux/skbuff.h>
#include <linux/string.h>
#include <net/xdp.h>

#include <kfuncs/dns.h>
#include <kfuncs/http.h>
#include <kfuncs/packet.h>

#include "compat.h"
#include "lib/kfl.h"
#include "pkt.h"

static_assert(KF_MEMMEM_MAX == KFL_MEMMEM_MAX && KF_DNS_NAME_MAX == KFL_DNS_NAME_MAX);

/* skb_copy_bits() reads linear data, paged fragments and frag_list alike. */
static int kf_skb_read(const void *ctx, unsigned int off, void *buf, unsigned int n)
{
	const struct kf_pkt *p = ctx;

	return skb_copy_bits(p->pkt, p->offset + off, buf, n) ? -EFAULT : 0;
}

bool kf_skb_src(struct sk_buff *skb, u32 offset, struct kf_pkt *p, struct kfl_src *src)
{
	*p = (struct kf_pkt){ .pkt = skb, .offset = offset };
	*src = (struct kfl_src){ .ctx = p };
	if (offset > skb->len)
		return false;
	src->len = skb->len - offset;
	if (offset + src->len <= skb_headlen(skb))
		src->data = skb->data + offset;
	else
		src->read = kf_skb_read;
	return true;
}

/*
 * The piece of a (multi-buffer) XDP packet holding byte @at: the linear
 * part, then the fragments of its shared info in order. Its length from
 * @at, or 0 when @at is past the end.
 */
static u32 kf_xdp_piece(struct xdp_buff *xdp, u32 at, const u8 **data)
{
	u32 head = xdp->data_end - xdp->data, i, size;
	struct skb_shared_info *sinfo;

	if (at < head) {
		*data = xdp->data + at;
		return head - at;
	}
	if (!xdp_buff_has_frags(xdp))
		return 0;
	sinfo = xdp_get_shared_info_from_buff(xdp);
	at -= head;
	for (i = 0; i < sinfo->nr_frags; i++) {
		size = skb_frag_size(&sinfo->frags[i]);
		if (at < size) {
			*data = skb_frag_address(&sinfo->frags[i]);
			if (!*data)
				return 0;
			*data += at;
			return size - at;
		}
		at -= size;
	}
	return 0;
}

static int kf_xdp_read(const void *ctx, unsigned int off, void *buf, unsigned int n)
{
	const struct kf_pkt *p = ctx;
	u32 at = p->offset + off, len;
	const u8 *data;

	while (n) {
		len = kf_xdp_piece((struct xdp_buff *)p->pkt, at, &data);
		if (!len)
			return -EFAULT;
		len = min(len, n);
		memcpy(buf, data, len);
		buf += len;
		at += len;
		n -= len;
	}
	return 0;
}

bool kf_xdp_src(struct xdp_buff *xdp, u32 offset, struct kf_pkt *p, struct kfl_src *src)
{
	u32 len = xdp_get_buff_len(xdp);

	*p = (struct kf_pkt){ .pkt = xdp, .offset = offset };
	*src = (struct kfl_src){ .ctx = p };
	if (offset > len)
		return false;
	src->len = len - offset;
	if (offset + src->len <= xdp->data_end - xdp->data)
		src->data = xdp->data + offset;
	else
		src->read = kf_xdp_read;
	return true;
}

/* Pieces of [at, end) for kfl_memmem_blocks. */
struct kf_skb_pieces {
	struct skb_seq_state st;
	u32 consumed, len;
};

static unsigned int kf_skb_next(void *ctx, const unsigned char **p)
{
	struct kf_skb_pieces *s = ctx;
	u32 n;

	if (s->consumed >= s->len)
		return 0;
	/* A piece may run past the range's end: cut it there. */
	n = min(skb_seq_read(s->consumed, p, &s->st), s->len - s->consumed);
	s->consumed += n;
	return n;
}

struct kf_xdp_pieces {
	struct xdp_buff *xdp;
	u32 at, end;
};

static unsigned int kf_xdp_next(void *ctx, const unsigned char **p)
{
	struct kf_xdp_pieces *s = ctx;
	u32 n;

	if (s->at >= s->end)
		return 0;
	n = min(kf_xdp_piece(s->xdp, s->at, p), s->end - s->at);
	s->at += n;
	return n;
}

/* The range [@start, min(@end, @len)), or false when it cannot hold @n bytes. */
static bool kf_range(u32 start, u32 *end, u32 len, u32 n)
{
	*end = min(*end, len);
	return start < *end && *end - start >= n;
}

static int kf_skb_search(struct __sk_buff *ctx, u32 start, u32 end,
			 const char *needle, u32 needle__sz, int icase)
{
	struct sk_buff *skb = (struct sk_buff *)ctx;
	struct kf_skb_pieces s = { };
	long r;

	if (!needle__sz || needle__sz > KF_MEMMEM_MAX)
		return -EINVAL;
	if (!kf_range(start, &end, skb->len, needle__sz))
		return -ENOENT;
	s.len = end - start;
	skb_prepare_seq_read(skb, start, end, &s.st);
	r = kfl_memmem_blocks(kf_skb_next, &s, needle, needle__sz, icase);
	/* Unmaps the fragment being read, if any. */
	skb_abort_seq_read(&s.st);
	return r < 0 ? r : start + r;
}

static int kf_xdp_search(struct xdp_md *ctx, u32 start, u32 end,
			 const char *needle, u32 needle__sz, int icase)
{
	struct xdp_buff *xdp = (struct xdp_buff *)ctx;
	struct kf_xdp_pieces s = { .xdp = xdp, .at = start };
	long r;

	if (!needle__sz || needle__sz > KF_MEMMEM_MAX)
		return -EINVAL;
	if (!kf_range(start, &end, xdp_get_buff_len(xdp), needle__sz))
		return -ENOENT;
	s.end = end;
	r = kfl_memmem_blocks(kf_xdp_next, &s, needle, needle__sz, icase);
	return r < 0 ? r : start + r;
}

/* The verifier passes the real context: @skb is the sk_buff. */
__bpf_kfunc int kf_skb_memmem(struct __sk_buff *skb, u32 start, u32 end,
			      const char *needle, u32 needle__sz)
{
	return kf_skb_search(skb, start, end, needle, needle__sz, 0);
}

__bpf_kfunc int kf_skb_memcasemem(struct __sk_buff *skb, u32 start, u32 end,
				  const char *needle, u32 needle__sz)
{
	return kf_skb_search(skb, start, end, needle, needle__sz, 1);
}

/* The verifier passes the real context: @xdp is the xdp_buff. */
__bpf_kfunc int kf_xdp_memmem(struct xdp_md *xdp, u32 start, u32 end,
			      const char *needle, u32 needle__sz)
{
	return kf_xdp_search(xdp, start, end, needle, needle__sz, 0);
}

__bpf_kfunc int kf_xdp_memcasemem(struct xdp_md *xdp, u32 start, u32 end,
				  const char *needle, u32 needle__sz)
{
	return kf_xdp_search(xdp, start, end, needle, needle__sz, 1);
}

static int kf_dns(const struct kfl_src *src, u32 off, char *name, u32 name__sz)
{
	if (!name__sz)
		return -EINVAL;
	return kfl_dns_name(src, off, name, name__sz);
}

__bpf_kfunc int kf_dns_name(const void *msg, u32 msg__sz, u32 off, char *name, u32 name__sz)
{
	struct kfl_src src = { .data = msg, .len = msg__sz };

	return kf_dns(&src, off, name, name__sz);
}

/* An offset past the end leaves an empty message: -EBADMSG. */
__bpf_kfunc int kf_skb_dns_name(struct __sk_buff *skb, u32 msg_off, u32 off,
				char *name, u32 name__sz)
{
	struct kfl_src src;
	struct kf_pkt p;

	kf_skb_src((struct sk_buff *)skb, msg_off, &p, &src);
	return kf_dns(&src, off, name, name__sz);
}

__bpf_kfunc int kf_xdp_dns_name(struct xdp_md *xdp, u32 msg_off, u32 off,
				char *name, u32 name__sz)
{
	struct kfl_src src;
	struct kf_pkt p;

	kf_xdp_src((struct xdp_buff *)xdp, msg_off, &p, &src);
	return kf_dns(&src, off, name, name__sz);
}

__bpf_kfunc int kf_domain_match(const char *name, u32 name__sz,
				const char *pattern, u32 pattern__sz)
{
	return kfl_domain_match(name, name__sz, pattern, pattern__sz);
}

/* @buf holds the name in and the value out (kfl_http_header allows it). */
static int kf_http(const struct kfl_src *src, char *buf, u32 buf__sz)
{
	long r;

	if (!buf__sz)
		return -EINVAL;
	r = kfl_http_header(src, buf, buf__sz, buf, buf__sz);
	return r > INT_MAX ? INT_MAX : r;
}

__bpf_kfunc int kf_http_header(const void *msg, u32 msg__sz, char *buf, u32 buf__sz)
{
	struct kfl_src src = { .data = msg, .len = msg__sz };

	return kf_http(&src, buf, buf__sz);
}

__bpf_kfunc int kf_skb_http_header(struct __sk_buff *skb, u32 offset, char *buf, u32 buf__sz)
{
	struct kfl_src src;
	struct kf_pkt p;

	kf_skb_src((struct sk_buff *)skb, offset, &p, &src);
	return kf_http(&src, buf, buf__sz);
}
