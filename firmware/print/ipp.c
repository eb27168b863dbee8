/* ipp.c - the IPP/CUPS path through libcups. See ipp.h.
 *
 * The CUPS server is libcups's: CUPS_SERVER in the environment, else client.conf, else the local
 * scheduler. Every request runs on a connection made with a timeout (httpConnect2); the job is
 * created, its PDF streamed, and its state asked for every 250 ms until it ends. A job that does
 * not end in time is cancelled, so that it cannot come out later behind a retry. */
#include "print/ipp.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "common/fail.h"

#define POLL_MS 250

/* Copies src into dst (dstsz bytes), cut when it does not fit. */
static void copy_str(char *dst, size_t dstsz, const char *src)
{
    size_t n = strlen(src);
    n = n < dstsz ? n : dstsz - 1;
    memcpy(dst, src, n);
    dst[n] = '\0';
}

/* Joins the values of a keyword attribute into out, bounded. */
static void join_keywords(ipp_attribute_t *a, char *out, size_t outsz)
{
    out[0] = '\0';
    size_t used = 0;
    int n = ippGetCount(a);
    for (int i = 0; i < n && i < 32; i++) {
        const char *v = ippGetString(a, i, NULL);
        if (v == NULL)
            continue;
        int k = snprintf(out + used, outsz - used, "%s%s", used > 0 ? "," : "", v);
        if (k < 0 || (size_t)k >= outsz - used) {
            out[used] = '\0';
            return;
        }
        used += (size_t)k;
    }
}

void ly_ipp_read_state(ipp_t *response, struct ly_ipp_state *out)
{
    memset(out, 0, sizeof(*out));
    out->accepting = true;
    if (response == NULL)
        return;
    ipp_attribute_t *a;
    a = ippFindAttribute(response, "printer-state", IPP_TAG_ENUM);
    if (a != NULL)
        out->printer_state = ippGetInteger(a, 0);
    a = ippFindAttribute(response, "printer-is-accepting-jobs", IPP_TAG_BOOLEAN);
    if (a != NULL)
        out->accepting = ippGetBoolean(a, 0) != 0;
    a = ippFindAttribute(response, "job-state", IPP_TAG_ENUM);
    if (a != NULL)
        out->job_state = ippGetInteger(a, 0);
    a = ippFindAttribute(response, "printer-state-reasons", IPP_TAG_KEYWORD);
    if (a != NULL)
        join_keywords(a, out->reasons, sizeof out->reasons);
    a = ippFindAttribute(response, "job-state-reasons", IPP_TAG_KEYWORD);
    if (a != NULL)
        join_keywords(a, out->job_reasons, sizeof out->job_reasons);
    a = ippFindAttribute(response, "printer-state-message", IPP_TAG_TEXT);
    if (a == NULL)
        a = ippFindAttribute(response, "job-printer-state-message", IPP_TAG_TEXT);
    const char *msg = a != NULL ? ippGetString(a, 0, NULL) : NULL;
    copy_str(out->message, sizeof out->message, msg != NULL ? msg : "");
}

/* Keyword prefixes and what they mean, most serious first. */
static const struct {
    const char *prefix;
    enum ly_print_reason reason;
} keyword_reasons[] = {
    {"cover-open", LY_PR_COVER_OPEN},     {"door-open", LY_PR_COVER_OPEN},
    {"interlock-open", LY_PR_COVER_OPEN}, {"media-empty", LY_PR_MEDIA_OUT},
    {"media-needed", LY_PR_MEDIA_OUT},    {"marker-supply-empty", LY_PR_MEDIA_OUT},
    {"toner-empty", LY_PR_MEDIA_OUT},     {"media-jam", LY_PR_JAMMED},
    {"cutter", LY_PR_CUTTER_JAM},         {"offline", LY_PR_OFFLINE},
    {"shutdown", LY_PR_OFFLINE},          {"connecting-to-device", LY_PR_OFFLINE},
    {"timed-out", LY_PR_OFFLINE},         {"paused", LY_PR_PAUSED},
    {"moving-to-paused", LY_PR_PAUSED},
};

enum ly_print_reason ly_ipp_reason(const struct ly_ipp_state *st, char *detail, size_t detailsz)
{
    enum ly_print_reason best = LY_PR_NONE;
    size_t best_rank = sizeof keyword_reasons / sizeof keyword_reasons[0];
    char unknown[64] = "";
    const char *p = st->reasons;
    while (*p != '\0') {
        const char *end = strchr(p, ',');
        size_t len = end != NULL ? (size_t)(end - p) : strlen(p);
        char word[128];
        if (len >= sizeof word)
            len = sizeof word - 1;
        memcpy(word, p, len);
        word[len] = '\0';
        p += len + (end != NULL ? 1 : 0);
        size_t wl = strlen(word);
        if (wl > 8 && strcmp(word + wl - 8, "-warning") == 0)
            continue; /* a warning does not stop printing */
        if (strcmp(word, "none") == 0 || word[0] == '\0')
            continue;
        bool known = false;
        for (size_t i = 0; i < best_rank; i++) {
            size_t pl = strlen(keyword_reasons[i].prefix);
            if (strncmp(word, keyword_reasons[i].prefix, pl) == 0) {
                best = keyword_reasons[i].reason;
                best_rank = i;
                known = true;
                break;
            }
        }
        bool report = wl > 7 && strcmp(word + wl - 7, "-report") == 0;
        if (!known && !report && unknown[0] == '\0')
            copy_str(unknown, sizeof unknown, word);
    }
    if (best == LY_PR_NONE && st->printer_state == IPP_PSTATE_STOPPED)
        best = LY_PR_PAUSED;
    if (best == LY_PR_NONE && !st->accepting)
        best = LY_PR_PAUSED;
    if (best == LY_PR_NONE && unknown[0] != '\0')
        best = LY_PR_UNKNOWN;
    if (best != LY_PR_NONE)
        snprintf(detail, detailsz, "CUPS queue %s%s%s%s%s",
                 st->printer_state == IPP_PSTATE_STOPPED ? "stopped"
                 : !st->accepting                        ? "not accepting jobs"
                                                         : "reports a problem",
                 st->reasons[0] != '\0' ? " (" : "", st->reasons, st->reasons[0] != '\0' ? ")" : "",
                 st->message[0] != '\0' ? ": " : "");
    if (best != LY_PR_NONE && st->message[0] != '\0') {
        size_t used = strlen(detail);
        copy_str(detail + used, detailsz - used, st->message);
    }
    return best;
}

/* --- talking to CUPS -------------------------------------------------------------------------- */

__attribute__((format(printf, 3, 4))) static void
set_res(struct ly_print_result *res, enum ly_print_reason reason, const char *fmt, ...)
{
    res->reason = reason;
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(res->detail, sizeof res->detail, fmt, ap);
    va_end(ap);
    if (n < 0)
        res->detail[0] = '\0';
}

/* Connects to the CUPS server and finds the destination's name and URI. */
static http_t *open_dest(const struct ly_print_spec *spec, int io_ms, char *name, size_t namesz,
                         char *uri, size_t urisz, struct ly_print_result *res)
{
    http_t *http =
        httpConnect2(cupsServer(), ippPort(), NULL, AF_UNSPEC, cupsEncryption(), 1, io_ms, NULL);
    if (http == NULL) {
        set_res(res, LY_PR_OFFLINE, "cannot reach CUPS at %s: %s", cupsServer(),
                cupsLastErrorString());
        return NULL;
    }
    httpSetTimeout(http, io_ms / 1000.0, NULL, NULL);
    const char *dflt = spec->path[0] != '\0' ? spec->path : cupsGetDefault2(http);
    if (dflt == NULL) {
        set_res(res, LY_PR_OFFLINE, "CUPS has no default destination");
        httpClose(http);
        return NULL;
    }
    copy_str(name, namesz, dflt);
    httpAssembleURIf(HTTP_URI_CODING_ALL, uri, (int)urisz, "ipp", NULL, "localhost", ippPort(),
                     "/printers/%s", name);
    return http;
}

/* Asks for the printer's state; false with *res when CUPS does not answer or the queue is
 * unknown. */
static bool printer_state(http_t *http, const char *name, const char *uri, struct ly_ipp_state *st,
                          struct ly_print_result *res)
{
    static const char *const attrs[] = {"printer-state", "printer-state-reasons",
                                        "printer-is-accepting-jobs", "printer-state-message"};
    ipp_t *req = ippNewRequest(IPP_OP_GET_PRINTER_ATTRIBUTES);
    ippAddString(req, IPP_TAG_OPERATION, IPP_TAG_URI, "printer-uri", NULL, uri);
    ippAddStrings(req, IPP_TAG_OPERATION, IPP_TAG_KEYWORD, "requested-attributes", 4, NULL, attrs);
    ipp_t *resp = cupsDoRequest(http, req, "/");
    if (resp == NULL || cupsLastError() > IPP_STATUS_OK_CONFLICTING) {
        bool missing = cupsLastError() == IPP_STATUS_ERROR_NOT_FOUND;
        if (missing)
            set_res(res, LY_PR_OFFLINE, "CUPS has no queue %s", name);
        else
            set_res(res, LY_PR_OFFLINE, "CUPS queue %s: %s", name, cupsLastErrorString());
        ippDelete(resp);
        return false;
    }
    ly_ipp_read_state(resp, st);
    ippDelete(resp);
    return true;
}

bool ly_ipp_status(const struct ly_print_spec *spec, int io_ms, struct ly_print_result *res)
{
    memset(res, 0, sizeof(*res));
    char name[256], uri[1024];
    http_t *http = open_dest(spec, io_ms, name, sizeof name, uri, sizeof uri, res);
    if (http == NULL)
        return false;
    struct ly_ipp_state st;
    bool ok = printer_state(http, name, uri, &st, res);
    httpClose(http);
    if (!ok)
        return false;
    res->reason = ly_ipp_reason(&st, res->detail, sizeof res->detail);
    return res->reason == LY_PR_NONE;
}

static const char *media_name(enum ly_label_size size)
{
    switch (size) {
    case LY_LABEL_4X6:
        return "na_index-4x6_4x6in";
    case LY_LABEL_A6:
        return "iso_a6_105x148mm";
    case LY_LABEL_4X3:
        return "oe_4x3-label_4x3in";
    default:
        return NULL;
    }
}

static bool send_pdf(http_t *http, const char *name, int job, const char *pdf_path,
                     struct ly_print_result *res)
{
    FILE *f = fopen(pdf_path, "rb");
    if (f == NULL) {
        set_res(res, LY_PR_UNKNOWN, "cannot read the job's PDF");
        return false;
    }
    bool ok =
        cupsStartDocument(http, name, job, "badge", CUPS_FORMAT_PDF, 1) == HTTP_STATUS_CONTINUE;
    char buf[16384];
    size_t n;
    while (ok && (n = fread(buf, 1, sizeof buf, f)) > 0)
        ok = cupsWriteRequestData(http, buf, n) == HTTP_STATUS_CONTINUE;
    fclose(f);
    ipp_status_t st = cupsFinishDocument(http, name);
    if (!ok || st > IPP_STATUS_OK_CONFLICTING) {
        set_res(res, LY_PR_OFFLINE, "CUPS did not take the document: %s", cupsLastErrorString());
        res->maybe_printed = true;
        return false;
    }
    return true;
}

static void sleep_ms(int ms)
{
    struct timespec ts = {.tv_sec = ms / 1000, .tv_nsec = (long)(ms % 1000) * 1000000L};
    nanosleep(&ts, NULL);
}

bool ly_ipp_print(const struct ly_print_spec *spec, enum ly_label_size size, const char *pdf_path,
                  const char *title, const struct ly_print_timing *t, struct ly_print_result *res)
{
    memset(res, 0, sizeof(*res));
    char name[256], uri[1024];
    http_t *http = open_dest(spec, t->io_ms, name, sizeof name, uri, sizeof uri, res);
    if (http == NULL)
        return false;
    struct ly_ipp_state st;
    bool ok = printer_state(http, name, uri, &st, res);
    if (ok) {
        res->reason = ly_ipp_reason(&st, res->detail, sizeof res->detail);
        ok = res->reason == LY_PR_NONE;
    }
    int job = 0;
    if (ok) {
        cups_option_t *opts = NULL;
        int nopts = 0;
        const char *media = media_name(size);
        if (media != NULL)
            nopts = cupsAddOption("media", media, nopts, &opts);
        nopts = cupsAddOption("print-scaling", "fit", nopts, &opts);
        job = cupsCreateJob(http, name, title, nopts, opts);
        cupsFreeOptions(nopts, opts);
        if (job == 0) {
            ipp_status_t e = cupsLastError();
            set_res(res, e == IPP_STATUS_ERROR_NOT_ACCEPTING_JOBS ? LY_PR_PAUSED : LY_PR_OFFLINE,
                    "CUPS refused the job: %s", cupsLastErrorString());
            ok = false;
        }
    }
    ok = ok && send_pdf(http, name, job, pdf_path, res);
    if (ok && t->sent != NULL)
        t->sent(t->arg);
    /* Follow the job until it ends, the queue stops, or time runs out. */
    struct timespec start;
    clock_gettime(CLOCK_MONOTONIC, &start);
    bool done = false;
    while (ok && !done) {
        static const char *const attrs[] = {"job-state", "job-state-reasons",
                                            "job-printer-state-message"};
        ipp_t *req = ippNewRequest(IPP_OP_GET_JOB_ATTRIBUTES);
        ippAddString(req, IPP_TAG_OPERATION, IPP_TAG_URI, "printer-uri", NULL, uri);
        ippAddInteger(req, IPP_TAG_OPERATION, IPP_TAG_INTEGER, "job-id", job);
        ippAddStrings(req, IPP_TAG_OPERATION, IPP_TAG_KEYWORD, "requested-attributes", 3, NULL,
                      attrs);
        ipp_t *resp = cupsDoRequest(http, req, "/");
        struct ly_ipp_state js;
        ly_ipp_read_state(resp, &js);
        ippDelete(resp);
        res->maybe_printed = true;
        if (js.job_state == IPP_JSTATE_COMPLETED) {
            done = true;
            break;
        }
        if (js.job_state == IPP_JSTATE_ABORTED || js.job_state == IPP_JSTATE_CANCELED) {
            set_res(res, LY_PR_UNKNOWN, "CUPS job ended %s (%s)",
                    js.job_state == IPP_JSTATE_ABORTED ? "aborted" : "cancelled", js.job_reasons);
            ok = false;
            break;
        }
        struct ly_ipp_state ps;
        if (js.job_state == IPP_JSTATE_STOPPED || js.job_state == IPP_JSTATE_HELD ||
            js.job_state == IPP_JSTATE_PENDING) {
            struct ly_print_result pr = {0};
            if (printer_state(http, name, uri, &ps, &pr)) {
                enum ly_print_reason why = ly_ipp_reason(&ps, pr.detail, sizeof pr.detail);
                if (why != LY_PR_NONE && ps.printer_state == IPP_PSTATE_STOPPED) {
                    res->reason = why;
                    copy_str(res->detail, sizeof res->detail, pr.detail);
                    res->maybe_printed = js.job_state != IPP_JSTATE_PENDING;
                    ok = false;
                    break;
                }
            }
        }
        struct timespec now;
        clock_gettime(CLOCK_MONOTONIC, &now);
        long waited = (now.tv_sec - start.tv_sec) * 1000 + (now.tv_nsec - start.tv_nsec) / 1000000;
        if (waited > t->done_ms || (t->stop != NULL && atomic_load(t->stop))) {
            set_res(res, LY_PR_OFFLINE, "CUPS job not completed in time (%s); cancelled",
                    js.job_reasons);
            ok = false;
            break;
        }
        sleep_ms(POLL_MS);
    }
    /* A job that failed after CUPS took it is cancelled: it must not print later by itself. */
    if (!ok && job > 0)
        (void)cupsCancelJob2(http, name, job, 0);
    httpClose(http);
    return ok && done;
}
