/* peer_msg.c - the peer exchange's messages. See peer_msg.h. */
#include "peer/peer_msg.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/fail.h"
#include "common/json.h"
#include "common/jsonr.h"

/* The signed bytes of c: a tag, the event, then every field, each text with its length first so
 * that no two check-ins have the same bytes. */
static size_t canon(uint32_t event_id, const struct ly_checkin *c, unsigned char *buf, size_t cap)
{
    int n = snprintf((char *)buf, cap,
                     "LYPEER1\n%lu\n%s\n%lld\n%s\n%lld\n%lu\n%d\n%zu:%s\n%zu:%s\n%zu:%s\n%zu:%s\n",
                     (unsigned long)event_id, c->kiosk_id, (long long)c->seq, c->uuid,
                     (long long)c->wall_ms, (unsigned long)c->attendee_id, c->direction,
                     strlen(c->gate), c->gate, strlen(c->decision), c->decision, strlen(c->place),
                     c->place, strlen(c->policy), c->policy);
    return n < 0 || (size_t)n >= cap ? 0 : (size_t)n;
}

/* Room for canon(): the fixed part and the four texts at their largest. */
#define CANON_MAX (256 + 2 * LY_GATE_MAX + sizeof((struct ly_checkin *)0)->decision + LY_POLICY_MAX)

void ly_peer_sign(uint32_t event_id, const struct ly_checkin *c,
                  const uint8_t sk[LY_BADGE_SK_BYTES], uint8_t sig[LY_PEER_SIG_BYTES])
{
    unsigned char buf[CANON_MAX];
    size_t n = canon(event_id, c, buf, sizeof buf);
    crypto_sign_detached(sig, NULL, buf, n, sk);
}

bool ly_peer_verify(uint32_t event_id, const struct ly_checkin *c,
                    const uint8_t pk[LY_BADGE_PK_BYTES], const uint8_t sig[LY_PEER_SIG_BYTES])
{
    unsigned char buf[CANON_MAX];
    size_t n = canon(event_id, c, buf, sizeof buf);
    return n > 0 && crypto_sign_verify_detached(sig, buf, n, pk) == 0;
}

bool ly_peer_msg_write(const struct ly_peer_msg *m, char **out, size_t *outlen)
{
    char hex[2 * LY_PEER_SIG_BYTES + 1];
    *out = NULL;
    *outlen = 0;
    if (m->n > LY_PEER_BATCH_MAX)
        return false;
    FILE *f = open_memstream(out, outlen);
    if (!f)
        return false;
    int first = 1;
    fputc('{', f);
    ly_json_kv_str(f, &first, "from", m->from);
    ly_json_kv_int(f, &first, "key_id", m->key_id);
    fputs(",\"checkins\":[", f);
    for (size_t i = 0; i < m->n; i++) {
        const struct ly_checkin *c = &m->items[i];
        int f1 = 1;
        fputs(i ? ",{" : "{", f);
        ly_json_kv_str(f, &f1, "uuid", c->uuid);
        ly_json_kv_int(f, &f1, "seq", c->seq);
        ly_json_kv_int(f, &f1, "wall_ms", c->wall_ms);
        ly_json_kv_str(f, &f1, "gate", c->gate);
        ly_json_kv_int(f, &f1, "attendee_id", c->attendee_id);
        ly_json_kv_str(f, &f1, "decision", c->decision);
        ly_json_kv_str(f, &f1, "place", c->place);
        ly_json_kv_int(f, &f1, "direction", c->direction);
        ly_json_kv_str(f, &f1, "policy", c->policy);
        sodium_bin2hex(hex, sizeof hex, m->sig[i], LY_PEER_SIG_BYTES);
        ly_json_kv_str(f, &f1, "sig", hex);
        fputc('}', f);
    }
    fputs("]}", f);
    bool ok = !ferror(f);
    if (fclose(f) != 0 || !ok) {
        free(*out);
        *out = NULL;
        return false;
    }
    return true;
}

/* Copies string member key of o (1 to max bytes, or 0 when empty_ok) into dst. */
static bool text(const struct ly_jsonr_val *o, const char *key, char *dst, size_t max,
                 bool empty_ok, char *err, size_t errsz)
{
    size_t len;
    const char *s = ly_jsonr_str(ly_jsonr_get(o, key), &len);
    if (!s || len > max || (len == 0 && !empty_ok))
        return ly_fail(err, errsz, "%s: not a string of %d to %zu bytes", key, empty_ok ? 0 : 1,
                       max);
    memcpy(dst, s, len + 1);
    return true;
}

static bool item(const struct ly_jsonr_val *o, struct ly_checkin *c, uint8_t sig[LY_PEER_SIG_BYTES],
                 char *err, size_t errsz)
{
    int64_t v;
    size_t len;
    if (ly_jsonr_type(o) != LY_JSONR_OBJECT)
        return ly_fail(err, errsz, "a check-in must be an object");
    if (!text(o, "uuid", c->uuid, LY_UUID_LEN, false, err, errsz) ||
        !text(o, "gate", c->gate, LY_GATE_MAX, false, err, errsz) ||
        !text(o, "decision", c->decision, sizeof c->decision - 1, false, err, errsz) ||
        !text(o, "place", c->place, LY_GATE_MAX, true, err, errsz) ||
        !text(o, "policy", c->policy, LY_POLICY_MAX, true, err, errsz))
        return false;
    if (strlen(c->uuid) != LY_UUID_LEN)
        return ly_fail(err, errsz, "uuid: not 36 characters");
    if (!ly_jsonr_get_int(o, "seq", 1, INT64_MAX / 2, &c->seq) ||
        !ly_jsonr_get_int(o, "wall_ms", 0, INT64_MAX / 2, &c->wall_ms))
        return ly_fail(err, errsz, "seq, wall_ms: not integers in range");
    if (!ly_jsonr_get_int(o, "attendee_id", 0, UINT32_MAX, &v))
        return ly_fail(err, errsz, "attendee_id: not 0 to 4294967295");
    c->attendee_id = (uint32_t)v;
    if (!ly_jsonr_get_int(o, "direction", -1, 1, &v))
        return ly_fail(err, errsz, "direction: not -1, 0 or 1");
    c->direction = (int)v;
    const char *hex = ly_jsonr_str(ly_jsonr_get(o, "sig"), &len);
    size_t got;
    if (!hex || len != 2 * LY_PEER_SIG_BYTES ||
        sodium_hex2bin(sig, LY_PEER_SIG_BYTES, hex, len, NULL, &got, NULL) != 0 ||
        got != LY_PEER_SIG_BYTES)
        return ly_fail(err, errsz, "sig: not 128 hexadecimal digits");
    return true;
}

bool ly_peer_msg_parse(const char *body, size_t len, struct ly_peer_msg *m, char *err, size_t errsz)
{
    int64_t v = 0;
    memset(m, 0, sizeof *m);
    if (len > LY_PEER_BODY_MAX)
        return ly_fail(err, errsz, "a peer message is at most %ld bytes", LY_PEER_BODY_MAX);
    struct ly_jsonr *doc = ly_jsonr_parse(body, len, err, errsz);
    if (!doc)
        return false;
    const struct ly_jsonr_val *root = ly_jsonr_root(doc);
    const struct ly_jsonr_val *a = ly_jsonr_get(root, "checkins");
    bool ok = text(root, "from", m->from, LY_UUID_LEN, false, err, errsz);
    if (ok && strlen(m->from) != LY_UUID_LEN)
        ok = ly_fail(err, errsz, "from: not 36 characters");
    if (ok && !ly_jsonr_get_int(root, "key_id", 1, UINT32_MAX, &v))
        ok = ly_fail(err, errsz, "key_id: not 1 to 4294967295");
    m->key_id = (uint32_t)v;
    if (ok && (ly_jsonr_type(a) != LY_JSONR_ARRAY || ly_jsonr_len(a) > LY_PEER_BATCH_MAX))
        ok = ly_fail(err, errsz, "checkins: not an array of at most %d", LY_PEER_BATCH_MAX);
    for (const struct ly_jsonr_val *e = ok ? ly_jsonr_first(a) : NULL; ok && e;
         e = ly_jsonr_next(e)) {
        struct ly_checkin *c = &m->items[m->n];
        ok = item(e, c, m->sig[m->n], err, errsz);
        memcpy(c->kiosk_id, m->from, sizeof c->kiosk_id);
        if (ok && m->n > 0 && c->seq != m->items[m->n - 1].seq + 1)
            ok = ly_fail(err, errsz, "checkins: sequence numbers must rise by one");
        m->n++;
    }
    ly_jsonr_free(doc);
    if (!ok)
        m->n = 0;
    return ok;
}

void ly_peer_answer_write(int64_t have, char *buf, size_t bufsz)
{
    snprintf(buf, bufsz, "{\"have\":%lld}", (long long)have);
}

bool ly_peer_answer_parse(const char *body, size_t len, int64_t *have)
{
    char err[128];
    if (len > 256)
        return false;
    struct ly_jsonr *doc = ly_jsonr_parse(body, len, err, sizeof err);
    if (!doc)
        return false;
    bool ok = ly_jsonr_get_int(ly_jsonr_root(doc), "have", 0, INT64_MAX / 2, have);
    ly_jsonr_free(doc);
    return ok;
}
