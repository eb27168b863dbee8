/* jsonl.c - decisions as JSON lines. See jsonl.h. */
#include "kiosk/jsonl.h"

#include <time.h>

#include "common/json.h"

/* The stage times: "ms":{"wait":W,"scan":S,"verify":V,"rules":R,"journal":J,"total":T}. */
static void put_stages(FILE *f, const struct ly_kiosk_decision *kd)
{
    static const char *const names[] = {"wait", "scan", "verify", "rules", "journal", "total"};
    const struct ly_decision *d = &kd->decision;
    const double ms[] = {kd->ms_wait, kd->ms_scan,   d->ms_verify,
                         d->ms_rules, d->ms_journal, kd->ms_total};
    fputs(",\"ms\":{", f);
    for (size_t i = 0; i < sizeof ms / sizeof ms[0]; i++)
        fprintf(f, "%s\"%s\":%.3f", i ? "," : "", names[i], ms[i]);
    fputc('}', f);
}

static void put_failure(FILE *f, bool locked)
{
    int first = 1;
    fputc('{', f);
    ly_json_kv_str(f, &first, "decision", locked ? "locked" : "error");
    ly_json_kv_str(f, &first, "reason",
                   locked ? "This kiosk is locked: its hub has not answered for too long. Please "
                            "see staff."
                          : "The kiosk cannot record check-ins. Please see staff.");
    ly_json_kv_str(f, &first, "reason_code", locked ? "kiosk_locked" : "journal_failed");
    fputs("}\n", f);
}

static void put_attendee(FILE *f, const struct ly_decision *d, bool names)
{
    int a = 1;
    fputs(",\"attendee\":", f);
    if (!d->identified) {
        fputs("null", f);
        return;
    }
    fputc('{', f);
    ly_json_kv_int(f, &a, "id", d->attendee.id);
    ly_json_kv_bool(f, &a, "registered", d->registered);
    if (names) {
        ly_json_kv_str(f, &a, "name", d->attendee.name);
        ly_json_kv_str(f, &a, "name_latin", d->attendee.name_latin);
    }
    ly_json_kv_str(f, &a, "category", d->attendee.category);
    ly_json_kv_str(f, &a, "country", d->attendee.country);
    fputc('}', f);
}

void ly_jsonl_decision(FILE *f, const struct ly_kiosk_decision *kd, bool names)
{
    const struct ly_decision *d = &kd->decision;
    int first = 1;
    char when[40];
    time_t t = (time_t)(d->checkin.wall_ms / 1000);
    struct tm tm;
    if (kd->journal_failed || kd->locked) {
        put_failure(f, kd->locked);
        fflush(f);
        return;
    }
    localtime_r(&t, &tm);
    strftime(when, sizeof when, "%Y-%m-%dT%H:%M:%S%z", &tm);

    fputc('{', f);
    /* the journal's word: a badge desk's entries say "reprinted" or "registered" */
    ly_json_kv_str(f, &first, "decision",
                   d->checkin.decision[0] ? d->checkin.decision : ly_decision_name(d->kind));
    ly_json_kv_str(f, &first, "reason", d->reason);
    ly_json_kv_str(f, &first, "reason_code", d->reason_code);
    ly_json_kv_str(f, &first, "gate", kd->gate);
    ly_json_kv_str(f, &first, "place", d->checkin.place);
    ly_json_kv_int(f, &first, "direction", d->checkin.direction);
    ly_json_kv_str(f, &first, "session", d->session);
    ly_json_kv_str(f, &first, "code_kind", d->code_kind);
    put_attendee(f, d, names);
    fputs(",\"notices\":[", f);
    for (size_t i = 0; i < d->nnotices; i++) {
        if (i)
            fputc(',', f);
        ly_json_str(f, d->notices[i]);
    }
    fputc(']', f);
    ly_json_kv_str(f, &first, "time", when);
    ly_json_kv_int(f, &first, "seq", d->checkin.seq);
    ly_json_kv_str(f, &first, "uuid", d->checkin.uuid);
    ly_json_kv_int(f, &first, "frame", (int64_t)kd->frame);
    if (kd->frame) /* when the camera took it, CLOCK_MONOTONIC seconds (benchmarks) */
        fprintf(f, ",\"t_captured\":%.6f", (double)kd->captured_ns / 1e9);
    if (d->print_job) {
        ly_json_kv_int(f, &first, "print_job", d->print_job);
        ly_json_kv_int(f, &first, "badge_version", d->checkin.badge_version);
    }
    if (kd->hub.active) {
        int y = 1;
        fputs(",\"sync\":{", f);
        ly_json_kv_str(f, &y, "state", kd->hub.state);
        ly_json_kv_int(f, &y, "unsent", kd->hub.unsent);
        fputc('}', f);
    }
    put_stages(f, kd);
    fputs("}\n", f);
    fflush(f);
}

static void on_decision(struct ly_kiosk_sink *sink, const struct ly_kiosk_decision *d)
{
    struct ly_jsonl_sink *s = (struct ly_jsonl_sink *)sink;
    ly_jsonl_decision(s->out, d, s->names);
}

void ly_jsonl_print(FILE *f, const struct ly_kiosk_print *ev)
{
    int p = 1;
    fputs("{\"print\":{", f);
    ly_json_kv_int(f, &p, "job", ev->job);
    ly_json_kv_int(f, &p, "attendee_id", ev->attendee_id);
    ly_json_kv_str(f, &p, "kind", ev->slip ? "slip" : "badge");
    ly_json_kv_str(f, &p, "state", ly_pjob_state_name(ev->state));
    ly_json_kv_str(f, &p, "reason",
                   ev->state == LY_PJOB_FAILED ? ly_print_reason_name(ev->reason) : "");
    ly_json_kv_bool(f, &p, "maybe_printed", ev->maybe_printed);
    ly_json_kv_str(f, &p, "detail", ev->detail);
    fputs("}}\n", f);
    fflush(f);
}

static void on_print(struct ly_kiosk_sink *sink, const struct ly_kiosk_print *ev)
{
    struct ly_jsonl_sink *s = (struct ly_jsonl_sink *)sink;
    ly_jsonl_print(s->out, ev);
}

static void on_end(struct ly_kiosk_sink *sink, enum ly_kiosk_end why, const char *detail)
{
    /* The runner says why it stopped, once the loop is joined. */
    (void)sink;
    (void)why;
    (void)detail;
}

static const struct ly_kiosk_sink_ops jsonl_ops = {
    .decision = on_decision,
    .print = on_print,
    .end = on_end,
};

void ly_jsonl_sink_init(struct ly_jsonl_sink *s, FILE *out, bool names)
{
    s->sink.ops = &jsonl_ops;
    s->out = out;
    s->names = names;
}
