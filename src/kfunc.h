/* SPDX-License-Identifier: GPL-2.0 */
/* What the module's files share besides the SDK prototypes. */
#ifndef KFUNC_KFUNC_H
#define KFUNC_KFUNC_H

/* task.c: the per-CPU path buffer of kf_task_cgroup_path. */
int kf_task_init(void);
void kf_task_exit(void);

#endif /* KFUNC_KFUNC_H */
