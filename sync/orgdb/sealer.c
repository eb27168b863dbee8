/* sealer.c - details sealed per badge, the organizer database's side. See sealer.h. */
#include "orgdb/sealer.h"

#include <sodium.h>
#include <stdio.h>
#include <string.h>

#include "kioskdb/kioskdb_sealed.h"
#include "orgdb/hubdb_int.h"

#define SETTING "kiosk_details"

bool ly_hubdb_kiosk_details(struct ly_hubdb *db, bool *sealed, char *err, size_t errsz)
{
    int64_t v = 0;
    *sealed = false;
    if (!ly_sqldb_scalar(&db->sql, "SELECT coalesce((SELECT value FROM meta WHERE key = ?), 0)",
                         SETTING, &v, err, errsz))
        return false;
    *sealed = v == 1;
    return true;
}

bool ly_hubdb_set_kiosk_details(struct ly_hubdb *db, bool sealed, char *err, size_t errsz)
{
    bool now;
    int64_t kiosks = 0;
    sqlite3_stmt *st;
    if (!ly_hubdb_begin(db, err, errsz))
        return false;
    bool ok = ly_hubdb_kiosk_details(db, &now, err, errsz) &&
              ly_sqldb_scalar(&db->sql, "SELECT count(*) FROM kiosks", NULL, &kiosks, err, errsz);
    if (ok && now != sealed && kiosks > 0)
        ok = ly_sqldb_fail(err, errsz,
                           "%lld kiosks are enrolled: their databases would keep the old mode "
                           "(set kiosk-details before enrolling kiosks)",
                           (long long)kiosks);
    if (ok && now != sealed)
        ok = ly_sqldb_prepare(&db->sql,
                              "INSERT INTO meta (key, value) VALUES ('" SETTING "', ?) "
                              "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                              &st, err, errsz);
    if (ok && now != sealed) {
        sqlite3_bind_int(st, 1, sealed ? 1 : 0);
        ok = ly_sqldb_step_done(&db->sql, st, err, errsz);
    }
    if (ok)
        return ly_hubdb_commit(db, err, errsz);
    ly_hubdb_rollback(db);
    return false;
}

bool ly_sealer_load(struct ly_sealer *s, struct ly_hubdb *db, char *err, size_t errsz)
{
    memset(s, 0, sizeof *s);
    if (!ly_hubdb_kiosk_details(db, &s->on, err, errsz))
        return false;
    return !s->on || ly_issuer_load(&s->is, db, err, errsz);
}

bool ly_sealer_apply(const struct ly_sealer *s, const char *alt_code, struct ly_kiosk_attendee *k,
                     char *err, size_t errsz)
{
    uint8_t keys[3][LY_SEALED_KEY_BYTES];
    size_t n = 0;
    if (!s->on)
        return true;
    /* The badge as `lanyard badges` prints it, with its validity window or without it
     * (--no-window): two signatures, two wraps. */
    for (int window = 1; k->badge_key == 0 && window >= 0; window--) {
        struct ly_attendee a = {.id = k->id, .badge_version = k->badge_version};
        struct ly_issuer is = s->is;
        struct ly_badge b;
        char code[LY_BADGE_CODE_MAX + 1];
        is.window = window == 1;
        bool ok = ly_issuer_code(&is, &a, NULL, code, sizeof code) &&
                  ly_badge_parse(code, strlen(code), &b) == LY_BADGE_OK;
        ly_issuer_wipe(&is);
        if (!ok) {
            snprintf(err, errsz, "attendee %u: the badge cannot be signed", (unsigned)k->id);
            return false;
        }
        ly_sealed_key_badge(b.sig, keys[n++]);
    }
    if (alt_code[0] != '\0')
        ly_sealed_key_code(alt_code, keys[n++]);
    if (n == 0)
        randombytes_buf(keys[n++], LY_SEALED_KEY_BYTES);
    bool ok = ly_sealed_seal(k, (const uint8_t(*)[LY_SEALED_KEY_BYTES])keys, n);
    sodium_memzero(keys, sizeof keys);
    if (!ok)
        snprintf(err, errsz, "attendee %u: the details cannot be sealed", (unsigned)k->id);
    return ok;
}

bool ly_sealer_init(struct ly_sealer *s, bool on, const struct ly_event *ev,
                    const uint8_t sk[LY_BADGE_SK_BYTES], uint32_t key_id, char *err, size_t errsz)
{
    memset(s, 0, sizeof *s);
    s->on = on;
    return !on || ly_issuer_init(&s->is, ev, sk, key_id, err, errsz);
}

bool ly_sealer_change(void *pass, const struct ly_change *c)
{
    struct ly_sealer_pass *p = pass;
    char code[LY_ALT_CODE_MAX + 1];
    if (!p->sealer->on || c->kind != LY_CHANGE_ATTENDEE || c->deleted)
        return p->fn(p->ctx, c);
    struct ly_change sealed = *c;
    p->k = *c->u.attendee;
    if (!p->code_fn(p->db, p->k.id, code, p->err, p->errsz) ||
        !ly_sealer_apply(p->sealer, code, &p->k, p->err, p->errsz)) {
        p->failed = true;
        return false;
    }
    sealed.u.attendee = &p->k;
    return p->fn(p->ctx, &sealed);
}

void ly_sealer_wipe(struct ly_sealer *s)
{
    ly_issuer_wipe(&s->is);
    s->on = false;
}
