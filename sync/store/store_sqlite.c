/* store_sqlite.c - the SQLite backend of the hub's storage interface (store.h) over the organizer
 * database (hubdb.h, hubdb_hub.h), and ly_store_open, which picks a backend by URL. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "orgdb/hubdb_hub.h"
#include "orgdb/hubdb_int.h"
#include "orgdb/snapshot.h"
#include "store/store.h"

struct sqlite_store {
    struct ly_store base; /* first: a struct ly_store * is a struct sqlite_store * */
    struct ly_hubdb *db;
};

static struct ly_hubdb *H(struct ly_store *s)
{
    return ((struct sqlite_store *)s)->db;
}

static void s_close(struct ly_store *s)
{
    ly_hubdb_close(H(s));
    free(s);
}

static bool s_event_keys(struct ly_store *s, struct ly_badge_key *keys, size_t max, size_t *n,
                         char *err, size_t errsz)
{
    return ly_hubdb_public_keys(H(s), keys, max, n, err, errsz);
}

static bool s_event(struct ly_store *s, struct ly_event *out, bool *found, char *err, size_t errsz)
{
    int64_t n;
    if (!ly_sqldb_scalar(&H(s)->sql, "SELECT count(*) FROM events", NULL, &n, err, errsz))
        return false;
    *found = n > 0;
    return n == 0 || ly_hubdb_event(H(s), out, err, errsz);
}

static bool s_change_seq(struct ly_store *s, int64_t *seq, char *err, size_t errsz)
{
    return ly_sqldb_scalar(&H(s)->sql, "SELECT value FROM meta WHERE key = 'change_seq'", NULL, seq,
                           err, errsz);
}

static bool s_add_enroll_code(struct ly_store *s, const uint8_t hash[LY_TOKEN_HASH_LEN],
                              const char *name, const char *gate, const char *replaces,
                              int64_t now_ms, int64_t expires_ms, char *err, size_t errsz)
{
    return ly_hubdb_add_enroll_code(H(s), hash, name, gate, replaces, now_ms, expires_ms, err,
                                    errsz);
}

static bool s_redeem(struct ly_store *s, const uint8_t code_hash[LY_TOKEN_HASH_LEN],
                     const char *uuid, const char *software,
                     const uint8_t token_hash[LY_TOKEN_HASH_LEN], int64_t now_ms,
                     enum ly_store_redeem *res, struct ly_store_kiosk *out, char *err, size_t errsz)
{
    return ly_hubdb_redeem_enroll_code(H(s), code_hash, uuid, software, token_hash, now_ms, res,
                                       out, err, errsz);
}

static bool s_kiosk_by_token(struct ly_store *s, const uint8_t hash[LY_TOKEN_HASH_LEN],
                             struct ly_store_kiosk *out, bool *found, char *err, size_t errsz)
{
    return ly_hubdb_kiosk_by_token(H(s), hash, out, found, err, errsz);
}

static bool s_touch(struct ly_store *s, int64_t kiosk_id, int64_t now_ms, char *err, size_t errsz)
{
    return ly_hubdb_touch_kiosk(H(s), kiosk_id, now_ms, err, errsz);
}

static bool s_foreach_kiosk(struct ly_store *s, ly_store_kiosk_fn fn, void *ctx, char *err,
                            size_t errsz)
{
    return ly_hubdb_foreach_kiosk(H(s), fn, ctx, err, errsz);
}

static bool s_name_active(struct ly_store *s, const char *name, bool *active, char *err,
                          size_t errsz)
{
    return ly_hubdb_kiosk_name_active(H(s), name, active, err, errsz);
}

static bool s_revoke(struct ly_store *s, const char *name, int64_t now_ms, int *n, char *err,
                     size_t errsz)
{
    if (!ly_hubdb_begin(H(s), err, errsz))
        return false;
    if (ly_hubdb_revoke_kiosk(H(s), name, now_ms, n, err, errsz) &&
        ly_hubdb_revoke_kiosk_key(H(s), name, now_ms, err, errsz) &&
        ly_hubdb_commit(H(s), err, errsz))
        return true;
    ly_hubdb_rollback(H(s));
    return false;
}

static bool s_certify(struct ly_store *s, int64_t kiosk_id, const uint8_t pk[LY_BADGE_PK_BYTES],
                      uint8_t cert[LY_BADGE_CERT_BYTES], uint32_t *id_first, uint32_t *id_last,
                      char *err, size_t errsz)
{
    if (!ly_hubdb_begin(H(s), err, errsz))
        return false;
    if (ly_hubdb_certify_kiosk(H(s), kiosk_id, pk, cert, id_first, id_last, err, errsz) &&
        ly_hubdb_commit(H(s), err, errsz))
        return true;
    ly_hubdb_rollback(H(s));
    return false;
}

static bool s_add_read_token(struct ly_store *s, const uint8_t hash[LY_TOKEN_HASH_LEN],
                             const char *label, int64_t now_ms, int64_t expires_ms, int64_t *id,
                             char *err, size_t errsz)
{
    return ly_hubdb_add_read_token(H(s), hash, label, now_ms, expires_ms, id, err, errsz);
}

static bool s_read_token(struct ly_store *s, const uint8_t hash[LY_TOKEN_HASH_LEN], int64_t now_ms,
                         bool *valid, char *err, size_t errsz)
{
    return ly_hubdb_read_token(H(s), hash, now_ms, valid, err, errsz);
}

static bool s_revoke_read_token(struct ly_store *s, int64_t id, int64_t now_ms, bool *found,
                                char *err, size_t errsz)
{
    return ly_hubdb_revoke_read_token(H(s), id, now_ms, found, err, errsz);
}

static bool s_foreach_read_token(struct ly_store *s, ly_store_read_token_fn fn, void *ctx,
                                 char *err, size_t errsz)
{
    return ly_hubdb_foreach_read_token(H(s), fn, ctx, err, errsz);
}

static bool s_conflicts(struct ly_store *s, ly_hubdb_conflict_fn fn, void *ctx, char *err,
                        size_t errsz)
{
    return ly_hubdb_conflicts(H(s), fn, ctx, err, errsz);
}

static bool s_kiosk_peer(struct ly_store *s, int64_t kiosk_id, const char *addr, char *err,
                         size_t errsz)
{
    return ly_hubdb_peer_addr(H(s), kiosk_id, addr, err, errsz);
}

static bool s_kiosk_health(struct ly_store *s, int64_t kiosk_id, const char *health, int64_t at_ms,
                           char *err, size_t errsz)
{
    return ly_hubdb_kiosk_health(H(s), kiosk_id, health, at_ms, err, errsz);
}

static bool s_changes(struct ly_store *s, int64_t since, ly_change_fn fn, void *ctx, char *err,
                      size_t errsz)
{
    return ly_hubdb_changes(H(s), since, fn, ctx, err, errsz);
}

static bool s_snapshot(struct ly_store *s, const char *path, int64_t *cursor, char *err,
                       size_t errsz)
{
    struct ly_snapshot_counts n;
    if (!ly_snapshot_write(H(s), path, &n, err, errsz))
        return false;
    *cursor = n.cursor;
    return true;
}

static bool s_validate(struct ly_store *s, const struct ly_store_kiosk *k,
                       const struct ly_checkin *items, size_t n, enum ly_store_item *results,
                       enum ly_refusal *why, char *err, size_t errsz)
{
    return ly_hubdb_validate(H(s), k, items, n, results, why, err, errsz);
}

static bool s_unavailable(struct ly_store *s)
{
    return ly_sqldb_storage_fault(&H(s)->sql);
}

static bool s_ingest(struct ly_store *s, const struct ly_store_kiosk *k,
                     const struct ly_checkin *items, size_t n, int64_t skew_ms, int64_t received_ms,
                     int64_t queue, enum ly_store_item *results, char *err, size_t errsz)
{
    return ly_hubdb_ingest(H(s), k, items, n, skew_ms, received_ms, queue, results, err, errsz);
}

static bool s_counts(struct ly_store *s, int64_t now_ms, struct ly_counts **out, char *err,
                     size_t errsz)
{
    return ly_hubdb_counts(H(s), now_ms, out, err, errsz);
}

static bool s_setting(struct ly_store *s, const char *key, int64_t set, int64_t *value, char *err,
                      size_t errsz)
{
    sqlite3_stmt *st;
    if (set >= 0) {
        if (!ly_sqldb_prepare(&H(s)->sql, "UPDATE meta SET value = ?2 WHERE key = ?1", &st, err,
                              errsz))
            return false;
        sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
        sqlite3_bind_int64(st, 2, set);
        if (!ly_sqldb_step_done(&H(s)->sql, st, err, errsz))
            return false;
    }
    int64_t found;
    if (!ly_sqldb_lookup(&H(s)->sql, "SELECT count(*) FROM meta WHERE key = ?", key, &found, err,
                         errsz))
        return false;
    if (!found)
        return ly_sqldb_fail(err, errsz, "no setting %s in this database", key);
    return ly_sqldb_scalar(&H(s)->sql, "SELECT value FROM meta WHERE key = ?", key, value, err,
                           errsz);
}

static bool s_query(void *db, const char *sql, int64_t arg, ly_row_fn row, void *ctx, char *err,
                    size_t errsz)
{
    return ly_hubdb_query(db, sql, arg, row, ctx, err, errsz);
}

static bool s_read(struct ly_store *s, ly_store_reader_fn fn, void *ctx, char *err, size_t errsz)
{
    if (!ly_hubdb_begin_read(H(s), err, errsz))
        return false;
    bool ok = fn(s_query, H(s), ctx, err, errsz);
    ly_hubdb_rollback(H(s));
    return ok;
}

static bool s_set_revoked(struct ly_store *s, uint32_t id, bool revoked, bool *found, char *err,
                          size_t errsz)
{
    int64_t have;
    char key[16];
    snprintf(key, sizeof key, "%u", id);
    if (!ly_sqldb_lookup(&H(s)->sql, "SELECT id FROM registrations WHERE id = CAST(? AS INTEGER)",
                         key, &have, err, errsz))
        return false;
    *found = have != 0;
    return have == 0 || ly_hubdb_set_revoked(H(s), id, revoked, err, errsz);
}

static bool s_load(struct ly_store *s, struct ly_hubdb *src, struct ly_store_loaded *n, char *err,
                   size_t errsz)
{
    (void)s;
    (void)src;
    (void)n;
    return ly_fail(err, errsz,
                   "a SQLite hub serves the organizer database itself: point lanyard-hub at it "
                   "(--db sqlite:FILE); load copies an event into PostgreSQL");
}

static const struct ly_store_ops sqlite_ops = {
    .name = "sqlite",
    .single_writer = true,
    .close = s_close,
    .unavailable = s_unavailable,
    .event = s_event,
    .event_keys = s_event_keys,
    .change_seq = s_change_seq,
    .add_enroll_code = s_add_enroll_code,
    .redeem_enroll_code = s_redeem,
    .kiosk_by_token = s_kiosk_by_token,
    .touch_kiosk = s_touch,
    .kiosk_health = s_kiosk_health,
    .kiosk_peer = s_kiosk_peer,
    .foreach_kiosk = s_foreach_kiosk,
    .kiosk_name_active = s_name_active,
    .revoke_kiosk = s_revoke,
    .certify_kiosk = s_certify,
    .add_read_token = s_add_read_token,
    .read_token = s_read_token,
    .revoke_read_token = s_revoke_read_token,
    .foreach_read_token = s_foreach_read_token,
    .changes = s_changes,
    .snapshot = s_snapshot,
    .validate = s_validate,
    .ingest = s_ingest,
    .counts = s_counts,
    .conflicts = s_conflicts,
    .setting = s_setting,
    .read = s_read,
    .set_revoked = s_set_revoked,
    .load = s_load,
};

struct ly_store *ly_store_sqlite_wrap(struct ly_hubdb *db)
{
    struct sqlite_store *s = calloc(1, sizeof *s);
    if (s == NULL)
        return NULL;
    s->base.ops = &sqlite_ops;
    s->db = db;
    return &s->base;
}

bool ly_store_open(const char *url, struct ly_store **out, char *err, size_t errsz)
{
    if (strncmp(url, "postgresql://", 13) == 0 || strncmp(url, "postgres://", 11) == 0)
        return ly_store_pg_open(url, out, err, errsz);
    const char *path = strncmp(url, "sqlite:", 7) == 0 ? url + 7 : url;
    if (path[0] == '\0')
        return ly_fail(err, errsz, "no database file in \"%s\"", url);
    struct ly_hubdb *db;
    if (!ly_hubdb_open(path, &db, err, errsz))
        return false;
    *out = ly_store_sqlite_wrap(db);
    if (*out == NULL) {
        ly_hubdb_close(db);
        return ly_fail(err, errsz, "out of memory");
    }
    return true;
}

void ly_store_close(struct ly_store *s)
{
    if (s)
        s->ops->close(s);
}
