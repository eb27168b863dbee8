#!/bin/bash
# soak.sh - venue scale with faults: headless kiosks fed badges as fast as a queue moves, synced
# with one hub over SQLite (or two hubs sharing one PostgreSQL database), while the soak kills
# kiosks and hubs with SIGKILL at random moments, cuts the network between kiosks and hubs (a
# loopback proxy per kiosk, tests/tools/chaosproxy.py: stalls, resets, connections dropped
# mid-answer) and runs each kiosk's clock minutes off the others'. At the end every kiosk
# uploads what is left, and the soak compares, uuid by uuid: the check-ins the kiosks reported
# (a complete decision line), their journals, and the hub's table. It prints the figures and
# exits 1 when a reported check-in was lost, one was stored twice, a journal fails
# integrity_check or the hub's counts disagree with the journals.
#
# `make soak` runs it at full size on the release build (100,000 check-ins, 1,000 kills, on
# SQLite and then on two hubs over PostgreSQL); tests/integration/t_soak.sh runs a short one in
# `make test`. Settings (environment):
#   LY_SOAK_BIN       the programs (default: bin/ of the source tree)
#   LY_SOAK_BACKEND   sqlite (one hub) or pg (two hubs on one PostgreSQL database)
#   LY_SOAK_KIOSKS    kiosks (4)             LY_SOAK_CHECKINS  check-ins to reach (100000)
#   LY_SOAK_KILLS     SIGKILLs (1000)        LY_SOAK_RATE      badges a second per kiosk (60)
#   LY_SOAK_PEOPLE    attendees whose badges are shown, over and over (600)
#   LY_SOAK_SECONDS   the most the stream may take before the soak gives up (3600)
set -u
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
BIN=${LY_SOAK_BIN:-$ROOT/bin}
BACKEND=${LY_SOAK_BACKEND:-sqlite}
NK=${LY_SOAK_KIOSKS:-4} WANT=${LY_SOAK_CHECKINS:-100000} KILLS=${LY_SOAK_KILLS:-1000}
RATE=${LY_SOAK_RATE:-60} MAXS=${LY_SOAK_SECONDS:-3600} PEOPLE=${LY_SOAK_PEOPLE:-600}
T=$(mktemp -d "${TMPDIR:-/tmp}/lanyard-soak.XXXXXX")
chmod 755 "$T"
declare -a KPID FEED PROXY HPID HPORT
cleanup() {
    touch "$T/stop"
    for p in "${KPID[@]}" "${HPID[@]}"; do [ -n "$p" ] && kill -9 "$p" 2>/dev/null; done
    for p in "${FEED[@]}" "${PROXY[@]}"; do kill "$p" 2>/dev/null; done
    wait 2>/dev/null
    [ "$BACKEND" = pg ] && pg_stop
    [ -n "${LY_KEEP:-}" ] || rm -rf "$T"
}
trap cleanup EXIT
trap '' PIPE
die() {
    echo "soak: $*" >&2
    exit 1
}
say() { echo "soak: $*" >&2; }
ly() { "$BIN/lanyard" "$@"; }

TODAY=$(date +%F)
ly --db "$T/org.db" demo-data --count 2000 --start "$TODAY" >/dev/null || die "demo data"
case $BACKEND in
sqlite)
    NH=1 HUB_DB=sqlite:$T/org.db
    hubq() { sqlite3 "$T/org.db" "$1"; }
    ;;
pg)
    NH=2
    . "$ROOT/tests/integration/pg.sh"
    pg_start || die "PostgreSQL did not start"
    HUB_DB=$(pg_newdb soak) || die "no database"
    ly --db "$HUB_DB" load --from "$T/org.db" >/dev/null || die "load into PostgreSQL"
    hubq() { pg_sql "$HUB_DB" "$1"; }
    ;;
*) die "LY_SOAK_BACKEND is sqlite or pg" ;;
esac

hub_start() { # H: starts hub H on its port (0 the first time: the system chooses, kept after)
    local h=$1 log=$T/hub$1.log i
    "$BIN/lanyard-hub" --db "$HUB_DB" --listen "127.0.0.1:${HPORT[$h]:-0}" --pool 3 \
        --log-requests no 2>>"$log" &
    HPID[$h]=$!
    for i in $(seq 100); do
        [ "$(grep -c msg=listening "$log")" -ge "${HSTARTS[$h]:-1}" ] && break
        kill -0 "${HPID[$h]}" 2>/dev/null || break
        sleep 0.05
    done
    HSTARTS[$h]=$((${HSTARTS[$h]:-1} + 1))
    HPORT[$h]=$(grep -o 'msg=listening.* port=[0-9]*' "$log" | tail -1 | grep -o '[0-9]*$')
    [ -n "${HPORT[$h]}" ]
}
declare -a HSTARTS
for h in $(seq 0 $((NH - 1))); do hub_start "$h" || die "hub $h did not start"; done

# Kiosk k talks to hub k % NH through its own proxy; even kiosks are entrances, odd ones exits;
# kiosk k's clock is off by SKEW minutes.
SKEWS=(0 3 -4 7 -2 5 -6 1)
for k in $(seq 0 $((NK - 1))); do
    mkdir -p "$T/p$k"
    python3 "$ROOT/tests/tools/chaosproxy.py" --dir "$T/p$k" --to "${HPORT[$((k % NH))]}" &
    PROXY[$k]=$!
    for _ in $(seq 100); do [ -s "$T/p$k/port" ] && break; sleep 0.05; done
    gate=$([ $((k % 2)) = 0 ] && echo entrance || echo exit)
    code=$(ly --db "$HUB_DB" enroll --name "soak $k" --gate "$gate" --no-qr | head -1)
    "$BIN/lanyard-kiosk" --db "$T/k$k.db" --hub "http://127.0.0.1:$(cat "$T/p$k/port")" \
        --enroll "$code" >"$T/k$k.enroll" 2>&1 || die "kiosk $k did not enroll: $(tail -2 "$T/k$k.enroll")"
    mkfifo "$T/k$k.fifo"
done
sqlite3 "$T/org.db" "SELECT id FROM registrations WHERE attendance = 'onsite' ORDER BY random()
    LIMIT $PEOPLE" | while read -r id; do ly --db "$T/org.db" badge code "$id"; done >"$T/codes"

kstart() { # K
    local at
    at=$(date -d "${SKEWS[$(($1 % 8))]} min" +%FT%H:%M)
    "$BIN/lanyard-kiosk" --headless --db "$T/k$1.db" --source "wedge:$T/k$1.fifo" --holdoff 0 \
        --at "$at" >>"$T/k$1.out" 2>>"$T/k$1.err" &
    KPID[$1]=$!
}
for k in $(seq 0 $((NK - 1))); do
    kstart "$k"
    python3 "$ROOT/tests/tools/wedgefeed.py" "$T/k$k.fifo" "$T/codes" "$RATE" "$T/stop" --shuffle &
    FEED[$k]=$!
done

reported() { cat "$T"/k*.out 2>/dev/null | grep -c '"uuid"'; }
# --- the stream, with a fault every SPACING seconds on average
SPACING=$(python3 -c "print(max(0.05, $WANT / ($NK * $RATE) / ($KILLS * 1.25)))")
kills_hub=0 kills_kiosk=0 cuts=0 start=$SECONDS
declare -a RESTORE
say "$NK kiosks, $NH hub(s) on $BACKEND: $WANT check-ins, $KILLS kills, a fault every ${SPACING}s"
while :; do
    n=$(reported)
    [ "$n" -ge "$WANT" ] && [ $((kills_hub + kills_kiosk)) -ge "$KILLS" ] && break
    [ $((SECONDS - start)) -gt "$MAXS" ] && die "gave up after ${MAXS}s: $n check-ins, $((kills_hub + kills_kiosk)) kills"
    sleep "$(python3 -c "import random; print(round($SPACING * random.uniform(0.5, 1.5), 3))")"
    for k in $(seq 0 $((NK - 1))); do # network faults that are over
        if [ -n "${RESTORE[$k]:-}" ] && [ "$SECONDS" -ge "${RESTORE[$k]}" ]; then
            echo pass >"$T/p$k/mode"
            RESTORE[$k]=
        fi
    done
    [ $((kills_hub + kills_kiosk)) -ge "$KILLS" ] && continue
    r=$((RANDOM % 10))
    if [ $r -lt 2 ]; then
        h=$((RANDOM % NH))
        kill -9 "${HPID[$h]}" 2>/dev/null
        wait "${HPID[$h]}" 2>/dev/null
        kills_hub=$((kills_hub + 1))
        hub_start "$h" || die "hub $h did not restart: $(tail -3 "$T/hub$h.log")"
    elif [ $r -lt 8 ]; then
        k=$((RANDOM % NK))
        kill -9 "${KPID[$k]}" 2>/dev/null
        wait "${KPID[$k]}" 2>/dev/null
        kills_kiosk=$((kills_kiosk + 1))
        kstart "$k"
    else
        k=$((RANDOM % NK))
        modes=(stall reset drop)
        echo "${modes[$((RANDOM % 3))]}" >"$T/p$k/mode"
        RESTORE[$k]=$((SECONDS + 1 + RANDOM % 3))
        cuts=$((cuts + 1))
    fi
done
stream_s=$((SECONDS - start))
touch "$T/stop"
for k in $(seq 0 $((NK - 1))); do
    echo pass >"$T/p$k/mode"
    wait "${FEED[$k]}" 2>/dev/null
done

# --- every kiosk stops (the end of its FIFO), then uploads what is left
poke() { python3 -c '
import os, sys
try:
    os.close(os.open(sys.argv[1], os.O_WRONLY | os.O_NONBLOCK))
except OSError:
    pass' "$1"; }
for k in $(seq 0 $((NK - 1))); do
    for _ in $(seq 300); do
        kill -0 "${KPID[$k]}" 2>/dev/null || break
        poke "$T/k$k.fifo"
        sleep 0.1
    done
    kill -9 "${KPID[$k]}" 2>/dev/null
    wait "${KPID[$k]}" 2>/dev/null
    KPID[$k]=
    for _ in 1 2 3 4 5; do
        "$BIN/lanyard-kiosk" --db "$T/k$k.db" --sync-once >>"$T/k$k.final" 2>&1 &&
            [ "$(sqlite3 "$T/k$k.db" "SELECT count(*) FROM checkins WHERE sent = 0")" = 0 ] && break
        sleep 1
    done
done

# --- the comparison
for k in $(seq 0 $((NK - 1))); do
    python3 - "$T/k$k.out" <<'PY'
import json, sys
for line in open(sys.argv[1], errors="replace"):
    if line.endswith("\n") and '"uuid"' in line:
        print(json.loads(line)["uuid"])
PY
done | sort >"$T/reported"
for k in $(seq 0 $((NK - 1))); do sqlite3 "$T/k$k.db" "SELECT uuid FROM checkins"; done | sort >"$T/journals"
hubq "SELECT uuid FROM checkins" | sort >"$T/hub"
n_rep=$(wc -l <"$T/reported") n_jour=$(wc -l <"$T/journals") n_hub=$(wc -l <"$T/hub")
lost_kiosk=$(sort -u "$T/reported" | comm -23 - "$T/journals" | wc -l)
lost_hub=$(comm -23 "$T/journals" "$T/hub" | wc -l)
unknown=$(sort -u "$T/hub" | comm -13 "$T/journals" - | wc -l)
twice=$(($(uniq -d "$T/hub" | wc -l) + $(uniq -d "$T/reported" | wc -l)))
bad=0
for k in $(seq 0 $((NK - 1))); do
    [ "$(sqlite3 "$T/k$k.db" "PRAGMA integrity_check")" = ok ] || bad=$((bad + 1))
done
[ "$BACKEND" = sqlite ] && { [ "$(sqlite3 "$T/org.db" "PRAGMA integrity_check")" = ok ] || bad=$((bad + 1)); }
# The hub counts each attendee once: its venue attendance against the journals' entrances.
hub_att=$(hubq "SELECT count(*) FROM onsite")
jour_att=$(for k in $(seq 0 $((NK - 1))); do
    sqlite3 "$T/k$k.db" "SELECT attendee_id FROM checkins WHERE place = 'venue' AND direction = 1"
done | sort -u | wc -l)
hub_rss=$(awk '/VmRSS/ {print $2}' "/proc/${HPID[0]}/status" 2>/dev/null)
hub_fds=$(ls "/proc/${HPID[0]}/fd" 2>/dev/null | wc -l)
echo "soak ($BACKEND, $NK kiosks, $NH hub(s)): ${stream_s} s; kills: $((kills_hub + kills_kiosk)) ($kills_hub hub, $kills_kiosk kiosk); network faults: $cuts; clocks skewed up to 7 min"
echo "  check-ins reported by kiosks $n_rep, journaled $n_jour, stored at the hub $n_hub"
echo "  lost: $((lost_kiosk + lost_hub)) ($lost_kiosk reported but not journaled, $lost_hub journaled but not at the hub); counted twice: $twice; unknown at the hub: $unknown"
echo "  attendees entered: hub $hub_att, journals $jour_att; integrity_check failures: $bad"
echo "  hub at the end: ${hub_rss:-?} kB resident, ${hub_fds} open files"
[ "$n_rep" -ge "$WANT" ] && [ $((lost_kiosk + lost_hub + twice + unknown + bad)) = 0 ] &&
    [ "$hub_att" = "$jour_att" ]
