/* test_powercut.c - power cuts, modelled (tests/powercut.h): a stream of check-ins journaled by
 * the kiosk database (pickups with their print jobs among them), with the idle checkpoints and
 * the hub's acknowledgements between them, is
 * run once to count its sync points, then again once per sync point with the power cut there:
 * every write not yet synced is thrown away. Reopened, the database must pass integrity_check and
 * hold every check-in the kiosk reported (journal returned true: the screen showed it) and
 * each pickup's print job, with
 * sequence numbers without holes, and every acknowledgement that returned. A control shows the
 * model bites: with synchronous=OFF, committed rows are lost at a cut. */
#include <sodium.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "check.h"
#include "event/records.h"
#include "kioskdb/kioskdb.h"
#include "kioskdb/kioskdb_journal.h"
#include "kioskdb/kioskdb_print.h"
#include "powercut.h"
#include "rawsql.h"

#define STREAM     40 /* check-ins in the stream */
#define CHECKPOINT 6  /* an idle checkpoint after every this many */
#define ACK_EVERY  9  /* the hub acknowledges what was reported, after every this many */
#define PICKUP     3  /* every this many, a pickup: journal entry and print job in one commit */

static char dir[] = "/tmp/lanyard-powercut-XXXXXX";
static char base[300];

/* What the stream reported before the cut: the sequence numbers journal() returned (and the
 * print job of a pickup, 0 for none), and the highest one the hub's acknowledgement marked
 * sent. */
struct seen {
    int64_t seq[STREAM], job[STREAM];
    int n;
    int64_t acked_through;
};

/* A pickup: its journal entry and its print job commit together, as the kiosk loop does. */
static bool pickup(struct ly_kioskdb *db, const struct ly_checkin *in, struct ly_checkin *out,
                   int64_t *job, char *err, size_t errsz)
{
    if (!ly_kioskdb_begin(db, err, errsz))
        return false;
    struct ly_kiosk_pjob j = {.attendee_id = in->attendee_id};
    bool ok = ly_kioskdb_journal_in(db, in, out, err, errsz);
    if (ok) {
        snprintf(j.checkin_uuid, sizeof j.checkin_uuid, "%s", out->uuid);
        snprintf(j.code, sizeof j.code, "LY1:TEST%u", (unsigned)in->attendee_id);
        ok = ly_kioskdb_pjob_add(db, &j, 1000, job, err, errsz);
    }
    if (ok && ly_kioskdb_commit(db, err, errsz))
        return true;
    ly_kioskdb_rollback(db);
    return false;
}

static struct ly_checkin entry(uint32_t attendee)
{
    struct ly_checkin c = {0};
    snprintf(c.gate, sizeof c.gate, "entrance");
    snprintf(c.code_kind, sizeof c.code_kind, "badge");
    snprintf(c.decision, sizeof c.decision, "granted");
    snprintf(c.place, sizeof c.place, "venue");
    c.attendee_id = attendee;
    c.direction = 1;
    return c;
}

static void copy_file(const char *from, const char *to)
{
    FILE *in = fopen(from, "rb"), *out = fopen(to, "wb");
    char buf[65536];
    size_t n;
    CHECK(in != NULL && out != NULL);
    while (in && out && (n = fread(buf, 1, sizeof buf, in)) > 0)
        CHECK(fwrite(buf, 1, n, out) == n);
    if (in)
        fclose(in);
    if (out)
        fclose(out);
}

/* A kiosk database as it is after enrollment: made, closed cleanly (no WAL left). */
static void make_base(void)
{
    struct ly_kioskdb *db = NULL;
    char err[256] = "";
    snprintf(base, sizeof base, "%s/base.db", dir);
    CHECK(ly_kioskdb_open(base, LY_KIOSKDB_KIOSK, &db, err, sizeof err));
    if (db)
        ly_kioskdb_close(db);
}

/* Runs the stream on path until it ends or the power goes; fills *s with what was reported. */
static void stream(const char *path, struct seen *s)
{
    struct ly_kioskdb *db = NULL;
    char err[256];
    memset(s, 0, sizeof *s);
    if (!ly_kioskdb_open(path, LY_KIOSKDB_KIOSK, &db, err, sizeof err))
        return; /* the cut came while opening: nothing was reported */
    for (int i = 0; i < STREAM && !pc_is_dead(); i++) {
        struct ly_checkin in = entry((uint32_t)(100 + i)), out;
        int64_t job = 0;
        bool journaled = i % PICKUP == PICKUP - 1
                             ? pickup(db, &in, &out, &job, err, sizeof err)
                             : ly_kioskdb_journal(db, &in, &out, err, sizeof err);
        if (!journaled)
            break; /* not journaled: the kiosk shows the fault screen, never a grant */
        s->job[s->n] = job;
        s->seq[s->n++] = out.seq;
        if ((i + 1) % CHECKPOINT == 0 && !ly_kioskdb_checkpoint(db, NULL, err, sizeof err))
            break;
        if ((i + 1) % ACK_EVERY == 0) {
            /* The hub committed everything reported so far: mark it sent. */
            struct ly_checkin batch[STREAM];
            size_t n = 0, marked = 0;
            const char *uuids[STREAM];
            if (!ly_kioskdb_unsent_batch(db, s->acked_through, batch, STREAM, &n, err, sizeof err))
                break;
            for (size_t k = 0; k < n; k++)
                uuids[k] = batch[k].uuid;
            if (!ly_kioskdb_mark_sent(db, uuids, n, &marked, err, sizeof err))
                break;
            if (n)
                s->acked_through = batch[n - 1].seq;
        }
    }
    ly_kioskdb_close(db); /* after a cut, a dead machine: nothing of this reaches the disk */
}

/* Opens path as the kiosk would after the power came back and checks it against *s. Returns
 * true when everything reported is there. */
static bool verify(const char *path, const struct seen *s, long cut)
{
    struct ly_kioskdb *db = NULL;
    char err[256] = "";
    bool good = true;
    /* open() runs quick_check and refuses a damaged file */
    if (!ly_kioskdb_open(path, LY_KIOSKDB_KIOSK, &db, err, sizeof err)) {
        fprintf(stderr, "cut at sync %ld: reopening failed: %s\n", cut, err);
        return false;
    }
    for (int i = 0; i < s->n; i++) {
        struct ly_checkin c;
        bool found = false;
        if (!ly_kioskdb_checkin(db, s->seq[i], &c, &found, err, sizeof err) || !found ||
            c.attendee_id != (uint32_t)(100 + i)) {
            fprintf(stderr, "cut at sync %ld: reported check-in %lld lost\n", cut,
                    (long long)s->seq[i]);
            good = false;
        }
        struct ly_kiosk_pjob j;
        found = false;
        if (s->job[i] && (!ly_kioskdb_pjob(db, s->job[i], &j, &found, err, sizeof err) || !found ||
                          strcmp(j.checkin_uuid, c.uuid) != 0)) {
            fprintf(stderr, "cut at sync %ld: the print job of check-in %lld lost\n", cut,
                    (long long)s->seq[i]);
            good = false;
        }
    }
    /* No print job without its journal entry, none with a journal entry that was lost. */
    if (raw_int(path, "SELECT count(*) FROM print_jobs WHERE checkin_uuid NOT IN "
                      "(SELECT uuid FROM checkins)") != 0) {
        fprintf(stderr, "cut at sync %ld: a print job without its check-in\n", cut);
        good = false;
    }
    int64_t through = 0;
    if (!ly_kioskdb_sent_through(db, &through, err, sizeof err) || through < s->acked_through) {
        fprintf(stderr, "cut at sync %ld: acknowledged through %lld, the file says %lld\n", cut,
                (long long)s->acked_through, (long long)through);
        good = false;
    }
    ly_kioskdb_close(db);
    char ic[64] = "";
    sqlite3 *raw;
    sqlite3_stmt *q;
    if (sqlite3_open(path, &raw) == SQLITE_OK &&
        sqlite3_prepare_v2(raw, "PRAGMA integrity_check", -1, &q, NULL) == SQLITE_OK) {
        if (sqlite3_step(q) == SQLITE_ROW)
            snprintf(ic, sizeof ic, "%s", (const char *)sqlite3_column_text(q, 0));
        sqlite3_finalize(q);
    }
    sqlite3_close(raw);
    if (strcmp(ic, "ok") != 0) {
        fprintf(stderr, "cut at sync %ld: integrity_check says %s\n", cut, ic);
        good = false;
    }
    /* No hole, no half-written row: the rows are 1..max and the counter is past the last. */
    int64_t count = raw_int(path, "SELECT count(*) FROM checkins");
    int64_t max = raw_int(path, "SELECT coalesce(max(seq), 0) FROM checkins");
    int64_t next = raw_int(path, "SELECT next_seq FROM kiosk");
    if (count != max || next != max + 1) {
        fprintf(stderr, "cut at sync %ld: %lld rows, max %lld, next %lld\n", cut, (long long)count,
                (long long)max, (long long)next);
        good = false;
    }
    return good;
}

static void remove_db(const char *path)
{
    char p[400];
    unlink(path);
    snprintf(p, sizeof p, "%s-wal", path);
    unlink(p);
    snprintf(p, sizeof p, "%s-shm", path);
    unlink(p);
}

static void a_cut_at_every_sync_point_loses_nothing_reported(void)
{
    char path[300];
    struct seen s;
    snprintf(path, sizeof path, "%s/stream.db", dir);

    /* The stream without a cut: its sync points, and everything reported. */
    remove_db(path);
    copy_file(base, path);
    pc_arm(0);
    stream(path, &s);
    long points = pc_syncs();
    CHECK_INT(s.n, STREAM);
    CHECK(points >= STREAM); /* every commit is synced (WAL, synchronous=FULL) */
    CHECK(verify(path, &s, 0));

    int good = 0, reported = 0;
    long dropped = 0;
    for (long cut = 1; cut <= points; cut++) {
        remove_db(path);
        copy_file(base, path);
        pc_arm(cut);
        stream(path, &s);
        CHECK(pc_is_dead());
        dropped += pc.dropped;
        pc_lost_shm(path);
        pc_arm(0); /* the power is back */
        reported += s.n;
        good += verify(path, &s, cut);
    }
    CHECK_INT(good, points);
    CHECK(dropped > 0); /* the cuts threw writes away */
    fprintf(stderr,
            "power cut at each of %ld sync points of %d check-ins: %d reported in all, none "
            "lost, %ld bytes of unsynced writes thrown away\n",
            points, STREAM, reported, dropped);
    remove_db(path);
}

/* The control: without syncs, a commit is not durable, and the model shows it. */
static void the_model_loses_unsynced_commits(void)
{
    char path[300];
    snprintf(path, sizeof path, "%s/unsynced.db", dir);
    remove_db(path);
    pc_arm(0);
    sqlite3 *db;
    CHECK(sqlite3_open(path, &db) == SQLITE_OK);
    CHECK(sqlite3_exec(db,
                       "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; "
                       "CREATE TABLE t (x); INSERT INTO t VALUES (1);",
                       NULL, NULL, NULL) == SQLITE_OK);
    CHECK(sqlite3_exec(db, "PRAGMA synchronous = OFF; INSERT INTO t VALUES (2);", NULL, NULL,
                       NULL) == SQLITE_OK);
    CHECK(raw_int(path, "SELECT count(*) FROM t") == 2); /* committed, visible */
    pc_cut();
    sqlite3_close(db);
    pc_lost_shm(path);
    pc_arm(0);
    CHECK_INT(raw_int(path, "SELECT count(*) FROM t"), 1); /* the unsynced commit is gone */
    remove_db(path);
}

int main(void)
{
    if (sodium_init() < 0 || !mkdtemp(dir) || !pc_install()) {
        fprintf(stderr, "test_powercut: cannot start\n");
        return 1;
    }
    make_base();
    RUN(the_model_loses_unsynced_commits);
    RUN(a_cut_at_every_sync_point_loses_nothing_reported);
    remove_db(base);
    rmdir(dir);
    return ly_cases_failed != 0;
}
