/* board.h - the public room board (docs/hub.md, "The room board"): from the hub's counts, each
 * room with the session on now and the next one today, how full it is and where to go instead
 * when it is full, as the JSON of /api/v1/board. It carries room fullness and the public
 * programme only: no attendee, kiosk, country or group, and no title of a session that only
 * some categories may enter (docs/security.md, "The room board"). */
#ifndef LY_BOARD_H
#define LY_BOARD_H

#include <stdio.h>

#include "counts/counts.h"

/* Writes the board of c (whose generated_ms, read in the process's time zone, is "now") as one
 * JSON object, one line, no newline. */
void ly_board_json(FILE *f, const struct ly_counts *c);

#endif
