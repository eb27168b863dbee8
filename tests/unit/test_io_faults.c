/* test_io_faults.c - every write and every sync of the sync paths failed in turn (tests/iofault.h),
 * as SQLite's own fault tests do: the kiosk applying a snapshot and a page of changes and
 * marking uploaded check-ins sent, the hub storing a batch of check-ins (SQLite backend), and
 * the organizer's import of registrations. For each write N (the disk full from N on, or an I/O
 * error on write N alone) and each sync N (an I/O error), on a fresh copy of the same database:
 * the operation either completes without meeting the fault, or fails with SQLite's message and
 * leaves every row of the file as it was (an order-free digest of every table); then the same
 * connection, the fault gone, does it again and ends with exactly the rows of a run that met no
 * fault (the check-ins once, the cursor moved once), and the file passes integrity_check. The
 * hub's store also says that such a failure is the storage's (it answers 503, not 500). */
#include <sodium.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "check.h"
#include "common/fail.h"
#include "client/changes.h"
#include "hubseed.h"
#include "import/import.h"
#include "iofault.h"
#include "kioskdb/kioskdb.h"
#include "kioskdb/kioskdb_journal.h"
#include "kioskdb/kioskdb_sync.h"
#include "orgdb/snapshot.h"
#include "proto/change_json.h"
#include "proto/token.h"
#include "store/store.h"

#define RUNS_MAX   4000 /* fault points of one operation; far more than any has */
#define BATCH      24   /* check-ins in the hub's batch */
#define NEW_PEOPLE 30   /* registrations the hub adds after the kiosk's first snapshot */

/* in memory when there is a /dev/shm: the faults are the VFS's, and a real disk's syncs would
 * only make the hundreds of runs slow */
static char dir[64];

/* One operation under test, on a database copied from a template before every run. */
struct op {
    const char *name;
    char template[300], work[300];
    bool (*open)(struct op *o, char *err, size_t errsz);
    bool (*run)(struct op *o, char *err, size_t errsz);
    void (*close)(struct op *o);
    void *h; /* the open connection */
};

/* Copies from to to (with no -wal or -shm beside it): in C, since forking this sanitized
 * process hundreds of times costs more than the runs. */
static bool copy_file(const char *from, const char *to)
{
    char side[320];
    bool ok = true;
    for (int i = 0; i < 2; i++) {
        snprintf(side, sizeof side, "%s%s", to, i ? "-shm" : "-wal");
        unlink(side);
    }
    FILE *in = fopen(from, "rb"), *out = fopen(to, "wb");
    char buf[65536];
    size_t n;
    ok = in && out;
    while (ok && (n = fread(buf, 1, sizeof buf, in)) > 0)
        ok = fwrite(buf, 1, n, out) == n;
    ok = ok && !ferror(in);
    if (in)
        fclose(in);
    if (out && fclose(out) != 0)
        ok = false;
    return ok;
}

static bool integrity_ok(const char *path)
{
    sqlite3 *db = NULL;
    sqlite3_stmt *st = NULL;
    bool ok = sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL) == SQLITE_OK &&
              sqlite3_prepare_v2(db, "PRAGMA integrity_check", -1, &st, NULL) == SQLITE_OK &&
              sqlite3_step(st) == SQLITE_ROW &&
              strcmp((const char *)sqlite3_column_text(st, 0), "ok") == 0;
    sqlite3_finalize(st);
    sqlite3_close(db);
    return ok;
}

/* What SQLite says for the faults iofault.h makes. */
static bool says_storage(const char *err)
{
    return strstr(err, "database or disk is full") || strstr(err, "disk I/O error");
}

/* Runs o once per fault point of kind; returns the number of points (0 when something failed
 * before any fault could be injected). extra (may be NULL) checks a failed run's state. */
static long every_point(struct op *o, enum iof_kind kind,
                        void (*extra)(struct op *o, const char *err))
{
    char err[512];
    unsigned char want[32], before[32], after[32];
    /* the rows of a run that met no fault */
    CHECK(copy_file(o->template, o->work));
    err[0] = '\0';
    bool ok = o->open(o, err, sizeof err) && o->run(o, err, sizeof err);
    if (!ok)
        fprintf(stderr, "%s: without a fault: %s\n", o->name, err);
    CHECK(ok);
    o->close(o);
    CHECK(iof_digest(o->work, want));
    long n = 1;
    for (; n < RUNS_MAX; n++) {
        err[0] = '\0';
        CHECK(copy_file(o->template, o->work));
        if (!o->open(o, err, sizeof err)) {
            fprintf(stderr, "%s: open: %s\n", o->name, err);
            CHECK(false);
            return 0;
        }
        CHECK(iof_digest(o->work, before));
        iof_arm(kind, n);
        ok = o->run(o, err, sizeof err);
        long failed = iof_disarm();
        if (failed == 0) { /* the operation ended before its nth write or sync */
            CHECK(ok);
            o->close(o);
            break;
        }
        if (ok) {
            /* SQLite may shrug off a fault that costs nothing (a checkpoint after the commit):
             * then the work must be whole */
            CHECK(iof_digest(o->work, after));
            CHECK(memcmp(after, want, sizeof want) == 0);
        } else {
            bool same = iof_digest(o->work, after) && memcmp(after, before, sizeof after) == 0;
            if (!same || !says_storage(err))
                fprintf(stderr, "%s, %s at %ld: %s; rows %s\n", o->name, iof_kind_name(kind), n,
                        err, same ? "unchanged" : "CHANGED");
            CHECK(same);
            CHECK(says_storage(err));
            if (extra)
                extra(o, err);
            /* the fault is gone: the same connection does it again, once */
            err[0] = '\0';
            bool again = o->run(o, err, sizeof err);
            if (!again)
                fprintf(stderr, "%s, %s at %ld: the retry failed: %s\n", o->name,
                        iof_kind_name(kind), n, err);
            CHECK(again);
            CHECK(iof_digest(o->work, after));
            CHECK(memcmp(after, want, sizeof want) == 0);
        }
        o->close(o);
        CHECK(integrity_ok(o->work));
        if (ly_check_fails > 20)
            break; /* enough said */
    }
    CHECK(n < RUNS_MAX);
    printf("# %s, %s: %ld fault points\n", o->name, iof_kind_name(kind), n - 1);
    return n - 1;
}

static void every_kind(struct op *o, void (*extra)(struct op *o, const char *err))
{
    long writes = every_point(o, IOF_FULL, extra);
    CHECK(writes > 0);
    CHECK_INT(every_point(o, IOF_EIO_WRITE, extra), writes);
    CHECK(every_point(o, IOF_EIO_SYNC, extra) > 0);
}

/* ---- The hub's side: an organizer database, a snapshot of it, later changes. */

static char hub_path[300], snap1[300], snap2[300], kiosk_template[300];
static int64_t cursor1;

static bool add_people(const char *path, int n)
{
    char err[256];
    struct ly_hubdb *db;
    enum ly_upsert what;
    if (!ly_hubdb_open(path, &db, err, sizeof err))
        return false;
    bool ok = ly_hubdb_begin(db, err, sizeof err);
    for (int i = 1; ok && i <= n; i++) {
        char id[16];
        snprintf(id, sizeof id, "N%d", i);
        struct ly_registration r = seed_reg(id, "BR", "");
        ok = ly_hubdb_upsert_registration(db, &r, &what, err, sizeof err);
    }
    ok = ok && ly_hubdb_commit(db, err, sizeof err);
    if (!ok)
        fprintf(stderr, "add_people: %s\n", err);
    ly_hubdb_close(db);
    return ok;
}

static bool snapshot_of(const char *hub, const char *path, int64_t *cursor)
{
    char err[256];
    struct ly_hubdb *db;
    struct ly_snapshot_counts n;
    if (!ly_hubdb_open(hub, &db, err, sizeof err))
        return false;
    bool ok = ly_snapshot_write(db, path, &n, err, sizeof err);
    if (!ok)
        fprintf(stderr, "snapshot: %s\n", err);
    ly_hubdb_close(db);
    *cursor = n.cursor;
    return ok;
}

/* The hub's database with 3 registrations; a snapshot (snap1) of it; a kiosk database holding
 * that snapshot and two journaled check-ins; then 30 more registrations and the programme at the
 * hub, and a snapshot of that (snap2). */
static bool setup_hub_and_kiosk(void)
{
    char err[256];
    int64_t c2;
    struct ly_kioskdb *k = NULL;
    snprintf(hub_path, sizeof hub_path, "%s/hub.db", dir);
    snprintf(snap1, sizeof snap1, "%s/snap1.db", dir);
    snprintf(snap2, sizeof snap2, "%s/snap2.db", dir);
    snprintf(kiosk_template, sizeof kiosk_template, "%s/kiosk-template.db", dir);
    if (!seed_hubdb(hub_path, 0) || !snapshot_of(hub_path, snap1, &cursor1))
        return false;
    bool ok = ly_kioskdb_open(kiosk_template, LY_KIOSKDB_KIOSK, &k, err, sizeof err) &&
              ly_kioskdb_merge_snapshot(k, snap1, NULL, &c2, err, sizeof err);
    for (int i = 0; ok && i < 2; i++) {
        struct ly_checkin c = {0};
        snprintf(c.gate, sizeof c.gate, "entrance");
        snprintf(c.code_kind, sizeof c.code_kind, "badge");
        snprintf(c.decision, sizeof c.decision, "granted");
        c.attendee_id = (uint32_t)i + 1;
        ok = ly_kioskdb_journal(k, &c, NULL, err, sizeof err);
    }
    if (!ok)
        fprintf(stderr, "kiosk: %s\n", err);
    ly_kioskdb_close(k);
    return ok && add_people(hub_path, NEW_PEOPLE) && seed_programme(hub_path) &&
           snapshot_of(hub_path, snap2, &c2);
}

/* ---- The kiosk: a snapshot merged; a page of changes applied; check-ins marked sent. */

static bool kiosk_open(struct op *o, char *err, size_t errsz)
{
    struct ly_kioskdb *db = NULL;
    bool ok = ly_kioskdb_open(o->work, LY_KIOSKDB_KIOSK, &db, err, errsz);
    o->h = db;
    return ok;
}

static void kiosk_close(struct op *o)
{
    ly_kioskdb_close(o->h);
    o->h = NULL;
}

static bool merge_run(struct op *o, char *err, size_t errsz)
{
    /* the client downloads the snapshot again for every attempt */
    char fresh[320];
    int64_t cursor;
    snprintf(fresh, sizeof fresh, "%s.snapshot", o->work);
    if (!copy_file(snap2, fresh))
        return ly_fail(err, errsz, "cannot copy the snapshot");
    return ly_kioskdb_merge_snapshot(o->h, fresh, NULL, &cursor, err, errsz);
}

static void snapshot_at_every_fault(void)
{
    struct op o = {
        .name = "snapshot merge", .open = kiosk_open, .run = merge_run, .close = kiosk_close};
    snprintf(o.template, sizeof o.template, "%s", kiosk_template);
    snprintf(o.work, sizeof o.work, "%s/kiosk-merge.db", dir);
    every_kind(&o, NULL);
}

/* A page of the hub's changes after the kiosk's cursor, as the hub serves it. */
static char *page;
static size_t page_len;

struct page_ctx {
    FILE *f;
    int n;
    int64_t last;
};

static bool page_add(void *ctx, const struct ly_change *c)
{
    struct page_ctx *p = ctx;
    if (p->n++)
        fputc(',', p->f);
    ly_change_json(p->f, c);
    p->last = c->seq;
    return true;
}

static bool make_page(void)
{
    char url[320], err[256];
    struct ly_store *st = NULL;
    struct page_ctx p = {.last = cursor1};
    snprintf(url, sizeof url, "sqlite:%s", hub_path);
    if (!ly_store_open(url, &st, err, sizeof err))
        return false;
    p.f = open_memstream(&page, &page_len);
    fputs("{\"changes\":[", p.f);
    bool ok = st->ops->changes(st, cursor1, page_add, &p, err, sizeof err);
    fprintf(p.f, "],\"next\":%lld,\"more\":false}", (long long)p.last);
    fclose(p.f);
    ly_store_close(st);
    return ok && p.n >= NEW_PEOPLE;
}

static bool changes_run(struct op *o, char *err, size_t errsz)
{
    struct ly_kioskdb_roots roots;
    struct ly_changes_page pg;
    memset(&roots, 0, sizeof roots);
    return ly_changes_apply(o->h, page, page_len, cursor1, 0, &roots, &pg, err, errsz);
}

/* A failed page leaves the cursor where it was: the same page is asked for again. */
static void cursor_kept(struct op *o, const char *err)
{
    int64_t cursor = -1;
    char e[256];
    (void)err;
    CHECK(ly_kioskdb_sync_cursor(o->h, &cursor, e, sizeof e));
    CHECK_INT(cursor, cursor1);
}

static void changes_at_every_fault(void)
{
    struct op o = {
        .name = "changes page", .open = kiosk_open, .run = changes_run, .close = kiosk_close};
    snprintf(o.template, sizeof o.template, "%s", kiosk_template);
    snprintf(o.work, sizeof o.work, "%s/kiosk-changes.db", dir);
    CHECK(page != NULL);
    every_kind(&o, cursor_kept);
}

static bool mark_run(struct op *o, char *err, size_t errsz)
{
    struct ly_checkin batch[4];
    const char *uuids[4];
    size_t n = 0, marked = 0;
    if (!ly_kioskdb_unsent_batch(o->h, 0, batch, 4, &n, err, errsz))
        return false;
    for (size_t i = 0; i < n; i++)
        uuids[i] = batch[i].uuid;
    if (!ly_kioskdb_mark_sent(o->h, uuids, n, &marked, err, errsz))
        return false;
    return n == 2 && marked == 2 ? true : ly_fail(err, errsz, "marked %zu of %zu", marked, n);
}

/* Check-ins the hub committed but that could not be marked stay unsent: they go again. */
static void still_unsent(struct op *o, const char *err)
{
    int64_t n = -1;
    char e[256];
    (void)err;
    CHECK(ly_kioskdb_unsent(o->h, &n, e, sizeof e));
    CHECK_INT(n, 2);
}

static void mark_sent_at_every_fault(void)
{
    struct op o = {.name = "mark sent", .open = kiosk_open, .run = mark_run, .close = kiosk_close};
    snprintf(o.template, sizeof o.template, "%s", kiosk_template);
    snprintf(o.work, sizeof o.work, "%s/kiosk-mark.db", dir);
    every_kind(&o, still_unsent);
}

/* ---- The hub: a batch of check-ins stored (SQLite backend). */

static char store_template[300];
static struct ly_store_kiosk kiosk;
static struct ly_checkin items[BATCH];

static bool setup_store(void)
{
    char url[320], err[256];
    struct ly_store *st = NULL;
    uint8_t code[LY_TOKEN_HASH_LEN], tok[LY_TOKEN_HASH_LEN];
    enum ly_store_redeem res;
    snprintf(store_template, sizeof store_template, "%s/store-template.db", dir);
    if (!seed_hubdb(store_template, 10))
        return false;
    snprintf(url, sizeof url, "sqlite:%s", store_template);
    memset(tok, 7, sizeof tok);
    bool ok = ly_store_open(url, &st, err, sizeof err) &&
              ly_enroll_code_hash("ABCD-EFGH-JKMN", code) &&
              st->ops->add_enroll_code(st, code, "North", "entrance", NULL, 0, INT64_MAX, err,
                                       sizeof err) &&
              st->ops->redeem_enroll_code(st, code, "0f8fad5b-d9cb-469f-a165-70867728950e", "", tok,
                                          1, &res, &kiosk, err, sizeof err) &&
              res == LY_REDEEM_OK;
    if (!ok)
        fprintf(stderr, "store: %s\n", err);
    ly_store_close(st);
    for (int i = 0; i < BATCH; i++) {
        struct ly_checkin *c = &items[i];
        memset(c, 0, sizeof *c);
        snprintf(c->uuid, sizeof c->uuid, "00000000-0000-4000-8000-%012d", i + 1);
        c->seq = i + 1;
        c->wall_ms = 1765180800000LL + i;
        snprintf(c->gate, sizeof c->gate, "entrance");
        c->attendee_id = (uint32_t)(i % 13) + 1;
        snprintf(c->code_kind, sizeof c->code_kind, "badge");
        snprintf(c->decision, sizeof c->decision, "granted");
        snprintf(c->place, sizeof c->place, "venue");
        c->direction = i < 13 ? 1 : -1;
    }
    return ok;
}

static bool store_open(struct op *o, char *err, size_t errsz)
{
    char url[320];
    struct ly_store *st = NULL;
    snprintf(url, sizeof url, "sqlite:%s", o->work);
    bool ok = ly_store_open(url, &st, err, errsz);
    o->h = st;
    return ok;
}

static void store_close(struct op *o)
{
    ly_store_close(o->h);
    o->h = NULL;
}

static bool ingest_run(struct op *o, char *err, size_t errsz)
{
    struct ly_store *st = o->h;
    enum ly_store_item res[BATCH];
    for (int i = 0; i < BATCH; i++)
        res[i] = LY_ITEM_STORED;
    if (!st->ops->ingest(st, &kiosk, items, BATCH, 0, 1765180900000LL, 3, res, err, errsz))
        return false;
    for (int i = 0; i < BATCH; i++) {
        if (res[i] != LY_ITEM_STORED)
            return ly_fail(err, errsz, "check-in %d came back %d, not stored", i, (int)res[i]);
    }
    return true;
}

/* The hub answers 503 for this failure (the storage's), not 500. */
static void store_unavailable(struct op *o, const char *err)
{
    struct ly_store *st = o->h;
    (void)err;
    CHECK(st->ops->unavailable(st));
}

static void ingest_at_every_fault(void)
{
    struct op o = {
        .name = "hub ingest", .open = store_open, .run = ingest_run, .close = store_close};
    snprintf(o.template, sizeof o.template, "%s", store_template);
    snprintf(o.work, sizeof o.work, "%s/store.db", dir);
    every_kind(&o, store_unavailable);
}

/* ---- The organizer: registrations imported. */

static char *csv;
static size_t csv_len;

static bool make_csv(void)
{
    FILE *f = open_memstream(&csv, &csv_len);
    fputs("id,name,country,stakeholder,attendance,category\n", f);
    for (int i = 1; i <= 40; i++)
        fprintf(f, "R-%02d,Person R%d,KE,government,onsite,participant\n", i, i);
    fputs("A1,Person A1 renamed,KE,government,onsite,participant\n", f); /* an update */
    fclose(f);
    return true;
}

static bool hubdb_open(struct op *o, char *err, size_t errsz)
{
    struct ly_hubdb *db = NULL;
    bool ok = ly_hubdb_open(o->work, &db, err, errsz);
    o->h = db;
    return ok;
}

static void hubdb_close(struct op *o)
{
    ly_hubdb_close(o->h);
    o->h = NULL;
}

static bool import_run(struct op *o, char *err, size_t errsz)
{
    char *msgs = NULL;
    size_t msz = 0;
    struct ly_import_result res;
    FILE *out = open_memstream(&msgs, &msz);
    bool ok = ly_import_registrations(o->h, "regs.csv", csv, csv_len, NULL, out, &res);
    fclose(out);
    if (!ok)
        ly_fail(err, errsz, "%s", msgs ? msgs : "");
    else if (res.inserted != 40 || res.updated != 1)
        ok = ly_fail(err, errsz, "imported %zu new, %zu updated", res.inserted, res.updated);
    free(msgs);
    return ok;
}

/* The message names the file and says the database failed, with no bad row counted. */
static void names_file(struct op *o, const char *err)
{
    (void)o;
    CHECK(strncmp(err, "regs.csv:", 9) == 0);
    CHECK(strstr(err, "database") != NULL);
}

static void import_at_every_fault(void)
{
    struct op o = {.name = "import", .open = hubdb_open, .run = import_run, .close = hubdb_close};
    snprintf(o.template, sizeof o.template, "%s/org-template.db", dir);
    snprintf(o.work, sizeof o.work, "%s/org.db", dir);
    CHECK(seed_hubdb(o.template, 5));
    CHECK(make_csv());
    every_kind(&o, names_file);
}

/* The model fails what it should: a write the disk refuses fails the operation. */
static void model_fails_writes(void)
{
    char path[320], err[256];
    struct ly_kioskdb *db = NULL;
    snprintf(path, sizeof path, "%s/model.db", dir);
    CHECK(copy_file(kiosk_template, path));
    CHECK(ly_kioskdb_open(path, LY_KIOSKDB_KIOSK, &db, err, sizeof err));
    struct ly_checkin c = {0};
    snprintf(c.gate, sizeof c.gate, "entrance");
    snprintf(c.code_kind, sizeof c.code_kind, "badge");
    snprintf(c.decision, sizeof c.decision, "granted");
    c.attendee_id = 1;
    iof_arm(IOF_FULL, 1);
    CHECK(!ly_kioskdb_journal(db, &c, NULL, err, sizeof err));
    CHECK(iof_disarm() > 0);
    CHECK(strstr(err, "database or disk is full") != NULL);
    CHECK(ly_kioskdb_journal(db, &c, NULL, err, sizeof err));
    ly_kioskdb_close(db);
}

int main(void)
{
    snprintf(dir, sizeof dir, "%s/lanyard-iofault-XXXXXX",
             access("/dev/shm", W_OK) == 0 ? "/dev/shm" : "/tmp");
    if (!mkdtemp(dir)) {
        perror("mkdtemp");
        return 1;
    }
    if (sodium_init() < 0 || !iof_install() || !setup_hub_and_kiosk() || !make_page() ||
        !setup_store()) {
        printf("not ok - setup\n");
        return 1;
    }
    RUN(model_fails_writes);
    RUN(snapshot_at_every_fault);
    RUN(changes_at_every_fault);
    RUN(mark_sent_at_every_fault);
    RUN(ingest_at_every_fault);
    RUN(import_at_every_fault);
    free(page);
    free(csv);
    char cmd[300];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    if (system(cmd) != 0)
        return 1;
    return CHECK_DONE();
}
