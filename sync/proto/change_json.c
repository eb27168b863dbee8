/* change_json.c - changes of the sync protocol as JSON, both ways. See change_json.h. */
#include "proto/change_json.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "common/fail.h"
#include "common/json.h"

static const char *const kind_names[] = {
    [LY_CHANGE_EVENT] = "event",       [LY_CHANGE_KEY] = "key",
    [LY_CHANGE_ROOM] = "room",         [LY_CHANGE_SESSION] = "session",
    [LY_CHANGE_ATTENDEE] = "attendee", [LY_CHANGE_ALT_CODE] = "alt_code",
    [LY_CHANGE_RULES] = "rules",       [LY_CHANGE_OCCUPANCY] = "occupancy",
};

#define N_KINDS (sizeof kind_names / sizeof kind_names[0])

const char *ly_change_kind_name(enum ly_change_kind k)
{
    return (size_t)k < N_KINDS ? kind_names[k] : "unknown";
}

bool ly_change_kind_parse(const char *name, enum ly_change_kind *out)
{
    for (size_t i = 0; i < N_KINDS; i++) {
        if (strcmp(kind_names[i], name) == 0) {
            *out = (enum ly_change_kind)i;
            return true;
        }
    }
    return false;
}

static void data_json(FILE *f, const struct ly_change *c)
{
    int first = 1;
    fputc('{', f);
    switch (c->kind) {
    case LY_CHANGE_EVENT: {
        const struct ly_event *e = c->u.event;
        ly_json_kv_int(f, &first, "id", e->id);
        ly_json_kv_str(f, &first, "name", e->name);
        ly_json_kv_str(f, &first, "starts", e->starts);
        ly_json_kv_str(f, &first, "ends", e->ends);
        ly_json_kv_str(f, &first, "timezone", e->timezone);
        break;
    }
    case LY_CHANGE_KEY: {
        char hex[2 * LY_BADGE_PK_BYTES + 1];
        for (size_t i = 0; i < LY_BADGE_PK_BYTES; i++)
            snprintf(hex + 2 * i, 3, "%02x", c->u.key->pk[i]);
        ly_json_kv_int(f, &first, "key_id", c->u.key->key_id);
        ly_json_kv_str(f, &first, "public_key", hex);
        break;
    }
    case LY_CHANGE_ROOM:
        ly_json_kv_int(f, &first, "id", c->u.room->id);
        ly_json_kv_str(f, &first, "name", c->u.room->name);
        ly_json_kv_int(f, &first, "capacity", c->u.room->capacity);
        break;
    case LY_CHANGE_SESSION: {
        const struct ly_kiosk_session *s = c->u.session;
        ly_json_kv_int(f, &first, "id", s->id);
        ly_json_kv_str(f, &first, "ext_id", s->ext_id);
        ly_json_kv_str(f, &first, "title", s->title);
        ly_json_kv_str(f, &first, "type", s->type);
        ly_json_kv_int(f, &first, "room_id", s->room_id);
        ly_json_kv_str(f, &first, "starts", s->starts);
        ly_json_kv_str(f, &first, "ends", s->ends);
        ly_json_kv_int(f, &first, "capacity", s->capacity);
        ly_json_kv_str(f, &first, "categories", s->categories);
        break;
    }
    case LY_CHANGE_ATTENDEE: {
        const struct ly_kiosk_attendee *a = c->u.attendee;
        ly_json_kv_int(f, &first, "id", a->id);
        ly_json_kv_int(f, &first, "badge_version", a->badge_version);
        ly_json_kv_bool(f, &first, "revoked", a->revoked);
        ly_json_kv_bool(f, &first, "assistance", a->assistance);
        ly_json_kv_str(f, &first, "name", a->name);
        ly_json_kv_str(f, &first, "name_latin", a->name_latin);
        ly_json_kv_str(f, &first, "category", a->category);
        ly_json_kv_str(f, &first, "country", a->country);
        ly_json_kv_str(f, &first, "region", a->region);
        ly_json_kv_str(f, &first, "stakeholder", a->stakeholder);
        ly_json_kv_str(f, &first, "attendance", a->attendance);
        ly_json_kv_str(f, &first, "language", a->language);
        break;
    }
    case LY_CHANGE_ALT_CODE:
        ly_json_kv_int(f, &first, "attendee_id", c->u.alt_code.attendee_id);
        ly_json_kv_str(f, &first, "code", c->u.alt_code.code);
        break;
    case LY_CHANGE_RULES:
        fputs("\"hours\":[", f);
        for (size_t i = 0; i < c->u.rules.nhours; i++) {
            const struct ly_kiosk_hours *h = &c->u.rules.hours[i];
            int ff = 1;
            fputs(i ? ",{" : "{", f);
            ly_json_kv_str(f, &ff, "day", h->day);
            ly_json_kv_str(f, &ff, "opens", h->opens);
            ly_json_kv_str(f, &ff, "closes", h->closes);
            fputc('}', f);
        }
        fputs("],\"notices\":[", f);
        for (size_t i = 0; i < c->u.rules.nnotices; i++) {
            const struct ly_kiosk_notice *n = &c->u.rules.notices[i];
            int ff = 1;
            fputs(i ? ",{" : "{", f);
            ly_json_kv_int(f, &ff, "id", n->id);
            ly_json_kv_str(f, &ff, "place", n->place);
            ly_json_kv_str(f, &ff, "category", n->category);
            ly_json_kv_str(f, &ff, "text", n->text);
            fputc('}', f);
        }
        fputc(']', f);
        break;
    case LY_CHANGE_OCCUPANCY:
        ly_json_kv_str(f, &first, "place", c->u.occupancy.place);
        ly_json_kv_int(f, &first, "inside", c->u.occupancy.inside);
        break;
    }
    fputc('}', f);
}

void ly_change_json(FILE *f, const struct ly_change *c)
{
    int first = 1;
    fputc('{', f);
    ly_json_kv_int(f, &first, "seq", c->seq);
    ly_json_kv_str(f, &first, "kind", ly_change_kind_name(c->kind));
    ly_json_kv_str(f, &first, "op", c->deleted ? "delete" : "put");
    ly_json_kv_int(f, &first, "id", c->id);
    fputs(",\"data\":", f);
    if (c->deleted)
        fputs("null", f);
    else
        data_json(f, c);
    fputc('}', f);
}

/* ---- reading */

struct rd {
    const struct ly_jsonr_val *o;
    char *err;
    size_t errsz;
    bool ok;
};

static void str(struct rd *r, const char *key, char *dst, size_t dstsz)
{
    size_t len;
    const char *s = ly_jsonr_str(ly_jsonr_get(r->o, key), &len);
    if (!r->ok)
        return;
    if (s == NULL || len >= dstsz) {
        r->ok = ly_fail(r->err, r->errsz, "%s: not a string of at most %zu bytes", key, dstsz - 1);
        return;
    }
    memcpy(dst, s, len + 1);
}

static int64_t num(struct rd *r, const char *key, int64_t min, int64_t max)
{
    int64_t v = 0;
    if (r->ok && !ly_jsonr_get_int(r->o, key, min, max, &v))
        r->ok = ly_fail(r->err, r->errsz, "%s: not an integer from %lld to %lld", key,
                        (long long)min, (long long)max);
    return v;
}

static bool flag(struct rd *r, const char *key)
{
    bool b = false;
    if (r->ok && !ly_jsonr_bool(ly_jsonr_get(r->o, key), &b))
        r->ok = ly_fail(r->err, r->errsz, "%s: not true or false", key);
    return b;
}

static bool hex_key(struct rd *r, uint8_t pk[LY_BADGE_PK_BYTES])
{
    char hex[2 * LY_BADGE_PK_BYTES + 1];
    str(r, "public_key", hex, sizeof hex);
    if (r->ok && strlen(hex) != 2 * LY_BADGE_PK_BYTES)
        r->ok = ly_fail(r->err, r->errsz, "public_key: not %d hexadecimal digits",
                        2 * LY_BADGE_PK_BYTES);
    for (size_t i = 0; r->ok && i < LY_BADGE_PK_BYTES; i++) {
        unsigned v = 0;
        for (int k = 0; k < 2; k++) {
            char ch = hex[2 * i + (size_t)k];
            int d = ch >= '0' && ch <= '9' ? ch - '0' : ch >= 'a' && ch <= 'f' ? ch - 'a' + 10 : -1;
            if (d < 0)
                return r->ok = ly_fail(r->err, r->errsz, "public_key: not hexadecimal");
            v = v << 4 | (unsigned)d;
        }
        pk[i] = (uint8_t)v;
    }
    return r->ok;
}

static void rules(struct rd *r, struct ly_change_data *d)
{
    const struct ly_jsonr_val *h = ly_jsonr_get(r->o, "hours"), *n = ly_jsonr_get(r->o, "notices");
    if (ly_jsonr_type(h) != LY_JSONR_ARRAY || ly_jsonr_type(n) != LY_JSONR_ARRAY ||
        ly_jsonr_len(h) > LY_EVENT_DAYS_MAX + LY_RULE_DAYS_BEFORE ||
        ly_jsonr_len(n) > LY_NOTICES_MAX) {
        r->ok = ly_fail(r->err, r->errsz, "rules: hours and notices must be arrays in limits");
        return;
    }
    d->hours = calloc(ly_jsonr_len(h) + 1, sizeof *d->hours);
    d->notices = calloc(ly_jsonr_len(n) + 1, sizeof *d->notices);
    if (!d->hours || !d->notices) {
        r->ok = ly_fail(r->err, r->errsz, "out of memory");
        return;
    }
    const struct ly_jsonr_val *o = r->o;
    size_t i = 0;
    for (r->o = ly_jsonr_first(h); r->o && r->ok; r->o = ly_jsonr_next(r->o), i++) {
        str(r, "day", d->hours[i].day, sizeof d->hours[i].day);
        str(r, "opens", d->hours[i].opens, sizeof d->hours[i].opens);
        str(r, "closes", d->hours[i].closes, sizeof d->hours[i].closes);
    }
    d->c.u.rules.nhours = i;
    i = 0;
    for (r->o = ly_jsonr_first(n); r->o && r->ok; r->o = ly_jsonr_next(r->o), i++) {
        d->notices[i].id = num(r, "id", 0, INT64_MAX);
        str(r, "place", d->notices[i].place, sizeof d->notices[i].place);
        str(r, "category", d->notices[i].category, sizeof d->notices[i].category);
        str(r, "text", d->notices[i].text, sizeof d->notices[i].text);
    }
    d->c.u.rules.nnotices = i;
    d->c.u.rules.hours = d->hours;
    d->c.u.rules.notices = d->notices;
    r->o = o;
}

static void data(struct rd *r, struct ly_change_data *d)
{
    switch (d->c.kind) {
    case LY_CHANGE_EVENT:
        d->event.id = (uint32_t)num(r, "id", 1, UINT32_MAX);
        str(r, "name", d->event.name, sizeof d->event.name);
        str(r, "starts", d->event.starts, sizeof d->event.starts);
        str(r, "ends", d->event.ends, sizeof d->event.ends);
        str(r, "timezone", d->event.timezone, sizeof d->event.timezone);
        d->c.u.event = &d->event;
        break;
    case LY_CHANGE_KEY:
        d->key.key_id = (uint32_t)num(r, "key_id", 0, UINT32_MAX);
        hex_key(r, d->key.pk);
        d->c.u.key = &d->key;
        break;
    case LY_CHANGE_ROOM:
        d->room.id = num(r, "id", 1, INT64_MAX);
        str(r, "name", d->room.name, sizeof d->room.name);
        d->room.capacity = (int)num(r, "capacity", 0, LY_CAPACITY_MAX);
        d->c.u.room = &d->room;
        break;
    case LY_CHANGE_SESSION:
        d->session.id = num(r, "id", 1, INT64_MAX);
        str(r, "ext_id", d->session.ext_id, sizeof d->session.ext_id);
        str(r, "title", d->session.title, sizeof d->session.title);
        str(r, "type", d->session.type, sizeof d->session.type);
        d->session.room_id = num(r, "room_id", 1, INT64_MAX);
        str(r, "starts", d->session.starts, sizeof d->session.starts);
        str(r, "ends", d->session.ends, sizeof d->session.ends);
        d->session.capacity = (int)num(r, "capacity", 0, LY_CAPACITY_MAX);
        str(r, "categories", d->session.categories, sizeof d->session.categories);
        d->c.u.session = &d->session;
        break;
    case LY_CHANGE_ATTENDEE: {
        struct ly_kiosk_attendee *a = &d->attendee;
        a->id = (uint32_t)num(r, "id", 1, UINT32_MAX);
        a->badge_version = (uint16_t)num(r, "badge_version", 1, UINT16_MAX);
        a->revoked = flag(r, "revoked");
        a->assistance = flag(r, "assistance");
        str(r, "name", a->name, sizeof a->name);
        str(r, "name_latin", a->name_latin, sizeof a->name_latin);
        str(r, "category", a->category, sizeof a->category);
        str(r, "country", a->country, sizeof a->country);
        str(r, "region", a->region, sizeof a->region);
        str(r, "stakeholder", a->stakeholder, sizeof a->stakeholder);
        str(r, "attendance", a->attendance, sizeof a->attendance);
        str(r, "language", a->language, sizeof a->language);
        d->c.u.attendee = a;
        break;
    }
    case LY_CHANGE_ALT_CODE:
        d->c.u.alt_code.attendee_id = (uint32_t)num(r, "attendee_id", 1, UINT32_MAX);
        str(r, "code", d->code, sizeof d->code);
        d->c.u.alt_code.code = d->code;
        break;
    case LY_CHANGE_RULES:
        rules(r, d);
        break;
    case LY_CHANGE_OCCUPANCY:
        str(r, "place", d->place, sizeof d->place);
        d->c.u.occupancy.inside = num(r, "inside", INT64_MIN / 2, INT64_MAX / 2);
        d->c.u.occupancy.place = d->place;
        break;
    }
}

bool ly_change_parse(const struct ly_jsonr_val *v, struct ly_change_data *out, bool *known,
                     char *err, size_t errsz)
{
    struct rd r = {v, err, errsz, true};
    char kind[32], op[16];
    memset(out, 0, sizeof *out);
    *known = true;
    if (ly_jsonr_type(v) != LY_JSONR_OBJECT)
        return ly_fail(err, errsz, "a change is not an object");
    out->c.seq = num(&r, "seq", 1, INT64_MAX);
    out->c.id = num(&r, "id", 0, INT64_MAX);
    str(&r, "kind", kind, sizeof kind);
    str(&r, "op", op, sizeof op);
    if (!r.ok)
        return false;
    if (!ly_change_kind_parse(kind, &out->c.kind)) {
        *known = false;
        return true;
    }
    if (strcmp(op, "delete") == 0) {
        out->c.deleted = true;
        return true;
    }
    if (strcmp(op, "put") != 0)
        return ly_fail(err, errsz, "op is neither put nor delete");
    r.o = ly_jsonr_get(v, "data");
    if (ly_jsonr_type(r.o) != LY_JSONR_OBJECT)
        return ly_fail(err, errsz, "data of a put is not an object");
    data(&r, out);
    if (!r.ok)
        ly_change_data_free(out);
    return r.ok;
}

void ly_change_data_free(struct ly_change_data *d)
{
    free(d->hours);
    free(d->notices);
    d->hours = NULL;
    d->notices = NULL;
}
