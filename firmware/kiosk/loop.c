/* loop.c - the kiosk loop: capture and decision threads. See loop.h. */
#include "kiosk/loop.h"

#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "capture/frame.h"
#include "capture/source.h"
#include "common/fail.h"
#include "event/records.h"
#include "gate/gate.h"
#include "gate/gate_count.h"
#include "kiosk/hublock.h"
#include "kiosk/kprint.h"
#include "kiosk/loop_staff.h"
#include "kiosk/preview.h"
#include "kioskdb/kioskdb.h"
#include "kioskdb/kioskdb_journal.h"
#include "kioskdb/kioskdb_records.h"
#include "kioskdb/kioskdb_sync.h"
#include "kiosk/sdnotify.h"
#include "kiosk/vitals.h"
#include "scan/scanner.h"

/* The journal's write-ahead log is copied into the database file when the kiosk has time: when
 * the decision thread finds nothing to do once a batch has built up or the door has been quiet
 * for a second, and in any case every CHECKPOINT_FORCE decisions (a kiosk behind its queue never
 * idles: at 4,096 the log of an entrance grew to 130 MB between two checkpoints in the uptime
 * run, tests/soak/uptime.sh; 512 decisions are about 16 MB of log). */
#define CHECKPOINT_BATCH 64
#define CHECKPOINT_FORCE 512
#define QUIET_NS         1000000000LL
#define IDLE_WAIT_MS     200          /* an idle decision thread still follows the hub this often */
#define STATUS_EVERY_NS  2000000000LL /* the status line's figures when nothing happens */
#define FPS_WINDOW_NS    2000000000LL
#define PRINT_DRAIN_MS   10000 /* at shutdown, the printer's answers to jobs sent are awaited */

enum item_kind {
    ITEM_CODE,    /* a code to decide */
    ITEM_REQUEST, /* a staff request */
    ITEM_END,     /* the source ended or failed: nothing follows */
};

/* One item for the decision thread, from the capture thread or a request. */
struct item {
    enum item_kind kind;
    char code[LY_BADGE_CODE_MAX + 1];
    size_t len;
    bool typed; /* a wedge's or the screen's code: its wait is counted until it is decided */
    uint64_t frame;
    int64_t captured_ns, decoded_ns;
    double ms_wait, ms_scan;
    struct ly_request req;
    enum ly_kiosk_end end;
    char detail[256];
};

struct ly_loop {
    struct ly_kiosk_config cfg; /* the options, with the gate from enrollment */
    struct ly_hublink *hub;
    struct ly_kiosk_sink *sink;
    struct ly_kioskdb *db;
    struct ly_gate *gate;
    struct ly_source *src;
    struct ly_scanner *scanner;
    struct ly_kprint *print; /* the print jobs and the printer, when configured */
    struct ly_event event;

    pthread_t capture, decider;
    bool capture_started, decider_started, hub_started;
    atomic_bool stop;
    atomic_bool paused;

    pthread_mutex_t lock; /* guards the queue and finished */
    pthread_cond_t wake;  /* an item for the decision thread, or stop */
    pthread_cond_t room;  /* room in the queue, or stop */
    pthread_cond_t done;  /* finished */
    struct item queue[LY_LOOP_QUEUE_MAX];
    size_t head, count;
    bool finished;

    struct ly_preview *preview; /* NULL when the sink shows none */

    atomic_bool camera_online;
    atomic_int camera_fps_x10;

    /* The decision thread's own. */
    struct ly_hublink_status hub_status; /* as last followed */
    unsigned long unflushed;             /* decisions since the last checkpoint */
    int64_t last_decision_ns;            /* monotonic */
    struct ly_loop_outcome outcome;
    struct ly_hublock hublock; /* lock-after: the hub's silence locks the kiosk */
    int64_t locked_said_ms;    /* when a locked kiosk last answered a code */
};

static double ms_since(int64_t ns)
{
    return (double)(ly_frame_now_ns() - ns) / 1e6;
}

/* A time limit for pthread_cond_timedwait on a CLOCK_MONOTONIC condition, ms from now. */
static struct timespec deadline(int ms)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    ts.tv_sec += ms / 1000;
    ts.tv_nsec += (long)(ms % 1000) * 1000000L;
    if (ts.tv_nsec >= 1000000000L) {
        ts.tv_sec++;
        ts.tv_nsec -= 1000000000L;
    }
    return ts;
}

/* --- the queue ----------------------------------------------------------------------------- */

/* Appends it; waits for room when wait (the capture thread never drops a code), else returns
 * false when the queue is full. False too once the loop stops. */
static bool enqueue(struct ly_loop *l, const struct item *it, bool wait)
{
    pthread_mutex_lock(&l->lock);
    while (wait && l->count == LY_LOOP_QUEUE_MAX && !atomic_load(&l->stop))
        pthread_cond_wait(&l->room, &l->lock);
    bool put = l->count < LY_LOOP_QUEUE_MAX && !(wait && atomic_load(&l->stop));
    if (put) {
        l->queue[(l->head + l->count) % LY_LOOP_QUEUE_MAX] = *it;
        l->count++;
        pthread_cond_signal(&l->wake);
    }
    pthread_mutex_unlock(&l->lock);
    return put;
}

/* Takes the oldest item, waiting at most wait_ms for one. Returns false when there is none. */
static bool dequeue(struct ly_loop *l, struct item *out, int wait_ms)
{
    pthread_mutex_lock(&l->lock);
    if (l->count == 0 && wait_ms > 0 && !atomic_load(&l->stop)) {
        struct timespec ts = deadline(wait_ms);
        pthread_cond_timedwait(&l->wake, &l->lock, &ts);
    }
    bool have = l->count > 0;
    if (have) {
        *out = l->queue[l->head];
        l->head = (l->head + 1) % LY_LOOP_QUEUE_MAX;
        l->count--;
        /* A capture thread waiting for room refills half the queue at once, not item by item. */
        if (l->count <= LY_LOOP_QUEUE_MAX / 2)
            pthread_cond_signal(&l->room);
    }
    pthread_mutex_unlock(&l->lock);
    return have;
}

static void finish(struct ly_loop *l, enum ly_kiosk_end why, const char *detail)
{
    l->sink->ops->end(l->sink, why, detail);
    pthread_mutex_lock(&l->lock);
    l->finished = true;
    pthread_cond_broadcast(&l->done);
    pthread_mutex_unlock(&l->lock);
}

/* --- the capture thread -------------------------------------------------------------------- */

static void push_code(struct ly_loop *l, const char *code, size_t len, struct item *it)
{
    it->kind = ITEM_CODE;
    it->decoded_ns = ly_frame_now_ns();
    if (len > LY_BADGE_CODE_MAX)
        len = 0; /* too long for any badge: decided as unreadable, never truncated */
    memcpy(it->code, code, len);
    it->len = len;
    (void)enqueue(l, it, true);
}

static void push_end(struct ly_loop *l, enum ly_kiosk_end why, const char *detail)
{
    struct item it = {.kind = ITEM_END, .end = why};
    snprintf(it.detail, sizeof it.detail, "%s", detail);
    (void)enqueue(l, &it, true);
}

bool ly_loop_preview(struct ly_loop *l, uint8_t *buf, size_t bufsz, int *w, int *h, uint64_t *seq)
{
    return l->preview && ly_preview_take(l->preview, buf, bufsz, w, h, seq);
}

static void on_frame(struct ly_loop *l, const struct ly_source_item *src)
{
    struct ly_scan_result res;
    char err[256];
    if (l->preview && ly_preview_keep(l->preview, &src->frame))
        l->sink->ops->preview(l->sink);
    if (atomic_load(&l->paused))
        return;
    struct item it = {.frame = src->frame.sequence,
                      .captured_ns = src->captured_ns,
                      .ms_wait = ms_since(src->captured_ns)};
    int64_t t0 = ly_frame_now_ns();
    if (!ly_scanner_scan(l->scanner, &src->frame, &res, err, sizeof err)) {
        fprintf(stderr, "lanyard-kiosk: frame %llu: %s\n", (unsigned long long)src->frame.sequence,
                err);
        return;
    }
    it.ms_scan = ms_since(t0);
    for (int i = 0; i < res.count; i++)
        push_code(l, res.codes[i].payload, res.codes[i].oversized ? SIZE_MAX : res.codes[i].len,
                  &it);
}

static void *capture_main(void *arg)
{
    struct ly_loop *l = arg;
    char err[256];
    int64_t window_start = ly_frame_now_ns();
    int frames = 0;
    bool offline = false;
    while (!atomic_load(&l->stop)) {
        struct ly_source_item item;
        enum ly_source_status st = ly_source_next(l->src, 200, &item, err, sizeof err);
        if (st != LY_SOURCE_OFFLINE && offline) {
            fprintf(stderr, "lanyard-kiosk: camera back\n");
            offline = false;
        }
        if (st == LY_SOURCE_FRAME) {
            atomic_store(&l->camera_online, true);
            frames++;
            on_frame(l, &item);
        } else if (st == LY_SOURCE_CODE) {
            struct item it = {.typed = true, .captured_ns = item.captured_ns};
            if (!atomic_load(&l->paused))
                push_code(l, item.code, item.code_len, &it);
        } else if (st == LY_SOURCE_OFFLINE) {
            if (!offline)
                fprintf(stderr, "lanyard-kiosk: camera offline, reconnecting: %s\n", err);
            offline = true;
            atomic_store(&l->camera_online, false);
        } else if (st == LY_SOURCE_SKIP) {
            fprintf(stderr, "lanyard-kiosk: skipped: %s\n", err);
        } else if (st == LY_SOURCE_END) {
            push_end(l, LY_KIOSK_ENDED, "");
            break;
        } else if (st == LY_SOURCE_ERROR) {
            fprintf(stderr, "lanyard-kiosk: source failed: %s\n", err);
            atomic_store(&l->camera_online, false);
            push_end(l, LY_KIOSK_FAILED, err);
            break;
        }
        int64_t now = ly_frame_now_ns();
        if (now - window_start >= FPS_WINDOW_NS) {
            atomic_store(&l->camera_fps_x10,
                         (int)(frames * 10 * 1e9 / (double)(now - window_start)));
            window_start = now;
            frames = 0;
        }
    }
    return NULL;
}

/* --- the decision thread ------------------------------------------------------------------- */

static struct ly_gate_time now(const struct ly_loop *l)
{
    (void)l; /* --at moves ly_gate_now itself (ly_gate_set_clock_offset) */
    return ly_gate_now();
}

static void checkpoint(struct ly_loop *l, bool idle)
{
    char err[256];
    bool quiet = ly_frame_now_ns() - l->last_decision_ns > QUIET_NS;
    if (l->unflushed == 0 ||
        (!(idle && (l->unflushed >= CHECKPOINT_BATCH || quiet)) && l->unflushed < CHECKPOINT_FORCE))
        return;
    if (!ly_kioskdb_checkpoint(l->db, NULL, err, sizeof err))
        fprintf(stderr, "lanyard-kiosk: %s\n", err); /* the log keeps everything meanwhile */
    l->unflushed = 0;
}

/* Counts a journaled decision and tells the hub's client. */
static void journaled(struct ly_loop *l)
{
    l->outcome.decisions++;
    l->unflushed++;
    l->last_decision_ns = ly_frame_now_ns();
    if (l->hub)
        l->hub->ops->kick(l->hub);
}

/* Reads the status line's figures and hands them to the sink, when it wants them. */
static void send_status(struct ly_loop *l)
{
    struct ly_kiosk_status s;
    char err[256];
    if (!l->sink->ops->status)
        return;
    memset(&s, 0, sizeof s);
    if (!ly_kioskdb_unsent(l->db, &s.unsent, err, sizeof err))
        s.unsent = -1;
    struct ly_kiosk_count count;
    if (ly_gate_count(l->gate, now(l).wall_ms, &count, err, sizeof err)) {
        s.inside = count.inside;
        s.inside_as_of = count.as_of;
    } else {
        s.inside = -1;
    }
    s.camera_online = atomic_load(&l->camera_online);
    s.camera_fps = atomic_load(&l->camera_fps_x10) / 10.0;
    s.hub = l->hub_status.active;
    s.online = l->hub_status.online;
    s.last_contact_ms = l->hub_status.last_contact_ms;
    snprintf(s.gate, sizeof s.gate, "%s", ly_gate_spec(l->gate));
    ly_kioskdb_place_label(l->db, ly_gate_place(l->gate), s.gate_label, sizeof s.gate_label);
    if (!ly_gate_fullness(l->gate, now(l).wall_ms, &s.fullness, err, sizeof err))
        s.fullness.level = LY_FULLNESS_NONE; /* (a database error: the next status tries again) */
    if ((s.printer = ly_kprint_has_printer(l->print))) {
        struct ly_printer_health ph;
        ly_kprint_health(l->print, &ph);
        s.printer_state = ph.state;
        s.printer_reason = ph.reason;
    }
    l->sink->ops->status(l->sink, &s);
}

/* Whether the decision admits someone whose category opens staff mode. */
static bool opens_staff_mode(const struct ly_loop *l, const struct ly_decision *d)
{
    return d->identified && d->kind != LY_DECISION_DENIED &&
           ly_kconfig_staff_category(&l->cfg, d->attendee.category);
}

/* Hands a decision to the sink, then the status it changed. */
static void report(struct ly_loop *l, struct ly_kiosk_decision *d)
{
    snprintf(d->gate, sizeof d->gate, "%s", ly_gate_spec(l->gate));
    d->hub = l->hub_status;
    d->ms_total = d->captured_ns ? ms_since(d->captured_ns) : 0;
    l->sink->ops->decision(l->sink, d);
    send_status(l);
    checkpoint(l, false);
}

/* A print job's news for the sink (ly_kprint_pump). */
static void print_news(void *ctx, const struct ly_kiosk_print *ev)
{
    struct ly_loop *l = ctx;
    if (l->sink->ops->print)
        l->sink->ops->print(l->sink, ev);
    send_status(l); /* the status line says the printer's state */
}

/* The worker's notify, from its thread: wakes the decision thread to poll. */
static void printer_news(void *ctx)
{
    struct ly_loop *l = ctx;
    pthread_mutex_lock(&l->lock);
    pthread_cond_signal(&l->wake);
    pthread_mutex_unlock(&l->lock);
}

/* Decides about one code; reports it only once it is journaled. */
static void on_code(struct ly_loop *l, const struct item *it)
{
    static struct ly_kiosk_decision zero;
    struct ly_kiosk_decision d = zero;
    d.frame = it->frame;
    d.captured_ns = it->captured_ns;
    d.decoded_ns = it->decoded_ns;
    d.ms_wait = it->typed ? ms_since(it->captured_ns) : it->ms_wait;
    d.ms_scan = it->ms_scan;
    int64_t t = now(l).wall_ms;
    if (ly_hublock_locked(&l->hublock, t)) {
        if (t - l->locked_said_ms < l->cfg.policy.holdoff_ms)
            return; /* a code held in view: said once */
        l->locked_said_ms = t;
        d.locked = true;
        report(l, &d);
        return;
    }
    if (!ly_gate_decide(l->gate, it->code, it->len, now(l), &d.decision, d.err, sizeof d.err)) {
        /* Not durable, so not a decision: the screen asks the person to see staff. */
        l->outcome.failures++;
        fprintf(stderr, "lanyard-kiosk: could not journal a decision, none reported: %s\n", d.err);
        d.journal_failed = true;
    } else if (d.decision.held_off) {
        return;
    } else {
        journaled(l);
        d.staff_badge = opens_staff_mode(l, &d.decision);
    }
    report(l, &d);
    ly_kprint_hand(l->print, &d.decision); /* a pickup's badge, a session's slip */
}

/* A request: a code typed on the screen is decided as any code; a staff request runs in
 * loop_staff.c, and a decision it journaled is reported and printed before the reply. */
static void on_request(struct ly_loop *l, const struct ly_request *req)
{
    if (req->kind == LY_REQ_CODE) {
        struct item it = {.kind = ITEM_CODE, .typed = true};
        it.captured_ns = it.decoded_ns = ly_frame_now_ns();
        it.len = strnlen(req->text, LY_BADGE_CODE_MAX);
        memcpy(it.code, req->text, it.len);
        on_code(l, &it);
        return;
    }
    if (!l->sink->ops->reply)
        return;
    struct ly_kiosk_reply *r = calloc(1, sizeof *r);
    if (!r)
        return;
    static struct ly_kiosk_decision zero;
    struct ly_kiosk_decision d = zero;
    struct ly_staff_ctx c = {l->db, &l->gate, &l->cfg, &l->hublock, &l->hub_status, l->print};
    if (ly_staff_request(&c, req, r, &d)) {
        journaled(l);
        report(l, &d); /* with the status it changed */
        ly_kprint_hand(l->print, &d.decision);
    } else {
        send_status(l);
    }
    l->sink->ops->reply(l->sink, r);
    free(r);
}

/* Takes in what the hub's client did: reloads the gate after pulled changes; stops deciding
 * when the hub revoked the kiosk. */
static void follow_hub(struct ly_loop *l)
{
    char err[512];
    if (!l->hub || l->outcome.revoked)
        return;
    enum ly_hublink_news news = l->hub->ops->follow(l->hub, &l->hub_status);
    if (l->hub_status.last_contact_ms >
        0) /* the kiosk's clock (--at moves the sync client's too) */
        ly_hublock_heard(&l->hublock, l->db, l->hub_status.last_contact_ms);
    if (news == LY_HUBLINK_REVOKED) {
        l->outcome.revoked = true;
        atomic_store(&l->paused, true);
        finish(l, LY_KIOSK_REVOKED,
               "this kiosk was revoked at the hub: its attendee data is wiped; enroll it again to "
               "use it");
    } else if (news == LY_HUBLINK_CHANGED) {
        if (!ly_gate_reload(l->gate, err, sizeof err))
            fprintf(stderr, "lanyard-kiosk: after a sync: %s (keeping the gate as it was)\n", err);
        l->unflushed++; /* the sync wrote to the log too: checkpoint when idle */
    }
}

static void on_item(struct ly_loop *l, const struct item *it)
{
    if (l->outcome.revoked)
        return;
    if (it->kind == ITEM_CODE) {
        on_code(l, it);
    } else if (it->kind == ITEM_REQUEST) {
        on_request(l, &it->req);
    } else {
        if (it->end == LY_KIOSK_FAILED)
            l->outcome.failed = true;
        else
            l->outcome.ended = true;
        finish(l, it->end, it->detail);
    }
}

static void *decider_main(void *arg)
{
    struct ly_loop *l = arg;
    int64_t last_status = 0;
    for (;;) {
        struct item it;
        /* systemd's watchdog hears from this thread: a hung loop is restarted (sdnotify.h) */
        ly_sdnotify_beat(&(struct ly_sdnotify_figures){
            l->outcome.decisions, l->hub_status.unsent, l->hub_status.state, ly_gate_spec(l->gate),
            atomic_load(&l->camera_online), atomic_load(&l->camera_fps_x10)});
        if (ly_kprint_has_printer(l->print)) { /* for the health the hub hears (vitals.h) */
            struct ly_printer_health ph;
            ly_kprint_health(l->print, &ph);
            ly_vitals_set_printer((int)ph.state);
        }
        bool have = dequeue(l, &it, 0);
        if (!have && !atomic_load(&l->stop)) {
            /* Nothing to do: copy the journal into the database file, refresh the status. */
            checkpoint(l, true);
            int64_t t = ly_frame_now_ns();
            if (t - last_status > STATUS_EVERY_NS) {
                send_status(l);
                last_status = t;
            }
            have = dequeue(l, &it, IDLE_WAIT_MS);
        }
        follow_hub(l);
        ly_kprint_pump(l->print, print_news, l);
        if (have)
            on_item(l, &it);
        else if (atomic_load(&l->stop))
            break;
    }
    return NULL;
}

/* --- lifecycle ----------------------------------------------------------------------------- */

bool ly_loop_check_config(const struct ly_kiosk_config *cfg, char *err, size_t errsz)
{
    struct ly_kiosk_config given = *cfg;
    if (given.gate[0] == '\0')
        snprintf(given.gate, sizeof given.gate, "(from enrollment)");
    return ly_kconfig_complete(&given, err, errsz);
}

/* Fills what cfg leaves open from the enrollment stored in db (the gate), and refuses a kiosk
 * the hub revoked. */
static bool enrollment(struct ly_kioskdb *db, struct ly_kiosk_config *cfg, char *err, size_t errsz)
{
    char revoked[32], gate[LY_GATE_MAX + 1];
    bool found;
    if (!ly_kioskdb_meta_text(db, "revoked_ms", revoked, sizeof revoked, &found, err, errsz))
        return false;
    if (found)
        return ly_fail(err, errsz,
                       "this kiosk was revoked at the hub and its attendee data wiped: enroll it "
                       "again (--hub URL --enroll CODE)");
    if (!ly_kioskdb_meta_text(db, "gate", gate, sizeof gate, &found, err, errsz))
        return false;
    if (found && cfg->gate[0] == '\0')
        snprintf(cfg->gate, sizeof cfg->gate, "%s", gate);
    /* The hub accepts check-ins from the enrolled gate and the ones staff mode offers (the
     * doors, any room); the rest it refuses (docs/security.md). */
    const char *g = cfg->gate;
    if (found && strcmp(g, gate) != 0 && strcmp(g, "entrance") != 0 && strcmp(g, "exit") != 0 &&
        strcmp(g, "desk") != 0 && strncmp(g, "room:", 5) != 0)
        fprintf(stderr,
                "lanyard-kiosk: warning: gate %s is neither the gate this kiosk was enrolled at "
                "(%s) nor one staff mode offers: the hub will refuse its check-ins (enroll it at "
                "this gate)\n",
                g, gate);
    return true;
}

bool ly_loop_init(struct ly_loop **out, const struct ly_kiosk_config *cfg, struct ly_hublink *hub,
                  struct ly_kiosk_sink *sink)
{
    struct ly_loop *l = calloc(1, sizeof *l);
    pthread_condattr_t mono;
    *out = l;
    if (!l)
        return false;
    l->cfg = *cfg;
    l->hub = hub;
    l->sink = sink;
    pthread_mutex_init(&l->lock, NULL);
    pthread_condattr_init(&mono);
    pthread_condattr_setclock(&mono, CLOCK_MONOTONIC);
    pthread_cond_init(&l->wake, &mono);
    pthread_cond_init(&l->room, &mono);
    pthread_cond_init(&l->done, &mono);
    pthread_condattr_destroy(&mono);
    return !sink->ops->preview || ly_preview_init(&l->preview);
}

/* Starts the hub's client and both threads with SIGTERM and SIGINT blocked, so that they reach
 * the thread that started the loop (its wait, or SDL's event loop). */
static bool start_threads(struct ly_loop *l, char *err, size_t errsz)
{
    sigset_t block, saved;
    bool ok = true;
    sigemptyset(&block);
    sigaddset(&block, SIGTERM);
    sigaddset(&block, SIGINT);
    pthread_sigmask(SIG_BLOCK, &block, &saved);
    if (l->hub) {
        l->hub->ops->start(l->hub, l->db, &l->cfg);
        l->hub_started = true;
    }
    if (pthread_create(&l->decider, NULL, decider_main, l) != 0)
        ok = ly_fail(err, errsz, "cannot start the decision thread");
    else
        l->decider_started = true;
    if (ok && pthread_create(&l->capture, NULL, capture_main, l) != 0)
        ok = ly_fail(err, errsz, "cannot start the capture thread");
    else if (ok)
        l->capture_started = true;
    pthread_sigmask(SIG_SETMASK, &saved, NULL);
    return ok;
}

bool ly_loop_start(struct ly_loop *l, char *err, size_t errsz)
{
    struct ly_source_spec spec;
    int64_t unsent = 0;
    bool found = false;
    if (!ly_loop_check_config(&l->cfg, err, errsz) ||
        !ly_kioskdb_open(l->cfg.db, LY_KIOSKDB_KIOSK, &l->db, err, errsz) ||
        !enrollment(l->db, &l->cfg, err, errsz) || !ly_kconfig_complete(&l->cfg, err, errsz) ||
        !ly_gate_open(l->db, l->cfg.gate, &l->cfg.policy, &l->gate, err, errsz) ||
        !ly_kioskdb_event(l->db, &l->event, &found, err, errsz) ||
        !ly_source_spec_parse(l->cfg.source, &spec, err, errsz))
        return false;
    spec.wait_for_device = true; /* a kiosk may boot before its camera enumerates */
    int held = 0;
    if (!ly_source_open(&spec, &l->src, err, errsz) ||
        !ly_scanner_open(NULL, &l->scanner, err, errsz) ||
        !ly_kioskdb_unsent(l->db, &unsent, err, errsz) ||
        !ly_kprint_open(&l->print, l->db, &l->cfg, printer_news, l, &held, err, errsz))
        return false;
    if (held > 0)
        fprintf(stderr,
                "lanyard-kiosk: %d print job(s) were sent to the printer when the kiosk stopped "
                "and may have printed: held for staff (staff mode, print jobs), not resent\n",
                held);
    if (l->cfg.at[0]) {
        int64_t at = ly_gate_local_ms(l->cfg.at);
        if (at < 0)
            return ly_fail(err, errsz, "cannot place %s in the event's time zone", l->cfg.at);
        ly_gate_set_clock_offset(at - ly_gate_now().wall_ms);
    }
    if (!ly_hublock_init(&l->hublock, l->db, l->cfg.lock_after_min, now(l).wall_ms, err, errsz))
        return false;
    fprintf(stderr,
            "lanyard-kiosk: kiosk %s, gate %s (%s), source %s, %lld check-ins not yet "
            "sent%s%s\n",
            ly_kioskdb_kiosk_id(l->db), ly_gate_spec(l->gate),
            ly_gate_place(l->gate)[0] ? ly_gate_place(l->gate) : "identifies only", l->cfg.source,
            (long long)unsent, l->cfg.at[0] ? ", clock set to " : "", l->cfg.at);
    return start_threads(l, err, errsz);
}

bool ly_loop_request(struct ly_loop *l, const struct ly_request *req)
{
    struct item it = {.kind = ITEM_REQUEST, .req = *req};
    return enqueue(l, &it, false);
}

void ly_loop_pause(struct ly_loop *l, bool paused)
{
    if (l)
        atomic_store(&l->paused, paused);
}

const char *ly_loop_event_name(const struct ly_loop *l)
{
    return l->event.name;
}

bool ly_loop_wait(struct ly_loop *l, int timeout_ms)
{
    struct timespec ts = deadline(timeout_ms);
    pthread_mutex_lock(&l->lock);
    int rc = 0;
    while (!l->finished && rc == 0)
        rc = pthread_cond_timedwait(&l->done, &l->lock, &ts);
    bool finished = l->finished;
    pthread_mutex_unlock(&l->lock);
    return finished;
}

void ly_loop_stop(struct ly_loop *l)
{
    if (!l)
        return;
    atomic_store(&l->stop, true);
    pthread_mutex_lock(&l->lock);
    pthread_cond_broadcast(&l->wake);
    pthread_cond_broadcast(&l->room);
    pthread_mutex_unlock(&l->lock);
}

void ly_loop_join(struct ly_loop *l)
{
    if (!l)
        return;
    if (l->capture_started)
        pthread_join(l->capture, NULL);
    if (l->decider_started)
        pthread_join(l->decider, NULL);
    l->capture_started = l->decider_started = false;
    if (l->hub_started) {
        struct ly_loop_outcome o = l->outcome;
        l->hub->ops->stop(l->hub, !o.revoked && !o.failed && o.failures == 0);
        l->hub_started = false;
    }
    ly_kprint_drain(l->print, PRINT_DRAIN_MS);
    ly_kprint_close(l->print);
    ly_scanner_close(l->scanner);
    ly_source_close(l->src);
    ly_gate_close(l->gate);
    ly_kioskdb_close(l->db);
    l->print = NULL;
    l->scanner = NULL;
    l->src = NULL;
    l->gate = NULL;
    l->db = NULL;
}

struct ly_loop_outcome ly_loop_outcome(const struct ly_loop *l)
{
    return l->outcome;
}

void ly_loop_destroy(struct ly_loop *l)
{
    if (!l)
        return;
    ly_loop_stop(l);
    ly_loop_join(l);
    pthread_mutex_destroy(&l->lock);
    pthread_cond_destroy(&l->wake);
    pthread_cond_destroy(&l->room);
    pthread_cond_destroy(&l->done);
    ly_preview_destroy(l->preview);
    free(l);
}
