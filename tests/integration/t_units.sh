#!/bin/bash
# t_units.sh - the systemd units of board/common/systemd: `systemd-analyze verify` on each (and
# on the kiosk with the cage drop-in) in a scratch root holding the programs and systemd's own
# units, with nothing on its error output (verify exits 0 on a misspelt setting, so its words
# count too); a unit with a mistake in it is caught; `systemd-analyze security --offline` keeps
# each unit's exposure at or under its recorded level (docs/deployment.md).
. "$(dirname "$0")/lib.sh"
U=$LY_ROOT/board/common/systemd
R=$T/root
# The exposure levels recorded in docs/deployment.md, as the most each unit may score.
HUB_MAX=1.1 KIOSK_MAX=1.5

if ! command -v systemd-analyze >/dev/null || [ ! -d /lib/systemd/system ]; then
    echo "skip - systemd-analyze is not installed (board/deps.sh test)"
    finish
fi
mkdir -p "$R/usr/bin" "$R/lib/systemd" "$R/etc/systemd/system/lanyard-kiosk.service.d"
cp -a /lib/systemd/system "$R/lib/systemd/"
cp "$LY_BIN/lanyard-hub" "$LY_BIN/lanyard-kiosk" /usr/bin/env "$R/usr/bin/"
cp "$U"/*.service "$R/lib/systemd/system/"

# verify NAME UNIT: exit 0 and nothing said.
verify() {
    systemd-analyze verify --man=no --root="$R" "$R/lib/systemd/system/$2" >"$T/v.out" 2>&1
    local rc=$?
    if [ $rc -eq 0 ] && [ ! -s "$T/v.out" ]; then ok "$1"; else
        not_ok "$1 (exit $rc)"; sed 's/^/    /' "$T/v.out" >&2
    fi
}
verify "systemd-analyze verify lanyard-hub.service" lanyard-hub.service
verify "systemd-analyze verify lanyard-kiosk.service" lanyard-kiosk.service

# The cage drop-in, where an administrator puts it.
if command -v cage >/dev/null; then
    cp "$(command -v cage)" "$R/usr/bin/"
    cp "$U/lanyard-kiosk.service.d/cage.conf" "$R/etc/systemd/system/lanyard-kiosk.service.d/"
    verify "systemd-analyze verify lanyard-kiosk.service with cage.conf" lanyard-kiosk.service
    rm "$R/etc/systemd/system/lanyard-kiosk.service.d/cage.conf"
else
    echo "skip - cage is not installed: the cage drop-in is not verified"
fi

# The A/B image's mark-good unit, where RAUC is installed.
if command -v rauc >/dev/null; then
    cp "$(command -v rauc)" "$R/usr/bin/"
    cp "$U/lanyard-rauc-mark-good.service" "$R/lib/systemd/system/"
    verify "systemd-analyze verify lanyard-rauc-mark-good.service" lanyard-rauc-mark-good.service
else
    echo "skip - rauc is not installed: lanyard-rauc-mark-good.service is not verified"
fi

# A mistake is caught: a misspelt type, a missing program.
sed 's/^Type=notify/Type=notfy/' "$U/lanyard-kiosk.service" >"$R/lib/systemd/system/bad1.service"
systemd-analyze verify --man=no --root="$R" "$R/lib/systemd/system/bad1.service" >"$T/v.out" 2>&1
grep -q "notfy" "$T/v.out" && ok "verify names a misspelt Type=" || not_ok "a misspelt Type= went unnoticed"
sed 's|/usr/bin/lanyard-hub|/usr/bin/lanyard-hubb|' "$U/lanyard-hub.service" >"$R/lib/systemd/system/bad2.service"
check_fails "verify refuses a unit whose program is missing" \
    systemd-analyze verify --man=no --root="$R" "$R/lib/systemd/system/bad2.service"

# The settings the issue asks of the kiosk unit, present (verify only says they parse).
for s in Type=notify WatchdogSec= Restart=always StateDirectory=lanyard-kiosk TTYPath=/dev/tty1 \
    Conflicts=getty@tty1.service NoNewPrivileges=yes; do
    grep -q "^$s" "$U/lanyard-kiosk.service" && ok "lanyard-kiosk.service has $s" ||
        not_ok "lanyard-kiosk.service lacks $s"
done

# security --offline: the exposure level, at most the recorded one.
exposure() { # UNIT MAX
    systemd-analyze security --offline=true --root="$R" "$R/lib/systemd/system/$1" >"$T/s.out" 2>&1
    local rc=$? level
    level=$(grep -o 'Overall exposure level for [^:]*: [0-9.]*' "$T/s.out" | awk '{ print $NF }')
    if [ -n "$level" ] && awk -v l="$level" -v m="$2" 'BEGIN { exit !(l <= m) }'; then
        ok "systemd-analyze security $1: exposure $level (at most $2)"
    else
        not_ok "systemd-analyze security $1: exposure ${level:-unknown} over $2 (exit $rc)"
        tail -5 "$T/s.out" >&2
    fi
}
exposure lanyard-hub.service $HUB_MAX
exposure lanyard-kiosk.service $KIOSK_MAX
finish
