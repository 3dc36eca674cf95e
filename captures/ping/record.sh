#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-2-Clause
# record.sh - records rk-ping's exchanges (captures/ping/README.md): iputils
# ping runs on the private three-namespace network of tests/netns/netns.sh
# (client A - router R - target B) while tcpdump records A's side; nftables
# rules on B and R make the losses, duplicates and ICMP errors. What iputils
# printed is kept beside each capture (NAME.iputils.txt), so a replay
# through rk-ping can be checked line by line against the peer.
#
#   sudo captures/ping/record.sh [OUTDIR]     (default: this directory)
#
# Addresses: 198.18.0.0/15 and 2001:2::/48 only, inside namespaces made
# here and torn down by netns.sh's trap (failure included); every ping is
# bounded by -c (and by the time limit of netns_exec). Offloads are off so the capture shows wire bytes.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
out=$(cd "${1:-$here}" && pwd)
# shellcheck source=../../tests/netns/netns.sh
. "$here/../../tests/netns/netns.sh"
netns_require
for t in tcpdump nft ping ethtool; do
	command -v "$t" >/dev/null || fail "$t not found"
done
netns_setup3
netns_tmpdir
for pair in "$NS_A $IF_A" "$NS_R $IF_RA" "$NS_R $IF_RB" "$NS_B $IF_B"; do
	set -- $pair
	for f in tx rx tso gso gro; do
		ip netns exec "$1" ethtool -K "$2" "$f" off >/dev/null 2>&1 || true
	done
done
# Neighbours and routes warm, so the first echo is not late.
netns_exec "$NS_A" ping -c 1 -W 2 "$IP4_B" >/dev/null
netns_exec "$NS_A" ping -c 1 -W 2 "$IP6_B" >/dev/null
netns_exec "$NS_R" ping -c 1 -W 2 "$IP6_A" >/dev/null

nft_b() { ip netns exec "$NS_B" nft -f -; }
nft_r() { ip netns exec "$NS_R" nft -f -; }
clear_rules() {
	ip netns exec "$NS_B" nft flush ruleset
	ip netns exec "$NS_R" nft flush ruleset
}

# record NAME PING-ARGS...: tcpdump on A while iputils ping runs there.
record() {
	local name=$1
	shift
	local pcap="$NETNS_TMP/$name.pcap"
	netns_bg "$NS_A" "$NETNS_TMP/$name.tcpdump" tcpdump -n -U --immediate-mode -i "$IF_A" \
		--time-stamp-precision=nano -w "$pcap" icmp or icmp6
	local tpid=$NETNS_LAST_PID
	netns_wait_file "$NETNS_TMP/$name.tcpdump" "listening on" 5 || fail "tcpdump did not start"
	netns_exec "$NS_A" ping "$@" >"$out/$name.iputils.txt" 2>&1 || true
	sleep 0.3
	kill -INT "$tpid" 2>/dev/null || true
	netns_wait "$tpid" || true
	cp "$pcap" "$out/$name.pcap"
	echo "recorded $name: $(grep -c . "$out/$name.iputils.txt") lines from iputils ping $*"
}

# IPv4 echo: request 2 dropped by the target (lost), reply 4 sent twice
# (an nftables dup copy through the router).
nft_b <<EOF
table ip rkping {
	chain in {
		type filter hook input priority 0
		icmp type echo-request icmp sequence 2 drop
	}
	chain out {
		type filter hook output priority 0
		icmp type echo-reply icmp sequence 4 dup to $IP4_RB device "$IF_B"
	}
}
EOF
record echo4 -c 6 -i 0.2 "$IP4_B"
clear_rules

# IPv6, the same.
nft_b <<EOF
table ip6 rkping {
	chain in {
		type filter hook input priority 0
		icmpv6 type echo-request icmpv6 sequence 2 drop
	}
	chain out {
		type filter hook output priority 0
		icmpv6 type echo-reply icmpv6 sequence 4 dup to $IP6_RB device "$IF_B"
	}
}
EOF
record echo6 -c 6 -i 0.2 "$IP6_B"
clear_rules

# TTL / hop limit 1: the router answers Time exceeded.
record ttl4 -c 3 -i 0.2 -t 1 "$IP4_B"
record ttl6 -c 3 -i 0.2 -t 1 "$IP6_B"

# Replies and one unreachable: the target rejects request 2.
nft_b <<EOF
table inet rkping {
	chain in {
		type filter hook input priority 0
		icmp type echo-request icmp sequence 2 reject with icmp type host-unreachable
		icmpv6 type echo-request icmpv6 sequence 2 reject with icmpv6 type admin-prohibited
	}
}
EOF
record unreach4 -c 3 -i 0.2 "$IP4_B"
record unreach6 -c 3 -i 0.2 "$IP6_B"
clear_rules

# Path MTU 1400 behind the router: Frag needed / Packet too big.
ip -n "$NS_R" link set "$IF_RB" mtu 1400
record fragneeded4 -c 1 -s 1400 -M do "$IP4_B"
record toobig6 -c 1 -s 1400 -M do "$IP6_B"
ip -n "$NS_R" link set "$IF_RB" mtu 1500
