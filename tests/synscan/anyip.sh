#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-2-Clause
# anyip.sh - the target namespace owns all of 198.19.0.0/16 through an
# AnyIP route and listens on 0.0.0.0:80: `-p80 198.19.0.0/16` must find all
# 65,536 hosts, each once; -oG lists them too.
# Usage: anyip.sh RK-SYNSCAN SYNSCAN_LISTEN
. "$(dirname "$0")/lib.sh"

synscan_setup
synscan_anyip 198.19.0.0/16
synscan_listen 100 80
out=$NETNS_TMP/sweep.json
NETNS_TIMEOUT=60 netns_exec "$NS_A" "$SCAN" -p80 --rate 100000 --wait 2 --json -q \
	-oG "$NETNS_TMP/sweep.gnmap" 198.19.0.0/16 >"$out"
rc=$?
[ "$rc" -eq 0 ] || fail "exit $rc"
found=$(open_ports "$out" | wc -l)
lines=$(grep -c '"state":"open"' "$out")
echo "found $found hosts ($lines lines), rate $(summary_field "$out" rate)/s," \
	"capture drops $(summary_field "$out" capture_drops)"
[ "$found" -eq 65536 ] || fail "found $found of 65536 hosts"
[ "$lines" -eq 65536 ] || fail "$lines result lines: duplicates"
open_ports "$out" | awk '$2 != 80 || $1 !~ /^198\.19\./' | grep -q . && fail "a result outside the scan"
g=$(grep -c $'^Host: 198\\.19\\.[0-9.]* ()\tPorts: 80/open/tcp/////$' "$NETNS_TMP/sweep.gnmap")
[ "$g" -eq 65536 ] || fail "-oG lists $g hosts"
grep -q "^# rk-synscan done at .* 65536 IP addresses (65536 hosts up)" "$NETNS_TMP/sweep.gnmap" ||
	fail "-oG trailer"
echo "PASS: anyip"
