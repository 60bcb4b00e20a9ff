// SPDX-License-Identifier: GPL-2.0
/*
 * dnsblock: an XDP program that drops the DNS queries for the names of a
 * block list and passes everything else.
 *
 * A query is a UDP datagram to port 53 over IPv4 or IPv6 (up to four
 * IPv6 extension headers before UDP are walked; a longer chain passes as
 * "not DNS"). kf_xdp_dns_name reads the first question's name where it
 * lies in the packet, compression pointers followed, into a per-CPU map
 * value (KF_DNS_NAME_MAX bytes: the text of any name, more than the BPF
 * stack holds); kf_domain_match then tries each pattern of the list, an
 * array map the loader fills, in a bpf_loop.
 *
 * Malformed queries are dropped, and counted "malformed" (not "dropped"):
 * a message shorter than a DNS header, one whose question count is not
 * 1, one whose first name kf_xdp_dns_name refuses (a compression loop, a
 * forward pointer, a label past the end...). The filter cannot tell which
 * name such a query asks for, but a server may still read one: dnsmasq,
 * for one, follows forward pointers, and a second question is not looked
 * at here. Passing what the filter cannot read would be a way around the
 * list, and no resolver sends such queries (RFC 9619: one question).
 *
 * Fragments: the first fragment of a datagram is judged on what it holds
 * (a name cut by its end is malformed: the datagram is lost); the others
 * carry no UDP header and pass as "not DNS".
 */
#include <linux/bpf.h>
#include <linux/if_ether.h>
#include <linux/in.h>
#include <linux/ip.h>
#include <linux/ipv6.h>
#include <linux/udp.h>
#include <bpf/bpf_endian.h>
#include <bpf/bpf_helpers.h>
#include <kfuncs/dns.h>

#include "dnsblock.h"

#define ENOENT 2
#define DNS_PORT 53
#define DNS_HLEN 12
#define IPV6_EXT_MAX 4

/* Set by the loader: how many entries of patterns it fills. */
volatile const __u32 npatterns;

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, DNSBLOCK_PATTERNS);
	__type(key, __u32);
	__type(value, struct pattern);
} patterns SEC(".maps");

struct name {
	char s[KF_DNS_NAME_MAX];
};

struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, struct name);
} scratch SEC(".maps");

/* Counters the loader prints. */
__u64 passed, dropped, malformed, notdns;

/* The name check_pattern matches patterns against (kfunc memory: writable). */
char probe[1];

/*
 * The offset of the UDP header after an IPv6 header and its extension
 * headers, or 0: not UDP, not the first fragment, or too long a chain.
 */
static __always_inline __u32 ipv6_udp(struct xdp_md *xdp)
{
	__u32 i, off = ETH_HLEN + sizeof(struct ipv6hdr);
	struct ipv6hdr ip6;
	__u8 next, h[4];

	if (bpf_xdp_load_bytes(xdp, ETH_HLEN, &ip6, sizeof(ip6)))
		return 0;
	next = ip6.nexthdr;
	for (i = 0; i < IPV6_EXT_MAX; i++) {
		if (next == IPPROTO_UDP)
			return off;
		if (next != IPPROTO_HOPOPTS && next != IPPROTO_ROUTING &&
		    next != IPPROTO_FRAGMENT && next != IPPROTO_DSTOPTS)
			return 0;
		if (bpf_xdp_load_bytes(xdp, off, h, sizeof(h)))
			return 0;
		if (next == IPPROTO_FRAGMENT) {
			/* A fragment offset: not the first fragment. */
			if ((h[2] << 8 | h[3]) & 0xfff8)
				return 0;
			off += 8;
		} else {
			off += (h[1] + 1) * 8;
		}
		next = h[0];
	}
	return next == IPPROTO_UDP ? off : 0;
}

/* Where the DNS message of a UDP datagram to port 53 starts, or 0. */
static __always_inline __u32 dns_offset(struct xdp_md *xdp)
{
	__u32 off = ETH_HLEN;
	struct udphdr udp;
	struct ethhdr eth;
	struct iphdr ip;

	if (bpf_xdp_load_bytes(xdp, 0, &eth, sizeof(eth)))
		return 0;
	if (eth.h_proto == bpf_htons(ETH_P_IP)) {
		if (bpf_xdp_load_bytes(xdp, off, &ip, sizeof(ip)) || ip.ihl < 5 ||
		    ip.protocol != IPPROTO_UDP || (ip.frag_off & bpf_htons(0x1fff)))
			return 0;
		off += ip.ihl * 4;
	} else if (eth.h_proto == bpf_htons(ETH_P_IPV6)) {
		off = ipv6_udp(xdp);
		if (!off)
			return 0;
	} else {
		return 0;
	}
	if (bpf_xdp_load_bytes(xdp, off, &udp, sizeof(udp)) || udp.dest != bpf_htons(DNS_PORT))
		return 0;
	return off + sizeof(udp);
}

/*
 * bpf_loop's callback for pattern @index: 1 (stop) when it matches the
 * name in scratch, with *@hit set. The callback is verified once, however
 * long the list.
 */
static long match(__u64 index, int *hit)
{
	__u32 zero = 0, i = index;
	struct name *name = bpf_map_lookup_elem(&scratch, &zero);
	struct pattern *p = bpf_map_lookup_elem(&patterns, &i);

	if (!name || !p)
		return 1;
	*hit = kf_domain_match(name->s, sizeof(name->s), p->s, sizeof(p->s)) == 1;
	return *hit;
}

SEC("xdp")
int dnsblock(struct xdp_md *xdp)
{
	__u32 off = dns_offset(xdp), zero = 0;
	__u8 hdr[DNS_HLEN];
	struct name *name;
	int hit = 0;

	if (!off) {
		__sync_fetch_and_add(&notdns, 1);
		return XDP_PASS;
	}
	name = bpf_map_lookup_elem(&scratch, &zero);
	if (!name)
		return XDP_PASS;
	/* A header whose QDCOUNT (bytes 4-5) is 1, and the question's name. */
	if (bpf_xdp_load_bytes(xdp, off, hdr, sizeof(hdr)) || hdr[4] || hdr[5] != 1 ||
	    kf_xdp_dns_name(xdp, off, KF_DNS_QUESTION_OFF, name->s, sizeof(name->s)) < 0) {
		__sync_fetch_and_add(&malformed, 1);
		return XDP_DROP;
	}
	bpf_loop(npatterns, match, &hit, 0);
	if (hit) {
		__sync_fetch_and_add(&dropped, 1);
		return XDP_DROP;
	}
	__sync_fetch_and_add(&passed, 1);
	return XDP_PASS;
}

/*
 * The loader's check of pattern *@index, run with BPF_PROG_TEST_RUN:
 * kf_domain_match's own verdict, -EINVAL when it is not a pattern. The
 * list is checked by the code that will use it.
 */
SEC("syscall")
int check_pattern(__u32 *index)
{
	__u32 i = *index;
	struct pattern *p = bpf_map_lookup_elem(&patterns, &i);

	if (!p)
		return -ENOENT;
	return kf_domain_match(probe, sizeof(probe), p->s, sizeof(p->s));
}

char LICENSE[] SEC("license") = "GPL";
