#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# Build, once, the Debian roots the test bed runs in, and print their paths.
#
#   roots.sh bookworm   -> path of the Debian 12 root (6.1 headers + image)
#   roots.sh trixie     -> path of the Debian 13 root (6.12 and backports 7.x,
#                          clang, bpftool, qemu, virtme-ng)
#
# Roots live in $KFUNC_CACHE (default $XDG_CACHE_HOME/kfunc, else
# /var/cache/kfunc), one directory per suite named after a hash of its
# package list and of this script: a root is reused while both are
# unchanged, and rebuilt (with mmdebstrap, never touching the host's apt
# sources) when either changes.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
suite=${1:?usage: roots.sh bookworm|trixie}
list=$here/$suite.list
[ -f "$list" ] || { echo "roots.sh: no package list $list" >&2; exit 2; }

if [ -n "${KFUNC_CACHE:-}" ]; then
	cache=$KFUNC_CACHE
elif [ -n "${XDG_CACHE_HOME:-}" ]; then
	cache=$XDG_CACHE_HOME/kfunc
else
	cache=/var/cache/kfunc
fi
mkdir -p "$cache/roots"

key=$(cat "$list" "$0" | sha256sum | cut -c1-12)
root=$cache/roots/$suite-$key
if [ -f "$root/.kfunc-root-complete" ]; then
	echo "$root"
	exit 0
fi

# The Debian mirror the host already uses: the project names no host itself.
mirror=${KFUNC_MIRROR:-}
if [ -z "$mirror" ]; then
	mirror=$( { sed -n 's/^URIs:[[:space:]]*//p' /etc/apt/sources.list.d/*.sources 2>/dev/null
		    awk '$1 == "deb" { print ($2 ~ /^\[/) ? $3 : $2 }' \
			/etc/apt/sources.list /etc/apt/sources.list.d/*.list 2>/dev/null
		  } | tr ' ' '\n' | grep -E '/debian/?$' | head -n 1) || true
fi
if [ -z "$mirror" ]; then
	echo "roots.sh: no Debian mirror found in /etc/apt/sources.list*;" \
	     "set KFUNC_MIRROR=<url of a Debian archive mirror>" >&2
	exit 1
fi

command -v mmdebstrap >/dev/null || {
	echo "roots.sh: mmdebstrap is missing (apt-get install mmdebstrap)" >&2
	exit 1
}

# remove DIR: an interrupted mmdebstrap may leave /proc, /sys or /dev
# mounted inside a root: unmount them first, and never cross into another
# file system while deleting.
remove() {
	grep -o " $1/[^ ]*" /proc/mounts | sort -r | while read -r m; do
		umount -l "$m" || true
	done
	rm -rf --one-file-system "$1"
}

pkgs=$(grep -v '^#' "$list" | grep . | paste -sd, -)
tmp=$root.tmp
remove "$tmp"
# Remove roots of older package lists of this suite.
for old in "$cache/roots/$suite"-*; do
	[ -d "$old" ] && [ "$old" != "$tmp" ] && remove "$old"
done

echo "roots.sh: building the $suite root in $root (once; a few minutes)" >&2
case $suite in
bookworm)
	sources="deb $mirror bookworm main"
	extra=
	;;
trixie)
	sources="deb $mirror trixie main
deb $mirror trixie-backports main"
	# linux-image-amd64 exists in trixie (6.12) and trixie-backports (7.x):
	# install the versioned image and headers each of them points to.
	extra='set -e
names=$(for meta in linux-image-amd64 linux-headers-amd64; do
	apt-cache show "$meta" | sed -n "s/^Depends: //p" | tr "," "\n" |
	sed -n "s/^ *\(linux-\(image\|headers\)-[0-9][^ ]*\).*/\1/p"
done | sort -u)
echo "kernels: $names"
DEBIAN_FRONTEND=noninteractive apt-get install -y -t trixie-backports $names
# Keep the header packages: the package tests reinstall one of them to
# prove that a kernel installed after kfunc-dkms gets the module.
mkdir -p /var/cache/kfunc-debs
cp /var/cache/apt/archives/linux-headers-*.deb /var/cache/kfunc-debs/
# The newest kernel source line the archive ships, for the debug kernel.
src=$(apt-cache search --names-only "^linux-source-[0-9.]*\$" | cut -d" " -f1 | sort -V | tail -n 1)
echo "kernel source: $src"
DEBIAN_FRONTEND=noninteractive apt-get install -y -t trixie-backports "$src"'
	;;
*)
	echo "roots.sh: unknown suite $suite" >&2
	exit 2
	;;
esac

log=$cache/roots/$suite-$key.log
if ! echo "$sources" | mmdebstrap --variant=apt --mode=root \
	--include="$pkgs" \
	--customize-hook="chroot \"\$1\" sh -c '$extra'" \
	"$suite" "$tmp" - >"$log" 2>&1; then
	tail -n 40 "$log" >&2
	echo "roots.sh: mmdebstrap failed for $suite (full log: $log)" >&2
	remove "$tmp"
	exit 1
fi
touch "$tmp/.kfunc-root-complete"
mv "$tmp" "$root"
echo "$root"
