// SPDX-License-Identifier: GPL-2.0
/*
 * pb_traffic: the traffic of the pbfilter test (examples/pbfilter).
 *
 *   pb_traffic send ADDR PORT   send the mix below to ADDR:PORT over UDP
 *   pb_traffic recv PORT        print "ready", then the id of each datagram
 *                               received, until 3 s pass without one (30 s
 *                               before the first)
 *   pb_traffic expect           print the ids the filter must let through
 *
 * Each datagram is a varint length, then a protobuf message: field 1 is
 * "drop", field 2 the datagram's id, field 3 padding. The encoder here is
 * the test's own, written from the encoding guide.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#define MAX 40000

struct msg {
	unsigned char b[MAX];
	size_t n;
};

static void varint(struct msg *m, unsigned long long v)
{
	do {
		m->b[m->n++] = (v & 0x7f) | (v > 0x7f ? 0x80 : 0);
		v >>= 7;
	} while (v);
}

static void field_varint(struct msg *m, unsigned int field, unsigned long long v)
{
	varint(m, field << 3);
	varint(m, v);
}

static void field_bytes(struct msg *m, unsigned int field, unsigned int len)
{
	varint(m, field << 3 | 2);
	varint(m, len);
	memset(m->b + m->n, 'p', len);
	m->n += len;
}

/* What to send: @drop < 0 is no drop field; @big pads 30000 bytes first. */
static const struct {
	int id, drop, big, arrives;
	const char *what;
} mix[] = {
	{ 1, 0, 0, 1, "drop = 0" },
	{ 2, 1, 0, 0, "drop = 1" },
	{ 3, -1, 0, 1, "no drop field" },
	{ 4, 1, 1, 0, "drop = 1 after 30000 bytes (a non-linear skb)" },
	{ 5, 0, 1, 1, "drop = 0 after 30000 bytes" },
	{ 6, 2, 0, 1, "drop = 2" },
	{ 7, 0, 0, 1, "drop = 0, then drop = 1 (the first occurrence counts)" },
	{ 8, 1, 0, 1, "drop = 1, but the length prefix is one byte too long" },
	{ 9, 1, 0, 1, "drop as a bytes field (another wire type)" },
	{ 10, 1, 0, 1, "drop = 1 after a truncated field (malformed)" },
};

#define N (sizeof(mix) / sizeof(mix[0]))

static void build(struct msg *out, int i)
{
	struct msg m = { .n = 0 };
	int id = mix[i].id;

	if (mix[i].big)
		field_bytes(&m, 3, 30000);
	switch (id) {
	case 9:
		field_bytes(&m, 1, 1);
		field_varint(&m, 2, id);
		break;
	case 10:
		/*
		 * Field 3 claims 100 bytes where 3 are left: the drop
		 * field inside them is never reached.
		 */
		field_varint(&m, 2, id);
		m.b[m.n++] = 3 << 3 | 2;
		m.b[m.n++] = 100;
		m.b[m.n++] = 'x';
		field_varint(&m, 1, 1);
		break;
	default:
		if (mix[i].drop >= 0)
			field_varint(&m, 1, mix[i].drop);
		field_varint(&m, 2, id);
		if (id == 7)
			field_varint(&m, 1, 1);
	}
	out->n = 0;
	varint(out, m.n + (id == 8));
	memcpy(out->b + out->n, m.b, m.n);
	out->n += m.n;
}

int main(int argc, char **argv)
{
	static struct msg m;
	struct sockaddr_in a = { .sin_family = AF_INET };
	unsigned int i;
	int fd;

	if (argc == 2 && !strcmp(argv[1], "expect")) {
		for (i = 0; i < N; i++)
			if (mix[i].arrives)
				printf("%d\n", mix[i].id);
		return 0;
	}
	fd = socket(AF_INET, SOCK_DGRAM, 0);
	if (fd < 0) {
		perror("socket");
		return 1;
	}
	if (argc == 4 && !strcmp(argv[1], "send")) {
		a.sin_port = htons(atoi(argv[3]));
		if (inet_pton(AF_INET, argv[2], &a.sin_addr) != 1) {
			fprintf(stderr, "pb_traffic: bad address %s\n", argv[2]);
			return 2;
		}
		for (i = 0; i < N; i++) {
			build(&m, i);
			if (sendto(fd, m.b, m.n, 0, (struct sockaddr *)&a, sizeof(a)) != (ssize_t)m.n) {
				perror("sendto");
				return 1;
			}
			printf("sent %d (%zu bytes): %s\n", mix[i].id, m.n, mix[i].what);
		}
		return 0;
	}
	if (argc == 3 && !strcmp(argv[1], "recv")) {
		int size = 1 << 20, got = 0;

		a.sin_port = htons(atoi(argv[2]));
		setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &size, sizeof(size));
		if (bind(fd, (struct sockaddr *)&a, sizeof(a))) {
			perror("bind");
			return 1;
		}
		printf("ready\n");
		fflush(stdout);
		for (;;) {
			struct pollfd p = { .fd = fd, .events = POLLIN };
			unsigned long long v = 0, len;
			ssize_t n;
			int k;

			/* 30 s for the first datagram (a loaded TCG guest is slow). */
			if (poll(&p, 1, got ? 3000 : 30000) <= 0)
				return 0;
			got++;
			n = recv(fd, m.b, sizeof(m.b), 0);
			if (n <= 0)
				return 1;
			/* Skip the prefix; the id is the varint after a 0x10 tag. */
			for (k = 0, len = 0; k < n && m.b[k] & 0x80; k++)
				;
			for (k = k + 1; k + 1 < n; k++) {
				if (m.b[k] != 0x10)
					continue;
				for (len = 0, v = 0; k + 1 < n && len < 63; len += 7) {
					v |= (unsigned long long)(m.b[++k] & 0x7f) << len;
					if (!(m.b[k] & 0x80))
						break;
				}
				break;
			}
			printf("%llu\n", v);
			fflush(stdout);
		}
	}
	fprintf(stderr, "usage: pb_traffic send ADDR PORT | recv PORT | expect\n");
	return 2;
}
