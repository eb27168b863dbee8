/* moved.h - the places one batch of check-ins moved people through (into, out of, or out of by
 * entering another room), each with the hub time of its latest such movement: what a backend
 * recounts after the batch (docs/gates.md, "Occupancy"). A plain value; nothing to free. */
#ifndef LY_MOVED_H
#define LY_MOVED_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "event/records.h"

#define LY_MOVED_MAX                                                                               \
    32 /* distinct places one batch recounts; a kiosk serves one gate, and its                     \
          entries move people out of the rooms they were in */

struct ly_moved {
    char place[LY_MOVED_MAX][LY_GATE_MAX + 1];
    int64_t t_ms[LY_MOVED_MAX];
    size_t n;
    bool all; /* more places than LY_MOVED_MAX: recount every place the hub knows of */
};

/* Records a movement through place at hub time t_ms. Returns false when the set is full (it
 * then sets m->all, and the caller records the movement's time itself). */
bool ly_moved_add(struct ly_moved *m, const char *place, int64_t t_ms);

#endif
