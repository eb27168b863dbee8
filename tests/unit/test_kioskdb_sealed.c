/* test_kioskdb_sealed.c - attendee details sealed per badge (kioskdb_sealed.h): a row sealed
 * under a badge's key and a ticket code's opens with either, with its details whole; another
 * badge, another version, another attendee's id or a flipped byte opens nothing and leaves the
 * row as it was; a kiosk stores a sealed row without its details (no name, no search words, the
 * country a placeholder) and refuses one that also carries clear details or damaged text. */
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "kioskdb/kioskdb.h"
#include "kioskdb/kioskdb_records.h"
#include "kioskdb/kioskdb_sealed.h"

static char dir[] = "/tmp/lanyard-kioskdb-sealed-XXXXXX";

static void person(struct ly_kiosk_attendee *a, uint32_t id, uint16_t version)
{
    memset(a, 0, sizeof *a);
    a->id = id;
    a->badge_version = version;
    a->assistance = true;
    snprintf(a->name, sizeof a->name, "Wanjiru Odhiambo-Kamau");
    snprintf(a->name_latin, sizeof a->name_latin, "Wanjiru Odhiambo");
    snprintf(a->category, sizeof a->category, "delegate");
    memcpy(a->country, "KE", 3);
    snprintf(a->region, sizeof a->region, "african");
    snprintf(a->stakeholder, sizeof a->stakeholder, "ngo");
    snprintf(a->attendance, sizeof a->attendance, "onsite");
    snprintf(a->language, sizeof a->language, "sw");
}

static void seal_and_open(void)
{
    uint8_t sig[LY_BADGE_SIG_BYTES], other[LY_BADGE_SIG_BYTES], keys[2][LY_SEALED_KEY_BYTES];
    uint8_t k[LY_SEALED_KEY_BYTES];
    struct ly_kiosk_attendee a, clear, b;
    randombytes_buf(sig, sizeof sig);
    memcpy(other, sig, sizeof other);
    other[63] ^= 1;
    person(&a, 7, 3);
    clear = a;
    ly_sealed_key_badge(sig, keys[0]);
    ly_sealed_key_code("EB-TICKET-1", keys[1]);
    CHECK(ly_sealed_seal(&a, (const uint8_t(*)[LY_SEALED_KEY_BYTES])keys, 2));
    CHECK(a.sealed[0] != '\0' && strlen(a.sealed) <= LY_SEALED_TEXT_MAX);
    CHECK_STR(a.name, "");
    CHECK_STR(a.country, "");
    CHECK_STR(a.category, "delegate"); /* the decision's fields stay */
    CHECK_STR(a.attendance, "onsite");
    CHECK(!a.assistance);
    CHECK(ly_sealed_valid(a.sealed));

    b = a; /* the badge opens it */
    CHECK(ly_sealed_open(&b, keys[0]));
    CHECK_STR(b.name, clear.name);
    CHECK_STR(b.name_latin, clear.name_latin);
    CHECK_STR(b.country, "KE");
    CHECK_STR(b.region, "african");
    CHECK_STR(b.stakeholder, "ngo");
    CHECK_STR(b.language, "sw");
    CHECK(b.assistance);
    b = a; /* the ticket code too */
    ly_sealed_key_code("EB-TICKET-1", k);
    CHECK(ly_sealed_open(&b, k));
    CHECK_STR(b.name, clear.name);

    /* Nothing else does, and the row is left as it was. */
    b = a;
    ly_sealed_key_badge(other, k);
    CHECK(!ly_sealed_open(&b, k));
    CHECK(memcmp(&a, &b, sizeof a) == 0);
    ly_sealed_key_code("EB-TICKET-2", k);
    CHECK(!ly_sealed_open(&b, k));
    memcpy(k, sig, sizeof k); /* the signature itself is no key */
    CHECK(!ly_sealed_open(&b, k));
    b.badge_version = 4; /* a newer version's row does not take this blob */
    CHECK(!ly_sealed_open(&b, keys[0]));
    b = a;
    b.id = 8; /* nor another attendee's */
    CHECK(!ly_sealed_open(&b, keys[0]));
    /* Nor a damaged blob (one key: a damaged second wrap would not stop the first). */
    struct ly_kiosk_attendee one;
    person(&one, 7, 3);
    CHECK(ly_sealed_seal(&one, (const uint8_t(*)[LY_SEALED_KEY_BYTES])keys, 1));
    size_t bad = 0, n = strlen(one.sealed);
    for (size_t i = 0; i < n; i++) {
        b = one;
        b.sealed[i] = b.sealed[i] == 'A' ? 'B' : 'A';
        bad += !ly_sealed_open(&b, keys[0]);
    }
    CHECK_INT(bad, n);
    b = a;
    b.sealed[strlen(b.sealed) - 4] = '\0';
    CHECK(!ly_sealed_open(&b, keys[0]));
    CHECK(!ly_sealed_valid("not base64 !"));
    CHECK(!ly_sealed_valid(""));

    /* Seals are fresh each time: two seals of one row differ. */
    struct ly_kiosk_attendee c;
    person(&c, 7, 3);
    CHECK(ly_sealed_seal(&c, (const uint8_t(*)[LY_SEALED_KEY_BYTES])keys, 2));
    CHECK(strcmp(a.sealed, c.sealed) != 0);
    /* Out of range: no key, too many keys. */
    person(&c, 7, 3);
    CHECK(!ly_sealed_seal(&c, (const uint8_t(*)[LY_SEALED_KEY_BYTES])keys, 0));
    CHECK(
        !ly_sealed_seal(&c, (const uint8_t(*)[LY_SEALED_KEY_BYTES])keys, LY_SEALED_WRAPS_MAX + 1));
    CHECK_STR(c.name, clear.name);
}

static void longest_fields_fit(void)
{
    uint8_t keys[LY_SEALED_WRAPS_MAX][LY_SEALED_KEY_BYTES];
    struct ly_kiosk_attendee a, b;
    person(&a, 4294967295u, 65535);
    memset(a.name, 'n', LY_NAME_MAX);
    memset(a.name_latin, 'l', LY_NAME_MAX);
    memset(a.region, 'r', LY_LABEL_MAX);
    memset(a.stakeholder, 's', LY_LABEL_MAX);
    memset(a.language, 'g', LY_LABEL_MAX);
    randombytes_buf(keys, sizeof keys);
    CHECK(ly_sealed_seal(&a, (const uint8_t(*)[LY_SEALED_KEY_BYTES])keys, LY_SEALED_WRAPS_MAX));
    CHECK(strlen(a.sealed) <= LY_SEALED_TEXT_MAX);
    b = a;
    CHECK(ly_sealed_open(&b, keys[LY_SEALED_WRAPS_MAX - 1]));
    CHECK_INT(strlen(b.name), LY_NAME_MAX);
    CHECK_INT(strlen(b.language), LY_LABEL_MAX);
}

static void kiosk_keeps_it_sealed(void)
{
    char path[200], err[256];
    struct ly_kioskdb *db;
    struct ly_kiosk_attendee a, got, mixed;
    uint8_t key[LY_SEALED_KEY_BYTES];
    bool found = false;
    snprintf(path, sizeof path, "%s/k.db", dir);
    CHECK(ly_kioskdb_open(path, LY_KIOSKDB_KIOSK, &db, err, sizeof err));
    person(&a, 11, 1);
    randombytes_buf(key, sizeof key);
    CHECK(ly_sealed_seal(&a, (const uint8_t(*)[LY_SEALED_KEY_BYTES]) & key, 1));
    CHECK(ly_kioskdb_begin(db, err, sizeof err));
    CHECK(ly_kioskdb_put_attendee(db, &a, err, sizeof err));
    CHECK(ly_kioskdb_commit(db, err, sizeof err));
    CHECK(ly_kioskdb_attendee(db, 11, &got, &found, err, sizeof err) && found);
    CHECK_STR(got.name, "");
    CHECK_STR(got.country, "");
    CHECK_STR(got.sealed, a.sealed);
    CHECK_STR(got.category, "delegate");
    CHECK(ly_sealed_open(&got, key));
    CHECK_STR(got.name, "Wanjiru Odhiambo-Kamau");
    /* Opening is for the caller's copy only: the row stays sealed. */
    CHECK(ly_kioskdb_attendee(db, 11, &got, &found, err, sizeof err) && found);
    CHECK_STR(got.name, "");

    mixed = a; /* sealed details with a clear name beside them: refused */
    snprintf(mixed.name, sizeof mixed.name, "Someone");
    CHECK(!ly_kioskdb_put_attendee(db, &mixed, err, sizeof err));
    CHECK(strstr(err, "sealed details with clear ones") != NULL);
    mixed = a;
    mixed.sealed[3] = '*';
    CHECK(!ly_kioskdb_put_attendee(db, &mixed, err, sizeof err));
    CHECK(strstr(err, "damaged") != NULL);
    ly_kioskdb_close(db);
    char cmd[300];
    snprintf(cmd, sizeof cmd, "sqlite3 '%s' \"SELECT count(*) FROM search_words\" | grep -qx 0",
             path);
    CHECK(system(cmd) == 0);
}

int main(void)
{
    if (sodium_init() < 0 || !mkdtemp(dir))
        return 1;
    RUN(seal_and_open);
    RUN(longest_fields_fit);
    RUN(kiosk_keeps_it_sealed);
    char cmd[300];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    if (system(cmd) != 0)
        return 1;
    return CHECK_DONE();
}
