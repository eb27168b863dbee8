/* printer.c - the print worker: a queue of copied jobs, one thread that draws and sends them,
 * the events callers poll, failed jobs kept for retry, and the printer's health. See printer.h.
 *
 * The lock guards the queue, the events, the kept jobs and the health; it is never held across
 * drawing or printer I/O, so submit, poll, retry and health never wait for a printer. */
#include "print/printer.h"

#include <errno.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "common/fail.h"
#include "common/ly_limits.h"
#include "print/rawprint.h"
#include "print/ipp.h"
#include "print/label.h"
#include "print/brother_ql.h"
#include "print/escpos.h"
#include "print/zpl.h"

/* A job as the worker holds it: the caller's strings copied into one allocation. */
struct job {
    uint64_t id;
    char tag[LY_PRINT_TAG_MAX + 1];
    struct ly_print_job view; /* points into text */
    char *text;
};

struct ly_printer {
    struct ly_printer_config cfg;
    struct ly_print_spec spec;
    const struct ly_raw_lang *raw; /* NULL for IPP */
    int dpi;
    pthread_t thread;
    bool started, joined;
    atomic_bool stop;

    pthread_mutex_t mu;
    pthread_cond_t cv;
    struct job *queue[LY_PRINT_QUEUE_MAX]; /* ring */
    size_t qhead, qlen;
    struct job *kept[LY_PRINT_KEEP_MAX]; /* failed, oldest first */
    size_t nkept;
    struct ly_print_event events[LY_PRINT_EVENTS_MAX]; /* ring */
    size_t ehead, elen;
    uint64_t next_id;
    struct ly_printer_health health;

    struct ly_label *label; /* the worker's alone */
    struct job *current;    /* the job being printed (worker), for the sent hook */
};

/* --- jobs ----------------------------------------------------------------------------------- */

/* The strings of a job, in one order, with their limits. */
#define JOB_STRINGS 11
static void job_strings(struct ly_print_job *j, const char **s[JOB_STRINGS],
                        size_t max[JOB_STRINGS])
{
    struct ly_card *c = &j->card;
    struct ly_slip *sl = &j->slip;
    const char **p[JOB_STRINGS] = {
        &c->name,       &c->name_latin,  &c->name_lang, &c->affiliation, &c->country, &c->category,
        &c->event_name, &c->event_dates, &c->reference, &c->code,        NULL};
    const char **q[JOB_STRINGS] = {&sl->name, &sl->name_lang,  &sl->session, &sl->room,
                                   &sl->time, &sl->event_name, &sl->code,    NULL};
    const size_t pm[JOB_STRINGS] = {LY_NAME_MAX,
                                    LY_NAME_MAX,
                                    LY_LABEL_MAX,
                                    LY_AFFILIATION_MAX,
                                    LY_EVENT_NAME_MAX,
                                    LY_LABEL_MAX,
                                    LY_EVENT_NAME_MAX,
                                    LY_EVENT_NAME_MAX,
                                    LY_TITLE_MAX,
                                    LY_BADGE_CODE_MAX,
                                    0};
    const size_t qm[JOB_STRINGS] = {
        LY_NAME_MAX,  LY_LABEL_MAX,      LY_TITLE_MAX,      LY_ROOM_NAME_MAX,
        LY_TITLE_MAX, LY_EVENT_NAME_MAX, LY_BADGE_CODE_MAX, 0};
    for (int i = 0; i < JOB_STRINGS; i++) {
        s[i] = j->kind == LY_JOB_BADGE ? p[i] : q[i];
        max[i] = j->kind == LY_JOB_BADGE ? pm[i] : qm[i];
    }
}

static void job_free(struct job *j)
{
    if (j != NULL)
        free(j->text);
    free(j);
}

/* Copies *in into a new job. Returns NULL with a message when it is invalid. */
static struct job *job_copy(const struct ly_print_job *in, char *err, size_t errsz)
{
    if (in->kind != LY_JOB_BADGE && in->kind != LY_JOB_SLIP) {
        ly_fail(err, errsz, "print job: unknown kind %d", (int)in->kind);
        return NULL;
    }
    if (in->tag != NULL && strlen(in->tag) > LY_PRINT_TAG_MAX) {
        ly_fail(err, errsz, "print job: a tag of at most %d bytes", LY_PRINT_TAG_MAX);
        return NULL;
    }
    struct job *j = calloc(1, sizeof(*j));
    if (j == NULL) {
        ly_fail(err, errsz, "out of memory");
        return NULL;
    }
    j->view = *in;
    j->view.tag = NULL;
    snprintf(j->tag, sizeof j->tag, "%s", in->tag != NULL ? in->tag : "");
    const char **s[JOB_STRINGS];
    size_t max[JOB_STRINGS], total = 0;
    job_strings(&j->view, s, max);
    for (int i = 0; i < JOB_STRINGS && s[i] != NULL; i++) {
        size_t n = *s[i] != NULL ? strlen(*s[i]) : 0;
        if (n > max[i]) {
            ly_fail(err, errsz, "print job: field %d is %zu bytes (at most %zu)", i, n, max[i]);
            job_free(j);
            return NULL;
        }
        total += n + 1;
    }
    const char *name = in->kind == LY_JOB_BADGE ? in->card.name : in->slip.name;
    const char *code = in->kind == LY_JOB_BADGE ? in->card.code : in->slip.code;
    if (name == NULL || name[0] == '\0' || code == NULL || code[0] == '\0') {
        ly_fail(err, errsz, "print job: a name and a code are required");
        job_free(j);
        return NULL;
    }
    j->text = malloc(total);
    if (j->text == NULL) {
        ly_fail(err, errsz, "out of memory");
        job_free(j);
        return NULL;
    }
    char *p = j->text;
    for (int i = 0; i < JOB_STRINGS && s[i] != NULL; i++) {
        const char *src = *s[i] != NULL ? *s[i] : "";
        size_t n = strlen(src);
        memcpy(p, src, n + 1);
        *s[i] = p;
        p += n + 1;
    }
    return j;
}

/* --- events and health (called with the lock held) ------------------------------------------- */

static bool final_state(enum ly_job_state s)
{
    return s == LY_JOB_DONE || s == LY_JOB_FAILED;
}

static void emit(struct ly_printer *p, const struct job *j, enum ly_job_state state,
                 const struct ly_print_result *res)
{
    if (p->elen == LY_PRINT_EVENTS_MAX) {
        /* Drop the oldest non-final event; when every event held is final, the oldest. */
        size_t drop = 0;
        for (size_t i = 0; i < p->elen; i++) {
            if (!final_state(p->events[(p->ehead + i) % LY_PRINT_EVENTS_MAX].state)) {
                drop = i;
                break;
            }
        }
        for (size_t i = drop; i > 0; i--)
            p->events[(p->ehead + i) % LY_PRINT_EVENTS_MAX] =
                p->events[(p->ehead + i - 1) % LY_PRINT_EVENTS_MAX];
        p->ehead = (p->ehead + 1) % LY_PRINT_EVENTS_MAX;
        p->elen--;
    }
    struct ly_print_event *ev = &p->events[(p->ehead + p->elen) % LY_PRINT_EVENTS_MAX];
    memset(ev, 0, sizeof(*ev));
    ev->job_id = j->id;
    memcpy(ev->tag, j->tag, sizeof ev->tag);
    ev->state = state;
    if (res != NULL) {
        ev->reason = state == LY_JOB_FAILED ? res->reason : LY_PR_NONE;
        ev->maybe_printed = state == LY_JOB_FAILED && res->maybe_printed;
        snprintf(ev->detail, sizeof ev->detail, "%s", res->detail);
    }
    p->elen++;
}

static void notify(struct ly_printer *p)
{
    if (p->cfg.notify != NULL)
        p->cfg.notify(p->cfg.notify_ctx);
}

/* Records what the printer last said: a clean answer (reason NONE) or a problem. */
static void health_saw(struct ly_printer *p, enum ly_print_reason reason, const char *detail)
{
    struct ly_printer_health *h = &p->health;
    int64_t now = (int64_t)time(NULL);
    if (reason == LY_PR_NONE) {
        h->state = LY_PRINTER_READY;
        h->reason = LY_PR_NONE;
        h->last_ok_unix = now;
        return;
    }
    snprintf(h->last_error, sizeof h->last_error, "%s", detail);
    h->last_error_unix = now;
    if (reason == LY_PR_BAD_JOB) /* the job's fault, not the printer's */
        return;
    h->state = reason == LY_PR_OFFLINE ? LY_PRINTER_OFFLINE : LY_PRINTER_ERROR;
    h->reason = reason;
}

/* --- the worker ------------------------------------------------------------------------------ */

static void on_sent(void *arg)
{
    struct ly_printer *p = arg;
    pthread_mutex_lock(&p->mu);
    emit(p, p->current, LY_JOB_SENT, NULL);
    pthread_mutex_unlock(&p->mu);
    notify(p);
}

/* Draws and sends job j. Returns true when it printed; false with *res. */
static bool print_one(struct ly_printer *p, struct job *j, struct ly_print_result *res)
{
    memset(res, 0, sizeof(*res));
    struct ly_print_timing t = {
        .io_ms = p->cfg.io_timeout_ms,
        .done_ms = p->cfg.done_timeout_ms,
        .stop = &p->stop,
        .sent = on_sent,
        .arg = p,
    };
    char err[LY_PRINT_DETAIL_MAX] = "";
    if (p->label == NULL && !ly_label_open(&p->label, p->cfg.label, p->dpi, err, sizeof err)) {
        res->reason = LY_PR_UNKNOWN;
        snprintf(res->detail, sizeof res->detail, "%s", err);
        return false;
    }
    if (p->raw != NULL) {
        struct ly_bitmap b;
        if (!ly_label_raster(p->label, &j->view, &b, NULL, err, sizeof err)) {
            res->reason = LY_PR_BAD_JOB;
            snprintf(res->detail, sizeof res->detail, "%s", err);
            return false;
        }
        bool ok = ly_raw_print(p->raw, &p->spec, p->cfg.label, &b, &t, res);
        ly_bitmap_free(&b);
        return ok;
    }
    const char *dir = getenv("TMPDIR");
    char path[512];
    snprintf(path, sizeof path, "%s/lanyard-print-XXXXXX", dir != NULL && dir[0] ? dir : "/tmp");
    int fd = mkstemp(path);
    if (fd < 0) {
        res->reason = LY_PR_UNKNOWN;
        snprintf(res->detail, sizeof res->detail, "temporary PDF: %s", strerror(errno));
        return false;
    }
    close(fd);
    bool ok;
    if (!ly_label_pdf(p->label, &j->view, path, err, sizeof err)) {
        res->reason = LY_PR_BAD_JOB;
        snprintf(res->detail, sizeof res->detail, "%s", err);
        ok = false;
    } else {
        char title[64];
        snprintf(title, sizeof title, "lanyard %s %llu",
                 j->view.kind == LY_JOB_BADGE ? "badge" : "slip", (unsigned long long)j->id);
        ok = ly_ipp_print(&p->spec, p->cfg.label, path, title, &t, res);
    }
    unlink(path);
    return ok;
}

static void probe(struct ly_printer *p)
{
    struct ly_print_result res;
    if (p->raw != NULL)
        (void)ly_raw_status(p->raw, &p->spec, p->cfg.label, p->cfg.io_timeout_ms, &res);
    else
        (void)ly_ipp_status(&p->spec, p->cfg.io_timeout_ms, &res);
    pthread_mutex_lock(&p->mu);
    health_saw(p, res.reason, res.detail);
    pthread_mutex_unlock(&p->mu);
}

static void *worker(void *arg)
{
    struct ly_printer *p = arg;
    /* The printer's state from the start (paper out before the first badge, not after it),
     * unless a job is already waiting: its answer will say. */
    pthread_mutex_lock(&p->mu);
    if (p->qlen == 0 && p->cfg.idle_status_ms >= 0) {
        pthread_mutex_unlock(&p->mu);
        probe(p);
        pthread_mutex_lock(&p->mu);
    }
    while (!atomic_load(&p->stop)) {
        if (p->qlen == 0) {
            if (p->cfg.idle_status_ms < 0) {
                pthread_cond_wait(&p->cv, &p->mu);
                continue;
            }
            struct timespec until;
            clock_gettime(CLOCK_REALTIME, &until);
            until.tv_sec += p->cfg.idle_status_ms / 1000;
            until.tv_nsec += (long)(p->cfg.idle_status_ms % 1000) * 1000000L;
            if (until.tv_nsec >= 1000000000L) {
                until.tv_sec++;
                until.tv_nsec -= 1000000000L;
            }
            int rc = pthread_cond_timedwait(&p->cv, &p->mu, &until);
            if (rc == ETIMEDOUT && p->qlen == 0 && !atomic_load(&p->stop)) {
                pthread_mutex_unlock(&p->mu);
                probe(p);
                pthread_mutex_lock(&p->mu);
            }
            continue;
        }
        struct job *j = p->queue[p->qhead];
        p->qhead = (p->qhead + 1) % LY_PRINT_QUEUE_MAX;
        p->qlen--;
        p->current = j;
        p->health.queued = (unsigned)p->qlen;
        p->health.state = LY_PRINTER_PRINTING;
        emit(p, j, LY_JOB_SENDING, NULL);
        pthread_mutex_unlock(&p->mu);
        notify(p);

        struct ly_print_result res;
        bool ok = print_one(p, j, &res);

        pthread_mutex_lock(&p->mu);
        p->current = NULL;
        health_saw(p, ok ? LY_PR_NONE : res.reason, res.detail);
        if (ok) {
            p->health.labels_printed++;
            emit(p, j, LY_JOB_DONE, &res);
            job_free(j);
        } else {
            p->health.jobs_failed++;
            emit(p, j, LY_JOB_FAILED, &res);
            if (p->nkept == LY_PRINT_KEEP_MAX) {
                job_free(p->kept[0]);
                memmove(p->kept, p->kept + 1, (LY_PRINT_KEEP_MAX - 1) * sizeof p->kept[0]);
                p->nkept--;
            }
            p->kept[p->nkept++] = j;
        }
        pthread_mutex_unlock(&p->mu);
        notify(p);
        pthread_mutex_lock(&p->mu);
    }
    pthread_mutex_unlock(&p->mu);
    return NULL;
}

/* --- the interface --------------------------------------------------------------------------- */

bool ly_printer_init(struct ly_printer **out, const struct ly_printer_config *cfg, char *err,
                     size_t errsz)
{
    *out = NULL;
    struct ly_print_spec spec;
    if (!ly_print_spec_parse(cfg->spec, &spec, err, errsz))
        return false;
    if ((unsigned)cfg->label >= LY_LABEL_COUNT)
        return ly_fail(err, errsz, "printer: unknown label size %d", (int)cfg->label);
    const struct ly_raw_lang *raw = spec.lang == LY_PRINT_ZPL      ? &ly_zpl_lang
                                    : spec.lang == LY_PRINT_QL     ? &ly_ql_lang
                                    : spec.lang == LY_PRINT_ESCPOS ? &ly_escpos_lang
                                                                   : NULL;
    if (raw != NULL && !raw->label_ok(cfg->label, err, errsz))
        return false;
    int dpi = cfg->dpi != 0 ? cfg->dpi : raw != NULL ? raw->default_dpi : 300;
    if (dpi < 100 || dpi > 600)
        return ly_fail(err, errsz, "printer: %d dpi (100 to 600)", dpi);
    if (cfg->io_timeout_ms < 0 || cfg->done_timeout_ms < 0 || cfg->idle_status_ms < -1)
        return ly_fail(err, errsz, "printer: a negative timeout");
    struct ly_printer *p = calloc(1, sizeof(*p));
    if (p == NULL)
        return ly_fail(err, errsz, "out of memory");
    p->cfg = *cfg;
    p->cfg.spec = NULL;
    p->cfg.io_timeout_ms = cfg->io_timeout_ms > 0 ? cfg->io_timeout_ms : 5000;
    p->cfg.done_timeout_ms = cfg->done_timeout_ms > 0 ? cfg->done_timeout_ms : 30000;
    p->cfg.idle_status_ms = cfg->idle_status_ms != 0 ? cfg->idle_status_ms : 15000;
    p->spec = spec;
    p->raw = raw;
    p->dpi = dpi;
    p->next_id = 1;
    atomic_init(&p->stop, false);
    pthread_mutex_init(&p->mu, NULL);
    pthread_cond_init(&p->cv, NULL);
    (void)ly_print_spec_format(&spec, p->health.spec, sizeof p->health.spec);
    p->health.label = cfg->label;
    *out = p;
    return true;
}

bool ly_printer_start(struct ly_printer *p, char *err, size_t errsz)
{
    if (p->started)
        return ly_fail(err, errsz, "printer: already started");
    int rc = pthread_create(&p->thread, NULL, worker, p);
    if (rc != 0)
        return ly_fail(err, errsz, "printer: cannot start its thread: %s", strerror(rc));
    p->started = true;
    return true;
}

void ly_printer_stop(struct ly_printer *p)
{
    pthread_mutex_lock(&p->mu);
    atomic_store(&p->stop, true);
    pthread_cond_broadcast(&p->cv);
    pthread_mutex_unlock(&p->mu);
}

void ly_printer_join(struct ly_printer *p)
{
    if (p->started && !p->joined) {
        pthread_join(p->thread, NULL);
        p->joined = true;
    }
}

void ly_printer_destroy(struct ly_printer *p)
{
    if (p == NULL)
        return;
    ly_printer_stop(p);
    ly_printer_join(p);
    for (size_t i = 0; i < p->qlen; i++)
        job_free(p->queue[(p->qhead + i) % LY_PRINT_QUEUE_MAX]);
    for (size_t i = 0; i < p->nkept; i++)
        job_free(p->kept[i]);
    ly_label_close(p->label);
    pthread_cond_destroy(&p->cv);
    pthread_mutex_destroy(&p->mu);
    free(p);
}

/* Appends j to the queue (lock held). */
static bool enqueue(struct ly_printer *p, struct job *j, char *err, size_t errsz)
{
    if (p->qlen == LY_PRINT_QUEUE_MAX)
        return ly_fail(err, errsz, "printer: %d jobs are waiting already", LY_PRINT_QUEUE_MAX);
    p->queue[(p->qhead + p->qlen) % LY_PRINT_QUEUE_MAX] = j;
    p->qlen++;
    p->health.queued = (unsigned)p->qlen;
    emit(p, j, LY_JOB_QUEUED, NULL);
    pthread_cond_broadcast(&p->cv);
    return true;
}

bool ly_printer_submit(struct ly_printer *p, const struct ly_print_job *job, uint64_t *job_id,
                       char *err, size_t errsz)
{
    *job_id = 0;
    struct job *j = job_copy(job, err, errsz);
    if (j == NULL)
        return false;
    pthread_mutex_lock(&p->mu);
    j->id = p->next_id++;
    bool ok = enqueue(p, j, err, errsz);
    pthread_mutex_unlock(&p->mu);
    if (!ok) {
        job_free(j);
        return false;
    }
    *job_id = j->id;
    notify(p);
    return true;
}

bool ly_printer_poll(struct ly_printer *p, struct ly_print_event *ev)
{
    pthread_mutex_lock(&p->mu);
    bool any = p->elen > 0;
    if (any) {
        *ev = p->events[p->ehead];
        p->ehead = (p->ehead + 1) % LY_PRINT_EVENTS_MAX;
        p->elen--;
    }
    pthread_mutex_unlock(&p->mu);
    return any;
}

bool ly_printer_retry(struct ly_printer *p, uint64_t job_id, char *err, size_t errsz)
{
    pthread_mutex_lock(&p->mu);
    size_t i = 0;
    while (i < p->nkept && p->kept[i]->id != job_id)
        i++;
    bool ok;
    if (i == p->nkept) {
        ok = ly_fail(err, errsz, "printer: job %llu is not a failed job kept for retry",
                     (unsigned long long)job_id);
    } else {
        struct job *j = p->kept[i];
        ok = enqueue(p, j, err, errsz);
        if (ok) {
            memmove(p->kept + i, p->kept + i + 1, (p->nkept - i - 1) * sizeof p->kept[0]);
            p->nkept--;
        }
    }
    pthread_mutex_unlock(&p->mu);
    if (ok)
        notify(p);
    return ok;
}

void ly_printer_health(struct ly_printer *p, struct ly_printer_health *out)
{
    pthread_mutex_lock(&p->mu);
    *out = p->health;
    pthread_mutex_unlock(&p->mu);
}

const char *ly_printer_state_name(enum ly_printer_state state)
{
    static const char *const names[] = {"unknown", "ready", "printing", "error", "offline"};
    return (unsigned)state < sizeof names / sizeof names[0] ? names[state] : "?";
}
