#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-2-Clause
# replay.sh TARGET SEEDTOOL SRCDIR - run a fuzz target once over every seed
# made from captures/ and every saved crasher (no mutation): a regression
# test that ctest runs in the sanitizer build.
set -euo pipefail
target=$1 seedtool=$2 src=$3
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mapfile -t pcaps < <(find "$src/captures" -name '*.pcap' 2>/dev/null | sort)
[ ${#pcaps[@]} -gt 0 ] && "$seedtool" "$tmp" "${pcaps[@]}"
cp "$src"/tests/fuzz/crashers/* "$tmp"/ 2>/dev/null || true
n=$(find "$tmp" -type f | wc -l)
[ "$n" -gt 0 ] || { echo "replay: no inputs"; exit 1; }
"$target" -runs=0 "$tmp" 2>&1 | tail -n 3
echo "replay: $n inputs, no crash"
