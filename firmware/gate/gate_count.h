/* gate_count.h - how many people are inside a gate's place now, by the occupancy model of
 * docs/gates.md ("Occupancy"): what the idle screen, a room board or any other reader of a
 * kiosk's fullness shows. The capacity rule reads the same counts (kioskdb_count.h). */
#ifndef LY_GATE_COUNT_H
#define LY_GATE_COUNT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "kioskdb/kioskdb_count.h"

struct ly_gate;

/* Counts the gate's place at wall_ms into *out: the venue for an entrance or exit; a session
 * until its end plus the event's grace; a room, its own count plus those of its sessions whose
 * count has not ended (a session that ended within the grace still counts). A desk or pickup
 * point counts nothing (0). Returns false with err on a database error. */
__attribute__((warn_unused_result)) bool ly_gate_count(struct ly_gate *g, int64_t wall_ms,
                                                       struct ly_kiosk_count *out, char *err,
                                                       size_t errsz);

#endif
