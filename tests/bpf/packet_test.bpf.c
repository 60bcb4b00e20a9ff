// SPDX-License-Identifier: GPL-2.0
/*
 * BPF side of the packet kfunc tests (packet_test.c). One tc and one XDP
 * program serve BPF_PROG_TEST_RUN packets and, attached to lo's ingress,
 * real (non-linear) UDP datagrams: each acts only on UDP packets to port
 * dport (Ethernet, then IPv4 without options, then UDP), as @mode says.
 * Syscall programs run the memory forms.
 */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

#include <kfuncs/dns.h>
#include <kfuncs/http.h>
#include <kfuncs/packet.h>
#include <kfuncs/string.h>

#define PAYLOAD 42		/* Ethernet 14 + IPv4 20 + UDP 8 */
/*
 * The positions a MODE_EVERY_* run checks. The verifier walks every
 * iteration of these loops: with 1024 the programs took 140 s to load on
 * the debug kernel (KASAN, lockdep), more than all their runs.
 */
#define WINDOW 128
#define MSG 4096

enum {
	MODE_MEMMEM = 1,	/* one search: start, end, needle, icase */
	MODE_DNS,		/* one name: msg_off, name_off, name_size */
	MODE_HTTP,		/* one header: msg_off, hbuf */
	MODE_EVERY_POS,		/* every position from..to finds itself */
	MODE_EVERY_NAME,	/* every 17-byte name from..to decodes */
};

/* Inputs. */
__u32 mode, dport, icase;
__u32 start, end, needle_len;
char needle[2 * KF_MEMMEM_MAX];
__u32 msg_off, name_off, name_size;
__u32 from, to, step;

/* Outputs. */
__u32 seen, pkt_len, pkt_head;
__s64 ret;
char name[KF_DNS_NAME_MAX];
char hbuf[256];
__u32 hbuf_size;
__u32 checked, bad, first_bad;
__s64 bad_ret;

/* The memory forms (syscall programs). */
char msg[MSG];
__u32 msg_len;
char dname[256], pattern[256];
__u32 dname_len, pattern_len;

/* What MODE_EVERY_NAME expects of each name. */
char www[] = "www.example.com";

static __always_inline __u32 cap(__u32 v, __u32 max)
{
	return v > max ? max : v;
}

static __always_inline void failed_at(__u32 pos, __s64 r)
{
	if (!bad++) {
		first_bad = pos;
		bad_ret = r;
	}
}

/* The memmem forms, on either context. */
#define SEARCH(kind, ctx, s, e, n, len)						\
	(icase ? kf_##kind##_memcasemem(ctx, s, e, n, len) : kf_##kind##_memmem(ctx, s, e, n, len))

/*
 * Every position p of [from, to) (at most WINDOW of them): the @len bytes
 * there, searched from p, are found at p; the range [p, p + len) finds
 * them; [p, p + len - 1) does not.
 */
#define EVERY_POS(kind, ctx, load)						\
	do {									\
		__u32 i, p, len = 16;						\
		char buf[16];							\
		__s64 r;							\
										\
		for (i = 0; i < WINDOW; i++) {					\
			p = from + i;						\
			if (p >= to)						\
				break;						\
			if (load(ctx, p, buf, sizeof(buf)))			\
				break;						\
			checked++;						\
			r = SEARCH(kind, ctx, p, ~0U, buf, len);		\
			if (r != p) {						\
				failed_at(p, r);				\
				continue;					\
			}							\
			r = SEARCH(kind, ctx, p, p + len, buf, len);		\
			if (r != p)						\
				failed_at(p, r);				\
			r = SEARCH(kind, ctx, p, p + len - 1, buf, len);	\
			if (r != -2 /* -ENOENT */)				\
				failed_at(p, r);				\
		}								\
	} while (0)

/* Every 17-byte "www.example.com" name at from + k * 17 below to. */
#define EVERY_NAME(kind, ctx)							\
	do {									\
		__u32 i, off;							\
		__s64 r;							\
										\
		for (i = 0; i < WINDOW; i++) {					\
			off = from + i * 17;					\
			if (off >= to)						\
				break;						\
			checked++;						\
			r = kf_##kind##_dns_name(ctx, msg_off, off, name, 64);	\
			if (r != off + 17 || kf_strcmp(name, 64, www, sizeof(www)))	\
				failed_at(off, r);				\
		}								\
	} while (0)

/* The UDP destination port, or 0 for another packet. */
static __always_inline __u32 udp_dport(const void *data, const void *data_end)
{
	const unsigned char *p = data;

	if (data + PAYLOAD > data_end || p[12] != 8 || p[13] != 0 || p[14] != 0x45 || p[23] != 17)
		return 0;
	return p[36] << 8 | p[37];
}

SEC("tc")
int tc_run(struct __sk_buff *skb)
{
	if (udp_dport((void *)(long)skb->data, (void *)(long)skb->data_end) != dport)
		return 0;
	seen++;
	pkt_len = skb->len;
	pkt_head = skb->data_end - skb->data;
	switch (mode) {
	case MODE_MEMMEM:
		ret = SEARCH(skb, skb, start, end, needle, cap(needle_len, sizeof(needle)));
		break;
	case MODE_DNS:
		ret = kf_skb_dns_name(skb, msg_off, name_off, name, cap(name_size, sizeof(name)));
		break;
	case MODE_HTTP:
		ret = kf_skb_http_header(skb, msg_off, hbuf, cap(hbuf_size, sizeof(hbuf)));
		break;
	case MODE_EVERY_POS:
		EVERY_POS(skb, skb, bpf_skb_load_bytes);
		break;
	case MODE_EVERY_NAME:
		EVERY_NAME(skb, skb);
		break;
	}
	return 0;
}

SEC("xdp.frags")
int xdp_run(struct xdp_md *xdp)
{
	if (udp_dport((void *)(long)xdp->data, (void *)(long)xdp->data_end) != dport)
		return XDP_PASS;
	seen++;
	pkt_len = bpf_xdp_get_buff_len(xdp);
	pkt_head = xdp->data_end - xdp->data;
	switch (mode) {
	case MODE_MEMMEM:
		ret = SEARCH(xdp, xdp, start, end, needle, cap(needle_len, sizeof(needle)));
		break;
	case MODE_DNS:
		ret = kf_xdp_dns_name(xdp, msg_off, name_off, name, cap(name_size, sizeof(name)));
		break;
	case MODE_EVERY_POS:
		EVERY_POS(xdp, xdp, bpf_xdp_load_bytes);
		break;
	case MODE_EVERY_NAME:
		EVERY_NAME(xdp, xdp);
		break;
	}
	return XDP_PASS;
}

SEC("syscall")
int dns_mem(void *ctx)
{
	ret = kf_dns_name(msg, cap(msg_len, sizeof(msg)), name_off, name,
			  cap(name_size, sizeof(name)));
	return 0;
}

SEC("syscall")
int domain(void *ctx)
{
	ret = kf_domain_match(dname, cap(dname_len, sizeof(dname)), pattern,
			      cap(pattern_len, sizeof(pattern)));
	return 0;
}

SEC("syscall")
int http_mem(void *ctx)
{
	ret = kf_http_header(msg, cap(msg_len, sizeof(msg)), hbuf, cap(hbuf_size, sizeof(hbuf)));
	return 0;
}

char LICENSE[] SEC("license") = "GPL";
