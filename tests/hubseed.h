/* hubseed.h - for unit tests of the hub's storage: an organizer database (a real SQLite file)
 * with an event and a few registrations, made through hubdb.h. */
#ifndef LY_TESTS_HUBSEED_H
#define LY_TESTS_HUBSEED_H

#include <stdio.h>
#include <string.h>

#include "orgdb/hubdb.h"

static inline struct ly_registration seed_reg(const char *id, const char *country, const char *code)
{
    struct ly_registration r = {0};
    snprintf(r.ext_id, sizeof r.ext_id, "%s", id);
    snprintf(r.name, sizeof r.name, "Person %s", id);
    memcpy(r.country, country, 3);
    snprintf(r.region, sizeof r.region, "african");
    snprintf(r.stakeholder, sizeof r.stakeholder, "government");
    snprintf(r.attendance, sizeof r.attendance, "onsite");
    snprintf(r.category, sizeof r.category, "participant");
    snprintf(r.language, sizeof r.language, "en");
    snprintf(r.source, sizeof r.source, "lanyard");
    snprintf(r.alt_code, sizeof r.alt_code, "%s", code);
    return r;
}

/* Creates path with the event "Forum" (UTC) and registrations A1 (KE, ticket code TIX-1), B2
 * (NO) and C3 (KE), ids 1 to 3, then n more (ext ids X1...); false on any failure. */
static inline bool seed_hubdb(const char *path, int n)
{
    char err[256];
    struct ly_hubdb *db;
    enum ly_upsert what;
    if (!ly_hubdb_open(path, &db, err, sizeof err))
        return false;
    struct ly_registration a = seed_reg("A1", "KE", "TIX-1"), b = seed_reg("B2", "NO", ""),
                           c = seed_reg("C3", "KE", "");
    bool ok = ly_hubdb_create_event(db, "Forum", "2026-12-08", "2026-12-11", "UTC", NULL, err,
                                    sizeof err) &&
              ly_hubdb_begin(db, err, sizeof err) &&
              ly_hubdb_upsert_registration(db, &a, &what, err, sizeof err) &&
              ly_hubdb_upsert_registration(db, &b, &what, err, sizeof err) &&
              ly_hubdb_upsert_registration(db, &c, &what, err, sizeof err);
    for (int i = 1; ok && i <= n; i++) {
        char id[16];
        snprintf(id, sizeof id, "X%d", i);
        struct ly_registration x = seed_reg(id, i % 2 ? "BR" : "FR", "");
        ok = ly_hubdb_upsert_registration(db, &x, &what, err, sizeof err);
    }
    ok = ok && ly_hubdb_commit(db, err, sizeof err);
    if (!ok)
        fprintf(stderr, "seed_hubdb: %s\n", err);
    ly_hubdb_close(db);
    return ok;
}

/* Adds rooms "Hall A" and "Hall B" and session S-1 in Hall A to the organizer database at
 * path; false on any failure. */
static inline bool seed_programme(const char *path)
{
    char err[256];
    struct ly_hubdb *db;
    enum ly_upsert what;
    struct ly_session s = {.capacity = 0};
    snprintf(s.ext_id, sizeof s.ext_id, "S-1");
    snprintf(s.title, sizeof s.title, "Opening");
    snprintf(s.type, sizeof s.type, "main_session");
    snprintf(s.room, sizeof s.room, "Hall A");
    snprintf(s.starts, sizeof s.starts, "2026-12-08T09:00");
    snprintf(s.ends, sizeof s.ends, "2026-12-08T10:00");
    if (!ly_hubdb_open(path, &db, err, sizeof err))
        return false;
    bool ok = ly_hubdb_upsert_room(db, "Hall A", 100, &what, err, sizeof err) &&
              ly_hubdb_upsert_room(db, "Hall B", 50, &what, err, sizeof err) &&
              ly_hubdb_upsert_session(db, &s, &what, err, sizeof err);
    if (!ok)
        fprintf(stderr, "seed_programme: %s\n", err);
    ly_hubdb_close(db);
    return ok;
}

#endif
