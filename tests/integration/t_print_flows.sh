#!/bin/bash
# t_print_flows.sh - printing at the kiosk end to end, with a real lanyard-hub on loopback, real
# kiosk processes and a ZPL printer on loopback (tests/tools/sockprinter.py): badge pickup at a
# pickup point (a ticket code and a badge, entry rules not applied, a repeat refused, counted as
# arrival once at the hub with the later entrance); a printer out of paper (the failure in the
# JSON, scanning going on, staff's retry printing once); a kiosk killed while a job was with the
# printer (held at restart, never resent by itself, printed once when staff ask); a reprint made
# while the hub is down refusing the old badge at a second kiosk after both sync; two kiosks
# reprinting one badge offline converging on one valid version with both prints at the hub; a
# walk-in registered while the hub is down admitted at another kiosk after sync and counted
# once; a revoked kiosk's key refused everywhere after one sync. The hub's backend is a
# parameter: LY_HUB_DB=sqlite:FILE (default) or postgresql://... (t_print_flows_pg.sh).
. "$(dirname "$0")/lib.sh"
trap '' PIPE
HUB_DB=${LY_HUB_DB:-sqlite:$T/hub.db}
case $HUB_DB in
sqlite:*) FILE=${HUB_DB#sqlite:} ;;
*) FILE=$T/org.db ;;
esac
TODAY=$(date +%F) AT=$(date +%F)T10:00
HUB_PID= PRN_PID= PORT=0 starts=0
cleanup() {
    for p in $HUB_PID $PRN_PID; do
        kill -9 "$p" 2>/dev/null
        wait "$p" 2>/dev/null
    done
    rm -rf "$T"
}
trap cleanup EXIT
for p in lanyard lanyard-hub lanyard-kiosk; do
    [ -x "$LY_BIN/$p" ] || { not_ok "no $LY_BIN/$p to test (build it first)"; finish; }
done
K() { "$LY_BIN/lanyard-kiosk" "$@"; }
org() { ly --db "$HUB_DB" "$@"; }
file() { ly --db "$FILE" "$@"; }
publish() { [ "$FILE" = "${HUB_DB#sqlite:}" ] || ly --db "$HUB_DB" load --from "$FILE" >/dev/null; }
hubq() {
    case $HUB_DB in
    sqlite:*) sqlite3 "$FILE" "$1" ;;
    *) psql -Atq "$HUB_DB" -c "$1" ;;
    esac
}
kq() { sqlite3 "$T/$1.db" "$2"; }
js() { python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print(eval(sys.argv[2]))' "$@"; }
labels() { find "$T/labels" -name 'job-*.bin' 2>/dev/null | wc -l; }
printer_state() { echo "$1" >"$T/labels/mode"; } # sockprinter.py's modes

start_hub() {
    starts=$((starts + 1))
    "$LY_BIN/lanyard-hub" --db "$HUB_DB" --listen "127.0.0.1:$PORT" --pool 3 --log-requests no \
        2>"$T/hub-$starts.log" &
    HUB_PID=$!
    wait_for 10 "grep -q msg=listening '$T/hub-$starts.log'" || return 1
    PORT=$(grep -o 'msg=listening.* port=[0-9]*' "$T/hub-$starts.log" | grep -o '[0-9]*$')
    U=http://127.0.0.1:$PORT
}
stop_hub() {
    kill -TERM "$HUB_PID" 2>/dev/null
    wait "$HUB_PID" 2>/dev/null
    HUB_PID=
}

# --- The event, the hub, a ZPL printer on loopback.
check "demo forum of 60 today" file demo-data --count 60 --start "$TODAY"
mapfile -t ON < <(sqlite3 "$FILE" "SELECT id FROM registrations WHERE attendance = 'onsite'
    ORDER BY id LIMIT 8")
TICKETED=${ON[0]} PICKER=${ON[1]} LOST=${ON[2]} BOTH=${ON[3]} PAPER=${ON[4]} CRASH=${ON[5]}
sqlite3 "$FILE" "INSERT OR REPLACE INTO alt_codes (code, registration_id, seq)
    VALUES ('PRETIX-7Q4K9', $TICKETED, (SELECT value FROM meta WHERE key = 'change_seq'))"
check "load it into the hub's database" publish
start_hub && ok "hub listens (port $PORT)" || { not_ok "hub did not start"; cat "$T"/hub-*.log >&2; finish; }
mkdir -p "$T/labels"
python3 "$LY_ROOT/tests/tools/sockprinter.py" --lang zpl --dir "$T/labels" &
PRN_PID=$!
wait_for 10 "[ -s '$T/labels/port' ]" && ok "a ZPL printer on loopback" || { not_ok "printer"; finish; }
PRN=zpl:tcp:127.0.0.1:$(cat "$T/labels/port")

code() { org enroll --name "$1" --gate "$2" --no-qr | head -1; }
for k in pickup entrance deska deskb; do
    gate=$k
    case $k in desk*) gate=desk ;; esac
    check "enroll $k" K --db "$T/$k.db" --hub "$U" --enroll "$(code "$k" "$gate")"
done
[ "$(kq deska "SELECT length(certificate) FROM kiosk_key")" = 64 ] &&
    [ "$(kq deska "SELECT id_last - id_first + 1 FROM kiosk_key")" = 65536 ] &&
    [ "$(kq deska "SELECT id_first FROM kiosk_key")" != "$(kq deskb "SELECT id_first FROM kiosk_key")" ] &&
    ok "enrollment gave each kiosk a certified key and its own range of walk-in ids" ||
    not_ok "kiosk keys: $(kq deska "SELECT key_id, id_first, id_last FROM kiosk_key")"
hubq "SELECT count(*) FROM kiosks WHERE key_seq IS NOT NULL" | grep -qx 4 &&
    ok "the hub records the four kiosk keys" || not_ok "hub kiosk keys"
for k in pickup entrance deska deskb; do K --db "$T/$k.db" --sync-once >/dev/null 2>&1; done
[ "$(kq entrance "SELECT count(*) FROM public_keys")" -ge 5 ] &&
    ok "after one sync every kiosk holds the other kiosks' keys" ||
    not_ok "keys at entrance: $(kq entrance "SELECT count(*) FROM public_keys")"

# --- Badge pickup. A pickup point checks the registration, not the entry rules: three days
# before the event the entrance refuses, the pickup prints.
mkfifo "$T/pickup.fifo"
"$LY_BIN/lanyard-kiosk" --headless --db "$T/pickup.db" --source "wedge:$T/pickup.fifo" \
    --holdoff 0 --at "$(date -d '-3 days' +%F)T09:00" --printer "$PRN" >"$T/pickup.out" \
    2>"$T/pickup.err" &
PK=$!
exec 7>"$T/pickup.fifo"
feed() { echo "$1" >&7; }
nl() { grep -c '"decision"' "$T/pickup.out"; }
feed PRETIX-7Q4K9
wait_for 10 "grep -q '\"state\":\"printed\"' '$T/pickup.out'" &&
    grep -q '"decision":"picked_up".*"code_kind":"ticket_code"' "$T/pickup.out" &&
    ok "an imported ticket code picks up its badge: journaled picked_up, printed" ||
    not_ok "pickup by ticket: $(cat "$T/pickup.out" "$T/pickup.err")"
[ "$(labels)" = 1 ] && ok "one label reached the printer" || not_ok "labels: $(labels)"
grep -q '\^GFA' "$T/labels/job-1.bin" && ok "the label is a ^GF bitmap" || not_ok "label"
PCODE=$(file badge code "$PICKER")
feed "$PCODE"
wait_for 10 "[ \$(grep -c '\"state\":\"printed\"' '$T/pickup.out') = 2 ]" &&
    ok "a Lanyard code picks up its badge" || not_ok "pickup by badge: $(tail -3 "$T/pickup.out")"
feed "$PCODE"
wait_for 10 "grep -q already_picked_up '$T/pickup.out'" && [ "$(labels)" = 2 ] &&
    ok "a second pickup is refused (only staff hand a badge out again), nothing printed" ||
    not_ok "repeat pickup: $(tail -2 "$T/pickup.out")"
[ "$(kq pickup "SELECT count(*) FROM checkins WHERE decision = 'picked_up' AND direction = 0
    AND place = ''")" = 2 ] && ok "pickups move nobody: no place, no direction" ||
    not_ok "pickup rows: $(kq pickup "SELECT decision, place, direction FROM checkins")"

# The kiosk's health report tells the hub its printer's state (first report 5 s after start).
ready_at_hub() { hubq "SELECT count(*) FROM kiosks WHERE health LIKE '%\"printer\":\"ready\"%'"; }
wait_for 20 '[ "$(ready_at_hub)" = 1 ]' && ok "the hub hears the pickup kiosk's printer is ready" ||
    not_ok "printer health at the hub: $(hubq "SELECT name, health FROM kiosks")"

# --- The printer runs out of paper: the failure is said, scanning goes on, staff retry.
printer_state paper-out
feed "$(file badge code "$PAPER")"
wait_for 20 "grep -q '\"reason\":\"media-out\"' '$T/pickup.out'" &&
    ok "out of labels: the job fails with media-out" || not_ok "paper out: $(tail -3 "$T/pickup.out")"
feed "$(file badge code "${ON[6]}")"
wait_for 10 "[ \$(grep -c '\"decision\":\"picked_up\"' '$T/pickup.out') = 4 ]" &&
    ok "the kiosk keeps deciding while the printer is out" || not_ok "scanning stopped"
grep -q "failed (media-out)" "$T/pickup.err" && ok "and the log says why" || not_ok "log: $(cat "$T/pickup.err")"
exec 7>&-
wait $PK
printer_state ok
before=$(labels)
J=$(kq pickup "SELECT id FROM print_jobs WHERE attendee_id = $PAPER")
[ "$(kq pickup "SELECT state || ' ' || reason FROM print_jobs WHERE id = $J")" = "failed media-out" ] &&
    ok "the journal keeps the job failed, with the printer's reason" || not_ok "job $J state"
expect "staff retry the failed job" 0 K --db "$T/pickup.db" --printer "$PRN" --print-retry "$J"
[ "$(labels)" = $((before + 1)) ] && [ "$(kq pickup "SELECT state FROM print_jobs WHERE id = $J")" = printed ] &&
    ok "the retry printed it once" || not_ok "retry: $(labels) labels, $(cat "$T/out")"

# --- A kiosk killed while its job is with the printer: held, never resent by itself.
printer_state silent
mkfifo "$T/crash.fifo"
"$LY_BIN/lanyard-kiosk" --headless --db "$T/pickup.db" --source "wedge:$T/crash.fifo" --holdoff 0 \
    --printer "$PRN" >"$T/crash.out" 2>"$T/crash.err" &
CK=$!
exec 8>"$T/crash.fifo"
echo "$(file badge code "$CRASH")" >&8
wait_for 10 "grep -q '\"state\":\"sent\"' '$T/crash.out'"
{
    kill -9 $CK
    wait $CK
} 2>/dev/null
exec 8>&-
CJ=$(kq pickup "SELECT id FROM print_jobs WHERE attendee_id = $CRASH")
[ "$(kq pickup "SELECT state FROM print_jobs WHERE id = $CJ")" = sent ] &&
    ok "killed mid-job: the journal says sent" || not_ok "crash job: $(kq pickup "SELECT * FROM print_jobs")"
printer_state ok
before=$(labels)
expect "the restarted kiosk lists its print jobs" 0 K --db "$T/pickup.db" --printer "$PRN" --print-jobs
grep -q "\"job\":$CJ,.*\"state\":\"held\",\"reason\":\"interrupted\"" "$T/out" &&
    ok "the job is held for staff after the restart" || not_ok "held: $(cat "$T/out" "$T/err")"
sleep 1
[ "$(labels)" = "$before" ] && ok "and was not resent by itself" || not_ok "resent: $(labels)"
expect "staff retry the held job" 0 K --db "$T/pickup.db" --printer "$PRN" --print-retry "$CJ"
[ "$(labels)" = $((before + 1)) ] && ok "printed once when staff asked" || not_ok "held retry"

# --- The entrance after the pickup: one arrival at the hub, not two.
check "pickup kiosk syncs" K --db "$T/pickup.db" --sync-once
printf '%s\n' "$PCODE" >"$T/enter.codes"
K --headless --db "$T/entrance.db" --source "wedge:$T/enter.codes" --holdoff 0 --at "$AT" \
    >"$T/enter.out" 2>&1
grep -q '"decision":"granted"' "$T/enter.out" && ok "the picker is granted entry" ||
    not_ok "entry: $(cat "$T/enter.out")"
check "entrance syncs" K --db "$T/entrance.db" --sync-once
[ "$(hubq "SELECT count(*) FROM onsite WHERE attendee_id = $PICKER")" = 1 ] &&
    [ "$(hubq "SELECT count(*) FROM checkins WHERE attendee_id = $PICKER")" = 3 ] &&
    ok "the hub counts the picker onsite once (pickup, refused repeat, entry)" ||
    not_ok "onsite: $(hubq "SELECT decision FROM checkins WHERE attendee_id = $PICKER")"
[ "$(hubq "SELECT count(*) FROM onsite WHERE attendee_id = $TICKETED")" = 1 ] &&
    ok "a pickup alone counts as arrival" || not_ok "pickup arrival"
# A second pickup point (the entrance kiosk made one for a moment) knows from the hub that the
# picker's badge was printed at the first, and refuses; someone not picked up yet is printed.
[ "$(kq entrance "SELECT picked_up FROM attendees WHERE id = $PICKER")" = 1 ] &&
    ok "after one sync the entrance kiosk knows the picker's badge was printed" ||
    not_ok "picked_up at entrance: $(kq entrance "SELECT picked_up FROM attendees WHERE id = $PICKER")"
FRESH=$(hubq "SELECT id FROM registrations WHERE attendance = 'onsite' AND NOT picked_up AND id NOT IN
    (SELECT attendee_id FROM checkins) ORDER BY id LIMIT 1")
printf '%s\n%s\n' "$PCODE" "$(file badge code "$FRESH")" >"$T/second.codes"
before=$(labels)
K --headless --db "$T/entrance.db" --gate pickup --source "wedge:$T/second.codes" --holdoff 0 \
    --at "$AT" --printer "$PRN" >"$T/second.out" 2>&1
grep '"decision"' "$T/second.out" | head -1 | grep -q '"reason_code":"already_picked_up"' &&
    grep '"decision"' "$T/second.out" | sed -n 2p | grep -q '"decision":"picked_up"' &&
    [ "$(labels)" = $((before + 1)) ] &&
    ok "a second pickup point refuses a badge printed at the first, and prints a new one" ||
    not_ok "second pickup point: $(cat "$T/second.out")"

# --- Reprints while the hub is down.
OLD=$(file badge code "$LOST")
stop_hub
expect "reprint at desk A while the hub is down" 0 K --db "$T/deska.db" --printer "$PRN" \
    --reprint "$LOST" --staff "Ana" --reason "lost at the hotel"
grep -q '"decision":"reprinted".*"badge_version":2' "$T/out" && ok "journaled as reprinted, version 2" ||
    not_ok "reprint: $(cat "$T/out")"
[ "$(kq deska "SELECT staff_note FROM checkins WHERE decision = 'reprinted'")" = "Ana: lost at the hotel" ] &&
    ok "with who asked and why" || not_ok "note"
printf '%s\n' "$OLD" >"$T/old.codes"
K --headless --db "$T/deska.db" --source "wedge:$T/old.codes" --gate desk --holdoff 0 --at "$AT" >"$T/olda.out" 2>&1
grep -q superseded "$T/olda.out" && ok "the old badge is refused at the reprinting kiosk at once" ||
    not_ok "old at A: $(cat "$T/olda.out")"
check "both desks reprint one badge while the hub is down (A)" K --db "$T/deska.db" \
    --printer "$PRN" --reprint "$BOTH" --staff "Ana" --reason "torn"
check "(B)" K --db "$T/deskb.db" --printer "$PRN" --reprint "$BOTH" --staff "Bo" --reason "lost"
expect "a walk-in at desk B while the hub is down" 0 K --db "$T/deskb.db" --printer "$PRN" \
    --walk-in "Nguyễn Thị Hương" --affiliation "Hanoi ICT" --country Vietnam \
    --stakeholder civil_society --category participant --staff "Bo"
WALKIN=$(python3 -c 'import json,sys; print(json.loads(open(sys.argv[1]).readline())["attendee"]["id"])' "$T/out")
[ "$WALKIN" -ge 2147483648 ] && [ "$WALKIN" -ge "$(kq deskb "SELECT id_first FROM kiosk_key")" ] &&
    [ "$WALKIN" -le "$(kq deskb "SELECT id_last FROM kiosk_key")" ] &&
    ok "the walk-in's id ($WALKIN) is from desk B's range" || not_ok "walk-in id $WALKIN"
WCODE=$(kq deskb "SELECT code FROM print_jobs WHERE attendee_id = $WALKIN")
start_hub && ok "hub back" || { not_ok "hub restart"; finish; }
for round in 1 2; do
    for k in deska deskb entrance pickup; do K --db "$T/$k.db" --sync-once >/dev/null 2>&1; done
done
[ "$(hubq "SELECT badge_version FROM registrations WHERE id = $LOST")" = 2 ] &&
    ok "the hub took the reprint's version" || not_ok "hub version"
K --headless --db "$T/entrance.db" --source "wedge:$T/old.codes" --holdoff 0 --at "$AT" >"$T/oldb.out" 2>&1
grep -q superseded "$T/oldb.out" && ok "the old badge is refused at another kiosk after both synced" ||
    not_ok "old at entrance: $(cat "$T/oldb.out")"
NEW=$(kq deska "SELECT code FROM print_jobs WHERE attendee_id = $LOST ORDER BY id DESC LIMIT 1")
printf '%s\n' "$NEW" >"$T/new.codes"
K --headless --db "$T/entrance.db" --source "wedge:$T/new.codes" --holdoff 0 --at "$AT" >"$T/new.out" 2>&1
grep -q '"decision":"granted"' "$T/new.out" && ok "the reprinted badge (signed by desk A's key) is admitted" ||
    not_ok "new badge: $(cat "$T/new.out")"

# The organizer reissues the reprinted badge (on SQLite, where the organizer's file is the hub's):
# the event's key signs version 3, admitted; desk A's version 2 refused.
if [ "$FILE" = "${HUB_DB#sqlite:}" ]; then
    check "the organizer reissues it" file badge reissue "$LOST"
    K --db "$T/entrance.db" --sync-once >/dev/null 2>&1
    file badge code "$LOST" >"$T/org.codes"
    cat "$T/new.codes" >>"$T/org.codes"
    K --headless --db "$T/entrance.db" --source "wedge:$T/org.codes" --holdoff 0 --at "$AT" \
        >"$T/org.out" 2>&1
    # (the holder entered with desk A's badge before: admitted as already inside)
    [ "$(grep -o '"decision":"[a-z_]*","reason":"[^"]*","reason_code":"[a-z_]*"' "$T/org.out" |
        cut -d'"' -f4,12 | tr '\n' ' ')" = "already_inside\" denied\"superseded " ] &&
        ok "the organizer's version 3 is admitted, the kiosk's version 2 refused" ||
        not_ok "reissue after reprint: $(cat "$T/org.out")"
fi

# Two reprints of one badge: the higher key id wins at every kiosk; both prints are kept.
KA=$(kq deska "SELECT key_id FROM kiosk_key") KB=$(kq deskb "SELECT key_id FROM kiosk_key")
WIN=$([ "$KA" -gt "$KB" ] && echo deska || echo deskb)
LOSE=$([ "$WIN" = deska ] && echo deskb || echo deska)
same=1
for k in deska deskb entrance pickup; do
    [ "$(kq $k "SELECT badge_version || ':' || badge_key FROM attendees WHERE id = $BOTH")" = \
        "2:$(kq $WIN "SELECT key_id FROM kiosk_key")" ] || same=0
done
[ $same = 1 ] && [ "$(hubq "SELECT badge_key FROM registrations WHERE id = $BOTH")" = "$(kq $WIN "SELECT key_id FROM kiosk_key")" ] &&
    ok "two offline reprints converge on version 2 of the higher key id at the hub and every kiosk" ||
    not_ok "convergence: $(for k in deska deskb entrance; do kq $k "SELECT badge_version, badge_key FROM attendees WHERE id = $BOTH"; done)"
[ "$(hubq "SELECT count(*) FROM checkins WHERE attendee_id = $BOTH AND decision = 'reprinted'")" = 2 ] &&
    ok "both prints are in the hub's journal" || not_ok "reprint entries at hub"
kq $WIN "SELECT code FROM print_jobs WHERE attendee_id = $BOTH" >"$T/win.codes"
kq $LOSE "SELECT code FROM print_jobs WHERE attendee_id = $BOTH" >"$T/lose.codes"
K --headless --db "$T/entrance.db" --source "wedge:$T/win.codes" --holdoff 0 --at "$AT" >"$T/win.out" 2>&1
K --headless --db "$T/entrance.db" --source "wedge:$T/lose.codes" --holdoff 0 --at "$AT" >"$T/lose.out" 2>&1
grep -q '"decision":"granted"' "$T/win.out" && grep -q superseded "$T/lose.out" &&
    ok "the winner's badge is admitted, the loser's refused as superseded" ||
    not_ok "win/lose: $(cat "$T/win.out" "$T/lose.out")"

# The walk-in: at the hub once, admitted at the entrance, counted once.
[ "$(hubq "SELECT name || '|' || country || '|' || source FROM registrations WHERE id = $WALKIN")" = \
    "Nguyễn Thị Hương|VN|walkin" ] && ok "the walk-in's registration reached the hub" ||
    not_ok "walk-in at hub: $(hubq "SELECT * FROM registrations WHERE id = $WALKIN")"
printf '%s\n' "$WCODE" >"$T/walkin.codes"
K --headless --db "$T/entrance.db" --source "wedge:$T/walkin.codes" --holdoff 0 --at "$AT" >"$T/walkin.out" 2>&1
grep -q '"decision":"granted".*"registered":true' "$T/walkin.out" &&
    ok "the walk-in is admitted at another kiosk after sync" || not_ok "walk-in entry: $(cat "$T/walkin.out")"
check "entrance syncs" K --db "$T/entrance.db" --sync-once
[ "$(hubq "SELECT count(*) FROM onsite WHERE attendee_id = $WALKIN")" = 1 ] &&
    [ "$(hubq "SELECT count(*) FROM checkins WHERE attendee_id = $WALKIN")" = 2 ] &&
    ok "counted once at the hub (registration and entry)" || not_ok "walk-in count"
RT=$(org read-token --label t)
ly counts --hub "$U" --token "$RT" --json >"$T/c.json" 2>/dev/null &&
    [ "$(js "$T/c.json" 'd["onsite_unique"]')" = "$(hubq "SELECT count(*) FROM onsite")" ] &&
    ok "the hub's counts say $(js "$T/c.json" 'd["onsite_unique"]') onsite" || not_ok "counts"

# --- Session access slips: the organizer turns them on for a session (the programme's `slips`
# column); its door prints one for each person it admits, none at a session without.
ROOM=$(sqlite3 "$FILE" "SELECT name FROM rooms ORDER BY id LIMIT 1")
RCAP=$(sqlite3 "$FILE" "SELECT capacity FROM rooms ORDER BY id LIMIT 1")
printf 'id,title,type,room,room_capacity,starts,ends,capacity,categories,slips\n%s\n%s\n' \
    "SL-1,Access slips demo,workshop,$ROOM,$RCAP,${TODAY} 09:30,${TODAY} 11:00,,,yes" \
    "SL-2,No slips here,workshop,$ROOM,$RCAP,${TODAY} 13:30,${TODAY} 15:00,,,no" >"$T/slips.csv"
check "import a programme with slips on for SL-1" file import sessions "$T/slips.csv"
check "publish it" publish
check "the door syncs" K --db "$T/entrance.db" --sync-once
[ "$(kq entrance "SELECT group_concat(ext_id || '=' || slips) FROM sessions WHERE ext_id LIKE 'SL-%'")" = "SL-1=1,SL-2=0" ] &&
    ok "kiosks learn which sessions print slips" || not_ok "slips flag: $(kq entrance "SELECT ext_id, slips FROM sessions WHERE ext_id LIKE 'SL-%'")"
before=$(labels)
printf '%s\n' "$PCODE" >"$T/slip.codes"
K --headless --db "$T/entrance.db" --gate session:SL-1 --source "wedge:$T/slip.codes" --holdoff 0 \
    --at "$AT" --printer "$PRN" >"$T/slip.out" 2>&1
# (the source ends at once: the kiosk waits for the printer's answer before it stops)
grep -q '"decision":"granted".*"print_job"' "$T/slip.out" &&
    [ "$(kq entrance "SELECT state FROM print_jobs WHERE kind = 'slip'")" = printed ] &&
    [ "$(labels)" = $((before + 1)) ] && ok "the SL-1 door admits and prints an access slip" ||
    not_ok "slip: $(cat "$T/slip.out")"
[ "$(kq entrance "SELECT kind || ':' || session || ':' || (code = '$PCODE') FROM print_jobs WHERE kind = 'slip'")" = "slip:SL-1:1" ] &&
    ok "the slip's job is journaled with its session and the badge's code for its QR" || not_ok "slip job"
K --headless --db "$T/entrance.db" --gate session:SL-2 --source "wedge:$T/slip.codes" --holdoff 0 \
    --at "${TODAY}T13:30" --printer "$PRN" >"$T/noslip.out" 2>&1
grep -q '"decision":"granted"' "$T/noslip.out" && ! grep -q print_job "$T/noslip.out" &&
    [ "$(labels)" = $((before + 1)) ] && ok "a session without slips prints nothing" ||
    not_ok "no slip: $(cat "$T/noslip.out")"

# --- A revoked kiosk's key is refused after one sync.
check "revoke desk B" org kiosks --revoke "deskb"
K --db "$T/entrance.db" --sync-once >/dev/null 2>&1
[ "$(kq entrance "SELECT count(*) FROM public_keys WHERE key_id = $KB")" = 0 ] &&
    ok "the entrance forgot desk B's key" || not_ok "key still held"
K --headless --db "$T/entrance.db" --source "wedge:$T/walkin.codes" --holdoff 0 --at "$AT" >"$T/rev.out" 2>&1
grep -q '"reason_code":"unknown_key"' "$T/rev.out" && ok "a badge signed by the revoked kiosk is refused" ||
    not_ok "revoked key: $(cat "$T/rev.out")"
finish
