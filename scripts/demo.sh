#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-2-Clause
# demo.sh - rawkit's main job on its built-in private test network.
#
# Installs what is missing, builds rawkit, makes two network namespaces
# joined by a veth pair (198.18.0.1 <-> 198.18.0.2, 2001:2::1 <-> 2001:2::2;
# tests/netns/netns.sh), then:
#   1. in B, a UDP socket listens and a capture records B's interface;
#   2. in A, rk-demo-send builds packets with librawkit (UDP, TCP SYN with
#      options, ICMP echo, IPv6 UDP and ICMPv6 echo) and sends them over raw
#      sockets (IPv4 in one sendmmsg batch);
#   3. B's UDP socket shows the datagram it received, and rawkit's decoder
#      (rk-sniff -r) prints everything B's interface saw, replies included.
# Nothing leaves the namespaces; they are removed on exit, even on failure.
set -euo pipefail
cd "$(dirname "$0")/.."
top=$PWD

[ "$(id -u)" -eq 0 ] || { echo "demo.sh: needs root to make network namespaces (sudo $0)" >&2; exit 2; }
scripts/deps.sh
echo "== building rawkit (build/release)"
cmake -S . -B build/release -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build/release -j"$(nproc)" >/dev/null
bin=$top/build/release

. tests/netns/netns.sh
netns_require
netns_setup2
netns_tmpdir
echo "== test network: $NS_A ($IP4_A, $IP6_A) <-> $NS_B ($IP4_B, $IP6_B)"

# B: a UDP listener (prints the first datagram) and a capture of its interface.
netns_bg "$NS_B" "$NETNS_TMP/udp.txt" python3 -c '
import socket, sys
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
s.bind(("0.0.0.0", 9)); s.settimeout(10)
print("ready", flush=True)
data, addr = s.recvfrom(2048)
print("B: UDP socket received %r from %s:%d" % (data.decode(), addr[0], addr[1]), flush=True)'
netns_wait_file "$NETNS_TMP/udp.txt" ready 5
netns_bg "$NS_B" "$NETNS_TMP/tcpdump.txt" tcpdump -i "$IF_B" -U -n -w "$NETNS_TMP/demo.pcap" not ip6 multicast
netns_wait_file "$NETNS_TMP/tcpdump.txt" "listening on" 5
ip netns exec "$NS_A" ping -c1 -W2 "$IP4_B" >/dev/null # resolve neighbours first

echo "== A: sending packets built with librawkit"
ip netns exec "$NS_A" timeout 10 "$bin/examples/rk-demo-send" "$IP4_A" "$IP4_B" "${IP6_A%/*}" "${IP6_B%/*}"
sleep 1
netns_wait_file "$NETNS_TMP/udp.txt" "received" 5
grep '^B:' "$NETNS_TMP/udp.txt"
for pid in "${NETNS_PIDS[@]}"; do kill -INT "$pid" 2>/dev/null || true; done
sleep 0.5

echo "== B: what its interface saw, decoded by rawkit (rk-sniff -r)"
if [ -x "$bin/tools/sniff/rk-sniff" ]; then
	TZ=UTC "$bin/tools/sniff/rk-sniff" -r "$NETNS_TMP/demo.pcap" 'not arp and not icmp6[0] >= 133'
else
	tcpdump -n -r "$NETNS_TMP/demo.pcap" 2>/dev/null
fi
echo "== done; namespaces removed"
