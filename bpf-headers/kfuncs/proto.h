/* SPDX-License-Identifier: (GPL-2.0 OR BSD-2-Clause) */
/*
 * Protocol buffers: read fields of a protobuf-encoded message (the wire
 * format) without generated code, from memory or straight from a packet.
 *
 * A field is found by number, first occurrence first. Wire types: varint
 * (int32/64, uint32/64, bool, enum; sint* are zigzag-encoded: decode them
 * yourself), i64, len (bytes, string, submessages, packed repeated), i32.
 * The message is decoded up to the field found; malformed bytes on the
 * way give -EBADMSG, never a read outside the message: a truncated or
 * over-long (over 10 bytes, or over 64 bits) varint, a length past the end
 * of its message, a group (wire types 3 and 4), wire types 6 and 7, field
 * number 0.
 *
 * First occurrence, where a protobuf library keeps the last value of a
 * repeated singular field and merges repeated submessages: the results
 * differ only for messages that were concatenated or merged.
 *
 * A BPF call takes five arguments at most, so the path form exists for
 * varints only: to read bytes inside a submessage, copy the submessage
 * with kf_pb_get_bytes and look into the copy.
 */
#ifndef _KFUNCS_PROTO_H
#define _KFUNCS_PROTO_H

#include <kfuncs/common.h>

struct __sk_buff;
struct xdp_md;

/* The deepest path the _path kfuncs accept (field numbers). */
#define KF_PB_MAX_DEPTH 8

/*
 * kf_pb_get_varint - the value of a varint field
 * @msg, @msg__sz: the message, @msg__sz readable bytes
 * @field:         the field number (1 to 2^29 - 1)
 * @value:         where the value goes; 8 writable bytes
 *
 * Return: 0 with *@value set; -ENOENT when the field is absent; -ENOMSG
 * when its first occurrence is not a varint; -EBADMSG for malformed bytes
 * before it; -EINVAL for a field number out of range or a NULL @value.
 * Programs: all, from 6.1.
 */
extern int kf_pb_get_varint(const void *msg, __u32 msg__sz, __u32 field, __u64 *value) KF_KSYM;

/*
 * kf_pb_get_bytes - the payload of a len field (bytes, string, submessage)
 * @msg, @msg__sz: the message, @msg__sz readable bytes
 * @field:         the field number
 * @out__opt:      where min(length, @out__sz) payload bytes are copied; may
 *                 be NULL (__opt, from 6.5; named __nullable from 7.0: the
 *                 module uses each kernel's name) to learn the length only.
 *                 On 6.1 NULL is accepted only with @out__sz 0.
 * @out__sz:       @out__opt's size; @out__sz writable bytes
 *
 * Return: the payload's full length (compare with @out__sz to detect a
 * truncated copy); -ENOENT, -ENOMSG (not a len field), -EBADMSG, -EINVAL
 * as kf_pb_get_varint.
 * Programs: all, from 6.1.
 */
extern int kf_pb_get_bytes(const void *msg, __u32 msg__sz, __u32 field,
			   void *out__opt, __u32 out__sz) KF_KSYM;

/*
 * kf_pb_get_varint_path - kf_pb_get_varint inside nested submessages
 * @msg, @msg__sz:   the message, @msg__sz readable bytes
 * @path, @path__sz: field numbers, outermost first, @path__sz readable
 *                   bytes (4 per number, 1 to KF_PB_MAX_DEPTH numbers);
 *                   each but the last names a submessage (its first
 *                   occurrence)
 * @value:           where the value goes; 8 writable bytes
 *
 * Return: as kf_pb_get_varint; -ENOMSG also when a submessage on the path
 * is not a len field; -EINVAL for a @path__sz that is 0, over the maximum
 * depth or not a multiple of 4.
 * Programs: all, from 6.1.
 */
extern int kf_pb_get_varint_path(const void *msg, __u32 msg__sz,
				 const __u32 *path, __u32 path__sz, __u64 *value) KF_KSYM;

/*
 * kf_skb_pb_get_varint - kf_pb_get_varint on a packet, in place
 * @skb:    the program's context
 * @offset: where the message starts, from the start of the packet data
 *          (skb->data); it runs to the end of the packet
 * @field, @value: as kf_pb_get_varint
 *
 * Reads the packet where it lies, linear or not (paged fragments are read
 * through skb_copy_bits, 10 bytes at most at a time): nothing is copied
 * to the BPF stack and the program needs no bounds checks.
 *
 * Return: as kf_pb_get_varint; -EINVAL also when @offset is past the end.
 * Programs: tc (sched_cls) only, from 6.1.
 */
extern int kf_skb_pb_get_varint(struct __sk_buff *skb, __u32 offset, __u32 field,
				__u64 *value) KF_KSYM;

/*
 * kf_xdp_pb_get_varint - kf_pb_get_varint on an XDP packet, in place
 * @xdp:    the program's context
 * @offset: where the message starts, from xdp->data; it runs to the end
 *          of the packet, fragments of a multi-buffer packet included
 * @field, @value: as kf_pb_get_varint
 *
 * Return: as kf_skb_pb_get_varint.
 * Programs: XDP only, from 6.1.
 */
extern int kf_xdp_pb_get_varint(struct xdp_md *xdp, __u32 offset, __u32 field,
				__u64 *value) KF_KSYM;

#endif /* _KFUNCS_PROTO_H */
