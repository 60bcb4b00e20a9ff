/* SPDX-License-Identifier: (GPL-2.0 OR BSD-2-Clause) */
/*
 * The one place that holds kfunc's version: the module (MODULE_VERSION),
 * the Makefile, the packages and BPF programs all read it from here.
 */
#ifndef _UAPI_KFUNC_VERSION_H
#define _UAPI_KFUNC_VERSION_H

#define KFUNC_VERSION_MAJOR 0
#define KFUNC_VERSION_MINOR 1
#define KFUNC_VERSION_PATCH 0
#define KFUNC_VERSION "0.1.0"

#endif /* _UAPI_KFUNC_VERSION_H */
