/* hubdb_tokens.c - the hub's read tokens in the organizer database: made with an optional
 * expiry, checked, revoked, listed (docs/security.md, "Read tokens"). See hubdb_hub.h. */
#include <sqlite3.h>
#include <string.h>

#include "common/fail.h"
#include "orgdb/hubdb_hub.h"
#include "orgdb/hubdb_int.h"

bool ly_hubdb_add_read_token(struct ly_hubdb *db, const uint8_t hash[LY_TOKEN_HASH_LEN],
                             const char *label, int64_t now_ms, int64_t expires_ms, int64_t *id,
                             char *err, size_t errsz)
{
    sqlite3_stmt *st;
    bool row = false;
    /* one statement, so one write transaction: two writers never take the same id */
    if (!ly_sqldb_prepare(&db->sql,
                          "INSERT INTO read_tokens (token_hash, label, created_ms, expires_ms, id) "
                          "VALUES (?, ?, ?, nullif(?, 0), (SELECT coalesce(max(id), 0) + 1 FROM "
                          "read_tokens)) RETURNING id",
                          &st, err, errsz))
        return false;
    sqlite3_bind_blob(st, 1, hash, LY_TOKEN_HASH_LEN, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, label, -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 3, now_ms);
    sqlite3_bind_int64(st, 4, expires_ms);
    bool ok = ly_sqldb_step_row(&db->sql, st, &row, err, errsz);
    *id = ok && row ? sqlite3_column_int64(st, 0) : 0;
    ly_sqldb_release(&db->sql, st);
    return ok && (row || ly_fail(err, errsz, "the read token was not stored"));
}

bool ly_hubdb_read_token(struct ly_hubdb *db, const uint8_t hash[LY_TOKEN_HASH_LEN], int64_t now_ms,
                         bool *valid, char *err, size_t errsz)
{
    sqlite3_stmt *st;
    if (!ly_sqldb_prepare(&db->sql,
                          "SELECT 1 FROM read_tokens WHERE token_hash = ? AND revoked_ms IS NULL "
                          "AND (expires_ms IS NULL OR expires_ms > ?)",
                          &st, err, errsz))
        return false;
    sqlite3_bind_blob(st, 1, hash, LY_TOKEN_HASH_LEN, SQLITE_STATIC);
    sqlite3_bind_int64(st, 2, now_ms);
    bool ok = ly_sqldb_step_row(&db->sql, st, valid, err, errsz);
    ly_sqldb_release(&db->sql, st);
    return ok;
}

bool ly_hubdb_revoke_read_token(struct ly_hubdb *db, int64_t id, int64_t now_ms, bool *found,
                                char *err, size_t errsz)
{
    sqlite3_stmt *st;
    if (!ly_sqldb_prepare(&db->sql,
                          "UPDATE read_tokens SET revoked_ms = ?2 WHERE id = ?1 AND "
                          "revoked_ms IS NULL",
                          &st, err, errsz))
        return false;
    sqlite3_bind_int64(st, 1, id);
    sqlite3_bind_int64(st, 2, now_ms);
    if (!ly_sqldb_step_done(&db->sql, st, err, errsz))
        return false;
    *found = sqlite3_changes(db->sql.db) == 1;
    return true;
}

struct token_walk {
    ly_store_read_token_fn fn;
    void *ctx;
};

static bool token_each(void *ctx, sqlite3_stmt *st)
{
    struct token_walk *w = ctx;
    struct ly_store_read_token t;
    memset(&t, 0, sizeof t);
    t.id = sqlite3_column_int64(st, 0);
    ly_sqldb_copy_col(st, 1, t.label, sizeof t.label);
    t.created_ms = sqlite3_column_int64(st, 2);
    t.expires_ms = sqlite3_column_int64(st, 3);
    t.revoked_ms = sqlite3_column_int64(st, 4);
    return w->fn(w->ctx, &t);
}

bool ly_hubdb_foreach_read_token(struct ly_hubdb *db, ly_store_read_token_fn fn, void *ctx,
                                 char *err, size_t errsz)
{
    struct token_walk w = {fn, ctx};
    sqlite3_stmt *st;
    return ly_sqldb_prepare(&db->sql,
                            "SELECT id, label, created_ms, coalesce(expires_ms, 0), "
                            "coalesce(revoked_ms, 0) FROM read_tokens ORDER BY id",
                            &st, err, errsz) &&
           ly_sqldb_each(&db->sql, st, token_each, &w, err, errsz);
}
