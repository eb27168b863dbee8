#!/bin/bash
# t_occupancy.sh - occupancy that does not go stale (docs/gates.md, "Occupancy"), with a real
# lanyard-hub on loopback and three real kiosks: a badge entering room B leaves room A in every
# count (the hub's counts JSON, which the dashboard reads, the occupancy changes a third kiosk
# syncs, with the freshest input's time in each); the venue's count is not moved by rooms; a
# session's room empties at its end plus the event's grace with no exit scan. The hub runs on a
# test clock (LY_TEST_CLOCK_SHIFT_MS) and the kiosks with --at, so that the day's sessions are
# on whatever the time of the run. The hub's backend is a parameter: LY_HUB_DB=sqlite:FILE (the
# default) or postgresql://... (t_occupancy_pg.sh).
. "$(dirname "$0")/lib.sh"
HUB_DB=${LY_HUB_DB:-sqlite:$T/hub.db} LOG=$T/hub.log
case $HUB_DB in
sqlite:*) FILE=${HUB_DB#sqlite:} ;;
*) FILE=$T/org.db ;;
esac
HUB_PID=
trap '[ -n "$HUB_PID" ] && kill -9 "$HUB_PID" 2>/dev/null; rm -rf "$T"' EXIT
for p in lanyard lanyard-hub lanyard-kiosk; do
    [ -x "$LY_BIN/$p" ] || { not_ok "no $LY_BIN/$p to test (build it first)"; finish; }
done
org() { ly --db "$HUB_DB" "$@"; }
file() { ly --db "$FILE" "$@"; }
kq() { sqlite3 "$T/$1.db" "$2"; }
TODAY=$(date -u +%F)
# ms_at HH:MM: Unix ms of that time today (the demo event's zone is UTC)
ms_at() { echo $(($(date -u -d "$TODAY $1" +%s) * 1000)); }

# start_hub HH:MM: the hub, its clock set to that time of today (HUB_SHIFT ms from the real one)
start_hub() {
    # a restart takes the port the kiosks were enrolled with; the old hub's port may take a
    # moment to be free again, so a hub that could not listen is started again (10 tries)
    for _ in $(seq 10); do
        HUB_SHIFT=$(($(ms_at "$1") - $(date +%s%3N)))
        LY_TEST_CLOCK_SHIFT_MS=$HUB_SHIFT "$LY_BIN/lanyard-hub" --db "$HUB_DB" \
            --listen "127.0.0.1:${PORT:-0}" --log-requests no 2>"$LOG" &
        HUB_PID=$!
        for _ in $(seq 100); do
            grep -q 'msg=listening' "$LOG" && break
            kill -0 "$HUB_PID" 2>/dev/null || break
            sleep 0.1
        done
        grep -q 'msg=listening' "$LOG" && break
        sleep 0.5
    done
    PORT=$(grep -o 'msg=listening.* port=[0-9]*' "$LOG" | grep -o 'port=[0-9]*$' | cut -d= -f2)
    U=http://127.0.0.1:$PORT
    [ -n "$PORT" ]
}
stop_hub() { kill "$HUB_PID" && wait "$HUB_PID" 2>/dev/null; HUB_PID=; }
PORT=

# scan KIOSK HH:MM ID...: the kiosk decides the badges of attendees ID at that time, uploads
# and takes the hub's changes
scan() {
    local k=$1 at=$2
    shift 2
    for id in "$@"; do file badge code "$id"; done |
        "$LY_BIN/lanyard-kiosk" --headless --db "$T/$k.db" --source wedge:stdin --holdoff 0 \
            --at "${TODAY}T$at" >>"$T/$k.out" 2>>"$T/$k.err" &&
        "$LY_BIN/lanyard-kiosk" --db "$T/$k.db" --sync-once >/dev/null 2>>"$T/$k.err"
}
# counts EXPR: evaluates a Python expression over the hub's counts JSON (c), places by key (p)
# and sessions by id (s)
counts() {
    curl -sf -H "Authorization: Bearer $RT" "$U/api/v1/counts" >"$T/counts.json" || return 1
    python3 -c 'import json,sys
c = json.load(open(sys.argv[1]))
p = {x["place"]: x for x in c["places"]}
s = {x["session"]: x for x in c["sessions"]}
print(eval(sys.argv[2]))' "$T/counts.json" "$1"
}

check "demo forum of 120" file demo-data --count 120 --start "$TODAY"
[ "$FILE" = "${HUB_DB#sqlite:}" ] || check "load it into the hub's database" org load --from "$FILE"
# Room 2 holds S002 (09:00 to 10:30), room 3 S012 (11:00 to 12:30; its doors open at 10:30).
[ "$(sqlite3 "$FILE" "SELECT group_concat(room_id || ' ' || starts || ' ' || ends, ',') FROM sessions
    WHERE ext_id IN ('S002', 'S012') ORDER BY ext_id")" = "2 ${TODAY}T09:00 ${TODAY}T10:30,3 ${TODAY}T11:00 ${TODAY}T12:30" ] ||
    { not_ok "the demo programme changed: S002 and S012 are not where this test expects"; finish; }
# Three attendees registered to attend onsite (the entrance sends the others to the desk).
read -r A B C <<<"$(sqlite3 "$FILE" "SELECT group_concat(id, ' ') FROM (SELECT id FROM registrations
    WHERE attendance = 'onsite' AND NOT revoked ORDER BY id LIMIT 3)")"
[ -n "$C" ] || { not_ok "the demo forum has no three onsite attendees"; finish; }
expect "the event's occupancy grace is 15 minutes by default" 0 org occupancy-grace
has "it says so" "$T/out" "occupancy-grace = 15m"
expect "set it to 10 minutes" 0 org occupancy-grace 10m
expect_fail() { "$@" >"$T/out" 2>&1 && return 1 || grep -q "not a duration" "$T/out"; }
expect_fail org occupancy-grace 2days && ok "a grace that is not a duration is refused" ||
    not_ok "occupancy-grace 2days: $(cat "$T/out")"

start_hub 10:20 && ok "hub listens at 10:20 on its test clock (port $PORT)" ||
    { not_ok "hub did not start"; cat "$LOG" >&2; finish; }
grep -q 'msg="test clock"' "$LOG" && ok "the hub says its clock is shifted" || not_ok "no test clock line in the log"
RT=$(org read-token --label occupancy 2>/dev/null)
enroll() {
    local code
    code=$(org enroll --name "$1" --gate "$2" --no-qr | head -1) &&
        shift_enroll_code "$HUB_DB" "$1" "$HUB_SHIFT" &&
        echo "$code" | "$LY_BIN/lanyard-kiosk" --db "$T/$3.db" --hub "$U" --enroll - >/dev/null \
            2>"$T/$3.err"
}
check "enroll the door of S002 (room 2)" enroll "S002 door" session:S002 ka
check "enroll the door of S012 (room 3)" enroll "S012 door" session:S012 kb
check "enroll the entrance" enroll "Entrance" entrance kc

# --- 10:20: three people enter the venue; two of them S002 in room 2.
check "the entrance admits A, B and C at 10:20" scan kc 10:20 $A $B $C
check "S002's door admits A and B at 10:20" scan ka 10:20 $A $B
[ "$(grep -c '"decision":"granted"' "$T/ka.out")" = 2 ] && ok "both granted at S002's door" ||
    not_ok "S002's door: $(cat "$T/ka.out")"
got=$(counts '(c["inside_now"], s["S002"]["inside"], p["room:2"]["inside"], s["S002"]["as_of"] > 0)')
[ "$got" = "(3, 2, 2, True)" ] && ok "hub: venue 3, S002 2, room 2 2, with an as_of" ||
    not_ok "hub counts at 10:20: $got; entrance: $(tail -c 600 "$T/kc.out") $(tail -3 "$T/kc.err")"

# --- 10:35: the hub's clock moves on; A enters S012 in room 3 (its doors are open).
stop_hub
start_hub 10:35 || { not_ok "hub did not restart: $(tail -3 "$LOG")"; finish; }
t_b=$(ms_at 10:35)
check "S012's door admits A at 10:35" scan kb 10:35 $A
got=$(counts '(c["inside_now"], s["S002"]["inside"], p["room:2"]["inside"], s["S012"]["inside"], p["room:3"]["inside"])')
[ "$got" = "(3, 1, 1, 1, 1)" ] &&
    ok "hub: A entering room 3 left room 2 (S002 1, room 2 1, S012 1, room 3 1), the venue still 3" ||
    not_ok "hub counts after A entered room 3: $got"
got=$(counts "(s['S002']['as_of'] == s['S012']['as_of'], p['room:2']['as_of'] == s['S012']['as_of'], s['S012']['as_of'] >= $t_b)")
[ "$got" = "(True, True, True)" ] && ok "hub: room 2's count is as of the entry into room 3" ||
    not_ok "as_of after the move: $got ($(cat "$T/counts.json" | head -c 600))"
# A third kiosk (the entrance) takes the occupancy changes.
check "the entrance syncs" "$LY_BIN/lanyard-kiosk" --db "$T/kc.db" --sync-once
got="$(kq kc "SELECT value FROM meta WHERE key = 'hub_inside:session:S002'") $(kq kc "SELECT value FROM meta WHERE key = 'hub_inside:session:S012'") $(kq kc "SELECT value = $(counts "s['S012']['as_of']") FROM meta WHERE key = 'hub_as_of:session:S002'") $(kq kc "SELECT value FROM meta WHERE key = 'occupancy_grace_s'")"
[ "$got" = "1 1 1 600" ] &&
    ok "third kiosk: S002 1 and S012 1 from the hub, S002's as of the move, grace 600 s" ||
    not_ok "third kiosk's occupancy (S002, S012, as_of fresh, grace): $got"
# The dashboard reads the same counts through its stream: its first event has the move too.
timeout 5 curl -sN -H "Authorization: Bearer $RT" "$U/api/v1/counts/stream" 2>/dev/null |
    grep -m1 '^data:' | sed 's/^data: *//' >"$T/stream.json"
got=$(python3 -c 'import json,sys
c = json.load(open(sys.argv[1]))
s = {x["session"]: x for x in c["sessions"]}
print(s["S002"]["inside"], s["S012"]["inside"], s["S002"]["as_of"] > 0)' "$T/stream.json" 2>&1)
[ "$got" = "1 1 True" ] && ok "dashboard stream: S002 1, S012 1, with as_of" ||
    not_ok "dashboard stream: $got"

# --- 10:41: past S002's end (10:30) plus the 10-minute grace, with no exit scan.
stop_hub
start_hub 10:41 || { not_ok "hub did not restart: $(tail -3 "$LOG")"; finish; }
got=$(counts "(c['inside_now'], s['S002']['inside'], p['room:2']['inside'], s['S012']['inside'], s['S002']['as_of'] == $(ms_at 10:40))")
[ "$got" = "(3, 0, 0, 1, True)" ] &&
    ok "hub at 10:41: S002 and room 2 empty as of 10:40 (end plus grace), S012 still 1, venue 3" ||
    not_ok "hub counts at 10:41: $got"
# The next occupancy change kiosks receive for room 2's session says 0: B enters S012.
check "S012's door admits B at 10:41" scan kb 10:41 $B
check "the entrance syncs again" "$LY_BIN/lanyard-kiosk" --db "$T/kc.db" --sync-once
got="$(kq kc "SELECT value FROM meta WHERE key = 'hub_inside:session:S002'") $(kq kc "SELECT value FROM meta WHERE key = 'hub_inside:session:S012'")"
[ "$got" = "0 2" ] && ok "third kiosk: S002 0, S012 2" || not_ok "third kiosk after 10:41: $got"
got=$(counts "(s['S002']['inside'], s['S012']['inside'], p['room:3']['inside'], c['inside_now'])")
[ "$got" = "(0, 2, 2, 3)" ] && ok "hub: S012 2, room 3 2, venue 3" || not_ok "hub after B entered: $got"

# --- Exits are still used: an exit scan at the venue takes A out of the venue and of room 3.
check "enroll the venue's exit" enroll "Exit" exit kx
check "the exit lets A out at 10:41" scan kx 10:41 $A
got=$(counts "(c['inside_now'], s['S012']['inside'], p['room:3']['inside'])")
[ "$got" = "(2, 1, 1)" ] && ok "hub: A left the venue and room 3 (venue 2, S012 1)" ||
    not_ok "hub after the exit: $got"

# --- Who attended S012 (A and B entered it): counts, small groups folded, no names by default.
expect "export attendance S012 as JSON" 0 org export attendance S012 --format json
got=$(python3 -c 'import json,sys
a = json.load(open(sys.argv[1]))
print(a["attendees"], a["names"], a["min_cell"], [(g["country"], g["n"]) for g in a["by_country"]], "people" in a)' "$T/out" 2>&1)
[ "$got" = "2 False 3 [('(fewer than 3 each)', 2)] False" ] &&
    ok "S012: 2 attendees, countries folded below 3, no names" || not_ok "attendance S012: $got"
NAME_A=$(sqlite3 "$FILE" "SELECT name FROM registrations WHERE id = $A")
grep -qF "$NAME_A" "$T/out" && not_ok "the export names someone with attendance-names off" ||
    ok "no attendee's name in it"
expect "attendance-names on" 0 org attendance-names on
expect "export attendance S012 as CSV" 0 org export attendance S012
grep -q "^person,.*$(sqlite3 "$FILE" "SELECT country FROM registrations WHERE id = $A")" "$T/out" &&
    grep -qF "$NAME_A" "$T/out" && grep -q '^total,attendees,2' "$T/out" &&
    ok "with the policy on, the CSV names the 2 people" || not_ok "attendance CSV: $(cat "$T/out")"
expect "an unknown session is an error" 1 org export attendance NOPE
stop_hub
finish
