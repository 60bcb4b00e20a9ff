/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Shared by the VM test loaders (kfunc_test, task_test, bounds, stress): one
 * "ok - ..." or "not ok - ..." line per check, which tests/testbed reads;
 * failed is what main() returns. Needs <stdarg.h> and <stdio.h>.
 */
#ifndef REPORT_H
#define REPORT_H

static int failed;

static void report(int ok, const char *fmt, ...)
{
	va_list ap;

	printf("%s - ", ok ? "ok" : "not ok");
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	putchar('\n');
	fflush(stdout);
	failed |= !ok;
}

#endif /* REPORT_H */
