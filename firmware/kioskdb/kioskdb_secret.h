/* kioskdb_secret.h - what a kiosk keeps out of its database file in clear: the hub token,
 * sealed, and other systems' ticket codes, as keyed hashes (docs/security.md, "A stolen kiosk").
 * Both use the kiosk's key: 32 random bytes in a file of its own, never in the database, read
 * with O_NOFOLLOW and refused when others may read it. The key is the systemd credential
 * LY_KIOSKDB_KEY_CREDENTIAL when the service has one ($CREDENTIALS_DIRECTORY: a key on another
 * medium or sealed by systemd-creds), else PATH.key beside the database at PATH, made at first
 * need. libsodium does the cryptography: XChaCha20-Poly1305 seals, keyed BLAKE2b hashes, each
 * with its own subkey (crypto_kdf). */
#ifndef LY_KIOSKDB_SECRET_H
#define LY_KIOSKDB_SECRET_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct ly_kioskdb;

#define LY_KIOSKDB_KEY_CREDENTIAL "lanyard-kiosk-key" /* the credential's name under systemd */
#define LY_KIOSKDB_CODE_HASH      32                  /* bytes of a ticket code's keyed hash */
#define LY_KIOSKDB_TOKEN_MAX      256                 /* a hub token (LY_HTTP_TOKEN_MAX) */

/* Reads the hub token (unsealed) into out (outsz bytes); *found says whether one is stored.
 * False with err when the key is missing or does not open the sealed token. */
__attribute__((warn_unused_result)) bool ly_kioskdb_token(struct ly_kioskdb *db, char *out,
                                                          size_t outsz, bool *found, char *err,
                                                          size_t errsz);
/* Stores token sealed under the kiosk's key (making the key when there is none); NULL removes
 * it. Runs inside the caller's transaction when there is one. */
__attribute__((warn_unused_result)) bool
ly_kioskdb_set_token(struct ly_kioskdb *db, const char *token, char *err, size_t errsz);

/* Writes the keyed hash of another system's ticket code (its bytes as scanned) into out. */
__attribute__((warn_unused_result)) bool ly_kioskdb_code_hash(struct ly_kioskdb *db,
                                                              const char *code,
                                                              uint8_t out[LY_KIOSKDB_CODE_HASH],
                                                              char *err, size_t errsz);

/* For kioskdb.c and kioskdb_sync.c, in LY_KIOSKDB_KIOSK mode: replaces every clear ticket code
 * in alt_codes (a snapshot's, or a file of schema 7 or older) by its hash, and a clear hub
 * token by a sealed one, with the freed space overwritten; inside the caller's transaction
 * when in_tx, else in one of its own followed by a truncating checkpoint. Nothing to do costs
 * two lookups and needs no key. */
__attribute__((warn_unused_result)) bool ly_kioskdb_seal_clear(struct ly_kioskdb *db, bool in_tx,
                                                               char *err, size_t errsz);

/* Forgets the key held in memory (ly_kioskdb_close calls it). */
void ly_kioskdb_secret_forget(struct ly_kioskdb *db);

#endif
