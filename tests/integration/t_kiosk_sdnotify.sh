#!/bin/bash
# t_kiosk_sdnotify.sh - the kiosk under systemd's notify protocol, without systemd: a listener
# (tests/tools/sdnotify_listen.py) binds the datagram socket a Type=notify unit would give it,
# and the kiosk runs with NOTIFY_SOCKET and WATCHDOG_USEC=1 s set, headless and then with its
# screen (SDL's offscreen driver). It must say READY=1 with a STATUS= line once its loop runs,
# then WATCHDOG=1 about twice a second; a hung loop (the test hook LY_KIOSK_HANG_FILE: the
# decision thread blocks while the file exists) must stop the WATCHDOG messages, as systemd
# needs to restart it, and decide nothing; once the file is gone they resume. With the screen, a
# hung screen thread (LY_KIOSK_SCREEN_HANG_FILE) must stop them too.
. "$(dirname "$0")/lib.sh"
LISTEN=$LY_ROOT/tests/tools/sdnotify_listen.py
AT=2026-06-02T10:00

check "demo forum of 30" ly --db "$T/hub.db" demo-data --count 30 --start 2026-06-01
check "kiosk snapshot" ly --db "$T/hub.db" kiosk-snapshot --out "$T/kiosk.db"
ONE=$(sqlite3 "$T/hub.db" "SELECT id FROM registrations WHERE attendance = 'onsite' ORDER BY id LIMIT 1")
GOOD=$(ly --db "$T/hub.db" badge code "$ONE")
cp "$T/kiosk.db" "$T/screen.db"

listen() { # LOG: starts the listener, waits until it listens
    rm -f "$T/notify.sock"
    python3 "$LISTEN" "$T/notify.sock" "$1" --seconds 120 &
    LPID=$!
    for _ in $(seq 50); do grep -q LISTENING "$1" 2>/dev/null && return 0; sleep 0.1; done
    return 1
}
# now_ms: the listener's clock (CLOCK_MONOTONIC in ms).
now_ms() { python3 -c 'import time; print(int(time.monotonic() * 1000))'; }
# count LOG FIELD AFTER_MS: messages holding FIELD (e.g. WATCHDOG=1) after AFTER_MS.
count() { awk -v f="$2" -v t="$3" '$1 > t && index($2, f) { n++ } END { print n + 0 }' "$1"; }
wait_for() { # LOG FIELD SECONDS
    for _ in $(seq $(($3 * 10))); do grep -q "$2" "$1" && return 0; sleep 0.1; done
    return 1
}
stop_pid() { # PID: SIGTERM, then at most 10 s
    kill -TERM "$1" 2>/dev/null
    for _ in $(seq 100); do kill -0 "$1" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$1" 2>/dev/null
    wait "$1"
}

# --- headless -----------------------------------------------------------------------------
LOG=$T/notify.log
listen "$LOG" || not_ok "listener did not start"
mkfifo "$T/fifo"
NOTIFY_SOCKET=$T/notify.sock WATCHDOG_USEC=1000000 LY_KIOSK_HANG_FILE=$T/hang \
    "$LY_BIN/lanyard-kiosk" --headless --db "$T/kiosk.db" --gate entrance --source "wedge:$T/fifo" \
    --at "$AT" >"$T/out" 2>"$T/err" &
KPID=$!
exec 7>"$T/fifo"
wait_for "$LOG" "READY=1" 30 && ok "headless: READY=1" ||
    { not_ok "headless: no READY=1"; cat "$T/err" >&2; }
grep -q "READY=1|STATUS=gate entrance, 0 decisions" "$LOG" && ok "READY=1 comes with STATUS=" ||
    not_ok "READY without its STATUS: $(grep READY "$LOG")"
printf '%s\n' "$GOOD" >&7
for _ in $(seq 50); do [ -s "$T/out" ] && break; sleep 0.1; done
grep -q '"decision":"granted"' "$T/out" && ok "a badge is decided" || not_ok "no decision: $(cat "$T/err")"
wait_for "$LOG" "STATUS=gate entrance, 1 decisions" 5 && ok "STATUS= follows the decisions" ||
    not_ok "STATUS= did not change: $(grep STATUS "$LOG")"
t=$(now_ms)
sleep 3
n=$(count "$LOG" WATCHDOG=1 "$t")
[ "$n" -ge 4 ] && [ "$n" -le 8 ] && ok "WATCHDOG=1 at half of WatchdogSec ($n in 3 s)" ||
    not_ok "WATCHDOG=1: $n in 3 s with WATCHDOG_USEC=1000000 (want 4 to 8)"

# The hang: the loop blocks; a ping sent just before it took hold is allowed for.
touch "$T/hang"
sleep 0.7
t=$(now_ms)
printf '%s\n' "$GOOD" >&7
sleep 3
n=$(count "$LOG" WATCHDOG=1 "$t")
[ "$n" -eq 0 ] && ok "a hung loop stops WATCHDOG=1 (none in 3 s)" ||
    not_ok "a hung loop still sent $n WATCHDOG=1 in 3 s"
[ "$(grep -c '"decision"' "$T/out")" -eq 1 ] && ok "a hung loop decides nothing" ||
    not_ok "a hung loop decided: $(cat "$T/out")"
kill -0 $KPID 2>/dev/null && ok "the hung kiosk is still running (systemd would kill it)" ||
    not_ok "the kiosk exited while hung"
rm -f "$T/hang"
t=$(now_ms)
sleep 2
n=$(count "$LOG" WATCHDOG=1 "$t")
[ "$n" -ge 2 ] && ok "WATCHDOG=1 resumes when the loop goes round again ($n in 2 s)" ||
    not_ok "no WATCHDOG=1 after the hang ended ($n)"
grep -q '"decision":"already_inside"' "$T/out" && ok "the code sent during the hang is decided after it" ||
    not_ok "the queued code was lost: $(cat "$T/out")"
exec 7>&-
stop_pid $KPID
rc=$?
[ $rc -eq 0 ] && ok "headless kiosk exits 0 after the source ends" || not_ok "kiosk exit $rc: $(tail -3 "$T/err")"
kill -TERM $LPID 2>/dev/null
wait $LPID 2>/dev/null

# Without WATCHDOG_USEC: READY and STATUS only. With WATCHDOG_PID naming another process:
# systemd's rule is that the watchdog is not ours, so no WATCHDOG=1.
LOG2=$T/notify2.log
listen "$LOG2" || not_ok "listener did not start"
printf '%s\n' "$GOOD" | NOTIFY_SOCKET=$T/notify.sock WATCHDOG_USEC=1000000 WATCHDOG_PID=1 \
    "$LY_BIN/lanyard-kiosk" --headless --db "$T/kiosk.db" --gate entrance --source wedge:stdin \
    --at "$AT" >/dev/null 2>"$T/err2"
sleep 0.3
grep -q "READY=1" "$LOG2" && [ "$(count "$LOG2" WATCHDOG=1 0)" -eq 0 ] &&
    ok "WATCHDOG_PID of another process: READY, no WATCHDOG=1" ||
    not_ok "WATCHDOG_PID=1: $(cat "$LOG2")"
kill -TERM $LPID 2>/dev/null
wait $LPID 2>/dev/null

# --- with its screen (offscreen) ----------------------------------------------------------
LOG3=$T/notify3.log
listen "$LOG3" || not_ok "listener did not start"
mkfifo "$T/fifo2"
SDL_VIDEODRIVER=offscreen SDL_AUDIODRIVER=dummy NOTIFY_SOCKET=$T/notify.sock \
    WATCHDOG_USEC=1000000 LY_KIOSK_HANG_FILE=$T/hang2 LY_KIOSK_SCREEN_HANG_FILE=$T/hang3 \
    "$LY_BIN/lanyard-kiosk" --db "$T/screen.db" --gate entrance --source "wedge:$T/fifo2" \
    --size 800x480 --at "$AT" >"$T/out3" 2>"$T/err3" &
KPID=$!
exec 7>"$T/fifo2"
wait_for "$LOG3" "READY=1" 60 && ok "screen: READY=1" ||
    { not_ok "screen: no READY=1"; cat "$T/err3" >&2; }
t=$(now_ms)
sleep 2
n=$(count "$LOG3" WATCHDOG=1 "$t")
[ "$n" -ge 2 ] && ok "screen: WATCHDOG=1 ($n in 2 s)" || not_ok "screen: $n WATCHDOG=1 in 2 s"
touch "$T/hang2"
sleep 0.7
t=$(now_ms)
sleep 2.5
n=$(count "$LOG3" WATCHDOG=1 "$t")
[ "$n" -eq 0 ] && ok "screen: a hung loop stops WATCHDOG=1" || not_ok "screen: $n WATCHDOG=1 while hung"
rm -f "$T/hang2"
t=$(now_ms)
sleep 1.5
n=$(count "$LOG3" WATCHDOG=1 "$t")
[ "$n" -ge 1 ] && ok "screen: WATCHDOG=1 resumes ($n in 1.5 s)" || not_ok "screen: no WATCHDOG=1 after the hang"

# The screen's own thread hangs (LY_KIOSK_SCREEN_HANG_FILE): check-ins are still decided
# behind it, but nobody sees them, so the watchdog must not hear that all is well.
before=$(sqlite3 "$T/screen.db" "SELECT count(*) FROM checkins")
touch "$T/hang3"
sleep 0.9
t=$(now_ms)
printf '%s\n' "$GOOD" >&7
sleep 2.5
n=$(count "$LOG3" WATCHDOG=1 "$t")
[ "$n" -eq 0 ] && ok "screen: a hung screen stops WATCHDOG=1" || not_ok "screen: $n WATCHDOG=1 while the screen hung"
[ "$(sqlite3 "$T/screen.db" "SELECT count(*) FROM checkins")" -gt "$before" ] &&
    ok "screen: the decision thread went on deciding behind the hung screen" ||
    not_ok "screen: nothing decided while the screen hung"
grep -q "the screen has not gone round" "$T/err3" && ok "screen: the stall is logged" ||
    not_ok "screen: no log line for the stall"
rm -f "$T/hang3"
t=$(now_ms)
sleep 1.5
n=$(count "$LOG3" WATCHDOG=1 "$t")
[ "$n" -ge 1 ] && ok "screen: WATCHDOG=1 resumes when the screen goes round ($n in 1.5 s)" ||
    not_ok "screen: no WATCHDOG=1 after the screen's hang"
exec 7>&-
stop_pid $KPID
kill -TERM $LPID 2>/dev/null
wait $LPID 2>/dev/null
finish
