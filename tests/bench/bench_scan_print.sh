#!/bin/bash
# bench_scan_print.sh - scan to the first byte at the printer, p50 and p99, for each print path:
# a headless kiosk reads camera frames from a folder at 10 frames a second (`dir:` source), one
# frame in five holding an attendee's badge (a different attendee each time); each read badge is
# decided, journaled with its print job, drawn and sent. The kiosk's decision line says when the
# frame was captured (`t_captured`) and the loopback printer (tests/tools/sockprinter.py) when the
# job's first byte arrived (`first-byte`), both on CLOCK_MONOTONIC. ZPL, Brother QL and IPP (a real
# cupsd from tests/tools/cupskit.sh, raw queue to a socket printer) print badges at a pickup gate;
# ESC/POS prints session access slips at a session's door. Run by tests/bench/run.sh from the
# repository root.
set -u
N=${LY_BENCH_SCAN_PRINT:-30} FPS=10 GAP=5
T=$(mktemp -d "${TMPDIR:-/tmp}/lanyard-bench.XXXXXX")
chmod 755 "$T" # cupsd's backends run as lp and read its spool inside
PIDS=()
cleanup() {
    for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null; done
    [ -f "$T/cups/env" ] && bash tests/tools/cupskit.sh stop "$T/cups"
    wait 2>/dev/null
    [ -n "${LY_KEEP:-}" ] || rm -rf "$T"
}
trap cleanup EXIT
TODAY=$(date +%F)
bin/lanyard --db "$T/hub.db" demo-data --count 200 --start "$TODAY" >/dev/null || exit 1
# A session with slips on, open all day, for the ESC/POS path.
ROOM=$(sqlite3 "$T/hub.db" "SELECT name FROM rooms ORDER BY id LIMIT 1")
RCAP=$(sqlite3 "$T/hub.db" "SELECT capacity FROM rooms ORDER BY id LIMIT 1")
printf 'id,title,type,room,room_capacity,starts,ends,capacity,categories,slips\n%s\n' \
    "SLIPS,Access slips,workshop,$ROOM,$RCAP,$TODAY 00:00,$TODAY 23:59,,,yes" >"$T/slips.csv"
bin/lanyard --db "$T/hub.db" import sessions "$T/slips.csv" >/dev/null || exit 1
bin/lanyard --db "$T/hub.db" kiosk-snapshot --out "$T/k.db" >/dev/null || exit 1
mapfile -t IDS < <(sqlite3 "$T/hub.db" "SELECT id FROM registrations WHERE attendance = 'onsite'
    AND category = 'participant' ORDER BY id LIMIT $N")
mkdir "$T/frames"
build/tools/qrframe "$T/blank.png" 1280x720 - noise=3 >/dev/null || exit 1
f=0
for id in "${IDS[@]}"; do
    for k in $(seq $GAP); do
        name=$(printf '%s/frames/%05d.png' "$T" $f)
        if [ "$k" = 2 ]; then
            build/tools/qrframe "$name" 1280x720 "$(bin/lanyard --db "$T/hub.db" badge code "$id")" \
                size=30 noise=3 seed=$f >/dev/null || exit 1
        else
            ln "$T/blank.png" "$name"
        fi
        f=$((f + 1))
    done
done
for k in $(seq $((FPS * 3))); do # 3 s more for the last jobs before the source ends
    ln "$T/blank.png" "$(printf '%s/frames/%05d.png' "$T" $f)"
    f=$((f + 1))
done

# run LABEL SPEC GATE DIR MEDIA: one kiosk over the frames; prints the line of figures.
run() {
    local label=$1 spec=$2 gate=$3 dir=$4 media=$5
    cp "$T/k.db" "$T/k-$label.db"
    bin/lanyard-kiosk --headless --db "$T/k-$label.db" --gate "$gate" --holdoff 0 \
        --source "dir:$T/frames@$FPS" --printer "$spec" --printer-label "$media" >"$T/$label.out" 2>"$T/$label.err"
    # the last job's bytes may still be on their way when the source ends
    for _ in $(seq 50); do
        [ "$(cat "$dir/log" 2>/dev/null | grep -c '^first-byte')" -ge "$N" ] && break
        sleep 0.1
    done
    touch "$dir/log"
    python3 - "$label" "$T/$label.out" "$dir/log" "$N" "$T/$label.err" <<'PY'
import json, sys
label, out, log, n = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
tc = [d["t_captured"] for d in map(json.loads, open(out)) if "print_job" in d and "t_captured" in d]
fb = [float(l.split()[1]) for l in open(log) if l.startswith("first-byte")]
if len(tc) != n or len(fb) != n:
    print("  %-7s %d of %d badges decided with a job, %d first bytes: no figure (%s)"
          % (label, len(tc), n, len(fb), open(sys.argv[5]).read().strip().splitlines()[-1:]))
    sys.exit(1)
ms = sorted((b - c) * 1000 for c, b in zip(tc, fb))
p = lambda q: ms[min(len(ms) - 1, int(q * len(ms)))]
print("  %-7s scan to first byte p50 %6.1f ms  p99 %6.1f ms  (%d jobs)" % (label, p(0.5), p(0.99), n))
PY
}

echo "scan to the job's first byte at a loopback printer (camera frames at $FPS fps, $N badges):"
rc=0
for lang in zpl ql escpos; do
    d=$T/$lang
    mkdir "$d"
    python3 tests/tools/sockprinter.py --lang "$lang" --dir "$d" &
    PIDS+=($!)
    for _ in $(seq 100); do [ -s "$d/port" ] && break; sleep 0.05; done
    case $lang in
    zpl) run zpl "zpl:tcp:127.0.0.1:$(cat "$d/port")" pickup "$d" 4x6 || rc=1 ;;
    ql) run ql "ql:tcp:127.0.0.1:$(cat "$d/port")" pickup "$d" 62mm || rc=1 ;;
    escpos) run escpos "escpos:tcp:127.0.0.1:$(cat "$d/port")" session:SLIPS "$d" 80mm || rc=1 ;;
    esac
done
if bash tests/tools/cupskit.sh start "$T/cups" 2>"$T/cups.err"; then
    . "$T/cups/env"
    export CUPS_SERVER # the kiosk's libcups talks to this cupsd only
    run ipp ipp:lanyard pickup "$T/cups/printer" a6 || rc=1
else
    echo "  ipp     no cupsd (board/deps.sh test installs it)"
fi
exit $rc
