/* kprint.c - the kiosk's printing: journal jobs to the print worker and back. See kprint.h. */
#include "kiosk/kprint.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "common/fail.h"
#include "common/num.h"
#include "event/country.h"
#include "event/vocab.h"
#include "kioskdb/kioskdb_records.h"
#include "kioskdb/kioskdb_sealed.h"

struct ly_kprint {
    struct ly_kioskdb *db;
    struct ly_printer *printer; /* NULL: none configured */
    struct ly_event event;
    char dates[40]; /* the event's days as a badge shows them */
};

static int64_t now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

bool ly_kprint_has_printer(const struct ly_kprint *p)
{
    return p && p->printer;
}

/* Hands over every job journaled "queued" (never handed to a worker). */
static bool submit_queued(struct ly_kprint *p, char *err, size_t errsz)
{
    struct ly_kiosk_pjob jobs[LY_PJOBS_MAX];
    size_t n = 0;
    if (!p->printer || !ly_kioskdb_pjobs_open(p->db, jobs, LY_PJOBS_MAX, &n, err, errsz))
        return p->printer == NULL;
    for (size_t i = 0; i < n; i++) {
        char why[256];
        if (jobs[i].state == LY_PJOB_QUEUED && !ly_kprint_submit(p, jobs[i].id, why, sizeof why))
            fprintf(stderr, "lanyard-kiosk: print job %lld: %s\n", (long long)jobs[i].id, why);
    }
    return true;
}

bool ly_kprint_open(struct ly_kprint **out, struct ly_kioskdb *db,
                    const struct ly_kiosk_config *cfg, void (*notify)(void *ctx), void *ctx,
                    int *held, char *err, size_t errsz)
{
    struct ly_kprint *p = calloc(1, sizeof *p);
    bool found = false;
    *out = NULL;
    *held = 0;
    if (p == NULL)
        return ly_fail(err, errsz, "out of memory");
    p->db = db;
    if (!ly_kioskdb_event(db, &p->event, &found, err, errsz) ||
        !ly_kioskdb_pjobs_recover(db, now_ms(), held, err, errsz))
        goto fail;
    if (strcmp(p->event.starts, p->event.ends) == 0)
        snprintf(p->dates, sizeof p->dates, "%s", p->event.starts);
    else
        snprintf(p->dates, sizeof p->dates, "%s to %s", p->event.starts, p->event.ends);
    if (cfg->printer[0]) {
        struct ly_printer_config pc = {
            .spec = cfg->printer, .dpi = cfg->printer_dpi, .notify = notify, .notify_ctx = ctx};
        if (!ly_label_parse(cfg->printer_label, &pc.label)) {
            ly_fail(err, errsz, "unknown label size \"%s\"", cfg->printer_label);
            goto fail;
        }
        if (!ly_printer_init(&p->printer, &pc, err, errsz))
            goto fail;
        if (!ly_printer_start(p->printer, err, errsz) || !submit_queued(p, err, errsz))
            goto fail;
    }
    *out = p;
    return true;
fail:
    ly_kprint_close(p);
    return false;
}

void ly_kprint_close(struct ly_kprint *p)
{
    if (p == NULL)
        return;
    if (p->printer) {
        ly_printer_stop(p->printer);
        ly_printer_join(p->printer);
        ly_printer_destroy(p->printer);
    }
    free(p);
}

/* At an event whose details are sealed per badge (kioskdb_sealed.h): opens a's details, for
 * this drawing only, with the code the job prints when it is the scanned badge (a pickup) or
 * ticket code; a badge this kiosk signed opens nothing and prints without them. */
static void open_sealed(struct ly_kiosk_attendee *a, const char *code)
{
    struct ly_badge b;
    uint8_t key[LY_SEALED_KEY_BYTES];
    if (a->sealed[0] == '\0')
        return;
    if (ly_badge_parse(code, strlen(code), &b) == LY_BADGE_OK)
        ly_sealed_key_badge(b.sig, key);
    else
        ly_sealed_key_code(code, key);
    bool opened = ly_sealed_open(a, key);
    sodium_memzero(key, sizeof key);
    if (!opened) /* printed without the details; the reference line still names the id */
        return;
}

/* Draws job j's badge or slip from the kiosk database and hands it to the worker, journaled
 * "sent" first. A walk-in registered here has its affiliation on the badge; the hub keeps the
 * organizer's. */
static bool submit_job(struct ly_kprint *p, const struct ly_kiosk_pjob *j, char *err, size_t errsz)
{
    struct ly_kiosk_attendee a;
    bool found = false;
    char tag[24], reference[64], affiliation[LY_AFFILIATION_MAX + 1] = "";
    uint64_t printer_job = 0;
    if (!ly_kioskdb_attendee(p->db, j->attendee_id, &a, &found, err, errsz) ||
        !ly_kioskdb_walkin_affiliation(p->db, j->attendee_id, affiliation, sizeof affiliation, err,
                                       errsz))
        return false;
    if (!found)
        return ly_fail(err, errsz, "attendee %u is not in this kiosk's database", j->attendee_id);
    open_sealed(&a, j->code);
    const struct ly_vocab_entry *cat =
        ly_vocab_find(LY_VOCAB_CATEGORY, a.category[0] ? a.category : "participant");
    snprintf(tag, sizeof tag, "%lld", (long long)j->id);
    snprintf(reference, sizeof reference, "No. %u \u00b7 badge version %u", a.id,
             (unsigned)a.badge_version);
    struct ly_print_job job = {.kind = j->slip ? LY_JOB_SLIP : LY_JOB_BADGE, .tag = tag};
    struct ly_kiosk_session s;
    struct ly_kiosk_room r;
    char when[48] = "";
    if (j->slip) {
        if (!ly_kioskdb_session(p->db, 0, j->session, &s, &found, err, errsz))
            return false;
        if (!found)
            return ly_fail(err, errsz, "no session \"%.80s\" for the slip", j->session);
        if (!ly_kioskdb_room(p->db, s.room_id, &r, &found, err, errsz))
            return false;
        snprintf(when, sizeof when, "%.10s %.5s-%.5s", s.starts, s.starts + 11, s.ends + 11);
        job.slip = (struct ly_slip){.name = a.name,
                                    .name_lang = a.language,
                                    .session = s.title,
                                    .room = found ? r.name : "",
                                    .time = when,
                                    .event_name = p->event.name,
                                    .code = j->code};
    } else {
        job.card = (struct ly_card){.name = a.name,
                                    .name_latin = a.name_latin,
                                    .name_lang = a.language,
                                    .affiliation = affiliation,
                                    .country = ly_country_name(a.country),
                                    .category = cat ? cat->label : a.category,
                                    .category_rgb = cat ? cat->rgb : 0x444444,
                                    .event_name = p->event.name,
                                    .event_dates = p->dates,
                                    .reference = reference,
                                    .code = j->code};
    }
    /* "sent" is durable before the worker may send a byte: a crash from here on holds it. */
    if (!ly_kioskdb_pjob_set(p->db, j->id, LY_PJOB_SENT, "", now_ms(), err, errsz))
        return false;
    if (ly_printer_submit(p->printer, &job, &printer_job, err, errsz))
        return true;
    char why[256];
    if (!ly_kioskdb_pjob_set(p->db, j->id, LY_PJOB_FAILED, "refused", now_ms(), why, sizeof why))
        fprintf(stderr, "lanyard-kiosk: print job %lld: %s\n", (long long)j->id, why);
    return false;
}

bool ly_kprint_submit(struct ly_kprint *p, int64_t job, char *err, size_t errsz)
{
    struct ly_kiosk_pjob j;
    bool found = false;
    if (!ly_kioskdb_pjob(p->db, job, &j, &found, err, errsz))
        return false;
    if (!found)
        return ly_fail(err, errsz, "no print job %lld", (long long)job);
    if (j.state != LY_PJOB_QUEUED)
        return ly_fail(err, errsz, "print job %lld is %s, not queued", (long long)job,
                       ly_pjob_state_name(j.state));
    if (p->printer == NULL)
        return true; /* stays queued for a printer */
    return submit_job(p, &j, err, errsz);
}

bool ly_kprint_poll(struct ly_kprint *p, struct ly_kiosk_print *ev)
{
    struct ly_print_event pe;
    char err[256];
    for (;;) {
        int64_t job;
        if (p == NULL || p->printer == NULL || !ly_printer_poll(p->printer, &pe))
            return false;
        if (!ly_num_int(pe.tag, 1, INT64_MAX, &job))
            continue;
        memset(ev, 0, sizeof *ev);
        ev->job = job;
        if (pe.state == LY_JOB_DONE)
            ev->state = LY_PJOB_PRINTED;
        else if (pe.state == LY_JOB_FAILED)
            ev->state = LY_PJOB_FAILED;
        else if (pe.state == LY_JOB_SENT || pe.state == LY_JOB_SENDING)
            ev->state = LY_PJOB_SENT;
        else
            continue; /* queued in the worker: journaled "sent" already */
        ev->reason = pe.state == LY_JOB_FAILED ? pe.reason : LY_PR_NONE;
        ev->maybe_printed = pe.maybe_printed;
        snprintf(ev->detail, sizeof ev->detail, "%s", pe.detail);
        if (ev->state != LY_PJOB_SENT &&
            !ly_kioskdb_pjob_set(p->db, job, ev->state,
                                 ev->state == LY_PJOB_FAILED ? ly_print_reason_name(pe.reason) : "",
                                 now_ms(), err, sizeof err))
            fprintf(stderr, "lanyard-kiosk: print job %lld: %s\n", (long long)job, err);
        struct ly_kiosk_pjob j;
        struct ly_kiosk_attendee a;
        bool found = false;
        if (ly_kioskdb_pjob(p->db, job, &j, &found, err, sizeof err) && found) {
            ev->attendee_id = j.attendee_id;
            ev->slip = j.slip;
            if (ly_kioskdb_attendee(p->db, j.attendee_id, &a, &found, err, sizeof err) && found)
                snprintf(ev->language, sizeof ev->language, "%.7s", a.language);
        }
        return true;
    }
}

void ly_kprint_drain(struct ly_kprint *p, int timeout_ms)
{
    char err[256];
    int64_t sent = 0, end = now_ms() + timeout_ms;
    if (p == NULL || p->printer == NULL)
        return;
    for (;;) {
        struct ly_kiosk_print ev;
        while (ly_kprint_poll(p, &ev))
            continue;
        if (!ly_kioskdb_pjobs_count(p->db, LY_PJOB_SENT, &sent, err, sizeof err) || sent == 0 ||
            now_ms() >= end)
            return;
        struct timespec ts = {0, 50 * 1000000L};
        nanosleep(&ts, NULL);
    }
}

void ly_kprint_hand(struct ly_kprint *p, const struct ly_decision *d)
{
    char err[256];
    if (d->print_job > 0 && !ly_kprint_submit(p, d->print_job, err, sizeof err))
        fprintf(stderr, "lanyard-kiosk: print job %lld: %s\n", (long long)d->print_job, err);
}

void ly_kprint_pump(struct ly_kprint *p, void (*fn)(void *ctx, const struct ly_kiosk_print *ev),
                    void *ctx)
{
    struct ly_kiosk_print ev;
    while (ly_kprint_poll(p, &ev)) {
        if (ev.state == LY_PJOB_FAILED)
            fprintf(stderr, "lanyard-kiosk: print job %lld failed (%s)%s: %s\n", (long long)ev.job,
                    ly_print_reason_name(ev.reason),
                    ev.maybe_printed ? ", it may have printed" : "", ev.detail);
        fn(ctx, &ev);
    }
}

bool ly_kprint_retry(struct ly_kprint *p, int64_t job, char *err, size_t errsz)
{
    return ly_kioskdb_pjob_retry(p->db, job, now_ms(), err, errsz) &&
           ly_kprint_submit(p, job, err, errsz);
}

void ly_kprint_health(struct ly_kprint *p, struct ly_printer_health *out)
{
    memset(out, 0, sizeof *out);
    if (p && p->printer)
        ly_printer_health(p->printer, out);
}
