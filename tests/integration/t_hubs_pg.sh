#!/bin/bash
# t_hubs_pg.sh - two lanyard-hub processes on one PostgreSQL database (a private server, pg.sh),
# as behind a load balancer: four kiosks enroll through either hub and push their check-ins to
# both at once (each batch sent to hub A and hub B together, some twice), and every check-in is
# stored and counted exactly once (each uuid answered "stored" by one hub and "duplicate" by
# every other answer; the hub's rows, per-kiosk scans, onsite and inside counts equal what was
# sent, read through either hub). A change made through one hub (a check-in batch into a room,
# taking the room's occupancy) reaches a long poll on the other, and a real headless kiosk
# syncing with the other, within 5 s.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/pg.sh"
trap '' PIPE
PIDS=()
cleanup() {
    for p in "${PIDS[@]}"; do kill -9 "$p" 2>/dev/null; done
    pg_stop
    rm -rf "$T"
}
trap cleanup EXIT
for p in lanyard lanyard-hub lanyard-kiosk; do
    [ -x "$LY_BIN/$p" ] || { not_ok "no $LY_BIN/$p to test (build it first)"; finish; }
done
pg_start
rc=$?
[ $rc -eq 2 ] && { echo "skip - two hubs on PostgreSQL: PostgreSQL 15 is not installed"; exit 0; }
[ $rc -eq 0 ] || { not_ok "a private PostgreSQL server did not start"; finish; }
DB=$(pg_newdb hubs) || { not_ok "could not create the database"; finish; }
q() { pg_sql "$DB" "$1"; }
js() { python3 -c "import json,sys; d=json.load(open(sys.argv[1])); print($2)" "$1"; }
ms() { date +%s%3N; }

expect "a hub on a database without an event does not start" 1 "$LY_BIN/lanyard-hub" --db "$DB" \
    --listen 127.0.0.1:0
grep -q "holds no event.*load --from" "$T/err" && ok "and says how to load one" || not_ok "$(cat "$T/err")"
check "demo forum" ly --db "$T/org.db" demo-data --count 300 --start "$(date +%F)"
check "loaded into PostgreSQL" ly --db "$DB" load --from "$T/org.db"

start_hub() { # NAME: starts a hub on a free port; sets PORT_NAME
    "$LY_BIN/lanyard-hub" --db "$DB" --listen 127.0.0.1:0 --pool 4 --log-requests no \
        2>"$T/$1.log" &
    PIDS+=($!)
    local i
    for i in $(seq 100); do grep -q 'msg=listening' "$T/$1.log" && break; sleep 0.1; done
    eval "PORT_$1=$(grep -o 'msg=listening.* port=[0-9]*' "$T/$1.log" | grep -o '[0-9]*$')"
}
start_hub A
start_hub B
[ -n "$PORT_A" ] && [ -n "$PORT_B" ] && ok "two hubs serve one database (ports $PORT_A, $PORT_B)" ||
    { not_ok "the hubs did not start"; cat "$T"/A.log "$T"/B.log >&2; finish; }
UA=http://127.0.0.1:$PORT_A UB=http://127.0.0.1:$PORT_B

# --- four kiosks: codes made on the database, redeemed through A and B in turn
KIDS=(0f8fad5b-d9cb-469f-a165-70867728950e 9b2e3c4d-1111-4222-8333-944455556666
    11111111-2222-4333-8444-555555555555 22222222-3333-4444-8555-666666666666)
: >"$T/tokens"
for i in 0 1 2 3; do
    code=$(ly enroll --db "$DB" --name "Door $i" --gate entrance --no-qr | head -1)
    u=$([ $((i % 2)) -eq 0 ] && echo "$UA" || echo "$UB")
    curl -s -H 'Content-Type: application/json' \
        -d "{\"code\":\"$code\",\"kiosk_id\":\"${KIDS[$i]}\"}" "$u/api/v1/enroll" >"$T/enroll$i"
    echo "${KIDS[$i]} $(js "$T/enroll$i" 'd.get("token", "")')" >>"$T/tokens"
done
[ "$(grep -c ' lyk_' "$T/tokens")" = 4 ] && ok "four kiosks enrolled through either hub" ||
    not_ok "enrollment: $(cat "$T"/enroll*)"

# --- every batch to both hubs at once; every fourth batch a third time
IDS=$(q "SELECT id FROM registrations WHERE attendance = 'onsite' ORDER BY id LIMIT 120" | paste -sd,)
cat >"$T/push.py" <<'PY'
# push.py UA UB TOKENS IDS NOW: four kiosks, 100 check-ins each in batches of 20, each batch sent
# to both hubs at once by two threads (and every fourth batch once more); prints the results
# per uuid and, as JSON, what the counts must say.
import json, sys, threading, urllib.request, uuid
ua, ub, tokens, ids, now = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4].split(","), int(sys.argv[5])
kiosks = [l.split() for l in open(tokens)]
results = {}
lock = threading.Lock()

def post(url, tok, body):
    req = urllib.request.Request(url + "/api/v1/checkins", data=body, method="POST",
        headers={"Content-Type": "application/json", "Authorization": "Bearer " + tok})
    with urllib.request.urlopen(req, timeout=60) as r:
        for item in json.load(r)["results"]:
            with lock:
                results.setdefault(item["uuid"], []).append(item["status"])

inside, onsite = {}, set()
for k, (kid, tok) in enumerate(kiosks):
    items = []
    for i in range(100):
        a = int(ids[(k * 30 + i) % len(ids)])
        t = now - 5000 + k * 1000 + i * 10
        if i % 10 == 9:
            items.append(dict(uuid=str(uuid.uuid4()), seq=i + 1, wall_ms=t, mono_ms=i, gate="entrance",
                attendee_id=0, code_kind="unreadable", decision="denied", reason_code="unknown_code",
                place="", direction=0))
            continue
        d = -1 if (i % 7 == 6 and inside.get(a, (0, 0))[0] == 1) else 1
        inside[a] = (d, t)
        onsite.add(a)
        items.append(dict(uuid=str(uuid.uuid4()), seq=i + 1, wall_ms=t, mono_ms=i, gate="entrance",
            attendee_id=a, code_kind="badge", decision="granted", reason_code="", place="venue",
            direction=d))
    for b in range(5):
        body = json.dumps(dict(kiosk_id=kid, queue=0, sent_ms=now,
                               checkins=items[b * 20:(b + 1) * 20])).encode()
        sends = [ua, ub] + ([ua if b % 2 else ub] if b % 4 == 0 else [])
        th = [threading.Thread(target=post, args=(u, tok, body)) for u in sends]
        for t in th: t.start()
        for t in th: t.join()
for u, st in sorted(results.items()):
    print(u, ",".join(sorted(st)))
print(json.dumps(dict(onsite=len(onsite), inside=sum(1 for d, _ in inside.values() if d == 1))),
      file=sys.stderr)
PY
python3 "$T/push.py" "$UA" "$UB" "$T/tokens" "$IDS" "$(ms)" >"$T/results" 2>"$T/want" ||
    not_ok "pushing: $(tail -3 "$T/want")"
[ "$(wc -l <"$T/results")" = 400 ] && ok "400 check-ins answered" || not_ok "$(wc -l <"$T/results") answered"
bad=$(grep -cvE ' (duplicate,stored|duplicate,duplicate,stored)$' "$T/results")
[ "$bad" = 0 ] && ok "each stored by exactly one hub, a duplicate at every other answer" ||
    not_ok "$bad check-ins not stored exactly once: $(grep -vE ' (duplicate,stored|duplicate,duplicate,stored)$' "$T/results" | head -3)"
[ "$(q 'SELECT count(*), count(DISTINCT uuid) FROM checkins')" = "400|400" ] &&
    ok "the database holds 400 check-ins, once each" || not_ok "rows: $(q 'SELECT count(*) FROM checkins')"
WANT_ON=$(js "$T/want" 'd["onsite"]') WANT_IN=$(js "$T/want" 'd["inside"]')
RT=$(ly read-token --db "$DB" --label wall)
for h in A B; do
    u=$([ $h = A ] && echo "$UA" || echo "$UB")
    curl -s -H "Authorization: Bearer $RT" "$u/api/v1/counts" >"$T/counts$h"
    got=$(js "$T/counts$h" '(d["onsite_unique"], d["inside_now"], sorted((k["scans"], k["granted"], sum(k["denied"].values())) for k in d["kiosks"]))')
    [ "$got" = "($WANT_ON, $WANT_IN, [(100, 90, 10), (100, 90, 10), (100, 90, 10), (100, 90, 10)])" ] &&
        ok "counts through hub $h: $WANT_ON onsite, $WANT_IN inside, 100 scans per kiosk" ||
        not_ok "counts through hub $h: $got, want ($WANT_ON, $WANT_IN, 100 scans)"
done

# --- a change through hub A reaches a long poll on hub B, and a kiosk syncing with hub B
read -r K0 TOK0 < <(sed -n 1p "$T/tokens")
SEQ=$(q "SELECT value FROM meta WHERE key = 'change_seq'")
code=$(ly enroll --db "$DB" --name "Room door" --gate entrance --no-qr | head -1)
expect "a real kiosk enrolls through hub B" 0 "$LY_BIN/lanyard-kiosk" --db "$T/k.db" --hub "$UB" --enroll "$code"
mkfifo "$T/k.fifo"
"$LY_BIN/lanyard-kiosk" --headless --db "$T/k.db" --source "wedge:$T/k.fifo" >"$T/k.out" 2>"$T/k.err" &
PIDS+=($!)
exec 7>"$T/k.fifo"
for _ in $(seq 100); do grep -q "sync: online" "$T/k.err" && break; sleep 0.1; done
SEQ=$(q "SELECT value FROM meta WHERE key = 'change_seq'")
ROOM=$(q "SELECT id FROM rooms ORDER BY id LIMIT 1")
curl -s --max-time 20 -H "Authorization: Bearer $TOK0" "$UB/api/v1/changes?since=$SEQ&wait=15" >"$T/poll" &
POLL=$!
sleep 1.5 # the long poll and the kiosk wait at hub B
python3 - "$K0" "$ROOM" "$(ms)" "${IDS%%,*}" >"$T/room.json" <<'PY'
import json, sys
kid, room, now, a = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
print(json.dumps(dict(kiosk_id=kid, queue=0, checkins=[dict(
    uuid="5e55105e-0000-4000-8000-00000000beef", seq=1000, wall_ms=now, mono_ms=1,
    gate="room:" + room, attendee_id=a, code_kind="badge", decision="granted", reason_code="",
    place="room:" + room, direction=1)])))
PY
t0=$(ms)
curl -s -o "$T/pushed" -H "Authorization: Bearer $TOK0" -H 'Content-Type: application/json' \
    --data-binary @"$T/room.json" "$UA/api/v1/checkins"
wait $POLL
lag=$(($(ms) - t0))
[ "$(js "$T/poll" '[(c["kind"], c["data"]["place"], c["data"]["inside"], c["data"]["as_of"] > 0) for c in d["changes"]]')" = "[('occupancy', 'room:$ROOM', 1, True)]" ] &&
    [ $lag -lt 5000 ] && ok "a long poll at hub B has the occupancy pushed through hub A after $lag ms" ||
    not_ok "long poll at B after $lag ms: $(head -c 300 "$T/poll")"
kq() { sqlite3 "$T/k.db" "$1"; }
deadline=$((SECONDS + 5))
until [ "$(kq "SELECT value FROM meta WHERE key = 'hub_inside:room:$ROOM'")" = 1 ] || [ $SECONDS -ge $deadline ]; do
    sleep 0.05
done
lag=$(($(ms) - t0))
[ "$(kq "SELECT value FROM meta WHERE key = 'hub_inside:room:$ROOM'")" = 1 ] &&
    ok "the kiosk syncing with hub B holds it $lag ms after the push to hub A" ||
    not_ok "the kiosk at B did not get the room's occupancy within 5 s: $(tail -3 "$T/k.err")"
exec 7>&-
for p in A B; do
    grep -q 'level=error' "$T/$p.log" && not_ok "hub $p logged errors: $(grep -m3 level=error "$T/$p.log")" ||
        ok "hub $p logged no error"
done
finish
