// SPDX-License-Identifier: GPL-2.0
/*
 * hostfilter: a tc ingress filter that drops the HTTP/1.x requests (TCP
 * to one port, IPv4, or IPv6 without extension headers) whose Host
 * matches a shell glob, and passes everything else.
 *
 * kf_skb_http_header reads the Host field where it lies in the packet,
 * paged fragments included, into a per-CPU map value. There it is put
 * in the form the glob is matched against: letters in lower case (the
 * loader lowers the glob too), a final ":PORT" and one final dot dropped,
 * so that "X.Example.COM.:80" is "x.example.com". The glob is in .bss: a
 * kfunc's memory arguments must be writable memory.
 *
 * A request without a Host field passes; one whose Host is too long to
 * be a host name (over 255 bytes) is dropped. A segment that does not
 * start with an HTTP/1.x request line and header lines (the handshake,
 * ACKs, the continuation of a long request or body, another protocol)
 * passes, counted "other". Each segment is judged alone, as by any
 * per-packet filter: a request split so that its Host line is not in its
 * first segment, or with a line kf_skb_http_header refuses before it,
 * gets through; stopping those takes reassembly (a proxy). The client
 * sends a dropped request again until it gives up.
 */
#include <linux/bpf.h>
#include <linux/if_ether.h>
#include <linux/in.h>
#include <linux/ip.h>
#include <linux/ipv6.h>
#include <linux/pkt_cls.h>
#include <linux/tcp.h>
#include <bpf/bpf_endian.h>
#include <bpf/bpf_helpers.h>
#include <kfuncs/http.h>
#include <kfuncs/string.h>

#define EBADMSG 74
#define HOST_SIZE 256
#define PORT_DIGITS 5

/* Set by the loader. */
volatile const __u16 port = 80;
char glob[256];

/* Counters the loader prints. */
__u64 passed, dropped, other;

/* The field sought, copied into the buffer (kfunc memory: writable). */
char field[] = "Host";

struct host {
	char s[HOST_SIZE];
};

struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, struct host);
} scratch SEC(".maps");

/* Where the payload of a TCP segment to port starts, or 0. */
static __always_inline __u32 tcp_payload(struct __sk_buff *skb)
{
	__u32 off = ETH_HLEN;
	struct ipv6hdr ip6;
	struct tcphdr tcp;
	struct iphdr ip;

	if (skb->protocol == bpf_htons(ETH_P_IP)) {
		if (bpf_skb_load_bytes(skb, off, &ip, sizeof(ip)) || ip.ihl < 5 ||
		    ip.protocol != IPPROTO_TCP || (ip.frag_off & bpf_htons(0x1fff)))
			return 0;
		off += ip.ihl * 4;
	} else if (skb->protocol == bpf_htons(ETH_P_IPV6)) {
		if (bpf_skb_load_bytes(skb, off, &ip6, sizeof(ip6)) || ip6.nexthdr != IPPROTO_TCP)
			return 0;
		off += sizeof(ip6);
	} else {
		return 0;
	}
	if (bpf_skb_load_bytes(skb, off, &tcp, sizeof(tcp)) || tcp.dest != bpf_htons(port))
		return 0;
	return off + tcp.doff * 4;
}

/*
 * The @len bytes of @s (below HOST_SIZE) in lower case, without a final
 * ":PORT" (at most PORT_DIGITS digits; an IPv6 literal keeps its colons:
 * they are followed by more than digits, or by ']') and one final dot;
 * NUL-terminated.
 */
static __always_inline void normalize(char *s, __u32 len)
{
	__u32 i, end = len;
	int colon;
	char c;

	for (i = 0; i < HOST_SIZE - 1; i++) {
		if (i >= len)
			break;
		c = s[i];
		if (c >= 'A' && c <= 'Z')
			s[i] = c + ('a' - 'A');
	}
	colon = kf_strrchr(s, HOST_SIZE, ':');
	if (colon >= 0) {
		end = colon;
		for (i = 1; i <= PORT_DIGITS + 1; i++) {
			if (colon + i >= len)
				break;
			c = s[(colon + i) & (HOST_SIZE - 1)];
			if (c < '0' || c > '9' || i > PORT_DIGITS) {
				end = len;
				break;
			}
		}
	}
	end &= HOST_SIZE - 1;
	if (end && s[(end - 1) & (HOST_SIZE - 1)] == '.')
		end--;
	s[end & (HOST_SIZE - 1)] = 0;
}

SEC("tc")
int hostfilter(struct __sk_buff *skb)
{
	__u32 off = tcp_payload(skb), zero = 0;
	struct host *h;
	int ret;

	if (!off)
		return TC_ACT_OK;
	h = bpf_map_lookup_elem(&scratch, &zero);
	if (!h)
		return TC_ACT_OK;
	__builtin_memcpy(h->s, field, sizeof(field));
	ret = off < skb->len ? kf_skb_http_header(skb, off, h->s, sizeof(h->s)) : -EBADMSG;
	if (ret == -EBADMSG) {
		/* No request line: a segment without payload, or not a request's first. */
		__sync_fetch_and_add(&other, 1);
		return TC_ACT_OK;
	}
	if (ret >= HOST_SIZE) {
		__sync_fetch_and_add(&dropped, 1);
		return TC_ACT_SHOT;
	}
	if (ret >= 0) {
		normalize(h->s, ret);
		if (kf_glob_match(glob, sizeof(glob), h->s, sizeof(h->s)) == 1) {
			__sync_fetch_and_add(&dropped, 1);
			return TC_ACT_SHOT;
		}
	}
	__sync_fetch_and_add(&passed, 1);
	return TC_ACT_OK;
}

char LICENSE[] SEC("license") = "GPL";
