/* kioskdb_int.h - the kiosk database handle, shared by the files that implement kioskdb.h
 * (kioskdb.c: schema, journal, synced data; kioskdb_rules.c: gate rules and movements). Not for
 * other modules. */
#ifndef LY_KIOSKDB_INT_H
#define LY_KIOSKDB_INT_H

#include <sqlite3.h>

#include "kioskdb/kioskdb.h"
#include "common/sqldb.h"

struct ly_kioskdb {
    sqlite3 *db;
    char kiosk_id[LY_UUID_LEN + 1]; /* "" until drawn (never in a snapshot) */
    struct ly_sqlcache stmts;
};

/* Statements come from the connection's cache (sqldb.h); kdb_release gives them back. */
static inline bool kdb_prepare(struct ly_kioskdb *db, const char *sql, sqlite3_stmt **st, char *err,
                               size_t errsz)
{
    return ly_sqldb_prepare(&db->stmts, db->db, sql, st, err, errsz);
}

static inline void kdb_release(struct ly_kioskdb *db, sqlite3_stmt *st)
{
    ly_sqldb_release(&db->stmts, st);
}

/* Steps a statement that returns no row and releases it. */
static inline bool kdb_step_done(struct ly_kioskdb *db, sqlite3_stmt *st, char *err, size_t errsz)
{
    return ly_sqldb_step_done(&db->stmts, db->db, st, err, errsz);
}

/* Steps a lookup: *found on a row; false (with err) only on a database error. The caller
 * releases st. */
static inline bool kdb_step_row(struct ly_kioskdb *db, sqlite3_stmt *st, bool *found, char *err,
                                size_t errsz)
{
    int rc = sqlite3_step(st);
    *found = rc == SQLITE_ROW;
    return rc == SQLITE_ROW || rc == SQLITE_DONE
               ? true
               : ly_sqldb_fail(err, errsz, "database: %s", sqlite3_errmsg(db->db));
}

/* The journal's columns, in the order ly_kioskdb_row_checkin reads them. */
#define LY_CHECKIN_COLS                                                                            \
    "uuid, seq, kiosk_id, wall_time, mono_time, gate, attendee_id, code_kind, decision, "          \
    "reason, place, direction, sent, reason_code, staff_note"

/* Copies the current row of a "SELECT " LY_CHECKIN_COLS statement into *out. */
void ly_kioskdb_row_checkin(sqlite3_stmt *st, struct ly_checkin *out);

/* The attendee columns, in the order ly_kioskdb_row_attendee reads them. */
#define LY_ATTENDEE_COLS                                                                           \
    "id, badge_version, revoked, assistance, name, name_latin, category, country, region, "        \
    "stakeholder, attendance, language"

/* Copies the current row of a "SELECT " LY_ATTENDEE_COLS statement into *out. */
void ly_kioskdb_row_attendee(sqlite3_stmt *st, struct ly_kiosk_attendee *out);

/* Search keys (kioskdb_staff.c). The key of a name: fold(name), then fold(name_latin) when it
 * adds anything, one space between. */
void ly_kioskdb_search_key(const char *name, const char *name_latin,
                           char key[LY_SEARCH_KEY_MAX + 1]);

/* Replaces attendee id's rows in search_words by the distinct words of key. Inside the
 * caller's transaction, if any. */
bool ly_kioskdb_index_words(struct ly_kioskdb *db, uint32_t id, const char *key, char *err,
                            size_t errsz);

/* Keys the attendees whose keys were made by an older fold (meta 'search_fold' below
 * LY_FOLD_VERSION; 0 right after migration 3), in one transaction that also records the
 * version: an interrupted run leaves nothing half done and runs again at the next open; a
 * finished one is not repeated. */
bool ly_kioskdb_search_backfill(struct ly_kioskdb *db, char *err, size_t errsz);

/* Fails with err unless s (an array of sz bytes) holds its NUL. */
bool ly_kioskdb_terminated(const char *s, size_t sz, const char *what, char *err, size_t errsz);

#endif
