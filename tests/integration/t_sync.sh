#!/bin/bash
# t_sync.sh - real headless kiosks against a real lanyard-hub on loopback, over TLS with a
# private CA (--hub-ca): enrollment and the first snapshot; `lanyard counts --hub` with and
# without the CA; a registration added at the hub admitted by an online kiosk within 5 s; a
# revoked badge refused after one sync; check-ins made while the hub is down uploaded after it
# returns, exactly once (hub and journals compared uuid by uuid, and the hub's per-kiosk counts
# against the journals); kill -9 of kiosks and of the hub at random moments during a stream of
# check-ins losing nothing a kiosk reported and counting nothing twice; the hub's occupancy
# flowing down; a revoked kiosk wiping its attendee data and stopping. The hub's backend is a
# parameter: LY_HUB_DB=sqlite:FILE (the default, a fresh file) or LY_HUB_DB=postgresql://...
# (an empty database the test fills from an organizer file with `lanyard load`; t_sync_pg.sh).
. "$(dirname "$0")/lib.sh"
trap '' PIPE
HUB_DB=${LY_HUB_DB:-sqlite:$T/hub.db}
case $HUB_DB in
sqlite:*) FILE=${HUB_DB#sqlite:} ;;
*) FILE=$T/org.db ;;
esac
TODAY=$(date +%F) AT=$(date +%F)T10:00
CHAOS_ROUNDS=${LY_SYNC_CHAOS_ROUNDS:-8}
HUB_PID= PORT=0 starts=0
declare -A KPID FEED
cleanup() {
    [ -n "$HUB_PID" ] && kill -9 "$HUB_PID" 2>/dev/null
    for p in "${KPID[@]}" "${FEED[@]}"; do kill -9 "$p" 2>/dev/null; done
    rm -rf "$T"
}
trap cleanup EXIT

for p in lanyard lanyard-hub lanyard-kiosk; do
    [ -x "$LY_BIN/$p" ] || { not_ok "no $LY_BIN/$p to test (build it first)"; finish; }
done
org() { ly --db "$HUB_DB" "$@"; } # the hub's commands: enroll, kiosks, badge revoke
file() { ly --db "$FILE" "$@"; }   # the organizer's: demo-data, import, badge code
# publish: what the organizer changed in the file reaches the hub's database (on SQLite it is
# the hub's database)
publish() { [ "$FILE" = "${HUB_DB#sqlite:}" ] || ly --db "$HUB_DB" load --from "$FILE" >/dev/null; }
hubq() { # SQL on the hub's database, whatever the backend
    case $HUB_DB in
    sqlite:*) sqlite3 "$FILE" "$1" ;;
    *) psql -Atq "$HUB_DB" -c "$1" ;;
    esac
}
kq() { sqlite3 "$T/$1.db" "$2"; }
ms() { date +%s%3N; }

# --- A private CA and the hub's certificate for 127.0.0.1.
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 2 -subj "/CN=Venue CA" \
    -keyout "$T/ca.key" -out "$T/ca.pem" 2>/dev/null &&
    openssl req -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -subj "/CN=hub" \
        -keyout "$T/hub.key" -out "$T/hub.csr" 2>/dev/null &&
    printf 'subjectAltName=IP:127.0.0.1\n' >"$T/san" &&
    openssl x509 -req -in "$T/hub.csr" -CA "$T/ca.pem" -CAkey "$T/ca.key" -CAcreateserial \
        -days 2 -extfile "$T/san" -out "$T/hub.pem" 2>/dev/null &&
    ok "a private CA and a certificate for the hub" || { not_ok "openssl"; finish; }

start_hub() {
    starts=$((starts + 1))
    "$LY_BIN/lanyard-hub" --db "$HUB_DB" --listen "127.0.0.1:$PORT" --tls-cert "$T/hub.pem" \
        --tls-key "$T/hub.key" --pool 3 --log-requests no 2>"$T/hub-$starts.log" &
    HUB_PID=$!
    local i
    for i in $(seq 100); do
        grep -q 'msg=listening' "$T/hub-$starts.log" && break
        kill -0 $HUB_PID 2>/dev/null || break
        sleep 0.1
    done
    PORT=$(grep -o 'msg=listening.* port=[0-9]*' "$T/hub-$starts.log" | grep -o 'port=[0-9]*$' |
        cut -d= -f2)
    [ -n "$PORT" ] || { PORT=0; return 1; }
    U=https://127.0.0.1:$PORT
}
stop_hub() { # SIGNAL
    kill "-$1" "$HUB_PID" 2>/dev/null
    wait "$HUB_PID" 2>/dev/null
    HUB_PID=
}

check "demo forum of 300 today" file demo-data --count 300 --start "$TODAY"
[ "$FILE" = "${HUB_DB#sqlite:}" ] || check "load it into the hub's database" publish
start_hub && ok "hub listens over TLS (port $PORT)" || {
    not_ok "hub did not start"
    cat "$T"/hub-*.log >&2
    finish
}
REGS=$(hubq "SELECT count(*) FROM registrations")

# --- Enrollment: three kiosks, each redeeming a code and loading the hub's data.
# Codes pin the hub's TLS key (t_pin.sh tests the pin itself); kiosks read them from stdin.
code() { org enroll --name "$1" --gate "$2" --tls-cert "$T/hub.pem" --no-qr | head -1; }
enroll() { # NAME GATE KIOSK
    "$LY_BIN/lanyard-kiosk" --db "$T/$3.db" --hub "$U" --hub-ca "$T/ca.pem" --enroll - \
        <<<"$(code "$1" "$2")" >"$T/$3.enroll" 2>&1
}
C=$(code "North door 1" entrance)
expect "without the private CA the hub's certificate is refused" 1 \
    "$LY_BIN/lanyard-kiosk" --db "$T/untrusting.db" --hub "$U" --enroll - <<<"$C"
grep -qi "certificate" "$T/err" && ok "and says why (certificate)" || not_ok "no reason: $(cat "$T/err")"
expect "enroll k1 (entrance)" 0 "$LY_BIN/lanyard-kiosk" --db "$T/k1.db" --hub "$U" \
    --hub-ca "$T/ca.pem" --enroll - <<<"$C"
cp "$T/err" "$T/k1.enroll"
expect "a used code is refused" 1 "$LY_BIN/lanyard-kiosk" --db "$T/k9.db" --hub "$U" \
    --hub-ca "$T/ca.pem" --enroll - <<<"$C"
grep -q "unknown, used or expired" "$T/err" && ok "and says so" || not_ok "used code: $(cat "$T/err")"
check "enroll k2 (exit)" enroll "South exit" exit k2
check "enroll k3 (badge desk)" enroll "Badge desk" desk k3
for k in k1 k2 k3; do
    [ "$(kq $k "SELECT count(*) FROM attendees")" = "$REGS" ] && [ "$(stat -c %a "$T/$k.db")" = 600 ] &&
        [ -n "$(kq $k "SELECT value FROM meta WHERE key = 'hub_token_sealed'")" ] ||
        { not_ok "$k holds the hub's data, its token, mode 0600"; cat "$T/$k.enroll" >&2; continue; }
    ok "$k holds all $REGS registrations, its token, file mode 0600"
done
[ "$(kq k2 "SELECT value FROM meta WHERE key = 'gate'")" = exit ] && ok "the gate comes from the hub" ||
    not_ok "gate not stored"
grep -q '"state":"online".*"unsent":0' "$T/k1.enroll" && ok "enrollment ends with one sync round" ||
    not_ok "enroll output: $(cat "$T/k1.enroll")"

# --- The organizer's `lanyard counts --hub` speaks through the kiosks' HTTP client: the same
# private CA (--hub-ca), and the same refusal without it.
RT=$(org read-token --label "counts over TLS")
expect "lanyard counts --hub https:// --hub-ca CA" 0 ly counts --hub "$U" --hub-ca "$T/ca.pem" \
    --token "$RT" --json
python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); sys.exit(not d["kiosks"])' "$T/out" &&
    ok "and reads the hub's counts" || not_ok "counts over TLS: $(head -c 300 "$T/out")"
expect "without the private CA, counts --hub is refused" 1 ly counts --hub "$U" --token "$RT"
grep -qi "certificate" "$T/err" && grep -q -- "--hub-ca" "$T/err" &&
    ok "and says why (certificate, --hub-ca)" || not_ok "counts without CA: $(cat "$T/err")"

# --- Kiosks read codes from FIFOs; the test holds a writer open on each (fd 7, 8, 9).
for k in k1 k2 k3; do mkfifo "$T/$k.fifo"; done
kstart() { # KIOSK: the headless kiosk on its FIFO, gate and hub from its database
    "$LY_BIN/lanyard-kiosk" --headless --db "$T/$1.db" --source "wedge:$T/$1.fifo" --holdoff 0 \
        --at "$AT" >>"$T/$1.out" 2>>"$T/$1.err" &
    KPID[$1]=$!
}
kstart k1
exec 7>"$T/k1.fifo"
lines() { if [ -f "$1" ]; then grep -c . "$1"; else echo 0; fi; }
# decide KIOSK FD CODE: feeds one code and prints the decision line it gets.
decide() {
    local kiosk=$1 before
    before=$(lines "$T/$kiosk.out")
    printf '%s\n' "$3" >&"$2"
    wait_for 10 '[ "$(lines "$T/$kiosk.out")" -gt "$before" ]' || return 1
    sed -n "$((before + 1))p" "$T/$kiosk.out"
}
field() { /usr/bin/python3 -c 'import json,sys; d=json.loads(sys.argv[1]); print(eval(sys.argv[2]))' "$1" "$2"; }

# --- A registration added at the hub is admitted by an online kiosk within 5 s.
wait_for 10 'grep -q "sync: online" "$T/k1.err"' && ok "k1 online" || not_ok "k1 not online: $(cat "$T/k1.err")"
sleep 1 # k1 is in its long poll
printf 'id,name,country,category,language,email,ticket_code,attendance\n' >"$T/new.csv"
printf 'NEW-1,Amina Diallo,SN,participant,fr,amina@example.org,,onsite\n' >>"$T/new.csv"
t0=$(ms)
check "import one registration at the hub" eval 'file import registrations "$T/new.csv" && publish'
NEW=$(hubq "SELECT id FROM registrations WHERE ext_id = 'NEW-1'")
if wait_for 5 '[ "$(kq k1 "SELECT count(*) FROM attendees WHERE id = $NEW")" = 1 ]'; then
    ok "the new registration is on k1 after $(($(ms) - t0)) ms (under 5 s)"
else
    not_ok "the new registration did not reach k1 within 5 s"
fi
NEW_CODE=$(file badge code "$NEW")
d=$(decide k1 7 "$NEW_CODE")
[ "$(field "$d" 'd["decision"], d["attendee"]["id"], d["attendee"]["registered"]')" = "('granted', $NEW, True)" ] &&
    ok "k1 admits the new registration" || not_ok "k1: $d"

# --- A revoked badge is refused after one sync: k1 online; k3 with --sync-once.
check "revoke the badge at the hub" org badge revoke "$NEW"
t0=$(ms)
wait_for 5 '[ "$(kq k1 "SELECT revoked FROM attendees WHERE id = $NEW")" = 1 ]' &&
    ok "the revocation is on k1 after $(($(ms) - t0)) ms" || not_ok "revocation did not reach k1"
d=$(decide k1 7 "$NEW_CODE")
[ "$(field "$d" 'd["decision"], d["reason_code"]')" = "('denied', 'revoked')" ] &&
    ok "k1 refuses the revoked badge" || not_ok "k1: $d"
expect "k3 --sync-once" 0 "$LY_BIN/lanyard-kiosk" --db "$T/k3.db" --sync-once
[ "$(field "$(cat "$T/out")" 'd["state"], d["unsent"], d["error"]')" = "('online', 0, '')" ] &&
    ok "--sync-once prints its status" || not_ok "sync-once: $(cat "$T/out")"
printf '%s\n' "$NEW_CODE" | "$LY_BIN/lanyard-kiosk" --headless --db "$T/k3.db" --source wedge:stdin \
    --at "$AT" >"$T/k3.once" 2>&1
grep -q '"decision":"denied","reason":"[^"]*","reason_code":"revoked"' "$T/k3.once" &&
    ok "k3 refuses it after one sync" || not_ok "k3: $(cat "$T/k3.once")"

# --- Check-ins while the hub is down are uploaded after it returns, exactly once.
file badge code 1 >"$T/codes"
for id in $(seq 2 60); do file badge code "$id"; done >>"$T/codes"
stop_hub TERM
wait_for 10 'grep -q "sync: offline" "$T/k1.err"' && ok "k1 notices the hub is gone" ||
    not_ok "k1 did not go offline: $(tail -3 "$T/k1.err")"
for i in $(seq 1 20); do sed -n "${i}p" "$T/codes" >&7; done
wait_for 10 '[ "$(lines "$T/k1.out")" -ge 22 ]' || true
[ "$(kq k1 "SELECT count(*) FROM checkins WHERE sent = 0")" -ge 20 ] &&
    ok "hub down: k1 keeps deciding and journals 20 check-ins unsent" ||
    not_ok "k1 offline: $(kq k1 "SELECT count(*) FROM checkins WHERE sent = 0") unsent"
grep -q '"sync":{"state":"offline"' "$T/k1.out" && ok "its decisions say offline" ||
    not_ok "no offline state in k1's output"
head -15 "$T/codes" | "$LY_BIN/lanyard-kiosk" --headless --db "$T/k3.db" --source wedge:stdin \
    --holdoff 0 --at "$AT" >"$T/k3.off" 2>"$T/k3.offerr"
[ $? -eq 0 ] && grep -q "15 check-ins stay unsent until the next start" "$T/k3.offerr" &&
    ok "k3 stops cleanly with the hub down, after one bounded upload attempt" ||
    not_ok "k3: $(cat "$T/k3.offerr")"
expect "--sync-once with the hub down: exit 1" 1 "$LY_BIN/lanyard-kiosk" --db "$T/k3.db" --sync-once
[ "$(field "$(cat "$T/out")" 'd["unsent"]')" = 15 ] && grep -q "sync:" "$T/err" &&
    ok "and says what is left and why" || not_ok "sync-once down: $(cat "$T/out" "$T/err")"
sleep 2
start_hub && ok "hub back on port $PORT" || not_ok "hub did not restart"
t0=$(ms)
wait_for 40 '[ "$(kq k1 "SELECT count(*) FROM checkins WHERE sent = 0")" = 0 ]' &&
    ok "k1 uploaded its backlog $(($(ms) - t0)) ms after the hub returned" ||
    not_ok "k1 still has $(kq k1 "SELECT count(*) FROM checkins WHERE sent = 0") unsent"
expect "k3 --sync-once uploads the rest" 0 "$LY_BIN/lanyard-kiosk" --db "$T/k3.db" --sync-once
[ "$(field "$(cat "$T/out")" 'd["uploaded"], d["unsent"]')" = "(15, 0)" ] &&
    ok "15 uploaded, 0 unsent" || not_ok "k3: $(cat "$T/out")"

# same_sets NAME: the hub holds exactly the union of the journals, uuid by uuid, and its
# per-kiosk counts equal the journals.
same_sets() {
    for k in k1 k2 k3; do kq $k "SELECT uuid FROM checkins"; done | sort >"$T/journals"
    hubq "SELECT uuid FROM checkins" | sort >"$T/hub.uuids"
    local missing extra dup
    missing=$(comm -23 "$T/journals" "$T/hub.uuids" | wc -l)
    extra=$(comm -13 "$T/journals" "$T/hub.uuids" | wc -l)
    dup=$(uniq -d "$T/hub.uuids" | wc -l)
    if [ "$missing$extra$dup" = 000 ] && [ -s "$T/hub.uuids" ]; then
        ok "$1: the hub holds each of the $(wc -l <"$T/hub.uuids") journaled check-ins exactly once"
    else
        not_ok "$1: $missing missing at the hub, $extra unknown to the kiosks, $dup twice"
    fi
    curl -s --cacert "$T/ca.pem" -H "Authorization: Bearer $("$LY_ROOT/build/tools/kiosktoken" "$T/k2.db")" \
        "$U/api/v1/counts" >"$T/counts.json"
    local want got
    want="[$(for k in k1 k2 k3; do
        printf "('%s', %s)," "$(kq $k "SELECT value FROM meta WHERE key = 'kiosk_name'")" \
            "$(kq $k "SELECT count(*) FROM checkins")"
    done)]"
    got=$(/usr/bin/python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))
names = sys.argv[2:]
by = {k["name"]: k["scans"] for k in d["kiosks"]}
print("[" + "".join("(%r, %d)," % (n, by.get(n, -1)) for n in names) + "]")' "$T/counts.json" \
        "North door 1" "South exit" "Badge desk")
    [ "$want" = "$got" ] && ok "$1: the hub's scans per kiosk equal the journals" ||
        not_ok "$1: scans $got, journals $want"
}
same_sets "after the outage"

# The hub's occupancy flows down to the kiosks for the capacity rule.
inside=$(/usr/bin/python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["inside_now"])' "$T/counts.json")
wait_for 5 '[ "$(kq k1 "SELECT value FROM meta WHERE key = '"'hub_inside:venue'"'")" = "$inside" ]' &&
    ok "k1 holds the hub's venue occupancy ($inside)" ||
    not_ok "k1's hub occupancy: '$(kq k1 "SELECT value FROM meta WHERE key = 'hub_inside:venue'")', hub $inside"

# --- kill -9 of kiosks and of the hub at random moments during a stream of check-ins.
exec 7>&-
kill -TERM "${KPID[k1]}" 2>/dev/null
wait "${KPID[k1]}" 2>/dev/null
for k in k1 k2 k3; do
    kstart $k
    /usr/bin/python3 "$LY_ROOT/tests/tools/wedgefeed.py" "$T/$k.fifo" "$T/codes" 40 "$T/stop" &
    FEED[$k]=$!
done
kills_hub=0 kills_kiosk=0
for round in $(seq 1 "$CHAOS_ROUNDS"); do
    sleep "0.$((3 + RANDOM % 7))"
    if [ $((RANDOM % 3)) -eq 0 ] || [ "$round" -eq 2 ]; then
        stop_hub 9
        kills_hub=$((kills_hub + 1))
        sleep "0.$((2 + RANDOM % 6))"
        start_hub || not_ok "round $round: the hub did not restart"
    else
        k=k$((1 + RANDOM % 3))
        kill -9 "${KPID[$k]}" 2>/dev/null
        wait "${KPID[$k]}" 2>/dev/null
        kills_kiosk=$((kills_kiosk + 1))
        kstart $k
    fi
done
touch "$T/stop"
for k in k1 k2 k3; do wait "${FEED[$k]}" 2>/dev/null; done
ok "$CHAOS_ROUNDS rounds: the hub killed $kills_hub times, a kiosk $kills_kiosk times"
# the kiosks see the end of their FIFO (a writer that comes and goes, for a kiosk restarted after
# its feeder stopped), upload what is left and stop
poke() { /usr/bin/python3 -c '
import os, sys
try:
    os.close(os.open(sys.argv[1], os.O_WRONLY | os.O_NONBLOCK))
except OSError:
    pass' "$1"; }
for k in k1 k2 k3; do
    if wait_for 30 'poke "$T/$k.fifo"; ! alive "${KPID[$k]}"'; then
        wait "${KPID[$k]}"
        rc=$?
        [ $rc -eq 0 ] && ok "$k stopped cleanly" || not_ok "$k exit $rc: $(tail -3 "$T/$k.err")"
    else
        not_ok "$k did not stop"
        kill -9 "${KPID[$k]}"
    fi
    unset "KPID[$k]"
done
for k in k1 k2 k3; do
    "$LY_BIN/lanyard-kiosk" --db "$T/$k.db" --sync-once >"$T/$k.final" 2>&1 ||
        not_ok "$k --sync-once after the stream: $(cat "$T/$k.final")"
    # every decision a kiosk reported (a complete line) is in its journal
    /usr/bin/python3 - "$T/$k.out" >"$T/$k.reported" <<'PY'
import json, sys
for line in open(sys.argv[1], errors="replace"):
    if line.endswith("\n"):
        print(json.loads(line)["uuid"])
PY
    kq $k "SELECT uuid FROM checkins" | sort >"$T/$k.journal"
    n=$(wc -l <"$T/$k.reported")
    lost=$(sort "$T/$k.reported" | comm -23 - "$T/$k.journal" | wc -l)
    [ "$n" -gt 20 ] && [ "$lost" -eq 0 ] && [ "$(kq $k "PRAGMA quick_check")" = ok ] &&
        ok "$k: all $n decisions it reported are journaled (quick_check ok)" ||
        not_ok "$k: $lost of $n reported decisions missing from the journal"
done
same_sets "after the kills"

# --- A revoked kiosk wipes its attendee data, keeps its journal and stops.
onlines=$(grep -c "sync: online" "$T/k1.err")
kstart k1
exec 7>"$T/k1.fifo"
wait_for 10 '[ "$(grep -c "sync: online" "$T/k1.err")" -gt "$onlines" ]' || true
journal=$(kq k1 "SELECT count(*) FROM checkins")
check "revoke k1 at the hub" org kiosks --revoke "North door 1"
printf '%s\n' "$(head -1 "$T/codes")" >&7 # its upload meets the revocation
if wait_for 10 '! alive "${KPID[k1]}"'; then
    wait "${KPID[k1]}"
    rc=$?
    [ $rc -eq 1 ] && grep -q "revoked at the hub" "$T/k1.err" && ok "k1 stops scanning, exit 1, says why" ||
        not_ok "k1 exit $rc: $(tail -3 "$T/k1.err")"
else
    not_ok "k1 still runs after its revocation"
    kill -9 "${KPID[k1]}"
fi
unset "KPID[k1]"
exec 7>&-
[ "$(kq k1 "SELECT count(*) FROM attendees") $(kq k1 "SELECT (SELECT count(*) FROM alt_codes) + (SELECT count(*) FROM code_hashes)") $(kq k1 "SELECT count(*) FROM public_keys")" = "0 0 0" ] &&
    ok "k1 wiped attendees, ticket codes and keys" || not_ok "k1 not wiped"
[ "$(kq k1 "SELECT count(*) FROM checkins")" -ge "$journal" ] && ok "k1 kept its journal" ||
    not_ok "k1 lost journal rows"
[ -z "$(kq k1 "SELECT value FROM meta WHERE key IN ('hub_token', 'hub_token_sealed')")" ] && ok "k1 forgot its token" ||
    not_ok "k1 keeps its token"
expect "a revoked kiosk refuses to start" 1 "$LY_BIN/lanyard-kiosk" --headless --db "$T/k1.db" \
    --source wedge:stdin
grep -q "enroll it again" "$T/err" && ok "and says to enroll it again" || not_ok "$(cat "$T/err")"
stop_hub TERM
finish
