/* hub_api.c - the endpoints of docs/sync-protocol.md: authentication, snapshot, changes (long
 * poll), check-ins, counts, health, metrics and the dashboard's files, and the route table
 * (enrollment is hub_enroll.c, the replies' helpers hub_reply.c). Everything goes through the
 * storage interface; nothing here knows SQL or HTTP plumbing. See hub.h. */
#include <fcntl.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "proto/change_json.h"
#include "common/fail.h"
#include "counts/board.h"
#include "counts/counts.h"
#include "hub/dashboard.h"
#include "hub/hub.h"
#include "hub/hub_log.h"
#include "common/json.h"
#include "proto/token.h"
#include "store/validate.h"

/* Lets the HTTP layer count the connection as a kiosk's or a reader's (hub.h). */
static bool admit(struct ly_hub_call *c, bool kiosk)
{
    if (c->admit == NULL || c->admit(c, kiosk))
        return true;
    ly_hub_error(c, 503, "unavailable", "Too many connections of this kind; try again.");
    return false;
}

struct auth {
    bool kiosk; /* a kiosk token (else a read token) */
    struct ly_store_kiosk k;
};

/* Checks the bearer token. allow_read: a read token will do. Returns false with the reply set. */
static bool authenticate(struct ly_hub *hub, struct ly_store **stp, struct ly_hub_call *c,
                         bool allow_read, struct auth *a)
{
    struct ly_store *st = *stp;
    char err[256];
    const char *tok = ly_token_bearer(c->authorization);
    if (c->query_token != NULL) {
        /* A token in a URL ends up in logs, histories and referrers (docs/security.md). */
        ly_hub_error(c, 400, "bad_request",
                     "A token goes in an Authorization: Bearer header, never in the URL (the "
                     "dashboard takes it from the address's #token= fragment).");
        return false;
    }
    if (tok == NULL) {
        ly_hub_error(c, 401, "unauthorized", "An Authorization: Bearer token is required.");
        return false;
    }
    enum ly_token_kind kind = ly_token_kind(tok);
    uint8_t hash[LY_TOKEN_HASH_LEN];
    if (kind == LY_TOKEN_NONE) {
        ly_hub_error(c, 401, "unauthorized", "The token is malformed.");
        return false;
    }
    ly_token_hash(tok, hash);
    a->kiosk = kind == LY_TOKEN_KIOSK;
    if (kind == LY_TOKEN_READ) {
        bool valid;
        if (!allow_read) {
            ly_hub_error(c, 403, "forbidden", "A read token cannot call this endpoint.");
            return false;
        }
        if (!st->ops->read_token(st, hash, ly_hub_wall_ms(), &valid, err, sizeof err)) {
            ly_hub_internal(c, err);
            return false;
        }
        if (!valid)
            ly_hub_error(c, 401, "unauthorized",
                         "The hub does not know this token, or it was revoked or expired.");
        return valid && admit(c, false);
    }
    bool found;
    if (!st->ops->kiosk_by_token(st, hash, &a->k, &found, err, sizeof err)) {
        ly_hub_internal(c, err);
        return false;
    }
    if (!found) {
        ly_hub_error(c, 401, "unauthorized", "The hub does not know this token.");
        return false;
    }
    snprintf(c->kiosk, sizeof c->kiosk, "%s", a->k.name);
    if (a->k.revoked) {
        ly_hub_error(c, 403, "kiosk_revoked",
                     "This kiosk was revoked: it must delete its attendee data.");
        return false;
    }
    int64_t now = ly_hub_wall_ms();
    /* A push records the contact itself. */
    if (now - a->k.last_contact_ms > LY_HUB_TOUCH_MS && c->route != LY_ROUTE_CHECKINS) {
        if (!ly_hub_write_begin(hub, stp, c))
            return false;
        bool ok = (*stp)->ops->touch_kiosk(*stp, a->k.id, now, err, sizeof err);
        ly_hub_write_end(hub);
        if (!ok && !(*stp)->ops->unavailable(*stp)) {
            ly_hub_internal(c, err);
            return false;
        }
        if (!ok) {
            /* The contact time is bookkeeping: a disk that takes no writes still serves reads
             * (changes, the snapshot), and an upload fails by itself. */
            struct ly_logline l;
            ly_log_begin(&l, "warn", "contact not recorded");
            ly_log_str(&l, "kiosk", a->k.name);
            ly_log_str(&l, "err", err);
            ly_log_end(&l);
        }
    }
    return admit(c, true);
}

static void health(struct ly_hub *hub, struct ly_hub_call *c)
{
    FILE *f = ly_hub_reply_json(c, 200);
    if (f == NULL)
        return;
    fprintf(f, "{\"ok\":true,\"version\":\"%s\",\"event_id\":%" PRIu32 "}\n", LY_HUB_VERSION,
            hub->event.id);
    fclose(f);
}

/* Makes sure hub->snap_fd holds a snapshot at least as new as seq (snap_mu held). */
static bool fresh_snapshot(struct ly_hub *hub, struct ly_store *st, int64_t seq, char *err,
                           size_t errsz)
{
    if (hub->snap_fd >= 0 && hub->snap_cursor >= seq)
        return true;
    char path[320];
    int64_t cursor;
    snprintf(path, sizeof path, "%s/snapshot.db", hub->tmpdir);
    unlink(path);
    if (!st->ops->snapshot(st, path, &cursor, err, errsz)) {
        unlink(path);
        return false;
    }
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    struct stat sb;
    unlink(path);
    if (fd < 0 || fstat(fd, &sb) != 0) {
        if (fd >= 0)
            close(fd);
        return ly_fail(err, errsz, "the snapshot file could not be read back");
    }
    if (hub->snap_fd >= 0)
        close(hub->snap_fd);
    hub->snap_fd = fd;
    hub->snap_cursor = cursor;
    hub->snap_size = sb.st_size;
    return true;
}

bool ly_hub_snapshot_warm(struct ly_hub *hub, char *err, size_t errsz)
{
    struct ly_store *st = NULL;
    int64_t seq;
    bool ok = false;
    pthread_mutex_lock(&hub->snap_mu);
    st = ly_hub_acquire(hub);
    if (st == NULL)
        ly_fail(err, errsz, "no database connection came free");
    else
        ok = st->ops->change_seq(st, &seq, err, errsz) && fresh_snapshot(hub, st, seq, err, errsz);
    if (st)
        ly_hub_release(hub, st);
    pthread_mutex_unlock(&hub->snap_mu);
    return ok;
}

/* Holds *stp on entry; gives it back while it waits for another request's snapshot (lock
 * order: the snapshot lock, then a connection). */
static void snapshot(struct ly_hub *hub, struct ly_store **stp, struct ly_hub_call *c)
{
    char err[256];
    int64_t seq;
    if (!(*stp)->ops->change_seq(*stp, &seq, err, sizeof err)) {
        ly_hub_internal(c, err);
        return;
    }
    ly_hub_release(hub, *stp);
    pthread_mutex_lock(&hub->snap_mu);
    *stp = ly_hub_acquire(hub);
    if (*stp == NULL) {
        pthread_mutex_unlock(&hub->snap_mu);
        ly_hub_busy(c);
        return;
    }
    bool ok = fresh_snapshot(hub, *stp, seq, err, sizeof err);
    int fd = ok ? dup(hub->snap_fd) : -1;
    c->cursor = hub->snap_cursor;
    c->fd_size = hub->snap_size;
    pthread_mutex_unlock(&hub->snap_mu);
    if (!ok || fd < 0) {
        ly_hub_internal(c, ok ? "dup failed" : err);
        return;
    }
    c->status = 200;
    c->type = "application/vnd.sqlite3";
    c->fd = fd;
}

struct page {
    FILE *f;
    int64_t limit, count, last_seq;
    bool more;
};

static bool page_add(void *ctx, const struct ly_change *ch)
{
    struct page *p = ctx;
    bool full = p->count >= p->limit || ftell(p->f) >= LY_SYNC_PAGE_BYTES_MAX;
    if (full && ch->seq != p->last_seq) {
        p->more = true;
        return false; /* never split the changes of one seq across pages */
    }
    if (p->count > 0)
        fputc(',', p->f);
    ly_change_json(p->f, ch);
    p->count++;
    p->last_seq = ch->seq;
    return true;
}

/* Writes one page of changes after since into c's reply; *n is how many. */
static bool changes_page(struct ly_store *st, struct ly_hub_call *c, int64_t since, int64_t limit,
                         int64_t *n, char *err, size_t errsz)
{
    struct page p = {.limit = limit, .last_seq = since};
    p.f = ly_hub_reply_json(c, 200);
    if (p.f == NULL)
        return ly_fail(err, errsz, "out of memory");
    fputs("{\"changes\":[", p.f);
    bool ok = st->ops->changes(st, since, page_add, &p, err, errsz);
    fprintf(p.f, "],\"next\":%" PRId64 ",\"more\":%s}\n", p.last_seq, p.more ? "true" : "false");
    fclose(p.f);
    *n = p.count;
    return ok;
}

/* Holds st on entry; may give it back while it waits (then *stp is NULL or a new one). */
static void changes(struct ly_hub *hub, struct ly_store **stp, struct ly_hub_call *c)
{
    struct ly_req_changes q;
    char err[256];
    int64_t seq, n = 0;
    if (ly_req_changes(c->since, c->limit, c->wait, &q, err, sizeof err) != LY_REQ_OK) {
        ly_hub_error(c, 400, "bad_request", "%s", err);
        return;
    }
    if (!(*stp)->ops->change_seq(*stp, &seq, err, sizeof err)) {
        ly_hub_internal(c, err);
        return;
    }
    if (q.since > seq) {
        ly_hub_error(c, 409, "cursor_ahead",
                     "The cursor %" PRId64 " is ahead of this hub (%" PRId64
                     "): start again from a snapshot.",
                     q.since, seq);
        return;
    }
    int64_t deadline = ly_mono_ms() + q.wait_s * 1000;
    for (;;) {
        if (!changes_page(*stp, c, q.since, q.limit, &n, err, sizeof err)) {
            ly_hub_internal(c, err);
            return;
        }
        if (n > 0 || q.wait_s == 0 || ly_mono_ms() >= deadline || ly_notify_stopping(&hub->notify))
            return;
        /* Nothing yet: wait without holding a database connection. */
        ly_hub_release(hub, *stp);
        *stp = NULL;
        atomic_fetch_add(&hub->m.long_polls, 1);
        ly_notify_wait_seq(&hub->notify, q.since, deadline);
        atomic_fetch_sub(&hub->m.long_polls, 1);
        *stp = ly_hub_acquire(hub);
        if (*stp == NULL) {
            ly_hub_busy(c);
            return;
        }
    }
}

/* Records the batch's health report, if it has one; logs one that was left out. */
static bool store_health(struct ly_store *st, const struct ly_store_kiosk *k,
                         const struct ly_req_batch *b, int64_t received, char *err, size_t errsz)
{
    char json[LY_HEALTH_JSON_MAX];
    if (b->health_error[0]) {
        struct ly_logline l;
        ly_log_begin(&l, "warn", "health");
        ly_log_str(&l, "kiosk", k->name);
        ly_log_str(&l, "error", b->health_error);
        ly_log_end(&l);
    }
    if (!b->has_health)
        return true;
    if (!ly_health_text(&b->health, json, sizeof json))
        return ly_fail(err, errsz, "a health report did not fit %d bytes", LY_HEALTH_JSON_MAX);
    return st->ops->kiosk_health(st, k->id, json, received, err, errsz);
}

/* One line for a batch with refused check-ins: which kiosk, how many, the first reason (no
 * attendee id: the log holds no personal data). */
static void log_refused(const struct ly_store_kiosk *k, const struct ly_req_batch *b,
                        const enum ly_refusal *why)
{
    int64_t n = 0;
    const char *first = NULL;
    for (size_t i = 0; i < b->n; i++) {
        if (b->results[i] == LY_ITEM_REFUSED && n++ == 0)
            first = ly_refusal_name(why[i]);
    }
    if (n == 0)
        return;
    struct ly_logline l;
    ly_log_begin(&l, "warn", "checkins refused");
    ly_log_str(&l, "kiosk", k->name);
    ly_log_int(&l, "refused", n);
    ly_log_str(&l, "first", first);
    ly_log_end(&l);
}

/* Holds *stp on entry; on a single-writer backend it gives the connection back while it queues
 * for the write lock, so that queued writers never hold up readers. */
static void checkins(struct ly_hub *hub, struct ly_hub_call *c, struct ly_store **stp,
                     const struct ly_store_kiosk *k)
{
    struct ly_req_batch b;
    char err[256];
    enum ly_req_status rs = ly_req_batch(c->body, c->body_len, &b, err, sizeof err);
    if (rs != LY_REQ_OK) {
        ly_hub_req_error(c, rs, err);
        return;
    }
    if (strcmp(b.kiosk_id, k->uuid) != 0) {
        ly_hub_error(c, 403, "forbidden", "kiosk_id is not the kiosk this token belongs to.");
        ly_req_batch_free(&b);
        return;
    }
    enum ly_refusal why[LY_SYNC_BATCH_MAX];
    int64_t received = ly_hub_wall_ms(), seq = 0;
    int64_t skew = b.has_sent_ms ? received - b.sent_ms : 0;
    if (!ly_hub_write_begin(hub, stp, c)) {
        ly_req_batch_free(&b);
        return;
    }
    struct ly_store *st = *stp;
    received = ly_hub_wall_ms();
    /* What the hub does not accept is refused before anything is stored (validate.h). */
    bool ok =
        st->ops->validate(st, k, b.items, b.n, b.results, why, err, sizeof err) &&
        st->ops->ingest(st, k, b.items, b.n, skew, received, b.queue, b.results, err, sizeof err) &&
        st->ops->change_seq(st, &seq, err, sizeof err) &&
        store_health(st, k, &b, received, err, sizeof err);
    ly_hub_write_end(hub);
    if (!ok) {
        ly_hub_internal(c, err);
        ly_req_batch_free(&b);
        return;
    }
    ly_notify_publish(&hub->notify, seq, true);
    log_refused(k, &b, why);
    static const char *const names[LY_ITEM_RESULTS] = {"stored", "duplicate", "rejected",
                                                       "refused"};
    FILE *f = ly_hub_reply_json(c, 200);
    if (f) {
        fputs("{\"results\":[", f);
        for (size_t i = 0; i < b.n; i++) {
            int first = 1;
            fputs(i ? ",{" : "{", f);
            ly_json_kv_str(f, &first, "uuid", b.items[i].uuid);
            ly_json_kv_str(f, &first, "status", names[b.results[i]]);
            if (b.results[i] == LY_ITEM_REJECTED)
                ly_json_kv_str(f, &first, "error",
                               b.errors[i][0] ? b.errors[i] : "the uuid belongs to another kiosk");
            if (b.results[i] == LY_ITEM_REFUSED) {
                ly_json_kv_str(f, &first, "reason", ly_refusal_name(why[i]));
                ly_json_kv_str(f, &first, "error", ly_refusal_text(why[i]));
                atomic_fetch_add(&hub->m.refused[why[i]], 1);
            }
            fputc('}', f);
            atomic_fetch_add(&hub->m.checkins[b.results[i]], 1);
        }
        fprintf(f, "],\"received_ms\":%" PRId64 "}\n", received);
        fclose(f);
    }
    ly_req_batch_free(&b);
}

/* Writes counts with fn into a new buffer (*out, *n). */
static bool write_json(void (*fn)(FILE *, const struct ly_counts *), const struct ly_counts *c,
                       char **out, size_t *n)
{
    *out = NULL;
    FILE *f = open_memstream(out, n);
    if (f == NULL)
        return false;
    fn(f, c);
    fclose(f);
    return *out != NULL;
}

/* Computes the counts and their board again when the cache is older than the generation or
 * LY_HUB_COUNTS_MAX_AGE_MS (counts_mu held). */
static bool refresh_counts(struct ly_hub *hub, char *err, size_t errsz)
{
    pthread_mutex_lock(&hub->notify.mu);
    uint64_t now_gen = hub->notify.gen;
    pthread_mutex_unlock(&hub->notify.mu);
    int64_t now = ly_mono_ms();
    if (hub->counts_json != NULL && hub->counts_gen == now_gen &&
        now - hub->counts_at_ms <= LY_HUB_COUNTS_MAX_AGE_MS)
        return true;
    struct ly_store *st = ly_hub_acquire(hub);
    struct ly_counts *counts = NULL;
    bool ok = st != NULL ? st->ops->counts(st, ly_hub_wall_ms(), &counts, err, errsz)
                         : ly_fail(err, errsz, "no database connection came free");
    if (st)
        ly_hub_release(hub, st);
    char *cj = NULL, *bj = NULL;
    size_t cn = 0, bn = 0;
    if (ok) {
        ly_counts_local_time(counts);
        ok = write_json(ly_counts_json, counts, &cj, &cn) &&
             write_json(ly_board_json, counts, &bj, &bn);
        if (!ok)
            ly_fail(err, errsz, "out of memory");
    }
    if (ok) {
        free(hub->counts_json);
        free(hub->board_json);
        hub->counts_json = cj, hub->counts_len = cn;
        hub->board_json = bj, hub->board_len = bn;
        hub->counts_gen = now_gen;
        hub->counts_at_ms = now;
    } else {
        free(cj);
        free(bj);
    }
    ly_counts_free(counts);
    return ok;
}

/* A copy of the cached counts (board false) or board JSON, refreshed when stale. */
static bool cached_json(struct ly_hub *hub, bool board, char **json, size_t *len, uint64_t *gen,
                        char *err, size_t errsz)
{
    pthread_mutex_lock(&hub->counts_mu);
    bool ok = refresh_counts(hub, err, errsz);
    if (ok) {
        const char *src = board ? hub->board_json : hub->counts_json;
        size_t n = board ? hub->board_len : hub->counts_len;
        *json = malloc(n + 1);
        ok = *json != NULL;
        if (ok) {
            memcpy(*json, src, n + 1);
            *len = n;
            *gen = hub->counts_gen;
        }
    }
    pthread_mutex_unlock(&hub->counts_mu);
    return ok;
}

bool ly_hub_counts_json(struct ly_hub *hub, char **json, size_t *len, uint64_t *gen, char *err,
                        size_t errsz)
{
    return cached_json(hub, false, json, len, gen, err, errsz);
}

/* The counts (read tokens), or the public board (no token: room fullness only). */
static void counts(struct ly_hub *hub, struct ly_hub_call *c, bool board)
{
    char err[256];
    uint64_t gen;
    char *json;
    size_t len;
    if (!cached_json(hub, board, &json, &len, &gen, err, sizeof err)) {
        ly_hub_internal(c, err);
        return;
    }
    free(c->out);
    c->out = json;
    c->out_len = len;
    c->status = 200;
    c->type = "application/json";
}

/* The hub's own metrics, then each kiosk's health from the database (st: a connection). */
static void metrics(struct ly_hub *hub, struct ly_hub_call *c, struct ly_store *st)
{
    struct ly_counts *counts = NULL;
    char err[256];
    int64_t now = ly_hub_wall_ms();
    if (!st->ops->counts(st, now, &counts, err, sizeof err)) {
        ly_hub_internal(c, err);
        return;
    }
    FILE *f = ly_hub_reply_json(c, 200);
    if (f != NULL) {
        ly_hub_metrics_text(hub, f, ly_route_name);
        ly_hub_metrics_kiosks(f, counts, now);
        fclose(f);
    }
    ly_counts_free(counts);
    if (f == NULL)
        return;
    c->type = "text/plain; version=0.0.4";
}

/* The dashboard's files, compiled into the hub (dashboard.h): no request path ever reaches the
 * file system. */
static void dashboard(struct ly_hub_call *c)
{
    if (strcmp(c->rest, LY_DASH_LABELS) == 0) {
        FILE *f = ly_hub_reply_json(c, 200);
        if (f == NULL)
            return;
        ly_dash_labels_json(f);
        fclose(f);
        c->web = true;
        c->cache_control = LY_DASH_CACHE;
        return;
    }
    const struct ly_dash_blob *f = ly_dash_find(c->rest);
    if (f == NULL) {
        ly_hub_error(c, 404, "not_found", "No such file.");
        return;
    }
    bool same = ly_dash_not_modified(c->if_none_match, f->etag);
    c->out = malloc(f->size + 1);
    if (c->out == NULL)
        return;
    c->out_len = same ? 0 : f->size;
    memcpy(c->out, f->data, c->out_len);
    c->status = same ? 304 : 200;
    c->type = ly_dash_type(f->name);
    c->web = true;
    c->cache_control = LY_DASH_CACHE;
    c->etag = f->etag;
}

/* ---- the routes: one table, one dispatcher */

static void route_health(struct ly_hub *hub, struct ly_hub_call *c, struct ly_store **stp,
                         const struct ly_store_kiosk *k)
{
    (void)stp;
    (void)k;
    health(hub, c);
}

static void route_snapshot(struct ly_hub *hub, struct ly_hub_call *c, struct ly_store **stp,
                           const struct ly_store_kiosk *k)
{
    (void)k;
    snapshot(hub, stp, c);
}

static void route_changes(struct ly_hub *hub, struct ly_hub_call *c, struct ly_store **stp,
                          const struct ly_store_kiosk *k)
{
    (void)k;
    changes(hub, stp, c);
}

/* The counts are cached: computing them takes a connection of its own when it must. */
static void route_counts(struct ly_hub *hub, struct ly_hub_call *c, struct ly_store **stp,
                         const struct ly_store_kiosk *k)
{
    (void)k;
    ly_hub_release(hub, *stp);
    *stp = NULL;
    counts(hub, c, false);
}

/* The public room board's data: no token, no connection of its own (the counts' cache). */
static void route_board_api(struct ly_hub *hub, struct ly_hub_call *c, struct ly_store **stp,
                            const struct ly_store_kiosk *k)
{
    (void)stp;
    (void)k;
    counts(hub, c, true);
    c->cache_control = "no-store";
}

/* The public room board's page (its script and style sheet are the dashboard's files). */
static void route_board(struct ly_hub *hub, struct ly_hub_call *c, struct ly_store **stp,
                        const struct ly_store_kiosk *k)
{
    (void)hub;
    (void)stp;
    (void)k;
    c->rest = "board.html";
    dashboard(c);
}

/* The HTTP layer streams the counts (hub_http.c) once the token is checked. */
static void route_stream(struct ly_hub *hub, struct ly_hub_call *c, struct ly_store **stp,
                         const struct ly_store_kiosk *k)
{
    (void)hub;
    (void)stp;
    (void)k;
    c->status = 200;
    c->stream = true;
}

static void route_metrics(struct ly_hub *hub, struct ly_hub_call *c, struct ly_store **stp,
                          const struct ly_store_kiosk *k)
{
    (void)k;
    /* no connection comes with an unauthenticated route: take one for the kiosks' health */
    bool own = stp == NULL || *stp == NULL;
    struct ly_store *st = own ? ly_hub_acquire(hub) : *stp;
    if (st == NULL) {
        ly_hub_busy(c);
        return;
    }
    metrics(hub, c, st);
    if (own)
        ly_hub_release(hub, st);
}

static void route_dashboard(struct ly_hub *hub, struct ly_hub_call *c, struct ly_store **stp,
                            const struct ly_store_kiosk *k)
{
    (void)hub;
    (void)stp;
    (void)k;
    dashboard(c);
}

static const struct ly_hub_route routes[] = {
    {"GET", "/api/v1/health", LY_ROUTE_HEALTH, "health", LY_AUTH_NONE, false, route_health},
    {"POST", "/api/v1/enroll", LY_ROUTE_ENROLL, "enroll", LY_AUTH_ENROLL, true, ly_hub_enroll},
    {"GET", "/api/v1/snapshot", LY_ROUTE_SNAPSHOT, "snapshot", LY_AUTH_KIOSK, false,
     route_snapshot},
    {"GET", "/api/v1/changes", LY_ROUTE_CHANGES, "changes", LY_AUTH_KIOSK, false, route_changes},
    {"POST", "/api/v1/checkins", LY_ROUTE_CHECKINS, "checkins", LY_AUTH_KIOSK, true, checkins},
    {"GET", "/api/v1/counts", LY_ROUTE_COUNTS, "counts", LY_AUTH_READ, false, route_counts},
    {"GET", "/api/v1/counts/stream", LY_ROUTE_COUNTS_STREAM, "stream", LY_AUTH_READ, false,
     route_stream},
    {"GET", "/metrics", LY_ROUTE_METRICS, "metrics", LY_AUTH_NONE, false, route_metrics},
    {"GET", "/dashboard/...", LY_ROUTE_DASHBOARD, "dashboard", LY_AUTH_NONE, false,
     route_dashboard},
    {"GET", "/api/v1/board", LY_ROUTE_BOARD_API, "board_api", LY_AUTH_NONE, false, route_board_api},
    {"GET", "/board", LY_ROUTE_BOARD, "board", LY_AUTH_NONE, false, route_board},
};

#define N_ROUTES (sizeof routes / sizeof routes[0])

/* Whether path is row's path; *rest is what a "/dir/..." pattern left ("" for /dir itself). */
static bool path_matches(const struct ly_hub_route *row, const char *path, const char **rest)
{
    size_t n = strlen(row->path);
    if (n < 4 || strcmp(row->path + n - 4, "/...") != 0) {
        *rest = NULL;
        return strcmp(path, row->path) == 0;
    }
    n -= 4; /* "/dir" */
    if (strncmp(path, row->path, n) != 0 || (path[n] != '\0' && path[n] != '/'))
        return false;
    *rest = path[n] == '/' ? path + n + 1 : "";
    return true;
}

enum ly_route ly_hub_route(const char *method, const char *path, bool *method_ok,
                           const struct ly_hub_route **row, const char **rest)
{
    *method_ok = true;
    *row = NULL;
    *rest = NULL;
    if (!ly_req_path_clean(path))
        return LY_ROUTE_BAD_PATH;
    bool get = strcmp(method, "GET") == 0 || strcmp(method, "HEAD") == 0;
    for (size_t i = 0; i < N_ROUTES; i++) {
        const char *r;
        if (!path_matches(&routes[i], path, &r))
            continue;
        bool ok =
            strcmp(method, routes[i].method) == 0 || (get && strcmp(routes[i].method, "GET") == 0);
        if (*row == NULL || ok) { /* the first row of the path, or the one of this method */
            *row = &routes[i];
            *rest = r;
            *method_ok = ok;
        }
        if (ok)
            break;
    }
    return *row ? (*row)->id : LY_ROUTE_NOT_FOUND;
}

const char *ly_route_name(enum ly_route r)
{
    if (r == LY_ROUTE_NOT_FOUND)
        return "not_found";
    if (r == LY_ROUTE_BAD_PATH)
        return "bad_path";
    for (size_t i = 0; i < N_ROUTES; i++) {
        if (routes[i].id == r)
            return routes[i].name;
    }
    return "unknown";
}

int ly_hub_recheck(struct ly_hub *hub, const struct ly_hub_call *c)
{
    struct ly_hub_call again = {.route = c->route,
                                .row = c->row,
                                .method = c->method,
                                .path = c->path,
                                .authorization = c->authorization,
                                .query_token = c->query_token,
                                .fd = -1,
                                .cursor = -1};
    struct ly_store *st = ly_hub_acquire(hub);
    if (st == NULL)
        return -1;
    struct auth a = {0};
    bool valid = authenticate(hub, &st, &again, true, &a);
    if (st)
        ly_hub_release(hub, st);
    free(again.out);
    if (valid)
        return 1;
    return again.status == 401 || again.status == 403 ? 0 : -1;
}

void ly_hub_api(struct ly_hub *hub, struct ly_hub_call *c)
{
    const struct ly_hub_route *r = c->row;
    struct auth a = {0};
    if (r == NULL) {
        ly_hub_error(c, 404, "not_found", "No such endpoint.");
        return;
    }
    if (r->auth == LY_AUTH_NONE) {
        r->handle(hub, c, NULL, NULL);
        return;
    }
    struct ly_store *st = ly_hub_acquire(hub);
    if (st == NULL) {
        ly_hub_busy(c);
        return;
    }
    if (r->auth == LY_AUTH_ENROLL || authenticate(hub, &st, c, r->auth == LY_AUTH_READ, &a))
        r->handle(hub, c, &st, &a.k);
    /* A database that failed by itself (the disk full or failing, the server gone) is "later",
     * not a fault of the request: 503 with Retry-After, and the kiosk sends it again. What
     * failed was one transaction, rolled back whole. */
    if (st && c->status == 500 && st->ops->unavailable(st))
        ly_hub_error(c, 503, "unavailable",
                     "The hub's database cannot take this now (its disk is full or failing, or "
                     "its server is away); nothing of the request was stored; try again.");
    if (st)
        ly_hub_release(hub, st);
}
