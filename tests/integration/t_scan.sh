#!/bin/bash
# t_scan.sh - lanyard-kiosk --scan on PNG and PGM frames made by tests/tools/qrframe: a badge-like
# code upright, rotated, inverted (a phone in dark mode) and mirrored, idle frames, an unreadable
# file, and usage errors. Output lines are compared exactly.
. "$(dirname "$0")/lib.sh"
QRFRAME=$LY_ROOT/build/tools/qrframe
kiosk() { "$LY_BIN/lanyard-kiosk" "$@"; }

# A 144-character code, as a badge carries: "LY1:" and 140 base32 characters.
CODE="LY1:$(printf 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567%.0s' 1 2 3 4 5 | cut -c1-140)"
OTHER="TICKET-0042-pretix"

check "make frames" bash -c "
    '$QRFRAME' '$T/badge.png' 640x480 '$CODE' size=50 noise=2 &&
    '$QRFRAME' '$T/rotated.png' 1280x720 '$CODE' size=45 angle=35 tilt=8 blur=1 noise=3 &&
    '$QRFRAME' '$T/dark mode.png' 1280x720 '$CODE' size=50 inverted noise=2 &&
    '$QRFRAME' '$T/mirrored.png' 640x480 '$OTHER' size=40 mirrored noise=2 &&
    '$QRFRAME' '$T/idle.png' 1280x720 - noise=3 &&
    printf 'P5\n32 16\n255\n' >'$T/flat.pgm' && head -c 512 /dev/zero | tr '\0' '\200' >>'$T/flat.pgm'"

kiosk --scan "$T/badge.png" "$T/rotated.png" "$T/dark mode.png" "$T/mirrored.png" \
    "$T/idle.png" "$T/flat.pgm" >"$T/out" 2>"$T/err"
rc=$?
printf '%s\t%s\n' "$T/badge.png" "$CODE" "$T/rotated.png" "$CODE" "$T/dark mode.png" "$CODE" \
    "$T/mirrored.png" "$OTHER" "$T/idle.png" - "$T/flat.pgm" - >"$T/want"
if [ $rc -eq 0 ] && cmp -s "$T/out" "$T/want"; then
    ok "scan: one line per file, payload or -"
else
    not_ok "scan: one line per file, payload or - (exit $rc)"
    diff "$T/want" "$T/out" | head -20 >&2
fi

# an unreadable file: reported, the others still printed, exit 1
kiosk --scan "$T/missing.png" "$T/badge.png" "$T" >"$T/out" 2>"$T/err"
rc=$?
printf '%s\t%s\n' "$T/badge.png" "$CODE" >"$T/want"
if [ $rc -eq 1 ] && cmp -s "$T/out" "$T/want" && grep -q "missing.png" "$T/err"; then
    ok "scan: unreadable files exit 1 after printing the others"
else
    not_ok "scan: unreadable files exit 1 after printing the others (exit $rc)"
    cat "$T/out" "$T/err" | head -10 >&2
fi

printf 'not an image' >"$T/text.png"
kiosk --scan "$T/text.png" >"$T/out" 2>"$T/err"
rc=$?
if [ $rc -eq 1 ] && [ ! -s "$T/out" ] && grep -q "not a PNG" "$T/err"; then
    ok "scan: a file that is not an image is a clear error"
else
    not_ok "scan: a file that is not an image is a clear error (exit $rc)"
fi

usage_exit() {
    kiosk "$@" >/dev/null 2>&1
    [ $? -eq 2 ]
}
check "usage: no arguments exit 2" usage_exit
check "usage: --scan without files exits 2" usage_exit --scan
check "usage: unknown option exits 2" usage_exit --frobnicate
check "--help lists --scan" bash -c "'$LY_BIN/lanyard-kiosk' --help | grep -q -- '--scan FILE'"
finish
