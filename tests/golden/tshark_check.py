#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-2-Clause
"""tshark_check.py - cross-check rk-sniff --json against tshark, per packet.

For every capture under captures/ (or the files named), this runs

    rk-sniff --json -r FILE
    tshark -n -r FILE -T pdml  (checksums verified; no reassembly,
                                defragmentation, relative sequence numbers,
                                sequence analysis, TSO guess or heuristics)

and compares, packet by packet: the frame (caplen, len, ts, link type), the
sequence of layers (rawkit's layer names against tshark's protocols, inner
layers of ICMP/ICMPv6 quotations included), and in each pair of layers every
field both sides show: addresses, ports, TTL/hop limit, lengths, ids, flags,
fragment fields, sequence and acknowledgement numbers, window, TCP options
(kinds, lengths, values), ICMP type/code/id/seq, VLAN tags, cooked-capture
fields, checksum values, and checksum status where both verify. The IPv4
options hex and payload lengths are checked against the frame's bytes and
tshark's transport lengths. When rawkit reports `error`, tshark must report
something wrong with the packet too.

Any disagreement fails the check unless EXPLAINED (below) lists it with the
reason: those are places where packet-json.md deliberately differs from
what tshark does. KNOWN_BUGS lists, apart, disagreements where rawkit is
wrong and a fix is pending; they are printed on every run. Each explanation used is counted in the summary, and one
that matches nothing is reported as stale.

Exit: 0 all agree (explained differences aside), 1 a disagreement, 2 usage
or tool failure, 77 (skip) when tshark is not installed. Standard library
only.

  tshark_check.py [--sniff PATH] [--captures DIR] [--tshark PATH] [-v] [FILE...]
"""
import argparse
import fnmatch
import glob
import json
import os
import re
import shutil
import struct
import subprocess
import sys
import xml.etree.ElementTree as ET

# ---------------------------------------------------------------------------
# Explained differences: (capture glob, packet number or None, regex on the
# difference message, reason). A message that matches an entry is not a
# failure. Keep the reasons precise: they are the review record of where
# rawkit and tshark are meant to differ.
EXPLAINED = [
    # --- layers rawkit leaves as payload (packet-json.md: unknown protocols) ---
    ("*", None, r"^layers: tshark decodes past rawkit's payload: ",
     "rawkit stops at a payload layer for protocols it does not decode (LLC, STP, IPX, GRE, OSI, "
     "ICMPv6 ND/MLD bodies, application data); tshark goes on dissecting those bytes"),
    ("*", None, r"^layers: tshark decodes the quotation of a quoted ICMP(v6)? error",
     "packet-json.md: a quoted ICMP error's own quotation is not decoded; tshark decodes it"),
    ("*", None, r"^layers: tshark decodes a non-first fragment",
     "packet-json.md: non-first fragments carry no transport layer, only payload"),
    # --- headers tshark does not show as a protocol ---
    ("*", None, r"^layers: tshark has no layer for rawkit's truncated (?!inner)(\S+)",
     "packet-json.md lists a header reached but cut by the snap length as {\"truncated\":true}; "
     "tshark shows no protocol for a header it has (almost) none of ([Packet size limited during capture])"),
    ("*", None, r"^layers: tshark has no layer for rawkit's truncated inner (\S+)",
     "packet-json.md lists an inner header cut where the quotation ends as truncated; tshark adds no "
     "protocol for a quoted header it has too few bytes of"),
    ("*", None, r"^layers: tshark has no layer for rawkit's malformed (\S+)",
     "rawkit lists a malformed header (packet-json.md: 'a layer whose header was reached is always "
     "listed'); tshark reports the problem on the enclosing layer instead of dissecting it"),
    ("*", None, r"^layers: tshark decodes past rawkit's (truncated|malformed) ",
     "packet-json.md: decoding stops after a truncated or malformed layer; tshark dissects what it can"),
    # --- checksum status ---
    ("*", None, r": csum_ok rawkit=None tshark=\S+ \(rawkit's malformed layer\)$",
     "packet-json.md: a malformed layer's checksum is null; tshark still verifies the checksum of a "
     "header whose lengths are wrong (IPv4 total length past the frame, TCP doff or UDP length past "
     "the datagram, bad TCP option length)"),
    ("*", None, r"^\S+ #\d+ tcp: opts: rawkit lists the malformed option ",
     "rawkit lists the option with the bad length (kind, len, data) before stopping with its error, "
     "as packet-json.md lists every layer reached; tshark leaves that option out"),
    ("icmp_errors.pcap", 5, r"^\S+ #\d+ tcp inner: csum_ok rawkit=None tshark=False$",
     "the quotation ends 19 bytes into the inner TCP header: nothing to verify (packet-json.md: "
     "checksums of a header cut where the quotation ends are null); tshark sums the quoted bytes only"),
    ("icmpv6.pcap", 14, r"^\S+ #\d+ tcp inner: csum_ok rawkit=None tshark=False$",
     "the quotation has the whole inner TCP header but not the 100 data bytes its checksum covers "
     "(csum_ok null); tshark sums the quoted bytes only and calls the checksum wrong"),
    ("icmp_errors.pcap", 15, r"^\S+ #\d+ udp inner: tshark has no layer here",
     "packet-json.md: inside a quotation lengths are not checked: the inner IPv4 total length 0 "
     "does not stop rawkit; tshark stops at the bogus length"),
    ("tcp_options.pcap", 20, r"(opts kinds rawkit=\[5, 1\] tshark=\[5\]|tshark marks the packet malformed)",
     "a SACK option of length 7 (not 2 + 8n): packet-json.md lists a known kind with an unexpected "
     "length as kind/len/data and goes on; tshark stops the option list and marks the packet malformed"),
]

# Known rawkit bugs: disagreements where tshark (and tcpdump) are right and
# rawkit is wrong, reported to the decoder's owner. Listed so that the check
# stays usable until the fix lands; each is printed on every run, and one that
# no longer matches is reported so that it can be removed (then regenerate the
# golden file that froze the wrong value: tests/golden/update.sh NAME).
KNOWN_BUGS = []

# tshark protocol -> packet-json layer
COMPLAINT = re.compile(r"invalid|too.short|bogus|bad |malformed|exceed|past (the )?end|wrong|incorrect", re.I)

PROTO_MAP = {
    "eth": "eth", "vlan": "vlan", "ieee8021ad": "vlan", "sll": "sll", "null": "null", "arp": "arp",
    "ip": "ipv4", "ipv6": "ipv6", "ipv6.hopopts": "ipv6.hop", "ipv6.dstopts": "ipv6.dst",
    "ipv6.routing": "ipv6.route", "ipv6.fraghdr": "ipv6.frag", "tcp": "tcp", "udp": "udp",
    "icmp": "icmp", "icmpv6": "icmpv6",
}
SKIP_PROTOS = {"geninfo", "frame", "_ws.short", "_ws.malformed", "_ws.expert", "_ws.lua.fake",
               "fake-field-wrapper", "_ws.unreassembled", "_ws.number_string.decoding_error"}

HEUR_TABLES = {"tcp", "udp", "ip", "ipv6", "eth", "eth.trailer", "icmp", "icmpv6", "sll"}
KEEP_PROTOS = set(PROTO_MAP) | {"data", "frame"}

PREFS = [
    "tcp.check_checksum:TRUE", "udp.check_checksum:TRUE", "ip.check_checksum:TRUE",
    "tcp.relative_sequence_numbers:FALSE", "tcp.analyze_sequence_numbers:FALSE",
    "tcp.desegment_tcp_streams:FALSE", "ip.defragment:FALSE", "ipv6.defragment:FALSE",
    "ip.tso_support:FALSE", "ipv6.tso_support:FALSE",
]

LINKTYPES = {0: "NULL", 1: "EN10MB", 101: "RAW", 108: "LOOP", 113: "LINUX_SLL", 228: "IPV4",
             229: "IPV6", 276: "LINUX_SLL2"}


def read_pcap(path):
    """(linktype, nano, [(ts_sec, ts_frac, caplen, len, bytes)]) of a pcap file."""
    with open(path, "rb") as f:
        data = f.read()
    magic = data[:4]
    table = {b"\xd4\xc3\xb2\xa1": ("<", False), b"\xa1\xb2\xc3\xd4": (">", False),
             b"\x4d\x3c\xb2\xa1": ("<", True), b"\xa1\xb2\x3c\x4d": (">", True)}
    if magic not in table:
        return None  # pcapng: no raw-byte checks
    e, nano = table[magic]
    linktype = struct.unpack(e + "I", data[20:24])[0] & 0x0fffffff
    pkts, off = [], 24
    while off + 16 <= len(data):
        sec, frac, cap, wire = struct.unpack(e + "IIII", data[off:off + 16])
        pkts.append((sec, frac, cap, wire, data[off + 16:off + 16 + cap]))
        off += 16 + cap
    return linktype, nano, pkts


def num(s):
    if s is None:
        return None
    if s in ("True", "False"):
        return s == "True"
    try:
        return int(s, 0)
    except ValueError:
        try:
            return int(s, 16)
        except ValueError:
            return s


class TLayer:
    """One tshark protocol, its own fields (not those of nested protocols)."""

    def __init__(self, proto, name, inner, elem):
        self.proto = proto          # tshark's name
        self.name = name            # packet-json's, or None for other protocols
        self.inner = inner
        self.pos = int(elem.get("pos") or 0)
        self.size = int(elem.get("size") or 0)
        self.fields = {}            # name -> [element, ...] in order
        self.opts = []              # tcp options: dicts
        self.expert = []            # (severity, message)
        self._collect(elem)

    def _collect(self, elem):
        for c in elem:
            if c.tag == "proto":
                continue
            n = c.get("name", "")
            if n:
                self.fields.setdefault(n, []).append(c)
            if n.startswith("tcp.options.") and c.find("field[@name='tcp.option_kind']") is not None:
                self.opts.append(c)
            if n == "_ws.expert":
                sev = c.find("field[@name='_ws.expert.severity']")
                msg = c.find("field[@name='_ws.expert.message']")
                self.expert.append((int(sev.get("show")) if sev is not None else 0,
                                    msg.get("show") if msg is not None else c.get("showname", "")))
            self._collect(c)

    def get(self, name, i=0):
        v = self.fields.get(name)
        return v[i].get("show") if v and len(v) > i else None

    def has(self, name):
        return name in self.fields


def tshark_packets(tshark, path):
    """Yield, per packet, (frame fields dict, [TLayer], malformed flag, expert list)."""
    heur = subprocess.run([tshark, "-G", "heuristic-decodes"], capture_output=True, text=True).stdout
    args = [tshark, "-n", "-r", path, "-T", "pdml"]
    for p in PREFS:
        args += ["-o", p]
    # tshark 4.0's --disable-heuristic wants names -G does not print: disable
    # instead the protocols whose heuristics sit on the layers compared here.
    off = set()
    for line in heur.splitlines():
        parts = line.split("\t")
        if len(parts) >= 3 and parts[2] == "T" and parts[0] in HEUR_TABLES and parts[1] not in KEEP_PROTOS:
            off.add(parts[1])
    for p in sorted(off):
        args += ["--disable-protocol", p]
    proc = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    for _, elem in ET.iterparse(proc.stdout, events=("end",)):
        if elem.tag != "packet":
            continue
        frame, layers, state = {}, [], {"malformed": False, "expert": []}
        walk(elem, layers, frame, state, inner=False)
        yield frame, layers, state
        elem.clear()
    proc.wait()
    if proc.returncode != 0:
        raise RuntimeError("tshark failed on %s (exit %d)" % (path, proc.returncode))


def walk(elem, layers, frame, state, inner):
    for c in elem:
        if c.tag != "proto":
            continue
        p = c.get("name", "")
        if p == "frame":
            for f in c.iter("field"):
                frame.setdefault(f.get("name"), f.get("show"))
            continue
        if p == "_ws.malformed":
            state["malformed"] = True
            continue
        if p in SKIP_PROTOS:
            walk(c, layers, frame, state, inner)
            continue
        t = TLayer(p, PROTO_MAP.get(p), inner, c)
        state["expert"] += t.expert
        layers.append(t)
        walk(c, layers, frame, state, inner or p in ("icmp", "icmpv6"))


# ---------------------------------------------------------------------------
# Field comparison: packet-json key -> function(TLayer) giving tshark's value
# (None: tshark does not show it).

def f(name, conv=num):
    return lambda t: conv(t.get(name)) if t.get(name) is not None else None


def first(*names):
    def g(t):
        for n in names:
            if t.get(n) is not None:
                return num(t.get(n))
        return None
    return g


def div4(name):
    return lambda t: num(t.get(name)) // 4 if t.get(name) is not None else None


def csum_status(name):
    return lambda t: {"1": True, "0": False}.get(t.get(name), "unverified") if t.get(name) is not None else None


def low8(name):
    return lambda t: num(t.get(name)) & 0xff if t.get(name) is not None else None


def sll_addr(t):
    for n in ("sll.src.eth", "sll.src.other", "sll.src.ipv4", "sll.src.unknown"):
        v = t.fields.get(n)
        if v:
            val = v[0].get("value")
            if val:
                return ":".join(val[i:i + 2] for i in range(0, len(val), 2)).lower()
    if t.get("sll.halen") == "0":
        return ""
    return None


def lower(name):
    return lambda t: t.get(name).lower() if t.get(name) is not None else None


FIELDS = {
    "eth": {"src": lower("eth.src"), "dst": lower("eth.dst"), "type": first("eth.type", "eth.len")},
    "vlan": {"pcp": first("vlan.priority", "ieee8021ad.priority"), "dei": first("vlan.dei", "ieee8021ad.dei"),
             "vid": first("vlan.id", "ieee8021ad.id"), "type": first("vlan.etype", "ieee8021ah.etype", "vlan.len")},
    "sll": {"pkttype": f("sll.pkttype"), "hatype": f("sll.hatype"), "addr": sll_addr,
            "type": first("sll.etype", "sll.ltype")},
    "sll2": {"pkttype": f("sll.pkttype"), "hatype": f("sll.hatype"), "addr": sll_addr,
             "type": first("sll.etype", "sll.ltype"), "ifindex": f("sll.ifindex")},
    "null": {"family": f("null.family")},
    "arp": {"htype": f("arp.hw.type"), "ptype": f("arp.proto.type"), "op": f("arp.opcode"),
            "sha": lower("arp.src.hw_mac"), "spa": f("arp.src.proto_ipv4", str),
            "tha": lower("arp.dst.hw_mac"), "tpa": f("arp.dst.proto_ipv4", str)},
    "ipv4": {"src": f("ip.src", str), "dst": f("ip.dst", str), "ihl": div4("ip.hdr_len"),
             "tos": f("ip.dsfield"), "len": f("ip.len"), "id": f("ip.id"), "df": f("ip.flags.df"),
             "mf": f("ip.flags.mf"), "frag": f("ip.frag_offset"), "ttl": f("ip.ttl"), "proto": f("ip.proto"),
             "csum": f("ip.checksum"), "csum_ok": csum_status("ip.checksum.status")},
    "ipv6": {"src": f("ipv6.src", str), "dst": f("ipv6.dst", str), "tc": f("ipv6.tclass"),
             "flow": f("ipv6.flow"), "plen": f("ipv6.plen"), "nh": f("ipv6.nxt"), "hlim": f("ipv6.hlim")},
    "ipv6.hop": {"nh": f("ipv6.hopopts.nxt"), "len": f("ipv6.hopopts.len_oct")},
    "ipv6.dst": {"nh": f("ipv6.dstopts.nxt"), "len": f("ipv6.dstopts.len_oct")},
    "ipv6.route": {"nh": f("ipv6.routing.nxt"), "len": f("ipv6.routing.len_oct")},
    "ipv6.frag": {"nh": f("ipv6.fraghdr.nxt"), "offset": f("ipv6.fraghdr.offset"),
                  "m": f("ipv6.fraghdr.more"), "id": f("ipv6.fraghdr.ident")},
    "tcp": {"sport": f("tcp.srcport"), "dport": f("tcp.dstport"), "seq": first("tcp.seq_raw", "tcp.seq"),
            "ack": first("tcp.ack_raw", "tcp.ack"), "doff": div4("tcp.hdr_len"), "flags": low8("tcp.flags"),
            "win": f("tcp.window_size_value"), "csum": f("tcp.checksum"),
            "csum_ok": csum_status("tcp.checksum.status"), "urp": f("tcp.urgent_pointer")},
    "udp": {"sport": f("udp.srcport"), "dport": f("udp.dstport"), "len": f("udp.length"),
            "csum": f("udp.checksum"), "csum_ok": csum_status("udp.checksum.status")},
    "icmp": {"type": f("icmp.type"), "code": f("icmp.code"), "csum": f("icmp.checksum"),
             "csum_ok": csum_status("icmp.checksum.status"), "id": f("icmp.ident"), "seq": f("icmp.seq")},
    "icmpv6": {"type": f("icmpv6.type"), "code": f("icmpv6.code"), "csum": f("icmpv6.checksum"),
               "csum_ok": csum_status("icmpv6.checksum.status"), "id": f("icmpv6.echo.identifier"),
               "seq": f("icmpv6.echo.sequence_number")},
}


def tcp_opts_tshark(t):
    out = []
    for o in t.opts:
        kind = num(o.find("field[@name='tcp.option_kind']").get("show"))
        ln = o.find("field[@name='tcp.option_len']")
        d = {"kind": kind}
        if ln is not None:
            d["len"] = num(ln.get("show"))
        for fe in o.iter("field"):
            n = fe.get("name")
            if n == "tcp.options.mss_val":
                d["mss"] = num(fe.get("show"))
            elif n == "tcp.options.wscale.shift":
                d["wscale"] = num(fe.get("show"))
            elif n == "tcp.options.timestamp.tsval":
                d["tsval"] = num(fe.get("show"))
            elif n == "tcp.options.timestamp.tsecr":
                d["tsecr"] = num(fe.get("show"))
            elif n == "tcp.options.sack_le":
                d.setdefault("sack_le", []).append(num(fe.get("show")))
            elif n == "tcp.options.sack_re":
                d.setdefault("sack_re", []).append(num(fe.get("show")))
        out.append(d)
    return out


def compare_tcp_opts(where, ropts, t, diffs, malformed):
    topts = tcp_opts_tshark(t)
    rk_kinds = [o["kind"] for o in ropts]
    ts_kinds = [o["kind"] for o in topts]
    if malformed and rk_kinds[:-1] == ts_kinds and ropts and "len" in ropts[-1]:
        diffs.append("%s: opts: rawkit lists the malformed option %s last, tshark leaves it out" % (
            where, ropts[-1]))
        ropts = ropts[:-1]
        rk_kinds = rk_kinds[:-1]
    if rk_kinds != ts_kinds[:len(rk_kinds)] or (len(ts_kinds) > len(rk_kinds) and rk_kinds and rk_kinds[-1] != 0):
        diffs.append("%s: opts kinds rawkit=%s tshark=%s" % (where, rk_kinds, ts_kinds))
        return
    for r, s in zip(ropts, topts):
        k = r["kind"]
        if "len" in r and "len" in s and r["len"] != s["len"]:
            diffs.append("%s: opt %d len rawkit=%s tshark=%s" % (where, k, r["len"], s["len"]))
        for key in ("mss", "wscale", "tsval", "tsecr"):
            if key in r and key in s and r[key] != s[key]:
                diffs.append("%s: opt %d %s rawkit=%s tshark=%s" % (where, k, key, r[key], s[key]))
            elif key in r and key not in s:
                diffs.append("%s: opt %d %s rawkit=%s, tshark shows none" % (where, k, key, r[key]))
        if "sack" in r:
            blocks = [list(b) for b in zip(s.get("sack_le", []), s.get("sack_re", []))]
            if [list(b) for b in r["sack"]] != blocks:
                diffs.append("%s: opt 5 sack rawkit=%s tshark=%s" % (where, r["sack"], blocks))
        if "len" in r and k in (2, 3, 5, 8) and not any(x in s for x in ("mss", "wscale", "tsval", "sack_le")) \
                and s.get("len") not in (None, r["len"]):
            diffs.append("%s: opt %d wrong-length form len=%s tshark len=%s" % (where, k, r["len"], s.get("len")))


def compare_layer(where, r, t, diffs, notes, malformed=False):
    name = r["layer"]
    for key, get in FIELDS.get(name, {}).items():
        if key not in r:
            continue
        tv = get(t)
        if tv is None:
            continue
        rv = r[key]
        notes["fields compared"] = notes.get("fields compared", 0) + 1
        if key == "csum_ok":
            if tv == "unverified":
                if rv is not None:
                    notes["rawkit verifies a checksum tshark leaves unverified"] = \
                        notes.get("rawkit verifies a checksum tshark leaves unverified", 0) + 1
                continue
            if rv is None:
                diffs.append("%s: csum_ok rawkit=None tshark=%s%s" % (
                    where, tv, " (rawkit's malformed layer)" if malformed else ""))
                continue
        if isinstance(rv, str) and isinstance(tv, str):
            rv, tv = rv.lower(), tv.lower()
        if rv != tv:
            diffs.append("%s: %s rawkit=%r tshark=%r" % (where, key, rv, tv))
    if name == "tcp" and "opts" in r:
        compare_tcp_opts(where, r["opts"], t, diffs, malformed)


def check_packet(fname, n, rk, tframe, tlayers, tstate, raw, linktype, diffs, notes):
    pfx = "%s #%d" % (fname, n)
    # frame
    if tframe.get("frame.cap_len") is not None and int(tframe["frame.cap_len"]) != rk["caplen"]:
        diffs.append("%s frame: caplen rawkit=%d tshark=%s" % (pfx, rk["caplen"], tframe["frame.cap_len"]))
    if tframe.get("frame.len") is not None and int(tframe["frame.len"]) != rk["len"]:
        diffs.append("%s frame: len rawkit=%d tshark=%s" % (pfx, rk["len"], tframe["frame.len"]))
    te = tframe.get("frame.time_epoch")
    if te:
        digits = len(rk["ts"].split(".")[1]) if "." in rk["ts"] else 0
        sec, _, frac = te.partition(".")
        want = sec + ("." + (frac + "0" * 9)[:digits] if digits else "")
        if want != rk["ts"]:
            diffs.append("%s frame: ts rawkit=%s tshark=%s" % (pfx, rk["ts"], te))
    if linktype is not None and LINKTYPES.get(linktype) and rk["linktype"] != LINKTYPES[linktype]:
        diffs.append("%s frame: linktype rawkit=%s file=%d" % (pfx, rk["linktype"], linktype))

    rl = [l for l in rk["layers"] if l["layer"] != "payload"]
    payload = [l for l in rk["layers"] if l["layer"] == "payload"]
    tl = [t for t in tlayers if t.name]
    others = [t.proto for t in tlayers if not t.name]
    if linktype == 276:
        for t in tl:
            if t.name == "sll":
                t.name = "sll2"

    for i, r in enumerate(rl):
        where = "%s %s%s" % (pfx, r["layer"], " inner" if r.get("inner") else "")
        if i >= len(tl):
            if r.get("truncated"):
                diffs.append("layers: tshark has no layer for rawkit's truncated %s%s (%s)" % (
                    "inner " if r.get("inner") else "", r["layer"], pfx))
            elif rk.get("error") and i == len(rl) - 1:
                diffs.append("layers: tshark has no layer for rawkit's malformed %s (%s: %s)" % (
                    r["layer"], pfx, rk["error"]))
            else:
                diffs.append("%s: tshark has no layer here (tshark: %s)" % (where, [x.proto for x in tlayers]))
            break
        t = tl[i]
        if t.name != r["layer"] or bool(t.inner) != bool(r.get("inner")):
            diffs.append("%s: layer %d is tshark's %s%s (rawkit: %s; tshark: %s)" % (
                where, i + 1, t.proto, " inner" if t.inner else "", [l["layer"] for l in rl],
                [x.proto for x in tlayers]))
            break
        bad = bool(rk.get("error")) and i == len(rl) - 1 and rk["error"].split(":")[0] == r["layer"]
        compare_layer(where, r, t, diffs, notes, bad)
        if r["layer"] == "ipv4" and "opts" in r and raw is not None:
            want = raw[t.pos + 20:t.pos + 4 * r["ihl"]].hex()
            if r["opts"] != want:
                diffs.append("%s: opts rawkit=%s frame bytes=%s" % (where, r["opts"], want))
    else:
        if len(tl) > len(rl):
            last = rl[-1] if rl else None
            extra = [x.proto for x in tl[len(rl):]]
            if payload:
                diffs.append("layers: tshark decodes past rawkit's payload: %s then %s (%s)" % (
                    others or "-", extra, pfx))
            elif last and last.get("inner") and last["layer"] in ("icmp", "icmpv6"):
                diffs.append("layers: tshark decodes the quotation of a quoted ICMP%s error (%s: %s)" % (
                    "v6" if last["layer"] == "icmpv6" else "", pfx, extra))
            elif last and (last.get("truncated") or rk.get("error")):
                diffs.append("layers: tshark decodes past rawkit's %s %s: %s (%s)" % (
                    "truncated" if last.get("truncated") else "malformed", last["layer"], extra, pfx))
            else:
                diffs.append("%s: tshark has more layers: %s (rawkit: %s)" % (
                    pfx, extra, [l["layer"] for l in rl]))
    # payload lengths against tshark's transport lengths
    if payload and rl and len(tl) >= len(rl):
        last, t, p = rl[-1], tl[len(rl) - 1], payload[0]
        if last["layer"] == "tcp" and t.get("tcp.len") is not None and not t.get("tcp.hdr_len") is None:
            if num(t.get("tcp.len")) != p["len"]:
                diffs.append("%s payload: len rawkit=%d tshark tcp.len=%s" % (pfx, p["len"], t.get("tcp.len")))
        if last["layer"] == "udp" and "len" in last and 8 <= last["len"]:
            if last["len"] - 8 != p["len"]:
                diffs.append("%s payload: len rawkit=%d, udp.len - 8 = %d" % (pfx, p["len"], last["len"] - 8))
        if p["caplen"] > p["len"]:
            diffs.append("%s payload: caplen %d > len %d" % (pfx, p["caplen"], p["len"]))
    # errors: rawkit's malformed verdicts need a complaint from tshark too
    if rk.get("error"):
        complaints = [m for sev, m in tstate["expert"]
                      if sev >= 0x00600000 or COMPLAINT.search(m or "")]  # warning, error, or says so
        if not complaints and not tstate["malformed"]:
            diffs.append("%s: rawkit error %r, tshark reports nothing wrong" % (pfx, rk["error"]))
    elif tstate["malformed"] and not any(l.get("truncated") for l in rl):
        diffs.append("%s: tshark marks the packet malformed, rawkit has no error" % pfx)


def explained(fname, n, msg, table=None):
    for i, (g, pkt, rx, _reason) in enumerate(EXPLAINED if table is None else table):
        if fnmatch.fnmatch(fname, g) and (pkt is None or pkt == n) and re.search(rx, msg):
            return i
    return None


def packet_no(msg):
    m = re.search(r"#(\d+)", msg)
    return int(m.group(1)) if m else None


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    here = os.path.dirname(os.path.abspath(__file__))
    top = os.path.dirname(os.path.dirname(here))
    ap.add_argument("--sniff", default=os.environ.get("RK_SNIFF", os.path.join(top, "build/tools/sniff/rk-sniff")))
    ap.add_argument("--captures", default=os.path.join(top, "captures"))
    ap.add_argument("--tshark", default=shutil.which("tshark"))
    ap.add_argument("-v", "--verbose", action="store_true", help="also print explained differences")
    ap.add_argument("files", nargs="*")
    a = ap.parse_args()
    if not a.tshark:
        print("tshark_check: tshark not installed, skipping")
        return 77
    if not os.access(a.sniff, os.X_OK):
        print("tshark_check: rk-sniff not found at %s" % a.sniff, file=sys.stderr)
        return 2
    files = a.files or sorted(glob.glob(os.path.join(a.captures, "**", "*.pcap"), recursive=True) +
                              glob.glob(os.path.join(a.captures, "**", "*.pcapng"), recursive=True))
    failures, used, notes, total, bugs = [], {}, {}, 0, {}
    for path in files:
        fname = os.path.basename(path)
        rk_out = subprocess.run([a.sniff, "--json", "-r", path], capture_output=True, text=True,
                                env=dict(os.environ, TZ="UTC"))
        if rk_out.returncode != 0:
            failures.append("%s: rk-sniff exited %d: %s" % (fname, rk_out.returncode, rk_out.stderr.strip()))
            continue
        rk = [json.loads(l) for l in rk_out.stdout.splitlines() if l.strip()]
        pc = read_pcap(path)
        linktype, raws = (pc[0], [p[4] for p in pc[2]]) if pc else (None, [])
        diffs = []
        count = 0
        try:
            for i, (tframe, tlayers, tstate) in enumerate(tshark_packets(a.tshark, path)):
                count += 1
                if i >= len(rk):
                    diffs.append("%s #%d: rk-sniff printed no frame" % (fname, i + 1))
                    continue
                check_packet(fname, i + 1, rk[i], tframe, tlayers, tstate, raws[i] if i < len(raws) else None,
                             linktype, diffs, notes)
        except (RuntimeError, ET.ParseError) as e:
            failures.append("%s: %s" % (fname, e))
            continue
        if count != len(rk):
            diffs.append("%s: tshark read %d frames, rk-sniff printed %d" % (fname, count, len(rk)))
        total += count
        bad = 0
        for d in diffs:
            k = explained(fname, packet_no(d), d)
            kb = explained(fname, packet_no(d), d, KNOWN_BUGS) if k is None else None
            if kb is not None:
                bugs[kb] = bugs.get(kb, 0) + 1
                print("  KNOWN BUG: %s" % d)
                continue
            if k is None:
                failures.append(d)
                bad += 1
            else:
                used[k] = used.get(k, 0) + 1
                if a.verbose:
                    print("  explained: %s" % d)
        print("%-24s %5d packets  %s" % (fname, count, "ok" if not bad else "%d disagreements" % bad))
    for d in failures:
        print("DISAGREE " + d)
    print("\nexplained differences used:")
    for k, (g, pkt, rx, reason) in enumerate(EXPLAINED):
        print("  %4d x  %s" % (used.get(k, 0), reason))
    for k, v in sorted(notes.items()):
        if k != "fields compared":
            print("  note: %d x %s" % (v, k))
    for k, (g, pkt, rx, reason) in enumerate(KNOWN_BUGS):
        if k in bugs:
            print("  KNOWN RAWKIT BUG, %s #%s: %s" % (g, pkt, reason))
        elif not a.files:
            print("  known bug no longer seen (remove it from KNOWN_BUGS): %s #%s" % (g, pkt))
    stale = [EXPLAINED[k] for k in range(len(EXPLAINED)) if k not in used and EXPLAINED[k][0] != "*"]
    for s in stale:
        print("  stale explanation (matched nothing): %s #%s %s" % (s[0], s[1], s[2]))
    print("tshark_check: %d packets in %d files, %d fields compared, %d disagreements, %d known rawkit bugs" % (
        total, len(files), notes.get("fields compared", 0), len(failures), sum(bugs.values())))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
