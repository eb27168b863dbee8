#!/bin/bash
# t_peer_pg.sh - t_peer.sh with the hub on PostgreSQL: a private PostgreSQL server (pg.sh) started
# for this test, one empty database, the same checks (the conflicts too).
. "$(dirname "$0")/pg.sh"
pg_wrap t_peer peer
