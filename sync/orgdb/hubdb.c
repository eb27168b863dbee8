/* hubdb.c - the organizer database on SQLite. See hubdb.h. */
#include "orgdb/hubdb.h"

#include <sodium.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/num.h"
#include "event/records_sql.h"
#include "orgdb/hubdb_int.h"
#include "orgdb/hubdb_schema.h"
#include "event/country.h"

bool ly_hubdb_next_seq(struct ly_hubdb *db, int64_t *seq, char *err, size_t errsz)
{
    return ly_sqldb_scalar(
        &db->sql, "UPDATE meta SET value = value + 1 WHERE key = 'change_seq' RETURNING value",
        NULL, seq, err, errsz);
}

static int64_t row_num(void *impl, int col)
{
    return sqlite3_column_int64(impl, col);
}

static const char *row_text(void *impl, int col)
{
    return (const char *)sqlite3_column_text(impl, col);
}

static bool row_blob(void *impl, int col, uint8_t *out, size_t len)
{
    if (sqlite3_column_bytes(impl, col) != (int)len)
        return false;
    memcpy(out, sqlite3_column_blob(impl, col), len);
    return true;
}

const struct ly_row_ops ly_hubdb_row_ops = {row_num, row_text, row_blob};

int ly_hubdb_row_fields(sqlite3_stmt *st, int col, const struct ly_field *fields, void *obj)
{
    struct ly_row r = {&ly_hubdb_row_ops, st};
    return ly_row_fields(&r, col, fields, obj);
}

/* A caller's callback and context, with a buffer for the row, for the row functions (ly_sqldb_each)
 * of this file. */
struct walk {
    union {
        ly_hubdb_attendee_fn attendee;
        ly_row_fn row;
    } fn;
    void *ctx;
    void *buf;
};

static bool query_row(void *ctx, sqlite3_stmt *st)
{
    const struct walk *w = ctx;
    struct ly_row r = {&ly_hubdb_row_ops, st};
    return w->fn.row(w->ctx, &r);
}

bool ly_hubdb_query(struct ly_hubdb *db, const char *sql, int64_t arg, ly_row_fn row, void *ctx,
                    char *err, size_t errsz)
{
    struct walk w = {.fn.row = row, .ctx = ctx};
    sqlite3_stmt *st;
    if (!ly_sqldb_prepare(&db->sql, sql, &st, err, errsz))
        return false;
    for (int i = 1; arg >= 0 && i <= sqlite3_bind_parameter_count(st); i++)
        sqlite3_bind_int64(st, i, arg);
    return ly_sqldb_each(&db->sql, st, query_row, &w, err, errsz);
}

bool ly_hubdb_open(const char *path, struct ly_hubdb **out, char *err, size_t errsz)
{
    struct ly_hubdb *db = calloc(1, sizeof *db);
    if (!db)
        return ly_sqldb_fail(err, errsz, "out of memory");
    if (!ly_sqldb_open(&db->sql, path, "database", ly_hubdb_migrations, ly_hubdb_nmigrations, err,
                       errsz)) {
        free(db);
        return false;
    }
    *out = db;
    return true;
}

void ly_hubdb_close(struct ly_hubdb *db)
{
    if (!db)
        return;
    ly_sqldb_close(&db->sql);
    free(db);
}

bool ly_hubdb_begin(struct ly_hubdb *db, char *err, size_t errsz)
{
    return ly_sqldb_begin(&db->sql, err, errsz);
}

bool ly_hubdb_begin_read(struct ly_hubdb *db, char *err, size_t errsz)
{
    return ly_sqldb_begin_read(&db->sql, err, errsz);
}

bool ly_hubdb_commit(struct ly_hubdb *db, char *err, size_t errsz)
{
    return ly_sqldb_commit(&db->sql, err, errsz);
}

void ly_hubdb_rollback(struct ly_hubdb *db)
{
    ly_sqldb_rollback(&db->sql);
}

static bool insert_key(struct ly_hubdb *db, uint32_t event_id, char *err, size_t errsz)
{
    uint8_t pk[LY_BADGE_PK_BYTES], sk[LY_BADGE_SK_BYTES];
    int64_t seq, taken = 1;
    uint32_t key_id = 0;
    sqlite3_stmt *st;

    /* Key ids are 32 bits of a hash: draw again in the unlikely case of a collision. */
    for (int tries = 0; taken && tries < 8; tries++) {
        crypto_sign_keypair(pk, sk);
        key_id = ly_badge_key_id(pk);
        if (!ly_sqldb_prepare(&db->sql, "SELECT count(*) FROM signing_keys WHERE key_id = ?", &st,
                              err, errsz))
            goto out;
        sqlite3_bind_int64(st, 1, key_id);
        int rc = sqlite3_step(st);
        taken = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 1;
        ly_sqldb_release(&db->sql, st);
        if (rc != SQLITE_ROW) {
            ly_sqldb_error(&db->sql, err, errsz);
            goto out;
        }
    }
    if (taken) {
        ly_sqldb_fail(err, errsz, "could not draw a fresh signing key id");
        goto out;
    }
    if (!ly_hubdb_next_seq(db, &seq, err, errsz) ||
        !ly_sqldb_prepare(
            &db->sql,
            "INSERT INTO signing_keys (key_id, event_id, public_key, secret_key, seq) "
            "VALUES (?, ?, ?, ?, ?)",
            &st, err, errsz))
        goto out;
    sqlite3_bind_int64(st, 1, key_id);
    sqlite3_bind_int64(st, 2, event_id);
    sqlite3_bind_blob(st, 3, pk, sizeof pk, SQLITE_STATIC);
    sqlite3_bind_blob(st, 4, sk, sizeof sk, SQLITE_STATIC);
    sqlite3_bind_int64(st, 5, seq);
    taken = !ly_sqldb_step_done(&db->sql, st, err, errsz);
out:
    sodium_memzero(sk, sizeof sk);
    return !taken;
}

bool ly_hubdb_create_event(struct ly_hubdb *db, const char *name, const char *starts,
                           const char *ends, const char *timezone, struct ly_event *out, char *err,
                           size_t errsz)
{
    int64_t d0, d1, count;
    sqlite3_stmt *st;
    uint32_t id = randombytes_uniform(UINT32_MAX) + 1;

    if (name[0] == '\0' || strlen(name) > LY_EVENT_NAME_MAX)
        return ly_sqldb_fail(err, errsz, "event name must be 1 to %d bytes", LY_EVENT_NAME_MAX);
    if (!ly_num_date(starts, &d0))
        return ly_sqldb_fail(err, errsz, "start date '%s' is not a date (YYYY-MM-DD)", starts);
    if (!ly_num_date(ends, &d1))
        return ly_sqldb_fail(err, errsz, "end date '%s' is not a date (YYYY-MM-DD)", ends);
    if (d1 < d0)
        return ly_sqldb_fail(err, errsz, "the event ends (%s) before it starts (%s)", ends, starts);
    if (d1 - d0 >= LY_EVENT_DAYS_MAX)
        return ly_sqldb_fail(err, errsz, "an event of %lld days is longer than %d days",
                             (long long)(d1 - d0 + 1), LY_EVENT_DAYS_MAX);
    if (strlen(timezone) >= sizeof out->timezone || timezone[0] == '\0')
        return ly_sqldb_fail(err, errsz, "time zone name '%s' is not valid", timezone);

    if (!ly_hubdb_begin(db, err, errsz))
        return false;
    if (!ly_sqldb_scalar(&db->sql, "SELECT count(*) FROM events", NULL, &count, err, errsz))
        goto fail;
    if (count > 0) {
        ly_sqldb_fail(err, errsz,
                      "this database already holds an event; use a new file for another");
        goto fail;
    }
    if (!ly_sqldb_prepare(
            &db->sql, "INSERT INTO events (id, name, starts, ends, timezone) VALUES (?,?,?,?,?)",
            &st, err, errsz))
        goto fail;
    sqlite3_bind_int64(st, 1, id);
    sqlite3_bind_text(st, 2, name, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 3, starts, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 4, ends, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 5, timezone, -1, SQLITE_STATIC);
    if (!ly_sqldb_step_done(&db->sql, st, err, errsz) || !insert_key(db, id, err, errsz) ||
        !ly_hubdb_commit(db, err, errsz))
        goto fail;
    return out ? ly_hubdb_event(db, out, err, errsz) : true;
fail:
    ly_hubdb_rollback(db);
    return false;
}

bool ly_hubdb_event(struct ly_hubdb *db, struct ly_event *out, char *err, size_t errsz)
{
    sqlite3_stmt *st;
    if (!ly_sqldb_prepare(&db->sql, "SELECT id, name, starts, ends, timezone FROM events LIMIT 1",
                          &st, err, errsz))
        return false;
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW)
        ly_records_event_row(st, 0, out);
    else if (rc == SQLITE_DONE)
        ly_sqldb_fail(err, errsz, "no event in this database: create one with 'lanyard init'");
    else
        ly_sqldb_error(&db->sql, err, errsz);
    ly_sqldb_release(&db->sql, st);
    return rc == SQLITE_ROW;
}

bool ly_hubdb_signing_key(struct ly_hubdb *db, uint8_t sk[LY_BADGE_SK_BYTES], uint32_t *key_id,
                          char *err, size_t errsz)
{
    sqlite3_stmt *st;
    bool ok = false;
    if (!ly_sqldb_prepare(
            &db->sql,
            "SELECT key_id, secret_key FROM signing_keys WHERE active ORDER BY seq DESC "
            "LIMIT 1",
            &st, err, errsz))
        return false;
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW && sqlite3_column_bytes(st, 1) == LY_BADGE_SK_BYTES) {
        *key_id = (uint32_t)sqlite3_column_int64(st, 0);
        memcpy(sk, sqlite3_column_blob(st, 1), LY_BADGE_SK_BYTES);
        ok = true;
    } else if (rc == SQLITE_ROW || rc == SQLITE_DONE) {
        ly_sqldb_fail(err, errsz,
                      "no signing key in this database: create the event with 'lanyard init'");
    } else {
        ly_sqldb_error(&db->sql, err, errsz);
    }
    ly_sqldb_release(&db->sql, st);
    return ok;
}

bool ly_hubdb_public_keys(struct ly_hubdb *db, struct ly_badge_key *keys, size_t max, size_t *n,
                          char *err, size_t errsz)
{
    return ly_sqldb_public_keys(&db->sql,
                                "SELECT key_id, public_key FROM signing_keys ORDER BY seq", keys,
                                max, n, err, errsz);
}

bool ly_hubdb_kiosk_keys(struct ly_hubdb *db, struct ly_key_proof *keys, struct ly_peer_info *peers,
                         size_t max, size_t *n, char *err, size_t errsz)
{
    sqlite3_stmt *st;
    int rc;
    *n = 0;
    if (!ly_sqldb_prepare(&db->sql,
                          "SELECT key_id, sign_pk, certificate, id_first, uuid, peer_addr, "
                          "acked_seq FROM kiosks WHERE key_seq IS NOT NULL AND revoked_ms IS NULL "
                          "ORDER BY key_seq",
                          &st, err, errsz))
        return false;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        if (*n == max || sqlite3_column_bytes(st, 1) != LY_BADGE_PK_BYTES)
            continue;
        struct ly_key_proof *p = &keys[*n];
        memset(p, 0, sizeof *p);
        p->key.key_id = (uint32_t)sqlite3_column_int64(st, 0);
        memcpy(p->key.pk, sqlite3_column_blob(st, 1), LY_BADGE_PK_BYTES);
        p->certified = sqlite3_column_bytes(st, 2) == LY_BADGE_CERT_BYTES;
        if (p->certified) {
            memcpy(p->certificate, sqlite3_column_blob(st, 2), LY_BADGE_CERT_BYTES);
            p->id_first = (uint32_t)sqlite3_column_int64(st, 3);
            p->id_last = p->id_first + (LY_WALKIN_IDS_PER_KIOSK - 1u);
        }
        if (peers) {
            memset(&peers[*n], 0, sizeof peers[*n]);
            ly_sqldb_copy_col(st, 4, peers[*n].kiosk_id, sizeof peers[*n].kiosk_id);
            ly_sqldb_copy_col(st, 5, peers[*n].addr, sizeof peers[*n].addr);
            peers[*n].acked_seq = sqlite3_column_int64(st, 6);
        }
        (*n)++;
    }
    ly_sqldb_release(&db->sql, st);
    return rc == SQLITE_DONE ? true : ly_sqldb_error(&db->sql, err, errsz);
}

/* Registration columns in storage order, as used by every query below. */
#define REG_COLS                                                                                   \
    "name, name_latin, affiliation, country, region, stakeholder, attendance, category, "          \
    "language, accessibility, email, phone, source"
#define REG_NCOLS 13

/* The registration's text fields in REG_COLS order. */
static void reg_fields(const struct ly_registration *r, const char *f[REG_NCOLS])
{
    const char *v[REG_NCOLS] = {r->name,     r->name_latin,    r->affiliation, r->country,
                                r->region,   r->stakeholder,   r->attendance,  r->category,
                                r->language, r->accessibility, r->email,       r->phone,
                                r->source};
    memcpy(f, v, sizeof v);
}

static void reg_load(sqlite3_stmt *st, int col, struct ly_registration *r)
{
    struct {
        char *dst;
        size_t sz;
    } f[REG_NCOLS] = {
        {r->name, sizeof r->name},
        {r->name_latin, sizeof r->name_latin},
        {r->affiliation, sizeof r->affiliation},
        {r->country, sizeof r->country},
        {r->region, sizeof r->region},
        {r->stakeholder, sizeof r->stakeholder},
        {r->attendance, sizeof r->attendance},
        {r->category, sizeof r->category},
        {r->language, sizeof r->language},
        {r->accessibility, sizeof r->accessibility},
        {r->email, sizeof r->email},
        {r->phone, sizeof r->phone},
        {r->source, sizeof r->source},
    };
    for (int i = 0; i < REG_NCOLS; i++)
        ly_sqldb_copy_col(st, col + i, f[i].dst, f[i].sz);
}

/* Attendee ids are 32 bits: they are carried in badges. */
static bool lookup_id(struct ly_hubdb *db, const char *sql, const char *key, uint32_t *id,
                      char *err, size_t errsz)
{
    int64_t v;
    bool ok = ly_sqldb_lookup(&db->sql, sql, key, &v, err, errsz);
    *id = (uint32_t)v;
    return ok;
}

bool ly_hubdb_find_alt_code(struct ly_hubdb *db, const char *code, uint32_t *id, char *err,
                            size_t errsz)
{
    return lookup_id(db, "SELECT registration_id FROM alt_codes WHERE code = ?", code, id, err,
                     errsz);
}

bool ly_hubdb_find_ext_id(struct ly_hubdb *db, const char *ext_id, uint32_t *id, char *err,
                          size_t errsz)
{
    return lookup_id(db, "SELECT id FROM registrations WHERE ext_id = ?", ext_id, id, err, errsz);
}

/* Makes code the registration's only alternate code ("" removes it). */
static bool set_alt_code(struct ly_hubdb *db, uint32_t id, const char *code, int64_t seq, char *err,
                         size_t errsz)
{
    sqlite3_stmt *st;
    uint32_t holder;
    if (code[0] != '\0') {
        if (!ly_hubdb_find_alt_code(db, code, &holder, err, errsz))
            return false;
        if (holder != 0 && holder != id)
            return ly_sqldb_fail(err, errsz, "ticket code is already used by attendee %u", holder);
    }
    if (!ly_sqldb_prepare(&db->sql, "DELETE FROM alt_codes WHERE registration_id = ?", &st, err,
                          errsz))
        return false;
    sqlite3_bind_int64(st, 1, id);
    if (!ly_sqldb_step_done(&db->sql, st, err, errsz))
        return false;
    if (code[0] == '\0') {
        /* A kiosk learns of a removed code from a tombstone: no row is left to carry it. */
        if (sqlite3_changes(db->sql.db) == 0)
            return true;
        if (!ly_sqldb_prepare(&db->sql,
                              "INSERT INTO tombstones (kind, id, seq) VALUES ('alt_code', ?1, ?2) "
                              "ON CONFLICT (kind, id) DO UPDATE SET seq = ?2",
                              &st, err, errsz))
            return false;
        sqlite3_bind_int64(st, 1, id);
        sqlite3_bind_int64(st, 2, seq);
        return ly_sqldb_step_done(&db->sql, st, err, errsz);
    }
    if (!ly_sqldb_prepare(&db->sql,
                          "INSERT INTO alt_codes (code, registration_id, seq) VALUES (?, ?, ?)",
                          &st, err, errsz))
        return false;
    sqlite3_bind_text(st, 1, code, -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 2, id);
    sqlite3_bind_int64(st, 3, seq);
    return ly_sqldb_step_done(&db->sql, st, err, errsz);
}

bool ly_hubdb_upsert_registration(struct ly_hubdb *db, const struct ly_registration *r,
                                  enum ly_upsert *what, char *err, size_t errsz)
{
    const char *f[REG_NCOLS];
    sqlite3_stmt *st;
    uint32_t id = 0;
    bool same = false;
    int64_t seq;

    reg_fields(r, f);
    if (!ly_sqldb_prepare(
            &db->sql,
            "SELECT r.id, " REG_COLS ", coalesce((SELECT code FROM alt_codes "
            "WHERE registration_id = r.id), '') FROM registrations r WHERE ext_id = ?",
            &st, err, errsz))
        return false;
    sqlite3_bind_text(st, 1, r->ext_id, -1, SQLITE_STATIC);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        id = (uint32_t)sqlite3_column_int64(st, 0);
        same = true;
        for (int i = 0; i <= REG_NCOLS && same; i++) {
            const char *want = i < REG_NCOLS ? f[i] : r->alt_code;
            const char *have = (const char *)sqlite3_column_text(st, i + 1);
            same = have && strcmp(have, want) == 0;
        }
    }
    ly_sqldb_release(&db->sql, st);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        return ly_sqldb_error(&db->sql, err, errsz);
    if (same) {
        *what = LY_UPSERT_UNCHANGED;
        return true;
    }
    bool inserted = id == 0;
    if (!ly_hubdb_next_seq(db, &seq, err, errsz))
        return false;
    if (inserted) {
        if (!ly_sqldb_prepare(
                &db->sql,
                "INSERT INTO registrations (ext_id, " REG_COLS
                ", seq) VALUES (?14, ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, "
                "?13, ?15) RETURNING id",
                &st, err, errsz))
            return false;
    } else if (!ly_sqldb_prepare(
                   &db->sql,
                   "UPDATE registrations SET name = ?1, name_latin = ?2, affiliation = ?3, "
                   "country = ?4, region = ?5, stakeholder = ?6, attendance = ?7, "
                   "category = ?8, language = ?9, accessibility = ?10, email = ?11, "
                   "phone = ?12, source = ?13, seq = ?15, updated_at = "
                   "strftime('%Y-%m-%dT%H:%M:%SZ', 'now') WHERE ext_id = ?14 RETURNING id",
                   &st, err, errsz)) {
        return false;
    }
    for (int i = 0; i < REG_NCOLS; i++)
        sqlite3_bind_text(st, i + 1, f[i], -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 14, r->ext_id, -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 15, seq);
    rc = sqlite3_step(st);
    if (rc == SQLITE_ROW)
        id = (uint32_t)sqlite3_column_int64(st, 0);
    else
        ly_sqldb_error(&db->sql, err, errsz);
    ly_sqldb_release(&db->sql, st);
    if (rc != SQLITE_ROW || !set_alt_code(db, id, r->alt_code, seq, err, errsz))
        return false;
    *what = inserted ? LY_UPSERT_INSERTED : LY_UPSERT_UPDATED;
    return true;
}

#define ATTENDEE_SELECT                                                                            \
    "SELECT r.id, r.badge_version, r.revoked, r.ext_id, " REG_COLS                                 \
    ", coalesce((SELECT code FROM alt_codes WHERE registration_id = r.id), ''), r.badge_key, "     \
    "r.picked_up FROM registrations r "

static void attendee_load(sqlite3_stmt *st, struct ly_attendee *a)
{
    memset(a, 0, sizeof *a);
    a->id = (uint32_t)sqlite3_column_int64(st, 0);
    a->badge_version = (uint16_t)sqlite3_column_int(st, 1);
    a->revoked = sqlite3_column_int(st, 2) != 0;
    ly_sqldb_copy_col(st, 3, a->reg.ext_id, sizeof a->reg.ext_id);
    reg_load(st, 4, &a->reg);
    ly_sqldb_copy_col(st, 4 + REG_NCOLS, a->reg.alt_code, sizeof a->reg.alt_code);
    a->badge_key = (uint32_t)sqlite3_column_int64(st, 5 + REG_NCOLS);
    a->picked_up = sqlite3_column_int(st, 6 + REG_NCOLS) != 0;
}

bool ly_hubdb_attendee(struct ly_hubdb *db, uint32_t id, struct ly_attendee *out, char *err,
                       size_t errsz)
{
    sqlite3_stmt *st;
    if (!ly_sqldb_prepare(&db->sql, ATTENDEE_SELECT "WHERE r.id = ?", &st, err, errsz))
        return false;
    sqlite3_bind_int64(st, 1, id);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW)
        attendee_load(st, out);
    else if (rc == SQLITE_DONE)
        ly_sqldb_fail(err, errsz, "no such attendee: %u", id);
    else
        ly_sqldb_error(&db->sql, err, errsz);
    ly_sqldb_release(&db->sql, st);
    return rc == SQLITE_ROW;
}

static bool attendee_row(void *ctx, sqlite3_stmt *st)
{
    struct walk *w = ctx;
    attendee_load(st, w->buf);
    return w->fn.attendee(w->ctx, w->buf);
}

bool ly_hubdb_foreach_attendee(struct ly_hubdb *db, const uint32_t *ids, size_t nids,
                               ly_hubdb_attendee_fn fn, void *ctx, char *err, size_t errsz)
{
    struct walk w = {.fn.attendee = fn, .ctx = ctx, .buf = malloc(sizeof(struct ly_attendee))};
    sqlite3_stmt *st;
    bool ok = true;

    if (!w.buf)
        return ly_sqldb_fail(err, errsz, "out of memory");
    if (ids) {
        for (size_t i = 0; i < nids && ok; i++)
            ok = ly_hubdb_attendee(db, ids[i], w.buf, err, errsz) && fn(ctx, w.buf);
    } else {
        ok = ly_sqldb_prepare(&db->sql, ATTENDEE_SELECT "ORDER BY r.id", &st, err, errsz) &&
             ly_sqldb_each(&db->sql, st, attendee_row, &w, err, errsz);
    }
    free(w.buf);
    return ok;
}

/* Applies an UPDATE to one registration with a fresh change sequence, in its own transaction. */
static bool update_badge(struct ly_hubdb *db, uint32_t id, const char *sql, int64_t arg,
                         int64_t *result, char *err, size_t errsz)
{
    sqlite3_stmt *st;
    int64_t seq;
    if (!ly_hubdb_begin(db, err, errsz))
        return false;
    if (!ly_hubdb_next_seq(db, &seq, err, errsz) ||
        !ly_sqldb_prepare(&db->sql, sql, &st, err, errsz))
        goto fail;
    sqlite3_bind_int64(st, 1, id);
    sqlite3_bind_int64(st, 2, seq);
    sqlite3_bind_int64(st, 3, arg);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW)
        *result = sqlite3_column_int64(st, 0);
    else if (rc == SQLITE_DONE)
        ly_sqldb_fail(err, errsz, "no such attendee: %u", id);
    else
        ly_sqldb_error(&db->sql, err, errsz);
    ly_sqldb_release(&db->sql, st);
    if (rc != SQLITE_ROW || !ly_hubdb_commit(db, err, errsz))
        goto fail;
    return true;
fail:
    ly_hubdb_rollback(db);
    return false;
}

bool ly_hubdb_reissue(struct ly_hubdb *db, uint32_t id, uint16_t *new_version, char *err,
                      size_t errsz)
{
    int64_t v;
    if (!update_badge(db, id,
                      /* the organizer's new version: any of the event's keys signs it */
                      "UPDATE registrations SET badge_version = badge_version + 1, "
                      "badge_key = 0, seq = ?2, updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now') "
                      "WHERE id = ?1 AND badge_version < 65535 + ?3 RETURNING badge_version",
                      0, &v, err, errsz))
        return false;
    *new_version = (uint16_t)v;
    return true;
}

bool ly_hubdb_set_revoked(struct ly_hubdb *db, uint32_t id, bool revoked, char *err, size_t errsz)
{
    int64_t v;
    return update_badge(db, id,
                        "UPDATE registrations SET revoked = ?3, seq = ?2, "
                        "updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now') "
                        "WHERE id = ?1 RETURNING revoked",
                        revoked, &v, err, errsz);
}

bool ly_hubdb_stats(struct ly_hubdb *db, struct ly_hubdb_stats *out, char *err, size_t errsz)
{
    return ly_sqldb_scalar(&db->sql, "SELECT count(*) FROM registrations", NULL,
                           &out->registrations, err, errsz) &&
           ly_sqldb_scalar(&db->sql,
                           "SELECT count(*) FROM registrations WHERE attendance = 'onsite'", NULL,
                           &out->onsite, err, errsz) &&
           ly_sqldb_scalar(&db->sql,
                           "SELECT count(DISTINCT nullif(country, '" LY_COUNTRY_NOT_STATED
                           "')) FROM registrations",
                           NULL, &out->countries, err, errsz) &&
           ly_sqldb_scalar(&db->sql, "SELECT count(*) FROM rooms", NULL, &out->rooms, err, errsz) &&
           ly_sqldb_scalar(&db->sql, "SELECT count(*) FROM sessions", NULL, &out->sessions, err,
                           errsz) &&
           ly_sqldb_scalar(&db->sql, "SELECT value FROM meta WHERE key = 'change_seq'", NULL,
                           &out->change_seq, err, errsz) &&
           ly_sqldb_scalar(&db->sql, "SELECT count(*) FROM opening_hours", NULL, &out->opening_days,
                           err, errsz) &&
           ly_sqldb_scalar(&db->sql, "SELECT count(*) FROM notices", NULL, &out->notices, err,
                           errsz) &&
           ly_sqldb_scalar(&db->sql, "SELECT value FROM meta WHERE key = 'rules_seq'", NULL,
                           &out->rules_seq, err, errsz);
}
