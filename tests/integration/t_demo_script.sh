#!/bin/bash
# t_demo_script.sh - `make demo` (board/demo.sh, with the programs in bin/) runs to the end: the
# demo forum, its badges, and the headless kiosks' decisions at the entrance (the replaced
# badge refused, the others admitted) and at the press room door (category access).
. "$(dirname "$0")/lib.sh"
cd "$LY_ROOT" || exit 1
LY_DEMO_DIR=$T/demo board/demo.sh >"$T/out" 2>"$T/err"
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
finish
