#!/bin/bash
# t_occupancy_pg.sh - t_occupancy.sh with the hub on PostgreSQL: a private PostgreSQL server
# (pg.sh) started for this test, one empty database, the same checks.
. "$(dirname "$0")/pg.sh"
pg_wrap t_occupancy occupancy
