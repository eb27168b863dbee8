/* store.h - the hub's storage interface: everything lanyard-hub and the organizer commands ask of
 * the database, as a table of operations that each backend fills (SQLite: store_sqlite.c over the
 * organizer database; PostgreSQL: store_pg*.c). The HTTP layer and the commands see only this
 * header: no SQL outside the backends.
 *
 * One struct ly_store is one connection: it is used by one thread at a time (the hub keeps a
 * pool). A backend makes changes visible in seq order: once a reader sees seq S committed, no
 * change with a lower seq commits later (a kiosk's cursor moves past it for good). Every operation
 * returns false with a sentence in err on a database failure; outcomes that are not failures (an
 * unknown token, a used code) come back in out-parameters. */
#ifndef LY_STORE_H
#define LY_STORE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "badge/badge.h"
#include "orgdb/hubdb.h"
#include "event/records.h"
#include "store/store_row.h"

#define LY_KIOSK_NAME_MAX 64  /* a kiosk's name as the organizer gives it ("North door 1") */
#define LY_SOFTWARE_MAX   64  /* the software string a kiosk reports at enrollment */
#define LY_ENROLL_TTL_S   600 /* an enrollment code expires 10 minutes after it was made */
#define LY_TOKEN_HASH_LEN 32  /* SHA-256 of a token or code */

struct ly_counts; /* counts.h */

/* A kiosk as the hub knows it. */
struct ly_store_kiosk {
    int64_t id;                 /* the store's row id */
    char uuid[LY_UUID_LEN + 1]; /* the kiosk's own id */
    char name[LY_KIOSK_NAME_MAX + 1];
    char gate[LY_GATE_MAX + 1];
    char software[LY_SOFTWARE_MAX + 1];
    bool revoked;
    int64_t enrolled_ms, last_contact_ms, queue;
};

/* What redeeming an enrollment code did. */
enum ly_store_redeem {
    LY_REDEEM_OK,           /* the kiosk holds the new token */
    LY_REDEEM_BAD_CODE,     /* unknown, used or expired */
    LY_REDEEM_NAME_TAKEN,   /* another active kiosk has the name */
    LY_REDEEM_KIOSK_EXISTS, /* the uuid is an enrolled kiosk's, and the code does not replace it */
};

/* The result for one check-in of a batch. */
enum ly_store_item {
    LY_ITEM_STORED,
    LY_ITEM_DUPLICATE,
    LY_ITEM_REJECTED, /* the caller validated it and found it bad: the store skips it */
    LY_ITEM_REFUSED,  /* well formed, but the hub does not accept it (validate.h): skipped */
};
#define LY_ITEM_RESULTS 4 /* the results above */

/* Why the hub refused a check-in (LY_ITEM_REFUSED; validate.h has the rules). */
enum ly_refusal {
    LY_REFUSE_NONE,
    LY_REFUSE_UNKNOWN_ATTENDEE, /* no such registration, nor this kiosk's walk-in */
    LY_REFUSE_WALKIN_RANGE,     /* a walk-in registered outside this kiosk's id range */
    LY_REFUSE_GATE,             /* a gate this kiosk may not be at, or one the hub cannot resolve */
    LY_REFUSE_PLACE,            /* a place its gate does not lead to */
    LY_REFUSE_COUNT,
};

/* One change for a kiosk (docs/sync-protocol.md, "changes"). The pointers of u are valid only
 * during the callback. */
enum ly_change_kind {
    LY_CHANGE_EVENT,
    LY_CHANGE_KEY,
    LY_CHANGE_ROOM,
    LY_CHANGE_SESSION,
    LY_CHANGE_ATTENDEE,
    LY_CHANGE_ALT_CODE,
    LY_CHANGE_RULES,
    LY_CHANGE_OCCUPANCY,
};

struct ly_change {
    int64_t seq;
    enum ly_change_kind kind;
    bool deleted; /* op "delete": only seq, kind and id are set */
    int64_t id;
    union {
        const struct ly_event *event;
        const struct ly_key_proof *key; /* with a kiosk key's certificate */
        const struct ly_kiosk_room *room;
        const struct ly_kiosk_session *session;
        const struct ly_kiosk_attendee *attendee;
        struct {
            uint32_t attendee_id;
            const char *code;
        } alt_code;
        struct {
            const struct ly_kiosk_hours *hours;
            size_t nhours;
            const struct ly_kiosk_notice *notices;
            size_t nnotices;
        } rules;
        struct {
            const char *place;
            int64_t inside;
            int64_t as_of;   /* hub time of the count's freshest input; 0: none */
            int64_t grace_s; /* the event's grace after a session's end; -1: not said */
        } occupancy;
    } u;
    /* A kiosk's key (kind key, not deleted): the kiosk and its peer address; NULL otherwise. */
    const struct ly_peer_info *peer;
};

/* A change with room for its data, for a reader to fill: from JSON (change_json.h, whose rules
 * point into allocated arrays) or from a row (change_merge.c). */
struct ly_change_data {
    struct ly_change c;
    struct ly_event event;
    struct ly_key_proof key;
    struct ly_peer_info peer;
    struct ly_kiosk_room room;
    struct ly_kiosk_session session;
    struct ly_kiosk_attendee attendee;
    char code[LY_ALT_CODE_MAX + 1];
    char place[LY_GATE_MAX + 1];
    struct ly_kiosk_hours *hours;
    struct ly_kiosk_notice *notices;
};

/* Called for each change in order; returns false to stop before this change (it is not
 * taken). */
/* What loading an organizer database into a store did (`lanyard load`). */
struct ly_store_loaded {
    int64_t registrations, rooms, sessions, keys; /* rows in the source */
    int64_t changed;                              /* rows written (new or different) */
    bool created;                                 /* the event was new to the store */
};

/* A read token as `lanyard read-token --list` shows it (never the token, which the store does not
 * hold). */
struct ly_store_read_token {
    int64_t id; /* what --revoke takes */
    char label[LY_KIOSK_NAME_MAX + 1];
    int64_t created_ms;
    int64_t expires_ms; /* 0: never */
    int64_t revoked_ms; /* 0: not revoked */
};

/* A conflict as `lanyard conflicts` shows it: a second admission into a place that the re-entry
 * policy of either admission forbade, made by doors that could not reach each other. */
struct ly_hubdb_conflict {
    int64_t id;
    uint32_t attendee_id;
    char place[LY_GATE_MAX + 1];
    char policy[LY_POLICY_MAX + 1]; /* the policy that allowed one admission */
    char first_uuid[LY_UUID_LEN + 1], second_uuid[LY_UUID_LEN + 1];
    char first_kiosk[LY_KIOSK_NAME_MAX + 1], second_kiosk[LY_KIOSK_NAME_MAX + 1];
    int64_t first_ms, second_ms, detected_ms; /* the two admissions (hub time), and when found */
};
typedef bool (*ly_hubdb_conflict_fn)(void *ctx, const struct ly_hubdb_conflict *c);

typedef bool (*ly_change_fn)(void *ctx, const struct ly_change *c);
typedef bool (*ly_store_read_token_fn)(void *ctx, const struct ly_store_read_token *t);
typedef bool (*ly_store_kiosk_fn)(void *ctx, const struct ly_store_kiosk *k);
typedef bool (*ly_store_reader_fn)(ly_query_fn query, void *db, void *ctx, char *err, size_t errsz);

struct ly_store;

struct ly_store_ops {
    const char *name;   /* "sqlite", "postgresql" */
    bool single_writer; /* one writer at a time (SQLite): callers queue writes in-process */
    void (*close)(struct ly_store *s);
    /* Whether the last failure of this connection was the storage's, not the request's: the
     * disk full or failing (SQLite), the server gone, out of resources or shutting down
     * (PostgreSQL). Such a failure passes by itself: the hub answers 503 with Retry-After and
     * the kiosk sends the same request again later. */
    bool (*unavailable)(struct ly_store *s);

    /* The event; *found false before `lanyard init`. */
    bool (*event)(struct ly_store *s, struct ly_event *out, bool *found, char *err, size_t errsz);
    /* The event's public signing keys (at most max, *n of them): the root keys a kiosk takes
     * at enrollment, which must vouch for every later key (docs/security.md). */
    bool (*event_keys)(struct ly_store *s, struct ly_badge_key *keys, size_t max, size_t *n,
                       char *err, size_t errsz);
    /* The latest committed change sequence. */
    bool (*change_seq)(struct ly_store *s, int64_t *seq, char *err, size_t errsz);

    /* Enrollment and tokens. Hashes are SHA-256 of the normalized code or the token. */
    /* replaces: the uuid of the enrolled kiosk this code may take the identity of, or NULL. */
    bool (*add_enroll_code)(struct ly_store *s, const uint8_t hash[LY_TOKEN_HASH_LEN],
                            const char *name, const char *gate, const char *replaces,
                            int64_t now_ms, int64_t expires_ms, char *err, size_t errsz);
    /* In one transaction: uses the code up (whatever the outcome) and gives the kiosk uuid (new,
     * or the one the code replaces) the token hash, the code's name and gate; fills *out. */
    bool (*redeem_enroll_code)(struct ly_store *s, const uint8_t code_hash[LY_TOKEN_HASH_LEN],
                               const char *uuid, const char *software,
                               const uint8_t token_hash[LY_TOKEN_HASH_LEN], int64_t now_ms,
                               enum ly_store_redeem *res, struct ly_store_kiosk *out, char *err,
                               size_t errsz);
    bool (*kiosk_by_token)(struct ly_store *s, const uint8_t hash[LY_TOKEN_HASH_LEN],
                           struct ly_store_kiosk *out, bool *found, char *err, size_t errsz);
    /* Records an authenticated request of the kiosk (last contact), at most once a second. */
    bool (*touch_kiosk)(struct ly_store *s, int64_t kiosk_id, int64_t now_ms, char *err,
                        size_t errsz);
    /* Every kiosk, active and revoked, by name. */
    /* Records a kiosk's health report (JSON written by proto/health.h), received at at_ms. */
    bool (*kiosk_health)(struct ly_store *s, int64_t kiosk_id, const char *health, int64_t at_ms,
                         char *err, size_t errsz);
    bool (*foreach_kiosk)(struct ly_store *s, ly_store_kiosk_fn fn, void *ctx, char *err,
                          size_t errsz);
    /* Whether an active kiosk has this name. */
    bool (*kiosk_name_active)(struct ly_store *s, const char *name, bool *active, char *err,
                              size_t errsz);
    /* Revokes every active kiosk named name and withdraws their keys; *n is how many. */
    bool (*revoke_kiosk)(struct ly_store *s, const char *name, int64_t now_ms, int *n, char *err,
                         size_t errsz);
    /* Certifies kiosk kiosk_id's signing public key pk with the event's key for the kiosk's
     * walk-in id range (records.h, LY_WALKIN_FIRST), records it so that kiosks learn it as a
     * key change (and forget it when the kiosk is revoked), in one transaction; fills cert and
     * the range. docs/badge-format.md, "Kiosk keys". */
    bool (*certify_kiosk)(struct ly_store *s, int64_t kiosk_id, const uint8_t pk[LY_BADGE_PK_BYTES],
                          uint8_t cert[LY_BADGE_CERT_BYTES], uint32_t *id_first, uint32_t *id_last,
                          char *err, size_t errsz);
    /* Read tokens (docs/security.md, "Read tokens"): a new one that expires at expires_ms (0:
     * never); *id is what revoke_read_token takes. */
    bool (*add_read_token)(struct ly_store *s, const uint8_t hash[LY_TOKEN_HASH_LEN],
                           const char *label, int64_t now_ms, int64_t expires_ms, int64_t *id,
                           char *err, size_t errsz);
    /* *valid: the token is known, not revoked and not expired at now_ms. */
    bool (*read_token)(struct ly_store *s, const uint8_t hash[LY_TOKEN_HASH_LEN], int64_t now_ms,
                       bool *valid, char *err, size_t errsz);
    /* Revokes read token id at now_ms; *found false when there is no such token not yet
     * revoked. */
    bool (*revoke_read_token)(struct ly_store *s, int64_t id, int64_t now_ms, bool *found,
                              char *err, size_t errsz);
    /* Every read token, revoked and expired ones too, by id. */
    bool (*foreach_read_token)(struct ly_store *s, ly_store_read_token_fn fn, void *ctx, char *err,
                               size_t errsz);

    /* Pull: calls fn for every change with a sequence above since, in order (by seq, then by
     * kind), all read in one transaction, until fn returns false or none is left. */
    bool (*changes)(struct ly_store *s, int64_t since, ly_change_fn fn, void *ctx, char *err,
                    size_t errsz);
    /* Writes a kiosk-format database at path (which must not exist); *cursor is the change
     * sequence it holds. */
    bool (*snapshot)(struct ly_store *s, const char *path, int64_t *cursor, char *err,
                     size_t errsz);

    /* Before a push: refuses the check-ins of items[0..n) from kiosk k that the hub does not
     * accept (validate.h: ly_validate_batch over this backend's registrations, rooms and
     * sessions): results[i] LY_ITEM_STORED on entry may become LY_ITEM_REFUSED with why[i]. */
    bool (*validate)(struct ly_store *s, const struct ly_store_kiosk *k,
                     const struct ly_checkin *items, size_t n, enum ly_store_item *results,
                     enum ly_refusal *why, char *err, size_t errsz);
    /* Push: stores items[0..n) from kiosk k in one transaction, skipping those whose
     * results[i] is not LY_ITEM_STORED on entry, and sets results[i] to stored or duplicate (an
     * item whose uuid the hub holds from another kiosk becomes rejected). Each item's hub time
     * is min(wall_ms + skew_ms, received_ms). Records the kiosk's queue and contact, updates the
     * occupancy of the places the batch moved people through (new change sequences), and
     * commits before it returns true. */
    bool (*ingest)(struct ly_store *s, const struct ly_store_kiosk *k,
                   const struct ly_checkin *items, size_t n, int64_t skew_ms, int64_t received_ms,
                   int64_t queue, enum ly_store_item *results, char *err, size_t errsz);

    /* Records where kiosk kiosk_id listens for its peers ("": nowhere), as its batch said, and
     * when that changed gives its key change a new sequence (docs/sync-protocol.md, "Peer
     * exchange"). NULL in a backend without the peer exchange: its kiosks are listed without an
     * address. */
    bool (*kiosk_peer)(struct ly_store *s, int64_t kiosk_id, const char *addr, char *err,
                       size_t errsz);

    /* Counts (counts.h) at hub time now_ms; the caller frees *out with ly_counts_free. */
    bool (*counts)(struct ly_store *s, int64_t now_ms, struct ly_counts **out, char *err,
                   size_t errsz);
    /* Calls fn for every conflict the ingest recorded (hubdb_hub.h: a second admission that the
     * re-entry policy forbade), oldest first, until fn returns false. */
    bool (*conflicts)(struct ly_store *s, ly_hubdb_conflict_fn fn, void *ctx, char *err,
                      size_t errsz);

    /* An event setting kept in the store (meta): "occupancy_grace_s" (docs/gates.md,
     * "Occupancy") or "attendance_names" (0 or 1, docs/organizer.md, "Who attended a
     * session"). Sets it first when set >= 0; *value is the value now. false with err for a
     * key the store does not hold. */
    bool (*setting)(struct ly_store *s, const char *key, int64_t set, int64_t *value, char *err,
                    size_t errsz);
    /* Runs fn with this store's query function (store_row.h) inside one read transaction, for
     * the readers written once for both backends (counts_build.h, attendance.h). */
    bool (*read)(struct ly_store *s, ly_store_reader_fn fn, void *ctx, char *err, size_t errsz);

    /* Revokes (true) or restores (false) attendee id's badge, with a new change sequence;
     * *found false (nothing changed) when there is no such attendee. */
    bool (*set_revoked)(struct ly_store *s, uint32_t id, bool revoked, bool *found, char *err,
                        size_t errsz);
    /* Copies the organizer database src (its event, keys with the secret signing key, rooms,
     * sessions, registrations with their ticket codes, and gate rules; ids kept, since badges
     * carry them) into this store, in one transaction. Loading again brings the store up to
     * date: rows that did not change take no change sequence, a badge version never goes
     * down, and a badge revoked in the store stays revoked (restore it in the store). A store
     * holding another event is refused. The SQLite backend is the organizer database itself
     * and refuses. */
    bool (*load)(struct ly_store *s, struct ly_hubdb *src, struct ly_store_loaded *n, char *err,
                 size_t errsz);
};

/* Every backend's connection begins with this. */
struct ly_store {
    const struct ly_store_ops *ops;
};

/* Opens a connection to the database named by url: "sqlite:PATH" (or a bare path) opens the
 * organizer database with the SQLite backend; "postgresql://..." the PostgreSQL backend.
 * Returns false with err (a backend that is not built says so). Close with ly_store_close. */
__attribute__((warn_unused_result)) bool ly_store_open(const char *url, struct ly_store **out,
                                                       char *err, size_t errsz);
void ly_store_close(struct ly_store *s);

/* The SQLite backend over an open organizer database (store_sqlite.c). The store owns db from
 * then on (ly_store_close closes it). */
struct ly_store *ly_store_sqlite_wrap(struct ly_hubdb *db);

/* The PostgreSQL backend (store_pg.c): connects with the libpq connection URL and brings the
 * schema up to date (once, under an advisory lock, whichever process comes first). */
__attribute__((warn_unused_result)) bool ly_store_pg_open(const char *url, struct ly_store **out,
                                                          char *err, size_t errsz);

#endif
