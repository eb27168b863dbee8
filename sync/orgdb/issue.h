/* issue.h - issuing badge codes from the organizer database: the credential an attendee's
 * badge carries (event, key, attendee, version, validity window), signed with the event's key.
 * Used by `lanyard badges`, `lanyard badge code` and, later, the hub. */
#ifndef LY_ISSUE_H
#define LY_ISSUE_H

#include <stdbool.h>
#include <stddef.h>

#include "badge/badge.h"
#include "orgdb/hubdb.h"

/* Days of validity around the event: a badge works from 00:00 UTC this many days before the
 * first day (badge pick-up, Day 0 set-up) ... */
#define LY_ISSUE_DAYS_BEFORE LY_BADGE_DAYS_BEFORE
/* ... until this many whole days after the last day ends in UTC (covers every time zone). */
#define LY_ISSUE_DAYS_AFTER LY_BADGE_DAYS_AFTER

struct ly_issuer {
    struct ly_event event;
    uint32_t key_id;
    uint8_t sk[LY_BADGE_SK_BYTES];
    bool window; /* put the validity window in codes (default true) */
    uint32_t valid_from, valid_until;
};

/* Loads the event and its current signing key from db into *is. Returns false with err. The
 * caller must call ly_issuer_wipe() when done, to erase the secret key from memory. */
__attribute__((warn_unused_result)) bool ly_issuer_load(struct ly_issuer *is, struct ly_hubdb *db,
                                                        char *err, size_t errsz);

/* The same from an event and its signing key (a hub whose store is not the organizer
 * database: PostgreSQL); copies sk. */
__attribute__((warn_unused_result)) bool ly_issuer_init(struct ly_issuer *is,
                                                        const struct ly_event *ev,
                                                        const uint8_t sk[LY_BADGE_SK_BYTES],
                                                        uint32_t key_id, char *err, size_t errsz);

/* Writes the badge code for attendee a into out (at least LY_BADGE_CODE_LEN_MAX + 1 bytes) and,
 * when b is not NULL, the credential it carries. Returns false if it cannot be signed. */
__attribute__((warn_unused_result)) bool ly_issuer_code(const struct ly_issuer *is,
                                                        const struct ly_attendee *a,
                                                        struct ly_badge *b, char *out,
                                                        size_t outsz);

void ly_issuer_wipe(struct ly_issuer *is);

#endif
