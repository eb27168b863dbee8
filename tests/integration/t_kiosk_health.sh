#!/bin/bash
# t_kiosk_health.sh - a kiosk's health reaches a real hub: a kiosk enrolled with a hub on
# loopback, reading camera-like frames from a folder at 10 frames a second, reports its health
# with its sync (the first report 5 s after it starts); the hub keeps it and shows it in the
# counts' kiosk list (what the dashboard draws) and in /metrics, with this machine's memory and
# uptime, the disk of the kiosk database, the camera's frame rate, printer "none" (no printer
# layer yet) and the version. A batch with a health report the hub refuses still has its
# check-ins stored, and the hub logs why. LY_HUB_DB=postgresql://... runs the hub on PostgreSQL
# (t_kiosk_health_pg.sh); the default is the organizer database itself (SQLite).
. "$(dirname "$0")/lib.sh"
ORG=$T/org.db
HUB_DB=${LY_HUB_DB:-sqlite:$ORG}
metrics() { curl -s --max-time 10 "$U/metrics"; }

check "demo forum of 40" ly --db "$ORG" demo-data --count 40
if [ -n "${LY_HUB_DB:-}" ]; then
    check "load the event into PostgreSQL" ly --db "$LY_HUB_DB" load --from "$ORG"
fi
"$LY_BIN/lanyard-hub" --db "$HUB_DB" --listen 127.0.0.1:0 2>"$T/hub.log" &
HUB=$!
trap 'kill $HUB 2>/dev/null; wait $HUB 2>/dev/null; rm -rf "$T"; type pg_stop >/dev/null 2>&1 && pg_stop' EXIT
for _ in $(seq 100); do grep -q msg=listening "$T/hub.log" && break; sleep 0.1; done
PORT=$(grep -o 'msg=listening.* port=[0-9]*' "$T/hub.log" | grep -o '[0-9]*$')
U=http://127.0.0.1:$PORT
[ -n "$PORT" ] && ok "hub listens ($(grep -o 'db=[a-z]*' "$T/hub.log" | head -1))" ||
    { not_ok "hub did not start: $(cat "$T/hub.log")"; finish; }
org() { ly --db "$HUB_DB" "$@"; }
CODE=$(org enroll --name 'Door "A"' --gate entrance --no-qr | head -1)
check "kiosk enrolls" "$LY_BIN/lanyard-kiosk" --db "$T/kiosk.db" --hub "$U" --enroll "$CODE"
TOKEN=$(org read-token --label test | head -1)

# 120 frames (a grey 640x480 picture), replayed at 10 a second: 12 s of camera.
mkdir -p "$T/frames"
python3 -c '
import sys
open(sys.argv[1], "wb").write(b"P5\n640 480\n255\n" + bytes([128]) * (640 * 480))' "$T/frames/f000.pgm"
for i in $(seq 1 119); do cp "$T/frames/f000.pgm" "$T/frames/f$(printf %03d "$i").pgm"; done
"$LY_BIN/lanyard-kiosk" --headless --db "$T/kiosk.db" --source "dir:$T/frames@10" >"$T/out" 2>"$T/err" &
KIOSK=$!
got=
for _ in $(seq 150); do
    metrics >"$T/metrics" 2>/dev/null
    grep -q '^lanyard_kiosk_uptime_seconds{kiosk="Door \\"A\\""}' "$T/metrics" && { got=1; break; }
    sleep 0.1
done
[ -n "$got" ] && ok "the kiosk's health reaches /metrics within 15 s" ||
    { not_ok "no health in /metrics: $(grep lanyard_kiosk "$T/metrics" | head -5)"; tail -5 "$T/err" >&2; }

# Its figures are this machine's.
val() { grep "^$1{kiosk=\"Door \\\\\"A\\\\\"\"}" "$T/metrics" | awk '{ print $NF }'; }
mem=$(awk '/^MemTotal:/ { printf "%.0f\n", int($2 / 1024) * 1048576 }' /proc/meminfo)
[ "$(val lanyard_kiosk_memory_total_bytes)" = "$mem" ] && ok "memory: this machine's MemTotal ($mem bytes)" ||
    not_ok "memory $(val lanyard_kiosk_memory_total_bytes), want $mem"
up=$(awk '{ print int($1) }' /proc/uptime)
awk -v g="$(val lanyard_kiosk_uptime_seconds)" -v u="$up" 'BEGIN { exit !(g > 0 && g <= u && u - g < 120) }' &&
    ok "uptime: this machine's ($(val lanyard_kiosk_uptime_seconds) s)" || not_ok "uptime $(val lanyard_kiosk_uptime_seconds), /proc/uptime $up"
size=$(python3 -c 'import os, sys; v = os.statvfs(sys.argv[1]); print(v.f_blocks * v.f_frsize // 1048576 * 1048576)' "$T")
[ "$(val lanyard_kiosk_disk_size_bytes)" = "$size" ] && ok "disk: the kiosk database's file system" ||
    not_ok "disk size $(val lanyard_kiosk_disk_size_bytes), want $size"
fps=$(val lanyard_kiosk_camera_fps)
awk -v f="$fps" 'BEGIN { exit !(f >= 5 && f <= 12) }' && [ "$(val lanyard_kiosk_camera_online)" = 1 ] &&
    ok "camera: online at $fps frames a second (10 given)" || not_ok "camera fps $fps, online $(val lanyard_kiosk_camera_online)"
if ls /sys/class/thermal/thermal_zone*/temp >/dev/null 2>&1; then
    [ -n "$(val lanyard_kiosk_temperature_celsius)" ] && ok "temperature: $(val lanyard_kiosk_temperature_celsius) °C" ||
        not_ok "no temperature though this machine has a thermal zone"
else
    [ -z "$(val lanyard_kiosk_temperature_celsius)" ] && ok "temperature: none (this machine has no thermal zone)" ||
        not_ok "a temperature without a thermal zone"
fi
grep -q '^lanyard_kiosk_info{kiosk="Door \\"A\\"",version="0.1.0",printer="none"} 1$' "$T/metrics" &&
    ok "info: version 0.1.0, printer none, the name's quotes escaped" || not_ok "info: $(grep kiosk_info "$T/metrics")"
grep -q '^# TYPE lanyard_kiosk_health_age_seconds gauge$' "$T/metrics" && ok "gauges typed for Prometheus" ||
    not_ok "no TYPE lines"

# The counts (the dashboard's kiosk list) carry it too.
curl -s --max-time 10 -H "Authorization: Bearer $TOKEN" "$U/api/v1/counts" >"$T/counts.json"
python3 - "$T/counts.json" >"$T/py.out" 2>&1 <<'EOF'
import json, sys
k = json.load(open(sys.argv[1]))["kiosks"][0]
h = k["health"]
assert k["health_ms"] > 0, k
assert h["version"] == "0.1.0" and h["printer"] == "none", h
assert h["mem_total_mb"] > 0 and 0 <= h["mem_avail_mb"] <= h["mem_total_mb"], h
assert h["disk_total_mb"] > 0 and 0 <= h["disk_free_mb"] <= h["disk_total_mb"], h
assert h["camera_online"] is True and 50 <= h["camera_fps_x10"] <= 120, h
EOF
[ $? -eq 0 ] && ok "/api/v1/counts: the kiosk's health object" || not_ok "counts: $(cat "$T/py.out")"
wait $KIOSK
[ $? -eq 0 ] && ok "kiosk exits 0 when its frames end" || not_ok "kiosk: $(tail -3 "$T/err")"

# A report the hub refuses does not cost the batch's check-ins.
KTOKEN=$("$LY_ROOT/build/tools/kiosktoken" "$T/kiosk.db")
KID=$(sqlite3 "$T/kiosk.db" "SELECT kiosk_id FROM kiosk")
cat >"$T/bad.json" <<EOF
{"kiosk_id":"$KID","queue":0,"checkins":[{"uuid":"7c9e6679-7425-40de-944b-e07fc1f90ae7","seq":9001,
"wall_ms":$(date +%s000),"mono_ms":1,"gate":"entrance","attendee_id":0,"code_kind":"unreadable",
"decision":"denied","reason_code":"unreadable","place":"","direction":0}],
"health":{"uptime_s":1,"temp_known":true,"temp_mc":999999}}
EOF
curl -s --max-time 10 -H "Authorization: Bearer $KTOKEN" -H 'Content-Type: application/json' \
    --data-binary @"$T/bad.json" "$U/api/v1/checkins" >"$T/bad.out"
grep -q '"status":"stored"' "$T/bad.out" && ok "a batch with a bad health report: its check-in is stored" ||
    not_ok "bad health: $(cat "$T/bad.out")"
grep -q 'level=warn msg=health kiosk="Door \\"A\\"" error="health: ' "$T/hub.log" &&
    ok "the hub logs the refused report" || not_ok "no log line: $(grep health "$T/hub.log")"
metrics >"$T/metrics"
[ "$(val lanyard_kiosk_camera_online)" = 1 ] && ok "the refused report did not replace the last good one" ||
    not_ok "after a refused report: $(grep 'Door' "$T/metrics" | head -3)"
finish
