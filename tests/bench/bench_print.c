/* bench_print.c - the printing figures of `make bench`:
 *   1. drawing one job per path: the label at the printer's resolution and its bytes (ZPL 4x6 in
 *      at 203 dpi, Brother QL 62 mm at 300 dpi, the PDF for IPP, an ESC/POS slip at 203 dpi);
 *   2. submit to the first byte of the job at a loopback printer, p50 and p99, per path (the
 *      raw paths to tests/tools/sockprinter.py, IPP through a real cupsd from
 *      tests/tools/cupskit.sh to a raw queue of the same socket printer);
 *   3. badges per minute at a printer that takes 1.8 s a label, and the software's share of
 *      each cycle (ZPL and QL).
 * Run from the source tree's root. */
#include <math.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "common/dynbuf.h"
#include "print/brother_ql.h"
#include "print/escpos.h"
#include "print/label.h"
#include "print/printer.h"
#include "print/zpl.h"
#include "tools/printkit.h"
#include "bench/stats.h"

#define RENDER_RUNS  20
#define LATENCY_RUNS 30
#define CYCLE_LABELS 8
#define LABEL_S      1.8

static double mono_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static struct ly_print_job job_for(enum ly_print_kind kind, const char *code)
{
    struct ly_print_job j = {.kind = kind};
    j.card = (struct ly_card){.name = "فاطمة الزهراء بن علي",
                              .name_latin = "Fatima Al-Zahraa Ben Ali",
                              .affiliation = "Ministry of Communication",
                              .country = "Egypt",
                              .category = "Speaker",
                              .category_rgb = 0xB34700,
                              .event_name = "Internet Governance Forum 2025",
                              .event_dates = "23-27 June 2025",
                              .code = code};
    j.slip = (struct ly_slip){.name = "王小明",
                              .name_lang = "zh-cn",
                              .session = "Main Session: Digital Public Infrastructure",
                              .room = "Plenary Hall",
                              .time = "Tue 24 June 10:00-11:30",
                              .event_name = "IGF 2025",
                              .code = code};
    return j;
}

/* --- 1. drawing ------------------------------------------------------------------------------- */

static void bench_render(const char *code)
{
    static const struct {
        const char *what, *lang;
        enum ly_label_size size;
        int dpi;
        enum ly_print_kind kind;
    } paths[] = {
        {"zpl    badge 4x6 in, 203 dpi", "zpl", LY_LABEL_4X6, 203, LY_JOB_BADGE},
        {"ql     badge 62 mm, 300 dpi", "ql", LY_LABEL_62MM, 300, LY_JOB_BADGE},
        {"ipp    badge PDF (A6)", "pdf", LY_LABEL_A6, 300, LY_JOB_BADGE},
        {"escpos slip 80 mm, 203 dpi", "escpos", LY_LABEL_RECEIPT80, 203, LY_JOB_SLIP},
    };
    printf("drawing one job (label at the printer's resolution + its bytes), %d runs:\n",
           RENDER_RUNS);
    char err[256], pdf[] = "/tmp/ly-bench-print-XXXXXX";
    int fd = mkstemp(pdf);
    if (fd >= 0)
        close(fd);
    for (size_t i = 0; i < sizeof paths / sizeof paths[0]; i++) {
        struct ly_label *l;
        if (!ly_label_open(&l, paths[i].size, paths[i].dpi, err, sizeof err)) {
            printf("  %s: %s\n", paths[i].what, err);
            continue;
        }
        struct ly_print_job job = job_for(paths[i].kind, code);
        double ms[RENDER_RUNS];
        size_t bytes = 0;
        bool ok = true;
        for (int r = -2; ok && r < RENDER_RUNS; r++) { /* two warm-up runs */
            double t0 = mono_s();
            struct ly_dynbuf out;
            ly_dynbuf_init(&out, 64u << 20);
            if (strcmp(paths[i].lang, "pdf") == 0) {
                ok = ly_label_pdf(l, &job, pdf, err, sizeof err);
                struct stat st;
                bytes = ok && stat(pdf, &st) == 0 ? (size_t)st.st_size : 0;
            } else {
                struct ly_bitmap b;
                ok = ly_label_raster(l, &job, &b, NULL, err, sizeof err);
                if (ok && strcmp(paths[i].lang, "zpl") == 0)
                    ok = ly_zpl_encode(&b, false, &out, err, sizeof err);
                else if (ok && strcmp(paths[i].lang, "ql") == 0)
                    ok = ly_ql_encode(&b, &out, err, sizeof err);
                else if (ok)
                    ok = ly_escpos_encode(&b, &out, err, sizeof err);
                bytes = ly_dynbuf_len(&out);
                ly_bitmap_free(&b);
            }
            ly_dynbuf_free(&out);
            if (r >= 0)
                ms[r] = (mono_s() - t0) * 1000;
        }
        if (ok)
            printf("  %-30s p50 %6.1f ms  max %6.1f ms  (%zu bytes)\n", paths[i].what,
                   bench_quantile(ms, RENDER_RUNS, 0.5), bench_quantile(ms, RENDER_RUNS, 1.0),
                   bytes);
        else
            printf("  %s: %s\n", paths[i].what, err);
        ly_label_close(l);
    }
    unlink(pdf);
}

/* --- 2 and 3: through the worker to a loopback printer ------------------------------------------
 */

/* Reads the printer's "first-byte T" lines into t (at most max). */
static int first_bytes(const char *dir, double *t, int max)
{
    char path[200], line[256];
    snprintf(path, sizeof path, "%s/log", dir);
    FILE *f = fopen(path, "r");
    int n = 0;
    while (f != NULL && n < max && fgets(line, sizeof line, f) != NULL) {
        if (sscanf(line, "first-byte %lf", &t[n]) == 1)
            n++;
    }
    if (f != NULL)
        fclose(f);
    return n;
}

static struct ly_printer *open_printer(const char *spec, enum ly_label_size size)
{
    struct ly_printer_config cfg = {
        .spec = spec, .label = size, .done_timeout_ms = 20000, .idle_status_ms = -1};
    struct ly_printer *p = NULL;
    char err[256];
    if (!ly_printer_init(&p, &cfg, err, sizeof err) || !ly_printer_start(p, err, sizeof err)) {
        fprintf(stderr, "bench_print: %s\n", err);
        ly_printer_destroy(p);
        return NULL;
    }
    return p;
}

/* Submits LATENCY_RUNS jobs one after the other (each waited for) and prints submit to first
 * byte at the printer. */
static bool latency(const char *what, const char *spec, const char *dir, enum ly_label_size size,
                    enum ly_print_kind kind, const char *code)
{
    struct ly_printer *p = open_printer(spec, size);
    if (p == NULL)
        return false;
    struct ly_print_job job = job_for(kind, code);
    double submit[LATENCY_RUNS], fb[LATENCY_RUNS], lat[LATENCY_RUNS];
    char err[256];
    int n = 0;
    for (; n < LATENCY_RUNS; n++) {
        uint64_t id;
        submit[n] = mono_s();
        struct pk_seen seen;
        if (!ly_printer_submit(p, &job, &id, err, sizeof err) || !pk_wait(p, id, 30000, &seen) ||
            seen.last.state != LY_JOB_DONE) {
            fprintf(stderr, "bench_print: %s job %d: %s\n", what, n, seen.last.detail);
            break;
        }
    }
    ly_printer_destroy(p);
    pk_sleep_ms(200);
    int got = first_bytes(dir, fb, LATENCY_RUNS);
    if (n < LATENCY_RUNS || got != n) {
        printf("  %-8s %d of %d jobs, %d first bytes seen\n", what, n, LATENCY_RUNS, got);
        return false;
    }
    for (int i = 0; i < n; i++)
        lat[i] = (fb[i] - submit[i]) * 1000;
    printf("  %-8s p50 %6.1f ms  p99 %6.1f ms  (%d jobs)\n", what, bench_quantile(lat, n, 0.5),
           bench_quantile(lat, n, 0.99), n);
    return true;
}

/* CYCLE_LABELS badges queued at once to a printer taking LABEL_S a label: the time between two
 * labels done, once the first is out. */
static void cycle(const char *lang, enum ly_label_size size, const char *code)
{
    struct pk_printer sp;
    if (!pk_printer_start(&sp, lang, LABEL_S)) {
        printf("  %s: the socket printer did not start\n", lang);
        return;
    }
    struct ly_printer *p = open_printer(sp.spec, size);
    struct ly_print_job job = job_for(LY_JOB_BADGE, code);
    double done[CYCLE_LABELS];
    int ndone = 0;
    char err[256];
    for (int i = 0; p != NULL && i < CYCLE_LABELS; i++) {
        uint64_t id;
        if (!ly_printer_submit(p, &job, &id, err, sizeof err))
            break;
    }
    for (int waited = 0; p != NULL && ndone < CYCLE_LABELS && waited < 60000; waited += 2) {
        struct ly_print_event ev;
        while (ly_printer_poll(p, &ev)) {
            if (ev.state == LY_JOB_DONE)
                done[ndone++] = mono_s();
            if (ev.state == LY_JOB_FAILED)
                waited = 60000;
        }
        pk_sleep_ms(2);
    }
    ly_printer_destroy(p);
    pk_printer_stop(&sp);
    if (ndone < CYCLE_LABELS) {
        printf("  %-6s only %d of %d labels\n", lang, ndone, CYCLE_LABELS);
        return;
    }
    double per = (done[CYCLE_LABELS - 1] - done[0]) / (CYCLE_LABELS - 1);
    printf("  %-6s %.1f badges/min, %.3f s a cycle, software %.1f%% of it (%.0f ms)\n", lang,
           60 / per, per, 100 * (per - LABEL_S) / per, (per - LABEL_S) * 1000);
}

int main(void)
{
    signal(SIGPIPE, SIG_IGN); /* libcups writing to a cupsd that went away */
    char code[LY_BADGE_CODE_LEN_MAX + 1];
    if (!pk_code(1042, code)) {
        fprintf(stderr, "bench_print: cannot sign a code\n");
        return 1;
    }
    bench_render(code);

    printf("submit to the job's first byte at a loopback printer:\n");
    static const struct {
        const char *lang;
        enum ly_label_size size;
        enum ly_print_kind kind;
    } raw[] = {{"zpl", LY_LABEL_4X6, LY_JOB_BADGE},
               {"ql", LY_LABEL_62MM, LY_JOB_BADGE},
               {"escpos", LY_LABEL_RECEIPT80, LY_JOB_SLIP}};
    int rc = 0;
    for (size_t i = 0; i < sizeof raw / sizeof raw[0]; i++) {
        struct pk_printer sp;
        if (!pk_printer_start(&sp, raw[i].lang, 0)) {
            printf("  %s: the socket printer did not start\n", raw[i].lang);
            rc = 1;
            continue;
        }
        if (!latency(raw[i].lang, sp.spec, sp.dir, raw[i].size, raw[i].kind, code))
            rc = 1;
        pk_printer_stop(&sp);
    }
    char dir[] = "/tmp/ly-bench-cups-XXXXXX", cmd[300], env[200];
    if (mkdtemp(dir) != NULL) {
        snprintf(cmd, sizeof cmd, "bash tests/tools/cupskit.sh start %s 2>%s/err", dir, dir);
        snprintf(env, sizeof env, "%s/env", dir);
        FILE *f = system(cmd) == 0 ? fopen(env, "r") : NULL;
        char line[128], server[128] = "";
        while (f != NULL && fgets(line, sizeof line, f) != NULL) {
            if (sscanf(line, "CUPS_SERVER=%127s", server) == 1)
                setenv("CUPS_SERVER", server, 1);
        }
        if (f != NULL)
            fclose(f);
        char pdir[200];
        snprintf(pdir, sizeof pdir, "%s/printer", dir);
        if (server[0] == '\0' ||
            !latency("ipp", "ipp:lanyard", pdir, LY_LABEL_A6, LY_JOB_BADGE, code)) {
            printf("  ipp: no cupsd (board/deps.sh test installs it)\n");
        }
        snprintf(cmd, sizeof cmd, "bash tests/tools/cupskit.sh stop %s; rm -rf %s", dir, dir);
        if (system(cmd) != 0)
            fprintf(stderr, "bench_print: cleaning %s failed\n", dir);
    }

    printf("a printer taking %.1f s a label, %d badges queued at once:\n", LABEL_S, CYCLE_LABELS);
    cycle("zpl", LY_LABEL_4X6, code);
    cycle("ql", LY_LABEL_62MM, code);
    return rc;
}
