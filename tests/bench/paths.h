/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Shared by the file-path benchmark's programs (paths.bpf.c) and their
 * loader (pathbench.c).
 */
#ifndef PATHS_H
#define PATHS_H

/* PATH_MAX: a path and its NUL. */
#define PB_PATH_MAX 4096

/* The copy of the path a program made, for the loader to check. */
#define PB_GOT 4096

#endif /* PATHS_H */
