#!/bin/bash
# `lanyard badges` from the command line: the summary line, page counts per layout, PNG files
# and their size, which registrations get a badge (onsite by default, --online, never revoked),
# --only by attendee id and by registration id, a reissued badge's new version, a registration
# without a country (no country printed), exit codes (0 written, 1 refused, 2 usage), no file
# left behind by a failed run, and a full disk reported.
. "$(dirname "$0")/lib.sh"
DB=$T/forum.db
PNGDIFF=$LY_ROOT/build/tools/pngdiff

pages() { pdfinfo "$1" 2>/dev/null | awk '/^Pages:/ {print $2}'; }
# png_size PNG: "WIDTH x HEIGHT" from the IHDR chunk (two big-endian 32-bit numbers at byte 16).
png_size() { od -An -j16 -N8 -tu4 --endian=big "$1" | awk '{print $1 " x " $2}'; }
same() { # NAME GOT WANT
    if [ "$2" = "$3" ]; then ok "$1"; else not_ok "$1 (got '$2', expected '$3')"; fi
}

if [ ! -x "$LY_BIN/lanyard" ]; then
    not_ok "no $LY_BIN/lanyard to test (build it first)"
    finish
fi
for tool in pdfinfo pdftoppm zbarimg; do
    command -v $tool >/dev/null || { echo "skip - $tool missing (board/deps.sh test)"; finish; }
done

check "init" ly --db "$DB" init --event "Global Digital Cooperation Forum 2025" --start 2025-06-23 \
    --end 2025-06-27
# 8 registrations: R-0003 is online; R-0007 gives no attendance (onsite).
check "import" ly --db "$DB" import registrations "$LY_ROOT/tests/data/import/lanyard_good.csv"

expect "badges: A6 PDF and PNGs" 0 ly --db "$DB" badges --out "$T/a6.pdf" --png "$T/png"
has "summary line" "$T/err" "7 badges written to $T/a6.pdf (QR version 6, error correction M; A6)"
has "online registrations are counted as skipped" "$T/err" \
    "1 online registration skipped (--online includes them)"
same "one A6 page per onsite badge" "$(pages "$T/a6.pdf")" 7
pdfinfo "$T/a6.pdf" | grep -q '^Page size: *297.6[0-9]* x 419.5[0-9]* pts' &&
    ok "A6 page size" || not_ok "A6 page size: $(pdfinfo "$T/a6.pdf" | grep 'Page size')"
[ ! -e "$T/a6.pdf.part" ] && ok "no .part file left" || not_ok ".part file left behind"
same "one PNG per badge, named by id and version" "$(ls "$T/png" | tr '\n' ' ')" \
    "badge-1-v1.png badge-2-v1.png badge-4-v1.png badge-5-v1.png badge-6-v1.png badge-7-v1.png badge-8-v1.png "
same "PNG is A6 at 150 dpi (620 x 874)" "$(png_size "$T/png/badge-1-v1.png")" "620 x 874"

# What is printed is what verifies: the PNG and the PDF page carry the same valid code.
code=$(zbarimg -q --raw -Sdisable -Sqrcode.enable "$T/png/badge-4-v1.png" 2>/dev/null)
pdftoppm -r 150 -gray -png -f 3 -l 3 "$T/a6.pdf" "$T/p"
pdfcode=$(zbarimg -q --raw -Sdisable -Sqrcode.enable "$T"/p-*3.png 2>/dev/null)
same "PDF page 3 and badge-4's PNG carry the same code" "$pdfcode" "$code"
expect "the printed code verifies during the event" 0 ly --db "$DB" badge verify "$code" \
    --now 2025-06-24T09:00
grep -q '"attendee_id":4' "$T/out" && ok "code names attendee 4" || not_ok "code: $(cat "$T/out")"
check "reprinting gives the same PNG" ly --db "$DB" badges --out "$T/again.pdf" --only 4 --png "$T/png2"
check "pngdiff: identical" "$PNGDIFF" "$T/png/badge-4-v1.png" "$T/png2/badge-4-v1.png"
expect "pngdiff: another badge differs" 1 "$PNGDIFF" "$T/png/badge-4-v1.png" "$T/png/badge-5-v1.png"
expect "pngdiff: different sizes are an error" 2 "$PNGDIFF" "$T/png/badge-4-v1.png" \
    "$LY_ROOT/tests/data/render/reference-badges.png"

expect "badges: A4 sheets with --online" 0 ly --db "$DB" badges --out "$T/a4.pdf" --sheet a4 --online
has "A4 summary" "$T/err" "8 badges written to $T/a4.pdf (QR version 6, error correction M; A4, 4 per sheet)"
same "8 badges on 2 A4 sheets" "$(pages "$T/a4.pdf")" 2

expect "--only by attendee id and registration id, duplicates once" 0 \
    ly --db "$DB" badges --out "$T/only.pdf" --only "2, R-0004,2,R-0008"
same "--only: 3 pages" "$(pages "$T/only.pdf")" 3
expect "--only an unknown id" 1 ly --db "$DB" badges --out "$T/none.pdf" --only 1,R-9999
grep -q "R-9999" "$T/err" && ok "the unknown id is named" || not_ok "message: $(cat "$T/err")"
[ ! -e "$T/none.pdf" ] && [ ! -e "$T/none.pdf.part" ] && ok "nothing written on refusal" ||
    not_ok "a file was left behind"
expect "--only an online registration prints nothing" 1 ly --db "$DB" badges --out "$T/x.pdf" --only R-0003
grep -q "no badges to print" "$T/err" && ok "says there is nothing to print" || not_ok "message: $(cat "$T/err")"

check "revoke 2" ly --db "$DB" badge revoke 2
check "reissue 5" ly --db "$DB" badge reissue 5
expect "badges after revoke and reissue" 0 ly --db "$DB" badges --out "$T/b.pdf" --png "$T/png3"
has "revoked badge left out" "$T/err" "1 revoked badge not printed"
same "6 pages" "$(pages "$T/b.pdf")" 6
[ -e "$T/png3/badge-5-v2.png" ] && [ ! -e "$T/png3/badge-2-v1.png" ] &&
    ok "reissued badge is version 2; revoked one absent" || not_ok "PNGs: $(ls "$T/png3")"
expect "a revoked badge is not printed even with --only" 1 ly --db "$DB" badges --out "$T/r.pdf" --only 2

expect "--no-window" 0 ly --db "$DB" badges --out "$T/nw.pdf" --only 1 --no-window --png "$T/nw"
code=$(zbarimg -q --raw -Sdisable -Sqrcode.enable "$T/nw/badge-1-v1.png" 2>/dev/null)
expect "a code without window verifies years later" 0 ly --db "$DB" badge verify "$code" \
    --now 2040-01-01T00:00

# a registration that did not state a country: no country on the badge, none in the verdict
printf 'id,name,affiliation\nNS-1,Ama Mensah,Open Forum Network\n' >"$T/ns.csv"
check "import one without a country" ly --db "$DB" import registrations "$T/ns.csv"
expect "its badge" 0 ly --db "$DB" badges --out "$T/ns.pdf" --only NS-1 --png "$T/ns"
text=$(pdftotext "$T/ns.pdf" - 2>/dev/null | tr '\n' ' ')
[[ $text == *"Open Forum Network"* && $text != *ZZ* && $text != *"stated"* ]] &&
    ok "the badge shows no country" || not_ok "badge text: $text"
code=$(zbarimg -q --raw -Sdisable -Sqrcode.enable "$T"/ns/badge-*-v1.png 2>/dev/null)
expect "its code verifies" 0 ly --db "$DB" badge verify "$code" --now 2025-06-23T09:00
grep -q '"country":"ZZ","country_name":""' "$T/out" && ok "the verdict: country ZZ, no name" ||
    not_ok "verdict: $(cat "$T/out")"

expect "usage: no --out" 2 ly --db "$DB" badges
expect "usage: bad --sheet" 2 ly --db "$DB" badges --out "$T/x.pdf" --sheet letter
expect "usage: bad --dpi" 2 ly --db "$DB" badges --out "$T/x.pdf" --dpi 12x
expect "usage: unknown option" 2 ly --db "$DB" badges --out "$T/x.pdf" --colour
expect "unwritable folder" 1 ly --db "$DB" badges --out "$T/no/such/dir/x.pdf"
if [ -c /dev/full ] && [ -w /dev/full ]; then
    expect "a full disk is an error" 1 ly --db "$DB" badges --out /dev/full
    grep -q "error while writing" "$T/err" && ok "full disk reported" || not_ok "message: $(cat "$T/err")"
    [ -c /dev/full ] && ok "/dev/full written in place, not replaced" || not_ok "/dev/full replaced"
fi
finish
