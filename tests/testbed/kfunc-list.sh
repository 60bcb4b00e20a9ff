#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# kfunc-list.sh HEADER_DIR [KVER]: every kfunc the SDK headers declare, one
# "NAME FIRST_KERNEL" line each, read from the "Programs: ..., from X.Y"
# line of its doc comment. With KVER (6.1.0-50-amd64, 7.3.4+deb13-amd64),
# only the kfuncs that kernel offers.
set -eu
dir=$1
kver=${2:-}

cat "$dir"/*.h | awk '
	/Programs:.*from [0-9]+\.[0-9]+/ {
		match($0, /from [0-9]+\.[0-9]+/)
		from = substr($0, RSTART + 5, RLENGTH - 5)
	}
	/^extern / {
		if (from == "") {
			print "kfunc-list.sh: no \"Programs: ..., from X.Y\" line before: " $0 > "/dev/stderr"
			exit 1
		}
		name = $0
		sub(/\(.*/, "", name)
		sub(/.*[ *]/, "", name)
		print name, from
		from = ""
	}' | sort |
while read -r name from; do
	if [ -n "$kver" ]; then
		# Compare major.minor numerically: 6.12 is after 6.8.
		k=$(echo "$kver" | awk -F'[.-]' '{ printf "%d%03d", $1, $2 }')
		f=$(echo "$from" | awk -F. '{ printf "%d%03d", $1, $2 }')
		[ "$k" -ge "$f" ] || continue
	fi
	echo "$name $from"
done
