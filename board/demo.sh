#!/bin/bash
# demo.sh - the demo behind `make demo`: creates the demo forum (about 2,500 registrations from
# 120+ countries and a programme of ~230 sessions), issues every onsite attendee's badge to a
# print-ready PDF, checks a few badges, then replays badges through headless kiosks at the
# entrance and at a room door and prints their decisions (one JSON line each).
set -euo pipefail
cd "$(dirname "$0")/.."
OUT=${LY_DEMO_DIR:-out/demo}
DB=$OUT/forum.db
rm -rf "$OUT"
mkdir -p "$OUT"

echo "== Creating the demo forum in $DB"
bin/lanyard --db "$DB" demo-data --csv "$OUT"
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
DAY2=$(date -u -d '+1 day' +%F)
echo "== Kiosks, headless, on day 2 ($DAY2)"
bin/lanyard --db "$DB" kiosk-snapshot --out "$OUT/kiosk-snapshot.db"
cp "$OUT/kiosk-snapshot.db" "$OUT/kiosk-entrance.db"
cp "$OUT/kiosk-snapshot.db" "$OUT/kiosk-press-room.db"
echo "-- main entrance at 10:00: the badge images above, replayed as camera frames at 10 per second"
echo "   (attendee 1's badge was replaced, so its old image is refused)"
bin/lanyard-kiosk --headless --db "$OUT/kiosk-entrance.db" --gate entrance \
    --source "dir:$OUT/png@10" --at "${DAY2}T10:00"
echo "-- the Press Briefing Room door at 14:05, during the press conference (press, speakers and"
echo "   staff only): codes typed by a barcode scanner (a keyboard wedge)"
for id in 62 10 3 36 49; do bin/lanyard --db "$DB" badge code "$id"; done |
    bin/lanyard-kiosk --headless --db "$OUT/kiosk-press-room.db" --gate "room:Press Briefing Room" \
        --source wedge:stdin --at "${DAY2}T14:05"
echo
echo "Badges for every onsite attendee: $OUT/badges.pdf"
echo "A4 sheets, first onsite attendees: $OUT/badges-a4.pdf (PNG previews in $OUT/png/)"
echo "Registration and programme CSV:    $OUT/demo-registrations.csv, $OUT/demo-sessions.csv"
echo "Gate rules CSV (hours, notices):   $OUT/demo-rules.csv"
echo "Kiosk databases (journals):        $OUT/kiosk-entrance.db, $OUT/kiosk-press-room.db"
