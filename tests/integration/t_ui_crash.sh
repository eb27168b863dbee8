#!/bin/bash
# t_ui_crash.sh - kill -9 of the kiosk with its screen while badges are being decided: the real
# screen (SDL's offscreen video driver) over a folder of camera frames, a badge in most of them
# (hold-off 0, so every such frame is a decision), killed at a random moment once decisions flow,
# five times over the same database. Every decision the screen reported (a complete JSON line,
# and every result it said it presented) is in the journal, uuid by uuid; the database passes
# integrity_check, the sequence has no gap, and the kiosk starts again on it and stops cleanly.
. "$(dirname "$0")/lib.sh"
export SDL_VIDEODRIVER=offscreen SDL_AUDIODRIVER=dummy
HUB=$T/hub.db K=$T/kiosk.db QRFRAME=$LY_ROOT/build/tools/qrframe
AT=2026-06-02T10:00
ROUNDS=5 BADGES=40

check "demo forum of 60" ly --db "$HUB" demo-data --count 60 --start 2026-06-01
check "kiosk snapshot" ly --db "$HUB" kiosk-snapshot --out "$K"
# A badge in four frames of five, each frame its own noise: a door with a queue.
mkdir -p "$T/frames"
k=0
for id in $(seq 1 "$BADGES"); do
    code=$(ly --db "$HUB" badge code "$id")
    for _ in 1 2 3 4; do
        "$QRFRAME" "$T/frames/$(printf %04d $k).png" 640x480 "$code" size=45 noise=3 seed=$k
        k=$((k + 1))
    done
    "$QRFRAME" "$T/frames/$(printf %04d $k).png" 640x480 - noise=3 seed=$k
    k=$((k + 1))
done
[ "$(ls "$T/frames" | wc -l)" -eq $((BADGES * 5)) ] && ok "$((BADGES * 5)) camera frames" ||
    not_ok "frames"

# decided FILE: the uuid of every complete decision line the screen wrote.
decided() {
    python3 -c '
import json, sys
for line in open(sys.argv[1], errors="replace"):
    if line.startswith("{\"decision\"") and line.endswith("\n"):
        print(json.loads(line)["uuid"])' "$1"
}
# presented FILE: the sequence number of every result the screen said it presented.
presented() {
    python3 -c '
import json, sys
for line in open(sys.argv[1], errors="replace"):
    if line.startswith("{\"presented\"") and line.endswith("\n"):
        print(json.loads(line)["seq"])' "$1"
}

# screen OUT ERR: the kiosk with its screen over the frames in the background ($pid), until it
# presented a result (at most 60 s: a sanitizer build loads fonts slowly) or ended.
screen() {
    "$LY_BIN/lanyard-kiosk" --db "$K" --gate desk --holdoff 0 --at "$AT" --size 800x480 \
        --source "dir:$T/frames@25" >"$1" 2>"$2" &
    pid=$!
    for _ in $(seq 600); do
        grep -q '^{"presented"' "$1" 2>/dev/null && break
        kill -0 $pid 2>/dev/null || break
        sleep 0.1
    done
}

reported_total=0
for round in $(seq 1 $ROUNDS); do
    out=$T/out-$round
    screen "$out" "$T/err-$round" # then killed at a random moment while decisions flow
    sleep "0.$((RANDOM % 9 + 1))"
    kill -9 $pid 2>/dev/null
    wait $pid 2>/dev/null
    decided "$out" | sort >"$T/uuids-$round"
    presented "$out" | sort >"$T/seqs-$round"
    n=$(wc -l <"$T/uuids-$round") shown=$(wc -l <"$T/seqs-$round")
    reported_total=$((reported_total + n))
    sqlite3 "$K" "SELECT uuid FROM checkins" | sort >"$T/journal"
    sqlite3 "$K" "SELECT seq FROM checkins" | sort >"$T/journal-seqs"
    missing=$(comm -23 "$T/uuids-$round" "$T/journal" | wc -l)
    unseen=$(comm -23 "$T/seqs-$round" "$T/journal-seqs" | wc -l)
    ic=$(sqlite3 "$K" "PRAGMA integrity_check")
    gaps=$(sqlite3 "$K" "SELECT max(seq) - count(*) FROM checkins")
    if [ "$n" -gt 0 ] && [ "$missing" -eq 0 ] && [ "$unseen" -eq 0 ] && [ "$ic" = ok ] &&
        [ "$gaps" = 0 ]; then
        ok "round $round: $n decisions reported, $shown presented, all journaled, integrity_check ok, no gap"
    else
        not_ok "round $round: $n reported ($missing missing), $shown presented ($unseen missing), integrity_check '$ic', gap $gaps"
        tail -5 "$T/err-$round" >&2
    fi
done
journal_whole "$K" "$reported_total" desk

# and the screen starts again on the same file, decides, and closes cleanly on SIGTERM
before=$(sqlite3 "$K" "SELECT count(*) FROM checkins")
screen "$T/out" "$T/err"
kill -TERM $pid 2>/dev/null
wait $pid
rc=$?
after=$(sqlite3 "$K" "SELECT count(*) FROM checkins")
[ $rc -eq 0 ] && [ "$after" -gt "$before" ] && ok "the screen starts again after the crashes" ||
    not_ok "restart: exit $rc, $before then $after check-ins: $(tail -3 "$T/err")"
decided "$T/out" | sort >"$T/uuids"
sqlite3 "$K" "SELECT uuid FROM checkins" | sort >"$T/journal"
[ "$(comm -23 "$T/uuids" "$T/journal" | wc -l)" -eq 0 ] && [ "$(sqlite3 "$K" "PRAGMA integrity_check")" = ok ] &&
    ok "after a clean stop too, every reported decision is journaled" ||
    not_ok "after a clean stop, reported decisions are missing"
finish
