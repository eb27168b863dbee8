/* test_sealer.c - the organizer database's side of details sealed per badge (sealer.h): the
 * setting (clear by default, refused once a kiosk is enrolled); a sealed attendee opens with
 * the key of its badge as `lanyard badges` prints it, with the validity window and without
 * (--no-window), and with its ticket code's, and with nothing else; a version a kiosk signed
 * (badge_key set) opens with the ticket code only; clear mode leaves the row as it was. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "kioskdb/kioskdb_sealed.h"
#include "orgdb/hubdb.h"
#include "orgdb/issue.h"
#include "orgdb/sealer.h"

static char dir[] = "/tmp/lanyard-sealer-XXXXXX";

static void person(struct ly_kiosk_attendee *a)
{
    memset(a, 0, sizeof *a);
    a->id = 1;
    a->badge_version = 1;
    snprintf(a->name, sizeof a->name, "Ada Lovelace");
    memcpy(a->country, "GB", 3);
    snprintf(a->category, sizeof a->category, "participant");
    snprintf(a->attendance, sizeof a->attendance, "onsite");
}

/* The key of attendee 1's badge as issued, with or without its window. */
static void badge_key(struct ly_hubdb *db, bool window, uint8_t key[LY_SEALED_KEY_BYTES])
{
    struct ly_issuer is;
    struct ly_attendee a = {.id = 1, .badge_version = 1};
    struct ly_badge b;
    char code[LY_BADGE_CODE_MAX + 1], err[256];
    CHECK(ly_issuer_load(&is, db, err, sizeof err));
    is.window = window;
    CHECK(ly_issuer_code(&is, &a, NULL, code, sizeof code));
    CHECK(ly_badge_parse(code, strlen(code), &b) == LY_BADGE_OK);
    ly_sealed_key_badge(b.sig, key);
    ly_issuer_wipe(&is);
}

static void sealer(void)
{
    char path[300], err[256];
    struct ly_hubdb *db = NULL;
    struct ly_sealer s;
    struct ly_kiosk_attendee a, b;
    uint8_t k[LY_SEALED_KEY_BYTES];
    bool sealed = true;
    snprintf(path, sizeof path, "%s/org.db", dir);
    CHECK(ly_hubdb_open(path, &db, err, sizeof err));
    if (!db)
        return;
    CHECK(ly_hubdb_create_event(db, "Forum", "2026-12-07", "2026-12-11", "UTC", NULL, err,
                                sizeof err));
    CHECK(ly_hubdb_kiosk_details(db, &sealed, err, sizeof err) && !sealed);

    /* Clear: nothing changes. */
    CHECK(ly_sealer_load(&s, db, err, sizeof err) && !s.on);
    person(&a);
    b = a;
    CHECK(ly_sealer_apply(&s, "EB-1", &a, err, sizeof err));
    CHECK(memcmp(&a, &b, sizeof a) == 0);

    CHECK(ly_hubdb_set_kiosk_details(db, true, err, sizeof err));
    CHECK(ly_hubdb_kiosk_details(db, &sealed, err, sizeof err) && sealed);
    CHECK(ly_sealer_load(&s, db, err, sizeof err) && s.on);
    CHECK(ly_sealer_apply(&s, "EB-1", &a, err, sizeof err));
    CHECK(a.sealed[0] != '\0');
    CHECK_STR(a.name, "");
    for (int window = 0; window < 2; window++) {
        b = a;
        badge_key(db, window, k);
        CHECK(ly_sealed_open(&b, k));
        CHECK_STR(b.name, "Ada Lovelace");
        CHECK_STR(b.country, "GB");
    }
    b = a;
    ly_sealed_key_code("EB-1", k);
    CHECK(ly_sealed_open(&b, k));
    b = a;
    ly_sealed_key_code("EB-2", k);
    CHECK(!ly_sealed_open(&b, k));

    /* A version a kiosk signed: the hub cannot make its signature; the ticket code opens it. */
    person(&a);
    a.badge_key = 0x1234;
    CHECK(ly_sealer_apply(&s, "EB-1", &a, err, sizeof err));
    b = a;
    badge_key(db, true, k);
    CHECK(!ly_sealed_open(&b, k));
    ly_sealed_key_code("EB-1", k);
    CHECK(ly_sealed_open(&b, k));
    /* Without a ticket code: sealed, and nobody opens it. */
    person(&a);
    a.badge_key = 0x1234;
    CHECK(ly_sealer_apply(&s, "", &a, err, sizeof err));
    CHECK(a.sealed[0] != '\0');
    CHECK_STR(a.name, "");
    ly_sealer_wipe(&s);
    ly_hubdb_close(db);
}

int main(void)
{
    if (!mkdtemp(dir))
        return 1;
    RUN(sealer);
    char cmd[300];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    if (system(cmd) != 0)
        return 1;
    return CHECK_DONE();
}
