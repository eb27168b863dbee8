#!/bin/bash
# bench_peer.sh - peer propagation (docs/sync-protocol.md, "Peer exchange"): how long after a
# check-in at one door it is held by another door, with the hub stopped so that nothing but the
# peer exchange carries it. A real hub and two headless entrance kiosks on loopback; N badges
# (LY_BENCH_PEER, default 200) shown at door 1 one every 25 ms; for each, door 2's receipt time
# (peer_checkins.received_ms) minus door 1's decision time (its journal's wall_time), same
# machine clock. Prints p50, p99 and the worst. Run by tests/bench/run.sh from the repository root.
set -u
N=${LY_BENCH_PEER:-200}
T=$(mktemp -d "${TMPDIR:-/tmp}/lanyard-bench.XXXXXX")
HUB_PID= K1= K2=
trap 'for p in $K1 $K2 $HUB_PID; do kill "$p" 2>/dev/null; done; wait 2>/dev/null; rm -rf "$T"' EXIT
fail() { echo "bench_peer: $*" >&2; exit 1; }
bin/lanyard --db "$T/hub.db" demo-data --count $((N + 10)) --start "$(date +%F)" >/dev/null || exit 1
bin/lanyard-hub --db "sqlite:$T/hub.db" --listen 127.0.0.1:0 --log-requests no 2>"$T/hub.log" &
HUB_PID=$!
for _ in $(seq 100); do grep -q msg=listening "$T/hub.log" 2>/dev/null && break; sleep 0.1; done
U=http://127.0.0.1:$(grep -o 'msg=listening.* port=[0-9]*' "$T/hub.log" | grep -o '[0-9]*$')
for k in 1 2; do
    bin/lanyard --db "$T/hub.db" enroll --name "door $k" --gate entrance --no-qr | head -1 |
        bin/lanyard-kiosk --db "$T/k$k.db" --hub "$U" --enroll - >/dev/null 2>&1 || fail "enroll $k"
    mkfifo "$T/k$k.fifo"
done
bin/lanyard-kiosk --headless --db "$T/k1.db" --source "wedge:$T/k1.fifo" --holdoff 0 \
    --peer-listen 127.0.0.1:0 >"$T/k1.out" 2>"$T/k1.err" &
K1=$!
bin/lanyard-kiosk --headless --db "$T/k2.db" --source "wedge:$T/k2.fifo" --holdoff 0 \
    --peer-listen 127.0.0.1:0 >"$T/k2.out" 2>"$T/k2.err" &
K2=$!
exec 7>"$T/k1.fifo" 8>"$T/k2.fifo"
knows() { [ "$(sqlite3 "$T/k$1.db" "SELECT count(*) FROM peers WHERE addr <> ''")" -ge 2 ]; }
for _ in $(seq 300); do knows 1 && knows 2 && break; sleep 0.1; done
knows 1 && knows 2 || fail "the doors did not learn each other's address from the hub"
kill "$HUB_PID" && wait "$HUB_PID" 2>/dev/null
HUB_PID=
mapfile -t IDS < <(sqlite3 "$T/hub.db" "SELECT id FROM registrations WHERE attendance = 'onsite'
    ORDER BY id LIMIT $N")
for id in "${IDS[@]}"; do bin/lanyard --db "$T/hub.db" badge code "$id"; done >"$T/codes"
while read -r code; do
    echo "$code" >&7
    sleep 0.025
done <"$T/codes"
n=${#IDS[@]}
for _ in $(seq 200); do
    [ "$(sqlite3 "$T/k2.db" "SELECT count(*) FROM peer_checkins")" -ge "$n" ] && break
    sleep 0.05
done
sqlite3 "$T/k2.db" "ATTACH '$T/k1.db' AS d1; SELECT p.received_ms - c.wall_time FROM peer_checkins p
    JOIN d1.checkins c ON c.uuid = p.uuid" >"$T/lat"
got=$(wc -l <"$T/lat")
[ "$got" = "$n" ] || fail "door 2 holds $got of door 1's $n check-ins"
python3 - "$T/lat" "$n" <<'PY'
import sys
v = sorted(int(x) for x in open(sys.argv[1]))
q = lambda p: v[min(len(v) - 1, int(p * len(v)))]
print("peer propagation, %s check-ins at door 1 (one every 25 ms, hub stopped), held at door 2 "
      "after: p50 %d ms, p99 %d ms, worst %d ms" % (sys.argv[2], q(0.50), q(0.99), v[-1]))
PY
