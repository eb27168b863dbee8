/* change_merge.c - the changes a kiosk syncs, merged from ordered per-table streams. See
 * change_merge.h. */
#include "store/change_merge.h"

#include <stdlib.h>
#include <string.h>

#include "common/dynbuf.h"
#include "common/fail.h"
#include "common/ly_limits.h"

static const char *const source_sql[LY_SRC_COUNT] = {
    [LY_SRC_KEY] = "SELECT seq, key_id, public_key FROM signing_keys WHERE seq > ? ORDER BY seq",
    [LY_SRC_ROOM] = "SELECT seq, id, name, capacity FROM rooms WHERE seq > ? ORDER BY seq",
    [LY_SRC_SESSION] = "SELECT seq, id, ext_id, title, type, room_id, starts, ends, capacity, "
                       "categories FROM sessions WHERE seq > ? ORDER BY seq",
    [LY_SRC_ATTENDEE] = "SELECT seq, id, badge_version, revoked, accessibility <> '', name, "
                        "name_latin, category, country, region, stakeholder, attendance, language "
                        "FROM registrations WHERE seq > ? ORDER BY seq",
    [LY_SRC_ALT_DELETE] =
        "SELECT seq, id FROM tombstones WHERE kind = 'alt_code' AND seq > ? ORDER BY seq",
    [LY_SRC_ALT_CODE] =
        "SELECT seq, registration_id, code FROM alt_codes WHERE seq > ? ORDER BY seq",
    [LY_SRC_OCCUPANCY] = "SELECT seq, place, inside FROM occupancy WHERE seq > ? ORDER BY seq",
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

/* The rule set as one change. */
struct rules {
    struct ly_kiosk_hours *hours;
    size_t nhours, hcap;
    struct ly_kiosk_notice *notices;
    size_t nnotices, ncap;
    char *err;
    size_t errsz;
};

static bool add_hours(void *ctx, const struct ly_row *row)
{
    struct rules *r = ctx;
    if (!ly_array_reserve((void **)&r->hours, &r->hcap, r->nhours + 1, sizeof *r->hours,
                          LY_RULE_HOURS_MAX))
        return ly_fail(r->err, r->errsz, "more than %d opening hours, or out of memory",
                       LY_RULE_HOURS_MAX);
    struct ly_kiosk_hours *h = &r->hours[r->nhours++];
    memset(h, 0, sizeof *h);
    ly_row_copy(row, 0, h->day, sizeof h->day);
    ly_row_copy(row, 1, h->opens, sizeof h->opens);
    ly_row_copy(row, 2, h->closes, sizeof h->closes);
    return true;
}

static bool add_notice(void *ctx, const struct ly_row *row)
{
    struct rules *r = ctx;
    if (!ly_array_reserve((void **)&r->notices, &r->ncap, r->nnotices + 1, sizeof *r->notices,
                          LY_NOTICES_MAX))
        return ly_fail(r->err, r->errsz, "more than %d notices, or out of memory", LY_NOTICES_MAX);
    struct ly_kiosk_notice *n = &r->notices[r->nnotices++];
    memset(n, 0, sizeof *n);
    n->id = ly_row_num(row, 0);
    ly_row_copy(row, 1, n->place, sizeof n->place);
    ly_row_copy(row, 2, n->category, sizeof n->category);
    ly_row_copy(row, 3, n->text, sizeof n->text);
    return true;
}

/* Hands the rule set to fn as one change at seq. *taken false when fn stopped before it. */
static bool emit_rules(const struct ly_change_reader *rd, int64_t seq, ly_change_fn fn, void *ctx,
                       bool *taken, char *err, size_t errsz)
{
    struct rules r = {.err = err, .errsz = errsz};
    bool ok = rd->query(rd->db, "SELECT day, opens, closes FROM opening_hours ORDER BY day", -1,
                        add_hours, &r, err, errsz) &&
              rd->query(rd->db, "SELECT id, place, category, text FROM notices ORDER BY id", -1,
                        add_notice, &r, err, errsz);
    if (ok) {
        struct ly_change c = {.seq = seq, .kind = LY_CHANGE_RULES};
        c.u.rules.hours = r.hours;
        c.u.rules.nhours = r.nhours;
        c.u.rules.notices = r.notices;
        c.u.rules.nnotices = r.nnotices;
        *taken = fn(ctx, &c);
    }
    free(r.hours);
    free(r.notices);
    return ok;
}

static bool event_row(void *ctx, const struct ly_row *r)
{
    struct ly_event *k = ctx;
    k->id = (uint32_t)ly_row_num(r, 0);
    ly_row_copy(r, 1, k->name, sizeof k->name);
    ly_row_copy(r, 2, k->starts, sizeof k->starts);
    ly_row_copy(r, 3, k->ends, sizeof k->ends);
    ly_row_copy(r, 4, k->timezone, sizeof k->timezone);
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
    struct ly_change c = {.seq = ly_row_num(r, 0), .kind = source_kind[src]};
    c.id = ly_row_num(r, 1);
    switch (src) {
    case LY_SRC_KEY: {
        struct ly_badge_key key = {.key_id = (uint32_t)c.id};
        if (!r->ops->blob(r->impl, 2, key.pk, LY_BADGE_PK_BYTES))
            memset(key.pk, 0, sizeof key.pk);
        c.u.key = &key;
        return fn(ctx, &c);
    }
    case LY_SRC_ROOM: {
        struct ly_kiosk_room room = {.id = c.id, .capacity = (int)ly_row_num(r, 3)};
        ly_row_copy(r, 2, room.name, sizeof room.name);
        c.u.room = &room;
        return fn(ctx, &c);
    }
    case LY_SRC_SESSION: {
        struct ly_kiosk_session s = {.id = c.id};
        ly_row_copy(r, 2, s.ext_id, sizeof s.ext_id);
        ly_row_copy(r, 3, s.title, sizeof s.title);
        ly_row_copy(r, 4, s.type, sizeof s.type);
        s.room_id = ly_row_num(r, 5);
        ly_row_copy(r, 6, s.starts, sizeof s.starts);
        ly_row_copy(r, 7, s.ends, sizeof s.ends);
        s.capacity = (int)ly_row_num(r, 8);
        ly_row_copy(r, 9, s.categories, sizeof s.categories);
        c.u.session = &s;
        return fn(ctx, &c);
    }
    case LY_SRC_ATTENDEE: {
        struct ly_kiosk_attendee a = {.id = (uint32_t)c.id};
        a.badge_version = (uint16_t)ly_row_num(r, 2);
        a.revoked = ly_row_num(r, 3) != 0;
        a.assistance = ly_row_num(r, 4) != 0;
        ly_row_copy(r, 5, a.name, sizeof a.name);
        ly_row_copy(r, 6, a.name_latin, sizeof a.name_latin);
        ly_row_copy(r, 7, a.category, sizeof a.category);
        ly_row_copy(r, 8, a.country, sizeof a.country);
        ly_row_copy(r, 9, a.region, sizeof a.region);
        ly_row_copy(r, 10, a.stakeholder, sizeof a.stakeholder);
        ly_row_copy(r, 11, a.attendance, sizeof a.attendance);
        ly_row_copy(r, 12, a.language, sizeof a.language);
        c.u.attendee = &a;
        return fn(ctx, &c);
    }
    case LY_SRC_ALT_DELETE:
        c.deleted = true;
        return fn(ctx, &c);
    case LY_SRC_ALT_CODE: {
        char code[LY_ALT_CODE_MAX + 1];
        ly_row_copy(r, 2, code, sizeof code);
        c.u.alt_code.attendee_id = (uint32_t)c.id;
        c.u.alt_code.code = code;
        return fn(ctx, &c);
    }
    case LY_SRC_OCCUPANCY: {
        char place[LY_GATE_MAX + 1];
        ly_row_copy(r, 1, place, sizeof place);
        c.id = 0;
        c.u.occupancy.place = place;
        c.u.occupancy.inside = ly_row_num(r, 2);
        return fn(ctx, &c);
    }
    case LY_SRC_COUNT:
        break;
    }
    return false;
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
