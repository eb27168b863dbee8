# pg.sh - sourced by the tests that need PostgreSQL: a private PostgreSQL 15 server for one test,
# in a temporary folder, listening only on a Unix socket in that folder (no TCP port at all).
# Run as root, the server runs as the postgres user (it refuses to run as root). Bounded in
# time: pg_start gives up after 30 s. Durability is off (fsync): the tests kill hubs, never the
# server, and a test's data is thrown away with the folder.
#
#   pg_start            starts the server; sets PG_DIR, PG_HOST (the socket folder); 0 on success,
#                       1 when it failed (its log on stderr), 2 when PostgreSQL is not installed
#   pg_newdb NAME       creates the database NAME and prints its URL (postgresql:///NAME?host=...)
#   pg_stop             stops the server and removes the folder (call it from the EXIT trap)
#   pg_pause, pg_resume stop the server keeping its data, and start it again (fault tests)
#   pg_sql URL SQL      runs SQL, prints rows unaligned without headers
#
# LY_PG_FSYNC=on keeps fsync on (the benchmark measures with it).
PG_BIN=${LY_PG_BIN:-/usr/lib/postgresql/15/bin}
PG_DIR= PG_HOST= PG_USER=lanyard

# as_pg CMD...: runs CMD as the server's owner.
as_pg() {
    if [ "$(id -u)" -eq 0 ]; then
        runuser -u postgres -- "$@"
    else
        "$@"
    fi
}

pg_start() {
    [ -x "$PG_BIN/initdb" ] && [ -x "$PG_BIN/pg_ctl" ] || return 2
    if [ "$(id -u)" -eq 0 ] && ! id postgres >/dev/null 2>&1; then
        return 2
    fi
    PG_DIR=$(mktemp -d "${TMPDIR:-/tmp}/lanyard-pg.XXXXXX") || return 1
    chmod 755 "$PG_DIR"
    [ "$(id -u)" -eq 0 ] && chown postgres: "$PG_DIR"
    PG_HOST=$PG_DIR
    if ! as_pg timeout 60 "$PG_BIN/initdb" -D "$PG_DIR/data" -U "$PG_USER" -A trust -E UTF8 \
        --locale=C.UTF-8 --no-sync >"$PG_DIR/initdb.log" 2>&1; then
        cat "$PG_DIR/initdb.log" >&2
        return 1
    fi
    pg_resume
}

# pg_pause: stops the server (fast: its clients see their connections end), keeping its data;
# pg_resume starts it again on the same socket. 0 on success.
pg_pause() {
    as_pg timeout 30 "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -m fast -w -t 20 stop >/dev/null 2>&1
}

pg_resume() {
    local fsync=${LY_PG_FSYNC:-off}
    if ! as_pg timeout 40 "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/server.log" -w -t 30 \
        -o "-c listen_addresses='' -c unix_socket_directories='$PG_DIR' -c fsync=$fsync \
            -c full_page_writes=$fsync -c max_connections=200 -c shared_buffers=128MB" \
        start >/dev/null 2>&1; then
        cat "$PG_DIR/server.log" >&2
        return 1
    fi
    return 0
}

pg_newdb() {
    psql -q -X -h "$PG_HOST" -U "$PG_USER" -d postgres -c "CREATE DATABASE \"$1\"" \
        >/dev/null || return 1
    echo "postgresql://$PG_USER@/$1?host=$PG_HOST"
}

pg_sql() { psql -Atq -X -v ON_ERROR_STOP=1 "$1" -c "$2"; }

pg_stop() {
    [ -n "$PG_DIR" ] || return 0
    as_pg timeout 30 "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -m immediate -w -t 20 stop >/dev/null 2>&1
    rm -rf "$PG_DIR"
    PG_DIR=
}

# pg_wrap TEST DBNAME: runs tests/integration/TEST.sh with its hub on a private PostgreSQL
# server, started here, and a fresh database DBNAME on it (the test's checks, unchanged, against
# the other backend); skips when PostgreSQL is not installed. Does not return.
pg_wrap() {
    local rc url
    trap pg_stop EXIT
    pg_start
    rc=$?
    if [ $rc -eq 2 ]; then
        echo "skip - $1 on PostgreSQL: PostgreSQL 15 is not installed (board/deps.sh test)"
        exit 0
    fi
    [ $rc -eq 0 ] || { echo "not ok - a private PostgreSQL server did not start"; exit 1; }
    url=$(pg_newdb "$2") || { echo "not ok - could not create the test database"; exit 1; }
    LY_HUB_DB=$url bash "$(dirname "$0")/$1.sh"
    exit $?
}

# Run as a program (by the unit tests): `pg.sh start [PID]` starts a server, creates the
# database "unit" and prints "FOLDER URL"; `pg.sh stop FOLDER` stops it. With PID, the server is
# also stopped once that process has ended (a test that crashed leaves no server behind).
# Exit 2: PostgreSQL is not installed.
if [ "${BASH_SOURCE[0]}" = "$0" ]; then
    case ${1:-} in
    start)
        pg_start >&2
        rc=$?
        [ $rc -eq 0 ] || { pg_stop; exit $rc; }
        url=$(pg_newdb unit) || { pg_stop; exit 1; }
        if [ -n "${2:-}" ]; then
            (while kill -0 "$2" 2>/dev/null; do sleep 1; done; pg_stop) </dev/null >/dev/null 2>&1 &
        fi
        echo "$PG_DIR $url"
        ;;
    stop)
        PG_DIR=${2:-}
        case $PG_DIR in */lanyard-pg.*) pg_stop ;; *) exit 2 ;; esac
        ;;
    *) echo "usage: pg.sh start | stop FOLDER" >&2; exit 2 ;;
    esac
fi
