#!/bin/bash
# t_kiosk_crash.sh - kill -9 during a stream of check-ins: a headless kiosk reads a fast stream
# of typed codes (hold-off 0, so every line is a decision) and is killed at a random moment after
# its first decision, five times over the same database. Every decision it reported is in the
# journal afterwards, the database passes quick_check, the sequence has no gap, and the kiosk
# starts again on it.
. "$(dirname "$0")/lib.sh"
HUB=$T/hub.db K=$T/kiosk.db
ROUNDS=5

check "demo forum of 60" ly --db "$HUB" demo-data --count 60 --start 2026-06-01
check "kiosk snapshot" ly --db "$HUB" kiosk-snapshot --out "$K"
: >"$T/codes"
for id in $(seq 1 60); do ly --db "$HUB" badge code "$id" >>"$T/codes"; done
for _ in $(seq 40); do cat "$T/codes"; done >"$T/stream" # 2,400 decisions at most per round
[ "$(wc -l <"$T/stream")" -eq 2400 ] && ok "a stream of 2,400 codes" || not_ok "stream"

reported_total=0
for round in $(seq 1 $ROUNDS); do
    "$LY_BIN/lanyard-kiosk" --headless --db "$K" --gate desk --holdoff 0 \
        --source "wedge:$T/stream" >"$T/out-$round" 2>"$T/err-$round" &
    pid=$!
    # killed 0 to 0.4 s after its first decision: how long it takes to start (the sanitizers, a
    # loaded machine) does not decide whether a round sees any decision
    wait_for 30 "[ -s '$T/out-$round' ] || ! alive $pid" 0.02
    sleep "0.$((RANDOM % 5))"
    kill -9 $pid 2>/dev/null
    wait $pid 2>/dev/null
    # a reported decision is a complete line; the last one may have been cut by the kill
    /usr/bin/python3 - "$T/out-$round" >"$T/uuids-$round" <<'PY'
import json, sys
for line in open(sys.argv[1], errors="replace"):
    if line.endswith("\n"):
        print(json.loads(line)["uuid"])
PY
    n=$(wc -l <"$T/uuids-$round")
    reported_total=$((reported_total + n))
    sqlite3 "$K" "SELECT uuid FROM checkins" | sort >"$T/journal"
    missing=$(sort "$T/uuids-$round" | comm -23 - "$T/journal" | wc -l)
    qc=$(sqlite3 "$K" "PRAGMA quick_check")
    gaps=$(sqlite3 "$K" "SELECT max(seq) - count(*) FROM checkins")
    if [ "$n" -gt 0 ] && [ "$missing" -eq 0 ] && [ "$qc" = ok ] && [ "$gaps" = 0 ]; then
        ok "round $round: $n reported, all journaled, quick_check ok, no gap"
    else
        not_ok "round $round: $n reported, $missing missing, quick_check '$qc', gap $gaps"
        tail -3 "$T/err-$round" >&2
    fi
done
journal_whole "$K" "$reported_total" desk
# and it runs again on the same file
head -3 "$T/codes" | "$LY_BIN/lanyard-kiosk" --headless --db "$K" --gate desk --source wedge:stdin \
    >"$T/out" 2>"$T/err"
[ $? -eq 0 ] && [ "$(wc -l <"$T/out")" -eq 3 ] && ok "the kiosk starts again after the crashes" ||
    not_ok "restart: $(cat "$T/err")"
finish
