#!/bin/bash
# demo.sh - the demo behind `make demo`: creates the demo forum (about 2,500 registrations from
# 120+ countries and a programme of ~230 sessions), issues every onsite attendee's badge to a
# print-ready PDF, and checks a few badges the way a kiosk would.
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
echo "Badges for every onsite attendee: $OUT/badges.pdf"
echo "A4 sheets, first onsite attendees: $OUT/badges-a4.pdf (PNG previews in $OUT/png/)"
echo "Registration and programme CSV:    $OUT/demo-registrations.csv, $OUT/demo-sessions.csv"
echo "Gate rules CSV (hours, notices):    $OUT/demo-rules.csv"
