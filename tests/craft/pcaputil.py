#!/usr/bin/python3
# SPDX-License-Identifier: BSD-2-Clause
"""pcaputil.py - what rk-craft's tests need from pcap files, in plain Python
(no scapy, no libpcap): read classic pcap (any byte order, micro or nano),
write one with a chosen link type, and the --show-spec round trip through
the tool itself.

  pcaputil.py frames FILE            linktype, then one hex line per frame
  pcaputil.py write FILE LINKTYPE HEX...   a pcap with those frames
  pcaputil.py roundtrip RK_CRAFT MAX FILE...
        for each file: rk-craft --from-pcap FILE --show-spec, then each printed
        spec (the first MAX) built again with rk-craft -w; the frame bytes and
        link type must come back. Prints a summary; exit 1 on a mismatch.
"""
import os
import struct
import subprocess
import sys
import tempfile

RAW_TYPES = {12: 101, 101: 101, 228: 101, 229: 101}  # DLT_RAW, LINKTYPE_RAW, IPV4, IPV6
LINK_HDR = {1: 14, 113: 16, 276: 20, 0: 4, 108: 4}  # EN10MB, LINUX_SLL, LINUX_SLL2, NULL, LOOP


def read_pcap(path):
    with open(path, "rb") as f:
        data = f.read()
    if len(data) < 24:
        raise ValueError("not a pcap file")
    magic = data[:4]
    if magic in (b"\xd4\xc3\xb2\xa1", b"\x4d\x3c\xb2\xa1"):
        e = "<"
    elif magic in (b"\xa1\xb2\xc3\xd4", b"\xa1\xb2\x3c\x4d"):
        e = ">"
    else:
        raise ValueError("not a classic pcap file")
    linktype = struct.unpack(e + "I", data[20:24])[0] & 0x0FFFFFFF
    frames, off = [], 24
    while off + 16 <= len(data):
        _, _, caplen, _ = struct.unpack(e + "IIII", data[off:off + 16])
        off += 16
        frames.append(data[off:off + caplen])
        off += caplen
    return linktype, frames


def write_pcap(path, linktype, frames):
    with open(path, "wb") as f:
        f.write(struct.pack("<IHHiIII", 0xA1B2C3D4, 2, 4, 0, 0, 262144, linktype))
        for i, fr in enumerate(frames):
            f.write(struct.pack("<IIII", 1700000000 + i, 0, len(fr), len(fr)))
            f.write(fr)


def roundtrip(craft, limit, paths):
    bad = checked = 0
    with tempfile.TemporaryDirectory() as tmp:
        out = os.path.join(tmp, "one.pcap")
        for path in paths:
            try:
                linktype, frames = read_pcap(path)
            except ValueError:
                continue  # pcapng and the like: libpcap reads them, this script does not
            res = subprocess.run([craft, "--from-pcap", path, "--show-spec"],
                                 capture_output=True, text=True, check=False)
            if res.returncode != 0:
                if "is not supported" in res.stderr:
                    continue
                print(f"FAIL {path}: --show-spec exited {res.returncode}: {res.stderr.strip()}")
                bad += 1
                continue
            specs = res.stdout.splitlines()
            if len(specs) != len(frames):
                print(f"FAIL {path}: {len(specs)} specs for {len(frames)} frames")
                bad += 1
                continue
            for i, (spec, frame) in enumerate(zip(specs[:limit], frames)):
                r = subprocess.run([craft, "-w", out, spec], capture_output=True, text=True, check=False)
                if r.returncode != 0:
                    print(f"FAIL {path} frame {i + 1}: {spec}\n  {r.stderr.strip()}")
                    bad += 1
                    continue
                lt, built = read_pcap(out)
                want_lt = RAW_TYPES.get(linktype, linktype)
                short = len(frame) < LINK_HDR.get(linktype, 0)
                if short and spec.startswith(("hex:", "zero:")):
                    checked += 1  # a link header cut short has no spec form but its bytes
                    if built != [frame]:
                        print(f"FAIL {path} frame {i + 1}: {spec} does not give its bytes back")
                        bad += 1
                    continue
                if spec.startswith("hex:") and linktype != 101:
                    print(f"FAIL {path} frame {i + 1}: printed as bare bytes: {spec[:80]}")
                    bad += 1
                elif len(built) != 1 or built[0] != frame or RAW_TYPES.get(lt, lt) != want_lt:
                    print(f"FAIL {path} frame {i + 1}: {spec}\n  built {built[0].hex() if built else '-'}"
                          f" (link {lt})\n  frame {frame.hex()} (link {linktype})")
                    bad += 1
                checked += 1
    print(f"{checked} frames of {len(paths)} files built back from their specs, {bad} failures")
    return 1 if bad else 0


def main():
    cmd = sys.argv[1] if len(sys.argv) > 1 else ""
    if cmd == "frames":
        linktype, frames = read_pcap(sys.argv[2])
        print(linktype)
        for fr in frames:
            print(fr.hex())
        return 0
    if cmd == "write":
        write_pcap(sys.argv[2], int(sys.argv[3]), [bytes.fromhex(h) for h in sys.argv[4:]])
        return 0
    if cmd == "roundtrip":
        return roundtrip(sys.argv[2], int(sys.argv[3]), sys.argv[4:])
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main())
