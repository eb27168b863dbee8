#!/bin/bash
# t_sealed_pg.sh - t_sealed.sh with the hub on PostgreSQL: a private PostgreSQL server (pg.sh)
# started for this test, one empty database filled by `lanyard load`, the same checks.
. "$(dirname "$0")/pg.sh"
trap pg_stop EXIT
pg_start
rc=$?
if [ $rc -eq 2 ]; then
    echo "skip - t_sealed on PostgreSQL: PostgreSQL 15 is not installed (board/deps.sh test)"
    exit 0
fi
[ $rc -eq 0 ] || { echo "not ok - a private PostgreSQL server did not start"; exit 1; }
URL=$(pg_newdb sealed) || { echo "not ok - could not create the test database"; exit 1; }
LY_HUB_DB=$URL bash "$(dirname "$0")/t_sealed.sh"
