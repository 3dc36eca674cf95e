#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-2-Clause
# bad_input.sh - malformed targets, ports, rates and numbers, reserved
# addresses, oversized IPv6 prefixes and exclusions that remove every
# target: each exits 2 with "rk-synscan: <message naming it>" on stderr,
# prints nothing on stdout, and sends nothing (an ingress counter on the
# target's interface sees no TCP segment and no ARP request; IPv6's own
# multicast chatter is not counted).
# Usage: bad_input.sh RK-SYNSCAN SYNSCAN_LISTEN
. "$(dirname "$0")/lib.sh"

synscan_setup
synscan_need_nft
ip netns exec "$NS_B" nft -f - <<NFT || fail "nft ingress counter"
table netdev rkbad {
	counter seen { }
	chain in {
		type filter hook ingress device "$IF_B" priority 0; policy accept;
		ether type arp counter name seen
		ip protocol tcp counter name seen
		ip6 nexthdr tcp counter name seen
	}
}
NFT
count() {
	ip netns exec "$NS_B" nft list counter netdev rkbad seen | sed -n 's/.*packets \([0-9]*\).*/\1/p'
}

# Each case: the words the message must contain, then the arguments.
check() {
	local want=$1
	shift
	local o=$NETNS_TMP/out e=$NETNS_TMP/err rc
	netns_exec "$NS_A" "$SCAN" "$@" >"$o" 2>"$e"
	rc=$?
	[ "$rc" -eq 2 ] || fail "rk-synscan $*: exit $rc, want 2"
	[ -s "$o" ] && fail "rk-synscan $*: wrote to stdout"
	grep -q "^rk-synscan: " "$e" || fail "rk-synscan $*: message '$(cat "$e")'"
	grep -qF -- "$want" "$e" || fail "rk-synscan $*: message '$(cat "$e")' does not name '$want'"
	echo "ok: $* -> $(head -n 1 "$e")"
}

before=$(count)
check "198.18.0.300" 198.18.0.300
check "198.18.0.0/33" 198.18.0.0/33
check "198.18.0.9-198.18.0.1" 198.18.0.9-198.18.0.1
check "2001:2::/64" 2001:2::/64
check "224.0.0.1" 224.0.0.1
check "0.0.0.0" 0.0.0.0
check "255.255.255.255" 255.255.255.255
check "70000" -p 70000 "$IP4_B"
check "80-20" -p 80-20 "$IP4_B"
check "80,,81" -p 80,,81 "$IP4_B"
check "U:53" -p U:53 "$IP4_B"
check "--rate" --rate 10x "$IP4_B"
check "--rate" --rate 0 "$IP4_B"
check "--rate" --rate -5 "$IP4_B"
check "--max-rate" --max-rate 1.5 "$IP4_B"
check "--wait" --wait soon "$IP4_B"
check "--retries" --retries 99 "$IP4_B"
check "--top-ports" --top-ports 99999 "$IP4_B"
check "--shard" --shard 4/3 --seed 1 "$IP4_B"
check "--seed" --shard 1/3 "$IP4_B"
check "excluded" --exclude 198.18.0.0/24 "$IP4_B"
check "excluded" --exclude "$IP4_B,$IP6_B" "$IP4_B" "$IP6_B"
check "exclude '198.18.0.x'" --exclude 198.18.0.x "$IP4_B"
check "--src-port" --src-port 0 "$IP4_B"
check "-iL" -iL "$NETNS_TMP/no-such-file" 
check "--bogus" --bogus "$IP4_B"
check "no targets"
after=$(count)
[ "$after" -eq "$before" ] || fail "packets reached the target: $before before, $after after"
echo "PASS: bad_input (nothing sent)"
