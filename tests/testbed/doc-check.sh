#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# doc-check.sh EXPECT DOC: the verifier messages DOC (docs/annotations.md)
# quotes are exactly those EXPECT (tests/bpf/negative.expect) asserts, per
# program and per kernel. In DOC, a table row "| `PROGRAM` | mistake | 6.1
# | 6.12 | 7.3 |" quotes, in each kernel's cell, every message as `...`, or
# says "loads" (EXPECT: LOADS), or quotes nothing (the program does not
# run there). Every program of EXPECT must have a row. Prints one line per
# difference and exits 1 if there is any.
set -eu

awk -F'\t+' -v doc="$2" '
function kv(v,  a) { split(v, a, "."); return a[1] * 1000 + a[2] }
function applies(k, v) {
	if (k == "all") return 1
	if (k ~ /\+$/) { sub(/\+$/, "", k); return v >= kv(k) }
	if (k ~ /^</) { sub(/^</, "", k); return v < kv(k) }
	return v == kv(k)
}
BEGIN { nk = split("6.1 6.12 7.3", kernels, " ") }
# negative.expect: PROGRAM KERNELS MESSAGE
FNR == NR {
	if ($0 ~ /^#/ || $0 == "") next
	progs[$1] = 1
	for (i = 1; i <= nk; i++)
		if (applies($2, kv(kernels[i])))
			want[$1, kernels[i]] = want[$1, kernels[i]] "\n" $3
	next
}
END {
	while ((getline line < doc) > 0) {
		if (line !~ /^\| `neg_/) continue
		n = split(line, cell, /[ ]\|[ ]?/)
		prog = cell[1]; sub(/^\| `/, "", prog); sub(/`.*/, "", prog)
		seen[prog] = 1
		for (i = 1; i <= nk; i++) {
			c = cell[i + 2]; got = ""
			if (c ~ /^loads/) got = "\nLOADS"
			while (match(c, /`[^`]*`/)) {
				got = got "\n" substr(c, RSTART + 1, RLENGTH - 2)
				c = substr(c, RSTART + RLENGTH)
			}
			if (got != want[prog, kernels[i]]) {
				printf "%s on %s: the guide says [%s], negative.expect [%s]\n", prog,
					kernels[i], substr(got, 2), substr(want[prog, kernels[i]], 2)
				bad = 1
			}
		}
	}
	for (p in progs)
		if (!(p in seen)) { printf "%s: in negative.expect, not in the guide\n", p; bad = 1 }
	exit bad
}' "$1"
