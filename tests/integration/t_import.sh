#!/bin/bash
# `lanyard import` from the command line: exit codes (0 imported, 1 refused, 2 usage), the
# one-line summary on stdout, every problem as FILE:LINE: reason on stderr followed by the
# refusal line, and a refused import leaving the database exactly as it was; exports without a
# country imported as "not stated" with a warning, exports without their ticket codes refused
# unless --without-codes, which says what it did.
. "$(dirname "$0")/lib.sh"
D=$LY_ROOT/tests/data/import
DB=$T/forum.db

dump() { sqlite3 "$DB" .dump | grep -v '^--'; }

if [ ! -x "$LY_BIN/lanyard" ]; then
    not_ok "no $LY_BIN/lanyard to test (build it first)"
    finish
fi

check "init" ly --db "$DB" init --event "Global Digital Forum" --start 2025-06-23 --end 2025-06-27

cp "$D/lanyard_good.csv" "$T/reg.csv"
expect "good file imports (exit 0)" 0 ly --db "$DB" import registrations "$T/reg.csv"
has "summary line" "$T/out" \
    "imported 8 registrations from $T/reg.csv (lanyard format): 8 new, 0 updated, 0 unchanged"
[ ! -s "$T/err" ] && ok "nothing on stderr" || not_ok "stderr: $(head -3 "$T/err")"

expect "re-import (exit 0)" 0 ly --db "$DB" import registrations --format lanyard "$T/reg.csv"
has "re-import: all unchanged" "$T/out" \
    "imported 8 registrations from $T/reg.csv (lanyard format): 0 new, 0 updated, 8 unchanged"

dump >"$T/before.sql"
cp "$D/lanyard_bad.csv" "$T/bad.csv"
expect "bad file refused (exit 1)" 1 ly --db "$DB" import registrations "$T/bad.csv"
has "problem: missing name" "$T/err" "$T/bad.csv:3: name is missing"
has "problem: duplicate id" "$T/err" "$T/bad.csv:7: duplicate id \"B-01\" (first on line 2)"
has "problem: broken quoting" "$T/err" "$T/bad.csv:9: field 2 has a quote inside an unquoted field"
has "problem: overlong" "$T/err" "$T/bad.csv:19: name is longer than 400 bytes"
has "refusal line" "$T/err" "import refused: 17 bad rows; nothing was changed"
[ "$(tail -n 1 "$T/err")" = "import refused: 17 bad rows; nothing was changed" ] &&
    ok "refusal line comes last" || not_ok "last line: $(tail -n 1 "$T/err")"
n=$(grep -c "^$T/bad.csv:[0-9]*: " "$T/err")
[ "$n" -eq 17 ] && ok "one line per problem (17)" || not_ok "problem lines: $n"
[ ! -s "$T/out" ] && ok "nothing on stdout when refused" || not_ok "stdout: $(cat "$T/out")"
dump >"$T/after.sql"
cmp -s "$T/before.sql" "$T/after.sql" && ok "refused import left the database unchanged" ||
    not_ok "database changed by a refused import"

expect "pretix export detected" 0 ly --db "$DB" import registrations "$D/pretix_positions.csv"
has "pretix summary" "$T/out" "imported 4 registrations from $D/pretix_positions.csv (pretix format): 4 new, 0 updated, 0 unchanged, 1 cancelled or refunded skipped"
expect "eventbrite export detected" 0 ly --db "$DB" import registrations "$D/eventbrite_attendees.csv"
grep -q "(eventbrite format): 4 new" "$T/out" && ok "eventbrite summary" || not_ok "eventbrite: $(cat "$T/out")"
expect "indico export detected" 0 ly --db "$DB" import registrations --without-codes "$D/indico_registrants.csv"
grep -q "(indico format): 3 new" "$T/out" && ok "indico summary" || not_ok "indico: $(cat "$T/out")"

# An export without a country: imported, every attendee "not stated", one warning on stderr.
expect "export without a country imported" 0 ly --db "$DB" import registrations "$D/eventbrite_nocountry.csv"
has "its summary" "$T/out" "imported 3 registrations from $D/eventbrite_nocountry.csv (eventbrite format): 3 new, 0 updated, 0 unchanged, 1 cancelled or refunded skipped"
has "the warning says how many" "$T/err" "$D/eventbrite_nocountry.csv: warning: the file has no country column: 3 registrations imported with country \"not stated\" (counted on a line of their own in the statistics); to count them by country, ask for the country in the registration form and import a new export"
[ "$(wc -l <"$T/err")" -eq 1 ] && ok "one warning line" || not_ok "stderr: $(cat "$T/err")"
[ "$(sqlite3 "$DB" "SELECT group_concat(DISTINCT country || '/' || region) FROM registrations WHERE ext_id LIKE 'eventbrite:331234600%'")" = "ZZ/not_stated" ] &&
    ok "stored as ZZ, region not_stated" || not_ok "stored: $(sqlite3 "$DB" "SELECT ext_id, country, region FROM registrations WHERE ext_id LIKE 'eventbrite:331234600%'")"
ly --db "$DB" stats --json >"$T/stats.json"
countries=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["countries"])' "$T/stats.json")
[ "$countries" = "$(sqlite3 "$DB" "SELECT count(DISTINCT country) FROM registrations WHERE country <> 'ZZ'")" ] &&
    ok "stats: \"not stated\" is not a country ($countries)" || not_ok "stats countries: $countries"

# An export without its ticket codes: refused, naming the column, unless --without-codes.
dump >"$T/before.sql"
expect "export without ticket codes refused" 1 ly --db "$DB" import registrations "$D/pretix_nosecret.csv"
has "says which column, what for, how to export it" "$T/err" "$D/pretix_nosecret.csv:1: this pretix export has no \"Ticket secret\" column, the secret in the QR code of each pretix ticket: without it those tickets will not open the doors. Export the file again from pretix (Orders > Export > \"Order data\", sheet \"Order positions\", which has the column) and keep that column; or, to give these attendees Lanyard badges only, import it with --without-codes"
has "and refuses" "$T/err" "import refused: 1 bad row; nothing was changed"
dump >"$T/after.sql"
cmp -s "$T/before.sql" "$T/after.sql" && ok "nothing changed" || not_ok "database changed by a refused import"
expect "eventbrite without barcodes refused" 1 ly --db "$DB" import registrations "$D/eventbrite_summary.csv"
grep -q "^$D/eventbrite_summary.csv:1: this eventbrite export has no \"Barcode #\" column" "$T/err" &&
    ok "names Eventbrite's barcode column" || not_ok "eventbrite no-codes: $(head -2 "$T/err")"
expect "--without-codes imports it" 0 ly --db "$DB" import registrations --without-codes "$D/pretix_nosecret.csv"
has "its summary" "$T/out" "imported 4 registrations from $D/pretix_nosecret.csv (pretix format): 4 new, 0 updated, 0 unchanged, 1 cancelled or refunded skipped"
has "a line says it has no codes" "$T/err" "$D/pretix_nosecret.csv: warning: no \"Ticket secret\" column: imported without pretix ticket codes, as --without-codes asks; these attendees need a Lanyard badge, their pretix tickets will not open the doors"
has "and who has no country" "$T/err" "$D/pretix_nosecret.csv: warning: 1 registration without a country (first on line 6): imported with country \"not stated\" (counted on a line of their own in the statistics)"
NOSECRET="'pretix:QX7RT-1','pretix:QX7RT-2','pretix:HB2NM-1','pretix:PD8LS-1'"
[ "$(sqlite3 "$DB" "SELECT count(*) FROM registrations WHERE ext_id IN ($NOSECRET)")" = 4 ] &&
    [ "$(sqlite3 "$DB" "SELECT count(*) FROM alt_codes a JOIN registrations r ON r.id = a.registration_id WHERE r.ext_id IN ($NOSECRET)")" = 0 ] &&
    ok "Lanyard badges only: no ticket codes stored" || not_ok "ticket codes of pretix_nosecret.csv stored"

expect "sessions import" 0 ly --db "$DB" import sessions "$D/sessions_good.csv"
has "sessions summary" "$T/out" \
    "imported 5 sessions in 3 rooms from $D/sessions_good.csv: 5 new, 0 updated, 0 unchanged"
dump >"$T/before.sql"
expect "bad sessions refused" 1 ly --db "$DB" import sessions "$D/sessions_bad.csv"
has "sessions refusal" "$T/err" "import refused: 8 bad rows; nothing was changed"
dump >"$T/after.sql"
cmp -s "$T/before.sql" "$T/after.sql" && ok "refused sessions left the database unchanged" ||
    not_ok "database changed by refused sessions"

# Fullness at the door: a room's location, a session's overflow room (here one of a later row,
# and one imported before) and online link; the file without these columns imported above.
expect "sessions with overflow rooms and links" 0 ly --db "$DB" import sessions "$D/sessions_fullness.csv"
has "fullness summary" "$T/out" \
    "imported 3 sessions in 2 rooms from $D/sessions_fullness.csv: 3 new, 0 updated, 0 unchanged"
got=$(sqlite3 "$DB" "SELECT group_concat(s.ext_id || '>' || coalesce(o.name, '-') || '>' || s.online_url, ' ')
    FROM sessions s LEFT JOIN rooms o ON o.id = s.overflow_room_id WHERE s.ext_id LIKE 'F-%' ORDER BY s.ext_id")
[ "$got" = "F-001>Overflow Hall>https://live.example.org/f-001?lang=en F-002>Plenary Hall> F-003>->http://stream.example.net/f-003" ] &&
    ok "overflow rooms resolved (a later row's, an earlier import's) and links stored" || not_ok "sessions: $got"
got=$(sqlite3 "$DB" "SELECT group_concat(name || '=' || location, '; ') FROM rooms WHERE location <> '' ORDER BY name")
[ "$got" = "Room 7=Level 2, east wing; Overflow Hall=Level 0, west wing" ] && ok "room locations stored" ||
    not_ok "locations: $got"
expect "the same file again" 0 ly --db "$DB" import sessions "$D/sessions_fullness.csv"
has "nothing changed" "$T/out" \
    "imported 3 sessions in 2 rooms from $D/sessions_fullness.csv: 0 new, 0 updated, 3 unchanged"
expect "the old format again" 0 ly --db "$DB" import sessions "$D/sessions_good.csv"
[ "$(sqlite3 "$DB" "SELECT count(*) FROM sessions WHERE overflow_room_id <> 0 OR online_url <> ''")" = 3 ] &&
    ok "a file without the new columns leaves other sessions' links alone" || not_ok "links lost"
dump >"$T/before.sql"
expect "bad links and overflow rooms refused" 1 ly --db "$DB" import sessions "$D/sessions_fullness_bad.csv"
F=$D/sessions_fullness_bad.csv
for line in "$F:2: online_url does not start with https:// or http://" \
    "$F:3: online_url has no host name after the scheme" \
    "$F:4: online_url contains a space, a non-ASCII character or one of \" < > \\ \` { } | ^ (percent-encode them)" \
    "$F:5: online_url contains a space, a non-ASCII character or one of \" < > \\ \` { } | ^ (percent-encode them)" \
    "$F:6: overflow \"Room 8\" is the session's own room" \
    "$F:8: room \"Room 8\" has another room_location here than on line 7" \
    "$F:9: online_url does not start with https:// or http://" \
    "$F:7: overflow \"Atlantis\" is not a room of the programme (name a room of this file or one imported before)" \
    "import refused: 8 bad rows; nothing was changed"; do
    has "refused: ${line#"$F":}" "$T/err" "$line"
done
dump >"$T/after.sql"
cmp -s "$T/before.sql" "$T/after.sql" && ok "refused links left the database unchanged (the good row too)" ||
    not_ok "database changed by a refused programme"

expect "missing file: exit 1" 1 ly --db "$DB" import registrations "$T/nope.csv"
grep -q "^$T/nope.csv: cannot open" "$T/err" && ok "missing file named" || not_ok "$(cat "$T/err")"
expect "no arguments: usage, exit 2" 2 ly --db "$DB" import
expect "unknown kind: exit 2" 2 ly --db "$DB" import people "$T/reg.csv"
expect "unknown format: exit 2" 2 ly --db "$DB" import registrations --format excel "$T/reg.csv"
expect "no file: exit 2" 2 ly --db "$DB" import registrations --format pretix
expect "two files: exit 2" 2 ly --db "$DB" import registrations "$T/reg.csv" "$T/reg.csv"
expect "--format on sessions: exit 2" 2 ly --db "$DB" import sessions --format lanyard "$T/reg.csv"
expect "--without-codes on sessions: exit 2" 2 ly --db "$DB" import sessions --without-codes "$D/sessions_good.csv"
grep -q -- "--without-codes" "$T/err" && ok "usage names --without-codes" || not_ok "usage: $(cat "$T/err")"
finish
