#!/bin/bash
# t_hub_accepts_pg.sh - t_hub_accepts.sh with the hub on PostgreSQL: a private PostgreSQL server
# (pg.sh) started for this test, one empty database, the same checks.
. "$(dirname "$0")/pg.sh"
pg_wrap t_hub_accepts accepts
