// SPDX-License-Identifier: GPL-2.0
/*
 * locktable: print docs/locking.md from the module's lock table
 * (src/locks.h). make check compares the page in the tree with this
 * output; `make docs` writes it.
 */
#include <stdio.h>
#include <string.h>

#include "../../src/locks.h"

struct row {
	const char *name, *flags, *stands_for, *locks;
};

#define KF_ROW(name, flags, stands_for, locks) { #name, #flags, stands_for, locks },

static const struct row rows[] = { KF_LOCK_TABLE(KF_ROW) };

/* The flags, "A | B" written "A, B" (a "|" would end a table cell). */
static void flags(const char *f)
{
	if (!strcmp(f, "0")) {
		fputs("-", stdout);
		return;
	}
	for (; *f; f++) {
		if (!strncmp(f, " | ", 3)) {
			fputs(", ", stdout);
			f += 2;
		} else {
			putchar(*f);
		}
	}
}

int main(void)
{
	size_t i;

	printf("# Locking\n\n"
	       "<!-- Generated from src/locks.h by `make docs`: do not edit. -->\n\n"
	       "A kfunc may be called from a program attached inside kernel code that\n"
	       "already holds a lock. A kfunc that waits for a lock such code could\n"
	       "hold deadlocks there, so the kfuncs that programs outside sleepable\n"
	       "context can call never wait: they read under RCU, sample sequence\n"
	       "counts without waiting (8 tries, then -EAGAIN), try locks (-EBUSY when\n"
	       "held, and in NMI context) and read memory they do not own with nofault\n"
	       "accessors. Only sleepable kfuncs (KF_SLEEPABLE: callable from sleepable\n"
	       "programs only, which run where no lock is held) wait for locks.\n\n"
	       "This table is the module's (src/locks.h): the module registers these\n"
	       "kfuncs with its flags, and `make check` checks this page and each\n"
	       "kfunc's \"Programs:\" line against it. On the debug kernel (lockdep,\n"
	       "KASAN, atomic-sleep checks) the tests call them from programs attached\n"
	       "inside a rename (`__d_move`, rename_lock held), inside a task's\n"
	       "task_lock (`security_task_setrlimit`) and during rename, mount, fork\n"
	       "and cgroup storms.\n\n"
	       "| kfunc | stands in for | locks, and how | sleeps | flags |\n"
	       "|---|---|---|---|---|\n");
	for (i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		printf("| `%s` | %s | %s | %s | ", rows[i].name, rows[i].stands_for,
		       rows[i].locks, strstr(rows[i].flags, "KF_SLEEPABLE") ? "yes" : "no");
		flags(rows[i].flags);
		printf(" |\n");
	}
	printf("\nHow a lock is taken: \"waits\" (spins or sleeps until it is free),\n"
	       "\"tried\" (trylock: -EBUSY when held, and in NMI context), \"sampled\" (a\n"
	       "sequence count read without waiting; an odd or changed count is a failed\n"
	       "try, and after 8 tries the kfunc returns -EAGAIN), \"RCU\"\n"
	       "(rcu_read_lock(), which never waits), \"nofault\" (read with\n"
	       "copy_from_kernel_nofault() or copy_from_user_nofault(): a bad or\n"
	       "vanished object gives -EFAULT, never an oops).\n");
	return 0;
}
