/* kioskdb_count.h - how many people a kiosk counts inside a place, by the occupancy model of
 * docs/gates.md ("Occupancy"): the hub's count across doors (its latest occupancy change) plus
 * this kiosk's own movements the hub had not counted yet, where an own entry stops counting once
 * the same person's later own movement took them elsewhere, and a session's count ends at its
 * end plus the event's grace. The capacity rule and the idle screen read it. */
#ifndef LY_KIOSKDB_COUNT_H
#define LY_KIOSKDB_COUNT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct ly_kioskdb;

struct ly_kiosk_count {
    int64_t inside; /* people inside, never below 0 */
    int64_t as_of;  /* Unix ms of the freshest input: the hub's count's as_of or this kiosk's own
                       latest movement through the place, whichever is later; 0: none */
    bool hub;       /* the hub's count is part of it */
};

/* Counts place ("venue", "room:ID", "session:EXT") into *out. until_ms > 0 is the moment the
 * place's count ends (a session's end plus grace, ly_occupancy_until_ms): at or after it (now_ms)
 * the count is 0, as of until_ms. Returns false with err on a database error. */
__attribute__((warn_unused_result)) bool ly_kioskdb_count(struct ly_kioskdb *db, const char *place,
                                                          int64_t until_ms, int64_t now_ms,
                                                          struct ly_kiosk_count *out, char *err,
                                                          size_t errsz);

/* Sets *grace_s to the event's grace after a session's end, as the hub last said it with an
 * occupancy change (LY_OCCUPANCY_GRACE_DEFAULT_S before it did). */
__attribute__((warn_unused_result)) bool
ly_kioskdb_occupancy_grace(struct ly_kioskdb *db, int64_t *grace_s, char *err, size_t errsz);

#endif
