#!/bin/sh
# Stands in for udev in the test VMs: boot() (lib.sh) mounts it over the VM
# root's udevadm, which systemd-udevd is a link to. virtme-init starts
# "systemd-udevd --daemon", then runs "udevadm trigger" and "udevadm
# settle". The one thing the VMs need of udev is the /dev/virtio-ports/NAME
# links to virtme's console ports (its stdin, stdout, stderr and return
# code): started as the daemon, this makes them; any other call does
# nothing.
#
# Why: udev's coldplug of every device (module loading for the emulated
# PC's disks, watchdog and input devices, none of which a test uses) took
# 45 of the debug kernel's 100 s of boot and 10 s of a stock kernel's, and
# a settle that gave up (120 s) once left a VM with no console.
#
# virtio_console is in virtme's initramfs (virtmods.py) or built in; its
# ports appear as QEMU announces them, so wait for virtme's five (120 s at
# most), then link every named port.
[ "${1:-}" = --daemon ] || exit 0
i=0
while [ "$(cat /sys/class/virtio-ports/*/name 2>/dev/null | grep -c '^virtme\.')" -lt 5 ] &&
	[ $i -lt 1200 ]; do
	sleep 0.1
	i=$((i + 1))
done
mkdir -p /dev/virtio-ports
for p in /sys/class/virtio-ports/*; do
	name=$(cat "$p/name" 2>/dev/null) || continue
	[ -n "$name" ] && ln -sfn "../${p##*/}" "/dev/virtio-ports/$name"
done
exit 0
