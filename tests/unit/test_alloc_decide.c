/* test_alloc_decide.c - allocation failure in turn on the kiosk's decision path
 * (tests/allocfail.h): a code read at a gate goes through identification (badge parse and
 * signature, or a ticket code looked up), the rules and the journal (ly_gate_decide), then out as
 * the kiosk's JSON line (ly_jsonl_decision, as the loop's on_code reports it). For each case, every
 * allocation the decision makes (Lanyard's and SQLite's) fails in turn, each run on a fresh copy of
 * the same kiosk database. Each run must end one of two ways:
 *   - decided: the decision is the one a run without faults makes (kind, reason), its journal
 *     row is on disk with its print job if it has one, and the line says so;
 *   - failed: an error with a message, nothing journaled (no row, no print job), the line says
 *     "journal_failed" and never "granted"; and the same code read again at once (the person
 *     still in front of the camera, the fault gone) is decided as without faults, not held off.
 * Then LeakSanitizer must find nothing leaked. Prints each case's allocations and time. */
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "allocfail.h"
#include "check.h"
#include "gate/gate.h"
#include "kiosk/jsonl.h"
#include "kioskdb/kioskdb.h"
#include "kioskdb/kioskdb_journal.h"
#include "kioskdb/kioskdb_records.h"
#include "tools/kiosk_fixture.h"

static char dir[64];
static char tmpl[128], work[128];
static struct kf_keys keys;
static char err[512];

/* One scan: a code at a gate at a local time. */
struct scan {
    const char *name;
    const char *gate;
    const char *local;
    char code[LY_BADGE_CODE_MAX + 1];
    /* what a run without faults decides */
    enum ly_decision_kind kind;
    char reason_code[32];
    bool print_job;
};

/* Rows of table, read through a connection of the test's own (rawsql.h's, kept open for a
 * run); -1 on error. */
static sqlite3 *raw;

static int64_t rows(const char *table)
{
    char sql[96];
    sqlite3_stmt *q;
    int64_t v = -1;
    snprintf(sql, sizeof sql, "SELECT count(*) FROM %s", table);
    if (sqlite3_prepare_v2(raw, sql, -1, &q, NULL) == SQLITE_OK && sqlite3_step(q) == SQLITE_ROW)
        v = sqlite3_column_int64(q, 0);
    sqlite3_finalize(q);
    return v;
}

/* A fresh copy of the template database at work (no WAL: the template was closed cleanly). */
static struct ly_kioskdb *fresh(void)
{
    struct ly_kioskdb *db = NULL;
    af_remove_db(work);
    if (!af_copy_db(tmpl, work) || !ly_kioskdb_open(work, LY_KIOSKDB_KIOSK, &db, err, sizeof err)) {
        fprintf(stderr, "fresh copy: %s\n", err);
        return NULL;
    }
    return db;
}

/* The forum, with the speaker inside the venue already (re-entry), a session that prints an
 * access slip, and a kiosk key (the pickup point signs the badge it prints). */
static bool make_template(void)
{
    struct ly_kioskdb *db = NULL;
    struct ly_gate *g = NULL;
    struct ly_decision d;
    struct ly_kiosk_session ms;
    bool found = false;
    char code[LY_BADGE_CODE_MAX + 1];
    bool ok = ly_kioskdb_open(tmpl, LY_KIOSKDB_KIOSK, &db, err, sizeof err) &&
              kf_fill(db, &keys, true, err, sizeof err) &&
              ly_kioskdb_session(db, 0, "MS-1", &ms, &found, err, sizeof err) && found;
    ms.slips = true;
    ok = ok && ly_kioskdb_put_session(db, &ms, err, sizeof err) &&
         kf_code(&keys, KF_SPEAKER, 1, KF_EVENT_ID, false, code) &&
         ly_gate_open(db, "entrance", NULL, &g, err, sizeof err) &&
         ly_gate_decide(g, code, strlen(code), (struct ly_gate_time){kf_eat("2026-12-08T08:30"), 1},
                        &d, err, sizeof err) &&
         d.kind == LY_DECISION_GRANTED;
    ly_gate_close(g);
    ly_kioskdb_close(db);
    if (!ok)
        fprintf(stderr, "template: %s\n", err);
    return ok;
}

/* Decides s on db at gate g, as the loop does, and writes the kiosk's line into line. */
static bool decide(struct ly_gate *g, const struct scan *s, struct ly_kiosk_decision *kd,
                   char *line, size_t linesz)
{
    static const struct ly_kiosk_decision zero;
    struct ly_gate_time t = {kf_eat(s->local), 1000000};
    *kd = zero;
    snprintf(kd->gate, sizeof kd->gate, "%s", s->gate);
    bool ok =
        ly_gate_decide(g, s->code, strlen(s->code), t, &kd->decision, kd->err, sizeof kd->err);
    kd->journal_failed = !ok;
    FILE *f = fmemopen(line, linesz, "w");
    if (f == NULL)
        return ok;
    ly_jsonl_decision(f, kd, false);
    fclose(f);
    return ok;
}

struct run_ctx {
    struct scan *s;
    long bad; /* runs that broke a rule */
};

/* A decision made (or not) under the nth allocation failing: checked against the rules. */
static bool one_run(void *vctx, long n)
{
    struct run_ctx *x = vctx;
    struct scan *s = x->s;
    struct ly_kioskdb *db = fresh();
    struct ly_gate *g = NULL;
    static struct ly_kiosk_decision kd;
    char line[4096] = "";
    bool ok = false;
    int before_rows = -1, before_jobs = -1;
    if (db == NULL || !ly_gate_open(db, s->gate, NULL, &g, err, sizeof err)) {
        fprintf(stderr, "%s: set-up: %s\n", s->name, err);
        x->bad++;
        ly_kioskdb_close(db);
        return true;
    }
    if (sqlite3_open(work, &raw) != SQLITE_OK) {
        fprintf(stderr, "%s: raw open: %s\n", s->name, sqlite3_errmsg(raw));
        x->bad++;
    }
    before_rows = (int)rows("checkins");
    before_jobs = (int)rows("print_jobs");
    af_arm(n);
    ok = decide(g, s, &kd, line, sizeof line);
    af_disarm();
    bool broke = false;
    if (ok) {
        const struct ly_decision *d = &kd.decision;
        struct ly_checkin c;
        bool found = false;
        broke |= d->held_off || d->kind != s->kind || strcmp(d->reason_code, s->reason_code) != 0;
        broke |= !ly_kioskdb_checkin(db, d->checkin.seq, &c, &found, err, sizeof err) || !found ||
                 strcmp(c.uuid, d->checkin.uuid) != 0 ||
                 strcmp(c.decision, ly_decision_name(s->kind)) != 0;
        broke |= rows("checkins") != before_rows + 1;
        broke |= (d->print_job != 0) != s->print_job ||
                 rows("print_jobs") != before_jobs + (s->print_job ? 1 : 0);
        broke |= strstr(line, ly_decision_name(s->kind)) == NULL;
        if (broke)
            fprintf(stderr, "%s, allocation %ld failed: decided %s (%s), journal %s: %s\n", s->name,
                    n, ly_decision_name(d->kind), d->reason_code, found ? "has it" : "lacks it",
                    line);
    } else {
        broke |= kd.err[0] == '\0';
        broke |= rows("checkins") != before_rows || rows("print_jobs") != before_jobs;
        broke |= strstr(line, "journal_failed") == NULL || strstr(line, "granted") != NULL;
        /* the fault is gone and the person still there: decided now, as without faults */
        char again[4096];
        struct ly_kiosk_decision *kd2 = calloc(1, sizeof *kd2);
        bool ok2 = kd2 && decide(g, s, kd2, again, sizeof again);
        if (!ok2 || kd2->decision.held_off || kd2->decision.kind != s->kind ||
            strcmp(kd2->decision.reason_code, s->reason_code) != 0 ||
            rows("checkins") != before_rows + 1) {
            fprintf(stderr, "%s, allocation %ld failed (%s): the retry was %s %s (%s)\n", s->name,
                    n, kd.err,
                    !ok2                     ? "an error"
                    : kd2->decision.held_off ? "held off"
                                             : "decided",
                    kd2 ? ly_decision_name(kd2->decision.kind) : "", kd2 ? kd2->err : "");
            broke = true;
        } else if (broke) {
            fprintf(stderr, "%s, allocation %ld failed: error \"%s\", line %s", s->name, n, kd.err,
                    line);
        }
        free(kd2);
    }
    x->bad += broke;
    sqlite3_close(raw);
    raw = NULL;
    ly_gate_close(g);
    ly_kioskdb_close(db);
    return !ok;
}

/* The cases, each decided once without faults to learn what it decides. */
static struct scan scans[] = {
    {.name = "badge granted at the entrance", .gate = "entrance", .local = "2026-12-08T09:00"},
    {.name = "ticket code granted", .gate = "entrance", .local = "2026-12-08T09:00"},
    {.name = "badge already inside", .gate = "entrance", .local = "2026-12-08T09:00"},
    {.name = "revoked badge denied", .gate = "entrance", .local = "2026-12-08T09:00"},
    {.name = "badge of another key denied", .gate = "entrance", .local = "2026-12-08T09:00"},
    {.name = "unknown code denied", .gate = "entrance", .local = "2026-12-08T09:00"},
    {.name = "session grant with a slip", .gate = "session:MS-1", .local = "2026-12-08T09:50"},
    {.name = "session denied by category", .gate = "session:HL-1", .local = "2026-12-08T13:50"},
    {.name = "room exit", .gate = "exit:room:3", .local = "2026-12-09T09:30"},
    {.name = "badge picked up", .gate = "pickup", .local = "2026-12-08T09:00"},
};
#define NSCANS (sizeof scans / sizeof scans[0])

static bool fill_codes(void)
{
    bool ok = kf_code(&keys, KF_PARTICIPANT, 1, KF_EVENT_ID, false, scans[0].code);
    snprintf(scans[1].code, sizeof scans[1].code, "PRETIX-7Q2X");
    ok = ok && kf_code(&keys, KF_SPEAKER, 1, KF_EVENT_ID, false, scans[2].code) &&
         kf_code(&keys, KF_REVOKED, 1, KF_EVENT_ID, false, scans[3].code) &&
         kf_code(&keys, KF_PARTICIPANT, 1, KF_EVENT_ID, true, scans[4].code);
    snprintf(scans[5].code, sizeof scans[5].code, "NOT-A-TICKET-42");
    ok = ok && kf_code(&keys, KF_PARTICIPANT, 1, KF_EVENT_ID, false, scans[6].code) &&
         kf_code(&keys, KF_PARTICIPANT, 1, KF_EVENT_ID, false, scans[7].code) &&
         kf_code(&keys, KF_PARTICIPANT, 1, KF_EVENT_ID, false, scans[8].code) &&
         kf_code(&keys, KF_PARTICIPANT, 1, KF_EVENT_ID, false, scans[9].code);
    return ok;
}

/* What each case decides without faults; the cases must cover grants, denials, a re-entry, a
 * ticket code and both kinds of print job, or the test proves less than it says. */
static void baselines(void)
{
    static struct ly_kiosk_decision kd;
    char line[4096];
    bool granted = false, denied = false, inside = false, picked = false, slip = false;
    for (size_t i = 0; i < NSCANS; i++) {
        struct scan *s = &scans[i];
        struct ly_kioskdb *db = fresh();
        struct ly_gate *g = NULL;
        CHECK(db && ly_gate_open(db, s->gate, NULL, &g, err, sizeof err));
        if (g) {
            CHECK(decide(g, s, &kd, line, sizeof line));
            s->kind = kd.decision.kind;
            snprintf(s->reason_code, sizeof s->reason_code, "%s", kd.decision.reason_code);
            s->print_job = kd.decision.print_job != 0;
        }
        granted |= s->kind == LY_DECISION_GRANTED;
        denied |= s->kind == LY_DECISION_DENIED;
        inside |= s->kind == LY_DECISION_ALREADY_INSIDE;
        picked |= s->kind == LY_DECISION_PICKED_UP;
        slip |= s->kind == LY_DECISION_GRANTED && s->print_job;
        ly_gate_close(g);
        ly_kioskdb_close(db);
    }
    CHECK(granted && denied && inside && picked && slip);
    CHECK_INT(scans[1].kind, LY_DECISION_GRANTED);
    CHECK_STR(scans[5].reason_code, "unknown_code");
}

static void decision_path_fails_cleanly(void)
{
    long total = 0;
    double ms = 0;
    for (size_t i = 0; i < NSCANS; i++) {
        struct run_ctx x = {.s = &scans[i]};
        bool runaway = false;
        struct af_stats st = af_each(one_run, &x, &runaway);
        CHECK(!runaway);
        CHECK_INT(x.bad, 0);
        CHECK(st.allocs > 0); /* the decision path allocates: each was failed once */
        CHECK(st.failed > 0);
        printf("# %-30s %4ld allocations, %4ld runs failed cleanly, %6.0f ms\n", scans[i].name,
               st.allocs, st.failed, st.ms);
        total += st.allocs;
        ms += st.ms;
    }
    printf("# decision path: %ld allocations failed in turn over %zu cases, %.1f s\n", total,
           NSCANS, ms / 1000);
    CHECK(!af_leaked());
}

int main(void)
{
    /* /dev/shm when there is one: each run syncs its copy of the database, and there are
     * thousands of runs */
    snprintf(dir, sizeof dir, "%s/lanyard-alloc-decide-XXXXXX",
             access("/dev/shm", W_OK) == 0 ? "/dev/shm" : "/tmp");
    if (!af_install() || sodium_init() < 0 || mkdtemp(dir) == NULL) {
        fprintf(stderr, "test_alloc_decide: set-up failed\n");
        return 1;
    }
    snprintf(tmpl, sizeof tmpl, "%s/template.db", dir);
    snprintf(work, sizeof work, "%s/work.db", dir);
    kf_keys(&keys);
    if (!fill_codes() || !make_template()) {
        fprintf(stderr, "test_alloc_decide: %s\n", err);
        return 1;
    }
    RUN(baselines);
    RUN(decision_path_fails_cleanly);
    af_remove_db(tmpl);
    af_remove_db(work);
    rmdir(dir);
    return CHECK_DONE();
}
