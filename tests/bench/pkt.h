/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Shared by the packet benchmark's programs (pktkf.bpf.c, pktbpf.bpf.c)
 * and their loader (pktbench.c): the packets' layout, the needle, and the
 * struct in each object's .bss.
 */
#ifndef PKT_H
#define PKT_H

#include <linux/types.h>

/* Every packet: Ethernet (14), IPv4 without options (20), UDP (8). */
#define PKT_HDR 42

/*
 * xmemmem: English-like text from PKT_HDR to the packet's end, with this
 * 16-byte needle as its last bytes; the payload is searched.
 */
#define PKT_NEEDLE "password=hunter2"
#define PKT_NEEDLE_LEN 16

/* The windowed bpf_loop scan: positions per call. */
#define PKT_WIN 256

/* dnsname: a DNS query; its header (12 bytes), then the name. */
#define PKT_DNS_QNAME (PKT_HDR + 12)
#define PKT_DNS_OUT 256

struct pkt_data {
	unsigned char needle[PKT_NEEDLE_LEN];
	/* The window of a bpf_xdp_load_bytes() (and its last position's bytes). */
	unsigned char win[PKT_WIN + PKT_NEEDLE_LEN];
	char out[PKT_DNS_OUT];		/* a decoded name */
	__s64 ret;			/* the program's result */
};

#ifdef __bpf__
/*
 * One XDP program per (job, implementation), named JOB_IMPL, which the
 * loader parses, and runs on each packet of its job: PROG(job, impl) sets
 * data.ret to job_impl_fn(xdp). PROG_N(job, impl, n), named JOB_IMPL_N,
 * sets it to job_impl_fn(xdp, n) and runs on the packet of n bytes only:
 * a program whose loop bound is a constant, as a BPF author's would be.
 * All are "xdp.frags" programs, so that a 9000-byte packet is accepted
 * (as a linear part and page fragments).
 */
#define PROG(job, impl)							\
	SEC("xdp.frags") int job##_##impl(struct xdp_md *xdp)		\
	{								\
		data.ret = job##_##impl##_fn(xdp);			\
		return XDP_PASS;					\
	}
#define PROG_N(job, impl, n)						\
	SEC("xdp.frags") int job##_##impl##_##n(struct xdp_md *xdp)	\
	{								\
		data.ret = job##_##impl##_fn(xdp, n);			\
		return XDP_PASS;					\
	}
#endif

#endif /* PKT_H */
