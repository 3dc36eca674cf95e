#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-2-Clause
# filtered.sh - nftables on the target drops some ports, rejects others
# with ICMP (port unreachable, administratively prohibited) or a TCP reset;
# with --all-states every port gets nmap's state and reason, over IPv4 and
# IPv6 in one run: open (syn-ack), closed (reset), filtered (no-response,
# port-unreach, admin-prohibited). Dropped probes are retransmitted exactly
# --retries times (counted by nftables on the target).
# Usage: filtered.sh RK-SYNSCAN SYNSCAN_LISTEN
. "$(dirname "$0")/lib.sh"

synscan_setup
synscan_need_nft
synscan_listen 100 80
# ICMP errors are rate-limited per peer by default: not here.
ip netns exec "$NS_B" sysctl -qw net.ipv4.icmp_ratelimit=0 net.ipv6.icmp.ratelimit=0 ||
	fail "sysctl in $NS_B"
ip netns exec "$NS_B" nft -f - <<'NFT' || fail "nft rules"
table inet rkscan {
	counter dropped { }
	chain input {
		type filter hook input priority 0; policy accept;
		tcp dport 1001-1003 counter name dropped drop
		tcp dport { 2001, 2002 } reject
		tcp dport 2003 reject with icmpx type admin-prohibited
		tcp dport 2004 reject with tcp reset
	}
}
NFT

out=$NETNS_TMP/states.json
NETNS_TIMEOUT=40 netns_exec "$NS_A" "$SCAN" -p 80,1001-1003,2001-2004,3000 --all-states \
	--retries 1 --wait 1 --rate 1000 --json -q "$IP4_B" "$IP6_B" >"$out"
rc=$?
[ "$rc" -eq 0 ] || fail "exit $rc"
sed -n 's/^{"ip":"\([^"]*\)","port":\([0-9]*\),"proto":"tcp","state":"\([a-z]*\)","reason":"\([a-z-]*\)".*/\1 \2 \3 \4/p' \
	"$out" | sort >"$NETNS_TMP/got"
for ip in "$IP4_B" "$IP6_B"; do
	printf '%s\n' "$ip 80 open syn-ack" \
		"$ip 1001 filtered no-response" "$ip 1002 filtered no-response" \
		"$ip 1003 filtered no-response" "$ip 2001 filtered port-unreach" \
		"$ip 2002 filtered port-unreach" "$ip 2003 filtered admin-prohibited" \
		"$ip 2004 closed reset" "$ip 3000 closed reset"
done | sort >"$NETNS_TMP/want"
diff "$NETNS_TMP/want" "$NETNS_TMP/got" || fail "states differ (< expected, > reported)"
[ "$(summary_field "$out" open)" = 2 ] && [ "$(summary_field "$out" closed)" = 4 ] &&
	[ "$(summary_field "$out" filtered)" = 12 ] || fail "summary counts: $(tail -n 1 "$out")"
# ICMP replies carry their type and code.
grep -q '"port":2003,.*"icmp_type":3,"icmp_code":13' "$out" || fail "IPv4 ICMP type/code"
grep -q '"port":2001,.*"icmp_type":1,"icmp_code":4' "$out" || fail "ICMPv6 type/code"
# 3 dropped ports x 2 families x (1 + 1 retry).
n=$(ip netns exec "$NS_B" nft list counter inet rkscan dropped | sed -n 's/.*packets \([0-9]*\).*/\1/p')
[ "$n" = 12 ] || fail "the dropped ports saw $n probes, want 12"
echo "PASS: filtered"
