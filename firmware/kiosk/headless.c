/* headless.c - the kiosk loop without a screen. See headless.h. */
#include "kiosk/headless.h"

#include <string.h>
#include <time.h>

#include <unistd.h>

#include "client/kiosk_sync.h"
#include "capture/frame.h"
#include "capture/source.h"
#include "gate/gate.h"
#include "common/json.h"
#include "kioskdb/kioskdb.h"
#include "kioskdb/kioskdb_journal.h"
#include "scan/scanner.h"

/* What the loop holds open. */
struct kiosk {
    struct ly_kiosk_config cfg; /* the options, with the gate and hub from enrollment */
    struct ly_kioskdb *db;
    struct ly_kiosk_sync sync;
    struct ly_gate *gate;
    struct ly_source *src;
    struct ly_scanner *scanner;
    int64_t offset_ms; /* --at: added to the wall clock */
    FILE *out;
    unsigned long decisions, failures;
    unsigned long unflushed;  /* decisions since the last checkpoint */
    int64_t last_decision_ns; /* monotonic */
};

/* The journal's write-ahead log is copied into the database file when the kiosk has time: on
 * an idle frame or a quiet source once a batch has built up or the door has been quiet for a
 * second, and in any case every CHECKPOINT_FORCE decisions (a wedge stream never idles). */
#define CHECKPOINT_BATCH 64
#define CHECKPOINT_FORCE 4096

static void checkpoint(struct kiosk *k, bool idle)
{
    char err[256];
    bool quiet = ly_frame_now_ns() - k->last_decision_ns > 1000000000LL;
    if (k->unflushed == 0 ||
        (!(idle && (k->unflushed >= CHECKPOINT_BATCH || quiet)) && k->unflushed < CHECKPOINT_FORCE))
        return;
    if (!ly_kioskdb_checkpoint(k->db, NULL, err, sizeof err))
        fprintf(stderr, "lanyard-kiosk: %s\n", err); /* the log keeps everything meanwhile */
    k->unflushed = 0;
}

static double ms_since(int64_t ns)
{
    return (double)(ly_frame_now_ns() - ns) / 1e6;
}

static void put_ms(FILE *f, int *first, const char *key, double ms)
{
    fprintf(f, "%s\"%s\":%.3f", *first ? "" : ",", key, ms);
    *first = 0;
}

/* The stage times of one decision: how long the code waited after capture, the scan of its
 * frame, the signature check, the rules, the durable write, and capture to journaled. */
struct stages {
    double wait, scan;
};

void ly_decision_print(FILE *f, const char *gate, const struct ly_decision *d,
                       const struct ly_sync_status *sync, double wait_ms, double scan_ms,
                       int64_t captured_ns, uint64_t frame)
{
    int first = 1;
    char when[40];
    time_t t = (time_t)(d->checkin.wall_ms / 1000);
    struct tm tm;
    localtime_r(&t, &tm);
    strftime(when, sizeof when, "%Y-%m-%dT%H:%M:%S%z", &tm);

    fputc('{', f);
    ly_json_kv_str(f, &first, "decision", ly_decision_name(d->kind));
    ly_json_kv_str(f, &first, "reason", d->reason);
    ly_json_kv_str(f, &first, "reason_code", d->reason_code);
    ly_json_kv_str(f, &first, "gate", gate);
    ly_json_kv_str(f, &first, "place", d->checkin.place);
    ly_json_kv_int(f, &first, "direction", d->checkin.direction);
    ly_json_kv_str(f, &first, "session", d->session);
    ly_json_kv_str(f, &first, "code_kind", d->code_kind);
    fputs(",\"attendee\":", f);
    if (d->identified) {
        int a = 1;
        fputc('{', f);
        ly_json_kv_int(f, &a, "id", d->attendee.id);
        ly_json_kv_bool(f, &a, "registered", d->registered);
        ly_json_kv_str(f, &a, "name", d->attendee.name);
        ly_json_kv_str(f, &a, "name_latin", d->attendee.name_latin);
        ly_json_kv_str(f, &a, "category", d->attendee.category);
        ly_json_kv_str(f, &a, "country", d->attendee.country);
        fputc('}', f);
    } else {
        fputs("null", f);
    }
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
    ly_json_kv_int(f, &first, "frame", (int64_t)frame);
    if (sync) {
        int y = 1;
        fputs(",\"sync\":{", f);
        ly_json_kv_str(f, &y, "state", ly_sync_state_name(sync->state));
        ly_json_kv_int(f, &y, "unsent", sync->unsent);
        fputc('}', f);
    }
    fputs(",\"ms\":{", f);
    int m = 1;
    put_ms(f, &m, "wait", wait_ms);
    put_ms(f, &m, "scan", scan_ms);
    put_ms(f, &m, "verify", d->ms_verify);
    put_ms(f, &m, "rules", d->ms_rules);
    put_ms(f, &m, "journal", d->ms_journal);
    put_ms(f, &m, "total", captured_ns ? ms_since(captured_ns) : 0);
    fputs("}}\n", f);
    fflush(f);
}

/* Decides about one code; reports it only once it is journaled. */
static void decide(struct kiosk *k, const char *code, size_t len, const struct stages *s,
                   int64_t captured_ns, uint64_t frame)
{
    struct ly_decision d;
    char err[512];
    struct ly_gate_time t = ly_gate_now();
    t.wall_ms += k->offset_ms;
    if (!ly_gate_decide(k->gate, code, len, t, &d, err, sizeof err)) {
        /* Not durable, so not a decision: the screen would say "see staff". */
        k->failures++;
        fprintf(stderr, "lanyard-kiosk: could not journal a decision, none reported: %s\n", err);
        int first = 1;
        fputc('{', k->out);
        ly_json_kv_str(k->out, &first, "decision", "error");
        ly_json_kv_str(k->out, &first, "reason",
                       "The kiosk cannot record check-ins. Please see staff.");
        ly_json_kv_str(k->out, &first, "reason_code", "journal_failed");
        fputs("}\n", k->out);
        fflush(k->out);
        return;
    }
    if (d.held_off)
        return;
    k->decisions++;
    k->unflushed++;
    k->last_decision_ns = ly_frame_now_ns();
    ly_kiosk_sync_kick(&k->sync);
    ly_decision_print(k->out, ly_gate_spec(k->gate), &d, k->sync.client ? &k->sync.status : NULL,
                      s->wait, s->scan, captured_ns, frame);
    checkpoint(k, false);
}

static void on_frame(struct kiosk *k, const struct ly_source_item *item)
{
    struct ly_scan_result res;
    char err[256];
    struct stages s = {.wait = ms_since(item->captured_ns)};
    int64_t t0 = ly_frame_now_ns();
    if (!ly_scanner_scan(k->scanner, &item->frame, &res, err, sizeof err)) {
        fprintf(stderr, "lanyard-kiosk: frame %llu: %s\n", (unsigned long long)item->frame.sequence,
                err);
        return;
    }
    s.scan = ms_since(t0);
    if (res.count == 0)
        checkpoint(k, true);
    for (int i = 0; i < res.count; i++) {
        if (res.codes[i].oversized) {
            /* Too long for any badge: decided as unreadable, never truncated. */
            decide(k, "", 0, &s, item->captured_ns, item->frame.sequence);
            continue;
        }
        decide(k, res.codes[i].payload, res.codes[i].len, &s, item->captured_ns,
               item->frame.sequence);
    }
}

static bool start(struct kiosk *k, char *err, size_t errsz)
{
    struct ly_source_spec spec;
    int64_t unsent = 0;
    /* Everything but the gate, which the enrollment may give, before the database is opened. */
    struct ly_kiosk_config given = k->cfg;
    if (given.gate[0] == '\0')
        snprintf(given.gate, sizeof given.gate, "(from enrollment)");
    if (!ly_kconfig_complete(&given, err, errsz))
        return false;
    if (!ly_kioskdb_open(k->cfg.db, LY_KIOSKDB_KIOSK, &k->db, err, errsz) ||
        !ly_kiosk_sync_settings(k->db, &k->cfg, err, errsz) ||
        !ly_kconfig_complete(&k->cfg, err, errsz) ||
        !ly_gate_open(k->db, k->cfg.gate, &k->cfg.policy, &k->gate, err, errsz) ||
        !ly_source_spec_parse(k->cfg.source, &spec, err, errsz))
        return false;
    spec.wait_for_device = true; /* a kiosk may boot before its camera enumerates */
    if (!ly_source_open(&spec, &k->src, err, errsz) ||
        !ly_scanner_open(NULL, &k->scanner, err, errsz) ||
        !ly_kioskdb_unsent(k->db, &unsent, err, errsz))
        return false;
    if (k->cfg.at[0]) {
        int64_t at = ly_gate_local_ms(k->cfg.at);
        if (at < 0) {
            snprintf(err, errsz, "cannot place %s in the event's time zone", k->cfg.at);
            return false;
        }
        k->offset_ms = at - ly_gate_now().wall_ms;
    }
    fprintf(stderr,
            "lanyard-kiosk: kiosk %s, gate %s (%s), source %s, %lld check-ins not yet "
            "sent%s%s\n",
            ly_kioskdb_kiosk_id(k->db), ly_gate_spec(k->gate),
            ly_gate_place(k->gate)[0] ? ly_gate_place(k->gate) : "identifies only", k->cfg.source,
            (long long)unsent, k->cfg.at[0] ? ", clock set to " : "", k->cfg.at);
    ly_kiosk_sync_start(&k->sync, k->db, &k->cfg);
    return true;
}

int ly_headless_run(const struct ly_kiosk_config *cfg, volatile sig_atomic_t *stop, FILE *out)
{
    struct kiosk k = {.cfg = *cfg, .out = out};
    char err[512] = "";
    int rc = 0;
    bool offline = false, revoked = false;

    if (!start(&k, err, sizeof err)) {
        fprintf(stderr, "lanyard-kiosk: %s\n", err);
        rc = 1;
        goto done;
    }
    while (!*stop) {
        struct ly_source_item item;
        bool changed;
        if (!ly_kiosk_sync_follow(&k.sync, k.gate, &changed)) {
            revoked = true;
            rc = 1;
            break;
        }
        if (changed)
            k.unflushed++; /* the sync wrote to the log too: checkpoint when idle */
        enum ly_source_status st = ly_source_next(k.src, 200, &item, err, sizeof err);
        if (st != LY_SOURCE_OFFLINE && offline) {
            fprintf(stderr, "lanyard-kiosk: camera back\n");
            offline = false;
        }
        if (st == LY_SOURCE_FRAME) {
            on_frame(&k, &item);
        } else if (st == LY_SOURCE_CODE) {
            struct stages s = {.wait = ms_since(item.captured_ns)};
            decide(&k, item.code, item.code_len, &s, item.captured_ns, 0);
        } else if (st == LY_SOURCE_TIMEOUT) {
            checkpoint(&k, true);
        } else if (st == LY_SOURCE_OFFLINE) {
            if (!offline)
                fprintf(stderr, "lanyard-kiosk: camera offline, reconnecting: %s\n", err);
            offline = true;
        } else if (st == LY_SOURCE_SKIP) {
            fprintf(stderr, "lanyard-kiosk: skipped: %s\n", err);
        } else if (st == LY_SOURCE_END) {
            break;
        } else if (st == LY_SOURCE_ERROR) {
            fprintf(stderr, "lanyard-kiosk: source failed: %s\n", err);
            rc = 1;
            break;
        }
    }
    fprintf(stderr, "lanyard-kiosk: %s after %lu decisions%s\n",
            revoked ? "revoked"
            : *stop ? "stopped"
                    : "source ended",
            k.decisions, k.failures ? " (some could not be journaled)" : "");
    if (k.failures)
        rc = 1;
done:
    ly_kiosk_sync_stop(&k.sync, rc == 0);
    ly_scanner_close(k.scanner);
    ly_source_close(k.src);
    ly_gate_close(k.gate);
    ly_kioskdb_close(k.db);
    return rc;
}
