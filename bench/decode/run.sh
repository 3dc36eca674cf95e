#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-2-Clause
# bench/decode/run.sh [BUILD_DIR] - the decoder benchmark of issue 3, in one
# run: on a generated pcap of RK_BENCH_PACKETS (default 1,000,000) mixed
# frames with widely spread addresses,
#   libpcap's bare read loop (the floor) vs read + rk_decode,
#   rk_decode alone over packets in memory (one core),
#   rk-sniff -r (text) vs tcpdump -n -r, rk-sniff --json vs tshark -T json,
#   peak RSS of each, and rk-sniff's RSS at 1/10 of the packets (flat?).
# Prints one line per contender and the ratios. Not a test: no assertion.
set -euo pipefail
cd "$(dirname "$0")/../.."
build=${1:-build/release}
count=${RK_BENCH_PACKETS:-1000000}
data=bench/data
mkdir -p "$data"
big=$data/mixed-$count.pcap
small=$data/mixed-$((count / 10)).pcap
[ -f "$big" ] || "$build/bench/decode/rk-bench-gen" "$big" "$count" 1
[ -f "$small" ] || "$build/bench/decode/rk-bench-gen" "$small" $((count / 10)) 1
run=$build/bench/common/rk-bench-run
sniff=$build/tools/sniff/rk-sniff

field() { sed -n "s/.*$1=\([0-9.]*\).*/\1/p"; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", (b > 0 ? a / b : 0) }'; }

echo "decode benchmark: $count packets ($(du -h "$big" | cut -f1)), $(nproc) cores"
bare=$("$build/bench/decode/rk-bench-decode" bare "$big" | field mpps)
dec=$("$build/bench/decode/rk-bench-decode" decode "$big" | field mpps)
mem=$("$build/bench/decode/rk-bench-decode" mem "$big" 5 | field mpps)
text_mem=$("$build/bench/decode/rk-bench-decode" text "$big" 2 | field mpps)
json_mem=$("$build/bench/decode/rk-bench-decode" json "$big" 2 | field mpps)
printf '%-34s %8s Mpps\n' "libpcap bare loop (floor)" "$bare" "read + rk_decode" "$dec" \
	"rk_decode alone (in memory)" "$mem" "decode + text format (in memory)" "$text_mem" \
	"decode + JSON format (in memory)" "$json_mem"
echo "read + decode / bare loop = $(ratio "$dec" "$bare")   (target >= 0.8)"
echo "decode alone = $mem M packets/s   (target >= 20)"

tool() { # label command...
	local label=$1 out
	shift
	out=$(TZ=UTC "$run" "$@")
	local wall rss
	wall=$(echo "$out" | field wall)
	rss=$(echo "$out" | field maxrss_kb)
	printf '%-34s %8.3f s %10.0f pkt/s  peak RSS %7s KiB\n' "$label" "$wall" \
		"$(awk -v n="$count" -v w="$wall" 'BEGIN { print n / w }')" "$rss" >&2
	echo "$wall $rss"
}
read -r rk_text_s rk_text_rss < <(tool "rk-sniff -r (text)" "$sniff" -r "$big")
read -r td_s td_rss < <(tool "tcpdump -n -r" tcpdump -n -r "$big")
read -r rk_json_s rk_json_rss < <(tool "rk-sniff -r --json" "$sniff" -r "$big" --json)
if command -v tshark >/dev/null; then
	read -r ts_s ts_rss < <(tool "tshark -n -r -T json" tshark -n -r "$big" -T json)
	echo "JSON: rk-sniff is $(ratio "$ts_s" "$rk_json_s")x tshark   (target >= 20)"
fi
echo "text: rk-sniff is $(ratio "$td_s" "$rk_text_s")x tcpdump   (target >= 4)"
small_rss=$(TZ=UTC "$run" "$sniff" -r "$small" --json | field maxrss_kb)
echo "rk-sniff --json peak RSS: $small_rss KiB at $((count / 10)) packets, $rk_json_rss KiB at $count (flat: $(ratio "$rk_json_rss" "$small_rss")x)"
