/* kioskdb_records.h - the synced records of the kiosk database (records.h): the event, its
 * public keys, attendees, other systems' ticket codes, rooms and sessions, as the hub sends them
 * (a snapshot, then changes) and as the decision path looks them up. */
#ifndef LY_KIOSKDB_RECORDS_H
#define LY_KIOSKDB_RECORDS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "badge/badge.h"
#include "event/records.h"
#include "kioskdb/kioskdb.h"

/* Lookups. Each fills the caller's *out and returns false only on a database error (err);
 * absence is reported through *found (or a 0 id), not as an error. */
__attribute__((warn_unused_result)) bool
ly_kioskdb_event(struct ly_kioskdb *db, struct ly_event *out, bool *found, char *err, size_t errsz);
/* Fills keys (room for max) for ly_badge_verify; *n is the count. */
__attribute__((warn_unused_result)) bool ly_kioskdb_public_keys(struct ly_kioskdb *db,
                                                                struct ly_badge_key *keys,
                                                                size_t max, size_t *n, char *err,
                                                                size_t errsz);
__attribute__((warn_unused_result)) bool ly_kioskdb_attendee(struct ly_kioskdb *db, uint32_t id,
                                                             struct ly_kiosk_attendee *out,
                                                             bool *found, char *err, size_t errsz);
/* Sets *id to the attendee holding another system's ticket code, 0 when none does. */
__attribute__((warn_unused_result)) bool ly_kioskdb_find_alt_code(struct ly_kioskdb *db,
                                                                  const char *code, uint32_t *id,
                                                                  char *err, size_t errsz);
/* Fills out with up to max rooms, ordered by name; *n is the count. */
__attribute__((warn_unused_result)) bool ly_kioskdb_rooms(struct ly_kioskdb *db,
                                                          struct ly_kiosk_room *out, size_t max,
                                                          size_t *n, char *err, size_t errsz);
__attribute__((warn_unused_result)) bool ly_kioskdb_room(struct ly_kioskdb *db, int64_t id,
                                                         struct ly_kiosk_room *out, bool *found,
                                                         char *err, size_t errsz);
/* Finds a room by its name. */
__attribute__((warn_unused_result)) bool
ly_kioskdb_room_by_name(struct ly_kioskdb *db, const char *name, struct ly_kiosk_room *out,
                        bool *found, char *err, size_t errsz);
/* Finds a session by hub id (ext_id NULL) or by programme id (ext_id not NULL, id ignored). */
__attribute__((warn_unused_result)) bool ly_kioskdb_session(struct ly_kioskdb *db, int64_t id,
                                                            const char *ext_id,
                                                            struct ly_kiosk_session *out,
                                                            bool *found, char *err, size_t errsz);
/* The first session in room_id (by start) that has not ended at from and starts at or before
 * until (both YYYY-MM-DDTHH:MM): the session on now, or about to start, when from is now and
 * until is now plus the doors-open lead. */
__attribute__((warn_unused_result)) bool
ly_kioskdb_session_in_room(struct ly_kioskdb *db, int64_t room_id, const char *from,
                           const char *until, struct ly_kiosk_session *out, bool *found, char *err,
                           size_t errsz);
/* Sets *any to whether the room has any session at all (a lounge has none). */
__attribute__((warn_unused_result)) bool ly_kioskdb_room_has_sessions(struct ly_kioskdb *db,
                                                                      int64_t room_id, bool *any,
                                                                      char *err, size_t errsz);

/* The title of place's session ("session:EXT_ID") or the name of its room ("room:ID") into out;
 * "" for the venue, a desk, an unknown place or a database error (a status line's label). */
void ly_kioskdb_place_label(struct ly_kioskdb *db, const char *place, char *out, size_t outsz);

/* Writing synced data: a snapshot, or the sync client's changes. Run the puts between
 * ly_kioskdb_begin and ly_kioskdb_commit; each inserts or replaces by id, copies what it is
 * given and returns false with err (a field without its NUL, a database error). */
__attribute__((warn_unused_result)) bool
ly_kioskdb_put_event(struct ly_kioskdb *db, const struct ly_event *ev, char *err, size_t errsz);
/* Public keys only: the API takes no secret key. */
__attribute__((warn_unused_result)) bool
ly_kioskdb_put_key(struct ly_kioskdb *db, const struct ly_badge_key *key, char *err, size_t errsz);
/* A key with its proof (a kiosk key's certificate and ids), for the check against the roots
 * (ly_kioskdb_keys_vouched). */
__attribute__((warn_unused_result)) bool ly_kioskdb_put_key_proof(struct ly_kioskdb *db,
                                                                  const struct ly_key_proof *p,
                                                                  char *err, size_t errsz);
/* Also keeps the attendee's search key (ly_kioskdb_search) up to date. */
__attribute__((warn_unused_result)) bool ly_kioskdb_put_attendee(struct ly_kioskdb *db,
                                                                 const struct ly_kiosk_attendee *a,
                                                                 char *err, size_t errsz);
/* Makes code (not "") one of attendee_id's alternate ticket codes. */
__attribute__((warn_unused_result)) bool ly_kioskdb_put_alt_code(struct ly_kioskdb *db,
                                                                 const char *code,
                                                                 uint32_t attendee_id, char *err,
                                                                 size_t errsz);
__attribute__((warn_unused_result)) bool
ly_kioskdb_put_room(struct ly_kioskdb *db, const struct ly_kiosk_room *r, char *err, size_t errsz);
/* The session's room must have been put first. */
__attribute__((warn_unused_result)) bool ly_kioskdb_put_session(struct ly_kioskdb *db,
                                                                const struct ly_kiosk_session *s,
                                                                char *err, size_t errsz);

/* Deletions the hub sends. An attendee takes its ticket codes along (its check-ins stay); a
 * room takes its sessions along. Deleting what is absent is not an error. */
__attribute__((warn_unused_result)) bool
ly_kioskdb_delete_attendee(struct ly_kioskdb *db, uint32_t id, char *err, size_t errsz);
/* Removes every ticket code of attendee_id (an attendee holds one; a new one replaces it). */
__attribute__((warn_unused_result)) bool
ly_kioskdb_delete_alt_codes(struct ly_kioskdb *db, uint32_t attendee_id, char *err, size_t errsz);
__attribute__((warn_unused_result)) bool ly_kioskdb_delete_room(struct ly_kioskdb *db, int64_t id,
                                                                char *err, size_t errsz);
__attribute__((warn_unused_result)) bool
ly_kioskdb_delete_session(struct ly_kioskdb *db, int64_t id, char *err, size_t errsz);
__attribute__((warn_unused_result)) bool
ly_kioskdb_delete_key(struct ly_kioskdb *db, uint32_t key_id, char *err, size_t errsz);

#endif
