/* change_merge.c - the changes a kiosk syncs, merged from ordered per-table streams. See
 * change_merge.h. */
#include "store/change_merge.h"

#include <stdlib.h>
#include <string.h>

#include "common/dynbuf.h"
#include "common/fail.h"
#include "common/ly_limits.h"
#include "event/records_fields.h"

/* Each selects seq, then the id; a record's query selects its members in the order of its field
 * table (records_fields.h), the id first. */
static const char *const source_sql[LY_SRC_COUNT] = {
    /* The event's keys, then the kiosks' certified keys with their certificates and first
     * walk-in ids (a revoked kiosk's key: a deletion). */
    [LY_SRC_KEY] = "SELECT seq, key_id, public_key, 0, NULL, 0 FROM signing_keys WHERE seq > ?1 "
                   "UNION ALL SELECT key_seq, key_id, sign_pk, CASE WHEN revoked_ms IS NULL "
                   "THEN 0 ELSE 1 END, certificate, id_first FROM kiosks WHERE key_seq > ?1 "
                   "ORDER BY 1",
    [LY_SRC_ROOM] =
        "SELECT seq, id, name, capacity, location FROM rooms WHERE seq > ? ORDER BY seq",
    [LY_SRC_SESSION] = "SELECT seq, id, ext_id, title, type, room_id, starts, ends, capacity, "
                       "categories, slips, overflow_room_id, online_url FROM sessions "
                       "WHERE seq > ? ORDER BY seq",
    [LY_SRC_ATTENDEE] =
        "SELECT seq, id, badge_version, badge_key, revoked, accessibility <> '', name, "
        "name_latin, category, country, region, stakeholder, attendance, language, picked_up "
        "FROM registrations WHERE seq > ? ORDER BY seq",
    [LY_SRC_ALT_DELETE] =
        "SELECT seq, id FROM tombstones WHERE kind = 'alt_code' AND seq > ? ORDER BY seq",
    [LY_SRC_ALT_CODE] =
        "SELECT seq, registration_id, code FROM alt_codes WHERE seq > ? ORDER BY seq",
    [LY_SRC_OCCUPANCY] = ("SELECT seq, place, inside, as_of_ms, (SELECT value FROM meta WHERE "
                          "key = 'occupancy_grace_s') FROM occupancy WHERE seq > ? ORDER BY seq"),
};

static const enum ly_change_kind source_kind[LY_SRC_COUNT] = {
    [LY_SRC_KEY] = LY_CHANGE_KEY,
    [LY_SRC_ROOM] = LY_CHANGE_ROOM,
    [LY_SRC_SESSION] = LY_CHANGE_SESSION,
    [LY_SRC_ATTENDEE] = LY_CHANGE_ATTENDEE,
    [LY_SRC_ALT_DELETE] = LY_CHANGE_ALT_CODE,
    [LY_SRC_ALT_CODE] = LY_CHANGE_ALT_CODE,
    [LY_SRC_OCCUPANCY] = LY_CHANGE_OCCUPANCY,
};

/* One list of the rule set, its rows read by a field table: the opening hours or the notices. */
struct list {
    void *arr;
    size_t n, cap;
    size_t elem, max;
    const struct ly_field *fields;
    const char *what;
    char *err;
    size_t errsz;
};

static bool add_row(void *ctx, const struct ly_row *row)
{
    struct list *l = ctx;
    void *e = ly_array_push(&l->arr, &l->n, &l->cap, l->elem, l->max);
    if (e == NULL)
        return ly_fail(l->err, l->errsz, "more than %zu %s, or out of memory", l->max, l->what);
    ly_row_fields(row, 0, l->fields, e);
    return true;
}

/* Hands the rule set to fn as one change at seq. *taken false when fn stopped before it. */
static bool emit_rules(const struct ly_change_reader *rd, int64_t seq, ly_change_fn fn, void *ctx,
                       bool *taken, char *err, size_t errsz)
{
    struct list h = {.elem = sizeof(struct ly_kiosk_hours),
                     .max = LY_RULE_HOURS_MAX,
                     .fields = ly_records_hours_fields,
                     .what = "opening hours",
                     .err = err,
                     .errsz = errsz};
    struct list n = {.elem = sizeof(struct ly_kiosk_notice),
                     .max = LY_NOTICES_MAX,
                     .fields = ly_records_notice_fields,
                     .what = "notices",
                     .err = err,
                     .errsz = errsz};
    bool ok = rd->query(rd->db, "SELECT day, opens, closes FROM opening_hours ORDER BY day", -1,
                        add_row, &h, err, errsz) &&
              rd->query(rd->db, "SELECT id, place, category, text FROM notices ORDER BY id", -1,
                        add_row, &n, err, errsz);
    if (ok) {
        struct ly_change c = {.seq = seq, .kind = LY_CHANGE_RULES};
        c.u.rules.hours = h.arr;
        c.u.rules.nhours = h.n;
        c.u.rules.notices = n.arr;
        c.u.rules.nnotices = n.n;
        *taken = fn(ctx, &c);
    }
    free(h.arr);
    free(n.arr);
    return ok;
}

static bool event_row(void *ctx, const struct ly_row *r)
{
    ly_row_fields(r, 0, ly_records_event_fields, ctx);
    return true;
}

static bool emit_event(const struct ly_change_reader *rd, int64_t seq, ly_change_fn fn, void *ctx,
                       bool *taken, char *err, size_t errsz)
{
    struct ly_event k = {0};
    if (!rd->query(rd->db, "SELECT id, name, starts, ends, timezone FROM events LIMIT 1", -1,
                   event_row, &k, err, errsz))
        return false;
    if (k.id == 0)
        return ly_fail(err, errsz, "no event in this database");
    struct ly_change c = {.seq = seq, .kind = LY_CHANGE_EVENT, .id = k.id};
    c.u.event = &k;
    *taken = fn(ctx, &c);
    return true;
}

/* Hands the current row of source src to fn. */
static bool emit_row(enum ly_change_src src, const struct ly_row *r, ly_change_fn fn, void *ctx)
{
    struct ly_change_data d; /* the change and its data, until fn returns */
    memset(&d, 0, sizeof d);
    struct ly_change *c = &d.c;
    c->seq = ly_row_num(r, 0);
    c->kind = source_kind[src];
    c->id = ly_row_num(r, 1);
    switch (src) {
    case LY_SRC_KEY:
        c->deleted = ly_row_num(r, 3) != 0;
        d.key.key.key_id = (uint32_t)c->id;
        if (!r->ops->blob(r->impl, 2, d.key.key.pk, LY_BADGE_PK_BYTES))
            memset(d.key.key.pk, 0, sizeof d.key.key.pk);
        d.key.certified = r->ops->blob(r->impl, 4, d.key.certificate, LY_BADGE_CERT_BYTES);
        if (d.key.certified) {
            d.key.id_first = (uint32_t)ly_row_num(r, 5);
            d.key.id_last = d.key.id_first + (LY_WALKIN_IDS_PER_KIOSK - 1u);
        }
        c->u.key = &d.key;
        break;
    case LY_SRC_ROOM:
        ly_row_fields(r, 1, ly_records_room_fields, &d.room);
        c->u.room = &d.room;
        break;
    case LY_SRC_SESSION:
        ly_row_fields(r, 1, ly_records_session_fields, &d.session);
        c->u.session = &d.session;
        break;
    case LY_SRC_ATTENDEE:
        ly_row_fields(r, 1, ly_records_attendee_fields, &d.attendee);
        c->u.attendee = &d.attendee;
        break;
    case LY_SRC_ALT_DELETE:
        c->deleted = true;
        break;
    case LY_SRC_ALT_CODE:
        ly_row_copy(r, 2, d.code, sizeof d.code);
        c->u.alt_code.attendee_id = (uint32_t)c->id;
        c->u.alt_code.code = d.code;
        break;
    case LY_SRC_OCCUPANCY:
        ly_row_copy(r, 1, d.place, sizeof d.place);
        c->id = 0;
        c->u.occupancy.place = d.place;
        c->u.occupancy.inside = ly_row_num(r, 2);
        c->u.occupancy.as_of = ly_row_num(r, 3);
        c->u.occupancy.grace_s = ly_row_num(r, 4);
        break;
    case LY_SRC_COUNT:
        return false;
    }
    return fn(ctx, c);
}

static bool scalar_row(void *ctx, const struct ly_row *r)
{
    *(int64_t *)ctx = ly_row_num(r, 0);
    return true;
}

bool ly_change_merge(const struct ly_change_reader *rd, int64_t since, ly_change_fn fn, void *ctx,
                     char *err, size_t errsz)
{
    bool has[LY_SRC_COUNT] = {0};
    int64_t event_seq = 0, rules_seq = 0;
    if (!rd->query(rd->db, "SELECT coalesce(min(seq), 0) FROM signing_keys", -1, scalar_row,
                   &event_seq, err, errsz) ||
        !rd->query(rd->db, "SELECT value FROM meta WHERE key = 'rules_seq'", -1, scalar_row,
                   &rules_seq, err, errsz))
        return false;
    if (event_seq <= since)
        event_seq = 0;
    if (rules_seq <= since)
        rules_seq = 0;
    for (int i = 0; i < LY_SRC_COUNT; i++) {
        if (!rd->open(rd->impl, i, source_sql[i], since, &has[i], err, errsz))
            return false;
    }
    for (;;) {
        struct ly_row row, best_row = {0};
        int best = -1;
        int64_t best_seq = INT64_MAX;
        for (int i = 0; i < LY_SRC_COUNT; i++) {
            if (!has[i])
                continue;
            rd->row(rd->impl, i, &row);
            if (ly_row_num(&row, 0) < best_seq) {
                best = i;
                best_seq = ly_row_num(&row, 0);
                best_row = row;
            }
        }
        bool taken = true;
        /* The event comes first in its seq; the rules after the attendees and codes of theirs
         * (a rules change has a seq of its own, so this only fixes an order). */
        if (event_seq > 0 && event_seq <= best_seq) {
            if (!emit_event(rd, event_seq, fn, ctx, &taken, err, errsz))
                return false;
            event_seq = 0;
        } else if (rules_seq > 0 && rules_seq < best_seq) {
            if (!emit_rules(rd, rules_seq, fn, ctx, &taken, err, errsz))
                return false;
            rules_seq = 0;
        } else if (best >= 0) {
            taken = emit_row((enum ly_change_src)best, &best_row, fn, ctx);
            if (taken && !rd->advance(rd->impl, best, &has[best], err, errsz))
                return false;
        } else {
            return true;
        }
        if (!taken)
            return true;
    }
}
