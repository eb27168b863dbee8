#!/bin/bash
# t_pin.sh - the kiosk's channel to its hub (docs/security.md, "The kiosk's channel to its hub"),
# against a real hub on loopback and a man in the middle (tests/tools/mitm.py):
# - enrollment: the code carries the pin of the hub's TLS key (lanyard enroll --tls-cert), read
#   from a file (--enroll-file) or standard input (--enroll -); the old --enroll CODE works with a
#   warning; https without a pin, or plain http beyond loopback, refused without --insecure-http;
# - a TLS proxy presenting another certificate signed by the same CA: refused, data kept, the
#   log says why;
# - rotation: the hub announces its next key (tls-next-cert), kiosks that synced accept the
#   switch and drop the old pin; one that did not is refused until enrolled again (--replace);
# - a proxy on plain http rewriting a change page to add its own signing key: refused, data
#   kept, the log says why; one answering kiosk_revoked over --insecure-http: nothing wiped;
# - an enrolled kiosk's identity taken again only by lanyard enroll --replace;
# - a check-in the hub refuses, answered over the pinned channel: kept in the journal, marked;
# - enrollment attempts limited per address (429 too_many_attempts).
. "$(dirname "$0")/lib.sh"
ORG=$T/org.db
HUB_PID= MITM_PID=
cleanup() {
    [ -n "$HUB_PID" ] && kill "$HUB_PID" 2>/dev/null && wait "$HUB_PID" 2>/dev/null
    [ -n "$MITM_PID" ] && kill "$MITM_PID" 2>/dev/null && wait "$MITM_PID" 2>/dev/null
    rm -rf "$T"
}
trap cleanup EXIT
for p in lanyard lanyard-hub lanyard-kiosk; do
    [ -x "$LY_BIN/$p" ] || { not_ok "no $LY_BIN/$p to test (build it first)"; finish; }
done
kq() { sqlite3 "$T/$1.db" "$2"; }
org() { ly --db "$ORG" "$@"; }
kiosk() { "$LY_BIN/lanyard-kiosk" "$@"; }

# --- Certificates: a venue CA; the hub's key A, its next key C, and the attacker's key B, all
# signed by the same CA (so that only the pin tells them apart).
cert() { # NAME
    openssl req -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -subj "/CN=$1" \
        -keyout "$T/$1.key" -out "$T/$1.csr" 2>/dev/null &&
        openssl x509 -req -in "$T/$1.csr" -CA "$T/ca.pem" -CAkey "$T/ca.key" -CAcreateserial \
            -days 2 -extfile "$T/san" -out "$T/$1.pem" 2>/dev/null
}
printf 'subjectAltName=IP:127.0.0.1\n' >"$T/san"
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 2 -subj "/CN=Venue CA" \
    -keyout "$T/ca.key" -out "$T/ca.pem" 2>/dev/null && cert hub && cert next && cert evil &&
    ok "a CA, the hub's certificate, its next one and an attacker's, all signed by the CA" ||
    { not_ok "openssl"; finish; }
# The pin as openssl computes it: SHA-256 of the SubjectPublicKeyInfo, base64.
spki() { openssl x509 -in "$1" -pubkey -noout | openssl pkey -pubin -outform der |
    openssl dgst -sha256 -binary | base64; }

start_hub() { # ARGS...: the hub on loopback; sets U (https) or P (port)
    "$LY_BIN/lanyard-hub" --db "$ORG" --listen 127.0.0.1:0 --log-requests no "$@" \
        2>"$T/hub.log" &
    HUB_PID=$!
    for _ in $(seq 100); do grep -q msg=listening "$T/hub.log" && break; sleep 0.1; done
    P=$(grep -o 'msg=listening.* port=[0-9]*' "$T/hub.log" | grep -o '[0-9]*$')
    [ -n "$P" ]
}
stop_hub() { kill "$HUB_PID" 2>/dev/null; wait "$HUB_PID" 2>/dev/null; HUB_PID=; }
start_mitm() { # ARGS...: the proxy; sets M (its port)
    rm -f "$T/mitm.port"
    python3 "$LY_ROOT/tests/tools/mitm.py" "$@" "$T/mitm.port" 2>"$T/mitm.log" &
    MITM_PID=$!
    for _ in $(seq 100); do [ -s "$T/mitm.port" ] && break; sleep 0.1; done
    M=$(cat "$T/mitm.port" 2>/dev/null)
    [ -n "$M" ]
}
stop_mitm() { kill "$MITM_PID" 2>/dev/null; wait "$MITM_PID" 2>/dev/null; MITM_PID=; }

check "demo forum of 60" org demo-data --count 60
REGS=$(sqlite3 "$ORG" "SELECT count(*) FROM registrations")
start_hub --tls-cert "$T/hub.pem" --tls-key "$T/hub.key" && ok "hub listens over TLS" ||
    { not_ok "hub did not start: $(cat "$T/hub.log")"; finish; }
U=https://127.0.0.1:$P
grep "msg=listening" "$T/hub.log" | grep -qF "sha256//$(spki "$T/hub.pem")" &&
    ok "the hub logs its pin, the same as openssl's SPKI SHA-256" ||
    not_ok "hub pin: $(grep -o 'pins=[^ ]*' "$T/hub.log"), openssl sha256//$(spki "$T/hub.pem")"

# --- Enrollment with a pinned code, from a file and from standard input.
org enroll --name "North 1" --gate entrance --tls-cert "$T/hub.pem" --no-qr >"$T/code1.txt"
C1=$(head -1 "$T/code1.txt")
[ "$C1" = "LYE1:${C1:5:14}:sha256//$(spki "$T/hub.pem")" ] &&
    ok "lanyard enroll --tls-cert: line 1 is LYE1:CODE:PIN with the certificate's pin" ||
    not_ok "enrollment text: $C1"
head -1 "$T/code1.txt" >"$T/code1"
expect "enroll from a file (--enroll-file)" 0 kiosk --db "$T/k1.db" --hub "$U" --hub-ca "$T/ca.pem" \
    --enroll-file "$T/code1"
[ "$(kq k1 "SELECT value FROM meta WHERE key = 'hub_pins'")" = "sha256//$(spki "$T/hub.pem")" ] &&
    [ "$(kq k1 "SELECT count(*) FROM attendees")" = "$REGS" ] &&
    [ -n "$(kq k1 "SELECT value FROM meta WHERE key = 'root_keys'")" ] &&
    ok "k1 keeps the pin and the event's root keys, and holds all $REGS registrations" ||
    not_ok "k1: pins $(kq k1 "SELECT value FROM meta WHERE key = 'hub_pins'"), $(kq k1 "SELECT count(*) FROM attendees") attendees"
! grep -q "cmdline" "$T/err" && ok "no warning about the command line" || not_ok "warned: $(cat "$T/err")"
C2=$(org enroll --name "North 2" --gate entrance --tls-cert "$T/hub.pem" --no-qr | head -1)
echo "$C2" | kiosk --db "$T/k2.db" --hub "$U" --hub-ca "$T/ca.pem" --enroll - >"$T/out" 2>"$T/err"
[ $? = 0 ] && [ "$(kq k2 "SELECT count(*) FROM attendees")" = "$REGS" ] &&
    ok "enroll from standard input (--enroll -)" || not_ok "stdin enrollment: $(cat "$T/err")"
C3=$(org enroll --name "North 3" --gate entrance --tls-cert "$T/hub.pem" --no-qr | head -1)
expect "the old --enroll CODE still enrolls" 0 kiosk --db "$T/k3.db" --hub "$U" --hub-ca "$T/ca.pem" \
    --enroll "$C3"
grep -q "/proc/PID/cmdline" "$T/err" && ok "and warns that the code is visible in /proc/PID/cmdline" ||
    not_ok "no warning: $(cat "$T/err")"
# --- A pinned kiosk's check-in the hub refuses (docs/security.md, "What the hub accepts from a
# kiosk"): answered over the pinned channel, kept in k3's journal marked, and not sent again.
SESSION=$(sqlite3 "$ORG" "SELECT ext_id FROM sessions ORDER BY id LIMIT 1")
AT=$(date +%F)T10:00
org badge code 7 >"$T/codes"
check "k3 admits at the exit (a gate its staff mode offers)" kiosk --headless --db "$T/k3.db" \
    --gate exit --source "wedge:$T/codes" --holdoff 0 --at "$AT"
check "k3 admits at a session door it was not enrolled at" kiosk --headless --db "$T/k3.db" \
    --gate "session:$SESSION" --source "wedge:$T/codes" --holdoff 0 --at "$AT"
refused_total() { curl -s --cacert "$T/ca.pem" "$U/metrics" |
    grep -o '^lanyard_hub_checkins_total{result="refused"} [0-9]*' | cut -d' ' -f2; }
check "k3 syncs over its pinned channel" kiosk --db "$T/k3.db" --sync-once
[ "$(kq k3 "SELECT group_concat(gate || ':' || sent || ':' || refused, ' ') FROM checkins ORDER BY seq")" = \
    "exit:1: session:$SESSION:1:gate" ] && [ "$(refused_total)" = 1 ] &&
    ok "the hub refused the session entry; k3 keeps it, sent and marked 'gate'" ||
    not_ok "k3 journal: $(kq k3 "SELECT gate, sent, refused FROM checkins"), refused $(refused_total)"
check "k3 syncs again" kiosk --db "$T/k3.db" --sync-once
[ "$(refused_total)" = 1 ] && ok "the refused entry is not sent again" ||
    not_ok "resent: $(refused_total) refused"
expect "an empty enrollment file is refused" 2 kiosk --db "$T/k9.db" --hub "$U" --enroll-file /dev/null
C4=$(org enroll --name "North 4" --gate entrance --no-qr | head -1)
echo "$C4" >"$T/code4"
expect "a code without a pin is refused for an https hub" 1 kiosk --db "$T/k4.db" --hub "$U" \
    --hub-ca "$T/ca.pem" --enroll-file "$T/code4"
grep -q "no pin of the hub's TLS key" "$T/err" && ok "and says why" || not_ok "unpinned: $(cat "$T/err")"
expect "a pinned code with an http:// hub URL is refused" 1 kiosk --db "$T/k4.db" \
    --hub "http://127.0.0.1:$P" --enroll-file "$T/code1"

# --- Plain http to an address that is not loopback: refused unless --insecure-http.
expect "plain http:// to 192.0.2.1 is refused" 1 kiosk --db "$T/k5.db" --hub http://192.0.2.1:9 \
    --enroll-file "$T/code4"
grep -q "plain http:// to http://192.0.2.1:9 is refused" "$T/err" && ok "and says why" ||
    not_ok "plain http: $(cat "$T/err")"
expect "with --insecure-http it is tried (and warned about)" 1 kiosk --db "$T/k5.db" \
    --hub http://192.0.2.1:9 --insecure-http --enroll-file "$T/code4"
grep -q "WARNING: --insecure-http" "$T/err" && grep -q "did not answer" "$T/err" &&
    ok "the attempt is made, with a warning" || not_ok "insecure: $(cat "$T/err")"

# --- A man in the middle with another certificate signed by the same CA.
start_mitm --upstream "$U" --tls-cert "$T/evil.pem" --tls-key "$T/evil.key" &&
    ok "a TLS proxy with the attacker's certificate" || { not_ok "mitm: $(cat "$T/mitm.log")"; finish; }
curl -s --cacert "$T/ca.pem" "https://127.0.0.1:$M/api/v1/health" | grep -q '"ok":true' &&
    ok "the CA vouches for it (curl with the CA goes through)" || not_ok "proxy not reachable"
before=$(kq k1 "SELECT count(*) FROM attendees")
expect "k1 through the proxy: refused" 1 kiosk --db "$T/k1.db" --hub "https://127.0.0.1:$M" --sync-once
grep -q "not the hub's key pinned at enrollment" "$T/err" && ok "and the log says why (pinned key)" ||
    not_ok "mitm refusal: $(cat "$T/err")"
[ "$(kq k1 "SELECT count(*) FROM attendees")" = "$before" ] &&
    [ -n "$(kq k1 "SELECT value FROM meta WHERE key = 'hub_token_sealed'")" ] &&
    ok "k1 keeps its $before attendees and its token" || not_ok "k1 lost data"
C6=$(org enroll --name "North 6" --gate entrance --tls-cert "$T/hub.pem" --no-qr | head -1)
echo "$C6" >"$T/code6"
expect "enrolling through the proxy: refused" 1 kiosk --db "$T/k6.db" --hub "https://127.0.0.1:$M" \
    --hub-ca "$T/ca.pem" --enroll-file "$T/code6"
expect "the code is still good at the real hub (the proxy never saw it)" 0 kiosk --db "$T/k6.db" \
    --hub "$U" --hub-ca "$T/ca.pem" --enroll-file "$T/code6"
stop_mitm

# --- Rotation: the hub announces its next key; k1 syncs, k2 does not; then the switch.
stop_hub
start_hub --tls-cert "$T/hub.pem" --tls-key "$T/hub.key" --tls-next-cert "$T/next.pem" &&
    ok "hub restarted announcing its next key" || { not_ok "hub: $(cat "$T/hub.log")"; finish; }
U=https://127.0.0.1:$P
expect "k1 syncs" 0 kiosk --db "$T/k1.db" --hub "$U" --sync-once
[ "$(kq k1 "SELECT value FROM meta WHERE key = 'hub_pins'")" = \
    "sha256//$(spki "$T/hub.pem");sha256//$(spki "$T/next.pem")" ] &&
    ok "k1 now accepts both keys" || not_ok "k1 pins: $(kq k1 "SELECT value FROM meta WHERE key = 'hub_pins'")"
stop_hub
start_hub --tls-cert "$T/next.pem" --tls-key "$T/next.key" && ok "hub switched to its next key" ||
    { not_ok "hub: $(cat "$T/hub.log")"; finish; }
U=https://127.0.0.1:$P
expect "k1 syncs with the new key" 0 kiosk --db "$T/k1.db" --hub "$U" --sync-once
[ "$(kq k1 "SELECT value FROM meta WHERE key = 'hub_pins'")" = "sha256//$(spki "$T/next.pem")" ] &&
    ok "and drops the old pin" || not_ok "k1 pins: $(kq k1 "SELECT value FROM meta WHERE key = 'hub_pins'")"
expect "k2, which missed the announcement, is refused" 1 kiosk --db "$T/k2.db" --hub "$U" --sync-once
grep -q "not the hub's key pinned" "$T/err" && ok "and says why" || not_ok "k2: $(cat "$T/err")"

# --- An enrolled kiosk's identity: a fresh code does not take it; --replace does.
C7=$(org enroll --name "North 2b" --gate exit --tls-cert "$T/next.pem" --no-qr | head -1)
echo "$C7" >"$T/code7"
expect "k2 with a fresh code: refused (it is enrolled)" 1 kiosk --db "$T/k2.db" --hub "$U" \
    --hub-ca "$T/ca.pem" --enroll-file "$T/code7"
grep -q "lanyard enroll --replace" "$T/err" && ok "and says an organizer must --replace it" ||
    not_ok "replace: $(cat "$T/err")"
org enroll --replace "North 2" --tls-cert "$T/next.pem" --no-qr >"$T/code8.txt" &&
    ok "lanyard enroll --replace \"North 2\"" || not_ok "replace: $(cat "$T/code8.txt")"
grep -q "replacing kiosk $(kq k2 "SELECT kiosk_id FROM kiosk")" "$T/code8.txt" &&
    ok "names the kiosk it replaces" || not_ok "$(cat "$T/code8.txt")"
head -1 "$T/code8.txt" >"$T/code8"
expect "k2 enrolls again with it" 0 kiosk --db "$T/k2.db" --hub "$U" --hub-ca "$T/ca.pem" \
    --enroll-file "$T/code8"
[ "$(kq k2 "SELECT value FROM meta WHERE key = 'hub_pins'")" = "sha256//$(spki "$T/next.pem")" ] &&
    [ "$(kq k2 "SELECT value FROM meta WHERE key = 'kiosk_name'")" = "North 2" ] &&
    ok "with the new pin and its old name" || not_ok "k2 after replace"
stop_hub

# --- The hub: plain HTTP beyond loopback only with --insecure-http yes, said in its log.
expect "the hub refuses plain HTTP on 0.0.0.0" 2 "$LY_BIN/lanyard-hub" --db "$ORG" --listen 0.0.0.0:0
grep -q "insecure-http" "$T/err" && ok "and says how to allow it" || not_ok "hub: $(cat "$T/err")"
start_hub --insecure-http yes && grep -q "msg=insecure-http" "$T/hub.log" &&
    ok "with --insecure-http yes it starts (here on loopback) and logs it" ||
    not_ok "hub insecure: $(cat "$T/hub.log")"
stop_hub

# --- A proxy on plain http adding its own signing key to a page of changes.
start_hub && ok "hub on plain http (loopback)" || { not_ok "hub: $(cat "$T/hub.log")"; finish; }
H=http://127.0.0.1:$P
C9=$(org enroll --name "Plain 1" --gate entrance --no-qr | head -1)
echo "$C9" >"$T/code9"
expect "a kiosk enrolls over http on loopback without a pin" 0 kiosk --db "$T/p1.db" --hub "$H" \
    --enroll-file "$T/code9"
keys=$(kq p1 "SELECT count(*) FROM public_keys")
cursor=$(kq p1 "SELECT value FROM meta WHERE key = 'sync_cursor'")
ID=$(sqlite3 "$ORG" "SELECT min(id) FROM registrations")
check "the organizer revokes a badge (a change to sync)" org badge revoke "$ID"
start_mitm --upstream "$H" --add-key && ok "a proxy that adds its key to change pages" ||
    { not_ok "mitm: $(cat "$T/mitm.log")"; finish; }
expect "the kiosk through it: refused" 1 kiosk --db "$T/p1.db" --hub "http://127.0.0.1:$M" --sync-once
grep -q "is not vouched for by the event's root keys" "$T/err" &&
    ok "and the log says why (a key no root key vouches for)" || not_ok "add-key: $(cat "$T/err")"
[ "$(kq p1 "SELECT count(*) FROM public_keys")" = "$keys" ] &&
    [ "$(kq p1 "SELECT value FROM meta WHERE key = 'sync_cursor'")" = "$cursor" ] &&
    [ "$(kq p1 "SELECT revoked FROM attendees WHERE id = $ID")" = 0 ] &&
    ok "no key added, nothing of the page applied, the cursor unchanged" || not_ok "p1 changed"
stop_mitm
expect "the same kiosk at the hub itself takes the page" 0 kiosk --db "$T/p1.db" --hub "$H" --sync-once
[ "$(kq p1 "SELECT revoked FROM attendees WHERE id = $ID")" = 1 ] && ok "the revocation arrived" ||
    not_ok "revocation not applied"

# --- kiosk_revoked forged over --insecure-http: nothing wiped. [::ffff:127.0.0.1] is loopback
# in fact, but the kiosk counts only 127/8, localhost and [::1] as loopback: it takes this
# address for a network one, so the test needs no other interface.
start_mitm --upstream "$H" --revoke && ok "a proxy that answers kiosk_revoked" ||
    { not_ok "mitm: $(cat "$T/mitm.log")"; finish; }
expect "[::ffff:127.0.0.1] over plain http without --insecure-http: refused" 1 \
    kiosk --db "$T/p1.db" --hub "http://[::ffff:127.0.0.1]:$M" --sync-once
expect "with --insecure-http: the forged revocation fails the round" 1 \
    kiosk --db "$T/p1.db" --hub "http://[::ffff:127.0.0.1]:$M" --insecure-http --sync-once
grep -q "could forge it (--insecure-http): the data is kept" "$T/err" &&
    grep -q "WARNING: --insecure-http" "$T/err" &&
    ok "and says it wipes nothing (and warns about --insecure-http)" || not_ok "revoke: $(cat "$T/err")"
[ "$(kq p1 "SELECT count(*) FROM attendees")" = "$REGS" ] &&
    [ -z "$(kq p1 "SELECT value FROM meta WHERE key = 'revoked_ms'")" ] &&
    ok "the attendees are all there" || not_ok "p1 wiped by a forged answer"
expect "on loopback the same answer wipes (loopback is the hub's own machine)" 1 \
    kiosk --db "$T/p1.db" --hub "http://127.0.0.1:$M" --sync-once
[ "$(kq p1 "SELECT count(*) FROM attendees")" = 0 ] && ok "wiped" || not_ok "not wiped on loopback"
stop_mitm

# --- Enrollment attempts from one address: the 11th refused code within 10 minutes is 429,
# and so is a good code from that address afterwards.
for i in $(seq 10); do
    curl -s -o /dev/null -w '%{http_code}\n' -H 'Content-Type: application/json' \
        -d "{\"code\":\"AAAA-AAAA-AA$(printf %02d "$i")\",\"kiosk_id\":\"0f8fad5b-d9cb-469f-a165-70867728950e\"}" \
        "$H/api/v1/enroll"
done >"$T/codes"
[ "$(sort -u "$T/codes")" = 401 ] && ok "10 bad codes: 401 each" || not_ok "bad codes: $(sort "$T/codes" | uniq -c)"
curl -s -w '\n%{http_code}\n' -H 'Content-Type: application/json' \
    -d '{"code":"AAAA-AAAA-AA11","kiosk_id":"0f8fad5b-d9cb-469f-a165-70867728950e"}' \
    "$H/api/v1/enroll" >"$T/limited"
grep -qx 429 "$T/limited" && grep -q '"too_many_attempts"' "$T/limited" &&
    ok "the 11th: 429 too_many_attempts" || not_ok "11th: $(cat "$T/limited")"
C10=$(org enroll --name "Plain 2" --gate entrance --no-qr | head -1)
echo "$C10" >"$T/code10"
expect "then a good code from the same address: refused" 1 kiosk --db "$T/p2.db" --hub "$H" \
    --enroll-file "$T/code10"
grep -q "Too many refused enrollments from this address" "$T/err" && ok "with a clear error" ||
    not_ok "limited: $(cat "$T/err")"
stop_hub
finish
