#!/bin/bash
# `lanyard kiosk-snapshot`: a kiosk database from the demo forum holds what the hub holds for a
# gate (counts, badge states, event, public key, gate rules, cursor) and nothing else: no e-mail, no phone,
# no accessibility notes, no secret key, no kiosk identity. Refuses to overwrite without
# --force, refuses non-files, and rejects bad usage.
. "$(dirname "$0")/lib.sh"
HUB=$T/hub.db K=$T/kiosk.db
q() { sqlite3 "$@" 2>&1; }

if [ ! -x "$LY_BIN/lanyard" ]; then
    not_ok "no $LY_BIN/lanyard to test (build it first)"
    finish
fi

check "demo-data --count 300" ly --db "$HUB" demo-data --count 300 --start 2026-06-01
check "revoke one badge" ly --db "$HUB" badge revoke 5
check "reissue another" ly --db "$HUB" badge reissue 6
check "kiosk-snapshot" ly --db "$HUB" kiosk-snapshot --out "$K"
grep -q "^wrote $K: 300 attendees, [0-9]* ticket codes, [0-9]* rooms, [0-9]* sessions, 5 days of opening hours, 8 notices, 1 public key, change seq [0-9]*$" "$T/.out" &&
    ok "summary line" || not_ok "summary line: $(cat "$T/.out")"
[ ! -e "$K.part" ] && ok "no .part file left" || not_ok ".part file left"
[ "$(stat -c %a "$K")" = 600 ] && ok "mode 0600" || not_ok "mode $(stat -c %a "$K")"
[ "$(q "$K" 'PRAGMA quick_check')" = ok ] && ok "quick_check" || not_ok "quick_check"

# counts and content match the hub
same() { # NAME HUB_SQL KIOSK_SQL
    local h k
    h=$(q "$HUB" "$2") k=$(q "$K" "$3")
    if [ -n "$h" ] && [ "$h" = "$k" ]; then ok "$1"; else not_ok "$1: hub '$h', kiosk '$k'"; fi
}
same "attendees" "SELECT count(*) FROM registrations" "SELECT count(*) FROM attendees"
same "ticket codes" "SELECT count(*) FROM alt_codes" "SELECT count(*) FROM alt_codes"
same "rooms" "SELECT count(*) || ' ' || sum(capacity) FROM rooms" "SELECT count(*) || ' ' || sum(capacity) FROM rooms"
same "sessions" "SELECT count(*) FROM sessions" "SELECT count(*) FROM sessions"
same "event" "SELECT id || '|' || name || '|' || starts || '|' || ends || '|' || timezone FROM events" \
    "SELECT id || '|' || name || '|' || starts || '|' || ends || '|' || timezone FROM event"
same "public keys" "SELECT key_id || hex(public_key) FROM signing_keys" "SELECT key_id || hex(public_key) FROM public_keys"
same "sync cursor" "SELECT value FROM meta WHERE key = 'change_seq'" "SELECT value FROM meta WHERE key = 'sync_cursor'"
same "badge states and names" \
    "SELECT group_concat(id || ':' || badge_version || ':' || revoked || ':' || name || ':' || category, ';') FROM (SELECT * FROM registrations ORDER BY id)" \
    "SELECT group_concat(id || ':' || badge_version || ':' || revoked || ':' || name || ':' || category, ';') FROM (SELECT * FROM attendees ORDER BY id)"
same "revoked and reissued" "SELECT revoked FROM registrations WHERE id = 5; SELECT badge_version FROM registrations WHERE id = 6" \
    "SELECT revoked FROM attendees WHERE id = 5; SELECT badge_version FROM attendees WHERE id = 6"
same "ticket codes map to attendees" "SELECT group_concat(code || registration_id) FROM (SELECT * FROM alt_codes ORDER BY code)" \
    "SELECT group_concat(code || attendee_id) FROM (SELECT * FROM alt_codes ORDER BY code)"
same "sessions: ids, rooms, times, categories" \
    "SELECT group_concat(s.ext_id || r.name || s.starts || s.ends || s.categories, ';') FROM sessions s JOIN rooms r ON r.id = s.room_id" \
    "SELECT group_concat(s.ext_id || r.name || s.starts || s.ends || s.categories, ';') FROM sessions s JOIN rooms r ON r.id = s.room_id"
same "opening hours" "SELECT group_concat(day || opens || closes, ';') FROM (SELECT * FROM opening_hours ORDER BY day)" \
    "SELECT group_concat(day || opens || closes, ';') FROM (SELECT * FROM opening_hours ORDER BY day)"
same "notices" "SELECT group_concat(id || place || category || text, ';') FROM (SELECT * FROM notices ORDER BY id)" \
    "SELECT group_concat(id || place || category || text, ';') FROM (SELECT * FROM notices ORDER BY id)"
same "assistance flag only where notes exist" "SELECT count(*) FROM registrations WHERE accessibility <> ''" \
    "SELECT count(*) FROM attendees WHERE assistance = 1"

# what must not be there
q "$K" .dump >"$T/dump"
[ "$(grep -c '@example.org' "$T/dump")" = 0 ] && [ "$(grep -c '@example.org' <(q "$HUB" .dump))" -gt 0 ] &&
    ok "no e-mail address (the hub has them)" || not_ok "e-mail addresses in the kiosk database"
phone=$(q "$HUB" "SELECT phone FROM registrations WHERE phone <> '' LIMIT 1")
[ -n "$phone" ] && ! grep -qF -- "$phone" "$T/dump" && ok "no phone number" || not_ok "phone number '$phone'"
note=$(q "$HUB" "SELECT accessibility FROM registrations WHERE accessibility <> '' LIMIT 1")
[ -n "$note" ] && ! grep -qF -- "$note" "$T/dump" && ok "no accessibility notes" || not_ok "accessibility notes '$note'"
aff=$(q "$HUB" "SELECT affiliation FROM registrations WHERE affiliation <> '' LIMIT 1")
[ -n "$aff" ] && ! grep -qF -- "$aff" "$T/dump" && ok "no affiliation" || not_ok "affiliation '$aff'"
seed=$(q "$HUB" "SELECT hex(substr(secret_key, 1, 32)) FROM signing_keys")
pk=$(q "$HUB" "SELECT hex(public_key) FROM signing_keys")
[ ${#seed} = 64 ] && ! grep -qi "$seed" "$T/dump" && grep -qi "$pk" "$T/dump" &&
    ok "public key present, secret key absent" || not_ok "secret key check"
# kiosk_key holds a kiosk's own signing key once it enrolls (docs/badge-format.md, "Kiosk
# keys"); a snapshot is no kiosk: the table is empty.
cols=$(q "$K" "SELECT count(*) FROM sqlite_schema s, pragma_table_info(s.name) c WHERE s.type = 'table'
    AND s.name <> 'kiosk_key'
    AND (c.name LIKE '%mail%' OR c.name LIKE '%phone%' OR c.name LIKE '%secret%' OR c.name LIKE '%accessib%')")
[ "$cols" = 0 ] && [ "$(q "$K" "SELECT count(*) FROM kiosk_key")" = 0 ] &&
    ok "no e-mail, phone, secret or accessibility column; no kiosk key in a snapshot" ||
    not_ok "$cols forbidden columns"
[ "$(q "$K" 'SELECT count(*) FROM kiosk; SELECT count(*) FROM checkins')" = "0
0" ] && ok "no kiosk identity, no check-ins" || not_ok "snapshot carries a kiosk identity or check-ins"

# overwriting
cp "$K" "$T/before"
check_fails "refuses to overwrite" ly --db "$HUB" kiosk-snapshot --out "$K"
grep -q "exists; give --force" "$T/.out" && ok "says why and how" || not_ok "message: $(cat "$T/.out")"
cmp -s "$K" "$T/before" && ok "existing file untouched" || not_ok "existing file changed"
check "revoke again" ly --db "$HUB" badge revoke 7
check "--force replaces it" ly --db "$HUB" kiosk-snapshot --out "$K" --force
[ "$(q "$K" 'SELECT revoked FROM attendees WHERE id = 7')" = 1 ] && ok "replacement is fresh" || not_ok "replacement is stale"
mkdir "$T/adir"
check_fails "refuses a folder, even with --force" ly --db "$HUB" kiosk-snapshot --out "$T/adir" --force
check_fails "refuses an unwritable place" ly --db "$HUB" kiosk-snapshot --out "$T/missing/k.db"
[ -z "$(ls "$T" | grep '\.part')" ] && ok "no .part left after failures" || not_ok ".part left after failure"

# an event without registrations still gives a usable kiosk database
check "init an empty event" ly --db "$T/empty.db" init --event Empty --start 2026-01-05 --end 2026-01-06
check "snapshot of an empty event" ly --db "$T/empty.db" kiosk-snapshot --out "$T/empty-kiosk.db"
[ "$(q "$T/empty-kiosk.db" 'SELECT count(*) FROM attendees; SELECT count(*) FROM public_keys')" = "0
1" ] && ok "empty event: no attendees, one key" || not_ok "empty event snapshot"

# usage
usage() { # NAME ARGS...: expects exit status 2
    local name=$1; shift
    ly --db "$HUB" kiosk-snapshot "$@" >"$T/.out" 2>&1
    local rc=$?
    [ $rc = 2 ] && grep -q "usage:" "$T/.out" && ok "usage: $name" || not_ok "usage: $name (exit $rc)"
}
usage "no --out"
usage "--out without a value" --out
usage "unknown option" --out "$T/x.db" --bogus
usage "stray argument" --out "$T/x.db" extra
[ ! -e "$T/x.db" ] && ok "usage errors write nothing" || not_ok "usage error wrote a file"
check "--help" ly --db "$HUB" kiosk-snapshot --help
finish
