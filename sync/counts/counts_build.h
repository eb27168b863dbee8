/* counts_build.h - the hub's counts (counts.h) assembled from a backend's query results. The
 * queries are plain SQL that SQLite and PostgreSQL both run, over the tables both backends
 * share (onsite, onsite_days, presence, entries, kiosks, checkins, registrations, rooms,
 * sessions, events), so the counts mean the same on either. The backend runs them through its
 * ly_query_fn inside one read transaction of its own. */
#ifndef LY_COUNTS_BUILD_H
#define LY_COUNTS_BUILD_H

#include "counts/counts.h"
#include "store/store_row.h"

/* Runs the count queries through query (on db) at hub time now_ms and fills *out (free with
 * ly_counts_free). Local days are those of the process time zone (the event's). Returns false
 * with err. */
__attribute__((warn_unused_result)) bool ly_counts_build(ly_query_fn query, void *db,
                                                         int64_t now_ms, struct ly_counts **out,
                                                         char *err, size_t errsz);

#endif
