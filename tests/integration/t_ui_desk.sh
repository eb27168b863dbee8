#!/bin/bash
# t_ui_desk.sh - the badge desk on the kiosk's screen (SDL's offscreen driver, scripted touches and
# typed text through SDL text input, as from a USB keyboard): a kiosk enrolled with a real hub on
# loopback and a ZPL printer on loopback; a staff badge opens staff mode; a walk-in typed in
# Chinese is registered, journaled with its registration and printed; a person found by name is
# reprinted with a new version; the print jobs screen lists a failed job and prints it again
# when staff ask; the hub receives the walk-in and the reprint with the next sync.
. "$(dirname "$0")/lib.sh"
export SDL_VIDEODRIVER=offscreen SDL_AUDIODRIVER=dummy
HUB_PID= PRN_PID=
cleanup() {
    for p in $HUB_PID $PRN_PID; do
        kill -9 "$p" 2>/dev/null
        wait "$p" 2>/dev/null
    done
    [ -n "${LY_KEEP:-}" ] || rm -rf "$T"
}
trap cleanup EXIT
HUB=$T/hub.db TODAY=$(date +%F) QRFRAME=$LY_ROOT/build/tools/qrframe
K() { "$LY_BIN/lanyard-kiosk" "$@"; }
kq() { sqlite3 "$T/k.db" "$1"; }
labels() { find "$T/labels" -name 'job-*.bin' 2>/dev/null | wc -l; }
wait_file() {
    local deadline=$((SECONDS + $1))
    until [ -s "$2" ]; do
        [ $SECONDS -ge $deadline ] && return 1
        sleep 0.1
    done
}

"$QRFRAME" "$T/scene.png" 1280x720 - noise=3 # a camera frame without a code
check "demo forum of 40 today" ly --db "$HUB" demo-data --count 40 --start "$TODAY"
"$LY_BIN/lanyard-hub" --db "sqlite:$HUB" --listen 127.0.0.1:0 --log-requests no 2>"$T/hub.log" &
HUB_PID=$!
for i in $(seq 100); do grep -q msg=listening "$T/hub.log" && break; sleep 0.1; done
U=http://127.0.0.1:$(grep -o 'msg=listening.* port=[0-9]*' "$T/hub.log" | grep -o '[0-9]*$')
mkdir -p "$T/labels"
python3 "$LY_ROOT/tests/tools/sockprinter.py" --lang zpl --dir "$T/labels" &
PRN_PID=$!
wait_file 10 "$T/labels/port" && ok "hub and ZPL printer on loopback" || { not_ok "setup"; finish; }
PRN=zpl:tcp:127.0.0.1:$(cat "$T/labels/port")
check "enroll the desk" K --db "$T/k.db" --hub "$U" --enroll "$(ly --db "$HUB" enroll --name desk --gate desk --no-qr | head -1)"
STAFF=$(sqlite3 "$HUB" "SELECT id FROM registrations WHERE category = 'staff' LIMIT 1")
if [ -z "$STAFF" ]; then
    STAFF=$(sqlite3 "$HUB" "SELECT id FROM registrations LIMIT 1")
    sqlite3 "$HUB" "UPDATE registrations SET category = 'staff',
        seq = (SELECT value FROM meta WHERE key = 'change_seq') + 1 WHERE id = $STAFF;
        UPDATE meta SET value = value + 1 WHERE key = 'change_seq'"
    K --db "$T/k.db" --sync-once >/dev/null 2>&1
fi
SCODE=$(ly --db "$HUB" badge code "$STAFF")
PERSON=$(sqlite3 "$HUB" "SELECT id FROM registrations WHERE attendance = 'onsite' AND
    category = 'participant' AND name_latin = '' AND name GLOB '[A-Z]*' ORDER BY id LIMIT 1")
PNAME=$(sqlite3 "$HUB" "SELECT upper(substr(name, 1, 4)) FROM registrations WHERE id = $PERSON")

cat >"$T/events" <<EOS
screen idle
code $SCODE
screen staff
tap walkin
screen walkin
text 王小明
wait 300
tap field:affiliation
wait 300
text 清华大学
wait 300
tap field:country
wait 300
text China
wait 300
tap cycle:category
wait 300
tap register
screen result 20000
wait 3000
tap back
screen staff
tap search
screen search
text $PNAME
screen search-found 20000
tap found:0
screen person
tap reason:1
wait 300
tap reprint
screen result 20000
wait 3000
tap back
screen person
tap back
screen search
tap back
screen staff
tap jobs
screen jobs
wait 1000
quit
EOS
timeout 120 "$LY_BIN/lanyard-kiosk" --db "$T/k.db" --source "file:$T/scene.png" --size 1280x800 \
    --printer "$PRN" --holdoff 0 --events "$T/events" >"$T/out" 2>"$T/err"
grep -q '"screen":"jobs"' "$T/out" && ok "the script went through walk-in, reprint and print jobs" ||
    { not_ok "script: $(tail -5 "$T/err")"; grep -o '"screen":"[a-z]*"' "$T/out" | uniq | tail -5 >&2; }
W=$(kq "SELECT attendee_id FROM checkins WHERE decision = 'registered'")
[ -n "$W" ] && [ "$W" -ge "$(kq "SELECT id_first FROM kiosk_key")" ] &&
    [ "$(kq "SELECT name || '|' || affiliation || '|' || country || '|' || category FROM walkins")" = \
        "王小明|清华大学|CN|speaker" ] &&
    ok "the walk-in typed on the screen is journaled with its registration (id $W)" ||
    not_ok "walk-in: $(kq "SELECT * FROM walkins")"
[ "$(kq "SELECT staff_note FROM checkins WHERE decision = 'reprinted' AND attendee_id = $PERSON")" = \
    "$(sqlite3 "$HUB" "SELECT name FROM registrations WHERE id = $STAFF"): Forgot badge, identity checked" ] &&
    [ "$(kq "SELECT badge_version FROM attendees WHERE id = $PERSON")" = 2 ] &&
    ok "the reprint is journaled with the staff badge's holder and the reason, version 2" ||
    not_ok "reprint: $(kq "SELECT attendee_id, staff_note FROM checkins WHERE decision = 'reprinted'")"
[ "$(kq "SELECT count(*) FROM print_jobs WHERE state = 'printed'")" = 2 ] && [ "$(labels)" = 2 ] &&
    ok "both badges printed" || not_ok "jobs: $(kq "SELECT id, state, reason FROM print_jobs")"
grep -q '"presented":"granted"\|"screen":"result"' "$T/out" && ok "the results were shown" || not_ok "results"

# A failed job, then staff print it again from the print jobs screen.
echo paper-out >"$T/labels/mode"
check "a reprint while the printer is out of labels" bash -c "'$LY_BIN/lanyard-kiosk' --db '$T/k.db' \
    --printer '$PRN' --reprint $PERSON --staff Ana --reason 'torn' | grep -q media-out"
# The printer's state before anyone prints (the worker asks it at the start): the idle screen
# says it in the attendee's words and on the status line, the health screen with its labels
# since the kiosk started and its last problem (LY_UI_TRACE_TEXT: the words drawn, as JSON
# lines).
cat >"$T/events3" <<EOS
screen idle
wait 2500
code $SCODE
screen staff
tap exit
screen idle
wait 500
code $SCODE
screen staff
tap health
screen health
wait 1500
quit
EOS
LY_UI_TRACE_TEXT=1 timeout 120 "$LY_BIN/lanyard-kiosk" --db "$T/k.db" --source "file:$T/scene.png" \
    --size 800x480 --printer "$PRN" --holdoff 0 --events "$T/events3" >"$T/out3" 2>"$T/err3"
texts() { grep '^{"texts"' "$T/out3"; }
texts | grep -q '"The printer is out of labels. Please see the badge desk."' &&
    texts | grep -q '"Badge desk","Printer out of labels  ·  Online  ·  ' &&
    ok "idle: out of labels said to attendees and first on the status line" ||
    not_ok "idle with the printer out of labels: $(texts | grep -v Staff | tail -1)"
texts | grep -q '"Printer","Printer out of labels  ·  0 labels printed"' &&
    texts | grep -q '"Last printer problem","0 minutes ago  ·  Zebra reports paper out"' &&
    ok "health: the printer's state, labels printed and last problem" ||
    not_ok "health: $(texts | grep Printer | tail -1)"
echo ok >"$T/labels/mode"
cat >"$T/events2" <<EOS
screen idle
code $SCODE
screen staff
tap jobs
screen jobs
wait 1500
tap retry:0
wait 4000
quit
EOS
timeout 120 "$LY_BIN/lanyard-kiosk" --db "$T/k.db" --source "file:$T/scene.png" --size 1280x800 \
    --printer "$PRN" --holdoff 0 --events "$T/events2" >"$T/out2" 2>"$T/err2"
[ "$(kq "SELECT count(*) FROM print_jobs WHERE state = 'printed'")" = 3 ] && [ "$(labels)" = 3 ] &&
    ok "the failed job is printed again from the print jobs screen" ||
    not_ok "retry: $(kq "SELECT id, state, reason FROM print_jobs") $(tail -3 "$T/err2")"
check "the desk syncs" K --db "$T/k.db" --sync-once
[ "$(sqlite3 "$HUB" "SELECT name FROM registrations WHERE id = $W")" = 王小明 ] &&
    [ "$(sqlite3 "$HUB" "SELECT badge_version FROM registrations WHERE id = $PERSON")" = 3 ] &&
    ok "the hub has the walk-in and the reprints" || not_ok "hub after sync"
finish
