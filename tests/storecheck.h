/* storecheck.h - checks both store backends must pass alike (test_hub_store for SQLite,
 * test_store_pg for PostgreSQL): read tokens that expire and are revoked, the check-ins the
 * hub refuses (store/validate.h), occupancy, and the conflicts found at ingest. Include after
 * check.h and hubseed.h. */
#ifndef LY_TESTS_STORECHECK_H
#define LY_TESTS_STORECHECK_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "counts/counts.h"
#include "event/records.h"
#include "gate/gate_time.h"

#include "store/store.h"
#include "store/validate.h"

struct token_rows {
    int n;
    int64_t id[8], expires_ms[8], revoked_ms[8];
};

static inline bool token_row(void *ctx, const struct ly_store_read_token *t)
{
    struct token_rows *r = ctx;
    if (r->n < 8) {
        r->id[r->n] = t->id;
        r->expires_ms[r->n] = t->expires_ms;
        r->revoked_ms[r->n] = t->revoked_ms;
    }
    r->n++;
    return true;
}

/* tok and other are hashes of two tokens the store does not know yet. */
static inline void check_read_tokens(struct ly_store *st, const uint8_t *tok, const uint8_t *other)
{
    char err[256];
    bool valid = false, found = false;
    int64_t id_a = 0, id_b = 0;
    /* tok never expires; other expires at 1000 */
    CHECK(st->ops->add_read_token(st, tok, "wall", 1, 0, &id_a, err, sizeof err));
    CHECK(st->ops->read_token(st, tok, 5, &valid, err, sizeof err) && valid);
    CHECK(st->ops->read_token(st, other, 5, &valid, err, sizeof err) && !valid);
    CHECK(st->ops->add_read_token(st, other, "phone", 2, 1000, &id_b, err, sizeof err));
    CHECK(id_a > 0 && id_b > id_a);
    CHECK(st->ops->read_token(st, other, 999, &valid, err, sizeof err) && valid);
    CHECK(st->ops->read_token(st, other, 1000, &valid, err, sizeof err) && !valid);
    /* revoked: refused at once, whatever the time; a second revoke finds nothing */
    CHECK(st->ops->revoke_read_token(st, id_a, 50, &found, err, sizeof err) && found);
    CHECK(st->ops->read_token(st, tok, 51, &valid, err, sizeof err) && !valid);
    CHECK(st->ops->revoke_read_token(st, id_a, 60, &found, err, sizeof err) && !found);
    CHECK(st->ops->revoke_read_token(st, id_b + 100, 60, &found, err, sizeof err) && !found);
    struct token_rows r = {0};
    CHECK(st->ops->foreach_read_token(st, token_row, &r, err, sizeof err));
    CHECK(r.n == 2 && r.id[0] == id_a && r.revoked_ms[0] == 50 && r.expires_ms[0] == 0 &&
          r.id[1] == id_b && r.revoked_ms[1] == 0 && r.expires_ms[1] == 1000);
}

/* One check-in for check_validation: a grant (direction 1, or 0 for other decisions). */
static inline struct ly_checkin vitem(int i, uint32_t attendee, const char *decision,
                                      const char *gate, const char *place)
{
    struct ly_checkin c = {0};
    snprintf(c.uuid, sizeof c.uuid, "77777777-0000-4000-8000-%012d", i);
    c.seq = i;
    c.wall_ms = 1765180800000LL + i;
    c.mono_ms = i;
    snprintf(c.gate, sizeof c.gate, "%s", gate);
    c.attendee_id = attendee;
    snprintf(c.code_kind, sizeof c.code_kind, "badge");
    snprintf(c.decision, sizeof c.decision, "%s", decision);
    snprintf(c.place, sizeof c.place, "%s", place);
    c.direction = strcmp(decision, "granted") == 0 && place[0] ? 1 : 0;
    return c;
}

/* What the hub accepts from kiosk k (enrolled at "entrance") in a store with registrations
 * p[0], p[1] and p[2] (none of them onsite yet), rooms "Hall A" (id hall_a) and "Hall B" (id
 * hall_b) and session S-1 in Hall A (seed_programme): each refused item with its reason;
 * nothing refused is counted or moves occupancy. */
static inline void check_validation(struct ly_store *st, const struct ly_store_kiosk *k,
                                    int64_t hall_a, int64_t hall_b, const uint32_t p[3])
{
    char err[256], ra[32], rb[32];
    int64_t onsite_before = -1;
    struct ly_counts *c = NULL;
    CHECK(st->ops->counts(st, 1765180900000LL, &c, err, sizeof err));
    if (c) {
        onsite_before = c->onsite_unique;
        ly_counts_free(c);
    }
    uint32_t walkin = LY_WALKIN_FIRST(k->id);
    snprintf(ra, sizeof ra, "room:%lld", (long long)hall_a);
    snprintf(rb, sizeof rb, "room:%lld", (long long)hall_b);
    struct ly_checkin it[] = {
        vitem(1, p[0], "granted", "entrance", "venue"),          /* 0 ok */
        vitem(2, 999999, "granted", "entrance", "venue"),        /* 1 nobody registered */
        vitem(3, p[1], "granted", "session:S-1", "session:S-1"), /* 2 not a gate staff can pick */
        vitem(4, p[1], "granted", ra, "session:S-1"),            /* 3 ok: a session in the room */
        vitem(5, p[2], "granted", rb, "session:S-1"),            /* 4 another room's session */
        vitem(6, p[2], "granted", "entrance", ra),         /* 5 the entrance leads to the venue */
        vitem(7, 0, "denied", "entrance", "venue"),        /* 6 ok: an unknown code */
        vitem(8, 0, "granted", "entrance", ""),            /* 7 a grant names somebody */
        vitem(9, walkin, "registered", "desk", ""),        /* 8 ok: this kiosk's walk-in */
        vitem(10, walkin, "granted", "entrance", "venue"), /* 9 ok: registered just before */
        vitem(11, walkin + 1, "granted", "entrance", "venue"), /* 10 never registered */
        vitem(12, walkin + LY_WALKIN_IDS_PER_KIOSK, "registered", "desk", ""), /* 11 not its */
        vitem(13, p[0], "granted", "room:Nowhere", "room:Nowhere"),            /* 12 no such room */
        vitem(14, p[0], "granted", "lobby", "venue"),                          /* 13 no such gate */
        vitem(15, p[0], "granted", "room:Hall B", rb), /* 14 ok: a room by its name */
        vitem(16, p[1], "granted", "exit", "venue"),   /* 15 ok: staff may switch to it */
    };
    enum { N = sizeof it / sizeof it[0] };
    static const enum ly_refusal want[N] = {
        LY_REFUSE_NONE,
        LY_REFUSE_UNKNOWN_ATTENDEE,
        LY_REFUSE_GATE,
        LY_REFUSE_NONE,
        LY_REFUSE_PLACE,
        LY_REFUSE_PLACE,
        LY_REFUSE_NONE,
        LY_REFUSE_UNKNOWN_ATTENDEE,
        LY_REFUSE_NONE,
        LY_REFUSE_NONE,
        LY_REFUSE_UNKNOWN_ATTENDEE,
        LY_REFUSE_WALKIN_RANGE,
        LY_REFUSE_GATE,
        LY_REFUSE_GATE,
        LY_REFUSE_NONE,
        LY_REFUSE_NONE,
    };
    for (size_t i = 0; i < N; i++) {
        if (strcmp(it[i].decision, "registered") == 0) {
            it[i].badge_version = 1;
            it[i].badge_key = 7;
            snprintf(it[i].walkin.name, sizeof it[i].walkin.name, "Walk In");
            snprintf(it[i].walkin.country, sizeof it[i].walkin.country, "KE");
            snprintf(it[i].walkin.stakeholder, sizeof it[i].walkin.stakeholder, "government");
            snprintf(it[i].walkin.category, sizeof it[i].walkin.category, "participant");
        }
    }
    it[15].direction = -1;
    enum ly_store_item res[N];
    enum ly_refusal why[N];
    for (size_t i = 0; i < N; i++)
        res[i] = LY_ITEM_STORED;
    res[6] = LY_ITEM_REJECTED; /* the parser's verdict stands */
    CHECK(st->ops->validate(st, k, it, N, res, why, err, sizeof err));
    for (size_t i = 0; i < N; i++) {
        enum ly_store_item r = i == 6    ? LY_ITEM_REJECTED
                               : want[i] ? LY_ITEM_REFUSED
                                         : LY_ITEM_STORED;
        if (res[i] != r || (i != 6 && why[i] != want[i]))
            fprintf(stderr, "item %zu: result %d why %s\n", i, res[i], ly_refusal_name(why[i]));
        CHECK_INT(res[i], r);
        CHECK_INT(why[i], i == 6 ? LY_REFUSE_NONE : want[i]);
    }
    CHECK(st->ops->ingest(st, k, it, N, 0, 1765180900000LL, 0, res, err, sizeof err));
    for (size_t i = 0; i < N; i++)
        CHECK_INT(res[i], i == 6 ? LY_ITEM_REJECTED : want[i] ? LY_ITEM_REFUSED : LY_ITEM_STORED);
    /* onsite: p[0], p[1] and the walk-in (not p[2], whose entries were all refused) */
    CHECK(st->ops->counts(st, 1765180900000LL + 10, &c, err, sizeof err));
    if (c) {
        CHECK_INT(c->onsite_unique, onsite_before + 3);
        ly_counts_free(c);
    }

    /* A token sending thousands of made-up attendees (bounded: 4 batches of the most a batch
     * holds) changes nothing another kiosk would download, and nobody is counted. */
    int64_t before, after;
    CHECK(st->ops->change_seq(st, &before, err, sizeof err));
    struct ly_checkin *many = calloc(LY_SYNC_BATCH_MAX, sizeof *many);
    enum ly_store_item *mres = calloc(LY_SYNC_BATCH_MAX, sizeof *mres);
    enum ly_refusal *mwhy = calloc(LY_SYNC_BATCH_MAX, sizeof *mwhy);
    size_t refused = 0;
    for (int b = 0; many && mres && mwhy && b < 4; b++) {
        for (int i = 0; i < LY_SYNC_BATCH_MAX; i++) {
            int n = 100 + b * LY_SYNC_BATCH_MAX + i;
            many[i] = vitem(n, (uint32_t)(1000000 + n), "granted", "entrance", "venue");
            mres[i] = LY_ITEM_STORED;
        }
        CHECK(st->ops->validate(st, k, many, LY_SYNC_BATCH_MAX, mres, mwhy, err, sizeof err));
        CHECK(st->ops->ingest(st, k, many, LY_SYNC_BATCH_MAX, 0, 1765180900000LL + 20, 0, mres, err,
                              sizeof err));
        for (int i = 0; i < LY_SYNC_BATCH_MAX; i++)
            refused += mres[i] == LY_ITEM_REFUSED && mwhy[i] == LY_REFUSE_UNKNOWN_ATTENDEE;
    }
    CHECK_INT(refused, 4 * LY_SYNC_BATCH_MAX);
    CHECK(st->ops->change_seq(st, &after, err, sizeof err));
    CHECK_INT(after, before);
    CHECK(st->ops->counts(st, 1765180900000LL + 30, &c, err, sizeof err));
    if (c) {
        CHECK_INT(c->onsite_unique, onsite_before + 3);
        ly_counts_free(c);
    }
    free(many);
    free(mres);
    free(mwhy);
}

/* The latest occupancy change of one place. */
struct occ_seen {
    const char *place;
    int64_t inside, as_of, grace_s;
    int n;
};

static inline bool occ_change(void *ctx, const struct ly_change *c)
{
    struct occ_seen *o = ctx;
    if (c->kind == LY_CHANGE_OCCUPANCY && strcmp(c->u.occupancy.place, o->place) == 0) {
        o->inside = c->u.occupancy.inside;
        o->as_of = c->u.occupancy.as_of;
        o->grace_s = c->u.occupancy.grace_s;
        o->n++;
    }
    return true;
}

/* Finds place ("venue", "room:ID") in c's places or ("session:EXT") its sessions: *inside and
 * *as_of, -1 when absent. */
static inline void occ_find(const struct ly_counts *c, const char *place, int64_t *inside,
                            int64_t *as_of)
{
    *inside = *as_of = -1;
    for (size_t i = 0; i < c->nplaces; i++)
        if (strcmp(c->places[i].place, place) == 0) {
            *inside = c->places[i].inside;
            *as_of = c->places[i].as_of;
        }
    for (size_t i = 0; strncmp(place, "session:", 8) == 0 && i < c->nsessions; i++)
        if (strcmp(c->sessions[i].session, place + 8) == 0) {
            *inside = c->sessions[i].inside;
            *as_of = c->sessions[i].as_of;
        }
}

/* The occupancy model (docs/gates.md, "Occupancy") in a store seeded like check_validation's,
 * after it: p[0] and p[2] enter session S-1 (Hall A, 09:00 to 10:00 on 2026-12-08, the day of
 * these check-ins); p[0] then enters Hall B, which takes them out of S-1 and Hall A in the
 * counts and in the occupancy change, as of that entry; the venue does not move; at S-1's end
 * plus the default grace (15 minutes) S-1 and Hall A are empty, as of that moment. */
static inline void check_occupancy(struct ly_store *st, const struct ly_store_kiosk *k,
                                   int64_t hall_a, int64_t hall_b, const uint32_t p[3])
{
    char err[256], ra[32], rb[32];
    int64_t base = ly_gate_local_ms("2026-12-08T09:30"), seq0 = 0;
    int64_t until = ly_gate_local_ms("2026-12-08T10:00") + 15 * 60000;
    int64_t in, as_of, venue_before = -2, venue_after = -3;
    struct ly_counts *c = NULL;
    snprintf(ra, sizeof ra, "room:%lld", (long long)hall_a);
    snprintf(rb, sizeof rb, "room:%lld", (long long)hall_b);
    struct ly_checkin it[] = {
        vitem(901, p[0], "granted", ra, "session:S-1"),
        vitem(902, p[2], "granted", ra, "session:S-1"),
        vitem(903, p[0], "granted", rb, rb),
    };
    enum ly_store_item res[3] = {LY_ITEM_STORED, LY_ITEM_STORED, LY_ITEM_STORED};
    it[0].wall_ms = base;
    it[1].wall_ms = base + 1;
    it[2].wall_ms = base + 100;
    CHECK(st->ops->ingest(st, k, it, 2, 0, base + 10, 0, res, err, sizeof err));
    CHECK(st->ops->counts(st, base + 20, &c, err, sizeof err));
    if (c) {
        occ_find(c, "session:S-1", &in, &as_of);
        CHECK(in == 2 && as_of == base + 1);
        occ_find(c, ra, &in, &as_of);
        CHECK(in == 2 && as_of == base + 1);
        occ_find(c, "venue", &venue_before, &as_of);
        ly_counts_free(c);
    }
    CHECK(st->ops->change_seq(st, &seq0, err, sizeof err));
    CHECK(st->ops->ingest(st, k, it + 2, 1, 0, base + 110, 0, res + 2, err, sizeof err));
    CHECK_INT(res[2], LY_ITEM_STORED);
    CHECK(st->ops->counts(st, base + 120, &c, err, sizeof err));
    if (c) {
        occ_find(c, "session:S-1", &in, &as_of);
        CHECK(in == 1 && as_of == base + 100); /* p[0] left it for Hall B */
        occ_find(c, ra, &in, &as_of);
        CHECK(in == 1 && as_of == base + 100);
        occ_find(c, rb, &in, &as_of);
        CHECK(in >= 1 && as_of == base + 100);
        occ_find(c, "venue", &venue_after, &as_of);
        CHECK_INT(venue_after, venue_before); /* rooms do not move the venue */
        ly_counts_free(c);
    }
    struct occ_seen o = {.place = "session:S-1"};
    CHECK(st->ops->changes(st, seq0, occ_change, &o, err, sizeof err));
    CHECK(o.n == 1 && o.inside == 1 && o.as_of == base + 100 && o.grace_s == 900);
    /* the end plus the grace: S-1 and Hall A empty with no exit scan; Hall B keeps p[0] */
    CHECK(st->ops->counts(st, until - 1, &c, err, sizeof err));
    if (c) {
        occ_find(c, "session:S-1", &in, &as_of);
        CHECK_INT(in, 1);
        ly_counts_free(c);
    }
    CHECK(st->ops->counts(st, until, &c, err, sizeof err));
    if (c) {
        occ_find(c, "session:S-1", &in, &as_of);
        CHECK(in == 0 && as_of == until);
        occ_find(c, ra, &in, &as_of);
        CHECK(in == 0 && as_of == until);
        occ_find(c, rb, &in, &as_of);
        CHECK(in >= 1);
        ly_counts_free(c);
    }
}

struct conflict_rows {
    int n;
    struct ly_hubdb_conflict c[4];
};

static inline bool conflict_row(void *ctx, const struct ly_hubdb_conflict *c)
{
    struct conflict_rows *r = ctx;
    if (r->n < 4)
        r->c[r->n] = *c;
    r->n++;
    return true;
}

/* Double admissions by two doors that could not reach each other (docs/gates.md, "Doors
 * without the hub"), ingested from kiosks k1 and k2 (enrolled at "entrance", named n1 and n2,
 * neither with check-ins yet) for attendee a, who has no venue entry yet: the second
 * once_per_day grant of a day is a conflict; a staff override, the same grant again, or a grant
 * of another day is not; "never" is one across days. The counts say how many. */
static inline void check_conflicts(struct ly_store *st, const struct ly_store_kiosk *k1,
                                   const struct ly_store_kiosk *k2, const char *n1, const char *n2,
                                   uint32_t a)
{
    char err[256];
    int64_t d1 = ly_gate_local_ms("2026-12-09T09:00"), d2 = ly_gate_local_ms("2026-12-10T09:00");
    int64_t before = -1, after = -1;
    struct ly_counts *c = NULL;
    CHECK(st->ops->counts(st, d1, &c, err, sizeof err));
    if (c) {
        before = c->conflicts;
        ly_counts_free(c);
    }
    CHECK(before >= 0); /* both backends look for them */
    struct ly_checkin it[] = {
        vitem(951, a, "granted", "entrance", "venue"), /* k1, day 1 */
        vitem(952, a, "granted", "entrance", "venue"), /* k2, day 1: the conflict */
        vitem(953, a, "granted", "entrance", "venue"), /* k2, day 1, a staff override */
        vitem(954, a, "granted", "entrance", "venue"), /* k2, day 2, once a day: none */
        vitem(955, a, "granted", "entrance", "venue"), /* k2, day 2, allowed: none either */
        vitem(956, a, "granted", "entrance", "venue"), /* k1, day 2, never: a conflict */
    };
    static const char *const policy[] = {
        "once_per_day", "once_per_day", "once_per_day", "once_per_day", "", "never"};
    for (int i = 0; i < 6; i++) {
        snprintf(it[i].policy, sizeof it[i].policy, "%s", policy[i]);
        it[i].wall_ms = (i < 3 ? d1 : d2) + i * 60000;
    }
    snprintf(it[2].reason_code, sizeof it[2].reason_code, "staff_override");
    enum ly_store_item res[6];
    for (int i = 0; i < 6; i++)
        res[i] = LY_ITEM_STORED;
    int64_t now = d2 + 3600000;
    CHECK(st->ops->ingest(st, k1, it, 1, 0, now, 0, res, err, sizeof err));
    CHECK(st->ops->ingest(st, k2, it + 1, 4, 0, now, 0, res + 1, err, sizeof err));
    res[1] = LY_ITEM_STORED; /* the same again: a duplicate, no second conflict */
    CHECK(st->ops->ingest(st, k2, it + 1, 1, 0, now, 0, res + 1, err, sizeof err));
    CHECK_INT(res[1], LY_ITEM_DUPLICATE);
    /* k1's "never" grant on day 2 conflicts with k2's first grant, of any day */
    CHECK(st->ops->ingest(st, k1, it + 5, 1, 0, now, 0, res + 5, err, sizeof err));
    for (int i = 0; i < 6; i++)
        CHECK_INT(res[i], i == 1 ? LY_ITEM_DUPLICATE : LY_ITEM_STORED);
    struct conflict_rows r = {0};
    CHECK(st->ops->conflicts(st, conflict_row, &r, err, sizeof err));
    CHECK_INT(r.n, (int)before + 2);
    if (r.n == before + 2 && r.n >= 2 && r.n <= 4) {
        const struct ly_hubdb_conflict *x = &r.c[r.n - 2], *y = &r.c[r.n - 1];
        CHECK(x->attendee_id == a && strcmp(x->place, "venue") == 0 &&
              strcmp(x->policy, "once_per_day") == 0 && strcmp(x->first_uuid, it[0].uuid) == 0 &&
              strcmp(x->second_uuid, it[1].uuid) == 0 && strcmp(x->first_kiosk, n1) == 0 &&
              strcmp(x->second_kiosk, n2) == 0 && x->first_ms == it[0].wall_ms &&
              x->second_ms == it[1].wall_ms && x->detected_ms == now);
        CHECK(strcmp(y->policy, "never") == 0 && strcmp(y->first_uuid, it[1].uuid) == 0 &&
              strcmp(y->second_uuid, it[5].uuid) == 0 && strcmp(y->first_kiosk, n2) == 0 &&
              strcmp(y->second_kiosk, n1) == 0 && x->id < y->id);
    }
    CHECK(st->ops->counts(st, now, &c, err, sizeof err));
    if (c) {
        after = c->conflicts;
        ly_counts_free(c);
    }
    CHECK_INT(after, before + 2);
}

#endif
