#!/bin/bash
# cross-arm64.sh - `make cross-arm64`: the three programs and the unit tests for arm64, with
# Debian's cross compiler (gcc-aarch64-linux-gnu) against an arm64 sysroot, then every unit
# test run under qemu-aarch64. The sysroot holds the arm64 -dev packages of `board/deps.sh
# sysroot` and their dependencies, unpacked by mmdebstrap (--variant=extract: files only, no
# scripts run, nothing installed on this machine); it is made once and kept in
# /var/tmp/lanyard-arm64-sysroot (made again when the package list changes). Installing
# :arm64 -dev packages on the host itself is not an option: they are not co-installable with
# the amd64 ones and replace them.
#
#   board/cross-arm64.sh            build into build/cross-arm64/, check with file, run the tests
#   board/cross-arm64.sh --sysroot  make the sysroot if need be and print its path
# The unit tests are built without the sanitizers (ASan does not run under qemu-user).
set -euo pipefail
# One block, read whole before it runs: editing this file while a check runs does not change it.
{
REPO=$(cd "$(dirname "$0")/.." && pwd)
MIRROR=${LY_FRESH_MIRROR:-http://deb.debian.org/debian}
SYSROOT=${LY_ARM64_SYSROOT:-/var/tmp/lanyard-arm64-sysroot}
say() { printf '%s cross-arm64: %s\n' "$(date +%H:%M:%S)" "$*" >&2; }

sysroot() {
    local pkgs stamp
    pkgs=$("$REPO/board/deps.sh" sysroot | sort | tr '\n' ',' | sed 's/,$//')
    stamp="$MIRROR bookworm $pkgs"
    if [ -f "$SYSROOT/.lanyard-stamp" ] && [ "$(cat "$SYSROOT/.lanyard-stamp")" = "$stamp" ]; then
        return 0
    fi
    say "making the arm64 sysroot in $SYSROOT (mmdebstrap --variant=extract, about a minute)"
    rm -rf "$SYSROOT" "$SYSROOT.new"
    mmdebstrap --quiet --variant=extract --arch=arm64 --mode=root --include="$pkgs" bookworm \
        "$SYSROOT.new" "$MIRROR" >&2
    echo "$stamp" >"$SYSROOT.new/.lanyard-stamp"
    mv "$SYSROOT.new" "$SYSROOT"
}

sysroot
# qemu-aarch64 -L looks up every path in the sysroot first: its fonts and their configuration
# would shadow the host's (the tests expect the Noto faces of board/deps.sh). Only libraries and
# headers are needed from it.
rm -rf "$SYSROOT/etc/fonts" "$SYSROOT/usr/share/fonts" "$SYSROOT/var/cache/fontconfig" \
    "$SYSROOT/usr/share/zoneinfo"
if [ "${1:-}" = --sysroot ]; then
    echo "$SYSROOT"
    exit 0
fi
export LY_SYSROOT=$SYSROOT
B=$REPO/build/cross-arm64
t0=$SECONDS
say "copying the working tree to $B/src"
rm -rf "$B"
mkdir -p "$B/src"
(cd "$REPO" && git ls-files -co --exclude-standard -z |
    tar -c --null --ignore-failed-read -T - -f - 2>/dev/null) | tar -x -C "$B/src"
# build/asan/tests/* are the unit tests; SAN without sanitizers builds them plain. Not the
# allocation-failure tests (test_alloc_*): they fail each allocation in turn, which has nothing
# to do with the processor, and their leak check needs LeakSanitizer; under qemu they took 10 of
# the 20 minutes. `make test` runs them.
UNITS=$(cd "$B/src" && ls tests/unit/test_*.c | grep -v '/test_alloc_' |
    sed 's|tests/unit/\(.*\)\.c|build/asan/tests/\1|')
say "building (log: $B/make.log)"
make -C "$B/src" --no-print-directory -j"$(nproc)" \
    "CC=aarch64-linux-gnu-gcc --sysroot=$SYSROOT" "CXX=aarch64-linux-gnu-g++ --sysroot=$SYSROOT" \
    "PKG_CONFIG=$REPO/board/cross-pkg-config" \
    "SAN=-O1 -g" programs $UNITS >"$B/make.log" 2>&1 ||
    { tail -30 "$B/make.log" >&2; say "build failed (log: $B/make.log)"; exit 1; }
T_BUILD=$((SECONDS - t0))

failed=0 passed=0
for p in lanyard lanyard-kiosk lanyard-hub; do
    f=$(file -b "$B/src/bin/$p")
    case $f in
    *"ELF 64-bit"*"ARM aarch64"*) echo "ok - bin/$p: $f" | cut -c1-110; passed=$((passed + 1)) ;;
    *) echo "not ok - bin/$p: $f"; failed=$((failed + 1)) ;;
    esac
    if qemu-aarch64-static -L "$SYSROOT" "$B/src/bin/$p" --help >/dev/null 2>&1; then
        echo "ok - bin/$p --help runs under qemu-aarch64"; passed=$((passed + 1))
    else
        echo "not ok - bin/$p --help under qemu-aarch64"; failed=$((failed + 1))
    fi
done

say "unit tests under qemu-aarch64 (logs: $B/test-logs)"
mkdir -p "$B/test-logs"
t1=$SECONDS
for t in $UNITS; do
    n=$(basename "$t")
    log=$B/test-logs/$n.log
    rc=0
    (cd "$B/src" && timeout -k 5 600 qemu-aarch64-static -L "$SYSROOT" "$t") >"$log" 2>&1 || rc=$?
    p=$(grep -c '^ok - ' "$log" || true)
    f=$(grep -c '^not ok - ' "$log" || true)
    if [ $rc -eq 0 ] && [ "$f" -eq 0 ] && [ "$p" -gt 0 ]; then
        echo "ok - unit/$n under qemu-aarch64 ($p checks)"; passed=$((passed + 1))
    else
        echo "not ok - unit/$n under qemu-aarch64 (exit $rc, $f failed; log: ${log#$REPO/})"
        grep '^not ok' "$log" | head -5 | sed 's/^/    /'
        failed=$((failed + 1))
    fi
done
echo "# build ${T_BUILD}s, unit tests $((SECONDS - t1))s, all $((SECONDS - t0))s"
echo "$passed passed, $failed failed"
[ $failed -eq 0 ]
exit
}
