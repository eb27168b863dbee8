/* store_pg_sealed.h - details sealed per badge on a PostgreSQL hub (orgdb/sealer.h): the event
 * setting `lanyard load` copies from the organizer database, and the sealer a read of changes
 * or a snapshot seals attendees with (the store holds the event's signing key, as `load` copies
 * it, so it computes each badge's signature and key as the organizer database does). */
#ifndef LY_STORE_PG_SEALED_H
#define LY_STORE_PG_SEALED_H

#include <stdbool.h>
#include <stddef.h>

#include "orgdb/sealer.h"
#include "store/pg/store_pg_int.h"

/* Inside load's transaction: the organizer database's kiosk-details setting into the store. */
bool pg_load_kiosk_details(struct pg_store *s, struct ly_hubdb *src, char *err, size_t errsz);

/* Inside a read transaction: the setting, and when sealed the event and its signing key
 * (ly_sealer_wipe when done). */
bool pg_sealer_load(struct pg_store *s, struct ly_sealer *out, char *err, size_t errsz);

/* A ly_sealer_code_fn over a struct pg_store. */
bool pg_sealer_code(void *db, uint32_t id, char code[LY_ALT_CODE_MAX + 1], char *err, size_t errsz);

#endif
