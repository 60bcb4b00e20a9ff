// SPDX-License-Identifier: GPL-2.0
/*
 * The packet benchmark's pure-BPF programs (pktbench.c): pktkf.bpf.c's
 * jobs as a BPF author writes them without the module.
 *
 * xmemmem, the needle in the payload:
 *   loop   direct packet access, a bounded loop over the positions (the
 *          largest packet a constant, as for an MTU: one program per
 *          packet size): the first byte tested, then the rest compared.
 *          It reads the linear part only. Its twin "limit", whose bound
 *          the loader sets before loading it, serves to search for the
 *          largest bound the verifier accepts.
 *   cb     bpf_loop() over the positions, each one's 16 bytes fetched with
 *          bpf_xdp_load_bytes() (which reads fragments too)
 *   win    bpf_loop() over windows of PKT_WIN positions: one
 *          bpf_xdp_load_bytes() of PKT_WIN + 15 bytes a call, then the
 *          loop's scan in the copy
 *
 * dnsname, the question's name (as bcc's examples/networking/dns_matching
 * reads it: byte by byte in a bounded loop of 255, the limit of a name in
 * wire form; direct packet access here, where bcc's socket filter uses
 * load_byte):
 *   bcc    its loop: the name's bytes, length bytes included, copied until
 *          the zero byte (the wire form, which its hash map is keyed by)
 *   walk   the same loop turned into kf_dns_name's text: a '.' for each
 *          length byte but the first, letters in lower case, a NUL at the
 *          end; a compression pointer or a label type is refused (not
 *          followed), other bytes are not escaped
 * Each program loads alone, so that one the verifier refuses stops none of
 * the others.
 */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

#include "pkt.h"

#define ENOENT 2
#define EBADMSG 74

struct pkt_data data;

char LICENSE[] SEC("license") = "GPL";

/* ---- xmemmem ---- */

/* Packets of up to @max bytes. */
static __always_inline int xmemmem_loop_fn(struct xdp_md *xdp, __u32 max)
{
	void *pkt = (void *)(long)xdp->data, *end = (void *)(long)xdp->data_end;
	unsigned char *p;
	__u32 i, j;

	for (i = PKT_HDR; i + PKT_NEEDLE_LEN <= max; i++) {
		p = pkt + i;
		if ((void *)(p + PKT_NEEDLE_LEN) > end)
			break;
		if (p[0] != data.needle[0])
			continue;
		for (j = 1; j < PKT_NEEDLE_LEN; j++)
			if (p[j] != data.needle[j])
				break;
		if (j == PKT_NEEDLE_LEN)
			return i;
	}
	return -ENOENT;
}

/*
 * The loop with its bound a constant to the verifier (a frozen .rodata
 * value) that the loader sets before each load; read once, so that the
 * loop tests a register as it would an immediate. (clang's code is not
 * quite the constant's: this program is not timed.)
 */
const volatile __u32 loop_max = 1500;

static __always_inline int xmemmem_limit_fn(struct xdp_md *xdp)
{
	return xmemmem_loop_fn(xdp, loop_max);
}

struct scan_ctx {
	struct xdp_md *xdp;
	__u32 off, end;		/* the next window; the packet's length */
	int found;
};

/* Position PKT_HDR + @i: its 16 bytes fetched, then compared. */
static long xmemmem_step(__u64 i, void *ctx)
{
	struct scan_ctx *c = ctx;
	unsigned char buf[PKT_NEEDLE_LEN];
	__u32 off = PKT_HDR + i, j;

	if (bpf_xdp_load_bytes(c->xdp, off, buf, sizeof(buf)))
		return 1;
	if (buf[0] != data.needle[0])
		return 0;
	for (j = 1; j < PKT_NEEDLE_LEN; j++)
		if (buf[j] != data.needle[j])
			return 0;
	c->found = off;
	return 1;
}

static __always_inline int xmemmem_cb_fn(struct xdp_md *xdp)
{
	struct scan_ctx c = { .xdp = xdp, .found = -ENOENT };
	__u32 len = bpf_xdp_get_buff_len(xdp);

	if (len < PKT_HDR + PKT_NEEDLE_LEN)
		return -ENOENT;
	bpf_loop(len - PKT_HDR - PKT_NEEDLE_LEN + 1, xmemmem_step, &c, 0);
	return c.found;
}

/*
 * The next window: the PKT_WIN positions from c->off, their bytes fetched
 * with one bpf_xdp_load_bytes() into data.win, then scanned as the loop
 * does. (The offset is carried in @ctx: computed from the index, it costs
 * the verifier of 6.12 over a million instructions, where this way costs
 * it a few hundred thousand.)
 */
static long xmemmem_win_step(__u64 k, void *ctx)
{
	struct scan_ctx *c = ctx;
	__u32 off = c->off, len, n, s, j;

	if (off >= c->end)
		return 1;
	len = c->end - off;
	if (len < PKT_NEEDLE_LEN)
		return 1;
	if (len > sizeof(data.win))
		len = sizeof(data.win);
	if (bpf_xdp_load_bytes(c->xdp, off, data.win, len))
		return 1;
	n = len - PKT_NEEDLE_LEN + 1;	/* positions in this window */
	for (s = 0; s < PKT_WIN && s < n; s++) {
		if (data.win[s] != data.needle[0])
			continue;
		for (j = 1; j < PKT_NEEDLE_LEN; j++)
			if (data.win[s + j] != data.needle[j])
				break;
		if (j == PKT_NEEDLE_LEN) {
			c->found = off + s;
			return 1;
		}
	}
	c->off = off + PKT_WIN;
	return 0;
}

static __always_inline int xmemmem_win_fn(struct xdp_md *xdp)
{
	struct scan_ctx c = { .xdp = xdp, .off = PKT_HDR, .found = -ENOENT };

	c.end = bpf_xdp_get_buff_len(xdp);
	if (c.end < PKT_HDR + PKT_NEEDLE_LEN)
		return -ENOENT;
	bpf_loop((c.end - PKT_HDR - PKT_NEEDLE_LEN) / PKT_WIN + 1, xmemmem_win_step, &c, 0);
	return c.found;
}

PROG_N(xmemmem, loop, 64)
PROG_N(xmemmem, loop, 512)
PROG_N(xmemmem, loop, 1500)
PROG_N(xmemmem, loop, 9000)
PROG(xmemmem, limit)
PROG(xmemmem, cb)
PROG(xmemmem, win)

/* ---- dnsname ---- */

#define DNS_WIRE_MAX 255

static __always_inline int dnsname_bcc_fn(struct xdp_md *xdp)
{
	void *pkt = (void *)(long)xdp->data, *end = (void *)(long)xdp->data_end;
	unsigned char *c;
	int i;

	for (i = 0; i < DNS_WIRE_MAX; i++) {
		c = pkt + PKT_DNS_QNAME + i;
		if ((void *)(c + 1) > end)
			return -EBADMSG;
		if (*c == 0)
			break;
		data.out[i] = *c;
	}
	return i;
}

static __always_inline int dnsname_walk_fn(struct xdp_md *xdp)
{
	void *pkt = (void *)(long)xdp->data, *end = (void *)(long)xdp->data_end;
	unsigned char *p, c;
	__u32 i, left = 0;

	for (i = 0; i < DNS_WIRE_MAX; i++) {
		p = pkt + PKT_DNS_QNAME + i;
		if ((void *)(p + 1) > end)
			return -EBADMSG;
		c = *p;
		if (!left) {		/* a length byte */
			if (!c)
				break;
			if (c > 63)
				return -EBADMSG;
			if (i)
				data.out[i - 1] = '.';
			left = c;
			continue;
		}
		if (c >= 'A' && c <= 'Z')
			c += 'a' - 'A';
		data.out[i - 1] = c;
		left--;
	}
	if (i == DNS_WIRE_MAX || !i)
		return -EBADMSG;
	data.out[i - 1] = 0;
	/* The offset past the name in the message, as kf_dns_name's. */
	return PKT_DNS_QNAME - PKT_HDR + i + 1;
}

PROG(dnsname, bcc)
PROG(dnsname, walk)
