/* test_staffpin.c - the staff PIN on a real kiosk database: argon2id hashes, PINs that are not
 * PINs, the lockout's timeline at explicit times (3 free tries, 30 s, doubling, 1 hour at
 * most; no verify while locked; a right PIN clears it), the lockout surviving a close and
 * reopen of the database, a clock set back, and a check run on a worker thread. */
#include <pthread.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "kioskdb/kioskdb.h"
#include "kiosk/staffpin.h"

static char dir[] = "/tmp/lanyard-pin-XXXXXX";
static char path[256];
static char err[512];
static char hash[LY_PIN_HASH_MAX];

static const int64_t T0 = 1800000000000LL; /* 2027-01-15, Unix ms */

static struct ly_kioskdb *open_db(void)
{
    struct ly_kioskdb *db = NULL;
    CHECK(ly_kioskdb_open(path, LY_KIOSKDB_KIOSK, &db, err, sizeof err));
    return db;
}

/* Tries pin at now; returns the result and sets *wait. */
static enum ly_pin_result try_pin(struct ly_kioskdb *db, const char *pin, int64_t now,
                                  int64_t *wait)
{
    enum ly_pin_result r = LY_PIN_OK;
    CHECK(ly_pin_check(db, hash, pin, now, &r, wait, err, sizeof err));
    return r;
}

static void hash_and_verify(void)
{
    char other[LY_PIN_HASH_MAX];
    CHECK(ly_pin_hash("482913", hash, err, sizeof err));
    CHECK(strncmp(hash, "$argon2id$", 10) == 0);
    CHECK(strlen(hash) < LY_PIN_HASH_MAX);
    CHECK(ly_pin_hash("482913", other, err, sizeof err));
    CHECK(strcmp(hash, other) != 0); /* salted */
    CHECK(crypto_pwhash_str_verify(other, "482913", 6) == 0);
    CHECK(crypto_pwhash_str_verify(other, "482914", 6) != 0);
    CHECK(ly_pin_hash("0000", other, err, sizeof err));
    CHECK(ly_pin_hash("123456789012", other, err, sizeof err));
}

static void bad_pins_refused(void)
{
    static const char *const bad[] = {"",      "123",    "1234567890123", "12a4", " 1234",
                                      "1234 ", "1234\n", "-1234",         "١٢٣٤", "12.4"};
    char out[LY_PIN_HASH_MAX];
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        err[0] = '\0';
        CHECK(!ly_pin_valid(bad[i]));
        CHECK(!ly_pin_hash(bad[i], out, err, sizeof err));
        CHECK(strstr(err, "4 to 12 digits") != NULL);
        CHECK_STR(out, "");
    }
    CHECK(ly_pin_valid("0000") && ly_pin_valid("999999999999"));
}

static void lock_delays(void)
{
    static const int64_t want[] = {0,      0,      0,      30000,   60000,   120000,
                                   240000, 480000, 960000, 1920000, 3600000, 3600000};
    for (int64_t f = 0; f < 12; f++)
        CHECK_INT(ly_pin_lock_ms(f), want[f]);
    CHECK_INT(ly_pin_lock_ms(1000000), LY_PIN_LOCK_MAX_MS);
}

static void lockout_timeline_survives_reopen(void)
{
    struct ly_kioskdb *db = open_db();
    int64_t wait = -1, t = T0;
    bool locked = true;
    CHECK(ly_pin_lock_state(db, t, &locked, &wait, err, sizeof err) && !locked && wait == 0);
    CHECK(try_pin(db, "482913", t, &wait) == LY_PIN_OK); /* a right PIN: no lock */
    /* Three free tries; the third locks for 30 s. A non-PIN counts as a wrong PIN. */
    CHECK(try_pin(db, "111111", t, &wait) == LY_PIN_WRONG && wait == 0);
    CHECK(try_pin(db, "12", t + 1000, &wait) == LY_PIN_WRONG && wait == 0);
    CHECK(try_pin(db, "333333", t + 2000, &wait) == LY_PIN_WRONG);
    CHECK_INT(wait, 30000);
    /* Locked: even the right PIN is refused, unverified and not counted. */
    CHECK(try_pin(db, "482913", t + 12000, &wait) == LY_PIN_LOCKED);
    CHECK_INT(wait, 20000);
    CHECK(ly_pin_lock_state(db, t + 31999, &locked, &wait, err, sizeof err));
    CHECK(locked && wait == 1);
    CHECK(ly_pin_lock_state(db, t + 32000, &locked, &wait, err, sizeof err));
    CHECK(!locked && wait == 0);
    /* Each further wrong PIN doubles. */
    t += 32000;
    CHECK(try_pin(db, "444444", t, &wait) == LY_PIN_WRONG);
    CHECK_INT(wait, 60000);
    CHECK(try_pin(db, "444444", t + 59999, &wait) == LY_PIN_LOCKED && wait == 1);
    t += 60000;
    CHECK(try_pin(db, "555555", t, &wait) == LY_PIN_WRONG);
    CHECK_INT(wait, 120000);
    ly_kioskdb_close(db);

    /* A reboot does not reset it. */
    db = open_db();
    CHECK(ly_pin_lock_state(db, t + 20000, &locked, &wait, err, sizeof err));
    CHECK(locked && wait == 100000);
    CHECK(try_pin(db, "482913", t + 20000, &wait) == LY_PIN_LOCKED);
    /* A clock set back a day does not stretch the lock past its length. */
    CHECK(ly_pin_lock_state(db, t - 86400000, &locked, &wait, err, sizeof err));
    CHECK(locked && wait == 120000);
    /* On to the cap of one hour. */
    for (int i = 6; i <= 11; i++) {
        t += ly_pin_lock_ms(i - 1);
        CHECK(try_pin(db, "000000", t, &wait) == LY_PIN_WRONG);
        CHECK_INT(wait, ly_pin_lock_ms(i));
    }
    CHECK_INT(wait, 3600000);
    /* After the lock, the right PIN opens and clears the count. */
    t += 3600000;
    CHECK(try_pin(db, "482913", t, &wait) == LY_PIN_OK && wait == 0);
    CHECK(ly_pin_lock_state(db, t, &locked, &wait, err, sizeof err) && !locked);
    CHECK(try_pin(db, "111111", t + 1, &wait) == LY_PIN_WRONG && wait == 0);
    ly_kioskdb_close(db);
}

static void no_hash_no_pin(void)
{
    struct ly_kioskdb *db = open_db();
    enum ly_pin_result r = LY_PIN_OK;
    int64_t wait;
    CHECK(!ly_pin_check(db, "", "482913", T0, &r, &wait, err, sizeof err));
    CHECK(r == LY_PIN_WRONG && strstr(err, "no staff PIN") != NULL);
    r = LY_PIN_OK;
    CHECK(!ly_pin_check(db, "$2y$10$abcdefghijklmnopqrstuv", "482913", T0, &r, &wait, err,
                        sizeof err));
    CHECK(r == LY_PIN_WRONG && strstr(err, "argon2id") != NULL);
    ly_kioskdb_close(db);
}

struct job {
    struct ly_kioskdb *db;
    enum ly_pin_result r;
    bool ok;
    int64_t wait;
    char err[256];
};

static void *check_on_worker(void *arg)
{
    struct job *j = arg;
    j->ok =
        ly_pin_check(j->db, hash, "482913", T0 + 90000000, &j->r, &j->wait, j->err, sizeof j->err);
    return NULL;
}

/* As a screen does: the slow verify on a worker thread while the main thread leaves db alone. */
static void check_on_a_worker_thread(void)
{
    struct job j = {.db = open_db(), .r = LY_PIN_WRONG};
    pthread_t th;
    CHECK(pthread_create(&th, NULL, check_on_worker, &j) == 0);
    CHECK(pthread_join(th, NULL) == 0);
    CHECK(j.ok && j.r == LY_PIN_OK);
    ly_kioskdb_close(j.db);
}

int main(void)
{
    if (sodium_init() < 0 || !mkdtemp(dir))
        return 1;
    snprintf(path, sizeof path, "%s/kiosk.db", dir);
    RUN(hash_and_verify);
    RUN(bad_pins_refused);
    RUN(lock_delays);
    RUN(lockout_timeline_survives_reopen);
    RUN(no_hash_no_pin);
    RUN(check_on_a_worker_thread);
    char cmd[300];
    snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
    if (system(cmd) != 0)
        return 1;
    return CHECK_DONE();
}
