#!/bin/bash
# t_room_board.sh - fullness for everyone (docs/hub.md, "The room board"): lanyard-hub on
# loopback with a programme of rooms on now, check-ins that fill one room and nearly another;
# /api/v1/board without a token (room fullness, overflow, links; no name, no restricted title),
# hostile requests to it, the page /board and the dashboard's rooms in real headless Chromium
# (tests/tools/board_check.py). Screenshots in build/test-logs/board-*.png.
. "$(dirname "$0")/lib.sh"
DB=$T/hub.db LOG=$T/hub.log SHOTS=$LY_ROOT/build/test-logs
trap '[ -s "$T/hub.pid" ] && kill -9 "$(cat "$T/hub.pid")" 2>/dev/null; rm -rf "$T"' EXIT
command -v curl >/dev/null || { not_ok "curl is not installed (board/deps.sh test)"; finish; }
mkdir -p "$SHOTS"

check "demo forum" ly --db "$DB" demo-data --count 200 --start "$(date +%F)"
TODAY=$(TZ=$(sqlite3 "$DB" "SELECT timezone FROM events") date +%F)
# Sessions on all day (so that the test does not depend on the hour), one later today than
# anything can be now, and one that ended yesterday.
YESTERDAY=$(date -d "$TODAY - 1 day" +%F)
cat >"$T/programme.csv" <<CSV
id,title,type,room,room_capacity,starts,ends,room_location,overflow,online_url,categories
FL-1,Fullness at the door,workshop,Room F1,2,$TODAY 00:00,$TODAY 23:58,"Level 1, east wing",Overflow Hall,https://live.example.org/fl-1,
FL-2,Bilateral: secret,other,Room F2,10,$TODAY 00:00,$TODAY 23:58,,,,vip
FL-4,Nearly full,workshop,Room F4,10,$TODAY 00:00,$TODAY 23:58,,,,
FL-5,Later today,workshop,Room F5,10,$TODAY 23:58,$TODAY 23:59,,,,
FL-6,Yesterday,workshop,Room F6,10,$YESTERDAY 10:00,$YESTERDAY 11:00,,,,
OV-1,Overflow screening,other,Overflow Hall,300,$TODAY 00:00,$TODAY 23:58,"Level 0, west wing",,,
CSV
check "import the programme" ly --db "$DB" import sessions "$T/programme.csv"
hub_scripts "$DB" "$LOG"
"$T/start.sh" 0 || { not_ok "the hub did not start"; cat "$LOG" >&2; finish; }
PORT=$(grep -o 'msg=listening.* port=[0-9]*' "$LOG" | grep -o 'port=[0-9]*' | cut -d= -f2)
U=http://127.0.0.1:$PORT
ok "hub listens (port $PORT)"
RT=$(ly read-token --db "$DB" --label board-test | head -1)
CODE=$(ly enroll --db "$DB" --name "Board kiosk" --gate "room:Room F1" --no-qr | head -1)

code=$(curl -s -o "$T/page" -w '%{http_code} %{content_type}' "$U/board")
[ "$code" = "200 text/html; charset=utf-8" ] && cmp -s "$T/page" "$LY_ROOT/sync/hub/dashboard/board.html" &&
    ok "/board: the page, compiled in" || not_ok "/board: $code"
csp=$(curl -s -D - -o /dev/null "$U/board" | tr -d '\r' | grep -i '^content-security-policy:')
[[ $csp == *"default-src 'none'"* && $csp == *"connect-src 'self'"* && $csp != *unsafe* ]] &&
    ok "/board: the dashboard's strict Content-Security-Policy" || not_ok "/board CSP: $csp"
! grep -qE '<script>|<script [^>]*>[^<]|style=|<style' "$LY_ROOT/sync/hub/dashboard/board.html" &&
    ok "no inline script or style in the board page" || not_ok "inline script or style in board.html"
if ! command -v chromium >/dev/null; then
    skip "the board in Chromium (chromium is not installed: board/deps.sh test)"
fi
python3 "$LY_ROOT/tests/tools/board_check.py" --hub "$U" --db "$DB" --token "$RT" --code "$CODE" \
    --shots "$SHOTS" --hub-stop "$T/stop.sh" || ly_failed=$((ly_failed + 1))
finish
