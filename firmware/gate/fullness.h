/* fullness.h - how full the place behind a room's or session's door is, for its idle screen
 * (docs/gates.md, "Fullness at the door"): the session on now in the room (or the room itself,
 * or the door's session), its people inside against its capacity as the capacity rule counts
 * them, a level, and where to go instead when it is full (the session's overflow room, with
 * where that room is, and its online link). */
#ifndef LY_FULLNESS_H
#define LY_FULLNESS_H

#include <stdbool.h>
#include <stdint.h>

#include "event/records.h"

/* Nearly full from this percentage of the capacity (as the dashboard's line). */
#define LY_FULLNESS_NEARLY_PERCENT 90

enum ly_fullness_level {
    LY_FULLNESS_NONE,   /* nothing to show: not a room or session door, or no session on now */
    LY_FULLNESS_SPACE,  /* below LY_FULLNESS_NEARLY_PERCENT */
    LY_FULLNESS_NEARLY, /* from LY_FULLNESS_NEARLY_PERCENT */
    LY_FULLNESS_FULL,   /* at or over its capacity */
};

struct ly_fullness {
    enum ly_fullness_level level;
    char place[LY_GATE_MAX + 1];  /* "session:EXT_ID" or "room:ID" */
    char title[LY_TITLE_MAX + 1]; /* the session's title, or the room's name */
    int64_t inside;
    int capacity;
    char overflow[LY_ROOM_NAME_MAX + 1];              /* the overflow room's name, "" none */
    char overflow_location[LY_ROOM_LOCATION_MAX + 1]; /* where it is, "" unknown */
    char online_url[LY_URL_MAX + 1];                  /* the session online, "" none */
};

/* The level of inside people in a place of capacity seats (LY_FULLNESS_NONE when capacity is
 * not above 0). */
enum ly_fullness_level ly_fullness_level_of(int64_t inside, int capacity);

/* The level's word for machines: "none", "space", "nearly_full", "full". */
const char *ly_fullness_level_name(enum ly_fullness_level level);

#endif
