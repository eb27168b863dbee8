#!/bin/bash
# t_sync_faults_pg.sh - the hub's ingest on PostgreSQL when the database fails: a private server
# (pg.sh) is stopped while a kiosk uploads. The hub answers 503 with Retry-After (each request
# meets libpq's error), stores nothing, keeps running; the kiosk keeps its check-ins unsent and
# retries; once the server is back the hub makes its connections again by itself and stores
# every check-in exactly once. Bounded: every wait has a limit.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/faults.sh"
. "$(dirname "$0")/pg.sh"
HUB_PID= KPID=
cleanup() {
    exec 7>&- 2>/dev/null
    [ -n "$KPID" ] && kill -9 "$KPID" 2>/dev/null
    [ -n "$HUB_PID" ] && kill -9 "$HUB_PID" 2>/dev/null
    pg_stop
    rm -rf "$T"
}
trap cleanup EXIT
pg_start
rc=$?
if [ $rc -eq 2 ]; then
    skip "t_sync_faults_pg: PostgreSQL 15 is not installed (board/deps.sh test)"
    finish
fi
[ $rc -eq 0 ] || { not_ok "a private PostgreSQL server did not start"; finish; }
URL=$(pg_newdb faults) || { not_ok "could not create the test database"; finish; }
AT=$(date +%F)T10:00 ORG=$T/org.db K=$T/k.db
hubq() { pg_sql "$URL" "$1"; }
kq() { sqlite3 "$K" "$1"; }

check "demo forum of 100 today" ly --db "$ORG" demo-data --count 100 --start "$(date +%F)"
check "loaded into PostgreSQL" ly --db "$URL" load --from "$ORG"
"$LY_BIN/lanyard-hub" --db "$URL" --listen 127.0.0.1:0 --pool 3 --log-requests no 2>"$T/hub.log" &
HUB_PID=$!
PORT=$(hub_port "$T/hub.log")
[ -n "$PORT" ] && ok "hub on PostgreSQL (port $PORT)" || { not_ok "hub: $(cat "$T/hub.log")"; finish; }
U=http://127.0.0.1:$PORT
CODE=$(ly --db "$URL" enroll --name "North door" --gate entrance --no-qr | head -1)
expect "enroll the kiosk" 0 "$LY_BIN/lanyard-kiosk" --db "$K" --hub "$U" --enroll - <<<"$CODE"
mapfile -t IDS < <(sqlite3 "$ORG" "SELECT id FROM registrations WHERE attendance = 'onsite' AND category = 'participant' ORDER BY id LIMIT 10")
for id in "${IDS[@]}"; do ly --db "$ORG" badge code "$id"; done >"$T/codes"
mkfifo "$T/feed"
"$LY_BIN/lanyard-kiosk" --headless --db "$K" --source "wedge:$T/feed" --holdoff 0 --at "$AT" \
    >"$T/k.out" 2>"$T/k.err" &
KPID=$!
exec 7<>"$T/feed"
wait_for 20 'grep -q "sync: online" "$T/k.err"' && ok "the kiosk is online" ||
    not_ok "kiosk: $(tail -3 "$T/k.err")"
unsent() { kq "SELECT count(*) FROM checkins WHERE sent = 0"; }
decided() { grep -c '"decision":"granted"' "$T/k.out"; }

head -5 "$T/codes" >&7
wait_for 20 '[ "$(decided)" = 5 ] && [ "$(unsent)" = 0 ]' && [ "$(hubq "SELECT count(*) FROM checkins")" = 5 ] &&
    ok "5 check-ins granted and stored" || not_ok "before the fault: $(decided) granted, $(unsent) unsent"

pg_pause && ok "the PostgreSQL server is stopped" || not_ok "pg_ctl stop"
tail -5 "$T/codes" >&7
wait_for 20 '[ "$(decided)" = 10 ]' && ok "the kiosk grants 5 more (it needs no hub)" ||
    not_ok "decided $(decided)"
wait_for 30 'grep -q "push: HTTP 503 unavailable" "$T/k.err"' &&
    ok "the hub answers the upload 503" || not_ok "no 503: $(tail -3 "$T/k.err")"
answers_503 "$U" "$K"
waits_as_told "$T/k.err"
[ "$(unsent)" = 5 ] && ok "the kiosk keeps the 5 unsent" || not_ok "unsent: $(unsent)"
alive "$HUB_PID" && ok "the hub runs on" || not_ok "the hub died: $(tail -5 "$T/hub.log")"
sleep 3 # a few retries meet the stopped server
pg_resume && ok "the server is back" || not_ok "pg_ctl start"
t0=$SECONDS
wait_for 60 '[ "$(unsent)" = 0 ]' && ok "the kiosk's retry is accepted ($((SECONDS - t0)) s after)" ||
    not_ok "still unsent: $(unsent); $(tail -3 "$T/k.err")"
kq "SELECT uuid FROM checkins" | sort >"$T/journal"
hubq "SELECT uuid FROM checkins" | sort >"$T/stored"
[ "$(wc -l <"$T/journal")" = 10 ] && cmp -s "$T/journal" "$T/stored" &&
    ok "the hub holds each of the 10 check-ins exactly once" ||
    not_ok "journal $(wc -l <"$T/journal"), hub $(wc -l <"$T/stored"), twice: $(uniq -d "$T/stored" | wc -l)"
alive "$KPID" && alive "$HUB_PID" && ok "kiosk and hub ran through the outage" || not_ok "a process died"
finish
