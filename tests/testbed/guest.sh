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

# The VM's log says how long the boot took (the uptime now), and each
# timed part below.
echo "# time: boot: $(cut -d. -f1 /proc/uptime) s"

ok() { echo "ok - $k: $*"; }
not_ok() { echo "not ok - $k: $*"; }
# wait_for PATTERN FILE TENTHS: until FILE has a line matching PATTERN, for
# at most TENTHS tenths of a second (the caller's check then says whether
# it came).
wait_for() {
	i=0
	while ! grep -q "$1" "$2" && [ $i -lt "$3" ]; do
		sleep 0.1
		i=$((i + 1))
	done
}

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

# kmemleak (the debug kernel; off elsewhere): no automatic scans, and forget
# what the kernel leaked before the tests, so that the scans at the end
# report only what was lost during them.
leaks=/sys/kernel/debug/kmemleak
[ -d /sys/kernel/debug/tracing ] || mount -t debugfs none /sys/kernel/debug 2>/dev/null
debug=
case $k in *-kfunc-debug) debug=1 ;; esac
if [ -n "$debug" ]; then
	# A checker that is off finds nothing: prove each one is on.
	check "the debug kernel's checkers are on: KASAN initialized, lockdep's debug_locks 1, kmemleak on" \
		sh -c "dmesg | grep -q 'KernelAddressSanitizer initialized' &&
			grep -q 'debug_locks: *1\$' /proc/lockdep_stats &&
			echo scan=off >$leaks && echo scan >$leaks && echo clear >$leaks"
fi

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
# kfuncs.txt: the kfuncs the SDK headers say this kernel offers.
bpftool btf dump file /sys/kernel/btf/kfunc >/tmp/kfunc.btf 2>&1
n=0
missing=
while read -r f from; do
	n=$((n + 1))
	grep -q "FUNC '$f'" /tmp/kfunc.btf || missing="$missing $f"
done <"$dir/kfuncs.txt"
check "all $n kfuncs the headers promise on this kernel are FUNCs in the module's BTF${missing:+ (missing:$missing)}" \
	test -z "$missing" -a "$n" -gt 0
check "the module registered exactly those $n kfuncs (dmesg)" \
	sh -c "dmesg | grep -q 'kfunc: version .*: $n kfuncs registered'"

# timed CMD...: run CMD, then say how long it took (in the VM's log only).
timed() {
	tt0=$(date +%s)
	"$@"
	echo "# time: $1: $(($(date +%s) - tt0)) s"
}

# tests BIN [ARG]: a test binary's result lines; it must also exit 0 (one
# that crashes halfway prints nothing for what it never reached).
tests() {
	t0=$(date +%s)
	"$@" >/tmp/kfunc-tests.out 2>"$log"
	rc=$?
	echo "# time: ${1##*/}: $(($(date +%s) - t0)) s"
	sed "s/^\(ok\|not ok\) - /\1 - $k: /" /tmp/kfunc-tests.out
	[ -s "$log" ] && sed 's/^/    /' "$log"
	[ $rc -eq 0 ] || not_ok "${1##*/} exits 0 (exit $rc)"
}
tests "$dir/kfunc_test" run
tests "$dir/task_test"
# Paths of files, cwd, root and fds against /proc, under the locks a walk
# could wait for, and in a rename and mount storm.
tests "$dir/file_test"
# Command lines, environments and container ids against /proc and cgroup
# trees made in each container runtime's layout.
tests "$dir/proc_test"
# Packet search, DNS names, HTTP headers: test-run packets (linear,
# multi-buffer XDP) and real non-linear datagrams over lo.
tests "$dir/packet_test"
# Kernel objects printed by BTF: kf_btf_snprintf's text against the
# kernel's own bpf_snprintf_btf, byte for byte.
tests "$dir/btf_test"
# Who may load a program calling it: CAP_PERFMON, as for the helper (6.5+).
tests "$dir/btf_test" perfmon

# Every kfunc that reads or writes a buffer, on buffers of every size from
# 0 to 64 and around the word and block boundaries its code uses, ending
# where their memory ends: KASAN (debug kernel) sees a one-byte overread.
tests "$dir/bounds"

# examples BINDIR WHAT: run each example loader; each exits 0 only when its
# program printed the expected line.
examples() {
	for ex in hello strstr memzero tasks hash btfdump; do
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
timed examples "$dir" "tree-built"
# btfdump's members: a task's name, and its local storage, where the note
# btfdump's program stored shows by name (btfdump checks it, exits 0).
check "tree-built example btfdump PID comm bpf_storage: the members print, the note is in bpf_storage" \
	"$dir/btfdump" -c $$ comm bpf_storage

# The seed's tc filter (examples/pbfilter): two network namespaces joined
# by veth, the filter on the receiving end's ingress, a known mix of
# datagrams (pb_traffic); exactly the expected ones must arrive. Datagrams
# of 30 KB over a 65000-byte MTU arrive as non-linear skbs.
pbfilter_test() {
	bin=$1 what=$2
	ip netns del kfa 2>/dev/null
	ip netns del kfb 2>/dev/null
	if ! { ip netns add kfa && ip netns add kfb &&
		ip link add kfva type veth peer name kfvb &&
		ip link set kfva netns kfa && ip link set kfvb netns kfb &&
		ip -n kfa addr add 10.77.0.1/24 dev kfva &&
		ip -n kfb addr add 10.77.0.2/24 dev kfvb &&
		ip -n kfa link set kfva mtu 65000 up && ip -n kfb link set kfvb mtu 65000 up; } \
		>/tmp/pbf-net.log 2>&1; then
		not_ok "$what example pbfilter: set up two namespaces and a veth pair"
		sed 's/^/    /' /tmp/pbf-net.log
		return
	fi
	ip netns exec kfb "$bin/pbfilter" kfvb 7777 >/tmp/pbf.out 2>&1 &
	filter=$!
	wait_for '^pbfilter: attached' /tmp/pbf.out 300
	ip netns exec kfb "$dir/pb_traffic" recv 7777 >/tmp/pbr.out 2>&1 &
	receiver=$!
	wait_for ready /tmp/pbr.out 300
	ip netns exec kfa "$dir/pb_traffic" send 10.77.0.2 7777 >/tmp/pbs.out 2>&1
	wait "$receiver"
	kill -INT "$filter"
	wait "$filter"
	rc=$?
	got=$(grep -v ready /tmp/pbr.out | sort -n | paste -sd' ' -)
	want=$("$dir/pb_traffic" expect | paste -sd' ' -)
	stats=$(sed -n 's/^pbfilter: \([0-9]* passed.*\)/\1/p' /tmp/pbf.out)
	if [ $rc -eq 0 ] && [ "$got" = "$want" ] &&
		[ "$stats" = "7 passed, 2 dropped, 2 malformed, 2 non-linear" ]; then
		ok "$what example pbfilter: of datagrams 1-10 exactly $got arrive; the filter says: $stats"
	else
		not_ok "$what example pbfilter: arrived [$got], want [$want]; filter: [$stats] (exit $rc)"
		cat /tmp/pbf.out /tmp/pbs.out | sed 's/^/    /'
	fi
	ip netns del kfa
	ip netns del kfb
}
timed pbfilter_test "$dir" "tree-built"

# examples/filesnoop: opens of paths matching '/tmp/fsn-*/*.conf', each with
# its pid, container id, cwd and command line. A relative open must show
# the full path; a file that does not match must not show; an open from a
# cgroup named as docker names a container's must show its id.
filesnoop_test() {
	bin=$1
	id=0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef
	cg=/tmp/fsn-cg/system.slice/docker-$id.scope
	rm -rf /tmp/fsn-a
	"$bin/filesnoop" '/tmp/fsn-*/*.conf' >/tmp/fsn.out 2>&1 &
	snoop=$!
	wait_for '^filesnoop: attached' /tmp/fsn.out 300
	hook=$(sed -n 's/^filesnoop: attached (\(.*\))$/\1/p' /tmp/fsn.out)
	mounted=
	slice=
	if ! mountpoint -q /tmp/fsn-cg; then
		mkdir -p /tmp/fsn-cg && mount -t cgroup2 none /tmp/fsn-cg && mounted=1
	fi
	[ -d /tmp/fsn-cg/system.slice ] || slice=1
	mkdir -p "$cg"
	# In a subshell: the cd must not outlive the workload.
	pids=$(
		mkdir -p /tmp/fsn-a/sub && cd /tmp/fsn-a/sub || exit
		sh -c 'echo conf >/tmp/fsn-a/x.conf; echo txt >/tmp/fsn-a/y.txt' >/dev/null &
		echo $!
		wait $!
		env -C /tmp/fsn-a/sub cat ../x.conf >/dev/null &
		echo $!
		wait $!
		cat /tmp/fsn-a/y.txt >/dev/null &
		wait $!
		sh -c "echo \$\$ >$cg/cgroup.procs && exec cat /tmp/fsn-a/x.conf" >/dev/null &
		echo $!
		wait $!
	)
	rmdir "$cg"
	[ -n "$slice" ] && rmdir /tmp/fsn-cg/system.slice
	[ -n "$mounted" ] && umount /tmp/fsn-cg
	kill -INT "$snoop" 2>/dev/null
	# It polls twice a second: 10 s is plenty, then it hangs.
	i=0
	while kill -0 "$snoop" 2>/dev/null && [ $i -lt 100 ]; do
		sleep 0.1
		i=$((i + 1))
	done
	kill -KILL "$snoop" 2>/dev/null
	wait "$snoop"
	rc=$?
	# shellcheck disable=SC2086 # one pid a word
	set -- $pids
	tab=$(printf '\t')
	missing=
	for want in \
		"open$tab${1:-?}$tab-$tab/tmp/fsn-a/sub${tab}sh -c echo conf >/tmp/fsn-a/x.conf; echo txt >/tmp/fsn-a/y.txt$tab/tmp/fsn-a/x.conf" \
		"open$tab${2:-?}$tab-$tab/tmp/fsn-a/sub${tab}cat ../x.conf$tab/tmp/fsn-a/x.conf" \
		"open$tab${3:-?}$tab$id$tab/tmp/fsn-a/sub${tab}cat /tmp/fsn-a/x.conf$tab/tmp/fsn-a/x.conf"; do
		grep -qxF "$want" /tmp/fsn.out || missing="$missing [$want]"
	done
	stats=$(sed -n 's/^filesnoop: \([0-9]* events, [0-9]* lost\)$/\1/p' /tmp/fsn.out)
	if [ $rc -eq 0 ] && [ -n "$hook" ] && [ -z "$missing" ] && ! grep -q 'y\.txt$' /tmp/fsn.out &&
		[ -n "$stats" ] && [ "${stats#* events, }" = "0 lost" ]; then
		ok "tree-built example filesnoop ($hook): the creation of x.conf, a relative open of it and one from a docker scope each show pid, container, cwd, command line and full path; y.txt does not show; $stats"
	else
		not_ok "tree-built example filesnoop (${hook:-not attached}; exit $rc; missing:$missing)"
		sed 's/^/    /' /tmp/fsn.out
	fi
	rm -rf /tmp/fsn-a
}
timed filesnoop_test "$dir"

# examples/dnsblock: dnsmasq in one namespace answers A records for a few
# names; the filter on its veth (XDP) drops the queries for a list's
# names, which dig asks from the other namespace with upper case, exact,
# "*." and "." patterns and a name that merely ends like a listed one.
# Exactly the names off the list must be answered, with their address.
# Hand-made queries: a plain one is answered; one whose question is a
# compression loop, and one whose forward pointer leads to a listed name
# (dnsmasq follows it), are dropped as malformed. Then the counters. A
# list with a line that is not a pattern is refused at load.
dnsb_dig() {
	out=$(ip netns exec kfdb dig +time=3 +tries=1 "@$1" "$2" A 2>&1)
	if [ $? -eq 9 ]; then
		echo timeout
		return
	fi
	echo "$out" | sed -n 's/.*status: \([A-Z]*\),.*/\1/p' | tr '\n' ' '
	echo "$out" | awk '$3 == "IN" && $4 == "A" { print $5 }' | paste -sd' ' -
}
dnsblock_test() {
	bin=$1
	printf '# a list with a mistake\nok.test\n\n*.also-ok.test\nbad..test\n' >/tmp/dnsb-bad1.list
	printf 'ok.test\nads.*.test # a glob, not a pattern\n' >/tmp/dnsb-bad2.list
	"$bin/dnsblock" lo /tmp/dnsb-bad1.list >/tmp/dnsb-bad1.out 2>&1
	rc1=$?
	"$bin/dnsblock" lo /tmp/dnsb-bad2.list >/tmp/dnsb-bad2.out 2>&1
	rc2=$?
	if [ $rc1 -eq 1 ] && [ $rc2 -eq 1 ] &&
		grep -qxF "dnsblock: /tmp/dnsb-bad1.list:5: not a domain pattern: 'bad..test' (Invalid argument)" /tmp/dnsb-bad1.out &&
		grep -qxF "dnsblock: /tmp/dnsb-bad2.list:2: not a domain pattern: 'ads.*.test' (Invalid argument)" /tmp/dnsb-bad2.out; then
		ok "tree-built example dnsblock refuses a list with 'bad..test' on line 5, or 'ads.*.test' on line 2, naming the line (kf_domain_match checks each pattern at load)"
	else
		not_ok "tree-built example dnsblock refuses a list with a bad pattern, naming the line (exit $rc1, $rc2)"
		cat /tmp/dnsb-bad1.out /tmp/dnsb-bad2.out | sed 's/^/    /'
	fi

	ip netns del kfda 2>/dev/null
	ip netns del kfdb 2>/dev/null
	if ! { ip netns add kfda && ip netns add kfdb &&
		ip link add kfdva type veth peer name kfdvb &&
		ip link set kfdva netns kfda && ip link set kfdvb netns kfdb &&
		ip -n kfda addr add 10.78.0.1/24 dev kfdva &&
		ip -n kfda addr add fd78::1/64 dev kfdva nodad &&
		ip -n kfdb addr add 10.78.0.2/24 dev kfdvb &&
		ip -n kfdb addr add fd78::2/64 dev kfdvb nodad &&
		ip -n kfda link set kfdva up && ip -n kfdb link set kfdvb up; } \
		>/tmp/dnsb-net.log 2>&1; then
		not_ok "tree-built example dnsblock: set up two namespaces and a veth pair"
		sed 's/^/    /' /tmp/dnsb-net.log
		return
	fi
	cat >/tmp/dnsb.list <<'LIST'
# dnsblock's test list
ads.blocked.test	# this name only
*.tracker.test		# the names under tracker.test

  .example.test		# example.test and the names under it
LIST
	ip netns exec kfda dnsmasq --keep-in-foreground --log-facility=- --log-queries \
		--conf-file=/dev/null --no-resolv --no-hosts --pid-file=/tmp/dnsb-dnsmasq.pid \
		--user=root --bind-interfaces --listen-address=10.78.0.1 --listen-address=fd78::1 \
		--address=/allowed.test/10.0.0.1 --address=/ads.blocked.test/10.0.0.2 \
		--address=/tracker.test/10.0.0.3 --address=/example.test/10.0.0.4 \
		--address=/badexample.test/10.0.0.5 >/tmp/dnsb-dnsmasq.log 2>&1 &
	server=$!
	ip netns exec kfda "$bin/dnsblock" kfdva /tmp/dnsb.list >/tmp/dnsb.out 2>&1 &
	filter=$!
	wait_for 'started' /tmp/dnsb-dnsmasq.log 300
	wait_for '^dnsblock: attached' /tmp/dnsb.out 300
	mode=$(sed -n 's/^dnsblock: attached to kfdva (\(xdp [a-z]*\)).*/\1/p' /tmp/dnsb.out)
	got=''
	want=''
	# All at once (each dig waits its timeout in parallel), then in order.
	queries="allowed.test=10.0.0.1 x.ads.blocked.test=10.0.0.2 tracker.test=10.0.0.3
		badexample.test=10.0.0.5 ads.blocked.test= ADS.Blocked.TEST= a.tracker.test=
		a.b.tracker.test= example.test= WWW.example.test=
		6/allowed.test=10.0.0.1 6/ads.blocked.test="
	n=0
	digs=
	for q in $queries; do
		name=${q%=*} at=10.78.0.1
		case $name in 6/*) name=${name#6/} at=fd78::1 ;; esac
		dnsb_dig "$at" "$name" >/tmp/dnsb-dig.$n &
		digs="$digs $!"
		n=$((n + 1))
	done
	wait $digs
	n=0
	for q in $queries; do
		addr=${q#*=}
		got="$got [$q $(cat /tmp/dnsb-dig.$n)]"
		want="$want [$q ${addr:+NOERROR }${addr:-timeout}]"
		n=$((n + 1))
	done
	ip netns exec kfdb python3 - 10.78.0.1 >/tmp/dnsb-py.out 2>&1 <<'PY'
import socket, struct, sys

def ask(what, question):
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    s.settimeout(1)
    s.sendto(struct.pack(">6H", 1, 0x0100, 1, 0, 0, 0) + question, (sys.argv[1], 53))
    try:
        r = s.recv(512)
        print(what, "rcode", r[3] & 15, "address", socket.inet_ntoa(r[-4:]))
    except socket.timeout:
        print(what, "timeout")

ask("plain", b"\7allowed\4test\0\0\1\0\1")
# The name is a pointer to itself.
ask("loop", b"\xc0\x0c\0\1\0\1")
# The name is a pointer to ads.blocked.test after the question.
ask("forward", b"\xc0\x12\0\1\0\1\3ads\7blocked\4test\0")
PY
	kill -INT "$filter"
	wait "$filter"
	rc=$?
	{ kill "$server" && wait "$server"; } 2>/dev/null
	if [ "$got" = "$want" ] && [ -n "$mode" ]; then
		ok "tree-built example dnsblock ($mode): dig gets NOERROR and the address for exactly the names off the list: allowed.test, x.ads.blocked.test (ads.blocked.test is exact), tracker.test (not under *.tracker.test), badexample.test (.example.test goes by labels); and times out for ads.blocked.test, ADS.Blocked.TEST, a.tracker.test, a.b.tracker.test, example.test, WWW.example.test; over IPv6 too (allowed.test answered, ads.blocked.test not)"
	else
		not_ok "tree-built example dnsblock (${mode:-not attached}): dig answers exactly the names off the list"
		echo "    got: $got"
		echo "    want:$want"
	fi
	py=$(paste -sd, /tmp/dnsb-py.out)
	if [ "$py" = "plain rcode 0 address 10.0.0.1,loop timeout,forward timeout" ]; then
		ok "tree-built example dnsblock: of three hand-made queries, the plain one for allowed.test is answered 10.0.0.1; the one whose name is a compression loop, and the one whose forward pointer leads to ads.blocked.test (dnsmasq follows it), get no answer"
	else
		not_ok "tree-built example dnsblock: hand-made queries: got [$py]"
		sed 's/^/    /' /tmp/dnsb-py.out
	fi
	stats=$(sed -n 's/^dnsblock: \([0-9]* passed.*\)/\1/p' /tmp/dnsb.out)
	case $stats in
	"6 passed, 7 dropped, 2 malformed, "[1-9]*" not DNS") counted=1 ;;
	*) counted= ;;
	esac
	if [ $rc -eq 0 ] && [ -n "$counted" ]; then
		ok "tree-built example dnsblock counts what was sent: $stats (ARP, neighbour discovery), and exits 0 on SIGINT"
	else
		not_ok "tree-built example dnsblock: counters [$stats], want 6 passed, 7 dropped, 2 malformed, N not DNS (exit $rc)"
		cat /tmp/dnsb.out /tmp/dnsb-dnsmasq.log | sed 's/^/    /'
	fi
	ip netns del kfda
	ip netns del kfdb
}
# The network examples run on the stock kernels only: under KASAN their
# daemons' timeouts dominate (200 s of the debug VM, contended), and their
# kfuncs run on the debug kernel in packet_test (live tc datagrams, XDP).
if [ -z "$debug" ]; then
	timed dnsblock_test "$dir"
fi

# examples/hostfilter: python's http.server in one namespace, the filter
# on its veth's tc ingress with the glob '*.blocked.test', curl in the
# other namespace with several Host fields: the matching ones (in any
# case, with a port, with a final dot) time out, the others get 200, as
# does a request whose headers end in a second segment. The server must
# have seen exactly the requests that passed.
hf_curl() {
	if [ -n "$1" ]; then
		code=$(ip netns exec kfhb curl -s -m 3 -o /dev/null -w '%{http_code}' \
			-H "Host: $1" http://10.79.0.1:8080/)
	else
		code=$(ip netns exec kfhb curl -s -m 3 -o /dev/null -w '%{http_code}' \
			http://10.79.0.1:8080/)
	fi
	rc=$?
	[ $rc -eq 28 ] && code=timeout
	echo "$code"
}
hostfilter_test() {
	bin=$1
	ip netns del kfha 2>/dev/null
	ip netns del kfhb 2>/dev/null
	if ! { ip netns add kfha && ip netns add kfhb &&
		ip link add kfhva type veth peer name kfhvb &&
		ip link set kfhva netns kfha && ip link set kfhvb netns kfhb &&
		ip -n kfha addr add 10.79.0.1/24 dev kfhva &&
		ip -n kfhb addr add 10.79.0.2/24 dev kfhvb &&
		ip -n kfha link set kfhva up && ip -n kfhb link set kfhvb up; } \
		>/tmp/hf-net.log 2>&1; then
		not_ok "tree-built example hostfilter: set up two namespaces and a veth pair"
		sed 's/^/    /' /tmp/hf-net.log
		return
	fi
	rm -rf /tmp/hf-www
	mkdir -p /tmp/hf-www && echo hello >/tmp/hf-www/index.html
	ip netns exec kfha python3 -u -m http.server 8080 --bind 10.79.0.1 \
		--directory /tmp/hf-www >/tmp/hf-server.log 2>&1 &
	server=$!
	ip netns exec kfha "$bin/hostfilter" kfhva 8080 '*.blocked.test' >/tmp/hf.out 2>&1 &
	filter=$!
	wait_for '^Serving HTTP' /tmp/hf-server.log 300
	wait_for '^hostfilter: attached' /tmp/hf.out 300
	got=
	# All at once (each curl waits its timeout in parallel), then in order.
	n=0
	curls=
	for h in x.blocked.test X.BLOCKED.test:8080 y.x.blocked.test. ok.test blocked.test ""; do
		hf_curl "$h" >/tmp/hf-curl.$n &
		curls="$curls $!"
		n=$((n + 1))
	done
	wait $curls
	n=0
	for h in x.blocked.test X.BLOCKED.test:8080 y.x.blocked.test. ok.test blocked.test ""; do
		got="$got [${h:-default}: $(cat /tmp/hf-curl.$n)]"
		n=$((n + 1))
	done
	ip netns exec kfhb python3 - 10.79.0.1 8080 >/tmp/hf-py.out 2>&1 <<'PY'
import socket, sys, time

s = socket.create_connection((sys.argv[1], int(sys.argv[2])), timeout=2)
s.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
s.sendall(b"GET / HTTP/1.1\r\nHost: ok.test\r\n")
time.sleep(0.2)
s.sendall(b"X-Second-Segment: yes\r\nConnection: close\r\n\r\n")
print(s.recv(100).split(b"\r\n")[0].decode())
PY
	got="$got [split: $(cat /tmp/hf-py.out)]"
	# Before the filter goes: TCP still resends the dropped requests.
	{ kill "$server" && wait "$server"; } 2>/dev/null
	served=$(grep -c '"GET / HTTP/1.1" 200' /tmp/hf-server.log)
	kill -INT "$filter"
	wait "$filter"
	rc=$?
	want=" [x.blocked.test: timeout] [X.BLOCKED.test:8080: timeout] [y.x.blocked.test.: timeout]"
	want="$want [ok.test: 200] [blocked.test: 200] [default: 200] [split: HTTP/1.0 200 OK]"
	if [ "$got" = "$want" ] && [ "$served" -eq 4 ]; then
		ok "tree-built example hostfilter (glob '*.blocked.test'): curl times out for Host x.blocked.test, X.BLOCKED.test:8080 and y.x.blocked.test.; gets 200 for ok.test, blocked.test and the default Host (the address), and so does a request whose headers end in a second segment; the server saw exactly these 4 requests"
	else
		not_ok "tree-built example hostfilter: got$got, want$want; the server saw $served requests"
		cat /tmp/hf.out /tmp/hf-server.log | sed 's/^/    /'
	fi
	stats=$(sed -n 's/^hostfilter: \([0-9]* passed.*\)/\1/p' /tmp/hf.out)
	dropped=$(echo "$stats" | sed -n 's/.* \([0-9]*\) dropped.*/\1/p')
	case $stats in
	"4 passed, "*" dropped, "[1-9]*" other") counted=1 ;;
	*) counted= ;;
	esac
	if [ $rc -eq 0 ] && [ -n "$counted" ] && [ "$dropped" -ge 3 ]; then
		ok "tree-built example hostfilter counts $stats (3 requests dropped, each sent again by TCP; other: handshakes, ACKs, the second segment), and exits 0 on SIGINT"
	else
		not_ok "tree-built example hostfilter: counters [$stats], want 4 passed, 3 or more dropped, some other (exit $rc)"
		sed 's/^/    /' /tmp/hf.out
	fi
	ip netns del kfha
	ip netns del kfhb
	rm -rf /tmp/hf-www
}
if [ -z "$debug" ]; then
	timed hostfilter_test "$dir"
fi

# kfunc run: attach hello, see it fire, detach on SIGINT.
"$dir/kfunc" run "$dir/hello.bpf.o" hello_fentry >/tmp/run.out 2>&1 &
runner=$!
wait_for '^attached: hello_fentry' /tmp/run.out 100
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
check "kfunc run attaches hello.bpf.o, it fires on unlink, SIGINT detaches and exits 0 (exit $rc)" \
	sh -c "[ $rc -eq 0 ] && grep -q 'kf_test_sum' /tmp/run.trace &&
		grep -q '^detaching on SIGINT' /tmp/run.out &&
		! bpftool prog show | grep -q hello_fentry"
[ -s /tmp/run.out ] && grep -v '^attached\|^detaching' /tmp/run.out | sed 's/^/    /'

# The verifier-negative tests: each program of negative.bpf.c, loaded
# with kfunc run, must be refused with every message negative.expect
# gives for this kernel (fixed strings in the verifier log), or load where
# it says LOADS. The full output is kept in /tmp/reject-PROG.log.
major=${k%%.*}
minor=${k#*.}
minor=${minor%%[.-]*}
kv=$((major * 1000 + minor))
# applies KERNELS: "all", "X.Y+" (from X.Y), "<X.Y" (before), "X.Y" (that one)
applies() {
	case $1 in
	all) return 0 ;;
	*+) v=${1%+} ;;
	"<"*) v=${1#<} ;;
	*) v=$1 ;;
	esac
	want=$((${v%%.*} * 1000 + ${v#*.}))
	case $1 in
	*+) [ "$kv" -ge "$want" ] ;;
	"<"*) [ "$kv" -lt "$want" ] ;;
	*) [ "$kv" -eq "$want" ] ;;
	esac
}
# The debug kernel is the stock 7.3's source with checkers on: its
# verifier says what 7.3's says, and these programs run no kfunc code.
grep -v '^#' "$dir/negative.expect" | grep . | tr -s '\t' '\t' |
while IFS='	' read -r prog kernels msg; do
	[ -z "$debug" ] && applies "$kernels" && printf '%s\t%s\n' "$prog" "$msg"
done >/tmp/expect
t0=$(date +%s)
for prog in $(cut -f1 /tmp/expect | uniq); do
	log=/tmp/reject-$prog.log
	# One that loads waits for SIGINT: sent once it says so (5 s at most).
	"$dir/kfunc" run "$dir/negative.bpf.o" "$prog" >"$log" 2>&1 &
	runner=$!
	i=0
	while kill -0 "$runner" 2>/dev/null && ! grep -q '^loaded\|^attached' "$log" && [ $i -lt 50 ]; do
		sleep 0.1
		i=$((i + 1))
	done
	kill -INT "$runner" 2>/dev/null
	wait "$runner"
	rc=$?
	missing=
	msgs=
	while IFS='	' read -r p msg; do
		[ "$p" = "$prog" ] || continue
		msgs="$msgs${msgs:+; }$msg"
		[ "$msg" = LOADS ] && continue
		grep -qF -- "$msg" "$log" || missing="$missing [$msg]"
	done </tmp/expect
	if [ "$msgs" = LOADS ]; then
		if [ $rc -eq 0 ] && grep -q '^loaded\|^attached' "$log"; then
			ok "verifier accepts $prog on this kernel, as documented"
		else
			not_ok "verifier accepts $prog (kfunc run exit $rc)"
			tail -n 12 "$log" | sed 's/^/    /'
		fi
	elif [ $rc -eq 1 ] && grep -q -- '--- verifier log ---' "$log" && [ -z "$missing" ]; then
		ok "verifier rejects $prog: $msgs"
	else
		not_ok "verifier rejects $prog (kfunc run exit $rc; missing:$missing)"
		grep -vE '^ *(\||[0-9]+ \||>>>)' "$log" | grep -E '^(R[0-9]|arg#|invalid|calling|libbpf|Verification|  [A-Z]|[a-z])' |
			tail -n 16 | sed 's/^/    /'
	fi
done
echo "# time: negative: $(($(date +%s) - t0)) s"

# kfunc(8): list and probe against the headers and the module's BTF (on
# the stock kernels: kfunc(8) runs no kfunc code the debug kernel checks).
. "$dir/guest-tools.sh"
if [ -z "$debug" ]; then
	timed tools_test "$dir"
fi

# Stress: every family at once from several threads per CPU while other
# threads change what they read; then rmmod racing program loads. Leaves
# kfunc.ko loaded. 18 s on the debug kernel, whose checkers see races; 6 s
# on the stock kernels, where it checks the results under load.
KFUNC_STRESS_SECS=6
[ -n "$debug" ] && KFUNC_STRESS_SECS=18
export KFUNC_STRESS_SECS
timed sh "$dir/guest-stress.sh" "$dir"

# Lifecycle: a loaded program that calls a kfunc pins the module.
t0=$(date +%s)
fifo=/tmp/kfunc-hold
rm -f "$fifo"
mkfifo "$fifo"
"$dir/kfunc_test" hold <"$fifo" >/tmp/kfunc-hold.out 2>&1 &
holder=$!
exec 3>"$fifo"
wait_for held /tmp/kfunc-hold.out 100
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
echo "# time: lifecycle: $(($(date +%s) - t0)) s"

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
	timed examples "$dir/sdk" "SDK-built"
	timed pbfilter_test "$dir/sdk" "SDK-built"
	# kfunc doctor of the installed kfunc-tools, healthy and broken.
	if [ -x /usr/sbin/kfunc ]; then
		timed doctor_test "$dir"
	else
		not_ok "kfunc-tools installed /usr/sbin/kfunc"
	fi
	# Closed programs release the module after an RCU grace period.
	i=0
	while ! modprobe -r kfunc 2>/dev/null && [ $i -lt 100 ]; do
		sleep 0.1
		i=$((i + 1))
	done
	check "modprobe -r kfunc" sh -c "! grep -q '^kfunc ' /proc/modules"
fi

# kmemleak reports an object only once it is 5 s old and unreferenced in
# two scans. Everything it reports now was allocated and lost during the
# tests (kfunc.ko is unloaded: its own allocations show as addresses).
if [ -n "$debug" ]; then
	sleep 6
	if echo scan >"$leaks" && sleep 1 && echo scan >"$leaks"; then
		n=$(grep -c '^unreferenced object' "$leaks")
		check "kmemleak: nothing leaked during the tests ($n unreferenced objects)" test "$n" -eq 0
		[ "$n" -eq 0 ] || head -n 60 "$leaks" | sed 's/^/    /'
	else
		not_ok "kmemleak: the scan after the tests ran"
		dmesg | grep kmemleak | tail -n 5 | sed 's/^/    /'
	fi
	check "lockdep is still on after the tests (debug_locks 1)" \
		grep -q 'debug_locks: *1$' /proc/lockdep_stats
fi

# Last, for nothing after it could read kernel memory: the kernel locked
# down for confidentiality, kf_btf_snprintf refuses to read objects. (The
# debug kernel's config has no lockdown LSM; Debian's kernels do.)
lockdown=/sys/kernel/security/lockdown
if [ -z "$debug" ]; then
	[ -e "$lockdown" ] || mount -t securityfs none /sys/kernel/security 2>/dev/null
	if grep -q confidentiality "$lockdown" 2>/dev/null; then
		# The packaged run removed the module; unsigned, it could not
		# be loaded once locked down.
		grep -q '^kfunc ' /proc/modules || insmod "$dir/kfunc.ko"
		echo confidentiality >"$lockdown"
		"$dir/btf_test" lockdown 2>"$log" | sed "s/^\(ok\|not ok\) - /\1 - $k: /"
		[ -s "$log" ] && sed 's/^/    /' "$log"
	else
		not_ok "the kernel offers lockdown (security/lockdown: $(cat "$lockdown" 2>&1))"
	fi
fi

echo "# time: uptime at the end: $(cut -d. -f1 /proc/uptime) s"

# Any report of the kernel's own checkers fails the run: KASAN, UBSAN,
# lockdep (circular or recursive locking, inconsistent lock state,
# suspicious RCU usage: "WARNING:"; invalid wait context: "BUG:"; or
# lockdep turning itself off), sleeping in atomic context ("BUG:"), RCU
# stalls, soft and hard lockups, hung tasks.
splats='WARNING:|BUG:|Oops|Call Trace|KASAN:|UBSAN:|detected stall|soft lockup|hard LOCKUP'
splats="$splats|blocked for more than|turning off the locking correctness validator"
if dmesg | grep -E "$splats" >/tmp/splats; then
	not_ok "no WARNING, BUG, Oops, KASAN, UBSAN, lockdep, stall, lockup or hung task report in dmesg"
	dmesg | grep -E -A 40 "$splats" | head -n 120 | sed 's/^/    /'
else
	ok "no WARNING, BUG, Oops, KASAN, UBSAN, lockdep, stall, lockup or hung task report in dmesg"
fi
