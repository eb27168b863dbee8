/* kdesk.c - the badge desk from the command line. See kdesk.h. */
#include "kiosk/kdesk.h"

#include <pthread.h>
#include <string.h>
#include <time.h>

#include "common/json.h"
#include "gate/gate.h"
#include "kiosk/jsonl.h"
#include "kiosk/kprint.h"
#include "kioskdb/kioskdb.h"
#include "kioskdb/kioskdb_print.h"

struct waiter {
    pthread_mutex_t mu;
    pthread_cond_t news;
    bool pending;
};

static void notify(void *ctx)
{
    struct waiter *w = ctx;
    pthread_mutex_lock(&w->mu);
    w->pending = true;
    pthread_cond_signal(&w->news);
    pthread_mutex_unlock(&w->mu);
}

/* Waits for job's last answer (printed or failed) up to wait_ms, writing every answer. Returns
 * whether it printed. */
static bool await(struct ly_kprint *p, struct waiter *w, int64_t job, int wait_ms, FILE *out)
{
    struct timespec end;
    clock_gettime(CLOCK_REALTIME, &end);
    end.tv_sec += wait_ms / 1000;
    end.tv_nsec += (long)(wait_ms % 1000) * 1000000L;
    if (end.tv_nsec >= 1000000000L) {
        end.tv_sec++;
        end.tv_nsec -= 1000000000L;
    }
    for (;;) {
        struct ly_kiosk_print ev;
        while (ly_kprint_poll(p, &ev)) {
            ly_jsonl_print(out, &ev);
            if (ev.job == job && (ev.state == LY_PJOB_PRINTED || ev.state == LY_PJOB_FAILED))
                return ev.state == LY_PJOB_PRINTED;
        }
        pthread_mutex_lock(&w->mu);
        int rc = 0;
        while (!w->pending && rc == 0)
            rc = pthread_cond_timedwait(&w->news, &w->mu, &end);
        w->pending = false;
        pthread_mutex_unlock(&w->mu);
        if (rc != 0) {
            fprintf(stderr,
                    "lanyard-kiosk: the printer did not answer in time: job %lld stays "
                    "\"sent\" (held for staff at the next start)\n",
                    (long long)job);
            return false;
        }
    }
}

static void list_jobs(struct ly_kioskdb *db, FILE *out, int *rc)
{
    struct ly_kiosk_pjob jobs[LY_PJOBS_MAX];
    size_t n = 0;
    char err[256];
    if (!ly_kioskdb_pjobs_open(db, jobs, LY_PJOBS_MAX, &n, err, sizeof err)) {
        fprintf(stderr, "lanyard-kiosk: %s\n", err);
        *rc = 1;
        return;
    }
    for (size_t i = 0; i < n; i++) {
        int first = 1;
        fputc('{', out);
        ly_json_kv_int(out, &first, "job", jobs[i].id);
        ly_json_kv_str(out, &first, "kind", jobs[i].slip ? "slip" : "badge");
        ly_json_kv_int(out, &first, "attendee_id", jobs[i].attendee_id);
        ly_json_kv_str(out, &first, "state", ly_pjob_state_name(jobs[i].state));
        ly_json_kv_str(out, &first, "reason", jobs[i].reason);
        ly_json_kv_int(out, &first, "attempts", jobs[i].attempts);
        ly_json_kv_str(out, &first, "entry", jobs[i].checkin_uuid);
        fputs("}\n", out);
    }
    fflush(out);
}

int ly_kdesk_run(const struct ly_kiosk_config *cfg, const struct ly_kdesk_args *a, FILE *out)
{
    struct waiter w = {PTHREAD_MUTEX_INITIALIZER, PTHREAD_COND_INITIALIZER, false};
    struct ly_kioskdb *db = NULL;
    struct ly_gate *gate = NULL;
    struct ly_kprint *print = NULL;
    struct ly_kiosk_decision d;
    char err[512];
    int rc = 1, held = 0;
    memset(&d, 0, sizeof d);
    if (!ly_kioskdb_open(cfg->db, LY_KIOSKDB_KIOSK, &db, err, sizeof err) ||
        !ly_gate_open(db, cfg->gate[0] ? cfg->gate : "desk", &cfg->policy, &gate, err,
                      sizeof err) ||
        !ly_kprint_open(&print, db, cfg, notify, &w, &held, err, sizeof err))
        goto fail;
    if (held > 0)
        fprintf(stderr, "lanyard-kiosk: %d print job(s) held: they may have printed\n", held);
    switch (a->action) {
    case LY_KDESK_JOBS:
        rc = 0;
        list_jobs(db, out, &rc);
        goto end;
    case LY_KDESK_RETRY:
        if (!ly_kprint_retry(print, a->job, err, sizeof err)) {
            rc = 2;
            goto fail;
        }
        d.decision.print_job = a->job;
        break;
    case LY_KDESK_REPRINT:
    case LY_KDESK_WALKIN: {
        bool ok = a->action == LY_KDESK_REPRINT
                      ? ly_gate_reprint(gate, a->attendee, a->staff, a->reason, ly_gate_now(),
                                        &d.decision, err, sizeof err)
                      : ly_gate_walkin(gate, &a->walkin, a->staff, ly_gate_now(), &d.decision, err,
                                       sizeof err);
        if (!ok) {
            rc = 2;
            goto fail;
        }
        d.desk = true;
        snprintf(d.gate, sizeof d.gate, "%s", ly_gate_spec(gate));
        ly_jsonl_decision(out, &d, cfg->output_names);
        if (!ly_kprint_submit(print, d.decision.print_job, err, sizeof err))
            goto fail;
        break;
    }
    case LY_KDESK_NONE:
        rc = 2;
        snprintf(err, sizeof err, "nothing to do at the desk");
        goto fail;
    }
    rc = !ly_kprint_has_printer(print) || await(print, &w, d.decision.print_job, a->wait_ms, out)
             ? 0
             : 1;
    goto end;
fail:
    fprintf(stderr, "lanyard-kiosk: %s\n", err);
end:
    ly_kprint_close(print);
    ly_gate_close(gate);
    ly_kioskdb_close(db);
    return rc;
}
