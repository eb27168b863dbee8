/* store_pg.c - the PostgreSQL backend of the hub's storage interface (store.h) through libpq:
 * opening the connection, the schema's migrations, the operations on kiosks, enrollment codes,
 * tokens, the event and badges, and the table of operations, whose other entries are in
 * store_pg_ingest.c, store_pg_read.c and store_pg_load.c. Several hub processes may serve one
 * database at once; see store_pg_int.h for how the change sequence stays in commit order. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/fail.h"
#include "common/num.h"
#include "event/records_fields.h"
#include "orgdb/hubdb_hub.h"
#include "store/pg/store_pg_ingest.h"
#include "store/pg/store_pg_prints.h"
#include "store/pg/store_pg_int.h"
#include "store/pg/store_pg_load.h"
#include "store/pg/store_pg_read.h"
#include "store/pg/store_pg_schema.h"

#define P(s) ((struct pg_store *)(s))

/* Brings the schema up to date in one transaction, under an advisory lock so that hubs that
 * start together migrate once. A newer schema is refused. */
static bool migrate(struct pg_store *s, char *err, size_t errsz)
{
    struct pg_args a = {0};
    int64_t version;
    pg_arg_int(&a, PG_LOCK_MIGRATE);
    if (!pg_begin(s, err, errsz))
        return false;
    if (!pg_exec(s, "SELECT pg_advisory_xact_lock($1)", &a, NULL, err, errsz) ||
        !pg_plain(s, "CREATE TABLE IF NOT EXISTS schema_version (version integer NOT NULL)", NULL,
                  err, errsz) ||
        !pg_scalar(s, "SELECT coalesce(max(version), 0) FROM schema_version", NULL, &version, err,
                   errsz))
        goto fail;
    if (version > ly_pg_nmigrations) {
        ly_fail(err, errsz, "the database's schema (version %lld) is newer than this Lanyard (%d)",
                (long long)version, ly_pg_nmigrations);
        goto fail;
    }
    for (int64_t v = version; v < ly_pg_nmigrations; v++) {
        struct pg_args b = {0};
        pg_arg_int(&b, v + 1);
        if (!pg_plain(s, ly_pg_migrations[v], NULL, err, errsz) ||
            !pg_exec(s, "INSERT INTO schema_version VALUES ($1)", &b, NULL, err, errsz))
            goto fail;
    }
    return pg_commit(s, err, errsz);
fail:
    pg_rollback(s);
    return false;
}

/* Server notices ("relation already exists, skipping") are not the hub's to print. */
static void quiet(void *arg, const char *message)
{
    (void)arg;
    (void)message;
}

static void s_close(struct ly_store *st)
{
    PQfinish(P(st)->conn);
    free(st);
}

static bool s_event(struct ly_store *st, struct ly_event *out, bool *found, char *err, size_t errsz)
{
    PGresult *r;
    if (!pg_exec(P(st), "SELECT id, name, starts, ends, timezone FROM events LIMIT 1", NULL, &r,
                 err, errsz))
        return false;
    *found = PQntuples(r) > 0;
    memset(out, 0, sizeof *out);
    if (*found)
        pg_row_fields(r, 0, 0, ly_records_event_fields, out);
    PQclear(r);
    return true;
}

static bool s_event_keys(struct ly_store *st, struct ly_badge_key *keys, size_t max, size_t *n,
                         char *err, size_t errsz)
{
    PGresult *r;
    *n = 0;
    if (!pg_exec(P(st), "SELECT key_id, public_key FROM signing_keys ORDER BY seq", NULL, &r, err,
                 errsz))
        return false;
    int rows = PQntuples(r);
    bool ok = (size_t)rows <= max;
    for (int i = 0; ok && i < rows; i++) {
        struct pg_cursor c = {.r = r, .row = i};
        keys[i].key_id = (uint32_t)pg_num(r, i, 0);
        ok = pg_row_ops.blob(&c, 1, keys[i].pk, LY_BADGE_PK_BYTES);
    }
    PQclear(r);
    if (!ok)
        return ly_fail(err, errsz, "the event's keys are more than %zu, or damaged", max);
    *n = (size_t)rows;
    return true;
}

static bool s_change_seq(struct ly_store *st, int64_t *seq, char *err, size_t errsz)
{
    return pg_scalar(P(st), "SELECT value FROM meta WHERE key = 'change_seq'", NULL, seq, err,
                     errsz);
}

static bool s_add_enroll_code(struct ly_store *st, const uint8_t hash[LY_TOKEN_HASH_LEN],
                              const char *name, const char *gate, const char *replaces,
                              int64_t now_ms, int64_t expires_ms, char *err, size_t errsz)
{
    struct pg_args a = {0};
    pg_arg_bytes(&a, hash, LY_TOKEN_HASH_LEN);
    pg_arg_text(&a, name);
    pg_arg_text(&a, gate);
    pg_arg_int(&a, now_ms);
    pg_arg_int(&a, expires_ms);
    pg_arg_text(&a, replaces ? replaces : "");
    return pg_exec(P(st),
                   "INSERT INTO enroll_codes (code_hash, name, gate, created_ms, expires_ms, "
                   "replaces) VALUES ($1, $2, $3, $4, $5, nullif($6, ''))",
                   &a, NULL, err, errsz);
}

static void kiosk_load(const PGresult *r, int row, struct ly_store_kiosk *k)
{
    memset(k, 0, sizeof *k);
    pg_row_fields(r, row, 0, ly_store_kiosk_fields, k);
}

/* The redeem transaction; *res set. Enrollments run one at a time (an advisory lock), so two
 * hubs cannot give one name to two kiosks at once. */
static bool redeem_tx(struct pg_store *s, const uint8_t code_hash[LY_TOKEN_HASH_LEN],
                      const char *uuid, const char *software,
                      const uint8_t token_hash[LY_TOKEN_HASH_LEN], int64_t now_ms,
                      enum ly_store_redeem *res, struct ly_store_kiosk *out, char *err,
                      size_t errsz)
{
    struct pg_args a = {0}, b = {0}, c = {0};
    char name[LY_KIOSK_NAME_MAX + 1], gate[LY_GATE_MAX + 1], replaces[LY_UUID_LEN + 1] = "";
    PGresult *r;
    int64_t taken, exists;
    pg_arg_int(&a, PG_LOCK_ENROLL);
    if (!pg_exec(s, "SELECT pg_advisory_xact_lock($1)", &a, NULL, err, errsz))
        return false;
    a.n = 0;
    pg_arg_bytes(&a, code_hash, LY_TOKEN_HASH_LEN);
    pg_arg_int(&a, now_ms);
    if (!pg_exec(s,
                 "UPDATE enroll_codes SET used_ms = $2 WHERE code_hash = $1 AND used_ms IS NULL "
                 "AND expires_ms > $2 RETURNING name, gate, coalesce(replaces, '')",
                 &a, &r, err, errsz))
        return false;
    bool ok = PQntuples(r) == 1;
    pg_copy(r, 0, 0, name, sizeof name);
    pg_copy(r, 0, 1, gate, sizeof gate);
    pg_copy(r, 0, 2, replaces, sizeof replaces);
    PQclear(r);
    if (!ok) {
        *res = LY_REDEEM_BAD_CODE;
        return true;
    }
    pg_arg_text(&b, name);
    pg_arg_text(&b, uuid);
    if (!pg_scalar(s,
                   "SELECT count(*) FROM kiosks WHERE name = $1 AND uuid <> $2 AND "
                   "revoked_ms IS NULL",
                   &b, &taken, err, errsz))
        return false;
    if (taken > 0) {
        /* The code stays used: an organizer makes a new one after revoking the other kiosk. */
        *res = LY_REDEEM_NAME_TAKEN;
        return true;
    }
    /* An enrolled kiosk's identity goes only to a code made to replace it (hubdb_kiosks.c). */
    struct pg_args d = {0};
    pg_arg_text(&d, uuid);
    if (!pg_scalar(s, "SELECT count(*) FROM kiosks WHERE uuid = $1", &d, &exists, err, errsz))
        return false;
    if (exists > 0 && strcmp(replaces, uuid) != 0) {
        *res = LY_REDEEM_KIOSK_EXISTS;
        return true;
    }
    pg_arg_text(&c, uuid);
    pg_arg_text(&c, name);
    pg_arg_text(&c, gate);
    pg_arg_text(&c, software);
    pg_arg_bytes(&c, token_hash, LY_TOKEN_HASH_LEN);
    pg_arg_int(&c, now_ms);
    if (!pg_exec(s,
                 "INSERT INTO kiosks (uuid, name, gate, software, token_hash, enrolled_ms) "
                 "VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (uuid) DO UPDATE SET name = $2, "
                 "gate = $3, software = $4, token_hash = $5, enrolled_ms = $6, revoked_ms = NULL "
                 "RETURNING " LY_STORE_KIOSK_COLS,
                 &c, &r, err, errsz))
        return false;
    ok = PQntuples(r) == 1;
    if (ok)
        kiosk_load(r, 0, out);
    PQclear(r);
    *res = LY_REDEEM_OK;
    return ok || ly_fail(err, errsz, "enrolling the kiosk stored nothing");
}

static bool s_redeem(struct ly_store *st, const uint8_t code_hash[LY_TOKEN_HASH_LEN],
                     const char *uuid, const char *software,
                     const uint8_t token_hash[LY_TOKEN_HASH_LEN], int64_t now_ms,
                     enum ly_store_redeem *res, struct ly_store_kiosk *out, char *err, size_t errsz)
{
    struct pg_store *s = P(st);
    if (!pg_begin(s, err, errsz))
        return false;
    if (!redeem_tx(s, code_hash, uuid, software, token_hash, now_ms, res, out, err, errsz) ||
        !pg_commit(s, err, errsz)) {
        pg_rollback(s);
        return false;
    }
    return true;
}

static bool s_kiosk_by_token(struct ly_store *st, const uint8_t hash[LY_TOKEN_HASH_LEN],
                             struct ly_store_kiosk *out, bool *found, char *err, size_t errsz)
{
    struct pg_args a = {0};
    PGresult *r;
    pg_arg_bytes(&a, hash, LY_TOKEN_HASH_LEN);
    if (!pg_exec(P(st), "SELECT " LY_STORE_KIOSK_COLS "FROM kiosks WHERE token_hash = $1", &a, &r,
                 err, errsz))
        return false;
    *found = PQntuples(r) == 1;
    if (*found)
        kiosk_load(r, 0, out);
    PQclear(r);
    return true;
}

static bool s_touch(struct ly_store *st, int64_t kiosk_id, int64_t now_ms, char *err, size_t errsz)
{
    struct pg_args a = {0};
    pg_arg_int(&a, kiosk_id);
    pg_arg_int(&a, now_ms);
    return pg_exec(P(st),
                   "UPDATE kiosks SET last_contact_ms = $2::bigint WHERE id = $1 AND "
                   "last_contact_ms < $2::bigint - 1000",
                   &a, NULL, err, errsz);
}

static bool s_kiosk_health(struct ly_store *st, int64_t kiosk_id, const char *health, int64_t at_ms,
                           char *err, size_t errsz)
{
    struct pg_args a = {0};
    pg_arg_int(&a, kiosk_id);
    pg_arg_text(&a, health);
    pg_arg_int(&a, at_ms);
    return pg_exec(P(st), "UPDATE kiosks SET health = $2, health_ms = $3::bigint WHERE id = $1", &a,
                   NULL, err, errsz);
}

static bool s_kiosk_peer(struct ly_store *st, int64_t kiosk_id, const char *addr, char *err,
                         size_t errsz)
{
    struct pg_store *s = P(st);
    int64_t seq = 0, locked;
    for (int tries = 0; tries < PG_RETRIES; tries++) {
        s->sqlstate[0] = '\0';
        if (pg_begin(s, err, errsz) &&
            pg_scalar(s, "SELECT value FROM meta WHERE key = 'change_seq' FOR UPDATE", NULL,
                      &locked, err, errsz) &&
            pg_peer_bump(s, kiosk_id, addr, 0, &seq, err, errsz) && pg_commit(s, err, errsz))
            return true;
        pg_rollback(s);
        seq = 0;
        if (!pg_retryable(s))
            break;
    }
    return false;
}

static bool s_foreach_kiosk(struct ly_store *st, ly_store_kiosk_fn fn, void *ctx, char *err,
                            size_t errsz)
{
    PGresult *r;
    struct ly_store_kiosk k;
    if (!pg_exec(P(st), "SELECT " LY_STORE_KIOSK_COLS "FROM kiosks ORDER BY name, id", NULL, &r,
                 err, errsz))
        return false;
    bool ok = true;
    for (int i = 0; ok && i < PQntuples(r); i++) {
        kiosk_load(r, i, &k);
        ok = fn(ctx, &k);
    }
    PQclear(r);
    return ok;
}

static bool s_name_active(struct ly_store *st, const char *name, bool *active, char *err,
                          size_t errsz)
{
    struct pg_args a = {0};
    int64_t n;
    pg_arg_text(&a, name);
    if (!pg_scalar(P(st), "SELECT count(*) FROM kiosks WHERE name = $1 AND revoked_ms IS NULL", &a,
                   &n, err, errsz))
        return false;
    *active = n > 0;
    return true;
}

static bool s_revoke(struct ly_store *st, const char *name, int64_t now_ms, int *n, char *err,
                     size_t errsz)
{
    struct pg_args a = {0};
    PGresult *r;
    pg_arg_int(&a, now_ms);
    pg_arg_text(&a, name);
    if (!pg_begin(P(st), err, errsz))
        return false;
    if (!pg_exec(P(st), "UPDATE kiosks SET revoked_ms = $1 WHERE name = $2 AND revoked_ms IS NULL",
                 &a, &r, err, errsz)) {
        pg_rollback(P(st));
        return false;
    }
    int64_t v;
    *n = ly_num_int(PQcmdTuples(r), 0, INT32_MAX, &v) ? (int)v : 0;
    PQclear(r);
    if (pg_revoke_kiosk_key(P(st), name, now_ms, err, errsz) && pg_commit(P(st), err, errsz))
        return true;
    pg_rollback(P(st));
    return false;
}

static bool s_add_read_token(struct ly_store *st, const uint8_t hash[LY_TOKEN_HASH_LEN],
                             const char *label, int64_t now_ms, int64_t expires_ms, int64_t *id,
                             char *err, size_t errsz)
{
    struct pg_args a = {0};
    pg_arg_bytes(&a, hash, LY_TOKEN_HASH_LEN);
    pg_arg_text(&a, label);
    pg_arg_int(&a, now_ms);
    pg_arg_int(&a, expires_ms);
    return pg_scalar(P(st),
                     "INSERT INTO read_tokens (token_hash, label, created_ms, expires_ms) VALUES "
                     "($1, $2, $3, nullif($4::bigint, 0)) RETURNING id",
                     &a, id, err, errsz);
}

static bool s_read_token(struct ly_store *st, const uint8_t hash[LY_TOKEN_HASH_LEN], int64_t now_ms,
                         bool *valid, char *err, size_t errsz)
{
    struct pg_args a = {0};
    int64_t n;
    pg_arg_bytes(&a, hash, LY_TOKEN_HASH_LEN);
    pg_arg_int(&a, now_ms);
    if (!pg_scalar(P(st),
                   "SELECT count(*) FROM read_tokens WHERE token_hash = $1 AND revoked_ms IS NULL "
                   "AND (expires_ms IS NULL OR expires_ms > $2)",
                   &a, &n, err, errsz))
        return false;
    *valid = n > 0;
    return true;
}

static bool s_revoke_read_token(struct ly_store *st, int64_t id, int64_t now_ms, bool *found,
                                char *err, size_t errsz)
{
    struct pg_args a = {0};
    int64_t n;
    pg_arg_int(&a, id);
    pg_arg_int(&a, now_ms);
    if (!pg_scalar(P(st),
                   "WITH u AS (UPDATE read_tokens SET revoked_ms = $2 WHERE id = $1 AND "
                   "revoked_ms IS NULL RETURNING 1) SELECT count(*) FROM u",
                   &a, &n, err, errsz))
        return false;
    *found = n == 1;
    return true;
}

static bool s_foreach_read_token(struct ly_store *st, ly_store_read_token_fn fn, void *ctx,
                                 char *err, size_t errsz)
{
    PGresult *r;
    if (!pg_exec(P(st),
                 "SELECT id, label, created_ms, coalesce(expires_ms, 0), coalesce(revoked_ms, 0) "
                 "FROM read_tokens ORDER BY id",
                 NULL, &r, err, errsz))
        return false;
    bool ok = true;
    for (int i = 0; ok && i < PQntuples(r); i++) {
        struct ly_store_read_token t;
        memset(&t, 0, sizeof t);
        t.id = pg_num(r, i, 0);
        pg_copy(r, i, 1, t.label, sizeof t.label);
        t.created_ms = pg_num(r, i, 2);
        t.expires_ms = pg_num(r, i, 3);
        t.revoked_ms = pg_num(r, i, 4);
        ok = fn(ctx, &t);
    }
    PQclear(r);
    return ok;
}

static bool s_setting(struct ly_store *st, const char *key, int64_t set, int64_t *value, char *err,
                      size_t errsz)
{
    struct pg_args a = {0};
    PGresult *r;
    pg_arg_text(&a, key);
    pg_arg_int(&a, set);
    if (set >= 0 &&
        !pg_exec(P(st), "UPDATE meta SET value = $2 WHERE key = $1", &a, NULL, err, errsz))
        return false;
    struct pg_args b = {0};
    pg_arg_text(&b, key);
    if (!pg_exec(P(st), "SELECT value FROM meta WHERE key = $1", &b, &r, err, errsz))
        return false;
    bool found = PQntuples(r) > 0;
    *value = found ? pg_num(r, 0, 0) : 0;
    PQclear(r);
    return found || ly_fail(err, errsz, "no setting %s in this database", key);
}

static bool s_read(struct ly_store *st, ly_store_reader_fn fn, void *ctx, char *err, size_t errsz)
{
    struct pg_store *s = P(st);
    if (!pg_begin_read(s, err, errsz))
        return false;
    bool ok = fn(pg_query, s, ctx, err, errsz);
    pg_rollback(s);
    return ok;
}

static bool s_set_revoked(struct ly_store *st, uint32_t id, bool revoked, bool *found, char *err,
                          size_t errsz)
{
    struct pg_store *s = P(st);
    struct pg_args a = {0};
    int64_t seq;
    PGresult *r;
    if (!pg_begin(s, err, errsz))
        return false;
    if (!pg_take_seq(s, &seq, err, errsz))
        goto fail;
    pg_arg_int(&a, id);
    pg_arg_bool(&a, revoked);
    pg_arg_int(&a, seq);
    if (!pg_exec(s,
                 "UPDATE registrations SET revoked = $2, seq = $3, updated_at = now() "
                 "WHERE id = $1 RETURNING id",
                 &a, &r, err, errsz))
        goto fail;
    *found = PQntuples(r) == 1;
    PQclear(r);
    if (!*found) {
        pg_rollback(s); /* gives the seq back */
        return true;
    }
    if (pg_commit(s, err, errsz))
        return true;
fail:
    pg_rollback(s);
    return false;
}

static const struct ly_store_ops pg_ops = {
    .name = "postgresql",
    .single_writer = false,
    .close = s_close,
    .unavailable = pg_unavailable,
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
    .certify_kiosk = pg_certify_kiosk,
    .add_read_token = s_add_read_token,
    .read_token = s_read_token,
    .revoke_read_token = s_revoke_read_token,
    .foreach_read_token = s_foreach_read_token,
    .changes = pg_changes,
    .snapshot = pg_snapshot,
    .validate = pg_validate,
    .ingest = pg_ingest,
    .counts = pg_counts,
    .conflicts = pg_conflicts,
    .setting = s_setting,
    .read = s_read,
    .set_revoked = s_set_revoked,
    .load = pg_load,
};

bool ly_store_pg_open(const char *url, struct ly_store **out, char *err, size_t errsz)
{
    struct pg_store *s = calloc(1, sizeof *s);
    if (s == NULL)
        return ly_fail(err, errsz, "out of memory");
    s->base.ops = &pg_ops;
    s->conn = PQconnectdb(url);
    if (PQstatus(s->conn) != CONNECTION_OK) {
        char msg[512];
        snprintf(msg, sizeof msg, "%s", PQerrorMessage(s->conn));
        msg[strcspn(msg, "\n")] = '\0';
        ly_fail(err, errsz, "PostgreSQL: %s", msg);
        s_close(&s->base);
        return false;
    }
    PQsetNoticeProcessor(s->conn, quiet, NULL);
    /* Statements bounded in time, so that a stuck lock shows up as an error, not a hung hub. */
    if (!pg_plain(s, "SET statement_timeout TO '60s'", NULL, err, errsz) ||
        !migrate(s, err, errsz)) {
        s_close(&s->base);
        return false;
    }
    *out = &s->base;
    return true;
}
