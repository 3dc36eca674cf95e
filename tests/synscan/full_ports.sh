#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-2-Clause
# full_ports.sh - a full -p0-65535 scan of a target with listeners on 20
# fixed ports (some high) finds exactly those, with three different seeds:
# no false positives, no misses, every other port closed by a reset, each
# reported once; seeds 1 and 2 send Ethernet frames (--send auto picks l2:
# one next hop, its MAC known), seed 3 the IP_HDRINCL socket (--send l3).
# Also: the text format, and --rate held within 5% over every second.
# Usage: full_ports.sh RK-SYNSCAN SYNSCAN_LISTEN
. "$(dirname "$0")/lib.sh"

synscan_setup
PORTS="1 7 22 80 443 1023 1024 3306 8080 9999 20000 31337 40000 45678 50000 55555 60001 62000 65000 65535"
synscan_listen 100 $PORTS
expected=$NETNS_TMP/expected
for p in $PORTS; do echo "$IP4_B $p"; done | sort -u >"$expected"

for seed in 1 2 3; do
	out=$NETNS_TMP/seed$seed.json
	mode=l2
	[ "$seed" = 3 ] && mode=l3
	# --all-states: a port missed shows what it was taken for.
	NETNS_TIMEOUT=40 netns_exec "$NS_A" "$SCAN" -p0-65535 --rate 100000 --wait 1 --all-states \
		--seed "$seed" --send "$([ $mode = l3 ] && echo l3 || echo auto)" --json -q "$IP4_B" >"$out"
	rc=$?
	[ "$rc" -eq 0 ] || fail "seed $seed: exit $rc"
	open_ports "$out" >"$NETNS_TMP/found$seed"
	if ! diff "$expected" "$NETNS_TMP/found$seed"; then
		for p in $PORTS; do grep "\"port\":$p,\"proto\"" "$out" | grep -v '"state":"open"'; done
		tail -n 1 "$out"
		fail "seed $seed: open ports differ (< missed, > false)"
	fi
	lines=$(grep -c '"state":"open"' "$out")
	[ "$lines" -eq 20 ] || fail "seed $seed: $lines open lines for 20 ports"
	[ "$(summary_field "$out" closed)" = 65516 ] || fail "seed $seed: closed $(summary_field "$out" closed), want 65516"
	[ "$(summary_field "$out" probes)" = 65536 ] || fail "seed $seed: probes"
	[ "$(summary_field "$out" seed)" = "$seed" ] || fail "seed $seed: summary seed"
	[ "$(summary_field "$out" send)" = "$mode" ] || fail "seed $seed: sent at $(summary_field "$out" send), want $mode"
	echo "seed $seed ($mode): 20/20 open, 65516 closed, rate $(summary_field "$out" rate)/s"
done

# Text output: "198.18.0.2  80/tcp  open  (ttl 64, win N)", open ports only.
txt=$NETNS_TMP/text.out
NETNS_TIMEOUT=40 netns_exec "$NS_A" "$SCAN" -p 1-1024 --rate 100000 --wait 1 -q "$IP4_B" >"$txt" ||
	fail "text run failed"
grep -Eq "^198\.18\.0\.2  80/tcp  open  \(ttl 64, win [0-9]+\)$" "$txt" || { cat "$txt"; fail "text format"; }
[ "$(wc -l <"$txt")" -eq 7 ] || { cat "$txt"; fail "text: 7 open ports below 1025 expected"; }

# Pacing: 20,000/s for about 3 s; every whole second within 5%.
out=$NETNS_TMP/rate.json
NETNS_TIMEOUT=40 netns_exec "$NS_A" "$SCAN" -p0-65535 --rate 20000 --wait 1 --json -q "$IP4_B" >"$out" ||
	fail "rate run failed"
min=$(summary_field "$out" rate_1s_min)
max=$(summary_field "$out" rate_1s_max)
echo "rate 20000/s: each second between $min and $max"
[ "${min%.*}" -ge 19000 ] && [ "${max%.*}" -le 21000 ] || fail "rate outside 5%: $min-$max"
echo "PASS: full_ports"
