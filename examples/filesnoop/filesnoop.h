/* SPDX-License-Identifier: GPL-2.0 */
/*
 * filesnoop's event: one open, as the BPF program fills it and the loader
 * prints it. Included by both sides (after <linux/types.h> or vmlinux.h).
 */
#ifndef FILESNOOP_H
#define FILESNOOP_H

struct event {
	__u32 pid;
	__s32 path_len;		/* each: the kfunc's return value */
	__s32 cwd_len;
	__s32 cmdline_len;
	__s32 id_len;
	char container[65];
	char cwd[512];
	char cmdline[512];
	char path[4096];
};

#endif /* FILESNOOP_H */
