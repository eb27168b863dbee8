#!/bin/bash
# t_many_kiosks.sh - an event with more kiosks than it has signing keys: each enrolled kiosk
# brings its certified key, and every later kiosk's snapshot carries them all. 24 kiosks enroll
# one after the other against a real hub on loopback; the last holds the event's key and the 24
# kiosk keys, its own among them (a limit meant for the event's own keys once refused the 16th kiosk).
. "$(dirname "$0")/lib.sh"
HUB_PID=
trap '[ -n "$HUB_PID" ] && kill -9 $HUB_PID 2>/dev/null; rm -rf "$T"' EXIT
check "demo forum of 50" ly --db "$T/hub.db" demo-data --count 50 --start "$(date +%F)"
"$LY_BIN/lanyard-hub" --db "sqlite:$T/hub.db" --listen 127.0.0.1:0 --log-requests no 2>"$T/hub.log" &
HUB_PID=$!
for _ in $(seq 100); do grep -q msg=listening "$T/hub.log" && break; sleep 0.1; done
U=http://127.0.0.1:$(grep -o 'msg=listening.* port=[0-9]*' "$T/hub.log" | grep -o '[0-9]*$')
failed=0
for i in $(seq 1 24); do
    ly --db "$T/hub.db" enroll --name "door $i" --gate entrance --no-qr | head -1 |
        "$LY_BIN/lanyard-kiosk" --db "$T/k$i.db" --hub "$U" --enroll - >/dev/null 2>"$T/e$i" ||
        { failed=$((failed + 1)); echo "# door $i: $(tail -1 "$T/e$i")"; }
done
[ $failed = 0 ] && ok "24 kiosks enrolled, each with its snapshot" || not_ok "$failed of 24 kiosks refused"
[ "$(sqlite3 "$T/k24.db" "SELECT count(*) FROM public_keys WHERE certificate IS NOT NULL")" = 24 ] &&
    [ "$(sqlite3 "$T/k24.db" "SELECT count(*) FROM public_keys WHERE certificate IS NULL")" -ge 1 ] &&
    ok "the last kiosk holds the event's key and the 24 kiosk keys (its own among them)" ||
    not_ok "keys at the last kiosk: $(sqlite3 "$T/k24.db" "SELECT count(*), count(certificate) FROM public_keys")"
# The first kiosk learns the 23 later keys from the change feed.
"$LY_BIN/lanyard-kiosk" --db "$T/k1.db" --sync-once >/dev/null 2>"$T/sync1" &&
    [ "$(sqlite3 "$T/k1.db" "SELECT count(*) FROM public_keys WHERE certificate IS NOT NULL")" = 24 ] &&
    ok "the first kiosk takes the 23 later kiosks' keys from the changes" ||
    not_ok "first kiosk after a sync: $(tail -1 "$T/sync1") $(sqlite3 "$T/k1.db" "SELECT count(certificate) FROM public_keys")"
finish
