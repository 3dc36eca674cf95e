#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause
# run.sh - rk-sniff's tests, one group per ctest test:
#   tcpdump  rk-sniff -r prints the lines `tcpdump -n -S -r` prints for the
#            same files (mkpcap.c writes them), with -e -q -t... -x -X and
#            filters; skipped (77) when tcpdump is not installed
#   json     --json gives one valid JSON object a line, frame keys in the
#            contract's order, n counting every frame read (filter or not),
#            "ts" with a pcapng interface's precision (if_tsresol; python3
#            writes those files); skipped (77) without python3
#   errors   missing, unreadable, corrupt and non-capture files, bad filters,
#            bad numbers and options: "rk-sniff: <message>" and exit 2, and
#            no -w file left behind
#   options  -c, stdin, pcapng, -l, -n, -F, --help, --version; -r with -w
#            (and -C/-W): files byte for byte as tcpdump writes them
#   verbose  -v against tcpdump -v (with -e, -q, -t..., -x), on the frames
#            whose -v line rk-sniff prints in full (docs/sniff.md)
# Nothing here captures live: every rk-sniff runs with -r (live.sh, on the
# private test network, does the live captures).
# Usage: run.sh RK_SNIFF MKPCAP WORKDIR GROUP
set -u

SNIFF=$1
MKPCAP=$2
W=$3
GROUP=$4
export TZ=UTC LC_ALL=C

rm -rf "$W"
mkdir -p "$W" || exit 1
"$MKPCAP" "$W" || { echo "mkpcap failed"; exit 1; }

fails=0
checks=0

fail() {
	echo "FAIL: $*"
	fails=$((fails + 1))
}

ok() {
	checks=$((checks + 1))
}

# expect_rc WANT_RC STDERR_REGEX -- command...
expect_rc() {
	want=$1
	re=$2
	shift 3
	"$@" >"$W/out" 2>"$W/err"
	rc=$?
	ok
	if [ "$rc" -ne "$want" ]; then
		fail "$* -> exit $rc, want $want; stderr: $(cat "$W/err")"
		return 1
	fi
	if [ -n "$re" ] && ! grep -Eq "$re" "$W/err"; then
		fail "$* -> stderr '$(cat "$W/err")' does not match /$re/"
		return 1
	fi
	return 0
}

group_tcpdump() {
	command -v tcpdump >/dev/null 2>&1 || { echo "tcpdump not installed: skipped"; exit 77; }
	# Header lines: tcpdump adds hex dumps of what it cannot decode.
	for f in eth.pcap eth.pcapng sll.pcap sll2.pcap null.pcap loop.pcap raw.pcap ts.pcap nano.pcap whole.pcap; do
		for o in "" "-e" "-q" "-q -e" "-t" "-tt" "-ttt" "-tttt" "-ttttt" "--nano" "--nano -ttt"; do
			# shellcheck disable=SC2086
			tcpdump -n -S $o -r "$W/$f" 2>/dev/null | grep -v '^	' >"$W/want"
			# shellcheck disable=SC2086
			"$SNIFF" $o -r "$W/$f" >"$W/got" 2>"$W/err"
			ok
			if ! cmp -s "$W/want" "$W/got"; then
				fail "rk-sniff $o -r $f differs from tcpdump -n -S $o:"
				diff "$W/want" "$W/got" | head -20
			fi
		done
	done
	# Whole output, hex dumps included, where every frame is complete.
	for o in "-x" "-X" "-xx" "-XX" "-e -X" "-q -x" "-t -X"; do
		# shellcheck disable=SC2086
		tcpdump -n -S $o -r "$W/whole.pcap" >"$W/want" 2>/dev/null
		# shellcheck disable=SC2086
		"$SNIFF" $o -r "$W/whole.pcap" >"$W/got" 2>"$W/err"
		ok
		if ! cmp -s "$W/want" "$W/got"; then
			fail "rk-sniff $o -r whole.pcap differs from tcpdump -n -S $o:"
			diff "$W/want" "$W/got" | head -20
		fi
	done
	# Filters pass the same frames.
	for flt in "tcp" "udp port 50000" "icmp or icmp6" "vlan" "arp" "ip6 and not tcp" "tcp[tcpflags] & tcp-syn != 0"; do
		tcpdump -n -S -r "$W/eth.pcap" "$flt" 2>/dev/null | grep -v '^	' >"$W/want"
		"$SNIFF" -r "$W/eth.pcap" "$flt" >"$W/got" 2>"$W/err"
		ok
		cmp -s "$W/want" "$W/got" || { fail "filter '$flt' differs:"; diff "$W/want" "$W/got" | head -10; }
	done
	# Local time zones, daylight saving included.
	for tz in America/New_York Asia/Kolkata Australia/Lord_Howe Europe/Berlin; do
		[ -f "/usr/share/zoneinfo/$tz" ] || continue
		for o in "" "-tttt"; do
			# shellcheck disable=SC2086
			TZ=$tz tcpdump -n $o -r "$W/ts.pcap" 2>/dev/null >"$W/want"
			# shellcheck disable=SC2086
			TZ=$tz "$SNIFF" $o -r "$W/ts.pcap" >"$W/got" 2>"$W/err"
			ok
			cmp -s "$W/want" "$W/got" || { fail "TZ=$tz $o differs:"; diff "$W/want" "$W/got" | head -10; }
		done
	done
}

group_json() {
	command -v python3 >/dev/null 2>&1 || { echo "python3 not installed: skipped"; exit 77; }
	for f in eth.pcap whole.pcap differs.pcap sll.pcap sll2.pcap null.pcap loop.pcap raw.pcap ts.pcap; do
		for o in "" "--nano"; do
			# shellcheck disable=SC2086
			"$SNIFF" --json $o -r "$W/$f" >"$W/got" 2>"$W/err"
			rc=$?
			ok
			[ "$rc" -eq 0 ] || fail "--json $o -r $f: exit status $rc"
			digits=6
			[ "$o" = "--nano" ] && digits=9
			python3 - "$W/got" "$digits" <<'EOF' || fail "--json $o -r $f: see above"
import json, re, sys
path, digits = sys.argv[1], int(sys.argv[2])
frame_keys = ["n", "ts", "caplen", "len", "linktype", "layers"]
ts_re = re.compile(r"^-?[0-9]+\.[0-9]{%d}$" % digits)
bad = 0
with open(path, encoding="ascii") as f:
    for i, line in enumerate(f, 1):
        try:
            obj = json.loads(line)
        except ValueError as e:
            print("line %d: not JSON: %s: %s" % (i, e, line.strip())); bad += 1; continue
        keys = list(obj.keys())
        want = frame_keys + (["error"] if "error" in obj else [])
        if keys != want:
            print("line %d: frame keys %s" % (i, keys)); bad += 1
        if obj["n"] != i:
            print("line %d: n is %s" % (i, obj["n"])); bad += 1
        if not ts_re.match(obj["ts"]):
            print("line %d: ts %r" % (i, obj["ts"])); bad += 1
        for l in obj["layers"]:
            if list(l.keys())[0] != "layer":
                print("line %d: layer keys %s" % (i, list(l.keys()))); bad += 1
            for k, v in l.items():
                if k == "csum_ok":
                    if v is not None and not isinstance(v, bool):
                        print("line %d: csum_ok %r" % (i, v)); bad += 1
                elif k in ("truncated", "inner", "df", "mf", "m", "dei"):
                    if not isinstance(v, bool):
                        print("line %d: %s %r" % (i, k, v)); bad += 1
                elif k in ("layer", "src", "dst", "sha", "spa", "tha", "tpa", "addr"):
                    if not isinstance(v, str):
                        print("line %d: %s %r" % (i, k, v)); bad += 1
                elif k == "opts":
                    if not isinstance(v, list if l["layer"] == "tcp" else str):
                        print("line %d: opts %r" % (i, v)); bad += 1
                elif not isinstance(v, int) or isinstance(v, bool):
                    print("line %d: %s %r not a number" % (i, k, v)); bad += 1
sys.exit(1 if bad else 0)
EOF
		done
	done
	# Frame numbers count every frame read: a filtered line is the
	# unfiltered line with the same n.
	"$SNIFF" --json -r "$W/eth.pcap" >"$W/all" 2>"$W/err"
	"$SNIFF" --json -r "$W/eth.pcap" "udp or arp" >"$W/some" 2>"$W/err"
	ok
	python3 - "$W/all" "$W/some" <<'EOF' || fail "filtered JSON numbering"
import json, sys
all_lines = {json.loads(l)["n"]: l for l in open(sys.argv[1])}
some = open(sys.argv[2]).readlines()
assert 0 < len(some) < len(all_lines), (len(some), len(all_lines))
for l in some:
    n = json.loads(l)["n"]
    assert all_lines[n] == l, (n, l)
EOF
	# -c counts printed frames.
	"$SNIFF" --json -c 2 -r "$W/eth.pcap" "udp" >"$W/got" 2>"$W/err"
	ok
	[ "$(wc -l <"$W/got")" -eq 2 ] || fail "--json -c 2 udp: $(wc -l <"$W/got") lines"
	json_pcapng_ts
}

# pcapng_file FILE ORDER TSRESOL TS... - a pcapng with one Ethernet
# interface (ORDER "<" little- or ">" big-endian; TSRESOL the if_tsresol
# byte, "-" for none: microseconds) and one UDP frame 192.0.2.1 ->
# 192.0.2.2 per TS, a time stamp in the interface's units.
pcapng_file() {
	python3 - "$@" <<'EOF' || fail "pcapng_file $*: python3 failed"
import struct, sys
path, order, tsresol = sys.argv[1], sys.argv[2], sys.argv[3]
def block(btype, body):
    body += b"\0" * (-len(body) % 4)
    n = len(body) + 12
    return struct.pack(order + "II", btype, n) + body + struct.pack(order + "I", n)
def opt(code, val):
    return struct.pack(order + "HH", code, len(val)) + val + b"\0" * (-len(val) % 4)
def frame():
    ip = struct.pack("!BBHHHBBH4s4s", 0x45, 0, 28, 1, 0, 64, 17, 0,
                     bytes([192, 0, 2, 1]), bytes([192, 0, 2, 2]))
    s = sum(struct.unpack("!10H", ip))
    s = (s & 0xffff) + (s >> 16)
    ip = ip[:10] + struct.pack("!H", ~s & 0xffff) + ip[12:]
    udp = struct.pack("!HHHH", 40000, 9, 8, 0)
    return bytes.fromhex("020000000002020000000001") + b"\x08\x00" + ip + udp
out = block(0x0A0D0D0A, struct.pack(order + "IHHq", 0x1A2B3C4D, 1, 0, -1))
opts = b"" if tsresol == "-" else opt(9, bytes([int(tsresol)]))
out += block(1, struct.pack(order + "HHI", 1, 0, 262144) + opts + opt(0, b""))
for ts in sys.argv[4:]:
    ts, f = int(ts), frame()
    out += block(6, struct.pack(order + "IIIII", 0, ts >> 32, ts & 0xffffffff, len(f), len(f)) + f)
open(path, "wb").write(out)
EOF
}

# --json "ts" has the pcapng interface's precision (if_tsresol), exactly;
# text stays at tcpdump's microseconds unless --nano.
json_pcapng_ts() {
	pcapng_file "$W/nano.pcapng" "<" 9 1700000000123456789 1700000001000000007
	pcapng_file "$W/nanobe.pcapng" ">" 9 1700000000123456789 1700000001000000007
	pcapng_file "$W/micro.pcapng" "<" - 1700000000123456 1700000001000007
	for f in nano.pcapng nanobe.pcapng; do
		"$SNIFF" --json -r "$W/$f" >"$W/got" 2>"$W/err"
		ok
		[ "$(cut -d, -f2 "$W/got" | tr '\n' ' ')" = '"ts":"1700000000.123456789" "ts":"1700000001.000000007" ' ] ||
			fail "--json -r $f: $(cat "$W/got" "$W/err")"
		"$SNIFF" --json --nano -r "$W/$f" >"$W/want" 2>"$W/err"
		ok
		cmp -s "$W/want" "$W/got" || fail "--json -r $f differs from --json --nano"
	done
	"$SNIFF" --json -r "$W/micro.pcapng" >"$W/got" 2>"$W/err"
	ok
	[ "$(cut -d, -f2 "$W/got" | tr '\n' ' ')" = '"ts":"1700000000.123456" "ts":"1700000001.000007" ' ] ||
		fail "--json -r micro.pcapng: $(cat "$W/got" "$W/err")"
	ok
	grep -q '"src":"192.0.2.1","dst":"192.0.2.2"' "$W/got" || fail "micro.pcapng: not the UDP frames"
	# Standard input is not peeked at: microseconds.
	"$SNIFF" --json -r - <"$W/nano.pcapng" >"$W/got" 2>"$W/err"
	ok
	[ "$(cut -d, -f2 "$W/got" | head -1)" = '"ts":"1700000000.123456"' ] ||
		fail "--json -r - <nano.pcapng: $(cat "$W/got" "$W/err")"
	# Text: 6 digits without --nano, 9 with it.
	"$SNIFF" -r "$W/nano.pcapng" >"$W/got" 2>"$W/err"
	ok
	[ "$(cut -d' ' -f1-4 "$W/got" | tr '\n' '|')" = '22:13:20.123456 IP 192.0.2.1.40000 >|22:13:21.000000 IP 192.0.2.1.40000 >|' ] ||
		fail "-r nano.pcapng: $(cat "$W/got" "$W/err")"
	"$SNIFF" -tt -r "$W/nano.pcapng" >"$W/got" 2>"$W/err"
	ok
	[ "$(cut -d' ' -f1 "$W/got" | tr '\n' ' ')" = '1700000000.123456 1700000001.000000 ' ] ||
		fail "-tt -r nano.pcapng: $(cat "$W/got")"
	"$SNIFF" --nano -tt -r "$W/nano.pcapng" >"$W/got" 2>"$W/err"
	ok
	[ "$(cut -d' ' -f1 "$W/got" | tr '\n' ' ')" = '1700000000.123456789 1700000001.000000007 ' ] ||
		fail "--nano -tt -r nano.pcapng: $(cat "$W/got")"
}

group_errors() {
	expect_rc 2 '^rk-sniff: .*nonexistent\.pcap: No such file or directory$' -- "$SNIFF" -r "$W/nonexistent.pcap"
	expect_rc 2 '^rk-sniff: .*garbage\.pcap: unknown file format$' -- "$SNIFF" -r "$W/garbage.pcap"
	: >"$W/empty.pcap"
	expect_rc 2 '^rk-sniff: .*empty\.pcap: ' -- "$SNIFF" -r "$W/empty.pcap"
	expect_rc 2 '^rk-sniff: ' -- "$SNIFF" -r "$W"
	expect_rc 2 '^rk-sniff: standard input: unknown file format$' -- sh -c "\"$SNIFF\" -r - <\"$W/garbage.pcap\""
	if expect_rc 2 '^rk-sniff: .*cut\.pcap: truncated dump file' -- "$SNIFF" -r "$W/cut.pcap"; then
		ok
		[ "$(wc -l <"$W/out")" -eq 2 ] || fail "cut.pcap: the 2 whole frames are not printed"
	fi
	if [ "$(id -u)" -ne 0 ]; then
		cp "$W/eth.pcap" "$W/noread.pcap" && chmod 000 "$W/noread.pcap"
		expect_rc 2 '^rk-sniff: .*noread\.pcap: Permission denied$' -- "$SNIFF" -r "$W/noread.pcap"
	fi
	expect_rc 2 "^rk-sniff: bad filter 'tcp and': " -- "$SNIFF" -r "$W/eth.pcap" tcp and
	expect_rc 2 "^rk-sniff: bad filter 'nosuchword': " -- "$SNIFF" -r "$W/eth.pcap" nosuchword
	expect_rc 2 "^rk-sniff: -c: 'ten' is not a number$" -- "$SNIFF" -c ten -r "$W/eth.pcap"
	expect_rc 2 "^rk-sniff: -c: '' is not a number$" -- "$SNIFF" -c "" -r "$W/eth.pcap"
	expect_rc 2 "^rk-sniff: -c: '5x' is not a number$" -- "$SNIFF" -c 5x -r "$W/eth.pcap"
	expect_rc 2 "^rk-sniff: -c: ' 5' is not a number$" -- "$SNIFF" -c " 5" -r "$W/eth.pcap"
	expect_rc 2 "^rk-sniff: -c: '0' is too small \(minimum 1\)$" -- "$SNIFF" -c 0 -r "$W/eth.pcap"
	expect_rc 2 "^rk-sniff: -c: '-3' is too small \(minimum 1\)$" -- "$SNIFF" -c -3 -r "$W/eth.pcap"
	expect_rc 2 "^rk-sniff: -c: '99999999999999999999' is too large \(maximum 9223372036854775807\)$" -- "$SNIFF" -c 99999999999999999999 -r "$W/eth.pcap"
	expect_rc 2 "^rk-sniff: --count: 'x' is not a number$" -- "$SNIFF" --count=x -r "$W/eth.pcap"
	expect_rc 2 '^rk-sniff: unknown option -k$' -- "$SNIFF" -k -r "$W/eth.pcap"
	expect_rc 2 '^rk-sniff: unknown option --bogus$' -- "$SNIFF" --bogus -r "$W/eth.pcap"
	expect_rc 2 '^rk-sniff: option -r needs a value$' -- "$SNIFF" -r
	expect_rc 2 '^rk-sniff: option --read needs a value$' -- "$SNIFF" --read
	expect_rc 2 '^rk-sniff: --json cannot be combined with -x or -X$' -- "$SNIFF" --json -X -r "$W/eth.pcap"
	expect_rc 2 '^rk-sniff: -t: at most 5' -- "$SNIFF" -tttttt -r "$W/eth.pcap"
	# Options that do not go together, or bad values.
	expect_rc 2 '^rk-sniff: -C and -W need -w FILE$' -- "$SNIFF" -C 1 -r "$W/eth.pcap"
	expect_rc 2 '^rk-sniff: -W needs -C SIZE$' -- "$SNIFF" -W 2 -w "$W/x.pcap" -r "$W/eth.pcap"
	expect_rc 2 '^rk-sniff: -i is for live captures: it cannot be combined with -r$' -- "$SNIFF" -i lo -r "$W/eth.pcap"
	expect_rc 2 '^rk-sniff: --stats is for live captures' -- "$SNIFF" --stats 1 -r "$W/eth.pcap"
	expect_rc 2 '^rk-sniff: -p is for live captures' -- "$SNIFF" -p -r "$W/eth.pcap"
	expect_rc 2 "^rk-sniff: --stats: '0' is too small \(minimum 1\)$" -- "$SNIFF" --stats 0 -r "$W/eth.pcap"
	expect_rc 2 "^rk-sniff: -s: '262145' is too large \(maximum 262144\)$" -- "$SNIFF" -s 262145 -r "$W/eth.pcap"
	expect_rc 2 "^rk-sniff: -B: '0' is too small \(minimum 1\)$" -- "$SNIFF" -B 0 -r "$W/eth.pcap"
	expect_rc 2 "^rk-sniff: -C: '0' is too small \(minimum 1\)$" -- "$SNIFF" -C 0 -w "$W/x.pcap" -r "$W/eth.pcap"
	expect_rc 2 "^rk-sniff: -C: '1x' is not a number$" -- "$SNIFF" -C 1x -w "$W/x.pcap" -r "$W/eth.pcap"
	expect_rc 2 "^rk-sniff: -C: 'k' is not a number$" -- "$SNIFF" -C k -w "$W/x.pcap" -r "$W/eth.pcap"
	expect_rc 2 "^rk-sniff: -W: '0' is too small \(minimum 1\)$" -- "$SNIFF" -C 1 -W 0 -w "$W/x.pcap" -r "$W/eth.pcap"
	expect_rc 2 '^rk-sniff: -C cannot rotate standard output' -- "$SNIFF" -C 1 -w - -r "$W/eth.pcap"
	expect_rc 2 '^rk-sniff: --print with -w -: ' -- "$SNIFF" --print -w - -r "$W/eth.pcap"
	expect_rc 2 "^rk-sniff: -w $W/eth.pcap would overwrite the file -r reads$" -- "$SNIFF" -w "$W/eth.pcap" -r "$W/eth.pcap"
	expect_rc 2 '^rk-sniff: -D cannot be combined with -r or -w$' -- "$SNIFF" -D -r "$W/eth.pcap"
	expect_rc 2 "^rk-sniff: --time-stamp-precision: 'pico' is neither micro nor nano$" -- "$SNIFF" --time-stamp-precision=pico -r "$W/eth.pcap"
	expect_rc 2 '^rk-sniff: -i: no interface named$' -- "$SNIFF" -i "" -r "$W/eth.pcap"
	expect_rc 2 "^rk-sniff: -Z nosuchuser.rk: no such user$|^rk-sniff: -Z: " -- sh -c "[ \"\$(id -u)\" -eq 0 ] || { echo 'rk-sniff: -Z: not root' >&2; exit 2; }; exec \"$SNIFF\" -Z nosuchuser.rk -r \"$W/eth.pcap\""
	echo udp >"$W/filter.txt"
	expect_rc 2 "^rk-sniff: a filter both in -F $W/filter.txt and on the command line$" -- "$SNIFF" -F "$W/filter.txt" -r "$W/eth.pcap" tcp
	expect_rc 2 "^rk-sniff: -F $W/nofilter.txt: No such file or directory$" -- "$SNIFF" -F "$W/nofilter.txt" -r "$W/eth.pcap"
	printf 'tcp and\n' >"$W/badfilter.txt"
	expect_rc 2 "^rk-sniff: bad filter 'tcp and': " -- "$SNIFF" -F "$W/badfilter.txt" -r "$W/eth.pcap"

	# -w: nothing left behind when the input or the filter is bad, a clear
	# message when the file cannot be made.
	rm -f "$W/out.pcap"
	expect_rc 2 "^rk-sniff: bad filter 'tcp and': " -- "$SNIFF" -r "$W/eth.pcap" -w "$W/out.pcap" tcp and
	ok
	[ -e "$W/out.pcap" ] && fail "a bad filter left $W/out.pcap behind"
	expect_rc 2 'garbage\.pcap: unknown file format$' -- "$SNIFF" -r "$W/garbage.pcap" -w "$W/out.pcap"
	ok
	[ -e "$W/out.pcap" ] && fail "a bad input file left $W/out.pcap behind"
	expect_rc 2 "^rk-sniff: $W/nodir/out.pcap: No such file or directory$" -- "$SNIFF" -r "$W/eth.pcap" -w "$W/nodir/out.pcap"
	expect_rc 2 "^rk-sniff: $W: Is a directory$" -- "$SNIFF" -r "$W/eth.pcap" -w "$W"
	# A file cut short: the whole frames before the cut are written, and
	# the output is a valid capture.
	if expect_rc 2 'cut\.pcap: truncated dump file' -- "$SNIFF" -r "$W/cut.pcap" -w "$W/out.pcap"; then
		ok
		[ "$("$SNIFF" -r "$W/out.pcap" 2>&1 | wc -l)" -eq 2 ] || fail "-r cut.pcap -w: not the 2 whole frames"
	fi
	if [ -w /dev/full ]; then
		expect_rc 2 '^rk-sniff: /dev/full: write error: No space left on device$' -- "$SNIFF" -r "$W/eth.pcap" -w /dev/full
		expect_rc 2 '^rk-sniff: standard output: write error: No space left on device$' -- sh -c "\"$SNIFF\" -r \"$W/eth.pcap\" -w - >/dev/full"
	fi
	if [ -w /dev/full ]; then
		expect_rc 2 '^rk-sniff: write error: No space left on device$' -- sh -c "\"$SNIFF\" -r \"$W/eth.pcap\" >/dev/full"
	fi
	# A usage error prints nothing on stdout.
	"$SNIFF" -c 0 -r "$W/eth.pcap" >"$W/out" 2>/dev/null
	ok
	[ -s "$W/out" ] && fail "a usage error wrote to stdout"
	return 0
}

group_options() {
	expect_rc 0 '' -- "$SNIFF" --help && { ok; grep -q '^Usage: rk-sniff \[-i IFACE\]' "$W/out" && grep -q '^       rk-sniff -r FILE' "$W/out" || fail "--help: no usage line"; [ -s "$W/err" ] && fail "--help wrote to stderr"; }
	expect_rc 0 '' -- "$SNIFF" -h
	expect_rc 0 '' -- "$SNIFF" --version && { ok; grep -q '^rk-sniff (rawkit) [0-9]' "$W/out" && grep -q 'libpcap version' "$W/out" || fail "--version: $(cat "$W/out")"; }

	"$SNIFF" -r "$W/eth.pcap" >"$W/all" 2>"$W/err"
	rc=$?
	ok
	[ "$rc" -eq 0 ] && [ ! -s "$W/err" ] || fail "plain read: exit $rc, stderr $(cat "$W/err")"
	frames=$(wc -l <"$W/all")
	ok
	[ "$frames" -gt 100 ] || fail "eth.pcap: only $frames lines"

	expect_rc 0 '' -- "$SNIFF" -c 3 -r "$W/eth.pcap" && { ok; [ "$(wc -l <"$W/out")" -eq 3 ] || fail "-c 3: $(wc -l <"$W/out") lines"; }
	expect_rc 0 '' -- "$SNIFF" -c 100000 -r "$W/eth.pcap" && { ok; [ "$(wc -l <"$W/out")" -eq "$frames" ] || fail "-c 100000"; }
	expect_rc 0 '' -- "$SNIFF" -c 2 -r "$W/eth.pcap" udp && { ok; [ "$(wc -l <"$W/out")" -eq 2 ] || fail "-c 2 udp: $(cat "$W/out")"; }
	expect_rc 0 '' -- "$SNIFF" -r "$W/eth.pcap" "port 12345" && { ok; [ -s "$W/out" ] && fail "a filter matching nothing printed lines"; }

	for f in eth.pcap eth.pcapng; do
		"$SNIFF" -r - <"$W/$f" >"$W/got" 2>"$W/err"
		ok
		cmp -s "$W/all" "$W/got" || fail "-r - <$f differs from -r eth.pcap"
		"$SNIFF" -r "$W/$f" -l -n >"$W/got" 2>"$W/err"
		ok
		cmp -s "$W/all" "$W/got" || fail "-l -n -r $f differs"
	done
	# Options after the file and in the filter's place, as tcpdump takes them.
	"$SNIFF" -r "$W/eth.pcap" -c 1 tcp >"$W/got" 2>"$W/err"
	ok
	[ "$(wc -l <"$W/got")" -eq 1 ] || fail "-r FILE -c 1 tcp"
	# -ttt counts from the previous printed frame.
	"$SNIFF" -ttt -r "$W/ts.pcap" >"$W/got" 2>"$W/err"
	ok
	head -3 "$W/got" | cut -c1-16 | tr '\n' '|' | grep -q '^ 00:00:00.000000|-00:00:00.100000| 00:00:01.000001|$' ||
		fail "-ttt: $(head -3 "$W/got" | cut -c1-16 | tr '\n' '|')"
	"$SNIFF" --nano -tt -r "$W/nano.pcap" >"$W/got" 2>"$W/err"
	ok
	head -1 "$W/got" | grep -q '^1700000000.123456789 IP ' || fail "--nano -tt: $(head -1 "$W/got")"
	"$SNIFF" -tt -r "$W/nano.pcap" >"$W/got" 2>"$W/err"
	ok
	head -1 "$W/got" | grep -q '^1700000000.123456 IP ' || fail "-tt on a nanosecond file: $(head -1 "$W/got")"

	# -F: the filter from a file, '#' comments blanked.
	printf '# UDP only\nudp # and nothing else\n' >"$W/filter.txt"
	"$SNIFF" -r "$W/eth.pcap" udp >"$W/want" 2>"$W/err"
	"$SNIFF" -r "$W/eth.pcap" -F "$W/filter.txt" >"$W/got" 2>"$W/err"
	ok
	[ -s "$W/want" ] && cmp -s "$W/want" "$W/got" || fail "-F FILE differs from the filter on the command line"

	# -r with -w: the frames that pass the filter, written whole; -w -
	# into a pipe; --print prints them as well.
	"$SNIFF" -r "$W/eth.pcap" -w "$W/w.pcap" udp >"$W/out" 2>"$W/err"
	ok
	[ $? -eq 0 ] && [ ! -s "$W/out" ] && [ ! -s "$W/err" ] || fail "-r -w: output $(cat "$W/out" "$W/err")"
	"$SNIFF" -r "$W/w.pcap" >"$W/got" 2>"$W/err"
	ok
	cmp -s "$W/want" "$W/got" || fail "-r -w udp then -r differs from -r udp"
	"$SNIFF" -r "$W/eth.pcap" -w - udp 2>"$W/err" | "$SNIFF" -r - >"$W/got" 2>>"$W/err"
	ok
	cmp -s "$W/want" "$W/got" || fail "-w - | -r - differs: $(cat "$W/err")"
	"$SNIFF" -r "$W/eth.pcap" -w "$W/w2.pcap" --print udp >"$W/got" 2>"$W/err"
	ok
	cmp -s "$W/want" "$W/got" && cmp -s "$W/w.pcap" "$W/w2.pcap" || fail "--print with -w"
	"$SNIFF" -r "$W/nano.pcap" --nano -w "$W/w3.pcap" 2>"$W/err"
	ok
	[ "$(od -An -tx4 -N4 "$W/w3.pcap" | tr -d ' ')" = a1b23c4d ] || fail "--nano -w: not a nanosecond file"
	"$SNIFF" -r "$W/nano.pcap" --nano -tt >"$W/want" 2>"$W/err"
	"$SNIFF" -r "$W/w3.pcap" --nano -tt >"$W/got" 2>"$W/err"
	ok
	cmp -s "$W/want" "$W/got" || fail "--nano -w lost digits"
	"$SNIFF" -r "$W/eth.pcap" -c 3 -w "$W/w4.pcap" 2>"$W/err"
	ok
	[ "$("$SNIFF" -r "$W/w4.pcap" | wc -l)" -eq 3 ] || fail "-c 3 -w: not 3 frames"

	# The same files tcpdump writes, byte for byte, rotation included.
	if command -v tcpdump >/dev/null 2>&1; then
		mkdir -p "$W/td" "$W/rk"
		tcpdump -Z root -r "$W/eth.pcap" -w "$W/td/f.pcap" udp 2>/dev/null
		ok
		cmp -s "$W/td/f.pcap" "$W/w.pcap" || fail "-r -w udp: not the file tcpdump writes"
		for rot in "-C 1" "-C 1 -W 2" "-C 1 -W 11"; do
			rm -f "$W"/td/s* "$W"/rk/s*
			# shellcheck disable=SC2086
			tcpdump -Z root -r "$W/stream.pcap" -w "$W/td/s" $rot 2>/dev/null
			# shellcheck disable=SC2086
			"$SNIFF" -r "$W/stream.pcap" -w "$W/rk/s" $rot 2>"$W/err"
			ok
			[ "$(cd "$W/td" && ls s*)" = "$(cd "$W/rk" && ls s*)" ] ||
				fail "-w $rot: files $(cd "$W/rk" && ls s* | tr '\n' ' '), tcpdump: $(cd "$W/td" && ls s* | tr '\n' ' ')"
			for f in "$W"/td/s*; do
				ok
				cmp -s "$f" "$W/rk/${f##*/}" || fail "-w $rot: ${f##*/} differs from tcpdump's"
			done
		done
		ok
		[ "$(cd "$W/rk" && ls s* | tr "\n" " ")" = "s00 s01 s02 s03 " ] || fail "-W 11: names $(cd "$W/rk" && ls s*)"
	fi
	# -C with a suffix: KiB.
	rm -rf "$W/k" && mkdir -p "$W/k"
	"$SNIFF" -r "$W/stream.pcap" -c 100 -w "$W/k/s" -C 1k -W 3 2>"$W/err"
	ok
	[ "$(cd "$W/k" && ls | tr '\n' ' ')" = "s0 s1 s2 " ] || fail "-C 1k -W 3: $(ls "$W/k")"
	for f in "$W"/k/s?; do
		ok
		[ "$(stat -c %s "$f")" -le $((1024 + 122)) ] || fail "$f: $(stat -c %s "$f") bytes"
	done
}

# tcpdump -v's extra lines for ND options and its automatic hex dumps are
# not printed by rk-sniff; nor are the -v details of MLDv2 queries, home
# agent and mobile prefix messages (docs/sniff.md).
VFILTER='not (icmp6 and (icmp6[icmp6type] == 130 or icmp6[icmp6type] == 145 or icmp6[icmp6type] == 147))'
vclean() {
	grep -v -e '^	  ' -e '^	0x' -e '^	hop limit' -e 'IPv6 (len 4)'
}

group_verbose() {
	command -v tcpdump >/dev/null 2>&1 || { echo "tcpdump not installed: skipped"; exit 77; }
	for f in whole.pcap sll.pcap sll2.pcap null.pcap loop.pcap raw.pcap ts.pcap nano.pcap; do
		for o in "" "-e" "-q" "-e -q" "-t" "-tt" "-X" "-e -xx" "--nano"; do
			# shellcheck disable=SC2086
			tcpdump -n -S -v $o -r "$W/$f" "$VFILTER" 2>/dev/null | vclean >"$W/want"
			# shellcheck disable=SC2086
			"$SNIFF" -v $o -r "$W/$f" "$VFILTER" 2>"$W/err" | vclean >"$W/got"
			ok
			if ! cmp -s "$W/want" "$W/got"; then
				fail "rk-sniff -v $o -r $f differs from tcpdump -n -S -v $o:"
				diff "$W/want" "$W/got" | head -20
			fi
		done
	done
	# -v on frames that are cut or malformed: never a crash, the plain
	# line at least, and as many lines as frames.
	for f in eth.pcap differs.pcap; do
		"$SNIFF" -v -r "$W/$f" >"$W/got" 2>"$W/err"
		ok
		[ $? -eq 0 ] && [ ! -s "$W/err" ] || fail "-v -r $f: $(cat "$W/err")"
		ok
		[ "$(grep -vc '^	\|^    ' "$W/got")" -eq "$("$SNIFF" -r "$W/$f" | wc -l)" ] ||
			fail "-v -r $f: not one line per frame"
	done
	# A bad IPv4 header checksum and a bad TCP checksum, in tcpdump's words.
	"$SNIFF" -v -r "$W/eth.pcap" >"$W/got"
	tcpdump -n -S -v -r "$W/eth.pcap" 2>/dev/null >"$W/want"
	for pat in 'bad cksum' 'incorrect ->' 'wrong icmp cksum' 'bad udp cksum' 'bad icmp6 cksum'; do
		if grep -q "$pat" "$W/want"; then
			ok
			[ "$(grep "$pat" "$W/want")" = "$(grep "$pat" "$W/got")" ] || fail "-v '$pat' lines differ"
		fi
	done
}

case "$GROUP" in
tcpdump) group_tcpdump ;;
json) group_json ;;
errors) group_errors ;;
options) group_options ;;
verbose) group_verbose ;;
*) echo "unknown group $GROUP"; exit 2 ;;
esac

echo "$checks checks, $fails failed"
[ "$fails" -eq 0 ]
