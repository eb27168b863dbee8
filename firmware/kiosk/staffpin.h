/* staffpin.h - the staff PIN that opens a kiosk's staff mode: hashing a PIN for the
 * configuration (argon2id, libsodium crypto_pwhash_str) and checking one typed at the kiosk,
 * behind a lockout kept in the kiosk database so that a reboot does not reset it.
 *
 * The lockout: LY_PIN_FREE_TRIES wrong PINs in a row are free; the one that reaches it locks
 * the PIN for 30 s, and each further wrong PIN (typed after the lock ran out) locks it twice as
 * long, up to 1 hour: wrong PINs 1, 2 -> no wait; 3 -> 30 s; 4 -> 60 s; 5 -> 2 min; ... 9 ->
 * 32 min; 10 and on -> 1 h. While locked, a PIN is refused without being verified. A right PIN
 * clears the count.
 *
 * Threads: verifying is slow on purpose (argon2id, about 0.1 to 0.5 s on a Raspberry Pi), so a
 * screen runs ly_pin_check on a worker thread. The kiosk database handle is not shared-safe: it
 * may be used by that thread only while no other thread uses the same handle (the main thread
 * does nothing with db until the check returns), or through a second handle opened on the same
 * file. ly_pin_hash touches no database. */
#ifndef LY_STAFFPIN_H
#define LY_STAFFPIN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "common/ly_limits.h"
#include "kioskdb/kioskdb.h"

#define LY_PIN_HASH_MAX      128              /* crypto_pwhash_STRBYTES, with its NUL */
#define LY_PIN_FREE_TRIES    3                /* wrong PINs in a row before the first lock */
#define LY_PIN_LOCK_FIRST_MS (30 * 1000)      /* the first lock */
#define LY_PIN_LOCK_MAX_MS   (60 * 60 * 1000) /* the longest lock */

enum ly_pin_result {
    LY_PIN_OK,     /* the right PIN: staff mode may open */
    LY_PIN_WRONG,  /* a wrong PIN (or not a PIN at all); counted */
    LY_PIN_LOCKED, /* not even verified: locked for *retry_after_ms more */
};

/* Whether pin is LY_PIN_DIGITS_MIN to LY_PIN_DIGITS_MAX ASCII digits and nothing else. */
bool ly_pin_valid(const char *pin);

/* Hashes pin (see ly_pin_valid) into out as a "$argon2id$..." string, NUL-terminated. Returns
 * false with err for a PIN that is not 4 to 12 digits, or when the hash could not be made (out
 * of memory: argon2id takes 64 MiB). */
__attribute__((warn_unused_result)) bool ly_pin_hash(const char *pin, char out[LY_PIN_HASH_MAX],
                                                     char *err, size_t errsz);

/* Checks pin against hash (a ly_pin_hash string) at now_ms (Unix ms: the lock must outlast a
 * reboot, so it is wall-clock time) and records the outcome in db before returning: *res and,
 * for LY_PIN_WRONG and LY_PIN_LOCKED, *retry_after_ms, the wait before the next try is even
 * looked at (0 when none). The attempt is counted as wrong before the slow verify starts and
 * cleared after it succeeds, so that cutting the power during a verify does not give a free
 * try. Returns false with err when hash is empty or not an argon2id string (staff mode by PIN
 * is off) or on a database error; then *res is LY_PIN_WRONG. */
__attribute__((warn_unused_result)) bool
ly_pin_check(struct ly_kioskdb *db, const char *hash, const char *pin, int64_t now_ms,
             enum ly_pin_result *res, int64_t *retry_after_ms, char *err, size_t errsz);

/* The lockout at now_ms without trying a PIN, for the screen's countdown: *locked and the ms
 * left (0 when not locked). A clock set back never makes the wait longer than the lock. */
__attribute__((warn_unused_result)) bool ly_pin_lock_state(struct ly_kioskdb *db, int64_t now_ms,
                                                           bool *locked, int64_t *retry_after_ms,
                                                           char *err, size_t errsz);

/* The lock that the failures-th wrong PIN in a row sets, in ms (0 below LY_PIN_FREE_TRIES). */
int64_t ly_pin_lock_ms(int64_t failures);

#endif
