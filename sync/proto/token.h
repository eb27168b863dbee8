/* token.h - the hub's credentials (docs/sync-protocol.md, "Authentication"): kiosk tokens
 * (lyk_...), read tokens (lyr_...) and enrollment codes (XXXX-XXXX-XXXX, Crockford base32), how
 * they are drawn, recognized and hashed (SHA-256: the hub stores only hashes). Calls libsodium,
 * which the caller has initialized (sodium_init). */
#ifndef LY_TOKEN_H
#define LY_TOKEN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "store/store.h"

#define LY_TOKEN_LEN       47 /* "lyk_" and 43 base64url characters of 32 random bytes */
#define LY_ENROLL_CODE_LEN 14 /* "XXXX-XXXX-XXXX": 60 random bits */

enum ly_token_kind {
    LY_TOKEN_NONE, /* not a token of any kind */
    LY_TOKEN_KIOSK,
    LY_TOKEN_READ,
};

/* Draws a new token of kind (kiosk or read) into out. */
void ly_token_new(enum ly_token_kind kind, char out[LY_TOKEN_LEN + 1]);

/* The kind of a token by its form alone (prefix, length, alphabet); LY_TOKEN_NONE when it is
 * malformed. */
enum ly_token_kind ly_token_kind(const char *token);

/* SHA-256 of the token text. */
void ly_token_hash(const char *token, uint8_t out[LY_TOKEN_HASH_LEN]);

/* The token of an "Authorization: Bearer TOKEN" header value, or NULL when the value is not
 * of that form. Points into header. */
const char *ly_token_bearer(const char *header);

/* Draws a new enrollment code into out ("XXXX-XXXX-XXXX"). */
void ly_enroll_code_new(char out[LY_ENROLL_CODE_LEN + 1]);

/* Normalizes code as a person may type it (any case, dashes and spaces anywhere, O for 0, I and
 * L for 1) and hashes it. Returns false when it is not 12 code characters. */
__attribute__((warn_unused_result)) bool ly_enroll_code_hash(const char *code,
                                                             uint8_t out[LY_TOKEN_HASH_LEN]);

#endif
