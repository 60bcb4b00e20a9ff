// SPDX-License-Identifier: GPL-2.0
/*
 * packet_test: the packet kfuncs (kfuncs/packet.h, dns.h, http.h) from real
 * BPF programs on the kernel under test:
 *  - BPF_PROG_TEST_RUN packets: tc (linear), XDP (linear) and multi-buffer
 *    XDP (9000 bytes: a linear part, then page-sized fragments);
 *  - real UDP datagrams of 30000 bytes over lo, which reach tc ingress as
 *    non-linear skbs (headers linear, payload in page fragments): every
 *    position of the packet is searched, and every name of a message that
 *    tiles the payload with names is decoded, so matches and names
 *    straddle each fragment boundary wherever the kernel put it;
 *  - the memory forms (syscall programs).
 * Expected values are written out, not computed by the code under test.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <net/if.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include <bpf/bpf.h>
#include <bpf/libbpf.h>

#include "packet_test.skel.h"
#include "report.h"

#define PAYLOAD 42
#define PORT 7788
#define LIVE 30000
#define WINDOW 128

enum { MODE_MEMMEM = 1, MODE_DNS, MODE_HTTP, MODE_EVERY_POS, MODE_EVERY_NAME };

static struct packet_test_bpf *skel;
static unsigned char pkt[16384];

/* Ethernet, IPv4 (127.0.0.1 to itself), UDP to PORT, then @len payload bytes. */
static size_t frame(const void *payload, size_t len)
{
	unsigned char *p = pkt;
	size_t ip_len = 20 + 8 + len;

	memset(p, 0, PAYLOAD);
	p[12] = 8;
	p[14] = 0x45;
	p[16] = ip_len >> 8;
	p[17] = ip_len;
	p[22] = 64;
	p[23] = 17;
	p[26] = p[30] = 127;
	p[29] = p[33] = 1;
	p[34] = 0x30;
	p[36] = PORT >> 8;
	p[37] = PORT & 0xff;
	p[38] = (8 + len) >> 8;
	p[39] = 8 + len;
	memcpy(p + PAYLOAD, payload, len);
	return PAYLOAD + len;
}

/* Run the tc (@xdp 0) or XDP program on pkt[0, @len): 0 or an errno. */
static int run(int xdp, size_t len)
{
	struct bpf_program *prog = xdp ? skel->progs.xdp_run : skel->progs.tc_run;
	LIBBPF_OPTS(bpf_test_run_opts, opts, .data_in = pkt, .data_size_in = len);
	__u32 seen = skel->bss->seen;

	skel->bss->ret = 12345;
	skel->bss->dport = PORT;
	if (bpf_prog_test_run_opts(bpf_program__fd(prog), &opts))
		return errno;
	return skel->bss->seen == seen + 1 ? 0 : ENOMSG;
}

static int run_syscall(struct bpf_program *prog)
{
	LIBBPF_OPTS(bpf_test_run_opts, opts);

	skel->bss->ret = 12345;
	return bpf_prog_test_run_opts(bpf_program__fd(prog), &opts) ? errno : 0;
}

static const char *kind(int xdp)
{
	return xdp ? "kf_xdp" : "kf_skb";
}

static void set_needle(const void *n, unsigned int len, int icase)
{
	memcpy(skel->bss->needle, n, len < sizeof(skel->bss->needle) ? len : 0);
	skel->bss->needle_len = len;
	skel->bss->icase = icase;
}

/* Random letters (a fixed sequence), so that a needle occurs only where it is put. */
static void fill(unsigned char *p, size_t len, unsigned int seed)
{
	size_t i;

	srandom(seed);
	for (i = 0; i < len; i++)
		p[i] = "abcdefghijklmnopqrstuvwxyz0123456789"[random() % 36];
}

struct search_case {
	const char *what;
	unsigned int start, end;	/* in the packet; start ~1U: its end, ~2U: past it */
	const char *needle;
	unsigned int len;		/* 0: strlen(needle) */
	int icase;
	long long want;			/* from the payload's start; < 0: an error */
};

static void test_search(int xdp, size_t size)
{
	/* The payload: random letters, "Needle-XYZ" at 100 and at the end. */
	static const struct search_case cases[] = {
		{ "the first of two", 0, ~0U, "Needle-XYZ", 0, 0, 100 },
		{ "from after the first: the second, the packet's last bytes", PAYLOAD + 101, ~0U,
		  "Needle-XYZ", 0, 0, -1 },
		{ "end just past the first match", 0, PAYLOAD + 110, "Needle-XYZ", 0, 0, 100 },
		{ "end one byte short of it", 0, PAYLOAD + 109, "Needle-XYZ", 0, 0, -ENOENT },
		{ "other case: not found by kf_*_memmem", 0, ~0U, "NEEDLE-xyz", 0, 0, -ENOENT },
		{ "other case: found by kf_*_memcasemem", 0, ~0U, "NEEDLE-xyz", 0, 1, 100 },
		{ "start at the packet's end", ~1U, ~0U, "N", 0, 0, -ENOENT },
		{ "start past the packet's end", ~2U, ~0U, "N", 0, 0, -ENOENT },
		{ "an empty range", PAYLOAD + 100, PAYLOAD + 100, "N", 0, 0, -ENOENT },
		{ "end before start", PAYLOAD + 100, 3, "N", 0, 0, -ENOENT },
		{ "a needle of 0 bytes", 0, ~0U, "N", 0 + 1000, 0, -EINVAL },
		{ "a needle of KF_MEMMEM_MAX + 1 bytes", 0, ~0U, "N", 257, 0, -EINVAL },
		{ "NUL bytes in the needle are bytes", 0, ~0U, "Needle-XYZ\0", 11, 0, -ENOENT },
	};
	unsigned char payload[9000];
	size_t plen = size - PAYLOAD, n, i;
	int err;

	fill(payload, plen, 1);
	memcpy(payload + 100, "Needle-XYZ", 10);
	memcpy(payload + plen - 10, "Needle-XYZ", 10);
	n = frame(payload, plen);
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		const struct search_case *c = &cases[i];
		unsigned int len = c->len == 1000 ? 0 : c->len ? c->len : strlen(c->needle);
		long long want = c->want == -1 ? (long long)n - 10 :
				 c->want >= 0 ? PAYLOAD + c->want : c->want;

		set_needle(c->needle, len, c->icase);
		skel->bss->mode = MODE_MEMMEM;
		skel->bss->start = c->start == ~1U ? n : c->start == ~2U ? n + 1 : c->start;
		skel->bss->end = c->end;
		err = run(xdp, n);
		report(!err && skel->bss->ret == want,
		       "%s_mem%smem, %zu-byte packet (%u linear): %s: %lld (want %lld)",
		       kind(xdp), c->icase ? "case" : "", n, skel->bss->pkt_head, c->what,
		       (long long)skel->bss->ret, want);
	}
	/* The longest needle: the packet's last 256 bytes. */
	set_needle(pkt + n - 256, 256, 0);
	skel->bss->start = 0;
	skel->bss->end = ~0U;
	err = run(xdp, n);
	report(!err && skel->bss->ret == (long long)n - 256,
	       "%s_memmem: a needle of KF_MEMMEM_MAX bytes, the packet's last: %lld (want %zu)",
	       kind(xdp), (long long)skel->bss->ret, n - 256);
}

/*
 * MODE_EVERY_POS over all of pkt[0, @n) (@n - 15 positions), WINDOW at a
 * time, with @icase: the number of runs, or -1 when one did not run.
 */
static int every_pos(int xdp, size_t n, int icase, unsigned int *head)
{
	unsigned int from, runs = 0;

	skel->bss->mode = MODE_EVERY_POS;
	skel->bss->icase = icase;
	skel->bss->checked = skel->bss->bad = 0;
	for (from = 0; from + 16 <= n; from += WINDOW) {
		skel->bss->from = from;
		skel->bss->to = n - 15;
		if (run(xdp, n))
			return -1;
		runs++;
	}
	*head = skel->bss->pkt_head;
	return runs;
}

static void test_every_pos(int xdp, size_t size)
{
	unsigned char payload[9000];
	unsigned int head;
	int icase;
	size_t n;

	fill(payload, size - PAYLOAD, 2);
	n = frame(payload, size - PAYLOAD);
	for (icase = 0; icase < 2; icase++) {
		int runs = every_pos(xdp, n, icase, &head);

		report(runs > 0 && skel->bss->checked == n - 15 && !skel->bss->bad,
		       "%s_mem%smem, %zu-byte packet (%u linear): every one of %u positions, searched from itself, finds itself; the exact range finds it, one byte less does not (%u wrong, first at %u: %lld)",
		       kind(xdp), icase ? "case" : "", n, head, skel->bss->checked,
		       skel->bss->bad, skel->bss->first_bad, (long long)skel->bss->bad_ret);
	}
}

/* A query for WWW.Example.COM (type A), then pad bytes. */
static const unsigned char query[] = {
	0x12, 0x34, 0x01, 0x00, 0, 1, 0, 0, 0, 0, 0, 0,
	3, 'W', 'W', 'W', 7, 'E', 'x', 'a', 'm', 'p', 'l', 'e', 3, 'C', 'O', 'M', 0,
	0, 1, 0, 1,
	/* An answer whose name is a pointer to the question's (offset 33). */
	0xc0, 0x0c, 0, 1, 0, 1,
	/* A name at 39: "a", then a pointer to itself: a loop. */
	1, 'a', 0xc0, 39,
	/* At 43: a pointer forward, to 47. */
	0xc0, 47, 0, 0,
	/* At 47: "x" and the truncated rest of a label. */
	1, 'x', 5, 'a', 'b',
};

struct dns_case {
	const char *what;
	unsigned int msg_off, off, size, cut;	/* cut: the packet ends there */
	long long want;
	const char *text;
};

static void test_dns(int xdp)
{
	static const struct dns_case cases[] = {
		{ "the question's name", PAYLOAD, 12, 64, 0, 29, "www.example.com" },
		{ "a buffer of exactly the text and its NUL", PAYLOAD, 12, 16, 0, 29,
		  "www.example.com" },
		{ "one byte short: -E2BIG, the text cut", PAYLOAD, 12, 15, 0, -E2BIG,
		  "www.example.co" },
		{ "a compression pointer to the question", PAYLOAD, 33, 64, 0, 35,
		  "www.example.com" },
		{ "a pointer loop", PAYLOAD, 39, 64, 0, -EBADMSG, NULL },
		{ "a forward pointer", PAYLOAD, 43, 64, 0, -EBADMSG, NULL },
		{ "a label past the packet's end", PAYLOAD, 47, 64, 0, -EBADMSG, NULL },
		{ "the packet ends inside the question's name", PAYLOAD, 12, 64, PAYLOAD + 20,
		  -EBADMSG, NULL },
		{ "the message starts at the packet's end", ~1U, 0, 64, 0, -EBADMSG, NULL },
		{ "the message starts past the packet's end", ~2U, 0, 64, 0, -EBADMSG, NULL },
		{ "a name buffer of 0 bytes", PAYLOAD, 12, 0, 0, -EINVAL, NULL },
	};
	size_t n = frame(query, sizeof(query)), i;
	int err;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		const struct dns_case *c = &cases[i];
		size_t len = c->cut ? c->cut : n;

		skel->bss->mode = MODE_DNS;
		skel->bss->msg_off = c->msg_off == ~1U ? len : c->msg_off == ~2U ? len + 1 :
				     c->msg_off;
		skel->bss->name_off = c->off;
		skel->bss->name_size = c->size;
		memset(skel->bss->name, 0x55, sizeof(skel->bss->name));
		err = run(xdp, len);
		report(!err && skel->bss->ret == c->want &&
		       (!c->text || !strcmp(skel->bss->name, c->text)),
		       "%s_dns_name: %s: %lld \"%.64s\" (want %lld \"%s\")", kind(xdp), c->what,
		       (long long)skel->bss->ret, c->text ? skel->bss->name : "",
		       c->want, c->text ? c->text : "");
	}
}

/*
 * The limits, in one message: at 12 a name of exactly 255 bytes on the
 * wire (labels of 63, 63, 63 and 61 bytes), at 267 one of 256; at 523
 * "z", then a chain of 128 pointers, each to the one before (the first to
 * 523): the name at the 127th follows 127 pointers, at the 128th 128; at
 * 782 a label type 0x40.
 */
static void test_dns_limits(int xdp)
{
	static const unsigned int labels[2][4] = { { 63, 63, 63, 61 }, { 63, 63, 63, 62 } };
	static const struct {
		const char *what;
		unsigned int off;
		long long want;
		unsigned int text_len;
	} cases[] = {
		{ "a name of 255 bytes on the wire", 12, 267, 253 },
		{ "a name of 256 bytes on the wire", 267, -EBADMSG, 0 },
		{ "a name that follows 127 pointers", 523 + 3 + 2 * 126, 523 + 3 + 2 * 127, 1 },
		{ "a name that follows 128 pointers", 523 + 3 + 2 * 127, -EBADMSG, 0 },
		{ "a length byte of label type 0x40", 523 + 3 + 2 * 128, -EBADMSG, 0 },
	};
	unsigned char m[1024] = { 0 };
	unsigned int at = 12, i, j, k, prev;
	size_t n, text_len;
	int err;

	for (i = 0; i < 2; i++) {
		for (j = 0; j < 4; j++) {
			m[at++] = labels[i][j];
			for (k = 0; k < labels[i][j]; k++)
				m[at++] = 'a';
		}
		m[at++] = 0;
	}
	memcpy(m + at, "\1z", 3);
	prev = at;
	at += 3;
	for (i = 0; i < 128; i++, at += 2) {
		m[at] = 0xc0 | prev >> 8;
		m[at + 1] = prev;
		prev = at;
	}
	memcpy(m + at, "\x40" "a", 3);
	at += 3;
	n = frame(m, at);
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		skel->bss->mode = MODE_DNS;
		skel->bss->msg_off = PAYLOAD;
		skel->bss->name_off = cases[i].off;
		skel->bss->name_size = sizeof(skel->bss->name);
		err = run(xdp, n);
		text_len = 0;
		if (cases[i].want >= 0)
			text_len = strlen(skel->bss->name);
		report(!err && skel->bss->ret == cases[i].want && text_len == cases[i].text_len,
		       "%s_dns_name: %s: %lld, text of %zu bytes (want %lld, %u)", kind(xdp),
		       cases[i].what, (long long)skel->bss->ret, text_len, cases[i].want,
		       cases[i].text_len);
	}
}

/* @len bytes of back-to-back 17-byte names "\3www\7example\3com\0". */
static void tile_names(unsigned char *p, size_t len)
{
	static const unsigned char www[17] = "\3www\7example\3com";
	size_t i;

	for (i = 0; i < len; i++)
		p[i] = www[i % 17];
}

static void test_every_name(int xdp, size_t size)
{
	unsigned char payload[9000];
	unsigned int from, names;
	size_t n;
	int err = 0;

	tile_names(payload, size - PAYLOAD);
	n = frame(payload, size - PAYLOAD);
	names = (size - PAYLOAD) / 17;
	skel->bss->mode = MODE_EVERY_NAME;
	skel->bss->msg_off = PAYLOAD;
	skel->bss->checked = skel->bss->bad = 0;
	for (from = 0; from < names * 17 && !err; from += WINDOW * 17) {
		skel->bss->from = from;
		skel->bss->to = names * 17;
		err = run(xdp, n);
	}
	report(!err && skel->bss->checked == names && !skel->bss->bad,
	       "%s_dns_name, %zu-byte packet (%u linear): each of its %u names decodes to www.example.com, its end right after it (%u wrong, first at %u: %lld)",
	       kind(xdp), n, skel->bss->pkt_head, skel->bss->checked, skel->bss->bad,
	       skel->bss->first_bad, (long long)skel->bss->bad_ret);
}

struct http_case {
	const char *what;
	const char *msg;
	const char *name;
	unsigned int size;
	long long want;
	const char *value;
};

static const struct http_case http_cases[] = {
	{ "Host, trimmed", "GET / HTTP/1.1\r\nUser-Agent: curl\r\nHost:  Example.COM \t\r\n\r\n",
	  "host", 64, 11, "Example.COM" },
	{ "a response's field", "HTTP/1.1 200 OK\r\nServer: x\r\nContent-Length: 42\r\n\r\n",
	  "content-length", 64, 2, "42" },
	{ "absent", "GET / HTTP/1.1\r\nHost: a\r\n\r\n", "Cookie", 64, -ENOENT, NULL },
	{ "only the header block is searched", "POST / HTTP/1.1\r\nA: 1\r\n\r\nHost: b\r\n",
	  "host", 64, -ENOENT, NULL },
	{ "the first of two", "GET / HTTP/1.0\nHost: one\nHost: two\n\n", "HOST", 64, 3, "one" },
	{ "a value cut to the buffer", "GET / HTTP/1.1\r\nHost: example.com\r\n\r\n", "host", 8,
	  11, "example" },
	{ "not HTTP", "SSH-2.0-OpenSSH_9.2\r\nHost: x\r\n\r\n", "host", 64, -EBADMSG, NULL },
	{ "a name with a colon", "GET / HTTP/1.1\r\nHost: x\r\n\r\n", "host:", 64, -EINVAL, NULL },
};

static void test_http(int mem)
{
	size_t i, len, n;
	int err;

	for (i = 0; i < sizeof(http_cases) / sizeof(http_cases[0]); i++) {
		const struct http_case *c = &http_cases[i];

		len = strlen(c->msg);
		memset(skel->bss->hbuf, 0, sizeof(skel->bss->hbuf));
		strcpy(skel->bss->hbuf, c->name);
		skel->bss->hbuf_size = c->size;
		if (mem) {
			memcpy(skel->bss->msg, c->msg, len);
			skel->bss->msg_len = len;
			err = run_syscall(skel->progs.http_mem);
		} else {
			n = frame(c->msg, len);
			skel->bss->mode = MODE_HTTP;
			skel->bss->msg_off = PAYLOAD;
			err = run(0, n);
		}
		report(!err && skel->bss->ret == c->want &&
		       !strcmp(skel->bss->hbuf, c->value ? c->value : c->name),
		       "%s: %s: %lld \"%s\" (want %lld \"%s\")",
		       mem ? "kf_http_header" : "kf_skb_http_header", c->what,
		       (long long)skel->bss->ret, skel->bss->hbuf, c->want,
		       c->value ? c->value : c->name);
	}
}

static void test_dns_mem(void)
{
	memcpy(skel->bss->msg, query, sizeof(query));
	skel->bss->msg_len = sizeof(query);
	skel->bss->name_off = 33;
	skel->bss->name_size = sizeof(skel->bss->name);
	report(!run_syscall(skel->progs.dns_mem) && skel->bss->ret == 35 &&
	       !strcmp(skel->bss->name, "www.example.com"),
	       "kf_dns_name (memory): the answer's compressed name: %lld \"%s\"",
	       (long long)skel->bss->ret, skel->bss->name);
	skel->bss->msg_len = 40;
	skel->bss->name_off = 39;
	report(!run_syscall(skel->progs.dns_mem) && skel->bss->ret == -EBADMSG,
	       "kf_dns_name (memory): a label running past the message's size: %lld (-EBADMSG)",
	       (long long)skel->bss->ret);
}

static void test_domain(void)
{
	static const struct {
		const char *name, *pattern;
		int want;
	} cases[] = {
		{ "example.com", "example.com", 1 },
		{ "Example.COM.", "example.com", 1 },
		{ "www.example.com", "example.com", 0 },
		{ "www.example.com", "*.example.com", 1 },
		{ "a.b.example.com", "*.example.com", 1 },
		{ "example.com", "*.example.com", 0 },
		{ "badexample.com", "*.example.com", 0 },
		{ "badexample.com", ".example.com", 0 },
		{ "example.com", ".example.com", 1 },
		{ "x.example.com", ".EXAMPLE.com.", 1 },
		{ "a\\.example.com", "*.example.com", 0 },
		{ "example.com", "*", -EINVAL },
		{ "example.com", "ex*.com", -EINVAL },
		{ "example.com", "a..com", -EINVAL },
		{ "example.com", "", -EINVAL },
	};
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		strcpy(skel->bss->dname, cases[i].name);
		strcpy(skel->bss->pattern, cases[i].pattern);
		skel->bss->dname_len = strlen(cases[i].name);
		skel->bss->pattern_len = strlen(cases[i].pattern);
		report(!run_syscall(skel->progs.domain) && skel->bss->ret == cases[i].want,
		       "kf_domain_match(\"%s\", \"%s\") = %lld (want %d)", cases[i].name,
		       cases[i].pattern, (long long)skel->bss->ret, cases[i].want);
	}
}

/* ---- Real datagrams over lo: non-linear skbs at tc ingress. */

static int live_fd = -1;
static unsigned int sent, nonlinear;

/* Send @len payload bytes to 127.0.0.1:PORT: 0 once tc_run has seen them, or -errno. */
static int send_live(const void *payload, size_t len)
{
	struct sockaddr_in to = { .sin_family = AF_INET, .sin_port = htons(PORT),
				  .sin_addr.s_addr = htonl(INADDR_LOOPBACK) };
	__u32 seen = skel->bss->seen;
	char drain[LIVE];
	int i;

	skel->bss->ret = 12345;
	skel->bss->dport = PORT;
	sent++;
	if (sendto(live_fd, payload, len, 0, (struct sockaddr *)&to, sizeof(to)) != (ssize_t)len)
		return -errno;
	for (i = 0; i < 200 && skel->bss->seen == seen; i++)
		usleep(10000);
	recv(live_fd, drain, sizeof(drain), MSG_DONTWAIT);
	if (skel->bss->seen != seen + 1)
		return -ETIMEDOUT;
	nonlinear += skel->bss->pkt_head < skel->bss->pkt_len;
	return 0;
}

static void test_live(void)
{
	LIBBPF_OPTS(bpf_tc_hook, hook, .ifindex = 1, .attach_point = BPF_TC_INGRESS);
	LIBBPF_OPTS(bpf_tc_opts, opts, .handle = 1, .priority = 1);
	struct sockaddr_in me = { .sin_family = AF_INET, .sin_port = htons(PORT),
				  .sin_addr.s_addr = htonl(INADDR_LOOPBACK) };
	static unsigned char payload[LIVE];
	static char req[LIVE];
	unsigned int from, names, total = LIVE + PAYLOAD;
	int err, icase;
	size_t len;

	err = system("ip link set lo up");
	live_fd = socket(AF_INET, SOCK_DGRAM, 0);
	if (err || live_fd < 0 || bind(live_fd, (struct sockaddr *)&me, sizeof(me))) {
		report(0, "lo up, a UDP socket on 127.0.0.1:%d: %s", PORT, strerror(errno));
		return;
	}
	opts.prog_fd = bpf_program__fd(skel->progs.tc_run);
	err = bpf_tc_hook_create(&hook);
	if (err && err != -EEXIST) {
		report(0, "create lo's tc ingress hook: %d", err);
		return;
	}
	err = bpf_tc_attach(&hook, &opts);
	report(!err, "attach tc_run to lo's ingress (%d)", err);
	if (err)
		goto out;

	/* Every position of the 30042-byte packet, WINDOW per datagram. */
	fill(payload, LIVE, 3);
	for (icase = 0; icase < 2; icase++) {
		skel->bss->mode = MODE_EVERY_POS;
		skel->bss->icase = icase;
		skel->bss->checked = skel->bss->bad = 0;
		err = 0;
		for (from = 0; from + 16 <= total && !err; from += WINDOW) {
			skel->bss->from = from;
			skel->bss->to = total - 15;
			err = send_live(payload, LIVE);
		}
		report(!err && skel->bss->checked == total - 15 && !skel->bss->bad &&
		       skel->bss->pkt_len == total && skel->bss->pkt_head < 100,
		       "kf_skb_mem%smem, real 30000-byte datagrams over lo (%u of %u bytes linear): every one of %u positions finds itself, in range and not one byte short (%u wrong, first at %u: %lld; %s)",
		       icase ? "case" : "", skel->bss->pkt_head, skel->bss->pkt_len,
		       skel->bss->checked, skel->bss->bad, skel->bss->first_bad,
		       (long long)skel->bss->bad_ret, err ? strerror(-err) : "all seen");
	}

	/* The payload tiled with names: each decodes, wherever the fragments end. */
	tile_names(payload, LIVE);
	names = LIVE / 17;
	skel->bss->mode = MODE_EVERY_NAME;
	skel->bss->msg_off = PAYLOAD;
	skel->bss->checked = skel->bss->bad = 0;
	err = 0;
	for (from = 0; from < names * 17 && !err; from += WINDOW * 17) {
		skel->bss->from = from;
		skel->bss->to = names * 17;
		err = send_live(payload, LIVE);
	}
	report(!err && skel->bss->checked == names && !skel->bss->bad,
	       "kf_skb_dns_name, real 30000-byte datagrams over lo (%u bytes linear): each of %u names decodes to www.example.com (%u wrong, first at %u: %lld)",
	       skel->bss->pkt_head, skel->bss->checked, skel->bss->bad, skel->bss->first_bad,
	       (long long)skel->bss->bad_ret);

	/* A request with 29 KB of fields before its Host. */
	len = snprintf(req, sizeof(req), "GET /x HTTP/1.1\r\n");
	while (len < LIVE - 200)
		len += snprintf(req + len, sizeof(req) - len, "X-Pad-%zu: %0100d\r\n", len, 7);
	len += snprintf(req + len, sizeof(req) - len, "Host: Big.Example\r\n\r\nbody");
	skel->bss->mode = MODE_HTTP;
	skel->bss->msg_off = PAYLOAD;
	memset(skel->bss->hbuf, 0, sizeof(skel->bss->hbuf));
	strcpy(skel->bss->hbuf, "host");
	skel->bss->hbuf_size = sizeof(skel->bss->hbuf);
	err = send_live(req, len);
	report(!err && skel->bss->ret == 11 && !strcmp(skel->bss->hbuf, "Big.Example"),
	       "kf_skb_http_header, a real %zu-byte request over lo (%u bytes linear): Host after 29 KB of fields: %lld \"%s\"",
	       len, skel->bss->pkt_head, (long long)skel->bss->ret, skel->bss->hbuf);

	/* The needle in the datagram's last bytes, other case. */
	fill(payload, LIVE, 4);
	memcpy(payload + LIVE - 9, "the-end!!", 9);
	set_needle("THE-END!!", 9, 1);
	skel->bss->mode = MODE_MEMMEM;
	skel->bss->start = PAYLOAD;
	skel->bss->end = ~0U;
	err = send_live(payload, LIVE);
	report(!err && skel->bss->ret == total - 9,
	       "kf_skb_memcasemem, a real 30000-byte datagram over lo: the needle in its last bytes: %lld (want %u)",
	       (long long)skel->bss->ret, total - 9);
	report(sent > 60 && nonlinear == sent,
	       "every one of the %u datagrams sent over lo reached tc as a non-linear skb (%u did)",
	       sent, nonlinear);
	bpf_tc_detach(&hook, &opts);
out:
	hook.attach_point = BPF_TC_INGRESS | BPF_TC_EGRESS;
	bpf_tc_hook_destroy(&hook);
	close(live_fd);
}

int main(void)
{
	skel = packet_test_bpf__open_and_load();
	report(skel != NULL, "load the packet test programs (tc, xdp.frags, syscall)");
	if (!skel)
		return 1;
	test_search(0, 600);
	test_search(1, 600);
	test_search(1, 9000);
	test_every_pos(0, 600);
	test_every_pos(1, 9000);
	test_dns(0);
	test_dns(1);
	test_dns_limits(0);
	test_dns_limits(1);
	test_every_name(0, 3000);
	test_every_name(1, 9000);
	test_dns_mem();
	test_domain();
	test_http(1);
	test_http(0);
	test_live();
	packet_test_bpf__destroy(skel);
	return failed;
}
