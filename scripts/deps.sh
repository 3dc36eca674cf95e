#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-2-Clause
# deps.sh - install, with apt-get, the Debian 12 packages rawkit's build,
# tests and demo need, when any is missing. Safe to run again; needs root
# (or sudo) only when something must be installed.
#   build:   cmake gcc clang pkg-config libpcap-dev libnet1-dev
#   tests:   iproute2 (namespaces, veth), nftables (drop/reject rules),
#            tcpdump and tshark (reference decoders), python3-scapy
#            (reference builder), iputils-ping (reference pinger),
#            libclang-rt-14-dev (libFuzzer and sanitizer runtimes), libcap2-bin
set -euo pipefail

packages=(cmake make gcc clang libclang-rt-14-dev pkg-config libpcap-dev libnet1-dev
	  iproute2 nftables tcpdump tshark python3 python3-scapy iputils-ping libcap2-bin)
missing=()
for p in "${packages[@]}"; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'ok installed' || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

echo "deps: installing ${missing[*]}" >&2
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
export DEBIAN_FRONTEND=noninteractive
# tshark asks whether non-root users may capture; answer no, non-interactively.
echo "wireshark-common wireshark-common/install-setuid boolean false" | $sudo debconf-set-selections 2>/dev/null || true
if ! $sudo apt-get install -y -q --no-install-recommends "${missing[@]}" >/dev/null; then
	$sudo apt-get update -q >/dev/null
	$sudo apt-get install -y -q --no-install-recommends "${missing[@]}" >/dev/null
fi
