/* change_json.c - changes of the sync protocol as JSON, both ways. See change_json.h. */
#include "proto/change_json.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "common/fail.h"
#include "gate/gate_occupancy.h"
#include "common/json.h"
#include "event/records_fields.h"

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
    case LY_CHANGE_EVENT:
        ly_json_fields(f, &first, ly_records_event_fields, c->u.event);
        break;
    case LY_CHANGE_KEY: {
        const struct ly_key_proof *k = c->u.key;
        char hex[2 * LY_BADGE_CERT_BYTES + 1];
        for (size_t i = 0; i < LY_BADGE_PK_BYTES; i++)
            snprintf(hex + 2 * i, 3, "%02x", k->key.pk[i]);
        ly_json_kv_int(f, &first, "key_id", k->key.key_id);
        ly_json_kv_str(f, &first, "public_key", hex);
        if (k->certified) {
            for (size_t i = 0; i < LY_BADGE_CERT_BYTES; i++)
                snprintf(hex + 2 * i, 3, "%02x", k->certificate[i]);
            ly_json_kv_str(f, &first, "certificate", hex);
            ly_json_kv_int(f, &first, "id_first", k->id_first);
            ly_json_kv_int(f, &first, "id_last", k->id_last);
        }
        if (c->peer && c->peer->kiosk_id[0]) {
            ly_json_kv_str(f, &first, "kiosk_id", c->peer->kiosk_id);
            ly_json_kv_str(f, &first, "peer", c->peer->addr);
            ly_json_kv_int(f, &first, "acked_seq", c->peer->acked_seq);
        }
        break;
    }
    case LY_CHANGE_ROOM:
        ly_json_fields(f, &first, ly_records_room_fields, c->u.room);
        break;
    case LY_CHANGE_SESSION:
        ly_json_fields(f, &first, ly_records_session_fields, c->u.session);
        break;
    case LY_CHANGE_ATTENDEE:
        ly_json_fields(f, &first, ly_records_attendee_fields, c->u.attendee);
        if (c->u.attendee->sealed[0] != '\0')
            ly_json_kv_str(f, &first, "sealed", c->u.attendee->sealed);
        break;
    case LY_CHANGE_ALT_CODE:
        ly_json_kv_int(f, &first, "attendee_id", c->u.alt_code.attendee_id);
        ly_json_kv_str(f, &first, "code", c->u.alt_code.code);
        break;
    case LY_CHANGE_RULES:
        ly_json_kv_objects(f, &first, "hours", ly_records_hours_fields, c->u.rules.hours,
                           c->u.rules.nhours, sizeof *c->u.rules.hours);
        ly_json_kv_objects(f, &first, "notices", ly_records_notice_fields, c->u.rules.notices,
                           c->u.rules.nnotices, sizeof *c->u.rules.notices);
        break;
    case LY_CHANGE_OCCUPANCY:
        ly_json_kv_str(f, &first, "place", c->u.occupancy.place);
        ly_json_kv_int(f, &first, "inside", c->u.occupancy.inside);
        ly_json_kv_int(f, &first, "as_of", c->u.occupancy.as_of);
        if (c->u.occupancy.grace_s >= 0)
            ly_json_kv_int(f, &first, "grace_s", c->u.occupancy.grace_s);
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

/* An attendee's optional "sealed" member (docs/sync-protocol.md): the details sealed per badge,
 * base64 of at most LY_SEALED_TEXT_MAX bytes; the kiosk checks its form when it stores it. */
static bool sealed_details(const struct ly_jsonr_val *o, struct ly_kiosk_attendee *a, char *err,
                           size_t errsz)
{
    const struct ly_jsonr_val *m = ly_jsonr_get(o, "sealed");
    size_t len = 0;
    const char *s;
    a->sealed[0] = '\0';
    if (m == NULL)
        return true;
    s = ly_jsonr_str(m, &len);
    if (s == NULL || len == 0 || len > LY_SEALED_TEXT_MAX)
        return ly_fail(err, errsz, "sealed: not a string of 1 to %d bytes", LY_SEALED_TEXT_MAX);
    memcpy(a->sealed, s, len);
    a->sealed[len] = '\0';
    return true;
}

/* The members every change has. */
struct head {
    int64_t seq, id;
    char kind[32], op[16];
};

static const struct ly_field head_fields[] = {
    LY_FIELD_RANGE(struct head, seq, 1, INT64_MAX),
    LY_FIELD_RANGE(struct head, id, 0, INT64_MAX),
    LY_FIELD(struct head, kind),
    LY_FIELD(struct head, op),
    LY_FIELD_END,
};

/* The data of the kinds that are no record of their own, read into the change's room for it. */
static const struct ly_field key_fields[] = {
    LY_FIELD_KEY_RANGE(struct ly_change_data, key.key.key_id, "key_id", 0, UINT32_MAX),
    LY_FIELD_END,
};

/* A kiosk key's certificate comes with its walk-in ids (docs/badge-format.md, "Kiosk keys"). */
static const struct ly_field key_cert_fields[] = {
    LY_FIELD_KEY_RANGE(struct ly_change_data, key.id_first, "id_first", 1, UINT32_MAX),
    LY_FIELD_KEY_RANGE(struct ly_change_data, key.id_last, "id_last", 1, UINT32_MAX),
    LY_FIELD_END,
};

static const struct ly_field alt_code_fields[] = {
    LY_FIELD_KEY_RANGE(struct ly_change_data, c.u.alt_code.attendee_id, "attendee_id", 1,
                       UINT32_MAX),
    LY_FIELD(struct ly_change_data, code),
    LY_FIELD_END,
};

static const struct ly_field occupancy_fields[] = {
    LY_FIELD(struct ly_change_data, place),
    LY_FIELD_KEY_RANGE(struct ly_change_data, c.u.occupancy.inside, "inside", INT64_MIN / 2,
                       INT64_MAX / 2),
    LY_FIELD_END,
};

/* The members an older hub does not send: as_of (0 without it) and grace_s (-1 without it). */
static bool occupancy_extra(const struct ly_jsonr_val *o, struct ly_change_data *d, char *err,
                            size_t errsz)
{
    d->c.u.occupancy.as_of = 0;
    d->c.u.occupancy.grace_s = -1;
    if (ly_jsonr_get(o, "as_of") &&
        !ly_jsonr_get_int(o, "as_of", 0, INT64_MAX / 2, &d->c.u.occupancy.as_of))
        return ly_fail(err, errsz, "as_of: not a time");
    if (ly_jsonr_get(o, "grace_s") &&
        !ly_jsonr_get_int(o, "grace_s", 0, LY_OCCUPANCY_GRACE_MAX_S, &d->c.u.occupancy.grace_s))
        return ly_fail(err, errsz, "grace_s: not 0 to %d", LY_OCCUPANCY_GRACE_MAX_S);
    return true;
}

/* The string member name of o: n bytes as 2n lower-case hexadecimal digits. */
static bool hex_member(const struct ly_jsonr_val *o, const char *name, uint8_t *out, size_t n,
                       char *err, size_t errsz)
{
    size_t len = 0;
    const char *hex = ly_jsonr_str(ly_jsonr_get(o, name), &len);
    if (hex == NULL || len != 2 * n)
        return ly_fail(err, errsz, "%s: not %zu hexadecimal digits", name, 2 * n);
    for (size_t i = 0; i < n; i++) {
        unsigned v = 0;
        for (int k = 0; k < 2; k++) {
            char ch = hex[2 * i + (size_t)k];
            int d = ch >= '0' && ch <= '9' ? ch - '0' : ch >= 'a' && ch <= 'f' ? ch - 'a' + 10 : -1;
            if (d < 0)
                return ly_fail(err, errsz, "%s: not hexadecimal", name);
            v = v << 4 | (unsigned)d;
        }
        out[i] = (uint8_t)v;
    }
    return true;
}

/* Reads the members of array member key of o (at most max) into a new array *arr of elem-byte
 * structs by fields; *n their count. */
static bool objects(const struct ly_jsonr_val *o, const char *key, size_t max,
                    const struct ly_field *fields, void **arr, size_t elem, size_t *n, char *err,
                    size_t errsz)
{
    const struct ly_jsonr_val *a = ly_jsonr_get(o, key);
    if (ly_jsonr_type(a) != LY_JSONR_ARRAY || ly_jsonr_len(a) > max)
        return ly_fail(err, errsz, "rules: %s must be an array of at most %zu members", key, max);
    *arr = calloc(ly_jsonr_len(a) + 1, elem);
    if (*arr == NULL)
        return ly_fail(err, errsz, "out of memory");
    *n = 0;
    for (const struct ly_jsonr_val *m = ly_jsonr_first(a); m; m = ly_jsonr_next(m), (*n)++)
        if (!ly_jsonr_fields(m, fields, (char *)*arr + *n * elem, err, errsz))
            return false;
    return true;
}

static bool rules(const struct ly_jsonr_val *o, struct ly_change_data *d, char *err, size_t errsz)
{
    bool ok = objects(o, "hours", LY_EVENT_DAYS_MAX + LY_RULE_DAYS_BEFORE, ly_records_hours_fields,
                      (void **)&d->hours, sizeof *d->hours, &d->c.u.rules.nhours, err, errsz) &&
              objects(o, "notices", LY_NOTICES_MAX, ly_records_notice_fields, (void **)&d->notices,
                      sizeof *d->notices, &d->c.u.rules.nnotices, err, errsz);
    d->c.u.rules.hours = d->hours;
    d->c.u.rules.notices = d->notices;
    return ok;
}

/* A kiosk's key's kiosk, peer address and committed sequence (docs/sync-protocol.md, "Peer
 * exchange"): a UUID, printable ASCII of at most LY_PEER_ADDR_MAX bytes ("" = none), 0 or more. */
static bool peer_info(const struct ly_jsonr_val *o, struct ly_change_data *d, char *err,
                      size_t errsz)
{
    size_t len, alen;
    const char *id = ly_jsonr_str(ly_jsonr_get(o, "kiosk_id"), &len);
    const char *addr = ly_jsonr_str(ly_jsonr_get(o, "peer"), &alen);
    if (!id || len != LY_UUID_LEN || !addr || alen > LY_PEER_ADDR_MAX ||
        !ly_jsonr_get_int(o, "acked_seq", 0, INT64_MAX / 2, &d->peer.acked_seq))
        return ly_fail(err, errsz, "a kiosk key's kiosk_id, peer or acked_seq is not valid");
    for (size_t i = 0; i < alen; i++)
        if (addr[i] <= ' ' || addr[i] > '~')
            return ly_fail(err, errsz, "peer is not printable ASCII");
    memcpy(d->peer.kiosk_id, id, len + 1);
    memcpy(d->peer.addr, addr, alen + 1);
    d->c.peer = &d->peer;
    return true;
}

static bool data(const struct ly_jsonr_val *o, struct ly_change_data *d, char *err, size_t errsz)
{
    switch (d->c.kind) {
    case LY_CHANGE_EVENT:
        d->c.u.event = &d->event;
        return ly_jsonr_fields(o, ly_records_event_fields, &d->event, err, errsz);
    case LY_CHANGE_KEY:
        d->c.u.key = &d->key;
        if (!ly_jsonr_fields(o, key_fields, d, err, errsz) ||
            !hex_member(o, "public_key", d->key.key.pk, LY_BADGE_PK_BYTES, err, errsz))
            return false;
        d->key.certified = ly_jsonr_get(o, "certificate") != NULL;
        if (!d->key.certified)
            return true;
        if (!hex_member(o, "certificate", d->key.certificate, LY_BADGE_CERT_BYTES, err, errsz) ||
            !ly_jsonr_fields(o, key_cert_fields, d, err, errsz))
            return false;
        if (d->key.id_last < d->key.id_first)
            return ly_fail(err, errsz, "id_last is below id_first");
        return ly_jsonr_get(o, "kiosk_id") == NULL || peer_info(o, d, err, errsz);
    case LY_CHANGE_ROOM:
        d->c.u.room = &d->room;
        return ly_jsonr_fields(o, ly_records_room_fields, &d->room, err, errsz);
    case LY_CHANGE_SESSION:
        d->c.u.session = &d->session;
        return ly_jsonr_fields(o, ly_records_session_fields, &d->session, err, errsz);
    case LY_CHANGE_ATTENDEE:
        d->c.u.attendee = &d->attendee;
        return ly_jsonr_fields(o, ly_records_attendee_fields, &d->attendee, err, errsz) &&
               sealed_details(o, &d->attendee, err, errsz);
    case LY_CHANGE_ALT_CODE:
        d->c.u.alt_code.code = d->code;
        return ly_jsonr_fields(o, alt_code_fields, d, err, errsz);
    case LY_CHANGE_RULES:
        return rules(o, d, err, errsz);
    case LY_CHANGE_OCCUPANCY:
        d->c.u.occupancy.place = d->place;
        return ly_jsonr_fields(o, occupancy_fields, d, err, errsz) &&
               occupancy_extra(o, d, err, errsz);
    }
    return ly_fail(err, errsz, "unknown kind");
}

bool ly_change_parse(const struct ly_jsonr_val *v, struct ly_change_data *out, bool *known,
                     char *err, size_t errsz)
{
    struct head h;
    memset(out, 0, sizeof *out);
    *known = true;
    if (ly_jsonr_type(v) != LY_JSONR_OBJECT)
        return ly_fail(err, errsz, "a change is not an object");
    if (!ly_jsonr_fields(v, head_fields, &h, err, errsz))
        return false;
    out->c.seq = h.seq;
    out->c.id = h.id;
    if (!ly_change_kind_parse(h.kind, &out->c.kind)) {
        *known = false;
        return true;
    }
    if (strcmp(h.op, "delete") == 0) {
        out->c.deleted = true;
        return true;
    }
    if (strcmp(h.op, "put") != 0)
        return ly_fail(err, errsz, "op is neither put nor delete");
    const struct ly_jsonr_val *data_v = ly_jsonr_get(v, "data");
    if (ly_jsonr_type(data_v) != LY_JSONR_OBJECT)
        return ly_fail(err, errsz, "data of a put is not an object");
    bool ok = data(data_v, out, err, errsz);
    if (!ok)
        ly_change_data_free(out);
    return ok;
}

void ly_change_data_free(struct ly_change_data *d)
{
    free(d->hours);
    free(d->notices);
    d->hours = NULL;
    d->notices = NULL;
}
