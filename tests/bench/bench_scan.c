/* bench_scan.c - time per frame of QR decoders on the same camera-like frames: stock ZBar (every
 * symbology, default density), steps of Lanyard's pipeline, Lanyard without and with its
 * finder-pattern pre-check, and zxing-cpp when built with LY_HAVE_ZXING. Frames are 640x480 and
 * 1280x720: idle (no badge), idle in dim light (strong sensor noise) and with a badge, each a
 * short sequence with fresh sensor noise per frame. Prints the median and p99 over many
 * iterations, how many frames ZBar was given, and how many of the badge frames each decoder read
 * correctly. LY_BENCH_ITERS sets the iterations; LY_BENCH_MATRIX=1 and LY_BENCH_READS=N print
 * the measurements behind the pipeline's choices instead (docs/scanning.md). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "capture/frame.h"
#include "common/num.h"
#include "scan/scanner.h"
#include "../tools/qrsynth.h"

#ifdef LY_HAVE_ZXING
#include "zxing_adapter.h"
#endif

#define SEQ 8 /* frames in one sequence */

struct decoder {
    const char *name;
    bool zxing;
    struct ly_scanner_config cfg;
};

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

/* Decodes frame with d (scanner sc when not zxing); returns whether payload was read, and adds
 * to *zbar_frames when ZBar was given the frame. */
static bool decode(const struct decoder *d, struct ly_scanner *sc, const struct ly_frame *f,
                   const char *payload, int *zbar_frames)
{
    if (d->zxing) {
#ifdef LY_HAVE_ZXING
        char out[LY_BADGE_CODE_MAX + 1];
        int n = ly_zxing_decode_qr(f->data, f->width, f->height, f->stride, out, sizeof(out));
        return payload != NULL && n > 0 && strcmp(out, payload) == 0;
#else
        return false;
#endif
    }
    struct ly_scan_result res;
    char err[128];
    if (!ly_scanner_scan(sc, f, &res, err, sizeof(err))) {
        fprintf(stderr, "bench_scan: %s\n", err);
        exit(1);
    }
    *zbar_frames += res.passes > 0;
    return payload != NULL && res.count > 0 && strcmp(res.codes[0].payload, payload) == 0;
}

/* LY_BENCH_MATRIX=1: the measurements behind the default configuration (docs/scanning.md). For
 * each scale and density, one plain pass: idle ms per 1280x720 frame and how many of a set of
 * badge frames (code sizes 15% to 70% of the height, upright and rotated) it reads. */
static int matrix(const char *payload)
{
    static const double code_sizes[] = {0.15, 0.2, 0.3, 0.45, 0.7};
    static const int res[][2] = {{640, 480}, {1280, 720}};
    printf("%-10s %5s %7s %8s  %s\n", "frame", "scale", "density", "idle ms",
           "read at code size 15% 20% 30% 45% 70% (of 4 each)");
    for (size_t r = 0; r < 2; r++) {
        for (int scale = 1; scale <= 3; scale++) {
            for (int density = 1; density <= 3; density++) {
                struct ly_scanner_config cfg = {
                    .qr_only = true, .density = density, .scale = scale};
                struct ly_scanner *sc;
                struct ly_frame f;
                struct ly_scan_result out;
                char err[128];
                double t[41];
                if (!ly_scanner_open(&cfg, &sc, err, sizeof(err)) ||
                    !ly_frame_alloc(&f, res[r][0], res[r][1]))
                    return 1;
                for (int i = 0; i < 41; i++) {
                    struct qrs_params p = {
                        .blur = 1, .noise = 3, .seed = (unsigned)i + 1, .scene = 7};
                    qrs_frame(&f, NULL, &p);
                    int64_t t0 = ly_frame_now_ns();
                    if (!ly_scanner_scan(sc, &f, &out, err, sizeof(err)))
                        return 1;
                    t[i] = (double)(ly_frame_now_ns() - t0) / 1e6;
                }
                qsort(t, 41, sizeof(double), cmp_double);
                printf("%4dx%-5d %5d %7d %8.3f ", res[r][0], res[r][1], scale, density, t[20]);
                for (size_t c = 0; c < sizeof(code_sizes) / sizeof(code_sizes[0]); c++) {
                    int read = 0;
                    for (int v = 0; v < 4; v++) {
                        struct qrs_params p = {.size = code_sizes[c],
                                               .angle_deg = v * 17.0,
                                               .tilt = v == 3 ? 0.15 : 0,
                                               .blur = 1,
                                               .noise = 3,
                                               .seed = (unsigned)v + 1,
                                               .scene = 7,
                                               .cx = 0.4 + 0.05 * v,
                                               .cy = 0.45 + 0.03 * v};
                        qrs_frame(&f, payload, &p);
                        if (!ly_scanner_scan(sc, &f, &out, err, sizeof(err)))
                            return 1;
                        read += out.count > 0 && strcmp(out.codes[0].payload, payload) == 0;
                    }
                    printf(" %d", read);
                }
                printf("\n");
                fflush(stdout);
                ly_frame_free(&f);
                ly_scanner_close(sc);
            }
        }
    }
    return 0;
}

/* Scans f with a fresh scanner with cfg (every frame a first one); returns whether it read
 * payload, and with *cropped whether from the area around finder patterns. */
static bool read_once(const struct ly_scanner_config *cfg, const struct ly_frame *f,
                      const char *payload, bool *cropped)
{
    struct ly_scanner *sc;
    struct ly_scan_result res;
    char err[128];
    bool ok = false;
    if (!ly_scanner_open(cfg, &sc, err, sizeof(err)))
        exit(1);
    if (ly_scanner_scan(sc, f, &res, err, sizeof(err)))
        ok = res.count == 1 && strcmp(res.codes[0].payload, payload) == 0;
    *cropped = res.cropped;
    ly_scanner_close(sc);
    return ok;
}

/* LY_BENCH_READS=N: what the pre-check changes in what is read. Each test variant and the
 * matrix's harder codes, N frames each (fresh noise, turned 3 degrees more each time), scanned as
 * the first camera frame with and without the pre-check: read around the finder patterns, read
 * by the whole-frame fallback, and frames read without the pre-check but not with it (lost). */
static int reads(const char *payload, int64_t n)
{
    static const struct qrs_variant harder[] = {
        {"20% of the height", {.size = 0.2, .angle_deg = 17, .blur = 1, .noise = 3, .scene = 7}},
        {"30%, 17 degrees", {.size = 0.3, .angle_deg = 17, .blur = 1, .noise = 3, .scene = 7}},
        {"30%, 34 degrees", {.size = 0.3, .angle_deg = 34, .blur = 1, .noise = 3, .scene = 7}},
        {"70%, 34 degrees", {.size = 0.7, .angle_deg = 34, .blur = 1, .noise = 3, .scene = 7}},
        {"15% keystone", {.size = 0.45, .angle_deg = 5, .tilt = 0.15, .blur = 1, .scene = 7}},
    };
    struct ly_scanner_config with = ly_scanner_defaults, without;
    with.skip_unchanged = false;
    without = with;
    without.precheck = false;
    printf("%-10s %-18s %8s %8s %8s %8s %8s\n", "frame", "code", "cropped", "fallback", "with",
           "without", "lost");
    for (size_t s = 0; s < 2; s++) {
        for (size_t v = 0; v < QRS_VARIANTS + sizeof(harder) / sizeof(harder[0]); v++) {
            const struct qrs_variant *var =
                v < QRS_VARIANTS ? &qrs_variants[v] : &harder[v - QRS_VARIANTS];
            int cropped = 0, fallback = 0, old = 0, lost = 0;
            struct ly_frame f;
            if (!ly_frame_alloc(&f, qrs_sizes[s][0], qrs_sizes[s][1]))
                return 1;
            for (int64_t i = 0; i < n; i++) {
                struct qrs_params p = var->p;
                bool crop, ignored;
                p.seed = (unsigned)i + 1;
                p.angle_deg += 3.0 * (double)i;
                if (!qrs_frame(&f, payload, &p))
                    return 1;
                bool now = read_once(&with, &f, payload, &crop);
                bool before = read_once(&without, &f, payload, &ignored);
                cropped += now && crop;
                fallback += now && !crop;
                old += before;
                lost += before && !now;
            }
            printf("%4dx%-5d %-18s %8d %8d %8d %8d %8d\n", qrs_sizes[s][0], qrs_sizes[s][1],
                   var->name, cropped, fallback, cropped + fallback, old, lost);
            fflush(stdout);
            ly_frame_free(&f);
        }
    }
    return 0;
}

/* The scenes each frame size is measured on. */
enum scene {
    SCENE_IDLE,  /* an office-like background, sensor noise sigma 3 */
    SCENE_DIM,   /* the same in dim light: sensor noise sigma 10 */
    SCENE_BADGE, /* a badge code, 45% of the height, turned 8 degrees, slightly blurred */
};

static const char *const scene_names[] = {"idle", "dim", "badge"};

int main(void)
{
    static const int sizes[][2] = {{640, 480}, {1280, 720}};
    struct ly_scanner_config stock = {.qr_only = false, .density = 1, .scale = 1};
    struct ly_scanner_config qr1 = {.qr_only = true, .density = 1, .scale = 1};
    struct ly_scanner_config half = {.qr_only = true, .density = 1, .scale = 2};
    struct ly_scanner_config every = ly_scanner_defaults;
    every.skip_unchanged = false;
    struct ly_scanner_config no_precheck = every;
    no_precheck.precheck = false;
    const struct decoder decoders[] = {
        {"zbar stock (all symbologies, density 1)", false, stock},
        {"zbar QR only, full size, one pass", false, qr1},
        {"zbar QR only, half size, one pass", false, half},
        {"lanyard without pre-check, every frame", false, no_precheck},
        {"lanyard, every frame scanned", false, every},
        {"lanyard (default: skips unchanged)", false, ly_scanner_defaults},
#ifdef LY_HAVE_ZXING
        {"zxing-cpp 1.4 (QR only)", true, {0}},
#endif
    };
    const int ndec = (int)(sizeof(decoders) / sizeof(decoders[0]));
    int64_t iters = 200;
    const char *env = getenv("LY_BENCH_ITERS");
    char payload[145];
    struct ly_frame frames[SEQ];
    double *ms;

    if (env != NULL && !ly_num_int(env, 1, 1000000, &iters)) {
        fprintf(stderr, "bench_scan: LY_BENCH_ITERS must be a number from 1 to 1000000\n");
        return 2;
    }
    ms = malloc(sizeof(double) * (size_t)iters);
    if (ms == NULL)
        return 1;
    qrs_badge_payload(1, payload);
    if (getenv("LY_BENCH_MATRIX") != NULL)
        return matrix(payload);
    if (getenv("LY_BENCH_READS") != NULL) {
        int64_t n;
        if (!ly_num_int(getenv("LY_BENCH_READS"), 1, 10000, &n)) {
            fprintf(stderr, "bench_scan: LY_BENCH_READS must be a number from 1 to 10000\n");
            return 2;
        }
        return reads(payload, n);
    }
    printf("# bench_scan: median (p50) and p99 ms per frame over %lld frames; each sequence is %d\n"
           "# frames of one scene with fresh sensor noise (sigma 3; sigma 10 when dim); 'zbar'\n"
           "# counts frames given to ZBar, 'read' badge frames decoded to exactly the\n"
           "# 144-character payload.\n",
           (long long)iters, SEQ);
#ifndef LY_HAVE_ZXING
    printf("# zxing-cpp: not built in (needs libzxing-dev and LY_HAVE_ZXING)\n");
#endif
    printf("%-10s %-6s %-42s %8s %8s %8s %8s\n", "frame", "scene", "decoder", "p50 ms", "p99 ms",
           "zbar", "read");
    for (size_t si = 0; si < sizeof(sizes) / sizeof(sizes[0]); si++) {
        for (int scene = SCENE_IDLE; scene <= SCENE_BADGE; scene++) {
            bool badge = scene == SCENE_BADGE;
            for (int i = 0; i < SEQ; i++) {
                struct qrs_params p = {.size = 0.45,
                                       .angle_deg = 8,
                                       .blur = 1,
                                       .noise = scene == SCENE_DIM ? 10 : 3,
                                       .seed = (unsigned)(i + 1),
                                       .scene = 7};
                if (!ly_frame_alloc(&frames[i], sizes[si][0], sizes[si][1]) ||
                    !qrs_frame(&frames[i], badge ? payload : NULL, &p)) {
                    fprintf(stderr, "bench_scan: cannot make frames\n");
                    return 1;
                }
            }
            for (int d = 0; d < ndec; d++) {
                struct ly_scanner *sc = NULL;
                char err[128];
                int read = 0, zbar_frames = 0;
                if (!decoders[d].zxing &&
                    !ly_scanner_open(&decoders[d].cfg, &sc, err, sizeof(err))) {
                    fprintf(stderr, "bench_scan: %s\n", err);
                    return 1;
                }
                for (int64_t it = 0; it < iters; it++) {
                    const struct ly_frame *f = &frames[it % SEQ];
                    int64_t t0 = ly_frame_now_ns();
                    bool ok = decode(&decoders[d], sc, f, badge ? payload : NULL, &zbar_frames);
                    ms[it] = (double)(ly_frame_now_ns() - t0) / 1e6;
                    read += ok;
                }
                qsort(ms, (size_t)iters, sizeof(double), cmp_double);
                char readbuf[32], zbarbuf[32];
                if (badge)
                    snprintf(readbuf, sizeof(readbuf), "%d/%lld", read, (long long)iters);
                else
                    snprintf(readbuf, sizeof(readbuf), "-");
                if (decoders[d].zxing)
                    snprintf(zbarbuf, sizeof(zbarbuf), "-");
                else
                    snprintf(zbarbuf, sizeof(zbarbuf), "%d", zbar_frames);
                printf("%4dx%-5d %-6s %-42s %8.3f %8.3f %8s %8s\n", sizes[si][0], sizes[si][1],
                       scene_names[scene], decoders[d].name, ms[iters / 2],
                       ms[(iters * 99) / 100 < iters ? (iters * 99) / 100 : iters - 1], zbarbuf,
                       readbuf);
                fflush(stdout);
                ly_scanner_close(sc);
            }
            for (int i = 0; i < SEQ; i++)
                ly_frame_free(&frames[i]);
        }
    }
    free(ms);
    return 0;
}
