/* hubdb_kiosks.c - the hub's kiosks, enrollment codes and the check-ins kiosks push, in the
 * organizer database (read tokens: hubdb_tokens.c). See hubdb_hub.h. */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "counts/counts.h"
#include "counts/moved.h"
#include "gate/gate_occupancy.h"
#include "gate/gate_time.h"
#include "orgdb/hubdb_hub.h"
#include "orgdb/hubdb_int.h"

static void bind_hash(sqlite3_stmt *st, int i, const uint8_t hash[LY_TOKEN_HASH_LEN])
{
    sqlite3_bind_blob(st, i, hash, LY_TOKEN_HASH_LEN, SQLITE_STATIC);
}

const struct ly_field ly_store_kiosk_fields[] = {
    LY_FIELD(struct ly_store_kiosk, id),          LY_FIELD(struct ly_store_kiosk, uuid),
    LY_FIELD(struct ly_store_kiosk, name),        LY_FIELD(struct ly_store_kiosk, gate),
    LY_FIELD(struct ly_store_kiosk, software),    LY_FIELD(struct ly_store_kiosk, revoked),
    LY_FIELD(struct ly_store_kiosk, enrolled_ms), LY_FIELD(struct ly_store_kiosk, last_contact_ms),
    LY_FIELD(struct ly_store_kiosk, queue),       LY_FIELD_END,
};

static void kiosk_load(sqlite3_stmt *st, struct ly_store_kiosk *k)
{
    memset(k, 0, sizeof *k);
    ly_hubdb_row_fields(st, 0, ly_store_kiosk_fields, k);
}

/* Runs st (bound) and loads its one row into *k; *found says whether there was one. */
static bool kiosk_row(struct ly_hubdb *db, sqlite3_stmt *st, struct ly_store_kiosk *k, bool *found,
                      char *err, size_t errsz)
{
    int rc = sqlite3_step(st);
    *found = rc == SQLITE_ROW;
    if (rc == SQLITE_ROW)
        kiosk_load(st, k);
    bool ok = rc == SQLITE_ROW || rc == SQLITE_DONE || ly_sqldb_error(&db->sql, err, errsz);
    ly_sqldb_release(&db->sql, st);
    return ok;
}

bool ly_hubdb_add_enroll_code(struct ly_hubdb *db, const uint8_t hash[LY_TOKEN_HASH_LEN],
                              const char *name, const char *gate, const char *replaces,
                              int64_t now_ms, int64_t expires_ms, char *err, size_t errsz)
{
    sqlite3_stmt *st;
    if (!ly_sqldb_prepare(
            &db->sql,
            "INSERT INTO enroll_codes (code_hash, name, gate, created_ms, expires_ms, replaces) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            &st, err, errsz))
        return false;
    bind_hash(st, 1, hash);
    sqlite3_bind_text(st, 2, name, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 3, gate, -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 4, now_ms);
    sqlite3_bind_int64(st, 5, expires_ms);
    if (replaces)
        sqlite3_bind_text(st, 6, replaces, -1, SQLITE_STATIC);
    else
        sqlite3_bind_null(st, 6);
    return ly_sqldb_step_done(&db->sql, st, err, errsz);
}

/* Inside the redeem transaction: takes the code (unused, unexpired) and returns its name, gate
 * and the uuid it replaces ("" for none); *ok false when there is no such code. */
static bool take_code(struct ly_hubdb *db, const uint8_t hash[LY_TOKEN_HASH_LEN], int64_t now_ms,
                      char *name, size_t namesz, char *gate, size_t gatesz,
                      char replaces[LY_UUID_LEN + 1], bool *ok, char *err, size_t errsz)
{
    sqlite3_stmt *st;
    if (!ly_sqldb_prepare(
            &db->sql,
            "UPDATE enroll_codes SET used_ms = ?2 WHERE code_hash = ?1 AND used_ms IS NULL "
            "AND expires_ms > ?2 RETURNING name, gate, coalesce(replaces, '')",
            &st, err, errsz))
        return false;
    bind_hash(st, 1, hash);
    sqlite3_bind_int64(st, 2, now_ms);
    int rc = sqlite3_step(st);
    *ok = rc == SQLITE_ROW;
    if (*ok) {
        ly_sqldb_copy_col(st, 0, name, namesz);
        ly_sqldb_copy_col(st, 1, gate, gatesz);
        ly_sqldb_copy_col(st, 2, replaces, LY_UUID_LEN + 1);
    }
    bool good = rc == SQLITE_ROW || rc == SQLITE_DONE || ly_sqldb_error(&db->sql, err, errsz);
    ly_sqldb_release(&db->sql, st);
    return good;
}

bool ly_hubdb_redeem_enroll_code(struct ly_hubdb *db, const uint8_t code_hash[LY_TOKEN_HASH_LEN],
                                 const char *uuid, const char *software,
                                 const uint8_t token_hash[LY_TOKEN_HASH_LEN], int64_t now_ms,
                                 enum ly_store_redeem *res, struct ly_store_kiosk *out, char *err,
                                 size_t errsz)
{
    char name[LY_KIOSK_NAME_MAX + 1], gate[LY_GATE_MAX + 1], replaces[LY_UUID_LEN + 1] = "";
    sqlite3_stmt *st;
    bool ok, found;
    int64_t taken, exists;

    if (!ly_hubdb_begin(db, err, errsz))
        return false;
    if (!take_code(db, code_hash, now_ms, name, sizeof name, gate, sizeof gate, replaces, &ok, err,
                   errsz))
        goto fail;
    if (!ok) {
        *res = LY_REDEEM_BAD_CODE;
        ly_hubdb_rollback(db);
        return true;
    }
    if (!ly_sqldb_prepare(
            &db->sql,
            "SELECT count(*) FROM kiosks WHERE name = ? AND uuid <> ? AND revoked_ms IS NULL", &st,
            err, errsz))
        goto fail;
    sqlite3_bind_text(st, 1, name, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, uuid, -1, SQLITE_STATIC);
    int rc = sqlite3_step(st);
    taken = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
    ly_sqldb_release(&db->sql, st);
    if (rc != SQLITE_ROW) {
        ly_sqldb_error(&db->sql, err, errsz);
        goto fail;
    }
    if (taken > 0) {
        /* The code stays used: an organizer makes a new one after revoking the other kiosk. */
        *res = LY_REDEEM_NAME_TAKEN;
        return ly_hubdb_commit(db, err, errsz);
    }
    /* An enrolled kiosk's identity (active or revoked) is taken only by a code made to replace
     * it: a code and a known uuid must not un-revoke a kiosk or steal one's place. */
    if (!ly_sqldb_prepare(&db->sql, "SELECT count(*) FROM kiosks WHERE uuid = ?", &st, err, errsz))
        goto fail;
    sqlite3_bind_text(st, 1, uuid, -1, SQLITE_STATIC);
    rc = sqlite3_step(st);
    exists = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
    ly_sqldb_release(&db->sql, st);
    if (rc != SQLITE_ROW) {
        ly_sqldb_error(&db->sql, err, errsz);
        goto fail;
    }
    if (exists > 0 && strcmp(replaces, uuid) != 0) {
        *res = LY_REDEEM_KIOSK_EXISTS; /* the code stays used, as above */
        return ly_hubdb_commit(db, err, errsz);
    }
    if (!ly_sqldb_prepare(
            &db->sql,
            "INSERT INTO kiosks (uuid, name, gate, software, token_hash, enrolled_ms) "
            "VALUES (?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT (uuid) DO UPDATE SET name = ?2, "
            "gate = ?3, software = ?4, token_hash = ?5, enrolled_ms = ?6, revoked_ms = NULL "
            "RETURNING " LY_STORE_KIOSK_COLS,
            &st, err, errsz))
        goto fail;
    sqlite3_bind_text(st, 1, uuid, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, name, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 3, gate, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 4, software, -1, SQLITE_STATIC);
    bind_hash(st, 5, token_hash);
    sqlite3_bind_int64(st, 6, now_ms);
    if (!kiosk_row(db, st, out, &found, err, errsz))
        goto fail;
    if (!found) {
        ly_fail(err, errsz, "enrolling the kiosk stored nothing");
        goto fail;
    }
    *res = LY_REDEEM_OK;
    return ly_hubdb_commit(db, err, errsz);
fail:
    ly_hubdb_rollback(db);
    return false;
}

bool ly_hubdb_kiosk_by_token(struct ly_hubdb *db, const uint8_t hash[LY_TOKEN_HASH_LEN],
                             struct ly_store_kiosk *out, bool *found, char *err, size_t errsz)
{
    sqlite3_stmt *st;
    if (!ly_sqldb_prepare(&db->sql,
                          "SELECT " LY_STORE_KIOSK_COLS "FROM kiosks WHERE token_hash = ?", &st,
                          err, errsz))
        return false;
    bind_hash(st, 1, hash);
    return kiosk_row(db, st, out, found, err, errsz);
}

bool ly_hubdb_touch_kiosk(struct ly_hubdb *db, int64_t kiosk_id, int64_t now_ms, char *err,
                          size_t errsz)
{
    sqlite3_stmt *st;
    if (!ly_sqldb_prepare(
            &db->sql,
            "UPDATE kiosks SET last_contact_ms = ?2 WHERE id = ?1 AND last_contact_ms < ?2 - "
            "1000",
            &st, err, errsz))
        return false;
    sqlite3_bind_int64(st, 1, kiosk_id);
    sqlite3_bind_int64(st, 2, now_ms);
    return ly_sqldb_step_done(&db->sql, st, err, errsz);
}

bool ly_hubdb_kiosk_health(struct ly_hubdb *db, int64_t kiosk_id, const char *health, int64_t at_ms,
                           char *err, size_t errsz)
{
    sqlite3_stmt *st;
    if (!ly_sqldb_prepare(&db->sql, "UPDATE kiosks SET health = ?2, health_ms = ?3 WHERE id = ?1",
                          &st, err, errsz))
        return false;
    sqlite3_bind_int64(st, 1, kiosk_id);
    sqlite3_bind_text(st, 2, health, -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 3, at_ms);
    return ly_sqldb_step_done(&db->sql, st, err, errsz);
}

struct kiosk_walk {
    ly_store_kiosk_fn fn;
    void *ctx;
};

static bool kiosk_each(void *ctx, sqlite3_stmt *st)
{
    struct kiosk_walk *w = ctx;
    struct ly_store_kiosk k;
    kiosk_load(st, &k);
    return w->fn(w->ctx, &k);
}

bool ly_hubdb_foreach_kiosk(struct ly_hubdb *db, ly_store_kiosk_fn fn, void *ctx, char *err,
                            size_t errsz)
{
    struct kiosk_walk w = {fn, ctx};
    sqlite3_stmt *st;
    return ly_sqldb_prepare(&db->sql, "SELECT " LY_STORE_KIOSK_COLS "FROM kiosks ORDER BY name, id",
                            &st, err, errsz) &&
           ly_sqldb_each(&db->sql, st, kiosk_each, &w, err, errsz);
}

bool ly_hubdb_kiosk_name_active(struct ly_hubdb *db, const char *name, bool *active, char *err,
                                size_t errsz)
{
    int64_t id;
    if (!ly_sqldb_lookup(&db->sql, "SELECT id FROM kiosks WHERE name = ? AND revoked_ms IS NULL",
                         name, &id, err, errsz))
        return false;
    *active = id != 0;
    return true;
}

bool ly_hubdb_revoke_kiosk(struct ly_hubdb *db, const char *name, int64_t now_ms, int *n, char *err,
                           size_t errsz)
{
    sqlite3_stmt *st;
    if (!ly_sqldb_prepare(&db->sql,
                          "UPDATE kiosks SET revoked_ms = ? WHERE name = ? AND revoked_ms IS NULL",
                          &st, err, errsz))
        return false;
    sqlite3_bind_int64(st, 1, now_ms);
    sqlite3_bind_text(st, 2, name, -1, SQLITE_STATIC);
    if (!ly_sqldb_step_done(&db->sql, st, err, errsz))
        return false;
    *n = sqlite3_changes(db->sql.db);
    return true;
}

/* Records a movement as the attendee's latest through its place, unless a later one (by hub
 * time: batches from a kiosk that was offline arrive late) is there already. */
static bool move(struct ly_hubdb *db, const struct ly_checkin *c, int64_t t_ms, char *err,
                 size_t errsz)
{
    sqlite3_stmt *st;
    if (!ly_sqldb_prepare(
            &db->sql,
            "INSERT INTO presence (place, attendee_id, direction, t_ms, entered) VALUES (?1, "
            "?2, ?3, ?4, ?3 = 1) ON CONFLICT (place, attendee_id) DO UPDATE SET direction = "
            "CASE WHEN t_ms <= ?4 THEN ?3 ELSE direction END, t_ms = max(t_ms, ?4), "
            "entered = max(entered, ?3 = 1)",
            &st, err, errsz))
        return false;
    sqlite3_bind_text(st, 1, c->place, -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 2, c->attendee_id);
    sqlite3_bind_int(st, 3, c->direction);
    sqlite3_bind_int64(st, 4, t_ms);
    return ly_sqldb_step_done(&db->sql, st, err, errsz);
}

/* Whether the entry is an arrival: a grant, or a badge handed out (a pickup, a walk-in). */
static bool granted(const struct ly_checkin *c)
{
    return strcmp(c->decision, "granted") == 0 || strcmp(c->decision, "already_inside") == 0 ||
           strcmp(c->decision, "picked_up") == 0 || strcmp(c->decision, "registered") == 0;
}

/* Keeps the running counts (counts.h) of one stored check-in: onsite attendees, per local day,
 * venue entries per 15 minutes. */
static bool tally(struct ly_hubdb *db, const struct ly_checkin *c, int64_t t_ms, char *err,
                  size_t errsz)
{
    sqlite3_stmt *st;
    if (c->attendee_id != 0 && granted(c)) {
        time_t t = (time_t)(t_ms / 1000);
        struct tm tm;
        char day[11];
        localtime_r(&t, &tm);
        strftime(day, sizeof day, "%Y-%m-%d", &tm);
        if (!ly_sqldb_prepare(&db->sql,
                              "INSERT OR IGNORE INTO onsite (attendee_id, first_ms) VALUES (?, ?)",
                              &st, err, errsz))
            return false;
        sqlite3_bind_int64(st, 1, c->attendee_id);
        sqlite3_bind_int64(st, 2, t_ms);
        if (!ly_sqldb_step_done(&db->sql, st, err, errsz) ||
            !ly_sqldb_prepare(&db->sql,
                              "INSERT OR IGNORE INTO onsite_days (day, attendee_id) VALUES (?, ?)",
                              &st, err, errsz))
            return false;
        sqlite3_bind_text(st, 1, day, -1, SQLITE_STATIC);
        sqlite3_bind_int64(st, 2, c->attendee_id);
        if (!ly_sqldb_step_done(&db->sql, st, err, errsz))
            return false;
    }
    if (c->direction != 1 || strcmp(c->place, "venue") != 0)
        return true;
    if (!ly_sqldb_prepare(
            &db->sql,
            "INSERT INTO entries (tick, n) VALUES (?, 1) ON CONFLICT (tick) DO UPDATE SET "
            "n = n + 1",
            &st, err, errsz))
        return false;
    sqlite3_bind_int64(st, 1, t_ms / LY_COUNTS_TICK_MS * LY_COUNTS_TICK_MS);
    return ly_sqldb_step_done(&db->sql, st, err, errsz);
}

/* Stores one check-in; *res is stored, duplicate (this kiosk sent it before) or rejected (the
 * uuid belongs to another kiosk's check-in). */
static bool store_one(struct ly_hubdb *db, int64_t kiosk, const struct ly_checkin *c, int64_t t_ms,
                      int64_t received_ms, enum ly_store_item *res, char *err, size_t errsz)
{
    sqlite3_stmt *st;
    if (!ly_sqldb_prepare(
            &db->sql,
            "INSERT INTO checkins (uuid, kiosk, kiosk_seq, wall_ms, mono_ms, t_ms, "
            "received_ms, gate, attendee_id, code_kind, decision, reason_code, place, "
            "direction, badge_version, badge_key, policy) VALUES "
            "(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?) "
            "ON CONFLICT (uuid) DO NOTHING",
            &st, err, errsz))
        return false;
    sqlite3_bind_text(st, 1, c->uuid, -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 2, kiosk);
    sqlite3_bind_int64(st, 3, c->seq);
    sqlite3_bind_int64(st, 4, c->wall_ms);
    sqlite3_bind_int64(st, 5, c->mono_ms);
    sqlite3_bind_int64(st, 6, t_ms);
    sqlite3_bind_int64(st, 7, received_ms);
    sqlite3_bind_text(st, 8, c->gate, -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 9, c->attendee_id);
    sqlite3_bind_text(st, 10, c->code_kind, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 11, c->decision, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 12, c->reason_code, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 13, c->place, -1, SQLITE_STATIC);
    sqlite3_bind_int(st, 14, c->direction);
    sqlite3_bind_int(st, 15, c->badge_version);
    sqlite3_bind_int64(st, 16, c->badge_key);
    sqlite3_bind_text(st, 17, c->policy, -1, SQLITE_STATIC);
    if (!ly_sqldb_step_done(&db->sql, st, err, errsz))
        return false;
    if (sqlite3_changes(db->sql.db) == 1) {
        *res = LY_ITEM_STORED;
        return tally(db, c, t_ms, err, errsz) && ly_hubdb_ingest_print(db, c, err, errsz) &&
               (c->direction == 0 || c->attendee_id == 0 || c->place[0] == '\0' ||
                move(db, c, t_ms, err, errsz)) &&
               ly_hubdb_conflict_check(db, kiosk, c, t_ms, ly_hubdb_day_start(t_ms), received_ms,
                                       err, errsz);
    }
    int64_t owner;
    if (!ly_sqldb_lookup(&db->sql, "SELECT kiosk FROM checkins WHERE uuid = ?", c->uuid, &owner,
                         err, errsz))
        return false;
    *res = owner == kiosk ? LY_ITEM_DUPLICATE : LY_ITEM_REJECTED;
    return true;
}

bool ly_hubdb_ingest(struct ly_hubdb *db, const struct ly_store_kiosk *k,
                     const struct ly_checkin *items, size_t n, int64_t skew_ms, int64_t received_ms,
                     int64_t queue, enum ly_store_item *results, char *err, size_t errsz)
{
    struct ly_moved moved = {.n = 0};
    char left[LY_GATE_MAX + 1];
    sqlite3_stmt *st;

    if (!ly_hubdb_begin(db, err, errsz))
        return false;
    for (size_t i = 0; i < n; i++) {
        const struct ly_checkin *c = &items[i];
        if (results[i] != LY_ITEM_STORED)
            continue;
        int64_t t = c->wall_ms + skew_ms;
        if (t > received_ms)
            t = received_ms;
        if (t < 0)
            t = 0;
        if (!store_one(db, k->id, c, t, received_ms, &results[i], err, errsz))
            goto fail;
        if (results[i] != LY_ITEM_STORED || c->direction == 0 || c->place[0] == '\0')
            continue;
        left[0] = '\0';
        if (c->attendee_id != 0 && ly_occupancy_moves(c->place, c->direction) &&
            !ly_hubdb_whereabouts(db, c, t, left, err, errsz))
            goto fail;
        if (!ly_moved_add(&moved, c->place, t) &&
            !ly_hubdb_place_moved(db, c->place, t, err, errsz))
            goto fail;
        if (left[0] && !ly_moved_add(&moved, left, t) &&
            !ly_hubdb_place_moved(db, left, t, err, errsz))
            goto fail;
    }
    int64_t scans = 0, grants = 0, acked = 0;
    for (size_t i = 0; i < n; i++) {
        scans += results[i] == LY_ITEM_STORED;
        grants += results[i] == LY_ITEM_STORED && granted(&items[i]);
        if ((results[i] == LY_ITEM_STORED || results[i] == LY_ITEM_DUPLICATE ||
             results[i] == LY_ITEM_REFUSED) &&
            items[i].seq > acked)
            acked = items[i].seq;
    }
    if (acked > 0 && !ly_hubdb_peer_acked(db, k->id, acked, err, errsz))
        goto fail;
    if (!ly_sqldb_prepare(&db->sql,
                          "UPDATE kiosks SET queue = ?2, last_contact_ms = ?3, scans = scans + ?4, "
                          "granted = granted + ?5 WHERE id = ?1",
                          &st, err, errsz))
        goto fail;
    sqlite3_bind_int64(st, 1, k->id);
    sqlite3_bind_int64(st, 2, queue);
    sqlite3_bind_int64(st, 3, received_ms);
    sqlite3_bind_int64(st, 4, scans);
    sqlite3_bind_int64(st, 5, grants);
    if (!ly_sqldb_step_done(&db->sql, st, err, errsz))
        goto fail;
    if (!ly_hubdb_recount_moved(db, &moved, received_ms, err, errsz))
        goto fail;
    return ly_hubdb_commit(db, err, errsz);
fail:
    ly_hubdb_rollback(db);
    return false;
}
