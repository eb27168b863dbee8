#!/bin/bash
# night.sh - the tests at another time of day. CI runs whenever a change lands, and a test that
# runs the venue on the real clock passes only while the doors are open (08:00 to 19:00 in the
# demo event). This runs integration tests (all when none is named) with the wall clock
# (and the monotonic one, by the same amount) moved to the next HH:MM by libfaketime, for
# every program they start. Installs faketime when it is missing; a developer's tool, not part
# of `make test`. Build first (`make test-build`).
#
#   tests/tools/night.sh [--at HH:MM] [TEST...]   TEST: t_peer, t_sync...; none: every one
#
# Not the unit tests (they set their clocks) nor the fuzz harnesses (libFuzzer hangs under
# libfaketime, whose clock_gettime it calls before libfaketime is ready).
#
# man's seccomp sandbox refuses libfaketime's shared memory: it runs without it here
# (MAN_DISABLE_SECCOMP), else t_board's man page checks fail whatever the hour.
set -u
cd "$(dirname "$0")/../.." || exit 1
AT=01:30
if [ "${1:-}" = --at ]; then AT=$2; shift 2; fi
LIB=$(dpkg -L libfaketime 2>/dev/null | grep '/libfaketimeMT.so.1$')
if [ -z "$LIB" ]; then
    apt-get install -y faketime >/dev/null || { echo "night.sh: cannot install faketime" >&2; exit 2; }
    LIB=$(dpkg -L libfaketime | grep '/libfaketimeMT.so.1$')
fi
target=$(date -d "today $AT" +%s) || exit 2 # the next HH:MM to come
[ "$target" -gt "$(date +%s)" ] || target=$(date -d "tomorrow $AT" +%s)
export FAKETIME="+$((target - $(date +%s)))" LD_PRELOAD=$LIB
export MAN_DISABLE_SECCOMP=1
# libfaketime loads before the sanitizers' runtime
export ASAN_OPTIONS=verify_asan_link_order=0:detect_leaks=1:abort_on_error=0
export LSAN_OPTIONS=suppressions=$PWD/tests/lsan.supp:print_suppressions=0
echo "night.sh: the clock reads $(date '+%F %H:%M %Z')"
if [ $# -eq 0 ]; then
    for f in tests/integration/t_*.sh; do set -- "$@" "$(basename "$f" .sh)"; done
fi
export LY_BIN=$PWD/build/asan/bin
mkdir -p build/night
bad=0
for t in "$@"; do
    timeout 900 bash "tests/integration/$t.sh" >"build/night/$t.log" 2>&1
    rc=$?
    f=$(grep -c '^not ok' "build/night/$t.log")
    printf '%-22s exit %d, %d ok, %d not ok (build/night/%s.log)\n' "$t" "$rc" \
        "$(grep -c '^ok' "build/night/$t.log")" "$f" "$t"
    [ "$rc" -eq 0 ] && [ "$f" -eq 0 ] || bad=1
done
exit $bad
