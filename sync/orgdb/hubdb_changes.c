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

/* An attendee's ticket code, for sealing its details (sealer.h). */
static bool alt_code(void *db, uint32_t id, char code[LY_ALT_CODE_MAX + 1], char *err, size_t errsz)
{
    struct ly_sqldb *sql = &((struct ly_hubdb *)db)->sql;
    sqlite3_stmt *st;
    bool found = false;
    code[0] = '\0';
    if (!ly_sqldb_prepare(sql, "SELECT code FROM alt_codes WHERE registration_id = ?", &st, err,
                          errsz))
        return false;
    sqlite3_bind_int64(st, 1, id);
    bool ok = ly_sqldb_step_row(sql, st, &found, err, errsz);
    if (ok && found)
        ly_sqldb_copy_col(st, 0, code, LY_ALT_CODE_MAX + 1);
    ly_sqldb_release(sql, st);
    return ok;
}

bool ly_hubdb_changes(struct ly_hubdb *db, int64_t since, ly_change_fn fn, void *ctx, char *err,
                      size_t errsz)
{
    struct streams s = {.db = db};
    struct ly_change_reader rd = {&s, s_open, s_advance, s_row, s_query, db};
    struct ly_sealer_pass *seal = calloc(1, sizeof *seal);
    struct ly_sealer sealer;
    bool ok = seal != NULL || ly_fail(err, errsz, "out of memory");
    if (!ly_hubdb_begin_read(db, err, errsz)) {
        free(seal);
        return false;
    }
    ok = ok && ly_sealer_load(&sealer, db, err, errsz);
    if (ok) {
        *seal = (struct ly_sealer_pass){&sealer, alt_code, db, fn, ctx, err, errsz, false, {0}};
        ok = ly_change_merge(&rd, since, ly_sealer_change, seal, err, errsz) && !seal->failed;
        ly_sealer_wipe(&sealer);
    }
    free(seal);
    for (int i = 0; i < LY_SRC_COUNT; i++)
        if (s.st[i])
            ly_sqldb_release(&db->sql, s.st[i]);
    ly_hubdb_rollback(db);
    return ok;
}
