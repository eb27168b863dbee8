# faults.sh - sourced (after lib.sh) by the sync fault tests (t_sync_faults*.sh): the hub's port
# from its log, and the hub's answer to an upload while its database cannot take it.

# hub_port LOG: waits (20 s at most) for the hub's "listening" line in LOG and prints its port.
hub_port() {
    wait_for 20 "grep -q 'msg=listening' '$1'"
    grep -o 'msg=listening.* port=[0-9]*' "$1" | tail -1 | grep -o 'port=[0-9]*$' | cut -d= -f2
}

# answers_503 URL KIOSKDB: posts an empty batch with the kiosk's token, as the kiosk would; passes
# when the hub answers 503 "unavailable" with a Retry-After header.
answers_503() {
    local token kid
    token=$("$LY_ROOT/build/tools/kiosktoken" "$2") # sealed in the database (docs/security.md)
    kid=$(sqlite3 "$2" "SELECT kiosk_id FROM kiosk")
    curl -s -o "$T/503.body" -D "$T/503.headers" -X POST -H "Authorization: Bearer $token" \
        -H "Content-Type: application/json" \
        --data "{\"kiosk_id\":\"$kid\",\"queue\":0,\"checkins\":[]}" "$1/api/v1/checkins"
    if grep -q "^HTTP/1.1 503" "$T/503.headers" && grep -qi "^Retry-After: [0-9]" "$T/503.headers" &&
        grep -q '"error":"unavailable"' "$T/503.body"; then
        ok "the hub answers 503 unavailable with Retry-After"
    else
        not_ok "the hub's answer: $(cat "$T/503.headers" "$T/503.body" 2>/dev/null)"
    fi
}

# waits_as_told KIOSK_ERR: every 503 the kiosk logged was followed by a wait of at least the hub's
# Retry-After (LY_HUB_RETRY_AFTER_S, 2 s), not by the backoff's first fraction of a second.
waits_as_told() {
    local waits
    waits=$(grep -o 'HTTP 503 unavailable.*(next attempt in [0-9.]* s)' "$1" | grep -o '[0-9.]* s)$' | cut -d' ' -f1)
    if [ -n "$waits" ] && [ -z "$(echo "$waits" | awk '$1 < 2.0')" ]; then
        ok "after each 503 the kiosk waits at least the Retry-After ($(echo $waits | tr ' ' ','))"
    else
        not_ok "the kiosk's waits after a 503: ${waits:-none logged}"
    fi
}
