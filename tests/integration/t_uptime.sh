#!/bin/bash
# t_uptime.sh - the uptime run of `make soak` (tests/soak/uptime.sh), short: one hub and four
# kiosks through three event days of 2,500 check-ins each with no restart, two dashboards on the
# live stream and badges revoked and restored meanwhile. Nothing reported may be lost or stored
# twice, and the memory, open files, threads and write-ahead logs of every program must stay
# bounded after the first day. It runs the release build (bin/, built by `make test` like
# t_kiosk_faults): AddressSanitizer keeps freed memory in quarantine, so resident memory under it
# grows by design.
. "$(dirname "$0")/lib.sh"
[ -x "$LY_ROOT/bin/lanyard-kiosk" ] || { not_ok "no release build in $LY_ROOT/bin (make programs)"; finish; }
LY_SOAK_BIN=$LY_ROOT/bin LY_UPTIME_DAYS=3 LY_UPTIME_DAY=2500 LY_SOAK_RATE=50 LY_SOAK_PEOPLE=400 \
    timeout 300 "$LY_ROOT/tests/soak/uptime.sh" >"$T/out" 2>"$T/err"
rc=$?
sed 's/^/# /' "$T/out"
grep -q "lost: 0 .*counted twice: 0; unknown at the hub: 0" "$T/out" &&
    ok "three days without a restart: nothing lost, nothing twice" ||
    not_ok "check-ins lost or doubled (exit $rc): $(tail -3 "$T/err")"
grep -q "^  bounded: yes" "$T/out" && ok "memory, open files, threads and write-ahead logs bounded" ||
    not_ok "not bounded: $(grep 'NOT BOUNDED' "$T/out") $(tail -2 "$T/err")"
[ $rc = 0 ] && ok "the uptime run passed" || not_ok "the uptime run failed (exit $rc)"
finish
