/* store_pg_read.h - what kiosks and dashboards read from PostgreSQL: the "changes", "snapshot"
 * and "counts" operations of store.h for the backend's table of operations (store_pg.c). */
#ifndef LY_STORE_PG_READ_H
#define LY_STORE_PG_READ_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "store/store.h"

/* The store.h operations of the same names on a struct pg_store. */
bool pg_changes(struct ly_store *st, int64_t since, ly_change_fn fn, void *ctx, char *err,
                size_t errsz);
bool pg_snapshot(struct ly_store *st, const char *path, int64_t *cursor, char *err, size_t errsz);
bool pg_counts(struct ly_store *st, int64_t now_ms, struct ly_counts **out, char *err,
               size_t errsz);
bool pg_conflicts(struct ly_store *st, ly_hubdb_conflict_fn fn, void *ctx, char *err, size_t errsz);

#endif
