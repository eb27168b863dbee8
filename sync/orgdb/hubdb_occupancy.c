/* hubdb_occupancy.c - the hub's occupancy on the organizer database, kept at each push
 * (docs/gates.md, "Occupancy"): each attendee's one current place inside the venue
 * (whereabouts), the hub time of the latest movement that changed who is in each place
 * (place_moves), and the counts kiosks sync (occupancy). See hubdb_hub.h. */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "counts/moved.h"
#include "gate/gate_occupancy.h"
#include "gate/gate_time.h"
#include "orgdb/hubdb_hub.h"
#include "orgdb/hubdb_int.h"

int64_t ly_hubdb_day_start(int64_t ms)
{
    time_t t = (time_t)(ms / 1000);
    struct tm tm;
    char day[11];
    localtime_r(&t, &tm);
    strftime(day, sizeof day, "%Y-%m-%d", &tm);
    return ly_gate_local_ms(day);
}

bool ly_hubdb_whereabouts(struct ly_hubdb *db, const struct ly_checkin *c, int64_t t_ms,
                          char left[LY_GATE_MAX + 1], char *err, size_t errsz)
{
    sqlite3_stmt *st;
    bool found;
    char was[LY_GATE_MAX + 1] = "";
    int64_t was_t = 0;
    int was_dir = 0;
    left[0] = '\0';
    if (!ly_sqldb_prepare(&db->sql,
                          "SELECT place, direction, t_ms FROM whereabouts WHERE attendee_id = ?",
                          &st, err, errsz))
        return false;
    sqlite3_bind_int64(st, 1, c->attendee_id);
    bool ok = ly_sqldb_step_row(&db->sql, st, &found, err, errsz);
    if (ok && found) {
        ly_sqldb_copy_col(st, 0, was, sizeof was);
        was_dir = sqlite3_column_int(st, 1);
        was_t = sqlite3_column_int64(st, 2);
    }
    ly_sqldb_release(&db->sql, st);
    if (!ok)
        return false;
    /* A movement older than the one recorded (a kiosk that was offline) changes nothing. */
    if (found && was_t > t_ms)
        return true;
    if (found && was_dir > 0 && strcmp(was, c->place) != 0)
        snprintf(left, LY_GATE_MAX + 1, "%s", was);
    if (!ly_sqldb_prepare(&db->sql,
                          "INSERT INTO whereabouts (attendee_id, place, direction, t_ms) "
                          "VALUES (?1, ?2, ?3, ?4) ON CONFLICT (attendee_id) DO UPDATE SET "
                          "place = ?2, direction = ?3, t_ms = ?4",
                          &st, err, errsz))
        return false;
    sqlite3_bind_int64(st, 1, c->attendee_id);
    sqlite3_bind_text(st, 2, c->place, -1, SQLITE_STATIC);
    sqlite3_bind_int(st, 3, c->direction);
    sqlite3_bind_int64(st, 4, t_ms);
    return ly_sqldb_step_done(&db->sql, st, err, errsz);
}

bool ly_hubdb_place_moved(struct ly_hubdb *db, const char *place, int64_t t_ms, char *err,
                          size_t errsz)
{
    sqlite3_stmt *st;
    if (!ly_sqldb_prepare(&db->sql,
                          "INSERT INTO place_moves (place, t_ms) VALUES (?1, ?2) ON CONFLICT "
                          "(place) DO UPDATE SET t_ms = max(t_ms, ?2)",
                          &st, err, errsz))
        return false;
    sqlite3_bind_text(st, 1, place, -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 2, t_ms);
    return ly_sqldb_step_done(&db->sql, st, err, errsz);
}

/* Runs sql with place bound to ?1 and num to ?2 (when it has one) and sets *out to its first
 * column (0 without a row). */
static bool place_scalar(struct ly_hubdb *db, const char *sql, const char *place, int64_t num,
                         int64_t *out, char *err, size_t errsz)
{
    sqlite3_stmt *st;
    bool found;
    if (!ly_sqldb_prepare(&db->sql, sql, &st, err, errsz))
        return false;
    sqlite3_bind_text(st, 1, place, -1, SQLITE_STATIC);
    if (sqlite3_bind_parameter_count(st) >= 2)
        sqlite3_bind_int64(st, 2, num);
    bool ok = ly_sqldb_step_row(&db->sql, st, &found, err, errsz);
    *out = ok && found ? sqlite3_column_int64(st, 0) : 0;
    ly_sqldb_release(&db->sql, st);
    return ok;
}

bool ly_hubdb_occupancy_of(struct ly_hubdb *db, const char *place, int64_t now_ms, int64_t *inside,
                           int64_t *as_of, char *err, size_t errsz)
{
    int64_t day = ly_hubdb_day_start(now_ms);
    bool ok = strcmp(place, "venue") == 0
                  ? place_scalar(db,
                                 "SELECT count(*) FROM presence WHERE place = ?1 AND "
                                 "direction = 1 AND t_ms >= ?2",
                                 place, day, inside, err, errsz)
                  : place_scalar(db,
                                 "SELECT count(*) FROM whereabouts WHERE place = ?1 AND "
                                 "direction = 1 AND t_ms >= ?2",
                                 place, day, inside, err, errsz);
    if (!ok || !place_scalar(db, "SELECT t_ms FROM place_moves WHERE place = ?1", place, 0, as_of,
                             err, errsz))
        return false;
    if (strncmp(place, "session:", 8) != 0)
        return true;
    sqlite3_stmt *st;
    bool found;
    char ends[17] = "";
    int64_t grace = LY_OCCUPANCY_GRACE_DEFAULT_S;
    if (!ly_sqldb_scalar(&db->sql, "SELECT value FROM meta WHERE key = 'occupancy_grace_s'", NULL,
                         &grace, err, errsz) ||
        !ly_sqldb_prepare(&db->sql, "SELECT ends FROM sessions WHERE ext_id = ?", &st, err, errsz))
        return false;
    sqlite3_bind_text(st, 1, place + 8, -1, SQLITE_STATIC);
    ok = ly_sqldb_step_row(&db->sql, st, &found, err, errsz);
    if (ok && found)
        ly_sqldb_copy_col(st, 0, ends, sizeof ends);
    ly_sqldb_release(&db->sql, st);
    int64_t until = ends[0] ? ly_occupancy_until_ms(ends, grace) : 0;
    if (until > 0 && now_ms >= until) {
        *inside = 0;
        if (until > *as_of)
            *as_of = until;
    }
    return ok;
}

bool ly_hubdb_recount(struct ly_hubdb *db, const char *place, int64_t now_ms, char *err,
                      size_t errsz)
{
    sqlite3_stmt *st;
    int64_t inside, as_of, seq;
    bool found;
    if (!ly_hubdb_occupancy_of(db, place, now_ms, &inside, &as_of, err, errsz) ||
        !ly_sqldb_prepare(&db->sql, "SELECT inside, as_of_ms FROM occupancy WHERE place = ?", &st,
                          err, errsz))
        return false;
    sqlite3_bind_text(st, 1, place, -1, SQLITE_STATIC);
    bool ok = ly_sqldb_step_row(&db->sql, st, &found, err, errsz);
    bool same = ok && found && sqlite3_column_int64(st, 0) == inside &&
                sqlite3_column_int64(st, 1) == as_of;
    ly_sqldb_release(&db->sql, st);
    if (!ok || same)
        return ok;
    if (!ly_hubdb_next_seq(db, &seq, err, errsz) ||
        !ly_sqldb_prepare(&db->sql,
                          "INSERT INTO occupancy (place, inside, seq, as_of_ms) VALUES (?1, ?2, "
                          "?3, ?4) ON CONFLICT (place) DO UPDATE SET inside = ?2, seq = ?3, "
                          "as_of_ms = ?4",
                          &st, err, errsz))
        return false;
    sqlite3_bind_text(st, 1, place, -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 2, inside);
    sqlite3_bind_int64(st, 3, seq);
    sqlite3_bind_int64(st, 4, as_of);
    return ly_sqldb_step_done(&db->sql, st, err, errsz);
}

bool ly_hubdb_recount_moved(struct ly_hubdb *db, const struct ly_moved *m, int64_t now_ms,
                            char *err, size_t errsz)
{
    for (size_t j = 0; j < m->n; j++)
        if (!ly_hubdb_place_moved(db, m->place[j], m->t_ms[j], err, errsz) ||
            !ly_hubdb_recount(db, m->place[j], now_ms, err, errsz))
            return false;
    if (!m->all)
        return true;
    /* A batch through more places than LY_MOVED_MAX (not one kiosk's traffic): recount every
     * place the hub knows of. */
    sqlite3_stmt *st;
    if (!ly_sqldb_prepare(&db->sql, "SELECT place FROM place_moves", &st, err, errsz))
        return false;
    char place[LY_GATE_MAX + 1];
    bool ok = true;
    while (ok) {
        int rc = sqlite3_step(st);
        if (rc != SQLITE_ROW) {
            ok = rc == SQLITE_DONE || ly_sqldb_error(&db->sql, err, errsz);
            break;
        }
        ly_sqldb_copy_col(st, 0, place, sizeof place);
        ok = ly_hubdb_recount(db, place, now_ms, err, errsz);
    }
    ly_sqldb_release(&db->sql, st);
    return ok;
}
