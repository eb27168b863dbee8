/* store_pg_ingest.h - check-ins pushed by kiosks, into PostgreSQL: the "ingest" and "validate"
 * operations of store.h for the backend's table of operations (store_pg.c). */
#ifndef LY_STORE_PG_INGEST_H
#define LY_STORE_PG_INGEST_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "store/store.h"

/* The store.h "ingest" operation on a struct pg_store. */
bool pg_ingest(struct ly_store *st, const struct ly_store_kiosk *k, const struct ly_checkin *items,
               size_t n, int64_t skew_ms, int64_t received_ms, int64_t queue,
               enum ly_store_item *results, char *err, size_t errsz);

/* The store.h "validate" operation on a struct pg_store (store_pg_valid.c). */
bool pg_validate(struct ly_store *st, const struct ly_store_kiosk *k,
                 const struct ly_checkin *items, size_t n, enum ly_store_item *results,
                 enum ly_refusal *why, char *err, size_t errsz);

#endif
