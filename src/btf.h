/* SPDX-License-Identifier: GPL-2.0 */
/* vmlinux BTF for kf_btf_snprintf (btf.c): read at load, freed at unload. */
#ifndef KFUNC_BTF_H
#define KFUNC_BTF_H

int kf_btf_init(void);
void kf_btf_exit(void);

#endif /* KFUNC_BTF_H */
