/* hubdb_counts.c - the counts of docs/sync-protocol.md read from the organizer database, in one
 * read transaction, by the shared queries of counts_build.c. See hubdb_hub.h. */
#include "counts/counts_build.h"
#include "orgdb/hubdb_hub.h"
#include "orgdb/hubdb_int.h"

static bool query(void *db, const char *sql, int64_t arg, ly_row_fn row, void *ctx, char *err,
                  size_t errsz)
{
    return ly_hubdb_query(db, sql, arg, row, ctx, err, errsz);
}

bool ly_hubdb_counts(struct ly_hubdb *db, int64_t now_ms, struct ly_counts **out, char *err,
                     size_t errsz)
{
    if (!ly_hubdb_begin_read(db, err, errsz))
        return false;
    bool ok = ly_counts_build(query, db, now_ms, out, err, errsz);
    if (ok && !ly_sqldb_scalar(&db->sql, "SELECT count(*) FROM conflicts", NULL, &(*out)->conflicts,
                               err, errsz)) {
        ly_counts_free(*out);
        *out = NULL;
        ok = false;
    }
    ly_hubdb_rollback(db);
    return ok;
}
