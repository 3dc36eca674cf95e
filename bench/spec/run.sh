#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-2-Clause
# bench/spec/run.sh [BUILD_DIR] - packet specs against scapy, in one run:
# rk-bench-spec (parse + build, and build only, of two specs) and scapy
# building the same packets in a /usr/bin/python3 timing loop
# (bytes(IP()/TCP()) and the issue's example), packets/s and the ratios.
# Checks first that both build the same bytes. Not a test: no assertion.
# RK_BENCH_SECONDS (default 1) per measurement, best of 3.
set -euo pipefail
cd "$(dirname "$0")/../.."
build=${1:-build/release}
secs=${RK_BENCH_SECONDS:-1}
py=/usr/bin/python3
bench=$build/bench/spec/rk-bench-spec
[ -x "$bench" ] || { echo "run.sh: build $bench first" >&2; exit 2; }

out=$("$bench" "$secs" 3 2>/dev/null)
field() { echo "$out" | sed -n "s/^$1 .*$2=\([0-9a-f.]*\).*/\1/p"; }

scapy=$("$py" - "$secs" <<'PY'
import logging, sys, time
logging.getLogger("scapy.runtime").setLevel(logging.ERROR)
from scapy.all import IP, TCP
secs = float(sys.argv[1])
cases = {
    "small": lambda: bytes(IP() / TCP()),
    "full": lambda: bytes(IP(src="198.18.0.1", dst="198.18.0.2", ttl=5, id=1) / TCP(sport=40000,
        dport=80, seq=1, flags="S", window=64240, options=[("MSS", 1460), ("SAckOK", b""),
        ("Timestamp", (1, 0)), ("NOP", None), ("WScale", 7)]) / b"GET / HTTP/1.0\r\n\r\n"),
}
for name, f in cases.items():
    f()
    best = 0
    for _ in range(3):
        n, t0 = 0, time.perf_counter()
        while True:
            for _ in range(100):
                f()
            n += 100
            t = time.perf_counter()
            if t - t0 >= secs:
                break
        best = max(best, n / (t - t0))
    print(f"{name} pps={best:.0f} hex={f().hex()}")
PY
)
sfield() { echo "$scapy" | sed -n "s/^$1 .*$2=\([0-9a-f.]*\).*/\1/p"; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.0f", (b > 0 ? a / b : 0) }'; }

echo "spec benchmark: $(nproc) cores, $secs s per measurement, best of 3"
for s in small full; do
	[ "$(field "$s-build" hex)" = "$(sfield "$s" hex)" ] ||
		{ echo "run.sh: $s: rawkit and scapy build different bytes" >&2; exit 1; }
	pb=$(field "$s-parse+build" pps)
	b=$(field "$s-build" pps)
	sc=$(sfield "$s" pps)
	printf '%-6s rawkit parse+build %10.0f pkt/s   build only %10.0f pkt/s   scapy %8.0f pkt/s\n' \
		"$s" "$pb" "$b" "$sc"
	printf '%-6s ratio: parse+build / scapy = %sx, build only / scapy = %sx\n' "$s" \
		"$(ratio "$pb" "$sc")" "$(ratio "$b" "$sc")"
done
