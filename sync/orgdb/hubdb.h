/* hubdb.h - the organizer database: one SQLite file holding the event, its signing keys (secret
 * keys never leave this file), registrations, alternate ticket codes, rooms, sessions and the
 * gate rules (opening hours, notices). It is the hub's embedded storage. Every row change takes the
 * next value of one monotonic change sequence, which is what kiosks later sync from. Schema changes
 * are numbered migrations. */
#ifndef LY_HUBDB_H
#define LY_HUBDB_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "badge/badge.h"
#include "common/ly_limits.h"
#include "event/records.h"

#define LY_HUBDB_SCHEMA_VERSION 10

struct ly_hubdb;

/* One registration as imported. Text fields are NUL-terminated UTF-8; "" means absent. Ids of
 * vocabularies (region, stakeholder, attendance, category) are those of vocab.h. */
struct ly_registration {
    char ext_id[LY_EXT_ID_MAX + 1]; /* the attendee's id in the source system (required) */
    char name[LY_NAME_MAX + 1];     /* as the person writes it, any script (required) */
    char name_latin[LY_NAME_MAX + 1];
    char affiliation[LY_AFFILIATION_MAX + 1];
    char country[3]; /* ISO 3166-1 alpha-2, or LY_COUNTRY_NOT_STATED (country.h) */
    char region[LY_LABEL_MAX + 1];
    char stakeholder[LY_LABEL_MAX + 1];
    char attendance[LY_LABEL_MAX + 1];
    char category[LY_LABEL_MAX + 1];
    char language[LY_LABEL_MAX + 1];
    char accessibility[LY_ACCESSIBILITY_MAX + 1];
    char email[LY_EMAIL_MAX + 1];
    char phone[LY_PHONE_MAX + 1];
    char alt_code[LY_ALT_CODE_MAX + 1]; /* another system's ticket code, kept working */
    char source[16];                    /* "lanyard", "pretix", "eventbrite", "indico", "demo" */
};

/* A registration as stored: the imported fields plus the badge state. */
struct ly_attendee {
    uint32_t id;            /* attendee id, carried in the badge */
    uint16_t badge_version; /* current version; older badges are superseded */
    uint32_t badge_key;     /* the key of a version a kiosk reprinted (0: any key) */
    bool revoked;           /* badge revoked: every version refused */
    bool picked_up;         /* a kiosk's pickup point printed the badge */
    struct ly_registration reg;
};

struct ly_session {
    char ext_id[LY_EXT_ID_MAX + 1]; /* the session's id in the programme (required) */
    char title[LY_TITLE_MAX + 1];
    char type[LY_LABEL_MAX + 1];         /* vocab.h session type id */
    char room[LY_ROOM_NAME_MAX + 1];     /* room name; the room must exist */
    char starts[17];                     /* YYYY-MM-DDTHH:MM, event local time */
    char ends[17];                       /* YYYY-MM-DDTHH:MM, after starts */
    int capacity;                        /* 0: the room's capacity */
    char categories[LY_LABEL_MAX * 4];   /* space-separated category ids allowed in; "" = all */
    bool slips;                          /* the session's door prints an access slip */
    char overflow[LY_ROOM_NAME_MAX + 1]; /* the room to send people to when full; "" none */
    char online_url[LY_URL_MAX + 1];     /* the session online, http or https; "" none */
    int64_t overflow_room_id;            /* ly_hubdb_foreach_session: overflow's id, 0 none */
};

enum ly_upsert {
    LY_UPSERT_INSERTED,
    LY_UPSERT_UPDATED,
    LY_UPSERT_UNCHANGED,
};

/* Opens (creating when absent) the database at path, migrates it to the current schema and
 * checks it. Returns false with a message in err. The caller frees *out with ly_hubdb_close. */
__attribute__((warn_unused_result)) bool ly_hubdb_open(const char *path, struct ly_hubdb **out,
                                                       char *err, size_t errsz);
void ly_hubdb_close(struct ly_hubdb *db);

/* Transactions around a batch of changes. An import runs in one transaction. begin takes the
 * write lock at once; begin_read starts a read transaction (every read until the commit or
 * rollback sees one state, and writers are not held up). */
__attribute__((warn_unused_result)) bool ly_hubdb_begin(struct ly_hubdb *db, char *err,
                                                        size_t errsz);
__attribute__((warn_unused_result)) bool ly_hubdb_begin_read(struct ly_hubdb *db, char *err,
                                                             size_t errsz);
__attribute__((warn_unused_result)) bool ly_hubdb_commit(struct ly_hubdb *db, char *err,
                                                         size_t errsz);
void ly_hubdb_rollback(struct ly_hubdb *db);

/* Creates the database's event and its first signing key. Fails if an event exists, a date is
 * invalid or ends is before starts. Fills *out when not NULL. */
__attribute__((warn_unused_result)) bool
ly_hubdb_create_event(struct ly_hubdb *db, const char *name, const char *starts, const char *ends,
                      const char *timezone, struct ly_event *out, char *err, size_t errsz);

/* Loads the event. Returns false (with "no event" in err) before `lanyard init`. */
__attribute__((warn_unused_result)) bool ly_hubdb_event(struct ly_hubdb *db, struct ly_event *out,
                                                        char *err, size_t errsz);

/* Loads the current signing key's secret key and id. The secret key never leaves the hub. */
__attribute__((warn_unused_result)) bool ly_hubdb_signing_key(struct ly_hubdb *db,
                                                              uint8_t sk[LY_BADGE_SK_BYTES],
                                                              uint32_t *key_id, char *err,
                                                              size_t errsz);

/* Fills keys (room for max) with every public key badges of this event may carry; *n is set to
 * the count. */
__attribute__((warn_unused_result)) bool ly_hubdb_public_keys(struct ly_hubdb *db,
                                                              struct ly_badge_key *keys, size_t max,
                                                              size_t *n, char *err, size_t errsz);
/* The certified keys of the kiosks not revoked (docs/badge-format.md, "Kiosk keys") with their
 * certificates and walk-in ids, up to max into keys; *n is the count. */
__attribute__((warn_unused_result)) bool ly_hubdb_kiosk_keys(struct ly_hubdb *db,
                                                             struct ly_key_proof *keys, size_t max,
                                                             size_t *n, char *err, size_t errsz);

/* Inserts or updates the registration with r->ext_id; rows whose stored fields equal r are left
 * alone (no new change sequence). *what tells which happened. */
__attribute__((warn_unused_result)) bool
ly_hubdb_upsert_registration(struct ly_hubdb *db, const struct ly_registration *r,
                             enum ly_upsert *what, char *err, size_t errsz);

/* Inserts or updates a room by name, with where it is (location, "" unknown, at most
 * LY_ROOM_LOCATION_MAX bytes); ly_hubdb_upsert_room gives it no location. */
__attribute__((warn_unused_result)) bool
ly_hubdb_upsert_room_at(struct ly_hubdb *db, const char *name, int capacity, const char *location,
                        enum ly_upsert *what, char *err, size_t errsz);
__attribute__((warn_unused_result)) bool ly_hubdb_upsert_room(struct ly_hubdb *db, const char *name,
                                                              int capacity, enum ly_upsert *what,
                                                              char *err, size_t errsz);

/* Sets *found to whether a room is named name. */
__attribute__((warn_unused_result)) bool ly_hubdb_room_exists(struct ly_hubdb *db, const char *name,
                                                              bool *found, char *err, size_t errsz);

/* Inserts or updates a session by s->ext_id. The room, and s->overflow when not "", must
 * exist. */
__attribute__((warn_unused_result)) bool ly_hubdb_upsert_session(struct ly_hubdb *db,
                                                                 const struct ly_session *s,
                                                                 enum ly_upsert *what, char *err,
                                                                 size_t errsz);

/* Loads the attendee with this id. Returns false with err "no such attendee" when absent. */
__attribute__((warn_unused_result)) bool ly_hubdb_attendee(struct ly_hubdb *db, uint32_t id,
                                                           struct ly_attendee *out, char *err,
                                                           size_t errsz);

/* Finds the attendee holding an alternate ticket code; *id = 0 when none does. */
__attribute__((warn_unused_result)) bool ly_hubdb_find_alt_code(struct ly_hubdb *db,
                                                                const char *code, uint32_t *id,
                                                                char *err, size_t errsz);

/* Finds the attendee by source-system id; *id = 0 when none has it. */
__attribute__((warn_unused_result)) bool ly_hubdb_find_ext_id(struct ly_hubdb *db,
                                                              const char *ext_id, uint32_t *id,
                                                              char *err, size_t errsz);

/* Calls fn for every attendee in id order (all of them when ids is NULL, else the nids listed,
 * failing on an unknown id). Stops early, returning false, when fn returns false. */
typedef bool (*ly_hubdb_attendee_fn)(void *ctx, const struct ly_attendee *a);
__attribute__((warn_unused_result)) bool
ly_hubdb_foreach_attendee(struct ly_hubdb *db, const uint32_t *ids, size_t nids,
                          ly_hubdb_attendee_fn fn, void *ctx, char *err, size_t errsz);

/* Calls fn for every room in id order (id, name, capacity, location). Stops early, returning
 * false, when fn returns false. */
typedef bool (*ly_hubdb_room_fn)(void *ctx, const struct ly_kiosk_room *r);
__attribute__((warn_unused_result)) bool
ly_hubdb_foreach_room(struct ly_hubdb *db, ly_hubdb_room_fn fn, void *ctx, char *err, size_t errsz);

/* Calls fn for every session in id order with its id, its room's id and its fields (s->room is
 * the room's name, s->overflow its overflow room's and s->overflow_room_id that room's id). Stops
 * early, returning false, when fn returns false. */
typedef bool (*ly_hubdb_session_fn)(void *ctx, int64_t id, int64_t room_id,
                                    const struct ly_session *s);
__attribute__((warn_unused_result)) bool ly_hubdb_foreach_session(struct ly_hubdb *db,
                                                                  ly_hubdb_session_fn fn, void *ctx,
                                                                  char *err, size_t errsz);

/* Bumps the badge version of attendee id (a reprint: the old badge stops working). */
__attribute__((warn_unused_result)) bool
ly_hubdb_reissue(struct ly_hubdb *db, uint32_t id, uint16_t *new_version, char *err, size_t errsz);

/* Marks attendee id's badge revoked (true) or restores it (false). */
__attribute__((warn_unused_result)) bool
ly_hubdb_set_revoked(struct ly_hubdb *db, uint32_t id, bool revoked, char *err, size_t errsz);

/* Looks a session up by programme id, or a room by name; *id = 0 when there is none. */
__attribute__((warn_unused_result)) bool ly_hubdb_find_session(struct ly_hubdb *db,
                                                               const char *ext_id, int64_t *id,
                                                               char *err, size_t errsz);
__attribute__((warn_unused_result)) bool ly_hubdb_find_room(struct ly_hubdb *db, const char *name,
                                                            int64_t *id, char *err, size_t errsz);

/* Gate rules (hubdb_rules.c), in records.h's terms, as kiosks hold them: the venue's opening hours,
 * one row a day, and the notices shown with a grant, displayed in id order. They are one set,
 * replaced as a whole and copied to kiosks as a whole.
 *
 * Replaces the stored set with hours[0..nhours) (any order, one per day) and
 * notices[0..nnotices) (at most LY_NOTICES_MAX, ids unique), in one transaction: its own, or a
 * savepoint inside the caller's. When the new set equals the stored one (the same days and
 * times, the same notices under the same ids) nothing is written and *changed is false.
 * Otherwise every row of the new set carries one new change sequence, which meta.rules_seq
 * records too: rows removed leave no trace, so a kiosk whose cursor is below rules_seq replaces
 * all of its rules. On failure nothing changed. */
__attribute__((warn_unused_result)) bool
ly_hubdb_replace_rules(struct ly_hubdb *db, const struct ly_kiosk_hours *hours, size_t nhours,
                       const struct ly_kiosk_notice *notices, size_t nnotices, bool *changed,
                       char *err, size_t errsz);

/* Calls hours_fn for every day of opening hours in day order, then notice_fn for every notice
 * in id order. Stops early, returning false, when a callback returns false. */
typedef bool (*ly_hubdb_hours_fn)(void *ctx, const struct ly_kiosk_hours *h);
typedef bool (*ly_hubdb_notice_fn)(void *ctx, const struct ly_kiosk_notice *n);
__attribute__((warn_unused_result)) bool ly_hubdb_foreach_rule(struct ly_hubdb *db,
                                                               ly_hubdb_hours_fn hours_fn,
                                                               ly_hubdb_notice_fn notice_fn,
                                                               void *ctx, char *err, size_t errsz);

/* Returns the counts of registrations, the countries they come from ("not stated" is none),
 * rooms, sessions, days of opening hours and notices, the latest change sequence and the one the
 * rule set last changed at. */
struct ly_hubdb_stats {
    int64_t registrations, onsite, countries, rooms, sessions, change_seq;
    int64_t opening_days, notices, rules_seq;
};
__attribute__((warn_unused_result)) bool
ly_hubdb_stats(struct ly_hubdb *db, struct ly_hubdb_stats *out, char *err, size_t errsz);

#endif
