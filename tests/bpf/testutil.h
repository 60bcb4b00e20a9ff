/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Shared by the VM test loaders: small file helpers (cgroup files, /proc),
 * the running kernel's version and the FNV-1a-64 reference the hash checks
 * compare kf_hash with.
 */
#ifndef TESTUTIL_H
#define TESTUTIL_H

#include <fcntl.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/utsname.h>
#include <unistd.h>

/* @path's contents, NUL-terminated, in @buf; 0 or -1. */
static inline int read_file(const char *path, char *buf, size_t size)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	ssize_t n;

	if (fd < 0)
		return -1;
	n = read(fd, buf, size - 1);
	close(fd);
	if (n < 0)
		return -1;
	buf[n] = 0;
	return 0;
}

/* The running kernel's version as major * 1000 + minor (6.12: 6012), from uname. */
static inline int kernel_version(void)
{
	struct utsname u;
	int major = 0, minor = 0;

	if (uname(&u) || sscanf(u.release, "%d.%d", &major, &minor) != 2)
		return 0;
	return major * 1000 + minor;
}

/* Write all of @s to @path (one write, as cgroup files want); 0 or -1. */
static inline int write_file(const char *path, const char *s)
{
	int fd = open(path, O_WRONLY | O_CLOEXEC);
	ssize_t n;

	if (fd < 0)
		return -1;
	n = write(fd, s, strlen(s));
	close(fd);
	return n == (ssize_t)strlen(s) ? 0 : -1;
}

/* FNV-1a-64 with the seed XORed into the offset basis, as kf_hash has it. */
static inline uint64_t ref_fnv1a64(const uint8_t *p, size_t len, uint64_t seed)
{
	uint64_t h = 0xcbf29ce484222325ULL ^ seed;

	while (len--) {
		h ^= *p++;
		h *= 0x100000001b3ULL;
	}
	return h;
}

#endif /* TESTUTIL_H */
