/* fuzz_peer.c - libFuzzer harness for a kiosk's peer messages (peer/peer_msg.h), any bytes from
 * the venue network. An accepted message holds at most LY_PEER_BATCH_MAX check-ins of one
 * origin, each with bounded, terminated fields and sequence numbers rising by one; written back
 * it parses to the same; a signature taken from the bytes never verifies under a key made here
 * (the fuzzer cannot forge Ed25519); the answer parser takes only {"have":N}. */
#include <sodium.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "peer/peer_msg.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static bool bounded(const struct ly_checkin *c)
{
    return strlen(c->uuid) == LY_UUID_LEN && strlen(c->gate) <= LY_GATE_MAX &&
           strlen(c->place) <= LY_GATE_MAX && strlen(c->policy) <= LY_POLICY_MAX &&
           strlen(c->decision) < sizeof c->decision && c->seq >= 1 && c->direction >= -1 &&
           c->direction <= 1 && c->gate[0] != '\0' && c->decision[0] != '\0';
}

static bool same(const struct ly_checkin *a, const struct ly_checkin *b)
{
    return strcmp(a->uuid, b->uuid) == 0 && a->seq == b->seq && a->wall_ms == b->wall_ms &&
           strcmp(a->gate, b->gate) == 0 && a->attendee_id == b->attendee_id &&
           strcmp(a->decision, b->decision) == 0 && strcmp(a->place, b->place) == 0 &&
           a->direction == b->direction && strcmp(a->policy, b->policy) == 0 &&
           strcmp(a->kiosk_id, b->kiosk_id) == 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static uint8_t pk[LY_BADGE_PK_BYTES], sk[LY_BADGE_SK_BYTES];
    static bool keyed;
    static struct ly_peer_msg m, back;
    char err[256] = "";
    int64_t have;
    if (!keyed) {
        if (sodium_init() < 0)
            abort();
        crypto_sign_keypair(pk, sk);
        keyed = true;
    }
    (void)ly_peer_answer_parse((const char *)data, size, &have);
    if (!ly_peer_msg_parse((const char *)data, size, &m, err, sizeof err)) {
        if (err[0] == '\0' || m.n != 0)
            abort();
        return 0;
    }
    if (m.n > LY_PEER_BATCH_MAX || strlen(m.from) != LY_UUID_LEN || m.key_id == 0)
        abort();
    for (size_t i = 0; i < m.n; i++) {
        if (!bounded(&m.items[i]) || (i > 0 && m.items[i].seq != m.items[i - 1].seq + 1))
            abort();
        if (ly_peer_verify(1, &m.items[i], pk, m.sig[i]))
            abort();
    }
    char *body;
    size_t len;
    if (!ly_peer_msg_write(&m, &body, &len))
        abort();
    if (!ly_peer_msg_parse(body, len, &back, err, sizeof err) || back.n != m.n ||
        strcmp(back.from, m.from) != 0 || back.key_id != m.key_id)
        abort();
    for (size_t i = 0; i < m.n; i++) {
        if (!same(&m.items[i], &back.items[i]) ||
            memcmp(m.sig[i], back.sig[i], LY_PEER_SIG_BYTES) != 0)
            abort();
        /* signed here, the entry verifies, and only with its own fields */
        ly_peer_sign(1, &m.items[i], sk, m.sig[i]);
        if (!ly_peer_verify(1, &m.items[i], pk, m.sig[i]) ||
            ly_peer_verify(2, &m.items[i], pk, m.sig[i]))
            abort();
    }
    free(body);
    return 0;
}
