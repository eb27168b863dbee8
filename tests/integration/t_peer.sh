#!/bin/bash
# t_peer.sh - doors that agree without the hub (docs/sync-protocol.md, "Peer exchange"): a real
# lanyard-hub and seven real headless kiosks on loopback. Five exchange their journals directly
# (two entrances and an exit with `reentry = once_per_day`, two doors of one room whose session
# holds 3); two more entrances take no part (partitioned from everyone). With the hub stopped: a
# badge admitted at door 1 is refused at door 2 within a second (already_entered: it is inside, so
# it may have been passed back), while door 1 itself, shown it again at once, says already inside
# (the same person twice); after it left through the exit, door 2 refuses it (once per day); the
# room's capacity holds
# across its two doors. With the hub back: every check-in is stored once at the hub (journals
# and hub compared uuid by uuid, peer copies never uploaded), the kiosks stop counting the peer
# entries the hub's count includes, and the double admission by the two partitioned entrances is
# recorded as a conflict (lanyard conflicts, the counts' "conflicts"). Last, hostile messages to a
# kiosk's peer port (malformed, oversized, unknown key, forged signature) are refused and change
# nothing. The hub's backend is a parameter, as in t_sync.sh: LY_HUB_DB=sqlite:FILE (the default)
# or LY_HUB_DB=postgresql://... (t_peer_pg.sh).
. "$(dirname "$0")/lib.sh"
trap '' PIPE
TODAY=$(date +%F) AT=$(date +%F)T10:00
HUB_PID= PORT=0 starts=0
declare -A KPID FD
cleanup() {
    [ -n "$HUB_PID" ] && kill -9 "$HUB_PID" 2>/dev/null
    for p in "${KPID[@]}"; do kill -9 "$p" 2>/dev/null; done
    rm -rf "$T"
}
trap cleanup EXIT
for p in lanyard lanyard-hub lanyard-kiosk; do
    [ -x "$LY_BIN/$p" ] || { not_ok "no $LY_BIN/$p to test (build it first)"; finish; }
done
HUB_DB=${LY_HUB_DB:-sqlite:$T/hub.db}
case $HUB_DB in
sqlite:*) FILE=${HUB_DB#sqlite:} ;;
*) FILE=$T/org.db ;;
esac
org() { ly --db "$HUB_DB" "$@"; } # the hub's commands
file() { ly --db "$FILE" "$@"; }  # the organizer's
hubq() {
    case $HUB_DB in
    sqlite:*) sqlite3 "$FILE" "$1" ;;
    *) psql -Atq "$HUB_DB" -c "$1" ;;
    esac
}
kq() { sqlite3 "$T/$1.db" "$2"; }
ms() { date +%s%3N; }
field() { /usr/bin/python3 -c 'import json,sys; d=json.loads(sys.argv[1]); print(eval(sys.argv[2]))' "$1" "$2"; }
lines() { if [ -f "$1" ]; then grep -c . "$1"; else echo 0; fi; }

# The hub's clock runs from the kiosks' --at too (the hub ends a session's count at its end plus
# grace by its own clock: docs/gates.md, "Occupancy").
SHIFT=$(($(date -u -d "$AT" +%s) * 1000 - $(date +%s%3N)))
start_hub() {
    starts=$((starts + 1))
    LY_TEST_CLOCK_SHIFT_MS=$SHIFT "$LY_BIN/lanyard-hub" --db "$HUB_DB" --listen "127.0.0.1:$PORT" --pool 3 \
        --log-requests no 2>"$T/hub-$starts.log" &
    HUB_PID=$!
    for _ in $(seq 100); do
        grep -q 'msg=listening' "$T/hub-$starts.log" 2>/dev/null && break
        kill -0 $HUB_PID 2>/dev/null || break
        sleep 0.1
    done
    PORT=$(grep -o 'msg=listening.* port=[0-9]*' "$T/hub-$starts.log" | grep -o '[0-9]*$')
    [ -n "$PORT" ] || { PORT=0; return 1; }
    U=http://127.0.0.1:$PORT
}
stop_hub() {
    kill -TERM "$HUB_PID" 2>/dev/null
    wait "$HUB_PID" 2>/dev/null
    HUB_PID=
}

check "demo forum of 50 today" file demo-data --count 50 --start "$TODAY"
# The session on in room 3 at 10:00 holds 3 people (before any kiosk takes a snapshot).
check "session S003 in room 3 holds 3" sqlite3 "$FILE" "UPDATE sessions SET capacity = 3 WHERE ext_id = 'S003'"
[ "$FILE" = "${HUB_DB#sqlite:}" ] || check "load it into the hub's database" ly --db "$HUB_DB" load --from "$FILE"
start_hub && ok "hub listens on port $PORT" || { not_ok "hub did not start"; cat "$T"/hub-*.log >&2; finish; }

# KIOSK NAME GATE [OPTIONS...]: enrolled, then started headless on its FIFO.
PEERS="d1 d2 x1 r1 r2"
enroll() {
    local code
    code=$(org enroll --name "$2" --gate "$3" --no-qr | head -1) &&
        shift_enroll_code "$HUB_DB" "$2" "$SHIFT" &&
        echo "$code" | "$LY_BIN/lanyard-kiosk" --db "$T/$1.db" --hub "$U" --enroll - >/dev/null \
            2>"$T/$1.enroll"
}
kstart() { # KIOSK OPTIONS...
    local k=$1
    shift
    [ -p "$T/$k.fifo" ] || mkfifo "$T/$k.fifo"
    "$LY_BIN/lanyard-kiosk" --headless --db "$T/$k.db" --source "wedge:$T/$k.fifo" --holdoff 0 \
        --at "$AT" "$@" >>"$T/$k.out" 2>>"$T/$k.err" &
    KPID[$k]=$!
    exec {fd}>"$T/$k.fifo"
    FD[$k]=$fd
}
ok_enroll=0
enroll d1 "Door 1" entrance && enroll d2 "Door 2" entrance && enroll x1 "Exit" exit &&
    enroll r1 "Room 3 east" room:3 && enroll r2 "Room 3 west" room:3 &&
    enroll p1 "Annex door 1" entrance && enroll p2 "Annex door 2" entrance && ok_enroll=1
[ $ok_enroll = 1 ] && ok "seven kiosks enrolled" || { not_ok "enrollment: $(cat "$T"/*.enroll)"; finish; }
for k in d1 d2 x1; do kstart $k --reentry once_per_day --peer-listen 127.0.0.1:0; done
for k in r1 r2; do kstart $k --peer-listen 127.0.0.1:0; done
for k in p1 p2; do kstart $k --reentry once_per_day; done # no peer exchange: partitioned

# Each peer learns the others' addresses from the hub's change feed (its key changes).
known() { [ "$(kq "$1" "SELECT count(*) FROM peers WHERE addr <> '' AND kiosk_id <> (SELECT kiosk_id FROM kiosk)")" -ge 4 ]; }
all_known=1
for k in $PEERS; do wait_for 20 "known $k" || { all_known=0; echo "# $k knows: $(kq $k "SELECT addr FROM peers")" >&2; }; done
[ $all_known = 1 ] && ok "each of the five peers knows the other four from the hub" ||
    { not_ok "peers not listed"; tail -5 "$T"/hub-*.log >&2; }
grep -q "peer: listening on 127.0.0.1:" "$T/d1.err" && ok "d1's peer listener took a port at run time" ||
    not_ok "d1: $(cat "$T/d1.err")"
[ "$(kq p1 "SELECT count(*) FROM peers WHERE kiosk_id = (SELECT kiosk_id FROM kiosk) AND addr <> ''")" = 0 ] &&
    ok "a kiosk without --peer-listen is listed without an address" || not_ok "p1 advertises"

# decide KIOSK CODE: feeds one code and prints the decision line it gets.
decide() {
    local kiosk=$1 before
    before=$(lines "$T/$kiosk.out")
    printf '%s\n' "$2" >&"${FD[$kiosk]}"
    wait_for 10 '[ "$(lines "$T/$kiosk.out")" -gt "$before" ]' || return 1
    sed -n "$((before + 1))p" "$T/$kiosk.out"
}
held() { kq "$1" "SELECT count(*) FROM peer_checkins WHERE uuid = '$2'"; } # KIOSK UUID

stop_hub
for k in d1 d2 x1 r1 r2 p1 p2; do wait_for 10 "grep -q 'sync: offline' '$T/$k.err'" || true; done
ok "hub stopped"

# --- Re-entry across doors, hub down.
A=$(file badge code 11)
d=$(decide d1 "$A")
[ "$(field "$d" 'd["decision"]')" = granted ] && ok "door 1 admits badge 11" || not_ok "door 1: $d"
u=$(field "$d" 'd["uuid"]')
t0=$(ms)
if wait_for 1 '[ "$(held d2 "$u")" = 1 ]' 0.05; then
    ok "door 2 holds door 1's check-in $(($(ms) - t0)) ms after door 1 decided (under 1 s)"
else
    not_ok "door 2 did not get door 1's check-in within 1 s"
fi
d=$(decide d2 "$A")
[ "$(field "$d" 'd["decision"], d["reason_code"]')" = "('denied', 'already_entered')" ] &&
    ok "door 2 refuses badge 11: entered at door 1 and not out since (once_per_day)" || not_ok "door 2: $d"
REFUSED=$(field "$d" 'd["uuid"]')
d=$(decide d1 "$A")
[ "$(field "$d" 'd["decision"]')" = already_inside ] &&
    ok "door 1, shown badge 11 again at once: already inside (within its repeat window)" || not_ok "door 1 again: $d"
# Movements of several doors are ordered by their kiosks' clocks; each kiosk's rehearsal clock
# (--at) starts at its own start, so theirs differ by up to how far apart they started (a venue's
# kiosks keep NTP time). The exit comes well after the entry on every clock.
sleep 2
d=$(decide x1 "$A")
[ "$(field "$d" 'd["decision"]')" = granted ] && ok "badge 11 leaves through the exit" || not_ok "exit: $d"
u=$(field "$d" 'd["uuid"]')
wait_for 1 '[ "$(held d2 "$u")" = 1 ]' 0.05 && ok "door 2 holds the exit within 1 s" || not_ok "exit not at door 2"
d=$(decide d2 "$A")
[ "$(field "$d" 'd["decision"], d["reason_code"]')" = "('denied', 'reentry_today')" ] &&
    ok "door 2 refuses badge 11 again today (once_per_day at door 1)" || not_ok "door 2 after exit: $d"

# --- Room capacity across two doors, hub down: the session holds 3.
for id in 21 22; do
    d=$(decide r1 "$(file badge code $id)")
    [ "$(field "$d" 'd["decision"]')" = granted ] || not_ok "room east, badge $id: $d"
    u=$(field "$d" 'd["uuid"]')
    wait_for 1 '[ "$(held r2 "$u")" = 1 ]' 0.05 || not_ok "room west did not get badge $id's entry"
done
d=$(decide r2 "$(file badge code 23)")
[ "$(field "$d" 'd["decision"]')" = granted ] && ok "3 admitted through two doors" || not_ok "room west, badge 23: $d"
u=$(field "$d" 'd["uuid"]')
wait_for 1 '[ "$(held r1 "$u")" = 1 ]' 0.05 || not_ok "room east did not get badge 23's entry"
d=$(decide r2 "$(file badge code 24)")
[ "$(field "$d" 'd["decision"], d["reason_code"]')" = "('denied', 'full')" ] &&
    ok "room west refuses the 4th: full (it admitted 1 itself)" || not_ok "room west, 4th: $d"
d=$(decide r1 "$(file badge code 25)")
[ "$(field "$d" 'd["decision"], d["reason_code"]')" = "('denied', 'full')" ] &&
    ok "room east refuses the 5th: full (it admitted 2 itself)" || not_ok "room east, 5th: $d"

# --- Partitioned from the hub and from each other: a double admission.
B=$(file badge code 31)
d=$(decide p1 "$B")
[ "$(field "$d" 'd["decision"]')" = granted ] && ok "annex door 1 admits badge 31" || not_ok "p1: $d"
d=$(decide p2 "$B")
[ "$(field "$d" 'd["decision"]')" = granted ] &&
    ok "annex door 2 admits it again (it cannot know: partitioned)" || not_ok "p2: $d"

# --- The hub returns: every check-in reaches it exactly once.
start_hub && ok "hub back on port $PORT" || not_ok "hub did not restart"
unsent() { local n=0 k; for k in d1 d2 x1 r1 r2 p1 p2; do n=$((n + $(kq $k "SELECT count(*) FROM checkins WHERE sent = 0"))); done; echo $n; }
wait_for 40 '[ "$(unsent)" = 0 ]' && ok "every kiosk uploaded its journal" || not_ok "$(unsent) still unsent"
for k in d1 d2 x1 r1 r2 p1 p2; do kq $k "SELECT uuid FROM checkins"; done | sort >"$T/journals"
hubq "SELECT uuid FROM checkins" | sort >"$T/hub.uuids"
n=$(wc -l <"$T/journals")
[ "$n" = 12 ] && cmp -s "$T/journals" "$T/hub.uuids" &&
    [ "$(sort "$T/journals" | uniq -d | wc -l)" = 0 ] &&
    ok "the hub holds each of the $n check-ins once, and nothing else" ||
    not_ok "hub $(wc -l <"$T/hub.uuids") rows, journals $n: $(diff "$T/journals" "$T/hub.uuids" | head -5)"
[ "$(hubq "SELECT decision || ' ' || reason_code || ' ' || direction FROM checkins WHERE uuid = '$REFUSED'")" = "denied already_entered 0" ] &&
    ok "the hub stores door 2's refusal of badge 11 as already_entered, moving nobody" ||
    not_ok "the refusal at the hub: $(hubq "SELECT decision, reason_code, direction FROM checkins WHERE uuid = '$REFUSED'")"
peer_rows=0
for k in $PEERS; do peer_rows=$((peer_rows + $(kq $k "SELECT count(*) FROM peer_checkins"))); done
[ "$peer_rows" -gt 0 ] && ok "the peers held $peer_rows copies of each other's entries, none uploaded" ||
    not_ok "no peer copies"

# The hub's count now includes the peers' entries: a kiosk adds only what the hub has not counted.
R2ID=$(kq r2 "SELECT kiosk_id FROM kiosk") R2SEQ=$(kq r2 "SELECT max(seq) FROM checkins")
wait_for 15 '[ "$(kq r1 "SELECT acked_seq FROM peers WHERE kiosk_id = '"'$R2ID'"'")" = "$R2SEQ" ] &&
    [ "$(kq r1 "SELECT value FROM meta WHERE key = '"'hub_inside:session:S003'"'")" = 3 ]' &&
    ok "room east learns from the hub that its count includes room west's $R2SEQ check-ins" ||
    not_ok "room east's acked_seq for room west: $(kq r1 "SELECT acked_seq FROM peers WHERE kiosk_id = '$R2ID'"), want $R2SEQ"
hub_in=$(kq r1 "SELECT value FROM meta WHERE key = 'hub_inside:session:S003'")
[ "$hub_in" = 3 ] && ok "room east holds the hub's count of the session (3)" || not_ok "room east's hub count: '$hub_in'"
d=$(decide r1 "$(file badge code 26)")
[ "$(field "$d" 'd["decision"], d["reason_code"]')" = "('denied', 'full')" ] &&
    ok "room east: still full at 3, not 3 + the peer's 1 counted twice" || not_ok "room east: $d"
hubq "SELECT count(*) FROM checkins WHERE place = 'session:S003' AND direction = 1" >"$T/in"
[ "$(cat "$T/in")" = 3 ] && ok "the hub counts 3 entries into the session" || not_ok "hub entries: $(cat "$T/in")"

# --- The double admission is a conflict at the hub, shown to organizers.
expect "lanyard conflicts --json" 0 org conflicts --json
/usr/bin/python3 -c '
import json, sys
c = json.load(open(sys.argv[1]))
sys.exit(not (len(c) == 1 and c[0]["attendee_id"] == 31 and c[0]["place"] == "venue"
              and c[0]["policy"] == "once_per_day"
              and {c[0]["first_kiosk"], c[0]["second_kiosk"]} == {"Annex door 1", "Annex door 2"}))' "$T/out" &&
    ok "one conflict: badge 31 admitted twice into the venue by the two annex doors" ||
    not_ok "conflicts: $(cat "$T/out")"
expect "lanyard conflicts" 0 org conflicts
grep -q "^1 conflict$" "$T/out" && ok "and in text" || not_ok "conflicts text: $(cat "$T/out")"
expect "lanyard counts" 0 org counts --json
[ "$(field "$(cat "$T/out")" 'd["conflicts"]')" = 1 ] && ok "the counts say 1 conflict" ||
    not_ok "counts: $(head -c 300 "$T/out")"

# --- Hostile peer messages to door 1's listener: refused, nothing stored, d1 still deciding.
D1=$(kq d1 "SELECT value FROM meta WHERE key = 'peer_addr'")
before=$(kq d1 "SELECT count(*) FROM peer_checkins")
post() { curl -s -o /dev/null -w '%{http_code}' --max-time 5 -H 'Content-Type: application/json' \
    --data-binary "@$1" "http://$D1/peer/v1/checkins"; }
D2ID=$(kq d2 "SELECT kiosk_id FROM kiosk") D2KEY=$(kq d2 "SELECT key_id FROM kiosk_key")
sig=$(printf '0%.0s' $(seq 128))
entry() { printf '{"uuid":"%s","seq":%s,"wall_ms":1,"gate":"entrance","attendee_id":12,"decision":"granted","place":"venue","direction":1,"policy":"","sig":"%s"}' "$1" "$2" "$sig"; }
printf '{"from":"%s","key_id":%s,"checkins":[%s]}' "$D2ID" "$D2KEY" "$(entry 00000000-0000-4000-8000-000000000001 99)" >"$T/forged"
printf '{"from":"%s","key_id":%s,"checkins":[%s]}' "$D2ID" 4242 "$(entry 00000000-0000-4000-8000-000000000001 99)" >"$T/unknown"
printf '{"from":"%s","key_id":1,' "$D2ID" >"$T/broken"
/usr/bin/python3 -c 'import sys; sys.stdout.write("{\"from\":\"" + "x" * 70000 + "\"}")' >"$T/huge"
[ "$(post "$T/forged")" = 403 ] && ok "a forged signature with door 2's key: 403" || not_ok "forged: $(post "$T/forged")"
[ "$(post "$T/unknown")" = 403 ] && ok "an unknown key: 403" || not_ok "unknown key"
[ "$(post "$T/broken")" = 400 ] && ok "malformed JSON: 400" || not_ok "malformed"
[ "$(post "$T/huge")" = 413 ] && ok "a 70 KB message: 413" || not_ok "oversized: $(post "$T/huge")"
[ "$(kq d1 "SELECT count(*) FROM peer_checkins")" = "$before" ] && grep -q "peer: refused a message: bad signature" "$T/d1.err" &&
    ok "nothing stored, each refusal logged" || not_ok "d1 stored hostile entries"
d=$(decide d1 "$(file badge code 12)")
[ "$(field "$d" 'd["decision"]')" = granted ] && ok "door 1 still decides (badge 12 admitted)" || not_ok "d1 after: $d"

for k in d1 d2 x1 r1 r2 p1 p2; do
    exec {fd}>&-
    eval "exec ${FD[$k]}>&-"
    kill -TERM "${KPID[$k]}" 2>/dev/null
done
for k in d1 d2 x1 r1 r2 p1 p2; do
    wait "${KPID[$k]}" 2>/dev/null
    unset "KPID[$k]"
done
! grep -l "ERROR: AddressSanitizer\|runtime error" "$T"/*.err >/dev/null 2>&1 && ok "no sanitizer report" ||
    not_ok "sanitizer: $(grep -l "AddressSanitizer\|runtime error" "$T"/*.err)"
stop_hub
finish
