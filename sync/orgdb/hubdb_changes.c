/* hubdb_changes.c - the changes a kiosk syncs, read from the organizer database by the shared
 * merge of change_merge.c: each source is a cached statement stepped row by row, all inside one
 * read transaction. See hubdb_hub.h. */
#include "store/change_merge.h"
#include "orgdb/hubdb_hub.h"
#include "orgdb/hubdb_int.h"

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

bool ly_hubdb_changes(struct ly_hubdb *db, int64_t since, ly_change_fn fn, void *ctx, char *err,
                      size_t errsz)
{
    struct streams s = {.db = db};
    struct ly_change_reader rd = {&s, s_open, s_advance, s_row, s_query, db};
    if (!ly_hubdb_begin_read(db, err, errsz))
        return false;
    bool ok = ly_change_merge(&rd, since, fn, ctx, err, errsz);
    for (int i = 0; i < LY_SRC_COUNT; i++)
        if (s.st[i])
            ly_sqldb_release(&db->sql, s.st[i]);
    ly_hubdb_rollback(db);
    return ok;
}
