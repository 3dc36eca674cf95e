#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-2-Clause
# bench/replay/run.sh - rk-replay --topspeed against tcpreplay --topspeed,
# in one run, on the same fixture and the same link: a veth pair between
# two private namespaces (tests/netns/netns.sh; no addresses, IPv6 off, MTU
# 9000, both removed on exit). The fixture (captures/mixed_big.pcap, 4094
# frames, 60-1514 bytes) is looped LOOPS times (default 100: 409400
# frames) by each tool from memory (tcpreplay -K, rk-replay always):
#
#   rk-replay -t -l LOOPS                  PF_PACKET socket, sendmmsg batches
#   rk-replay -t -l LOOPS --inject=libnet  libnet, one sendto per frame
#   tcpreplay -t -K -l LOOPS
#
# ROUNDS rounds (default 3), the order rotating each round; for each tool
# the median of the packets/s its own summary reports, and of the frames
# the receiving veth counted (ip -s link: RX packets) per second of the
# sender's run, and the ratio rk-replay / tcpreplay.
#
#   sudo bench/replay/run.sh [RK_REPLAY]   (default: build/tools/replay/rk-replay)
#   LOOPS=N ROUNDS=N override the sizes; FIXTURE=FILE another EN10MB capture.
#
# Not a test: it prints figures (docs/PERFORMANCE.md, "Replay") and fails
# only when a tool fails to run. Every send is bounded by its loop count and
# by NETNS_TIMEOUT; nothing runs outside the namespaces.
set -u
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
rk_replay=$(realpath "${1:-$root/build/tools/replay/rk-replay}")
LOOPS=${LOOPS:-100}
ROUNDS=${ROUNDS:-3}
FIXTURE=${FIXTURE:-$root/captures/mixed_big.pcap}
[ -x "$rk_replay" ] || { echo "run.sh: no rk-replay at $rk_replay (build it first)" >&2; exit 2; }
command -v tcpreplay >/dev/null 2>&1 ||
	{ echo "run.sh: tcpreplay is not installed (apt-get install -y tcpreplay)" >&2; exit 2; }
# shellcheck source=../../tests/netns/netns.sh
. "$root/tests/netns/netns.sh"
netns_require
export NETNS_TIMEOUT=300

netns_new a; NS_A=$NETNS_NEW
netns_new b; NS_B=$NETNS_NEW
for ns in "$NS_A" "$NS_B"; do
	ip netns exec "$ns" sysctl -qw net.ipv6.conf.all.disable_ipv6=1 \
		net.ipv6.conf.default.disable_ipv6=1 >/dev/null || fail "IPv6 off in $ns"
done
IF_A="v${NETNS_IFID}a"
IF_B="v${NETNS_IFID}b"
netns_veth "$NS_A" "$IF_A" 02:72:6b:00:00:0a "$NS_B" "$IF_B" 02:72:6b:00:00:0b
ip -n "$NS_A" link set "$IF_A" mtu 9000 || fail mtu
ip -n "$NS_B" link set "$IF_B" mtu 9000 || fail mtu
netns_tmpdir
T=$NETNS_TMP

rx_packets() { ip -n "$NS_B" -s -j link show "$IF_B" | python3 -c 'import json,sys; print(json.load(sys.stdin)[0]["stats64"]["rx"]["packets"])'; }
median() { sort -g | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

# one TOOL: run it once; appends "pps rx_pps sent seconds" to $T/TOOL
one() {
	local tool=$1 out=$T/$1.out before after
	before=$(rx_packets)
	case $tool in
	rk-replay) netns_exec "$NS_A" "$rk_replay" -i "$IF_A" -t -l "$LOOPS" "$FIXTURE" >"$out" 2>&1 ;;
	rk-replay-libnet) netns_exec "$NS_A" "$rk_replay" -i "$IF_A" -t -l "$LOOPS" --inject=libnet "$FIXTURE" >"$out" 2>&1 ;;
	tcpreplay) netns_exec "$NS_A" tcpreplay -i "$IF_A" -t -K -l "$LOOPS" "$FIXTURE" >"$out" 2>&1 ;;
	esac
	local rc=$?
	after=$(rx_packets)
	[ "$rc" -eq 0 ] || fail "$tool exited $rc: $(cat "$out")"
	python3 - "$out" "$((after - before))" >>"$T/$tool" <<'PY' || fail "$tool: no summary: $(cat "$out")"
import re, sys
t = open(sys.argv[1]).read()
m = re.search(r"Actual: (\d+) packets \((\d+) bytes\) sent in ([0-9.]+) seconds", t)
pps = re.search(r"Rated: .*?([0-9.]+) pps", t)
n, secs = int(m.group(1)), float(m.group(3))
print(f"{float(pps.group(1)):.0f} {int(sys.argv[2]) / secs:.0f} {n} {secs:.3f}")
PY
}

tools=(rk-replay tcpreplay rk-replay-libnet)
total=$(($(python3 -c 'import sys; sys.path.insert(0, sys.argv[1]); import pcapcmp; print(len(pcapcmp.read_pcap(sys.argv[2])[1]))' "$root/tests/replay" "$FIXTURE") * LOOPS))
echo "rk-replay vs $(tcpreplay --version 2>&1 | head -1 | sed 's/ version:/ /'), $(basename "$FIXTURE") x $LOOPS loops = $total frames,"
echo "veth pair between two namespaces, $ROUNDS rounds, $(nproc) CPUs, kernel $(uname -r)"
for ((r = 0; r < ROUNDS; r++)); do
	for ((i = 0; i < ${#tools[@]}; i++)); do
		one "${tools[$(((i + r) % ${#tools[@]}))]}"
	done
done
printf '%-18s %12s %14s %10s %9s\n' tool "pps (median)" "rx pps (B)" "sent" "seconds"
for t in "${tools[@]}"; do
	pps=$(awk '{print $1}' "$T/$t" | median)
	rx=$(awk '{print $2}' "$T/$t" | median)
	sent=$(awk '{print $3}' "$T/$t" | median)
	secs=$(awk '{print $4}' "$T/$t" | median)
	printf '%-18s %12.0f %14.0f %10.0f %9.3f\n' "$t" "$pps" "$rx" "$sent" "$secs"
	eval "pps_${t//-/_}=$pps"
done
echo "per round (pps): rk-replay $(awk '{printf "%s ", $1}' "$T/rk-replay")| tcpreplay $(awk '{printf "%s ", $1}' "$T/tcpreplay")| libnet $(awk '{printf "%s ", $1}' "$T/rk-replay-libnet")"
awk -v a="$pps_rk_replay" -v b="$pps_tcpreplay" -v c="$pps_rk_replay_libnet" 'BEGIN {
	printf "ratio rk-replay / tcpreplay: %.2f (target >= 1)\n", a / b
	printf "ratio rk-replay --inject=libnet / tcpreplay: %.2f\n", c / b
}'
