#!/bin/bash
# bench_dashboard.sh - upload-to-dashboard latency on loopback: bin/lanyard-hub serving a demo
# forum of 2,500 registrations, its dashboard open in headless Chromium, kiosks pushing one
# check-in at a time (tests/tools/dashboard_latency.py). Skips with a message when chromium is
# missing. Run by tests/bench/run.sh from the repository root.
set -u
if ! command -v chromium >/dev/null; then
    echo "upload to dashboard: skipped (chromium is not installed: board/deps.sh test)"
    exit 0
fi
T=$(mktemp -d "${TMPDIR:-/tmp}/lanyard-bench.XXXXXX")
HUB_PID=
trap '[ -n "$HUB_PID" ] && kill "$HUB_PID" 2>/dev/null; wait 2>/dev/null; rm -rf "$T"' EXIT
DB=$T/hub.db
bin/lanyard --db "$DB" demo-data --count 2500 --start "$(date +%F)" >/dev/null || exit 1
bin/lanyard --db "$DB" occupancy-grace 720m >/dev/null || exit 1 # the seed's sessions count all day
bin/lanyard-hub --db "sqlite:$DB" --listen 127.0.0.1:0 --log-requests no 2>"$T/hub.log" </dev/null &
HUB_PID=$!
for _ in $(seq 100); do grep -q 'msg=listening' "$T/hub.log" && break; sleep 0.1; done
PORT=$(grep -o 'msg=listening.* port=[0-9]*' "$T/hub.log" | grep -o 'port=[0-9]*' | cut -d= -f2)
[ -n "$PORT" ] || { echo "bench_dashboard: the hub did not start" >&2; cat "$T/hub.log" >&2; exit 1; }
codes=
for i in 1 2 3 4; do
    codes=$codes${codes:+,}$(bin/lanyard enroll --db "$DB" --name "bench $i" --gate entrance --no-qr | head -1)
done
python3 tests/tools/dashboard_latency.py --hub "http://127.0.0.1:$PORT" --db "$DB" \
    --token "$(bin/lanyard read-token --db "$DB" --label bench)" --codes "$codes" --pushes 40
