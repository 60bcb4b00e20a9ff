// SPDX-License-Identifier: GPL-2.0
/*
 * pbfilter: a tc ingress filter that drops UDP datagrams (to one port)
 * whose payload is a length-prefixed protobuf message with field 1
 * ("drop") set to 1, and passes everything else.
 *
 * The payload is a varint length, then the message, which must fill the
 * rest of the datagram (protobuf's "delimited" framing). kf_skb_pb_get_varint
 * reads the message where it lies in the packet, paged fragments of a
 * large datagram included: nothing is copied to the BPF stack.
 */
#include <linux/bpf.h>
#include <linux/if_ether.h>
#include <linux/in.h>
#include <linux/ip.h>
#include <linux/pkt_cls.h>
#include <linux/udp.h>
#include <bpf/bpf_endian.h>
#include <bpf/bpf_helpers.h>
#include <kfuncs/proto.h>

#define ENOENT 2
#define ENOMSG 42
#define FIELD_DROP 1

/* Set by the loader. */
volatile const __u16 port = 7777;

/* Counters the loader prints. */
__u64 passed, dropped, malformed, nonlinear;

/* The varint length prefix at @off: its value in *@len, its size, or 0. */
static __always_inline int prefix(struct __sk_buff *skb, __u32 off, __u32 *len)
{
	__u32 i, v = 0;
	__u8 b;

	for (i = 0; i < 5; i++) {
		if (bpf_skb_load_bytes(skb, off + i, &b, 1))
			return 0;
		v |= (__u32)(b & 0x7f) << (7 * i);
		if (!(b & 0x80)) {
			*len = v;
			return i + 1;
		}
	}
	return 0;
}

SEC("tc")
int pbfilter(struct __sk_buff *skb)
{
	__u32 off = ETH_HLEN, len;
	struct udphdr udp;
	struct iphdr ip;
	__u64 drop;
	int n, ret;

	if (skb->protocol != bpf_htons(ETH_P_IP) ||
	    bpf_skb_load_bytes(skb, off, &ip, sizeof(ip)) ||
	    ip.protocol != IPPROTO_UDP || (ip.frag_off & bpf_htons(0x3fff)))
		return TC_ACT_OK;
	off += ip.ihl * 4;
	if (bpf_skb_load_bytes(skb, off, &udp, sizeof(udp)) || udp.dest != bpf_htons(port))
		return TC_ACT_OK;
	off += sizeof(udp);

	if (skb->data_end - skb->data < skb->len)
		__sync_fetch_and_add(&nonlinear, 1);
	n = prefix(skb, off, &len);
	if (!n || off + n + len != skb->len) {
		/* Not a delimited message filling the datagram: not ours to judge. */
		__sync_fetch_and_add(&malformed, 1);
		return TC_ACT_OK;
	}
	ret = kf_skb_pb_get_varint(skb, off + n, FIELD_DROP, &drop);
	if (!ret && drop == 1) {
		__sync_fetch_and_add(&dropped, 1);
		return TC_ACT_SHOT;
	}
	if (ret && ret != -ENOENT && ret != -ENOMSG)
		__sync_fetch_and_add(&malformed, 1);
	__sync_fetch_and_add(&passed, 1);
	return TC_ACT_OK;
}

char LICENSE[] SEC("license") = "GPL";
