#!/bin/bash
# bundle.sh - a signed RAUC update bundle for a kiosk, and the checks this machine can run on
# it. Makes (once, in OUT/keys) a test CA and a signing certificate with openssl - TEST KEYS,
# never for kiosks in the field -, a root file system image (ext4, from --rootfs DIR, else a
# small stand-in tree holding the version), the manifest (manifest.raucm.in), and the bundle
# with `rauc bundle`. Then checks with `rauc info` against the CA keyring that the bundle is
# accepted (and `rauc extract` that its payload is whole), and that a bundle with a changed
# byte in its payload, in its signature, or signed by a key outside the keyring is refused.
# Prints TAP-style lines. Installing bundles into A/B slots on loop devices is tried by
# board/rauc/install-test.sh, which makes its bundles with this script.
#
#   board/rauc/bundle.sh [--board rpi4|rpi5|x86-64] [--rootfs DIR] [--out DIR]
#                        [--format verity|plain] [--keep]
# --format plain: for a machine whose kernel has no device-mapper (RAUC mounts a verity bundle
#   through dm-verity to install it); the boards' system.conf refuse plain bundles.
# --keep: keep the image and the tampered bundles in OUT/bundle-BOARD (for install-test.sh).
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
REPO=$(cd "$HERE/../.." && pwd)
BOARD=x86-64 ROOTFS= OUT=$REPO/build/rauc FORMAT=verity KEEP=no
while [ $# -gt 0 ]; do
    case $1 in
    --board) BOARD=${2:?}; shift 2 ;;
    --rootfs) ROOTFS=${2:?}; shift 2 ;;
    --out) OUT=${2:?}; shift 2 ;;
    --format)
        case ${2:-} in verity | plain) FORMAT=$2 ;; *) echo "bundle.sh: --format verity|plain" >&2; exit 2 ;; esac
        shift 2
        ;;
    --keep) KEEP=yes; shift ;;
    *) sed -n '/^#   board\/rauc/,/^#  *\[--format/p' "$0" >&2; exit 2 ;;
    esac
done
VERSION=$(sed -n 's/^#define LY_VERSION "\(.*\)"/\1/p' "$REPO/sync/cli/lanyard_main.c")
K=$OUT/keys
failed=0
ok() { echo "ok - $*"; }
not_ok() { echo "not ok - $*"; failed=$((failed + 1)); }
mkdir -p "$K"

# --- test keys: a CA, a signing certificate it issued, and a stranger's key and certificate
if [ ! -f "$K/signing.cert.pem" ]; then
    openssl req -x509 -newkey rsa:3072 -nodes -days 3650 -subj "/O=Lanyard test/CN=Lanyard test CA" \
        -keyout "$K/ca.key.pem" -out "$K/ca.cert.pem" 2>/dev/null
    openssl req -newkey rsa:3072 -nodes -subj "/O=Lanyard test/CN=Lanyard test update signing" \
        -keyout "$K/signing.key.pem" -out "$K/signing.csr.pem" 2>/dev/null
    printf 'keyUsage=critical,digitalSignature\nextendedKeyUsage=codeSigning\n' >"$K/ext.cnf"
    openssl x509 -req -in "$K/signing.csr.pem" -CA "$K/ca.cert.pem" -CAkey "$K/ca.key.pem" \
        -CAcreateserial -days 3650 -extfile "$K/ext.cnf" -out "$K/signing.cert.pem" 2>/dev/null
    openssl req -x509 -newkey rsa:3072 -nodes -days 3650 -subj "/CN=Someone else" \
        -keyout "$K/other.key.pem" -out "$K/other.cert.pem" 2>/dev/null
fi

# --- the image and the bundle
W=$OUT/bundle-$BOARD
rm -rf "$W" "$OUT/lanyard-kiosk-$BOARD.raucb"
mkdir -p "$W/content"
if [ -z "$ROOTFS" ]; then
    ROOTFS=$W/stand-in
    mkdir -p "$ROOTFS/etc"
    echo "lanyard-kiosk $VERSION ($BOARD): a stand-in root file system" >"$ROOTFS/etc/lanyard-release"
    # incompressible bytes: a bundle's payload must be over one 4 KiB block once compressed
    head -c 262144 /dev/urandom >"$ROOTFS/etc/lanyard-filler"
fi
size=$(du -s -m "$ROOTFS" | cut -f1)
mkfs.ext4 -q -F -L rootfs -d "$ROOTFS" "$W/content/rootfs.ext4" "$((size * 13 / 10 + 8))M" >/dev/null
sed "s/@BOARD@/$BOARD/g; s/@VERSION@/$VERSION/g; s/^format=verity\$/format=$FORMAT/" \
    "$HERE/manifest.raucm.in" >"$W/content/manifest.raucm"
grep -qx "format=$FORMAT" "$W/content/manifest.raucm" || { not_ok "manifest: no format=$FORMAT"; exit 1; }
B=$OUT/lanyard-kiosk-$BOARD.raucb
# This machine's stand-in for /etc/rauc/system.conf: the board's compatible and keyring, the
# test CA, no slots (nothing is installed here).
printf '[system]\ncompatible=lanyard-kiosk-%s\nbootloader=noop\n\n[keyring]\npath=%s\ncheck-purpose=codesign\n' \
    "$BOARD" "$K/ca.cert.pem" >"$W/system.conf"
rauc --conf="$W/system.conf" bundle --cert="$K/signing.cert.pem" --key="$K/signing.key.pem" --keyring="$K/ca.cert.pem" \
    "$W/content" "$B" >"$W/bundle.log" 2>&1 && ok "rauc bundle: $(basename "$B") ($(du -h "$B" | cut -f1))" ||
    { not_ok "rauc bundle: $(tail -3 "$W/bundle.log")"; exit 1; }

info() { rauc --conf="$W/system.conf" info "$1" >"$W/info.log" 2>&1; }
info "$B" && grep -q "lanyard-kiosk-$BOARD" "$W/info.log" &&
    ok "rauc info: signature verified, compatible lanyard-kiosk-$BOARD" || not_ok "rauc info: $(tail -3 "$W/info.log")"

# A byte changed in the payload (the image, near the start): in the verity format `rauc info`
# checks the signature over the manifest, which holds the payload's hash tree root; the payload
# itself is checked as it is read (dm-verity on install; in user space by `rauc extract`). In
# the plain format the signature covers the whole payload.
extract() { rm -rf "$W/x"; rauc --conf="$W/system.conf" extract "$1" "$W/x" >"$W/extract.log" 2>&1; }
extract "$B" && cmp -s "$W/x/rootfs.ext4" "$W/content/rootfs.ext4" &&
    ok "rauc extract: payload verified, the image comes out unchanged" || not_ok "rauc extract: $(tail -2 "$W/extract.log")"
cp "$B" "$W/payload.raucb"
# flip: the byte at OFFSET of FILE turned into its complement (setting a fixed value changes
# nothing when the byte already has it: 1 run in 256 accepted an "altered" bundle)
flip() {
    local b
    b=$(od -An -tu1 -j "$2" -N1 "$1" | tr -d ' ')
    printf "\\$(printf %o $((255 - b)))" | dd of="$1" bs=1 seek="$2" conv=notrunc 2>/dev/null
}
flip "$W/payload.raucb" 4096
if extract "$W/payload.raucb"; then not_ok "a bundle with a changed payload byte was accepted"; else
    ok "a changed payload byte is refused: $(grep -m1 -iE 'corrupt|fail' "$W/extract.log" | cut -c1-90)"
fi
cp "$B" "$W/signature.raucb"
len=$(stat -c %s "$B")
printf '\x00\x00\x00\x00' | dd of="$W/signature.raucb" bs=1 seek=$((len - 300)) conv=notrunc 2>/dev/null
if info "$W/signature.raucb"; then not_ok "a bundle with a changed signature was accepted"; else
    ok "a changed signature is refused: $(grep -m1 -iE 'fail|invalid|error' "$W/info.log" | cut -c1-90)"
fi
# (made without this machine's configuration: its keyring would refuse to sign with it; from a
# small image of its own: only the signature matters)
mkdir -p "$W/other/in/etc" "$W/other/content"
head -c 262144 /dev/urandom >"$W/other/in/etc/lanyard-filler"
mkfs.ext4 -q -F -d "$W/other/in" "$W/other/content/rootfs.ext4" 8M >/dev/null
cp "$W/content/manifest.raucm" "$W/other/content/"
rauc bundle --cert="$K/other.cert.pem" --key="$K/other.key.pem" "$W/other/content" "$W/other.raucb" \
    >"$W/other.log" 2>&1 || not_ok "could not make the stranger's bundle: $(tail -2 "$W/other.log")"
if [ ! -f "$W/other.raucb" ]; then :; elif info "$W/other.raucb"; then not_ok "a bundle signed outside the keyring was accepted"; else
    ok "a bundle signed by a key outside the keyring is refused"
fi
# The tampered copies and what was extracted are as large as the bundle: not kept, unless asked.
rm -rf "$W/other" "$W/x"
[ "$KEEP" = yes ] || rm -f "$W/payload.raucb" "$W/signature.raucb" "$W/other.raucb" "$W/content/rootfs.ext4"
[ $failed -eq 0 ]
