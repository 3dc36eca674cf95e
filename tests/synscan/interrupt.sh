#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-2-Clause
# interrupt.sh - SIGINT stops sending, waits, reports what was found, and
# prints a resume hint; running again with that --resume-index sends exactly
# the probes the first run had not (counted on the target: every
# (address, port) pair once, none twice), with three sender threads in the
# interrupted run and two in the resumed one.
# Usage: interrupt.sh RK-SYNSCAN SYNSCAN_LISTEN
. "$(dirname "$0")/lib.sh"

synscan_setup
synscan_anyip 198.19.0.0/28
synscan_count_probes 1 2000
synscan_listen 100 80
out=$NETNS_TMP/first.json
err=$NETNS_TMP/first.err
# 32,000 probes at 4,000/s: about 8 s unless interrupted.
NETNS_TIMEOUT=30 netns_exec "$NS_A" "$SCAN" --seed 9 --retries 0 --wait 1 -p 1-2000 \
	--rate 4000 --sender-threads 3 --json 198.19.0.0/28 >"$out" 2>"$err" &
pid=$!
sleep 2
for p in $(ip netns pids "$NS_A"); do
	[ "$(cat "/proc/$p/comm" 2>/dev/null)" = rk-synscan ] && kill -INT "$p"
done
wait "$pid"
rc=$?
[ "$rc" -eq 0 ] || [ "$rc" -eq 1 ] || { cat "$err"; fail "interrupted run: exit $rc"; }
[ "$(summary_field "$out" interrupted)" = true ] || fail "summary does not say interrupted"
k=$(summary_field "$out" resume_index)
grep -q -- "--seed 9 --resume-index $k\$" "$err" || { cat "$err"; fail "no resume hint for $k"; }
seen=$(synscan_counter probes)
echo "interrupted after $k probes (target saw $seen)"
[ "$k" -gt 0 ] && [ "$k" -lt 32000 ] || fail "resume index $k"
[ "$seen" -eq "$k" ] || fail "target saw $seen probes, resume index $k"

out2=$NETNS_TMP/second.json
NETNS_TIMEOUT=30 netns_exec "$NS_A" "$SCAN" --seed 9 --retries 0 --wait 1 -p 1-2000 \
	--rate 20000 --sender-threads 2 --resume-index "$k" --json -q 198.19.0.0/28 >"$out2"
[ "$(summary_field "$out2" probes)" -eq $((32000 - k)) ] || fail "resumed run: $(summary_field "$out2" probes) probes"
[ "$(synscan_counter probes)" -eq 32000 ] || fail "target saw $(synscan_counter probes) probes in all"
[ "$(synscan_counter dups)" -eq 0 ] || fail "$(synscan_counter dups) probes repeated"
# Port 80 is open on all 16 hosts: both runs together find them all.
found=$(cat "$out" "$out2" | open_ports /dev/stdin | wc -l)
[ "$found" -eq 16 ] || fail "found $found of 16 open ports"
echo "PASS: interrupt"
