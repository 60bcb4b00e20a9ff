/* SPDX-License-Identifier: (GPL-2.0 OR BSD-2-Clause) */
#ifndef _KFUNCS_BTF_H
#define _KFUNCS_BTF_H

#include <kfuncs/common.h>
#include <kfunc/btf.h>

/*
 * kf_btf_snprintf - print a kernel object by its vmlinux BTF type, as the
 * kernel's bpf_snprintf_btf() helper does
 * @buf:     the output; the verifier demands @buf__sz writable bytes
 * @buf__sz: its size in bytes
 * @ptr:     a struct btf_ptr (<linux/bpf.h>): .ptr, the object's kernel
 *           address; .type_id, its type's id in vmlinux BTF (in a BPF
 *           program: bpf_core_type_id_kernel(struct task_struct));
 *           .flags, unused
 * @ptr__sz: sizeof(struct btf_ptr), 16 bytes: the struct is passed as
 *           memory (on the stack), which every kernel's verifier accepts
 * @flags:   the helper's BTF_F_COMPACT (no newlines or indentation),
 *           BTF_F_NONAME (no member or type names), BTF_F_PTR_RAW
 *           (pointers unhashed, as %px; else hashed, as %p) and BTF_F_ZERO
 *           (zero-valued members too); and <kfunc/btf.h>'s hops, below:
 *           KF_BTF_F_FOLLOW(n) with KF_BTF_F_PTRS, KF_BTF_F_CONTAINERS or
 *           both (one without the other is -EINVAL); no other bit
 *
 * Without hops, the text is bpf_snprintf_btf()'s, byte for byte, for the
 * same object, type and flags on the same kernel (pointers hash alike
 * within a boot), including that kernel's formatting: from 7.3 a pointer
 * to void is "(void *)", before "( *)". The object's bytes are read with
 * copy_from_kernel_nofault, 32 at a time, as the kernel's helper does:
 * a bad .ptr gives an error, never an oops. kfunc.ko reads vmlinux BTF
 * from /sys/kernel/btf/vmlinux when it loads.
 *
 * Hops add the objects the first one leads to, each printed as the first
 * one is (its own type name, its members one level deeper), at most
 * n hops from the first (KF_BTF_F_FOLLOW(n), n from 1 to 7; each pointer
 * or container element is a hop), each object once, and at most
 * KF_BTF_MAX_OBJECTS (64) objects in all, the first one included:
 *  - KF_BTF_F_PTRS: a non-NULL pointer to a struct or union (through
 *    typedefs and qualifiers) is followed by " -> " and the object it
 *    points to, on the pointer's line:
 *      .parent = (struct task_struct *)0x... -> (struct task_struct){
 *      ...
 *      },
 *    except pointers that are array elements or inside a union, pointers
 *    to list_head, hlist_head, hlist_node, rb_node and rb_root, and
 *    pointers to an object printed before in this call; the first
 *    object, when it is itself a pointer, is followed with either flag;
 *  - KF_BTF_F_CONTAINERS: kfunc.ko's annotations, resolved by name against
 *    the running kernel's BTF when it loads (dmesg lists those that do
 *    not resolve there): the pointers task_struct.bpf_storage,
 *    sock.sk_bpf_storage and cgroup.bpf_cgrp_storage (6.2+) are followed
 *    as above; these list heads are followed by their elements:
 *      bpf_local_storage.list     bpf_local_storage_elem.snode (hlist)
 *      task_struct.children       task_struct.sibling (list)
 *      signal_struct.thread_head  task_struct.thread_node (list)
 *      eventpoll.rbr              epitem.rbn (rb-tree, in order)
 *      eventpoll.rdllist          epitem.rdllink (list)
 *      netdev_hw_addr_list.list   netdev_hw_addr.list (list)
 *    After the list head's own text, at its indentation:
 *      .children -> [
 *       (struct task_struct){
 *       ...
 *       },
 *      ],
 *    (BTF_F_NONAME: "-> [" alone). An element printed before in this
 *    call is a pointer to it, "(struct task_struct *)0x...," (NONAME:
 *    "0x...,"). "...," ends the list when the object cap is reached or
 *    after 4096 elements; "<unreadable>," when a node or its element
 *    cannot be read. The
 *    walk ends at the head (list), at NULL (hlist), after the last node
 *    (rb-tree), or at an element the walk printed itself (a loop). An
 *    empty container adds nothing. And the value of each
 *    bpf_local_storage_elem (its sdata.data, empty in BTF) prints by its
 *    map's BTF, hops off, as ".data = (struct my_value){...},"; in hex,
 *    ".data = (u8[N])[0a 1b ...]," (NONAME: "[0a 1b ...]"), when the map
 *    has no BTF, or a split one, or one of over 256 KiB or 8192 types,
 *    or one kfunc.ko cannot parse (or had no memory for, when it loaded:
 *    dmesg says so); "<unreadable>" when the map cannot
 *    be read. The map's BTF is copied into one of two buffers, never
 *    waited for: -EBUSY when both are in use by other calls.
 * An object hopped to that cannot be read prints as "<unreadable>", and
 * its members that cannot be read are left out, as the helper leaves them
 * out; neither is an error of the call. The walk reads without the locks
 * of the lists it follows (under RCU, as a BPF program runs): print live
 * objects (a copy's list heads lead back to the live ones), and expect a
 * list that changes meanwhile to print as it was seen, read by read.
 *
 * Who may call it: it reads any kernel memory it is pointed at, which
 * the kernel's helper allows only loaders with CAP_PERFMON. From 6.5
 * kfunc.ko holds it to the same rule: a program calling kf_btf_snprintf
 * loads only when the loading task has CAP_PERFMON or CAP_SYS_ADMIN in
 * its effective set (a BPF token does not stand in for them); the
 * verifier refuses the others with "calling kernel function
 * kf_btf_snprintf is not allowed". 6.1 cannot filter kfuncs: there any
 * task that may load a program of one of its types may call it (without
 * CAP_PERFMON its verifier still refuses uninitialized stack and a
 * pointer's bytes as the call's memory, so .ptr must then be a plain
 * number).
 *
 * Return: the length of the whole text without its NUL, as snprintf():
 * @buf holds its first @buf__sz - 1 bytes and a NUL (the text is cut, the
 * return value is not). Errors, and @buf is then unspecified:
 * -EINVAL: @ptr__sz is not 16, @flags has another bit or hops without a
 *          kind (or the other way round), .type_id is 0 or a DATASEC, or a
 *          type on the way has no size (an array of functions) or a size
 *          of 2 GiB or more;
 * -ENOENT: .type_id is past vmlinux BTF's last id;
 * -EFAULT, -ERANGE: reading the object failed (copy_from_kernel_nofault's
 *          error, of the last read);
 * -EPERM:  the kernel is locked down for reading kernel memory
 *          (lockdown=confidentiality);
 * -E2BIG:  the object nests more than 32 deep (an object hopped to
 *          nests from where it is printed), or the walk takes more than
 *          2^20 members, elements and node reads (hops included);
 * -EBUSY:  a local storage value's map BTF found both buffers in use;
 * -EOPNOTSUPP: kfunc.ko could not read vmlinux BTF when it loaded (dmesg
 *          says why).
 * Programs: all, from 6.1.
 */
extern int kf_btf_snprintf(char *buf, __u32 buf__sz, const void *ptr, __u32 ptr__sz,
			   __u64 flags) KF_KSYM;

#endif /* _KFUNCS_BTF_H */
