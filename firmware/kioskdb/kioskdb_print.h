/* kioskdb_print.h - what printing at the kiosk keeps in the kiosk database: print jobs with their
 * state (journaled beside the entry that asked for them), the kiosk's own signing key that the
 * hub certified at enrollment with its range of walk-in attendee ids, a reprint's new badge
 * version, and a walk-in's attendee. docs/gates.md ("Badge pickup") and docs/badge-format.md
 * ("Kiosk keys", "Reprints") explain them. */
#ifndef LY_KIOSKDB_PRINT_H
#define LY_KIOSKDB_PRINT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "badge/badge.h"
#include "common/ly_limits.h"
#include "event/records.h"
#include "kioskdb/kioskdb.h"

#define LY_PJOBS_MAX 32 /* open print jobs one listing returns (staff's screen) */

/* A print job's state as journaled. queued: not yet handed to the printer (safe to send);
 * sent: handed to the printer, not confirmed; held: was "sent" when the kiosk stopped, so it may
 * have printed: only staff send it again; printed: the printer confirmed it; failed: the printer
 * said why (reason); cancelled: staff dropped it. */
enum ly_pjob_state {
    LY_PJOB_QUEUED,
    LY_PJOB_SENT,
    LY_PJOB_HELD,
    LY_PJOB_PRINTED,
    LY_PJOB_FAILED,
    LY_PJOB_CANCELLED,
};

/* Returns the state's name as stored ("queued", ...); static. */
const char *ly_pjob_state_name(enum ly_pjob_state s);

struct ly_kiosk_pjob {
    int64_t id;                         /* the journal's id for the job */
    char checkin_uuid[LY_UUID_LEN + 1]; /* the journal entry that asked for it */
    bool slip;                          /* a session access slip; false: a badge */
    uint32_t attendee_id;
    char code[LY_BADGE_CODE_MAX + 1]; /* what its QR holds */
    char session[LY_EXT_ID_MAX + 1];  /* a slip's session */
    enum ly_pjob_state state;
    char reason[32]; /* failed or held: why ("media-out", "interrupted") */
    int attempts;    /* times handed to the printer */
    int64_t created_ms, updated_ms;
};

/* Adds job (its id, state, attempts and times are set here: queued, now) and sets *id. Run it
 * inside the transaction of the journal entry that asks for it (ly_kioskdb_journal_in), so both
 * are durable together. */
__attribute__((warn_unused_result)) bool ly_kioskdb_pjob_add(struct ly_kioskdb *db,
                                                             const struct ly_kiosk_pjob *job,
                                                             int64_t now_ms, int64_t *id, char *err,
                                                             size_t errsz);

/* Records a job's new state (reason "" unless failed), durably; "sent" counts an attempt.
 * Returns false with err on a database error or an unknown job. */
__attribute__((warn_unused_result)) bool ly_kioskdb_pjob_set(struct ly_kioskdb *db, int64_t id,
                                                             enum ly_pjob_state state,
                                                             const char *reason, int64_t now_ms,
                                                             char *err, size_t errsz);

/* At the kiosk's start: every job left "sent" (the kiosk stopped before the printer confirmed
 * it) becomes "held", never resent by itself; *held counts them. */
__attribute__((warn_unused_result)) bool
ly_kioskdb_pjobs_recover(struct ly_kioskdb *db, int64_t now_ms, int *held, char *err, size_t errsz);

/* Jobs not printed and not cancelled (queued, sent, held, failed), oldest first, up to max into
 * out; *n is the count. */
__attribute__((warn_unused_result)) bool ly_kioskdb_pjobs_open(struct ly_kioskdb *db,
                                                               struct ly_kiosk_pjob *out,
                                                               size_t max, size_t *n, char *err,
                                                               size_t errsz);

/* Loads job id into *out; *found says whether it exists. */
__attribute__((warn_unused_result)) bool ly_kioskdb_pjob(struct ly_kioskdb *db, int64_t id,
                                                         struct ly_kiosk_pjob *out, bool *found,
                                                         char *err, size_t errsz);

/* Staff ask for a held or failed job again: it becomes queued. Returns false with err for a job
 * in any other state (a queued or sent one is on its way; a printed one is reprinted instead). */
__attribute__((warn_unused_result)) bool
ly_kioskdb_pjob_retry(struct ly_kioskdb *db, int64_t id, int64_t now_ms, char *err, size_t errsz);

/* Sets *n to the jobs of a state. */
__attribute__((warn_unused_result)) bool ly_kioskdb_pjobs_count(struct ly_kioskdb *db,
                                                                enum ly_pjob_state state,
                                                                int64_t *n, char *err,
                                                                size_t errsz);

/* --- the kiosk's own key -------------------------------------------------------------------- */

struct ly_kiosk_key {
    uint32_t key_id;
    uint8_t sk[LY_BADGE_SK_BYTES]; /* secret: never leaves the kiosk database */
    bool certified;                /* the hub certified it (cert, ids) */
    uint8_t cert[LY_BADGE_CERT_BYTES];
    uint32_t id_first, id_last; /* walk-in attendee ids this kiosk may give */
};

/* Makes the kiosk's key pair when it has none (enrollment asks for it) and fills *out. */
__attribute__((warn_unused_result)) bool
ly_kioskdb_key_make(struct ly_kioskdb *db, struct ly_kiosk_key *out, char *err, size_t errsz);

/* Loads the kiosk's key; *found false when it has none. */
__attribute__((warn_unused_result)) bool ly_kioskdb_key(struct ly_kioskdb *db,
                                                        struct ly_kiosk_key *out, bool *found,
                                                        char *err, size_t errsz);

/* Stores the hub's certificate of the key and the walk-in id range it gave. */
__attribute__((warn_unused_result)) bool
ly_kioskdb_key_certify(struct ly_kioskdb *db, const uint8_t cert[LY_BADGE_CERT_BYTES],
                       uint32_t id_first, uint32_t id_last, char *err, size_t errsz);

/* --- what a print changes ------------------------------------------------------------------- */

/* Inside the caller's transaction: takes the next walk-in attendee id of the kiosk's range into
 * *id. Returns false with err when the kiosk has no certified key or its range is used up. */
__attribute__((warn_unused_result)) bool
ly_kioskdb_take_walkin_id(struct ly_kioskdb *db, uint32_t *id, char *err, size_t errsz);

/* Inside the caller's transaction: the attendee's badge is now version (signed by key_id). */
__attribute__((warn_unused_result)) bool ly_kioskdb_set_badge(struct ly_kioskdb *db,
                                                              uint32_t attendee_id,
                                                              uint16_t version, uint32_t key_id,
                                                              char *err, size_t errsz);

/* The affiliation of a walk-in registered at this kiosk into out ("" for anyone else). */
__attribute__((warn_unused_result)) bool ly_kioskdb_walkin_affiliation(struct ly_kioskdb *db,
                                                                       uint32_t attendee_id,
                                                                       char *out, size_t outsz,
                                                                       char *err, size_t errsz);

/* Sets *seq to the journal's latest "picked_up" entry of the attendee at this kiosk; -1 when
 * there is none here but the hub said another pickup point printed the badge; 0: neither. */
__attribute__((warn_unused_result)) bool ly_kioskdb_picked_up(struct ly_kioskdb *db,
                                                              uint32_t attendee_id, int64_t *seq,
                                                              char *err, size_t errsz);

#endif
