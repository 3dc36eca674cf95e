#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-2-Clause
# perm.sh - without root or CAP_NET_RAW, every privileged open must fail
# with RK_E_PERM and the setcap hint (tools print it as is). Runs
# priv_perm as nobody with no capabilities, inside a namespace of its own
# (it sends nothing). Usage: perm.sh BINDIR
set -u
# shellcheck source=SCRIPTDIR/../netns/netns.sh
. "$(dirname "$0")/../netns/netns.sh"
bin=${1:?usage: perm.sh BINDIR}

[ -x "$bin/priv_perm" ] || fail "$bin/priv_perm is missing: build the tests first"
netns_require
command -v setpriv >/dev/null 2>&1 || skip "needs util-linux's setpriv"
netns_new p
unpriv=(setpriv --reuid=65534 --regid=65534 --clear-groups --inh-caps=-all --bounding-set=-all)
netns_exec "$NETNS_NEW" "${unpriv[@]}" test -x "$bin/priv_perm" ||
	skip "$bin/priv_perm is not executable by an unprivileged user"

netns_exec "$NETNS_NEW" "${unpriv[@]}" "$bin/priv_perm"
rc=$?
[ "$rc" -eq 77 ] && skip "the unprivileged user still has CAP_NET_RAW"
[ "$rc" -eq 0 ] || fail "priv_perm exited $rc"
echo "PASS: perm"
