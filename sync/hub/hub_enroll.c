/* hub_enroll.c - POST /api/v1/enroll (docs/sync-protocol.md, docs/security.md "Enrollment"): a
 * single-use code redeemed for a kiosk token, the kiosk's signing key certified for its walk-in
 * ids, the event's keys given as the kiosk's root keys; refused attempts limited per address
 * (hub_enroll_limit.c). See hub.h. */
#include <sodium.h>
#include <stdio.h>

#include "common/json.h"
#include "hub/hub.h"
#include "hub/hub_log.h"
#include "proto/token.h"

void ly_hub_enroll(struct ly_hub *hub, struct ly_hub_call *c, struct ly_store **stp,
                   const struct ly_store_kiosk *kiosk)
{
    (void)kiosk; /* nobody is authenticated yet */
    struct ly_req_enroll req;
    char err[256], token[LY_TOKEN_LEN + 1];
    uint8_t code_hash[LY_TOKEN_HASH_LEN], token_hash[LY_TOKEN_HASH_LEN];
    int64_t retry_s;
    const char *from = c->remote ? c->remote : "?";
    if (!ly_enroll_limit_allow(&hub->enroll_limit, from, ly_mono_ms(), &retry_s)) {
        ly_hub_error(c, 429, "too_many_attempts",
                     "Too many refused enrollments from this address: try again in %lld s.",
                     (long long)retry_s);
        return;
    }
    enum ly_req_status rs = ly_req_enroll(c->body, c->body_len, &req, err, sizeof err);
    if (rs != LY_REQ_OK) {
        ly_hub_req_error(c, rs, err);
        return;
    }
    if (!ly_enroll_code_hash(req.code, code_hash)) {
        ly_enroll_limit_fail(&hub->enroll_limit, from, ly_mono_ms());
        ly_hub_error(c, 401, "bad_code", "The enrollment code is unknown, used or expired.");
        return;
    }
    /* The event's keys go with the answer: the kiosk's roots (docs/security.md). Read before
     * the code is used up, so that a failure here leaves the code usable. */
    struct ly_badge_key roots[LY_EVENT_KEYS_MAX];
    size_t nroots = 0;
    if (!(*stp)->ops->event_keys(*stp, roots, LY_EVENT_KEYS_MAX, &nroots, err, sizeof err)) {
        ly_hub_internal(c, err);
        return;
    }
    if (nroots == 0) {
        ly_hub_internal(c, "the event has no signing key to give as a root key");
        return;
    }
    ly_token_new(LY_TOKEN_KIOSK, token);
    ly_token_hash(token, token_hash);
    enum ly_store_redeem res;
    struct ly_store_kiosk k;
    if (!ly_hub_write_begin(hub, stp, c))
        return;
    bool ok =
        (*stp)->ops->redeem_enroll_code(*stp, code_hash, req.kiosk_id, req.software, token_hash,
                                        ly_hub_wall_ms(), &res, &k, err, sizeof err);
    ly_hub_write_end(hub);
    if (!ok) {
        ly_hub_internal(c, err);
        return;
    }
    if (res != LY_REDEEM_OK)
        ly_enroll_limit_fail(&hub->enroll_limit, from, ly_mono_ms());
    if (res == LY_REDEEM_BAD_CODE) {
        ly_hub_error(c, 401, "bad_code", "The enrollment code is unknown, used or expired.");
        return;
    }
    if (res == LY_REDEEM_NAME_TAKEN) {
        ly_hub_error(c, 409, "name_taken",
                     "Another active kiosk has this name: revoke it and make a new code.");
        return;
    }
    if (res == LY_REDEEM_KIOSK_EXISTS) {
        ly_hub_error(c, 409, "kiosk_exists",
                     "This kiosk is enrolled already: only a code made with lanyard enroll "
                     "--replace for it may enroll it again.");
        return;
    }
    /* The kiosk's own signing key, certified for its walk-in ids (docs/badge-format.md). */
    uint8_t cert[LY_BADGE_CERT_BYTES];
    uint32_t id_first = 0, id_last = 0;
    bool certified = false;
    if (req.has_pk) {
        /* The code is used up already: a key that cannot be certified (no secret key in the
         * store, no walk-in ids left) leaves the kiosk enrolled without one (it scans, it does
         * not print reprints or walk-ins), and the log says why. */
        if (!ly_hub_write_begin(hub, stp, c))
            return;
        certified = (*stp)->ops->certify_kiosk(*stp, k.id, req.sign_pk, cert, &id_first, &id_last,
                                               err, sizeof err);
        ly_hub_write_end(hub);
        if (!certified) {
            struct ly_logline l;
            ly_log_begin(&l, "error", "kiosk key not certified");
            ly_log_str(&l, "kiosk", k.name);
            ly_log_str(&l, "err", err);
            ly_log_end(&l);
        }
    }
    snprintf(c->kiosk, sizeof c->kiosk, "%s", k.name);
    FILE *f = ly_hub_reply_json(c, 200);
    if (f == NULL)
        return;
    int first = 1;
    fputc('{', f);
    ly_json_kv_str(f, &first, "token", token);
    fputs(",\"kiosk\":{", f);
    int kf = 1;
    ly_json_kv_str(f, &kf, "name", k.name);
    ly_json_kv_str(f, &kf, "gate", k.gate);
    fputc('}', f);
    ly_json_kv_int(f, &first, "event_id", hub->event.id);
    if (certified) {
        char hex[2 * LY_BADGE_CERT_BYTES + 1];
        sodium_bin2hex(hex, sizeof hex, cert, sizeof cert);
        fputs(",\"key\":{", f);
        int kk = 1;
        ly_json_kv_int(f, &kk, "key_id", ly_badge_key_id(req.sign_pk));
        ly_json_kv_str(f, &kk, "certificate", hex);
        ly_json_kv_int(f, &kk, "id_first", id_first);
        ly_json_kv_int(f, &kk, "id_last", id_last);
        fputc('}', f);
    }
    fputs(",\"root_keys\":[", f);
    for (size_t i = 0; i < nroots; i++) {
        char pkhex[2 * LY_BADGE_PK_BYTES + 1];
        int rf = 1;
        sodium_bin2hex(pkhex, sizeof pkhex, roots[i].pk, LY_BADGE_PK_BYTES);
        fputs(i ? ",{" : "{", f);
        ly_json_kv_int(f, &rf, "key_id", roots[i].key_id);
        ly_json_kv_str(f, &rf, "public_key", pkhex);
        fputc('}', f);
    }
    fputs("]}\n", f);
    fclose(f);
}
