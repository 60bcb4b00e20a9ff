// SPDX-License-Identifier: GPL-2.0
/*
 * The packet benchmark's kfunc programs (pktbench.c): one call of the
 * kfunc per run, on the packet of the BPF_PROG_TEST_RUN; pktbpf.bpf.c does
 * the same jobs in pure BPF. The empty programs measure the run's floor.
 */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>
#include <kfuncs/dns.h>
#include <kfuncs/packet.h>

#include "pkt.h"

struct pkt_data data;

char LICENSE[] SEC("license") = "GPL";

/* The needle (in .bss: kfunc memory must be writable) in the payload. */
static __always_inline int xmemmem_kf_fn(struct xdp_md *xdp)
{
	return kf_xdp_memmem(xdp, PKT_HDR, ~0U, (char *)data.needle, PKT_NEEDLE_LEN);
}

PROG(xmemmem, kf)

/* The question's name, as text. */
static __always_inline int dnsname_kf_fn(struct xdp_md *xdp)
{
	return kf_xdp_dns_name(xdp, PKT_HDR, PKT_DNS_QNAME - PKT_HDR, data.out, sizeof(data.out));
}

PROG(dnsname, kf)

/* Nothing: the floor; its result is the packet's linear part. */
static __always_inline int linear(struct xdp_md *xdp)
{
	return xdp->data_end - xdp->data;
}

#define xmemmem_none_fn linear
#define dnsname_none_fn linear

PROG(xmemmem, none)
PROG(dnsname, none)
