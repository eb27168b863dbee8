/* gate_occupancy.h - the occupancy model every count follows (docs/gates.md, "Occupancy"): the
 * hub's counts on either backend, the occupancy changes kiosks receive, and a kiosk's own
 * capacity count. One current place per attendee inside the venue: their latest movement
 * through a room or session (or out of the venue) decides it; a session's count ends at its end
 * plus a grace; the venue is counted from its own doors only. */
#ifndef LY_GATE_OCCUPANCY_H
#define LY_GATE_OCCUPANCY_H

#include <stdbool.h>
#include <stdint.h>

#define LY_OCCUPANCY_GRACE_DEFAULT_S (15 * 60)   /* a session's count ends 15 minutes after it */
#define LY_OCCUPANCY_GRACE_MAX_S     (12 * 3600) /* longer is no session's grace but a typo */

/* Returns whether place ("venue", "room:ID", "session:EXT") is a place inside the venue, where
 * each attendee is in at most one at a time. */
bool ly_occupancy_inner(const char *place);

/* Returns whether a movement (direction -1 or 1) through place decides the attendee's current
 * place inside the venue: any movement through a room or session, and a venue exit (who left
 * the building is in no room). */
bool ly_occupancy_moves(const char *place, int direction);

/* Returns the Unix ms at which the count of a session ending at ends (event local
 * "YYYY-MM-DDTHH:MM", in the process time zone) drops to 0: its end plus grace_s; 0 when ends
 * is unreadable (the count never ends by the clock). */
int64_t ly_occupancy_until_ms(const char *ends, int64_t grace_s);

/* Parses a grace as the organizer writes it ("15m", "900s", "1h", "0"; a bare number is
 * minutes) into *seconds; false when it is not one or is above LY_OCCUPANCY_GRACE_MAX_S. */
__attribute__((warn_unused_result)) bool ly_occupancy_parse_grace(const char *text,
                                                                  int64_t *seconds);

#endif
