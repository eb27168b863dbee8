/* storecheck.h - checks both store backends must pass alike (test_hub_store for SQLite,
 * test_store_pg for PostgreSQL): read tokens that expire and are revoked, and the check-ins the
 * hub refuses (store/validate.h). Include after check.h and hubseed.h. */
#ifndef LY_TESTS_STORECHECK_H
#define LY_TESTS_STORECHECK_H

#include <stdio.h>
#include <string.h>

#include "store/store.h"
#include "store/validate.h"

struct token_rows {
    int n;
    int64_t id[8], expires_ms[8], revoked_ms[8];
};

static inline bool token_row(void *ctx, const struct ly_store_read_token *t)
{
    struct token_rows *r = ctx;
    if (r->n < 8) {
        r->id[r->n] = t->id;
        r->expires_ms[r->n] = t->expires_ms;
        r->revoked_ms[r->n] = t->revoked_ms;
    }
    r->n++;
    return true;
}

/* tok and other are hashes of two tokens the store does not know yet. */
static inline void check_read_tokens(struct ly_store *st, const uint8_t *tok, const uint8_t *other)
{
    char err[256];
    bool valid = false, found = false;
    int64_t id_a = 0, id_b = 0;
    /* tok never expires; other expires at 1000 */
    CHECK(st->ops->add_read_token(st, tok, "wall", 1, 0, &id_a, err, sizeof err));
    CHECK(st->ops->read_token(st, tok, 5, &valid, err, sizeof err) && valid);
    CHECK(st->ops->read_token(st, other, 5, &valid, err, sizeof err) && !valid);
    CHECK(st->ops->add_read_token(st, other, "phone", 2, 1000, &id_b, err, sizeof err));
    CHECK(id_a > 0 && id_b > id_a);
    CHECK(st->ops->read_token(st, other, 999, &valid, err, sizeof err) && valid);
    CHECK(st->ops->read_token(st, other, 1000, &valid, err, sizeof err) && !valid);
    /* revoked: refused at once, whatever the time; a second revoke finds nothing */
    CHECK(st->ops->revoke_read_token(st, id_a, 50, &found, err, sizeof err) && found);
    CHECK(st->ops->read_token(st, tok, 51, &valid, err, sizeof err) && !valid);
    CHECK(st->ops->revoke_read_token(st, id_a, 60, &found, err, sizeof err) && !found);
    CHECK(st->ops->revoke_read_token(st, id_b + 100, 60, &found, err, sizeof err) && !found);
    struct token_rows r = {0};
    CHECK(st->ops->foreach_read_token(st, token_row, &r, err, sizeof err));
    CHECK(r.n == 2 && r.id[0] == id_a && r.revoked_ms[0] == 50 && r.expires_ms[0] == 0 &&
          r.id[1] == id_b && r.revoked_ms[1] == 0 && r.expires_ms[1] == 1000);
}

#endif
