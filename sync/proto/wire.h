/* wire.h - the kiosk's side of the sync protocol's JSON (docs/sync-protocol.md): the bodies it
 * sends (enrollment, a batch of check-ins) and the answers it reads (enrollment, per-check-in
 * results, errors). Answers are read with the bounded reader (jsonr.h) and every field is
 * checked against its limit; nothing is cut to fit. */
#ifndef LY_WIRE_H
#define LY_WIRE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "client/http.h"
#include "event/records.h"
#include "proto/health.h"
#include "store/store.h" /* LY_KIOSK_NAME_MAX */

#define LY_ENROLL_CODE_MAX  64  /* an enrollment code as typed or scanned ("XXXX-XXXX-XXXX") */
#define LY_WIRE_MESSAGE_MAX 300 /* an error sentence kept from an answer */

/* The body of POST /api/v1/enroll, with the kiosk's signing public key for the hub to certify
 * (sign_pk; NULL: none), malloc'd into *out (*len bytes, NUL-terminated; the caller frees it). */
__attribute__((warn_unused_result)) bool
ly_wire_enroll_request(const char *code, const char *kiosk_id, const uint8_t *sign_pk, char **out,
                       size_t *len, char *err, size_t errsz);

struct ly_wire_enrollment {
    char token[LY_HTTP_TOKEN_MAX + 1];
    char name[LY_KIOSK_NAME_MAX + 1];
    char gate[LY_GATE_MAX + 1];
    int64_t event_id;
    bool has_key; /* the hub certified the kiosk's key: */
    int64_t key_id;
    uint8_t certificate[LY_BADGE_CERT_BYTES];
    int64_t id_first, id_last; /* the kiosk's walk-in attendee ids */
    /* The event's root keys (root_keys): the keys every later key must be vouched for by. */
    struct ly_badge_key roots[LY_EVENT_KEYS_MAX];
    size_t nroots;
};

/* Reads the answer to an enrollment. */
__attribute__((warn_unused_result)) bool ly_wire_enroll_answer(const char *body, size_t len,
                                                               struct ly_wire_enrollment *out,
                                                               char *err, size_t errsz);

/* The body of POST /api/v1/checkins for c[0..n) (n <= LY_SYNC_BATCH_MAX), queue being the
 * unsent count after this batch, with the kiosk's health report unless health is NULL, and the
 * address it listens at for its peers unless peer is NULL ("": it does not listen); malloc'd
 * into *out as above. */
__attribute__((warn_unused_result)) bool ly_wire_push_request(const char *kiosk_id, int64_t queue,
                                                              const struct ly_checkin *c, size_t n,
                                                              const struct ly_kiosk_health *health,
                                                              const char *peer, char **out,
                                                              size_t *len, char *err, size_t errsz);

#define LY_WIRE_REASON_MAX 32 /* a refusal's reason code ("unknown_attendee") */

struct ly_wire_push_result {
    size_t stored, duplicate, rejected, refused;
    char first_rejection[LY_WIRE_MESSAGE_MAX + 1]; /* "UUID: error" of the first one */
    char first_refusal[LY_WIRE_MESSAGE_MAX + 1];   /* "UUID: reason" of the first one */
};

/* Reads the answer to a batch of c[0..n): committed[i] is set when the hub stored c[i] or had
 * it already (mark those sent), cleared otherwise. refused (NULL: not wanted) gets, for each c[i]
 * the hub refused for good (status "refused": mark it sent and refused), the hub's reason code
 * (lower-case letters and '_'), "" for the others. An answer naming a UUID that was not sent, or
 * refusing without a reason, is an error. */
__attribute__((warn_unused_result)) bool
ly_wire_push_answer(const char *body, size_t len, const struct ly_checkin *c, size_t n,
                    bool *committed, char (*refused)[LY_WIRE_REASON_MAX + 1],
                    struct ly_wire_push_result *out, char *err, size_t errsz);

/* Reads an error answer ({"error":"CODE","message":"..."}) into code and message; both are ""
 * when the body is not one. */
void ly_wire_error(const char *body, size_t len, char *code, size_t codesz, char *message,
                   size_t messagesz);

#endif
