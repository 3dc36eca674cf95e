#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-2-Clause
# run.sh BUILD_DIR CC [EXTRA_FLAGS] - install BUILD_DIR into a scratch prefix
# and build consumer.c against it four ways; each must run and print "28 ...".
set -euo pipefail
build=$1 cc=$2 extra=${3:-}
here=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
prefix=$tmp/prefix
cmake --install "$build" --prefix "$prefix" >/dev/null
libdir=$(ls -d "$prefix"/lib*/ | head -n1)
libdir=${libdir%/}
export PKG_CONFIG_PATH="$libdir/pkgconfig"

check() { # name binary
	local out
	out=$("$2") || { echo "FAIL $1: exit $?"; exit 1; }
	case "$out" in 28\ *) echo "ok $1: $out" ;; *) echo "FAIL $1: $out"; exit 1 ;; esac
}

# pkg-config, shared
$cc $extra "$here/consumer.c" -o "$tmp/pc-shared" $(pkg-config --cflags --libs rawkit) -Wl,-rpath,"$libdir"
check pkg-config-shared "$tmp/pc-shared"
# ldd's output is captured first: "ldd | grep -q" under pipefail fails at
# random when grep exits on the first match and ldd gets SIGPIPE.
deps=$(ldd "$tmp/pc-shared")
grep -qF "$libdir/librawkit.so" <<<"$deps" || { echo "FAIL: not linked to the installed librawkit.so"; exit 1; }
# pkg-config, static librawkit (its dependencies libpcap and libnet stay shared)
$cc $extra "$here/consumer.c" -o "$tmp/pc-static" $(pkg-config --cflags rawkit) \
	-L"$libdir" -Wl,-Bstatic -lrawkit -Wl,-Bdynamic $(pkg-config --libs libpcap) -lnet
check pkg-config-static "$tmp/pc-static"
deps=$(ldd "$tmp/pc-static")
! grep -q librawkit <<<"$deps" || { echo "FAIL: static consumer uses librawkit.so"; exit 1; }

# CMake package, both targets
mkdir -p "$tmp/proj"
cp "$here/consumer.c" "$tmp/proj/"
cat > "$tmp/proj/CMakeLists.txt" <<CM
cmake_minimum_required(VERSION 3.20)
project(consumer C)
find_package(rawkit REQUIRED)
add_executable(consumer_shared consumer.c)
target_link_libraries(consumer_shared PRIVATE rawkit::rawkit)
add_executable(consumer_static consumer.c)
target_link_libraries(consumer_static PRIVATE rawkit::rawkit_static)
CM
cmake -S "$tmp/proj" -B "$tmp/proj/build" -DCMAKE_PREFIX_PATH="$prefix" -DCMAKE_C_COMPILER="$cc" \
	-DCMAKE_C_FLAGS="$extra" -DCMAKE_EXE_LINKER_FLAGS="$extra" >/dev/null
cmake --build "$tmp/proj/build" >/dev/null
check cmake-shared "$tmp/proj/build/consumer_shared"
check cmake-static "$tmp/proj/build/consumer_static"
