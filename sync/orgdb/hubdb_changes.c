/* hubdb_changes.c - the changes a kiosk syncs, read from the organizer database by the shared
 * merge of change_merge.c: each source is a cached statement stepped row by row, all inside one
 * read transaction. See hubdb_hub.h. */
#include "store/change_merge.h"
#include "orgdb/hubdb_hub.h"
#include "orgdb/hubdb_int.h"
#include "orgdb/sealer.h"

#include <stdlib.h>

#include "common/fail.h"

struct streams {
    struct ly_hubdb *db;
    sqlite3_stmt *st[LY_SRC_COUNT];
};

static bool step(struct streams *s, int src, bool *has, char *err, size_t errsz)
{
    int rc = sqlite3_step(s->st[src]);
    *has = rc == SQLITE_ROW;
    return rc == SQLITE_ROW || rc == SQLITE_DONE ||
           ly_fail(err, errsz, "database: %s", sqlite3_errmsg(s->db->sql.db));
}

static bool s_open(void *impl, int src, const char *sql, int64_t since, bool *has, char *err,
                   size_t errsz)
{
    struct streams *s = impl;
    if (!ly_sqldb_prepare(&s->db->sql, sql, &s->st[src], err, errsz))
        return false;
    sqlite3_bind_int64(s->st[src], 1, since);
    return step(s, src, has, err, errsz);
}

static bool s_advance(void *impl, int src, bool *has, char *err, size_t errsz)
{
    return step(impl, src, has, err, errsz);
}

static void s_row(void *impl, int src, struct ly_row *out)
{
    struct streams *s = impl;
    out->ops = &ly_hubdb_row_ops;
    out->impl = s->st[src];
}

static bool s_query(void *db, const char *sql, int64_t arg, ly_row_fn row, void *ctx, char *err,
                    size_t errsz)
{
    return ly_hubdb_query(db, sql, arg, row, ctx, err, errsz);
}

/* An event whose kiosks keep details sealed: each attendee put is sealed on its way out. */
struct sealing {
    struct ly_hubdb *db;
    struct ly_sealer sealer;
    ly_change_fn fn;
    void *ctx;
    struct ly_attendee reg; /* the registration, for its ticket code */
    struct ly_kiosk_attendee k;
    char *err;
    size_t errsz;
    bool failed;
};

static bool seal_change(void *ctx, const struct ly_change *c)
{
    struct sealing *s = ctx;
    if (c->kind != LY_CHANGE_ATTENDEE || c->deleted)
        return s->fn(s->ctx, c);
    struct ly_change sealed = *c;
    s->k = *c->u.attendee;
    if (!ly_hubdb_attendee(s->db, s->k.id, &s->reg, s->err, s->errsz) ||
        !ly_sealer_apply(&s->sealer, s->reg.reg.alt_code, &s->k, s->err, s->errsz)) {
        s->failed = true;
        return false;
    }
    sealed.u.attendee = &s->k;
    return s->fn(s->ctx, &sealed);
}

bool ly_hubdb_changes(struct ly_hubdb *db, int64_t since, ly_change_fn fn, void *ctx, char *err,
                      size_t errsz)
{
    struct streams s = {.db = db};
    struct ly_change_reader rd = {&s, s_open, s_advance, s_row, s_query, db};
    struct sealing *seal = NULL;
    if (!ly_hubdb_begin_read(db, err, errsz))
        return false;
    bool ok = true;
    seal = calloc(1, sizeof *seal);
    if (seal == NULL)
        ok = ly_fail(err, errsz, "out of memory");
    else
        ok = ly_sealer_load(&seal->sealer, db, err, errsz);
    if (ok && seal->sealer.on) {
        seal->db = db;
        seal->fn = fn;
        seal->ctx = ctx;
        seal->err = err;
        seal->errsz = errsz;
        ok = ly_change_merge(&rd, since, seal_change, seal, err, errsz);
        if (seal->failed)
            ok = false;
    } else if (ok) {
        ok = ly_change_merge(&rd, since, fn, ctx, err, errsz);
    }
    if (seal) {
        ly_sealer_wipe(&seal->sealer);
        free(seal);
    }
    for (int i = 0; i < LY_SRC_COUNT; i++)
        if (s.st[i])
            ly_sqldb_release(&db->sql, s.st[i]);
    ly_hubdb_rollback(db);
    return ok;
}
