#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# guest.sh DIR: runs inside the test VM, on the kernel under test.
# DIR holds kfunc.ko (built for this kernel) and kfunc_test. Prints one
# "ok - KERNEL: what" or "not ok - KERNEL: what" line per check.
set -u
dir=$1
k=$(uname -r)
log=/tmp/kfunc-guest.log

ok() { echo "ok - $k: $*"; }
not_ok() { echo "not ok - $k: $*"; }
# check DESCRIPTION COMMAND...: one result line from a command's status
check() {
	desc=$1
	shift
	if "$@" >"$log" 2>&1; then
		ok "$desc"
	else
		not_ok "$desc"
		sed 's/^/    /' "$log"
	fi
}

# A module whose kfunc set was never resolved must refuse to load.
if [ -f "$dir/noids.ko" ]; then
	check "kfunc.ko with unresolved BTF ids refuses to load, and says why" \
		sh -c "! insmod $dir/noids.ko && dmesg | grep 'kfunc: the kfunc BTF ids were not resolved'"
fi

if ! insmod "$dir/kfunc.ko" >"$log" 2>&1; then
	not_ok "insmod kfunc.ko"
	sed 's/^/    /' "$log"
	dmesg | tail -n 20 | sed 's/^/    /'
	exit 1
fi
ok "insmod kfunc.ko"

check "/sys/kernel/btf/kfunc exists (the module carries BTF)" \
	test -e /sys/kernel/btf/kfunc
for f in kf_test_sum kf_strstr kf_memzero kf_memset kf_memcmp kf_memchr kf_memrchr; do
	check "$f is a FUNC in the module's BTF" \
		sh -c "bpftool btf dump file /sys/kernel/btf/kfunc | grep -q \"FUNC '$f'\""
done
check "the module registered its kfunc set (dmesg)" \
	sh -c "dmesg | grep -q 'kfunc: version .*: 7 kfuncs registered'"

"$dir/kfunc_test" run 2>"$log" | sed "s/^\(ok\|not ok\) - /\1 - $k: /"
[ -s "$log" ] && sed 's/^/    /' "$log"

# examples BINDIR WHAT: run each example loader; each exits 0 only when its
# program printed the expected line.
examples() {
	for ex in hello strstr memzero; do
		if [ ! -x "$1/$ex" ]; then
			not_ok "$2 example $ex is present"
			continue
		fi
		"$1/$ex" >/tmp/ex.out 2>&1
		rc=$?
		out=$(head -n 1 /tmp/ex.out)
		if [ $rc -eq 0 ]; then
			ok "$2 example $ex: $out"
		else
			not_ok "$2 example $ex (exit $rc)"
			sed 's/^/    /' /tmp/ex.out
		fi
	done
}
examples "$dir" "tree-built"

# kfunc-run: attach hello, see it fire, detach on SIGINT.
"$dir/kfunc-run" "$dir/hello.bpf.o" hello_fentry >/tmp/run.out 2>&1 &
runner=$!
i=0
while ! grep -q '^attached: hello_fentry' /tmp/run.out && [ $i -lt 100 ]; do
	sleep 0.1
	i=$((i + 1))
done
timeout 20 grep -m 1 'hello from fentry in pid [0-9]*: kf_test_sum(1, 2, 3, 4) = 10' \
	/sys/kernel/tracing/trace_pipe >/tmp/run.trace 2>&1 &
reader=$!
sleep 0.5
touch /tmp/kfunc-run-trigger && rm /tmp/kfunc-run-trigger
wait "$reader"
kill -INT "$runner"
wait "$runner"
rc=$?
i=0
while bpftool prog show | grep -q hello_fentry && [ $i -lt 50 ]; do
	sleep 0.1
	i=$((i + 1))
done
check "kfunc-run attaches hello.bpf.o, it fires on unlink, SIGINT detaches and exits 0 (exit $rc)" \
	sh -c "[ $rc -eq 0 ] && grep -q 'kf_test_sum' /tmp/run.trace &&
		grep -q '^detaching on SIGINT' /tmp/run.out &&
		! bpftool prog show | grep -q hello_fentry"
[ -s /tmp/run.out ] && grep -v '^attached\|^detaching' /tmp/run.out | sed 's/^/    /'

# reject PROG MESSAGE...: kfunc-run must refuse PROG of negative.bpf.o,
# exit 1 and print the verifier log, which must hold each MESSAGE (fixed
# strings). The full output is kept in /tmp/reject-PROG.log.
reject() {
	prog=$1
	shift
	"$dir/kfunc-run" "$dir/negative.bpf.o" "$prog" >"/tmp/reject-$prog.log" 2>&1
	rc=$?
	missing=
	for m in "$@"; do
		grep -qF -- "$m" "/tmp/reject-$prog.log" || missing="$missing [$m]"
	done
	if [ $rc -eq 1 ] && grep -q -- '--- verifier log ---' "/tmp/reject-$prog.log" &&
		[ -z "$missing" ]; then
		ok "verifier rejects $prog: $*"
	else
		not_ok "verifier rejects $prog (kfunc-run exit $rc; missing:$missing)"
		grep -E '^(R[0-9]|arg#|invalid|calling|libbpf|Verification)' "/tmp/reject-$prog.log" |
			tail -n 12 | sed 's/^/    /'
	fi
}
major=${k%%.*}
minor=${k#*.}
minor=${minor%%[.-]*}
# 7.x names arguments by register where 6.x said arg#N.
if [ "$major" -ge 7 ]; then
	pair="R1 and R2 memory, len pair leads to invalid memory access"
	stack="invalid read from stack R1 off=-16 size=32"
else
	pair="arg#0 arg#1 memory, len pair leads to invalid memory access"
	stack="invalid indirect access to stack R1 off=-16 size=32"
fi
reject neg_sz_negative "R2 min value is negative, either use unsigned or 'var &= const'" "$pair"
reject neg_sz_unbounded "R2 unbounded memory access, use 'var &= const' or 'if (var < const)'" "$pair"
reject neg_sz_past_end "invalid access to map value, value_size=16 off=0 size=17" "$pair"
reject neg_sz_stack_past_end "$stack" "$pair"
reject neg_scalar_as_mem "R1 type=scalar expected="
if [ "$major" -lt 6 ] || { [ "$major" -eq 6 ] && [ "$minor" -lt 10 ]; }; then
	reject neg_kprobe_before_6_10 "calling kernel function kf_test_sum is not allowed"
fi

# Lifecycle: a loaded program that calls a kfunc pins the module.
fifo=/tmp/kfunc-hold
rm -f "$fifo"
mkfifo "$fifo"
"$dir/kfunc_test" hold <"$fifo" >/tmp/kfunc-hold.out 2>&1 &
holder=$!
exec 3>"$fifo"
i=0
while ! grep -q held /tmp/kfunc-hold.out && [ $i -lt 100 ]; do
	sleep 0.1
	i=$((i + 1))
done
check "a program using a kfunc is loaded and holds the module" \
	grep -q held /tmp/kfunc-hold.out
refcnt=$(cat /sys/module/kfunc/refcnt)
check "module refcnt is $refcnt (>= 1) while the program is loaded" \
	test "$refcnt" -ge 1
rmmod kfunc >/tmp/kfunc-rmmod.out 2>&1
rc=$?
check "rmmod fails while the program is loaded (exit $rc: $(cat /tmp/kfunc-rmmod.out))" \
	sh -c "[ $rc -ne 0 ] && grep -q 'in use' /tmp/kfunc-rmmod.out"
exec 3>&-
wait "$holder"
# The kernel frees a closed program (and its module reference) after an
# RCU grace period: retry for up to 10 s.
i=0
while ! rmmod kfunc 2>/dev/null && [ $i -lt 100 ]; do
	sleep 0.1
	i=$((i + 1))
done
check "rmmod succeeds once the program is closed" \
	sh -c "! grep -q '^kfunc ' /proc/modules"

n=0
for i in $(seq 1 20); do
	insmod "$dir/kfunc.ko" && [ -e /sys/kernel/btf/kfunc ] && rmmod kfunc &&
		n=$((n + 1))
done
check "load/unload 20 times ($n succeeded)" test "$n" -eq 20

# The module the package installed (dkms, /lib/modules/K/updates), loaded
# the way users load it, and a program built from the installed SDK.
if [ -f "$dir/packaged" ]; then
	check "modprobe kfunc loads the dkms-built $(modinfo -n kfunc 2>&1 | sed 's|.*/updates|updates|')" \
		sh -c "modprobe kfunc && modinfo -n kfunc | grep -q /updates/ && test -e /sys/kernel/btf/kfunc"
	want=$(cat "$dir/packaged")
	check "the loaded module is the package's version $want" \
		sh -c "test \"\$(cat /sys/module/kfunc/version)\" = '$want'"
	"$dir/kfunc_test" run 2>"$log" | sed "s/^\(ok\|not ok\) - /\1 - $k: packaged module: /"
	[ -s "$log" ] && sed 's/^/    /' "$log"
	examples "$dir/sdk" "SDK-built"
	# Closed programs release the module after an RCU grace period.
	i=0
	while ! modprobe -r kfunc 2>/dev/null && [ $i -lt 100 ]; do
		sleep 0.1
		i=$((i + 1))
	done
	check "modprobe -r kfunc" sh -c "! grep -q '^kfunc ' /proc/modules"
fi

check "no WARNING, BUG, Oops or Call Trace in dmesg" \
	sh -c "! dmesg | grep -E 'WARNING:|BUG:|Oops|Call Trace'"
