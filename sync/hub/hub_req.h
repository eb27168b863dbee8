/* hub_req.h - the hub's parsers of untrusted requests (docs/sync-protocol.md): the enrollment
 * body, the check-in batch, the query of a changes request and the spelling of a request path. Each
 * checks every field against its limit and returns a status the HTTP layer turns into an answer;
 * none touches the database. */
#ifndef LY_HUB_REQ_H
#define LY_HUB_REQ_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "event/records.h"
#include "proto/health.h"
#include "store/store.h"

#define LY_REQ_ITEM_ERROR_MAX 96 /* bytes of a rejected item's error sentence */

/* How a request was judged. */
enum ly_req_status {
    LY_REQ_OK,
    LY_REQ_BAD,       /* 400 bad_request */
    LY_REQ_TOO_LARGE, /* 413 too_large */
    LY_REQ_NOMEM,     /* 503 unavailable: the hub ran out of memory reading it; try again */
};

struct ly_req_enroll {
    char code[65];
    char kiosk_id[LY_UUID_LEN + 1];
    char software[LY_SOFTWARE_MAX + 1];
    bool has_pk; /* the kiosk sent its signing key to certify */
    uint8_t sign_pk[LY_BADGE_PK_BYTES];
};

/* Parses an enrollment body (n bytes). Otherwise than LY_REQ_OK, err says why. */
enum ly_req_status ly_req_enroll(const char *body, size_t n, struct ly_req_enroll *out, char *err,
                                 size_t errsz);

/* A parsed batch of check-ins. results[i] is LY_ITEM_REJECTED with errors[i] set for an item
 * that is invalid, LY_ITEM_STORED (meaning "to store") otherwise. */
struct ly_req_batch {
    char kiosk_id[LY_UUID_LEN + 1];
    int64_t queue;
    bool has_sent_ms;
    int64_t sent_ms;
    size_t n;
    struct ly_checkin *items;
    enum ly_store_item *results;
    char (*errors)[LY_REQ_ITEM_ERROR_MAX];
    /* The kiosk's health report, when the batch has one. One that is not valid is left out
     * (has_health false, health_error says why): the check-ins are not refused for it. */
    bool has_health;
    struct ly_kiosk_health health;
    char health_error[160];
};

/* Parses a check-in batch (n bytes) into *out; on LY_REQ_OK free it with ly_req_batch_free. On
 * LY_REQ_BAD or LY_REQ_TOO_LARGE (more than LY_SYNC_BATCH_MAX check-ins), err says why and
 * nothing is left to free. */
enum ly_req_status ly_req_batch(const char *body, size_t n, struct ly_req_batch *out, char *err,
                                size_t errsz);
void ly_req_batch_free(struct ly_req_batch *b);

/* The query of GET /api/v1/changes: each argument is the raw value or NULL when absent. */
struct ly_req_changes {
    int64_t since, limit, wait_s;
};
enum ly_req_status ly_req_changes(const char *since, const char *limit, const char *wait,
                                  struct ly_req_changes *out, char *err, size_t errsz);

/* Whether a journal entry's decision hands out a badge: "picked_up", "reprinted" (with the new
 * version and its key) or "registered" (a walk-in, with its registration). */
bool ly_req_prints(const char *decision);

/* Whether s is a UUID in text form (8-4-4-4-12 hexadecimal digits); lower-cases it in place. */
bool ly_req_uuid(char *s);

/* Whether a decoded request path (no query) is spelled plainly enough to route: printable
 * ASCII, no "." or ".." segment, no "//", no backslash or '%'. Anything else is answered 400. */
bool ly_req_path_clean(const char *path);

/* The endpoints, for logs and metrics; the routes themselves are one table (hub.h). */
enum ly_route {
    LY_ROUTE_NOT_FOUND,
    LY_ROUTE_BAD_PATH, /* "..", "//", a control byte or other hostile spelling: 400 */
    LY_ROUTE_HEALTH,
    LY_ROUTE_ENROLL,
    LY_ROUTE_SNAPSHOT,
    LY_ROUTE_CHANGES,
    LY_ROUTE_CHECKINS,
    LY_ROUTE_COUNTS,
    LY_ROUTE_COUNTS_STREAM,
    LY_ROUTE_METRICS,
    LY_ROUTE_DASHBOARD, /* the call's rest is the file under /dashboard/ ("" for the page) */
    LY_ROUTE_BOARD_API, /* the public room board's JSON: no token */
    LY_ROUTE_BOARD,     /* the public room board's page */
};

#endif
