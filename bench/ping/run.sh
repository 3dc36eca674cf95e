#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-2-Clause
# bench/ping/run.sh - rk-ping against iputils ping, in one run on the
# private test network (tests/netns/netns.sh, client - router - target,
# 198.18.0.0/15 and 2001:2::/48 only; namespaces removed on exit):
#
#   1. flood: `rk-ping -f -c N` and `ping -f -c N` (N = 100000), standard
#      output to /dev/null, wall and CPU time of each, the ratio; three
#      rounds alternating the order, medians reported;
#   2. round trips: `-c 200 -i 0.01` with each, the median of the time=
#      figures (rk-ping's come from kernel receive timestamps).
#
#   sudo bench/ping/run.sh [RK_PING [RK_BENCH_RUN]]
#   (defaults: build/tools/ping/rk-ping, build/bench/common/rk-bench-run)
#   FLOOD_COUNT=N ROUNDS=N override the sizes.
#
# Not a test: it prints figures (docs/PERFORMANCE.md, "Ping") and fails only
# when a tool fails to run.
set -u
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
rk_ping=$(realpath "${1:-$root/build/tools/ping/rk-ping}")
bench_run=${2:-$root/build/bench/common/rk-bench-run}
N=${FLOOD_COUNT:-100000}
ROUNDS=${ROUNDS:-3}
[ -x "$rk_ping" ] || { echo "run.sh: no rk-ping at $rk_ping (build it first)" >&2; exit 2; }
command -v ping >/dev/null 2>&1 || { echo "run.sh: iputils ping is not installed" >&2; exit 2; }
# shellcheck source=../../tests/netns/netns.sh
. "$root/tests/netns/netns.sh"
netns_require
netns_setup3
netns_tmpdir
T=$NETNS_TMP
export NETNS_TIMEOUT=300

# Warm neighbours, no ICMP rate limits.
for ns in "$NS_A" "$NS_R" "$NS_B"; do
	ip netns exec "$ns" sysctl -qw net.ipv4.icmp_ratelimit=0 net.ipv6.icmp.ratelimit=0 >/dev/null
done
netns_exec "$NS_A" ping -c 2 -i 0.1 "$IP4_B" >/dev/null

# time_run OUT COMMAND...: "wall user sys" of one run into OUT, stdout discarded.
time_run() {
	local out=$1
	shift
	if [ -x "$bench_run" ]; then
		netns_exec "$NS_A" "$bench_run" "$@" 2>&1 | tail -1 |
			sed -E 's/.*wall=([0-9.]+) user=([0-9.]+) sys=([0-9.]+).*status=([0-9]+).*/\1 \2 \3 \4/' >"$out"
	else
		local t0 t1
		t0=$(date +%s.%N)
		netns_exec "$NS_A" "$@" >/dev/null 2>&1
		local rc=$?
		t1=$(date +%s.%N)
		echo "$(echo "$t1 - $t0" | bc -l) 0 0 $rc" >"$out"
	fi
}
median() { sort -g | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

echo "rk-ping vs iputils ping ($(ping -V | head -1)), $N-request flood, $ROUNDS rounds, $(nproc) CPUs"
: >"$T/rk.wall"; : >"$T/ip.wall"; : >"$T/rk.cpu"; : >"$T/ip.cpu"
for ((r = 1; r <= ROUNDS; r++)); do
	for who in rk ip; do
		[ $((r % 2)) = 0 ] && who=$([ "$who" = rk ] && echo ip || echo rk)
		if [ "$who" = rk ]; then
			time_run "$T/one" "$rk_ping" -f -c "$N" "$IP4_B"
		else
			time_run "$T/one" ping -f -c "$N" "$IP4_B"
		fi
		read -r wall user sys rc <"$T/one"
		[ "$rc" = 0 ] || { echo "run.sh: $who flood exited $rc" >&2; exit 1; }
		echo "$wall" >>"$T/$who.wall"
		echo "$user + $sys" | bc -l >>"$T/$who.cpu"
		printf '  round %d %-8s wall %6.3f s  cpu %6.3f s\n' "$r" "$([ "$who" = rk ] && echo rk-ping || echo ping)" "$wall" "$(echo "$user + $sys" | bc -l)"
	done
done
rk_wall=$(median <"$T/rk.wall"); ip_wall=$(median <"$T/ip.wall")
rk_cpu=$(median <"$T/rk.cpu"); ip_cpu=$(median <"$T/ip.cpu")
printf 'flood -c %d: rk-ping %.3f s (cpu %.3f s), ping %.3f s (cpu %.3f s), wall ratio ping/rk-ping %.2f\n' \
	"$N" "$rk_wall" "$rk_cpu" "$ip_wall" "$ip_cpu" "$(echo "$ip_wall / $rk_wall" | bc -l)"
printf 'flood rate: rk-ping %.0f requests/s, ping %.0f requests/s\n' \
	"$(echo "$N / $rk_wall" | bc -l)" "$(echo "$N / $ip_wall" | bc -l)"

# Round trips: median of time= over 200 requests, 10 ms apart, each tool.
rtt_median() { grep -o 'time=[0-9.]*' "$1" | cut -d= -f2 | median; }
for v in 4 6; do
	B=$([ $v = 4 ] && echo "$IP4_B" || echo "$IP6_B")
	netns_exec "$NS_A" "$rk_ping" -c 200 -i 0.01 "$B" >"$T/rk.rtt$v" 2>&1
	netns_exec "$NS_A" ping -c 200 -i 0.01 "$B" >"$T/ip.rtt$v" 2>&1
	printf 'IPv%d -c 200 -i 0.01 median rtt: rk-ping %.3f ms, ping %.3f ms (%d and %d replies)\n' "$v" \
		"$(rtt_median "$T/rk.rtt$v")" "$(rtt_median "$T/ip.rtt$v")" \
		"$(grep -c 'time=' "$T/rk.rtt$v")" "$(grep -c 'time=' "$T/ip.rtt$v")"
done
