#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# checkpatch.sh TREE: run the kernel's checkpatch.pl on the project's C.
# checkpatch.pl comes from Debian 12's linux-source-6.1 package (apt-get
# download: no change to the host's apt sources), extracted once into
# $KFUNC_CACHE (default /var/cache/kfunc).
#
# The module (src/) must be clean, but for version tests in compat.h (its
# purpose) and the BTF id list macros (main.c, and the lock table that
# feeds them, locks.h). User-space and BPF C (examples/,
# tests/, tools/) follow the same layout rules; the kernel-API advice that
# does not apply there is not asked for (ARRAY_SIZE, __printf, volatile
# sig_atomic_t, __func__ in messages, split string literals, white space
# before a quoted newline: test data whose bytes are the point), nor the
# rules the test tables' macros break on purpose; LIBBPF_OPTS() reads as a
# statement to it, and a .proto in a comment ("Inner inner") as a typo.
set -eu
tree=$1
cache=${KFUNC_CACHE:-${XDG_CACHE_HOME:+$XDG_CACHE_HOME/kfunc}}
cache=${cache:-/var/cache/kfunc}/checkpatch
cp=$cache/scripts/checkpatch.pl

if [ ! -f "$cp" ]; then
	tmp=$(mktemp -d)
	trap 'rm -rf "$tmp"' EXIT
	(cd "$tmp" && apt-get download -q linux-source-6.1 >/dev/null 2>&1) ||
		{ echo "checkpatch.sh: apt-get download linux-source-6.1 failed" >&2; exit 1; }
	dpkg-deb --fsys-tarfile "$tmp"/linux-source-6.1_*.deb |
		tar -C "$tmp" -xf - ./usr/src/linux-source-6.1.tar.xz
	tar -C "$tmp" -xJf "$tmp/usr/src/linux-source-6.1.tar.xz" --wildcards \
		'linux-source-6.1/scripts/checkpatch.pl' 'linux-source-6.1/scripts/spelling.txt' \
		'linux-source-6.1/scripts/const_structs.checkpatch'
	mkdir -p "$cache/scripts"
	mv "$tmp"/linux-source-6.1/scripts/* "$cache/scripts/"
fi

files=0
run() {
	files=$((files + 1))
	perl "$cp" --no-tree --terse --show-types "$@"
}
cd "$tree"
rc=0
run --ignore LINUX_VERSION_CODE,CONSTANT_COMPARISON,COMPLEX_MACRO -f src/compat.h || rc=1
run --ignore COMPLEX_MACRO -f src/main.c || rc=1
run --ignore COMPLEX_MACRO -f src/locks.h || rc=1
for f in $(ls src/*.c src/*.h src/lib/*.c src/lib/*.h |
	grep -v -e '^src/compat.h$' -e '^src/main.c$' -e '^src/locks.h$'); do
	run -f "$f" || rc=1
done
user=ARRAY_SIZE,PREFER_DEFINED_ATTRIBUTE_MACRO,VOLATILE,EMBEDDED_FUNCTION_NAME,STRING_FRAGMENTS
user=$user,COMPLEX_MACRO,MACRO_WITH_FLOW_CONTROL,MULTISTATEMENT_MACRO_USE_DO_WHILE,LINE_SPACING
user=$user,REPEATED_WORD,SPLIT_STRING,MISSING_SPACE,QUOTED_WHITESPACE_BEFORE_NEWLINE
for f in examples/*/*.[ch] tests/*/*.[ch] tools/*/*.c; do
	run --ignore "$user" -f "$f" || rc=1
done
echo "checked $files files"
exit $rc
