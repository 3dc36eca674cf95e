#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-2-Clause
# udp6.sh - live test (c): udp4.sh over IPv6. UDP datagrams built with
# rawkit leave namespace A through the IPv6 IPPROTO_RAW socket (header
# included; one alone, the rest in a sendmmsg batch; directly and through
# the live wire backend); an ordinary UDP socket in B must receive all of
# them from A's address, payload intact. Addresses are in 2001:2::/48 and
# DAD is off. Usage: udp6.sh BINDIR
set -u
# shellcheck source=SCRIPTDIR/../netns/netns.sh
. "$(dirname "$0")/../netns/netns.sh"
bin=${1:?usage: udp6.sh BINDIR}

[ -x "$bin/priv_udp" ] || fail "$bin/priv_udp is missing: build the tests first"
netns_require
netns_setup2
netns_tmpdir

# Once through sock.h directly, once through the live wire backend.
port=40001
for mode in sock wire; do
	out=$NETNS_TMP/recv-$mode.out
	netns_bg "$NS_B" "$out" "$bin/priv_udp" recv "$IP6_B" "$port" "$IP6_A" 40000 5 5000
	rx=$NETNS_LAST_PID
	netns_wait_file "$out" ready 5 || { cat "$out"; fail "receiver did not start"; }

	netns_exec "$NS_A" "$bin/priv_udp" send "$mode" "$IF_A" "$IP6_A" "$IP6_B" 40000 "$port" 5
	rc=$?
	[ "$rc" -eq 77 ] && skip "no raw socket"
	[ "$rc" -eq 0 ] || fail "sender ($mode) exited $rc"

	netns_wait "$rx" || { cat "$out"; fail "receiver did not get every datagram ($mode)"; }
	cat "$out"
	port=$((port + 1))
done
echo "PASS: udp6"
