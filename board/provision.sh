#!/bin/bash
# provision.sh - turns a fresh Debian 12 or Raspberry Pi OS (bookworm) install into a Lanyard
# kiosk, as root on the kiosk itself (or in a chroot of its root file system, which is how
# `make check-board` tries it):
#   1. installs the lanyard-kiosk package (from --debs DIR, else from the configured apt
#      sources), systemd-timesyncd (or chrony) and overlayroot;
#   2. locks accounts down: the kiosk's user has no password and no shell, root's password is
#      locked (a technician logs in with the SSH key given by --ssh-key, or not at all);
#   3. enables lanyard-kiosk.service and time sync, masks the login prompts on tty1 and the other
#      virtual terminals, Ctrl+Alt+Del and the magic SysRq key, and boots to multi-user.target;
#   4. writes the board's boot settings (board/BOARD/: config.txt and the kernel command line on a
#      Raspberry Pi, a GRUB drop-in on x86-64) and /etc/lanyard/kiosk.conf from its example;
#   5. makes the root file system read-only at the next boot (overlayroot: writes go to RAM and
#      are gone after a reboot), with the kiosk database on a writable data partition mounted
#      at /var/lib/lanyard-kiosk (an fstab line for the file system labelled lanyard-data);
#   6. with --hub and --enroll-file, enrolls the kiosk, as its own user.
# In a chroot steps 5's read-only root and the boot settings only take effect when the
# machine boots; nothing is started.
#
#   board/provision.sh --board rpi4|rpi5|x86-64 [options]
#   --debs DIR          install the .deb files of DIR (make deb) instead of the apt sources'
#   --timesync NAME     systemd-timesyncd (default) or chrony
#   --ntp SERVER        the venue's time server (default: Debian's pool)
#   --data LABEL        the data partition's file-system label (default lanyard-data)
#   --no-overlayroot    leave the root file system writable
#   --ssh-key FILE      a public key for root's SSH login (openssh-server is installed)
#   --hub URL --enroll-file PATH   enroll with the hub, the code (lanyard enroll) on the first
#                       line of PATH (--enroll CODE, the code itself, still works)
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
BOARD= DEBS= TIMESYNC=systemd-timesyncd NTP= DATA=lanyard-data OVERLAY=yes SSHKEY= HUB= CODE=
usage() {
    sed -n '/^#   board\/provision.sh/,/^set -euo/p' "$0" | sed '$d; s/^#//' >&2
    exit 2
}
while [ $# -gt 0 ]; do
    case $1 in
    --board) BOARD=${2:?}; shift 2 ;;
    --debs) DEBS=$(cd "${2:?}" && pwd); shift 2 ;;
    --timesync) TIMESYNC=${2:?}; shift 2 ;;
    --ntp) NTP=${2:?}; shift 2 ;;
    --data) DATA=${2:?}; shift 2 ;;
    --no-overlayroot) OVERLAY=no; shift ;;
    --ssh-key) SSHKEY=${2:?}; shift 2 ;;
    --hub) HUB=${2:?}; shift 2 ;;
    --enroll-file) CODE=$(head -1 "${2:?}"); shift 2 ;;
    --enroll) CODE=${2:?}; shift 2 ;;
    *) usage ;;
    esac
done
case $BOARD in rpi4 | rpi5 | x86-64) ;; *) usage ;; esac
case $TIMESYNC in systemd-timesyncd | chrony) ;; *) usage ;; esac
[ -n "$HUB" ] && [ -z "$CODE" ] && usage
[ "$(id -u)" -eq 0 ] || { echo "provision: needs root" >&2; exit 1; }
[ -f "$HERE/$BOARD/kiosk.conf" ] || { echo "provision: no $HERE/$BOARD (run it from board/)" >&2; exit 1; }
say() { printf 'provision: %s\n' "$*" >&2; }
export DEBIAN_FRONTEND=noninteractive

# --- 1. packages
pkgs=(lanyard-kiosk "$TIMESYNC")
[ "$OVERLAY" = yes ] && pkgs+=(overlayroot)
[ -n "$SSHKEY" ] && pkgs+=(openssh-server)
if [ -n "$DEBS" ]; then
    arch=$(dpkg --print-architecture)
    deb=$(ls "$DEBS"/lanyard-kiosk_*_"$arch".deb 2>/dev/null | tail -1)
    [ -n "$deb" ] || { say "no lanyard-kiosk_*_$arch.deb in $DEBS"; exit 1; }
    pkgs[0]=$deb
fi
say "installing ${pkgs[*]}"
apt-get update -q >&2
apt-get install -y -q --no-install-recommends "${pkgs[@]}" >&2

# --- 2. accounts
say "locking accounts: lanyard-kiosk (no password, no shell), root's password"
usermod --lock --shell /usr/sbin/nologin lanyard-kiosk
passwd --lock root >/dev/null
if [ -n "$SSHKEY" ]; then
    install -d -m 700 /root/.ssh
    install -m 600 "$SSHKEY" /root/.ssh/authorized_keys
    install -D -m 644 /dev/stdin /etc/ssh/sshd_config.d/lanyard.conf <<'EOF'
# Keys only: a kiosk's password is never typed at a venue.
PasswordAuthentication no
KbdInteractiveAuthentication no
PermitRootLogin prohibit-password
EOF
fi

# --- 3. units
say "enabling lanyard-kiosk and $TIMESYNC; masking the consoles' login prompts"
systemctl enable lanyard-kiosk.service "$TIMESYNC".service >&2
systemctl set-default multi-user.target >&2
# no getty on the kiosk's console nor on any other virtual terminal (logind's NAutoVTs=0 is in
# the package too), no reboot from the keyboard
systemctl mask getty@tty1.service autovt@.service ctrl-alt-del.target >&2
install -D -m 644 /dev/stdin /etc/sysctl.d/60-lanyard-kiosk.conf <<'EOF'
# No magic SysRq from a keyboard plugged into the kiosk; reboot 10 s after a kernel panic.
kernel.sysrq = 0
kernel.panic = 10
EOF
if [ -n "$NTP" ]; then
    if [ "$TIMESYNC" = chrony ]; then
        install -D -m 644 /dev/stdin /etc/chrony/sources.d/lanyard.sources <<EOF
server $NTP iburst
EOF
    else
        install -D -m 644 /dev/stdin /etc/systemd/timesyncd.conf.d/lanyard.conf <<EOF
[Time]
NTP=$NTP
EOF
    fi
fi

# --- 4. the board's settings and the kiosk's configuration
case $BOARD in
rpi4 | rpi5)
    # bookworm's Raspberry Pi OS mounts the boot partition at /boot/firmware; older ones at
    # /boot (with config.txt there); a root that has neither gets bookworm's place
    fw=/boot/firmware
    if [ ! -d "$fw" ] && [ -f /boot/config.txt ]; then fw=/boot; fi
    mkdir -p "$fw"
    if ! grep -q '^# lanyard-kiosk' "$fw/config.txt" 2>/dev/null; then
        { echo "# lanyard-kiosk ($BOARD): board/$BOARD/config.txt"; cat "$HERE/$BOARD/config.txt"; } >>"$fw/config.txt"
    fi
    if [ -f "$fw/cmdline.txt" ]; then
        add=$(cat "$HERE/$BOARD/cmdline.txt.append")
        grep -q "consoleblank=0" "$fw/cmdline.txt" || sed -i "1s|\$| $add|" "$fw/cmdline.txt"
    else
        say "no $fw/cmdline.txt (not a Raspberry Pi OS image): add to the kernel command line: $(cat "$HERE/$BOARD/cmdline.txt.append")"
    fi
    ;;
x86-64)
    install -D -m 644 "$HERE/x86-64/grub.cfg.append" /etc/default/grub.d/lanyard-kiosk.cfg
    if command -v update-grub >/dev/null && [ -d /boot/grub ]; then update-grub >&2; fi
    ;;
esac
if ! cmp -s "$HERE/$BOARD/kiosk.conf" /etc/lanyard/kiosk.conf; then
    install -m 644 "$HERE/$BOARD/kiosk.conf" /etc/lanyard/kiosk.conf
fi

# --- 5. read-only root, writable data
if [ "$OVERLAY" = yes ]; then
    say "overlayroot at the next boot; /var/lib/lanyard-kiosk on LABEL=$DATA"
    # recurse=0: only / is overlaid; the data partition mounted below it stays writable.
    install -D -m 644 /dev/stdin /etc/overlayroot.local.conf <<'EOF'
# Lanyard kiosk: the root file system is read-only, its writes go to RAM (tmpfs) and are gone
# after a reboot. Only / is overlaid (recurse=0): /var/lib/lanyard-kiosk, the data partition,
# stays writable. To change the root: overlayroot-chroot, or boot once with overlayroot=disabled
# on the kernel command line.
overlayroot="tmpfs:recurse=0"
EOF
    line="LABEL=$DATA /var/lib/lanyard-kiosk ext4 defaults,noatime,nodev,nosuid,noexec,nofail,x-systemd.device-timeout=10s 0 2"
    grep -q " /var/lib/lanyard-kiosk " /etc/fstab 2>/dev/null || echo "$line" >>/etc/fstab
    # Logs in RAM: the root is read-only and the data partition is for the journal of check-ins.
    install -D -m 644 /dev/stdin /etc/systemd/journald.conf.d/lanyard-kiosk.conf <<'EOF'
[Journal]
Storage=volatile
RuntimeMaxUse=64M
EOF
fi
# The data partition, when it exists already, is mounted now: the enrollment below must land on
# it, not on the root under it.
install -d -m 700 -o lanyard-kiosk -g lanyard-kiosk /var/lib/lanyard-kiosk
if [ "$OVERLAY" = yes ]; then
    if dev=$(blkid -L "$DATA" 2>/dev/null) && [ -n "$dev" ]; then
        mountpoint -q /var/lib/lanyard-kiosk || mount "$dev" /var/lib/lanyard-kiosk
        chown lanyard-kiosk:lanyard-kiosk /var/lib/lanyard-kiosk
        chmod 700 /var/lib/lanyard-kiosk
    else
        say "no file system labelled $DATA yet: make one (mkfs.ext4 -L $DATA /dev/...) before" \
            "the next boot${CODE:+, and enroll again after it: this enrollment is on the root}"
    fi
fi

# --- 6. enrollment
if [ -n "$CODE" ]; then
    say "enrolling with $HUB"
    # on standard input: a code on the command line is readable by every user (/proc/PID/cmdline)
    printf '%s\n' "$CODE" | runuser -u lanyard-kiosk -- lanyard-kiosk \
        --db /var/lib/lanyard-kiosk/kiosk.db --hub "$HUB" --enroll -
fi
say "done: lanyard-kiosk.service enabled; reboot to start the kiosk on a read-only root"
