/* store_pg_prints.c - printing at the kiosk in PostgreSQL. See store_pg_prints.h. */
#include "store/pg/store_pg_prints.h"

#include <sodium.h>
#include <stdio.h>
#include <string.h>

#include "common/fail.h"
#include "event/country.h"

bool pg_event_secret(struct pg_store *s, uint32_t *event_id, uint8_t sk[LY_BADGE_SK_BYTES],
                     char *err, size_t errsz)
{
    PGresult *r;
    char hex[2 * LY_BADGE_SK_BYTES + 1];
    size_t n = 0;
    if (!pg_exec(s,
                 "SELECT e.id, encode(k.secret_key, 'hex') FROM events e JOIN signing_keys k ON "
                 "k.event_id = e.id WHERE k.secret_key IS NOT NULL AND k.active ORDER BY k.seq "
                 "DESC LIMIT 1",
                 NULL, &r, err, errsz))
        return false;
    bool found = PQntuples(r) == 1;
    if (found) {
        *event_id = (uint32_t)pg_num(r, 0, 0);
        pg_copy(r, 0, 1, hex, sizeof hex);
    }
    PQclear(r);
    if (!found || sodium_hex2bin(sk, LY_BADGE_SK_BYTES, hex, strlen(hex), NULL, &n, NULL) != 0 ||
        n != LY_BADGE_SK_BYTES) {
        sodium_memzero(hex, sizeof hex);
        return ly_fail(err, errsz, "the store holds no secret signing key to certify kiosks with");
    }
    sodium_memzero(hex, sizeof hex);
    return true;
}

static bool certify_tx(struct pg_store *s, int64_t kiosk_id, const uint8_t *pk, uint8_t *cert,
                       uint32_t *id_first, uint32_t *id_last, char *err, size_t errsz)
{
    uint8_t sk[LY_BADGE_SK_BYTES];
    uint32_t event_id = 0;
    int64_t seq;
    if (!pg_event_secret(s, &event_id, sk, err, errsz))
        return false;
    bool signed_ok = ly_badge_certify(sk, event_id, pk, *id_first, *id_last, cert);
    sodium_memzero(sk, sizeof sk);
    if (!signed_ok)
        return ly_fail(err, errsz, "cannot certify the kiosk's key with the event's key");
    if (!pg_take_seq(s, &seq, err, errsz))
        return false;
    struct pg_args a = {0};
    pg_arg_int(&a, kiosk_id);
    pg_arg_int(&a, ly_badge_key_id(pk));
    pg_arg_bytes(&a, pk, LY_BADGE_PK_BYTES);
    pg_arg_bytes(&a, cert, LY_BADGE_CERT_BYTES);
    pg_arg_int(&a, *id_first);
    pg_arg_int(&a, seq);
    return pg_exec(s,
                   "UPDATE kiosks SET key_id = $2, sign_pk = $3, certificate = $4, id_first = $5, "
                   "key_seq = $6 WHERE id = $1",
                   &a, NULL, err, errsz);
}

bool pg_certify_kiosk(struct ly_store *st, int64_t kiosk_id, const uint8_t pk[LY_BADGE_PK_BYTES],
                      uint8_t cert[LY_BADGE_CERT_BYTES], uint32_t *id_first, uint32_t *id_last,
                      char *err, size_t errsz)
{
    struct pg_store *s = (struct pg_store *)st;
    if (kiosk_id < 1 || kiosk_id > LY_WALKIN_KIOSKS_MAX)
        return ly_fail(err, errsz, "more than %d kiosks were enrolled: no walk-in ids are left",
                       LY_WALKIN_KIOSKS_MAX);
    *id_first = LY_WALKIN_FIRST(kiosk_id);
    *id_last = LY_WALKIN_LAST(kiosk_id);
    if (!pg_begin(s, err, errsz))
        return false;
    if (certify_tx(s, kiosk_id, pk, cert, id_first, id_last, err, errsz) &&
        pg_commit(s, err, errsz))
        return true;
    pg_rollback(s);
    return false;
}

bool pg_revoke_kiosk_key(struct pg_store *s, const char *name, int64_t revoked_ms, char *err,
                         size_t errsz)
{
    int64_t seq, n = 0;
    struct pg_args a = {0};
    pg_arg_text(&a, name);
    pg_arg_int(&a, revoked_ms);
    /* A new change sequence only when a key goes: kiosks' cursors follow every sequence. */
    if (!pg_scalar(s,
                   "SELECT count(*) FROM kiosks WHERE name = $1 AND key_id IS NOT NULL AND "
                   "revoked_ms = $2",
                   &a, &n, err, errsz))
        return false;
    if (n == 0)
        return true;
    if (!pg_take_seq(s, &seq, err, errsz))
        return false;
    pg_arg_int(&a, seq);
    return pg_exec(s,
                   "UPDATE kiosks SET key_seq = $3 WHERE name = $1 AND key_id IS NOT NULL AND "
                   "revoked_ms = $2",
                   &a, NULL, err, errsz);
}

bool pg_ingest_print(struct pg_store *s, const struct ly_checkin *c, char *err, size_t errsz)
{
    int64_t seq;
    bool reprint = strcmp(c->decision, "reprinted") == 0;
    bool pickup = strcmp(c->decision, "picked_up") == 0;
    if (!reprint && !pickup && strcmp(c->decision, "registered") != 0)
        return true;
    if (!pg_take_seq(s, &seq, err, errsz))
        return false;
    struct pg_args a = {0};
    if (pickup) { /* kiosks learn with the registration that its badge was printed */
        pg_arg_int(&a, c->attendee_id);
        pg_arg_int(&a, seq);
        return pg_exec(s,
                       "UPDATE registrations SET picked_up = true, seq = $2, updated_at = now() "
                       "WHERE id = $1 AND NOT picked_up",
                       &a, NULL, err, errsz);
    }
    pg_arg_int(&a, c->attendee_id);
    pg_arg_int(&a, c->badge_version);
    pg_arg_int(&a, c->badge_key);
    pg_arg_int(&a, seq);
    if (reprint)
        /* The higher version wins, then the higher key id (docs/badge-format.md, "Reprints"). */
        return pg_exec(s,
                       "UPDATE registrations SET badge_version = $2, badge_key = $3, seq = $4, "
                       "updated_at = now() WHERE id = $1 AND (badge_version < $2 OR "
                       "(badge_version = $2 AND badge_key < $3))",
                       &a, NULL, err, errsz);
    const struct ly_walkin *w = &c->walkin;
    const struct ly_country *country = ly_country_find(w->country);
    char ext_id[64];
    snprintf(ext_id, sizeof ext_id, "walkin:%s", c->uuid);
    pg_arg_text(&a, ext_id);
    pg_arg_text(&a, w->name);
    pg_arg_text(&a, w->affiliation);
    pg_arg_text(&a, w->country);
    pg_arg_text(&a, country ? country->region : "none");
    pg_arg_text(&a, w->stakeholder);
    pg_arg_text(&a, w->category);
    pg_arg_text(&a, w->language);
    return pg_exec(s,
                   "INSERT INTO registrations (id, ext_id, name, name_latin, affiliation, country, "
                   "region, stakeholder, attendance, category, language, accessibility, email, "
                   "phone, source, badge_version, badge_key, revoked, seq) VALUES ($1, $5, $6, '', "
                   "$7, $8, $9, $10, 'onsite', $11, $12, '', '', '', 'walkin', $2, $3, false, $4) "
                   "ON CONFLICT (id) DO NOTHING",
                   &a, NULL, err, errsz);
}
