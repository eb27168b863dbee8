/* kioskdb_records.c - the synced records of the kiosk database: lookups for the decision path,
 * puts and deletions for the snapshot and the sync client. See kioskdb_records.h. */
#include "kioskdb/kioskdb_records.h"

#include <sqlite3.h>
#include <stdio.h>
#include <string.h>

#include "common/num.h"
#include "event/records_sql.h"
#include "kioskdb/kioskdb_int.h"
#include "kioskdb/kioskdb_keyproof.h"
#include "kioskdb/kioskdb_sealed.h"
#include "kioskdb/kioskdb_secret.h"
#include "kioskdb/kioskdb_words.h"

/* The attendee columns, in the order row_attendee reads them. */
#define ATTENDEE_COLS                                                                              \
    "id, badge_version, revoked, assistance, name, name_latin, category, country, region, "        \
    "stakeholder, attendance, language, badge_key, picked_up, sealed"

bool ly_kioskdb_event(struct ly_kioskdb *db, struct ly_event *out, bool *found, char *err,
                      size_t errsz)
{
    sqlite3_stmt *st;
    if (!ly_sqldb_prepare(&db->sql, "SELECT id, name, starts, ends, timezone FROM event LIMIT 1",
                          &st, err, errsz))
        return false;
    bool ok = ly_sqldb_step_row(&db->sql, st, found, err, errsz);
    if (ok && *found)
        ly_records_event_row(st, 0, out);
    ly_sqldb_release(&db->sql, st);
    return ok;
}

bool ly_kioskdb_public_keys(struct ly_kioskdb *db, struct ly_badge_key *keys, size_t max, size_t *n,
                            char *err, size_t errsz)
{
    return ly_sqldb_public_keys(&db->sql,
                                "SELECT key_id, public_key FROM public_keys ORDER BY key_id", keys,
                                max, n, err, errsz);
}

/* Copies the current row of a "SELECT " ATTENDEE_COLS statement into *out. */
static void row_attendee(sqlite3_stmt *st, struct ly_kiosk_attendee *out)
{
    memset(out, 0, sizeof *out);
    out->id = (uint32_t)sqlite3_column_int64(st, 0);
    out->badge_version = (uint16_t)sqlite3_column_int(st, 1);
    out->revoked = sqlite3_column_int(st, 2) != 0;
    out->assistance = sqlite3_column_int(st, 3) != 0;
    ly_sqldb_copy_col(st, 4, out->name, sizeof out->name);
    ly_sqldb_copy_col(st, 5, out->name_latin, sizeof out->name_latin);
    ly_sqldb_copy_col(st, 6, out->category, sizeof out->category);
    ly_sqldb_copy_col(st, 7, out->country, sizeof out->country);
    out->badge_key = (uint32_t)sqlite3_column_int64(st, 12);
    ly_sqldb_copy_col(st, 8, out->region, sizeof out->region);
    ly_sqldb_copy_col(st, 9, out->stakeholder, sizeof out->stakeholder);
    ly_sqldb_copy_col(st, 10, out->attendance, sizeof out->attendance);
    ly_sqldb_copy_col(st, 11, out->language, sizeof out->language);
    out->picked_up = sqlite3_column_int(st, 13) != 0;
    ly_sqldb_copy_col(st, 14, out->sealed, sizeof out->sealed);
    if (out->sealed[0] != '\0') /* a sealed row's country is a placeholder */
        out->country[0] = '\0';
}

bool ly_kioskdb_attendee(struct ly_kioskdb *db, uint32_t id, struct ly_kiosk_attendee *out,
                         bool *found, char *err, size_t errsz)
{
    sqlite3_stmt *st;
    if (!ly_sqldb_prepare(&db->sql, "SELECT " ATTENDEE_COLS " FROM attendees WHERE id = ?", &st,
                          err, errsz))
        return false;
    sqlite3_bind_int64(st, 1, id);
    bool ok = ly_sqldb_step_row(&db->sql, st, found, err, errsz);
    if (ok && *found)
        row_attendee(st, out);
    ly_sqldb_release(&db->sql, st);
    return ok;
}

bool ly_kioskdb_find_alt_code(struct ly_kioskdb *db, const char *code, uint32_t *id, char *err,
                              size_t errsz)
{
    sqlite3_stmt *st;
    bool found;
    uint8_t h[LY_KIOSKDB_CODE_HASH];
    *id = 0;
    if (!db->kiosk) {
        if (!ly_sqldb_prepare(&db->sql, "SELECT attendee_id FROM alt_codes WHERE code = ?", &st,
                              err, errsz))
            return false;
        sqlite3_bind_text(st, 1, code, -1, SQLITE_STATIC);
    } else {
        /* A kiosk holds hashes only: the scanned code is hashed and looked up. */
        if (!ly_kioskdb_code_hash(db, code, h, err, errsz) ||
            !ly_sqldb_prepare(&db->sql, "SELECT attendee_id FROM code_hashes WHERE hash = ?", &st,
                              err, errsz))
            return false;
        sqlite3_bind_blob(st, 1, h, sizeof h, SQLITE_STATIC);
    }
    bool ok = ly_sqldb_step_row(&db->sql, st, &found, err, errsz);
    *id = ok && found ? (uint32_t)sqlite3_column_int64(st, 0) : 0;
    ly_sqldb_release(&db->sql, st);
    return ok;
}

bool ly_kioskdb_room(struct ly_kioskdb *db, int64_t id, struct ly_kiosk_room *out, bool *found,
                     char *err, size_t errsz)
{
    sqlite3_stmt *st;
    if (!ly_sqldb_prepare(&db->sql, "SELECT id, name, capacity, location FROM rooms WHERE id = ?",
                          &st, err, errsz))
        return false;
    sqlite3_bind_int64(st, 1, id);
    bool ok = ly_sqldb_step_row(&db->sql, st, found, err, errsz);
    if (ok && *found) {
        out->id = sqlite3_column_int64(st, 0);
        ly_sqldb_copy_col(st, 1, out->name, sizeof out->name);
        out->capacity = sqlite3_column_int(st, 2);
        ly_sqldb_copy_col(st, 3, out->location, sizeof out->location);
    }
    ly_sqldb_release(&db->sql, st);
    return ok;
}

bool ly_kioskdb_rooms(struct ly_kioskdb *db, struct ly_kiosk_room *out, size_t max, size_t *n,
                      char *err, size_t errsz)
{
    sqlite3_stmt *st;
    *n = 0;
    if (!ly_sqldb_prepare(&db->sql,
                          "SELECT id, name, capacity, location FROM rooms ORDER BY name, id", &st,
                          err, errsz))
        return false;
    bool ok = true, found = true;
    while (*n < max && (ok = ly_sqldb_step_row(&db->sql, st, &found, err, errsz)) && found) {
        out[*n].id = sqlite3_column_int64(st, 0);
        ly_sqldb_copy_col(st, 1, out[*n].name, sizeof out[*n].name);
        out[*n].capacity = sqlite3_column_int(st, 2);
        ly_sqldb_copy_col(st, 3, out[*n].location, sizeof out[*n].location);
        (*n)++;
    }
    ly_sqldb_release(&db->sql, st);
    return ok;
}

#define SESSION_SELECT                                                                             \
    "SELECT id, ext_id, title, type, room_id, starts, ends, capacity, categories, slips, "         \
    "overflow_room_id, online_url FROM sessions "

bool ly_kioskdb_session(struct ly_kioskdb *db, int64_t id, const char *ext_id,
                        struct ly_kiosk_session *out, bool *found, char *err, size_t errsz)
{
    sqlite3_stmt *st;
    if (!ly_sqldb_prepare(
            &db->sql, ext_id ? SESSION_SELECT "WHERE ext_id = ?" : SESSION_SELECT "WHERE id = ?",
            &st, err, errsz))
        return false;
    if (ext_id)
        sqlite3_bind_text(st, 1, ext_id, -1, SQLITE_STATIC);
    else
        sqlite3_bind_int64(st, 1, id);
    bool ok = ly_sqldb_step_row(&db->sql, st, found, err, errsz);
    if (ok && *found) {
        out->id = sqlite3_column_int64(st, 0);
        ly_sqldb_copy_col(st, 1, out->ext_id, sizeof out->ext_id);
        ly_sqldb_copy_col(st, 2, out->title, sizeof out->title);
        ly_sqldb_copy_col(st, 3, out->type, sizeof out->type);
        out->room_id = sqlite3_column_int64(st, 4);
        ly_sqldb_copy_col(st, 5, out->starts, sizeof out->starts);
        ly_sqldb_copy_col(st, 6, out->ends, sizeof out->ends);
        out->capacity = sqlite3_column_int(st, 7);
        ly_sqldb_copy_col(st, 8, out->categories, sizeof out->categories);
        out->slips = sqlite3_column_int(st, 9) != 0;
        out->overflow_room_id = sqlite3_column_int64(st, 10);
        ly_sqldb_copy_col(st, 11, out->online_url, sizeof out->online_url);
    }
    ly_sqldb_release(&db->sql, st);
    return ok;
}

bool ly_kioskdb_room_by_name(struct ly_kioskdb *db, const char *name, struct ly_kiosk_room *out,
                             bool *found, char *err, size_t errsz)
{
    sqlite3_stmt *st;
    if (!ly_sqldb_prepare(&db->sql, "SELECT id FROM rooms WHERE name = ?", &st, err, errsz))
        return false;
    sqlite3_bind_text(st, 1, name, -1, SQLITE_STATIC);
    bool ok = ly_sqldb_step_row(&db->sql, st, found, err, errsz);
    int64_t id = ok && *found ? sqlite3_column_int64(st, 0) : 0;
    ly_sqldb_release(&db->sql, st);
    return ok && *found ? ly_kioskdb_room(db, id, out, found, err, errsz) : ok;
}

bool ly_kioskdb_session_in_room(struct ly_kioskdb *db, int64_t room_id, const char *from,
                                const char *until, struct ly_kiosk_session *out, bool *found,
                                char *err, size_t errsz)
{
    sqlite3_stmt *st;
    if (!ly_sqldb_prepare(&db->sql,
                          "SELECT id FROM sessions WHERE room_id = ? AND ends > ? AND starts <= ? "
                          "ORDER BY starts, id LIMIT 1",
                          &st, err, errsz))
        return false;
    sqlite3_bind_int64(st, 1, room_id);
    sqlite3_bind_text(st, 2, from, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 3, until, -1, SQLITE_STATIC);
    bool ok = ly_sqldb_step_row(&db->sql, st, found, err, errsz);
    int64_t id = ok && *found ? sqlite3_column_int64(st, 0) : 0;
    ly_sqldb_release(&db->sql, st);
    return ok && *found ? ly_kioskdb_session(db, id, NULL, out, found, err, errsz) : ok;
}

bool ly_kioskdb_room_has_sessions(struct ly_kioskdb *db, int64_t room_id, bool *any, char *err,
                                  size_t errsz)
{
    sqlite3_stmt *st;
    if (!ly_sqldb_prepare(&db->sql, "SELECT 1 FROM sessions WHERE room_id = ? LIMIT 1", &st, err,
                          errsz))
        return false;
    sqlite3_bind_int64(st, 1, room_id);
    bool ok = ly_sqldb_step_row(&db->sql, st, any, err, errsz);
    ly_sqldb_release(&db->sql, st);
    return ok;
}

bool ly_kioskdb_put_event(struct ly_kioskdb *db, const struct ly_event *ev, char *err, size_t errsz)
{
    sqlite3_stmt *st;
    if (!ly_sqldb_terminated(ev->name, sizeof ev->name, "event name", err, errsz) ||
        !ly_sqldb_terminated(ev->starts, sizeof ev->starts, "event start", err, errsz) ||
        !ly_sqldb_terminated(ev->ends, sizeof ev->ends, "event end", err, errsz) ||
        !ly_sqldb_terminated(ev->timezone, sizeof ev->timezone, "time zone", err, errsz))
        return false;
    /* A kiosk serves one event: replacing it replaces the row. */
    if (!ly_sqldb_exec(&db->sql, "DELETE FROM event", err, errsz) ||
        !ly_sqldb_prepare(&db->sql,
                          "INSERT INTO event (id, name, starts, ends, timezone) VALUES (?,?,?,?,?)",
                          &st, err, errsz))
        return false;
    sqlite3_bind_int64(st, 1, ev->id);
    sqlite3_bind_text(st, 2, ev->name, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 3, ev->starts, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 4, ev->ends, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 5, ev->timezone, -1, SQLITE_STATIC);
    return ly_sqldb_step_done(&db->sql, st, err, errsz);
}

bool ly_kioskdb_put_key(struct ly_kioskdb *db, const struct ly_badge_key *key, char *err,
                        size_t errsz)
{
    sqlite3_stmt *st;
    if (!ly_sqldb_prepare(&db->sql,
                          "INSERT INTO public_keys (key_id, public_key) VALUES (?1, ?2) "
                          "ON CONFLICT (key_id) DO UPDATE SET public_key = ?2, certificate = "
                          "NULL, id_first = 0, id_last = 0",
                          &st, err, errsz))
        return false;
    sqlite3_bind_int64(st, 1, key->key_id);
    sqlite3_bind_blob(st, 2, key->pk, LY_BADGE_PK_BYTES, SQLITE_STATIC);
    return ly_sqldb_step_done(&db->sql, st, err, errsz);
}

bool ly_kioskdb_put_key_proof(struct ly_kioskdb *db, const struct ly_key_proof *p, char *err,
                              size_t errsz)
{
    sqlite3_stmt *st;
    if (!ly_sqldb_prepare(&db->sql,
                          "INSERT INTO public_keys (key_id, public_key, certificate, id_first, "
                          "id_last) VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT (key_id) DO UPDATE "
                          "SET public_key = ?2, certificate = ?3, id_first = ?4, id_last = ?5",
                          &st, err, errsz))
        return false;
    ly_kioskdb_bind_key_proof(st, p);
    sqlite3_bind_int64(st, 4, p->certified ? p->id_first : 0);
    sqlite3_bind_int64(st, 5, p->certified ? p->id_last : 0);
    return ly_sqldb_step_done(&db->sql, st, err, errsz);
}

bool ly_kioskdb_put_attendee(struct ly_kioskdb *db, const struct ly_kiosk_attendee *a, char *err,
                             size_t errsz)
{
    const char *text[] = {a->name,   a->name_latin,  a->category,   a->country,
                          a->region, a->stakeholder, a->attendance, a->language};
    const size_t size[] = {sizeof a->name,       sizeof a->name_latin, sizeof a->category,
                           sizeof a->country,    sizeof a->region,     sizeof a->stakeholder,
                           sizeof a->attendance, sizeof a->language};
    char key[LY_SEARCH_KEY_MAX + 1];
    sqlite3_stmt *st;
    bool sealed = a->sealed[0] != '\0';
    for (size_t i = 0; i < sizeof text / sizeof text[0]; i++) {
        if (!ly_sqldb_terminated(text[i], size[i], "attendee field", err, errsz))
            return false;
        /* Sealed details come with their clear fields empty; the decision's stay in clear. */
        if (sealed && text[i][0] != '\0' && text[i] != a->category && text[i] != a->attendance)
            return ly_sqldb_fail(err, errsz, "attendee %u: sealed details with clear ones",
                                 (unsigned)a->id);
    }
    if (sealed && !ly_sealed_valid(a->sealed))
        return ly_sqldb_fail(err, errsz, "attendee %u: the sealed details are damaged",
                             (unsigned)a->id);
    if (sealed) {
        text[3] = "--"; /* the country column's check wants two bytes */
        key[0] = '\0';  /* no name, no search key, no words */
    } else {
        ly_kioskdb_search_key(a->name, a->name_latin, key);
    }
    /* An upsert, not INSERT OR REPLACE: a replace would delete the row and cascade to the
     * attendee's ticket codes. */
    if (!ly_sqldb_prepare(
            &db->sql,
            "INSERT INTO attendees (id, badge_version, revoked, assistance, name, "
            "name_latin, category, country, region, stakeholder, attendance, language, "
            "search_key, badge_key, picked_up, sealed) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, "
            "?10, ?11, ?12, ?13, ?14, ?15, ?16) "
            /* The badge version is the winner of this kiosk's and the hub's (a reprint made
             * here may not have reached the hub yet): the higher version, then the higher key
             * id (docs/badge-format.md, "Reprints"). */
            "ON CONFLICT (id) DO UPDATE SET "
            "badge_key = CASE WHEN ?2 > badge_version OR (?2 = badge_version AND ?14 > badge_key) "
            "THEN ?14 ELSE badge_key END, badge_version = max(badge_version, ?2), revoked = ?3, "
            "assistance = ?4, name = ?5, name_latin = ?6, category = ?7, country = ?8, "
            "region = ?9, stakeholder = ?10, attendance = ?11, language = ?12, "
            "search_key = ?13, picked_up = max(picked_up, ?15), sealed = ?16",
            &st, err, errsz))
        return false;
    sqlite3_bind_int64(st, 1, a->id);
    sqlite3_bind_int(st, 2, a->badge_version);
    sqlite3_bind_int(st, 3, a->revoked);
    sqlite3_bind_int(st, 4, sealed ? 0 : a->assistance);
    for (int i = 0; i < 8; i++)
        sqlite3_bind_text(st, 5 + i, text[i], -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 13, key, -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 14, a->badge_key);
    sqlite3_bind_int(st, 15, a->picked_up);
    sqlite3_bind_text(st, 16, a->sealed, -1, SQLITE_STATIC);
    return ly_sqldb_step_done(&db->sql, st, err, errsz) &&
           ly_kioskdb_index_words(db, a->id, key, err, errsz);
}

bool ly_kioskdb_put_alt_code(struct ly_kioskdb *db, const char *code, uint32_t attendee_id,
                             char *err, size_t errsz)
{
    sqlite3_stmt *st;
    uint8_t h[LY_KIOSKDB_CODE_HASH];
    if (code[0] == '\0' || strlen(code) > LY_ALT_CODE_MAX)
        return ly_sqldb_fail(err, errsz, "ticket code must be 1 to %d bytes", LY_ALT_CODE_MAX);
    if (!db->kiosk) { /* a snapshot being written: the kiosk hashes it when it takes it */
        if (!ly_sqldb_prepare(&db->sql,
                              "INSERT INTO alt_codes (code, attendee_id) VALUES (?1, ?2) "
                              "ON CONFLICT (code) DO UPDATE SET attendee_id = ?2",
                              &st, err, errsz))
            return false;
        sqlite3_bind_text(st, 1, code, -1, SQLITE_STATIC);
    } else {
        if (!ly_kioskdb_code_hash(db, code, h, err, errsz) ||
            !ly_sqldb_prepare(&db->sql,
                              "INSERT INTO code_hashes (hash, attendee_id) VALUES (?1, ?2) "
                              "ON CONFLICT (hash) DO UPDATE SET attendee_id = ?2",
                              &st, err, errsz))
            return false;
        sqlite3_bind_blob(st, 1, h, sizeof h, SQLITE_STATIC);
    }
    sqlite3_bind_int64(st, 2, attendee_id);
    return ly_sqldb_step_done(&db->sql, st, err, errsz);
}

bool ly_kioskdb_put_room(struct ly_kioskdb *db, const struct ly_kiosk_room *r, char *err,
                         size_t errsz)
{
    sqlite3_stmt *st;
    if (!ly_sqldb_terminated(r->name, sizeof r->name, "room name", err, errsz) ||
        !ly_sqldb_terminated(r->location, sizeof r->location, "room location", err, errsz) ||
        !ly_sqldb_prepare(
            &db->sql,
            "INSERT INTO rooms (id, name, capacity, location) VALUES (?1, ?2, ?3, ?4) "
            "ON CONFLICT (id) DO UPDATE SET name = ?2, capacity = ?3, location = ?4",
            &st, err, errsz))
        return false;
    sqlite3_bind_int64(st, 1, r->id);
    sqlite3_bind_text(st, 2, r->name, -1, SQLITE_STATIC);
    sqlite3_bind_int(st, 3, r->capacity);
    sqlite3_bind_text(st, 4, r->location, -1, SQLITE_STATIC);
    return ly_sqldb_step_done(&db->sql, st, err, errsz);
}

bool ly_kioskdb_put_session(struct ly_kioskdb *db, const struct ly_kiosk_session *s, char *err,
                            size_t errsz)
{
    sqlite3_stmt *st;
    if (!ly_sqldb_terminated(s->ext_id, sizeof s->ext_id, "session id", err, errsz) ||
        !ly_sqldb_terminated(s->title, sizeof s->title, "session title", err, errsz) ||
        !ly_sqldb_terminated(s->type, sizeof s->type, "session type", err, errsz) ||
        !ly_sqldb_terminated(s->starts, sizeof s->starts, "session start", err, errsz) ||
        !ly_sqldb_terminated(s->ends, sizeof s->ends, "session end", err, errsz) ||
        !ly_sqldb_terminated(s->categories, sizeof s->categories, "session categories", err,
                             errsz) ||
        !ly_sqldb_terminated(s->online_url, sizeof s->online_url, "session link", err, errsz))
        return false;
    if (!ly_sqldb_prepare(
            &db->sql,
            "INSERT INTO sessions (id, ext_id, title, type, room_id, starts, ends, capacity, "
            "categories, slips, overflow_room_id, online_url) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, "
            "?8, ?9, ?10, ?11, ?12) ON CONFLICT (id) DO UPDATE SET ext_id = ?2, title = ?3, "
            "type = ?4, room_id = ?5, starts = ?6, ends = ?7, capacity = ?8, categories = ?9, "
            "slips = ?10, overflow_room_id = ?11, online_url = ?12",
            &st, err, errsz))
        return false;
    sqlite3_bind_int64(st, 1, s->id);
    sqlite3_bind_text(st, 2, s->ext_id, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 3, s->title, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 4, s->type, -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 5, s->room_id);
    sqlite3_bind_text(st, 6, s->starts, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 7, s->ends, -1, SQLITE_STATIC);
    sqlite3_bind_int(st, 8, s->capacity);
    sqlite3_bind_text(st, 9, s->categories, -1, SQLITE_STATIC);
    sqlite3_bind_int(st, 10, s->slips);
    sqlite3_bind_int64(st, 11, s->overflow_room_id);
    sqlite3_bind_text(st, 12, s->online_url, -1, SQLITE_STATIC);
    return ly_sqldb_step_done(&db->sql, st, err, errsz);
}

/* Runs a statement taking one integer parameter. */
static bool run1(struct ly_kioskdb *db, const char *sql, int64_t n, char *err, size_t errsz)
{
    sqlite3_stmt *st;
    if (!ly_sqldb_prepare(&db->sql, sql, &st, err, errsz))
        return false;
    sqlite3_bind_int64(st, 1, n);
    return ly_sqldb_step_done(&db->sql, st, err, errsz);
}

bool ly_kioskdb_delete_attendee(struct ly_kioskdb *db, uint32_t id, char *err, size_t errsz)
{
    /* Its ticket codes go with it (ON DELETE CASCADE); its check-ins stay in the journal. */
    return run1(db, "DELETE FROM attendees WHERE id = ?", id, err, errsz);
}

bool ly_kioskdb_delete_alt_codes(struct ly_kioskdb *db, uint32_t attendee_id, char *err,
                                 size_t errsz)
{
    return run1(db, "DELETE FROM alt_codes WHERE attendee_id = ?", attendee_id, err, errsz) &&
           run1(db, "DELETE FROM code_hashes WHERE attendee_id = ?", attendee_id, err, errsz);
}

bool ly_kioskdb_delete_room(struct ly_kioskdb *db, int64_t id, char *err, size_t errsz)
{
    /* A session cannot outlive its room. */
    return run1(db, "DELETE FROM sessions WHERE room_id = ?", id, err, errsz) &&
           run1(db, "DELETE FROM rooms WHERE id = ?", id, err, errsz);
}

bool ly_kioskdb_delete_session(struct ly_kioskdb *db, int64_t id, char *err, size_t errsz)
{
    return run1(db, "DELETE FROM sessions WHERE id = ?", id, err, errsz);
}

bool ly_kioskdb_delete_key(struct ly_kioskdb *db, uint32_t key_id, char *err, size_t errsz)
{
    return run1(db, "DELETE FROM public_keys WHERE key_id = ?", key_id, err, errsz);
}

void ly_kioskdb_place_label(struct ly_kioskdb *db, const char *place, char *out, size_t outsz)
{
    char err[256];
    bool found = false;
    int64_t id;
    out[0] = '\0';
    if (strncmp(place, "session:", 8) == 0) {
        struct ly_kiosk_session s;
        if (ly_kioskdb_session(db, 0, place + 8, &s, &found, err, sizeof err) && found)
            snprintf(out, outsz, "%s", s.title);
    } else if (strncmp(place, "room:", 5) == 0 && ly_num_int(place + 5, 0, INT64_MAX, &id)) {
        struct ly_kiosk_room r;
        if (ly_kioskdb_room(db, id, &r, &found, err, sizeof err) && found)
            snprintf(out, outsz, "%s", r.name);
    }
}
