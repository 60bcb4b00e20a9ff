#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0
"""Differential vectors for kfl_http_header (tests/host/test_http.c).

Well-formed HTTP/1.x messages are generated at random (a fixed seed: the
file is the same on every run) and parsed by Python's standard library
as it ships in Debian's python3: a request through
http.server.BaseHTTPRequestHandler.parse_request, a response through
http.client.HTTPResponse.begin; both read the header block with
http.client.parse_headers (the email package's parser). The expected
value of a field is HTTPMessage.get(name): the first occurrence, matched
case-insensitively, leading SP/HT stripped.

One vector a line, three fields separated by one space:
    HEX(message) NAME absent
    HEX(message) NAME =HEX(value)      ("=" alone: the empty value)

Only cases where Python's semantics and the contract in src/lib/kfl.h
must agree are generated; the rest is left to test_http.c:
 - no trailing SP/HT in a value: Python keeps it, the contract strips it
   (leading SP/HT, SP/HT inside a value, and values of SP/HT only, which
   Python's lstrip empties, are generated);
 - no obsolete line folding right after the first field of the name
   sought: Python appends the fold to that value, the contract skips the
   line (folds elsewhere, and before the first field, where Python drops
   them as a defect, are generated);
 - value bytes are 0x21-0x7e, SP/HT inside, and 0xa0-0xff (decoded as
   Latin-1): no CR (Python's email parser splits lines at a bare CR), no
   other control byte and no 0x85 (str.splitlines splits at \\x1c-\\x1e,
   \\x85, \\v, \\f), no NUL;
 - every line of the block is complete: Python takes an incomplete last
   line as a field, the contract ignores it (a block cut by the message's
   end after a complete line, with no empty line, is generated);
 - status codes 101-999: http.client rejects codes under 100 and skips
   "100 Continue" responses to read the next one; the contract takes any
   three digits;
 - at most 40 fields (http.client allows 100) and short lines.
Malformed messages are not generated: Python's parsers are lenient where
the contract is strict (names with any byte but ':' and white space,
white space before the colon, lines that are not fields...).
"""
import http.client
import http.server
import io
import random
import sys

TCHARS = "!#$%&'*+-.^_`|~0123456789" \
    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
VCHARS = bytes(range(0x21, 0x7f))
OBS = bytes(range(0xa0, 0x100))
COMMON = ["Host", "Content-Type", "Content-Length", "User-Agent", "Accept",
          "X-Forwarded-For", "Cookie", "Connection", "X-A^b", "X-A~b",
          "Transfer-Encoding", "Location", "Server", "a", "Z"]
NVECTORS = 4000

rnd = random.Random(20240917)


def token(lo=1, hi=12):
    return "".join(rnd.choice(TCHARS) for _ in range(rnd.randint(lo, hi)))


def recase(name):
    return "".join(c.upper() if rnd.random() < 0.5 else c.lower() for c in name)


def ws(hi):
    return bytes(rnd.choice(b" \t") for _ in range(rnd.randint(0, hi)))


def value():
    """A value with no trailing SP/HT, after 0-3 leading SP/HT."""
    kind = rnd.random()
    if kind < 0.08:
        return ws(4)                    # empty, or SP/HT only
    out = bytearray()
    for _ in range(rnd.randint(1, 40)):
        r = rnd.random()
        if r < 0.12:
            out += ws(3)
        elif r < 0.18:
            out.append(rnd.choice(OBS))
        else:
            out.append(rnd.choice(VCHARS))
    while out and out[-1] in b" \t":
        out.pop()
    if not out:
        out = bytearray(b"v")
    return ws(3) + bytes(out)


def eol(mode):
    if mode == "mixed":
        return rnd.choice([b"\r\n", b"\n"])
    return mode


def start_line(request):
    version = b"HTTP/1." + str(rnd.randint(0, 9)).encode()
    if request:
        method = rnd.choice(["GET", "POST", "HEAD", "PUT", "OPTIONS",
                             "HTTP", token()]).encode()
        target = bytes(rnd.choice(VCHARS) for _ in range(rnd.randint(1, 30)))
        if rnd.random() < 0.5:
            target = b"/" + target[1:]
        return method + b" " + target + b" " + version
    code = str(rnd.randint(101, 999)).encode()
    line = version + b" " + code
    r = rnd.random()
    if r < 0.3:
        return line
    if r < 0.4:
        return line + b" "
    reason = bytearray([rnd.choice(b"ABCDEFGHIJKLMNOPQRSTUVWXYZ")])
    for _ in range(rnd.randint(0, 20)):
        reason.append(rnd.choice(VCHARS + b" \t" + OBS))
    return line + b" " + bytes(reason)


def python_parse(msg, request):
    """Python's view of @msg: (the headers, the number of fields)."""
    if request:
        class Handler(http.server.BaseHTTPRequestHandler):
            def __init__(self, data):   # no socket, no server
                self.rfile = io.BytesIO(data)
                self.wfile = io.BytesIO()
                self.client_address = ("", 0)
                self.request_version = "HTTP/0.9"
                self.command = None
                self.raw_requestline = self.rfile.readline(65537)

            def log_message(self, *args):
                pass

        h = Handler(msg)
        if not h.parse_request():
            raise AssertionError("python rejected the request %r" % msg)
        return h.headers

    class Sock:
        def makefile(self, *args, **kwargs):
            return io.BytesIO(msg)

    resp = http.client.HTTPResponse(Sock())
    resp.begin()
    return resp.msg


def vector():
    request = rnd.random() < 0.5
    mode = rnd.choice([b"\r\n", b"\n", "mixed"])
    sought = rnd.choice(COMMON) if rnd.random() < 0.7 else token()
    others = [rnd.choice(COMMON) if rnd.random() < 0.5 else token()
              for _ in range(rnd.randint(0, 5))]
    others = [n for n in others if n.lower() != sought.lower()]
    present = rnd.random() < 0.75

    names = [rnd.choice(others) for _ in range(rnd.randint(0, 12))] if others else []
    if present:
        for _ in range(rnd.randint(1, 3)):   # duplicates: the first wins
            names.insert(rnd.randint(0, len(names)), sought)

    msg = start_line(request) + eol(mode)
    if rnd.random() < 0.05:
        # A folded line first: Python drops it (a defect), the contract skips it.
        msg += rnd.choice([b" ", b"\t"]) + token().encode() + eol(mode)
    nfields = 0
    first_seen = False
    for name in names:
        is_first = name == sought and not first_seen
        first_seen = first_seen or name == sought
        msg += recase(name).encode() + b":" + value() + eol(mode)
        nfields += 1
        if not is_first and rnd.random() < 0.1:
            # Obsolete folding: skipped by the contract; Python appends it
            # to this (not the sought) field's value.
            msg += rnd.choice([b" ", b"\t"]) + ws(2) + token().encode() + eol(mode)

    cut = rnd.random() < 0.15
    if not cut:
        msg += eol(mode)
        if rnd.random() < 0.5:
            # A body, with the name in it: not part of the block.
            msg += recase(sought).encode() + b": decoy" + eol(mode)
            msg += bytes(rnd.randrange(256) for _ in range(rnd.randint(0, 20)))

    query = recase(sought)
    headers = python_parse(msg, request)
    if len(headers) != nfields:
        raise AssertionError("python saw %d fields, not %d: %r" % (len(headers), nfields, msg))
    val = headers.get(query)
    if val is None:
        if present:
            raise AssertionError("python lost the field %r in %r" % (query, msg))
        return "%s %s absent" % (msg.hex(), query)
    raw = val.encode("latin-1")
    if raw[-1:] in (b" ", b"\t") or raw[:1] in (b" ", b"\t") or b"\r" in raw or b"\n" in raw:
        raise AssertionError("a value outside the agreed cases: %r" % raw)
    return "%s %s =%s" % (msg.hex(), query, raw.hex())


def main():
    lines = [vector() for _ in range(NVECTORS)]
    sys.stdout.write("".join(line + "\n" for line in lines))


if __name__ == "__main__":
    main()
