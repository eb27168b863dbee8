/* kioskdb_words.c - the attendees' search keys in the kiosk database and their words, the index
 * staff mode's search by name reads (kioskdb_staff.c). See kioskdb_words.h. */
#include "kioskdb/kioskdb_words.h"

#include <sqlite3.h>
#include <stdio.h>
#include <string.h>

#include "common/fold.h"
#include "kioskdb/kioskdb_int.h"

void ly_kioskdb_search_key(const char *name, const char *name_latin,
                           char key[LY_SEARCH_KEY_MAX + 1])
{
    char latin[LY_SEARCH_KEY_MAX + 1];
    size_t n = ly_fold(name, key, LY_SEARCH_KEY_MAX + 1);
    size_t l = ly_fold(name_latin, latin, sizeof latin);
    if (l == 0 || strcmp(latin, key) == 0)
        return;
    snprintf(key + n, LY_SEARCH_KEY_MAX + 1 - n, "%s%s", n ? " " : "", latin);
}

bool ly_kioskdb_index_words(struct ly_kioskdb *db, uint32_t id, const char *key, char *err,
                            size_t errsz)
{
    sqlite3_stmt *st;
    if (!ly_sqldb_prepare(&db->sql, "DELETE FROM search_words WHERE attendee_id = ?", &st, err,
                          errsz))
        return false;
    sqlite3_bind_int64(st, 1, id);
    if (!ly_sqldb_step_done(&db->sql, st, err, errsz))
        return false;
    for (const char *w = key; *w;) {
        size_t len = strcspn(w, " ");
        if (!ly_sqldb_prepare(
                &db->sql, "INSERT OR IGNORE INTO search_words (word, attendee_id) VALUES (?, ?)",
                &st, err, errsz))
            return false;
        sqlite3_bind_text(st, 1, w, (int)len, SQLITE_STATIC);
        sqlite3_bind_int64(st, 2, id);
        if (!ly_sqldb_step_done(&db->sql, st, err, errsz))
            return false;
        w += len;
        w += strspn(w, " ");
    }
    return true;
}

/* Keys the attendee after after_id (by id), if any: *id is 0 when none is left. */
static bool backfill_next(struct ly_kioskdb *db, uint32_t after_id, uint32_t *id, char *err,
                          size_t errsz)
{
    sqlite3_stmt *st;
    char key[LY_SEARCH_KEY_MAX + 1], name[LY_NAME_MAX + 1], latin[LY_NAME_MAX + 1];
    bool found;
    *id = 0;
    if (!ly_sqldb_prepare(
            &db->sql, "SELECT id, name, name_latin FROM attendees WHERE id > ? ORDER BY id LIMIT 1",
            &st, err, errsz))
        return false;
    sqlite3_bind_int64(st, 1, after_id);
    bool ok = ly_sqldb_step_row(&db->sql, st, &found, err, errsz);
    if (ok && found) {
        *id = (uint32_t)sqlite3_column_int64(st, 0);
        ly_sqldb_copy_col(st, 1, name, sizeof name);
        ly_sqldb_copy_col(st, 2, latin, sizeof latin);
    }
    ly_sqldb_release(&db->sql, st);
    if (!ok || *id == 0)
        return ok;
    ly_kioskdb_search_key(name, latin, key);
    if (!ly_sqldb_prepare(&db->sql, "UPDATE attendees SET search_key = ? WHERE id = ?", &st, err,
                          errsz))
        return false;
    sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 2, *id);
    return ly_sqldb_step_done(&db->sql, st, err, errsz) &&
           ly_kioskdb_index_words(db, *id, key, err, errsz);
}

bool ly_kioskdb_search_backfill(struct ly_kioskdb *db, char *err, size_t errsz)
{
    sqlite3_stmt *st;
    bool found;
    int64_t version = 0;
    if (!ly_sqldb_prepare(&db->sql, "SELECT value FROM meta WHERE key = 'search_fold'", &st, err,
                          errsz))
        return false;
    bool ok = ly_sqldb_step_row(&db->sql, st, &found, err, errsz);
    if (ok && found)
        version = sqlite3_column_int64(st, 0);
    ly_sqldb_release(&db->sql, st);
    if (!ok || version >= LY_FOLD_VERSION)
        return ok;
    if (!ly_sqldb_begin(&db->sql, err, errsz))
        return false;
    uint32_t id = 0;
    do {
        if (!backfill_next(db, id, &id, err, errsz))
            goto fail;
    } while (id != 0);
    if (!ly_sqldb_prepare(&db->sql, "UPDATE meta SET value = ? WHERE key = 'search_fold'", &st, err,
                          errsz))
        goto fail;
    sqlite3_bind_int64(st, 1, LY_FOLD_VERSION);
    if (ly_sqldb_step_done(&db->sql, st, err, errsz) && ly_sqldb_commit(&db->sql, err, errsz))
        return true;
fail:
    ly_sqldb_rollback(&db->sql);
    return false;
}
