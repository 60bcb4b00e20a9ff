// SPDX-License-Identifier: GPL-2.0
/*
 * dnsblock IFNAME FILE: attach examples/dnsblock to IFNAME's XDP hook,
 * drop the DNS queries for the names FILE lists until SIGINT or SIGTERM,
 * then detach and print what the filter did. Needs root and kfunc.ko.
 *
 * FILE holds one pattern a line, as kf_domain_match takes them:
 *
 *	example.com	example.com only
 *	*.example.com	the names under example.com, not example.com
 *	.example.com	both
 *
 * Letters match either case. '#' starts a comment; blank lines and the
 * white space around a pattern are ignored. At most 64 patterns of at
 * most 255 bytes each, printable ASCII. A line that is not a pattern is
 * an error, with its number: each pattern goes through kf_domain_match in
 * a syscall program before the filter is attached, so that the loader
 * accepts exactly what the filter will.
 *
 * The program goes to the driver's XDP hook (native mode) where the
 * driver has one (veth has), else to the generic one (skb mode); the
 * "attached" line says which.
 */
#include <errno.h>
#include <linux/if_link.h>
#include <net/if.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <bpf/bpf.h>
#include <bpf/libbpf.h>

#include "dnsblock.skel.h"
#include "dnsblock.h"

static volatile sig_atomic_t stop;

static void on_signal(int sig)
{
	stop = sig;
}

/* The list: the patterns and the line each came from. */
static struct pattern list[DNSBLOCK_PATTERNS];
static unsigned int lines[DNSBLOCK_PATTERNS];

/* Read FILE into list: the number of patterns, or -1 after a message. */
static int read_list(const char *file)
{
	unsigned int lineno = 0;
	char *line = NULL, *s, *e;
	size_t cap = 0;
	int n = 0, ret = -1;
	FILE *f;

	f = fopen(file, "r");
	if (!f) {
		fprintf(stderr, "dnsblock: cannot open %s: %s\n", file, strerror(errno));
		return -1;
	}
	while (getline(&line, &cap, f) >= 0) {
		lineno++;
		s = strchr(line, '#');
		if (s)
			*s = 0;
		for (s = line; *s == ' ' || *s == '\t'; s++)
			;
		e = s + strlen(s);
		while (e > s && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\n' || e[-1] == '\r'))
			e--;
		*e = 0;
		if (s == e)
			continue;
		for (e = s; *e > 0x20 && *e < 0x7f; e++)
			;
		if (*e) {
			fprintf(stderr, "dnsblock: %s:%u: one pattern a line, printable ASCII: '%s'\n",
				file, lineno, s);
			goto out;
		}
		if (e - s >= DNSBLOCK_PATTERN_SIZE) {
			fprintf(stderr, "dnsblock: %s:%u: a pattern of over %d bytes\n", file,
				lineno, DNSBLOCK_PATTERN_SIZE - 1);
			goto out;
		}
		if (n == DNSBLOCK_PATTERNS) {
			fprintf(stderr, "dnsblock: %s:%u: over %d patterns\n", file, lineno,
				DNSBLOCK_PATTERNS);
			goto out;
		}
		memcpy(list[n].s, s, e - s + 1);
		lines[n++] = lineno;
	}
	if (ferror(f)) {
		fprintf(stderr, "dnsblock: reading %s: %s\n", file, strerror(errno));
		goto out;
	}
	ret = n;
out:
	free(line);
	fclose(f);
	return ret;
}

/* Fill the patterns map with the @n patterns and have kf_domain_match check each. */
static int load_list(struct dnsblock_bpf *skel, const char *file, int n)
{
	LIBBPF_OPTS(bpf_test_run_opts, run);
	__u32 i;

	for (i = 0; i < (__u32)n; i++) {
		if (bpf_map__update_elem(skel->maps.patterns, &i, sizeof(i), &list[i],
					 sizeof(list[i]), BPF_ANY)) {
			fprintf(stderr, "dnsblock: cannot fill the patterns map: %s\n",
				strerror(errno));
			return -1;
		}
		run.ctx_in = &i;
		run.ctx_size_in = sizeof(i);
		if (bpf_prog_test_run_opts(bpf_program__fd(skel->progs.check_pattern), &run)) {
			fprintf(stderr, "dnsblock: cannot run the pattern check: %s\n",
				strerror(errno));
			return -1;
		}
		if ((int)run.retval < 0) {
			fprintf(stderr, "dnsblock: %s:%u: not a domain pattern: '%s' (%s)\n", file,
				lines[i], list[i].s, strerror(-(int)run.retval));
			return -1;
		}
	}
	return 0;
}

int main(int argc, char **argv)
{
	struct dnsblock_bpf *skel;
	unsigned int ifindex;
	__u32 mode;
	int n, fd, err;

	if (argc != 3) {
		fprintf(stderr, "usage: dnsblock IFNAME FILE\n");
		return 2;
	}
	ifindex = if_nametoindex(argv[1]);
	if (!ifindex) {
		fprintf(stderr, "dnsblock: no interface %s\n", argv[1]);
		return 1;
	}
	n = read_list(argv[2]);
	if (n < 0)
		return 1;
	signal(SIGINT, on_signal);
	signal(SIGTERM, on_signal);

	skel = dnsblock_bpf__open();
	if (!skel) {
		fprintf(stderr, "dnsblock: cannot open the BPF object: %s\n", strerror(errno));
		return 1;
	}
	skel->rodata->npatterns = n;
	if (dnsblock_bpf__load(skel)) {
		fprintf(stderr, "dnsblock: cannot load the BPF program (is kfunc.ko loaded?): %s\n",
			strerror(errno));
		goto out;
	}
	if (load_list(skel, argv[2], n))
		goto out;

	/* Native mode where the driver offers it, else generic. */
	fd = bpf_program__fd(skel->progs.dnsblock);
	mode = XDP_FLAGS_DRV_MODE;
	err = bpf_xdp_attach(ifindex, fd, XDP_FLAGS_UPDATE_IF_NOEXIST | mode, NULL);
	if (err && err != -EBUSY && err != -EEXIST) {
		mode = XDP_FLAGS_SKB_MODE;
		err = bpf_xdp_attach(ifindex, fd, XDP_FLAGS_UPDATE_IF_NOEXIST | mode, NULL);
	}
	if (err) {
		fprintf(stderr, "dnsblock: cannot attach to %s's XDP hook: %s\n", argv[1],
			strerror(-err));
		goto out;
	}
	printf("dnsblock: attached to %s (xdp %s), %d patterns from %s\n", argv[1],
	       mode == XDP_FLAGS_DRV_MODE ? "native" : "generic", n, argv[2]);
	fflush(stdout);

	while (!stop)
		pause();

	bpf_xdp_detach(ifindex, mode, NULL);
	printf("dnsblock: %llu passed, %llu dropped, %llu malformed, %llu not DNS\n",
	       (unsigned long long)skel->bss->passed, (unsigned long long)skel->bss->dropped,
	       (unsigned long long)skel->bss->malformed,
	       (unsigned long long)skel->bss->notdns);
out:
	dnsblock_bpf__destroy(skel);
	return stop ? 0 : 1;
}
