#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-2-Clause
# run.sh [SECONDS] - build the libFuzzer targets (clang, ASan+UBSan) in
# build/fuzz and run each for SECONDS (default 60), seeded from captures/
# and tests/fuzz/crashers/. A crash fails the run; its input is copied to
# tests/fuzz/crashers/ so it becomes a regression input (and should become a
# fixture in captures/malformed/).
set -euo pipefail
secs=${1:-60}
cd "$(dirname "$0")/../.."
top=$PWD
cmake -S . -B build/fuzz -DCMAKE_C_COMPILER=clang -DCMAKE_BUILD_TYPE=Debug -DRK_FUZZ=ON \
	-DRK_BENCH=OFF -DRK_WERROR=ON >/dev/null
mapfile -t targets < <(cd tests/fuzz && ls fuzz_*.c | sed 's/\.c$//')
cmake --build build/fuzz -j"$(nproc)" --target rk-fuzz-seed "${targets[@]}" >/dev/null
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/seeds"
mapfile -t pcaps < <(find captures -name '*.pcap' | sort)
[ ${#pcaps[@]} -gt 0 ] && build/fuzz/tests/fuzz/rk-fuzz-seed "$work/seeds" "${pcaps[@]}"
cp tests/fuzz/crashers/* "$work/seeds/" 2>/dev/null || true
status=0
for t in "${targets[@]}"; do
	mkdir -p "$work/corpus-$t"
	echo "fuzz: $t for $secs s"
	if ! (cd "$work" && "$top/build/fuzz/tests/fuzz/$t" -max_total_time="$secs" -timeout=10 \
		-rss_limit_mb=2048 -print_final_stats=1 "corpus-$t" seeds >"$work/$t.log" 2>&1); then
		tail -n 40 "$work/$t.log"
		for c in "$work"/crash-* "$work"/timeout-* "$work"/leak-*; do
			[ -e "$c" ] && cp "$c" tests/fuzz/crashers/ && echo "fuzz: saved tests/fuzz/crashers/$(basename "$c")"
		done
		status=1
	else
		grep -E 'stat::number_of_executed_units|cov:' "$work/$t.log" | tail -n 2
	fi
done
exit $status
