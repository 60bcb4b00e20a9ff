#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# gen-table.sh TOP: the table kfunc(8) carries about each kfunc, as C rows
# (kfuncs.inc), from the sources that define it: the "Programs: ..., from
# X.Y" line of its SDK header and its registration flags (BTF_ID_FLAGS in
# src/main.c, the lock table src/locks.h).
#
#   KF_ROW("kf_strstr", "all", "6.1", "")
set -eu
top=$1

flags=$(sed -n -e 's/.*BTF_ID_FLAGS(func, \(kf_[a-z_0-9]*\), \([^)]*\)).*/\1 \2/p' \
	-e 's/^[[:space:]]*X(\(kf_[a-z_0-9]*\), \([^,]*\),.*/\1 \2/p' \
	"$top/src/main.c" "$top/src/locks.h" | tr -d ' \t' | sed 's/|/ /g; s/^\(kf_[a-z_0-9]*\)KF_/\1 KF_/' |
	sed 's/KF_\([A-Z_]*\)/\L\1/g; s/ /,/g; s/,/ /')

cat "$top"/bpf-headers/kfuncs/*.h | awk '
	/Programs:/ {
		p = $0
		sub(/.*Programs: */, "", p)
		from = p
		sub(/, from.*/, "", p)
		if (match(from, /from [0-9]+\.[0-9]+/))
			from = substr(from, RSTART + 5, RLENGTH - 5)
		else
			from = ""
		if (p == "tc (sched_cls) only") p = "tc"
		else if (p == "XDP only") p = "xdp"
		else if (p == "sleepable ones") p = "sleepable"
	}
	/^extern / {
		name = $0
		sub(/\(.*/, "", name)
		sub(/.*[ *]/, "", name)
		if (from == "" || p !~ /^(all|tc|xdp|sleepable)$/) {
			print "gen-table.sh: no \"Programs: all|tc (sched_cls) only|XDP only|sleepable ones, from X.Y\" line before " name > "/dev/stderr"
			exit 1
		}
		print name, p, from
		from = ""
	}' | sort | while read -r name progs from; do
	f=$(echo "$flags" | awk -v n="$name" '$1 == n { print $2 }')
	printf 'KF_ROW("%s", "%s", "%s", "%s")\n' "$name" "$progs" "$from" "$f"
done
