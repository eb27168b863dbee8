/* hubdb_hub.h - the hub's tables in the organizer database (migration 3): enrolled kiosks,
 * enrollment codes, read tokens, pushed check-ins, occupancy and tombstones, and the reads the
 * sync protocol makes (changes since a cursor, counts). These are the SQLite backend of store.h
 * (store_sqlite.c wraps them); each function does what the store operation of the same name
 * says there. Files: hubdb_kiosks.c (kiosks, codes, tokens, ingest), hubdb_changes.c,
 * hubdb_counts.c. */
#ifndef LY_HUBDB_HUB_H
#define LY_HUBDB_HUB_H

#include "common/fields.h"
#include "orgdb/hubdb.h"
#include "store/store.h"

#define WUR __attribute__((warn_unused_result))

/* The columns both backends select for a kiosk (struct ly_store_kiosk), and its table to read
 * them with (store_row.h). */
#define LY_STORE_KIOSK_COLS                                                                        \
    "id, uuid, name, gate, software, revoked_ms IS NOT NULL, enrolled_ms, last_contact_ms, queue "
extern const struct ly_field ly_store_kiosk_fields[];

WUR bool ly_hubdb_add_enroll_code(struct ly_hubdb *db, const uint8_t hash[LY_TOKEN_HASH_LEN],
                                  const char *name, const char *gate, const char *replaces,
                                  int64_t now_ms, int64_t expires_ms, char *err, size_t errsz);
WUR bool ly_hubdb_redeem_enroll_code(struct ly_hubdb *db,
                                     const uint8_t code_hash[LY_TOKEN_HASH_LEN], const char *uuid,
                                     const char *software,
                                     const uint8_t token_hash[LY_TOKEN_HASH_LEN], int64_t now_ms,
                                     enum ly_store_redeem *res, struct ly_store_kiosk *out,
                                     char *err, size_t errsz);
WUR bool ly_hubdb_kiosk_by_token(struct ly_hubdb *db, const uint8_t hash[LY_TOKEN_HASH_LEN],
                                 struct ly_store_kiosk *out, bool *found, char *err, size_t errsz);
WUR bool ly_hubdb_touch_kiosk(struct ly_hubdb *db, int64_t kiosk_id, int64_t now_ms, char *err,
                              size_t errsz);
/* Records kiosk_id's health report (JSON, proto/health.h) received at at_ms. */
WUR bool ly_hubdb_kiosk_health(struct ly_hubdb *db, int64_t kiosk_id, const char *health,
                               int64_t at_ms, char *err, size_t errsz);
WUR bool ly_hubdb_foreach_kiosk(struct ly_hubdb *db, ly_store_kiosk_fn fn, void *ctx, char *err,
                                size_t errsz);
WUR bool ly_hubdb_kiosk_name_active(struct ly_hubdb *db, const char *name, bool *active, char *err,
                                    size_t errsz);
WUR bool ly_hubdb_revoke_kiosk(struct ly_hubdb *db, const char *name, int64_t now_ms, int *n,
                               char *err, size_t errsz);
/* Read tokens (hubdb_tokens.c). */
WUR bool ly_hubdb_add_read_token(struct ly_hubdb *db, const uint8_t hash[LY_TOKEN_HASH_LEN],
                                 const char *label, int64_t now_ms, int64_t expires_ms, int64_t *id,
                                 char *err, size_t errsz);
WUR bool ly_hubdb_read_token(struct ly_hubdb *db, const uint8_t hash[LY_TOKEN_HASH_LEN],
                             int64_t now_ms, bool *valid, char *err, size_t errsz);
WUR bool ly_hubdb_revoke_read_token(struct ly_hubdb *db, int64_t id, int64_t now_ms, bool *found,
                                    char *err, size_t errsz);
WUR bool ly_hubdb_foreach_read_token(struct ly_hubdb *db, ly_store_read_token_fn fn, void *ctx,
                                     char *err, size_t errsz);
/* The lookups of store/validate.h over this database (hubdb_validate.c). */
WUR bool ly_hubdb_validate(struct ly_hubdb *db, const struct ly_store_kiosk *k,
                           const struct ly_checkin *items, size_t n, enum ly_store_item *results,
                           enum ly_refusal *why, char *err, size_t errsz);
WUR bool ly_hubdb_ingest(struct ly_hubdb *db, const struct ly_store_kiosk *k,
                         const struct ly_checkin *items, size_t n, int64_t skew_ms,
                         int64_t received_ms, int64_t queue, enum ly_store_item *results, char *err,
                         size_t errsz);
WUR bool ly_hubdb_changes(struct ly_hubdb *db, int64_t since, ly_change_fn fn, void *ctx, char *err,
                          size_t errsz);
WUR bool ly_hubdb_counts(struct ly_hubdb *db, int64_t now_ms, struct ly_counts **out, char *err,
                         size_t errsz);

/* Printing at the kiosk (hubdb_prints.c). Certifies kiosk kiosk_id's signing key pk with the
 * event's key for the kiosk's walk-in id range (records.h) and records it for kiosks to learn,
 * under a new change sequence; fills cert and the range. */
WUR bool ly_hubdb_certify_kiosk(struct ly_hubdb *db, int64_t kiosk_id,
                                const uint8_t pk[LY_BADGE_PK_BYTES],
                                uint8_t cert[LY_BADGE_CERT_BYTES], uint32_t *id_first,
                                uint32_t *id_last, char *err, size_t errsz);
/* After revoking the kiosks named name at revoked_ms: their keys are withdrawn (a key deletion
 * for kiosks, under a new change sequence when there was a key). */
WUR bool ly_hubdb_revoke_kiosk_key(struct ly_hubdb *db, const char *name, int64_t revoked_ms,
                                   char *err, size_t errsz);
/* Inside an ingest: what a stored entry that printed changes (ly_req_prints): a reprint's badge
 * version, a walk-in's registration. */
WUR bool ly_hubdb_ingest_print(struct ly_hubdb *db, const struct ly_checkin *c, char *err,
                               size_t errsz);

/* Doors that agree without the hub (hubdb_peers.c). Inside an ingest: the highest of kiosk's
 * check-ins the hub committed is now acked (kept when lower); and records a conflict when
 * stored check-in c is a second admission into its place that the re-entry policy of either
 * admission forbade (docs/gates.md, "Doors without the hub"); day is the local midnight
 * before t_ms. Alone: kiosk listens for its peers
 * at addr ("": nowhere). Each change that kiosks must learn gives the kiosk's key change a new
 * sequence. */
WUR bool ly_hubdb_peer_acked(struct ly_hubdb *db, int64_t kiosk, int64_t acked, char *err,
                             size_t errsz);
WUR bool ly_hubdb_conflict_check(struct ly_hubdb *db, int64_t kiosk, const struct ly_checkin *c,
                                 int64_t t_ms, int64_t day, int64_t received_ms, char *err,
                                 size_t errsz);
WUR bool ly_hubdb_peer_addr(struct ly_hubdb *db, int64_t kiosk, const char *addr, char *err,
                            size_t errsz);

/* struct ly_hubdb_conflict, a conflict as `lanyard conflicts` shows it: store.h. */
/* Calls fn for every conflict, oldest first, until it returns false. */
WUR bool ly_hubdb_conflicts(struct ly_hubdb *db, ly_hubdb_conflict_fn fn, void *ctx, char *err,
                            size_t errsz);

/* Unix ms of local midnight of the day holding ms, in the process time zone. */
/* Inside an ingest, the occupancy model (docs/gates.md, "Occupancy"; hubdb_occupancy.c). */
struct ly_moved;
/* Records movement c (a room or session, or a venue exit; ly_occupancy_moves) at hub time t_ms
 * as the attendee's current place unless a later one is recorded; left is the place inside
 * the venue this took them out of, "" when none. */
WUR bool ly_hubdb_whereabouts(struct ly_hubdb *db, const struct ly_checkin *c, int64_t t_ms,
                              char left[LY_GATE_MAX + 1], char *err, size_t errsz);
/* Records t_ms as the latest movement that changed who is in place (its counts' as_of). */
WUR bool ly_hubdb_place_moved(struct ly_hubdb *db, const char *place, int64_t t_ms, char *err,
                              size_t errsz);
/* Counts place at hub time now_ms: *inside and the hub time of its freshest input *as_of (0:
 * none). A session past its end plus the event's grace is empty, as of that moment. */
WUR bool ly_hubdb_occupancy_of(struct ly_hubdb *db, const char *place, int64_t now_ms,
                               int64_t *inside, int64_t *as_of, char *err, size_t errsz);
/* Recounts place and, when its count or as_of changed, records them with a new change sequence
 * (kiosks sync it). */
WUR bool ly_hubdb_recount(struct ly_hubdb *db, const char *place, int64_t now_ms, char *err,
                          size_t errsz);
/* Records the movement times of the places in m and recounts them (every place when m->all). */
WUR bool ly_hubdb_recount_moved(struct ly_hubdb *db, const struct ly_moved *m, int64_t now_ms,
                                char *err, size_t errsz);

int64_t ly_hubdb_day_start(int64_t ms);

#undef WUR

#endif
