#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-2-Clause
# demo.sh - rawkit's main job on its built-in private test network.
#
# Installs what is missing, builds rawkit, and makes three network
# namespaces (tests/netns/netns.sh): a client A, a router R and a target B,
#   A 198.18.1.1 -- R 198.18.1.254 | 198.18.2.254 -- B 198.18.2.1
#   (and 2001:2:0:1::1 -- R -- 2001:2:0:2::1)
# then shows, each with rawkit's tools:
#   1. packets built with librawkit (UDP, TCP SYN with options, ICMP echo,
#      IPv6) sent over raw sockets, received by a UDP socket in B, and what
#      B's interface saw decoded by rk-sniff;
#   2. rk-ping to B, and with -t 1 the router's Time to live exceeded;
#   3. rk-craft: a SYN to an open port with --reply (the SYN-ACK, its RTT),
#      and a traceroute (ttl=1-3 --reply);
#   4. rk-synscan of B's first 1024 ports plus 8080, when it is built.
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
sniff=$bin/tools/sniff/rk-sniff

export NETNS_TIMEOUT=60 # background listeners and captures live this long at most
. tests/netns/netns.sh
netns_require
netns_setup3
netns_tmpdir
tmp=$NETNS_TMP
echo "== test network: A $IP4_A --- R $IP4_RA|$IP4_RB --- B $IP4_B (and $IP6_A --- $IP6_B)"

# B: a UDP listener on port 9, a TCP listener on 8080, a capture of its interface.
netns_bg "$NS_B" "$tmp/udp.txt" python3 -c '
import socket
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
s.bind(("0.0.0.0", 9)); s.settimeout(20)
print("ready", flush=True)
data, addr = s.recvfrom(2048)
print("B: UDP socket received %r from %s:%d" % (data.decode(), addr[0], addr[1]), flush=True)'
netns_bg "$NS_B" "$tmp/tcp.txt" python3 -c '
import socket
s = socket.socket(); s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
s.bind(("0.0.0.0", 8080)); s.listen(16); print("ready", flush=True)
import time; time.sleep(50)'
netns_bg "$NS_B" "$tmp/tcpdump.txt" tcpdump -i "$IF_B" --immediate-mode -U -n -w "$tmp/demo.pcap"
capture_pid=$NETNS_LAST_PID
netns_wait_file "$tmp/udp.txt" ready 5
netns_wait_file "$tmp/tcp.txt" ready 5
netns_wait_file "$tmp/tcpdump.txt" "listening on" 5
ip netns exec "$NS_A" ping -c1 -W2 "$IP4_B" >/dev/null   # neighbours resolved first
ip netns exec "$NS_A" ping -6 -c1 -W2 "$IP6_B" >/dev/null

echo
echo "== 1. A sends packets built with librawkit (examples/demo_send.c)"
netns_exec "$NS_A" "$bin/examples/rk-demo-send" "$IP4_A" "$IP4_B" "$IP6_A" "$IP6_B"
netns_wait_file "$tmp/udp.txt" "received" 5 && grep '^B:' "$tmp/udp.txt"
sleep 0.3
kill -INT "$capture_pid" 2>/dev/null || true
netns_wait "$capture_pid" || true
echo "-- what B's interface saw, decoded by rk-sniff -r:"
TZ=UTC "$sniff" -r "$tmp/demo.pcap" 'not arp and not (icmp6 and ip6[40] >= 133)'

echo
echo "== 2. rk-ping (iputils ping's flags and output)"
netns_exec "$NS_A" "$bin/tools/ping/rk-ping" -c 3 -i 0.2 "$IP4_B"
echo "-- with -t 1 the router answers:"
netns_exec "$NS_A" "$bin/tools/ping/rk-ping" -c 1 -t 1 -W 1 "$IP4_B" || true
echo "-- IPv6:"
netns_exec "$NS_A" "$bin/tools/ping/rk-ping" -6 -c 2 -i 0.2 "$IP6_B"

echo
echo "== 3. rk-craft: one-line specs, sent with --reply (as scapy's sr1)"
echo "-- a SYN to B's open port 8080, and to closed port 8081:"
netns_exec "$NS_A" "$bin/tools/craft/rk-craft" --reply --timeout 1 \
	"ipv4(dst=$IP4_B)/tcp(dport=8080-8081,flags=S,opts=[mss:1460,sackok,nop,wscale:7])" || true
echo "-- a traceroute: ttl=1-3 --reply:"
netns_exec "$NS_A" "$bin/tools/craft/rk-craft" --reply --timeout 1 \
	"ipv4(dst=$IP4_B,ttl=1-3)/udp(dport=33434)" || true

if [ -x "$bin/tools/synscan/rk-synscan" ]; then
	echo
	echo "== 4. rk-synscan: ports 1-1024 and 8080 of B (stateless, SYN cookies)"
	netns_exec "$NS_A" "$bin/tools/synscan/rk-synscan" -p 1-1024,8080 --rate 20000 --wait 1 "$IP4_B"
fi
echo
echo "== done; namespaces removed"
