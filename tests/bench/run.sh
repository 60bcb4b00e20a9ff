#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# make bench: each kfunc against the pure-BPF code a BPF author would write
# for the same job (a bounded loop, a bpf_loop callback) and, on kernels
# that have them, the kernel's own string kfuncs; with the verifier's cost
# of every program. In the test VMs (QEMU TCG, virtme-ng), under two
# clocks: plain TCG, and -icount shift=0,sleep=off (instruction-time,
# repeatable). Then src/lib against glibc on the host.
#
# Prints a table, writes build/bench/bench.json and docs/benchmarks.md.
# Exits non-zero only when something failed to build or run (a missed
# target is a finding, not a failure).
#
#   BENCH_KERNELS  kernel version prefixes (default $KFUNC_KERNELS, else
#                  "6.1 6.12 7.3")
#   BENCH_CLOCKS   "tcg icount" (default), or one of them
#   BENCH_RUNS     runs per figure (default 7 under TCG, 5 under icount,
#                  which repeats itself to the instruction)
#   BENCH_JOBS     VMs at a time (default 2: one per host core; each has 1 vCPU)
#   BENCH_PARTS    what to run, of "native strings paths packets" (the
#                  default, all): native is src/lib against glibc on the
#                  host, the others guest.sh's loaders
#   KFUNC_BUILD    the build directory (default build/ in the tree)
#
# Only a run of everything (the default kernels, clocks and parts) writes
# docs/benchmarks.md, whole; any other writes build/bench/benchmarks.md.
#
# Needs the Debian roots of the test bed (tests/testbed/roots.sh: built
# once by make check, or here) and root.
set -u

top=$(cd "$(dirname "$0")/../.." && pwd)
build=${KFUNC_BUILD:-$top/build}
out=$build/bench
logs=$out/logs
results=$out/results.txt
mode=bench

. "$top/tests/testbed/lib.sh"

[ "$(id -u)" = 0 ] || die "run as root (it builds Debian roots with mmdebstrap and boots VMs)"

kernels=${BENCH_KERNELS:-${KFUNC_KERNELS:-6.1 6.12 7.3}}
clocks=${BENCH_CLOCKS:-tcg icount}
tcg_runs=${BENCH_RUNS:-7}
icount_runs=${BENCH_RUNS:-5}
jobs=${BENCH_JOBS:-2}
all_parts="native strings paths packets"
parts=${BENCH_PARTS:-$all_parts}
md=$out/benchmarks.md
[ "$(echo $parts)" = "$all_parts" ] && [ "$(echo $kernels)" = "6.1 6.12 7.3" ] &&
	[ "$(echo $clocks)" = "tcg icount" ] && md=$top/docs/benchmarks.md
# has PART: whether BENCH_PARTS names PART
has() {
	case " $parts " in *" $1 "*) return 0 ;; esac
	return 1
}
# The guest's parts, comma-separated.
gparts=$(for p in $parts; do [ "$p" = native ] || printf '%s,' "$p"; done)
gparts=${gparts%,}
gparts=${gparts:-none}
tcg_ms=50
icount_ms=20

rm -rf --one-file-system "$out/run-"* "$logs"
mkdir -p "$logs"
: >"$results"
host_deps
start=$(date +%s)

# The metadata of the report: M KEY VALUE.
meta() {
	printf 'M\t%s\t%s\n' "$1" "$2" >>"$out/meta.tsv"
}
: >"$out/meta.tsv"
meta date "$(date -u '+%Y-%m-%d %H:%M UTC')"
meta host_cpu "$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1)"
meta tcg_runs "$tcg_runs"
meta icount_runs "$icount_runs"
meta tcg_ms "$tcg_ms"
meta icount_ms "$icount_ms"
meta jobs "$jobs"

step "host-native: src/lib (compiled as the kernel does) against glibc"
native_runs=7
: >"$out/native.tsv"
meta native_runs "$native_runs"
if ! has native; then
	say "not asked for (BENCH_PARTS)"
elif make -s -C "$top/tests/bench" native OUT="$out/native" >"$logs/native-build.log" 2>&1 &&
	"$out/native/native" -r "$native_runs" -t 20 >"$out/native.tsv" 2>"$logs/native.log"; then
	result ok "host-native: $(grep -c '^N' "$out/native.tsv") figures"
else
	cat "$logs/native-build.log" >>"$logs/native.log"
	result not-ok "host-native: build and run tests/bench/native.c" "$logs/native.log"
fi

roots

step "BPF programs and their loader (trixie root)"
stage_tree bench/src
bpf_ok=
if in_root "$trixie" make -C /kfunc-build/bench/src/tests/bench OUT=/kfunc-build/bench/out \
	>"$logs/bpf.log" 2>&1; then
	result ok "build the benchmark's BPF programs and tests/bench/bench"
	bpf_ok=1
else
	result not-ok "build the benchmark's BPF programs and tests/bench/bench" "$logs/bpf.log"
fi
meta qemu "$(in_root "$trixie" qemu-system-x86_64 --version | sed -n '1s/.*version \([^ ]*\).*/\1/p')"

# The kernels whose kfunc.ko built (none to boot without the programs).
built=
for k in $(KFUNC_KERNELS=$kernels kernels_of "$bookworm") $(KFUNC_KERNELS=$kernels kernels_of "$trixie"); do
	[ -n "$bpf_ok" ] || break
	step "$k: build kfunc.ko"
	build_module "$(root_of "$k")" "$k" && built="$built $k"
done
meta kernels "$(echo $built | sed 's/ /, /g')"

# vm KVER CLOCK: boot KVER under CLOCK, run guest.sh there; its rows go to
# $logs/vm-KVER-CLOCK.out, and a V row (wall time, how it ended) to .v.
# As lib.sh's boot(), with one vCPU and QEMU options (-cpu, -icount). The
# VM's stdout and stderr go to two files: QEMU opens each by name, and two
# writers at their own offsets in one file overwrite each other.
vm() {
	k=$1 clock=$2
	log=$logs/vm-$k-$clock
	kroot=$(root_of "$k")
	lend= img=/boot/vmlinuz-$k
	if [ "$kroot" != "$trixie" ]; then
		lend="$kroot/boot:/kfunc-boot $kroot/usr/lib/modules/$k:/usr/lib/modules/$k"
		img=/kfunc-boot/vmlinuz-$k
	fi
	# QEMU's most capable CPU model (its default, qemu64, lacks SSE4.2
	# and PCLMULQDQ, which the kernel's CRCs use on any recent x86).
	ms=$tcg_ms runs=$tcg_runs
	# The verifier's verdicts are the same under both clocks: the search
	# for the bounded loop's limit (pktbench -l) runs under the first.
	limit=0
	[ "$clock" = "${clocks%% *}" ] && limit=1
	set -- --qemu-opts="-cpu max"
	if [ "$clock" = icount ]; then
		ms=$icount_ms runs=$icount_runs
		set -- --qemu-opts="-cpu max -icount shift=0,sleep=off"
	fi
	t0=$(date +%s)
	MOUNTS=$lend in_root "$trixie" timeout 1200 vng --run "$img" $(vng_accel) --force-9p \
		-m 1G --cpus 1 "$@" --exec "sh /kfunc-build/bench/run-$k/guest.sh /kfunc-build/bench/run-$k $clock $runs $ms - $gparts $limit" \
		>"$log.out" 2>"$log.err"
	if grep -q '^bench: done' "$log.out"; then
		st=ok
	else
		st="failed: $(grep '^bench: ' "$log.out" | tail -n 1 | cut -c 8-)"
		[ "$st" = "failed: " ] && st="failed: no output (see $log.err)"
	fi
	printf 'V\t%s\t%s\t%s\t%s\n' "$k" "$clock" "$(($(date +%s) - t0))" "$st" >"$log.v"
}

for k in $built; do
	mkdir -p "$out/run-$k"
	cp "$build/mod-$k/src/kfunc.ko" "$out/out/bench" "$out/out/pathbench" "$out/out/pktbench" \
		"$out/out/"*.bpf.o \
		"$top/tests/bench/guest.sh" "$out/run-$k/"
done
step "boot each kernel under each clock, $jobs VMs at a time: load kfunc.ko, run every program"
n=0
for clock in $clocks; do
	for k in $built; do
		say "$k, $clock"
		vm "$k" "$clock" &
		n=$((n + 1))
		if [ "$n" -ge "$jobs" ]; then
			wait
			n=0
		fi
	done
done
wait

: >"$out/rows.tsv"
for clock in $clocks; do
	for k in $built; do
		log=$logs/vm-$k-$clock
		grep '^[RP]	' "$log.out" >>"$out/rows.tsv"
		cat "$log.v" >>"$out/rows.tsv"
		n=$(grep -c "^R	.*	ok	" "$log.out")
		refused=$(grep -c "^R	.*	rejected	" "$log.out")
		if [ "$(cut -f5 "$log.v")" = ok ]; then
			result ok "$k, $clock: $n programs measured, $refused refused by the verifier ($(cut -f4 "$log.v") s)"
		else
			result not-ok "$k, $clock: $(cut -f5 "$log.v")" "$log.out"
		fi
		grep '^R	' "$log.out" | awk -F'\t' '$7 != "ok" && $7 != "rejected" && $7 != "absent" && $7 != "skipped" &&
			$7 != "limit" && $7 != "blind" {
			print "    " $4 "_" $5 "_" $6 ": " $7 " " $20 }'
		grep '^P	' "$log.out" | awk -F'\t' '$6 != "ok" || ($4 == "kf" && $15 != "yes") {
			print "    path " $4 " depth " $5 ": " $6 ", whole path " $15 " " $16 }'
	done
done
meta guest_cpu "$(sed -n 's/^bench: .* CPU, //p' "$logs"/vm-*.out | head -n 1)"
meta mode "$(echo "$clocks" | sed 's/tcg/plain TCG (emulated wall-clock ns)/; s/icount/-icount shift=0,sleep=off (instruction-time)/; s/ -icount/, and -icount/')"
meta seconds "$(($(date +%s) - start))"

step "report"
awk -f "$top/tests/bench/report.awk" -v json="$out/bench.json" -v md="$md" \
	-v whyfile="$top/tests/bench/why.md" "$out/meta.tsv" "$out/rows.tsv" "$out/native.tsv" 2>"$logs/report.log" ||
	result not-ok "report: docs/benchmarks.md and build/bench/bench.json" "$logs/report.log"
say ""
say "$md and $out/bench.json written"
summary
