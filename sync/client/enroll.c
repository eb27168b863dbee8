/* enroll.c - a kiosk redeems an enrollment code. See enroll.h. */
#include "client/enroll.h"

#include <errno.h>
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
#include "kioskdb/kioskdb_secret.h"
#include "kioskdb/kioskdb_sync.h"
#include "proto/pin.h"

/* Stores what the hub gave, in one transaction. */
static bool store(struct ly_kioskdb *db, const struct ly_enroll_args *a, const char *pins,
                  const struct ly_wire_enrollment *e, char *err, size_t errsz)
{
    struct ly_event ev;
    bool found = false;
    char event_id[24];
    const char *url = a->url, *ca_file = a->ca_file;
    snprintf(event_id, sizeof event_id, "%lld", (long long)e->event_id);
    if (!ly_kioskdb_event(db, &ev, &found, err, errsz) || !ly_kioskdb_begin(db, err, errsz))
        return false;
    bool ok = ly_kioskdb_set_meta_text(db, "hub_url", url, err, errsz) &&
              ly_kioskdb_set_meta_text(db, "hub_pins", pins[0] ? pins : NULL, err, errsz) &&
              ly_kioskdb_set_roots(db, e->roots, e->nroots, err, errsz) &&
              ly_kioskdb_set_token(db, e->token, err, errsz) &&
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
    if (strcmp(code, "kiosk_exists") == 0)
        return ly_fail(err, errsz,
                       "the hub refused the enrollment: this kiosk is enrolled already, and only "
                       "a code an organizer made with `lanyard enroll --replace KIOSK` may enroll "
                       "it again");
    if (strcmp(code, "too_many_attempts") == 0)
        return ly_fail(err, errsz, "the hub refused the enrollment: %s",
                       msg[0] ? msg : "too many refused enrollments from this address");
    if (strcmp(code, "name_taken") == 0)
        return ly_fail(err, errsz, "the hub refused the enrollment: %s",
                       msg[0] ? msg : "another kiosk has that name");
    return ly_fail(err, errsz, "the hub refused the enrollment: HTTP %ld %s%s%s", ly_http_status(h),
                   code, msg[0] ? ": " : "", msg);
}

/* The hub's answer is believed only as far as it holds together: the kiosk's certificate must
 * be signed by one of the root keys the same answer gave. */
static bool answer_consistent(const struct ly_wire_enrollment *e,
                              const uint8_t pk[LY_BADGE_PK_BYTES], char *err, size_t errsz)
{
    if (!e->has_key ||
        ly_badge_cert_verify(e->roots, e->nroots, (uint32_t)e->event_id, pk, (uint32_t)e->id_first,
                             (uint32_t)e->id_last, e->certificate))
        return true;
    return ly_fail(err, errsz,
                   "the hub's enrollment answer does not hold together: the kiosk's key "
                   "certificate is not signed by the root keys it gave");
}

bool ly_enroll(const struct ly_enroll_args *a, struct ly_wire_enrollment *out, char *err,
               size_t errsz)
{
    struct ly_kioskdb *db = NULL;
    struct ly_http *h = NULL;
    char *body = NULL, code[LY_ENROLL_CODE_MAX + 1], pins[LY_PINS_TEXT_MAX + 1];
    size_t len = 0;
    bool ok = false, weak = false;
    memset(out, 0, sizeof *out);
    if (!ly_enroll_text_parse(a->text, strlen(a->text), code, sizeof code, pins, err, errsz) ||
        !ly_http_channel_ok(a->url, pins, a->insecure_http, &weak, err, errsz))
        return false;
    if (pins[0] && strncmp(a->url, "https://", 8) != 0)
        return ly_fail(err, errsz,
                       "the enrollment code pins the hub's TLS key, but the hub URL is not "
                       "https://");
    if (weak)
        fprintf(stderr,
                "lanyard-kiosk: WARNING: --insecure-http: enrolling with %s over a channel "
                "anyone on the network can read or change\n",
                a->url);
    if (!ly_kioskdb_open(a->db, LY_KIOSKDB_KIOSK, &db, err, errsz))
        return false;
    struct ly_http_target t = {a->url, NULL, a->ca_file, pins};
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
        ly_fail(err, errsz, "the hub at %s did not answer: %s", a->url, why);
        goto done;
    }
    if (ly_http_status(h) != 200) {
        refusal(h, err, errsz);
        goto done;
    }
    const char *answer = ly_http_body(h, &len);
    ok = ly_wire_enroll_answer(answer, len, out, err, errsz) &&
         answer_consistent(out, pk, err, errsz) && store(db, a, pins, out, err, errsz);
done:
    sodium_memzero(code, sizeof code);
    free(body);
    ly_http_free(h);
    ly_kioskdb_close(db);
    if (!ok)
        memset(out->token, 0, sizeof out->token);
    return ok;
}

bool ly_enroll_read_text(const char *path, char *out, size_t outsz, char *err, size_t errsz)
{
    bool stdin_ = strcmp(path, "-") == 0;
    FILE *f = stdin_ ? stdin : fopen(path, "r");
    if (f == NULL)
        return ly_fail(err, errsz, "%s: %s", path, strerror(errno));
    char line[LY_ENROLL_TEXT_MAX + 3];
    bool got = fgets(line, sizeof line, f) != NULL;
    bool whole = got && (strchr(line, '\n') || feof(f));
    if (!stdin_)
        fclose(f);
    size_t n = got ? strcspn(line, "\r\n") : 0;
    bool ok = whole && n > 0 && n < outsz;
    if (ok) {
        memcpy(out, line, n);
        out[n] = '\0';
    }
    sodium_memzero(line, sizeof line);
    return ok || ly_fail(err, errsz, "%s: no enrollment code on its first line (at most %d bytes)",
                         stdin_ ? "standard input" : path, LY_ENROLL_TEXT_MAX);
}
