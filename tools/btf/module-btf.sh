#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# module-btf.sh KO KVER KDIR BTFIDS
# module-btf.sh --extract-elf VMLINUZ OUT   (the decompression step alone)
#
# Make sure the freshly built module KO carries working module BTF for
# kernel KVER (headers in KDIR), or fail and remove KO.
#
# kfuncs exist only through module BTF: the kernel finds a kfunc by its BTF
# id in the module's .BTF and its kfunc set (.BTF_ids). Kbuild produces
# both only when $KDIR/vmlinux and resolve_btfids exist; Debian 12's 6.1
# headers ship neither, the module still loads, and every kfunc is silently
# missing. So after kbuild:
#  1. find the target kernel's base BTF: $KDIR/vmlinux, else the BTF inside
#     /boot/vmlinuz-KVER (decompressed), else /sys/kernel/btf/vmlinux when
#     KVER is the running kernel;
#  2. if KO has no .BTF: pahole -J --btf_base BASE KO, then resolve
#     .BTF_ids with BTFIDS (tools/btf/kfunc-btfids.c);
#  3. always: BTFIDS dedup, to a fixed point on the full BASE (one pass
#     may leave copies of kernel structs the verifier tells apart from the
#     kernel's own), then BTFIDS check, which fails unless .BTF parses on
#     BASE and every BTF id is resolved and every set sorted.
set -eu

die() {
	rm -f "$ko"
	{
		echo
		echo "kfunc: ERROR: $ko for kernel $kver has no working module BTF."
		printf '%s\n' "$@" | sed 's/^/kfunc: /'
		echo "kfunc: Without module BTF the kernel cannot see any kfunc, so no module was produced."
		echo
	} >&2
	exit 1
}

has_btf() {
	LC_ALL=C readelf -S -W "$1" 2>/dev/null | grep -q ' \.BTF '
}

# Decompress the kernel ELF (with its .BTF) inside a bzImage into OUT.
# The payload's format is found by its magic bytes: gzip, xz, zstd, lz4
# (legacy frame, as the kernel writes it), bzip2.
missing=
extract_vmlinuz() {
	img=$1 out=$2
	for fmt in 'gzip -dc|\x1f\x8b\x08' 'xz -dc|\xfd7zXZ\x00' \
		   'zstd -dc|\x28\xb5\x2f\xfd' 'lz4 -dc|\x02\x21\x4c\x18' \
		   'bzip2 -dc|BZh'; do
		cmd=${fmt%%|*} magic=${fmt#*|}
		tool=${cmd%% *}
		command -v "$tool" >/dev/null || { missing="$missing $tool"; continue; }
		for off in $(LC_ALL=C grep -obUaP "$magic" "$img" 2>/dev/null | cut -d: -f1); do
			tail -c +$((off + 1)) "$img" | $cmd >"$out" 2>/dev/null || true
			has_btf "$out" && return 0
		done
	done
	rm -f "$out"
	return 1
}

if [ "$1" = --extract-elf ]; then
	extract_vmlinuz "$2" "$3" && exit 0
	echo "no kernel with .BTF found in $2${missing:+ (missing:$missing)}" >&2
	exit 1
fi

ko=$1 kver=$2 kdir=$3 btfids=$4
work=$(dirname "$ko")/.btf
mkdir -p "$work"

base=
if [ -f "$kdir/vmlinux" ] && has_btf "$kdir/vmlinux"; then
	base=$kdir/vmlinux
elif [ -f "/boot/vmlinuz-$kver" ]; then
	base=$work/vmlinux-$kver.btf
	if ! [ -s "$base" ] || [ "/boot/vmlinuz-$kver" -nt "$base" ]; then
		# Keep only the raw .BTF (a few MB), not the whole kernel.
		{ extract_vmlinuz "/boot/vmlinuz-$kver" "$work/vmlinux" &&
		  objcopy -O binary --only-section=.BTF "$work/vmlinux" "$base" &&
		  rm -f "$work/vmlinux"; } ||
		die "No .BTF found inside /boot/vmlinuz-$kver.${missing:+ Missing decompressors:$missing (install them: gzip xz-utils zstd lz4 bzip2).}" \
		    "Is the kernel built with CONFIG_DEBUG_INFO_BTF=y?"
	fi
elif [ "$kver" = "$(uname -r)" ] && [ -r /sys/kernel/btf/vmlinux ]; then
	base=/sys/kernel/btf/vmlinux
else
	die "The base BTF of kernel $kver was not found. Tried:" \
	    "  $kdir/vmlinux (headers of 6.12 and later ship it; Debian 12's 6.1 headers do not)" \
	    "  /boot/vmlinuz-$kver (install the kernel image: apt-get install linux-image-$kver)" \
	    "  /sys/kernel/btf/vmlinux (used only when building for the running kernel, $(uname -r))"
fi

if ! has_btf "$ko"; then
	command -v pahole >/dev/null ||
		die "pahole is missing: apt-get install dwarves (Debian 12) or pahole (Debian 13)."
	echo "  BTF [M] $ko (pahole, base $base)"
	# kbuild's features from pahole 1.26 (scripts/Makefile.btf): without
	# optimized_func, recent pahole (1.30, Debian 13) drops a function gcc split
	# into a .cold part (kf_task_cgroup_path), and resolve fails.
	features=--btf_gen_floats
	v=$(pahole --version | tr -dc 0-9)
	[ "${v:-0}" -ge 126 ] &&
		features=--btf_features=encode_force,var,float,enum64,decl_tag,type_tag,optimized_func,consistent_func
	# pahole adds the section with objcopy; binutils' objcopy is enough.
	LLVM_OBJCOPY=${LLVM_OBJCOPY:-objcopy} pahole -J "$features" \
		--btf_base "$base" "$ko" >"$work/pahole.log" 2>&1 ||
		die "pahole failed:" "$(cat "$work/pahole.log")"
	has_btf "$ko" ||
		die "pahole produced no .BTF section:" "$(cat "$work/pahole.log")" \
		    "Is the module built with debug info (CONFIG_DEBUG_INFO)?"
	echo "  BTFIDS  $ko"
	"$btfids" --base "$base" resolve "$ko" ||
		die "resolving the kfunc BTF ids failed (see above)."
fi

# Deduplicate to a fixed point on the full base BTF: one dedup pass (kbuild's
# or pahole's) can leave the module a copy of a kernel struct such as
# task_struct, which the verifier then tells apart from the kernel's
# (kfunc-btfids.c, dedup(), says why). The result is split BTF on the full
# base of the exact kernel this build is for; a distilled .BTF.base goes.
echo "  BTFDEDUP $ko"
"$btfids" --base "$base" dedup "$ko" "$work/btf" ||
	die "deduplicating the module BTF failed (see above)."
objcopy --update-section .BTF="$work/btf" --remove-section .BTF.base "$ko" ||
	die "objcopy could not write the deduplicated .BTF into $ko."

"$btfids" --base "$base" check "$ko" ||
	die "the module BTF check failed (see above)."
