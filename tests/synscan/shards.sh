#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-2-Clause
# shards.sh - --shard 1/3, 2/3 and 3/3 with one seed together send every
# probe of the scan exactly once: nftables on the target counts the SYNs
# and remembers each (address, port) pair, so 3,200 probes over a
# 16-host x 200-port space, none repeated and none outside it, is the
# whole space. Shards 1 and 3 send Ethernet frames to the gateway
# (--send l2), shard 2 goes through the IP_HDRINCL socket (--send l3);
# shard I sends with I sender threads.
# Usage: shards.sh RK-SYNSCAN SYNSCAN_LISTEN
. "$(dirname "$0")/lib.sh"

synscan_setup
synscan_anyip 198.19.0.0/28
synscan_count_probes 1 200
total=0
for i in 1 2 3; do
	out=$NETNS_TMP/shard$i.json
	netns_exec "$NS_A" "$SCAN" --shard "$i/3" --seed 7 --retries 0 --wait 1 -p 1-200 \
		--rate 20000 --send "$([ "$i" = 2 ] && echo l3 || echo l2)" --sender-threads "$i" --json -q 198.19.0.0/28 >"$out"
	rc=$?
	[ "$rc" -eq 1 ] || fail "shard $i: exit $rc (no open port: 1 expected)"
	n=$(summary_field "$out" probes)
	[ "$(summary_field "$out" closed)" = "$n" ] || fail "shard $i: $n probes, $(summary_field "$out" closed) resets"
	seen=$(synscan_counter probes)
	echo "shard $i/3: $n probes (target has seen $seen)"
	total=$((total + n))
	[ "$seen" -eq "$total" ] || fail "the target saw $seen probes after $total sent"
done
[ "$total" -eq 3200 ] || fail "the shards sent $total probes, want 3200"
[ "$(synscan_counter dups)" -eq 0 ] || fail "$(synscan_counter dups) probes repeated a pair"
[ "$(synscan_counter outside)" -eq 0 ] || fail "probes outside the port range"
echo "PASS: shards"
