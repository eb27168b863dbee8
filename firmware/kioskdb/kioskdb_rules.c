/* kioskdb_rules.c - the kiosk database's gate rules (opening hours, notices), the lookups the
 * decision path makes beyond the synced records, and the journal's sync side (unsent batches,
 * marking sent). See kioskdb.h. */
#include <stdio.h>
#include <string.h>

#include "kioskdb/kioskdb_int.h"

bool ly_kioskdb_clear_rules(struct ly_kioskdb *db, char *err, size_t errsz)
{
    return ly_sqldb_exec(db->db, "DELETE FROM opening_hours; DELETE FROM notices", err, errsz);
}

bool ly_kioskdb_put_hours(struct ly_kioskdb *db, const struct ly_kiosk_hours *h, char *err,
                          size_t errsz)
{
    sqlite3_stmt *st;
    if (!ly_kioskdb_terminated(h->day, sizeof h->day, "day", err, errsz) ||
        !ly_kioskdb_terminated(h->opens, sizeof h->opens, "opening time", err, errsz) ||
        !ly_kioskdb_terminated(h->closes, sizeof h->closes, "closing time", err, errsz) ||
        !kdb_prepare(db,
                     "INSERT INTO opening_hours (day, opens, closes) VALUES (?1, ?2, ?3) "
                     "ON CONFLICT (day) DO UPDATE SET opens = ?2, closes = ?3",
                     &st, err, errsz))
        return false;
    sqlite3_bind_text(st, 1, h->day, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, h->opens, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 3, h->closes, -1, SQLITE_STATIC);
    return kdb_step_done(db, st, err, errsz);
}

bool ly_kioskdb_put_notice(struct ly_kioskdb *db, const struct ly_kiosk_notice *n, char *err,
                           size_t errsz)
{
    sqlite3_stmt *st;
    if (!ly_kioskdb_terminated(n->place, sizeof n->place, "notice place", err, errsz) ||
        !ly_kioskdb_terminated(n->category, sizeof n->category, "notice category", err, errsz) ||
        !ly_kioskdb_terminated(n->text, sizeof n->text, "notice text", err, errsz) ||
        !kdb_prepare(db,
                     "INSERT INTO notices (id, place, category, text) VALUES (?1, ?2, ?3, ?4) "
                     "ON CONFLICT (id) DO UPDATE SET place = ?2, category = ?3, text = ?4",
                     &st, err, errsz))
        return false;
    sqlite3_bind_int64(st, 1, n->id);
    sqlite3_bind_text(st, 2, n->place, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 3, n->category, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 4, n->text, -1, SQLITE_STATIC);
    return kdb_step_done(db, st, err, errsz);
}

bool ly_kioskdb_hours(struct ly_kioskdb *db, const char *day, struct ly_kiosk_hours *out,
                      bool *found, bool *any, char *err, size_t errsz)
{
    sqlite3_stmt *st;
    if (!kdb_prepare(db,
                     "SELECT day, opens, closes, (SELECT count(*) FROM opening_hours) "
                     "FROM (SELECT 1) LEFT JOIN opening_hours ON day = ?",
                     &st, err, errsz))
        return false;
    sqlite3_bind_text(st, 1, day, -1, SQLITE_STATIC);
    bool row, ok = kdb_step_row(db, st, &row, err, errsz);
    *found = *any = false;
    if (ok && row) {
        *any = sqlite3_column_int64(st, 3) > 0;
        *found = sqlite3_column_type(st, 0) != SQLITE_NULL;
        if (*found) {
            ly_sqldb_copy_col(st, 0, out->day, sizeof out->day);
            ly_sqldb_copy_col(st, 1, out->opens, sizeof out->opens);
            ly_sqldb_copy_col(st, 2, out->closes, sizeof out->closes);
        }
    }
    kdb_release(db, st);
    return ok;
}

#define NOTICE_PLACES_MAX 4

bool ly_kioskdb_notices(struct ly_kioskdb *db, const char *const *places, size_t nplaces,
                        const char *category, struct ly_kiosk_notice *out, size_t max, size_t *n,
                        char *err, size_t errsz)
{
    sqlite3_stmt *st;
    *n = 0;
    if (nplaces > NOTICE_PLACES_MAX)
        return ly_sqldb_fail(err, errsz, "at most %d place keys", NOTICE_PLACES_MAX);
    if (!kdb_prepare(db,
                     "SELECT id, place, category, text FROM notices "
                     "WHERE place IN ('', ?1, ?2, ?3, ?4) AND category IN ('', ?5) ORDER BY id",
                     &st, err, errsz))
        return false;
    for (size_t i = 0; i < nplaces; i++)
        sqlite3_bind_text(st, (int)i + 1, places[i], -1, SQLITE_STATIC);
    for (size_t i = nplaces; i < NOTICE_PLACES_MAX; i++)
        sqlite3_bind_null(st, (int)i + 1);
    sqlite3_bind_text(st, 5, category, -1, SQLITE_STATIC);
    bool row, ok;
    while ((ok = kdb_step_row(db, st, &row, err, errsz)) && row && *n < max) {
        struct ly_kiosk_notice *o = &out[(*n)++];
        o->id = sqlite3_column_int64(st, 0);
        ly_sqldb_copy_col(st, 1, o->place, sizeof o->place);
        ly_sqldb_copy_col(st, 2, o->category, sizeof o->category);
        ly_sqldb_copy_col(st, 3, o->text, sizeof o->text);
    }
    kdb_release(db, st);
    return ok;
}

bool ly_kioskdb_room_by_name(struct ly_kioskdb *db, const char *name, struct ly_kiosk_room *out,
                             bool *found, char *err, size_t errsz)
{
    sqlite3_stmt *st;
    if (!kdb_prepare(db, "SELECT id FROM rooms WHERE name = ?", &st, err, errsz))
        return false;
    sqlite3_bind_text(st, 1, name, -1, SQLITE_STATIC);
    bool ok = kdb_step_row(db, st, found, err, errsz);
    int64_t id = ok && *found ? sqlite3_column_int64(st, 0) : 0;
    kdb_release(db, st);
    return ok && *found ? ly_kioskdb_room(db, id, out, found, err, errsz) : ok;
}

bool ly_kioskdb_session_in_room(struct ly_kioskdb *db, int64_t room_id, const char *from,
                                const char *until, struct ly_kiosk_session *out, bool *found,
                                char *err, size_t errsz)
{
    sqlite3_stmt *st;
    if (!kdb_prepare(db,
                     "SELECT id FROM sessions WHERE room_id = ? AND ends > ? AND starts <= ? "
                     "ORDER BY starts, id LIMIT 1",
                     &st, err, errsz))
        return false;
    sqlite3_bind_int64(st, 1, room_id);
    sqlite3_bind_text(st, 2, from, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 3, until, -1, SQLITE_STATIC);
    bool ok = kdb_step_row(db, st, found, err, errsz);
    int64_t id = ok && *found ? sqlite3_column_int64(st, 0) : 0;
    kdb_release(db, st);
    return ok && *found ? ly_kioskdb_session(db, id, NULL, out, found, err, errsz) : ok;
}

bool ly_kioskdb_room_has_sessions(struct ly_kioskdb *db, int64_t room_id, bool *any, char *err,
                                  size_t errsz)
{
    sqlite3_stmt *st;
    if (!kdb_prepare(db, "SELECT 1 FROM sessions WHERE room_id = ? LIMIT 1", &st, err, errsz))
        return false;
    sqlite3_bind_int64(st, 1, room_id);
    bool ok = kdb_step_row(db, st, any, err, errsz);
    kdb_release(db, st);
    return ok;
}

bool ly_kioskdb_presence(struct ly_kioskdb *db, uint32_t attendee_id, const char *place,
                         struct ly_kiosk_presence *out, char *err, size_t errsz)
{
    sqlite3_stmt *st;
    memset(out, 0, sizeof *out);
    /* Both through the checkins_attendee index: the latest movement, the latest entry. */
    if (!kdb_prepare(db,
                     "SELECT direction, wall_time, (SELECT max(wall_time) FROM checkins "
                     "  WHERE attendee_id = ?1 AND place = ?2 AND direction = 1) "
                     "FROM checkins WHERE attendee_id = ?1 AND place = ?2 AND direction <> 0 "
                     "ORDER BY seq DESC LIMIT 1",
                     &st, err, errsz))
        return false;
    sqlite3_bind_int64(st, 1, attendee_id);
    sqlite3_bind_text(st, 2, place, -1, SQLITE_STATIC);
    bool row, ok = kdb_step_row(db, st, &row, err, errsz);
    if (ok && row) {
        out->last_direction = sqlite3_column_int(st, 0);
        out->last_wall_ms = sqlite3_column_int64(st, 1);
        out->last_entry_ms = sqlite3_column_int64(st, 2);
    }
    kdb_release(db, st);
    return ok;
}

bool ly_kioskdb_unsent_batch(struct ly_kioskdb *db, int64_t after_seq, struct ly_checkin *out,
                             size_t max, size_t *n, char *err, size_t errsz)
{
    sqlite3_stmt *st;
    *n = 0;
    if (!kdb_prepare(db,
                     "SELECT " LY_CHECKIN_COLS " FROM checkins WHERE sent = 0 AND seq > ? "
                     "ORDER BY seq LIMIT ?",
                     &st, err, errsz))
        return false;
    sqlite3_bind_int64(st, 1, after_seq);
    sqlite3_bind_int64(st, 2, (int64_t)max);
    bool row, ok;
    while ((ok = kdb_step_row(db, st, &row, err, errsz)) && row && *n < max)
        ly_kioskdb_row_checkin(st, &out[(*n)++]);
    kdb_release(db, st);
    return ok;
}

bool ly_kioskdb_mark_sent(struct ly_kioskdb *db, const char *const *uuids, size_t n, size_t *marked,
                          char *err, size_t errsz)
{
    sqlite3_stmt *st;
    *marked = 0;
    if (!ly_kioskdb_begin(db, err, errsz))
        return false;
    for (size_t i = 0; i < n; i++) {
        if (!kdb_prepare(db, "UPDATE checkins SET sent = 1 WHERE uuid = ? AND sent = 0", &st, err,
                         errsz))
            goto fail;
        sqlite3_bind_text(st, 1, uuids[i], -1, SQLITE_STATIC);
        if (!kdb_step_done(db, st, err, errsz))
            goto fail;
        *marked += (size_t)sqlite3_changes(db->db);
    }
    if (ly_kioskdb_commit(db, err, errsz))
        return true;
fail:
    *marked = 0;
    ly_kioskdb_rollback(db);
    return false;
}

bool ly_kioskdb_checkpoint(struct ly_kioskdb *db, int *wal_frames, char *err, size_t errsz)
{
    int log = 0, done = 0;
    int rc = sqlite3_wal_checkpoint_v2(db->db, NULL, SQLITE_CHECKPOINT_PASSIVE, &log, &done);
    if (wal_frames)
        *wal_frames = log;
    if (rc == SQLITE_OK || rc == SQLITE_BUSY)
        return true;
    return ly_sqldb_fail(err, errsz, "checkpoint: %s", sqlite3_errmsg(db->db));
}
