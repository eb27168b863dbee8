/* validate.h - what the hub accepts from a kiosk (docs/security.md, "What the hub accepts from a
 * kiosk"): each check-in of a batch is refused, with a reason, unless its attendee is registered
 * (or is a walk-in this kiosk registers in its own id range, earlier in the batch or before), its
 * gate is the kiosk's enrolled gate or one staff mode can switch it to (a door or a room), and its
 * place is the one that gate moves people through. Both backends fill the lookups from their
 * database; the rules are here once. Refused check-ins are never stored nor counted. */
#ifndef LY_VALIDATE_H
#define LY_VALIDATE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "event/records.h"
#include "store/store.h"

/* enum ly_refusal is in store.h (the push's results carry it). The reason's code
 * ("unknown_attendee", "walkin_range", "gate", "place"; "" for none), as the batch's answer and
 * /metrics name it, and a sentence for people. Static strings. */
const char *ly_refusal_name(enum ly_refusal r);
const char *ly_refusal_text(enum ly_refusal r);

/* What the rules ask of a backend, within one connection. Each returns false with err on a
 * database failure. */
struct ly_validate_lookup {
    void *ctx;
    /* known[i]: a registration with id ids[i] exists (n <= LY_SYNC_BATCH_MAX). */
    bool (*attendees)(void *ctx, const uint32_t *ids, size_t n, bool *known, char *err,
                      size_t errsz);
    /* The room whose id (in decimal) or name is target; *room_id 0 when there is none. */
    bool (*room)(void *ctx, const char *target, int64_t *room_id, char *err, size_t errsz);
    /* The room of the session whose external id is ext_id; *room_id 0 when there is none. */
    bool (*session_room)(void *ctx, const char *ext_id, int64_t *room_id, char *err, size_t errsz);
};

/* Judges items[0..n) (n <= LY_SYNC_BATCH_MAX) from kiosk k in order: an item whose results[i] is
 * LY_ITEM_STORED on entry ("to store") becomes LY_ITEM_REFUSED with why[i] set when a rule
 * refuses it; why[i] is LY_REFUSE_NONE otherwise. Others are left alone. Returns false with err
 * on a lookup's failure (then nothing may be stored). */
__attribute__((warn_unused_result)) bool
ly_validate_batch(const struct ly_validate_lookup *lk, const struct ly_store_kiosk *k,
                  const struct ly_checkin *items, size_t n, enum ly_store_item *results,
                  enum ly_refusal *why, char *err, size_t errsz);

#endif
