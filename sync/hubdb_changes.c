/* hubdb_changes.c - the changes a kiosk syncs, read from the organizer database. See hubdb_hub.h.
 * Every table a kiosk holds a copy of has a seq column (indexed); one statement per table reads
 * its rows above the cursor in seq order, and a merge of those ordered streams hands the changes
 * out in (seq, kind) order without sorting the tables. The event and the rule set are one change
 * each: the event at its first key's seq (both are written by `lanyard init` in one
 * transaction), the rules at meta.rules_seq. */
#include <stdlib.h>
#include <string.h>

#include "hubdb_hub.h"
#include "hubdb_int.h"

/* The ordered sources, in the order of the kinds within one seq. */
enum source {
    SRC_KEY,
    SRC_ROOM,
    SRC_SESSION,
    SRC_ATTENDEE,
    SRC_ALT_DELETE,
    SRC_ALT_CODE,
    SRC_OCCUPANCY,
    SRC_COUNT,
};

static const char *const source_sql[SRC_COUNT] = {
    [SRC_KEY] = "SELECT seq, key_id, public_key FROM signing_keys WHERE seq > ? ORDER BY seq",
    [SRC_ROOM] = "SELECT seq, id, name, capacity FROM rooms WHERE seq > ? ORDER BY seq",
    [SRC_SESSION] = "SELECT seq, id, ext_id, title, type, room_id, starts, ends, capacity, "
                    "categories FROM sessions WHERE seq > ? ORDER BY seq",
    [SRC_ATTENDEE] = "SELECT seq, id, badge_version, revoked, accessibility <> '', name, "
                     "name_latin, category, country, region, stakeholder, attendance, language "
                     "FROM registrations WHERE seq > ? ORDER BY seq",
    [SRC_ALT_DELETE] =
        "SELECT seq, id FROM tombstones WHERE kind = 'alt_code' AND seq > ? ORDER BY seq",
    [SRC_ALT_CODE] = "SELECT seq, registration_id, code FROM alt_codes WHERE seq > ? ORDER BY seq",
    [SRC_OCCUPANCY] = "SELECT seq, place, inside FROM occupancy WHERE seq > ? ORDER BY seq",
};

static const enum ly_change_kind source_kind[SRC_COUNT] = {
    [SRC_KEY] = LY_CHANGE_KEY,
    [SRC_ROOM] = LY_CHANGE_ROOM,
    [SRC_SESSION] = LY_CHANGE_SESSION,
    [SRC_ATTENDEE] = LY_CHANGE_ATTENDEE,
    [SRC_ALT_DELETE] = LY_CHANGE_ALT_CODE,
    [SRC_ALT_CODE] = LY_CHANGE_ALT_CODE,
    [SRC_OCCUPANCY] = LY_CHANGE_OCCUPANCY,
};

struct stream {
    sqlite3_stmt *st;
    bool has; /* st is on a row */
};

/* The rule set as one change. */
struct rules {
    struct ly_kiosk_hours *hours;
    size_t nhours, hcap;
    struct ly_kiosk_notice *notices;
    size_t nnotices, ncap;
};

static bool db_fail(struct ly_hubdb *db, char *err, size_t errsz)
{
    return ly_fail(err, errsz, "database: %s", sqlite3_errmsg(db->db));
}

static bool advance(struct ly_hubdb *db, struct stream *s, char *err, size_t errsz)
{
    int rc = sqlite3_step(s->st);
    s->has = rc == SQLITE_ROW;
    return rc == SQLITE_ROW || rc == SQLITE_DONE || db_fail(db, err, errsz);
}

static bool add_hours(void *ctx, const struct ly_kiosk_hours *h)
{
    struct rules *r = ctx;
    if (r->nhours == r->hcap) {
        size_t cap = r->hcap ? r->hcap * 2 : 16;
        struct ly_kiosk_hours *p = realloc(r->hours, cap * sizeof *p);
        if (p == NULL)
            return false;
        r->hours = p;
        r->hcap = cap;
    }
    r->hours[r->nhours++] = *h;
    return true;
}

static bool add_notice(void *ctx, const struct ly_kiosk_notice *n)
{
    struct rules *r = ctx;
    if (r->nnotices == r->ncap) {
        size_t cap = r->ncap ? r->ncap * 2 : 16;
        struct ly_kiosk_notice *p = realloc(r->notices, cap * sizeof *p);
        if (p == NULL)
            return false;
        r->notices = p;
        r->ncap = cap;
    }
    r->notices[r->nnotices++] = *n;
    return true;
}

/* Hands the rule set to fn as one change at seq. *taken false when fn stopped before it. */
static bool emit_rules(struct ly_hubdb *db, int64_t seq, ly_change_fn fn, void *ctx, bool *taken,
                       char *err, size_t errsz)
{
    struct rules r = {0};
    err[0] = '\0';
    bool ok = ly_hubdb_foreach_rule(db, add_hours, add_notice, &r, err, errsz);
    if (!ok && err[0] == '\0')
        ly_fail(err, errsz, "out of memory");
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

static bool emit_event(struct ly_hubdb *db, int64_t seq, ly_change_fn fn, void *ctx, bool *taken,
                       char *err, size_t errsz)
{
    struct ly_event ev;
    struct ly_kiosk_event k = {0};
    if (!ly_hubdb_event(db, &ev, err, errsz))
        return false;
    k.id = ev.id;
    memcpy(k.name, ev.name, sizeof k.name);
    memcpy(k.starts, ev.starts, sizeof k.starts);
    memcpy(k.ends, ev.ends, sizeof k.ends);
    memcpy(k.timezone, ev.timezone, sizeof k.timezone);
    struct ly_change c = {.seq = seq, .kind = LY_CHANGE_EVENT, .id = ev.id};
    c.u.event = &k;
    *taken = fn(ctx, &c);
    return true;
}

/* Hands the current row of stream src to fn. */
static bool emit_row(enum source src, sqlite3_stmt *st, ly_change_fn fn, void *ctx)
{
    struct ly_change c = {.seq = sqlite3_column_int64(st, 0), .kind = source_kind[src]};
    c.id = sqlite3_column_int64(st, 1);
    switch (src) {
    case SRC_KEY: {
        struct ly_badge_key key = {.key_id = (uint32_t)c.id};
        if (sqlite3_column_bytes(st, 2) == LY_BADGE_PK_BYTES)
            memcpy(key.pk, sqlite3_column_blob(st, 2), LY_BADGE_PK_BYTES);
        c.u.key = &key;
        return fn(ctx, &c);
    }
    case SRC_ROOM: {
        struct ly_kiosk_room r = {.id = c.id, .capacity = sqlite3_column_int(st, 3)};
        ly_sqldb_copy_col(st, 2, r.name, sizeof r.name);
        c.u.room = &r;
        return fn(ctx, &c);
    }
    case SRC_SESSION: {
        struct ly_kiosk_session s = {.id = c.id};
        ly_sqldb_copy_col(st, 2, s.ext_id, sizeof s.ext_id);
        ly_sqldb_copy_col(st, 3, s.title, sizeof s.title);
        ly_sqldb_copy_col(st, 4, s.type, sizeof s.type);
        s.room_id = sqlite3_column_int64(st, 5);
        ly_sqldb_copy_col(st, 6, s.starts, sizeof s.starts);
        ly_sqldb_copy_col(st, 7, s.ends, sizeof s.ends);
        s.capacity = sqlite3_column_int(st, 8);
        ly_sqldb_copy_col(st, 9, s.categories, sizeof s.categories);
        c.u.session = &s;
        return fn(ctx, &c);
    }
    case SRC_ATTENDEE: {
        struct ly_kiosk_attendee a = {.id = (uint32_t)c.id};
        a.badge_version = (uint16_t)sqlite3_column_int(st, 2);
        a.revoked = sqlite3_column_int(st, 3) != 0;
        a.assistance = sqlite3_column_int(st, 4) != 0;
        ly_sqldb_copy_col(st, 5, a.name, sizeof a.name);
        ly_sqldb_copy_col(st, 6, a.name_latin, sizeof a.name_latin);
        ly_sqldb_copy_col(st, 7, a.category, sizeof a.category);
        ly_sqldb_copy_col(st, 8, a.country, sizeof a.country);
        ly_sqldb_copy_col(st, 9, a.region, sizeof a.region);
        ly_sqldb_copy_col(st, 10, a.stakeholder, sizeof a.stakeholder);
        ly_sqldb_copy_col(st, 11, a.attendance, sizeof a.attendance);
        ly_sqldb_copy_col(st, 12, a.language, sizeof a.language);
        c.u.attendee = &a;
        return fn(ctx, &c);
    }
    case SRC_ALT_DELETE:
        c.deleted = true;
        return fn(ctx, &c);
    case SRC_ALT_CODE: {
        char code[LY_ALT_CODE_MAX + 1];
        ly_sqldb_copy_col(st, 2, code, sizeof code);
        c.u.alt_code.attendee_id = (uint32_t)c.id;
        c.u.alt_code.code = code;
        return fn(ctx, &c);
    }
    case SRC_OCCUPANCY: {
        char place[LY_GATE_MAX + 1];
        ly_sqldb_copy_col(st, 1, place, sizeof place);
        c.id = 0;
        c.u.occupancy.place = place;
        c.u.occupancy.inside = sqlite3_column_int64(st, 2);
        return fn(ctx, &c);
    }
    case SRC_COUNT:
        break;
    }
    return false;
}

/* Merges the streams: the event and rules one-shots and the table streams, in (seq, kind)
 * order, until fn stops or all are spent. */
static bool merge(struct ly_hubdb *db, struct stream *s, int64_t event_seq, int64_t rules_seq,
                  ly_change_fn fn, void *ctx, char *err, size_t errsz)
{
    for (;;) {
        int best = -1;
        int64_t best_seq = INT64_MAX;
        for (int i = 0; i < SRC_COUNT; i++) {
            if (s[i].has && sqlite3_column_int64(s[i].st, 0) < best_seq) {
                best = i;
                best_seq = sqlite3_column_int64(s[i].st, 0);
            }
        }
        bool taken = true;
        /* The event comes first in its seq; the rules after the attendees and codes of theirs
         * (a rules change has a seq of its own, so this only fixes an order). */
        if (event_seq > 0 && event_seq <= best_seq) {
            if (!emit_event(db, event_seq, fn, ctx, &taken, err, errsz))
                return false;
            event_seq = 0;
        } else if (rules_seq > 0 && rules_seq < best_seq) {
            if (!emit_rules(db, rules_seq, fn, ctx, &taken, err, errsz))
                return false;
            rules_seq = 0;
        } else if (best >= 0) {
            taken = emit_row((enum source)best, s[best].st, fn, ctx);
            if (taken && !advance(db, &s[best], err, errsz))
                return false;
        } else {
            return true;
        }
        if (!taken)
            return true;
    }
}

bool ly_hubdb_changes(struct ly_hubdb *db, int64_t since, ly_change_fn fn, void *ctx, char *err,
                      size_t errsz)
{
    struct stream s[SRC_COUNT] = {0};
    int64_t event_seq = 0, rules_seq = 0;
    bool ok = false;

    if (!ly_hubdb_begin_read(db, err, errsz))
        return false;
    if (!ly_hubdb_scalar(db, "SELECT coalesce(min(seq), 0) FROM signing_keys", &event_seq, err,
                         errsz) ||
        !ly_hubdb_scalar(db, "SELECT value FROM meta WHERE key = 'rules_seq'", &rules_seq, err,
                         errsz))
        goto end;
    if (event_seq <= since)
        event_seq = 0;
    if (rules_seq <= since)
        rules_seq = 0;
    for (int i = 0; i < SRC_COUNT; i++) {
        if (!ly_sqldb_prepare(&db->stmts, db->db, source_sql[i], &s[i].st, err, errsz))
            goto end;
        sqlite3_bind_int64(s[i].st, 1, since);
        if (!advance(db, &s[i], err, errsz))
            goto end;
    }
    ok = merge(db, s, event_seq, rules_seq, fn, ctx, err, errsz);
end:
    for (int i = 0; i < SRC_COUNT; i++)
        if (s[i].st)
            ly_sqldb_release(&db->stmts, s[i].st);
    ly_hubdb_rollback(db);
    return ok;
}
