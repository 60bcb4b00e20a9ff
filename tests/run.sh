#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# The test bed behind `make check` and `make demo`.
#
#   tests/run.sh check   host unit tests, then for every kernel of the matrix
#                        (Debian 12's 6.1, Debian 13's 6.12, trixie-backports'
#                        7.x): build kfunc.ko with that kernel's own headers and
#                        compiler, boot that exact kernel under QEMU
#                        (virtme-ng), load the module and run BPF programs that
#                        call its kfuncs. Ends with "N passed, N failed".
#   tests/run.sh demo    build for Debian 12's default kernel, boot it, run the
#                        seed example (examples/strstr).
#
# For developers (not part of make check's contract):
#   tests/run.sh vm      the VM part of check only: build kfunc.ko and the BPF
#                        programs, boot each kernel, run guest.sh (no host
#                        tests, SDK or package tests). Honours KFUNC_KERNELS.
#   tests/run.sh exec KVER CMD
#                        boot KVER (a prefix: 6.1, 7.3; or debug) with build/ at
#                        /kfunc-build and run the shell command CMD there.
#
# Needs root (mmdebstrap, chroot, mounts). The Debian roots are built once and
# cached (tests/testbed/roots.sh); everything else goes to build/ in the tree.
# KFUNC_KERNELS="6.1 7.3 debug" limits the matrix to kernels whose version
# starts so, and the debug kernel (tests/testbed/debug-kernel.sh);
# KFUNC_BUILD=DIR puts build/ elsewhere (two runs at once need two).
set -u

top=$(cd "$(dirname "$0")/.." && pwd)
build=${KFUNC_BUILD:-$top/build}
logs=$build/logs
results=$build/results.txt
mode=${1:-check}

. "$top/tests/testbed/lib.sh"

[ "$(id -u)" = 0 ] || die "run as root (it builds Debian roots with mmdebstrap and boots VMs)"

check() {
	roots
	if debug_wanted; then
		step "the debug kernel: KASAN, lockdep, atomic-sleep checks (built once, cached)"
		debug_kernel
	fi

	build_bpf
	# make bench is not run here (8 minutes), but its programs must
	# still build, against the SDK of this tree.
	if in_root "$trixie" make -C /kfunc-build/bpf/tests/bench OUT=/kfunc-build/bpf/bench \
		>"$logs/bench-build.log" 2>&1 &&
		make -s -C "$top/tests/bench" native OUT="$build/bench-native" >>"$logs/bench-build.log" 2>&1; then
		result ok "build make bench's BPF programs, its loader and its host-native benchmark"
	else
		result not-ok "build make bench's BPF programs, its loader and its host-native benchmark" "$logs/bench-build.log"
	fi
	build_modules

	step "host unit tests (cmocka, ASan+UBSan)"
	if make -C "$top/tests/host" run >"$logs/host.log" 2>&1; then :; fi
	grep -E '^(not )?ok ' "$logs/host.log" | sed 's/^\(ok\|not ok\) [0-9]* - /\1 - host: /' |
		tee -a "$results"
	grep -q '^1\.\.' "$logs/host.log" ||
		result not-ok "host: unit tests built and ran" "$logs/host.log"

	# checkpatch (one perl process) runs beside the fuzz smoke (one fuzzer
	# at a time); its result is reported below.
	sh "$top/tests/testbed/checkpatch.sh" "$top" >"$logs/checkpatch.log" 2>&1 &
	checkpatch_pid=$!

	step "fuzz smoke: each libFuzzer target (ASan+UBSan) for ${FUZZ_SMOKE:-5} s"
	make -s -C "$top/tests/fuzz" smoke >"$logs/fuzz.log" 2>&1
	grep -E '^(not )?ok - ' "$logs/fuzz.log" | tee -a "$results"
	grep -q '^ok - fuzz: ' "$logs/fuzz.log" && ! grep -q '^not ok' "$logs/fuzz.log" ||
		result not-ok "fuzz: every target built and ran" "$logs/fuzz.log"

	step "docs: the annotation guide quotes what the negative tests assert"
	n=$(grep -v '^#' "$top/tests/bpf/negative.expect" | cut -f1 | grep . | sort -u | wc -l)
	if sh "$top/tests/testbed/doc-check.sh" "$top/tests/bpf/negative.expect" \
		"$top/docs/annotations.md" >"$logs/doc-check.log" 2>&1; then
		result ok "docs/annotations.md quotes exactly the verifier messages of tests/bpf/negative.expect, per program and kernel ($n programs)"
	else
		result not-ok "docs/annotations.md quotes exactly the verifier messages of tests/bpf/negative.expect" "$logs/doc-check.log"
	fi

	step "docs: the lock table (src/locks.h), docs/locking.md and the headers agree"
	locktable_test

	step "checkpatch: the kernel's coding style"
	if wait "$checkpatch_pid"; then
		result ok "checkpatch.pl (Linux 6.1): $(sed -n 's/^checked \([0-9]*\) files$/\1/p' "$logs/checkpatch.log") C files of src/, examples/, tests/, tools/ clean"
	else
		result not-ok "checkpatch.pl: the C files are clean" "$logs/checkpatch.log"
	fi

	# Before the VMs: it makes the 6.1 module whose kfunc set is zeroed.
	step "the module BTF step: base BTF extraction; without it the build fails loudly"
	btf_tests

	step "packages: make deb, make rpm, lintian, apt-get install in overlays of the roots"
	pkg_ok=
	pkg_build && pkg_install && pkg_ok=1
	# autopkgtest and the RPM scriptlets run in overlays of their own, in
	# the background, beside the VMs.
	if [ -n "$pkg_ok" ]; then
		pkg_autopkgtest_start
		pkg_rpm_start
	fi

	# The VMs boot now, two at a time, in the background; the lighter
	# host-side tests below run beside them.
	vm_start "$built"

	step "SDK prototypes: headers, module BTF and BPF programs agree on each kernel"
	for kver in $built; do
		protos_test "$kver"
	done

	for kver in $built; do
		sdk_compile_test "$kver"
	done

	step "the BTF printer (src/lib/btfshow.c) over every struct and union of each kernel's vmlinux BTF, kfunc.ko's annotations resolved there, libbpf's btf_dump where it prints alike (host, ASan+UBSan)"
	for kver in $built; do
		log=$logs/btf-host-$kver.log
		if KFUNC_TEST_BTF=$build/run-$kver/vmlinux.btf "$top/tests/host/test_btf" >"$log" 2>&1; then
			result ok "$kver: $(sed -n 's/^# .*vmlinux.btf: //p' "$log" | paste -sd';' - | sed 's/;/; /g'), no error or sanitizer report"
		else
			result not-ok "$kver: the BTF printer over each struct and union of vmlinux BTF" "$log"
		fi
	done

	vm_finish "$built"

	if [ -n "$pkg_ok" ]; then
		step "packages: autopkgtest, the RPM scriptlets and the Debian 12 overlay's steps (ran beside the VMs), refusals, upgrade, purge"
		pkg_autopkgtest_end
		pkg_rpm_end
		pkg_finish
	fi
}



# locktable_test: docs/locking.md is what tools/docs/locktable.c prints from
# src/locks.h, and each kfunc of the table is documented "Programs:
# sleepable ones" in its header exactly when the table registers it
# KF_SLEEPABLE.
locktable_test() {
	log=$logs/locktable.log
	if make -s -C "$top" tools/docs/locktable >"$log" 2>&1 &&
		"$top/tools/docs/locktable" >"$build/locking.md" 2>>"$log" &&
		diff -u "$top/docs/locking.md" "$build/locking.md" >>"$log"; then
		result ok "docs/locking.md is the lock table of src/locks.h ($(grep -c '^| `kf_' "$build/locking.md") kfuncs; make docs writes it)"
	else
		result not-ok "docs/locking.md is the lock table of src/locks.h (run make docs)" "$log"
	fi
	bad=
	n=0
	for row in $(sed -n 's/^| `\(kf_[a-z_0-9]*\)` |.*| \(yes\|no\) | [^|]* |$/\1:\2/p' "$build/locking.md"); do
		name=${row%:*}
		n=$((n + 1))
		progs=$(cat "$top"/bpf-headers/kfuncs/*.h | awk -v f="$name" '
			/Programs:/ { p = $0 }
			/^extern / && $0 ~ "[ *]" f "\\(" { print p; exit }')
		case ${row#*:}:$progs in
		yes:*"Programs: sleepable ones"* | no:*"Programs: all"*) ;;
		*) bad="$bad $name" ;;
		esac
	done
	if [ -z "$bad" ] && [ "$n" -gt 0 ]; then
		result ok "the $n kfuncs of the lock table: \"Programs: sleepable ones\" in their headers exactly where the table registers KF_SLEEPABLE"
	else
		result not-ok "the lock table's KF_SLEEPABLE and the headers' \"Programs:\" lines agree (differ:${bad:- no rows read})" "$log"
	fi
}

# Two VMs run at a time (a guest mostly keeps one of its 2 vCPUs busy), in
# two background lanes that take kernels from one queue: the debug kernel
# (the slowest) first, then the others in the given order; the lane that
# frees first takes the next kernel.
# vm_start "KVER...": prepare each kernel's VM and start the lanes. With
# $pkg_ok set, the stock kernels' VMs run in the package overlays and also
# modprobe what dkms installed.
# vm_finish "KVER...": wait for the lanes; report in the given order.
vm_start() {
	queue=$build/vm-queue
	rm -rf "$queue" "$queue.lock"
	: >"$queue"
	for kver in $1; do
		vm_prepare "$kver"
	done
	for kver in $1; do
		[ "$kver" = "${debug_kver:-}" ] && echo "$kver" >>"$queue"
	done
	for kver in $1; do
		[ "$kver" = "${debug_kver:-}" ] || echo "$kver" >>"$queue"
	done
	step "boot each kernel under QEMU, two at a time, in the background: $(paste -sd' ' "$queue")"
	first=$logs/vm-$(head -n 1 "$queue").log
	rm -f "$first"
	vm_lane &
	lane1=$!
	# The second lane waits until the first VM has booted (it printed),
	# 300 s at most. Booted beside another VM, the host tests and the
	# package builds, the debug kernel once printed nothing in 653 s:
	# most likely udev had not named virtme's console ports when
	# virtme-init's "udevadm settle" gave up (after 120 s). (udev no
	# longer runs in the VMs: guest-udevd.sh names the ports.)
	rm -f "$logs/pkg-finish-bookworm.out"
	{
		i=0
		until [ -s "$first" ] || [ $i -ge 300 ]; do
			sleep 1
			i=$((i + 1))
		done
		vm_lane
		# Then, once the bookworm kernels' VMs are done, the package steps
		# of their overlay (pkg_finish_bookworm), beside the other lane.
		if [ -n "${pkg_ok:-}" ]; then
			for kver in $1; do
				[ "$(root_of "$kver")" = "$bookworm" ] || continue
				until [ -f "$build/run-$kver/took" ]; do sleep 1; done
			done
			pkg_finish_bookworm >"$logs/pkg-finish-bookworm.out.tmp" 2>&1
			mv "$logs/pkg-finish-bookworm.out.tmp" "$logs/pkg-finish-bookworm.out"
		fi
	} &
	lane2=$!
}

vm_finish() {
	wait "$lane1" "$lane2"
	for kver in $1; do
		step "$kver: load kfunc.ko, run the BPF tests ($(cat "$build/run-$kver/took") s)"
		log=$logs/vm-$kver.log
		grep -E '^(not )?ok - ' "$log" | tee -a "$results"
		grep -E '^    ' "$log" | head -n 40
		if grep -q "^ok - $kver: no WARNING" "$log"; then
			result ok "$kver: the VM booted and ran every test"
		else
			result not-ok "$kver: the VM booted and ran every test" "$log"
		fi
	done
}

# vm_lane: boot the queue's kernels one after another, until it is empty.
vm_lane() {
	while :; do
		until mkdir "$queue.lock" 2>/dev/null; do sleep 0.2; done
		kver=$(head -n 1 "$queue")
		sed -i 1d "$queue"
		rmdir "$queue.lock"
		[ -n "$kver" ] || return 0
		vm_boot "$kver"
	done
}

# vm_prepare KVER: what the VM of KVER gets, in build/run-KVER.
vm_prepare() {
	kver=$1
	run=$build/run-$kver
	rm -rf "$run"
	mkdir -p "$run"
	cp "$build/mod-$kver/src/kfunc.ko" "$top/tests/testbed/guest.sh" \
		"$top/tests/testbed/guest-stress.sh" "$top/tests/testbed/guest-tools.sh" "$run/"
	sh "$top/tests/testbed/kfunc-list.sh" "$top/bpf-headers/kfuncs" "$kver" >"$run/kfuncs.txt"
	# Each kfunc's "Programs:" kind (all, tc, xdp, sleepable), for kfunc probe.
	sh "$top/tools/kfunc/gen-table.sh" "$top" | sed 's/^KF_ROW("\([^"]*\)", "\([^"]*\)".*/\1 \2/' \
		>"$run/programs.txt"
	cp "$top/tests/bpf/negative.expect" "$run/"
	vmlinux_lists "$kver"
	for f in kfunc_test task_test file_test proc_test packet_test btf_test bounds stress pb_traffic negative.bpf.o hello strstr memzero \
		tasks hash btfdump pbfilter filesnoop dnsblock hostfilter kfunc hello.bpf.o; do
		cp "$build/bpf/out/$f" "$run/" 2>/dev/null
	done
	# The 6.1 module with its kfunc set zeroed (btf_tests): must not load.
	[ -f "$build/mod-$kver/noids.ko" ] && cp "$build/mod-$kver/noids.ko" "$run/"
	# No package builds for the debug kernel: it has no Debian headers.
	if [ -n "${pkg_ok:-}" ] && [ "$kver" != "${debug_kver:-}" ]; then
		# Then modprobe what the package installed, in the overlays.
		make -s -C "$top" version >"$run/packaged"
		cp -r "$pkg/sdk/bin" "$run/sdk" 2>/dev/null
	fi
}

# vmlinux_lists KVER: for kfunc list's test, the vmlinux BTF KVER's image
# carries (raw, as /sys/kernel/btf/vmlinux gives it; the guest compares
# them), its FUNCs and those tagged bpf_kfunc, by name, in build/run-KVER.
# bpftool reads it here at native speed: in the 6.1 VM, dumping and parsing
# it took 7 of tools_test's 41 s.
vmlinux_lists() {
	in_root "$(root_of "$1")" sh -c '
		set -e
		btf=$1 out=$2
		if [ "$(head -c 4 "$btf" | od -An -tx1 | tr -d " ")" = 9feb0100 ]; then
			cp "$btf" "$out/vmlinux.btf"
		else
			objcopy -O binary --only-section=.BTF "$btf" "$out/vmlinux.btf"
		fi
		bpftool btf dump file "$out/vmlinux.btf" >/tmp/vmlinux.txt
		awk "/^\[[0-9]+\] FUNC / { id = substr(\$1, 2, length(\$1) - 2); n = \$3; gsub(\"\047\", \"\", n); name[id] = n }
		     /DECL_TAG .bpf_kfunc. .*component_idx=-1/ { split(\$4, t, \"=\"); tag[t[2]] = 1 }
		     END { for (i in tag) if (i in name) print name[i] }" /tmp/vmlinux.txt |
			sort -u >"$out/vmlinux-kfuncs"
		sed -n "s/^\[[0-9]*\] FUNC .\([a-z_0-9]*\).*/\1/p" /tmp/vmlinux.txt |
			sort -u >"$out/vmlinux-funcs"
		test -s "$out/vmlinux-funcs"' sh "$(base_btf "$1")" "/kfunc-build/run-$1" ||
		echo "vmlinux_lists $1: failed" >&2
}

# vm_boot KVER: boot KVER, run guest.sh; its output to logs/vm-KVER.log.
vm_boot() {
	kver=$1
	run=$build/run-$kver
	home=$(root_of "$kver")
	kroot=$home
	vmroot=$trixie
	if [ -f "$run/packaged" ]; then
		vmroot=$pkg_trixie
		kroot=$pkg_trixie
		[ "$home" = "$bookworm" ] && kroot=$pkg_bookworm
	fi
	t0=$(date +%s)
	VMROOT=$vmroot boot "$kroot" "$kver" \
		"sh /kfunc-build/run-$kver/guest.sh /kfunc-build/run-$kver" >"$logs/vm-$kver.log" 2>&1
	echo $(($(date +%s) - t0)) >"$run/took"
}

# base_btf KVER: the base BTF the module build used (the one the BTF step
# extracted from the kernel image, else the headers' vmlinux), as a path in
# KVER's root. (kfunc-btfids prefers a module's own .BTF.base.)
base_btf() {
	if [ -f "$build/mod-$1/src/.btf/vmlinux-$1.btf" ]; then
		echo "/kfunc-build/mod-$1/src/.btf/vmlinux-$1.btf"
	else
		echo "$(kdir_of "$1")/vmlinux"
	fi
}

# The parameter names of every kfunc the SDK headers declare, one
# "NAME: names N1, N2" line each (the verifier reads their suffixes).
header_names() {
	cat "$top"/bpf-headers/kfuncs/*.h | awk '
		/^extern / { d = "" }
		/^extern /, /;/ { d = d " " $0 }
		/;/ && d != "" { print d; d = "" }' |
	while read -r decl; do
		name=$(echo "$decl" | sed -E 's/^[^(]*[ *]([A-Za-z_0-9]+)\(.*/\1/')
		echo "$decl" | sed -E 's/^[^(]*\((.*)\)[^)]*;$/\1/' | tr ',' '\n' |
			sed -E 's/.*[ *]([A-Za-z_0-9]+)[[:space:]]*$/\1/' | paste -sd, - |
			sed "s/,/, /g; s/^/$name: names /"
	done | sort
}

# protos_test KVER: the prototypes in the module's BTF (types and parameter
# names), a BPF program's view of the headers (types) and the headers' text
# (names) are the same set: every kfunc the headers say KVER offers, with
# the parameter names src/compat.h gives that kernel (KF_SZK: __sz before
# 6.4; KF_OPT: __nullable from 7.0).
protos_test() {
	k=$1
	log=$logs/protos-$k.log
	tool=/kfunc-build/mod-$k/tools/btf/kfunc-btfids
	in_root "$(root_of "$k")" $tool --base "$(base_btf "$k")" protos /kfunc-build/mod-$k/src/kfunc.ko \
		>"$build/protos-mod-$k" 2>"$log"
	in_root "$(root_of "$k")" $tool protos /kfunc-build/bpf/out/sdk_compile.bpf.o \
		>"$build/protos-obj-$k" 2>>"$log"
	p=$build/protos-$k
	sh "$top/tests/testbed/kfunc-list.sh" "$top/bpf-headers/kfuncs" "$k" | cut -d' ' -f1 >"$p.offered"
	offered() { grep -E "^($(paste -sd'|' "$p.offered")): "; }
	v=$(echo "$k" | awk -F'[.-]' '{ printf "%d%03d", $1, $2 }')
	names='s/^//'
	[ "$v" -lt 6002 ] && names="$names; s/__ign\b//g"
	[ "$v" -lt 6004 ] && names="$names; s/__szk\b/__sz/g"
	[ "$v" -ge 7000 ] && names="$names; s/__opt\b/__nullable/g"
	grep ': types' "$build/protos-mod-$k" | sort -u >"$p.mod-types"
	grep ': names' "$build/protos-mod-$k" | sort -u >"$p.mod-names"
	grep ': types' "$build/protos-obj-$k" | offered | sort -u >"$p.bpf-types"
	header_names | offered | sed -E "$names" >"$p.header-names"
	n=$(grep -c . "$p.mod-types")
	if [ "$n" -eq "$(grep -c . "$p.offered")" ] &&
		diff -u "$p.mod-types" "$p.bpf-types" >>"$log" &&
		diff -u "$p.mod-names" "$p.header-names" >>"$log"; then
		result ok "$k: all $n kfunc prototypes in kfunc.ko's BTF match the SDK headers (types as a BPF program sees them, parameter names as this kernel's verifier reads them)"
	else
		result not-ok "$k: kfunc prototypes in kfunc.ko's BTF match the SDK headers ($n in the module, $(grep -c . "$p.offered") offered by the headers)" "$log"
	fi
}

# sdk_compile_test KVER: the headers compile after a vmlinux.h of KVER, with
# and without kfunc.ko's own prototypes, with and without
# BPF_NO_KFUNC_PROTOTYPES (and after <linux/bpf.h>).
sdk_compile_test() {
	k=$1
	log=$logs/sdk-compile-$k.log
	base=$(base_btf "$k")
	if in_root "$trixie" sh /kfunc-build/bpf/tests/testbed/sdk-compile.sh /kfunc-build/bpf \
		"/kfunc-build/mod-$k/src/kfunc.ko" "$base" "/kfunc-build/sdk-$k" >"$log" 2>&1 &&
		[ "$(sed -n 's/^kf_ prototypes: //p' "$log")" -gt 0 -o "$k" != "${k#6.1.}" ]; then
		result ok "$k: the SDK headers compile -Wall -Werror after <linux/bpf.h>, and after its vmlinux.h ($(sed -n 's/^kernel kfunc prototypes: //p' "$log") kernel kfunc prototypes) and one with kfunc.ko's ($(sed -n 's/^kf_ prototypes: //p' "$log") kf_* prototypes), with and without BPF_NO_KFUNC_PROTOTYPES"
	else
		result not-ok "$k: the SDK headers compile after <linux/bpf.h> and bpftool vmlinux.h variants" "$log"
	fi
}

# The BTF step: modules without working BTF must be refused, with a message
# saying why; the base BTF must be found in any compressed kernel.
btf_tests() {
	k61=$(kernels_of "$bookworm" | head -n 1)
	mod=/kfunc-build/mod-$k61
	[ -f "$build/mod-$k61/tools/btf/kfunc-btfids" ] || {
		result not-ok "BTF negative tests need the 6.1 build"
		return
	}
	log=$logs/btf-negative.log
	# 1. kbuild's own output on stock 6.1 headers (no .BTF) is rejected.
	if in_root "$bookworm" sh -c "
		set -e
		cd $mod
		cp src/kfunc.ko /tmp/nobtf.ko
		objcopy --remove-section .BTF /tmp/nobtf.ko
		! tools/btf/kfunc-btfids --base src/.btf/vmlinux-$k61.btf check /tmp/nobtf.ko 2>/tmp/err || exit 1
		cat /tmp/err
		grep -q 'no .BTF section' /tmp/err" >"$log" 2>&1; then
		result ok "a 6.1 module without .BTF fails the check: $(grep -o 'no .BTF section[^,]*' "$log" | head -n 1)"
	else
		result not-ok "a 6.1 module without .BTF fails the check" "$log"
	fi
	# 2. .BTF present but .BTF_ids never resolved (kbuild without resolve_btfids).
	if in_root "$bookworm" sh -c "
		set -e
		cd $mod
		cp src/kfunc.ko /tmp/noids.ko
		objcopy -O binary --only-section=.BTF_ids /tmp/noids.ko /tmp/ids.bin
		head -c \$(stat -c %s /tmp/ids.bin) /dev/zero >/tmp/zeros.bin
		objcopy --update-section .BTF_ids=/tmp/zeros.bin /tmp/noids.ko
		! tools/btf/kfunc-btfids --base src/.btf/vmlinux-$k61.btf check /tmp/noids.ko 2>/tmp/err || exit 1
		cat /tmp/err
		grep -q 'not resolved' /tmp/err
		cp /tmp/noids.ko noids.ko" >>"$log" 2>&1; then
		result ok "a 6.1 module with .BTF but unresolved .BTF_ids fails the check"
	else
		result not-ok "a 6.1 module with .BTF but unresolved .BTF_ids fails the check" "$log"
	fi
	# 4. Base BTF from /boot/vmlinuz in every compression a kernel may use:
	# the 6.1 image's kernel (xz) recompressed behind a fake boot header.
	if in_root "$bookworm" sh -c "
		set -e
		cd $mod
		sh tools/btf/module-btf.sh --extract-elf /boot/vmlinuz-$k61 /tmp/vmlinux
		for c in 'gzip -c' 'xz -c' 'zstd -c -q' 'lz4 -l -c -q' 'bzip2 -c'; do
			{ printf 'boot sector %.0s' \$(seq 500); \$c </tmp/vmlinux; } >/tmp/vmlinuz
			rm -f /tmp/out
			sh tools/btf/module-btf.sh --extract-elf /tmp/vmlinuz /tmp/out
			cmp /tmp/out /tmp/vmlinux
			echo \"\${c%% *}: ok\"
		done" >"$logs/btf-extract.log" 2>&1; then
		result ok "base BTF is found inside a vmlinuz compressed with $(grep -c ': ok' "$logs/btf-extract.log") formats (gzip, xz, zstd, lz4, bzip2)"
	else
		result not-ok "base BTF is found inside a vmlinuz compressed with gzip, xz, zstd, lz4, bzip2" "$logs/btf-extract.log"
	fi
	# 5. One dedup pass, as kbuild's pahole does, leaves 7.x modules a copy
	# of kernel structs (task_struct among them): the check must catch it.
	# pahole runs with kbuild's features (scripts/Makefile.btf): without
	# optimized_func it drops a function gcc split (kf_task_cgroup_path and
	# its .cold part), and resolve fails before the check is reached.
	k7=$(kernels_of "$trixie" | sort -V | tail -n 1)
	mod7=/kfunc-build/mod-$k7
	if [ -f "$build/mod-$k7/src/kfunc.ko" ] && in_root "$trixie" sh -c "
		set -e
		cd $mod7
		cp src/kfunc.ko /tmp/onepass.ko
		objcopy --remove-section .BTF /tmp/onepass.ko
		pahole -J --btf_base /lib/modules/$k7/build/vmlinux \
			--btf_features=encode_force,var,float,enum64,decl_tag,type_tag,optimized_func,consistent_func \
			/tmp/onepass.ko
		tools/btf/kfunc-btfids --base /lib/modules/$k7/build/vmlinux resolve /tmp/onepass.ko
		! tools/btf/kfunc-btfids --base /lib/modules/$k7/build/vmlinux check /tmp/onepass.ko 2>/tmp/err || exit 1
		cat /tmp/err
		grep -q 'holds its own copy of the kernel' /tmp/err" >"$logs/btf-dedup.log" 2>&1; then
		result ok "$k7: a module BTF deduplicated once (as by kbuild) keeps a copy of a kernel struct, and the check refuses it: $(sed -n 's/.*holds its own copy of the kernel.s \([a-z]* [a-z_0-9]*\).*/\1/p' "$logs/btf-dedup.log")"
	else
		result not-ok "$k7: a module BTF deduplicated once keeps a copy of a kernel struct, and the check refuses it" "$logs/btf-dedup.log"
	fi
	# 6. The pahole path of module-btf.sh (kbuild wrote no .BTF: Debian 12's
	# 6.1 headers) with trixie's pahole, on the 7.x module: it must keep
	# the functions gcc split into a .cold part (kf_task_cgroup_path).
	if [ -f "$build/mod-$k7/src/kfunc.ko" ] && in_root "$trixie" sh -c "
		set -e
		cd $mod7
		pahole --version
		cp src/kfunc.ko /tmp/nobtf.ko
		objcopy --remove-section .BTF /tmp/nobtf.ko
		sh tools/btf/module-btf.sh /tmp/nobtf.ko $k7 /lib/modules/$k7/build tools/btf/kfunc-btfids" \
		>"$logs/btf-pahole.log" 2>&1; then
		result ok "$k7: module-btf.sh's pahole path ($(head -n 1 "$logs/btf-pahole.log")) gives a module BTF with every kfunc: $(grep -o '[0-9]* BTF ids resolved' "$logs/btf-pahole.log")"
	else
		result not-ok "$k7: module-btf.sh's pahole path gives a module BTF with every kfunc" "$logs/btf-pahole.log"
	fi
	# 3. No base BTF anywhere: the build fails, says what to install, leaves no .ko.
	if in_root "$bookworm" sh -c "
		set -e
		cd $mod
		cp src/kfunc.ko /tmp/nobase.ko
		objcopy --remove-section .BTF /tmp/nobase.ko
		! sh tools/btf/module-btf.sh /tmp/nobase.ko 6.1.0-0-none /nonexistent tools/btf/kfunc-btfids 2>/tmp/err || exit 1
		cat /tmp/err
		grep -q 'base BTF of kernel 6.1.0-0-none was not found' /tmp/err
		grep -q 'apt-get install linux-image-6.1.0-0-none' /tmp/err
		test ! -e /tmp/nobase.ko" >>"$log" 2>&1; then
		result ok "without base BTF the module build fails, names what to install and leaves no .ko"
	else
		result not-ok "without base BTF the module build fails, names what to install and leaves no .ko" "$log"
	fi
}

demo() {
	roots
	kver=$(kernels_of "$bookworm" | head -n 1)
	[ -n "$kver" ] || die "no kernel in the bookworm root"
	step "$kver (Debian 12's default kernel): build kfunc.ko"
	build_module "$bookworm" "$kver" >/dev/null || {
		tail -n 30 "$logs/build-$kver.log"
		die "the module build failed (log: $logs/build-$kver.log)"
	}
	say "built kfunc.ko for $kver ($(sed -n 's/.*: \.BTF has \(.*\)/\1/p' "$logs/build-$kver.log"))"
	step "build examples/strstr (trixie root)"
	stage_tree demo
	in_root "$trixie" make -C /kfunc-build/demo/examples OUT=/kfunc-build/demo/out \
		>"$logs/demo-build.log" 2>&1 || {
		tail -n 30 "$logs/demo-build.log"
		die "building the example failed"
	}
	cp "$build/mod-$kver/src/kfunc.ko" "$build/demo/out/"
	step "boot $kver under QEMU, insmod kfunc.ko, run examples/strstr"
	boot "$bookworm" "$kver" "insmod /kfunc-build/demo/out/kfunc.ko && /kfunc-build/demo/out/strstr" \
		>"$logs/demo-vm.log" 2>&1
	if grep -q "'wor' found in 'Hello, world!' at index 7" "$logs/demo-vm.log"; then
		grep -v '^\[' "$logs/demo-vm.log" | grep -E "found|strstr" | sed 's/^/  /'
		say ""
		say "demo: OK"
	else
		tail -n 40 "$logs/demo-vm.log"
		die "the example did not print its line (log: $logs/demo-vm.log)"
	fi
}

. "$top/tests/testbed/packages.sh"

mkdir -p "$logs"
: >"$results"
host_deps


start=$(date +%s)
case $mode in
check)
	check
	summary
	;;
vm)
	roots
	debug_wanted && debug_kernel
	build_bpf
	build_modules
	pkg_ok=
	vm_start "$built"
	vm_finish "$built"
	summary
	;;
exec)
	[ $# -eq 3 ] || die "usage: tests/run.sh exec KVER CMD"
	roots
	[ "$2" = debug ] && debug_kernel >/dev/null
	kver=$(KFUNC_KERNELS=$2 kernels_of "$bookworm"; KFUNC_KERNELS=$2 kernels_of "$trixie"
		[ "$2" = debug ] && echo "$debug_kver")
	kver=$(echo "$kver" | grep . | head -n 1)
	[ -n "$kver" ] || die "no kernel $2 in the roots"
	boot "$(root_of "$kver")" "$kver" "$3"
	;;
demo)
	demo
	;;
*)
	die "usage: tests/run.sh check|demo|vm|exec KVER CMD"
	;;
# On the same line as esac: sh reads a script as it runs, and this ends
# it before anything past the case, so an edit made during a run is harmless.
esac; exit $?
