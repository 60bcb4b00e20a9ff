// SPDX-License-Identifier: GPL-2.0
/*
 * pbfilter IFNAME [PORT]: attach examples/pbfilter to IFNAME's tc ingress,
 * filter UDP datagrams to PORT (default 7777) until SIGINT or SIGTERM,
 * then detach and print what the filter did. Needs root and kfunc.ko.
 */
#include <errno.h>
#include <net/if.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <bpf/libbpf.h>

#include "pbfilter.skel.h"

static volatile sig_atomic_t stop;

static void on_signal(int sig)
{
	stop = sig;
}

int main(int argc, char **argv)
{
	LIBBPF_OPTS(bpf_tc_hook, hook, .attach_point = BPF_TC_INGRESS);
	LIBBPF_OPTS(bpf_tc_opts, opts, .handle = 1, .priority = 1);
	struct pbfilter_bpf *skel;
	int err, created = 0;
	unsigned int ifindex;

	if (argc < 2 || argc > 3) {
		fprintf(stderr, "usage: pbfilter IFNAME [PORT]\n");
		return 2;
	}
	ifindex = if_nametoindex(argv[1]);
	if (!ifindex) {
		fprintf(stderr, "pbfilter: no interface %s\n", argv[1]);
		return 1;
	}
	signal(SIGINT, on_signal);
	signal(SIGTERM, on_signal);

	skel = pbfilter_bpf__open();
	if (!skel) {
		fprintf(stderr, "pbfilter: cannot open the BPF object: %s\n", strerror(errno));
		return 1;
	}
	if (argc == 3)
		skel->rodata->port = atoi(argv[2]);
	if (pbfilter_bpf__load(skel)) {
		fprintf(stderr, "pbfilter: cannot load the BPF program (is kfunc.ko loaded?): %s\n",
			strerror(errno));
		goto out;
	}

	hook.ifindex = ifindex;
	err = bpf_tc_hook_create(&hook);
	if (err && err != -EEXIST) {
		fprintf(stderr, "pbfilter: cannot create the clsact qdisc on %s: %s\n", argv[1],
			strerror(-err));
		goto out;
	}
	created = !err;
	opts.prog_fd = bpf_program__fd(skel->progs.pbfilter);
	err = bpf_tc_attach(&hook, &opts);
	if (err) {
		fprintf(stderr, "pbfilter: cannot attach to %s ingress: %s\n", argv[1],
			strerror(-err));
		goto out;
	}
	printf("pbfilter: attached to %s ingress, UDP port %u\n", argv[1], skel->rodata->port);
	fflush(stdout);

	while (!stop)
		pause();

	opts.flags = opts.prog_fd = opts.prog_id = 0;
	bpf_tc_detach(&hook, &opts);
	printf("pbfilter: %llu passed, %llu dropped, %llu malformed, %llu non-linear\n",
	       (unsigned long long)skel->bss->passed, (unsigned long long)skel->bss->dropped,
	       (unsigned long long)skel->bss->malformed,
	       (unsigned long long)skel->bss->nonlinear);
out:
	if (created) {
		hook.attach_point = BPF_TC_INGRESS | BPF_TC_EGRESS;
		bpf_tc_hook_destroy(&hook);
	}
	pbfilter_bpf__destroy(skel);
	return stop ? 0 : 1;
}
