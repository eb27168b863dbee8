/* store_pg_occupancy.c - the occupancy model on PostgreSQL. See store_pg_occupancy.h. */
#include "store/pg/store_pg_occupancy.h"

#include <stdlib.h>
#include <string.h>

#include "common/fail.h"
#include "gate/gate_occupancy.h"
#include "orgdb/hubdb_hub.h"

/* Adds a movement through place to m, or, when m is full, records its time at once. */
static bool moved(struct pg_store *s, struct ly_moved *m, const char *place, int64_t t_ms,
                  char *err, size_t errsz)
{
    if (ly_moved_add(m, place, t_ms))
        return true;
    struct pg_args a = {0};
    pg_arg_text(&a, place);
    pg_arg_int(&a, t_ms);
    return pg_exec(s,
                   "INSERT INTO place_moves (place, t_ms) VALUES ($1, $2) ON CONFLICT (place) "
                   "DO UPDATE SET t_ms = greatest(place_moves.t_ms, excluded.t_ms)",
                   &a, NULL, err, errsz);
}

struct mover {
    uint32_t attendee_id;
    size_t i;
};

static int cmp_mover(const void *a, const void *b)
{
    const struct mover *x = a, *y = b;
    if (x->attendee_id != y->attendee_id)
        return x->attendee_id < y->attendee_id ? -1 : 1;
    return (x->i > y->i) - (x->i < y->i);
}

/* The attendee's current place, locked (*found false when none is recorded yet). */
static bool current(struct pg_store *s, uint32_t attendee, char place[LY_GATE_MAX + 1], int *dir,
                    int64_t *t, bool *found, char *err, size_t errsz)
{
    struct pg_args a = {0};
    PGresult *r;
    pg_arg_int(&a, attendee);
    if (!pg_exec(s,
                 "SELECT place, direction, t_ms FROM whereabouts WHERE attendee_id = $1 "
                 "FOR UPDATE",
                 &a, &r, err, errsz))
        return false;
    *found = PQntuples(r) > 0;
    if (*found) {
        pg_copy(r, 0, 0, place, LY_GATE_MAX + 1);
        *dir = (int)pg_num(r, 0, 1);
        *t = pg_num(r, 0, 2);
    }
    PQclear(r);
    return true;
}

/* One movement: the attendee's place becomes c's unless a later one is recorded; adds what
 * moved to m. */
static bool move_one(struct pg_store *s, const struct ly_checkin *c, int64_t t_ms,
                     struct ly_moved *m, char *err, size_t errsz)
{
    char was[LY_GATE_MAX + 1] = "";
    int dir = 0;
    int64_t t = 0;
    bool found;
    struct pg_args a = {0};
    pg_arg_int(&a, c->attendee_id);
    pg_arg_text(&a, c->place);
    pg_arg_int(&a, c->direction);
    pg_arg_int(&a, t_ms);
    if (!current(s, c->attendee_id, was, &dir, &t, &found, err, errsz))
        return false;
    if (!found) {
        PGresult *r;
        if (!pg_exec(s,
                     "INSERT INTO whereabouts (attendee_id, place, direction, t_ms) VALUES ($1, "
                     "$2, $3, $4) ON CONFLICT (attendee_id) DO NOTHING RETURNING attendee_id",
                     &a, &r, err, errsz))
            return false;
        bool inserted = PQntuples(r) > 0;
        PQclear(r);
        if (inserted)
            return true;
        /* another hub recorded one meanwhile: take it in turn */
        if (!current(s, c->attendee_id, was, &dir, &t, &found, err, errsz))
            return false;
    }
    if (found && t > t_ms)
        return true;
    if (found && dir > 0 && strcmp(was, c->place) != 0 && !moved(s, m, was, t_ms, err, errsz))
        return false;
    return pg_exec(s,
                   "UPDATE whereabouts SET place = $2, direction = $3, t_ms = $4 "
                   "WHERE attendee_id = $1",
                   &a, NULL, err, errsz);
}

bool pg_whereabouts(struct pg_store *s, const struct ly_checkin *items, const bool *stored,
                    const int64_t *t_ms, size_t n, struct ly_moved *m, char *err, size_t errsz)
{
    struct mover *mv = malloc((n ? n : 1) * sizeof *mv);
    size_t k = 0;
    if (mv == NULL)
        return ly_fail(err, errsz, "out of memory");
    bool ok = true;
    for (size_t i = 0; ok && i < n; i++) {
        const struct ly_checkin *c = &items[i];
        if (!stored[i] || c->direction == 0 || c->place[0] == '\0')
            continue;
        ok = moved(s, m, c->place, t_ms[i], err, errsz);
        if (c->attendee_id != 0 && ly_occupancy_moves(c->place, c->direction))
            mv[k++] = (struct mover){c->attendee_id, i};
    }
    qsort(mv, k, sizeof *mv, cmp_mover);
    for (size_t j = 0; ok && j < k; j++)
        ok = move_one(s, &items[mv[j].i], t_ms[mv[j].i], m, err, errsz);
    free(mv);
    return ok;
}

/* Counts place at hub time now_ms as ly_hubdb_occupancy_of does on SQLite. */
static bool count(struct pg_store *s, const char *place, int64_t now_ms, int64_t *inside,
                  int64_t *as_of, int64_t *have_inside, int64_t *have_as_of, char *err,
                  size_t errsz)
{
    struct pg_args a = {0};
    PGresult *r;
    pg_arg_text(&a, place);
    pg_arg_int(&a, ly_hubdb_day_start(now_ms));
    if (!pg_exec(s,
                 "SELECT CASE WHEN $1 = 'venue' THEN (SELECT count(*) FROM presence WHERE "
                 "place = $1 AND direction = 1 AND t_ms >= $2) ELSE (SELECT count(*) FROM "
                 "whereabouts WHERE place = $1 AND direction = 1 AND t_ms >= $2) END, "
                 "(SELECT t_ms FROM place_moves WHERE place = $1), "
                 "(SELECT ends FROM sessions WHERE 'session:' || ext_id = $1), "
                 "(SELECT value FROM meta WHERE key = 'occupancy_grace_s'), "
                 "(SELECT inside FROM occupancy WHERE place = $1), "
                 "(SELECT as_of_ms FROM occupancy WHERE place = $1)",
                 &a, &r, err, errsz))
        return false;
    char ends[17];
    *inside = pg_num(r, 0, 0);
    *as_of = pg_num(r, 0, 1);
    pg_copy(r, 0, 2, ends, sizeof ends);
    int64_t grace = PQgetisnull(r, 0, 3) ? LY_OCCUPANCY_GRACE_DEFAULT_S : pg_num(r, 0, 3);
    *have_inside = PQgetisnull(r, 0, 4) ? -1 : pg_num(r, 0, 4);
    *have_as_of = pg_num(r, 0, 5);
    PQclear(r);
    int64_t until =
        ends[0] && strncmp(place, "session:", 8) == 0 ? ly_occupancy_until_ms(ends, grace) : 0;
    if (until > 0 && now_ms >= until) {
        *inside = 0;
        if (until > *as_of)
            *as_of = until;
    }
    return true;
}

static bool recount(struct pg_store *s, const char *place, int64_t t_ms, int64_t now_ms,
                    int64_t *seq, char *err, size_t errsz)
{
    int64_t inside, as_of, have, have_as_of;
    if (t_ms >= 0) {
        struct pg_args a = {0};
        pg_arg_text(&a, place);
        pg_arg_int(&a, t_ms);
        if (!pg_exec(s,
                     "INSERT INTO place_moves (place, t_ms) VALUES ($1, $2) ON CONFLICT (place) "
                     "DO UPDATE SET t_ms = greatest(place_moves.t_ms, excluded.t_ms)",
                     &a, NULL, err, errsz))
            return false;
    }
    if (!count(s, place, now_ms, &inside, &as_of, &have, &have_as_of, err, errsz))
        return false;
    if (have == inside && have_as_of == as_of)
        return true;
    if (*seq == 0 && !pg_take_seq(s, seq, err, errsz))
        return false;
    struct pg_args b = {0};
    pg_arg_text(&b, place);
    pg_arg_int(&b, inside);
    pg_arg_int(&b, *seq);
    pg_arg_int(&b, as_of);
    return pg_exec(s,
                   "INSERT INTO occupancy (place, inside, seq, as_of_ms) VALUES ($1, $2, $3, $4) "
                   "ON CONFLICT (place) DO UPDATE SET inside = $2, seq = $3, as_of_ms = $4",
                   &b, NULL, err, errsz);
}

bool pg_recount_moved(struct pg_store *s, const struct ly_moved *m, int64_t now_ms, int64_t *seq,
                      char *err, size_t errsz)
{
    for (size_t j = 0; j < m->n; j++)
        if (!recount(s, m->place[j], m->t_ms[j], now_ms, seq, err, errsz))
            return false;
    if (!m->all)
        return true;
    /* More places than LY_MOVED_MAX (not one kiosk's traffic): recount every place the hub
     * knows of. */
    PGresult *r;
    if (!pg_exec(s, "SELECT place FROM place_moves ORDER BY place", NULL, &r, err, errsz))
        return false;
    bool ok = true;
    for (int i = 0; ok && i < PQntuples(r); i++)
        ok = recount(s, PQgetvalue(r, i, 0), -1, now_ms, seq, err, errsz);
    PQclear(r);
    return ok;
}
