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

/* Inside a transaction that holds the change sequence's row lock: sets kiosk's peer address to
 * addr, or (addr NULL) its committed sequence to acked when that is higher, and when that changed
 * something gives its key change the sequence *seq (taken when 0), so that kiosks learn it
 * (docs/sync-protocol.md, "Peer exchange"). */
struct pg_store;
bool pg_peer_bump(struct pg_store *s, int64_t kiosk, const char *addr, int64_t acked, int64_t *seq,
                  char *err, size_t errsz);

/* The store.h "validate" operation on a struct pg_store (store_pg_valid.c). */
bool pg_validate(struct ly_store *st, const struct ly_store_kiosk *k,
                 const struct ly_checkin *items, size_t n, enum ly_store_item *results,
                 enum ly_refusal *why, char *err, size_t errsz);

#endif
