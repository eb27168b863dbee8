/* hub_req.c - parsers of the hub's untrusted requests. See hub_req.h. */
#include "hub/hub_req.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/fail.h"
#include "common/jsonr.h"
#include "common/ly_limits.h"
#include "common/num.h"
#include "common/utf8.h"
#include "event/country.h"
#include "event/vocab.h"

#define WALL_MS_MAX 7258118400000LL /* 2200-01-01: later is a broken clock */

bool ly_req_uuid(char *s)
{
    size_t i = 0;
    for (; s[i] != '\0'; i++) {
        if (i >= LY_UUID_LEN)
            return false;
        char c = s[i];
        if (i == 8 || i == 13 || i == 18 || i == 23) {
            if (c != '-')
                return false;
            continue;
        }
        if (c >= 'A' && c <= 'F')
            s[i] = c = (char)(c - 'A' + 'a');
        if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f')))
            return false;
    }
    return i == LY_UUID_LEN;
}

/* Copies the string member key of o (at most max bytes, no control characters) into dst (room
 * for max + 1). Returns false when it is missing (and required), not a string, or too long. */
static bool get_text(const struct ly_jsonr_val *o, const char *key, bool required, char *dst,
                     size_t max, char *err, size_t errsz)
{
    const struct ly_jsonr_val *v = ly_jsonr_get(o, key);
    size_t len;
    const char *s = ly_jsonr_str(v, &len);
    dst[0] = '\0';
    if (v == NULL && !required)
        return true;
    if (v == NULL)
        return ly_fail(err, errsz, "%s is missing", key);
    if (s == NULL)
        return ly_fail(err, errsz, "%s is not a string", key);
    if (len > max)
        return ly_fail(err, errsz, "%s is longer than %zu bytes", key, max);
    for (size_t i = 0; i < len; i++)
        if ((unsigned char)s[i] < 0x20 || s[i] == 0x7f)
            return ly_fail(err, errsz, "%s holds a control character", key);
    memcpy(dst, s, len + 1);
    return true;
}

static bool get_int(const struct ly_jsonr_val *o, const char *key, int64_t min, int64_t max,
                    int64_t *out, char *err, size_t errsz)
{
    if (ly_jsonr_get(o, key) == NULL)
        return ly_fail(err, errsz, "%s is missing", key);
    if (!ly_jsonr_get_int(o, key, min, max, out))
        return ly_fail(err, errsz, "%s is not an integer from %lld to %lld", key, (long long)min,
                       (long long)max);
    return true;
}

/* Reads body as a JSON object into *out; the status otherwise (LY_REQ_NOMEM when memory ran
 * out, LY_REQ_BAD for the text). */
static enum ly_req_status parse_object(const char *body, size_t n, struct ly_jsonr **out, char *err,
                                       size_t errsz)
{
    bool nomem = false;
    struct ly_jsonr *doc = ly_jsonr_read(body, n, &nomem, err, errsz);
    *out = NULL;
    if (doc == NULL)
        return nomem ? LY_REQ_NOMEM : LY_REQ_BAD;
    if (ly_jsonr_type(ly_jsonr_root(doc)) != LY_JSONR_OBJECT) {
        ly_jsonr_free(doc);
        ly_fail(err, errsz, "the body is not a JSON object");
        return LY_REQ_BAD;
    }
    *out = doc;
    return LY_REQ_OK;
}

enum ly_req_status ly_req_enroll(const char *body, size_t n, struct ly_req_enroll *out, char *err,
                                 size_t errsz)
{
    struct ly_jsonr *doc;
    enum ly_req_status parsed = parse_object(body, n, &doc, err, errsz);
    if (parsed != LY_REQ_OK)
        return parsed;
    const struct ly_jsonr_val *r = ly_jsonr_root(doc);
    bool ok = get_text(r, "code", true, out->code, sizeof out->code - 1, err, errsz) &&
              get_text(r, "kiosk_id", true, out->kiosk_id, LY_UUID_LEN, err, errsz) &&
              get_text(r, "software", false, out->software, LY_SOFTWARE_MAX, err, errsz);
    if (ok && !ly_req_uuid(out->kiosk_id))
        ok = ly_fail(err, errsz, "kiosk_id is not a UUID");
    char hex[2 * LY_BADGE_PK_BYTES + 1];
    size_t n_pk = 0;
    out->has_pk = false;
    if (ok && ly_jsonr_get(r, "sign_pk") != NULL) {
        ok = get_text(r, "sign_pk", true, hex, 2 * LY_BADGE_PK_BYTES, err, errsz);
        if (ok && (strlen(hex) != 2 * LY_BADGE_PK_BYTES ||
                   sodium_hex2bin(out->sign_pk, sizeof out->sign_pk, hex, strlen(hex), NULL, &n_pk,
                                  NULL) != 0 ||
                   n_pk != LY_BADGE_PK_BYTES))
            ok = ly_fail(err, errsz, "sign_pk is not 64 hexadecimal digits");
        out->has_pk = ok;
    }
    ly_jsonr_free(doc);
    return ok ? LY_REQ_OK : LY_REQ_BAD;
}

bool ly_req_prints(const char *decision)
{
    return strcmp(decision, "picked_up") == 0 || strcmp(decision, "reprinted") == 0 ||
           strcmp(decision, "registered") == 0;
}

/* A walk-in's registration (decision "registered"): a name in any script, an affiliation, the
 * country's code, the vocabularies' ids. */
static bool registration(const struct ly_jsonr_val *o, struct ly_walkin *w, char *err, size_t errsz)
{
    if (ly_jsonr_type(o) != LY_JSONR_OBJECT)
        return ly_fail(err, errsz, "a registered entry needs its registration object");
    if (!get_text(o, "name", true, w->name, LY_NAME_MAX, err, errsz) ||
        !get_text(o, "affiliation", false, w->affiliation, LY_AFFILIATION_MAX, err, errsz) ||
        !get_text(o, "country", true, w->country, 2, err, errsz) ||
        !get_text(o, "stakeholder", true, w->stakeholder, LY_LABEL_MAX, err, errsz) ||
        !get_text(o, "category", true, w->category, LY_LABEL_MAX, err, errsz) ||
        !get_text(o, "language", false, w->language, LY_LABEL_MAX, err, errsz))
        return false;
    const struct ly_country *country = ly_country_find(w->country);
    const struct ly_vocab_entry *st = ly_vocab_find(LY_VOCAB_STAKEHOLDER, w->stakeholder);
    const struct ly_vocab_entry *cat = ly_vocab_find(LY_VOCAB_CATEGORY, w->category);
    if (w->name[0] == '\0' || !ly_utf8_valid(w->name, strlen(w->name)) ||
        !ly_utf8_valid(w->affiliation, strlen(w->affiliation)))
        return ly_fail(err, errsz, "the registration's name is empty or not UTF-8");
    if (country == NULL || strcmp(country->alpha2, w->country) != 0)
        return ly_fail(err, errsz, "the registration's country is not a country code");
    if (st == NULL || strcmp(st->id, w->stakeholder) != 0 || cat == NULL ||
        strcmp(cat->id, w->category) != 0)
        return ly_fail(err, errsz, "the registration's stakeholder group or category is unknown");
    if (w->language[0] && !ly_vocab_language_valid(w->language))
        return ly_fail(err, errsz, "the registration's language is unknown");
    return true;
}

/* The badge an entry that prints carries (its version and signing key), and a walk-in's
 * registration. Other entries carry none. */
static bool badge_fields(const struct ly_jsonr_val *o, struct ly_checkin *c, char *err,
                         size_t errsz)
{
    int64_t v = 0, k = 0;
    bool prints = ly_req_prints(c->decision);
    if (ly_jsonr_get(o, "badge_version") != NULL &&
        !get_int(o, "badge_version", 0, UINT16_MAX, &v, err, errsz))
        return false;
    if (ly_jsonr_get(o, "badge_key") != NULL &&
        !get_int(o, "badge_key", 0, UINT32_MAX, &k, err, errsz))
        return false;
    c->badge_version = (uint16_t)v;
    c->badge_key = (uint32_t)k;
    if (!prints)
        return v == 0 && k == 0 ? true
                                : ly_fail(err, errsz, "only an entry that prints has a badge");
    if (v == 0 || c->attendee_id == 0 || c->direction != 0)
        return ly_fail(err, errsz, "%s needs the attendee, the badge version and no movement",
                       c->decision);
    if (strcmp(c->decision, "picked_up") != 0 && k == 0)
        return ly_fail(err, errsz, "%s needs the key that signed the badge", c->decision);
    if (strcmp(c->decision, "registered") == 0)
        return registration(ly_jsonr_get(o, "registration"), &c->walkin, err, errsz);
    return ly_jsonr_get(o, "registration") == NULL
               ? true
               : ly_fail(err, errsz, "only a registered entry carries a registration");
}

/* Reads one check-in object into *c; false with err when a field is invalid. */
static bool checkin(const struct ly_jsonr_val *o, struct ly_checkin *c, char *err, size_t errsz)
{
    int64_t v;
    if (ly_jsonr_type(o) != LY_JSONR_OBJECT)
        return ly_fail(err, errsz, "not an object");
    if (!get_text(o, "uuid", true, c->uuid, LY_UUID_LEN, err, errsz))
        return false;
    if (!ly_req_uuid(c->uuid))
        return ly_fail(err, errsz, "uuid is not a UUID");
    if (!get_int(o, "seq", 1, INT64_MAX, &c->seq, err, errsz) ||
        !get_int(o, "wall_ms", 0, WALL_MS_MAX, &c->wall_ms, err, errsz) ||
        !get_int(o, "mono_ms", 0, INT64_MAX / 2, &c->mono_ms, err, errsz) ||
        !get_text(o, "gate", true, c->gate, LY_GATE_MAX, err, errsz) ||
        !get_int(o, "attendee_id", 0, UINT32_MAX, &v, err, errsz) ||
        !get_text(o, "code_kind", true, c->code_kind, sizeof c->code_kind - 1, err, errsz) ||
        !get_text(o, "decision", true, c->decision, sizeof c->decision - 1, err, errsz) ||
        !get_text(o, "reason_code", true, c->reason_code, sizeof c->reason_code - 1, err, errsz) ||
        !get_text(o, "place", true, c->place, LY_GATE_MAX, err, errsz))
        return false;
    c->attendee_id = (uint32_t)v;
    if (!get_int(o, "direction", -1, 1, &v, err, errsz))
        return false;
    c->direction = (int)v;
    if (strcmp(c->decision, "granted") != 0 && strcmp(c->decision, "already_inside") != 0 &&
        strcmp(c->decision, "denied") != 0 && !ly_req_prints(c->decision))
        return ly_fail(err, errsz,
                       "decision is not granted, already_inside, denied, picked_up, reprinted "
                       "or registered");
    if (c->direction != 0 && (strcmp(c->decision, "granted") != 0 || c->place[0] == '\0'))
        return ly_fail(err, errsz, "only a grant with a place moves someone");
    return badge_fields(o, c, err, errsz);
}

void ly_req_batch_free(struct ly_req_batch *b)
{
    free(b->items);
    free(b->results);
    free(b->errors);
    memset(b, 0, sizeof *b);
}

enum ly_req_status ly_req_batch(const char *body, size_t n, struct ly_req_batch *out, char *err,
                                size_t errsz)
{
    memset(out, 0, sizeof *out);
    struct ly_jsonr *doc;
    enum ly_req_status parsed = parse_object(body, n, &doc, err, errsz);
    if (parsed != LY_REQ_OK)
        return parsed;
    const struct ly_jsonr_val *r = ly_jsonr_root(doc);
    const struct ly_jsonr_val *list = ly_jsonr_get(r, "checkins");
    enum ly_req_status st = LY_REQ_BAD;
    if (!get_text(r, "kiosk_id", true, out->kiosk_id, LY_UUID_LEN, err, errsz))
        goto end;
    if (!ly_req_uuid(out->kiosk_id)) {
        ly_fail(err, errsz, "kiosk_id is not a UUID");
        goto end;
    }
    if (!get_int(r, "queue", 0, INT64_MAX, &out->queue, err, errsz))
        goto end;
    if (ly_jsonr_get(r, "sent_ms") != NULL) {
        if (!get_int(r, "sent_ms", 0, WALL_MS_MAX, &out->sent_ms, err, errsz))
            goto end;
        out->has_sent_ms = true;
    }
    if (ly_jsonr_get(r, "health") != NULL)
        out->has_health = ly_health_read(ly_jsonr_get(r, "health"), &out->health, out->health_error,
                                         sizeof out->health_error);
    if (ly_jsonr_type(list) != LY_JSONR_ARRAY) {
        ly_fail(err, errsz, "checkins is not an array");
        goto end;
    }
    out->n = ly_jsonr_len(list);
    if (out->n > LY_SYNC_BATCH_MAX) {
        ly_fail(err, errsz, "a batch holds at most %d check-ins, not %zu", LY_SYNC_BATCH_MAX,
                out->n);
        out->n = 0;
        st = LY_REQ_TOO_LARGE;
        goto end;
    }
    size_t alloc = out->n ? out->n : 1;
    out->items = calloc(alloc, sizeof *out->items);
    out->results = calloc(alloc, sizeof *out->results);
    out->errors = calloc(alloc, sizeof *out->errors);
    if (!out->items || !out->results || !out->errors) {
        ly_fail(err, errsz, "out of memory");
        st = LY_REQ_NOMEM;
        goto end;
    }
    size_t i = 0;
    for (const struct ly_jsonr_val *m = ly_jsonr_first(list); m; m = ly_jsonr_next(m), i++) {
        struct ly_checkin *c = &out->items[i];
        if (checkin(m, c, out->errors[i], sizeof out->errors[i])) {
            out->results[i] = LY_ITEM_STORED;
        } else {
            out->results[i] = LY_ITEM_REJECTED;
            /* Keep the uuid for the answer only when it is one. */
            if (!ly_req_uuid(c->uuid))
                c->uuid[0] = '\0';
        }
    }
    st = LY_REQ_OK;
end:
    if (st != LY_REQ_OK)
        ly_req_batch_free(out);
    ly_jsonr_free(doc);
    return st;
}

static bool query_int(const char *name, const char *s, int64_t min, int64_t max, int64_t dflt,
                      int64_t *out, char *err, size_t errsz)
{
    if (s == NULL) {
        *out = dflt;
        return true;
    }
    if (strlen(s) > 20 || !ly_num_int(s, min, max, out))
        return ly_fail(err, errsz, "%s must be an integer from %lld to %lld", name, (long long)min,
                       (long long)max);
    return true;
}

enum ly_req_status ly_req_changes(const char *since, const char *limit, const char *wait,
                                  struct ly_req_changes *out, char *err, size_t errsz)
{
    return query_int("since", since, 0, INT64_MAX, 0, &out->since, err, errsz) &&
                   query_int("limit", limit, 1, LY_SYNC_PAGE_MAX, LY_SYNC_PAGE_MAX, &out->limit,
                             err, errsz) &&
                   query_int("wait", wait, 0, LY_SYNC_WAIT_MAX, 0, &out->wait_s, err, errsz)
               ? LY_REQ_OK
               : LY_REQ_BAD;
}

/* A path of plain segments: printable ASCII, no segment starting with a dot (".", "..", hidden
 * files), no ".." anywhere, no empty segment inside, no backslash or '%' (a second encoding). */
bool ly_req_path_clean(const char *p)
{
    if (p[0] != '/' || strstr(p, "..") != NULL || strstr(p, "/.") != NULL)
        return false;
    for (const char *s = p; *s; s++) {
        unsigned char c = (unsigned char)*s;
        if (c <= 0x20 || c >= 0x7f || c == '\\' || c == '%')
            return false;
        if (c == '/' && s != p && s[-1] == '/')
            return false;
    }
    return true;
}
