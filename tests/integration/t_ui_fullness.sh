#!/bin/bash
# t_ui_fullness.sh - fullness at the door (docs/gates.md, "Fullness at the door"): a room's and a
# session's kiosk under SDL's offscreen driver shows, while idle, how full the place is (a word,
# a shape, a colour and "inside / places") as people are admitted: space, nearly full (from 90 %)
# and full; when full, the session's overflow room and where it is, and its online link as text
# and as a QR code (read back from the screenshot with zbarimg), in English, Arabic and Chinese,
# at 1280x800, 800x480 and in portrait. What the screen says is read from LY_UI_TRACE_TEXT; the
# screenshots of each state are left in build/test-logs/fullness-*.png to look at.
. "$(dirname "$0")/lib.sh"
export SDL_VIDEODRIVER=offscreen SDL_AUDIODRIVER=dummy LY_UI_TRACE_TEXT=1
HUB=$T/hub.db SNAP=$T/snap.db QRFRAME=$LY_ROOT/build/tools/qrframe
TRACE=$LY_ROOT/tests/tools/fullness_trace.py LOGS=$LY_ROOT/build/test-logs
URL1=https://live.example.org/sessions/fl-1?lang=en
URL2=http://stream.example.net/fl-2
mkdir -p "$LOGS"

check "demo forum of 60" ly --db "$HUB" demo-data --count 60 --start 2026-06-01
cat >"$T/programme.csv" <<CSV
id,title,type,room,room_capacity,starts,ends,room_location,overflow,online_url
FL-1,Fullness at the door,workshop,Room F1,10,2026-06-02 09:30,2026-06-02 11:00,"Level 1, east wing",Overflow Hall,$URL1
FL-2,Online only,workshop,Room F2,1,2026-06-02 09:30,2026-06-02 11:00,,,$URL2
FL-3,Overflow only,workshop,Room F3,1,2026-06-02 09:30,2026-06-02 11:00,,Overflow Hall,
OV-1,Overflow screening,other,Overflow Hall,300,2026-06-02 09:30,2026-06-02 11:00,"Level 0, west wing",,
CSV
check "import the programme with overflow rooms and online links" ly --db "$HUB" import sessions "$T/programme.csv"
check "kiosk snapshot" ly --db "$HUB" kiosk-snapshot --out "$SNAP"
printf 'at = 2026-06-02T10:00\nholdoff = 0\n' >"$T/kiosk.conf"
"$QRFRAME" "$T/scene.png" 1280x720 - noise=3
mapfile -t CODES < <(sqlite3 "$HUB" "SELECT id FROM registrations WHERE attendance = 'onsite'
    AND revoked = 0 ORDER BY id LIMIT 11" | while read -r id; do ly --db "$HUB" badge code "$id"; done)
[ "${#CODES[@]}" = 11 ] && ok "11 badges" || not_ok "badges: ${#CODES[@]}"

# events N: idle, then N badges, each result dismissed, back to idle.
events() {
    echo "screen idle"
    echo "wait 300"
    for ((i = 0; i < $1; i++)); do
        printf 'code %s\nscreen result\ntap dismiss\nscreen idle\nwait 200\n' "${CODES[$i]}"
    done
    echo "wait 2500"
    echo quit
}
# run NAME GATE LANG SIZE N: a kiosk at GATE, N badges; its output in $T/NAME.
run() {
    local dir=$T/$1
    mkdir -p "$dir"
    cp "$SNAP" "$dir/k.db"
    events "$5" >"$dir/events"
    if timeout 120 "$LY_BIN/lanyard-kiosk" --config "$T/kiosk.conf" --db "$dir/k.db" --gate "$2" \
        --language "$3" --source "file:$T/scene.png" --size "$4" --screenshot "$dir/shots" \
        --events "$dir/events" >"$dir/out" 2>"$dir/err"; then
        python3 "$TRACE" "$dir/out" >"$dir/panels"
        ok "$1: the kiosk ran"
    else
        not_ok "$1: the kiosk failed"
        sed 's/^/    /' "$dir/err" | tail -20 >&2
    fi
}
# panel NAME NUM: the last panel that showed NUM ("9 / 10"), as JSON; "" when none did.
panel() { grep -F "\"num\": \"$2\"" "$T/$1/panels" | tail -1; }
# says NAME NUM TEXT...: the panel showing NUM drew each TEXT (links may be cut into lines).
says() {
    local name=$1 num=$2 p
    shift 2
    p=$(panel "$name" "$num")
    for t in "$@"; do
        if [ -z "$p" ] || ! python3 -c 'import json,sys; d=json.loads(sys.argv[1]); sys.exit(0 if sys.argv[2] in d["texts"] or sys.argv[2] in d["joined"] else 1)' "$p" "$t"; then
            not_ok "$name at $num: does not say \"$t\""
            python3 -c 'import json,sys; print("    texts:", json.loads(sys.argv[1])["texts"])' "${p:-{\"texts\":[]\}}" >&2
            return
        fi
    done
    ok "$name at $num: says $*"
}
# silent NAME NUM TEXT: the panel showing NUM did not draw TEXT.
silent() {
    local p
    p=$(panel "$1" "$2")
    if [ -n "$p" ] && python3 -c 'import json,sys; d=json.loads(sys.argv[1]); sys.exit(1 if sys.argv[2] in d["joined"] else 0)' "$p" "$3"; then
        ok "$1 at $2: does not say \"$3\""
    else
        not_ok "$1 at $2: says \"$3\" (or showed no panel)"
    fi
}
# keep NAME NUM LABEL: the screenshot of the panel showing NUM, to build/test-logs.
keep() {
    local shot
    shot=$(panel "$1" "$2" | python3 -c 'import json,sys; print(json.load(sys.stdin)["shot"])' 2>/dev/null)
    [ -n "$shot" ] && cp "$shot" "$LOGS/fullness-$3.png" 2>/dev/null
    echo "$shot"
}
# tr LANG MSGID: the catalogue's translation.
tr() {
    [ "$1" = en ] && { echo "$2"; return; }
    python3 -c '
import re, sys
s = open(sys.argv[1], encoding="utf-8").read()
m = re.search(r"^msgid \"" + re.escape(sys.argv[2]) + r"\"\nmsgstr \"(.*)\"$", s, re.M)
print(m.group(1) if m else sys.argv[2])' "$LY_ROOT/ui/i18n/po/$1.po" "$2"
}
# qr PNG URL: the screenshot holds a QR code that reads URL.
qr() {
    local got
    got=$(zbarimg -q --raw "$1" 2>/dev/null | head -1)
    [ "$got" = "$2" ] && ok "$3: the QR code reads the online link" || not_ok "$3: QR code reads '$got', not $2"
}

# --- A room's door, 10 places: space, nearly full, full with an overflow room and a link ----------
for L in en ar zh; do
    run "room-$L" "room:Room F1" "$L" 1280x800 11
    FULL=$(tr "$L" Full) NEARLY=$(tr "$L" "Nearly full") SPACE=$(tr "$L" "Space available")
    says "room-$L" "0 / 10" "$SPACE" "$(tr "$L" "people inside / places")" "Fullness at the door"
    says "room-$L" "5 / 10" "$SPACE"
    says "room-$L" "9 / 10" "$NEARLY"
    silent "room-$L" "9 / 10" "Overflow Hall"
    says "room-$L" "10 / 10" "$FULL" "$(tr "$L" "Please go to the overflow room:")" "Overflow Hall" \
        "Level 0, west wing" "$(tr "$L" "Follow it online:")" "$URL1" "$(tr "$L" "Scan with your phone")"
    keep "room-$L" "0 / 10" "$L-space" >/dev/null
    keep "room-$L" "9 / 10" "$L-nearly" >/dev/null
    qr "$(keep "room-$L" "10 / 10" "$L-full")" "$URL1" "room-$L"
    n=$(sqlite3 "$T/room-$L/k.db" "SELECT group_concat(decision || ':' || reason_code, ' ') FROM
        (SELECT decision, reason_code FROM checkins ORDER BY seq DESC LIMIT 2)")
    [ "$n" = "denied:full granted:" ] && ok "room-$L: the 11th is refused: full" || not_ok "room-$L: last two: $n"
done
[ "$(tr ar Full)" != Full ] && [ "$(tr zh Full)" != Full ] && ok "Arabic and Chinese have their own words" ||
    not_ok "a translation is missing"

# --- other sizes: the panel fits beside or under the camera, the QR code still reads ------------
for size in 800x480 600x1024; do
    run "room-$size" "room:Room F1" en "$size" 10
    says "room-$size" "10 / 10" Full "Overflow Hall" "$URL1"
    qr "$(keep "room-$size" "10 / 10" "en-full-$size")" "$URL1" "room-$size"
done

# --- a session's door with only an online link, a room with only an overflow room --------------
run session-online "session:FL-2" en 1280x800 1
says session-online "0 / 1" "Space available"
says session-online "1 / 1" Full "Follow it online:" "$URL2"
silent session-online "1 / 1" "Please go to the overflow room:"
qr "$(keep session-online "1 / 1" en-full-online)" "$URL2" session-online
run room-overflow "room:Room F3" ar 1280x800 1
says room-overflow "1 / 1" "$(tr ar Full)" "Overflow Hall" "Level 0, west wing"
silent room-overflow "1 / 1" "$(tr ar "Follow it online:")"
keep room-overflow "1 / 1" ar-full-overflow >/dev/null

# --- the entrance shows no panel --------------------------------------------------------------
run entrance entrance en 1280x800 1
if [ -s "$T/entrance/panels" ] || grep -q "Space available" "$T/entrance/out"; then
    not_ok "the entrance shows a fullness panel"
else
    ok "the entrance shows no fullness panel"
fi
finish
