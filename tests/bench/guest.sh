#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# guest.sh DIR CLOCK RUNS TARGET_MS [SKIP [PARTS [LIMIT]]]: runs inside the
# benchmark VM. Loads DIR/kfunc.ko (built for this kernel), then runs
# DIR/bench (the string, hash and protobuf kfuncs), DIR/pathbench
# (kf_file_path against pure-BPF path walks) and DIR/pktbench (the packet
# kfuncs against pure-BPF packet scans and DNS label walks); their rows
# and the verifier's logs of refused programs go to stdout (stderr is
# merged: the host keeps the VM's two streams apart). Ends with
# "bench: done" when they ran and the kernel did not complain (WARNING,
# BUG, Oops in dmesg). SKIP ("-" for none) is bench's -s; PARTS, a
# comma-separated list of strings, paths and packets (default: all),
# the loaders to run; LIMIT 1 (the default) has pktbench search for the
# largest bound of its bounded loop that the verifier accepts (-l).
set -u
exec 2>&1
dir=$1 clock=$2 runs=$3 ms=$4 skip=${5:-} parts=${6:-strings,paths,packets} limit=${7:-1}
[ "$skip" = - ] && skip=
lflag=
[ "$limit" = 1 ] && lflag=-l

flags=$(grep -o -w -E 'sse4_2|pclmulqdq|avx2|avx512f' /proc/cpuinfo | sort -u | paste -sd' ' -)
echo "bench: $(uname -r), $(nproc) CPU, $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1) ($flags)"
if ! insmod "$dir/kfunc.ko"; then
	echo "bench: insmod kfunc.ko failed"
	dmesg | tail -n 20
	exit 1
fi
# part NAME PROGRAM ARGS...: run PROGRAM when PARTS names NAME; its exit
# status is kept in $failed.
failed=
part() {
	case ,$parts, in
	*,"$1",*) ;;
	*) return 0 ;;
	esac
	shift
	"$@"
	rc=$?
	[ $rc -eq 0 ] || failed="${failed:+$failed, }${1##*/} exited $rc"
}
part strings "$dir/bench" -r "$runs" -t "$ms" -s "$skip" "$clock"
part paths "$dir/pathbench" -r "$runs" "$clock"
part packets "$dir/pktbench" -r "$runs" -t "$ms" $lflag "$clock"
if dmesg | grep -E 'WARNING:|BUG:|Oops|Call Trace'; then
	echo "bench: the kernel complained (dmesg above)"
	exit 1
fi
if [ -n "$failed" ]; then
	echo "bench: $failed"
else
	echo "bench: done"
fi
