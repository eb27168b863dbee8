/* test_alloc_ingest.c - allocation failure in turn (tests/allocfail.h) in the parsers of untrusted
 * input that write a database, fed their fuzz harnesses' corpora: the kiosk applying a page of
 * changes from the hub (fuzz_changes), and the organizer's imports at the hub: registrations
 * (fuzz_import), the programme and the gate rules (fuzz_rules). A snapshot merged at the kiosk
 * is test_alloc_snapshot.c's. Each run starts from a fresh
 * copy of the same database, and each allocation (Lanyard's and SQLite's) fails in turn. A run
 * must read and store exactly what the run without faults stored, or refuse with a sentence that
 * says memory ran out and leave the database as it was (all or nothing): the page's rows and the
 * kiosk's cursor, the hub's change sequence and counts. Then LeakSanitizer must find nothing
 * leaked. The parsers without a database are in test_alloc_parse.c. */
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "allocfail.h"
#include "check.h"
#include "client/changes.h"
#include "import/import.h"
#include "kioskdb/kioskdb.h"
#include "kioskdb/kioskdb_sync.h"
#include "orgdb/hubdb.h"

static char dir[64];
static char kiosk_tmpl[128], hub_tmpl[128], rules_tmpl[128], work[128];
static char err[512];

/* A fresh copy of tmpl at work (no WAL: the template was closed cleanly). */
static bool fresh(const char *tmpl)
{
    af_remove_db(work);
    return af_copy_db(tmpl, work);
}

/* ---- the kiosk: a page of changes */

/* A root key a page may name (key 1, 32 bytes of 1), as fuzz_changes has it. */
static const struct ly_kioskdb_roots roots = {
    .keys = {{.key_id = 1, .pk = {1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
                                  1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1}}},
    .n = 1,
    .event_id = 7,
};

static bool make_kiosk_template(void)
{
    struct ly_kioskdb *db = NULL;
    struct ly_changes_page p;
    const char *seed =
        "{\"changes\":[{\"seq\":1,\"kind\":\"event\",\"op\":\"put\",\"id\":7,"
        "\"data\":{\"id\":7,\"name\":\"F\",\"starts\":\"2026-06-01\",\"ends\":"
        "\"2026-06-02\",\"timezone\":\"UTC\"}},{\"seq\":2,\"kind\":\"room\",\"op\":"
        "\"put\",\"id\":3,\"data\":{\"id\":3,\"name\":\"Hall\",\"capacity\":9,\"location\":\"\"}}],"
        "\"next\":2,\"more\":false}";
    bool ok = ly_kioskdb_open(kiosk_tmpl, LY_KIOSKDB_KIOSK, &db, err, sizeof err) &&
              ly_changes_apply(db, seed, strlen(seed), 0, 0, &roots, &p, err, sizeof err);
    ly_kioskdb_close(db);
    return ok;
}

/* The kiosk's synced tables and its meta table (the sync cursor), as one text. */
static const char *const kiosk_tables[] = {"event",     "rooms",       "sessions",      "attendees",
                                           "alt_codes", "public_keys", "opening_hours", "notices",
                                           "meta",      NULL};

static void kiosk_rows(char *out, size_t outsz)
{
    af_db_digest(work, kiosk_tables, out, outsz);
}

/* fuzz_changes */
static bool p_page(const char *in, size_t n, char *sum, size_t sumsz, char *errout, size_t errsz)
{
    struct ly_kioskdb *db = NULL;
    struct ly_changes_page p;
    char before[512], after[512];
    int64_t since = 0;
    if (!fresh(kiosk_tmpl) || !ly_kioskdb_open(work, LY_KIOSKDB_KIOSK, &db, err, sizeof err) ||
        !ly_kioskdb_sync_cursor(db, &since, err, sizeof err)) {
        af_broken("set-up: %s", err);
        ly_kioskdb_close(db);
        return false;
    }
    kiosk_rows(before, sizeof before);
    af_on();
    bool ok = ly_changes_apply(db, in, n, since, 1, &roots, &p, errout, errsz);
    af_off();
    ly_kioskdb_close(db);
    kiosk_rows(after, sizeof after);
    if (!ok && strcmp(before, after) != 0)
        af_broken("a refused page changed the database (%s, was %s): %s", after, before, errout);
    if (ok)
        snprintf(sum, sumsz, "%lld %d %zu %zu %d | %s", (long long)p.next, p.more, p.applied,
                 p.skipped, p.gate_data, after);
    return ok;
}

/* ---- the hub: the organizer's imports */

/* A programme: the sessions the rules' seeds name (tests/data/import/sessions_good.csv's). */
static const char sessions[] =
    "id,title,type,room,room_capacity,starts,ends,capacity,categories\n"
    "S-001,Opening,opening_ceremony,Plenary Hall,2000,2025-06-23 09:00,2025-06-23 10:30,,\n"
    "S-003,Workshop,workshop,Room 3,120,2025-06-23 09:00,2025-06-23 10:30,,\n"
    "S-004,Press,other,Press Room,40,2025-06-23 09:00,2025-06-23 10:30,,\n";

static bool make_hub_templates(void)
{
    struct ly_hubdb *db = NULL;
    struct ly_import_result res;
    bool ok = ly_hubdb_open(hub_tmpl, &db, err, sizeof err) &&
              ly_hubdb_create_event(db, "Fuzz Forum", "2025-06-23", "2025-06-27", "UTC", NULL, err,
                                    sizeof err);
    ly_hubdb_close(db);
    db = NULL;
    /* the rules' programme (tests/data/import/sessions_good.csv's), which their seeds name */
    ok = ok && af_copy_file(hub_tmpl, rules_tmpl) &&
         ly_hubdb_open(rules_tmpl, &db, err, sizeof err) &&
         ly_import_sessions(db, "programme.csv", sessions, strlen(sessions), stderr, &res);
    ly_hubdb_close(db);
    return ok;
}

enum import_kind { IMPORT_REGISTRATIONS, IMPORT_SESSIONS, IMPORT_RULES };

/* One import into a fresh copy of tmpl; its problems (one line each) are its refusal. */
static bool import(enum import_kind kind, const char *tmpl, const char *in, size_t n, char *sum,
                   size_t sumsz, char *errout, size_t errsz)
{
    struct ly_hubdb *db = NULL;
    struct ly_hubdb_stats before, after;
    struct ly_import_result res;
    struct ly_import_options opt = {.format = LY_IMPORT_AUTO};
    if (!fresh(tmpl) || !ly_hubdb_open(work, &db, err, sizeof err) ||
        !ly_hubdb_stats(db, &before, err, sizeof err)) {
        af_broken("set-up: %s", err);
        ly_hubdb_close(db);
        return false;
    }
    FILE *problems = fmemopen(errout, errsz, "w");
    if (problems == NULL)
        abort();
    bool ok;
    af_on();
    if (kind == IMPORT_REGISTRATIONS)
        ok = ly_import_registrations(db, "in.csv", in, n, &opt, problems, &res);
    else if (kind == IMPORT_SESSIONS)
        ok = ly_import_sessions(db, "in.csv", in, n, problems, &res);
    else
        ok = ly_import_rules(db, "in.csv", in, n, problems, &res);
    af_off();
    fclose(problems);
    if (!ok && errout[0] == '\0')
        snprintf(errout, errsz, "refused without a problem written");
    if (!ly_hubdb_stats(db, &after, err, sizeof err))
        af_broken("stats: %s", err);
    ly_hubdb_close(db);
    if (!ok && memcmp(&before, &after, sizeof before) != 0)
        af_broken("a refused import changed the database (change_seq %lld, was %lld)",
                  (long long)after.change_seq, (long long)before.change_seq);
    if (ok)
        snprintf(sum, sumsz,
                 "%d %zu %zu %zu %zu %zu %zu %zu %zu %d %zu | %lld %lld %lld %lld %lld %lld %lld "
                 "%lld %lld",
                 (int)res.format, res.rows, res.inserted, res.updated, res.unchanged, res.skipped,
                 res.rooms, res.hours, res.notices, res.changed, res.no_country,
                 (long long)after.registrations, (long long)after.onsite,
                 (long long)after.countries, (long long)after.rooms, (long long)after.sessions,
                 (long long)after.change_seq, (long long)after.opening_days,
                 (long long)after.notices, (long long)after.rules_seq);
    return ok;
}

/* fuzz_import */
static bool p_registrations(const char *in, size_t n, char *sum, size_t sumsz, char *errout,
                            size_t errsz)
{
    return import(IMPORT_REGISTRATIONS, hub_tmpl, in, n, sum, sumsz, errout, errsz);
}

static bool p_sessions(const char *in, size_t n, char *sum, size_t sumsz, char *errout,
                       size_t errsz)
{
    return import(IMPORT_SESSIONS, hub_tmpl, in, n, sum, sumsz, errout, errsz);
}

/* fuzz_rules */
static bool p_rules(const char *in, size_t n, char *sum, size_t sumsz, char *errout, size_t errsz)
{
    return import(IMPORT_RULES, rules_tmpl, in, n, sum, sumsz, errout, errsz);
}

static const char *const pages[] = {"attendee.json", "rules_occupancy.json", "session_key.json",
                                    NULL};
static const char *const registrations[] = {"lanyard.csv", "pretix.csv", "bad.csv", NULL};
static const char *const programmes[] = {"sessions.csv", NULL};
static const char *const programme_extra[] = {sessions, NULL};
static const char *const rules[] = {"good.csv", "bad.csv", NULL};

static const struct af_target targets[] = {
    {"kiosk: a page of changes applied", "changes", p_page, 8, 4096, NULL, pages},
    {"hub: registrations import", "import", p_registrations, 8, 4096, NULL, registrations},
    {"hub: programme import", "import", p_sessions, 8, 4096, programme_extra, programmes},
    {"hub: gate rules import", "rules", p_rules, 8, 4096, NULL, rules},
};
#define NTARGETS (sizeof targets / sizeof targets[0])

static void ingest_fails_cleanly(void)
{
    (void)af_check_targets(targets, NTARGETS, "ingest", true);
}

int main(void)
{
    /* /dev/shm when there is one: each run syncs its copy of the database */
    snprintf(dir, sizeof dir, "%s/lanyard-alloc-ingest-XXXXXX",
             access("/dev/shm", W_OK) == 0 ? "/dev/shm" : "/tmp");
    if (!af_install() || mkdtemp(dir) == NULL) {
        fprintf(stderr, "test_alloc_ingest: set-up failed\n");
        return 1;
    }
    snprintf(kiosk_tmpl, sizeof kiosk_tmpl, "%s/kiosk.db", dir);
    snprintf(hub_tmpl, sizeof hub_tmpl, "%s/hub.db", dir);
    snprintf(rules_tmpl, sizeof rules_tmpl, "%s/rules.db", dir);
    snprintf(work, sizeof work, "%s/work.db", dir);
    if (!make_kiosk_template() || !make_hub_templates()) {
        fprintf(stderr, "test_alloc_ingest: %s\n", err);
        return 1;
    }
    RUN(ingest_fails_cleanly);
    const char *files[] = {kiosk_tmpl, hub_tmpl, rules_tmpl, work};
    for (size_t i = 0; i < sizeof files / sizeof files[0]; i++)
        af_remove_db(files[i]);
    rmdir(dir);
    return CHECK_DONE();
}
