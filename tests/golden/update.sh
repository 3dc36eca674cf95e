#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-2-Clause
# update.sh - regenerate the expected output of golden tests from rk-sniff
# (as tcpdump's update-test.sh). The new file is not trusted until its diff
# is reviewed against tcpdump and tshark: docs/CAPTURES.md says how.
#
#   update.sh [--sniff PATH] NAME...    regenerate these TESTLIST entries
#   update.sh [--sniff PATH] --all      regenerate every one
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
sniff=${RK_SNIFF:-$top/build/tools/sniff/rk-sniff}
if [ "${1:-}" = --sniff ]; then
	sniff=$2
	shift 2
fi
[ $# -gt 0 ] || { echo "usage: update.sh [--sniff PATH] NAME... | --all" >&2; exit 2; }
[ -x "$sniff" ] || { echo "update.sh: rk-sniff not found at $sniff (use --sniff PATH)" >&2; exit 2; }
export TZ=UTC LC_ALL=C
set -f  # options are split into words, never globbed (tcp[tcpflags])
all=0
[ "$1" = --all ] && all=1

found=0
while read -r name capture expected options; do
	case "$name" in ''|'#'*) continue ;; esac
	if [ "$all" -eq 0 ]; then
		match=0
		for w in "$@"; do [ "$w" = "$name" ] && match=1; done
		[ "$match" -eq 1 ] || continue
	fi
	found=$((found + 1))
	# shellcheck disable=SC2086
	"$sniff" -r "$top/captures/$capture" $options >"$here/$expected.new"
	mv "$here/$expected.new" "$here/$expected"
	echo "updated tests/golden/$expected ($(wc -l <"$here/$expected") lines)"
done <"$here/TESTLIST"
[ "$all" -eq 1 ] || [ "$found" -eq $# ] || { echo "update.sh: some of '$*' are not in TESTLIST" >&2; exit 2; }
echo "review: git diff -- tests/golden/ (and docs/CAPTURES.md, 'Reviewing a changed expected output')"
