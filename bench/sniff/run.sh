#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-2-Clause
# run.sh - rk-sniff against tcpdump (and tshark), in one run. A benchmark,
# not a test: it prints figures and asserts nothing.
#
#   bench/sniff/run.sh [BUILD_DIR]          (root: it makes namespaces)
#
# 1. Capture under load, on the private test network (tests/netns/netns.sh:
#    namespaces A and B, one veth pair, 198.18.0.0/15 only). In A,
#    rk-bench-flood sends 60-byte UDP packets (IP_HDRINCL, sendmmsg batches
#    of 64) as fast as this machine goes for FLOOD_SECONDS (default 5), to
#    198.18.0.3, a neighbour entry pointing at B's MAC (B drops them at its
#    IP layer: no replies). In B, `rk-sniff -w /dev/null` and
#    `tcpdump -w /dev/null` capture it in turn (the order alternates by
#    round), each under rk-bench-run (wait4 rusage) and stopped by SIGINT
#    after the flood. The sender is pinned to CPU 0 (a second one to CPU 1),
#    the capture to CPU 1.
#    Scenarios (FLOOD_SCENARIOS picks): "big", a 64 MiB kernel buffer
#    (-B 65536); "default", each tool's default buffer (rk-sniff 4 MiB,
#    tcpdump libpcap's 2 MiB); "two", two senders into the 64 MiB buffer;
#    "default2", two senders, default buffers; "small", two senders into
#    a 1 MiB buffer (four TPACKET_V3 blocks: made to drop). With two
#    senders, one shares the capture's CPU.
#    Per run: packets sent, captured, dropped by the kernel, CPU seconds
#    (user + sys) and CPU nanoseconds per captured packet.
# 2. Reading: rk-bench-gen's mixed pcap of RK_BENCH_PACKETS (default
#    1,000,000) frames: `rk-sniff -r` (text) vs `tcpdump -n -r`, and
#    `rk-sniff -r --json` vs `tshark -T json`, packets/s and peak RSS
#    (rk-bench-run), then rk-sniff's peak RSS over RK_BENCH_BIG (default
#    10,000,000) frames, text and JSON, to show it stays flat.
#    READ=0 skips this part, CAPTURE=0 the first.
#
# Environment: FLOOD_SECONDS (5), ROUNDS (2), FLOOD_SCENARIOS
# ("big default two default2 small"), RK_BENCH_PACKETS, RK_BENCH_BIG, READ,
# CAPTURE.
set -u
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
# shellcheck source=SCRIPTDIR/../../tests/netns/netns.sh
. "$root/tests/netns/netns.sh"

build=$(cd "${1:-$root/build/release}" && pwd) || exit 2
SNIFF=$build/tools/sniff/rk-sniff
FLOOD=$build/bench/sniff/rk-bench-flood
RUN=$build/bench/common/rk-bench-run
GEN=$build/bench/decode/rk-bench-gen
FLOOD_SECONDS=${FLOOD_SECONDS:-5}
ROUNDS=${ROUNDS:-2}
FLOOD_SCENARIOS=${FLOOD_SCENARIOS:-big default two default2 small}
COUNT=${RK_BENCH_PACKETS:-1000000}
BIG=${RK_BENCH_BIG:-10000000}
for f in "$SNIFF" "$FLOOD" "$RUN" "$GEN"; do
	[ -x "$f" ] || fail "missing $f (build with -DRK_BENCH=ON)"
done
command -v tcpdump >/dev/null 2>&1 || skip "needs tcpdump"
command -v taskset >/dev/null 2>&1 || skip "needs taskset"

field() { sed -n "s/.*$1=\([0-9.]*\).*/\1/p"; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", (b > 0 ? a / b : 0) }'; }

echo "rk-sniff benchmark: $(nproc) CPUs, $(uname -r), $(tcpdump --version 2>&1 | head -1),"
echo "  $("$SNIFF" --version | tail -1); load average $(cut -d' ' -f1-3 /proc/loadavg)"

# ---- 1. capture under load --------------------------------------------

# capture_run LABEL SCENARIO SENDERS TOOL ARGS...: one capture; prints
# "LABEL sent captured dropped cpu_s ns_per_pkt".
capture_run() {
	local label=$1 scen=$2 senders=$3
	shift 3
	local stem=$T/$label.$scen.$RANDOM
	# The capture: rk-bench-run (its line on stdout) runs sh, which writes
	# its pid and execs taskset, which execs the tool: one pid to signal.
	NETNS_TIMEOUT=$((FLOOD_SECONDS + 30)) netns_bg "$NS_B" "$stem.run" \
		"$RUN" sh -c 'echo $$ >"$0"; exec "$@" 2>"$0.err"' "$stem.pid" \
		taskset -c 1 "$@"
	local job=$NETNS_LAST_PID
	if ! netns_wait_file "$stem.pid.err" "listening on" 10; then
		cat "$stem.pid.err" "$stem.run"
		fail "$label did not start"
	fi
	sleep 0.3
	# CPU time of the capture phase alone (nanoseconds, from the
	# scheduler): setting up and freeing the kernel ring (tens of ms,
	# and varying by as much) stays out of it.
	local pid t0
	pid=$(cat "$stem.pid")
	t0=$(cut -d' ' -f1 "/proc/$pid/schedstat")
	local s pids=()
	for ((s = 0; s < senders; s++)); do
		NETNS_TIMEOUT=$((FLOOD_SECONDS + 10)) netns_bg "$NS_A" "$stem.flood$s" \
			taskset -c $((s % 2)) "$FLOOD" "$IP4_A" 198.18.0.3 "$FLOOD_SECONDS" 500000000
		pids+=("$NETNS_LAST_PID")
	done
	if [ "$senders" -eq 0 ]; then
		sleep "$FLOOD_SECONDS"
	fi
	for s in "${pids[@]}"; do
		netns_wait "$s" || true
	done
	# tcpdump's blocks are handed over after 1 s at the latest (its
	# timeout), rk-sniff's after 200 ms: wait for both.
	sleep 1.5
	local t1
	t1=$(cut -d' ' -f1 "/proc/$pid/schedstat")
	kill -INT "$pid" 2>/dev/null
	netns_wait "$job" || true
	local sent=0 n
	for ((s = 0; s < senders; s++)); do
		n=$(field sent <"$stem.flood$s")
		sent=$((sent + ${n:-0}))
	done
	local captured dropped user sys
	captured=$(sed -n 's/^\([0-9]*\) packets\{0,1\} captured$/\1/p' "$stem.pid.err")
	dropped=$(sed -n 's/^\([0-9]*\) packets\{0,1\} dropped by kernel$/\1/p' "$stem.pid.err")
	user=$(field user <"$stem.run")
	sys=$(field sys <"$stem.run")
	awk -v l="$label" -v s="$sent" -v c="${captured:-0}" -v d="${dropped:-0}" \
		-v u="${user:-0}" -v y="${sys:-0}" -v ph="$((t1 - t0))" 'BEGIN {
		cpu = u + y
		printf "%s %d %d %d %.3f %.1f %.3f %.3f %.3f %.1f\n", l, s, c, d, cpu,
			(c > 0 ? cpu * 1e9 / c : 0), u, y, ph / 1e9, (c > 0 ? ph / c : 0) }'
}

if [ "${CAPTURE:-1}" != 0 ]; then
	netns_require
	netns_setup2
	netns_tmpdir
	T=$NETNS_TMP
	chmod 755 "$T"
	ip -n "$NS_A" neigh replace 198.18.0.3 lladdr "$MAC_B" dev "$IF_A" nud permanent ||
		fail "neighbour"
	echo
	echo "capture under load: ${FLOOD_SECONDS} s floods of 60-byte UDP packets, $ROUNDS rounds"
	echo "(cpu_s, ns/pkt: the process's whole rusage; phase_s, ph_ns/pkt: its CPU time"
	echo " from the flood's start to the end of the capture, ring set-up and tear-down left out)"
	printf '%-9s %-8s %5s %11s %11s %9s %7s %7s %7s %7s %7s %9s\n' scenario tool round sent captured \
		dropped cpu_s ns/pkt user_s sys_s phase_s ph_ns/pkt
	for scen in $FLOOD_SCENARIOS; do
		case $scen in
		big) opts=(-B 65536); senders=1 ;;
		default) opts=(); senders=1 ;;
		two) opts=(-B 65536); senders=2 ;;
		small) opts=(-B 1024); senders=2 ;;
		default2) opts=(); senders=2 ;;
		*) fail "unknown scenario $scen" ;;
		esac
		# Warm-up, not counted: the first big ring after a while costs
		# the kernel up to ~80 ms more to allocate, whoever asks first.
		capture_run warm-up "$scen" 0 "$SNIFF" -i "$IF_B" -w /dev/null "${opts[@]}" >/dev/null
		for ((r = 1; r <= ROUNDS; r++)); do
			order="rk td"
			[ $((r % 2)) -eq 0 ] && order="td rk"
			for tool in $order; do
				if [ "$tool" = rk ]; then
					line=$(capture_run rk-sniff "$scen" "$senders" "$SNIFF" -i "$IF_B" \
						-w /dev/null "${opts[@]}")
				else
					line=$(capture_run tcpdump "$scen" "$senders" tcpdump -i "$IF_B" \
						-w /dev/null "${opts[@]}")
				fi
				echo "$scen $r $line" >>"$T/results"
				read -r lab s c d cpu nsp us sy ph phn <<<"$line"
				printf '%-9s %-8s %5s %11s %11s %9s %7s %7s %7s %7s %7s %9s\n' "$scen" "$lab" "$r" \
					"$s" "$c" "$d" "$cpu" "$nsp" "$us" "$sy" "$ph" "$phn"
			done
		done
		# The fixed cost: the same capture with no flood (mostly the
		# kernel allocating and freeing the ring: about 80 ms for 64 MiB).
		for tool in rk td; do
			if [ "$tool" = rk ]; then
				line=$(capture_run rk-sniff "$scen" 0 "$SNIFF" -i "$IF_B" -w /dev/null "${opts[@]}")
			else
				line=$(capture_run tcpdump "$scen" 0 tcpdump -i "$IF_B" -w /dev/null "${opts[@]}")
			fi
			echo "$scen idle $line" >>"$T/results"
			read -r lab s c d cpu nsp us sy ph phn <<<"$line"
			printf '%-9s %-8s %5s %11s %11s %9s %7s %7s %7s %7s %7s %9s\n' "$scen" "$lab" idle "$s" \
				"$c" "$d" "$cpu" - "$us" "$sy" "$ph" -
		done
	done
	echo
	echo "per scenario: drops summed over the rounds; CPU per captured packet, the"
	echo "median of the rounds: whole process (rusage), and capture phase only"
	for scen in $FLOOD_SCENARIOS; do
		awk -v sc="$scen" '
			function median(arr, k,   i, j, t) {
				for (i = 1; i <= k; i++)
					for (j = i + 1; j <= k; j++)
						if (arr[j] < arr[i]) { t = arr[i]; arr[i] = arr[j]; arr[j] = t }
				return (k % 2 ? arr[(k + 1) / 2] : (arr[k / 2] + arr[k / 2 + 1]) / 2)
			}
			$1 == sc && $2 != "idle" {
				t = ($3 == "rk-sniff" ? "rk" : "td")
				n[t]++; c[t] += $5; d[t] += $6
				if (t == "rk") { rw[n[t]] = $8; rp[n[t]] = $12 } else { tw[n[t]] = $8; tp[n[t]] = $12 }
			}
			END {
				rkw = median(rw, n["rk"]); rkp = median(rp, n["rk"])
				tdw = median(tw, n["td"]); tdp = median(tp, n["td"])
				printf "%-9s rk-sniff %d captured, %d dropped, %.1f ns/pkt whole, %.1f capture phase\n",
					sc, c["rk"], d["rk"], rkw, rkp
				printf "%-9s tcpdump  %d captured, %d dropped, %.1f ns/pkt whole, %.1f capture phase\n",
					sc, c["td"], d["td"], tdw, tdp
				printf "%-9s CPU/pkt rk-sniff/tcpdump: whole %.2f, capture phase %.2f (target <= 0.70)\n",
					sc, (tdw > 0 ? rkw / tdw : 0), (tdp > 0 ? rkp / tdp : 0)
			}' "$T/results"
	done
	netns_cleanup
fi

# ---- 2. reading -------------------------------------------------------

if [ "${READ:-1}" != 0 ]; then
	data=$root/bench/data
	mkdir -p "$data"
	small=$data/mixed-$COUNT.pcap
	big=$data/mixed-$BIG.pcap
	[ -f "$small" ] || "$GEN" "$small" "$COUNT" 1 >/dev/null || fail "rk-bench-gen"
	echo
	echo "reading $COUNT mixed frames ($(du -h "$small" | cut -f1)):"
	read_one() { # LABEL N command...: prints "wall rss" and a line on stderr
		local label=$1 n=$2 out wall cpu rss
		shift 2
		out=$(TZ=UTC "$RUN" "$@" 2>/dev/null)
		wall=$(echo "$out" | field wall)
		cpu=$(awk -v u="$(echo "$out" | field user)" -v s="$(echo "$out" | field sys)" \
			'BEGIN { print u + s }')
		rss=$(echo "$out" | field maxrss_kb)
		printf '  %-26s %8.3f s wall %8.3f s CPU %11.0f pkt/s  peak RSS %8s KiB\n' "$label" \
			"$wall" "$cpu" "$(awk -v n="$n" -v w="$wall" 'BEGIN { print n / w }')" "$rss" >&2
		echo "$wall $rss $cpu"
	}
	read -r rk_t rk_t_rss rk_tc < <(read_one "rk-sniff -r" "$COUNT" "$SNIFF" -r "$small")
	read -r td_t td_t_rss td_tc < <(read_one "tcpdump -n -r" "$COUNT" tcpdump -n -r "$small")
	read -r rk_j rk_j_rss rk_jc < <(read_one "rk-sniff -r --json" "$COUNT" "$SNIFF" -r "$small" --json)
	echo "  text: rk-sniff is $(ratio "$td_t" "$rk_t")x tcpdump's speed (wall), $(ratio "$td_tc" "$rk_tc")x (CPU)"
	if command -v tshark >/dev/null 2>&1; then
		read -r ts_j ts_j_rss ts_jc < <(read_one "tshark -n -r -T json" "$COUNT" tshark -n -r "$small" -T json)
		echo "  JSON: rk-sniff is $(ratio "$ts_j" "$rk_j")x tshark's speed (wall), $(ratio "$ts_jc" "$rk_jc")x (CPU); peak RSS $rk_j_rss vs $ts_j_rss KiB"
	fi
	[ -f "$big" ] || "$GEN" "$big" "$BIG" 1 >/dev/null || fail "rk-bench-gen"
	echo "reading $BIG frames ($(du -h "$big" | cut -f1)): is the RSS flat?"
	read -r _ rk_bt_rss _ < <(read_one "rk-sniff -r" "$BIG" "$SNIFF" -r "$big")
	read -r _ rk_bj_rss _ < <(read_one "rk-sniff -r --json" "$BIG" "$SNIFF" -r "$big" --json)
	read -r _ _ _ < <(read_one "rk-sniff -r -w /dev/null" "$BIG" "$SNIFF" -r "$big" -w /dev/null)
	echo "  peak RSS at $COUNT -> $BIG frames: text $rk_t_rss -> $rk_bt_rss KiB, JSON $rk_j_rss -> $rk_bj_rss KiB"
fi
