#!/bin/bash
# The dashboard: lanyard-hub on loopback serves its embedded page (types, Content-Security-Policy,
# cache validators, no path to the file system), and real headless Chromium shows it
# (tests/tools/dashboard_check.py): totals, rooms against capacity, kiosks, breakdowns (those
# without a country as "Not stated") and the timeline as /api/v1/counts has them, a check-in
# pushed after load shown live without a reload, "reconnecting" while the hub is away and live
# again after. Screenshots at a projector's and a
# phone's size are left in build/test-logs/ for a person to look at.
. "$(dirname "$0")/lib.sh"
DB=$T/hub.db LOG=$T/hub.log SHOTS=$LY_ROOT/build/test-logs
trap '[ -s "$T/hub.pid" ] && kill -9 "$(cat "$T/hub.pid")" 2>/dev/null; rm -rf "$T"' EXIT

for p in lanyard lanyard-hub; do
    [ -x "$LY_BIN/$p" ] || { not_ok "no $LY_BIN/$p to test (build it first)"; finish; }
done
command -v curl >/dev/null || { not_ok "curl is not installed (board/deps.sh test)"; finish; }
mkdir -p "$SHOTS"

check "demo forum" ly --db "$DB" demo-data --count 1000 --start "$(date +%F)"
# the seed's sessions ended earlier today count until the end of the day (docs/gates.md)
check "a long occupancy grace" ly --db "$DB" occupancy-grace 720m
# every seventh without a country (as an import of an export without one keeps them), enough for
# "Not stated" to be one of the first lines by country
sqlite3 "$DB" "UPDATE registrations SET country = 'ZZ', region = 'not_stated' WHERE id % 7 = 0"
hub_scripts "$DB" "$LOG"
"$T/start.sh" 0 || { not_ok "the hub did not start"; cat "$LOG" >&2; finish; }
PORT=$(grep -o 'msg=listening.* port=[0-9]*' "$LOG" | grep -o 'port=[0-9]*' | cut -d= -f2)
U=http://127.0.0.1:$PORT
ok "hub listens (port $PORT)"

RT=$(ly read-token --db "$DB" --label projector)

# --- the files: types, policy, validators
# get CURL-ARGS: the status line and headers of a GET in $T/h, its body in $T/b.
get() { rm -f "$T/b"; touch "$T/b"; curl -s -D - -o "$T/b" --max-time 10 "$@" | tr -d '\r' >"$T/h"; }
hdr() { grep -i "^$1: " "$T/h" | head -1 | cut -d' ' -f2-; }
for f in "/dashboard/|text/html; charset=utf-8" "/dashboard/index.html|text/html; charset=utf-8" \
    "/dashboard/dashboard.js|text/javascript; charset=utf-8" "/dashboard/dashboard.css|text/css; charset=utf-8" \
    "/dashboard/icon.svg|image/svg+xml" "/dashboard/labels.json|application/json"; do
    path=${f%%|*} type=${f#*|}
    get "$U$path"
    [ "$(head -1 "$T/h")" = "HTTP/1.1 200 OK" ] && [ "$(hdr Content-Type)" = "$type" ] &&
        ok "$path: 200, $type" || not_ok "$path: $(head -1 "$T/h"), $(hdr Content-Type)"
done
get "$U/dashboard/"
csp=$(hdr Content-Security-Policy)
[[ $csp == *"default-src 'none'"* && $csp == *"script-src 'self';"* && $csp == *"style-src 'self';"* &&
    $csp != *unsafe* && $csp == *"frame-ancestors 'none'"* ]] && ok "a strict Content-Security-Policy" || not_ok "CSP: $csp"
[ "$(hdr X-Content-Type-Options)" = nosniff ] && [ "$(hdr Referrer-Policy)" = no-referrer ] &&
    ok "nosniff, no referrer" || not_ok "security headers"
[ "$(hdr Cache-Control)" = no-cache ] && [[ $(hdr ETag) =~ ^\"[0-9a-f]{16}\"$ ]] &&
    ok "revalidated by ETag: $(hdr ETag)" || not_ok "cache headers: $(hdr Cache-Control) $(hdr ETag)"
cmp -s "$T/b" "$LY_ROOT/sync/hub/dashboard/index.html" && ok "the page is sync/hub/dashboard/index.html, compiled in" ||
    not_ok "the page differs from sync/hub/dashboard/index.html (rebuild)"
ETAG=$(hdr ETag)
get -H "If-None-Match: $ETAG" "$U/dashboard/"
[ "$(head -1 "$T/h")" = "HTTP/1.1 304 Not Modified" ] && [ ! -s "$T/b" ] && ok "If-None-Match: 304, no body" ||
    not_ok "revalidation: $(head -1 "$T/h")"
get -H 'If-None-Match: "0000000000000000"' "$U/dashboard/"
[ "$(head -1 "$T/h")" = "HTTP/1.1 200 OK" ] && ok "another ETag: 200" || not_ok "stale ETag: $(head -1 "$T/h")"
! grep '<script' "$LY_ROOT/sync/hub/dashboard/index.html" | grep -qv ' src=' &&
    ! grep -qE ' style=|<style' "$LY_ROOT/sync/hub/dashboard/index.html" &&
    ok "no inline script or style in the page" || not_ok "inline script or style in index.html"
get -H "Authorization: Bearer $RT" "$U/api/v1/counts"
[ "$(hdr Cache-Control)" = no-store ] && [ -z "$(hdr Content-Security-Policy)" ] && ok "the API stays no-store" || not_ok "API headers"
for p in "/dashboard/../hub.db" "/dashboard/%2e%2e/hub.db" "/dashboard/.hidden" "/dashboard//index.html"; do
    code=$(curl -s -o /dev/null -w '%{http_code}' --path-as-is "$U$p")
    [ "$code" = 400 ] && ok "$p: 400" || not_ok "$p: $code"
done
for p in /dashboard/nope.js /dashboard/sub/index.html /dashboard/embed.sh /dashboard/hub.db; do
    code=$(curl -s -o /dev/null -w '%{http_code}' "$U$p")
    [ "$code" = 404 ] && ok "$p: 404 (only the compiled-in files)" || not_ok "$p: $code"
done

# --- the page in Chromium
enroll_code() { ly enroll --db "$DB" --name "$1" --gate "$2" --no-qr | head -1; }
CODES=$(enroll_code "North door 1" entrance),$(enroll_code "South door" entrance),$(enroll_code "Room doors" room),$(enroll_code "Spare desk" entrance)
if ! command -v chromium >/dev/null; then
    echo "skip - the dashboard in Chromium (chromium is not installed: board/deps.sh test)"
    finish
fi
python3 "$LY_ROOT/tests/tools/dashboard_check.py" --hub "$U" --db "$DB" --token "$RT" --codes "$CODES" \
    --shots "$SHOTS" --hub-stop "$T/stop.sh" --hub-start "$T/start.sh $PORT" || ly_failed=$((ly_failed + 1))
! grep -q "$RT" "$LOG" && ok "the hub's log never holds the read token" || not_ok "the token is in the log"
"$T/stop.sh"
finish
