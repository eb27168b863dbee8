/* gate_count.c - a gate's place counted now. See gate_count.h. */
#include "gate/gate_count.h"

#include <stdio.h>

#include "gate/gate_int.h"
#include "gate/gate_occupancy.h"
#include "gate/gate_time.h"
#include "kioskdb/kioskdb_records.h"

#define ROOM_SESSIONS_MAX                                                                          \
    16 /* sessions of one room whose counts may overlap (one in its grace)                         \
        */

/* Adds the count of session s at wall_ms to *out. */
static bool add_session(struct ly_gate *g, const struct ly_kiosk_session *s, int64_t grace_s,
                        int64_t wall_ms, struct ly_kiosk_count *out, char *err, size_t errsz)
{
    char place[LY_GATE_MAX + 1];
    struct ly_kiosk_count c;
    snprintf(place, sizeof place, "session:%s", s->ext_id);
    if (!ly_kioskdb_count(g->db, place, ly_occupancy_until_ms(s->ends, grace_s), wall_ms, &c, err,
                          errsz))
        return false;
    out->inside += c.inside;
    out->hub = out->hub || c.hub;
    if (c.as_of > out->as_of)
        out->as_of = c.as_of;
    return true;
}

bool ly_gate_count(struct ly_gate *g, int64_t wall_ms, struct ly_kiosk_count *out, char *err,
                   size_t errsz)
{
    int64_t grace_s;
    *out = (struct ly_kiosk_count){0};
    if (g->place[0] == '\0')
        return true;
    if (!ly_kioskdb_occupancy_grace(g->db, &grace_s, err, errsz))
        return false;
    if (g->kind == LY_GATE_SESSION)
        return add_session(g, &g->session, grace_s, wall_ms, out, err, errsz);
    if (g->kind != LY_GATE_ROOM)
        return ly_kioskdb_count(g->db, g->place, 0, 0, out, err, errsz);
    if (!ly_kioskdb_count(g->db, g->place, 0, 0, out, err, errsz))
        return false;
    /* The room's sessions whose doors have opened and whose count has not ended: those that
     * did not end before now minus the grace and start within the doors-open lead (and one
     * that ended a minute before that, whose end is the freshest input of an empty count). */
    char from[17], now[17];
    ly_gate_local_parts(wall_ms - grace_s * 1000 - 60000, NULL, NULL, from);
    ly_gate_local_parts(wall_ms + (int64_t)g->policy.doors_open_min * 60000, NULL, NULL, now);
    for (int i = 0; i < ROOM_SESSIONS_MAX; i++) {
        struct ly_kiosk_session s;
        bool found;
        if (!ly_kioskdb_session_in_room(g->db, g->room.id, from, now, &s, &found, err, errsz))
            return false;
        if (!found)
            break;
        if (!add_session(g, &s, grace_s, wall_ms, out, err, errsz))
            return false;
        snprintf(from, sizeof from, "%s", s.ends);
    }
    return true;
}
