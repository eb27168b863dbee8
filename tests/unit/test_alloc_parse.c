/* test_alloc_parse.c - allocation failure in turn (tests/allocfail.h) in every parser of
 * untrusted input that works without a database, one target per fuzz harness (tests/fuzz), each
 * fed its harness's corpus: the JSON reader, the kiosk's readers of the hub's answers (changes,
 * counts, a batch's answer, an enrollment's), the CSV reader, the hub's readers of requests
 * (batch, enrollment, framing, query and path), the pin readers, the badge code parser, the
 * printers' status parsers. Each allocation a parser makes is
 * failed in turn; each run must read exactly what the run without faults read, or refuse with a
 * sentence that says memory ran out (never a crash, never a half-read result, never the input
 * blamed); the hub must answer such a failure 503 (try again), not 400. Then LeakSanitizer must
 * find nothing leaked. The readers that write a database are in test_alloc_ingest.c, the scanner in
 * test_alloc_scan.c. */
#include <cups/cups.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "allocfail.h"
#include "badge/badge.h"
#include "check.h"
#include "common/csv.h"
#include "common/json.h"
#include "common/jsonr.h"
#include "counts/counts.h"
#include "hub/dashboard.h"
#include "hub/hub.h"
#include "hub/hub_frame.h"
#include "hub/hub_req.h"
#include "print/brother_ql.h"
#include "print/escpos.h"
#include "print/ipp.h"
#include "print/zpl.h"
#include "proto/change_json.h"
#include "proto/health.h"
#include "proto/pin.h"
#include "proto/wire.h"

/* A stream onto sum for a summary (stdio's own buffer is libc's, not counted). */
static FILE *sum_open(char *sum, size_t sumsz)
{
    FILE *f = fmemopen(sum, sumsz, "w");
    if (f == NULL)
        abort();
    return f;
}

static void put_json(FILE *f, const struct ly_jsonr_val *v)
{
    size_t len;
    switch (ly_jsonr_type(v)) {
    case LY_JSONR_NULL:
        fputs("null", f);
        break;
    case LY_JSONR_TRUE:
    case LY_JSONR_FALSE:
        fputs(ly_jsonr_type(v) == LY_JSONR_TRUE ? "true" : "false", f);
        break;
    case LY_JSONR_NUMBER:
        fputs(ly_jsonr_num_text(v), f);
        break;
    case LY_JSONR_STRING:
        ly_json_str(f, ly_jsonr_str(v, &len));
        break;
    case LY_JSONR_ARRAY:
    case LY_JSONR_OBJECT: {
        bool object = ly_jsonr_type(v) == LY_JSONR_OBJECT;
        fputc(object ? '{' : '[', f);
        for (const struct ly_jsonr_val *m = ly_jsonr_first(v); m; m = ly_jsonr_next(m)) {
            if (m != ly_jsonr_first(v))
                fputc(',', f);
            if (object) {
                ly_json_str(f, ly_jsonr_key(m));
                fputc(':', f);
            }
            put_json(f, m);
        }
        fputc(object ? '}' : ']', f);
        break;
    }
    }
}

/* fuzz_jsonr */
static bool p_jsonr(const char *in, size_t n, char *sum, size_t sumsz, char *err, size_t errsz)
{
    af_on();
    struct ly_jsonr *doc = ly_jsonr_parse(in, n, err, errsz);
    af_off();
    if (doc == NULL)
        return false;
    FILE *f = sum_open(sum, sumsz);
    put_json(f, ly_jsonr_root(doc));
    fclose(f);
    ly_jsonr_free(doc);
    return true;
}

/* fuzz_change: a page of changes as the kiosk reads each change, ... */
static bool p_change(const char *in, size_t n, char *sum, size_t sumsz, char *err, size_t errsz)
{
    FILE *f = sum_open(sum, sumsz);
    bool ok = true;
    af_on();
    struct ly_jsonr *doc = ly_jsonr_parse(in, n, err, errsz);
    const struct ly_jsonr_val *list = doc ? ly_jsonr_get(ly_jsonr_root(doc), "changes") : NULL;
    for (const struct ly_jsonr_val *m = ly_jsonr_first(list); ok && m; m = ly_jsonr_next(m)) {
        struct ly_change_data d;
        bool known = false;
        ok = ly_change_parse(m, &d, &known, err, errsz);
        af_pause();
        if (ok && known) {
            ly_change_json(f, &d.c);
            ly_change_data_free(&d);
        }
        af_resume();
    }
    af_off();
    fclose(f);
    ly_jsonr_free(doc);
    return doc != NULL && ok;
}

/* ... and the counts of /api/v1/counts (`lanyard counts --hub`). */
static bool p_counts(const char *in, size_t n, char *sum, size_t sumsz, char *err, size_t errsz)
{
    struct ly_counts *c = NULL;
    af_on();
    bool ok = ly_counts_parse(in, n, &c, err, errsz);
    af_off();
    if (!ok)
        return false;
    FILE *f = sum_open(sum, sumsz);
    ly_counts_json(f, c);
    fclose(f);
    ly_counts_free(c);
    return true;
}

/* fuzz_changes: the answer to a batch of two check-ins (the corpus's UUIDs) ... */
static bool p_push_answer(const char *in, size_t n, char *sum, size_t sumsz, char *err,
                          size_t errsz)
{
    struct ly_checkin batch[2] = {{.seq = 1}, {.seq = 2}};
    bool committed[2] = {true, true};
    char refused[2][LY_WIRE_REASON_MAX + 1] = {"x", "x"};
    struct ly_wire_push_result r;
    snprintf(batch[0].uuid, sizeof batch[0].uuid, "7c9e6679-7425-40de-944b-e07fc1f90ae7");
    snprintf(batch[1].uuid, sizeof batch[1].uuid, "7c9e6679-7425-40de-944b-e07fc1f90ae8");
    af_on();
    bool ok = ly_wire_push_answer(in, n, batch, 2, committed, refused, &r, err, errsz);
    af_off();
    if (!ok && (committed[0] || committed[1]))
        af_broken("a refused answer marked a check-in committed");
    if (ok)
        snprintf(sum, sumsz, "%d%d %s %s %zu %zu %zu %zu %s %s", committed[0], committed[1],
                 refused[0], refused[1], r.stored, r.duplicate, r.rejected, r.refused,
                 r.first_rejection, r.first_refusal);
    return ok;
}

/* ... and the answer to an enrollment. */
static bool p_enroll_answer(const char *in, size_t n, char *sum, size_t sumsz, char *err,
                            size_t errsz)
{
    struct ly_wire_enrollment e;
    af_on();
    bool ok = ly_wire_enroll_answer(in, n, &e, err, errsz);
    af_off();
    if (ok)
        snprintf(sum, sumsz, "%s %s %s %lld %d %lld %lld %lld %zu", e.token, e.name, e.gate,
                 (long long)e.event_id, e.has_key, (long long)e.key_id, (long long)e.id_first,
                 (long long)e.id_last, e.nroots);
    return ok;
}

/* fuzz_csv: every record with its fields, every bad record with its reason. A reader that
 * could not allocate (NULL, or a stop that says memory) refused the file. */
static bool p_csv(const char *in, size_t n, char *sum, size_t sumsz, char *err, size_t errsz)
{
    char why[256];
    FILE *f = sum_open(sum, sumsz);
    bool ok = true;
    af_on();
    struct ly_csv *c = ly_csv_new(in, n, 0);
    enum ly_csv_status st = LY_CSV_END;
    if (c == NULL) {
        snprintf(err, errsz, "CSV: out of memory");
        ok = false;
    }
    while (ok && (st = ly_csv_next(c, why, sizeof why)) != LY_CSV_END) {
        af_pause();
        fprintf(f, "%d:%ld:", (int)st, ly_csv_line(c));
        if (st == LY_CSV_RECORD) {
            for (size_t i = 0; i < ly_csv_count(c); i++)
                fprintf(f, "%s|", ly_csv_field(c, i, NULL));
        } else if (strstr(why, "memory")) {
            snprintf(err, errsz, "%s", why);
            ok = false;
        } else {
            fputs(why, f);
        }
        fputc('\n', f);
        af_resume();
    }
    af_off();
    ly_csv_free(c);
    fclose(f);
    return ok;
}

static const char *req_status(enum ly_req_status st)
{
    return st == LY_REQ_BAD         ? "400"
           : st == LY_REQ_TOO_LARGE ? "413"
           : st == LY_REQ_OK        ? "ok"
                                    : "503";
}

/* A request the hub could not read for want of memory is answered 503 (the kiosk tries again),
 * never 400 (the kiosk gives the batch up for the pass) or 413. */
static void check_status(enum ly_req_status st, const char *err)
{
    if (st != LY_REQ_OK && (strstr(err, "memory") != NULL) != (st == LY_REQ_NOMEM))
        af_broken("answered %s: %s", req_status(st), err);
}

/* fuzz_hub_batch */
static bool p_batch(const char *in, size_t n, char *sum, size_t sumsz, char *err, size_t errsz)
{
    struct ly_req_batch b;
    af_on();
    enum ly_req_status st = ly_req_batch(in, n, &b, err, errsz);
    af_off();
    check_status(st, err);
    if (st != LY_REQ_OK) {
        if (b.items != NULL || b.n != 0)
            af_broken("a refused batch holds items");
        return false;
    }
    FILE *f = sum_open(sum, sumsz);
    fprintf(f, "%s %lld %zu\n", b.kiosk_id, (long long)b.queue, b.n);
    for (size_t i = 0; i < b.n; i++)
        fprintf(f, "%d %s %s %s %lld\n", (int)b.results[i], b.items[i].uuid, b.items[i].decision,
                b.errors[i], (long long)b.items[i].seq);
    if (b.has_health) {
        char json[LY_HEALTH_JSON_MAX];
        if (ly_health_text(&b.health, json, sizeof json))
            fputs(json, f);
    }
    fprintf(f, "%s\n", b.health_error);
    fclose(f);
    ly_req_batch_free(&b);
    return true;
}

/* fuzz_hub_enroll */
static bool p_enroll(const char *in, size_t n, char *sum, size_t sumsz, char *err, size_t errsz)
{
    struct ly_req_enroll e;
    af_on();
    enum ly_req_status st = ly_req_enroll(in, n, &e, err, errsz);
    af_off();
    check_status(st, err);
    if (st != LY_REQ_OK)
        return false;
    snprintf(sum, sumsz, "%s %s %s %d", e.code, e.kiosk_id, e.software, e.has_pk);
    return true;
}

/* fuzz_hub_frame: the request head line by line, as the harness cuts it. */
static bool p_frame(const char *in, size_t n, char *sum, size_t sumsz, char *err, size_t errsz)
{
    const char *p = in, *end = in + n;
    char line[1024];
    struct ly_frame f;
    ly_frame_init(&f);
    af_on();
    for (bool first = true; p < end; first = false) {
        const char *nl = memchr(p, '\n', (size_t)(end - p)), *le = nl ? nl : end;
        size_t len = (size_t)(le - p);
        if (len > 0 && p[len - 1] == '\r')
            len--;
        if (first) {
            snprintf(line, sizeof line, "%.*s", (int)len, p);
            char *sp1 = strchr(line, ' '), *sp2 = strrchr(line, ' ');
            if (sp1 && sp2 > sp1) {
                bool bad = false;
                *sp1 = *sp2 = '\0';
                ly_frame_unescape(sp1 + 1, &bad);
                (void)ly_frame_line(&f, line, sp1 + 1, sp2 + 1);
            }
        } else if (memchr(p, ':', len)) {
            const char *colon = memchr(p, ':', len);
            (void)ly_frame_header(&f, p, (size_t)(colon - p), colon + 1,
                                  (size_t)(p + len - colon - 1));
        }
        p = nl ? nl + 1 : end;
    }
    af_off();
    if (f.bad) {
        snprintf(err, errsz, "%s", f.why ? f.why : "");
        return false;
    }
    snprintf(sum, sumsz, "%d %d %d", f.content_length, f.transfer_encoding, f.http10);
    return true;
}

/* fuzz_hub_query: the query of a changes request, the path's route, an If-None-Match. */
static bool p_query(const char *in, size_t n, char *sum, size_t sumsz, char *err, size_t errsz)
{
    char buf[1024];
    const char *parts[3] = {buf, NULL, NULL};
    size_t k = 1;
    n = n < sizeof buf - 1 ? n : sizeof buf - 1;
    memcpy(buf, in, n);
    buf[n] = '\0';
    for (size_t i = 0; i < n && k < 3; i++)
        if (buf[i] == '\0')
            parts[k++] = buf + i + 1;
    struct ly_req_changes q;
    bool ok_method;
    const char *rest = NULL;
    const struct ly_hub_route *row = NULL;
    af_on();
    enum ly_req_status st = ly_req_changes(parts[0], parts[1], parts[2], &q, err, errsz);
    enum ly_route r = ly_hub_route("GET", buf, &ok_method, &row, &rest);
    bool nm = ly_dash_not_modified(buf, "\"0123456789abcdef\"");
    af_off();
    check_status(st, err);
    if (st != LY_REQ_OK)
        return false;
    snprintf(sum, sumsz, "%lld %lld %lld %s %d", (long long)q.since, (long long)q.limit,
             (long long)q.wait_s, ly_route_name(r), nm);
    return true;
}

/* fuzz_pin: a PEM certificate's pin, a pin list, an enrollment text. */
static bool p_pin(const char *in, size_t n, char *sum, size_t sumsz, char *err, size_t errsz)
{
    char pin[LY_PIN_LEN + 1] = "", code[80] = "", pins[LY_PINS_TEXT_MAX + 1] = "", e1[256] = "";
    af_on();
    bool pem = ly_pin_from_pem(in, n, pin, e1, sizeof e1);
    bool valid = ly_pins_valid(in, n);
    bool text = ly_enroll_text_parse(in, n, code, sizeof code, pins, err, errsz);
    af_off();
    if (!pem && strstr(e1, "memory")) {
        snprintf(err, errsz, "%s", e1);
        return false;
    }
    if (!text && !pem && !valid)
        return false;
    snprintf(sum, sumsz, "%d %s %s %d %d %s %s", pem, pin, pem ? "" : e1, valid, text, code, pins);
    return true;
}

/* fuzz_badge */
static struct ly_badge_key badge_key;

static bool p_badge(const char *in, size_t n, char *sum, size_t sumsz, char *err, size_t errsz)
{
    struct ly_badge parsed = {0}, verified = {0};
    af_on();
    enum ly_badge_status p = ly_badge_parse(in, n, &parsed);
    enum ly_badge_status v = ly_badge_verify(in, n, &badge_key, 1, 1, 0, &verified);
    af_off();
    if (p != LY_BADGE_OK) {
        snprintf(err, errsz, "%s", ly_badge_status_name(p));
        return false;
    }
    snprintf(sum, sumsz, "%s %u %u", ly_badge_status_name(v), parsed.attendee_id,
             verified.attendee_id);
    return true;
}

/* A status struct as hexadecimal (zeroed before it was filled, so padding is 0 too). */
static void hex_sum(const void *v, size_t n, char *sum, size_t sumsz)
{
    for (size_t i = 0; i < n && 2 * i + 3 <= sumsz; i++)
        snprintf(sum + 2 * i, 3, "%02x", ((const uint8_t *)v)[i]);
}

/* fuzz_escpos_status, fuzz_ql_status, fuzz_zpl_hs: a printer's status bytes. */
static bool p_escpos(const char *in, size_t n, char *sum, size_t sumsz, char *err, size_t errsz)
{
    struct ly_escpos_status e;
    memset(&e, 0, sizeof e);
    af_on();
    bool ok = ly_escpos_parse_status((const uint8_t *)in, n, &e, err, errsz);
    af_off();
    if (ok)
        hex_sum(&e, sizeof e, sum, sumsz);
    return ok;
}

static bool p_ql(const char *in, size_t n, char *sum, size_t sumsz, char *err, size_t errsz)
{
    struct ly_ql_status q;
    memset(&q, 0, sizeof q);
    af_on();
    bool ok = ly_ql_parse_status((const uint8_t *)in, n, &q, err, errsz);
    af_off();
    if (ok)
        hex_sum(&q, sizeof q, sum, sumsz);
    return ok;
}

static bool p_zpl(const char *in, size_t n, char *sum, size_t sumsz, char *err, size_t errsz)
{
    struct ly_zpl_status z;
    memset(&z, 0, sizeof z);
    af_on();
    bool complete = ly_zpl_hs_complete((const uint8_t *)in, n);
    bool ok = ly_zpl_parse_hs((const uint8_t *)in, n, &z, err, errsz);
    af_off();
    if (ok)
        hex_sum(&z, sizeof z, sum, sumsz);
    if (ok)
        sum[0] = complete ? sum[0] : '!';
    return ok;
}

/* fuzz_ipp_state: libcups reads the message (its allocations are its own), then Lanyard takes
 * the states and reasons from it. */
struct mem {
    const char *data;
    size_t size, pos;
};

static ssize_t read_mem(void *ctx, ipp_uchar_t *buf, size_t n)
{
    struct mem *m = ctx;
    n = n < m->size - m->pos ? n : m->size - m->pos;
    memcpy(buf, m->data + m->pos, n);
    m->pos += n;
    return (ssize_t)n;
}

static bool p_ipp(const char *in, size_t n, char *sum, size_t sumsz, char *err, size_t errsz)
{
    struct mem m = {in, n, 0};
    ipp_t *ipp = ippNew();
    ipp_state_t st = ippReadIO(&m, read_mem, 1, NULL, ipp);
    struct ly_ipp_state s;
    char detail[LY_PRINT_DETAIL_MAX] = "";
    af_on();
    ly_ipp_read_state(st == IPP_STATE_DATA ? ipp : NULL, &s);
    enum ly_print_reason r = ly_ipp_reason(&s, detail, sizeof detail);
    af_off();
    ippDelete(ipp);
    (void)err;
    (void)errsz;
    snprintf(sum, sumsz, "%d %d %d %s|%s|%s %d %s", s.printer_state, s.accepting, s.job_state,
             s.reasons, s.job_reasons, s.message, (int)r, detail);
    return true;
}

static const char *const batch_extra[] = {
    /* a batch with two items, one of them bad, and a health report */
    "{\"kiosk_id\":\"7C9E6679-7425-40DE-944B-E07FC1F90AE7\",\"queue\":0,\"checkins\":[{\"uuid\":"
    "\"1b4e28ba-2fa1-41d2-883f-0016d3cca427\",\"seq\":1,\"wall_ms\":1,\"mono_ms\":1,\"gate\":"
    "\"entrance\",\"attendee_id\":5,\"code_kind\":\"badge\",\"decision\":\"granted\","
    "\"reason_code\":\"\",\"place\":\"venue\",\"direction\":1},{\"uuid\":\"x\"}]}",
    NULL};

static const struct af_target targets[] = {
    {"JSON reader", "jsonr", p_jsonr, 8, 4096, NULL},
    {"kiosk: a page of changes", "change", p_change, 8, 4096, NULL},
    {"kiosk: counts", "change", p_counts, 8, 4096, NULL},
    {"kiosk: a batch's answer", "changes", p_push_answer, 8, 4096, NULL},
    {"kiosk: an enrollment's answer", "changes", p_enroll_answer, 8, 4096, NULL},
    {"CSV reader", "csv", p_csv, 8, 4096, NULL},
    {"CSV reader (imports)", "import", p_csv, 8, 4096, NULL},
    {"hub: a batch of check-ins", "hub_batch", p_batch, 8, 4096, batch_extra},
    {"hub: an enrollment", "hub_enroll", p_enroll, 8, 4096, NULL},
    {"hub: request framing", "hub_frame", p_frame, 8, 4096, NULL},
    {"hub: query, path, If-None-Match", "hub_query", p_query, 8, 4096, NULL},
    {"pins and enrollment texts", "pin", p_pin, 8, 4096, NULL},
    {"badge code", "badge", p_badge, 20, 4096, NULL},
    {"printer: ESC/POS status", "escpos_status", p_escpos, 8, 4096, NULL},
    {"printer: Brother QL status", "ql_status", p_ql, 8, 4096, NULL},
    {"printer: Zebra ~HS status", "zpl_hs", p_zpl, 8, 4096, NULL},
    {"printer: IPP state", "ipp_state", p_ipp, 8, 4096, NULL},
};
#define NTARGETS (sizeof targets / sizeof targets[0])

static void parsers_fail_cleanly(void)
{
    (void)af_check_targets(targets, NTARGETS, "parsers", false);
}

/* What the hub answers for each way a body could not be read: a request it ran out of memory
 * reading is 503 (the kiosk's sync client tries again later), never 400 (it gives the batch up
 * for the pass). */
static void hub_answers_503_when_short_of_memory(void)
{
    static const struct {
        enum ly_req_status st;
        int status;
        const char *error;
    } rows[] = {{LY_REQ_BAD, 400, "bad_request"},
                {LY_REQ_TOO_LARGE, 413, "too_large"},
                {LY_REQ_NOMEM, 503, "unavailable"}};
    for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
        struct ly_hub_call c;
        memset(&c, 0, sizeof c);
        ly_hub_req_error(&c, rows[i].st, "JSON: out of memory");
        CHECK_INT(c.status, rows[i].status);
        CHECK_STR(c.error, rows[i].error);
        free(c.out);
    }
}

int main(void)
{
    uint8_t seed[32], sk[64];
    if (!af_install() || sodium_init() < 0) {
        fprintf(stderr, "test_alloc_parse: set-up failed\n");
        return 1;
    }
    for (int i = 0; i < 32; i++)
        seed[i] = (uint8_t)i;
    crypto_sign_seed_keypair(badge_key.pk, sk, seed);
    badge_key.key_id = ly_badge_key_id(badge_key.pk);
    RUN(parsers_fail_cleanly);
    RUN(hub_answers_503_when_short_of_memory);
    return CHECK_DONE();
}
