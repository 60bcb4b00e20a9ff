/* SPDX-License-Identifier: GPL-2.0 */
/* Shared by btfdump.bpf.c and btfdump.c. */
#ifndef BTFDUMP_H
#define BTFDUMP_H

/* The text's buffer: a task_struct with its hops fits several times over. */
struct text {
	char s[1 << 20];
};

#endif /* BTFDUMP_H */
