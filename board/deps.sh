#!/bin/sh
# Installs the Debian 12 packages Lanyard needs for a purpose, only when some are missing:
#   board/deps.sh build   compile bin/ and run it (the three programs' run-time files included)
#   board/deps.sh test    build plus what `make test` runs (sanitizers, fuzzers, ZBar, poppler,
#                         PostgreSQL, Xvfb, Chromium, Python, git for the formatting check,
#                         scikit-image's sample photographs for the scan corpus's backgrounds, and
#                         RAUC with dbus-daemon for the A/B install test)
#   board/deps.sh demo    build plus what board/demo.sh runs (poppler, curl)
#   board/deps.sh kiosk   only what a board needs to RUN bin/lanyard-kiosk: no compiler, no -dev
#   board/deps.sh hub     only what a server needs to RUN bin/lanyard-hub
#   board/deps.sh deb     build plus what `make deb` runs (dpkg-dev, lintian, man pages)
#   board/deps.sh cross   build plus `make cross-arm64`'s cross compiler, qemu-aarch64 and
#                         mmdebstrap (the arm64 -dev packages go into a sysroot, never onto
#                         this machine: they would replace the amd64 ones)
#   board/deps.sh sysroot prints the arm64 packages of that sysroot; installs nothing
#   board/deps.sh board   deb and cross plus `make check-board`'s (debootstrap, RAUC, openssl,
#                         dbus-daemon)
# One `apt-get update`, then one `apt-get install -y`. Needs root when something is missing.
# Everything a test or the demo calls is either here or in a minimal Debian 12 (debootstrap
# --variant=minbase: coreutils, diffutils, findutils, grep, sed, mawk, util-linux, tar, gzip);
# board/fresh-check.sh checks that on a fresh root.
set -eu

# Run time, from `ldd bin/PROGRAM` and `dpkg -S` on each library it names, plus the files the
# programs read: fonts (the kiosk's screen prefers Noto Sans UI, found through fontconfig),
# time zones (--tz, the gate's local time) and CA certificates (a hub behind a public CA).
kiosk="libsodium23 libsqlite3-0 libcairo2 libzbar0 libzxing2 libstdc++6 libv4l-0 libjpeg62-turbo
       libcurl4 libcups2 libpango-1.0-0 libpangocairo-1.0-0 libqrencode4 ca-certificates
       libsdl2-2.0-0 libsdl2-ttf-2.0-0 libfribidi0 libfontconfig1 fontconfig fonts-noto-ui-core
       fonts-noto-core fonts-noto-cjk tzdata libsystemd0"
hub="libsodium23 libsqlite3-0 libcairo2 libv4l-0 libjpeg62-turbo libmicrohttpd12 libpq5
     libsystemd0 tzdata"
# bin/lanyard: the badges are drawn by Pango, which finds the Noto faces through fontconfig.
organizer="libsodium23 libsqlite3-0 libpango-1.0-0 libpangocairo-1.0-0 libcairo2 libqrencode4
           libcurl4 libpq5 libv4l-0 libjpeg62-turbo fontconfig fonts-noto-core fonts-noto-cjk
           tzdata"
build="build-essential pkg-config libsodium-dev libsqlite3-dev libcairo2-dev libpango1.0-dev
       libqrencode-dev libzbar-dev libzxing-dev g++ libv4l-dev libjpeg62-turbo-dev libsdl2-dev
       libsdl2-ttf-dev libfribidi-dev libfontconfig-dev libharfbuzz-dev gettext libcurl4-openssl-dev
       libmicrohttpd-dev libpq-dev libsystemd-dev libcups2-dev $kiosk $hub $organizer"
test="$build clang clang-format libclang-rt-14-dev llvm zbar-tools poppler-utils sqlite3 python3
      python3-cryptography curl openssl git xvfb xauth xdotool postgresql
      chromium cups-daemon cups-client cups python3-skimage systemd man-db fiu-utils rauc
      dbus-daemon e2fsprogs squashfs-tools"
demo="$build poppler-utils curl"
deb="$build dpkg-dev lintian python3 man-db file"
cross="$build gcc-aarch64-linux-gnu g++-aarch64-linux-gnu libc6-dev-arm64-cross qemu-user-static mmdebstrap file
       python3"
# The arm64 sysroot of `make cross-arm64`: the -dev packages of build, for arm64.
sysroot="libc6-dev libsodium-dev libsqlite3-dev libcairo2-dev libpango1.0-dev libqrencode-dev
         libzbar-dev libv4l-dev libjpeg62-turbo-dev libsdl2-dev libsdl2-ttf-dev libfribidi-dev
         libfontconfig-dev libharfbuzz-dev libcurl4-openssl-dev libmicrohttpd-dev libpq-dev
         libsystemd-dev libzxing-dev libcups2-dev"
board="$deb $cross debootstrap binfmt-support rauc openssl squashfs-tools e2fsprogs systemd dbus-daemon"

case "${1:-build}" in
build) want=$build ;;
test) want=$test ;;
demo) want=$demo ;;
kiosk) want=$kiosk ;;
hub) want=$hub ;;
deb) want=$deb ;;
cross) want=$cross ;;
board) want=$board ;;
sysroot) printf '%s\n' $sysroot; exit 0 ;;
*) echo "usage: board/deps.sh build|test|demo|kiosk|hub|deb|cross|board|sysroot" >&2; exit 2 ;;
esac

missing=""
for p in $want; do
    case " $missing " in *" $p "*) continue ;; esac
    if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed"; then
        missing="$missing $p"
    fi
done
[ -z "$missing" ] && exit 0

echo "deps: installing:$missing" >&2
if [ "$(id -u)" -ne 0 ]; then
    echo "deps: not root; run: sudo apt-get install -y$missing" >&2
    exit 1
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -q >&2
apt-get install -y -q --no-install-recommends $missing >&2
