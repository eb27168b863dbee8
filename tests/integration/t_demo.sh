#!/bin/bash
# `lanyard demo-data` from the command line: a new database gets the demo forum (event, programme,
# registrations, gate rules) and a summary; --csv writes the three files, which are identical for
# the same seed and start and import cleanly with `lanyard import`; a second run changes nothing;
# bad options are refused.
. "$(dirname "$0")/lib.sh"
DB=$T/demo.db
dump() { sqlite3 "$1" .dump | grep -v '^--'; }

if [ ! -x "$LY_BIN/lanyard" ]; then
    not_ok "no $LY_BIN/lanyard to test (build it first)"
    finish
fi

mkdir -p "$T/csv" "$T/csv2"
check "demo-data on a new database" ly --db "$DB" demo-data --start 2026-06-01 --csv "$T/csv"
cp "$T/.out" "$T/summary"
grep -qx "Registrations: 2500 (onsite 1[6-8][0-9][0-9], online [0-9]*)" "$T/summary" &&
    ok "summary: 2500 registrations, about 70% onsite" || not_ok "summary: registrations"
countries=$(sed -n 's/^Countries: \([0-9]*\)$/\1/p' "$T/summary")
[ "${countries:-0}" -ge 120 ] && ok "summary: $countries countries" || not_ok "summary: countries ($countries)"
sessions=$(sed -n 's/^Sessions: \([0-9]*\) in \([0-9]*\) rooms$/\1/p' "$T/summary")
[ "${sessions:-0}" -ge 210 ] && [ "${sessions:-0}" -le 250 ] && ok "summary: $sessions sessions" ||
    not_ok "summary: sessions ($sessions)"
for g in "African Group" "Asia-Pacific Group" "Eastern European Group" \
    "Latin American and Caribbean Group" "Western European and Others Group" "Government" \
    "Private Sector" "Civil Society" "Technical Community" "Intergovernmental Organization" \
    "Press and Media" "Opening Ceremony" "Workshop" "Lightning Talk" "Day 0 Event"; do
    grep -q "^  $g  *[1-9][0-9]*$" "$T/summary" || missing="${missing:-} $g"
done
[ -z "${missing:-}" ] && ok "summary: every regional group, stakeholder group and main session type" ||
    not_ok "summary: none of$missing"
grep -qxF "Imported registrations: 2500 inserted, 0 updated, 0 unchanged" "$T/summary" &&
    ok "summary: all registrations inserted" || not_ok "summary: registrations inserted"

# the database holds what the summary says
regs=$(sqlite3 "$DB" "SELECT count(*) FROM registrations")
[ "$regs" = 2500 ] && ok "database: 2500 registrations" || not_ok "database: $regs registrations"
ev=$(sqlite3 "$DB" "SELECT name || '|' || starts || '|' || ends FROM events" 2>/dev/null)
case "$ev" in
"Global Digital Cooperation Forum 2026|2026-06-01|2026-06-05") ok "database: the event" ;;
*) not_ok "database: event is '$ev'" ;;
esac

# the gate rules: opening hours from Day 0 (the event's first day) to the last day, covering
# each day's programme, and the notices
grep -qxF "Imported rules: 5 days of opening hours, 8 notices, replaced" "$T/summary" &&
    ok "summary: rules imported" || not_ok "summary: rules"
hours=$(sqlite3 "$DB" "SELECT group_concat(day || ' ' || opens || '-' || closes, ';') FROM (SELECT * FROM opening_hours ORDER BY day)")
[ "$hours" = "2026-06-01 08:00-20:00;2026-06-02 08:00-20:00;2026-06-03 08:00-19:30;2026-06-04 08:00-19:30;2026-06-05 08:00-19:00" ] &&
    ok "database: opening hours on every day" || not_ok "database: opening hours '$hours'"
late=$(sqlite3 "$DB" "SELECT count(*) FROM sessions s JOIN opening_hours h ON h.day = substr(s.starts, 1, 10)
    WHERE substr(s.starts, 12) < h.opens OR substr(s.ends, 12) > h.closes OR s.ends > h.day || 'T' || h.closes")
[ "$late" = 0 ] && ok "database: every session within the opening hours" || not_ok "$late sessions outside the opening hours"
[ "$(sqlite3 "$DB" "SELECT count(*) FROM notices WHERE text = 'Collect an interpretation headset at the door'
    AND place IN ('type:opening_ceremony', 'type:closing_ceremony', 'type:high_level', 'type:main_session')")" = 4 ] &&
    ok "database: headset notices for ceremonies, high-level and main sessions" || not_ok "database: headset notices"
[ "$(sqlite3 "$DB" "SELECT count(*) FROM notices n WHERE n.place = 'venue' AND n.category = 'speaker'
    AND EXISTS (SELECT 1 FROM rooms r WHERE instr(n.text, r.name) > 0)")" = 1 ] &&
    ok "database: a speaker notice naming a room of the demo" || not_ok "database: speaker notice"
[ "$(sqlite3 "$DB" "SELECT count(*) FROM notices WHERE place = 'venue' AND category = 'press' AND text LIKE '%media centre%'")" = 1 ] &&
    ok "database: a press notice" || not_ok "database: press notice"
[ "$(sqlite3 "$DB" "SELECT s.type FROM notices n JOIN sessions s ON n.place = 'session:' || s.ext_id")" = opening_ceremony ] &&
    ok "database: a notice for one session (the Opening Ceremony)" || not_ok "database: session notice"
[ "$(sqlite3 "$DB" "SELECT count(*) FROM notices n JOIN rooms r ON n.place = 'room:' || r.name")" = 1 ] &&
    ok "database: a notice for one room" || not_ok "database: room notice"

# the CSV files
R=$T/csv/demo-registrations.csv S=$T/csv/demo-sessions.csv U=$T/csv/demo-rules.csv
[ -s "$R" ] && [ -s "$S" ] && [ -s "$U" ] && ok "--csv wrote the three files" || not_ok "--csv files missing"
head -1 "$U" | grep -qxF "rule,place,category,day,opens,closes,text" && ok "rules header" || not_ok "rules header"
[ "$(wc -l <"$U")" -eq 14 ] && ok "rules: 5 days and 8 notices" || not_ok "rules rows: $(wc -l <"$U")"
head -1 "$R" | grep -qxF "id,name,name_latin,affiliation,country,region,stakeholder,attendance,category,language,accessibility,email,phone,ticket_code" &&
    ok "registrations header" || not_ok "registrations header"
head -1 "$S" | grep -qxF "id,title,type,room,room_capacity,starts,ends,capacity,categories" &&
    ok "sessions header" || not_ok "sessions header"
[ "$(wc -l <"$R")" -eq 2501 ] && ok "2500 registration rows" || not_ok "registration rows: $(wc -l <"$R")"
grep -q '"Limited Liability Company ""Digital Horizons"""\|"Public Association ""Digital Steppe"""' "$R" &&
    ok "quotes inside fields are doubled" || not_ok "no quoted field with quotes"
# UTF-8 lead bytes: U+0600-06FF is D8-DB, U+4E00-9FFF is E4 B8-BF or E5-E9
LC_ALL=C grep -q $'^R[0-9]*,[\xd8-\xdb]' "$R" && ok "names in Arabic script" || not_ok "no Arabic-script name"
LC_ALL=C grep -q $'^R[0-9]*,[\xe5-\xe9]' "$R" && ok "names in Han script" || not_ok "no Han-script name"

# a second run changes nothing
dump "$DB" >"$T/before.sql"
check "demo-data again (no --start: the event's dates)" ly --db "$DB" demo-data
grep -qxF "Imported registrations: 0 inserted, 0 updated, 2500 unchanged" "$T/.out" &&
    ok "second run: all registrations unchanged" || not_ok "second run: registrations changed"
grep -qxF "Imported sessions: 0 inserted, 0 updated, $sessions unchanged" "$T/.out" &&
    ok "second run: all sessions unchanged" || not_ok "second run: sessions changed"
grep -qxF "Imported rules: 5 days of opening hours, 8 notices, unchanged" "$T/.out" &&
    ok "second run: rules unchanged" || not_ok "second run: rules changed"
dump "$DB" >"$T/after.sql"
cmp -s "$T/before.sql" "$T/after.sql" && ok "second run: database byte for byte the same" ||
    not_ok "second run: database changed"

# same seed and start: the same files; another seed: other people
check "demo-data on a second database" ly --db "$T/demo2.db" demo-data --start 2026-06-01 --csv "$T/csv2"
cmp -s "$R" "$T/csv2/demo-registrations.csv" && cmp -s "$S" "$T/csv2/demo-sessions.csv" &&
    cmp -s "$U" "$T/csv2/demo-rules.csv" && ok "same seed and start, same CSV" ||
    not_ok "CSV differs between runs"
mkdir -p "$T/csv3"
check "demo-data --seed 2 --count 300" ly --db "$T/demo3.db" demo-data --seed 2 --count 300 --csv "$T/csv3"
[ "$(wc -l <"$T/csv3/demo-registrations.csv")" -eq 301 ] && ok "--count 300" || not_ok "--count 300"
cmp -s <(head -301 "$R") "$T/csv3/demo-registrations.csv" && not_ok "--seed changes nothing" ||
    ok "--seed changes the people"

# the files are a working template for `lanyard import`
check "init for the template" ly --db "$T/tmpl.db" init --event "Template Forum" --start 2026-06-01 --end 2026-06-05
check "import the sessions template" ly --db "$T/tmpl.db" import sessions "$S"
check "import the registrations template" ly --db "$T/tmpl.db" import registrations "$R"
check "import the rules template" ly --db "$T/tmpl.db" import rules "$U"

# refusals leave the database alone
check_fails "--start against the event's dates" ly --db "$DB" demo-data --start 2026-07-01
check_fails "--count 0" ly --db "$DB" demo-data --count 0
check_fails "--count 12x" ly --db "$DB" demo-data --count 12x
check_fails "--start 2026-13-01" ly --db "$T/new.db" demo-data --start 2026-13-01
check_fails "unknown option" ly --db "$T/new.db" demo-data --colour blue
check_fails "--csv into a missing folder" ly --db "$T/new2.db" demo-data --csv "$T/no/such/dir"
dump "$DB" >"$T/after2.sql"
cmp -s "$T/before.sql" "$T/after2.sql" && ok "refusals: database unchanged" ||
    not_ok "refusals changed the database"
finish
