#!/bin/bash
# t_hub_accepts.sh - what the hub accepts from a kiosk (docs/security.md, "What the hub accepts
# from a kiosk"), against a real lanyard-hub on loopback: one kiosk token sending 4,000 made-up
# attendee ids leaves onsite_unique where it was and gives other kiosks no change to download;
# gates and places a kiosk may not claim are refused per item with a reason; /metrics counts
# them by reason; a real kiosk keeps what the hub refused in its journal, marked, and does not
# send it again. Then read tokens: made to expire (--ttl), listed, revoked (--revoke), refused at
# once, never taken from a URL, never in the hub's log. The hub's backend is a parameter:
# LY_HUB_DB=sqlite:FILE (the default) or postgresql://... (t_hub_accepts_pg.sh).
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
K() { "$LY_BIN/lanyard-kiosk" "$@"; }
TODAY=$(date +%F) AT=$(date +%F)T10:00

check "demo forum of 120" file demo-data --count 120 --start "$TODAY"
[ "$FILE" = "${HUB_DB#sqlite:}" ] || check "load it into the hub's database" org load --from "$FILE"
"$LY_BIN/lanyard-hub" --db "$HUB_DB" --listen 127.0.0.1:0 --pool 3 --log-requests yes 2>"$LOG" &
HUB_PID=$!
for _ in $(seq 100); do grep -q 'msg=listening' "$LOG" && break; sleep 0.1; done
PORT=$(grep -o 'msg=listening.* port=[0-9]*' "$LOG" | grep -o 'port=[0-9]*$' | cut -d= -f2)
[ -n "$PORT" ] && ok "hub listens (port $PORT)" || { not_ok "hub did not start"; cat "$LOG" >&2; finish; }
U=http://127.0.0.1:$PORT
RT=$(org read-token --label checks 2>/dev/null)
code() { org enroll --name "$1" --gate "$2" --no-qr | head -1; }
SESSION=$(sqlite3 "$FILE" "SELECT ext_id FROM sessions ORDER BY id LIMIT 1")
ROOM=$(sqlite3 "$FILE" "SELECT room_id FROM sessions WHERE ext_id = '$SESSION'")
OTHER_ROOM=$(sqlite3 "$FILE" "SELECT id FROM rooms WHERE id <> $ROOM ORDER BY id LIMIT 1")
PEOPLE=$(sqlite3 "$FILE" "SELECT group_concat(id) FROM (SELECT id FROM registrations ORDER BY id LIMIT 6)")

# --- Made-up attendees, wrong gates and places, pushed with a real kiosk token (hubkit).
python3 - "$U" "$RT" "$(code "Flood door" entrance)" "$(code "Honest door" entrance)" \
    "$SESSION" "$ROOM" "$OTHER_ROOM" "$PEOPLE" >"$T/flood.out" 2>&1 <<'PY'
import json, sys
sys.path.insert(0, "tests/tools")
import hubkit
hub, rt, c1, c2, session, room, other, people = sys.argv[1:]
people = [int(x) for x in people.split(",")]
flood, honest = hubkit.Kiosk(hub, c1, "flood"), hubkit.Kiosk(hub, c2, "honest")
def changes(since):
    s, b = hubkit.request(f"{hub}/api/v1/changes?since={since}", token=honest.token)
    assert s == 200, (s, b)
    return b
cursor = changes(0)["next"]
while changes(cursor)["more"]:
    cursor = changes(cursor)["next"]
before = hubkit.counts(hub, rt)["onsite_unique"]
now = hubkit.now_ms()
made_up = [flood.item(3000000 + i, now - i) for i in range(4000)]  # 8 batches of 500
got = flood.push(made_up)
print("made-up", len(got), sorted(set(got)))
after = hubkit.counts(hub, rt)["onsite_unique"]
print("onsite", before, after)
print("changes for others", len(changes(cursor)["changes"]))
# one kiosk's batch, item by item: what it may and may not claim
items = [
    flood.item(people[0], now, gate="entrance", place="venue"),                     # stored
    flood.item(people[1], now, gate=f"session:{session}", place=f"session:{session}"),  # gate
    flood.item(people[2], now, gate=f"room:{other}", place=f"session:{session}"),   # place
    flood.item(people[3], now, gate="entrance", place=f"room:{room}"),              # place
    flood.item(people[4], now, gate=f"room:{room}", place=f"session:{session}"),    # stored
    flood.item(people[5], now, gate="lobby", place="venue"),                        # gate
]
s, b = hubkit.request(f"{hub}/api/v1/checkins", {"kiosk_id": flood.id, "queue": 0,
                      "checkins": items}, flood.token)
print("items", json.dumps([(r["status"], r.get("reason", "")) for r in b["results"]]))
print("error", b["results"][1].get("error", ""))
PY
grep -qx "made-up 4000 \['refused'\]" "$T/flood.out" && ok "4,000 made-up attendees: each refused" ||
    not_ok "made-up: $(cat "$T/flood.out")"
grep -qE '^onsite ([0-9]+) \1$' "$T/flood.out" && ok "onsite_unique unchanged by them" ||
    not_ok "onsite: $(grep onsite "$T/flood.out")"
grep -qx "changes for others 0" "$T/flood.out" && ok "another kiosk downloads no change for them" ||
    not_ok "changes: $(grep changes "$T/flood.out")"
has "per item: stored, refused for the gate, for the place, stored at a room door" "$T/flood.out" \
    'items [["stored", ""], ["refused", "gate"], ["refused", "place"], ["refused", "place"], ["stored", ""], ["refused", "gate"]]'
grep -q "^error this kiosk may not be at this gate" "$T/flood.out" && ok "with a sentence" ||
    not_ok "no sentence: $(grep error "$T/flood.out")"
curl -s "$U/metrics" >"$T/metrics"
grep -qx 'lanyard_hub_checkins_refused_total{reason="unknown_attendee"} 4000' "$T/metrics" &&
    grep -qx 'lanyard_hub_checkins_refused_total{reason="gate"} 2' "$T/metrics" &&
    grep -qx 'lanyard_hub_checkins_refused_total{reason="place"} 2' "$T/metrics" &&
    grep -qx 'lanyard_hub_checkins_total{result="refused"} 4004' "$T/metrics" &&
    ok "/metrics counts them by reason" || not_ok "metrics: $(grep refused "$T/metrics")"

grep -q 'level=warn msg="checkins refused" kiosk="Flood door" refused=500 first=unknown_attendee' "$LOG" &&
    grep -q 'level=warn msg="checkins refused" kiosk="Flood door" refused=4 first=gate' "$LOG" &&
    ok "the hub's log names the kiosk, how many and the first reason" ||
    not_ok "log: $(grep refused "$LOG" | head -3)"

# --- A real kiosk: a gate it may switch to is accepted; one it may not is refused, kept in its
# journal marked with the reason, and never sent again.
check "enroll a kiosk at the entrance" K --db "$T/k.db" --hub "$U" --enroll "$(code "Door K" entrance)"
file badge code 7 >"$T/codes"
check "at the exit (staff mode offers it)" K --headless --db "$T/k.db" --gate exit \
    --source "wedge:$T/codes" --holdoff 0 --at "$AT"
expect "at a session door it was not enrolled at" 0 K --headless --db "$T/k.db" \
    --gate "session:$SESSION" --source "wedge:$T/codes" --holdoff 0 --at "$AT"
grep -q "warning: gate session:$SESSION is neither the gate this kiosk was enrolled at (entrance)" "$T/err" &&
    ok "the kiosk warns that the hub will refuse it" || not_ok "no warning: $(cat "$T/err")"
check "sync once" K --db "$T/k.db" --sync-once
[ "$(kq k "SELECT group_concat(gate || ':' || sent || ':' || refused, ' ') FROM checkins ORDER BY seq")" = \
    "exit:1: session:$SESSION:1:gate" ] && ok "the journal keeps the refused entry, sent and marked 'gate'" ||
    not_ok "journal: $(kq k "SELECT gate, sent, refused FROM checkins")"
refused_total() { curl -s "$U/metrics" | grep -o '^lanyard_hub_checkins_total{result="refused"} [0-9]*' | cut -d' ' -f2; }
R1=$(refused_total)
[ "$R1" -ge 4005 ] && ok "the hub refused it ($R1 refused in all)" || not_ok "metrics: $(curl -s "$U/metrics" | grep refused)"
check "sync again" K --db "$T/k.db" --sync-once
[ "$(refused_total)" = "$R1" ] && ok "the refused entry is not sent again" || not_ok "resent: $(refused_total) after $R1"

# --- Read tokens: expiring, listed, revoked, refused at once; never from a URL or in the log.
counts() { curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $1" "$U/api/v1/counts"; }
expect "read-token --ttl" 0 org read-token --label short --ttl 2s
SHORT=$(cat "$T/out")
grep -q '^read token [0-9]* "short", expires 20' "$T/err" && ok "says its id and expiry" || not_ok "ttl: $(cat "$T/err")"
SHORT_ID=$(grep -o '^read token [0-9]*' "$T/err" | grep -o '[0-9]*$')
[ "$(counts "$SHORT")" = 200 ] && ok "a token before its expiry: 200" || not_ok "short token refused early"
expect "read-token --list" 0 org read-token --list --json
python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); sys.exit(not (len(d) == 2 and d[1]["label"] == "short" and d[1]["state"] == "active" and d[1]["expires_ms"] > 0 and d[0]["expires_ms"] == 0))' "$T/out" &&
    ok "lists both, with their expiry" || not_ok "list: $(cat "$T/out")"
sleep 2.2
[ "$(counts "$SHORT")" = 401 ] && ok "after its expiry: 401" || not_ok "expired token: $(counts "$SHORT")"
org read-token --list | grep -qE "^ *$SHORT_ID +short +expired " && ok "--list says expired" ||
    not_ok "list: $(org read-token --list)"
[ "$(counts "$RT")" = 200 ] && ok "a token without --ttl does not expire" || not_ok "RT refused"
expect "read-token --revoke ID" 0 org read-token --revoke 1
[ "$(counts "$RT")" = 401 ] && ok "a revoked token: 401 at once" || not_ok "revoked token: $(counts "$RT")"
expect "revoking it again: nothing to revoke" 1 org read-token --revoke 1
expect "a bad --ttl" 2 org read-token --label x --ttl 5y
expect "--ttl over 400 days" 2 org read-token --label x --ttl 401d
expect "--revoke without an id" 2 org read-token --revoke abc
NEW=$(org read-token --label url 2>/dev/null)
code=$(curl -s -o "$T/b" -w '%{http_code}' "$U/api/v1/counts?token=$NEW")
[ "$code" = 400 ] && grep -q "never in the URL" "$T/b" && ! grep -q "$NEW" "$T/b" &&
    ok "a token in the URL: 400, and the answer does not repeat it" || not_ok "query token: $code $(cat "$T/b")"
! grep -qE "$RT|$SHORT|$NEW" "$LOG" && grep -q 'path=/api/v1/counts' "$LOG" &&
    ok "the hub's request log never holds a read token" || not_ok "a token in the log"
kill "$HUB_PID" && wait "$HUB_PID"
HUB_PID=
finish
