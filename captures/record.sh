#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-2-Clause
# record.sh - records the real-traffic fixtures of captures/ (see README.md):
#   recorded_v4v6.pcap  EN10MB, tcpdump on one end of a veth pair
#   recorded_any.pcap   LINUX_SLL2, tcpdump -i any -y LINUX_SLL2 in the same namespace
#   mixed_big.pcap      EN10MB, >= 3000 packets of mixed traffic, under 1 MB
#
#   sudo captures/record.sh [OUTDIR]        (default: the directory of this script)
#
# Traffic stays inside two network namespaces made here (rkcapA/rkcapB plus
# this shell's pid) joined by a veth pair created inside them, so no
# interface ever appears on the host; addresses are 198.18.0.0/15 and
# 2001:2::/48 only; every send loop is bounded; the namespaces and every
# process started here are removed by the EXIT trap, failure included.
# Checksum and segmentation offloads are turned off on the veth ends
# (ethtool), else the capture shows the partial checksums and 64 KB
# segments of the kernel's offload path instead of wire packets.
# Needs root, iproute2, tcpdump, ethtool, iputils ping, python3.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
out=$(cd "${1:-$here}" && pwd)
[ "$(id -u)" -eq 0 ] || { echo "record.sh: needs root (network namespaces)" >&2; exit 2; }
py=/usr/bin/python3
[ -x "$py" ] || py=$(command -v python3)
for t in ip tcpdump ethtool ping "$py"; do
	command -v "$t" >/dev/null || { echo "record.sh: $t not found" >&2; exit 2; }
done

A=rkcapA$$
B=rkcapB$$
A4=198.18.0.1 B4=198.18.0.2 A6=2001:2::1 B6=2001:2::2
tmp=$(mktemp -d)
pids=()     # tcpdump processes
servers=()  # traffic.py servers

cleanup() {
	local p
	for p in "${servers[@]}" "${pids[@]}"; do
		kill "$p" 2>/dev/null || true
		wait "$p" 2>/dev/null || true
	done
	ip netns del "$A" 2>/dev/null || true
	ip netns del "$B" 2>/dev/null || true
	rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

inA() { ip netns exec "$A" "$@"; }
inB() { ip netns exec "$B" "$@"; }

# ---- the two namespaces -------------------------------------------------
ip netns add "$A"
ip netns add "$B"
# Created inside A with its peer moved straight into B: never on the host.
ip -n "$A" link add veth0 type veth peer name veth0 netns "$B"
ip -n "$A" link set veth0 address 02:00:c6:12:00:01
ip -n "$B" link set veth0 address 02:00:c6:12:00:02
for ns in "$A" "$B"; do
	ip -n "$ns" link set lo up
	for feature in tx rx tso gso gro; do
		ip netns exec "$ns" ethtool -K veth0 "$feature" off >/dev/null 2>&1 || true
	done
done
ip -n "$A" addr add "$A4/24" dev veth0
ip -n "$B" addr add "$B4/24" dev veth0
ip -n "$A" addr add "$A6/64" dev veth0 nodad
ip -n "$B" addr add "$B6/64" dev veth0 nodad
# A's end goes up first (no carrier yet): the captures then see B's side
# come up, with its IPv6 link-local DAD, MLD reports and router solicitations.
ip -n "$A" link set veth0 up

# ---- traffic helper: bounded TCP/UDP echo servers and clients -----------
cat >"$tmp/traffic.py" <<'EOF'
# SPDX-License-Identifier: BSD-2-Clause
# traffic.py - bounded TCP and UDP echo traffic for record.sh (run inside its
# namespaces only). server PORT_TCP PORT_UDP SECONDS | tcp HOST PORT N BIG |
# refused HOST PORT | udp HOST PORT N SIZE
import socket, sys, threading, time

def tcp_server(port, until):
    s = socket.socket(socket.AF_INET6, socket.SOCK_STREAM)
    s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    s.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 0)
    s.bind(("::", port))
    s.listen(16)
    s.settimeout(0.5)
    while time.time() < until:
        try:
            c, _ = s.accept()
        except socket.timeout:
            continue
        threading.Thread(target=tcp_echo, args=(c, until), daemon=True).start()

def tcp_echo(c, until):
    c.settimeout(5)
    c.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    try:
        while time.time() < until:
            d = c.recv(4096)
            if not d:
                break
            if d.startswith(b"BIG "):
                n = min(int(d.split()[1]), 65536)
                c.sendall(bytes((i * 7) & 0xff for i in range(n)))
            else:
                c.sendall(d)
    except OSError:
        pass
    c.close()

def udp_server(port, until):
    s = socket.socket(socket.AF_INET6, socket.SOCK_DGRAM)
    s.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 0)
    s.bind(("::", port))
    s.settimeout(0.5)
    while time.time() < until:
        try:
            d, a = s.recvfrom(65535)
        except socket.timeout:
            continue
        s.sendto(d, a)

def family(host):
    return socket.AF_INET6 if ":" in host else socket.AF_INET

def tcp_client(host, port, n, big):
    c = socket.socket(family(host), socket.SOCK_STREAM)
    c.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    c.settimeout(5)
    c.connect((host, port))
    for i in range(min(n, 100)):
        msg = b"rawkit line %d\n" % i
        c.sendall(msg)
        got = b""
        while len(got) < len(msg):
            got += c.recv(4096)
        time.sleep(0.02)
    if big:
        c.sendall(b"BIG %d" % big)
        got = 0
        while got < big:
            d = c.recv(65536)
            if not d:
                break
            got += len(d)
    c.shutdown(socket.SHUT_WR)
    while c.recv(4096):
        pass
    c.close()

def refused(host, port):
    c = socket.socket(family(host), socket.SOCK_STREAM)
    c.settimeout(2)
    try:
        c.connect((host, port))
    except (ConnectionRefusedError, socket.timeout):
        pass
    c.close()

def udp_client(host, port, n, size):
    c = socket.socket(family(host), socket.SOCK_DGRAM)
    c.settimeout(0.5)
    for i in range(min(n, 1000)):
        c.sendto((b"rawkit %05d " % i).ljust(size, b"."), (host, port))
        try:
            c.recv(65535)
        except OSError:
            pass  # a closed port: the ICMP error shows as ECONNREFUSED or a timeout
        time.sleep(0.002)

cmd = sys.argv[1]
if cmd == "server":
    until = time.time() + float(sys.argv[4])
    threading.Thread(target=udp_server, args=(int(sys.argv[3]), until), daemon=True).start()
    tcp_server(int(sys.argv[2]), until)
elif cmd == "tcp":
    tcp_client(sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5]))
elif cmd == "refused":
    refused(sys.argv[2], int(sys.argv[3]))
elif cmd == "udp":
    udp_client(sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5]))
EOF

# start NAME FILE ARGS...: tcpdump in A writing FILE, wait until it listens
start_capture() {
	local log=$tmp/$1.log
	shift
	# not through inA: $! must be tcpdump itself (ip netns exec execs it), so
	# that SIGINT reaches it and it flushes its file
	ip netns exec "$A" tcpdump -n -U "$@" 2>"$log" &
	pids+=($!)
	local i
	for i in $(seq 1 100); do
		grep -q "listening on" "$log" 2>/dev/null && return 0
		sleep 0.1
	done
	echo "record.sh: tcpdump did not start:" >&2
	cat "$log" >&2
	exit 1
}

stop_captures() {
	sleep 1  # let the last replies and retransmissions arrive
	local p
	# SIGTERM for the servers (a background job starts with SIGINT ignored),
	# SIGINT for tcpdump (it catches it, flushes and writes its file)
	for p in "${servers[@]}"; do
		kill "$p" 2>/dev/null || true
		wait "$p" 2>/dev/null || true
	done
	for p in "${pids[@]}"; do
		kill -INT "$p" 2>/dev/null || true
		wait "$p" 2>/dev/null || true
	done
	pids=()
	servers=()
}

start_server() { # seconds
	ip netns exec "$A" "$py" "$tmp/traffic.py" server 7777 7777 "$1" &
	servers+=($!)
	sleep 0.5
}

# ---- 1. recorded_v4v6.pcap and recorded_any.pcap ------------------------
start_capture v4v6 -i veth0 -w "$tmp/recorded_v4v6.pcap"
start_capture any -i any -y LINUX_SLL2 -w "$tmp/recorded_any.pcap"
ip -n "$B" link set veth0 up
sleep 2
start_server 60
# ARP request/reply, then ICMP echo; IPv6 neighbour discovery, then ICMPv6 echo
inB ping -c 3 -i 0.2 -W 2 "$A4" >/dev/null
inB ping -6 -c 3 -i 0.2 -W 2 "$A6" >/dev/null
# ping with record route (IPv4 options) and a large echo (fragmented at 1500)
inB ping -R -c 1 -W 2 "$A4" >/dev/null || true
inB ping -c 1 -s 2000 -W 2 "$A4" >/dev/null
inB ping -6 -c 1 -s 2000 -W 2 "$A6" >/dev/null
# TCP connections with data, both families (one with a multi-segment reply)
inB "$py" "$tmp/traffic.py" tcp "$A4" 7777 3 4000
inB "$py" "$tmp/traffic.py" tcp "$A6" 7777 3 0
# connection refused: SYN answered by RST/ACK
inB "$py" "$tmp/traffic.py" refused "$A4" 9
inB "$py" "$tmp/traffic.py" refused "$A6" 9
# UDP echo, then a closed port: ICMP port unreachable / ICMPv6 port unreachable
inB "$py" "$tmp/traffic.py" udp "$A4" 7777 3 40
inB "$py" "$tmp/traffic.py" udp "$A6" 7777 3 40
inB "$py" "$tmp/traffic.py" udp "$A4" 7999 1 20
inB "$py" "$tmp/traffic.py" udp "$A6" 7999 1 20
# a fresh ARP exchange, and loopback traffic inside A (seen by -i any only)
ip -n "$B" neigh flush dev veth0
inB ping -c 1 -W 2 "$A4" >/dev/null
inA ping -c 2 -i 0.2 -W 2 127.0.0.1 >/dev/null
inA ping -6 -c 2 -i 0.2 -W 2 ::1 >/dev/null
stop_captures

# ---- 2. mixed_big.pcap ---------------------------------------------------
start_capture big -i veth0 -w "$tmp/mixed_big.pcap"
start_server 120
inB ping -c 700 -i 0.002 -s 24 -W 2 "$A4" >/dev/null
inB ping -6 -c 500 -i 0.002 -s 24 -W 2 "$A6" >/dev/null
inB ping -c 20 -i 0.01 -s 1400 -W 2 "$A4" >/dev/null
for i in $(seq 1 12); do
	inB "$py" "$tmp/traffic.py" tcp "$A4" 7777 8 0
	inB "$py" "$tmp/traffic.py" tcp "$A6" 7777 8 0
done
inB "$py" "$tmp/traffic.py" tcp "$A4" 7777 2 20000
for i in $(seq 1 5); do
	inB "$py" "$tmp/traffic.py" refused "$A4" 9
	inB "$py" "$tmp/traffic.py" refused "$A6" 9
done
inB "$py" "$tmp/traffic.py" udp "$A4" 7777 250 60
inB "$py" "$tmp/traffic.py" udp "$A6" 7777 250 60
inB "$py" "$tmp/traffic.py" udp "$A4" 7999 5 20
inB "$py" "$tmp/traffic.py" udp "$A6" 7999 5 20
stop_captures

for f in recorded_v4v6 recorded_any mixed_big; do
	cp "$tmp/$f.pcap" "$out/$f.pcap"
	printf '%-20s %5s packets %8s bytes\n' "$f.pcap" \
		"$(tcpdump -r "$out/$f.pcap" 2>/dev/null | wc -l)" "$(stat -c %s "$out/$f.pcap")"
done
