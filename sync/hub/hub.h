/* hub.h - lanyard-hub's shared state and the seam between its HTTP layer (hub_http.c:
 * libmicrohttpd, connections, bodies, limits, logs, streams) and its API (hub_api.c: what each
 * endpoint of docs/sync-protocol.md does, through the storage interface store.h). The HTTP layer
 * hands the API a struct ly_hub_call with the request's inputs; the API fills in the reply.
 *
 * Threads: libmicrohttpd runs one thread per connection (capped by max-connections), so a long
 * poll or a live stream blocks only its own connection's thread and never the others. Database
 * connections come from a fixed pool; a request holds one only while it reads or writes, not
 * while it waits. Writers of a single-writer backend (SQLite) take write_mu, so that they queue
 * in the hub instead of spinning in the database's busy handler. */
#ifndef LY_HUB_H
#define LY_HUB_H

#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "hub/hub_config.h"
#include "hub/hub_enroll_limit.h"
#include "hub/hub_conns.h"
#include "hub/hub_notify.h"
#include "hub/hub_req.h"
#include "proto/pin.h"
#include "store/store.h"

#define LY_HUB_VERSION           "0.1.0"
#define LY_HUB_POOL_WAIT_MS      10000 /* a request waits this long for a database connection */
#define LY_HUB_SHUTDOWN_MS       10000 /* in-flight requests get this long to finish on SIGTERM */
#define LY_HUB_SSE_MIN_MS        250   /* at most 4 counts events a second per stream */
#define LY_HUB_SSE_KEEPALIVE_MS  15000 /* a comment line after this long without an event */
#define LY_HUB_SSE_PEER_MS       1000  /* a stream looks for its peer's close this often */
#define LY_HUB_SSE_RECHECK_MS    5000  /* and checks its token again this often */
#define LY_HUB_COUNTS_MAX_AGE_MS 2000  /* cached counts are reused this long if nothing changed */
#define LY_HUB_TOUCH_MS          5000  /* a kiosk's last contact is written at most this often */
#define LY_HUB_RETRY_AFTER_S     2     /* every 503 says Retry-After: this many seconds */

#define LY_HUB_ROUTES   (LY_ROUTE_BOARD + 1)
#define LY_HUB_STATUSES 13 /* 200 304 400 401 403 404 405 409 413 415 500 503 other */
#define LY_HUB_BUCKETS  6  /* request duration: 5 ms 25 ms 100 ms 500 ms 2.5 s +Inf */

struct ly_hub_metrics {
    _Atomic uint64_t requests[LY_HUB_ROUTES][LY_HUB_STATUSES];
    _Atomic uint64_t duration[LY_HUB_ROUTES][LY_HUB_BUCKETS];
    _Atomic uint64_t duration_us[LY_HUB_ROUTES];
    _Atomic uint64_t checkins[LY_ITEM_RESULTS]; /* stored, duplicate, rejected, refused */
    _Atomic uint64_t refused[LY_REFUSE_COUNT];  /* refused check-ins by reason (validate.h) */
    _Atomic int64_t long_polls, streams, in_flight;
    _Atomic uint64_t conn_events[LY_CONN_EVENTS]; /* refusals, evictions, deadlines (hub_conns.h) */
    _Atomic uint64_t framing_refused;             /* requests refused for their framing: 400 */
    _Atomic uint64_t streams_ended[2]; /* the peer closed; the token is no longer valid */
};

struct ly_hub {
    struct ly_hub_config cfg;
    char pins[LY_PINS_TEXT_MAX + 1]; /* X-Lanyard-Pins: tls-cert's, then tls-next-cert's */
    struct ly_enroll_limit enroll_limit;
    struct ly_event event;
    bool single_writer;

    pthread_mutex_t pool_mu;
    pthread_cond_t pool_cv;
    struct ly_store **pool; /* all connections */
    struct ly_store **idle; /* the free ones */
    size_t npool, nidle;
    pthread_mutex_t write_mu;

    struct ly_notify notify;

    pthread_mutex_t counts_mu;
    uint64_t counts_gen;
    int64_t counts_at_ms;
    char *counts_json;
    size_t counts_len;
    char *board_json; /* the public room board, made with the counts (counts/board.h) */
    size_t board_len;

    pthread_mutex_t snap_mu;
    int snap_fd; /* an unlinked snapshot file, or -1 */
    int64_t snap_cursor, snap_size;
    char tmpdir[256];

    struct ly_hub_metrics m;
};

struct ly_hub_call;

/* Who may call a route. */
enum ly_hub_auth {
    LY_AUTH_NONE,   /* anyone: health, metrics, the dashboard's files */
    LY_AUTH_ENROLL, /* a single-use enrollment code in the body, no token */
    LY_AUTH_KIOSK,  /* a kiosk token */
    LY_AUTH_READ,   /* a read token (dashboards, `lanyard counts --hub`) or a kiosk token */
};

/* One row of the hub's routes (hub_api.c), the one table the HTTP layer routes by and the API
 * dispatches from. */
struct ly_hub_route {
    const char *method; /* "GET" (HEAD too) or "POST" */
    const char *path;   /* exact, or "/dir/...": /dir and anything under it (the call's rest) */
    enum ly_route id;   /* for logs and metrics */
    const char *name;   /* the id's name in logs and metrics */
    enum ly_hub_auth auth;
    bool json_body; /* reads an application/json body of at most LY_HTTP_BODY_MAX bytes */
    /* Fills the reply. Holds *stp (a database connection, or NULL for LY_AUTH_NONE) on entry;
     * may give it back and take another (or none: NULL); k is the authenticated kiosk. */
    void (*handle)(struct ly_hub *hub, struct ly_hub_call *c, struct ly_store **stp,
                   const struct ly_store_kiosk *k);
};

/* Routes a decoded request path (no query): LY_ROUTE_BAD_PATH for a hostile spelling (400),
 * LY_ROUTE_NOT_FOUND (404), else the route's id with *row set, and *method_ok false when the
 * path wants another method (405, Allow: (*row)->method). *rest is what a "/dir/..." path left. */
enum ly_route ly_hub_route(const char *method, const char *path, bool *method_ok,
                           const struct ly_hub_route **row, const char **rest);

/* The short stable name of a route id, for logs and metrics. */
const char *ly_route_name(enum ly_route r);

/* One request as the API sees it. */
struct ly_hub_call {
    enum ly_route route;
    const struct ly_hub_route *row; /* NULL when not routed */
    const char *method, *path, *rest;
    const char *remote;        /* the client's address as text ("?" when unknown) */
    const char *authorization; /* header value or NULL */
    const char *query_token;   /* ?token= or NULL: refused (tokens never go in URLs) */
    const char *if_none_match; /* header value or NULL */
    const char *since, *limit, *wait;
    const char *body;
    size_t body_len;

    /* reply */
    int status;
    const char *type; /* Content-Type */
    char *out;        /* malloc'd body (or NULL) */
    size_t out_len;
    int fd; /* a file to send instead (owned by the reply), or -1 */
    int64_t fd_size;
    int64_t cursor;            /* X-Lanyard-Cursor when >= 0 */
    bool stream;               /* answer with the live counts stream */
    bool web;                  /* a dashboard file: with its Content-Security-Policy */
    const char *cache_control; /* NULL: "no-store" */
    const char *etag;          /* or NULL */
    const char *error;
    char message[256];
    char kiosk[LY_KIOSK_NAME_MAX + 1]; /* the authenticated kiosk, for the log */

    /* Called by the API once the token is checked (kiosk: a kiosk token, else a read token):
     * false when the connections of that kind are all taken, and the call is answered 503. */
    bool (*admit)(struct ly_hub_call *c, bool kiosk);
    void *conn; /* the HTTP layer's connection, for admit */
};

/* Fills c's reply (hub_api.c). */
void ly_hub_api(struct ly_hub *hub, struct ly_hub_call *c);

/* Checks c's token again, as the request that opened a live stream did (a kiosk revoked or a read
 * token withdrawn since). Returns 1 when it still holds, 0 when it no longer does, -1 when it
 * could not be checked now (no database connection): ask again later. */
int ly_hub_recheck(struct ly_hub *hub, const struct ly_hub_call *c);

/* Sets an error reply: status, error code and a message (hub_reply.c). */
void ly_hub_error(struct ly_hub_call *c, int status, const char *error, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

/* The error reply for a request body that could not be read (st is not LY_REQ_OK): 400
 * bad_request, 413 too_large, or 503 unavailable when the hub ran out of memory reading it (the
 * kiosk tries again); err is the sentence. */
void ly_hub_req_error(struct ly_hub_call *c, enum ly_req_status st, const char *err);

/* For the endpoint files (hub_api.c, hub_enroll.c), in hub_reply.c: the wall clock in Unix ms,
 * moved by the test clock shift. */
int64_t ly_hub_wall_ms(void);
/* Tests only (LY_TEST_CLOCK_SHIFT_MS, docs/hub.md): the hub's clock runs ms ahead (behind when
 * negative) of the system's, so that a test sees a session end without waiting. Call before
 * any thread starts. */
void ly_hub_set_clock_shift(int64_t ms);
/* A database failure: logged with its detail, answered 500 without it. */
void ly_hub_internal(struct ly_hub_call *c, const char *err);
/* No connection came free, or the hub is stopping: answered 503. */
void ly_hub_busy(struct ly_hub_call *c);
/* Starts a JSON reply of this status; returns the stream to write it through (close it with
 * fclose), or NULL when out of memory. */
FILE *ly_hub_reply_json(struct ly_hub_call *c, int status);
/* Takes the write lock of a single-writer backend. The lock order is write lock, then database
 * connection: *stp is given back while it waits and taken again after, so that a writer
 * waiting for the lock never holds a connection the lock's holder may need. Returns false with
 * the reply set (and nothing held) when no connection came free; else release it with
 * ly_hub_write_end. */
__attribute__((warn_unused_result)) bool
ly_hub_write_begin(struct ly_hub *hub, struct ly_store **stp, struct ly_hub_call *c);
void ly_hub_write_end(struct ly_hub *hub);

/* POST /api/v1/enroll (hub_enroll.c), a row of the route table: fills c's reply. kiosk is
 * unused (nobody is authenticated before enrolling). */
void ly_hub_enroll(struct ly_hub *hub, struct ly_hub_call *c, struct ly_store **stp,
                   const struct ly_store_kiosk *kiosk);

/* The counts JSON (a malloc'd copy in *json, *len bytes) at the current generation, from the
 * cache or computed; *gen is the generation it reflects. Returns false with err. */
bool ly_hub_counts_json(struct ly_hub *hub, char **json, size_t *len, uint64_t *gen, char *err,
                        size_t errsz);

/* Takes a database connection from the pool, waiting up to LY_HUB_POOL_WAIT_MS; NULL when
 * none came free. Give it back with ly_hub_release. */
struct ly_store *ly_hub_acquire(struct ly_hub *hub);
/* Writes the kiosk snapshot for the current change sequence into the hub's cache, so that the
 * first fresh kiosk after a start does not wait for it. Returns false with a message in err. */
bool ly_hub_snapshot_warm(struct ly_hub *hub, char *err, size_t errsz);
void ly_hub_release(struct ly_hub *hub, struct ly_store *st);

/* Writes the Prometheus text of /metrics. */
/* route_name names a route id (the route table's ly_route_name, passed in so that the metrics
 * do not depend on the API that serves them). */
void ly_hub_metrics_text(struct ly_hub *hub, FILE *f, const char *(*route_name)(enum ly_route));
struct ly_counts;
/* The kiosks' health gauges of /metrics, from the counts' kiosk list (hub_kiosk_metrics.c). */
void ly_hub_metrics_kiosks(FILE *f, const struct ly_counts *c, int64_t now_ms);

/* Counts a finished request in the metrics. */
void ly_hub_metrics_request(struct ly_hub *hub, enum ly_route route, int status, int64_t us);

/* The HTTP server (hub_http.c): starts libmicrohttpd on the configured address; *port is the
 * port bound (useful with port 0). */
__attribute__((warn_unused_result)) bool ly_hub_http_start(struct ly_hub *hub, int *port, char *err,
                                                           size_t errsz);
/* Stops accepting, lets in-flight requests finish (up to LY_HUB_SHUTDOWN_MS; long polls and
 * streams are ended at once), then stops the server. */
void ly_hub_http_stop(struct ly_hub *hub);

#endif
