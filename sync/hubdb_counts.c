/* hubdb_counts.c - the counts of docs/sync-protocol.md computed from the check-ins in the
 * organizer database, in one read transaction. See hubdb_hub.h and counts.h. Local days use the
 * process time zone (the event's: SQLite's 'localtime' reads it too). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "counts.h"
#include "hubdb_hub.h"
#include "hubdb_int.h"

/* An attendee is onsite once granted anywhere (kept at each push: hubdb_kiosks.c). */
#define ONSITE "SELECT attendee_id FROM onsite"

struct ctx {
    struct ly_hubdb *db;
    struct ly_counts *c;
    /* per place key ("venue", "room:ID", "session:EXT"): attendance and inside today */
    struct place_n {
        char place[LY_GATE_MAX + 1];
        int64_t attendance, inside;
    } * pn;
    size_t npn, pncap;
    /* room id of each session, parallel to c->sessions */
    int64_t *session_room;
    size_t srcap;
    char *err;
    size_t errsz;
};

/* Appends a zeroed element to *arr (n elements, cap allocated); NULL when out of memory. */
static void *grow(void **arr, size_t *n, size_t *cap, size_t elem)
{
    if (*n == *cap) {
        size_t nc = *cap ? *cap * 2 : 16;
        void *p = realloc(*arr, nc * elem);
        if (p == NULL)
            return NULL;
        *arr = p;
        *cap = nc;
    }
    void *e = (char *)*arr + *n * elem;
    memset(e, 0, elem);
    (*n)++;
    return e;
}

#define GROW(arr, n, cap) grow((void **)&(arr), &(n), &(cap), sizeof *(arr))

static bool db_fail(struct ctx *x)
{
    return ly_fail(x->err, x->errsz, "database: %s", sqlite3_errmsg(x->db->db));
}

static bool oom(struct ctx *x)
{
    return ly_fail(x->err, x->errsz, "out of memory");
}

/* Runs sql (a literal; ?1 bound to arg when arg >= 0) and calls row for each row. */
static bool query(struct ctx *x, const char *sql, int64_t arg,
                  bool (*row)(struct ctx *x, sqlite3_stmt *st, void *p), void *p)
{
    sqlite3_stmt *st;
    bool ok = true;
    if (!ly_sqldb_prepare(&x->db->stmts, x->db->db, sql, &st, x->err, x->errsz))
        return false;
    if (arg >= 0)
        sqlite3_bind_int64(st, 1, arg);
    while (ok) {
        int rc = sqlite3_step(st);
        if (rc != SQLITE_ROW) {
            ok = rc == SQLITE_DONE || db_fail(x);
            break;
        }
        ok = row(x, st, p);
    }
    ly_sqldb_release(&x->db->stmts, st);
    return ok;
}

static bool day_row(struct ctx *x, sqlite3_stmt *st, void *p)
{
    (void)p;
    size_t cap = x->c->ndays;
    struct ly_count_day *d = GROW(x->c->days, x->c->ndays, cap);
    if (d == NULL)
        return oom(x);
    ly_sqldb_copy_col(st, 0, d->day, sizeof d->day);
    d->onsite_unique = sqlite3_column_int64(st, 1);
    return true;
}

struct groups {
    struct ly_count_group **arr;
    size_t *n;
};

static bool group_row(struct ctx *x, sqlite3_stmt *st, void *p)
{
    struct groups *g = p;
    size_t cap = *g->n;
    struct ly_count_group *e = GROW(*g->arr, *g->n, cap);
    if (e == NULL)
        return oom(x);
    ly_sqldb_copy_col(st, 0, e->key, sizeof e->key);
    e->n = sqlite3_column_int64(st, 1);
    return true;
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

static bool place_row(struct ctx *x, sqlite3_stmt *st, void *p)
{
    bool inside = p != NULL;
    struct place_n *e = place_find(x, (const char *)sqlite3_column_text(st, 0), true);
    if (e == NULL)
        return oom(x);
    if (inside)
        e->inside = sqlite3_column_int64(st, 1);
    else
        e->attendance = sqlite3_column_int64(st, 1);
    return true;
}

static bool session_fn(void *p, int64_t id, int64_t room_id, const struct ly_session *s)
{
    struct ctx *x = p;
    char key[LY_GATE_MAX + 1];
    (void)id;
    size_t cap = x->c->nsessions, n = x->c->nsessions;
    struct ly_count_session *e = GROW(x->c->sessions, x->c->nsessions, cap);
    if (e == NULL || GROW(x->session_room, n, x->srcap) == NULL)
        return oom(x);
    x->session_room[n - 1] = room_id;
    snprintf(e->session, sizeof e->session, "%s", s->ext_id);
    snprintf(e->title, sizeof e->title, "%s", s->title);
    snprintf(e->type, sizeof e->type, "%s", s->type);
    snprintf(e->room, sizeof e->room, "%s", s->room);
    snprintf(e->starts, sizeof e->starts, "%s", s->starts);
    e->capacity = s->capacity;
    snprintf(key, sizeof key, "session:%s", s->ext_id);
    const struct place_n *pn = place_find(x, key, false);
    if (pn) {
        e->inside = pn->inside;
        e->attendance = pn->attendance;
    }
    return true;
}

static bool room_fn(void *p, int64_t id, const char *name, int capacity)
{
    struct ctx *x = p;
    char key[LY_GATE_MAX + 1];
    size_t cap = x->c->nplaces;
    struct ly_count_place *e = GROW(x->c->places, x->c->nplaces, cap);
    if (e == NULL)
        return oom(x);
    snprintf(e->place, sizeof e->place, "room:%lld", (long long)id);
    snprintf(e->name, sizeof e->name, "%s", name);
    e->capacity = capacity;
    snprintf(key, sizeof key, "room:%lld", (long long)id);
    const struct place_n *pn = place_find(x, key, false);
    e->inside = pn ? pn->inside : 0;
    for (size_t i = 0; i < x->c->nsessions; i++)
        if (x->session_room[i] == id)
            e->inside += x->c->sessions[i].inside;
    return true;
}

static bool room_attendance_row(struct ctx *x, sqlite3_stmt *st, void *p)
{
    (void)p;
    char key[LY_GATE_MAX + 1];
    snprintf(key, sizeof key, "room:%lld", (long long)sqlite3_column_int64(st, 0));
    for (size_t i = 0; i < x->c->nplaces; i++)
        if (strcmp(x->c->places[i].place, key) == 0)
            x->c->places[i].attendance = sqlite3_column_int64(st, 1);
    return true;
}

static bool kiosk_row(struct ctx *x, sqlite3_stmt *st, void *p)
{
    (void)p;
    size_t cap = x->c->nkiosks;
    struct ly_count_kiosk *k = GROW(x->c->kiosks, x->c->nkiosks, cap);
    if (k == NULL)
        return oom(x);
    ly_sqldb_copy_col(st, 0, k->name, sizeof k->name);
    ly_sqldb_copy_col(st, 1, k->gate, sizeof k->gate);
    k->revoked = sqlite3_column_int(st, 2) != 0;
    k->last_contact_ms = sqlite3_column_int64(st, 3);
    k->queue = sqlite3_column_int64(st, 4);
    k->scans = sqlite3_column_int64(st, 5);
    k->granted = sqlite3_column_int64(st, 6);
    return true;
}

/* Denials of one kiosk (rows ordered by kiosk name, id, count). */
static bool denied_row(struct ctx *x, sqlite3_stmt *st, void *p)
{
    (void)p;
    size_t i = (size_t)sqlite3_column_int64(st, 0);
    if (i >= x->c->nkiosks)
        return true;
    struct ly_count_kiosk *k = &x->c->kiosks[i];
    struct ly_count_reason *r;
    if (k->ndenied < LY_COUNTS_REASONS_MAX) {
        r = &k->denied[k->ndenied++];
        ly_sqldb_copy_col(st, 1, r->reason, sizeof r->reason);
    } else {
        r = &k->denied[LY_COUNTS_REASONS_MAX - 1];
        snprintf(r->reason, sizeof r->reason, "other");
    }
    r->n += sqlite3_column_int64(st, 2);
    return true;
}

static bool tick_row(struct ctx *x, sqlite3_stmt *st, void *p)
{
    (void)p;
    size_t cap = x->c->ntimeline;
    struct ly_count_tick *t = GROW(x->c->timeline, x->c->ntimeline, cap);
    if (t == NULL)
        return oom(x);
    t->t = sqlite3_column_int64(st, 0);
    t->entries = sqlite3_column_int64(st, 1);
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
    struct ly_hubdb *db = x->db;
    struct ly_event ev;
    struct groups country = {&c->by_country, &c->nby_country};
    struct groups region = {&c->by_region, &c->nby_region};
    struct groups stake = {&c->by_stakeholder, &c->nby_stakeholder};
    int64_t day = ly_hubdb_day_start(now_ms);

    if (ly_hubdb_event(db, &ev, NULL, 0))
        snprintf(c->event_name, sizeof c->event_name, "%s", ev.name);
    if (!ly_hubdb_scalar(db, "SELECT count(*) FROM onsite", &c->onsite_unique, x->err, x->errsz) ||
        !ly_hubdb_scalar(
            db, "SELECT count(DISTINCT country) FROM registrations WHERE id IN (" ONSITE ")",
            &c->countries, x->err, x->errsz))
        return false;
    return query(x, "SELECT day, count(*) FROM onsite_days GROUP BY day ORDER BY day", -1, day_row,
                 NULL) &&
           query(x,
                 "SELECT country, count(*) AS n FROM registrations WHERE id IN (" ONSITE
                 ") GROUP BY country ORDER BY n DESC, country",
                 -1, group_row, &country) &&
           query(x,
                 "SELECT region, count(*) AS n FROM registrations WHERE id IN (" ONSITE
                 ") GROUP BY region ORDER BY n DESC, region",
                 -1, group_row, &region) &&
           query(x,
                 "SELECT stakeholder, count(*) AS n FROM registrations WHERE id IN (" ONSITE
                 ") GROUP BY stakeholder ORDER BY n DESC, stakeholder",
                 -1, group_row, &stake) &&
           query(x, "SELECT place, count(*) FROM presence WHERE entered GROUP BY place", -1,
                 place_row, NULL) &&
           query(x,
                 "SELECT place, count(*) FROM presence WHERE direction = 1 AND t_ms >= ?1 "
                 "GROUP BY place",
                 day, place_row, x);
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
    }
    c->inside_now = v->inside;
    x->err[0] = '\0';
    if (!ly_hubdb_foreach_session(x->db, session_fn, x, x->err, x->errsz) ||
        !ly_hubdb_foreach_room(x->db, room_fn, x, x->err, x->errsz))
        return x->err[0] != '\0' ? false : oom(x);
    return session_types(x) &&
           query(x,
                 "SELECT room, count(DISTINCT attendee_id) FROM ("
                 "SELECT CAST(substr(place, 6) AS INTEGER) AS room, attendee_id FROM presence "
                 "WHERE entered AND place LIKE 'room:%' "
                 "UNION ALL SELECT s.room_id, p.attendee_id FROM presence p JOIN sessions s "
                 "ON s.ext_id = substr(p.place, 9) WHERE p.entered AND p.place LIKE 'session:%') "
                 "GROUP BY room",
                 -1, room_attendance_row, NULL);
}

static bool kiosks_and_timeline(struct ctx *x)
{
    return query(x,
                 "SELECT k.name, k.gate, k.revoked_ms IS NOT NULL, k.last_contact_ms, k.queue, "
                 "k.scans, k.granted FROM kiosks k ORDER BY k.name, k.id",
                 -1, kiosk_row, NULL) &&
           query(x,
                 "SELECT (SELECT count(*) FROM kiosks j WHERE j.name < k.name OR (j.name = k.name "
                 "AND j.id < k.id)), c.reason_code, count(*) AS n FROM checkins c JOIN kiosks k "
                 "ON k.id = c.kiosk WHERE c.decision = 'denied' GROUP BY c.kiosk, c.reason_code "
                 "ORDER BY 1, n DESC, c.reason_code",
                 -1, denied_row, NULL) &&
           query(x, "SELECT tick, n FROM entries ORDER BY tick", -1, tick_row, NULL);
}

bool ly_hubdb_counts(struct ly_hubdb *db, int64_t now_ms, struct ly_counts **out, char *err,
                     size_t errsz)
{
    char sink[8];
    struct ctx x = {.db = db, .err = err ? err : sink, .errsz = err ? errsz : sizeof sink};
    x.c = calloc(1, sizeof *x.c);
    if (x.c == NULL)
        return oom(&x);
    x.c->generated_ms = now_ms;
    bool ok = ly_hubdb_begin_read(db, x.err, x.errsz) && all_counts(&x, now_ms) &&
              venue_and_rooms(&x) && kiosks_and_timeline(&x);
    ly_hubdb_rollback(db);
    free(x.pn);
    free(x.session_room);
    if (!ok) {
        ly_counts_free(x.c);
        return false;
    }
    *out = x.c;
    return true;
}
