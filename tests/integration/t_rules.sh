#!/bin/bash
# `lanyard import rules`: the gate rules (opening hours, notices) replace the organizer
# database's rule set as a whole. A good file imports with normalized places and times and one
# change sequence; every bad row is refused as FILE:LINE: reason and nothing changes; the same
# file again changes nothing; a changed file (a rule removed included) moves rules_seq; stats
# counts the rules; kiosk-snapshot carries them into the kiosk database.
. "$(dirname "$0")/lib.sh"
D=$LY_ROOT/tests/data/rules
DB=$T/forum.db K=$T/kiosk.db
q() { sqlite3 "$@" 2>&1; }
dump() { sqlite3 "$DB" .dump | grep -v '^--'; }
seq_of() { q "$DB" "SELECT value FROM meta WHERE key = '$1'"; }

if [ ! -x "$LY_BIN/lanyard" ]; then
    not_ok "no $LY_BIN/lanyard to test (build it first)"
    finish
fi

check "init" ly --db "$DB" init --event "Global Digital Forum" --start 2025-06-23 --end 2025-06-27
cp "$D/rules_good.csv" "$T/rules.csv"
cp "$D/rules_bad.csv" "$T/bad.csv"

# notices name sessions and rooms: before the programme they are refused
expect "rules before the programme: refused" 1 ly --db "$DB" import rules "$T/rules.csv"
has "unknown room" "$T/err" \
    "$T/rules.csv:13: place \"room:Press Room\": no room is named \"Press Room\" (import the programme first)"
has "unknown session" "$T/err" \
    "$T/rules.csv:14: place \"session:S-003\": no session has the id \"S-003\" (import the programme first)"
check "import the programme" ly --db "$DB" import sessions "$LY_ROOT/tests/data/import/sessions_good.csv"

# a good file
s0=$(seq_of change_seq)
expect "good file imports (exit 0)" 0 ly --db "$DB" import rules "$T/rules.csv"
has "summary line" "$T/out" \
    "imported 6 days of opening hours and 8 notices from $T/rules.csv: the rule set was replaced"
[ ! -s "$T/err" ] && ok "nothing on stderr" || not_ok "stderr: $(head -3 "$T/err")"
s1=$(seq_of change_seq)
[ "$s1" = $((s0 + 1)) ] && [ "$(seq_of rules_seq)" = "$s1" ] &&
    ok "one change sequence for the whole set, recorded as rules_seq" ||
    not_ok "change_seq $s0 -> $s1, rules_seq $(seq_of rules_seq)"
[ "$(q "$DB" "SELECT count(*) FROM (SELECT seq FROM opening_hours UNION ALL SELECT seq FROM notices) WHERE seq = $s1")" = 14 ] &&
    ok "every rule row carries it" || not_ok "rule rows with seq $s1: wrong count"
[ "$(q "$DB" "SELECT group_concat(day || ' ' || opens || '-' || closes, ';') FROM (SELECT * FROM opening_hours ORDER BY day)")" = \
    "2025-06-22 10:00-18:00;2025-06-23 08:00-20:00;2025-06-24 08:00-19:30;2025-06-25 08:00-19:30;2025-06-26 08:00-19:30;2025-06-27 08:00-19:00" ] &&
    ok "opening hours, Day 0 before the event included, times as HH:MM" || not_ok "opening hours: $(q "$DB" 'SELECT * FROM opening_hours')"
q "$DB" "SELECT id || '|' || place || '|' || category || '|' || text FROM notices ORDER BY id" >"$T/notices"
cat >"$T/want" <<'WANT'
1|type:opening_ceremony||Collect an interpretation headset at the door
2|type:main_session||Collect an interpretation headset at the door
3|type:main_session||Récupérez un casque d'interprétation à l'entrée
4|venue|speaker|Speakers: please check in at the speaker lounge, Room 3
5|venue|press|Press: the media centre is in the Press Room
6|room:Press Room|press|يرجى من الصحفيين إبراز بطاقة الصحافة
7|session:S-003||请在门口领取同声传译耳机
8||vip|Добро пожаловать на форум
WANT
cmp -s "$T/notices" "$T/want" && ok "notices in file order, places and categories normalized, any script" ||
    { not_ok "notices"; diff "$T/want" "$T/notices" | sed 's/^/    /' >&2; }

ly --db "$DB" stats >"$T/stats"
has "stats: rule counts" "$T/stats" "rules:         6 days of opening hours, 8 notices"
ly --db "$DB" stats --json | grep -q '"opening_days":6,"notices":8,"rules_seq":'"$s1" &&
    ok "stats --json: rule counts and rules_seq" || not_ok "stats --json: $(ly --db "$DB" stats --json)"

# the same file again changes nothing
dump >"$T/before.sql"
expect "unchanged re-import (exit 0)" 0 ly --db "$DB" import rules "$T/rules.csv"
has "unchanged summary" "$T/out" \
    "imported 6 days of opening hours and 8 notices from $T/rules.csv: the same as before, nothing changed"
[ "$(seq_of change_seq)" = "$s1" ] && ok "unchanged re-import: no change sequence taken" ||
    not_ok "unchanged re-import moved change_seq to $(seq_of change_seq)"
dump >"$T/after.sql"
cmp -s "$T/before.sql" "$T/after.sql" && ok "unchanged re-import: database byte for byte the same" ||
    not_ok "unchanged re-import changed the database"

# every kind of bad row, each at its line
expect "bad file refused (exit 1)" 1 ly --db "$DB" import rules "$T/bad.csv"
B=$T/bad.csv
while IFS= read -r line; do
    has "problem: ${line#*: }" "$T/err" "$B:$line"
done <<'LINES'
2: day 2025-06-15 is outside the event: opening hours may be given from 2025-06-16 (7 days before the first day) to 2025-06-27
3: day 2025-06-28 is outside the event: opening hours may be given from 2025-06-16 (7 days before the first day) to 2025-06-27
4: day "23/06/2025" is not a date like 2025-06-23
5: place "room:Room 3": opening hours are the venue's; leave place empty or write venue
6: category must be empty in an hours row
7: opens "8am" is not a time like 08:00 (24-hour clock)
8: closes "24:00" is not a time like 08:00 (24-hour clock; use 23:59 for midnight)
9: closes (08:00) is not after opens (19:00)
11: duplicate opening hours for 2025-06-23 (first on line 10)
12: text must be empty in an hours row
13: day is missing
14: place "session:S-404": no session has the id "S-404" (import the programme first)
15: place "room:Room 4": no room is named "Room 4" (import the programme first)
17: place "stage" is not one of: empty (every gate), venue, session:ID, room:NAME or type:SESSION_TYPE
18: category "delegate" is not one of: participant, speaker, press, host_country, staff, vip, exhibitor
19: text is missing
20: text is longer than 200 bytes
21: day must be empty in a notice row
22: opens must be empty in a notice row
24: the same notice as on line 23
25: text is not valid UTF-8 (save the file as UTF-8)
26: text contains a control character (a line break or tab inside the field?)
28: rule "party" is not hours or notice
29: rule is missing
30: has 8 fields; the header has 7
31: text contains a control character (a line break or tab inside the field?)
LINES
grep -q "^$B:16: place \"type:keynote\": \"keynote\" is not a session type: one of opening_ceremony, " "$T/err" &&
    ok "problem: unknown session type" || not_ok "problem: unknown session type"
n=$(grep -c "^$B:[0-9]*: " "$T/err")
[ "$n" -eq 27 ] && ok "one line per problem (27)" || not_ok "problem lines: $n"
[ "$(tail -n 1 "$T/err")" = "import refused: 27 bad rows; nothing was changed" ] &&
    ok "refusal line comes last" || not_ok "last line: $(tail -n 1 "$T/err")"
[ ! -s "$T/out" ] && ok "nothing on stdout when refused" || not_ok "stdout: $(cat "$T/out")"
dump >"$T/after.sql"
cmp -s "$T/before.sql" "$T/after.sql" && ok "refused import left the database unchanged" ||
    not_ok "database changed by a refused import"

# all or nothing: a new rule set with one bad row at the end changes nothing at all
{ sed '/2025-06-27/d; s/Collect an interpretation headset at the door/Headsets at the door/' "$T/rules.csv"
  echo "notice,room:Room 9,,,,,Welcome"; } >"$T/almost.csv"
expect "good rows and one bad row: refused" 1 ly --db "$DB" import rules "$T/almost.csv"
has "the bad row" "$T/err" "$T/almost.csv:15: place \"room:Room 9\": no room is named \"Room 9\" (import the programme first)"
has "one bad row" "$T/err" "import refused: 1 bad row; nothing was changed"
dump >"$T/after.sql"
cmp -s "$T/before.sql" "$T/after.sql" && ok "none of its good rows was applied" ||
    not_ok "a refused file applied some rows"

# a changed file: one day removed, a notice reworded, one added
{ sed '/2025-06-27/d; s/the media centre is in the Press Room/the media centre has moved to Room 3/' "$T/rules.csv"
  echo "notice,type:workshop,participant,,,,Workshops: seats are first come"; } >"$T/changed.csv"
expect "changed re-import (exit 0)" 0 ly --db "$DB" import rules "$T/changed.csv"
has "changed summary" "$T/out" \
    "imported 5 days of opening hours and 9 notices from $T/changed.csv: the rule set was replaced"
s2=$(seq_of change_seq)
[ "$s2" = $((s1 + 1)) ] && [ "$(seq_of rules_seq)" = "$s2" ] && ok "changed re-import: rules_seq moves to the new change sequence" ||
    not_ok "changed re-import: change_seq $s2, rules_seq $(seq_of rules_seq)"
[ "$(q "$DB" "SELECT count(*) FROM opening_hours WHERE day = '2025-06-27'")" = 0 ] &&
    ok "the removed day is gone" || not_ok "the removed day is still there"
[ "$(q "$DB" "SELECT text FROM notices WHERE id = 5")" = "Press: the media centre has moved to Room 3" ] &&
    [ "$(q "$DB" "SELECT place || '|' || category FROM notices WHERE id = 9")" = "type:workshop|participant" ] &&
    ok "reworded and added notices" || not_ok "notices after the change: $(q "$DB" 'SELECT * FROM notices')"
[ "$(q "$DB" "SELECT count(*) FROM (SELECT seq FROM opening_hours UNION ALL SELECT seq FROM notices) WHERE seq <> $s2")" = 0 ] &&
    ok "every rule row carries the new sequence" || not_ok "rule rows with an old sequence"

# kiosk-snapshot carries the rules
check "kiosk-snapshot" ly --db "$DB" kiosk-snapshot --out "$K"
grep -q "^wrote $K: 0 attendees, 0 ticket codes, 3 rooms, 5 sessions, 5 days of opening hours, 9 notices, 1 public key, change seq $s2$" "$T/.out" &&
    ok "snapshot summary counts the rules" || not_ok "snapshot summary: $(cat "$T/.out")"
hours_sql="SELECT group_concat(day || ' ' || opens || '-' || closes, ';') FROM (SELECT * FROM opening_hours ORDER BY day)"
notices_sql="SELECT group_concat(id || '|' || place || '|' || category || '|' || text, ';') FROM (SELECT * FROM notices ORDER BY id)"
[ -n "$(q "$DB" "$hours_sql")" ] && [ "$(q "$DB" "$hours_sql")" = "$(q "$K" "$hours_sql")" ] &&
    ok "kiosk: the same opening hours" || not_ok "kiosk hours: $(q "$K" "$hours_sql")"
[ -n "$(q "$DB" "$notices_sql")" ] && [ "$(q "$DB" "$notices_sql")" = "$(q "$K" "$notices_sql")" ] &&
    ok "kiosk: the same notices, in order" || not_ok "kiosk notices: $(q "$K" "$notices_sql")"
cols=$(q "$K" "SELECT count(*) FROM pragma_table_info('notices') WHERE name = 'seq'")
[ "$cols" = 0 ] && ok "kiosk: no hub bookkeeping in its rules" || not_ok "kiosk notices have a seq column"

# a header-only file removes every rule, and the snapshot then has none
printf 'rule,place,category,day,opens,closes,text\n' >"$T/none.csv"
expect "header-only file (exit 0)" 0 ly --db "$DB" import rules "$T/none.csv"
has "header-only summary" "$T/out" \
    "imported 0 days of opening hours and 0 notices from $T/none.csv: the rule set was replaced"
[ "$(seq_of rules_seq)" = $((s2 + 1)) ] && ok "removing every rule moves rules_seq" || not_ok "rules_seq $(seq_of rules_seq)"
ly --db "$DB" stats >"$T/stats"
has "stats: no rules" "$T/stats" "rules:         none (every event day open all day, no notices)"
check "kiosk-snapshot --force" ly --db "$DB" kiosk-snapshot --out "$K" --force
[ "$(q "$K" 'SELECT count(*) FROM opening_hours; SELECT count(*) FROM notices')" = "0
0" ] && ok "kiosk: no rules left" || not_ok "kiosk still holds rules"

# usage
expect "import rules without a file: exit 2" 2 ly --db "$DB" import rules
expect "--format on rules: exit 2" 2 ly --db "$DB" import rules --format lanyard "$T/rules.csv"
expect "two files: exit 2" 2 ly --db "$DB" import rules "$T/rules.csv" "$T/rules.csv"
expect "missing file: exit 1" 1 ly --db "$DB" import rules "$T/nope.csv"
grep -q "^$T/nope.csv: cannot open" "$T/err" && ok "missing file named" || not_ok "$(cat "$T/err")"
ly --help | grep -qx "import rules FILE.csv" && ok "--help lists import rules" || not_ok "--help: no import rules"
finish
