/* kioskdb_rules.c - the gate rules in the kiosk database: opening hours and notices. See
 * kioskdb_rules.h. */
#include "kioskdb/kioskdb_rules.h"

#include <sqlite3.h>

#include "event/records_sql.h"
#include "kioskdb/kioskdb_int.h"

bool ly_kioskdb_clear_rules(struct ly_kioskdb *db, char *err, size_t errsz)
{
    return ly_sqldb_exec(&db->sql, "DELETE FROM opening_hours; DELETE FROM notices", err, errsz);
}

bool ly_kioskdb_put_hours(struct ly_kioskdb *db, const struct ly_kiosk_hours *h, char *err,
                          size_t errsz)
{
    sqlite3_stmt *st;
    if (!ly_sqldb_terminated(h->day, sizeof h->day, "day", err, errsz) ||
        !ly_sqldb_terminated(h->opens, sizeof h->opens, "opening time", err, errsz) ||
        !ly_sqldb_terminated(h->closes, sizeof h->closes, "closing time", err, errsz) ||
        !ly_sqldb_prepare(&db->sql,
                          "INSERT INTO opening_hours (day, opens, closes) VALUES (?1, ?2, ?3) "
                          "ON CONFLICT (day) DO UPDATE SET opens = ?2, closes = ?3",
                          &st, err, errsz))
        return false;
    sqlite3_bind_text(st, 1, h->day, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, h->opens, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 3, h->closes, -1, SQLITE_STATIC);
    return ly_sqldb_step_done(&db->sql, st, err, errsz);
}

bool ly_kioskdb_put_notice(struct ly_kioskdb *db, const struct ly_kiosk_notice *n, char *err,
                           size_t errsz)
{
    sqlite3_stmt *st;
    if (!ly_sqldb_terminated(n->place, sizeof n->place, "notice place", err, errsz) ||
        !ly_sqldb_terminated(n->category, sizeof n->category, "notice category", err, errsz) ||
        !ly_sqldb_terminated(n->text, sizeof n->text, "notice text", err, errsz) ||
        !ly_sqldb_prepare(&db->sql,
                          "INSERT INTO notices (id, place, category, text) VALUES (?1, ?2, ?3, ?4) "
                          "ON CONFLICT (id) DO UPDATE SET place = ?2, category = ?3, text = ?4",
                          &st, err, errsz))
        return false;
    sqlite3_bind_int64(st, 1, n->id);
    sqlite3_bind_text(st, 2, n->place, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 3, n->category, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 4, n->text, -1, SQLITE_STATIC);
    return ly_sqldb_step_done(&db->sql, st, err, errsz);
}

bool ly_kioskdb_hours(struct ly_kioskdb *db, const char *day, struct ly_kiosk_hours *out,
                      bool *found, bool *any, char *err, size_t errsz)
{
    sqlite3_stmt *st;
    if (!ly_sqldb_prepare(&db->sql,
                          "SELECT day, opens, closes, (SELECT count(*) FROM opening_hours) "
                          "FROM (SELECT 1) LEFT JOIN opening_hours ON day = ?",
                          &st, err, errsz))
        return false;
    sqlite3_bind_text(st, 1, day, -1, SQLITE_STATIC);
    bool row, ok = ly_sqldb_step_row(&db->sql, st, &row, err, errsz);
    *found = *any = false;
    if (ok && row) {
        *any = sqlite3_column_int64(st, 3) > 0;
        *found = sqlite3_column_type(st, 0) != SQLITE_NULL;
        if (*found)
            ly_records_hours_row(st, 0, out);
    }
    ly_sqldb_release(&db->sql, st);
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
    if (!ly_sqldb_prepare(
            &db->sql,
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
    while ((ok = ly_sqldb_step_row(&db->sql, st, &row, err, errsz)) && row && *n < max)
        ly_records_notice_row(st, 0, &out[(*n)++]);
    ly_sqldb_release(&db->sql, st);
    return ok;
}
