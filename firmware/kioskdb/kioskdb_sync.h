/* kioskdb_sync.h - the sync state in the kiosk database: the hub change sequence the data was
 * taken at (the cursor), the settings enrollment keeps in meta, the hub's occupancy counts, a
 * downloaded snapshot merged into a live kiosk, and the wipe of a revoked kiosk. The sync
 * client's own connection writes these; the decision path keeps journaling meanwhile (WAL). */
#ifndef LY_KIOSKDB_SYNC_H
#define LY_KIOSKDB_SYNC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "badge/badge.h"
#include "event/records.h"
#include "kioskdb/kioskdb.h"

#define LY_KIOSKDB_META_MAX 2048 /* a text setting in meta: a hub URL, a token */

/* Sets *cursor to the hub change sequence the data was taken at (0 before any snapshot), and
 * sets it (inside the transaction that writes the data). Each returns false with err. */
__attribute__((warn_unused_result)) bool
ly_kioskdb_sync_cursor(struct ly_kioskdb *db, int64_t *cursor, char *err, size_t errsz);
__attribute__((warn_unused_result)) bool
ly_kioskdb_set_sync_cursor(struct ly_kioskdb *db, int64_t cursor, char *err, size_t errsz);

/* Reads the text setting key of the meta table into out (outsz bytes); *found says whether it
 * is set. A value longer than outsz - 1 is an error, not cut. Keys a kiosk uses: hub_url,
 * kiosk_name, gate, hub_ca, hub_pins, root_keys, event_id, revoked_ms; the hub token
 * is sealed (kioskdb_secret.h). */
__attribute__((warn_unused_result)) bool ly_kioskdb_meta_text(struct ly_kioskdb *db,
                                                              const char *key, char *out,
                                                              size_t outsz, bool *found, char *err,
                                                              size_t errsz);
/* Sets key to value (at most LY_KIOSKDB_META_MAX bytes); NULL removes the key. */
__attribute__((warn_unused_result)) bool ly_kioskdb_set_meta_text(struct ly_kioskdb *db,
                                                                  const char *key,
                                                                  const char *value, char *err,
                                                                  size_t errsz);

/* The event's root keys a kiosk received at enrollment (meta root_keys), and its event id:
 * every other key must be vouched for by one of them (ly_badge_key_vouched). */
struct ly_kioskdb_roots {
    struct ly_badge_key keys[LY_EVENT_KEYS_MAX];
    size_t n; /* 0: none (a kiosk enrolled before root keys existed) */
    uint32_t event_id;
};

/* Reads the roots (n 0 when none are stored), and stores keys[0..n) as the roots (n at most
 * LY_EVENT_KEYS_MAX), inside the caller's transaction. */
__attribute__((warn_unused_result)) bool
ly_kioskdb_roots(struct ly_kioskdb *db, struct ly_kioskdb_roots *out, char *err, size_t errsz);
__attribute__((warn_unused_result)) bool ly_kioskdb_set_roots(struct ly_kioskdb *db,
                                                              const struct ly_badge_key *keys,
                                                              size_t n, char *err, size_t errsz);

/* Checks that every public key the kiosk holds is vouched for by roots; false with the first
 * key that is not in err. */
__attribute__((warn_unused_result)) bool
ly_kioskdb_keys_vouched(struct ly_kioskdb *db, const struct ly_kioskdb_roots *roots, char *err,
                        size_t errsz);

/* The hub's count of one place, as an occupancy change carries it. */
struct ly_hub_occupancy {
    const char *place; /* "venue", "room:ID", "session:ID" */
    int64_t inside;    /* counted from every kiosk's check-ins */
    int64_t as_of;     /* hub time of the count's freshest input; 0: none */
    int64_t grace_s;   /* the event's grace after a session's end; -1: not said (kept) */
};

/* Records the hub's count o; counted_through is this kiosk's highest check-in the hub had
 * committed when the count was asked for (ly_kioskdb_sent_through before the request). */
__attribute__((warn_unused_result)) bool
ly_kioskdb_set_hub_occupancy(struct ly_kioskdb *db, const struct ly_hub_occupancy *o,
                             int64_t counted_through, char *err, size_t errsz);

/* Sets *n to the occupancy of place the capacity rule compares with the capacity
 * (kioskdb_count.h, without a count's end by the clock): the hub's count plus this kiosk's
 * movements after counted_through when the hub sent one, else this kiosk's own; an own entry
 * stops counting once the person's later own movement took them elsewhere; never below 0. */
__attribute__((warn_unused_result)) bool ly_kioskdb_capacity_count(struct ly_kioskdb *db,
                                                                   const char *place, int64_t *n,
                                                                   char *err, size_t errsz);

/* Replaces the synced data (event, keys, rooms, sessions, attendees, ticket codes, rules) with
 * the kiosk-format database at path (a downloaded snapshot), in one transaction, keeping this
 * kiosk's identity, journal and settings, and sets the sync cursor to the snapshot's (*cursor).
 * The file is checked first (quick_check, schema version, limits on every field), and then
 * every key in it against roots unless roots is NULL; a bad one changes nothing. The file may
 * be migrated in place. Must not run inside begin/commit. */
__attribute__((warn_unused_result)) bool
ly_kioskdb_merge_snapshot(struct ly_kioskdb *db, const char *path,
                          const struct ly_kioskdb_roots *roots, int64_t *cursor, char *err,
                          size_t errsz);

/* A revoked kiosk: deletes the personal data (attendees, ticket codes), the public keys (so
 * that no badge is admitted), rooms, sessions, rules, the hub token and the hub's occupancy,
 * and sets the cursor to 0; the journal, the identity and the event stay. Freed pages are
 * overwritten and the write-ahead log truncated, so the names do not linger in the file. */
__attribute__((warn_unused_result)) bool ly_kioskdb_wipe(struct ly_kioskdb *db, char *err,
                                                         size_t errsz);

#endif
