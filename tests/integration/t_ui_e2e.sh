#!/bin/bash
# t_ui_e2e.sh - the kiosk's real window on a real X server (Xvfb), driven like a person drives
# it: badge photographs replayed from a folder in front of the "camera", and clicks and typing
# sent by xdotool through the X server. Each step is checked in the kiosk's journal:
#   1. a badge is admitted and a revoked one refused, each shown on the screen;
#   2. three wrong staff PINs lock the PIN pad, the lock survives a restart, and the right PIN
#      is not even tried while locked;
#   3. a staff badge opens staff mode; a search by name typed on the on-screen keyboard finds a
#      person, who is checked in by hand with a reason.
# Also: SIGTERM closes the window cleanly through the event loop.
. "$(dirname "$0")/lib.sh"
for tool in Xvfb xdotool; do
    command -v "$tool" >/dev/null || { not_ok "$tool is not installed (board/deps.sh test)"; finish; }
done
HUB=$T/hub.db DB=$T/k.db CAMSHOT=$LY_ROOT/build/tools/camshot QRFRAME=$LY_ROOT/build/tools/qrframe
AT=2026-06-02T10:00
PIN=2468

# A display of our own, picked by Xvfb itself (-displayfd): a free number is one whose lock file,
# socket file and abstract socket are all free. A lock-file check alone is not enough: a test in a
# chroot (board/fresh-check.sh) has its own /tmp but shares the host's abstract sockets, and two
# servers on one number let xdotool click in the other test's window.
export SDL_VIDEODRIVER=x11 SDL_AUDIODRIVER=dummy
# Xvfb has no GPU: SDL's software renderer, not Mesa's GL rasteriser behind the GL renderer
# (whose driver modules are unloaded at exit with allocations LeakSanitizer cannot name).
export SDL_RENDER_DRIVER=software SDL_FRAMEBUFFER_ACCELERATION=0
Xvfb -displayfd 3 -screen 0 1280x800x24 -nolisten tcp 3>"$T/display" >"$T/xvfb.log" 2>&1 &
XVFB=$!
trap 'kill $XVFB 2>/dev/null; [ -n "${KPID:-}" ] && kill -9 $KPID 2>/dev/null; rm -rf "$T"' EXIT
for _ in $(seq 100); do [ -s "$T/display" ] && break; sleep 0.1; done
export DISPLAY=:$(tr -dc 0-9 <"$T/display")
for _ in $(seq 50); do xdotool getdisplaygeometry >/dev/null 2>&1 && break; sleep 0.1; done
check "Xvfb is up on $DISPLAY" xdotool getdisplaygeometry

check "demo forum of 300" ly --db "$HUB" demo-data --count 300 --start 2026-06-01
q() { sqlite3 "$HUB" "$1"; }
GUEST=$(q "SELECT id FROM registrations WHERE attendance = 'onsite' AND category = 'participant'
    AND language = 'en' ORDER BY id LIMIT 1")
REVOKED=$(q "SELECT id FROM registrations WHERE attendance = 'onsite' AND category = 'participant'
    ORDER BY id LIMIT 1 OFFSET 5")
STAFF=$(q "SELECT id FROM registrations WHERE attendance = 'onsite' AND category = 'staff'
    ORDER BY id LIMIT 1")
WALKIN=$(q "SELECT id FROM registrations WHERE attendance = 'onsite' AND category = 'participant'
    AND (CASE WHEN name_latin <> '' THEN name_latin ELSE name END) GLOB '[A-Z][A-Za-z][A-Za-z][A-Za-z]*'
    ORDER BY id LIMIT 1 OFFSET 20")
check "badges rendered" ly --db "$HUB" badges --out "$T/b.pdf" --png "$T/png" \
    --only "$GUEST,$REVOKED,$STAFF"
check "revoke one badge" ly --db "$HUB" badge revoke "$REVOKED"
check "kiosk snapshot" ly --db "$HUB" kiosk-snapshot --out "$DB"
HASHLINE=$(echo "$PIN" | "$LY_BIN/lanyard-kiosk" --hash-pin)
printf '%s\nat = %s\ndb = %s\ngate = entrance\n' "$HASHLINE" "$AT" "$DB" >"$T/kiosk.conf"

# frames DIR BADGE...: for each badge three camera frames, then three without any badge.
frames() {
    local dir=$1 k=0; shift
    mkdir -p "$dir"
    for who in "$@"; do
        for f in 1 2 3; do
            "$CAMSHOT" "$T/png/badge-$who-v1.png" "$dir/$(printf %03d $k).png" 1280x720 size=45 \
                noise=3 seed=$k scene=1
            k=$((k + 1))
        done
        for f in 1 2 3; do
            "$QRFRAME" "$dir/$(printf %03d $k).png" 1280x720 - noise=3 seed=$k
            k=$((k + 1))
        done
    done
}
frames "$T/f1" "$GUEST" "$REVOKED"
frames "$T/f2" "$STAFF"

start_kiosk() { # SOURCE: the kiosk in the background; its output in $T/out.N
    RUN=$((${RUN:-0} + 1))
    "$LY_BIN/lanyard-kiosk" --config "$T/kiosk.conf" --source "$1" --size 1280x800 \
        >"$T/out.$RUN" 2>"$T/err.$RUN" &
    KPID=$!
}
# wait_for REGEX N: until the kiosk's output has N lines matching REGEX (at most 30 s).
wait_for() {
    for _ in $(seq 300); do
        [ "$(grep -cE -- "$1" "$T/out.$RUN")" -ge "$2" ] && return 0
        kill -0 "$KPID" 2>/dev/null || return 1
        sleep 0.1
    done
    return 1
}
# wait_after REGEX_A REGEX_B: until a line matching B follows the first line matching A.
wait_after() {
    for _ in $(seq 300); do
        awk -v a="$1" -v b="$2" '$0 ~ a { seen = 1; next } seen && $0 ~ b { found = 1 }
            END { exit !found }' "$T/out.$RUN" && return 0
        kill -0 "$KPID" 2>/dev/null || return 1
        sleep 0.1
    done
    return 1
}
# widget ID: "X Y" of the centre of widget ID on the latest screen the kiosk presented.
widget() {
    python3 -c '
import json, sys
pos = None
for line in open(sys.argv[1]):
    d = json.loads(line)
    w = d.get("widgets", {}).get(sys.argv[2])
    if "widgets" in d:
        pos = w
if pos:
    print(pos[0] + pos[2] // 2, pos[1] + pos[3] // 2)
' "$T/out.$RUN" "$1"
}
click() { # ID [TIMES]: clicks on a widget through the X server
    local at
    at=$(widget "$1")
    [ -n "$at" ] || { echo "no widget $1" >&2; return 1; }
    xdotool mousemove $at click --repeat "${2:-1}" --delay 80 1
}
stop_kiosk() {
    kill -TERM "$KPID"
    wait "$KPID"
    local rc=$?
    KPID=
    [ $rc -eq 0 ] || { echo "exit $rc" >&2; tail -30 "$T/err.$RUN" >&2; }
    return $rc
}
journal() { sqlite3 "$DB" "$1"; }

# 1. Admitted and refused, from the camera.
start_kiosk "dir:$T/f1@5"
if wait_for '"presented":"denied"' 1; then ok "a badge and a revoked badge were shown"; else
    not_ok "results not shown"; sed 's/^/    /' "$T/err.$RUN" | tail -20 >&2; fi
has "the badge was admitted, the revoked one refused" <(journal "SELECT attendee_id, decision,
    reason_code FROM checkins ORDER BY seq") "$GUEST|granted|"
check "the revoked badge's refusal is journaled" test "$(journal "SELECT decision || ' ' ||
    reason_code FROM checkins WHERE attendee_id = $REVOKED")" = "denied revoked"
check "the screen showed what the journal holds" python3 -c '
import json, sqlite3, sys
shown = [json.loads(l)["uuid"] for l in open(sys.argv[1]) if l.startswith("{\"decision\"")]
kept = [r[0] for r in sqlite3.connect(sys.argv[2]).execute("SELECT uuid FROM checkins ORDER BY seq")]
sys.exit(0 if shown == kept and len(kept) == 2 else 1)' "$T/out.$RUN" "$DB"

# 2. Wrong PINs lock the pad; the lock outlives a restart; while locked no PIN is tried.
wait_after '"presented":"denied"' '"screen":"idle"'
click corner 5
check "five clicks on the corner open the PIN pad" wait_for '"screen":"pin"' 1
for k in 1 2 3; do
    xdotool type --delay 40 1111 && xdotool key Return
    wait_for '"detail":"(wrong|locked)"' "$k"
done
check "the third wrong PIN locks the pad" wait_for '"detail":"locked"' 1
check "the lock is kept in the kiosk database" test "$(journal "SELECT failures = 3 AND
    locked_until > 0 FROM staff_pin")" = 1
check "SIGTERM closes the window cleanly" stop_kiosk
"$QRFRAME" "$T/idle.png" 1280x720 - noise=3
start_kiosk "file:$T/idle.png"
wait_for '"screen":"idle"' 1
click corner 5
check "after a restart the PIN pad is still locked" wait_for '"detail":"locked"' 1
xdotool type --delay 40 "$PIN" && xdotool key Return
sleep 1
check "the right PIN is not tried while locked" test "$(grep -c '"screen":"staff"' "$T/out.$RUN")" = 0
check "... and not counted" test "$(journal "SELECT failures FROM staff_pin")" = 3
check "SIGTERM closes the kiosk on the PIN pad" stop_kiosk

# 3. A staff badge opens staff mode; search by name on the on-screen keyboard; check in by hand.
start_kiosk "dir:$T/f2@5"
check "a staff badge opens staff mode" wait_for '"screen":"staff"' 1
check "its entry is journaled" test "$(journal "SELECT decision FROM checkins
    WHERE attendee_id = $STAFF")" = granted
LATIN=$(q "SELECT upper(substr(CASE WHEN name_latin <> '' THEN name_latin ELSE name END, 1, 4))
    FROM registrations WHERE id = $WALKIN")
click search && wait_for '"screen":"search"' 1
for ((c = 0; c < 4; c++)); do
    click "key:${LATIN:$c:1}" || break
    sleep 0.2
done
check "typing $LATIN on the keyboard finds people" wait_for '"detail":"found"' 1
BEFORE=$(journal "SELECT count(*) FROM checkins")
click found:0 && wait_for '"screen":"person"' 1
click reason:0 && wait_for '"detail":"reason"' 1 && click checkin
check "the manual check-in is shown" wait_for '"screen":"result"' 1
check "the manual check-in is journaled with its reason" test "$(journal "SELECT count(*) FROM
    checkins WHERE code_kind = 'manual' AND staff_note = 'Badge does not scan'")" = 1
check "nothing else was journaled" test "$(journal "SELECT count(*) FROM checkins")" = \
    $((BEFORE + 1))
check "SIGTERM closes the kiosk with exit 0" stop_kiosk
finish
