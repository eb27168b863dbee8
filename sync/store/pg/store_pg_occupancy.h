/* store_pg_occupancy.h - the occupancy model (docs/gates.md, "Occupancy") on PostgreSQL, as
 * hubdb_occupancy.c keeps it on SQLite: each attendee's one current place, the latest movement
 * through each place, and the counts kiosks sync. Called inside an ingest's transaction. */
#ifndef LY_STORE_PG_OCCUPANCY_H
#define LY_STORE_PG_OCCUPANCY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "counts/moved.h"
#include "event/records.h"
#include "store/pg/store_pg_int.h"

/* Records the movements of the stored items (stored[i]) that decide an attendee's current place
 * (ly_occupancy_moves), at hub times t_ms[i], in attendee order (rows are locked in key order),
 * and adds each place moved through, and each place left, to m. */
bool pg_whereabouts(struct pg_store *s, const struct ly_checkin *items, const bool *stored,
                    const int64_t *t_ms, size_t n, struct ly_moved *m, char *err, size_t errsz);

/* Records the movement times of m's places and recounts them (every place when m->all) at hub
 * time now_ms; a count or as_of that changed takes the change sequence *seq (taken at the
 * first). The caller holds the change sequence's row lock. */
bool pg_recount_moved(struct pg_store *s, const struct ly_moved *m, int64_t now_ms, int64_t *seq,
                      char *err, size_t errsz);

#endif
