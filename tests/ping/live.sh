#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-2-Clause
# live.sh - rk-ping on the private test network (label priv): three
# namespaces from tests/netns/netns.sh, client A - router R - target B,
# addresses 198.18.0.0/15 and 2001:2::/48 only, every run bounded by -c and
# by netns_exec's time limit, namespaces torn down by its trap. Exits 77
# (skipped) when namespaces cannot be made.
#
#   tests/ping/live.sh RK_PING
#
# Checks, for IPv4 and IPv6: no loss to B; TTL / hop limit 1 draws Time
# exceeded from R; an nftables rule dropping ~30% of the echo requests at
# random gives a loss figure within statistical bounds and equal to the
# rule's own counter; a reject rule is reported as the unreachable it
# sends; an nftables dup rule shows (DUP!); lines field by field against
# iputils ping run on the same network in the same test; then bad input
# (clear message, exit 2, nothing sent), the unprivileged fallback and
# CAP_NET_RAW without root, privileges dropped, other pingers' replies
# ignored, SIGINT, flood, -I and --json.
set -u

rk_ping=$1
here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=../netns/netns.sh
. "$here/../netns/netns.sh"
netns_require
command -v nft >/dev/null 2>&1 || skip "needs nftables (nft)"
netns_setup3
netns_tmpdir
T=$NETNS_TMP
have_iputils=0
command -v ping >/dev/null 2>&1 && ping -V 2>/dev/null | grep -q iputils && have_iputils=1

pass=0
failed=0
ok() { pass=$((pass + 1)); }
bad() {
	failed=$((failed + 1))
	echo "FAIL: $*" >&2
}
# check DESCRIPTION COMMAND...: the command must succeed.
check() {
	local what=$1
	shift
	if "$@"; then ok; else bad "$what"; fi
}
has() { grep -q -- "$2" "$1"; }
lacks() { ! grep -q -- "$2" "$1"; }

A() { netns_exec "$NS_A" "$@"; }
rk() { A "$rk_ping" "$@"; }
nft_b() { ip netns exec "$NS_B" nft -f -; }
clear_b() { ip netns exec "$NS_B" nft flush ruleset; }

# Round-trip figures aside, iputils' lines and ours must be the same.
normalize() {
	sed -E 's/time=[0-9.]+ ms/time=X ms/; s#= [0-9./]+ ms#= X ms#; s/time [0-9]+ms/time Xms/'
}
# same_as_iputils NAME ARGS...: run both, compare line by line.
same_as_iputils() {
	local name=$1
	shift
	[ "$have_iputils" = 1 ] || return 0
	rk "$@" >"$T/$name.rk" 2>&1
	local rc_rk=$?
	A ping "$@" >"$T/$name.ip" 2>&1
	local rc_ip=$?
	if diff -u <(normalize <"$T/$name.ip") <(normalize <"$T/$name.rk") >"$T/$name.diff"; then
		ok
	else
		bad "$name: rk-ping's lines differ from iputils ping's"
		cat "$T/$name.diff" >&2
	fi
	[ "$rc_rk" = "$rc_ip" ] && ok || bad "$name: exit $rc_rk, iputils $rc_ip"
}

# No ICMP rate limits: every error the tests provoke must come back.
for ns in "$NS_A" "$NS_R" "$NS_B"; do
	ip netns exec "$ns" sysctl -qw net.ipv4.icmp_ratelimit=0 net.ipv6.icmp.ratelimit=0 \
		>/dev/null 2>&1 || true
done

# Warm the neighbour caches so no first reply is late.
rk -c 1 -W 2 "$IP4_B" >/dev/null 2>&1
rk -c 1 -W 2 "$IP6_B" >/dev/null 2>&1
ip netns exec "$NS_R" "$rk_ping" -c 1 -W 2 "$IP6_A" >/dev/null 2>&1

for v in 4 6; do
	if [ $v = 4 ]; then
		B=$IP4_B RA=$IP4_RA RB=$IP4_RB fam=ip icmp=icmp
		exceeded="Time to live exceeded" unreach="Destination Host Unreachable"
		reject="reject with icmp type host-unreachable"
	else
		B=$IP6_B RA=$IP6_RA RB=$IP6_RB fam=ip6 icmp=icmpv6
		exceeded="Time exceeded: Hop limit" unreach="Destination unreachable: Administratively prohibited"
		reject="reject with icmpv6 type admin-prohibited"
	fi

	# No loss, and iputils' lines.
	rk -c 5 -i 0.05 "$B" >"$T/ok$v" 2>&1
	check "IPv$v: exit 0 with every reply" test $? -eq 0
	check "IPv$v: 0% loss" has "$T/ok$v" "5 packets transmitted, 5 received, 0% packet loss"
	check "IPv$v: reply line" grep -Eq "^64 bytes from $B: icmp_seq=5 ttl=63 time=[0-9]+\.[0-9]+ ms$" "$T/ok$v"
	check "IPv$v: rtt line" grep -Eq '^rtt min/avg/max/mdev = [0-9.]+/[0-9.]+/[0-9.]+/[0-9.]+ ms$' "$T/ok$v"
	same_as_iputils "echo$v" -c 5 -i 0.05 "$B"
	same_as_iputils "size$v" -c 2 -i 0.05 -s 1000 "$B"
	same_as_iputils "small$v" -c 2 -i 0.05 -s 8 "$B"

	# TTL 1: Time exceeded from the router.
	rk -c 3 -i 0.05 -t 1 "$B" >"$T/ttl$v" 2>&1
	check "IPv$v -t 1: exit 1 (no reply)" test $? -eq 1
	check "IPv$v -t 1: From the router" has "$T/ttl$v" "From $RA icmp_seq=3 $exceeded"
	check "IPv$v -t 1: errors counted" has "$T/ttl$v" "3 packets transmitted, 0 received, +3 errors, 100% packet loss"
	same_as_iputils "ttl$v" -c 3 -i 0.05 -t 1 "$B"

	# ~30% of the requests dropped at random by B; the rule counts them.
	nft_b <<EOF
table $fam rkping {
	chain in {
		type filter hook input priority 0
		$icmp type echo-request numgen random mod 100 < 30 counter drop
	}
}
EOF
	rk -q -c 300 -i 0.005 "$B" >"$T/loss$v" 2>&1
	dropped=$(ip netns exec "$NS_B" nft list ruleset | sed -nE 's/.*counter packets ([0-9]+).*/\1/p')
	clear_b
	line=$(grep "packets transmitted" "$T/loss$v")
	tx=$(echo "$line" | sed -E 's/^([0-9]+) packets transmitted.*/\1/')
	rx=$(echo "$line" | sed -E 's/.* ([0-9]+) received.*/\1/')
	# Binomial(300, 0.3): 90 +- 7.9; 42..138 drops is beyond 6 sigma.
	check "IPv$v loss: 300 sent" test "$tx" = 300
	check "IPv$v loss: $((tx - rx)) lost, the rule dropped $dropped" test "$((tx - rx))" = "$dropped"
	check "IPv$v loss: $dropped of 300 within bounds" test "$dropped" -ge 42 -a "$dropped" -le 138
	loss=$(echo "$line" | sed -E 's/.* ([0-9.]+)% packet loss.*/\1/')
	check "IPv$v loss: figure $loss% matches" \
		awk -v l="$loss" -v d="$dropped" 'BEGIN { exit !(l - d * 100 / 300 < 0.001 && d * 100 / 300 - l < 0.001) }'

	# A reject rule: its unreachable is reported.
	nft_b <<EOF
table $fam rkping {
	chain in {
		type filter hook input priority 0
		$icmp type echo-request $reject
	}
}
EOF
	rk -c 2 -i 0.05 "$B" >"$T/rej$v" 2>&1
	check "IPv$v reject: exit 1" test $? -eq 1
	check "IPv$v reject: reported" has "$T/rej$v" "From $B icmp_seq=2 $unreach"
	check "IPv$v reject: counted" has "$T/rej$v" "2 packets transmitted, 0 received, +2 errors, 100% packet loss"
	same_as_iputils "reject$v" -c 2 -i 0.05 "$B"
	clear_b

	# Every reply sent twice (a copy through the router): (DUP!).
	nft_b <<EOF
table $fam rkping {
	chain out {
		type filter hook output priority 0
		$icmp type echo-reply dup to $RB device "$IF_B"
	}
}
EOF
	rk -c 3 -i 0.1 "$B" >"$T/dup$v" 2>&1
	check "IPv$v dup: exit 0" test $? -eq 0
	check "IPv$v dup: (DUP!)" grep -Eq "^64 bytes from $B: icmp_seq=1 ttl=63 time=[0-9.]+ ms \(DUP!\)$" "$T/dup$v"
	check "IPv$v dup: counted" grep -Eq "^3 packets transmitted, 3 received, \+[23] duplicates, 0% packet loss" "$T/dup$v"
	same_as_iputils "dup$v" -c 3 -i 0.1 "$B"
	clear_b

	# Path MTU 1400 behind R: Frag needed / Packet too big.
	ip -n "$NS_R" link set "$IF_RB" mtu 1400
	rk -c 1 -s 1400 -M do "$B" >"$T/mtu$v" 2>&1
	check "IPv$v mtu: exit 1" test $? -eq 1
	if [ $v = 4 ]; then
		check "IPv4 mtu: reported" has "$T/mtu4" "From $RA icmp_seq=1 Frag needed and DF set (mtu = 1400)"
	else
		check "IPv6 mtu: reported" has "$T/mtu6" "From $RA icmp_seq=1 Packet too big: mtu=1400"
	fi
	ip -n "$NS_R" link set "$IF_RB" mtu 1500
	A ip route flush cache >/dev/null 2>&1
	A ip -6 route flush cache >/dev/null 2>&1
done

# What rawkit put in the IPv4 header: TTL, TOS, DF, id (seen by tcpdump on B).
if command -v tcpdump >/dev/null 2>&1; then
	netns_bg "$NS_B" "$T/tcpdump.log" tcpdump -n -v -l --immediate-mode -i "$IF_B" icmp
	tpid=$NETNS_LAST_PID
	netns_wait_file "$T/tcpdump.log" "listening on" 5
	rk -c 2 -i 0.1 -t 9 -Q 0x20 -M dont "$IP4_B" >/dev/null 2>&1
	sleep 0.3
	kill "$tpid" 2>/dev/null
	netns_wait "$tpid"
	check "header: TTL 8 after R, TOS 0x20, no DF" \
		grep -Eq "tos 0x20, ttl 8, id [0-9]+, offset 0, flags \[none\], proto ICMP" "$T/tcpdump.log"
fi

# Bad input: a clear message, exit 2, nothing sent (A's echo requests counted;
# the kernel's own neighbour discovery may come and go meanwhile).
ip netns exec "$NS_A" nft -f - <<EOF
table inet rkcount {
	chain out {
		type filter hook output priority 0
		icmp type echo-request counter
		icmpv6 type echo-request counter
	}
}
EOF
bad_input() {
	local what=$1 msg=$2
	shift 2
	rk "$@" >"$T/badout" 2>"$T/baderr"
	local rc=$?
	check "$what: exit 2 (got $rc)" test $rc -eq 2
	check "$what: says '$msg'" has "$T/baderr" "rk-ping: .*$msg"
	check "$what: nothing on stdout" test ! -s "$T/badout"
}
bad_input "unknown host" "unknown..host: " -c 1 unknown..host
bad_input "bad count" "-c: 'x' is not a number" -c x "$IP4_B"
bad_input "zero count" "-c: '0' is too small (minimum 1)" -c 0 "$IP4_B"
bad_input "bad interval" "-i: 'fast' is not a number of seconds" -i fast "$IP4_B"
bad_input "bad size" "-s: '65528' is too large (maximum 65527)" -s 65528 "$IP4_B"
bad_input "size too large for IPv4" "-s: 65520 is too large for IPv4" -s 65520 "$IP4_B"
bad_input "bad ttl" "-t: '256' is too large (maximum 255)" -t 256 "$IP4_B"
bad_input "broadcast without -b" "198.18.1.255 is a broadcast address: give -b" -c 1 198.18.1.255
bad_input "no such interface" "-I: nosuch0: no such interface" -c 1 -I nosuch0 "$IP4_B"
bad_input "foreign source" "-I 198.18.9.9: bind: Cannot assign requested address" -c 1 -I 198.18.9.9 "$IP4_B"
sent=$(ip netns exec "$NS_A" nft list ruleset | sed -nE 's/.*counter packets ([0-9]+).*/\1/p' | paste -sd+ | bc)
check "bad input: no echo request sent ($sent)" test "$sent" = 0
ip netns exec "$NS_A" nft delete table inet rkcount

# Broadcast with -b: allowed (the replies, if any, are not DUPs).
rk -b -c 1 -W 1 198.18.1.255 >"$T/bcast" 2>&1
check "broadcast with -b runs" has "$T/bcast" "PING 198.18.1.255 (198.18.1.255) 56(84) bytes of data."

# Without root: the unprivileged ICMP socket where ping_group_range allows.
nobody() { A setpriv --reuid=65534 --regid=65534 --clear-groups "$@"; }
if command -v setpriv >/dev/null 2>&1 && nobody test -x "$rk_ping"; then
	A sysctl -qw net.ipv4.ping_group_range="1 0"
	nobody "$rk_ping" -c 1 "$IP4_B" >"$T/np" 2>"$T/nperr"
	check "no privilege, no ping group: exit 2" test $? -eq 2
	check "no privilege: names CAP_NET_RAW" has "$T/nperr" "needs root or CAP_NET_RAW"
	check "no privilege: names ping_group_range" has "$T/nperr" "outside net.ipv4.ping_group_range = 1 0"
	A sysctl -qw net.ipv4.ping_group_range="0 2147483647"
	for B in "$IP4_B" "$IP6_B"; do
		nobody "$rk_ping" -c 3 -i 0.05 "$B" >"$T/dg" 2>&1
		check "datagram socket to $B: exit 0" test $? -eq 0
		check "datagram socket to $B: replies" has "$T/dg" "3 packets transmitted, 3 received, 0% packet loss"
		check "datagram socket to $B: ttl" grep -Eq "icmp_seq=3 ttl=63 time=" "$T/dg"
	done
	nft_b <<EOF
table inet rkping {
	chain in {
		type filter hook input priority 0
		icmp type echo-request reject with icmp type port-unreachable
	}
}
EOF
	nobody "$rk_ping" -c 2 -i 0.05 "$IP4_B" >"$T/dgerr" 2>&1
	check "datagram socket: ICMP error from the error queue" has "$T/dgerr" "From $IP4_B icmp_seq=2 Destination Port Unreachable"
	clear_b
	nobody "$rk_ping" -c 1 -t 5 "$IP4_B" >"$T/dgt" 2>&1
	check "datagram socket refuses -t: exit 2" test $? -eq 2
	check "datagram socket refuses -t: says why" has "$T/dgt" "-t, -Q and -M need that raw socket"
	nobody "$rk_ping" -c 1 -i 0.001 "$IP4_B" >"$T/dgi" 2>&1
	check "user interval below 2 ms: exit 2" test $? -eq 2
	A sysctl -qw net.ipv4.ping_group_range="1 0"
	# CAP_NET_RAW without root: the raw socket, -t allowed.
	nobody --inh-caps +net_raw --ambient-caps +net_raw "$rk_ping" -c 2 -i 0.05 -t 1 "$IP4_B" >"$T/cap" 2>&1
	check "CAP_NET_RAW as a user: raw socket (-t 1 works)" has "$T/cap" "From $IP4_RA icmp_seq=2 Time to live exceeded"
fi

# Privileges dropped once the sockets are open: no capability left.
A sh -c 'echo $$ >"$1"; exec "$2" -c 4 -i 0.25 "$3"' sh "$T/pid" "$rk_ping" "$IP4_B" >"$T/privout" 2>&1 &
bgpid=$!
sleep 0.5
pid=$(cat "$T/pid" 2>/dev/null)
capeff=$(sed -nE 's/^CapEff:\s+([0-9a-f]+)/\1/p' "/proc/$pid/status" 2>/dev/null)
capprm=$(sed -nE 's/^CapPrm:\s+([0-9a-f]+)/\1/p' "/proc/$pid/status" 2>/dev/null)
wait "$bgpid"
check "privileges dropped while running (CapEff $capeff CapPrm $capprm)" \
	test "$capeff" = 0000000000000000 -a "$capprm" = 0000000000000000
check "and it still works" has "$T/privout" "4 packets transmitted, 4 received"

# Another pinger on the same host, same target, same time: not counted.
netns_bg "$NS_A" "$T/other" "$rk_ping" -c 20 -i 0.01 "$IP4_B"
other=$NETNS_LAST_PID
rk -c 20 -i 0.01 "$IP4_B" >"$T/mine" 2>&1
netns_wait "$other"
for f in "$T/mine" "$T/other"; do
	check "two pingers: exactly 20 received each" has "$f" "20 packets transmitted, 20 received, 0% packet loss"
	check "two pingers: no duplicates" lacks "$f" "DUP"
done

# SIGINT ends a run without -c with the statistics; replies came: exit 0.
A sh -c 'echo $$ >"$1"; exec "$2" -i 0.1 "$3"' sh "$T/pid2" "$rk_ping" "$IP4_B" >"$T/int" 2>&1 &
bgpid=$!
sleep 0.6
kill -INT "$(cat "$T/pid2")"
wait "$bgpid"
check "SIGINT: exit 0" test $? -eq 0
check "SIGINT: statistics printed" grep -Eq "^[0-9]+ packets transmitted, [0-9]+ received" "$T/int"

# Flood (root), quiet: every request answered.
rk -f -q -c 2000 "$IP4_B" >"$T/flood" 2>&1
check "flood: exit 0" test $? -eq 0
check "flood: all answered" has "$T/flood" "2000 packets transmitted, 2000 received, 0% packet loss"
check "flood: ipg/ewma" grep -Eq "ipg/ewma [0-9.]+/[0-9.]+ ms$" "$T/flood"
rk -f -c 50 "$IP6_B" >"$T/flood6" 2>&1
check "flood: dots and backspaces" test "$(head -c 200 "$T/flood6" | tr -cd '.' | wc -c)" -ge 1

# -I: interface and source address in the PING line.
rk -c 1 -I "$IF_A" "$IP4_B" >"$T/ifa" 2>&1
check "-I IFACE" has "$T/ifa" "PING $IP4_B ($IP4_B) from $IP4_A $IF_A: 56(84) bytes of data."
same_as_iputils "iface" -c 2 -i 0.05 -I "$IF_A" "$IP4_B"
same_as_iputils "source6" -c 2 -i 0.05 -I "$IP6_A" "$IP6_B"

# --json: one object per reply, then the summary; valid JSON.
rk --json -c 3 -i 0.05 "$IP6_B" >"$T/json" 2>&1
check "--json: 4 objects" test "$(wc -l <"$T/json")" -eq 4
check "--json: summary last" grep -q '^{"type":"summary",.*"transmitted":3,"received":3' "$T/json"
if command -v python3 >/dev/null 2>&1; then
	check "--json: parses" python3 -c 'import json,sys; [json.loads(l) for l in open(sys.argv[1])]' "$T/json"
fi

echo "ping live: $pass passed, $failed failed"
[ "$failed" -eq 0 ]
