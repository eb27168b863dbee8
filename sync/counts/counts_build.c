/* counts_build.c - the counts of docs/sync-protocol.md from the tables every hub backend keeps:
 * running tallies kept at each push (onsite, onsite_days, entries, kiosks.scans and .granted)
 * and each attendee's latest movement per place (presence), so that reading them never scans
 * the check-ins. See counts_build.h. */
#include "counts/counts_build.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/dynbuf.h"
#include "common/fail.h"
#include "common/ly_limits.h"
#include "event/country.h"
#include "gate/gate_occupancy.h"
#include "orgdb/hubdb_hub.h"

/* An attendee is onsite once granted anywhere. */
#define ONSITE "SELECT attendee_id FROM onsite"

struct ctx {
    ly_query_fn query;
    void *db;
    struct ly_counts *c;
    /* per place key ("venue", "room:ID", "session:EXT"): attendance and inside today */
    struct place_n {
        char place[LY_GATE_MAX + 1];
        int64_t attendance, inside, as_of;
    } * pn;
    int64_t now_ms, grace_s;
    size_t npn, pncap;
    /* room id of each session, parallel to c->sessions */
    int64_t *session_room;
    size_t srcap;
    char *err;
    size_t errsz;
};

/* Appends a zeroed element to arr (n elements, cap allocated); NULL when out of memory or past
 * LY_COUNTS_ROWS_MAX. */
#define GROW(arr, n, cap)                                                                          \
    ly_array_push((void **)&(arr), &(n), &(cap), sizeof *(arr), LY_COUNTS_ROWS_MAX)

static bool oom(struct ctx *x)
{
    return ly_fail(x->err, x->errsz, "out of memory");
}

/* A row handler: the builder's context and the handler's own argument. */
struct call {
    struct ctx *x;
    bool (*row)(struct ctx *x, const struct ly_row *r, void *p);
    void *p;
};

static bool dispatch(void *ctx, const struct ly_row *r)
{
    struct call *c = ctx;
    return c->row(c->x, r, c->p);
}

/* Runs sql (a literal; its parameter bound to arg when arg >= 0) and calls row for each row. */
static bool query(struct ctx *x, const char *sql, int64_t arg,
                  bool (*row)(struct ctx *x, const struct ly_row *r, void *p), void *p)
{
    struct call c = {x, row, p};
    return x->query(x->db, sql, arg, dispatch, &c, x->err, x->errsz);
}

static bool scalar_row(struct ctx *x, const struct ly_row *r, void *p)
{
    (void)x;
    *(int64_t *)p = ly_row_num(r, 0);
    return true;
}

static bool event_row(struct ctx *x, const struct ly_row *r, void *p)
{
    (void)p;
    ly_row_copy(r, 0, x->c->event_name, sizeof x->c->event_name);
    return true;
}

/* An array of the counts that a query's rows are appended to, each read by a field table
 * (counts.h) from its first column on. */
struct rows {
    void **arr;
    size_t *n;
    size_t elem;
    const struct ly_field *fields;
};

#define ROWS(arr, n, fields) (&(struct rows){(void **)&(arr), &(n), sizeof *(arr), (fields)})

/* Appends row r to the array of w; the new element, or NULL when out of memory. */
static void *append(const struct ly_row *r, const struct rows *w)
{
    size_t cap = *w->n;
    void *e = ly_array_push(w->arr, w->n, &cap, w->elem, LY_COUNTS_ROWS_MAX);
    if (e != NULL)
        ly_row_fields(r, 0, w->fields, e);
    return e;
}

static bool append_row(struct ctx *x, const struct ly_row *r, void *p)
{
    return append(r, p) != NULL || oom(x);
}

static struct place_n *place_find(struct ctx *x, const char *place, bool add)
{
    for (size_t i = 0; i < x->npn; i++)
        if (strcmp(x->pn[i].place, place) == 0)
            return &x->pn[i];
    if (!add)
        return NULL;
    struct place_n *e = GROW(x->pn, x->npn, x->pncap);
    if (e)
        snprintf(e->place, sizeof e->place, "%s", place);
    return e;
}

/* What a place row's second column is. */
enum place_col { PLACE_ATTENDANCE, PLACE_INSIDE, PLACE_AS_OF };

static bool place_row(struct ctx *x, const struct ly_row *r, void *p)
{
    enum place_col col = *(const enum place_col *)p;
    struct place_n *e = place_find(x, ly_row_text(r, 0), true);
    if (e == NULL)
        return oom(x);
    int64_t v = ly_row_num(r, 1);
    if (col == PLACE_INSIDE)
        e->inside = v;
    else if (col == PLACE_AS_OF)
        e->as_of = v;
    else
        e->attendance = v;
    return true;
}

#define PLACE_COL(c) (&(enum place_col){(c)})

/* The sessions' query selects the members of ly_counts_session_fields (inside, attendance and
 * as_of as 0, for the presence to fill in), then the session's room id. */
#define SESSION_ROOM_COL 14

static bool session_row(struct ctx *x, const struct ly_row *r, void *p)
{
    (void)p;
    char key[LY_GATE_MAX + 1];
    size_t n = x->c->nsessions;
    struct ly_count_session *e =
        append(r, ROWS(x->c->sessions, x->c->nsessions, ly_counts_session_fields));
    if (e == NULL || GROW(x->session_room, n, x->srcap) == NULL)
        return oom(x);
    x->session_room[n - 1] = ly_row_num(r, SESSION_ROOM_COL);
    snprintf(key, sizeof key, "session:%s", e->session);
    const struct place_n *pn = place_find(x, key, false);
    if (pn) {
        e->inside = pn->inside;
        e->attendance = pn->attendance;
        e->as_of = pn->as_of;
    }
    /* A session's count ends at its end plus the grace, without exit scans. */
    int64_t until = ly_occupancy_until_ms(e->ends, x->grace_s);
    if (until > 0 && x->now_ms >= until) {
        e->inside = 0;
        if (until > e->as_of)
            e->as_of = until;
    }
    return true;
}

static bool room_row(struct ctx *x, const struct ly_row *r, void *p)
{
    (void)p;
    char key[LY_GATE_MAX + 1];
    size_t cap = x->c->nplaces;
    struct ly_count_place *e = GROW(x->c->places, x->c->nplaces, cap);
    if (e == NULL)
        return oom(x);
    int64_t id = ly_row_num(r, 0);
    snprintf(e->place, sizeof e->place, "room:%lld", (long long)id);
    ly_row_copy(r, 1, e->name, sizeof e->name);
    e->capacity = ly_row_num(r, 2);
    ly_row_copy(r, 3, e->location, sizeof e->location);
    snprintf(key, sizeof key, "room:%lld", (long long)id);
    const struct place_n *pn = place_find(x, key, false);
    e->inside = pn ? pn->inside : 0;
    e->as_of = pn ? pn->as_of : 0;
    for (size_t i = 0; i < x->c->nsessions; i++) {
        if (x->session_room[i] != id)
            continue;
        e->inside += x->c->sessions[i].inside;
        if (x->c->sessions[i].as_of > e->as_of)
            e->as_of = x->c->sessions[i].as_of;
    }
    return true;
}

static bool room_attendance_row(struct ctx *x, const struct ly_row *r, void *p)
{
    (void)p;
    char key[LY_GATE_MAX + 1];
    snprintf(key, sizeof key, "room:%lld", (long long)ly_row_num(r, 0));
    for (size_t i = 0; i < x->c->nplaces; i++)
        if (strcmp(x->c->places[i].place, key) == 0)
            x->c->places[i].attendance = ly_row_num(r, 1);
    return true;
}

static bool kiosk_row(struct ctx *x, const struct ly_row *r, void *p)
{
    (void)p;
    size_t cap = x->c->nkiosks;
    struct ly_count_kiosk *k = GROW(x->c->kiosks, x->c->nkiosks, cap);
    if (k == NULL)
        return oom(x);
    int col = ly_row_fields(r, 0, ly_counts_kiosk_head_fields, k);
    col = ly_row_fields(r, col, ly_counts_kiosk_tail_fields, k);
    ly_health_parse(ly_row_text(r, col), &k->health);
    return true;
}

/* Denials of one kiosk (rows ordered by kiosk name, id, count). */
static bool denied_row(struct ctx *x, const struct ly_row *row, void *p)
{
    (void)p;
    int64_t i = ly_row_num(row, 0);
    if (i < 0 || (size_t)i >= x->c->nkiosks)
        return true;
    struct ly_count_kiosk *k = &x->c->kiosks[i];
    struct ly_count_reason *r;
    if (k->ndenied < LY_COUNTS_REASONS_MAX) {
        r = &k->denied[k->ndenied++];
        ly_row_copy(row, 1, r->reason, sizeof r->reason);
    } else {
        r = &k->denied[LY_COUNTS_REASONS_MAX - 1];
        snprintf(r->reason, sizeof r->reason, "other");
    }
    r->n += ly_row_num(row, 2);
    return true;
}

/* Session types from the sessions list, in order of first appearance. */
static bool session_types(struct ctx *x)
{
    struct ly_counts *c = x->c;
    size_t cap = 0;
    for (size_t i = 0; i < c->nsessions; i++) {
        struct ly_count_group *g = NULL;
        for (size_t j = 0; j < c->nby_session_type && !g; j++)
            if (strcmp(c->by_session_type[j].key, c->sessions[i].type) == 0)
                g = &c->by_session_type[j];
        if (g == NULL) {
            g = GROW(c->by_session_type, c->nby_session_type, cap);
            if (g == NULL)
                return oom(x);
            snprintf(g->key, sizeof g->key, "%s", c->sessions[i].type);
        }
        g->sessions++;
        g->n += c->sessions[i].attendance;
    }
    return true;
}

static bool all_counts(struct ctx *x, int64_t now_ms)
{
    struct ly_counts *c = x->c;
    int64_t day = ly_hubdb_day_start(now_ms);

    return query(x, "SELECT name FROM events LIMIT 1", -1, event_row, NULL) &&
           query(x, "SELECT count(*) FROM onsite", -1, scalar_row, &c->onsite_unique) &&
           /* "not stated" is no country, but has its line in by_country */
           query(x,
                 "SELECT count(DISTINCT nullif(country, '" LY_COUNTRY_NOT_STATED
                 "')) FROM registrations WHERE id IN (" ONSITE ")",
                 -1, scalar_row, &c->countries) &&
           query(x, "SELECT day, count(*) FROM onsite_days GROUP BY day ORDER BY day", -1,
                 append_row, ROWS(c->days, c->ndays, ly_counts_day_fields)) &&
           query(x,
                 "SELECT country, count(*) AS n FROM registrations WHERE id IN (" ONSITE
                 ") GROUP BY country ORDER BY n DESC, country",
                 -1, append_row, ROWS(c->by_country, c->nby_country, ly_counts_country_fields)) &&
           query(x,
                 "SELECT region, count(*) AS n FROM registrations WHERE id IN (" ONSITE
                 ") GROUP BY region ORDER BY n DESC, region",
                 -1, append_row, ROWS(c->by_region, c->nby_region, ly_counts_region_fields)) &&
           query(x,
                 "SELECT stakeholder, count(*) AS n FROM registrations WHERE id IN (" ONSITE
                 ") GROUP BY stakeholder ORDER BY n DESC, stakeholder",
                 -1, append_row,
                 ROWS(c->by_stakeholder, c->nby_stakeholder, ly_counts_stakeholder_fields)) &&
           query(x, "SELECT value FROM meta WHERE key = 'occupancy_grace_s'", -1, scalar_row,
                 &x->grace_s) &&
           query(x, "SELECT place, count(*) FROM presence WHERE entered GROUP BY place", -1,
                 place_row, PLACE_COL(PLACE_ATTENDANCE)) &&
           /* the venue from its own doors; rooms and sessions from each attendee's one current
            * place (docs/gates.md, "Occupancy") */
           query(x,
                 "SELECT place, count(*) FROM presence WHERE place = 'venue' AND direction = 1 "
                 "AND t_ms >= ? GROUP BY place",
                 day, place_row, PLACE_COL(PLACE_INSIDE)) &&
           query(x,
                 "SELECT place, count(*) FROM whereabouts WHERE direction = 1 AND t_ms >= ? "
                 "GROUP BY place",
                 day, place_row, PLACE_COL(PLACE_INSIDE)) &&
           query(x, "SELECT place, t_ms FROM place_moves", -1, place_row, PLACE_COL(PLACE_AS_OF));
}

static bool venue_and_rooms(struct ctx *x)
{
    struct ly_counts *c = x->c;
    size_t cap = 0;
    struct ly_count_place *v = GROW(c->places, c->nplaces, cap);
    if (v == NULL)
        return oom(x);
    snprintf(v->place, sizeof v->place, "venue");
    snprintf(v->name, sizeof v->name, "Venue");
    const struct place_n *pn = place_find(x, "venue", false);
    if (pn) {
        v->inside = pn->inside;
        v->attendance = pn->attendance;
        v->as_of = pn->as_of;
    }
    c->inside_now = v->inside;
    /* Places are matched by their text ('room:' || id), so that a place a kiosk made up
     * matches nothing instead of failing a conversion. */
    return query(x,
                 "SELECT s.ext_id, s.title, s.type, r.name, s.starts, s.capacity, 0, 0, "
                 "s.ends, CASE WHEN s.categories <> '' THEN 1 ELSE 0 END, coalesce(o.name, ''), "
                 "coalesce(o.location, ''), "
                 "s.online_url, 0, s.room_id FROM sessions s JOIN rooms r ON r.id = s.room_id "
                 "LEFT JOIN rooms o ON o.id = s.overflow_room_id ORDER BY s.id",
                 -1, session_row, NULL) &&
           query(x, "SELECT id, name, capacity, location FROM rooms ORDER BY id", -1, room_row,
                 NULL) &&
           session_types(x) &&
           query(x,
                 "SELECT room, count(DISTINCT attendee_id) FROM ("
                 "SELECT r.id AS room, p.attendee_id FROM presence p JOIN rooms r "
                 "ON p.place = 'room:' || r.id WHERE p.entered "
                 "UNION ALL SELECT s.room_id, p.attendee_id FROM presence p JOIN sessions s "
                 "ON p.place = 'session:' || s.ext_id WHERE p.entered) AS moves GROUP BY room",
                 -1, room_attendance_row, NULL);
}

static bool kiosks_and_timeline(struct ctx *x)
{
    return query(x,
                 "SELECT k.name, k.gate, k.scans, k.granted, k.last_contact_ms, k.queue, "
                 "k.revoked_ms IS NOT NULL, k.health_ms, k.health FROM kiosks k "
                 "ORDER BY k.name, k.id",
                 -1, kiosk_row, NULL) &&
           query(x,
                 "SELECT (SELECT count(*) FROM kiosks j WHERE j.name < k.name OR (j.name = k.name "
                 "AND j.id < k.id)), c.reason_code, count(*) AS n FROM checkins c JOIN kiosks k "
                 "ON k.id = c.kiosk WHERE c.decision = 'denied' GROUP BY k.id, k.name, "
                 "c.reason_code ORDER BY 1, n DESC, c.reason_code",
                 -1, denied_row, NULL) &&
           query(x, "SELECT tick, n FROM entries ORDER BY tick", -1, append_row,
                 ROWS(x->c->timeline, x->c->ntimeline, ly_counts_tick_fields));
}

bool ly_counts_build(ly_query_fn q, void *db, int64_t now_ms, struct ly_counts **out, char *err,
                     size_t errsz)
{
    char sink[8];
    struct ctx x = {
        .query = q, .db = db, .err = err ? err : sink, .errsz = err ? errsz : sizeof sink};
    x.c = calloc(1, sizeof *x.c);
    if (x.c == NULL)
        return oom(&x);
    x.c->generated_ms = now_ms;
    x.now_ms = now_ms;
    x.grace_s = LY_OCCUPANCY_GRACE_DEFAULT_S;
    bool ok = all_counts(&x, now_ms) && venue_and_rooms(&x) && kiosks_and_timeline(&x);
    free(x.pn);
    free(x.session_room);
    if (!ok) {
        ly_counts_free(x.c);
        return false;
    }
    *out = x.c;
    return true;
}
