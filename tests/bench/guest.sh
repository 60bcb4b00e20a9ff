#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# guest.sh DIR CLOCK RUNS TARGET_MS [SKIP]: runs inside the benchmark VM.
# Loads DIR/kfunc.ko (built for this kernel), then runs DIR/bench; its rows
# and the verifier's logs of refused programs go to stdout (stderr is
# merged: the host keeps the VM's two streams apart). Ends with
# "bench: done" when bench ran and the kernel did not complain (WARNING,
# BUG, Oops in dmesg).
set -u
exec 2>&1
dir=$1 clock=$2 runs=$3 ms=$4 skip=${5:-}

flags=$(grep -o -w -E 'sse4_2|pclmulqdq|avx2|avx512f' /proc/cpuinfo | sort -u | paste -sd' ' -)
echo "bench: $(uname -r), $(nproc) CPU, $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1) ($flags)"
if ! insmod "$dir/kfunc.ko"; then
	echo "bench: insmod kfunc.ko failed"
	dmesg | tail -n 20
	exit 1
fi
"$dir/bench" -r "$runs" -t "$ms" -s "$skip" "$clock"
rc=$?
if dmesg | grep -E 'WARNING:|BUG:|Oops|Call Trace'; then
	echo "bench: the kernel complained (dmesg above)"
	exit 1
fi
[ $rc -eq 0 ] && echo "bench: done" || echo "bench: bench exited $rc"
