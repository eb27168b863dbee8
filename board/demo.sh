#!/bin/bash
# demo.sh - the demo behind `make demo`: creates the demo forum (about 2,500 registrations from
# 120+ countries and a programme of ~230 sessions), issues every onsite attendee's badge to a
# print-ready PDF, checks a few badges, starts the hub, enrolls two kiosks, replays badges
# through the main entrance kiosk with its screen (a window when there is a display, offscreen
# with screenshots otherwise), takes the hub away while the press room door decides on its own,
# brings the hub back, and prints the onsite counts and the live dashboard's address.
set -euo pipefail
cd "$(dirname "$0")/.."
OUT=${LY_DEMO_DIR:-out/demo}
DB=$OUT/forum.db
rm -rf "$OUT"
mkdir -p "$OUT"

# The event starts today (the local date, demo-data's default); day 2 below counts from that date,
# not from UTC's, which away from UTC differs from it for hours each day.
START=$(date +%F)
DAY2=$(date -u -d "$START +1 day" +%F)

echo "== Creating the demo forum in $DB"
bin/lanyard --db "$DB" demo-data --csv "$OUT" --start "$START"
echo
bin/lanyard --db "$DB" stats
echo
echo "== Issuing badges"
bin/lanyard --db "$DB" badges --out "$OUT/badges.pdf"
bin/lanyard --db "$DB" badges --out "$OUT/badges-a4.pdf" --sheet a4 --only 1,2,3,4,5,6,7,8,9,10,11,12 \
    --png "$OUT/png"
echo
echo "== Verifying badges"
code=$(bin/lanyard --db "$DB" badge code 1)
echo "badge of attendee 1: $code"
bin/lanyard --db "$DB" badge verify "$code"
echo "the same code with one character changed:"
bad="${code:0:40}$( [ "${code:40:1}" = A ] && echo B || echo A )${code:41}"
bin/lanyard --db "$DB" badge verify "$bad" || true
echo "reissuing attendee 1's badge (lost badge): the old code stops working"
bin/lanyard --db "$DB" badge reissue 1
bin/lanyard --db "$DB" badge verify "$code" || true
echo
HUB_PID=
KIOSK_PID=
cleanup() {
    [ -n "$KIOSK_PID" ] && kill "$KIOSK_PID" 2>/dev/null
    [ -n "$HUB_PID" ] && kill "$HUB_PID" 2>/dev/null
    wait 2>/dev/null
    return 0
}
trap cleanup EXIT

# start_hub PORT: the hub in the background on 127.0.0.1:PORT (0: a free port); sets HUB_URL.
start_hub() {
    local port=
    : >"$OUT/hub.log.now"
    bin/lanyard-hub --db "sqlite:$DB" --listen "127.0.0.1:$1" --log-requests no \
        2>"$OUT/hub.log.now" &
    HUB_PID=$!
    for _ in $(seq 100); do
        port=$(sed -n 's/.*msg=listening .*port=\([0-9]*\).*/\1/p' "$OUT/hub.log.now" | tail -1)
        [ -n "$port" ] && curl -sf "http://127.0.0.1:$port/api/v1/health" >/dev/null 2>&1 && break
        sleep 0.1
    done
    cat "$OUT/hub.log.now" >>"$OUT/hub.log"
    HUB_URL=http://127.0.0.1:$port
}

echo "== The hub: registrations down to the kiosks, check-ins up, live counts"
start_hub 0
PORT=${HUB_URL##*:}
TOKEN=$(bin/lanyard --db "$DB" read-token --label "demo dashboard")
echo "hub at $HUB_URL (log: $OUT/hub.log)"
echo
echo "== Enrolling two kiosks (an enrollment code is single use and expires in 10 minutes)"
CODE=$(bin/lanyard --db "$DB" enroll --name "Main entrance" --gate entrance | head -1)
echo "main entrance: enrollment code $CODE"
echo "$CODE" | bin/lanyard-kiosk --db "$OUT/kiosk-entrance.db" --hub "$HUB_URL" --enroll -
CODE=$(bin/lanyard --db "$DB" enroll --name "Press room door" \
    --gate "room:Press Briefing Room" | head -1)
echo "press room door: enrollment code $CODE"
echo "$CODE" | bin/lanyard-kiosk --db "$OUT/kiosk-press-room.db" --hub "$HUB_URL" --enroll -
echo

# The main entrance kiosk with its screen: a real window when there is a display, else SDL's
# offscreen driver; either way a picture of every screen it shows goes to $OUT/screens.
if [ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ] && [ -z "${LY_DEMO_OFFSCREEN:-}" ]; then
    where="in a window on your display"
else
    export SDL_VIDEODRIVER=offscreen SDL_AUDIODRIVER=dummy
    where="offscreen"
fi
echo "== Main entrance at 10:00 on day 2 ($DAY2), with its screen ($where)"
echo "   the badge images above, held up to the camera one after another (two frames a second);"
echo "   attendee 1's badge was replaced, so its old image is refused; then someone picks French"
echo "   on the screen"
FRAMES=$(find "$OUT/png" -name '*.png' | wc -l)
{
    echo "screen idle"
    echo "wait $((FRAMES * 500 + 4500))"
    echo "screen idle"
    echo "tap language"
    echo "screen language"
    echo "tap lang:fr"
    echo "screen idle"
    echo "wait 1500"
    echo "quit"
} >"$OUT/entrance-events.txt"
bin/lanyard-kiosk --db "$OUT/kiosk-entrance.db" --source "dir:$OUT/png@2" --at "${DAY2}T10:00" \
    --size 1280x800 --screenshot "$OUT/screens" --events "$OUT/entrance-events.txt" \
    >"$OUT/entrance.jsonl" 2>"$OUT/entrance.log" &
KIOSK_PID=$!
wait "$KIOSK_PID" || echo "the entrance kiosk ended with an error: see $OUT/entrance.log"
KIOSK_PID=
grep '^{"decision"' "$OUT/entrance.jsonl" || true
echo "screens shown: $(find "$OUT/screens" -name '*.png' | wc -l) pictures in $OUT/screens/"
echo
echo "== The hub goes away (the venue network is down)"
kill "$HUB_PID"
wait "$HUB_PID" 2>/dev/null || true
HUB_PID=
echo "-- the Press Briefing Room door at 14:05, during the press conference (press, speakers and"
echo "   staff only): codes typed by a barcode scanner (a keyboard wedge); the kiosk decides on"
echo "   its own and keeps the check-ins until the hub is back"
for id in 62 10 3 36 49; do bin/lanyard --db "$DB" badge code "$id"; done |
    bin/lanyard-kiosk --headless --db "$OUT/kiosk-press-room.db" --source wedge:stdin \
        --at "${DAY2}T14:05" 2>"$OUT/press-room.log"
echo
echo "== The hub is back: the press room door uploads what it kept, exactly once"
start_hub "$PORT"
bin/lanyard-kiosk --db "$OUT/kiosk-press-room.db" --sync-once
echo
echo "== Onsite counts"
bin/lanyard --db "$DB" counts
echo
echo "Badges for every onsite attendee: $OUT/badges.pdf"
echo "A4 sheets, first onsite attendees: $OUT/badges-a4.pdf (PNG previews in $OUT/png/)"
echo "Registration and programme CSV:    $OUT/demo-registrations.csv, $OUT/demo-sessions.csv"
echo "Gate rules CSV (hours, notices):   $OUT/demo-rules.csv"
echo "Kiosk databases (journals):        $OUT/kiosk-entrance.db, $OUT/kiosk-press-room.db"
echo "Kiosk screens:                     $OUT/screens/"
echo "Live dashboard:                    $HUB_URL/dashboard/#token=$TOKEN"
if [ -t 0 ] && [ -t 1 ] && [ -z "${LY_DEMO_NONINTERACTIVE:-}" ]; then
    echo "The hub keeps running for the dashboard; press Ctrl-C to stop it."
    wait "$HUB_PID" || true
fi
