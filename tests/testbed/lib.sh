#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# What the test bed's scripts share (tests/run.sh, tests/bench/run.sh):
# results, the Debian roots, chroots, staging the tree, building kfunc.ko
# and the BPF programs, booting a kernel. Sourced, with these set:
#   top      the source tree
#   build    $top/build (mounted at /kfunc-build in the roots)
#   logs     where logs go
#   results  the file of "ok"/"not ok" lines

say() { printf '%s\n' "$*"; }
step() { printf '\n== %s\n' "$*"; }
die() { printf 'kfunc tests: %s\n' "$*" >&2; exit 1; }

# result ok|not-ok DESCRIPTION [LOG]: record and print one test result
result() {
	if [ "$1" = ok ]; then
		say "ok - $2" | tee -a "$results"
	else
		say "not ok - $2" | tee -a "$results"
		[ -n "${3:-}" ] && [ -f "$3" ] && tail -n 30 "$3" | sed 's/^/    /'
	fi
}

# Host packages the test bed itself needs; installed only when missing.
host_deps() {
	need=
	for p in mmdebstrap libcmocka-dev gcc make pkg-config util-linux openssl git \
		clang libclang-rt-14-dev python3-dnspython libbpf-dev; do
		dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'ok installed' ||
			need="$need $p"
	done
	if [ -n "$need" ]; then
		step "installing host packages:$need"
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive \
			apt-get install -y -qq $need >"$logs/host-apt.log" 2>&1 ||
			die "apt-get install$need failed (see $logs/host-apt.log)"
	fi
}

# in_root ROOT CMD...: run CMD chrooted into ROOT, in a private mount
# namespace (nothing stays mounted afterwards) with /proc, /sys, /dev, a
# fresh /tmp (the cached roots stay as mmdebstrap made them) and build/ (as
# /kfunc-build). $MOUNTS adds "SRC:DST" bind mounts.
in_root() {
	_root=$1
	shift
	unshare -m --propagation private sh -c '
		set -e
		root=$1 build=$2 mounts=$3 debug=$4
		shift 4
		mount -t proc proc "$root/proc"
		mount --rbind /sys "$root/sys"
		mount --rbind /dev "$root/dev"
		mount -t tmpfs -o mode=1777 tmpfs "$root/tmp"
		mkdir -p "$root/kfunc-build"
		mount --bind "$build" "$root/kfunc-build"
		[ -n "$debug" ] && mounts="$mounts $debug:/kfunc-debug"
		for m in $mounts; do
			[ -e "$root${m#*:}" ] || mkdir -p "$root${m#*:}"
			mount --bind "${m%%:*}" "$root${m#*:}"
		done
		exec chroot "$root" env -i HOME=/root TERM=dumb LANG=C.UTF-8 \
			PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin "$@"
	' sh "$_root" "$build" "${MOUNTS:-}" "${debug_dir:-}" "$@"
}

# Copy the source files (git's list in a checkout, else all but build/ and
# .git) into build/DIR: kbuild and dpkg-buildpackage write next to them.
stage_tree() {
	rm -rf --one-file-system "$build/$1"
	mkdir -p "$build/$1"
	if [ -d "$top/.git" ] && command -v git >/dev/null; then
		git -C "$top" ls-files -co --exclude-standard | tar -C "$top" -cf - -T -
	else
		tar -C "$top" --exclude=./build --exclude=./.git -cf - .
	fi | tar -C "$build/$1" -xf -
}

# kvm only where the CPU can do it; a stock kernel under KVM hangs otherwise.
vng_accel() {
	if [ -w /dev/kvm ] && grep -qE '\b(vmx|svm)\b' /proc/cpuinfo; then
		echo ""
	else
		echo "--disable-kvm"
	fi
}

# boot KROOT KVER COMMAND: boot kernel KVER (installed in root KROOT) with
# $VMROOT (default: the trixie root) as its file system, run COMMAND there,
# on 2 vCPUs. The debug kernel (KROOT is ignored) boots with 2 GiB, KASAN
# reporting every error and kmemleak on. udev does not run: guest-udevd.sh
# stands in for it (it says why).
boot() {
	kroot=$1 kver=$2 cmd=$3
	vmroot=${VMROOT:-$trixie}
	lend=
	[ -x "$vmroot/usr/bin/udevadm" ] && lend="$top/tests/testbed/guest-udevd.sh:/usr/bin/udevadm"
	opts="-p 2 -m 1G"
	if [ "$kver" = "${debug_kver:-}" ]; then
		img=/kfunc-debug/bzImage
		opts="-p 2 -m 2G -a kasan_multi_shot -a kmemleak=on"
	elif [ "$kroot" != "$vmroot" ]; then
		# Another root's kernel: lend its image and modules to the VM root.
		lend="$lend $kroot/boot:/kfunc-boot $kroot/usr/lib/modules/$kver:/usr/lib/modules/$kver"
		img=/kfunc-boot/vmlinuz-$kver
	else
		img=/boot/vmlinuz-$kver
	fi
	MOUNTS=$lend in_root "$vmroot" timeout 1800 vng --run "$img" $(vng_accel) \
		--force-9p $opts --exec "$cmd"
}

# The root whose suite a kernel comes from (its headers and its compiler;
# the debug kernel is built in the trixie root).
root_of() {
	if [ -d "$bookworm/usr/src/linux-headers-$1" ]; then
		echo "$bookworm"
	else
		echo "$trixie"
	fi
}

kernels_of() {
	ls "$1/usr/lib/modules" 2>/dev/null | while read -r k; do
		[ -d "$1/usr/src/linux-headers-$k" ] || continue
		if [ -n "${KFUNC_KERNELS:-}" ]; then
			for want in $KFUNC_KERNELS; do
				case $k in "$want".*|"$want"-*) echo "$k" ;; esac
			done
		else
			echo "$k"
		fi
	done
}

# The headers of KVER in its root: the debug kernel's are in its cache.
kdir_of() {
	if [ "$1" = "${debug_kver:-}" ]; then
		echo /kfunc-debug/build
	else
		echo "/lib/modules/$1/build"
	fi
}

# Whether the matrix includes the debug kernel: KFUNC_KERNELS unset, or
# naming "debug".
debug_wanted() {
	[ -z "${KFUNC_KERNELS:-}" ] && return 0
	for want in $KFUNC_KERNELS; do
		[ "$want" = debug ] && return 0
	done
	return 1
}

# debug_kernel: build the debug kernel once (debug-kernel.sh, in the trixie
# root) from the newest linux-source in that root; cached in
# $KFUNC_CACHE/debug-kernel/KEY, KEY a hash of the source package's name
# and version, the trixie root (its compiler), the config fragment and the
# build script. Sets debug_dir (mounted at /kfunc-debug in every root) and
# debug_kver.
debug_kernel() {
	debug_dir= debug_kver=
	tb=$top/tests/testbed
	tarball=$(cd "$trixie/usr/src" && ls linux-source-*.tar.xz | sort -V | tail -n 1)
	[ -n "$tarball" ] || {
		result not-ok "debug kernel: a linux-source package in the trixie root"
		return 1
	}
	srcpkg=${tarball%.tar.xz}
	srcver=$(dpkg-query --admindir="$trixie/var/lib/dpkg" -W -f '${Version}' "$srcpkg")
	# The trixie root's own key names its gcc and pahole.
	key=$(echo "$srcpkg $srcver ${trixie##*/}" |
		cat - "$tb/debug-kernel.config" "$tb/debug-kernel.sh" | sha256sum | cut -c1-12)
	cache=${KFUNC_CACHE:-${XDG_CACHE_HOME:+$XDG_CACHE_HOME/kfunc}}
	cache=${cache:-/var/cache/kfunc}/debug-kernel
	log=$logs/debug-kernel.log
	mkdir -p "$cache"
	# One build at a time: two runs sharing the cache wait for each other.
	exec 9>"$cache/.lock"
	flock 9
	if [ ! -f "$cache/$key/release" ]; then
		say "building the debug kernel from $srcpkg $srcver (once; about 13 minutes on 2 idle cores)"
		for old in "$cache"/*; do
			[ -d "$old" ] && [ "${old##*/}" != "$key" ] && rm -rf --one-file-system "$old"
		done
		if ! MOUNTS="$tb:/kfunc-testbed $cache:/kfunc-cache" in_root "$trixie" \
			sh /kfunc-testbed/debug-kernel.sh "/usr/src/$tarball" \
			/kfunc-testbed/debug-kernel.config "/kfunc-cache/$key" >"$log" 2>&1; then
			result not-ok "debug kernel: build $srcpkg $srcver with tests/testbed/debug-kernel.config" "$log"
			exec 9>&-
			return 1
		fi
	fi
	exec 9>&-
	debug_dir=$cache/$key
	debug_kver=$(cat "$debug_dir/release")
	result ok "debug kernel $debug_kver ($srcpkg $srcver; $(cat "$debug_dir/built")): KASAN, lockdep, atomic-sleep checks, every option of debug-kernel.config in its .config"
}

# build_module ROOT KVER: kfunc.ko for KVER, built in ROOT with its headers.
build_module() {
	root=$1 kver=$2
	stage_tree "mod-$kver"
	log=$logs/build-$kver.log
	if in_root "$root" make -C "/kfunc-build/mod-$kver" KVER="$kver" KDIR="$(kdir_of "$kver")" \
		>"$log" 2>&1; then
		result ok "$kver: build kfunc.ko with the kernel's own headers and compiler" "$log"
	else
		result not-ok "$kver: build kfunc.ko with the kernel's own headers and compiler" "$log"
		return 1
	fi
	if grep -q 'warning:' "$log"; then
		result not-ok "$kver: the W=1 build is warning-free" "$log"
	else
		result ok "$kver: the W=1 build is warning-free"
	fi
	if grep -q 'BTF ids resolved' "$log"; then
		result ok "$kver: kfunc.ko carries .BTF and resolved BTF ids ($(sed -n 's/.*: \.BTF has \(.*\)/\1/p' "$log"))"
	else
		result not-ok "$kver: kfunc.ko carries .BTF and resolved BTF ids" "$log"
	fi
}

roots() {
	step "Debian roots (built once, cached)"
	bookworm=$(sh "$top/tests/testbed/roots.sh" bookworm) || die "cannot build the bookworm root"
	trixie=$(sh "$top/tests/testbed/roots.sh" trixie) || die "cannot build the trixie root"
	say "bookworm: $bookworm"
	say "trixie:   $trixie"
}

# build_bpf: the BPF test programs and the examples, in the trixie root.
build_bpf() {
	step "BPF test programs (clang, bpftool skeletons; trixie root)"
	stage_tree bpf
	if in_root "$trixie" make -C /kfunc-build/bpf/tests/bpf OUT=/kfunc-build/bpf/out \
		>"$logs/bpf.log" 2>&1; then
		result ok "build the BPF test programs and their skeletons"
	else
		result not-ok "build the BPF test programs and their skeletons" "$logs/bpf.log"
	fi
	if in_root "$trixie" make -C /kfunc-build/bpf/examples OUT=/kfunc-build/bpf/out \
		>"$logs/examples.log" 2>&1; then
		result ok "build the examples (pkg-config kfunc-sdk: the tree's uninstalled .pc)"
	else
		result not-ok "build the examples (pkg-config kfunc-sdk: the tree's uninstalled .pc)" "$logs/examples.log"
	fi
	if in_root "$trixie" make -C /kfunc-build/bpf/tools/kfunc OUT=/kfunc-build/bpf/out \
		>"$logs/tools.log" 2>&1; then
		result ok "build kfunc(8) with its probe programs embedded ($(grep -c '^KF_ROW' "$build/bpf/out/kfuncs.inc") kfuncs in its table)"
	else
		result not-ok "build kfunc(8) with its probe programs embedded" "$logs/tools.log"
	fi
}

# build_modules: kfunc.ko for every kernel of the matrix; sets $built.
build_modules() {
	built=
	for kver in $(kernels_of "$bookworm") $(kernels_of "$trixie") ${debug_kver:-}; do
		step "$kver: build"
		build_module "$(root_of "$kver")" "$kver" && built="$built $kver"
	done
}

summary() {
	passed=$(grep -c '^ok ' "$results")
	failed=$(grep -c '^not ok ' "$results")
	skipped=$(grep -c '^ok .*# SKIP' "$results")
	passed=$((passed - skipped))
	say ""
	say "make $mode: $(($(date +%s) - start)) s, logs in $logs"
	if [ "$skipped" -gt 0 ]; then
		say "$passed passed, $failed failed, $skipped skipped"
	else
		say "$passed passed, $failed failed"
	fi
	[ "$failed" -eq 0 ] && [ "$passed" -gt 0 ]
}
