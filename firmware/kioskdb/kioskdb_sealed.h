/* kioskdb_sealed.h - attendee details sealed per badge (docs/security.md, "Attendee details
 * sealed per badge"): an attendee's name, Latin name, country, region, stakeholder group,
 * language and assistance flag sealed under a random data key (XChaCha20-Poly1305, the attendee
 * id and badge version as associated data), the data key wrapped under each key that may open
 * it: keyed BLAKE2b of the badge's Ed25519 signature, and of each of the attendee's ticket codes.
 * The hub seals (it signs badges, or knows the codes); a kiosk opens for one scan only. */
#ifndef LY_KIOSKDB_SEALED_H
#define LY_KIOSKDB_SEALED_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "badge/badge.h"
#include "event/records.h"

#define LY_SEALED_KEY_BYTES 32

/* The key a Lanyard badge's signature gives. */
void ly_sealed_key_badge(const uint8_t sig[LY_BADGE_SIG_BYTES], uint8_t key[LY_SEALED_KEY_BYTES]);
/* The key another system's ticket code gives (its bytes as scanned). */
void ly_sealed_key_code(const char *code, uint8_t key[LY_SEALED_KEY_BYTES]);

/* Seals a's details (for a->id and a->badge_version) under each of the nkeys keys (1 to
 * LY_SEALED_WRAPS_MAX) into a->sealed and empties the clear fields (country: ""). Returns false
 * (a untouched) when nkeys is out of range or a field breaks its limit. */
__attribute__((warn_unused_result)) bool ly_sealed_seal(struct ly_kiosk_attendee *a,
                                                        const uint8_t (*keys)[LY_SEALED_KEY_BYTES],
                                                        size_t nkeys);

/* Opens a->sealed with key into a's detail fields, for a->id and a->badge_version. False (a's
 * fields untouched) when there is nothing sealed, the text is damaged, or key opens none of it:
 * another badge, an older version, another attendee's row. */
__attribute__((warn_unused_result)) bool ly_sealed_open(struct ly_kiosk_attendee *a,
                                                        const uint8_t key[LY_SEALED_KEY_BYTES]);

/* Whether text is a well-formed sealed blob's base64 of at most LY_SEALED_TEXT_MAX bytes (the
 * check a kiosk makes before it stores one; the hub's seal is opened only at a scan). */
bool ly_sealed_valid(const char *text);

#endif
