/* bench_scan.c - QR decoders on the venue corpus (tests/tools/venue/venue.h, docs/scanning.md
 * "The venue corpus"), all on the same frames in one run: Lanyard as the kiosk runs it
 * (ly_scanner_defaults, one frame to a fresh scanner) and as `lanyard-kiosk --scan` runs it,
 * stock ZBar (every symbology, one zbar_scan_image at full resolution, as zbarimg) and zxing-cpp
 * (QR only, default hints, through firmware/scan/zxread.h). Prints reads per condition and size,
 * wrong reads, false positives on the idle frames, p50/p99 ms per idle frame (a fresh kiosk
 * scanner fed a moving, noisy stream) and per badge frame, in wall-clock and CPU time, the
 * frames and milliseconds from a badge entering the view to Lanyard's read, and the issue's
 * targets, met or not (the time targets judged on CPU time, which other processes on a shared
 * machine do not inflate).
 * LY_BENCH_PER (frames per condition and size, default 12; idle frames twice that) and
 * LY_BENCH_TRIALS (entering-view trials per size, default 16) size the run; LY_BENCH_REPEAT
 * (default 3) times each measured scan that many times, each on a fresh scanner (the idle stream
 * from its start), and keeps the fastest: a scan's work is the same every time, and the fastest
 * is the one the least disturbed by other processes on the machine (the first times alone are
 * printed too); LY_BENCH_FRAMES=1
 * also prints each frame's outcome (R read, W wrong, - nothing: lanyard, ly-still, zbar,
 * zxing), named as venuegen names its file, and each idle-stream frame's first time and what
 * the scanner did with it (finder sets, decoder passes, pixels tried); LY_BENCH_MATRIX=1 and
 * LY_BENCH_READS=N run the older measurements of scan_steps.h instead. */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <zbar.h>

#include "capture/frame.h"
#include "common/num.h"
#include "scan/scanner.h"
#include "scan_steps.h"
#include "tools/venue/venue.h"

#include "scan/zxread.h"
#include "bench/stats.h"

enum dec { D_KIOSK, D_WINDOW, D_STILL, D_ZBAR, D_ZXING, D_COUNT };
static const char *const dec_names[D_COUNT] = {"lanyard", "ly-0.5s", "ly-still", "zbar", "zxing"};

/* Frames a badge held still is in view for in half a second at 30 fps: the kiosk spreads its
 * tries over them (ly-0.5s: the same frame given up to this many times). */
#define WINDOW_FRAMES 15

enum outcome { O_NONE, O_READ, O_WRONG };

static int64_t repeat = 3; /* LY_BENCH_REPEAT */

static double now_ms(void)
{
    return (double)ly_frame_now_ns() / 1e6;
}

static double cpu_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static void die(const char *what)
{
    fprintf(stderr, "bench_scan: %s\n", what);
    exit(1);
}

static enum outcome judge(const char *got, size_t len, bool any, const char *payload)
{
    if (!any)
        return O_NONE;
    if (payload != NULL && strlen(payload) == len && memcmp(got, payload, len) == 0)
        return O_READ;
    return O_WRONG;
}

/* One Lanyard scan with sc; the outcome of the codes it reports. */
static enum outcome ly_scan(struct ly_scanner *sc, const struct ly_frame *f, const char *payload)
{
    struct ly_scan_result res;
    char err[256];
    if (!ly_scanner_scan(sc, f, &res, err, sizeof(err)))
        die(err);
    enum outcome o = O_NONE;
    for (int k = 0; k < res.count; k++) {
        enum outcome ok = judge(res.codes[k].payload, res.codes[k].len, true, payload);
        if (ok == O_WRONG || o == O_NONE)
            o = ok;
    }
    return o;
}

/* Lanyard on one frame given to a fresh scanner with cfg; ms: the scan's wall-clock and CPU
 * time. */
static enum outcome ly_once(const struct ly_scanner_config *cfg, const struct ly_frame *f,
                            const char *payload, double ms[2])
{
    struct ly_scanner *sc;
    char err[256];
    if (!ly_scanner_open(cfg, &sc, err, sizeof(err)))
        die(err);
    double t0 = now_ms(), c0 = cpu_ms();
    enum outcome o = ly_scan(sc, f, payload);
    ms[0] = now_ms() - t0;
    ms[1] = cpu_ms() - c0;
    ly_scanner_close(sc);
    return o;
}

/* Lanyard with cfg on f given up to WINDOW_FRAMES times, as a badge held still for half a
 * second: the first read, or the last outcome. */
static enum outcome ly_window(const struct ly_scanner_config *cfg, const struct ly_frame *f,
                              const char *payload)
{
    struct ly_scanner *sc;
    char err[256];
    enum outcome o = O_NONE;
    if (!ly_scanner_open(cfg, &sc, err, sizeof(err)))
        die(err);
    for (int i = 0; i < WINDOW_FRAMES && o == O_NONE; i++)
        o = ly_scan(sc, f, payload);
    ly_scanner_close(sc);
    return o;
}

/* Stock ZBar as zbarimg runs it: every symbology, one scan of the whole image. */
static enum outcome zbar_stock(const struct ly_frame *f, const char *payload)
{
    zbar_image_scanner_t *zs = zbar_image_scanner_create();
    zbar_image_t *img = zbar_image_create();
    if (zs == NULL || img == NULL)
        die("cannot create a ZBar scanner");
    zbar_image_scanner_set_config(zs, 0, ZBAR_CFG_ENABLE, 1);
    zbar_image_set_format(img, zbar_fourcc('Y', '8', '0', '0'));
    zbar_image_set_size(img, (unsigned)f->width, (unsigned)f->height);
    zbar_image_set_data(img, f->data, (unsigned long)f->stride * f->height, NULL);
    enum outcome o = O_NONE;
    if (zbar_scan_image(zs, img) > 0) {
        for (const zbar_symbol_t *s = zbar_image_first_symbol(img); s != NULL;
             s = zbar_symbol_next(s)) {
            enum outcome k =
                judge(zbar_symbol_get_data(s), zbar_symbol_get_data_length(s), true, payload);
            if (k == O_WRONG || o == O_NONE)
                o = k;
        }
    }
    zbar_image_destroy(img);
    zbar_image_scanner_destroy(zs);
    return o;
}

static enum outcome zxing(const struct ly_frame *f, const char *payload, double ms[2])
{
    ms[0] = ms[1] = 0;
    struct ly_zxread_code code;
    double t0 = now_ms(), c0 = cpu_ms();
    /* thorough: zxing-cpp's default hints (try harder, rotate, downscale), QR only */
    int n = ly_zxread(f->data, f->width, f->height, f->stride, true, &code, 1);
    ms[0] = now_ms() - t0;
    ms[1] = cpu_ms() - c0;
    if (n < 0)
        die("zxing-cpp failed");
    return n == 0 ? O_NONE : judge((const char *)code.bytes, code.len, true, payload);
}

/* --- rendering on two threads ahead of the measurements ------------------------------------- */

struct job {
    struct venue *v;
    const struct venue_shot *shots;
    struct ly_frame *frames;
    struct venue_truth *truths;
    int n, next;
    pthread_mutex_t lock;
};

static void *render_worker(void *arg)
{
    struct job *j = arg;
    struct venue_bgcache cache = {0}; /* a trial's frames share their background */
    for (;;) {
        pthread_mutex_lock(&j->lock);
        int i = j->next++;
        pthread_mutex_unlock(&j->lock);
        if (i >= j->n)
            break;
        char err[256];
        if (!ly_frame_alloc(&j->frames[i], j->shots[i].width, j->shots[i].height) ||
            !venue_render_cached(j->v, &j->shots[i], &cache, &j->frames[i], &j->truths[i], err,
                                 sizeof(err)))
            die("cannot render a frame");
    }
    venue_bgcache_free(&cache);
    return NULL;
}

/* Renders n shots into frames (allocated here, freed by the caller) with two threads. The
 * venue's phone and ticket textures are made on first use: make them before, single-threaded. */
static void render_all(struct venue *v, const struct venue_shot *shots, int n,
                       struct ly_frame *frames, struct venue_truth *truths)
{
    struct job j = {v, shots, frames, truths, n, 0, PTHREAD_MUTEX_INITIALIZER};
    pthread_t t;
    if (pthread_create(&t, NULL, render_worker, &j) != 0)
        die("cannot start a thread");
    render_worker(&j);
    pthread_join(t, NULL);
}

/* Renders one small frame of every phone and ticket texture, so that they exist before threads
 * share the venue. */
static void warm_textures(struct venue *v)
{
    struct ly_frame f;
    struct venue_truth t;
    char err[256];
    if (!ly_frame_alloc(&f, 640, 480))
        die("out of memory");
    for (int c = 0; c < VENUE_CODES; c++) {
        for (int o = 0; o < 3; o++) {
            struct venue_shot s;
            venue_shot_draw(v, VC_PLAIN, 640, 480, 0, &s);
            s.object = o == 2 ? VO_TICKET : VO_PHONE;
            s.dark_mode = o == 1;
            s.code = c;
            if (!venue_render(v, &s, &f, &t, err, sizeof(err)))
                die(err);
        }
    }
    ly_frame_free(&f);
}

#define SIZES  VENUE_SIZES
#define STREAM 30 /* distinct frames in an idle stream */

struct tally {
    int read[VC_COUNT][SIZES][D_COUNT], frames[VC_COUNT][SIZES];
    int wrong[D_COUNT], fp[D_COUNT], idle_frames;
    double *badge_ms[SIZES][2][2]; /* [lanyard kiosk, zxing][wall, cpu], fastest of repeat */
    double *badge_first[SIZES];    /* lanyard kiosk, CPU, the first time alone */
    int nbadge[SIZES];
};

/* Every condition's frames at one size: read, wrong, false positives, times per badge frame. */
static void run_corpus(struct venue *v, int si, int per, struct tally *t)
{
    int w = venue_sizes[si][0], h = venue_sizes[si][1], n = 0;
    int total = per * (VC_COUNT + 1); /* idle frames count double */
    struct venue_shot *shots = calloc((size_t)total, sizeof(*shots));
    struct ly_frame *frames = calloc((size_t)total, sizeof(*frames));
    struct venue_truth *truths = calloc((size_t)total, sizeof(*truths));
    int *conds = calloc((size_t)total, sizeof(int)), *index = calloc((size_t)total, sizeof(int));
    if (shots == NULL || frames == NULL || truths == NULL || conds == NULL || index == NULL)
        die("out of memory");
    for (int c = 0; c < VC_COUNT; c++) {
        for (int i = 0; i < (c == VC_IDLE ? 2 * per : per); i++) {
            venue_shot_draw(v, c, w, h, (uint32_t)i, &shots[n]);
            index[n] = i;
            conds[n++] = c;
        }
    }
    double t0 = now_ms();
    render_all(v, shots, n, frames, truths);
    printf("# %dx%d: %d frames rendered in %.1f s (two threads)\n", w, h, n, (now_ms() - t0) / 1e3);
    fflush(stdout);
    for (int d = 0; d < 2; d++)
        for (int k = 0; k < 2; k++)
            if ((t->badge_ms[si][d][k] = calloc((size_t)n, sizeof(double))) == NULL)
                die("out of memory");
    if ((t->badge_first[si] = calloc((size_t)n, sizeof(double))) == NULL)
        die("out of memory");
    struct ly_scanner_config kiosk = ly_scanner_defaults, still = ly_scanner_still;
    for (int i = 0; i < n; i++) {
        const char *payload = truths[i].payload;
        enum outcome o[D_COUNT];
        double ms_kiosk[2], ms_still[2], ms_zx[2];
        o[D_KIOSK] = ly_once(&kiosk, &frames[i], payload, ms_kiosk);
        double first_cpu = ms_kiosk[1];
        for (int r = 1; r < repeat; r++) {
            double again[2];
            ly_once(&kiosk, &frames[i], payload, again);
            for (int k = 0; k < 2; k++)
                ms_kiosk[k] = again[k] < ms_kiosk[k] ? again[k] : ms_kiosk[k];
        }
        o[D_WINDOW] = o[D_KIOSK] == O_NONE ? ly_window(&kiosk, &frames[i], payload) : o[D_KIOSK];
        o[D_STILL] = ly_once(&still, &frames[i], payload, ms_still);
        o[D_ZBAR] = zbar_stock(&frames[i], payload);
        o[D_ZXING] = zxing(&frames[i], payload, ms_zx);
        for (int r = 1; r < repeat; r++) {
            double again[2];
            zxing(&frames[i], payload, again);
            for (int k = 0; k < 2; k++)
                ms_zx[k] = again[k] < ms_zx[k] ? again[k] : ms_zx[k];
        }
        t->frames[conds[i]][si]++;
        if (payload == NULL)
            t->idle_frames++;
        else {
            for (int k = 0; k < 2; k++) {
                t->badge_ms[si][0][k][t->nbadge[si]] = ms_kiosk[k];
                t->badge_ms[si][1][k][t->nbadge[si]] = ms_zx[k];
            }
            t->badge_first[si][t->nbadge[si]] = first_cpu;
            t->nbadge[si]++;
        }
        if (getenv("LY_BENCH_FRAMES") != NULL) {
            static const char mark[] = {'-', 'R', 'W'};
            printf("frame %s-%dx%d-%03d %5.2f px  %c %c %c %c %c  cpu %6.2f ms (first %6.2f)\n",
                   venue_cond_name(conds[i]), w, h, index[i], truths[i].module_px, mark[o[D_KIOSK]],
                   mark[o[D_WINDOW]], mark[o[D_STILL]], mark[o[D_ZBAR]], mark[o[D_ZXING]],
                   ms_kiosk[1], first_cpu);
        }
        for (int d = 0; d < D_COUNT; d++) {
            t->read[conds[i]][si][d] += o[d] == O_READ;
            if (o[d] == O_WRONG && payload == NULL)
                t->fp[d]++;
            else if (o[d] == O_WRONG)
                t->wrong[d]++;
        }
        ly_frame_free(&frames[i]);
    }
    free(shots);
    free(frames);
    free(truths);
    free(conds);
    free(index);
}

/* Idle cost: a fresh kiosk scanner fed a stream of distinct idle frames (things moving in front
 * of the camera, fresh sensor noise in every frame), so that skipping unchanged frames does not
 * make idle look free; zxing-cpp on the same frames. */
static void run_idle_stream(struct venue *v, int si, double p_ly[4], double p_zx[4],
                            double *first_p99)
{
    int w = venue_sizes[si][0], h = venue_sizes[si][1];
    struct venue_shot shots[STREAM];
    struct ly_frame frames[STREAM];
    struct venue_truth truths[STREAM];
    for (int i = 0; i < STREAM; i++) {
        venue_shot_draw(v, VC_IDLE, w, h, (uint32_t)(1000 + i / 10 * 7), &shots[i]);
        shots[i].cx += 0.006 * (i % 10); /* moving across the view */
        shots[i].roll_deg += 0.8 * (i % 10);
        shots[i].seed = 7777u + (uint32_t)i;
    }
    render_all(v, shots, STREAM, frames, truths);
    char err[256];
    double ly[2][8 * STREAM], zx[2][2 * STREAM], first[8 * STREAM];
    for (int r = 0; r < repeat; r++) {
        struct ly_scanner *sc;
        if (!ly_scanner_open(NULL, &sc, err, sizeof(err)))
            die(err);
        for (int i = 0; i < 8 * STREAM; i++) {
            struct ly_scan_result res;
            double t0 = now_ms(), c0 = cpu_ms();
            if (!ly_scanner_scan(sc, &frames[i % STREAM], &res, err, sizeof(err)))
                die(err);
            double ms[2] = {now_ms() - t0, cpu_ms() - c0};
            if (res.count > 0)
                fprintf(stderr, "bench_scan: a code in an idle stream frame\n");
            if (r == 0 && getenv("LY_BENCH_FRAMES") != NULL)
                printf("idle %dx%d %3d: cpu %5.2f ms, %s, %d finder sets, %d ZBar passes, "
                       "%d zxing, %ld pixels tried\n",
                       w, h, i, ms[1], res.skipped ? "skipped" : "scanned", res.finders, res.passes,
                       res.zxing, res.pixels);
            for (int k = 0; k < 2; k++)
                ly[k][i] = r == 0 || ms[k] < ly[k][i] ? ms[k] : ly[k][i];
            if (r == 0)
                first[i] = ms[1];
        }
        ly_scanner_close(sc);
        for (int i = 0; i < 2 * STREAM; i++) {
            double ms[2];
            zxing(&frames[i % STREAM], NULL, ms);
            for (int k = 0; k < 2; k++)
                zx[k][i] = r == 0 || ms[k] < zx[k][i] ? ms[k] : zx[k][i];
        }
    }
    *first_p99 = bench_quantile(first, 8 * STREAM, 0.99);
    for (int k = 0; k < 2; k++) {
        p_ly[2 * k] = bench_quantile(ly[k], 8 * STREAM, 0.5);
        p_ly[2 * k + 1] = bench_quantile(ly[k], 8 * STREAM, 0.99);
        p_zx[2 * k] = bench_quantile(zx[k], 2 * STREAM, 0.5);
        p_zx[2 * k + 1] = bench_quantile(zx[k], 2 * STREAM, 0.99);
    }
    for (int i = 0; i < STREAM; i++)
        ly_frame_free(&frames[i]);
}

struct seqstats {
    int trials, read, wrong, zx_read, within_half_of_zx;
    double frames[200], ms[200], cpu[200], zx_frames[200];
    int nlat;
};

/* Entering-view trials: a fresh kiosk scanner fed the frames in order at 30 fps. Latency runs
 * from the first frame whose code is wholly in view to the frame Lanyard reads it on. */
static void run_sequences(struct venue *v, int si, int trials, struct seqstats *st)
{
    int w = venue_sizes[si][0], h = venue_sizes[si][1];
    for (int tr = 0; tr < trials && tr < 200; tr++) {
        struct venue_seq q;
        struct ly_frame frames[VENUE_SEQ_MAX];
        struct venue_truth truths[VENUE_SEQ_MAX];
        venue_seq_draw(v, w, h, (uint32_t)tr, &q);
        render_all(v, q.shots, q.n, frames, truths);
        int enter = -1, got = -1;
        for (int i = 0; i < q.n && enter < 0; i++)
            if (truths[i].code_inside)
                enter = i;
        struct ly_scanner *sc;
        char err[256];
        if (!ly_scanner_open(NULL, &sc, err, sizeof(err)))
            die(err);
        double cpu_sum = 0, last_ms = 0;
        for (int i = 0; i < q.n && got < 0; i++) {
            double c0 = cpu_ms(), t0 = now_ms();
            enum outcome o = ly_scan(sc, &frames[i], truths[i].payload);
            last_ms = now_ms() - t0;
            if (enter >= 0 && i >= enter)
                cpu_sum += cpu_ms() - c0;
            st->wrong += o == O_WRONG;
            if (o == O_READ)
                got = i;
        }
        ly_scanner_close(sc);
        bool zx = false;
        int zx_at = -1;
        for (int i = enter < 0 ? q.n : enter; i < q.n && !zx; i++) {
            double ignored[2];
            zx = zxing(&frames[i], truths[i].payload, ignored) == O_READ;
            zx_at = zx ? i : -1;
        }
        st->trials++;
        /* a read before the symbol is wholly in view (a quiet zone cut) counts as at once */
        double lat_frames = got < 0 ? 1e9 : got <= enter || enter < 0 ? 0 : got - enter;
        double lat_ms = got < 0 ? 1e9 : lat_frames * 1000.0 / VENUE_FPS + last_ms;
        if (got >= 0)
            st->read++;
        st->frames[st->nlat] = lat_frames;
        st->ms[st->nlat] = lat_ms;
        st->zx_frames[st->nlat] = zx_at < 0 ? 1e9 : zx_at - enter;
        st->cpu[st->nlat++] = got < 0 ? 1e9 : cpu_sum;
        st->zx_read += zx;
        st->within_half_of_zx += zx && lat_ms <= 500;
        for (int i = 0; i < q.n; i++)
            ly_frame_free(&frames[i]);
    }
}

static void fmt_q(char *buf, size_t sz, double v)
{
    if (v >= 1e8)
        snprintf(buf, sz, "never");
    else
        snprintf(buf, sz, "%.1f", v);
}

static void target(const char *what, bool met, const char *numbers)
{
    printf("target: %-52s %-8s %s\n", what, met ? "met" : "NOT met", numbers);
}

int main(void)
{
    int64_t per = 12, trials = 16;
    const char *e;
    if (getenv("LY_BENCH_MATRIX") != NULL || getenv("LY_BENCH_READS") != NULL) {
        char payload[145];
        int64_t n = 0;
        qrs_badge_payload(1, payload);
        if (getenv("LY_BENCH_MATRIX") != NULL)
            return steps_matrix(payload);
        if (!ly_num_int(getenv("LY_BENCH_READS"), 1, 10000, &n)) {
            fprintf(stderr, "bench_scan: LY_BENCH_READS must be a number from 1 to 10000\n");
            return 2;
        }
        return steps_reads(payload, n);
    }
    if (((e = getenv("LY_BENCH_PER")) != NULL && !ly_num_int(e, 1, 200, &per)) ||
        ((e = getenv("LY_BENCH_TRIALS")) != NULL && !ly_num_int(e, 0, 200, &trials)) ||
        ((e = getenv("LY_BENCH_REPEAT")) != NULL && !ly_num_int(e, 1, 9, &repeat))) {
        fprintf(stderr, "bench_scan: LY_BENCH_PER must be 1-200, LY_BENCH_TRIALS 0-200, "
                        "LY_BENCH_REPEAT 1-9\n");
        return 2;
    }
    struct venue *v;
    char err[512];
    if (!venue_open(&v, err, sizeof(err)))
        die(err);
    warm_textures(v);
    static struct tally t;
    double idle_ly[SIZES][4], idle_zx[SIZES][4]; /* wall p50, p99, CPU p50, p99 */
    double idle_first[SIZES];                    /* CPU p99, the first times alone */
    static struct seqstats seq[SIZES];
    printf(
        "# bench_scan: the venue corpus (docs/scanning.md), %d frames per condition and size,\n"
        "# %d idle; %d entering-view trials per size. lanyard: the kiosk's configuration on\n"
        "# one frame (fresh scanner); ly-still: lanyard-kiosk --scan's; zbar: stock ZBar, every\n"
        "# symbology, one pass as zbarimg; zxing: zxing-cpp 1.4, QR only, default hints.\n",
        (int)per, (int)(2 * per), (int)trials);
    for (int si = 0; si < SIZES; si++) {
        run_corpus(v, si, (int)per, &t);
        run_idle_stream(v, si, idle_ly[si], idle_zx[si], &idle_first[si]);
        run_sequences(v, si, (int)trials, &seq[si]);
    }
    printf("\n%-12s", "condition");
    for (int si = 0; si < SIZES; si++)
        for (int d = 0; d < D_COUNT; d++)
            printf(" %8s", dec_names[d]);
    printf("\n%-12s %-35s %-35s\n", "", "---------- 640x480 ----------",
           "---------- 1280x720 ---------");
    int tot[SIZES][D_COUNT] = {{0}}, totn[SIZES] = {0}, cond_n = 0;
    int cond_ok[D_COUNT] = {0};
    char worse[D_COUNT][512] = {""};
    for (int c = 0; c < VC_IDLE; c++) {
        printf("%-12s", venue_cond_name(c));
        int sum[D_COUNT] = {0};
        for (int si = 0; si < SIZES; si++) {
            for (int d = 0; d < D_COUNT; d++) {
                char cell[16];
                snprintf(cell, sizeof(cell), "%d/%d", t.read[c][si][d], t.frames[c][si]);
                printf(" %8s", cell);
                tot[si][d] += t.read[c][si][d];
                sum[d] += t.read[c][si][d];
            }
            totn[si] += t.frames[c][si];
        }
        printf("\n");
        cond_n++;
        for (int d = 0; d < D_ZBAR; d++) {
            if (sum[d] >= sum[D_ZXING])
                cond_ok[d]++;
            else
                snprintf(worse[d] + strlen(worse[d]), sizeof(worse[d]) - strlen(worse[d]),
                         " %s %d<%d", venue_cond_name(c), sum[d], sum[D_ZXING]);
        }
    }
    printf("%-12s", "total");
    for (int si = 0; si < SIZES; si++) {
        for (int d = 0; d < D_COUNT; d++) {
            char cell[16];
            snprintf(cell, sizeof(cell), "%d/%d", tot[si][d], totn[si]);
            printf(" %8s", cell);
        }
    }
    printf("\n%-12s", "total %");
    for (int si = 0; si < SIZES; si++)
        for (int d = 0; d < D_COUNT; d++)
            printf(" %7.1f%%", 100.0 * tot[si][d] / (totn[si] ? totn[si] : 1));
    printf("\n\n%-44s", "decoder");
    for (int d = 0; d < D_COUNT; d++)
        printf(" %8s", dec_names[d]);
    printf("\n%-44s", "wrong reads on code frames (both sizes)");
    for (int d = 0; d < D_COUNT; d++)
        printf(" %8d", t.wrong[d]);
    char fp_label[64];
    snprintf(fp_label, sizeof(fp_label), "false positives on %d idle frames", t.idle_frames);
    printf("\n%-44s", fp_label);
    for (int d = 0; d < D_COUNT; d++)
        printf(" %8d", t.fp[d]);
    printf("\n\n# ms per frame: the fastest of %d times of each scan (LY_BENCH_REPEAT); "
           "cpu p99 1st: lanyard's first times alone\n",
           (int)repeat);
    printf("%-10s %-24s %9s %9s %9s %9s %11s\n", "frame", "ms per frame", "wall p50", "wall p99",
           "cpu p50", "cpu p99", "cpu p99 1st");
    double b99_max = 0; /* CPU */
    for (int si = 0; si < SIZES; si++) {
        char size[16];
        double q[2][4];
        snprintf(size, sizeof(size), "%dx%d", venue_sizes[si][0], venue_sizes[si][1]);
        for (int d = 0; d < 2; d++) {
            for (int k = 0; k < 2; k++) {
                q[d][2 * k] = bench_quantile(t.badge_ms[si][d][k], t.nbadge[si], 0.5);
                q[d][2 * k + 1] = bench_quantile(t.badge_ms[si][d][k], t.nbadge[si], 0.99);
            }
        }
        const char *names[4] = {"idle, lanyard (stream)", "idle, zxing", "code frame, lanyard",
                                "code frame, zxing"};
        const double *rows[4] = {idle_ly[si], idle_zx[si], q[0], q[1]};
        double firsts[4] = {idle_first[si], -1,
                            bench_quantile(t.badge_first[si], t.nbadge[si], 0.99), -1};
        for (int r = 0; r < 4; r++) {
            printf("%-10s %-24s %9.2f %9.2f %9.2f %9.2f", size, names[r], rows[r][0], rows[r][1],
                   rows[r][2], rows[r][3]);
            if (firsts[r] >= 0)
                printf(" %11.2f", firsts[r]);
            printf("\n");
        }
        b99_max = q[0][3] > b99_max ? q[0][3] : b99_max;
    }
    printf("\n%-10s %6s %6s %6s  %-15s %-15s %-15s %-15s %s\n", "entering", "trials", "read",
           "wrong", "frames p50/p99", "ms p50/p99", "cpu ms p50/p99", "zxing frames",
           "<=0.5s where zxing reads");
    int zx_all = 0, half_all = 0;
    for (int si = 0; si < SIZES; si++) {
        struct seqstats *s = &seq[si];
        char a[16], b[16], c[16], d[16], f1[16], f2[16], size[16];
        double fr50 = bench_quantile(s->frames, s->nlat, 0.5),
               fr99 = bench_quantile(s->frames, s->nlat, 0.99);
        double ms50 = bench_quantile(s->ms, s->nlat, 0.5),
               ms99 = bench_quantile(s->ms, s->nlat, 0.99);
        fmt_q(a, sizeof(a), fr50);
        fmt_q(b, sizeof(b), fr99);
        fmt_q(c, sizeof(c), ms50);
        fmt_q(d, sizeof(d), ms99);
        fmt_q(f1, sizeof(f1), bench_quantile(s->cpu, s->nlat, 0.5));
        fmt_q(f2, sizeof(f2), bench_quantile(s->cpu, s->nlat, 0.99));
        snprintf(size, sizeof(size), "%dx%d", venue_sizes[si][0], venue_sizes[si][1]);
        char ab[40], cd[40], ef[40], z1[16], z2[16], zz[40];
        snprintf(ab, sizeof(ab), "%s/%s", a, b);
        snprintf(cd, sizeof(cd), "%s/%s", c, d);
        snprintf(ef, sizeof(ef), "%s/%s", f1, f2);
        fmt_q(z1, sizeof(z1), bench_quantile(s->zx_frames, s->nlat, 0.5));
        fmt_q(z2, sizeof(z2), bench_quantile(s->zx_frames, s->nlat, 0.99));
        snprintf(zz, sizeof(zz), "%s/%s", z1, z2);
        printf("%-10s %6d %6d %6d  %-15s %-15s %-15s %-15s %d/%d\n", size, s->trials, s->read,
               s->wrong, ab, cd, ef, zz, s->within_half_of_zx, s->zx_read);
        zx_all += s->zx_read;
        half_all += s->within_half_of_zx;
    }
    char num[256];
    int zx_tot = tot[0][D_ZXING] + tot[1][D_ZXING];
    printf("\n");
    static const char *const every[D_ZBAR] = {
        "kiosk, one frame: read rate >= zxing-cpp in every condition",
        "kiosk, 0.5 s: read rate >= zxing-cpp in every condition",
        "--scan: read rate >= zxing-cpp in every condition"};
    static const char *const total[D_ZBAR] = {"kiosk, one frame: read rate >= zxing-cpp in total",
                                              "kiosk, 0.5 s: read rate >= zxing-cpp in total",
                                              "--scan: read rate >= zxing-cpp in total"};
    for (int d = 0; d < D_ZBAR; d++) {
        snprintf(num, sizeof(num), "%d/%d conditions;%s", cond_ok[d], cond_n, worse[d]);
        target(every[d], cond_ok[d] == cond_n, num);
    }
    for (int d = 0; d < D_ZBAR; d++) {
        int ly_tot = tot[0][d] + tot[1][d];
        snprintf(num, sizeof(num), "%s %d, zxing %d", dec_names[d], ly_tot, zx_tot);
        target(total[d], ly_tot >= zx_tot, num);
    }
    snprintf(num, sizeof(num), "%d false positives, %d wrong reads", t.fp[D_KIOSK],
             t.wrong[D_KIOSK]);
    target("0 false positives (lanyard)", t.fp[D_KIOSK] == 0 && t.wrong[D_KIOSK] == 0, num);
    snprintf(num, sizeof(num), "CPU: lanyard p99 %.2f ms, zxing p50 %.2f ms", idle_ly[1][3],
             idle_zx[1][2]);
    target("idle p99 at 1280x720 <= half zxing-cpp's idle p50", idle_ly[1][3] <= idle_zx[1][2] / 2,
           num);
    snprintf(num, sizeof(num), "CPU: worst size p99 %.2f ms", b99_max);
    target("code frame p99 < 5 ms", b99_max < 5, num);
    snprintf(num, sizeof(num), "%d/%d trials (%.0f%%)", half_all, zx_all,
             zx_all ? 100.0 * half_all / zx_all : 0);
    target("read within 0.5 s of entering in >= 99% where zxing reads",
           zx_all > 0 && half_all * 100 >= 99 * zx_all, num);
    for (int si = 0; si < SIZES; si++) {
        for (int d = 0; d < 2; d++)
            for (int k = 0; k < 2; k++)
                free(t.badge_ms[si][d][k]);
        free(t.badge_first[si]);
    }
    venue_close(v);
    return 0;
}
