# SPDX-License-Identifier: GPL-2.0
#
# guest-tools.sh: kfunc(8) in the test VM, sourced by guest.sh (its ok,
# not_ok, check, $k, $kv and $log), with kfunc.ko loaded.
#   tools_test DIR   kfunc list and kfunc probe agree with the SDK headers
#                    (DIR/kfuncs.txt, DIR/programs.txt), the module's BTF and
#                    vmlinux BTF; their JSON parses and has the documented
#                    fields. Uses the tree-built DIR/kfunc.
#   doctor_test DIR  kfunc doctor of the installed kfunc-tools, on the system
#                    the packages installed: healthy (exit 0), then in each
#                    broken state it sets up (module not loaded, a module of
#                    another version loaded, a module file without BTF): exit
#                    1 and the remedy line. Leaves the package's module loaded.

# json_check FILE PYTHON: run PYTHON with d = the JSON in FILE; it prints
# what is wrong, and the check fails when it printed anything.
json_check() {
	python3 -c "
import json, sys
d = json.load(open('$1'))
$2
" >/tmp/json-check.out 2>&1 && ! grep -q . /tmp/json-check.out
	rc=$?
	cat /tmp/json-check.out
	return $rc
}

tools_test() {
	dir=$1
	kf=$dir/kfunc
	bpftool btf dump file /sys/kernel/btf/kfunc >/tmp/tools-mod.btf
	# The module's kf_* functions, and its global ones (its static helpers
	# are kf_* too; 6.1's pahole 1.24 marks every function static).
	sed -n "s/^\[[0-9]*\] FUNC '\(kf_[a-z_0-9]*\)' .*/\1/p" /tmp/tools-mod.btf |
		sort -u >/tmp/btf-all
	sed -n "s/^\[[0-9]*\] FUNC '\(kf_[a-z_0-9]*\)' .*linkage=global.*/\1/p" /tmp/tools-mod.btf |
		sort -u >/tmp/btf-kfuncs
	cut -d' ' -f1 "$dir/kfuncs.txt" | sort -u >/tmp/header-kfuncs
	# vmlinux's FUNCs, and those tagged bpf_kfunc: listed on the host from
	# the BTF this kernel's image carries (run.sh's vmlinux_lists).
	check "/sys/kernel/btf/vmlinux is the BTF of this kernel's image, whose FUNCs and bpf_kfunc tags the host listed" \
		cmp /sys/kernel/btf/vmlinux "$dir/vmlinux.btf"
	cp "$dir/vmlinux-kfuncs" "$dir/vmlinux-funcs" /tmp/

	rc=0
	"$kf" list >/tmp/list.txt 2>"$log" || rc=$?
	missing=
	for f in $(cat /tmp/header-kfuncs); do
		grep -q "^$f\$" /tmp/list.txt || missing="$missing $f"
	done
	check "kfunc list exits 0 and names each of the $(grep -c . /tmp/header-kfuncs) kfuncs this kernel offers${missing:+ (missing:$missing)}" \
		sh -c "[ $rc -eq 0 ] && [ -z '$missing' ] && grep -q '^kernel $k: kfunc .* loaded' /tmp/list.txt"

	rc=0
	"$kf" list --json >/tmp/list.json 2>"$log" || rc=$?
	check "kfunc list --json (exit $rc): its kfuncs are the headers' for this kernel and FUNCs of the module BTF (its global kf_* ones where linkage is recorded), with prototype, programs, since, flags; kernel kfuncs are vmlinux's bpf_kfunc-tagged FUNCs ($(grep -c . /tmp/vmlinux-kfuncs))" \
		json_check /tmp/list.json "
want = set(open('/tmp/header-kfuncs').read().split())
btf = set(open('/tmp/btf-kfuncs').read().split())
btf_all = set(open('/tmp/btf-all').read().split())
vk = set(open('/tmp/vmlinux-kfuncs').read().split())
vf = set(open('/tmp/vmlinux-funcs').read().split())
progs = dict(l.split()[:2] for l in open('$dir/programs.txt'))
since = dict(l.split()[:2] for l in open('$dir/kfuncs.txt'))
if $rc != 0: print('exit', $rc)
for key in ('kernel', 'module', 'sdk', 'version_match', 'kfuncs', 'kernel_kfuncs_marked', 'kernel_kfuncs'):
    if key not in d: print('no field', key)
if d['kernel'] != '$k': print('kernel', d['kernel'])
if d['module'] != {'loaded': True, 'version': open('/sys/module/kfunc/version').read().strip(), 'btf': True}: print('module', d['module'])
names = [x['name'] for x in d['kfuncs']]
if set(names) != want: print('headers differ:', sorted(set(names) ^ want))
if not set(names) <= btf_all: print('not FUNCs in the module BTF:', sorted(set(names) - btf_all))
if btf and set(names) != btf: print('module BTF (global kf_*) differs:', sorted(set(names) ^ btf))
if len(names) != len(set(names)): print('duplicates')
for x in d['kfuncs']:
    n = x['name']
    for key in ('btf_id', 'prototype', 'known', 'programs', 'since', 'flags', 'upstream', 'upstream_in_kernel'):
        if key not in x: print(n, 'no field', key)
    if not x['prototype'] or (' ' + n + '(') not in ' ' + x['prototype'].replace('*', ' '): print(n, 'prototype', x['prototype'])
    if not x['known'] or x['programs'] != progs.get(n) or x['since'] != since.get(n): print(n, x['programs'], x['since'])
    if not isinstance(x['flags'], list): print(n, 'flags', x['flags'])
    if ('sleepable' in x['flags']) != (x['programs'] == 'sleepable'): print(n, 'sleepable flag', x['flags'])
    if x['upstream'] and x['upstream_in_kernel'] != (x['upstream'] in vf): print(n, 'upstream', x['upstream'], x['upstream_in_kernel'])
kk = set(x['name'] for x in d['kernel_kfuncs'])
if d['kernel_kfuncs_marked'] != bool(vk): print('marked', d['kernel_kfuncs_marked'])
if kk != vk: print('kernel kfuncs differ:', sorted(kk ^ vk)[:10])
"

	# kfunc probe --all: every kfunc of kfunc's table in every program type,
	# against the headers' "Programs:" line on this kernel.
	types="tc xdp syscall fentry kprobe lsm"
	t0=$(date +%s)
	rc=0
	"$kf" probe --all $(printf -- '--type %s ' $types) --json >/tmp/probe.json 2>"$log" || rc=$?
	took=$(($(date +%s) - t0))
	check "kfunc probe --all --json, program types $types (exit $rc, $took s): each kfunc is accepted in exactly the program types its header's Programs: line gives for $k, refused elsewhere with the verifier's reason" \
		json_check /tmp/probe.json "
want = set(open('/tmp/header-kfuncs').read().split())
progs = dict(l.split()[:2] for l in open('$dir/programs.txt'))
kv = $kv
types = '$types'.split()
# A sleepable-only kfunc: refused to tc, XDP and kprobe programs, accepted
# by syscall ones; fentry and LSM programs may call it only sleepable
# (fentry.s, lsm.s), where the kernel allows one at the probe's attach
# point: 7.3 allows fentry.s on a syscall, 6.1 and 6.12 only with
# CONFIG_FUNCTION_ERROR_INJECTION, which Debian's kernels lack.
def expect(kind, t):
    if kind == 'all': return t != 'kprobe' or kv >= 6010
    if kind in ('tc', 'xdp'): return t == kind
    if kind == 'sleepable':
        if t in ('fentry', 'lsm'): return None
        return t == 'syscall'
    raise Exception(kind)
seen = set()
if $rc != (1 if any(not x['accepted'] for x in d) else 0): print('exit', $rc)
for x in d:
    for key in ('name', 'type', 'section', 'offered', 'accepted', 'reason'):
        if key not in x: print('no field', key, x)
    n, t = x['name'], x['type']
    seen.add((n, t))
    if n not in want:
        if x['offered'] or x['accepted'] or 'does not offer' not in x['reason']: print(n, t, 'not offered here, but', x)
        continue
    e = expect(progs[n], t)
    sleepable_sec = x['section'] is not None and ('.s/' in x['section'] or x['section'] == 'syscall')
    if e is None:
        if x['accepted'] and not sleepable_sec: print(n, t, 'accepted by a non-sleepable', x['section'])
        if not x['accepted'] and 'sleepable' not in x['reason']: print(n, t, x['reason'])
    elif x['accepted'] != e: print(n, t, 'accepted' if x['accepted'] else 'refused: ' + x['reason'], '- header says', progs[n])
    if x['accepted'] and x['reason'] is not None: print(n, t, 'reason', x['reason'])
    if x['accepted'] and progs[n] == 'all' and '.s/' in x['section']: print(n, t, 'needed a sleepable program', x['section'])
    if not x['accepted'] and progs[n] in ('tc', 'xdp') and t != progs[n] and 'calling kernel function ' + n + ' is not allowed' not in x['reason']: print(n, t, x['reason'])
    if not x['accepted'] and progs[n] == 'sleepable' and t != 'kprobe' and 'sleepable' not in x['reason']: print(n, t, x['reason'])
for n in progs:
    for t in types:
        if (n, t) not in seen: print('no probe of', n, t)
"
	n=$(grep -o '"accepted":true' /tmp/probe.json | wc -l)
	echo "    kfunc probe --all: $n of $(grep -o '"name"' /tmp/probe.json | wc -l) probes accepted in $took s"

	rc=0
	"$kf" probe kf_strstr --type tc --type syscall >/tmp/probe.txt 2>&1 || rc=$?
	check "kfunc probe kf_strstr --type tc --type syscall: accepted, exit 0" \
		sh -c "[ $rc -eq 0 ] && grep -qx 'kf_strstr: tc: accepted (tc)' /tmp/probe.txt &&
			grep -qx 'kf_strstr: syscall: accepted (syscall)' /tmp/probe.txt"
	rc=0
	"$kf" probe kf_task_cmdline --type tc >/tmp/probe.txt 2>&1 || rc=$?
	check "kfunc probe kf_task_cmdline --type tc: refused as sleepable, with the verifier's words, exit 1" \
		sh -c "[ $rc -eq 1 ] && grep -q '^kf_task_cmdline: tc: refused: .*sleepable' /tmp/probe.txt"
	rc=0
	"$kf" probe kf_no_such_thing >/tmp/probe.txt 2>&1 || rc=$?
	check "kfunc probe of a name that is no kfunc: exit 2 and says so" \
		sh -c "[ $rc -eq 2 ] && grep -q 'kf_no_such_thing is not a kfunc of kfunc' /tmp/probe.txt"
}

# The doctor's checks, in order, in its JSON.
doctor_json() {
	json_check "$1" "
if set(d) != {'kernel', 'running', 'tool_version', 'checks', 'failed', 'ok'}: print('fields', sorted(d))
if d['kernel'] != '$k' or d['running'] is not True: print(d['kernel'], d['running'])
for c in d['checks']:
    if set(c) != {'name', 'verdict', 'detail', 'remedy'}: print('check fields', c)
    if c['verdict'] not in ('ok', 'warn', 'fail', 'skip'): print('verdict', c)
    if c['verdict'] == 'fail' and not c['remedy']: print('no remedy', c)
failed = [c['name'] for c in d['checks'] if c['verdict'] == 'fail']
if d['failed'] != len(failed) or d['ok'] != (not failed): print('failed', d['failed'], d['ok'], failed)
names = [c['name'] for c in d['checks']]
want = ['kernel', 'bpf', 'btf', 'module-btf', 'build', 'module-file', 'loaded', 'kfunc-btf', 'version', 'lockdown', 'program-types']
if names[:len(want)] != want or names[-1] != 'secure-boot': print('checks', names)
$2
"
}

# unload: modprobe -r kfunc, retried while closed programs still hold it.
unload() {
	i=0
	while grep -q '^kfunc ' /proc/modules && [ $i -lt 100 ]; do
		modprobe -r kfunc 2>/dev/null || rmmod kfunc 2>/dev/null || sleep 0.1
		i=$((i + 1))
	done
	! grep -q '^kfunc ' /proc/modules
}

doctor_test() {
	dir=$1
	kf=/usr/sbin/kfunc
	path=$(modinfo -n kfunc)
	v=$(modinfo -F version kfunc)
	modprobe kfunc

	rc=0
	$kf doctor >/tmp/doctor.txt 2>&1 || rc=$?
	$kf doctor --json >/tmp/doctor.json 2>>/tmp/doctor.txt
	check "kfunc doctor on the packaged system: every check passes, exit $rc" \
		sh -c "[ $rc -eq 0 ] && grep -q ' 0 failed\$' /tmp/doctor.txt && ! grep -q '^fail' /tmp/doctor.txt"
	sed 's/^/    /' /tmp/doctor.txt
	check "kfunc doctor --json: the documented fields, ok true" \
		doctor_json /tmp/doctor.json "if not d['ok']: print('not ok')"

	# 1. The module is not loaded.
	unload
	rc=0
	$kf doctor >/tmp/doctor.txt 2>&1 || rc=$?
	$kf doctor --json >/tmp/doctor.json 2>>/tmp/doctor.txt
	check "kfunc doctor, module not loaded: exit 1 (was $rc), loaded fails with fix \"modprobe kfunc\"" \
		sh -c "[ $rc -eq 1 ] && grep -q '^fail  loaded ' /tmp/doctor.txt &&
			grep -qx '      fix:          modprobe kfunc' /tmp/doctor.txt &&
			grep -q '^ok    module-file ' /tmp/doctor.txt"
	check "kfunc doctor --json, module not loaded" doctor_json /tmp/doctor.json "
c = {x['name']: x for x in d['checks']}
if d['ok'] or c['loaded']['verdict'] != 'fail' or c['loaded']['remedy'] != 'modprobe kfunc': print(c['loaded'])"

	# 2. A module of another version is loaded: the installed one with its
	# version string changed (same length).
	case $path in
	*.xz) xz -dc "$path" >/tmp/plain.ko ;;
	*.zst) zstd -dcq "$path" >/tmp/plain.ko ;;
	*.gz) gzip -dc "$path" >/tmp/plain.ko ;;
	*) cp "$path" /tmp/plain.ko ;;
	esac
	other=$(echo "$v" | tr '0-8' '1-9')
	[ "$other" = "$v" ] && other=$(echo "$v" | tr '0-9' '0-8')
	python3 -c "
import sys
b = open('/tmp/plain.ko', 'rb').read()
old, new = b'version=$v\0', b'version=$other\0'
assert b.count(old) == 1, b.count(old)
open('/tmp/other.ko', 'wb').write(b.replace(old, new))" >"$log" 2>&1 &&
		insmod /tmp/other.ko >>"$log" 2>&1
	rc=0
	$kf doctor >/tmp/doctor.txt 2>&1 || rc=$?
	check "kfunc doctor, kfunc $other loaded while $v is installed: exit 1 (was $rc), version fails, fix: load the installed one" \
		sh -c "[ \"\$(cat /sys/module/kfunc/version)\" = '$other' ] && [ $rc -eq 1 ] &&
			grep -q '^fail  version .*loaded module is kfunc $other, the installed one kfunc $v' /tmp/doctor.txt &&
			grep -qx '      fix:          load the installed one: modprobe -r kfunc && modprobe kfunc' /tmp/doctor.txt"
	unload

	# 3. The module file has no BTF (kbuild's output where the BTF step did
	# not run): the file modprobe would load, replaced by a bind mount.
	objcopy --remove-section .BTF /tmp/plain.ko /tmp/nobtf.ko
	case $path in
	*.xz) xz -0 --check=crc32 -c /tmp/nobtf.ko >/tmp/nobtf ;;
	*.zst) zstd -q -c /tmp/nobtf.ko >/tmp/nobtf ;;
	*.gz) gzip -c /tmp/nobtf.ko >/tmp/nobtf ;;
	*) cp /tmp/nobtf.ko /tmp/nobtf ;;
	esac
	mount --bind /tmp/nobtf "$path"
	rc=0
	$kf doctor >/tmp/doctor.txt 2>&1 || rc=$?
	$kf doctor --json >/tmp/doctor.json 2>>/tmp/doctor.txt
	umount "$path"
	check "kfunc doctor, a module file without .BTF: exit 1 (was $rc), module-file fails, fix: rebuild with dkms" \
		sh -c "[ $rc -eq 1 ] && grep -q '^fail  module-file .* has no .BTF section' /tmp/doctor.txt &&
			grep -qx '      fix:          rebuild it: dkms remove kfunc/$v -k $k && dkms install kfunc/$v -k $k' /tmp/doctor.txt"
	check "kfunc doctor --json, a module file without .BTF" doctor_json /tmp/doctor.json "
c = {x['name']: x for x in d['checks']}
if d['ok'] or c['module-file']['verdict'] != 'fail' or 'dkms install kfunc/$v -k $k' not in c['module-file']['remedy']: print(c['module-file'])"

	# Back to the package's module.
	check "the package's module loads again after the doctor's tests" \
		sh -c "modprobe kfunc && [ \"\$(cat /sys/module/kfunc/version)\" = '$v' ]"
}
