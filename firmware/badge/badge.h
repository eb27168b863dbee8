/* badge.h - the signed badge credential: the ASCII code printed in a badge's QR.
 * Encodes, parses and verifies codes; no I/O, no allocation, links only libsodium.
 * The format is specified byte by byte in docs/badge-format.md. */
#ifndef LY_BADGE_H
#define LY_BADGE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define LY_BADGE_FORMAT       1  /* the format version this code writes and reads */
#define LY_BADGE_PK_BYTES     32 /* Ed25519 public key */
#define LY_BADGE_SK_BYTES     64 /* Ed25519 secret key (libsodium layout: seed then public key) */
#define LY_BADGE_SEED_BYTES   32
#define LY_BADGE_CODE_LEN_MAX 144 /* longest valid code (with a validity window), in characters */
#define LY_BADGE_CERT_BYTES   64  /* a kiosk key's certificate: an Ed25519 signature */
#define LY_BADGE_SIG_BYTES    64  /* a badge's Ed25519 signature */
/* A badge's validity window around the event (docs/badge-format.md, "Issuing"): from 00:00 UTC
 * this many days before the first day, until this many whole days after the last day ends. */
#define LY_BADGE_DAYS_BEFORE 7
#define LY_BADGE_DAYS_AFTER  2

struct ly_badge {
    uint32_t key_id;        /* which signing key: ly_badge_key_id() of its public key */
    uint32_t event_id;      /* the event the badge admits to */
    uint32_t attendee_id;   /* the registration's id in the organizer database */
    uint16_t badge_version; /* bumped on every reissue; older versions are refused */
    bool has_window;        /* whether valid_from/valid_until apply */
    uint32_t valid_from;    /* Unix seconds, first second the badge is valid */
    uint32_t valid_until;   /* Unix seconds, first second it is no longer valid */
    /* The signature, the one part a kiosk's database cannot reproduce: the key to the
     * attendee's sealed details (kioskdb_sealed.h). Filled by parse and verify. */
    uint8_t sig[LY_BADGE_SIG_BYTES];
};

/* A public key a verifier trusts. */
struct ly_badge_key {
    uint32_t key_id;
    uint8_t pk[LY_BADGE_PK_BYTES];
};

/* Verdicts, in the order verification reaches them. */
enum ly_badge_status {
    LY_BADGE_OK = 0,
    LY_BADGE_MALFORMED,           /* not a Lanyard code, or damaged */
    LY_BADGE_UNSUPPORTED_VERSION, /* a Lanyard code of a format version this build cannot read */
    LY_BADGE_UNKNOWN_KEY,         /* signed by a key this verifier does not hold */
    LY_BADGE_BAD_SIGNATURE,       /* forged or altered */
    LY_BADGE_WRONG_EVENT,         /* genuine, for another event */
    LY_BADGE_NOT_YET_VALID,       /* genuine, before its validity window */
    LY_BADGE_EXPIRED,             /* genuine, after its validity window */
};

/* Returns the stable identifier of a status ("ok", "malformed", "unsupported_version",
 * "unknown_key", "bad_signature", "wrong_event", "not_yet_valid", "expired"). Static string. */
const char *ly_badge_status_name(enum ly_badge_status st);

/* Returns a sentence a person at a gate understands. Static string, English. */
const char *ly_badge_status_text(enum ly_badge_status st);

/* Returns the key id of a public key: the first four bytes, big-endian, of its BLAKE2b-256
 * hash. */
uint32_t ly_badge_key_id(const uint8_t pk[LY_BADGE_PK_BYTES]);

/* Writes the NUL-terminated code for badge b signed with sk into out (outsz bytes, at least
 * LY_BADGE_CODE_LEN_MAX + 1). b->key_id must be the id of sk's public key. Returns false when
 * outsz is too small, the window is empty, or b->key_id does not match sk. */
__attribute__((warn_unused_result)) bool ly_badge_encode(const struct ly_badge *b,
                                                         const uint8_t sk[LY_BADGE_SK_BYTES],
                                                         char *out, size_t outsz);

/* Parses code (len bytes, need not be NUL-terminated) without checking its signature: only
 * for diagnostics and tests. Returns LY_BADGE_OK, LY_BADGE_MALFORMED or
 * LY_BADGE_UNSUPPORTED_VERSION; fills *out on OK. */
enum ly_badge_status ly_badge_parse(const char *code, size_t len, struct ly_badge *out);

/* Verifies code against the trusted keys (nkeys of them), for event_id at time now (Unix
 * seconds). Checks structure, then the key, then the signature, and only then the event and
 * the validity window. Fills *out (when not NULL) once the signature is good, so that a caller
 * can name the attendee of a wrong-event or expired badge. */
enum ly_badge_status ly_badge_verify(const char *code, size_t len, const struct ly_badge_key *keys,
                                     size_t nkeys, uint32_t event_id, int64_t now,
                                     struct ly_badge *out);

/* Kiosk keys (docs/badge-format.md, "Kiosk keys"): the hub certifies a kiosk's public key with
 * the event's signing key, binding the event, the key and the kiosk's range of walk-in attendee
 * ids. Writes the 64-byte certificate into cert; false when event_sk is not a key pair. */
__attribute__((warn_unused_result)) bool ly_badge_certify(const uint8_t event_sk[LY_BADGE_SK_BYTES],
                                                          uint32_t event_id,
                                                          const uint8_t kiosk_pk[LY_BADGE_PK_BYTES],
                                                          uint32_t id_first, uint32_t id_last,
                                                          uint8_t cert[LY_BADGE_CERT_BYTES]);

/* Whether cert certifies kiosk_pk with its id range for event_id under one of the keys. */
bool ly_badge_cert_verify(const struct ly_badge_key *keys, size_t nkeys, uint32_t event_id,
                          const uint8_t kiosk_pk[LY_BADGE_PK_BYTES], uint32_t id_first,
                          uint32_t id_last, const uint8_t cert[LY_BADGE_CERT_BYTES]);

/* A public key with what vouches for it: a kiosk's key carries the event key's certificate
 * (ly_badge_certify) and the kiosk's walk-in id range; an event key carries nothing
 * (certified false) and must be a root itself. */
struct ly_key_proof {
    struct ly_badge_key key;
    bool certified;
    uint8_t certificate[LY_BADGE_CERT_BYTES];
    uint32_t id_first, id_last;
};

/* Whether p's key may be trusted by a kiosk whose root keys (the event's keys it received at
 * enrollment, docs/security.md) are roots[0..nroots): it is one of them (same id and public
 * key), or it is certified for event_id by one of them. False when nroots is 0. */
bool ly_badge_key_vouched(const struct ly_badge_key *roots, size_t nroots, uint32_t event_id,
                          const struct ly_key_proof *p);

#endif
