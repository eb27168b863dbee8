/* kioskdb_journal.h - the check-in journal of the kiosk database: every decision this kiosk made,
 * durable before it is reported, numbered per kiosk; the movements the rules count (occupancy,
 * an attendee's presence); and the journal's sync side (unsent batches, marking sent). */
#ifndef LY_KIOSKDB_JOURNAL_H
#define LY_KIOSKDB_JOURNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "event/records.h"
#include "kioskdb/kioskdb.h"

/* Which journal recorded a movement. The hub sends a kiosk counts, not people's movements, so
 * a presence is only ever this kiosk's own or a peer's. */
enum ly_presence_source {
    LY_PRESENCE_NONE, /* no movement */
    LY_PRESENCE_OWN,  /* this kiosk's own journal */
    LY_PRESENCE_PEER, /* another kiosk's, as it sent it directly (kioskdb_peer.h) */
};

/* An attendee's movements through one place, as this kiosk knows them: its own and its peers'. */
struct ly_kiosk_presence {
    int last_direction;                  /* +1 inside, -1 left, 0 never moved through place */
    int64_t last_wall_ms;                /* when that last movement was */
    int64_t last_entry_ms;               /* the latest entry, 0 when none */
    enum ly_presence_source last_source; /* who recorded the last movement */
};

/* Writes the check-in in (its decision fields) to the journal with a fresh UUIDv4 and the next
 * sequence number, in one transaction. Returns true only once the row is durable (WAL,
 * synchronous=FULL): report the decision after this, never before. Fills *out (may be NULL)
 * with the row as stored. Fails in a snapshot (no identity). */
__attribute__((warn_unused_result)) bool ly_kioskdb_journal(struct ly_kioskdb *db,
                                                            const struct ly_checkin *in,
                                                            struct ly_checkin *out, char *err,
                                                            size_t errsz);

/* The same inside a transaction the caller holds (ly_kioskdb_begin), so that a journal entry and
 * what it changes (a reprint's new badge version, a walk-in's attendee, a print job) commit
 * together. A "registered" entry's walk-in goes to the walkins table beside it. */
__attribute__((warn_unused_result)) bool ly_kioskdb_journal_in(struct ly_kioskdb *db,
                                                               const struct ly_checkin *in,
                                                               struct ly_checkin *out, char *err,
                                                               size_t errsz);

/* Loads the journaled check-in with sequence number seq into *out; *found says whether it
 * exists. Returns false with err only on a database error. */
__attribute__((warn_unused_result)) bool ly_kioskdb_checkin(struct ly_kioskdb *db, int64_t seq,
                                                            struct ly_checkin *out, bool *found,
                                                            char *err, size_t errsz);

/* Sets *n to the number of check-ins not yet committed by the hub. */
__attribute__((warn_unused_result)) bool ly_kioskdb_unsent(struct ly_kioskdb *db, int64_t *n,
                                                           char *err, size_t errsz);

/* Sets *n to the entries minus exits of place recorded at this kiosk (sum of direction). */
__attribute__((warn_unused_result)) bool
ly_kioskdb_occupancy(struct ly_kioskdb *db, const char *place, int64_t *n, char *err, size_t errsz);

/* Fills *out with the attendee's recorded movements through place (zeros when none). */
__attribute__((warn_unused_result)) bool
ly_kioskdb_presence(struct ly_kioskdb *db, uint32_t attendee_id, const char *place,
                    struct ly_kiosk_presence *out, char *err, size_t errsz);

/* Up to max unsent check-ins with a sequence number above after_seq, oldest first, into out
 * (the caller's array); *n is the count. The sync client sends them, then marks the ones the hub
 * committed. */
__attribute__((warn_unused_result)) bool
ly_kioskdb_unsent_batch(struct ly_kioskdb *db, int64_t after_seq, struct ly_checkin *out,
                        size_t max, size_t *n, char *err, size_t errsz);

/* Up to max check-ins, sent or not, with a sequence number above after_seq, oldest first, into
 * out; *n is the count. What this kiosk offers its peers (docs/sync-protocol.md, "Peer
 * exchange"). */
__attribute__((warn_unused_result)) bool
ly_kioskdb_journal_after(struct ly_kioskdb *db, int64_t after_seq, struct ly_checkin *out,
                         size_t max, size_t *n, char *err, size_t errsz);

/* Marks the check-ins with these UUIDs sent (the hub committed them), in one transaction.
 * Unknown UUIDs are ignored; *marked counts the rows that changed (0 on failure). */
__attribute__((warn_unused_result)) bool ly_kioskdb_mark_sent(struct ly_kioskdb *db,
                                                              const char *const *uuids, size_t n,
                                                              size_t *marked, char *err,
                                                              size_t errsz);

/* Marks the check-ins with these UUIDs sent and refused, each with the hub's reason (a short
 * code such as "unknown_attendee"): the hub acknowledged them and will never accept them, so they
 * are not offered again, and the journal keeps them with the reason. Otherwise as
 * ly_kioskdb_mark_sent. */
__attribute__((warn_unused_result)) bool
ly_kioskdb_mark_refused(struct ly_kioskdb *db, const char *const *uuids, const char *const *reasons,
                        size_t n, size_t *marked, char *err, size_t errsz);

/* Sets *seq to the highest sequence number of this kiosk's check-ins the hub has committed
 * (0: none). */
__attribute__((warn_unused_result)) bool
ly_kioskdb_sent_through(struct ly_kioskdb *db, int64_t *seq, char *err, size_t errsz);

#endif
