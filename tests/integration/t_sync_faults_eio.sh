#!/bin/bash
# t_sync_faults_eio.sh - a failing disk (EIO) under a running hub and kiosk, with libfiu (Debian's
# fiu-utils): both run under fiu-run's POSIX preload and fiu-ctrl turns failure points on and off
# in the running processes. While the hub's syncs fail, the hub answers the kiosk's upload 503,
# stores nothing and runs on, and the kiosk keeps its check-ins unsent; once the syncs work the
# retry is accepted and each check-in is stored once. While the kiosk's writes fail, and then
# while its syncs fail, a page of changes is not applied (its data and cursor as they were, a
# line in its log) and is applied by itself once the disk works again.
#
# libfiu's preload library and AddressSanitizer cannot share a process, so this test runs the
# release build (bin/, built by `make test` beside the sanitized one); t_sync_faults.sh runs the
# sanitized programs on real full disks.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/faults.sh"
BIN=$LY_ROOT/bin AT=$(date +%F)T10:00
if ! command -v fiu-run >/dev/null || ! command -v fiu-ctrl >/dev/null; then
    skip "fiu-utils not installed (board/deps.sh test installs it)"
    finish
fi
for p in lanyard-hub lanyard-kiosk; do
    [ -x "$BIN/$p" ] || { not_ok "no release $BIN/$p (make programs)"; finish; }
done
HUB_PID= KPID=
cleanup() {
    exec 7>&- 2>/dev/null
    [ -n "$KPID" ] && kill -9 "$KPID" 2>/dev/null
    [ -n "$HUB_PID" ] && kill -9 "$HUB_PID" 2>/dev/null
    rm -rf "$T"
}
trap cleanup EXIT
HUB=$T/hub.db K=$T/k.db
hubq() { sqlite3 "$HUB" "$1"; }
kq() { sqlite3 "$K" "$1"; }
# ctl PID CTLFILE ACTION NAME... : enables (with failinfo 5, EIO) or disables failure points
ctl() {
    local pid=$1 f=$2 act=$3 name
    shift 3
    for name in "$@"; do
        if [ "$act" = enable ]; then
            fiu-ctrl -f "$f" -c "enable name=$name,failinfo=5" "$pid" || return 1
        else
            fiu-ctrl -f "$f" -c "disable name=$name" "$pid" || return 1
        fi
    done
}
SYNCS="posix/io/sync/fsync posix/io/sync/fdatasync"
WRITES="posix/io/rw/pwrite posix/io/rw/pwrite64"

check "demo forum of 100 today" ly --db "$HUB" demo-data --count 100 --start "$(date +%F)"
fiu-run -x -f "$T/hubctl" "$BIN/lanyard-hub" --db "sqlite:$HUB" --listen 127.0.0.1:0 --pool 3 \
    --log-requests no 2>"$T/hub.log" &
HUB_PID=$!
PORT=$(hub_port "$T/hub.log")
[ -n "$PORT" ] && ok "hub under fiu-run (port $PORT)" || { not_ok "hub: $(cat "$T/hub.log")"; finish; }
U=http://127.0.0.1:$PORT
CODE=$(ly --db "$HUB" enroll --name "North door" --gate entrance --no-qr | head -1)
expect "enroll the kiosk" 0 "$BIN/lanyard-kiosk" --db "$K" --hub "$U" --enroll - <<<"$CODE"
mapfile -t IDS < <(hubq "SELECT id FROM registrations WHERE attendance = 'onsite' AND category = 'participant' ORDER BY id LIMIT 6")
for id in "${IDS[@]}"; do ly --db "$HUB" badge code "$id"; done >"$T/codes"
mkfifo "$T/feed"
fiu-run -x -f "$T/kctl" "$BIN/lanyard-kiosk" --headless --db "$K" --source "wedge:$T/feed" \
    --holdoff 0 --at "$AT" >"$T/k.out" 2>"$T/k.err" &
KPID=$!
exec 7<>"$T/feed"
wait_for 20 'grep -q "sync: online" "$T/k.err"' && ok "the kiosk under fiu-run is online" ||
    not_ok "kiosk: $(tail -3 "$T/k.err")"
unsent() { kq "SELECT count(*) FROM checkins WHERE sent = 0"; }
granted() { grep -c '"decision":"granted"' "$T/k.out"; }

# --- The hub's syncs fail: 503, nothing stored, the kiosk retries until accepted.
ctl "$HUB_PID" "$T/hubctl" enable $SYNCS && ok "the hub's fsync and fdatasync fail with EIO" ||
    not_ok "fiu-ctrl on the hub"
cat "$T/codes" >&7
wait_for 20 '[ "$(granted)" = 6 ]' && ok "the kiosk grants 6 attendees" || not_ok "granted $(granted)"
wait_for 30 'grep -q "push: HTTP 503 unavailable" "$T/k.err"' && ok "the hub answers the upload 503" ||
    not_ok "no 503: $(tail -3 "$T/k.err")"
[ "$(hubq "SELECT count(*) FROM checkins")" = 0 ] && [ "$(unsent)" = 6 ] &&
    ok "nothing stored at the hub, 6 unsent at the kiosk" ||
    not_ok "hub $(hubq "SELECT count(*) FROM checkins"), unsent $(unsent)"
grep -q "msg=database.*I/O error" "$T/hub.log" && ok "the hub's log says why (I/O error)" ||
    not_ok "hub log: $(tail -3 "$T/hub.log")"
alive "$HUB_PID" && ok "the hub runs on" || not_ok "the hub died"
ctl "$HUB_PID" "$T/hubctl" disable $SYNCS
wait_for 45 '[ "$(unsent)" = 0 ]' && ok "syncs work again: the kiosk's retry is accepted" ||
    not_ok "still unsent: $(unsent)"
kq "SELECT uuid FROM checkins" | sort >"$T/journal"
hubq "SELECT uuid FROM checkins" | sort >"$T/stored"
[ "$(wc -l <"$T/journal")" = 6 ] && cmp -s "$T/journal" "$T/stored" &&
    ok "each of the 6 check-ins is at the hub exactly once" || not_ok "journal and hub differ"

# --- The kiosk's writes fail, then its syncs: a page of changes waits, then is applied.
n=0
page_waits() { # LABEL POINTS...: the kiosk fails on POINTS while the hub has new registrations
    local label=$1 cursor new
    shift
    n=$((n + 1))
    cursor=$(kq "SELECT value FROM meta WHERE key = 'sync_cursor'")
    local errs
    errs=$(grep -c "could not be stored, the data stays as it was" "$T/k.err")
    ctl "$KPID" "$T/kctl" enable "$@" || not_ok "fiu-ctrl on the kiosk"
    printf 'id,name,country,category,language,attendance\nEIO-%d,Person Eio %d,SN,participant,fr,onsite\n' "$n" "$n" >"$T/new.csv"
    ly --db "$HUB" import registrations "$T/new.csv" >/dev/null
    new=$(hubq "SELECT id FROM registrations WHERE ext_id = 'EIO-$n'")
    wait_for 30 '[ "$(grep -c "sync: storage: .*could not be stored, the data stays as it was: .*I/O error" "$T/k.err")" -gt "$errs" ]' &&
        ok "$label: the kiosk says the changes could not be stored (I/O error)" ||
        not_ok "$label: $(tail -3 "$T/k.err")"
    [ "$(kq "SELECT count(*) FROM attendees WHERE id = $new")" = 0 ] &&
        [ "$(kq "SELECT value FROM meta WHERE key = 'sync_cursor'")" = "$cursor" ] &&
        ok "$label: its data and cursor are as they were" || not_ok "$label: kiosk data changed"
    alive "$KPID" && ok "$label: the kiosk runs on" || not_ok "$label: the kiosk died"
    ctl "$KPID" "$T/kctl" disable "$@"
    wait_for 45 '[ "$(kq "SELECT count(*) FROM attendees WHERE id = $new")" = 1 ]' &&
        ok "$label gone: the page is applied by itself, no restart" ||
        not_ok "$label gone: not applied; $(tail -3 "$T/k.err")"
}
page_waits "writes fail" $WRITES
page_waits "syncs fail" $SYNCS
exec 7>&-
wait_for 30 '! alive "$KPID"' && ok "the kiosk stops at the end of its source" || not_ok "the kiosk did not stop"
KPID=
[ "$(kq "PRAGMA integrity_check")" = ok ] && [ "$(hubq "PRAGMA integrity_check")" = ok ] &&
    ok "both databases pass integrity_check" || not_ok "integrity"
finish
