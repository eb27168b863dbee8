#!/bin/bash
# install-test.sh - RAUC's update path run for real on this machine, as far as it goes without a
# board: two root slots A and B are files on loop devices, `rauc service` runs with a system.conf
# made from board/rauc/system-BOARD.conf (the same compatible, keyring check and slots, other
# devices) on a private D-Bus system bus that this script starts, and the bootloader is
# bootloader-standin.sh, RAUC's custom backend over files (U-Boot's rules, no kernel booted).
# Checks, as TAP-style lines:
#   - bundles with a changed byte, a changed signature, a stranger's signature or another
#     board's compatible are refused by `rauc install`, and neither slot changes;
#   - a power cut in an install (the service killed right after RAUC marked the target slot
#     bad, half the image written) leaves the old slot booting;
#   - a signed bundle is written into the slot not booted (its bytes and the release file in it
#     compared) and that slot becomes primary;
#   - `rauc status mark-good` (lanyard-rauc-mark-good.service's command) through the service
#     marks the booted slot good;
#   - an update whose slot boots LY_BOOT_TRIES times without mark-good falls back to the old
#     slot (the stand-in's rules: what U-Boot's boot script does, not a bootloader run).
# Without device-mapper in the kernel RAUC cannot mount a verity bundle to install it; then the
# bundles are made in the plain format and this machine's system.conf accepts it (the boards'
# refuse it; said as a skip line). Needs root, rauc, dbus-daemon, loop devices and squashfs;
# prints a skip line without them. At most LY_RAUC_TEST_LIMIT (60) s; the service, the bus, the
# loop devices, the mounts and the work folder are gone at exit, on failure and on a signal too.
#
#   board/rauc/install-test.sh [--board rpi4|rpi5|x86-64]
# LY_RAUC_TEST_STOP_AFTER=install: stops itself with SIGTERM after the first install, with
# everything up (for a test of the clean-up); =install-kill: with SIGKILL (nothing cleaned up).
set -uo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
BOARD=x86-64
while [ $# -gt 0 ]; do
    case $1 in
    --board) BOARD=${2:?}; shift 2 ;;
    *) sed -n '/^#   board\/rauc\/install-test.sh/p' "$0" >&2; exit 2 ;;
    esac
done
[ -f "$HERE/system-$BOARD.conf" ] || { echo "install-test.sh: no board $BOARD" >&2; exit 2; }
LIMIT=${LY_RAUC_TEST_LIMIT:-60}
TRIES=3
failed=0
ok() { echo "ok - $*"; }
not_ok() { echo "not ok - $*"; failed=$((failed + 1)); }
skip_all() { echo "skip - RAUC install test: $*"; exit 0; }

[ "$(id -u)" -eq 0 ] || skip_all "needs root (loop devices, mounts)"
for c in rauc dbus-daemon losetup mkfs.ext4 debugfs openssl python3 sha256sum timeout; do
    command -v "$c" >/dev/null || skip_all "$c is not installed (board/deps.sh test)"
done
[ -e /dev/loop-control ] || skip_all "no loop devices (/dev/loop-control)"
grep -qw squashfs /proc/filesystems || [ -n "$(find "/lib/modules/$(uname -r)" -name 'squashfs.ko*' 2>/dev/null)" ] ||
    skip_all "the kernel has no squashfs (RAUC mounts bundles as squashfs)"

W=$(mktemp -d "${TMPDIR:-/tmp}/lanyard-rauc.XXXXXX")
echo "# work folder: $W"
SVC= BUS= WD=
mounts() { awk -v w="$W/" 'index($2, w) == 1 { print $2 }' /proc/mounts; }
loops() { losetup -n -l -O NAME,BACK-FILE 2>/dev/null | awk -v w="$W/" 'index($2, w) == 1 { print $1 }'; }
stop_service() {
    [ -n "$SVC" ] || return 0
    kill "$SVC" 2>/dev/null
    wait "$SVC" 2>/dev/null
    SVC=
}
cleanup() {
    local rc=$? m l
    trap - EXIT INT TERM
    [ -n "$WD" ] && kill "$WD" 2>/dev/null
    stop_service
    if [ -n "$BUS" ]; then kill "$BUS" 2>/dev/null; wait "$BUS" 2>/dev/null; fi
    for m in $(mounts | tac); do umount "$m" 2>/dev/null || umount -l "$m"; done
    for l in $(loops); do losetup -d "$l"; done
    if [ -z "$(mounts)" ] && [ -z "$(loops)" ]; then rm -rf --one-file-system "$W"; else
        echo "# left behind in $W: $(mounts) $(loops)" >&2
    fi
    exit $rc
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
# The bound: bash acts on the TERM when the command running ends; every bundle.sh and rauc
# command is bounded by timeout(1), the others take a moment.
(
    trap 'kill "$nap" 2>/dev/null; exit 0' TERM
    sleep "$LIMIT" >/dev/null 2>&1 &
    nap=$!
    wait "$nap"
    # (only if this script is still its parent: after a SIGKILL, $$ may be another's by now)
    self=$BASHPID
    [ "$(awk '{ print $4 }' "/proc/$self/stat")" = $$ ] || exit 0
    echo "not ok - RAUC install test: over $LIMIT s, stopped"
    kill -TERM $$
) &
WD=$!

# --- the bundle format this kernel can install
if grep -qw device-mapper /proc/misc; then FORMAT=verity; else
    FORMAT=plain
    echo "# this kernel has no device-mapper: RAUC cannot mount a verity bundle; plain bundles here"
fi

# --- root file systems and bundles (bundle.sh: test keys in $W/b/keys, its own checks)
mkroot() { # DIR RELEASE
    mkdir -p "$1/etc"
    echo "$2" >"$1/etc/lanyard-release"
    head -c 262144 /dev/urandom >"$1/etc/lanyard-filler"
}
mkroot "$W/root-factory" "lanyard-kiosk factory image (test)"
mkroot "$W/root-1" "lanyard-kiosk update 1 (test)"
mkroot "$W/root-2" "lanyard-kiosk update 2, never comes up (test)"
mkfs.ext4 -q -F -L rootfs -d "$W/root-factory" "$W/factory.ext4" 12M >/dev/null
bundle() { # NAME BOARD ROOTFS FORMAT [--keep]: $W/NAME.raucb
    timeout 60 "$HERE/bundle.sh" --board "$2" --rootfs "$3" --out "$W/b" --format "$4" ${5:-} >"$W/$1.log" 2>&1
    local rc=$?
    mv "$W/b/lanyard-kiosk-$2.raucb" "$W/$1.raucb" 2>/dev/null
    [ $rc -eq 0 ] && [ -f "$W/$1.raucb" ] && return 0
    not_ok "bundle.sh for $1: $(grep -v '^ok' "$W/$1.log" | tail -3)"
    return 1
}
# LY_RAUC_TEST_KEYS=DIR: the test keys are made once into DIR and taken from there (RSA keys
# take most of a run's time; the integration test runs this script four times).
KEEP_KEYS=${LY_RAUC_TEST_KEYS:-}
if [ -n "$KEEP_KEYS" ] && [ -f "$KEEP_KEYS/signing.cert.pem" ]; then
    mkdir -p "$W/b"
    cp -r "$KEEP_KEYS" "$W/b/keys"
fi
bundle update1 "$BOARD" "$W/root-1" $FORMAT --keep || exit 1
if [ -n "$KEEP_KEYS" ] && [ ! -f "$KEEP_KEYS/signing.cert.pem" ]; then
    mkdir -p "$KEEP_KEYS"
    cp "$W/b/keys/"* "$KEEP_KEYS/"
fi
sed -n 's/^\(ok\|not ok\) - /\1 - bundle.sh: /p' "$W/update1.log"
failed=$((failed + $(grep -c '^not ok' "$W/update1.log")))
for f in payload signature other; do mv "$W/b/bundle-$BOARD/$f.raucb" "$W/$f.raucb"; done
mv "$W/b/bundle-$BOARD/content/rootfs.ext4" "$W/update1.ext4"
OTHER_BOARD=rpi4
[ "$BOARD" = rpi4 ] && OTHER_BOARD=x86-64
bundle update2 "$BOARD" "$W/root-2" $FORMAT || exit 1
bundle foreign "$OTHER_BOARD" "$W/root-1" $FORMAT || exit 1
[ $FORMAT = plain ] && { bundle verity "$BOARD" "$W/root-1" verity || exit 1; }
KEYS=$W/b/keys

# --- the slots: two loop devices, the factory image in both
truncate -s 24M "$W/slot-A.img" "$W/slot-B.img"
LA=$(losetup -f --show "$W/slot-A.img") && LB=$(losetup -f --show "$W/slot-B.img") ||
    { not_ok "losetup: no free loop device"; exit 1; }
for d in "$LA" "$LB"; do dd if="$W/factory.ext4" of="$d" bs=1M conv=fsync status=none; done
ok "slots A ($LA) and B ($LB) hold the factory image"

export HERE
# --- this machine's system.conf: the board's, with the slots on the loop devices, the test CA,
# the stand-in bootloader and the status file in $W
awk -v a="$LA" -v b="$LB" -v w="$W" -v keys="$KEYS" -v fmt="$FORMAT" '
    /^\[/ { section = $0 }
    /^bootloader=/ { print "bootloader=custom"; next }
    /^grubenv=/ { next }
    /^statusfile=/ { print "statusfile=" w "/rauc.status"; next }
    /^bundle-formats=/ { print (fmt == "plain" ? "bundle-formats=plain verity" : $0); next }
    /^path=/ && section == "[keyring]" { print "path=" keys "/ca.cert.pem"; next }
    /^device=/ && section == "[slot.rootfs.0]" { print "device=" a; next }
    /^device=/ && section == "[slot.rootfs.1]" { print "device=" b; next }
    { print }
    END { print "\n[handlers]\nbootloader-custom-backend=" ENVIRON["HERE"] "/bootloader-standin.sh" }
' "$HERE/system-$BOARD.conf" >"$W/system.conf"
awk -v w="$W" -v board="$BOARD" -v a="$LA" -v b="$LB" '
    $0 == "compatible=lanyard-kiosk-" board || $0 == "check-purpose=codesign" || $0 == "bootloader=custom" ||
    $0 == "device=" a || $0 == "device=" b || $0 == "bootname=A" || $0 == "bootname=B" ||
    $0 == "path=" w "/b/keys/ca.cert.pem" || $0 == "statusfile=" w "/rauc.status" { n++ }
    END { exit n != 9 }' "$W/system.conf" ||
    { not_ok "system.conf from system-$BOARD.conf lacks a setting: $(cat "$W/system.conf")"; exit 1; }
ok "system.conf made from system-$BOARD.conf (compatible, keyring, slot classes and bootnames kept)"
if [ $FORMAT = plain ]; then
    # The board's formats (bundle-formats=-plain), nothing else changed: plain is refused.
    sed "s/^bundle-formats=.*/$(grep '^bundle-formats=' "$HERE/system-$BOARD.conf")/" "$W/system.conf" >"$W/board-formats.conf"
    if timeout 20 rauc --conf="$W/board-formats.conf" info "$W/update1.raucb" >"$W/formats.log" 2>&1; then
        not_ok "the board's system.conf accepts a plain bundle"
    else
        grep -q "format 'plain' not allowed" "$W/formats.log" &&
            ok "the board's system.conf refuses the plain bundle ($(grep -m1 'not allowed' "$W/formats.log"))" ||
            not_ok "plain refused for another reason: $(tail -2 "$W/formats.log")"
    fi
fi

# --- the bootloader stand-in and the bus
export LY_BOOT_STATE=$W/boot LY_BOOT_TRIES=$TRIES
mkdir -p "$LY_BOOT_STATE" "$W/mnt"
STANDIN=$HERE/bootloader-standin.sh
"$STANDIN" init A B
cat >"$W/bus.conf" <<EOF
<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>system</type>
  <listen>unix:path=$W/bus</listen>
  <auth>EXTERNAL</auth>
  <policy context="default">
    <allow user="root"/>
    <deny own="*"/>
    <deny send_type="method_call"/>
    <allow send_type="signal"/>
    <allow send_requested_reply="true" send_type="method_return"/>
    <allow send_requested_reply="true" send_type="error"/>
    <allow receive_type="method_call"/>
    <allow receive_type="method_return"/>
    <allow receive_type="error"/>
    <allow receive_type="signal"/>
    <allow send_destination="org.freedesktop.DBus" send_interface="org.freedesktop.DBus"/>
    <allow send_destination="de.pengutronix.rauc"/>
  </policy>
  <policy user="root">
    <allow own="de.pengutronix.rauc"/>
  </policy>
</busconfig>
EOF
dbus-daemon --config-file="$W/bus.conf" --nofork --print-address=1 >"$W/bus.addr" 2>"$W/bus.log" &
BUS=$!
for _ in $(seq 50); do [ -S "$W/bus" ] && break; sleep 0.1; done
[ -S "$W/bus" ] || { not_ok "dbus-daemon did not start: $(tail -2 "$W/bus.log")"; exit 1; }
export DBUS_SYSTEM_BUS_ADDRESS=unix:path=$W/bus

# boot: the stand-in picks a slot (BOOTED), then `rauc service` runs as on that slot (rauc.slot=
# on the kernel command line, here --override-boot-slot).
boot() {
    stop_service
    BOOTED=$("$STANDIN" boot) || return 1
    start_service "$BOOTED"
}
start_service() { # SLOT [NAME=VALUE...]: rauc service as booted from SLOT, with that environment
    local slot=$1
    shift
    env "$@" rauc --conf="$W/system.conf" --mount="$W/mnt" service --override-boot-slot="$slot" >>"$W/service.log" 2>&1 &
    SVC=$!
    for _ in $(seq 50); do
        # (in a subshell of its own: a client that dies of a signal here is not news)
        (timeout 5 rauc status >/dev/null 2>&1; exit $?) 2>/dev/null && return 0
        sleep 0.1
    done
    echo "# rauc service did not answer: $(tail -2 "$W/service.log")"
}
# state: "booted X primary Y A:good|bad B:good|bad", from `rauc status` through the service.
state() {
    timeout 20 rauc status --output-format=json 2>"$W/status.err" | python3 -c '
import json, sys
s = json.load(sys.stdin)
slots = {name: v for d in s["slots"] for name, v in d.items()}
print("booted", s["booted"], "primary", slots[s["boot_primary"]]["bootname"],
      " ".join("%s:%s" % (v["bootname"], v["boot_status"]) for v in sorted(slots.values(), key=lambda v: v["bootname"])))
' 2>>"$W/status.err" || echo "no status: $(tail -1 "$W/status.err")"
}
# mark_good SLOT: `rauc status mark-good`, as lanyard-rauc-mark-good.service runs it; true when
# the client says done and the service has logged marking SLOT (it may log just after it
# answers: waits up to 5 s for that line).
mark_good() {
    local before
    before=$(grep -c "marked slot $1 as good" "$W/service.log")
    timeout 20 rauc status mark-good >"$W/mark.log" 2>&1 || return 1
    for _ in $(seq 50); do
        [ "$(grep -c "marked slot $1 as good" "$W/service.log")" -gt "$before" ] && return 0
        sleep 0.1
    done
    echo "service did not log it" >>"$W/mark.log"
    return 1
}
sums() { sha256sum "$LA" "$LB" | cut -d' ' -f1 | tr '\n' ' '; }
release() { debugfs -R "cat /etc/lanyard-release" "$1" 2>/dev/null; }
rauc_install() { timeout 30 rauc install "$1" >"$W/install.log" 2>&1; }

boot
s=$(state)
[ "$BOOTED" = A ] && [ "$s" = "booted A primary A A:good B:good" ] &&
    ok "rauc service on a private system bus, booted from A: $s" || not_ok "first boot: $BOOTED, $s"
mark_good rootfs.0 &&
    ok "rauc status mark-good goes through the service and marks A good" ||
    not_ok "mark-good on A: $(tail -2 "$W/mark.log")"

# --- refused bundles leave both slots and the bootloader's state as they were
before=$(sums)
cp -r "$LY_BOOT_STATE" "$W/boot-before"
refused() { # NAME BUNDLE PATTERN: refused, with PATTERN in RAUC's reason
    if rauc_install "$2"; then not_ok "$1 was installed"; return; fi
    local why
    why=$(sed -n 's/^LastError: //p' "$W/install.log" | head -1)
    [[ $why =~ $3 ]] && ok "rauc install refuses $1: ${why:0:90}" || not_ok "$1 refused for another reason: ${why:-$(tail -2 "$W/install.log")}"
}
# (verity: the signature covers the manifest, which holds the hash tree's root; a changed
# payload byte is caught by dm-verity as the image is read, so RAUC's reason differs)
refused "a bundle with a changed payload byte" "$W/payload.raucb" "signature verification failed|verity|Input/output|mount"
refused "a bundle with a changed signature" "$W/signature.raucb" "signature verification failed"
refused "a bundle signed outside the keyring" "$W/other.raucb" "signature verification failed: Verify error"
refused "a bundle for lanyard-kiosk-$OTHER_BOARD" "$W/foreign.raucb" "Compatible mismatch"
if [ $FORMAT = plain ]; then
    if rauc_install "$W/verity.raucb"; then
        not_ok "a verity bundle was installed on a kernel without device-mapper"
    else
        echo "skip - installing a verity bundle (the boards' format) cannot run here: $(grep -m1 'LastError' "$W/install.log" | cut -c1-90)"
    fi
fi
[ "$(sums)" = "$before" ] && diff -r -x log "$W/boot-before" "$LY_BOOT_STATE" >/dev/null &&
    ok "after the refusals both slots are byte for byte as before, the bootloader's state too" ||
    not_ok "a refused bundle changed a slot or the bootloader's state"

# --- the power goes during an install: the stand-in kills the service right after RAUC marked
# B bad; then half of the image is put into B, as if the write had got that far. A power cut
# also loses what was in caches: not simulated.
size=$(stat -c %s "$W/update1.ext4")
stop_service
start_service A LY_BOOT_CUT_AFTER="set-state B bad"
rauc_install "$W/update1.raucb" &
client=$!
wait "$SVC" 2>/dev/null
SVC=
# (the client waits for the service's answer: with the service gone, it is ended here)
sleep 0.5
kill "$client" 2>/dev/null
wait "$client"
cut_rc=$?
dd if="$W/update1.ext4" of="$LB" bs=1M count=$((size / 2 / 1048576)) conv=notrunc,fsync status=none
# what the service had mounted and set up is gone with the power
for m in $(mounts | tac); do umount "$m" 2>/dev/null || umount -l "$m"; done
for l in $(loops); do [ "$l" = "$LA" ] || [ "$l" = "$LB" ] || losetup -d "$l"; done
boot
s=$(state)
[ $cut_rc -ne 0 ] && grep -q "power cut" "$LY_BOOT_STATE/log" && [ "$BOOTED" = A ] &&
    [ "$s" = "booted A primary A A:good B:bad" ] &&
    ok "a power cut in an install (after B was marked bad, half the image in B): the next boot starts A, B is bad: $s" ||
    not_ok "power cut: install exit $cut_rc, booted $BOOTED, $s"
mark_good rootfs.0 || not_ok "mark-good on A: $(tail -2 "$W/mark.log")"

# --- an update: into B, B primary
sumA=$(sha256sum <"$LA")
calls=$(wc -l <"$LY_BOOT_STATE/log")
t=$SECONDS
rauc_install "$W/update1.raucb" && ok "rauc install update 1 ($((SECONDS - t)) s)" ||
    not_ok "rauc install update 1: $(tail -3 "$W/install.log")"
[ "$(head -c "$size" "$LB" | sha256sum)" = "$(sha256sum <"$W/update1.ext4")" ] &&
    [ "$(release "$LB")" = "lanyard-kiosk update 1 (test)" ] &&
    ok "slot B holds the bundle's image byte for byte (its release file: update 1)" ||
    not_ok "slot B: $(release "$LB")"
[ "$(sha256sum <"$LA")" = "$sumA" ] && ok "slot A, the booted one, is untouched" || not_ok "slot A changed"
# RAUC marks the slot bad before writing it, primary after: a cut in between boots A.
tail -n +$((calls + 1)) "$LY_BOOT_STATE/log" | grep 'set-state B bad\|set-primary B' | cut -d' ' -f2- | tr '\n' ',' >"$W/order"
[ "$(cat "$W/order")" = "set-state B bad,set-primary B," ] &&
    ok "RAUC marked B bad before writing it and primary after" || not_ok "bootloader calls: $(cat "$W/order")"
s=$(state)
[ "$s" = "booted A primary B A:good B:good" ] && ok "B is primary: $s" || not_ok "after install: $s"
case ${LY_RAUC_TEST_STOP_AFTER:-} in
install) echo "# LY_RAUC_TEST_STOP_AFTER=install: SIGTERM with everything up"; kill -TERM $$ ;;
install-kill) echo "# LY_RAUC_TEST_STOP_AFTER=install-kill: SIGKILL, no clean-up"; kill -KILL $$ ;;
esac

# --- the reboot into B, which comes up: mark-good
boot
s=$(state)
[ "$BOOTED" = B ] && [ "$s" = "booted B primary B A:good B:good" ] && [ "$(release "$LB")" = "lanyard-kiosk update 1 (test)" ] &&
    ok "the reboot starts B (update 1): $s" || not_ok "reboot: $BOOTED, $s"
[ "$(cat "$LY_BOOT_STATE/left.B")" = $((TRIES - 1)) ] && ok "the boot took one of B's $TRIES tries" ||
    not_ok "B's tries: $(cat "$LY_BOOT_STATE/left.B")"
mark_good rootfs.1 &&
    [ "$(cat "$LY_BOOT_STATE/left.B")" = $TRIES ] &&
    ok "rauc status mark-good on B gives B its $TRIES tries back" || not_ok "mark-good on B: $(tail -2 "$W/mark.log")"

# --- update 2, into A, never comes up: no mark-good; after its tries the stand-in boots B
rauc_install "$W/update2.raucb" && [ "$(release "$LA")" = "lanyard-kiosk update 2, never comes up (test)" ] &&
    ok "rauc install update 2 writes A, the slot not booted" || not_ok "update 2: $(tail -3 "$W/install.log")"
stop_service
seen=
for _ in $(seq "$TRIES"); do seen="$seen $("$STANDIN" boot)"; done
[ "$seen" = "$(printf ' A%.0s' $(seq "$TRIES"))" ] && ok "A is booted $TRIES times, never marked good" ||
    not_ok "boots without mark-good:$seen"
boot
s=$(state)
[ "$BOOTED" = B ] && [ "$s" = "booted B primary B A:bad B:good" ] && [ "$(release "$LB")" = "lanyard-kiosk update 1 (test)" ] &&
    ok "then the stand-in falls back to B (update 1), and RAUC reports A bad: $s" || not_ok "fallback: $BOOTED, $s"
mark_good rootfs.1 && [ "$(state)" = "booted B primary B A:bad B:good" ] &&
    ok "mark-good on B after the fallback keeps B" || not_ok "mark-good after the fallback: $(tail -2 "$W/mark.log")"
stop_service
echo "# $SECONDS s"
[ $failed -eq 0 ]
