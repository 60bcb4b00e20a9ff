#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# guest.sh DIR CLOCK RUNS TARGET_MS [SKIP]: runs inside the benchmark VM.
# Loads DIR/kfunc.ko (built for this kernel), then runs DIR/bench and
# DIR/pathbench (kf_file_path against pure-BPF path walks); their rows
# and the verifier's logs of refused programs go to stdout (stderr is
# merged: the host keeps the VM's two streams apart). Ends with
# "bench: done" when both ran and the kernel did not complain (WARNING,
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
"$dir/pathbench" -r "$runs" "$clock"
prc=$?
if dmesg | grep -E 'WARNING:|BUG:|Oops|Call Trace'; then
	echo "bench: the kernel complained (dmesg above)"
	exit 1
fi
if [ $rc -ne 0 ]; then
	echo "bench: bench exited $rc"
elif [ $prc -ne 0 ]; then
	echo "bench: pathbench exited $prc"
else
	echo "bench: done"
fi
