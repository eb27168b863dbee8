#!/bin/bash
# lanyard-hub on loopback, driven with curl: enrollment (single use, expiry, revoked kiosks),
# changes (paging, cursor, long poll woken by `lanyard` on the same database), idempotent
# check-in batches, another kiosk's batch refused, counts equal to what was pushed (JSON, SSE,
# `lanyard counts --db` and `--hub`, the report; attendees who did not state a country on lines
# of their own), /metrics, hostile requests (each answered 4xx,
# logged, and changing nothing), and a graceful exit on SIGTERM that answers a waiting long poll.
# The hub's backend is a parameter: LY_HUB_DB=sqlite:FILE (the default, a fresh file) or
# LY_HUB_DB=postgresql://... (an empty database, loaded from an organizer file; t_hub_pg.sh).
. "$(dirname "$0")/lib.sh"
DB=${LY_HUB_DB:-sqlite:$T/hub.db} LOG=$T/hub.log
HUB_PID=
trap '[ -n "$HUB_PID" ] && kill -9 "$HUB_PID" 2>/dev/null; rm -rf "$T"' EXIT
# ORG is the organizer database file (the hub's own on SQLite); q runs SQL on the hub's.
case $DB in
sqlite:*)
    ORG=${DB#sqlite:} HEX='hex(token_hash)'
    q() { sqlite3 "$ORG" "$@"; }
    ;;
*)
    ORG=$T/org.db HEX="upper(encode(token_hash, 'hex'))"
    q() { psql -Atq -X -v ON_ERROR_STOP=1 "$DB" -c "$1"; }
    ;;
esac
js() { python3 -c "import json,sys; d=json.load(open(sys.argv[1])); print($2)" "$1"; }

for p in lanyard lanyard-hub; do
    [ -x "$LY_BIN/$p" ] || { not_ok "no $LY_BIN/$p to test (build it first)"; finish; }
done
command -v curl >/dev/null || { not_ok "curl is not installed (board/deps.sh test)"; finish; }

# docs/hub.md holds the table the program prints, and --help lists every option of it.
"$LY_BIN/lanyard-hub" --help-markdown >"$T/table"
if [ -s "$T/table" ] && [ "$(grep -cxFf "$T/table" "$LY_ROOT/docs/hub.md")" -eq "$(wc -l <"$T/table")" ]; then
    ok "docs/hub.md options table matches --help-markdown"
else
    not_ok "docs/hub.md options table is out of date: paste lanyard-hub --help-markdown"
fi
"$LY_BIN/lanyard-hub" --help >"$T/help"
[ "$(grep -c '^  --' "$T/help")" -eq "$(($(wc -l <"$T/table") - 2 + 4))" ] && ok "--help lists every option" || not_ok "--help"
expect "no --db: usage error" 2 "$LY_BIN/lanyard-hub" --listen 127.0.0.1:0
expect "an unknown option" 2 "$LY_BIN/lanyard-hub" --db x --frob 1
expect "a PostgreSQL server that is not there" 1 "$LY_BIN/lanyard-hub" \
    --db "postgresql://lanyard@/lanyard?host=$T/nowhere&connect_timeout=2" --listen 127.0.0.1:0
grep -q "PostgreSQL: .*$T/nowhere" "$T/err" && ok "says why" || not_ok "postgresql message: $(cat "$T/err")"
printf 'db = sqlite:%s\nlisten = 127.0.0.1:99999\n' "$ORG" >"$T/bad.conf"
expect "a bad configuration file" 2 "$LY_BIN/lanyard-hub" --config "$T/bad.conf"
grep -q "bad.conf:2: listen port must be" "$T/err" && ok "names the file and line" || not_ok "config message: $(cat "$T/err")"

check "demo forum" ly --db "$ORG" demo-data --count 300 --start "$(date +%F)"
# three more from an Eventbrite export that asked no country: "not stated"
check "an export without a country" ly --db "$ORG" import registrations \
    "$LY_ROOT/tests/data/import/eventbrite_nocountry.csv"
# a room where to send people when it is full (docs/gates.md, "Fullness at the door")
TZDAY=$(TZ=$(sqlite3 "$ORG" "SELECT timezone FROM events") date +%F)
printf 'id,title,type,room,room_capacity,starts,ends,room_location,overflow,online_url\n%s\n%s\n' \
    "BR-1,Board test,workshop,Board Room,5,$TZDAY 00:00,$TZDAY 23:59,Level 3,Board Overflow,https://live.example.org/br-1" \
    "BR-2,Board screening,other,Board Overflow,50,$TZDAY 00:00,$TZDAY 23:59,Level 0,," >"$T/board.csv"
check "a programme with an overflow room and a link" ly --db "$ORG" import sessions "$T/board.csv"
if [ "$ORG" != "${DB#sqlite:}" ]; then
    check "load the organizer database into the hub's" ly --db "$DB" load --from "$ORG"
    expect "loading it again writes nothing" 0 ly --db "$DB" load --from "$ORG"
    grep -q "; 0 rows written" "$T/out" && ok "says so" || not_ok "load again: $(cat "$T/out")"
fi
"$LY_BIN/lanyard-hub" --db "$DB" --listen 127.0.0.1:0 --pool 3 2>"$LOG" &
HUB_PID=$!
for _ in $(seq 100); do grep -q 'msg=listening' "$LOG" && break; sleep 0.1; done
PORT=$(grep -o 'msg=listening.* port=[0-9]*' "$LOG" | grep -o 'port=[0-9]*' | cut -d= -f2)
[ -n "$PORT" ] && ok "hub listens (port $PORT)" || { not_ok "hub did not start"; cat "$LOG" >&2; finish; }
U=http://127.0.0.1:$PORT

# req NAME STATUS CURL-ARGS...: the answer's status; body in $T/body.
req() {
    local name=$1 want=$2; shift 2
    local got
    got=$(curl -s -o "$T/body" -w '%{http_code}' --max-time 30 "$@")
    if [ "$got" = "$want" ]; then ok "$name: $got"; else
        not_ok "$name: status $got, expected $want"; head -c 400 "$T/body" | sed 's/^/    /' >&2
    fi
}
J=(-H 'Content-Type: application/json')

req "health" 200 "$U/api/v1/health"
[ "$(js "$T/body" 'd["ok"]')" = True ] && ok "health says ok" || not_ok "health body"

# --- enrollment
K1=0f8fad5b-d9cb-469f-a165-70867728950e K2=9b2e3c4d-1111-4222-8333-944455556666
code() { ly enroll --db "$DB" --name "$1" --gate "$2" --no-qr | head -1; }
C1=$(code "North door 1" entrance)
[[ $C1 =~ ^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$ ]] && ok "enroll prints the bare code on line 1" || not_ok "code '$C1'"
req "enroll" 200 "${J[@]}" -d "{\"code\":\"$C1\",\"kiosk_id\":\"$K1\",\"software\":\"test\"}" "$U/api/v1/enroll"
TOK=$(js "$T/body" 'd["token"]')
[[ $TOK =~ ^lyk_[A-Za-z0-9_-]{43}$ ]] && ok "kiosk token" || not_ok "token '$TOK'"
[ "$(js "$T/body" 'd["kiosk"]["gate"]')" = entrance ] && ok "enroll answers the gate" || not_ok "gate"
H=$(printf %s "$TOK" | sha256sum | cut -c1-64 | tr a-f A-F)
[ "$(q "SELECT name FROM kiosks WHERE $HEX = '$H' AND uuid = '$K1'")" = "North door 1" ] &&
    ok "the hub keeps the token's SHA-256 only" || not_ok "token hash"
req "a code is single use" 401 "${J[@]}" -d "{\"code\":\"$C1\",\"kiosk_id\":\"$K2\"}" "$U/api/v1/enroll"
[ "$(js "$T/body" 'd["error"]')" = bad_code ] && ok "used code: bad_code" || not_ok "used code error"
C2=$(code "North door 2" entrance)
q "UPDATE enroll_codes SET expires_ms = 1 WHERE used_ms IS NULL"
req "an expired code" 401 "${J[@]}" -d "{\"code\":\"$C2\",\"kiosk_id\":\"$K2\"}" "$U/api/v1/enroll"
C3=$(code "Side door" exit)
req "enroll a second kiosk (lower case, no dashes)" 200 "${J[@]}" \
    -d "{\"code\":\"$(echo "$C3" | tr -d - | tr A-Z a-z)\",\"kiosk_id\":\"$K2\"}" "$U/api/v1/enroll"
TOK2=$(js "$T/body" 'd["token"]')
C4=$(code "Spare" desk)
req "enroll a kiosk to revoke" 200 "${J[@]}" \
    -d "{\"code\":\"$C4\",\"kiosk_id\":\"11111111-2222-4333-8444-555555555555\"}" "$U/api/v1/enroll"
TOK3=$(js "$T/body" 'd["token"]')
check "lanyard kiosks --revoke" ly kiosks --db "$DB" --revoke Spare
req "a revoked kiosk is refused" 403 -H "Authorization: Bearer $TOK3" "$U/api/v1/changes"
[ "$(js "$T/body" 'd["error"]')" = kiosk_revoked ] && ok "kiosk_revoked" || not_ok "revoked error"
ly kiosks --db "$DB" --json >"$T/kiosks.json"
[ "$(js "$T/kiosks.json" '[k["revoked"] for k in d if k["name"]=="Spare"][0]')" = True ] &&
    ok "kiosks --json shows the revocation" || not_ok "kiosks --json"
check_fails "enroll refuses the name of an active kiosk" ly enroll --db "$DB" --name "North door 1" --gate exit --no-qr

# --- changes: paging and cursor
A=(-H "Authorization: Bearer $TOK")
SEQ=$(q "SELECT value FROM meta WHERE key = 'change_seq'")
since=0 pages=0 total=0 ordered=yes
while :; do
    req "changes page $pages" 200 "${A[@]}" "$U/api/v1/changes?since=$since&limit=97" >/dev/null
    n=$(js "$T/body" 'len(d["changes"])')
    js "$T/body" 'all(a["seq"]<=b["seq"] for a,b in zip(d["changes"],d["changes"][1:])) and all(c["seq"]>'"$since"' for c in d["changes"])' | grep -qx True || ordered=no
    total=$((total + n)) pages=$((pages + 1))
    since=$(js "$T/body" 'd["next"]')
    [ "$(js "$T/body" 'd["more"]')" = True ] || break
    [ $pages -gt 50 ] && break
done
WANT=$(q "SELECT (SELECT count(*) FROM signing_keys) + 1 + (SELECT count(*) FROM rooms) + (SELECT count(*) FROM sessions) + (SELECT count(*) FROM registrations) + (SELECT count(*) FROM alt_codes) + 1")
[ "$total" -eq "$WANT" ] && ok "paging gives every change once ($total in $pages pages)" ||
    not_ok "paging: $total changes, expected $WANT"
[ "$ordered" = yes ] && ok "pages are ordered by seq above the cursor" || not_ok "order"
[ "$since" = "$SEQ" ] && ok "the last next is the change sequence" || not_ok "next $since, seq $SEQ"
req "an empty page when nothing is newer" 200 "${A[@]}" "$U/api/v1/changes?since=$SEQ"
[ "$(js "$T/body" '(len(d["changes"]), d["next"], d["more"])')" = "(0, $SEQ, False)" ] && ok "empty page" || not_ok "empty page $(cat "$T/body")"
req "a cursor ahead of the hub" 409 "${A[@]}" "$U/api/v1/changes?since=$((SEQ + 1000))"
req "a bad limit" 400 "${A[@]}" "$U/api/v1/changes?limit=5000"
req "a bad cursor" 400 "${A[@]}" "$U/api/v1/changes?since=12abc"

# --- long poll woken by a change another process commits
start=$(date +%s%N)
curl -s --max-time 20 "${A[@]}" "$U/api/v1/changes?since=$SEQ&wait=15" >"$T/poll" &
POLL=$!
sleep 1
changed=$(date +%s%N)
check "lanyard badge revoke 7 (another process)" ly --db "$DB" badge revoke 7
wait $POLL
done_at=$(date +%s%N)
lag=$(((done_at - changed) / 1000000))
[ $lag -lt 1500 ] && ok "long poll answered ${lag} ms after the change" || not_ok "long poll took ${lag} ms"
[ "$(js "$T/poll" '[(c["kind"],c["id"],c["data"]["revoked"]) for c in d["changes"]]')" = "[('attendee', 7, True)]" ] &&
    ok "the long poll carries the revocation" || not_ok "long poll body: $(head -c 300 "$T/poll")"
[ $(((changed - start) / 1000000)) -ge 900 ] && ok "the long poll waited while nothing changed" || not_ok "did not wait"

# --- check-ins: idempotent batches
NOW=$(($(date +%s) * 1000))
IDS=$(q "SELECT id FROM registrations WHERE attendance = 'onsite' ORDER BY id LIMIT 4" | paste -sd,)
batch() { # KIOSK_ID FIRST_SEQ: a batch of 4 venue entries and one denial
    python3 - "$1" "$2" "$NOW" "$IDS" <<'EOF'
import json, sys, uuid
kid, first, now, ids = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4].split(",")
items = []
for i, a in enumerate(ids):
    items.append(dict(uuid=str(uuid.uuid5(uuid.NAMESPACE_URL, f"{kid}/{first+i}")), seq=first + i,
                      wall_ms=now + i, mono_ms=1000 + i, gate="entrance", attendee_id=int(a),
                      code_kind="badge", decision="granted", reason_code="", place="venue",
                      direction=1))
items.append(dict(uuid=str(uuid.uuid5(uuid.NAMESPACE_URL, f"{kid}/x{first}")), seq=first + 9,
                  wall_ms=now, mono_ms=1, gate="entrance", attendee_id=0, code_kind="unreadable",
                  decision="denied", reason_code="unknown_code", place="", direction=0))
print(json.dumps(dict(kiosk_id=kid, queue=0, sent_ms=now + 10, checkins=items)))
EOF
}
batch "$K1" 1 >"$T/b1"
req "push a batch" 200 "${A[@]}" "${J[@]}" --data-binary @"$T/b1" "$U/api/v1/checkins"
[ "$(js "$T/body" '",".join(r["status"] for r in d["results"])')" = "stored,stored,stored,stored,stored" ] &&
    ok "every check-in stored" || not_ok "results $(cat "$T/body")"
[ "$(js "$T/body" 'd["received_ms"] >= '"$NOW")" = True ] && ok "received_ms is the hub's time" || not_ok "received_ms"
req "the same batch again" 200 "${A[@]}" "${J[@]}" --data-binary @"$T/b1" "$U/api/v1/checkins"
[ "$(js "$T/body" '",".join(r["status"] for r in d["results"])')" = "duplicate,duplicate,duplicate,duplicate,duplicate" ] &&
    ok "a replayed batch: all duplicates" || not_ok "replay results $(cat "$T/body")"
[ "$(q 'SELECT count(*) FROM checkins')" = 5 ] && ok "stored once" || not_ok "stored $(q 'SELECT count(*) FROM checkins')"
[ "$(q 'SELECT count(*) FROM checkins WHERE received_ms >= wall_ms - 60000 AND t_ms <= received_ms')" = 5 ] &&
    ok "hub time beside the kiosk's" || not_ok "times"
batch "$K1" 100 >"$T/b2"
req "another kiosk's kiosk_id is refused" 403 -H "Authorization: Bearer $TOK2" "${J[@]}" --data-binary @"$T/b2" "$U/api/v1/checkins"
[ "$(q 'SELECT count(*) FROM checkins')" = 5 ] && ok "nothing stored from it" || not_ok "stored from another kiosk"
python3 - "$T/b1" >"$T/b3" <<'EOF'
import json, sys
b = json.load(open(sys.argv[1]))
b["checkins"][0]["decision"] = "maybe"
b["checkins"][1]["direction"] = 5
b["checkins"][2]["uuid"] = "not-a-uuid"
print(json.dumps(b))
EOF
req "a batch with bad items" 200 "${A[@]}" "${J[@]}" --data-binary @"$T/b3" "$U/api/v1/checkins"
[ "$(js "$T/body" '",".join(r["status"] for r in d["results"])')" = "rejected,rejected,rejected,duplicate,duplicate" ] &&
    ok "bad items rejected one by one" || not_ok "item results $(cat "$T/body")"

req "changes after the pushes" 200 "${A[@]}" "$U/api/v1/changes?since=$SEQ"
[ "$(js "$T/body" '[(c["kind"],c["data"]["place"],c["data"]["inside"],c["data"]["as_of"]>0,c["data"]["grace_s"]) for c in d["changes"] if c["kind"]=="occupancy"]')" = "[('occupancy', 'venue', 4, True, 900)]" ] &&
    ok "occupancy flows back down as a change" || not_ok "occupancy: $(head -c 300 "$T/body")"

# --- counts equal what was pushed
WANT_ON=4
WANT_C=$(q "SELECT count(DISTINCT country) FROM registrations WHERE id IN ($IDS)")
req "counts with a kiosk token" 200 "${A[@]}" "$U/api/v1/counts"
[ "$(js "$T/body" '(d["onsite_unique"], d["inside_now"], d["countries"])')" = "($WANT_ON, $WANT_ON, $WANT_C)" ] &&
    ok "counts: $WANT_ON onsite, $WANT_ON inside, $WANT_C countries" || not_ok "counts $(head -c 300 "$T/body")"
[ "$(js "$T/body" '[(k["name"],k["scans"],k["granted"],k["denied"]) for k in d["kiosks"] if k["scans"]]')" = "[('North door 1', 5, 4, {'unknown_code': 1})]" ] &&
    ok "per kiosk: scans, grants, denials by reason" || not_ok "kiosks $(js "$T/body" 'd["kiosks"]')"
RT=$(ly read-token --db "$DB" --label wall)
[[ $RT =~ ^lyr_ ]] && ok "read token" || not_ok "read token '$RT'"
req "counts with a read token" 200 -H "Authorization: Bearer $RT" "$U/api/v1/counts"
req "a read token in the query is refused (it would end up in logs and referrers)" 400 "$U/api/v1/counts?token=$RT"
! grep -q "$RT" "$T/body" && ok "and the answer does not repeat it" || not_ok "the answer holds the token"
ly counts --db "$DB" --json >"$T/c.json" && [ "$(js "$T/c.json" '(d["onsite_unique"], d["inside_now"], d["countries"])')" = "($WANT_ON, $WANT_ON, $WANT_C)" ] &&
    ok "lanyard counts --db --json" || not_ok "counts --db: $(head -c 200 "$T/c.json")"
ly counts --hub "$U" --token "$RT" --json >"$T/c2.json" && [ "$(js "$T/c2.json" 'd["onsite_unique"]')" = $WANT_ON ] &&
    ok "lanyard counts --hub --token" || not_ok "counts --hub: $(head -c 200 "$T/c2.json")"
check "lanyard counts (text)" ly counts --db "$DB"
check "lanyard report" ly report --db "$DB" --out "$T/report.md"
grep -q "^\*\*$WANT_ON onsite participants from $WANT_C countries.\*\*$" "$T/report.md" &&
    ok "report: N onsite participants from M countries" || not_ok "report: $(head -5 "$T/report.md")"
check "lanyard report --csv" ly report --db "$DB" --out "$T/report.csv"
grep -qx "total,onsite_participants,$WANT_ON"$'\r' "$T/report.csv" && ok "CSV report" || not_ok "CSV report"
curl -s -N --max-time 2 -H "Authorization: Bearer $RT" "$U/api/v1/counts/stream" >"$T/sse"
grep -q '^event: counts$' "$T/sse" && grep -q "^data: {\"onsite_unique\":$WANT_ON," "$T/sse" &&
    ok "the live stream sends counts" || not_ok "stream: $(head -c 200 "$T/sse")"
# a session's entry at its room's door from the second kiosk (a door staff mode can switch it
# to), while a stream is open: a new event follows
curl -s -N --max-time 30 -H "Authorization: Bearer $RT" "$U/api/v1/counts/stream" >"$T/sse2" &
SSE=$!
wait_for 10 "grep -q '^event: counts$' '$T/sse2'" # the stream is open: its first event
python3 - "$K2" "$NOW" "$(q "SELECT room_id FROM sessions WHERE ext_id = 'S044'")" "$(q "SELECT min(id) FROM registrations WHERE attendance = 'onsite' AND id NOT IN ($IDS)")" >"$T/b4" <<'EOF2'
import json, sys
kid, now, room, a = sys.argv[1], int(sys.argv[2]), sys.argv[3], int(sys.argv[4])
print(json.dumps(dict(kiosk_id=kid, queue=2, checkins=[dict(
    uuid="5e55105e-0000-4000-8000-000000000001", seq=1, wall_ms=now, mono_ms=1,
    gate="room:" + room, attendee_id=a, code_kind="badge", decision="granted", reason_code="",
    place="session:S044", direction=1)])))
EOF2
req "push a session entry from the second kiosk" 200 -H "Authorization: Bearer $TOK2" "${J[@]}" --data-binary @"$T/b4" "$U/api/v1/checkins"
wait_for 15 "grep -q '^data: {\"onsite_unique\":$((WANT_ON + 1)),' '$T/sse2'"
kill "$SSE" 2>/dev/null
wait "$SSE" 2>/dev/null
[ "$(grep -c '^event: counts$' "$T/sse2")" -ge 2 ] && grep -q "^data: {\"onsite_unique\":$((WANT_ON + 1))," "$T/sse2" &&
    ok "the stream sends new counts after a batch" || not_ok "stream after a batch: $(grep -c '^event' "$T/sse2") events"
req "counts after the session entry" 200 "${A[@]}" "$U/api/v1/counts"
[ "$(js "$T/body" '[(s["attendance"],s["inside"]) for s in d["sessions"] if s["session"]=="S044"]')" = "[(1, 1)]" ] &&
    ok "session attendance and occupancy" || not_ok "session S044: $(js "$T/body" '[s for s in d["sessions"] if s["session"]=="S044"]')"
ROOM=$(q "SELECT r.id FROM sessions s JOIN rooms r ON r.id = s.room_id WHERE s.ext_id = 'S044'")
[ "$(js "$T/body" '[(p["inside"],p["attendance"],p["capacity"]>0) for p in d["places"] if p["place"]=="room:'"$ROOM"'"]')" = "[(1, 1, True)]" ] &&
    ok "the session's room counts it, against its capacity" || not_ok "room $ROOM: $(js "$T/body" 'd["places"]')"
[ "$(js "$T/body" '[(k["name"],k["queue"]) for k in d["kiosks"] if k["name"]=="Side door"]')" = "[('Side door', 2)]" ] &&
    ok "per kiosk: the queue it reported" || not_ok "queue"
# the public room board, on this backend: no token, the overflow room and link as loaded
req "the room board without a token" 200 "$U/api/v1/board"
[ "$(js "$T/body" '[(r["level"], r["overflow"], r["overflow_location"], r["online_url"], r["location"]) for r in d["rooms"] if r["room"] == "Board Room"]')" = \
    "[('space', 'Board Overflow', 'Level 0', 'https://live.example.org/br-1', 'Level 3')]" ] &&
    ok "the board: the room's level, its overflow room, where it is, its link" ||
    not_ok "board: $(head -c 600 "$T/body")"
req "metrics" 200 "$U/metrics"
grep -qx 'lanyard_hub_checkins_total{result="stored"} 6' "$T/body" && ok "metrics count stored check-ins" || not_ok "metrics"

# --- attendees who did not state a country: their own line by country and by region, no country
ZZ=$(q "SELECT id FROM registrations WHERE country = 'ZZ' ORDER BY id" | paste -sd,)
[ "$(echo "$ZZ" | tr , '\n' | wc -l)" -eq 3 ] && ok "three registrations without a country ($ZZ)" || not_ok "ZZ ids: '$ZZ'"
python3 - "$K1" "$NOW" "$ZZ" >"$T/b5" <<'EOF2'
import json, sys, uuid
kid, now, ids = sys.argv[1], int(sys.argv[2]), sys.argv[3].split(",")
print(json.dumps(dict(kiosk_id=kid, queue=0, checkins=[dict(
    uuid=str(uuid.uuid5(uuid.NAMESPACE_URL, f"{kid}/zz{a}")), seq=100 + i, wall_ms=now + 100 + i,
    mono_ms=5000 + i, gate="entrance", attendee_id=int(a), code_kind="badge", decision="granted",
    reason_code="", place="venue", direction=1) for i, a in enumerate(ids)])))
EOF2
req "push the entries of three without a country" 200 "${A[@]}" "${J[@]}" --data-binary @"$T/b5" "$U/api/v1/checkins"
req "counts with them" 200 "${A[@]}" "$U/api/v1/counts"
ON=$(q "SELECT count(*) FROM onsite")
C=$(q "SELECT count(DISTINCT country) FROM registrations WHERE id IN (SELECT attendee_id FROM onsite) AND country <> 'ZZ'")
[ "$(js "$T/body" '(d["onsite_unique"], d["countries"], [g["n"] for g in d["by_country"] if g["country"]=="ZZ"], [g["n"] for g in d["by_region"] if g["region"]=="not_stated"])')" = "($ON, $C, [3], [3])" ] &&
    ok "counts: 3 not stated, by country and by region; $C countries besides" ||
    not_ok "not stated: $(js "$T/body" '(d["onsite_unique"], d["countries"], d["by_country"], d["by_region"])')"
ly report --db "$DB" --out "$T/report-zz.md" >/dev/null && grep -qx "| not stated | 3 | .* |" "$T/report-zz.md" &&
    grep -qx "\*\*$ON onsite participants from $C countries.\*\* 3 of them did not state a country." "$T/report-zz.md" &&
    ok "report: a line \"not stated\" and how many" || not_ok "report: $(grep -i 'stated\|countries' "$T/report-zz.md")"
ly counts --db "$DB" >"$T/counts-zz.txt" && grep -q "^countries: *$C (and 3 onsite without a stated country)$" "$T/counts-zz.txt" &&
    ok "lanyard counts says how many did not state a country" || not_ok "counts text: $(head -4 "$T/counts-zz.txt")"

# --- hostile requests: 4xx, logged, nothing changed
state() { q "SELECT (SELECT count(*) FROM checkins), (SELECT count(*) FROM kiosks), (SELECT count(*) FROM enroll_codes WHERE used_ms IS NOT NULL), (SELECT value FROM meta WHERE key='change_seq')"; }
BEFORE=$(state)
refused_before=$(grep -c 'msg=refused' "$LOG")
req "no token" 401 "$U/api/v1/changes"
req "a malformed token" 401 -H "Authorization: Bearer nonsense" "$U/api/v1/changes"
req "an unknown token" 401 -H "Authorization: Bearer lyk_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA" "$U/api/v1/snapshot"
req "a read token cannot push" 403 -H "Authorization: Bearer $RT" "${J[@]}" --data-binary @"$T/b1" "$U/api/v1/checkins"
req "a token in the query is refused for pushes" 400 "${J[@]}" --data-binary @"$T/b1" "$U/api/v1/checkins?token=$TOK"
head -c 2000000 /dev/zero | tr '\0' ' ' >"$T/big"
req "an oversized body" 413 "${A[@]}" "${J[@]}" --data-binary @"$T/big" "$U/api/v1/checkins"
req "an oversized chunked body" 413 "${A[@]}" "${J[@]}" -H 'Transfer-Encoding: chunked' --data-binary @"$T/big" "$U/api/v1/checkins"
req "malformed JSON" 400 "${A[@]}" "${J[@]}" -d '{"kiosk_id":' "$U/api/v1/checkins"
printf '%*s' 5000 '' | tr ' ' '[' >"$T/deep"
req "deeply nested JSON" 400 "${A[@]}" "${J[@]}" --data-binary @"$T/deep" "$U/api/v1/checkins"
python3 -c "
import json; print(json.dumps(dict(kiosk_id='$K1', queue=0, checkins=[{}]*501)))" >"$T/huge"
req "a batch over 500" 413 "${A[@]}" "${J[@]}" --data-binary @"$T/huge" "$U/api/v1/checkins"
req "not JSON content" 415 "${A[@]}" -H 'Content-Type: text/plain' --data-binary @"$T/b1" "$U/api/v1/checkins"
req "enroll with a malformed body" 400 "${J[@]}" -d '{"code":1}' "$U/api/v1/enroll"
req "enroll with a made-up code" 401 "${J[@]}" -d "{\"code\":\"ABCD-EFGH-JKMN\",\"kiosk_id\":\"$K2\"}" "$U/api/v1/enroll"
req "GET on a POST endpoint" 405 "$U/api/v1/checkins"
req "path traversal" 400 --path-as-is "$U/dashboard/../../etc/passwd"
req "percent-encoded traversal" 400 --path-as-is "$U/dashboard/%2e%2e/%2e%2e/etc/passwd"
req "encoded slashes" 400 --path-as-is "$U/dashboard/..%2f..%2fetc%2fpasswd"
req "double encoding" 400 --path-as-is "$U/dashboard/%252e%252e/etc/passwd"
req "traversal into the API" 400 --path-as-is "$U/api/v1/../../etc/passwd"
req "an unknown file" 404 "$U/dashboard/passwd"
req "an unknown path" 404 "$U/etc/passwd"
req "the dashboard page" 200 "$U/dashboard/"
[ "$(state)" = "$BEFORE" ] && ok "hostile requests changed nothing" || not_ok "state $BEFORE -> $(state)"
refused=$(($(grep -c 'msg=refused' "$LOG") - refused_before))
[ "$refused" -eq 21 ] && ok "every refusal logged ($refused)" || not_ok "$refused refusals logged, expected 21"
grep 'msg=refused' "$LOG" | grep -q 'path=/dashboard/../../etc/passwd status=400' && ok "the log names the path" || not_ok "log line"

# --- SIGTERM: a waiting long poll is answered, the hub exits 0
SEQ=$(q "SELECT value FROM meta WHERE key = 'change_seq'")
curl -s -o "$T/last" -w '%{http_code}' --max-time 20 "${A[@]}" "$U/api/v1/changes?since=$SEQ&wait=20" >"$T/last.code" &
POLL=$!
sleep 0.5
kill -TERM $HUB_PID
t0=$(date +%s%N)
wait $HUB_PID
rc=$?
HUB_PID=
wait $POLL
[ $rc -eq 0 ] && ok "SIGTERM: exit 0" || not_ok "SIGTERM: exit $rc"
[ $((($(date +%s%N) - t0) / 1000000)) -lt 5000 ] && ok "stopped promptly" || not_ok "slow stop"
[ "$(cat "$T/last.code")" = 200 ] && ok "the waiting long poll was answered" || not_ok "long poll at stop: $(cat "$T/last.code")"
grep -q 'msg=stopped' "$LOG" && ok "logged the stop" || not_ok "no stop line"

# --- TLS and systemd: READY=1, WATCHDOG=1 and STOPPING=1 on a notify socket
if command -v openssl >/dev/null; then
    openssl req -x509 -newkey rsa:2048 -nodes -keyout "$T/key.pem" -out "$T/cert.pem" -days 2 \
        -subj /CN=127.0.0.1 -addext subjectAltName=IP:127.0.0.1 2>/dev/null
    python3 - "$T/notify" "$T/notified" <<'EOF2' &
import socket, sys, time
s = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
s.bind(sys.argv[1])
s.settimeout(0.5)
end = time.time() + 15
with open(sys.argv[2], "w") as out:
    while time.time() < end:
        try:
            out.write(s.recv(4096).decode() + "\n")
            out.flush()
        except socket.timeout:
            pass
EOF2
    NOTIFY=$!
    for _ in $(seq 50); do [ -S "$T/notify" ] && break; sleep 0.1; done
    NOTIFY_SOCKET=$T/notify WATCHDOG_USEC=400000 "$LY_BIN/lanyard-hub" --db "$DB" --listen 127.0.0.1:0 \
        --tls-cert "$T/cert.pem" --tls-key "$T/key.pem" 2>"$T/tls.log" &
    HUB_PID=$!
    for _ in $(seq 100); do grep -q 'msg=listening' "$T/tls.log" && break; sleep 0.1; done
    P2=$(grep -o 'msg=listening.* port=[0-9]*' "$T/tls.log" | grep -o 'port=[0-9]*' | cut -d= -f2)
    req "health over TLS (certificate checked)" 200 --cacert "$T/cert.pem" "https://127.0.0.1:$P2/api/v1/health"
    req "plain HTTP to the TLS port is not served" 000 "http://127.0.0.1:$P2/api/v1/health"
    sleep 1
    kill -TERM $HUB_PID
    wait $HUB_PID
    rc=$?
    HUB_PID=
    sleep 0.6
    kill $NOTIFY 2>/dev/null
    wait $NOTIFY 2>/dev/null
    [ $rc -eq 0 ] && ok "TLS hub stops with 0" || not_ok "TLS hub exit $rc"
    grep -q '^READY=1$' "$T/notified" && ok "sd_notify READY=1" || not_ok "no READY=1: $(cat "$T/notified")"
    [ "$(grep -c '^WATCHDOG=1$' "$T/notified")" -ge 2 ] && ok "sd_notify WATCHDOG=1 repeatedly" || not_ok "watchdog: $(cat "$T/notified")"
    grep -q '^STOPPING=1$' "$T/notified" && ok "sd_notify STOPPING=1" || not_ok "no STOPPING=1"
else
    echo "skip - TLS and sd_notify (no openssl to make a certificate)"
fi
finish
