/* engine.c - the capture and decision threads behind the kiosk screen. See engine.h. */
#include "shell/engine.h"

#include <SDL.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "common/fail.h"
#include "capture/frame.h"
#include "capture/source.h"
#include "kiosk/health.h"
#include "scan/scanner.h"
#include "kioskdb/kioskdb.h"
#include "kioskdb/kioskdb_journal.h"
#include "kioskdb/kioskdb_records.h"

/* One item for the decision thread: a code read by the capture thread, or a staff request. */
struct item {
    bool is_code;
    char code[LY_BADGE_CODE_MAX + 1];
    size_t len;
    int64_t decoded_ns;
    struct ly_request req;
};

struct ly_engine {
    struct ly_kiosk_config cfg;
    uint32_t event_type;
    struct ly_kioskdb *db;
    struct ly_gate *gate;
    struct ly_source *src;
    struct ly_scanner *scanner;
    struct ly_event event;
    int64_t offset_ms; /* --at: added to the wall clock */

    pthread_t capture, decider;
    bool capture_started, decider_started;
    atomic_bool stop;
    atomic_bool paused;

    pthread_mutex_t lock; /* guards the queue */
    pthread_cond_t wake;
    struct item queue[LY_ENGINE_QUEUE_MAX];
    size_t head, count;

    pthread_mutex_t preview_lock; /* guards the preview copy */
    uint8_t *preview;
    int preview_w, preview_h;
    uint64_t preview_seq;
    atomic_bool preview_posted;

    atomic_bool camera_online;
    atomic_int camera_fps_x10;

    struct ly_kiosk_sync sync; /* followed by the decision thread */
    bool revoked;              /* the hub revoked the kiosk: scanning stopped */
    unsigned long unflushed;   /* decisions since the last checkpoint */
    int64_t last_decision_ns;  /* monotonic */
};

/* --- posting to the main thread ---------------------------------------------------------- */

static void post(struct ly_engine *e, enum ly_engine_msg_kind kind, struct ly_engine_msg *m)
{
    SDL_Event ev;
    memset(&ev, 0, sizeof ev);
    ev.type = e->event_type;
    ev.user.code = (Sint32)kind;
    ev.user.data1 = m;
    if (m)
        m->kind = kind;
    if (SDL_PushEvent(&ev) != 1) {
        fprintf(stderr, "lanyard-kiosk: screen event lost: %s\n", SDL_GetError());
        ly_engine_free_msg(m);
    }
}

static struct ly_engine_msg *new_msg(void)
{
    return calloc(1, sizeof(struct ly_engine_msg));
}

void ly_engine_free_msg(struct ly_engine_msg *m)
{
    free(m);
}

static void post_fatal(struct ly_engine *e, const char *why)
{
    struct ly_engine_msg *m = new_msg();
    if (!m)
        return;
    snprintf(m->err, sizeof m->err, "%s", why);
    post(e, LY_MSG_FATAL, m);
}

/* --- the capture thread ------------------------------------------------------------------ */

static bool enqueue(struct ly_engine *e, const struct item *it)
{
    pthread_mutex_lock(&e->lock);
    bool room = e->count < LY_ENGINE_QUEUE_MAX;
    if (room) {
        e->queue[(e->head + e->count) % LY_ENGINE_QUEUE_MAX] = *it;
        e->count++;
        pthread_cond_signal(&e->wake);
    }
    pthread_mutex_unlock(&e->lock);
    return room;
}

static void enqueue_code(struct ly_engine *e, const char *code, size_t len)
{
    struct item it = {.is_code = true, .len = len, .decoded_ns = ly_frame_now_ns()};
    if (len > LY_BADGE_CODE_MAX)
        len = it.len = 0; /* too long for any badge: decided as unreadable, never truncated */
    memcpy(it.code, code, len);
    if (!enqueue(e, &it))
        fprintf(stderr, "lanyard-kiosk: decision queue full, a code was dropped\n");
}

/* Keeps a copy of the frame, shrunk by whole factors to at most LY_PREVIEW_MAX_W wide and
 * mirrored (people expect a mirror; flipping here spares the renderer a slow path), and tells
 * the main thread unless it has not yet taken the last one. */
static void keep_preview(struct ly_engine *e, const struct ly_frame *f)
{
    int step = (f->width + LY_PREVIEW_MAX_W - 1) / LY_PREVIEW_MAX_W;
    if (step < 1)
        step = 1;
    int w = f->width / step, h = f->height / step;
    pthread_mutex_lock(&e->preview_lock);
    if (!e->preview || e->preview_w != w || e->preview_h != h) {
        free(e->preview);
        e->preview = malloc((size_t)w * (size_t)h);
        e->preview_w = e->preview ? w : 0;
        e->preview_h = e->preview ? h : 0;
    }
    if (e->preview) {
        for (int y = 0; y < h; y++) {
            const uint8_t *row = f->data + (size_t)(y * step) * (size_t)f->stride;
            uint8_t *out = e->preview + (size_t)y * (size_t)w;
            for (int x = 0; x < w; x++)
                out[x] = row[(w - 1 - x) * step];
        }
        e->preview_seq++;
    }
    pthread_mutex_unlock(&e->preview_lock);
    if (!atomic_exchange(&e->preview_posted, true))
        post(e, LY_MSG_PREVIEW, NULL);
}

bool ly_engine_preview(struct ly_engine *e, uint8_t *buf, size_t bufsz, int *w, int *h,
                       uint64_t *seq)
{
    bool fresh = false;
    atomic_store(&e->preview_posted, false);
    pthread_mutex_lock(&e->preview_lock);
    size_t need = (size_t)e->preview_w * (size_t)e->preview_h;
    if (e->preview && e->preview_seq != *seq && need <= bufsz) {
        memcpy(buf, e->preview, need);
        *w = e->preview_w;
        *h = e->preview_h;
        *seq = e->preview_seq;
        fresh = true;
    }
    pthread_mutex_unlock(&e->preview_lock);
    return fresh;
}

static void *capture_main(void *arg)
{
    struct ly_engine *e = arg;
    char err[256];
    int64_t window_start = ly_frame_now_ns();
    int frames = 0;
    while (!atomic_load(&e->stop)) {
        struct ly_source_item item;
        enum ly_source_status st = ly_source_next(e->src, 200, &item, err, sizeof err);
        if (st == LY_SOURCE_FRAME) {
            struct ly_scan_result res;
            atomic_store(&e->camera_online, true);
            frames++;
            keep_preview(e, &item.frame);
            if (atomic_load(&e->paused))
                continue;
            if (!ly_scanner_scan(e->scanner, &item.frame, &res, err, sizeof err)) {
                fprintf(stderr, "lanyard-kiosk: frame %llu: %s\n",
                        (unsigned long long)item.frame.sequence, err);
                continue;
            }
            for (int i = 0; i < res.count; i++)
                enqueue_code(e, res.codes[i].payload,
                             res.codes[i].oversized ? SIZE_MAX : res.codes[i].len);
        } else if (st == LY_SOURCE_CODE) {
            if (!atomic_load(&e->paused))
                enqueue_code(e, item.code, item.code_len);
        } else if (st == LY_SOURCE_OFFLINE) {
            if (atomic_exchange(&e->camera_online, false))
                fprintf(stderr, "lanyard-kiosk: camera offline, reconnecting: %s\n", err);
        } else if (st == LY_SOURCE_SKIP) {
            fprintf(stderr, "lanyard-kiosk: skipped: %s\n", err);
        } else if (st == LY_SOURCE_END) {
            post(e, LY_MSG_ENDED, NULL);
            break;
        } else if (st == LY_SOURCE_ERROR) {
            fprintf(stderr, "lanyard-kiosk: source failed: %s\n", err);
            atomic_store(&e->camera_online, false);
            post_fatal(e, err);
            break;
        }
        int64_t now = ly_frame_now_ns();
        if (now - window_start >= 2000000000LL) {
            atomic_store(&e->camera_fps_x10,
                         (int)(frames * 10 * 1e9 / (double)(now - window_start)));
            window_start = now;
            frames = 0;
        }
    }
    return NULL;
}

/* --- the decision thread ----------------------------------------------------------------- */

static struct ly_gate_time now(const struct ly_engine *e)
{
    struct ly_gate_time t = ly_gate_now();
    t.wall_ms += e->offset_ms;
    return t;
}

/* The title of the gate's session or the name of its room, for the status line. */
static void gate_label(struct ly_engine *e, char *out, size_t outsz)
{
    const char *place = ly_gate_place(e->gate);
    char err[256];
    bool found = false;
    out[0] = '\0';
    if (strncmp(place, "session:", 8) == 0) {
        struct ly_kiosk_session s;
        if (ly_kioskdb_session(e->db, 0, place + 8, &s, &found, err, sizeof err) && found)
            snprintf(out, outsz, "%s", s.title);
    } else if (strncmp(place, "room:", 5) == 0) {
        struct ly_kiosk_room r;
        int64_t id = strtoll(place + 5, NULL, 10);
        if (ly_kioskdb_room(e->db, id, &r, &found, err, sizeof err) && found)
            snprintf(out, outsz, "%s", r.name);
    }
}

static void fill_status(struct ly_engine *e, struct ly_engine_status *s)
{
    char err[256];
    memset(s, 0, sizeof *s);
    if (!ly_kioskdb_unsent(e->db, &s->unsent, err, sizeof err))
        s->unsent = -1;
    const char *place = ly_gate_place(e->gate);
    if (place[0] && !ly_kioskdb_occupancy(e->db, place, &s->inside, err, sizeof err))
        s->inside = -1;
    s->camera_online = atomic_load(&e->camera_online);
    s->hub = e->sync.client != NULL;
    s->online = s->hub && e->sync.status.state == LY_SYNC_ONLINE;
    s->last_contact_ms = e->sync.status.last_contact_ms;
    s->camera_fps = atomic_load(&e->camera_fps_x10) / 10.0;
    snprintf(s->gate, sizeof s->gate, "%s", ly_gate_spec(e->gate));
    gate_label(e, s->gate_label, sizeof s->gate_label);
}

/* Whether the decision admits someone whose category opens staff mode. */
static bool opens_staff_mode(const struct ly_engine *e, const struct ly_decision *d)
{
    if (!d->identified || d->kind == LY_DECISION_DENIED || !d->attendee.category[0])
        return false;
    const char *list = e->cfg.staff_categories;
    size_t n = strlen(d->attendee.category);
    for (const char *p = list; *p;) {
        while (*p == ' ' || *p == ',')
            p++;
        size_t len = strcspn(p, " ,");
        if (len == n && strncmp(p, d->attendee.category, n) == 0)
            return true;
        p += len;
    }
    return false;
}

static void checkpoint(struct ly_engine *e, bool force)
{
    char err[256];
    bool quiet = ly_frame_now_ns() - e->last_decision_ns > 1000000000LL;
    if (e->unflushed == 0 || (!force && !quiet))
        return;
    if (!ly_kioskdb_checkpoint(e->db, NULL, err, sizeof err))
        fprintf(stderr, "lanyard-kiosk: %s\n", err); /* the log keeps everything meanwhile */
    e->unflushed = 0;
}

static void on_code(struct ly_engine *e, const struct item *it)
{
    struct ly_engine_msg *m = new_msg();
    if (!m) {
        fprintf(stderr, "lanyard-kiosk: out of memory, a code was not decided\n");
        return;
    }
    m->decoded_ns = it->decoded_ns;
    if (!ly_gate_decide(e->gate, it->code, it->len, now(e), &m->decision, m->err, sizeof m->err)) {
        /* Not durable, so not a decision: the screen asks the person to see staff. */
        fprintf(stderr, "lanyard-kiosk: could not journal a decision, none reported: %s\n", m->err);
        m->journal_failed = true;
    } else if (m->decision.held_off) {
        free(m);
        return;
    } else {
        e->unflushed++;
        e->last_decision_ns = ly_frame_now_ns();
        m->staff_badge = opens_staff_mode(e, &m->decision);
        ly_kiosk_sync_kick(&e->sync);
    }
    fill_status(e, &m->status);
    post(e, LY_MSG_DECISION, m);
    if (e->unflushed >= 4096)
        checkpoint(e, true);
}

/* The gates a staff member can switch this kiosk to: the venue's doors and every room. */
static bool list_gates(struct ly_engine *e, struct ly_engine_msg *m)
{
    static const char *const doors[] = {"entrance", "exit", "desk"};
    struct ly_kiosk_room rooms[LY_ENGINE_GATES_MAX];
    size_t nrooms = 0;
    for (size_t i = 0; i < sizeof doors / sizeof doors[0]; i++) {
        snprintf(m->gates[m->ngates], sizeof m->gates[0], "%s", doors[i]);
        m->gate_names[m->ngates++][0] = '\0';
    }
    if (!ly_kioskdb_rooms(e->db, rooms, LY_ENGINE_GATES_MAX - m->ngates, &nrooms, m->err,
                          sizeof m->err))
        return false;
    for (size_t i = 0; i < nrooms; i++) {
        snprintf(m->gates[m->ngates], sizeof m->gates[0], "room:%lld", (long long)rooms[i].id);
        snprintf(m->gate_names[m->ngates++], sizeof m->gate_names[0], "%s", rooms[i].name);
    }
    return true;
}

static bool switch_gate(struct ly_engine *e, const char *spec, char *err, size_t errsz)
{
    struct ly_gate *g = NULL;
    if (strlen(spec) > LY_GATE_MAX)
        return ly_fail(err, errsz, "gate longer than %d bytes", LY_GATE_MAX);
    if (!ly_gate_open(e->db, spec, &e->cfg.policy, &g, err, errsz))
        return false;
    ly_gate_close(e->gate);
    e->gate = g;
    snprintf(e->cfg.gate, sizeof e->cfg.gate, "%.*s", LY_GATE_MAX, spec);
    fprintf(stderr, "lanyard-kiosk: gate switched to %s by staff\n", spec);
    return true;
}

/* Unix ms of today's midnight in the event's time zone. */
static int64_t today_start_ms(const struct ly_engine *e)
{
    time_t t = (time_t)(now(e).wall_ms / 1000);
    struct tm tm;
    char day[16];
    localtime_r(&t, &tm);
    strftime(day, sizeof day, "%Y-%m-%d", &tm);
    return ly_gate_local_ms(day);
}

static void on_request(struct ly_engine *e, const struct ly_request *req)
{
    struct ly_engine_msg *m = new_msg();
    if (!m)
        return;
    m->req = *req;
    char *err = m->err;
    size_t errsz = sizeof m->err;
    switch (req->kind) {
    case LY_REQ_PIN:
        if (!e->cfg.staff_pin_hash[0]) {
            ly_fail(err, errsz, "staff mode by PIN is not set up on this kiosk");
            break;
        }
        m->ok = ly_pin_check(e->db, e->cfg.staff_pin_hash, req->text, now(e).wall_ms, &m->pin,
                             &m->retry_after_ms, err, errsz);
        break;
    case LY_REQ_LOCK: {
        bool locked = false;
        m->ok = ly_pin_lock_state(e->db, now(e).wall_ms, &locked, &m->retry_after_ms, err, errsz);
        m->pin = locked ? LY_PIN_LOCKED : LY_PIN_OK;
        break;
    }
    case LY_REQ_SEARCH:
        m->ok = ly_kioskdb_search(e->db, req->text, m->found, LY_ENGINE_SEARCH_MAX, &m->nfound, err,
                                  errsz);
        break;
    case LY_REQ_MANUAL:
        m->ok = ly_gate_manual(e->gate, req->attendee_id, req->text, req->override, now(e),
                               &m->decision, err, errsz);
        m->manual = true;
        if (m->ok) {
            e->unflushed++;
            e->last_decision_ns = ly_frame_now_ns();
            ly_kiosk_sync_kick(&e->sync);
        }
        break;
    case LY_REQ_GATE:
        m->ok = switch_gate(e, req->text, err, errsz);
        break;
    case LY_REQ_GATES:
        m->ok = list_gates(e, m);
        break;
    case LY_REQ_STATS:
        m->ok = ly_kioskdb_stats(e->db, today_start_ms(e), &m->stats, err, errsz);
        break;
    case LY_REQ_HEALTH: {
        struct ly_disk_health h;
        m->ok = ly_health_disk(e->cfg.db, &h, err, errsz);
        m->disk_free_bytes = (int64_t)h.free_bytes;
        m->disk_total_bytes = (int64_t)h.total_bytes;
        m->journal_bytes = (int64_t)h.journal_bytes;
        /* How long ago the hub last answered; -1: never (or no hub). */
        int64_t contact = e->sync.status.last_contact_ms;
        m->last_sync_ms = contact > 0 ? ly_gate_now().wall_ms - contact : -1;
        break;
    }
    case LY_REQ_CODE: {
        free(m);
        struct item it = {.is_code = true, .decoded_ns = ly_frame_now_ns()};
        it.len = strnlen(req->text, LY_BADGE_CODE_MAX);
        memcpy(it.code, req->text, it.len);
        on_code(e, &it);
        return;
    }
    }
    fill_status(e, &m->status);
    post(e, LY_MSG_REPLY, m);
}

static void *decider_main(void *arg)
{
    struct ly_engine *e = arg;
    int64_t last_status = 0;
    for (;;) {
        struct item it;
        bool have = false;
        pthread_mutex_lock(&e->lock);
        if (e->count == 0 && !atomic_load(&e->stop)) {
            struct timespec ts;
            clock_gettime(CLOCK_REALTIME, &ts);
            ts.tv_nsec += 500000000L;
            if (ts.tv_nsec >= 1000000000L) {
                ts.tv_sec++;
                ts.tv_nsec -= 1000000000L;
            }
            pthread_cond_timedwait(&e->wake, &e->lock, &ts);
        }
        if (e->count > 0) {
            it = e->queue[e->head];
            e->head = (e->head + 1) % LY_ENGINE_QUEUE_MAX;
            e->count--;
            have = true;
        }
        pthread_mutex_unlock(&e->lock);
        bool changed = false;
        if (!e->revoked && !ly_kiosk_sync_follow(&e->sync, e->gate, &changed)) {
            /* The hub revoked the kiosk and its client wiped the attendee data: no more
             * decisions; the screen says so and the kiosk stops. */
            e->revoked = true;
            atomic_store(&e->paused, true);
            post_fatal(e, "this kiosk was revoked at the hub: its attendee data is wiped; enroll "
                          "it again to use it");
        }
        if (changed)
            e->unflushed++; /* the sync wrote to the log too: checkpoint when idle */
        if (have) {
            if (e->revoked)
                continue;
            if (it.is_code)
                on_code(e, &it);
            else
                on_request(e, &it.req);
            continue;
        }
        if (atomic_load(&e->stop))
            break;
        /* Idle: copy the journal into the database file, refresh the status line. */
        checkpoint(e, false);
        int64_t t = ly_frame_now_ns();
        if (t - last_status > 2000000000LL) {
            struct ly_engine_msg *m = new_msg();
            if (m) {
                fill_status(e, &m->status);
                post(e, LY_MSG_STATUS, m);
            }
            last_status = t;
        }
    }
    checkpoint(e, true);
    return NULL;
}

/* --- lifecycle ----------------------------------------------------------------------------- */

bool ly_engine_init(struct ly_engine **out, const struct ly_kiosk_config *cfg, uint32_t event_type)
{
    struct ly_engine *e = calloc(1, sizeof *e);
    *out = e;
    if (!e)
        return false;
    e->cfg = *cfg;
    e->event_type = event_type;
    pthread_mutex_init(&e->lock, NULL);
    pthread_cond_init(&e->wake, NULL);
    pthread_mutex_init(&e->preview_lock, NULL);
    return true;
}

bool ly_engine_start(struct ly_engine *e, char *err, size_t errsz)
{
    struct ly_source_spec spec;
    bool found = false;
    if (!ly_kioskdb_open(e->cfg.db, LY_KIOSKDB_KIOSK, &e->db, err, errsz) ||
        !ly_kiosk_sync_settings(e->db, &e->cfg, err, errsz) ||
        !ly_kconfig_complete(&e->cfg, err, errsz) ||
        !ly_gate_open(e->db, e->cfg.gate, &e->cfg.policy, &e->gate, err, errsz) ||
        !ly_kioskdb_event(e->db, &e->event, &found, err, errsz) ||
        !ly_source_spec_parse(e->cfg.source, &spec, err, errsz))
        return false;
    spec.wait_for_device = true; /* a kiosk may boot before its camera enumerates */
    if (!ly_source_open(&spec, &e->src, err, errsz) ||
        !ly_scanner_open(NULL, &e->scanner, err, errsz))
        return false;
    if (e->cfg.at[0]) {
        int64_t at = ly_gate_local_ms(e->cfg.at);
        if (at < 0)
            return ly_fail(err, errsz, "cannot place %s in the event's time zone", e->cfg.at);
        e->offset_ms = at - ly_gate_now().wall_ms;
    }
    ly_kiosk_sync_start(&e->sync, e->db, &e->cfg);
    if (pthread_create(&e->decider, NULL, decider_main, e) != 0)
        return ly_fail(err, errsz, "cannot start the decision thread");
    e->decider_started = true;
    if (pthread_create(&e->capture, NULL, capture_main, e) != 0)
        return ly_fail(err, errsz, "cannot start the capture thread");
    e->capture_started = true;
    fprintf(stderr, "lanyard-kiosk: kiosk %s, gate %s, source %s\n", ly_kioskdb_kiosk_id(e->db),
            ly_gate_spec(e->gate), e->cfg.source);
    return true;
}

bool ly_engine_request(struct ly_engine *e, const struct ly_request *req)
{
    struct item it = {.is_code = false, .req = *req};
    return enqueue(e, &it);
}

void ly_engine_pause(struct ly_engine *e, bool paused)
{
    if (e)
        atomic_store(&e->paused, paused);
}

const char *ly_engine_event_name(const struct ly_engine *e)
{
    return e->event.name;
}

void ly_engine_stop(struct ly_engine *e)
{
    if (!e)
        return;
    atomic_store(&e->stop, true);
    pthread_mutex_lock(&e->lock);
    pthread_cond_signal(&e->wake);
    pthread_mutex_unlock(&e->lock);
}

void ly_engine_join(struct ly_engine *e)
{
    if (!e)
        return;
    if (e->capture_started)
        pthread_join(e->capture, NULL);
    if (e->decider_started)
        pthread_join(e->decider, NULL);
    e->capture_started = e->decider_started = false;
    ly_kiosk_sync_stop(&e->sync, !e->revoked);
    ly_scanner_close(e->scanner);
    ly_source_close(e->src);
    ly_gate_close(e->gate);
    ly_kioskdb_close(e->db);
    e->scanner = NULL;
    e->src = NULL;
    e->gate = NULL;
    e->db = NULL;
}

void ly_engine_destroy(struct ly_engine *e)
{
    if (!e)
        return;
    ly_engine_stop(e);
    ly_engine_join(e);
    pthread_mutex_destroy(&e->lock);
    pthread_cond_destroy(&e->wake);
    pthread_mutex_destroy(&e->preview_lock);
    free(e->preview);
    free(e);
}
