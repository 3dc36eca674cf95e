#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-2-Clause
# dry_run.sh - rk-synscan --dry-run (no privileges, nothing sent) walks the
# probe permutation: every (address, port) exactly once; the same seed gives
# the same order and another seed another; --shard 1/3..3/3 partition it;
# --resume-index continues exactly where the list left off. Each probe's
# incremental checksums are checked against a full sum inside the tool.
# Usage: dry_run.sh RK-SYNSCAN
set -u
SCAN=${1:?usage: dry_run.sh RK-SYNSCAN}
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
fail() {
	echo "FAIL: $*" >&2
	exit 1
}
run() {
	"$SCAN" --dry-run -S 192.0.2.1 -S 2001:db8::1 "$@" || fail "rk-synscan --dry-run $* exited $?"
}
targets="192.0.2.0/28 2001:db8::100-2001:db8::103"

# The whole space: 20 hosts x 300 ports.
for h in $(seq 0 15); do for p in $(seq 1 300); do echo "192.0.2.$h $p"; done; done >"$tmp/space"
for h in 0 1 2 3; do for p in $(seq 1 300); do echo "2001:db8::10$h $p"; done; done >>"$tmp/space"
sort "$tmp/space" >"$tmp/space.sorted"

run --seed 5 -p 1-300 $targets >"$tmp/all"
cut -d' ' -f1,2 "$tmp/all" >"$tmp/all.pairs"
sort "$tmp/all.pairs" | diff -q "$tmp/space.sorted" - >/dev/null || fail "seed 5 does not cover the space exactly once"
run --seed 5 -p 1-300 $targets | cut -d' ' -f1,2 >"$tmp/again"
cmp -s "$tmp/again" "$tmp/all.pairs" || fail "seed 5 twice: different orders"
run --seed 6 -p 1-300 $targets | cut -d' ' -f1,2 >"$tmp/other"
cmp -s "$tmp/other" "$tmp/all.pairs" && fail "seeds 5 and 6: same order"
sort -c "$tmp/all.pairs" 2>/dev/null && fail "the probes are in plain order"

# Shards: together the space, each pair once.
for i in 1 2 3; do
	run --seed 5 --shard "$i/3" -p 1-300 $targets | cut -d' ' -f1,2 >"$tmp/shard$i"
done
cat "$tmp/shard1" "$tmp/shard2" "$tmp/shard3" | sort | diff -q "$tmp/space.sorted" - >/dev/null ||
	fail "shards 1/3..3/3 do not partition the space"
[ "$(wc -l <"$tmp/shard1")" -eq 2000 ] || fail "shard 1/3 has $(wc -l <"$tmp/shard1") probes"

# Resume: the rest of the same list.
run --seed 5 --resume-index 1234 -p 1-300 $targets | cut -d' ' -f1,2 >"$tmp/rest"
tail -n +1235 "$tmp/all.pairs" | cmp -s - "$tmp/rest" || fail "--resume-index 1234 is not the rest of the list"
run --seed 5 --shard 2/3 --resume-index 500 -p 1-300 $targets | cut -d' ' -f1,2 >"$tmp/rest2"
tail -n +501 "$tmp/shard2" | cmp -s - "$tmp/rest2" || fail "shard 2/3 resumed at 500"

# Source ports stay in the range given; sequence numbers are 32-bit hex.
run --seed 5 --src-port 40000-40003 -p 1-300 192.0.2.0/28 |
	awk '$3 != "sport" || $4 < 40000 || $4 > 40003 || $5 != "seq" || length($6) != 8 || $6 ~ /[^0-9a-f]/ { bad = 1 }
	     END { exit bad }' || fail "source ports or sequence numbers"
# A full port range of one host.
[ "$(run --seed 1 -p0-65535 192.0.2.9 | sort -u | wc -l)" -eq 65536 ] || fail "-p0-65535: not 65536 probes"
echo "PASS: dry_run"
