#!/bin/bash
# t_peer_pg.sh - t_peer.sh with the hub on PostgreSQL: a private PostgreSQL server (pg.sh) started
# for this test, one empty database, the same checks (the conflicts too).
. "$(dirname "$0")/pg.sh"
trap pg_stop EXIT
pg_start
rc=$?
if [ $rc -eq 2 ]; then
    echo "skip - t_peer on PostgreSQL: PostgreSQL 15 is not installed (board/deps.sh test)"
    exit 0
fi
[ $rc -eq 0 ] || { echo "not ok - a private PostgreSQL server did not start"; exit 1; }
URL=$(pg_newdb peer) || { echo "not ok - could not create the test database"; exit 1; }
LY_HUB_DB=$URL bash "$(dirname "$0")/t_peer.sh"
