# SPDX-License-Identifier: GPL-2.0
#
# The package tests of `make check`, sourced by tests/run.sh (they use its
# in_root, stage_tree, result and step). Every install happens in an overlay
# of a cached root (build/pkg/SUITE/root), never in the root itself:
#
#   pkg_build      make deb (in Debian 12), make rpm, lintian, rpm -qlp/--scripts
#   pkg_install    apt-get install the .debs: dkms builds kfunc for every
#                  kernel with headers; a kernel whose headers come later gets
#                  it from the kernel's own hook; a BPF program builds from
#                  the installed SDK alone. The VMs then modprobe the result
#                  and run kfunc doctor of the installed kfunc-tools.
#   pkg_autopkgtest_start / pkg_autopkgtest_end
#                  debian/tests (dkms-autopkgtest, then kfunc doctor -k on
#                  its result) with autopkgtest in a fresh Debian 12
#                  overlay, in the background while the VMs run
#   pkg_rpm_start / pkg_rpm_end
#                  the RPMs' scriptlets (rpm -i, -U, -e) in a fresh trixie
#                  overlay, in the background while the VMs run
#   pkg_finish     refusals, upgrade to a newer version, then purge
#   pkg_unmount    (trap) unmount the overlays

pkg=$build/pkg

# The version the upgrade test moves to (newer than the tree's).
pkg_next_version() {
	echo "$(make -s -C "$top" version)+upgrade1"
}

# overlay SUITE LOWER: mount a fresh writable overlay of LOWER, print its path.
overlay() {
	o=$pkg/$1
	mkdir -p "$o/upper" "$o/work" "$o/root"
	mount -t overlay "kfunc-$1" \
		-o "lowerdir=$2,upperdir=$o/upper,workdir=$o/work" "$o/root" || return 1
	echo "$o/root"
}

# overlay_bg NAME LOWER LOG SCRIPT: run SCRIPT (sh -e) in a fresh overlay
# NAME of LOWER, in the background, its output to LOG and its exit status
# to build/pkg/NAME.rc (1 when the overlay cannot be mounted); the
# background job's pid in bg_pid (empty then).
overlay_bg() {
	rm -f "$pkg/$1.rc"
	bg_pid=
	_o=$(overlay "$1" "$2") || {
		echo 1 >"$pkg/$1.rc"
		return
	}
	{
		rc=0
		in_root "$_o" sh -ec "$4" >"$3" 2>&1 || rc=$?
		echo $rc >"$pkg/$1.rc"
	} &
	bg_pid=$!
}

pkg_unmount() {
	grep -o " $pkg/[^ ]*/root " /proc/mounts 2>/dev/null | while read -r m; do
		umount -l "$m"
	done
}

pkg_reset() {
	pkg_unmount
	rm -rf --one-file-system "$pkg"
	mkdir -p "$pkg/debs" "$pkg/next" "$pkg/rpms"
}

# in_pkg SUITE CMD: run CMD (a shell script) in the overlay of SUITE, with the
# packages at /kfunc-build/pkg.
in_pkg() {
	_r=$pkg_bookworm
	[ "$1" = trixie ] && _r=$pkg_trixie
	in_root "$_r" sh -ec "$2"
}

pkg_build() {
	pkg_reset
	v=$(make -s -C "$top" version)
	next=$(pkg_next_version)
	log=$logs/pkg-deb.log
	stage_tree pkgsrc
	if in_root "$bookworm" make -C /kfunc-build/pkgsrc deb >"$log" 2>&1 &&
		cp "$build"/pkgsrc/build/deb/*.deb "$pkg/debs/"; then
		ls "$pkg"/debs/kfunc-tools_*.deb >/dev/null &&
		result ok "make deb builds kfunc-dkms, kfunc-sdk and kfunc-tools $v in Debian 12 ($(cd "$pkg/debs" && echo *.deb))"
	else
		result not-ok "make deb builds kfunc-dkms, kfunc-sdk and kfunc-tools in Debian 12" "$log"
		return 1
	fi

	# The same tree one version later, for the upgrade test.
	stage_tree pkgsrc-next
	sed -i "s/^#define KFUNC_VERSION \".*\"/#define KFUNC_VERSION \"$next\"/" \
		"$build/pkgsrc-next/include/uapi/kfunc/version.h"
	{
		printf 'kfunc (%s) unstable; urgency=medium\n\n  * Upgrade test.\n\n' "$next"
		printf ' -- kfunc tests <tests@kfunc.invalid>  %s\n\n' "$(date -R)"
		cat "$top/debian/changelog"
	} >"$build/pkgsrc-next/debian/changelog"
	if in_root "$bookworm" make -C /kfunc-build/pkgsrc-next deb >"$logs/pkg-deb-next.log" 2>&1 &&
		cp "$build"/pkgsrc-next/build/deb/kfunc-dkms_*.deb "$pkg/next/"; then
		result ok "make deb builds the next version ($next) for the upgrade test"
	else
		result not-ok "make deb builds the next version ($next) for the upgrade test" "$logs/pkg-deb-next.log"
	fi

	# A changelog that disagrees with version.h must stop the build.
	stage_tree pkgsrc-bad
	sed -i '1s/([^)]*)/(9.9.9)/' "$build/pkgsrc-bad/debian/changelog"
	if ! in_root "$bookworm" make -C /kfunc-build/pkgsrc-bad deb >"$logs/pkg-deb-bad.log" 2>&1 &&
		grep -q 'debian/changelog is at 9.9.9 but include/uapi/kfunc/version.h says' "$logs/pkg-deb-bad.log"; then
		result ok "make deb refuses a debian/changelog whose version differs from version.h"
	else
		result not-ok "make deb refuses a debian/changelog whose version differs from version.h" "$logs/pkg-deb-bad.log"
	fi

	log=$logs/pkg-lintian.log
	if in_root "$trixie" sh -c 'lintian --version; lintian --fail-on error,warning \
		--display-info --pedantic /kfunc-build/pkg/debs/*.deb' >"$log" 2>&1; then
		result ok "lintian ($(head -n 1 "$log")): no error or warning on the .debs ($(grep -c '^[IPX]:' "$log") info/pedantic tags)"
	else
		result not-ok "lintian: no error or warning on the .debs" "$log"
	fi
	grep -E '^[EWIPX]:' "$log" | sed 's/^/    /'

	pkg_build_rpm
	return 0
}

pkg_build_rpm() {
	log=$logs/pkg-rpm.log
	# rpm on Debian knows no installed package: BuildRequires unchecked.
	if in_root "$trixie" make -C /kfunc-build/pkgsrc rpm RPMBUILD_FLAGS=--nodeps >"$log" 2>&1 &&
		cp "$build"/pkgsrc/build/rpm/RPMS/*/*.rpm "$pkg/rpms/"; then
		result ok "make rpm builds $(cd "$pkg/rpms" && echo *.rpm)"
	else
		result not-ok "make rpm builds kfunc-dkms, kfunc-sdk and kfunc-tools RPMs" "$log"
		return 1
	fi
	in_root "$trixie" make -C /kfunc-build/pkgsrc-next rpm RPMBUILD_FLAGS=--nodeps >"$logs/pkg-rpm-next.log" 2>&1 &&
		mkdir -p "$pkg/rpms-next" &&
		cp "$build"/pkgsrc-next/build/rpm/RPMS/noarch/kfunc-dkms-*.rpm "$pkg/rpms-next/" ||
		result not-ok "make rpm builds the next version for the upgrade test" "$logs/pkg-rpm-next.log"
	log=$logs/pkg-rpm-query.log
	# shellcheck disable=SC2016
	if in_root "$trixie" sh -ec '
		cd /kfunc-build/pkg/rpms
		v=$(rpm -qp --qf "%{VERSION}" kfunc-dkms-*.rpm)
		rpm -qp --qf "%{NAME} %{ARCH}\n" *.rpm
		for n in dkms sdk; do
			test "$(rpm -qp --qf "%{ARCH}" kfunc-$n-*.rpm)" = noarch
		done
		test "$(rpm -qp --qf "%{ARCH}" kfunc-tools-*.rpm)" = x86_64
		rpm -qlp kfunc-tools-*.rpm | tee /tmp/tools.files
		for f in /usr/sbin/kfunc /usr/share/man/man8/kfunc.8.gz \
			/usr/share/bash-completion/completions/kfunc; do
			grep -qx "$f" /tmp/tools.files
		done
		rpm -qp --requires kfunc-tools-*.rpm | grep "^libbpf.so.1"
		rpm -qp --recommends kfunc-dkms-*.rpm | grep -x kfunc-tools
		rpm -qlp kfunc-dkms-*.rpm | tee /tmp/dkms.files
		for f in dkms.conf Makefile src/Kbuild src/main.c tools/btf/module-btf.sh \
			tools/btf/kfunc-btfids.c include/uapi/kfunc/version.h bpf-headers/kfuncs/strstr.h; do
			grep -qx "/usr/src/kfunc-$v/$f" /tmp/dkms.files
		done
		rpm -qlp kfunc-sdk-*.rpm | tee /tmp/sdk.files
		for f in /usr/include/kfuncs/strstr.h /usr/include/kfuncs/kfuncs.h \
			/usr/include/kfunc/version.h /usr/share/pkgconfig/kfunc-sdk.pc; do
			grep -qx "$f" /tmp/sdk.files
		done
		! grep -q "/usr/src" /tmp/sdk.files || exit 1
		rpm -qp --requires kfunc-dkms-*.rpm | tee /tmp/req
		grep -q "^dkms >= 3" /tmp/req
		rpm -qp --scripts kfunc-dkms-*.rpm | tee /tmp/scripts
		sed -n "/^postinstall/,/^preuninstall/p" /tmp/scripts >/tmp/post
		grep -q "dkms add -m kfunc -v $v" /tmp/post
		grep -q "dkms build -m kfunc -v $v" /tmp/post
		grep -q "dkms install -m kfunc -v $v" /tmp/post
		sed -n "/^preuninstall/,\$p" /tmp/scripts >/tmp/preun
		grep -q "if \[ \"\$1\" -eq 0 \]" /tmp/preun
		grep -q "dkms remove -m kfunc -v $v --all" /tmp/preun
		echo "dkms.conf of the RPM:"
		rpm2cpio kfunc-dkms-*.rpm | cpio -i --to-stdout "./usr/src/kfunc-$v/dkms.conf" 2>/dev/null |
			grep "^PACKAGE_VERSION=\"$v\""' >"$log" 2>&1; then
		result ok "rpm -qlp/--requires/--scripts: dkms and sdk noarch, tools x86_64 with kfunc(8), its man page and completion; the /usr/src and SDK files, dkms add/build/install in %post, remove on erase only"
	else
		result not-ok "rpm -qlp/--requires/--scripts: files and scriptlets as specified" "$log"
	fi
}

pkg_install() {
	# dash runs no EXIT trap on a signal: turn signals into an exit.
	trap pkg_unmount EXIT
	trap 'exit 130' INT TERM
	pkg_bookworm=$(overlay bookworm "$bookworm") &&
		pkg_trixie=$(overlay trixie "$trixie") || {
		result not-ok "mount overlays of the roots for the package tests"
		return 1
	}

	# Debian 12: sign with a MOK as a Secure Boot user would (README).
	mkdir -p "$pkg_bookworm/var/lib/dkms"
	openssl req -new -x509 -nodes -days 36500 -subj "/CN=kfunc test MOK/" \
		-newkey rsa:2048 -keyout "$pkg_bookworm/var/lib/dkms/mok.key" \
		-outform DER -out "$pkg_bookworm/var/lib/dkms/mok.pub" >/dev/null 2>&1

	for suite in bookworm trixie; do
		log=$logs/pkg-install-$suite.log
		if [ "$suite" = trixie ]; then
			# 7.x headers come after the package: the kernel's hook must build it.
			late=$(KFUNC_KERNELS= kernels_of "$trixie" | sort -V | tail -n 1)
			in_pkg trixie "dpkg -r linux-headers-amd64 linux-headers-$late" >"$log" 2>&1
		fi
		if in_pkg "$suite" 'cd /kfunc-build/pkg/debs
			DEBIAN_FRONTEND=noninteractive apt-get install -y ./kfunc-dkms_*.deb ./kfunc-sdk_*.deb \
				./kfunc-tools_*.deb
			kfunc version' >>"$log" 2>&1; then
			result ok "$suite: apt-get install ./kfunc-dkms_*.deb ./kfunc-sdk_*.deb ./kfunc-tools_*.deb ($(tail -n 1 "$log"))"
		else
			result not-ok "$suite: apt-get install ./kfunc-dkms_*.deb ./kfunc-sdk_*.deb ./kfunc-tools_*.deb" "$log"
			continue
		fi
		if [ "$suite" = trixie ]; then
			if in_pkg trixie "dkms status -m kfunc | tee /tmp/st
				! grep -q '$late' /tmp/st || exit 1
				dpkg -i /var/cache/kfunc-debs/linux-headers-${late}_*.deb
				dkms status -m kfunc | tee /tmp/st
				grep -q '$late.*: installed' /tmp/st" >"$logs/pkg-hook.log" 2>&1; then
				result ok "trixie: headers of $late installed after kfunc-dkms: the kernel's hook builds kfunc for it"
			else
				result not-ok "trixie: headers of $late installed after kfunc-dkms: the kernel's hook builds kfunc for it" "$logs/pkg-hook.log"
			fi
		fi
		root=$pkg_bookworm
		[ "$suite" = trixie ] && root=$pkg_trixie
		for k in $(KFUNC_KERNELS= kernels_of "$root"); do
			pkg_check_installed "$suite" "$k"
		done
	done
	pkg_sdk_program
	return 0
}

# pkg_check_installed SUITE KVER: dkms built and installed kfunc for KVER,
# the module file carries BTF and, where a MOK exists, a signature.
pkg_check_installed() {
	log=$logs/pkg-installed-$2.log
	if in_pkg "$1" "
		dkms status -m kfunc -k $2 | tee /tmp/st
		grep -q 'kfunc/.*, $2, .*: installed' /tmp/st
		ko=\$(modinfo -k $2 -n kfunc)
		echo \"module: \$ko\"
		case \$ko in /lib/modules/$2/updates/*|/usr/lib/modules/$2/updates/*) ;; *) exit 1 ;; esac
		case \$ko in
		*.xz) xz -dc \$ko >/tmp/k.ko ;;
		*.zst) zstd -dc \$ko >/tmp/k.ko ;;
		*.gz) gzip -dc \$ko >/tmp/k.ko ;;
		*) cp \$ko /tmp/k.ko ;;
		esac
		readelf -S /tmp/k.ko | grep -E ' \.BTF( |\$)'
		readelf -S /tmp/k.ko | grep -E ' \.BTF_ids'
		if [ -f /var/lib/dkms/mok.key ]; then
			modinfo -k $2 -F signer kfunc | tee /tmp/signer
			grep -q . /tmp/signer
			echo signed
		fi" >"$log" 2>&1; then
		if grep -q '^signed' "$log"; then
			how="signed by \"$(grep -v '^signed' "$log" | tail -n 1)\""
		else
			how="no MOK, not signed"
		fi
		result ok "$1: dkms status shows kfunc installed for $2; $(sed -n 's|^module: ||p' "$log" | sed 's|.*/updates|updates|') has .BTF and .BTF_ids; $how"
	else
		result not-ok "$1: dkms installed kfunc with BTF for $2" "$log"
	fi
}

# The examples built from the installed SDK alone: examples/ and the make
# rules copied without the tree's headers, so only pkg-config kfunc-sdk
# (the installed .pc) can supply them.
pkg_sdk_program() {
	log=$logs/pkg-sdk.log
	rm -rf "$pkg/sdk"
	mkdir -p "$pkg/sdk/src/scripts" "$pkg/sdk/bin"
	cp -r "$top/examples" "$pkg/sdk/src/"
	cp "$top/scripts/bpf.mk" "$pkg/sdk/src/scripts/"
	# shellcheck disable=SC2016
	if in_pkg trixie '
		rm -rf /tmp/sdk && cp -r /kfunc-build/pkg/sdk/src /tmp/sdk
		pkg-config --modversion kfunc-sdk
		echo "cflags: [$(pkg-config --cflags kfunc-sdk)]"
		make -C /tmp/sdk/examples OUT=/tmp/sdk/out
		test ! -e /tmp/sdk/bpf-headers
		test "$(pkg-config --variable=includedir kfunc-sdk)" = /usr/include
		# Its debug info names the installed headers, and no tree header.
		grep -q /usr/include/kfuncs /tmp/sdk/out/strstr.bpf.o
		! grep -q bpf-headers /tmp/sdk/out/strstr.bpf.o || exit 1
		cd /tmp/sdk/out && cp hello strstr memzero tasks hash btfdump pbfilter /kfunc-build/pkg/sdk/bin/' >"$log" 2>&1; then
		result ok "the examples build from the installed kfunc-sdk $(head -n 1 "$log") and libbpf alone (no path into the tree)"
	else
		result not-ok "the examples build from the installed kfunc-sdk and libbpf alone" "$log"
	fi
}

# pkg_refusals SUITE: a kernel kfunc cannot serve gets a failed or skipped
# DKMS build with a message saying why, and no module.
pkg_refusals() {
	v=$(make -s -C "$top" version)
	r=$pkg_bookworm
	[ "$1" = trixie ] && r=$pkg_trixie
	k=$(KFUNC_KERNELS= kernels_of "$r" | head -n 1)
	log=$logs/pkg-refuse-btf-$1.log
	# No base BTF: the image (the only source on Debian 12's 6.1) is gone.
	if [ "$1" = bookworm ] && in_pkg "$1" "
		dkms remove -m kfunc -v $v -k $k
		mv /boot/vmlinuz-$k /tmp/vmlinuz
		rc=0
		dkms install -m kfunc -v $v -k $k || rc=\$?
		mv /tmp/vmlinuz /boot/vmlinuz-$k
		echo \"dkms exit: \$rc\"
		test \$rc -ne 0
		cat /var/lib/dkms/kfunc/$v/build/make.log
		grep -q 'kfunc: ERROR: .* has no working module BTF' /var/lib/dkms/kfunc/$v/build/make.log
		grep -q 'apt-get install linux-image-$k' /var/lib/dkms/kfunc/$v/build/make.log
		test -z \"\$(find /usr/lib/modules/$k -name 'kfunc.ko*')\"
		rc=0
		kfunc doctor -k $k >/tmp/doctor.txt 2>&1 || rc=\$?
		cat /tmp/doctor.txt
		echo \"doctor exit: \$rc\"
		test \$rc -eq 1
		grep -q '^fail  build .*DKMS failed to build kfunc for $k' /tmp/doctor.txt
		grep -Eq '^(      fix:          |                    ).*apt-get install linux-image-$k' /tmp/doctor.txt
		grep -qx '                    then: dkms install kfunc/$v -k $k' /tmp/doctor.txt
		dkms install -m kfunc -v $v -k $k" >"$log" 2>&1; then
		result ok "$1: without the kernel image (base BTF) dkms fails for $k, make.log says what to install, no module; kfunc doctor -k $k shows the log's end and the fix (exit 1); with the image back, it installs"
	elif [ "$1" = bookworm ]; then
		result not-ok "$1: without base BTF dkms fails with a message and no module" "$log"
	fi
	log=$logs/pkg-refuse-config-$1.log
	if in_pkg "$1" "
		# dkms 3.0 reads .config, dkms 3.2 include/config/auto.conf first.
		cd /usr/lib/modules/$k/build
		tar -cf /tmp/config.tar .config \$(ls include/config/auto.conf 2>/dev/null)
		sed -i 's/^CONFIG_DEBUG_INFO_BTF_MODULES=y/# CONFIG_DEBUG_INFO_BTF_MODULES is not set/' \
			.config \$(ls include/config/auto.conf 2>/dev/null)
		dkms remove -m kfunc -v $v -k $k
		rc=0
		dkms install -m kfunc -v $v -k $k >/tmp/out 2>&1 || rc=\$?
		tar -xf /tmp/config.tar
		cat /tmp/out
		echo \"dkms exit: \$rc\"
		test \$rc -ne 0
		grep -q 'BUILD_EXCLUSIVE' /tmp/out
		test -z \"\$(find /usr/lib/modules/$k -name 'kfunc.ko*')\"
		dkms install -m kfunc -v $v -k $k" >"$log" 2>&1; then
		result ok "$1: a kernel without CONFIG_DEBUG_INFO_BTF_MODULES is skipped by dkms ($(sed -n 's/^dkms exit: //p' "$log"), BUILD_EXCLUSIVE message), no module"
	else
		result not-ok "$1: a kernel without CONFIG_DEBUG_INFO_BTF_MODULES is skipped by dkms" "$log"
	fi
	log=$logs/pkg-refuse-old-$1.log
	if in_pkg "$1" "
		mkdir -p /usr/lib/modules/5.10.0-99-amd64
		ln -s /usr/lib/modules/$k/build /usr/lib/modules/5.10.0-99-amd64/build
		rc=0
		dkms build -m kfunc -v $v -k 5.10.0-99-amd64 >/tmp/out 2>&1 || rc=\$?
		rm -r /usr/lib/modules/5.10.0-99-amd64
		cat /tmp/out
		echo \"dkms exit: \$rc\"
		test \$rc -ne 0
		grep -q 'BUILD_EXCLUSIVE' /tmp/out" >"$log" 2>&1; then
		result ok "$1: a kernel older than 6.1 (5.10) is skipped by dkms ($(sed -n 's/^dkms exit: //p' "$log"), BUILD_EXCLUSIVE message)"
	else
		result not-ok "$1: a kernel older than 6.1 (5.10) is skipped by dkms" "$log"
	fi
	log=$logs/pkg-refuse-headers-$1.log
	if in_pkg "$1" "
		rc=0
		dkms build -m kfunc -v $v -k 6.99.0-1-amd64 >/tmp/out 2>&1 || rc=\$?
		cat /tmp/out
		echo \"dkms exit: \$rc\"
		test \$rc -ne 0
		grep -qi 'headers' /tmp/out" >"$log" 2>&1; then
		result ok "$1: a kernel without headers fails in dkms ($(sed -n 's/^dkms exit: //p' "$log")) with a message naming the headers"
	else
		result not-ok "$1: a kernel without headers fails in dkms with a message naming the headers" "$log"
	fi
}

# debian/tests with autopkgtest, as Debian's CI runs a DKMS package's tests,
# on the null virt server inside a fresh overlay of the Debian 12 root (its
# stock 6.1 headers: the hardest build). No archive is configured there:
# every dependency is in the root, and autopkgtest serves the .debs from a
# local repository. It runs in the background, beside the VMs.
pkg_autopkgtest_start() {
	apt_log=$logs/pkg-autopkgtest.log
	overlay_bg autopkgtest "$bookworm" "$apt_log" '
		rm -f /etc/apt/sources.list /etc/apt/sources.list.d/*
		cd /kfunc-build/pkg/debs
		autopkgtest -B /kfunc-build/pkgsrc ./kfunc-dkms_*.deb ./kfunc-sdk_*.deb \
			./kfunc-tools_*.deb -- null'
	apt_pid=$bg_pid
}

pkg_autopkgtest_end() {
	[ -n "${apt_pid:-}" ] && wait "$apt_pid"
	rc=$(cat "$pkg/autopkgtest.rc" 2>/dev/null || echo none)
	if [ "$rc" = 0 ] && grep -Eq '^dkms-autopkgtest +PASS' "$apt_log" &&
		grep -Eq '^module-btf +PASS' "$apt_log"; then
		result ok "autopkgtest $(sed -n 's/.*: version \([0-9.]*\)$/\1/p' "$apt_log" | head -n 1) of debian/tests in Debian 12: dkms-autopkgtest PASS ($(grep -c '^I: PASS' "$apt_log") kernel), module-btf PASS ($(sed -n 's/^module-btf: //p' "$apt_log"))"
	else
		result not-ok "autopkgtest of debian/tests in Debian 12 (exit $rc)" "$apt_log"
	fi
}

# After the VMs: refusals, upgrade (Debian 12), then purge (both).
#
# pkg_finish_bookworm: the bookworm overlay's refusals, upgrade and purge.
# Only the 6.1 VM uses that overlay: once it is done, vm_start's second
# lane runs these in the background beside the first lane's last VM, their
# lines to $logs/pkg-finish-bookworm.out, which pkg_finish prints.
pkg_finish_bookworm() {
	pkg_refusals bookworm
	next=$(pkg_next_version)
	k=$(KFUNC_KERNELS= kernels_of "$pkg_bookworm" | head -n 1)
	log=$logs/pkg-upgrade.log
	if in_pkg bookworm "
		DEBIAN_FRONTEND=noninteractive apt-get install -y /kfunc-build/pkg/next/kfunc-dkms_*.deb
		dkms status -m kfunc | tee /tmp/st
		test \$(grep -c . /tmp/st) -eq 1
		grep -q 'kfunc/$next, $k, .*: installed' /tmp/st
		ls -d /usr/src/kfunc-* | tee /tmp/src
		test \"\$(cat /tmp/src)\" = /usr/src/kfunc-$next
		ls /var/lib/dkms/kfunc | tee /tmp/tree
		! grep -vqx -e '$next' -e 'kernel-.*' /tmp/tree || exit 1
		test \"\$(modinfo -k $k -F version kfunc)\" = '$next'" >"$log" 2>&1; then
		result ok "bookworm: upgrade to $next keeps exactly one version built and installed"
	else
		result not-ok "bookworm: upgrade to $next keeps exactly one version built and installed" "$log"
	fi
	pkg_purge bookworm
}

pkg_finish() {
	if [ -f "$logs/pkg-finish-bookworm.out" ]; then
		cat "$logs/pkg-finish-bookworm.out"
	else
		pkg_finish_bookworm
	fi
	pkg_refusals trixie
	pkg_purge trixie
	pkg_unmount
}

pkg_purge() {
	for suite in $1; do
		log=$logs/pkg-purge-$suite.log
		if in_pkg "$suite" '
			DEBIAN_FRONTEND=noninteractive apt-get purge -y kfunc-dkms kfunc-sdk kfunc-tools
			! ls -d /usr/src/kfunc-* 2>/dev/null || exit 1
			! ls -d /var/lib/dkms/kfunc 2>/dev/null || exit 1
			test -z "$(find /usr/lib/modules -name "kfunc.ko*")"
			! ls -d /usr/include/kfuncs /usr/share/pkgconfig/kfunc-sdk.pc /usr/sbin/kfunc 2>/dev/null || exit 1
			! dpkg -l "kfunc-*" 2>/dev/null | grep -q "^[ir]"' >"$log" 2>&1; then
			result ok "$suite: apt-get purge leaves no /usr/src/kfunc-*, dkms tree entry, module file, header or kfunc(8)"
		else
			result not-ok "$suite: apt-get purge leaves no /usr/src/kfunc-*, dkms tree entry, module file, header or kfunc(8)" "$log"
		fi
	done
}

# The RPM scriptlets, run for real: rpm (Debian's) installs, upgrades and
# erases the RPMs in a fresh overlay of the trixie root, whose dkms then
# does the work, in the background, beside the VMs. --nodeps: the rpm
# database here knows no Debian package.
pkg_rpm_start() {
	v=$(make -s -C "$top" version)
	next=$(pkg_next_version)
	rpm_log=$logs/pkg-rpm-scriptlets.log
	overlay_bg rpm "$trixie" "$rpm_log" "
		cd /kfunc-build/pkg
		rpm -i --nodeps rpms/kfunc-dkms-*.rpm rpms/kfunc-sdk-*.rpm
		dkms status -m kfunc | tee /tmp/st
		for k in \$(ls /usr/src | sed -n 's/^linux-headers-\(.*-amd64\)\$/\1/p'); do
			grep -q \"kfunc/$v, \$k, .*: installed\" /tmp/st
			modinfo -k \$k -n kfunc | grep -q /updates/
		done
		rpm -U --nodeps rpms-next/kfunc-dkms-*.rpm
		dkms status -m kfunc | tee /tmp/st
		! grep -v 'kfunc/$next, ' /tmp/st || exit 1
		test \"\$(ls -d /usr/src/kfunc-*)\" = /usr/src/kfunc-$next
		for k in \$(ls /usr/src | sed -n 's/^linux-headers-\(.*-amd64\)\$/\1/p'); do
			grep -q \"kfunc/$next, \$k, .*: installed\" /tmp/st
			test \"\$(modinfo -k \$k -F version kfunc)\" = '$next'
		done
		rpm -e kfunc-dkms kfunc-sdk
		! ls -d /usr/src/kfunc-* /var/lib/dkms/kfunc /usr/include/kfuncs 2>/dev/null || exit 1
		test -z \"\$(find /usr/lib/modules -name 'kfunc.ko*')\""
	rpm_pid=$bg_pid
}

pkg_rpm_end() {
	[ -n "${rpm_pid:-}" ] && wait "$rpm_pid"
	if [ "$(cat "$pkg/rpm.rc" 2>/dev/null)" = 0 ]; then
		result ok "trixie: the RPM scriptlets run: rpm -i builds and installs for every kernel, rpm -U to $(pkg_next_version) keeps one version, rpm -e removes all"
	else
		result not-ok "trixie: the RPM scriptlets run: rpm -i, rpm -U, rpm -e" "$rpm_log"
	fi
}
