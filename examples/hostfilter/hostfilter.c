// SPDX-License-Identifier: GPL-2.0
/*
 * hostfilter IFNAME PORT GLOB: attach examples/hostfilter to IFNAME's tc
 * ingress, drop the HTTP requests to TCP port PORT whose Host matches GLOB
 * (a shell glob, as kf_glob_match takes it: '*.example.com'), until
 * SIGINT or SIGTERM, then detach and print what the filter did. Letters
 * match either case (the glob is lowered here, the Host there); the Host
 * is matched without its port and final dot. Needs root and kfunc.ko.
 */
#include <ctype.h>
#include <errno.h>
#include <net/if.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <bpf/libbpf.h>

#include "hostfilter.skel.h"

static volatile sig_atomic_t stop;

static void on_signal(int sig)
{
	stop = sig;
}

int main(int argc, char **argv)
{
	LIBBPF_OPTS(bpf_tc_hook, hook, .attach_point = BPF_TC_INGRESS);
	LIBBPF_OPTS(bpf_tc_opts, opts, .handle = 1, .priority = 1);
	struct hostfilter_bpf *skel;
	int err, created = 0;
	unsigned int ifindex;
	size_t i, len;
	char *end;
	long port;

	if (argc != 4) {
		fprintf(stderr, "usage: hostfilter IFNAME PORT GLOB\n");
		return 2;
	}
	ifindex = if_nametoindex(argv[1]);
	if (!ifindex) {
		fprintf(stderr, "hostfilter: no interface %s\n", argv[1]);
		return 1;
	}
	port = strtol(argv[2], &end, 10);
	if (*end || end == argv[2] || port < 1 || port > 65535) {
		fprintf(stderr, "hostfilter: not a port: %s\n", argv[2]);
		return 2;
	}
	signal(SIGINT, on_signal);
	signal(SIGTERM, on_signal);

	skel = hostfilter_bpf__open();
	if (!skel) {
		fprintf(stderr, "hostfilter: cannot open the BPF object: %s\n", strerror(errno));
		return 1;
	}
	len = strlen(argv[3]);
	if (len >= sizeof(skel->bss->glob)) {
		fprintf(stderr, "hostfilter: a glob of at most %zu bytes\n",
			sizeof(skel->bss->glob) - 1);
		goto out;
	}
	for (i = 0; i <= len; i++)
		skel->bss->glob[i] = tolower((unsigned char)argv[3][i]);
	skel->rodata->port = port;
	if (hostfilter_bpf__load(skel)) {
		fprintf(stderr, "hostfilter: cannot load the BPF program (is kfunc.ko loaded?): %s\n",
			strerror(errno));
		goto out;
	}

	hook.ifindex = ifindex;
	err = bpf_tc_hook_create(&hook);
	if (err && err != -EEXIST) {
		fprintf(stderr, "hostfilter: cannot create the clsact qdisc on %s: %s\n", argv[1],
			strerror(-err));
		goto out;
	}
	created = !err;
	opts.prog_fd = bpf_program__fd(skel->progs.hostfilter);
	err = bpf_tc_attach(&hook, &opts);
	if (err) {
		fprintf(stderr, "hostfilter: cannot attach to %s ingress: %s\n", argv[1],
			strerror(-err));
		goto out;
	}
	printf("hostfilter: attached to %s ingress, TCP port %u, Host glob '%s'\n", argv[1],
	       skel->rodata->port, skel->bss->glob);
	fflush(stdout);

	while (!stop)
		pause();

	opts.flags = opts.prog_fd = opts.prog_id = 0;
	bpf_tc_detach(&hook, &opts);
	printf("hostfilter: %llu passed, %llu dropped, %llu other\n",
	       (unsigned long long)skel->bss->passed, (unsigned long long)skel->bss->dropped,
	       (unsigned long long)skel->bss->other);
out:
	if (created) {
		hook.attach_point = BPF_TC_INGRESS | BPF_TC_EGRESS;
		bpf_tc_hook_destroy(&hook);
	}
	hostfilter_bpf__destroy(skel);
	return stop ? 0 : 1;
}
