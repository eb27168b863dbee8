#!/bin/bash
# t_kiosk_faults.sh - a full disk and a failing disk under a running kiosk, with libfiu (Debian's
# fiu-utils): the headless kiosk runs under fiu-run's POSIX preload, and fiu-ctrl turns failure
# points on and off in the running process while badges arrive. While pwrite fails with ENOSPC
# (the SD card is full), and then while fsync fails with EIO (the card is failing), no decision
# is reported as granted: each one is an error (journal_failed) with a line in the log; once the
# fault is gone the same process decides again, with no restart. Afterwards every grant it
# reported is in the journal, the sequence has no hole and the file passes integrity_check.
#
# libfiu's preload library and AddressSanitizer cannot share a process (ASan must come first
# and both wrap the C library), so this test runs the release build (bin/lanyard-kiosk, built by
# `make test` beside the sanitized one).
. "$(dirname "$0")/lib.sh"
KIOSK=$LY_ROOT/bin/lanyard-kiosk AT=2026-06-02T10:00
if ! command -v fiu-run >/dev/null || ! command -v fiu-ctrl >/dev/null; then
    skip "fiu-utils not installed (board/deps.sh test installs it)"
    finish
fi
[ -x "$KIOSK" ] || { not_ok "no release kiosk at $KIOSK (make programs)"; finish; }
KPID=
cleanup() {
    exec 7>&- 2>/dev/null
    [ -n "$KPID" ] && kill -9 "$KPID" 2>/dev/null
    [ -n "${LY_KEEP:-}" ] || rm -rf "$T"
}
trap cleanup EXIT

check "demo forum of 60" ly --db "$T/hub.db" demo-data --count 60 --start 2026-06-01
check "kiosk snapshot" ly --db "$T/hub.db" kiosk-snapshot --out "$T/k.db"
mapfile -t IDS < <(sqlite3 "$T/hub.db" "SELECT id FROM registrations WHERE attendance = 'onsite'
    AND category = 'participant' ORDER BY id LIMIT 12")
CODES=()
for id in "${IDS[@]}"; do CODES+=("$(ly --db "$T/hub.db" badge code "$id")"); done
[ ${#CODES[@]} -eq 12 ] && ok "12 attendees' badges" || not_ok "badges: ${#CODES[@]}"

mkfifo "$T/feed"
fiu-run -x -f "$T/ctrl" "$KIOSK" --headless --db "$T/k.db" --gate entrance \
    --source "wedge:$T/feed" --holdoff 0 --at "$AT" >"$T/out" 2>"$T/err" &
KPID=$!
exec 7>"$T/feed"
decided() { grep -c '"decision"' "$T/out" 2>/dev/null; }
# feed N_FROM N_TO: sends those badges, waits until each is decided (at most 10 s)
feed() {
    local want=$(($(decided) + $2 - $1 + 1))
    for i in $(seq "$1" "$2"); do printf '%s\n' "${CODES[$i]}" >&7; done
    for _ in $(seq 100); do [ "$(decided)" -ge "$want" ] && return 0; sleep 0.1; done
    return 1
}
ctl() { fiu-ctrl -f "$T/ctrl" -c "$1" "$KPID"; }
# decisions FROM TO: the decisions of lines FROM..TO of the output, one word each
decisions() { grep '"decision"' "$T/out" | sed -n "$1,$2p" | grep -o '"decision":"[a-z_]*"' | cut -d'"' -f4 | tr '\n' ' '; }

feed 0 2 && [ "$(decisions 1 3)" = "granted granted granted " ] &&
    ok "before any fault: three grants" || not_ok "before: $(decisions 1 3) $(tail -2 "$T/err")"

# The card is full: every write fails with ENOSPC (28).
ctl "enable name=posix/io/rw/pwrite,failinfo=28" && ctl "enable name=posix/io/rw/pwrite64,failinfo=28" &&
    ok "ENOSPC on every write" || not_ok "fiu-ctrl: could not enable the failure"
feed 3 5
[ "$(decisions 4 6)" = "error error error " ] &&
    [ "$(grep '"decision"' "$T/out" | sed -n 4,6p | grep -c '"reason_code":"journal_failed"')" = 3 ] &&
    ok "disk full: no grant shown, each decision an error (journal_failed)" ||
    not_ok "disk full: $(decisions 4 6)"
grep -q "could not journal a decision, none reported: .*full" "$T/err" &&
    ok "the log says the disk is full" || not_ok "log: $(tail -3 "$T/err")"
ctl "disable name=posix/io/rw/pwrite" && ctl "disable name=posix/io/rw/pwrite64"
feed 3 5
[ "$(decisions 7 9)" = "granted granted granted " ] &&
    ok "space is back: the same badges are granted, no restart" || not_ok "after ENOSPC: $(decisions 7 9)"

# The card fails its flushes: fsync and fdatasync fail with EIO (5).
ctl "enable name=posix/io/sync/fsync,failinfo=5" && ctl "enable name=posix/io/sync/fdatasync,failinfo=5"
feed 6 8
[ "$(decisions 10 12 | grep -c granted)" = 0 ] &&
    ok "failing syncs: no grant shown ($(decisions 10 12))" || not_ok "EIO: $(decisions 10 12)"
ctl "disable name=posix/io/sync/fsync" && ctl "disable name=posix/io/sync/fdatasync"
feed 9 11
[ "$(decisions 13 15)" = "granted granted granted " ] &&
    ok "syncs work again: granted, no restart" || not_ok "after EIO: $(decisions 13 15) $(tail -3 "$T/err")"
kill -0 "$KPID" 2>/dev/null && ok "the kiosk ran through both faults" || not_ok "the kiosk died"

exec 7>&-
wait "$KPID"
rc=$?
KPID=
[ $rc -eq 1 ] && grep -q "source ended after 9 decisions (some could not be journaled)" "$T/err" &&
    ok "at the end of its source the kiosk exits 1: some decisions could not be journaled" ||
    not_ok "exit $rc: $(tail -3 "$T/err")"
# Every grant reported is journaled, as the journal's own entry (its sequence number).
missing=0
while read -r seq; do
    [ "$(sqlite3 "$T/k.db" "SELECT decision FROM checkins WHERE seq = $seq")" = granted ] ||
        missing=$((missing + 1))
done < <(grep '"decision":"granted"' "$T/out" | grep -o '"seq":[0-9]*' | cut -d: -f2)
[ "$missing" = 0 ] && [ "$(grep -c '"decision":"granted"' "$T/out")" = 9 ] &&
    [ "$(sqlite3 "$T/k.db" "SELECT count(*) FROM checkins")" = 9 ] &&
    ok "the 9 grants reported are in the journal, and nothing else: no entry for a decision shown as an error" ||
    not_ok "$missing reported grants missing; $(sqlite3 "$T/k.db" "SELECT count(*) FROM checkins") rows"
[ "$(sqlite3 "$T/k.db" "PRAGMA integrity_check")" = ok ] &&
    [ "$(sqlite3 "$T/k.db" "SELECT count(*) = max(seq) FROM checkins")" = 1 ] &&
    ok "the file passes integrity_check; the sequence has no hole" ||
    not_ok "integrity: $(sqlite3 "$T/k.db" "PRAGMA integrity_check" | head -3)"
finish
