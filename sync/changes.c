/* changes.c - a page of the hub's changes applied to the kiosk database. See changes.h. */
#include "changes.h"

#include <sodium.h>
#include <stdio.h>
#include <string.h>

#include "fail.h"
#include "jsonr.h"
#include "ly_limits.h"

/* One change being applied, for the messages. */
struct change {
    struct ly_kioskdb *db;
    const struct ly_jsonr_val *data;
    const char *kind;
    int64_t seq, id;
    char *err;
    size_t errsz;
};

static bool bad(struct change *c, const char *field)
{
    return ly_fail(c->err, c->errsz, "change %lld (%s %lld): \"%s\" is missing or invalid",
                   (long long)c->seq, c->kind, (long long)c->id, field);
}

/* Copies string field key of the change's data into out (outsz bytes: at most outsz - 1, never
 * cut); required fields must not be empty. */
static bool str(struct change *c, const char *key, char *out, size_t outsz, bool required)
{
    const char *s = ly_jsonr_get_str(c->data, key, outsz - 1);
    if (!s || (required && s[0] == '\0'))
        return bad(c, key);
    memcpy(out, s, strlen(s) + 1);
    return true;
}

static bool num(struct change *c, const char *key, int64_t min, int64_t max, int64_t *out)
{
    return ly_jsonr_get_int(c->data, key, min, max, out) ? true : bad(c, key);
}

static bool flag(struct change *c, const char *key, bool *out)
{
    return ly_jsonr_bool(ly_jsonr_get(c->data, key), out) ? true : bad(c, key);
}

static bool put_event(struct change *c)
{
    struct ly_kiosk_event ev = {0};
    int64_t id;
    if (!num(c, "id", 1, UINT32_MAX, &id) || !str(c, "name", ev.name, sizeof ev.name, true) ||
        !str(c, "starts", ev.starts, sizeof ev.starts, true) ||
        !str(c, "ends", ev.ends, sizeof ev.ends, true) ||
        !str(c, "timezone", ev.timezone, sizeof ev.timezone, true))
        return false;
    ev.id = (uint32_t)id;
    return ly_kioskdb_put_event(c->db, &ev, c->err, c->errsz);
}

static bool put_key(struct change *c)
{
    struct ly_badge_key key = {0};
    char hex[2 * LY_BADGE_PK_BYTES + 1];
    size_t n = 0;
    int64_t id;
    if (!num(c, "key_id", 0, UINT32_MAX, &id) || !str(c, "public_key", hex, sizeof hex, true))
        return false;
    if (strlen(hex) != 2 * LY_BADGE_PK_BYTES ||
        sodium_hex2bin(key.pk, sizeof key.pk, hex, strlen(hex), NULL, &n, NULL) != 0 ||
        n != LY_BADGE_PK_BYTES)
        return bad(c, "public_key");
    key.key_id = (uint32_t)id;
    return ly_kioskdb_put_key(c->db, &key, c->err, c->errsz);
}

static bool put_room(struct change *c)
{
    struct ly_kiosk_room r = {0};
    int64_t cap;
    if (!num(c, "id", 1, INT64_MAX, &r.id) || !str(c, "name", r.name, sizeof r.name, true) ||
        !num(c, "capacity", 1, LY_CAPACITY_MAX, &cap))
        return false;
    r.capacity = (int)cap;
    return ly_kioskdb_put_room(c->db, &r, c->err, c->errsz);
}

static bool put_session(struct change *c)
{
    struct ly_kiosk_session s = {0};
    int64_t cap;
    if (!num(c, "id", 1, INT64_MAX, &s.id) || !str(c, "ext_id", s.ext_id, sizeof s.ext_id, true) ||
        !str(c, "title", s.title, sizeof s.title, true) ||
        !str(c, "type", s.type, sizeof s.type, false) ||
        !num(c, "room_id", 1, INT64_MAX, &s.room_id) ||
        !str(c, "starts", s.starts, sizeof s.starts, true) ||
        !str(c, "ends", s.ends, sizeof s.ends, true) ||
        !num(c, "capacity", 0, LY_CAPACITY_MAX, &cap) ||
        !str(c, "categories", s.categories, sizeof s.categories, false))
        return false;
    s.capacity = (int)cap;
    return ly_kioskdb_put_session(c->db, &s, c->err, c->errsz);
}

static bool put_attendee(struct change *c)
{
    struct ly_kiosk_attendee a = {0};
    int64_t id, version;
    if (!num(c, "id", 1, UINT32_MAX, &id) || !num(c, "badge_version", 1, UINT16_MAX, &version) ||
        !flag(c, "revoked", &a.revoked) || !flag(c, "assistance", &a.assistance) ||
        !str(c, "name", a.name, sizeof a.name, true) ||
        !str(c, "name_latin", a.name_latin, sizeof a.name_latin, false) ||
        !str(c, "category", a.category, sizeof a.category, false) ||
        !str(c, "country", a.country, sizeof a.country, true) ||
        !str(c, "region", a.region, sizeof a.region, false) ||
        !str(c, "stakeholder", a.stakeholder, sizeof a.stakeholder, false) ||
        !str(c, "attendance", a.attendance, sizeof a.attendance, false) ||
        !str(c, "language", a.language, sizeof a.language, false))
        return false;
    a.id = (uint32_t)id;
    a.badge_version = (uint16_t)version;
    return ly_kioskdb_put_attendee(c->db, &a, c->err, c->errsz);
}

/* An attendee holds one ticket code of another system: a new one replaces the old. */
static bool put_alt_code(struct change *c)
{
    char code[LY_ALT_CODE_MAX + 1];
    int64_t id;
    if (!num(c, "attendee_id", 1, UINT32_MAX, &id) || !str(c, "code", code, sizeof code, true))
        return false;
    return ly_kioskdb_delete_alt_codes(c->db, (uint32_t)id, c->err, c->errsz) &&
           ly_kioskdb_put_alt_code(c->db, code, (uint32_t)id, c->err, c->errsz);
}

/* The whole rule set, replacing the kiosk's. */
static bool put_rules(struct change *c)
{
    const struct ly_jsonr_val *hours = ly_jsonr_get(c->data, "hours");
    const struct ly_jsonr_val *notices = ly_jsonr_get(c->data, "notices");
    const struct ly_jsonr_val *data = c->data;
    if (ly_jsonr_type(hours) != LY_JSONR_ARRAY)
        return bad(c, "hours");
    if (ly_jsonr_type(notices) != LY_JSONR_ARRAY || ly_jsonr_len(notices) > LY_NOTICES_MAX)
        return bad(c, "notices");
    if (!ly_kioskdb_clear_rules(c->db, c->err, c->errsz))
        return false;
    bool ok = true;
    for (const struct ly_jsonr_val *h = ly_jsonr_first(hours); ok && h; h = ly_jsonr_next(h)) {
        struct ly_kiosk_hours row = {0};
        c->data = h;
        ok = str(c, "day", row.day, sizeof row.day, true) &&
             str(c, "opens", row.opens, sizeof row.opens, true) &&
             str(c, "closes", row.closes, sizeof row.closes, true) &&
             ly_kioskdb_put_hours(c->db, &row, c->err, c->errsz);
    }
    for (const struct ly_jsonr_val *n = ly_jsonr_first(notices); ok && n; n = ly_jsonr_next(n)) {
        struct ly_kiosk_notice row = {0};
        c->data = n;
        ok = num(c, "id", 1, INT64_MAX, &row.id) &&
             str(c, "place", row.place, sizeof row.place, false) &&
             str(c, "category", row.category, sizeof row.category, false) &&
             str(c, "text", row.text, sizeof row.text, true) &&
             ly_kioskdb_put_notice(c->db, &row, c->err, c->errsz);
    }
    c->data = data;
    return ok;
}

static bool put_occupancy(struct change *c, int64_t counted_through)
{
    char place[LY_GATE_MAX + 1];
    int64_t inside;
    if (!str(c, "place", place, sizeof place, true) || !num(c, "inside", 0, INT32_MAX, &inside))
        return false;
    return ly_kioskdb_set_hub_occupancy(c->db, place, inside, counted_through, c->err, c->errsz);
}

/* Applies one change; *known is false for a kind this kiosk does not know (skipped). */
static bool apply(struct change *c, bool put, int64_t counted_through, bool *known, bool *gate)
{
    static const char *const gate_kinds[] = {"event", "key", "room", "session"};
    struct ly_kioskdb *db = c->db;
    *known = true;
    for (size_t i = 0; i < sizeof gate_kinds / sizeof gate_kinds[0]; i++) {
        if (strcmp(c->kind, gate_kinds[i]) == 0)
            *gate = true;
    }
    if (put && ly_jsonr_type(c->data) != LY_JSONR_OBJECT)
        return bad(c, "data");
    if (strcmp(c->kind, "attendee") == 0)
        return put ? put_attendee(c)
               : c->id >= 1 && c->id <= UINT32_MAX
                   ? ly_kioskdb_delete_attendee(db, (uint32_t)c->id, c->err, c->errsz)
                   : bad(c, "id");
    if (strcmp(c->kind, "alt_code") == 0)
        return put ? put_alt_code(c)
               : c->id >= 1 && c->id <= UINT32_MAX
                   ? ly_kioskdb_delete_alt_codes(db, (uint32_t)c->id, c->err, c->errsz)
                   : bad(c, "id");
    if (strcmp(c->kind, "session") == 0)
        return put ? put_session(c) : ly_kioskdb_delete_session(db, c->id, c->err, c->errsz);
    if (strcmp(c->kind, "room") == 0)
        return put ? put_room(c) : ly_kioskdb_delete_room(db, c->id, c->err, c->errsz);
    if (strcmp(c->kind, "key") == 0)
        return put ? put_key(c)
               : c->id >= 0 && c->id <= UINT32_MAX
                   ? ly_kioskdb_delete_key(db, (uint32_t)c->id, c->err, c->errsz)
                   : bad(c, "id");
    if (strcmp(c->kind, "event") == 0)
        return put ? put_event(c) : true; /* a kiosk serves one event; it is never deleted */
    if (strcmp(c->kind, "rules") == 0)
        return put ? put_rules(c) : ly_kioskdb_clear_rules(db, c->err, c->errsz);
    if (strcmp(c->kind, "occupancy") == 0)
        return put ? put_occupancy(c, counted_through) : true;
    *known = false;
    *gate = false;
    return true;
}

/* Applies every change of the page inside the open transaction. */
static bool apply_all(struct ly_kioskdb *db, const struct ly_jsonr_val *changes, int64_t since,
                      int64_t next, int64_t counted_through, struct ly_changes_page *out, char *err,
                      size_t errsz)
{
    int64_t last = since;
    for (const struct ly_jsonr_val *v = ly_jsonr_first(changes); v; v = ly_jsonr_next(v)) {
        struct change c = {.db = db, .err = err, .errsz = errsz, .kind = "?"};
        const char *op = ly_jsonr_get_str(v, "op", 8);
        bool known, put;
        c.kind = ly_jsonr_get_str(v, "kind", 32);
        c.data = ly_jsonr_get(v, "data");
        if (!ly_jsonr_get_int(v, "seq", 1, INT64_MAX, &c.seq) || c.seq < last || c.seq > next)
            return ly_fail(err, errsz, "change after %lld: its \"seq\" is missing or out of order",
                           (long long)last);
        last = c.seq;
        if (!c.kind || !op || (strcmp(op, "put") != 0 && strcmp(op, "delete") != 0) ||
            !ly_jsonr_get_int(v, "id", 0, INT64_MAX, &c.id))
            return ly_fail(err, errsz, "change %lld: \"kind\", \"op\" or \"id\" is missing",
                           (long long)c.seq);
        put = strcmp(op, "put") == 0;
        bool gate = false;
        if (!apply(&c, put, counted_through, &known, &gate))
            return false;
        out->gate_data = out->gate_data || gate;
        if (known)
            out->applied++;
        else
            out->skipped++;
    }
    return ly_kioskdb_set_sync_cursor(db, next, err, errsz);
}

bool ly_changes_apply(struct ly_kioskdb *db, const char *body, size_t len, int64_t since,
                      int64_t counted_through, struct ly_changes_page *out, char *err, size_t errsz)
{
    char msg[256];
    memset(out, 0, sizeof *out);
    struct ly_jsonr *doc = ly_jsonr_parse(body, len, msg, sizeof msg);
    if (!doc)
        return ly_fail(err, errsz, "the hub's changes are not JSON: %s", msg);
    const struct ly_jsonr_val *root = ly_jsonr_root(doc);
    const struct ly_jsonr_val *changes = ly_jsonr_get(root, "changes");
    bool ok = true;
    if (ly_jsonr_type(changes) != LY_JSONR_ARRAY ||
        !ly_jsonr_get_int(root, "next", since, INT64_MAX, &out->next) ||
        !ly_jsonr_bool(ly_jsonr_get(root, "more"), &out->more))
        ok = ly_fail(err, errsz,
                     "the hub's changes lack \"changes\", \"more\" or a \"next\" not below %lld",
                     (long long)since);
    else if (ly_jsonr_len(changes) > 0 || out->next != since)
        ok = ly_kioskdb_begin(db, err, errsz) &&
             apply_all(db, changes, since, out->next, counted_through, out, err, errsz) &&
             ly_kioskdb_commit(db, err, errsz);
    if (!ok) {
        ly_kioskdb_rollback(db);
        out->applied = out->skipped = 0;
        out->gate_data = false;
    }
    ly_jsonr_free(doc);
    return ok;
}
