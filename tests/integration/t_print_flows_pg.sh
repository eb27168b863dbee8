#!/bin/bash
# t_print_flows_pg.sh - t_print_flows.sh with the hub on PostgreSQL: a private PostgreSQL server
# (pg.sh) started for this test, one empty database, the same checks.
. "$(dirname "$0")/pg.sh"
pg_wrap t_print_flows print_flows
