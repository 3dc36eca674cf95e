#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-2-Clause
# live.sh - rk-replay on the private test network (tests/netns/netns.sh:
# namespaces joined by a veth pair, torn down on any exit). rk-replay only
# ever runs inside namespace A, on A's veth; the fixtures' addresses
# (192.0.2.0/24, 2001:db8::/32, 198.18.0.0/15 ...) never leave A and B.
# Checks:
#   1. every EN10MB fixture under captures/ (and one as pcapng), replayed
#      from A at top speed (mixed_big.pcap at 20000 pps, so that the capture
#      keeps up), is captured in B frame for frame, byte-identical
#      and in order; once through the PF_PACKET sender, once through libnet.
#      A and B have no addresses and IPv6 off, so neither kernel sends or
#      answers anything; the capture keeps out B's own frames anyway.
#   2. timing: --pps 1000 for 2 s: the summary's rate within 2% of 1000 pps,
#      the capture's span, mean and median gap within 2%, 85% of the gaps
#      within +-0.5 ms of 1 ms (receiver timestamps: the capturing side's
#      jitter counts too); --multiplier 10 on a 6.25 s recording: elapsed
#      within 5% of 0.625 s; --mbps 1: the summary's Mbps within 2%. On a
#      shared host a timing check that misses is run once more (fails when
#      both attempts miss).
#   3. SIGINT stops a paced run: exit 0, the summary printed.
#   4. bad input (unknown or down interface, missing, damaged or cut
#      capture, an unsupported link type, bad numbers) exits 2 with a
#      message naming it, and B captures nothing but the 3 valid marker
#      frames sent afterwards; without CAP_NET_RAW, exit 2 naming it.
#   5. layer 3: the LINUX_SLL2 recording (198.18.0.0/24, 2001:2::/64) sent
#      over the raw sockets from A (addresses, no default route): every IP
#      packet to B's addresses is captured in B byte for byte; the RAW
#      fixture's packets are all accounted for (sent, failed or skipped).
# Every rk-replay run is bounded by --limit/--loop/--duration and by
# NETNS_TIMEOUT. Usage: live.sh RK_REPLAY CAPTURES_DIR [RK_SNIFF]
set -u
# shellcheck source=SCRIPTDIR/../netns/netns.sh
. "$(dirname "$0")/../netns/netns.sh"
replay=${1:?usage: live.sh RK_REPLAY CAPTURES_DIR [RK_SNIFF]}
captures=${2:?usage: live.sh RK_REPLAY CAPTURES_DIR [RK_SNIFF]}
sniff=${3:-}
here=$(cd "$(dirname "$0")" && pwd)
py=/usr/bin/python3
[ -x "$py" ] || py=python3
cmp="$here/pcapcmp.py"
[ -x "$replay" ] || fail "$replay is missing: build it first"
# The capture in B: rk-sniff when it captures live (-i, -w), else tcpdump.
if [ -n "$sniff" ] && [ -x "$sniff" ] && "$sniff" --help 2>/dev/null | grep -q -- '--interface' &&
	"$sniff" --help 2>/dev/null | grep -q -- '--packet-buffered'; then
	capturer=rk-sniff
elif command -v tcpdump >/dev/null 2>&1; then
	capturer=tcpdump
else
	skip "needs rk-sniff (live) or tcpdump for the capture in the peer namespace"
fi
netns_require
NETNS_TIMEOUT=20
echo "capturing with $capturer"

# cap_start FILE FILTER: capture on IF_B into FILE (promiscuous, every
# frame written at once, a 32 MiB buffer); sets CAP_PID.
cap_start() {
	local file=$1 filter=$2
	rm -f "$file" "$file.err"
	if [ "$capturer" = rk-sniff ]; then
		netns_bg "$NS_B" "$file.err" "$sniff" -i "$IF_B" -B 32768 -U --immediate-mode -w "$file" $filter
	else
		netns_bg "$NS_B" "$file.err" tcpdump -i "$IF_B" -B 32768 -U --immediate-mode -n -w "$file" $filter
	fi
	CAP_PID=$NETNS_LAST_PID
	netns_wait_file "$file.err" "listening on" 5 || fail "capture in B did not start: $(cat "$file.err")"
}

# cap_stop FILE N: wait (up to 5 s) until FILE holds N frames, a little
# longer for strays, then stop the capture.
cap_stop() {
	local file=$1 want=$2 i
	for ((i = 0; i < 100; i++)); do
		[ "$("$py" "$cmp" count "$file" 2>/dev/null || echo 0)" -ge "$want" ] && break
		sleep 0.05
	done
	sleep 0.3
	kill -INT "$CAP_PID" 2>/dev/null
	netns_wait "$CAP_PID" || true
	grep -Eq '(^| )0 packets dropped by kernel' "$file.err" ||
		echo "note: capture: $(grep dropped "$file.err")"
}

# run NAME ARGS...: rk-replay in A, stdout to $T/NAME.out, stderr to $T/NAME.err
run() {
	local name=$1
	shift
	netns_exec "$NS_A" "$replay" "$@" >"$T/$name.out" 2>"$T/$name.err"
}

field() { # field FILE LABEL: the number after "LABEL:" in a summary
	sed -n "s/^[[:space:]]*$2:[[:space:]]*\([0-9]*\).*/\1/p" "$1"
}

# Two quiet namespaces: veth with fixed MACs, no addresses, IPv6 off, MTU
# 9000 (fixture frames up to 1514 bytes, with VLAN tags).
quiet_pair() {
	netns_new a; NS_A=$NETNS_NEW
	netns_new b; NS_B=$NETNS_NEW
	local ns
	for ns in "$NS_A" "$NS_B"; do
		ip netns exec "$ns" sysctl -qw net.ipv6.conf.all.disable_ipv6=1 \
			net.ipv6.conf.default.disable_ipv6=1 >/dev/null || fail "IPv6 off in $ns"
	done
	IF_A="v${NETNS_IFID}a"
	IF_B="v${NETNS_IFID}b"
	MAC_A=02:72:6b:00:00:0a
	MAC_B=02:72:6b:00:00:0b
	netns_veth "$NS_A" "$IF_A" "$MAC_A" "$NS_B" "$IF_B" "$MAC_B"
	ip -n "$NS_A" link set "$IF_A" mtu 9000 || fail "mtu"
	ip -n "$NS_B" link set "$IF_B" mtu 9000 || fail "mtu"
}

quiet_pair
netns_tmpdir
T=$NETNS_TMP

# ---- 1. every EN10MB fixture, frame for frame
fixtures=()
while IFS= read -r f; do
	[ "$("$py" -c 'import struct,sys
d=open(sys.argv[1],"rb").read(24)
m=d[:4]
e="<" if m in (b"\xd4\xc3\xb2\xa1",b"\x4d\x3c\xb2\xa1") else ">"
print(struct.unpack(e+"I",d[20:24])[0] if len(d)==24 else -1)' "$f")" = 1 ] && fixtures+=("$f")
done < <(find "$captures" -name '*.pcap' | sort)
[ "${#fixtures[@]}" -ge 10 ] || fail "only ${#fixtures[@]} EN10MB fixtures under $captures"
have_pcapng=0
if command -v editcap >/dev/null 2>&1 && editcap -F pcapng "$captures/link_eth.pcap" "$T/link_eth.pcapng" 2>/dev/null; then
	have_pcapng=1
fi

for how in packet libnet; do
	cap_start "$T/l2-$how.pcap" "not ether src $MAC_B"
	total=0
	expected=("${fixtures[@]}")
	for f in "${fixtures[@]}"; do
		# Top speed, but the big one at 20000 pps: the capture in B must
		# keep up with it on a busy 2-core host (its drops are not ours).
		speed=-t
		[ "$(wc -c <"$f")" -gt 100000 ] && speed="-p 20000"
		run l2 -i "$IF_A" $speed -q --inject="$how" "$f"
		rc=$?
		if [ "$rc" -eq 2 ] && grep -q 'CAP_NET_RAW\|not permitted' "$T/l2.err"; then
			skip "no packet sockets: $(cat "$T/l2.err")"
		fi
		[ "$rc" -eq 0 ] || fail "$how: rk-replay $f: exit $rc: $(cat "$T/l2.err")"
		total=$((total + $("$py" -c 'import sys; sys.path.insert(0, sys.argv[1]); import pcapcmp
print(sum(1 for _, f in pcapcmp.read_pcap(sys.argv[2])[1] if len(f) >= 14 and not pcapcmp.vlan_cut(f)))' "$here" "$f")))
	done
	if [ "$how" = packet ] && [ "$have_pcapng" = 1 ]; then
		run l2 -i "$IF_A" -t -q "$T/link_eth.pcapng" || fail "pcapng: $(cat "$T/l2.err")"
		expected+=("$captures/link_eth.pcap")
		total=$((total + 16))
	fi
	cap_stop "$T/l2-$how.pcap" "$total"
	echo "-- $how sender (--inject=$how):"
	"$py" "$cmp" compare "$T/l2-$how.pcap" "${expected[@]}" ||
		fail "$how: the capture in B differs from the fixtures"
done

# ---- 2. timing. A shared 2-core host can stall any process for tens of
# milliseconds; a timing check that misses is run once more, and fails
# only when both attempts miss (both attempts' figures are printed).
pps_check() {
	cap_start "$T/pps.pcap" "not ether src $MAC_B"
	run pps -i "$IF_A" -p 1000 -L 2000 "$captures/mixed_big.pcap"
	local rc=$?
	cap_stop "$T/pps.pcap" 2000
	[ "$rc" -eq 0 ] || fail "--pps: exit $rc: $(cat "$T/pps.err")"
	cat "$T/pps.out"
	[ "$(field "$T/pps.out" 'Successful packets')" = 2000 ] || fail "--pps: not 2000 packets sent"
	"$py" - "$T/pps.out" <<'PY' || { echo "--pps 1000: rate off by more than 2%"; return 1; }
import re, sys
t = open(sys.argv[1]).read()
secs = float(re.search(r"sent in ([0-9.]+) seconds", t).group(1))
pps = float(re.search(r"Mbps, ([0-9.]+) pps", t).group(1))
print(f"--pps 1000: {pps:.2f} pps over {secs:.6f} s")
# 2000 packets, the first at 0: the last is due at 1.999 s
sys.exit(0 if abs(pps - 2000 / 1.999) <= 0.02 * 1000 and abs(secs - 1.999) <= 0.02 * 1.999 else 1)
PY
	"$py" "$cmp" gaps "$T/pps.pcap" 1000 2000 0.02 || { echo "--pps 1000: gaps in the capture"; return 1; }
}
pps_check || pps_check || fail "--pps 1000: timing missed twice"

mult_check() {
	run mult -i "$IF_A" -x 10 "$captures/recorded_v4v6.pcap"
	local rc=$?
	[ "$rc" -eq 0 ] || fail "--multiplier: exit $rc: $(cat "$T/mult.err")"
	"$py" - "$T/mult.out" <<'PY' || { echo "--multiplier 10: elapsed off by more than 5% of 0.625 s"; return 1; }
import re, sys
t = open(sys.argv[1]).read()
secs = float(re.search(r"sent in ([0-9.]+) seconds", t).group(1))
print(f"--multiplier 10: a 6.251975 s recording sent in {secs:.6f} s (expected 0.625198)")
sys.exit(0 if abs(secs - 0.6251975) <= 0.05 * 0.6251975 else 1)
PY
}
mult_check || mult_check || fail "--multiplier 10: timing missed twice"

mbps_check() {
	run mbps -i "$IF_A" -M 1 -L 1500 "$captures/mixed_big.pcap"
	local rc=$?
	[ "$rc" -eq 0 ] || fail "--mbps: exit $rc: $(cat "$T/mbps.err")"
	"$py" - "$T/mbps.out" <<'PY' || { echo "--mbps 1: rate off by more than 2%"; return 1; }
import re, sys
t = open(sys.argv[1]).read()
mbps = float(re.search(r"Bps, ([0-9.]+) Mbps", t).group(1))
secs = float(re.search(r"sent in ([0-9.]+) seconds", t).group(1))
print(f"--mbps 1: {mbps:.3f} Mbps over {secs:.3f} s")
# The last packet's bits are sent at its deadline, not before: allow them.
sys.exit(0 if abs(mbps - 1) <= 0.02 * 1 + 1500 * 8 / 1e6 / secs else 1)
PY
}
mbps_check || mbps_check || fail "--mbps 1: timing missed twice"

# ---- 3. SIGINT: stop, summary, exit 0
netns_bg "$NS_A" "$T/int.out" "$replay" -i "$IF_A" -p 200 --duration 10 "$captures/mixed_big.pcap"
pid=$NETNS_LAST_PID
sleep 1
# timeout(1) forwards the signal to ip netns exec's child (rk-replay).
kill -INT "$pid"
rc=0
netns_wait "$pid" || rc=$?
[ "$rc" -eq 0 ] || fail "SIGINT: exit $rc: $(cat "$T/int.out")"
n=$(field "$T/int.out" 'Successful packets')
[ -n "$n" ] && [ "$n" -ge 100 ] && [ "$n" -le 400 ] || fail "SIGINT after 1 s at 200 pps: '$n' packets: $(cat "$T/int.out")"
echo "SIGINT after 1 s at 200 pps: exit 0, $n packets, summary printed"

# ---- 4. bad input sends nothing
cap_start "$T/bad.pcap" ""
head -c 100000 "$captures/mixed_big.pcap" >"$T/cut.pcap"
printf 'not a capture\n' >"$T/text.pcap"
"$py" "$cmp" write "$T/wifi.pcap" 105 "$(printf '80%.0s' $(seq 1 40))"
# An interface that is down (a veth pair inside A, never set up).
ip -n "$NS_A" link add "d${NETNS_IFID}" type veth peer name "e${NETNS_IFID}" || fail "down interface"
bad() { # bad WANT ARGS...: exit 2, WANT in the message, nothing on stdout
	local want=$1
	shift
	run bad "$@"
	local rc=$?
	[ "$rc" -eq 2 ] || fail "rk-replay $* exited $rc, expected 2: $(cat "$T/bad.err")"
	grep -q -- "^rk-replay: .*$want" "$T/bad.err" || fail "rk-replay $*: message '$(cat "$T/bad.err")' lacks '$want'"
	[ -s "$T/bad.out" ] && fail "rk-replay $* printed: $(cat "$T/bad.out")"
	echo "refused:     $(head -n 1 "$T/bad.err")"
}
ok=$captures/link_eth.pcap
bad "unknown interface 'rknosuch0'" -i rknosuch0 -t "$ok"
bad "interface 'd${NETNS_IFID}' is down" -i "d${NETNS_IFID}" -t "$ok"
bad "$T/none.pcap: No such file or directory" -i "$IF_A" -t "$ok" "$T/none.pcap"
bad "$T/text.pcap: unknown file format" -i "$IF_A" -t "$T/text.pcap"
bad "truncated dump file.*nothing was sent" -i "$IF_A" -t "$ok" "$T/cut.pcap"
bad "link type 105 (IEEE802_11) is not supported" -i "$IF_A" -t "$T/wifi.pcap"
bad "-p: '0' is too small" -i "$IF_A" -p 0 "$ok"
bad "--pps: 'fast' is not a number" -i "$IF_A" --pps fast "$ok"
bad "-x: '-1' is too small" -i "$IF_A" -x -1 "$ok"
bad "--mbps: '1e9' is too large" -i "$IF_A" --mbps 1e9 "$ok"
bad "-l: 'x' is not a number" -i "$IF_A" -l x "$ok"
bad "-L: '0' is too small" -i "$IF_A" -L 0 "$ok"
bad "--duration: '-2' is too small" -i "$IF_A" --duration -2 "$ok"
bad "give one of -x, -p, -M and -t" -i "$IF_A" -t -p 10 "$ok"
bad "give the interface to send on" -t "$ok"
bad "no capture file given" -i "$IF_A" -t
if command -v setpriv >/dev/null 2>&1; then
	# Not bad input, but no privilege: also nothing sent, and the message names it.
	netns_exec "$NS_A" setpriv --reuid=65534 --regid=65534 --clear-groups --inh-caps=-all \
		"$replay" -i "$IF_A" -t "$ok" >"$T/bad.out" 2>"$T/bad.err"
	rc=$?
	[ "$rc" -eq 2 ] && grep -q "^rk-replay: .*Operation not permitted (needs root or CAP_NET_RAW" "$T/bad.err" ||
		fail "without privilege: exit $rc: $(cat "$T/bad.err")"
	echo "refused:     $(cat "$T/bad.err")"
fi
# Then the markers: three frames from A.
marker=$(printf 'rk-replay marker' | od -An -tx1 | tr -d ' \n')
"$py" "$cmp" write "$T/marker.pcap" 1 \
	"${MAC_B//:/}${MAC_A//:/}88b5${marker}01" "${MAC_B//:/}${MAC_A//:/}88b5${marker}02" \
	"${MAC_B//:/}${MAC_A//:/}88b5${marker}03"
run marker -i "$IF_A" -p 100 "$T/marker.pcap"
rc=$?
[ "$rc" -eq 0 ] || fail "markers: exit $rc: $(cat "$T/marker.err")"
cap_stop "$T/bad.pcap" 3
"$py" "$cmp" compare "$T/bad.pcap" "$T/marker.pcap" >"$T/bad.cmp" ||
	fail "bad input must send nothing: B captured other frames than the 3 markers: $(cat "$T/bad.cmp")"
echo "capture in B: the 3 markers only (bad input sent nothing)"

netns_cleanup

# ---- 5. layer 3: IP packets of SLL2 and RAW captures over the raw sockets
netns_setup2
netns_tmpdir
T=$NETNS_TMP
# The recording's addresses are the test network's: A 198.18.0.1, B .2.
# Static neighbours: no packet waits on ARP or ND.
ip -n "$NS_A" neigh replace "$IP4_B" lladdr "$MAC_B" dev "$IF_A" nud permanent || fail "neigh"
ip -n "$NS_A" -6 neigh replace "$IP6_B" lladdr "$MAC_B" dev "$IF_A" nud permanent || fail "neigh6"
cap_start "$T/l3.pcap" "ether src $MAC_A and (ip or ip6)"
run l3 -i "$IF_A" -t "$captures/recorded_any.pcap"
rc=$?
[ "$rc" -eq 0 ] || fail "layer 3: exit $rc: $(cat "$T/l3.out" "$T/l3.err")"
cat "$T/l3.out"
want=$("$py" - "$captures/recorded_any.pcap" "$here" <<'PY'
import sys
sys.path.insert(0, sys.argv[2])
import pcapcmp
lt, frames = pcapcmp.read_pcap(sys.argv[1])
n = 0
for _, f in frames:
    ip = pcapcmp.ip_of(lt, f)
    if ip is not None and str(pcapcmp.dst_of(ip)) in ("198.18.0.2", "2001:2::2"):
        n += 1
print(n)
PY
)
cap_stop "$T/l3.pcap" "$want"
"$py" "$cmp" l3 "$T/l3.pcap" "$captures/recorded_any.pcap" "$IP4_B" "$IP6_B" ||
	fail "layer 3: packets of recorded_any.pcap missing in B"
s=$(field "$T/l3.out" 'Successful packets')
f=$(field "$T/l3.out" 'Failed packets')
k=$(field "$T/l3.out" 'Skipped packets')
[ $((s + f + k)) -eq 105 ] && [ "$k" -eq 4 ] || fail "layer 3: $s sent + $f failed + $k skipped is not 105 (4 skipped: ARP)"

run raw -i "$IF_A" -t "$captures/link_raw.pcap"
rc=$?
[ "$rc" -le 1 ] || fail "RAW: exit $rc: $(cat "$T/raw.err")"
s=$(field "$T/raw.out" 'Successful packets')
f=$(field "$T/raw.out" 'Failed packets')
k=$(field "$T/raw.out" 'Skipped packets')
[ $((s + f)) -eq 7 ] && [ "$k" -eq 1 ] || fail "RAW: $s sent + $f failed, $k skipped; expected 7 and 1"
echo "link_raw.pcap (documentation addresses, no route in A): $s sent on-link, $f failed, $k skipped (cut inside the IPv4 header)"
echo "PASS: rk-replay live"
