#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-2-Clause
# live.sh - rk-craft sending on the private test network (tests/netns/netns.sh:
# namespaces and veth pairs, 198.18.0.0/15 and 2001:2::/48 only, torn down
# on any exit). Checks, from namespace A:
#   --reply to an open TCP port in B prints B's SYN-ACK; to a closed one, the RST;
#   --reply to an ICMPv6 echo request prints the echo reply;
#   an eth spec sent at layer 2 on -i gets its echo reply, an ARP request its reply;
#   ttl=1-3 --reply through router R prints R's time exceeded, then B's
#   port unreachable (a traceroute);
#   bad input (malformed spec, unknown interface, bad numbers, an eth spec
#   without -i) exits 2 and sends nothing: a capture in B sees only the
#   valid marker packets sent afterwards, -c 3 --interval 0.1 of them.
# Every command is bounded (NETNS_TIMEOUT); every send is a handful of
# packets. Usage: live.sh RK_CRAFT
set -u
# shellcheck source=SCRIPTDIR/../netns/netns.sh
. "$(dirname "$0")/../netns/netns.sh"
craft=${1:?usage: live.sh RK_CRAFT}
here=$(cd "$(dirname "$0")" && pwd)
py=/usr/bin/python3
[ -x "$py" ] || py=python3
[ -x "$craft" ] || fail "$craft is missing: build it first"
command -v tcpdump >/dev/null 2>&1 || skip "needs tcpdump for the capture in the peer namespace"
netns_require
NETNS_TIMEOUT=10

# ---- two namespaces: A <-> B
netns_setup2
netns_tmpdir
T=$NETNS_TMP

# An open TCP port in B (8080); 8081 stays closed.
netns_bg "$NS_B" "$T/listen.out" "$py" -c '
import socket, sys, time
s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
s.bind((sys.argv[1], 8080)); s.listen(8)
print("ready", flush=True)
time.sleep(30)' "$IP4_B"
netns_wait_file "$T/listen.out" ready 5 || fail "listener in B did not start: $(cat "$T/listen.out")"

run() { # run NAME ARGS...: rk-craft in A, stdout to $T/NAME.out, stderr to $T/NAME.err
	local name=$1
	shift
	netns_exec "$NS_A" "$craft" "$@" >"$T/$name.out" 2>"$T/$name.err"
}

run synack --reply --timeout 3 "ipv4(dst=$IP4_B)/tcp(dport=8080,flags=S)"
rc=$?
[ "$rc" -eq 2 ] && grep -q 'CAP_NET_RAW\|not permitted' "$T/synack.err" && skip "no raw sockets: $(cat "$T/synack.err")"
[ "$rc" -eq 0 ] || fail "open port: exit $rc: $(cat "$T/synack.out" "$T/synack.err")"
grep -q "^IP $IP4_B.8080 > $IP4_A\.[0-9]*: Flags \[S\.\], .* rtt [0-9.]* ms$" "$T/synack.out" ||
	fail "open port: no SYN-ACK printed: $(cat "$T/synack.out" "$T/synack.err")"
echo "open port:   $(cat "$T/synack.out")"

run rst --reply --timeout 3 "ipv4(dst=$IP4_B)/tcp(dport=8081,flags=S)"
rc=$?
[ "$rc" -eq 0 ] || fail "closed port: exit $rc: $(cat "$T/rst.out" "$T/rst.err")"
grep -q "^IP $IP4_B.8081 > $IP4_A\.[0-9]*: Flags \[R\.\], .* rtt [0-9.]* ms$" "$T/rst.out" ||
	fail "closed port: no RST printed: $(cat "$T/rst.out" "$T/rst.err")"
echo "closed port: $(cat "$T/rst.out")"

run echo6 --reply --timeout 3 "ipv6(dst=$IP6_B)/icmpv6(type=128,id=7,seq=1)/\"rawkit\""
rc=$?
[ "$rc" -eq 0 ] || fail "ICMPv6 echo: exit $rc: $(cat "$T/echo6.out" "$T/echo6.err")"
grep -q "^IP6 $IP6_B > $IP6_A: ICMP6, echo reply, id 7, seq 1, .* rtt" "$T/echo6.out" ||
	fail "ICMPv6 echo: no reply printed: $(cat "$T/echo6.out" "$T/echo6.err")"
echo "echo6:       $(cat "$T/echo6.out")"

run echo2 --reply --timeout 3 -i "$IF_A" --json "eth(dst=$MAC_B)/ipv4(dst=$IP4_B)/icmp(id=9,seq=1)"
rc=$?
[ "$rc" -eq 0 ] || fail "layer 2 echo: exit $rc: $(cat "$T/echo2.out" "$T/echo2.err")"
"$py" - "$T/echo2.out" "$IP4_B" "$IP4_A" <<'PY' || fail "layer 2 echo: $(cat "$T/echo2.out" "$T/echo2.err")"
import json, sys
o = json.loads(open(sys.argv[1]).read())
ip = [l for l in o["layers"] if l["layer"] == "ipv4"][0]
icmp = [l for l in o["layers"] if l["layer"] == "icmp"][0]
assert ip["src"] == sys.argv[2] and ip["dst"] == sys.argv[3], o
assert icmp["type"] == 0 and icmp["id"] == 9 and icmp["seq"] == 1, o
assert o["rtt_ms"] >= 0, o
PY
echo "echo (L2):   rtt_ms $("$py" -c 'import json,sys; print(json.load(open(sys.argv[1]))["rtt_ms"])' "$T/echo2.out")"

run arp --reply --timeout 3 -i "$IF_A" "eth/arp(tpa=$IP4_B)"
rc=$?
[ "$rc" -eq 0 ] || fail "ARP: exit $rc: $(cat "$T/arp.out" "$T/arp.err")"
grep -q "^ARP, Reply $IP4_B is-at $MAC_B, length 28 rtt" "$T/arp.out" ||
	fail "ARP: no reply printed: $(cat "$T/arp.out" "$T/arp.err")"
echo "arp (L2):    $(cat "$T/arp.out")"

# Bad input sends nothing: capture everything A sends to B's IP addresses.
netns_bg "$NS_B" "$T/tcpdump.err" tcpdump -i "$IF_B" -n -U -w "$T/bad.pcap" \
	"(ip and src host $IP4_A) or (ip6 and src host $IP6_A and not icmp6)"
cap=$NETNS_LAST_PID
netns_wait_file "$T/tcpdump.err" "listening on" 5 || fail "tcpdump in B did not start: $(cat "$T/tcpdump.err")"

bad() { # bad WANT ARGS...: exit 2, WANT in the message
	local want=$1
	shift
	run bad "$@"
	local rc=$?
	[ "$rc" -eq 2 ] || fail "rk-craft $* exited $rc, expected 2: $(cat "$T/bad.err")"
	grep -q "^rk-craft: .*$want" "$T/bad.err" || fail "rk-craft $*: message '$(cat "$T/bad.err")' lacks '$want'"
	[ -s "$T/bad.out" ] && fail "rk-craft $* printed: $(cat "$T/bad.out")"
	echo "refused:     $(head -n 1 "$T/bad.err")"
}
bad "spec:1:26: unknown field 'dprot' in tcp (did you mean 'dport'?)" --send "ipv4(dst=$IP4_B)/tcp(dprot=8080)"
bad "spec:1:10: bad IPv4 address" --reply "ipv4(dst=198.18.0.999)/icmp"
bad "unknown interface 'rknosuch0'" --send -i rknosuch0 "ipv4(dst=$IP4_B)/udp(dport=9)"
bad "unknown interface 'rknosuch0'" --send -i rknosuch0 "eth/ipv4(dst=$IP4_B)/udp(dport=9)"
bad "-c: 'x' is not a number" --send -c x "ipv4(dst=$IP4_B)/udp(dport=9)"
bad "--rate: '0' is too small" --send --rate 0 "ipv4(dst=$IP4_B)/udp(dport=9)"
bad "--interval: '1s' is not a number of seconds" --send --interval 1s "ipv4(dst=$IP4_B)/udp(dport=9)"
bad "give -i IFACE" --send "eth(dst=$MAC_B)/ipv4(dst=$IP4_B)/udp(dport=9)"
bad "cannot be sent" --send "sll/ipv4(dst=$IP4_B)/udp(dport=9)"

# Then the markers: three, paced.
start=$(date +%s%N)
run marker --send -q -c 3 --interval 0.1 "ipv4(dst=$IP4_B)/udp(dport=9)/\"marker\""
rc=$?
elapsed_ms=$((($(date +%s%N) - start) / 1000000))
[ "$rc" -eq 0 ] || fail "markers: exit $rc: $(cat "$T/marker.err")"
[ "$elapsed_ms" -ge 200 ] || fail "-c 3 --interval 0.1 took ${elapsed_ms} ms, expected >= 200"
grep -q "3 packets sent" "$T/marker.err" || fail "markers: $(cat "$T/marker.err")"
# tcpdump may lag behind on a busy host: wait for the markers to be written.
for ((i = 0; i < 50; i++)); do
	"$py" "$here/pcaputil.py" frames "$T/bad.pcap" >"$T/bad.frames" 2>/dev/null &&
		[ "$(wc -l <"$T/bad.frames")" -ge 4 ] && break
	sleep 0.1
done
sleep 0.3
kill -TERM "$cap" 2>/dev/null
netns_wait "$cap" || true
"$py" "$here/pcaputil.py" frames "$T/bad.pcap" >"$T/bad.frames" || fail "reading the capture in B"
frames=$(($(wc -l <"$T/bad.frames") - 1))
markers=$(grep -c "$(printf marker | od -An -tx1 | tr -d ' \n')" "$T/bad.frames")
[ "$frames" -eq 3 ] && [ "$markers" -eq 3 ] ||
	fail "B captured $frames frames ($markers markers); bad input must send nothing
  tcpdump: $(cat "$T/tcpdump.err")
  markers: $(cat "$T/marker.err")"
echo "capture in B: $frames frames, all markers (bad input sent nothing)"

netns_cleanup

# ---- three namespaces: A - R - B, a traceroute
netns_setup3
netns_tmpdir
T=$NETNS_TMP
run trace --reply --timeout 2 "ipv4(dst=$IP4_B,ttl=1-3)/udp(dport=33434)"
rc=$?
cat "$T/trace.out"
[ "$rc" -eq 0 ] || fail "traceroute: exit $rc: $(cat "$T/trace.err")"
[ "$(wc -l <"$T/trace.out")" -eq 3 ] || fail "traceroute: not 3 answers: $(cat "$T/trace.err")"
sed -n 1p "$T/trace.out" | grep -q "^IP $IP4_RA > $IP4_A: ICMP time exceeded in-transit, .* rtt" ||
	fail "ttl=1: no time exceeded from R ($IP4_RA)"
sed -n 2p "$T/trace.out" | grep -q "^IP $IP4_B > $IP4_A: ICMP $IP4_B udp port 33434 unreachable, .* rtt" ||
	fail "ttl=2: no port unreachable from B"

# IPv6 too: hop limit 1 expires at R.
run trace6 --reply --timeout 2 "ipv6(dst=$IP6_B,hlim=1-2)/udp(dport=33434)"
rc=$?
cat "$T/trace6.out"
[ "$rc" -eq 0 ] || fail "traceroute6: exit $rc: $(cat "$T/trace6.err")"
sed -n 1p "$T/trace6.out" | grep -q "^IP6 $IP6_RA > $IP6_A: ICMP6, time exceeded in-transit" ||
	fail "hlim=1: no time exceeded from R ($IP6_RA)"
echo "PASS: rk-craft live"
