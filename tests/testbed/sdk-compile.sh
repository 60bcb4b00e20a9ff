#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# sdk-compile.sh TREE KO BASE OUT: compile TREE/tests/bpf/sdk_compile.bpf.c
# (-Wall -Werror) with the SDK headers of TREE after <linux/bpf.h>, and
# after two bpftool vmlinux.h dumps: of BASE (the kernel's BTF) and of KO's
# BTF on BASE (which adds kfunc.ko's own kf_* prototypes), each with and
# without BPF_NO_KFUNC_PROTOTYPES. Runs in the trixie root (bpftool 7.5+).
# 7.x kernels embed tagged structs anonymously (-fms-extensions), so their
# vmlinux.h needs that flag too, as every BPF program including it does.
set -eu
tree=$1 ko=$2 base=$3 out=$4

rm -rf "$out"
mkdir -p "$out"
bpftool btf dump file "$base" format c >"$out/vmlinux.h"
bpftool btf dump file "$ko" --base-btf "$base" format c >"$out/vmlinux-kfunc.h"
echo "kernel kfunc prototypes: $(grep -c '__weak __ksym;$' "$out/vmlinux.h" || true)"
echo "kf_ prototypes: $(grep -c '^extern .* kf_[a-z_0-9]*(.*__weak __ksym;$' "$out/vmlinux-kfunc.h" || true)"

compile() {
	clang -g -O2 -Wall -Werror -target bpf -D__TARGET_ARCH_x86 \
		-I"/usr/include/$(gcc -print-multiarch)" \
		-I"$tree/bpf-headers" -I"$tree/include/uapi" "$@" \
		-c "$tree/tests/bpf/sdk_compile.bpf.c"
}
compile -o "$out/uapi.o"
ms="-fms-extensions -Wno-microsoft-anon-tag"
for h in vmlinux.h vmlinux-kfunc.h; do
	compile $ms -DKF_VMLINUX_H="\"$out/$h\"" -o "$out/$h.o"
	compile $ms -DKF_VMLINUX_H="\"$out/$h\"" -DBPF_NO_KFUNC_PROTOTYPES -o "$out/$h-noprotos.o"
	echo "$h: compiled with and without BPF_NO_KFUNC_PROTOTYPES"
done
