# SPDX-License-Identifier: BSD-2-Clause
# shellcheck shell=bash
#
# lib.sh - what rk-synscan's live tests share: the private test network
# (tests/netns/netns.sh: scanner in NS_A 198.18.0.1, target in NS_B
# 198.18.0.2, IPv6 2001:2::1 and ::2), a listener on the target, and
# helpers to read the scanner's JSON Lines.
#
#   . "$(dirname "$0")/lib.sh"       # sets SCAN and LISTEN from $1 and $2
#   synscan_setup                    # namespaces, addresses, a scratch dir
#   synscan_listen SECONDS PORT...   # listener in NS_B, waits for "ready"
#   synscan_anyip PREFIX             # NS_B owns PREFIX (AnyIP), NS_A routes it there
#   open_ports FILE                  # "ip port" of open results, sorted
set -u
. "$(dirname "${BASH_SOURCE[0]}")/../netns/netns.sh"

SCAN=${1:?usage: $0 RK-SYNSCAN SYNSCAN_LISTEN}
LISTEN=${2:-}

synscan_setup() {
	netns_require
	[ -x "$SCAN" ] || fail "no rk-synscan at $SCAN"
	netns_setup2
	netns_tmpdir
	# Learn the neighbours first, so no probe waits on ARP/ND.
	netns_exec "$NS_A" ping -c1 -W2 "$IP4_B" >/dev/null || fail "no IPv4 path A -> B"
	netns_exec "$NS_A" ping -6 -c1 -W2 "$IP6_B" >/dev/null || fail "no IPv6 path A -> B"
}

synscan_listen() {
	local secs=$1
	shift
	NETNS_TIMEOUT=$((secs + 5)) netns_bg "$NS_B" "$NETNS_TMP/listen.out" "$LISTEN" "$secs" "$@"
	netns_wait_file "$NETNS_TMP/listen.out" ready 5 ||
		{ cat "$NETNS_TMP/listen.out"; fail "listener did not start"; }
}

synscan_anyip() {
	ip -n "$NS_B" route add local "$1" dev lo || fail "AnyIP route $1 in $NS_B"
	ip -n "$NS_A" route add "$1" via "$IP4_B" || fail "route $1 in $NS_A"
}

# Needs nft; skips otherwise.
synscan_need_nft() {
	command -v nft >/dev/null 2>&1 || skip "needs nftables' nft"
	ip netns exec "$NS_B" nft list tables >/dev/null 2>&1 || skip "nft does not work in a namespace here"
}

# "ip port" of every open result in a JSON Lines file, sorted.
open_ports() {
	sed -n 's/^{"ip":"\([^"]*\)","port":\([0-9]*\),"proto":"tcp","state":"open".*/\1 \2/p' "$1" |
		sort -u
}

# A key's value in the summary object (the last line).
summary_field() {
	tail -n 1 "$1" | sed -n "s/.*\"$2\":\"\{0,1\}\([^,\"}]*\).*/\1/p"
}

# Count SYN probes from the scanner reaching NS_B, and which (address,
# port) pairs they hit: counters "probes", "dups" (a pair seen before) and
# "outside" (a port outside $1-$2). Needs nft.
synscan_count_probes() {
	synscan_need_nft
	ip netns exec "$NS_B" nft -f - <<NFT || fail "nft probe counters"
table inet rkcount {
	counter probes { }
	counter dups { }
	counter outside { }
	set seen {
		type ipv4_addr . inet_service
		size 262144
		flags dynamic
	}
	chain input {
		type filter hook input priority -10; policy accept;
		ip saddr $IP4_A tcp flags & (syn | ack) == syn jump probe
	}
	chain probe {
		counter name probes
		tcp dport != $1-$2 counter name outside
		ip daddr . tcp dport @seen counter name dups
		add @seen { ip daddr . tcp dport }
	}
}
NFT
}

# The packets counted by counter $1 of synscan_count_probes.
synscan_counter() {
	ip netns exec "$NS_B" nft list counter inet rkcount "$1" |
		sed -n 's/.*packets \([0-9]*\).*/\1/p'
}
