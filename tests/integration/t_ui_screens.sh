#!/bin/bash
# t_ui_screens.sh - the kiosk screen under SDL's offscreen video driver: every screen (idle,
# language, the four results, the PIN pad, staff home, search, a person, a manual check-in, the
# gate switch, counts, health) at 1280x800 and 800x480 in English, Arabic and Chinese, reached
# through scripted touches, keys and codes (--events), saved by --screenshot and compared with
# the committed references in tests/ui/ref with a tolerance (tests/tools/imgdiff). The same
# script at 1024x600, 1920x1080 and two portrait sizes checks the layout: every touch target
# on every screen lies inside the screen, is at least 48 pixels each way and overlaps no other.
# LY_UPDATE_REFS=1 writes the references instead of comparing (look at them before committing).
. "$(dirname "$0")/lib.sh"
export SDL_VIDEODRIVER=offscreen SDL_AUDIODRIVER=dummy
HUB=$T/hub.db SNAP=$T/snap.db REFS=$LY_ROOT/tests/ui/ref
IMGDIFF=$LY_ROOT/build/tools/imgdiff QRFRAME=$LY_ROOT/build/tools/qrframe
AT=2026-06-02T10:00
PIN=2468

check "demo forum of 300" ly --db "$HUB" demo-data --count 300 --start 2026-06-01
# For each language, a participant (granted, then already inside), a speaker (a notice) and a
# revoked participant (denied), all registered with that language so their results use it.
pick() { # CATEGORY N: N onsite attendees of CATEGORY
    sqlite3 "$HUB" "SELECT id FROM registrations WHERE attendance = 'onsite' AND category = '$1'
        ORDER BY id LIMIT $2"
}
mapfile -t PART < <(pick participant 6)
mapfile -t SPEAK < <(pick speaker 3)
LANGS=(en ar zh)
for i in 0 1 2; do
    L=${LANGS[$i]}
    sqlite3 "$HUB" "UPDATE registrations SET language = '$L'
        WHERE id IN (${PART[$i]}, ${PART[$((i + 3))]}, ${SPEAK[$i]})"
    REVOKED_CODE[$i]=$(ly --db "$HUB" badge code "${PART[$((i + 3))]}")
    ly --db "$HUB" badge revoke "${PART[$((i + 3))]}" >/dev/null
done
check "kiosk snapshot" ly --db "$HUB" kiosk-snapshot --out "$SNAP"
HASHLINE=$(echo "$PIN" | "$LY_BIN/lanyard-kiosk" --hash-pin)
case "$HASHLINE" in 'staff-pin-hash = $argon2id$'*) ok "staff PIN hashed" ;;
*) not_ok "staff PIN hash: $HASHLINE" ;; esac
printf '%s\nat = %s\nholdoff = 0\n' "$HASHLINE" "$AT" >"$T/kiosk.conf"
"$QRFRAME" "$T/scene.png" 1280x720 - noise=3

# script LANG: the walk through every screen, as a person and a staff member would.
script() {
    local i=$1 L=${LANGS[$1]}
    local granted notice revoked latin
    granted=$(ly --db "$HUB" badge code "${PART[$i]}")
    notice=$(ly --db "$HUB" badge code "${SPEAK[$i]}")
    revoked=${REVOKED_CODE[$i]}
    latin=$(sqlite3 "$HUB" "SELECT upper(substr(CASE WHEN name_latin <> '' THEN name_latin
        ELSE name END, 1, 3)) FROM registrations WHERE id = ${PART[$i]}")
    cat <<EOF
screen idle
tap language
screen language
tap lang:$L
screen idle
code $granted
screen result-granted
code $notice
screen result-notice
code $granted
screen result-already
code $revoked
screen result-denied
tap dismiss
screen idle
tap corner
tap corner
tap corner
tap corner
tap corner
screen pin
text 9999
key Return
screen pin-wrong 20000
text $PIN
key Return
screen staff 20000
tap search
screen search
tap key:${latin:0:1}
tap key:${latin:1:1}
tap key:${latin:2:1}
screen search-found
tap found:0
screen person
tap reason:1
screen person-reason
tap checkin
screen result
tap back
screen person
tap back
screen search
tap back
screen staff
tap counts
screen counts-ready
tap back
screen staff
tap gates
screen gates-ready
tap back
screen staff
tap health
screen health-ready
tap back
screen staff
tap exit
screen idle
quit
EOF
}

# run SIZE LANG_INDEX DIR: the kiosk through the script; its output in DIR/out.
run() {
    local size=$1 i=$2 dir=$3
    mkdir -p "$dir"
    cp "$SNAP" "$dir/k.db"
    script "$i" >"$dir/events"
    # The kiosk's own language is the one under test, so staff screens are in it too.
    timeout 120 "$LY_BIN/lanyard-kiosk" --config "$T/kiosk.conf" --db "$dir/k.db" --gate entrance \
        --language "${LANGS[$i]}" \
        --source "file:$T/scene.png" --size "$size" --screenshot "$dir/shots" \
        --events "$dir/events" >"$dir/out" 2>"$dir/err"
}

# shots DIR: "SCREEN[-DETAIL] PATH" for the first picture of each screen state.
shots() {
    python3 -c '
import json, sys
seen = set()
for line in open(sys.argv[1]):
    d = json.loads(line)
    if "shot" not in d or "screen" not in d:
        continue
    key = d["screen"] + ("-" + d["detail"] if d["detail"] else "")
    if d.get("manual"):
        key = "result-manual"  # a manual check-in by staff
    if key not in seen:
        seen.add(key)
        print(key, d["shot"])
' "$1/out"
}

WANT="idle language result-granted result-notice result-already result-denied pin-wrong staff
search-found person-reason result-manual counts-ready gates-ready health-ready"
for size in 1280x800 800x480; do
    for i in 0 1 2; do
        L=${LANGS[$i]} dir=$T/run-$size-${LANGS[$i]}
        if ! run "$size" "$i" "$dir"; then
            not_ok "$size $L: the kiosk failed"
            sed 's/^/    /' "$dir/err" | tail -20 >&2
            continue
        fi
        ok "$size $L: walked through every screen and closed cleanly"
        if grep -q "no installed font covers" "$dir/err"; then
            not_ok "$size $L: a script reported without a font: $(grep fonts: "$dir/err")"
        fi
        shots "$dir" >"$dir/shots.txt"
        for w in $WANT; do
            path=$(awk -v k="$w" '$1 == k { print $2 }' "$dir/shots.txt")
            if [ "$w" = idle ]; then # the idle screen once it is in language L
                path=$(python3 -c '
import json, sys
for line in open(sys.argv[1]):
    d = json.loads(line)
    if d.get("screen") == "idle" and d.get("lang") == sys.argv[2] and "shot" in d:
        print(d["shot"]); break' "$dir/out" "$L")
            fi
            ref=$REFS/$size-$L-$w.png
            if [ -z "$path" ] || [ ! -f "$path" ]; then
                not_ok "$size $L $w: no screenshot"
                continue
            fi
            if [ "$w" = health-ready ]; then
                ok "$size $L $w: shown (disk figures differ by machine: not compared)"
            elif [ "${LY_UPDATE_REFS:-0}" = 1 ]; then
                mkdir -p "$REFS" && cp "$path" "$ref" && ok "$size $L $w: reference written"
            elif [ ! -f "$ref" ]; then
                not_ok "$size $L $w: no reference $ref (LY_UPDATE_REFS=1 writes it)"
            elif "$IMGDIFF" "$path" "$ref" 40 0.5 >"$T/diff" 2>&1; then
                ok "$size $L $w: matches the reference"
            else
                not_ok "$size $L $w: $(cat "$T/diff")"
                cp "$path" "$LY_ROOT/build/test-logs/ui-$size-$L-$w.png" 2>/dev/null
            fi
        done
        # The journal holds what the screens showed: four scans and one manual check-in.
        n=$(sqlite3 "$dir/k.db" "SELECT count(*) FROM checkins")
        m=$(sqlite3 "$dir/k.db" "SELECT count(*) FROM checkins WHERE code_kind = 'manual'
            AND staff_note = 'Forgot badge, identity checked'")
        [ "$n" = 5 ] && [ "$m" = 1 ] && ok "$size $L: journal holds 4 scans and 1 manual check-in" ||
            not_ok "$size $L: journal holds $n check-ins, $m manual"
    done
done

# Layout at other sizes and in portrait: touch targets inside the screen, big enough, apart.
for size in 1024x600 1920x1080 480x800 600x1024; do
    dir=$T/layout-$size
    if ! run "$size" 0 "$dir"; then
        not_ok "$size: the kiosk failed"
        sed 's/^/    /' "$dir/err" | tail -20 >&2
        continue
    fi
    if python3 -c '
import json, sys
bad = []
screens = 0
for line in open(sys.argv[1]):
    d = json.loads(line)
    if "widgets" not in d:
        continue
    screens += 1
    W, H = d["w"], d["h"]
    ws = list(d["widgets"].items())
    for name, (x, y, w, h) in ws:
        if x < 0 or y < 0 or x + w > W or y + h > H:
            bad.append("%s %s outside %dx%d" % (d["screen"], name, W, H))
        if (w < 48 or h < 48) and name != "dismiss":
            bad.append("%s %s is %dx%d" % (d["screen"], name, w, h))
    for i, (a, ra) in enumerate(ws):
        for b, rb in ws[i + 1:]:
            if a == "dismiss" or b == "dismiss":
                continue
            if ra[0] < rb[0] + rb[2] and rb[0] < ra[0] + ra[2] and ra[1] < rb[1] + rb[3] and rb[1] < ra[1] + ra[3]:
                bad.append("%s: %s overlaps %s" % (d["screen"], a, b))
for b in sorted(set(bad))[:20]:
    print(b)
sys.exit(1 if bad or screens < 15 else 0)
' "$dir/out" >"$T/layout" 2>&1; then
        ok "$size: every touch target inside the screen, at least 48 px, apart"
    else
        not_ok "$size: layout"
        sed 's/^/    /' "$T/layout" >&2
    fi
done
# A machine where no installed face covers a script (here Ethiopic: its files rejected through
# fontconfig, as if fonts-noto-core lacked them) says so once at start and on the health screen.
dir=$T/no-ethiopic
mkdir -p "$dir"
cat >"$dir/fonts.conf" <<EOF
<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "fonts.dtd">
<fontconfig>
  <include ignore_missing="no">/etc/fonts/fonts.conf</include>
  <selectfont><rejectfont><glob>*Ethiopic*</glob></rejectfont></selectfont>
</fontconfig>
EOF
{
    echo "screen idle"
    for _ in 1 2 3 4 5; do echo "tap corner"; done
    printf 'screen pin\ntext %s\nkey Return\nscreen staff 20000\ntap health\n' "$PIN"
    printf 'screen health-ready\nquit\n'
} >"$dir/events"
cp "$SNAP" "$dir/k.db"
if FONTCONFIG_FILE=$dir/fonts.conf timeout 120 "$LY_BIN/lanyard-kiosk" --config "$T/kiosk.conf" \
    --db "$dir/k.db" --gate entrance --source "file:$T/scene.png" --size 1280x800 \
    --screenshot "$dir/shots" --events "$dir/events" >"$dir/out" 2>"$dir/err"; then
    ok "no Ethiopic font: the kiosk runs"
else
    not_ok "no Ethiopic font: the kiosk failed"
    sed 's/^/    /' "$dir/err" | tail -20 >&2
fi
n=$(grep -c "fonts: no installed font covers Ethiopic;" "$dir/err")
[ "$n" = 1 ] && ok "no Ethiopic font: reported once at start" ||
    not_ok "no Ethiopic font: reported $n times: $(head -c 600 "$dir/err")"
path=$(shots "$dir" | awk '$1 == "health-ready" { print $2 }')
if [ -n "$path" ] && [ -f "$path" ]; then
    mkdir -p "$LY_ROOT/build/test-logs"
    cp "$path" "$LY_ROOT/build/test-logs/ui-health-no-ethiopic.png"
    ok "no Ethiopic font: health screen shown (build/test-logs/ui-health-no-ethiopic.png)"
else
    not_ok "no Ethiopic font: no health screenshot"
fi
finish
