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
for f in kf_test_sum kf_strstr kf_memzero; do
	check "$f is a FUNC in the module's BTF" \
		sh -c "bpftool btf dump file /sys/kernel/btf/kfunc | grep -q \"FUNC '$f'\""
done
check "the module registered its kfunc set (dmesg)" \
	sh -c "dmesg | grep -q 'kfunc: version .*: 3 kfuncs registered'"

"$dir/kfunc_test" run 2>"$log" | sed "s/^\(ok\|not ok\) - /\1 - $k: /"
[ -s "$log" ] && sed 's/^/    /' "$log"

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
	check "the loaded module is version $(modinfo -F version kfunc) from the package" \
		sh -c "test \"\$(cat /sys/module/kfunc/version)\" = \"\$(modinfo -F version kfunc)\""
	"$dir/kfunc_test" run 2>"$log" | sed "s/^\(ok\|not ok\) - /\1 - $k: packaged module: /"
	[ -s "$log" ] && sed 's/^/    /' "$log"
	if [ -x "$dir/sdk-strstr" ]; then
		check "the example built from the installed kfunc-sdk prints its line" \
			sh -c "$dir/sdk-strstr | grep \"'wor' found in 'Hello, world!' at index 7\""
	else
		not_ok "the example built from the installed kfunc-sdk is present"
	fi
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
