/* wire.c - the kiosk's side of the sync protocol's JSON. See wire.h. */
#include "proto/wire.h"

#include <sodium.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "common/fail.h"
#include "common/json.h"
#include "common/jsonr.h"
#include "gate/gate_time.h"
#include "common/ly_limits.h"

/* A JSON body built with the json.h writer into memory. */
struct body {
    FILE *f;
    char *buf;
    size_t len;
};

static bool body_open(struct body *b, char *err, size_t errsz)
{
    b->buf = NULL;
    b->len = 0;
    b->f = open_memstream(&b->buf, &b->len);
    return b->f ? true : ly_fail(err, errsz, "out of memory");
}

static bool body_close(struct body *b, char **out, size_t *len, char *err, size_t errsz)
{
    bool ok = !ferror(b->f);
    if (fclose(b->f) != 0)
        ok = false;
    if (!ok) {
        free(b->buf);
        return ly_fail(err, errsz, "out of memory");
    }
    *out = b->buf;
    *len = b->len;
    return true;
}

bool ly_wire_enroll_request(const char *code, const char *kiosk_id, const uint8_t *sign_pk,
                            char **out, size_t *len, char *err, size_t errsz)
{
    struct body b;
    int first = 1;
    char hex[2 * LY_BADGE_PK_BYTES + 1];
    if (!body_open(&b, err, errsz))
        return false;
    fputc('{', b.f);
    ly_json_kv_str(b.f, &first, "code", code);
    ly_json_kv_str(b.f, &first, "kiosk_id", kiosk_id);
    ly_json_kv_str(b.f, &first, "software", "lanyard-kiosk");
    if (sign_pk) {
        sodium_bin2hex(hex, sizeof hex, sign_pk, LY_BADGE_PK_BYTES);
        ly_json_kv_str(b.f, &first, "sign_pk", hex);
    }
    fputc('}', b.f);
    return body_close(&b, out, len, err, errsz);
}

/* Copies the string member key of v (at most max bytes, non-empty unless empty_ok) into out. */
static bool copy_str(const struct ly_jsonr_val *v, const char *key, size_t max, bool empty_ok,
                     char *out, size_t outsz, char *err, size_t errsz)
{
    const char *s = ly_jsonr_get_str(v, key, max);
    if (!s || (!empty_ok && s[0] == '\0') || strlen(s) >= outsz)
        return ly_fail(err, errsz,
                       "the hub's answer has no valid \"%s\" (a string of at most %zu "
                       "bytes)",
                       key, max);
    memcpy(out, s, strlen(s) + 1);
    return true;
}

/* root_keys: 1 to LY_EVENT_KEYS_MAX keys, each with the key id of its public key. */
static bool root_keys(const struct ly_jsonr_val *root, struct ly_wire_enrollment *out, char *err,
                      size_t errsz)
{
    const struct ly_jsonr_val *a = ly_jsonr_get(root, "root_keys");
    if (ly_jsonr_type(a) != LY_JSONR_ARRAY || ly_jsonr_len(a) == 0 ||
        ly_jsonr_len(a) > LY_EVENT_KEYS_MAX)
        return ly_fail(err, errsz,
                       "the hub's enrollment answer has no \"root_keys\" (1 to %d keys): is the "
                       "hub older than this kiosk?",
                       LY_EVENT_KEYS_MAX);
    for (const struct ly_jsonr_val *k = ly_jsonr_first(a); k; k = ly_jsonr_next(k)) {
        struct ly_badge_key *key = &out->roots[out->nroots];
        const char *hex = ly_jsonr_get_str(k, "public_key", 2 * LY_BADGE_PK_BYTES);
        int64_t id;
        size_t n = 0;
        if (hex == NULL || strlen(hex) != 2 * LY_BADGE_PK_BYTES ||
            sodium_hex2bin(key->pk, sizeof key->pk, hex, strlen(hex), NULL, &n, NULL) != 0 ||
            n != LY_BADGE_PK_BYTES || !ly_jsonr_get_int(k, "key_id", 0, UINT32_MAX, &id) ||
            (uint32_t)id != ly_badge_key_id(key->pk))
            return ly_fail(err, errsz, "the hub's enrollment answer has a damaged root key");
        key->key_id = (uint32_t)id;
        out->nroots++;
    }
    return true;
}

bool ly_wire_enroll_answer(const char *body, size_t len, struct ly_wire_enrollment *out, char *err,
                           size_t errsz)
{
    char msg[256];
    struct ly_jsonr *doc = ly_jsonr_parse(body, len, msg, sizeof msg);
    memset(out, 0, sizeof *out);
    if (!doc)
        return ly_fail(err, errsz, "the hub's enrollment answer is not JSON: %s", msg);
    const struct ly_jsonr_val *root = ly_jsonr_root(doc);
    const struct ly_jsonr_val *kiosk = ly_jsonr_get(root, "kiosk");
    bool ok = copy_str(root, "token", LY_HTTP_TOKEN_MAX, false, out->token, sizeof out->token, err,
                       errsz) &&
              copy_str(kiosk, "name", LY_KIOSK_NAME_MAX, false, out->name, sizeof out->name, err,
                       errsz) &&
              copy_str(kiosk, "gate", LY_GATE_MAX, false, out->gate, sizeof out->gate, err, errsz);
    if (ok && !ly_jsonr_get_int(root, "event_id", 0, UINT32_MAX, &out->event_id))
        ok = ly_fail(err, errsz, "the hub's enrollment answer has no valid \"event_id\"");
    const struct ly_jsonr_val *key = ly_jsonr_get(root, "key");
    if (ok && key != NULL) {
        const char *cert = ly_jsonr_get_str(key, "certificate", 2 * LY_BADGE_CERT_BYTES);
        size_t n = 0;
        ok = cert != NULL && strlen(cert) == 2 * LY_BADGE_CERT_BYTES &&
             sodium_hex2bin(out->certificate, sizeof out->certificate, cert, strlen(cert), NULL, &n,
                            NULL) == 0 &&
             n == LY_BADGE_CERT_BYTES &&
             ly_jsonr_get_int(key, "key_id", 0, UINT32_MAX, &out->key_id) &&
             ly_jsonr_get_int(key, "id_first", 1, UINT32_MAX, &out->id_first) &&
             ly_jsonr_get_int(key, "id_last", out->id_first, UINT32_MAX, &out->id_last);
        if (!ok)
            ly_fail(err, errsz, "the hub's enrollment answer has a damaged \"key\"");
        out->has_key = ok;
    }
    if (ok)
        ok = root_keys(root, out, err, errsz);
    ly_jsonr_free(doc);
    return ok;
}

/* A check-in as a batch carries it (docs/sync-protocol.md, "POST /api/v1/checkins"). */
static const struct ly_field checkin_fields[] = {
    LY_FIELD(struct ly_checkin, uuid),        LY_FIELD(struct ly_checkin, seq),
    LY_FIELD(struct ly_checkin, wall_ms),     LY_FIELD(struct ly_checkin, mono_ms),
    LY_FIELD(struct ly_checkin, gate),        LY_FIELD(struct ly_checkin, attendee_id),
    LY_FIELD(struct ly_checkin, code_kind),   LY_FIELD(struct ly_checkin, decision),
    LY_FIELD(struct ly_checkin, reason_code), LY_FIELD(struct ly_checkin, place),
    LY_FIELD(struct ly_checkin, direction),   LY_FIELD(struct ly_checkin, badge_version),
    LY_FIELD(struct ly_checkin, badge_key),   LY_FIELD_END,
};

/* A walk-in's registration, inside its "registered" entry. */
static const struct ly_field walkin_fields[] = {
    LY_FIELD(struct ly_walkin, name),
    LY_FIELD(struct ly_walkin, affiliation),
    LY_FIELD(struct ly_walkin, country),
    LY_FIELD(struct ly_walkin, stakeholder),
    LY_FIELD(struct ly_walkin, category),
    LY_FIELD(struct ly_walkin, language),
    LY_FIELD_END,
};

bool ly_wire_push_request(const char *kiosk_id, int64_t queue, const struct ly_checkin *c, size_t n,
                          const struct ly_kiosk_health *health, char **out, size_t *len, char *err,
                          size_t errsz)
{
    struct body b;
    int first = 1;
    if (n > LY_SYNC_BATCH_MAX)
        return ly_fail(err, errsz, "a batch holds at most %d check-ins", LY_SYNC_BATCH_MAX);
    if (!body_open(&b, err, errsz))
        return false;
    fputc('{', b.f);
    ly_json_kv_str(b.f, &first, "kiosk_id", kiosk_id);
    ly_json_kv_int(b.f, &first, "queue", queue < 0 ? 0 : queue);
    /* the hub corrects this batch's wall clock by the difference to its own (clock skew) */
    ly_json_kv_int(b.f, &first, "sent_ms", ly_gate_now().wall_ms); /* the journal's clock */
    fputs(first ? "" : ",", b.f);
    ly_json_str(b.f, "checkins");
    fputs(":[", b.f);
    for (size_t i = 0; i < n; i++) {
        int inner = 1;
        fputs(i ? ",{" : "{", b.f);
        ly_json_fields(b.f, &inner, checkin_fields, &c[i]);
        if (strcmp(c[i].decision, "registered") == 0) {
            fputs(",\"registration\":{", b.f);
            int reg = 1;
            ly_json_fields(b.f, &reg, walkin_fields, &c[i].walkin);
            fputc('}', b.f);
        }
        fputc('}', b.f);
    }
    fputc(']', b.f);
    if (health)
        ly_health_json(b.f, &first, "health", health);
    fputc('}', b.f);
    return body_close(&b, out, len, err, errsz);
}

/* Whether s is a reason code: 1 to LY_WIRE_REASON_MAX of a-z and '_'. */
static bool reason_code(const char *s)
{
    size_t i = 0;
    for (; s[i]; i++)
        if (i >= LY_WIRE_REASON_MAX || !((s[i] >= 'a' && s[i] <= 'z') || s[i] == '_'))
            return false;
    return i > 0;
}

bool ly_wire_push_answer(const char *body, size_t len, const struct ly_checkin *c, size_t n,
                         bool *committed, char (*refused)[LY_WIRE_REASON_MAX + 1],
                         struct ly_wire_push_result *out, char *err, size_t errsz)
{
    char msg[256];
    struct ly_jsonr *doc = ly_jsonr_parse(body, len, msg, sizeof msg);
    bool ok = true;
    memset(out, 0, sizeof *out);
    for (size_t i = 0; i < n; i++) {
        committed[i] = false;
        if (refused)
            refused[i][0] = '\0';
    }
    if (!doc)
        return ly_fail(err, errsz, "the hub's answer to a batch is not JSON: %s", msg);
    const struct ly_jsonr_val *results = ly_jsonr_get(ly_jsonr_root(doc), "results");
    if (ly_jsonr_type(results) != LY_JSONR_ARRAY || ly_jsonr_len(results) != n) {
        ly_jsonr_free(doc);
        return ly_fail(err, errsz, "the hub's answer to a batch of %zu has no result for each", n);
    }
    /* One result per entry, in order; the uuid must be the entry's. */
    size_t i = 0;
    for (const struct ly_jsonr_val *r = ly_jsonr_first(results); ok && r;
         r = ly_jsonr_next(r), i++) {
        const char *uuid = ly_jsonr_get_str(r, "uuid", LY_UUID_LEN);
        const char *status = ly_jsonr_get_str(r, "status", 16);
        if (!uuid || strcmp(uuid, c[i].uuid) != 0 || !status) {
            ok = ly_fail(err, errsz, "the hub's result %zu does not answer check-in %s", i,
                         c[i].uuid);
        } else if (strcmp(status, "stored") == 0) {
            committed[i] = true;
            out->stored++;
        } else if (strcmp(status, "duplicate") == 0) {
            committed[i] = true;
            out->duplicate++;
        } else if (strcmp(status, "refused") == 0) {
            const char *why = ly_jsonr_get_str(r, "reason", LY_WIRE_REASON_MAX);
            if (!why || !reason_code(why)) {
                ok = ly_fail(err, errsz, "the hub refused check-in %s without a reason", uuid);
                break;
            }
            if (refused)
                snprintf(refused[i], sizeof refused[i], "%s", why);
            if (out->refused++ == 0)
                snprintf(out->first_refusal, sizeof out->first_refusal, "%s: %s", uuid, why);
        } else {
            const char *why = ly_jsonr_get_str(r, "error", LY_WIRE_MESSAGE_MAX);
            if (out->rejected++ == 0)
                snprintf(out->first_rejection, sizeof out->first_rejection, "%s: %s", uuid,
                         why ? why : status);
        }
    }
    ly_jsonr_free(doc);
    if (!ok) {
        for (size_t k = 0; k < n; k++) {
            committed[k] = false;
            if (refused)
                refused[k][0] = '\0';
        }
    }
    return ok;
}

void ly_wire_error(const char *body, size_t len, char *code, size_t codesz, char *message,
                   size_t messagesz)
{
    struct ly_jsonr *doc = ly_jsonr_parse(body, len, NULL, 0);
    const struct ly_jsonr_val *root = doc ? ly_jsonr_root(doc) : NULL;
    const char *c = ly_jsonr_get_str(root, "error", 64);
    const char *m = ly_jsonr_get_str(root, "message", LY_WIRE_MESSAGE_MAX);
    snprintf(code, codesz, "%s", c ? c : "");
    snprintf(message, messagesz, "%s", m ? m : "");
    ly_jsonr_free(doc);
}
