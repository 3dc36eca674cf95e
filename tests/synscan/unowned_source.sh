#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-2-Clause
# unowned_source.sh - `--source-ip` addresses no interface of the scanner
# owns (198.18.0.50, 2001:2::50): rk-synscan answers the target's ARP
# requests and neighbour solicitations for them, so the replies come back,
# and the scanner's kernel never sees them, so it sends no RSTs. The run
# with the scanner's own addresses shows the RSTs are counted (one per
# open port at least). Midway through the scan the target forgets both
# addresses' MAC: only rk-synscan's answers can bring the rest of the
# replies back.
# Usage: unowned_source.sh RK-SYNSCAN SYNSCAN_LISTEN
. "$(dirname "$0")/lib.sh"

SPOOF=198.18.0.50
SPOOF6=2001:2::50
synscan_setup
synscan_need_nft
synscan_listen 100 22 80 443
ip netns exec "$NS_A" nft -f - <<'NFT' || fail "nft RST counter in $NS_A"
table inet rkrst {
	counter rst { }
	chain out {
		type filter hook output priority 0; policy accept;
		tcp flags & rst == rst counter name rst
	}
}
NFT
rsts() {
	ip netns exec "$NS_A" nft list counter inet rkrst rst | sed -n 's/.*packets \([0-9]*\).*/\1/p'
}

# The scanner's own addresses: its kernel resets each open port's SYN-ACK.
out=$NETNS_TMP/own.json
NETNS_TIMEOUT=30 netns_exec "$NS_A" "$SCAN" -p 1-1000 --rate 20000 --wait 1 --json -q \
	"$IP4_B" "$IP6_B" >"$out" || fail "own address: exit $?"
[ "$(open_ports "$out" | wc -l)" -eq 6 ] || fail "own address: open $(open_ports "$out")"
own=$(rsts)
echo "own addresses: $own RSTs from the scanner's kernel"
[ "$own" -ge 6 ] || fail "the RST counter saw $own RSTs for 6 open ports"
ip netns exec "$NS_A" nft reset counter inet rkrst rst >/dev/null

# The unowned addresses, 10,000 ports of each family at 5,000/s: 4 s, the
# neighbour entries deleted after 1.5 s.
out=$NETNS_TMP/spoof.json
NETNS_TIMEOUT=40 netns_bg "$NS_A" "$out" "$SCAN" -S "$SPOOF" -S "$SPOOF6" -p 1-10000 --rate 5000 \
	--wait 1 --json -q "$IP4_B" "$IP6_B"
scan=$NETNS_LAST_PID
sleep 1.5
for a in "$SPOOF" "$SPOOF6"; do
	ip -n "$NS_B" neigh show "$a" dev "$IF_B" | grep -qi "$MAC_A" ||
		fail "the target did not learn $a from the announcement: $(ip -n "$NS_B" neigh show)"
	ip -n "$NS_B" neigh del "$a" dev "$IF_B" || fail "neigh del $a"
done
netns_wait "$scan" || fail "unowned addresses: exit $? ($(tail -n 3 "$out"))"
echo "unowned addresses: $(tail -n 1 "$out")"
want="$IP4_B 22 $IP4_B 443 $IP4_B 80 $IP6_B 22 $IP6_B 443 $IP6_B 80 "
[ "$(open_ports "$out" | tr '\n' ' ')" = "$want" ] ||
	fail "open ports: $(open_ports "$out" | tr '\n' ' ')"
[ "$(summary_field "$out" closed)" = 19994 ] && [ "$(summary_field "$out" no_response)" = 0 ] ||
	fail "replies lost after the target forgot our addresses: $(tail -n 1 "$out")"
for a in "$SPOOF" "$SPOOF6"; do
	ip -n "$NS_B" neigh show "$a" dev "$IF_B" | grep -qi "$MAC_A" ||
		fail "the target has no MAC for $a: $(ip -n "$NS_B" neigh show)"
done
n=$(rsts)
[ "$n" -eq 0 ] || fail "the scanner's kernel sent $n RSTs"
echo "PASS: unowned_source"
