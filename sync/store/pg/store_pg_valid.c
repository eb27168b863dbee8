/* store_pg_valid.c - the lookups the rules of store/validate.h make, in PostgreSQL: the batch's
 * attendees in one statement, rooms by id or name, a session's room (store.h "validate"). */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/fail.h"
#include "store/pg/store_pg_int.h"
#include "store/pg/store_pg_ingest.h"
#include "store/validate.h"

static bool attendees(void *ctx, const uint32_t *ids, size_t n, bool *known, char *err,
                      size_t errsz)
{
    struct pg_store *s = ctx;
    /* an array literal of at most LY_SYNC_BATCH_MAX ids of 10 digits */
    size_t cap = n * 11 + 3, len = 0;
    char *list = malloc(cap);
    PGresult *r = NULL;
    if (list == NULL)
        return ly_fail(err, errsz, "out of memory");
    list[len++] = '{';
    for (size_t i = 0; i < n; i++)
        len += (size_t)snprintf(list + len, cap - len, "%s%" PRIu32, i ? "," : "", ids[i]);
    snprintf(list + len, cap - len, "}");
    struct pg_args a = {0};
    pg_arg_text(&a, list);
    bool ok =
        pg_exec(s, "SELECT id FROM registrations WHERE id = ANY($1::bigint[])", &a, &r, err, errsz);
    free(list);
    if (!ok)
        return false;
    for (size_t i = 0; i < n; i++)
        known[i] = false;
    for (int row = 0; row < PQntuples(r); row++) {
        int64_t id = pg_num(r, row, 0);
        for (size_t i = 0; i < n; i++)
            known[i] = known[i] || ids[i] == (uint32_t)id;
    }
    PQclear(r);
    return true;
}

static bool room(void *ctx, const char *target, int64_t *room_id, char *err, size_t errsz)
{
    struct pg_args a = {0};
    pg_arg_text(&a, target);
    return pg_scalar(ctx,
                     "SELECT id FROM rooms WHERE id::text = $1 OR name = $1 "
                     "ORDER BY id::text = $1 DESC LIMIT 1",
                     &a, room_id, err, errsz);
}

static bool session_room(void *ctx, const char *ext_id, int64_t *room_id, char *err, size_t errsz)
{
    struct pg_args a = {0};
    pg_arg_text(&a, ext_id);
    return pg_scalar(ctx, "SELECT room_id FROM sessions WHERE ext_id = $1", &a, room_id, err,
                     errsz);
}

bool pg_validate(struct ly_store *st, const struct ly_store_kiosk *k,
                 const struct ly_checkin *items, size_t n, enum ly_store_item *results,
                 enum ly_refusal *why, char *err, size_t errsz)
{
    const struct ly_validate_lookup lk = {st, attendees, room, session_room};
    return ly_validate_batch(&lk, k, items, n, results, why, err, errsz);
}
