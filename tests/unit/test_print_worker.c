/* test_print_worker.c - the print worker against socket printers on loopback
 * (tests/tools/sockprinter.py): ZPL, Brother QL and ESC/POS jobs captured, decoded back into
 * images by tests/tools/printdecode.h, their QR read by ZBar and verified, their name compared
 * with the renderer's own image of the same badge; and the faults: paper out, cover open, wrong
 * media, cutter jam, a refused connection, a printer unplugged mid-job. Nothing may print twice,
 * the worker keeps going, and submit never waits. */
#include <cairo.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../check.h"
#include "../tools/printdecode.h"
#include "../tools/printkit.h"
#include "print/label.h"
#include "print/printer.h"
#include "print/render.h"

static const char *const names[] = {"فاطمة الزهراء بن علي", "王小明", "अनुराधा रामकृष्णन"};
static const char *const langs[] = {NULL, "zh-cn", NULL};

static struct ly_print_job badge(const char *name, const char *lang, const char *code)
{
    struct ly_print_job j = {.kind = LY_JOB_BADGE};
    j.card = (struct ly_card){.name = name,
                              .name_lang = lang,
                              .affiliation = "Internet Society",
                              .country = "Egypt",
                              .category = "Speaker",
                              .category_rgb = 0xB34700,
                              .event_name = "Internet Governance Forum 2025",
                              .event_dates = "23-27 June 2025",
                              .code = code};
    return j;
}

static double now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1000.0 + ts.tv_nsec / 1e6;
}

static struct ly_printer *start(const char *spec, enum ly_label_size label, int idle_ms)
{
    struct ly_printer_config cfg = {.spec = spec,
                                    .label = label,
                                    .io_timeout_ms = 2000,
                                    .done_timeout_ms = 10000,
                                    .idle_status_ms = idle_ms};
    struct ly_printer *p = NULL;
    char err[256];
    if (!ly_printer_init(&p, &cfg, err, sizeof err) || !ly_printer_start(p, err, sizeof err)) {
        fprintf(stderr, "printer: %s\n", err);
        ly_printer_destroy(p);
        return NULL;
    }
    return p;
}

/* Submits job and waits for its end; returns the final event (state FAILED on a timeout). */
static struct ly_print_event print(struct ly_printer *p, const struct ly_print_job *job,
                                   double *submit_ms, int *states)
{
    uint64_t id = 0;
    char err[128];
    double t0 = now_ms();
    bool ok = ly_printer_submit(p, job, &id, err, sizeof err);
    if (submit_ms != NULL)
        *submit_ms = now_ms() - t0;
    struct pk_seen seen = {0};
    if (!ok || !pk_wait(p, id, 20000, &seen)) {
        seen.last.state = LY_JOB_FAILED;
        snprintf(seen.last.detail, sizeof seen.last.detail, "no end: %s", ok ? "timeout" : err);
    }
    if (states != NULL)
        *states = seen.states;
    return seen.last;
}

/* Decodes capture number n of sp as lang. */
static bool capture(const struct pk_printer *sp, const char *lang, int n, struct ly_bitmap *out)
{
    char path[200], err[200];
    pk_job_path(sp, n, path, sizeof path);
    size_t len = 0;
    uint8_t *d = pd_read_file(path, &len);
    bool ok = d != NULL && pd_decode(lang, d, len, out, err, sizeof err);
    if (!ok)
        fprintf(stderr, "%s: %s\n", path, d != NULL ? err : "cannot read");
    free(d);
    return ok;
}

/* The printed label must be the label the renderer drew, dot for dot. */
static bool same_as_drawn(const struct ly_bitmap *got, enum ly_label_size size, int dpi,
                          const struct ly_print_job *job)
{
    struct ly_label *l = NULL;
    struct ly_bitmap want = {0};
    char err[256];
    bool ok = ly_label_open(&l, size, dpi, err, sizeof err) &&
              ly_label_raster(l, job, &want, NULL, err, sizeof err) && want.width == got->width &&
              want.height == got->height;
    for (int y = 0; ok && y < want.height; y++) {
        for (int x = 0; ok && x < want.width; x++)
            ok = ly_bitmap_get(&want, x, y) == ly_bitmap_get(got, x, y);
    }
    ly_bitmap_free(&want);
    ly_label_close(l);
    return ok;
}

/* Compares the name on a printed 4x6 in label at 203 dpi with the renderer's own PNG of the same
 * card (ly_render_png, the image `lanyard badges` makes) at the label's scale: the fraction of
 * the name's box whose dots differ, at the best alignment within a dot. */
static double name_difference(const struct ly_bitmap *got, const struct ly_card *printed,
                              const struct ly_card *reference)
{
    struct ly_render *r = NULL;
    char err[256], path[] = "/tmp/ly-print-ref-XXXXXX";
    int fd = mkstemp(path);
    if (fd < 0 || !ly_render_open(&r, err, sizeof err))
        return 1;
    close(fd);
    double s = 101.6 / LY_RENDER_CARD_W_MM, dpi = 203.0 * s, px = 203.0 / 25.4;
    double off_y = (152.4 - LY_RENDER_CARD_H_MM * s) / 2;
    struct ly_render_fit fit;
    bool ok = ly_render_fit_name(r, printed, &fit) &&
              ly_render_png(r, LY_RENDER_A6, reference, 1, path, dpi, NULL, err, sizeof err);
    (void)ly_render_close(r, NULL, 0);
    cairo_surface_t *img = ok ? cairo_image_surface_create_from_png(path) : NULL;
    unlink(path);
    if (img == NULL || cairo_surface_status(img) != CAIRO_STATUS_SUCCESS) {
        if (img != NULL)
            cairo_surface_destroy(img);
        return 1;
    }
    int iw = cairo_image_surface_get_width(img), ih = cairo_image_surface_get_height(img);
    int stride = cairo_image_surface_get_stride(img);
    const unsigned char *data = cairo_image_surface_get_data(img);
    int x0 = (int)floor(fit.box_x * s * px), x1 = (int)ceil((fit.box_x + fit.box_w) * s * px);
    int y0 = (int)floor(fit.ink_y * s * px) - 2,
        y1 = (int)ceil((fit.ink_y + fit.ink_h) * s * px) + 2;
    double best = 1;
    for (int dy = -1; dy <= 1; dy++) {
        for (int dx = -1; dx <= 1; dx++) {
            long diff = 0, ink = 0;
            for (int y = y0; y < y1; y++) {
                for (int x = x0; x < x1; x++) {
                    int gx = x + dx, gy = y + (int)lround(off_y * px) + dy;
                    if (x < 0 || y < 0 || x >= iw || y >= ih || gx < 0 || gy < 0 ||
                        gx >= got->width || gy >= got->height)
                        continue;
                    uint32_t p = *(const uint32_t *)(const void *)(data + (size_t)y * stride +
                                                                   (size_t)x * 4);
                    int lum =
                        (299 * ((p >> 16) & 0xff) + 587 * ((p >> 8) & 0xff) + 114 * (p & 0xff)) /
                        1000;
                    int a = lum < 128, b = ly_bitmap_get(got, gx, gy);
                    ink += a | b;
                    diff += a != b;
                }
            }
            double f = ink > 0 ? (double)diff / (double)ink : 1;
            best = f < best ? f : best;
        }
    }
    cairo_surface_destroy(img);
    return best;
}

static void test_zpl_prints(void)
{
    struct pk_printer sp;
    CHECK(pk_printer_start(&sp, "zpl", 0.2));
    struct ly_printer *p = start(sp.spec, LY_LABEL_4X6, -1);
    CHECK(p != NULL);
    if (p == NULL) {
        pk_printer_stop(&sp);
        return;
    }
    for (int i = 0; i < 3; i++) {
        char code[LY_BADGE_CODE_LEN_MAX + 1];
        CHECK(pk_code(2000u + (uint32_t)i, code));
        struct ly_print_job job = badge(names[i], langs[i], code);
        int states = 0;
        struct ly_print_event ev = print(p, &job, NULL, &states);
        CHECK_INT(ev.state, LY_JOB_DONE);
        CHECK_INT(states, (1 << LY_JOB_QUEUED) | (1 << LY_JOB_SENDING) | (1 << LY_JOB_SENT) |
                              (1 << LY_JOB_DONE));
        struct ly_bitmap got;
        if (!capture(&sp, "zpl", i + 1, &got)) {
            CHECK(false);
            continue;
        }
        CHECK(same_as_drawn(&got, LY_LABEL_4X6, 203, &job));
        char found[4][256];
        uint32_t attendee = 0;
        CHECK_INT(pk_zbar(&got, found, 4), 1);
        CHECK(pk_verify(found[0], &attendee) && attendee == 2000u + (uint32_t)i);
        double d = name_difference(&got, &job.card, &job.card);
        fprintf(stderr, "zpl %d: name differs from the renderer's by %.3f\n", i, d);
        CHECK(d < 0.15);
        if (i == 0) {
            /* The same letters unjoined (a zero-width non-joiner between each): what a printer
             * font without Arabic shaping prints. It must not pass for the renderer's name. */
            struct ly_card unjoined = job.card;
            unjoined.name =
                "ف‌ا‌ط‌م‌ة ا‌ل‌ز‌ه‌ر‌ا‌ء ب‌ن ع‌ل‌ي";
            double u = name_difference(&got, &job.card, &unjoined);
            fprintf(stderr, "zpl: unjoined Arabic differs by %.3f\n", u);
            CHECK(u > 2 * d && u > 0.2);
        }
        ly_bitmap_free(&got);
    }
    CHECK_INT(pk_count(&sp, "job-"), 3);
    struct ly_printer_health h;
    ly_printer_health(p, &h);
    CHECK(h.state == LY_PRINTER_READY && h.labels_printed == 3 && h.jobs_failed == 0);
    ly_printer_destroy(p);
    pk_printer_stop(&sp);
}

/* Faults one by one: each fails the job with its reason, prints nothing (or, unplugged mid-job,
 * keeps the part that went out and never sends it again by itself); the worker goes on, and
 * once the printer is well the next job and a staff retry print once each. */
static void test_zpl_faults(void)
{
    struct pk_printer sp;
    CHECK(pk_printer_start(&sp, "zpl", 0));
    struct ly_printer *p = start(sp.spec, LY_LABEL_4X6, -1);
    if (p == NULL) {
        CHECK(false);
        pk_printer_stop(&sp);
        return;
    }
    char code[LY_BADGE_CODE_LEN_MAX + 1];
    CHECK(pk_code(3000, code));
    struct ly_print_job job = badge(names[1], langs[1], code);
    static const struct {
        const char *mode;
        enum ly_print_reason want;
    } faults[] = {{"paper-out", LY_PR_MEDIA_OUT},
                  {"cover-open", LY_PR_COVER_OPEN},
                  {"paused", LY_PR_PAUSED},
                  {"refuse", LY_PR_OFFLINE},
                  {"silent", LY_PR_OFFLINE}};
    double worst_submit = 0;
    for (size_t i = 0; i < sizeof faults / sizeof faults[0]; i++) {
        CHECK(pk_printer_mode(&sp, faults[i].mode));
        double ms;
        struct ly_print_event ev = print(p, &job, &ms, NULL);
        worst_submit = ms > worst_submit ? ms : worst_submit;
        CHECK_INT(ev.state, LY_JOB_FAILED);
        CHECK_INT(ev.reason, faults[i].want);
        CHECK(!ev.maybe_printed && ev.detail[0] != '\0');
        fprintf(stderr, "%s: %s\n", faults[i].mode, ev.detail);
        struct ly_printer_health h;
        ly_printer_health(p, &h);
        CHECK(h.reason == faults[i].want && h.last_error[0] != '\0');
    }
    CHECK_INT(pk_count(&sp, "job-"), 0);
    CHECK_INT(pk_count(&sp, "partial-"), 0);

    /* The roll runs out during the label: the job fails as out of paper, may have printed, and
     * what the printer still holds of it is cancelled (~JA) so that it does not come out later
     * behind a retry. */
    CHECK(pk_printer_mode(&sp, "out-after-job"));
    struct ly_print_event out = print(p, &job, NULL, NULL);
    CHECK(out.state == LY_JOB_FAILED && out.reason == LY_PR_MEDIA_OUT && out.maybe_printed);
    CHECK(pk_wait_log(&sp, "cancel ~JA", 2000));
    CHECK_INT(pk_count(&sp, "job-"), 1);

    /* Unplugged mid-job: the connection closes after 2000 bytes. */
    CHECK(pk_printer_mode(&sp, "close-mid-job"));
    uint64_t id = 0;
    char err[256];
    CHECK(ly_printer_submit(p, &job, &id, err, sizeof err));
    struct pk_seen seen;
    CHECK(pk_wait(p, id, 10000, &seen));
    CHECK_INT(seen.last.state, LY_JOB_FAILED);
    CHECK_INT(seen.last.reason, LY_PR_OFFLINE);
    CHECK(seen.last.maybe_printed);
    pk_sleep_ms(300);
    CHECK_INT(pk_count(&sp, "partial-"), 1);
    CHECK_INT(pk_count(&sp, "job-"), 1);

    /* The printer comes back: a new job prints with no restart; the unplugged one is not
     * resent by itself, and prints once when staff retry it. */
    CHECK(pk_printer_mode(&sp, "ok"));
    struct ly_print_event ev = print(p, &job, NULL, NULL);
    CHECK_INT(ev.state, LY_JOB_DONE);
    CHECK_INT(pk_count(&sp, "job-"), 2);
    CHECK(ly_printer_retry(p, id, err, sizeof err));
    CHECK(pk_wait(p, id, 10000, &seen));
    CHECK_INT(seen.last.state, LY_JOB_DONE);
    CHECK(!ly_printer_retry(p, id, err, sizeof err)); /* done: nothing to retry */
    pk_sleep_ms(300);
    CHECK_INT(pk_count(&sp, "job-"), 3);
    struct ly_printer_health h;
    ly_printer_health(p, &h);
    CHECK(h.state == LY_PRINTER_READY && h.labels_printed == 2 && h.jobs_failed == 7);
    fprintf(stderr, "slowest submit during faults: %.2f ms\n", worst_submit);
    CHECK(worst_submit < 50);
    ly_printer_destroy(p);
    pk_printer_stop(&sp);
}

/* Brother QL: 62 mm badges and slips; the status reply acted on. */
static void test_ql(void)
{
    struct pk_printer sp;
    CHECK(pk_printer_start(&sp, "ql", 0.3));
    struct ly_printer *p = start(sp.spec, LY_LABEL_62MM, -1);
    if (p == NULL) {
        CHECK(false);
        pk_printer_stop(&sp);
        return;
    }
    char code[LY_BADGE_CODE_LEN_MAX + 1];
    CHECK(pk_code(4000, code));
    struct ly_print_job job = badge(names[2], langs[2], code);
    struct ly_print_job slip = {.kind = LY_JOB_SLIP,
                                .slip = {.name = names[0],
                                         .session = "Open Forum 12",
                                         .room = "Room 3",
                                         .time = "10:00",
                                         .code = code}};
    const struct ly_print_job *jobs[] = {&job, &slip};
    for (int i = 0; i < 2; i++) {
        struct ly_print_event ev = print(p, jobs[i], NULL, NULL);
        CHECK_INT(ev.state, LY_JOB_DONE);
        struct ly_bitmap got;
        if (!capture(&sp, "ql", i + 1, &got)) {
            CHECK(false);
            continue;
        }
        CHECK(same_as_drawn(&got, LY_LABEL_62MM, 300, jobs[i]));
        char found[4][256];
        CHECK_INT(pk_zbar(&got, found, 4), 1);
        CHECK(pk_verify(found[0], NULL));
        ly_bitmap_free(&got);
    }
    static const struct {
        const char *mode;
        enum ly_print_reason want;
    } faults[] = {{"wrong-media", LY_PR_WRONG_MEDIA},
                  {"paper-out", LY_PR_MEDIA_OUT},
                  {"cover-open", LY_PR_COVER_OPEN},
                  {"cutter-jam", LY_PR_CUTTER_JAM}};
    for (size_t i = 0; i < sizeof faults / sizeof faults[0]; i++) {
        CHECK(pk_printer_mode(&sp, faults[i].mode));
        struct ly_print_event ev = print(p, &job, NULL, NULL);
        CHECK_INT(ev.state, LY_JOB_FAILED);
        CHECK_INT(ev.reason, faults[i].want);
        fprintf(stderr, "ql %s: %s\n", faults[i].mode, ev.detail);
    }
    CHECK_INT(pk_count(&sp, "job-"), 2);
    ly_printer_destroy(p);
    pk_printer_stop(&sp);
}

/* ESC/POS: a session access slip on an 80 mm roll. */
static void test_escpos(void)
{
    struct pk_printer sp;
    CHECK(pk_printer_start(&sp, "escpos", 0.2));
    struct ly_printer *p = start(sp.spec, LY_LABEL_RECEIPT80, -1);
    if (p == NULL) {
        CHECK(false);
        pk_printer_stop(&sp);
        return;
    }
    char code[LY_BADGE_CODE_LEN_MAX + 1];
    CHECK(pk_code(5000, code));
    struct ly_print_job slip = {.kind = LY_JOB_SLIP,
                                .slip = {.name = names[1],
                                         .name_lang = "zh-cn",
                                         .session = "Main Session: AI governance",
                                         .room = "Plenary Hall",
                                         .time = "Wed 25 June 15:00",
                                         .event_name = "IGF 2025",
                                         .code = code}};
    struct ly_print_event ev = print(p, &slip, NULL, NULL);
    CHECK_INT(ev.state, LY_JOB_DONE);
    struct ly_bitmap got;
    if (capture(&sp, "escpos", 1, &got)) {
        CHECK_INT(got.width, 576);
        CHECK(same_as_drawn(&got, LY_LABEL_RECEIPT80, 203, &slip));
        char found[4][256];
        CHECK_INT(pk_zbar(&got, found, 4), 1);
        CHECK(pk_verify(found[0], NULL));
        ly_bitmap_free(&got);
    } else {
        CHECK(false);
    }
    CHECK(pk_printer_mode(&sp, "cover-open"));
    ev = print(p, &slip, NULL, NULL);
    CHECK(ev.state == LY_JOB_FAILED && ev.reason == LY_PR_COVER_OPEN);
    CHECK(pk_printer_mode(&sp, "paper-out"));
    ev = print(p, &slip, NULL, NULL);
    CHECK(ev.state == LY_JOB_FAILED && ev.reason == LY_PR_MEDIA_OUT);
    CHECK(pk_printer_mode(&sp, "out-after-job"));
    ev = print(p, &slip, NULL, NULL);
    CHECK(ev.state == LY_JOB_FAILED && ev.reason == LY_PR_MEDIA_OUT && ev.maybe_printed);
    CHECK(pk_wait_log(&sp, "cancel DLE ENQ 2", 2000));
    CHECK(pk_printer_mode(&sp, "ok"));
    ev = print(p, &slip, NULL, NULL);
    CHECK_INT(ev.state, LY_JOB_DONE);
    CHECK_INT(pk_count(&sp, "job-"), 3);
    ly_printer_destroy(p);
    pk_printer_stop(&sp);
}

/* A printer device file (a USB printer's /dev/usb/lp0; here a pseudo-terminal): a ZPL badge and a
 * paper-out through it, and a device that is not there. */
static void test_device(void)
{
    struct pk_printer sp;
    CHECK(pk_printer_start_as(&sp, "zpl", 0.1, true));
    CHECK(strncmp(sp.spec, "zpl:dev:/dev/", 13) == 0);
    struct ly_printer *p = start(sp.spec, LY_LABEL_4X6, -1);
    if (p == NULL) {
        CHECK(false);
        pk_printer_stop(&sp);
        return;
    }
    char code[LY_BADGE_CODE_LEN_MAX + 1];
    CHECK(pk_code(7000, code));
    struct ly_print_job job = badge(names[0], NULL, code);
    struct ly_print_event ev = print(p, &job, NULL, NULL);
    CHECK_INT(ev.state, LY_JOB_DONE);
    struct ly_bitmap got;
    if (capture(&sp, "zpl", 1, &got)) {
        CHECK(same_as_drawn(&got, LY_LABEL_4X6, 203, &job));
        char found[4][256];
        CHECK_INT(pk_zbar(&got, found, 4), 1);
        CHECK(pk_verify(found[0], NULL));
        ly_bitmap_free(&got);
    } else {
        CHECK(false);
    }
    CHECK(pk_printer_mode(&sp, "paper-out"));
    ev = print(p, &job, NULL, NULL);
    CHECK(ev.state == LY_JOB_FAILED && ev.reason == LY_PR_MEDIA_OUT);
    ly_printer_destroy(p);
    pk_printer_stop(&sp);
    p = start("zpl:dev:/dev/usb/lp-not-there", LY_LABEL_4X6, -1);
    if (p != NULL) {
        ev = print(p, &job, NULL, NULL);
        CHECK(ev.state == LY_JOB_FAILED && ev.reason == LY_PR_OFFLINE && !ev.maybe_printed);
        CHECK(strstr(ev.detail, "No such file") != NULL);
        ly_printer_destroy(p);
    }
}

/* A slow printer (1 s a label): submit returns at once for every job, they print in order, one
 * each; the idle status check sees the printer run out of paper and come back with no job. */
static void test_never_blocks(void)
{
    struct pk_printer sp;
    CHECK(pk_printer_start(&sp, "zpl", 1.0));
    struct ly_printer *p = start(sp.spec, LY_LABEL_4X3, 100);
    if (p == NULL) {
        CHECK(false);
        pk_printer_stop(&sp);
        return;
    }
    char code[LY_BADGE_CODE_LEN_MAX + 1], err[256];
    CHECK(pk_code(6000, code));
    struct ly_print_job job = badge(names[0], NULL, code);
    uint64_t ids[4];
    double worst = 0;
    for (int i = 0; i < 4; i++) {
        double t0 = now_ms();
        CHECK(ly_printer_submit(p, &job, &ids[i], err, sizeof err));
        double ms = now_ms() - t0;
        worst = ms > worst ? ms : worst;
    }
    CHECK(worst < 20);
    struct ly_printer_health h;
    double t0 = now_ms();
    ly_printer_health(p, &h);
    CHECK(now_ms() - t0 < 20);
    CHECK(h.queued >= 2);
    uint64_t done_order[4];
    int ndone = 0;
    for (int waited = 0; waited < 15000 && ndone < 4; waited += 10) {
        struct ly_print_event ev;
        while (ly_printer_poll(p, &ev)) {
            if (ev.state == LY_JOB_DONE && ndone < 4)
                done_order[ndone++] = ev.job_id;
            CHECK(ev.state != LY_JOB_FAILED);
        }
        pk_sleep_ms(10);
    }
    CHECK_INT(ndone, 4);
    for (int i = 0; i < ndone; i++)
        CHECK(done_order[i] == ids[i]);
    CHECK_INT(pk_count(&sp, "job-"), 4);
    CHECK(pk_printer_mode(&sp, "paper-out"));
    bool seen_out = false;
    for (int i = 0; i < 100 && !seen_out; i++) {
        ly_printer_health(p, &h);
        seen_out = h.state == LY_PRINTER_ERROR && h.reason == LY_PR_MEDIA_OUT;
        pk_sleep_ms(20);
    }
    CHECK(seen_out);
    CHECK(pk_printer_mode(&sp, "ok"));
    bool back = false;
    for (int i = 0; i < 100 && !back; i++) {
        ly_printer_health(p, &h);
        back = h.state == LY_PRINTER_READY;
        pk_sleep_ms(20);
    }
    CHECK(back);
    ly_printer_destroy(p);
    pk_printer_stop(&sp);
}

/* A caller that does not poll: more state changes than are held. The final ones are kept, in
 * order, and the oldest queued/sending ones make room. */
static void test_events_overflow(void)
{
    struct ly_printer *p = start("zpl:tcp:127.0.0.1:1", LY_LABEL_4X6, -1); /* refused at once */
    if (p == NULL) {
        CHECK(false);
        return;
    }
    char code[LY_BADGE_CODE_LEN_MAX + 1], err[256];
    CHECK(pk_code(8000, code));
    struct ly_print_job job = badge("Ana", NULL, code);
    uint64_t ids[LY_PRINT_QUEUE_MAX];
    for (int i = 0; i < LY_PRINT_QUEUE_MAX; i++)
        CHECK(ly_printer_submit(p, &job, &ids[i], err, sizeof err));
    struct ly_printer_health h = {0};
    for (int i = 0; i < 3000 && h.jobs_failed < LY_PRINT_QUEUE_MAX; i++) {
        pk_sleep_ms(10);
        ly_printer_health(p, &h);
    }
    for (int i = 0; i < LY_PRINT_KEEP_MAX; i++) /* staff retry the ones still kept */
        CHECK(
            ly_printer_retry(p, ids[LY_PRINT_QUEUE_MAX - LY_PRINT_KEEP_MAX + i], err, sizeof err));
    CHECK(!ly_printer_retry(p, ids[0], err, sizeof err)); /* no longer kept */
    int want = LY_PRINT_QUEUE_MAX + LY_PRINT_KEEP_MAX;
    for (int i = 0; i < 3000 && h.jobs_failed < (uint64_t)want; i++) {
        pk_sleep_ms(10);
        ly_printer_health(p, &h);
    }
    CHECK_INT(h.jobs_failed, want);
    CHECK(h.state == LY_PRINTER_OFFLINE && h.reason == LY_PR_OFFLINE);
    int events = 0, failed = 0;
    uint64_t last_failed = 0;
    bool ordered = true;
    struct ly_print_event ev;
    while (ly_printer_poll(p, &ev)) {
        events++;
        if (ev.state == LY_JOB_FAILED) {
            failed++;
            CHECK(ev.reason == LY_PR_OFFLINE && !ev.maybe_printed);
            /* first round in id order, then the retried ones in id order */
            ordered = ordered && (failed == LY_PRINT_QUEUE_MAX + 1 || ev.job_id > last_failed);
            last_failed = ev.job_id;
        }
    }
    CHECK_INT(events, LY_PRINT_EVENTS_MAX);
    CHECK_INT(failed, want);
    CHECK(ordered);
    ly_printer_destroy(p);
}

int main(void)
{
    RUN(test_zpl_prints);
    RUN(test_zpl_faults);
    RUN(test_ql);
    RUN(test_escpos);
    RUN(test_device);
    RUN(test_never_blocks);
    RUN(test_events_overflow);
    return CHECK_DONE();
}
