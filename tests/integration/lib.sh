# lib.sh - sourced by the integration tests. Each check prints one TAP-style line counted by
# tests/run.sh. LY_BIN is the folder holding the programs under test (sanitizer builds in
# `make test`); every test works in its own temporary folder, removed at exit.
set -u
: "${LY_BIN:=bin}"
LY_ROOT=$(cd "$(dirname "$0")/../.." && pwd)
T=$(mktemp -d "${TMPDIR:-/tmp}/lanyard-test.XXXXXX")
trap 'rm -rf "$T"' EXIT
ly_failed=0

ok() { echo "ok - $*"; }
not_ok() { echo "not ok - $*"; ly_failed=$((ly_failed + 1)); }
skip() { echo "skip - $*"; } # a check that cannot run here, and why

# check NAME CMD...: passes when CMD exits 0.
check() {
    name=$1; shift
    if "$@" >"$T/.out" 2>&1; then ok "$name"; else not_ok "$name"; sed 's/^/    /' "$T/.out" | head -40 >&2; fi
}

# check_fails NAME CMD...: passes when CMD exits non-zero.
check_fails() {
    name=$1; shift
    if "$@" >"$T/.out" 2>&1; then not_ok "$name (unexpected success)"; sed 's/^/    /' "$T/.out" | head -20 >&2; else ok "$name"; fi
}

# expect NAME STATUS CMD...: passes when CMD exits with STATUS; output in $T/out, $T/err.
expect() {
    local name=$1 want=$2; shift 2
    "$@" >"$T/out" 2>"$T/err"
    local rc=$?
    if [ "$rc" -eq "$want" ]; then ok "$name"; else
        not_ok "$name (exit $rc, expected $want)"; sed 's/^/    /' "$T/out" "$T/err" | head -20 >&2
    fi
}
# has NAME FILE TEXT: passes when FILE contains the line TEXT exactly.
has() {
    if grep -qxF -- "$3" "$2"; then ok "$1"; else
        not_ok "$1"; echo "    want: $3" >&2; sed 's/^/    got:  /' "$2" | head -20 >&2
    fi
}

ly() { "$LY_BIN/lanyard" "$@"; }

finish() { exit $((ly_failed > 0)); }

# wait_for SECONDS 'SHELL TEST' [POLL]: evaluates the test every POLL seconds (default 0.1) until
# it holds; false when time runs out.
wait_for() {
    local deadline=$((SECONDS + $1))
    until eval "$2" >/dev/null 2>&1; do
        [ $SECONDS -ge $deadline ] && return 1
        sleep "${3:-0.1}"
    done
}

# alive PID: the process runs (and is not a zombie).
alive() { [ -n "$(ps -p "$1" -o stat= 2>/dev/null | grep -v '^Z')" ]; }

# shift_enroll_code HUB_DB NAME SHIFT_MS: moves the times of kiosk NAME's unused enrollment code
# by SHIFT_MS, as if a hub run with LY_TEST_CLOCK_SHIFT_MS=SHIFT_MS had made it. `lanyard enroll`
# makes a code on the real clock and the hub judges it on its test clock: at night, the ten
# minutes a code is good for end before the hub's morning. HUB_DB: sqlite:FILE or a PostgreSQL URL.
shift_enroll_code() {
    local sql="UPDATE enroll_codes SET created_ms = created_ms + ($3), expires_ms = expires_ms + ($3)
        WHERE used_ms IS NULL AND name = '$2'"
    case $1 in
    sqlite:*) sqlite3 -cmd ".timeout 5000" "${1#sqlite:}" "$sql" ;;
    *) psql -Atq -X -v ON_ERROR_STOP=1 "$1" -c "$sql" >/dev/null ;;
    esac
}

# journal_whole DB REPORTED GATE: after crashes, the journal holds at least the REPORTED
# decisions and no half-written row (every row has its uuid, decision, kiosk and gate).
journal_whole() {
    local all half
    all=$(sqlite3 "$1" "SELECT count(*) FROM checkins")
    [ "$all" -ge "$2" ] && ok "journal holds $all check-ins, $2 reported" ||
        not_ok "journal holds $all check-ins, fewer than the $2 reported"
    half=$(sqlite3 "$1" "SELECT count(*) FROM checkins WHERE length(uuid) <> 36 OR decision = ''
        OR kiosk_id = '' OR gate <> '$3'")
    [ "$half" = 0 ] && ok "no half-written row" || not_ok "$half malformed rows"
}

# hub_scripts DB LOG: writes $T/start.sh PORT (a hub on DB in the background, its pid in
# $T/hub.pid, its log appended to LOG; waits until it listens) and $T/stop.sh (SIGTERM, waits),
# for tests that stop and start their hub (t_dashboard.sh, t_room_board.sh).
hub_scripts() {
    cat >"$T/start.sh" <<EOS
#!/bin/sh
n=\$(grep -c 'msg=listening' "$2" 2>/dev/null)
"$LY_BIN/lanyard-hub" --db "sqlite:$1" --listen "127.0.0.1:\$1" >/dev/null 2>>"$2" </dev/null &
echo \$! >"$T/hub.pid"
for _ in \$(seq 100); do [ "\$(grep -c 'msg=listening' "$2")" -gt "\${n:-0}" ] && exit 0; sleep 0.1; done
exit 1
EOS
    cat >"$T/stop.sh" <<EOS
#!/bin/sh
pid=\$(cat "$T/hub.pid")
kill -TERM "\$pid"
for _ in \$(seq 100); do kill -0 "\$pid" 2>/dev/null || exit 0; sleep 0.1; done
exit 1
EOS
    chmod +x "$T/start.sh" "$T/stop.sh"
}
