/* staffpin.c - the staff PIN: argon2id hashes and a lockout that survives a reboot. See
 * staffpin.h. */
#include "kiosk/staffpin.h"

#include <sodium.h>
#include <string.h>

#include "common/fail.h"
#include "kioskdb/kioskdb_staff.h"

_Static_assert(LY_PIN_HASH_MAX == crypto_pwhash_STRBYTES, "LY_PIN_HASH_MAX is the hash's size");

/* argon2id at libsodium's INTERACTIVE limits (2 passes over 64 MiB). A staff member waits for
 * the verify at the door, so it must stay well under a second on a Raspberry Pi 4, and 64 MiB
 * is what a kiosk running the camera and the screen can spare; MODERATE would take 256 MiB and
 * several seconds. A PIN of 4 to 12 digits has too little entropy for any hash to stop an
 * offline guesser who copied the configuration: the hash only makes that slower, and the
 * lockout is what protects the PIN at the kiosk itself. */
#define PIN_OPSLIMIT crypto_pwhash_OPSLIMIT_INTERACTIVE
#define PIN_MEMLIMIT crypto_pwhash_MEMLIMIT_INTERACTIVE

#define ARGON2ID_PREFIX "$argon2id$"

bool ly_pin_valid(const char *pin)
{
    size_t n = strlen(pin);
    if (n < LY_PIN_DIGITS_MIN || n > LY_PIN_DIGITS_MAX)
        return false;
    for (size_t i = 0; i < n; i++) {
        if (pin[i] < '0' || pin[i] > '9')
            return false;
    }
    return true;
}

bool ly_pin_hash(const char *pin, char out[LY_PIN_HASH_MAX], char *err, size_t errsz)
{
    out[0] = '\0';
    if (!ly_pin_valid(pin))
        return ly_fail(err, errsz, "a staff PIN is %d to %d digits", LY_PIN_DIGITS_MIN,
                       LY_PIN_DIGITS_MAX);
    if (sodium_init() < 0)
        return ly_fail(err, errsz, "libsodium failed to initialize");
    if (crypto_pwhash_str(out, pin, strlen(pin), PIN_OPSLIMIT, PIN_MEMLIMIT) != 0)
        return ly_fail(err, errsz, "hashing the PIN failed (out of memory?)");
    return true;
}

int64_t ly_pin_lock_ms(int64_t failures)
{
    if (failures < LY_PIN_FREE_TRIES)
        return 0;
    int64_t ms = LY_PIN_LOCK_FIRST_MS;
    for (int64_t i = LY_PIN_FREE_TRIES; i < failures && ms < LY_PIN_LOCK_MAX_MS; i++)
        ms *= 2;
    return ms < LY_PIN_LOCK_MAX_MS ? ms : LY_PIN_LOCK_MAX_MS;
}

/* The wait left at now_ms: never more than the lock the failures set, so that a clock set back
 * after a lock cannot stretch it. */
static int64_t wait_left(const struct ly_kiosk_pin_lock *lock, int64_t now_ms)
{
    int64_t left = lock->locked_until_ms - now_ms, most = ly_pin_lock_ms(lock->failures);
    if (left <= 0)
        return 0;
    return left < most ? left : most;
}

bool ly_pin_lock_state(struct ly_kioskdb *db, int64_t now_ms, bool *locked, int64_t *retry_after_ms,
                       char *err, size_t errsz)
{
    struct ly_kiosk_pin_lock lock;
    *locked = false;
    *retry_after_ms = 0;
    if (!ly_kioskdb_pin_lock(db, &lock, err, errsz))
        return false;
    *retry_after_ms = wait_left(&lock, now_ms);
    *locked = *retry_after_ms > 0;
    return true;
}

bool ly_pin_check(struct ly_kioskdb *db, const char *hash, const char *pin, int64_t now_ms,
                  enum ly_pin_result *res, int64_t *retry_after_ms, char *err, size_t errsz)
{
    struct ly_kiosk_pin_lock lock, wrong;
    *res = LY_PIN_WRONG;
    *retry_after_ms = 0;
    if (hash[0] == '\0')
        return ly_fail(err, errsz, "no staff PIN is set (staff-pin-hash)");
    if (strncmp(hash, ARGON2ID_PREFIX, strlen(ARGON2ID_PREFIX)) != 0 ||
        strlen(hash) >= LY_PIN_HASH_MAX)
        return ly_fail(err, errsz,
                       "staff-pin-hash is not an argon2id hash (lanyard-kiosk "
                       "--hash-pin makes one)");
    if (sodium_init() < 0)
        return ly_fail(err, errsz, "libsodium failed to initialize");
    if (!ly_kioskdb_pin_lock(db, &lock, err, errsz))
        return false;
    *retry_after_ms = wait_left(&lock, now_ms);
    if (*retry_after_ms > 0) {
        *res = LY_PIN_LOCKED;
        return true;
    }
    /* Counted as wrong, durably, before the verify: pulling the plug while it runs gives no
     * free try. */
    wrong.failures = lock.failures + 1;
    wrong.locked_until_ms = now_ms + ly_pin_lock_ms(wrong.failures);
    if (!ly_kioskdb_put_pin_lock(db, &wrong, err, errsz))
        return false;
    if (ly_pin_valid(pin) && crypto_pwhash_str_verify(hash, pin, strlen(pin)) == 0) {
        struct ly_kiosk_pin_lock clear = {0, 0};
        if (!ly_kioskdb_put_pin_lock(db, &clear, err, errsz))
            return false;
        *res = LY_PIN_OK;
        return true;
    }
    *retry_after_ms = ly_pin_lock_ms(wrong.failures);
    return true;
}
