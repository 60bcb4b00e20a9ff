#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# guest-stress.sh DIR: run by guest.sh inside the test VM, with kfunc.ko
# (from DIR) loaded; leaves it loaded. Prints "ok - KERNEL: what" or
# "not ok - KERNEL: what" lines, details indented by 4 spaces.
#
# 1. stress: every kfunc family from 2 threads per CPU for $secs s while
#    other threads make tasks exit, move a task between cgroups that are
#    removed and made again, and replace an executable (tests/bpf/stress.c).
# 2. The module lifecycle race: "stress load" loads and closes a program
#    calling kf_test_sum in a loop while this script runs rmmod and insmod
#    in a loop. Each load must succeed with the module pinned, or be
#    refused with a clear libbpf or verifier message; each rmmod must
#    succeed or say the module is in use.
# Either fails on a kernel splat (WARNING, BUG, KASAN, lockdep, ...).
set -u
dir=$1
k=$(uname -r)
secs=${KFUNC_STRESS_SECS:-18}
out=/tmp/kfunc-stress.out
err=/tmp/kfunc-stress.err

ok() { echo "ok - $k: $*"; }
not_ok() { echo "not ok - $k: $*"; }

splats='WARNING:|BUG:|Oops|Call Trace|KASAN:|UBSAN:|detected stall|soft lockup|hard LOCKUP'
splats="$splats|blocked for more than|turning off the locking correctness validator"
# no_splat WHAT: no new checker report in dmesg since the last call.
seen=$(dmesg | wc -l)
no_splat() {
	dmesg | tail -n +$((seen + 1)) >/tmp/kfunc-stress.dmesg
	seen=$((seen + $(wc -l </tmp/kfunc-stress.dmesg)))
	if grep -qE "$splats" /tmp/kfunc-stress.dmesg; then
		not_ok "no kernel splat during $1"
		grep -E -A 30 "$splats" /tmp/kfunc-stress.dmesg | head -n 80 | sed 's/^/    /'
	else
		ok "no kernel splat during $1"
	fi
}

# 1. Every family at once, checked results.
"$dir/stress" "$secs" >"$out" 2>"$err"
rc=$?
sed "s/^\(ok\|not ok\) - /\1 - $k: /" "$out"
[ -s "$err" ] && head -n 40 "$err" | sed 's/^/    /'
grep -q '^ok - stress: [0-9]* calls' "$out" && [ $rc -eq 0 ] ||
	grep -q '^not ok' "$out" || not_ok "stress ran and reported (exit $rc)"
no_splat "the stress run"

# 2. rmmod/insmod against program loads: at least $min s, and on until
# each outcome of both happened (loaded and refused; rmmod done and
# refused as busy), $max s at most. A load takes a second or two under
# TCG (libbpf reads every BTF), a loaded program is held 0.5 s, and
# insmod takes seconds on 7.x: left to chance, the module is rarely
# there long enough for a load to finish. So after every other insmod
# the rmmod waits (5 s at most) for the next successful load, and finds
# the module in use; after the others it races the loads in flight. A
# run that still never saw an outcome says so (SKIP) without failing.
min=10
max=20
stop=/tmp/kfunc-stress-stop
rm -f "$stop"
"$dir/stress" load >/tmp/kfunc-load.out 2>&1 &
loader=$!
rm_ok=0 rm_busy=0 rm_bad=0 ins_ok=0 ins_bad=0 wait_load=0 base=0
: >/tmp/kfunc-rmmod.bad
t0=$(date +%s)
while :; do
	t=$(($(date +%s) - t0))
	loaded=$(grep -c '^loaded:' /tmp/kfunc-load.out)
	refused=$(grep -c '^refused:' /tmp/kfunc-load.out)
	[ $t -ge $max ] && break
	[ $t -ge $min ] && [ "$loaded" -gt 0 ] && [ "$refused" -gt 0 ] &&
		[ $rm_ok -gt 0 ] && [ $rm_busy -gt 0 ] && break
	kill -0 $loader 2>/dev/null || break
	if grep -q '^kfunc ' /proc/modules; then
		if [ $wait_load -gt 0 ] && [ "$(grep -c '^loaded:' /tmp/kfunc-load.out)" -le "$base" ]; then
			wait_load=$((wait_load - 1))
			sleep 0.1
			continue
		fi
		wait_load=0
		if rmmod kfunc >/tmp/kfunc-rmmod.out 2>&1; then
			rm_ok=$((rm_ok + 1))
			sleep 0.3
		elif grep -qE 'in use|Resource temporarily unavailable|Device or resource busy' \
			/tmp/kfunc-rmmod.out; then
			rm_busy=$((rm_busy + 1))
			sleep 0.1
		else
			rm_bad=$((rm_bad + 1))
			cat /tmp/kfunc-rmmod.out >>/tmp/kfunc-rmmod.bad
		fi
	elif insmod "$dir/kfunc.ko" >/tmp/kfunc-rmmod.out 2>&1 && [ -e /sys/kernel/btf/kfunc ]; then
		ins_ok=$((ins_ok + 1))
		base=$(grep -c '^loaded:' /tmp/kfunc-load.out)
		[ $((ins_ok % 2)) -eq 1 ] && wait_load=50
	else
		ins_bad=$((ins_bad + 1))
		{ echo "insmod:"; cat /tmp/kfunc-rmmod.out; } >>/tmp/kfunc-rmmod.bad
		sleep 0.2
	fi
done
touch "$stop"
wait $loader
lrc=$?
rm -f "$stop"
loads=$(grep -cE '^(loaded|refused|bad):' /tmp/kfunc-load.out)
loaded=$(grep -c '^loaded:' /tmp/kfunc-load.out)
missing=$(grep -c "^refused: .*\(not found in kernel or module BTFs\|referenced but wasn't resolved\)" \
	/tmp/kfunc-load.out)
refused=$(grep -c '^refused:' /tmp/kfunc-load.out)
bad=$(grep -c '^bad:' /tmp/kfunc-load.out)
what="rmmod/insmod raced $loads program loads in $t s: $loaded loaded (module pinned), $refused refused ($missing kfunc not found by libbpf, $((refused - missing)) by the verifier); rmmod $rm_ok ok / $rm_busy in use; insmod $ins_ok ok"
if [ $lrc -eq 0 ] && [ "$bad" -eq 0 ] && [ $rm_bad -eq 0 ] && [ $ins_bad -eq 0 ] &&
	[ "$loaded" -gt 0 ]; then
	ok "$what"
else
	not_ok "$what; $bad bad loads, $rm_bad bad rmmods, $ins_bad bad insmods (loader exit $lrc)"
	grep -v '^loaded:\|^refused:' /tmp/kfunc-load.out | head -n 30 | sed 's/^/    /'
	head -n 20 /tmp/kfunc-rmmod.bad | sed 's/^/    /'
fi
# The messages a refused load gave (one of each).
grep '^refused:' /tmp/kfunc-load.out | sed 's/^refused: //; s/[0-9]\+/N/g' | sort | uniq -c |
	sed 's/^ */    /'
if [ "$refused" -gt 0 ] && [ $rm_ok -gt 0 ] && [ $rm_busy -gt 0 ] && [ $ins_ok -gt 0 ]; then
	ok "both outcomes of loads and of rmmod happened, and insmod raced the loads"
else
	ok "both outcomes of loads and of rmmod happened, and insmod raced the loads # SKIP not within $max s (timing): $refused refused loads, rmmod $rm_ok ok / $rm_busy in use, insmod $ins_ok"
fi

# Leave the module loaded, as found.
grep -q '^kfunc ' /proc/modules || insmod "$dir/kfunc.ko" >/tmp/kfunc-rmmod.out 2>&1
if grep -q '^kfunc ' /proc/modules && [ -e /sys/kernel/btf/kfunc ]; then
	ok "kfunc.ko is loaded again after the race, with /sys/kernel/btf/kfunc"
else
	not_ok "kfunc.ko is loaded again after the race, with /sys/kernel/btf/kfunc"
	sed 's/^/    /' /tmp/kfunc-rmmod.out
fi
no_splat "the rmmod/insmod race"
