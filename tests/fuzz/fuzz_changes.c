/* fuzz_changes.c - libFuzzer harness for what a kiosk reads from the hub: arbitrary bytes as a
 * page of changes applied to a kiosk database (one file per process, holding an event, a room
 * and an attendee so that references can resolve), and as the answers to a batch of check-ins
 * and to an enrollment. A refused page changes nothing (rows and cursor); an accepted one moves
 * the cursor to its "next"; a refused batch answer marks nothing sent. */
#include <sqlite3.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "client/changes.h"
#include "event/records.h"
#include "kioskdb/kioskdb.h"
#include "kioskdb/kioskdb_journal.h"
#include "kioskdb/kioskdb_sync.h"
#include "proto/wire.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct ly_kioskdb *db;
static sqlite3 *raw; /* a second connection that counts rows */
static char path[96];
static struct ly_checkin batch[2];
/* A root key a page may name (key 1, 32 bytes of 1) so that a key change can be applied. */
static const struct ly_kioskdb_roots roots = {
    .keys = {{.key_id = 1, .pk = {1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
                                  1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1}}},
    .n = 1,
    .event_id = 7,
};

static void cleanup(void)
{
    char p[128];
    ly_kioskdb_close(db);
    sqlite3_close(raw);
    const char *sides[] = {"", "-wal", "-shm"};
    for (int i = 0; i < 3; i++) {
        snprintf(p, sizeof p, "%s%s", path, sides[i]);
        unlink(p);
    }
}

static void die(const char *what, const char *err)
{
    fprintf(stderr, "fuzz_changes: %s: %s\n", what, err);
    abort();
}

static void setup(void)
{
    char err[256];
    const char *dir = access("/dev/shm", W_OK) == 0 ? "/dev/shm" : "/tmp";
    snprintf(path, sizeof path, "%s/lanyard-fuzz-changes-%ld.db", dir, (long)getpid());
    unlink(path);
    if (!ly_kioskdb_open(path, LY_KIOSKDB_KIOSK, &db, err, sizeof err))
        die("open", err);
    const char *seed = "{\"changes\":[{\"seq\":1,\"kind\":\"event\",\"op\":\"put\",\"id\":7,"
                       "\"data\":{\"id\":7,\"name\":\"F\",\"starts\":\"2026-06-01\",\"ends\":"
                       "\"2026-06-02\",\"timezone\":\"UTC\"}},{\"seq\":2,\"kind\":\"room\",\"op\":"
                       "\"put\",\"id\":3,\"data\":{\"id\":3,\"name\":\"Hall\",\"capacity\":9,"
                       "\"location\":\"\"}}],"
                       "\"next\":2,\"more\":false}";
    struct ly_changes_page p;
    if (!ly_changes_apply(db, seed, strlen(seed), 0, 0, &roots, &p, err, sizeof err))
        die("seed", err);
    for (int i = 0; i < 2; i++) {
        struct ly_checkin in = {.direction = 1};
        snprintf(in.gate, sizeof in.gate, "entrance");
        snprintf(in.code_kind, sizeof in.code_kind, "badge");
        snprintf(in.decision, sizeof in.decision, "granted");
        snprintf(in.place, sizeof in.place, "venue");
        if (!ly_kioskdb_journal(db, &in, &batch[i], err, sizeof err))
            die("journal", err);
    }
    if (sqlite3_open(path, &raw) != SQLITE_OK)
        die("raw open", sqlite3_errmsg(raw));
    atexit(cleanup);
}

/* Every row of the synced tables and the meta table, as one number. */
static int64_t rows(void)
{
    sqlite3_stmt *q;
    int64_t n = -1;
    if (sqlite3_prepare_v2(raw,
                           "SELECT (SELECT count(*) FROM event) + (SELECT count(*) FROM rooms) + "
                           "(SELECT count(*) FROM sessions) + (SELECT count(*) FROM attendees) + "
                           "(SELECT count(*) FROM alt_codes) + (SELECT count(*) FROM public_keys) "
                           "+ (SELECT count(*) FROM opening_hours) + (SELECT count(*) FROM "
                           "notices) + (SELECT count(*) FROM meta) + (SELECT total(value) FROM "
                           "meta WHERE key = 'sync_cursor')",
                           -1, &q, NULL) == SQLITE_OK &&
        sqlite3_step(q) == SQLITE_ROW)
        n = sqlite3_column_int64(q, 0);
    sqlite3_finalize(q);
    return n;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char err[256];
    int64_t since = 0, after = 0;
    struct ly_changes_page p;
    if (!db)
        setup();
    const char *text = (const char *)data;
    if (!ly_kioskdb_sync_cursor(db, &since, err, sizeof err))
        die("cursor", err);
    int64_t before = rows();
    bool ok = ly_changes_apply(db, text, size, since, 1, &roots, &p, err, sizeof err);
    if (!ly_kioskdb_sync_cursor(db, &after, err, sizeof err))
        die("cursor", err);
    if (!ok && (after != since || rows() != before))
        abort(); /* a refused page changed the database */
    if (ok && (after != p.next || p.next < since))
        abort(); /* an accepted page must leave the cursor at its next */
    /* keep the cursor low so that later inputs with small "next" values still apply */
    if (ok && after > 1000 && !ly_kioskdb_set_sync_cursor(db, 2, err, sizeof err))
        die("reset", err);

    bool committed[2] = {true, true};
    char refused[2][LY_WIRE_REASON_MAX + 1] = {"x", "x"};
    struct ly_wire_push_result r;
    if (!ly_wire_push_answer(text, size, batch, 2, committed, refused, &r, err, sizeof err) &&
        (committed[0] || committed[1]))
        abort(); /* a refused answer marks nothing */
    if (r.stored + r.duplicate + r.rejected + r.refused > 2)
        abort();
    for (int i = 0; i < 2; i++)
        if (refused[i][0] && (committed[i] || strlen(refused[i]) > LY_WIRE_REASON_MAX))
            abort(); /* refused is neither committed nor longer than its bound */
    struct ly_wire_enrollment e;
    if (ly_wire_enroll_answer(text, size, &e, err, sizeof err) &&
        (e.token[0] == '\0' || e.name[0] == '\0' || e.gate[0] == '\0' ||
         (e.has_key && (e.id_first < 1 || e.id_last < e.id_first || e.id_last > UINT32_MAX))))
        abort();
    return 0;
}
