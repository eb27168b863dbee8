/* kioskdb_peer.h - the other kiosks of the event in the kiosk database: who they are and where
 * they listen (as the hub lists them with their keys), and the check-ins they sent this kiosk
 * directly (docs/sync-protocol.md, "Peer exchange"). Peer check-ins are kept apart from this
 * kiosk's own journal: they count in its decisions (re-entry, capacity) and are never uploaded by
 * it, since each kiosk uploads only its own. */
#ifndef LY_KIOSKDB_PEER_H
#define LY_KIOSKDB_PEER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "badge/badge.h"
#include "event/records.h"
#include "kioskdb/kioskdb.h"

/* A peer: its certified key (vouched for by the event's root keys) and what the hub said of it. */
struct ly_kioskdb_peer {
    uint32_t key_id;
    uint8_t pk[LY_BADGE_PK_BYTES];
    struct ly_peer_info info;
};

/* What storing a peer's check-in did. */
enum ly_peer_put {
    LY_PEER_STORED,    /* new, the next of its origin's sequence */
    LY_PEER_DUPLICATE, /* held already, the same entry: nothing changed */
    LY_PEER_GAP,       /* its sequence is beyond the next one expected: not stored */
    LY_PEER_MISMATCH,  /* another entry holds its origin and sequence: not stored */
};

/* Inside the caller's transaction (a page of changes): records what the hub said of the kiosk
 * whose key is key_id, or forgets it (delete: the kiosk was revoked). */
__attribute__((warn_unused_result)) bool ly_kioskdb_put_peer(struct ly_kioskdb *db, uint32_t key_id,
                                                             const struct ly_peer_info *p,
                                                             char *err, size_t errsz);
__attribute__((warn_unused_result)) bool
ly_kioskdb_delete_peer(struct ly_kioskdb *db, uint32_t key_id, char *err, size_t errsz);

/* *held: the kiosk holds key p as it is (same public key and certificate), so that a key change
 * that only moves a peer's address or sequence does not make the gate reload. */
__attribute__((warn_unused_result)) bool ly_kioskdb_key_held(struct ly_kioskdb *db,
                                                             const struct ly_key_proof *p,
                                                             bool *held, char *err, size_t errsz);

/* Up to max peers with an address, other than this kiosk, whose certified key the kiosk holds,
 * into out (the caller's array); *n is the count. */
__attribute__((warn_unused_result)) bool ly_kioskdb_peers(struct ly_kioskdb *db,
                                                          struct ly_kioskdb_peer *out, size_t max,
                                                          size_t *n, char *err, size_t errsz);

/* The peer whose certified key is key_id (any address, this kiosk excluded); *found false when
 * the kiosk holds no such certified key or the hub listed no kiosk with it. */
__attribute__((warn_unused_result)) bool
ly_kioskdb_peer_by_key(struct ly_kioskdb *db, uint32_t key_id, struct ly_kioskdb_peer *out,
                       bool *found, char *err, size_t errsz);

/* Sets *have to the highest sequence number of origin's check-ins held (all below it are held
 * too: they are stored in order); 0 when none. */
__attribute__((warn_unused_result)) bool ly_kioskdb_peer_have(struct ly_kioskdb *db,
                                                              const char *origin, int64_t *have,
                                                              char *err, size_t errsz);

/* Stores a verified check-in of another kiosk (c->kiosk_id its origin, c->seq its sequence),
 * received at now_ms, in its own transaction; *res says what happened. */
__attribute__((warn_unused_result)) bool
ly_kioskdb_peer_store(struct ly_kioskdb *db, const struct ly_checkin *c, int64_t now_ms,
                      enum ly_peer_put *res, char *err, size_t errsz);

/* Sets *n to the peer check-ins held (all origins). */
__attribute__((warn_unused_result)) bool ly_kioskdb_peer_count(struct ly_kioskdb *db, int64_t *n,
                                                               char *err, size_t errsz);

#endif
