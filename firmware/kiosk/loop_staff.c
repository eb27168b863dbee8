/* loop_staff.c - the staff's requests to the kiosk loop. See loop_staff.h. */
#include "kiosk/loop_staff.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

#include "common/fail.h"
#include "kiosk/health.h"
#include "kioskdb/kioskdb_records.h"
#include "kioskdb/kioskdb_staff.h"

/* A reprint or a walk-in at the badge desk: journaled with its print job into *d (desk). */
static bool badge_desk(const struct ly_staff_ctx *c, const struct ly_request *req,
                       struct ly_kiosk_decision *d, char *err, size_t errsz)
{
    bool ok = req->kind == LY_REQ_REPRINT
                  ? ly_gate_reprint(*c->gate, req->attendee_id, req->staff, req->text,
                                    ly_gate_now(), &d->decision, err, errsz)
                  : ly_gate_walkin(*c->gate, &req->walkin, req->staff, ly_gate_now(), &d->decision,
                                   err, errsz);
    d->desk = ok;
    return ok;
}

/* The gates a staff member can switch this kiosk to: the venue's doors and every room. */
static bool list_gates(const struct ly_staff_ctx *c, struct ly_kiosk_reply *r)
{
    static const char *const doors[] = {"entrance", "exit", "desk"};
    struct ly_kiosk_room rooms[LY_KIOSK_GATES_MAX];
    size_t nrooms = 0;
    for (size_t i = 0; i < sizeof doors / sizeof doors[0]; i++) {
        snprintf(r->gates[r->ngates], sizeof r->gates[0], "%s", doors[i]);
        r->gate_names[r->ngates++][0] = '\0';
    }
    if (!ly_kioskdb_rooms(c->db, rooms, LY_KIOSK_GATES_MAX - r->ngates, &nrooms, r->err,
                          sizeof r->err))
        return false;
    for (size_t i = 0; i < nrooms; i++) {
        snprintf(r->gates[r->ngates], sizeof r->gates[0], "room:%lld", (long long)rooms[i].id);
        snprintf(r->gate_names[r->ngates++], sizeof r->gate_names[0], "%s", rooms[i].name);
    }
    return true;
}

static bool switch_gate(const struct ly_staff_ctx *c, const char *spec, char *err, size_t errsz)
{
    struct ly_gate *g = NULL;
    if (strlen(spec) > LY_GATE_MAX)
        return ly_fail(err, errsz, "gate longer than %d bytes", LY_GATE_MAX);
    if (!ly_gate_open(c->db, spec, &c->cfg->policy, &g, err, errsz))
        return false;
    ly_gate_close(*c->gate);
    *c->gate = g;
    snprintf(c->cfg->gate, sizeof c->cfg->gate, "%.*s", LY_GATE_MAX, spec);
    fprintf(stderr, "lanyard-kiosk: gate switched to %s by staff\n", spec);
    return true;
}

/* Unix ms of today's midnight in the event's time zone. */
static int64_t today_start_ms(void)
{
    time_t t = (time_t)(ly_gate_now().wall_ms / 1000);
    struct tm tm;
    char day[16];
    localtime_r(&t, &tm);
    strftime(day, sizeof day, "%Y-%m-%d", &tm);
    return ly_gate_local_ms(day);
}

/* A check-in by hand, journaled into *d (manual). */
static bool manual(const struct ly_staff_ctx *c, const struct ly_request *req,
                   struct ly_kiosk_decision *d, char *err, size_t errsz)
{
    if (!ly_gate_manual(*c->gate, req->attendee_id, req->text, req->override, ly_gate_now(),
                        &d->decision, err, errsz))
        return false;
    d->manual = true;
    d->override = req->override;
    return true;
}

bool ly_staff_request(const struct ly_staff_ctx *c, const struct ly_request *req,
                      struct ly_kiosk_reply *r, struct ly_kiosk_decision *d)
{
    bool decided = false;
    r->req = *req;
    char *err = r->err;
    size_t errsz = sizeof r->err;
    switch (req->kind) {
    case LY_REQ_PIN:
        if (!c->cfg->staff_pin_hash[0]) {
            ly_fail(err, errsz, "staff mode by PIN is not set up on this kiosk");
            break;
        }
        r->ok = ly_pin_check(c->db, c->cfg->staff_pin_hash, req->text, ly_gate_now().wall_ms,
                             &r->pin, &r->retry_after_ms, err, errsz);
        if (r->ok && r->pin == LY_PIN_OK)
            ly_hublock_unlock(c->hublock, ly_gate_now().wall_ms);
        break;
    case LY_REQ_LOCK: {
        bool locked = false;
        r->ok = ly_pin_lock_state(c->db, ly_gate_now().wall_ms, &locked, &r->retry_after_ms, err,
                                  errsz);
        r->pin = locked ? LY_PIN_LOCKED : LY_PIN_OK;
        break;
    }
    case LY_REQ_SEARCH:
        r->ok = ly_kioskdb_search(c->db, req->text, r->found, LY_KIOSK_SEARCH_MAX, &r->nfound, err,
                                  errsz);
        break;
    case LY_REQ_MANUAL:
        r->ok = decided = manual(c, req, d, err, errsz);
        break;
    case LY_REQ_GATE:
        r->ok = switch_gate(c, req->text, err, errsz);
        break;
    case LY_REQ_GATES:
        r->ok = list_gates(c, r);
        break;
    case LY_REQ_STATS:
        r->ok = ly_kioskdb_stats(c->db, today_start_ms(), &r->stats, err, errsz);
        break;
    case LY_REQ_HEALTH: {
        struct ly_disk_health h;
        r->ok = ly_health_disk(c->cfg->db, &h, err, errsz);
        r->disk_free_bytes = (int64_t)h.free_bytes;
        r->disk_total_bytes = (int64_t)h.total_bytes;
        r->journal_bytes = (int64_t)h.journal_bytes;
        int64_t contact = c->hub->last_contact_ms;
        r->last_sync_ms = contact > 0 ? ly_gate_now().wall_ms - contact : -1;
        ly_kprint_health(c->print, &r->printer);
        r->printer_problem_ms = r->printer.last_error_unix > 0
                                    ? ly_gate_now().wall_ms - r->printer.last_error_unix * 1000
                                    : -1;
        break;
    }
    case LY_REQ_REPRINT:
    case LY_REQ_WALKIN:
        r->ok = decided = badge_desk(c, req, d, err, errsz);
        break;
    case LY_REQ_PRINT_RETRY:
        r->ok = ly_kprint_retry(c->print, req->job, err, errsz);
        break;
    case LY_REQ_PRINT_JOBS:
        r->ok = ly_kioskdb_pjobs_open(c->db, r->jobs, LY_PJOBS_MAX, &r->njobs, err, errsz);
        ly_kprint_health(c->print, &r->printer);
        break;
    case LY_REQ_CODE: /* the loop decides it as any code */
        break;
    }
    return decided;
}
