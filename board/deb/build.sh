#!/bin/bash
# build.sh - `make deb`: the Debian packages of Lanyard, for amd64 (or arm64, cross-built with
# board/cross-arm64.sh's sysroot), built with dpkg-deb from a copy of the working tree compiled
# with Debian's hardening flags (dpkg-buildflags):
#   lanyard        the organizer's tool (bin/lanyard), its man page and the organizer's docs
#   lanyard-kiosk  the kiosk: program, unit, udev rules, logind and watchdog drop-ins, the
#                  screen's translations, an example /etc/lanyard/kiosk.conf, its man page
#   lanyard-hub    the hub: program, unit, an example /etc/lanyard/hub.conf, its man page
# The packages land in out/deb/; lintian checks them (out/deb/lintian-ARCH.txt), and the build
# fails on any lintian error or warning not listed in board/deb/lintian-allowed.
#
#   board/deb/build.sh [amd64|arm64]
set -euo pipefail
REPO=$(cd "$(dirname "$0")/../.." && pwd)
ARCH=${1:-amd64}
B=$REPO/build/deb/$ARCH
OUT=$REPO/out/deb
VERSION=$(sed -n 's/^#define LY_VERSION "\(.*\)"/\1/p' "$REPO/sync/cli/lanyard_main.c")
MAINT="Lanyard maintainers <lanyard@example.org>"
export DEB_BUILD_MAINT_OPTIONS=hardening=+all
export SOURCE_DATE_EPOCH=${SOURCE_DATE_EPOCH:-$(git -C "$REPO" log -1 --format=%ct)}
say() { printf '%s deb: %s\n' "$(date +%H:%M:%S)" "$*" >&2; }

# --- a copy of the working tree (tracked and new files), built apart from bin/ and build/
say "building $ARCH in $B/src"
rm -rf "$B"
mkdir -p "$B/src" "$OUT"
(cd "$REPO" && git ls-files -co --exclude-standard -z |
    tar -c --null --ignore-failed-read -T - -f - 2>/dev/null) | tar -x -C "$B/src"
MAKEVARS=(
    "CFLAGS=$(DEB_HOST_ARCH=$ARCH dpkg-buildflags --get CFLAGS) $(DEB_HOST_ARCH=$ARCH dpkg-buildflags --get CPPFLAGS)"
    "LDFLAGS=$(DEB_HOST_ARCH=$ARCH dpkg-buildflags --get LDFLAGS)"
)
if [ "$ARCH" != "$(dpkg --print-architecture)" ]; then
    [ "$ARCH" = arm64 ] || { say "only amd64 and arm64"; exit 2; }
    SYSROOT=$("$REPO/board/cross-arm64.sh" --sysroot)
    MAKEVARS+=("CC=aarch64-linux-gnu-gcc --sysroot=$SYSROOT" "PKG_CONFIG=$REPO/board/cross-pkg-config")
    export LY_SYSROOT=$SYSROOT LY_MAN_RUNNER="qemu-aarch64-static -L $SYSROOT"
fi
make -C "$B/src" --no-print-directory -j"$(nproc)" "${MAKEVARS[@]}" programs man >"$B/make.log" 2>&1 ||
    { tail -30 "$B/make.log" >&2; say "build failed (log: $B/make.log)"; exit 1; }
file "$B/src/bin/"* | sed 's/^/  /' >&2

# --- staging
S=$B/stage
# pkg NAME: an empty package tree with its copyright and changelog.
pkg() {
    local d=$S/$1
    mkdir -p "$d/DEBIAN" "$d/usr/share/doc/$1"
    install -m 644 "$REPO/board/deb/copyright" "$d/usr/share/doc/$1/copyright"
    sed "s/@NAME@/$1/; s/@VERSION@/$VERSION/; s/@MAINT@/$MAINT/; s/@DATE@/$(date -R -u -d @"$SOURCE_DATE_EPOCH")/" \
        "$REPO/board/deb/changelog.in" | gzip -9n >"$d/usr/share/doc/$1/changelog.gz"
}
man1() { # NAME PROGRAM
    install -d "$S/$1/usr/share/man/man1"
    gzip -9n <"$B/src/build/man/$2.1" >"$S/$1/usr/share/man/man1/$2.1.gz"
}
STRIP=strip
[ "$ARCH" = arm64 ] && STRIP=aarch64-linux-gnu-strip
bin() { # PACKAGE PROGRAM: stripped as dh_strip does
    install -D -m 755 "$B/src/bin/$2" "$S/$1/usr/bin/$2"
    $STRIP --remove-section=.comment --remove-section=.note --strip-unneeded "$S/$1/usr/bin/$2"
}

pkg lanyard
bin lanyard lanyard
man1 lanyard lanyard
for d in organizer.md import-formats.md badges.md badge-format.md gates.md; do
    [ -f "$REPO/docs/$d" ] && install -m 644 "$REPO/docs/$d" "$S/lanyard/usr/share/doc/lanyard/$d"
done

pkg lanyard-kiosk
K=$S/lanyard-kiosk
bin lanyard-kiosk lanyard-kiosk
man1 lanyard-kiosk lanyard-kiosk
install -D -m 644 "$REPO/board/common/systemd/lanyard-kiosk.service" "$K/lib/systemd/system/lanyard-kiosk.service"
install -D -m 644 "$REPO/board/common/systemd/lanyard-kiosk.service.d/cage.conf" \
    "$K/usr/share/doc/lanyard-kiosk/examples/cage.conf"
install -D -m 644 "$REPO/board/common/udev/70-lanyard-kiosk.rules" "$K/lib/udev/rules.d/70-lanyard-kiosk.rules"
install -D -m 644 "$REPO/board/common/systemd/system.conf.d/lanyard-watchdog.conf" \
    "$K/usr/lib/systemd/system.conf.d/lanyard-watchdog.conf"
install -D -m 644 "$REPO/board/common/systemd/logind.conf.d/lanyard-kiosk.conf" \
    "$K/usr/lib/systemd/logind.conf.d/lanyard-kiosk.conf"
install -D -m 644 "$REPO/board/x86-64/kiosk.conf" "$K/etc/lanyard/kiosk.conf"
for b in rpi4 rpi5 x86-64; do
    install -D -m 644 "$REPO/board/$b/kiosk.conf" "$K/usr/share/doc/lanyard-kiosk/examples/kiosk-$b.conf"
done
for mo in "$B/src/build/locale/"*/LC_MESSAGES/lanyard.mo; do
    l=$(basename "$(dirname "$(dirname "$mo")")")
    install -D -m 644 "$mo" "$K/usr/share/locale/$l/LC_MESSAGES/lanyard.mo"
done

pkg lanyard-hub
H=$S/lanyard-hub
bin lanyard-hub lanyard-hub
man1 lanyard-hub lanyard-hub
install -D -m 644 "$REPO/board/common/systemd/lanyard-hub.service" "$H/lib/systemd/system/lanyard-hub.service"
install -D -m 644 "$REPO/board/deb/hub.conf" "$H/etc/lanyard/hub.conf"

# --- control files
depends() { # PROGRAM: the shared libraries' packages, by dpkg-shlibdeps
    local needed
    # (glibc's own libraries, which differ by architecture, are all libc6)
    needed=$(readelf -d "$B/src/bin/$1" | sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p' |
        grep -vE '^(ld-linux.*|libc|libm|libpthread|libdl|librt)\.so' | sort)
    if [ -z "${LY_SYSROOT:-}" ]; then
        (cd "$B" && mkdir -p debian && printf 'Source: lanyard\n\nPackage: x\nArchitecture: any\n' >debian/control &&
            dpkg-shlibdeps -O "$B/src/bin/$1" 2>/dev/null) | sed -n 's/^shlibs:Depends=//p' |
            tee "$OUT/$1.shlibs-$ARCH"
        echo "$needed" >"$OUT/$1.needed-$ARCH"
        return
    fi
    # The arm64 sysroot is unpacked, not installed: dpkg-shlibdeps has no package database to
    # ask there. The libraries are the same Debian packages as amd64's (multiarch names), so
    # the amd64 build's answer stands, once the arm64 program is seen to need no other library.
    local host=amd64
    [ -f "$OUT/$1.shlibs-$host" ] || { say "make deb (amd64) first: its Depends serve arm64"; exit 1; }
    if ! diff <(echo "$needed") "$OUT/$1.needed-$host" >/dev/null; then
        say "$1: arm64 needs other libraries than amd64: $(diff <(echo "$needed") "$OUT/$1.needed-$host" | grep '^[<>]' | tr '\n' ' ')"
        exit 1
    fi
    cat "$OUT/$1.shlibs-$host"
}
control() { # NAME DEPENDS DESCRIPTION-FILE
    local size
    size=$(du -k -s --exclude=DEBIAN "$S/$1" | cut -f1)
    {
        echo "Package: $1"
        echo "Version: $VERSION"
        echo "Architecture: $ARCH"
        echo "Maintainer: $MAINT"
        echo "Installed-Size: $size"
        echo "Depends: $2"
        echo "Section: misc"
        echo "Priority: optional"
        echo "Homepage: https://example.org/lanyard"
        cat "$3"
    } >"$S/$1/DEBIAN/control"
    (cd "$S/$1" && find . -path ./DEBIAN -prune -o -type f -printf '%P\0' | sort -z |
        xargs -0 md5sum) >"$S/$1/DEBIAN/md5sums"
    if [ -d "$S/$1/etc" ]; then
        (cd "$S/$1" && find etc -type f | sed 's|^|/|' | sort) >"$S/$1/DEBIAN/conffiles"
    fi
    for s in postinst prerm postrm; do
        [ -f "$REPO/board/deb/$1.$s" ] && install -m 755 "$REPO/board/deb/$1.$s" "$S/$1/DEBIAN/$s"
    done
    return 0
}
D=$(depends lanyard)
control lanyard "$D, fontconfig, fonts-noto-core, tzdata" "$REPO/board/deb/lanyard.desc"
D=$(depends lanyard-kiosk)
control lanyard-kiosk "$D, adduser, systemd, udev, ca-certificates, fontconfig, fonts-noto-ui-core, fonts-noto-core, fonts-noto-cjk, tzdata" \
    "$REPO/board/deb/lanyard-kiosk.desc"
D=$(depends lanyard-hub)
control lanyard-hub "$D, adduser, systemd, tzdata" "$REPO/board/deb/lanyard-hub.desc"

# --- the packages, and lintian
rm -f "$OUT"/*_"$ARCH".deb
for p in lanyard lanyard-kiosk lanyard-hub; do
    find "$S/$p" -exec touch -h -d @"$SOURCE_DATE_EPOCH" {} +
    dpkg-deb --root-owner-group -Zxz --build "$S/$p" "$OUT/${p}_${VERSION}_$ARCH.deb" >/dev/null
    say "$OUT/${p}_${VERSION}_$ARCH.deb ($(du -h "$OUT/${p}_${VERSION}_$ARCH.deb" | cut -f1))"
done
L=$OUT/lintian-$ARCH.txt
lintian --no-cfg --tag-display-limit 0 -I --suppress-tags-from-file "$REPO/board/deb/lintian-allowed" \
    "$OUT"/*_"$VERSION"_"$ARCH".deb >"$L" 2>&1 || true
if grep -qE '^[EW]: ' "$L"; then
    grep -E '^[EW]: ' "$L" >&2
    say "lintian: errors or warnings (all in $L)"
    exit 1
fi
say "lintian: no error or warning ($(grep -c '^[IPX]: ' "$L" || true) notes in $L)"
