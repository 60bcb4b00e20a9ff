/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Shared by the benchmark loaders that open their objects by path (bench.c,
 * pktbench.c): one program's result, the verifier log's statistics and
 * reason, the -s/-o name lists, libbpf kept quiet. Needs _GNU_SOURCE
 * (strchrnul) before the first system header.
 */
#ifndef LOADER_H
#define LOADER_H

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include <bpf/libbpf.h>

/* One program's result; printed as one line. */
struct result {
	char name[64], job[16], impl[8];
	unsigned int size;
	const char *status;		/* ok, rejected, wrong, skipped, absent, blind... */
	double med, min, max;		/* ns per call or run (opts.duration) */
	unsigned long long repeat;
	long long verified, insns, processed, states, peak, verif_us;
	double load_ms;
	char msg[300];
};

/* The verifier's statistics, and its complaint when it refused. */
static void parse_log(struct result *r, const char *log, int rejected)
{
	const char *p, *line, *end;
	char last[sizeof(r->msg)] = "";

	p = strstr(log, "processed ");
	if (p)
		sscanf(p, "processed %lld insns (limit %*d) max_states_per_insn %*d total_states %lld peak_states %lld",
		       &r->processed, &r->states, &r->peak);
	p = strstr(log, "verification time ");
	if (p)
		sscanf(p, "verification time %lld usec", &r->verif_us);
	if (!rejected)
		return;
	/* The last line that is not a statistic is the reason. */
	for (line = log; *line; line = *end ? end + 1 : end) {
		end = strchrnul(line, '\n');
		if (end == line || !strncmp(line, "processed ", 10) ||
		    !strncmp(line, "verification time", 17) || !strncmp(line, "stack depth", 11) ||
		    !strncmp(line, "subprog ", 8))
			continue;
		snprintf(last, sizeof(last), "%.*s", (int)(end - line), line);
	}
	snprintf(r->msg, sizeof(r->msg), "%s", last);
}

static int in_list(const char *list, const char *name)
{
	size_t n = strlen(name);
	const char *p = list;

	while ((p = strstr(p, name))) {
		if ((p == list || p[-1] == ',') && (p[n] == ',' || !p[n]))
			return 1;
		p += n;
	}
	return 0;
}

static int libbpf_quiet(enum libbpf_print_level level, const char *fmt, va_list ap)
{
	(void)level;
	(void)fmt;
	(void)ap;
	return 0;
}

#endif /* LOADER_H */
