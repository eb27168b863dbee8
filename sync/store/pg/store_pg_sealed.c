/* store_pg_sealed.c - details sealed per badge on a PostgreSQL hub. See store_pg_sealed.h. */
#include "store/pg/store_pg_sealed.h"

#include <sodium.h>
#include <string.h>

#include "common/fail.h"
#include "store/pg/store_pg_prints.h"

#define SETTING "SELECT coalesce((SELECT value FROM meta WHERE key = 'kiosk_details'), 0)"

bool pg_load_kiosk_details(struct pg_store *s, struct ly_hubdb *src, char *err, size_t errsz)
{
    bool sealed;
    struct pg_args a = {0};
    if (!ly_hubdb_kiosk_details(src, &sealed, err, errsz))
        return false;
    pg_arg_int(&a, sealed ? 1 : 0);
    return pg_exec(s,
                   "INSERT INTO meta (key, value) VALUES ('kiosk_details', $1) "
                   "ON CONFLICT (key) DO UPDATE SET value = $1",
                   &a, NULL, err, errsz);
}

bool pg_sealer_load(struct pg_store *s, struct ly_sealer *out, char *err, size_t errsz)
{
    int64_t on = 0;
    uint8_t sk[LY_BADGE_SK_BYTES];
    uint32_t event_id;
    struct ly_event ev;
    PGresult *r;
    memset(out, 0, sizeof *out);
    if (!pg_scalar(s, SETTING, NULL, &on, err, errsz))
        return false;
    if (on != 1)
        return true;
    if (!pg_event_secret(s, &event_id, sk, err, errsz))
        return false;
    memset(&ev, 0, sizeof ev);
    bool ok =
        pg_exec(s, "SELECT id, starts, ends FROM events ORDER BY id LIMIT 1", NULL, &r, err, errsz);
    if (ok && PQntuples(r) == 1) {
        ev.id = (uint32_t)pg_num(r, 0, 0);
        pg_copy(r, 0, 1, ev.starts, sizeof ev.starts);
        pg_copy(r, 0, 2, ev.ends, sizeof ev.ends);
    } else if (ok) {
        ok = ly_fail(err, errsz, "the store holds no event");
    }
    if (ok)
        PQclear(r);
    ok = ok &&
         ly_sealer_init(out, true, &ev, sk, ly_badge_key_id(sk + LY_BADGE_SEED_BYTES), err, errsz);
    sodium_memzero(sk, sizeof sk);
    return ok;
}

bool pg_sealer_code(void *db, uint32_t id, char code[LY_ALT_CODE_MAX + 1], char *err, size_t errsz)
{
    struct pg_args a = {0};
    PGresult *r;
    code[0] = '\0';
    pg_arg_int(&a, id);
    if (!pg_exec(db, "SELECT code FROM alt_codes WHERE registration_id = $1", &a, &r, err, errsz))
        return false;
    if (PQntuples(r) == 1)
        pg_copy(r, 0, 0, code, LY_ALT_CODE_MAX + 1);
    PQclear(r);
    return true;
}
