/* client.c - the kiosk's sync client. See client.h and docs/sync-protocol.md.
 *
 * One loop (run) drives two transfers at once in a curl multi handle: the pull (the snapshot,
 * then pages of changes, long-polled while the hub answers) and the push (batches of unsent
 * check-ins). A long poll therefore never delays an upload. Both wait for next_try, which a
 * failure moves out by the backoff; a success resets it. The thread, --sync-once and the flush
 * at exit are the same loop with different modes. */
#include "client/client.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "client/backoff.h"
#include "client/changes.h"
#include "client/kiosk_health.h"
#include "common/fail.h"
#include "gate/gate_time.h"
#include "event/records.h"
#include "kioskdb/kioskdb.h"
#include "kioskdb/kioskdb_journal.h"
#include "kioskdb/kioskdb_secret.h"
#include "kioskdb/kioskdb_sync.h"
#include "common/ly_limits.h"
#include "proto/pin.h"
#include "proto/wire.h"

#define REFRESH_MS 1000 /* the unsent count is read again at least this often */

enum xfer_kind { X_IDLE, X_SNAPSHOT, X_CHANGES, X_PUSH };

/* One of the two transfers. */
struct xfer {
    struct ly_http *http;
    enum xfer_kind kind;
    int64_t since;            /* X_CHANGES: the cursor asked with */
    int64_t through;          /* X_CHANGES: ly_kioskdb_sent_through when asked (occupancy) */
    struct ly_checkin *batch; /* X_PUSH: room for LY_SYNC_BATCH_MAX */
    size_t n;
    bool health; /* X_PUSH: the batch carries a health report */
};

/* How a run behaves: the thread's endless loop, --sync-once, the flush at exit. */
struct mode {
    bool pull, push;
    bool long_poll;   /* wait at the hub for changes (the thread) */
    bool until_done;  /* return once current and nothing is left to push */
    bool health;      /* report the kiosk's health every LY_HEALTH_EVERY_MS (the thread) */
    bool give_up;     /* return at the first failure instead of backing off */
    int64_t deadline; /* monotonic ms; 0: none */
};

struct ly_sync {
    char url[LY_HTTP_URL_MAX + 1], token[LY_HTTP_TOKEN_MAX + 1], ca[LY_KIOSKDB_META_MAX + 1];
    char pins[LY_PINS_TEXT_MAX + 1]; /* the hub's keys this kiosk accepts; "" on loopback */
    bool weak;                       /* --insecure-http let a channel through that is not */
    struct ly_kioskdb_roots roots;   /* what every new key must be vouched for by */
    char snapshot_path[LY_SOURCE_PATH_MAX + 16];
    char db_path[LY_SOURCE_PATH_MAX + 1];
    struct ly_http_target target;
    char kiosk_id[LY_UUID_LEN + 1];
    int wait_s;
    bool log;
    struct ly_kioskdb *db; /* the client's own connection */
    CURLM *multi;
    struct xfer pull, push;
    struct ly_backoff backoff;
    int64_t next_try;       /* monotonic ms: no request before */
    int64_t next_refresh;   /* monotonic ms: read the unsent count again */
    bool answered;          /* the hub answered the last pull: long-poll now */
    bool more;              /* the last page said more */
    bool need_snapshot;     /* cursor 0, or the hub asked for a fresh start */
    bool caught_up;         /* a page with more = false in this run */
    bool push_idle;         /* nothing left to offer in this run */
    int64_t push_after;     /* entries up to this seq were offered in this pass */
    int64_t rejected_retry; /* monotonic ms: offer rejected entries again */
    int64_t next_health;    /* monotonic ms: the next batch carries a health report */
    int64_t rejected;       /* entries the hub rejected in this run */
    char rejection[LY_WIRE_MESSAGE_MAX + 1];
    bool failed;            /* a request failed in this run */
    int64_t retry_after_ms; /* the hub's Retry-After on the failure being handled; 0: none */

    struct ly_sync_status cur; /* the thread's copy; published into st */
    pthread_mutex_t lock;      /* guards st */
    struct ly_sync_status st;
    int pipe[2]; /* [0] readable after a change of status or data */
    pthread_t thread;
    bool started;
    atomic_bool stop;
    atomic_bool kicked;
};

static int64_t mono_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* The kiosk's wall clock (moved by --at, gate_time.h), the one its journal and screen use. */
static int64_t wall_ms(void)
{
    return ly_gate_now().wall_ms;
}

const char *ly_sync_state_name(enum ly_sync_state st)
{
    static const char *const names[] = {"connecting", "online",  "offline",
                                        "refused",    "revoked", "storage"};
    return (unsigned)st < sizeof names / sizeof names[0] ? names[st] : "?";
}

static void say(struct ly_sync *s, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void say(struct ly_sync *s, const char *fmt, ...)
{
    va_list ap;
    if (!s->log)
        return;
    char line[512];
    va_start(ap, fmt);
    vsnprintf(line, sizeof line, fmt, ap);
    va_end(ap);
    fprintf(stderr, "lanyard-kiosk: sync: %s\n", line);
}

/* Copies the thread's status out; wakes a reader when something it shows changed. */
static void publish(struct ly_sync *s)
{
    pthread_mutex_lock(&s->lock);
    const struct ly_sync_status *o = &s->st, *n = &s->cur;
    bool changed = o->state != n->state || o->unsent != n->unsent || o->uploaded != n->uploaded ||
                   o->cursor != n->cursor || o->data_version != n->data_version ||
                   strcmp(o->last_error, n->last_error);
    s->st = s->cur;
    pthread_mutex_unlock(&s->lock);
    if (changed) {
        char b = 1;
        if (write(s->pipe[1], &b, 1) < 0 && errno != EAGAIN)
            say(s, "cannot wake the screen: %s", strerror(errno));
    }
}

static void contact_ok(struct ly_sync *s)
{
    if (s->cur.state != LY_SYNC_ONLINE)
        say(s, "online: %s", s->url);
    s->cur.state = LY_SYNC_ONLINE;
    s->cur.last_contact_ms = wall_ms();
    s->cur.last_error[0] = '\0';
    s->cur.retry_in_ms = 0;
    ly_backoff_reset(&s->backoff);
}

/* The state of a round that failed in this kiosk's database: storage when the disk failed,
 * otherwise st (what the database was given was at fault: the hub's answer). */
static enum ly_sync_state local_fault(const struct ly_sync *s, enum ly_sync_state st)
{
    return ly_kioskdb_storage_fault(s->db) ? LY_SYNC_STORAGE : st;
}

/* A round failed in state st: the hub did not answer (offline), answered with an error
 * (refused), or this kiosk's database failed (storage; answered: after the hub's answer). */
static void contact_failed(struct ly_sync *s, enum ly_sync_state st, bool answered, const char *msg)
{
    int64_t delay = ly_backoff_fail(&s->backoff);
    /* A hub that said when to come back is not asked sooner (up to the backoff's cap). */
    if (s->retry_after_ms > delay)
        delay = s->retry_after_ms < s->backoff.cap_ms ? s->retry_after_ms : s->backoff.cap_ms;
    s->retry_after_ms = 0;
    if (answered)
        s->cur.last_contact_ms = wall_ms();
    if (st != s->cur.state || strcmp(msg, s->cur.last_error) != 0)
        say(s, "%s: %s (next attempt in %.1f s)", ly_sync_state_name(st), msg,
            (double)delay / 1000.0);
    s->cur.state = st;
    snprintf(s->cur.last_error, sizeof s->cur.last_error, "%s", msg);
    s->cur.retry_in_ms = delay;
    s->next_try = mono_ms() + delay;
    s->answered = false;
    s->failed = true;
}

/* The hub revoked this kiosk: wipe the attendee data, keep the journal, stop. */
static void wipe_revoked(struct ly_sync *s)
{
    char err[256], now[32];
    if (!ly_kioskdb_wipe(s->db, err, sizeof err))
        say(s, "could not wipe the attendee data: %s", err);
    snprintf(now, sizeof now, "%lld", (long long)wall_ms());
    if (!ly_kioskdb_set_meta_text(s->db, "revoked_ms", now, err, sizeof err))
        say(s, "%s", err);
    say(s, "this kiosk was revoked at the hub: its attendee data is wiped and it stops "
           "syncing; enroll it again to use it");
    s->cur.state = LY_SYNC_REVOKED;
    s->cur.cursor = 0;
    s->cur.data_version++;
    snprintf(s->cur.last_error, sizeof s->cur.last_error,
             "this kiosk was revoked at the hub: its attendee data is wiped");
}

/* Reads the unsent count (and the cursor) from the database. */
static void refresh(struct ly_sync *s)
{
    char err[256];
    int64_t n;
    if (ly_kioskdb_unsent(s->db, &n, err, sizeof err))
        s->cur.unsent = n;
    else
        say(s, "%s", err);
    s->next_refresh = mono_ms() + REFRESH_MS;
}

/* The timeout of a request: its own, but never past the run's deadline. */
static long budget(const struct mode *m, int64_t now, long own)
{
    if (m->deadline == 0)
        return own;
    int64_t left = m->deadline - now;
    return left < 1 ? 1 : left < own ? (long)left : own;
}

static void add(struct ly_sync *s, struct xfer *x, enum xfer_kind kind)
{
    if (curl_multi_add_handle(s->multi, ly_http_easy(x->http)) != CURLM_OK) {
        contact_failed(s, LY_SYNC_OFFLINE, false, "libcurl refused a transfer");
        return;
    }
    x->kind = kind;
}

static void start_pull(struct ly_sync *s, const struct mode *m, int64_t now)
{
    char err[256], path[160];
    struct xfer *x = &s->pull;
    bool ok;
    if (s->need_snapshot) {
        ok = ly_http_setup(x->http, &s->target, "GET", "/api/v1/snapshot", NULL, 0,
                           budget(m, now, LY_HTTP_DOWNLOAD_MS), 0, s->snapshot_path, err,
                           sizeof err);
        if (ok)
            add(s, x, X_SNAPSHOT);
    } else {
        int wait = m->long_poll && s->answered && !s->more ? s->wait_s : 0;
        if (!ly_kioskdb_sync_cursor(s->db, &x->since, err, sizeof err) ||
            !ly_kioskdb_sent_through(s->db, &x->through, err, sizeof err)) {
            contact_failed(s, local_fault(s, LY_SYNC_OFFLINE), false, err);
            return;
        }
        snprintf(path, sizeof path, "/api/v1/changes?since=%lld&limit=%d&wait=%d",
                 (long long)x->since, LY_SYNC_PAGE_MAX, wait);
        ok = ly_http_setup(x->http, &s->target, "GET", path, NULL, 0,
                           budget(m, now, wait * 1000L + LY_HTTP_TIMEOUT_MS),
                           wait + LY_HTTP_STALL_S, NULL, err, sizeof err);
        if (ok)
            add(s, x, X_CHANGES);
    }
    if (!ok)
        contact_failed(s, LY_SYNC_OFFLINE, false, err);
}

static void start_push(struct ly_sync *s, const struct mode *m, int64_t now)
{
    char err[256], *body = NULL;
    size_t len = 0;
    struct xfer *x = &s->push;
    struct ly_kiosk_health health;
    /* A health report goes with the next batch, or alone in an empty one when nothing waits. */
    x->health = m->health && now >= s->next_health;
    x->n = 0;
    if (s->cur.unsent == 0 && !x->health) {
        s->push_idle = true;
        return;
    }
    if (s->cur.unsent > 0 && !ly_kioskdb_unsent_batch(s->db, s->push_after, x->batch,
                                                      LY_SYNC_BATCH_MAX, &x->n, err, sizeof err)) {
        contact_failed(s, local_fault(s, LY_SYNC_OFFLINE), false, err);
        return;
    }
    if (x->n == 0 && !x->health) {
        /* What is left was offered in this pass and rejected: offer it again later. */
        if (m->until_done) {
            s->push_idle = true;
        } else if (now >= s->rejected_retry) {
            s->push_after = 0;
            s->rejected_retry = now + LY_SYNC_REJECTED_RETRY_MS;
        }
        return;
    }
    s->push_idle = false;
    if (x->health) {
        ly_kiosk_health_measure("", s->db_path, &health);
        s->next_health = now + LY_HEALTH_EVERY_MS;
    }
    /* Where the peer listener (peer/peer_node.h) is, so that the hub lists it to the others. */
    char peer[LY_KIOSKDB_META_MAX + 1];
    bool listens = false;
    if (!ly_kioskdb_meta_text(s->db, "peer_addr", peer, sizeof peer, &listens, err, sizeof err))
        listens = false;
    if (!ly_wire_push_request(s->kiosk_id, s->cur.unsent - (int64_t)x->n, x->batch, x->n,
                              x->health ? &health : NULL, listens ? peer : "", &body, &len, err,
                              sizeof err) ||
        !ly_http_setup(x->http, &s->target, "POST", "/api/v1/checkins", body, len,
                       budget(m, now, LY_HTTP_TIMEOUT_MS), 0, NULL, err, sizeof err))
        contact_failed(s, LY_SYNC_OFFLINE, false, err);
    else
        add(s, x, X_PUSH);
    free(body);
}

/* Handles an answer that is not a success: revoked, a fresh start, or a failure. */
static void refused(struct ly_sync *s, struct ly_http *h, bool pull)
{
    char code[64], msg[LY_WIRE_MESSAGE_MAX + 1], line[LY_WIRE_MESSAGE_MAX + 128];
    size_t len;
    long status = ly_http_status(h);
    const char *body = ly_http_body(h, &len);
    ly_wire_error(body, len, code, sizeof code, msg, sizeof msg);
    if (status == 403 && strcmp(code, "kiosk_revoked") == 0) {
        if (s->weak) {
            /* Over a channel anyone could answer on, a wipe (or a stop) would be anyone's to
             * order: the kiosk keeps its data, keeps deciding, and asks again later. */
            contact_failed(s, LY_SYNC_REFUSED, true,
                           "the hub says this kiosk was revoked, over a channel that could forge "
                           "it (--insecure-http): the data is kept; staff must check the kiosk");
            return;
        }
        wipe_revoked(s);
        return;
    }
    if (status == 409 && strcmp(code, "cursor_ahead") == 0 && pull) {
        say(s, "the hub's data is older than this kiosk's (another hub database?): starting "
               "again from a snapshot");
        s->need_snapshot = true;
        return;
    }
    snprintf(line, sizeof line, "%s: HTTP %ld %s%s%s", pull ? "pull" : "push", status, code,
             msg[0] ? ": " : "", msg);
    /* 5xx and 429 mean "later": the hub is there but cannot serve now */
    if (status == 503 || status == 429)
        s->retry_after_ms = ly_http_retry_after_ms(h);
    bool later = status >= 500 || status == 429;
    contact_failed(s, later ? LY_SYNC_OFFLINE : LY_SYNC_REFUSED, !later, line);
}

static void remove_files(const char *path)
{
    char side[LY_SOURCE_PATH_MAX + 32];
    unlink(path);
    snprintf(side, sizeof side, "%s-wal", path);
    unlink(side);
    snprintf(side, sizeof side, "%s-shm", path);
    unlink(side);
}

static void finish_pull(struct ly_sync *s, bool answered, const char *neterr)
{
    struct xfer *x = &s->pull;
    char err[256];
    if (!answered) {
        if (x->kind == X_SNAPSHOT)
            remove_files(s->snapshot_path);
        contact_failed(s, LY_SYNC_OFFLINE, false, neterr);
        return;
    }
    if (ly_http_status(x->http) != 200) {
        if (x->kind == X_SNAPSHOT)
            remove_files(s->snapshot_path);
        refused(s, x->http, true);
        return;
    }
    if (x->kind == X_SNAPSHOT) {
        int64_t cursor = 0, header = ly_http_cursor(x->http);
        bool ok =
            ly_kioskdb_merge_snapshot(s->db, s->snapshot_path, &s->roots, &cursor, err, sizeof err);
        remove_files(s->snapshot_path);
        if (!ok) {
            /* Merged in one transaction: the kiosk keeps deciding on the data it had. */
            char msg[400];
            snprintf(msg, sizeof msg,
                     "the hub's snapshot could not be stored, the data stays as it was: %s", err);
            contact_failed(s, local_fault(s, LY_SYNC_REFUSED), true, msg);
            return;
        }
        if (header >= 0 && header != cursor)
            say(s, "the snapshot says cursor %lld, its header %lld: using the file's",
                (long long)cursor, (long long)header);
        say(s, "snapshot loaded (%.0f ms), cursor %lld", ly_http_elapsed_ms(x->http),
            (long long)cursor);
        s->need_snapshot = false;
        s->cur.cursor = cursor;
        s->cur.data_version++;
        s->answered = true;
        contact_ok(s);
        return;
    }
    struct ly_changes_page page;
    size_t len;
    const char *body = ly_http_body(x->http, &len);
    if (!ly_changes_apply(s->db, body, len, x->since, x->through, &s->roots, &page, err,
                          sizeof err)) {
        /* A page is applied in one transaction with the cursor: none of it is, and it is asked
         * for again. */
        char msg[400];
        snprintf(msg, sizeof msg,
                 "the hub's changes after %lld could not be stored, the data stays as it was: %s",
                 (long long)x->since, err);
        contact_failed(s, local_fault(s, LY_SYNC_REFUSED), true, msg);
        return;
    }
    s->more = page.more;
    s->caught_up = s->caught_up || !page.more;
    s->cur.cursor = page.next;
    if (page.applied > 0)
        s->cur.data_version++;
    s->answered = true;
    contact_ok(s);
}

static void finish_push(struct ly_sync *s, bool answered, const char *neterr)
{
    struct xfer *x = &s->push;
    char err[256];
    if (!answered) {
        contact_failed(s, LY_SYNC_OFFLINE, false, neterr);
        return;
    }
    if (ly_http_status(x->http) == 400 || ly_http_status(x->http) == 413) {
        /* The batch as a whole was refused: do not offer it again in this pass. */
        s->rejected += (int64_t)x->n;
        if (x->n > 0)
            s->push_after = x->batch[x->n - 1].seq;
        refused(s, x->http, false);
        snprintf(s->rejection, sizeof s->rejection, "%s", s->cur.last_error);
        return;
    }
    if (ly_http_status(x->http) != 200) {
        refused(s, x->http, false);
        return;
    }
    bool committed[LY_SYNC_BATCH_MAX];
    char refused[LY_SYNC_BATCH_MAX][LY_WIRE_REASON_MAX + 1];
    const char *uuids[LY_SYNC_BATCH_MAX], *no[LY_SYNC_BATCH_MAX], *why[LY_SYNC_BATCH_MAX];
    struct ly_wire_push_result r;
    size_t len, n = 0, nno = 0, marked = 0, settled = 0;
    const char *body = ly_http_body(x->http, &len);
    if (!ly_wire_push_answer(body, len, x->batch, x->n, committed, refused, &r, err, sizeof err)) {
        contact_failed(s, LY_SYNC_REFUSED, true, err);
        return;
    }
    for (size_t i = 0; i < x->n; i++) {
        if (committed[i])
            uuids[n++] = x->batch[i].uuid;
        if (refused[i][0]) {
            no[nno] = x->batch[i].uuid;
            why[nno++] = refused[i];
        }
    }
    if (!ly_kioskdb_mark_sent(s->db, uuids, n, &marked, err, sizeof err) ||
        !ly_kioskdb_mark_refused(s->db, no, why, nno, &settled, err, sizeof err)) {
        /* The hub has them; they go again and come back "duplicate" (or refused again). */
        char msg[400];
        snprintf(msg, sizeof msg,
                 "the hub stored %zu check-ins but they could not be marked sent here (they "
                 "stay unsent and go again): %s",
                 n, err);
        contact_failed(s, local_fault(s, LY_SYNC_REFUSED), true, msg);
        return;
    }
    if (r.refused > 0)
        say(s,
            "the hub refused %zu check-ins for good (first: %s); the journal keeps them "
            "marked refused",
            r.refused, r.first_refusal);
    if (r.rejected > 0) {
        s->rejected += (int64_t)r.rejected;
        snprintf(s->rejection, sizeof s->rejection, "%s", r.first_rejection);
        say(s, "the hub rejected %zu check-ins (first: %s); they stay unsent", r.rejected,
            r.first_rejection);
    }
    if (x->n > 0)
        s->push_after = x->batch[x->n - 1].seq;
    s->cur.uploaded += (int64_t)marked;
    refresh(s);
    contact_ok(s);
}

/* The hub announces the pins of its keys (X-Lanyard-Pins): the current one and, before a key
 * change, the next (docs/security.md, "Rotating the hub's key"). Taken only from an answer
 * that came over the pinned channel, and only when it keeps the key that channel used. */
static void follow_pins(struct ly_sync *s, struct ly_http *h)
{
    const char *announced = ly_http_pins(h);
    char err[256];
    if (!ly_http_pinned(h) || announced[0] == '\0' || strcmp(announced, s->pins) == 0)
        return;
    bool keeps_one = false;
    for (const char *p = s->pins; *p && !keeps_one;) {
        char one[LY_PIN_LEN + 1];
        size_t n = strcspn(p, ";");
        if (n == LY_PIN_LEN) {
            memcpy(one, p, n);
            one[n] = '\0';
            keeps_one = ly_pins_has(announced, one);
        }
        p += n + (p[n] == ';');
    }
    if (!keeps_one)
        return; /* the old key must still be announced until the switch has happened */
    if (!ly_kioskdb_set_meta_text(s->db, "hub_pins", announced, err, sizeof err)) {
        say(s, "cannot store the hub's pins: %s", err);
        return;
    }
    say(s, "the hub's TLS keys are now %s (announced over the pinned channel)", announced);
    snprintf(s->pins, sizeof s->pins, "%s", announced);
}

/* Ends every transfer in flight (a stop or a deadline): nothing is marked or applied. */
static void abandon(struct ly_sync *s)
{
    struct xfer *xs[] = {&s->pull, &s->push};
    for (int i = 0; i < 2; i++) {
        if (xs[i]->kind == X_IDLE)
            continue;
        curl_multi_remove_handle(s->multi, ly_http_easy(xs[i]->http));
        ly_http_cancel(xs[i]->http);
        if (xs[i]->kind == X_SNAPSHOT)
            remove_files(s->snapshot_path);
        xs[i]->kind = X_IDLE;
    }
}

/* Lets curl work, then finishes the transfers that ended. */
static void transfer(struct ly_sync *s)
{
    int running, left;
    CURLMsg *msg;
    curl_multi_perform(s->multi, &running);
    while ((msg = curl_multi_info_read(s->multi, &left))) {
        if (msg->msg != CURLMSG_DONE)
            continue;
        struct xfer *x = msg->easy_handle == ly_http_easy(s->pull.http) ? &s->pull : &s->push;
        CURLcode rc = msg->data.result;
        char err[256];
        curl_multi_remove_handle(s->multi, msg->easy_handle);
        bool answered = ly_http_done(x->http, rc, err, sizeof err);
        if (answered)
            follow_pins(s, x->http);
        enum xfer_kind kind = x->kind;
        x->kind = X_IDLE;
        if (kind == X_PUSH)
            finish_push(s, answered, err);
        else {
            x->kind = kind; /* finish_pull reads it */
            finish_pull(s, answered, err);
            x->kind = X_IDLE;
        }
        if (s->cur.state == LY_SYNC_REVOKED)
            break;
    }
}

static bool run(struct ly_sync *s, const struct mode *m, char *err, size_t errsz)
{
    s->caught_up = s->push_idle = s->failed = false;
    s->push_after = s->rejected = 0;
    s->rejection[0] = '\0';
    s->next_refresh = 0;
    bool ok = false;
    for (;;) {
        int64_t now = mono_ms();
        if (atomic_load(&s->stop)) {
            ly_fail(err, errsz, "stopped");
            break;
        }
        if (s->cur.state == LY_SYNC_REVOKED) {
            ly_fail(err, errsz, "%s", s->cur.last_error);
            break;
        }
        if (m->give_up && s->failed) {
            ly_fail(err, errsz, "%s", s->cur.last_error);
            break;
        }
        if (m->deadline && now >= m->deadline) {
            ly_fail(err, errsz, "out of time with %lld check-ins unsent%s%s",
                    (long long)s->cur.unsent, s->cur.last_error[0] ? ": " : "", s->cur.last_error);
            break;
        }
        if (atomic_exchange(&s->kicked, false) || now >= s->next_refresh) {
            refresh(s);
            s->push_idle = false;
        }
        if (m->pull && s->pull.kind == X_IDLE && now >= s->next_try &&
            !(m->until_done && s->caught_up))
            start_pull(s, m, now);
        if (m->push && s->push.kind == X_IDLE && now >= s->next_try && !s->push_idle)
            start_push(s, m, now);
        if (m->until_done && s->pull.kind == X_IDLE && s->push.kind == X_IDLE &&
            (!m->pull || s->caught_up) && (!m->push || s->push_idle) && !s->failed) {
            ok = s->rejected == 0
                     ? true
                     : ly_fail(err, errsz, "the hub rejected %lld check-ins (first: %s)",
                               (long long)s->rejected, s->rejection);
            break;
        }
        transfer(s);
        publish(s);
        bool busy = s->pull.kind != X_IDLE || s->push.kind != X_IDLE;
        int64_t wait = busy ? REFRESH_MS : s->next_try - mono_ms();
        if (wait > REFRESH_MS)
            wait = REFRESH_MS;
        if (m->deadline && wait > m->deadline - mono_ms())
            wait = m->deadline - mono_ms();
        if (wait > 0 || busy)
            curl_multi_poll(s->multi, NULL, 0, wait > 0 ? (int)wait : 0, NULL);
    }
    abandon(s);
    refresh(s);
    publish(s);
    return ok;
}

static void *thread_main(void *arg)
{
    struct ly_sync *s = arg;
    struct mode m = {.pull = true, .push = true, .long_poll = true, .health = true};
    char err[256];
    /* the first report once the camera has had a few seconds to show its frame rate */
    s->next_health = mono_ms() + LY_HEALTH_FIRST_MS;
    if (!run(s, &m, err, sizeof err) && s->cur.state == LY_SYNC_REVOKED)
        say(s, "stopped: %s", err);
    return NULL;
}

/* Reads a setting: the flag's value when given, else the database's. */
static bool setting(struct ly_sync *s, const char *flag, const char *key, char *out, size_t outsz,
                    bool *found, char *err, size_t errsz)
{
    if (flag && flag[0]) {
        if (strlen(flag) >= outsz)
            return ly_fail(err, errsz, "the %s given is too long", key);
        memcpy(out, flag, strlen(flag) + 1);
        *found = true;
        return true;
    }
    return ly_kioskdb_meta_text(s->db, key, out, outsz, found, err, errsz);
}

static bool setup(struct ly_sync *s, const struct ly_sync_config *cfg, char *err, size_t errsz)
{
    bool found;
    char revoked[32];
    int64_t cursor = 0;
    if (!cfg->db || !cfg->db[0])
        return ly_fail(err, errsz, "no kiosk database");
    if (snprintf(s->snapshot_path, sizeof s->snapshot_path, "%s.snapshot", cfg->db) >=
            (int)sizeof s->snapshot_path ||
        snprintf(s->db_path, sizeof s->db_path, "%s", cfg->db) >= (int)sizeof s->db_path)
        return ly_fail(err, errsz, "the database path is too long");
    if (!ly_kioskdb_open(cfg->db, LY_KIOSKDB_KIOSK, &s->db, err, errsz) ||
        !ly_kioskdb_meta_text(s->db, "revoked_ms", revoked, sizeof revoked, &found, err, errsz))
        return false;
    if (found)
        return ly_fail(err, errsz,
                       "this kiosk was revoked at the hub and its attendee data wiped: enroll "
                       "it again (--hub URL --enroll-file PATH; an organizer makes the code with "
                       "lanyard enroll --replace)");
    if (!setting(s, cfg->hub_url, "hub_url", s->url, sizeof s->url, &found, err, errsz))
        return false;
    if (!found)
        return ly_fail(err, errsz, "no hub: enroll the kiosk (--hub URL --enroll-file PATH)");
    if (!ly_http_url_valid(s->url, err, errsz) ||
        !ly_kioskdb_token(s->db, s->token, sizeof s->token, &found, err, errsz))
        return false;
    if (!found)
        return ly_fail(err, errsz,
                       "this kiosk holds no hub token: enroll it (--hub URL --enroll-file PATH)");
    if (!setting(s, cfg->hub_ca, "hub_ca", s->ca, sizeof s->ca, &found, err, errsz) ||
        !ly_kioskdb_meta_text(s->db, "hub_pins", s->pins, sizeof s->pins, &found, err, errsz) ||
        !ly_kioskdb_roots(s->db, &s->roots, err, errsz) ||
        !ly_http_channel_ok(s->url, s->pins, cfg->insecure_http, &s->weak, err, errsz) ||
        !ly_kioskdb_sync_cursor(s->db, &cursor, err, errsz) ||
        !ly_http_new(&s->pull.http, err, errsz) || !ly_http_new(&s->push.http, err, errsz))
        return false;
    if (s->weak)
        fprintf(stderr,
                "lanyard-kiosk: sync: WARNING: --insecure-http: the channel to %s is "
                "not pinned; anyone on the network may read or change what the hub "
                "says (keys are still checked against the root keys; a revocation "
                "wipes nothing)\n",
                s->url);
    if (s->roots.n == 0)
        say(s, "this kiosk holds no root keys (enrolled by an older version): it will refuse "
               "every new key; enroll it again");
    s->target = (struct ly_http_target){s->url, s->token, s->ca, s->pins};
    snprintf(s->kiosk_id, sizeof s->kiosk_id, "%s", ly_kioskdb_kiosk_id(s->db));
    s->push.batch = calloc(LY_SYNC_BATCH_MAX, sizeof *s->push.batch);
    s->multi = curl_multi_init();
    if (!s->push.batch || !s->multi)
        return ly_fail(err, errsz, "out of memory");
    if (pipe(s->pipe) != 0)
        return ly_fail(err, errsz, "pipe: %s", strerror(errno));
    for (int i = 0; i < 2; i++) {
        fcntl(s->pipe[i], F_SETFL, fcntl(s->pipe[i], F_GETFL) | O_NONBLOCK);
        fcntl(s->pipe[i], F_SETFD, FD_CLOEXEC);
    }
    s->need_snapshot = cursor == 0;
    s->cur.cursor = cursor;
    refresh(s);
    s->st = s->cur;
    return true;
}

bool ly_sync_init(const struct ly_sync_config *cfg, struct ly_sync **out, char *err, size_t errsz)
{
    struct ly_sync *s = calloc(1, sizeof *s);
    if (!s)
        return ly_fail(err, errsz, "out of memory");
    s->pipe[0] = s->pipe[1] = -1;
    s->wait_s = cfg->wait_s > 0 && cfg->wait_s <= LY_SYNC_WAIT_MAX ? cfg->wait_s : LY_SYNC_WAIT_MAX;
    s->log = cfg->log;
    atomic_init(&s->stop, false);
    atomic_init(&s->kicked, false);
    pthread_mutex_init(&s->lock, NULL);
    ly_backoff_init(&s->backoff, cfg->backoff_base_ms ? cfg->backoff_base_ms : LY_BACKOFF_BASE_MS,
                    cfg->backoff_cap_ms ? cfg->backoff_cap_ms : LY_BACKOFF_CAP_MS, 0);
    if (!setup(s, cfg, err, errsz)) {
        ly_sync_destroy(s);
        return false;
    }
    *out = s;
    return true;
}

bool ly_sync_start(struct ly_sync *s, char *err, size_t errsz)
{
    int rc = pthread_create(&s->thread, NULL, thread_main, s);
    if (rc != 0)
        return ly_fail(err, errsz, "cannot start the sync thread: %s", strerror(rc));
    s->started = true;
    return true;
}

void ly_sync_kick(struct ly_sync *s)
{
    atomic_store(&s->kicked, true);
    curl_multi_wakeup(s->multi);
}

void ly_sync_status(struct ly_sync *s, struct ly_sync_status *out)
{
    pthread_mutex_lock(&s->lock);
    *out = s->st;
    pthread_mutex_unlock(&s->lock);
}

int ly_sync_fd(const struct ly_sync *s)
{
    return s->pipe[0];
}

void ly_sync_stop(struct ly_sync *s)
{
    atomic_store(&s->stop, true);
    curl_multi_wakeup(s->multi);
}

void ly_sync_join(struct ly_sync *s)
{
    if (s->started)
        pthread_join(s->thread, NULL);
    s->started = false;
}

void ly_sync_destroy(struct ly_sync *s)
{
    if (!s)
        return;
    if (s->multi) {
        abandon(s);
        curl_multi_cleanup(s->multi);
    }
    ly_http_free(s->pull.http);
    ly_http_free(s->push.http);
    free(s->push.batch);
    ly_kioskdb_close(s->db);
    for (int i = 0; i < 2; i++) {
        if (s->pipe[i] >= 0)
            close(s->pipe[i]);
    }
    pthread_mutex_destroy(&s->lock);
    free(s);
}

bool ly_sync_once(struct ly_sync *s, int64_t timeout_ms, struct ly_sync_status *out, char *err,
                  size_t errsz)
{
    struct mode m = {.pull = true, .push = true, .until_done = true, .give_up = true};
    m.deadline = mono_ms() + timeout_ms;
    atomic_store(&s->stop, false);
    bool ok = run(s, &m, err, errsz);
    if (out)
        *out = s->cur;
    return ok;
}

bool ly_sync_flush(struct ly_sync *s, int64_t timeout_ms, struct ly_sync_status *out, char *err,
                   size_t errsz)
{
    struct mode m = {.push = true, .until_done = true, .give_up = true};
    m.deadline = mono_ms() + timeout_ms;
    atomic_store(&s->stop, false);
    s->next_try = 0; /* one attempt now, whatever the thread's backoff said */
    bool ok = run(s, &m, err, errsz);
    if (out)
        *out = s->cur;
    return ok;
}
