/* store_pg_ingest.c - check-ins pushed by kiosks, into PostgreSQL (store.h "ingest"). Several
 * hubs may ingest at once, even the same batch (a kiosk retrying through a load balancer): a
 * check-in is inserted with ON CONFLICT (uuid) DO NOTHING, which waits for a concurrent insert
 * of the same uuid to commit, so each is stored and tallied exactly once and the other hub
 * answers duplicate. The batch is one statement, its columns passed as array parameters (one
 * round trip for 500 check-ins, not 500), and its tallies are computed in that statement from
 * the rows the insert took, so they count only check-ins that were new. Hot rows (the 15-minute
 * entries tick, the kiosk's row, the change sequence) are written at the end of the transaction, in
 * a fixed order, so that their locks are held briefly; a deadlock PostgreSQL still finds (two
 * batches moving the same two attendees in opposite orders) aborts one transaction, which is tried
 * again. */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "common/dynbuf.h"
#include "common/fail.h"
#include "common/ly_limits.h"
#include "counts/counts.h"
#include "orgdb/hubdb_hub.h"
#include "store/pg/store_pg_int.h"
#include "store/pg/store_pg_ingest.h"
#include "store/pg/store_pg_occupancy.h"

#include "store/pg/store_pg_prints.h"

/* Whether the entry is an arrival: a grant, or a badge handed out (a pickup, a walk-in). */
static bool granted(const struct ly_checkin *c)
{
    return strcmp(c->decision, "granted") == 0 || strcmp(c->decision, "already_inside") == 0 ||
           strcmp(c->decision, "picked_up") == 0 || strcmp(c->decision, "registered") == 0;
}

/* What one batch adds up to, written after its check-ins. */
struct batch {
    int64_t ticks[LY_SYNC_BATCH_MAX], tick_n[LY_SYNC_BATCH_MAX];
    size_t nticks;
    struct ly_moved moved; /* the places to recount */
    int64_t scans, grants;
    int64_t acked; /* the highest of the kiosk's check-ins the hub has now (peer exchange) */
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

/* A PostgreSQL array literal ({"a","b"}) built in a growing buffer: a batch's column passed as
 * one parameter. Elements are quoted, with backslash before " and \. */
struct array {
    struct ly_dynbuf text; /* up to LY_PG_ARRAY_MAX */
    bool failed;           /* out of memory or too long: later puts do nothing */
};

static void array_init(struct array *a)
{
    ly_dynbuf_init(&a->text, LY_PG_ARRAY_MAX);
    a->failed = false;
}

static void put(struct array *a, const char *s, size_t n)
{
    if (!a->failed && ly_dynbuf_add(&a->text, s, n) != LY_DYN_OK)
        a->failed = true;
}

static void put_text(struct array *a, const char *s)
{
    put(a, ly_dynbuf_len(&a->text) ? ",\"" : "{\"", 2);
    for (const char *c = s; *c; c++) {
        if (*c == '"' || *c == '\\')
            put(a, "\\", 1);
        put(a, c, 1);
    }
    put(a, "\"", 1);
}

static void put_int(struct array *a, int64_t v)
{
    char num[24];
    snprintf(num, sizeof num, "%lld", (long long)v);
    put_text(a, num);
}

static const char *done(struct array *a)
{
    bool empty = ly_dynbuf_len(&a->text) == 0;
    put(a, empty ? "{}" : "}", empty ? 2 : 1);
    return a->failed ? NULL : ly_dynbuf_ptr(&a->text);
}

enum col {
    C_UUID,
    C_SEQ,
    C_WALL,
    C_MONO,
    C_T,
    C_GATE,
    C_ATTENDEE,
    C_CODE_KIND,
    C_DECISION,
    C_REASON,
    C_PLACE,
    C_DIRECTION,
    C_DAY,
    C_BADGE_VERSION,
    C_BADGE_KEY,
    C_POLICY,
    C_COUNT,
};

/* Stores the batch's check-ins (those not rejected on entry) in one statement, with their
 * tallies: the attendees onsite, per local day, and each attendee's latest movement per place
 * (presence), all from the rows the insert took, so a check-in another hub stored already is
 * not counted again. Sets results[i] to stored, duplicate or rejected (another kiosk's uuid). */
static bool store_all(struct pg_store *s, int64_t kiosk, const struct ly_checkin *items,
                      const int64_t *t_ms, size_t n, int64_t received_ms,
                      enum ly_store_item *results, char *err, size_t errsz)
{
    struct array col[C_COUNT], left;
    struct pg_args a = {0};
    for (int i = 0; i < C_COUNT; i++)
        array_init(&col[i]);
    array_init(&left);
    PGresult *r = NULL;
    bool ok = false;
    size_t taken = 0;
    for (size_t i = 0; i < n; i++) {
        const struct ly_checkin *c = &items[i];
        char day[11];
        if (results[i] != LY_ITEM_STORED)
            continue;
        time_t t = (time_t)(t_ms[i] / 1000);
        struct tm tm;
        localtime_r(&t, &tm);
        strftime(day, sizeof day, "%Y-%m-%d", &tm);
        put_text(&col[C_UUID], c->uuid);
        put_int(&col[C_SEQ], c->seq);
        put_int(&col[C_WALL], c->wall_ms);
        put_int(&col[C_MONO], c->mono_ms);
        put_int(&col[C_T], t_ms[i]);
        put_text(&col[C_GATE], c->gate);
        put_int(&col[C_ATTENDEE], c->attendee_id);
        put_text(&col[C_CODE_KIND], c->code_kind);
        put_text(&col[C_DECISION], c->decision);
        put_text(&col[C_REASON], c->reason_code);
        put_text(&col[C_PLACE], c->place);
        put_int(&col[C_DIRECTION], c->direction);
        put_text(&col[C_DAY], day);
        put_int(&col[C_BADGE_VERSION], c->badge_version);
        put_int(&col[C_BADGE_KEY], c->badge_key);
        put_text(&col[C_POLICY], c->policy);
        results[i] = LY_ITEM_DUPLICATE; /* until the insert says it took it */
        taken++;
    }
    if (taken == 0) {
        ok = true;
        goto out;
    }
    pg_arg_int(&a, kiosk);
    for (int i = 0; i < C_COUNT; i++)
        pg_arg_text(&a, done(&col[i]));
    pg_arg_int(&a, received_ms); /* $18 */
    for (int i = 0; i < a.n; i++) {
        if (a.v[i] == NULL) {
            ly_fail(err, errsz, "out of memory");
            goto out;
        }
    }
    /* One row per uuid (a batch naming a uuid twice stores it once); the tallies lock their
     * rows in key order. */
    if (!pg_exec(s,
                 "WITH v AS (SELECT DISTINCT ON (uuid) * FROM unnest($2::text[], $3::bigint[], "
                 "$4::bigint[], $5::bigint[], $6::bigint[], $7::text[], $8::bigint[], $9::text[], "
                 "$10::text[], $11::text[], $12::text[], $13::smallint[], $14::text[], "
                 "$15::integer[], $16::bigint[], $17::text[]) WITH "
                 "ORDINALITY AS v(uuid, kiosk_seq, wall_ms, mono_ms, t_ms, gate, attendee_id, "
                 "code_kind, decision, reason_code, place, direction, day, badge_version, "
                 "badge_key, policy, ord) ORDER BY uuid, ord), "
                 "ins AS (INSERT INTO checkins (uuid, kiosk, kiosk_seq, wall_ms, mono_ms, t_ms, "
                 "received_ms, gate, attendee_id, code_kind, decision, reason_code, place, "
                 "direction, badge_version, badge_key, policy) SELECT uuid, $1, kiosk_seq, "
                 "wall_ms, mono_ms, t_ms, $18, gate, attendee_id, code_kind, decision, "
                 "reason_code, place, direction, badge_version, badge_key, policy FROM v "
                 "ORDER BY ord ON CONFLICT (uuid) DO NOTHING RETURNING uuid), "
                 "j AS (SELECT v.* FROM v JOIN ins USING (uuid)), "
                 "g AS (SELECT * FROM j WHERE attendee_id <> 0 AND decision IN ('granted', "
                 "'already_inside', 'picked_up', 'registered')), "
                 "o AS (INSERT INTO onsite (attendee_id, first_ms) SELECT attendee_id, "
                 "min(t_ms) FROM g GROUP BY attendee_id ORDER BY attendee_id "
                 "ON CONFLICT DO NOTHING), "
                 "d AS (INSERT INTO onsite_days (day, attendee_id) SELECT DISTINCT day, "
                 "attendee_id FROM g ORDER BY day, attendee_id ON CONFLICT DO NOTHING), "
                 "m AS (INSERT INTO presence AS p (place, attendee_id, direction, t_ms, entered) "
                 "SELECT place, attendee_id, (array_agg(direction ORDER BY t_ms DESC, ord "
                 "DESC))[1], max(t_ms), bool_or(direction = 1) FROM j WHERE direction <> 0 AND "
                 "attendee_id <> 0 AND place <> '' GROUP BY place, attendee_id "
                 "ORDER BY place, attendee_id ON CONFLICT (place, attendee_id) DO UPDATE SET "
                 "direction = CASE WHEN p.t_ms <= excluded.t_ms THEN excluded.direction "
                 "ELSE p.direction END, t_ms = greatest(p.t_ms, excluded.t_ms), "
                 "entered = p.entered OR excluded.entered) "
                 "SELECT uuid FROM ins",
                 &a, &r, err, errsz))
        goto out;
    /* The first item of each uuid the insert took is stored; the rest are duplicates, or
     * another kiosk's check-ins (looked up below). */
    for (int row = 0; row < PQntuples(r); row++) {
        const char *u = PQgetvalue(r, row, 0);
        for (size_t i = 0; i < n; i++) {
            if (results[i] == LY_ITEM_DUPLICATE && strcmp(items[i].uuid, u) == 0) {
                results[i] = LY_ITEM_STORED;
                break;
            }
        }
    }
    PQclear(r);
    r = NULL;
    size_t nleft = 0;
    for (size_t i = 0; i < n; i++) {
        if (results[i] == LY_ITEM_DUPLICATE) {
            put_text(&left, items[i].uuid);
            nleft++;
        }
    }
    if (nleft == 0) {
        ok = true;
        goto out;
    }
    struct pg_args b = {0};
    pg_arg_text(&b, done(&left));
    pg_arg_int(&b, kiosk);
    if (b.v[0] == NULL) {
        ly_fail(err, errsz, "out of memory");
        goto out;
    }
    if (!pg_exec(s, "SELECT uuid FROM checkins WHERE uuid = ANY($1::text[]) AND kiosk <> $2", &b,
                 &r, err, errsz))
        goto out;
    for (int row = 0; row < PQntuples(r); row++) {
        const char *u = PQgetvalue(r, row, 0);
        for (size_t i = 0; i < n; i++)
            if (results[i] == LY_ITEM_DUPLICATE && strcmp(items[i].uuid, u) == 0)
                results[i] = LY_ITEM_REJECTED;
    }
    ok = true;
out:
    PQclear(r);
    for (int i = 0; i < C_COUNT; i++)
        ly_dynbuf_free(&col[i].text);
    ly_dynbuf_free(&left.text);
    return ok;
}

#define DAY_MS (24LL * 3600 * 1000)

/* Records a conflict for each stored check-in that is a second admission into its place that
 * the re-entry policy of either admission forbade, as ly_hubdb_conflict_check does on SQLite
 * (docs/gates.md, "Doors without the hub"). Runs after store_all, whose presence upsert locked
 * each admitted (place, attendee) row until commit: a hub storing the other admission of the same
 * badge at the same time waited there, so this statement (a new snapshot at READ COMMITTED) sees
 * its check-in, and of two such hubs the later one records the conflict. */
static bool find_conflicts(struct pg_store *s, int64_t kiosk, const struct ly_checkin *items,
                           const int64_t *t_ms, size_t n, int64_t received_ms,
                           const enum ly_store_item *results, char *err, size_t errsz)
{
    struct array uuid, day;
    array_init(&uuid);
    array_init(&day);
    size_t m = 0;
    for (size_t i = 0; i < n; i++) {
        const struct ly_checkin *c = &items[i];
        if (results[i] != LY_ITEM_STORED || strcmp(c->decision, "granted") != 0 ||
            c->direction != 1 || c->attendee_id == 0 ||
            strcmp(c->reason_code, "staff_override") == 0)
            continue;
        put_text(&uuid, c->uuid);
        put_int(&day, ly_hubdb_day_start(t_ms[i]));
        m++;
    }
    bool ok = true;
    if (m > 0) {
        struct pg_args a = {0};
        pg_arg_text(&a, done(&uuid));
        pg_arg_text(&a, done(&day));
        pg_arg_int(&a, kiosk);
        pg_arg_int(&a, received_ms);
        pg_arg_int(&a, DAY_MS);
        if (a.v[0] == NULL || a.v[1] == NULL)
            ok = ly_fail(err, errsz, "out of memory");
        else
            ok = pg_exec(
                s,
                "INSERT INTO conflicts (attendee_id, place, policy, first_uuid, second_uuid, "
                "first_kiosk, second_kiosk, first_ms, second_ms, detected_ms) "
                "SELECT v.attendee_id, v.place, f.policy, f.uuid, v.uuid, f.kiosk, $3, f.t_ms, "
                "v.t_ms, $4 FROM unnest($1::text[], $2::bigint[]) AS u(uuid, day) "
                "JOIN checkins v ON v.uuid = u.uuid AND v.kiosk = $3 "
                "CROSS JOIN LATERAL (SELECT c.uuid, c.kiosk, c.t_ms, CASE WHEN c.policy = "
                "'never' OR v.policy = 'never' THEN 'never' ELSE 'once_per_day' END AS policy "
                "FROM checkins c WHERE c.attendee_id = v.attendee_id AND c.place = v.place AND "
                "c.decision = 'granted' AND c.direction = 1 AND c.kiosk <> $3 AND "
                "c.reason_code <> 'staff_override' AND (v.policy IN ('once_per_day', 'never') "
                "OR c.policy IN ('once_per_day', 'never')) AND (v.policy = 'never' OR c.policy "
                "= 'never' OR (c.t_ms >= u.day AND c.t_ms < u.day + $5::bigint)) "
                "ORDER BY c.t_ms LIMIT 1) f ORDER BY v.t_ms, v.uuid "
                "ON CONFLICT (second_uuid) DO NOTHING",
                &a, NULL, err, errsz);
    }
    ly_dynbuf_free(&uuid.text);
    ly_dynbuf_free(&day.text);
    return ok;
}

static int cmp_tick(const void *a, const void *b)
{
    int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
    return (x > y) - (x < y);
}

bool pg_peer_bump(struct pg_store *s, int64_t kiosk, const char *addr, int64_t acked, int64_t *seq,
                  char *err, size_t errsz)
{
    /* statements are prepared once per connection, known by their text's address: constants */
    static const char *const changed[2] = {
        "SELECT count(*) FROM kiosks WHERE id = $1 AND acked_seq < $2::bigint AND key_seq IS NOT "
        "NULL AND revoked_ms IS NULL",
        "SELECT count(*) FROM kiosks WHERE id = $1 AND peer_addr <> $2 AND key_seq IS NOT NULL "
        "AND revoked_ms IS NULL",
    };
    static const char *const set[2] = {
        "UPDATE kiosks SET acked_seq = $2::bigint, key_seq = $3::bigint WHERE id = $1",
        "UPDATE kiosks SET peer_addr = $2, key_seq = $3::bigint WHERE id = $1",
    };
    int64_t n = 0;
    struct pg_args a = {0};
    pg_arg_int(&a, kiosk);
    if (addr)
        pg_arg_text(&a, addr);
    else
        pg_arg_int(&a, acked);
    if (!pg_scalar(s, changed[addr != NULL], &a, &n, err, errsz))
        return false;
    if (n == 0)
        return true;
    if (*seq == 0 && !pg_take_seq(s, seq, err, errsz))
        return false;
    pg_arg_int(&a, *seq);
    return pg_exec(s, set[addr != NULL], &a, NULL, err, errsz);
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
    if (b->moved.n == 0 && !b->moved.all && b->acked == 0)
        return true;
    /* The change sequence's row lock, taken before counting (a count then sees every batch
     * committed before this one, and none commits meanwhile). */
    int64_t seq = 0, locked;
    if (!pg_scalar(s, "SELECT value FROM meta WHERE key = 'change_seq' FOR UPDATE", NULL, &locked,
                   err, errsz))
        return false;
    /* The kiosk's key change carries how far the hub has its check-ins, in the sequence of the
     * occupancy they changed (docs/sync-protocol.md, "Peer exchange"). */
    if (b->acked > 0 && !pg_peer_bump(s, k->id, NULL, b->acked, &seq, err, errsz))
        return false;
    if (b->moved.n == 0 && !b->moved.all)
        return true;
    return pg_recount_moved(s, &b->moved, received_ms, &seq, err, errsz);
}

static bool ingest_tx(struct pg_store *s, const struct ly_store_kiosk *k,
                      const struct ly_checkin *items, size_t n, int64_t skew_ms,
                      int64_t received_ms, int64_t queue, enum ly_store_item *results,
                      struct batch *b, char *err, size_t errsz)
{
    int64_t t_ms[LY_SYNC_BATCH_MAX];
    bool stored[LY_SYNC_BATCH_MAX];
    for (size_t i = 0; i < n; i++) {
        int64_t t = items[i].wall_ms + skew_ms;
        t_ms[i] = t > received_ms ? received_ms : t < 0 ? 0 : t;
    }
    if (!pg_begin(s, err, errsz) ||
        !store_all(s, k->id, items, t_ms, n, received_ms, results, err, errsz))
        return false;
    for (size_t i = 0; i < n; i++) {
        const struct ly_checkin *c = &items[i];
        if ((results[i] == LY_ITEM_STORED || results[i] == LY_ITEM_DUPLICATE ||
             results[i] == LY_ITEM_REFUSED) &&
            c->seq > b->acked)
            b->acked = c->seq;
        if (results[i] != LY_ITEM_STORED)
            continue;
        b->scans++;
        b->grants += granted(c);
        if (!pg_ingest_print(s, c, err, errsz))
            return false;
        if (c->direction == 1 && strcmp(c->place, "venue") == 0)
            add_tick(b, t_ms[i] / LY_COUNTS_TICK_MS * LY_COUNTS_TICK_MS);
    }
    for (size_t i = 0; i < n; i++)
        stored[i] = results[i] == LY_ITEM_STORED;
    return find_conflicts(s, k->id, items, t_ms, n, received_ms, results, err, errsz) &&
           pg_whereabouts(s, items, stored, t_ms, n, &b->moved, err, errsz) &&
           finish(s, k, b, received_ms, queue, err, errsz) && pg_commit(s, err, errsz);
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
