# lib.sh - sourced by the integration tests. Each check prints one TAP-style line counted by
# tests/run.sh. LY_BIN is the folder holding the programs under test (sanitizer builds in
# `make test`); every test works in its own temporary folder, removed at exit.
set -u
: "${LY_BIN:=bin}"
LY_ROOT=$(cd "$(dirname "$0")/../.." && pwd)
T=$(mktemp -d "${TMPDIR:-/tmp}/lanyard-test.XXXXXX")
trap 'rm -rf "$T"' EXIT
ly_failed=0

ok() { echo "ok - $*"; }
not_ok() { echo "not ok - $*"; ly_failed=$((ly_failed + 1)); }

# check NAME CMD...: passes when CMD exits 0.
check() {
    name=$1; shift
    if "$@" >"$T/.out" 2>&1; then ok "$name"; else not_ok "$name"; sed 's/^/    /' "$T/.out" | head -40 >&2; fi
}

# check_fails NAME CMD...: passes when CMD exits non-zero.
check_fails() {
    name=$1; shift
    if "$@" >"$T/.out" 2>&1; then not_ok "$name (unexpected success)"; sed 's/^/    /' "$T/.out" | head -20 >&2; else ok "$name"; fi
}

ly() { "$LY_BIN/lanyard" "$@"; }

finish() { exit $((ly_failed > 0)); }
