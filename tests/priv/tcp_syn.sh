#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-2-Clause
# tcp_syn.sh - live test (b): a TCP SYN built with rawkit, sent from
# namespace A to a listening port in B, must draw a SYN-ACK (flags, ack ==
# seq + 1, ports), read back once on a raw IPPROTO_TCP socket with kernel
# timestamps, once through the live wire backend (libpcap + BPF filter) on
# A's interface, and once through a wire naming no interface ("any").
# Usage: tcp_syn.sh BINDIR
set -u
# shellcheck source=SCRIPTDIR/../netns/netns.sh
. "$(dirname "$0")/../netns/netns.sh"
bin=${1:?usage: tcp_syn.sh BINDIR}

[ -x "$bin/priv_tcp_syn" ] || fail "$bin/priv_tcp_syn is missing: build the tests first"
netns_require
netns_setup2
netns_tmpdir
out=$NETNS_TMP/listen.out

netns_bg "$NS_B" "$out" "$bin/priv_tcp_syn" listen "$IP4_B" 40080 10
netns_wait_file "$out" ready 5 || { cat "$out"; fail "listener did not start"; }

sport=40100
for mode in sock wire any; do
	netns_exec "$NS_A" "$bin/priv_tcp_syn" syn "$mode" "$IF_A" "$IP4_A" "$IP4_B" "$sport" 40080
	rc=$?
	[ "$rc" -eq 77 ] && skip "no raw socket"
	[ "$rc" -eq 0 ] || fail "SYN via $mode exited $rc"
	sport=$((sport + 1))
done
echo "PASS: tcp_syn"
