/* store_pg_prints.h - printing at the kiosk in PostgreSQL, as hubdb_prints.c does it in SQLite:
 * certifying a kiosk's key at enrollment, withdrawing it at revocation, and what an ingested
 * entry that printed changes (a reprint's badge version, a walk-in's registration). */
#ifndef LY_STORE_PG_PRINTS_H
#define LY_STORE_PG_PRINTS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "store/pg/store_pg_int.h"
#include "store/store.h"

/* The event's id and its signing key's secret (the hub's own, loaded by `lanyard load`): the
 * active key's, into sk; false with err when the store holds none. */
bool pg_event_secret(struct pg_store *s, uint32_t *event_id, uint8_t sk[LY_BADGE_SK_BYTES],
                     char *err, size_t errsz);

/* The store.h "certify_kiosk" operation on a struct pg_store. */
bool pg_certify_kiosk(struct ly_store *st, int64_t kiosk_id, const uint8_t pk[LY_BADGE_PK_BYTES],
                      uint8_t cert[LY_BADGE_CERT_BYTES], uint32_t *id_first, uint32_t *id_last,
                      char *err, size_t errsz);

/* Inside the revocation's transaction: the keys of the kiosks named name, revoked at revoked_ms,
 * are withdrawn under a new change sequence (none when there was no key). */
bool pg_revoke_kiosk_key(struct pg_store *s, const char *name, int64_t revoked_ms, char *err,
                         size_t errsz);

/* Inside an ingest's transaction, for a stored entry: a reprint's version, a walk-in. */
bool pg_ingest_print(struct pg_store *s, const struct ly_checkin *c, char *err, size_t errsz);

#endif
