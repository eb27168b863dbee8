/* kioskdb_count.c - a kiosk's count of a place. See kioskdb_count.h. */
#include "kioskdb/kioskdb_count.h"

#include <sqlite3.h>

#include "gate/gate_occupancy.h"
#include "kioskdb/kioskdb_int.h"

/* A journal entry m that decides its person's current place inside the venue (as
 * ly_occupancy_moves). */
#define MOVES(m)                                                                                   \
    "(" m ".place LIKE 'room:%' OR " m ".place LIKE 'session:%' OR (" m ".place = 'venue' AND " m  \
    ".direction = -1))"

bool ly_kioskdb_count(struct ly_kioskdb *db, const char *place, int64_t until_ms, int64_t now_ms,
                      struct ly_kiosk_count *out, char *err, size_t errsz)
{
    sqlite3_stmt *st;
    bool row;
    out->inside = out->as_of = 0;
    out->hub = false;
    /* ?1 the place, ?2 whether it is inside the venue. h: the hub's count, a: its as_of, s: this
     * kiosk's last check-in the hub had counted (none: -1, every own movement counts). Each own
     * movement m after s adds: through the place, its direction, except an entry the same
     * person's later own movement took elsewhere; through another place inside the venue, -1
     * when it took someone out of the place whose entry the hub had counted. */
    if (!ly_sqldb_prepare(
            &db->sql,
            "WITH h AS (SELECT (SELECT value FROM meta WHERE key = 'hub_inside:' || ?1) AS n, "
            "  (SELECT value FROM meta WHERE key = 'hub_as_of:' || ?1) AS a, "
            "  coalesce((SELECT value FROM meta WHERE key = 'hub_seq:' || ?1), -1) AS s) "
            "SELECT h.n IS NOT NULL, coalesce(h.n, 0) + coalesce((SELECT sum(CASE "
            "  WHEN m.place = ?1 THEN CASE WHEN m.direction = 1 AND ?2 AND m.attendee_id <> 0 "
            "    AND EXISTS (SELECT 1 FROM checkins l WHERE l.attendee_id = m.attendee_id AND "
            "    l.direction <> 0 AND l.seq > m.seq AND l.place <> ?1 AND " MOVES(
                "l") ") "
                     "    THEN 0 ELSE m.direction END "
                     "  WHEN ?2 AND m.attendee_id <> 0 AND " MOVES(
                         "m") " AND (SELECT p.place = ?1 AND "
                              "    p.direction = 1 AND p.seq <= h.s FROM checkins p WHERE "
                              "p.attendee_id = "
                              "    m.attendee_id AND p.direction <> 0 AND p.seq < m.seq AND " MOVES(
                                  "p") " "
                                       "    ORDER BY p.seq DESC LIMIT 1) THEN -1 "
                                       "  ELSE 0 END) FROM checkins m WHERE m.direction <> 0 AND "
                                       "m.seq > h.s), 0), "
                                       "  max(coalesce(h.a, 0), coalesce((SELECT max(wall_time) "
                                       "FROM checkins WHERE "
                                       "  place = ?1 AND direction <> 0), 0)) "
                                       "FROM h",
            &st, err, errsz))
        return false;
    sqlite3_bind_text(st, 1, place, -1, SQLITE_STATIC);
    sqlite3_bind_int(st, 2, ly_occupancy_inner(place));
    bool ok = ly_sqldb_step_row(&db->sql, st, &row, err, errsz);
    if (ok && row) {
        out->hub = sqlite3_column_int(st, 0) != 0;
        out->inside = sqlite3_column_int64(st, 1);
        out->as_of = sqlite3_column_int64(st, 2);
    }
    ly_sqldb_release(&db->sql, st);
    if (out->inside < 0)
        out->inside = 0;
    if (until_ms > 0 && now_ms >= until_ms) {
        out->inside = 0;
        if (until_ms > out->as_of)
            out->as_of = until_ms;
    }
    return ok;
}

bool ly_kioskdb_occupancy_grace(struct ly_kioskdb *db, int64_t *grace_s, char *err, size_t errsz)
{
    sqlite3_stmt *st;
    bool row;
    *grace_s = LY_OCCUPANCY_GRACE_DEFAULT_S;
    if (!ly_sqldb_prepare(&db->sql, "SELECT value FROM meta WHERE key = 'occupancy_grace_s'", &st,
                          err, errsz))
        return false;
    bool ok = ly_sqldb_step_row(&db->sql, st, &row, err, errsz);
    if (ok && row && sqlite3_column_type(st, 0) == SQLITE_INTEGER)
        *grace_s = sqlite3_column_int64(st, 0);
    ly_sqldb_release(&db->sql, st);
    return ok;
}
