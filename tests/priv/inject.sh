#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-2-Clause
# inject.sh - live test (d): an Ethernet frame with a deliberately wrong IPv4
# header checksum, injected at layer 2 in namespace A with the libnet
# injector, must be captured byte-identical by libpcap in namespace B (and
# survive a round trip through a pcap file and the wire file backend).
# Usage: inject.sh BINDIR
set -u
# shellcheck source=SCRIPTDIR/../netns/netns.sh
. "$(dirname "$0")/../netns/netns.sh"
bin=${1:?usage: inject.sh BINDIR}

[ -x "$bin/priv_inject" ] || fail "$bin/priv_inject is missing: build the tests first"
netns_require
netns_setup2
netns_tmpdir
out=$NETNS_TMP/capture.out

netns_bg "$NS_B" "$out" "$bin/priv_inject" capture "$IF_B" "$MAC_A" "$MAC_B" "$IP4_A" "$IP4_B" \
	5000 "$NETNS_TMP/captured.pcap"
cap=$NETNS_LAST_PID
netns_wait_file "$out" ready 5 || { cat "$out"; fail "capture did not start"; }

netns_exec "$NS_A" "$bin/priv_inject" send "$IF_A" "$MAC_A" "$MAC_B" "$IP4_A" "$IP4_B"
rc=$?
[ "$rc" -eq 77 ] && skip "no packet socket"
[ "$rc" -eq 0 ] || fail "injector exited $rc"

netns_wait "$cap" || { cat "$out"; fail "the frame was not captured as sent"; }
cat "$out"
echo "PASS: inject"
