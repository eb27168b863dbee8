#!/bin/bash
# t_staff_pin.sh - the staff PIN from the organizer's side: `lanyard-kiosk --hash-pin` turns a PIN
# typed on standard input into the configuration line (an argon2id hash, salted: never the same
# twice), refuses anything that is not a PIN with exit 2 and prints nothing then; the kiosk starts
# with that line in its configuration file and refuses a hash that is not argon2id, and bad
# staff-idle-s and staff-categories values, naming the line.
. "$(dirname "$0")/lib.sh"
kiosk() { "$LY_BIN/lanyard-kiosk" "$@"; }

expect "--hash-pin hashes a PIN" 0 kiosk --hash-pin <<<"482913"
LINE=$(cat "$T/out")
if [[ $LINE =~ ^staff-pin-hash\ =\ \$argon2id\$v=19\$m=65536,t=2,p=1\$[A-Za-z0-9+/]+\$[A-Za-z0-9+/]+$ ]]; then
    ok "the line is staff-pin-hash = an argon2id hash (64 MiB, 2 passes)"
else
    not_ok "unexpected --hash-pin output: $LINE"
fi
[ "$(wc -l <"$T/out")" -eq 1 ] && ok "one line" || not_ok "--hash-pin printed $(wc -l <"$T/out") lines"
grep -q 482913 "$T/out" "$T/err" && not_ok "the PIN itself was printed" || ok "the PIN is not printed"
expect "the same PIN again" 0 kiosk --hash-pin <<<"482913"
[ "$(cat "$T/out")" != "$LINE" ] && ok "salted: a second hash differs" || not_ok "two equal hashes"
expect "a PIN without a newline, 12 digits" 0 bash -c "printf 123456789012 | '$LY_BIN/lanyard-kiosk' --hash-pin"
expect "a PIN with CRLF" 0 bash -c "printf '0000\r\n' | '$LY_BIN/lanyard-kiosk' --hash-pin"

for bad in "abc" "123" "1234567890123" "" "12 34" "12345678901234567890123456789" "١٢٣٤"; do
    expect "--hash-pin refuses \"$bad\" with exit 2" 2 kiosk --hash-pin <<<"$bad"
    [ -s "$T/out" ] && not_ok "\"$bad\": printed $(cat "$T/out")"
    grep -q "4 to 12 digits" "$T/err" || not_ok "\"$bad\": no reason given: $(cat "$T/err")"
done
expect "--hash-pin with nothing on standard input" 2 kiosk --hash-pin </dev/null

# The line goes into a kiosk's configuration as it is.
check "demo forum" ly --db "$T/hub.db" demo-data --count 20 --start 2026-06-01
check "kiosk snapshot" ly --db "$T/hub.db" kiosk-snapshot --out "$T/kiosk.db"
{
    echo "headless = yes"
    echo "db = $T/kiosk.db"
    echo "gate = desk"
    echo "source = wedge:stdin"
    echo "at = 2026-06-02T10:00"
    echo "$LINE"
    echo "staff-idle-s = 90"
    echo "staff-categories = staff, host_country"
} >"$T/desk.conf"
expect "a kiosk starts with the hash in its configuration" 0 kiosk --config "$T/desk.conf" </dev/null
sed 's/\$argon2id\$/$argon2i$/' "$T/desk.conf" >"$T/bad.conf"
expect "an argon2i (not argon2id) hash is refused" 2 kiosk --config "$T/bad.conf" </dev/null
grep -q "bad.conf:6: staff-pin-hash must be an argon2id hash" "$T/err" && ok "the error names the line" ||
    not_ok "unexpected error: $(head -1 "$T/err")"
expect "an empty hash turns staff mode by PIN off" 0 kiosk --config "$T/desk.conf" --staff-pin-hash "" </dev/null
expect "staff-idle-s 5 is refused" 2 kiosk --config "$T/desk.conf" --staff-idle-s 5 </dev/null
expect "an unknown staff category is refused" 2 kiosk --config "$T/desk.conf" --staff-categories "staff janitor" </dev/null
grep -q '"janitor" is not a registration category' "$T/err" && ok "the error names the category" ||
    not_ok "unexpected error: $(head -1 "$T/err")"
finish
