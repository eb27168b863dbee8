#!/bin/bash
# uptime.sh - days of uptime at an accelerated pace: one hub and four kiosks (two entrances, two
# exits) run without a restart through several event days of scans compressed into minutes,
# while two dashboards hold the live counts stream open, a third client polls the counts, and
# the organizer revokes and restores badges on the hub's database (changes that travel to every
# kiosk). Every few seconds it samples each program's resident memory, open files and threads,
# and the size of every database's write-ahead log. It prints them at the end of each day and
# fails when a figure keeps growing after the first day (caches fill during it): resident memory
# by more than LY_UPTIME_GROWTH_KB a day (per program, end of day against end of day), open files
# or threads at the end of the last day more than 2 above the end of the first (at night, when
# the connections of a busy moment are gone), or a write-ahead log beyond
# LY_UPTIME_WAL_MB. Nothing reported may be lost or stored twice (the soak's comparison).
#
# `make soak` runs it on the release build; tests/integration/t_uptime.sh runs a short one.
# Settings (environment):
#   LY_SOAK_BIN       the programs (default: bin/ of the source tree)
#   LY_UPTIME_DAYS    event days (3)          LY_UPTIME_DAY   check-ins a day, all kiosks (40000)
#   LY_SOAK_RATE      badges a second per kiosk (100)
#   LY_UPTIME_GROWTH_KB  resident memory growth allowed a day after the first (4096)
#   LY_UPTIME_WAL_MB  the largest write-ahead log allowed (32)
#   LY_UPTIME_SAMPLE  seconds between samples (2)
set -u
BIN=${LY_SOAK_BIN:-$(cd "$(dirname "$0")/../.." && pwd)/bin}
BACKEND=sqlite NK=4 PEOPLE=${LY_SOAK_PEOPLE:-1500}
DAYS=${LY_UPTIME_DAYS:-3} PERDAY=${LY_UPTIME_DAY:-40000} RATE=${LY_SOAK_RATE:-100}
GROWTH=${LY_UPTIME_GROWTH_KB:-4096} WALMB=${LY_UPTIME_WAL_MB:-32} EVERY=${LY_UPTIME_SAMPLE:-2}
. "$(dirname "$0")/lib.sh"
soak_data
hub_start 0 || die "hub did not start"
URL=http://127.0.0.1:${HPORT[0]}
for k in 0 1 2 3; do
    kiosk_enroll "$k" "$([ $((k % 2)) = 0 ] && echo entrance || echo exit)" "${HPORT[0]}"
done
TOKEN=$(ly --db "$HUB_DB" read-token --label uptime 2>/dev/null | grep -o 'lyr_[A-Za-z0-9_-]*' | head -1)
[ -n "$TOKEN" ] || die "no read token"
# Two dashboards on the live stream (each reconnects when the hub closes it), one poller.
for d in 1 2; do
    (while [ ! -e "$T/stop" ]; do
        curl -sN -m 120 -H "Authorization: Bearer $TOKEN" "$URL/api/v1/counts/stream" >/dev/null
        sleep 0.5
    done) &
    EXTRA+=($!)
done
(while [ ! -e "$T/stop" ]; do
    curl -sf -H "Authorization: Bearer $TOKEN" "$URL/api/v1/counts" >/dev/null ||
        echo "counts failed at $(date +%T)" >>"$T/poll.err"
    sleep 1
done) &
EXTRA+=($!)
# The organizer: a badge revoked, then restored, every few seconds.
sqlite3 "$T/org.db" "SELECT id FROM registrations WHERE attendance = 'onsite' ORDER BY random() LIMIT 50" >"$T/revoke"
(while [ ! -e "$T/stop" ]; do
    id=$(shuf -n1 "$T/revoke")
    ly --db "$HUB_DB" badge revoke "$id" >/dev/null 2>>"$T/org.err"
    sleep 2
    ly --db "$HUB_DB" badge restore "$id" >/dev/null 2>>"$T/org.err"
    sleep 2
done) &
EXTRA+=($!)

# The kiosks, each with its FIFO held open here, so that a day's feeder ending is not the end of
# the kiosk's input (started after the background clients, which must not inherit the FIFOs).
declare -a HOLD
for k in 0 1 2 3; do
    kstart "$k"
    exec {fd}<>"$T/k$k.fifo"
    HOLD[$k]=$fd
done

# sample LABEL: one line per program: label, seconds, rss kB, open files, threads; one per WAL.
sample() {
    local p name pid wal
    for p in hub k0 k1 k2 k3; do
        if [ "$p" = hub ]; then pid=${HPID[0]}; else pid=${KPID[${p#k}]}; fi
        [ -r "/proc/$pid/status" ] || die "$p (pid $pid) is gone: $(tail -2 "$T/$p.err" "$T/hub0.log" 2>/dev/null)"
        printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$1" "$p" "$(awk '/^VmRSS/ {print $2}' "/proc/$pid/status")" \
            "$(ls "/proc/$pid/fd" | wc -l)" "$(awk '/^Threads/ {print $2}' "/proc/$pid/status")" \
            "$(($(stat -c %s "$(wal_of "$p")" 2>/dev/null || echo 0) / 1024))"
    done >>"$T/samples"
}
wal_of() { if [ "$1" = hub ]; then echo "$T/org.db-wal"; else echo "$T/$1.db-wal"; fi; }

start=$SECONDS
say "$DAYS days of $PERDAY check-ins, 4 kiosks at $RATE a second each"
for d in $(seq 1 "$DAYS"); do
    for k in 0 1 2 3; do feed_start "$k" "$RATE"; done
    until [ "$(reported)" -ge $((d * PERDAY)) ]; do
        sample "$d"
        [ $((SECONDS - start)) -gt $((DAYS * PERDAY / RATE + 600)) ] && die "too slow: $(reported) check-ins"
        sleep "$EVERY"
    done
    # The night: badges stop, the kiosks catch up with the hub, and the day's last sample.
    for k in 0 1 2 3; do kill "${FEED[$k]}" 2>/dev/null; wait "${FEED[$k]}" 2>/dev/null; done
    for _ in $(seq 60); do
        [ "$(hubq "SELECT count(*) FROM checkins")" -ge "$(reported)" ] && break
        sleep 1
    done
    sample "end$d"
done
stream_s=$((SECONDS - start))
for k in 0 1 2 3; do exec {HOLD[$k]}>&-; done
soak_drain
soak_compare

echo "uptime (sqlite, 4 kiosks, 1 hub, 2 dashboards streaming): $DAYS event days of $PERDAY check-ins in ${stream_s} s, no restart"
soak_report
python3 - "$T/samples" "$DAYS" "$GROWTH" "$WALMB" "$n_rep" <<'PY'
import sys
rows = [l.rstrip("\n").split("\t") for l in open(sys.argv[1])]
days, growth, walmb, n = int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5])
progs = ["hub", "k0", "k1", "k2", "k3"]
bad = []
print("  at the end of each day (resident kB / open files / threads / WAL kB):")
print("    %-5s" % "" + "".join("%-26s" % p for p in progs))
end = {}
for d in range(1, days + 1):
    line = "    day %-2d" % d
    for p in progs:
        r = [x for x in rows if x[0] == "end%d" % d and x[1] == p][0]
        end[(d, p)] = [int(v) for v in r[2:]]
        line += "%-26s" % ("%s/%s/%s/%s" % tuple(r[2:]))
    print(line)
print("  the most over the run, and the growth after the first day:")
for p in progs:
    mine = [[int(v) for v in r[2:]] for r in rows if r[1] == p]
    top = [max(m[i] for m in mine) for i in range(4)]
    first, last = end[(1, p)], end[(days, p)]
    grew = last[0] - first[0]
    # Open files and threads follow the connections of the moment (a kiosk reconnecting, a
    # dashboard's stream) during a day: a leak shows at night, when the badges have stopped and
    # the kiosks have caught up (the day's last sample), as for memory.
    fd1, th1 = first[1], first[2]
    fd_top, th_top = last[1], last[2]
    per = grew * 1024.0 / max(1, n * (days - 1) / days)
    daily = grew / max(1, days - 1)
    print("    %-4s rss max %6d kB, %+6d kB after day 1 (%+.0f kB a day, %.1f bytes a check-in); files max %d; threads max %d; WAL max %d kB"
          % (p, top[0], grew, daily, per, top[1], top[2], top[3]))
    if daily > growth:
        bad.append("%s: resident memory grew %d kB a day after day 1" % (p, daily))
    if fd_top > fd1 + 2:
        bad.append("%s: open files %d at the end of day %d, %d at the end of day 1" % (p, fd_top, days, fd1))
    if th_top > th1 + 2:
        bad.append("%s: threads %d at the end of day %d, %d at the end of day 1" % (p, th_top, days, th1))
    if top[3] > walmb * 1024:
        bad.append("%s: write-ahead log reached %d kB" % (p, top[3]))
for b in bad:
    print("  NOT BOUNDED: " + b)
print("  bounded: " + ("no" if bad else "yes"))
sys.exit(1 if bad else 0)
PY
bounded=$?
[ -s "$T/poll.err" ] && echo "  counts requests that failed: $(wc -l <"$T/poll.err")"
[ "$n_rep" -ge $((DAYS * PERDAY)) ] && soak_clean && [ $bounded = 0 ] && [ ! -s "$T/poll.err" ]
