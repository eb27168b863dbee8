#!/bin/bash
# bench_pickup.sh - badges per minute at a pickup kiosk (`gate = pickup`) against a ZPL printer
# on loopback that takes 1.8 s per label (tests/tools/sockprinter.py): N attendees show their
# confirmation's code one after another as soon as the previous badge came out; the kiosk decides,
# journals the pickup and its print job, renders the badge, sends it and waits for the printer to
# finish. Prints badges per minute and the software's share of each cycle (the time beyond the
# printer's 1.8 s; target under 5%). Run by tests/bench/run.sh from the repository root.
set -u
N=${LY_BENCH_PICKUPS:-12} PRINT_S=1.8
T=$(mktemp -d "${TMPDIR:-/tmp}/lanyard-bench.XXXXXX")
PRN_PID= K_PID=
trap 'for p in $K_PID $PRN_PID; do kill "$p" 2>/dev/null; done; wait 2>/dev/null; rm -rf "$T"' EXIT
bin/lanyard --db "$T/hub.db" demo-data --count 200 --start "$(date +%F)" >/dev/null || exit 1
bin/lanyard --db "$T/hub.db" kiosk-snapshot --out "$T/k.db" >/dev/null || exit 1
mkdir "$T/labels"
python3 tests/tools/sockprinter.py --lang zpl --dir "$T/labels" --label-seconds "$PRINT_S" &
PRN_PID=$!
for _ in $(seq 100); do [ -s "$T/labels/port" ] && break; sleep 0.1; done
mapfile -t IDS < <(sqlite3 "$T/hub.db" "SELECT id FROM registrations WHERE attendance = 'onsite'
    ORDER BY id LIMIT $N")
mkfifo "$T/codes"
bin/lanyard-kiosk --headless --db "$T/k.db" --gate pickup --source "wedge:$T/codes" --holdoff 0 \
    --printer "zpl:tcp:127.0.0.1:$(cat "$T/labels/port")" >"$T/out" 2>"$T/err" &
K_PID=$!
CODES=()
for id in "${IDS[@]}"; do CODES+=("$(bin/lanyard --db "$T/hub.db" badge code "$id")"); done
exec 7>"$T/codes"
start=$(date +%s%N)
for i in "${!IDS[@]}"; do
    echo "${CODES[$i]}" >&7
    # the next person steps up when this badge is out
    for _ in $(seq 200); do
        [ "$(grep -c '"state":"printed"' "$T/out")" -gt "$i" ] && break
        sleep 0.02
    done
done
end=$(date +%s%N)
exec 7>&-
printed=$(grep -c '"state":"printed"' "$T/out")
[ "$printed" = "$N" ] || { echo "bench_pickup: $printed of $N printed" >&2; tail -5 "$T/err" >&2; exit 1; }
python3 - "$start" "$end" "$N" "$PRINT_S" <<'PY'
import sys
start, end, n, p = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3]), float(sys.argv[4])
cycle = (end - start) / 1e9 / n
print("pickup kiosk, %d badges, printer %.1f s per label: %.1f badges per minute, "
      "%.2f s per cycle, software's share %.1f%% (the test's polling included)"
      % (n, p, 60 / cycle, cycle, 100 * (cycle - p) / cycle))
PY
