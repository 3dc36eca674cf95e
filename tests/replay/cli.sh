#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-2-Clause
# cli.sh - rk-replay without privilege or network: --help and --version on
# stdout (exit 0); --dry-run over every capture under captures/ (what
# would be sent, by kind); bad command lines and files exit 2 with a
# message naming the problem and print nothing on stdout. --dry-run opens
# no socket, so nothing here can send. Usage: cli.sh RK_REPLAY CAPTURES_DIR
set -u
replay=${1:?usage: cli.sh RK_REPLAY CAPTURES_DIR}
captures=${2:?usage: cli.sh RK_REPLAY CAPTURES_DIR}
fail() {
	echo "FAIL: $*" >&2
	exit 1
}
T=$(mktemp -d "${TMPDIR:-/tmp}/rk-replay-cli.XXXXXX") || fail mktemp
trap 'rm -rf -- "$T"' EXIT

"$replay" --help >"$T/out" 2>"$T/err" || fail "--help exited $?"
grep -q "^Usage: rk-replay -i IFACE" "$T/out" && [ ! -s "$T/err" ] || fail "--help: $(cat "$T/out" "$T/err")"
"$replay" --version >"$T/out" || fail "--version exited $?"
grep -q "^rk-replay (rawkit) " "$T/out" && grep -q "^libpcap version" "$T/out" || fail "--version: $(cat "$T/out")"

# What each fixture holds: frames at layer 2, IP packets at layer 3, skipped.
check() { # check FILE L2 IP4 IP6 SKIP
	"$replay" -n "$captures/$1" >"$T/out" 2>"$T/err" || fail "-n $1: exit $?: $(cat "$T/err")"
	local got
	got=$(awk -F: '/Ethernet frames|IPv4 packets|IPv6 packets|Skipped packets/ {gsub(/ /, "", $2); printf "%s ", $2}' "$T/out")
	[ "$got" = "$2 $3 $4 $5 " ] || fail "-n $1: got '$got', expected '$2 $3 $4 $5 '"
	echo "dry run: $1: $got"
}
check link_eth.pcap 16 0 0 0
check truncated.pcap 27 0 0 3
check mixed_big.pcap 4094 0 0 0
check link_raw.pcap 0 4 3 1
check link_ipv4.pcap 0 4 0 0
check link_ipv6.pcap 0 0 3 0
check link_sll.pcap 0 5 2 3
check link_sll2.pcap 0 3 2 4
check link_null.pcap 0 2 3 2
check link_loop.pcap 0 2 1 0
check recorded_any.pcap 0 47 54 4
for f in "$captures"/*.pcap "$captures"/ping/*.pcap; do
	"$replay" -n "$f" >/dev/null 2>"$T/err" || fail "-n $f: $(cat "$T/err")"
done
# Two files and a loop: counts add up.
"$replay" -n "$captures/link_eth.pcap" "$captures/udp.pcap" >"$T/out" || fail "-n two files"
grep -q "^25 packets .* in 2 files" "$T/out" || fail "two files: $(cat "$T/out")"

bad() { # bad WANT ARGS...
	local want=$1
	shift
	"$replay" "$@" >"$T/out" 2>"$T/err"
	local rc=$?
	[ "$rc" -eq 2 ] || fail "rk-replay $* exited $rc, expected 2: $(cat "$T/err")"
	grep -q -- "^rk-replay: .*$want" "$T/err" || fail "rk-replay $*: '$(cat "$T/err")' lacks '$want'"
	[ -s "$T/out" ] && fail "rk-replay $* printed on stdout: $(cat "$T/out")"
	echo "refused: $(head -n 1 "$T/err")"
}
printf 'not a capture\n' >"$T/text"
head -c 1000 "$captures/mixed_big.pcap" >"$T/cut.pcap"
ok=$captures/link_eth.pcap
bad "unknown interface 'rknosuch0'" -i rknosuch0 "$ok"
bad "unknown interface" -i 0123456789abcdefghij "$ok"
bad "$T/none: No such file or directory" -n "$T/none"
bad "unknown file format" -n "$T/text"
bad "truncated dump file" -n "$T/cut.pcap"
bad "standard input ('-') can be read once only" -n - -
bad "-x: '0' is too small" -n -x 0 "$ok"
bad "--multiplier: '1,5' is not a number" -n --multiplier 1,5 "$ok"
bad "-p: '' is not a number" -n -p '' "$ok"
bad "--loop: '-1' is too small" -n --loop -1 "$ok"
bad "--limit: '1.5' is not a number" -n --limit 1.5 "$ok"
bad "--inject: 'pcap' is neither" -n --inject pcap "$ok"
bad "unknown option --speed" -n --speed "$ok"
bad "option -i needs a value" -n "$ok" -i
bad "give one of -x, -p, -M and -t" -n -M 5 -x 2 "$ok"
echo "PASS: rk-replay cli"
