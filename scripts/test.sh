#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-2-Clause
# test.sh - the whole test suite, on a fresh Debian 12 machine:
#  1. install what is missing (scripts/deps.sh),
#  2. release build with warnings as errors, ctest (unit, golden, live, install),
#  3. AddressSanitizer + UndefinedBehaviorSanitizer build, ctest again,
#  4. the libFuzzer targets for a bounded time (RK_FUZZ_SECONDS, default 60).
# Live tests make their own network namespaces (198.18.0.0/15 only); they
# need root and are skipped (exit 77) without it. Ends with one summary line.
set -euo pipefail
cd "$(dirname "$0")/.."
top=$PWD
jobs=$(nproc 2>/dev/null || echo 2)

scripts/deps.sh

summary=()
run_suite() { # name build-dir cmake-args...
	local name=$1 dir=$2
	shift 2
	echo "=== $name: configure and build ($dir)"
	cmake -S "$top" -B "$dir" -DRK_WERROR=ON "$@" >/dev/null
	cmake --build "$dir" -j"$jobs" >/dev/null 2>"$dir.build.log" || { cat "$dir.build.log"; exit 1; }
	echo "=== $name: ctest"
	local log="$dir/ctest.log" rc=0
	# pipefail: rc is ctest's status when it fails (tee's otherwise)
	(cd "$dir" && ctest --output-on-failure -j"$jobs" --timeout 900) 2>&1 | tee "$log" || rc=$?
	local line
	line=$(grep -E 'tests passed, [0-9]+ tests failed out of [0-9]+' "$log" | tail -n1 || true)
	local skipped
	skipped=$(grep -cE '\*\*\*Skipped|Not Run' "$log" || true)
	summary+=("$name: ${line:-no ctest summary} ($skipped skipped)")
	[ "$rc" -eq 0 ] || { echo "test.sh: $name suite failed" >&2; printf '%s\n' "${summary[@]}"; exit 1; }
}

run_suite release build/release -DCMAKE_BUILD_TYPE=RelWithDebInfo
run_suite asan+ubsan build/asan -DCMAKE_BUILD_TYPE=Debug -DRK_SANITIZE=ON -DRK_BENCH=OFF \
	-DCMAKE_C_COMPILER=clang -DRK_FUZZ=ON

if [ -x tests/fuzz/run.sh ]; then
	echo "=== fuzz"
	tests/fuzz/run.sh "${RK_FUZZ_SECONDS:-60}"
	summary+=("fuzz: ${RK_FUZZ_SECONDS:-60} s per target, no crash")
fi

echo "=== summary"
printf '%s\n' "${summary[@]}" | paste -sd '|' | sed 's/|/ | /g'
