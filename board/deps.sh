#!/bin/sh
# Installs the Debian 12 packages Lanyard needs for a purpose, only when some are missing:
#   board/deps.sh build   compile bin/
#   board/deps.sh test    build plus what `make test` runs (sanitizers, fuzzers, ZBar, poppler)
#   board/deps.sh demo    build plus the fonts the badges are printed with
# One `apt-get update`, then one `apt-get install -y`. Needs root when something is missing.
set -eu

build="build-essential pkg-config libsodium-dev libsqlite3-dev libcairo2-dev libpango1.0-dev
       libqrencode-dev libzbar-dev libv4l-dev libjpeg62-turbo-dev fonts-noto-core fonts-noto-cjk tzdata
       libsdl2-dev libsdl2-ttf-dev libfribidi-dev gettext libcurl4-openssl-dev libmicrohttpd-dev
       libpq-dev libsystemd-dev"
test="$build clang clang-format libclang-rt-14-dev zbar-tools libzbar-dev poppler-utils sqlite3
      python3 python3-cryptography libzxing-dev g++ curl openssl
      xvfb xauth xdotool postgresql chromium"
demo="$build poppler-utils curl"

case "${1:-build}" in
build) want=$build ;;
test) want=$test ;;
demo) want=$demo ;;
*) echo "usage: board/deps.sh build|test|demo" >&2; exit 2 ;;
esac

missing=""
for p in $want; do
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
