/* kioskdb.h - the kiosk's own SQLite database: the slice of the organizer database a gate needs
 * to decide offline (event, public keys, attendees without contact data, ticket codes, rooms,
 * sessions, the sync cursor) and the durable journal of every check-in this kiosk decided.
 * One writer per file. Schema changes are numbered migrations (PRAGMA user_version).
 *
 * Deliberately absent: e-mail, phone, affiliation, accessibility notes (only a yes/no flag, so
 * that a door can offer help without learning the nature of a need), the source system, and any
 * secret signing key. A stolen kiosk yields names and categories, never contact or health data
 * and never the power to mint badges. */
#ifndef LY_KIOSKDB_H
#define LY_KIOSKDB_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "badge.h"
#include "ly_limits.h"

#define LY_KIOSKDB_SCHEMA_VERSION 3
#define LY_KIOSKDB_KEYS_MAX       16  /* public keys a kiosk holds: one per key rotation */
#define LY_UUID_LEN               36  /* 8-4-4-4-12 hexadecimal digits */
#define LY_GATE_MAX               160 /* a gate spec: "entrance", "session:ID", "room:ID" */
#define LY_REASON_MAX             200 /* a denial reason, one sentence */
#define LY_NOTICE_MAX             200 /* a notice shown with a grant, one sentence */
/* A manual check-in's note: the staff's reason and, for an override, the denial it overrode
 * (" [overrode CODE: SENTENCE]"). */
#define LY_STAFF_NOTE_MAX (LY_STAFF_REASON_MAX + LY_REASON_MAX + 48)
/* An attendee's search key: fold(name) + " " + fold(name_latin); folding never lengthens. */
#define LY_SEARCH_KEY_MAX   (2 * LY_NAME_MAX + 1)
#define LY_KIOSKDB_META_MAX 2048 /* a text setting in meta: a hub URL, a token */

struct ly_kioskdb;

/* How a file is opened. A kiosk draws its identity (a random UUID and a sequence counter
 * starting at 1) at the first open; a snapshot being written is a template copied to many
 * kiosks, so it must not carry one. */
enum ly_kioskdb_mode {
    LY_KIOSKDB_KIOSK,
    LY_KIOSKDB_SNAPSHOT,
};

struct ly_kiosk_event {
    uint32_t id;
    char name[LY_EVENT_NAME_MAX + 1];
    char starts[11]; /* YYYY-MM-DD */
    char ends[11];   /* YYYY-MM-DD */
    char timezone[64];
};

/* An attendee as a kiosk knows them. Vocabulary fields hold vocab.h ids; "" means absent. */
struct ly_kiosk_attendee {
    uint32_t id;
    uint16_t badge_version; /* older versions are superseded */
    bool revoked;
    bool assistance; /* registered an accessibility need (the notes stay at the hub) */
    char name[LY_NAME_MAX + 1];
    char name_latin[LY_NAME_MAX + 1];
    char category[LY_LABEL_MAX + 1];
    char country[3]; /* ISO 3166-1 alpha-2, or LY_COUNTRY_NOT_STATED (country.h) */
    char region[LY_LABEL_MAX + 1];
    char stakeholder[LY_LABEL_MAX + 1];
    char attendance[LY_LABEL_MAX + 1];
    char language[LY_LABEL_MAX + 1];
};

struct ly_kiosk_room {
    int64_t id; /* the hub's room id */
    char name[LY_ROOM_NAME_MAX + 1];
    int capacity;
};

struct ly_kiosk_session {
    int64_t id; /* the hub's session id */
    char ext_id[LY_EXT_ID_MAX + 1];
    char title[LY_TITLE_MAX + 1];
    char type[LY_LABEL_MAX + 1];
    int64_t room_id;
    char starts[17];                   /* YYYY-MM-DDTHH:MM, event local time */
    char ends[17];                     /* YYYY-MM-DDTHH:MM */
    int capacity;                      /* 0: the room's capacity */
    char categories[LY_LABEL_MAX * 4]; /* space-separated category ids; "" = all */
};

/* The venue's opening hours on one day, event local time. When a kiosk holds any, a day
 * without a row is closed; when it holds none, every event day is open all day. */
struct ly_kiosk_hours {
    char day[11];   /* YYYY-MM-DD */
    char opens[6];  /* HH:MM */
    char closes[6]; /* HH:MM, after opens */
};

/* A notice shown with a grant: text for everyone granted at a gate matching place, whose
 * category matches. place is "" (every gate), "venue" (entrance), "session:EXT_ID",
 * "room:ROOM NAME" or "type:SESSION_TYPE"; category is "" (everyone) or a category id. */
struct ly_kiosk_notice {
    int64_t id; /* order of display */
    char place[LY_GATE_MAX + 1];
    char category[LY_LABEL_MAX + 1];
    char text[LY_NOTICE_MAX + 1];
};

/* An attendee's movements through one place, as this kiosk recorded them. */
struct ly_kiosk_presence {
    int last_direction;    /* +1 inside, -1 left, 0 never moved through place */
    int64_t last_wall_ms;  /* when that last movement was */
    int64_t last_entry_ms; /* the latest entry, 0 when none */
};

/* One journaled decision. The caller fills the decision fields; ly_kioskdb_journal fills
 * uuid, seq and kiosk_id (and the times when left 0). */
struct ly_checkin {
    char uuid[LY_UUID_LEN + 1];     /* UUIDv4 drawn by the kiosk */
    int64_t seq;                    /* per-kiosk sequence number, 1, 2, ... */
    char kiosk_id[LY_UUID_LEN + 1]; /* the kiosk's UUID */
    int64_t wall_ms;                /* Unix time, ms (CLOCK_REALTIME) */
    int64_t mono_ms;                /* CLOCK_MONOTONIC, ms: orders decisions across clock steps */
    char gate[LY_GATE_MAX + 1];     /* the gate as configured */
    uint32_t attendee_id;           /* 0: nobody identified */
    char code_kind[16];             /* "badge", "alt_code", "manual", "unreadable", ... */
    char decision[24];              /* "granted", "already_inside", "denied", ... */
    char reason[LY_REASON_MAX + 1]; /* the sentence shown; "" when granted */
    char reason_code[32];           /* its stable identifier ("room_full"); "" when granted */
    char place[LY_GATE_MAX + 1];    /* the space this moves someone in or out of: "venue",
                                       "room:ID"; "" for none */
    int direction;                  /* +1 entered place, -1 left it, 0 neither (denied, desk) */
    bool sent;                      /* the hub committed it */
    char staff_note[LY_STAFF_NOTE_MAX + 1]; /* code_kind "manual": the staff's reason, and the
                                               denial an override overrode; "" otherwise */
};

/* This kiosk's own counts, from its journal (ly_kioskdb_stats). */
struct ly_kiosk_stats {
    int64_t granted;        /* decisions since the time asked for, by kind (overrides included */
    int64_t already_inside; /*   in granted) */
    int64_t denied;
    int64_t manual;       /* of those, manual check-ins (code_kind "manual") */
    int64_t entries;      /* movements since the time: into a place (+1) */
    int64_t exits;        /*   and out of one (-1) */
    int64_t unsent;       /* check-ins the hub has not committed yet, whenever decided */
    int64_t last_wall_ms; /* Unix ms of the latest decision ever journaled; 0 when none */
};

/* The staff PIN lockout as stored (staffpin.h applies the policy). */
struct ly_kiosk_pin_lock {
    int64_t failures;        /* wrong PINs since the last right one */
    int64_t locked_until_ms; /* Unix ms; 0 when not locked */
};

/* Opens (creating when absent, mode 0600) the database at path, runs PRAGMA quick_check
 * (a damaged file is refused: "database is damaged: ..."), migrates it (a newer schema is
 * refused), makes the attendees' search keys when they are missing or were made by an older
 * fold.h (once: after migration 3, or after an upgrade of the folding rules) and, in
 * LY_KIOSKDB_KIOSK mode, draws the kiosk identity if the file has none.
 * Returns false with a message in err. The caller frees *out with ly_kioskdb_close. Calls
 * sodium_init(). */
__attribute__((warn_unused_result)) bool ly_kioskdb_open(const char *path,
                                                         enum ly_kioskdb_mode mode,
                                                         struct ly_kioskdb **out, char *err,
                                                         size_t errsz);
void ly_kioskdb_close(struct ly_kioskdb *db);

/* Returns the kiosk's UUID, owned by db; "" in a snapshot. */
const char *ly_kioskdb_kiosk_id(const struct ly_kioskdb *db);

/* Writes the check-in in (its decision fields) to the journal with a fresh UUIDv4 and the next
 * sequence number, in one transaction. Returns true only once the row is durable (WAL,
 * synchronous=FULL): report the decision after this, never before. Fills *out (may be NULL)
 * with the row as stored. Fails in a snapshot (no identity). */
__attribute__((warn_unused_result)) bool ly_kioskdb_journal(struct ly_kioskdb *db,
                                                            const struct ly_checkin *in,
                                                            struct ly_checkin *out, char *err,
                                                            size_t errsz);

/* Loads the journaled check-in with sequence number seq; *found says whether it exists. */
__attribute__((warn_unused_result)) bool ly_kioskdb_checkin(struct ly_kioskdb *db, int64_t seq,
                                                            struct ly_checkin *out, bool *found,
                                                            char *err, size_t errsz);

/* Counts check-ins not yet committed by the hub. */
__attribute__((warn_unused_result)) bool ly_kioskdb_unsent(struct ly_kioskdb *db, int64_t *n,
                                                           char *err, size_t errsz);

/* Returns in *n the entries minus exits of place recorded at this kiosk (sum of direction). */
__attribute__((warn_unused_result)) bool
ly_kioskdb_occupancy(struct ly_kioskdb *db, const char *place, int64_t *n, char *err, size_t errsz);

/* Lookups for the decision path. Each returns false only on a database error; absence is
 * reported through *found (or a 0 id), not as an error. */
__attribute__((warn_unused_result)) bool ly_kioskdb_event(struct ly_kioskdb *db,
                                                          struct ly_kiosk_event *out, bool *found,
                                                          char *err, size_t errsz);
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
/* Finds a session by hub id (ext_id NULL) or by programme id (ext_id not NULL, id ignored). */
__attribute__((warn_unused_result)) bool ly_kioskdb_session(struct ly_kioskdb *db, int64_t id,
                                                            const char *ext_id,
                                                            struct ly_kiosk_session *out,
                                                            bool *found, char *err, size_t errsz);

/* The hub change sequence the data was taken at (0 before any snapshot). */
__attribute__((warn_unused_result)) bool
ly_kioskdb_sync_cursor(struct ly_kioskdb *db, int64_t *cursor, char *err, size_t errsz);

/* Writing synced data: a snapshot now, the sync client later. Run the puts between begin and
 * commit; each inserts or replaces by id. */
__attribute__((warn_unused_result)) bool ly_kioskdb_begin(struct ly_kioskdb *db, char *err,
                                                          size_t errsz);
__attribute__((warn_unused_result)) bool ly_kioskdb_commit(struct ly_kioskdb *db, char *err,
                                                           size_t errsz);
void ly_kioskdb_rollback(struct ly_kioskdb *db);
__attribute__((warn_unused_result)) bool ly_kioskdb_put_event(struct ly_kioskdb *db,
                                                              const struct ly_kiosk_event *ev,
                                                              char *err, size_t errsz);
/* Public keys only: the API takes no secret key. */
__attribute__((warn_unused_result)) bool
ly_kioskdb_put_key(struct ly_kioskdb *db, const struct ly_badge_key *key, char *err, size_t errsz);
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
__attribute__((warn_unused_result)) bool
ly_kioskdb_set_sync_cursor(struct ly_kioskdb *db, int64_t cursor, char *err, size_t errsz);

/* Checkpoints: a kiosk keeps the copy of the write-ahead log into the database file off the
 * decision path. ly_kioskdb_open turns SQLite's automatic checkpoint off in LY_KIOSKDB_KIOSK
 * mode; the kiosk loop calls ly_kioskdb_checkpoint when it has time (an idle frame, a quiet
 * source). It copies what it can without waiting for anyone (PASSIVE) and sets *wal_frames to
 * the log's length before it (may be NULL). */
__attribute__((warn_unused_result)) bool
ly_kioskdb_checkpoint(struct ly_kioskdb *db, int *wal_frames, char *err, size_t errsz);

/* Gate rules (kioskdb_rules.c). Rules arrive as a whole: clear them, then put each one, inside
 * the same begin/commit as the rest of the synced data. */
__attribute__((warn_unused_result)) bool ly_kioskdb_clear_rules(struct ly_kioskdb *db, char *err,
                                                                size_t errsz);
__attribute__((warn_unused_result)) bool ly_kioskdb_put_hours(struct ly_kioskdb *db,
                                                              const struct ly_kiosk_hours *h,
                                                              char *err, size_t errsz);
__attribute__((warn_unused_result)) bool ly_kioskdb_put_notice(struct ly_kioskdb *db,
                                                               const struct ly_kiosk_notice *n,
                                                               char *err, size_t errsz);

/* The opening hours of day (YYYY-MM-DD): *found when that day has a row; *any when the kiosk
 * holds opening hours at all. */
__attribute__((warn_unused_result)) bool ly_kioskdb_hours(struct ly_kioskdb *db, const char *day,
                                                          struct ly_kiosk_hours *out, bool *found,
                                                          bool *any, char *err, size_t errsz);

/* The notices for a grant at a gate whose place keys are places[0..nplaces) ("" is always
 * matched too) to someone of category: up to max of them, in id order, into out; *n is the
 * count. */
__attribute__((warn_unused_result)) bool ly_kioskdb_notices(struct ly_kioskdb *db,
                                                            const char *const *places,
                                                            size_t nplaces, const char *category,
                                                            struct ly_kiosk_notice *out, size_t max,
                                                            size_t *n, char *err, size_t errsz);

/* Finds a room by its name. */
__attribute__((warn_unused_result)) bool
ly_kioskdb_room_by_name(struct ly_kioskdb *db, const char *name, struct ly_kiosk_room *out,
                        bool *found, char *err, size_t errsz);

/* The first session in room_id (by start) that has not ended at from and starts at or before
 * until (both YYYY-MM-DDTHH:MM): the session on now, or about to start, when from is now and
 * until is now plus the doors-open lead. */
__attribute__((warn_unused_result)) bool
ly_kioskdb_session_in_room(struct ly_kioskdb *db, int64_t room_id, const char *from,
                           const char *until, struct ly_kiosk_session *out, bool *found, char *err,
                           size_t errsz);

/* Whether the room has any session at all (a lounge has none). */
__attribute__((warn_unused_result)) bool ly_kioskdb_room_has_sessions(struct ly_kioskdb *db,
                                                                      int64_t room_id, bool *any,
                                                                      char *err, size_t errsz);

/* The attendee's recorded movements through place. */
__attribute__((warn_unused_result)) bool
ly_kioskdb_presence(struct ly_kioskdb *db, uint32_t attendee_id, const char *place,
                    struct ly_kiosk_presence *out, char *err, size_t errsz);

/* Staff mode (kioskdb_staff.c). */

/* Finds attendees by name: every word of fold(query) (fold.h) must be the start of a word of
 * an attendee's search key, fold(name) + " " + fold(name_latin), so "jose gar" finds "José
 * García" and "ivan" finds "Иван Петров" through name_latin "Ivan Petrov". Fills out with up
 * to max of them (at most LY_SEARCH_RESULTS_MAX), ordered by name (bytewise; ties by search
 * key, then id); *n is the count.
 * A query without words finds nobody. Returns false with err on a database error or a query
 * over LY_SEARCH_QUERY_MAX bytes or LY_SEARCH_WORDS_MAX words. */
__attribute__((warn_unused_result)) bool ly_kioskdb_search(struct ly_kioskdb *db, const char *query,
                                                           struct ly_kiosk_attendee *out,
                                                           size_t max, size_t *n, char *err,
                                                           size_t errsz);

/* This kiosk's counts of the decisions journaled at or after since_wall_ms (Unix ms), the
 * unsent total and the time of the latest decision, into *out. */
__attribute__((warn_unused_result)) bool ly_kioskdb_stats(struct ly_kioskdb *db,
                                                          int64_t since_wall_ms,
                                                          struct ly_kiosk_stats *out, char *err,
                                                          size_t errsz);

/* The stored PIN lockout, and storing it (durably, before returning). */
__attribute__((warn_unused_result)) bool
ly_kioskdb_pin_lock(struct ly_kioskdb *db, struct ly_kiosk_pin_lock *out, char *err, size_t errsz);
__attribute__((warn_unused_result)) bool ly_kioskdb_put_pin_lock(struct ly_kioskdb *db,
                                                                 const struct ly_kiosk_pin_lock *in,
                                                                 char *err, size_t errsz);

/* Up to max unsent check-ins with a sequence number above after_seq, oldest first, into out;
 * *n is the count. The sync client sends them, then marks the ones the hub committed. */
__attribute__((warn_unused_result)) bool
ly_kioskdb_unsent_batch(struct ly_kioskdb *db, int64_t after_seq, struct ly_checkin *out,
                        size_t max, size_t *n, char *err, size_t errsz);

/* Marks the check-ins with these UUIDs sent (the hub committed them), in one transaction.
 * Unknown UUIDs are ignored; *marked counts the rows that changed. */
__attribute__((warn_unused_result)) bool ly_kioskdb_mark_sent(struct ly_kioskdb *db,
                                                              const char *const *uuids, size_t n,
                                                              size_t *marked, char *err,
                                                              size_t errsz);

/* ---- Sync (kioskdb_sync.c). The sync client's own connection writes these; the decision path
 * keeps journaling meanwhile (WAL). */

/* Reads the text setting key of the meta table into out (outsz bytes); *found says whether it
 * is set. A value longer than outsz - 1 is an error, not cut. Keys a kiosk uses: hub_url,
 * hub_token, kiosk_name, gate, hub_ca, event_id, revoked_ms. */
__attribute__((warn_unused_result)) bool ly_kioskdb_meta_text(struct ly_kioskdb *db,
                                                              const char *key, char *out,
                                                              size_t outsz, bool *found, char *err,
                                                              size_t errsz);
/* Sets key to value (at most LY_KIOSKDB_META_MAX bytes); NULL removes the key. */
__attribute__((warn_unused_result)) bool ly_kioskdb_set_meta_text(struct ly_kioskdb *db,
                                                                  const char *key,
                                                                  const char *value, char *err,
                                                                  size_t errsz);

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

/* The highest sequence number of this kiosk's check-ins the hub has committed (0: none). */
__attribute__((warn_unused_result)) bool
ly_kioskdb_sent_through(struct ly_kioskdb *db, int64_t *seq, char *err, size_t errsz);

/* Records the hub's count of people inside place ("venue", "room:ID", "session:ID"), counted
 * from every kiosk's check-ins; counted_through is this kiosk's highest check-in the hub had
 * committed when the count was asked for (ly_kioskdb_sent_through before the request). */
__attribute__((warn_unused_result)) bool
ly_kioskdb_set_hub_occupancy(struct ly_kioskdb *db, const char *place, int64_t inside,
                             int64_t counted_through, char *err, size_t errsz);

/* The occupancy of place the capacity rule compares with the capacity: the hub's count plus
 * this kiosk's movements after counted_through when the hub sent one, else this kiosk's entries
 * minus exits; never below 0. */
__attribute__((warn_unused_result)) bool ly_kioskdb_capacity_count(struct ly_kioskdb *db,
                                                                   const char *place, int64_t *n,
                                                                   char *err, size_t errsz);

/* Replaces the synced data (event, keys, rooms, sessions, attendees, ticket codes, rules) with
 * the kiosk-format database at path (a downloaded snapshot), in one transaction, keeping this
 * kiosk's identity, journal and settings, and sets the sync cursor to the snapshot's (*cursor).
 * The file is checked first (quick_check, schema version, limits on every field); a bad one
 * changes nothing. The file may be migrated in place. Must not run inside begin/commit. */
__attribute__((warn_unused_result)) bool ly_kioskdb_merge_snapshot(struct ly_kioskdb *db,
                                                                   const char *path,
                                                                   int64_t *cursor, char *err,
                                                                   size_t errsz);

/* A revoked kiosk: deletes the personal data (attendees, ticket codes), the public keys (so
 * that no badge is admitted), rooms, sessions, rules, the hub token and the hub's occupancy,
 * and sets the cursor to 0; the journal, the identity and the event stay. Freed pages are
 * overwritten and the write-ahead log truncated, so the names do not linger in the file. */
__attribute__((warn_unused_result)) bool ly_kioskdb_wipe(struct ly_kioskdb *db, char *err,
                                                         size_t errsz);

#endif
