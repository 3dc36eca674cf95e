#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-2-Clause
# replay.sh - rk-ping's deterministic tests, no root, no network: each line
# of captures/ping/TESTLIST plays a recorded exchange through rk-ping's
# replay backend (rawkit's wire file backend) and diffs what it prints, and
# its exit status, against the reviewed expected output. For exchanges
# recorded with iputils ping, rk-ping's lines must also be iputils' lines
# (round-trip figures aside: the recording's timestamps are tcpdump's).
# Then the requests rk-ping built during one replay are compared with the
# recorded ones (identifier, sequence, length), and the built captures are
# checked to be what captures/ping/make_reorder.c writes.
#
#   tests/ping/replay.sh RK_PING MAKE_CAPTURES [--update]
#
# --update rewrites the expected files (review the diff before committing).
set -u

rk_ping=$1
make_captures=${2:-}
update=${3:-}
dir=$(cd "$(dirname "$0")/../../captures/ping" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

pass=0
failed=0
ok() { pass=$((pass + 1)); }
bad() {
	failed=$((failed + 1))
	echo "FAIL: $*" >&2
}

# Round-trip figures differ between iputils' socket timestamps and the
# capture's; everything else must not.
normalize() {
	sed -E 's/time=[0-9.]+ ms/time=X ms/; s#= [0-9./]+ ms#= X ms#; s/time [0-9]+ms/time Xms/'
}

while read -r name pcap expected rc args; do
	case $name in '' | '#'*) continue ;; esac
	# shellcheck disable=SC2086
	"$rk_ping" --replay "$dir/$pcap" $args >"$tmp/out" 2>"$tmp/err"
	got=$?
	if [ "$update" = --update ]; then
		cp "$tmp/out" "$dir/$expected"
	fi
	if ! diff -u "$dir/$expected" "$tmp/out" >"$tmp/diff"; then
		bad "$name: output differs from $expected"
		cat "$tmp/diff" >&2
	else
		ok
	fi
	if [ "$got" != "$rc" ]; then
		bad "$name: exit status $got, expected $rc"
		cat "$tmp/err" >&2
	else
		ok
	fi
	if [ "$name.pcap" = "$pcap" ] && [ -f "$dir/$name.iputils.txt" ]; then
		if ! diff -u <(normalize <"$dir/$name.iputils.txt") <(normalize <"$tmp/out") >"$tmp/diff"; then
			bad "$name: not what iputils ping printed"
			cat "$tmp/diff" >&2
		else
			ok
		fi
	fi
done <"$dir/TESTLIST"

# The requests built in a replay, as the wire file backend wrote them: the
# recording's identifier and sequence numbers, iputils' 64-byte message.
if command -v tcpdump >/dev/null 2>&1; then
	"$rk_ping" --replay "$dir/echo4.pcap" --replay-sent "$tmp/sent.pcap" -c 6 -i 0.2 198.18.2.1 >/dev/null
	tcpdump -n -r "$dir/echo4.pcap" 'icmp[0] = 8' 2>/dev/null |
		sed -E 's/.*(echo request, id [0-9]+, seq [0-9]+, length [0-9]+).*/\1/' >"$tmp/recorded"
	tcpdump -n -r "$tmp/sent.pcap" 2>/dev/null |
		sed -E 's/.*(echo request, id [0-9]+, seq [0-9]+, length [0-9]+).*/\1/' >"$tmp/built"
	if [ -s "$tmp/built" ] && diff -u "$tmp/recorded" "$tmp/built" >"$tmp/diff"; then
		ok
	else
		bad "requests built in the replay differ from the recorded ones"
		cat "$tmp/diff" >&2
	fi
	# TTL, DF and the IPv4 id are rawkit's: 64 (this host's default), DF, 1, 2, 3 ...
	if tcpdump -n -v -r "$tmp/sent.pcap" 2>/dev/null | grep "ttl 64, id 3, offset 0, flags \[DF\]" >/dev/null; then
		ok
	else
		bad "built requests lack rawkit's TTL / id / DF"
	fi
fi

# The built captures are exactly what the generator writes.
if [ -n "$make_captures" ]; then
	if "$make_captures" "$tmp" && cmp "$tmp/reorder4.pcap" "$dir/reorder4.pcap" &&
		cmp "$tmp/reorder6.pcap" "$dir/reorder6.pcap"; then
		ok
	else
		bad "make_reorder.c does not reproduce reorder4.pcap / reorder6.pcap"
	fi
fi

echo "ping replay: $pass passed, $failed failed"
[ "$failed" -eq 0 ]
