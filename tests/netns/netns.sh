# SPDX-License-Identifier: BSD-2-Clause
# shellcheck shell=bash
#
# netns.sh - the private test network of rawkit's live tests (tests/priv/).
# Source it from a bash test script; it makes network namespaces joined by
# veth pairs and tears them down when the script exits, fails or is
# interrupted. Traffic never touches the host's own interfaces: every
# interface lives inside a namespace from creation, and addresses come only
# from 198.18.0.0/15 and 2001:2::/48 (RFC 2544 / RFC 5180 benchmarking
# ranges, never routed on the Internet).
#
#   . "$(dirname "$0")/../netns/netns.sh"
#   netns_require                 # exit 77 (ctest: skipped) when not possible
#   netns_setup2                  # A <-> B
#   netns_exec "$NS_B" prog ...   # run inside a namespace (ip netns exec)
#   netns_bg "$NS_B" out.txt prog ...; netns_wait_file out.txt ready 5
#
# Topologies (names unique per run: $$ plus a random suffix, so parallel
# ctest runs never collide; interface names are at most 15 bytes):
#
#   netns_setup2:  NS_A [IF_A] ---- veth ---- [IF_B] NS_B
#     IP4_A=198.18.0.1/24    IP4_B=198.18.0.2/24
#     IP6_A=2001:2::1/64     IP6_B=2001:2::2/64
#     MAC_A=02:72:6b:00:00:0a   MAC_B=02:72:6b:00:00:0b
#
#   netns_setup3:  NS_A [IF_A] -- [IF_RA] NS_R [IF_RB] -- [IF_B] NS_B
#     A: 198.18.1.1/24, 2001:2:0:1::1/64, default routes via R
#     R: 198.18.1.254/24 + 198.18.2.254/24, 2001:2:0:1::fe + 2001:2:0:2::fe,
#        forwarding on (IPv4 and IPv6), in R only
#     B: 198.18.2.1/24, 2001:2:0:2::1/64, default routes via R
#     MAC_A, MAC_RA, MAC_RB, MAC_B fixed (02:72:6b:...)
#
# IPv6 duplicate address detection is off (nodad, accept_dad=0), so the
# addresses are usable at once. Every address, route and neighbour is
# inside the namespaces; the host's routing tables are never touched.
#
# Functions: netns_require, netns_setup2, netns_setup3, netns_exec,
# netns_bg, netns_wait, netns_wait_file, netns_tmpdir, netns_cleanup (also
# run by the trap), skip, fail.

# Exit codes: ctest's SKIP_RETURN_CODE for the priv tests.
NETNS_SKIP=77

# Unique per run: the shell's pid (pid_max is at most 2^22: 7 hex digits)
# and 16 random bits. Interface names "v<id>ra" stay within 15 bytes.
NETNS_ID=$(printf '%07x%04x' "$$" "$(((RANDOM << 1 ^ RANDOM) & 0xffff))")
NETNS_PREFIX="rktest-$NETNS_ID"
NETNS_IFID=$NETNS_ID

NETNS_LIST=()      # namespaces made by this run, deleted by netns_cleanup
NETNS_PIDS=()      # background processes started by netns_bg
NETNS_TMP=""       # scratch directory, removed by netns_cleanup

skip() {
	echo "SKIP: $*" >&2
	exit "$NETNS_SKIP"
}

fail() {
	echo "FAIL: $*" >&2
	exit 1
}

# Exit 77 unless this shell can make namespaces and veth pairs.
netns_require() {
	[ "$(id -u)" -eq 0 ] || skip "needs root to make network namespaces"
	command -v ip >/dev/null 2>&1 || skip "needs iproute2's ip"
	command -v timeout >/dev/null 2>&1 || skip "needs coreutils' timeout"
	netns_sweep_stale
	local probe="$NETNS_PREFIX-probe"
	if ! ip netns add "$probe" 2>/dev/null; then
		skip "cannot make a network namespace (no CAP_SYS_ADMIN, or no netns support)"
	fi
	NETNS_LIST+=("$probe")
	if ! ip -n "$probe" link add "p${NETNS_IFID}a" type veth \
		peer name "p${NETNS_IFID}b" 2>/dev/null; then
		skip "cannot make a veth pair inside a namespace (no veth support)"
	fi
	ip netns del "$probe" 2>/dev/null || true
}

# Namespaces of earlier runs killed before their trap could run (ctest's
# timeout sends SIGKILL): rktest-<pid><rand>-* whose pid no longer exists.
# Only rawkit's own names are looked at; a live owner's are left alone.
netns_sweep_stale() {
	local ns pidhex
	for ns in $(ip netns list 2>/dev/null | awk '{print $1}'); do
		[[ $ns =~ ^rktest-[0-9a-f]{11}- ]] || continue
		pidhex=${ns:7:7}
		[ -d "/proc/$((16#$pidhex))" ] && continue
		ip netns del "$ns" 2>/dev/null || true
	done
}

# Delete everything this run made. Safe to call more than once.
netns_cleanup() {
	local pid ns
	for pid in "${NETNS_PIDS[@]}"; do
		kill "$pid" 2>/dev/null || true
	done
	# (bash may note a pid it already reaped: not worth a line of output)
	{ for pid in "${NETNS_PIDS[@]}"; do wait "$pid" || true; done; } 2>/dev/null
	NETNS_PIDS=()
	for ns in "${NETNS_LIST[@]}"; do
		[ -n "$ns" ] || continue
		# Anything still running in our own namespaces was started by
		# this run (the namespaces are unique to it): stop it by pid,
		# else its namespace and veths outlive the deletion.
		for pid in $(ip netns pids "$ns" 2>/dev/null); do
			kill "$pid" 2>/dev/null || true
		done
		ip netns del "$ns" 2>/dev/null || true
	done
	NETNS_LIST=()
	if [ -n "$NETNS_TMP" ] && [ -d "$NETNS_TMP" ]; then
		rm -rf -- "$NETNS_TMP"
	fi
	NETNS_TMP=""
}

# Clean up on every way out. INT and TERM exit (which runs the EXIT trap)
# with the conventional status.
trap 'netns_cleanup' EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
trap 'exit 129' HUP

# A scratch directory for this run (removed on exit); sets NETNS_TMP.
netns_tmpdir() {
	if [ -z "$NETNS_TMP" ]; then
		NETNS_TMP=$(mktemp -d "${TMPDIR:-/tmp}/$NETNS_PREFIX.XXXXXX") || fail "mktemp"
	fi
}

# Make one namespace with loopback up and IPv6 DAD off. $1: suffix. Sets
# NETNS_NEW to its name (not echoed: a $(...) subshell would lose the
# record netns_cleanup needs).
netns_new() {
	local ns="$NETNS_PREFIX-$1"
	NETNS_LIST+=("$ns")
	ip netns add "$ns" || fail "ip netns add $ns"
	ip -n "$ns" link set lo up || fail "lo up in $ns"
	# Before any veth exists, so theirs inherit it from "default".
	ip netns exec "$ns" sysctl -qw net.ipv6.conf.all.accept_dad=0 \
		net.ipv6.conf.default.accept_dad=0 >/dev/null 2>&1 || true
	NETNS_NEW=$ns
}

# A veth pair between two namespaces, created inside them (never in the
# host's). $1 ns1 $2 if1 $3 mac1 $4 ns2 $5 if2 $6 mac2
netns_veth() {
	ip link add "$2" netns "$1" address "$3" type veth \
		peer name "$5" netns "$4" address "$6" ||
		fail "veth $2 ($1) <-> $5 ($4)"
	ip -n "$1" link set "$2" up || fail "$2 up"
	ip -n "$4" link set "$5" up || fail "$5 up"
}

# $1 ns $2 if $3 IPv4/len $4 IPv6/len
netns_addr() {
	ip -n "$1" addr add "$3" dev "$2" || fail "address $3 on $2"
	ip -n "$1" -6 addr add "$4" dev "$2" nodad || fail "address $4 on $2"
}

# Two namespaces, A and B, on one link (see the top of this file).
netns_setup2() {
	netns_new a; NS_A=$NETNS_NEW
	netns_new b; NS_B=$NETNS_NEW
	IF_A="v${NETNS_IFID}a"
	IF_B="v${NETNS_IFID}b"
	MAC_A=02:72:6b:00:00:0a
	MAC_B=02:72:6b:00:00:0b
	IP4_A=198.18.0.1
	IP4_B=198.18.0.2
	IP6_A=2001:2::1
	IP6_B=2001:2::2
	netns_veth "$NS_A" "$IF_A" "$MAC_A" "$NS_B" "$IF_B" "$MAC_B"
	netns_addr "$NS_A" "$IF_A" "$IP4_A/24" "$IP6_A/64"
	netns_addr "$NS_B" "$IF_B" "$IP4_B/24" "$IP6_B/64"
	export NS_A NS_B IF_A IF_B MAC_A MAC_B IP4_A IP4_B IP6_A IP6_B
}

# Three namespaces, A - R - B, R forwarding (see the top of this file).
netns_setup3() {
	netns_new a; NS_A=$NETNS_NEW
	netns_new r; NS_R=$NETNS_NEW
	netns_new b; NS_B=$NETNS_NEW
	IF_A="v${NETNS_IFID}a"
	IF_RA="v${NETNS_IFID}ra"
	IF_RB="v${NETNS_IFID}rb"
	IF_B="v${NETNS_IFID}b"
	MAC_A=02:72:6b:00:01:0a
	MAC_RA=02:72:6b:00:01:fa
	MAC_RB=02:72:6b:00:02:fb
	MAC_B=02:72:6b:00:02:0b
	IP4_A=198.18.1.1
	IP4_RA=198.18.1.254
	IP4_RB=198.18.2.254
	IP4_B=198.18.2.1
	IP6_A=2001:2:0:1::1
	IP6_RA=2001:2:0:1::fe
	IP6_RB=2001:2:0:2::fe
	IP6_B=2001:2:0:2::1
	netns_veth "$NS_A" "$IF_A" "$MAC_A" "$NS_R" "$IF_RA" "$MAC_RA"
	netns_veth "$NS_R" "$IF_RB" "$MAC_RB" "$NS_B" "$IF_B" "$MAC_B"
	netns_addr "$NS_A" "$IF_A" "$IP4_A/24" "$IP6_A/64"
	netns_addr "$NS_R" "$IF_RA" "$IP4_RA/24" "$IP6_RA/64"
	netns_addr "$NS_R" "$IF_RB" "$IP4_RB/24" "$IP6_RB/64"
	netns_addr "$NS_B" "$IF_B" "$IP4_B/24" "$IP6_B/64"
	ip netns exec "$NS_R" sysctl -qw net.ipv4.ip_forward=1 \
		net.ipv6.conf.all.forwarding=1 >/dev/null || fail "forwarding in $NS_R"
	# Default routes inside A and B only: even a stray destination stays
	# in the namespaces (R has no route out of them).
	ip -n "$NS_A" route add default via "$IP4_RA" || fail "route in $NS_A"
	ip -n "$NS_B" route add default via "$IP4_RB" || fail "route in $NS_B"
	ip -n "$NS_A" -6 route add default via "$IP6_RA" || fail "route6 in $NS_A"
	ip -n "$NS_B" -6 route add default via "$IP6_RB" || fail "route6 in $NS_B"
	export NS_A NS_R NS_B IF_A IF_RA IF_RB IF_B MAC_A MAC_RA MAC_RB MAC_B
	export IP4_A IP4_RA IP4_RB IP4_B IP6_A IP6_RA IP6_RB IP6_B
}

# Run a command inside a namespace, bounded in time (NETNS_TIMEOUT seconds,
# default 15; keep the sum under the ctest TIMEOUT). $1 ns, then the command.
netns_exec() {
	local ns=$1
	shift
	timeout --kill-after=2 "${NETNS_TIMEOUT:-15}" ip netns exec "$ns" "$@"
}

# Start a command inside a namespace in the background, its stdout and
# stderr to a file; netns_cleanup stops it. $1 ns $2 output file, then the
# command. Sets NETNS_LAST_PID.
netns_bg() {
	local ns=$1 out=$2
	shift 2
	timeout --kill-after=2 "${NETNS_TIMEOUT:-15}" ip netns exec "$ns" "$@" >"$out" 2>&1 &
	NETNS_LAST_PID=$!
	NETNS_PIDS+=("$NETNS_LAST_PID")
}

# Wait (at most $3 seconds, default 5) until file $1 has a line matching $2.
netns_wait_file() {
	local file=$1 pattern=$2 limit=${3:-5} i
	for ((i = 0; i < limit * 20; i++)); do
		grep -q -- "$pattern" "$file" 2>/dev/null && return 0
		sleep 0.05
	done
	return 1
}

# Wait for a background process started by netns_bg; returns its status.
netns_wait() {
	local pid=$1 rc=0
	wait "$pid" || rc=$?
	local keep=() p
	for p in "${NETNS_PIDS[@]}"; do
		[ "$p" = "$pid" ] || keep+=("$p")
	done
	NETNS_PIDS=("${keep[@]}")
	return "$rc"
}
