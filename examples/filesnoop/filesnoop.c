// SPDX-License-Identifier: GPL-2.0
/*
 * filesnoop GLOB: print every file open whose full path matches GLOB (a
 * shell glob: '*' matches '/' too), until SIGINT or SIGTERM, one line each:
 *
 *	open<TAB>PID<TAB>CONTAINER<TAB>CWD<TAB>CMDLINE<TAB>PATH
 *
 * CONTAINER is the container id, or "-" outside containers; the arguments
 * of CMDLINE are separated by spaces. A field the kernel could not give is
 * "?"; one it cut is marked "..." where it was cut. Tabs, newlines and
 * other control bytes of the fields are shown as '?'. Attaches to the
 * file_open LSM hook when the kernel runs the BPF LSM, to
 * security_file_open() with fentry otherwise. Needs root and kfunc.ko.
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>

#include <bpf/libbpf.h>

#include "filesnoop.skel.h"
#include "filesnoop.h"

static volatile sig_atomic_t stop;

static void on_signal(int sig)
{
	stop = sig;
}

/* Whether "bpf" is in the list of active LSMs. */
static int bpf_lsm_active(void)
{
	static const char lsm[] = "/sys/kernel/security/lsm";
	char buf[512], *tok, *save;
	size_t n;
	FILE *f;

	f = fopen(lsm, "r");
	if (!f && mount("securityfs", "/sys/kernel/security", "securityfs", 0, NULL) == 0)
		f = fopen(lsm, "r");
	if (!f)
		return 0;
	n = fread(buf, 1, sizeof(buf) - 1, f);
	fclose(f);
	buf[n] = 0;
	for (tok = strtok_r(buf, ",\n", &save); tok; tok = strtok_r(NULL, ",\n", &save))
		if (!strcmp(tok, "bpf"))
			return 1;
	return 0;
}

/*
 * Print the @len bytes at @s, NULs as spaces (the command line's
 * separators) and other control bytes as '?', so that a field holds no
 * tab or newline.
 */
static void put_field(const char *s, int len)
{
	int i;

	for (i = 0; i < len; i++) {
		unsigned char c = s[i];

		putchar(!c ? ' ' : c < 0x20 || c == 0x7f ? '?' : c);
	}
}

/*
 * A path field: "?" on an error, "..." before it when the kfunc kept only
 * its tail (-E2BIG).
 */
static void put_path(const char *s, size_t size, int ret)
{
	if (ret < 0 && ret != -E2BIG) {
		putchar('?');
		return;
	}
	if (ret == -E2BIG)
		fputs("...", stdout);
	put_field(s, strnlen(s, size));
}

/* @ctx: the count of events printed. */
static int on_event(void *ctx, void *data, size_t size)
{
	const struct event *e = data;
	int n;

	if (size < sizeof(*e))
		return 0;
	++*(unsigned long long *)ctx;
	printf("open\t%u\t", e->pid);
	if (e->id_len == -ENOENT)
		putchar('-');
	else if (e->id_len < 0)
		putchar('?');
	else
		put_field(e->container, strnlen(e->container, sizeof(e->container)));
	putchar('\t');
	put_path(e->cwd, sizeof(e->cwd), e->cwd_len);
	putchar('\t');
	/* The command line: NUL-separated arguments, and a NUL after them. */
	n = e->cmdline_len == -E2BIG ? (int)sizeof(e->cmdline) - 1 : e->cmdline_len;
	if (n < 0 || n >= (int)sizeof(e->cmdline)) {
		putchar('?');
	} else {
		put_field(e->cmdline, n);
		if (e->cmdline_len == -E2BIG)
			fputs("...", stdout);
	}
	putchar('\t');
	put_path(e->path, sizeof(e->path), e->path_len);
	putchar('\n');
	fflush(stdout);
	return 0;
}

int main(int argc, char **argv)
{
	struct ring_buffer *rb = NULL;
	unsigned long long nevents = 0;
	struct filesnoop_bpf *skel;
	int lsm, err, ret = 1;
	size_t len;

	if (argc != 2) {
		fprintf(stderr, "usage: filesnoop GLOB\n");
		return 2;
	}
	signal(SIGINT, on_signal);
	signal(SIGTERM, on_signal);

	skel = filesnoop_bpf__open();
	if (!skel) {
		fprintf(stderr, "filesnoop: cannot open the BPF object: %s\n", strerror(errno));
		return 1;
	}
	len = strlen(argv[1]);
	if (len >= sizeof(skel->bss->glob)) {
		fprintf(stderr, "filesnoop: a glob of at most %zu bytes\n",
			sizeof(skel->bss->glob) - 1);
		goto out;
	}
	memcpy(skel->bss->glob, argv[1], len + 1);
	lsm = bpf_lsm_active();
	bpf_program__set_autoload(lsm ? skel->progs.snoop_fentry : skel->progs.snoop_lsm, false);
	if (filesnoop_bpf__load(skel)) {
		fprintf(stderr, "filesnoop: cannot load the BPF program (is kfunc.ko loaded?): %s\n",
			strerror(errno));
		goto out;
	}
	if (filesnoop_bpf__attach(skel)) {
		fprintf(stderr, "filesnoop: cannot attach to %s: %s\n",
			lsm ? "the file_open LSM hook" : "security_file_open", strerror(errno));
		goto out;
	}
	rb = ring_buffer__new(bpf_map__fd(skel->maps.events), on_event, &nevents, NULL);
	if (!rb) {
		fprintf(stderr, "filesnoop: cannot open the ring buffer: %s\n", strerror(errno));
		goto out;
	}
	printf("filesnoop: attached (%s)\n", lsm ? "lsm" : "fentry");
	fflush(stdout);

	while (!stop) {
		err = ring_buffer__poll(rb, 500);
		if (err < 0 && err != -EINTR) {
			fprintf(stderr, "filesnoop: reading the ring buffer: %s\n", strerror(-err));
			goto out;
		}
	}
	/* What arrived between the signal and now. */
	ring_buffer__consume(rb);
	printf("filesnoop: %llu events, %llu lost\n", nevents,
	       (unsigned long long)skel->bss->lost);
	ret = 0;
out:
	ring_buffer__free(rb);
	filesnoop_bpf__destroy(skel);
	return ret;
}
