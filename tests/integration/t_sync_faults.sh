#!/bin/bash
# t_sync_faults.sh - real full disks under a running kiosk, its hub and the organizer's import:
# the test runs in a mount namespace of its own, with the kiosk's database on one small tmpfs
# and the hub's (the organizer database) on another, filled with a file until the file system
# refuses every new block (ENOSPC), then freed. Checked, on the sanitized programs:
#  - a page of changes the kiosk cannot store: a clear line in its log, its data and cursor as
#    they were, no crash; it applies the page by itself once space is back, no restart;
#  - a snapshot the kiosk cannot download, then one it downloads but cannot merge: the same;
#  - the hub's disk full while a kiosk uploads: the hub answers 503 with Retry-After, stores
#    nothing of the batch, keeps running; the kiosk keeps its check-ins unsent and retries;
#  - the kiosk's disk full when the hub's answer comes: nothing marked sent that is not
#    recorded; once both have space, every check-in is at the hub exactly once, none unsent;
#  - `lanyard import` on a disk that fills in the middle: exit 1, the file named, "nothing was
#    imported", the organizer database as before (passes integrity_check); the same import
#    works once there is space.
# Needs root (mount); skipped otherwise. Bounded: every wait has a limit.
if [ -z "${LY_SYNC_FAULTS_NS:-}" ]; then
    if [ "$(id -u)" -eq 0 ] && unshare -m --propagation private true 2>/dev/null; then
        LY_SYNC_FAULTS_NS=1 exec unshare -m --propagation private bash "$0" "$@"
    fi
    echo "skip - t_sync_faults: needs root and mount namespaces (unshare -m) for its tmpfs disks"
    exit 0
fi
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/faults.sh"
AT=$(date +%F)T10:00
HUB_PID= KPID=
cleanup() {
    exec 7>&- 2>/dev/null
    [ -n "$KPID" ] && kill -9 "$KPID" 2>/dev/null
    [ -n "$HUB_PID" ] && kill -9 "$HUB_PID" 2>/dev/null
    wait 2>/dev/null
    umount "$T/kd" "$T/hd" 2>/dev/null
    rm -rf "$T"
}
trap cleanup EXIT
for p in lanyard lanyard-hub lanyard-kiosk; do
    [ -x "$LY_BIN/$p" ] || { not_ok "no $LY_BIN/$p to test (build it first)"; finish; }
done
mkdir -p "$T/kd" "$T/hd"
mount -t tmpfs -o size=24m,mode=0700 tmpfs "$T/kd" && mount -t tmpfs -o size=24m,mode=0700 tmpfs "$T/hd" &&
    ok "two 24 MiB tmpfs disks in a private mount namespace" || { not_ok "mount tmpfs"; finish; }
HUB=$T/hd/hub.db K=$T/kd/k.db
hubq() { sqlite3 "$HUB" "$1"; }
kq() { sqlite3 "$K" "$1"; }
# fill DIR [KEEP_KB]: a file takes every free block of DIR's file system but KEEP_KB kilobytes.
# The database's log is emptied first (a checkpoint), so that what comes next needs new blocks.
fill() {
    local db
    for db in "$1"/*.db; do sqlite3 "$db" "PRAGMA wal_checkpoint(TRUNCATE)" >/dev/null; done
    dd if=/dev/zero of="$1/fill" bs=4k 2>/dev/null
    [ "${2:-0}" -gt 0 ] && truncate -s "-${2}K" "$1/fill"
    sync
}
unfill() { rm -f "$1/fill"; }
avail_kb() { df -k --output=avail "$1" | tail -1 | tr -d ' '; }

check "demo forum of 200 today" ly --db "$HUB" demo-data --count 200 --start "$(date +%F)"
"$LY_BIN/lanyard-hub" --db "sqlite:$HUB" --listen 127.0.0.1:0 --pool 3 --log-requests no 2>"$T/hub.log" &
HUB_PID=$!
PORT=$(hub_port "$T/hub.log")
[ -n "$PORT" ] && ok "hub on the full-able disk listens (port $PORT)" || { not_ok "hub: $(cat "$T/hub.log")"; finish; }
U=http://127.0.0.1:$PORT
CODE=$(ly --db "$HUB" enroll --name "North door" --gate entrance --no-qr | head -1)
expect "enroll the kiosk" 0 "$LY_BIN/lanyard-kiosk" --db "$K" --hub "$U" --enroll - <<<"$CODE"
REGS=$(hubq "SELECT count(*) FROM registrations")
[ "$(kq "SELECT count(*) FROM attendees")" = "$REGS" ] && ok "the kiosk holds the $REGS registrations" ||
    not_ok "kiosk data: $(kq "SELECT count(*) FROM attendees")"
mkfifo "$T/feed"
kstart() {
    "$LY_BIN/lanyard-kiosk" --headless --db "$K" --source "wedge:$T/feed" --holdoff 0 --at "$AT" \
        >>"$T/k.out" 2>>"$T/k.err" &
    KPID=$!
    exec 7<>"$T/feed" # never blocks, and a kiosk that died cannot make the test's writes fail
}
kstop() { # the end of its source stops the kiosk (within 30 s, or the test says so)
    exec 7>&-
    if ! wait_for 30 '! alive "$KPID"'; then
        not_ok "the kiosk did not stop at the end of its source"
        gdb -p "$KPID" -batch -ex "thread apply all bt" 2>/dev/null | grep -E "^#|^Thread" | head -60 >&2
        kill -9 "$KPID"
    fi
    wait "$KPID" 2>/dev/null
    KPID=
}
kstart
wait_for 20 'grep -q "sync: online" "$T/k.err"' && ok "the kiosk is online" ||
    not_ok "kiosk not online: $(tail -3 "$T/k.err")"
sleep 1 # in its long poll

# --- 1. The kiosk's disk is full when changes come: nothing applied, said, retried.
add_regs() { # FIRST LAST: registrations NEW-FIRST..NEW-LAST imported at the hub
    printf 'id,name,country,category,language,attendance\n' >"$T/new.csv"
    for i in $(seq "$1" "$2"); do printf 'NEW-%d,Person New %d,SN,participant,fr,onsite\n' "$i" "$i"; done >>"$T/new.csv"
    ly --db "$HUB" import registrations "$T/new.csv" >/dev/null
}
new_on_kiosk() { kq "SELECT count(*) FROM attendees WHERE id IN ($(hubq "SELECT group_concat(id) FROM registrations WHERE ext_id LIKE 'NEW-%'"))"; }
CURSOR=$(kq "SELECT value FROM meta WHERE key = 'sync_cursor'")
fill "$T/kd"
[ "$(avail_kb "$T/kd")" -lt 8 ] && ok "the kiosk's disk is full ($(avail_kb "$T/kd") KiB free)" ||
    not_ok "kiosk disk: $(avail_kb "$T/kd") KiB free"
check "three registrations added at the hub" add_regs 1 3
wait_for 20 'grep -q "sync: storage: the hub.s changes .*could not be stored, the data stays as it was: .*full" "$T/k.err"' &&
    ok "the kiosk says the hub's changes could not be stored (disk full), in state storage" ||
    not_ok "no line about the changes: $(tail -3 "$T/k.err")"
[ "$(new_on_kiosk)" = 0 ] && [ "$(kq "SELECT value FROM meta WHERE key = 'sync_cursor'")" = "$CURSOR" ] &&
    [ "$(kq "SELECT count(*) FROM attendees")" = "$REGS" ] &&
    ok "its data and cursor are as they were" || not_ok "kiosk data changed: $(new_on_kiosk) new"
alive "$KPID" && ok "the kiosk runs on" || not_ok "the kiosk died: $(tail -5 "$T/k.err")"
unfill "$T/kd"
t0=$SECONDS
wait_for 45 '[ "$(new_on_kiosk)" = 3 ]' &&
    ok "space back: the kiosk applies the changes by itself, no restart ($((SECONDS - t0)) s)" ||
    not_ok "changes not applied after the disk was freed: $(tail -3 "$T/k.err")"

# --- 2. A snapshot: no room to download it, then room to download but not to merge. A kiosk
# whose cursor is 0 starts from a snapshot; it starts while it has room (a kiosk cannot open
# its database on a full disk: t_kiosk_faults) and while the hub is away, and the disk fills
# before the hub comes back.
kstop
kill -TERM "$HUB_PID" && wait "$HUB_PID" 2>/dev/null
check "two more registrations at the hub" add_regs 4 5
kq "UPDATE meta SET value = 0 WHERE key = 'sync_cursor'"
before=$(kq "SELECT count(*), sum(id), max(badge_version) FROM attendees")
kstart
wait_for 20 'grep -q "sync: offline" "$T/k.err"' || not_ok "the kiosk did not notice the hub away"
fill "$T/kd"
hub_start() {
    "$LY_BIN/lanyard-hub" --db "sqlite:$HUB" --listen "127.0.0.1:$PORT" --pool 3 --log-requests no \
        2>>"$T/hub.log" 7>&- & # not a writer of the kiosk's FIFO: its end must end the kiosk
    HUB_PID=$!
    local want=$1
    wait_for 20 '[ "$(grep -c "msg=listening" "$T/hub.log")" -ge "$want" ]'
}
hub_start 2 && ok "the hub is back on port $PORT" || not_ok "hub restart: $(tail -3 "$T/hub.log")"
wait_for 45 'grep -q "download could not be written to this kiosk.s disk: No space left" "$T/k.err"' &&
    ok "no room for the snapshot: the kiosk says so" || not_ok "snapshot download: $(tail -3 "$T/k.err")"
ly --db "$HUB" kiosk-snapshot --out "$T/probe.db" >/dev/null
SNAP_KB=$(($(stat -c %s "$T/probe.db") / 1024))
unfill "$T/kd"
fill "$T/kd" $((SNAP_KB + 160)) # the download and its index fit; the merge's log does not
wait_for 45 'grep -q "sync: storage: the hub.s snapshot could not be stored, the data stays as it was: .*full" "$T/k.err"' &&
    ok "room for the download ($SNAP_KB KiB) but not the merge: the kiosk says so (storage)" ||
    not_ok "snapshot merge: $(tail -3 "$T/k.err")"
[ "$(kq "SELECT count(*), sum(id), max(badge_version) FROM attendees")" = "$before" ] &&
    [ "$(kq "SELECT value FROM meta WHERE key = 'sync_cursor'")" = 0 ] &&
    ok "its data is as it was (no half merge)" || not_ok "kiosk data changed by a failed merge"
alive "$KPID" && ok "the kiosk runs on" || not_ok "the kiosk died: $(tail -5 "$T/k.err")"
unfill "$T/kd"
wait_for 45 '[ "$(new_on_kiosk)" = 5 ] && [ "$(kq "SELECT value FROM meta WHERE key = '"'sync_cursor'"'")" -gt 0 ]' &&
    grep -q "snapshot loaded" "$T/k.err" &&
    ok "space back: the snapshot loads by itself" || not_ok "no snapshot after the disk was freed: $(tail -3 "$T/k.err")"

# --- 3. The hub's disk is full while the kiosk uploads: 503, nothing stored, retried.
mapfile -t IDS < <(hubq "SELECT id FROM registrations WHERE attendance = 'onsite' AND category = 'participant' ORDER BY id LIMIT 8")
for id in "${IDS[@]}"; do ly --db "$HUB" badge code "$id"; done >"$T/codes"
decided() { grep -c '"decision"' "$T/k.out"; }
hub_rows() { hubq "SELECT count(*) FROM checkins"; }
HUB_BEFORE=$(hub_rows)
fill "$T/hd"
want=$(($(decided) + 8))
cat "$T/codes" >&7
wait_for 20 '[ "$(decided)" -ge "$want" ]'
[ "$(grep '"decision"' "$T/k.out" | tail -8 | grep -c '"decision":"granted"')" = 8 ] &&
    ok "the kiosk grants 8 attendees (its own disk has room)" || not_ok "decisions: $(tail -8 "$T/k.out")"
wait_for 20 'grep -q "push: HTTP 503 unavailable" "$T/k.err"' &&
    ok "the hub answers the upload 503 (its disk is full)" || not_ok "no 503: $(tail -3 "$T/k.err")"
answers_503 "$U" "$K"
waits_as_told "$T/k.err"
# Reads need no write: the kiosk's pulls are served while the disk is full (its last contact is
# not recorded then, and the log says so).
changes_ok() {
    [ "$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $("$LY_ROOT/build/tools/kiosktoken" "$K")" \
        "$U/api/v1/changes?since=0&limit=1")" = 200 ]
}
sleep 5 # past the hub's interval between two records of a kiosk's contact
wait_for 10 changes_ok && grep -q "msg=\"contact not recorded\"" "$T/hub.log" &&
    ok "the hub still serves changes (a read) with its disk full" ||
    not_ok "changes with the hub's disk full: $(tail -2 "$T/hub.log")"
[ "$(hub_rows)" = "$HUB_BEFORE" ] && ok "the hub stored nothing of the batch" ||
    not_ok "the hub stored $(($(hub_rows) - HUB_BEFORE)) of a batch it refused"
[ "$(kq "SELECT count(*) FROM checkins WHERE sent = 0")" = 8 ] && ok "the kiosk keeps the 8 unsent" ||
    not_ok "unsent: $(kq "SELECT count(*) FROM checkins WHERE sent = 0")"
grep -q 'msg=database' "$T/hub.log" && grep -q "full" "$T/hub.log" &&
    ok "the hub's log says why (disk full)" || not_ok "hub log: $(tail -3 "$T/hub.log")"
alive "$HUB_PID" && ok "the hub runs on" || not_ok "the hub died: $(tail -5 "$T/hub.log")"

# --- 4. The kiosk's disk fills, then the hub's frees: the hub stores, the kiosk cannot mark.
fill "$T/kd"
unfill "$T/hd"
wait_for 45 '[ "$(hub_rows)" = $((HUB_BEFORE + 8)) ]' &&
    ok "space back at the hub: the kiosk's retry is accepted" || not_ok "hub rows: $(hub_rows)"
wait_for 20 'grep -q "sync: storage: .*could not be marked sent here" "$T/k.err"' &&
    ok "the kiosk says it could not mark them sent (disk full), in state storage" || not_ok "mark sent: $(tail -3 "$T/k.err")"
[ "$(kq "SELECT count(*) FROM checkins WHERE sent = 0")" = 8 ] &&
    ok "so they stay unsent: nothing marked that is not recorded" || not_ok "unsent: $(kq "SELECT count(*) FROM checkins WHERE sent = 0")"
unfill "$T/kd"
wait_for 45 '[ "$(kq "SELECT count(*) FROM checkins WHERE sent = 0")" = 0 ]' &&
    ok "space back at the kiosk: all marked sent" || not_ok "still unsent: $(kq "SELECT count(*) FROM checkins WHERE sent = 0")"
kq "SELECT uuid FROM checkins" | sort >"$T/journal"
hubq "SELECT uuid FROM checkins" | sort >"$T/stored"
[ "$(comm -23 "$T/journal" "$T/stored" | wc -l)" = 0 ] && [ -z "$(uniq -d "$T/stored")" ] &&
    [ "$(wc -l <"$T/stored")" = $((HUB_BEFORE + 8)) ] &&
    ok "every journaled check-in is at the hub exactly once" || not_ok "journal and hub differ"
alive "$KPID" && alive "$HUB_PID" && ok "kiosk and hub ran through every fault" || not_ok "a process died"
kstop
[ "$(kq "PRAGMA integrity_check")" = ok ] && [ "$(hubq "PRAGMA integrity_check")" = ok ] &&
    ok "both databases pass integrity_check" || not_ok "integrity"

# --- 5. The organizer's import on a disk that fills in the middle: all or nothing.
kill -TERM "$HUB_PID" && wait "$HUB_PID" 2>/dev/null
HUB_PID=
printf 'id,name,name_latin,affiliation,country,category,language,attendance\n' >"$T/big.csv"
for i in $(seq 1 3000); do
    printf 'BIG-%04d,Participant %d with a long enough name,,Organisation number %d of the forum,KE,participant,en,onsite\n' "$i" "$i" "$i"
done >>"$T/big.csv"
rows=$(hubq "SELECT count(*), sum(id) FROM registrations")
fill "$T/hd" 64
expect "import on a disk that fills: exit 1" 1 ly --db "$HUB" import registrations "$T/big.csv"
grep -q "^import of $T/big.csv failed: .*nothing was imported" "$T/err" &&
    grep -q "big.csv:.*database.*full" "$T/err" &&
    ok "the error names the file, the cause and that nothing was imported" || not_ok "import: $(cat "$T/err")"
[ "$(hubq "SELECT count(*), sum(id) FROM registrations")" = "$rows" ] && [ "$(hubq "PRAGMA integrity_check")" = ok ] &&
    ok "the organizer database is as before and whole" || not_ok "after a failed import: $(hubq "SELECT count(*) FROM registrations")"
unfill "$T/hd"
expect "with space, the same import works" 0 ly --db "$HUB" import registrations "$T/big.csv"
[ "$(hubq "SELECT count(*) FROM registrations WHERE ext_id LIKE 'BIG-%'")" = 3000 ] &&
    ok "all 3000 imported" || not_ok "imported: $(hubq "SELECT count(*) FROM registrations WHERE ext_id LIKE 'BIG-%'")"
finish
