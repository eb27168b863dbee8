#!/bin/bash
# t_stolen.sh - what a stolen kiosk gives away (docs/security.md, "A stolen kiosk"), with a real
# lanyard-hub on loopback and a real headless kiosk: after enrollment, a snapshot with another
# system's ticket code, a pickup by that code and by a badge (printed on a ZPL printer on
# loopback) and their upload, neither the kiosk's database file and its log (bytes, as `strings`
# sees them, and `sqlite3 .dump`) hold the hub token or the ticket code; the code still admits
# (looked up by its keyed hash); the token still works (the kiosk syncs); the key is a file of
# its own, mode 0600. No output (the hub's log, the kiosk's standard output and error, the print
# worker's lines) carries the name of an attendee it handled, the token or the ticket code.
# With `lock-after = 6h`, a kiosk whose hub has been silent for 7 hours of its clock (--at)
# decides nothing ("locked", nothing journaled), also after a restart, until staff enter the
# staff PIN on its screen or the hub answers again.
. "$(dirname "$0")/lib.sh"
ORG=$T/org.db TODAY=$(date +%F)
HUB_PID= PRN_PID= KPID=
cleanup() {
    for p in $HUB_PID $PRN_PID $KPID; do kill -9 "$p" 2>/dev/null; done
    rm -rf "$T"
}
trap cleanup EXIT
K() { "$LY_BIN/lanyard-kiosk" "$@"; }
kq() { sqlite3 "$T/k.db" "$1"; }
starts=0
start_hub() {
    starts=$((starts + 1))
    "$LY_BIN/lanyard-hub" --db "sqlite:$ORG" --listen 127.0.0.1:0 --log-requests yes \
        >"$T/hub-$starts.out" 2>"$T/hub-$starts.log" &
    HUB_PID=$!
    wait_for 10 "grep -q msg=listening '$T/hub-$starts.log'" || return 1
    U=http://127.0.0.1:$(grep -o 'msg=listening.* port=[0-9]*' "$T/hub-$starts.log" | grep -o '[0-9]*$')
}
stop_hub() { kill -TERM "$HUB_PID" 2>/dev/null; wait "$HUB_PID" 2>/dev/null; HUB_PID=; }
# holds FILE... TEXT: the bytes of a file hold TEXT
holds() { local t=${*: -1}; cat "${@:1:$#-1}" 2>/dev/null | grep -qaF -- "$t"; }

check "demo forum of 40 today" ly --db "$ORG" demo-data --count 40 --start "$TODAY"
mapfile -t ON < <(sqlite3 "$ORG" "SELECT id FROM registrations WHERE attendance = 'onsite'
    ORDER BY id LIMIT 3")
TICKETED=${ON[0]} BADGED=${ON[1]} LATER=${ON[2]}
TICKET=EB-STOLEN-20261207-7Q9ZK
sqlite3 "$ORG" "INSERT OR REPLACE INTO alt_codes (code, registration_id, seq)
    VALUES ('$TICKET', $TICKETED, (SELECT value FROM meta WHERE key = 'change_seq'))"
NAMES=()
for id in "$TICKETED" "$BADGED" "$LATER"; do
    NAMES+=("$(sqlite3 "$ORG" "SELECT name FROM registrations WHERE id = $id")")
done
start_hub && ok "hub listens" || { not_ok "hub did not start: $(cat "$T"/hub-*.log)"; finish; }
mkdir -p "$T/labels"
python3 "$LY_ROOT/tests/tools/sockprinter.py" --lang zpl --dir "$T/labels" &
PRN_PID=$!
disown "$PRN_PID"
wait_for 10 "[ -s '$T/labels/port' ]" && ok "a ZPL printer on loopback" || { not_ok "printer"; finish; }
PRN=zpl:tcp:127.0.0.1:$(cat "$T/labels/port")

CODE=$(ly --db "sqlite:$ORG" enroll --name "Pickup 1" --gate pickup --no-qr | head -1)
check "kiosk enrolls (code on standard input)" bash -c \
    "echo '$CODE' | '$LY_BIN/lanyard-kiosk' --db '$T/k.db' --hub '$U' --enroll - >'$T/enroll.out' 2>&1"

# --- Scans, printing and upload, with lock-after on and the hub answering.
mkfifo "$T/w.fifo"
K --headless --db "$T/k.db" --source "wedge:$T/w.fifo" --printer "$PRN" --holdoff 0 \
    --lock-after 6h >"$T/k1.out" 2>"$T/k1.err" &
KPID=$!
exec 7<>"$T/w.fifo"
echo "$TICKET" >&7
echo "$(ly --db "$ORG" badge code "$BADGED")" >&7
wait_for 30 "[ \$(grep -c '\"state\":\"printed\"' '$T/k1.out') = 2 ]" &&
    grep -q "\"decision\":\"picked_up\".*\"code_kind\":\"ticket_code\"" "$T/k1.out" &&
    ok "the ticket code is found by its hash: picked up, and the badge too, both printed" ||
    not_ok "pickups: $(cat "$T/k1.out" "$T/k1.err" | tail -8)"
wait_for 30 "[ \"\$(kq 'SELECT count(*) FROM checkins WHERE sent = 0')\" = 0 ]" &&
    [ "$(sqlite3 "$ORG" "SELECT count(*) FROM checkins WHERE decision = 'picked_up'")" = 2 ] &&
    ok "both reached the hub: the sealed token works" ||
    not_ok "upload: $(kq 'SELECT count(*) FROM checkins WHERE sent = 0') unsent"
exec 7>&-
wait "$KPID"
KPID=

# The file as the kiosk left it (before anything else opens it): a kiosk token is "lyk_" and
# base64url, and a sealed one is standard base64, which has no "_".
sqlite3 "$T/k.db" .dump >"$T/dump.sql"
holds "$T/k.db" "$T/k.db-wal" "$T/dump.sql" "lyk_" && not_ok "a token is in the database file in clear" ||
    ok "no token in the database file, its log or its dump"
holds "$T/k.db" "$T/k.db-wal" "$T/dump.sql" "$TICKET" && not_ok "the ticket code is in the database file in clear" ||
    ok "the ticket code is not in the database file, its log or its dump"
[ ! -e "$T/k.db.snapshot" ] && ok "no snapshot file left beside it" || not_ok "the snapshot file stayed"
CODES=$(sqlite3 "$ORG" "SELECT count(*) FROM alt_codes")
[ "$(kq "SELECT count(*) FROM alt_codes") $(kq "SELECT count(*) FROM code_hashes")" = "0 $CODES" ] &&
    ok "the hub's $CODES ticket codes, each kept as its hash only" ||
    not_ok "codes: $(kq "SELECT count(*) FROM alt_codes") clear, $(kq "SELECT count(*) FROM code_hashes") hashed, want $CODES"
[ "$(stat -c '%a %s' "$T/k.db.key")" = "600 32" ] && ok "the key is a file of its own, 0600" ||
    not_ok "key file: $(stat -c '%a %s' "$T/k.db.key" 2>&1)"
TOKEN=$("$LY_ROOT/build/tools/kiosktoken" "$T/k.db")
[ "${TOKEN:0:4}" = lyk_ ] && ! holds "$T/k.db" "$T/k.db-wal" "$TOKEN" &&
    ok "the kiosk holds its token, sealed" || not_ok "no sealed token: $TOKEN"
# The search would see a code: the hub's own file holds it.
holds "$ORG" "$TICKET" && ok "(the hub's file holds the code: the search can see it)" ||
    not_ok "the search does not work"

# --- No names in the outputs.
leak=
for n in "${NAMES[@]}"; do
    for f in "$T"/hub-1.log "$T"/hub-1.out "$T/enroll.out" "$T/k1.out" "$T/k1.err"; do
        holds "$f" "$n" && leak="$leak $(basename "$f"):$n"
    done
done
[ -z "$leak" ] && ok "no attendee's name in the hub's log, the kiosk's output or its print lines" ||
    not_ok "names in outputs:$leak"
leak=
for f in "$T"/hub-1.log "$T"/hub-1.out "$T/enroll.out" "$T/k1.out" "$T/k1.err"; do
    holds "$f" "$TOKEN" && leak="$leak $(basename "$f"):token"
    holds "$f" "$TICKET" && leak="$leak $(basename "$f"):ticket code"
done
[ -z "$leak" ] && ok "nor the token or the ticket code" || not_ok "secrets in outputs:$leak"
grep -q '"attendee":{"id":' "$T/k1.out" && ok "(the decision lines name attendees by id)" ||
    not_ok "decision lines: $(head -2 "$T/k1.out")"

# --- lock-after: 7 hours later by the kiosk's clock, the hub silent.
stop_hub
LATER_AT=$(TZ=$(kq "SELECT timezone FROM event") date -d '+7 hours' +%FT%H:%M)
BADGE=$(ly --db "$ORG" badge code "$LATER")
journal=$(kq "SELECT count(*) FROM checkins")
mkfifo "$T/w2.fifo"
K --headless --db "$T/k.db" --source "wedge:$T/w2.fifo" --gate entrance --holdoff 0 \
    --lock-after 6h --at "$LATER_AT" >"$T/k2.out" 2>"$T/k2.err" &
KPID=$!
exec 7<>"$T/w2.fifo"
echo "$BADGE" >&7
wait_for 15 "grep -q '\"decision\"' '$T/k2.out'" &&
    grep -q '"decision":"locked","reason":"[^"]*","reason_code":"kiosk_locked"' "$T/k2.out" &&
    ok "silent hub for 7 h of the kiosk's clock: the badge gets \"locked\"" ||
    not_ok "locked: $(cat "$T/k2.out" "$T/k2.err" | tail -5)"
grep -q LOCKED "$T/k2.err" && ok "the kiosk says it locked" || not_ok "no LOCKED line"
exec 7>&-
wait "$KPID"
KPID=
[ "$(kq "SELECT count(*) FROM checkins")" = "$journal" ] && ok "a locked kiosk journals nothing" ||
    not_ok "journal grew while locked"
K --headless --db "$T/k.db" --source "wedge:$T/w2.fifo" --gate entrance --holdoff 0 \
    --lock-after 6h --at "$LATER_AT" >"$T/k3.out" 2>"$T/k3.err" </dev/null &
KPID=$!
exec 7<>"$T/w2.fifo"
echo "$BADGE" >&7
wait_for 15 "grep -q '\"decision\"' '$T/k3.out'" && grep -q kiosk_locked "$T/k3.out" &&
    ok "a restart does not unlock it" || not_ok "restart: $(cat "$T/k3.out" | tail -2)"
exec 7>&-
wait "$KPID"
KPID=

# On the screen: the locked kiosk shows a result that sends the person to staff; staff unlock
# it with the staff PIN (five taps on the corner, the PIN pad) and it decides again.
PIN=482913
HASHLINE=$(echo "$PIN" | K --hash-pin)
"$LY_ROOT/build/tools/qrframe" "$T/scene.png" 1280x720 - noise=3
cat >"$T/events" <<EOS
screen idle
code $BADGE
screen result 20000
wait 500
tap dismiss
screen idle
tap corner
tap corner
tap corner
tap corner
tap corner
screen pin
text $PIN
key Return
screen staff 20000
tap exit
screen idle
code $BADGE
screen result 20000
wait 500
quit
EOS
printf '%s\n' "$HASHLINE" >"$T/screen.conf"
journal=$(kq "SELECT count(*) FROM checkins")
SDL_VIDEODRIVER=offscreen SDL_AUDIODRIVER=dummy timeout 120 "$LY_BIN/lanyard-kiosk" \
    --config "$T/screen.conf" --db "$T/k.db" --source "file:$T/scene.png" --size 1280x800 \
    --gate entrance --holdoff 0 --lock-after 6h --at "$LATER_AT" --events "$T/events" \
    >"$T/k5.out" 2>"$T/k5.err"
grep -q LOCKED "$T/k5.err" && grep -q '"result":"fault"' "$T/k5.out" &&
    ok "on the screen: locked, the person is sent to staff" ||
    not_ok "screen locked: $(grep -o '"decision":"[a-z_]*"\|"result":"[a-z]*"' "$T/k5.out" | head -3)"
grep -q "unlocked by staff" "$T/k5.err" && [ "$(kq "SELECT count(*) FROM checkins")" = $((journal + 1)) ] &&
    [ "$(grep -c '"decision":"' "$T/k5.out")" = 1 ] &&
    ok "the staff PIN unlocks it: the next badge is decided and journaled" ||
    not_ok "staff unlock: $(tail -3 "$T/k5.err")"
journal=$(kq "SELECT count(*) FROM checkins")

start_hub && ok "the hub is back (port ${U##*:})" || { not_ok "hub restart"; finish; }
K --headless --db "$T/k.db" --hub "$U" --source "wedge:$T/w2.fifo" --gate entrance \
    --holdoff 0 --lock-after 6h --at "$LATER_AT" >"$T/k4.out" 2>"$T/k4.err" &
KPID=$!
exec 7<>"$T/w2.fifo"
echo "$BADGE" >&7 # the first may still find it locked, before the hub's first answer
wait_for 15 "grep -q '\"decision\"' '$T/k4.out'"
unlocked=
for _ in $(seq 20); do
    echo "$BADGE" >&7
    sleep 0.5
    tail -1 "$T/k4.out" | grep -q '"decision":"locked"' || { unlocked=1; break; }
done
[ -n "$unlocked" ] && [ "$(kq "SELECT count(*) FROM checkins")" -gt "$journal" ] &&
    ok "the hub answers: the kiosk decides and journals again" ||
    not_ok "not unlocked: $(tail -3 "$T/k4.out") $(tail -3 "$T/k4.err")"
exec 7>&-
wait "$KPID"
KPID=
stop_hub
finish
