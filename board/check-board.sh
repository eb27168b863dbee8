#!/bin/bash
# check-board.sh - `make check-board`: the Debian packages of `make deb` and board/provision.sh
# tried for real in a minimal Debian 12 root (debootstrap --variant=minbase bookworm), amd64 and,
# with --arch arm64, arm64 through qemu-user-static and binfmt_misc:
#   1. the three packages install with apt (their dependencies from the mirror), put their
#      files in place, run (--help, --version), the units pass `systemd-analyze verify` there,
#      the kiosk's unit is enabled and its user exists; they remove and purge cleanly (no file
#      of theirs left, the conffiles gone after purge);
#   2. board/provision.sh runs in the same root and leaves the kiosk unit and time sync enabled,
#      the consoles' gettys masked, the accounts locked and its files in place;
#   3. board/rauc/bundle.sh makes a signed update bundle of that provisioned root (an ext4 image
#      in RAUC's verity format) and checks that RAUC accepts it and refuses tampered ones;
#   4. board/rauc/install-test.sh installs bundles (small stand-in roots) into A/B slots on loop
#      devices through `rauc service` on a private D-Bus bus, with a bootloader stand-in:
#      refusals, the slot switch, mark-good and the fallback (see that script for its limits).
# The base root is made once and kept in /var/tmp/lanyard-board-ARCH.base, the downloaded
# packages in /var/tmp/lanyard-board-apt-ARCH; each run works on a copy, removed at the end.
# Prints TAP-style lines and "N passed, N failed".
#
#   board/check-board.sh [--arch amd64|arm64] [--keep]
set -euo pipefail
# One block, read whole before it runs: editing this file while a check runs does not change it.
{
REPO=$(cd "$(dirname "$0")/.." && pwd)
ARCH=amd64 KEEP=no
while [ $# -gt 0 ]; do
    case $1 in
    --arch) ARCH=${2:?}; shift 2 ;;
    --keep) KEEP=yes; shift ;;
    *) sed -n '/^#   board\/check-board.sh/p' "$0" >&2; exit 2 ;;
    esac
done
MIRROR=${LY_FRESH_MIRROR:-http://deb.debian.org/debian}
BASE=/var/tmp/lanyard-board-$ARCH.base
CACHE=/var/tmp/lanyard-board-apt-$ARCH
R=/var/tmp/lanyard-board-$ARCH.work
VERSION=$(sed -n 's/^#define LY_VERSION "\(.*\)"/\1/p' "$REPO/sync/cli/lanyard_main.c")
BOARD=x86-64
[ "$ARCH" = arm64 ] && BOARD=rpi4
say() { printf '%s check-board: %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
passed=0 failed=0
ok() { echo "ok - $*"; passed=$((passed + 1)); }
not_ok() { echo "not ok - $*"; failed=$((failed + 1)); }
[ "$(id -u)" -eq 0 ] || { say "needs root"; exit 1; }
ls "$REPO/out/deb/"*_"$VERSION"_"$ARCH".deb >/dev/null 2>&1 ||
    { say "no packages for $ARCH in out/deb: make deb${ARCH:+ ARCH=$ARCH}"; exit 1; }

if [ "$ARCH" != "$(dpkg --print-architecture)" ]; then
    [ -d /proc/sys/fs/binfmt_misc ] && [ -e /proc/sys/fs/binfmt_misc/register ] ||
        mount -t binfmt_misc binfmt_misc /proc/sys/fs/binfmt_misc
    [ -e /proc/sys/fs/binfmt_misc/qemu-aarch64 ] || update-binfmts --enable qemu-aarch64
fi

mounts() { awk -v r="$R/" 'index($2, r) == 1 { print $2 }' /proc/mounts; }
cleanup() {
    local rc=$? m
    for m in $(mounts | tac); do umount "$m" 2>/dev/null || umount -l "$m"; done
    if [ "$KEEP" = no ] && [ -z "$(mounts)" ]; then rm -rf --one-file-system "$R"; fi
    [ "$KEEP" = yes ] && say "root kept: $R"
    exit $rc
}
trap cleanup EXIT
trap 'exit 130' INT TERM

t0=$SECONDS
if [ ! -x "$BASE/usr/bin/apt-get" ]; then
    say "debootstrap --variant=minbase --arch=$ARCH bookworm into $BASE (once)"
    rm -rf "$BASE.new"
    timeout 1800 debootstrap --variant=minbase --arch="$ARCH" bookworm "$BASE.new" "$MIRROR" \
        >/var/tmp/lanyard-board-$ARCH.debootstrap.log 2>&1 ||
        { say "debootstrap failed: $(tail -3 /var/tmp/lanyard-board-$ARCH.debootstrap.log)"; exit 1; }
    printf 'deb %s bookworm main\ndeb %s bookworm-updates main\ndeb http://deb.debian.org/debian-security bookworm-security main\n' \
        "$MIRROR" "$MIRROR" >"$BASE.new/etc/apt/sources.list"
    printf '#!/bin/sh\nexit 101\n' >"$BASE.new/usr/sbin/policy-rc.d"
    chmod 755 "$BASE.new/usr/sbin/policy-rc.d"
    mv "$BASE.new" "$BASE"
fi
rm -rf --one-file-system "$R"
cp -a "$BASE" "$R"
cp -L /etc/resolv.conf "$R/etc/resolv.conf"
mkdir -p "$CACHE/partial" "$R/tmp/debs" "$R/tmp/board"
mount -t proc proc "$R/proc"
mount --bind /sys "$R/sys"
mount --bind /dev "$R/dev"
mount --bind /dev/pts "$R/dev/pts"
mount --bind "$CACHE" "$R/var/cache/apt/archives"
cp "$REPO/out/deb/"*_"$VERSION"_"$ARCH".deb "$R/tmp/debs/"
cp -r "$REPO/board/." "$R/tmp/board/"
in_root() { timeout 1200 chroot "$R" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/root \
    DEBIAN_FRONTEND=noninteractive /bin/bash -c "$1" </dev/null; }
LOG=$REPO/build/check-board-$ARCH
mkdir -p "$LOG"

# --- 1. the packages
say "installing the packages with apt (log: $LOG/install.log)"
t=$SECONDS
if in_root "apt-get update -q && apt-get install -y -q --no-install-recommends /tmp/debs/*.deb" >"$LOG/install.log" 2>&1; then
    ok "apt-get install lanyard lanyard-kiosk lanyard-hub ($ARCH, $((SECONDS - t)) s with their dependencies)"
else
    not_ok "apt-get install: $(tail -3 "$LOG/install.log")"
fi
for f in /usr/bin/lanyard /usr/bin/lanyard-kiosk /usr/bin/lanyard-hub \
    /lib/systemd/system/lanyard-kiosk.service /lib/systemd/system/lanyard-hub.service \
    /lib/udev/rules.d/70-lanyard-kiosk.rules /usr/share/man/man1/lanyard-kiosk.1.gz \
    /usr/share/man/man1/lanyard-hub.1.gz /usr/share/man/man1/lanyard.1.gz \
    /usr/lib/systemd/system.conf.d/lanyard-watchdog.conf /etc/lanyard/kiosk.conf /etc/lanyard/hub.conf \
    /usr/share/locale/fr/LC_MESSAGES/lanyard.mo; do
    [ -e "$R$f" ] || not_ok "installed: $f is missing"
done
ok "installed files in place (programs, units, udev rules, man pages, drop-ins, catalogues)"
in_root "lanyard --version && lanyard-hub --version && lanyard-kiosk --help >/dev/null" >"$LOG/run.log" 2>&1 &&
    ok "the installed programs run: $(head -1 "$LOG/run.log")" || not_ok "the programs do not run: $(tail -3 "$LOG/run.log")"
in_root "lanyard --db /tmp/t.db demo-data --count 20 >/dev/null && lanyard --db /tmp/t.db kiosk-snapshot --out /tmp/k.db && \
    lanyard-kiosk --scan /dev/null; lanyard --db /tmp/t.db stats" >"$LOG/demo.log" 2>&1 &&
    ok "lanyard makes a demo event and a kiosk snapshot in the root" || not_ok "demo in the root: $(tail -3 "$LOG/demo.log")"
in_root "systemd-analyze verify --man=no /lib/systemd/system/lanyard-kiosk.service /lib/systemd/system/lanyard-hub.service" \
    >"$LOG/verify.log" 2>&1 && [ ! -s "$LOG/verify.log" ] && ok "systemd-analyze verify in the root" ||
    not_ok "systemd-analyze verify in the root: $(head -3 "$LOG/verify.log")"
[ "$(in_root 'systemctl is-enabled lanyard-kiosk.service' 2>/dev/null)" = enabled ] &&
    ok "lanyard-kiosk.service is enabled by the package" || not_ok "lanyard-kiosk.service is not enabled"
# udev reads every rules file for any device; a mistake in ours is named with its line.
in_root "udevadm test /devices/virtual/mem/null" >"$LOG/udev.log" 2>&1
if grep -q 'Reading rules file: .*70-lanyard-kiosk.rules' "$LOG/udev.log" &&
    ! grep -i '70-lanyard-kiosk.rules:[0-9]' "$LOG/udev.log" >/dev/null; then
    ok "udev reads 70-lanyard-kiosk.rules without a complaint"
else
    not_ok "udev: $(grep -i -m3 '70-lanyard-kiosk' "$LOG/udev.log")"
fi
# (and the check can fail: a copy with a misspelt key is named)
sed 's/GROUP=/GRUOP=/' "$R/lib/udev/rules.d/70-lanyard-kiosk.rules" >"$R/etc/udev/rules.d/99-lanyard-typo.rules"
# (into a file: grep -q ending early would fail the pipeline under pipefail)
in_root "udevadm test /devices/virtual/mem/null" >"$LOG/udev-typo.log" 2>&1
grep -q "99-lanyard-typo.rules:[0-9]* Invalid key 'GRUOP'" "$LOG/udev-typo.log" &&
    ok "udev names a misspelt key in a copy of the rules" ||
    not_ok "a misspelt udev key went unnoticed: $(grep -m2 typo "$LOG/udev-typo.log")"
rm -f "$R/etc/udev/rules.d/99-lanyard-typo.rules"
in_root "id lanyard-kiosk && id lanyard-hub" >"$LOG/id.log" 2>&1 && grep -q video "$LOG/id.log" &&
    ok "users lanyard-kiosk (in video) and lanyard-hub exist" || not_ok "users: $(cat "$LOG/id.log")"
in_root "dpkg -L lanyard lanyard-kiosk lanyard-hub" 2>/dev/null | sort -u >"$LOG/files.txt"

say "removing and purging"
in_root "apt-get remove -y -q lanyard lanyard-kiosk lanyard-hub" >"$LOG/remove.log" 2>&1 &&
    ok "apt-get remove" || not_ok "apt-get remove: $(tail -3 "$LOG/remove.log")"
left=$(while read -r f; do
    if [ -f "$R$f" ] && [ "${f#/etc/}" = "$f" ]; then echo "$f"; fi
done <"$LOG/files.txt")
[ -z "$left" ] && ok "remove leaves no file but conffiles" || not_ok "left after remove: $left"
[ -f "$R/etc/lanyard/kiosk.conf" ] && ok "remove keeps the conffiles" || not_ok "remove took the conffiles"
# (dpkg: apt knows no candidate for packages installed from files)
in_root "dpkg --purge lanyard lanyard-kiosk lanyard-hub" >"$LOG/purge.log" 2>&1 &&
    [ ! -e "$R/etc/lanyard/kiosk.conf" ] && [ ! -e "$R/etc/lanyard/hub.conf" ] &&
    ok "apt-get purge removes the conffiles" || not_ok "purge: $(tail -3 "$LOG/purge.log")"
[ ! -e "$R/etc/systemd/system/multi-user.target.wants/lanyard-kiosk.service" ] &&
    ok "purge removes the unit's enablement" || not_ok "purge left the unit enabled"

# --- 2. provisioning
say "board/provision.sh --board $BOARD (log: $LOG/provision.log)"
t=$SECONDS
if in_root "cd /tmp/board && ./provision.sh --board $BOARD --debs /tmp/debs --ntp ntp.venue.lan" >"$LOG/provision.log" 2>&1; then
    ok "provision.sh --board $BOARD ran in the root ($((SECONDS - t)) s)"
else
    not_ok "provision.sh: $(tail -3 "$LOG/provision.log")"
fi
for u in lanyard-kiosk.service systemd-timesyncd.service; do
    [ "$(in_root "systemctl is-enabled $u" 2>/dev/null)" = enabled ] && ok "$u enabled" || not_ok "$u not enabled"
done
for u in getty@tty1.service autovt@.service ctrl-alt-del.target; do
    [ "$(in_root "systemctl is-enabled $u" 2>/dev/null)" = masked ] && ok "$u masked" || not_ok "$u not masked"
done
[ "$(in_root 'systemctl get-default')" = multi-user.target ] && ok "boots to multi-user.target" ||
    not_ok "default target: $(in_root 'systemctl get-default')"
for f in /etc/lanyard/kiosk.conf /etc/overlayroot.local.conf /etc/sysctl.d/60-lanyard-kiosk.conf \
    /etc/systemd/timesyncd.conf.d/lanyard.conf /etc/systemd/journald.conf.d/lanyard-kiosk.conf \
    /usr/lib/systemd/logind.conf.d/lanyard-kiosk.conf; do
    [ -f "$R$f" ] && ok "in place: $f" || not_ok "missing: $f"
done
case $BOARD in
x86-64) [ -f "$R/etc/default/grub.d/lanyard-kiosk.cfg" ] && ok "GRUB drop-in in place" || not_ok "no GRUB drop-in" ;;
*) grep -q "dtparam=watchdog=on" "$R/boot/firmware/config.txt" 2>/dev/null && ok "config.txt has the board's settings" ||
    not_ok "config.txt lacks the board's settings" ;;
esac
grep -q "^LABEL=lanyard-data /var/lib/lanyard-kiosk ext4" "$R/etc/fstab" && ok "fstab mounts the data partition" ||
    not_ok "fstab lacks the data partition"
cmp -s "$REPO/board/$BOARD/kiosk.conf" "$R/etc/lanyard/kiosk.conf" && ok "kiosk.conf is board/$BOARD's" ||
    not_ok "kiosk.conf differs from board/$BOARD's"
grep -q '^lanyard-kiosk:!' "$R/etc/shadow" && grep -q '^lanyard-kiosk:.*:/usr/sbin/nologin$' "$R/etc/passwd" &&
    grep -q '^root:!' "$R/etc/shadow" && ok "accounts locked (lanyard-kiosk: no password, no shell; root)" ||
    not_ok "accounts not locked: $(grep -E '^(root|lanyard-kiosk):' "$R/etc/passwd")"
# (stat in the root: its users, not this machine's)
owner=$(in_root "stat -c %U:%a /var/lib/lanyard-kiosk" 2>&1)
[ "$owner" = lanyard-kiosk:700 ] && ok "/var/lib/lanyard-kiosk is the kiosk's, 700" ||
    not_ok "/var/lib/lanyard-kiosk: $owner"
in_root "dpkg -s overlayroot systemd-timesyncd lanyard-kiosk" >/dev/null 2>&1 && ok "overlayroot, timesyncd and lanyard-kiosk installed" ||
    not_ok "packages missing after provisioning"
# --- 3. a signed update bundle of the provisioned root (on this machine: rauc runs here, slots
# do not); the root's mounts are undone first, so that only its files go into the image
for m in $(mounts | tac); do umount "$m" 2>/dev/null || umount -l "$m"; done
say "board/rauc/bundle.sh --board $BOARD --rootfs $R ($(du -sh --one-file-system "$R" | cut -f1))"
while read -r line; do
    case $line in
    "ok - "*) ok "rauc: ${line#ok - }" ;;
    "not ok - "*) not_ok "rauc: ${line#not ok - }" ;;
    esac
done < <(timeout 900 "$REPO/board/rauc/bundle.sh" --board "$BOARD" --rootfs "$R" --out "$REPO/build/rauc" 2>&1 || true)
# --- 4. installing bundles into A/B slots on loop devices (rauc runs on this machine, for
# the board's system.conf; a skip line says what could not run)
say "board/rauc/install-test.sh --board $BOARD (log: $LOG/rauc-install.log)"
while read -r line; do
    case $line in
    "ok - "*) ok "rauc install: ${line#ok - }" ;;
    "not ok - "*) not_ok "rauc install: ${line#not ok - }" ;;
    "skip - "*) echo "$line" ;;
    esac
done < <(timeout 120 "$REPO/board/rauc/install-test.sh" --board "$BOARD" 2>"$LOG/rauc-install.log" || true)
echo "# $ARCH: $((SECONDS - t0)) s"
echo "$passed passed, $failed failed"
[ $failed -eq 0 ]
exit
}
