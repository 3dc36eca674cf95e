#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-2-Clause
# live.sh - rk-sniff's live captures on the private test network
# (tests/netns/netns.sh: namespaces A and B joined by a veth pair,
# 198.18.0.0/15 and 2001:2::/48 only). rk-craft sends from A, rk-sniff
# captures in B. One group per ctest test (label priv); exit 77 when
# namespaces cannot be made. Every send is bounded in count (and rate),
# every process in time; the namespaces go away by trap.
#   capture   UDP, TCP SYN, ICMP echo, IPv6 UDP, ICMPv6 echo sent from A are
#             captured in B with a filter: exactly those lines (text, -v
#             against tcpdump -v on the same frames, -e), then as JSON
#   write     -w then -r gives the JSON of the live run; -w - into a pipe;
#             --nano; -U; the file as tcpdump reads it
#   signals   SIGINT and SIGTERM mid-stream: exit 0, the counts on stderr,
#             and a valid -w file holding every packet "captured" reports
#   rotate    -C/-W keeps exactly W files, FILE0..FILE<W-1>; -C alone makes
#             FILE, FILE1, ...; every file valid, none much over the size
#   errors    unknown interface, bad filter (libpcap's message), unwritable
#             -w path: exit 2, a clear message, and no file left behind
#   privs     as root: runs as nobody (-Z) with no capabilities once
#             capturing, -w file opened before; -C rotating into a root-only
#             directory; with only CAP_NET_RAW it captures; with neither it
#             says what is missing
#   misc      -D as tcpdump -D, the default interface as tcpdump picks it,
#             -i any (LINUX_SLL2), -c, --stats in text and JSON
# Usage: live.sh RK_SNIFF RK_CRAFT GROUP
set -u
# shellcheck source=SCRIPTDIR/../netns/netns.sh
. "$(dirname "$0")/../netns/netns.sh"
SNIFF=${1:?usage: live.sh RK_SNIFF RK_CRAFT GROUP}
CRAFT=${2:?usage: live.sh RK_SNIFF RK_CRAFT GROUP}
GROUP=${3:?usage: live.sh RK_SNIFF RK_CRAFT GROUP}
export TZ=UTC LC_ALL=C

[ -x "$SNIFF" ] || fail "$SNIFF is missing: build first"
[ -x "$CRAFT" ] || fail "$CRAFT is missing: build first"
netns_require
command -v python3 >/dev/null 2>&1 || skip "needs python3 to check JSON"
netns_setup2
netns_tmpdir
T=$NETNS_TMP
chmod 755 "$T"
# Static neighbours: no ARP or neighbour discovery from A to be captured.
ip -n "$NS_A" neigh replace "$IP4_B" lladdr "$MAC_B" dev "$IF_A" nud permanent || fail "neigh"
ip -n "$NS_A" -6 neigh replace "$IP6_B" lladdr "$MAC_B" dev "$IF_A" nud permanent || fail "neigh6"
ip -n "$NS_B" neigh replace "$IP4_A" lladdr "$MAC_A" dev "$IF_B" nud permanent || fail "neigh"
ip -n "$NS_B" -6 neigh replace "$IP6_A" lladdr "$MAC_A" dev "$IF_B" nud permanent || fail "neigh6"

FILTER="src host $IP4_A or src host $IP6_A"
fails=0
checks=0
check() { # MESSAGE CONDITION...
	local msg=$1
	shift
	checks=$((checks + 1))
	if ! "$@"; then
		echo "FAIL: $msg"
		fails=$((fails + 1))
		return 1
	fi
	return 0
}

# start NAME [runner...] -- rk-sniff args: run in B (through the runner,
# e.g. setpriv, when given), stdout to T/NAME.out, stderr to T/NAME.err,
# rk-sniff's own pid (the shell execs it) in T/NAME.pid; waits until it
# listens. CAP_PID is the background job to wait for.
start() {
	local name=$1 pre=()
	shift
	while [ "$1" != "--" ]; do
		pre+=("$1")
		shift
	done
	shift
	rm -f "$T/$name.pid"
	netns_bg "$NS_B" "$T/$name.bg" sh -c 'p=$1; o=$2; e=$3; shift 3; echo $$ >"$p"; exec "$@" >"$o" 2>"$e"' \
		sh "$T/$name.pid" "$T/$name.out" "$T/$name.err" "${pre[@]}" "$SNIFF" "$@"
	CAP_PID=$NETNS_LAST_PID
	if ! netns_wait_file "$T/$name.err" "listening on" 5; then
		cat "$T/$name.err" "$T/$name.bg" 2>/dev/null
		fail "$name: rk-sniff did not start listening"
	fi
}

# finish: wait for the capture started last; sets CAP_RC.
finish() {
	CAP_RC=0
	netns_wait "$CAP_PID" || CAP_RC=$?
}

# signal NAME SIG: send SIG to that rk-sniff (by its pid), then wait for it.
signal() {
	kill -"$2" "$(cat "$T/$1.pid")" 2>/dev/null
	finish
}

craft() { # SPEC [rk-craft options]: send from A
	netns_exec "$NS_A" "$CRAFT" -s -q "$@" >/dev/null 2>"$T/craft.err" ||
		{ cat "$T/craft.err"; fail "rk-craft $*"; }
}

# The five kinds of packets, once each, in this order.
send_five() {
	craft "ipv4(dst=$IP4_B,id=1)/udp(sport=40000,dport=9)/\"hello\""
	craft "ipv4(dst=$IP4_B,id=2)/tcp(sport=40001,dport=80,seq=1000,flags=S,win=1024)"
	craft "ipv4(dst=$IP4_B,id=3)/icmp(type=8,id=7,seq=1)/\"ping\""
	craft "ipv6(dst=$IP6_B)/udp(sport=40002,dport=9)/\"six\""
	craft "ipv6(dst=$IP6_B)/icmpv6(type=128,id=8,seq=2)/\"echo\""
}

expected_five() {
	cat <<EOF
IP $IP4_A.40000 > $IP4_B.9: UDP, length 5
IP $IP4_A.40001 > $IP4_B.80: Flags [S], seq 1000, win 1024, length 0
IP $IP4_A > $IP4_B: ICMP echo request, id 7, seq 1, length 12
IP6 $IP6_A.40002 > $IP6_B.9: UDP, length 3
IP6 $IP6_A > $IP6_B: ICMP6, echo request, id 8, seq 2, length 12
EOF
}

# count_of FILE.err: the N of "N packets captured"
count_of() {
	sed -n 's/^\([0-9]*\) packets\{0,1\} captured$/\1/p' "$1"
}

stats_ok() { # FILE.err: the three lines tcpdump prints, in its words
	grep -Eq '^[0-9]+ packets? captured$' "$1" &&
		grep -Eq '^[0-9]+ packets? received by filter$' "$1" &&
		grep -Eq '^[0-9]+ packets? dropped by kernel$' "$1"
}

group_capture() {
	expected_five >"$T/want"
	start text -- -i "$IF_B" -t -c 5 "$FILTER"
	send_five
	finish
	check "text capture exit $CAP_RC: $(cat "$T/text.err")" [ "$CAP_RC" -eq 0 ]
	check "text capture prints exactly the five packets:
$(diff "$T/want" "$T/text.out")" cmp -s "$T/want" "$T/text.out"
	check "text capture: counts on stderr" stats_ok "$T/text.err"
	check "text capture: 5 packets captured" [ "$(count_of "$T/text.err")" = 5 ]
	check "listening line" grep -q "^rk-sniff: listening on $IF_B, link-type EN10MB (Ethernet), snapshot length 262144 bytes$" "$T/text.err"

	# -e: the Ethernet addresses; -v: tcpdump -v's words on the same frames.
	start ev -- -i "$IF_B" -t -e -c 5 -w "$T/ev.pcap" --print "$FILTER"
	send_five
	finish
	check "-e exit $CAP_RC" [ "$CAP_RC" -eq 0 ]
	check "-e lines start with the MACs" [ "$(grep -c "^$MAC_A > $MAC_B, ethertype IPv" "$T/ev.out")" -eq 5 ]
	if command -v tcpdump >/dev/null 2>&1; then
		tcpdump -n -S -t -v -r "$T/ev.pcap" >"$T/ev.tcpdump" 2>/dev/null
		"$SNIFF" -t -v -r "$T/ev.pcap" >"$T/ev.v" 2>"$T/ev.verr"
		check "-v differs from tcpdump -v:
$(diff "$T/ev.tcpdump" "$T/ev.v")" cmp -s "$T/ev.tcpdump" "$T/ev.v"
		tcpdump -n -S -t -e -r "$T/ev.pcap" >"$T/ev.tcpdump" 2>/dev/null
		check "-e differs from tcpdump -e:
$(diff "$T/ev.tcpdump" "$T/ev.out")" cmp -s "$T/ev.tcpdump" "$T/ev.out"
	fi

	# Live -vv too (the checksums are the kernel's; -vv adds IPv4 UDP).
	start v -- -i "$IF_B" -t -vv -c 5 "$FILTER"
	send_five
	finish
	check "live -vv: a checksum verdict on each of the five: $(cat "$T/v.out")" \
		[ "$(grep -c 'cksum 0x[0-9a-f]* (correct)\|sum ok\|ICMP echo request' "$T/v.out")" -eq 5 ]

	# JSON: one object per packet, n counting captured frames.
	start json -- -i "$IF_B" --json -c 5 "$FILTER"
	send_five
	finish
	check "json capture exit $CAP_RC" [ "$CAP_RC" -eq 0 ]
	python3 - "$T/json.out" "$IP4_A" "$IP4_B" "$IP6_A" "$IP6_B" "$MAC_A" "$MAC_B" <<'EOF' || check "JSON capture (above)" false
import json, sys
path, a4, b4, a6, b6, ma, mb = sys.argv[1:]
lines = open(path).read().splitlines()
assert len(lines) == 5, lines
want = [
    ["eth", "ipv4", "udp", "payload"],
    ["eth", "ipv4", "tcp", "payload"],
    ["eth", "ipv4", "icmp", "payload"],
    ["eth", "ipv6", "udp", "payload"],
    ["eth", "ipv6", "icmpv6", "payload"],
]
for i, line in enumerate(lines):
    o = json.loads(line)
    assert list(o)[:6] == ["n", "ts", "caplen", "len", "linktype", "layers"], list(o)
    assert o["n"] == i + 1, o["n"]
    assert o["linktype"] == "EN10MB"
    assert "error" not in o
    kinds = [l["layer"] for l in o["layers"]]
    assert kinds == want[i], (i, kinds)
    eth, ip, tr = o["layers"][0], o["layers"][1], o["layers"][2]
    assert eth["src"] == ma and eth["dst"] == mb, eth
    v4 = ip["layer"] == "ipv4"
    assert ip["src"] == (a4 if v4 else a6) and ip["dst"] == (b4 if v4 else b6), ip
    if v4:
        assert ip["id"] == i + 1 and ip["csum_ok"] is True, ip
    assert tr["csum_ok"] is True, tr
    assert len(o["ts"].split(".")[1]) == 6
tcp = json.loads(lines[1])["layers"][2]
assert tcp["flags"] == 2 and tcp["seq"] == 1000 and tcp["win"] == 1024 and tcp["dport"] == 80, tcp
icmp = json.loads(lines[2])["layers"][2]
assert icmp["type"] == 8 and icmp["id"] == 7 and icmp["seq"] == 1, icmp
assert json.loads(lines[0])["layers"][3]["len"] == 5
EOF
	checks=$((checks + 1))
}

group_write() {
	# -w with --print --json, then -r --json: the same lines.
	start w -- -i "$IF_B" --json --print -w "$T/w.pcap" -c 5 "$FILTER"
	send_five
	finish
	check "-w --print exit $CAP_RC" [ "$CAP_RC" -eq 0 ]
	"$SNIFF" --json -r "$T/w.pcap" >"$T/w.read" 2>"$T/w.rerr"
	check "-r of the -w file gives the live JSON:
$(diff "$T/w.out" "$T/w.read")" cmp -s "$T/w.out" "$T/w.read"
	check "five lines" [ "$(wc -l <"$T/w.out")" -eq 5 ]
	if command -v tcpdump >/dev/null 2>&1; then
		check "tcpdump reads the -w file" [ "$(tcpdump -n -r "$T/w.pcap" 2>/dev/null | wc -l)" -eq 5 ]
	fi

	# -w alone prints nothing on stdout, and a counter only on a terminal.
	start wq -- -i "$IF_B" -w "$T/wq.pcap" -c 5 "$FILTER"
	send_five
	finish
	check "-w alone: exit $CAP_RC" [ "$CAP_RC" -eq 0 ]
	check "-w alone: stdout empty" [ ! -s "$T/wq.out" ]
	check "-w alone: no counter when stderr is a file" bash -c "! grep -q '^Got ' '$T/wq.err'"
	"$SNIFF" -t -r "$T/wq.pcap" >"$T/wq.txt" 2>/dev/null
	expected_five >"$T/want"
	check "-w alone: the file holds the five:
$(diff "$T/want" "$T/wq.txt")" cmp -s "$T/want" "$T/wq.txt"

	# -w - into a pipe, read back by rk-sniff -r -.
	netns_bg "$NS_B" "$T/pipe.bg" sh -c "echo \$\$ >'$T/pipe.pid'; '$SNIFF' -i '$IF_B' -w - -c 5 '$FILTER' 2>'$T/pipe.err' | '$SNIFF' -t -r - >'$T/pipe.out' 2>'$T/pipe.rerr'"
	CAP_PID=$NETNS_LAST_PID
	netns_wait_file "$T/pipe.err" "listening on" 5 || fail "pipe: not listening"
	send_five
	finish
	check "-w - | -r -: exit $CAP_RC, $(cat "$T/pipe.err" "$T/pipe.rerr")" [ "$CAP_RC" -eq 0 ]
	check "-w - | -r -:
$(diff "$T/want" "$T/pipe.out")" cmp -s "$T/want" "$T/pipe.out"

	# --nano: a nanosecond file, 9 digits.
	start nano -- -i "$IF_B" --nano -U -w "$T/nano.pcap" --print --json -c 1 "$FILTER"
	craft "ipv4(dst=$IP4_B)/udp(sport=40000,dport=9)"
	finish
	check "--nano: exit $CAP_RC" [ "$CAP_RC" -eq 0 ]
	check "--nano: nanosecond magic" [ "$(od -An -tx4 -N4 "$T/nano.pcap" | tr -d ' ')" = a1b23c4d ]
	check "--nano: 9 digits" grep -Eq '"ts":"[0-9]+\.[0-9]{9}"' "$T/nano.out"
	"$SNIFF" --nano --json -r "$T/nano.pcap" >"$T/nano.read" 2>/dev/null
	check "--nano: -r --nano gives the live JSON" cmp -s "$T/nano.out" "$T/nano.read"
	check "micro: microsecond magic" [ "$(od -An -tx4 -N4 "$T/w.pcap" | tr -d ' ')" = a1b2c3d4 ]
}

# A stream of N UDP packets at RATE/s from A, in the background.
stream() { # N RATE SPORT
	netns_bg "$NS_A" "$T/stream.out" "$CRAFT" -s -q -c "$1" --rate "$2" \
		"ipv4(dst=$IP4_B)/udp(sport=$3,dport=9)/zero:64"
	STREAM_PID=$NETNS_LAST_PID
}

group_signals() {
	local sig
	for sig in INT TERM; do
		start "sig$sig" -- -i "$IF_B" -w "$T/sig$sig.pcap" "udp and $FILTER"
		stream 4000 2000 41000
		sleep 1
		signal "sig$sig" "$sig"
		netns_wait "$STREAM_PID" || true
		check "SIG$sig: exit $CAP_RC, stderr $(cat "$T/sig$sig.err")" [ "$CAP_RC" -eq 0 ]
		check "SIG$sig: counts on stderr" stats_ok "$T/sig$sig.err"
		local n
		n=$(count_of "$T/sig$sig.err")
		check "SIG$sig: some packets captured mid-stream ($n)" [ "${n:-0}" -gt 100 ] && [ "${n:-0}" -lt 4000 ]
		"$SNIFF" -r "$T/sig$sig.pcap" >"$T/sig$sig.txt" 2>"$T/sig$sig.rerr"
		check "SIG$sig: the file reads cleanly: $(cat "$T/sig$sig.rerr")" [ ! -s "$T/sig$sig.rerr" ]
		check "SIG$sig: the file holds all $n packets reported ($(wc -l <"$T/sig$sig.txt"))" \
			[ "$(wc -l <"$T/sig$sig.txt")" -eq "${n:--1}" ]
		if command -v tcpdump >/dev/null 2>&1; then
			check "SIG$sig: tcpdump reads all $n" \
				[ "$(tcpdump -n -r "$T/sig$sig.pcap" 2>/dev/null | wc -l)" -eq "${n:--1}" ]
		fi
	done
	# Printing (not writing), interrupted: every counted packet printed.
	start sigp -- -i "$IF_B" -t "udp and $FILTER"
	stream 4000 2000 42000
	sleep 1
	signal sigp INT
	netns_wait "$STREAM_PID" || true
	n=$(count_of "$T/sigp.err")
	check "printing, SIGINT: exit $CAP_RC" [ "$CAP_RC" -eq 0 ]
	check "printing, SIGINT: $n counted, $(wc -l <"$T/sigp.out") printed" [ "$(wc -l <"$T/sigp.out")" -eq "${n:--1}" ]
}

group_rotate() {
	# 100 packets of 106 bytes (122 with their record header): 12 KB.
	mkdir -p "$T/rot" "$T/rotw"
	start rot -- -i "$IF_B" -w "$T/rotw/f" -C 1k -W 3 -c 100 "udp and $FILTER"
	craft -c 100 "ipv4(dst=$IP4_B)/udp(sport=43000,dport=9)/zero:64"
	finish
	check "-C 1k -W 3: exit $CAP_RC $(cat "$T/rot.err")" [ "$CAP_RC" -eq 0 ]
	check "-C 1k -W 3: exactly f0 f1 f2: $(ls "$T/rotw" | tr '\n' ' ')" \
		[ "$(ls "$T/rotw" | tr '\n' ' ')" = "f0 f1 f2 " ]
	local f total=0 n
	for f in "$T"/rotw/f?; do
		n=$("$SNIFF" -r "$f" 2>/dev/null | wc -l)
		check "$f reads cleanly" "$SNIFF" -r "$f" -c 1
		check "$f is at most 1024 bytes and one record ($(stat -c %s "$f"))" [ "$(stat -c %s "$f")" -le $((1024 + 122)) ]
		total=$((total + n))
	done
	check "-W 3 keeps the last packets: $total in 3 files" [ "$total" -gt 10 ] && [ "$total" -lt 100 ]
	# The newest packet is in one of them.
	check "-W 3: packet 100 is kept" bash -c "for f in '$T'/rotw/f?; do '$SNIFF' --json -r \"\$f\"; done | grep -q '\"caplen\":106'"

	# -C without -W: f, f1, f2, ... holding every packet.
	start rot2 -- -i "$IF_B" -w "$T/rot/g" -C 2k -c 100 "udp and $FILTER"
	craft -c 100 "ipv4(dst=$IP4_B)/udp(sport=43001,dport=9)/zero:64"
	finish
	check "-C 2k: exit $CAP_RC" [ "$CAP_RC" -eq 0 ]
	local names
	names=$(cd "$T/rot" && ls | sort -V | tr '\n' ' ')
	check "-C 2k: g g1 g2 ... ($names)" bash -c "[[ '$names' =~ ^g\ g1\ g2\ g3\ g4\ g5\  ]]"
	total=0
	for f in "$T"/rot/g*; do
		total=$((total + $("$SNIFF" -r "$f" 2>/dev/null | wc -l)))
	done
	check "-C 2k: the files hold all 100 packets ($total)" [ "$total" -eq 100 ]
}

group_errors() {
	local rc
	netns_exec "$NS_B" "$SNIFF" -i nosuch0 -w "$T/e1.pcap" >"$T/e1.out" 2>"$T/e1.err"
	rc=$?
	check "unknown interface: exit 2 ($rc)" [ "$rc" -eq 2 ]
	check "unknown interface: message: $(cat "$T/e1.err")" grep -q '^rk-sniff: nosuch0: No such device exists' "$T/e1.err"
	check "unknown interface: no -w file" [ ! -e "$T/e1.pcap" ]

	netns_exec "$NS_B" "$SNIFF" -i "$IF_B" -w "$T/e2.pcap" udp and >"$T/e2.out" 2>"$T/e2.err"
	rc=$?
	check "bad filter: exit 2 ($rc)" [ "$rc" -eq 2 ]
	check "bad filter: libpcap's message: $(cat "$T/e2.err")" grep -q "^rk-sniff: bad filter 'udp and': .*syntax error" "$T/e2.err"
	check "bad filter: no -w file" [ ! -e "$T/e2.pcap" ]
	check "bad filter: nothing on stdout" [ ! -s "$T/e2.out" ]
	netns_exec "$NS_B" "$SNIFF" -i "$IF_B" -w "$T/e3.pcap" nosuchword >"$T/e3.out" 2>"$T/e3.err"
	rc=$?
	check "bad filter word: exit 2 (exit $rc), $(cat "$T/e3.err")" [ "$rc" -eq 2 ]
	check "bad filter word: no file" [ ! -e "$T/e3.pcap" ]
	printf 'udp port\n' >"$T/filter.txt"
	netns_exec "$NS_B" "$SNIFF" -i "$IF_B" -F "$T/filter.txt" >"$T/e4.out" 2>"$T/e4.err"
	rc=$?
	check "bad -F filter: exit 2 (exit $rc), $(cat "$T/e4.err")" [ "$rc" -eq 2 ]

	netns_exec "$NS_B" "$SNIFF" -i "$IF_B" -w "$T/nodir/x.pcap" >"$T/e5.out" 2>"$T/e5.err"
	rc=$?
	check "unwritable -w: exit 2 ($rc)" [ "$rc" -eq 2 ]
	check "unwritable -w: message: $(cat "$T/e5.err")" grep -q "^rk-sniff: $T/nodir/x.pcap: No such file or directory$" "$T/e5.err"
	check "unwritable -w: never listened" bash -c "! grep -q listening '$T/e5.err'"

	# -F with a comment, and a good filter: works.
	printf '# only UDP from A\nudp and src host %s # comment\n' "$IP4_A" >"$T/filter.txt"
	start ff -- -i "$IF_B" -t -c 1 -F "$T/filter.txt"
	craft "ipv4(dst=$IP4_B)/tcp(sport=1,dport=2,flags=S)"
	craft "ipv4(dst=$IP4_B)/udp(sport=44000,dport=9)"
	finish
	check "-F FILE: exit $CAP_RC, $(cat "$T/ff.err")" [ "$CAP_RC" -eq 0 ]
	check "-F FILE: only the UDP packet: $(cat "$T/ff.out")" grep -q "^IP $IP4_A.44000 > $IP4_B.9: UDP, length 0$" "$T/ff.out"

	# Reading files: missing, corrupt, cut short, unreadable (as nobody).
	"$SNIFF" -r "$T/none.pcap" >/dev/null 2>"$T/r1.err"
	rc=$?
	check "missing file: exit 2 (exit $rc), $(cat "$T/r1.err")" [ "$rc" -eq 2 ]
	head -c 100 /dev/urandom >"$T/garbage.pcap"
	printf '\xd4\xc3\xb2\xa1' >>"$T/garbage.pcap"
	"$SNIFF" -r "$T/garbage.pcap" >/dev/null 2>"$T/r2.err"
	rc=$?
	check "corrupt file: exit 2 (exit $rc), $(cat "$T/r2.err")" [ "$rc" -eq 2 ]
	if command -v setpriv >/dev/null 2>&1; then
		: >"$T/noread.pcap"
		chmod 600 "$T/noread.pcap"
		setpriv --reuid=65534 --regid=65534 --clear-groups "$SNIFF" -r "$T/noread.pcap" >/dev/null 2>"$T/r3.err"
		rc=$?
		check "unreadable file: exit 2 (exit $rc), $(cat "$T/r3.err")" [ "$rc" -eq 2 ]
		check "unreadable file: Permission denied" grep -q 'Permission denied' "$T/r3.err"
	fi
}

status_field() { # PID FIELD: a line of /proc/PID/status
	awk -v f="$2:" '$1 == f { $1 = ""; sub(/^ /, ""); print }' "/proc/$1/status"
}

group_privs() {
	command -v setpriv >/dev/null 2>&1 || skip "needs util-linux's setpriv"
	# As root, default: nobody, no capabilities, the -w file root's.
	mkdir -m 700 "$T/rootonly"
	start p1 -- -i "$IF_B" -w "$T/rootonly/p1.pcap" -c 1 "$FILTER"
	local pid
	pid=$(cat "$T/p1.pid")
	check "root: runs as nobody ($(status_field "$pid" Uid))" [ "$(status_field "$pid" Uid | awk '{print $1 $2 $3 $4}')" = 65534655346553465534 ]
	check "root: no effective capabilities" [ "$(status_field "$pid" CapEff)" = 0000000000000000 ]
	check "root: no permitted capabilities" [ "$(status_field "$pid" CapPrm)" = 0000000000000000 ]
	check "root: no ambient capabilities" [ "$(status_field "$pid" CapAmb)" = 0000000000000000 ]
	check "root: no new privileges" [ "$(status_field "$pid" NoNewPrivs)" = 1 ]
	craft "ipv4(dst=$IP4_B)/udp(sport=45000,dport=9)"
	finish
	check "root: captured, exit $CAP_RC" [ "$CAP_RC" -eq 0 ] && [ "$(count_of "$T/p1.err")" = 1 ]
	check "root: -w file in a root-only directory, opened before dropping" \
		[ "$("$SNIFF" -r "$T/rootonly/p1.pcap" 2>/dev/null | wc -l)" -eq 1 ]

	# -Z root: stays root, still without capabilities.
	start p2 -- -i "$IF_B" -Z root -c 1 "$FILTER"
	pid=$(cat "$T/p2.pid")
	check "-Z root: uid 0" [ "$(status_field "$pid" Uid | awk '{print $2}')" = 0 ]
	check "-Z root: no effective capabilities" [ "$(status_field "$pid" CapEff)" = 0000000000000000 ]
	craft "ipv4(dst=$IP4_B)/udp(sport=45001,dport=9)"
	finish
	check "-Z root: exit $CAP_RC" [ "$CAP_RC" -eq 0 ]

	# -Z no such user: refused before anything is opened.
	netns_exec "$NS_B" "$SNIFF" -i "$IF_B" -Z nosuchuser.rk -w "$T/p3.pcap" >/dev/null 2>"$T/p3.err"
	rc=$?
	check "-Z unknown: exit 2 (exit $rc), $(cat "$T/p3.err")" [ "$rc" -eq 2 ]
	check "-Z unknown: no file" [ ! -e "$T/p3.pcap" ]

	# Rotation as root into a root-only directory after -Z nobody: the
	# later files are created too (CAP_DAC_OVERRIDE kept for that only).
	start p4 -- -i "$IF_B" -w "$T/rootonly/r" -C 1k -W 2 -c 40 "udp and $FILTER"
	pid=$(cat "$T/p4.pid")
	check "-C as root: nothing effective while capturing" [ "$(status_field "$pid" CapEff)" = 0000000000000000 ]
	check "-C as root: only CAP_DAC_OVERRIDE permitted ($(status_field "$pid" CapPrm))" [ "$(status_field "$pid" CapPrm)" = 0000000000000002 ]
	craft -c 40 "ipv4(dst=$IP4_B)/udp(sport=45002,dport=9)/zero:64"
	finish
	check "-C as root: exit $CAP_RC, $(cat "$T/p4.err")" [ "$CAP_RC" -eq 0 ]
	check "-C as root: r0 and r1: $(ls "$T/rootonly")" [ -s "$T/rootonly/r0" ] && [ -s "$T/rootonly/r1" ]

	# Only CAP_NET_RAW, as an unprivileged user: it captures, and drops it.
	mkdir -m 777 "$T/pub"
	start p5 setpriv --reuid=65534 --regid=65534 --clear-groups --inh-caps=+net_raw \
		--ambient-caps=+net_raw -- -i "$IF_B" -w "$T/pub/p5.pcap" --print -t -c 1 "$FILTER"
	pid=$(cat "$T/p5.pid")
	check "CAP_NET_RAW only: dropped once capturing ($(status_field "$pid" CapEff))" \
		[ "$(status_field "$pid" CapEff)" = 0000000000000000 ] && [ "$(status_field "$pid" CapAmb)" = 0000000000000000 ]
	craft "ipv4(dst=$IP4_B)/udp(sport=45003,dport=9)"
	finish
	check "CAP_NET_RAW only: exit $CAP_RC, $(cat "$T/p5.err")" [ "$CAP_RC" -eq 0 ]
	check "CAP_NET_RAW only: the packet: $(cat "$T/p5.out")" grep -q "^IP $IP4_A.45003 > $IP4_B.9: UDP, length 0$" "$T/p5.out"
	check "CAP_NET_RAW only: the file is the user's" [ "$(stat -c %u "$T/pub/p5.pcap")" = 65534 ]

	# Neither: says what is missing; nothing created.
	netns_exec "$NS_B" setpriv --reuid=65534 --regid=65534 --clear-groups --inh-caps=-all \
		--bounding-set=-all "$SNIFF" -i "$IF_B" -w "$T/pub/p6.pcap" >"$T/p6.out" 2>"$T/p6.err"
	local rc=$?
	check "no privileges: exit 2 ($rc)" [ "$rc" -eq 2 ]
	check "no privileges: names CAP_NET_RAW: $(cat "$T/p6.err")" \
		grep -q "^rk-sniff: $IF_B: .*capturing needs root or CAP_NET_RAW, and this process (uid 65534) has neither.*setcap cap_net_raw+ep " "$T/p6.err"
	check "no privileges: no file" [ ! -e "$T/pub/p6.pcap" ]
	# Reading a file needs nothing.
	setpriv --reuid=65534 --regid=65534 --clear-groups --inh-caps=-all --bounding-set=-all \
		"$SNIFF" -r "$T/pub/p5.pcap" >"$T/p7.out" 2>"$T/p7.err"
	rc=$?
	check "no privileges: -r works (exit $rc, $(cat "$T/p7.err"))" [ "$rc" -eq 0 ] && [ "$(wc -l <"$T/p7.out")" -eq 1 ]
}

group_misc() {
	if command -v tcpdump >/dev/null 2>&1; then
		netns_exec "$NS_B" "$SNIFF" -D >"$T/D.rk" 2>&1
		netns_exec "$NS_B" tcpdump -D >"$T/D.td" 2>&1
		check "-D differs from tcpdump -D:
$(diff "$T/D.td" "$T/D.rk")" cmp -s "$T/D.td" "$T/D.rk"
		# The default interface: tcpdump's pick.
		start def -- -c 1 "$FILTER"
		craft "ipv4(dst=$IP4_B)/udp(sport=46000,dport=9)"
		finish
		netns_bg "$NS_B" "$T/tdd.out" tcpdump -n -c 1 "$FILTER"
		local td=$NETNS_LAST_PID
		netns_wait_file "$T/tdd.out" "listening on" 5
		craft "ipv4(dst=$IP4_B)/udp(sport=46001,dport=9)"
		netns_wait "$td" || true
		local want
		want=$(sed -n 's/.*listening on \([^,]*\),.*/\1/p' "$T/tdd.out")
		check "default interface: tcpdump's ($want): $(cat "$T/def.err")" grep -q "^rk-sniff: listening on $want," "$T/def.err"
		check "default interface is the veth" [ "$want" = "$IF_B" ]
		# -i 1: the first -D entry.
		start num -- -i 1 -c 1 "$FILTER"
		craft "ipv4(dst=$IP4_B)/udp(sport=46002,dport=9)"
		finish
		check "-i 1: $(head -1 "$T/num.err")" grep -q "^rk-sniff: listening on $want," "$T/num.err"
	fi

	# any: LINUX_SLL2 frames.
	start any -- -i any --json -c 1 "udp and $FILTER"
	craft "ipv4(dst=$IP4_B)/udp(sport=46003,dport=9)"
	finish
	check "-i any: exit $CAP_RC" [ "$CAP_RC" -eq 0 ]
	check "-i any: LINUX_SLL2 ($(head -c 120 "$T/any.out"))" grep -q '"linktype":"LINUX_SLL2","layers":\[{"layer":"sll2"' "$T/any.out"
	check "-i any: listening line" grep -q "listening on any, link-type LINUX_SLL2" "$T/any.err"

	# -c: exactly N, then exit 0 at once.
	start cnt -- -i "$IF_B" -t -c 3 "udp and $FILTER"
	craft -c 10 "ipv4(dst=$IP4_B)/udp(sport=46004,dport=9)"
	finish
	check "-c 3: exit $CAP_RC, 3 lines" [ "$CAP_RC" -eq 0 ] && [ "$(wc -l <"$T/cnt.out")" -eq 3 ]
	check "-c 3: 3 captured" [ "$(count_of "$T/cnt.err")" = 3 ]

	# A reader that goes away (head): SIGPIPE ends the capture quietly.
	netns_bg "$NS_B" "$T/head.bg" bash -c '"$1" -i "$2" -l -t "$3" 2>"$4.err" | head -n 1 >"$4.out"; echo "${PIPESTATUS[0]}" >"$4.rc"' \
		bash "$SNIFF" "$IF_B" "udp and $FILTER" "$T/head"
	CAP_PID=$NETNS_LAST_PID
	netns_wait_file "$T/head.err" "listening on" 5 || fail "head: not listening"
	craft "ipv4(dst=$IP4_B)/udp(sport=46010,dport=9)"
	sleep 0.3
	craft -c 3 --interval 0.1 "ipv4(dst=$IP4_B)/udp(sport=46011,dport=9)"
	finish
	check "| head -n 1: rk-sniff exits 0 ($(cat "$T/head.rc" 2>/dev/null)), $(cat "$T/head.err")" [ "$(cat "$T/head.rc" 2>/dev/null)" = 0 ]
	check "| head -n 1: the first packet" grep -q "^IP $IP4_A.46010 > $IP4_B.9: UDP" "$T/head.out"
	check "| head -n 1: counts on stderr" stats_ok "$T/head.err"

	# -w with stderr on a terminal: the live counter (script(1) makes one).
	if command -v script >/dev/null 2>&1; then
		netns_bg "$NS_B" "$T/tty.out" script -qfec "sh -c 'echo \$\$ >$T/tty.pid; exec $SNIFF -i $IF_B -w $T/tty.pcap \"udp and $FILTER\"'" /dev/null
		CAP_PID=$NETNS_LAST_PID
		netns_wait_file "$T/tty.out" "listening on" 5 || fail "tty: not listening"
		craft -c 3 "ipv4(dst=$IP4_B)/udp(sport=46012,dport=9)"
		sleep 1.5
		signal tty INT
		check "counter on a terminal: $(tr '\r' '|' <"$T/tty.out")" grep -aq 'Got 3' "$T/tty.out"
		check "counter on a terminal: 3 captured" grep -aq '^3 packets captured' "$T/tty.out"
	fi

	# --stats: JSON records on stdout with --json, text on stderr without.
	start stj -- -i "$IF_B" --json --stats 1 "udp and $FILTER"
	stream 1500 1000 46005
	netns_wait "$STREAM_PID" || true
	sleep 1.2
	signal stj INT
	python3 - "$T/stj.out" <<'EOF' || check "--stats --json records (above)" false
import json, sys
stats = []
packets = 0
for line in open(sys.argv[1]):
    o = json.loads(line)
    if "stats" in o:
        s = o["stats"]
        assert list(s) == ["ts", "elapsed", "captured", "received", "dropped_kernel",
                           "dropped_interface", "rate"], list(s)
        stats.append(s)
    else:
        assert "n" in o
        packets += 1
assert len(stats) >= 2, stats
assert stats[-1]["captured"] <= packets
assert any(s["rate"] > 100 for s in stats), stats
assert all(isinstance(s["received"], int) for s in stats)
EOF
	checks=$((checks + 1))
	start stt -- -i "$IF_B" -w /dev/null --stats 1 "udp and $FILTER"
	sleep 2.3
	signal stt TERM
	check "--stats text on stderr: $(cat "$T/stt.err")" \
		grep -Eq '^rk-sniff: stats: [0-9.]+ s: [0-9]+ captured, [0-9]+ received by filter, [0-9]+ dropped by kernel, [0-9]+ dropped by interface, [0-9.]+ packets/s$' "$T/stt.err"
	check "--stats text: nothing on stdout" [ ! -s "$T/stt.out" ]
}

case "$GROUP" in
capture) group_capture ;;
write) group_write ;;
signals) group_signals ;;
rotate) group_rotate ;;
errors) group_errors ;;
privs) group_privs ;;
misc) group_misc ;;
*) fail "unknown group $GROUP" ;;
esac
echo "$checks checks, $fails failed"
[ "$fails" -eq 0 ] || exit 1
echo "PASS: live $GROUP"
