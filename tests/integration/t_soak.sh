#!/bin/bash
# t_soak.sh - the soak of `make soak` (tests/soak/soak.sh), short: four kiosks and one hub over
# SQLite, then two hubs over PostgreSQL, each with 2,000 check-ins, 40 SIGKILLs of kiosks and
# hubs, network faults and skewed clocks, on the sanitized programs. Nothing reported may be
# lost or stored twice, and every journal must pass integrity_check.
. "$(dirname "$0")/lib.sh"
for backend in sqlite pg; do
    LY_SOAK_BIN=$LY_BIN LY_SOAK_BACKEND=$backend LY_SOAK_CHECKINS=2000 LY_SOAK_KILLS=40 \
        LY_SOAK_RATE=40 LY_SOAK_PEOPLE=150 LY_SOAK_SECONDS=240 timeout 400 "$LY_ROOT/tests/soak/soak.sh" >"$T/$backend.out" 2>"$T/$backend.err"
    rc=$?
    sed 's/^/# /' "$T/$backend.out"
    [ $rc -eq 0 ] && grep -q "lost: 0 .*counted twice: 0; unknown at the hub: 0" "$T/$backend.out" &&
        grep -q "kills: 40 " "$T/$backend.out" &&
        ok "$backend: 40 kills, network faults, skewed clocks: nothing lost, nothing twice" ||
        not_ok "$backend: exit $rc: $(tail -3 "$T/$backend.err") $(cat "$T/$backend.out")"
done
finish
