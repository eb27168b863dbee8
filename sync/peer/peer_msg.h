/* peer_msg.h - what the kiosks of one event say to each other directly (docs/sync-protocol.md,
 * "Peer exchange"): a message of check-ins from one kiosk's journal, each signed with that
 * kiosk's certified Ed25519 key, and the answer (how far the receiver holds the sender's
 * journal). The parser is for untrusted bytes from the venue network: bounded, strict, fuzzed
 * (tests/fuzz/fuzz_peer.c); it checks form only, the signatures are checked by ly_peer_verify. */
#ifndef LY_PEER_MSG_H
#define LY_PEER_MSG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "badge/badge.h"
#include "event/records.h"

#define LY_PEER_SIG_BYTES 64 /* an Ed25519 signature */

/* One message: check-ins of the journal of kiosk `from`, signed with its key key_id, in the order
 * of their sequence numbers. items[i].kiosk_id is from. */
struct ly_peer_msg {
    char from[LY_UUID_LEN + 1];
    uint32_t key_id;
    size_t n;
    struct ly_checkin items[LY_PEER_BATCH_MAX];
    uint8_t sig[LY_PEER_BATCH_MAX][LY_PEER_SIG_BYTES];
};

/* Signs check-in c of event event_id with the secret key sk into sig. */
void ly_peer_sign(uint32_t event_id, const struct ly_checkin *c,
                  const uint8_t sk[LY_BADGE_SK_BYTES], uint8_t sig[LY_PEER_SIG_BYTES]);

/* Whether sig is pk's signature of check-in c of event event_id (every field a peer uses:
 * origin, sequence, uuid, time, gate, attendee, decision, place, direction, policy). */
bool ly_peer_verify(uint32_t event_id, const struct ly_checkin *c,
                    const uint8_t pk[LY_BADGE_PK_BYTES], const uint8_t sig[LY_PEER_SIG_BYTES]);

/* Writes m as the JSON body of a message into a new buffer *out (len *outlen; the caller frees
 * it). Returns false when out of memory or m->n is over LY_PEER_BATCH_MAX. */
__attribute__((warn_unused_result)) bool ly_peer_msg_write(const struct ly_peer_msg *m, char **out,
                                                           size_t *outlen);

/* Parses a message body of len bytes (at most LY_PEER_BODY_MAX) into *m. Returns false with a
 * sentence in err when it is not one: not JSON, a member missing or out of its range, more than
 * LY_PEER_BATCH_MAX check-ins, sequence numbers not rising by one. */
__attribute__((warn_unused_result)) bool
ly_peer_msg_parse(const char *body, size_t len, struct ly_peer_msg *m, char *err, size_t errsz);

/* The answer to a message: {"have":N}, N the highest sequence of the sender's journal the
 * receiver holds. Written into buf (at least 32 bytes); parsed strictly. */
void ly_peer_answer_write(int64_t have, char *buf, size_t bufsz);
__attribute__((warn_unused_result)) bool ly_peer_answer_parse(const char *body, size_t len,
                                                              int64_t *have);

#endif
