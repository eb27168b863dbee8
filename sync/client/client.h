/* client.h - the kiosk's sync client (docs/sync-protocol.md): keeps the kiosk database current
 * from the hub (a snapshot when it has nothing, then changes by long poll) and uploads the
 * journal's unsent check-ins in batches, marking them sent only once the hub committed them.
 * While the hub does not answer it retries with exponential backoff and full jitter; scanning
 * never waits for it: it has its own database connection and only reads unsent rows, marks them
 * sent, and applies pulled data in short transactions (WAL lets the decision path write
 * meanwhile). It speaks only over the channel enrollment pinned (docs/security.md), takes a new
 * key only when the event's root keys vouch for it, and follows the pins the hub announces. A
 * hub that says the kiosk was revoked makes it wipe its attendee data, when the answer came
 * over a pinned or loopback channel; over --insecure-http it is only reported (and retried).
 *
 * Lifecycle: ly_sync_init, ly_sync_start (a thread), ly_sync_stop, ly_sync_join,
 * ly_sync_destroy. ly_sync_status and ly_sync_kick are safe from any thread. Without a thread,
 * ly_sync_once runs one pull-and-push round and ly_sync_flush one bounded upload. */
#ifndef LY_SYNC_CLIENT_H
#define LY_SYNC_CLIENT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "client/http.h"

#define LY_SYNC_REJECTED_RETRY_MS 60000 /* check-ins the hub rejected are offered again after */

struct ly_sync;

struct ly_sync_config {
    const char *db;      /* the kiosk database (required) */
    const char *hub_url; /* NULL or "": the one stored at enrollment */
    const char *hub_ca;  /* NULL or "": the one stored at enrollment, else the system's CAs */
    bool insecure_http;  /* --insecure-http: plain http over the network, or https without a
                          * pin, allowed (and said in the log at every start) */
    int wait_s;          /* long-poll wait, 1 to LY_SYNC_WAIT_MAX; 0: LY_SYNC_WAIT_MAX */
    int64_t backoff_base_ms, backoff_cap_ms; /* 0: LY_BACKOFF_BASE_MS, LY_BACKOFF_CAP_MS */
    bool log;                                /* one line on standard error per state change */
};

enum ly_sync_state {
    LY_SYNC_CONNECTING, /* no answer yet */
    LY_SYNC_ONLINE,     /* the hub answered the last request */
    LY_SYNC_OFFLINE,    /* it did not (or failed); retrying with backoff */
    LY_SYNC_REFUSED,    /* it answered with an error (a bad token, a bad request); retrying */
    LY_SYNC_REVOKED,    /* the kiosk was revoked: data wiped, the client stopped */
    LY_SYNC_STORAGE,    /* this kiosk's own database failed (a full or failing disk); retrying */
};

/* What the screen shows and the kiosk loop reads. */
struct ly_sync_status {
    enum ly_sync_state state;
    int64_t last_contact_ms; /* Unix ms of the hub's last answer; 0: none yet */
    int64_t unsent;          /* journal entries the hub has not committed */
    int64_t uploaded;        /* entries the hub committed since start */
    int64_t cursor;          /* the hub change sequence the data is at */
    int64_t data_version;    /* grows whenever pulled data changed: reload the gate */
    int64_t retry_in_ms;     /* when offline: the wait before the next attempt */
    char last_error[256];    /* the latest failure, "" when none since the last success */
};

/* Reads the kiosk's hub settings from the database (URL, token, CA: cfg overrides), opens the
 * client's own connection to it and prepares the transfers. Fails (with err) when the kiosk
 * is not enrolled (no token), was revoked, or a setting is bad. Free with ly_sync_destroy. */
__attribute__((warn_unused_result)) bool
ly_sync_init(const struct ly_sync_config *cfg, struct ly_sync **out, char *err, size_t errsz);

/* Starts the thread. */
__attribute__((warn_unused_result)) bool ly_sync_start(struct ly_sync *s, char *err, size_t errsz);

/* Tells the client that the journal has a new entry (any thread; cheap; never blocks). */
void ly_sync_kick(struct ly_sync *s);

/* Copies the current status (any thread). */
void ly_sync_status(struct ly_sync *s, struct ly_sync_status *out);

/* A descriptor that becomes readable when the status or the data changed (for a poll loop);
 * read it empty, then call ly_sync_status. Owned by s. */
int ly_sync_fd(const struct ly_sync *s);

/* Asks the thread to stop (any thread; returns at once; a request in flight is abandoned). */
void ly_sync_stop(struct ly_sync *s);

/* Waits for the thread to end (after ly_sync_stop, or after it stopped itself: revoked). */
void ly_sync_join(struct ly_sync *s);

/* Frees everything; the thread must have been joined (or never started). NULL is ignored. */
void ly_sync_destroy(struct ly_sync *s);

/* One round without a thread (--sync-once): pulls every change there is (a snapshot first when
 * the kiosk has none), then uploads every unsent entry, within timeout_ms. Returns true only
 * when the kiosk is current and nothing is left unsent; otherwise false with the reason in err
 * (the hub unreachable, entries rejected, revoked, out of time). *out (may be NULL) gets the
 * final status. */
__attribute__((warn_unused_result)) bool ly_sync_once(struct ly_sync *s, int64_t timeout_ms,
                                                      struct ly_sync_status *out, char *err,
                                                      size_t errsz);

/* One bounded attempt to upload what is unsent, without pulling (a clean exit): true when
 * nothing is left unsent within timeout_ms. The thread must not be running. */
__attribute__((warn_unused_result)) bool ly_sync_flush(struct ly_sync *s, int64_t timeout_ms,
                                                       struct ly_sync_status *out, char *err,
                                                       size_t errsz);

/* The stable name of a state: "connecting", "online", "offline", "refused", "revoked",
 * "storage". */
const char *ly_sync_state_name(enum ly_sync_state st);

#endif
