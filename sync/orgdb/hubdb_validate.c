/* hubdb_validate.c - the lookups the rules of store/validate.h make, over the organizer database:
 * registrations, rooms by id or name, a session's room. See hubdb_hub.h. */
#include <sqlite3.h>
#include <string.h>

#include "orgdb/hubdb_hub.h"
#include "orgdb/hubdb_int.h"
#include "store/validate.h"

static bool attendees(void *ctx, const uint32_t *ids, size_t n, bool *known, char *err,
                      size_t errsz)
{
    struct ly_hubdb *db = ctx;
    sqlite3_stmt *st;
    if (!ly_sqldb_prepare(&db->sql, "SELECT 1 FROM registrations WHERE id = ?", &st, err, errsz))
        return false;
    bool ok = true;
    for (size_t i = 0; ok && i < n; i++) {
        sqlite3_reset(st);
        sqlite3_bind_int64(st, 1, ids[i]);
        ok = ly_sqldb_step_row(&db->sql, st, &known[i], err, errsz);
    }
    ly_sqldb_release(&db->sql, st);
    return ok;
}

/* The first column of sql's first row, bound to text arg (0 when there is no row). */
static bool one_id(struct ly_hubdb *db, const char *sql, const char *arg, int64_t *out, char *err,
                   size_t errsz)
{
    sqlite3_stmt *st;
    bool row = false;
    *out = 0;
    if (!ly_sqldb_prepare(&db->sql, sql, &st, err, errsz))
        return false;
    sqlite3_bind_text(st, 1, arg, -1, SQLITE_STATIC);
    bool ok = ly_sqldb_step_row(&db->sql, st, &row, err, errsz);
    if (ok && row)
        *out = sqlite3_column_int64(st, 0);
    ly_sqldb_release(&db->sql, st);
    return ok;
}

static bool room(void *ctx, const char *target, int64_t *room_id, char *err, size_t errsz)
{
    return one_id(ctx,
                  "SELECT id FROM rooms WHERE CAST(id AS TEXT) = ?1 OR name = ?1 "
                  "ORDER BY CAST(id AS TEXT) = ?1 DESC LIMIT 1",
                  target, room_id, err, errsz);
}

static bool session_room(void *ctx, const char *ext_id, int64_t *room_id, char *err, size_t errsz)
{
    return one_id(ctx, "SELECT room_id FROM sessions WHERE ext_id = ?", ext_id, room_id, err,
                  errsz);
}

bool ly_hubdb_validate(struct ly_hubdb *db, const struct ly_store_kiosk *k,
                       const struct ly_checkin *items, size_t n, enum ly_store_item *results,
                       enum ly_refusal *why, char *err, size_t errsz)
{
    const struct ly_validate_lookup lk = {db, attendees, room, session_room};
    return ly_validate_batch(&lk, k, items, n, results, why, err, errsz);
}
