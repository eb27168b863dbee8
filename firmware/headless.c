/* headless.c - the kiosk loop without a screen. See headless.h. */
#include "headless.h"

#include <string.h>
#include <time.h>

#include <unistd.h>

#include "client.h"
#include "frame.h"
#include "gate.h"
#include "json.h"
#include "kioskdb.h"
#include "scanner.h"

/* On a clean stop, what is unsent gets one upload attempt of at most this long. */
#define EXIT_FLUSH_MS 3000

/* What the loop holds open. */
struct kiosk {
    struct ly_kiosk_config cfg; /* the options, with the gate and hub from enrollment */
    struct ly_kioskdb *db;
    struct ly_sync *sync; /* NULL when the kiosk has no hub */
    struct ly_sync_status sync_status;
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

static void print_decision(struct kiosk *k, const struct ly_decision *d, const struct stages *s,
                           int64_t captured_ns, uint64_t frame)
{
    FILE *f = k->out;
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
    ly_json_kv_str(f, &first, "gate", ly_gate_spec(k->gate));
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
    if (k->sync) {
        int y = 1;
        fputs(",\"sync\":{", f);
        ly_json_kv_str(f, &y, "state", ly_sync_state_name(k->sync_status.state));
        ly_json_kv_int(f, &y, "unsent", k->sync_status.unsent);
        fputc('}', f);
    }
    fputs(",\"ms\":{", f);
    int m = 1;
    put_ms(f, &m, "wait", s->wait);
    put_ms(f, &m, "scan", s->scan);
    put_ms(f, &m, "verify", d->ms_verify);
    put_ms(f, &m, "rules", d->ms_rules);
    put_ms(f, &m, "journal", d->ms_journal);
    put_ms(f, &m, "total", ms_since(captured_ns));
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
    if (k->sync)
        ly_sync_kick(k->sync);
    print_decision(k, &d, s, captured_ns, frame);
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

/* Fills what the options leave out from the enrollment (the gate), refusing a kiosk the hub
 * revoked. */
static bool enrolled_settings(struct kiosk *k, char *err, size_t errsz)
{
    char revoked[32], gate[LY_GATE_MAX + 1];
    bool found;
    if (!ly_kioskdb_meta_text(k->db, "revoked_ms", revoked, sizeof revoked, &found, err, errsz))
        return false;
    if (found) {
        snprintf(err, errsz,
                 "this kiosk was revoked at the hub and its attendee data wiped: enroll it "
                 "again (--hub URL --enroll CODE)");
        return false;
    }
    if (k->cfg.gate[0] == '\0') {
        if (!ly_kioskdb_meta_text(k->db, "gate", gate, sizeof gate, &found, err, errsz))
            return false;
        if (found)
            snprintf(k->cfg.gate, sizeof k->cfg.gate, "%s", gate);
    }
    return true;
}

/* Starts the sync thread when the kiosk is enrolled with a hub. A sync that cannot start is
 * reported and the kiosk runs on its own: it never stops admitting for the hub's sake. */
static void start_sync(struct kiosk *k)
{
    char err[512], token[LY_KIOSKDB_META_MAX + 1];
    bool enrolled = false;
    struct ly_sync_config sc = {
        .db = k->cfg.db, .hub_url = k->cfg.hub, .hub_ca = k->cfg.hub_ca, .log = true};
    if (!ly_kioskdb_meta_text(k->db, "hub_token", token, sizeof token, &enrolled, err, sizeof err))
        enrolled = true; /* unreadable: let the client say what is wrong */
    if (!enrolled && k->cfg.hub[0] == '\0')
        return;
    if (!ly_sync_init(&sc, &k->sync, err, sizeof err) || !ly_sync_start(k->sync, err, sizeof err)) {
        fprintf(stderr, "lanyard-kiosk: no sync, deciding from the local data only: %s\n", err);
        ly_sync_destroy(k->sync);
        k->sync = NULL;
        return;
    }
    ly_sync_status(k->sync, &k->sync_status);
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
        !enrolled_settings(k, err, errsz) || !ly_kconfig_complete(&k->cfg, err, errsz) ||
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
    start_sync(k);
    return true;
}

/* Follows the sync thread: reloads the gate when the data changed; false when the hub revoked
 * the kiosk (it must stop scanning). */
static bool follow_sync(struct kiosk *k)
{
    char err[512], drain[64];
    struct ly_sync_status st;
    if (!k->sync)
        return true;
    while (read(ly_sync_fd(k->sync), drain, sizeof drain) > 0)
        continue;
    ly_sync_status(k->sync, &st);
    if (st.state == LY_SYNC_REVOKED) {
        fprintf(stderr, "lanyard-kiosk: this kiosk was revoked at the hub: its attendee data is "
                        "wiped and it stops scanning; enroll it again to use it\n");
        return false;
    }
    if (st.data_version != k->sync_status.data_version) {
        if (!ly_gate_reload(k->gate, err, sizeof err))
            fprintf(stderr, "lanyard-kiosk: after a sync: %s (keeping the gate as it was)\n", err);
        k->unflushed++; /* the sync wrote to the log too: checkpoint when idle */
    }
    k->sync_status = st;
    return true;
}

/* Stops the sync thread; after a clean stop, one bounded attempt to upload what is unsent. */
static void stop_sync(struct kiosk *k, bool clean)
{
    char err[512];
    struct ly_sync_status st;
    if (!k->sync)
        return;
    ly_sync_stop(k->sync);
    ly_sync_join(k->sync);
    ly_sync_status(k->sync, &st);
    if (clean && st.state != LY_SYNC_REVOKED && st.unsent > 0) {
        if (ly_sync_flush(k->sync, EXIT_FLUSH_MS, &st, err, sizeof err))
            fprintf(stderr, "lanyard-kiosk: uploaded every check-in before stopping\n");
        else
            fprintf(stderr, "lanyard-kiosk: %lld check-ins stay unsent until the next start: %s\n",
                    (long long)st.unsent, err);
    }
    ly_sync_destroy(k->sync);
    k->sync = NULL;
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
        if (!follow_sync(&k)) {
            revoked = true;
            rc = 1;
            break;
        }
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
    stop_sync(&k, rc == 0);
    ly_scanner_close(k.scanner);
    ly_source_close(k.src);
    ly_gate_close(k.gate);
    ly_kioskdb_close(k.db);
    return rc;
}
