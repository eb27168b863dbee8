/* enroll.c - a kiosk redeems an enrollment code. See enroll.h. */
#include "client/enroll.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/fail.h"
#include "client/http.h"
#include "event/records.h"
#include "kioskdb/kioskdb.h"
#include "kioskdb/kioskdb_print.h"
#include "kioskdb/kioskdb_records.h"
#include "kioskdb/kioskdb_sync.h"

/* Stores what the hub gave, in one transaction. */
static bool store(struct ly_kioskdb *db, const char *url, const char *ca_file,
                  const struct ly_wire_enrollment *e, char *err, size_t errsz)
{
    struct ly_event ev;
    bool found = false;
    char event_id[24];
    snprintf(event_id, sizeof event_id, "%lld", (long long)e->event_id);
    if (!ly_kioskdb_event(db, &ev, &found, err, errsz) || !ly_kioskdb_begin(db, err, errsz))
        return false;
    bool ok = ly_kioskdb_set_meta_text(db, "hub_url", url, err, errsz) &&
              ly_kioskdb_set_meta_text(db, "hub_token", e->token, err, errsz) &&
              ly_kioskdb_set_meta_text(db, "kiosk_name", e->name, err, errsz) &&
              ly_kioskdb_set_meta_text(db, "gate", e->gate, err, errsz) &&
              ly_kioskdb_set_meta_text(db, "event_id", event_id, err, errsz) &&
              ly_kioskdb_set_meta_text(db, "hub_ca", ca_file && ca_file[0] ? ca_file : NULL, err,
                                       errsz) &&
              ly_kioskdb_set_meta_text(db, "revoked_ms", NULL, err, errsz) &&
              (!e->has_key || ly_kioskdb_key_certify(db, e->certificate, (uint32_t)e->id_first,
                                                     (uint32_t)e->id_last, err, errsz));
    /* Data of another event (or none): start again from the hub's snapshot. */
    if (ok && (!found || ev.id != (uint32_t)e->event_id))
        ok = ly_kioskdb_set_sync_cursor(db, 0, err, errsz);
    if (ok)
        ok = ly_kioskdb_commit(db, err, errsz);
    if (!ok)
        ly_kioskdb_rollback(db);
    return ok;
}

/* Says why the hub refused the code. */
static bool refusal(struct ly_http *h, char *err, size_t errsz)
{
    char code[64], msg[LY_WIRE_MESSAGE_MAX + 1];
    size_t len;
    const char *body = ly_http_body(h, &len);
    ly_wire_error(body, len, code, sizeof code, msg, sizeof msg);
    if (strcmp(code, "bad_code") == 0)
        return ly_fail(err, errsz,
                       "the hub refused the enrollment code: unknown, used or expired (codes "
                       "last 10 minutes and work once: make a new one with lanyard enroll)");
    if (strcmp(code, "name_taken") == 0)
        return ly_fail(err, errsz, "the hub refused the enrollment: %s",
                       msg[0] ? msg : "another kiosk has that name");
    return ly_fail(err, errsz, "the hub refused the enrollment: HTTP %ld %s%s%s", ly_http_status(h),
                   code, msg[0] ? ": " : "", msg);
}

bool ly_enroll(const char *db_path, const char *url, const char *ca_file, const char *code,
               struct ly_wire_enrollment *out, char *err, size_t errsz)
{
    struct ly_kioskdb *db = NULL;
    struct ly_http *h = NULL;
    char *body = NULL;
    size_t len = 0, n = strlen(code);
    bool ok = false;
    memset(out, 0, sizeof *out);
    if (n == 0 || n > LY_ENROLL_CODE_MAX)
        return ly_fail(err, errsz, "an enrollment code is 1 to %d characters", LY_ENROLL_CODE_MAX);
    for (size_t i = 0; i < n; i++) {
        if (code[i] < ' ' || code[i] >= 0x7f)
            return ly_fail(err, errsz, "an enrollment code is printable ASCII");
    }
    if (!ly_http_url_valid(url, err, errsz) ||
        !ly_kioskdb_open(db_path, LY_KIOSKDB_KIOSK, &db, err, errsz))
        return false;
    struct ly_http_target t = {url, NULL, ca_file};
    /* The kiosk's own signing key (its secret stays here), for the hub to certify. */
    struct ly_kiosk_key key;
    uint8_t pk[LY_BADGE_PK_BYTES];
    if (!ly_kioskdb_key_make(db, &key, err, errsz))
        goto done;
    crypto_sign_ed25519_sk_to_pk(pk, key.sk);
    sodium_memzero(&key, sizeof key);
    if (!ly_wire_enroll_request(code, ly_kioskdb_kiosk_id(db), pk, &body, &len, err, errsz) ||
        !ly_http_new(&h, err, errsz) ||
        !ly_http_setup(h, &t, "POST", "/api/v1/enroll", body, len, 0, 0, NULL, err, errsz))
        goto done;
    if (!ly_http_perform(h, err, errsz)) {
        char why[256];
        snprintf(why, sizeof why, "%s", err);
        ly_fail(err, errsz, "the hub at %s did not answer: %s", url, why);
        goto done;
    }
    if (ly_http_status(h) != 200) {
        refusal(h, err, errsz);
        goto done;
    }
    const char *answer = ly_http_body(h, &len);
    ok = ly_wire_enroll_answer(answer, len, out, err, errsz) &&
         store(db, url, ca_file, out, err, errsz);
done:
    free(body);
    ly_http_free(h);
    ly_kioskdb_close(db);
    if (!ok)
        memset(out->token, 0, sizeof out->token);
    return ok;
}
