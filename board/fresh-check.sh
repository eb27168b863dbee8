#!/bin/bash
# fresh-check.sh - the README's two commands on a fresh Debian 12 machine: makes a minimal Debian
# 12 root (debootstrap --variant=minbase bookworm) in a temporary folder, puts a clean clone of
# one commit of this repository in it, installs make (as .ci/run does) and nothing else, runs
# `make demo` and then `make test` there as root, prints the demo's result and the test runner's
# last line, and removes the root (every mount undone first, on failure and Ctrl-C too).
# Needs root, debootstrap (installed when missing), a Debian mirror and 4 GB; about 15 minutes on
# two cores. Logs, and the tests' own logs, stay in build/fresh-check/. See docs/fresh-check.md.
#
#   board/fresh-check.sh [options]
#   --rev REV          the commit to check (default: HEAD of this repository); uncommitted
#                      changes are not in it
#   --mirror URL       the Debian mirror (default $LY_FRESH_MIRROR or http://deb.debian.org/debian)
#   --security URL     the security mirror (default http://deb.debian.org/debian-security)
#   --logs DIR         where the logs go (default build/fresh-check in this repository)
#   --env NAME=VALUE   set in the root's environment (repeatable); by default it holds only
#                      HOME, PATH, USER, LOGNAME and SHELL (no LANG: the C locale)
#   --keep             keep the root afterwards, for a look inside (its mounts are undone)
#   --root DIR         run again in a root kept by --keep (not fresh: what the last run
#                      installed is still there), to try a fix quickly
set -euo pipefail
# One block, read whole before it runs: editing this file or checking out another commit while a
# check runs does not change the running one.
{
REPO=$(cd "$(dirname "$0")/.." && pwd)
SUITE=bookworm
MIRROR=${LY_FRESH_MIRROR:-http://deb.debian.org/debian}
SECURITY=${LY_FRESH_SECURITY:-http://deb.debian.org/debian-security}
REV=HEAD LOGS=$REPO/build/fresh-check KEEP=no ROOT= REUSE=no
ENVS=()

usage() {
    sed -n '/^#   board\/fresh-check.sh/,/^set -euo/p' "$0" | sed '$d; s/^#//' >&2
    exit 2
}
while [ $# -gt 0 ]; do
    case $1 in
    --rev) REV=${2:?}; shift 2 ;;
    --mirror) MIRROR=${2:?}; shift 2 ;;
    --security) SECURITY=${2:?}; shift 2 ;;
    --logs) LOGS=${2:?}; shift 2 ;;
    --env)
        case ${2:-} in [A-Za-z_]*=*) ENVS+=("$2") ;; *) usage ;; esac
        shift 2
        ;;
    --keep) KEEP=yes; shift ;;
    --root) ROOT=${2:?}; REUSE=yes KEEP=yes; shift 2 ;;
    *) usage ;;
    esac
done

# Messages go to the script's own stderr (fd 3), also from a trap that runs while a step's
# output is redirected to its log.
exec 3>&2
say() { printf '%s fresh-check: %s\n' "$(date +%H:%M:%S)" "$*" >&3; }
die() { say "$*"; exit 1; }

[ "$(id -u)" -eq 0 ] || die "needs root (debootstrap, chroot, mounts): sudo $0"
COMMIT=$(git -C "$REPO" rev-parse --verify "$REV^{commit}") || die "no commit $REV in $REPO"
if [ "$REV" = HEAD ] && [ -n "$(git -C "$REPO" status --porcelain --untracked-files=no)" ]; then
    say "note: uncommitted changes in $REPO are not checked (only commit ${COMMIT:0:12})"
fi
if ! command -v debootstrap >/dev/null; then
    say "installing debootstrap"
    export DEBIAN_FRONTEND=noninteractive
    apt-get install -y -q debootstrap >&2 ||
        { apt-get update -q >&2 && apt-get install -y -q debootstrap >&2; }
fi
mkdir -p "$LOGS"
LOGS=$(cd "$LOGS" && pwd)
rm -rf "$LOGS/test-logs"
rm -f "$LOGS"/*.log "$LOGS/summary.txt"

if [ "$REUSE" = yes ]; then
    ROOT=$(cd "$ROOT" && pwd)
    [ -x "$ROOT/usr/bin/apt-get" ] && [ -f "$ROOT/etc/debian_version" ] || die "$ROOT is not a root"
    WORK=
else
    WORK=$(mktemp -d "${TMPDIR:-/var/tmp}/lanyard-fresh.XXXXXX")
    ROOT=$WORK/root
fi

# --- the long steps, and the cleanup: end what still runs, undo the mounts, remove the root
JOB= # the process group of the step running now

# step CMD...: runs CMD in a session of its own, so that the cleanup can end it with everything
# it started, and waits for it (in the background: a signal to this script is handled at once,
# not when CMD ends). Returns CMD's status.
step() {
    local rc=0
    setsid "$@" 3>&- &
    JOB=$!
    wait "$JOB" || rc=$?
    JOB=
    return $rc
}

mounts_in_root() { awk -v r="$ROOT/" 'index($2, r) == 1 { print $2 }' /proc/mounts; }
cleanup() {
    local rc=$? sig pids p m left
    trap - EXIT INT TERM
    if [ -n "$JOB" ]; then
        say "ending the step that runs (process group $JOB)"
        kill -TERM -- -"$JOB" 2>/dev/null || true
        for _ in 1 2 3 4 5 6 7 8 9 10; do
            kill -0 -- -"$JOB" 2>/dev/null || break
            sleep 1
        done
        kill -KILL -- -"$JOB" 2>/dev/null || true
    fi
    # Processes whose root is ours that left the step's group (a server a test started and
    # left behind): TERM, then KILL.
    for sig in TERM KILL; do
        pids=
        for p in /proc/[0-9]*; do
            [ "$(readlink "$p/root" 2>/dev/null)" = "$ROOT" ] && pids="$pids ${p#/proc/}"
        done
        [ -z "$pids" ] && break
        say "ending processes left in the root ($sig):$pids"
        kill -"$sig" $pids 2>/dev/null || true
        sleep 2
    done
    # Every mount inside the root, the last made first: ours, and any debootstrap left when it
    # was interrupted.
    for m in $(mounts_in_root | tac); do
        umount "$m" 2>/dev/null || umount -l "$m" || say "could not unmount $m"
    done
    left=$(mounts_in_root)
    if [ -n "$left" ]; then
        say "still mounted, root left in place: $left"
    elif [ "$KEEP" = yes ]; then
        say "root kept: $ROOT (again: $0 --root $ROOT)"
    elif [ -n "$WORK" ]; then
        rm -rf --one-file-system "$WORK"
    fi
    exit "$rc"
}
trap cleanup EXIT
trap 'say interrupted; exit 130' INT TERM


t_start=$SECONDS
if [ "$REUSE" = no ]; then
    say "debootstrap --variant=minbase $SUITE from $MIRROR into $ROOT (log: $LOGS/debootstrap.log)"
    t=$SECONDS
    step debootstrap --variant=minbase "$SUITE" "$ROOT" "$MIRROR" >"$LOGS/debootstrap.log" 2>&1 ||
        die "debootstrap failed: $(tail -3 "$LOGS/debootstrap.log")"
    T_DEBOOTSTRAP=$((SECONDS - t))
    # What a fresh install has: the release, its updates and the security archive.
    cat >"$ROOT/etc/apt/sources.list" <<EOF
deb $MIRROR $SUITE main
deb $MIRROR $SUITE-updates main
deb $SECURITY $SUITE-security main
EOF
    # Services that packages install (PostgreSQL) are not started in the root: they would
    # outlive the check, take the host's ports and keep the root busy. The tests start their own.
    printf '#!/bin/sh\nexit 101\n' >"$ROOT/usr/sbin/policy-rc.d"
    chmod 755 "$ROOT/usr/sbin/policy-rc.d"
else
    T_DEBOOTSTRAP=0
fi
cp -L /etc/resolv.conf "$ROOT/etc/resolv.conf"

mount -t proc proc "$ROOT/proc"
mount --bind /sys "$ROOT/sys"
mount --bind /dev "$ROOT/dev"
mount --bind /dev/pts "$ROOT/dev/pts"
mount --bind /dev/shm "$ROOT/dev/shm"

# --- a clean clone of the commit, made from outside (the root has no git yet)
SRC=/root/lanyard
rm -rf "$ROOT$SRC"
say "cloning ${COMMIT:0:12} into $SRC"
git clone -q --no-checkout "$REPO" "$ROOT$SRC"
# (a commit that no branch holds is fetched by its id)
git -C "$ROOT$SRC" cat-file -e "$COMMIT" 2>/dev/null ||
    git -C "$ROOT$SRC" fetch -q "$REPO" "$COMMIT"
git -C "$ROOT$SRC" checkout -q --detach "$COMMIT"

# in_root CMD: runs the shell command CMD in the root as root, in the clone, with a clean
# environment, no terminal and nothing on stdin.
in_root() {
    step chroot "$ROOT" /usr/bin/env -i HOME=/root USER=root LOGNAME=root SHELL=/bin/bash \
        PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin "${ENVS[@]}" \
        /bin/bash -c "cd $SRC && $1" </dev/null
}

say "installing make, as .ci/run does (log: $LOGS/bootstrap.log)"
t=$SECONDS
in_root 'if ! command -v make >/dev/null; then
    apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q make
fi' >"$LOGS/bootstrap.log" 2>&1 || die "installing make failed: $(tail -3 "$LOGS/bootstrap.log")"
T_BOOTSTRAP=$((SECONDS - t))

say "make demo (log: $LOGS/demo.log)"
t=$SECONDS
demo_rc=0
in_root 'make demo' >"$LOGS/demo.log" 2>&1 || demo_rc=$?
T_DEMO=$((SECONDS - t))
if [ $demo_rc -eq 0 ] && grep -q 'ended with an error' "$LOGS/demo.log"; then
    DEMO="make demo: exit 0, but $(grep -m1 'ended with an error' "$LOGS/demo.log")"
elif [ $demo_rc -eq 0 ]; then
    DEMO="make demo: exit 0 ($(grep -c '^{"decision"' "$LOGS/demo.log" || true) decisions,"
    DEMO="$DEMO $(grep -m1 '^onsite (unique):' "$LOGS/demo.log" || echo 'no counts'))"
else
    DEMO="make demo: exit $demo_rc: $(tail -1 "$LOGS/demo.log")"
fi
say "$DEMO"

say "make test (log: $LOGS/test.log)"
t=$SECONDS
test_rc=0
in_root 'make test' >"$LOGS/test.log" 2>&1 || test_rc=$?
T_TEST=$((SECONDS - t))
[ -d "$ROOT$SRC/build/test-logs" ] && cp -r "$ROOT$SRC/build/test-logs" "$LOGS/test-logs"
LAST=$(grep -E '^[0-9]+ passed, [0-9]+ failed, [0-9]+ skipped$' "$LOGS/test.log" | tail -1) ||
    LAST="no result line: $(tail -1 "$LOGS/test.log")"

{
    echo "commit:  $COMMIT"
    if [ "$REUSE" = yes ]; then
        echo "root:    $ROOT, used again (not fresh)${ENVS[*]:+, env ${ENVS[*]}}"
    else
        echo "root:    debootstrap --variant=minbase $SUITE ($MIRROR)${ENVS[*]:+, env ${ENVS[*]}}"
    fi
    echo "demo:    $DEMO"
    echo "test:    make test: exit $test_rc: $LAST"
    sed -n '/^# failed:$/,/^[0-9]* passed/p' "$LOGS/test.log" | sed '$d; s/^/         /'
    echo "timings: debootstrap ${T_DEBOOTSTRAP}s, make ${T_BOOTSTRAP}s, make demo ${T_DEMO}s," \
        "make test ${T_TEST}s, all $((SECONDS - t_start))s"
    echo "logs:    $LOGS"
} | tee "$LOGS/summary.txt"
[ $demo_rc -eq 0 ] && [ $test_rc -eq 0 ]
exit
}
