#!/bin/bash
# t_sealed_pg.sh - t_sealed.sh with the hub on PostgreSQL: a private PostgreSQL server (pg.sh)
# started for this test, one empty database filled by `lanyard load`, the same checks.
. "$(dirname "$0")/pg.sh"
pg_wrap t_sealed sealed
