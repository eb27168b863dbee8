/* issue.c - badge codes from the organizer database. See issue.h. */
#include "orgdb/issue.h"

#include <sodium.h>
#include <string.h>

#include "common/num.h"

bool ly_issuer_load(struct ly_issuer *is, struct ly_hubdb *db, char *err, size_t errsz)
{
    struct ly_event ev;
    uint8_t sk[LY_BADGE_SK_BYTES];
    uint32_t key_id;
    memset(is, 0, sizeof *is);
    if (!ly_hubdb_event(db, &ev, err, errsz) || !ly_hubdb_signing_key(db, sk, &key_id, err, errsz))
        return false;
    bool ok = ly_issuer_init(is, &ev, sk, key_id, err, errsz);
    sodium_memzero(sk, sizeof sk);
    return ok;
}

bool ly_issuer_init(struct ly_issuer *is, const struct ly_event *ev,
                    const uint8_t sk[LY_BADGE_SK_BYTES], uint32_t key_id, char *err, size_t errsz)
{
    int64_t first, last;
    memset(is, 0, sizeof *is);
    is->event = *ev;
    memcpy(is->sk, sk, LY_BADGE_SK_BYTES);
    is->key_id = key_id;
    if (!ly_num_date(is->event.starts, &first) || !ly_num_date(is->event.ends, &last)) {
        snprintf(err, errsz, "the event's dates are damaged");
        return false;
    }
    is->window = true;
    is->valid_from = (uint32_t)((first - LY_ISSUE_DAYS_BEFORE) * 86400);
    is->valid_until = (uint32_t)((last + 1 + LY_ISSUE_DAYS_AFTER) * 86400);
    return true;
}

bool ly_issuer_code(const struct ly_issuer *is, const struct ly_attendee *a, struct ly_badge *b,
                    char *out, size_t outsz)
{
    struct ly_badge badge = {
        .key_id = is->key_id,
        .event_id = is->event.id,
        .attendee_id = a->id,
        .badge_version = a->badge_version,
        .has_window = is->window,
        .valid_from = is->window ? is->valid_from : 0,
        .valid_until = is->window ? is->valid_until : 0,
    };
    if (b)
        *b = badge;
    return ly_badge_encode(&badge, is->sk, out, outsz);
}

void ly_issuer_wipe(struct ly_issuer *is)
{
    sodium_memzero(is->sk, sizeof is->sk);
}
