#!/bin/bash
# t_kiosk.sh - the headless kiosk end to end: badges issued by `lanyard badges`, photographed
# into camera-like frames (tests/tools/camshot: scaled, rotated, perspective, blur, noise, low
# contrast, a phone in dark mode, mirrored) at 640x480 and 1280x720, replayed from a folder
# through `lanyard-kiosk --headless`; each is decided once (hold-off) and journaled. Forged,
# malformed, other-event, revoked and reissued badges are denied with the right reason. Also:
# the wedge source, the configuration file, the options table in docs/kiosk.md, SIGTERM, a
# damaged database and usage errors.
. "$(dirname "$0")/lib.sh"
HUB=$T/hub.db SNAP=$T/snap.db
CAMSHOT=$LY_ROOT/build/tools/camshot QRFRAME=$LY_ROOT/build/tools/qrframe
kiosk() { "$LY_BIN/lanyard-kiosk" "$@"; }
AT=2026-06-02T10:00

# decisions FILE: one "decision reason_code attendee code_kind" line per JSON line.
decisions() {
    /usr/bin/python3 -c '
import json, sys
for line in open(sys.argv[1]):
    d = json.loads(line)
    a = d["attendee"]
    print(d["decision"], d["reason_code"] or "-", a["id"] if a else "-", d["code_kind"])
' "$1"
}

check "demo forum of 300" ly --db "$HUB" demo-data --count 300 --start 2026-06-01
mapfile -t ONSITE < <(sqlite3 "$HUB" "SELECT id FROM registrations WHERE attendance = 'onsite'
    AND category = 'participant' ORDER BY id LIMIT 14")
REVOKED=${ONSITE[11]} REISSUED=${ONSITE[12]} TICKETED=${ONSITE[13]}
ids=$(IFS=,; echo "${ONSITE[*]}")
check "badges rendered" ly --db "$HUB" badges --out "$T/badges.pdf" --png "$T/png" --only "$ids"
check "revoke one, reissue another" bash -c "'$LY_BIN/lanyard' --db '$HUB' badge revoke $REVOKED &&
    '$LY_BIN/lanyard' --db '$HUB' badge reissue $REISSUED"
sqlite3 "$HUB" "INSERT OR REPLACE INTO alt_codes (code, registration_id, seq)
    VALUES ('EB-20260601-0042', $TICKETED, (SELECT value FROM meta WHERE key = 'change_seq'))"
check "kiosk snapshot" ly --db "$HUB" kiosk-snapshot --out "$SNAP"
GOOD=$(ly --db "$HUB" badge code "${ONSITE[0]}")

# A badge of another event: its own hub and key.
check "another event's badge" bash -c "'$LY_BIN/lanyard' --db '$T/other.db' demo-data --count 20 \
    --start 2026-06-01 >/dev/null && '$LY_BIN/lanyard' --db '$T/other.db' badges \
    --out '$T/other.pdf' --png '$T/other' --only 1 >/dev/null"

VARIANTS=(
    "upright size=45 noise=3"
    "small size=32 cx=42 cy=46 noise=3"
    "large size=75 noise=3"
    "rotated size=45 angle=30 noise=3"
    "upside-down size=45 angle=160 noise=3"
    "perspective size=45 tilt=10 angle=10 noise=3"
    "blurred size=45 blur=2 noise=3"
    "noisy size=45 noise=10"
    "low-contrast size=45 dark=110 light=160 noise=2"
    "phone-dark-mode size=45 inverted noise=3"
    "mirrored size=45 mirrored noise=3"
)
for size in 640x480 1280x720; do
    F=$T/frames-$size
    mkdir -p "$F"
    made=0 i=0
    for v in "${VARIANTS[@]}"; do
        set -- $v
        name=$1; shift
        who=${ONSITE[$i]}
        # three frames of each: the badge held in view (decided once), fresh noise each time
        for k in 1 2 3; do
            "$CAMSHOT" "$T/png/badge-$who-v1.png" "$F/$(printf %02d $i)-$name-$k.png" "$size" \
                "$@" seed=$((i * 10 + k)) scene=$i && made=$((made + 1))
        done
        i=$((i + 1))
    done
    "$CAMSHOT" "$T/png/badge-$REVOKED-v1.png" "$F/20-revoked.png" "$size" size=45 noise=3 &&
        "$CAMSHOT" "$T/png/badge-$REISSUED-v1.png" "$F/21-reissued-old.png" "$size" size=45 angle=-15 &&
        "$CAMSHOT" "$T/other/badge-1-v1.png" "$F/22-other-event.png" "$size" size=45 noise=3 &&
        "$QRFRAME" "$F/23-forged.png" "$size" "${GOOD:0:60}$([ "${GOOD:60:1}" = A ] && echo B || echo A)${GOOD:61}" size=45 &&
        "$QRFRAME" "$F/24-malformed.png" "$size" "LY1:NOT-A-REAL-BADGE" size=45 &&
        "$QRFRAME" "$F/25-ticket.png" "$size" "EB-20260601-0042" size=40 &&
        "$QRFRAME" "$F/26-idle.png" "$size" - noise=3 && made=$((made + 7))
    [ "$made" -eq 40 ] && ok "$size: 40 camera-like frames" || not_ok "$size: made $made frames of 40"

    cp "$SNAP" "$T/kiosk-$size.db"
    kiosk --headless --db "$T/kiosk-$size.db" --gate entrance --source "dir:$F@0" --at "$AT" \
        >"$T/out-$size" 2>"$T/err-$size"
    rc=$?
    [ $rc -eq 0 ] && grep -q "source ended after 17 decisions" "$T/err-$size" &&
        ok "$size: exits 0 when the folder is done" ||
        not_ok "$size: exit $rc: $(tail -2 "$T/err-$size")"
    decisions "$T/out-$size" >"$T/got-$size"
    # every camera decision says when its frame was taken, on the monotonic clock
    python3 -c 'import json, sys, time
ds = [json.loads(l) for l in open(sys.argv[1]) if l.startswith("{\"decision")]
sys.exit(not ds or any(not 0 < d["t_captured"] <= time.monotonic() for d in ds))' "$T/out-$size" &&
        ok "$size: each decision carries its frame's capture time" ||
        not_ok "$size: t_captured missing or not on the monotonic clock"
    {
        for i in $(seq 0 10); do echo "granted - ${ONSITE[$i]} badge"; done
        echo "denied revoked $REVOKED badge"
        echo "denied superseded $REISSUED badge"
        echo "denied unknown_key - badge"
        echo "denied bad_signature - badge"
        echo "denied malformed - badge"
        echo "granted - $TICKETED ticket_code"
    } >"$T/want-$size"
    if cmp -s "$T/want-$size" "$T/got-$size"; then
        ok "$size: every variant read once and decided right; bad badges denied with reasons"
    else
        not_ok "$size: decisions differ"
        diff "$T/want-$size" "$T/got-$size" | head -20 >&2
    fi
    # every reported decision is in the journal, once, in order
    journal=$(sqlite3 "$T/kiosk-$size.db" "SELECT group_concat(uuid, ' ') FROM (SELECT uuid FROM checkins ORDER BY seq)")
    reported=$(/usr/bin/python3 -c 'import json,sys; print(" ".join(json.loads(l)["uuid"] for l in open(sys.argv[1])))' "$T/out-$size")
    [ -n "$journal" ] && [ "$journal" = "$reported" ] && ok "$size: journal holds exactly the reported decisions" ||
        not_ok "$size: journal and output differ"
done

# One JSON line: the fields a screen needs, and the time of each stage.
head -1 "$T/out-640x480" >"$T/first"
check "JSON line carries decision, attendee, notices, stage times" /usr/bin/python3 -c '
import json, sys
d = json.loads(open(sys.argv[1]).read())
assert d["decision"] == "granted" and d["reason"] == "" and d["place"] == "venue" and d["direction"] == 1
assert d["attendee"]["id"] > 0 and d["attendee"]["registered"] is True and isinstance(d["notices"], list)
assert "name" not in d["attendee"] and "name_latin" not in d["attendee"], "a name in the log by default"
assert set(d["ms"]) == {"wait", "scan", "verify", "rules", "journal", "total"}, d["ms"]
assert d["ms"]["scan"] > 0 and d["ms"]["journal"] > 0 and d["ms"]["total"] >= d["ms"]["scan"]
assert len(d["uuid"]) == 36 and d["seq"] == 1 and d["time"].startswith("2026-06-02T10:00")
' "$T/first"
# With output-names on, the line names the attendee as the screen does.
cp "$SNAP" "$T/names.db"
printf '%s\n' "$GOOD" | kiosk --headless --db "$T/names.db" --gate entrance --source wedge:stdin \
    --at "$AT" --output-names yes >"$T/names.out" 2>/dev/null
WANT=$(sqlite3 "$T/names.db" "SELECT name FROM attendees WHERE id = ${ONSITE[0]}")
[ -n "$WANT" ] && grep -qF "\"name\":\"$WANT\"" "$T/names.out" &&
    ok "output-names yes: the decision line carries the name" || not_ok "names: $(head -c 300 "$T/names.out")"
grep -q '"reason":"This badge was cancelled. Please see the badge desk."' "$T/out-640x480" &&
    ok "denials carry a sentence" || not_ok "denials carry a sentence"

# The keyboard wedge, configured from a file; flags win over the file.
cat >"$T/kiosk.conf" <<EOF
# main entrance, lane 2
headless = yes
db = $T/wedge.db
gate = desk
source = wedge:stdin
holdoff = 0
at = $AT
EOF
cp "$SNAP" "$T/wedge.db"
printf '%s\n%s\n\n%s\n' "$GOOD" "$GOOD" "EB-20260601-0042" |
    kiosk --config "$T/kiosk.conf" --gate entrance >"$T/out" 2>"$T/err"
decisions "$T/out" >"$T/got"
printf '%s\n' "granted - ${ONSITE[0]} badge" "already_inside - ${ONSITE[0]} badge" \
    "granted - $TICKETED ticket_code" >"$T/want"
cmp -s "$T/want" "$T/got" && ok "wedge: config file, --gate over it, holdoff 0" ||
    { not_ok "wedge: config file"; diff "$T/want" "$T/got" >&2; cat "$T/err" >&2; }
printf 'gate = entrance\nholdoff = soon\n' >"$T/bad.conf"
expect "bad config file: exit 2 with file:line" 2 kiosk --config "$T/bad.conf" --headless
grep -q "bad.conf:2: holdoff must be a whole number" "$T/err" && ok "names the line" ||
    not_ok "names the line: $(cat "$T/err")"

# docs/kiosk.md holds the table the program prints.
kiosk --help-markdown >"$T/table"
if [ -s "$T/table" ] && grep -qxFf "$T/table" "$LY_ROOT/docs/kiosk.md" &&
    [ "$(grep -cxFf "$T/table" "$LY_ROOT/docs/kiosk.md")" -eq "$(wc -l <"$T/table")" ]; then
    ok "docs/kiosk.md options table matches --help-markdown"
else
    not_ok "docs/kiosk.md options table is out of date: paste lanyard-kiosk --help-markdown"
fi

# SIGTERM: a kiosk waiting on its source stops cleanly and promptly.
mkfifo "$T/fifo"
cp "$SNAP" "$T/term.db"
"$LY_BIN/lanyard-kiosk" --headless --db "$T/term.db" --gate entrance --source "wedge:$T/fifo" \
    --at "$AT" >"$T/out" 2>"$T/err" &
pid=$!
exec 7>"$T/fifo"
printf '%s\n' "$GOOD" >&7
for _ in $(seq 50); do [ -s "$T/out" ] && break; sleep 0.1; done
kill -TERM $pid
for _ in $(seq 30); do kill -0 $pid 2>/dev/null || break; sleep 0.1; done
if kill -0 $pid 2>/dev/null; then
    kill -9 $pid
    not_ok "SIGTERM: still running after 3 s"
else
    wait $pid
    rc=$?
    [ $rc -eq 0 ] && grep -q "stopped after 1 decisions" "$T/err" && ok "SIGTERM: exit 0 after a clean stop" ||
        not_ok "SIGTERM: exit $rc: $(cat "$T/err")"
fi
exec 7>&-

# Refusals: a damaged database, an unknown gate, missing settings.
cp "$SNAP" "$T/bad.db"
printf 'garbage garbage garbage' | dd of="$T/bad.db" bs=1 seek=4096 conv=notrunc 2>/dev/null
dd if=/dev/urandom of="$T/bad.db" bs=4096 seek=2 count=4 conv=notrunc 2>/dev/null
expect "damaged database: refused, exit 1" 1 kiosk --headless --db "$T/bad.db" --gate entrance \
    --source wedge:stdin
grep -qE "damaged|malformed|not a database" "$T/err" && ok "says the database is damaged" ||
    not_ok "says the database is damaged: $(cat "$T/err")"
expect "unknown gate: exit 1" 1 kiosk --headless --db "$T/wedge.db" --gate lobby --source wedge:stdin
grep -q 'unknown gate "lobby"' "$T/err" && ok "names the gate" || not_ok "names the gate"
expect "unknown session: exit 1" 1 kiosk --headless --db "$T/wedge.db" --gate session:NOPE \
    --source wedge:stdin
expect "no source: exit 1" 1 kiosk --headless --db "$T/wedge.db" --gate entrance
grep -q "no source" "$T/err" && ok "says what is missing" || not_ok "says what is missing"
expect "empty database (no snapshot): exit 1" 1 kiosk --headless --db "$T/new.db" --gate entrance \
    --source wedge:stdin
grep -q "holds no event" "$T/err" && ok "asks for a snapshot" || not_ok "asks for a snapshot"
expect "no mode: usage, exit 2" 2 kiosk --gate entrance
expect "flag without value: exit 2" 2 kiosk --headless --gate
finish
