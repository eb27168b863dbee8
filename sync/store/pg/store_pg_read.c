/* store_pg_read.c - what kiosks and dashboards read from PostgreSQL: changes since a cursor
 * (the shared merge of change_merge.c over one server-side cursor per table, fetched a chunk at
 * a time, so that a page of 2,000 changes never reads a whole table), the snapshot a fresh
 * kiosk starts from (a kiosk database written from the changes since 0), and the counts (the
 * shared queries of counts_build.c). Each reads one snapshot of the database (REPEATABLE READ),
 * so the cursor it reports and the rows it hands out agree. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "store/change_merge.h"
#include "client/changes.h"
#include "counts/counts_build.h"
#include "common/fail.h"
#include "kioskdb/kioskdb.h"
#include "kioskdb/kioskdb_sync.h"
#include "store/pg/store_pg_int.h"
#include "store/pg/store_pg_read.h"
#include "store/pg/store_pg_sealed.h"

#define FETCH_ROWS "256" /* rows fetched from a cursor at a time */

static const char *const declare_sql[LY_SRC_COUNT] = {
    "DECLARE ly_c0 NO SCROLL CURSOR FOR ", "DECLARE ly_c1 NO SCROLL CURSOR FOR ",
    "DECLARE ly_c2 NO SCROLL CURSOR FOR ", "DECLARE ly_c3 NO SCROLL CURSOR FOR ",
    "DECLARE ly_c4 NO SCROLL CURSOR FOR ", "DECLARE ly_c5 NO SCROLL CURSOR FOR ",
    "DECLARE ly_c6 NO SCROLL CURSOR FOR ",
};
static const char *const fetch_sql[LY_SRC_COUNT] = {
    "FETCH " FETCH_ROWS " FROM ly_c0", "FETCH " FETCH_ROWS " FROM ly_c1",
    "FETCH " FETCH_ROWS " FROM ly_c2", "FETCH " FETCH_ROWS " FROM ly_c3",
    "FETCH " FETCH_ROWS " FROM ly_c4", "FETCH " FETCH_ROWS " FROM ly_c5",
    "FETCH " FETCH_ROWS " FROM ly_c6",
};

struct streams {
    struct pg_store *s;
    PGresult *r[LY_SRC_COUNT];
    struct pg_cursor cur[LY_SRC_COUNT];
};

/* Moves source src to its next row, fetching the next chunk when the last is spent. */
static bool s_advance(void *impl, int src, bool *has, char *err, size_t errsz)
{
    struct streams *x = impl;
    struct pg_cursor *c = &x->cur[src];
    if (x->r[src] && ++c->row < PQntuples(x->r[src])) {
        *has = true;
        return true;
    }
    PQclear(x->r[src]);
    x->r[src] = NULL;
    if (!pg_plain(x->s, fetch_sql[src], &x->r[src], err, errsz))
        return false;
    c->r = x->r[src];
    c->row = 0;
    *has = PQntuples(x->r[src]) > 0;
    return true;
}

static bool s_open(void *impl, int src, const char *sql, int64_t since, bool *has, char *err,
                   size_t errsz)
{
    struct streams *x = impl;
    char text[1024], num[24];
    int nparams;
    size_t head = strlen(declare_sql[src]);
    memcpy(text, declare_sql[src], head);
    if (!pg_rewrite(sql, text + head, sizeof text - head, &nparams) || nparams != 1)
        return ly_fail(err, errsz, "database: a change query is malformed");
    snprintf(num, sizeof num, "%lld", (long long)since);
    const char *v[1] = {num};
    PGresult *r = PQexecParams(x->s->conn, text, 1, NULL, v, NULL, NULL, 0);
    bool ok = PQresultStatus(r) == PGRES_COMMAND_OK;
    if (!ok)
        ly_fail(err, errsz, "database: %s", PQerrorMessage(x->s->conn));
    PQclear(r);
    return ok && s_advance(impl, src, has, err, errsz);
}

static void s_row(void *impl, int src, struct ly_row *out)
{
    struct streams *x = impl;
    out->ops = &pg_row_ops;
    out->impl = &x->cur[src];
}

/* Runs the merge inside the caller's read transaction; *seq is the change sequence it is at. */
static bool merge(struct pg_store *s, int64_t since, ly_change_fn fn, void *ctx, int64_t *seq,
                  char *err, size_t errsz)
{
    struct streams x = {.s = s};
    struct ly_change_reader rd = {&x, s_open, s_advance, s_row, pg_query, s};
    struct ly_sealer sealer;
    /* An event whose kiosks keep details sealed: attendees sealed on their way out. */
    struct ly_sealer_pass *seal = calloc(1, sizeof *seal);
    if (seal == NULL)
        return ly_fail(err, errsz, "out of memory");
    bool ok = pg_sealer_load(s, &sealer, err, errsz);
    if (ok) {
        *seal =
            (struct ly_sealer_pass){&sealer, pg_sealer_code, s, fn, ctx, err, errsz, false, {0}};
        ok = pg_scalar(s, "SELECT value FROM meta WHERE key = 'change_seq'", NULL, seq, err,
                       errsz) &&
             ly_change_merge(&rd, since, ly_sealer_change, seal, err, errsz) && !seal->failed;
        ly_sealer_wipe(&sealer);
    }
    free(seal);
    for (int i = 0; i < LY_SRC_COUNT; i++)
        PQclear(x.r[i]);
    return ok;
}

bool pg_changes(struct ly_store *st, int64_t since, ly_change_fn fn, void *ctx, char *err,
                size_t errsz)
{
    struct pg_store *s = (struct pg_store *)st;
    int64_t seq;
    if (!pg_begin_read(s, err, errsz))
        return false;
    bool ok = merge(s, since, fn, ctx, &seq, err, errsz);
    pg_rollback(s);
    return ok;
}

struct copy {
    struct ly_kioskdb *kiosk;
    bool failed;
    char *err;
    size_t errsz;
};

static bool copy_change(void *ctx, const struct ly_change *c)
{
    struct copy *cp = ctx;
    cp->failed = !ly_changes_apply_one(cp->kiosk, c, 0, cp->err, cp->errsz);
    return !cp->failed;
}

bool pg_snapshot(struct ly_store *st, const char *path, int64_t *cursor, char *err, size_t errsz)
{
    struct pg_store *s = (struct pg_store *)st;
    struct copy cp = {.err = err, .errsz = errsz};
    if (access(path, F_OK) == 0)
        return ly_fail(err, errsz, "%s exists", path);
    if (!ly_kioskdb_open(path, LY_KIOSKDB_SNAPSHOT, &cp.kiosk, err, errsz))
        return false;
    bool ok = ly_kioskdb_begin(cp.kiosk, err, errsz);
    if (ok && !pg_begin_read(s, err, errsz)) {
        ly_kioskdb_rollback(cp.kiosk);
        ok = false;
    } else if (ok) {
        ok = merge(s, 0, copy_change, &cp, cursor, err, errsz) && !cp.failed &&
             ly_kioskdb_set_sync_cursor(cp.kiosk, *cursor, err, errsz) &&
             ly_kioskdb_commit(cp.kiosk, err, errsz);
        if (!ok)
            ly_kioskdb_rollback(cp.kiosk);
        pg_rollback(s);
    }
    ly_kioskdb_close(cp.kiosk);
    return ok;
}

bool pg_counts(struct ly_store *st, int64_t now_ms, struct ly_counts **out, char *err, size_t errsz)
{
    struct pg_store *s = (struct pg_store *)st;
    if (!pg_begin_read(s, err, errsz))
        return false;
    bool ok = ly_counts_build(pg_query, s, now_ms, out, err, errsz);
    if (ok &&
        !pg_scalar(s, "SELECT count(*) FROM conflicts", NULL, &(*out)->conflicts, err, errsz)) {
        ly_counts_free(*out);
        *out = NULL;
        ok = false;
    }
    pg_rollback(s);
    return ok;
}

bool pg_conflicts(struct ly_store *st, ly_hubdb_conflict_fn fn, void *ctx, char *err, size_t errsz)
{
    PGresult *r;
    if (!pg_exec((struct pg_store *)st,
                 "SELECT c.id, c.attendee_id, c.place, c.policy, c.first_uuid, c.second_uuid, "
                 "coalesce(a.name, ''), coalesce(b.name, ''), c.first_ms, c.second_ms, "
                 "c.detected_ms FROM conflicts c LEFT JOIN kiosks a ON a.id = c.first_kiosk "
                 "LEFT JOIN kiosks b ON b.id = c.second_kiosk ORDER BY c.id",
                 NULL, &r, err, errsz))
        return false;
    for (int i = 0; i < PQntuples(r); i++) {
        struct ly_hubdb_conflict k;
        memset(&k, 0, sizeof k);
        k.id = pg_num(r, i, 0);
        k.attendee_id = (uint32_t)pg_num(r, i, 1);
        pg_copy(r, i, 2, k.place, sizeof k.place);
        pg_copy(r, i, 3, k.policy, sizeof k.policy);
        pg_copy(r, i, 4, k.first_uuid, sizeof k.first_uuid);
        pg_copy(r, i, 5, k.second_uuid, sizeof k.second_uuid);
        pg_copy(r, i, 6, k.first_kiosk, sizeof k.first_kiosk);
        pg_copy(r, i, 7, k.second_kiosk, sizeof k.second_kiosk);
        k.first_ms = pg_num(r, i, 8);
        k.second_ms = pg_num(r, i, 9);
        k.detected_ms = pg_num(r, i, 10);
        if (!fn(ctx, &k))
            break;
    }
    PQclear(r);
    return true;
}
