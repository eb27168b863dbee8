#!/bin/bash
# t_sealed.sh - attendee details sealed per badge (docs/security.md, "Attendee details sealed
# per badge"), with a real lanyard-hub on loopback (SQLite) and a real headless kiosk: with
# `kiosk-details sealed`, after enrollment and sync, the kiosk's database file, its write-ahead
# log and its `.dump` hold none of the 40 registrations' names or Latin names, and every row's
# country, region, stakeholder group and language is empty (category and attendance stay in
# clear); a scanned badge and another system's ticket code still show their holder's name on the
# decision line (--output-names yes) and on the screen, the row staying sealed; a badge reissued at the hub opens
# with its new version while the old one is refused, and the old badge's key does not open the
# new row. The same event in clear mode keeps the names (the test can see them).
# parameter: LY_HUB_DB=sqlite:FILE (the default: the organizer file itself) or
# LY_HUB_DB=postgresql://... (an empty database filled with `lanyard load`; t_sealed_pg.sh).
. "$(dirname "$0")/lib.sh"
ORG=$T/org.db TODAY=$(date +%F)
# The kiosks' clock (--at): within the demo venue's opening hours whenever the test runs.
AT=${TODAY}T10:00
HUB_DB=${LY_HUB_DB:-sqlite:$ORG}
publish() { [ "$HUB_DB" = "sqlite:$ORG" ] || ly --db "$HUB_DB" load --from "$ORG" >/dev/null; }
HUB_PID= KPID=
cleanup() {
    for p in $HUB_PID $KPID; do kill -9 "$p" 2>/dev/null; done
    rm -rf "$T"
}
trap cleanup EXIT
K() { "$LY_BIN/lanyard-kiosk" "$@"; }
kq() { sqlite3 "$T/k.db" "$1"; }
# holds FILE... TEXT: the bytes of a file hold TEXT
holds() { local t=${*: -1}; cat "${@:1:$#-1}" 2>/dev/null | grep -qaF -- "$t"; }

check "init --kiosk-details sealed" ly --db "$T/init.db" init --event "Sealed" --start "$TODAY" \
    --end "$TODAY" --kiosk-details sealed
[ "$(ly --db "$T/init.db" kiosk-details)" = "kiosk-details: sealed" ] && ok "init records it" ||
    not_ok "init: $(ly --db "$T/init.db" kiosk-details 2>&1)"
ly --db "$T/init2.db" init --event "X" --start "$TODAY" --end "$TODAY" --kiosk-details maybe \
    >/dev/null 2>&1
[ $? = 2 ] && ok "init --kiosk-details maybe: usage, exit 2" || not_ok "a bad mode was taken"
[ "$(ly --db "$T/init.db" kiosk-details clear)" = "kiosk-details: clear" ] &&
    ok "before any kiosk enrolls the setting changes" || not_ok "could not change it back"
check "demo forum of 40 today" ly --db "$ORG" demo-data --count 40 --start "$TODAY"
check "kiosk-details sealed" ly --db "$ORG" kiosk-details sealed
ly --db "$ORG" kiosk-details | grep -qx "kiosk-details: sealed" && ok "the setting reads back" ||
    not_ok "setting: $(ly --db "$ORG" kiosk-details 2>&1)"
mapfile -t ON < <(sqlite3 "$ORG" "SELECT id FROM registrations WHERE attendance = 'onsite'
    ORDER BY id LIMIT 3")
TICKETED=${ON[0]} BADGED=${ON[1]} REISSUED=${ON[2]}
TICKET=EB-SEALED-20261207-4K2WX
sqlite3 "$ORG" "INSERT OR REPLACE INTO alt_codes (code, registration_id, seq)
    VALUES ('$TICKET', $TICKETED, (SELECT value FROM meta WHERE key = 'change_seq'))"
name() { sqlite3 "$ORG" "SELECT name FROM registrations WHERE id = $1"; }
OLD_BADGE=$(ly --db "$ORG" badge code "$REISSUED")
check "the hub's database: ${HUB_DB%%:*}" publish

"$LY_BIN/lanyard-hub" --db "$HUB_DB" --listen 127.0.0.1:0 >"$T/hub.out" 2>"$T/hub.log" &
HUB_PID=$!
wait_for 10 "grep -q msg=listening '$T/hub.log'" && ok "hub listens" ||
    { not_ok "hub did not start: $(cat "$T/hub.log")"; finish; }
U=http://127.0.0.1:$(grep -o 'msg=listening.* port=[0-9]*' "$T/hub.log" | grep -o '[0-9]*$')
CODE=$(ly --db "$HUB_DB" enroll --name "Door 1" --gate entrance --no-qr | head -1)
check "kiosk enrolls" bash -c \
    "echo '$CODE' | '$LY_BIN/lanyard-kiosk' --db '$T/k.db' --hub '$U' --enroll - >'$T/enroll.out' 2>&1"
if [ "$HUB_DB" = "sqlite:$ORG" ]; then # (on PostgreSQL the kiosks are the store's)
    if ly --db "$ORG" kiosk-details clear >/dev/null 2>"$T/set.err"; then
        not_ok "the setting changed with a kiosk enrolled"
    else
        grep -q "kiosks are enrolled" "$T/set.err" && ok "with a kiosk enrolled the setting stays" ||
            not_ok "refusal: $(cat "$T/set.err")"
    fi
fi

mkfifo "$T/w.fifo"
K --headless --db "$T/k.db" --hub "$U" --source "wedge:$T/w.fifo" --gate entrance --holdoff 0 \
    --at "$AT" --output-names yes >"$T/k1.out" 2>"$T/k1.err" &
KPID=$!
exec 7<>"$T/w.fifo"
wait_for 30 "[ \"\$(kq 'SELECT count(*) FROM attendees')\" = 40 ]" && ok "the kiosk synced 40 attendees" ||
    not_ok "sync: $(kq 'SELECT count(*) FROM attendees') attendees; $(tail -3 "$T/k1.err")"
echo "$TICKET" >&7
echo "$(ly --db "$ORG" badge code "$BADGED")" >&7
wait_for 20 "[ \$(grep -c '\"decision\"' '$T/k1.out') = 2 ]"
grep '"code_kind":"ticket_code"' "$T/k1.out" | grep -qF "\"name\":\"$(name "$TICKETED")\"" &&
    ok "the ticket code opens its holder's details: the name on the decision line" ||
    not_ok "ticket code: $(head -1 "$T/k1.out")"
grep '"code_kind":"badge"' "$T/k1.out" | grep -qF "\"name\":\"$(name "$BADGED")\"" &&
    grep '"code_kind":"badge"' "$T/k1.out" | grep -q '"decision":"granted"' &&
    ok "a badge opens its holder's details and is granted" ||
    not_ok "badge: $(sed -n 2p "$T/k1.out")"

# A reissue at the hub reaches the kiosk by a change, sealed for the new version.
check "reissue at the hub" ly --db "$ORG" badge reissue "$REISSUED"
check "published" publish
NEW_BADGE=$(ly --db "$ORG" badge code "$REISSUED")
wait_for 30 "[ \"\$(kq 'SELECT badge_version FROM attendees WHERE id = $REISSUED')\" = 2 ]" &&
    ok "the change reached the kiosk" || not_ok "no change: $(tail -3 "$T/k1.err")"
[ -n "$(kq "SELECT sealed FROM attendees WHERE id = $REISSUED")" ] &&
    [ -z "$(kq "SELECT name FROM attendees WHERE id = $REISSUED")" ] &&
    ok "the changed row came sealed" || not_ok "changed row: $(kq "SELECT name, length(sealed) FROM attendees WHERE id = $REISSUED")"
echo "$OLD_BADGE" >&7
echo "$NEW_BADGE" >&7
wait_for 20 "[ \$(grep -c '\"decision\"' '$T/k1.out') = 4 ]"
sed -n 3p "$T/k1.out" | grep -q '"reason_code":"superseded"' &&
    ! sed -n 3p "$T/k1.out" | grep -qF "$(name "$REISSUED")" &&
    ok "the old badge is refused, and opens nothing" || not_ok "old badge: $(sed -n 3p "$T/k1.out")"
sed -n 4p "$T/k1.out" | grep -q '"decision":"granted"' &&
    sed -n 4p "$T/k1.out" | grep -qF "\"name\":\"$(name "$REISSUED")\"" &&
    ok "the new badge opens the new version" || not_ok "new badge: $(sed -n 4p "$T/k1.out")"
exec 7>&-
kill -TERM "$KPID"
wait "$KPID"
KPID=

# On the screen (LY_UI_TRACE_TEXT: the words drawn): the scanned badge's name, opened for it.
"$LY_ROOT/build/tools/qrframe" "$T/scene.png" 1280x720 - noise=3
cat >"$T/events" <<EOS
screen idle
code $(ly --db "$ORG" badge code "$BADGED")
screen result 20000
wait 500
quit
EOS
LY_UI_TRACE_TEXT=1 SDL_VIDEODRIVER=offscreen SDL_AUDIODRIVER=dummy timeout 120 \
    "$LY_BIN/lanyard-kiosk" --db "$T/k.db" --source "file:$T/scene.png" --size 1280x800 \
    --gate entrance --holdoff 0 --at "$AT" --events "$T/events" >"$T/screen.out" 2>"$T/screen.err"
grep '^{"texts"' "$T/screen.out" | grep -qF "$(name "$BADGED")" &&
    ok "the screen shows the scanned badge's name" ||
    not_ok "screen: $(grep '^{"texts"' "$T/screen.out" | tail -2) $(tail -3 "$T/screen.err")"

# The file as the kiosk left it.
sqlite3 "$T/k.db" .dump >"$T/dump.sql"
leak=
while IFS='|' read -r n nl; do
    holds "$T/k.db" "$T/k.db-wal" "$T/dump.sql" "$n" && leak="$leak [$n]"
    [ -n "$nl" ] && holds "$T/k.db" "$T/k.db-wal" "$T/dump.sql" "$nl" && leak="$leak [$nl]"
done < <(sqlite3 "$ORG" "SELECT name, name_latin FROM registrations")
[ -z "$leak" ] && ok "none of the 40 names is in the database file, its log or its dump" ||
    not_ok "names in the kiosk's files:$leak"
[ "$(kq "SELECT count(*) FROM attendees WHERE country = '--' AND region = '' AND
    stakeholder = '' AND language = '' AND name_latin = '' AND assistance = 0
    AND sealed <> ''")" = 40 ] && ok "every row: country, region, stakeholder, language sealed" ||
    not_ok "clear details: $(kq "SELECT id, country, region, stakeholder, language FROM attendees
        WHERE sealed = '' OR country <> '--' LIMIT 3")"
[ "$(kq "SELECT count(*) FROM attendees WHERE category <> '' AND attendance <> ''")" = 40 ] &&
    ok "category and attendance stay in clear (the decision needs them)" || not_ok "category"
[ "$(kq "SELECT count(*) FROM search_words")" = 0 ] && ok "no search words: staff search by name finds nobody" ||
    not_ok "search words: $(kq "SELECT count(*) FROM search_words")"
leak=
for f in "$T/hub.log" "$T/hub.out" "$T/k1.err"; do
    while read -r n; do holds "$f" "$n" && leak="$leak $(basename "$f")"; done < <(sqlite3 "$ORG" "SELECT name FROM registrations")
done
[ -z "$leak" ] && ok "no name in the hub's log or the kiosk's error output" || not_ok "names in:$leak"

# The same through `kiosk-snapshot` (the organizer's file for a kiosk set up offline).
check "kiosk-snapshot" ly --db "$ORG" kiosk-snapshot --out "$T/snap.db"
leak=
while read -r n; do holds "$T/snap.db" "$n" && leak="$leak [$n]"; done < <(sqlite3 "$ORG" "SELECT name FROM registrations")
[ -z "$leak" ] && ok "a snapshot file holds no name" || not_ok "names in the snapshot:$leak"

# Clear mode, for contrast: the same hub file, a fresh event copy, names kept.
cp "$ORG" "$T/clear.db"
sqlite3 "$T/clear.db" "DELETE FROM kiosks; DELETE FROM meta WHERE key = 'kiosk_details'"
check "kiosk-snapshot in clear mode" ly --db "$T/clear.db" kiosk-snapshot --out "$T/clear-snap.db"
holds "$T/clear-snap.db" "$(name "$BADGED")" && ok "(in clear mode the names are there: the test sees them)" ||
    not_ok "clear mode lost the names"
kill -TERM "$HUB_PID"
wait "$HUB_PID" 2>/dev/null
HUB_PID=
finish
