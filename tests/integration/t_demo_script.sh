#!/bin/bash
# t_demo_script.sh - `make demo` (board/demo.sh, with the programs in bin/) runs to the end: the
# demo forum, its badges, the hub with two enrolled kiosks, the main entrance kiosk with its
# screen (offscreen here: the replaced badge refused, the others admitted, a picture of each
# screen), the press room door deciding while the hub is away (category access) and uploading
# when it is back, the counts, and the dashboard's address.
. "$(dirname "$0")/lib.sh"
cd "$LY_ROOT" || exit 1
LY_DEMO_DIR=$T/demo LY_DEMO_OFFSCREEN=1 LY_DEMO_NONINTERACTIVE=1 board/demo.sh >"$T/out" 2>"$T/err"
rc=$?
[ $rc -eq 0 ] && ok "board/demo.sh exits 0" || { not_ok "board/demo.sh exit $rc"; tail -5 "$T/err" >&2; }
n() { grep -c "$1" "$T/out"; }
[ "$(n '"decision":"denied","reason":"This badge was replaced')" -eq 1 ] &&
    ok "entrance: the replaced badge is refused" || not_ok "entrance: the replaced badge"
[ "$(n '"gate":"entrance","place":"venue","direction":1')" -eq 9 ] &&
    ok "entrance: the other nine badges are admitted" || not_ok "entrance: $(n '"gate":"entrance"') decisions"
[ "$(n '"reason_code":"category"')" -eq 2 ] && [ "$(n '"place":"session:S069","direction":1')" -eq 3 ] &&
    ok "press room: press, speaker and staff in, two others refused" || not_ok "press room decisions"
[ -s "$T/demo/badges.pdf" ] && [ -s "$T/demo/kiosk-entrance.db" ] && ok "badges and journals written" ||
    not_ok "badges and journals written"
[ "$(grep -c 'enrolled as' "$T/err")" -eq 2 ] && ok "two kiosks enrolled with the hub" || not_ok "enrollment"
shots=$(find "$T/demo/screens" -name '*-result-*.png' | wc -l)
[ "$shots" -ge 8 ] && [ -n "$(find "$T/demo/screens" -name '*-idle-fr.png')" ] &&
    ok "the entrance screen: $shots results and the idle screen in French" ||
    not_ok "entrance screens: $shots results"
grep -q '"uploaded":5,"unsent":0' "$T/out" && ok "the press room door uploaded its 5 check-ins" ||
    not_ok "press room upload"
grep -q '^onsite (unique): 11$' "$T/out" && ok "counts: 11 onsite (9 at the entrance, 2 more in the press room)" ||
    not_ok "counts: $(grep 'onsite (unique)' "$T/out")"
grep -q 'Live dashboard: *http://127.0.0.1:[0-9]*/dashboard/#token=lyr_' "$T/out" &&
    ok "the dashboard's address is printed" || not_ok "dashboard address"
finish
