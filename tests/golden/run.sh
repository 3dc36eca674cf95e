#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-2-Clause
# run.sh - the golden tests of tests/golden/TESTLIST (docs/CAPTURES.md).
# Each TESTLIST line is `name capture expected options` (as tcpdump's
# tests/TESTLIST); a test runs `rk-sniff -r captures/CAPTURE OPTIONS` with
# TZ=UTC and diffs its standard output against tests/golden/EXPECTED.
#
#   run.sh [--sniff PATH] [NAME...]     run NAMEs (default: every line)
#
# rk-sniff is --sniff, else $RK_SNIFF, else build/tools/sniff/rk-sniff.
# Exit 0 when every test passed, 1 when one failed (its diff is printed), 2
# on a usage error.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
sniff=${RK_SNIFF:-$top/build/tools/sniff/rk-sniff}
if [ "${1:-}" = --sniff ]; then
	sniff=$2
	shift 2
fi
[ -x "$sniff" ] || { echo "run.sh: rk-sniff not found at $sniff (use --sniff PATH)" >&2; exit 2; }
export TZ=UTC LC_ALL=C
set -f  # options are split into words, never globbed (tcp[tcpflags])

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

want=("$@")
pass=0 fail=0 seen=0
while read -r name capture expected options; do
	case "$name" in ''|'#'*) continue ;; esac
	if [ ${#want[@]} -gt 0 ]; then
		match=0
		for w in "${want[@]}"; do [ "$w" = "$name" ] && match=1; done
		[ "$match" -eq 1 ] || continue
	fi
	seen=$((seen + 1))
	# shellcheck disable=SC2086 # options are words, as in tcpdump's TESTLIST
	rc=0
	"$sniff" -r "$top/captures/$capture" $options >"$tmp/out" 2>"$tmp/err" || rc=$?
	if [ "$rc" -ne 0 ]; then
		echo "FAIL $name: rk-sniff exited $rc ($(head -c 300 "$tmp/err"))"
		fail=$((fail + 1))
		continue
	fi
	if [ ! -f "$here/$expected" ]; then
		echo "FAIL $name: tests/golden/$expected missing (tests/golden/update.sh $name)"
		fail=$((fail + 1))
	elif diff -u "$here/$expected" "$tmp/out" >"$tmp/diff"; then
		pass=$((pass + 1))
	else
		echo "FAIL $name: output differs from tests/golden/$expected (- expected, + rk-sniff):"
		head -n 60 "$tmp/diff"
		fail=$((fail + 1))
	fi
done <"$here/TESTLIST"
if [ ${#want[@]} -gt 0 ] && [ "$seen" -ne ${#want[@]} ]; then
	echo "run.sh: some of '${want[*]}' are not in TESTLIST" >&2
	exit 2
fi
echo "golden: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
