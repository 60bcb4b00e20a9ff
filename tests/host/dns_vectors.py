#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0
"""Test vectors for kfl_dns_name, computed by dnspython (Debian's
python3-dnspython) as the independent decoder. Deterministic (fixed seed).

Output (stdout), one record a line:
  m HEX                 a DNS message: the current one for the lines after it
  n OFF RET TEXT        kfl_dns_name(current message, OFF): RET is the
                        expected return, an offset or EBADMSG; TEXT the
                        expected text in hex, "-" with EBADMSG
  # ...                 a comment (counts)
  end N                 the last line: N vectors were written

The messages are built with dns.message (make_query, make_response with
answers) and rendered compressed (to_wire) and uncompressed, plus
malformed messages: mutations and truncations of valid ones, and
hand-built pointer loops, forward pointers, bad label types, names of
wire length 255 and 256 (plain and through pointers), long pointer chains.
The expected result is dns.name.from_wire(message, offset): the text is
name.to_text(omit_final_dot=True).lower() ("." for the root), the offset
is offset + consumed, and any dns.exception.FormError (BadPointer,
BadLabelType, NameTooLong, a truncation) is EBADMSG.

Where dnspython differs from the contract in kfl.h by design:
 - dnspython refuses a chain of more than 16 pointers (PointerChainTooLong),
   kfl.h of more than KFL_DNS_MAX_POINTERS (127): dnspython's limit is set
   to kfl.h's here (MAX_COMPRESSION_POINTER_CHAIN, same counting: the
   pointer that makes one too many is refused).
 - dnspython's "consumed" is the furthest byte it read, kfl.h's return is
   the end of the name's bytes at the offset (after its first pointer).
   They differ only when the labels a pointer leads to run on over the
   pointer itself (the pointer's target is before the offset, its labels
   end after it): for those, the expected offset is the end of the first
   pointer, found by walking the bytes at the offset (dnspython still gives
   the text and the validity), and they are counted in a comment.
"""
import random
import sys

import dns.exception
import dns.message
import dns.name
import dns.rdataclass
import dns.rdatatype
import dns.renderer
import dns.rrset
from dns.rdtypes.ANY.CNAME import CNAME
from dns.rdtypes.ANY.MX import MX
from dns.rdtypes.ANY.NS import NS
from dns.rdtypes.ANY.PTR import PTR
from dns.rdtypes.ANY.SOA import SOA
from dns.rdtypes.ANY.TXT import TXT
from dns.rdtypes.IN.A import A

# See above: kfl.h's KFL_DNS_MAX_POINTERS.
dns.name.MAX_COMPRESSION_POINTER_CHAIN = 127

IN = dns.rdataclass.IN
rng = random.Random(0x646e73)
out = []
stats = {"messages": 0, "vectors": 0, "ok": 0, "bad": 0, "overlap": 0, "root": 0,
         "len255": 0, "hops17": 0, "NameTooLong": 0, "BadPointer": 0, "BadLabelType": 0}

LDH = b"abcdefghijklmnopqrstuvwxyz0123456789-_"
UPPER = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-"
SPECIAL = b'"().;\\@$ *!~\x00\x7f\x80\xff\t\x20\x21\x7e/'


def rand_label(n):
    k = rng.random()
    if k < 0.5:
        alpha = LDH
    elif k < 0.75:
        alpha = UPPER
    elif k < 0.9:
        alpha = UPPER + SPECIAL
    else:
        return bytes(rng.randrange(256) for _ in range(n))
    return bytes(rng.choice(alpha) for _ in range(n))


def rand_labels(wire):
    """Labels (no root) whose wire form, with the final zero, is wire
    bytes (1, or 3 and more)."""
    left = wire - 1
    labels = []
    while left > 0:
        if left <= 64 and (left < 5 or rng.random() < 0.3):
            n = left - 1
        else:
            n = rng.randint(1, min(63, left - 3))  # leaves 2 or more
        labels.append(rand_label(n))
        left -= n + 1
    return labels


def rand_name(maxwire=255):
    k = rng.random()
    if k < 0.03:
        return dns.name.root
    if k < 0.65:
        wire = rng.randint(3, 40)
    elif k < 0.88:
        wire = rng.randint(3, maxwire)
    else:
        wire = rng.randint(max(3, maxwire - 6), maxwire)
    labels = rand_labels(wire)
    return dns.name.Name(labels + [b""])


def sub_of(name, maxwire=255):
    """A name under name (or name itself), when it fits."""
    room = maxwire - len(name.to_wire())
    if room < 2:
        return name
    labels = rand_labels(rng.randint(2, min(room, 40)) + 1)
    return dns.name.Name(labels + list(name.labels))


def rand_case(name):
    """The same name with letters in random case (compresses onto it)."""
    labels = []
    for lab in name.labels:
        labels.append(bytes(c ^ 0x20 if (0x41 <= c <= 0x5a or 0x61 <= c <= 0x7a)
                            and rng.random() < 0.5 else c for c in lab))
    return dns.name.Name(labels)


def rand_rrset(owner, names):
    t = rng.randrange(7)
    target = rng.choice(names)
    if rng.random() < 0.6:
        target = sub_of(target)
    elif rng.random() < 0.3:
        target = rand_case(target)
    if t == 0:
        rd = CNAME(IN, dns.rdatatype.CNAME, target)
    elif t == 1:
        rd = NS(IN, dns.rdatatype.NS, target)
    elif t == 2:
        rd = PTR(IN, dns.rdatatype.PTR, target)
    elif t == 3:
        rd = MX(IN, dns.rdatatype.MX, rng.randrange(65536), target)
    elif t == 4:
        rd = SOA(IN, dns.rdatatype.SOA, target, sub_of(rng.choice(names)),
                 1, 2, 3, 4, 5)
    elif t == 5:
        rd = A(IN, dns.rdatatype.A, "192.0.2.%d" % rng.randrange(256))
    else:
        rd = TXT(IN, dns.rdatatype.TXT, [rand_label(rng.randint(0, 30))])
    return dns.rrset.from_rdata(owner, rng.randrange(1 << 31), rd)


def rand_message():
    qname = rand_name()
    q = dns.message.make_query(qname, rng.choice(["A", "AAAA", "MX", "NS", "TXT"]),
                               use_edns=rng.random() < 0.3)
    q.id = rng.randrange(65536)  # not dnspython's random one: deterministic
    if rng.random() < 0.2:
        return q
    r = dns.message.make_response(q)
    names = [qname]
    for _ in range(rng.randint(1, 4)):
        owner = rng.choice(names)
        if rng.random() < 0.5:
            owner = sub_of(owner)
        elif rng.random() < 0.3:
            owner = rand_case(owner)
        elif rng.random() < 0.2:
            owner = rand_name()
        names.append(owner)
        section = rng.choice([r.answer, r.answer, r.authority, r.additional])
        rrs = rand_rrset(owner, names)
        section.append(rrs)
        for rd in rrs:
            for attr in ("target", "exchange", "mname", "rname"):
                if hasattr(rd, attr):
                    names.append(getattr(rd, attr))
    return r


class NoCompress(dict):
    """A compression table that never learns a name: no pointers."""

    def __setitem__(self, key, value):
        pass


def render_uncompressed(msg):
    r = dns.renderer.Renderer(msg.id, msg.flags, 65535)
    r.compress = NoCompress()
    for rrs in msg.question:
        r.add_question(rrs.name, rrs.rdtype, rrs.rdclass)
    for section, rrsets in ((dns.renderer.ANSWER, msg.answer),
                            (dns.renderer.AUTHORITY, msg.authority),
                            (dns.renderer.ADDITIONAL, msg.additional)):
        for rrs in rrsets:
            r.add_rrset(section, rrs)
    r.write_header()
    return r.get_wire()


NAME_TYPES = {dns.rdatatype.CNAME: 0, dns.rdatatype.NS: 0, dns.rdatatype.PTR: 0,
              dns.rdatatype.MX: 2, dns.rdatatype.SOA: 0}


def name_offsets(wire):
    """Offsets of the names of a well-formed message (dnspython's parser)."""
    p = dns.wire.Parser(wire)
    counts = p.get_struct("!HHHHHH")[2:]
    offs = []
    for sec, count in enumerate(counts):
        for _ in range(count):
            offs.append(p.current)
            p.get_name()
            if sec == 0:
                p.get_struct("!HH")
                continue
            rdtype, _, _, rdlen = p.get_struct("!HHIH")
            start = p.current
            if rdtype in NAME_TYPES:
                p.seek(start + NAME_TYPES[rdtype])
                offs.append(p.current)
                p.get_name()
                if rdtype == dns.rdatatype.SOA:
                    offs.append(p.current)
                    p.get_name()
            p.seek(start + rdlen)
    return offs


def contract_end(wire, off):
    """The end of the name's bytes at off (for a name dnspython accepted)."""
    pos = off
    while True:
        n = wire[pos]
        if n == 0:
            return pos + 1
        if n >= 0xc0:
            return pos + 2
        pos += n + 1


def hops(wire, off):
    pos, h = off, 0
    while True:
        n = wire[pos]
        if n == 0:
            return h
        if n >= 0xc0:
            pos = (n & 0x3f) << 8 | wire[pos + 1]
            h += 1
        else:
            pos += n + 1


def wire_len(name):
    return sum(len(lab) + 1 for lab in name.labels)


def emit_message(wire, offs):
    stats["messages"] += 1
    out.append("m " + wire.hex())
    for off in sorted(set(offs)):
        try:
            name, consumed = dns.name.from_wire(wire, off)
        except dns.exception.FormError as e:
            if type(e).__name__ in stats:
                stats[type(e).__name__] += 1
            out.append("n %d EBADMSG -" % off)
            stats["bad"] += 1
            stats["vectors"] += 1
            continue
        text = name.to_text(omit_final_dot=True).lower()
        end = contract_end(wire, off)
        if end != off + consumed:
            # dnspython counts the furthest byte read: see the top.
            assert end < off + consumed
            stats["overlap"] += 1
        if text == ".":
            stats["root"] += 1
        wl = wire_len(name)
        if wl == 255:
            stats["len255"] += 1
        if hops(wire, off) > 16:
            stats["hops17"] += 1
        out.append("n %d %d %s" % (off, end, text.encode("ascii").hex()))
        stats["ok"] += 1
        stats["vectors"] += 1


def some_offsets(wire, named):
    offs = list(named)
    for _ in range(6):
        offs.append(rng.randrange(len(wire) + 1))
    offs += [len(wire), len(wire) + 1, 0]
    return offs


def mutate(wire):
    b = bytearray(wire)
    for _ in range(rng.randint(1, 4)):
        if not b:
            break
        k = rng.randrange(6)
        pos = rng.randrange(len(b))
        if k == 0:
            b[pos] = rng.randrange(256)
        elif k == 1:
            b[pos] ^= 1 << rng.randrange(8)
        elif k == 2:
            del b[pos]
        elif k == 3:
            b[pos] = rng.choice([0, 0x3f, 0x40, 0x7f, 0x80, 0xbf, 0xc0, 0xff])
        elif k == 4 and pos + 1 < len(b):
            # a pointer anywhere
            tgt = rng.randrange(min(len(b) + 4, 0x3fff))
            b[pos] = 0xc0 | tgt >> 8
            b[pos + 1] = tgt & 0xff
        else:
            del b[pos:]
    return bytes(b)


HDR = bytes(12)


def hand_built():
    """Messages built byte by byte: (wire, offsets)."""
    res = []
    lab = lambda s: bytes([len(s)]) + s  # noqa: E731
    ptr = lambda t: bytes([0xc0 | t >> 8, t & 0xff])  # noqa: E731
    # A pointer to itself, to the next byte, forward, to the name's start.
    res.append((HDR + ptr(12), [12]))
    res.append((HDR + lab(b"a") + ptr(12), [12, 14]))
    res.append((HDR + lab(b"a") + ptr(14), [12, 14]))
    res.append((HDR + ptr(14) + b"\x00", [12, 14]))
    res.append((HDR + ptr(16) + b"\x01a\x00", [12, 14]))
    res.append((HDR + b"\x00" + ptr(12), [12, 13]))
    res.append((HDR + b"\x01a\x00" + ptr(12) + ptr(15), [12, 15, 17]))
    # Two pointers at each other; a chain that comes back.
    res.append((HDR + ptr(14) + ptr(12), [12, 14]))
    res.append((HDR + b"\x01a" + ptr(16) + ptr(12), [12, 14, 16]))
    res.append((HDR + b"\x01a\x00\x01b" + ptr(12) + b"\x01c" + ptr(15), [12, 15, 19]))
    # A pointer back into the middle of a label (valid when the bytes are).
    res.append((HDR + b"\x03\x01x\x00" + ptr(13), [12, 13, 16]))
    res.append((HDR + b"\x03ab\x00" + ptr(13), [12, 13, 16]))
    # Pointers with the high bits of the 14: offsets over the message.
    res.append((HDR + b"\x00" + bytes([0xff, 0xff]), [13]))
    res.append((HDR + b"\x00" + bytes([0xc1, 0x00]), [13]))
    # Label types 0x40, 0x80 and every length byte in a name.
    for t in range(256):
        res.append((HDR + b"\x01a\x00" + bytes([t]) + bytes(range(0x61, 0x61 + 70)) + b"\x00",
                    [15]))
    # The overlap class (see the top): the target's label covers the pointer.
    res.append((HDR + b"\x05abc" + ptr(12) + b"\x00", [12, 16]))
    res.append((HDR + b"\x01x\x06abc" + ptr(12) + b"\x00\x00", [12, 14, 18]))
    res.append((HDR + b"\x04ab" + ptr(12) + b"\x01q\x00", [12, 15]))
    # Long chains of pointers, each to the one before.
    for n in (1, 2, 15, 16, 17, 18, 100, 126, 127, 128, 129, 2000):
        w = HDR + b"\x03foo\x00"
        offs = [12]
        for i in range(n):
            offs.append(len(w))
            w += ptr(len(w) - (5 if i == 0 else 2))
        res.append((w, offs[-3:] + [offs[1]]))
        # the same, each link with a label of its own
        w = HDR + b"\x01z\x00"
        prev = 12
        offs = []
        for i in range(min(n, 130)):
            offs.append(len(w))
            p = len(w)
            w += b"\x01" + bytes([0x61 + i % 26]) + ptr(prev)
            prev = p
        res.append((w, offs))
    # Names of wire length 253 to 258, plain and through pointers.
    for total in (254, 255, 256, 257):
        for rep in range(8):
            labels = rand_labels(total)
            plain = b"".join(lab(x) for x in labels)
            assert len(plain) == total - 1
            res.append((HDR + plain + b"\x00", [12]))
            # split: a suffix first, then the prefix and a pointer to it
            parts = []
            pos = 0
            while pos < len(plain):
                parts.append(pos)
                pos += plain[pos] + 1
            cut = parts[rng.randrange(1, len(parts))] if len(parts) > 1 else 0
            suffix = plain[cut:] + b"\x00"
            w = HDR + suffix
            off = len(w)
            w += plain[:cut] + ptr(12)
            res.append((w, [12, off]))
            # and through two pointers
            if len(parts) > 2:
                c2 = parts[rng.randrange(1, len(parts))]
                if c2 > cut:
                    cut, c2 = c2, cut
                if c2 > 0 and c2 < cut:
                    w = HDR + plain[cut:] + b"\x00"
                    o1 = len(w)
                    w += plain[c2:cut] + ptr(12)
                    o2 = len(w)
                    w += plain[:c2] + ptr(o1)
                    res.append((w, [12, o1, o2]))
    # Truncations of one name at every length.
    base = HDR + b"\x03www\x07Example\x03COM\x00" + b"\x04mail" + ptr(16)
    for n in range(12, len(base) + 1):
        res.append((base[:n], [12, 29]))
    # The root, alone and through a pointer; an empty message.
    res.append((HDR + b"\x00", [12]))
    res.append((HDR + b"\x00" + ptr(12), [12, 13]))
    res.append((b"\x00", [0]))
    res.append((b"", [0]))
    res.append((b"\xc0", [0]))
    return res


def main():
    for wire, offs in hand_built():
        emit_message(wire, offs)
    valid = []
    for i in range(1500):
        msg = rand_message()
        if i % 2:
            wire = msg.to_wire()
        else:
            wire = render_uncompressed(msg)
        named = name_offsets(wire)
        offs = some_offsets(wire, named)
        if i % 30 == 0:
            offs = range(len(wire) + 2)
        emit_message(wire, offs)
        valid.append((wire, named))
    for i in range(2000):
        wire, named = rng.choice(valid)
        if rng.random() < 0.2:
            m = wire[:rng.randrange(len(wire) + 1)]
        else:
            m = mutate(wire)
        offs = [o for o in named if o <= len(m) + 1] + [rng.randrange(len(m) + 2)
                                                        for _ in range(4)]
        emit_message(m, offs)
    out.append("# " + " ".join("%s=%d" % kv for kv in stats.items()))
    out.append("end %d" % stats["vectors"])
    sys.stdout.write("\n".join(out) + "\n")
    sys.stderr.write("dns_vectors: " + " ".join("%s=%d" % kv for kv in stats.items()) + "\n")


main()
