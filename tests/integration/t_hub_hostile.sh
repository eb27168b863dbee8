#!/bin/bash
# Hostile requests against a real lanyard-hub on loopback, over raw sockets
# (tests/tools/hub_hostile.py): ambiguous framing (both lengths, duplicate or malformed lengths,
# unknown or stacked codings, requests smuggled behind), NUL and control bytes in the request
# line, headers and decoded path or query, folded headers, over-long lines and headers, HTTP/1.0
# and keep-alive; each answered 4xx and closed, the hub alive and the database unchanged after
# each. Then slow senders cut off at the header and request deadlines (bounded in time), the
# connection budgets (a kiosk still syncs while attackers hold every slot they may), and live
# counts streams that end when their peer closes or their token is withdrawn.
# LY_HOSTILE_LIMITS replaces the hub's limit options (to run the suite against an older hub).
. "$(dirname "$0")/lib.sh"
DB=$T/hub.db LOG=$T/hub.log
HUB_PID=
trap '[ -n "$HUB_PID" ] && kill -9 "$HUB_PID" 2>/dev/null; rm -rf "$T"' EXIT
for p in lanyard lanyard-hub; do
    [ -x "$LY_BIN/$p" ] || { not_ok "no $LY_BIN/$p to test (build it first)"; finish; }
done
command -v curl >/dev/null || { not_ok "curl is not installed (board/deps.sh test)"; finish; }
js() { python3 -c "import json,sys; d=json.load(open(sys.argv[1])); print($2)" "$1"; }

HDR=4 REQ=6 PER_IP=4 UNAUTH=6 READ=2
LIMITS=${LY_HOSTILE_LIMITS:---max-connections 24 --per-ip $PER_IP --unauth-connections $UNAUTH \
--read-connections $READ --header-timeout $HDR --request-timeout $REQ}
check "demo data" ly --db "$DB" demo-data --count 40 --start "$(date +%F)"
# shellcheck disable=SC2086 # LIMITS is a list of options
"$LY_BIN/lanyard-hub" --db "sqlite:$DB" --listen 127.0.0.1:0 --idle-timeout 30 $LIMITS 2>"$LOG" &
HUB_PID=$!
for _ in $(seq 100); do grep -q 'msg=listening' "$LOG" && break; sleep 0.1; done
PORT=$(grep -o 'msg=listening.* port=[0-9]*' "$LOG" | grep -o 'port=[0-9]*' | cut -d= -f2)
[ -n "$PORT" ] && ok "hub listens (port $PORT)" || { not_ok "hub did not start"; cat "$LOG" >&2; finish; }
U=http://127.0.0.1:$PORT

enroll() { # NAME UUID: prints the kiosk's token
    local code
    code=$(ly enroll --db "$DB" --name "$1" --gate entrance --no-qr | head -1)
    curl -s --max-time 10 -H 'Content-Type: application/json' \
        -d "{\"code\":\"$code\",\"kiosk_id\":\"$2\",\"software\":\"test\"}" "$U/api/v1/enroll" >"$T/e.json"
    js "$T/e.json" 'd["token"]'
}
TOK=$(enroll "Door 1" 0f8fad5b-d9cb-469f-a165-70867728950e)
SPARE=$(enroll "Spare" 9b2e3c4d-1111-4222-8333-944455556666)
RT=$(ly read-token --db "$DB" --label wall)
[[ $TOK =~ ^lyk_ && $SPARE =~ ^lyk_ && -n $RT ]] && ok "two kiosks and a read token" ||
    { not_ok "setup: '$TOK' '$SPARE' '$RT'"; finish; }

start=$SECONDS
python3 "$LY_ROOT/tests/tools/hub_hostile.py" "$PORT" "$DB" "$TOK" "$RT" "$HDR" "$REQ" "$PER_IP" \
    "$UNAUTH" "$READ" "$LY_BIN/lanyard" "$SPARE" "Spare"
[ $? -eq 0 ] || ly_failed=$((ly_failed + 1))
echo "# hostile suite: $((SECONDS - start)) s"

# every refusal is logged, none names a token
grep -q 'msg=refused.*status=400.*error=bad_request' "$LOG" && ok "framing refusals are logged" ||
    not_ok "no refusal logged"
grep -qF "${TOK#lyk_}" "$LOG" && not_ok "a kiosk token in the log" || ok "no token in the log"

kill -TERM "$HUB_PID"
wait "$HUB_PID"
rc=$?
HUB_PID=
[ $rc -eq 0 ] && ok "the hub exits 0 on SIGTERM" || { not_ok "hub exit status $rc"; tail -30 "$LOG" >&2; }
grep -q 'ERROR: AddressSanitizer\|runtime error' "$LOG" && { not_ok "sanitizer report"; grep -A20 'ERROR: Addr\|runtime error' "$LOG" | head -40 >&2; } ||
    ok "no sanitizer report"
finish
