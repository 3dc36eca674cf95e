#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-2-Clause
# captures_current.sh RK_MAKE_CAPTURES CAPTURES_DIR - the synthetic fixtures
# checked in under captures/ are byte for byte what rk-make-captures writes
# (run twice: it must also be deterministic). On a difference, regenerate
# them as docs/CAPTURES.md says and review the golden outputs that change.
set -euo pipefail
gen=$1 dir=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir "$tmp/a" "$tmp/b"
"$gen" "$tmp/a" >/dev/null
"$gen" "$tmp/b" >/dev/null
rc=0
for f in "$tmp"/a/*.pcap; do
	name=$(basename "$f")
	cmp -s "$f" "$tmp/b/$name" || { echo "FAIL: $name differs between two runs (not deterministic)"; rc=1; }
	if [ ! -f "$dir/$name" ]; then
		echo "FAIL: captures/$name is not checked in (run: rk-make-captures captures)"; rc=1
	elif ! cmp -s "$f" "$dir/$name"; then
		echo "FAIL: captures/$name differs from what rk-make-captures writes (regenerate and review)"; rc=1
	fi
done
n=$(ls "$tmp"/a/*.pcap | wc -l)
[ "$rc" -eq 0 ] && echo "ok: $n synthetic captures current and deterministic"
exit "$rc"
