#!/bin/bash
# bin/lanyard's command line: event creation, its checks, usage errors and exit statuses.
. "$(dirname "$0")/lib.sh"
DB=$T/forum.db

check_fails "no database given" env -u LANYARD_DB "$LY_BIN/lanyard" stats
ly --db "$T/missing.db" stats >/dev/null 2>"$T/err"; rc=$?
[ $rc = 1 ] && grep -q "does not exist" "$T/err" && ok "missing database: clear error" || not_ok "missing db: rc $rc"
[ ! -e "$T/missing.db" ] && ok "a mistyped path creates no file" || not_ok "missing.db was created"
ly --db "$DB" frobnicate >/dev/null 2>&1; rc=$?
[ $rc = 2 ] && ok "unknown command: exit 2" || not_ok "unknown command: rc $rc"
check "--help lists the commands" bash -c "'$LY_BIN/lanyard' --help | grep -q 'badge verify'"

check_fails "init refuses an impossible date" ly --db "$DB" init --event F --start 2026-02-30 --end 2026-03-02
check_fails "init refuses an end before the start" ly --db "$DB" init --event F --start 2026-12-07 --end 2026-12-01
ly --db "$DB" init --event F >/dev/null 2>&1; rc=$?
[ $rc = 2 ] && ok "init without dates: usage, exit 2" || not_ok "init usage: rc $rc"
check "init creates the event" ly --db "$DB" init --event "Forum 2026" --start 2026-12-07 --end 2026-12-11 --tz Europe/Oslo
[ "$(stat -c %a "$DB")" = 600 ] && ok "database is private (0600)" || not_ok "mode $(stat -c %a "$DB")"
check_fails "a second init is refused" ly --db "$DB" init --event "Other" --start 2026-12-07 --end 2026-12-11
ly --db "$DB" stats --json >"$T/stats.json"
grep -q '"event":"Forum 2026"' "$T/stats.json" && grep -q '"registrations":0' "$T/stats.json" && ok "stats --json" || not_ok "stats: $(cat "$T/stats.json")"
ly --db "$DB" badge verify "LY1:AAAA" >"$T/v.json"; rc=$?
[ $rc = 1 ] && grep -q '"valid":false' "$T/v.json" && ok "garbage code: invalid, exit 1" || not_ok "garbage: rc $rc"
long=$(head -c 5000 /dev/zero | tr '\0' 'A')
ly --db "$DB" badge verify "$long" >"$T/v.json"; rc=$?
[ $rc = 1 ] && ok "oversized code refused" || not_ok "oversized: rc $rc"
check_fails "badge code of an unknown attendee" ly --db "$DB" badge code 12345
finish
