/* store_pg_ingest.c - check-ins pushed by kiosks, into PostgreSQL (store.h "ingest"). Several
 * hubs may ingest at once, even the same batch (a kiosk retrying through a load balancer): a
 * check-in is inserted with ON CONFLICT (uuid) DO NOTHING, which waits for a concurrent insert
 * of the same uuid to commit, so each is stored and tallied exactly once and the other hub
 * answers duplicate. The tallies of one check-in go in the same statement as its insert, so
 * they happen only when it was new. Hot rows (the 15-minute entries tick, the kiosk's row, the
 * change sequence) are written at the end of the transaction, in a fixed order, so that their
 * locks are held briefly; a deadlock PostgreSQL still finds (two batches moving the same two
 * attendees in opposite orders) aborts one transaction, which is tried again. */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "counts.h"
#include "fail.h"
#include "hubdb_hub.h"
#include "store_pg_int.h"

#define PLACES_MAX 16 /* distinct places one batch recounts; a kiosk serves one gate */

static bool granted(const struct ly_checkin *c)
{
    return strcmp(c->decision, "granted") == 0 || strcmp(c->decision, "already_inside") == 0;
}

/* What one batch adds up to, written after its check-ins. */
struct batch {
    int64_t ticks[LY_SYNC_BATCH_MAX], tick_n[LY_SYNC_BATCH_MAX];
    size_t nticks;
    const char *places[PLACES_MAX];
    size_t nplaces;
    bool all_places;
    int64_t scans, grants;
};

static void add_tick(struct batch *b, int64_t tick)
{
    for (size_t i = 0; i < b->nticks; i++) {
        if (b->ticks[i] == tick) {
            b->tick_n[i]++;
            return;
        }
    }
    if (b->nticks < LY_SYNC_BATCH_MAX) {
        b->ticks[b->nticks] = tick;
        b->tick_n[b->nticks++] = 1;
    }
}

static void add_place(struct batch *b, const char *place)
{
    for (size_t j = 0; j < b->nplaces; j++)
        if (strcmp(b->places[j], place) == 0)
            return;
    if (b->nplaces < PLACES_MAX)
        b->places[b->nplaces++] = place;
    else
        b->all_places = true;
}

/* Stores one check-in with its tallies (onsite, per local day, presence); *res is stored,
 * duplicate (this kiosk sent it before) or rejected (another kiosk's uuid). */
static bool store_one(struct pg_store *s, int64_t kiosk, const struct ly_checkin *c, int64_t t_ms,
                      int64_t received_ms, enum ly_store_item *res, char *err, size_t errsz)
{
    struct pg_args a = {0};
    char day[11];
    time_t t = (time_t)(t_ms / 1000);
    struct tm tm;
    localtime_r(&t, &tm);
    strftime(day, sizeof day, "%Y-%m-%d", &tm);
    pg_arg_text(&a, c->uuid);
    pg_arg_int(&a, kiosk);
    pg_arg_int(&a, c->seq);
    pg_arg_int(&a, c->wall_ms);
    pg_arg_int(&a, c->mono_ms);
    pg_arg_int(&a, t_ms);
    pg_arg_int(&a, received_ms);
    pg_arg_text(&a, c->gate);
    pg_arg_int(&a, c->attendee_id);
    pg_arg_text(&a, c->code_kind);
    pg_arg_text(&a, c->decision);
    pg_arg_text(&a, c->reason_code);
    pg_arg_text(&a, c->place);
    pg_arg_int(&a, c->direction);
    pg_arg_bool(&a, c->attendee_id != 0 && granted(c));
    pg_arg_text(&a, day);
    pg_arg_bool(&a, c->direction != 0 && c->attendee_id != 0 && c->place[0] != '\0');
    int64_t stored;
    if (!pg_scalar(s,
                   "WITH ins AS (INSERT INTO checkins (uuid, kiosk, kiosk_seq, wall_ms, mono_ms, "
                   "t_ms, received_ms, gate, attendee_id, code_kind, decision, reason_code, place, "
                   "direction) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, "
                   "$14) ON CONFLICT (uuid) DO NOTHING RETURNING attendee_id), "
                   "o AS (INSERT INTO onsite (attendee_id, first_ms) SELECT attendee_id, $6 "
                   "FROM ins WHERE $15::boolean ON CONFLICT DO NOTHING), "
                   "d AS (INSERT INTO onsite_days (day, attendee_id) SELECT $16, attendee_id "
                   "FROM ins WHERE $15::boolean ON CONFLICT DO NOTHING), "
                   "m AS (INSERT INTO presence AS p (place, attendee_id, direction, t_ms, entered) "
                   "SELECT $13, attendee_id, $14, $6, $14::smallint = 1 FROM ins "
                   "WHERE $17::boolean ON CONFLICT (place, attendee_id) DO UPDATE SET "
                   "direction = CASE WHEN p.t_ms <= excluded.t_ms THEN excluded.direction "
                   "ELSE p.direction END, t_ms = greatest(p.t_ms, excluded.t_ms), "
                   "entered = p.entered OR excluded.entered) "
                   "SELECT count(*) FROM ins",
                   &a, &stored, err, errsz))
        return false;
    if (stored == 1) {
        *res = LY_ITEM_STORED;
        return true;
    }
    struct pg_args b = {0};
    int64_t owner;
    pg_arg_text(&b, c->uuid);
    if (!pg_scalar(s, "SELECT kiosk FROM checkins WHERE uuid = $1", &b, &owner, err, errsz))
        return false;
    *res = owner == kiosk ? LY_ITEM_DUPLICATE : LY_ITEM_REJECTED;
    return true;
}

/* Recounts who is inside place today; when that changed, records it under *seq (taken on the
 * first change of the batch). The caller holds the change sequence's row lock, so the count
 * sees every batch committed before this one and none commits meanwhile. */
static bool recount(struct pg_store *s, const char *place, int64_t day_start, int64_t *seq,
                    char *err, size_t errsz)
{
    struct pg_args a = {0};
    PGresult *r;
    pg_arg_text(&a, place);
    pg_arg_int(&a, day_start);
    if (!pg_exec(s,
                 "SELECT (SELECT count(*) FROM presence WHERE place = $1 AND direction = 1 AND "
                 "t_ms >= $2), (SELECT inside FROM occupancy WHERE place = $1)",
                 &a, &r, err, errsz))
        return false;
    int64_t inside = pg_num(r, 0, 0);
    bool same = !PQgetisnull(r, 0, 1) && pg_num(r, 0, 1) == inside;
    PQclear(r);
    if (same)
        return true;
    if (*seq == 0 && !pg_take_seq(s, seq, err, errsz))
        return false;
    struct pg_args b = {0};
    pg_arg_text(&b, place);
    pg_arg_int(&b, inside);
    pg_arg_int(&b, *seq);
    return pg_exec(s,
                   "INSERT INTO occupancy (place, inside, seq) VALUES ($1, $2, $3) "
                   "ON CONFLICT (place) DO UPDATE SET inside = $2, seq = $3",
                   &b, NULL, err, errsz);
}

static int cmp_tick(const void *a, const void *b)
{
    int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
    return (x > y) - (x < y);
}

/* The batch's sums: venue entries per tick (in tick order), the kiosk's row, then occupancy. */
static bool finish(struct pg_store *s, const struct ly_store_kiosk *k, struct batch *b,
                   int64_t received_ms, int64_t queue, char *err, size_t errsz)
{
    int64_t pairs[LY_SYNC_BATCH_MAX][2];
    for (size_t i = 0; i < b->nticks; i++) {
        pairs[i][0] = b->ticks[i];
        pairs[i][1] = b->tick_n[i];
    }
    qsort(pairs, b->nticks, sizeof pairs[0], cmp_tick);
    for (size_t i = 0; i < b->nticks; i++) {
        struct pg_args a = {0};
        pg_arg_int(&a, pairs[i][0]);
        pg_arg_int(&a, pairs[i][1]);
        if (!pg_exec(s,
                     "INSERT INTO entries (tick, n) VALUES ($1, $2) ON CONFLICT (tick) DO UPDATE "
                     "SET n = entries.n + excluded.n",
                     &a, NULL, err, errsz))
            return false;
    }
    struct pg_args a = {0};
    pg_arg_int(&a, k->id);
    pg_arg_int(&a, queue);
    pg_arg_int(&a, received_ms);
    pg_arg_int(&a, b->scans);
    pg_arg_int(&a, b->grants);
    if (!pg_exec(s,
                 "UPDATE kiosks SET queue = $2, last_contact_ms = $3, scans = scans + $4, "
                 "granted = granted + $5 WHERE id = $1",
                 &a, NULL, err, errsz))
        return false;
    if (b->nplaces == 0 && !b->all_places)
        return true;
    /* The change sequence's row lock, taken before counting (see recount). */
    int64_t seq = 0, locked;
    if (!pg_scalar(s, "SELECT value FROM meta WHERE key = 'change_seq' FOR UPDATE", NULL, &locked,
                   err, errsz))
        return false;
    int64_t day = ly_hubdb_day_start(received_ms);
    if (!b->all_places) {
        for (size_t j = 0; j < b->nplaces; j++)
            if (!recount(s, b->places[j], day, &seq, err, errsz))
                return false;
        return true;
    }
    /* A batch through more places than PLACES_MAX (not one kiosk's traffic): recount every
     * place the hub knows of. */
    PGresult *r;
    if (!pg_exec(s, "SELECT DISTINCT place FROM presence ORDER BY place", NULL, &r, err, errsz))
        return false;
    bool ok = true;
    for (int i = 0; ok && i < PQntuples(r); i++)
        ok = recount(s, PQgetvalue(r, i, 0), day, &seq, err, errsz);
    PQclear(r);
    return ok;
}

static bool ingest_tx(struct pg_store *s, const struct ly_store_kiosk *k,
                      const struct ly_checkin *items, size_t n, int64_t skew_ms,
                      int64_t received_ms, int64_t queue, enum ly_store_item *results,
                      struct batch *b, char *err, size_t errsz)
{
    if (!pg_begin(s, err, errsz))
        return false;
    for (size_t i = 0; i < n; i++) {
        const struct ly_checkin *c = &items[i];
        if (results[i] == LY_ITEM_REJECTED)
            continue;
        int64_t t = c->wall_ms + skew_ms;
        if (t > received_ms)
            t = received_ms;
        if (t < 0)
            t = 0;
        if (!store_one(s, k->id, c, t, received_ms, &results[i], err, errsz))
            return false;
        if (results[i] != LY_ITEM_STORED)
            continue;
        b->scans++;
        b->grants += granted(c);
        if (c->direction == 1 && strcmp(c->place, "venue") == 0)
            add_tick(b, t / LY_COUNTS_TICK_MS * LY_COUNTS_TICK_MS);
        if (c->direction != 0 && c->place[0] != '\0')
            add_place(b, c->place);
    }
    return finish(s, k, b, received_ms, queue, err, errsz) && pg_commit(s, err, errsz);
}

bool pg_ingest(struct ly_store *st, const struct ly_store_kiosk *k, const struct ly_checkin *items,
               size_t n, int64_t skew_ms, int64_t received_ms, int64_t queue,
               enum ly_store_item *results, char *err, size_t errsz)
{
    struct pg_store *s = (struct pg_store *)st;
    if (n > LY_SYNC_BATCH_MAX)
        return ly_fail(err, errsz, "a batch of %zu check-ins is over %d", n, LY_SYNC_BATCH_MAX);
    enum ly_store_item *given = malloc((n ? n : 1) * sizeof *given);
    struct batch *b = malloc(sizeof *b);
    bool ok = false;
    if (given == NULL || b == NULL) {
        free(given);
        free(b);
        return ly_fail(err, errsz, "out of memory");
    }
    memcpy(given, results, n * sizeof *given);
    for (int tries = 0; tries < PG_RETRIES && !ok; tries++) {
        memset(b, 0, sizeof *b);
        memcpy(results, given, n * sizeof *given);
        s->sqlstate[0] = '\0';
        ok = ingest_tx(s, k, items, n, skew_ms, received_ms, queue, results, b, err, errsz);
        if (!ok)
            pg_rollback(s);
        if (!ok && !pg_retryable(s))
            break;
    }
    free(given);
    free(b);
    return ok;
}
