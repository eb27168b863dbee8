/* snapshot.h - writes a kiosk database (firmware/kioskdb/kioskdb.h) from the organizer database:
 * the event, its public keys, attendees without contact data, ticket codes, rooms, sessions and the
 * gate rules, and the change sequence they were read at, all read in one transaction so that
 * they agree. */
#ifndef LY_SNAPSHOT_H
#define LY_SNAPSHOT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "orgdb/hubdb.h"

/* What a snapshot holds. cursor is the hub's change sequence it was taken at. */
struct ly_snapshot_counts {
    int64_t attendees, alt_codes, keys, rooms, sessions, opening_days, notices, cursor;
};

/* Writes a new kiosk database at path, which must not exist, from hub. The file carries no
 * kiosk identity: each kiosk draws its own when it first opens its copy. Returns false with a
 * message in err; a partly written file is then left for the caller to remove. Fills *out when
 * not NULL. */
__attribute__((warn_unused_result)) bool ly_snapshot_write(struct ly_hubdb *hub, const char *path,
                                                           struct ly_snapshot_counts *out,
                                                           char *err, size_t errsz);

#endif
