/* test_alloc_snapshot.c - allocation failure in turn (tests/allocfail.h) while a kiosk merges a
 * snapshot downloaded from the hub (ly_kioskdb_merge_snapshot: the file is untrusted, checked,
 * possibly migrated, then its tables copied in one transaction). The snapshot is what the hub
 * writes (ly_snapshot_write) for an event with the registrations of the import corpus
 * (tests/fuzz/corpus/import/lanyard.csv); each run merges a fresh copy of it into a fresh copy of
 * an empty kiosk database, with each allocation (Lanyard's and SQLite's) failing in turn. A run
 * must store exactly what the run without faults stored (every value of every synced table), or
 * refuse with a sentence that says memory ran out and leave the kiosk's database as it was. Then
 * LeakSanitizer must find nothing leaked. Apart from test_alloc_ingest.c because it is the
 * longest: some 7,600 allocations. */
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "allocfail.h"
#include "check.h"
#include "import/import.h"
#include "kioskdb/kioskdb.h"
#include "kioskdb/kioskdb_sync.h"
#include "orgdb/hubdb.h"
#include "orgdb/snapshot.h"

static char dir[64];
static char empty_tmpl[128], snap_tmpl[128], snap_work[128], work[128];
static char err[512];

static const char *const kiosk_tables[] = {"event",     "rooms",       "sessions",      "attendees",
                                           "alt_codes", "public_keys", "opening_hours", "notices",
                                           "meta",      NULL};

/* The snapshot, and an empty kiosk database. */
static bool make_templates(void)
{
    struct ly_hubdb *hub = NULL;
    struct ly_kioskdb *db = NULL;
    struct ly_import_result res;
    char hubpath[160];
    size_t n = 0;
    char *csv = af_slurp("tests/fuzz/corpus/import/lanyard.csv", 65536, &n);
    snprintf(hubpath, sizeof hubpath, "%s/hub.db", dir);
    bool ok = csv && ly_hubdb_open(hubpath, &hub, err, sizeof err) &&
              ly_hubdb_create_event(hub, "Forum", "2025-06-23", "2025-06-27", "UTC", NULL, err,
                                    sizeof err) &&
              ly_import_registrations(hub, "lanyard.csv", csv, n, NULL, stderr, &res) &&
              ly_snapshot_write(hub, snap_tmpl, NULL, err, sizeof err) &&
              ly_kioskdb_open(empty_tmpl, LY_KIOSKDB_KIOSK, &db, err, sizeof err);
    ly_kioskdb_close(db);
    ly_hubdb_close(hub);
    af_remove_db(hubpath);
    free(csv);
    return ok;
}

/* The snapshot merged into a fresh copy of the empty kiosk (the input only names it). */
static bool p_snapshot(const char *in, size_t n, char *sum, size_t sumsz, char *errout,
                       size_t errsz)
{
    struct ly_kioskdb *db = NULL;
    char before[1024], after[1024];
    int64_t cursor = -1;
    (void)in;
    (void)n;
    af_remove_db(snap_work);
    af_remove_db(work);
    if (!af_copy_db(empty_tmpl, work) || !af_copy_file(snap_tmpl, snap_work) ||
        !ly_kioskdb_open(work, LY_KIOSKDB_KIOSK, &db, err, sizeof err)) {
        af_broken("set-up: %s", err);
        ly_kioskdb_close(db);
        return false;
    }
    af_db_digest(work, kiosk_tables, before, sizeof before);
    af_on();
    bool ok = ly_kioskdb_merge_snapshot(db, snap_work, NULL, &cursor, errout, errsz);
    af_off();
    ly_kioskdb_close(db);
    af_db_digest(work, kiosk_tables, after, sizeof after);
    if (!ok && strcmp(before, after) != 0)
        af_broken("a refused snapshot changed the database (%s, was %s): %s", after, before,
                  errout);
    if (ok)
        snprintf(sum, sumsz, "%lld | %s", (long long)cursor, after);
    return ok;
}

static const char *const snapshot[] = {"snapshot", NULL};
static const struct af_target targets[] = {
    {"kiosk: a snapshot merged", "import", p_snapshot, 0, 0, snapshot, NULL},
};

static void snapshot_merge_fails_cleanly(void)
{
    (void)af_check_targets(targets, 1, "snapshot", true);
}

int main(void)
{
    /* /dev/shm when there is one: each run syncs its copies of the databases */
    snprintf(dir, sizeof dir, "%s/lanyard-alloc-snapshot-XXXXXX",
             access("/dev/shm", W_OK) == 0 ? "/dev/shm" : "/tmp");
    if (!af_install() || mkdtemp(dir) == NULL) {
        fprintf(stderr, "test_alloc_snapshot: set-up failed\n");
        return 1;
    }
    snprintf(empty_tmpl, sizeof empty_tmpl, "%s/empty.db", dir);
    snprintf(snap_tmpl, sizeof snap_tmpl, "%s/snapshot.db", dir);
    snprintf(snap_work, sizeof snap_work, "%s/snapshot-work.db", dir);
    snprintf(work, sizeof work, "%s/work.db", dir);
    if (!make_templates()) {
        fprintf(stderr, "test_alloc_snapshot: %s\n", err);
        return 1;
    }
    RUN(snapshot_merge_fails_cleanly);
    const char *files[] = {empty_tmpl, snap_tmpl, snap_work, work};
    for (size_t i = 0; i < sizeof files / sizeof files[0]; i++)
        af_remove_db(files[i]);
    rmdir(dir);
    return CHECK_DONE();
}
