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
BIN=${LY_SOAK_BIN:-$(cd "$(dirname "$0")/../.." && pwd)/bin}
BACKEND=${LY_SOAK_BACKEND:-sqlite}
NK=${LY_SOAK_KIOSKS:-4} WANT=${LY_SOAK_CHECKINS:-100000} KILLS=${LY_SOAK_KILLS:-1000}
RATE=${LY_SOAK_RATE:-60} MAXS=${LY_SOAK_SECONDS:-3600} PEOPLE=${LY_SOAK_PEOPLE:-600}
. "$(dirname "$0")/lib.sh"
soak_data
for h in $(seq 0 $((NH - 1))); do hub_start "$h" || die "hub $h did not start"; done

# Kiosk k talks to hub k % NH through its own proxy; even kiosks are entrances, odd ones exits;
# kiosk k's clock is off by SKEWS[k % 8] minutes.
SKEWS=(0 3 -4 7 -2 5 -6 1)
for k in $(seq 0 $((NK - 1))); do
    mkdir -p "$T/p$k"
    python3 "$ROOT/tests/tools/chaosproxy.py" --dir "$T/p$k" --to "${HPORT[$((k % NH))]}" &
    PROXY[$k]=$!
    for _ in $(seq 100); do [ -s "$T/p$k/port" ] && break; sleep 0.05; done
    kiosk_enroll "$k" "$([ $((k % 2)) = 0 ] && echo entrance || echo exit)" "$(cat "$T/p$k/port")"
done
for k in $(seq 0 $((NK - 1))); do
    kstart "$k" "${SKEWS[$((k % 8))]}"
    feed_start "$k" "$RATE"
done

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
        kstart "$k" "${SKEWS[$((k % 8))]}"
    else
        k=$((RANDOM % NK))
        modes=(stall reset drop)
        echo "${modes[$((RANDOM % 3))]}" >"$T/p$k/mode"
        RESTORE[$k]=$((SECONDS + 1 + RANDOM % 3))
        cuts=$((cuts + 1))
    fi
done
stream_s=$((SECONDS - start))
for k in $(seq 0 $((NK - 1))); do echo pass >"$T/p$k/mode"; done
soak_drain
soak_compare
hub_rss=$(awk '/VmRSS/ {print $2}' "/proc/${HPID[0]}/status" 2>/dev/null)
hub_fds=$(ls "/proc/${HPID[0]}/fd" 2>/dev/null | wc -l)
echo "soak ($BACKEND, $NK kiosks, $NH hub(s)): ${stream_s} s; kills: $((kills_hub + kills_kiosk)) ($kills_hub hub, $kills_kiosk kiosk); network faults: $cuts; clocks skewed up to 7 min"
soak_report
echo "  hub at the end: ${hub_rss:-?} kB resident, ${hub_fds} open files"
[ "$n_rep" -ge "$WANT" ] && soak_clean
