/* hubdb_programme.c - the programme in the organizer database: rooms and sessions, written by
 * the programme import and read for snapshots and `lanyard load`. See hubdb.h. */
#include <stdlib.h>
#include <string.h>

#include "orgdb/hubdb.h"
#include "orgdb/hubdb_int.h"

bool ly_hubdb_room_exists(struct ly_hubdb *db, const char *name, bool *found, char *err,
                          size_t errsz)
{
    sqlite3_stmt *st;
    if (!ly_sqldb_prepare(&db->sql, "SELECT 1 FROM rooms WHERE name = ?", &st, err, errsz))
        return false;
    sqlite3_bind_text(st, 1, name, -1, SQLITE_STATIC);
    bool ok = ly_sqldb_step_row(&db->sql, st, found, err, errsz);
    ly_sqldb_release(&db->sql, st);
    return ok;
}

/* Steps a statement that selects whether a row's stored values equal those bound (no row: it
 * does not exist), and releases it. */
static bool compare(struct ly_hubdb *db, sqlite3_stmt *st, bool *exists, bool *same, char *err,
                    size_t errsz)
{
    bool ok = ly_sqldb_step_row(&db->sql, st, exists, err, errsz);
    *same = ok && *exists && sqlite3_column_int(st, 0) == 1;
    ly_sqldb_release(&db->sql, st);
    return ok;
}

/* Binds a room as parameters ?1 (name), ?2 (capacity), ?3 (location). */
static void bind_room(sqlite3_stmt *st, const char *name, int capacity, const char *location)
{
    sqlite3_bind_text(st, 1, name, -1, SQLITE_STATIC);
    sqlite3_bind_int(st, 2, capacity);
    sqlite3_bind_text(st, 3, location, -1, SQLITE_STATIC);
}

bool ly_hubdb_upsert_room_at(struct ly_hubdb *db, const char *name, int capacity,
                             const char *location, enum ly_upsert *what, char *err, size_t errsz)
{
    sqlite3_stmt *st;
    int64_t seq;
    bool exists, same;
    if (capacity < 1 || capacity > LY_CAPACITY_MAX)
        return ly_sqldb_fail(err, errsz, "room capacity %d is outside 1 to %d", capacity,
                             LY_CAPACITY_MAX);
    if (strlen(location) > LY_ROOM_LOCATION_MAX)
        return ly_sqldb_fail(err, errsz, "room location is longer than %d bytes",
                             LY_ROOM_LOCATION_MAX);
    if (!ly_sqldb_prepare(&db->sql,
                          "SELECT capacity = ?2 AND location = ?3 FROM rooms WHERE name = ?1", &st,
                          err, errsz))
        return false;
    bind_room(st, name, capacity, location);
    if (!compare(db, st, &exists, &same, err, errsz))
        return false;
    if (same) {
        *what = LY_UPSERT_UNCHANGED;
        return true;
    }
    if (!ly_hubdb_next_seq(db, &seq, err, errsz) ||
        !ly_sqldb_prepare(&db->sql,
                          "INSERT INTO rooms (name, capacity, location, seq) VALUES (?1, ?2, ?3, "
                          "?4) ON CONFLICT (name) DO UPDATE SET capacity = ?2, location = ?3, "
                          "seq = ?4",
                          &st, err, errsz))
        return false;
    bind_room(st, name, capacity, location);
    sqlite3_bind_int64(st, 4, seq);
    if (!ly_sqldb_step_done(&db->sql, st, err, errsz))
        return false;
    *what = exists ? LY_UPSERT_UPDATED : LY_UPSERT_INSERTED;
    return true;
}

bool ly_hubdb_upsert_room(struct ly_hubdb *db, const char *name, int capacity, enum ly_upsert *what,
                          char *err, size_t errsz)
{
    return ly_hubdb_upsert_room_at(db, name, capacity, "", what, err, errsz);
}

/* The id of the room named name into *id; fails naming the session and the role when absent. */
static bool room_id(struct ly_hubdb *db, const struct ly_session *s, const char *name,
                    const char *role, int64_t *id, char *err, size_t errsz)
{
    sqlite3_stmt *st;
    bool found;
    if (!ly_sqldb_prepare(&db->sql, "SELECT id FROM rooms WHERE name = ?", &st, err, errsz))
        return false;
    sqlite3_bind_text(st, 1, name, -1, SQLITE_STATIC);
    bool ok = ly_sqldb_step_row(&db->sql, st, &found, err, errsz);
    *id = ok && found ? sqlite3_column_int64(st, 0) : 0;
    ly_sqldb_release(&db->sql, st);
    if (ok && !found)
        return ly_sqldb_fail(err, errsz, "session %s: no %s named '%s'", s->ext_id, role, name);
    return ok;
}

/* Binds a session's columns as parameters ?1 (ext_id) to ?8 (categories), ?10 (slips) to ?12
 * (online_url); ?9 is the change sequence. */
static void bind_session(sqlite3_stmt *st, const struct ly_session *s, int64_t room_id,
                         int64_t overflow_id)
{
    sqlite3_bind_text(st, 1, s->ext_id, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, s->title, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 3, s->type, -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 4, room_id);
    sqlite3_bind_text(st, 5, s->starts, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 6, s->ends, -1, SQLITE_STATIC);
    sqlite3_bind_int(st, 7, s->capacity);
    sqlite3_bind_text(st, 8, s->categories, -1, SQLITE_STATIC);
    sqlite3_bind_int(st, 10, s->slips);
    sqlite3_bind_int64(st, 11, overflow_id);
    sqlite3_bind_text(st, 12, s->online_url, -1, SQLITE_STATIC);
}

bool ly_hubdb_upsert_session(struct ly_hubdb *db, const struct ly_session *s, enum ly_upsert *what,
                             char *err, size_t errsz)
{
    sqlite3_stmt *st;
    int64_t seq, rid, oid = 0;
    bool exists, same;

    if (!room_id(db, s, s->room, "room", &rid, err, errsz) ||
        (s->overflow[0] && !room_id(db, s, s->overflow, "overflow room", &oid, err, errsz)))
        return false;
    if (!ly_sqldb_prepare(
            &db->sql,
            "SELECT title = ?2 AND type = ?3 AND room_id = ?4 AND starts = ?5 AND ends = ?6 "
            "AND capacity = ?7 AND categories = ?8 AND slips = ?10 AND overflow_room_id = ?11 "
            "AND online_url = ?12 FROM sessions WHERE ext_id = ?1",
            &st, err, errsz))
        return false;
    bind_session(st, s, rid, oid);
    if (!compare(db, st, &exists, &same, err, errsz))
        return false;
    if (same) {
        *what = LY_UPSERT_UNCHANGED;
        return true;
    }
    if (!ly_hubdb_next_seq(db, &seq, err, errsz) ||
        !ly_sqldb_prepare(
            &db->sql,
            "INSERT INTO sessions (ext_id, title, type, room_id, starts, ends, capacity, "
            "categories, seq, slips, overflow_room_id, online_url) VALUES (?1, ?2, ?3, ?4, ?5, "
            "?6, ?7, ?8, ?9, ?10, ?11, ?12) "
            "ON CONFLICT (ext_id) DO UPDATE SET title = ?2, type = ?3, room_id = ?4, "
            "starts = ?5, ends = ?6, capacity = ?7, categories = ?8, seq = ?9, slips = ?10, "
            "overflow_room_id = ?11, online_url = ?12",
            &st, err, errsz))
        return false;
    bind_session(st, s, rid, oid);
    sqlite3_bind_int64(st, 9, seq);
    if (!ly_sqldb_step_done(&db->sql, st, err, errsz))
        return false;
    *what = exists ? LY_UPSERT_UPDATED : LY_UPSERT_INSERTED;
    return true;
}

struct walk {
    union {
        ly_hubdb_room_fn room;
        ly_hubdb_session_fn session;
    } fn;
    void *ctx;
    void *buf;
};

static bool room_row(void *ctx, sqlite3_stmt *st)
{
    struct walk *w = ctx;
    struct ly_kiosk_room r = {.id = sqlite3_column_int64(st, 0),
                              .capacity = sqlite3_column_int(st, 2)};
    ly_sqldb_copy_col(st, 1, r.name, sizeof r.name);
    ly_sqldb_copy_col(st, 3, r.location, sizeof r.location);
    return w->fn.room(w->ctx, &r);
}

bool ly_hubdb_foreach_room(struct ly_hubdb *db, ly_hubdb_room_fn fn, void *ctx, char *err,
                           size_t errsz)
{
    struct walk w = {.fn.room = fn, .ctx = ctx};
    sqlite3_stmt *st;
    return ly_sqldb_prepare(&db->sql, "SELECT id, name, capacity, location FROM rooms ORDER BY id",
                            &st, err, errsz) &&
           ly_sqldb_each(&db->sql, st, room_row, &w, err, errsz);
}

/* A session as the sessions query selects it after its id and room id. */
static const struct ly_field session_fields[] = {
    LY_FIELD(struct ly_session, ext_id),
    LY_FIELD(struct ly_session, title),
    LY_FIELD(struct ly_session, type),
    LY_FIELD(struct ly_session, room),
    LY_FIELD(struct ly_session, starts),
    LY_FIELD(struct ly_session, ends),
    LY_FIELD(struct ly_session, capacity),
    LY_FIELD(struct ly_session, categories),
    LY_FIELD(struct ly_session, slips),
    LY_FIELD(struct ly_session, overflow),
    LY_FIELD(struct ly_session, overflow_room_id),
    LY_FIELD(struct ly_session, online_url),
    LY_FIELD_END,
};

static bool session_row(void *ctx, sqlite3_stmt *st)
{
    struct walk *w = ctx;
    struct ly_session *s = w->buf;
    memset(s, 0, sizeof *s);
    ly_hubdb_row_fields(st, 2, session_fields, s);
    return w->fn.session(w->ctx, sqlite3_column_int64(st, 0), sqlite3_column_int64(st, 1), s);
}

bool ly_hubdb_foreach_session(struct ly_hubdb *db, ly_hubdb_session_fn fn, void *ctx, char *err,
                              size_t errsz)
{
    struct walk w = {.fn.session = fn, .ctx = ctx, .buf = malloc(sizeof(struct ly_session))};
    sqlite3_stmt *st;
    if (!w.buf)
        return ly_sqldb_fail(err, errsz, "out of memory");
    bool ok = ly_sqldb_prepare(&db->sql,
                               "SELECT s.id, s.room_id, s.ext_id, s.title, s.type, r.name, "
                               "s.starts, s.ends, s.capacity, s.categories, s.slips, "
                               "coalesce(o.name, ''), coalesce(o.id, 0), s.online_url "
                               "FROM sessions s JOIN rooms r ON r.id = s.room_id "
                               "LEFT JOIN rooms o ON o.id = s.overflow_room_id ORDER BY s.id",
                               &st, err, errsz) &&
              ly_sqldb_each(&db->sql, st, session_row, &w, err, errsz);
    free(w.buf);
    return ok;
}
