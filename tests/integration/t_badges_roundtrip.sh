#!/bin/bash
# Round trip of the badge credential through paper: issue badges to PDF with `lanyard badges`,
# rasterize with pdftoppm, decode every QR with ZBar (zbarimg, binary mode), verify each with
# `lanyard badge verify`. Then a lost badge is reissued, a badge revoked, a partner ticket code
# checked, and altered codes refused with the right reason.
. "$(dirname "$0")/lib.sh"
DB=$T/forum.db
NOW=--now
WHEN=$(date -u +%Y-%m-%dT%H:%M)

check "demo event with 160 registrations" ly --db "$DB" demo-data --count 160 --seed 7
onsite=$(sqlite3 "$DB" "SELECT count(*) FROM registrations WHERE attendance = 'onsite' AND NOT revoked")
check "badges to an A6 PDF" ly --db "$DB" badges --out "$T/badges.pdf"
pages=$(pdfinfo "$T/badges.pdf" | awk '/^Pages:/ {print $2}')
[ "$pages" = "$onsite" ] && ok "one page per onsite attendee ($pages)" || not_ok "pages: $pages, onsite: $onsite"

# zbar_decode PNG...: one line per QR found, ZBar in binary mode as the kiosk uses it (binary
# mode prints payloads without separators, so each image is decoded on its own).
zbar_decode() {
    for png in "$@"; do
        zbarimg -q --raw -Sdisable -Sqrcode.enable -Sbinary "$png" 2>/dev/null && echo
    done | grep .
}
pdftoppm -r 110 -gray -png "$T/badges.pdf" "$T/page"
zbar_decode "$T"/page-*.png >"$T/codes.txt"
decoded=$(grep -c . "$T/codes.txt")
[ "$decoded" = "$onsite" ] && ok "ZBar decodes every badge's QR ($decoded)" || not_ok "decoded $decoded of $onsite"
[ "$(sort -u "$T/codes.txt" | wc -l)" = "$onsite" ] && ok "every badge's code is distinct" || not_ok "duplicate codes"

valid=0
while read -r code; do
    ly --db "$DB" badge verify "$code" $NOW "$WHEN" >"$T/v.json" && grep -q '"valid":true' "$T/v.json" && valid=$((valid + 1))
done <"$T/codes.txt"
[ "$valid" = "$onsite" ] && ok "every decoded code verifies ($valid)" || not_ok "valid: $valid of $onsite"

# A4 sheets: four badges a page, each decodable on its own.
eight=$(sqlite3 "$DB" "SELECT group_concat(id) FROM (SELECT id FROM registrations WHERE attendance = 'onsite' ORDER BY id LIMIT 8)")
check "badges to A4 sheets" ly --db "$DB" badges --out "$T/sheet.pdf" --sheet a4 --only "$eight"
sheets=$(pdfinfo "$T/sheet.pdf" | awk '/^Pages:/ {print $2}')
[ "$sheets" = 2 ] && ok "8 badges on 2 A4 sheets" || not_ok "A4 sheets: $sheets"
pdftoppm -r 150 -gray -png "$T/sheet.pdf" "$T/sheet"
n=0
for png in "$T"/sheet-*.png; do
    # Four codes on a sheet, concatenated by binary mode: count the LY1: prefixes.
    n=$((n + $(zbarimg -q --raw -Sdisable -Sqrcode.enable -Sbinary "$png" 2>/dev/null | grep -o 'LY1:' | wc -l)))
done
[ "$n" = 8 ] && ok "ZBar decodes all 8 badges on the sheets" || not_ok "sheet codes: $n"

code=$(head -n 1 "$T/codes.txt")
id=$(ly --db "$DB" badge verify "$code" $NOW "$WHEN" | sed -n 's/.*"attendee_id":\([0-9]*\).*/\1/p')
# Altered codes: a changed signature character, a changed prefix, lowercase.
sigpos=$((${#code} - 20))
c=${code:$sigpos:1}; [ "$c" = A ] && r=B || r=A
bad="${code:0:$sigpos}$r${code:$((sigpos + 1))}"
ly --db "$DB" badge verify "$bad" $NOW "$WHEN" >"$T/v.json"
rc=$?
[ $rc = 1 ] && grep -q '"result":"bad_signature"' "$T/v.json" && ok "altered signature: bad_signature, exit 1" || not_ok "altered signature: rc $rc $(cat "$T/v.json")"
ly --db "$DB" badge verify "LY2:${code:4}" $NOW "$WHEN" >"$T/v.json"
grep -q '"result":"unsupported_version"' "$T/v.json" && ok "other format version: unsupported_version" || not_ok "version: $(cat "$T/v.json")"
ly --db "$DB" badge verify "${code,,}" $NOW "$WHEN" >"$T/v.json"
grep -q '"result":"malformed"' "$T/v.json" && ok "lowercase code is not a badge: malformed" || not_ok "lowercase: $(cat "$T/v.json")"
ly --db "$DB" badge verify "$code" --now 2099-01-01T00:00 >"$T/v.json"
grep -q '"result":"expired"' "$T/v.json" && ok "after the event: expired" || not_ok "expired: $(cat "$T/v.json")"

# A badge of another event (same tool, another database) is refused.
check "another event" ly --db "$T/other.db" demo-data --count 5 --seed 3
other=$(ly --db "$T/other.db" badge code 1)
ly --db "$DB" badge verify "$other" $NOW "$WHEN" >"$T/v.json"
grep -q '"result":"unknown_key"' "$T/v.json" && ok "another event's badge: unknown_key" || not_ok "other event: $(cat "$T/v.json")"

# A lost badge: reissue, the old code is superseded, the new one works.
check "reissue" ly --db "$DB" badge reissue "$id"
ly --db "$DB" badge verify "$code" $NOW "$WHEN" >"$T/v.json"
grep -q '"result":"superseded"' "$T/v.json" && ok "old badge after reissue: superseded" || not_ok "superseded: $(cat "$T/v.json")"
new=$(ly --db "$DB" badge code "$id")
check "new badge verifies" ly --db "$DB" badge verify "$new" $NOW "$WHEN"
check "revoke" ly --db "$DB" badge revoke "$id"
ly --db "$DB" badge verify "$new" $NOW "$WHEN" >"$T/v.json"
grep -q '"result":"revoked"' "$T/v.json" && ok "revoked badge: revoked" || not_ok "revoked: $(cat "$T/v.json")"
check_fails "no badge is printed for a revoked attendee" ly --db "$DB" badge code "$id"

# Ticket codes from another system keep working.
alt=$(sqlite3 "$DB" "SELECT a.code FROM alt_codes a JOIN registrations r ON r.id = a.registration_id WHERE NOT r.revoked LIMIT 1")
if [ -n "$alt" ]; then
    ly --db "$DB" badge verify "$alt" >"$T/v.json"
    grep -q '"kind":"ticket_code"' "$T/v.json" && grep -q '"valid":true' "$T/v.json" && ok "partner ticket code verifies" || not_ok "ticket code: $(cat "$T/v.json")"
else
    not_ok "demo data has no partner ticket codes"
fi
check_fails "unknown code refused" ly --db "$DB" badge verify "NOT-A-TICKET-123"
finish
