/* store_pg_load.c - an organizer database (hubdb.h) copied into PostgreSQL (store.h "load"),
 * so that hubs on PostgreSQL serve the event the organizer prepared with `lanyard`: the event,
 * its keys (the secret signing key too, as the organizer database keeps it), rooms, sessions,
 * registrations with their ticket codes, and the gate rules, with their ids. All in one
 * transaction that holds the change sequence's row lock from the start (store_pg_int.h), so
 * the rows it changes take consecutive seqs that no other writer interleaves with. */
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/dynbuf.h"
#include "common/fail.h"
#include "common/ly_limits.h"
#include "event/records.h"
#include "event/records_fields.h"
#include "store/pg/store_pg_int.h"
#include "store/pg/store_pg_load.h"
#include "store/pg/store_pg_sealed.h"

struct load {
    struct pg_store *s;
    struct ly_store_loaded *n;
    int64_t seq; /* the last seq handed out */
    char *err;
    size_t errsz;
};

/* Runs an upsert whose last parameter is a candidate seq and that returns a row only when it
 * wrote; the seq is used up only then. */
static bool upsert(struct load *l, const char *sql, struct pg_args *a, bool *wrote)
{
    PGresult *r;
    pg_arg_int(a, l->seq + 1);
    if (!pg_exec(l->s, sql, a, &r, l->err, l->errsz))
        return false;
    *wrote = PQntuples(r) > 0;
    PQclear(r);
    if (*wrote) {
        l->seq++;
        l->n->changed++;
    }
    return true;
}

static bool load_room(void *ctx, const struct ly_kiosk_room *r)
{
    struct load *l = ctx;
    struct pg_args a = {0};
    bool wrote;
    pg_arg_int(&a, r->id);
    pg_arg_text(&a, r->name);
    pg_arg_int(&a, r->capacity);
    pg_arg_text(&a, r->location);
    l->n->rooms++;
    return upsert(l,
                  "INSERT INTO rooms AS r (id, name, capacity, location, seq) VALUES ($1, $2, "
                  "$3, $4, $5) ON CONFLICT (id) DO UPDATE SET name = $2, capacity = $3, "
                  "location = $4, seq = $5 WHERE (r.name, r.capacity, r.location) IS DISTINCT "
                  "FROM ($2, $3, $4) RETURNING id",
                  &a, &wrote);
}

static bool load_session(void *ctx, int64_t id, int64_t room_id, const struct ly_session *s)
{
    struct load *l = ctx;
    struct pg_args a = {0};
    bool wrote;
    pg_arg_int(&a, id);
    pg_arg_text(&a, s->ext_id);
    pg_arg_text(&a, s->title);
    pg_arg_text(&a, s->type);
    pg_arg_int(&a, room_id);
    pg_arg_text(&a, s->starts);
    pg_arg_text(&a, s->ends);
    pg_arg_int(&a, s->capacity);
    pg_arg_text(&a, s->categories);
    pg_arg_int(&a, s->slips);
    pg_arg_int(&a, s->overflow_room_id);
    pg_arg_text(&a, s->online_url);
    l->n->sessions++;
    /* upsert appends the change sequence as the last parameter ($13) */
    return upsert(l,
                  "INSERT INTO sessions AS s (id, ext_id, title, type, room_id, starts, ends, "
                  "capacity, categories, slips, overflow_room_id, online_url, seq) VALUES ($1, "
                  "$2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) ON CONFLICT (id) DO UPDATE "
                  "SET ext_id = $2, title = $3, type = $4, room_id = $5, starts = $6, ends = $7, "
                  "capacity = $8, categories = $9, slips = $10, overflow_room_id = $11, "
                  "online_url = $12, seq = $13 WHERE (s.ext_id, s.title, s.type, s.room_id, "
                  "s.starts, s.ends, s.capacity, s.categories, s.slips, s.overflow_room_id, "
                  "s.online_url) IS DISTINCT FROM ($2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) "
                  "RETURNING id",
                  &a, &wrote);
}

/* Makes code the registration's only ticket code ("" none) at seq; a removed one leaves a
 * tombstone for kiosks. */
static bool set_alt_code(struct load *l, uint32_t id, const char *code, int64_t seq)
{
    struct pg_args a = {0}, b = {0};
    PGresult *r;
    pg_arg_int(&a, id);
    if (!pg_exec(l->s, "DELETE FROM alt_codes WHERE registration_id = $1 RETURNING code", &a, &r,
                 l->err, l->errsz))
        return false;
    bool had = PQntuples(r) > 0;
    PQclear(r);
    pg_arg_int(&b, id);
    pg_arg_int(&b, seq);
    if (code[0] == '\0')
        return !had || pg_exec(l->s,
                               "INSERT INTO tombstones (kind, id, seq) VALUES ('alt_code', $1, $2) "
                               "ON CONFLICT (kind, id) DO UPDATE SET seq = $2",
                               &b, NULL, l->err, l->errsz);
    pg_arg_text(&b, code);
    return pg_exec(l->s, "INSERT INTO alt_codes (registration_id, seq, code) VALUES ($1, $2, $3)",
                   &b, NULL, l->err, l->errsz);
}

static bool load_attendee(void *ctx, const struct ly_attendee *at)
{
    struct load *l = ctx;
    const struct ly_registration *g = &at->reg;
    struct pg_args a = {0}, c = {0};
    char have[LY_ALT_CODE_MAX + 1];
    PGresult *r;
    bool wrote;
    l->n->registrations++;
    pg_arg_int(&c, at->id);
    if (!pg_exec(l->s, "SELECT code FROM alt_codes WHERE registration_id = $1", &c, &r, l->err,
                 l->errsz))
        return false;
    pg_copy(r, 0, 0, have, sizeof have);
    PQclear(r);
    bool code_changed = strcmp(have, g->alt_code) != 0;
    const char *f[] = {g->ext_id,        g->name,        g->name_latin, g->affiliation, g->country,
                       g->region,        g->stakeholder, g->attendance, g->category,    g->language,
                       g->accessibility, g->email,       g->phone,      g->source};
    pg_arg_int(&a, at->id);
    for (size_t i = 0; i < sizeof f / sizeof f[0]; i++)
        pg_arg_text(&a, f[i]);
    pg_arg_int(&a, at->badge_version);
    pg_arg_bool(&a, at->revoked);
    pg_arg_bool(&a, code_changed);
    /* A badge version never goes down and a revocation made at the hub stays. */
    if (!upsert(l,
                "INSERT INTO registrations AS r (id, ext_id, name, name_latin, affiliation, "
                "country, region, stakeholder, attendance, category, language, accessibility, "
                "email, phone, source, badge_version, revoked, seq) VALUES ($1, $2, $3, $4, $5, "
                "$6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $19) "
                "ON CONFLICT (id) DO UPDATE SET ext_id = $2, name = $3, name_latin = $4, "
                "affiliation = $5, country = $6, region = $7, stakeholder = $8, attendance = $9, "
                "category = $10, language = $11, accessibility = $12, email = $13, phone = $14, "
                "source = $15, badge_version = greatest(r.badge_version, $16), "
                /* a newer version from the organizer is signed by the event's key */
                "badge_key = CASE WHEN $16 > r.badge_version THEN 0 ELSE r.badge_key END, "
                "revoked = r.revoked OR $17, seq = $19, updated_at = now() "
                "WHERE $18::boolean OR $16 > r.badge_version OR ($17 AND NOT r.revoked) OR "
                "(r.ext_id, r.name, r.name_latin, r.affiliation, r.country, r.region, "
                "r.stakeholder, r.attendance, r.category, r.language, r.accessibility, r.email, "
                "r.phone, r.source) IS DISTINCT FROM ($2, $3, $4, $5, $6, $7, $8, $9, $10, $11, "
                "$12, $13, $14, $15) RETURNING id",
                &a, &wrote))
        return false;
    return !code_changed || set_alt_code(l, at->id, g->alt_code, l->seq);
}

struct rules {
    struct ly_kiosk_hours *h;
    size_t nh, hcap;
    struct ly_kiosk_notice *no;
    size_t nn, ncap;
};

static bool take_hours(void *ctx, const struct ly_kiosk_hours *h)
{
    struct rules *r = ctx;
    struct ly_kiosk_hours *e =
        ly_array_push((void **)&r->h, &r->nh, &r->hcap, sizeof *r->h, LY_RULE_HOURS_MAX);
    if (e == NULL)
        return false;
    *e = *h;
    return true;
}

static bool take_notice(void *ctx, const struct ly_kiosk_notice *n)
{
    struct rules *r = ctx;
    struct ly_kiosk_notice *e =
        ly_array_push((void **)&r->no, &r->nn, &r->ncap, sizeof *r->no, LY_NOTICES_MAX);
    if (e == NULL)
        return false;
    *e = *n;
    return true;
}

/* Whether the store's rule set is r (hours by day, notices by id). */
static bool same_rules(struct load *l, const struct rules *r, bool *same)
{
    PGresult *h, *n;
    if (!pg_exec(l->s, "SELECT day, opens, closes FROM opening_hours ORDER BY day", NULL, &h,
                 l->err, l->errsz))
        return false;
    if (!pg_exec(l->s, "SELECT id, place, category, text FROM notices ORDER BY id", NULL, &n,
                 l->err, l->errsz)) {
        PQclear(h);
        return false;
    }
    *same = (size_t)PQntuples(h) == r->nh && (size_t)PQntuples(n) == r->nn;
    for (size_t i = 0; *same && i < r->nh; i++) {
        const struct ly_kiosk_hours *x = &r->h[i];
        *same = strcmp(PQgetvalue(h, (int)i, 0), x->day) == 0 &&
                strcmp(PQgetvalue(h, (int)i, 1), x->opens) == 0 &&
                strcmp(PQgetvalue(h, (int)i, 2), x->closes) == 0;
    }
    for (size_t i = 0; *same && i < r->nn; i++) {
        const struct ly_kiosk_notice *x = &r->no[i];
        *same = pg_num(n, (int)i, 0) == x->id && strcmp(PQgetvalue(n, (int)i, 1), x->place) == 0 &&
                strcmp(PQgetvalue(n, (int)i, 2), x->category) == 0 &&
                strcmp(PQgetvalue(n, (int)i, 3), x->text) == 0;
    }
    PQclear(h);
    PQclear(n);
    return true;
}

/* Inserts each of the n structs at arr (elem bytes apart) with sql: its fields, then seq. */
static bool insert_all(struct load *l, const char *sql, const struct ly_field *fields,
                       const void *arr, size_t n, size_t elem, int64_t seq)
{
    bool ok = true;
    for (size_t i = 0; ok && i < n; i++) {
        struct pg_args a = {0};
        pg_arg_fields(&a, fields, (const char *)arr + i * elem);
        pg_arg_int(&a, seq);
        ok = pg_exec(l->s, sql, &a, NULL, l->err, l->errsz);
    }
    return ok;
}

/* Replaces the rule set under one new seq, which meta.rules_seq records (a removed rule leaves
 * no row: kiosks behind rules_seq replace all of theirs). */
static bool load_rules(struct load *l, struct ly_hubdb *src)
{
    struct rules r = {0};
    bool same = false, ok;
    l->err[0] = '\0';
    ok = ly_hubdb_foreach_rule(src, take_hours, take_notice, &r, l->err, l->errsz) ||
         (l->err[0] == '\0' && ly_fail(l->err, l->errsz, "out of memory"));
    ok = ok && same_rules(l, &r, &same);
    if (ok && !same) {
        struct pg_args a = {0};
        int64_t seq = ++l->seq;
        l->n->changed++;
        pg_arg_int(&a, seq);
        ok = pg_plain(l->s, "DELETE FROM opening_hours", NULL, l->err, l->errsz) &&
             pg_plain(l->s, "DELETE FROM notices", NULL, l->err, l->errsz) &&
             pg_exec(l->s, "UPDATE meta SET value = $1 WHERE key = 'rules_seq'", &a, NULL, l->err,
                     l->errsz);
        ok = ok &&
             insert_all(l,
                        "INSERT INTO opening_hours (day, opens, closes, seq) VALUES ($1, $2, $3, "
                        "$4)",
                        ly_records_hours_fields, r.h, r.nh, sizeof *r.h, seq) &&
             insert_all(l,
                        "INSERT INTO notices (id, place, category, text, seq) VALUES ($1, $2, $3, "
                        "$4, $5)",
                        ly_records_notice_fields, r.no, r.nn, sizeof *r.no, seq);
    }
    free(r.h);
    free(r.no);
    return ok;
}

/* The event and its keys: a new store takes them; one holding another event is refused. */
static bool load_event(struct load *l, struct ly_hubdb *src)
{
    struct ly_event ev;
    struct ly_badge_key keys[LY_EVENT_KEYS_MAX];
    uint8_t sk[LY_BADGE_SK_BYTES];
    uint32_t sk_id = 0;
    size_t nkeys;
    int64_t have;
    struct pg_args a = {0};
    if (!ly_hubdb_event(src, &ev, l->err, l->errsz) ||
        !ly_hubdb_public_keys(src, keys, LY_EVENT_KEYS_MAX, &nkeys, l->err, l->errsz) ||
        !ly_hubdb_signing_key(src, sk, &sk_id, l->err, l->errsz) ||
        !pg_scalar(l->s, "SELECT coalesce(max(id), 0) FROM events", NULL, &have, l->err,
                   l->errsz)) {
        sodium_memzero(sk, sizeof sk);
        return false;
    }
    if (have != 0 && have != ev.id) {
        sodium_memzero(sk, sizeof sk);
        return ly_fail(l->err, l->errsz,
                       "this database holds another event (id %lld); use a new database for "
                       "event %u",
                       (long long)have, ev.id);
    }
    l->n->created = have == 0;
    pg_arg_fields(&a, ly_records_event_fields, &ev);
    bool ok = pg_exec(l->s,
                      "INSERT INTO events (id, name, starts, ends, timezone) VALUES ($1, $2, $3, "
                      "$4, $5) ON CONFLICT (id) DO UPDATE SET name = $2, starts = $3, ends = $4, "
                      "timezone = $5",
                      &a, NULL, l->err, l->errsz);
    for (size_t i = 0; ok && i < nkeys; i++) {
        struct pg_args b = {0};
        bool wrote;
        pg_arg_int(&b, keys[i].key_id);
        pg_arg_int(&b, ev.id);
        pg_arg_bytes(&b, keys[i].pk, LY_BADGE_PK_BYTES);
        /* only the signing key's secret is known (NULL is SQL NULL) */
        pg_arg_bytes(&b, keys[i].key_id == sk_id ? sk : NULL,
                     keys[i].key_id == sk_id ? LY_BADGE_SK_BYTES : 0);
        l->n->keys++;
        ok = upsert(
            l,
            "INSERT INTO signing_keys (key_id, event_id, public_key, secret_key, active, "
            "seq) VALUES ($1, $2, $3, $4::bytea, $4::bytea IS NOT NULL, $5) ON CONFLICT (key_id) "
            "DO NOTHING RETURNING key_id",
            &b, &wrote);
    }
    sodium_memzero(sk, sizeof sk);
    return ok;
}

bool pg_load(struct ly_store *st, struct ly_hubdb *src, struct ly_store_loaded *n, char *err,
             size_t errsz)
{
    struct pg_store *s = (struct pg_store *)st;
    struct load l = {.s = s, .n = n, .err = err, .errsz = errsz};
    memset(n, 0, sizeof *n);
    if (!ly_hubdb_begin_read(src, err, errsz))
        return false;
    if (!pg_begin(s, err, errsz)) {
        ly_hubdb_rollback(src);
        return false;
    }
    struct pg_args a = {0};
    err[0] = '\0';
    bool ok = pg_scalar(s, "SELECT value FROM meta WHERE key = 'change_seq' FOR UPDATE", NULL,
                        &l.seq, err, errsz) &&
              load_event(&l, src) && ly_hubdb_foreach_room(src, load_room, &l, err, errsz) &&
              ly_hubdb_foreach_session(src, load_session, &l, err, errsz) &&
              ly_hubdb_foreach_attendee(src, NULL, 0, load_attendee, &l, err, errsz) &&
              load_rules(&l, src) && pg_load_kiosk_details(s, src, err, errsz);
    if (ok) {
        pg_arg_int(&a, l.seq);
        ok = pg_exec(s, "UPDATE meta SET value = $1 WHERE key = 'change_seq'", &a, NULL, err,
                     errsz) &&
             pg_commit(s, err, errsz);
    }
    if (!ok && err[0] == '\0')
        ly_fail(err, errsz, "loading failed");
    if (!ok)
        pg_rollback(s);
    ly_hubdb_rollback(src);
    return ok;
}
