/* changes.h - a page of the hub's changes (GET /api/v1/changes, docs/sync-protocol.md) applied
 * to the kiosk database: each change (event, key, attendee, alt_code, room, session, rules,
 * occupancy; put or delete) goes through the kioskdb put and delete functions, and the page and
 * the new cursor commit in one transaction, so a kiosk is always at a cursor it fully holds. */
#ifndef LY_CHANGES_H
#define LY_CHANGES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "kioskdb/kioskdb.h"
#include "kioskdb/kioskdb_sync.h"

struct ly_changes_page {
    int64_t next;   /* the cursor to ask with next (now stored) */
    bool more;      /* the hub has more right away */
    size_t applied; /* changes written */
    size_t skipped; /* changes of a kind this kiosk does not know (a newer hub) */
    bool gate_data; /* an event, key, room or session changed: the gate must reload */
};

/* Applies the page (body, len bytes of JSON) asked for with cursor since. counted_through is
 * this kiosk's highest check-in the hub had committed when the page was asked for
 * (ly_kioskdb_sent_through), recorded with any occupancy. A new key must be vouched for by
 * roots (ly_badge_key_vouched), or the whole page is refused. On failure nothing is written
 * and err says which change was bad. */
__attribute__((warn_unused_result)) bool
ly_changes_apply(struct ly_kioskdb *db, const char *body, size_t len, int64_t since,
                 int64_t counted_through, const struct ly_kioskdb_roots *roots,
                 struct ly_changes_page *out, char *err, size_t errsz);

/* Writes one change (store.h) with the kioskdb functions, inside the caller's transaction
 * (a page, or a snapshot written from a hub's changes). Returns false with err. */
struct ly_change;
__attribute__((warn_unused_result)) bool ly_changes_apply_one(struct ly_kioskdb *db,
                                                              const struct ly_change *c,
                                                              int64_t counted_through, char *err,
                                                              size_t errsz);

#endif
