#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-2-Clause
# cli.sh - rk-craft without privileges or network: printing (text, JSON,
# hex, spec), ranges and -c, -w pcap files (link types; bytes against
# scapy's when scapy is installed), --from-pcap --show-spec round trips over
# every fixture in captures/, and bad input: exit 2 with "rk-craft: ..." on
# stderr and nothing on stdout. Usage: cli.sh RK_CRAFT CAPTURES_DIR
set -u
# Nothing here may reach a network: as root, run in a new, empty network
# namespace (only a loopback, down), so even a regression that sent
# something would send it nowhere.
if [ "$(id -u)" -eq 0 ] && [ -z "${RK_CRAFT_CLI_ISOLATED:-}" ] && command -v unshare >/dev/null 2>&1 &&
	unshare -n true 2>/dev/null; then
	RK_CRAFT_CLI_ISOLATED=1 exec unshare -n bash "$0" "$@"
fi
craft=${1:?usage: cli.sh RK_CRAFT CAPTURES_DIR}
captures=${2:?usage: cli.sh RK_CRAFT CAPTURES_DIR}
here=$(cd "$(dirname "$0")" && pwd)
py=/usr/bin/python3
[ -x "$py" ] || py=python3
tmp=$(mktemp -d "${TMPDIR:-/tmp}/rk-craft-cli.XXXXXX") || exit 1
trap 'rm -rf -- "$tmp"' EXIT
failures=0

fail() {
	echo "FAIL: $*" >&2
	failures=$((failures + 1))
}

# expect_out WANT ARGS...: exit 0 and stdout exactly WANT.
expect_out() {
	local want=$1 got rc
	shift
	got=$("$craft" "$@" 2>"$tmp/err")
	rc=$?
	[ "$rc" -eq 0 ] || { fail "rk-craft $* exited $rc: $(cat "$tmp/err")"; return; }
	[ "$got" = "$want" ] || fail "rk-craft $*
  got:  $got
  want: $want"
}

# expect_err WANT_STDERR ARGS...: exit 2, stderr exactly WANT (first line), no stdout.
expect_err() {
	local want=$1 rc
	shift
	"$craft" "$@" >"$tmp/out" 2>"$tmp/err"
	rc=$?
	[ "$rc" -eq 2 ] || fail "rk-craft $* exited $rc, expected 2"
	[ -s "$tmp/out" ] && fail "rk-craft $* printed on stdout: $(cat "$tmp/out")"
	[ "$(head -n 1 "$tmp/err")" = "$want" ] || fail "rk-craft $*
  stderr: $(cat "$tmp/err")
  want:   $want"
}

# --- help and version
"$craft" --help >"$tmp/out" 2>&1 && grep -q '^Usage: rk-craft' "$tmp/out" || fail "--help"
"$craft" --version >"$tmp/out" 2>&1 && grep -q 'rawkit' "$tmp/out" && grep -q 'libpcap' "$tmp/out" ||
	fail "--version"

# --- printing
expect_out 'IP 198.18.0.1.40000 > 198.18.0.2.80: Flags [S], seq 1, win 64240, length 0' \
	'ipv4(src=198.18.0.1,dst=198.18.0.2,id=1)/tcp(sport=40000,dport=80,seq=1)'
expect_out 'IP6 2001:2::1 > 2001:2::2: ICMP6, echo request, id 7, seq 1, length 8' \
	'ipv6(src=2001:2::1,dst=2001:2::2)/icmpv6(id=7,seq=1)'
expect_out 'ipv4(src=198.18.0.1,dst=198.18.0.2,id=1,ttl=5)/tcp(sport=40000,dport=80,seq=1,flags=S,opts=[mss:1460,sackok,ts:1:0,nop,wscale:7])/"GET / HTTP/1.0\r\n\r\n"' \
	--show-spec 'ipv4(src=198.18.0.1,dst=198.18.0.2,ttl=5,id=1)/tcp(sport=40000,dport=80,seq=1,flags=S,opts=[mss:1460,sackok,ts:1:0,nop,wscale:7])/"GET / HTTP/1.0\r\n\r\n"'
# the same seed gives the same random defaults
a=$("$craft" --seed 7 --show-spec 'ipv4(dst=198.18.0.2)/udp')
b=$("$craft" --seed 7 --show-spec 'ipv4(dst=198.18.0.2)/udp')
[ -n "$a" ] && [ "$a" = "$b" ] || fail "--seed 7 twice: '$a' and '$b'"
# ranges and -c
n=$("$craft" 'ipv4(src=198.18.0.1,dst=198.18.0.2,ttl=1-3)/udp(sport=1,dport=33434-33435)' | wc -l)
[ "$n" -eq 6 ] || fail "ttl=1-3 x dport=33434-33435: $n lines, expected 6"
n=$("$craft" -c 4 'ipv4(src=198.18.0.1,dst=198.18.0.2,ttl=1-3)/udp' | wc -l)
[ "$n" -eq 12 ] || fail "-c 4 x ttl=1-3: $n lines, expected 12"
# JSON: one valid object per packet, with packet-json's layers
"$craft" --json 'eth(src=02:72:6b:00:00:0a)/vlan(vid=10)/arp(op=1,spa=198.18.0.1,tpa=198.18.0.2)' >"$tmp/json" ||
	fail "--json exited $?"
"$py" - "$tmp/json" <<'PY' || fail "--json output"
import json, sys
lines = open(sys.argv[1]).read().splitlines()
assert len(lines) == 1, lines
o = json.loads(lines[0])
assert [l["layer"] for l in o["layers"]] == ["eth", "vlan", "arp"], o
assert o["layers"][0]["dst"] == "ff:ff:ff:ff:ff:ff" and o["layers"][1]["vid"] == 10, o
assert o["layers"][2]["tpa"] == "198.18.0.2" and o["linktype"] == "EN10MB", o
PY
# -X: the line, then the bytes
"$craft" -X 'ipv4(src=198.18.0.1,dst=198.18.0.2,id=1)/udp(sport=1,dport=2)/"hello"' >"$tmp/hex" || fail "-X"
grep -q '^	0x0000:  4500 0021 0001 0000 4011' "$tmp/hex" && grep -q 'hell' "$tmp/hex" || fail "-X: $(cat "$tmp/hex")"

# --- -w: link types, and the bytes scapy builds for the same packets
"$craft" -w "$tmp/ip.pcap" 'ipv4(src=198.18.0.1,dst=198.18.0.2,id=1,ttl=5)/tcp(sport=40000,dport=80,seq=1,opts=[mss:1460,sackok,ts:1:0,nop,wscale:7])/"GET / HTTP/1.0\r\n\r\n"' ||
	fail "-w ip.pcap"
"$craft" -w "$tmp/eth.pcap" -c 2 'eth(src=02:00:00:00:00:01,dst=02:00:00:00:00:02)/vlan(vid=10)/arp(op=1,sha=02:00:00:00:00:01,spa=198.18.0.1,tpa=198.18.0.2)' ||
	fail "-w eth.pcap"
"$craft" -w "$tmp/ip6.pcap" 'ipv6(src=2001:db8::2,dst=2001:db8::1)/icmpv6(type=128,id=1,seq=1)' || fail "-w ip6.pcap"
"$py" "$here/pcaputil.py" frames "$tmp/ip.pcap" >"$tmp/ip.frames"
"$py" "$here/pcaputil.py" frames "$tmp/eth.pcap" >"$tmp/eth.frames"
[ "$(sed -n 1p "$tmp/ip.frames")" = 101 ] || fail "ip.pcap is not LINKTYPE_RAW"
[ "$(sed -n 1p "$tmp/eth.frames")" = 1 ] || fail "eth.pcap is not EN10MB"
[ "$(wc -l <"$tmp/eth.frames")" -eq 3 ] || fail "eth.pcap: -c 2 did not write 2 frames"
if "$py" -c 'import scapy' 2>/dev/null; then
	"$py" - "$here/pcaputil.py" "$tmp" <<'PY' || fail "-w bytes differ from scapy's"
import sys, importlib.util, logging
logging.getLogger("scapy.runtime").setLevel(logging.ERROR)
from scapy.all import IP, TCP, Ether, Dot1Q, ARP, IPv6, ICMPv6EchoRequest
spec = importlib.util.spec_from_file_location("pcaputil", sys.argv[1])
pu = importlib.util.module_from_spec(spec); spec.loader.exec_module(pu)
tmp = sys.argv[2]
want = {
    "ip": IP(src="198.18.0.1", dst="198.18.0.2", id=1, ttl=5) / TCP(sport=40000, dport=80, seq=1,
          flags="S", window=64240, options=[("MSS", 1460), ("SAckOK", b""), ("Timestamp", (1, 0)),
          ("NOP", None), ("WScale", 7)]) / b"GET / HTTP/1.0\r\n\r\n",
    "eth": Ether(dst="02:00:00:00:00:02", src="02:00:00:00:00:01") / Dot1Q(vlan=10) / ARP(op=1,
           hwsrc="02:00:00:00:00:01", psrc="198.18.0.1", hwdst="00:00:00:00:00:00", pdst="198.18.0.2"),
    "ip6": IPv6(src="2001:db8::2", dst="2001:db8::1") / ICMPv6EchoRequest(id=1, seq=1),
}
for name, pkt in want.items():
    _, frames = pu.read_pcap(f"{tmp}/{name}.pcap")
    assert frames[0] == bytes(pkt), (name, frames[0].hex(), bytes(pkt).hex())
PY
else
	echo "note: scapy not importable, its byte comparison skipped"
fi

# --- --from-pcap: every fixture printed as specs that build back to its frames
"$py" "$here/pcaputil.py" roundtrip "$craft" 60 "$captures"/*.pcap || fail "--from-pcap --show-spec round trip"
n=$("$craft" --from-pcap "$tmp/eth.pcap" | wc -l)
[ "$n" -eq 2 ] || fail "--from-pcap eth.pcap: $n lines"
"$craft" --from-pcap "$tmp/eth.pcap" --json | "$py" -c 'import sys, json; [json.loads(l) for l in sys.stdin]' ||
	fail "--from-pcap --json"

# --- bad input: exit 2, a message naming the problem, nothing on stdout
expect_err "rk-craft: spec:1:26: unknown field 'dprot' in tcp (did you mean 'dport'?)" \
	'ipv4(dst=198.18.0.2)/tcp(dprot=80)'
expect_err "rk-craft: spec:1:26: unknown field 'dprot' in tcp (did you mean 'dport'?)" \
	--send 'ipv4(dst=198.18.0.2)/tcp(dprot=80)'
expect_err "rk-craft: spec:2:9: value 300 out of range for ttl in ipv4 (0-255)" $'ipv4(dst=198.18.0.2,\n    ttl=300)'
expect_err "rk-craft: spec:1:1: unknown layer 'tpc' (did you mean 'tcp'?)" --send 'tpc'
expect_err "rk-craft: unknown interface 'rknosuch0'" -i rknosuch0 --send 'ipv4(dst=198.18.0.2)/icmp'
expect_err "rk-craft: -c: 'ten' is not a number" -c ten --send 'ipv4(dst=198.18.0.2)/icmp'
expect_err "rk-craft: -c: '0' is too small (minimum 1)" -c 0 'ipv4'
expect_err "rk-craft: --rate: '0' is too small (minimum 1)" --rate 0 --send 'ipv4'
expect_err "rk-craft: --interval: 'soon' is not a number of seconds" --interval soon --send 'ipv4'
expect_err "rk-craft: --timeout: '-1' is negative" --timeout -1 --reply 'ipv4'
expect_err "rk-craft: --seed: 'x' is not a number" --seed x 'ipv4'
expect_err "rk-craft: no SPEC given"
expect_err "rk-craft: one SPEC only (quote it: 'ipv4 ...')" ipv4 tcp
expect_err "rk-craft: unknown option --bogus" --bogus ipv4
expect_err "rk-craft: a spec starting with eth is sent at layer 2: give -i IFACE" --send 'eth/ipv4(dst=198.18.0.2)'
expect_err "rk-craft: a spec starting with sll cannot be sent (sll, sll2, null and loop are capture headers): start with ipv4, ipv6 or eth" \
	--send 'sll/ipv4(dst=198.18.0.2)'
expect_err "rk-craft: a spec starting with udp cannot be sent: start with ipv4, ipv6 or eth" --send 'udp(dport=9)'
expect_err "rk-craft: a spec starting with a payload cannot be sent: start with ipv4, ipv6 or eth" --send 'hex:4500'
expect_err "rk-craft: not an IP packet: give ipv4 or ipv6 a version of 4 or 6 to send it" --send 'ipv4(version=5,dst=198.18.0.2)'
expect_err "rk-craft: --from-pcap reads packets from a file: no SPEC as well" --from-pcap "$tmp/ip.pcap" ipv4
expect_err "rk-craft: --json and --show-spec cannot be combined" --json --show-spec ipv4
"$py" "$here/pcaputil.py" write "$tmp/user0.pcap" 147 00010203
expect_err "rk-craft: $tmp/user0.pcap: link type 147 (unknown) is not supported" --from-pcap "$tmp/user0.pcap"
"$craft" --from-pcap "$tmp/nosuch.pcap" >/dev/null 2>&1
[ $? -eq 2 ] || fail "--from-pcap of a missing file: not exit 2"

if [ "$failures" -ne 0 ]; then
	echo "FAIL: $failures checks failed" >&2
	exit 1
fi
echo "PASS: rk-craft cli"
