#!/bin/bash
# t_rauc_install.sh - board/rauc/install-test.sh: RAUC installs signed bundles into A/B slots on
# loop devices through `rauc service` on a private D-Bus bus, refuses tampered ones, mark-good
# marks the booted slot, and the bootloader stand-in falls back after failed boots (its lines
# are passed on). Then that nothing of it is left: no loop device on its files, no mount, no
# process, no folder; also when it is stopped by SIGTERM with everything up (and, to show that
# check can fail, that it finds what a SIGKILL leaves). Skips (its skip line) without root,
# rauc, dbus-daemon or loop devices.
. "$(dirname "$0")/lib.sh"
S=$LY_ROOT/board/rauc/install-test.sh
export LY_RAUC_TEST_KEYS=$T/keys

# procs WORK: "PID COMMAND LINE" of each process whose command line names a file in WORK (from
# /proc: procps is not in a minimal Debian).
procs() {
    local d c
    for d in /proc/[0-9]*; do
        c=$(tr '\0' ' ' 2>/dev/null <"$d/cmdline") || continue
        case $c in *"$1/"*) echo "${d#/proc/} $c" ;; esac
    done
}
# left WORK: what of a run in WORK is still there.
left() {
    local w=$1
    losetup -n -l -O NAME,BACK-FILE 2>/dev/null | awk -v w="$w/" 'index($2, w) == 1 { print "loop " $1 }'
    awk -v w="$w/" 'index($2, w) == 1 { print "mount " $2 }' /proc/mounts
    procs "$w" | sed 's/^/process /'
    [ -e "$w" ] && echo "folder $w"
}
no_leftovers() { # NAME OUTFILE
    local w
    w=$(sed -n 's/^# work folder: //p' "$2")
    if [ -z "$w" ]; then not_ok "$1: no work folder named"; return; fi
    local l
    l=$(left "$w")
    [ -z "$l" ] && ok "$1: nothing left (loop devices, mounts, service, bus, folder)" || not_ok "$1: left: $l"
}

timeout 120 bash "$S" >"$T/run.out" 2>"$T/run.err"
rc=$?
grep -E '^(ok|not ok|skip) - ' "$T/run.out"
if grep -q '^skip - RAUC install test' "$T/run.out"; then finish; fi
if [ $rc -eq 0 ]; then ok "install-test.sh passes ($(sed -n 's/^# \([0-9]* s\)$/\1/p' "$T/run.out"))"; else
    not_ok "install-test.sh exit $rc"
    tail -20 "$T/run.err" | sed 's/^/    /' >&2
fi
grep -q '^not ok' "$T/run.out" && ly_failed=$((ly_failed + 1))
no_leftovers "after a whole run" "$T/run.out"

# Stopped by a signal after the first install, with the service, the bus and the slots up.
LY_RAUC_TEST_STOP_AFTER=install timeout 120 bash "$S" >"$T/stop.out" 2>"$T/stop.err"
rc=$?
[ $rc -eq 143 ] && grep -q '^ok - B is primary' "$T/stop.out" && ok "install-test.sh stopped by SIGTERM after an install (exit 143)" ||
    not_ok "stopped run: exit $rc, $(grep -c '^ok' "$T/stop.out") checks passed"
no_leftovers "after SIGTERM" "$T/stop.out"

# Over its time limit, the script stops itself, and cleans up as well.
LY_RAUC_TEST_LIMIT=3 timeout 120 bash "$S" >"$T/limit.out" 2>&1
rc=$?
[ $rc -eq 143 ] && grep -q '^not ok - RAUC install test: over 3 s, stopped' "$T/limit.out" &&
    ok "install-test.sh stops itself over LY_RAUC_TEST_LIMIT (exit 143)" || not_ok "over the limit: exit $rc"
no_leftovers "after the limit" "$T/limit.out"

# The leftover check can fail: killed with SIGKILL, the script cannot clean up; what it left is
# named, then removed here (its processes by their ids, its loop devices, its folder).
(LY_RAUC_TEST_STOP_AFTER=install-kill timeout 120 bash "$S" >"$T/kill.out" 2>&1; exit $?) 2>/dev/null
w=$(sed -n 's/^# work folder: //p' "$T/kill.out")
l=$(left "$w")
if ! grep -q '^# LY_RAUC_TEST_STOP_AFTER=install-kill' "$T/kill.out"; then
    # the run ended before its kill point: there is nothing to find, and no finding to check
    skip "the SIGKILL run ended before its kill point: $(grep -E '^not ok' "$T/kill.out" | head -1)$(tail -1 "$T/kill.out")"
else
    grep -q '^loop ' <<<"$l" && grep -q '^process .*rauc' <<<"$l" &&
        grep -q '^process .*dbus-daemon' <<<"$l" &&
        ok "after SIGKILL the check names the loop devices, the service and the bus left behind" ||
        not_ok "after SIGKILL, left: '$l' (work folder '$w'; losetup: $(losetup -n -l -O NAME,BACK-FILE | tr '\n' ' '))"
fi
for p in $(procs "$w" | cut -d' ' -f1); do kill "$p" 2>/dev/null; done
for _ in $(seq 50); do [ -z "$(procs "$w")" ] && break; sleep 0.1; done
awk -v w="$w/" 'index($2, w) == 1 { print $2 }' /proc/mounts | tac | while read -r m; do umount "$m" || umount -l "$m"; done
for d in $(losetup -n -l -O NAME,BACK-FILE | awk -v w="$w/" 'index($2, w) == 1 { print $1 }'); do losetup -d "$d"; done
[ -n "$w" ] && [ -d "$w" ] && rm -rf --one-file-system "$w"
l=$(left "$w")
[ -z "$l" ] && ok "and removed here" || not_ok "could not remove: $l"
finish
