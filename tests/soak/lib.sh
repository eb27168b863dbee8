#!/bin/bash
# lib.sh - what the soak (soak.sh) and the uptime run (uptime.sh) share: a hub over SQLite (one)
# or PostgreSQL (two on one database) with a demo forum, enrolled headless kiosks fed badges
# through FIFOs, the last upload, and the comparison uuid by uuid of what the kiosks reported,
# their journals and the hub's table. Sourced after setting BIN, BACKEND, NK and PEOPLE.
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
T=$(mktemp -d "${TMPDIR:-/tmp}/lanyard-soak.XXXXXX")
chmod 755 "$T"
declare -a KPID FEED PROXY HPID HPORT HSTARTS EXTRA
cleanup() {
    touch "$T/stop"
    for p in "${KPID[@]}" "${HPID[@]}"; do [ -n "$p" ] && kill -9 "$p" 2>/dev/null; done
    for p in "${FEED[@]}" "${PROXY[@]}" "${EXTRA[@]}"; do kill "$p" 2>/dev/null; done
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

# The demo forum, and the hub's database: HUB_DB, NH and hubq SQL.
soak_data() {
    ly --db "$T/org.db" demo-data --count 2000 --start "$(date +%F)" >/dev/null || die "demo data"
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
    sqlite3 "$T/org.db" "SELECT id FROM registrations WHERE attendance = 'onsite' ORDER BY random()
        LIMIT $PEOPLE" | while read -r id; do ly --db "$T/org.db" badge code "$id"; done >"$T/codes"
}

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

kiosk_enroll() { # K GATE PORT: enrolls kiosk K as GATE with the hub reached at PORT, makes its FIFO
    local code
    code=$(ly --db "$HUB_DB" enroll --name "soak $1" --gate "$2" --no-qr | head -1)
    echo "$code" | "$BIN/lanyard-kiosk" --db "$T/k$1.db" --hub "http://127.0.0.1:$3" \
        --enroll - >"$T/k$1.enroll" 2>&1 || die "kiosk $1 did not enroll: $(tail -2 "$T/k$1.enroll")"
    mkfifo "$T/k$1.fifo"
}

kstart() { # K [SKEW-MINUTES]: starts kiosk K headless on its FIFO, its clock SKEW minutes off
    local at
    at=$(date -d "${2:-0} min" +%FT%H:%M)
    "$BIN/lanyard-kiosk" --headless --db "$T/k$1.db" --source "wedge:$T/k$1.fifo" --holdoff 0 \
        --at "$at" >>"$T/k$1.out" 2>>"$T/k$1.err" &
    KPID[$1]=$!
}

feed_start() { # K RATE: badges for kiosk K, RATE a second, until $T/stop
    python3 "$ROOT/tests/tools/wedgefeed.py" "$T/k$1.fifo" "$T/codes" "$2" "$T/stop" --shuffle &
    FEED[$1]=$!
}

reported() { cat "$T"/k*.out 2>/dev/null | grep -c '"uuid"'; }

# Every kiosk stops (the end of its FIFO), then uploads what is left.
soak_drain() {
    local k
    touch "$T/stop"
    for k in $(seq 0 $((NK - 1))); do wait "${FEED[$k]}" 2>/dev/null; done
    for k in $(seq 0 $((NK - 1))); do
        for _ in $(seq 300); do
            kill -0 "${KPID[$k]}" 2>/dev/null || break
            python3 -c '
import os, sys
try:
    os.close(os.open(sys.argv[1], os.O_WRONLY | os.O_NONBLOCK))
except OSError:
    pass' "$T/k$k.fifo"
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
}

# The comparison: sets n_rep n_jour n_hub lost_kiosk lost_hub unknown twice bad hub_att jour_att.
soak_compare() {
    local k
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
    if [ "$BACKEND" = sqlite ]; then
        [ "$(sqlite3 "$T/org.db" "PRAGMA integrity_check")" = ok ] || bad=$((bad + 1))
    fi
    # The hub counts each attendee onsite once: against the journals' attendees with a check-in
    # that makes someone onsite (docs/sync-protocol.md, counts) that the hub did not refuse.
    hub_att=$(hubq "SELECT count(*) FROM onsite")
    jour_att=$(for k in $(seq 0 $((NK - 1))); do
        sqlite3 "$T/k$k.db" "SELECT attendee_id FROM checkins WHERE attendee_id IS NOT NULL AND
            refused = '' AND decision IN ('granted', 'already_inside', 'picked_up', 'registered')"
    done | sort -u | wc -l)
}

soak_report() { # the figures every run prints
    echo "  check-ins reported by kiosks $n_rep, journaled $n_jour, stored at the hub $n_hub"
    echo "  lost: $((lost_kiosk + lost_hub)) ($lost_kiosk reported but not journaled, $lost_hub journaled but not at the hub); counted twice: $twice; unknown at the hub: $unknown"
    echo "  attendees entered: hub $hub_att, journals $jour_att; integrity_check failures: $bad"
}
soak_clean() { [ $((lost_kiosk + lost_hub + twice + unknown + bad)) = 0 ] && [ "$hub_att" = "$jour_att" ]; }
