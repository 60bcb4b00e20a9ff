#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# debug-kernel.sh TARBALL FRAGMENT DEST: build the debug kernel of the test
# matrix (KASAN, lockdep, atomic-sleep checks; see debug-kernel.config)
# from Debian's kernel source TARBALL, in the trixie root (its gcc and
# pahole), and install into DEST what building a module and booting need:
#
#   DEST/bzImage        the kernel to boot
#   DEST/build/         the headers tree of an external module build, as
#                       Debian's linux-headers ship it: Makefile, include,
#                       scripts, Module.symvers, .config, vmlinux (the base
#                       BTF) and tools/bpf/resolve_btfids
#   DEST/built          what it was built from, and how long it took
#   DEST/release        the kernel release (uname -r), written last
#
# Called by lib.sh's debug_kernel(), which keys DEST by the source version,
# the fragment and this script, and caches it.
set -eu
tarball=$1 fragment=$2 dest=$3
work=$dest.work

rm -rf "$work" "$dest"
mkdir -p "$work"
echo "debug-kernel: extracting $tarball"
tar -C "$work" -xf "$tarball"
src=$(echo "$work"/linux-source-*)
out=$work/out
cd "$src"

make -s O="$out" allnoconfig
scripts/kconfig/merge_config.sh -m -O "$out" "$out/.config" "$fragment" >"$work/merge.log"
make -s O="$out" olddefconfig

# olddefconfig silently drops an option whose dependencies are missing:
# every option the fragment sets must have its value in the final .config,
# and every one it unsets must be unset.
missing=
while IFS= read -r line; do
	case $line in
	CONFIG_*=*)
		opt=${line%%=*}
		grep -qxF "$line" "$out/.config" && continue
		got=$(grep "^$opt=" "$out/.config" | cut -d= -f2-)
		missing="$missing
  $opt (wanted ${line#*=}, got ${got:-not set})"
		;;
	"# CONFIG_"*" is not set")
		opt=${line#\# }
		opt=${opt%% *}
		grep -q "^$opt=" "$out/.config" || continue
		missing="$missing
  $opt (wanted not set, got $(grep "^$opt=" "$out/.config" | cut -d= -f2-))"
		;;
	esac
done <"$fragment"
if [ -n "$missing" ]; then
	echo "debug-kernel: the final .config lacks options of $fragment:$missing" >&2
	exit 1
fi
echo "debug-kernel: every option of the fragment is in .config"

start=$(date +%s)
# modules: none are configured, but it makes vmlinux's Module.symvers.
make -s O="$out" -j"$(nproc)" bzImage modules
took=$(($(date +%s) - start))
echo "debug-kernel: built in $took s"

release=$(cat "$out/include/config/kernel.release")
mkdir -p "$dest"
# The headers tree, made by the kernel's own script for its packages
# (objtool and resolve_btfids included), plus vmlinux for the module BTF.
(cd "$out" && srctree=$src SRCARCH=x86 CC=gcc HOSTCC=gcc MAKE=make \
	sh "$src/scripts/package/install-extmod-build" "$dest/build")
cp "$out/.config" "$out/vmlinux" "$dest/build/"
for f in Module.symvers vmlinux tools/bpf/resolve_btfids/resolve_btfids tools/objtool/objtool; do
	test -s "$dest/build/$f" || { echo "debug-kernel: $dest/build/$f is missing" >&2; exit 1; }
done
cp "$out/arch/x86/boot/bzImage" "$dest/bzImage"
echo "${tarball##*/}, built in $took s on $(nproc) cores" >"$dest/built"
rm -rf "$work"
echo "$release" >"$dest/release"
echo "debug-kernel: $release in $dest"
