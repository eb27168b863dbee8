#!/bin/bash
# t_docs.sh - the guides' commands, run as a reader would: every ```sh block of the section
# "1. A hub and a kiosk on one machine" of docs/deployment.md, in order, in one shell (set -e),
# in an empty folder, with the programs under test first on the path instead of bin/. The
# section's promises are then checked: the badge was granted, the hub counts one person inside,
# lists the kiosk and shows its health in /metrics. Then the same for docs/organizer.md's
# section "A walk-through": the event, the imports, badges, enrollment, counts and the report.
. "$(dirname "$0")/lib.sh"

# blocks FILE SECTION: the ```sh blocks between the heading that starts with SECTION and the
# next heading of that level.
blocks() {
    awk -v sec="$2" '
        index($0, sec) == 1 { on = 1; lvl = length($1); next }
        on && /^#+ / && length($1) <= lvl { on = 0 }
        on && /^```sh$/ { code = 1; next }
        on && code && /^```$/ { code = 0; print ""; next }
        on && code { print }' "$1"
}

blocks "$LY_ROOT/docs/deployment.md" "## 1. A hub and a kiosk on one machine" >"$T/guide.sh"
n=$(grep -c . "$T/guide.sh")
[ "$n" -gt 10 ] && ok "docs/deployment.md section 1 has $n command lines" ||
    not_ok "section 1 not found in docs/deployment.md ($n lines)"
# The guide says `export PATH=$PWD/bin:$PATH` from the source tree; the test runs the build
# under test instead, from its own folder.
sed -i 's|^export PATH=\$PWD/bin:\$PATH$|export PATH=$LY_BIN:$PATH|' "$T/guide.sh"
mkdir -p "$T/reader"
BIN=$(cd "$LY_BIN" && pwd)
(cd "$T/reader" && LY_BIN=$BIN timeout 120 bash -euo pipefail "$T/guide.sh") \
    >"$T/guide.out" 2>"$T/guide.err"
rc=$?
[ $rc -eq 0 ] && ok "the one-machine commands run (exit 0)" ||
    { not_ok "the one-machine commands failed (exit $rc)"; tail -20 "$T/guide.err" >&2; }
G=$T/reader/lanyard-try
grep -q '"decision":"granted"' "$G/decisions.jsonl" 2>/dev/null && ok "the guide's badge is granted" ||
    not_ok "no grant: $(cat "$G/decisions.jsonl" 2>/dev/null)"
grep -q "^{\"ok\":true,\"version\":" "$T/guide.out" && ok "the hub's health answer" || not_ok "no health answer: $(head -3 "$T/guide.out")"
grep -qE '^inside now: +1$' "$T/guide.out" && ok "lanyard counts --hub: one person inside" ||
    not_ok "counts: $(grep -i inside "$T/guide.out")"
grep -q 'Entrance 1' "$T/guide.out" && ok "lanyard kiosks lists the enrolled kiosk" ||
    not_ok "kiosks: $(cat "$T/guide.out" | head -20)"
grep -q '^lanyard_kiosk_uptime_seconds{kiosk="Entrance 1"} [0-9]' "$T/guide.out" &&
    grep -q '^lanyard_kiosk_info{kiosk="Entrance 1",version="0.1.0",printer="none"} 1' "$T/guide.out" &&
    ok "/metrics shows the kiosk's health" || not_ok "/metrics: $(grep lanyard_kiosk "$T/guide.out" | head -5)"
grep -q 'dashboard: http://127.0.0.1:[0-9]*/dashboard/#token=lyr_' "$T/guide.out" &&
    ok "the dashboard's address" || not_ok "no dashboard address"

blocks "$LY_ROOT/docs/organizer.md" "## A walk-through" >"$T/walk.sh"
n=$(grep -c . "$T/walk.sh")
[ "$n" -gt 15 ] && ok "docs/organizer.md's walk-through has $n command lines" ||
    not_ok "the walk-through not found in docs/organizer.md ($n lines)"
mkdir -p "$T/organizer"
(cd "$T/organizer" && PATH=$BIN:$PATH timeout 300 bash -euo pipefail "$T/walk.sh") >"$T/walk.out" 2>"$T/walk.err"
rc=$?
[ $rc -eq 0 ] && ok "the organizer's walk-through runs (exit 0)" ||
    { not_ok "the walk-through failed (exit $rc)"; tail -20 "$T/walk.err" >&2; }
W=$T/organizer/walk
grep -q '^registrations: 100 (75 onsite, 25 online)' "$T/walk.out" && ok "walk-through: 100 registrations imported" ||
    not_ok "walk-through stats: $(grep registrations "$T/walk.out")"
[ -s "$W/badges.pdf" ] && [ -s "$W/sheet.pdf" ] && [ -s "$W/kiosk.db" ] && [ -s "$W/report.md" ] &&
    [ -s "$W/report.csv" ] && ok "walk-through: badges, sheet, kiosk snapshot and reports written" ||
    not_ok "walk-through files: $(ls "$W")"
grep -q '"valid":true' "$T/walk.out" && grep -q 'badge version 2 issued' "$T/walk.out" &&
    grep -q 'badge restored' "$T/walk.out" && ok "walk-through: verify, reissue, revoke and restore" ||
    not_ok "walk-through badge desk: $(grep -i badge "$T/walk.out" | head -5)"
grep -qE '^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$' "$T/walk.out" && grep -q '^lyr_' "$T/walk.out" &&
    ok "walk-through: an enrollment code and a read token" || not_ok "walk-through: no code or token"
finish
